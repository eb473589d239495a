package embedded

import (
	"net"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/ovirt"
)

func withScaleHost(c *Config) { c.ScaleHost = true }

// clusterByName returns a cluster's id.
func (v *tenv) clusterByName(name string) string {
	v.t.Helper()
	var cs ovirt.Clusters
	v.must(200, "GET", "/clusters?search="+url.QueryEscape("name="+name), nil, &cs)
	if len(cs.Cluster) != 1 {
		v.t.Fatalf("cluster %s: found %d", name, len(cs.Cluster))
	}
	return cs.Cluster[0].ID
}

func (v *tenv) clusterNetworks(clusterID string) map[string]ovirt.Network {
	v.t.Helper()
	var ns ovirt.Networks
	v.must(200, "GET", "/clusters/"+clusterID+"/networks", nil, &ns)
	out := map[string]ovirt.Network{}
	for _, n := range ns.Network {
		out[n.Name] = n
	}
	if len(out) != len(ns.Network) {
		v.t.Fatalf("duplicate network names in cluster %s", clusterID)
	}
	return out
}

func TestScaleHostSeed(t *testing.T) {
	v := newEnv(t, withScaleHost)
	h := v.hostByName(ScaleHostName)
	if h.Status != ovirt.HostStatusUp || h.Address != ScaleHostAddress {
		t.Fatalf("host %+v", h)
	}
	scale := v.clusterByName(ScaleDataCenter)
	if h.Cluster == nil || h.Cluster.ID != scale {
		t.Fatalf("scale0 in cluster %+v", h.Cluster)
	}
	nets := v.clusterNetworks(scale)
	if len(nets) != ScaleNetworks {
		t.Fatalf("%d networks in the Scale cluster, want %d", len(nets), ScaleNetworks)
	}
	if mg := nets["scalemgmt"]; mg.Vlan != nil || mg.Usages == nil || len(mg.Usages.Usage) != 3 {
		t.Fatalf("scalemgmt %+v", mg)
	}
	vlanIDs := map[int64]string{}
	plain := 0
	for name, n := range nets {
		if n.Vlan == nil {
			plain++
			continue
		}
		if other, dup := vlanIDs[n.Vlan.ID.Value()]; dup {
			t.Fatalf("%s and %s share VLAN %d", name, other, n.Vlan.ID.Value())
		}
		vlanIDs[n.Vlan.ID.Value()] = name
	}
	if plain != 4 || nets["net001"].Vlan.ID.Value() != 1001 || nets["net255"].Vlan.ID.Value() != 1255 || nets["net064"].Vlan != nil {
		t.Fatalf("%d non-VLAN networks; net001 %+v", plain, nets["net001"].Vlan)
	}

	// NICs: 128 physical, two bonds, one VLAN device per attached VLAN
	// network.
	nics := v.nics(h.ID)
	phys, bonds, vlans := 0, 0, 0
	for _, n := range nics {
		switch {
		case n.Bonding != nil:
			bonds++
		case n.Vlan != nil:
			vlans++
		default:
			phys++
		}
	}
	atts := v.attachments(h.ID)
	if phys != ScaleNICs || bonds != 2 || len(atts) != ScaleAttachments || vlans != ScaleAttachments-4 {
		t.Fatalf("%d NICs, %d bonds, %d VLAN devices, %d attachments", phys, bonds, vlans, len(atts))
	}
	if b := nics["bond1"]; len(b.Bonding.Slaves.HostNic) != 2 || b.Bonding.ActiveSlave == nil || b.Bonding.ActiveSlave.ID != nics["eth3"].ID {
		t.Fatalf("bond1 %+v", b.Bonding)
	}
	if nics["eth127"].Status != ovirt.NicStatusDown || nics["eth96"].Speed.Value() != 1_000_000_000 || nics["eth95"].Speed.Value() != 25_000_000_000 {
		t.Fatal("NIC speeds and links")
	}
	for name, a := range atts {
		if !a.InSync.Value() {
			t.Errorf("%s not in sync: %+v", name, a.ReportedConfigurations)
		}
	}

	// Reported addresses, simulated as for the demo hosts.
	eth0 := nics["eth0"]
	if eth0.Ip == nil || eth0.Ip.Address != "203.0.113.10" || eth0.Ip.Gateway != "203.0.113.1" || eth0.Ipv6 == nil || eth0.Ipv6.Address != ScaleHostAddress || eth0.Ipv6.Gateway != "2001:db8:99::1" {
		t.Fatalf("eth0 %+v %+v", eth0.Ip, eth0.Ipv6)
	}
	dev := func(net string) ovirt.HostNic {
		t.Helper()
		a, ok := atts[net]
		if !ok {
			t.Fatalf("%s not attached", net)
		}
		for _, n := range nics {
			if n.Network != nil && n.Network.ID == a.Network.ID {
				return n
			}
		}
		t.Fatalf("no device carries %s", net)
		return ovirt.HostNic{}
	}
	slaac := func(n ovirt.HostNic, prefix string) string {
		mac, err := net.ParseMAC(n.Mac.Address)
		if err != nil {
			t.Fatal(err)
		}
		a, err := netsim.SLAAC(netip.MustParsePrefix(prefix), mac)
		if err != nil {
			t.Fatal(err)
		}
		return a.String()
	}
	for _, c := range []struct {
		net, name, v4proto, v4, v6proto, v6, prefix string
	}{
		{"net001", "bond0.1001", "none", "", "autoconf", "slaac", "2001:db8:99:1::/64"},
		{"net002", "bond1.1002", "dhcp", "198.18.2.", "dhcp", "2001:db8:99:2::1", "2001:db8:99:2::/64"},
		{"net003", "eth5.1003", "none", "", "none", "", ""},
		{"net004", "eth6.1004", "none", "", "static", "2001:db8:99:4::10", "2001:db8:99:4::/64"},
		{"net005", "eth7.1005", "none", "", "poly_dhcp_autoconf", "slaac", "2001:db8:99:5::/64"},
		{"net008", "eth10.1008", "static", "198.18.8.10", "static", "2001:db8:99:8::10", "2001:db8:99:8::/64"},
		{"net064", "eth21", "static", "198.18.64.10", "static", "2001:db8:99:64::10", "2001:db8:99:64::/64"},
		{"net192", "eth23", "static", "198.18.192.10", "static", "2001:db8:99:192::10", "2001:db8:99:192::/64"},
	} {
		n := dev(c.net)
		if n.Name != c.name || string(n.BootProtocol) != c.v4proto || string(n.Ipv6BootProtocol) != c.v6proto {
			t.Errorf("%s on %s (%s/%s), want %s (%s/%s)", c.net, n.Name, n.BootProtocol, n.Ipv6BootProtocol, c.name, c.v4proto, c.v6proto)
			continue
		}
		switch {
		case c.v4 == "" && n.Ip != nil, c.v4 != "" && (n.Ip == nil || !strings.HasPrefix(n.Ip.Address, c.v4)):
			t.Errorf("%s IPv4 %+v, want %q", c.net, n.Ip, c.v4)
		}
		want := c.v6
		if want == "slaac" {
			want = slaac(n, c.prefix)
		}
		switch {
		case want == "" && n.Ipv6 != nil:
			t.Errorf("%s IPv6 %+v, want none", c.net, n.Ipv6)
		case want == "":
		case n.Ipv6 == nil:
			t.Errorf("%s no IPv6, want %s", c.net, want)
		case strings.HasSuffix(want, "::1"): // a DHCPv6 lease from the pool
			if a := netip.MustParseAddr(n.Ipv6.Address); !netip.MustParsePrefix(c.prefix).Contains(a) || n.Ipv6.Netmask != "128" {
				t.Errorf("%s lease %+v", c.net, n.Ipv6)
			}
		case n.Ipv6.Address != want:
			t.Errorf("%s IPv6 %s, want %s", c.net, n.Ipv6.Address, want)
		}
	}

	// The topology passes setupnetworks' own rules (one non-VLAN network
	// and unique VLAN ids per interface, bonds): an empty change and a
	// real one on the big host are accepted.
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", "{}", nil)
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("net100", "eth30", ip6("autoconf", "", "", ""))), nil)
	if got := v.nics(h.ID)["eth30.1100"]; got.Ipv6 == nil || got.Ipv6.Address != slaac(got, "2001:db8:99:100::/64") {
		t.Fatalf("net100 on eth30: %+v", got.Ipv6)
	}
	v.fault(400, "Operation Failed", "[Cannot setup Networks. Only one non-VLAN network can be attached to an interface; interface eth21 would carry net064, net128.]",
		"POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("net128", "eth21", ip6("autoconf", "", "", ""))))

	// The two data centers' networks do not mix.
	v.fault(400, "Operation Failed", "[Cannot setup Networks. Network having name 'display' does not exist in the cluster of host scale0.]",
		"POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth31", ip6("autoconf", "", "", ""))))
	h2 := v.hostByName("host2")
	v.fault(400, "Operation Failed", "[Cannot setup Networks. Network 'net001' is not assigned to the cluster of host host2.]",
		"POST", "/hosts/"+h2.ID+"/setupnetworks", setup(map[string]any{"network": map[string]string{"id": nets["net001"].ID}, "host_nic": map[string]string{"name": "eth2"}}))
}

// TestScaleHostIdempotent: reopening adds nothing twice, with or without
// ScaleHost; the scale lab can be added to an existing database.
func TestScaleHostIdempotent(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir) // an existing database without the scale lab
	var dcs ovirt.DataCenters
	v.must(200, "GET", "/datacenters", nil, &dcs)
	if len(dcs.DataCenter) != 1 {
		t.Fatalf("%d data centers", len(dcs.DataCenter))
	}
	v.close()
	var scaleID string
	for round, scale := range []bool{true, true, false, true} {
		v := openEnv(t, dir, func(c *Config) { c.ScaleHost = scale })
		var hs ovirt.Hosts
		v.must(200, "GET", "/hosts", nil, &hs)
		v.must(200, "GET", "/datacenters", nil, &dcs)
		var ns ovirt.Networks
		v.must(200, "GET", "/networks", nil, &ns)
		if len(hs.Host) != 4 || len(dcs.DataCenter) != 2 || len(ns.Network) != 3+ScaleNetworks {
			t.Fatalf("round %d: %d hosts, %d data centers, %d networks", round, len(hs.Host), len(dcs.DataCenter), len(ns.Network))
		}
		h := v.hostByName(ScaleHostName)
		if scaleID == "" {
			scaleID = h.ID
		} else if h.ID != scaleID {
			t.Fatalf("round %d: scale0 re-created", round)
		}
		if got := len(v.nics(h.ID)); got != ScaleNICs+2+ScaleAttachments-4 {
			t.Fatalf("round %d: %d NIC devices", round, got)
		}
		v.close()
	}
}

// TestDefaultSeedUnchanged: without ScaleHost the demo lab is as before
// (one data center and cluster, three networks, three hosts with their
// NICs, bonds and attachments).
func TestDefaultSeedUnchanged(t *testing.T) {
	v := newEnv(t)
	var dcs ovirt.DataCenters
	v.must(200, "GET", "/datacenters", nil, &dcs)
	var cs ovirt.Clusters
	v.must(200, "GET", "/clusters", nil, &cs)
	var hs ovirt.Hosts
	v.must(200, "GET", "/hosts", nil, &hs)
	if len(dcs.DataCenter) != 1 || dcs.DataCenter[0].Name != "Default" || len(cs.Cluster) != 1 || len(hs.Host) != 3 {
		t.Fatalf("%d data centers, %d clusters, %d hosts", len(dcs.DataCenter), len(cs.Cluster), len(hs.Host))
	}
	nets := v.clusterNetworks(cs.Cluster[0].ID)
	if len(nets) != 3 || nets["display"].Vlan.ID.Value() != 100 || nets["storage"].Vlan.ID.Value() != 200 || nets["ovirtmgmt"].Vlan != nil {
		t.Fatalf("networks %+v", nets)
	}
	var scale ovirt.Hosts
	v.must(200, "GET", "/hosts?search="+url.QueryEscape("name="+ScaleHostName), nil, &scale)
	if len(scale.Host) != 0 {
		t.Fatal("scale0 seeded without ScaleHost")
	}
	type nicWant struct {
		speed int64
		down  bool
	}
	cases := []struct {
		host  string
		nics  map[string]nicWant
		bond  string // bond0 mode, "" without a bond
		atts  map[string]string
		ipv6  map[string]string // device -> reported IPv6 ("" none)
		devNo int
	}{
		{"host0", map[string]nicWant{"eth0": {10_000_000_000, false}, "eth5": {10_000_000_000, false}}, "4",
			map[string]string{"ovirtmgmt": "eth0", "display": "eth1", "storage": "bond0"},
			map[string]string{"eth0": "2001:db8:10::11", "eth1.100": "2001:db8:100::11", "bond0.200": "2001:db8:200::11"}, 6 + 1 + 2},
		{"host1", map[string]nicWant{"eth0": {25_000_000_000, false}, "eth3": {25_000_000_000, false}}, "",
			map[string]string{"ovirtmgmt": "eth0", "display": "eth1"}, nil, 4 + 1},
		{"host2", map[string]nicWant{"eth0": {10_000_000_000, false}, "eth3": {10_000_000_000, false}, "eth4": {1_000_000_000, false}, "eth6": {1_000_000_000, true}, "eth7": {1_000_000_000, true}}, "",
			map[string]string{"ovirtmgmt": "eth0", "storage": "eth1"}, nil, 8 + 1},
	}
	for _, c := range cases {
		t.Run(c.host, func(t *testing.T) {
			h := v.hostByName(c.host)
			nics := v.nics(h.ID)
			if len(nics) != c.devNo {
				t.Fatalf("%d devices, want %d", len(nics), c.devNo)
			}
			for name, w := range c.nics {
				n := nics[name]
				if n.Speed.Value() != w.speed || (n.Status == ovirt.NicStatusDown) != w.down {
					t.Errorf("%s speed %d status %s", name, n.Speed.Value(), n.Status)
				}
			}
			b, hasBond := nics["bond0"]
			if hasBond != (c.bond != "") || (hasBond && bondMode(netplan.Bond{Options: b.Bonding.Options.Option}) != c.bond) {
				t.Errorf("bond0 %+v", b.Bonding)
			}
			atts := v.attachments(h.ID)
			if len(atts) != len(c.atts) {
				t.Fatalf("attachments %d", len(atts))
			}
			for net, nic := range c.atts {
				a := atts[net]
				if a.HostNic == nil || a.HostNic.ID != nics[nic].ID || !a.InSync.Value() {
					t.Errorf("%s on %+v in sync %v, want %s", net, a.HostNic, a.InSync.Value(), nic)
				}
			}
			for dev, want := range c.ipv6 {
				if n := nics[dev]; n.Ipv6 == nil || n.Ipv6.Address != want {
					t.Errorf("%s IPv6 %+v, want %s", dev, n.Ipv6, want)
				}
			}
		})
	}
}

// TestScaleNetsShape checks the generated networks without an engine.
func TestScaleNetsShape(t *testing.T) {
	nets := scaleNets()
	if len(nets) != ScaleNetworks || nets[0].API.Name != "scalemgmt" {
		t.Fatalf("%d networks", len(nets))
	}
	prefixes := map[string]bool{}
	for _, n := range nets {
		sim := n.Netsim()
		if err := sim.Validate(); err != nil {
			t.Errorf("%s: %v", n.API.Name, err)
		}
		if n.Sim.IPv6 != "" {
			if prefixes[n.Sim.IPv6] {
				t.Errorf("%s: prefix %s used twice", n.API.Name, n.Sim.IPv6)
			}
			prefixes[n.Sim.IPv6] = true
			if !netip.MustParsePrefix("2001:db8::/32").Contains(sim.IPv6.Addr()) || sim.IPv6.Bits() != 64 {
				t.Errorf("%s: %s", n.API.Name, n.Sim.IPv6)
			}
		}
	}
	if len(prefixes) != 1+191 { // scalemgmt and the 191 NNN with NNN mod 4 != 3
		t.Fatalf("%d IPv6 prefixes", len(prefixes))
	}
	sh := scaleHost()
	if len(sh.atts) != ScaleAttachments {
		t.Fatalf("%d attachments", len(sh.atts))
	}
	perDev := map[string]int{}
	for _, a := range sh.atts {
		perDev[a.nic]++
	}
	for dev, n := range perDev {
		if n > 5 {
			t.Errorf("%s carries %d networks", dev, n)
		}
	}
	if sh.atts[0].net != "scalemgmt" || sh.atts[len(sh.atts)-1].net != "net192" || sh.atts[len(sh.atts)-1].nic != "eth23" {
		t.Fatalf("attachments %+v … %+v", sh.atts[0], sh.atts[len(sh.atts)-1])
	}
}
