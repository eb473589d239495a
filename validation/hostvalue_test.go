package validation

import (
	"encoding/json"
	"testing"
)

func TestHost(t *testing.T) {
	tests := []struct {
		in, str string
		kind    HostKind
		scope   Scope
		code    Code
	}{
		{" 2001:DB8:0::1 ", "2001:db8::1", HostIPv6, ScopeDocumentation, ""},
		{"[fe80::1%eth0]", "fe80::1%eth0", HostIPv6, ScopeLinkLocal, ""},
		{"::ffff:192.0.2.1", "192.0.2.1", HostIPv4, ScopeDocumentation, ""},
		{"10.1.2.3", "10.1.2.3", HostIPv4, ScopePrivate, ""},
		{"Host1.Example.org.", "Host1.Example.org.", HostName, ScopeUnknown, ""},
		{"256.1.1.1", "256.1.1.1", 0, ScopeUnknown, CodeNumericName},
		{"[2001:db8::1", "[2001:db8::1", 0, ScopeUnknown, CodeSyntax},
		{"", "", 0, ScopeUnknown, CodeEmpty},
	}
	for _, tt := range tests {
		h, err := ParseHost(tt.in)
		if h.String() != tt.str || h.Kind() != tt.kind || h.Scope() != tt.scope || CodeOf(err) != tt.code || CodeOf(h.Err()) != tt.code {
			t.Errorf("ParseHost(%q) = %q %v %v, %v; want %q %v %v %q", tt.in, h, h.Kind(), h.Scope(), err, tt.str, tt.kind, tt.scope, tt.code)
		}
		if k, _, perr := ParseHostAddress(tt.in); CodeOf(perr) != tt.code || perr == nil && k != tt.kind {
			t.Errorf("ParseHostAddress(%q) = %v, %v: disagrees", tt.in, k, perr)
		}
	}
	var zero Host
	if !zero.IsZero() || zero.String() != "" || zero.Err() != nil {
		t.Error("zero Host")
	}
}

func TestHostJSON(t *testing.T) {
	var v struct {
		A Host     `json:"a"`
		B Host     `json:"b"`
		K HostKind `json:"k"`
		S Scope    `json:"s"`
	}
	if err := json.Unmarshal([]byte(`{"a":"[2001:db8::5]","b":"bad host","k":"ipv6","s":"link-local"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.Kind() != HostIPv6 || v.A.Err() != nil || CodeOf(v.B.Err()) != CodeSpace || v.K != HostIPv6 || v.S != ScopeLinkLocal {
		t.Fatalf("%+v", v)
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"a":"2001:db8::5","b":"bad host","k":"ipv6","s":"link-local"}` {
		t.Fatalf("%s, %v", b, err)
	}
	var k HostKind
	if err := k.UnmarshalText([]byte("IPv6")); err == nil {
		t.Error("kind IPv6 read")
	}
}

// FuzzHost: HostOf agrees with HostAddress; a valid Host reads back from
// its text (MarshalText, UnmarshalText) as the same value.
func FuzzHost(f *testing.F) {
	for _, s := range []string{"2001:db8::1", "[fe80::1%eth0]", "::ffff:192.0.2.1", "host.example.", "1.2.3", " 10.0.0.1 ", "[::1]:22", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := HostOf(s)
		if (h.Err() == nil) != (HostAddress(s) == nil) {
			t.Fatalf("HostOf(%q).Err() = %v, HostAddress = %v", s, h.Err(), HostAddress(s))
		}
		if h.Err() != nil {
			return
		}
		b, _ := h.MarshalText()
		var back Host
		if err := back.UnmarshalText(b); err != nil || back.String() != h.String() || back.Kind() != h.Kind() || back.Addr() != h.Addr() || !back.Same(h) {
			t.Fatalf("%q: %q reads back as %#v, %v; want %#v", s, b, back, err, h)
		}
	})
}
