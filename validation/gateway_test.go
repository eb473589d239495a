package validation

import (
	"net/netip"
	"testing"
)

func TestCheckGateway(t *testing.T) {
	v6 := netip.MustParsePrefix("2001:db8:1::10/64")
	v4 := netip.MustParsePrefix("192.0.2.10/24")
	tests := []struct {
		gw        string
		iface     netip.Prefix
		err, warn Code
	}{
		{"", v6, "", ""},
		{"2001:db8:1::1", v6, "", ""},
		{"fe80::1", v6, "", ""},            // link-local router: normal
		{"fe80::1%eth0", v6, CodeZone, ""}, // the engine stores no zone (issue 11)
		{"fe80::1%eth0", netip.Prefix{}, CodeZone, ""},
		{"::ffff:192.0.2.1", v6, CodeGatewayFamily, ""}, // the IPv4 address it maps
		{"::ffff:192.0.2.1", v4, CodeGatewayFamily, ""},
		{"2001:db8:2::1", v6, "", CodeGatewayOutside},   // outside: warning only
		{"2001:db8:1::", v6, CodeGatewayReserved, ""},   // subnet-router anycast
		{"2001:db8:1::10", v6, CodeGatewayReserved, ""}, // own address
		{"::", v6, CodeGatewayReserved, ""},
		{"::1", v6, CodeGatewayReserved, ""},
		{"ff02::2", v6, CodeGatewayReserved, ""},
		{"192.0.2.1", v6, CodeGatewayFamily, ""},
		{"2001:db8:1::1%eth0", v6, CodeZone, ""},
		{"[2001:db8:1::1]", v6, CodeBrackets, ""},
		{"2001:db8:1::1/64", v6, CodePrefix, ""},
		{"192.0.2.1", v4, "", ""},
		{"192.0.2.254", v4, "", ""},
		{"192.0.2.0", v4, CodeGatewayReserved, ""},   // network
		{"192.0.2.255", v4, CodeGatewayReserved, ""}, // broadcast
		{"198.51.100.1", v4, "", CodeGatewayOutside},
		{"2001:db8:1::1", v4, CodeGatewayFamily, ""},
		{"192.0.2.0", netip.MustParsePrefix("192.0.2.1/31"), "", ""},     // RFC 3021
		{"2001:db8::", netip.MustParsePrefix("2001:db8::1/127"), "", ""}, // RFC 6164
		{"2001:db8:1::1", netip.Prefix{}, "", ""},
		{"192.0.2.1", netip.Prefix{}, "", ""},
		{"nope", netip.Prefix{}, CodeSyntax, ""},
	}
	for _, tt := range tests {
		warn, err := CheckGateway(tt.gw, tt.iface)
		if CodeOf(err) != tt.err {
			t.Errorf("CheckGateway(%q, %v) err = %v, want %q", tt.gw, tt.iface, err, tt.err)
		}
		var wc Code
		if warn != nil {
			wc = warn.Code
		}
		if wc != tt.warn {
			t.Errorf("CheckGateway(%q, %v) warning = %v, want %q", tt.gw, tt.iface, warn, tt.warn)
		}
	}
	if _, err := CheckGateway("nope", v6); err.(*Error).Message != MsgIPv6OrEmpty {
		t.Errorf("IPv6 gateway message = %q", err.(*Error).Message)
	}
	if _, err := CheckGateway("nope", v4); err.(*Error).Message != MsgIPv4OrEmpty {
		t.Errorf("IPv4 gateway message = %q", err.(*Error).Message)
	}
}

func TestSuggestGateway(t *testing.T) {
	tests := map[string]string{
		"2001:db8:1::10/64": "2001:db8:1::1",
		"2001:db8:1::1/64":  "", // the address is the first one
		"2001:db8:1::/64":   "", // the network itself
		"2001:db8:1::5/126": "", // too small
		"192.0.2.10/24":     "192.0.2.1",
		"10.1.2.3/8":        "10.0.0.1",
		"192.0.2.10/30":     "",
	}
	for in, want := range tests {
		got, ok := SuggestGateway(netip.MustParsePrefix(in))
		if want == "" && ok || want != "" && (!ok || got.String() != want) {
			t.Errorf("SuggestGateway(%s) = %v, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := SuggestGateway(netip.Prefix{}); ok {
		t.Error("SuggestGateway(zero) ok")
	}
}

func TestStaticInterface(t *testing.T) {
	tests := []struct {
		addr, mask string
		v6         bool
		want       string // "" for the zero prefix
	}{
		{"2001:db8:100::5", "64", true, "2001:db8:100::5/64"},
		{"2001:db8:100::5/64", "", true, "2001:db8:100::5/64"},
		{"2001:db8:100::5/64", "48", true, "2001:db8:100::5/64"}, // the address's own length wins (the BFF reports the mismatch)
		{"2001:db8:100::5", "", true, ""},
		{"2001:db8:100::5", "129", true, ""},
		{"192.0.2.5", "255.255.255.0", false, "192.0.2.5/24"},
		{"192.0.2.5", "24", false, "192.0.2.5/24"},
		{"192.0.2.5", "255.0.255.0", false, ""},
		{"2001:db8::5", "64", false, ""}, // the other family
		{"", "64", true, ""},
	}
	for _, tt := range tests {
		got := StaticInterface(tt.addr, tt.mask, tt.v6)
		s := ""
		if got.IsValid() {
			s = got.String()
		}
		if s != tt.want {
			t.Errorf("StaticInterface(%q, %q, %v) = %q, want %q", tt.addr, tt.mask, tt.v6, s, tt.want)
		}
	}
}
