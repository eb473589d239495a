package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"v6admin/bff/session"
	"v6admin/wire"
)

// ssoRoute is the engine's SSO token endpoint, as a route of the engine test double.
const ssoRoute = "POST /ovirt-engine/sso/oauth/token"

// engineSSO answers the password grant as an oVirt 4.5 engine does
// (OAuthTokenServlet; scope ovirt-app-api, so refusals are
// {"error_code", "error"}): with oVirt's AAA (profile internal, user
// admin), or with Keycloak behind ExternalOIDCService (profile
// internalsso, Keycloak user admin@ovirt, a JWT for a token).
func engineSSO(external bool, password string) engineReply {
	return func(body []byte) (int, string) {
		form, _ := url.ParseQuery(string(body))
		full := form.Get("username")
		user, profile := full, ""
		if i := strings.LastIndex(full, "@"); i >= 0 {
			user, profile = full[:i], full[i+1:]
		}
		refuse := func(msg string) (int, string) {
			b, _ := json.Marshal(map[string]string{"error_code": "access_denied", "error": msg})
			return 400, string(b)
		}
		exp := fmt.Sprint(time.Now().Add(10 * time.Hour).UnixMilli())
		if external {
			switch {
			case profile != "internalsso":
				return refuse("Cannot authenticate user No valid profile found in credentials..")
			case user != "admin@ovirt" || form.Get("password") != password && form.Get("password") != "huge":
				return refuse("Cannot authenticate user Invalid user credentials.")
			}
			token := keycloakJWT
			if form.Get("password") == "huge" { // a user in very many groups
				token += strings.Repeat("Z3JvdXA", 300)
			}
			return 200, `{"access_token": "` + token + `", "scope": "ovirt-app-api", "exp": "` + exp + `", "token_type": "bearer"}`
		}
		if profile != "internal" {
			if profile == "" {
				profile = "N/A"
			}
			return refuse("Cannot authenticate user '" + user + "@" + profile + "': No valid profile found in credentials..")
		}
		if user != "admin" || form.Get("password") != password {
			return refuse("Cannot authenticate user '" + full + "': The username or password is incorrect..")
		}
		return 200, `{"access_token": "tok", "scope": "ovirt-app-api", "exp": "` + exp + `", "token_type": "bearer"}`
	}
}

// keycloakJWT is as long as the tokens oVirt's bundled Keycloak issues
// (header, a payload with the groups and scopes, an RS256 signature).
var keycloakJWT = "eyJhbGciOiJSUzI1NiIsInR5cCIgOiAiSldUIn0." + strings.Repeat("eyJleHAiOjE2NTcyMTY5MzB9", 70) + "." + strings.Repeat("c2lnbmF0dXJl", 29)

func TestLoginInfoSaysWhichUser(t *testing.T) {
	tests := []struct {
		name     string
		sso      engineReply
		wantSSO  string
		wantUser string
		wantHelp string
	}{
		{"aaa", engineSSO(false, "pw"), "internal", "admin@internal", "User name and profile, for example admin@internal."},
		{"keycloak", engineSSO(true, "pw"), "external", "admin@ovirt@internalsso",
			"This engine signs in with Keycloak: user name and profile, for example admin@ovirt@internalsso."},
		{"cannot tell", fixed(404, ""), "", "",
			"User name and profile: admin@internal with oVirt's own users, admin@ovirt@internalsso with Keycloak (oVirt 4.5.1 and later)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{ssoRoute: tt.sso})
			for range 3 {
				rec := env.raw(t, "GET", "/api/login-info", "", true)
				var v wire.LoginInfo
				if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != 200 {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
				if v.Login == nil || v.Login.SSO != tt.wantSSO || v.Login.User != tt.wantUser || v.Login.Help != tt.wantHelp {
					t.Fatalf("login %+v", v.Login)
				}
			}
			if n := len(env.sent("POST", "/ovirt-engine/sso/oauth/token")); n != 1 {
				t.Errorf("%d probes for three login pages, want 1", n)
			}
			// The probe is a profile no engine has: no password is tried.
			if form, _ := url.ParseQuery(env.sent("POST", "/ovirt-engine/sso/oauth/token")[0]); form.Get("username") != "v6admin-sso-probe@v6admin-no-such-profile" {
				t.Errorf("probe %v", form)
			}
			// With a session, the same hint (a tab loaded while logged in
			// shows the login page after a logout), from the same probe.
			_, body := env.call(t, "GET", "/api/login-info", "")
			if !strings.Contains(body, `"session":{`) || !strings.Contains(body, `"help":"`+tt.wantHelp) {
				t.Errorf("with a session: %s", body)
			}
			if n := len(env.sent("POST", "/ovirt-engine/sso/oauth/token")); n != 1 {
				t.Errorf("%d probes with a session too, want 1", n)
			}
		})
	}
}

func TestLoginBothSSOKinds(t *testing.T) {
	// Passwords with a '!', which no base64url token or CSRF token can
	// contain: the check that the answer never shows the password cannot
	// be fooled by a random token.
	const pw = "pw!"
	tests := []struct {
		name      string
		external  bool
		user      string
		password  string
		status    int
		message   string
		userField string // hint on username
	}{
		{"aaa", false, "admin@internal", pw, 200, "", ""},
		{"aaa wrong password", false, "admin@internal", "nope!", 401,
			"Cannot authenticate user 'admin@internal': The username or password is incorrect.", ""},
		{"aaa given a keycloak user", false, "admin@ovirt@internalsso", pw, 401,
			"Cannot authenticate user 'admin@ovirt@internalsso': No valid profile found in credentials.",
			"This engine uses oVirt's own users: write user@profile, for example admin@internal."},
		{"keycloak", true, "admin@ovirt@internalsso", pw, 200, "", ""},
		{"keycloak wrong password", true, "admin@ovirt@internalsso", "nope!", 401,
			"Cannot authenticate user Invalid user credentials.", ""},
		{"token too long for a cookie", true, "admin@ovirt@internalsso", "huge", 502,
			"The engine's access token is too long to keep in a browser session (", ""},
		{"keycloak given admin@internal", true, "admin@internal", pw, 401,
			"Cannot authenticate user No valid profile found in credentials.",
			"This engine signs in with Keycloak: write user@profile, for example admin@ovirt@internalsso."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{ssoRoute: engineSSO(tt.external, pw)}, withSessions(t))
			body, _ := json.Marshal(wire.LoginRequest{Username: tt.user, Password: tt.password})
			rec := env.raw(t, "POST", "/api/session", string(body), true)
			if rec.Code != tt.status {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			if strings.Contains(rec.Body.String(), tt.password) || strings.Contains(rec.Body.String(), keycloakJWT[:40]) {
				t.Errorf("the answer shows the password or the token: %s", rec.Body)
			}
			if tt.status == 200 {
				// A Keycloak token is a long JWT: the session cookie must
				// still fit a browser's 4096 bytes, or the login is lost.
				for _, c := range rec.Result().Cookies() {
					if n := len(c.Name) + len(c.Value); n > 4096 {
						t.Errorf("cookie %s is %d bytes", c.Name, n)
					} else {
						t.Logf("token %d bytes, cookie %d bytes", len(keycloakJWT), n)
					}
				}
				return
			}
			if tt.userField == "" {
				wantFields(t, rec.Body.String(), nil)
			} else {
				wantFields(t, rec.Body.String(), map[string]string{"username": "profile: " + tt.userField})
			}
			e := envelope(t, rec.Body.String())
			if open := strings.HasSuffix(tt.message, "("); e.Message != tt.message && !(open && strings.HasPrefix(e.Message, tt.message)) {
				t.Errorf("message %q, want %q", e.Message, tt.message)
			}
			if tt.status == 502 {
				if n := len(env.sent("POST", "/ovirt-engine/services/sso-logout")); n != 1 {
					t.Errorf("%d token revocations, want 1", n)
				}
				if !strings.HasSuffix(e.Message, " bytes, browsers keep 4096).") {
					t.Errorf("message %q", e.Message)
				}
			}
		})
	}
}

// withSessions gives the API under test a session manager.
func withSessions(t *testing.T) func(*apiOptions) {
	return func(o *apiOptions) {
		kr, err := session.NewKeyring(make([]byte, session.KeySize))
		if err != nil {
			t.Fatal(err)
		}
		o.deps.Sessions = session.NewManager(kr, session.Options{})
	}
}

// raw sends a request to the API, without the test session when
// noSession is set, and returns the recorder.
func (env *apiEnv) raw(t *testing.T, method, path, body string, noSession bool) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if noSession {
		req.Header.Set(noSessionHeader, "1")
	}
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	return rec
}
