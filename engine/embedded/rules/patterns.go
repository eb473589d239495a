package rules

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// The patterns of ValidationUtils, as written there (Java regex syntax that
// RE2 compiles unchanged).
const (
	ipv4PatternNonEmpty = `\b((25[0-5]|2[0-4]\d|[01]\d\d|\d?\d)\.){3}(25[0-5]|2[0-4]\d|[01]\d\d|\d?\d)`
	ipv4Pattern         = "^" + ipv4PatternNonEmpty
	ipv6Block           = `[0-9a-fA-F]{1,4}`
	ipv6HexCompressed   = "((?:" + ipv6Block + "(?::" + ipv6Block + ")*)?)::((?:" + ipv6Block + "(?::" + ipv6Block + ")*)?)"
	ipv6Std             = "(?:" + ipv6Block + ":){7}" + ipv6Block
	ipv6Pattern         = "(?:" + ipv6Std + "|" + ipv6HexCompressed + ")"
	ipv6ForURI          = `\[` + ipv6Pattern + `\]`
	ipv4SubnetPrefix    = "(?:3[0-2]|[12]?[0-9])"
)

// Java's Matcher.matches() is a whole-string match: ^(?:…)$ here.
var (
	ipv4RE         = regexp.MustCompile("^(?:" + ipv4Pattern + ")$")
	ipv6RE         = regexp.MustCompile("^(?:" + ipv6Pattern + ")$")
	netmaskRE      = regexp.MustCompile("^" + ipv4PatternNonEmpty + "$")
	prefixRE       = regexp.MustCompile("^/?" + ipv4SubnetPrefix + "$")
	nameRE         = regexp.MustCompile(`^(?:[0-9a-zA-Z_-]+)$`)    // NO_SPECIAL_CHARACTERS (@ValidName)
	nameWithDotRE  = regexp.MustCompile(`^(?:[0-9a-zA-Z\-_\.]+)$`) // NO_SPECIAL_CHARACTERS_WITH_DOT (@ValidNameWithDot)
	nfsPathRE      = regexp.MustCompile(`^\:/((.*?/|.*?\\)?([^\./|^\.\\]+)(?:\.([^\\]*)|)/?)?$`)
	ipv6ForURIRE   = regexp.MustCompile("^" + ipv6ForURI + "$")
	descRE         = regexp.MustCompile(`^[\x00-\x7f\p{L}]*$`)
	ipv4NonEmptyRE = regexp.MustCompile("^(?:" + ipv4PatternNonEmpty + ")$")
)

// IsValidIPv4 is ValidationUtils.isValidIpv4: four decimal fields 0-255 of
// one to three digits, leading zeros allowed (010.0.0.1), nothing else.
func IsValidIPv4(s string) bool { return ipv4RE.MatchString(s) }

// IsValidIPv6 is ValidationUtils.isValidIpv6: hex groups only (no zone, no
// embedded IPv4, no brackets); with "::" the number of groups is not
// checked.
func IsValidIPv6(s string) bool { return ipv6RE.MatchString(s) }

// ValidName is @ValidName (NO_SPECIAL_CHARACTERS, [0-9a-zA-Z_-]+): provider
// and storage domain names. A dot is refused.
func ValidName(s string) bool { return nameRE.MatchString(s) }

// ValidDescription is @ValidDescription (ONLY_I18N_ASCII_OR_NONE,
// [\p{ASCII}\p{L}]*): ASCII and letters of any script; not digits of
// other scripts, symbols or emoji.
func ValidDescription(s string) bool { return descRE.MatchString(s) }

// ValidNameWithDot is @ValidNameWithDot ([0-9a-zA-Z-_.]+): host names.
func ValidNameWithDot(s string) bool { return nameWithDotRE.MatchString(s) }

// IPv4MaskFormat is MaskConstraint's format check: a dotted netmask
// (IPV4_PATTERN_NON_EMPTY) or a prefix 0-32, written 24 or /24.
func IPv4MaskFormat(s string) bool { return netmaskRE.MatchString(s) || prefixRE.MatchString(s) }

// IPv4MaskBits is MaskConstraint's value check with the prefix length: a
// prefix, or a dotted netmask of contiguous ones (IPv4MaskValidator
// .isNetmaskValid). ok is false when the format or the value is refused.
func IPv4MaskBits(s string) (bits int, ok bool) {
	if prefixRE.MatchString(s) {
		n, _ := strconv.Atoi(strings.TrimPrefix(s, "/"))
		return n, true
	}
	a, ok := ParseIPv4(s)
	if !ok || !netmaskRE.MatchString(s) {
		return 0, false
	}
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	ones := 0
	for v&(1<<31) != 0 {
		ones++
		v <<= 1
	}
	if v != 0 {
		return 0, false
	}
	return ones, true
}

// ParseIPv4 reads an address IsValidIPv4 accepts as Java's InetAddress
// does: each field decimal, leading zeros without an octal meaning.
func ParseIPv4(s string) (netip.Addr, bool) {
	if !IsValidIPv4(s) {
		return netip.Addr{}, false
	}
	var b [4]byte
	for i, f := range strings.Split(s, ".") {
		n, err := strconv.Atoi(f)
		if err != nil || n > 255 {
			return netip.Addr{}, false
		}
		b[i] = byte(n)
	}
	return netip.AddrFrom4(b), true
}

// NFSMountPoint is NfsMountPointConstraint.isValid (the check of an NFS
// connection, address:path, before the engine connects a host to it):
// ASCII, no whitespace, and (IPv4 | [IPv6] | FQDN) followed by ":/path".
// The FQDN branch is (?=^.{1,254}$)(^(label|(label\.)+[a-zA-Z0-9]{2,63}))
// with labels of 1-63 [a-zA-Z0-9-] not starting or ending with '-': its
// length limit applies to the whole string, path included. RE2 has no
// lookaround, so that branch is written out.
func NFSMountPoint(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
			return false
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] != ':' || s[i+1] != '/' {
			continue
		}
		server, path := s[:i], s[i:]
		if !nfsPathRE.MatchString(path) {
			continue
		}
		if ipv4NonEmptyRE.MatchString(server) || ipv6ForURIRE.MatchString(server) || (len(s) <= 254 && nfsFQDN(server)) {
			return true
		}
	}
	return false
}

// nfsFQDN is the server part of NfsMountPointConstraint's FQDN branch: one
// label, or labels each followed by a dot and a last label of 2-63
// [a-zA-Z0-9].
func nfsFQDN(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) == 1 {
		return fqdnLabel(labels[0])
	}
	last := labels[len(labels)-1]
	if len(last) < 2 || len(last) > 63 {
		return false
	}
	for i := 0; i < len(last); i++ {
		if !isAlnum(last[i]) {
			return false
		}
	}
	for _, l := range labels[:len(labels)-1] {
		if !fqdnLabel(l) {
			return false
		}
	}
	return true
}

func fqdnLabel(l string) bool {
	if len(l) < 1 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isAlnum(l[i]) && l[i] != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
