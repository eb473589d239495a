package webui

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"v6admin/components"
)

// localPage removes from go-app's HTML pages the meta tags that go-app
// always fills with an absolute URL: og:url, og:image and twitter:image
// become "https://" + Handler.Domain + path, a remote-looking URL even with
// no Domain. v6admin is an admin console, not a page to share, so the page
// keeps no remote URL at all. Other responses (app.js, the manifest, the
// worker) pass through untouched.
type localPage struct{ h http.Handler }

func (p localPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fw := &filterWriter{ResponseWriter: w, notFound: !components.Known(r.URL.Path)}
	p.h.ServeHTTP(fw, r)
	fw.finish()
}

// filterWriter buffers text/html bodies to filter them; anything else is
// written through.
type filterWriter struct {
	http.ResponseWriter
	status int
	html   bool
	buf    bytes.Buffer
	// notFound marks a path that is no page of the UI: the catch-all
	// route draws the 404 page, sent with status 404.
	notFound bool
}

func (f *filterWriter) WriteHeader(code int) {
	if f.status != 0 {
		return
	}
	f.status = code
	f.html = strings.HasPrefix(f.Header().Get("Content-Type"), "text/html")
	if f.html && f.notFound && code == http.StatusOK {
		f.status = http.StatusNotFound
	}
	if !f.html {
		f.ResponseWriter.WriteHeader(code)
	}
}

func (f *filterWriter) Write(b []byte) (int, error) {
	if f.status == 0 {
		f.WriteHeader(http.StatusOK)
	}
	if f.html {
		return f.buf.Write(b)
	}
	return f.ResponseWriter.Write(b)
}

func (f *filterWriter) finish() {
	if !f.html {
		return
	}
	out := StripRemoteMeta(f.buf.Bytes())
	f.Header().Set("Content-Length", strconv.Itoa(len(out)))
	f.ResponseWriter.WriteHeader(f.status)
	_, _ = f.ResponseWriter.Write(out)
}

// remoteMeta are the attributes of the meta tags StripRemoteMeta drops.
var remoteMeta = []string{`property="og:url"`, `property="og:image"`, `name="twitter:image"`}

// StripRemoteMeta drops the lines of an HTML page holding a meta tag whose
// content go-app makes an absolute URL (go-app writes one tag per line).
func StripRemoteMeta(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page))
	for line := range bytes.Lines(page) {
		t := bytes.TrimSpace(line)
		drop := false
		if bytes.HasPrefix(t, []byte("<meta ")) {
			for _, m := range remoteMeta {
				if bytes.Contains(t, []byte(m)) {
					drop = true
					break
				}
			}
		}
		if !drop {
			out.Write(line)
		}
	}
	return out.Bytes()
}
