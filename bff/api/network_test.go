package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/engine/client"
	"v6admin/engine/ovirt"
)

// attachmentsJSON is n full dual-stack static attachments, each on its own
// network and NIC with three DNS servers, as the Setup Host Networks
// dialog sends them.
func attachmentsJSON(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"network":"net%04d","nic":"eth%d",`+
			`"ipv4":{"boot_protocol":"static","address":"10.%d.%d.5/24","gateway":"10.%d.%d.1"},`+
			`"ipv6":{"boot_protocol":"static","address":"2001:db8:%x::5/64","gateway":"2001:db8:%x::1"},`+
			`"dns_servers":["2001:db8::53","2001:db8::1:53","192.0.2.53"]}`,
			i, i%128, i/256, i%256, i/256, i%256, i, i)
	}
	return "[" + b.String() + "]"
}

// idsJSON is n distinct ids.
func idsJSON(prefix string, n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"%s%d"`, prefix, i)
	}
	return "[" + strings.Join(ids, ",") + "]"
}

// bondsJSON is n bonds of two slaves each.
func bondsJSON(n, slaves int) string {
	bonds := make([]string, n)
	for i := range bonds {
		s := make([]string, slaves)
		for j := range s {
			s[j] = fmt.Sprintf(`"ens%dnp%d"`, i, j)
		}
		bonds[i] = fmt.Sprintf(`{"name":"bond%d","options":{"mode":"4","miimon":"100"},"slaves":[%s]}`, i, strings.Join(s, ","))
	}
	return "[" + strings.Join(bonds, ",") + "]"
}

func setupNetworksRoutes() map[string]engineReply {
	return map[string]engineReply{
		"POST /hosts/h1/setupnetworks":   fixed(200, `{"status":"complete","job":{"id":"j1","status":"started"}}`),
		"POST /hosts/h1/syncallnetworks": fixed(200, `{"status":"complete","job":{"id":"j1","status":"started"}}`),
		"GET /jobs/j1":                   fixed(200, `{"id":"j1","status":"finished","description":"Configuring networks on host h1"}`),
	}
}

// TestSetupNetworksScale checks the request limits of setupnetworks: a
// host with 128 NICs and 256 networks can be changed in one apply (1024
// attachments, removed and synced ones, 128 bonds), one item more is a
// field-level 400 that never reaches the engine.
func TestSetupNetworksScale(t *testing.T) {
	type counts struct{ attachments, removed, synced, bonds, removedBonds int }
	tests := []struct {
		name   string
		body   string
		status int
		fields map[string]string // on 400
		want   counts            // what the engine received on 200
		check  func(t *testing.T, engineBody string)
	}{
		{name: "256 dual-stack attachments reach the engine",
			body:   `{"attachments":` + attachmentsJSON(256) + `,"connectivity_timeout":600}`,
			status: 200, want: counts{attachments: 256},
			check: func(t *testing.T, b string) {
				for _, s := range []string{`"name":"net0000"`, `"name":"net0255"`, `"address":"2001:db8:ff::5"`, `"netmask":"64"`,
					`"address":"10.0.255.5"`, `"netmask":"255.255.255.0"`, `"connectivity_timeout":"600"`, `"name_server":["2001:db8::53","2001:db8::1:53","192.0.2.53"]`} {
					if !strings.Contains(b, s) {
						t.Errorf("engine body lacks %s", s)
					}
				}
			}},
		{name: "every list at its largest",
			body: `{"attachments":` + attachmentsJSON(1024) + `,"removed_attachments":` + idsJSON("r", 1024) +
				`,"sync_attachments":` + idsJSON("s", 1024) + `,"bonds":` + bondsJSON(128, 16) + `,"removed_bonds":` + idsJSON("bond", 128) + `}`,
			status: 200, want: counts{1024, 1024, 1024, 128, 128}},
		{name: "1025 attachments", body: `{"attachments":` + attachmentsJSON(1025) + `}`, status: 400,
			fields: map[string]string{"attachments": "out_of_range: This field must contain at most 1,024 items."}},
		{name: "1025 removed attachments", body: `{"removed_attachments":` + idsJSON("r", 1025) + `}`, status: 400,
			fields: map[string]string{"removed_attachments": "out_of_range: This field must contain at most 1,024 items."}},
		{name: "1025 synced attachments", body: `{"sync_attachments":` + idsJSON("s", 1025) + `}`, status: 400,
			fields: map[string]string{"sync_attachments": "out_of_range: This field must contain at most 1,024 items."}},
		{name: "129 bonds", body: `{"bonds":` + bondsJSON(129, 2) + `}`, status: 400,
			fields: map[string]string{"bonds": "out_of_range: This field must contain at most 128 items."}},
		{name: "129 removed bonds", body: `{"removed_bonds":` + idsJSON("bond", 129) + `}`, status: 400,
			fields: map[string]string{"removed_bonds": "out_of_range: This field must contain at most 128 items."}},
		{name: "17 slaves in a bond", body: `{"bonds":` + bondsJSON(1, 17) + `}`, status: 400,
			fields: map[string]string{"bonds.0.slaves": "out_of_range: This field must contain at most 16 items."}},
		{name: "connectivity_timeout above 600", body: `{"connectivity_timeout":601}`, status: 400,
			fields: map[string]string{"connectivity_timeout": "out_of_range: This field must contain an integer number between 1 and 600."}},
		{name: "connectivity_timeout below 1", body: `{"connectivity_timeout":-1}`, status: 400,
			fields: map[string]string{"connectivity_timeout": "out_of_range: This field must contain an integer number between 1 and 600."}},
		{name: "connectivity_timeout 1", body: `{"connectivity_timeout":1}`, status: 200,
			check: func(t *testing.T, b string) {
				if !strings.Contains(b, `"connectivity_timeout":"1"`) {
					t.Errorf("engine body %s", b)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, setupNetworksRoutes())
			status, body := env.call(t, "POST", "/api/hosts/h1/setupnetworks", tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %.300s", status, tt.status, body)
			}
			sent := env.sent("POST", "/hosts/h1/setupnetworks")
			if tt.status != 200 {
				wantFields(t, body, tt.fields)
				if len(sent) != 0 {
					t.Fatalf("refused request reached the engine")
				}
				return
			}
			if !strings.Contains(body, `"status":"complete","job":{"id":"j1","status":"finished"`) || len(sent) != 1 {
				t.Fatalf("answer %s after %d engine calls", body, len(sent))
			}
			var act ovirt.Action
			if err := json.Unmarshal([]byte(sent[0]), &act); err != nil {
				t.Fatal(err)
			}
			var got counts
			if a := act.ModifiedNetworkAttachments; a != nil {
				got.attachments = len(a.NetworkAttachment)
			}
			if a := act.RemovedNetworkAttachments; a != nil {
				got.removed = len(a.NetworkAttachment)
			}
			if a := act.SynchronizedNetworkAttachments; a != nil {
				got.synced = len(a.NetworkAttachment)
			}
			if b := act.ModifiedBonds; b != nil {
				got.bonds = len(b.HostNic)
			}
			if b := act.RemovedBonds; b != nil {
				got.removedBonds = len(b.HostNic)
			}
			if got != tt.want {
				t.Errorf("engine received %+v, want %+v", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, sent[0])
			}
		})
	}
}

// slow answers like reply after d.
func slow(d time.Duration, reply engineReply) engineReply {
	return func(body []byte) (int, string) {
		time.Sleep(d)
		return reply(body)
	}
}

// TestSetupNetworksLongWait checks that setupnetworks and syncallnetworks
// wait for the engine up to connectivity_timeout (vdsm's 120 s when not
// given) plus the engine timeout, while every other call keeps the engine
// timeout. The engine timeout is 50 ms and a second of connectivity_timeout
// 10 ms, so the waits are 10–300 ms.
func TestSetupNetworksLongWait(t *testing.T) {
	// Time runs 25 times faster here (a "second" of connectivity_timeout is
	// 40 ms), with margins of 200 ms or more either side, so a loaded
	// machine under -race does not turn a wait into a timeout.
	const (
		engineTimeout = 200 * time.Millisecond
		second        = 40 * time.Millisecond
	)
	tests := []struct {
		name, method, path, body string
		route                    string // the engine's slow route
		delay                    time.Duration
		status                   int
		want                     []string
	}{
		{name: "answer after the engine timeout, within connectivity_timeout",
			method: "POST", path: "/api/hosts/h1/setupnetworks", body: `{"connectivity_timeout":20}`, // 800 ms + 200 ms
			route: "POST /hosts/h1/setupnetworks", delay: 400 * time.Millisecond,
			status: 200, want: []string{`"status":"complete"`, `"job":{"id":"j1","status":"finished"`}},
		{name: "answer within the default connectivity_timeout",
			method: "POST", path: "/api/hosts/h1/setupnetworks", body: `{"check_connectivity":true}`, // 4.8 s + 200 ms
			route: "POST /hosts/h1/setupnetworks", delay: 600 * time.Millisecond,
			status: 200, want: []string{`"status":"complete"`}},
		{name: "no answer within connectivity_timeout and the engine timeout",
			method: "POST", path: "/api/hosts/h1/setupnetworks", body: `{"connectivity_timeout":1}`, // 40 ms + 200 ms
			route: "POST /hosts/h1/setupnetworks", delay: 1200 * time.Millisecond,
			status: 504, want: []string{`"code":"engine_timeout"`, `"message":"The engine did not answer in time."`}},
		{name: "syncallnetworks after the engine timeout",
			method: "POST", path: "/api/hosts/h1/syncallnetworks", // 4.8 s + 200 ms
			route: "POST /hosts/h1/syncallnetworks", delay: 400 * time.Millisecond,
			status: 200, want: []string{`"status":"complete"`, `"job":{"id":"j1","status":"finished"`}},
		{name: "other calls keep the engine timeout",
			method: "GET", path: "/api/hosts/h1/network",
			route: "GET /hosts/h1", delay: 1200 * time.Millisecond,
			status: 504, want: []string{`"code":"engine_timeout"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := setupNetworksRoutes()
			routes["GET /hosts/h1"] = fixed(200, `{"id":"h1","name":"h1"}`)
			routes[tt.route] = slow(tt.delay, routes[tt.route])
			env := newAPIEnv(t, routes, func(o *apiOptions) {
				o.client = append(o.client, client.WithTimeout(engineTimeout))
				o.deps.second = second
			})
			start := time.Now()
			status, body := env.call(t, tt.method, tt.path, tt.body)
			took := time.Since(start)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("answer lacks %s: %s", w, body)
				}
			}
			if status == 200 && took < tt.delay {
				t.Errorf("answered in %v, before the engine (%v)", took, tt.delay)
			}
			if status != 200 {
				if took >= tt.delay {
					t.Errorf("gave up after %v, not before the engine answered (%v)", took, tt.delay)
				}
				for _, bad := range []string{"deadline", "context", "ovirt-engine", "engine-token", "[::1]"} {
					if strings.Contains(body, bad) {
						t.Errorf("answer shows %q: %s", bad, body)
					}
				}
				if e := envelope(t, body); len(e.Fields) != 0 {
					t.Errorf("timeout on fields %v", e.Fields)
				}
			}
		})
	}
}

// TestLongCallBudget checks the waits longCall grants: connectivity_timeout
// plus the engine timeout for the engine call, none when the client has no
// timeout.
func TestLongCallBudget(t *testing.T) {
	tests := []struct {
		name          string
		engineTimeout time.Duration
		connectivity  int
		want          time.Duration
		override      bool
	}{
		{"default connectivity_timeout", 30 * time.Second, DefaultConnectivityTimeout, 150 * time.Second, true},
		{"largest connectivity_timeout", 30 * time.Second, MaxConnectivityTimeout, 630 * time.Second, true},
		{"smallest connectivity_timeout", 5 * time.Second, 1, 6 * time.Second, true},
		{"no engine timeout: the engine's answer alone", 0, 120, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := client.New("https://[2001:db8::10]/ovirt-engine/api", client.WithTimeout(tt.engineTimeout))
			if err != nil {
				t.Fatal(err)
			}
			h := &handlers{Deps: Deps{Engine: cl, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), JobWait: time.Minute, second: time.Second}}
			c := echo.New().NewContext(httptest.NewRequest("POST", "/api/hosts/h1/setupnetworks", nil), httptest.NewRecorder())
			rctx, cancel := context.WithCancel(context.Background())
			c.SetRequest(c.Request().WithContext(rctx))
			ctx := h.longCall(c, tt.connectivity) // a recorder has no write deadline: ignored
			d, ok := client.RequestTimeout(ctx)
			if ok != tt.override || d != tt.want {
				t.Errorf("request timeout %v, %v; want %v, %v", d, ok, tt.want, tt.override)
			}
			// The browser going away does not cancel the engine call.
			cancel()
			if ctx.Err() != nil {
				t.Errorf("the engine call was cancelled with the browser's request: %v", ctx.Err())
			}
		})
	}
}
