package netplan

import (
	"net"
	"net/netip"
	"strconv"
	"strings"

	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/ovirt"
)

// EngineProto is the engine enum name of a boot protocol, as reported
// configurations show it.
func EngineProto(p string) string {
	switch p {
	case "", netsim.ProtoNone:
		return "NONE"
	case netsim.ProtoStatic:
		return "STATIC_IP"
	case netsim.ProtoDHCP:
		return "DHCP"
	case netsim.ProtoAutoconf:
		return "AUTOCONF"
	case netsim.ProtoPolyDHCPAutoconf:
		return "POLY_DHCP_AUTOCONF"
	}
	return strings.ToUpper(p)
}

// dottedMask returns the IPv4 netmask of a prefix length.
func DottedMask(bits int) string {
	if bits < 0 || bits > 32 {
		return ""
	}
	m := net.CIDRMask(bits, 32)
	return net.IP(m).String()
}

// ReportedConfigs compares the desired configuration of a with what is
// reported (NetworkInSyncWithVdsNetworkInterface), returning the entries
// and whether everything is in sync.
func ReportedConfigs(a *Attachment, nw *Network) ([]ovirt.ReportedConfiguration, bool) {
	var out []ovirt.ReportedConfiguration
	all := true
	add := func(name, expected, actual string, ok bool) {
		out = append(out, ovirt.ReportedConfiguration{Name: name, ExpectedValue: expected, ActualValue: actual, InSync: ovirt.NewBool(ok)})
		all = all && ok
	}
	r := &a.Rep
	add("mtu", strconv.Itoa(nw.MTU()), strconv.Itoa(r.MTU), nw.MTU() == r.MTU)
	add("bridged", strconv.FormatBool(nw.IsVM()), strconv.FormatBool(r.Bridged), nw.IsVM() == r.Bridged)
	if nw.VLAN() != 0 || r.VLAN != 0 {
		exp, act := "", ""
		if nw.VLAN() != 0 {
			exp = strconv.Itoa(nw.VLAN())
		}
		if r.VLAN != 0 {
			act = strconv.Itoa(r.VLAN)
		}
		add("vlan", exp, act, nw.VLAN() == r.VLAN)
	}
	want4, got4 := EngineProto(a.V4.Proto), EngineProto(r.V4Proto)
	add("ipv4_boot_protocol", want4, got4, want4 == got4)
	if want4 == "STATIC_IP" && got4 == "STATIC_IP" {
		add("ipv4_address", a.V4.Addr, r.V4Addr, SameAddr(a.V4.Addr, r.V4Addr))
		wantBits, _ := rules.IPv4MaskBits(a.V4.Netmask)
		add("ipv4_netmask", DottedMask(wantBits), DottedMask(r.V4Prefix), wantBits == r.V4Prefix)
		add("ipv4_gateway", a.V4.Gateway, r.V4Gateway, SameAddr(a.V4.Gateway, r.V4Gateway))
	}
	want6, got6 := EngineProto(a.V6.Proto), EngineProto(r.V6Proto)
	add("ipv6_boot_protocol", want6, got6, want6 == got6)
	if want6 == "STATIC_IP" && got6 == "STATIC_IP" {
		addr, prefix := "", ""
		if len(r.V6Addrs) > 0 {
			if p, err := netip.ParsePrefix(r.V6Addrs[0]); err == nil {
				addr, prefix = p.Addr().String(), strconv.Itoa(p.Bits())
			}
		}
		add("ipv6_address", a.V6.Addr, addr, SameAddr(a.V6.Addr, addr))
		add("ipv6_prefix", a.V6.Netmask, prefix, a.V6.Netmask == prefix)
		if nw.IsDefaultRoute() {
			add("ipv6_gateway", a.V6.Gateway, r.V6Gateway, SameAddr(a.V6.Gateway, r.V6Gateway))
		}
	}
	add("default_route", strconv.FormatBool(nw.IsDefaultRoute()), strconv.FormatBool(r.DefaultRoute), nw.IsDefaultRoute() == r.DefaultRoute)
	if len(a.DNS) > 0 || len(r.DNS) > 0 {
		exp, act := strings.Join(a.DNS, ","), strings.Join(r.DNS, ",")
		ok := len(a.DNS) == len(r.DNS)
		for i := 0; ok && i < len(a.DNS); i++ {
			ok = SameAddr(a.DNS[i], r.DNS[i])
		}
		add("dns_configuration", exp, act, ok)
	}
	return out, all
}

// InSync reports whether attachment a matches what is reported.
func InSync(a *Attachment, nw *Network) bool {
	_, ok := ReportedConfigs(a, nw)
	return ok
}

// SameAddr compares addresses like the engine's IpAddressPredicate:
// textually, else as parsed addresses.
func SameAddr(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := netip.ParseAddr(a)
	y, err2 := netip.ParseAddr(b)
	return err1 == nil && err2 == nil && x == y
}
