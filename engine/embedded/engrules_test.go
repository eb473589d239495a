package embedded

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"v6admin/engine/embedded/rules"
	"v6admin/engine/ovirt"
)

// TestNoValidationImport: the embedded engine checks input by the real
// engine's rules (package rules, written from oVirt's sources), never by
// v6admin's own validation package, so it can disagree with the BFF as a
// real engine does (issue 12, Deliver 5).
func TestNoValidationImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-test", "v6admin/engine/embedded/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "v6admin/validation" || strings.HasPrefix(p, "v6admin/validation/") {
			t.Fatalf("engine/embedded depends on %s", p)
		}
		if strings.HasPrefix(p, "v6admin/") && !strings.HasPrefix(p, "v6admin/engine/") {
			t.Errorf("engine/embedded depends on %s, outside the engine packages", p)
		}
	}
}

// TestEngineRules: each rule of the real engine the embedded engine
// applies, with the request, the status and the engine's message. Cases
// marked "BFF differs" are ones where v6admin's own rules (validation,
// the BFF) and the engine disagree.
func TestEngineRules(t *testing.T) {
	v := newEnv(t)
	h0 := v.hostByName("host0")
	long := func(n int) string { return strings.Repeat("a", n) }
	host := func(kv ...any) map[string]any {
		m := addHostBody("rh", "2001:db8:77::1")
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	agent := func(kv ...any) map[string]any {
		m := map[string]any{"address": "2001:db8:20::77", "type": "ipmilan", "username": "admin", "password": "pw", "order": 1}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	nfs := func(name, addr, path string, kv ...any) map[string]any {
		m := map[string]any{"name": name, "type": "iso", "host": map[string]string{"name": "host0"},
			"storage": map[string]any{"type": "nfs", "address": addr, "path": path}}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	osnp := func(kv ...any) map[string]any {
		m := map[string]any{"name": "rp", "url": "https://[2001:db8::50]:9696", "type": "external", "external_plugin_type": "ovirt-provider-ovn"}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
				continue
			}
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	const bad = "Operation Failed"
	agents := "/hosts/" + h0.ID + "/fenceagents"
	cases := []struct {
		name         string
		method, path string
		body         any
		status       int
		reason       string
		detail       string // "" with 2xx
	}{
		// REST layer: validateParameters.
		{"host: name and address mandatory", "POST", "/hosts", map[string]any{}, 400, "Incomplete parameters", "Host [name, address] required for add"},
		{"host: no cluster means Default", "POST", "/hosts", map[string]any{"name": "rh-default", "address": "2001:db8:77::2"}, 201, "", ""},
		{"fence: fenceType mandatory", "POST", "/hosts/" + h0.ID + "/fence", map[string]any{}, 400, "Incomplete parameters", "Action [fenceType] required for fence"},
		{"agent: mandatory members", "POST", agents, map[string]any{"address": "x"}, 400, "Incomplete parameters", "Agent [order, type, username, password] required for add"},
		{"storage: host, type, storage mandatory", "POST", "/storagedomains", map[string]any{"name": "x"}, 400, "Incomplete parameters", "StorageDomain [host.id|name, type, storage] required for add"},
		{"storage: NFS address mandatory", "POST", "/storagedomains", nfs("x", "", "/exports/iso"), 400, "Incomplete parameters", "HostStorage [address] required for add"},
		{"provider: name mandatory", "POST", "/openstacknetworkproviders", osnp("name", nil), 400, "Incomplete parameters", "OpenStackNetworkProvider [name] required for add"},

		// VdsStatic bean validation.
		{"host: name of 256 characters", "POST", "/hosts", host("name", long(256)), 400, bad, "[size must be between 1 and 255, Attribute: vdsStatic.name]"},
		{"host: name of 255 characters", "POST", "/hosts", host("name", long(255), "address", "2001:db8:77::3"), 201, "", ""},
		{"host: name with a space", "POST", "/hosts", host("name", "my host"), 400, bad, "[" + rules.MsgHostName + ", Attribute: vdsStatic.name]"},
		{"host: name with a leading space (not trimmed)", "POST", "/hosts", host("name", " rh"), 400, bad, "[" + rules.MsgHostName + ", Attribute: vdsStatic.name]"},
		{"host: address host.123 (java.net.URI)", "POST", "/hosts", host("address", "host.123"), 400, bad, "[" + rules.MsgHostAddress + ", Attribute: vdsStatic.hostName]"},
		{"host: address of 256 characters", "POST", "/hosts", host("address", long(63)+"."+long(63)+"."+long(63)+"."+long(60)+".org"), 400, bad, "[size must be between 0 and 255, Attribute: vdsStatic.hostName]"},
		{"host: address with a trailing dot (BFF differs: refuses)", "POST", "/hosts", host("name", "rh-dot", "address", "rh.lab.example.org."), 201, "", ""},
		{"host: IPv4-mapped IPv6 address", "POST", "/hosts", host("name", "rh-mapped", "address", "::ffff:192.0.2.80"), 201, "", ""},
		{"host: port 65536", "POST", "/hosts", host("port", 65536), 400, bad, "[" + rules.MsgPort + ", Attribute: vdsStatic.port]"},
		{"host: SSH port 65536", "POST", "/hosts", host("ssh", map[string]any{"port": 65536}), 400, bad, "[VALIDATION.VDS.SSH_PORT.RANGE, Attribute: vdsStatic.sshPort]"},
		{"host: SPM priority 11", "POST", "/hosts", host("spm", map[string]any{"priority": 11}), 400, bad, "[must be less than or equal to 10, Attribute: vdsStatic.vdsSpmPriority]"},
		{"host: name and address both wrong", "POST", "/hosts", host("name", "a b", "address", "a_b"), 400, bad,
			"[" + rules.MsgHostName + ", Attribute: vdsStatic.name, " + rules.MsgHostAddress + ", Attribute: vdsStatic.hostName]"},

		// FenceAgent: sizes only; the address is not checked by AddFenceAgent.
		{"agent: address not checked (BFF differs: refuses)", "POST", agents, agent("address", "2001:db8::1::1"), 201, "", ""},
		{"agent: type of 21 characters", "POST", agents, agent("type", long(21)), 400, bad, "[size must be between 0 and 20, Attribute: agent.type]"},
		{"agent: password of 51 characters", "POST", agents, agent("password", long(51)), 400, bad, "[size must be between 0 and 50, Attribute: agent.password]"},
		{"agent: options over 4000 characters", "POST", agents, agent("options", map[string]any{"option": []any{map[string]string{"name": "x", "value": long(4000)}}}), 400, bad, "[size must be between 0 and 4000, Attribute: agent.options]"},
		{"agent: port 0", "POST", agents, agent("port", 0), 400, bad, "[Cannot add/modify Power Management Agent. Power Management Agent port value must be numeric between 1 and 65535.]"},
		{"agent: order 0 (not checked)", "POST", agents, agent("order", 0, "address", "2001:db8:20::78"), 201, "", ""},

		// StorageDomainStatic and the NFS connection.
		{"storage: name with a dot (BFF differs: accepts)", "POST", "/storagedomains", nfs("iso.v6", "[2001:db8:200::60]", "/exports/iso"), 400, bad, "[" + rules.MsgStorageName + ", Attribute: privateStorageDomain.name]"},
		{"storage: name of 251 characters", "POST", "/storagedomains", nfs(long(251), "[2001:db8:200::60]", "/exports/iso"), 400, bad, "[size must be between 1 and 250, Attribute: privateStorageDomain.name]"},
		{"storage: description over 4000", "POST", "/storagedomains", nfs("iso-v6", "[2001:db8:200::60]", "/exports/iso", "description", long(4001)), 400, bad, "[" + rules.MsgStorageDescMax + ", Attribute: privateStorageDomain.description]"},
		{"storage: bare IPv6 server", "POST", "/storagedomains", nfs("iso-v6", "2001:db8:200::60", "/exports/iso"), 400, bad, "[" + rules.MsgMountPath + "]"},
		{"storage: FQDN with a one-letter last label", "POST", "/storagedomains", nfs("iso-v6", "nfs.a", "/exports/iso"), 400, bad, "[" + rules.MsgMountPath + "]"},
		{"storage: relative path", "POST", "/storagedomains", nfs("iso-v6", "[2001:db8:200::60]", "exports/iso"), 400, bad, "[" + rules.MsgMountPath + "]"},

		// Provider: @ValidName, column widths, ProviderValidator, NetworkProviderValidator.
		{"provider: name with a dot (BFF differs: accepts)", "POST", "/openstacknetworkproviders", osnp("name", "lab.ovn"), 400, bad, "[" + rules.MsgName + ", Attribute: provider.name]"},
		{"provider: name of 129 characters (BFF differs: accepts 255)", "POST", "/openstacknetworkproviders", osnp("name", long(129)), 400, bad, "[Internal Engine Error]"},
		{"provider: name of 128 characters", "POST", "/openstacknetworkproviders", osnp("name", long(128)), 201, "", ""},
		{"provider: no plugin type", "POST", "/openstacknetworkproviders", osnp("name", "rp-noplugin", "external_plugin_type", nil), 400, bad, "[Openstack Neutron provider requires a plugin type.]"},
		{"provider: URL form not checked (BFF differs: refuses)", "POST", "/openstacknetworkproviders", osnp("name", "rp-url", "url", "https://2001:db8::50:9696"), 201, "", ""},
		{"provider: authentication URL without a port", "POST", "/openstacknetworkproviders", osnp("name", "rp-auth", "authentication_url", "https://[2001:db8::50]/v3"), 400, bad, "[" + rules.MsgProviderAuthURL("add", "https://[2001:db8::50]/v3") + "]"},
		{"provider: password over 200", "POST", "/openstacknetworkproviders", osnp("name", "rp-pw", "password", long(201)), 400, bad, "[" + rules.MsgProviderPasswordTooLong("add") + "]"},
		{"provider: authentication without a tenant", "POST", "/openstacknetworkproviders", osnp("name", "rp-tenant", "type", "neutron", "requires_authentication", true, "username", "u", "password", "p", "authentication_url", "https://[2001:db8::50]:35357/v3"), 400, bad, "[" + rules.MsgProviderNoTenant + "]"},
		{"external host provider: name with a dot", "POST", "/externalhostproviders", map[string]any{"name": "fm.lab", "url": "https://foreman.lab.example.org"}, 400, bad, "[" + rules.MsgName + ", Attribute: provider.name]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.detail == "" {
				v.must(c.status, c.method, c.path, c.body, nil)
				return
			}
			v.fault(c.status, c.reason, c.detail, c.method, c.path, c.body)
		})
	}
}

// TestEngineTextLimits: free text the engine keeps without a limit (a
// host's comment: vds_static.free_text_comment is text) is stored and
// echoed whole; a host's description is not taken from a request (HostMapper
// does not map it); names over their limits are refused (issue 13,
// finding 8).
func TestEngineTextLimits(t *testing.T) {
	v := newEnv(t)
	comment := strings.Repeat("c", 10000)
	body := addHostBody("rh-comment", "2001:db8:77::9")
	body["comment"] = comment
	body["description"] = "not mapped"
	var h ovirt.Host
	v.must(201, "POST", "/hosts", body, &h)
	if ovirt.Deref(h.Comment) != comment || h.Description == "not mapped" {
		t.Fatalf("comment %d characters, description %q", len(ovirt.Deref(h.Comment)), h.Description)
	}
	// Renaming to a name over 255 is refused and changes nothing.
	v.fault(400, "Operation Failed", "[size must be between 1 and 255, Attribute: vdsStatic.name]", "PUT", "/hosts/"+h.ID, map[string]any{"name": strings.Repeat("n", 300)})
	var got ovirt.Host
	raw := v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
	if got.Name != "rh-comment" {
		t.Fatalf("name after a refused rename: %q", got.Name)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
}
