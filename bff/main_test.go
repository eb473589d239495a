package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
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

// startServerEngine is startServer that also returns the engine line printed.
func startServerEngine(t *testing.T, listen string, extra ...string) ([]string, string) {
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
	go func() {
		args := append([]string{"--listen", listen, "--static-dir", dir, "--data-dir", t.TempDir()}, extra...)
		done <- run(ctx, args, pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
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
	var urls []string
	var engine string
	sc := bufio.NewScanner(pr)
	for engine == "" && sc.Scan() {
		line := sc.Text()
		if _, u, ok := strings.Cut(line, "listening on "); ok {
			urls = append(urls, u)
			continue
		}
		if strings.HasPrefix(line, "embedded engine at ") || strings.HasPrefix(line, "engine: ") {
			engine = line
			continue
		}
		t.Fatalf("unexpected output %q", line)
	}
	go io.Copy(io.Discard, pr)
	return urls, engine
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
	if code, body := get(t, urls[0]); code != 200 || !strings.Contains(body, "Hostname/IP") {
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
		if code, body := get(t, u); code != 200 || !strings.Contains(body, `id="host-address"`) {
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
	if len(hosts) != 3 {
		t.Fatalf("%d seeded hosts, want 3", len(hosts))
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
