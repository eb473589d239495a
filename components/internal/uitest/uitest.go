// Package uitest holds helpers shared by the tests of components and its
// rooms (form, client, hostnet): checks on rendered HTML. It is internal
// and imported by tests only, so it never reaches the wasm.
package uitest

import (
	"regexp"
	"strings"
	"testing"
)

// Has reports whether html contains s, or matches s after "re:".
func Has(html, s string) bool {
	if re, ok := strings.CutPrefix(s, "re:"); ok {
		return regexp.MustCompile(re).MatchString(html)
	}
	return strings.Contains(html, s)
}

// CheckHTML fails t for each of want that html lacks and each of notWant
// that it has (each one as Has reads it).
func CheckHTML(t *testing.T, name, html string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !Has(html, w) {
			t.Errorf("%s: HTML lacks %q:\n%s", name, w, html)
		}
	}
	for _, w := range notWant {
		if Has(html, w) {
			t.Errorf("%s: HTML has %q:\n%s", name, w, html)
		}
	}
}
