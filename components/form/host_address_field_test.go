package form

import (
	"regexp"
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
		v := DescribeHostAddress(tt.in)
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
		shown   bool // the error is on screen (after the debounce, blur or OK)
		want    []string
		notWant []string
	}{
		{"", false, []string{`id="host-address"`, "Hostname/IP", `for="host-address"`, `aria-describedby="host-address-help"`, `aria-invalid="false"`, `id="host-address-help"`}, []string{"host-address-error", "host-address-verdict"}},
		{"2001:0db8::0001", false, []string{"Valid IPv6 address", `id="host-address-canonical"`, ">2001:db8::1<", "scope-documentation", ">documentation<"}, []string{"host-address-error"}},
		{"[2001:db8::1", true, []string{`id="host-address-error"`, validation.MsgHost, "re:aria-invalid[ >]", "pf-m-error"}, []string{"host-address-verdict", `aria-invalid="false"`}},
		{"[2001:db8::1", false, []string{`aria-invalid="false"`}, []string{"host-address-error"}},
		{"ovirt-node-1.example.com", false, []string{"Valid host name"}, []string{"host-address-canonical"}},
	}
	for _, tt := range tests {
		f := NewHostAddressField("host-address", "Hostname/IP", "")
		f.SetValue(tt.in)
		if tt.shown {
			f.Validate()
		}
		html := app.HTMLString(f.Render())
		for _, w := range tt.want {
			if re, ok := strings.CutPrefix(w, "re:"); ok {
				if !regexp.MustCompile(re).MatchString(html) {
					t.Errorf("%q: HTML does not match %q:\n%s", tt.in, re, html)
				}
				continue
			}
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
