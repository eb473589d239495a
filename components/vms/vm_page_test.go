package vms

import (
	"strings"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

func TestVMPageTabs(t *testing.T) {
	web0 := loadWeb0(t)
	p := &VMPage{API: &fakeAPI{t: t}, VMID: web0.ID}
	uitest.Mount(t, p)
	if p.vm == nil || p.vm.Name != "web0" {
		t.Fatalf("the VM did not load: %+v", p.vm)
	}
	html := app.HTMLString(p.Render())
	uitest.CheckHTML(t, "details", html, []string{
		`id="vm-title"`, ">web0<", ">Up<", `id="vm-host">host0<`, "Cluster: Default",
		// toolbar
		`id="vm-do-start"`, `id="vm-do-shutdown"`, `id="vm-do-stop"`,
		// Network Interfaces
		">Network Interfaces<", ">nic1<", ">56:6f:1a:42:93:ce<", ">eth0<",
		`data-copy="2001:db8:100::5"`, `data-copy="fe80::546f:1aff:fe42:93ce%eth0"`, ">IPv6<", "scope-link-local", "scope-documentation",
		// Console: as typed, brackets around the IPv6 literal
		">SPICE console<", `>[2001:db8:100::11]:5900<`, `>[2001:db8:100::11]:5901<`,
		`href="/api/vms/` + web0.ID + `/console.vv?protocol=spice"`, `download="web0.vv"`,
		// Sessions
		">admin@internal<", ">Console user<", `data-copy="2001:db8:20::77"`, ">cloud-user<", ">Guest user<",
	}, []string{"vm-console-proxy"})

	// The profile as webadmin names it: "profile (network)".
	uitest.CheckHTML(t, "profile", html, []string{`title="vNIC profile display on network display"`, ">display (display)<"}, []string{"vNIC profile id"})
}

// TestNICProfile: the profile's name and its network; the name alone
// when the network has none (an engine that does not follow links); the
// muted id only when the engine gave no name; "—" without a profile.
func TestNICProfile(t *testing.T) {
	tests := []struct {
		name      string
		nic       wire.VMNIC
		want, not []string
	}{
		{"name and network", wire.VMNIC{Profile: &wire.Ref{ID: "p1", Name: "guests"}, ProfileNetwork: &wire.Ref{ID: "n1", Name: "vm-net"}},
			[]string{">guests (vm-net)<", `title="vNIC profile guests on network vm-net"`}, []string{"v6-muted", ">p1<", ">n1<"}},
		{"network by id only", wire.VMNIC{Profile: &wire.Ref{ID: "p1", Name: "guests"}, ProfileNetwork: &wire.Ref{ID: "n1"}},
			[]string{">guests<", `title="vNIC profile guests"`}, []string{"v6-muted", "n1", "("}},
		{"profile by id only", wire.VMNIC{Profile: &wire.Ref{ID: "p1"}},
			[]string{"v6-muted", "vNIC profile id (the engine gave no name)", ">p1<"}, nil},
		{"no profile", wire.VMNIC{}, []string{"v6-muted", ">—<"}, []string{"vNIC profile"}},
	}
	for _, tt := range tests {
		uitest.CheckHTML(t, tt.name, app.HTMLString(nicProfile(tt.nic)), tt.want, tt.not)
	}
}

func TestVMPageConsoleProxyAndDown(t *testing.T) {
	v := *loadWeb0(t)
	v.ConsoleProxy = &wire.ConsoleProxy{Proxy: "[2001:db8::7]:3128", IPv6Literal: true, Warning: "The SPICE proxy is an IPv6 literal: webadmin and the VM Portal split it on \":\""}
	uitest.CheckHTML(t, "proxy", app.HTMLString(consoleTab(v)), []string{
		`id="vm-console-proxy"`, "pf-m-warning", "The SPICE proxy [2001:db8::7]:3128 is an IPv6 literal", "split it on",
	}, nil)
	v.ConsoleProxy = &wire.ConsoleProxy{Proxy: "proxy.example.org:3128"}
	uitest.CheckHTML(t, "plain proxy", app.HTMLString(consoleTab(v)), []string{"SPICE proxy: ", ">proxy.example.org:3128<"}, []string{"pf-m-warning"})

	v.Status, v.Consoles, v.Sessions, v.ConsoleProxy = "down", nil, nil, nil
	for i := range v.NICs {
		v.NICs[i].Addresses = nil
	}
	uitest.CheckHTML(t, "down", app.HTMLString(consoleTab(v))+app.HTMLString(nicsTab(v))+app.HTMLString(sessionsTab(v)), []string{
		"web0 is not running: its console (SPICE) has an address once it runs.", "The VM is down: no guest reports addresses.", "No sessions",
	}, []string{"console.vv"})
}

func TestVMPageDeepLinkAndNotFound(t *testing.T) {
	web0 := loadWeb0(t)
	p := &VMPage{API: &fakeAPI{t: t}, VMID: web0.ID, Dialog: "run-once"}
	uitest.Mount(t, p)
	if p.dialog != "run-once" {
		t.Errorf("?dialog=run-once opened %q", p.dialog)
	}
	p.dialog = ""
	p.openLinked()
	if p.dialog != "" {
		t.Error("a deep link opens its dialog once, not again after it closed")
	}

	p = &VMPage{API: &fakeAPI{t: t}, VMID: web0.ID, Dialog: "migrate"}
	uitest.Mount(t, p)
	if d, ok := p.renderDialog().(*MigrateDialog); !ok || d.VM.ID != web0.ID {
		t.Errorf("?dialog=migrate drew %#v", p.renderDialog())
	}
	uitest.CheckHTML(t, "migrate enabled", app.HTMLString(p.Render()), []string{`title="Migrate web0 to another host"`}, nil)
	p.vm.Status = "down"
	uitest.CheckHTML(t, "migrate disabled", app.HTMLString(p.renderToolbar(*p.vm)),
		[]string{`title="Only a running VM (Up) migrates; web0 is Down."`, `re:<button[^>]*id="vm-migrate"[^>]*disabled[ >]|<button[^>]*disabled[ >][^>]*id="vm-migrate"`}, nil)

	p = &VMPage{API: &fakeAPI{t: t}, VMID: "gone", Dialog: "migrate"}
	uitest.Mount(t, p)
	html := app.HTMLString(p.Render())
	uitest.CheckHTML(t, "not found", html, []string{"No such virtual machine", "The engine has no VM gone."}, []string{`id="vm-toolbar"`})
	if p.dialog != "" {
		t.Error("a dialog opened for a VM that does not exist")
	}
}

func TestPath(t *testing.T) {
	tests := []struct{ id, dialog, want string }{
		{"edf1-9fc0", "", "/vms/edf1-9fc0"},
		{"a b", "migrate", "/vms/a%20b?dialog=migrate"},
		{"x", "run-once", "/vms/x?dialog=run-once"},
	}
	for _, tt := range tests {
		if got := Path(tt.id, tt.dialog); got != tt.want {
			t.Errorf("Path(%q, %q) = %q, want %q", tt.id, tt.dialog, got, tt.want)
		}
	}
}

func TestAddrPieces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2001:db8:100::5", "2001:|db8:|100::5"},
		{"2001:db8:10:0:546f:1aff:fee1:8711", "2001:|db8:|10:|0:|546f:|1aff:|fee1:|8711"},
		{"fe80::546f:1aff:fe42:93ce%eth0", "fe80::546f:|1aff:|fe42:|93ce|%eth0"},
		{"::1", "::1"},
		{"192.0.2.110", "192.0.2.110"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(addrPieces(tt.in), "|")
		if got != tt.want {
			t.Errorf("addrPieces(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.ReplaceAll(got, "|", "") != tt.in {
			t.Errorf("addrPieces(%q) loses text: %q", tt.in, got)
		}
	}
}
