package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"v6admin/bff/guard"
	"v6admin/engine/embedded"
)

// lockedBuffer collects the server's log lines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is a v6admin started by startOwn.
type running struct {
	urls []string
	line string // the embedded engine's start-up line
	out  string // everything printed on stdout
	logs *lockedBuffer
	stop func()
}

// startOwn runs the server with args (a fake UI build — app.wasm and
// robots.txt — is added) and returns
// once it printed its start-up lines; stop (also run when the test ends)
// shuts it down.
func startOwn(t *testing.T, args ...string) *running {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"app.wasm": "\x00asm", "robots.txt": "User-agent: *\nDisallow: /\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	s := &running{logs: &lockedBuffer{}}
	go func() {
		done <- run(ctx, append([]string{"--static-dir", dir}, args...), pw, s.logs)
		pw.Close()
	}()
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Error("the server did not shut down")
			}
		})
	}
	t.Cleanup(s.stop)
	var out strings.Builder
	sc := bufio.NewScanner(pr)
	for s.line == "" && sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if _, u, ok := strings.Cut(line, "listening on "); ok {
			s.urls = append(s.urls, u)
		}
		if strings.HasPrefix(line, "embedded engine at ") {
			s.line = line
		}
	}
	if s.line == "" {
		t.Fatalf("no engine line in %q", out.String())
	}
	s.out = out.String()
	go io.Copy(io.Discard, pr)
	return s
}

// canListenWildcard fails the test on a machine without [::].
func canListenWildcard(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", "[::]:0")
	if err != nil {
		t.Fatalf("this machine cannot listen on [::]: %v", err)
	}
	ln.Close()
}

// generatedPassword extracts the password printed on the engine line.
var generatedPassword = regexp.MustCompile(`with password (\S+) \(generated`)

// attempt is one password check by one of the three paths.
type attempt func(base, password string) (*http.Response, []byte)

func do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func bffLogin(t *testing.T) attempt {
	return func(base, password string) (*http.Response, []byte) {
		body, _ := json.Marshal(map[string]string{"username": embedded.AdminUser, "password": password})
		req, _ := http.NewRequest("POST", base+"api/session", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return do(t, req)
	}
}

func ssoGrant(t *testing.T) attempt {
	return func(base, password string) (*http.Response, []byte) {
		form := url.Values{"grant_type": {"password"}, "scope": {"ovirt-app-api"}, "username": {embedded.AdminUser}, "password": {password}}
		req, _ := http.NewRequest("POST", base+"ovirt-engine/sso/oauth/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		return do(t, req)
	}
}

func basicAuth(t *testing.T) attempt {
	return func(base, password string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", base+"ovirt-engine/api", nil)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(embedded.AdminUser+":"+password)))
		return do(t, req)
	}
}

// TestPasswordGuessingIsLimitedEverywhere replays issue 13's finding 2 on
// the binary's own wiring: after the BFF's login answers 429, 200 wrong
// passwords at the engine's SSO token endpoint and 200 as HTTP Basic at
// /ovirt-engine/api are all refused, and then the right password too, on
// all three paths, from that client (the IPv6 loopback's /64). Another
// client (IPv4 loopback) still logs in on all three, the BFF's login
// included (its own requests to the engine, from ::1, are not counted
// against the ::1 client).
func TestPasswordGuessingIsLimitedEverywhere(t *testing.T) {
	canListenWildcard(t)
	s := startOwn(t, "--listen", "[::]:0", "--data-dir", t.TempDir(), "--login-rate", "10", "--login-burst", "5")
	m := generatedPassword.FindStringSubmatch(s.line)
	if m == nil || len(s.urls) != 2 {
		t.Fatalf("start-up: %q %q", s.urls, s.line)
	}
	right := m[1]
	a, b := s.urls[0], s.urls[1] // http://[::1]:port/, http://127.0.0.1:port/
	login, sso, basic := bffLogin(t), ssoGrant(t), basicAuth(t)

	for i := range 5 {
		if resp, body := login(a, "wrong"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("BFF login %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	if resp, _ := login(a, "wrong"); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("BFF login 6: %d", resp.StatusCode)
	}
	start := time.Now()
	for i := range 200 {
		resp, body := sso(a, fmt.Sprintf("guess-%d", i))
		var e struct {
			Code string `json:"error_code"`
		}
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" ||
			json.Unmarshal(body, &e) != nil || e.Code != "access_denied" {
			t.Fatalf("SSO guess %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	for i := range 200 {
		if resp, body := basic(a, fmt.Sprintf("guess-%d", i)); resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("Basic guess %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	t.Logf("400 guesses refused in %v", time.Since(start))
	for name, try := range map[string]attempt{"BFF login": login, "SSO": sso, "Basic": basic} {
		if resp, body := try(a, right); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("%s with the right password after the guesses: %d %s", name, resp.StatusCode, body)
		}
	}
	for name, try := range map[string]attempt{"BFF login": login, "SSO": sso, "Basic": basic} {
		if resp, body := try(b, right); resp.StatusCode != http.StatusOK {
			t.Errorf("%s from another client: %d %s", name, resp.StatusCode, body)
		}
	}
}

// request builds a request to base+path with a Host header of its own.
func request(t *testing.T, method, base, path, host string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	return req
}

// TestHostCheck is finding 5 on [::1]: a foreign Host (with its matching
// Origin, as a DNS rebinding page sends) gets 421 on every path before any
// handler runs; the server's own names get through.
func TestHostCheck(t *testing.T) {
	s := startOwn(t, "--listen", "[::1]:0", "--data-dir", t.TempDir(), "--public-url", "https://Admin.Example.com/v6admin")
	base := s.urls[0]
	u, _ := url.Parse(base)
	port := u.Port()
	paths := []struct {
		method, path, body string
		header             map[string]string
	}{
		{"GET", "", "", nil},
		{"GET", "hosts", "", nil},
		{"GET", "web/app.wasm", "", nil},
		{"GET", "healthz", "", nil},
		{"POST", "api/session", `{"username":"admin@internal","password":"` + embedded.DefaultAdminPassword + `"}`, map[string]string{"Content-Type": "application/json"}},
		{"GET", "api/engine/hosts", "", nil},
		{"GET", "ws", "", map[string]string{"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}},
		{"POST", "ovirt-engine/sso/oauth/token", "grant_type=password&scope=ovirt-app-api&username=admin%40internal&password=" + embedded.DefaultAdminPassword,
			map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}},
		{"GET", "ovirt-engine/api", "", map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("admin@internal:"+embedded.DefaultAdminPassword))}},
		{"GET", "ovirt-engine/services/pki-resource?resource=engine-certificate&format=OPENSSH-PUBKEY", "", nil},
	}
	hosts := []struct {
		host string
		ok   bool
	}{
		{"", true}, // the URL's own: [::1]:port
		{"[0:0::1]:" + port, true},
		{"localhost:" + port, true},
		{"LOCALHOST.:" + port, true},
		{"admin.example.com", true},
		{"admin.example.com.:443", true},
		{"evil.example:" + port, false},
		{"evil.example", false},
		{"127.0.0.1:" + port, false}, // not an address of this listener
		{"[::2]:" + port, false},
		{"admin.example.com.evil.example", false},
		{"[::1]:" + port + "@evil", false},
	}
	for _, h := range hosts {
		for _, p := range paths {
			req := request(t, p.method, base, p.path, h.host, strings.NewReader(p.body))
			for k, v := range p.header {
				req.Header.Set(k, v)
			}
			if h.host != "" {
				req.Header.Set("Origin", "http://"+h.host)
			}
			resp, body := do(t, req)
			if got := resp.StatusCode == http.StatusMisdirectedRequest; got == h.ok {
				t.Errorf("Host %q %s /%s: %d %.80s", h.host, p.method, p.path, resp.StatusCode, body)
				continue
			}
			if !h.ok && (resp.Header.Get("Set-Cookie") != "" || bytes.Contains(body, []byte("access_token")) ||
				!bytes.Contains(body, []byte(guard.CodeMisdirected)) || bytes.Contains(body, []byte("evil"))) {
				t.Errorf("Host %q %s /%s: refused after a handler ran, or the host echoed: %v %s", h.host, p.method, p.path, resp.Header, body)
			}
		}
	}
}

// TestSecurityHeadersEverywhere is finding 7: the same headers on every
// answer of the listener, the embedded engine's included, and pki-resource
// does not echo its query.
func TestSecurityHeadersEverywhere(t *testing.T) {
	s := startOwn(t, "--listen", "[::1]:0", "--data-dir", t.TempDir())
	base := s.urls[0]
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("admin@internal:"+embedded.DefaultAdminPassword))
	tests := []struct {
		method, path, auth, host string
		status                   int
	}{
		{"GET", "", "", "", 200},
		{"GET", "healthz", "", "", 200},
		{"GET", "web/app.wasm", "", "", 200},
		{"GET", "api/nope", "", "", 404},
		{"GET", "api/hosts", "", "", 401},
		{"GET", "ovirt-engine/api", "", "", 401},
		{"GET", "ovirt-engine/api", basic, "", 200},
		{"GET", "ovirt-engine/api/hosts", "Bearer nope", "", 401},
		{"GET", "ovirt-engine/api/nope", basic, "", 404},
		{"DELETE", "ovirt-engine/api/hosts", basic, "", 405},
		{"POST", "ovirt-engine/sso/oauth/token", "", "", 400},
		{"POST", "ovirt-engine/services/sso-logout", "", "", 200},
		{"GET", "ovirt-engine/services/pki-resource?resource=engine-certificate&format=OPENSSH-PUBKEY", "", "", 200},
		{"GET", "ovirt-engine/services/pki-resource?resource=%3Cscript%3Ealert(1)%3C/script%3E&format=<b>x</b>", "", "", 400},
		{"GET", "ovirt-engine/nope", "", "", 404},
		{"GET", "", "", "evil.example", 421},
		{"GET", "ovirt-engine/api", basic, "evil.example", 421},
	}
	want := map[string]string{
		"Content-Security-Policy": guard.CSP,
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
	}
	for _, tt := range tests {
		req := request(t, tt.method, base, tt.path, tt.host, nil)
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		req.Header.Set("Accept", "application/json")
		resp, body := do(t, req)
		if resp.StatusCode != tt.status {
			t.Errorf("%s /%s (Host %q): %d, want %d", tt.method, tt.path, tt.host, resp.StatusCode, tt.status)
		}
		for k, v := range want {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s /%s (Host %q): %s = %q, want %q", tt.method, tt.path, tt.host, k, got, v)
			}
		}
		if bytes.Contains(body, []byte("alert(1)")) || bytes.Contains(body, []byte("<b>")) {
			t.Errorf("%s /%s echoes its query: %s", tt.method, tt.path, body)
		}
	}
}

// TestSafeDefaults is finding 9: off loopback, no demo password; a random
// one is generated, printed once, kept only as its SHA-256 (never in clear
// on disk or in the logs), and still valid after a restart; the demo
// password cannot be chosen off loopback; make run listens on [::1].
func TestSafeDefaults(t *testing.T) {
	canListenWildcard(t)
	data := t.TempDir()
	s := startOwn(t, "--listen", "[::]:0", "--data-dir", data)
	m := generatedPassword.FindStringSubmatch(s.line)
	if m == nil || strings.Contains(s.line, embedded.DefaultAdminPassword) {
		t.Fatalf("engine line %q", s.line)
	}
	pw := m[1]
	if len(pw) < 20 {
		t.Fatalf("generated password %q is short", pw)
	}
	base := s.urls[0]
	sso := ssoGrant(t)
	if resp, body := sso(base, embedded.DefaultAdminPassword); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("demo password off loopback: %d %s", resp.StatusCode, body)
	}
	if resp, body := sso(base, pw); resp.StatusCode != http.StatusOK {
		t.Fatalf("generated password: %d %s", resp.StatusCode, body)
	}
	if resp, body := do(t, request(t, "GET", base, "api/login-info", "", nil)); resp.StatusCode != 200 || bytes.Contains(body, []byte(embedded.DefaultAdminPassword)) || bytes.Contains(body, []byte("demo")) {
		t.Fatalf("login-info off loopback: %d %s", resp.StatusCode, body)
	}
	s.stop()
	sum := sha256.Sum256([]byte(pw))
	stored, err := os.ReadFile(filepath.Join(data, AdminHashFile))
	if err != nil || strings.TrimSpace(string(stored)) != fmt.Sprintf("%x", sum) {
		t.Fatalf("stored digest %q %v", stored, err)
	}
	if fi, err := os.Stat(filepath.Join(data, AdminHashFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("digest file mode: %v %v", fi, err)
	}
	// Nowhere on disk or in the logs in clear.
	_ = filepath.WalkDir(data, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(pw)) {
				t.Errorf("%s holds the password in clear", p)
			}
		}
		return nil
	})
	if strings.Contains(s.logs.String(), pw) || strings.Count(s.out, pw) != 1 {
		t.Fatalf("the password is logged or printed more than once")
	}

	// Restart: the same password, not printed again.
	s2 := startOwn(t, "--listen", "[::]:0", "--data-dir", data)
	if strings.Contains(s2.out, pw) || !strings.Contains(s2.line, "generated on the first start") {
		t.Fatalf("restart line %q", s2.line)
	}
	if resp, body := sso(s2.urls[0], pw); resp.StatusCode != http.StatusOK {
		t.Fatalf("generated password after a restart: %d %s", resp.StatusCode, body)
	}
	s2.stop()

	// The demo password is not accepted as a choice off loopback.
	static := t.TempDir()
	if err := os.WriteFile(filepath.Join(static, "app.wasm"), []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), []string{"--listen", "[::]:0", "--static-dir", static, "--data-dir", t.TempDir(),
		"--admin-password", embedded.DefaultAdminPassword}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("demo password chosen off loopback: %v", err)
	}

	// make run listens on the IPv6 loopback unless LISTEN says otherwise.
	mk, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^LISTEN\s*\?=\s*\[::1\]:8080\s*$`).Match(mk) {
		t.Fatal("make run does not default to LISTEN=[::1]:8080")
	}
}

func TestPublicURLFlag(t *testing.T) {
	tests := []struct {
		args    []string
		origins []string
		wantErr string
	}{
		{[]string{"--public-url", "https://Admin.Example.com:8443/v6admin/"}, []string{"https://Admin.Example.com:8443"}, ""},
		{[]string{"--public-url", "http://[2001:db8::5]", "--allowed-origins", "https://a.example"}, []string{"https://a.example", "http://[2001:db8::5]"}, ""},
		{[]string{"--public-url", "ftp://admin.example.com"}, nil, "--public-url"},
		{[]string{"--public-url", "admin.example.com"}, nil, "--public-url"},
		{[]string{"--public-url", "https://[::1"}, nil, "--public-url"},
		{[]string{"--public-url", "https://ad min.example"}, nil, "--public-url"},
		{[]string{"--allowed-origins", "admin.example.com"}, nil, "--allowed-origins"},
	}
	for _, tt := range tests {
		c, err := parseFlags(tt.args, io.Discard)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || fmt.Sprint(c.AllowedOrigins) != fmt.Sprint(tt.origins) {
			t.Errorf("%q: origins %q %v, want %q", tt.args, c.AllowedOrigins, err, tt.origins)
		}
	}
}

// TestAdminPasswordFile: a generated password's digest is stored only when
// the password is about to be printed, a second generation does not
// overwrite it, and a damaged file stops the start-up.
func TestAdminPasswordFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, AdminHashFile)
	a, err := adminPassword(config{DataDir: dir}, false)
	if err != nil || a.save == nil || a.password != "" {
		t.Fatalf("%+v %v", a, err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("digest stored before the password is printed: %v", err)
	}
	if err := a.save(); err != nil {
		t.Fatal(err)
	}
	b, _ := adminPassword(config{DataDir: dir}, false)
	if b.save != nil || b.hash == nil || *b.hash != *a.hash {
		t.Fatalf("second start: %+v", b)
	}
	if err := os.WriteFile(file, []byte("not hex\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := adminPassword(config{DataDir: dir}, false); err == nil || !strings.Contains(err.Error(), "delete it") {
		t.Fatalf("damaged digest file: %v", err)
	}
	// A digest that appeared meanwhile (another process) is not overwritten.
	other := t.TempDir()
	d, _ := adminPassword(config{DataDir: other}, false)
	e, _ := adminPassword(config{DataDir: other}, false)
	if err := d.save(); err != nil {
		t.Fatal(err)
	}
	if err := e.save(); err == nil {
		t.Fatal("a stored digest was overwritten")
	}
	if f, _ := adminPassword(config{DataDir: other}, false); f.hash == nil || *f.hash != *d.hash {
		t.Fatal("the first digest is not the one kept")
	}
}
