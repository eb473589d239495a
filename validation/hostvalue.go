package validation

import (
	"net/netip"
	"strings"
)

var hostKindTexts = [...]string{"", "name", "ipv4", "ipv6"}

// Text is the kind's text form: "name", "ipv4", "ipv6", or "" for no kind
// (an address that is none of them).
func (k HostKind) Text() string {
	if int(k) < len(hostKindTexts) {
		return hostKindTexts[k]
	}
	return ""
}

// MarshalText writes the kind's text form (Text).
func (k HostKind) MarshalText() ([]byte, error) { return []byte(k.Text()), nil }

// UnmarshalText reads a kind's text form.
func (k *HostKind) UnmarshalText(b []byte) error {
	for i, t := range hostKindTexts {
		if t == string(b) {
			*k = HostKind(i)
			return nil
		}
	}
	return fail(CodeSyntax, "Unknown kind of host address.", "")
}

// Host is a host address parsed once (HostAddress's rules): a name, or an
// IPv4 or IPv6 address. The zero Host is no address. A Host read from
// text that HostAddress refuses keeps the text and the refusal (Err), so
// that a request decoded from JSON reports it on its field without
// parsing again.
type Host struct {
	kind HostKind
	addr netip.Addr // for HostIPv4 and HostIPv6
	text string     // the text it was read from, trimmed
	err  error
}

// ParseHost parses a host address as HostAddress checks it: surrounding
// spaces ignored, IPv6 bare or in brackets, an IPv4-mapped address read
// as the IPv4 address it maps.
func ParseHost(s string) (Host, error) {
	h := HostOf(s)
	return h, h.err
}

// HostOf is ParseHost keeping a refusal in the value (Err).
func HostOf(s string) Host {
	if spaced(s) {
		s = strings.TrimSpace(s)
	}
	k, a, err := hostAddress(s)
	if err != nil {
		return Host{text: s, err: err}
	}
	if a.Is4In6() {
		k, a = HostIPv4, a.Unmap()
	}
	return Host{kind: k, addr: a, text: s}
}

// Kind is what the address is (0 when it was refused or is zero).
func (h Host) Kind() HostKind { return h.kind }

// Addr is the IP address (the zero Addr for a name).
func (h Host) Addr() netip.Addr { return h.addr }

// Err is HostAddress's refusal of the text h was read from (nil when
// valid or zero).
func (h Host) Err() error { return h.err }

// Text is the text h was read from, trimmed ("[2001:DB8::1]" where String
// says "2001:db8::1").
func (h Host) Text() string { return h.text }

// Same reports whether h and o name the same host as far as their text
// tells: names equal ignoring case and a trailing dot, addresses equal as
// addresses (RFC 5952, brackets, the IPv4-mapped form of an IPv4 address).
// Refused text is compared as it is.
func (h Host) Same(o Host) bool {
	switch {
	case h.err != nil || o.err != nil:
		return h.text == o.text
	case (h.kind == HostName) != (o.kind == HostName):
		return false
	case h.kind == HostName:
		return strings.EqualFold(strings.TrimSuffix(h.text, "."), strings.TrimSuffix(o.text, "."))
	}
	return h.addr == o.addr
}

// IsZero reports whether h holds nothing (no text at all).
func (h Host) IsZero() bool { return h.kind == 0 && h.text == "" && h.err == nil }

// Scope is an IP address's scope (ScopeUnknown for a name).
func (h Host) Scope() Scope {
	if h.kind == HostIPv4 || h.kind == HostIPv6 {
		return ScopeOfAddr(h.addr)
	}
	return ScopeUnknown
}

// String is the address as the engine takes it in Host.address and as the
// UI shows it: an IP in RFC 5952 form without brackets, a name as given;
// a refused address is its text.
func (h Host) String() string {
	if h.kind == HostIPv4 || h.kind == HostIPv6 {
		return h.addr.String()
	}
	return h.text
}

// MarshalText writes String.
func (h Host) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads a host address (HostOf); it never fails, a refusal
// is kept in Err for the request's Validate to report.
func (h *Host) UnmarshalText(b []byte) error {
	*h = HostOf(string(b))
	return nil
}
