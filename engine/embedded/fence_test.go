package embedded

import (
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

func TestFenceAgentsCRUD(t *testing.T) {
	v := newEnv(t)
	h0 := v.hostByName("host0")
	var agents ovirt.Agents
	b := v.must(200, "GET", "/hosts/"+h0.ID+"/fenceagents", nil, &agents)
	if len(agents.Agent) != 1 || agents.Agent[0].Address != SeedBMCHost0 || agents.Agent[0].Order.Value() != 1 {
		t.Fatalf("agents %s", b)
	}
	if !strings.Contains(string(b), `{"name":"port","value":"623"}`) || !strings.Contains(string(b), `"order":"1"`) {
		t.Fatalf("agent JSON %s", b)
	}
	h2 := v.hostByName("host2")
	path := "/hosts/" + h2.ID + "/fenceagents"
	full := func(over map[string]any) map[string]any {
		m := map[string]any{"address": "2001:db8:20::13", "type": "ipmilan", "username": "admin", "password": "secret", "order": 1, "port": 623,
			"options": map[string]any{"option": []any{map[string]string{"name": "lanplus", "value": "1"}}}}
		for k, val := range over {
			if val == nil {
				delete(m, k)
			} else {
				m[k] = val
			}
		}
		return m
	}
	cases := []struct {
		name           string
		body           any
		reason, detail string
	}{
		{"all missing", map[string]any{}, "Incomplete parameters", "Agent [address, order, type, username, password] required for add"},
		{"password missing", full(map[string]any{"password": nil}), "Incomplete parameters", "Agent [password] required for add"},
		{"unsupported type", full(map[string]any{"type": "ipmi"}), "Operation Failed", "[Cannot add Fence Agent. Selected Power Management Agent is not supported.]"},
		{"port", full(map[string]any{"port": 0}), "Operation Failed", "[Cannot add/modify Power Management Agent. Power Management Agent port value must be numeric between 1 and 65535.]"},
		{"user too long", full(map[string]any{"username": strings.Repeat("u", 51)}), "Operation Failed", "[size must be between 0 and 50, Attribute: agent.user]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { v.fault(400, c.reason, c.detail, "POST", path, c.body) })
	}
	resp, b := v.do("POST", path, full(nil))
	if resp.StatusCode != 201 {
		t.Fatalf("add %d %s", resp.StatusCode, b)
	}
	if strings.Contains(string(b), "secret") || strings.Contains(string(b), "password") {
		t.Fatalf("password returned: %s", b)
	}
	var a ovirt.Agent
	_ = jsonUnmarshal(b, &a)
	if resp.Header.Get("Location") != v.srv.URL+a.Href || len(a.Options.Option) != 2 || a.Options.Option[1].Name != "port" {
		t.Fatalf("agent %s", b)
	}
	var up ovirt.Agent
	v.must(200, "PUT", path+"/"+a.ID, map[string]any{"port": 6230, "order": 2}, &up)
	if up.Port.Value() != 6230 || up.Order.Value() != 2 || up.Options.Option[len(up.Options.Option)-1].Value != "6230" {
		t.Fatalf("updated %+v", up)
	}
	v.fault(400, "Operation Failed", "[Cannot edit Fence Agent. Selected Power Management Agent is not supported.]", "PUT", path+"/"+a.ID, map[string]any{"type": "nope"})
	if resp, _ := v.do("GET", "/hosts/"+h0.ID+"/fenceagents/"+a.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("agent under another host: %d", resp.StatusCode)
	}
	v.must(200, "DELETE", path+"/"+a.ID, nil, nil)
	if resp, _ := v.do("GET", path+"/"+a.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("after delete %d", resp.StatusCode)
	}
}

func TestFence(t *testing.T) {
	v := newEnv(t)
	h0 := v.hostByName("host0")
	fence := func(h, typ string) (int, ovirt.Action, string) {
		resp, b := v.do("POST", "/hosts/"+h+"/fence", map[string]string{"fence_type": typ})
		var a ovirt.Action
		_ = jsonUnmarshal(b, &a)
		return resp.StatusCode, a, string(b)
	}
	if code, a, b := fence(h0.ID, "status"); code != 200 || b != `{"status":"complete","fence_type":"status","power_management":{"status":"on"}}` {
		t.Fatalf("status: %d %+v %s", code, a, b)
	}
	if code, a, _ := fence(h0.ID, "stop"); code != 200 || a.PowerManagement.Status != ovirt.PowerStateOff || a.Job == nil {
		t.Fatalf("stop: %d %+v", code, a)
	}
	if got := v.hostByName("host0"); got.Status != ovirt.HostStatusDown {
		t.Fatalf("host after stop: %s", got.Status)
	}
	if _, a, _ := fence(h0.ID, "status"); a.PowerManagement.Status != ovirt.PowerStateOff {
		t.Fatalf("status after stop %+v", a)
	}
	if code, a, _ := fence(h0.ID, "start"); code != 200 || a.PowerManagement.Status != ovirt.PowerStateOn {
		t.Fatalf("start: %d %+v", code, a)
	}
	if got := v.hostByName("host0"); got.Status != ovirt.HostStatusUp {
		t.Fatalf("host after start: %s", got.Status)
	}
	if code, _, _ := fence(h0.ID, "restart"); code != 200 {
		t.Fatalf("restart %d", code)
	}
	if code, _, _ := fence(h0.ID, "manual"); code != 200 {
		t.Fatalf("manual %d", code)
	}
	v.fault(400, "Invalid value", "reboot is not a member of FenceType", "POST", "/hosts/"+h0.ID+"/fence", map[string]string{"fence_type": "reboot"})
	v.fault(400, "Incomplete parameters", "Action [fenceType] required for fence", "POST", "/hosts/"+h0.ID+"/fence", "{}")

	// host1: the first agent (IPv4 BMC, order 1) answers.
	h1 := v.hostByName("host1")
	if code, a, _ := fence(h1.ID, "status"); code != 200 || a.PowerManagement.Status != ovirt.PowerStateOn {
		t.Fatalf("host1 status %d %+v", code, a)
	}

	// host2: power management disabled, no agents; then an unreachable agent.
	h2 := v.hostByName("host2")
	if code, a, _ := fence(h2.ID, "status"); code != 200 || a.Status != ovirt.ActionStatusFailed || a.Fault == nil ||
		a.Fault.Reason != "Failed to get power status: host host2 has no fence agents." {
		t.Fatalf("no agents: %d %+v", code, a)
	}
	if code, a, _ := fence(h2.ID, "stop"); code != 409 || a.Status != ovirt.ActionStatusFailed || a.Fault.Detail != "[Cannot stop Host. Power Management is not enabled for the Host.]" {
		t.Fatalf("pm disabled: %d %+v", code, a)
	}
	v.must(200, "PUT", "/hosts/"+h2.ID, map[string]any{"power_management": map[string]any{"enabled": true}}, nil)
	v.must(201, "POST", "/hosts/"+h2.ID+"/fenceagents", map[string]any{"address": "2001:db8:99::1", "type": "ipmilan", "username": "u", "password": "p", "order": 1}, nil)
	code, a, body := fence(h2.ID, "status")
	if code != 200 || body != `{"status":"failed","fault":{"reason":"Failed to get power status: fence agent(s) ipmilan at 2001:db8:99::1 did not respond."},"fence_type":"status"}` {
		t.Fatalf("unreachable status: %d %s", code, body)
	}
	code, a, _ = fence(h2.ID, "restart")
	if code != 400 || a.Status != ovirt.ActionStatusFailed || a.FenceType != ovirt.FenceTypeRestart ||
		a.Fault.Reason != "Operation Failed" || a.Fault.Detail != "[Cannot restart Host. Fence agent is not responding (ipmilan at 2001:db8:99::1).]" {
		t.Fatalf("unreachable restart: %d %+v", code, a)
	}
	// An agent for the seeded BMC of host2 (order 2) makes it answer.
	v.must(201, "POST", "/hosts/"+h2.ID+"/fenceagents", map[string]any{"address": "2001:DB8:20:0::13", "type": "ipmilan", "username": "u", "password": "p", "order": 2}, nil)
	if code, a, _ := fence(h2.ID, "status"); code != 200 || a.PowerManagement.Status != ovirt.PowerStateOn {
		t.Fatalf("second agent: %d %+v", code, a)
	}
}

// TestFenceStatusIgnoresAgent: as on a real engine (GetVdsFenceStatus),
// fence status asks the host's agents in order; ?agent= is not a parameter
// of the REST API and changes nothing (issue 12, item 11). It failed while
// the embedded engine honoured ?agent=.
func TestFenceStatusIgnoresAgent(t *testing.T) {
	v := newEnv(t)
	h2 := v.hostByName("host2")
	var bad, good ovirt.Agent
	v.must(201, "POST", "/hosts/"+h2.ID+"/fenceagents", map[string]any{"address": "2001:db8:99::1", "type": "ipmilan", "username": "u", "password": "p", "order": 1}, &bad)
	v.must(201, "POST", "/hosts/"+h2.ID+"/fenceagents", map[string]any{"address": "2001:DB8:20:0::13", "type": "ipmilan", "username": "u", "password": "p", "order": 2}, &good)
	other := v.hostByName("host1")
	cases := []struct {
		name   string
		query  string
		body   map[string]string
		status int
		want   string
	}{
		{"all agents: the second answers", "", map[string]string{"fence_type": "status"}, 200, `"power_management":{"status":"on"}`},
		{"?agent= the unreachable agent: still all agents", "?agent=" + bad.ID, map[string]string{"fence_type": "status"}, 200, `"power_management":{"status":"on"}`},
		{"?agent= the reachable agent", "?agent=" + good.ID, map[string]string{"fence_type": "status"}, 200, `"power_management":{"status":"on"}`},
		{"?agent= an agent of another host", "?agent=" + v.agentIDs(other.ID)[0], map[string]string{"fence_type": "status"}, 200, `"power_management":{"status":"on"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, b := v.do("POST", "/hosts/"+h2.ID+"/fence"+c.query, c.body)
			if resp.StatusCode != c.status || !strings.Contains(string(b), c.want) {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
		})
	}
}

func (v *tenv) agentIDs(hostID string) []string {
	v.t.Helper()
	var as ovirt.Agents
	v.must(200, "GET", "/hosts/"+hostID+"/fenceagents", nil, &as)
	var out []string
	for _, a := range as.Agent {
		out = append(out, a.ID)
	}
	return out
}
