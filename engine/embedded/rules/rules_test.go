package rules

import (
	"strings"
	"testing"
)

// Vectors from validation-rules.md (checked there with jshell against the
// engine's own code) and from the upstream unit tests.
func TestValidHostname(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"host.example.org", true},
		{"host.", true}, // trailing dot: java.net.URI accepts it
		{"123", true},   // one all-numeric label
		{"host.123", false},
		{"x.1a", false},
		{"a..b", false},
		{"-a.b", false},
		{"a-.b", false},
		{"a_b", false},
		{"h st", false},
		{" host", false}, // not trimmed
		{"hôst", false},
		{"host:22", false},
		{"user@host", false},
		{"host/x", false},
		{strings.Repeat("a", 70) + ".org", true}, // no label limit
		{"192.0.2.1", true},
		{"01.02.03.04", true},
		{"999.1.1.1", false},
		{"256.1.1.1", false},
		{"1.2.3", false},
		{"1.2.3.4.5", false},
		{"2001:db8::1", true},
		{"2001:DB8:0:0:0:0:0:1", true},
		{"[2001:db8::1]", true},
		{"::", true},
		{"::1", true},
		{"fe80::1%eth0", true},
		{"[fe80::1%eth0]", true},
		{"fe80::1%", false},
		{"::ffff:1.2.3.4", true},
		{"::1.2.3.4", true},
		{"64:ff9b::192.0.2.1", true},
		{"1:2:3:4:5:6:7:8", true},
		{"1:2:3:4:5:6:7:8:9", false},
		{"1:2:3:4:5:6:7:8::", false},
		{"1:2:3:4:5:6:7", false},
		{"1::2::3", false},
		{"12345::1", false},
		{"2001:db8::1/64", false},
		{"[2001:db8::1]:623", false},
		{"", false},
		{"   ", false},
	} {
		if got := ValidHostname(c.in); got != c.want {
			t.Errorf("ValidHostname(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestIPPatterns(t *testing.T) {
	for _, c := range []struct {
		in     string
		v4, v6 bool
	}{
		{"192.0.2.1", true, false},
		{"010.0.0.1", true, false},
		{"001.002.003.004", true, false},
		{"0001.1.1.1", false, false},
		{"256.1.1.1", false, false},
		{"1.2.3.4/24", false, false},
		{"2001:db8::1", false, true},
		{"2001:DB8:0000:0:0:0:0:0001", false, true},
		{"::", false, true},
		{"1:2:3:4:5:6:7:8:9::", false, true}, // the pattern does not count groups
		{"1:2:3:4:5:6:7::8", false, true},
		{"1::2::3", false, false},
		{":::", false, false},
		{"::ffff:192.0.2.1", false, false},
		{"fe80::1%eth0", false, false},
		{"[::1]", false, false},
		{"00001::", false, false},
	} {
		if got := IsValidIPv4(c.in); got != c.v4 {
			t.Errorf("IsValidIPv4(%q) = %v, want %v", c.in, got, c.v4)
		}
		if got := IsValidIPv6(c.in); got != c.v6 {
			t.Errorf("IsValidIPv6(%q) = %v, want %v", c.in, got, c.v6)
		}
	}
	if a, ok := ParseIPv4("010.000.002.001"); !ok || a.String() != "10.0.2.1" {
		t.Errorf("ParseIPv4(010.000.002.001) = %v %v, want 10.0.2.1 (decimal, as InetAddress)", a, ok)
	}
}

func TestNFSMountPoint(t *testing.T) {
	long := "nfs.example.org:/" + strings.Repeat("p", 240)
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"[2001:db8:200::60]:/exports/data", true},
		{"[2001:db8::5]:/", true},
		{"2001:db8::5:/exports", false}, // bare IPv6
		{"[fe80::1%eth0]:/x", false},
		{"192.0.2.5:/exports/data", true},
		{"256.1.1.1:/x", false},
		{"nfs.example.org:/exports/data", true},
		{"nfs:/exports", true},
		{"nfs.a:/exports", false}, // last label under 2 characters
		{"nfs.a-b:/x", false},     // last label without '-'
		{"-nfs.org:/x", false},
		{"nfs.example.org:/exp orts", false},
		{"nfs.example.org:/expörts", false},
		{"nfs.example.org:exports", false},
		{"nfs.example.org", false},
		{long, false}, // the FQDN branch's 254 limit covers the path too
		{"[2001:db8::5]:/" + strings.Repeat("p", 300), true},
		{"", false},
	} {
		if got := NFSMountPoint(c.in); got != c.want {
			t.Errorf("NFSMountPoint(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestIPv4Mask(t *testing.T) {
	for _, c := range []struct {
		in     string
		format bool
		bits   int
		ok     bool
	}{
		{"24", true, 24, true},
		{"/24", true, 24, true},
		{"0", true, 0, true},
		{"32", true, 32, true},
		{"33", false, 0, false},
		{"08", false, 0, false},
		{"255.255.255.0", true, 24, true},
		{"255.255.255.000", true, 24, true},
		{"0.0.0.0", true, 0, true},
		{"255.255.124.0", true, 0, false}, // not contiguous
		{"255.255.255", false, 0, false},
	} {
		if got := IPv4MaskFormat(c.in); got != c.format {
			t.Errorf("IPv4MaskFormat(%q) = %v, want %v", c.in, got, c.format)
		}
		bits, ok := IPv4MaskBits(c.in)
		if ok != c.ok || bits != c.bits {
			t.Errorf("IPv4MaskBits(%q) = %d %v, want %d %v", c.in, bits, ok, c.bits, c.ok)
		}
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		in            string
		name, withDot bool
	}{
		{"host-1_a", true, true},
		{"host.example", false, true},
		{"", false, false},
		{"a b", false, false},
		{"hôst", false, false},
	} {
		if got := ValidName(c.in); got != c.name {
			t.Errorf("ValidName(%q) = %v, want %v", c.in, got, c.name)
		}
		if got := ValidNameWithDot(c.in); got != c.withDot {
			t.Errorf("ValidNameWithDot(%q) = %v, want %v", c.in, got, c.withDot)
		}
	}
}

func TestSize(t *testing.T) {
	if v := Size(strings.Repeat("a", 255), 1, 255, "vdsStatic.name"); v != nil {
		t.Errorf("255 characters: %v", v)
	}
	got := Size(strings.Repeat("a", 256), 1, 255, "vdsStatic.name")
	want := []string{"size must be between 1 and 255", "Attribute: vdsStatic.name"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("256 characters: %q, want %q", got, want)
	}
	if v := Size("", 1, 255, "vdsStatic.name"); v == nil {
		t.Error("empty name accepted")
	}
	// Java counts UTF-16 units: an emoji is two.
	if n := Length("a😀"); n != 3 {
		t.Errorf("Length = %d, want 3", n)
	}
}

func FuzzValidHostname(f *testing.F) {
	for _, s := range []string{"host.example.org", "[fe80::1%eth0]", "::ffff:1.2.3.4", "1.2.3.4.5", "a..b", "1::2::3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = ValidHostname(s) // must not panic
		_ = NFSMountPoint(s)
		_, _ = IPv4MaskBits(s)
	})
}
