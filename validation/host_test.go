package validation

import (
	"net/netip"
	"strings"
	"testing"
)

func TestHostAddress(t *testing.T) {
	long63 := strings.Repeat("a", 63)
	name253 := strings.Repeat(long63+".", 3) + strings.Repeat("b", 61) // 4*63+1 = 253
	check(t, "HostAddress", HostAddress, map[string]Code{
		"host":                  "",
		"host1.example.com":     "",
		"host1.example.com.":    "",
		"HOST-1.Example.COM":    "",
		"a":                     "",
		"xn--bcher-kva.example": "",
		"1host.example":         "",
		"host.1a":               "",
		long63 + ".example":     "",
		name253:                 "",
		name253 + ".":           "",
		"192.0.2.10":            "",
		"2001:db8::1234":        "",
		"[2001:db8::1234]":      "",
		"fe80::1%eth0":          "",
		"[fe80::1%eth0]":        "",
		"::ffff:192.0.2.1":      "",
		"  host.example.com  ":  "", // trimmed, as oVirt does
		"":                      CodeEmpty,
		"   ":                   CodeEmpty,
		"256.1.1.1":             CodeNumericName,
		"1.2.3":                 CodeNumericName,
		"1.2.3.4.5":             CodeNumericName,
		"999.999.999.999":       CodeNumericName,
		"123":                   CodeNumericName,
		"host.123":              CodeNumericName,
		"1.2.3.4.":              CodeNumericName,
		"010.0.0.1":             CodeLeadingZero,
		"my_host.example":       CodeHostname,
		"-host.example":         CodeHostname,
		"host-.example":         CodeHostname,
		"a..b":                  CodeHostname,
		".example":              CodeHostname,
		"host..":                CodeHostname,
		long63 + "a.example":    CodeHostname,
		name253 + "b":           CodeTooLong,
		"bücher.example":        CodeHostname,
		"my host":               CodeSpace,
		"host.example.com:22":   CodePort,
		"192.0.2.1:22":          CodePort,
		"[2001:db8::1]:22":      CodePort,
		"[192.0.2.1]":           CodeBrackets,
		"[2001:db8::1":          CodeSyntax,
		"2001:db8::1/64":        CodePrefix,
		"2001:db8::1%eth0":      CodeZone,
		"1:2:3:4:5:6:7:8:9":     CodeGroups,
		"::":                    CodeNotUnicast,
		"0.0.0.0":               CodeNotUnicast,
		"ff02::1":               CodeNotUnicast,
		"224.0.0.1":             CodeNotUnicast,
		"255.255.255.255":       CodeNotUnicast,
		"host@example":          CodeHostname,
	})
}

func TestParseHostAddress(t *testing.T) {
	tests := []struct {
		in   string
		kind HostKind
		addr string
	}{
		{"host.example", HostName, ""},
		{"192.0.2.1", HostIPv4, "192.0.2.1"},
		{"[2001:DB8::1]", HostIPv6, "2001:db8::1"},
		{" 2001:db8::1 ", HostIPv6, "2001:db8::1"},
	}
	for _, tt := range tests {
		k, a, err := ParseHostAddress(tt.in)
		if err != nil || k != tt.kind {
			t.Errorf("ParseHostAddress(%q) = %v, %v, %v", tt.in, k, a, err)
			continue
		}
		if tt.addr == "" && a.IsValid() || tt.addr != "" && a.String() != tt.addr {
			t.Errorf("ParseHostAddress(%q) addr = %v, want %q", tt.in, a, tt.addr)
		}
	}
}

func TestIPv4Netmask(t *testing.T) {
	tests := map[string]struct {
		bits int
		code Code
	}{
		"255.255.255.0":        {24, ""},
		"255.255.255.255":      {32, ""},
		"0.0.0.0":              {0, ""},
		"255.255.128.0":        {17, ""},
		"24":                   {24, ""},
		"/24":                  {24, ""},
		"0":                    {0, ""},
		"/0":                   {0, ""},
		"32":                   {32, ""},
		"255.0.255.0":          {0, CodeNetmask},
		"255.255.124.0":        {0, CodeNetmask},
		"0.255.255.255":        {0, CodeNetmask},
		"33":                   {0, CodeRange},
		"-1":                   {0, CodeRange},
		"//24":                 {0, CodeSyntax},
		"24/":                  {0, CodeSyntax},
		"31 ":                  {0, CodeSpace},
		"":                     {0, CodeEmpty},
		"255.255.255":          {0, CodeSyntax},
		"255.255.255.000":      {0, CodeLeadingZero},
		"ffff:ff00::":          {0, CodeSyntax},
		"99999999999999999999": {0, CodeRange},
	}
	for in, want := range tests {
		bits, err := ParseIPv4Netmask(in)
		if CodeOf(err) != want.code || err == nil && bits != want.bits {
			t.Errorf("ParseIPv4Netmask(%q) = %d, %v; want %d, %q", in, bits, err, want.bits, want.code)
		}
	}
}

func TestIPv6Prefix(t *testing.T) {
	for n := 0; n <= 128; n++ { // every value, 109 and 119 included
		s := netip.PrefixFrom(netip.IPv6Unspecified(), n).String()[3:] // "::/n" -> "n"
		if got, err := ParseIPv6Prefix(s); err != nil || got != n {
			t.Errorf("ParseIPv6Prefix(%q) = %d, %v", s, got, err)
		}
		if got, err := ParseIPv6Prefix("/" + s); err != nil || got != n {
			t.Errorf("ParseIPv6Prefix(/%q) = %d, %v", s, got, err)
		}
	}
	check(t, "IPv6Prefix", IPv6Prefix, map[string]Code{
		"064":   "",
		"129":   CodeRange,
		"1000":  CodeRange,
		"-1":    CodeRange,
		"64.0":  CodeSyntax,
		"/":     CodeSyntax,
		"":      CodeEmpty,
		" 64":   CodeSpace,
		"sixty": CodeSyntax,
		"::/64": CodeSyntax,
		"+64":   CodeSyntax,
	})
}

func TestParseAddrPrefix(t *testing.T) {
	tests := []struct {
		in, want string
		bits     int
		code     Code
	}{
		{"2001:db8::5/64", "2001:db8::5/64", 64, ""},
		{"2001:DB8::5", "2001:db8::5", -1, ""},
		{"192.0.2.5/24", "192.0.2.5/24", 24, ""},
		{"192.0.2.5/255.255.255.0", "192.0.2.5/24", 24, ""},
		{"fe80::1%eth0", "fe80::1%eth0", -1, ""},
		{"fe80::1%eth0/64", "", 0, CodeZone},
		{"2001:db8::5/129", "", 0, CodeRange},
		{"2001:db8::5/", "", 0, CodeEmpty},
		{"2001:db8::5/64/64", "", 0, CodeSyntax},
		{"nope/64", "", 0, CodeSyntax},
	}
	for _, tt := range tests {
		p, err := ParseAddrPrefix(tt.in)
		if CodeOf(err) != tt.code {
			t.Errorf("ParseAddrPrefix(%q) err = %v, want %q", tt.in, err, tt.code)
			continue
		}
		if err == nil && (p.String() != tt.want || p.Bits != tt.bits) {
			t.Errorf("ParseAddrPrefix(%q) = %s (%d), want %s (%d)", tt.in, p, p.Bits, tt.want, tt.bits)
		}
	}
	if p, _ := ParseAddrPrefix("2001:db8::5/64"); p.Addr != netip.MustParseAddr("2001:db8::5") {
		t.Errorf("host bits lost: %v", p.Addr)
	}
	if _, ok := (AddrPrefix{Bits: -1}).Prefix(); ok {
		t.Error("Prefix() ok without a prefix")
	}
}

func TestSuggestPrefix(t *testing.T) {
	for in, want := range map[string]int{"2001:db8::1": 64, "10.1.2.3": 8, "172.16.0.1": 16, "192.168.1.1": 24, "224.0.0.1": 24} {
		if got := SuggestPrefix(netip.MustParseAddr(in)); got != want {
			t.Errorf("SuggestPrefix(%s) = %d, want %d", in, got, want)
		}
	}
}
