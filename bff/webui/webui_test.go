package webui

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// newTestUI writes a fake build into a temporary static directory.
func newTestUI(t *testing.T) (*UI, string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"app.wasm":    "\x00asm raw bytes of the build",
		"app.wasm.br": "brotli bytes",
		"app.wasm.gz": "gzip bytes",
		"app.css":     "body{}",
		".secret":     "no",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	return u, dir
}

func TestNewNeedsABuild(t *testing.T) {
	if _, err := New(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Fatalf("New on an empty dir: %v", err)
	}
}

func TestStatic(t *testing.T) {
	u, _ := newTestUI(t)
	if len(u.BuildID()) != 16 || u.WasmSize() != int64(len("\x00asm raw bytes of the build")) {
		t.Fatalf("build id %q, size %d", u.BuildID(), u.WasmSize())
	}
	v := "?v=" + u.BuildID()
	tests := []struct {
		path, accept, method string
		status               int
		encoding, body       string
		cache, etag          string
	}{
		{"/web/app.wasm" + v, "gzip, deflate, br", "GET", 200, "br", "brotli bytes", "public, max-age=31536000, immutable", `"` + u.BuildID() + `-br"`},
		{"/web/app.wasm" + v, "gzip", "GET", 200, "gzip", "gzip bytes", "public, max-age=31536000, immutable", `"` + u.BuildID() + `-gzip"`},
		{"/web/app.wasm" + v, "br;q=0, gzip;q=0.5", "GET", 200, "gzip", "gzip bytes", "", ""},
		{"/web/app.wasm" + v, "", "GET", 200, "", "\x00asm raw bytes of the build", "", `"` + u.BuildID() + `"`},
		{"/web/app.wasm" + v, "identity", "GET", 200, "", "\x00asm raw bytes of the build", "", ""},
		{"/web/app.wasm" + v, "*", "GET", 200, "br", "brotli bytes", "", ""},
		{"/web/app.wasm?v=old", "br", "GET", 200, "br", "brotli bytes", "no-cache", ""},
		{"/web/app.wasm" + v, "br", "HEAD", 200, "br", "", "", ""},
		{"/web/app.css", "br", "GET", 200, "", "body{}", "no-cache", ""},
		{"/web/app.wasm.br", "", "GET", 404, "", "", "", ""},
		{"/web/.secret", "", "GET", 404, "", "", "", ""},
		{"/web/../webui.go", "", "GET", 404, "", "", "", ""},
		{"/web/a/../app.css", "", "GET", 404, "", "", "", ""},
		{"/web/", "", "GET", 404, "", "", "", ""},
		{"/web/nope.js", "", "GET", 404, "", "", "", ""},
		{"/web/app.css", "", "POST", 405, "", "", "", ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, tt.path, nil)
		if tt.accept != "" {
			r.Header.Set("Accept-Encoding", tt.accept)
		}
		w := httptest.NewRecorder()
		u.Static().ServeHTTP(w, r)
		res := w.Result()
		if res.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
			continue
		}
		if tt.status != 200 {
			continue
		}
		if got := res.Header.Get("Content-Encoding"); got != tt.encoding {
			t.Errorf("%s %s (%q): encoding %q, want %q", tt.method, tt.path, tt.accept, got, tt.encoding)
		}
		if tt.method == "GET" && w.Body.String() != tt.body {
			t.Errorf("%s %s (%q): body %q, want %q", tt.method, tt.path, tt.accept, w.Body, tt.body)
		}
		if tt.cache != "" && res.Header.Get("Cache-Control") != tt.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tt.path, res.Header.Get("Cache-Control"), tt.cache)
		}
		if tt.etag != "" && res.Header.Get("ETag") != tt.etag {
			t.Errorf("%s (%q): ETag %q, want %q", tt.path, tt.accept, res.Header.Get("ETag"), tt.etag)
		}
		if strings.HasPrefix(tt.path, "/web/app.wasm") && res.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("%s: Content-Type %q", tt.path, res.Header.Get("Content-Type"))
		}
		if tt.encoding != "" && res.Header.Get("Content-Length") != "" && res.ContentLength != int64(len(tt.body)) && tt.method == "GET" {
			t.Errorf("%s: Content-Length %d for %d bytes", tt.path, res.ContentLength, len(tt.body))
		}
	}
}

func TestStaleCompressedSiblingIsNotServed(t *testing.T) {
	u, dir := newTestUI(t)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "app.wasm.br"), old, old); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/web/app.wasm", nil)
	r.Header.Set("Accept-Encoding", "br, gzip")
	w := httptest.NewRecorder()
	u.Static().ServeHTTP(w, r)
	if got := w.Result().Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("encoding %q, want gzip (the .br is older than app.wasm)", got)
	}
}

func TestPages(t *testing.T) {
	u, _ := newTestUI(t)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"pf-v6-c-page", `href="/web/pf/patternfly.min.css"`, `href="/web/app.css"`, `src="/app.js"`}},
		{"/login", 200, []string{`id="login-user"`, "User Name"}},
		{"/hosts/0bd2-host/nics", 200, []string{"pf-v6-c-page", "Hosts"}},
		{"/no-such-page", 404, []string{"Page not found", `src="/app.js"`}},
		{"/hosts/a/b/nics", 404, []string{"Page not found"}},
		{"/app.js", 200, []string{"/web/app.wasm?v=" + u.BuildID(), `"` + "27" + `"`}},
		{"/app-worker.js", 200, []string{"no offline cache", "skipWaiting"}},
		{"/manifest.webmanifest", 200, []string{"/web/icon.svg"}},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		u.Pages().ServeHTTP(w, httptest.NewRequest("GET", tt.path, nil))
		if w.Code != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.path, w.Code, tt.status)
		}
		body := w.Body.String()
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s: body lacks %q", tt.path, s)
			}
		}
		if strings.Contains(body, "githubusercontent") {
			t.Errorf("GET %s: a remote icon URL is in the page", tt.path)
		}
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, token string
		want          bool
	}{
		{"br", "br", true},
		{"gzip, br", "br", true},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.001", "br", true},
		{"br;q=bogus", "br", false},
		{"*;q=0.1", "gzip", true},
		{"*, gzip;q=0", "gzip", false},
		{"", "br", false},
		{"identity", "gzip", false},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.token); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v", tt.header, tt.token, got)
		}
	}
}

var _ http.Handler = (*staticFiles)(nil)

func TestPageHasNoRemoteURLNorInlineCode(t *testing.T) {
	u, _ := newTestUI(t)
	for _, path := range []string{"/", "/app.js", "/manifest.webmanifest", "/app-worker.js"} {
		w := httptest.NewRecorder()
		u.Pages().ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		body := w.Body.String()
		if w.Code != 200 {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		for _, bad := range []string{"https://", "http://", "//raw.githubusercontent"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s contains %q", path, bad)
			}
		}
		if path != "/" {
			continue
		}
		if cl := w.Header().Get("Content-Length"); cl != strconv.Itoa(len(body)) {
			t.Errorf("Content-Length %s for %d bytes", cl, len(body))
		}
		// CSP: script-src 'self' 'wasm-unsafe-eval' and style-src 'self'
		// forbid inline scripts, inline event handlers and style attributes.
		for _, bad := range []string{"<script>", "<style", " style=", " onload=", " onclick=", "javascript:"} {
			if strings.Contains(body, bad) {
				t.Errorf("the page contains %q, which the CSP blocks", bad)
			}
		}
		if !strings.Contains(body, `src="/app.js"`) || !strings.Contains(body, "og:title") {
			t.Errorf("page: %s", body)
		}
	}
}

func TestStripRemoteMeta(t *testing.T) {
	in := "<head>\n    <meta property=\"og:url\" content=\"https://\">\n    <meta content=\"x\" property=\"og:title\">\n" +
		"    <meta property=\"og:image\" content=\"https:///web/i.png\">\n<meta name=\"twitter:image\" content=\"https://x\">\n</head>"
	want := "<head>\n    <meta content=\"x\" property=\"og:title\">\n</head>"
	if got := string(StripRemoteMeta([]byte(in))); got != want {
		t.Fatalf("got %q", got)
	}
}
