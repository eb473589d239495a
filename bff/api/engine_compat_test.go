package api

import (
	"encoding/json"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/wire"
)

// TestEngineAnswers: the cluster list in the real engine's shape
// (engine/fixtures/clusters.json: fencing_policy gluster switches as
// booleans) works; an unused member in an old shape is ignored; a used member
// in an unexpected shape is 502 engine_incompatible naming its JSON path, not
// "The engine cannot be reached.".
func TestEngineAnswers(t *testing.T) {
	real := fixtures.Read("clusters.json")
	tests := []struct {
		name, clusters string
		status         int
		code, message  string
	}{
		{"real shape", string(real), 200, "", ""},
		{"unused member in another shape", `{"cluster":[{"id":"c1","name":"Default","fencing_policy":{"skip_if_gluster_bricks_up":{"enabled":"false"}}}]}`, 200, "", ""},
		{"used member in another shape", `{"cluster":[{"id":"c1","name":{"text":"Default"}}]}`, 502, "engine_incompatible",
			"The engine's answer could not be read (cluster.name)."},
		{"not JSON", `<html>`, 502, "engine_incompatible", "The engine's answer could not be read."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newAPIEnv(t, map[string]engineReply{
				"GET ":             fixed(200, `{"product_info":{"version":{"full_version":"4.5.6-1.el9"}}}`),
				"GET /clusters":    fixed(200, tt.clusters),
				"GET /datacenters": fixed(200, `{"data_center":[{"id":"6f5c7a1e-9b4e-11ee-9c2e-00163e7a0001","name":"Default"}]}`),
			})
			status, body := env.call(t, "GET", "/api/clusters", "")
			if status != tt.status {
				t.Fatalf("%d %s", status, body)
			}
			if tt.status == 200 {
				var got struct {
					Clusters []wire.Cluster `json:"clusters"`
				}
				if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Clusters) == 0 || got.Clusters[0].Name != "Default" {
					t.Fatalf("%v %s", err, body)
				}
				return
			}
			var e struct{ Code, Message string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Code != tt.code || e.Message != tt.message {
				t.Errorf("%v %s", err, body)
			}
		})
	}
}

// TestNICGatewayNone: real engines report an IPv6 gateway "::" meaning none
// (and sometimes a link-local one): "::" shows no gateway, a link-local one
// is kept.
func TestNICGatewayNone(t *testing.T) {
	tests := []struct {
		name, gw string
		want     bool
	}{
		{"unspecified", "::", false},
		{"absent", "", false},
		{"link-local", "fe80::1", true},
		{"global", "2001:db8::1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ipConfig(&ovirt.Ip{Address: "2001:db8::10", Netmask: "64", Gateway: tt.gw, Version: ovirt.IpVersionV6}, "autoconf", true)
			if (cfg.Gateway != nil) != tt.want {
				t.Errorf("gateway %+v, want shown %v", cfg.Gateway, tt.want)
			}
		})
	}
}

// TestConcurrentAgentsShareOrder: the engine has no "concurrent" member
// (FenceAgentMapper); a concurrent agent is added with the order of the
// last one, and agents sharing an order are shown as concurrent.
func TestConcurrentAgentsShareOrder(t *testing.T) {
	agents := `{"agent":[{"id":"a1","address":"2001:db8::21","type":"ipmilan","order":"1","port":"623"},` +
		`{"id":"a2","address":"2001:db8::22","type":"ipmilan","order":"1"}]}`
	env := newAPIEnv(t, map[string]engineReply{
		"GET /hosts/h1/fenceagents":  fixed(200, agents),
		"POST /hosts/h1/fenceagents": echoCreated("a3"),
	})
	status, body := env.call(t, "POST", "/api/hosts/h1/fence-agents",
		`{"address":"2001:db8::23","type":"ipmilan","username":"admin","password":"pw","concurrent":true}`)
	if status != 201 {
		t.Fatalf("%d %s", status, body)
	}
	sent := env.sent("POST", "/hosts/h1/fenceagents")
	if len(sent) != 1 || !strings.Contains(sent[0], `"order":"1"`) || strings.Contains(sent[0], "concurrent") {
		t.Errorf("engine got %q", sent)
	}
	status, body = env.call(t, "GET", "/api/hosts/h1/fence-agents", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var got struct {
		Agents []wire.Agent `json:"fence_agents"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Agents) != 2 || got.Agents[0].Concurrent || !got.Agents[1].Concurrent {
		t.Errorf("%v %s", err, body)
	}
}
