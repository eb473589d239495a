package validation

import (
	"net/netip"
	"strconv"
)

// Scope is the kind of an address, from the IANA IPv4 and IPv6
// special-purpose address registries (RFC 6890 and successors) and the
// multicast scopes of RFC 4291 §2.7. The UI shows it as a badge.
type Scope uint8

// The scopes. Global is ordinary global unicast; Reserved is space IANA has
// not allocated for unicast.
const (
	ScopeUnknown Scope = iota
	ScopeUnspecified
	ScopeLoopback
	ScopeLinkLocal
	ScopeUniqueLocal
	ScopeSiteLocal // fec0::/10, deprecated by RFC 3879
	ScopeDocumentation
	ScopeBenchmarking
	ScopeIPv4Mapped
	ScopeNAT64
	Scope6to4
	ScopeTeredo
	ScopeDiscard
	ScopeORCHID
	ScopeSRv6
	ScopePrivate     // IPv4 RFC 1918
	ScopeShared      // IPv4 100.64.0.0/10, carrier-grade NAT
	ScopeIETF        // IPv4 192.0.0.0/24
	ScopeBroadcast   // 255.255.255.255
	ScopeThisNetwork // IPv4 0.0.0.0/8
	ScopeReserved
	ScopeGlobal
	ScopeMulticastInterfaceLocal
	ScopeMulticastLinkLocal
	ScopeMulticastRealmLocal
	ScopeMulticastAdminLocal
	ScopeMulticastSiteLocal
	ScopeMulticastOrgLocal
	ScopeMulticastGlobal
	ScopeMulticast // other or reserved multicast scopes, and IPv4 multicast
)

var scopeNames = [...]string{
	ScopeUnknown:                 "unknown",
	ScopeUnspecified:             "unspecified",
	ScopeLoopback:                "loopback",
	ScopeLinkLocal:               "link-local",
	ScopeUniqueLocal:             "unique-local",
	ScopeSiteLocal:               "site-local (deprecated)",
	ScopeDocumentation:           "documentation",
	ScopeBenchmarking:            "benchmarking",
	ScopeIPv4Mapped:              "IPv4-mapped",
	ScopeNAT64:                   "NAT64",
	Scope6to4:                    "6to4",
	ScopeTeredo:                  "Teredo",
	ScopeDiscard:                 "discard-only",
	ScopeORCHID:                  "ORCHID",
	ScopeSRv6:                    "SRv6 SID",
	ScopePrivate:                 "private",
	ScopeShared:                  "shared (CGNAT)",
	ScopeIETF:                    "IETF protocol assignment",
	ScopeBroadcast:               "broadcast",
	ScopeThisNetwork:             "this network",
	ScopeReserved:                "reserved",
	ScopeGlobal:                  "global",
	ScopeMulticastInterfaceLocal: "multicast (interface-local)",
	ScopeMulticastLinkLocal:      "multicast (link-local)",
	ScopeMulticastRealmLocal:     "multicast (realm-local)",
	ScopeMulticastAdminLocal:     "multicast (admin-local)",
	ScopeMulticastSiteLocal:      "multicast (site-local)",
	ScopeMulticastOrgLocal:       "multicast (organization-local)",
	ScopeMulticastGlobal:         "multicast (global)",
	ScopeMulticast:               "multicast",
}

// String returns the scope as the UI shows it, e.g. "link-local" or
// "multicast (site-local)".
func (s Scope) String() string {
	if int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return "unknown"
}

// scopeTexts are the scopes' text forms (JSON, CSS classes): what String
// says, in lower case with hyphens.
var scopeTexts = [...]string{
	ScopeUnknown:                 "unknown",
	ScopeUnspecified:             "unspecified",
	ScopeLoopback:                "loopback",
	ScopeLinkLocal:               "link-local",
	ScopeUniqueLocal:             "unique-local",
	ScopeSiteLocal:               "site-local-deprecated",
	ScopeDocumentation:           "documentation",
	ScopeBenchmarking:            "benchmarking",
	ScopeIPv4Mapped:              "ipv4-mapped",
	ScopeNAT64:                   "nat64",
	Scope6to4:                    "6to4",
	ScopeTeredo:                  "teredo",
	ScopeDiscard:                 "discard-only",
	ScopeORCHID:                  "orchid",
	ScopeSRv6:                    "srv6-sid",
	ScopePrivate:                 "private",
	ScopeShared:                  "shared-cgnat",
	ScopeIETF:                    "ietf-protocol-assignment",
	ScopeBroadcast:               "broadcast",
	ScopeThisNetwork:             "this-network",
	ScopeReserved:                "reserved",
	ScopeGlobal:                  "global",
	ScopeMulticastInterfaceLocal: "multicast-interface-local",
	ScopeMulticastLinkLocal:      "multicast-link-local",
	ScopeMulticastRealmLocal:     "multicast-realm-local",
	ScopeMulticastAdminLocal:     "multicast-admin-local",
	ScopeMulticastSiteLocal:      "multicast-site-local",
	ScopeMulticastOrgLocal:       "multicast-organization-local",
	ScopeMulticastGlobal:         "multicast-global",
	ScopeMulticast:               "multicast",
}

// Text is the scope's text form, e.g. "link-local",
// "multicast-site-local": its JSON (MarshalText) and CSS class.
func (s Scope) Text() string {
	if int(s) < len(scopeTexts) {
		return scopeTexts[s]
	}
	return "unknown"
}

// MarshalText writes the scope's text form (Text).
func (s Scope) MarshalText() ([]byte, error) { return []byte(s.Text()), nil }

// UnmarshalText reads a scope's text form; an unknown one is an error.
func (s *Scope) UnmarshalText(b []byte) error {
	for i, t := range scopeTexts {
		if t == string(b) {
			*s = Scope(i)
			return nil
		}
	}
	return fail(CodeSyntax, "Unknown address scope.", strconv.Quote(string(b))+" is not a scope.")
}

// IsMulticast reports whether s is one of the multicast scopes.
func (s Scope) IsMulticast() bool { return s >= ScopeMulticastInterfaceLocal && s <= ScopeMulticast }

// ScopeOf returns the scope of an IPv4 or IPv6 address, bare or in brackets,
// zone allowed on link-local addresses.
func ScopeOf(s string) (Scope, error) {
	a, err := ParseAddr(s)
	if err != nil {
		return ScopeUnknown, err
	}
	return ScopeOfAddr(a), nil
}

type scopeRange struct {
	p netip.Prefix
	s Scope
}

// Most specific first within each family.
var (
	scopes6 = []scopeRange{
		{netip.MustParsePrefix("::/128"), ScopeUnspecified},
		{netip.MustParsePrefix("::1/128"), ScopeLoopback},
		{netip.MustParsePrefix("::ffff:0:0/96"), ScopeIPv4Mapped},
		{netip.MustParsePrefix("64:ff9b::/96"), ScopeNAT64},   // RFC 6052
		{netip.MustParsePrefix("64:ff9b:1::/48"), ScopeNAT64}, // RFC 8215, local use
		{netip.MustParsePrefix("100::/64"), ScopeDiscard},     // RFC 6666
		{netip.MustParsePrefix("2001::/32"), ScopeTeredo},     // RFC 4380
		{netip.MustParsePrefix("2001:2::/48"), ScopeBenchmarking},
		{netip.MustParsePrefix("2001:10::/28"), ScopeORCHID}, // RFC 4843, deprecated
		{netip.MustParsePrefix("2001:20::/28"), ScopeORCHID}, // RFC 7343
		{netip.MustParsePrefix("2001:db8::/32"), ScopeDocumentation},
		{netip.MustParsePrefix("3fff::/20"), ScopeDocumentation}, // RFC 9637
		{netip.MustParsePrefix("2002::/16"), Scope6to4},
		{netip.MustParsePrefix("5f00::/16"), ScopeSRv6}, // RFC 9602
		{netip.MustParsePrefix("fc00::/7"), ScopeUniqueLocal},
		{netip.MustParsePrefix("fe80::/10"), ScopeLinkLocal},
		{netip.MustParsePrefix("fec0::/10"), ScopeSiteLocal},
		{netip.MustParsePrefix("2000::/3"), ScopeGlobal},
	}
	scopes4 = []scopeRange{
		{netip.MustParsePrefix("0.0.0.0/32"), ScopeUnspecified},
		{netip.MustParsePrefix("0.0.0.0/8"), ScopeThisNetwork},
		{netip.MustParsePrefix("127.0.0.0/8"), ScopeLoopback},
		{netip.MustParsePrefix("10.0.0.0/8"), ScopePrivate},
		{netip.MustParsePrefix("172.16.0.0/12"), ScopePrivate},
		{netip.MustParsePrefix("192.168.0.0/16"), ScopePrivate},
		{netip.MustParsePrefix("100.64.0.0/10"), ScopeShared},
		{netip.MustParsePrefix("169.254.0.0/16"), ScopeLinkLocal},
		{netip.MustParsePrefix("192.0.0.0/24"), ScopeIETF},
		{netip.MustParsePrefix("192.0.2.0/24"), ScopeDocumentation},
		{netip.MustParsePrefix("198.51.100.0/24"), ScopeDocumentation},
		{netip.MustParsePrefix("203.0.113.0/24"), ScopeDocumentation},
		{netip.MustParsePrefix("198.18.0.0/15"), ScopeBenchmarking},
		{netip.MustParsePrefix("255.255.255.255/32"), ScopeBroadcast},
		{netip.MustParsePrefix("240.0.0.0/4"), ScopeReserved},
	}
)

// ScopeOfAddr returns the scope of a parsed address.
func ScopeOfAddr(a netip.Addr) Scope {
	if !a.IsValid() {
		return ScopeUnknown
	}
	a = a.WithZone("")
	if a.Is4() {
		if a.IsMulticast() {
			return ScopeMulticast
		}
		for _, r := range scopes4 {
			if r.p.Contains(a) {
				return r.s
			}
		}
		return ScopeGlobal
	}
	if a.IsMulticast() {
		switch a.As16()[1] & 0x0f {
		case 0x1:
			return ScopeMulticastInterfaceLocal
		case 0x2:
			return ScopeMulticastLinkLocal
		case 0x3:
			return ScopeMulticastRealmLocal
		case 0x4:
			return ScopeMulticastAdminLocal
		case 0x5:
			return ScopeMulticastSiteLocal
		case 0x8:
			return ScopeMulticastOrgLocal
		case 0xe:
			return ScopeMulticastGlobal
		}
		return ScopeMulticast
	}
	for _, r := range scopes6 {
		if r.p.Contains(a) {
			return r.s
		}
	}
	return ScopeReserved
}
