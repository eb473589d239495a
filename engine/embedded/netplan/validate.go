package netplan

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/ovirt"
)

// parsedAssign is an attachment's ip_address_assignments after the REST
// mapping layer (NetworkAttachmentMapper).
type parsedAssign struct {
	given  bool // ip_address_assignments present
	empty  bool // present with no entry
	v4, v6 *IPConfig
}

func attachmentsOf(l *ovirt.NetworkAttachments) []ovirt.NetworkAttachment {
	if l == nil {
		return nil
	}
	return l.NetworkAttachment
}

func nicsOf(l *ovirt.HostNics) []ovirt.HostNic {
	if l == nil {
		return nil
	}
	return l.HostNic
}

func validProto(p ovirt.BootProtocol) bool {
	switch p {
	case ovirt.BootProtocolNone, ovirt.BootProtocolDHCP, ovirt.BootProtocolStatic, ovirt.BootProtocolAutoconf, ovirt.BootProtocolPolyDHCPAutoconf:
		return true
	}
	return false
}

// mapAssignments applies the REST layer's checks: enum values, IPv4
// autoconf, integer IPv6 prefix; a missing ip.version is v6 when the
// address contains ':', else v4.
func mapAssignments(a *ovirt.NetworkAttachment) (parsedAssign, error) {
	var p parsedAssign
	if a.IpAddressAssignments == nil {
		return p, nil
	}
	p.given = true
	list := a.IpAddressAssignments.IpAddressAssignment
	p.empty = len(list) == 0
	for _, as := range list {
		m := as.AssignmentMethod
		if m != "" && !validProto(m) {
			return p, badEnum(string(m), "BootProtocol")
		}
		ip := ovirt.Ip{}
		if as.Ip != nil {
			ip = *as.Ip
		}
		ver := ip.Version
		switch ver {
		case "", ovirt.IpVersionV4, ovirt.IpVersionV6:
		default:
			return p, badEnum(string(ver), "IpVersion")
		}
		if ver == "" {
			ver = ovirt.IpVersionV4
			if strings.Contains(ip.Address, ":") {
				ver = ovirt.IpVersionV6
			}
		}
		cfg := &IPConfig{Proto: string(m), Addr: strings.TrimSpace(ip.Address), Netmask: strings.TrimSpace(ip.Netmask), Gateway: strings.TrimSpace(ip.Gateway)}
		if ver == ovirt.IpVersionV4 {
			if m == ovirt.BootProtocolAutoconf || m == ovirt.BootProtocolPolyDHCPAutoconf {
				return p, invalidValue("Boot protocol = '" + strings.ToUpper(string(m)) + "' is not applicable for IPv4.")
			}
			if p.v4 != nil {
				return p, badRequest("Only one IPv4 address is supported for a network attachment.")
			}
			p.v4 = cfg
			continue
		}
		if cfg.Netmask != "" {
			if _, err := strconv.Atoi(cfg.Netmask); err != nil {
				return p, invalidValue("IPv6 prefix has to be integer number. '" + ip.Netmask + "' is not a valid value")
			}
		}
		if p.v6 != nil {
			return p, badRequest("Only one IPv6 address is supported for a network attachment.")
		}
		p.v6 = cfg
	}
	return p, nil
}

// protoDisplay is the engine's display name of a boot protocol (used in
// the Incompatible... message).
func protoDisplay(p string) string {
	if p == netsim.ProtoPolyDHCPAutoconf {
		return "poly dhcp autoconf"
	}
	return p
}

// engineIPv6 is @Ipv6: IPV6_PATTERN (hex groups only, no embedded IPv4,
// no zone) and @Size(max 45).
func engineIPv6(s string) bool { return len(s) <= 45 && rules.IsValidIPv6(s) }

// engineIPv4 is @Ipv4: IPV4_PATTERN (leading zeros allowed).
func engineIPv4(s string) bool { return rules.IsValidIPv4(s) }

// checkIPFormats is the bean validation of the IP configuration.
func checkIPFormats(p parsedAssign, dns []string) error {
	if c := p.v4; c != nil {
		if c.Addr != "" && !engineIPv4(c.Addr) {
			return badRequest("Bad format of IP address")
		}
		if c.Netmask != "" {
			if _, ok := rules.IPv4MaskBits(c.Netmask); !ok {
				return badRequest("Bad format of subnet mask")
			}
		}
		if c.Gateway != "" && !engineIPv4(c.Gateway) {
			return badRequest("Bad format of IPv4 gateway address")
		}
	}
	if c := p.v6; c != nil {
		if c.Addr != "" && !engineIPv6(c.Addr) {
			return badRequest("Bad format of an IPv6 address.")
		}
		if c.Gateway != "" && !engineIPv6(c.Gateway) {
			return badRequest("Bad format of an IPv6 address.")
		}
		if c.Netmask != "" {
			if n, _ := strconv.Atoi(c.Netmask); n < 0 || n > 128 {
				return badRequest("IPv6 prefix must be between 0 and 128.")
			}
		}
	}
	for _, s := range dns {
		if !engineIPv4(s) && !engineIPv6(s) {
			return badRequest("Bad format of a name server address: '" + s + "' is neither an IPv4 nor an IPv6 address.")
		}
	}
	return nil
}

// checkIPConfig is NetworkAttachmentIpConfigurationValidator.
func checkIPConfig(p parsedAssign, nw *Network, iface string) error {
	netName := nw.API.Name
	where := "Network attachment for Network " + netName + ", Interface " + iface
	if p.empty {
		return badRequest("Network attachment of Network " + netName + ", Interface " + iface + " is missing ip configuration details.")
	}
	missing := func() error {
		return badRequest("Insufficient ip configuration details of " + where + ". Boot protocol is missing.")
	}
	insufficient := func() error {
		return badRequest("Insufficient ip configuration of " + where + ". Must define ip address and netmask when boot protocol is static.")
	}
	incompatible := func(proto string) error {
		return badRequest("Incompatible ip configuration of " + where + ". Can't determine the ip address, netmask or gateway when boot protocol is set to " + protoDisplay(proto) + ".")
	}
	if c := p.v4; c != nil {
		switch {
		case c.Proto == "":
			return missing()
		case c.Proto == netsim.ProtoStatic:
			if c.Addr == "" || c.Netmask == "" {
				return insufficient()
			}
		case c.Addr != "" || c.Netmask != "" || c.Gateway != "":
			return incompatible(c.Proto)
		}
	}
	if c := p.v6; c != nil {
		switch {
		case c.Proto == "":
			return missing()
		case c.Proto == netsim.ProtoStatic:
			if c.Addr == "" || c.Netmask == "" {
				return insufficient()
			}
			if c.Gateway != "" && !isUnspecified(c.Gateway) && !nw.IsDefaultRoute() {
				return badRequest("Bad IPv6 configuration for Network attachment of Network " + netName + ". IPv6 gateway can only be set on a network which holds the default route role.")
			}
		case c.Addr != "" || c.Netmask != "" || c.Gateway != "":
			return incompatible(c.Proto)
		}
	}
	return nil
}

func isUnspecified(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.IsUnspecified()
}

var bondName = regexp.MustCompile(`^bond[0-9]{1,5}$`)

// resolveNetwork finds a cluster network by id or name.
func resolveNetwork(h *Host, ref *ovirt.Network) (*Network, error) {
	if ref == nil || (ref.ID == "" && ref.Name == "") {
		return nil, nil
	}
	if ref.ID != "" {
		if n := h.Cluster[ref.ID]; n != nil {
			return n, nil
		}
		if n := h.network(ref.ID); n != nil {
			return nil, badRequest(cannotSetup + "Network '" + n.API.Name + "' is not assigned to the cluster of host " + h.Name + ".")
		}
		return nil, badRequest(cannotSetup + "Network having id '" + ref.ID + "' does not exist.")
	}
	if n := h.ByName[ref.Name]; n != nil {
		return n, nil
	}
	return nil, badRequest(cannotSetup + "Network having name '" + ref.Name + "' does not exist in the cluster of host " + h.Name + ".")
}

func nicMissing(id, name string) error {
	if id != "" {
		return badRequest(cannotSetup + "Host network interface having id '" + id + "' does not exist.")
	}
	return badRequest(cannotSetup + "Host network interface having name '" + name + "' does not exist.")
}

// resolveAttachment finds an attachment by id, else by its network.
func resolveAttachment(h *Host, hn *HostNet, ref ovirt.NetworkAttachment) (*Attachment, error) {
	if ref.ID != "" {
		return hn.Att(ref.ID), nil
	}
	n, err := resolveNetwork(h, ref.Network)
	if err != nil || n == nil {
		return nil, err
	}
	return hn.AttByNetwork(n.API.ID), nil
}
