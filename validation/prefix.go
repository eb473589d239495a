package validation

import (
	"math/bits"
	"net/netip"
	"strconv"
	"strings"
)

// IPv4Netmask checks an IPv4 subnet as the host network dialog takes it
// (SubnetMaskValidation in prefix mode): a contiguous dotted netmask such as
// 255.255.255.0, or a prefix length 0–32 with or without a leading "/".
func IPv4Netmask(s string) error {
	_, err := ParseIPv4Netmask(s)
	return err
}

// ParseIPv4Netmask returns the prefix length of a netmask or prefix accepted
// by IPv4Netmask.
func ParseIPv4Netmask(s string) (int, error) {
	if s == "" {
		return 0, fail(CodeEmpty, MsgEmpty, "")
	}
	if strings.IndexByte(s, '.') >= 0 {
		a, err := parseAddr(s)
		if err != nil {
			return 0, withMessage(err, MsgNetmaskFormat)
		}
		if !a.Is4() {
			return 0, fail(CodeFamily, MsgNetmaskFormat, "")
		}
		b := a.As4()
		m := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		ones := bits.LeadingZeros32(^m)
		if m<<ones != 0 {
			return 0, fail(CodeNetmask, MsgNetmaskValue, "A netmask is a run of ones followed by zeros, such as 255.255.255.0 (/24); "+s+" has holes.")
		}
		return ones, nil
	}
	n, err := parseLength(strings.TrimPrefix(s, "/"), 32)
	if err != nil {
		return 0, withMessage(err, MsgNetmaskFormat)
	}
	return n, nil
}

// IPv6Prefix checks an IPv6 prefix length: an integer 0–128, with an optional
// leading "/". Every value in range is accepted (oVirt's CIDR pattern refuses
// 109 and 119).
func IPv6Prefix(s string) error {
	_, err := ParseIPv6Prefix(s)
	return err
}

// ParseIPv6Prefix returns the prefix length accepted by IPv6Prefix.
func ParseIPv6Prefix(s string) (int, error) {
	if s == "" {
		return 0, fail(CodeEmpty, MsgEmpty, "")
	}
	n, err := parseLength(strings.TrimPrefix(s, "/"), 128)
	if err != nil {
		if err.Code == CodeSyntax && strings.IndexByte(s, ':') >= 0 {
			err.Hint = "Enter only the prefix length, such as 64; the address has its own field."
		}
		return 0, withMessage(err, MsgIPv6Prefix)
	}
	return n, nil
}

// parseLength parses a decimal prefix length in [0, max].
func parseLength(s string, max int) (int, *Error) {
	if strings.TrimSpace(s) != s {
		return 0, fail(CodeSpace, "", "Remove the spaces.")
	}
	if s == "" || !allDigits(strings.TrimPrefix(s, "-")) {
		return 0, fail(CodeSyntax, "", "")
	}
	if s[0] == '-' {
		return 0, fail(CodeRange, "", "The prefix length is between 0 and "+strconv.Itoa(max)+".")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > max {
		return 0, fail(CodeRange, "", "The prefix length is between 0 and "+strconv.Itoa(max)+"; "+s+" is too large.")
	}
	return n, nil
}

// AddrPrefix is an address with an optional prefix length, vdsm's
// "<ip>[/<prefix>]" form (ipv6addr). The address keeps its host bits.
type AddrPrefix struct {
	Addr netip.Addr
	Bits int // -1 when no prefix was given
}

// Prefix returns the address with its prefix length, if one was given.
func (p AddrPrefix) Prefix() (netip.Prefix, bool) {
	if p.Bits < 0 {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(p.Addr, p.Bits), true
}

// String returns the RFC 5952 form, with "/bits" when a prefix was given.
func (p AddrPrefix) String() string {
	if p.Bits < 0 {
		return p.Addr.String()
	}
	return p.Addr.String() + "/" + strconv.Itoa(p.Bits)
}

// ParseAddrPrefix parses "<ip>[/<prefix>]" for either family, as pasted into
// an address field ("2001:db8::5/64" fills both the address and the prefix).
// A zone is accepted only without a prefix.
func ParseAddrPrefix(s string) (AddrPrefix, error) {
	addr, length, hasPrefix := strings.Cut(s, "/")
	a, err := parseAddr(addr)
	if err != nil {
		return AddrPrefix{}, withMessage(err, MsgIP)
	}
	if !hasPrefix {
		return AddrPrefix{Addr: a, Bits: -1}, nil
	}
	if a.Zone() != "" {
		return AddrPrefix{}, fail(CodeZone, MsgIP, "A zone cannot be combined with a prefix length.")
	}
	parse := ParseIPv6Prefix
	if a.Is4() {
		parse = ParseIPv4Netmask
	}
	n, perr := parse(length)
	if perr != nil {
		return AddrPrefix{}, perr
	}
	return AddrPrefix{Addr: a, Bits: n}, nil
}

// SuggestPrefix returns the prefix length to prefill once an address is
// typed, as Cockpit does: /64 for IPv6, the classful /8, /16 or /24 for IPv4.
func SuggestPrefix(a netip.Addr) int {
	if !a.Is4() {
		return 64
	}
	switch b := a.As4()[0]; {
	case b < 128:
		return 8
	case b < 192:
		return 16
	default:
		return 24
	}
}
