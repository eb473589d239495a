package validation

import (
	"strings"
	"testing"
)

func TestObjectName(t *testing.T) {
	tests := []struct {
		in   string
		code Code // "" = accepted
		msg  string
		hint string
	}{
		{"host-1", "", "", ""},
		{"host_1.lab", "", "", ""},
		{"H9", "", "", ""},
		{strings.Repeat("a", 255), "", "", ""},
		{"", CodeEmpty, MsgEmpty, ""},
		{strings.Repeat("a", 256), CodeTooLong, "Name must be at most 255 characters long.", ""},
		{"my host", CodeSyntax, "Name can contain only 'A-Z', 'a-z', '0-9', '_', '-' or '.' characters.", "Spaces are not allowed: use - or _."},
		{"host/1", CodeSyntax, MsgObjectName, ""},
		{"hôte", CodeSyntax, MsgObjectName, ""},
		{"host\t1", CodeSyntax, MsgObjectName, ""},
	}
	for _, tt := range tests {
		err := ObjectName(tt.in)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tt.in, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Code != tt.code || e.Message != tt.msg || e.Hint != tt.hint {
			t.Errorf("%q: %#v, want %s %q %q", tt.in, err, tt.code, tt.msg, tt.hint)
		}
	}
}

func TestProviderName(t *testing.T) {
	tests := []struct {
		in   string
		code Code // "" = accepted
		msg  string
	}{
		{"neutron-1", "", ""},
		{"ovn_provider", "", ""},
		{strings.Repeat("a", 128), "", ""},
		{"", CodeEmpty, MsgEmpty},
		{strings.Repeat("a", 129), CodeTooLong, "Name must be at most 128 characters long."},
		{"ovn.lab", CodeSyntax, `Name must be formed of alphanumeric characters, numbers or "-_".`},
		{"my provider", CodeSyntax, MsgProviderName},
		{"prövider", CodeSyntax, MsgProviderName},
	}
	for _, tt := range tests {
		err := ProviderName(tt.in)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tt.in, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Code != tt.code || e.Message != tt.msg {
			t.Errorf("%q: %#v, want %s %q", tt.in, err, tt.code, tt.msg)
		}
	}
}

func BenchmarkObjectName(b *testing.B) {
	for b.Loop() {
		_ = ObjectName("host-12.lab_example")
	}
}
