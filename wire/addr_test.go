package wire

import "testing"

func TestHostAddr(t *testing.T) {
	tests := []struct {
		in   string
		want Addr
	}{
		{"2001:DB8:0:0::1", Addr{Address: "2001:db8::1", Kind: "ipv6", Scope: "documentation"}},
		{"[fe80::1]", Addr{Address: "fe80::1", Kind: "ipv6", Scope: "link-local"}},
		{" fd00::5 ", Addr{Address: "fd00::5", Kind: "ipv6", Scope: "unique-local"}},
		{"2a00:1450::1", Addr{Address: "2a00:1450::1", Kind: "ipv6", Scope: "global"}},
		{"10.1.2.3", Addr{Address: "10.1.2.3", Kind: "ipv4", Scope: "private"}},
		{"host1.lab.example.org", Addr{Address: "host1.lab.example.org", Kind: "name"}},
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
		{"2001:DB8::0:1", Addr{Address: "2001:db8::1", Kind: "ipv6", Scope: "documentation"}},
		{"192.0.2.1", Addr{Address: "192.0.2.1", Kind: "ipv4", Scope: "documentation"}},
		{"::ffff:192.0.2.1", Addr{Address: "::ffff:192.0.2.1", Kind: "ipv6", Scope: "ipv4-mapped"}},
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
