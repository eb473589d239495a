package server

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

// LocalTransport carries the requests for an engine that runs in this
// process (the embedded engine) straight to its handler, without a TCP
// hop: the same http.Request a server would build (method, path, query,
// headers, body, Host, a loopback RemoteAddr), the answer buffered and
// returned as an http.Response. On 2 cores the loopback hop (a second HTTP
// client and server exchange, four system calls, two connection goroutines)
// cost the proxy about as much CPU as the engine's own answer.
//
// Only requests whose URL host is host ("[::1]:8080", the engine URL's)
// go to the handler; any other goes to fallback. A request whose context
// ends before the handler answers returns the context's error (the handler
// finishes in the background, its answer discarded).
func LocalTransport(host string, handler http.Handler, fallback http.RoundTripper) http.RoundTripper {
	return &localRT{host: host, h: handler, fallback: fallback}
}

type localRT struct {
	host     string
	h        http.Handler
	fallback http.RoundTripper
}

func (l *localRT) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != l.host || (req.URL.Scheme != "http" && req.URL.Scheme != "https") {
		return l.fallback.RoundTrip(req)
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	// The request as net/http's server would hand it over.
	in := new(http.Request)
	*in = *req
	in.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	in.RequestURI = req.URL.RequestURI()
	in.Host = req.URL.Host
	in.RemoteAddr = "[::1]:0"
	in.Proto, in.ProtoMajor, in.ProtoMinor = "HTTP/1.1", 1, 1
	in.Header = req.Header.Clone()
	if in.Header == nil {
		in.Header = http.Header{}
	}
	if in.Body == nil {
		in.Body = http.NoBody
	}
	in.TLS = nil

	w := &localWriter{header: make(http.Header, 8), buf: getBuf()}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer in.Body.Close() // a RoundTripper closes the request body
		defer func() {
			if p := recover(); p != nil {
				w.panicked = true
			}
		}()
		l.h.ServeHTTP(w, in)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, ctx.Err() // w is the handler's until it returns
	}
	if w.panicked {
		putBuf(w.buf)
		return nil, errLocalPanic
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	h := w.header
	if h.Get("Content-Type") == "" && w.buf.Len() > 0 {
		h.Set("Content-Type", http.DetectContentType(w.buf.Bytes()))
	}
	n := int64(w.buf.Len())
	if h.Get("Content-Length") == "" {
		h.Set("Content-Length", strconv.FormatInt(n, 10))
	}
	if req.Method == http.MethodHead { // as a server: the length, no body
		w.buf.Reset()
		n = 0
	}
	return &http.Response{
		Status: strconv.Itoa(w.status) + " " + http.StatusText(w.status), StatusCode: w.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: &localBody{Reader: bytes.NewReader(w.buf.Bytes()), buf: w.buf}, ContentLength: n,
		Request: req,
	}, nil
}

// errLocalPanic is what a handler's panic becomes (a 502 for the proxy).
var errLocalPanic = &localError{"embedded engine: the handler panicked"}

type localError struct{ s string }

func (e *localError) Error() string { return e.s }

// localWriter is the handler's ResponseWriter: it buffers the answer.
type localWriter struct {
	header   http.Header
	status   int
	buf      *bytes.Buffer
	panicked bool
}

func (w *localWriter) Header() http.Header { return w.header }

func (w *localWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // 1xx: informational, not the answer
		w.status = code
	}
}

func (w *localWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.buf.Write(p)
}

// Flush is a no-op: the answer is returned once the handler is done.
func (w *localWriter) Flush() {}

// localBody returns its buffer to the pool when closed.
type localBody struct {
	*bytes.Reader
	mu  sync.Mutex
	buf *bytes.Buffer
}

func (b *localBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf != nil {
		b.Reset(nil)
		putBuf(b.buf)
		b.buf = nil
	}
	return nil
}

var localBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuf() *bytes.Buffer { b := localBufs.Get().(*bytes.Buffer); b.Reset(); return b }

func putBuf(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 { // keep the pool small: big answers are rare
		localBufs.Put(b)
	}
}

var _ io.ReadCloser = (*localBody)(nil)
