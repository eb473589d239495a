package api

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/engine/embedded"
	"v6admin/validation"
	"v6admin/wire"
)

// post calls the API with a JSON body (none when body is "").
func post(e *echo.Echo, path, body string) (int, string) {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// vmNamed returns the VM named name from GET /api/vms/:id (found by the
// list).
func vmNamed(tb testing.TB, e *echo.Echo, name string) wire.VM {
	tb.Helper()
	status, body := get(e, "/api/vms")
	var l wire.VMList
	if err := json.Unmarshal([]byte(body), &l); status != 200 || err != nil {
		tb.Fatalf("vms: %d %v %.300s", status, err, body)
	}
	for _, v := range l.VMs {
		if v.Name == name {
			status, body = get(e, "/api/vms/"+v.ID)
			var d wire.VM
			if err := json.Unmarshal([]byte(body), &d); status != 200 || err != nil {
				tb.Fatalf("vm %s: %d %v %.300s", name, status, err, body)
			}
			return d
		}
	}
	tb.Fatalf("no VM %s in %s", name, body)
	return wire.VM{}
}

// waitVM polls the VM until ok says it is there.
func waitVM(tb testing.TB, e *echo.Echo, name string, ok func(wire.VM) bool) wire.VM {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := vmNamed(tb, e, name)
		if ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s never got there: %+v", name, v)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestVMsEmbedded runs web0 of the embedded lab through the VM endpoints:
// stopped, started again with a Run Once static IPv6 cloud-init NIC on the
// IPv6-only display network (its guest then reports that address, scope
// documentation, and its link-local one), its console bracketed; the
// migration plan to the other display host names the IPv6 address on
// display, and the migration then lands there with the console at that
// very address.
func TestVMsEmbedded(t *testing.T) {
	env := newEmbeddedAPI(t, embedded.Config{VMBootDelay: 50 * time.Millisecond, MigrationDelay: 50 * time.Millisecond})
	e := env.modern
	web := vmNamed(t, e, "web0")
	if status, body := post(e, "/api/vms/"+web.ID+"/stop", ""); status != 200 {
		t.Fatalf("stop: %d %s", status, body)
	}
	waitVM(t, e, "web0", func(v wire.VM) bool { return v.Status == "down" })

	// The engine's rules agree with ours: ENI with IPv6 is refused before
	// the engine sees it.
	status, body := post(e, "/api/vms/"+web.ID+"/start", `{"cloud_init":{"protocol":"eni","nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:db8:100::25/64"}}]}}`)
	if status != 400 || !strings.Contains(body, "cloud_init.nics.0.ipv6.boot_protocol") {
		t.Fatalf("ENI with IPv6: %d %s", status, body)
	}
	status, body = post(e, "/api/vms/"+web.ID+"/start", `{"cloud_init":{"nics":[{"name":"eth0","ipv4":{"boot_protocol":"none"},`+
		`"ipv6":{"boot_protocol":"static","address":"2001:DB8:100:0::25/64","gateway":"2001:db8:100::1"}}],"dns_servers":["2001:db8::53"],"dns_search":["lab.example.com"]}}`)
	if status != 200 {
		t.Fatalf("start: %d %s", status, body)
	}
	web = waitVM(t, e, "web0", func(v wire.VM) bool { return v.Status == "up" && len(v.IPv6) > 0 })
	var static, link bool
	for _, a := range web.NICs[0].Addresses {
		static = static || a == wire.Addr{Address: "2001:db8:100::25", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}
		link = link || a.Scope == validation.ScopeLinkLocal && strings.HasPrefix(a.Address, "fe80::")
	}
	if !static || !link || len(web.IPv4) != 0 {
		t.Errorf("guest addresses %+v (ipv4 %+v)", web.NICs[0].Addresses, web.IPv4)
	}
	// The scheduler picks host0 or host1 (both have display): the console
	// is at that host's IPv6 address on display, bracketed with its port.
	if len(web.Consoles) != 1 || !strings.HasPrefix(web.Consoles[0].Endpoint, "[2001:db8:100:") ||
		!strings.HasSuffix(web.Consoles[0].Endpoint, "]:5900") {
		t.Errorf("console %+v on %+v", web.Consoles, web.Host)
	}
	dst := env.hostID(t, "host1")
	if web.Host.ID == dst {
		dst = env.hostID(t, "host0")
	}
	status, body = get(e, "/api/vms/"+web.ID+"/migration-plan?host="+dst)
	var plan wire.MigrationPlan
	if err := json.Unmarshal([]byte(body), &plan); status != 200 || err != nil {
		t.Fatalf("plan: %d %v %s", status, err, body)
	}
	if plan.Family != "ipv6" || plan.Address == nil || plan.Network.Label() != "display" ||
		plan.Summary != "over "+plan.Address.Address+" on display (IPv6)" || len(plan.Warnings) != 0 {
		t.Fatalf("plan %s", body)
	}
	if status, body := post(e, "/api/vms/"+web.ID+"/migrate", `{"host_id":"`+dst+`"}`); status != 200 {
		t.Fatalf("migrate: %d %s", status, body)
	}
	web = waitVM(t, e, "web0", func(v wire.VM) bool { return v.Status == "up" && v.Host != nil && v.Host.ID == dst })
	// No host has IPv4 on display: vdsm's display address is the same IPv6
	// address the migration went to.
	if len(web.Consoles) != 1 || web.Consoles[0].Address == nil || web.Consoles[0].Address.Address != plan.Address.Address {
		t.Errorf("console after migration %+v, plan %s", web.Consoles, plan.Summary)
	}
	status, body = get(e, "/api/events?code=62")
	if status != 200 || !strings.Contains(body, `"vm":{"id":"`+web.ID+`","name":"web0"}`) {
		t.Errorf("migration event: %d %.500s", status, body)
	}
}

// TestEditVMInitialRunEmbedded: Edit VM's Initial Run through the BFF and
// the embedded engine: PUT /api/vms/:id stores build0's cloud-init
// network, GET /api/vms/:id shows it (RFC 5952), and build0's first plain
// start hands it to the guest, which reports the static IPv6 address.
func TestEditVMInitialRunEmbedded(t *testing.T) {
	env := newEmbeddedAPI(t, embedded.Config{VMBootDelay: 50 * time.Millisecond, MigrationDelay: 50 * time.Millisecond})
	e := env.modern
	build := vmNamed(t, e, "build0")
	if build.InitialRun != nil {
		t.Fatalf("build0 starts with an Initial Run: %+v", build.InitialRun)
	}
	put := func(body string) (int, string) {
		req := httptest.NewRequest("PUT", "/api/vms/"+build.ID, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	status, body := put(`{"initial_run":{"nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:DB8:10:0::88/64","gateway":"2001:db8:10::1"}}],"dns_servers":["2001:db8::53"]}}`)
	if status != 200 {
		t.Fatalf("put: %d %s", status, body)
	}
	build = vmNamed(t, e, "build0")
	ir := build.InitialRun
	if ir == nil || ir.Protocol != "openstack_metadata" || len(ir.NICs) != 1 || ir.NICs[0].IPv6 == nil ||
		*ir.NICs[0].IPv6 != (wire.IPv6Request{BootProtocol: "static", Address: "2001:db8:10::88", Prefix: "64", Gateway: "2001:db8:10::1"}) ||
		len(ir.DNSServers) != 1 || ir.DNSServers[0] != "2001:db8::53" {
		t.Fatalf("initial run %+v", ir)
	}
	if status, body := post(e, "/api/vms/"+build.ID+"/start", ""); status != 200 {
		t.Fatalf("start: %d %s", status, body)
	}
	build = waitVM(t, e, "build0", func(v wire.VM) bool { return v.Status == "up" && len(v.IPv6) > 0 })
	found := false
	for _, a := range build.IPv6 {
		found = found || a.Address == "2001:db8:10::88"
	}
	if !found {
		t.Errorf("guest IPv6 %+v lacks the Initial Run's address", build.IPv6)
	}
}
