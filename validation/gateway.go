package validation

import "net/netip"

// CheckGateway checks a gateway typed for an interface whose address and
// prefix length are iface (host bits kept, as from ParseAddrPrefix). With a
// zero iface (address not typed yet) only the gateway itself is checked.
//
// An empty gateway means none and is accepted. Errors: a gateway of the other
// family; the unspecified, loopback or a multicast address; the interface's
// own address; the subnet's network address (the subnet-router anycast
// address in IPv6) or IPv4 broadcast address. A gateway outside the prefix is
// only a warning, and a link-local IPv6 gateway (with or without a zone) is
// normal, as routers advertise themselves by their link-local address; it
// is written without a zone (the engine's pattern refuses zones: vdsm sets
// the gateway on the network's own interface). An IPv4-mapped gateway is
// refused with the IPv4 address it is.
func CheckGateway(gw string, iface netip.Prefix) (warning *Error, err error) {
	if gw == "" {
		return nil, nil
	}
	msg := MsgIP
	if iface.IsValid() {
		msg = MsgIPv4OrEmpty
		if iface.Addr().Is6() {
			msg = MsgIPv6OrEmpty
		}
	}
	g, perr := parseAddr(gw)
	if perr != nil {
		return nil, withMessage(perr, msg)
	}
	switch {
	case g.Zone() != "":
		return nil, fail(CodeZone, msg, "Enter "+g.WithZone("").String()+" without %"+g.Zone()+": the engine stores no zone, and a link-local gateway is reached through this network's interface.")
	case g.Is4In6():
		return nil, fail(CodeGatewayFamily, msg, g.String()+" is the IPv4 address "+g.Unmap().String()+" (IPv4-mapped): an IPv4 gateway goes on the IPv4 tab, as "+g.Unmap().String()+".")
	case iface.IsValid() && g.Is4() != iface.Addr().Is4():
		return nil, fail(CodeGatewayFamily, msg, "The gateway must be of the same family as the address.")
	case g.IsUnspecified():
		return nil, fail(CodeGatewayReserved, msg, "Leave the gateway empty for none.")
	case g.IsLoopback(), g.IsMulticast(), g.Is4() && g == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return nil, fail(CodeGatewayReserved, msg, "A gateway is the unicast address of a router on this link.")
	}
	if !iface.IsValid() {
		return nil, nil
	}
	bare := g.WithZone("")
	if bare == iface.Addr().WithZone("") {
		return nil, fail(CodeGatewayReserved, msg, "The gateway cannot be the interface's own address.")
	}
	net := iface.Masked()
	if !net.Contains(bare) {
		if bare.Is6() && bare.IsLinkLocalUnicast() {
			return nil, nil
		}
		return fail(CodeGatewayOutside, MsgGatewayRange, "It is not in "+net.String()+"; check the address, prefix and gateway."), nil
	}
	switch {
	case bare.Is4() && net.Bits() <= 30 && (bare == net.Addr() || bare == lastAddr(net)):
		return nil, fail(CodeGatewayReserved, msg, bare.String()+" is the network or broadcast address of "+net.String()+".")
	case bare.Is6() && net.Bits() <= 126 && bare == net.Addr():
		return nil, fail(CodeGatewayReserved, msg, bare.String()+" is the subnet-router anycast address of "+net.String()+".")
	}
	return nil, nil
}

// SuggestGateway proposes a gateway for an interface, as Cockpit does: the
// first usable address of the subnet, unless the subnet is too small (/30 and
// longer for IPv4, /126 and longer for IPv6) or the interface itself holds
// that address.
func SuggestGateway(iface netip.Prefix) (netip.Addr, bool) {
	if !iface.IsValid() {
		return netip.Addr{}, false
	}
	a := iface.Addr().WithZone("")
	if a.Is4() && iface.Bits() >= 30 || a.Is6() && iface.Bits() >= 126 {
		return netip.Addr{}, false
	}
	net := iface.Masked().Addr()
	first := net.Next()
	if a == net || a == first {
		return netip.Addr{}, false
	}
	return first, true
}

// lastAddr returns the highest address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// StaticInterface is the interface a static address and its netmask or
// prefix length make (addr may carry "/len" itself, as StaticAddress
// takes it): the iface CheckGateway judges a gateway against, or the zero
// prefix while the address or the length is missing or wrong. Edit Network
// and cloud-init's NICs check their gateway against it as you type, and
// the requests' Validate does the same.
func StaticInterface(addr, mask string, v6 bool) netip.Prefix {
	ap, err := StaticAddress(addr, v6)
	if err != nil {
		return netip.Prefix{}
	}
	bits := ap.Bits
	if bits < 0 && mask != "" {
		if v6 {
			bits, err = ParseIPv6Prefix(mask)
		} else {
			bits, err = ParseIPv4Netmask(mask)
		}
		if err != nil {
			return netip.Prefix{}
		}
	}
	if bits < 0 {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(ap.Addr, bits)
}
