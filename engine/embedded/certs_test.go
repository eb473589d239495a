package embedded

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// TestProviderCertificates: the Add Provider dialog's Test flow against
// the engine: an untrusted self-signed certificate fails the test, is
// listed, imported, and the test then succeeds.
func TestProviderCertificates(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir)
	untrusted := bracket(msgProviderComm, msgCertNotTrusted)
	add := func(path, name, url string, extra map[string]any) string {
		t.Helper()
		body := map[string]any{"name": name, "url": url}
		if path == "openstacknetworkproviders" {
			body["external_plugin_type"] = "ovirt-provider-ovn"
		}
		for k, x := range extra {
			body[k] = x
		}
		var p ovirt.OpenStackNetworkProvider
		v.must(201, "POST", "/"+path, body, &p)
		if l, ok := ovirt.FindLink(p.Link, "certificates"); !ok || l.Href != ovirt.Href(path, p.ID, "certificates") {
			t.Fatalf("certificates link %+v", p.Link)
		}
		if _, ok := p.Actions.Find("importcertificates"); !ok {
			t.Fatalf("actions %+v", p.Actions)
		}
		return p.ID
	}
	testFails := func(path, id, detail string) {
		t.Helper()
		var a ovirt.Action
		v.must(400, "POST", "/"+path+"/"+id+"/testconnectivity", "{}", &a)
		if a.Status != ovirt.ActionStatusFailed || a.Fault == nil || a.Fault.Detail != detail {
			t.Fatalf("test: %+v", a)
		}
	}
	osnp := "openstacknetworkproviders"
	labID := add(osnp, "lab", SeedLabProviderURL, map[string]any{"type": "external", "requires_authentication": true,
		"username": "admin@internal", "password": "pw", "authentication_url": SeedLabProviderAuthURL})
	testFails(osnp, labID, untrusted)

	var chain ovirt.Certificates
	v.must(200, "GET", "/"+osnp+"/"+labID+"/certificates", nil, &chain)
	if len(chain.Certificate) != 1 {
		t.Fatalf("chain %+v", chain)
	}
	// The engine's shape: base64 of the DER bytes, no PEM armour, no line
	// breaks; Java's X500Principal form of the subject; no organization.
	cert := chain.Certificate[0]
	if cert.ID != "0" || cert.Href != ovirt.Href(osnp, labID, "certificates", "0") || cert.Subject != "CN=ovirt-provider-ovn, O=v6admin lab" ||
		cert.Organization != "" || cert.Content != derContent(t, "2001:db8::50", "ovirt-provider-ovn") {
		t.Fatalf("certificate %+v", cert)
	}
	pemText, _ := lab.Certificate("2001:db8::50", "ovirt-provider-ovn")
	otherContent := derContent(t, "2001:db8::51", "someone-else")
	var one ovirt.Certificate
	v.must(200, "GET", "/"+osnp+"/"+labID+"/certificates/0", nil, &one)
	if one.Content != cert.Content {
		t.Fatal("certificates/0 differs from the list")
	}
	for _, bad := range []string{"1", "x", "00", "-1"} {
		if resp, _ := v.do("GET", "/"+osnp+"/"+labID+"/certificates/"+bad, nil); resp.StatusCode != 404 {
			t.Errorf("certificates/%s: %d", bad, resp.StatusCode)
		}
	}

	importPath := "/" + osnp + "/" + labID + "/importcertificates"
	faults := []struct {
		name, reason, detail string
		body                 any
	}{
		{"no certificates", reasonIncomplete, "Action [certificates] required for importCertificates", "{}"},
		{"empty list", reasonIncomplete, "Action [certificates] required for importCertificates", map[string]any{"certificates": map[string]any{}}},
		{"no content", reasonIncomplete, "Certificate [content] required for importCertificates",
			map[string]any{"certificates": map[string]any{"certificate": []any{map[string]any{"subject": "CN=x"}}}}},
		{"not base64", reasonFailed, "[Failed to import provider certificate.]",
			map[string]any{"certificates": map[string]any{"certificate": []any{map[string]any{"content": "hello!"}}}}},
		{"PEM is not the engine's form", reasonFailed, "[Failed to import provider certificate.]",
			map[string]any{"certificates": map[string]any{"certificate": []any{map[string]any{"content": pemText}}}}},
		{"base64 of no certificate", reasonFailed, "[Failed to import provider certificate.]",
			map[string]any{"certificates": map[string]any{"certificate": []any{map[string]any{"content": "aGVsbG8="}}}}},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			var a ovirt.Action
			v.must(400, "POST", importPath, f.body, &a)
			if a.Status != ovirt.ActionStatusFailed || a.Fault == nil || a.Fault.Reason != f.reason || a.Fault.Detail != f.detail {
				if f.reason == reasonIncomplete {
					v.fault(400, f.reason, f.detail, "POST", importPath, f.body)
					return
				}
				t.Fatalf("import: %+v", a)
			}
		})
	}
	// Only the first certificate sent is imported (the REST layer's list.get(0)).
	v.must(200, "POST", importPath, map[string]any{"certificates": map[string]any{"certificate": []any{
		map[string]any{"content": otherContent}, map[string]any{"content": cert.Content}}}}, nil)
	testFails(osnp, labID, untrusted) // nothing was imported by the failures
	if resp, _ := v.do("POST", "/"+osnp+"/nope/importcertificates", map[string]any{"certificates": map[string]any{"certificate": []any{map[string]any{"content": cert.Content}}}}); resp.StatusCode != 404 {
		t.Fatalf("import for an unknown provider: %d", resp.StatusCode)
	}

	var act ovirt.Action
	v.must(200, "POST", importPath, map[string]any{"certificates": map[string]any{"certificate": []any{map[string]any{"content": cert.Content}}}}, &act)
	if act.Status != ovirt.ActionStatusComplete {
		t.Fatalf("import %+v", act)
	}
	var evs ovirt.Events
	v.must(200, "GET", "/events?max=1", nil, &evs)
	if e := evs.Event[0]; e.Code.Value() != 213 || e.Description != "Certificate for provider lab was imported. (User: admin@internal-authz)" {
		t.Fatalf("event %+v", e)
	}
	v.must(200, "POST", "/"+osnp+"/"+labID+"/testconnectivity", "{}", nil)

	// Trust is the engine's, not the provider's: another provider at the
	// same host passes, and so does the trust across a restart.
	lab2 := add(osnp, "lab2", "https://[2001:DB8:0::50]:9696", nil)
	v.must(200, "POST", "/"+osnp+"/"+lab2+"/testconnectivity", "{}", nil)
	token := v.token
	v.close()
	v = openEnv(t, dir)
	v.token = token
	v.must(200, "POST", "/"+osnp+"/"+labID+"/testconnectivity", "{}", nil)

	// http: no certificates, reachable.
	plain := add(osnp, "plain", SeedHTTPProviderURL, nil)
	if b := v.must(200, "GET", "/"+osnp+"/"+plain+"/certificates", nil, nil); string(b) != "{}" {
		t.Fatalf("http chain %s", b)
	}
	v.must(200, "POST", "/"+osnp+"/"+plain+"/testconnectivity", "{}", nil)

	// Nobody answers: the engine lists no certificate (200 {}, as
	// BackendExternalProviderCertificatesResource maps the failed query),
	// and the test fails with the reason.
	gone := add(osnp, "gone", "https://[2001:db8::99]:9696", nil)
	if b := v.must(200, "GET", "/"+osnp+"/"+gone+"/certificates", nil, nil); string(b) != "{}" {
		t.Fatalf("unreachable chain %s", b)
	}
	if resp, _ := v.do("GET", "/"+osnp+"/"+gone+"/certificates/0", nil); resp.StatusCode != 404 {
		t.Fatalf("unreachable certificates/0: %d", resp.StatusCode)
	}
	testFails(osnp, gone, bracket(msgProviderComm, "No service answers at https://[2001:db8::99]:9696."))
	if resp, _ := v.do("GET", "/"+osnp+"/nope/certificates", nil); resp.StatusCode != 404 {
		t.Fatalf("unknown provider: %d", resp.StatusCode)
	}

	// The seeded OVN provider's certificate was trusted at setup.
	var ps ovirt.OpenStackNetworkProviders
	v.must(200, "GET", "/"+osnp+"?search=name%3Dovirt-provider-ovn", nil, &ps)
	v.must(200, "POST", "/"+osnp+"/"+ps.OpenStackNetworkProvider[0].ID+"/testconnectivity", "{}", nil)

	// External host providers have the same flow.
	ehp := "externalhostproviders"
	sat := add(ehp, "satellite", "https://[2001:db8:10::7]", nil)
	testFails(ehp, sat, untrusted)
	v.must(200, "GET", "/"+ehp+"/"+sat+"/certificates", nil, &chain)
	if len(chain.Certificate) != 1 || chain.Certificate[0].Subject != "CN=satellite.lab.example.org, O=v6admin lab" {
		t.Fatalf("satellite chain %+v", chain)
	}
	v.must(200, "POST", "/"+ehp+"/"+sat+"/importcertificates", &ovirt.Action{Certificates: &chain}, nil)
	v.must(200, "POST", "/"+ehp+"/"+sat+"/testconnectivity", "{}", nil)

	// SimulateProviderEndpoint makes any URL reachable.
	const extra = "https://[2001:db8:42::1]:9696/some/path"
	other := add(osnp, "other", extra, nil)
	testFails(osnp, other, bracket(msgProviderComm, "No service answers at https://[2001:db8:42::1]:9696."))
	if err := v.e.SimulateProviderEndpoint(context.Background(), extra, "other-provider", false); err != nil {
		t.Fatal(err)
	}
	testFails(osnp, other, untrusted)
	v.must(200, "GET", "/"+osnp+"/"+other+"/certificates", nil, &chain)
	if chain.Certificate[0].Subject != "CN=other-provider, O=v6admin lab" {
		t.Fatalf("simulated chain %+v", chain)
	}
	if err := v.e.SimulateProviderEndpoint(context.Background(), "https://[2001:db8:42::2]:9696", "trusted", true); err != nil {
		t.Fatal(err)
	}
	trusted := add(osnp, "trusted", "https://[2001:db8:42::2]:9696", nil)
	v.must(200, "POST", "/"+osnp+"/"+trusted+"/testconnectivity", "{}", nil)
	if err := v.e.SimulateProviderEndpoint(context.Background(), "https://2001:db8::1:9696", "bad", false); err == nil {
		t.Fatal("a bare IPv6 URL was accepted")
	}
}

// TestLabUpgrade: endpoints written without certificates (by an older
// version) present their certificate anyway, and Open restores the lab.
func TestLabUpgrade(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir)
	sat := endpointKeyMust("https://[2001:db8:10::7]")
	if err := v.e.st.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.Delete(kindEndpoint, endpointKeyMust(SeedLabProviderURL)); err != nil {
			return err
		}
		return tx.Put(kindEndpoint, sat, "", "", []byte(`{"url":"https://[2001:db8:10::7]","name":"old"}`))
	}); err != nil {
		t.Fatal(err)
	}
	chainOf := func(url string) []ovirt.Certificate {
		t.Helper()
		var p ovirt.ExternalHostProvider
		v.must(201, "POST", "/externalhostproviders", map[string]any{"name": "p" + strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, url), "url": url}, &p)
		var chain ovirt.Certificates
		v.must(200, "GET", "/externalhostproviders/"+p.ID+"/certificates", nil, &chain)
		return chain.Certificate
	}
	want := derContent(t, "2001:db8:10::7", "2001:db8:10::7")
	if c := chainOf("https://[2001:db8:10::7]"); len(c) != 1 || c[0].Content != want {
		t.Fatalf("certless endpoint: %+v", c)
	}
	token := v.token
	v.close()
	v = openEnv(t, dir)
	v.token = token
	want = derContent(t, "2001:db8::50", "ovirt-provider-ovn")
	if c := chainOf(SeedLabProviderURL); len(c) != 1 || c[0].Content != want {
		t.Fatalf("restored endpoint: %+v", c)
	}
}

// derContent is the engine's content of the lab certificate of host: base64
// of its DER bytes.
func derContent(t *testing.T, host, cn string) string {
	t.Helper()
	p, err := lab.Certificate(host, cn)
	if err != nil {
		t.Fatal(err)
	}
	c, err := lab.ParseCertPEM(p)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(c.Raw)
}
