package hostnet

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"v6admin/wire"
)

// testHostNet is host0 of the seed in small: eth0..eth5, bond0 of eth2 and
// eth3; ovirtmgmt on eth0, display (VLAN 100) on eth1, storage (VLAN 200)
// on bond0; plus an unattached non-VLAN network "vmnet" and a VLAN-100
// network "dup100".
func testHostNet() *wire.HostNetwork {
	p := func(n int) *int { return &n }
	n := &wire.HostNetwork{Host: wire.Ref{ID: "h0", Name: "host0"}}
	for _, name := range []string{"eth0", "eth1", "eth2", "eth3", "eth4", "eth5", "eth1.100"} {
		d := wire.NIC{ID: "id-" + name, Name: name}
		if name == "eth1.100" {
			d.VLANID = 100
		}
		if name == "eth2" || name == "eth3" {
			d.BondedIn = "bond0"
		}
		n.NICs = append(n.NICs, d)
	}
	n.Bonds = []wire.NIC{{ID: "id-bond0", Name: "bond0", Bond: &wire.Bond{Mode: "4", Slaves: []string{"eth2", "eth3"}}}}
	n.Networks = []wire.Network{
		{ID: "n-mgmt", Name: "ovirtmgmt", Required: true, Roles: []string{"management", "default_route", "vm"}},
		{ID: "n-display", Name: "display", VLANID: 100, Roles: []string{"display", "migration"}},
		{ID: "n-storage", Name: "storage", VLANID: 200, Roles: []string{}},
		{ID: "n-vm", Name: "vmnet", Roles: []string{"vm"}},
		{ID: "n-dup", Name: "dup100", VLANID: 100, Roles: []string{}},
	}
	n.Attachments = []wire.Attachment{
		{ID: "a-mgmt", Network: wire.Ref{ID: "n-mgmt", Name: "ovirtmgmt"}, NIC: wire.Ref{Name: "eth0"}, InSync: true,
			IPv4: &wire.IPConfig{BootProtocol: "static", Address: &wire.Addr{Address: "192.0.2.11"}, Netmask: "255.255.255.0", Prefix: p(24), Gateway: &wire.Addr{Address: "192.0.2.1"}},
			IPv6: &wire.IPConfig{BootProtocol: "static", Address: &wire.Addr{Address: "2001:db8:10::11"}, Prefix: p(64), Gateway: &wire.Addr{Address: "2001:db8:10::1"}}},
		{ID: "a-display", Network: wire.Ref{ID: "n-display", Name: "display"}, NIC: wire.Ref{Name: "eth1"}, InSync: true,
			IPv4: &wire.IPConfig{BootProtocol: "none"}, IPv6: &wire.IPConfig{BootProtocol: "static", Address: &wire.Addr{Address: "2001:db8:100::11"}, Prefix: p(64)}},
		{ID: "a-storage", Network: wire.Ref{ID: "n-storage", Name: "storage"}, NIC: wire.Ref{Name: "bond0"}, InSync: false,
			IPv4: &wire.IPConfig{BootProtocol: "none"}, IPv6: &wire.IPConfig{BootProtocol: "dhcp"},
			Reported: []wire.Reported{{Name: "ipv6_boot_protocol", Expected: "dhcp", Actual: "none"}}},
	}
	return n
}

func TestHostNetStateLoad(t *testing.T) {
	s := NewHostNetState(testHostNet())
	if got, want := s.interfaces(), []string{"bond0", "eth0", "eth1", "eth4", "eth5"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("interfaces = %v, want %v", got, want)
	}
	if got, want := s.unassigned(), []string{"dup100", "vmnet"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("unassigned = %v, want %v", got, want)
	}
	m := s.atts["ovirtmgmt"]
	if m.IPv4 != (ipEdit{"static", "192.0.2.11", "255.255.255.0", "192.0.2.1"}) || m.IPv6 != (ipEdit{"static", "2001:db8:10::11", "64", "2001:db8:10::1"}) {
		t.Fatalf("mgmt = %+v", m)
	}
	if s.changed() {
		t.Fatal("a fresh state has changes")
	}
	if r := s.request(applyOptions{}); !reflect.DeepEqual(r, wire.SetupNetworksRequest{}) {
		t.Fatalf("fresh request = %+v", r)
	}
}

func TestNatLess(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"eth2", "eth10", true}, {"eth10", "eth2", false}, {"bond0", "eth0", true}, {"eth", "eth0", true}} {
		if got := natLess(c.a, c.b); got != c.want {
			t.Errorf("natLess(%q,%q) = %v", c.a, c.b, got)
		}
	}
}

func TestCanAttach(t *testing.T) {
	for _, c := range []struct {
		net, nic string
		want     string // "" allowed
	}{
		{"vmnet", "eth4", ""},
		{"vmnet", "eth0", msgNonVLANTwice},    // ovirtmgmt is non-VLAN on eth0
		{"vmnet", "eth1", ""},                 // display is a VLAN
		{"dup100", "eth1", msgDuplicateVLAN},  // display is VLAN 100
		{"dup100", "eth0", ""},                // VLAN beside a non-VLAN
		{"display", "eth1", msgNoValidAction}, // already there
		{"display", "eth4", ""},               // move
		{"vmnet", "eth2", msgNoValidAction},   // a bond slave
		{"vmnet", "nope", msgNoValidAction},   // no such interface
		{"storage", "eth4", "Invalid operation for storage because of an out-of-sync network."},
		{"ovirtmgmt", "eth4", ""},
	} {
		s := NewHostNetState(testHostNet())
		err := s.canAttach(c.net, c.nic)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("canAttach(%s,%s) = %q, want %q", c.net, c.nic, got, c.want)
		}
		if err2 := s.attach(c.net, c.nic); (err2 == nil) != (c.want == "") {
			t.Errorf("attach(%s,%s) = %v", c.net, c.nic, err2)
		}
	}
}

func TestAttachDetachRequest(t *testing.T) {
	yes := true
	for _, c := range []struct {
		name string
		edit func(s *hostNetState) error
		want wire.SetupNetworksRequest
	}{
		{"attach new", func(s *hostNetState) error { return s.attach("vmnet", "eth4") },
			wire.SetupNetworksRequest{Attachments: []wire.AttachmentRequest{{Network: "vmnet", NIC: "eth4",
				IPv4: &wire.IPv4Request{BootProtocol: "none"}, IPv6: &wire.IPv6Request{BootProtocol: "none"}}}}},
		{"detach", func(s *hostNetState) error { return s.detach("display") },
			wire.SetupNetworksRequest{RemovedAttachments: []string{"a-display"}}},
		{"detach then attach back is nothing", func(s *hostNetState) error {
			if err := s.detach("display"); err != nil {
				return err
			}
			return s.attach("display", "eth1")
		}, wire.SetupNetworksRequest{}},
		{"detach then attach elsewhere keeps config and id", func(s *hostNetState) error {
			if err := s.detach("display"); err != nil {
				return err
			}
			return s.attach("display", "eth4")
		}, wire.SetupNetworksRequest{Attachments: []wire.AttachmentRequest{{ID: "a-display", Network: "display", NIC: "eth4",
			IPv4: &wire.IPv4Request{BootProtocol: "none"}, IPv6: &wire.IPv6Request{BootProtocol: "static", Address: "2001:db8:100::11", Prefix: "64"}}}}},
		{"edit to DHCPv6 clears the address", func(s *hostNetState) error {
			a := s.atts["display"].clone()
			a.IPv6.Proto = protoPoly
			s.setAttachment(a)
			return nil
		}, wire.SetupNetworksRequest{Attachments: []wire.AttachmentRequest{{ID: "a-display", Network: "display", NIC: "eth1",
			IPv4: &wire.IPv4Request{BootProtocol: "none"}, IPv6: &wire.IPv6Request{BootProtocol: "poly_dhcp_autoconf"}}}}},
		{"static dual stack with DNS", func(s *hostNetState) error {
			a := s.atts["display"].clone()
			a.IPv4 = ipEdit{"static", "192.0.2.50", "24", ""}
			a.IPv6 = ipEdit{"static", " 2001:0db8:85a3:0001:0000:0000:0000:0005", "64", ""}
			a.DNS = []string{"2001:db8::53", " "}
			s.setAttachment(a)
			return nil
		}, wire.SetupNetworksRequest{Attachments: []wire.AttachmentRequest{{ID: "a-display", Network: "display", NIC: "eth1",
			IPv4:       &wire.IPv4Request{BootProtocol: "static", Address: "192.0.2.50", Netmask: "24"},
			IPv6:       &wire.IPv6Request{BootProtocol: "static", Address: "2001:0db8:85a3:0001:0000:0000:0000:0005", Prefix: "64"},
			DNSServers: []string{"2001:db8::53"}}}}},
		{"sync an out-of-sync network", func(s *hostNetState) error {
			a := s.atts["storage"].clone()
			a.Sync = true
			s.setAttachment(a)
			return nil
		}, wire.SetupNetworksRequest{SyncAttachments: []string{"a-storage"}}},
		{"bond eth4 with eth5 and attach", func(s *hostNetState) error {
			if err := s.createBond("bond1", "1", "eth4", "eth5"); err != nil {
				return err
			}
			return s.attach("vmnet", "bond1")
		}, wire.SetupNetworksRequest{
			Attachments: []wire.AttachmentRequest{{Network: "vmnet", NIC: "bond1", IPv4: &wire.IPv4Request{BootProtocol: "none"}, IPv6: &wire.IPv6Request{BootProtocol: "none"}}},
			Bonds:       []wire.BondRequest{{Name: "bond1", Options: map[string]string{"mode": "1"}, Slaves: []string{"eth4", "eth5"}}}}},
		{"bond moves networks", func(s *hostNetState) error { return s.createBond("bond1", "", "eth1", "eth4") },
			wire.SetupNetworksRequest{
				Attachments: []wire.AttachmentRequest{{ID: "a-display", Network: "display", NIC: "bond1",
					IPv4: &wire.IPv4Request{BootProtocol: "none"}, IPv6: &wire.IPv6Request{BootProtocol: "static", Address: "2001:db8:100::11", Prefix: "64"}}},
				Bonds: []wire.BondRequest{{Name: "bond1", Options: map[string]string{"mode": "4"}, Slaves: []string{"eth1", "eth4"}}}}},
		{"break a bond after syncing its network", func(s *hostNetState) error {
			s.atts["storage"].Sync = true
			nets, err := s.breakBond("bond0")
			if err == nil && (len(nets) != 1 || nets[0] != "storage") {
				return errors.New("break bond names " + strings.Join(nets, ", "))
			}
			return err
		}, wire.SetupNetworksRequest{RemovedAttachments: []string{"a-storage"}, RemovedBonds: []string{"bond0"}}},
		{"new management network is DHCP", func(s *hostNetState) error {
			if err := s.detach("ovirtmgmt"); err != nil {
				return err
			}
			delete(s.detached, "ovirtmgmt")
			delete(s.orig, "ovirtmgmt")
			return s.attach("ovirtmgmt", "eth4")
		}, wire.SetupNetworksRequest{Attachments: []wire.AttachmentRequest{{Network: "ovirtmgmt", NIC: "eth4",
			IPv4: &wire.IPv4Request{BootProtocol: "dhcp"}, IPv6: &wire.IPv6Request{BootProtocol: "none"}}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := NewHostNetState(testHostNet())
			if err := c.edit(s); err != nil {
				t.Fatal(err)
			}
			got := s.request(applyOptions{})
			if !reflect.DeepEqual(got, c.want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(c.want)
				t.Fatalf("request\n got %s\nwant %s", g, w)
			}
		})
	}
	s := NewHostNetState(testHostNet())
	_ = s.attach("vmnet", "eth4")
	r := s.request(applyOptions{Verify: true, Timeout: 120, Commit: true})
	if r.CheckConnectivity == nil || !*r.CheckConnectivity || r.ConnectivityTimeout != 120 || r.CommitOnSuccess == nil || *r.CommitOnSuccess != yes {
		t.Fatalf("options = %+v", r)
	}
	r = s.request(applyOptions{Verify: false, Timeout: 120, Commit: false})
	if *r.CheckConnectivity || r.ConnectivityTimeout != 0 || *r.CommitOnSuccess {
		t.Fatalf("options off = %+v", r)
	}
}

func TestOutOfSyncRefusals(t *testing.T) {
	s := NewHostNetState(testHostNet())
	want := "Invalid operation for storage because of an out-of-sync network."
	for name, err := range map[string]error{
		"detach": s.detach("storage"),
		"move":   s.attach("storage", "eth4"),
		"break":  func() error { _, err := s.breakBond("bond0"); return err }(),
	} {
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v", name, err)
		}
	}
	if s.changed() {
		t.Fatal("refused operations changed the state")
	}
}

func TestBondRules(t *testing.T) {
	for _, c := range []struct {
		name, mode, a, b string
		want             string
	}{
		{"bond1", "1", "eth4", "eth5", ""},
		{"bond1", "1", "eth0", "eth1", ""},               // ovirtmgmt + VLAN display fit
		{"bond1", "1", "eth2", "eth4", msgNoValidAction}, // eth2 is a slave
		{"bond1", "1", "eth4", "eth4", msgNoValidAction}, // same NIC
		{"bond0", "1", "eth4", "eth5", "An interface named bond0 already exists."},
		{"bond", "1", "eth4", "eth5", "Bond name 'bond' does not follow naming criteria. Custom bond names must begin with the prefix 'bond' followed by 'a-z', 'A-Z', '0-9', or '_' characters."},
		{"team1", "1", "eth4", "eth5", "Bond name 'team1' does not follow naming criteria. Custom bond names must begin with the prefix 'bond' followed by 'a-z', 'A-Z', '0-9', or '_' characters."},
		{"bond_with_a_long_name", "1", "eth4", "eth5", "Bond name can be at most 15 characters."},
		{"bond 1", "1", "eth4", "eth5", "Bond name 'bond 1' does not follow naming criteria. Custom bond names must begin with the prefix 'bond' followed by 'a-z', 'A-Z', '0-9', or '_' characters."},
		{"bond-1", "1", "eth4", "eth5", "Bond name 'bond-1' does not follow naming criteria. Custom bond names must begin with the prefix 'bond' followed by 'a-z', 'A-Z', '0-9', or '_' characters."}, // the engine's \w: no '-'
		{"bond_A9", "1", "eth4", "eth5", ""},
	} {
		s := NewHostNetState(testHostNet())
		err := s.createBond(c.name, c.mode, c.a, c.b)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("createBond(%s,%s,%s) = %q, want %q", c.name, c.a, c.b, got, c.want)
		}
	}
	// Two non-VLAN networks cannot share a bond.
	s := NewHostNetState(testHostNet())
	if err := s.attach("vmnet", "eth4"); err != nil {
		t.Fatal(err)
	}
	if err := s.createBond("bond1", "1", "eth0", "eth4"); err == nil || err.Error() != msgNonVLANTwice {
		t.Fatalf("bond of two non-VLAN networks: %v", err)
	}
	if got := s.suggestBondName(); got != "bond1" {
		t.Fatalf("suggestBondName = %q", got)
	}
}

func TestManagementRule(t *testing.T) {
	s := NewHostNetState(testHostNet())
	if s.okBlocked() != "" {
		t.Fatal("blocked with ovirtmgmt attached")
	}
	if err := s.detach("ovirtmgmt"); err != nil {
		t.Fatal(err)
	}
	if s.okBlocked() != msgMgmtDetached {
		t.Fatalf("okBlocked = %q", s.okBlocked())
	}
	if err := s.attach("ovirtmgmt", "eth4"); err != nil {
		t.Fatal(err)
	}
	if s.okBlocked() != "" {
		t.Fatal("still blocked")
	}
	// Moved with its configuration and id.
	r := s.request(applyOptions{})
	if len(r.Attachments) != 1 || r.Attachments[0].ID != "a-mgmt" || r.Attachments[0].IPv4.Address != "192.0.2.11" {
		t.Fatalf("moved mgmt: %+v", r)
	}
}

func TestOperationsAndStatus(t *testing.T) {
	s := NewHostNetState(testHostNet())
	ops := s.networkOps("vmnet")
	var labels []string
	for _, o := range ops {
		labels = append(labels, o.Group+" › "+o.Label+" = "+o.Refuse)
	}
	want := []string{
		"Attach vmnet to › bond0 = ",
		"Attach vmnet to › eth0 = " + msgNonVLANTwice,
		"Attach vmnet to › eth1 = ",
		"Attach vmnet to › eth4 = ",
		"Attach vmnet to › eth5 = ",
	}
	if !reflect.DeepEqual(labels, want) {
		t.Fatalf("ops\n got %q\nwant %q", labels, want)
	}
	ops = s.networkOps("display")
	if last := ops[len(ops)-1]; last.Kind != opDetach || last.Label != "Detach Network display" {
		t.Fatalf("display ops end with %+v", last)
	}
	if ops := s.interfaceOps("bond0"); len(ops) != 1 || ops[0].Label != "Break Bond bond0" {
		t.Fatalf("bond0 ops = %+v", ops)
	}
	ops = s.interfaceOps("eth4")
	labels = nil
	for _, o := range ops {
		labels = append(labels, o.Full)
	}
	if !reflect.DeepEqual(labels, []string{"Bond eth4 with eth0", "Bond eth4 with eth1", "Bond eth4 with eth5"}) {
		t.Fatalf("eth4 ops = %q", labels)
	}
	if ops := s.interfaceOps("eth2"); ops != nil {
		t.Fatalf("slave ops = %+v", ops)
	}

	for _, c := range []struct {
		dragged string
		nic     bool
		target  string
		text    string
		variant string
	}{
		{"vmnet", false, "eth4", "Attach vmnet to eth4", "info"},
		{"vmnet", false, "eth0", msgNonVLANTwice, "danger"},
		{"dup100", false, "eth1", msgDuplicateVLAN, "danger"},
		{"display", false, "eth4", "Attach display to eth4. Moving the display network will drop VM console connectivity until they are restarted.", "warning"},
		{"ovirtmgmt", false, "", "Detach Network ovirtmgmt. Detaching required network will cause the Host to be in Non-operational state.", "warning"},
		{"vmnet", false, "", msgNoValidAction, "danger"},
		{"eth4", true, "eth5", "Bond eth4 with eth5", "info"},
		{"eth4", true, "", msgNoValidAction, "danger"},
	} {
		text, variant := s.statusOf(s.dropOp(c.dragged, c.nic, c.target))
		if text != c.text || variant != c.variant {
			t.Errorf("drop %s on %q: %q %s, want %q %s", c.dragged, c.target, text, variant, c.text, c.variant)
		}
	}
}

func TestIPEditOf(t *testing.T) {
	p := 64
	for _, c := range []struct {
		in   *wire.IPConfig
		v6   bool
		want ipEdit
	}{
		{nil, false, ipEdit{Proto: "none"}},
		{&wire.IPConfig{BootProtocol: "dhcp", Address: &wire.Addr{Address: "192.0.2.9"}}, false, ipEdit{Proto: "dhcp"}},
		{&wire.IPConfig{BootProtocol: "static", Address: &wire.Addr{Address: "2001:db8::1"}, Prefix: &p}, true, ipEdit{"static", "2001:db8::1", "64", ""}},
		{&wire.IPConfig{BootProtocol: "autoconf", Address: &wire.Addr{Address: "2001:db8::abc"}, Prefix: &p}, true, ipEdit{Proto: "autoconf"}},
	} {
		if got := ipEditOf(c.in, c.v6); got != c.want {
			t.Errorf("ipEditOf(%+v) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

// TestFatalManagement: the obviously fatal management changes are named;
// other changes, and a management network left as it was, are not.
func TestFatalManagement(t *testing.T) {
	down := func(s *hostNetState, nic string) { s.nic(nic).Status = "down" }
	for _, c := range []struct {
		name string
		edit func(s *hostNetState) error
		want string
	}{
		{"no change", func(s *hostNetState) error { return nil }, ""},
		{"another network", func(s *hostNetState) error { down(s, "eth4"); return s.attach("vmnet", "eth4") }, ""},
		{"onto a link-down NIC", func(s *hostNetState) error { down(s, "eth4"); return s.attach("ovirtmgmt", "eth4") },
			"The management network ovirtmgmt would be on eth4, whose link is down: the host would lose its connection to the engine."},
		{"onto a bond whose slaves are all down", func(s *hostNetState) error {
			down(s, "eth2")
			down(s, "eth3")
			s.atts["storage"].Sync = true
			_ = s.detach("storage")
			return s.attach("ovirtmgmt", "bond0")
		}, "The management network ovirtmgmt would be on bond0, whose slaves all have their link down: the host would lose its connection to the engine."},
		{"onto a bond with one slave up", func(s *hostNetState) error {
			down(s, "eth2")
			s.atts["storage"].Sync = true
			_ = s.detach("storage")
			return s.attach("ovirtmgmt", "bond0")
		}, ""},
		{"IPv4 and IPv6 None", func(s *hostNetState) error {
			a := s.atts["ovirtmgmt"].clone()
			a.IPv4, a.IPv6 = ipEdit{Proto: protoNone}, ipEdit{Proto: protoNone}
			s.setAttachment(a)
			return nil
		}, "The management network ovirtmgmt would have no IP address (IPv4 and IPv6 boot protocols both None): the host would lose its connection to the engine."},
		{"IPv6 only", func(s *hostNetState) error {
			a := s.atts["ovirtmgmt"].clone()
			a.IPv4, a.IPv6 = ipEdit{Proto: protoNone}, ipEdit{Proto: protoAutoconf}
			s.setAttachment(a)
			return nil
		}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := NewHostNetState(testHostNet())
			if err := c.edit(s); err != nil {
				t.Fatal(err)
			}
			if got := s.fatalManagement(); got != c.want {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}
