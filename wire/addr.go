package wire

import (
	"strings"

	"v6admin/validation"
)

// Addr is an address as the UI shows it: an IP in RFC 5952 form with its
// kind ("ipv4", "ipv6") and scope slug, or a host name (kind "name"), or
// what the engine holds when it is neither (kind "").
type Addr struct {
	Address string `json:"address"`
	Kind    string `json:"kind"`            // name, ipv4, ipv6 ("" if unparsable)
	Scope   string `json:"scope,omitempty"` // validation.Scope's slug of IP addresses
}

// HostAddr describes a host address (a name, an IPv4 or IPv6 address,
// brackets dropped): the one conversion of an address into Addr.
func HostAddr(s string) Addr {
	s = strings.TrimSpace(s)
	if s == "" {
		return Addr{}
	}
	kind, a, err := validation.ParseHostAddress(s)
	if err != nil {
		// Engines may hold what our rules refuse; show it as it is.
		if a, err := validation.ParseAddr(s); err == nil {
			return IPAddr(a.String())
		}
		return Addr{Address: s}
	}
	switch kind {
	case validation.HostIPv4:
		return Addr{Address: a.String(), Kind: "ipv4", Scope: validation.ScopeOfAddr(a).Slug()}
	case validation.HostIPv6:
		return Addr{Address: a.String(), Kind: "ipv6", Scope: validation.ScopeOfAddr(a).Slug()}
	}
	return Addr{Address: s, Kind: "name"}
}

// IPAddr describes an IP address; what does not parse is kept as it is,
// without a kind.
func IPAddr(s string) Addr {
	a, err := validation.ParseAddr(s)
	if err != nil {
		return Addr{Address: s}
	}
	kind := "ipv6"
	if a.Unmap().Is4() && a.Is4() {
		kind = "ipv4"
	}
	return Addr{Address: a.String(), Kind: kind, Scope: validation.ScopeOfAddr(a).Slug()}
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
