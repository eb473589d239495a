// Package netsim simulates what vdsm reports for a host NIC once the engine
// has configured a network on it: which IPv4 and IPv6 addresses the
// interface ends up with for a given boot protocol, on a simulated network
// with router advertisements and DHCPv4/DHCPv6 servers.
//
// The rules follow vdsm/nmstate and the Linux kernel:
//
//   - IPv6 static: the configured address/prefix and gateway; DHCP and
//     autoconf are off (nmstate forces them off when an address is set). A
//     static fe80::/10 address gets scope link and is not reported.
//   - IPv6 autoconf: a SLAAC address, the network's /64 plus the modified
//     EUI-64 interface identifier of the MAC (RFC 4291 appendix A).
//   - IPv6 dhcp: a /128 lease from the network's DHCPv6 pool, deterministic
//     per (network, MAC).
//   - IPv6 poly_dhcp_autoconf: both, SLAAC first then the DHCPv6 lease: the
//     router advertisement (whose M flag starts DHCPv6) arrives before the
//     DHCPv6 reply, and the kernel lists addresses of equal scope in the
//     order they were added. The engine keeps only the first address vdsm
//     reports, so it shows the SLAAC address.
//   - IPv6 none: no global address.
//   - IPv4 static: the configured address/prefix/gateway; dhcp: a lease from
//     the DHCPv4 pool with the subnet's prefix and its first host as the
//     gateway; none: nothing.
//
// vdsm drops link-local (scope link) addresses from ipv6addrs, so Reported
// keeps the fe80::/64 EUI-64 link-local address in a field of its own. It is
// always filled in, even for IPv6 none (where nmstate would actually disable
// IPv6 on the interface), because the UI shows it as the interface's identity.
//
// The package uses the standard library only and has no state: callers keep
// the leases (see Pool.Lease).
package netsim

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// Boot protocols, as the engine API spells them.
const (
	ProtoNone             = "none"
	ProtoDHCP             = "dhcp"
	ProtoStatic           = "static"
	ProtoAutoconf         = "autoconf"           // IPv6 only
	ProtoPolyDHCPAutoconf = "poly_dhcp_autoconf" // IPv6 only
)

// Network is a simulated layer-2 segment with its IPv6 router and DHCP
// servers. Zero fields mean "absent": no IPv6 prefix means no router
// advertisements (autoconf yields nothing), a zero pool means no DHCP server
// (dhcp yields nothing, like a client that never gets an answer).
type Network struct {
	Name string

	IPv6   netip.Prefix // advertised on-link prefix; must be a /64 for SLAAC
	DHCPv6 Pool
	// IPv6Router is the default router learnt from advertisements and
	// reported as the IPv6 gateway for dynamic configurations. The kernel
	// shows the router's link-local address (e.g. fe80::1). Zero: none.
	IPv6Router netip.Addr

	IPv4   netip.Prefix // subnet; DHCPv4 leases get its prefix length
	DHCPv4 Pool
}

// Validate checks that the network's parts are consistent.
func (n Network) Validate() error {
	var errs []error
	if n.IPv6.IsValid() {
		if !n.IPv6.Addr().Is6() || n.IPv6.Addr().Is4In6() {
			errs = append(errs, fmt.Errorf("IPv6 prefix %v is not IPv6", n.IPv6))
		} else if n.IPv6.Bits() != 64 {
			errs = append(errs, fmt.Errorf("IPv6 prefix %v is not a /64: SLAAC impossible", n.IPv6))
		}
	}
	if n.DHCPv6 != (Pool{}) {
		if !n.DHCPv6.IsValid() || n.DHCPv6.First.Is4() {
			errs = append(errs, fmt.Errorf("bad DHCPv6 pool %v-%v", n.DHCPv6.First, n.DHCPv6.Last))
		} else if n.IPv6.IsValid() && !(n.IPv6.Contains(n.DHCPv6.First) && n.IPv6.Contains(n.DHCPv6.Last)) {
			errs = append(errs, fmt.Errorf("DHCPv6 pool %v-%v is outside %v", n.DHCPv6.First, n.DHCPv6.Last, n.IPv6))
		}
	}
	if n.IPv6Router.IsValid() && (!n.IPv6Router.Is6() || n.IPv6Router.Is4In6()) {
		errs = append(errs, fmt.Errorf("IPv6 router %v is not IPv6", n.IPv6Router))
	}
	if n.IPv4.IsValid() && !n.IPv4.Addr().Is4() {
		errs = append(errs, fmt.Errorf("IPv4 subnet %v is not IPv4", n.IPv4))
	}
	if n.DHCPv4 != (Pool{}) {
		if !n.DHCPv4.IsValid() || !n.DHCPv4.First.Is4() {
			errs = append(errs, fmt.Errorf("bad DHCPv4 pool %v-%v", n.DHCPv4.First, n.DHCPv4.Last))
		} else if !n.IPv4.IsValid() {
			errs = append(errs, errors.New("DHCPv4 pool without an IPv4 subnet"))
		} else if !(n.IPv4.Contains(n.DHCPv4.First) && n.IPv4.Contains(n.DHCPv4.Last)) {
			errs = append(errs, fmt.Errorf("DHCPv4 pool %v-%v is outside %v", n.DHCPv4.First, n.DHCPv4.Last, n.IPv4))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("netsim: network %q: %w", n.Name, err)
	}
	return nil
}

// V4Config is the desired IPv4 configuration of an attachment.
type V4Config struct {
	Proto   string // none (or ""), dhcp, static
	Addr    netip.Addr
	Prefix  int
	Gateway netip.Addr
}

// V6Config is the desired IPv6 configuration of an attachment.
type V6Config struct {
	Proto   string // none (or ""), dhcp, autoconf, poly_dhcp_autoconf, static
	Addr    netip.Addr
	Prefix  int
	Gateway netip.Addr
}

// Reported is what vdsm reports for the interface. Absent values are zero.
type Reported struct {
	IPv4        netip.Prefix // host address with its prefix length
	IPv4Gateway netip.Addr
	IPv6        []netip.Prefix // global addresses with prefix length, vdsm order
	IPv6Gateway netip.Addr
	LinkLocal   netip.Prefix // fe80::EUI-64/64, never part of IPv6
}

// Simulate computes what vdsm reports for a NIC with the given MAC attached
// to nw with the desired configurations. leased reports addresses already
// leased to other NICs on nw (see Pool.Lease); it may be nil. Errors come
// from invalid input (network, MAC, static addresses, unknown protocols) and
// from exhausted DHCP pools (ErrPoolExhausted).
func Simulate(nw Network, mac net.HardwareAddr, v4 V4Config, v6 V6Config, leased func(netip.Addr) bool) (Reported, error) {
	var r Reported
	if err := nw.Validate(); err != nil {
		return r, err
	}
	ll, err := LinkLocal(mac)
	if err != nil {
		return r, err
	}
	r.LinkLocal = netip.PrefixFrom(ll, 64)
	key := nw.Name + "|" + mac.String()

	switch v4.Proto {
	case "", ProtoNone:
	case ProtoStatic:
		if r.IPv4, err = staticPrefix(v4.Addr, v4.Prefix, true); err != nil {
			return Reported{}, err
		}
		r.IPv4Gateway = gateway(v4.Gateway)
	case ProtoDHCP:
		if nw.DHCPv4 != (Pool{}) {
			a, err := nw.DHCPv4.Lease(key, leased)
			if err != nil {
				return Reported{}, fmt.Errorf("netsim: network %q: DHCPv4: %w", nw.Name, err)
			}
			r.IPv4 = netip.PrefixFrom(a, nw.IPv4.Bits())
			r.IPv4Gateway = nw.IPv4.Masked().Addr().Next()
		}
	default:
		return Reported{}, fmt.Errorf("netsim: unknown IPv4 boot protocol %q", v4.Proto)
	}

	slaac := v6.Proto == ProtoAutoconf || v6.Proto == ProtoPolyDHCPAutoconf
	dhcp := v6.Proto == ProtoDHCP || v6.Proto == ProtoPolyDHCPAutoconf
	switch v6.Proto {
	case "", ProtoNone, ProtoAutoconf, ProtoDHCP, ProtoPolyDHCPAutoconf:
	case ProtoStatic:
		p, err := staticPrefix(v6.Addr, v6.Prefix, false)
		if err != nil {
			return Reported{}, err
		}
		if !p.Addr().IsLinkLocalUnicast() { // the kernel gives it scope link: vdsm drops it
			r.IPv6 = []netip.Prefix{p}
		}
		r.IPv6Gateway = gateway(v6.Gateway)
	default:
		return Reported{}, fmt.Errorf("netsim: unknown IPv6 boot protocol %q", v6.Proto)
	}
	if slaac && nw.IPv6.IsValid() {
		a, err := SLAAC(nw.IPv6, mac)
		if err != nil {
			return Reported{}, err
		}
		r.IPv6 = append(r.IPv6, netip.PrefixFrom(a, 64))
	}
	if dhcp && nw.DHCPv6 != (Pool{}) {
		a, err := nw.DHCPv6.Lease(key, leased)
		if err != nil {
			return Reported{}, fmt.Errorf("netsim: network %q: DHCPv6: %w", nw.Name, err)
		}
		r.IPv6 = append(r.IPv6, netip.PrefixFrom(a, 128))
	}
	if (slaac || dhcp) && nw.IPv6.IsValid() { // a default route needs advertisements
		r.IPv6Gateway = nw.IPv6Router
	}
	return r, nil
}

// staticPrefix validates a static address and its prefix length.
func staticPrefix(a netip.Addr, bits int, v4 bool) (netip.Prefix, error) {
	family, maxBits := "IPv6", 128
	if v4 {
		family, maxBits = "IPv4", 32
	}
	switch {
	case !a.IsValid():
		return netip.Prefix{}, fmt.Errorf("netsim: static %s needs an address", family)
	case a.Is4() != v4 || a.Is4In6():
		return netip.Prefix{}, fmt.Errorf("netsim: static %s address %v has the wrong family", family, a)
	case a.Zone() != "":
		return netip.Prefix{}, fmt.Errorf("netsim: static %s address %v has a zone", family, a)
	case bits < 0 || bits > maxBits:
		return netip.Prefix{}, fmt.Errorf("netsim: static %s prefix /%d out of range 0-%d", family, bits, maxBits)
	}
	return netip.PrefixFrom(a, bits), nil
}

// gateway maps an unset or unspecified gateway (0.0.0.0, ::, which the
// engine sends to clear it) to the zero Addr.
func gateway(a netip.Addr) netip.Addr {
	if !a.IsValid() || a.IsUnspecified() {
		return netip.Addr{}
	}
	return a
}

// FirstGlobalIPv6 returns the first reported IPv6 address that is not
// link-local: the one the engine shows as HostNic.ipv6 (it keeps only the
// first entry of vdsm's ipv6addrs).
func FirstGlobalIPv6(r Reported) (netip.Prefix, bool) {
	for _, p := range r.IPv6 {
		if !p.Addr().IsLinkLocalUnicast() {
			return p, true
		}
	}
	return netip.Prefix{}, false
}
