package vms

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// The fixtures are the BFF's answers over the built-in engine's lab:
// testdata/vms.json (GET /api/vms), vm_web0.json (GET /api/vms/:id),
// migration_plan.json (web0 to host1) and hosts.json (GET /api/hosts).

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func loadVMs(t *testing.T) []wire.VM {
	t.Helper()
	var l wire.VMList
	readJSON(t, "vms.json", &l)
	return l.VMs
}

func loadWeb0(t *testing.T) *wire.VM {
	t.Helper()
	var v wire.VM
	readJSON(t, "vm_web0.json", &v)
	return &v
}

func vmByName(t *testing.T, vms []wire.VM, name string) wire.VM {
	t.Helper()
	for _, v := range vms {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("no VM %s", name)
	return wire.VM{}
}

// fakeAPI answers the VM calls from the fixtures and records the actions
// sent; any other call panics (the embedded nil interface).
type fakeAPI struct {
	client.API
	t    *testing.T
	mu   sync.Mutex
	sent []string // "verb id" or "verb id body"
	// refuse, if set, answers every action.
	refuse *client.APIError
	plan   func(host string) *wire.MigrationPlan
}

func (f *fakeAPI) record(s string) {
	f.mu.Lock()
	f.sent = append(f.sent, s)
	f.mu.Unlock()
}

func (f *fakeAPI) requests() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.sent, "; ")
}

func (f *fakeAPI) VMs(context.Context) ([]wire.VM, error) { return loadVMs(f.t), nil }

func (f *fakeAPI) VM(_ context.Context, id string) (*wire.VM, error) {
	v := loadWeb0(f.t)
	if id != v.ID {
		return nil, &client.APIError{Status: 404, Code: "not_found", Message: "There is no such VM."}
	}
	return v, nil
}

func (f *fakeAPI) action(verb, id string, body any) (*wire.VMActionResult, error) {
	s := verb + " " + id
	if body != nil {
		b, _ := json.Marshal(body)
		s += " " + string(b)
	}
	f.record(s)
	if f.refuse != nil {
		return nil, f.refuse
	}
	return &wire.VMActionResult{VM: *loadWeb0(f.t)}, nil
}

func (f *fakeAPI) StartVM(_ context.Context, id string, r wire.StartVMRequest) (*wire.VMActionResult, error) {
	return f.action("start", id, r)
}

func (f *fakeAPI) ShutdownVM(_ context.Context, id string) (*wire.VMActionResult, error) {
	return f.action("shutdown", id, nil)
}

func (f *fakeAPI) StopVM(_ context.Context, id string) (*wire.VMActionResult, error) {
	return f.action("stop", id, nil)
}

func TestFilterVMs(t *testing.T) {
	vms := loadVMs(t)
	names := func(vs []wire.VM) string {
		var n []string
		for _, v := range vs {
			n = append(n, v.Name)
		}
		return strings.Join(n, ",")
	}
	// build0 is down (no address), db0 dual-stack, legacy0 IPv4 with an
	// IPv6 link-local address only, web0 IPv6 only.
	tests := []struct{ filter, want string }{
		{"", "build0,db0,legacy0,web0"},
		{"all", "build0,db0,legacy0,web0"},
		{"ipv4", "db0,legacy0"},
		{"ipv6", "db0,web0"},  // legacy0's link-local address does not count
		{"ipv6-only", "web0"}, // db0 has IPv4 too
		{"bogus", "build0,db0,legacy0,web0"},
	}
	for _, tt := range tests {
		if got := names(filterVMs(vms, tt.filter)); got != tt.want {
			t.Errorf("filterVMs(%q) = %q, want %q", tt.filter, got, tt.want)
		}
	}
}

func TestVMsTable(t *testing.T) {
	p := &VMsPage{API: &fakeAPI{t: t}}
	uitest.Mount(t, p)
	html := app.HTMLString(p.Render())
	web0 := vmByName(t, p.vms, "web0")
	uitest.CheckHTML(t, "list", html, []string{
		">Name<", ">Status<", ">Host<", ">IPv4<", ">IPv6<", ">Console<",
		`href="/vms/` + web0.ID + `"`, `data-copy="2001:db8:100::5"`, "scope-documentation", `data-copy="192.0.2.110"`,
		`data-copy="2001:db8:10:0:546f:1aff:fee1:8711"`, ">SPICE<", ">VNC<", ">host0<",
		"1 link-local address hidden", `data-copy="2001:db8:100::5"`,
		`aria-label="Power Off web0"`, `aria-label="Start build0"`,
		pressed("vms-family-all"), "Showing every VM. 4 of 4.",
	}, []string{"fe80::", "…"})

	p.linkLocal = true
	uitest.CheckHTML(t, "link-local shown", app.HTMLString(p.Render()), []string{
		`data-copy="fe80::546f:1aff:fe42:93ce%eth0"`, `data-scope="link-local"`, "scope-link-local",
	}, []string{"link-local address hidden"})

	p.family = "ipv6-only"
	html = app.HTMLString(p.Render())
	uitest.CheckHTML(t, "IPv6 only", html, []string{
		pressed("vms-family-ipv6-only"),
		"IPv6 addresses (other than link-local) and no IPv4 address. 1 of 4.", `data-vm="web0"`,
	}, []string{`data-vm="db0"`, `data-vm="build0"`, pressed("vms-family-all")})
}

func TestVMsPageActions(t *testing.T) {
	api := &fakeAPI{t: t}
	p := &VMsPage{API: api}
	e, ctx := uitest.Mount(t, p)
	web0 := vmByName(t, p.vms, "web0")
	build0 := vmByName(t, p.vms, "build0")

	p.acts.ask(ctx, &p.life, api, build0, verbStart, p.load)
	if p.acts.doing(build0.ID) != verbStart {
		t.Error("a running start is not shown")
	}
	uitest.CheckHTML(t, "starting", app.HTMLString(p.Render()), []string{"Starting…"}, nil)
	e.ConsumeAll()
	if p.acts.doing(build0.ID) != "" {
		t.Error("the start did not end")
	}

	// Power Off asks first; nothing is sent before OK.
	p.acts.ask(ctx, &p.life, api, web0, verbStop, p.load)
	e.ConsumeAll()
	if got := api.requests(); got != "start "+build0.ID+" {}" {
		t.Fatalf("sent %q before the confirmation", got)
	}
	d, ok := p.acts.renderConfirm(&p.life, api, p.load).(*form.ConfirmDialog)
	if !ok {
		t.Fatal("no confirmation dialog")
	}
	uitest.CheckHTML(t, "confirm", app.HTMLString(d.Render()), []string{"Power Off Virtual Machine(s)", ">web0<", ">Power Off<"}, nil)
	d.OnOK(ctx)
	e.ConsumeAll()
	if got := api.requests(); got != "start "+build0.ID+" {}; stop "+web0.ID {
		t.Errorf("sent %q", got)
	}
	if p.acts.confirm != nil {
		t.Error("the confirmation stays open")
	}

	p.acts.ask(ctx, &p.life, api, web0, verbShutdown, p.load)
	e.ConsumeAll()
	if got := api.requests(); !strings.HasSuffix(got, "; shutdown "+web0.ID) {
		t.Errorf("sent %q", got)
	}
}

// pressed matches the tag of the element of id with aria-pressed true
// (go-app writes attributes in any order, and "true" as a bare name).
func pressed(id string) string {
	const on = `aria-pressed(="true")?[ >]`
	return `re:<[^>]*(id="` + id + `"[^>]*` + on + `|` + on + `[^>]*id="` + id + `")`
}
