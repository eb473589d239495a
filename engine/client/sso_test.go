package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"v6admin/engine/ovirt"
)

// fakeSSO is the password grant of the engine's OAuthTokenServlet as
// oVirt 4.5 answers it (ovirt-engine 0111fc6, enginesso), in either mode:
// oVirt's AAA (issueTokenForPasswd) or, with
// ENGINE_SSO_ENABLE_EXTERNAL_SSO, ExternalOIDCService in front of a
// Keycloak. Only the scope ovirt-app-api is served, so refusals have the
// API shape {"error_code", "error"} (SsoService.sendJsonDataWithMessage).
type fakeSSO struct {
	external bool
	profiles []string          // the SSO profiles: internal; internalsso
	users    map[string]string // user name without the profile → password

	mu       sync.Mutex
	keycloak []url.Values // what the engine posted to Keycloak
	checked  int          // passwords checked
}

func newFakeSSO(external bool) *fakeSSO {
	if external {
		return &fakeSSO{external: true, profiles: []string{"internalsso"}, users: map[string]string{"admin@ovirt": testPassword}}
	}
	return &fakeSSO{profiles: []string{"internal"}, users: map[string]string{"admin": testPassword}}
}

// kcToken is an access token as Keycloak issues it: a JWT, as long as the
// ones oVirt's bundled Keycloak writes (1.5 kB and more).
var kcToken = "eyJhbGciOiJSUzI1NiIsInR5cCIgOiAiSldUIn0." + strings.Repeat("eyJleHAiOjE2NTcyMTY5MzB9", 60) + "." + strings.Repeat("c2lnbmF0dXJl", 28)

func (f *fakeSSO) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path != SSOTokenPath || r.ParseForm() != nil || r.PostForm.Get("grant_type") != "password" ||
		r.PostForm.Get("scope") != "ovirt-app-api" || r.Header.Get("Accept") != "application/json" {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error_code": "invalid_request", "error": "bad request"}`)
		return
	}
	// SsoService.translateUser: the profile follows the last "@".
	full := r.PostForm.Get("username")
	user, profile := full, ""
	if i := strings.LastIndex(full, "@"); i >= 0 {
		user, profile = full[:i], full[i+1:]
	}
	valid := profile != "" && slices.Contains(f.profiles, profile)
	refuse := func(msg string) {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(ovirt.NewSSOError(ovirt.SSOErrorAccessDenied, msg))
	}
	// SsoService.areCredentialsValid, then each mode's own wrapping.
	inner := ""
	switch {
	case user == "":
		inner = "No user name found in credentials."
	case !valid:
		inner = "No valid profile found in credentials."
	}
	if f.external {
		if inner == "" {
			f.mu.Lock()
			f.checked++
			f.keycloak = append(f.keycloak, url.Values{"client_id": {"ovirt-engine-internal"}, "grant_type": {"password"},
				"username": {user}, "scope": {r.PostForm.Get("scope") + " openid"}})
			f.mu.Unlock()
			if f.users[user] != r.PostForm.Get("password") {
				inner = "Invalid user credentials" // Keycloak's error_description
			}
		}
		if inner != "" {
			refuse(fmt.Sprintf("Cannot authenticate user %s.", inner))
			return
		}
		io.WriteString(w, `{"access_token": "`+kcToken+`", "scope": "ovirt-app-api", "exp": "1657216930000", "token_type": "bearer"}`)
		return
	}
	if inner == "" {
		f.mu.Lock()
		f.checked++
		f.mu.Unlock()
		if pw, ok := f.users[user]; !ok || pw != r.PostForm.Get("password") {
			inner = "The username or password is incorrect."
		}
	}
	if inner != "" {
		if profile == "" {
			profile = "N/A"
		}
		refuse(fmt.Sprintf("Cannot authenticate user '%s@%s': %s.", user, profile, inner))
		return
	}
	io.WriteString(w, `{"access_token": "tok-`+full+`", "scope": "ovirt-app-api", "exp": "1657216930000", "token_type": "bearer"}`)
}

func startSSO(t *testing.T, f http.Handler) *Client {
	t.Helper()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: f}}
	srv.Start()
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://[::1]:") {
		t.Fatalf("SSO at %s", srv.URL)
	}
	c, err := New(srv.URL + ovirt.Prefix)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLoginBothSSOKinds: one request logs in on both kinds of engine SSO;
// refusals keep the engine's words.
func TestLoginBothSSOKinds(t *testing.T) {
	tests := []struct {
		name       string
		external   bool
		user, pass string
		token      string // on success
		reason     string // on refusal: the whole Reason
	}{
		{"aaa", false, "admin@internal", testPassword, "tok-admin@internal", ""},
		{"aaa wrong password", false, "admin@internal", "nope", "",
			"Cannot authenticate user 'admin@internal': The username or password is incorrect.."},
		{"aaa keycloak user", false, "admin@ovirt@internalsso", testPassword, "",
			"Cannot authenticate user 'admin@ovirt@internalsso': No valid profile found in credentials.."},
		{"keycloak", true, "admin@ovirt@internalsso", testPassword, kcToken, ""},
		{"keycloak wrong password", true, "admin@ovirt@internalsso", "nope", "",
			"Cannot authenticate user Invalid user credentials."},
		{"keycloak aaa user", true, "admin@internal", testPassword, "",
			"Cannot authenticate user No valid profile found in credentials.."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSSO(tt.external)
			c := startSSO(t, f)
			tok, err := c.Login(context.Background(), tt.user, tt.pass)
			if tt.reason == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tok.AccessToken.Reveal() != tt.token || tok.ExpiresAt.UnixMilli() != 1657216930000 {
					t.Errorf("token %v expires %v", tok, tok.ExpiresAt)
				}
				if tt.external && (len(f.keycloak) != 1 || f.keycloak[0].Get("username") != "admin@ovirt") {
					t.Errorf("sent to Keycloak: %v", f.keycloak)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) || e.Code != ovirt.SSOErrorAccessDenied {
				t.Fatalf("error %v", err)
			}
			if e.Reason != tt.reason {
				t.Errorf("reason %q, want %q", e.Reason, tt.reason)
			}
			if strings.Contains(fmt.Sprintf("%v %+v", err, e), tt.pass) {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

// TestProbeSSO tells the kinds apart without checking any password.
func TestProbeSSO(t *testing.T) {
	tests := []struct {
		name    string
		h       http.Handler
		want    SSOKind
		wantErr bool
	}{
		{"aaa", newFakeSSO(false), SSOInternal, false},
		{"keycloak", newFakeSSO(true), SSOExternal, false},
		{"not an engine", http.NotFoundHandler(), SSOUnknown, true},
		{"a token for anybody", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"access_token": "x", "token_type": "bearer"}`)
		}), SSOUnknown, true},
		{"html", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, "<html>Bad Request</html>")
		}), SSOUnknown, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := startSSO(t, tt.h)
			got, err := c.ProbeSSO(context.Background())
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("ProbeSSO() = %q, %v; want %q (error %v)", got, err, tt.want, tt.wantErr)
			}
			if f, ok := tt.h.(*fakeSSO); ok && (f.checked != 0 || len(f.keycloak) != 0) {
				t.Errorf("the probe checked %d passwords, reached Keycloak %d times", f.checked, len(f.keycloak))
			}
		})
	}
	c, _ := New("http://[::1]:1" + ovirt.Prefix) // nothing listens
	if got, err := c.ProbeSSO(context.Background()); got != SSOUnknown || err == nil {
		t.Errorf("unreachable: %q, %v", got, err)
	}
}
