package hostnet

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"v6admin/wire"
)

// wellFormed fails unless s parses as one XML element (the board's HTML
// is written to be well-formed: every element closed, attributes quoted).
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v\n%s", err, s)
			}
			break
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 || roots != 1 {
		t.Fatalf("depth %d, %d roots: want one closed root element\n%s", depth, roots, s)
	}
}

func TestBoardHTML(t *testing.T) {
	s := NewHostNetState(testHostNet())
	v := boardView{current: "net:display"}
	tests := []struct {
		name string
		html string
		want []string
		not  []string
	}{
		{"a NIC with a VLAN network", interfaceHTML(s, &v, "eth1"), []string{
			`data-nic="eth1"`, `id="sn-chip-nic-eth1"`, `data-key="nic:eth1"`, `tabindex="-1"`,
			`data-network="display"`, `id="sn-chip-net-display"`, `data-key="net:display"`, `tabindex="0"`, `aria-expanded="false"`,
			`aria-describedby="sn-chip-net-display-details"`, `>VLAN 100<`, `data-edit="display"`, `aria-label="Edit Network display"`,
			`title="Display"`, `title="Migration"`, "Display, Migration:", "IPv6: Boot Protocol Static, Address 2001:db8:100::11",
		}, []string{`sn-menu`, "out of sync"}},
		{"a bond with its slaves and an out-of-sync network", interfaceHTML(s, &v, "bond0"), []string{
			`data-nic="bond0"`, `Bond </span>`, "mode 4, slaves eth2, eth3", `data-key="nic:eth2"`, `data-key="nic:eth3"`,
			`v6-sn-chip--oos`, "out of sync", "Out of sync: the network", "IPv6 boot protocol: engine dhcp, host none",
		}, nil},
		{"an empty NIC", interfaceHTML(s, &v, "eth4"), []string{`no network`}, []string{`data-network=`}},
		{"the unassigned networks", unassignedHTML(s, &v), []string{`data-network="vmnet"`, `data-network="dup100"`, "Not attached."}, []string{`data-edit=`, `data-network="display"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wellFormed(t, tt.html)
			for _, w := range tt.want {
				if !strings.Contains(tt.html, w) {
					t.Errorf("missing %s\n%s", w, tt.html)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(tt.html, w) {
					t.Errorf("unexpected %s\n%s", w, tt.html)
				}
			}
		})
	}
}

func TestBoardMenu(t *testing.T) {
	s := NewHostNetState(testHostNet())
	v := boardView{current: "net:vmnet", menuFor: "net:vmnet"}
	v.ops = s.networkOps("vmnet")
	html := unassignedHTML(s, &v)
	wellFormed(t, html)
	for _, w := range []string{`id="sn-menu"`, `role="menu"`, `aria-label="Actions of vmnet"`, `aria-expanded="true"`,
		"Attach vmnet to ›", `id="sn-menu-item-0"`, `data-op="0"`, `aria-label="Attach vmnet to eth4"`,
		// eth0 holds ovirtmgmt (non-VLAN): refused, with oVirt's reason.
		`pf-m-aria-disabled" aria-disabled="true" id="sn-menu-item-`, msgNonVLANTwice} {
		if !strings.Contains(html, w) {
			t.Errorf("menu lacks %s\n%s", w, html)
		}
	}
	if n := strings.Count(html, `role="menuitem"`); n != len(v.ops) {
		t.Errorf("%d menu items, want %d", n, len(v.ops))
	}
}

// Names come from the engine: they must never become markup.
func TestBoardEscapes(t *testing.T) {
	n := testHostNet()
	evil := `<img src=x onerror="alert(1)">&`
	n.Networks = append(n.Networks, wire.Network{ID: "n-evil", Name: evil, VLANID: 7})
	n.NICs = append(n.NICs, wire.NIC{ID: "id-evil", Name: `eth"9`})
	s := NewHostNetState(n)
	v := boardView{menuFor: "net:" + evil, ops: s.networkOps(evil)}
	for _, h := range []string{unassignedHTML(s, &v), interfaceHTML(s, &v, `eth"9`)} {
		wellFormed(t, h)
		if strings.Contains(h, "<img") || strings.Contains(h, `onerror="`) || strings.Contains(h, `eth"9`) {
			t.Fatalf("unescaped name in\n%s", h)
		}
	}
	if h := unassignedHTML(s, &v); !strings.Contains(h, "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;") {
		t.Errorf("escaped name missing\n%s", h)
	}
}

// scaleHostNet is a host like the embedded engine's scale0: 128 NICs, 256
// networks (one management, the others VLANs), about a hundred attached.
func scaleHostNet() *wire.HostNetwork {
	p := func(n int) *int { return &n }
	n := &wire.HostNetwork{Host: wire.Ref{ID: "h-scale", Name: "scale0"}}
	for i := 0; i < 128; i++ {
		n.NICs = append(n.NICs, wire.NIC{ID: fmt.Sprint("nic", i), Name: fmt.Sprint("eth", i), Status: "up"})
	}
	n.Networks = append(n.Networks, wire.Network{ID: "n0", Name: "scalemgmt", Required: true, Roles: []string{"management", "default_route", "vm"}})
	for i := 1; i < 256; i++ {
		n.Networks = append(n.Networks, wire.Network{ID: fmt.Sprint("n", i), Name: fmt.Sprintf("net%03d", i), VLANID: 1000 + i, Roles: []string{"vm"}})
	}
	n.Attachments = append(n.Attachments, wire.Attachment{ID: "a0", Network: wire.Ref{ID: "n0", Name: "scalemgmt"}, NIC: wire.Ref{Name: "eth0"}, InSync: true,
		IPv4: &wire.IPConfig{BootProtocol: "static", Address: &wire.Addr{Address: "198.51.100.10"}, Netmask: "255.255.255.0"},
		IPv6: &wire.IPConfig{BootProtocol: "static", Address: &wire.Addr{Address: "2001:db8:99::10"}, Prefix: p(64)}})
	for i := 1; i < 100; i++ {
		n.Attachments = append(n.Attachments, wire.Attachment{ID: fmt.Sprint("a", i), Network: wire.Ref{ID: fmt.Sprint("n", i), Name: fmt.Sprintf("net%03d", i)},
			NIC: wire.Ref{Name: fmt.Sprint("eth", 1+i%127)}, InSync: true, IPv4: &wire.IPConfig{BootProtocol: "none"}, IPv6: &wire.IPConfig{BootProtocol: "autoconf"}})
	}
	return n
}

func TestBoardScale(t *testing.T) {
	s := NewHostNetState(scaleHostNet())
	v := boardView{current: "nic:eth0"}
	chips := strings.Count(unassignedHTML(s, &v), `data-key="net:`)
	for _, nic := range s.interfaces() {
		chips += strings.Count(interfaceHTML(s, &v, nic), `data-key="net:`)
	}
	if len(s.interfaces()) != 128 || chips != 256 {
		t.Fatalf("%d interfaces, %d network chips: want 128 and 256", len(s.interfaces()), chips)
	}
}

// BenchmarkBoardHTML is the Go side of drawing the scale host's board (the
// browser's side is measured by make bench in Chromium).
func BenchmarkBoardHTML(b *testing.B) {
	s := NewHostNetState(scaleHostNet())
	v := boardView{current: "nic:eth0"}
	b.ReportAllocs()
	for b.Loop() {
		n := len(unassignedHTML(s, &v))
		for _, nic := range s.interfaces() {
			n += len(interfaceHTML(s, &v, nic))
		}
		if n == 0 {
			b.Fatal("empty board")
		}
	}
}
