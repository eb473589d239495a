package api

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"v6admin/validation"
	"v6admin/wire"
)

func TestComposeAuthURL(t *testing.T) {
	tests := []struct {
		scheme, host string
		port         int
		version      string
		want         string
	}{
		{"https", "2001:db8::50", 35357, "v2.0", "https://[2001:db8::50]:35357/v2.0"},
		{"http", "::1", 5000, "v3", "http://[::1]:5000/v3"},
		{"https", "192.0.2.5", 35357, "v3", "https://192.0.2.5:35357/v3"},
		{"https", "keystone.lab.example.org", 443, "v2.0", "https://keystone.lab.example.org:443/v2.0"},
	}
	for _, tt := range tests {
		if got := composeAuthURL(tt.scheme, tt.host, tt.port, tt.version); got != tt.want {
			t.Errorf("composeAuthURL(%q, %q, %d, %q) = %q, want %q", tt.scheme, tt.host, tt.port, tt.version, got, tt.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	// SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
	const want = "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD"
	if got := Fingerprint([]byte("abc")); got != want {
		t.Fatalf("Fingerprint = %s", got)
	}
	for _, in := range []string{want, strings.ToLower(want), strings.ReplaceAll(want, ":", ""), " " + strings.ReplaceAll(want, ":", "-") + " "} {
		if normFingerprint(in) != normFingerprint(want) {
			t.Errorf("normFingerprint(%q) = %q", in, normFingerprint(in))
		}
	}
}

// testCert returns a certificate (PEM and DER) for subject cn, signed by
// parent (nil: self-signed).
func testCert(t *testing.T, cn string, parent *x509.Certificate, parentKey ed25519.PrivateKey) (string, *x509.Certificate, ed25519.PrivateKey) {
	t.Helper()
	seed := sha256.Sum256([]byte(cn))
	key := ed25519.NewKeyFromSeed(seed[:])
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(len(cn))), Subject: pkix.Name{CommonName: cn, Organization: []string{"v6admin lab"}},
		NotBefore: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2044, 1, 1, 0, 0, 0, 0, time.UTC),
		IPAddresses: []net.IP{net.ParseIP("2001:db8::50")}, BasicConstraintsValid: true, IsCA: parent == nil || cn == "lab CA",
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
	}
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent, parentKey
	}
	der, err := x509.CreateCertificate(nil, tmpl, signer, key.Public(), signerKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), c, key
}

// engineDER is a certificate as the engine writes it: base64 of the DER
// bytes, no PEM armour (GetProviderCertificateChainQuery).
func engineDER(c *x509.Certificate) string { return base64.StdEncoding.EncodeToString(c.Raw) }

// chainJSON is GET .../certificates in the engine's shape
// (BackendExternalProviderCertificatesResource, CertificateMapper: id,
// href, subject as X500Principal.toString(), content).
func chainJSON(contents ...string) string {
	var certs []map[string]string
	for i, c := range contents {
		certs = append(certs, map[string]string{"id": itoa(i), "href": "/ovirt-engine/api/openstacknetworkproviders/x/certificates/" + itoa(i),
			"subject": "CN=ignored, O=v6admin lab", "content": c})
	}
	b, _ := json.Marshal(map[string]any{"certificate": certs})
	return string(b)
}

// providerJSON is GET /<kind>/{id} of a provider with a URL.
func providerJSON(id, url string) engineReply {
	return fixed(200, `{"id": "`+id+`", "name": "p-`+id+`", "url": "`+url+`", "requires_authentication": "false"}`)
}

// importedContent returns the contents an importcertificates body sent.
func importedContent(t *testing.T, body string) []string {
	t.Helper()
	var act struct {
		Certificates struct {
			Certificate []struct {
				Content string `json:"content"`
			} `json:"certificate"`
		} `json:"certificates"`
	}
	if err := json.Unmarshal([]byte(body), &act); err != nil {
		t.Fatalf("import body %s: %v", body, err)
	}
	var out []string
	for _, c := range act.Certificates.Certificate {
		out = append(out, c.Content)
	}
	return out
}

func TestProviderCertificatesHandlers(t *testing.T) {
	selfPEM, self, _ := testCert(t, "ovirt-provider-ovn", nil, nil)
	_, ca, caKey := testCert(t, "lab CA", nil, nil)
	_, leaf, _ := testCert(t, "provider.lab.example.org", ca, caKey)
	const osnp = "/openstacknetworkproviders"
	env := newAPIEnv(t, map[string]engineReply{
		"GET " + osnp + "/self":                         providerJSON("self", "https://[2001:db8::50]:9696"),
		"GET " + osnp + "/self/certificates":            fixed(200, chainJSON(engineDER(self))),
		"POST " + osnp + "/self/importcertificates":     fixed(200, `{"status": "complete"}`),
		"GET " + osnp + "/issued":                       providerJSON("issued", "https://provider.lab.example.org:9696"),
		"GET " + osnp + "/issued/certificates":          fixed(200, chainJSON(engineDER(leaf), engineDER(ca))),
		"POST " + osnp + "/issued/importcertificates":   fixed(200, `{"status": "complete"}`),
		"GET /externalhostproviders/plain":              providerJSON("plain", "http://[2001:db8::7]"),
		"GET /externalhostproviders/plain/certificates": fixed(200, `{}`),
		// A real engine answers an unreachable provider with 200 and no certificate.
		"GET " + osnp + "/gone":              providerJSON("gone", "https://[2001:db8::99]:9696"),
		"GET " + osnp + "/gone/certificates": fixed(200, `{}`),
		"GET " + osnp + "/pem":               providerJSON("pem", "https://[2001:db8::50]:9696"),
		"GET " + osnp + "/pem/certificates":  fixed(200, chainJSON(selfPEM)),
		"GET " + osnp + "/junk":              providerJSON("junk", "https://[2001:db8::50]:9696"),
		"GET " + osnp + "/junk/certificates": fixed(200, chainJSON("AAAA")),
	})
	selfFP, leafFP, caFP := Fingerprint(self.Raw), Fingerprint(leaf.Raw), Fingerprint(ca.Raw)
	if len(selfFP) != 95 || strings.ToUpper(selfFP) != selfFP || strings.Count(selfFP, ":") != 31 {
		t.Fatalf("fingerprint format %s", selfFP)
	}

	tests := []struct {
		name, method, path, body string
		status                   int
		contains                 []string
		fields                   map[string]string
	}{
		{"self-signed chain, base64 DER", "GET", "/api/providers/network/self/certificates", "", 200, []string{
			`"status":"presented"`,
			`"subject":"CN=ovirt-provider-ovn,O=v6admin lab","issuer":"CN=ovirt-provider-ovn,O=v6admin lab","self_signed":true`,
			`"sha256_fingerprint":"` + selfFP + `"`, `"not_before":"2024-01-01T00:00:00Z","not_after":"2044-01-01T00:00:00Z"`,
			`"pem":"-----BEGIN CERTIFICATE-----\n`, `"approve":0`,
			`"prompt":"Do you approve trusting self signed certificate subject CN=ovirt-provider-ovn,O=v6admin lab, SHA-256 fingerprint ` + selfFP + `?"`}, nil},
		{"a chain: the last is the one to approve", "GET", "/api/providers/network/issued/certificates", "", 200, []string{
			`"position":0,"subject":"CN=provider.lab.example.org,O=v6admin lab"`, `"position":1,"subject":"CN=lab CA,O=v6admin lab"`, `"approve":1`,
			`"prompt":"Do you approve trusting self signed certificate subject CN=lab CA,O=v6admin lab, SHA-256 fingerprint ` + caFP + `?"`}, nil},
		{"PEM content is read too", "GET", "/api/providers/network/pem/certificates", "", 200, []string{`"sha256_fingerprint":"` + selfFP + `"`}, nil},
		{"http provider", "GET", "/api/providers/host/plain/certificates", "", 200,
			[]string{`"status":"http","certificates":[]`, `"message":"An http provider presents no certificate."`}, nil},
		{"unreachable provider: 200 and an empty list", "GET", "/api/providers/network/gone/certificates", "", 200,
			[]string{`"status":"unreachable","certificates":[]`, `"message":"The engine could not read a certificate from https://[2001:db8::99]:9696: the provider did not answer it over TLS."`}, nil},
		{"unreadable certificate", "GET", "/api/providers/network/junk/certificates", "", 502, []string{`"code":"engine_failed"`}, nil},
		{"unknown kind", "GET", "/api/providers/planet/self/certificates", "", 404, nil, nil},
		{"import needs the fingerprint", "POST", "/api/providers/network/self/import-certificates", `{}`, 400, nil,
			map[string]string{"sha256_fingerprint": "empty"}},
		{"import of another certificate", "POST", "/api/providers/network/self/import-certificates", `{"sha256_fingerprint":"` + leafFP + `"}`, 409,
			[]string{`"code":"conflict"`}, map[string]string{"sha256_fingerprint": "certificate_changed"}},
		{"import without certificates", "POST", "/api/providers/network/gone/import-certificates", `{"sha256_fingerprint":"` + selfFP + `"}`, 409,
			[]string{`"message":"The provider presents no certificate: The engine could not read`}, nil},
		{"import", "POST", "/api/providers/network/self/import-certificates",
			`{"sha256_fingerprint":"` + strings.ToLower(strings.ReplaceAll(selfFP, ":", "")) + `"}`, 200,
			[]string{`{"imported":{"position":0,"subject":"CN=ovirt-provider-ovn,O=v6admin lab"`}, nil},
		{"import of the CA of a chain", "POST", "/api/providers/network/issued/import-certificates", `{"sha256_fingerprint":"` + caFP + `"}`, 200,
			[]string{`{"imported":{"position":1,"subject":"CN=lab CA,O=v6admin lab"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := env.call(t, tt.method, tt.path, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %s:\n%s", want, body)
				}
			}
			if tt.fields != nil {
				wantFields(t, body, tt.fields)
			}
		})
	}
	// Exactly the approved certificate, in the engine's form (base64 DER).
	for path, want := range map[string]string{osnp + "/self/importcertificates": engineDER(self), osnp + "/issued/importcertificates": engineDER(ca)} {
		sent := env.sent("POST", path)
		if len(sent) != 1 {
			t.Fatalf("%s: imports sent: %v", path, sent)
		}
		if got := importedContent(t, sent[0]); len(got) != 1 || got[0] != want {
			t.Fatalf("%s: import body %s", path, sent[0])
		}
	}
}

func TestProviderTestMessages(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"POST /openstacknetworkproviders/ok/testconnectivity": fixed(200, `{"status": "complete"}`),
		// performAction's failure: the engine's PROVIDER_FAILURE text.
		"POST /openstacknetworkproviders/down/testconnectivity": fixed(400, `{"reason": "Operation Failed",
			"detail": "[Failed to communicate with the external provider, see log for additional details.]"}`),
		"POST /openstacknetworkproviders/untrusted/testconnectivity": fixed(400, `{"status": "failed", "fault": {"reason": "Operation Failed",
			"detail": "[Failed to communicate with the external provider, see log for additional details., The provider's certificate is not trusted. Import it first.]"}}`),
		"POST /externalhostproviders/bare/testconnectivity": fixed(400, `{"status": "failed", "fault": {"reason": "Operation Failed"}}`),
	})
	tests := []struct {
		path, want string
	}{
		{"/api/providers/network/ok/test", `{"ok":true,"message":"Test succeeded, managed to access provider."}`},
		{"/api/providers/network/down/test", `{"ok":false,"message":"Failed to communicate with the external provider, see log for additional details."}`},
		{"/api/providers/network/untrusted/test", `{"ok":false,"message":"Failed to communicate with the external provider, see log for additional details. The provider's certificate is not trusted. Import it first."}`},
		{"/api/providers/host/bare/test", `{"ok":false,"message":"Operation Failed"}`},
	}
	for _, tt := range tests {
		status, body := env.call(t, "POST", tt.path, "")
		if status != 200 || strings.TrimSpace(body) != tt.want {
			t.Errorf("%s: %d %s", tt.path, status, body)
		}
	}
	if status, _ := env.call(t, "POST", "/api/providers/network/missing/test", ""); status != 404 {
		t.Errorf("missing provider: %d", status)
	}
}

// TestProviderRequests: the dialog's fields, the authentication URL
// composed with brackets, and the field errors.
func TestProviderRequests(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"POST /openstacknetworkproviders":   echoCreated("p1"),
		"POST /externalhostproviders":       echoCreated("e1"),
		"GET /openstacknetworkproviders/n1": fixed(200, `{"id": "n1", "name": "neutron", "type": "neutron"}`),
		"PUT /openstacknetworkproviders/n1": fixed(200, `{"id": "n1", "name": "neutron", "type": "neutron"}`),
		"GET /openstacknetworkproviders/p1": fixed(200, `{"id": "p1", "name": "lab", "type": "external"}`),
		"PUT /openstacknetworkproviders/p1": fixed(200, `{"id": "p1", "name": "lab", "type": "external", "url": "https://[2001:db8::50]:9696",
			"requires_authentication": "true", "username": "admin@internal", "authentication_url": "http://[2001:db8::50]:5000/v2.0"}`),
	})
	net := func(extra string) string {
		return `{"kind":"network","name":"lab","url":"https://[2001:db8::50]:9696","requires_authentication":true,"username":"admin@internal","password":"pw"` + extra + `}`
	}
	tests := []struct {
		name, body string
		status     int
		sent       []string          // fragments of the engine request
		view       []string          // fragments of the response
		fields     map[string]string // field errors
	}{
		{"external network provider, IPv6 Keystone host", net(`,"plugin_type":"ovirt-provider-ovn","host_name":"2001:db8::50"`), 201,
			[]string{`"authentication_url":"https://[2001:db8::50]:35357/v2.0"`, `"type":"external"`, `"external_plugin_type":"ovirt-provider-ovn"`, `"password":"pw"`},
			[]string{`"type":"external"`, `"authentication_url":"https://[2001:db8::50]:35357/v2.0","protocol":"https","host_name":"2001:db8::50","api_port":35357,"api_version":"v2.0"`,
				`"url_host":{"address":"2001:db8::50","kind":"ipv6","scope":"documentation"}`}, nil},
		{"bracketed host, http, another port", net(`,"host_name":"[2001:DB8:0::50]","protocol":"http","api_port":5000,"api_version":"v2.0"`), 201,
			[]string{`"authentication_url":"http://[2001:db8::50]:5000/v2.0"`}, nil, nil},
		{"OpenStack Networking, v3 by default", net(`,"type":"neutron","host_name":"keystone.lab.example.org","user_domain_name":"Default","project_name":"admin"`), 201,
			[]string{`"authentication_url":"https://keystone.lab.example.org:35357/v3"`, `"type":"neutron"`, `"user_domain_name":"Default"`}, []string{`"api_version":"v3"`}, nil},
		{"OpenStack Networking v2.0", net(`,"type":"neutron","host_name":"192.0.2.5","api_version":"v2.0","tenant_name":"admin"`), 201,
			[]string{`"authentication_url":"https://192.0.2.5:35357/v2.0"`, `"tenant_name":"admin"`}, nil, nil},
		{"whole authentication URL", net(`,"authentication_url":"HTTPS://[2001:DB8::50]:35357/v2.0"`), 201,
			[]string{`"authentication_url":"https://[2001:db8::50]:35357/v2.0"`}, nil, nil},
		{"both forms agreeing", net(`,"authentication_url":"https://[2001:db8::50]:35357/v2.0","host_name":"2001:db8::50"`), 201, nil, nil, nil},
		{"no authentication", `{"kind":"network","name":"lab","url":"http://[2001:db8::51]:9696"}`, 201,
			[]string{`"requires_authentication":"false"`}, []string{`"requires_authentication":false`}, nil},
		{"Foreman", `{"kind":"host","type":"foreman","name":"fm","url":"https://foreman.lab.example.org"}`, 201, nil, []string{`"kind":"host","type":"foreman"`}, nil},

		{"both forms disagreeing", net(`,"authentication_url":"https://[2001:db8::50]:5000/v2.0","host_name":"2001:db8::50"`), 400, nil, nil,
			map[string]string{"authentication_url": "mismatch"}},
		{"external takes v2.0 only", net(`,"host_name":"2001:db8::50","api_version":"v3"`), 400, nil, nil,
			map[string]string{"api_version": "not_allowed: An External Network Provider uses API version v2.0."}},
		{"neutron v3 needs a user domain", net(`,"type":"neutron","host_name":"2001:db8::50"`), 400, nil, nil,
			map[string]string{"user_domain_name": "empty: This field can't be empty."}},
		{"neutron v2.0 needs a tenant", net(`,"type":"neutron","host_name":"2001:db8::50","api_version":"v2.0"`), 400, nil, nil,
			map[string]string{"tenant_name": "empty"}},
		{"authentication needs a host name", net(``), 400, nil, nil, map[string]string{"host_name": "empty"}},
		{"host name with a port", net(`,"host_name":"[2001:db8::50]:35357"`), 400, nil, nil, map[string]string{"host_name": "bad_port"}},
		{"host name neither name nor address", net(`,"host_name":"256.1.1.1"`), 400, nil, nil, map[string]string{"host_name": "numeric_name"}},
		{"host name with a zone", net(`,"host_name":"fe80::1%eth0"`), 400, nil, nil, map[string]string{"host_name": "zone_not_allowed"}},
		{"API port out of range", net(`,"host_name":"2001:db8::50","api_port":70000`), 400, nil, nil, map[string]string{"api_port": "out_of_range"}},
		{"bad protocol", net(`,"host_name":"2001:db8::50","protocol":"ftp"`), 400, nil, nil, map[string]string{"protocol": "not_allowed"}},
		{"bare IPv6 provider URL", `{"kind":"network","name":"lab","url":"https://2001:db8::50:9696"}`, 400, nil, nil,
			map[string]string{"url": "brackets_required"}},
		{"Foreman has no authentication URL", `{"kind":"host","name":"fm","url":"https://foreman.lab.example.org","host_name":"2001:db8::50"}`, 400, nil, nil,
			map[string]string{"host_name": "not_allowed"}},
		{"Foreman has no authentication URL, whole", `{"kind":"host","name":"fm","url":"https://foreman.lab.example.org","authentication_url":"https://[2001:db8::50]:35357/v2.0"}`, 400, nil, nil,
			map[string]string{"authentication_url": "not_allowed: Foreman/Satellite providers have no authentication URL."}},
		{"a dot in the name (the engine's @ValidName)", `{"kind":"network","name":"ovn.lab","url":"https://[2001:db8::50]:9696"}`, 400, nil, nil,
			map[string]string{"name": `syntax: Name must be formed of alphanumeric characters, numbers or "-_".`}},
		{"a name over the engine's 128", `{"kind":"network","name":"` + strings.Repeat("p", 129) + `","url":"https://[2001:db8::50]:9696"}`, 400, nil, nil,
			map[string]string{"name": "too_long: Name must be at most 128 characters long."}},
		{"the reserved name of Test", `{"kind":"network","name":"v6admin-test-1","url":"https://[2001:db8::50]:9696"}`, 400, nil, nil,
			map[string]string{"name": "reserved"}},
		{"type of another kind", `{"kind":"host","type":"neutron","name":"fm","url":"https://foreman.lab.example.org"}`, 400, nil, nil,
			map[string]string{"type": "kind_mismatch"}},
		{"Foreman is a host provider", `{"kind":"network","type":"foreman","name":"fm","url":"https://foreman.lab.example.org"}`, 400, nil, nil,
			map[string]string{"type": "kind_mismatch"}},
		{"every error at once", `{"kind":"network","name":"bad name","url":"https://[2001:db8::50]:9696","requires_authentication":true,"username":"u","host_name":"2001:db8::50::1"}`,
			400, nil, nil, map[string]string{"name": "syntax", "password": "empty", "host_name": "syntax"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(env.sent("POST", "/openstacknetworkproviders")) + len(env.sent("POST", "/externalhostproviders"))
			status, body := env.call(t, "POST", "/api/providers", tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			sent := append(env.sent("POST", "/openstacknetworkproviders"), env.sent("POST", "/externalhostproviders")...)
			if tt.fields != nil {
				wantFields(t, body, tt.fields)
				if len(sent) != before {
					t.Fatal("an invalid request reached the engine")
				}
				return
			}
			last := sent[len(sent)-1]
			for _, f := range tt.sent {
				if !strings.Contains(last, f) {
					t.Errorf("engine got %s, lacking %s", last, f)
				}
			}
			for _, f := range tt.view {
				if !strings.Contains(body, f) {
					t.Errorf("view %s lacks %s", body, f)
				}
			}
			if strings.Contains(body, `"pw"`) {
				t.Error("password in the view")
			}
		})
	}
	// Edit: the parts are composed the same way; the view splits them back.
	status, body := env.call(t, "PUT", "/api/providers/network/p1", net(`,"host_name":"2001:db8::50","protocol":"http","api_port":5000`))
	if status != 200 || !strings.Contains(body, `"protocol":"http","host_name":"2001:db8::50","api_port":5000,"api_version":"v2.0"`) {
		t.Fatalf("edit: %d %s", status, body)
	}
	if s := env.sent("PUT", "/openstacknetworkproviders/p1"); len(s) != 1 || !strings.Contains(s[0], `"authentication_url":"http://[2001:db8::50]:5000/v2.0"`) {
		t.Fatalf("edit sent %v", s)
	}
	// Edit without a type keeps the stored one (and its default version).
	status, body = env.call(t, "PUT", "/api/providers/network/n1", net(`,"host_name":"2001:db8::60","user_domain_name":"Default"`))
	if status != 200 {
		t.Fatalf("edit neutron: %d %s", status, body)
	}
	if s := env.sent("PUT", "/openstacknetworkproviders/n1"); len(s) != 1 || !strings.Contains(s[0], `"type":"neutron"`) ||
		!strings.Contains(s[0], `"authentication_url":"https://[2001:db8::60]:35357/v3"`) {
		t.Fatalf("edit sent %v", s)
	}
	if status, body := env.call(t, "PUT", "/api/providers/host/p1", net(``)); status != 400 {
		t.Fatalf("edit of another kind: %d %s", status, body)
	}
	_ = http.StatusOK
}

// TestProviderTestSettings: Test of unsaved settings runs on a temporary
// provider under a reserved name that is always removed; Edit with the
// saved password tests the saved provider, or says the password is
// needed; the certificate step imports exactly the approved certificate.
func TestProviderTestSettings(t *testing.T) {
	_, self, _ := testCert(t, "ovirt-provider-ovn", nil, nil)
	_, other, _ := testCert(t, "someone-else", nil, nil)
	selfFP := Fingerprint(self.Raw)
	const osnp = "/openstacknetworkproviders"
	var trusted bool
	failing := fixed(400, `{"reason": "Operation Failed", "detail": "[Failed to communicate with the external provider, see log for additional details.]"}`)
	testTmp := func([]byte) (int, string) {
		if trusted {
			return 200, `{"status": "complete"}`
		}
		return failing(nil)
	}
	stale := TemporaryProviderPrefix + strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10) + "-00000000"
	fresh := TemporaryProviderPrefix + strconv.FormatInt(time.Now().Unix(), 10) + "-11111111"
	routes := map[string]engineReply{
		"GET " + osnp: fixed(200, `{"openstack_network_provider": [{"id": "saved", "name": "lab"}, {"id": "stale", "name": "`+stale+`"},
			{"id": "fresh", "name": "`+fresh+`"}]}`),
		"DELETE " + osnp + "/stale":                fixed(200, `{"status": "complete"}`),
		"POST " + osnp:                             echoCreated("tmp"),
		"POST " + osnp + "/tmp/testconnectivity":   testTmp,
		"GET " + osnp + "/tmp/certificates":        fixed(200, chainJSON(engineDER(self))),
		"POST " + osnp + "/tmp/importcertificates": func([]byte) (int, string) { trusted = true; return 200, `{"status": "complete"}` },
		"DELETE " + osnp + "/tmp":                  fixed(200, `{"status": "complete"}`),
		"GET " + osnp + "/saved": fixed(200, `{"id": "saved", "name": "lab", "type": "external", "url": "https://[2001:DB8::50]:9696",
			"requires_authentication": "true", "username": "admin@internal", "authentication_url": "https://[2001:db8::50]:35357/v2.0"}`),
		"POST " + osnp + "/saved/testconnectivity":          fixed(200, `{"status": "complete"}`),
		"GET /externalhostproviders":                        fixed(200, `{}`),
		"POST /externalhostproviders":                       echoCreated("htmp"),
		"POST /externalhostproviders/htmp/testconnectivity": failing,
		"GET /externalhostproviders/htmp/certificates":      fixed(200, `{}`),
		"DELETE /externalhostproviders/htmp":                fixed(500, `{"reason": "Operation Failed", "detail": "[boom]"}`),
	}
	env := newAPIEnv(t, routes)
	add := `{"kind":"network","type":"external","name":"lab","url":"https://[2001:db8::50]:9696","plugin_type":"oVirt Network Provider for OVN",` +
		`"requires_authentication":true,"username":"admin@internal","password":"pw","host_name":"2001:db8::50"`
	call := func(body string) wire.ProviderTest {
		t.Helper()
		status, out := env.call(t, "POST", "/api/providers/test", body)
		if status != 200 {
			t.Fatalf("status %d: %s", status, out)
		}
		var v wire.ProviderTest
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	created := func() []string { return env.sent("POST", osnp) }

	// Add: the test fails, the provider presents a certificate to approve.
	v := call(add + `}`)
	if v.OK || v.Message != "Failed to communicate with the external provider, see log for additional details." ||
		v.Certificates == nil || v.Certificates.Status != wire.ChainPresented || v.Certificates.Certificates[v.Certificates.Approve].SHA256Fingerprint != selfFP ||
		!strings.Contains(v.Tested, "temporary provider ("+TemporaryProviderPrefix) || v.Imported != nil {
		t.Fatalf("first test %+v", v)
	}
	c := created()
	if len(c) != 1 || !strings.Contains(c[0], `"name":"`+TemporaryProviderPrefix) || !strings.Contains(c[0], `"password":"pw"`) ||
		!strings.Contains(c[0], `"auto_sync":"false"`) || !strings.Contains(c[0], `"read_only":"true"`) ||
		!strings.Contains(c[0], `"authentication_url":"https://[2001:db8::50]:35357/v2.0"`) {
		t.Fatalf("temporary provider %v", c)
	}
	if d := env.sent("DELETE", osnp+"/tmp"); len(d) != 1 {
		t.Fatalf("temporary provider removed %d times", len(d))
	}
	if d := env.sent("DELETE", osnp+"/stale"); len(d) != 1 {
		t.Fatalf("leftover removed %d times", len(d))
	}
	if d := env.sent("DELETE", osnp+"/fresh"); len(d) != 0 {
		t.Fatal("a running test's provider was removed")
	}
	if p := env.sent("PUT", osnp+"/saved"); len(p) != 0 {
		t.Fatal("Test saved something")
	}

	// Yes: exactly the approved certificate is imported, then the test passes.
	v = call(add + `,"import_sha256_fingerprint":"` + selfFP + `"}`)
	if !v.OK || v.Message != MsgProviderTestOK || v.Imported == nil || v.Imported.SHA256Fingerprint != selfFP || v.Certificates != nil {
		t.Fatalf("test after import %+v", v)
	}
	if imp := env.sent("POST", osnp+"/tmp/importcertificates"); len(imp) != 1 || importedContent(t, imp[0])[0] != engineDER(self) {
		t.Fatalf("imports %v", imp)
	}
	if d := env.sent("DELETE", osnp+"/tmp"); len(d) != 2 {
		t.Fatalf("temporary provider removed %d times", len(d))
	}
	// An approval of another certificate imports nothing.
	trusted = false
	v = call(add + `,"import_sha256_fingerprint":"` + Fingerprint(other.Raw) + `"}`)
	if v.OK || v.Message != msgCertChanged || v.Imported != nil || len(env.sent("POST", osnp+"/tmp/importcertificates")) != 1 {
		t.Fatalf("changed certificate %+v", v)
	}

	// Edit with the saved password and the saved connection settings: the
	// saved provider is tested, nothing is created.
	before := len(created())
	edit := `{"id":"saved","kind":"network","name":"lab-renamed","url":"https://[2001:db8::50]:9696","plugin_type":"oVirt Network Provider for OVN",` +
		`"requires_authentication":true,"username":"admin@internal","host_name":"2001:db8::50","description":"new"`
	v = call(edit + `}`)
	if !v.OK || v.Tested != msgTestedSaved || len(created()) != before {
		t.Fatalf("edit, saved settings %+v", v)
	}
	// Changed connection settings without the password: say it is needed.
	v = call(strings.Replace(edit, `"username":"admin@internal"`, `"username":"other"`, 1) + `}`)
	if v.OK || !v.NeedsPassword || v.Message != msgNeedsPassword || len(created()) != before {
		t.Fatalf("edit, changed settings %+v", v)
	}
	// With the password the changed settings are tested on a temporary provider.
	v = call(strings.Replace(edit, `"username":"admin@internal"`, `"username":"other","password":"pw2"`, 1) + `}`)
	if len(created()) != before+1 || !strings.Contains(v.Tested, "temporary provider") {
		t.Fatalf("edit with password %+v", v)
	}
	if p := env.sent("PUT", osnp+"/saved"); len(p) != 0 {
		t.Fatal("Test saved the edits")
	}

	// Foreman over https, unreachable: the reason, and "unreachable", not
	// "no certificate"; a failed removal is said.
	v = call(`{"kind":"host","type":"foreman","name":"fm","url":"https://foreman.lab.example.org"}`)
	if v.OK || v.Message != "Failed to communicate with the external provider, see log for additional details." ||
		v.Certificates == nil || v.Certificates.Status != wire.ChainUnreachable || !strings.Contains(v.Warning, "could not be removed") {
		t.Fatalf("foreman %+v", v)
	}
	if c := env.sent("POST", "/externalhostproviders"); len(c) != 1 || strings.Contains(c[0], "authentication_url") {
		t.Fatalf("foreman sent %v", c)
	}

	// Invalid settings reach no engine.
	before = len(created())
	if status, body := env.call(t, "POST", "/api/providers/test", `{"kind":"network","name":"lab","url":"https://2001:db8::50:9696"}`); status != 400 {
		t.Fatalf("invalid: %d %s", status, body)
	} else {
		wantFields(t, body, map[string]string{"url": "brackets_required"})
	}
	if status, body := env.call(t, "POST", "/api/providers/test", add[:len(add)-len(`,"host_name":"2001:db8::50"`)]+`,"password":"","host_name":"2001:db8::50"}`); status != 400 {
		t.Fatalf("add without password: %d %s", status, body)
	}
	if len(created()) != before {
		t.Fatal("an invalid test reached the engine")
	}
}

func TestTemporaryNames(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	n := temporaryName(now)
	if !strings.HasPrefix(n, TemporaryProviderPrefix+"1800000000-") || len(n) != len(TemporaryProviderPrefix)+10+1+8 {
		t.Fatalf("name %s", n)
	}
	if err := validation.ProviderName(n); err != nil {
		t.Fatalf("%s is not a valid provider name: %v", n, err)
	}
	tests := []struct {
		name string
		age  time.Duration
		ok   bool
	}{
		{n, 0, true},
		{TemporaryProviderPrefix + "1799999400-ab", 10 * time.Minute, true},
		{"lab", 0, false},
		{TemporaryProviderPrefix + "x-1", 0, false},
	}
	for _, tt := range tests {
		if age, ok := temporaryAge(tt.name, now); ok != tt.ok || age != tt.age {
			t.Errorf("temporaryAge(%q) = %v, %v", tt.name, age, ok)
		}
	}
}
