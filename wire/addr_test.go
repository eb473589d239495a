package wire

import (
	"testing"

	"v6admin/validation"
)

func TestHostAddr(t *testing.T) {
	tests := []struct {
		in   string
		want Addr
	}{
		{"2001:DB8:0:0::1", Addr{Address: "2001:db8::1", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}},
		{"[fe80::1]", Addr{Address: "fe80::1", Kind: validation.HostIPv6, Scope: validation.ScopeLinkLocal}},
		{" fd00::5 ", Addr{Address: "fd00::5", Kind: validation.HostIPv6, Scope: validation.ScopeUniqueLocal}},
		{"2a00:1450::1", Addr{Address: "2a00:1450::1", Kind: validation.HostIPv6, Scope: validation.ScopeGlobal}},
		{"10.1.2.3", Addr{Address: "10.1.2.3", Kind: validation.HostIPv4, Scope: validation.ScopePrivate}},
		{"host1.lab.example.org", Addr{Address: "host1.lab.example.org", Kind: validation.HostName}},
		{"not an address!", Addr{Address: "not an address!"}},
		{"", Addr{}},
	}
	for _, tt := range tests {
		if got := HostAddr(tt.in); got != tt.want {
			t.Errorf("HostAddr(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestIPAddr(t *testing.T) {
	tests := []struct {
		in   string
		want Addr
	}{
		{"2001:DB8::0:1", Addr{Address: "2001:db8::1", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}},
		{"192.0.2.1", Addr{Address: "192.0.2.1", Kind: validation.HostIPv4, Scope: validation.ScopeDocumentation}},
		{"::ffff:192.0.2.1", Addr{Address: "::ffff:192.0.2.1", Kind: validation.HostIPv6, Scope: validation.ScopeIPv4Mapped}},
		{"host1", Addr{Address: "host1"}},
	}
	for _, tt := range tests {
		if got := IPAddr(tt.in); got != tt.want {
			t.Errorf("IPAddr(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestRefLabel(t *testing.T) {
	var none *Ref
	for _, c := range []struct {
		r    *Ref
		want string
	}{{none, ""}, {&Ref{ID: "7"}, "7"}, {&Ref{ID: "7", Name: "h1"}, "h1"}} {
		if got := c.r.Label(); got != c.want {
			t.Errorf("%+v.Label() = %q, want %q", c.r, got, c.want)
		}
	}
}
