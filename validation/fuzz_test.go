package validation

import (
	"net/netip"
	"strings"
	"testing"
)

var seeds = []string{
	"", "::", "::1", "2001:db8::1", "[2001:db8::1]", "fe80::1%eth0", "[fe80::1%eth0]", "::ffff:192.0.2.1",
	"1:2:3:4:5:6:7:8:9::1", "1:2:3:4:5:6:7::8", "2001:db8::1/64", "192.0.2.1", "010.0.0.1", "256.1.1.1",
	"host.example.com", "host.example.com.", "my_host", "1.2.3", "[2001:db8::5]:/exports", "2001:db8::5:/x",
	"https://[2001:db8::1]:9696/v2.0", "http://::1:3128", "255.255.255.0", "/64", "fe80::1%eth0/64",
	"FE80:0000:0000:0000:0202:B3FF:FE1E:8329", "64:ff9b::192.0.2.33", "ff02::1%2", "%", "[", "]", ":",
}

func addSeeds(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
}

// FuzzIPv6Address checks that IPv6Address agrees with net/netip: it accepts
// exactly netip's IPv6 addresses, less zones on addresses that cannot have one.
func FuzzIPv6Address(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		err := IPv6Address(s)
		a, perr := netip.ParseAddr(s)
		want := perr == nil && a.Is6() && (a.Zone() == "" || zoneable(a) && checkZone(a) == nil)
		if (err == nil) != want {
			t.Fatalf("IPv6Address(%q) = %v, netip says %v (%v)", s, err, a, perr)
		}
		if err != nil && CodeOf(err) == "" {
			t.Fatalf("IPv6Address(%q): error without a code: %v", s, err)
		}
		if err4 := IPv4Address(s); (err4 == nil) != (perr == nil && a.Is4()) {
			t.Fatalf("IPv4Address(%q) = %v, netip says %v (%v)", s, err4, a, perr)
		}
	})
}

// FuzzCanonical checks that Canonical is netip's text and idempotent, and that
// AppendHex6 is the same address in hex groups only.
func FuzzCanonical(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Canonical(s)
		if err != nil {
			return
		}
		inner, _ := unbracket(s)
		if a, _ := netip.ParseAddr(inner); a.String() != c {
			t.Fatalf("Canonical(%q) = %q, netip %q", s, c, a)
		}
		if c2, err := Canonical(c); err != nil || c2 != c {
			t.Fatalf("Canonical not idempotent on %q: %q, %v", c, c2, err)
		}
		a := netip.MustParseAddr(c)
		if a.Is6() {
			h := string(AppendHex6(nil, a))
			if addr, _, _ := strings.Cut(h, "%"); strings.Contains(addr, ".") {
				t.Fatalf("AppendHex6(%s) = %q has a dotted tail", a, h)
			}
			if b, err := netip.ParseAddr(h); err != nil || b != a {
				t.Fatalf("AppendHex6(%s) = %q reparses as %v, %v", a, h, b, err)
			}
			if !a.Is4In6() && h != c {
				t.Fatalf("AppendHex6(%s) = %q, String %q", a, h, c)
			}
		}
	})
}

// FuzzHostAddress checks that accepted host addresses are what they claim.
func FuzzHostAddress(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		kind, a, err := ParseHostAddress(s)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("HostAddress(%q): error without a code", s)
			}
			return
		}
		switch kind {
		case HostName:
			name := strings.TrimSuffix(strings.TrimSpace(s), ".")
			if len(name) > 253 || strings.ContainsAny(name, ":[]%/ _") {
				t.Fatalf("accepted bad name %q", s)
			}
			if _, err := netip.ParseAddr(name); err == nil {
				t.Fatalf("address %q accepted as a name", s)
			}
		case HostIPv4, HostIPv6:
			if !a.IsValid() || a.IsUnspecified() || a.IsMulticast() || (kind == HostIPv4) != a.Is4() {
				t.Fatalf("ParseHostAddress(%q) = %v %v", s, kind, a)
			}
		default:
			t.Fatalf("ParseHostAddress(%q): kind %d", s, kind)
		}
	})
}

// FuzzPaths checks the composite parsers for panics and self-consistency.
func FuzzPaths(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if server, path, err := SplitNFSExportPath(s); err == nil {
			if err := NFSExportPath(server + ":" + path); err != nil {
				t.Fatalf("NFS %q split to %q %q which fails: %v", s, server, path, err)
			}
		}
		if u, err := ParseProviderURL(s); err == nil {
			if err := ProviderURL(u.String()); err != nil {
				t.Fatalf("URL %q normalised to %q which fails: %v", s, u, err)
			}
		}
		if p, err := ParseAddrPrefix(s); err == nil {
			q, err := ParseAddrPrefix(p.String())
			if err != nil || q != p {
				t.Fatalf("ParseAddrPrefix(%q) = %v; reparse %v, %v", s, p, q, err)
			}
		}
		if n, err := ParseIPv4Netmask(s); err == nil && (n < 0 || n > 32) {
			t.Fatalf("netmask %q -> %d", s, n)
		}
		if n, err := ParseIPv6Prefix(s); err == nil && (n < 0 || n > 128) {
			t.Fatalf("prefix %q -> %d", s, n)
		}
		_, _ = CheckGateway(s, netip.MustParsePrefix("2001:db8::10/64"))
		_, _ = ScopeOf(s)
		for f := EngineHostAddress; f <= EngineISCSIPortal; f++ {
			_, _ = ForEngine(f, s)
		}
	})
}
