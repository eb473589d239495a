package validation

import (
	"net/netip"
	"strings"
	"testing"
)

func TestStaticAddress(t *testing.T) {
	tests := []struct {
		in   string
		v6   bool
		want string // AddrPrefix.String() when valid
		code Code
		hint string
	}{
		{"2001:db8:100::23/64", true, "2001:db8:100::23/64", "", ""},
		{"2001:DB8:100:0:0:0:0:23", true, "2001:db8:100::23", "", ""},
		{"fe80::5", true, "fe80::5", "", ""}, // link-local without a zone: the engine's pattern takes it
		{"fe80::1%eth0", true, "", CodeZone, "without %eth0"},
		{"fe80::1%eth0/64", true, "", CodeZone, ""},
		{"::", true, "", CodeNotUnicast, "unspecified"},
		{"::/64", true, "", CodeNotUnicast, "unspecified"},
		{"::1", true, "", CodeNotUnicast, "loopback"},
		{"ff02::1", true, "", CodeNotUnicast, "multicast"},
		{"ff02::1/64", true, "", CodeNotUnicast, "multicast"},
		{"::ffff:192.0.2.1", true, "", CodeFamily, "IPv4 address 192.0.2.1 (IPv4-mapped): enter it on the IPv4 tab"},
		{"192.0.2.1", true, "", CodeFamily, "IPv4 tab"},
		{"2001:db8::1/129", true, "", CodeRange, ""},
		{"[2001:db8::1]", true, "", CodeBrackets, ""},
		{"192.0.2.23/24", false, "192.0.2.23/24", "", ""},
		{"192.0.2.23/255.255.255.0", false, "192.0.2.23/24", "", ""},
		{"0.0.0.0", false, "", CodeNotUnicast, "unspecified"},
		{"0.1.2.3", false, "", CodeNotUnicast, "this network"},
		{"127.0.0.1", false, "", CodeNotUnicast, "loopback"},
		{"224.0.0.1", false, "", CodeNotUnicast, "multicast"},
		{"255.255.255.255", false, "", CodeNotUnicast, "broadcast"},
		{"::ffff:192.0.2.1", false, "", CodeFamily, "192.0.2.1"},
		{"2001:db8::1", false, "", CodeFamily, "IPv6 tab"},
		{"", false, "", CodeEmpty, ""},
	}
	for _, tt := range tests {
		ap, err := StaticAddress(tt.in, tt.v6)
		if CodeOf(err) != tt.code {
			t.Errorf("StaticAddress(%q, %v) = %v, want code %q", tt.in, tt.v6, err, tt.code)
			continue
		}
		if err == nil && ap.String() != tt.want {
			t.Errorf("StaticAddress(%q, %v) = %s, want %s", tt.in, tt.v6, ap, tt.want)
		}
		if err != nil && !strings.Contains(err.(*Error).Hint, tt.hint) {
			t.Errorf("StaticAddress(%q, %v) hint %q, want %q", tt.in, tt.v6, err.(*Error).Hint, tt.hint)
		}
		if err != nil && tt.code != CodeRange && tt.code != CodeEmpty {
			want := MsgIPv4
			if tt.v6 {
				want = MsgIPv6
			}
			if m := err.(*Error).Message; m != want {
				t.Errorf("StaticAddress(%q, %v) message %q, want %q", tt.in, tt.v6, m, want)
			}
		}
	}
}

func TestNameServer(t *testing.T) {
	check(t, "NameServer", NameServer, map[string]Code{
		"2001:db8::53":     "",
		"192.0.2.53":       "",
		"fe80::53":         "",
		"fe80::53%eth0":    CodeZone,
		"::":               CodeNotUnicast,
		"0.0.0.0":          CodeNotUnicast,
		"::1":              CodeNotUnicast,
		"127.0.0.53":       CodeNotUnicast,
		"ff02::fb":         CodeNotUnicast,
		"::ffff:192.0.2.1": CodeFamily,
		"2001:db8::53/64":  CodePrefix,
		"[2001:db8::53]":   CodeBrackets,
		"dns.example.com":  CodeSyntax,
	})
}

func TestPortalAndURLHost(t *testing.T) {
	for _, fn := range []func(string) error{PortalAddress, URLHostAddress} {
		check(t, "PortalAddress/URLHostAddress", fn, map[string]Code{
			"2001:db8:200::50":   "",
			"[2001:db8:200::50]": "",
			"portal.example.com": "",
			"192.0.2.5":          "",
			"::ffff:192.0.2.5":   "",
			"::1":                "", // loopback: allowed, the UI warns
			"fe80::1%eth0":       CodeZone,
			"[fe80::1%eth0]":     CodeZone,
			"fe80::1":            "",
			"::":                 CodeNotUnicast,
			"":                   CodeEmpty,
		})
	}
	if e := PortalAddress("fe80::1%eth0").(*Error); !strings.Contains(e.Hint, "%eth0") || e.Message != MsgHost {
		t.Errorf("PortalAddress zone: %v", e)
	}
}

func TestParseHostAddressUnmaps(t *testing.T) {
	k, a, err := ParseHostAddress("[::ffff:192.0.2.13]")
	if err != nil || k != HostIPv4 || a != netip.MustParseAddr("192.0.2.13") {
		t.Errorf("ParseHostAddress mapped = %v, %v, %v", k, a, err)
	}
}

func TestSameHostAddress(t *testing.T) {
	tests := []struct {
		x, y string
		same bool
	}{
		{"::ffff:192.0.2.13", "192.0.2.13", true},
		{"[::ffff:c000:20d]", "192.0.2.13", true},
		{"2001:DB8:0::1", "[2001:db8::1]", true},
		{"Host1.Example.com.", "host1.example.com", true},
		{"fe80::1%eth0", "fe80::1%eth1", false},
		{"192.0.2.13", "192.0.2.14", false},
		{"host1", "192.0.2.13", false},
		{"bad_name", "bad_name", true},
	}
	for _, tt := range tests {
		if got := SameHostAddress(tt.x, tt.y); got != tt.same {
			t.Errorf("SameHostAddress(%q, %q) = %v, want %v", tt.x, tt.y, got, tt.same)
		}
	}
}

func TestNFSExportURL(t *testing.T) {
	tests := map[string]string{
		"nfs://[2001:db8:200::60]/exports/iso": "[2001:db8:200::60]:/exports/iso",
		"https://[2001:db8::50]:9696":          "[2001:db8::50]:/exports/data",
		"nfs://nfs.example.com:2049/x":         "nfs.example.com:/x",
		"nfs://2001:db8::60/x":                 "[2001:db8::60]:/x",
	}
	for in, form := range tests {
		err := NFSExportPath(in)
		if CodeOf(err) != CodeScheme || !strings.Contains(err.(*Error).Hint, form) {
			t.Errorf("NFSExportPath(%q) = %v, want a URL refusal suggesting %s", in, err, form)
		}
	}
	if err := NFSExportPath("nfs:/exports"); err != nil { // a server named nfs
		t.Errorf("NFSExportPath(nfs:/exports) = %v", err)
	}
}

// FuzzFieldRules checks the field rules against net/netip and each other:
// no panic, every refusal coded, StaticAddress never accepts what an
// interface cannot hold, and the server rules never accept a zone.
func FuzzFieldRules(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, v6 := range []bool{false, true} {
			ap, err := StaticAddress(s, v6)
			if err != nil {
				if CodeOf(err) == "" {
					t.Fatalf("StaticAddress(%q): no code: %v", s, err)
				}
				continue
			}
			a := ap.Addr
			if a.Zone() != "" || a.Is6() != v6 || a.Is4In6() || a.IsUnspecified() || a.IsLoopback() || a.IsMulticast() {
				t.Fatalf("StaticAddress(%q, %v) accepted %v", s, v6, ap)
			}
		}
		if err := NameServer(s); err == nil {
			a, perr := netip.ParseAddr(s)
			if perr != nil || a.Zone() != "" || a.Is4In6() || a.IsLoopback() || a.IsUnspecified() {
				t.Fatalf("NameServer(%q) accepted %v (%v)", s, a, perr)
			}
		}
		for _, fn := range []func(string) error{PortalAddress, URLHostAddress} {
			if err := fn(s); err == nil {
				if _, a, _ := ParseHostAddress(s); a.Zone() != "" {
					t.Fatalf("accepted a zone: %q", s)
				}
			} else if CodeOf(err) == "" {
				t.Fatalf("%q: no code: %v", s, err)
			}
		}
	})
}
