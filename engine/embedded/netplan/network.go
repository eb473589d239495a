package netplan

import (
	"net/netip"

	"v6admin/engine/embedded/netsim"
	"v6admin/engine/ovirt"
)

// Network is a logical network: the API view plus the clusters it is
// assigned to and the simulated segment (router advertisements, DHCP).
type Network struct {
	API      ovirt.Network `json:"api"`
	Clusters []string      `json:"clusters,omitempty"`
	Sim      SimNet        `json:"sim"`
}

// SimNet is the persisted form of netsim.Network.
type SimNet struct {
	IPv6       string `json:"ipv6,omitempty"`
	DHCPv6From string `json:"dhcpv6_from,omitempty"`
	DHCPv6To   string `json:"dhcpv6_to,omitempty"`
	Router6    string `json:"router6,omitempty"`
	IPv4       string `json:"ipv4,omitempty"`
	DHCPv4From string `json:"dhcpv4_from,omitempty"`
	DHCPv4To   string `json:"dhcpv4_to,omitempty"`
}

// Netsim is the network's simulated segment.
func (n *Network) Netsim() netsim.Network {
	s := n.Sim
	nw := netsim.Network{Name: n.API.ID}
	nw.IPv6, _ = netip.ParsePrefix(s.IPv6)
	nw.IPv4, _ = netip.ParsePrefix(s.IPv4)
	nw.IPv6Router, _ = netip.ParseAddr(s.Router6)
	if a, err := netip.ParseAddr(s.DHCPv6From); err == nil {
		b, _ := netip.ParseAddr(s.DHCPv6To)
		nw.DHCPv6 = netsim.Pool{First: a, Last: b}
	}
	if a, err := netip.ParseAddr(s.DHCPv4From); err == nil {
		b, _ := netip.ParseAddr(s.DHCPv4To)
		nw.DHCPv4 = netsim.Pool{First: a, Last: b}
	}
	return nw
}

// HasUsage reports whether the network has usage u.
func (n *Network) HasUsage(u ovirt.NetworkUsage) bool {
	if n.API.Usages == nil {
		return false
	}
	for _, x := range n.API.Usages.Usage {
		if x == u {
			return true
		}
	}
	return false
}

// VLAN is the network's VLAN id, 0 for none.
func (n *Network) VLAN() int {
	if n.API.Vlan == nil {
		return 0
	}
	return int(n.API.Vlan.ID.Value())
}

// MTU is the network's MTU (1500 by default).
func (n *Network) MTU() int {
	if m := n.API.Mtu.Value(); m > 0 {
		return int(m)
	}
	return 1500
}

// IsVM reports a VM (bridged) network.
func (n *Network) IsVM() bool { return n.HasUsage(ovirt.NetworkUsageVM) }

// IsDefaultRoute reports the default route role.
func (n *Network) IsDefaultRoute() bool { return n.HasUsage(ovirt.NetworkUsageDefaultRoute) }

// IsRole reports a role network that needs an IP configuration
// (IsRoleNetworkIpConfigurationValid: display, migration, gluster). The
// management/default-route network is guarded by the connectivity check.
func (n *Network) IsRole() bool {
	return n.HasUsage(ovirt.NetworkUsageDisplay) || n.HasUsage(ovirt.NetworkUsageMigration) || n.HasUsage(ovirt.NetworkUsageGluster)
}
