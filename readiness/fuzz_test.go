package readiness

import (
	"context"
	"testing"
)

// FuzzAddress runs the checks on any host, agent, storage and provider
// address: no panic, at most one address finding per object, and every
// object's family agrees with its addresses.
func FuzzAddress(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "[2001:db8::1]", "2001:db8::1", "::ffff:192.0.2.1", "both.example.org", "gone.example.org", "https://[2001:db8::1]:9696", "fe80::1%eth0", "", "[", "http://[::1", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := lab{addr: s, agents: []string{s}, sd: s, prov: s, engine: s, atts: []att{goodMgmt}}
		rep := Run(context.Background(), l.snapshot(), testNames)
		per := map[*Object]int{}
		for _, fd := range rep.Findings {
			switch fd.Check {
			case CheckIPv4Literal, CheckNameAOnly, CheckNameAAndAAAA, CheckNameUnresolved:
				per[fd.Object]++
				if per[fd.Object] > 1 {
					t.Fatalf("%q: two address findings on %s", s, fd.Object.Name)
				}
			}
		}
		for _, o := range rep.Objects {
			if o.Kind == KindAttachment || o.Kind == KindNetwork || o.Kind == KindDataCenter || o.Kind == KindCluster {
				continue
			}
			if o.Kind != KindHost && familyOfAddrs(o.Addresses) != o.Family {
				t.Fatalf("%q: %s family %v, addresses %+v", s, o.Name, o.Family, o.Addresses)
			}
		}
	})
}

// FuzzNormField: the normal form of a reported value is a fixed point, so
// comparing normal forms is an equivalence.
func FuzzNormField(f *testing.F) {
	for _, s := range []string{"2001:DB8::1", "2001:db8:0:0:0:0:0:1", "::", "", "64", "/64", "STATIC_IP", "autoconf", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range []string{"ipv6_address", "ipv6_gateway", "ipv6_prefix", "ipv6_boot_protocol"} {
			n := normField(name, s)
			if normField(name, n) != n {
				t.Fatalf("%s: %q → %q → %q", name, s, n, normField(name, n))
			}
		}
	})
}
