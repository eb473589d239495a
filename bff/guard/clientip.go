package guard

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP finds a request's client address. Without trusted proxies it is
// the TCP peer. When the peer is one of the trusted proxies (a load balancer
// in front of several replicas), X-Forwarded-For is read from the right and
// the first address that is not a trusted proxy is the client; a malformed
// entry stops the walk there, so a client cannot forge its address by
// prepending entries.
type ClientIP struct {
	Trusted []netip.Prefix
}

// Of returns the client address, unmapped (an IPv4-mapped IPv6 peer of a
// dual-stack listener is IPv4) and without a zone. It is invalid only if
// RemoteAddr is not an address (never for a real connection).
func (x ClientIP) Of(r *http.Request) netip.Addr {
	peer := parseHostAddr(r.RemoteAddr)
	if !peer.IsValid() || !x.trusted(peer) {
		return peer
	}
	hops := r.Header.Values("X-Forwarded-For")
	var entries []string
	for _, h := range hops {
		entries = append(entries, strings.Split(h, ",")...)
	}
	client := peer
	for i := len(entries) - 1; i >= 0; i-- {
		a := parseHostAddr(strings.TrimSpace(entries[i]))
		if !a.IsValid() {
			break
		}
		client = a
		if !x.trusted(a) {
			break
		}
	}
	return client
}

func (x ClientIP) trusted(a netip.Addr) bool {
	for _, p := range x.Trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseHostAddr parses "addr", "[v6]", "addr:port" or "[v6]:port" with
// net/netip, dropping the zone and unmapping IPv4-mapped addresses.
func parseHostAddr(s string) netip.Addr {
	if s == "" {
		return netip.Addr{}
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.WithZone("").Unmap()
	}
	host := s
	if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	} else if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		host = s[1 : len(s)-1]
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.WithZone("").Unmap()
}

// RateKey groups client addresses for rate limiting: an IPv6 client by its
// /64 (one subscriber usually holds a whole /64 and can pick any address in
// it), an IPv4 client by its address.
func RateKey(a netip.Addr) string {
	if !a.IsValid() {
		return "invalid"
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}

// ParsePrefixes parses a comma- or space-separated list of addresses and
// prefixes ("::1, 10.0.0.0/8, 2001:db8::/48"); a bare address is a /32 or
// /128.
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(f, "["), "]"))
		if err != nil {
			return nil, err
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
