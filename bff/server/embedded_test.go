package server

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"v6admin/engine/embedded"
	"v6admin/engine/ovirt"
)

const embeddedPassword = "embedded-Test-pw-42"

// newEmbeddedEnv runs the real embedded engine behind the BFF: both on one
// listener on [::1], the engine under /ovirt-engine/, the BFF reaching it
// over HTTP at http://[::1]:PORT/ovirt-engine/api, as the v6admin binary
// does.
func newEmbeddedEnv(t testing.TB, opts ...envOptions) (*testEnv, *embedded.Engine) {
	t.Helper()
	eng, err := embedded.Open(context.Background(), embedded.Config{
		DataDir: t.TempDir(), AdminPassword: embeddedPassword, InstallDelay: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	apiURL := "http://" + ln.Addr().String() + ovirt.Prefix
	if !strings.HasPrefix(apiURL, "http://[::1]:") {
		t.Fatalf("engine URL %s", apiURL)
	}
	env := serveEnv(t, ln, apiURL, eng.Handler(), embedded.AdminUser, embeddedPassword, opts...)
	return env, eng
}

// getJSON GETs path and decodes the answer.
func (env *testEnv) getJSON(t testing.TB, path string, v any) {
	t.Helper()
	resp := env.do(t, "GET", path, "", nil)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// hostID returns the id of the host named name.
func (env *testEnv) hostID(t testing.TB, name string) string {
	t.Helper()
	var v struct {
		Hosts []struct{ ID, Name string } `json:"hosts"`
	}
	env.getJSON(t, "/api/hosts", &v)
	for _, h := range v.Hosts {
		if h.Name == name {
			return h.ID
		}
	}
	t.Fatalf("no host %s in %+v", name, v.Hosts)
	return ""
}

// engineBody returns the body of the last request the engine received on a
// path suffix, captured by a recording transport.
type bodyRecorder struct {
	rt    http.RoundTripper
	calls chan recorded
}

type recorded struct {
	method, path string
	body         []byte
}

func (b *bodyRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Method != "GET" {
		data, _ := io.ReadAll(r.Body)
		r.Body.Close()
		r.Body = io.NopCloser(strings.NewReader(string(data)))
		select {
		case b.calls <- recorded{r.Method, r.URL.Path, data}:
		default:
		}
	}
	return b.rt.RoundTrip(r)
}

func TestScenariosEmbeddedEngine(t *testing.T) {
	rec := &bodyRecorder{calls: make(chan recorded, 1000)}
	env, eng := newEmbeddedEnv(t, func(c *Config) { rec.rt = c.EngineTransport; c.EngineTransport = rec })
	_ = eng
	sentTo := func(t testing.TB, suffix string) string {
		t.Helper()
		var last string
		for {
			select {
			case r := <-rec.calls:
				if strings.HasSuffix(r.path, suffix) {
					last = string(r.body)
				}
			default:
				if last == "" {
					t.Fatalf("the engine got no request on %s", suffix)
				}
				return last
			}
		}
	}

	scenario{Name: "login", Method: "POST", URL: "/api/session", Body: `{"username":"admin@internal","password":"wrong"}`,
		ExpectedStatus: 401, ExpectedContent: []string{`"code":"login_failed"`}}.run(t, env)
	env.login(t)
	host0, host2 := env.hostID(t, "host0"), env.hostID(t, "host2")

	tests := []scenario{
		{Name: "hosts with NIC summaries and scopes", Method: "GET", URL: "/api/hosts", ExpectedStatus: 200,
			ExpectedContent: []string{
				`"name":"host0","address":{"address":"2001:db8:10::11","kind":"ipv6","scope":"documentation"}`,
				`"name":"host1","address":{"address":"host1.lab.example.org","kind":"name"}`,
				`"name":"host2","address":{"address":"192.0.2.13","kind":"ipv4","scope":"documentation"}`,
				`"nic_summary":{"total":`, `"cluster":{"id":`, `"name":"Default"}`,
				`{"nic":"eth0","address":"2001:db8:10::11","prefix":64,"family":"ipv6","scope":"documentation","boot_protocol":"static"}`}},
		{Name: "clusters", Method: "GET", URL: "/api/clusters", ExpectedStatus: 200, ExpectedContent: []string{`"name":"Default","data_center":{`}},
		{Name: "host detail with fence agents", Method: "GET", URL: "/api/hosts/" + host0, ExpectedStatus: 200,
			ExpectedContent: []string{`"fence_agents":[{`, `"address":{"address":"2001:db8:20::11","kind":"ipv6","scope":"documentation"},"type":"ipmilan"`, `"power_management":{"enabled":true`}},
		{Name: "fence test", Method: "POST", URL: "/api/hosts/" + host0 + "/fence-agents/test", ExpectedStatus: 200,
			ExpectedContent: []string{`"ok":true`, `"message":"Test successful: power on"`}},
		{Name: "fence test without agents", Method: "POST", URL: "/api/hosts/" + host2 + "/fence-agents/test", ExpectedStatus: 200,
			ExpectedContent: []string{`"ok":false`, `"message":"Test failed: `}},
		{Name: "add a fence agent by bracketed IPv6", Method: "POST", URL: "/api/hosts/" + host2 + "/fence-agents",
			Body:           `{"address":"[2001:DB8:20::13]","type":"ipmilan","username":"admin","password":"bmc-pw","port":623,"options":{"lanplus":"1"}}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"address":{"address":"2001:db8:20::13","kind":"ipv6"`, `"order":1`}, NotExpectedContent: []string{"bmc-pw"},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, _ string) {
				if b := sentTo(t, "/fenceagents"); !strings.Contains(b, `"address":"2001:db8:20::13"`) {
					t.Errorf("engine got %s", b)
				}
			}},
		{Name: "fence test with the new agent", Method: "POST", URL: "/api/hosts/" + host2 + "/fence-agents/test", ExpectedStatus: 200,
			ExpectedContent: []string{`"ok":true`, `"Test successful: power `}},
		{Name: "network view", Method: "GET", URL: "/api/hosts/" + host0 + "/network", ExpectedStatus: 200,
			ExpectedContent: []string{`"bonds":[{`, `"name":"bond0"`, `"slaves":["eth2","eth3"]`, `"network":{"id":`, `"name":"ovirtmgmt"`, `"in_sync":true`,
				`"roles":["management","default_route","vm"]`, `"name":"storage","vlan_id":200,"mtu":9000`}},
		{Name: "setupnetworks refused by our validation", Method: "POST", URL: "/api/hosts/" + host2 + "/setupnetworks",
			Body:           `{"attachments":[{"network":"display","nic":"eth2","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"static","address":"[2001:db8:100::13]/64"}}]}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"attachments.0.ipv6.address":{"code":"brackets_not_allowed","message":"This field must contain a valid IPv4 or IPv6 address. Remove the square brackets: enter 2001:db8:100::13, not [2001:db8:100::13]."}`}},
		{Name: "setupnetworks with a gateway warning, job followed", Method: "POST", URL: "/api/hosts/" + host2 + "/setupnetworks",
			Body:           `{"attachments":[{"network":"display","nic":"eth2","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"static","address":"2001:DB8:100::13/64","gateway":"2001:db8:999::1"}}]}`,
			ExpectedStatus: 0, // the engine may refuse an IPv6 gateway on a non-default-route network
			After: func(t testing.TB, _ *testEnv, resp *http.Response, body string) {
				if b := sentTo(t, "/setupnetworks"); !strings.Contains(b, `"address":"2001:db8:100::13"`) || !strings.Contains(b, `"netmask":"64"`) || !strings.Contains(b, `"version":"v6"`) {
					t.Errorf("engine got %s", b)
				}
			}},
		// An IPv4-mapped address is the IPv4 address it maps: it belongs on the IPv4 tab.
		{Name: "setupnetworks refuses an IPv4-mapped IPv6 address", Method: "POST", URL: "/api/hosts/" + host2 + "/setupnetworks",
			Body:           `{"attachments":[{"network":"display","nic":"eth2","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"static","address":"::ffff:192.0.2.99/64"}}]}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"attachments.0.ipv6.address":{"code":"wrong_family","message":"This field must contain a valid IPv6 address. ::ffff:192.0.2.99 is the IPv4 address 192.0.2.99 (IPv4-mapped): enter it on the IPv4 tab.`}},
		{Name: "setupnetworks applied", Method: "POST", URL: "/api/hosts/" + host2 + "/setupnetworks",
			Body:           `{"attachments":[{"network":"display","nic":"eth2","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"static","address":"2001:db8:100::13","prefix":"64"}}]}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"status":"complete"`, `"warnings":[]`}},
		{Name: "the new attachment is in the view", Method: "GET", URL: "/api/hosts/" + host2 + "/network", ExpectedStatus: 200,
			ExpectedContent: []string{`"address":{"address":"2001:db8:100::13","kind":"ipv6","scope":"documentation"},"prefix":64`}},
		{Name: "sync all networks", Method: "POST", URL: "/api/hosts/" + host0 + "/syncallnetworks", ExpectedStatus: 200, ExpectedContent: []string{`"status":"complete"`}},
		{Name: "providers", Method: "GET", URL: "/api/providers", ExpectedStatus: 200, ExpectedContent: []string{`"providers":[`}},
		{Name: "add a network provider with an IPv6 URL", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"network","name":"ovn2","url":"HTTPS://[2001:DB8:10::5]:9696","requires_authentication":true,"username":"admin","password":"prov-pw","authentication_url":"https://[2001:db8:10::5]:35357/v2.0","plugin_type":"ovirt-provider-ovn"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"kind":"network"`, `"url":"https://[2001:db8:10::5]:9696"`, `"url_host":{"address":"2001:db8:10::5","kind":"ipv6"`},
			NotExpectedContent: []string{"prov-pw"}},
		{Name: "duplicate provider name lands on name", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"network","name":"ovn2","url":"https://[2001:db8:10::6]:9696","plugin_type":"ovirt-provider-ovn"}`,
			ExpectedStatus: 409, ExpectedContent: []string{`"fields":{"name":{"code":"engine"`}},
		{Name: "provider URL without brackets", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"network","name":"ovn3","url":"https://2001:db8:10::6:9696"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"url":{"code":`}},
		{Name: "NFS export needs brackets around IPv6", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"nfs2","host_id":"` + host0 + `","export":"2001:db8:200::60:/exports/iso"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"export":{"code":`}},
		{Name: "NFS domain over IPv6", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"iso6","type":"iso","host_id":"` + host0 + `","export":"[2001:DB8:200::60]:/exports/iso","nfs_version":"v4_2"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"storage_type":"nfs"`, `"server":{"address":"2001:db8:200::60","kind":"ipv6"`, `"path":"/exports/iso"`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, _ string) {
				if b := sentTo(t, "/storagedomains"); !strings.Contains(b, `"address":"[2001:db8:200::60]"`) {
					t.Errorf("engine got %s", b)
				}
			}},
		{Name: "iSCSI discovery over IPv6", Method: "POST", URL: "/api/hosts/" + host0 + "/iscsi/discover",
			Body:           `{"address":"[` + embedded.SeedISCSIPortal + `]","port":3260}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"targets":[{"address":{"address":"2001:db8:200::50","kind":"ipv6"`, embedded.SeedISCSITarget},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, _ string) {
				if b := sentTo(t, "/discoveriscsi"); !strings.Contains(b, `"address":"2001:db8:200::50"`) {
					t.Errorf("engine got %s", b)
				}
			}},
		{Name: "iSCSI login needs a target", Method: "POST", URL: "/api/hosts/" + host0 + "/iscsi/login",
			Body: `{"address":"2001:db8:200::50"}`, ExpectedStatus: 400, ExpectedContent: []string{`"target":{"code":"empty"`}},
		{Name: "iSCSI login", Method: "POST", URL: "/api/hosts/" + host0 + "/iscsi/login",
			Body: `{"address":"2001:db8:200::50","target":"` + embedded.SeedISCSITarget + `"}`, ExpectedStatus: 200, ExpectedContent: []string{`"status":"complete"`}},
		{Name: "LUNs", Method: "GET", URL: "/api/hosts/" + host0 + "/luns", ExpectedStatus: 200, ExpectedContent: []string{`"luns":[{"id":`}},
		{Name: "storage domains", Method: "GET", URL: "/api/storage-domains", ExpectedStatus: 200, ExpectedContent: []string{`"name":"iso6"`}},
		{Name: "events", Method: "GET", URL: "/api/events?max=5", ExpectedStatus: 200, ExpectedContent: []string{`"events":[{"id":`, `"last_id":`}},
		{Name: "events by severity", Method: "GET", URL: "/api/events?severity=warning", ExpectedStatus: 200, ExpectedContent: []string{`"events":[`}},
		// Search and paging go to the engine's search: message="*text*", page N by max.
		{Name: "events by text", Method: "GET", URL: "/api/events?search=host1+was&max=50", ExpectedStatus: 200,
			ExpectedContent: []string{`"description":"Status of host host1 was set to Up."`, `"page":1`, `"more":false`}, NotExpectedContent: []string{`host0`}},
		{Name: "events page 2", Method: "GET", URL: "/api/events?max=1&page=2", ExpectedStatus: 200, ExpectedContent: []string{`"page":2`, `"more":true`}},
		{Name: "events bad search", Method: "GET", URL: "/api/events?search=%22x", ExpectedStatus: 400, ExpectedContent: []string{`"search":{"code":"syntax"`}},
		{Name: "events bad page", Method: "GET", URL: "/api/events?page=0", ExpectedStatus: 400, ExpectedContent: []string{`"page":{"code":"out_of_range"`}},
		{Name: "proxy: engine API root", Method: "GET", URL: "/api/engine", ExpectedStatus: 200, ExpectedContent: []string{`"product_info":{`}},
		{Name: "proxy: search", Method: "GET", URL: "/api/engine/hosts?search=address%3D2001:db8:10::11", ExpectedStatus: 200, ExpectedContent: []string{`"name":"host0"`}},
		{Name: "proxy: no escape to SSO", Method: "GET", URL: "/api/engine/..%2f..%2fsso/oauth/token", ExpectedStatus: 400},
		{Name: "proxy: 404 of the engine", Method: "GET", URL: "/api/engine/hosts/nope", ExpectedStatus: 404},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) {
			if s.ExpectedStatus == 0 { // the status is the engine's business
				resp := env.do(t, s.Method, s.URL, s.Body, s.Headers)
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode >= 500 {
					t.Fatalf("status %d: %s", resp.StatusCode, b)
				}
				env.assertNoToken(t, resp, string(b))
				s.After(t, env, resp, string(b))
				return
			}
			s.run(t, env)
		})
	}
}

// TestAddHostEventOnWebSocket is the "done when": log in, list the
// hosts, add one, and see its event arrive on /ws.
func TestAddHostEventOnWebSocket(t *testing.T) {
	env, _ := newEmbeddedEnv(t)
	env.login(t)
	var list struct {
		Hosts []json.RawMessage `json:"hosts"`
	}
	env.getJSON(t, "/api/hosts", &list)
	if len(list.Hosts) != 3 {
		t.Fatalf("%d hosts", len(list.Hosts))
	}
	var evs struct {
		LastID int64 `json:"last_id"`
	}
	env.getJSON(t, "/api/events?max=1", &evs)

	hdr := http.Header{"Origin": {env.URL}}
	for _, c := range env.client.Jar.Cookies(mustURL(t, env.URL)) {
		hdr.Add("Cookie", c.Name+"="+c.Value)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(env.URL, "http")+"/ws?from="+itoa64(evs.LastID), &websocket.DialOptions{HTTPHeader: hdr})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()

	scenario{Method: "POST", URL: "/api/hosts", Body: `{"name":"host9","address":"[2001:db8:10::99]","root_password":"install-pw"}`,
		ExpectedStatus: 201, ExpectedContent: []string{`"name":"host9"`, `"status":"installing"`}}.run(t, env)
	scenario{Method: "POST", URL: "/api/hosts", Body: `{"name":"host10","address":"2001:db8:10::99","root_password":"x"}`,
		ExpectedStatus: 409, ExpectedContent: []string{`"fields":{"address":{"code":"duplicate_address","message":"Cannot add Host. Host with the same address already exists. host9 has the address 2001:db8:10::99."}}`}}.run(t, env)

	var codes []int64
	last := evs.LastID
	for !containsCode(codes, 42) || !containsCode(codes, 500) {
		_, b, err := ws.Read(ctx)
		if err != nil {
			t.Fatalf("events %v: %v", codes, err)
		}
		var m struct {
			Type  string `json:"type"`
			Event struct {
				ID   int64 `json:"id"`
				Code int64 `json:"code"`
			} `json:"event"`
		}
		json.Unmarshal(b, &m)
		if m.Type == "event" {
			if m.Event.ID <= last {
				t.Fatalf("event ids not increasing: %d after %d", m.Event.ID, last)
			}
			last = m.Event.ID
			codes = append(codes, m.Event.Code)
		}
	}
}

func containsCode(cs []int64, c int64) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func itoa64(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestEngineFaultsOnAttachmentFields(t *testing.T) {
	env, _ := newEmbeddedEnv(t)
	env.login(t)
	host2 := env.hostID(t, "host2")
	scenario{Method: "POST", URL: "/api/hosts/" + host2 + "/setupnetworks",
		Body:           `{"attachments":[{"network":"display","nic":"eth2","ipv4":{"boot_protocol":"none"},"ipv6":{"boot_protocol":"static","address":"2001:db8:100::13/64","gateway":"2001:db8:100::1"}}]}`,
		ExpectedStatus: 400, ExpectedContent: []string{`"code":"engine_rejected"`, `"fields":{"attachments.0.ipv6.gateway":{"code":"engine","message":"Bad IPv6 configuration for Network attachment of Network display. IPv6 gateway can only be set on a network which holds the default route role."}}`}}.run(t, env)
	scenario{Method: "POST", URL: "/api/hosts/" + host2 + "/setupnetworks",
		Body:           `{"attachments":[{"network":"ovirtmgmt","nic":"eth0","ipv4":{"boot_protocol":"static","address":"192.0.2.13/24","gateway":"192.0.2.1"},"ipv6":{"boot_protocol":"static","address":"2001:db8:10::13/64","gateway":"2001:db8:20::1"}}]}`,
		ExpectedStatus: 200, ExpectedContent: []string{`"status":"complete"`, `"job":{"id":`, `"status":"finished"`,
			`"warnings":[{"field":"attachments.0.ipv6.gateway","code":"gateway_outside_prefix"`}}.run(t, env)
}

func TestHostLifecycleEmbedded(t *testing.T) {
	env, _ := newEmbeddedEnv(t)
	env.login(t)
	host1 := env.hostID(t, "host1")
	var agents struct {
		FenceAgents []struct {
			ID    string `json:"id"`
			Order int    `json:"order"`
			Type  string `json:"type"`
		} `json:"fence_agents"`
	}
	env.getJSON(t, "/api/hosts/"+host1+"/fence-agents", &agents)
	if len(agents.FenceAgents) != 2 || agents.FenceAgents[0].Type != "redfish" {
		t.Fatalf("agents %+v", agents)
	}
	a0, a1 := agents.FenceAgents[0].ID, agents.FenceAgents[1].ID
	var providerID string
	tests := []scenario{
		{Name: "reorder agents", Method: "PUT", URL: "/api/hosts/" + host1 + "/fence-agents/order", Body: `{"ids":["` + a1 + `","` + a0 + `"]}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"fence_agents":[{"id":"` + a1 + `"`, `"type":"ipmilan"`}},
		{Name: "reorder needs every agent", Method: "PUT", URL: "/api/hosts/" + host1 + "/fence-agents/order", Body: `{"ids":["` + a1 + `"]}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"ids":{"code":"incomplete"`}},
		{Name: "reorder refuses strangers", Method: "PUT", URL: "/api/hosts/" + host1 + "/fence-agents/order", Body: `{"ids":["` + a1 + `","nope"]}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"ids.1":{"code":"unknown_agent"`}},
		{Name: "edit an agent, password kept", Method: "PUT", URL: "/api/hosts/" + host1 + "/fence-agents/" + a0,
			Body: `{"address":"192.0.2.112","type":"redfish","username":"root","port":443}`, ExpectedStatus: 200,
			ExpectedContent: []string{`"username":"root"`, `"address":{"address":"192.0.2.112","kind":"ipv4"`, `"order":2`}},
		{Name: "remove an agent", Method: "DELETE", URL: "/api/hosts/" + host1 + "/fence-agents/" + a0, ExpectedStatus: 204},
		{Name: "edit host: duplicate name on name", Method: "PUT", URL: "/api/hosts/" + host1, Body: `{"name":"host0"}`,
			ExpectedStatus: 409, ExpectedContent: []string{`"fields":{"name":{"code":"engine","message":"Cannot edit Host. The Host name is already in use`}},
		// The engine takes a new address only after a failed installation.
		{Name: "edit host: another host's address is refused by the BFF", Method: "PUT", URL: "/api/hosts/" + host1, Body: `{"address":"[2001:db8:10::11]"}`,
			ExpectedStatus: 409, ExpectedContent: []string{`"fields":{"address":{"code":"duplicate_address","message":"Cannot edit Host. Host with the same address already exists. host0 has the address 2001:db8:10::11`}},
		{Name: "edit host: a new address is refused on address", Method: "PUT", URL: "/api/hosts/" + host1, Body: `{"address":"[2001:db8:10::77]"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"fields":{"address":{"code":"engine","message":"Cannot edit Host. Host Address can not be modified due to Security restrictions.`}},
		{Name: "edit host: comment and power management", Method: "PUT", URL: "/api/hosts/" + host1,
			Body:           `{"comment":"rack 4","power_management":{"enabled":true,"kdump_detection":false,"pm_proxies":["dc"]}}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"comment":"rack 4"`, `"kdump_detection":false,"pm_proxies":["dc"]`}},
		{Name: "edit host: bad proxy type", Method: "PUT", URL: "/api/hosts/" + host1, Body: `{"power_management":{"enabled":true,"pm_proxies":["moon"]}}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"power_management.pm_proxies.0":{"code":"not_allowed"`}},
		{Name: "add a host provider", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"host","name":"foreman","url":"https://[2001:db8:30::1]:443","requires_authentication":true,"username":"admin","password":"fm-pw"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"kind":"host"`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, body string) {
				var v struct{ ID string }
				json.Unmarshal([]byte(body), &v)
				providerID = v.ID
			}},
		{Name: "provider needs its password", Method: "POST", URL: "/api/providers",
			Body: `{"kind":"network","name":"p2","url":"https://[2001:db8:30::2]:9696","requires_authentication":true,"username":"admin"}`, ExpectedStatus: 400,
			ExpectedContent: []string{`"password":{"code":"empty"`}},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
	for _, s := range []scenario{
		{Name: "test a host provider", Method: "POST", URL: "/api/providers/host/" + providerID + "/test", ExpectedStatus: 200, ExpectedContent: []string{`"ok":false`, `"message":"Failed to communicate with the external provider, see log for additional details. No service answers at https://[2001:db8:30::1]:443."`}},
		{Name: "get it", Method: "GET", URL: "/api/providers/host/" + providerID, ExpectedStatus: 200, ExpectedContent: []string{`"name":"foreman"`}, NotExpectedContent: []string{"fm-pw"}},
		{Name: "wrong kind", Method: "GET", URL: "/api/providers/planet/" + providerID, ExpectedStatus: 404},
		{Name: "remove it", Method: "DELETE", URL: "/api/providers/host/" + providerID, ExpectedStatus: 204},
		{Name: "remove a host in maintenance only", Method: "DELETE", URL: "/api/hosts/" + host1, ExpectedStatus: 409},
		{Name: "force-remove a host", Method: "DELETE", URL: "/api/hosts/" + host1 + "?force=true", ExpectedStatus: 204},
		{Name: "it is gone", Method: "GET", URL: "/api/hosts/" + host1, ExpectedStatus: 404},
	} {
		t.Run(s.Name, func(t *testing.T) {
			if s.Name == "remove a host in maintenance only" {
				// The engine's answer to removing an active host (409, or 400
				// on some versions); either way an envelope, not a 500.
				resp := env.do(t, s.Method, s.URL, "", nil)
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(string(b), `"code":`) {
					t.Fatalf("%d %s", resp.StatusCode, b)
				}
				return
			}
			s.run(t, env)
		})
	}
}
