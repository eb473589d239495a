package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"v6admin/engine/embedded"
	"v6admin/engine/ovirt"
)

// newEmbeddedLocalEnv is newEmbeddedEnv with the BFF calling the engine's
// handler in-process (LocalTransport), as the v6admin binary does.
func newEmbeddedLocalEnv(t testing.TB) *testEnv {
	t.Helper()
	eng, err := embedded.Open(context.Background(), embedded.Config{DataDir: t.TempDir(), AdminPassword: embeddedPassword})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	apiURL := "http://" + ln.Addr().String() + ovirt.Prefix
	local := func(c *Config) {
		u, _ := url.Parse(c.EngineURL)
		tr := c.EngineTransport.(*tokenRecorder)
		tr.rt = LocalTransport(u.Host, eng.Handler(), roundTripFunc(func(r *http.Request) (*http.Response, error) {
			t.Errorf("a request to %s left the process", r.URL)
			return nil, io.EOF
		}))
	}
	return serveEnv(t, ln, apiURL, eng.Handler(), embedded.AdminUser, embeddedPassword, local)
}

// TestEmbeddedInProcess runs the BFF's security rules over the in-process
// engine transport: login, the proxy and the UI API answer, the token is
// never in a response, unsafe proxy requests need the CSRF token and stay
// refused without an allow rule, and after a logout a copy of the old
// cookie (whose opening the session cache remembers) gets 401.
func TestEmbeddedInProcess(t *testing.T) {
	env := newEmbeddedLocalEnv(t)
	env.login(t)
	old := env.client.Jar.Cookies(mustURL(t, env.URL))
	tokens := env.tokens.all()
	if len(tokens) != 1 {
		t.Fatalf("%d tokens", len(tokens))
	}
	check := func(method, path string, hdr map[string]string, want int, wantBody string) {
		t.Helper()
		resp := env.do(t, method, path, "", hdr)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || !strings.Contains(string(b), wantBody) {
			t.Fatalf("%s %s: %d %.300s", method, path, resp.StatusCode, b)
		}
		for _, tok := range tokens {
			if strings.Contains(string(b), tok) || strings.Contains(resp.Header.Get("Set-Cookie")+resp.Header.Get("Authorization"), tok) {
				t.Fatalf("%s %s: the engine token is in the answer", method, path)
			}
		}
	}
	for range 3 { // the second and third from the session cache
		check("GET", "/api/engine/hosts", nil, 200, `"host"`)
		check("GET", "/api/hosts", nil, 200, `"hosts"`)
	}
	check("HEAD", "/api/engine/hosts", nil, 200, "")
	check("POST", "/api/engine/hosts", map[string]string{"X-CSRF-Token": ""}, 403, "csrf")
	check("POST", "/api/engine/hosts", nil, 405, "Only reading")
	check("GET", "/api/engine/hosts/%2e%2e/%2e%2e/sso", nil, 400, "not allowed")

	check("DELETE", "/api/session", nil, 204, "")
	env.client.Jar.SetCookies(mustURL(t, env.URL), old)
	check("GET", "/api/engine/hosts", nil, 401, "session_expired")
	env.client.Jar.SetCookies(mustURL(t, env.URL), old)
	check("GET", "/api/hosts", nil, 401, "session_expired")
}
