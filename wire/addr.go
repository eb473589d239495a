package wire

import (
	"strings"

	"v6admin/validation"
)

// Addr is an address as the UI shows it: an IP in RFC 5952 form with its
// kind and scope, or a host name (kind "name"), or what the engine holds
// when it is neither (kind ""). Kind and scope travel as their text forms
// ("ipv6", "link-local").
type Addr struct {
	Address string              `json:"address"`
	Kind    validation.HostKind `json:"kind"`
	Scope   validation.Scope    `json:"scope,omitempty"` // IP addresses only
}

// AddrOf is the one conversion of a parsed host address into Addr.
func AddrOf(h validation.Host) Addr {
	return Addr{Address: h.String(), Kind: h.Kind(), Scope: h.Scope()}
}

// HostAddr describes a host address held as text (a name, an IPv4 or IPv6
// address, brackets dropped).
func HostAddr(s string) Addr {
	s = strings.TrimSpace(s)
	if s == "" {
		return Addr{}
	}
	h := validation.HostOf(s)
	if h.Err() != nil {
		// Engines may hold what our rules refuse; show it as it is.
		return IPAddr(s)
	}
	return AddrOf(h)
}

// IPAddr describes an IP address; what does not parse is kept as it is,
// without a kind.
func IPAddr(s string) Addr {
	a, err := validation.ParseAddr(s)
	if err != nil {
		return Addr{Address: s}
	}
	kind := validation.HostIPv6
	if a.Is4() {
		kind = validation.HostIPv4
	}
	return Addr{Address: a.String(), Kind: kind, Scope: validation.ScopeOfAddr(a)}
}

// Ref names an engine object.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Label is what a table shows for r: its name, or its id when the name is
// not known (the BFF names every reference it answers; an event streamed
// from /ws may come with ids only), "" for no reference.
func (r *Ref) Label() string {
	if r == nil {
		return ""
	}
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}
