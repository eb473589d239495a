package server

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"v6admin/bff/metrics"
)

// TestHostileRequestsAddNoMetricSeries sends, logged in and not, what an
// attacker would to grow /metrics: made-up methods, random paths under
// every prefix (the proxy, the API, the root), long headers. After a first
// round that meets every route and status, more rounds add no series: the
// labels are bounded by the route table, not by the requests.
func TestHostileRequestsAddNoMetricSeries(t *testing.T) {
	reg := metrics.NewRegistry()
	env := newFakeEnv(t, func(c *Config) { c.Metrics = reg })
	env.login(t)
	id := env.hostID(t, "host0")
	anon := &http.Client{}
	round := func(i int) {
		long := strings.Repeat("x", 16<<10)
		for _, r := range []struct {
			method, path string
			anon         bool
		}{
			{fmt.Sprintf("BREW%d", i), "/api/hosts", false},
			{fmt.Sprintf("X-%d", i), fmt.Sprintf("/api/engine/hosts/%d", i), false},
			{"GET", fmt.Sprintf("/api/engine/hosts/%s/nics/%d", id, i), false},
			{"GET", fmt.Sprintf("/api/engine/vms%d", i), false},
			{"GET", "/api/engine/hosts?search=" + fmt.Sprint(i), false},
			{"GET", fmt.Sprintf("/api/nothing/%d", i), false},
			{"GET", fmt.Sprintf("/random/%d/%s", i, strings.Repeat("p", i%40)), true},
			{fmt.Sprintf("M%d", i), fmt.Sprintf("/%d", i), true},
			{"GET", "/metrics?x=" + fmt.Sprint(i), true},
			{"POST", fmt.Sprintf("/api/engine/hosts/%d/refresh", i), false},
		} {
			req, err := http.NewRequest(r.method, env.URL+r.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Long", long)
			req.Header.Set("User-Agent", fmt.Sprint("agent-", i))
			req.Header.Set("X-Request-Id", fmt.Sprintf("hostile-%08d", i))
			c := env.client
			if r.anon {
				c = anon
			} else if r.method == "POST" {
				req.Header.Set("X-CSRF-Token", env.CSRF)
			}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	for i := range 20 {
		round(i)
	}
	before, err := metrics.Series(reg)
	if err != nil {
		t.Fatal(err)
	}
	for i := 20; i < 400; i++ {
		round(i)
	}
	after, _ := metrics.Series(reg)
	if after != before {
		var b strings.Builder
		metrics.WriteText(&b, reg)
		t.Fatalf("hostile requests grew the series from %d to %d:\n%s", before, after, b.String())
	}
	var b strings.Builder
	metrics.WriteText(&b, reg)
	for _, bad := range []string{"BREW", "X-3", "M7", "/random", "/api/nothing/", "vms3", "hostile-"} {
		if strings.Contains(b.String(), bad) {
			t.Errorf("%q reached the metrics", bad)
		}
	}
	for _, want := range []string{
		`v6admin_http_requests_total{code="403",method="other",route="/api/engine/*"}`,
		`v6admin_http_requests_total{code="200",method="GET",route="/api/engine/*"}`,
		`v6admin_http_requests_total{code="404",method="GET",route="unmatched"}`,
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %s in the metrics:\n%s", want, b.String())
		}
	}
}
