package components

import (
	"reflect"
	"strings"
	"testing"
	"v6admin/components/form"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

func mountedAgentDialog(t *testing.T, d *FenceAgentDialog) *FenceAgentDialog {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(d); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return d
}

func TestFenceAgentFieldsFollowTheType(t *testing.T) {
	tests := []struct {
		typ     string
		want    []string
		notWant []string
	}{
		{"ipmilan", []string{`id="agent-port"`}, []string{`id="agent-slot"`, `id="agent-secure"`, `id="agent-encrypt"`}},
		{"apc", []string{`id="agent-port"`, `id="agent-slot"`, `id="agent-secure"`, ">Slot<"}, []string{`id="agent-encrypt"`}},
		{"apc_snmp", []string{`id="agent-port"`, `id="agent-encrypt"`, ">Encrypt options<"}, []string{`id="agent-slot"`}},
		{"cisco_ucs", []string{">Service Profile<", `id="agent-secure"`}, []string{`id="agent-port"`}},
	}
	for _, tt := range tests {
		d := mountedAgentDialog(t, &FenceAgentDialog{IsNew: true})
		d.typ = tt.typ
		html := app.HTMLString(d.Render())
		uitest.CheckHTML(t, tt.typ, html, append(tt.want, ">Address<", ">User Name<", ">Password<", ">Type<", ">Options<", `id="agent-test"`), tt.notWant)
	}
}

func TestFenceAgentValue(t *testing.T) {
	d := mountedAgentDialog(t, &FenceAgentDialog{IsNew: true})
	d.address.SetValue("[2001:DB8:20::0013]")
	d.user.SetValue("admin")
	d.pass.SetValue("secret")
	d.typ = "apc"
	d.port.SetValue("23")
	d.slot.SetValue("4")
	d.secure = true
	d.options.SetValue("power_wait=4")
	if !d.validate() {
		t.Fatalf("a good agent was refused: %s", d.firstInvalid())
	}
	a := d.value()
	want := wire.Agent{Address: wire.Addr{Address: "2001:db8:20::13", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}, Type: "apc", Username: "admin", Port: 23,
		Options: map[string]string{"slot": "4", "secure": "true", "power_wait": "4"}}
	if !reflect.DeepEqual(a, want) {
		t.Fatalf("agent\n%+v\nwant\n%+v", a, want)
	}
	// A type without a slot drops it.
	d.typ = "ipmilan"
	if a := d.value(); a.Options["slot"] != "" || a.Options["secure"] != "" || a.Port != 23 {
		t.Fatalf("ipmilan agent %+v", a)
	}
}

func TestFenceAgentRefusals(t *testing.T) {
	d := mountedAgentDialog(t, &FenceAgentDialog{IsNew: true, Others: []wire.Agent{{Address: wire.Addr{Address: "2001:db8:20::13"}, Type: "ipmilan"}}})
	d.address.SetValue("2001:db8::1%eth0")
	d.pass.SetValue(strings.Repeat("x", 51))
	d.options.SetValue("lanplus")
	if d.validate() {
		t.Fatal("bad values passed")
	}
	for _, f := range []*form.Field{&d.address, &d.user, &d.pass, &d.options} {
		if !f.Invalid() {
			t.Errorf("%s shows no error", f.ID)
		}
	}
	if d.firstInvalid() != "agent-address" {
		t.Errorf("first invalid %q", d.firstInvalid())
	}
	d.address.SetValue("2001:DB8:20:0::13")
	d.user.SetValue("admin")
	d.pass.SetValue("ok")
	d.options.SetValue("lanplus=1")
	if d.validate() || d.dupErr != "Duplicate fence agent found." || d.address.ServerError() != "Duplicate fence agent found." {
		t.Fatalf("duplicate not found: %q", d.dupErr)
	}
	html := app.HTMLString(d.Render())
	uitest.CheckHTML(t, "duplicate", html, []string{`id="agent-duplicate"`, `id="agent-address-error"`, "Duplicate fence agent found."}, nil)
}

func TestFenceAgentTestAvailability(t *testing.T) {
	saved := wire.Agent{ID: "a1", Address: wire.Addr{Address: "2001:db8:20::12", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}, Type: "ipmilan", Username: "admin", Port: 623,
		Order: 2, Options: map[string]string{"lanplus": "1", "port": "623"}}
	tests := []struct {
		name string
		d    FenceAgentDialog
		edit func(d *FenceAgentDialog)
		note string
	}{
		{"new host", FenceAgentDialog{IsNew: true}, nil, "Save the host first: the engine tests agents of existing hosts."},
		{"new agent on a saved host", FenceAgentDialog{IsNew: true, HostID: "h"}, nil, "Save the host first"},
		{"saved agent", FenceAgentDialog{Agent: saved, HostID: "h", Saved: true}, nil, ""},
		{"saved agent, changed", FenceAgentDialog{Agent: saved, HostID: "h", Saved: true}, func(d *FenceAgentDialog) { d.port.SetValue("624") }, "save your changes first"},
		{"saved agent, same address spelled otherwise", FenceAgentDialog{Agent: saved, HostID: "h", Saved: true}, func(d *FenceAgentDialog) { d.address.SetValue("[2001:DB8:20::12]") }, ""},
	}
	for _, tt := range tests {
		d := tt.d
		mountedAgentDialog(t, &d)
		if tt.edit != nil {
			tt.edit(&d)
		}
		note := d.testNote()
		if (tt.note == "") != (note == "") || !strings.Contains(note, tt.note) {
			t.Errorf("%s: note %q, want %q", tt.name, note, tt.note)
		}
	}
}

func TestFenceTestResult(t *testing.T) {
	d := mountedAgentDialog(t, &FenceAgentDialog{})
	d.test = &wire.FenceTest{OK: true, PowerState: "on", Message: "Test successful: power on"}
	uitest.CheckHTML(t, "ok", app.HTMLString(d.renderTestResult()), []string{"Test successful: power on", "pf-m-success"}, nil)
	d.test = &wire.FenceTest{OK: false, Message: "Test failed: Failed to get power status: fence agent(s) ipmilan at 2001:db8::9 did not respond."}
	uitest.CheckHTML(t, "failed", app.HTMLString(d.renderTestResult()), []string{"Test failed: Failed to get power status", "pf-m-danger"}, []string{"Test failed: Test failed"})
	// The host's agents were tested, not this one alone: info, not success.
	d.test = &wire.FenceTest{OK: true, PowerState: "on", Tested: "host", Message: "The engine tested host h's 2 agents in order: power on. It cannot test one agent alone, so the answer may come from another agent."}
	uitest.CheckHTML(t, "host", app.HTMLString(d.renderTestResult()), []string{"The engine tested host h", "pf-m-info"}, []string{"pf-m-success", "Test failed"})
}

// TestFenceAgentTypeRule: the dialog refuses a type the engine does not
// support with validation.FenceAgentType, the rule the BFF's
// "fenceagenttype" tag runs.
func TestFenceAgentTypeRule(t *testing.T) {
	for _, tt := range []struct {
		typ string
		ok  bool
	}{{"telnet", false}, {"IPMILAN", false}, {"redfish", true}} {
		d := &FenceAgentDialog{IsNew: true, Agent: wire.Agent{Type: tt.typ, Username: "admin", Address: wire.Addr{Address: "2001:db8::50"}}}
		d.init()
		d.pass.SetValue("p")
		d.validate()
		if (d.typeErr == "") != tt.ok || !tt.ok && d.typeErr != validation.MsgFenceAgentType {
			t.Errorf("%s: type error %q", tt.typ, d.typeErr)
		}
	}
}
