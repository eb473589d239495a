package server

import (
	"cmp"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"v6admin/bff/session"
)

var update = flag.Bool("update", false, "rewrite the golden files of the tests (testdata/*.golden)")

// routesGolden is the BFF's route table, the one list of its routes (README
// and the package docs explain them and point here).
const routesGolden = "testdata/routes.golden"

// TestRoutes compares the routes the server registers with Echo (method
// and path, UI included) with testdata/routes.golden; -update rewrites it.
func TestRoutes(t *testing.T) {
	keys, err := session.NewKeyring(session.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{EngineURL: "http://[::1]:1/ovirt-engine/api", Keys: keys, UI: stubUI{}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got := routeTable(srv.Echo().Routes())
	if *update {
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
		t.Errorf("the routes differ from %s (go test ./bff/server -run TestRoutes -update rewrites it):\n%s",
			routesGolden, lineDiff(string(want), got))
	}
}

// routeTable prints routes one a line, "METHOD path", sorted by path then
// method. A path registered for every method of Echo's Any shows once as
// ANY; echo.RouteNotFound (a group's not-found route) shows as NOT_FOUND.
func routeTable(routes []*echo.Route) string {
	var anyMethods []string
	for _, r := range echo.New().Any("/", func(echo.Context) error { return nil }) {
		anyMethods = append(anyMethods, r.Method)
	}
	slices.Sort(anyMethods)
	byPath := map[string][]string{}
	for _, r := range routes {
		m := r.Method
		if m == echo.RouteNotFound {
			m = "NOT_FOUND"
		}
		if !slices.Contains(byPath[r.Path], m) {
			byPath[r.Path] = append(byPath[r.Path], m)
		}
	}
	type line struct{ method, path string }
	var lines []line
	for path, ms := range byPath {
		slices.Sort(ms)
		if rest, ok := withoutAll(ms, anyMethods); ok {
			lines = append(lines, line{"ANY", path})
			ms = rest
		}
		for _, m := range ms {
			lines = append(lines, line{m, path})
		}
	}
	slices.SortFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.method, b.method))
	})
	var b strings.Builder
	b.WriteString("# The BFF's Echo routes, written by TestRoutes (go test ./bff/server -run TestRoutes -update).\n")
	b.WriteString("# ANY: every method Echo's Any registers; NOT_FOUND: a group's not-found route.\n")
	b.WriteString("# The UI's routes (/web/*, /robots.txt, ..., /*) exist when the server serves the UI.\n")
	b.WriteString("# The built-in engine, under /ovirt-engine/ on the same listener: engine/embedded/testdata/routes.golden.\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "%-9s %s\n", l.method, l.path)
	}
	return b.String()
}

// withoutAll returns ms without the methods of all, and whether ms held
// them all (both sorted).
func withoutAll(ms, all []string) ([]string, bool) {
	var rest []string
	n := 0
	for _, m := range ms {
		if slices.Contains(all, m) {
			n++
		} else {
			rest = append(rest, m)
		}
	}
	if n != len(all) {
		return ms, false
	}
	return rest, true
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
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

func TestRouteTable(t *testing.T) {
	e := echo.New()
	h := func(echo.Context) error { return nil }
	e.GET("/b", h)
	e.POST("/a", h)
	e.GET("/a", h)
	e.Any("/c/*", h)
	e.Group("/g", func(next echo.HandlerFunc) echo.HandlerFunc { return next })
	got := routeTable(e.Routes())
	_, body, _ := strings.Cut(got, "engine/embedded/testdata/routes.golden.\n")
	want := "GET       /a\nPOST      /a\nGET       /b\nANY       /c/*\nNOT_FOUND /g\nNOT_FOUND /g/*\n"
	if body != want {
		t.Errorf("routeTable:\n%s\nwant:\n%s", body, want)
	}
}

// stubUI stands for *webui.UI: the server registers the UI's routes only
// when it has one.
type stubUI struct{}

func (stubUI) Static() http.Handler          { return http.NotFoundHandler() }
func (stubUI) Pages() http.Handler           { return http.NotFoundHandler() }
func (stubUI) StaticPath(name string) string { return filepath.Join(os.TempDir(), name) }
