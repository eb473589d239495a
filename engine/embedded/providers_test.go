package embedded

import (
	"strings"
	"testing"

	"v6admin/engine/embedded/rules"
	"v6admin/engine/ovirt"
)

func TestProviders(t *testing.T) {
	v := newEnv(t)
	var ps ovirt.OpenStackNetworkProviders
	v.must(200, "GET", "/openstacknetworkproviders", nil, &ps)
	if len(ps.OpenStackNetworkProvider) != 1 || ps.OpenStackNetworkProvider[0].Url != SeedOVNURL {
		t.Fatalf("seeded %+v", ps)
	}
	ovn := ps.OpenStackNetworkProvider[0]
	var act ovirt.Action
	v.must(200, "POST", "/openstacknetworkproviders/"+ovn.ID+"/testconnectivity", "{}", &act)
	if act.Status != ovirt.ActionStatusComplete {
		t.Fatalf("test %+v", act)
	}
	body := map[string]any{"name": "ovn2", "type": "external", "external_plugin_type": "ovirt-provider-ovn", "url": "https://[2001:db8::1]:9696",
		"requires_authentication": "true", "username": "admin@internal", "password": "pw", "authentication_url": "https://[2001:db8::1]:35357/v2.0", "tenant_name": "oVirt"}
	resp, b := v.do("POST", "/openstacknetworkproviders", body)
	if resp.StatusCode != 201 || strings.Contains(string(b), "password") {
		t.Fatalf("add %d %s", resp.StatusCode, b)
	}
	var p ovirt.OpenStackNetworkProvider
	_ = jsonUnmarshal(b, &p)
	if resp.Header.Get("Location") != v.srv.URL+p.Href || p.Url != "https://[2001:db8::1]:9696" {
		t.Fatalf("provider %s", b)
	}
	// no simulated service at [2001:db8::1]:9696
	resp, b = v.do("POST", "/openstacknetworkproviders/"+p.ID+"/testconnectivity", "{}")
	if resp.StatusCode != 400 || !strings.Contains(string(b), `"status":"failed"`) || !strings.Contains(string(b), msgProviderComm) {
		t.Fatalf("test unknown: %d %s", resp.StatusCode, b)
	}
	with := func(k string, val any) map[string]any {
		m := map[string]any{}
		for kk, vv := range body {
			m[kk] = vv
		}
		m["name"] = "ovn3"
		if val == nil {
			delete(m, k)
		} else {
			m[k] = val
		}
		return m
	}
	cases := []struct {
		name           string
		body           any
		status         int
		reason, detail string
	}{
		{"duplicate", with("name", "ovn2"), 409, "Operation Failed", "[Cannot add Provider. The Provider name is already in use, please choose a unique name and try again.]"},
		{"missing", map[string]any{}, 400, "Incomplete parameters", "OpenStackNetworkProvider [name] required for add"},
		{"bad type", with("type", "ovs"), 400, "Invalid value", "ovs is not a member of OpenStackNetworkProviderType"},
		{"no user", with("username", nil), 400, "Operation Failed", "[" + rules.MsgProviderNoUser + "]"},
		{"no password", with("password", nil), 400, "Operation Failed", "[" + rules.MsgProviderNoPass + "]"},
		{"bad auth url", with("authentication_url", "https://[2001:db8::1]/v2.0"), 400, "Operation Failed", "[" + rules.MsgProviderAuthURL("add", "https://[2001:db8::1]/v2.0") + "]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v.fault(c.status, c.reason, c.detail, "POST", "/openstacknetworkproviders", c.body)
		})
	}
	v.must(200, "PUT", "/openstacknetworkproviders/"+p.ID, map[string]any{"url": "https://[2001:db8:10::5]:9696", "authentication_url": "https://[2001:db8:10::5]:35357/v2.0"}, &p)
	v.must(200, "POST", "/openstacknetworkproviders/"+p.ID+"/testconnectivity", "{}", nil)
	v.must(200, "DELETE", "/openstacknetworkproviders/"+p.ID, nil, nil)
	if resp, _ := v.do("GET", "/openstacknetworkproviders/"+p.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("after delete %d", resp.StatusCode)
	}

	// external host providers; names are unique across provider kinds
	var eh ovirt.ExternalHostProvider
	v.must(201, "POST", "/externalhostproviders", map[string]any{"name": "foreman", "url": "https://foreman.lab.example.org", "requires_authentication": false}, &eh)
	v.must(200, "POST", "/externalhostproviders/"+eh.ID+"/testconnectivity", "{}", nil)
	v.fault(409, "Operation Failed", "[Cannot add Provider. The Provider name is already in use, please choose a unique name and try again.]",
		"POST", "/externalhostproviders", map[string]any{"name": "ovirt-provider-ovn", "url": "https://[2001:db8:10::7]"})
	var ehs ovirt.ExternalHostProviders
	v.must(200, "GET", "/externalhostproviders?search=name%3Dfore*", nil, &ehs)
	if len(ehs.ExternalHostProvider) != 1 || ehs.ExternalHostProvider[0].Href != "/ovirt-engine/api/externalhostproviders/"+eh.ID {
		t.Fatalf("list %+v", ehs)
	}
	v.must(200, "DELETE", "/externalhostproviders/"+eh.ID, nil, nil)

	// Foreman providers have no authentication URL: ExternalHostProviderMapper
	// neither reads one (add, update) nor writes one.
	var fm ovirt.ExternalHostProvider
	v.must(201, "POST", "/externalhostproviders", map[string]any{"name": "fm2", "url": "https://foreman.lab.example.org",
		"authentication_url": "https://[2001:db8::1]:35357/v2.0"}, &fm)
	v.must(200, "PUT", "/externalhostproviders/"+fm.ID, map[string]any{"authentication_url": "https://[2001:db8::2]:35357/v2.0"}, &fm)
	raw := v.must(200, "GET", "/externalhostproviders/"+fm.ID, nil, &fm)
	if strings.Contains(string(raw), "authentication_url") {
		t.Fatalf("a Foreman provider with an authentication URL: %s", raw)
	}
}
