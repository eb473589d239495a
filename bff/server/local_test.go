package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestLocalTransport: the handler gets the request a server would build,
// the caller the handler's answer; other hosts go to the fallback; a
// cancelled request and a panic are errors, not hangs or crashes.
func TestLocalTransport(t *testing.T) {
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ovirt-engine/api/echo":
			b, _ := io.ReadAll(r.Body)
			w.Header().Set("X-Seen", r.Method+" "+r.RequestURI+" "+r.Host+" "+r.RemoteAddr+" "+r.Header.Get("Authorization")+" "+string(b))
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"ok":true}`)
		case "/ovirt-engine/api/plain":
			io.WriteString(w, "<html>hi</html>")
		case "/ovirt-engine/api/slow":
			<-release
		case "/ovirt-engine/api/panic":
			panic("boom")
		}
	})
	fallback := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, errors.New("fallback " + r.URL.Host)
	})
	rt := LocalTransport("[::1]:8080", h, fallback)
	do := func(ctx context.Context, method, u, body string) (*http.Response, string, error) {
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, _ := http.NewRequestWithContext(ctx, method, u, rd)
		req.Header.Set("Authorization", "Bearer tok")
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return nil, "", err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b), nil
	}
	bg := context.Background()
	tests := []struct {
		name, method, url, body string
		status                  int
		wantBody, wantHdr       string
		hdr                     string
		wantErr                 string
	}{
		{"echo", "POST", "http://[::1]:8080/ovirt-engine/api/echo?search=name%3Dh*&max=2", `{"a":1}`, 201, `{"ok":true}`,
			"POST /ovirt-engine/api/echo?search=name%3Dh*&max=2 [::1]:8080 [::1]:0 Bearer tok {\"a\":1}", "X-Seen", ""},
		{"content type sniffed, length set", "GET", "http://[::1]:8080/ovirt-engine/api/plain", "", 200, "<html>hi</html>", "text/html; charset=utf-8", "Content-Type", ""},
		{"length", "GET", "http://[::1]:8080/ovirt-engine/api/plain", "", 200, "<html>hi</html>", "15", "Content-Length", ""},
		{"HEAD", "HEAD", "http://[::1]:8080/ovirt-engine/api/plain", "", 200, "", "15", "Content-Length", ""},
		{"another host", "GET", "http://[2001:db8::1]:8080/ovirt-engine/api/echo", "", 0, "", "", "", "fallback [2001:db8::1]:8080"},
		{"another port", "GET", "http://[::1]:8081/ovirt-engine/api/echo", "", 0, "", "", "", "fallback [::1]:8081"},
		{"panic", "GET", "http://[::1]:8080/ovirt-engine/api/panic", "", 0, "", "", "", "panicked"},
	}
	for _, tt := range tests {
		resp, body, err := do(bg, tt.method, tt.url, tt.body)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || resp.StatusCode != tt.status || body != tt.wantBody {
			t.Errorf("%s: %v %v %q", tt.name, err, resp, body)
			continue
		}
		if tt.hdr != "" && resp.Header.Get(tt.hdr) != tt.wantHdr {
			t.Errorf("%s: %s = %q, want %q", tt.name, tt.hdr, resp.Header.Get(tt.hdr), tt.wantHdr)
		}
	}

	// The request body is closed, as the RoundTripper contract wants.
	body := &closeRecorder{Reader: strings.NewReader(`{}`)}
	req, _ := http.NewRequest("POST", "http://[::1]:8080/ovirt-engine/api/echo", body)
	if resp, err := rt.RoundTrip(req); err != nil || resp.StatusCode != 201 {
		t.Fatalf("POST: %v %v", resp, err)
	}
	if !body.closed {
		t.Error("request body not closed")
	}

	ctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, _, err := do(ctx, "GET", "http://[::1]:8080/ovirt-engine/api/slow", ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow handler: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the deadline did not cut the wait")
	}
	close(release)
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }
