package embedded

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the tests (testdata/*.golden)")

// routesGolden is the embedded engine's route table, the one list of its
// endpoints.
const routesGolden = "testdata/routes.golden"

// TestRoutes compares the patterns the engine's mux registers (method and
// path) with testdata/routes.golden; -update rewrites it.
func TestRoutes(t *testing.T) {
	v := newEnv(t)
	got := routeTable(v.e.mux.patterns)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(routesGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(routesGolden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the routes differ from %s (go test ./engine/embedded -run TestRoutes -update rewrites it); got:\n%s", routesGolden, got)
	}
}

// routeTable prints ServeMux patterns "METHOD /path" one a line, sorted by
// path then method.
func routeTable(patterns []string) string {
	type line struct{ method, path string }
	var lines []line
	for _, p := range patterns {
		m, path, ok := strings.Cut(p, " ")
		if !ok {
			m, path = "ANY", p
		}
		lines = append(lines, line{m, path})
	}
	slices.SortFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.method, b.method))
	})
	var b strings.Builder
	b.WriteString("# The embedded engine's routes (net/http patterns), written by TestRoutes\n")
	b.WriteString("# (go test ./engine/embedded -run TestRoutes -update). A path no pattern\n")
	b.WriteString("# matches answers 404, a method no pattern allows 405, both without a body.\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "%-6s %s\n", l.method, l.path)
	}
	return b.String()
}

func TestRouteTable(t *testing.T) {
	got := routeTable([]string{"POST /b", "GET /b", "GET /a/{id}", "/c/"})
	_, body, _ := strings.Cut(got, "both without a body.\n")
	want := "GET    /a/{id}\nGET    /b\nPOST   /b\nANY    /c/\n"
	if body != want {
		t.Errorf("routeTable:\n%s\nwant:\n%s", body, want)
	}
}
