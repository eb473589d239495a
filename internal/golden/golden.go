// Package golden compares a test's output with a golden file under
// testdata/, the one definition of the -update flag that rewrites such
// files (go test ./pkg -run TestX -update). Test code only: no binary of
// the module imports it.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the tests (testdata/*.golden)")

// Check compares got with the file at path; with -update it writes got
// there instead. A difference fails the test with the lines missing (-)
// and added (+), and how to rewrite the file.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (-update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("the output differs from %s (-update rewrites it):\n%s", path, Diff(string(want), got))
	}
}

// Diff lists the lines of want missing from got ("- ") and the lines of
// got missing from want ("+ "): enough to read a changed route or field
// list.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
