package readiness

import (
	"fmt"
	"net/netip"
	"strings"

	"v6admin/engine/ovirt"
)

// duplicates files v6.address.duplicate-ipv6 for every attachment whose
// reported global IPv6 address another host or NIC reports too.
func (x *run) duplicates() {
	by := map[netip.Addr][]*Object{}
	var order []netip.Addr
	for _, o := range x.rep.Objects {
		if o.Kind != KindAttachment {
			continue
		}
		for _, a := range o.Addresses {
			if a.Addr.Is6() && a.usable() {
				if len(by[a.Addr]) == 0 {
					order = append(order, a.Addr)
				}
				by[a.Addr] = append(by[a.Addr], o)
			}
		}
	}
	for _, addr := range order {
		objs := by[addr]
		if len(objs) < 2 {
			continue
		}
		for _, o := range objs {
			var others []string
			for _, p := range objs {
				if p != o {
					others = append(others, p.Name)
				}
			}
			x.find(CheckDuplicateIPv6, o, Fix{Dialog: DialogSetupHostNetworks, Kind: KindAttachment, ID: o.ID, HostID: o.HostID, NIC: o.NIC, Network: o.Network},
				fmt.Sprintf("%s is reported on %s and on %s.", addr, o.Name, strings.Join(others, ", ")),
				"Duplicate address detection (RFC 4862) marks the address dadfailed on the device that comes second, which then does not use it; traffic for it reaches whichever answered neighbour discovery, and the engine does not check addresses across hosts.",
				"Open Setup Host Networks on "+o.NIC+" of host "+o.Host+" and give "+o.Network+" an address no other host uses.")
		}
	}
}

// networks adds the logical networks, with the families of their
// attachments, and files the MTU check.
func (x *run) networks() {
	for i := range x.snap.Networks {
		n := &x.snap.Networks[i]
		dc := ""
		if n.DataCenter != nil {
			dc = x.dcName[n.DataCenter.ID]
		}
		o := x.add(&Object{Kind: KindNetwork, ID: n.ID, Name: n.Name, DataCenter: dc, Network: n.Name, Roles: x.netRoles[n.ID]})
		var fs []Family
		for _, a := range x.netAtts[n.ID] {
			fs = append(fs, a.Family)
			o.Addresses = append(o.Addresses, a.Addresses...)
		}
		o.Family = combine(fs...)
		mtu := n.Mtu.Value()
		if mtu == 0 {
			mtu = defaultMTU
		}
		if mtu < minMTUIPv6 && x.netV6[n.ID] {
			x.find(CheckMTUBelow1280, o, Fix{Dialog: DialogEditNetwork, Kind: KindNetwork, ID: n.ID, Network: n.Name},
				fmt.Sprintf("Network %s carries IPv6 with an MTU of %d.", n.Name, mtu),
				"IPv6 needs a link MTU of at least 1280 (RFC 8200 §5); the kernel disables IPv6 on a device whose MTU drops below it, and vdsm applies the network's MTU, so every host loses IPv6 on this network, link-local included (BZ 1598461).",
				fmt.Sprintf("Edit the logical network %s and set its MTU to 1280 or more (or the default, 1500).", n.Name))
		}
	}
}

// storage adds the storage connections (NFS export servers, iSCSI portals).
func (x *run) storage() {
	for i := range x.snap.StorageDomains {
		sd := &x.snap.StorageDomains[i]
		if sd.Storage == nil {
			continue
		}
		dc := ""
		switch {
		case sd.DataCenter != nil:
			dc = x.dcName[sd.DataCenter.ID]
		case sd.DataCenters != nil && len(sd.DataCenters.DataCenter) > 0:
			dc = x.dcName[sd.DataCenters.DataCenter[0].ID]
		}
		var addrs []string
		if sd.Storage.Address != "" {
			addrs = append(addrs, sd.Storage.Address)
		}
		if sd.Storage.LogicalUnits != nil {
			for _, lu := range sd.Storage.LogicalUnits.LogicalUnit {
				if lu.Address != "" && !contains(addrs, lu.Address) {
					addrs = append(addrs, lu.Address)
				}
			}
		}
		for _, addr := range addrs {
			name := sd.Name + " (" + string(sd.Storage.Type) + " " + addr
			if sd.Storage.Path != "" {
				name += ":" + sd.Storage.Path
			}
			name += ")"
			o := x.add(&Object{Kind: KindStorage, ID: sd.ID, Name: name, DataCenter: dc, Address: addr})
			x.address(o, addr, false, Fix{Dialog: DialogStorageDomain, Kind: KindStorage, ID: sd.ID})
			o.Family = familyOfAddrs(o.Addresses)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// providers adds the external providers (network and host providers).
func (x *run) providers() {
	add := func(id, name, u string) {
		if u == "" {
			return
		}
		o := x.add(&Object{Kind: KindProvider, ID: id, Name: name, Address: u})
		x.address(o, u, true, Fix{Dialog: DialogProvider, Kind: KindProvider, ID: id})
		o.Family = familyOfAddrs(o.Addresses)
	}
	for _, p := range x.snap.NetworkProviders {
		add(p.ID, p.Name, p.Url)
	}
	for _, p := range x.snap.HostProviders {
		add(p.ID, p.Name, p.Url)
	}
}

// vms adds the VMs with the addresses their guests report.
func (x *run) vms() {
	for i := range x.snap.VMs {
		vd := &x.snap.VMs[i]
		v := &vd.VM
		dc := ""
		if v.Cluster != nil {
			dc = x.clDC[v.Cluster.ID]
		}
		o := x.add(&Object{Kind: KindVM, ID: v.ID, Name: v.Name, DataCenter: dc})
		for _, n := range vd.NICs {
			if n.ReportedDevices == nil {
				continue
			}
			for _, d := range n.ReportedDevices.ReportedDevice {
				if d.Ips == nil {
					continue
				}
				for _, ip := range d.Ips.Ip {
					if ad, ok := parseAddress(ip.Address, "guest"); ok {
						o.Addresses = append(o.Addresses, ad)
					}
				}
			}
		}
		o.Family = familyOfAddrs(o.Addresses)
		if v.Status != ovirt.VmStatusUp || len(o.Addresses) == 0 {
			continue
		}
		if o.Family == FamilyIPv4 || o.Family == FamilyNone {
			x.find(CheckVMNoGlobalIPv6, o, Fix{Dialog: DialogRunOnce, Kind: KindVM, ID: v.ID},
				fmt.Sprintf("VM %s runs without a global IPv6 address (its guest reports %s).", v.Name, guestList(o.Addresses)),
				"The guest agent reports only what the guest configured; without a global IPv6 address the VM's services are reachable over IPv4 only, and cloud-init sets IPv6 only when asked (and never with the ENI protocol, BZ 1464043; autoconf is refused).",
				"Use Run Once with cloud-init (protocol openstack-metadata) and a static or DHCPv6 IPv6 configuration on the VM's NIC, or configure IPv6 in the guest.")
		}
	}
}

func guestList(as []Address) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Text)
	}
	if len(out) == 0 {
		return "no address"
	}
	return strings.Join(out, ", ")
}

// groups adds the data centers and clusters, with the family of their hosts.
func (x *run) groups(hosts []*Object) {
	byCluster := map[string][]Family{}
	byDC := map[string][]Family{}
	for i, hd := range x.snap.Hosts {
		if hd.Host.Cluster == nil {
			continue
		}
		c := hd.Host.Cluster.ID
		byCluster[c] = append(byCluster[c], hosts[i].Family)
		byDC[x.clDC[c]] = append(byDC[x.clDC[c]], hosts[i].Family)
	}
	for _, dc := range x.snap.DataCenters {
		x.add(&Object{Kind: KindDataCenter, ID: dc.ID, Name: dc.Name, DataCenter: dc.Name, Family: combine(byDC[dc.Name]...)})
	}
	for _, c := range x.snap.Clusters {
		x.add(&Object{Kind: KindCluster, ID: c.ID, Name: c.Name, DataCenter: x.clDC[c.ID], Family: combine(byCluster[c.ID]...)})
	}
}
