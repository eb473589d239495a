package netplan

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"v6admin/engine/ovirt"
)

// testHost is a host with four NICs, ovirtmgmt (VM, default route) static
// on eth0 and the cluster networks vlan100 and vlan100b (both VLAN 100),
// plain, display (a role network) and other (not in the cluster).
func testHost(t *testing.T) *Host {
	t.Helper()
	nw := func(id string, vlan int, usages ...ovirt.NetworkUsage) *Network {
		n := &Network{API: ovirt.Network{ID: id, Name: id}, Clusters: []string{"c1"}}
		if vlan != 0 {
			n.API.Vlan = &ovirt.Vlan{ID: ovirt.NewInt(vlan)}
		}
		if len(usages) > 0 {
			n.API.Usages = &ovirt.NetworkUsages{Usage: usages}
		}
		return n
	}
	cluster := []*Network{
		nw("ovirtmgmt", 0, ovirt.NetworkUsageVM, ovirt.NetworkUsageDefaultRoute, ovirt.NetworkUsageManagement),
		nw("vlan100", 100), nw("vlan100b", 100), nw("plain", 0), nw("plain2", 0),
		nw("display", 0, ovirt.NetworkUsageDisplay),
	}
	h := &Host{Name: "host1", Cluster: map[string]*Network{}, ByName: map[string]*Network{}, All: map[string]*Network{}}
	for _, n := range cluster {
		h.Cluster[n.API.ID], h.ByName[n.API.Name], h.All[n.API.ID] = n, n, n
	}
	other := nw("other", 0)
	h.Lookup = func(id string) *Network {
		if id == "other" {
			return other
		}
		return nil
	}
	ids := 0
	h.NewID = func() string { ids++; return fmt.Sprintf("new%d", ids) }
	h.Net = &HostNet{HostID: "h1", Version: 3, NICs: []NIC{
		{ID: "n0", Name: "eth0", MAC: "00:1a:4a:00:00:00"}, {ID: "n1", Name: "eth1", MAC: "00:1a:4a:00:00:01"},
		{ID: "n2", Name: "eth2", MAC: "00:1a:4a:00:00:02"}, {ID: "n3", Name: "eth3", MAC: "00:1a:4a:00:00:03"},
	}, Atts: []Attachment{{
		ID: "a0", NetworkID: "ovirtmgmt", Nic: "eth0",
		V4: IPConfig{Proto: "static", Addr: "192.0.2.10", Netmask: "255.255.255.0", Gateway: "192.0.2.1"},
		V6: IPConfig{Proto: "autoconf"},
	}}}
	return h
}

func action(t *testing.T, js string) *ovirt.Action {
	t.Helper()
	var a ovirt.Action
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

// TestMakeRefusals: each refused request gets the engine's wording and
// kind, and the host's state is left as it was.
func TestMakeRefusals(t *testing.T) {
	tests := []struct {
		name, req string
		mode      Mode
		kind      Kind
		detail    string
	}{
		{"unknown boot protocol", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"},"host_nic":{"name":"eth1"},"ip_address_assignments":{"ip_address_assignment":[{"assignment_method":"bootp"}]}}]}}`, ModeSetup, Invalid, "bootp is not a member of BootProtocol"},
		{"autoconf on IPv4", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"},"host_nic":{"name":"eth1"},"ip_address_assignments":{"ip_address_assignment":[{"assignment_method":"autoconf","ip":{"version":"v4"}}]}}]}}`, ModeSetup, Invalid, "Boot protocol = 'AUTOCONF' is not applicable for IPv4."},
		{"remove a NIC as a bond", `{"removed_bonds":{"host_nic":[{"name":"eth1"}]}}`, ModeSetup, Failed, CannotSetup + "Interface eth1 is not a bond."},
		{"remove an unknown bond", `{"removed_bonds":{"host_nic":[{"id":"nope"}]}}`, ModeSetup, Failed, CannotSetup + "Host network interface having id 'nope' does not exist."},
		{"bad bond name", `{"modified_bonds":{"host_nic":[{"name":"team0","bonding":{"slaves":{"host_nic":[{"name":"eth1"},{"name":"eth2"}]}}}]}}`, ModeSetup, Failed, CannotSetup + "Bond name 'team0' is invalid: a bond name is 'bond' followed by a number, such as bond1."},
		{"bond of one slave", `{"modified_bonds":{"host_nic":[{"name":"bond0","bonding":{"slaves":{"host_nic":[{"name":"eth1"}]}}}]}}`, ModeSetup, Failed, CannotSetup + "Bond bond0 must have at least two slaves."},
		{"bad bonding mode", `{"modified_bonds":{"host_nic":[{"name":"bond0","bonding":{"options":{"option":[{"name":"mode","value":"7"}]},"slaves":{"host_nic":[{"name":"eth1"},{"name":"eth2"}]}}}]}}`, ModeSetup, Failed, CannotSetup + "Bonding mode '7' of bond bond0 is invalid: use 0 to 6."},
		{"enslave an attached NIC", `{"modified_bonds":{"host_nic":[{"name":"bond0","bonding":{"slaves":{"host_nic":[{"name":"eth0"},{"name":"eth1"}]}}}]}}`, ModeSetup, Conflict, CannotSetup + "Interface eth0 cannot be enslaved to bond bond0: network ovirtmgmt is attached to it."},
		{"remove an unattached network", `{"removed_network_attachments":{"network_attachment":[{"network":{"name":"plain"}}]}}`, ModeSetup, Failed, CannotSetup + "The network is not attached to host host1."},
		{"network of another cluster", `{"modified_network_attachments":{"network_attachment":[{"network":{"id":"other"},"host_nic":{"name":"eth1"}}]}}`, ModeSetup, Failed, CannotSetup + "Network 'other' is not assigned to the cluster of host host1."},
		{"unknown network id", `{"modified_network_attachments":{"network_attachment":[{"network":{"id":"gone"},"host_nic":{"name":"eth1"}}]}}`, ModeSetup, Failed, CannotSetup + "Network having id 'gone' does not exist."},
		{"unknown network name", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"gone"},"host_nic":{"name":"eth1"}}]}}`, ModeSetup, Failed, CannotSetup + "Network having name 'gone' does not exist in the cluster of host host1."},
		{"no interface", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"}}]}}`, ModeSetup, Failed, CannotSetup + "The attachment of network plain must name a host interface (host_nic.id or host_nic.name)."},
		{"attach twice in one request", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"},"host_nic":{"name":"eth1"}},{"network":{"name":"plain"},"host_nic":{"name":"eth2"}}]}}`, ModeSetup, Conflict, CannotSetup + "Network plain is already attached to interface eth1; a network can be attached to one interface of a host only."},
		{"add an attached network", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"ovirtmgmt"},"host_nic":{"name":"eth1"}}]}}`, ModeAdd, Conflict, CannotSetup + "Network ovirtmgmt is already attached to interface eth0 of host host1."},
		{"update an unknown attachment", `{"modified_network_attachments":{"network_attachment":[{"id":"nope"}]}}`, ModeUpdate, NotFound, ""},
		{"synchronize an unknown attachment", `{"synchronized_network_attachments":{"network_attachment":[{"id":"nope"}]}}`, ModeSetup, NotFound, ""},
		{"static without netmask", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"},"host_nic":{"name":"eth1"},"ip_address_assignments":{"ip_address_assignment":[{"assignment_method":"static","ip":{"address":"192.0.2.20"}}]}}]}}`, ModeSetup, Failed, "Insufficient ip configuration of Network attachment for Network plain, Interface eth1. Must define ip address and netmask when boot protocol is static."},
		{"bad IPv6 address", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"},"host_nic":{"name":"eth1"},"ip_address_assignments":{"ip_address_assignment":[{"assignment_method":"static","ip":{"address":"2001:db8::zz","netmask":"64","version":"v6"}}]}}]}}`, ModeSetup, Failed, "Bad format of an IPv6 address."},
		{"IPv6 gateway off the default route", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain"},"host_nic":{"name":"eth1"},"ip_address_assignments":{"ip_address_assignment":[{"assignment_method":"static","ip":{"address":"2001:db8::5","netmask":"64","gateway":"2001:db8::1","version":"v6"}}]}}]}}`, ModeSetup, Failed, "Bad IPv6 configuration for Network attachment of Network plain. IPv6 gateway can only be set on a network which holds the default route role."},
		{"role network without boot protocol", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"display"},"host_nic":{"name":"eth1"}}]}}`, ModeSetup, Failed, CannotSetup + "Role (display/migration/gluster) network 'display' has no boot protocol assigned."},
		{"same VLAN twice", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"vlan100"},"host_nic":{"name":"eth1"}},{"network":{"name":"vlan100b"},"host_nic":{"name":"eth1"}}]}}`, ModeSetup, Failed, CannotSetup + "Networks vlan100 and vlan100b on interface eth1 have the same VLAN id 100."},
		{"two non-VLAN networks", `{"modified_network_attachments":{"network_attachment":[{"network":{"name":"plain2"},"host_nic":{"name":"eth1"}},{"network":{"name":"plain"},"host_nic":{"name":"eth1"}}]}}`, ModeSetup, Failed, CannotSetup + "Only one non-VLAN network can be attached to an interface; interface eth1 would carry plain, plain2."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := testHost(t)
			before := h.Net.Clone()
			p, err := Make(h, Request{Action: action(t, tc.req), Mode: tc.mode})
			var r *Refusal
			if !errors.As(err, &r) {
				t.Fatalf("Make = %v, %v; want a refusal", p, err)
			}
			if r.Kind != tc.kind || (tc.kind != NotFound && r.Detail != tc.detail) {
				t.Errorf("refusal %d %q\nwant      %d %q", r.Kind, r.Detail, tc.kind, tc.detail)
			}
			if !reflect.DeepEqual(h.Net, before) {
				t.Errorf("Make changed the host's state")
			}
		})
	}
}

// TestMakePlans: accepted requests give the new state, which attachments
// to simulate again and what was removed, synchronized or added.
func TestMakePlans(t *testing.T) {
	t.Run("attach a VLAN network to a new bond", func(t *testing.T) {
		h := testHost(t)
		p, err := Make(h, Request{Action: action(t, `{
			"modified_bonds":{"host_nic":[{"name":"bond1","bonding":{"slaves":{"host_nic":[{"name":"eth2"},{"id":"n3"},{"name":"eth2"}]}}}]},
			"modified_network_attachments":{"network_attachment":[{"network":{"name":"vlan100"},"host_nic":{"name":"bond1"},
				"ip_address_assignments":{"ip_address_assignment":[{"assignment_method":"static","ip":{"address":"2001:db8:100::7","netmask":"64"}}]},
				"dns_resolver_configuration":{"name_servers":{"name_server":[" 2001:db8::53 "]}}}]}}`), Mode: ModeAdd})
		if err != nil {
			t.Fatal(err)
		}
		b := p.Net.Bond("bond1")
		if b == nil || b.ID != "new1" || !reflect.DeepEqual(b.Slaves, []string{"eth2", "eth3"}) || len(b.Options) != 2 {
			t.Errorf("bond1 = %+v, want id new1, slaves eth2 eth3, the default options", b)
		}
		if !reflect.DeepEqual(p.NewIDs, []string{"new2"}) {
			t.Errorf("NewIDs %v", p.NewIDs)
		}
		a := p.Net.Att("new2")
		want := Attachment{ID: "new2", NetworkID: "vlan100", Nic: "bond1", V4: IPConfig{Proto: "none"}, V6: IPConfig{Proto: "static", Addr: "2001:db8:100::7", Netmask: "64"}, DNS: []string{"2001:db8::53"}}
		if a == nil || !reflect.DeepEqual(*a, want) {
			t.Errorf("attachment %+v\nwant       %+v", a, want)
		}
		if !reflect.DeepEqual(p.Dirty, map[string]bool{"new2": true}) {
			t.Errorf("Dirty %v", p.Dirty)
		}
		if len(h.Net.Bonds) != 0 || len(h.Net.Atts) != 1 {
			t.Errorf("the host's current state changed: %+v", h.Net)
		}
	})
	t.Run("remove an attachment", func(t *testing.T) {
		h := testHost(t)
		p, err := Make(h, Request{Action: action(t, `{"removed_network_attachments":{"network_attachment":[{"id":"a0"}]}}`)})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Net.Atts) != 0 || len(p.Removed) != 1 || p.Removed[0].ID != "a0" {
			t.Errorf("atts %v removed %v", p.Net.Atts, p.Removed)
		}
	})
	t.Run("sync all repairs what drifted", func(t *testing.T) {
		h := testHost(t)
		h.Net.Atts[0].Rep = Reported{V4Proto: "static", V4Addr: "192.0.2.10", V4Prefix: 24, V4Gateway: "192.0.2.1", V6Proto: "autoconf", MTU: 1400, Bridged: true, DefaultRoute: true}
		p, err := Make(h, Request{Action: &ovirt.Action{}, Mode: ModeSyncAll})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Dirty["a0"] || !reflect.DeepEqual(p.Synced, []string{"ovirtmgmt"}) {
			t.Errorf("dirty %v synced %v", p.Dirty, p.Synced)
		}
	})
	t.Run("a network found through Lookup is kept in All", func(t *testing.T) {
		h := testHost(t)
		_, err := Make(h, Request{Action: action(t, `{"modified_network_attachments":{"network_attachment":[{"network":{"id":"other"},"host_nic":{"name":"eth1"}}]}}`)})
		if err == nil || h.All["other"] == nil {
			t.Errorf("err %v, All[other] %v", err, h.All["other"])
		}
	})
}

func TestReportedConfigs(t *testing.T) {
	mgmt := &Network{API: ovirt.Network{ID: "m", Name: "ovirtmgmt", Usages: &ovirt.NetworkUsages{Usage: []ovirt.NetworkUsage{ovirt.NetworkUsageVM, ovirt.NetworkUsageDefaultRoute}}}}
	vlan := &Network{API: ovirt.Network{ID: "v", Name: "v", Vlan: &ovirt.Vlan{ID: ovirt.NewInt(7)}, Mtu: ovirt.NewInt(9000)}}
	att := Attachment{
		V4:  IPConfig{Proto: "static", Addr: "192.0.2.10", Netmask: "24", Gateway: "192.0.2.1"},
		V6:  IPConfig{Proto: "static", Addr: "2001:db8::10", Netmask: "64", Gateway: "2001:db8::1"},
		DNS: []string{"2001:db8::53"},
	}
	inSync := Reported{V4Proto: "static", V4Addr: "192.0.2.10", V4Prefix: 24, V4Gateway: "192.0.2.1", V6Proto: "static", V6Addrs: []string{"2001:0db8::10/64"}, V6Gateway: "2001:db8::1", MTU: 1500, Bridged: true, DefaultRoute: true, DNS: []string{"2001:db8:0::53"}}
	tests := []struct {
		name     string
		nw       *Network
		a        Attachment
		rep      func(*Reported)
		inSync   bool
		mismatch []string // names of the entries out of sync
	}{
		{"in sync (addresses compared parsed)", mgmt, att, nil, true, nil},
		{"mtu drift", mgmt, att, func(r *Reported) { r.MTU = 1400 }, false, []string{"mtu"}},
		{"gateway lost", mgmt, att, func(r *Reported) { r.V4Gateway = "" }, false, []string{"ipv4_gateway"}},
		{"prefix", mgmt, att, func(r *Reported) { r.V6Addrs = []string{"2001:db8::10/48"} }, false, []string{"ipv6_prefix"}},
		{"dns", mgmt, att, func(r *Reported) { r.DNS = nil }, false, []string{"dns_configuration"}},
		{"vlan network, nothing configured", vlan, Attachment{}, func(r *Reported) { *r = Reported{MTU: 9000, VLAN: 7} }, true, nil},
		{"vlan missing", vlan, Attachment{}, func(r *Reported) { *r = Reported{MTU: 9000} }, false, []string{"vlan"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.a
			a.Rep = inSync
			a.Rep.DNS = slicesClone(inSync.DNS)
			if tc.rep != nil {
				tc.rep(&a.Rep)
			}
			got, ok := ReportedConfigs(&a, tc.nw)
			var bad []string
			for _, c := range got {
				if c.InSync == nil || !bool(*c.InSync) {
					bad = append(bad, c.Name)
				}
			}
			if ok != tc.inSync || !reflect.DeepEqual(bad, tc.mismatch) || InSync(&a, tc.nw) != ok {
				t.Errorf("in sync %v, out of sync %v; want %v, %v", ok, bad, tc.inSync, tc.mismatch)
			}
		})
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

func TestEngineProtoAndMask(t *testing.T) {
	for in, want := range map[string]string{"": "NONE", "none": "NONE", "static": "STATIC_IP", "dhcp": "DHCP", "autoconf": "AUTOCONF", "poly_dhcp_autoconf": "POLY_DHCP_AUTOCONF", "bootp": "BOOTP"} {
		if got := EngineProto(in); got != want {
			t.Errorf("EngineProto(%q) = %q, want %q", in, got, want)
		}
	}
	for bits, want := range map[int]string{0: "0.0.0.0", 24: "255.255.255.0", 32: "255.255.255.255", 33: "", -1: ""} {
		if got := DottedMask(bits); got != want {
			t.Errorf("DottedMask(%d) = %q, want %q", bits, got, want)
		}
	}
	if !SameAddr("2001:db8::1", "2001:0db8:0::1") || SameAddr("2001:db8::1", "2001:db8::2") {
		t.Error("SameAddr")
	}
}
