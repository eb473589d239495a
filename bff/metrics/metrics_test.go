package metrics

import (
	"math"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestTextFormat(t *testing.T) {
	r := NewRegistry()
	c := r.CounterVec("app_requests_total", "Requests by code.", "method", "code")
	c.With("GET", "200").Inc()
	c.With("GET", "200").Add(2)
	c.With("POST", "500").Inc()
	c.With("GET", "200").Add(-5) // ignored
	g := r.Gauge("app_clients", "Connected clients.\nSecond line with a \\.")
	g.Set(4)
	g.Dec()
	r.GaugeFunc("app_up", "Always one.", func() float64 { return 1 })
	h := r.Histogram("app_latency_seconds", "Latency.", []float64{0.1, 1})
	for _, v := range []float64{0.05, 0.1, 0.5, 3} {
		h.Observe(v)
	}
	lv := r.CounterVec("app_weird_total", "Escaping.", "path")
	lv.With("a\"b\\c\nd").Inc()

	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := `# HELP app_clients Connected clients.\nSecond line with a \\.
# TYPE app_clients gauge
app_clients 3
# HELP app_latency_seconds Latency.
# TYPE app_latency_seconds histogram
app_latency_seconds_bucket{le="0.1"} 2
app_latency_seconds_bucket{le="1"} 3
app_latency_seconds_bucket{le="+Inf"} 4
app_latency_seconds_sum 3.65
app_latency_seconds_count 4
# HELP app_requests_total Requests by code.
# TYPE app_requests_total counter
app_requests_total{method="GET",code="200"} 3
app_requests_total{method="POST",code="500"} 1
# HELP app_up Always one.
# TYPE app_up gauge
app_up 1
# HELP app_weird_total Escaping.
# TYPE app_weird_total counter
app_weird_total{path="a\"b\\c\nd"} 1
`
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}

	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if ct := w.Header().Get("Content-Type"); ct != ContentType || !strings.Contains(w.Body.String(), "app_up 1") {
		t.Fatalf("ServeHTTP: %q %q", ct, w.Body.String())
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {1.5, "1.5"}, {1e21, "1e+21"}, {math.Inf(1), "+Inf"}, {math.Inf(-1), "-Inf"}, {math.NaN(), "NaN"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.in); got != tt.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRegistrationPanics(t *testing.T) {
	tests := []struct {
		name string
		fn   func(r *Registry)
	}{
		{"bad metric name", func(r *Registry) { r.Counter("1abc", "") }},
		{"bad label name", func(r *Registry) { r.CounterVec("abc", "", "a-b") }},
		{"reserved label le", func(r *Registry) { r.HistogramVec("abc", "", nil, "le") }},
		{"duplicate", func(r *Registry) { r.Counter("abc", ""); r.Gauge("abc", "") }},
		{"unsorted buckets", func(r *Registry) { r.Histogram("abc", "", []float64{2, 1}) }},
		{"wrong label count", func(r *Registry) { r.CounterVec("abc", "", "a").With("x", "y") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			tt.fn(NewRegistry())
		})
	}
}

func TestConcurrentUpdates(t *testing.T) {
	r := NewRegistry()
	c := r.CounterVec("c_total", "", "k")
	h := r.Histogram("h", "", nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 1000 {
				c.With([]string{"a", "b"}[j%2]).Inc()
				h.Observe(float64(i) / 1000)
			}
			_ = r.Write(&strings.Builder{})
		}()
	}
	wg.Wait()
	if got := c.With("a").Value() + c.With("b").Value(); got != 8000 {
		t.Fatalf("counter total %v", got)
	}
	if h.Count() != 8000 {
		t.Fatalf("histogram count %d", h.Count())
	}
}
