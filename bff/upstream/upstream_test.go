package upstream

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rawServer is an HTTP/1.1 server on [::1] written with the standard
// library's framing, whose answers the tests choose byte by byte.
type rawServer struct {
	ln      net.Listener
	accepts atomic.Int64
	closed  chan struct{} // a value per connection the server saw closed by the client
	reqs    chan *http.Request
}

// answer writes the answer to one request; false closes the connection.
type answer func(w *bufio.Writer, req *http.Request, n int) bool

func newRawServer(t testing.TB, a answer) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln, closed: make(chan struct{}, 100), reqs: make(chan *http.Request, 1000)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.accepts.Add(1)
			go func() {
				defer c.Close()
				br, bw := bufio.NewReader(c), bufio.NewWriter(c)
				for n := 0; ; n++ {
					req, err := http.ReadRequest(br)
					if err != nil {
						if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "reset") {
							s.closed <- struct{}{}
						}
						return
					}
					io.Copy(io.Discard, req.Body)
					select {
					case s.reqs <- req:
					default:
					}
					if !a(bw, req, n) {
						bw.Flush()
						return
					}
					if bw.Flush() != nil {
						return
					}
				}
			}()
		}
	}()
	return s
}

func (s *rawServer) url(path string) string { return "http://" + s.ln.Addr().String() + path }

// newTransport is the engine transport's configuration on a fresh
// fallback.
func newTransport(t *testing.T, edit func(*http.Transport)) *Transport {
	t.Helper()
	fb := http.DefaultTransport.(*http.Transport).Clone()
	fb.MaxIdleConnsPerHost = 16
	fb.Proxy = nil
	if edit != nil {
		edit(fb)
	}
	tr := New(fb)
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

func get(t *testing.T, tr http.RoundTripper, ctx context.Context, method, url string) (*http.Response, string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return nil, "", err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b), err
}

func lengthAnswer(body string) answer {
	return func(w *bufio.Writer, _ *http.Request, _ int) bool {
		fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		return true
	}
}

// TestReuse: answers of known length and chunked answers (with trailers),
// HEAD and 304 without a body, read to the end, leave the connection in
// the pool: one connection for many sequential requests, a few for
// concurrent ones (run with -race).
func TestReuse(t *testing.T) {
	body := strings.Repeat(`{"host":"0123456789abcdef"},`, 400)
	tests := []struct {
		name   string
		method string
		a      answer
		want   string
	}{
		{"content-length", "GET", lengthAnswer(body), body},
		{"chunked with trailer", "GET", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n")
			for i := 0; i < len(body); i += 1000 {
				part := body[i:min(i+1000, len(body))]
				fmt.Fprintf(w, "%x\r\n%s\r\n", len(part), part)
			}
			w.WriteString("0\r\nX-Sum: 1\r\n\r\n")
			return true
		}, body},
		{"HEAD", "HEAD", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n")
			return true
		}, ""},
		{"304", "GET", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 304 Not Modified\r\nEtag: \"1\"\r\n\r\n")
			return true
		}, ""},
		{"103 then 200", "GET", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n")
			fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			return true
		}, "ok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newRawServer(t, tc.a)
			tr := newTransport(t, nil)
			for range 20 {
				_, got, err := get(t, tr, context.Background(), tc.method, s.url("/ovirt-engine/api/hosts"))
				if err != nil || got != tc.want {
					t.Fatalf("%d bytes, %v; want %d bytes", len(got), err, len(tc.want))
				}
			}
			if n := s.accepts.Load(); n != 1 {
				t.Errorf("%d connections for 20 sequential requests, want 1", n)
			}
			// A body read to its end keeps answering EOF, closed or not.
			req, _ := http.NewRequest(tc.method, s.url("/x"), nil)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			io.ReadAll(resp.Body)
			for range 2 {
				if n, err := resp.Body.Read(make([]byte, 8)); n != 0 || err != io.EOF {
					t.Errorf("read after the end: %d, %v", n, err)
				}
				resp.Body.Close()
			}
			var wg sync.WaitGroup
			for range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 20 {
						if _, got, err := get(t, tr, context.Background(), tc.method, s.url("/x")); err != nil || got != tc.want {
							t.Errorf("%d bytes, %v", len(got), err)
							return
						}
					}
				}()
			}
			wg.Wait()
			if n := s.accepts.Load(); n > 9 {
				t.Errorf("%d connections for 8 concurrent clients", n)
			}
		})
	}
}

// TestRequestOnTheWire: the request is the caller's, framed by
// Request.Write: method, path and query, Host, headers, no body.
func TestRequestOnTheWire(t *testing.T) {
	s := newRawServer(t, lengthAnswer("{}"))
	tr := newTransport(t, nil)
	req, _ := http.NewRequest("GET", s.url("/ovirt-engine/api/hosts?search=name%3Dh1"), nil)
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Version", "4")
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(resp.Body)
	resp.Body.Close()
	got := <-s.reqs
	if got.Method != "GET" || got.RequestURI != "/ovirt-engine/api/hosts?search=name%3Dh1" || got.Host != s.ln.Addr().String() ||
		got.Header.Get("Authorization") != "Bearer tok" || got.Header.Get("Version") != "4" || got.ContentLength != 0 {
		t.Errorf("the engine got %s %s Host %s %v (length %d)", got.Method, got.RequestURI, got.Host, got.Header, got.ContentLength)
	}
}

// TestNoReuse: a connection is closed, never reused, when the answer or
// the request says Connection: close, when the body is closed before its
// end, when the body ends early (an error mid-body), when the answer's
// length is unknown (read to EOF), or when bytes come that no request
// asked for. The next request dials a new connection and succeeds.
func TestNoReuse(t *testing.T) {
	tests := []struct {
		name     string
		a        answer
		reqClose bool
		readN    int  // bytes read before Close; -1 reads all
		wantErr  bool // reading the first body fails
	}{
		{"Connection: close", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
			return true
		}, false, -1, false},
		{"request Close", lengthAnswer("ok"), true, -1, false},
		{"body closed unread", lengthAnswer(strings.Repeat("x", 100000)), false, 10, false},
		{"body closed unread chunked", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n")
			return true
		}, false, 3, false},
		{"cut short", func(w *bufio.Writer, req *http.Request, _ int) bool {
			if req.URL.Path == "/a" {
				w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this")
				return false
			}
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			return true
		}, false, -1, true},
		{"chunked cut short", func(w *bufio.Writer, req *http.Request, _ int) bool {
			if req.URL.Path == "/a" {
				w.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
				return false
			}
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			return true
		}, false, -1, true},
		{"length unknown", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 200 OK\r\n\r\nuntil EOF")
			return false
		}, false, -1, false},
		{"extra bytes", func(w *bufio.Writer, _ *http.Request, _ int) bool {
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno")
			return true
		}, false, -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newRawServer(t, tc.a)
			tr := newTransport(t, nil)
			req, _ := http.NewRequest("GET", s.url("/a"), nil)
			req.Close = tc.reqClose
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if tc.readN >= 0 {
				_, err = io.ReadFull(resp.Body, make([]byte, tc.readN))
			} else {
				_, err = io.ReadAll(resp.Body)
			}
			if (err != nil) != tc.wantErr {
				t.Errorf("reading the body: %v, want error %v", err, tc.wantErr)
			}
			resp.Body.Close()
			if _, err := resp.Body.Read(make([]byte, 1)); err == nil {
				t.Error("a closed body still reads")
			}
			if _, _, err := get(t, tr, context.Background(), "GET", s.url("/b")); err != nil {
				t.Fatalf("next request: %v", err)
			}
			if n := s.accepts.Load(); n != 2 {
				t.Errorf("%d connections, want 2 (the first not reused)", n)
			}
		})
	}
}

// TestStaleIdleConnection: the engine closes a kept-alive connection while
// it is idle (Apache's KeepAliveTimeout); the next GET fails on it before
// any answer and is sent once more on a new connection.
func TestStaleIdleConnection(t *testing.T) {
	s := newRawServer(t, func(w *bufio.Writer, _ *http.Request, _ int) bool {
		w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		return false // closes without saying so
	})
	tr := newTransport(t, nil)
	for i := range 3 {
		if _, got, err := get(t, tr, context.Background(), "GET", s.url("/a")); err != nil || got != "ok" {
			t.Fatalf("request %d: %q %v", i, got, err)
		}
		time.Sleep(20 * time.Millisecond) // the server closed the connection meanwhile
	}
	if n := s.accepts.Load(); n != 3 {
		t.Errorf("%d connections, want 3", n)
	}
}

// TestContext: a cancel or a deadline interrupts the wait for the answer
// and the reading of its body at once; the error is the context's, and the
// connection is not reused.
func TestContext(t *testing.T) {
	stall := make(chan struct{})
	t.Cleanup(func() { close(stall) })
	s := newRawServer(t, func(w *bufio.Writer, req *http.Request, _ int) bool {
		switch req.URL.Path {
		case "/headers":
			<-stall
		case "/body":
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart")
			w.Flush()
			<-stall
		default:
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		}
		return true
	})
	tr := newTransport(t, nil)
	tests := []struct {
		path     string
		deadline bool
		want     error
	}{
		{"/headers", false, context.Canceled},
		{"/headers", true, context.DeadlineExceeded},
		{"/body", false, context.Canceled},
		{"/body", true, context.DeadlineExceeded},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.path, tc.deadline), func(t *testing.T) {
			var ctx context.Context
			var cancel context.CancelFunc
			if tc.deadline {
				ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
			} else {
				ctx, cancel = context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
			}
			defer cancel()
			start := time.Now()
			_, _, err := get(t, tr, ctx, "GET", s.url(tc.path))
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("returned after %s", d)
			}
		})
	}
	before := s.accepts.Load()
	if _, got, err := get(t, tr, context.Background(), "GET", s.url("/ok")); err != nil || got != "ok" {
		t.Fatalf("after: %q %v", got, err)
	}
	if n := s.accepts.Load(); n != before+1 {
		t.Errorf("an interrupted connection was reused (%d connections, want %d)", n, before+1)
	}
	// A context that ended before the request: nothing is sent.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := get(t, tr, ctx, "GET", s.url("/ok")); !errors.Is(err, context.Canceled) {
		t.Errorf("ended context: %v", err)
	}
}

// TestTLS: https goes over TLS with the fallback's roots, ALPN http/1.1,
// one handshake for many requests; a certificate the roots do not trust is
// refused.
func TestTLS(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("over " + r.Proto))
	}))
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener = ln
	srv.EnableHTTP2 = true
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	tr := newTransport(t, func(fb *http.Transport) {
		fb.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots}
	})
	for range 5 {
		resp, got, err := get(t, tr, context.Background(), "GET", srv.URL+"/x")
		if err != nil || got != "over HTTP/1.1" || resp.TLS == nil || !resp.TLS.HandshakeComplete {
			t.Fatalf("%q %v", got, err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d TLS connections for 5 requests, want 1", n)
	}
	untrusting := newTransport(t, func(fb *http.Transport) {
		fb.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: x509.NewCertPool()}
	})
	if _, _, err := get(t, untrusting, context.Background(), "GET", srv.URL+"/x"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted certificate: %v", err)
	}
}

// TestFallback: writes, requests with a body and requests through an HTTP
// proxy go to the fallback transport (its own connections); reads stay on
// the pool's.
func TestFallback(t *testing.T) {
	s := newRawServer(t, lengthAnswer("ok"))
	tr := newTransport(t, nil)
	steps := []struct {
		method    string
		body      string
		wantConns int64
	}{
		{"GET", "", 1},  // the pool's connection
		{"POST", "", 2}, // the fallback's connection
		{"GET", "", 2},
		{"PUT", "{}", 2},
		{"GET", "{}", 2}, // a GET with a body: the fallback too
		{"HEAD", "", 2},
	}
	for i, st := range steps {
		var body io.Reader
		if st.body != "" {
			body = strings.NewReader(st.body)
		}
		req, _ := http.NewRequest(st.method, s.url("/a"), body)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		if n := s.accepts.Load(); n != st.wantConns {
			t.Errorf("step %d %s: %d connections, want %d", i, st.method, n, st.wantConns)
		}
		time.Sleep(5 * time.Millisecond) // the fallback puts its connection back asynchronously
	}

	// Through a proxy from the environment: the fallback, which sends the
	// request to the proxy.
	proxy := newRawServer(t, lengthAnswer("via proxy"))
	viaProxy := newTransport(t, func(fb *http.Transport) {
		fb.Proxy = func(*http.Request) (*url.URL, error) { return url.Parse(proxy.url("")) }
	})
	if _, got, err := get(t, viaProxy, context.Background(), "GET", "http://engine.invalid/ovirt-engine/api"); err != nil || got != "via proxy" {
		t.Errorf("through the proxy: %q %v", got, err)
	}
}

// TestLimits: response headers longer than the fallback's
// MaxResponseHeaderBytes and a 101 are errors, not answers.
func TestLimits(t *testing.T) {
	s := newRawServer(t, func(w *bufio.Writer, req *http.Request, _ int) bool {
		if req.URL.Path == "/101" {
			w.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n")
			return true
		}
		w.WriteString("HTTP/1.1 200 OK\r\n")
		for range 100 {
			w.WriteString("X-Big: " + strings.Repeat("a", 100) + "\r\n")
		}
		w.WriteString("Content-Length: 0\r\n\r\n")
		return true
	})
	tr := newTransport(t, func(fb *http.Transport) { fb.MaxResponseHeaderBytes = 4096 })
	if _, _, err := get(t, tr, context.Background(), "GET", s.url("/big")); !errors.Is(err, errHeaderTooLong) {
		t.Errorf("10 KB of headers: %v", err)
	}
	if _, _, err := get(t, tr, context.Background(), "GET", s.url("/101")); err == nil {
		t.Error("101 accepted")
	}
	big := newTransport(t, nil)
	if _, _, err := get(t, big, context.Background(), "GET", s.url("/big")); err != nil {
		t.Errorf("10 KB of headers under the default limit: %v", err)
	}
}

// TestIdleTimeout: a connection idle for longer than the fallback's
// IdleConnTimeout is closed by the pool, not reused.
func TestIdleTimeout(t *testing.T) {
	s := newRawServer(t, lengthAnswer("ok"))
	tr := newTransport(t, func(fb *http.Transport) { fb.IdleConnTimeout = 50 * time.Millisecond })
	if _, _, err := get(t, tr, context.Background(), "GET", s.url("/a")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the idle connection was not closed")
	}
	if _, _, err := get(t, tr, context.Background(), "GET", s.url("/a")); err != nil {
		t.Fatal(err)
	}
	if n := s.accepts.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

// FuzzAnswer: whatever the engine answers, the transport returns an answer
// or an error, never panics or hangs, and reuses the connection only when
// the answer was complete: the next request on the same transport then
// gets the next answer, not left-over bytes.
func FuzzAnswer(f *testing.F) {
	f.Add([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
	f.Add([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"))
	f.Add([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n\r\n"))
	f.Add([]byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"))
	f.Add([]byte("HTTP/1.0 200 OK\r\n\r\nx"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		raw = raw[:min(len(raw), 16<<10)] // read in one piece from the pipe
		const good = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood"
		var first atomic.Bool
		fb := http.DefaultTransport.(*http.Transport).Clone()
		fb.Proxy = nil
		fb.MaxResponseHeaderBytes = 1 << 16
		fb.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			c, s := net.Pipe()
			fuzzed := !first.Swap(true) // the first connection answers raw, then good ones
			go func() {
				defer s.Close()
				br := bufio.NewReader(s)
				for i := 0; ; i++ {
					if _, err := http.ReadRequest(br); err != nil {
						return
					}
					ans := []byte(good)
					if fuzzed && i == 0 {
						ans = raw
					}
					if _, err := s.Write(ans); err != nil {
						return
					}
					if fuzzed && i == 0 {
						return // then the connection ends
					}
				}
			}()
			return c, nil
		}
		tr := New(fb)
		defer tr.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://[::1]:1/x", nil)
		if resp, err := tr.RoundTrip(req); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if ctx.Err() != nil {
			t.Fatal("the transport hung on", strconv.Quote(string(raw)))
		}
		for range 2 {
			req, _ = http.NewRequestWithContext(ctx, "GET", "http://[::1]:1/x", nil)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatalf("after %q: %v", raw, err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(b) != "good" {
				t.Fatalf("after %q: got %q %v", raw, b, err)
			}
		}
	})
}

// TestNoGoroutinePerConnection: the pooled connections cost no goroutine
// (net/http.Transport runs a readLoop and a writeLoop for each): after 8
// concurrent requests leave 8 connections idle, the process has only the
// test server's goroutine for each more.
func TestNoGoroutinePerConnection(t *testing.T) {
	s := newRawServer(t, lengthAnswer("ok"))
	tr := newTransport(t, nil)
	testNoGoroutinePerConnection(t, s, tr)
}

func testNoGoroutinePerConnection(t *testing.T, s *rawServer, tr http.RoundTripper) {
	t.Helper()
	before := runtime.NumGoroutine()
	start := make(chan struct{})
	var wg sync.WaitGroup
	var bodies []io.ReadCloser
	var mu sync.Mutex
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, _ := http.NewRequest("GET", s.url("/a"), nil)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			bodies = append(bodies, resp.Body)
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	for _, b := range bodies { // all 8 answers in hand: 8 connections
		io.ReadAll(b)
		b.Close()
	}
	time.Sleep(20 * time.Millisecond)
	conns := int(s.accepts.Load())
	if conns != 8 {
		t.Fatalf("%d connections, want 8", conns)
	}
	if extra := runtime.NumGoroutine() - before - conns; extra > 2 {
		t.Errorf("%d goroutines more than the server's for %d idle connections", extra, conns)
	}
}
