package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServer runs the server on listen with a fake UI build and returns the
// URLs it printed; the server stops when the test ends.
func startServer(t *testing.T, listen string) []string {
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
		done <- run(ctx, []string{"--listen", listen, "--static-dir", dir}, pw, io.Discard)
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
	sc := bufio.NewScanner(pr)
	for len(urls) < 2 && sc.Scan() {
		_, u, ok := strings.Cut(sc.Text(), "listening on ")
		if !ok {
			t.Fatalf("unexpected output %q", sc.Text())
		}
		urls = append(urls, u)
		if !strings.HasPrefix(listen, "[::]:") && !strings.HasPrefix(listen, ":") {
			break
		}
	}
	go io.Copy(io.Discard, pr)
	return urls
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
