package validation

import (
	"net/netip"
	"strings"
	"testing"
)

// check runs one validator over a table of inputs and wanted codes ("" = valid).
func check(t *testing.T, name string, fn func(string) error, cases map[string]Code) {
	t.Helper()
	for in, want := range cases {
		err := fn(in)
		if got := CodeOf(err); got != want {
			t.Errorf("%s(%q) = %v (code %q), want code %q", name, in, err, got, want)
		}
		if err != nil && CodeOf(err) == "" {
			t.Errorf("%s(%q) returned a non-*Error %T", name, in, err)
		}
	}
}

func TestIPv6AddressRFC4291Forms(t *testing.T) {
	check(t, "IPv6Address", IPv6Address, map[string]Code{
		// RFC 4291 §2.2 (1): full form, leading zeros optional, any case.
		"2001:0db8:0000:0000:0008:0800:200c:417a": "",
		"2001:db8:0:0:8:800:200c:417a":            "",
		"2001:DB8:0:0:8:800:200C:417A":            "",
		"2001:Db8::8:800:200c:417A":               "",
		"FEDC:BA98:7654:3210:FEDC:BA98:7654:3210": "",
		// (2): "::" at the start, middle and end.
		"::":                   "",
		"::1":                  "",
		"::2:3:4:5:6:7:8":      "",
		"2001:db8::1":          "",
		"ff01::101":            "",
		"1:2:3:4:5:6:7::":      "",
		"2001:db8:0:0:1::1":    "",
		"1::8":                 "",
		"0:0:0:0:0:0:0:1":      "",
		"0000:0000::0000:0001": "",
		// (3): embedded IPv4.
		"::ffff:192.0.2.1":         "",
		"::FFFF:129.144.52.38":     "",
		"::13.1.68.3":              "",
		"64:ff9b::192.0.2.33":      "",
		"0:0:0:0:0:ffff:192.0.2.1": "",
		// RFC 4007 zones, link-local only.
		"fe80::1%eth0":          "",
		"fe80::1%2":             "",
		"FE80::a:B%enp1s0":      "",
		"ff02::1%eth0":          "",
		"2001:db8::1%eth0":      CodeZone,
		"::1%lo":                CodeZone,
		"fe80::1%":              CodeZone,
		"fe80::1%a b":           CodeSpace,
		"::ffff:192.0.2.1%eth0": CodeZone,
		// The oVirt quirks of validation-rules.md §7.
		"1:2:3:4:5:6:7:8:9::1": CodeGroups,
		"1:2:3:4:5:6:7:8:9::":  CodeGroups,
		"::1:2:3:4:5:6:7:8:9":  CodeGroups,
		"1:2:3:4:5:6:7::8":     CodeGroups,
		"1:2:3:4:5:6:7:8:9":    CodeGroups,
		"1:2:3:4:5:6:7:8::":    CodeGroups,
		"[2001:db8::1]":        CodeBrackets,
		"2001:db8::1/64":       CodePrefix,
		"fe80::1%eth0/64":      CodeZone,
		// Other mistakes.
		"":                 CodeEmpty,
		" 2001:db8::1":     CodeSpace,
		"2001:db8::1 ":     CodeSpace,
		"192.0.2.1":        CodeFamily,
		"1::2::3":          CodeSyntax,
		":::":              CodeSyntax,
		"1:::2":            CodeSyntax,
		":1::":             CodeSyntax,
		"1:2:3:4:5:6:7":    CodeSyntax,
		"2001:db8::g":      CodeSyntax,
		"2001:db8::00001":  CodeSyntax,
		"::ffff:256.0.2.1": CodeSyntax,
		"::1.2.3.4:5":      CodeSyntax,
		"2001:db8::1]":     CodeSyntax,
		"host.example.com": CodeSyntax,
	})
}

func TestIPv4Address(t *testing.T) {
	check(t, "IPv4Address", IPv4Address, map[string]Code{
		"192.0.2.1":        "",
		"0.0.0.0":          "",
		"255.255.255.255":  "",
		"010.0.0.1":        CodeLeadingZero,
		"1.2.3.04":         CodeLeadingZero,
		"256.1.1.1":        CodeSyntax,
		"1.2.3":            CodeSyntax,
		"1.2.3.4.5":        CodeSyntax,
		"1.2.3.4/24":       CodePrefix,
		"1.2.3.4:80":       CodePort,
		"2001:db8::1":      CodeFamily,
		"::ffff:192.0.2.1": CodeFamily,
		"1.2.3.4%eth0":     CodeZone,
		"":                 CodeEmpty,
		"a.b.c.d":          CodeSyntax,
	})
}

func TestIPAddress(t *testing.T) {
	check(t, "IPAddress", IPAddress, map[string]Code{
		"192.0.2.1":        "",
		"2001:db8::1":      "",
		"::ffff:192.0.2.1": "",
		"fe80::1%eth0":     "",
		"[::1]":            CodeBrackets,
		"example.com":      CodeSyntax,
		"":                 CodeEmpty,
	})
}

func TestMessagesAndHints(t *testing.T) {
	tests := []struct {
		fn       func(string) error
		in       string
		msg      string
		hintPart string
	}{
		{IPv6Address, "[2001:db8::1]", MsgIPv6, "Remove the square brackets: enter 2001:db8::1, not [2001:db8::1]."},
		{IPv6Address, "2001:db8::1/64", MsgIPv6, "Remove /64: this field takes a single address"},
		{IPv6Address, "2001:db8::1%eth0", MsgIPv6, "only allowed on a link-local address"},
		{IPv6Address, "1:2:3:4:5:6:7:8:9", MsgIPv6, "this one has 9"},
		{IPv6Address, "192.0.2.1", MsgIPv6, "IPv4"},
		{IPv4Address, "010.0.0.1", MsgIPv4, "leading zeros"},
		{IPAddress, "1.2.3.4.5", MsgIP, "four numbers"},
		{HostAddress, "256.1.1.1", MsgHost, "read as an IPv4 address"},
		{HostAddress, "my_host", MsgHost, "\"_\" is not allowed"},
		{HostAddress, "", MsgEmpty, ""},
		{IPv4Netmask, "255.0.255.0", MsgNetmaskValue, "has holes"},
		{IPv4Netmask, "33", MsgNetmaskFormat, "between 0 and 32"},
		{IPv6Prefix, "129", MsgIPv6Prefix, "between 0 and 128"},
		{IPv6Prefix, "2001:db8::/64", MsgIPv6Prefix, "only the prefix length"},
		{NFSExportPath, "2001:db8::5:/exports/data", MsgNFS, "[2001:db8::5]:/exports/data"},
		{ProviderURL, "https://2001:db8::1:9696/", MsgURL, "square brackets"},
	}
	for _, tt := range tests {
		err := tt.fn(tt.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: got %v, want an *Error", tt.in, err)
			continue
		}
		if e.Message != tt.msg {
			t.Errorf("%q: message %q, want %q", tt.in, e.Message, tt.msg)
		}
		if !strings.Contains(e.Hint, tt.hintPart) {
			t.Errorf("%q: hint %q, want it to contain %q", tt.in, e.Hint, tt.hintPart)
		}
		if !strings.HasPrefix(e.Error(), e.Message) {
			t.Errorf("%q: Error() = %q does not start with the message", tt.in, e.Error())
		}
	}
}

func TestCanonicalRFC5952(t *testing.T) {
	tests := map[string]string{
		// §4.1 leading zeros, §4.2 "::" use, §4.3 lower case.
		"2001:0db8:0000:0000:0000:ff00:0042:8329": "2001:db8::ff00:42:8329",
		"2001:DB8::1":              "2001:db8::1",
		"2001:db8:0:0:1:0:0:1":     "2001:db8::1:0:0:1",    // §4.2.3: first of equal runs
		"2001:db8:0:1:1:1:1:1":     "2001:db8:0:1:1:1:1:1", // §4.2.2: one zero group stays
		"2001:0:0:1:0:0:0:1":       "2001:0:0:1::1",        // §4.2.3: longest run
		"0:0:0:0:0:0:0:0":          "::",
		"0:0:0:0:0:0:0:1":          "::1",
		"[2001:db8::1]":            "2001:db8::1",
		"FE80::0001%eth0":          "fe80::1%eth0",
		"[fe80::1%eth0]":           "fe80::1%eth0",
		"::ffff:c000:0201":         "::ffff:192.0.2.1", // §5: IPv4-mapped in mixed notation
		"0:0:0:0:0:ffff:192.0.2.1": "::ffff:192.0.2.1",
		"192.0.2.1":                "192.0.2.1",
	}
	for in, want := range tests {
		got, err := Canonical(in)
		if err != nil || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "[192.0.2.1]", "2001:db8::1/64", "1:2:3:4:5:6:7:8:9", "[2001:db8::1"} {
		if got, err := Canonical(in); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", in, got)
		}
	}
}

func TestParseAddrBrackets(t *testing.T) {
	if a, err := ParseAddr("[2001:db8::1]"); err != nil || a != netip.MustParseAddr("2001:db8::1") {
		t.Errorf("ParseAddr bracketed = %v, %v", a, err)
	}
	if _, err := ParseAddr("[192.0.2.1]"); CodeOf(err) != CodeBrackets {
		t.Errorf("ParseAddr([192.0.2.1]) = %v, want %s", err, CodeBrackets)
	}
}
