package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"v6admin/bff/guard"
	"v6admin/bff/session"
	"v6admin/engine/fixtures"
	"v6admin/engine/replay"
)

func TestScenariosFakeEngine(t *testing.T) {
	env := newFakeEnv(t)
	anon := []scenario{
		{Name: "health", Method: "GET", URL: "/healthz", ExpectedStatus: 200, ExpectedContent: []string{"ok"}},
		{Name: "ready", Method: "GET", URL: "/readyz", ExpectedStatus: 200, ExpectedContent: []string{`"status":"ready"`}},
		{Name: "metrics", Method: "GET", URL: "/metrics", ExpectedStatus: 200, ExpectedContent: []string{"v6admin_http_requests_total", "v6admin_ws_clients", "v6admin_engine_requests_total"}},
		{Name: "no session", Method: "GET", URL: "/api/session", ExpectedStatus: 401, ExpectedContent: []string{`"code":"unauthorized"`}},
		// The shell's first question: no 401 before the login page; a
		// real engine shows no demo login.
		{Name: "login info without a session", Method: "GET", URL: "/api/login-info", ExpectedStatus: 200,
			ExpectedContent: []string{`"session":null`, `"login":{"sso":"internal","user":"admin@internal"`}, NotExpectedContent: []string{"demo_login", "password"}},
		{Name: "hosts need a session", Method: "GET", URL: "/api/hosts", ExpectedStatus: 401},
		{Name: "proxy needs a session", Method: "GET", URL: "/api/engine/hosts", ExpectedStatus: 401},
		{Name: "unknown API path is JSON", Method: "GET", URL: "/api/nope", ExpectedStatus: 404, ExpectedContent: []string{`"code":"not_found"`},
			ExpectedHeaders: map[string]string{"Content-Type": "application/json", "Content-Security-Policy": guard.CSP}},
		{Name: "api root is JSON 404", Method: "GET", URL: "/api", ExpectedStatus: 404, ExpectedContent: []string{`"code":"not_found"`}},
		{Name: "wrong password", Method: "POST", URL: "/api/session", Body: `{"username":"admin@internal","password":"nope"}`,
			ExpectedStatus: 401, ExpectedContent: []string{`"code":"login_failed"`, "Cannot authenticate user"}, NotExpectedContent: []string{"nope"}},
		{Name: "login needs both fields", Method: "POST", URL: "/api/session", Body: `{"username":""}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"username":{"code":"empty","message":"This field can't be empty."}`, `"password":{"code":"empty"`}},
		{Name: "login with a form body", Method: "POST", URL: "/api/session", Body: `username=a&password=b`,
			Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, ExpectedStatus: 415},
		{Name: "login with bad JSON", Method: "POST", URL: "/api/session", Body: `{"username":`, ExpectedStatus: 400, ExpectedContent: []string{`"code":"bad_request"`}},
		{Name: "login with unknown field", Method: "POST", URL: "/api/session", Body: `{"username":"a","password":"b","admin":true}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"admin":{"code":"unknown_field"`}},
	}
	for _, s := range anon {
		t.Run("anon/"+s.Name, func(t *testing.T) { s.run(t, env) })
	}

	env.login(t)
	logged := []scenario{
		{Name: "login info with a session", Method: "GET", URL: "/api/login-info", ExpectedStatus: 200,
			ExpectedContent: []string{`"session":{"user":"admin@internal","csrf_token":"` + env.CSRF + `"`, `"login":{"sso":"internal","user":"admin@internal"`}, NotExpectedContent: []string{"replay-token", "demo_login"}},
		{Name: "whoami", Method: "GET", URL: "/api/session", ExpectedStatus: 200,
			ExpectedContent: []string{`"user":"admin@internal"`, `"csrf_token":"` + env.CSRF + `"`}, NotExpectedContent: []string{"replay-token"}},
		{Name: "host list with NIC summary and scopes", Method: "GET", URL: "/api/hosts", ExpectedStatus: 200,
			// host0's NICs as the fixture has them, eth2's SLAAC address link-local
			Before: func(t testing.TB, env *testEnv) {
				env.Fake.Reply("GET /hosts/"+fixtures.Host0+"/nics", 200, withNICAddress(t, "host_nics.json", "eth2", "fe80::5054:ff:fe00:2"))
			},
			ExpectedContent: []string{`"name":"host0"`, `"address":{"address":"2001:db8:10::11","kind":"ipv6","scope":"documentation"}`,
				`"nic_summary":{"total":7,"up":6`, `"address":"fe80::5054:ff:fe00:2","prefix":64,"family":"ipv6","scope":"link-local","boot_protocol":"autoconf"`}},
		{Name: "add host: bracketed IPv6 is sent bare", Method: "POST", URL: "/api/hosts",
			Body: `{"name":"h1","address":"[2001:DB8:0::11]","root_password":"rootpw-123","cluster_id":"c1","fence_agents":[{"address":"[2001:db8::99]","type":"ipmilan","username":"admin","password":"ipmi-pw","port":623,"options":{"lanplus":"1"}}],"power_management":{"enabled":true,"pm_proxies":["cluster","dc"]}}`,
			// The engine answers host_added.json (host2, installing) and the
			// agent added to it.
			Before: func(t testing.TB, env *testEnv) {
				env.Fake.Reply("POST /hosts/"+addedHost+"/fenceagents", 201, string(fixtures.Read("fenceagent.json")))
			},
			ExpectedStatus: 201, ExpectedContent: []string{`"name":"host2"`, `"address":{"address":"2001:db8:10::13","kind":"ipv6"`, `"status":"installing"`, `"fence_agents":[{`, `"warnings":[]`},
			NotExpectedContent: []string{"rootpw-123", "ipmi-pw"},
			After: func(t testing.TB, env *testEnv, _ *http.Response, _ string) {
				var hostBody, agentBody string
				for _, r := range env.Fake.Requests() {
					if r.Method == "POST" && strings.HasSuffix(r.Path, "/hosts") {
						hostBody = string(r.Body)
					}
					if r.Method == "POST" && strings.HasSuffix(r.Path, "/fenceagents") {
						agentBody = string(r.Body)
					}
				}
				for _, want := range []string{`"address":"2001:db8::11"`, `"root_password":"rootpw-123"`, `"cluster":{`} {
					if !strings.Contains(hostBody, want) {
						t.Errorf("engine got host %s, lacks %s", hostBody, want)
					}
				}
				for _, want := range []string{`"address":"2001:db8::99"`, `"password":"ipmi-pw"`, `"order":"1"`, `"name":"lanplus"`} {
					if !strings.Contains(agentBody, want) {
						t.Errorf("engine got agent %s, lacks %s", agentBody, want)
					}
				}
			}},
		{Name: "duplicate address lands on the address field", Method: "POST", URL: "/api/hosts",
			Body:           `{"name":"h2","address":"2001:DB8:10::11","root_password":"x","cluster_id":"c1"}`,
			ExpectedStatus: 409, ExpectedContent: []string{`"code":"conflict"`, `"fields":{"address":{"code":"duplicate_address","message":"Cannot add Host. Host with the same address already exists. host0 has the address 2001:db8:10::11 (2001:DB8:10::11 is 2001:db8:10::11)."}}`}},
		{Name: "duplicate name lands on the name field", Method: "POST", URL: "/api/hosts",
			Body: `{"name":"host0","address":"2001:db8::12","root_password":"x","cluster_id":"c1"}`,
			Before: func(t testing.TB, env *testEnv) {
				env.Fake.Reply("POST /hosts", 409, string(fixtures.Read("fault_conflict.json"))) // the name is in use
			},
			ExpectedStatus: 409, ExpectedContent: []string{`"fields":{"name":{"code":"engine"`}},
		{Name: "field-level validation with oVirt wording", Method: "POST", URL: "/api/hosts",
			Body:           `{"name":"bad name","address":"2001:db8::1/64","root_password":"","port":70000,"fence_agents":[{"address":"fe80::1%eth0x","type":"telnet","username":"u","password":"p"}]}`,
			ExpectedStatus: 400,
			ExpectedContent: []string{`"code":"validation_failed"`, `"name":{"code":"syntax"`, `"address":{"code":"prefix_not_allowed"`,
				`"root_password":{"code":"empty"`, `"port":{"code":"out_of_range"`, `"fence_agents.0.type":{"code":"not_supported","message":"Selected Power Management Agent is not supported.`}},
		{Name: "wrong JSON type names the field", Method: "POST", URL: "/api/hosts", Body: `{"name":"x","port":"22"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"port":{"code":"wrong_type","message":"This field must be a whole number."}`}},
		{Name: "host detail", Method: "GET", URL: "/api/hosts/" + fixtures.Host0 + "", ExpectedStatus: 200,
			ExpectedContent: []string{`"nics":[{`, `"name":"eth0"`, `"ipv6":{"boot_protocol":"static","address":{"address":"2001:db8:10::11","kind":"ipv6","scope":"documentation"},"prefix":64,"gateway":{"address":"2001:db8:10::1"`}},
		{Name: "unknown host", Method: "GET", URL: "/api/hosts/nope", ExpectedStatus: 404, ExpectedContent: []string{`"code":"not_found"`}},
		{Name: "fence test without agents fails politely", Method: "POST", URL: "/api/hosts/" + fixtures.Host1 + "/fence-agents/test",
			Before: func(t testing.TB, env *testEnv) {
				env.Fake.Reply("POST /hosts/"+fixtures.Host1+"/fence", 200,
					`{"fence_type": "status", "status": "failed", "fault": {"reason": "Failed to get power status: host host1 has no fence agents."}}`)
			},
			ExpectedStatus: 200, ExpectedContent: []string{`"ok":false`, `"message":"Test failed: Failed to get power status: host host1 has no fence agents."`}},
		{Name: "add fence agent", Method: "POST", URL: "/api/hosts/" + fixtures.Host0 + "/fence-agents",
			Body: `{"address":"2001:db8::1:99","type":"ilo4","username":"u","password":"p"}`,
			Before: func(t testing.TB, env *testEnv) {
				env.Fake.Reply("POST /hosts/"+fixtures.Host0+"/fenceagents", 201, string(fixtures.Read("fenceagent.json")))
			},
			ExpectedStatus: 201, ExpectedContent: []string{`"order":1`, `"type":"ipmilan"`}, // the engine's answer
			After: func(t testing.TB, env *testEnv, _ *http.Response, _ string) {
				sent := env.Fake.Sent("POST", "/hosts/"+fixtures.Host0+"/fenceagents")
				if len(sent) != 1 || !strings.Contains(string(sent[0].Body), `"type":"ilo4"`) || !strings.Contains(string(sent[0].Body), `"address":"2001:db8::1:99"`) {
					t.Errorf("engine got %q", sent)
				}
			}},
		{Name: "fence test", Method: "POST", URL: "/api/hosts/" + fixtures.Host0 + "/fence-agents/test",
			ExpectedStatus: 200, ExpectedContent: []string{`"ok":true`, `"power_state":"on"`, `"message":"Test successful: power on"`}},
		{Name: "proxy reads the engine API", Method: "GET", URL: "/api/engine/hosts?search=name%3Dhost0", ExpectedStatus: 200,
			ExpectedContent: []string{`"host":[`, `"address":"2001:db8:10::11"`}, ExpectedHeaders: map[string]string{"Cache-Control": "no-store", "Content-Security-Policy": guard.CSP}},
		{Name: "proxy refuses writes", Method: "DELETE", URL: "/api/engine/hosts/" + fixtures.Host0 + "", ExpectedStatus: 405,
			ExpectedHeaders: map[string]string{"Allow": "GET, HEAD"}},
		{Name: "proxy refuses traversal", Method: "GET", URL: "/api/engine/hosts/%2e%2e/%2e%2e/sso/oauth/token", ExpectedStatus: 400},
		{Name: "proxy refuses header injection", Method: "GET", URL: "/api/engine/hosts%0d%0aX-Injected:%20yes", ExpectedStatus: 400,
			After: func(t testing.TB, _ *testEnv, resp *http.Response, _ string) {
				if resp.Header.Get("X-Injected") != "" {
					t.Error("header injected")
				}
			}},
		{Name: "events newest first", Method: "GET", URL: "/api/events?max=10", ExpectedStatus: 200, ExpectedContent: []string{`"events":[{"id":4102,"code":13`, `{"id":4101,"code":1120`, `"last_id":4102`}},
		{Name: "events bad max", Method: "GET", URL: "/api/events?max=0", ExpectedStatus: 400, ExpectedContent: []string{`"max":{`}},
		{Name: "csrf: missing token", Method: "POST", URL: "/api/hosts", Body: `{}`, Headers: map[string]string{guard.CSRFHeader: ""},
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"csrf_failed"`}},
		{Name: "csrf: wrong token", Method: "DELETE", URL: "/api/session", Headers: map[string]string{guard.CSRFHeader: "forged"}, ExpectedStatus: 403},
		{Name: "csrf: cross-site origin", Method: "POST", URL: "/api/hosts", Body: `{}`, Headers: map[string]string{"Origin": "http://evil.example"}, ExpectedStatus: 403},
		{Name: "csrf: cross-site fetch metadata", Method: "PUT", URL: "/api/hosts/x", Body: `{}`, Headers: map[string]string{"Sec-Fetch-Site": "cross-site"}, ExpectedStatus: 403},
		{Name: "csrf: same origin passes", Method: "POST", URL: "/api/hosts", Body: `{}`, Headers: map[string]string{"Sec-Fetch-Site": "same-origin"}, ExpectedStatus: 400},
		{Name: "body limit", Method: "POST", URL: "/api/hosts", Body: `{"name":"` + strings.Repeat("a", 2<<20) + `"}`,
			ExpectedStatus: 413, ExpectedContent: []string{`"code":"body_too_large"`}},
	}
	for _, s := range logged {
		t.Run("logged/"+s.Name, func(t *testing.T) { s.run(t, env) })
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	env := newFakeEnv(t)
	for _, p := range []string{"/healthz", "/api/nope", "/api/session", "/ws", "/metrics"} {
		resp := env.do(t, "GET", p, "", nil)
		resp.Body.Close()
		h := resp.Header
		if h.Get("Content-Security-Policy") != guard.CSP || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("Cross-Origin-Opener-Policy") != "same-origin" {
			t.Errorf("GET %s: headers %v", p, h)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("GET %s: HSTS without TLS", p)
		}
	}
}

func TestSessionCookieAndLogout(t *testing.T) {
	tests := []struct {
		name   string
		secure bool
		cookie string
	}{{"plain http", false, session.CookieName}, {"behind a TLS load balancer", true, session.SecureCookieName}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newFakeEnv(t, func(c *Config) { c.SecureCookies = tt.secure })
			resp := env.do(t, "POST", "/api/session", `{"username":"admin@internal","password":"`+enginePassword+`"}`, nil)
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			sc := resp.Header.Get("Set-Cookie")
			for _, want := range []string{tt.cookie + "=", "HttpOnly", "SameSite=Strict", "Path=/"} {
				if !strings.Contains(sc, want) {
					t.Errorf("Set-Cookie %q lacks %q", sc, want)
				}
			}
			if strings.Contains(sc, "Secure") != tt.secure {
				t.Errorf("Set-Cookie %q: Secure should be %v", sc, tt.secure)
			}
			if strings.Contains(sc, "replay-token") || strings.Contains(sc, "Domain=") {
				t.Errorf("Set-Cookie %q", sc)
			}
		})
	}

	env := newFakeEnv(t)
	env.login(t)
	cookieURL := env.client.Jar.Cookies(mustURL(t, env.URL))
	if len(env.Fake.Tokens()) != 1 {
		t.Fatalf("tokens %d", len(env.Fake.Tokens()))
	}
	scenario{Method: "DELETE", URL: "/api/session", ExpectedStatus: 204,
		After: func(t testing.TB, env *testEnv, resp *http.Response, _ string) {
			if sc := resp.Header.Get("Set-Cookie"); !strings.Contains(sc, "Max-Age=0") {
				t.Errorf("logout did not clear the cookie: %q", sc)
			}
			if len(env.Fake.Tokens()) != 0 {
				t.Error("logout did not revoke the engine token")
			}
		}}.run(t, env)
	// A copy of the old cookie is worthless: the engine refuses the token.
	env.client.Jar.SetCookies(mustURL(t, env.URL), cookieURL)
	scenario{Method: "GET", URL: "/api/hosts", ExpectedStatus: 401, ExpectedContent: []string{`"code":"session_expired"`},
		After: func(t testing.TB, env *testEnv, resp *http.Response, _ string) {
			if sc := resp.Header.Get("Set-Cookie"); !strings.Contains(sc, "Max-Age=0") {
				t.Errorf("expired session not cleared: %q", sc)
			}
		}}.run(t, env)
}

func TestEngineExpiryGives401AndClearsCookie(t *testing.T) {
	env := newFakeEnv(t)
	env.login(t)
	env.Fake.RevokeAll() // the engine restarted or the token timed out
	for _, p := range []string{"/api/hosts", "/api/engine/hosts"} {
		env.login(t)
		env.Fake.RevokeAll()
		scenario{Method: "GET", URL: p, ExpectedStatus: 401, ExpectedContent: []string{`"code":"session_expired"`},
			ExpectedHeaders: map[string]string{"Set-Cookie": "*"}}.run(t, env)
		scenario{Method: "GET", URL: "/api/session", ExpectedStatus: 401, ExpectedContent: []string{`"code":"unauthorized"`}}.run(t, env)
	}
}

func TestTamperedCookie(t *testing.T) {
	env := newFakeEnv(t)
	env.login(t)
	u := mustURL(t, env.URL)
	cs := env.client.Jar.Cookies(u)
	if len(cs) != 1 {
		t.Fatalf("cookies %v", cs)
	}
	v := []byte(cs[0].Value)
	v[len(v)/2] ^= 1
	env.client.Jar.SetCookies(u, []*http.Cookie{{Name: cs[0].Name, Value: string(v), Path: "/"}})
	scenario{Method: "GET", URL: "/api/session", ExpectedStatus: 401, ExpectedHeaders: map[string]string{"Set-Cookie": "*"}}.run(t, env)
}

func TestLoginRateLimitPer64(t *testing.T) {
	env := newFakeEnv(t, trustLoopback, func(c *Config) { c.LoginPerMinute, c.LoginBurst = 10, 5 })
	try := func(client string) *http.Response {
		resp := env.do(t, "POST", "/api/session", `{"username":"admin@internal","password":"wrong"}`, map[string]string{"X-Forwarded-For": client})
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	// Five attempts from different addresses of one /64...
	for i := range 5 {
		if r := try(fmt.Sprintf("2001:db8:aa:bb::%x", i+1)); r.StatusCode != 401 {
			t.Fatalf("attempt %d: %d", i+1, r.StatusCode)
		}
	}
	// ... exhaust the /64's burst: the sixth is refused whatever the address.
	r := try("2001:db8:aa:bb:ffff:ffff:ffff:ffff")
	if r.StatusCode != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth attempt: %d, Retry-After %q", r.StatusCode, r.Header.Get("Retry-After"))
	}
	if r := try("2001:db8:aa:bc::1"); r.StatusCode != 401 {
		t.Fatalf("another /64: %d", r.StatusCode)
	}
	for range 5 {
		try("192.0.2.1")
	}
	if r := try("192.0.2.1"); r.StatusCode != 429 {
		t.Fatalf("IPv4 address: %d", r.StatusCode)
	}
	if r := try("192.0.2.2"); r.StatusCode != 401 {
		t.Fatalf("IPv4 neighbour: %d", r.StatusCode)
	}
	resp := env.do(t, "GET", "/metrics", "", nil)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "v6admin_login_rate_limited_total 2") {
		t.Errorf("metrics:\n%s", b)
	}
}

// TestProxySSRF sends what a browser cannot: an absolute-form request URI
// and a forged Host; the proxy still only talks to the configured engine.
func TestProxySSRF(t *testing.T) {
	env := newFakeEnv(t)
	env.login(t)
	u := mustURL(t, env.URL)
	cookie := env.client.Jar.Cookies(u)[0]
	before := len(env.Fake.Requests())
	raw := "GET http://evil.example:9/api/engine/hosts HTTP/1.1\r\nHost: 169.254.169.254\r\nX-Forwarded-Host: evil.example\r\n" +
		"Cookie: " + cookie.Name + "=" + cookie.Value + "\r\nConnection: close\r\n\r\n"
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, raw)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	var compact bytes.Buffer
	json.Compact(&compact, b)
	if resp.StatusCode != 200 || !strings.Contains(compact.String(), `"host":[`) {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	reqs := env.Fake.Requests()[before:]
	if len(reqs) != 1 || reqs[0].Path != "/ovirt-engine/api/hosts" || strings.Contains(reqs[0].Host, "evil") || strings.Contains(reqs[0].Host, "169.254") {
		t.Fatalf("engine saw %+v", reqs)
	}
	if reqs[0].Header.Get("Cookie") != "" || reqs[0].Header.Get("X-Forwarded-Host") != "" {
		t.Fatalf("engine got browser headers %v", reqs[0].Header)
	}
}

func TestWebSocketEventAfterAddingAHost(t *testing.T) {
	env := newFakeEnv(t)
	env.Fake.Handle("GET /events", eventsAfterAdd(t, env.Fake))
	env.login(t)
	u := mustURL(t, env.URL)
	hdr := http.Header{"Origin": {env.URL}}
	for _, c := range env.client.Jar.Cookies(u) {
		hdr.Add("Cookie", c.Name+"="+c.Value)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	wsURL := "ws" + strings.TrimPrefix(env.URL, "http") + "/ws"

	// Without the cookie: 401; from another origin: 403.
	if _, resp, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {env.URL}}}); err == nil || resp.StatusCode != 401 {
		t.Fatalf("no cookie: %v", err)
	}
	bad := hdr.Clone()
	bad.Set("Origin", "http://evil.example")
	if _, resp, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{HTTPHeader: bad}); err == nil || resp.StatusCode != 403 {
		t.Fatalf("foreign origin: %v", err)
	}

	c, _, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{HTTPHeader: hdr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	var hello struct {
		Type string `json:"type"`
		Last int64  `json:"last"`
	}
	_, b, err := c.Read(ctx)
	if err != nil || json.Unmarshal(b, &hello) != nil || hello.Type != "hello" {
		t.Fatalf("hello: %s %v", b, err)
	}
	resp := env.do(t, "POST", "/api/hosts", `{"name":"host2","address":"2001:db8:10::13","root_password":"x","cluster_id":"c1"}`, nil)
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("add host: %d", resp.StatusCode)
	}
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `"type":"event"`) {
			if !strings.Contains(string(b), "Host host2 was added") || !strings.Contains(string(b), `"host":{"id":"`+addedHost+`"`) {
				t.Fatalf("event %s", b)
			}
			break
		}
	}
	if n := env.Server.Hub().Clients(); n != 1 {
		t.Fatalf("%d clients", n)
	}
}

// eventsAfterAdd answers GET /events as an engine whose log is
// events.json until a host is added (POST /hosts), and then also has the
// event of the addition (code 42, the host of host_added.json): newest
// first, after ?from= and at most ?max= events.
func eventsAfterAdd(t testing.TB, engine *replay.Server) http.HandlerFunc {
	var log struct {
		Event []map[string]any `json:"event"`
	}
	if err := json.Unmarshal(fixtures.Read("events.json"), &log); err != nil {
		t.Fatal(err)
	}
	added := map[string]any{}
	for k, v := range log.Event[0] {
		added[k] = v
	}
	delete(added, "correlation_id")
	added["id"], added["index"], added["code"] = "4103", "4103", "42"
	added["href"] = "/ovirt-engine/api/events/4103"
	added["description"] = "Host host2 was added by admin@internal-authz."
	added["host"] = map[string]any{"href": "/ovirt-engine/api/hosts/" + addedHost, "id": addedHost}
	return func(w http.ResponseWriter, r *http.Request) {
		all := log.Event
		if len(engine.Sent("POST", "/hosts")) > 0 {
			all = append([]map[string]any{added}, all...)
		}
		from, _ := strconv.ParseInt(r.URL.Query().Get("from"), 10, 64)
		max, err := strconv.Atoi(r.URL.Query().Get("max"))
		out := []map[string]any{}
		for _, ev := range all {
			if i, _ := strconv.ParseInt(ev["index"].(string), 10, 64); i > from && (err != nil || len(out) < max) {
				out = append(out, ev)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"event": out})
	}
}

// TestWebSocketOutlivesServerTimeouts checks that the http.Server's read
// and write timeouts do not cut a long-lived event stream.
func TestWebSocketOutlivesServerTimeouts(t *testing.T) {
	fake := newFakeEngine()
	_, apiURL := fake.Start(t)
	env := startEnv(t, apiURL, engineUser, enginePassword, func(c *Config) { c.EventHeartbeat = 50 * time.Millisecond })
	ln, _ := net.Listen("tcp", "[::1]:0")
	hs := &http.Server{Handler: env.Server.Handler(), ReadTimeout: 200 * time.Millisecond, WriteTimeout: 200 * time.Millisecond}
	go hs.Serve(ln)
	defer hs.Close()
	env.URL = "http://" + ln.Addr().String()
	env.login(t)
	hdr := http.Header{"Origin": {env.URL}}
	for _, c := range env.client.Jar.Cookies(mustURL(t, env.URL)) {
		hdr.Add("Cookie", c.Name+"="+c.Value)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(env.URL, "http")+"/ws", &websocket.DialOptions{HTTPHeader: hdr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if _, _, err := c.Read(ctx); err != nil {
			t.Fatalf("stream cut after %v: %v", time.Until(deadline), err)
		}
	}
}

// TestReplicasShareSessions runs two BFFs with one key file in front of one
// engine: a login on the first is a session on the second.
func TestReplicasShareSessions(t *testing.T) {
	fake := newFakeEngine()
	_, apiURL := fake.Start(t)
	keys, _ := session.NewKeyring(session.NewKey())
	sameKey := func(c *Config) { c.Keys = keys }
	a := startEnv(t, apiURL, engineUser, enginePassword, sameKey)
	b := startEnv(t, apiURL, engineUser, enginePassword, sameKey)
	other := startEnv(t, apiURL, engineUser, enginePassword) // its own key
	a.login(t)
	cookies := a.client.Jar.Cookies(mustURL(t, a.URL))
	for _, env := range []*testEnv{b, other} {
		env.client.Jar.SetCookies(mustURL(t, env.URL), cookies)
		env.CSRF = a.CSRF
	}
	scenario{Method: "GET", URL: "/api/hosts", ExpectedStatus: 200, ExpectedContent: []string{`"name":"host0"`}}.run(t, b)
	fake.Reply("POST /hosts/"+fixtures.Host0+"/fenceagents", 201, string(fixtures.Read("fenceagent.json")))
	scenario{Method: "POST", URL: "/api/hosts/" + fixtures.Host0 + "/fence-agents",
		Body: `{"address":"2001:db8::99","type":"ipmilan","username":"u","password":"p"}`, ExpectedStatus: 201}.run(t, b)
	scenario{Method: "GET", URL: "/api/hosts", ExpectedStatus: 401}.run(t, other)
}

func TestHeaderInjection(t *testing.T) {
	env := newFakeEnv(t)
	tests := []scenario{
		{Name: "CRLF in the user name", Method: "POST", URL: "/api/session",
			Body: `{"username":"admin@internal\r\nX-Injected: yes","password":"x"}`, ExpectedStatus: 400, ExpectedContent: []string{`"username":{"code":"whitespace"`}},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
	env.login(t)
	tests = []scenario{
		{Name: "CRLF in a proxied query is re-encoded", Method: "GET", URL: "/api/engine/hosts?search=%0d%0aX-Injected:%20yes", ExpectedStatus: 200,
			After: func(t testing.TB, env *testEnv, resp *http.Response, _ string) {
				reqs := env.Fake.Requests()
				last := reqs[len(reqs)-1]
				if resp.Header.Get("X-Injected") != "" || last.Header.Get("X-Injected") != "" || !strings.Contains(last.Query, "%0D%0A") {
					t.Fatalf("injected: response %v, engine %v %q", resp.Header, last.Header, last.Query)
				}
			}},
		{Name: "CRLF in a correlation id is not forwarded", Method: "GET", URL: "/api/engine/hosts",
			Headers: map[string]string{"Correlation-Id": "abc def"}, ExpectedStatus: 200,
			After: func(t testing.TB, env *testEnv, resp *http.Response, _ string) {
				reqs := env.Fake.Requests()
				if got := reqs[len(reqs)-1].Header.Get("Correlation-Id"); got != "" {
					t.Fatalf("engine got Correlation-Id %q", got)
				}
			}},
		{Name: "CRLF in a host id", Method: "GET", URL: "/api/hosts/x%0d%0aSet-Cookie:%20a=b", ExpectedStatus: 404,
			After: func(t testing.TB, _ *testEnv, resp *http.Response, _ string) {
				if strings.Contains(resp.Header.Get("Set-Cookie"), "a=b") {
					t.Fatal("cookie injected")
				}
			}},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
}
