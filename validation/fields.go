package validation

import (
	"net/netip"
	"strings"
)

// The rules of the address fields whose engine field is stricter than a
// host address (api-subset.md §5, validation-rules.md §3): one function per
// field, run by the UI as you type and by the BFF on every request.
//
//   - StaticAddress: the IP of a static host network configuration
//     (IpV6Address.address / IPv4Address.address): no zone (the engine's
//     pattern refuses it), an address an interface can hold.
//   - NameServer: a DNS server of a host network (NameServer.address).
//   - CheckGateway (gateway.go): the gateway of the same.
//   - PortalAddress: an iSCSI portal (IscsiDetails.address).
//   - URLHostAddress: a host name that goes into a URL (the provider's
//     authentication host).
//
// In all of them an IPv4-mapped address ("::ffff:192.0.2.1") is what it
// is, the IPv4 address 192.0.2.1: where IPv6 is asked for it is refused
// with that word, elsewhere it is taken as IPv4.

// StaticAddress checks the address of a static IP configuration of family
// v6 (else IPv4), with an optional prefix length ("2001:db8::5/64",
// "192.0.2.5/24", vdsm's "<ip>[/<prefix>]"), and returns it. Refused: a
// zone (the engine stores none; the address is set on the network's own
// interface), the other family (an IPv4-mapped address in an IPv6 field
// says which IPv4 address it is), the unspecified, loopback, multicast,
// IPv4 broadcast and 0.0.0.0/8 addresses.
func StaticAddress(s string, v6 bool) (AddrPrefix, error) {
	msg := MsgIPv4
	if v6 {
		msg = MsgIPv6
	}
	ap, err := ParseAddrPrefix(s)
	if err != nil {
		if e, ok := err.(*Error); ok && e.Message == MsgIP {
			return AddrPrefix{}, withMessage(e, msg)
		}
		return AddrPrefix{}, err
	}
	a := ap.Addr
	switch {
	case a.Zone() != "":
		return AddrPrefix{}, fail(CodeZone, msg, "Enter "+a.WithZone("").String()+" without %"+a.Zone()+": the engine stores no zone, and the address is set on this network's interface.")
	case v6 && a.Is4In6():
		return AddrPrefix{}, fail(CodeFamily, msg, a.String()+" is the IPv4 address "+a.Unmap().String()+" (IPv4-mapped): enter it on the IPv4 tab.")
	case v6 && a.Is4():
		return AddrPrefix{}, fail(CodeFamily, msg, "This is an IPv4 address: enter it on the IPv4 tab.")
	case !v6 && a.Is4In6():
		return AddrPrefix{}, fail(CodeFamily, msg, "This is an IPv4-mapped IPv6 address; enter the IPv4 address "+a.Unmap().String()+".")
	case !v6 && a.Is6():
		return AddrPrefix{}, fail(CodeFamily, msg, "This is an IPv6 address: enter it on the IPv6 tab.")
	}
	if e := notSpecial(a, msg, "an interface address"); e != nil {
		return AddrPrefix{}, e
	}
	return ap, nil
}

// NameServer checks a DNS server of a host network: an IPv4 or IPv6
// address (Ipv4OrIpv6AddressValidation), without a zone (the engine's
// pattern refuses it), that can be a server: not unspecified, loopback or
// multicast. An IPv4-mapped address is refused with the IPv4 address to
// enter.
func NameServer(s string) error {
	a, err := parseAddr(s)
	if err != nil {
		return withMessage(err, MsgIP)
	}
	switch {
	case a.Zone() != "":
		return fail(CodeZone, MsgIP, "Enter "+a.WithZone("").String()+" without %"+a.Zone()+": the engine stores no zone in a DNS server address.")
	case a.Is4In6():
		return fail(CodeFamily, MsgIP, a.String()+" is the IPv4 address "+a.Unmap().String()+" (IPv4-mapped): enter "+a.Unmap().String()+".")
	}
	if e := notSpecial(a, MsgIP, "a DNS server"); e != nil {
		return e
	}
	return nil
}

// notSpecial refuses the addresses that cannot be an interface's or a
// server's: unspecified, loopback, multicast, IPv4 broadcast and "this
// network". what names the field's purpose in the hint.
func notSpecial(a netip.Addr, msg, what string) *Error {
	t := a.String()
	switch {
	case a.IsUnspecified():
		return fail(CodeNotUnicast, msg, "The unspecified address "+t+" means no address and cannot be "+what+".")
	case a.IsLoopback():
		return fail(CodeNotUnicast, msg, t+" is the loopback address: it names the host itself and cannot be "+what+".")
	case a.IsMulticast():
		return fail(CodeNotUnicast, msg, t+" is a multicast group address and cannot be "+what+".")
	case a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return fail(CodeNotUnicast, msg, "The broadcast address cannot be "+what+".")
	case a.Is4() && a.As4()[0] == 0:
		return fail(CodeNotUnicast, msg, t+" is in 0.0.0.0/8 (\"this network\") and cannot be "+what+".")
	}
	return nil
}

// PortalAddress checks an iSCSI portal address: a host address
// (HostAddress) without a zone, which the engine cannot store in a storage
// connection.
func PortalAddress(s string) error {
	return hostWithoutZone(s, "The engine cannot store a zone (%%) in an iSCSI portal address; use a global or unique-local address.")
}

// URLHostAddress checks a host name that is written into a URL (the
// provider's authentication host, composing https://[host]:port/v2.0): a
// host address (HostAddress) without a zone, which URLs do not carry.
func URLHostAddress(s string) error {
	return hostWithoutZone(s, "Zones (%%) cannot be used in URLs; use a global or unique-local address.")
}

// hostWithoutZone checks s as HostAddress does and refuses a zone; hint
// has "%%" where the zone goes.
func hostWithoutZone(s, hint string) error {
	_, a, err := ParseHostAddress(s)
	if err != nil {
		return err
	}
	if z := a.Zone(); z != "" {
		return fail(CodeZone, MsgHost, strings.Replace(hint, "%%", "%"+z, 1))
	}
	return nil
}

// SameHostAddress reports whether two host addresses name the same host as
// far as their text tells: names equal ignoring case and a trailing dot,
// addresses equal as addresses (RFC 5952, brackets, the IPv4-mapped form
// of an IPv4 address). Invalid text is compared as it is.
func SameHostAddress(x, y string) bool { return HostOf(x).Same(HostOf(y)) }
