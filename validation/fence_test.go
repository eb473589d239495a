package validation

import (
	"strconv"
	"strings"
	"testing"
)

func TestBondName(t *testing.T) {
	tests := []struct {
		in   string
		code Code
	}{
		{"bond0", ""}, {"bond_A9", ""}, {"bondLACP", ""}, {"bond123456789ab", ""},
		{"", CodeEmpty}, {"bond", CodeSyntax}, {"team1", CodeSyntax}, {"bond-1", CodeSyntax}, {"bond 1", CodeSyntax},
		{"bönd1", CodeSyntax}, {"bond123456789abc", CodeTooLong},
	}
	for _, tt := range tests {
		if got := CodeOf(BondName(tt.in)); got != tt.code {
			t.Errorf("BondName(%q) = %q, want %q", tt.in, got, tt.code)
		}
	}
}

func TestFenceAgentOptions(t *testing.T) {
	many := map[string]string{}
	for i := range 33 {
		many["o"+strconv.Itoa(i)] = "1"
	}
	tests := []struct {
		in   map[string]string
		code Code
	}{
		{nil, ""}, {map[string]string{"lanplus": "1", "power_wait": "4"}, ""},
		{map[string]string{"": "1"}, CodeSyntax}, {map[string]string{"a b": "1"}, CodeSyntax},
		{map[string]string{strings.Repeat("k", 65): "1"}, CodeSyntax}, {map[string]string{"k": strings.Repeat("v", 257)}, CodeTooLong},
		{map[string]string{"k": "a,b"}, CodeSyntax}, {many, CodeTooLong},
	}
	for _, tt := range tests {
		if got := CodeOf(FenceAgentOptions(tt.in)); got != tt.code {
			t.Errorf("FenceAgentOptions(%v) = %q, want %q", tt.in, got, tt.code)
		}
	}
}

// FuzzParseFenceAgentOptions: the parser never panics, and what it takes
// the map rule takes too (the BFF checks the map the UI sends).
func FuzzParseFenceAgentOptions(f *testing.F) {
	for _, s := range []string{"", "lanplus=1", " a = 1 , b=2", "a", "=1", "a=1,,b=2", "a=1,a=2", "k=v=w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseFenceAgentOptions(s)
		if err != nil {
			return
		}
		if err := FenceAgentOptions(m); err != nil {
			t.Fatalf("ParseFenceAgentOptions(%q) = %v, which FenceAgentOptions refuses: %v", s, m, err)
		}
	})
}
