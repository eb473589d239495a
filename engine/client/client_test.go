package client

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/engine/replay"
)

// Test credentials: the replay engine's token endpoint accepts testPassword
// for any internal user, and it accepts testToken as if it had issued it.
const (
	testUser     = "admin@internal"
	testPassword = "S3cr3t-pa55word"
	testToken    = "test-token-" + testUser
)

// newEngine returns the engine test double for the test credentials.
func newEngine() *replay.Server {
	return replay.New(replay.WithPassword(testPassword), replay.WithToken(testToken))
}

// startEngine serves the engine test double (engine/replay) on [::1] until
// the test ends.
func startEngine(t *testing.T) (*replay.Server, *httptest.Server) {
	t.Helper()
	f := newEngine()
	srv, _ := f.Start(t)
	return f, srv
}

// last returns the last request the engine received.
func last(t *testing.T, f *replay.Server) replay.Request {
	t.Helper()
	r, ok := f.Last()
	if !ok {
		t.Fatal("the engine received no request")
	}
	return r
}

func newClient(t *testing.T, srv *httptest.Server, opts ...Option) *Client {
	t.Helper()
	c, err := New(srv.URL+ovirt.Prefix, append([]Option{WithHTTPClient(srv.Client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNew(t *testing.T) {
	tests := []struct {
		url, api, sso, logout string
	}{
		{"https://[2001:db8::10]/ovirt-engine/api", "https://[2001:db8::10]/ovirt-engine/api",
			"https://[2001:db8::10]/ovirt-engine/sso/oauth/token", "https://[2001:db8::10]/ovirt-engine/services/sso-logout"},
		{"http://[::1]:8080/ovirt-engine/api/", "http://[::1]:8080/ovirt-engine/api",
			"http://[::1]:8080/ovirt-engine/sso/oauth/token", "http://[::1]:8080/ovirt-engine/services/sso-logout"},
		{"https://[fe80::1%25eth0]:8443", "https://[fe80::1%25eth0]:8443/ovirt-engine/api",
			"https://[fe80::1%25eth0]:8443/ovirt-engine/sso/oauth/token", "https://[fe80::1%25eth0]:8443/ovirt-engine/services/sso-logout"},
		{"https://engine.example.com/ovirt-engine/api", "https://engine.example.com/ovirt-engine/api",
			"https://engine.example.com/ovirt-engine/sso/oauth/token", "https://engine.example.com/ovirt-engine/services/sso-logout"},
	}
	for _, tt := range tests {
		c, err := New(tt.url)
		if err != nil {
			t.Errorf("New(%q): %v", tt.url, err)
			continue
		}
		if c.URL() != tt.api || c.SSOURL() != tt.sso || c.LogoutURL() != tt.logout {
			t.Errorf("New(%q): urls %s %s %s", tt.url, c.URL(), c.SSOURL(), c.LogoutURL())
		}
	}

	dir := t.TempDir()
	noCert := filepath.Join(dir, "empty.pem")
	os.WriteFile(noCert, []byte("not a certificate"), 0o600)
	bad := []struct {
		name string
		url  string
		opts []Option
	}{
		{"scheme", "ftp://[::1]/ovirt-engine/api", nil},
		{"no host", "https:///ovirt-engine/api", nil},
		{"credentials", "https://admin:pw@[::1]/ovirt-engine/api", nil},
		{"query", "https://[::1]/ovirt-engine/api?x=1", nil},
		{"unparsable", "https://[::1/ovirt-engine/api", nil},
		{"missing CA file", "https://[::1]/ovirt-engine/api", []Option{WithCAFile(filepath.Join(dir, "nope.pem"))}},
		{"CA file without certs", "https://[::1]/ovirt-engine/api", []Option{WithCAFile(noCert)}},
		{"TLS with custom client", "https://[::1]/ovirt-engine/api", []Option{InsecureSkipVerify(), WithHTTPClient(http.DefaultClient)}},
		{"negative timeout", "https://[::1]/ovirt-engine/api", []Option{WithTimeout(-time.Second)}},
		{"nil transport", "https://[::1]/ovirt-engine/api", []Option{WithTransport(nil)}},
	}
	for _, tt := range bad {
		if _, err := New(tt.url, tt.opts...); err == nil {
			t.Errorf("%s: New(%q) succeeded", tt.name, tt.url)
		} else if strings.Contains(err.Error(), ":pw@") {
			t.Errorf("%s: error leaks credentials: %v", tt.name, err)
		}
	}
}

func TestAPIURL(t *testing.T) {
	tests := []struct {
		scheme, host string
		port         int
		want         string
	}{
		{"https", "2001:db8::10", 0, "https://[2001:db8::10]/ovirt-engine/api"},
		{"https", "[2001:db8::10]", 443, "https://[2001:db8::10]:443/ovirt-engine/api"},
		{"http", "::1", 8080, "http://[::1]:8080/ovirt-engine/api"},
		{"https", "192.0.2.1", 0, "https://192.0.2.1/ovirt-engine/api"},
		{"https", "engine.example.com", 8443, "https://engine.example.com:8443/ovirt-engine/api"},
	}
	for _, tt := range tests {
		if got := APIURL(tt.scheme, tt.host, tt.port); got != tt.want {
			t.Errorf("APIURL(%q, %q, %d) = %q, want %q", tt.scheme, tt.host, tt.port, got, tt.want)
		}
	}
}

// TestIPv6Loopback runs the engine test double on [::1] and checks that SSO and API
// requests reach the same host and port.
func TestIPv6Loopback(t *testing.T) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatalf("no IPv6 loopback (v6admin needs one): %v", err)
	}
	f := newEngine()
	srv := httptest.NewUnstartedServer(f)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()

	port := ln.Addr().(*net.TCPAddr).Port
	apiURL := APIURL("http", "::1", port)
	if want := "http://[::1]:" + strconv.Itoa(port) + "/ovirt-engine/api"; apiURL != want {
		t.Fatalf("APIURL = %q, want %q", apiURL, want)
	}
	c, err := New(apiURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tok, err := c.Login(ctx, testUser, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	hostPort := net.JoinHostPort("::1", strconv.Itoa(port))
	if r := last(t, f); r.Host != hostPort || r.Path != SSOTokenPath || r.Method != http.MethodPost {
		t.Errorf("SSO request %s %s to host %q, want POST %s to %q", r.Method, r.Path, r.Host, SSOTokenPath, hostPort)
	}
	f.Reply("*", http.StatusOK, `{"host": [{"id": "h1", "address": "2001:db8::11"}]}`)
	hosts, err := c.WithToken(tok.AccessToken.Reveal()).ListHosts(ctx, ListOptions{})
	if err != nil || len(hosts) != 1 || hosts[0].Address != "2001:db8::11" {
		t.Fatalf("ListHosts = %+v, %v", hosts, err)
	}
	if r := last(t, f); r.Host != hostPort || r.Path != "/ovirt-engine/api/hosts" {
		t.Errorf("API request %s to host %q", r.Path, r.Host)
	}
	if err := c.Logout(ctx, tok.AccessToken.Reveal()); err != nil {
		t.Fatal(err)
	}
	if r := last(t, f); r.Host != hostPort || r.Path != LogoutPath {
		t.Errorf("logout request %s to host %q", r.Path, r.Host)
	}
}

func TestTLS(t *testing.T) {
	f := newEngine()
	srv := httptest.NewUnstartedServer(f)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // expected handshake failures
	srv.StartTLS()
	defer srv.Close()
	f.Reply("*", http.StatusOK, `{"product_info": {"name": "oVirt Engine"}}`)

	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemData := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemData, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	call := func(opts ...Option) error {
		c, err := New(srv.URL+ovirt.Prefix, opts...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.WithToken(testToken).API(ctx)
		return err
	}

	if err := call(WithCAFile(caFile)); err != nil {
		t.Errorf("with CA file: %v", err)
	}
	if err := call(WithCACerts(pemData)); err != nil {
		t.Errorf("with CA certs: %v", err)
	}
	if err := call(InsecureSkipVerify()); err != nil {
		t.Errorf("insecure: %v", err)
	}
	err := call()
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &verr) {
		t.Fatalf("without CA: got %v, want a certificate verification error", err)
	}
	if !strings.HasPrefix(err.Error(), "engine: GET /ovirt-engine/api: ") || strings.Contains(err.Error(), testToken) {
		t.Errorf("error %q: want method and path, no token", err)
	}
	// The login endpoint is verified too.
	c, _ := New(srv.URL + ovirt.Prefix)
	if _, err := c.Login(ctx, testUser, testPassword); !errors.As(err, &verr) {
		t.Errorf("login without CA: got %v, want a certificate verification error", err)
	} else if strings.Contains(err.Error(), testPassword) {
		t.Errorf("login error leaks the password: %v", err)
	}
}

func TestLogin(t *testing.T) {
	f := replay.New(replay.WithPassword(testPassword), replay.WithTokenExpiry(time.UnixMilli(1493207433000)))
	srv, _ := f.Start(t)
	c := newClient(t, srv)
	ctx := WithCorrelationID(context.Background(), "login-1")

	tok, err := c.Login(ctx, testUser, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	// The answer is sso_token.json's, with the token the engine issued.
	var answer struct{ Scope string }
	if err := json.Unmarshal(fixtures.Read("sso_token.json"), &answer); err != nil {
		t.Fatal(err)
	}
	issued := f.Tokens()
	if len(issued) != 1 || tok.AccessToken.Reveal() != issued[0] || tok.Type != "bearer" || tok.Scope != answer.Scope ||
		!tok.ExpiresAt.Equal(time.UnixMilli(1493207433000)) {
		t.Errorf("token = %#v (%s)", tok, tok.ExpiresAt)
	}
	r := last(t, f)
	form, _ := url.ParseQuery(string(r.Body))
	want := url.Values{"grant_type": {"password"}, "scope": {"ovirt-app-api"}, "username": {testUser}, "password": {testPassword}}
	if form.Encode() != want.Encode() {
		t.Errorf("form = %v", form)
	}
	if r.Header.Get("Accept") != "application/json" || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" ||
		r.Header.Get("Correlation-Id") != "login-1" || r.Header.Get("Authorization") != "" {
		t.Errorf("headers = %v", r.Header)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if s := fmt.Sprintf(verb, tok); strings.Contains(s, issued[0]) || strings.Contains(s, fmt.Sprintf("%x", issued[0])) {
			t.Errorf("Sprintf(%s, token) = %s reveals the token", verb, s)
		}
	}

	failures := []struct {
		name, user, password, code, contains string
		answer                               string // the SSO's answer (400), "" the engine's own refusal
	}{
		{"api shape", testUser, "wrong-password", ovirt.SSOErrorAccessDenied,
			"Cannot authenticate user 'admin@internal': The username or password is incorrect.", ""},
		{"oauth shape", "oauth@internal", testPassword, ovirt.SSOErrorInvalidGrant,
			"Cannot authenticate user 'oauth@internal': The provided authorization grant", string(fixtures.Read("sso_error_oauth.json"))},
	}
	for _, tt := range failures {
		c := c
		if tt.answer != "" {
			f, srv := startEngine(t)
			f.Reply("POST "+SSOTokenPath, http.StatusBadRequest, tt.answer)
			c = newClient(t, srv)
		}
		_, err := c.Login(ctx, tt.user, tt.password)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: error %v is not *Error", tt.name, err)
		}
		if e.Status != http.StatusBadRequest || e.Code != tt.code || !errors.Is(err, ErrUnauthorized) || e.CorrelationID != "login-1" {
			t.Errorf("%s: error = %+v", tt.name, e)
		}
		if !strings.Contains(err.Error(), tt.contains) {
			t.Errorf("%s: error %q does not contain %q", tt.name, err, tt.contains)
		}
		if strings.Contains(err.Error(), tt.password) || strings.Contains(fmt.Sprintf("%+v", e), tt.password) {
			t.Errorf("%s: error %q leaks the password", tt.name, err)
		}
	}

	// A non-JSON SSO failure still says who could not log in.
	_, srv2 := startEngine(t)
	broken := newClient(t, srv2)
	broken.ssoURL.Path = "/ovirt-engine/api/broken"
	_, err = broken.Login(ctx, testUser, testPassword)
	var e *Error
	if !errors.As(err, &e) || e.Status != http.StatusUnauthorized || !errors.Is(err, ErrUnauthorized) ||
		!strings.Contains(err.Error(), "Cannot authenticate user 'admin@internal'") || strings.Contains(err.Error(), testPassword) {
		t.Errorf("non-JSON failure: %v", err)
	}
}

func TestLogout(t *testing.T) {
	f, srv := startEngine(t)
	c := newClient(t, srv)
	if err := c.Logout(context.Background(), testToken); err != nil {
		t.Fatal(err)
	}
	r := last(t, f)
	if r.Method != http.MethodPost || r.Path != LogoutPath || string(r.Body) != "scope=&token="+url.QueryEscape(testToken) {
		t.Errorf("logout request %s %s %q", r.Method, r.Path, r.Body)
	}
	c.logoutURL.Path = "/ovirt-engine/api/nope" // 401 from the fake
	err := c.Logout(context.Background(), testToken)
	if !errors.Is(err, ErrUnauthorized) || strings.Contains(err.Error(), testToken) {
		t.Errorf("failed logout: %v", err)
	}
}

func TestHeaders(t *testing.T) {
	f, srv := startEngine(t)
	c := newClient(t, srv, WithUserAgent("v6admin/test"))
	s := c.WithToken(testToken)
	ctx := WithCorrelationID(context.Background(), "corr-42")

	f.Reply("*", http.StatusOK, `{"id": "h1"}`)
	if _, err := s.GetHost(ctx, "h1"); err != nil {
		t.Fatal(err)
	}
	get := last(t, f)
	f.Reply("*", http.StatusOK, `{"status": "complete"}`)
	if _, err := s.ActivateHost(ctx, "h1"); err != nil {
		t.Fatal(err)
	}
	post := last(t, f)

	for _, r := range []replay.Request{get, post} {
		for k, v := range map[string]string{
			"Authorization":  "Bearer " + testToken,
			"Version":        "4",
			"Accept":         "application/json",
			"User-Agent":     "v6admin/test",
			"Correlation-Id": "corr-42",
		} {
			if got := r.Header.Get(k); got != v {
				t.Errorf("%s %s: %s = %q, want %q", r.Method, r.Path, k, got, v)
			}
		}
	}
	if ct := get.Header.Get("Content-Type"); ct != "" {
		t.Errorf("GET has Content-Type %q", ct)
	}
	if ct := post.Header.Get("Content-Type"); ct != "application/json" || string(post.Body) != "{}" {
		t.Errorf("POST Content-Type %q body %q", ct, post.Body)
	}

	// Default User-Agent.
	c2 := newClient(t, srv)
	f.Reply("*", http.StatusOK, `{}`)
	c2.WithToken(testToken).ListHosts(context.Background(), ListOptions{})
	if ua := last(t, f).Header.Get("User-Agent"); ua != "v6admin/"+Version {
		t.Errorf("default User-Agent %q", ua)
	}

	// No token: no request, ErrUnauthorized.
	n := len(f.Requests())
	if _, err := c.WithToken("").GetHost(ctx, "h1"); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("empty token: %v", err)
	}
	if len(f.Requests()) != n {
		t.Error("empty token: request sent")
	}
}

func TestSessionRedaction(t *testing.T) {
	c, _ := New("https://[2001:db8::10]/ovirt-engine/api")
	s := c.WithToken(testToken)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T"} {
		if out := fmt.Sprintf(verb, s); strings.Contains(out, testToken) || strings.Contains(out, fmt.Sprintf("%x", testToken)) {
			t.Errorf("Sprintf(%s, session) = %s reveals the token", verb, out)
		}
	}
}

func TestTimeoutAndCancel(t *testing.T) {
	f, srv := startEngine(t)
	release := make(chan struct{})
	defer close(release)
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})

	c := newClient(t, srv, WithTimeout(50*time.Millisecond))
	start := time.Now()
	_, err := c.WithToken(testToken).ListHosts(context.Background(), ListOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: got %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
	if err != nil && (!strings.HasPrefix(err.Error(), "engine: GET /ovirt-engine/api/hosts: ") || strings.Contains(err.Error(), testToken)) {
		t.Errorf("timeout error %q", err)
	}

	c = newClient(t, srv) // default timeout; the context cancels
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	if _, err := c.WithToken(testToken).GetHost(ctx, "h1"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: got %v, want context.Canceled", err)
	}
	if c.timeout != DefaultTimeout {
		t.Errorf("default timeout %v", c.timeout)
	}
}

// TestRequestTimeout checks the per-call override of the client timeout:
// an engine answering after 150 ms fails with the client's 50 ms timeout,
// succeeds with a longer override, and the context's own deadline still
// wins.
func TestRequestTimeout(t *testing.T) {
	f, srv := startEngine(t)
	const answerAfter = 150 * time.Millisecond
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(answerAfter):
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status": "complete"}`)
	})
	c := newClient(t, srv, WithTimeout(50*time.Millisecond))
	if c.Timeout() != 50*time.Millisecond {
		t.Fatalf("Timeout() = %v", c.Timeout())
	}
	s := c.WithToken(testToken)
	tests := []struct {
		name     string
		ctx      func() (context.Context, context.CancelFunc)
		override time.Duration
		set      bool // WithRequestTimeout(ctx, override)
		wantOK   bool
	}{
		{name: "client timeout", wantOK: false},
		{name: "longer override", override: 2 * time.Second, set: true, wantOK: true},
		{name: "shorter override", override: 10 * time.Millisecond, set: true, wantOK: false},
		{name: "zero: context only", override: 0, set: true, wantOK: true},
		{name: "negative is ignored", override: -time.Second, set: true, wantOK: false},
		{name: "context deadline wins", override: 2 * time.Second, set: true, wantOK: false,
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 30*time.Millisecond)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			if tt.set {
				ctx = WithRequestTimeout(ctx, tt.override)
			}
			d, ok := RequestTimeout(ctx)
			if want := tt.set && tt.override >= 0; ok != want || (ok && d != tt.override) {
				t.Errorf("RequestTimeout = %v, %v", d, ok)
			}
			ctx = WithCorrelationID(ctx, "long-call-1")
			res, err := s.SetupNetworks(ctx, "h1", &ovirt.Action{})
			if tt.wantOK {
				if err != nil || res.Status != ovirt.ActionStatusComplete {
					t.Fatalf("got %v, %v; want the engine's answer", res, err)
				}
				if got := last(t, f).Header.Get("Correlation-Id"); got != "long-call-1" {
					t.Errorf("Correlation-Id %q", got)
				}
				return
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("got %v, %v; want deadline exceeded", res, err)
			}
		})
	}
	// The override does not stick: the next call has the client timeout.
	ctx := context.Background()
	if _, err := s.SetupNetworks(WithRequestTimeout(ctx, 2*time.Second), "h1", &ovirt.Action{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SyncAllNetworks(ctx, "h1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("after an override: %v, want deadline exceeded", err)
	}
}

func TestResponseLimit(t *testing.T) {
	f, srv := startEngine(t)
	f.Handle("*", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("{"))
		w.Write(make([]byte, MaxResponseBody)) // never read completely
	})
	_, err := newClient(t, srv).WithToken(testToken).ListHosts(context.Background(), ListOptions{})
	if err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Errorf("got %v, want a size error", err)
	}
}

// TestConcurrentSessions uses one client for many users with their own
// tokens (run with -race).
func TestConcurrentSessions(t *testing.T) {
	f, srv := startEngine(t)
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		id := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		fmt.Fprintf(w, `{"id": %q, "name": %q}`, id, tok)
	})
	c := newClient(t, srv)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			user := fmt.Sprintf("user%d@internal", i)
			ctx := WithCorrelationID(context.Background(), user)
			tok, err := c.Login(ctx, user, testPassword)
			if err != nil {
				t.Error(err)
				return
			}
			h, err := c.WithToken(tok.AccessToken.Reveal()).GetHost(ctx, strconv.Itoa(i))
			if err != nil || h.Name != tok.AccessToken.Reveal() || h.ID != strconv.Itoa(i) {
				t.Errorf("user %s: host %+v, %v", user, h, err)
			}
		})
	}
	wg.Wait()
}

func TestEngineSSHPublicKey(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc // nil: the fake's pki-resource
		want    string
		wantErr string
	}{
		{"published", nil, strings.TrimSpace(string(fixtures.Read("pki_engine_ssh_key.txt"))), ""},
		{"not a key", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "<html>login</html>") }, "", "not an SSH public key"},
		{"two lines", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ssh-rsa AAAA a\nssh-rsa BBBB b\n") }, "", "not an SSH public key"},
		{"missing", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) }, "", "404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srv *httptest.Server
			var f *replay.Server
			if tt.handler == nil {
				f, srv = startEngine(t)
			} else {
				srv = httptest.NewServer(tt.handler)
				t.Cleanup(srv.Close)
			}
			c := newClient(t, srv)
			got, err := c.EngineSSHPublicKey(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("%q %v", got, err)
			}
			r := last(t, f)
			if r.Method != http.MethodGet || r.Path != PKIResourcePath || r.Query != "format=OPENSSH-PUBKEY&resource=engine-certificate" || r.Header.Get("Authorization") != "" {
				t.Errorf("request %s %s?%s auth %q", r.Method, r.Path, r.Query, r.Header.Get("Authorization"))
			}
		})
	}
}
