package components

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

func loadHosts(t *testing.T) []wire.Host {
	t.Helper()
	var out struct {
		Hosts []wire.Host `json:"hosts"`
	}
	data, err := os.ReadFile("testdata/hosts.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out.Hosts
}

func TestFilterHosts(t *testing.T) {
	hosts := loadHosts(t)
	names := func(hs []wire.Host) string {
		var n []string
		for _, h := range hs {
			n = append(n, h.Name)
		}
		return strings.Join(n, ",")
	}
	tests := []struct{ q, want string }{
		{"", "host0,host1,host2"},
		{"HOST1", "host1"},
		{"2001:DB8:10:0:0:0:0:11", "host0"},
		{"[2001:db8:10::11]", "host0"},
		{"192.0.2.13", "host2"},
		{"lab.example", "host1"},
		{"default", "host0,host1,host2"},
		{"up", "host0,host1,host2"},
		{"nothing", ""},
	}
	for _, tt := range tests {
		if got := names(filterHosts(hosts, tt.q)); got != tt.want {
			t.Errorf("filterHosts(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestHostsTable(t *testing.T) {
	p := &HostsPage{}
	e := app.NewTestEngine()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	p.st = listState{loaded: true}
	html := app.HTMLString(p.Render())
	uitest.CheckHTML(t, "empty", html, []string{"No hosts yet", "New Host"}, []string{`id="hosts-table"`})

	p.hosts = loadHosts(t)
	p.hosts[0].Status = "installing"
	p.installing = map[string]string{p.hosts[0].ID: "Installing Host host0. Stage: Initializing."}
	html = app.HTMLString(p.Render())
	uitest.CheckHTML(t, "list", html, []string{
		">Name<", ">Hostname/IP<", ">Cluster<", ">Status<", ">Power Management<",
		">2001:db8:10::11<", "scope-documentation", ">host1.lab.example.org<", ">Installing<", ">Enabled (kdump)<", ">Disabled<",
		"Installing host0…", "Stage: Initializing.", `href="/hosts/` + p.hosts[0].ID + `/nics"`,
	}, nil)
	p.filter = "zzz"
	uitest.CheckHTML(t, "filtered", app.HTMLString(p.Render()), []string{"No host matches the filter", "Clear filter"}, nil)
}

func TestPMSummary(t *testing.T) {
	if s, c := pmSummary(wire.Host{}); s != "Disabled" || c != "grey" {
		t.Error(s, c)
	}
	if s, _ := pmSummary(wire.Host{PowerManagement: wire.PowerMgmt{Enabled: true}}); s != "Enabled" {
		t.Error(s)
	}
}

func TestHostLifecycleActions(t *testing.T) {
	tests := []struct {
		status                string
		maintenance, activate bool
	}{
		{"up", true, false},
		{"maintenance", false, true},
		{"installing", false, false},
		{"install_failed", true, true},
		{"non_responsive", true, true},
		{"preparing_for_maintenance", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			if canMaintenance(tt.status) != tt.maintenance || canActivate(tt.status) != tt.activate {
				t.Fatalf("maintenance %v activate %v", canMaintenance(tt.status), canActivate(tt.status))
			}
			p := &HostsPage{}
			e := app.NewTestEngine()
			if err := e.Load(p); err != nil {
				t.Fatal(err)
			}
			e.ConsumeAll()
			p.st = listState{loaded: true}
			p.hosts = []wire.Host{{ID: "h1", Name: "h1", Status: tt.status, Address: wire.Addr{Address: "2001:db8::1", Kind: validation.HostIPv6}}}
			p.selected = "h1"
			html := app.HTMLString(p.Render())
			for id, on := range map[string]bool{"host-do-maintenance": tt.maintenance, "host-do-activate": tt.activate} {
				i := strings.Index(html, `id="`+id+`"`)
				if i < 0 {
					t.Fatalf("no %s button", id)
				}
				tag := html[strings.LastIndex(html[:i], "<"):]
				tag = tag[:strings.Index(tag, ">")]
				disabled := strings.Contains(tag, " disabled") && !strings.Contains(tag, `disabled="false"`)
				if disabled == on {
					t.Errorf("%s disabled=%v: %s", id, disabled, tag)
				}
			}
		})
	}
	// Maintenance asks first, with oVirt's words.
	p := &HostsPage{hosts: []wire.Host{{ID: "h1", Name: "h1", Status: "up"}}, selected: "h1"}
	p.dialog, p.dialogHost = "maintenance", "h1"
	html := app.HTMLString(p.renderDialog())
	uitest.CheckHTML(t, "maintenance", html, []string{"Maintenance Host(s)",
		"Are you sure you want to place the following host(s) into maintenance mode?", ">h1<"}, nil)
}
