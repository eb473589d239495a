package validation

import (
	"errors"
	"reflect"
	"testing"
)

// TestURLBracketFixes: the address with its port comes first, never a
// suggestion that swallows the port into the address.
func TestURLBracketFixes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		hint string
	}{
		{"https://2001:db8::50:9696", []string{"https://[2001:db8::50]:9696", "https://[2001:db8::50:9696]"},
			"Put the IPv6 address in square brackets: https://[2001:db8::50]:9696."},
		{"https://2001:db8::50", []string{"https://[2001:db8::50]"}, "Put the IPv6 address in square brackets: https://[2001:db8::50]."},
		{"https://2001:db8::50/v2.0", []string{"https://[2001:db8::50]/v2.0"}, ""},
		{"https://2001:DB8:0::50:9696", []string{"https://[2001:db8::50]:9696", "https://[2001:db8::50:9696]"}, ""},
		{"http://2001:db8:1:2:3:4:5:9696", []string{"http://[2001:db8:1:2:3:4:5:9696]"}, ""},
		{"http://::1:3128", []string{"http://[::1]:3128", "http://[::1:3128]"}, ""},
		{"https://2001:db8::50:99999", nil, ""},
		{"https://[2001:db8::50]:9696", nil, ""},
		{"https://example.com:9696", nil, ""},
		{"https://fe80::1%eth0", nil, ""},
		{"2001:db8::50", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := URLBracketFixes(tt.in)
			if len(got) == 0 && len(tt.want) == 0 {
				got, tt.want = nil, nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("URLBracketFixes(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if tt.hint == "" {
				return
			}
			var ve *Error
			if err := ProviderURL(tt.in); !errors.As(err, &ve) || ve.Code != CodeBracketsRequired || ve.Hint != tt.hint {
				t.Errorf("ProviderURL(%q) = %v, want the hint %q", tt.in, err, tt.hint)
			}
		})
	}
}

func FuzzURLBracketFixes(f *testing.F) {
	for _, s := range []string{"https://2001:db8::50:9696", "http://::1:3128/x", "https://[::1]", "https://a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range URLBracketFixes(s) {
			if err := ProviderURL(u); err != nil {
				t.Fatalf("fix %q of %q is not a valid URL: %v", u, s, err)
			}
		}
	})
}
