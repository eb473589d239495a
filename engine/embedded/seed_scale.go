package embedded

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// The scale lab (Config.ScaleHost): a data center and cluster "Scale" of
// their own, so the demo lab's cluster, hosts and networks are unchanged,
// with ScaleNetworks logical networks and one Up host with ScaleNICs NICs
// and ScaleAttachments network attachments, for measuring the API and the
// UI on a large host.
//
// Networks: scalemgmt (management, default route, VM; no VLAN; IPv6
// 2001:db8:99::/64 and IPv4 203.0.113.0/24, each with a DHCP pool) and
// net001 … net255. netNNN has VLAN 1000+NNN, except net064, net128 and
// net192 (no VLAN); MTU 9000 when NNN is a multiple of 16; no VM role when
// NNN is a multiple of 3. By NNN mod 4: 0, 1 and 2 have the /64
// 2001:db8:99:NNN::/64 (the digits of NNN read as hex) with router
// advertisements and a DHCPv6 pool (…::1000-…::1fff); 2 also has the IPv4
// subnet 198.18.NNN.0/24 (RFC 2544 benchmarking space) with a DHCPv4 pool;
// 3 has no IP service at all.
//
// Host scale0 (ScaleHostAddress): eth0 … eth127 (Mellanox MACs; eth0-eth95
// 25 Gb/s, eth96-eth127 1 Gb/s, eth120-eth127 without link), bond0 (eth1,
// eth2, 802.3ad) and bond1 (eth3, eth4, active-backup). scalemgmt on eth0
// with static 203.0.113.10/24 and 2001:db8:99::10/64; net001 … net080,
// net128 and net192 attached: the VLAN networks spread over bond0, bond1
// and eth5-eth20 (at most five per interface), the three non-VLAN networks
// on eth21-eth23. Boot protocols by NNN mod 4: 0 static IPv6
// 2001:db8:99:NNN::10/64 (and static IPv4 198.18.NNN.10/24 when NNN mod 8
// is 0), 1 autoconf (poly_dhcp_autoconf when NNN mod 8 is 5), 2 DHCP for
// both families, 3 none. Reported addresses are simulated as for the demo
// hosts (SLAAC from the MAC, DHCP leases from the pools).
const (
	ScaleDataCenter  = "Scale" // the data center's and the cluster's name
	ScaleHostName    = "scale0"
	ScaleHostAddress = "2001:db8:99::10"
	ScaleNICs        = 128
	ScaleNetworks    = 256 // scalemgmt and net001 … net255
	ScaleAttachments = 83  // scalemgmt, net001 … net080, net128, net192
)

const metaScaleSeeded = "scale_seeded"

// scaleAttached reports whether netNNN is attached to scale0.
func scaleAttached(i int) bool { return i <= 80 || i == 128 || i == 192 }

func scaleNetName(i int) string { return fmt.Sprintf("net%03d", i) }

// scaleNets are the Scale data center's networks, scalemgmt first.
func scaleNets() []netplan.Network {
	nets := make([]netplan.Network, 0, ScaleNetworks)
	nets = append(nets, netplan.Network{
		API: ovirt.Network{Name: "scalemgmt", Description: "Management network of the Scale cluster", Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(true),
			Usages: usages(ovirt.NetworkUsageManagement, ovirt.NetworkUsageDefaultRoute, ovirt.NetworkUsageVM)},
		Sim: netplan.SimNet{IPv6: "2001:db8:99::/64", DHCPv6From: "2001:db8:99::1000", DHCPv6To: "2001:db8:99::1fff", Router6: "fe80::1",
			IPv4: "203.0.113.0/24", DHCPv4From: "203.0.113.100", DHCPv4To: "203.0.113.199"},
	})
	for i := 1; i < ScaleNetworks; i++ {
		n := netplan.Network{API: ovirt.Network{Name: scaleNetName(i), Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(false), Usages: usages(ovirt.NetworkUsageVM)}}
		if i%64 == 0 {
			n.API.Description = fmt.Sprintf("Scale network %03d (no VLAN)", i)
		} else {
			n.API.Vlan = &ovirt.Vlan{ID: ovirt.NewInt(1000 + i)}
			n.API.Description = fmt.Sprintf("Scale network %03d (VLAN %d)", i, 1000+i)
		}
		if i%16 == 0 {
			n.API.Mtu = ovirt.NewInt(9000)
		}
		if i%3 == 0 {
			n.API.Usages = usages()
		}
		if i%4 != 3 {
			p := "2001:db8:99:" + strconv.Itoa(i) + "::"
			n.Sim = netplan.SimNet{IPv6: p + "/64", DHCPv6From: p + "1000", DHCPv6To: p + "1fff", Router6: "fe80::1"}
		}
		if i%4 == 2 {
			p := "198.18." + strconv.Itoa(i) + "."
			n.Sim.IPv4, n.Sim.DHCPv4From, n.Sim.DHCPv4To = p+"0/24", p+"100", p+"199"
		}
		nets = append(nets, n)
	}
	return nets
}

// scaleHost is scale0 (see the comment above).
func scaleHost() seedHost {
	sh := seedHost{
		name: ScaleHostName, address: ScaleHostAddress, nics: ScaleNICs, oui: netsim.OUIMellanox,
		nic: func(i int) (int64, bool) {
			if i < 96 {
				return 25_000_000_000, false
			}
			return 1_000_000_000, i >= 120
		},
		bonds: []seedBond{
			{name: "bond0", slaves: []string{"eth1", "eth2"},
				options: []ovirt.Option{{Name: "mode", Value: "4"}, {Name: "miimon", Value: "100"}, {Name: "xmit_hash_policy", Value: "layer3+4"}}},
			{name: "bond1", slaves: []string{"eth3", "eth4"},
				options: []ovirt.Option{{Name: "mode", Value: "1"}, {Name: "miimon", Value: "100"}}},
		},
		spm: ovirt.SpmStatusNone,
		atts: []seedAtt{{"scalemgmt", "eth0",
			staticIP("203.0.113.10", "24", "203.0.113.1"), staticIP(ScaleHostAddress, "64", "2001:db8:99::1")}},
	}
	vlanDevs := []string{"bond0", "bond1"}
	for i := 5; i <= 20; i++ {
		vlanDevs = append(vlanDevs, "eth"+strconv.Itoa(i))
	}
	plainDev := 21
	vlans := 0
	for i := 1; i < ScaleNetworks; i++ {
		if !scaleAttached(i) {
			continue
		}
		var dev string
		if i%64 == 0 {
			dev = "eth" + strconv.Itoa(plainDev)
			plainDev++
		} else {
			dev = vlanDevs[vlans%len(vlanDevs)]
			vlans++
		}
		v4, v6 := noIP, noIP
		switch i % 4 {
		case 0:
			v6 = staticIP("2001:db8:99:"+strconv.Itoa(i)+"::10", "64", "")
			if i%8 == 0 {
				v4 = staticIP("198.18."+strconv.Itoa(i)+".10", "24", "")
			}
		case 1:
			v6 = netplan.IPConfig{Proto: netsim.ProtoAutoconf}
			if i%8 == 5 {
				v6 = netplan.IPConfig{Proto: netsim.ProtoPolyDHCPAutoconf}
			}
		case 2:
			v4, v6 = netplan.IPConfig{Proto: netsim.ProtoDHCP}, netplan.IPConfig{Proto: netsim.ProtoDHCP}
		}
		sh.atts = append(sh.atts, seedAtt{scaleNetName(i), dev, v4, v6})
	}
	return sh
}

// seedScaleIfMissing adds the scale lab in one transaction, once: a meta
// key marks it, so reopening (with or without Config.ScaleHost) never adds
// it twice. A host already named scale0 (added by hand) keeps it out.
func (e *Engine) seedScaleIfMissing(ctx context.Context) error {
	return e.st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Meta(metaScaleSeeded); err == nil {
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if _, _, err := tx.FindByName(kindHost, "", ScaleHostName); err == nil {
			e.log.Warn("not adding the scale lab: a host is already named " + ScaleHostName)
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := e.seedScale(tx); err != nil {
			return fmt.Errorf("embedded: seed the scale lab: %w", err)
		}
		e.log.Info("embedded engine seeded with the scale lab", "host", ScaleHostName, "nics", ScaleNICs, "networks", ScaleNetworks)
		return tx.SetMeta(metaScaleSeeded, e.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

func (e *Engine) seedScale(tx *store.Tx) error {
	dc, err := seedDC(tx, ScaleDataCenter, "Scale measurements: one host with 128 NICs and 256 networks")
	if err != nil {
		return err
	}
	clusterID := newID()
	byName, err := seedNetworks(tx, dc.ID, clusterID, scaleNets())
	if err != nil {
		return err
	}
	if err := seedCluster(tx, clusterID, ScaleDataCenter, "Scale measurements", dc.ID, byName["scalemgmt"].API.ID); err != nil {
		return err
	}
	_, err = e.seedHostDoc(tx, scaleHost(), clusterID, byName)
	return err
}
