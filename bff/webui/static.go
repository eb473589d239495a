package webui

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// staticFiles serves /web/<file> from dir. A file with a precompressed
// sibling (<file>.br, <file>.gz) is sent compressed when the client accepts
// it; app.wasm requested with ?v=<build id> is immutable.
type staticFiles struct {
	dir     string
	buildID string
}

// encodings in order of preference: brotli, then gzip.
var encodings = []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

func (s *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rel, ok := cleanPath(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	name := filepath.Join(s.dir, filepath.FromSlash(rel))
	st, err := os.Stat(name)
	if err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	ctype := mime.TypeByExtension(path.Ext(rel))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	versioned := rel == "app.wasm" && r.URL.Query().Get("v") == s.buildID
	if versioned {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Add("Vary", "Accept-Encoding")
	sendFile := name
	etag := ""
	if rel == "app.wasm" {
		etag = s.buildID
	}
	for _, enc := range encodings {
		if !accepts(r.Header.Get("Accept-Encoding"), enc.token) {
			continue
		}
		cst, err := os.Stat(name + enc.ext)
		// A stale sibling is never served (compressors keep the source's
		// mtime, at one-second precision).
		if err != nil || cst.ModTime().Before(st.ModTime().Truncate(time.Second)) {
			continue
		}
		h.Set("Content-Encoding", enc.token)
		sendFile = name + enc.ext
		if etag != "" {
			etag += "-" + enc.token
		}
		break
	}
	if etag != "" {
		h.Set("ETag", strconv.Quote(etag))
	}
	f, err := os.Open(sendFile)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	fst, err := f.Stat()
	if err != nil {
		http.Error(w, "read error", http.StatusInternalServerError)
		return
	}
	if h.Get("Content-Encoding") != "" {
		// http.ServeContent omits Content-Length for encoded bodies; the
		// size is known, so say it (go-app's progress uses the raw size,
		// from WasmContentLength). Ranges of an encoded body are not
		// offered: the whole body is sent.
		h.Set("Content-Length", strconv.FormatInt(fst.Size(), 10))
		r = r.Clone(r.Context())
		r.Header.Del("Range")
	}
	http.ServeContent(w, r, rel, st.ModTime(), f)
}

// cleanPath turns /web/<p> into a clean relative path; dot files, the
// precompressed siblings themselves and anything escaping the directory are
// refused.
func cleanPath(p string) (string, bool) {
	rel, ok := strings.CutPrefix(p, "/web/")
	if !ok || rel == "" || strings.Contains(rel, "\\") || strings.ContainsRune(rel, 0) {
		return "", false
	}
	clean := path.Clean("/" + rel)[1:]
	if clean != rel {
		return "", false
	}
	for _, seg := range strings.Split(clean, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	if strings.HasSuffix(clean, ".br") || strings.HasSuffix(clean, ".gz") {
		return "", false
	}
	return clean, true
}

// accepts reports whether an Accept-Encoding header allows token with a
// non-zero quality (RFC 9110 §12.5.3), "*" included.
func accepts(header, token string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				} else {
					q = 0
				}
			}
		}
		switch name {
		case token:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}
