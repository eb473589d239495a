package server

import (
	"strings"
	"testing"
	"time"
)

// TestHostGapsEmbeddedEngine drives the issue 5 follow-ups through the BFF
// to the embedded engine: the engine's SSH key and a public key install,
// an IPv4-mapped host that installs, NIC traffic, data center names, one
// agent's Test, Edit Host's SSH port, and maintenance → activate → remove.
func TestHostGapsEmbeddedEngine(t *testing.T) {
	env, _ := newEmbeddedEnv(t)
	env.login(t)
	host0, host2 := env.hostID(t, "host0"), env.hostID(t, "host2")
	var h0 struct {
		FenceAgents []struct {
			ID string `json:"id"`
		} `json:"fence_agents"`
	}
	env.getJSON(t, "/api/hosts/"+host0, &h0)
	if len(h0.FenceAgents) == 0 {
		t.Fatal("host0 has no fence agents")
	}
	waitStatus := func(t testing.TB, name, status string) string {
		t.Helper()
		var id string
		deadline := time.Now().Add(10 * time.Second)
		for {
			var hs struct {
				Hosts []struct {
					ID, Name, Status string
				} `json:"hosts"`
			}
			env.getJSON(t, "/api/hosts", &hs)
			for _, h := range hs.Hosts {
				if h.Name == name {
					id = h.ID
					if h.Status == status {
						return id
					}
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("host %s never reached %s", name, status)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	tests := []scenario{
		{Name: "engine SSH key", Method: "GET", URL: "/api/engine-ssh-key", ExpectedStatus: 200,
			ExpectedContent: []string{`{"public_key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI`, ` ovirt-engine"}`}},
		{Name: "clusters name their data center", Method: "GET", URL: "/api/clusters", ExpectedStatus: 200,
			ExpectedContent: []string{`"data_center":{"id":"`, `","name":"Default"}`}},
		{Name: "NIC traffic", Method: "GET", URL: "/api/hosts/" + host0 + "/network", ExpectedStatus: 200,
			ExpectedContent: []string{`"rx_rate_bps":`, `"tx_rate_bps":`, `"rx_total_bytes":`, `"tx_total_bytes":`, `"drops":`}},
		{Name: "one agent's test", Method: "POST", URL: "/api/hosts/" + host0 + "/fence-agents/" + h0.FenceAgents[0].ID + "/test", ExpectedStatus: 200,
			ExpectedContent: []string{`"ok":true`, `"message":"Test successful: power on (through this agent, the host's only one)"`, `"tested":"agent"`}},
		{Name: "an agent of another host", Method: "POST", URL: "/api/hosts/" + host2 + "/fence-agents/" + h0.FenceAgents[0].ID + "/test", ExpectedStatus: 404},
		{Name: "add by public key, no password", Method: "POST", URL: "/api/hosts",
			Body:           `{"name":"pk1","address":"2001:db8:10::5c","auth_method":"publickey"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"name":"pk1"`}},
		{Name: "add by password needs one", Method: "POST", URL: "/api/hosts",
			Body:           `{"name":"pw1","address":"2001:db8:10::5d"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"root_password":{"code":"empty"`}},
		// An IPv4-mapped address is the IPv4 address it maps: the engine is sent 192.0.2.44.
		{Name: "add an IPv4-mapped host", Method: "POST", URL: "/api/hosts",
			Body:           `{"name":"mapped","address":"::ffff:192.0.2.44","root_password":"x"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"address":{"address":"192.0.2.44","kind":"ipv4"`}},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
	pk := waitStatus(t, "pk1", "up")
	waitStatus(t, "mapped", "up")

	lifecycle := []scenario{
		{Name: "edit SSH port", Method: "PUT", URL: "/api/hosts/" + pk, Body: `{"ssh_port":2222}`, ExpectedStatus: 200,
			ExpectedContent: []string{`"ssh_port":2222`}},
		{Name: "unknown cluster", Method: "PUT", URL: "/api/hosts/" + pk, Body: `{"cluster_id":"no-such-cluster"}`, ExpectedStatus: 400,
			ExpectedContent: []string{`"cluster_id":{`}},
		{Name: "remove while up", Method: "DELETE", URL: "/api/hosts/" + pk, ExpectedStatus: 409},
		{Name: "maintenance", Method: "POST", URL: "/api/hosts/" + pk + "/maintenance", ExpectedStatus: 200,
			ExpectedContent: []string{`"status":"maintenance"`, `"job":{"id":"`, `"status":"finished"`}},
		{Name: "maintenance twice", Method: "POST", URL: "/api/hosts/" + pk + "/maintenance", ExpectedStatus: 409,
			ExpectedContent: []string{"Host is already in Maintenance mode."}},
		{Name: "activate", Method: "POST", URL: "/api/hosts/" + pk + "/activate", ExpectedStatus: 200,
			ExpectedContent: []string{`"status":"up"`}},
		{Name: "maintenance again", Method: "POST", URL: "/api/hosts/" + pk + "/maintenance", ExpectedStatus: 200},
		{Name: "remove", Method: "DELETE", URL: "/api/hosts/" + pk, ExpectedStatus: 204},
	}
	for _, s := range lifecycle {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
	var hs struct {
		Hosts []struct{ Name string } `json:"hosts"`
	}
	env.getJSON(t, "/api/hosts", &hs)
	for _, h := range hs.Hosts {
		if strings.EqualFold(h.Name, "pk1") {
			t.Fatal("pk1 was not removed")
		}
	}
}
