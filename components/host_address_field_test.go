package components

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

func TestDescribeHostAddress(t *testing.T) {
	tests := []struct {
		in        string
		valid     bool
		message   string
		canonical string
		scope     validation.Scope
	}{
		{"", false, "", "", validation.ScopeUnknown},
		{"2001:DB8:0::1", true, "Valid IPv6 address", "2001:db8::1", validation.ScopeDocumentation},
		{"[fe80::1%eth0]", true, "Valid IPv6 address", "fe80::1%eth0", validation.ScopeLinkLocal},
		{"192.168.1.10", true, "Valid IPv4 address", "192.168.1.10", validation.ScopePrivate},
		{"host1.example.com", true, "Valid host name", "", validation.ScopeUnknown},
		{"1:2:3:4:5:6:7:8:9", false, validation.MsgHost, "", validation.ScopeUnknown},
		{"256.1.1.1", false, validation.MsgHost, "", validation.ScopeUnknown},
	}
	for _, tt := range tests {
		v := describeHostAddress(tt.in)
		if v.Valid != tt.valid || v.Message != tt.message || v.Canonical != tt.canonical || v.Scope != tt.scope {
			t.Errorf("describeHostAddress(%q) = %+v", tt.in, v)
		}
		if !tt.valid && tt.in != "" && v.Hint == "" {
			t.Errorf("describeHostAddress(%q): no hint", tt.in)
		}
	}
}

func TestHostAddressFieldRenders(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		notWant []string
	}{
		{"", []string{`id="host-address"`, "Hostname/IP", `aria-describedby="host-address-help"`, `aria-invalid="false"`}, []string{"host-address-error", "host-address-verdict"}},
		{"2001:0db8::0001", []string{"Valid IPv6 address", `id="host-address-canonical"`, ">2001:db8::1<", "scope-documentation", ">documentation<"}, []string{"host-address-error"}},
		{"[2001:db8::1", []string{`id="host-address-error"`, validation.MsgHost, `aria-invalid`}, []string{"host-address-verdict", `aria-invalid="false"`}},
		{"ovirt-node-1.example.com", []string{"Valid host name"}, []string{"host-address-canonical"}},
	}
	for _, tt := range tests {
		f := &HostAddressField{}
		f.SetValue(tt.in)
		e := app.NewTestEngine()
		if err := e.Load(f); err != nil {
			t.Fatal(err)
		}
		e.ConsumeAll()
		html := app.HTMLString(f)
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%q: HTML lacks %q:\n%s", tt.in, w, html)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(html, w) {
				t.Errorf("%q: HTML has %q:\n%s", tt.in, w, html)
			}
		}
	}
}

func TestRoutesAreRegistered(t *testing.T) {
	Routes()
	for _, p := range Pages() {
		if p.New == nil || p.Path == "" {
			t.Errorf("bad page %+v", p)
		}
		if p.Pattern && (!strings.HasPrefix(p.Path, "^") || !strings.HasSuffix(p.Path, "$")) {
			t.Errorf("pattern %q must be anchored", p.Path)
		}
	}
}
