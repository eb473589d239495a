package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"v6admin/engine/client"
	"v6admin/engine/embedded"
)

// startServer runs the server on listen with a fake UI build and the
// embedded engine, and returns the URLs it printed; the server stops when the
// test ends.
func startServer(t *testing.T, listen string) []string {
	urls, _ := startServerEngine(t, listen)
	return urls
}

// startServerEngine is startServer that also returns the engine line
// printed; the server prints nothing else before it.
func startServerEngine(t *testing.T, listen string, extra ...string) ([]string, string) {
	t.Helper()
	s := startOwn(t, append([]string{"--listen", listen, "--data-dir", t.TempDir()}, extra...)...)
	for _, line := range strings.Split(strings.TrimSuffix(s.out, "\n"), "\n") {
		if !strings.Contains(line, "listening on ") && line != s.line {
			t.Fatalf("unexpected output %q", line)
		}
	}
	return s.urls, s.line
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServesOnIPv6Loopback(t *testing.T) {
	urls := startServer(t, "[::1]:0")
	if len(urls) != 1 || !strings.HasPrefix(urls[0], "http://[::1]:") {
		t.Fatalf("urls %q", urls)
	}
	if code, body := get(t, urls[0]); code != 200 || !strings.Contains(body, "pf-v6-c-page") {
		t.Fatalf("GET /: %d %q", code, body)
	}
	if code, body := get(t, urls[0]+"healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("GET /healthz: %d %q", code, body)
	}
	if code, body := get(t, urls[0]+"robots.txt"); code != 200 || !strings.Contains(body, "Disallow") {
		t.Fatalf("GET /robots.txt: %d %q", code, body)
	}
	if code, _ := get(t, urls[0]+"sitemap.xml"); code != 404 {
		t.Fatalf("GET /sitemap.xml: %d", code)
	}
}

func TestDualStack(t *testing.T) {
	if ln, err := net.Listen("tcp", "[::]:0"); err != nil {
		t.Fatalf("this machine cannot listen on [::]: %v", err)
	} else {
		ln.Close()
	}
	urls := startServer(t, "[::]:0")
	if len(urls) != 2 || !strings.HasPrefix(urls[0], "http://[::1]:") || !strings.HasPrefix(urls[1], "http://127.0.0.1:") {
		t.Fatalf("urls %q", urls)
	}
	for _, u := range urls {
		if code, body := get(t, u); code != 200 || !strings.Contains(body, "pf-v6-c-page") {
			t.Errorf("GET %s: %d", u, code)
		}
	}
}

func TestIPv4Only(t *testing.T) {
	urls := startServer(t, "127.0.0.1:0")
	if len(urls) != 1 || !strings.HasPrefix(urls[0], "http://127.0.0.1:") {
		t.Fatalf("urls %q", urls)
	}
	if code, _ := get(t, urls[0]); code != 200 {
		t.Fatalf("GET /: %d", code)
	}
}

func TestFlags(t *testing.T) {
	t.Setenv("V6ADMIN_LISTEN", "[::1]:9999")
	c, err := parseFlags(nil, io.Discard)
	if err != nil || c.Listen != "[::1]:9999" || c.StaticDir != "static" {
		t.Fatalf("env fallback: %+v, %v", c, err)
	}
	c, err = parseFlags([]string{"--listen", "127.0.0.1:1"}, io.Discard)
	if err != nil || c.Listen != "127.0.0.1:1" {
		t.Fatalf("flag wins: %+v, %v", c, err)
	}
	if _, err := parseFlags([]string{"extra"}, io.Discard); err == nil {
		t.Fatal("extra arguments accepted")
	}
	if err := run(context.Background(), []string{"--static-dir", t.TempDir()}, io.Discard, io.Discard); err == nil {
		t.Fatal("run without a build succeeded")
	}
}

// TestEmbeddedEngineWiring checks the one wiring: the server mounts the
// embedded engine on its own listener under /ovirt-engine/, and a client
// reaches it over HTTP at the printed URL, [::1] included.
func TestEmbeddedEngineWiring(t *testing.T) {
	urls, line := startServerEngine(t, "[::1]:0")
	want := "embedded engine at " + urls[0] + "ovirt-engine/api: log in as admin@internal with password " + embedded.DefaultAdminPassword
	if !strings.HasPrefix(line, want) {
		t.Fatalf("engine line %q, want prefix %q", line, want)
	}
	c, err := client.New(urls[0] + "ovirt-engine/api")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tok, err := c.Login(ctx, embedded.AdminUser, embedded.DefaultAdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	hosts, err := c.WithToken(tok.AccessToken.Reveal()).ListHosts(ctx, client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hosts) != 5 { // the demo lab's host0-host2, the legacy lab's legacy1 and legacy2
		t.Fatalf("%d seeded hosts, want 5", len(hosts))
	}
	if _, err := c.Login(ctx, embedded.AdminUser, "wrong"); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("bad password: %v", err)
	}
}

func TestAdminPasswordIsNotPrinted(t *testing.T) {
	_, line := startServerEngine(t, "127.0.0.1:0", "--admin-password", "s3cret-pw")
	if strings.Contains(line, "s3cret-pw") || !strings.Contains(line, "V6ADMIN_ADMIN_PASSWORD") {
		t.Fatalf("engine line %q", line)
	}
}

// TestBFFOverEmbeddedEngine is the "done when" through the binary's
// own wiring: log in with curl-like requests, list hosts, check readiness.
func TestBFFOverEmbeddedEngine(t *testing.T) {
	urls, _ := startServerEngine(t, "[::1]:0")
	base := urls[0]
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	if code, body := get(t, base+"readyz"); code != 200 || !strings.Contains(body, `"ready"`) {
		t.Fatalf("readyz: %d %s", code, body)
	}
	resp, err := hc.Post(base+"api/session", "application/json",
		strings.NewReader(`{"username":"admin@internal","password":"`+embedded.DefaultAdminPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"csrf_token"`) {
		t.Fatalf("login: %d %s", resp.StatusCode, b)
	}
	resp, err = hc.Get(base + "api/hosts")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.Count(string(b), `"nic_summary"`) != 5 {
		t.Fatalf("hosts: %d %s", resp.StatusCode, b)
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("no CSP")
	}
	// The readiness report resolves the built-in engine's names from the
	// lab's table: host1's name has A and AAAA records there only.
	resp, err = hc.Get(base + "api/readiness?kind=host")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"check":"v6.address.name-a-and-aaaa"`) {
		t.Fatalf("readiness: %d %.500s", resp.StatusCode, b)
	}
}

// TestTLS serves https with a self-signed certificate: HSTS, Secure
// __Host- cookies, and the embedded engine still reached over loopback HTTP.
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeSelfSigned(t, certFile, keyFile)
	urls, line := startServerEngine(t, "[::1]:0", "--tls-cert", certFile, "--tls-key", keyFile)
	if !strings.HasPrefix(urls[0], "https://[::1]:") || !strings.Contains(line, "http://[::1]:") {
		t.Fatalf("urls %q, engine %q", urls, line)
	}
	pool := x509.NewCertPool()
	pem, _ := os.ReadFile(certFile)
	pool.AppendCertsFromPEM(pem)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := hc.Get(urls[0] + "readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Fatalf("readyz: %d %v", resp.StatusCode, resp.Header)
	}
	resp, err = hc.Post(urls[0]+"api/session", "application/json",
		strings.NewReader(`{"username":"admin@internal","password":"`+embedded.DefaultAdminPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	sc := resp.Header.Get("Set-Cookie")
	if resp.StatusCode != 200 || !strings.HasPrefix(sc, "__Host-v6admin_session=") || !strings.Contains(sc, "Secure") {
		t.Fatalf("login: %d %q", resp.StatusCode, sc)
	}
}

func writeSelfSigned(t *testing.T, certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "v6admin test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv6loopback}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
}

func TestMoreFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"--engine-timeout", "0s"}, "engine-timeout"},
		{[]string{"--session-ttl", "soon"}, "session-ttl"},
		{[]string{"--tls-cert", "a.pem"}, "go together"},
		{[]string{"--trusted-proxies", "10.0.0.0/33"}, "trusted-proxies"},
		{[]string{"--body-limit", "12"}, "body-limit"},
		{[]string{"--login-rate", "0"}, "login-rate"},
		{[]string{"--secure-cookies=maybe"}, "secure-cookies"},
		{[]string{"--network-apply-delay", "-1s"}, "network-apply-delay"},
		{[]string{"--network-apply-delay", "soon"}, "network-apply-delay"},
		{[]string{"--seed-scale-host=maybe"}, "seed-scale-host"},
		{[]string{"--trusted-proxies", "::1, 10.0.0.0/8", "--proxy-allow", "POST /hosts/*/refresh", "--engine-ca-file", "/etc/ca.pem"}, ""},
	}
	for _, tt := range tests {
		c, err := parseFlags(tt.args, io.Discard)
		if tt.wantErr == "" {
			if err != nil || len(c.TrustedProxies) != 2 || len(c.ProxyAllow) != 1 || c.EngineCAFile != "/etc/ca.pem" {
				t.Errorf("%q: %+v %v", tt.args, c, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%q: err %v, want %q", tt.args, err, tt.wantErr)
		}
	}
	if c, err := parseFlags([]string{"--secure-cookies"}, io.Discard); err != nil || !c.SecureCookies {
		t.Fatalf("--secure-cookies: %+v %v", c, err)
	}
	t.Setenv("V6ADMIN_LOGIN_BURST", "7")
	t.Setenv("V6ADMIN_SECURE_COOKIES", "true")
	if c, err := parseFlags(nil, io.Discard); err != nil || c.LoginBurst != 7 || c.EngineTimeout != 30*time.Second || !c.SecureCookies {
		t.Fatalf("env: %+v %v", c, err)
	}
	t.Setenv("V6ADMIN_SECURE_COOKIES", "maybe")
	if _, err := parseFlags(nil, io.Discard); err == nil || !strings.Contains(err.Error(), "SECURE_COOKIES") {
		t.Fatalf("bad env: %v", err)
	}
}

// TestEmbeddedEngineFlags: --network-apply-delay and --seed-scale-host
// (and their variables) reach the embedded engine.
func TestEmbeddedEngineFlags(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	if err != nil || c.NetworkApplyDelay != time.Second || c.SeedScaleHost || !c.SeedLegacyLab {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	t.Setenv("V6ADMIN_SEED_LEGACY_LAB", "false")
	if c, err = parseFlags(nil, io.Discard); err != nil || c.SeedLegacyLab {
		t.Fatalf("env: %+v %v", c, err)
	}
	if c, err = parseFlags([]string{"--seed-legacy-lab"}, io.Discard); err != nil || !c.SeedLegacyLab {
		t.Fatalf("flags win: %+v %v", c, err)
	}
	t.Setenv("V6ADMIN_SEED_LEGACY_LAB", "perhaps")
	if _, err := parseFlags(nil, io.Discard); err == nil || !strings.Contains(err.Error(), "V6ADMIN_SEED_LEGACY_LAB") {
		t.Fatalf("bad env: %v", err)
	}
	os.Unsetenv("V6ADMIN_SEED_LEGACY_LAB")
	t.Setenv("V6ADMIN_NETWORK_APPLY_DELAY", "250ms")
	t.Setenv("V6ADMIN_SEED_SCALE_HOST", "true")
	if c, err = parseFlags(nil, io.Discard); err != nil || c.NetworkApplyDelay != 250*time.Millisecond || !c.SeedScaleHost {
		t.Fatalf("env: %+v %v", c, err)
	}
	if c, err = parseFlags([]string{"--network-apply-delay", "0s", "--seed-scale-host=false"}, io.Discard); err != nil || c.NetworkApplyDelay != 0 || c.SeedScaleHost {
		t.Fatalf("flags win: %+v %v", c, err)
	}
	t.Setenv("V6ADMIN_SEED_SCALE_HOST", "perhaps")
	if _, err := parseFlags(nil, io.Discard); err == nil || !strings.Contains(err.Error(), "V6ADMIN_SEED_SCALE_HOST") {
		t.Fatalf("bad env: %v", err)
	}
	os.Unsetenv("V6ADMIN_SEED_SCALE_HOST")
	os.Unsetenv("V6ADMIN_NETWORK_APPLY_DELAY")

	const delay = 300 * time.Millisecond
	urls, _ := startServerEngine(t, "[::1]:0", "--seed-scale-host", "--seed-legacy-lab=false", "--network-apply-delay", delay.String())
	cl, err := client.New(urls[0] + "ovirt-engine/api")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tok, err := cl.Login(ctx, embedded.AdminUser, embedded.DefaultAdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	s := cl.WithToken(tok.AccessToken.Reveal())
	hosts, err := s.ListHosts(ctx, client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var scale string
	for _, h := range hosts {
		if h.Name == embedded.ScaleHostName {
			scale = h.ID
		}
	}
	if len(hosts) != 4 || scale == "" {
		t.Fatalf("%d hosts, scale0 %q", len(hosts), scale)
	}
	start := time.Now()
	if _, err := s.SyncAllNetworks(ctx, scale); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < delay {
		t.Fatalf("syncallnetworks took %s, less than --network-apply-delay %s", took, delay)
	}
}

func TestDemoPasswordOnlyForTheBuiltInDefault(t *testing.T) {
	demo, err := adminPassword(config{DataDir: t.TempDir()}, true)
	if err != nil || !demo.demo || demo.password != embedded.DefaultAdminPassword {
		t.Fatalf("loopback default: %+v %v", demo, err)
	}
	if got := demoPassword(true, demo); got != embedded.DefaultAdminPassword {
		t.Errorf("built-in default: %q", got)
	}
	chosen, err := adminPassword(config{AdminPassword: "chosen-secret", DataDir: t.TempDir()}, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := demoPassword(true, chosen); got != "" {
		t.Errorf("a chosen password is never shown: %q", got)
	}
	if got := demoPassword(false, demo); got != "" {
		t.Errorf("a real engine: %q", got)
	}
	generated, err := adminPassword(config{DataDir: t.TempDir()}, false)
	if err != nil || generated.demo || generated.hash == nil {
		t.Fatalf("off loopback: %+v %v", generated, err)
	}
	if got := demoPassword(true, generated); got != "" {
		t.Errorf("off loopback the demo password is not in use: %q", got)
	}
}
