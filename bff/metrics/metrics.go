// Package metrics is the BFF's Prometheus instrumentation, on the
// prometheus/client_golang library: the registry (with the Go runtime and
// process collectors), the /metrics handler, the HTTP request metrics as an
// Echo middleware, and the functions that keep label values bounded.
//
// Every label value that comes from a request is bounded by construction, so
// no client can add series (and memory) by sending made-up methods, paths or
// status codes:
//
//   - the method is one of the nine methods of RFC 9110 and RFC 5789, else
//     "other" (Method);
//   - the route is one of the patterns registered in Echo ("/api/hosts/:id",
//     "/api/engine/*"), else "unmatched" (HTTP.Middleware);
//   - the status is a code of the HTTP registry Go knows (200, 404, 503…),
//     else its class ("2xx" … "5xx"), else "other" (Code).
//
// Usage:
//
//	reg := metrics.NewRegistry()
//	hm := metrics.NewHTTP(reg)
//	e.Use(hm.Middleware(nil)) // or a func(error) int giving the status of an error
//	e.GET("/metrics", echo.WrapHandler(metrics.Handler(reg)))
//	… register the routes …
//	hm.SetRoutes(e.Routes())
package metrics

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"
)

// DefaultBuckets are latency buckets in seconds, from 0.5 ms to 10 s.
var DefaultBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Unmatched is the route label of a request no registered route matched.
const Unmatched = "unmatched"

// Other is the label value of a method or status outside the known sets.
const Other = "other"

// NewRegistry returns a registry with the Go runtime collector
// (go_goroutines, go_memstats_*, go_gc_*…) and the process collector
// (process_resident_memory_bytes, process_open_fds, process_cpu_seconds_total…).
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return reg
}

// Handler serves the registry in the Prometheus exposition formats
// (text, or OpenMetrics when asked), with Cache-Control: no-store. A
// collector error is served with what could be gathered.
func Handler(g prometheus.Gatherer) http.Handler {
	h := promhttp.HandlerFor(g, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// WriteText writes every metric of g in the text format (tests, debugging).
func WriteText(w io.Writer, g prometheus.Gatherer) error {
	mfs, err := g.Gather()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	enc := expfmt.NewEncoder(&b, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			return err
		}
	}
	_, err = w.Write(b.Bytes())
	return err
}

// Series returns the number of series g holds (a histogram counts once).
func Series(g prometheus.Gatherer) (int, error) {
	mfs, err := g.Gather()
	n := 0
	for _, mf := range mfs {
		n += len(mf.GetMetric())
	}
	return n, err
}

// Method returns the method label: one of the methods of RFC 9110 and
// PATCH, else "other".
func Method(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return Other
}

// codes are the status labels of 100..599: the code itself when Go knows
// its name, else the class.
var codes = func() (t [600]string) {
	for c := 100; c < 600; c++ {
		if http.StatusText(c) != "" {
			t[c] = strconv.Itoa(c)
		} else {
			t[c] = strconv.Itoa(c/100) + "xx"
		}
	}
	return t
}()

// Code returns the status label: a registered code ("404"), else its class
// ("4xx"), else "other" (outside 100..599).
func Code(status int) string {
	if status < 100 || status >= 600 {
		return Other
	}
	return codes[status]
}

// HTTP holds the request metrics of an Echo server:
// v6admin_http_requests_total{method,route,code} and
// v6admin_http_request_duration_seconds{route}.
type HTTP struct {
	reqs   *prometheus.CounterVec
	lat    *prometheus.HistogramVec
	routes atomic.Pointer[map[string]bool]
}

// NewHTTP registers the request metrics in reg.
func NewHTTP(reg prometheus.Registerer) *HTTP {
	h := &HTTP{
		reqs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "v6admin_http_requests_total", Help: "HTTP requests by method, route and status.",
		}, []string{"method", "route", "code"}),
		lat: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "v6admin_http_request_duration_seconds", Help: "HTTP request latency by route (WebSocket: until the upgrade).",
			Buckets: DefaultBuckets,
		}, []string{"route"}),
	}
	reg.MustRegister(h.reqs, h.lat)
	empty := map[string]bool{}
	h.routes.Store(&empty)
	return h
}

// SetRoutes sets the route patterns that may appear as labels (Echo's
// e.Routes() once every route is registered); any other c.Path() is
// "unmatched".
func (h *HTTP) SetRoutes(routes []*echo.Route) {
	m := make(map[string]bool, len(routes))
	for _, r := range routes {
		m[r.Path] = true
	}
	h.routes.Store(&m)
}

// Route returns the route label of an Echo path pattern.
func (h *HTTP) Route(path string) string {
	if path != "" && (*h.routes.Load())[path] {
		return path
	}
	return Unmatched
}

// Middleware counts and times every request; status is the written one, or
// the one errStatus gives for a returned error (nil: 500 for any error the
// handler returned without writing).
func (h *HTTP) Middleware(errStatus func(error) int) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			code := c.Response().Status
			if err != nil && !c.Response().Committed {
				code = http.StatusInternalServerError
				if errStatus != nil {
					code = errStatus(err)
				}
			}
			route := h.Route(c.Path())
			h.reqs.WithLabelValues(Method(c.Request().Method), route, Code(code)).Inc()
			h.lat.WithLabelValues(route).Observe(time.Since(start).Seconds())
			return err
		}
	}
}
