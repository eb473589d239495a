package embedded

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"v6admin/engine/ovirt"
)

func TestSSOTokenGrant(t *testing.T) {
	v := newEnv(t)
	good := url.Values{"grant_type": {"password"}, "scope": {"ovirt-app-api"}, "username": {"admin@internal"}, "password": {testPassword}}
	with := func(k, val string) url.Values {
		f := url.Values{}
		for kk, vv := range good {
			f[kk] = vv
		}
		f.Set(k, val)
		return f
	}
	cases := []struct {
		name   string
		form   url.Values
		accept string
		status int
		body   string // exact JSON when set
		code   string // error code (either shape)
	}{
		{name: "ok", form: good, accept: "application/json", status: 200},
		{name: "bad password", form: with("password", "nope"), accept: "application/json", status: 400,
			body: `{"error_code":"access_denied","error":"Cannot authenticate user 'admin@internal': The username or password is incorrect.."}`},
		{name: "unknown user", form: with("username", "bob@internal"), accept: "application/json", status: 400, code: "access_denied"},
		{name: "keycloak user", form: with("username", "admin@ovirt@internalsso"), accept: "application/json", status: 400,
			body: `{"error_code":"access_denied","error":"Cannot authenticate user 'admin@ovirt@internalsso': No valid profile found in credentials.."}`},
		{name: "no profile", form: with("username", "admin"), accept: "application/json", status: 400,
			body: `{"error_code":"access_denied","error":"Cannot authenticate user 'admin@N/A': No valid profile found in credentials.."}`},
		{name: "missing accept", form: good, accept: "", status: 400, code: "invalid_request"},
		{name: "xml accept", form: good, accept: "application/xml", status: 400, code: "invalid_request"},
		{name: "wrong scope", form: with("scope", "openid"), accept: "application/json", status: 400, code: "invalid_scope"},
		{name: "grant type", form: with("grant_type", "client_credentials"), accept: "application/json", status: 400, code: "unsupported_grant_type"},
		{name: "no password", form: with("password", ""), accept: "application/json", status: 400, code: "invalid_request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, b := v.form("/ovirt-engine/sso/oauth/token", c.form, c.accept)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, b)
			}
			if c.body != "" && string(b) != c.body {
				t.Fatalf("body %s\nwant %s", b, c.body)
			}
			if c.code != "" {
				var e ovirt.SSOError
				if err := json.Unmarshal(b, &e); err != nil || e.Code() != c.code {
					t.Fatalf("error %s, want code %s", b, c.code)
				}
			}
			if c.status == 200 {
				var raw map[string]any
				if err := json.Unmarshal(b, &raw); err != nil {
					t.Fatal(err)
				}
				if raw["token_type"] != "bearer" || raw["scope"] != "ovirt-app-api" {
					t.Fatalf("token body %s", b)
				}
				exp, ok := raw["exp"].(string) // a string, as the engine writes it
				if !ok {
					t.Fatalf("exp is not a string: %s", b)
				}
				ms, _ := strconv.ParseInt(exp, 10, 64)
				if d := time.Until(time.UnixMilli(ms)); d < 9*time.Hour || d > 11*time.Hour {
					t.Fatalf("exp %v from now", d)
				}
				if tok, _ := raw["access_token"].(string); len(tok) < 40 {
					t.Fatalf("short token %q", tok)
				}
			}
		})
	}
}

func TestAuthRequired(t *testing.T) {
	v := newEnv(t)
	hostsURL := v.srv.URL + ovirt.Prefix + "/hosts"
	cases := []struct {
		name   string
		auth   string
		status int
	}{
		{"no header", "", 401},
		{"bad token", "Bearer AAAA", 401},
		{"empty bearer", "Bearer ", 401},
		{"token", "Bearer " + v.token, 200},
		{"basic ok", "Basic " + basic("admin@internal", testPassword), 200},
		{"basic wrong", "Basic " + basic("admin@internal", "x"), 401},
		{"basic other user", "Basic " + basic("root", testPassword), 401},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", hostsURL, nil)
			req.Header.Set("Accept", "application/json")
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			resp, b := v.send(req)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, c.status)
			}
			if c.status == 401 {
				if len(b) != 0 {
					t.Fatalf("401 body %q, want empty", b)
				}
				if resp.Header.Get("WWW-Authenticate") == "" {
					t.Fatal("no WWW-Authenticate")
				}
			}
		})
	}
}

func basic(u, p string) string {
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(u, p)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}

func TestLogoutRevokes(t *testing.T) {
	v := newEnv(t)
	v.must(200, "GET", "/hosts", nil, nil)
	resp, _ := v.form("/ovirt-engine/services/sso-logout", url.Values{"scope": {""}, "token": {v.token}}, "application/json")
	if resp.StatusCode != 200 {
		t.Fatalf("logout %d", resp.StatusCode)
	}
	if resp, _ := v.do("GET", "/hosts", nil); resp.StatusCode != 401 {
		t.Fatalf("after logout: %d", resp.StatusCode)
	}
}

func TestTokenExpiry(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	v := newEnv(t, func(c *Config) { c.Clock = func() time.Time { return clock() }; c.TokenTTL = time.Hour })
	v.must(200, "GET", "/hosts", nil, nil)
	clock = func() time.Time { return now.Add(2 * time.Hour) }
	if resp, _ := v.do("GET", "/hosts", nil); resp.StatusCode != 401 {
		t.Fatalf("expired token: %d", resp.StatusCode)
	}
}

func TestWireErrors(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	raw := func(method, path, body string, hdr map[string]string) (*http.Response, []byte) {
		req, _ := http.NewRequest(method, v.srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+v.token)
		req.Header.Set("Accept", "application/json")
		for k, val := range hdr {
			req.Header.Set(k, val)
		}
		return v.send(req)
	}
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	cases := []struct {
		name, method, path, body string
		hdr                      map[string]string
		status                   int
		emptyBody                bool
		reason                   string
	}{
		{name: "unknown host", method: "GET", path: ovirt.Prefix + "/hosts/00000000-0000-0000-0000-000000000000", status: 404, emptyBody: true},
		{name: "unknown nic", method: "GET", path: ovirt.Prefix + "/hosts/" + h.ID + "/nics/nope", status: 404, emptyBody: true},
		{name: "unknown path", method: "GET", path: ovirt.Prefix + "/templates", status: 404, emptyBody: true},
		{name: "wrong method", method: "PATCH", path: ovirt.Prefix + "/hosts", status: 405, emptyBody: true},
		{name: "bad json", method: "POST", path: ovirt.Prefix + "/hosts", body: `{"name": `, status: 400, reason: "Bad Request"},
		{name: "bad scalar", method: "POST", path: ovirt.Prefix + "/hosts", body: `{"name":"x","port":"abc"}`, status: 400, reason: "Invalid value"},
		{name: "too large", method: "POST", path: ovirt.Prefix + "/hosts", body: big, status: 413, reason: "Request Entity Too Large"},
		{name: "xml body", method: "POST", path: ovirt.Prefix + "/hosts", body: `<host/>`, hdr: map[string]string{"Content-Type": "application/xml"}, status: 400, reason: "Incomplete parameters"},
		{name: "xml body unknown element", method: "POST", path: ovirt.Prefix + "/hosts", body: `<host><name>x</name><bogus/></host>`, hdr: map[string]string{"Content-Type": "application/xml"}, status: 400, reason: "Request syntactically incorrect."},
		{name: "xml body bad scalar", method: "POST", path: ovirt.Prefix + "/hosts", body: `<host><name>x</name><port>abc</port></host>`, hdr: map[string]string{"Content-Type": "text/xml; charset=utf-8"}, status: 400, reason: "Invalid value"},
		{name: "xml body malformed", method: "POST", path: ovirt.Prefix + "/hosts", body: `<host><name>x</host>`, hdr: map[string]string{"Content-Type": "application/xml"}, status: 400, reason: "Bad Request"},
		{name: "xml too large", method: "POST", path: ovirt.Prefix + "/hosts", body: `<host><name>` + strings.Repeat("x", 2<<20) + `</name></host>`, hdr: map[string]string{"Content-Type": "application/xml"}, status: 413, reason: "Request Entity Too Large"},
		{name: "form body", method: "POST", path: ovirt.Prefix + "/hosts", body: `name=x`, hdr: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, status: 415, reason: "Unsupported Media Type"},
		{name: "version 3", method: "GET", path: ovirt.Prefix + "/hosts", hdr: map[string]string{"Version": "3"}, status: 400, reason: "Operation Failed"},
		{name: "version 4", method: "GET", path: ovirt.Prefix + "/hosts", hdr: map[string]string{"Version": "4"}, status: 200},
		{name: "xml accept", method: "GET", path: ovirt.Prefix + "/hosts", hdr: map[string]string{"Accept": "application/xml"}, status: 200},
		{name: "html accept", method: "GET", path: ovirt.Prefix + "/hosts", hdr: map[string]string{"Accept": "text/html"}, status: 406, emptyBody: true},
		{name: "any accept", method: "GET", path: ovirt.Prefix + "/hosts", hdr: map[string]string{"Accept": "*/*"}, status: 200},
		{name: "root slash", method: "GET", path: ovirt.Prefix + "/", status: 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, b := raw(c.method, c.path, c.body, c.hdr)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.200s", resp.StatusCode, c.status, b)
			}
			if c.emptyBody && len(b) != 0 {
				t.Fatalf("body %q, want empty", b)
			}
			if c.reason != "" {
				var f ovirt.Fault
				if err := json.Unmarshal(b, &f); err != nil || f.Reason != c.reason {
					t.Fatalf("fault %.300s, want reason %q", b, c.reason)
				}
			}
		})
	}
}

func TestCorrelationIDEchoed(t *testing.T) {
	v := newEnv(t)
	req, _ := http.NewRequest("GET", v.srv.URL+ovirt.Prefix+"/hosts", nil)
	req.Header.Set("Authorization", "Bearer "+v.token)
	req.Header.Set("Correlation-Id", "abc-123")
	resp, _ := v.send(req)
	if resp.Header.Get("Correlation-Id") != "abc-123" {
		t.Fatalf("Correlation-Id %q", resp.Header.Get("Correlation-Id"))
	}
}

func TestAPIRoot(t *testing.T) {
	v := newEnv(t)
	resp, b := v.do("GET", "", nil)
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	var root ovirt.Api
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	if root.ProductInfo == nil || root.ProductInfo.Version.Major.Value() != 4 || root.AuthenticatedUser == nil || root.Time == nil {
		t.Fatalf("root %s", b)
	}
	if l, ok := ovirt.FindLink(root.Link, "hosts/search"); !ok || l.Href != "/ovirt-engine/api/hosts?search={query}" {
		t.Fatalf("hosts/search link %+v", l)
	}
	if root.Summary.Hosts.Total.Value() != 3 || root.Summary.Hosts.Active.Value() != 3 {
		t.Fatalf("summary %s", b)
	}
	if !strings.Contains(resp.Header.Get("Link"), "rel=hosts") {
		t.Fatalf("Link header %q", resp.Header.Get("Link"))
	}
}
