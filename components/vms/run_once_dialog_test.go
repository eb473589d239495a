package vms

import (
	"context"
	"encoding/json"
	stdhtml "html"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/internal/uitest"
	"v6admin/validation"
	"v6admin/wire"
)

// runOnceAPI records the starts OK sends and answers them; the VM boots
// (powering_up) and is up on the next read.
type runOnceAPI struct {
	client.API
	mu     sync.Mutex
	sent   []wire.StartVMRequest
	refuse *client.APIError
	reads  int
	// initialRun is the VM's stored Initial Run; edits the EditVM
	// requests sent.
	initialRun *wire.CloudInitRequest
	edits      []wire.EditVMRequest
}

func (f *runOnceAPI) EditVM(_ context.Context, id string, r wire.EditVMRequest) (*wire.VM, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.edits = append(f.edits, r)
	if f.refuse != nil {
		return nil, f.refuse
	}
	return &wire.VM{ID: id, Name: "build0", Status: "down", InitialRun: r.InitialRun}, nil
}

func (f *runOnceAPI) StartVM(_ context.Context, id string, r wire.StartVMRequest) (*wire.VMActionResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, r)
	if f.refuse != nil {
		return nil, f.refuse
	}
	return &wire.VMActionResult{VM: wire.VM{ID: id, Name: "build0", Status: "powering_up"}, Job: &wire.Job{ID: "j1", Status: "finished"}}, nil
}

func (f *runOnceAPI) VM(_ context.Context, id string) (*wire.VM, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	return &wire.VM{ID: id, Name: "build0", Status: "up", InitialRun: f.initialRun,
		IPv6: []wire.Addr{{Address: "2001:db8:100::50", Scope: validation.ScopeGlobal}}}, nil
}

func (f *runOnceAPI) only(t *testing.T) string {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sent) != 1 {
		t.Fatalf("%d requests sent, want 1: %+v", len(f.sent), f.sent)
	}
	b, err := json.Marshal(f.sent[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (f *runOnceAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sent)
}

// waitUp runs the engine until the dialog stops following the VM.
func waitUp(t *testing.T, e app.TestEngine, d *RunOnceDialog) {
	t.Helper()
	for i := 0; i < 200 && d.busy; i++ {
		e.ConsumeAll()
		time.Sleep(5 * time.Millisecond)
	}
	if d.busy {
		t.Fatal("the dialog still follows the VM")
	}
}

func runOnce(t *testing.T, api *runOnceAPI) (*RunOnceDialog, app.TestEngine, app.Context, *wire.VM) {
	t.Helper()
	runOncePoll = time.Millisecond
	done := &wire.VM{}
	d := &RunOnceDialog{API: api, VM: wire.VM{ID: "vm2", Name: "build0", Status: "down"},
		OnDone: func(_ app.Context, vm *wire.VM) { *done = *vm }}
	e, ctx := uitest.Mount(t, d)
	return d, e, ctx, done
}

// Issue 15 item 4: a static IPv6-only NIC, exactly as the BFF takes it;
// the dialog follows the VM until it is up.
func TestRunOnceOKSendsTheRequest(t *testing.T) {
	api := &runOnceAPI{}
	d, e, ctx, done := runOnce(t, api)
	d.setUseCloudInit(true)
	_, ip4, ip6 := d.ci.NIC(0)
	if ip4.Proto != "none" || ip6.Proto != "none" {
		t.Fatalf("eth0 starts %s/%s", ip4.Proto, ip6.Proto)
	}
	ip6.SetProto("static")
	ip6.Address.SetValue(" 2001:DB8:100::50/64 ") // pasted with its prefix
	ip6.Gateway.SetValue("2001:db8:100::1")
	d.ci.addDNS("2001:db8:100::53")
	d.ci.addSearch("lab.example.com")
	d.ok(ctx)
	waitUp(t, e, d)
	want := `{"cloud_init":{"protocol":"openstack_metadata","nics":[{"name":"eth0","ipv6":{"boot_protocol":"static","address":"2001:DB8:100::50","prefix":"64","gateway":"2001:db8:100::1"}}],"dns_servers":["2001:db8:100::53"],"dns_search":["lab.example.com"]}}`
	if got := api.only(t); got != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if done.Status != "up" || api.reads == 0 {
		t.Errorf("OnDone got %+v after %d reads", done, api.reads)
	}
	if d.err != "" {
		t.Errorf("alert %q", d.err)
	}
}

// Without "Use Cloud-Init" OK is a plain start.
func TestRunOncePlainStart(t *testing.T) {
	api := &runOnceAPI{}
	d, e, ctx, done := runOnce(t, api)
	d.ok(ctx)
	waitUp(t, e, d)
	if got := api.only(t); got != `{}` {
		t.Errorf("sent %s", got)
	}
	if done.Status != "up" {
		t.Errorf("OnDone got %+v", done)
	}
}

// The engine's refusals show as you type, on the radio they are about,
// and OK sends nothing: autoconf, and any IPv6 setting with ENI.
func TestRunOnceRefusesAutoconfAndENIIPv6(t *testing.T) {
	api := &runOnceAPI{}
	d, _, ctx, _ := runOnce(t, api)
	d.setUseCloudInit(true)
	_, _, ip6 := d.ci.NIC(0)
	ip6.SetProto("autoconf")
	html := app.HTMLString(d.Render())
	uitest.CheckHTML(t, "autoconf", html, []string{`id="ci-nic0-ipv6-proto-autoconf"`, "Stateless Address Autoconfiguration",
		`id="ci-nic0-ipv6-proto-error"`, stdhtml.EscapeString(validation.MsgCloudInitAutoconf)}, nil)
	d.ok(ctx)
	if api.count() != 0 {
		t.Fatal("OK sent a refused request")
	}
	ip6.SetProto("dhcp")
	d.ci.SetProtocol("eni")
	html = app.HTMLString(d.Render())
	uitest.CheckHTML(t, "eni", html, []string{stdhtml.EscapeString(validation.MsgCloudInitENIIPv6), "ENI carries no IPv6"}, nil)
	d.ok(ctx)
	if api.count() != 0 {
		t.Fatal("OK sent IPv6 with ENI")
	}
	ip6.SetProto("none")
	if ip6.ProtoProblem() != nil {
		t.Fatalf("IPv6 None with ENI refused: %+v", ip6.ProtoProblem())
	}
	uitest.CheckHTML(t, "eni none", app.HTMLString(d.Render()), nil, []string{`id="ci-nic0-ipv6-proto-error"`})
}

// A static address left empty gets the engine's words, the family's.
func TestRunOnceStaticAddressMissing(t *testing.T) {
	api := &runOnceAPI{}
	d, _, ctx, _ := runOnce(t, api)
	d.setUseCloudInit(true)
	_, ip4, ip6 := d.ci.NIC(0)
	ip4.SetProto("static")
	ip6.SetProto("static")
	d.ok(ctx)
	if api.count() != 0 {
		t.Fatal("OK sent a static NIC without addresses")
	}
	if p := ip4.Address.Problem(); p == nil || p.Message != validation.MsgCloudInitStaticIPv4 {
		t.Errorf("IPv4 address: %+v", p)
	}
	if p := ip6.Address.Problem(); p == nil || p.Message != validation.MsgCloudInitStaticIPv6 {
		t.Errorf("IPv6 address: %+v", p)
	}
}

// The BFF's field errors land on the field (or radio) of their path, the
// rest in the alert, and nothing typed is lost.
func TestRunOnceShowsTheBFFsFieldErrors(t *testing.T) {
	api := &runOnceAPI{refuse: &client.APIError{Status: 400, Code: wire.CodeValidation, Message: wire.MsgValidation, Fields: wire.FieldErrors{
		"cloud_init.nics.0.ipv6.gateway":       {Message: "bad gateway"},
		"cloud_init.nics.0.ipv6.boot_protocol": {Message: "bad protocol"},
		"cloud_init.dns_search.0":              {Message: "bad domain"},
	}}}
	d, e, ctx, _ := runOnce(t, api)
	d.setUseCloudInit(true)
	_, _, ip6 := d.ci.NIC(0)
	ip6.SetProto("static")
	ip6.Address.SetValue("2001:db8:100::50")
	ip6.Gateway.SetValue("2001:db8:100::1")
	d.ci.addSearch("lab.example.com")
	d.ok(ctx)
	e.ConsumeAll()
	if ip6.Gateway.ServerError() != "bad gateway" || ip6.ProtoServerErr != "bad protocol" || d.ci.search[0].ServerError() != "bad domain" {
		t.Fatalf("gateway %q, protocol %q, search %q", ip6.Gateway.ServerError(), ip6.ProtoServerErr, d.ci.search[0].ServerError())
	}
	if d.err != "" || d.busy {
		t.Errorf("alert %q, busy %v", d.err, d.busy)
	}
	if ip6.Address.Value() != "2001:db8:100::50" || ip6.Gateway.Value() != "2001:db8:100::1" || !d.useCI {
		t.Error("the refused OK lost what was typed")
	}
	api.refuse.Fields = wire.FieldErrors{"cloud_init.nics.3.name": {Message: "no such NIC"}}
	ip6.ProtoServerErr = ""
	ip6.Gateway.SetServerError("")
	d.ci.search[0].SetServerError("")
	d.ok(ctx)
	e.ConsumeAll()
	if d.err != wire.MsgValidation+" no such NIC" {
		t.Errorf("an error about no field: alert %q", d.err)
	}
}

// Keyboard: the NIC list and the DNS lists are buttons, every control
// has a label, and the dialog opens on "Use Cloud-Init".
func TestRunOnceRenders(t *testing.T) {
	d, _, _, _ := runOnce(t, &runOnceAPI{})
	html := app.HTMLString(d.Render())
	uitest.CheckHTML(t, "closed", html, []string{`id="ro-use-cloud-init"`, "Use Cloud-Init", `id="ro-no-cloud-init"`}, []string{`id="ci-protocol"`})
	d.setUseCloudInit(true)
	html = app.HTMLString(d.Render())
	uitest.CheckHTML(t, "open", html, []string{`id="ci-protocol"`, `for="ci-nic0-name"`, `id="ci-nic0-ipv4-proto-static"`,
		`id="ci-nic0-ipv6-proto-dhcp"`, `id="ci-nic-add"`, `id="ci-dns-add"`, `id="ci-search-add"`, "OpenStack Metadata"}, nil)
}

// The details page wires Run Once: its toolbar button (disabled while the
// VM runs, saying why) and ?dialog=run-once open the dialog on the VM.
func TestVMPageOpensRunOnce(t *testing.T) {
	web0 := loadWeb0(t)
	p := &VMPage{API: &fakeAPI{t: t}, VMID: web0.ID, Dialog: "run-once"}
	uitest.Mount(t, p)
	html := app.HTMLString(p.Render())
	uitest.CheckHTML(t, "deep link", html, []string{`id="run-once-dialog"`, "Run web0 once with these settings.", `id="vm-do-run-once"`,
		"Run Once starts a VM that is down.", `id="vm-do-edit"`}, nil)
	tag := regexp.MustCompile(`<button[^>]*id="vm-do-run-once"[^>]*>`).FindString(html)
	if !regexp.MustCompile(` disabled(="true")?[ >]`).MatchString(tag) {
		t.Errorf("Run Once enabled on a running VM: %s", tag)
	}
	p.dialog = "edit"
	uitest.CheckHTML(t, "edit", app.HTMLString(p.Render()), []string{`id="edit-vm-dialog"`, "Edit Virtual Machine web0"}, []string{`id="run-once-dialog"`})
}
