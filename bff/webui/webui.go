// Package webui serves v6admin's user interface from the BFF: the go-app
// pages (prerendered on the server from the route table of package
// components) and the static files of the static/ directory, with app.wasm
// precompressed (brotli and gzip), versioned by its build id and cached
// immutably.
package webui

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components"
)

// UI is the user interface of one build.
type UI struct {
	dir      string
	buildID  string
	wasmSize int64
	pages    *app.Handler
	static   http.Handler
}

// New prepares the UI whose files are in dir (static/, holding the built
// app.wasm). The build id is derived from app.wasm's content, so a new build
// is a new version for the browser's caches and service worker.
func New(dir string) (*UI, error) {
	f, err := os.Open(filepath.Join(dir, "app.wasm"))
	if err != nil {
		return nil, fmt.Errorf("open the UI (run make build): %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, fmt.Errorf("read app.wasm: %w", err)
	}
	if n == 0 {
		return nil, errors.New("app.wasm is empty: run make build")
	}
	u := &UI{dir: dir, buildID: hex.EncodeToString(h.Sum(nil))[:16], wasmSize: n}
	components.Routes()
	u.pages = &app.Handler{
		Name:                  "v6admin",
		ShortName:             "v6admin",
		Title:                 "v6admin",
		Description:           "oVirt administration over IPv6",
		Lang:                  "en",
		Icon:                  app.Icon{Default: "/web/icon.svg", Large: "/web/icon.svg", SVG: "/web/icon.svg"},
		Styles:                []string{"/web/pf/patternfly.min.css", "/web/app.css"},
		BackgroundColor:       "#f0f0f0",
		ThemeColor:            "#0066cc",
		LoadingLabel:          "Loading v6admin… {progress}%",
		Version:               u.buildID,
		WasmContentLength:     strconv.FormatInt(n, 10),
		Resources:             resolver{build: u.buildID},
		ServiceWorkerTemplate: serviceWorker,
	}
	u.static = &staticFiles{dir: dir, buildID: u.buildID}
	return u, nil
}

// BuildID identifies this build of the UI.
func (u *UI) BuildID() string { return u.buildID }

// WasmSize is the size of app.wasm before compression.
func (u *UI) WasmSize() int64 { return u.wasmSize }

// Pages serves the go-app pages and the resources go-app generates
// (/app.js, /wasm_exec.js, /app-worker.js, /manifest.webmanifest, /app.css).
// Unrouted paths get 404. Pages hold no remote URL (see localPage) and no
// inline script or style, so they run under a CSP of 'self' plus
// 'wasm-unsafe-eval'.
func (u *UI) Pages() http.Handler { return localPage{u.pages} }

// Static serves /web/... from the static directory.
func (u *UI) Static() http.Handler { return u.static }

// resolver is go-app's ResourceResolver: like app.LocalDir("") but it names
// app.wasm by build id, so the browser may cache it forever.
type resolver struct{ build string }

func (r resolver) Resolve(loc string) string {
	switch {
	case loc == "" || loc == "/":
		return "/"
	case strings.HasPrefix(loc, "https://") || strings.HasPrefix(loc, "http://"):
		return loc
	case loc == "/web/app.wasm" || loc == "web/app.wasm":
		return "/web/app.wasm?v=" + r.build
	case loc == "web" || loc == "/web" || strings.HasPrefix(loc, "/web/") || strings.HasPrefix(loc, "web/"):
		return "/" + strings.Trim(loc, "/")
	}
	return loc
}

// serviceWorker replaces go-app's cache-first worker: v6admin needs its
// server to do anything, so offline caching buys nothing and a cache-first
// worker would keep running an old UI after an upgrade. HTTP caching (an
// immutable, versioned app.wasm) makes reloads fast instead.
const serviceWorker = `// v6admin {{.Version}}: no offline cache; the network and HTTP caching serve everything.
self.addEventListener("install", (event) => { self.skipWaiting(); });
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});
`

// StaticPath returns the path of a file in the static directory.
func (u *UI) StaticPath(name string) string { return filepath.Join(u.dir, name) }
