package validation

import (
	"net/netip"
	"testing"
)

// Valid inputs in the forms administrators type.
var bench6 = []string{
	"2001:db8::1",
	"2001:0db8:85a3:0000:0000:8a2e:0370:7334",
	"fe80::5054:ff:fe12:3456",
	"::1",
	"2001:DB8:0:0:8:800:200C:417A",
	"::ffff:192.0.2.1",
	"fd12:3456:789a:1::10",
	"2a00:1450:4001:82b::200e",
}

var benchHost = append([]string{"192.0.2.10", "host1.example.com", "ovirt-node-03.lab.example.org"}, bench6...)

func BenchmarkIPv6Address(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := IPv6Address(bench6[i%len(bench6)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNetipParseAddr6(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := netip.ParseAddr(bench6[i%len(bench6)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHostAddress(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := HostAddress(benchHost[i%len(benchHost)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNetipParseAddrHost runs netip on HostAddress's inputs; it fails on
// (and allocates an error for) the two host names.
func BenchmarkNetipParseAddrHost(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, _ = netip.ParseAddr(benchHost[i%len(benchHost)])
	}
}

func BenchmarkCanonical(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Canonical(bench6[i%len(bench6)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIPv6AddressInvalid(b *testing.B) {
	in := []string{"[2001:db8::1]", "1:2:3:4:5:6:7:8:9", "2001:db8::1/64", "2001:db8::g"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if IPv6Address(in[i%len(in)]) == nil {
			b.Fatal("accepted")
		}
	}
}
