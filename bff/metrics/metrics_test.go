package metrics

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestMethod(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"GET", "GET"}, {"HEAD", "HEAD"}, {"POST", "POST"}, {"PUT", "PUT"}, {"PATCH", "PATCH"},
		{"DELETE", "DELETE"}, {"OPTIONS", "OPTIONS"}, {"CONNECT", "CONNECT"}, {"TRACE", "TRACE"},
		{"get", "other"}, {"PROPFIND", "other"}, {"", "other"}, {"X" + strings.Repeat("A", 5000), "other"},
	} {
		if got := Method(tt.in); got != tt.want {
			t.Errorf("Method(%.20q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	for _, tt := range []struct {
		in   int
		want string
	}{
		{200, "200"}, {404, "404"}, {421, "421"}, {503, "503"}, {299, "2xx"}, {599, "5xx"}, {499, "4xx"},
		{0, "other"}, {99, "other"}, {600, "other"}, {-1, "other"}, {1 << 40, "other"},
	} {
		if got := Code(tt.in); got != tt.want {
			t.Errorf("Code(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Every possible label value of Code is in a set of at most 600.
	seen := map[string]bool{}
	for c := -1000; c < 2000; c++ {
		seen[Code(c)] = true
	}
	if len(seen) > 600 {
		t.Fatalf("%d status labels", len(seen))
	}
}

func TestRegistryCollectors(t *testing.T) {
	reg := NewRegistry()
	var b strings.Builder
	if err := WriteText(&b, reg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go_goroutines ", "go_memstats_heap_alloc_bytes ", "process_resident_memory_bytes ", "process_open_fds "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %s in\n%s", want, b.String())
		}
	}
	w := httptest.NewRecorder()
	Handler(reg).ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != 200 || w.Header().Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") || !strings.Contains(w.Body.String(), "go_goroutines") {
		t.Fatalf("%d %v\n%.300s", w.Code, w.Header(), w.Body.String())
	}
}

// TestHostileRequestsAddNoSeries sends made-up methods, random paths, long
// headers and odd statuses through the middleware: after the first round
// the number of series stays the same, however many rounds follow.
func TestHostileRequestsAddNoSeries(t *testing.T) {
	reg := NewRegistry()
	hm := NewHTTP(reg)
	e := echo.New()
	e.Use(hm.Middleware(func(err error) int {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return he.Code
		}
		return 500
	}))
	e.GET("/api/hosts/:id", func(c echo.Context) error { return c.String(200, c.Param("id")) })
	e.Any("/api/status/:code", func(c echo.Context) error {
		var code int
		fmt.Sscan(c.Param("code"), &code)
		return c.NoContent(code)
	})
	e.Any("/api/err/*", func(c echo.Context) error { return echo.NewHTTPError(418 + len(c.Param("*"))%180) })
	hm.SetRoutes(e.Routes())

	round := func(i int) {
		for _, r := range []struct{ method, path string }{
			{fmt.Sprintf("M%dX", i), "/api/hosts/1"},
			{"GET", fmt.Sprintf("/api/hosts/%d", i)},
			{"GET", fmt.Sprintf("/nowhere/%d/%s", i, strings.Repeat("a", i%50))},
			{fmt.Sprintf("BREW%d", i), fmt.Sprintf("/random/%d", i)},
			{"POST", fmt.Sprintf("/api/status/%d", 200+i%399)},
			{"DELETE", fmt.Sprintf("/api/err/%s", strings.Repeat("z", i%300))},
		} {
			req := httptest.NewRequest("GET", "/", nil)
			req.Method = r.method
			req.URL.Path = r.path
			req.Header.Set("X-Long", strings.Repeat("h", 8<<10))
			req.Header.Set("Correlation-Id", fmt.Sprint(i))
			e.ServeHTTP(httptest.NewRecorder(), req)
		}
	}
	// Warm up: every route, method class and status class once.
	for i := range 600 {
		round(i)
	}
	before, err := Series(reg)
	if err != nil {
		t.Fatal(err)
	}
	for i := 600; i < 3000; i++ {
		round(i)
	}
	after, _ := Series(reg)
	if after != before {
		t.Fatalf("series grew from %d to %d with hostile requests", before, after)
	}
	reqSeries := testutil.CollectAndCount(hm.reqs)
	// methods (GET, POST, DELETE, other) × 4 route labels × status labels:
	// bounded by the route table, never by what the clients sent.
	if reqSeries > 4*5*len(codes) {
		t.Fatalf("%d request series", reqSeries)
	}
	var b strings.Builder
	WriteText(&b, reg)
	for _, bad := range []string{"BREW", "M7X", "/nowhere", "/random", `route="/api/hosts/1"`} {
		if strings.Contains(b.String(), bad) {
			t.Errorf("label %q in the metrics", bad)
		}
	}
	for _, want := range []string{`code="405",method="other",route="/api/hosts/:id"`, `route="unmatched"`, `code="4xx"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %s in the metrics:\n%s", want, b.String())
		}
	}
}
