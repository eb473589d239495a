package embedded

import (
	"net"
	"net/netip"
	"strconv"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// guestNicConfig is the network configuration a guest NIC runs with: what
// cloud-init last gave it (persisted in the guest, like the files
// cloud-init writes), or the image's default (DHCPv4 and SLAAC).
type guestNicConfig struct {
	Name   string `json:"name"`
	V4     string `json:"v4"` // none, dhcp, static
	V4Addr string `json:"v4_addr,omitempty"`
	V4Mask string `json:"v4_mask,omitempty"`
	V4Gw   string `json:"v4_gw,omitempty"`
	V6     string `json:"v6"` // none, dhcp, static, autoconf
	V6Addr string `json:"v6_addr,omitempty"`
	V6Len  string `json:"v6_len,omitempty"`
	V6Gw   string `json:"v6_gw,omitempty"`
}

// guestDefault is a NIC cloud-init did not configure: the cloud image's
// DHCPv4, and the kernel's SLAAC (accept_ra is on by default).
func guestDefault(name string) guestNicConfig {
	return guestNicConfig{Name: name, V4: netsim.ProtoDHCP, V6: netsim.ProtoAutoconf}
}

// guestConfigs turns a cloud-init initialization into the guest's NIC
// configurations. With ENI the engine writes no IPv6 stanza
// (rules.ENIDropsIPv6): the guest keeps the kernel's default, SLAAC.
func guestConfigs(in *ovirt.Initialization) []guestNicConfig {
	if in == nil || in.NicConfigurations == nil {
		return nil
	}
	dropV6 := rules.ENIDropsIPv6(string(in.CloudInitNetworkProtocol))
	var out []guestNicConfig
	for _, nc := range in.NicConfigurations.NicConfiguration {
		g := guestNicConfig{Name: nc.Name, V4: orNoneProto(string(nc.BootProtocol)), V6: orNoneProto(string(nc.Ipv6BootProtocol))}
		if nc.Ip != nil {
			g.V4Addr, g.V4Mask, g.V4Gw = nc.Ip.Address, nc.Ip.Netmask, nc.Ip.Gateway
		}
		if nc.Ipv6 != nil {
			g.V6Addr, g.V6Len, g.V6Gw = nc.Ipv6.Address, nc.Ipv6.Netmask, nc.Ipv6.Gateway
		}
		if dropV6 {
			g.V6, g.V6Addr, g.V6Len, g.V6Gw = netsim.ProtoAutoconf, "", "", ""
		}
		out = append(out, g)
	}
	return out
}

func orNoneProto(p string) string {
	if p == "" {
		return netsim.ProtoNone
	}
	return p
}

// guestIface is an interface as the guest agent reports it.
type guestIface struct {
	Name string   `json:"name"`
	MAC  string   `json:"mac"`
	V4   []string `json:"v4,omitempty"`
	V6   []string `json:"v6,omitempty"` // global addresses, then the link-local one with its zone
}

// simulateGuest computes what the guest agent reports for NIC i (in-guest
// name eth<i>) on network nw, with config g: static addresses as
// configured, DHCP leases from the network's pools (recorded under owner),
// SLAAC from its /64 and the MAC, and the fe80:: link-local address with
// the interface as its zone. A configuration the guest cannot apply (a bad
// address) leaves only the link-local address, as a failed ifup would.
func simulateGuest(tx *store.Tx, nw *netplan.Network, mac string, g guestNicConfig, owner string) (guestIface, error) {
	out := guestIface{Name: g.Name, MAC: mac}
	hw, err := net.ParseMAC(mac)
	if err != nil {
		return out, err
	}
	sim := netsim.Network{Name: "guest"}
	if nw != nil {
		sim = nw.Netsim()
	}
	v4 := netsim.V4Config{Proto: g.V4}
	if g.V4 == netsim.ProtoStatic {
		v4.Addr, _ = rules.ParseIPv4(g.V4Addr)
		v4.Prefix, _ = rules.IPv4MaskBits(g.V4Mask)
		v4.Gateway, _ = rules.ParseIPv4(g.V4Gw)
	}
	v6 := netsim.V6Config{Proto: g.V6}
	if g.V6 == netsim.ProtoStatic {
		v6.Addr, _ = netip.ParseAddr(g.V6Addr)
		v6.Prefix, _ = strconv.Atoi(g.V6Len)
		v6.Gateway, _ = netip.ParseAddr(g.V6Gw)
	}
	leased := func(a netip.Addr) bool {
		_, err := tx.Get(kindLease, sim.Name+"/"+a.String())
		return err == nil
	}
	r, err := netsim.Simulate(sim, hw, v4, v6, leased)
	if err != nil {
		ll, _ := netsim.LinkLocal(hw)
		out.V6 = []string{ll.String() + "%" + g.Name}
		return out, nil
	}
	lease := func(a netip.Addr) error {
		return tx.Put(kindLease, sim.Name+"/"+a.String(), owner, "", []byte(`{"vm":true}`))
	}
	if r.IPv4.IsValid() {
		out.V4 = []string{r.IPv4.Addr().String()}
		if g.V4 == netsim.ProtoDHCP {
			if err := lease(r.IPv4.Addr()); err != nil {
				return out, err
			}
		}
	}
	for _, p := range r.IPv6 {
		out.V6 = append(out.V6, p.Addr().String())
		if p.Bits() == 128 && sim.DHCPv6.Contains(p.Addr()) {
			if err := lease(p.Addr()); err != nil {
				return out, err
			}
		}
	}
	out.V6 = append(out.V6, r.LinkLocal.Addr().String()+"%"+g.Name)
	return out, nil
}

// displayAddress is the address vdsm reports as a VM's display IP for the
// host's device on the display network (BZ 1403674): its IPv4 address, and
// its IPv6 address only when it has no IPv4 one. "" when it has neither.
func displayAddress(rep netplan.Reported) string {
	if rep.V4Addr != "" {
		return rep.V4Addr
	}
	for _, a := range rep.V6Addrs {
		if p, err := netip.ParsePrefix(a); err == nil && !p.Addr().IsLinkLocalUnicast() {
			return p.Addr().String()
		}
	}
	return ""
}

// migrationAddress is MigrateVmCommand.getLiteralMigrationNetworkIp: the
// destination's address on the cluster's migration network, IPv4 when both
// the source and the destination have one there, else IPv6 when both have
// one, else "" (vdsm then migrates to the destination host's address).
// family is "v4", "v6" or "".
func migrationAddress(src, dst *netplan.Reported) (addr, family string) {
	if src == nil || dst == nil {
		return "", ""
	}
	if src.V4Addr != "" && dst.V4Addr != "" {
		return dst.V4Addr, "v4"
	}
	first := func(r *netplan.Reported) string {
		// VdsNetworkInterface.getIpv6Address: the interface's IPv6
		// address as the engine keeps it (and the API shows it, renderNics):
		// the first one that is not link-local.
		for _, s := range r.V6Addrs {
			if p, err := netip.ParsePrefix(s); err == nil && !p.Addr().IsLinkLocalUnicast() {
				return p.Addr().String()
			}
		}
		return ""
	}
	if s, d := first(src), first(dst); s != "" && d != "" {
		return d, "v6"
	}
	return "", ""
}

// roleNetwork is the cluster's network with usage u (display), else its
// management network. Not for migration: see migrationNetwork.
func roleNetwork(hc *hostCtx, u ovirt.NetworkUsage) *netplan.Network {
	for _, n := range hc.nets {
		if n.HasUsage(u) {
			return n
		}
	}
	return hc.nets[hc.mgmtID]
}

// reportedOn is what the host reports for network nw, or nil when nw is
// not attached to it.
func reportedOn(hc *hostCtx, nw *netplan.Network) *netplan.Reported {
	if nw == nil {
		return nil
	}
	if a := hc.hn.AttByNetwork(nw.API.ID); a != nil {
		return &a.Rep
	}
	return nil
}
