package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"v6admin/bff/proxy"
)

// cannedHosts answers GET …/hosts with a fixed body of the real list's
// size, without a network: what is left is the BFF's own work.
type cannedHosts struct {
	next http.RoundTripper
	body []byte
}

func (c cannedHosts) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/hosts") {
		return c.next.RoundTrip(r)
	}
	return &http.Response{
		StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(c.body))}},
		ContentLength: int64(len(c.body)), Body: io.NopCloser(bytes.NewReader(c.body)), Request: r,
	}, nil
}

// discardWriter is a ResponseWriter that keeps the status and drops the
// body.
type discardWriter struct {
	h    http.Header
	code int
	n    int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// BenchmarkProxyChain is the BFF's own work for GET /api/engine/hosts —
// router, middleware, session, CSRF, metrics, the proxy's checks and
// headers — with the engine's answer canned and no network, for
// -cpuprofile and -memprofile: the remote v6admin's cost above the floors
// of bff/internal/proxybench.
func BenchmarkProxyChain(b *testing.B) {
	body := bytes.Repeat([]byte(`{"host":[]} `), 18225/12)
	env := newFakeEnv(b, func(c *Config) { c.EngineTransport = cannedHosts{next: c.EngineTransport, body: body} })
	env.login(b)
	h := env.Server.Handler()
	cookies := env.client.Jar.Cookies(mustURL(b, env.URL))
	req := httptest.NewRequest("GET", proxy.Prefix+"/hosts", nil)
	req.Host = strings.TrimPrefix(env.URL, "http://")
	req.RemoteAddr = "[::1]:40000"
	for _, c := range cookies {
		req.AddCookie(c)
	}
	w := &discardWriter{h: http.Header{}}
	h.ServeHTTP(w, req)
	if w.code != 200 || w.n != len(body) {
		b.Fatalf("%d, %d bytes", w.code, w.n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		clear(w.h)
		w.code, w.n = 0, 0
		h.ServeHTTP(w, req)
	}
	if w.code != 200 {
		b.Fatal(w.code)
	}
}
