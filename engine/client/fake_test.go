package client

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"v6admin/engine/ovirt"
)

// Test credentials. The fake SSO issues "tok-<user>" for testPassword.
const (
	testUser     = "admin@internal"
	testPassword = "S3cr3t-pa55word"
	testToken    = "tok-" + testUser
)

// seen is a request received by the fake engine.
type seen struct {
	Method, Path, Query, Host string
	Header                    http.Header
	Body                      []byte
}

// fakeEngine is a minimal engine: the SSO token and logout services, bearer
// authentication (401 with an HTML page), and a per-test API handler.
type fakeEngine struct {
	mu   sync.Mutex
	reqs []seen
	api  http.HandlerFunc
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{api: func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) }}
}

// startFake serves a new fake engine with httptest.NewServer.
func startFake(t *testing.T) (*fakeEngine, *httptest.Server) {
	t.Helper()
	f := newFakeEngine()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

// handle sets the API handler.
func (f *fakeEngine) handle(h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.api = h
}

// reply sets an API handler answering every request with status and body.
func (f *fakeEngine) reply(status int, body string) {
	f.handle(func(w http.ResponseWriter, _ *http.Request) {
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	})
}

// requests returns the requests received so far.
func (f *fakeEngine) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// last returns the last request received.
func (f *fakeEngine) last(t *testing.T) seen {
	t.Helper()
	r := f.requests()
	if len(r) == 0 {
		t.Fatal("fake engine received no request")
	}
	return r[len(r)-1]
}

func (f *fakeEngine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	f.mu.Lock()
	f.reqs = append(f.reqs, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Host, r.Header.Clone(), body})
	h := f.api
	f.mu.Unlock()

	switch r.URL.Path {
	case SSOTokenPath:
		ssoToken(w, r)
	case LogoutPath:
		w.WriteHeader(http.StatusOK)
	case PKIResourcePath:
		w.Header().Set("Content-Type", "text/plain")
		switch r.URL.Query().Get("resource") + "/" + r.URL.Query().Get("format") {
		case "engine-certificate/OPENSSH-PUBKEY":
			io.WriteString(w, testSSHKey+"\n")
		default:
			w.WriteHeader(http.StatusBadRequest)
		}
	default:
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("WWW-Authenticate", "Bearer")
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, "<html><body><h1>HTTP Status 401 - Unauthorized</h1></body></html>")
			return
		}
		h(w, r)
	}
}

// ssoToken implements the password grant; user "oauth@internal" fails with
// the non-API error shape.
func ssoToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodPost || r.Header.Get("Accept") != "application/json" ||
		r.ParseForm() != nil || r.PostForm.Get("grant_type") != "password" || r.PostForm.Get("scope") != "ovirt-app-api" {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(ovirt.NewSSOError(ovirt.SSOErrorInvalidRequest, "bad request"))
		return
	}
	user := r.PostForm.Get("username")
	switch {
	case user == "oauth@internal":
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error": "invalid_grant", "error_description": "The provided authorization grant for the username and password has expired."}`)
	case r.PostForm.Get("password") != testPassword:
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(ovirt.NewSSOError(ovirt.SSOErrorAccessDenied,
			"Cannot authenticate user '"+user+"': The username or password is incorrect."))
	default:
		io.WriteString(w, `{"access_token": "tok-`+user+`", "token_type": "bearer", "scope": "ovirt-app-api", "exp": "1493207433000"}`)
	}
}

// testSSHKey is the fake engine's SSH public key.
const testSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ovirt-engine"
