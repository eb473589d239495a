package replay

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"v6admin/engine/fixtures"
)

func TestServe(t *testing.T) {
	srv := httptest.NewServer(New(WithBrokenNICs(), WithToken("x")))
	t.Cleanup(srv.Close)
	p := fixtures.Prefix
	tests := []struct {
		name, method, path, body string
		token                    string // the bearer token, "" none
		status                   int
		want                     []byte // the exact body, or nil
		contains                 string
	}{
		{"api root", "GET", p, "", "x", 200, fixtures.Read("api.json"), ""},
		{"a list", "GET", p + "/hosts", "", "x", 200, fixtures.Read("hosts.json"), ""},
		{"follow=statistics", "GET", p + "/hosts/" + fixtures.Host0 + "/nics?follow=statistics", "", "x", 200, fixtures.Read("host_nics_statistics.json"), ""},
		{"other queries ignored", "GET", p + "/events?from=1&search=severity%3E%3Dwarning", "", "x", 200, fixtures.Read("events.json"), ""},
		{"an element of a list", "GET", p + "/hosts/" + fixtures.Host1, "", "x", 200, nil, `"name" : "host1"`},
		{"an action", "POST", p + "/hosts/" + fixtures.Host0 + "/iscsilogin", `{"iscsi":{"portal":"1"}}`, "x", 200, fixtures.Read("iscsilogin.json"), ""},
		{"a recorded failure", "POST", p + "/openstacknetworkproviders/" + fixtures.NetworkProvider + "/testconnectivity", "{}", "x", 400, fixtures.Read("testconnectivity_failed.json"), ""},
		{"unknown path", "GET", p + "/templates", "", "x", 404, fixtures.Read("fault_not_found.json"), ""},
		{"unknown element", "GET", p + "/hosts/nope", "", "x", 404, fixtures.Read("fault_not_found.json"), ""},
		{"host1's plain NICs: none", "GET", p + "/hosts/" + fixtures.Host1 + "/nics", "", "x", 404, nil, ""},
		{"broken answer", "GET", BrokenPath + "?follow=statistics", "", "x", 200, nil, `"ipv6":"2001:db8:10::11/64"`},
		{"no token", "GET", p + "/hosts", "", "", 401, []byte{}, ""},
		{"a token not issued", "GET", p + "/hosts", "", "y", 401, []byte{}, ""},
		{"outside the API", "GET", "/ovirt-engine/webadmin", "", "", 404, nil, "Entity not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, body)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, got)
			}
			if tt.want != nil && !bytes.Equal(got, tt.want) {
				t.Errorf("body %s", got)
			}
			if !strings.Contains(string(got), tt.contains) {
				t.Errorf("body %s lacks %s", got, tt.contains)
			}
		})
	}

	// What was sent is listed.
	resp, err := srv.Client().Get(srv.URL + RequestsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var log struct{ Requests []Listed }
	if err := json.NewDecoder(resp.Body).Decode(&log); err != nil {
		t.Fatal(err)
	}
	if len(log.Requests) != 2 || log.Requests[0].Path != p+"/hosts/"+fixtures.Host0+"/iscsilogin" || string(log.Requests[0].Body) != `{"iscsi":{"portal":"1"}}` {
		t.Errorf("requests %+v", log.Requests)
	}
}

func TestToken(t *testing.T) {
	srv := httptest.NewServer(New())
	t.Cleanup(srv.Close)
	tests := []struct {
		user, password string
		status         int
		contains       string
	}{
		{"admin@internal", Password, 200, `"access_token"`},
		{"admin@internal", "wrong", 400, "The username or password is incorrect."},
		{"probe@no-such-profile", "x", 400, "Cannot authenticate user 'probe@no-such-profile': No valid profile found in credentials.."},
	}
	for _, tt := range tests {
		resp, err := srv.Client().PostForm(srv.URL+fixtures.SSOTokenPath, url.Values{"grant_type": {"password"}, "username": {tt.user}, "password": {tt.password}})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.contains) {
			t.Errorf("%s: %d %s", tt.user, resp.StatusCode, b)
		}
	}
}

// TestOverride checks that a test's route wins over the fixtures, in the
// order exact query, path, "*", and only after authentication.
func TestOverride(t *testing.T) {
	s := New(WithToken("t"))
	srv, apiURL := s.Start(t)
	s.Reply("GET /hosts", 200, `{"host": []}`)
	s.Reply("GET /hosts?search=name%3Dh1", 200, `{"host": [{"id": "h1"}]}`)
	s.Handle("POST /hosts/h1/fence", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusConflict)
		w.Write(b)
	})
	answered := 0
	s.Handle("GET /jobs", func(w http.ResponseWriter, r *http.Request) {
		answered++
		s.Answer(w, r)
	})
	s.Reply("*", 500, "")
	s.Reply("POST "+fixtures.SSOTokenPath, 400, string(fixtures.Read("sso_error_oauth.json")))
	tests := []struct {
		name, method, path, body, token string
		status                          int
		want                            string
	}{
		{"path", "GET", "/hosts?search=name%3Dh2", "", "t", 200, `{"host": []}`},
		{"exact query", "GET", "/hosts?search=name%3Dh1", "", "t", 200, `{"host": [{"id": "h1"}]}`},
		{"handler", "POST", "/hosts/h1/fence", `{"fence_type":"status"}`, "t", 409, `{"fence_type":"status"}`},
		{"a handler, then the fixture", "GET", "/jobs", "", "t", 200, string(fixtures.Read("jobs.json"))},
		{"any other API request", "GET", "/clusters", "", "t", 500, ""},
		{"not without a token", "GET", "/hosts", "", "", 401, ""},
		{"outside the API", "POST", "/../sso/oauth/token", "grant_type=password", "", 400, string(fixtures.Read("sso_error_oauth.json"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := apiURL + tt.path
			if strings.HasPrefix(tt.path, "/../") {
				u = srv.URL + fixtures.SSOTokenPath
			}
			req, _ := http.NewRequest(tt.method, u, strings.NewReader(tt.body))
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || string(got) != tt.want {
				t.Errorf("%d %s, want %d %s", resp.StatusCode, got, tt.status, tt.want)
			}
		})
	}
	if answered != 1 {
		t.Errorf("the /jobs handler ran %d times", answered)
	}
}

// TestRecord checks that every request is recorded with its query, headers
// and body, and that Sent selects by method and path.
func TestRecord(t *testing.T) {
	s := New(WithToken("t"))
	srv, apiURL := s.Start(t)
	if !strings.HasPrefix(srv.URL, "http://[::1]:") {
		t.Fatalf("not on [::1]: %s", srv.URL)
	}
	if _, ok := s.Last(); ok {
		t.Fatal("a request before any was sent")
	}
	for _, q := range []string{"?follow=statistics", ""} {
		req, _ := http.NewRequest("POST", apiURL+"/hosts/"+fixtures.Host0+"/iscsilogin"+q, strings.NewReader(`{"iscsi":{}}`))
		req.Header.Set("Authorization", "Bearer t")
		req.Header.Set("Correlation-Id", "c-1")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Correlation-Id") != "c-1" {
			t.Errorf("Correlation-Id not echoed: %v", resp.Header)
		}
	}
	got := s.Sent("POST", "/hosts/"+fixtures.Host0+"/iscsilogin")
	if len(got) != 2 || got[0].Query != "follow=statistics" || got[1].Query != "" || string(got[0].Body) != `{"iscsi":{}}` ||
		got[0].Header.Get("Authorization") != "Bearer t" || got[0].Header.Get("Correlation-Id") != "c-1" ||
		got[0].Host != strings.TrimPrefix(srv.URL, "http://") || got[0].Path != fixtures.Prefix+"/hosts/"+fixtures.Host0+"/iscsilogin" {
		t.Errorf("sent %+v", got)
	}
	if last, _ := s.Last(); last.Query != "" || len(s.Requests()) != 2 {
		t.Errorf("last %+v of %d", last, len(s.Requests()))
	}
	if n := len(s.Sent("GET", fixtures.Prefix+"/hosts")); n != 0 {
		t.Errorf("%d GETs", n)
	}
}

// TestTokenLifecycle checks that issued tokens are distinct and accepted
// until logout or RevokeAll, with WithPassword's password and
// WithTokenExpiry's exp.
func TestTokenLifecycle(t *testing.T) {
	exp := time.UnixMilli(1493207433000)
	s := New(WithPassword("other-Pa55"), WithTokenExpiry(exp))
	srv, apiURL := s.Start(t)
	login := func(password string) (int, map[string]string) {
		resp, err := srv.Client().PostForm(srv.URL+fixtures.SSOTokenPath, url.Values{"grant_type": {"password"}, "username": {"admin@internal"}, "password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]string
		json.NewDecoder(resp.Body).Decode(&v)
		return resp.StatusCode, v
	}
	get := func(tok string) int {
		req, _ := http.NewRequest("GET", apiURL+"/hosts", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st, _ := login(Password); st != 400 {
		t.Fatalf("the default password: %d", st)
	}
	_, a := login("other-Pa55")
	_, b := login("other-Pa55")
	if a["access_token"] == "" || a["access_token"] == b["access_token"] || a["exp"] != "1493207433000" || a["token_type"] != "bearer" ||
		!strings.HasPrefix(a["scope"], "ovirt-app-api") {
		t.Fatalf("tokens %v %v", a, b)
	}
	if get(a["access_token"]) != 200 || get(b["access_token"]) != 200 || len(s.Tokens()) != 2 {
		t.Fatal("issued tokens refused")
	}
	resp, err := srv.Client().PostForm(srv.URL+LogoutPath, url.Values{"scope": {""}, "token": {a["access_token"]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if get(a["access_token"]) != 401 || get(b["access_token"]) != 200 {
		t.Error("logout did not revoke exactly its token")
	}
	s.RevokeAll()
	if get(b["access_token"]) != 401 || len(s.Tokens()) != 0 {
		t.Error("RevokeAll kept a token")
	}
}

// TestRecordBounded checks that a long run keeps the newest requests only.
func TestRecordBounded(t *testing.T) {
	s := New()
	for i := range maxRequests + 1 {
		s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fixtures.Prefix+"/hosts?n="+strconv.Itoa(i), nil))
	}
	got := s.Requests()
	if len(got) != maxRequests/2+1 || got[len(got)-1].Query != "n="+strconv.Itoa(maxRequests) || got[0].Query != "n="+strconv.Itoa(maxRequests/2) {
		t.Fatalf("%d requests kept, from %q to %q", len(got), got[0].Query, got[len(got)-1].Query)
	}
}
