package components

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func loadHosts(t *testing.T) []Host {
	t.Helper()
	var out struct {
		Hosts []Host `json:"hosts"`
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
	names := func(hs []Host) string {
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
	checkHTML(t, "empty", html, []string{"No hosts yet", "New Host"}, []string{`id="hosts-table"`})

	p.hosts = loadHosts(t)
	p.hosts[0].Status = "installing"
	p.installing = map[string]string{p.hosts[0].ID: "Installing Host host0. Stage: Initializing."}
	html = app.HTMLString(p.Render())
	checkHTML(t, "list", html, []string{
		">Name<", ">Hostname/IP<", ">Cluster<", ">Status<", ">Power Management<",
		">2001:db8:10::11<", "scope-documentation", ">host1.lab.example.org<", ">Installing<", ">Enabled (kdump)<", ">Disabled<",
		"Installing host0…", "Stage: Initializing.", `href="/hosts/` + p.hosts[0].ID + `/nics"`,
	}, nil)
	p.filter = "zzz"
	checkHTML(t, "filtered", app.HTMLString(p.Render()), []string{"No host matches the filter", "Clear filter"}, nil)
}

func TestPMSummary(t *testing.T) {
	if s, c := pmSummary(Host{}); s != "Disabled" || c != "grey" {
		t.Error(s, c)
	}
	if s, _ := pmSummary(Host{PowerManagement: PowerMgmt{Enabled: true}}); s != "Enabled" {
		t.Error(s)
	}
}
