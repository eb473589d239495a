package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/api"
	"v6admin/bff/metrics"
	"v6admin/engine/fixtures"
)

const host0 = fixtures.Host0

// randomID reports whether id has the form of the ids the server makes
// itself: 1 to 12 lower-case hex digits.
func randomID(id string) bool {
	if id == "" || len(id) > 12 || strings.ToLower(id) != id {
		return false
	}
	_, err := strconv.ParseUint(id, 16, 64)
	return err == nil
}

// TestClientRequestID checks which X-Request-Id headers of a client are
// kept as the request id; every other one is replaced by a random id.
func TestClientRequestID(t *testing.T) {
	tests := []struct {
		name   string
		values []string // X-Request-Id headers
		keep   bool
	}{
		{"UUID", []string{"0bd2f3a4-5b6c-4d7e-8f90-a1b2c3d4e5f6"}, true},
		{"8 characters", []string{"abcdEFGH"}, true},
		{"36 characters", []string{strings.Repeat("Z9", 18)}, true},
		{"letters digits dashes", []string{"ui-apply-0001"}, true},
		{"none", nil, false},
		{"empty", []string{""}, false},
		{"7 characters", []string{"abcdefg"}, false},
		{"37 characters", []string{strings.Repeat("a", 37)}, false},
		{"inner space", []string{"abcd efgh"}, false},
		{"leading space", []string{" abcdefgh"}, false},
		{"tab", []string{"abcd\tefgh"}, false},
		{"underscore", []string{"abcd_efgh"}, false},
		{"dot", []string{"abcd.efgh"}, false},
		{"CRLF header injection", []string{"abcdefgh\r\nSet-Cookie: a=b"}, false},
		{"LF header injection", []string{"abcdefgh\nX-Injected: yes"}, false},
		{"NUL", []string{"abcdefgh\x00"}, false},
		{"percent-encoded CRLF", []string{"abcd%0d%0aefgh"}, false},
		{"non-ASCII letters", []string{"ａｂｃｄｅｆｇｈ"}, false},
		{"non-ASCII digits", []string{"١٢٣٤٥٦٧٨"}, false},
		{"Latin-1 byte", []string{"abcdefg\xe9"}, false},
		{"path", []string{"../../etc/passwd"}, false},
		{"markup", []string{"<script>alert(1)</script>"}, false},
		{"log line", []string{`abc" level=ERROR msg="x`}, false},
		{"comma list", []string{"abcdefgh,ijklmnop"}, false},
		{"two headers", []string{"abcdefgh", "ijklmnop"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.values) == 1 && ClientRequestID(tt.values[0]) != tt.keep {
				t.Errorf("ClientRequestID(%q) = %v", tt.values[0], !tt.keep)
			}
			r := httptest.NewRequest("GET", "/api/hosts", nil)
			r.Header[echo.HeaderXRequestID] = tt.values
			w := httptest.NewRecorder()
			var id string
			err := requestID(func(c echo.Context) error {
				id, _ = c.Get(api.RequestIDKey).(string)
				return nil
			})(echo.New().NewContext(r, w))
			if err != nil {
				t.Fatal(err)
			}
			if got := w.Header().Values(echo.HeaderXRequestID); len(got) != 1 || got[0] != id {
				t.Fatalf("X-Request-Id %q, request id %q", got, id)
			}
			if tt.keep {
				if id != tt.values[0] {
					t.Fatalf("id %q, want the client's %q", id, tt.values[0])
				}
				return
			}
			if !randomID(id) {
				t.Fatalf("id %q is not a random id", id)
			}
			for _, v := range tt.values {
				if strings.Contains(v, id) {
					t.Fatalf("id %q taken from the client's %q", id, v)
				}
			}
		})
	}
}

// TestRequestIDReachesEngine checks that the request id, the client's or
// a random one, is the X-Request-Id of the answer and the Correlation-Id of
// the engine request.
func TestRequestIDReachesEngine(t *testing.T) {
	env := newFakeEnv(t)
	env.login(t)
	tests := []struct {
		name, header string
		keep         bool
	}{
		{"client id", "ui-apply-0001", true},
		{"client UUID", "0BD2F3A4-5B6C-4D7E-8F90-A1B2C3D4E5F6", true},
		{"too short", "ui-1", false},
		{"bad characters", "ui_apply/0001", false},
		{"none", "", false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scenario{Method: "GET", URL: "/api/hosts/" + host0, Headers: map[string]string{echo.HeaderXRequestID: tt.header}, ExpectedStatus: 200,
				After: func(t testing.TB, env *testEnv, resp *http.Response, _ string) {
					id := resp.Header.Get(echo.HeaderXRequestID)
					if tt.keep && id != tt.header || !tt.keep && !randomID(id) {
						t.Fatalf("X-Request-Id %q for %q", id, tt.header)
					}
					if seen[id] {
						t.Fatalf("id %q used twice", id)
					}
					seen[id] = true
					var n int
					for _, r := range env.Fake.Requests() {
						if r.Method == "GET" && strings.HasSuffix(r.Path, "/hosts/"+host0) && r.Header.Get("Correlation-Id") == id {
							n++
						}
					}
					if n != 1 {
						t.Fatalf("the engine got Correlation-Id %q %d times", id, n)
					}
				}}.run(t, env)
		})
	}
}

// newHookedEnv is newFakeEnv with an engine hook, set before the engine
// serves: it sees every authenticated API request first and answers it
// (true) or leaves it to the fixtures (false).
func newHookedEnv(t *testing.T, hook func(w http.ResponseWriter, r *http.Request) bool, opts ...envOptions) *testEnv {
	t.Helper()
	fake := newFakeEngine()
	fake.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		if !hook(w, r) {
			fake.Answer(w, r)
		}
	})
	_, apiURL := fake.Start(t)
	env := startEnv(t, apiURL, engineUser, enginePassword, opts...)
	env.Fake = fake
	return env
}

// answerAfter writes the engine's answer to an action after d, unless the
// request is given up first.
func answerAfter(w http.ResponseWriter, r *http.Request, d time.Duration) {
	select {
	case <-r.Context().Done():
		return
	case <-time.After(d):
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"status":"complete"}`)
}

// TestSetupNetworksOutlivesTimeouts runs the BFF behind an http.Server
// whose read and write timeouts (150 ms) are shorter than the engine's
// setupnetworks (600 ms), itself longer than the engine timeout (300 ms)
// but within connectivity_timeout (1 s) plus the engine timeout: the
// engine's answer reaches the browser, with the browser's request id,
// which the engine got as Correlation-Id.
func TestSetupNetworksOutlivesTimeouts(t *testing.T) {
	const (
		engineTimeout = 300 * time.Millisecond
		serverTimeout = 150 * time.Millisecond
		setupTakes    = 600 * time.Millisecond
		getHostTakes  = 250 * time.Millisecond
	)
	env := newHookedEnv(t, func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/hosts/"+host0+"/setupnetworks"):
			answerAfter(w, r, setupTakes)
			return true
		case r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/hosts/"+host0):
			time.Sleep(getHostTakes) // then the engine answers
		}
		return false
	}, func(c *Config) { c.EngineTimeout = engineTimeout })
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: env.Server.Handler(), ReadTimeout: serverTimeout, WriteTimeout: serverTimeout}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	env.URL = "http://" + ln.Addr().String()
	env.login(t)

	start := time.Now()
	scenario{Method: "POST", URL: "/api/hosts/" + host0 + "/setupnetworks",
		Body:    `{"attachments":[{"network":"display","nic":"eth1","ipv6":{"boot_protocol":"static","address":"2001:db8:100::64/64"}}],"connectivity_timeout":1}`,
		Headers: map[string]string{echo.HeaderXRequestID: "ui-apply-0001"}, ExpectedStatus: 200,
		ExpectedContent: []string{`"status":"complete"`, `"warnings":[]`},
		ExpectedHeaders: map[string]string{echo.HeaderXRequestID: "ui-apply-0001"},
		After: func(t testing.TB, env *testEnv, _ *http.Response, _ string) {
			if took := time.Since(start); took < setupTakes {
				t.Errorf("answered in %v, before the engine", took)
			}
			var got []string
			for _, r := range env.Fake.Requests() {
				if strings.HasSuffix(r.Path, "/setupnetworks") {
					got = append(got, r.Header.Get("Correlation-Id"))
				}
			}
			if len(got) != 1 || got[0] != "ui-apply-0001" {
				t.Errorf("engine got setupnetworks with Correlation-Id %q", got)
			}
		}}.run(t, env)

	// Control: an ordinary request answered after the write timeout is cut
	// by this server, so the answer above is the write deadline's doing.
	req, _ := http.NewRequest("GET", env.URL+"/api/hosts/"+host0, nil)
	resp, err := env.client.Do(req)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err == nil {
		t.Fatalf("a %v answer came through a %v write timeout: %d", getHostTakes, serverTimeout, resp.StatusCode)
	}
}

// TestSetupNetworksTimeoutIsClean checks the answer when the engine takes
// longer than connectivity_timeout plus the engine timeout: 504
// engine_timeout with no internals, as any engine timeout.
func TestSetupNetworksTimeoutIsClean(t *testing.T) {
	env := newHookedEnv(t, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/setupnetworks") {
			answerAfter(w, r, 5*time.Second) // given up long before
			return true
		}
		return false
	}, func(c *Config) { c.EngineTimeout = 100 * time.Millisecond })
	env.login(t)
	start := time.Now()
	scenario{Method: "POST", URL: "/api/hosts/" + host0 + "/setupnetworks", Body: `{"connectivity_timeout":1}`, ExpectedStatus: 504,
		ExpectedContent:    []string{`{"code":"engine_timeout","message":"The engine did not answer in time."}`},
		NotExpectedContent: []string{"deadline", "context", "ovirt-engine", "setupnetworks", "[::1]"},
		After: func(t testing.TB, env *testEnv, _ *http.Response, _ string) {
			if took := time.Since(start); took < time.Second || took > 4*time.Second {
				t.Errorf("gave up after %v, want about 1.1 s", took)
			}
		}}.run(t, env)
}

// maxSetupNetworksBody is a valid setupnetworks request with 1024
// attachments, 1024 removed and 1024 synced ones, every id and name at its
// longest.
func maxSetupNetworksBody() string {
	var b strings.Builder
	b.WriteString(`{"attachments":[`)
	for i := range 1024 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%0128d","network":"%0256d","nic":"%064d",`+
			`"ipv4":{"boot_protocol":"static","address":"192.168.%d.%d","netmask":"255.255.255.0","gateway":"192.168.%d.1"},`+
			`"ipv6":{"boot_protocol":"static","address":"2001:0db8:0000:%04x:0000:0000:0000:0005","prefix":"64","gateway":"2001:0db8:0000:%04x:0000:0000:0000:0001"},`+
			`"dns_servers":["2001:0db8:0000:0000:0000:0000:0000:0053","2001:0db8:0000:0000:0000:0000:0001:0053","192.168.255.253"]}`,
			i, i, i%128, i/4, 10+i%4, i/4, i, i)
	}
	b.WriteString(`],"removed_attachments":[`)
	for i := range 1024 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"r%0127d"`, i)
	}
	b.WriteString(`],"sync_attachments":[`)
	for i := range 1024 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"s%0127d"`, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestSetupNetworksBodyLimit checks that setupnetworks takes a body of up
// to api.SetupNetworksBodyLimit (a request at every field's limit is above
// the server's default) while every other route keeps the default.
func TestSetupNetworksBodyLimit(t *testing.T) {
	env := newHookedEnv(t, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/setupnetworks") {
			answerAfter(w, r, 0)
			return true
		}
		return false
	})
	env.login(t)
	big := maxSetupNetworksBody()
	if len(big) <= DefaultBodyLimit || len(big) > api.SetupNetworksBodyLimit {
		t.Fatalf("the largest request is %d bytes", len(big))
	}
	pad := func(n int) string { return `{"comment":"` + strings.Repeat("a", n) + `"}` }
	tests := []scenario{
		{Name: "1024 attachments at every field's limit", Method: "POST", URL: "/api/hosts/" + host0 + "/setupnetworks", Body: big,
			ExpectedStatus: 200, ExpectedContent: []string{`"status":"complete"`},
			After: func(t testing.TB, env *testEnv, _ *http.Response, _ string) {
				reqs := env.Fake.Requests()
				last := reqs[len(reqs)-1]
				if !strings.HasSuffix(last.Path, "/setupnetworks") || strings.Count(string(last.Body), `"host_nic"`) != 1024 ||
					!strings.Contains(string(last.Body), `"address":"2001:db8:0:3ff::5"`) {
					t.Fatalf("engine got %s with %d bytes", last.Path, len(last.Body))
				}
			}},
		{Name: "setupnetworks above its limit", Method: "POST", URL: "/api/hosts/" + host0 + "/setupnetworks", Body: pad(api.SetupNetworksBodyLimit),
			ExpectedStatus: 413, ExpectedContent: []string{`"code":"body_too_large"`, fmt.Sprintf("limit of %d bytes", api.SetupNetworksBodyLimit)}},
		{Name: "syncallnetworks keeps the default", Method: "POST", URL: "/api/hosts/" + host0 + "/syncallnetworks", Body: pad(DefaultBodyLimit),
			ExpectedStatus: 413, ExpectedContent: []string{fmt.Sprintf("limit of %d bytes", DefaultBodyLimit)}},
		{Name: "add host keeps the default", Method: "POST", URL: "/api/hosts", Body: pad(DefaultBodyLimit),
			ExpectedStatus: 413, ExpectedContent: []string{fmt.Sprintf("limit of %d bytes", DefaultBodyLimit)}},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
}

// TestEngineTransportDeadlines checks that the engine transport has no
// transport-wide response header timeout (which would cut a long
// setupnetworks) and that the server's wrapper bounds a request that
// comes without a deadline by the engine timeout, and only such a request.
func TestEngineTransportDeadlines(t *testing.T) {
	if d := NewEngineTransport(nil).ResponseHeaderTimeout; d != 0 {
		t.Fatalf("ResponseHeaderTimeout %v", d)
	}
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	engine := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answerAfter(w, r, 150*time.Millisecond)
	}))
	engine.Listener.Close()
	engine.Listener = ln
	engine.Start()
	t.Cleanup(engine.Close)
	rt := instrument(metrics.NewRegistry(), NewEngineTransport(nil), 50*time.Millisecond)
	tests := []struct {
		name     string
		deadline time.Duration // of the request's context; 0: none
		wantOK   bool
	}{
		{"no deadline: the engine timeout", 0, false},
		{"its own longer deadline", 2 * time.Second, true},
		{"its own shorter deadline", 20 * time.Millisecond, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.deadline)
				defer cancel()
			}
			req, _ := http.NewRequestWithContext(ctx, "POST", engine.URL+"/ovirt-engine/api/hosts/h1/setupnetworks", nil)
			resp, err := rt.RoundTrip(req)
			if !tt.wantOK {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("got %v, want deadline exceeded", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(body) != `{"status":"complete"}` {
				t.Fatalf("body %q, %v", body, err)
			}
		})
	}
	// A quick answer without a deadline is read whole after RoundTrip.
	quick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { answerAfter(w, r, 0) }))
	t.Cleanup(quick.Close)
	req, _ := http.NewRequest("GET", quick.URL+"/ovirt-engine/api", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil || string(body) != `{"status":"complete"}` || resp.Body.Close() != nil {
		t.Fatalf("body %q, %v", body, err)
	}
}
