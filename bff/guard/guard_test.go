package guard

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
)

// run sends r through mw to a handler that reads the body and answers 204,
// and returns the envelope error, if any.
func run(t *testing.T, mw echo.MiddlewareFunc, r *http.Request, setup func(echo.Context)) (*httptest.ResponseRecorder, *apierr.Error) {
	t.Helper()
	e := echo.New()
	w := httptest.NewRecorder()
	c := e.NewContext(r, w)
	if setup != nil {
		setup(c)
	}
	err := mw(func(c echo.Context) error {
		if _, err := io.ReadAll(c.Request().Body); err != nil {
			if n, ok := IsTooLarge(err); ok {
				return apierr.TooLarge(n)
			}
			return err
		}
		return c.NoContent(http.StatusNoContent)
	})(c)
	if err == nil {
		return w, nil
	}
	var ae *apierr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("not an envelope error: %v", err)
	}
	return w, ae
}

func TestHeaders(t *testing.T) {
	for _, hsts := range []bool{false, true} {
		w, _ := run(t, Headers(hsts), httptest.NewRequest("GET", "/", nil), nil)
		h := w.Header()
		want := map[string]string{
			"Content-Security-Policy":    CSP,
			"X-Content-Type-Options":     "nosniff",
			"Referrer-Policy":            "no-referrer",
			"Cross-Origin-Opener-Policy": "same-origin",
			"X-Frame-Options":            "DENY",
		}
		for k, v := range want {
			if h.Get(k) != v {
				t.Errorf("%s = %q, want %q", k, h.Get(k), v)
			}
		}
		if (h.Get("Strict-Transport-Security") != "") != hsts {
			t.Errorf("hsts=%v: %q", hsts, h.Get("Strict-Transport-Security"))
		}
	}
	for _, bad := range []string{"unsafe-inline", " 'unsafe-eval'", "http:", "https:", "*"} {
		if strings.Contains(CSP, bad) {
			t.Errorf("CSP contains %q", bad)
		}
	}
	// The wasm UI cannot start without it.
	if !strings.Contains(CSP, "script-src 'self' 'wasm-unsafe-eval'") {
		t.Errorf("CSP lost script-src 'self' 'wasm-unsafe-eval': %s", CSP)
	}
}

func TestCSRF(t *testing.T) {
	sess := &session.Session{User: "admin@internal", Token: "t", CSRF: "the-csrf-token"}
	tests := []struct {
		name    string
		method  string
		host    string
		headers map[string]string
		session bool
		allowed []string
		ok      bool
	}{
		{"GET needs nothing", "GET", "[::1]:8080", map[string]string{"Origin": "http://evil.example"}, true, nil, true},
		{"login without session, no Origin (curl)", "POST", "[::1]:8080", nil, false, nil, true},
		{"login same origin IPv6", "POST", "[::1]:8080", map[string]string{"Origin": "http://[::1]:8080", "Sec-Fetch-Site": "same-origin"}, false, nil, true},
		{"login same origin non-canonical IPv6", "POST", "[0:0::1]:8080", map[string]string{"Origin": "http://[::1]:8080"}, false, nil, true},
		{"login same origin default port", "POST", "admin.example", map[string]string{"Origin": "https://admin.example"}, false, nil, true},
		{"cross origin", "POST", "[::1]:8080", map[string]string{"Origin": "http://evil.example"}, false, nil, false},
		{"other port", "POST", "[::1]:8080", map[string]string{"Origin": "http://[::1]:8081"}, false, nil, false},
		{"null origin", "POST", "[::1]:8080", map[string]string{"Origin": "null"}, false, nil, false},
		{"cross-site fetch metadata", "POST", "[::1]:8080", map[string]string{"Sec-Fetch-Site": "cross-site"}, false, nil, false},
		{"same-site is not same-origin", "DELETE", "[::1]:8080", map[string]string{"Sec-Fetch-Site": "same-site"}, false, nil, false},
		{"allowed origin behind a proxy", "POST", "10.0.0.5:8080", map[string]string{"Origin": "https://admin.example.com"}, false, []string{"https://admin.example.com"}, true},
		{"session without token", "POST", "[::1]:8080", nil, true, nil, false},
		{"session wrong token", "PUT", "[::1]:8080", map[string]string{CSRFHeader: "nope"}, true, nil, false},
		{"session right token", "DELETE", "[::1]:8080", map[string]string{CSRFHeader: "the-csrf-token", "Origin": "http://[::1]:8080"}, true, nil, true},
		{"right token but cross origin", "POST", "[::1]:8080", map[string]string{CSRFHeader: "the-csrf-token", "Origin": "http://evil.example"}, true, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/api/x", nil)
			r.Host = tt.host
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			w, ae := run(t, CSRF(CSRFOptions{AllowedOrigins: tt.allowed}), r, func(c echo.Context) {
				if tt.session {
					session.Set(c, sess)
				}
			})
			if tt.ok != (ae == nil) {
				t.Fatalf("ok=%v, got %d %v", tt.ok, w.Code, ae)
			}
			if ae != nil && (ae.Status != 403 || ae.Code != apierr.CodeCSRF) {
				t.Fatalf("refusal %d %s", ae.Status, ae.Code)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		length int64 // -1: unknown (chunked)
		status int
	}{
		{"small", "abc", 3, 204},
		{"exactly the limit", strings.Repeat("a", 16), 16, 204},
		{"declared too large", strings.Repeat("a", 17), 17, 413},
		{"chunked too large", strings.Repeat("a", 100), -1, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tt.body))
			r.ContentLength = tt.length
			w, ae := run(t, BodyLimit(16), r, nil)
			status := w.Code
			if ae != nil {
				status = ae.Status
			}
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
		})
	}
}

// TestBodyLimitRoutes checks that a route's own limit applies to that
// method and route only, and the default to everything else.
func TestBodyLimitRoutes(t *testing.T) {
	mw := BodyLimitRoutes(16, map[string]int64{"POST /api/hosts/:id/setupnetworks": 64})
	tests := []struct {
		name, method, route string
		size                int
		chunked             bool
		status              int
		limit               int64 // of the 413 message
	}{
		{"big route within its limit", "POST", "/api/hosts/:id/setupnetworks", 64, false, 204, 0},
		{"big route chunked within its limit", "POST", "/api/hosts/:id/setupnetworks", 64, true, 204, 0},
		{"big route over its limit", "POST", "/api/hosts/:id/setupnetworks", 65, false, 413, 64},
		{"big route chunked over its limit", "POST", "/api/hosts/:id/setupnetworks", 65, true, 413, 64},
		{"other method of the route", "PUT", "/api/hosts/:id/setupnetworks", 17, false, 413, 16},
		{"other route", "POST", "/api/hosts/:id/syncallnetworks", 17, false, 413, 16},
		{"other route chunked", "POST", "/api/hosts", 17, true, 413, 16},
		{"unmatched", "POST", "", 17, false, 413, 16},
		{"other route within the default", "POST", "/api/hosts", 16, false, 204, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/x", strings.NewReader(strings.Repeat("a", tt.size)))
			if tt.chunked {
				r.ContentLength = -1
			}
			w, ae := run(t, mw, r, func(c echo.Context) { c.SetPath(tt.route) })
			status := w.Code
			if ae != nil {
				status = ae.Status
				if want := fmt.Sprintf("limit of %d bytes", tt.limit); !strings.Contains(ae.Message, want) {
					t.Errorf("message %q lacks %q", ae.Message, want)
				}
			}
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
		})
	}
}

func TestClientIPAndRateKey(t *testing.T) {
	trusted, err := ParsePrefixes("::1, 10.0.0.0/8 [fd00::1]")
	if err != nil || len(trusted) != 3 {
		t.Fatalf("ParsePrefixes: %v %v", trusted, err)
	}
	x := ClientIP{Trusted: trusted}
	tests := []struct {
		remote, xff string
		want        string
		key         string
	}{
		{"[2001:db8:1:2:aaaa::1]:5555", "", "2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:bbbb::9]:5555", "1.2.3.4", "2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"}, // untrusted peer: XFF ignored
		{"[::ffff:192.0.2.7]:80", "", "192.0.2.7", "192.0.2.7"},
		{"192.0.2.7:80", "", "192.0.2.7", "192.0.2.7"},
		{"[fe80::1%eth0]:80", "", "fe80::1", "fe80::/64"},
		{"[::1]:80", "2001:db8::5", "2001:db8::5", "2001:db8::/64"},
		{"[::1]:80", "6.6.6.6, 2001:db8::5, 10.1.1.1", "2001:db8::5", "2001:db8::/64"}, // forged left entry ignored
		{"10.0.0.9:80", "[2001:db8::7]:4711", "2001:db8::7", "2001:db8::/64"},
		{"[::1]:80", "garbage, 10.2.2.2", "10.2.2.2", "10.2.2.2"}, // malformed stops the walk
		{"[::1]:80", "", "::1", "::/64"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		a := x.Of(r)
		if a.String() != tt.want || RateKey(a) != tt.key {
			t.Errorf("%s %q: %s %s, want %s %s", tt.remote, tt.xff, a, RateKey(a), tt.want, tt.key)
		}
	}
	if _, err := ParsePrefixes("10.0.0.0/33"); err == nil {
		t.Error("bad prefix accepted")
	}
	if RateKey(netip.Addr{}) != "invalid" {
		t.Error("invalid addr key")
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := NewLimiter(10, 5)
	l.now = func() time.Time { return now }
	for i := range 5 {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("burst request %d refused", i+1)
		}
	}
	ok, wait := l.Allow("a")
	if ok || wait < 5*time.Second || wait > 6*time.Second {
		t.Fatalf("6th: %v %v", ok, wait)
	}
	// A refusal takes no token: the wait does not grow.
	if _, again := l.Allow("a"); again != wait {
		t.Fatalf("wait grew from %v to %v", wait, again)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("other key limited")
	}
	now = now.Add(6 * time.Second) // one token back (10/min)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("refill")
	}
	if ok, _ := l.Allow("a"); ok {
		t.Fatal("only one token refilled")
	}
	now = now.Add(30 * time.Second) // a full bucket takes 30 s
	l.Allow("c")                    // forgets a and b: they would start full
	if l.Len() != 1 {
		t.Fatalf("%d clients kept", l.Len())
	}
}

// TestLimiterBoundedMemory feeds many distinct clients (one address in each
// of 200,000 IPv6 /64s, as from a routed /32) at once: the limiter keeps at
// most its cap, drops the least recently used first, and a client still
// being limited keeps its refusal while it stays active.
func TestLimiterBoundedMemory(t *testing.T) {
	now := time.Unix(1000, 0)
	l := NewLimiter(10, 5)
	l.now = func() time.Time { return now }
	const limit = 1000
	l.SetMaxClients(limit)
	for range 5 {
		l.Allow("victim-of-its-own-guessing")
	}
	base := netip.MustParseAddr("2001:db8::1").As16()
	for i := range 200_000 {
		a := base
		a[4], a[5], a[6], a[7] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		l.Allow(RateKey(netip.AddrFrom16(a)))
		if i%100 == 0 { // the guessing client keeps trying
			if ok, _ := l.Allow("victim-of-its-own-guessing"); ok {
				t.Fatalf("after %d other clients the limited client got a fresh budget", i)
			}
		}
		if n := l.Len(); n > limit {
			t.Fatalf("%d clients kept, cap %d", n, limit)
		}
	}
	if l.Len() != limit {
		t.Fatalf("%d clients kept, want the cap %d", l.Len(), limit)
	}
	// The default cap holds for a burst of new clients too.
	d := NewLimiter(10, 5)
	d.now = l.now
	for i := range DefaultMaxClients + 5000 {
		d.Allow(strconv.Itoa(i))
	}
	if d.Len() != DefaultMaxClients {
		t.Fatalf("%d clients kept, default cap %d", d.Len(), DefaultMaxClients)
	}
	now = now.Add(time.Hour)
	d.Allow("late")
	if d.Len() != 1 {
		t.Fatalf("idle clients not forgotten: %d kept", d.Len())
	}
}

func TestRateLimitMiddleware(t *testing.T) {
	l := NewLimiter(10, 2)
	mw := RateLimit(l, ClientIP{}, nil)
	send := func(remote string) *apierr.Error {
		r := httptest.NewRequest("POST", "/api/session", nil)
		r.RemoteAddr = remote
		_, ae := run(t, mw, r, nil)
		return ae
	}
	// Two addresses of one /64 share a budget; another /64 has its own.
	if send("[2001:db8:0:1::a]:1") != nil || send("[2001:db8:0:1::b]:1") != nil {
		t.Fatal("burst refused")
	}
	ae := send("[2001:db8:0:1:ffff::c]:1")
	if ae == nil || ae.Status != 429 || ae.Header.Get("Retry-After") == "" {
		t.Fatalf("third in the /64: %v", ae)
	}
	if send("[2001:db8:0:2::a]:1") != nil {
		t.Fatal("another /64 limited")
	}
	first, second, third := send("192.0.2.1:1"), send("192.0.2.1:1"), send("192.0.2.1:1")
	if first != nil || second != nil || third == nil {
		t.Fatal("IPv4 per address")
	}
	if send("192.0.2.2:1") != nil {
		t.Fatal("IPv4 neighbour limited")
	}
}

// TestSetHeadersShared: setting the security headers allocates nothing (it
// allocated one slice per header before), setting them twice leaves one
// value each, and the shared values cannot leak from one response to
// another: an Add or Set on one header map changes no other.
func TestSetHeadersShared(t *testing.T) {
	h := make(http.Header, 16)
	if n := testing.AllocsPerRun(100, func() { SetHeaders(h, true) }); n != 0 {
		t.Errorf("SetHeaders: %.0f allocations, want 0", n)
	}
	a, b := http.Header{}, http.Header{}
	SetHeaders(a, false)
	SetHeaders(a, false) // Listener, then the Echo middleware
	SetHeaders(b, true)
	a.Add("X-Frame-Options", "SAMEORIGIN")
	a.Add("Content-Security-Policy", "script-src *")
	b.Set("Referrer-Policy", "origin")
	c := http.Header{}
	SetHeaders(c, true)
	for _, tt := range []struct {
		h          http.Header
		key        string
		wantValues []string
	}{
		{a, "X-Frame-Options", []string{"DENY", "SAMEORIGIN"}},
		{a, "Content-Security-Policy", []string{CSP, "script-src *"}},
		{a, "Strict-Transport-Security", nil},
		{b, "X-Frame-Options", []string{"DENY"}},
		{b, "Content-Security-Policy", []string{CSP}},
		{b, "Referrer-Policy", []string{"origin"}},
		{b, "Strict-Transport-Security", []string{HSTS}},
		{c, "X-Frame-Options", []string{"DENY"}},
		{c, "Content-Security-Policy", []string{CSP}},
		{c, "Referrer-Policy", []string{"no-referrer"}},
		{c, "X-Content-Type-Options", []string{"nosniff"}},
		{c, "Cross-Origin-Opener-Policy", []string{"same-origin"}},
		{c, "Cross-Origin-Resource-Policy", []string{"same-origin"}},
		{c, "Permissions-Policy", []string{"camera=(), microphone=(), geolocation=(), payment=(), usb=()"}},
	} {
		if got := tt.h.Values(tt.key); strings.Join(got, "|") != strings.Join(tt.wantValues, "|") {
			t.Errorf("%s = %q, want %q", tt.key, got, tt.wantValues)
		}
	}
}
