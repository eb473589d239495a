package api

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"v6admin/components"
	"v6admin/components/vms"
	"v6admin/engine/fixtures"
	"v6admin/wire"
)

// TestRulesAgree sends every value a dialog field refuses through that
// field's rule in the UI (components.CheckField, the rule the browser runs
// as you type), through the request type's Validate (package wire: what the
// UI runs before sending and the BFF after decoding) and through the BFF's
// handler for the same request, and asserts all three give the same field
// error: code and message. Values one
// side used to take and the other refuse ("rsize=1, wsize=2", "Timeo=5")
// are here, with the storage domain name's edge cases and numbers out of
// range. Accepted values must pass on both sides too.
//
// Integers go to the BFF as JSON numbers, texts trimmed as the dialogs
// send them. A plain integer field's 0 means "left out" on the wire (the
// engine's default applies), so ranges are probed with -1 and above the top.
func TestRulesAgree(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /storagedomains":  fixed(200, `{}`),
		"POST /storagedomains": echoCreated("sd1"),
	})
	type validated = interface{ Validate() wire.FieldErrors }
	type endpoint struct {
		path string
		base string           // a valid request; the field under test is set into it
		req  func() validated // a new request of the endpoint's wire type (a pointer)
		// ui judges a value as the dialog's element does, the dialog
		// holding base (nil: components.CheckField, a fresh dialog).
		ui func(t *testing.T, base, id, v string) (error, bool)
	}
	// Run Once: the dialog holds the base's cloud-init network (its
	// protocol, eth0's boot protocols, addresses and prefixes), so a
	// gateway is judged against the same interface on both sides.
	runOnceUI := func(t *testing.T, base, id, v string) (error, bool) {
		var r wire.StartVMRequest
		if err := json.Unmarshal([]byte(base), &r); err != nil {
			t.Fatal(err)
		}
		return vms.CheckRunOnce(r, id, v)
	}
	runOnce := func(base string) endpoint {
		return endpoint{"/api/vms/" + fixtures.Vm0 + "/start", base, func() validated { return &wire.StartVMRequest{} }, runOnceUI}
	}
	var (
		nfs       = endpoint{"/api/storage-domains/nfs", `{"name":"data6","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, func() validated { return &wire.NFSDomainRequest{} }, nil}
		discover  = endpoint{"/api/hosts/h0/iscsi/discover", `{"address":"2001:db8::50","port":3260}`, func() validated { return &wire.ISCSIRequest{} }, nil}
		host      = endpoint{"/api/hosts", `{"name":"h1","address":"2001:db8::10","root_password":"x"}`, func() validated { return &wire.AddHostRequest{} }, nil}
		agent     = endpoint{"/api/hosts", `{"name":"h1","address":"2001:db8::10","root_password":"x","fence_agents":[{"address":"2001:db8::50","type":"ipmilan","username":"admin","password":"p"}]}`, func() validated { return &wire.AddHostRequest{} }, nil}
		provider  = endpoint{"/api/providers", `{"kind":"network","name":"p1","url":"https://[2001:db8::50]:9696"}`, func() validated { return &wire.ProviderRequest{} }, nil}
		setupNets = endpoint{"/api/hosts/h0/setupnetworks", `{}`, func() validated { return &wire.SetupNetworksRequest{} }, nil}
		bond      = endpoint{"/api/hosts/h0/setupnetworks", `{"bonds":[{"name":"bond1","slaves":["eth1","eth2"]}]}`, func() validated { return &wire.SetupNetworksRequest{} }, nil}
		openstack = runOnce(`{"cloud_init":{"nics":[{"name":"eth0","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"none"}}],"dns_servers":["2001:db8::53"],"dns_search":["lab.example.com"]}}`)
		eni       = runOnce(`{"cloud_init":{"protocol":"eni","nics":[{"name":"eth0","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"none"}}]}}`)
		static6   = runOnce(`{"cloud_init":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:db8:100::5","prefix":"64"}}]}}`)
		static4   = runOnce(`{"cloud_init":{"nics":[{"name":"eth0","ipv4":{"boot_protocol":"static","address":"192.0.2.5","netmask":"24"}}]}}`)
	)
	many := func(n int) string {
		var opts []string
		for i := range n {
			opts = append(opts, "o"+strconv.Itoa(i)+"=1")
		}
		return strings.Join(opts, ", ")
	}
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		ui     string // the field's element id
		ep     endpoint
		field  string // the request member, a dotted path
		kind   memberKind
		refuse []string
		take   []string
	}{
		{"sd-name", nfs, "name", text,
			[]string{"my domain", "nfs.data", "données", "a/b", long(51), "data\t1"},
			[]string{"data-1_A", long(50), " padded "}},
		{"nfs-mount-options", nfs, "mount_options", text,
			[]string{"Timeo=5", "rsize=1, TImeo=30, nfsVERS=4", "vers=4.2", "rsize=1,retrans=3", "{minorversion=1}",
				"addr=2001:db8::5", "clientaddr=x", "vfs_type=nfs", "protocol_version=3", "sec=krb5é"},
			[]string{"rsize=1, wsize=2", "rsize=1048576,wsize=1048576", "soft,noac", "timeo=5=6"}},
		{"sd-description", nfs, "description", text, []string{long(4001)}, []string{long(4000)}},
		{"sd-comment", nfs, "comment", text, []string{long(4001)}, []string{"c"}},
		{"sd-warning-low", nfs, "warning_low_space", number, []string{"-1", "101"}, []string{"0", "100"}},
		{"sd-critical", nfs, "critical_space_blocker", number, []string{"-1"}, []string{"0", "1000000"}},
		{"nfs-retrans", nfs, "retransmissions", number, []string{"-1", "32768"}, []string{"0", "32767"}},
		{"nfs-timeout", nfs, "timeout", number, []string{"0", "-5", "6001"}, []string{"1", "6000"}},
		{"nfs-export", nfs, "export", text,
			[]string{"2001:db8::5:/exports/data", "nfs://[2001:db8::60]/exports", "[fe80::1%eth0]:/x", "server:relative", "[2001:db8::5]:/ex ports"},
			[]string{"nfs.example.com:/exports/data"}},
		{"iscsi-address", discover, "address", text, []string{"fe80::1%eth0", "2001:db8::1/64", "256.1.1.1"}, []string{"[2001:db8::50]"}},
		{"iscsi-port", discover, "port", number, []string{"-1", "65536"}, []string{"1", "65535"}},
		{"host-name", host, "name", text, []string{"bad name", "é", long(256)}, []string{"host.example-1_A"}},
		{"host-comment", host, "comment", text, []string{long(1025)}, []string{long(1024)}},
		{"host-ssh-port", host, "ssh_port", number, []string{"-1", "65536"}, []string{"22"}},
		{"host-password", host, "root_password", text, []string{long(1025)}, []string{long(1024)}},
		{"host-address", host, "address", text, []string{"2001:db8::1:/x", "1.2.3", "::"}, []string{"host.example.com"}},
		{"agent-password", agent, "fence_agents.0.password", text, []string{long(51)}, []string{long(50)}},
		{"agent-username", agent, "fence_agents.0.username", text, []string{long(257)}, []string{"admin"}},
		{"agent-port", agent, "fence_agents.0.port", number, []string{"-1", "65536"}, []string{"623"}},
		{"agent-address", agent, "fence_agents.0.address", text, []string{"fe80::1 %eth0", "::1/128"}, []string{"bmc.example.com"}},
		{"provider-name", provider, "name", text, []string{"a.b", "my provider", long(129)}, []string{long(128)}},
		{"provider-description", provider, "description", text, []string{long(1025)}, []string{"d"}},
		{"provider-plugin", provider, "plugin_type", text, []string{long(65)}, []string{"ovirt-provider-ovn"}},
		{"provider-tenant", provider, "tenant_name", text, []string{long(257)}, []string{"admin"}},
		{"provider-api-port", provider, "api_port", number, []string{"-1", "65536"}, []string{"35357"}},
		{"provider-host-name", provider, "host_name", text, []string{"fe80::1%eth0", "bad host"}, []string{"[2001:db8::50]"}},
		{"provider-url", provider, "url", text, []string{"ftp://[2001:db8::50]", "https://2001:db8::50:9696"}, []string{"http://[2001:db8::50]:9696"}},
		{"sn-timeout", setupNets, "connectivity_timeout", number, []string{"-1", "601"}, []string{"600"}},
		{"agent-options", agent, "fence_agents.0.options", options,
			[]string{"a b=1", long(65) + "=1", "k=" + long(257), many(33)},
			[]string{"lanplus=1, power_wait=4", many(32)}},
		{"bond-name", bond, "bonds.0.name", text,
			[]string{"bond", "team1", "bond-1", "bond 1", "bond_with_a_long_name", "bönd1"},
			[]string{"bond1", "bond_A9", "bondLACP"}},
		// Run Once's cloud-init network (issue 15 item 4). The element ids
		// are the dialog's holding the base: eth0 is ci-nic0, then the DNS
		// server ci-dns-1 and the search domain ci-search-2.
		{"ci-nic0-ipv6-proto", openstack, "cloud_init.nics.0.ipv6.boot_protocol", text,
			[]string{"autoconf", "poly_dhcp_autoconf"}, []string{"dhcp", "none"}},
		{"ci-nic0-ipv6-proto", eni, "cloud_init.nics.0.ipv6.boot_protocol", text,
			[]string{"dhcp", "autoconf", "static"}, []string{"none"}},
		{"ci-protocol", openstack, "cloud_init.protocol", text, []string{"nocloud", "ENI"}, []string{"eni", "openstack_metadata"}},
		{"ci-nic0-name", openstack, "cloud_init.nics.0.name", text, []string{long(16)}, []string{"eth0", long(15)}},
		{"ci-nic0-ipv6-address", static6, "cloud_init.nics.0.ipv6.address", text,
			[]string{"", "2001:db8::1::2", "[2001:db8::5]", "fe80::5%eth0", "ff02::1", "192.0.2.5", "::ffff:192.0.2.5"},
			[]string{"2001:db8:100::5", "2001:DB8:100::5"}},
		{"ci-nic0-ipv4-address", static4, "cloud_init.nics.0.ipv4.address", text,
			[]string{"", "192.0.2.256", "2001:db8::5", "127.0.0.1"}, []string{"192.0.2.7"}},
		{"ci-nic0-ipv6-prefix", static6, "cloud_init.nics.0.ipv6.prefix", text, []string{"129", "-1", "/64x"}, []string{"64", "128"}},
		{"ci-nic0-ipv4-netmask", static4, "cloud_init.nics.0.ipv4.netmask", text, []string{"255.0.255.0", "33"}, []string{"255.255.255.0", "24"}},
		{"ci-nic0-ipv6-gateway", static6, "cloud_init.nics.0.ipv6.gateway", text,
			[]string{"2001:db8::g", "gw.example.com", "2001:db8:100::5", "::1", "192.0.2.1", "fe80::1%eth0"},
			[]string{"2001:db8:100::1", "fe80::1"}},
		{"ci-nic0-ipv4-gateway", static4, "cloud_init.nics.0.ipv4.gateway", text,
			[]string{"192.0.2.0", "192.0.2.255", "2001:db8::1"}, []string{"192.0.2.1"}},
		{"ci-dns-1", openstack, "cloud_init.dns_servers.0", text,
			[]string{"::", "fe80::1%eth0", "2001:db8::1/64", "dns.example.com"}, []string{"192.0.2.53", "2001:db8::53"}},
		{"ci-search-2", openstack, "cloud_init.dns_search.0", text,
			[]string{"2001:db8::1", "bad domain", long(254)}, []string{"lab.example.com"}},
	}
	for _, tt := range tests {
		for _, v := range append(append([]string{}, tt.refuse...), tt.take...) {
			refused := !slices.Contains(tt.take, v)
			name := tt.ui + "=" + v
			if len(name) > 60 {
				name = name[:60] + "…"
			}
			t.Run(name, func(t *testing.T) {
				check := func(t *testing.T, _, id, v string) (error, bool) { return components.CheckField(id, v) }
				if tt.ep.ui != nil {
					check = tt.ep.ui
				}
				uiErr, found := check(t, tt.ep.base, tt.ui, v)
				if !found {
					t.Fatalf("no UI field %s", tt.ui)
				}
				if refused != (uiErr != nil) {
					t.Fatalf("UI: %v, want refused=%v", uiErr, refused)
				}
				body := withMember(t, tt.ep.base, tt.field, v, tt.kind)
				req := tt.ep.req()
				if err := json.Unmarshal([]byte(body), req); err != nil {
					t.Fatal(err)
				}
				var viaWire *wire.FieldError
				if fe, ok := req.Validate()[tt.field]; ok {
					viaWire = &fe
				}
				status, resp := env.call(t, "POST", tt.ep.path, body)
				var bff *wire.FieldError
				if status == 400 {
					if fe, ok := envelope(t, resp).Fields[tt.field]; ok {
						bff = &fe
					}
				}
				if !refused {
					if bff != nil {
						t.Fatalf("the UI takes it, the BFF refuses it: %+v", *bff)
					}
					if viaWire != nil {
						t.Fatalf("the UI's field takes it, the request's Validate refuses it: %+v", *viaWire)
					}
					return
				}
				if viaWire == nil || *viaWire != fromValidation(uiErr) {
					t.Errorf("the field and the request's Validate differ: %v, %+v", uiErr, viaWire)
				}
				if bff == nil {
					t.Fatalf("the UI refuses it (%v), the BFF does not: %d %s", uiErr, status, resp)
				}
				if ui := fromValidation(uiErr); ui != *bff {
					t.Errorf("field errors differ:\n UI  %s: %s\n BFF %s: %s", ui.Code, ui.Message, bff.Code, bff.Message)
				}
			})
		}
	}
}

// memberKind is how a field's text goes into the request.
type memberKind int

const (
	text    memberKind = iota // trimmed, as the dialogs send it
	number                    // a JSON number
	options                   // "k=v, k=v" as the map the Fence Agent dialog sends
)

// withMember sets the member at the dotted path of the JSON object base to
// v (as kind says).
func withMember(t *testing.T, base, path, v string, kind memberKind) string {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal([]byte(base), &root); err != nil {
		t.Fatal(err)
	}
	var val any = strings.TrimSpace(v)
	if kind == options {
		m := map[string]any{}
		for _, part := range strings.Split(v, ",") {
			k, v, _ := strings.Cut(part, "=")
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
		val = m
	}
	if kind == number {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("%q: not a number", v)
		}
		val = n
	}
	parts := strings.Split(path, ".")
	var cur any = root
	for _, p := range parts[:len(parts)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[p]
		case []any:
			i, _ := strconv.Atoi(p)
			cur = c[i]
		}
	}
	switch c := cur.(type) {
	case map[string]any:
		c[parts[len(parts)-1]] = val
	case []any: // a list's element ("dns_servers.0")
		i, _ := strconv.Atoi(parts[len(parts)-1])
		c[i] = val
	}
	b, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
