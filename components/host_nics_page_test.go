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

func loadNetwork(t *testing.T) *wire.HostNetwork {
	t.Helper()
	var n wire.HostNetwork
	data, err := os.ReadFile("testdata/network.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestNICRows(t *testing.T) {
	rows := nicRows(loadNetwork(t))
	var names []string
	byName := map[string]nicRow{}
	for _, r := range rows {
		names = append(names, r.NIC.Name)
		byName[r.NIC.Name] = r
	}
	if got := strings.Join(names, " "); got != "bond0 eth2 eth3 eth0 eth1 eth4 eth5" {
		t.Fatalf("rows %q: bonds with their slaves after them, no VLAN devices", got)
	}
	if byName["eth2"].SlaveOf != "bond0" {
		t.Error("eth2 is a slave of bond0")
	}
	mgmt := byName["eth0"].Networks
	if len(mgmt) != 1 || mgmt[0].Name != "ovirtmgmt" || !mgmt[0].Management || !mgmt[0].DefaultRoute || !mgmt[0].InSync {
		t.Fatalf("eth0 networks %+v", mgmt)
	}
	if a := mgmt[0].IPv6.Address; a == nil || a.Address != "2001:db8:10::11" || a.Scope != validation.ScopeDocumentation || *mgmt[0].IPv6.Prefix != 64 {
		t.Fatalf("eth0 IPv6 %+v", mgmt[0].IPv6)
	}
	display := byName["eth1"].Networks
	if len(display) != 1 || display[0].VLAN != 100 || display[0].Device != "eth1.100" || display[0].IPv6.Address.Address != "2001:db8:100::11" {
		t.Fatalf("eth1 networks %+v", display)
	}
	storage := byName["bond0"].Networks
	if len(storage) != 1 || storage[0].VLAN != 200 || storage[0].IPv6.Address.Address != "2001:db8:200::11" {
		t.Fatalf("bond0 networks %+v", storage)
	}
}

func TestIPLines(t *testing.T) {
	p := 64
	slaac := &wire.IPConfig{BootProtocol: "autoconf", Address: &wire.Addr{Address: "2001:db8:10:0:e42:a1ff:fe32:1db1", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation},
		Prefix: &p, Gateway: &wire.Addr{Address: "fe80::1", Kind: validation.HostIPv6, Scope: validation.ScopeLinkLocal}}
	own := &wire.IPConfig{BootProtocol: "none", Address: &wire.Addr{Address: "fe80::e42:a1ff:fe32:1db1", Kind: validation.HostIPv6, Scope: validation.ScopeLinkLocal}, Prefix: &p}
	tests := []struct {
		name      string
		c         *wire.IPConfig
		showLL    bool
		wantTexts []string
		wantHid   int
	}{
		// The RA-learned gateway is the only link-local datum: it always shows.
		{"SLAAC, switch off", slaac, false, []string{"2001:db8:10:0:e42:a1ff:fe32:1db1/64", "fe80::1"}, 0},
		{"SLAAC, switch on", slaac, true, []string{"2001:db8:10:0:e42:a1ff:fe32:1db1/64", "fe80::1"}, 0},
		// The interface's own link-local address is what the switch is about.
		{"own link-local, off", own, false, nil, 1},
		{"own link-local, on", own, true, []string{"fe80::e42:a1ff:fe32:1db1/64"}, 0},
		{"DHCP without a lease yet", &wire.IPConfig{BootProtocol: "dhcp"}, false, []string{""}, 0},
		{"none", &wire.IPConfig{BootProtocol: "none"}, true, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, hidden := ipLines(tt.c, tt.showLL)
			var texts []string
			for _, l := range lines {
				texts = append(texts, l.Text)
			}
			if strings.Join(texts, "|") != strings.Join(tt.wantTexts, "|") || hidden != tt.wantHid {
				t.Fatalf("lines %q hidden %d, want %q hidden %d", texts, hidden, tt.wantTexts, tt.wantHid)
			}
		})
	}
	lines, _ := ipLines(slaac, false)
	if !lines[1].Gateway || lines[1].Copy != "fe80::1" || lines[0].Copy != "2001:db8:10:0:e42:a1ff:fe32:1db1" {
		t.Fatalf("gateway line %+v", lines)
	}
}

func TestAnyLinkLocal(t *testing.T) {
	p := 64
	ll := &wire.IPConfig{Address: &wire.Addr{Address: "fe80::1:2", Scope: validation.ScopeLinkLocal}, Prefix: &p}
	gwOnly := &wire.IPConfig{Gateway: &wire.Addr{Address: "fe80::1", Scope: validation.ScopeLinkLocal}}
	if anyLinkLocal([]nicRow{{Networks: []netRow{{IPv6: gwOnly}}}}) {
		t.Error("a link-local gateway is not an interface address")
	}
	if !anyLinkLocal([]nicRow{{Own: &netRow{IPv6: ll}}}) {
		t.Error("a NIC's own link-local address counts")
	}
}

func TestNICPageRenders(t *testing.T) {
	p := &HostNICsPage{HostID: "h"}
	e := app.NewTestEngine()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	p.net = loadNetwork(t)
	p.host = &wire.Host{Name: "host0", Address: wire.Addr{Address: "2001:db8:10::11", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}, Status: "up"}
	p.st = listState{loaded: true}
	html := app.HTMLString(p.Render())
	uitest.CheckHTML(t, "nics", html, []string{
		"host0 — Network Interfaces", ">IPv6 Address<", ">IPv4 Address<", ">Logical Networks<",
		"2001:db8:10::11/64", "2001:db8:100::11/64", "Copy 2001:db8:10::11", ">VLAN 100<", ">Management<", ">Default Route<",
		"scope-documentation", "Show link-local addresses", "Sync All Networks", "Setup Host Networks",
	}, []string{">Out of sync<"})
	if anyOutOfSync(p.net) {
		t.Error("the seed's networks are in sync")
	}
	p.net.Attachments[0].InSync = false
	uitest.CheckHTML(t, "out of sync", app.HTMLString(p.Render()), []string{">Out of sync<"}, nil)
}

func TestNICTraffic(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		nic  wire.NIC
		want []string
	}{
		{"reported", wire.NIC{ID: "n0", Name: "eth0", Status: "up", RxRateBps: f(12_345_678), TxRateBps: f(4_000), RxTotalBytes: n(3 << 30), TxTotalBytes: n(1536), Drops: n(4)},
			[]string{">12.35 / &lt; 0.01<", ">3.0 GiB / 1.5 KiB<", ">4<", `class="v6-traffic"`}},
		{"idle", wire.NIC{ID: "n1", Name: "eth1", Status: "down", RxRateBps: f(0), TxRateBps: f(0), RxTotalBytes: n(0), TxTotalBytes: n(0), Drops: n(0)},
			[]string{">0 / 0<", ">0 B / 0 B<"}},
		{"not reported", wire.NIC{ID: "n2", Name: "eth2", Status: "up"},
			[]string{">[N/A] / [N/A]<", "Not reported by the server"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &HostNICsPage{HostID: "h"}
			e := app.NewTestEngine()
			if err := e.Load(p); err != nil {
				t.Fatal(err)
			}
			e.ConsumeAll()
			p.net = &wire.HostNetwork{NICs: []wire.NIC{tt.nic}}
			p.st = listState{loaded: true}
			html := app.HTMLString(p.Render())
			// Statistics are in the row's details, collapsed at first.
			uitest.CheckHTML(t, tt.name, html, append([]string{">Rx / Tx Rate (Mbps)<", ">Rx / Tx Total<", ">Drops (Pkts)<",
				`aria-expanded="false"`, `data-nic-details="` + tt.nic.Name + `"`, "hidden"}, tt.want...), []string{"pf-m-expanded"})
			p.toggleDetails(tt.nic.Name)
			uitest.CheckHTML(t, tt.name+" open", app.HTMLString(p.Render()), []string{"pf-m-expanded"}, []string{`aria-expanded="false"`})
		})
	}
}
