package server

import (
	"net/http"
	"strings"
	"testing"

	"v6admin/bff/upstream"
)

// viaUpstream gives the environment the engine transport a server gets by
// default (Config.EngineTransport nil), as in front of a remote engine:
// reads through bff/upstream's pool, the rest through net/http.Transport.
func viaUpstream(c *Config) {
	c.EngineTransport.(*tokenRecorder).rt = upstream.New(NewEngineTransport(nil))
}

// TestRemoteEngineThroughUpstream: with the default engine transport, the
// proxy and the UI API read the engine through the upstream pool (the
// engine's requests carry no Accept-Encoding, which net/http.Transport
// adds), the login still goes through net/http.Transport, and the proxy's
// rules hold: the session's token and the engine's fixed headers go up,
// no browser header does, no token comes back, an engine 401 ends the
// session.
func TestRemoteEngineThroughUpstream(t *testing.T) {
	env := newFakeEnv(t, viaUpstream)
	env.login(t)
	before := len(env.Fake.Requests())
	for range 3 { // a kept-alive connection answers again
		scenario{Method: "GET", URL: "/api/engine/hosts", Headers: map[string]string{"X-Forwarded-Host": "evil.example", "Accept-Encoding": "gzip"},
			ExpectedStatus: 200, ExpectedContent: []string{`"host":[`},
			ExpectedHeaders: map[string]string{"Cache-Control": "no-store", "Set-Cookie": ""}}.run(t, env)
	}
	scenario{Method: "GET", URL: "/api/hosts", ExpectedStatus: 200, ExpectedContent: []string{`"name":"host0"`}}.run(t, env)
	reqs := env.Fake.Requests()[before:]
	if len(reqs) < 4 {
		t.Fatalf("the engine saw %d requests", len(reqs))
	}
	for _, r := range reqs {
		if r.Method != "GET" {
			continue
		}
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") || r.Header.Get("Version") != "4" {
			t.Errorf("%s %s without the session's token or Version: %v", r.Method, r.Path, r.Header)
		}
		if r.Header.Get("Accept-Encoding") != "" || r.Header.Get("X-Forwarded-Host") != "" || r.Header.Get("Cookie") != "" {
			t.Errorf("%s %s did not come through the upstream pool, or with browser headers: %v", r.Method, r.Path, r.Header)
		}
	}

	env.Fake.RevokeAll()
	scenario{Method: "GET", URL: "/api/engine/hosts", ExpectedStatus: 401, ExpectedContent: []string{`"code":"session_expired"`},
		ExpectedHeaders: map[string]string{"Set-Cookie": "*"}}.run(t, env)

	// The login (a POST to the SSO) went through net/http.Transport.
	var posted bool
	for _, r := range env.Fake.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/sso/oauth/token") {
			posted = r.Header.Get("Accept-Encoding") == "gzip"
		}
	}
	if !posted {
		t.Error("the SSO login did not go through net/http.Transport")
	}
}
