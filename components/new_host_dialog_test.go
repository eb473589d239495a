package components

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

func mountedHostDialog(t *testing.T, d *HostDialog) *HostDialog {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(d); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return d
}

func TestNewHostDefaults(t *testing.T) {
	d := mountedHostDialog(t, &HostDialog{})
	if d.sshPort.Value() != "22" || !d.activate || !d.reboot || d.auth != "password" || d.pm.enabled || !d.pm.kdump || d.tab != "general" {
		t.Fatalf("defaults: ssh %q activate %v reboot %v auth %q pm %+v tab %q", d.sshPort.Value(), d.activate, d.reboot, d.auth, d.pm, d.tab)
	}
	html := app.HTMLString(d.Render())
	for _, label := range []string{"New Host", "Host Cluster", "Name", "Comment", "Hostname/IP", "SSH Port",
		"Activate host after install", "Reboot host after install", "User Name", "Password", "SSH Public Key",
		"Enable Power Management", "Kdump integration", "General", "Power Management"} {
		if !strings.Contains(html, ">"+label+"<") {
			t.Errorf("the dialog lacks the label %q", label)
		}
	}
	if !strings.Contains(html, `role="dialog"`) || !strings.Contains(html, `aria-labelledby="host-dialog-title"`) {
		t.Error("the dialog is not labelled")
	}
}

func TestNewHostValidation(t *testing.T) {
	d := mountedHostDialog(t, &HostDialog{})
	d.setClusters([]Cluster{{ID: "c2", Name: "B", DataCenter: &Ref{ID: "d", Name: "Z"}}, {ID: "c1", Name: "A", DataCenter: &Ref{ID: "d", Name: "Default"}}})
	if d.clusterID != "c1" {
		t.Fatalf("the first cluster (by data center, name) is the default, got %q", d.clusterID)
	}
	d.name.SetValue("my host")
	d.address.SetValue("[2001:db8::a3")
	d.sshPort.SetValue("0")
	if d.validate() {
		t.Fatal("invalid fields passed")
	}
	if !d.generalHasError() || d.pm.hasError() {
		t.Fatal("only the General tab holds errors")
	}
	if tab, id := d.firstError(); tab != "general" || id != "host-name" {
		t.Fatalf("first error %s/%s", tab, id)
	}
	if d.password.problem == nil || d.password.problem.Message != validation.MsgEmpty {
		t.Fatalf("the password is required: %+v", d.password.problem)
	}
	html := app.HTMLString(d.Render())
	for _, id := range []string{"host-name-error", "host-address-error", "host-ssh-port-error", "host-password-error"} {
		if !strings.Contains(html, `id="`+id+`"`) {
			t.Errorf("no %s", id)
		}
	}
	if !strings.Contains(html, "(has errors)") {
		t.Error("the General tab is not marked")
	}

	d.name.SetValue("h1")
	d.address.SetValue("[2001:DB8::A3]")
	d.sshPort.SetValue("2222")
	d.password.SetValue("secret")
	d.pm.enabled = true
	if d.validate() {
		t.Fatal("power management without an agent passed")
	}
	if tab, _ := d.firstError(); tab != "pm" {
		t.Fatalf("the error is on the Power Management tab, not %q", tab)
	}
	d.pm.put(-1, agentNamed("2001:db8:20::13", "ipmilan"), "pw")
	if !d.validate() {
		t.Fatal("a complete host was refused")
	}
	r := d.addRequest()
	b, _ := json.Marshal(r)
	want := `{"name":"h1","address":"[2001:DB8::A3]","cluster_id":"c1","root_password":"secret","ssh_port":2222,"activate":true,"reboot":true,` +
		`"power_management":{"enabled":true,"kdump_detection":true},"fence_agents":[{"address":"2001:db8:20::13","type":"ipmilan","username":"admin","password":"pw","order":1,"encrypt_options":false,"concurrent":false}]}`
	if string(b) != want {
		t.Fatalf("request\n%s\nwant\n%s", b, want)
	}
}

func TestPublicKeyAuthIsExplained(t *testing.T) {
	d := mountedHostDialog(t, &HostDialog{})
	d.auth = "publickey"
	d.validate()
	if d.authErr == "" {
		t.Fatal("SSH public key installs are not offered by the BFF: the dialog must say so")
	}
}

func TestEditHostFromTheServer(t *testing.T) {
	var h Host
	data, _ := os.ReadFile("testdata/host.json")
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	d := mountedHostDialog(t, &HostDialog{HostID: h.ID, Tab: "pm"})
	d.loading = false
	d.setHost(&h)
	if d.tab != "pm" || !d.address.Disabled || d.name.Value() != h.Name || len(d.pm.agents) != len(h.FenceAgents) {
		t.Fatalf("edit dialog: tab %q, address disabled %v, name %q, agents %d", d.tab, d.address.Disabled, d.name.Value(), len(d.pm.agents))
	}
	r := d.editRequest()
	if r.Address != nil || *r.Name != h.Name || r.PowerManagement == nil || !r.PowerManagement.Enabled {
		t.Fatalf("edit request %+v", r)
	}
	html := app.HTMLString(d.Render())
	if !strings.Contains(html, "Edit Host") || strings.Contains(html, "Activate host after install") {
		t.Error("Edit Host shows no install options")
	}
}

func TestServerErrorsLandOnTheirFields(t *testing.T) {
	var env ErrorEnvelope
	data, _ := os.ReadFile("testdata/error_validation.json")
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	d := mountedHostDialog(t, &HostDialog{})
	d.pm.put(-1, agentNamed("2001:db8:20::13", "ipmilan"), "pw")
	d.serverErrorsNoFocus(&APIError{Status: 400, Code: env.Code, Message: env.Message, Fields: env.Fields})
	if d.name.serverMsg == "" || d.address.serverMsg == "" || d.password.serverMsg == "" {
		t.Fatalf("field errors not shown: name %q address %q password %q", d.name.serverMsg, d.address.serverMsg, d.password.serverMsg)
	}
	if !strings.HasPrefix(d.pm.agents[0].Err, "Address: ") && !strings.HasPrefix(d.pm.agents[0].Err, "Type: ") && !strings.HasPrefix(d.pm.agents[0].Err, "User Name: ") {
		t.Fatalf("agent error %q", d.pm.agents[0].Err)
	}
	if !d.generalHasError() || !d.pm.hasError() {
		t.Fatal("both tabs hold errors")
	}
}

func TestClusterOptionsGroupByDataCenter(t *testing.T) {
	opts := clusterOptions([]Cluster{{ID: "1", Name: "Default", DataCenter: &Ref{ID: "2901c2ea"}}, {ID: "2", Name: "x"}})
	if opts[0].Group != "Data Center: 2901c2ea" || opts[1].Group != "Data Center: (none)" {
		t.Fatalf("groups %+v", opts)
	}
}
