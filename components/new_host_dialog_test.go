package components

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"v6admin/components/client"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
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
	d.setClusters([]wire.Cluster{{ID: "c2", Name: "B", DataCenter: &wire.Ref{ID: "d", Name: "Z"}}, {ID: "c1", Name: "A", DataCenter: &wire.Ref{ID: "d", Name: "Default"}}})
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
	if d.password.Problem() == nil || d.password.Problem().Message != validation.MsgEmpty {
		t.Fatalf("the password is required: %+v", d.password.Problem())
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
	// The address travels parsed (validation.Host): in the engine's text,
	// RFC 5952 without brackets.
	want := `{"name":"h1","address":"2001:db8::a3","cluster_id":"c1","auth_method":"password","root_password":"secret","ssh_port":2222,"activate":true,"reboot":true,` +
		`"power_management":{"enabled":true,"kdump_detection":true},"fence_agents":[{"address":"2001:db8:20::13","type":"ipmilan","username":"admin","password":"pw","order":1,"encrypt_options":false,"concurrent":false}]}`
	if string(b) != want {
		t.Fatalf("request\n%s\nwant\n%s", b, want)
	}
}

func TestPublicKeyAuth(t *testing.T) {
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ovirt-engine"
	tests := []struct {
		name    string
		key     string
		err     error
		want    []string
		notWant []string
	}{
		{"key shown", key, nil, []string{`value="` + key + `"`, "readonly", "For allowing PK authentication, copy the following PK to host under /root/.ssh/authorized_keys"}, []string{`id="host-password"`}},
		{"key unreadable", "", &client.APIError{Status: 502, Message: "The engine did not answer."},
			[]string{"The engine&#39;s SSH public key could not be read: The engine did not answer."}, []string{`id="host-password"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mountedHostDialog(t, &HostDialog{})
			d.setClusters([]wire.Cluster{{ID: "c1", Name: "Default"}})
			d.auth = "publickey"
			d.password.Reset()
			d.setPubKey(tt.key, tt.err)
			html := app.HTMLString(d.Render())
			uitest.CheckHTML(t, tt.name, html, tt.want, tt.notWant)
			d.name.SetValue("pk1")
			d.address.SetValue("2001:db8::5c")
			if !d.validate() {
				t.Fatal("a public key host needs no password")
			}
			b, _ := json.Marshal(d.addRequest())
			if !strings.Contains(string(b), `"auth_method":"publickey","root_password":""`) {
				t.Fatalf("request %s", b)
			}
		})
	}
	// Password stays the default and sends the password.
	d := mountedHostDialog(t, &HostDialog{})
	d.password.SetValue("pw")
	if r := d.addRequest(); r.AuthMethod != "password" || r.RootPassword != "pw" {
		t.Fatalf("password request %+v", r)
	}
}

func TestEditHostFromTheServer(t *testing.T) {
	var h wire.Host
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
	var env wire.ErrorEnvelope
	data, _ := os.ReadFile("testdata/error_validation.json")
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	d := mountedHostDialog(t, &HostDialog{})
	d.pm.put(-1, agentNamed("2001:db8:20::13", "ipmilan"), "pw")
	d.serverErrorsNoFocus(&client.APIError{Status: 400, Code: env.Code, Message: env.Message, Fields: env.Fields})
	if d.name.ServerError() == "" || d.address.ServerError() == "" || d.password.ServerError() == "" {
		t.Fatalf("field errors not shown: name %q address %q password %q", d.name.ServerError(), d.address.ServerError(), d.password.ServerError())
	}
	if !strings.HasPrefix(d.pm.agents[0].Err, "Address: ") && !strings.HasPrefix(d.pm.agents[0].Err, "Type: ") && !strings.HasPrefix(d.pm.agents[0].Err, "User Name: ") {
		t.Fatalf("agent error %q", d.pm.agents[0].Err)
	}
	if !d.generalHasError() || !d.pm.hasError() {
		t.Fatal("both tabs hold errors")
	}
}

func TestClusterOptionsGroupByDataCenter(t *testing.T) {
	tests := []struct {
		cluster wire.Cluster
		group   string
	}{
		{wire.Cluster{ID: "1", Name: "Default", DataCenter: &wire.Ref{ID: "2901c2ea", Name: "Default"}}, "Data Center: Default"},
		{wire.Cluster{ID: "2", Name: "Edge", DataCenter: &wire.Ref{ID: "2901c2ea"}}, "Data Center: 2901c2ea"}, // an engine without names
		{wire.Cluster{ID: "3", Name: "x"}, "Data Center: (none)"},
	}
	for _, tt := range tests {
		opts := clusterOptions([]wire.Cluster{tt.cluster})
		if len(opts) != 1 || opts[0].Group != tt.group || opts[0].Label != tt.cluster.Name || opts[0].Value != tt.cluster.ID {
			t.Errorf("%+v: option %+v, want group %q", tt.cluster, opts, tt.group)
		}
	}
	// The select renders one optgroup per data center, sorted.
	d := &HostDialog{}
	d.setClusters([]wire.Cluster{
		{ID: "b", Name: "Edge", DataCenter: &wire.Ref{ID: "dc2", Name: "Lab"}},
		{ID: "a", Name: "Default", DataCenter: &wire.Ref{ID: "dc1", Name: "Default"}},
	})
	if d.clusterID != "a" {
		t.Fatalf("default cluster %q, want the first of the first data center", d.clusterID)
	}
}

func TestEditHostSSHPortAndCluster(t *testing.T) {
	clusters := []wire.Cluster{
		{ID: "c1", Name: "Default", DataCenter: &wire.Ref{ID: "d1", Name: "Default"}},
		{ID: "c2", Name: "Edge", DataCenter: &wire.Ref{ID: "d2", Name: "Lab"}},
	}
	tests := []struct {
		name        string
		status      string
		pick        string // cluster picked ("" keeps it)
		sshPort     string
		editable    bool
		wantCluster string // "" for none in the request
		wantPort    int
	}{
		{"up host: cluster locked, port changes", "up", "", "2222", false, "", 2222},
		{"maintenance: cluster moves", "maintenance", "c2", "22", true, "c2", 22},
		{"maintenance: same cluster not sent", "maintenance", "c1", "22", true, "", 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mountedHostDialog(t, &HostDialog{HostID: "h1"})
			d.loading = false
			d.setClusters(clusters)
			d.setHost(&wire.Host{ID: "h1", Name: "h1", Status: tt.status, SSHPort: 2200, Cluster: &wire.Ref{ID: "c1"},
				Address: wire.Addr{Address: "2001:db8::1", Kind: validation.HostIPv6}})
			if d.sshPort.Value() != "2200" || d.sshPort.Disabled {
				t.Fatalf("SSH Port %q disabled %v: it is editable and shows the host's", d.sshPort.Value(), d.sshPort.Disabled)
			}
			if d.clusterEditable() != tt.editable {
				t.Fatalf("cluster editable %v", d.clusterEditable())
			}
			html := app.HTMLString(d.Render())
			if locked := strings.Contains(html, "Switch the host to Maintenance mode to change its cluster."); locked == tt.editable {
				t.Errorf("locked help shown %v", locked)
			}
			if tt.pick != "" {
				d.clusterID = tt.pick
			}
			d.sshPort.SetValue(tt.sshPort)
			r := d.editRequest()
			if r.SSHPort == nil || *r.SSHPort != tt.wantPort {
				t.Fatalf("ssh_port %v", r.SSHPort)
			}
			got := ""
			if r.ClusterID != nil {
				got = *r.ClusterID
			}
			if got != tt.wantCluster {
				t.Fatalf("cluster_id %q, want %q", got, tt.wantCluster)
			}
		})
	}
}

func TestEditHostAddressOnlyAfterAFailedInstall(t *testing.T) {
	tests := []struct {
		status   string
		editable bool
	}{
		{"up", false}, {"maintenance", false}, {"non_responsive", false}, {"install_failed", true},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			h := wire.Host{ID: "h1", Name: "host9", Status: tt.status, Address: wire.Addr{Address: "2001:db8::77", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}}
			d := mountedHostDialog(t, &HostDialog{HostID: h.ID})
			d.loading = false
			d.setHost(&h)
			if d.address.Disabled == tt.editable {
				t.Fatalf("address disabled %v", d.address.Disabled)
			}
			d.address.SetValue("2001:db8::78")
			r := d.editRequest()
			if (r.Address != nil) != tt.editable || (tt.editable && r.Address.String() != "2001:db8::78") {
				t.Fatalf("edit request address %v", r.Address)
			}
			html := app.HTMLString(d.address.Render())
			if tt.editable {
				uitest.CheckHTML(t, tt.status, html, []string{"pf-v6-c-form__label-required"}, []string{"pf-m-disabled", "host-address-disabled"})
			} else {
				uitest.CheckHTML(t, tt.status, html, []string{"pf-m-disabled", `id="host-address-disabled"`, "after a failed installation"},
					[]string{"pf-v6-c-form__label-required", "pf-m-success", "Valid IPv6 address", "required"})
			}
		})
	}
}
