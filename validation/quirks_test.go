package validation

import (
	"net/netip"
	"testing"
)

// TestOVirtQuirks gives our answer to each surprise of validation-rules.md §7,
// in one place.
func TestOVirtQuirks(t *testing.T) {
	tests := []struct {
		quirk string
		fn    func(string) error
		in    string
		want  Code
	}{
		{"§7.1 unbounded groups with ::", IPv6Address, "1:2:3:4:5:6:7:8:9::", CodeGroups},
		{"§7.1 :: standing for zero groups", IPv6Address, "1:2:3:4:5:6:7::8", CodeGroups},
		{"§7.2 mixed notation, mapped", IPv6Address, "::ffff:192.0.2.1", ""},
		{"§7.2 mixed notation, NAT64", IPv6Address, "64:ff9b::192.0.2.1", ""},
		{"§7.2 mixed notation, compatible", IPv6Address, "::192.0.2.1", ""},
		{"§7.3 prefix 109", IPv6Prefix, "109", ""},
		{"§7.3 prefix 119", IPv6Prefix, "119", ""},
		{"§7.4 zone on link-local", IPv6Address, "fe80::1%eth0", ""},
		{"§7.4 zone on a global address", IPv6Address, "2001:db8::1%eth0", CodeZone},
		{"§7.4 zone then prefix", IPv6Address, "fe80::1%eth0/64", CodeZone},
		{"§7.4 zone in a URL", ProviderURL, "http://[fe80::1%25eth0]:3128", CodeZone},
		{"§7.5 IPv4 leading zeros", IPv4Address, "010.0.0.1", CodeLeadingZero},
		{"§7.7 bad IPv4 as a name", HostAddress, "256.1.1.1", CodeNumericName},
		{"§7.7 three-part IPv4 as a name", HostAddress, "1.2.3", CodeNumericName},
		{"§7.7 trailing dot", HostAddress, "host.example.", ""},
		{"§7.8 brackets in a host field", HostAddress, "[2001:db8::1]", ""},
		{"§7.8 bare IPv6 in an NFS path", NFSExportPath, "2001:db8::5:/x", CodeBracketsRequired},
		{"§7.8 bare IPv6 in a URL", ProviderURL, "http://::1:3128", CodeBracketsRequired},
		{"§7.8 no scheme in a URL", ProviderURL, "[::1]:3128", CodeScheme},
		{"§7.9 port out of range", ProviderURL, "http://host:99999", CodePort},
		{"§7.13 upper-case scheme", ProviderURL, "HTTP://host/", ""},
	}
	for _, tt := range tests {
		if got := CodeOf(tt.fn(tt.in)); got != tt.want {
			t.Errorf("%s: %q -> %q, want %q", tt.quirk, tt.in, got, tt.want)
		}
	}
	// §7.10: a /0 IPv4 network contains every gateway (oVirt's signed
	// arithmetic warns for all of them).
	if warn, err := CheckGateway("198.51.100.1", netip.MustParsePrefix("192.0.2.10/0")); warn != nil || err != nil {
		t.Errorf("§7.10 gateway on /0: %v, %v", warn, err)
	}
	// §7.12: an IPv6 gateway outside the prefix is a warning, not silence.
	if warn, err := CheckGateway("2001:db8:2::1", netip.MustParsePrefix("2001:db8:1::10/64")); warn == nil || err != nil {
		t.Errorf("§7.12 IPv6 gateway outside: %v, %v", warn, err)
	}
	// §7.6: the canonical text, not the typed text.
	if c, _ := Canonical("2001:0DB8:0000::0001"); c != "2001:db8::1" {
		t.Errorf("§7.6 canonical: %q", c)
	}
}
