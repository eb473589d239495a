package proxy

import (
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
)

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in   string
		segs []string
		ok   bool
	}{
		{"", nil, true},
		{"/", nil, true},
		{"/hosts", []string{"hosts"}, true},
		{"/hosts/0bd2-a0c4/nics", []string{"hosts", "0bd2-a0c4", "nics"}, true},
		{"/hosts/x/storage;report_status=false", []string{"hosts", "x", "storage;report_status=false"}, true},
		{"/hosts%41", []string{"hostsA"}, true},
		{"/..", nil, false},
		{"/hosts/../../sso/oauth/token", nil, false},
		{"/hosts/%2e%2e/%2E%2E/x", nil, false},
		{"/hosts/.%2e/x", nil, false},
		{"/./hosts", nil, false},
		{"/..;/sso", nil, false},
		{"/.;x/sso", nil, false},
		{"//hosts", nil, false},
		{"/hosts//nics", nil, false},
		{"/hosts/", nil, false},
		{"/hosts\\..\\x", nil, false},
		{"/hosts%5c..%5cx", nil, false},
		{"/hosts%2f..%2fx", nil, false},
		{"/hosts%252e%252e", nil, false},
		{"/hosts%00", nil, false},
		{"/hosts%0d%0aX-Injected:%20yes", nil, false},
		{"/hosts%20x", nil, false},
		{"/hosts%zz", nil, false},
		{"/h%C3%A9", nil, false},
		{"hosts", nil, false},
	}
	for _, tt := range tests {
		segs, ok := CleanPath(tt.in)
		if ok != tt.ok || strings.Join(segs, "|") != strings.Join(tt.segs, "|") {
			t.Errorf("CleanPath(%q) = %q %v, want %q %v", tt.in, segs, ok, tt.segs, tt.ok)
		}
	}
}

func TestParseRule(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"POST /hosts/*/refresh", true},
		{"POST hosts", false},
		{"post /hosts", false},
		{"POST /hosts/../x", false},
		{"POST", false},
	}
	for _, tt := range tests {
		if _, err := ParseRule(tt.in); (err == nil) != tt.ok {
			t.Errorf("ParseRule(%q): %v", tt.in, err)
		}
	}
}

// upstream records what it received and answers with a JSON body and a few
// headers a proxy must not pass on.
type upstream struct {
	last *http.Request
	body string
}

func (u *upstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	u.last, u.body = r.Clone(r.Context()), string(b)
	if r.Header.Get("Authorization") != "Bearer engine-token-SECRET" {
		w.Header().Set("WWW-Authenticate", "Basic realm=\"RESTAPI\"")
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Set-Cookie", "JSESSIONID=abc; Path=/ovirt-engine/api")
	w.Header().Set("WWW-Authenticate", "Basic")
	w.Header().Set("Link", "<http://engine/x>; rel=x")
	w.Header().Set("Etag", `"v1"`)
	w.Header().Set("X-Engine-Internal", "1")
	json.NewEncoder(w).Encode(map[string]string{"path": r.URL.EscapedPath(), "query": r.URL.RawQuery})
}

func newTestProxy(t *testing.T, allow ...string) (*echo.Echo, *upstream) {
	t.Helper()
	up := &upstream{}
	srv := httptest.NewUnstartedServer(up)
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	var rules []Rule
	for _, a := range allow {
		r, err := ParseRule(a)
		if err != nil {
			t.Fatal(err)
		}
		rules = append(rules, r)
	}
	p, err := New(Options{Target: srv.URL + "/ovirt-engine/api", Allow: rules, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	e.HTTPErrorHandler = apierr.Handler(apierr.Options{})
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Header.Get("X-Test-Session") != "" {
				session.Set(c, &session.Session{User: "admin@internal", Token: c.Request().Header.Get("X-Test-Session"), CSRF: "c"})
			}
			return next(c)
		}
	})
	e.Any(Prefix, p.Handler)
	e.Any(Prefix+"/*", p.Handler)
	return e, up
}

func TestProxy(t *testing.T) {
	e, up := newTestProxy(t, "POST /hosts/*/refresh")
	tests := []struct {
		name     string
		method   string
		target   string
		token    string
		headers  map[string]string
		status   int
		wantPath string
		wantQ    string
	}{
		{"root", "GET", "/api/engine", "engine-token-SECRET", nil, 200, "/ovirt-engine/api", ""},
		{"collection with search", "GET", "/api/engine/hosts?search=name%3Dhost*&max=5", "engine-token-SECRET", nil, 200, "/ovirt-engine/api/hosts", "max=5&search=name%3Dhost%2A"},
		{"matrix params", "GET", "/api/engine/hosts/h1/storage;report_status=false", "engine-token-SECRET", nil, 200, "/ovirt-engine/api/hosts/h1/storage;report_status=false", ""},
		{"no session", "GET", "/api/engine/hosts", "", nil, 401, "", ""},
		{"engine refuses the token", "GET", "/api/engine/hosts", "stale", nil, 401, "", ""},
		{"write refused", "DELETE", "/api/engine/hosts/h1", "engine-token-SECRET", nil, 405, "", ""},
		{"post refused", "POST", "/api/engine/hosts", "engine-token-SECRET", nil, 405, "", ""},
		{"allowlisted action", "POST", "/api/engine/hosts/h1/refresh", "engine-token-SECRET", map[string]string{"Content-Type": "application/json"}, 200, "/ovirt-engine/api/hosts/h1/refresh", ""},
		{"allowlisted action with a form body", "POST", "/api/engine/hosts/h1/refresh", "engine-token-SECRET", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415, "", ""},
		{"traversal", "GET", "/api/engine/hosts/%2e%2e/%2e%2e/sso/oauth/token", "engine-token-SECRET", nil, 400, "", ""},
		{"tomcat traversal", "GET", "/api/engine/..;/..;/sso", "engine-token-SECRET", nil, 400, "", ""},
		{"bad query", "GET", "/api/engine/hosts?a=%zz", "engine-token-SECRET", nil, 400, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up.last = nil
			var body io.Reader
			if tt.method == "POST" {
				body = strings.NewReader("{}")
			}
			r := httptest.NewRequest(tt.method, tt.target, body)
			r.Host = "evil.example:1234"
			r.Header.Set("Cookie", "v6admin_session=browser-cookie")
			r.Header.Set("Authorization", "Basic YWRtaW46cGFzcw==")
			r.Header.Set("X-Forwarded-Host", "evil.example")
			r.Header.Set("Prefer", "persistent-auth")
			if tt.token != "" {
				r.Header.Set("X-Test-Session", tt.token)
			}
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			for _, h := range []string{"Set-Cookie", "Www-Authenticate", "Link", "X-Engine-Internal", "Location"} {
				if w.Header().Get(h) != "" {
					t.Errorf("response header %s passed: %q", h, w.Header().Get(h))
				}
			}
			if strings.Contains(w.Body.String(), "SECRET") {
				t.Error("token in the body")
			}
			if tt.status != 200 {
				if !strings.Contains(w.Body.String(), `"code":`) {
					t.Errorf("no envelope: %s", w.Body)
				}
				if tt.status != 401 && up.last != nil {
					t.Errorf("refused request reached the engine: %s", up.last.URL)
				}
				return
			}
			var got map[string]string
			json.Unmarshal(w.Body.Bytes(), &got)
			if got["path"] != tt.wantPath || got["query"] != tt.wantQ {
				t.Errorf("upstream got %q ?%q, want %q ?%q", got["path"], got["query"], tt.wantPath, tt.wantQ)
			}
			if w.Header().Get("Etag") != `"v1"` || w.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("headers %v", w.Header())
			}
			in := up.last
			if in.Header.Get("Cookie") != "" || in.Header.Get("Authorization") != "Bearer engine-token-SECRET" ||
				in.Header.Get("X-Forwarded-Host") != "" || in.Header.Get("Prefer") != "" ||
				in.Header.Get("Accept") != "application/json" || in.Header.Get("Version") != "4" {
				t.Errorf("upstream headers %v", in.Header)
			}
			if strings.Contains(in.Host, "evil") {
				t.Errorf("upstream Host %q", in.Host)
			}
		})
	}
}

// countingWriter counts the Write calls a handler makes.
type countingWriter struct {
	*httptest.ResponseRecorder
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.ResponseRecorder.Write(p)
}

// piecesProxy is a proxy in front of an engine that sends a body of n bytes
// in pieces (flushed, with pauses), declaring Content-Length claimed (or
// none if claimed < 0).
func piecesProxy(t *testing.T, n, claimed int) (*echo.Echo, []byte) {
	t.Helper()
	body := []byte(strings.Repeat("0123456789abcdef", n/16+1)[:n])
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if claimed >= 0 {
			w.Header().Set("Content-Length", strconv.Itoa(claimed))
		}
		for rest := body; len(rest) > 0; {
			k := min(len(rest), 3000)
			w.Write(rest[:k])
			w.(http.Flusher).Flush()
			rest = rest[k:]
			time.Sleep(2 * time.Millisecond)
		}
		if claimed > n { // the engine dies mid-answer
			panic(http.ErrAbortHandler)
		}
	}))
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = ln
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	p, err := New(Options{Target: srv.URL + "/ovirt-engine/api", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	e.HTTPErrorHandler = apierr.Handler(apierr.Options{})
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			session.Set(c, &session.Session{User: "admin@internal", Token: "t", CSRF: "c"})
			return next(c)
		}
	})
	e.Any(Prefix+"/*", p.Handler)
	return e, body
}

// TestProxyBody: an answer of known length up to BufferSize reaches the
// browser in one write whatever pieces the engine sent it in (the old code
// wrote each piece as it came: one write, and one system call, per piece);
// longer and unknown-length answers are streamed; every body arrives
// byte for byte with its length; a known-length body cut short by the
// engine is a 502 in the error envelope, not a truncated 200.
func TestProxyBody(t *testing.T) {
	tests := []struct {
		name       string
		n, claimed int
		status     int
		maxWrites  int
	}{
		{"known length, pieces", 20000, 20000, 200, 1},
		{"known length, exactly a buffer", BufferSize, BufferSize, 200, 1},
		{"empty", 0, 0, 200, 0},
		{"known length, over a buffer: streamed", BufferSize + 5000, BufferSize + 5000, 200, 1 << 20},
		{"unknown length: streamed", 20000, -1, 200, 1 << 20},
		{"cut short", 9000, 20000, 502, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, body := piecesProxy(t, tt.n, tt.claimed)
			for _, method := range []string{"GET", "HEAD"} {
				if method == "HEAD" && tt.status != 200 {
					continue
				}
				w := &countingWriter{ResponseRecorder: httptest.NewRecorder()}
				e.ServeHTTP(w, httptest.NewRequest(method, "/api/engine/hosts", nil))
				if w.Code != tt.status {
					t.Fatalf("%s: status %d, want %d: %.200s", method, w.Code, tt.status, w.Body)
				}
				if tt.status != 200 {
					if !strings.Contains(w.Body.String(), `"code":"engine_unavailable"`) || w.Header().Get("Content-Length") == strconv.Itoa(tt.claimed) {
						t.Errorf("%s: not the envelope: %v %.200s", method, w.Header(), w.Body)
					}
					continue
				}
				if method == "HEAD" {
					if w.Body.Len() != 0 {
						t.Errorf("HEAD: %d bytes of body", w.Body.Len())
					}
					continue
				}
				if !bytes.Equal(w.Body.Bytes(), body) {
					t.Errorf("body: %d bytes, want %d, equal %v", w.Body.Len(), len(body), bytes.Equal(w.Body.Bytes(), body))
				}
				if tt.claimed >= 0 && w.Header().Get("Content-Length") != strconv.Itoa(tt.claimed) {
					t.Errorf("Content-Length %q, want %d", w.Header().Get("Content-Length"), tt.claimed)
				}
				if w.writes > tt.maxWrites {
					t.Errorf("%d writes, want at most %d", w.writes, tt.maxWrites)
				}
			}
		})
	}
}
