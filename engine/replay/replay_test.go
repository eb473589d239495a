package replay

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
)

func TestServe(t *testing.T) {
	srv := httptest.NewServer(New(WithBrokenNICs()))
	t.Cleanup(srv.Close)
	p := fixtures.Prefix
	tests := []struct {
		name, method, path, body string
		token                    bool
		status                   int
		want                     []byte // the exact body, or nil
		contains                 string
	}{
		{"api root", "GET", p, "", true, 200, fixtures.Read("api.json"), ""},
		{"a list", "GET", p + "/hosts", "", true, 200, fixtures.Read("hosts.json"), ""},
		{"follow=statistics", "GET", p + "/hosts/" + fixtures.Host0 + "/nics?follow=statistics", "", true, 200, fixtures.Read("host_nics_statistics.json"), ""},
		{"other queries ignored", "GET", p + "/events?from=1&search=severity%3E%3Dwarning", "", true, 200, fixtures.Read("events.json"), ""},
		{"an element of a list", "GET", p + "/hosts/" + fixtures.Host1, "", true, 200, nil, `"name" : "host1"`},
		{"an action", "POST", p + "/hosts/" + fixtures.Host0 + "/iscsilogin", `{"iscsi":{"portal":"1"}}`, true, 200, fixtures.Read("iscsilogin.json"), ""},
		{"a recorded failure", "POST", p + "/openstacknetworkproviders/" + fixtures.NetworkProvider + "/testconnectivity", "{}", true, 400, fixtures.Read("testconnectivity_failed.json"), ""},
		{"unknown path", "GET", p + "/templates", "", true, 404, fixtures.Read("fault_not_found.json"), ""},
		{"unknown element", "GET", p + "/hosts/nope", "", true, 404, fixtures.Read("fault_not_found.json"), ""},
		{"host1's plain NICs: none", "GET", p + "/hosts/" + fixtures.Host1 + "/nics", "", true, 404, nil, ""},
		{"broken answer", "GET", BrokenPath + "?follow=statistics", "", true, 200, nil, `"ipv6":"2001:db8:10::11/64"`},
		{"no token", "GET", p + "/hosts", "", false, 401, []byte{}, ""},
		{"outside the API", "GET", "/ovirt-engine/webadmin", "", false, 404, nil, "Entity not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, body)
			if tt.token {
				req.Header.Set("Authorization", "Bearer x")
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
	var log struct{ Requests []Request }
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
