package validation

import (
	"net/netip"
	"strings"
	"unicode/utf8"
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
//
// A valid address is parsed once and allocates nothing (BenchmarkHostAddress6).
func HostAddress(s string) error {
	if spaced(s) {
		s = strings.TrimSpace(s)
	}
	_, _, err := hostAddress(s)
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
	if spaced(s) {
		s = strings.TrimSpace(s)
	}
	k, a, err := hostAddress(s)
	if err != nil {
		return k, netip.Addr{}, err
	}
	if a.Is4In6() {
		return HostIPv4, a.Unmap(), nil
	}
	return k, a, nil
}

// spaced reports whether strings.TrimSpace(s) may differ from s, so that
// the usual address skips its call: every space (unicode.IsSpace) is an ASCII
// byte up to ' ' or a multi-byte rune whose first and last bytes are 0x80 or
// more. c-'!' >= utf8.RuneSelf-'!' is c < '!' || c >= utf8.RuneSelf.
func spaced(s string) bool {
	return len(s) == 0 || s[0]-'!' >= utf8.RuneSelf-'!' || s[len(s)-1]-'!' >= utf8.RuneSelf-'!'
}

// hostAddress is HostAddress on trimmed input; it returns the parsed address
// (the zero Addr for a name). An address is parsed once, and the usual IPv6
// address (usualIPv6, no zone) returns at once: the success path builds no
// error and no text.
func hostAddress(s string) (HostKind, netip.Addr, error) {
	if s != "" && s[0] != '[' && addressLike(s) {
		a, err := netip.ParseAddr(s)
		if err == nil && a.Zone() == "" && usualIPv6(a) {
			return HostIPv6, a, nil
		}
		return hostIPAddress(s, a, err)
	}
	switch {
	case s == "":
		return 0, netip.Addr{}, fail(CodeEmpty, MsgEmpty, "")
	case s[0] == '[':
		return bracketedHostAddress(s)
	}
	return hostNameOrIPv4(s)
}

// hostIPAddress is hostAddress on an address without brackets, given
// netip.ParseAddr's answer.
func hostIPAddress(s string, a netip.Addr, err error) (HostKind, netip.Addr, error) {
	a, e := parseAddrResult(s, a, err)
	if e != nil {
		return 0, netip.Addr{}, withMessage(e, MsgHost)
	}
	if a.Is4() {
		return hostIP(HostIPv4, a)
	}
	return hostIP(HostIPv6, a)
}

// bracketedHostAddress is hostAddress on "[...".
func bracketedHostAddress(s string) (HostKind, netip.Addr, error) {
	inner, ok := unbracket(s)
	if !ok {
		if i := strings.LastIndex(s, "]:"); i > 0 {
			return 0, netip.Addr{}, fail(CodePort, MsgHost, "Enter the address without a port ("+s[i+1:]+").")
		}
		return 0, netip.Addr{}, fail(CodeSyntax, MsgHost, "An IPv6 address in brackets must end with ], as in [2001:db8::1].")
	}
	a, err := parseAddr(inner)
	if err != nil {
		return 0, netip.Addr{}, withMessage(err, MsgHost)
	}
	if !a.Is6() {
		return 0, netip.Addr{}, fail(CodeBrackets, MsgHost, "Brackets are for IPv6 only: enter "+inner+".")
	}
	return hostIP(HostIPv6, a)
}

// hostNameOrIPv4 is hostAddress on text without a ':', '%' or '/': a name,
// or an IPv4 address when the last label is all digits.
func hostNameOrIPv4(s string) (HostKind, netip.Addr, error) {
	if len(s) > 254 || len(s) == 254 && s[253] != '.' {
		return 0, netip.Addr{}, fail(CodeTooLong, MsgHost, "A host name has at most 253 characters.")
	}
	name := strings.TrimSuffix(s, ".")
	last := name[strings.LastIndexByte(name, '.')+1:]
	if allDigits(last) {
		if name != s {
			return 0, netip.Addr{}, fail(CodeNumericName, MsgHost, "Remove the trailing dot after the IPv4 address.")
		}
		a, err := parseAddr(s)
		if err != nil {
			if err.Code == CodeSyntax {
				err = fail(CodeNumericName, "", "A name ending in a number is read as an IPv4 address, and "+s+" is not one: an IPv4 address has four numbers from 0 to 255.")
			}
			return 0, netip.Addr{}, withMessage(err, MsgHost)
		}
		return hostIP(HostIPv4, a)
	}
	if err := hostname(name); err != nil {
		return 0, netip.Addr{}, err
	}
	return HostName, netip.Addr{}, nil
}

// addressLike reports whether s has a ':', '%' or '/', so is meant as an
// address (or an address with a port, zone or prefix), not a name. On an
// IPv6 address it stops within five bytes, at the first colon.
func addressLike(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ':' || c == '%' || c == '/' {
			return true
		}
	}
	return false
}

// usualIPv6 reports whether a is an IPv6 address that can name a host,
// judged by its first byte alone: neither 0 (::, ::1, IPv4 and IPv4-mapped
// addresses, whose As16 starts with 0) nor 0xff (multicast).
func usualIPv6(a netip.Addr) bool {
	b := a.As16()
	return b[0] != 0 && b[0] != 0xff
}

var broadcast4 = netip.AddrFrom4([4]byte{255, 255, 255, 255})

// hostIP returns kind and a if a can name a host: not the unspecified,
// a multicast or the broadcast address. Refused, it returns kind with the
// error, as ParseHostAddress always has.
func hostIP(kind HostKind, a netip.Addr) (HostKind, netip.Addr, error) {
	switch {
	case usualIPv6(a):
	case a.IsUnspecified():
		return kind, netip.Addr{}, fail(CodeNotUnicast, MsgHost, "The unspecified address "+a.String()+" cannot name a host.")
	case a.IsMulticast(), a == broadcast4:
		return kind, netip.Addr{}, fail(CodeNotUnicast, MsgHost, "A multicast or broadcast address cannot name a host.")
	}
	return kind, a, nil
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
