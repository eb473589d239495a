package validation

import (
	"strings"
	"testing"
)

func TestScopeOf(t *testing.T) {
	tests := map[string]Scope{
		"::":                  ScopeUnspecified,
		"::1":                 ScopeLoopback,
		"fe80::1":             ScopeLinkLocal,
		"fe80::1%eth0":        ScopeLinkLocal,
		"[fe80::1%eth0]":      ScopeLinkLocal,
		"fd00:1234::1":        ScopeUniqueLocal,
		"fc00::1":             ScopeUniqueLocal,
		"fec0::1":             ScopeSiteLocal,
		"2001:db8::1":         ScopeDocumentation,
		"3fff:1::1":           ScopeDocumentation,
		"::ffff:192.0.2.1":    ScopeIPv4Mapped,
		"64:ff9b::192.0.2.1":  ScopeNAT64,
		"64:ff9b:1::1":        ScopeNAT64,
		"2002:c000:201::1":    Scope6to4,
		"2001:0:4136:e378::1": ScopeTeredo,
		"2001:2::1":           ScopeBenchmarking,
		"100::1":              ScopeDiscard,
		"2001:20::1":          ScopeORCHID,
		"5f00::1":             ScopeSRv6,
		"2a00:1450::1":        ScopeGlobal,
		"2606:4700::1111":     ScopeGlobal,
		"4000::1":             ScopeReserved,
		"ff01::1":             ScopeMulticastInterfaceLocal,
		"ff02::1":             ScopeMulticastLinkLocal,
		"ff05::2":             ScopeMulticastSiteLocal,
		"ff08::1":             ScopeMulticastOrgLocal,
		"ff0e::1":             ScopeMulticastGlobal,
		"ff04::1":             ScopeMulticastAdminLocal,
		"ff03::1":             ScopeMulticastRealmLocal,
		"ff00::1":             ScopeMulticast,
		"0.0.0.0":             ScopeUnspecified,
		"0.1.2.3":             ScopeThisNetwork,
		"127.0.0.1":           ScopeLoopback,
		"10.1.2.3":            ScopePrivate,
		"172.16.0.1":          ScopePrivate,
		"172.32.0.1":          ScopeGlobal,
		"192.168.1.1":         ScopePrivate,
		"100.64.0.1":          ScopeShared,
		"169.254.1.1":         ScopeLinkLocal,
		"192.0.2.1":           ScopeDocumentation,
		"198.51.100.1":        ScopeDocumentation,
		"203.0.113.1":         ScopeDocumentation,
		"198.18.0.1":          ScopeBenchmarking,
		"192.0.0.8":           ScopeIETF,
		"224.0.0.1":           ScopeMulticast,
		"240.0.0.1":           ScopeReserved,
		"255.255.255.255":     ScopeBroadcast,
		"8.8.8.8":             ScopeGlobal,
	}
	for in, want := range tests {
		got, err := ScopeOf(in)
		if err != nil || got != want {
			t.Errorf("ScopeOf(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ScopeOf("2001:db8::1%eth0"); CodeOf(err) != CodeZone {
		t.Errorf("ScopeOf with a zone on a global address: %v", err)
	}
}

func TestScopeStrings(t *testing.T) {
	for s := ScopeUnknown; s <= ScopeMulticast; s++ {
		if s.String() == "" || s != ScopeUnknown && s.String() == "unknown" {
			t.Errorf("Scope(%d) has no name", s)
		}
	}
	if got := Scope(200).String(); got != "unknown" {
		t.Errorf("out of range: %q", got)
	}
	for s, want := range map[Scope]string{
		ScopeLinkLocal: "link-local", ScopeMulticastSiteLocal: "multicast-site-local",
		ScopeSiteLocal: "site-local-deprecated", ScopeShared: "shared-cgnat", ScopeIPv4Mapped: "ipv4-mapped",
	} {
		if got := s.Text(); got != want {
			t.Errorf("%v.Text() = %q, want %q", s, got, want)
		}
	}
	// Every scope's text is its name in lower case with hyphens (the
	// JSON and CSS classes the UI always had), and reads back.
	r := strings.NewReplacer(" (", "-", ")", "", " ", "-")
	for s := ScopeUnknown; s <= ScopeMulticast; s++ {
		b, err := s.MarshalText()
		if want := strings.ToLower(r.Replace(s.String())); err != nil || string(b) != want {
			t.Errorf("%v.MarshalText() = %q, %v; want %q", s, b, err, want)
		}
		var back Scope
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
		}
	}
	var bad Scope
	if err := bad.UnmarshalText([]byte("Link-Local")); CodeOf(err) != CodeSyntax {
		t.Errorf("UnmarshalText(Link-Local): %v", err)
	}
	if !ScopeMulticastLinkLocal.IsMulticast() || ScopeGlobal.IsMulticast() {
		t.Error("IsMulticast")
	}
}
