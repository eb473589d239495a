package components

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

func agentNamed(addr, typ string) wire.Agent {
	return wire.Agent{Address: agentAddrView(addr), Type: typ, Username: "admin"}
}

func titles(s *pmState) []string {
	var out []string
	for _, a := range s.agents {
		out = append(out, agentTitle(a.Agent))
	}
	return out
}

func TestAgentOrder(t *testing.T) {
	s := newPMState()
	if s.enabled || !s.kdump {
		t.Fatalf("oVirt's defaults are PM off, kdump on: %+v", s)
	}
	s.put(-1, agentNamed("2001:DB8:20::11", "ipmilan"), "p1")
	s.put(-1, agentNamed("192.0.2.112", "redfish"), "p2")
	s.put(-1, agentNamed("bmc.example.com", "ilo4"), "p3")
	want := []string{"ipmilan : 2001:db8:20::11", "redfish : 192.0.2.112", "ilo4 : bmc.example.com"}
	if got := titles(&s); !reflect.DeepEqual(got, want) {
		t.Fatalf("agents %v, want %v", got, want)
	}
	if s.move(0, -1) || s.move(2, 1) {
		t.Fatal("moving out of the list must do nothing")
	}
	s.move(2, -1)
	s.move(0, 1)
	want = []string{"ilo4 : bmc.example.com", "ipmilan : 2001:db8:20::11", "redfish : 192.0.2.112"}
	if got := titles(&s); !reflect.DeepEqual(got, want) {
		t.Fatalf("after moves %v, want %v", got, want)
	}
	var orders []int
	for i, a := range s.agents {
		orders = append(orders, a.request(i+1).Order)
	}
	if !reflect.DeepEqual(orders, []int{1, 2, 3}) {
		t.Fatalf("orders %v", orders)
	}
	if others := s.others(1); len(others) != 2 || others[0].Type != "ilo4" || others[1].Type != "redfish" {
		t.Fatalf("others(1) = %v", others)
	}
	s.remove(0)
	if len(s.removed) != 0 {
		t.Fatal("a new agent leaves nothing to delete on the server")
	}
}

func TestPMStateOfASavedHost(t *testing.T) {
	var h wire.Host
	data, err := os.ReadFile("testdata/host.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	// Shuffle the order the server sends: the tab sorts by order.
	h.FenceAgents[0], h.FenceAgents[1] = h.FenceAgents[1], h.FenceAgents[0]
	s := pmStateOf(&h)
	if !s.enabled || len(s.agents) != 2 || s.agents[0].Agent.Order != 1 || s.agents[1].Agent.Order != 2 {
		t.Fatalf("pm state %+v", s)
	}
	first := s.agents[0].Agent.ID
	s.remove(0)
	if !reflect.DeepEqual(s.removed, []string{first}) {
		t.Fatalf("removed %v", s.removed)
	}
	s.put(0, agentNamed("2001:db8:20::99", "ipmilan"), "")
	if !s.agents[0].Changed || s.agents[0].Agent.ID == "" {
		t.Fatalf("an edited saved agent keeps its id and is marked changed: %+v", s.agents[0])
	}
	s.enabled = true
	s.agents = nil
	if s.validate() || !s.hasError() {
		t.Fatal("power management without agents must be refused")
	}
}

func TestAgentRequestDropsThePortOption(t *testing.T) {
	a := pmAgent{Agent: wire.Agent{Address: wire.Addr{Address: "2001:db8:20::13"}, Type: "ipmilan", Username: "admin", Port: 623,
		Options: map[string]string{"port": "623", "lanplus": "1"}}, Password: "x"}
	r := a.request(2)
	if r.Port != 623 || r.Order != 2 || !reflect.DeepEqual(r.Options, map[string]string{"lanplus": "1"}) || r.Password != "x" {
		t.Fatalf("request %+v", r)
	}
}

func TestPMTabRenders(t *testing.T) {
	s := newPMState()
	s.put(-1, agentNamed("2001:db8:20::13", "ipmilan"), "p")
	html := app.HTMLString(pmTabView{st: &s, onChange: func(app.Context) {}, onAdd: func(app.Context) {},
		onEdit: func(app.Context, int) {}, onRemove: func(app.Context, int) {}}.Render())
	for _, w := range []string{"Enable Power Management", "Kdump integration", "Agents by Sequential Order", "Add Fence Agent",
		"ipmilan : ", "2001:db8:20::13", "Move ipmilan : 2001:db8:20::13 up", "scope-documentation"} {
		if !strings.Contains(html, w) {
			t.Errorf("PM tab lacks %q", w)
		}
	}
	// Power management is off: everything below the checkbox is disabled.
	if !strings.Contains(html, `id="pm-add-agent" disabled`) && !uitest.Has(html, `re:<button[^>]*id="pm-add-agent"[^>]*disabled|<button[^>]*disabled[^>]*id="pm-add-agent"`) {
		t.Errorf("Add Fence Agent is enabled while power management is off:\n%s", html)
	}
}
