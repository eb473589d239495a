package validation

import (
	"net/netip"
	"strings"
)

// HostAddress checks a host address (HostAddressValidation): a host name or
// FQDN, an IPv4 address, or an IPv6 address bare or in brackets. Surrounding
// spaces are ignored, as in oVirt; callers store strings.TrimSpace(s).
//
// Host names follow RFC 1123: labels of 1–63 letters, digits and inner
// hyphens, at most 253 characters, one trailing dot allowed. A name whose last
// label is all digits is read as IPv4 (as browsers do), so "256.1.1.1",
// "1.2.3" and "1.2.3.4.5" are errors. The unspecified and multicast addresses
// are not host addresses.
func HostAddress(s string) error {
	_, err := hostAddress(strings.TrimSpace(s))
	return err
}

// HostKind is what a host address turned out to be.
type HostKind uint8

// The kinds of host address.
const (
	HostName HostKind = iota + 1
	HostIPv4
	HostIPv6
)

// ParseHostAddress checks s as HostAddress does and says what it is: for an
// address it returns the parsed value (brackets stripped), for a name the
// zero Addr. An IPv4-mapped address ("::ffff:192.0.2.1") is the IPv4
// address it maps: HostIPv4 and 192.0.2.1.
func ParseHostAddress(s string) (HostKind, netip.Addr, error) {
	s = strings.TrimSpace(s)
	k, err := hostAddress(s)
	if err != nil || k == HostName {
		return k, netip.Addr{}, err
	}
	inner, _ := unbracket(s)
	a, _ := netip.ParseAddr(inner)
	if a.Is4In6() {
		return HostIPv4, a.Unmap(), nil
	}
	return k, a, nil
}

func hostAddress(s string) (HostKind, error) {
	if s == "" {
		return 0, fail(CodeEmpty, MsgEmpty, "")
	}
	if s[0] == '[' {
		inner, ok := unbracket(s)
		if !ok {
			if i := strings.LastIndex(s, "]:"); i > 0 {
				return 0, fail(CodePort, MsgHost, "Enter the address without a port ("+s[i+1:]+").")
			}
			return 0, fail(CodeSyntax, MsgHost, "An IPv6 address in brackets must end with ], as in [2001:db8::1].")
		}
		a, err := parseAddr(inner)
		if err != nil {
			return 0, withMessage(err, MsgHost)
		}
		if !a.Is6() {
			return 0, fail(CodeBrackets, MsgHost, "Brackets are for IPv6 only: enter "+inner+".")
		}
		return HostIPv6, unicast(a)
	}
	if strings.IndexByte(s, ':') >= 0 || strings.IndexByte(s, '%') >= 0 || strings.IndexByte(s, '/') >= 0 {
		a, err := parseAddr(s)
		if err != nil {
			return 0, withMessage(err, MsgHost)
		}
		if a.Is4() {
			return HostIPv4, unicast(a)
		}
		return HostIPv6, unicast(a)
	}
	if len(s) > 254 || len(s) == 254 && s[253] != '.' {
		return 0, fail(CodeTooLong, MsgHost, "A host name has at most 253 characters.")
	}
	name := strings.TrimSuffix(s, ".")
	last := name[strings.LastIndexByte(name, '.')+1:]
	if allDigits(last) {
		if name != s {
			return 0, fail(CodeNumericName, MsgHost, "Remove the trailing dot after the IPv4 address.")
		}
		a, err := parseAddr(s)
		if err != nil {
			if err.Code == CodeSyntax {
				err = fail(CodeNumericName, "", "A name ending in a number is read as an IPv4 address, and "+s+" is not one: an IPv4 address has four numbers from 0 to 255.")
			}
			return 0, withMessage(err, MsgHost)
		}
		return HostIPv4, unicast(a)
	}
	if err := hostname(name); err != nil {
		return 0, err
	}
	return HostName, nil
}

// unicast refuses the addresses that cannot name a host.
func unicast(a netip.Addr) error {
	switch {
	case a.IsUnspecified():
		return fail(CodeNotUnicast, MsgHost, "The unspecified address "+a.String()+" cannot name a host.")
	case a.IsMulticast(), a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return fail(CodeNotUnicast, MsgHost, "A multicast or broadcast address cannot name a host.")
	}
	return nil
}

// hostname checks an RFC 1123 name without its trailing dot; it does not
// allocate on success.
func hostname(name string) error {
	if name == "" {
		return fail(CodeHostname, MsgHost, "")
	}
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '.' {
			c := name[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return badChar(name, i)
			}
			continue
		}
		label := name[start:i]
		switch {
		case label == "":
			return fail(CodeHostname, MsgHost, "A host name cannot have an empty label (\"..\" or a leading dot).")
		case len(label) > 63:
			return fail(CodeHostname, MsgHost, "Each part of a host name between dots has at most 63 characters.")
		case label[0] == '-' || label[len(label)-1] == '-':
			return fail(CodeHostname, MsgHost, "A part of a host name cannot start or end with a hyphen (\""+label+"\").")
		}
		start = i + 1
	}
	return nil
}

func badChar(name string, i int) error {
	c := name[i]
	switch {
	case c == '_':
		return fail(CodeHostname, MsgHost, "Host names may contain letters, digits, hyphens and dots; \"_\" is not allowed.")
	case c <= ' ' || c == 0x7f:
		return fail(CodeSpace, MsgHost, "A host name cannot contain spaces.")
	case c >= 0x80:
		return fail(CodeHostname, MsgHost, "Enter an internationalized name in its ASCII (xn--) form.")
	}
	return fail(CodeHostname, MsgHost, "Host names may contain letters, digits, hyphens and dots; \""+string(c)+"\" is not allowed.")
}
