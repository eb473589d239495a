package server

import (
	"strings"
	"testing"
)

// TestEngineRulesThroughBFF: where the real engine's rules (which the
// embedded engine applies, issue 12 Deliver 5) refuse what the BFF's own
// rules let through, the BFF answers 400 with the engine's words, never a
// 500 or 502; and the per-agent Test says what the engine tested (item 11).
func TestEngineRulesThroughBFF(t *testing.T) {
	env, _ := newEmbeddedEnv(t)
	env.login(t)
	host0, host1 := env.hostID(t, "host0"), env.hostID(t, "host1")
	var h1 struct {
		FenceAgents []struct {
			ID string `json:"id"`
		} `json:"fence_agents"`
	}
	env.getJSON(t, "/api/hosts/"+host1, &h1)
	if len(h1.FenceAgents) != 2 {
		t.Fatalf("host1 has %d fence agents, want 2", len(h1.FenceAgents))
	}
	tests := []scenario{
		{Name: "network provider without a plugin type: the engine's refusal", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"network","name":"ovn-noplugin","url":"https://[2001:db8:10::5]:9696"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"engine_rejected"`, `"message":"Openstack Neutron provider requires a plugin type."`}},
		// A provider name follows the engine's rule in the BFF and the UI too
		// (validation.ProviderName: @ValidName, the 128-character column), so
		// it is refused on its field before the engine is asked; the engine's
		// own refusal of both is in engine/embedded's TestEngineRules.
		{Name: "provider name with a dot: the engine's @ValidName, on the field", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"network","name":"lab.ovn","url":"https://[2001:db8:10::5]:9696","plugin_type":"ovirt-provider-ovn"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"validation_failed"`, `"name":{"code":"syntax","message":"Name must be formed of alphanumeric characters, numbers or \"-_\"."`}},
		{Name: "provider name over the engine's 128 characters, on the field", Method: "POST", URL: "/api/providers",
			Body:           `{"kind":"network","name":"` + strings.Repeat("p", 129) + `","url":"https://[2001:db8:10::5]:9696","plugin_type":"ovirt-provider-ovn"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"validation_failed"`, `"name":{"code":"too_long"`}},
		// The other way round: the BFF is stricter than the engine (webadmin's
		// 50 characters for a storage domain name; the engine takes 250) and
		// answers with its field message before the engine is asked.
		{Name: "NFS domain name of 60 characters: the BFF's limit", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"` + strings.Repeat("s", 60) + `","host_id":"` + host0 + `","export":"[2001:db8:200::60]:/exports/iso"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"validation_failed"`, `"fields":{"name":`}},
		{Name: "fence agent address the engine would store: the BFF refuses it", Method: "POST", URL: "/api/hosts/" + host0 + "/fence-agents",
			Body:           `{"address":"2001:db8::1::1","type":"ipmilan","username":"admin","password":"pw"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"validation_failed"`, `"fields":{"address":`}},
		{Name: "one of two agents tested: the message says the host's agents were", Method: "POST",
			URL: "/api/hosts/" + host1 + "/fence-agents/" + h1.FenceAgents[1].ID + "/test", ExpectedStatus: 200,
			ExpectedContent: []string{`"ok":true`, `"tested":"host"`,
				`"message":"The engine tested host host1's 2 agents in order: power on. It cannot test one agent alone, so the answer may come from another agent."`}},
		{Name: "the host's Test", Method: "POST", URL: "/api/hosts/" + host1 + "/fence-agents/test", ExpectedStatus: 200,
			ExpectedContent: []string{`"ok":true`, `"tested":"host"`, `"message":"Test successful: power on"`}},
	}
	for _, s := range tests {
		t.Run(s.Name, func(t *testing.T) { s.run(t, env) })
	}
}
