package validation

import (
	"net/netip"
	"strconv"
	"strings"
)

// IPAddress checks a bare IPv4 or IPv6 address, as oVirt's
// IpAddressValidation does for DNS servers: no brackets, no prefix, no port.
// A zone is accepted on link-local IPv6 addresses only.
func IPAddress(s string) error {
	if _, err := parseAddr(s); err != nil {
		return withMessage(err, MsgIP)
	}
	return nil
}

// IPv4Address checks a dotted-quad IPv4 address (Ipv4AddressValidation).
func IPv4Address(s string) error {
	a, err := parseAddr(s)
	if err != nil {
		return withMessage(err, MsgIPv4)
	}
	if !a.Is4() {
		if a.Is4In6() {
			return fail(CodeFamily, MsgIPv4, "This is an IPv4-mapped IPv6 address; enter the IPv4 address "+a.Unmap().String()+".")
		}
		return fail(CodeFamily, MsgIPv4, "This is an IPv6 address; this field takes IPv4.")
	}
	return nil
}

// IPv6Address checks a bare IPv6 address (Ipv6AddressValidation), in any
// RFC 4291 §2.2 form: full, compressed, mixed with an embedded IPv4, any case.
// A zone (RFC 4007) is accepted on link-local addresses only.
func IPv6Address(s string) error {
	a, err := parseAddr(s)
	if err != nil {
		return withMessage(err, MsgIPv6)
	}
	if !a.Is6() {
		return fail(CodeFamily, MsgIPv6, "This is an IPv4 address; this field takes IPv6.")
	}
	return nil
}

// Canonical returns the RFC 5952 text of an IPv4 or IPv6 address: lower case,
// leading zeros dropped, the longest run of zero groups compressed, IPv4-mapped
// addresses in mixed notation. Brackets are stripped and a zone is kept.
func Canonical(s string) (string, error) {
	a, err := ParseAddr(s)
	if err != nil {
		return "", err
	}
	return a.String(), nil
}

// ParseAddr parses an IPv4 or IPv6 address, bare or (IPv6 only) in brackets,
// with the same rules as IPAddress.
func ParseAddr(s string) (netip.Addr, error) {
	if inner, ok := unbracket(s); ok {
		a, err := parseAddr(inner)
		if err != nil {
			return netip.Addr{}, withMessage(err, MsgIP)
		}
		if !a.Is6() {
			return netip.Addr{}, fail(CodeBrackets, MsgIP, "Brackets are for IPv6 only: enter "+inner+".")
		}
		return a, nil
	}
	a, err := parseAddr(s)
	if err != nil {
		return netip.Addr{}, withMessage(err, MsgIP)
	}
	return a, nil
}

// unbracket returns the text inside "[...]".
func unbracket(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		return s[1 : len(s)-1], true
	}
	return s, false
}

// parseAddr is the shared core: netip first (the fast path, no allocation for
// valid input without a zone), then our policy on zones. On failure it
// diagnoses the usual mistakes; the caller sets the field's message.
func parseAddr(s string) (netip.Addr, *Error) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return parseAddrResult(s, a, err)
	}
	return a, nil
}

// parseAddrResult is parseAddr given netip.ParseAddr(s)'s answer.
func parseAddrResult(s string, a netip.Addr, err error) (netip.Addr, *Error) {
	if err != nil {
		return netip.Addr{}, diagnose(s)
	}
	if a.Zone() != "" {
		if e := checkZone(a); e != nil {
			return netip.Addr{}, e
		}
	}
	return a, nil
}

// zoneable reports whether an address may carry a zone: link-local unicast,
// and link- or interface-local multicast (RFC 4007 §6).
func zoneable(a netip.Addr) bool {
	return a.Is6() && !a.Is4In6() && (a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast())
}

func checkZone(a netip.Addr) *Error {
	if !zoneable(a) {
		return fail(CodeZone, "", "A zone such as %eth0 is only allowed on a link-local address (fe80::/10); remove %"+a.Zone()+".")
	}
	z := a.Zone()
	if len(z) > 64 {
		return fail(CodeZone, "", "The zone after % is too long.")
	}
	for i := 0; i < len(z); i++ {
		c := z[i]
		if c <= ' ' {
			return fail(CodeSpace, "", "An address cannot contain spaces.")
		}
		if c >= 0x7f || c == '%' || c == '/' || c == '[' || c == ']' {
			return fail(CodeZone, "", "The zone after % must be an interface name or number, such as eth0 or 2.")
		}
	}
	return nil
}

// diagnose explains why s is not an address. It runs only on failure, so it
// may allocate.
func diagnose(s string) *Error {
	switch {
	case s == "":
		return fail(CodeEmpty, "", "")
	case strings.TrimSpace(s) != s:
		return fail(CodeSpace, "", "Remove the spaces before or after the address.")
	case strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0:
		return fail(CodeSpace, "", "An address cannot contain spaces.")
	}
	if inner, ok := unbracket(s); ok {
		if a, err := netip.ParseAddr(inner); err == nil && a.Is6() {
			return fail(CodeBrackets, "", "Remove the square brackets: enter "+inner+", not "+s+".")
		}
		return fail(CodeSyntax, "", "")
	}
	if addr, bits, ok := strings.Cut(s, "/"); ok {
		if _, err := netip.ParseAddr(addr); err == nil {
			if strings.IndexByte(addr, '%') >= 0 {
				return fail(CodeZone, "", "A zone cannot be combined with a prefix length.")
			}
			return fail(CodePrefix, "", "Remove /"+bits+": this field takes a single address, not an address with a prefix length.")
		}
		return fail(CodeSyntax, "", "")
	}
	if addr, zone, ok := strings.Cut(s, "%"); ok {
		a, err := netip.ParseAddr(addr)
		switch {
		case err != nil:
			return diagnose(addr)
		case zone == "":
			return fail(CodeZone, "", "A zone name must follow %, as in fe80::1%eth0.")
		case a.Is4():
			return fail(CodeZone, "", "IPv4 addresses have no zone; remove %"+zone+".")
		default:
			return checkZone(a.WithZone(zone))
		}
	}
	if strings.IndexByte(s, ':') >= 0 {
		return diagnose6(s)
	}
	return diagnose4(s)
}

// diagnose6 explains a malformed IPv6 address (s has a colon, no brackets,
// prefix or zone).
func diagnose6(s string) *Error {
	// host:port with an IPv4 address or a name: one colon, digits after it.
	if i := strings.IndexByte(s, ':'); i > 0 && i == strings.LastIndexByte(s, ':') {
		if port := s[i+1:]; port != "" && allDigits(port) {
			return fail(CodePort, "", "Enter the address without a port (:"+port+").")
		}
	}
	if strings.Count(s, "::") > 1 {
		return fail(CodeSyntax, "", "\"::\" may appear only once in an IPv6 address.")
	}
	if strings.Contains(s, ":::") {
		return fail(CodeSyntax, "", "Use \"::\" for a run of zero groups; \":::\" is not valid.")
	}
	compressed := strings.Contains(s, "::")
	groups := 0
	for i, g := range strings.Split(s, ":") {
		if g == "" {
			continue
		}
		if strings.IndexByte(g, '.') >= 0 { // embedded IPv4, must be the last group
			if a, err := netip.ParseAddr(g); err != nil || !a.Is4() || i != strings.Count(s, ":") {
				return fail(CodeSyntax, "", "An embedded IPv4 address ("+g+") must be a valid dotted quad at the end, as in ::ffff:192.0.2.1.")
			}
			groups += 2
			continue
		}
		if len(g) > 4 {
			return fail(CodeSyntax, "", "Each IPv6 group has at most 4 hex digits; \""+g+"\" has "+strconv.Itoa(len(g))+".")
		}
		for j := 0; j < len(g); j++ {
			if !isHex(g[j]) {
				return fail(CodeSyntax, "", "IPv6 groups use the hex digits 0-9 and a-f; \""+string(g[j])+"\" is not one.")
			}
		}
		groups++
	}
	switch {
	case compressed && groups >= 8:
		return fail(CodeGroups, "", "\"::\" stands for at least one group of zeros, so at most 7 other groups may be written; this address has "+strconv.Itoa(groups)+".")
	case !compressed && groups > 8:
		return fail(CodeGroups, "", "An IPv6 address has 8 groups; this one has "+strconv.Itoa(groups)+".")
	case !compressed && groups < 8:
		return fail(CodeSyntax, "", "An IPv6 address has 8 groups, or fewer with \"::\" for a run of zeros; this one has "+strconv.Itoa(groups)+".")
	}
	if strings.HasPrefix(s, ":") && !strings.HasPrefix(s, "::") || strings.HasSuffix(s, ":") && !strings.HasSuffix(s, "::") {
		return fail(CodeSyntax, "", "An IPv6 address cannot start or end with a single colon.")
	}
	return fail(CodeSyntax, "", "")
}

// diagnose4 explains a malformed IPv4 address or any other text.
func diagnose4(s string) *Error {
	parts := strings.Split(s, ".")
	for _, p := range parts {
		if !allDigits(p) {
			return fail(CodeSyntax, "", "")
		}
	}
	if len(parts) != 4 {
		return fail(CodeSyntax, "", "An IPv4 address has four numbers separated by dots; this has "+strconv.Itoa(len(parts))+".")
	}
	for _, p := range parts {
		if p == "" {
			return fail(CodeSyntax, "", "An IPv4 address has four numbers separated by dots; one is missing.")
		}
		if n, err := strconv.Atoi(p); err != nil || n > 255 {
			return fail(CodeSyntax, "", "Each number of an IPv4 address is between 0 and 255; "+p+" is not.")
		}
	}
	for _, p := range parts {
		if len(p) > 1 && p[0] == '0' {
			return fail(CodeLeadingZero, "", "Remove the leading zeros ("+p+"): some tools read them as octal.")
		}
	}
	return fail(CodeSyntax, "", "")
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
