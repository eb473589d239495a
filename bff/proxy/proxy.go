// Package proxy is the BFF's engine API proxy: /api/engine/<path> is
// forwarded to <engine API URL>/<path> with the session's bearer token, so
// the UI can read any engine resource without ever holding the token.
//
// The rules, in order:
//
//   - Only GET and HEAD are forwarded, unless "METHOD /path" matches a rule
//     of the explicit allowlist (Options.Allow, e.g. "POST /hosts/*/refresh",
//     where * matches one path segment). Anything else is 405.
//   - The path is checked segment by segment before anything is sent: no
//     empty segments (//), no "." or ".." (also percent-encoded, also
//     followed by ;params as in Tomcat's "..;"), no backslashes, no encoded
//     slashes, no "%" left after decoding (double encoding), only the
//     characters RFC 3986 allows in a path segment. So no request can leave
//     the API root. The query is parsed and re-encoded.
//   - The upstream is fixed by configuration: scheme, host and port come from
//     Options.Target only; the request's Host, absolute-form URI and
//     X-Forwarded-* headers are ignored.
//   - Request headers are rebuilt from scratch: Authorization: Bearer
//     <session token>, Version: 4, Accept: application/json, and only a few
//     harmless ones copied (If-None-Match, If-Modified-Since, All-Content,
//     Filter, Correlation-Id, and Content-Type for allowed bodies). Browser
//     cookies and Authorization headers are never forwarded.
//   - Only safe response headers come back (Content-Type, Content-Length,
//     ETag, Last-Modified, Correlation-Id); Set-Cookie (JSESSIONID),
//     WWW-Authenticate (which would pop up a browser login dialog), Link and
//     Location (engine URLs) are dropped.
//   - An engine 401 becomes the BFF's 401 session_expired (the server then
//     clears the cookie); transport failures are 502 engine_unavailable and
//     timeouts 504 engine_timeout, in the JSON error envelope.
//   - An answer of known length up to BufferSize is read whole, then sent in
//     one write (a body the engine cuts short is then a 502); longer and
//     chunked answers are streamed through a pooled buffer.
package proxy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
)

// Prefix is where the proxy is mounted.
const Prefix = "/api/engine"

// Rule allows one unsafe method on a path pattern.
type Rule struct {
	Method   string
	Segments []string // "*" matches one segment
}

// ParseRule parses "POST /hosts/*/refresh".
func ParseRule(s string) (Rule, error) {
	m, p, ok := strings.Cut(strings.TrimSpace(s), " ")
	p = strings.TrimSpace(p)
	if !ok || m == "" || !strings.HasPrefix(p, "/") || strings.ToUpper(m) != m {
		return Rule{}, fmt.Errorf("proxy: rule %q is not \"METHOD /path\"", s)
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for _, sg := range segs {
		if sg == "" || sg == "." || sg == ".." {
			return Rule{}, fmt.Errorf("proxy: rule %q has an empty or dot segment", s)
		}
	}
	return Rule{Method: m, Segments: segs}, nil
}

func (r Rule) match(method string, segs []string) bool {
	if r.Method != method || len(r.Segments) != len(segs) {
		return false
	}
	for i, s := range r.Segments {
		if s != "*" && s != segs[i] {
			return false
		}
	}
	return true
}

// Options configure the proxy.
type Options struct {
	// Target is the engine API URL, e.g. http://[::1]:8080/ovirt-engine/api.
	Target string
	// Transport sends the requests (the engine client's, with its TLS
	// settings); nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout bounds each upstream request until its response headers and
	// the whole body have been copied; 0 means 60 s.
	Timeout time.Duration
	// Allow lists the unsafe requests that may pass.
	Allow []Rule
}

// Proxy forwards /api/engine/* to the engine API.
type Proxy struct {
	target  *url.URL
	rt      http.RoundTripper
	timeout time.Duration
	allow   []Rule
}

// New returns a proxy.
func New(o Options) (*Proxy, error) {
	u, err := url.Parse(o.Target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("proxy: bad target %q", o.Target)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	p := &Proxy{target: u, rt: o.Transport, timeout: o.Timeout, allow: o.Allow}
	if p.rt == nil {
		p.rt = http.DefaultTransport
	}
	if p.timeout <= 0 {
		p.timeout = 60 * time.Second
	}
	return p, nil
}

// CleanPath checks the part of an escaped request path after the proxy
// prefix ("" or "/hosts/123") and returns its decoded segments. ok is false
// if any segment could leave the API root or is otherwise unsafe.
func CleanPath(escaped string) (segs []string, ok bool) {
	if escaped == "" || escaped == "/" {
		return nil, true
	}
	if !strings.HasPrefix(escaped, "/") {
		return nil, false
	}
	for _, raw := range strings.Split(escaped[1:], "/") {
		if raw == "" || strings.ContainsRune(raw, '\\') {
			return nil, false
		}
		dec, err := url.PathUnescape(raw)
		if err != nil || !segmentOK(dec) {
			return nil, false
		}
		segs = append(segs, dec)
	}
	return segs, true
}

// segmentOK accepts a decoded segment made of RFC 3986 pchars only (no %,
// so no double encoding), whose name part (before any ;params) is not
// empty, "." or "..".
func segmentOK(s string) bool {
	name, _, _ := strings.Cut(s, ";")
	if name == "" || name == "." || name == ".." {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// forwarded request headers (besides the ones the proxy sets).
var requestHeaders = []string{"If-None-Match", "If-Modified-Since", "All-Content", "Filter"}

// returned response headers.
var responseHeaders = []string{"Content-Type", "Content-Length", "Etag", "Last-Modified"}

// Handler is the Echo handler for Prefix and Prefix+"/*".
func (p *Proxy) Handler(c echo.Context) error {
	r := c.Request()
	s := session.From(c)
	if s == nil {
		return apierr.Unauthorized()
	}
	rel := strings.TrimPrefix(r.URL.EscapedPath(), Prefix)
	if rel == r.URL.EscapedPath() { // not under the prefix (cannot happen when mounted right)
		return apierr.NotFound("")
	}
	segs, ok := CleanPath(rel)
	if !ok {
		return apierr.BadRequest("This engine API path is not allowed.")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !p.allowed(r.Method, segs) {
		c.Response().Header().Set("Allow", "GET, HEAD")
		return apierr.New(http.StatusMethodNotAllowed, apierr.CodeMethodNotAllowed,
			"Only reading the engine API is allowed through this proxy.")
	}
	var rawQuery string
	if r.URL.RawQuery != "" { // parsed and re-encoded: nothing odd passes
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return apierr.BadRequest("The query string is malformed.")
		}
		rawQuery = q.Encode()
	}

	out := *p.target
	for _, sg := range segs {
		out.Path += "/" + sg // pchars only: no escaping needed
	}
	out.RawPath = ""
	out.RawQuery = rawQuery

	ctx, cancel := context.WithTimeout(r.Context(), p.timeout)
	defer cancel()
	var body io.Reader
	hasBody := r.Method != http.MethodGet && r.Method != http.MethodHead && r.Body != nil && r.Body != http.NoBody
	if hasBody {
		ct := r.Header.Get("Content-Type")
		if ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
			return apierr.New(http.StatusUnsupportedMediaType, apierr.CodeUnsupportedMedia, "Send the body as application/json.")
		}
		body = r.Body
	}
	req := (&http.Request{
		Method: r.Method, URL: &out, Host: out.Host, Header: make(http.Header, 8),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Body: http.NoBody,
	}).WithContext(ctx)
	if hasBody {
		req.Body = io.NopCloser(body)
		req.ContentLength = r.ContentLength
		if req.ContentLength == 0 {
			req.ContentLength = -1 // unknown: chunked
		}
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+s.Token)
	req.Header.Set("Version", "4")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "v6admin-bff-proxy")
	for _, h := range requestHeaders {
		if v := r.Header.Get(h); v != "" && len(v) < 256 {
			req.Header.Set(h, v)
		}
	}
	if v := r.Header.Get("Correlation-Id"); v != "" && len(v) <= 64 && segmentOK(v) {
		req.Header.Set("Correlation-Id", v)
	}

	resp, err := p.rt.RoundTrip(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return apierr.New(http.StatusGatewayTimeout, apierr.CodeEngineTimeout, "The engine did not answer in time.").WithCause(fmt.Errorf("proxy %s: %w", r.Method, err))
		}
		if errors.Is(err, context.Canceled) {
			return nil // the browser went away
		}
		if n, ok := tooLarge(err); ok {
			return apierr.TooLarge(n)
		}
		return apierr.New(http.StatusBadGateway, apierr.CodeEngineDown, "The engine cannot be reached.").WithCause(fmt.Errorf("proxy %s: %w", r.Method, err))
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return apierr.SessionExpired()
	}
	// A body of known length that fits a buffer is read whole before
	// anything is sent, then written in one piece: a few write calls (and
	// system calls) to the browser instead of one per piece the engine's
	// answer arrives in, and a body cut short by the engine is a 502, not
	// a truncated 200.
	var whole []byte
	if r.Method != http.MethodHead && resp.ContentLength >= 0 && resp.ContentLength <= BufferSize {
		buf := bufs.Get().(*[]byte)
		defer bufs.Put(buf)
		whole = (*buf)[:resp.ContentLength]
		if _, err := io.ReadFull(resp.Body, whole); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil // the browser went away
			}
			if errors.Is(err, context.DeadlineExceeded) {
				return apierr.New(http.StatusGatewayTimeout, apierr.CodeEngineTimeout, "The engine did not answer in time.").WithCause(fmt.Errorf("proxy %s: reading the answer: %w", r.Method, err))
			}
			return apierr.New(http.StatusBadGateway, apierr.CodeEngineDown, "The engine cannot be reached.").WithCause(fmt.Errorf("proxy %s: reading the answer: %w", r.Method, err))
		}
	}
	h := c.Response().Header()
	for _, k := range responseHeaders {
		if v := resp.Header.Get(k); v != "" {
			h.Set(k, v)
		}
	}
	if v := resp.Header.Get("Correlation-Id"); v != "" && len(v) <= 64 && segmentOK(v) {
		h.Set("Correlation-Id", v)
	}
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(resp.StatusCode)
	switch {
	case r.Method == http.MethodHead:
	case whole != nil:
		if len(whole) > 0 {
			_, _ = c.Response().Write(whole)
		}
	default: // unknown length (chunked) or larger than a buffer: streamed
		buf := bufs.Get().(*[]byte)
		_, _ = io.CopyBuffer(c.Response(), resp.Body, *buf)
		bufs.Put(buf)
	}
	return nil
}

// BufferSize is the size of the proxy's pooled buffers: the longest engine
// answer of known length read whole before it is sent, and the copy buffer
// of the others.
const BufferSize = 64 << 10

// bufs are the pooled response buffers (io.Copy would allocate 32 KiB per
// request).
var bufs = sync.Pool{New: func() any { b := make([]byte, BufferSize); return &b }}

func (p *Proxy) allowed(method string, segs []string) bool {
	for _, r := range p.allow {
		if r.match(method, segs) {
			return true
		}
	}
	return false
}

func tooLarge(err error) (int64, bool) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return mbe.Limit, true
	}
	return 0, false
}
