// Package upstream is the BFF's HTTP/1.1 client for the reads it sends to
// a remote engine: a pool of keep-alive connections used synchronously by
// the goroutine that makes the request.
//
// Why hand-written: net/http.Transport runs two goroutines per connection
// (readLoop and writeLoop) and hands every request and answer between them
// and the caller over channels. With the BFF proxying GET /api/engine/hosts
// to an engine over HTTP on [::1] (make bench-proxy, "remote"), a profile
// of the proxying process put a fifth of its CPU in those hand-offs
// (futex wake-ups, the scheduler) and the readLoop's extra read. Here the
// caller writes the request and reads the answer itself: no goroutine, no
// channel. Measured on the shared 2-core machine, the old and the new
// binary interleaved against the same engine (wrk, 8 connections, 5
// rounds of 4 s), CPU per request of the proxying process alone: 257-296
// µs with net/http.Transport, 223-268 µs with this (user time 167-177 →
// 135-156 µs); nginx 87-101 µs in the same runs. The rest is net/http's
// server, the Go runtime and more system calls than nginx's; see README.md
// (Benchmarks).
//
// Only the standard library frames HTTP: Request.Write into a
// bufio.Writer, http.ReadResponse from a bufio.Reader; nothing here parses
// HTTP by hand. The rules:
//
//   - Only GET and HEAD without a body, without Upgrade, over http or https
//     and not through an HTTP proxy from the environment are sent here;
//     every other request goes to the fallback http.Transport (writes keep
//     its request-body handling and retry rules).
//   - Connections are dialled with the fallback's DialContext and TLS
//     configuration (ALPN http/1.1 only), its TLS handshake timeout, idle
//     timeout and idle-connection limit per host.
//   - A context's end (cancel or deadline) interrupts a blocked write or
//     read at once (context.AfterFunc sets a past deadline on the
//     connection: no goroutine per request) and the error returned is the
//     context's.
//   - A connection goes back to the pool only when its answer was read to
//     the end (body EOF), neither side asked for Connection: close, nothing
//     past the answer was received and the context did not end; closing a
//     body before its end, or any error, closes the connection: a
//     connection is never reused with unread bytes.
//   - A request that fails on a reused connection before any byte of the
//     answer came (the engine closed the idle connection) is sent once more
//     on a new connection: it is a GET or HEAD, so repeating it is safe.
//   - The response headers are limited as the fallback's are
//     (MaxResponseHeaderBytes, 10 MiB if unset).
package upstream

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"sync"
	"time"
)

// Transport is an http.RoundTripper for reads from one or a few hosts;
// see the package documentation.
type Transport struct {
	fallback         *http.Transport
	dial             func(ctx context.Context, network, addr string) (net.Conn, error)
	tlsBase          *tls.Config
	handshakeTimeout time.Duration
	idleTimeout      time.Duration
	maxIdle          int
	readBuffer       int
	maxHeader        int64

	mu      sync.Mutex
	idle    map[string][]*conn // by scheme and address, most recently used last
	tlsConf map[string]*tls.Config
	janitor *time.Timer
}

// Defaults for the settings a fallback leaves at zero.
const (
	defaultIdleTimeout = 90 * time.Second
	defaultMaxIdle     = 2 // http.DefaultMaxIdleConnsPerHost
	defaultReadBuffer  = 32 << 10
	writeBuffer        = 4 << 10 // a request line and headers
	defaultMaxHeader   = 10 << 20
)

// New returns a Transport that takes its settings from fallback and sends it
// every request it does not handle itself.
func New(fallback *http.Transport) *Transport {
	t := &Transport{
		fallback:         fallback,
		dial:             fallback.DialContext,
		tlsBase:          fallback.TLSClientConfig,
		handshakeTimeout: fallback.TLSHandshakeTimeout,
		idleTimeout:      fallback.IdleConnTimeout,
		maxIdle:          fallback.MaxIdleConnsPerHost,
		readBuffer:       fallback.ReadBufferSize,
		maxHeader:        fallback.MaxResponseHeaderBytes,
		idle:             map[string][]*conn{},
		tlsConf:          map[string]*tls.Config{},
	}
	if t.dial == nil {
		t.dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	}
	if t.idleTimeout <= 0 {
		t.idleTimeout = defaultIdleTimeout
	}
	if t.maxIdle <= 0 {
		t.maxIdle = defaultMaxIdle
	}
	if t.readBuffer <= 0 {
		t.readBuffer = defaultReadBuffer
	}
	if t.maxHeader <= 0 {
		t.maxHeader = defaultMaxHeader
	}
	return t
}

// handles reports whether req is sent by t itself.
func (t *Transport) handles(req *http.Request) bool {
	if req.URL == nil || (req.URL.Scheme != "http" && req.URL.Scheme != "https") || req.URL.Host == "" {
		return false
	}
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return false
	}
	if (req.Body != nil && req.Body != http.NoBody) || req.ContentLength != 0 || len(req.TransferEncoding) > 0 {
		return false
	}
	if _, ok := req.Header["Upgrade"]; ok {
		return false
	}
	if t.fallback.Proxy != nil {
		if u, err := t.fallback.Proxy(req); err != nil || u != nil {
			return false
		}
	}
	return true
}

// RoundTrip sends req and returns its answer; the caller must close the
// body.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.handles(req) {
		return t.fallback.RoundTrip(req)
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	host := req.URL.Hostname()
	port := req.URL.Port()
	if port == "" {
		port = "80"
		if req.URL.Scheme == "https" {
			port = "443"
		}
	}
	addr := net.JoinHostPort(host, port)
	key := req.URL.Scheme + "://" + addr
	for attempt := 0; ; attempt++ {
		pc, reused := t.idleConn(key)
		if pc == nil {
			var err error
			if pc, err = t.dialConn(ctx, req.URL.Scheme, addr, host, key); err != nil {
				return nil, err
			}
		}
		resp, err := t.send(pc, req)
		if err == nil {
			return resp, nil
		}
		var s staleError
		if reused && attempt == 0 && errors.As(err, &s) && ctx.Err() == nil {
			continue // the engine closed the idle connection: once more on a new one
		}
		return nil, err
	}
}

// CloseIdleConnections closes the idle connections of t and of its
// fallback.
func (t *Transport) CloseIdleConnections() {
	t.mu.Lock()
	var all []*conn
	for k, l := range t.idle {
		all = append(all, l...)
		delete(t.idle, k)
	}
	t.mu.Unlock()
	for _, pc := range all {
		pc.nc.Close()
	}
	t.fallback.CloseIdleConnections()
}

// conn is one connection to the engine.
type conn struct {
	nc     net.Conn
	br     *bufio.Reader
	bw     *bufio.Writer
	key    string
	tls    *tls.ConnectionState
	limit  int64 // bytes the next reads may take (the header limit)
	idleAt time.Time
}

// Read reads from the connection within the limit.
func (pc *conn) Read(p []byte) (int, error) {
	if pc.limit <= 0 {
		return 0, errHeaderTooLong
	}
	if int64(len(p)) > pc.limit {
		p = p[:pc.limit]
	}
	n, err := pc.nc.Read(p)
	pc.limit -= int64(n)
	return n, err
}

var errHeaderTooLong = errors.New("upstream: the engine's response headers are too long")

// idleConn takes the most recently used live idle connection for key.
func (t *Transport) idleConn(key string) (*conn, bool) {
	var expired []*conn
	var pc *conn
	now := time.Now()
	t.mu.Lock()
	l := t.idle[key]
	for len(l) > 0 {
		c := l[len(l)-1]
		l[len(l)-1] = nil
		l = l[:len(l)-1]
		if now.Sub(c.idleAt) < t.idleTimeout {
			pc = c
			break
		}
		expired = append(expired, c)
	}
	t.idle[key] = l
	t.mu.Unlock()
	for _, c := range expired {
		c.nc.Close()
	}
	return pc, pc != nil
}

// dialConn opens a connection, with TLS for https.
func (t *Transport) dialConn(ctx context.Context, scheme, addr, host, key string) (*conn, error) {
	nc, err := t.dial(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("upstream: dial %s: %w", addr, err)
	}
	pc := &conn{nc: nc, key: key}
	if scheme == "https" {
		tc := tls.Client(nc, t.tlsConfig(host))
		hctx := ctx
		if t.handshakeTimeout > 0 {
			var cancel context.CancelFunc
			hctx, cancel = context.WithTimeout(ctx, t.handshakeTimeout)
			defer cancel()
		}
		if err := tc.HandshakeContext(hctx); err != nil {
			nc.Close()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("upstream: TLS handshake with %s: %w", addr, err)
		}
		st := tc.ConnectionState()
		if st.NegotiatedProtocol != "" && st.NegotiatedProtocol != "http/1.1" {
			tc.Close()
			return nil, fmt.Errorf("upstream: %s negotiated %q, not http/1.1", addr, st.NegotiatedProtocol)
		}
		pc.nc, pc.tls = tc, &st
	}
	pc.br = bufio.NewReaderSize(pc, t.readBuffer)
	pc.bw = bufio.NewWriterSize(pc.nc, writeBuffer)
	return pc, nil
}

// tlsConfig is the fallback's TLS configuration for host, speaking
// HTTP/1.1 only.
func (t *Transport) tlsConfig(host string) *tls.Config {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c, ok := t.tlsConf[host]; ok {
		return c
	}
	var c *tls.Config
	if t.tlsBase != nil {
		c = t.tlsBase.Clone()
	} else {
		c = &tls.Config{}
	}
	if c.ServerName == "" {
		c.ServerName = host
	}
	c.NextProtos = []string{"http/1.1"}
	t.tlsConf[host] = c
	return c
}

// staleError marks a failure on a connection before any byte of the answer
// came: the request may be sent again on a new connection.
type staleError struct{ err error }

func (e staleError) Error() string { return e.err.Error() }
func (e staleError) Unwrap() error { return e.err }

// aLongTimeAgo is a deadline that has passed: it interrupts a blocked
// read or write.
var aLongTimeAgo = time.Unix(1, 0)

// send writes req on pc and reads the answer's headers.
func (t *Transport) send(pc *conn, req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	stop := context.AfterFunc(ctx, func() { _ = pc.nc.SetDeadline(aLongTimeAgo) })
	fail := func(err error) (*http.Response, error) {
		stop()
		pc.nc.Close()
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		return nil, err
	}
	if err := req.Write(pc.bw); err != nil {
		return fail(staleError{fmt.Errorf("upstream: writing the request: %w", err)})
	}
	if err := pc.bw.Flush(); err != nil {
		return fail(staleError{fmt.Errorf("upstream: writing the request: %w", err)})
	}
	pc.limit = t.maxHeader
	if _, err := pc.br.Peek(1); err != nil {
		return fail(staleError{fmt.Errorf("upstream: reading the answer: %w", err)})
	}
	var resp *http.Response
	for {
		var err error
		resp, err = http.ReadResponse(pc.br, req)
		if err != nil {
			return fail(fmt.Errorf("upstream: reading the answer: %w", err))
		}
		if resp.StatusCode == http.StatusSwitchingProtocols {
			return fail(errors.New("upstream: unexpected 101 Switching Protocols"))
		}
		if resp.StatusCode >= 200 {
			break
		}
		// 1xx (103 Early Hints...): informational, the answer follows.
	}
	pc.limit = math.MaxInt64
	resp.TLS = pc.tls
	reuse := !resp.Close && !req.Close
	if resp.Body == http.NoBody {
		t.release(pc, stop, reuse)
		return resp, nil
	}
	resp.Body = &body{t: t, pc: pc, rc: resp.Body, stop: stop, ctx: ctx, reuse: reuse}
	return resp, nil
}

// release puts pc back in the pool if it may be reused, or closes it.
func (t *Transport) release(pc *conn, stop func() bool, reuse bool) {
	if !stop() || !reuse || pc.br.Buffered() > 0 {
		// The context ended (the connection's deadline may be set), the
		// answer asked to close, or bytes came that no request asked for.
		pc.nc.Close()
		return
	}
	pc.idleAt = time.Now()
	t.mu.Lock()
	if len(t.idle[pc.key]) >= t.maxIdle {
		t.mu.Unlock()
		pc.nc.Close()
		return
	}
	t.idle[pc.key] = append(t.idle[pc.key], pc)
	if t.janitor == nil {
		t.janitor = time.AfterFunc(t.idleTimeout, t.prune)
	}
	t.mu.Unlock()
}

// prune closes the connections idle for longer than the idle timeout; it
// runs while any connection is idle.
func (t *Transport) prune() {
	var expired []*conn
	now := time.Now()
	t.mu.Lock()
	left := 0
	for k, l := range t.idle {
		kept := l[:0]
		for _, c := range l {
			if now.Sub(c.idleAt) >= t.idleTimeout {
				expired = append(expired, c)
			} else {
				kept = append(kept, c)
			}
		}
		clear(l[len(kept):])
		if len(kept) == 0 {
			delete(t.idle, k)
		} else {
			t.idle[k] = kept
		}
		left += len(kept)
	}
	if left > 0 {
		t.janitor.Reset(t.idleTimeout)
	} else {
		t.janitor = nil
	}
	t.mu.Unlock()
	for _, c := range expired {
		c.nc.Close()
	}
}

// body is an answer's body: at its end the connection goes back to the
// pool; closed before, or on an error, the connection is closed.
type body struct {
	t     *Transport
	pc    *conn
	rc    io.ReadCloser
	stop  func() bool
	ctx   context.Context
	reuse bool

	mu   sync.Mutex
	done bool // the connection was released
	eof  bool // ... at the body's end
}

var errBodyClosed = errors.New("upstream: read on a closed response body")

func (b *body) Read(p []byte) (int, error) {
	b.mu.Lock()
	done, eof := b.done, b.eof
	b.mu.Unlock()
	if eof {
		return 0, io.EOF
	}
	if done {
		return 0, errBodyClosed
	}
	n, err := b.rc.Read(p)
	switch {
	case err == nil:
		return n, nil
	case errors.Is(err, io.EOF):
		b.finish(true)
		return n, io.EOF
	default:
		b.finish(false)
		if cerr := b.ctx.Err(); cerr != nil {
			return n, cerr
		}
		return n, fmt.Errorf("upstream: reading the answer: %w", err)
	}
}

// Close ends the body; before its end it closes the connection (never
// drained, never reused).
func (b *body) Close() error {
	b.finish(false)
	return nil
}

func (b *body) finish(atEOF bool) {
	b.mu.Lock()
	if b.done {
		b.mu.Unlock()
		return
	}
	b.done, b.eof = true, atEOF
	b.mu.Unlock()
	b.t.release(b.pc, b.stop, atEOF && b.reuse)
}
