package readiness

import (
	"context"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"v6admin/validation"
)

// newAddress makes an Address of a (unmapped) with its RFC 5952 text and
// scope.
func newAddress(a netip.Addr, source string) Address {
	a = a.Unmap()
	return Address{Addr: a, Text: a.String(), Scope: validation.ScopeOfAddr(a), Source: source}
}

// parseAddress reads one reported or configured address; ok is false for
// empty or unparsable text.
func parseAddress(s, source string) (Address, bool) {
	if s == "" {
		return Address{}, false
	}
	a, err := validation.ParseAddr(s)
	if err != nil {
		return Address{}, false
	}
	return newAddress(a, source), true
}

// canonical returns the RFC 5952 text of an address, or s unchanged when it
// is not one.
func canonical(s string) string {
	if c, err := validation.Canonical(s); err == nil {
		return c
	}
	return s
}

// familyOfAddrs is the family the usable addresses make.
func familyOfAddrs(as []Address) Family {
	var v4, v6 bool
	for _, a := range as {
		if !a.usable() {
			continue
		}
		if a.Addr.Is4() {
			v4 = true
		} else {
			v6 = true
		}
	}
	return familyOf(v4, v6)
}

// combine is the family of objects using families fs together.
func combine(fs ...Family) Family {
	var v4, v6 bool
	for _, f := range fs {
		v4 = v4 || f == FamilyIPv4 || f == FamilyDual
		v6 = v6 || f == FamilyIPv6 || f == FamilyDual
	}
	return familyOf(v4, v6)
}

// addrKind is what an address field holds.
type addrKind uint8

const (
	addrInvalid addrKind = iota
	addrV4
	addrV6
	addrName
)

// lookup is the outcome of judging one address field.
type lookup struct {
	kind  addrKind
	name  string    // addrName: the name
	addrs []Address // literal, or the name's A and AAAA records
	err   error     // addrName: the resolver's error
}

// hostOf returns the host part of an address field: a host address
// ("2001:db8::1", "[2001:db8::1]", "name", "192.0.2.1"), an NFS server
// ("[2001:db8::5]") or, when isURL, a URL's host.
func hostOf(s string, isURL bool) string {
	s = strings.TrimSpace(s)
	if isURL {
		u, err := url.Parse(s)
		if err != nil {
			return ""
		}
		return u.Hostname()
	}
	return s
}

// judge classifies address text and resolves names (once per name: cache).
func judge(ctx context.Context, r Resolver, cache map[string]lookup, s string, isURL bool) lookup {
	h := hostOf(s, isURL)
	if h == "" {
		return lookup{kind: addrInvalid}
	}
	kind, a, err := validation.ParseHostAddress(h)
	if err != nil {
		return lookup{kind: addrInvalid}
	}
	switch kind {
	case validation.HostIPv4:
		return lookup{kind: addrV4, addrs: []Address{newAddress(a, "literal")}}
	case validation.HostIPv6:
		return lookup{kind: addrV6, addrs: []Address{newAddress(a, "literal")}}
	}
	name := strings.ToLower(strings.TrimSuffix(h, "."))
	if l, ok := cache[name]; ok {
		return l
	}
	l := lookup{kind: addrName, name: name}
	if r == nil {
		return l
	}
	addrs, err := r.LookupNetIP(ctx, "ip", name)
	l.err = err
	for _, a := range addrs {
		a = a.Unmap()
		src := "AAAA"
		if a.Is4() {
			src = "A"
		}
		ad := newAddress(a, src)
		if !slices.ContainsFunc(l.addrs, func(x Address) bool { return x.Addr == ad.Addr }) {
			l.addrs = append(l.addrs, ad)
		}
	}
	// A first, then AAAA, each in the resolver's order.
	slices.SortStableFunc(l.addrs, func(x, y Address) int {
		switch {
		case x.Addr.Is4() && !y.Addr.Is4():
			return -1
		case !x.Addr.Is4() && y.Addr.Is4():
			return 1
		}
		return 0
	})
	cache[name] = l
	return l
}

// texts joins the RFC 5952 texts of as whose family is v4 (or v6).
func texts(as []Address, v4 bool) string {
	var out []string
	for _, a := range as {
		if a.Addr.Is4() == v4 {
			out = append(out, a.Text)
		}
	}
	return strings.Join(out, ", ")
}
