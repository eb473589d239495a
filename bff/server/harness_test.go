package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"v6admin/bff/guard"
	"v6admin/bff/session"
	"v6admin/engine/fixtures"
	"v6admin/engine/replay"
)

// tokenRecorder is the engine transport of the tests: it records every
// access token the engine's SSO hands out, so that every response of the
// BFF can be scanned for them.
type tokenRecorder struct {
	rt     http.RoundTripper
	mu     sync.Mutex
	tokens []string
}

func (tr *tokenRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := tr.rt.RoundTrip(r)
	if err != nil || !strings.HasSuffix(r.URL.Path, "/sso/oauth/token") {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if json.Unmarshal(body, &tok) == nil && tok.AccessToken != "" {
		tr.mu.Lock()
		tr.tokens = append(tr.tokens, tok.AccessToken)
		tr.mu.Unlock()
	}
	return resp, nil
}

func (tr *tokenRecorder) all() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]string(nil), tr.tokens...)
}

// testEnv is a BFF listening on [::1] in front of an engine.
type testEnv struct {
	URL      string // http://[::1]:port
	Server   *Server
	Fake     *replay.Server // the engine test double; nil with the embedded engine
	User     string
	Password string
	tokens   *tokenRecorder
	logs     *syncBuffer
	client   *http.Client // carries the session cookie after login
	CSRF     string
}

// syncBuffer collects the server's logs, to scan them for secrets.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// envOptions change the server configuration of a test environment.
type envOptions func(*Config)

// The credentials the engine test double accepts.
const (
	engineUser     = "admin@internal"
	enginePassword = "fake-Pa55word"
)

// newFakeEngine returns the engine test double (engine/replay: the
// fixtures in the real engine's shape) for engineUser and enginePassword.
func newFakeEngine() *replay.Server { return replay.New(replay.WithPassword(enginePassword)) }

// addedHost is the id of the host the engine test double answers POST
// /hosts with (host_added.json).
var addedHost = func() string {
	var h struct{ ID string }
	if err := json.Unmarshal(fixtures.Read("host_added.json"), &h); err != nil {
		panic(err)
	}
	return h.ID
}()

// withNICAddress returns a NIC list fixture with the IPv6 address of one
// NIC changed: an engine answer in the real shape with the address a test
// needs.
func withNICAddress(t testing.TB, file, nic, addr string) string {
	t.Helper()
	var v map[string][]map[string]any
	if err := json.Unmarshal(fixtures.Read(file), &v); err != nil {
		t.Fatal(err)
	}
	for _, n := range v["host_nic"] {
		if n["name"] == nic {
			n["ipv6"].(map[string]any)["address"] = addr
			b, _ := json.Marshal(v)
			return string(b)
		}
	}
	t.Fatalf("%s has no NIC %s", file, nic)
	return ""
}

// newFakeEnv starts the engine test double and the BFF, both on [::1].
func newFakeEnv(t testing.TB, opts ...envOptions) *testEnv {
	t.Helper()
	fake := newFakeEngine()
	_, apiURL := fake.Start(t)
	env := startEnv(t, apiURL, engineUser, enginePassword, opts...)
	env.Fake = fake
	return env
}

// startEnv starts the BFF on [::1]:0 for the engine at apiURL.
func startEnv(t testing.TB, apiURL, user, password string, opts ...envOptions) *testEnv {
	t.Helper()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	return serveEnv(t, ln, apiURL, nil, user, password, opts...)
}

// serveEnv serves the BFF on ln; engine, if set, is mounted under
// /ovirt-engine/ on the same listener (as the v6admin binary does with the
// embedded engine), reached by the BFF over HTTP at apiURL.
func serveEnv(t testing.TB, ln net.Listener, apiURL string, engine http.Handler, user, password string, opts ...envOptions) *testEnv {
	t.Helper()
	keys, err := session.NewKeyring(session.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	tr := &tokenRecorder{rt: NewEngineTransport(nil)}
	logs := &syncBuffer{}
	cfg := Config{
		EngineURL: apiURL, EngineTransport: tr, Keys: keys, EngineTimeout: 10 * time.Second,
		EventPoll: 20 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		LoginPerMinute: 600, LoginBurst: 100,
	}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	if engine != nil {
		mux := http.NewServeMux()
		mux.Handle("/ovirt-engine/", engine)
		mux.Handle("/", srv.Handler())
		h = mux
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		srv.Close()
		hs.Close()
	})
	jar, _ := cookiejar.New(nil)
	return &testEnv{
		URL: "http://" + ln.Addr().String(), Server: srv, User: user, Password: password, tokens: tr, logs: logs,
		client: &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// login logs the environment's client in and keeps the CSRF token.
func (env *testEnv) login(t testing.TB) {
	t.Helper()
	body := `{"username":"` + env.User + `","password":"` + env.Password + `"}`
	resp := env.do(t, "POST", "/api/session", body, nil)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %s", resp.StatusCode, b)
	}
	var v struct {
		CSRF string `json:"csrf_token"`
	}
	json.Unmarshal(b, &v)
	env.CSRF = v.CSRF
}

// do sends a request with the session cookie (if any) and, for unsafe
// methods, the CSRF token.
func (env *testEnv) do(t testing.TB, method, path, body string, hdr map[string]string) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, env.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if !guard.SafeMethod(method) && env.CSRF != "" {
		req.Header.Set(guard.CSRFHeader, env.CSRF)
	}
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := env.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// scenario is one request and what its response must (not) contain, after
// PocketBase's tests.ApiScenario.
type scenario struct {
	Name               string
	Method             string
	URL                string
	Body               string
	Headers            map[string]string // "" deletes a header (e.g. the CSRF token)
	ExpectedStatus     int
	ExpectedContent    []string          // substrings of the compacted JSON body
	NotExpectedContent []string          //
	ExpectedHeaders    map[string]string // exact values; "*" means present
	Before             func(t testing.TB, env *testEnv)
	After              func(t testing.TB, env *testEnv, resp *http.Response, body string)
}

// run runs the scenario against env and checks that no engine token shows
// in the response.
func (s scenario) run(t testing.TB, env *testEnv) {
	t.Helper()
	if s.Before != nil {
		s.Before(t, env)
	}
	start := time.Now()
	resp := env.do(t, s.Method, s.URL, s.Body, s.Headers)
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(raw)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		var out bytes.Buffer
		if json.Compact(&out, raw) == nil {
			body = out.String()
		}
	}
	if resp.StatusCode != s.ExpectedStatus {
		t.Fatalf("%s %s: status %d, want %d: %s", s.Method, s.URL, resp.StatusCode, s.ExpectedStatus, body)
	}
	for _, want := range s.ExpectedContent {
		if !strings.Contains(body, want) {
			t.Errorf("%s %s: body lacks %q:\n%s", s.Method, s.URL, want, body)
		}
	}
	for _, bad := range s.NotExpectedContent {
		if strings.Contains(body, bad) {
			t.Errorf("%s %s: body contains %q:\n%s", s.Method, s.URL, bad, body)
		}
	}
	for k, v := range s.ExpectedHeaders {
		got := resp.Header.Get(k)
		if (v == "*" && got == "") || (v != "*" && got != v) {
			t.Errorf("%s %s: header %s = %q, want %q", s.Method, s.URL, k, got, v)
		}
	}
	env.assertNoToken(t, resp, body)
	if d := time.Since(start); d > 3*time.Second {
		t.Logf("%s %s took %v", s.Method, s.URL, d)
	}
	if s.After != nil {
		s.After(t, env, resp, body)
	}
}

// assertNoToken fails if any engine token appears in the response's
// headers (cookies included) or body, or in the server's logs.
func (env *testEnv) assertNoToken(t testing.TB, resp *http.Response, body string) {
	t.Helper()
	for _, tok := range env.tokens.all() {
		if strings.Contains(body, tok) {
			t.Fatalf("engine token in the body of %s", resp.Request.URL)
		}
		for k, vs := range resp.Header {
			for _, v := range vs {
				if strings.Contains(v, tok) {
					t.Fatalf("engine token in header %s of %s", k, resp.Request.URL)
				}
			}
		}
		if strings.Contains(env.logs.String(), tok) {
			t.Fatal("engine token in the server's logs")
		}
	}
	if env.Password != "" && strings.Contains(env.logs.String(), env.Password) {
		t.Fatal("the password is in the server's logs")
	}
}

// trustLoopback makes ::1 a trusted proxy (X-Forwarded-For tests).
func trustLoopback(c *Config) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("::1/128")}
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
