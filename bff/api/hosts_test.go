package api

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"v6admin/wire"
)

func TestListClustersNamesDataCenters(t *testing.T) {
	tests := []struct {
		name     string
		clusters string
		wantDC   []string // data center name of each cluster, by cluster name
		dcCalls  int
	}{
		{"ids only: names looked up",
			`{"cluster": [{"id": "c2", "name": "Edge", "data_center": {"id": "dc2"}}, {"id": "c1", "name": "Default", "data_center": {"id": "dc1"}}]}`,
			[]string{"Default", "Lab"}, 1},
		{"named already: no lookup",
			`{"cluster": [{"id": "c1", "name": "Default", "data_center": {"id": "dc1", "name": "Named"}}]}`,
			[]string{"Named"}, 0},
		{"no data center",
			`{"cluster": [{"id": "c1", "name": "Default"}]}`,
			[]string{""}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				"GET /clusters":    fixed(200, tt.clusters),
				"GET /datacenters": fixed(200, `{"data_center": [{"id": "dc1", "name": "Default"}, {"id": "dc2", "name": "Lab"}]}`),
			})
			status, body := env.call(t, "GET", "/api/clusters", "")
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			var got struct {
				Clusters []wire.Cluster `json:"clusters"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Clusters) != len(tt.wantDC) {
				t.Fatalf("clusters %s", body)
			}
			for i, c := range got.Clusters {
				name := ""
				if c.DataCenter != nil {
					name = c.DataCenter.Name
				}
				if name != tt.wantDC[i] {
					t.Errorf("cluster %s: data center %q, want %q", c.Name, name, tt.wantDC[i])
				}
			}
			if n := len(env.sent("GET", "/datacenters")); n != tt.dcCalls {
				t.Errorf("%d data center calls, want %d", n, tt.dcCalls)
			}
		})
	}
}

func TestEditHostRequest(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		sent       string // the engine's PUT body
		fields     map[string]string
	}{
		{"ssh port and cluster", `{"ssh_port": 2222, "cluster_id": "c2"}`, 200,
			`{"port":"54321","ssh":{"port":"2222"},"cluster":{"id":"c2","href":"/ovirt-engine/api/clusters/c2"}}`, nil},
		{"name only", `{"name": "h1"}`, 200, `{"name":"h1","port":"54321"}`, nil},
		{"ssh port out of range", `{"ssh_port": 70000}`, 400, "", map[string]string{"ssh_port": "out_of_range"}},
		{"empty cluster", `{"cluster_id": ""}`, 400, "", map[string]string{"cluster_id": "out_of_range"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				// the engine's current port is sent back: HostMapper resets a missing one
				"GET /hosts/h1": fixed(200, `{"id": "h1", "name": "h1", "address": "2001:db8::1", "port": "54321", "status": "maintenance"}`),
				"PUT /hosts/h1": fixed(200, `{"id": "h1", "name": "h1", "address": "2001:db8::1", "status": "maintenance"}`),
			})
			status, body := env.call(t, "PUT", "/api/hosts/h1", tt.body)
			if status != tt.status {
				t.Fatalf("%d %s", status, body)
			}
			if tt.fields != nil {
				wantFieldCodes(t, body, tt.fields)
				return
			}
			if got := env.sent("PUT", "/hosts/h1"); len(got) != 1 || got[0] != tt.sent {
				t.Fatalf("engine got %q, want %s", got, tt.sent)
			}
		})
	}
}

// wantFieldCodes checks the field error codes only.
func wantFieldCodes(t *testing.T, body string, want map[string]string) {
	t.Helper()
	e := envelope(t, body)
	for f, code := range want {
		if e.Fields[f].Code == "" {
			t.Errorf("no error on %s: %s", f, body)
		} else if e.Fields[f].Code != code {
			t.Errorf("%s: code %q, want %q (%s)", f, e.Fields[f].Code, code, e.Fields[f].Message)
		}
	}
}

func TestHostLifecycleRoutes(t *testing.T) {
	tests := []struct {
		path, engine string
		reply        engineReply
		status       int
		want         string // in the body
	}{
		{"/api/hosts/h1/maintenance", "POST /hosts/h1/deactivate", fixed(200, `{"status": "complete", "job": {"id": "j1"}}`), 200, `"status":"maintenance"`},
		{"/api/hosts/h1/activate", "POST /hosts/h1/activate", fixed(200, `{"status": "complete"}`), 200, `"host":{"id":"h1"`},
		{"/api/hosts/h1/activate", "POST /hosts/h1/activate",
			fixed(409, `{"reason": "Operation Failed", "detail": "[Cannot activate Host. Host is already Up.]"}`), 409, "Cannot activate Host. Host is already Up."},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.want, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				tt.engine:       tt.reply,
				"GET /hosts/h1": fixed(200, `{"id": "h1", "name": "h1", "address": "2001:db8::1", "status": "maintenance"}`),
				"GET /jobs/j1":  fixed(200, `{"id": "j1", "status": "finished", "description": "Moving Host h1 to Maintenance"}`),
				"GET /clusters": fixed(200, `{}`),
			})
			status, body := env.call(t, "POST", tt.path, "")
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("%d %s", status, body)
			}
			if m, p, _ := strings.Cut(tt.engine, " "); len(env.sent(m, p)) != 1 {
				t.Fatalf("engine not called: %s", tt.engine)
			}
		})
	}
}

func TestNICStats(t *testing.T) {
	stat := func(name string, v float64) string {
		return `{"name": "` + name + `", "values": {"value": [{"datum": ` + strconv.FormatFloat(v, 'f', -1, 64) + `}]}}`
	}
	tests := []struct {
		name  string
		stats string
		want  string // the traffic members of the NIC's JSON
	}{
		{"bits per second", `{"statistic": [` + stat("data.current.rx.bps", 8000) + `,` + stat("data.current.tx.bps", 16000) + `,` +
			stat("data.current.rx", 1) + `,` + stat("data.total.rx", 5000) + `,` + stat("data.total.tx", 7000) + `,` +
			stat("errors.total.rx", 2) + `,` + stat("errors.total.tx", 3) + `]}`,
			`"rx_rate_bps":8000,"tx_rate_bps":16000,"rx_total_bytes":5000,"tx_total_bytes":7000,"drops":5`},
		{"bytes per second only", `{"statistic": [` + stat("data.current.rx", 1000) + `,` + stat("data.current.tx", 10) + `]}`,
			`"rx_rate_bps":8000,"tx_rate_bps":80`},
		{"none", `{}`, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				"GET /hosts/h1":                    fixed(200, `{"id": "h1", "name": "h1", "address": "2001:db8::1", "status": "up"}`),
				"GET /hosts/h1/nics":               fixed(200, `{"host_nic": [{"id": "n1", "name": "eth0", "status": "up"}, {"id": "n2", "name": "eth1", "status": "down"}]}`),
				"GET /hosts/h1/networkattachments": fixed(200, `{}`),
				"GET /hosts/h1/nics/n1/statistics": fixed(200, tt.stats),
				"GET /hosts/h1/nics/n2/statistics": fixed(500, `{"reason": "Operation Failed", "detail": "boom"}`),
			})
			status, body := env.call(t, "GET", "/api/hosts/h1/network", "")
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			var v wire.HostNetwork
			if err := json.Unmarshal([]byte(body), &v); err != nil || len(v.NICs) != 2 {
				t.Fatalf("%v %s", err, body)
			}
			got := func(n wire.NIC) string {
				b, _ := json.Marshal(n)
				s := string(b)
				if i := strings.Index(s, `"bridged":false`); i >= 0 {
					s = strings.TrimPrefix(strings.TrimSuffix(s[i+len(`"bridged":false`):], "}"), ",")
				}
				return s
			}
			if g := got(v.NICs[0]); g != tt.want {
				t.Errorf("eth0 traffic %s, want %s", g, tt.want)
			}
			if g := got(v.NICs[1]); g != "" {
				t.Errorf("eth1 (statistics failed) %s, want none", g)
			}
		})
	}
}

func TestAddHostAuthMethod(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		sent       []string // in the engine's POST /hosts body
		unsent     []string
		fields     map[string]string
	}{
		{"password (default)", `{"name":"h1","address":"2001:db8::1","cluster_id":"c1","root_password":"pw-123"}`, 201,
			[]string{`"root_password":"pw-123"`, `"authentication_method":"password"`}, nil, nil},
		{"public key, no password", `{"name":"h1","address":"2001:db8::1","cluster_id":"c1","auth_method":"publickey"}`, 201,
			[]string{`"authentication_method":"publickey"`}, []string{`root_password`}, nil},
		{"public key ignores a password", `{"name":"h1","address":"2001:db8::1","cluster_id":"c1","auth_method":"publickey","root_password":"stray"}`, 201,
			[]string{`"authentication_method":"publickey"`}, []string{`stray`}, nil},
		{"password missing", `{"name":"h1","address":"2001:db8::1","cluster_id":"c1","auth_method":"password"}`, 400,
			nil, nil, map[string]string{"root_password": "empty"}},
		{"password missing with other errors", `{"name":"bad name","address":"2001:db8::1","cluster_id":"c1"}`, 400,
			nil, nil, map[string]string{"root_password": "empty", "name": "syntax"}},
		{"unknown method", `{"name":"h1","address":"2001:db8::1","cluster_id":"c1","auth_method":"kerberos","root_password":"x"}`, 400,
			nil, nil, map[string]string{"auth_method": "not_allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				"GET /hosts":  fixed(200, `{}`),
				"POST /hosts": fixed(201, `{"id": "h1", "name": "h1", "address": "2001:db8::1", "status": "installing"}`),
			})
			status, body := env.call(t, "POST", "/api/hosts", tt.body)
			if status != tt.status {
				t.Fatalf("%d %s", status, body)
			}
			if tt.fields != nil {
				e := envelope(t, body)
				for f, code := range tt.fields {
					if e.Fields[f].Code != code {
						t.Errorf("%s: %+v, want code %s (%s)", f, e.Fields[f], code, body)
					}
				}
				if len(env.sent("POST", "/hosts")) != 0 {
					t.Fatal("a refused host reached the engine")
				}
				return
			}
			got := env.sent("POST", "/hosts")
			if len(got) != 1 {
				t.Fatalf("engine calls %q", got)
			}
			for _, s := range tt.sent {
				if !strings.Contains(got[0], s) {
					t.Errorf("engine body lacks %s: %s", s, got[0])
				}
			}
			for _, s := range tt.unsent {
				if strings.Contains(got[0], s) {
					t.Errorf("engine body has %s: %s", s, got[0])
				}
			}
		})
	}
}

func TestEngineSSHKeyRoute(t *testing.T) {
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ovirt-engine"
	tests := []struct {
		name   string
		reply  engineReply
		status int
		want   string
	}{
		{"published", fixed(200, key+"\n"), 200, `{"public_key":"` + key + `"}`},
		{"engine without it", fixed(404, ""), 404, `"code":"not_found"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{"GET /ovirt-engine/services/pki-resource": tt.reply})
			status, body := env.call(t, "GET", "/api/engine-ssh-key", "")
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("%d %s", status, body)
			}
		})
	}
}

// Issue 11, Wrong 5: a host's IPv4-mapped spelling is the same address.
func TestAddHostDuplicateAddress(t *testing.T) {
	tests := []struct {
		address string
		status  int
	}{
		{"::ffff:192.0.2.13", 409},
		{"[::ffff:c000:20d]", 409},
		{"192.0.2.13", 409},
		{"2001:DB8:10:0::11", 409},
		{"HOST1.lab.example.org.", 409},
		{"192.0.2.14", 201},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				"GET /hosts": fixed(200, `{"host": [{"id": "a", "name": "host0", "address": "2001:db8:10::11"},
					{"id": "b", "name": "host1", "address": "host1.lab.example.org"}, {"id": "c", "name": "host2", "address": "192.0.2.13"}]}`),
				"POST /hosts": echoCreated("h9"),
			})
			status, body := env.call(t, "POST", "/api/hosts", `{"name":"h9","address":"`+tt.address+`","cluster_id":"c1","root_password":"pw"}`)
			if status != tt.status {
				t.Fatalf("%d %s", status, body)
			}
			if status == 409 {
				e := envelope(t, body)
				if f := e.Fields["address"]; f.Code != "duplicate_address" || !strings.Contains(f.Message, "Host with the same address already exists.") {
					t.Errorf("address: %+v", f)
				}
			}
		})
	}
}

func TestOneStop(t *testing.T) {
	for in, want := range map[string]string{
		"Cannot authenticate user 'x': The username or password is incorrect..": "Cannot authenticate user 'x': The username or password is incorrect.",
		"Bad password": "Bad password.",
		"Done.":        "Done.",
		"...":          "...",
	} {
		if got := oneStop(in); got != want {
			t.Errorf("oneStop(%q) = %q, want %q", in, got, want)
		}
	}
}
