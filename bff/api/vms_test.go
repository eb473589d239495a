package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
	"v6admin/validation"
	"v6admin/wire"
)

const (
	vm0  = "/api/vms/" + fixtures.Vm0
	host = fixtures.Host0
)

func decodeAs[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return v
}

func addrs(as []wire.Addr) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Address+" "+string(mustText(a.Scope)))
	}
	return out
}

func mustText(s validation.Scope) []byte {
	b, _ := s.MarshalText()
	return b
}

func TestListVMs(t *testing.T) {
	const (
		web0  = "web0 up on host0 [192.0.2.101 documentation] [2001:db8:100::5 documentation 2001:db8:100:0:546f:1aff:fe2b:1 documentation fe80::546f:1aff:fe2b:1%eth0 link-local 2001:db8:10::8f3a documentation fe80::546f:1aff:fe2b:2%eth1 link-local]"
		db0   = "db0 up on host0 [192.0.2.102 documentation] []"
		build = "build0 down on  [] []"
	)
	// db0's guest reports IPv4 only (real engine shape: ReportedDeviceMapper).
	db0NICs := `{"nic":[{"id":"n1","name":"nic1","mac":{"address":"56:6f:1a:2b:00:03"},"reported_devices":{"reported_device":[` +
		`{"id":"d1","name":"eth0","description":"guest reported data","type":"network","mac":{"address":"56:6f:1a:2b:00:03"},"ips":{"ip":[{"address":"192.0.2.102","version":"v4"}]}}]}}]}`
	tests := []struct {
		query string
		want  []string // name status on host [ipv4 scope…] [ipv6 scope…]
	}{
		{"", []string{build, db0, web0}},
		{"?family=ipv6", []string{web0}},
		{"?family=ipv4", []string{db0, web0}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{"GET /vms/" + fixtures.Vm1 + "/nics": fixed(200, db0NICs)})
			status, body := env.call(t, "GET", "/api/vms"+tt.query, "")
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			var got []string
			for _, v := range decodeAs[wire.VMList](t, body).VMs {
				got = append(got, fmt.Sprintf("%s %s on %s [%s] [%s]", v.Name, v.Status, v.Host.Label(),
					strings.Join(addrs(v.IPv4), " "), strings.Join(addrs(v.IPv6), " ")))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n %s\nwant\n %s", strings.Join(got, "\n "), strings.Join(tt.want, "\n "))
			}
			if n := len(env.sent("GET", "/ovirt-engine/api/vms/"+fixtures.Vm2+"/nics")); n != 0 {
				t.Errorf("the NICs of a down VM were read %d times", n)
			}
		})
	}
	t.Run("bad family", func(t *testing.T) {
		env := newAPIEnv(t, nil)
		status, body := env.call(t, "GET", "/api/vms?family=inet6", "")
		if status != 400 {
			t.Fatalf("%d %s", status, body)
		}
		wantFields(t, body, map[string]string{"family": "wrong_value"})
	})
	t.Run("a VM removed meanwhile", func(t *testing.T) {
		env := newAPIEnv(t, nil) // db0's NICs: the engine's 404
		status, body := env.call(t, "GET", "/api/vms", "")
		if status != 200 || !strings.Contains(body, `"name":"db0"`) {
			t.Errorf("%d %s", status, body)
		}
	})
}

func TestGetVM(t *testing.T) {
	env := newAPIEnv(t, nil)
	status, body := env.call(t, "GET", vm0, "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	v := decodeAs[wire.VM](t, body)
	if v.Name != "web0" || v.Host.Label() != "host0" || v.ConsoleProtocol != "spice" {
		t.Errorf("vm %+v", v)
	}
	// Each NIC keeps the guest interface of its MAC, every address with
	// its kind and scope.
	if len(v.NICs) != 2 {
		t.Fatalf("nics %+v", v.NICs)
	}
	n := v.NICs[0]
	if n.Name != "nic1" || n.MAC != "56:6f:1a:2b:00:01" || n.Profile == nil || n.Profile.ID == "" {
		t.Errorf("nic1 %+v", n)
	}
	// Each NIC's profile named, with its network, from one read of the
	// profiles (not one per NIC).
	if *n.Profile != (wire.Ref{ID: "9c3a2e4d-7f5b-4c6d-8e9f-2a3b4c5d6e01", Name: "display"}) ||
		n.ProfileNetwork == nil || *n.ProfileNetwork != (wire.Ref{ID: "b8f5e0a2-4c1d-4e7f-9a3b-1d2c3e4f5a63", Name: "display"}) {
		t.Errorf("nic1 profile %+v network %+v", n.Profile, n.ProfileNetwork)
	}
	if n2 := v.NICs[1]; n2.Profile.Name != "ovirtmgmt" || n2.ProfileNetwork.Label() != "ovirtmgmt" {
		t.Errorf("nic2 profile %+v network %+v", n2.Profile, n2.ProfileNetwork)
	}
	if q := env.queries("GET", "/vnicprofiles"); !reflect.DeepEqual(q, []string{"follow=network"}) {
		t.Errorf("profile reads %q, want one with follow=network", q)
	}
	want := []wire.Addr{
		{Address: "2001:db8:100::5", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation},
		{Address: "2001:db8:100:0:546f:1aff:fe2b:1", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation},
		{Address: "fe80::546f:1aff:fe2b:1%eth0", Kind: validation.HostIPv6, Scope: validation.ScopeLinkLocal},
	}
	if !reflect.DeepEqual(n.Addresses, want) {
		t.Errorf("nic1 addresses %+v, want %+v", n.Addresses, want)
	}
	if got := v.NICs[1].Addresses; len(got) != 3 || got[0].Kind != validation.HostIPv4 || got[0].Address != "192.0.2.101" {
		t.Errorf("nic2 addresses %+v", got)
	}
	// The console as the user types it: the IPv6 literal bracketed.
	if len(v.Consoles) != 1 {
		t.Fatalf("consoles %+v", v.Consoles)
	}
	c := v.Consoles[0]
	if c.Protocol != "spice" || c.Endpoint != "[2001:db8:100::11]:5900" || c.TLSEndpoint != "[2001:db8:100::11]:5901" ||
		c.Address == nil || c.Address.Kind != validation.HostIPv6 {
		t.Errorf("console %+v", c)
	}
	if v.ConsoleProxy != nil {
		t.Errorf("proxy %+v: the fixture has none", v.ConsoleProxy)
	}
	// Sessions: the console user with the client's address; the guest user.
	wantS := []wire.VMSession{
		{User: "admin@internal", ConsoleUser: true, Client: &wire.Addr{Address: "2001:db8:20::77", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}},
		{User: "cloud-user"},
	}
	if !reflect.DeepEqual(v.Sessions, wantS) {
		t.Errorf("sessions %s", body)
	}
}

// TestGetVMProfilesUnreadable: when the engine refuses the profiles (a
// user without the permission, an engine failure) the VM still reads, its
// NICs with their profile ids; a profile the list lacks keeps its id; an
// engine that does not follow links gives the network by id only.
func TestGetVMProfilesUnreadable(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{"GET /vnicprofiles": fixed(500, string(fixtures.Read("fault_conflict.json")))})
	status, body := env.call(t, "GET", vm0, "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	v := decodeAs[wire.VM](t, body)
	for _, n := range v.NICs {
		if n.Profile == nil || n.Profile.ID == "" || n.Profile.Name != "" || n.ProfileNetwork != nil {
			t.Errorf("%s: profile %+v network %+v", n.Name, n.Profile, n.ProfileNetwork)
		}
	}

	env = newAPIEnv(t, map[string]engineReply{"GET /vnicprofiles": fixed(200, `{"vnic_profile":[{"name":"display","network":`+
		`{"href":"/ovirt-engine/api/networks/n1","id":"n1"},"href":"/ovirt-engine/api/vnicprofiles/9c3a2e4d-7f5b-4c6d-8e9f-2a3b4c5d6e01",`+
		`"id":"9c3a2e4d-7f5b-4c6d-8e9f-2a3b4c5d6e01"}]}`)})
	status, body = env.call(t, "GET", vm0, "")
	v = decodeAs[wire.VM](t, body)
	if status != 200 || len(v.NICs) != 2 {
		t.Fatalf("%d %s", status, body)
	}
	if n := v.NICs[0]; n.Profile.Name != "display" || n.ProfileNetwork == nil || *n.ProfileNetwork != (wire.Ref{ID: "n1"}) {
		t.Errorf("nic1 profile %+v network %+v", n.Profile, n.ProfileNetwork)
	}
	if n := v.NICs[1]; n.Profile.Name != "" || n.Profile.ID == "" || n.ProfileNetwork != nil {
		t.Errorf("nic2 profile %+v network %+v", n.Profile, n.ProfileNetwork)
	}
}

func TestGetVMFaults(t *testing.T) {
	env := newAPIEnv(t, nil)
	status, body := env.call(t, "GET", "/api/vms/0123", "")
	if status != 404 || envelope(t, body).Code != "not_found" {
		t.Errorf("unknown vm: %d %s", status, body)
	}
}

func TestConsoleProxy(t *testing.T) {
	tests := []struct {
		proxy string
		v6    bool
	}{
		{"proxy.example.com:3128", false},
		{"192.0.2.7:3128", false},
		{"[2001:db8::7]:3128", true},
		{"2001:db8::7", true},
		{"http://[2001:db8::7]:3128", true},
		{"http://proxy.example.com:3128", false},
		{"::ffff:192.0.2.7", false},
	}
	for _, tt := range tests {
		p := consoleProxy(tt.proxy)
		if p.IPv6Literal != tt.v6 || (p.Warning != "") != tt.v6 || p.Proxy != tt.proxy {
			t.Errorf("%s: %+v, want ipv6_literal %v", tt.proxy, p, tt.v6)
		}
	}
}

// FuzzConsoleProxy: any proxy text is described without a panic, kept as
// it is, and called an IPv6 literal only when it holds one.
func FuzzConsoleProxy(f *testing.F) {
	for _, s := range []string{"[2001:db8::7]:3128", "http://[::1]:80/x", "proxy:1", "", "[", "://", "fe80::1%eth0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := consoleProxy(s)
		if p.Proxy != s {
			t.Fatalf("proxy %q became %q", s, p.Proxy)
		}
		if p.IPv6Literal && !strings.Contains(s, ":") {
			t.Fatalf("%q: IPv6 literal without a colon", s)
		}
	})
}

func TestConsoleFile(t *testing.T) {
	env := newAPIEnv(t, nil)
	req := httptest.NewRequest("GET", vm0+"/console.vv", nil)
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	h := rec.Header()
	if h.Get("Content-Type") != "application/x-virt-viewer" || h.Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("headers %v", h)
	}
	if b := rec.Body.String(); !strings.HasPrefix(b, "[virt-viewer]\ntype=spice\nhost=2001:db8:100::11\n") || !strings.Contains(b, "password=") {
		t.Errorf("body %q", b)
	}
	t.Run("engine 204 (down)", func(t *testing.T) {
		env := newAPIEnv(t, map[string]engineReply{
			"POST /vms/" + fixtures.Vm0 + "/graphicsconsoles/" + fixtures.ConsoleSpice + "/remoteviewerconnectionfile": fixed(204, ""),
		})
		status, body := env.call(t, "GET", vm0+"/console.vv", "")
		if status != 409 {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("no such protocol", func(t *testing.T) {
		status, body := env.call(t, "GET", vm0+"/console.vv?protocol=vnc", "")
		if status != 400 {
			t.Fatalf("%d %s", status, body)
		}
		wantFields(t, body, map[string]string{"protocol": "not_found"})
	})
}

func TestStartVM(t *testing.T) {
	runOnce := `{"cloud_init":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:db8:100::5/64","gateway":"2001:db8:100::1"}}],` +
		`"dns_servers":["2001:db8::53"],"dns_search":["lab.example.com"]}}`
	tests := []struct {
		name   string
		body   string
		engine map[string]engineReply
		status int
		sent   string // the engine's body, compact
		fields map[string]string
		code   string
	}{
		{"plain start", "", nil, 200, `{}`, nil, ""},
		{"run once with static IPv6", runOnce, nil, 200, compact(fixtures.Read("request_vm_start.json")), nil, ""},
		{"dual stack dhcp + static v4 with netmask", `{"cloud_init":{"protocol":"eni","nics":[{"name":"eth0","ipv4":{"boot_protocol":"static","address":"192.0.2.50","netmask":"24","gateway":"192.0.2.1"}},{"name":"eth1","ipv4":{"boot_protocol":"dhcp"}}]}}`,
			nil, 200,
			compact([]byte(`{"use_cloud_init":"true","vm":{"initialization":{"nic_configurations":{"nic_configuration":[{"name":"eth0","boot_protocol":"static","ip":{"address":"192.0.2.50","netmask":"255.255.255.0","gateway":"192.0.2.1"},"on_boot":"true"},{"name":"eth1","boot_protocol":"dhcp","on_boot":"true"}]},"cloud_init_network_protocol":"eni"}}}`)), nil, ""},
		{"autoconf refused with the engine's reason", `{"cloud_init":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"autoconf"}}]}}`, nil, 400, "",
			map[string]string{"cloud_init.nics.0.ipv6.boot_protocol": "not_supported: " + validation.MsgCloudInitAutoconf + " Choose DHCP or Static: cloud-init cannot configure SLAAC."}, ""},
		{"ENI with IPv6 refused", `{"cloud_init":{"protocol":"eni","nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:db8:100::5/64"}}]}}`, nil, 400, "",
			map[string]string{"cloud_init.nics.0.ipv6.boot_protocol": "not_supported"}, ""},
		{"static without address", `{"cloud_init":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static"}}]}}`, nil, 400, "",
			map[string]string{"cloud_init.nics.0.ipv6.address": "empty: " + validation.MsgCloudInitStaticIPv6}, ""},
		{"bad values", `{"cloud_init":{"protocol":"nocloud","nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"fe80::5%eth0/64","prefix":"129"}}],"dns_servers":["::1"],"dns_search":["192.0.2.1"]}}`, nil, 400, "",
			map[string]string{"cloud_init.protocol": "syntax", "cloud_init.nics.0.ipv6.address": "zone_not_allowed", "cloud_init.nics.0.ipv6.prefix": "out_of_range",
				"cloud_init.dns_servers.0": "not_unicast", "cloud_init.dns_search.0": "syntax"}, ""},
		{"prefix given twice, differently", `{"cloud_init":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:db8::5/64","prefix":"48"}}]}}`, nil, 400, "",
			map[string]string{"cloud_init.nics.0.ipv6.prefix": "prefix_mismatch"}, ""},
		{"missing NIC name", `{"cloud_init":{"nics":[{"ipv4":{"boot_protocol":"dhcp"}}]}}`, nil, 400, "",
			map[string]string{"cloud_init.nics.0.name": "empty"}, ""},
		{"the engine refuses (fixture)", runOnce, map[string]engineReply{"POST /vms/" + fixtures.Vm0 + "/start": fixed(400, string(fixtures.Read("vm_start_failed.json")))},
			400, "", nil, "engine_rejected"},
		{"the engine's 409", "", map[string]engineReply{"POST /vms/" + fixtures.Vm0 + "/start": fixed(409, string(fixtures.Read("fault_conflict.json")))},
			409, "", nil, "conflict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, tt.engine)
			status, body := env.call(t, "POST", vm0+"/start", tt.body)
			if status != tt.status {
				t.Fatalf("%d %s", status, body)
			}
			sent := env.sent("POST", "/ovirt-engine/api/vms/"+fixtures.Vm0+"/start")
			if tt.fields != nil {
				wantFields(t, body, tt.fields)
				if len(sent) != 0 {
					t.Errorf("refused, yet sent to the engine: %v", sent)
				}
				return
			}
			if tt.code != "" {
				if e := envelope(t, body); e.Code != tt.code {
					t.Errorf("code %s: %s", e.Code, body)
				}
				return
			}
			if len(sent) != 1 || compact([]byte(sent[0])) != tt.sent {
				t.Errorf("sent %v\nwant %s", sent, tt.sent)
			}
			r := decodeAs[wire.VMActionResult](t, body)
			if r.VM.Name != "web0" || r.Job == nil || r.Job.ID == "" {
				t.Errorf("answer %s", body)
			}
		})
	}
}

// TestEditVM: PUT /api/vms/:id sends Edit VM's Initial Run to the engine
// as PUT /vms/{id} with initialization in the real engine's shape
// (request_vm_update.json), after Run Once's rules under initial_run.;
// the answer and GET /api/vms/:id show the stored network.
func TestEditVM(t *testing.T) {
	static6 := `{"initial_run":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:DB8:100::5/64","gateway":"2001:db8:100::1"}}],` +
		`"dns_servers":["2001:db8::53"],"dns_search":["lab.example.com"]}}`
	stored := wire.CloudInitRequest{Protocol: "openstack_metadata", DNSServers: []string{"2001:db8::53"}, DNSSearch: []string{"lab.example.com"},
		NICs: []wire.CloudInitNIC{{Name: "eth0", IPv6: &wire.IPv6Request{BootProtocol: "static", Address: "2001:db8:100::5", Prefix: "64", Gateway: "2001:db8:100::1"}}}}
	tests := []struct {
		name   string
		body   string
		engine map[string]engineReply
		status int
		sent   string // the engine's body, compact ("" = nothing sent)
		fields map[string]string
		code   string
	}{
		{"static IPv6 (fixture)", static6, nil, 200, compact(fixtures.Read("request_vm_update.json")), nil, ""},
		{"no NICs clears the stored ones", `{"initial_run":{}}`, nil, 200,
			`{"initialization":{"cloud_init_network_protocol":"openstack_metadata","nic_configurations":{}}}`, nil, ""},
		{"nothing to change", `{}`, nil, 200, "", nil, ""},
		{"autoconf refused", `{"initial_run":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"autoconf"}}]}}`, nil, 400, "",
			map[string]string{"initial_run.nics.0.ipv6.boot_protocol": "not_supported: " + validation.MsgCloudInitAutoconf + " Choose DHCP or Static: cloud-init cannot configure SLAAC."}, ""},
		{"ENI with IPv6 refused", `{"initial_run":{"protocol":"eni","nics":[{"name":"eth0","ipv6":{"boot_protocol":"dhcp"}}]}}`, nil, 400, "",
			map[string]string{"initial_run.nics.0.ipv6.boot_protocol": "not_supported"}, ""},
		{"gateway is the address", `{"initial_run":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:db8:100::5","prefix":"64","gateway":"2001:db8:100::5"}}]}}`, nil, 400, "",
			map[string]string{"initial_run.nics.0.ipv6.gateway": "gateway_reserved"}, ""},
		{"the engine's 409", static6, map[string]engineReply{"PUT /vms/" + fixtures.Vm0: fixed(409, string(fixtures.Read("fault_conflict.json")))},
			409, "", nil, "conflict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, tt.engine)
			status, body := env.call(t, "PUT", vm0, tt.body)
			if status != tt.status {
				t.Fatalf("%d %s", status, body)
			}
			sent := env.sent("PUT", "/ovirt-engine/api/vms/"+fixtures.Vm0)
			if tt.fields != nil {
				wantFields(t, body, tt.fields)
				if len(sent) != 0 {
					t.Errorf("refused, yet sent to the engine: %v", sent)
				}
				return
			}
			if tt.code != "" {
				if e := envelope(t, body); e.Code != tt.code {
					t.Errorf("code %s: %s", e.Code, body)
				}
				return
			}
			if tt.sent == "" && len(sent) != 0 || tt.sent != "" && (len(sent) != 1 || compact([]byte(sent[0])) != tt.sent) {
				t.Errorf("sent %v\nwant %s", sent, tt.sent)
			}
			// The replay engine answers vm.json: web0's stored network.
			v := decodeAs[wire.VM](t, body)
			if v.Name != "web0" || v.InitialRun == nil || !reflect.DeepEqual(*v.InitialRun, stored) {
				t.Errorf("answer initial_run %+v", v.InitialRun)
			}
		})
	}
}

func compact(b []byte) string {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return "not JSON: " + string(b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func TestStopShutdownMigrate(t *testing.T) {
	tests := []struct {
		action, body, sent string
	}{
		{"stop", "", `{}`},
		{"shutdown", "", `{}`},
		{"migrate", "", `{}`},
		{"migrate", `{"host_id":"` + fixtures.Host1 + `"}`, compact(fixtures.Read("request_vm_migrate.json"))},
	}
	for _, tt := range tests {
		t.Run(tt.action+tt.body, func(t *testing.T) {
			env := newAPIEnv(t, nil)
			status, body := env.call(t, "POST", vm0+"/"+tt.action, tt.body)
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			sent := env.sent("POST", "/ovirt-engine/api/vms/"+fixtures.Vm0+"/"+tt.action)
			if len(sent) != 1 || compact([]byte(sent[0])) != tt.sent {
				t.Errorf("sent %v, want %s", sent, tt.sent)
			}
			if r := decodeAs[wire.VMActionResult](t, body); r.VM.ID != fixtures.Vm0 || r.Job == nil {
				t.Errorf("answer %s", body)
			}
		})
	}
	t.Run("unknown vm", func(t *testing.T) {
		env := newAPIEnv(t, nil)
		status, body := env.call(t, "POST", "/api/vms/0123/stop", "")
		if status != 404 {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("unknown member", func(t *testing.T) {
		env := newAPIEnv(t, nil)
		status, body := env.call(t, "POST", vm0+"/migrate", `{"host":"h1"}`)
		if status != 400 {
			t.Fatalf("%d %s", status, body)
		}
		wantFields(t, body, map[string]string{"host": "unknown_field"})
	})
}

// TestMigrationPlan: MigrateVmCommand's rule over the hosts' NICs on the
// cluster's migration network.
func TestMigrationPlan(t *testing.T) {
	const dst = fixtures.Host1
	netsWith := func(migration string) string {
		return `{"network":[{"id":"n-mgmt","name":"ovirtmgmt","usages":{"usage":["vm","management"]}},` +
			`{"id":"n-disp","name":"display","usages":{"usage":["display","` + migration + `"]}}]}`
	}
	nic := func(name, status, base, v4, v6 string) string {
		s := `{"id":"` + name + `","name":"` + name + `","status":"` + status + `"`
		if base != "" {
			s += `,"base_interface":"` + base + `"`
		}
		if v4 != "" {
			s += `,"ip":{"address":"` + v4 + `","netmask":"255.255.255.0","version":"v4"}`
		}
		if v6 != "" {
			s += `,"ipv6":{"address":"` + v6 + `","netmask":"64","version":"v6"}`
		}
		return s + `,"network":{"id":"n-disp","href":"/ovirt-engine/api/networks/n-disp"}}`
	}
	hostNICs := func(nics ...string) string { return `{"host_nic":[` + strings.Join(nics, ",") + `]}` }
	tests := []struct {
		name      string
		nets      string
		src, dstN string
		summary   string
		family    string
		warning   bool
	}{
		{"IPv6-only migration network", netsWith("migration"),
			hostNICs(nic("eth1", "up", "", "", "2001:db8:100::11")), hostNICs(nic("eth1", "up", "", "", "2001:db8:100::13")),
			"over 2001:db8:100::13 on display (IPv6)", "ipv6", false},
		{"dual stack: IPv4 wins, with a warning", netsWith("migration"),
			hostNICs(nic("eth1", "up", "", "192.0.2.11", "2001:db8:100::11")), hostNICs(nic("eth1", "up", "", "192.0.2.13", "2001:db8:100::13")),
			"over 192.0.2.13 on display (IPv4)", "ipv4", true},
		{"IPv4 on one end only: IPv6", netsWith("migration"),
			hostNICs(nic("eth1", "up", "", "192.0.2.11", "2001:db8:100::11")), hostNICs(nic("eth1", "up", "", "", "2001:DB8:100:0::13")),
			"over 2001:db8:100::13 on display (IPv6)", "ipv6", false},
		{"VLAN device whose base interface is down", netsWith("migration"),
			hostNICs(nic("eth1", "up", "", "", "2001:db8:100::11")),
			hostNICs(`{"id":"eth2","name":"eth2","status":"down"}`, nic("eth2.100", "up", "eth2", "", "2001:db8:100::13")),
			"over host1's own address: the migration network display has no address of one family on both hosts", "", false},
		{"no migration network", netsWith("gluster"), hostNICs(), hostNICs(),
			"over host1's own address: the cluster has no migration network", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				"GET /clusters/" + fixtures.ClusterDefault + "/networks": fixed(200, tt.nets),
				"GET /hosts/" + fixtures.Host0 + "/nics":                 fixed(200, tt.src),
				"GET /hosts/" + dst + "/nics":                            fixed(200, tt.dstN),
				"GET /hosts":                                             fixed(200, `{"host":[{"id":"`+fixtures.Host0+`","name":"host0"}]}`),
			})
			status, body := env.call(t, "GET", vm0+"/migration-plan?host="+dst, "")
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			p := decodeAs[wire.MigrationPlan](t, body)
			if p.Summary != tt.summary || p.Family != tt.family || (len(p.Warnings) > 0) != tt.warning {
				t.Errorf("plan %s", body)
			}
			if tt.family != "" && (p.Address == nil || p.Address.Kind.Text() != tt.family) {
				t.Errorf("address %+v", p.Address)
			}
			if p.Source.Label() != "host0" {
				t.Errorf("source %+v", p.Source)
			}
		})
	}
	t.Run("faults", func(t *testing.T) {
		env := newAPIEnv(t, nil)
		for _, c := range []struct {
			path   string
			status int
			field  string
		}{
			{vm0 + "/migration-plan?host=" + host, 400, "host"},                   // the source itself
			{vm0 + "/migration-plan?host=0123", 400, "host"},                      // no such host
			{"/api/vms/0123/migration-plan?host=" + dst, 404, ""},                 // no such VM
			{"/api/vms/" + fixtures.Vm2 + "/migration-plan?host=" + dst, 409, ""}, // build0 is down
		} {
			status, body := env.call(t, "GET", c.path, "")
			if status != c.status {
				t.Errorf("%s: %d %s", c.path, status, body)
				continue
			}
			if c.field != "" {
				if _, ok := envelope(t, body).Fields[c.field]; !ok {
					t.Errorf("%s: no error on %s: %s", c.path, c.field, body)
				}
			}
		}
		status, body := env.call(t, "GET", vm0+"/migration-plan", "")
		if status != 200 || !strings.Contains(body, "scheduler") {
			t.Errorf("automatic: %d %s", status, body)
		}
	})
}
