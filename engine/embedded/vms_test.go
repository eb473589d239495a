package embedded

import (
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

func withVMDelays(boot, migrate time.Duration) opt {
	return func(c *Config) { c.VMBootDelay, c.MigrationDelay = boot, migrate }
}

func (v *tenv) vmByName(name string) ovirt.Vm {
	v.t.Helper()
	var vs ovirt.Vms
	v.must(200, "GET", "/vms?search="+url.QueryEscape("name="+name), nil, &vs)
	if len(vs.Vm) != 1 {
		v.t.Fatalf("vm %s: found %d", name, len(vs.Vm))
	}
	return vs.Vm[0]
}

// guestIPs is every address the guest reports on the VM's NIC with MAC mac.
func (v *tenv) guestIPs(vmID string) (mac string, ips []ovirt.Ip) {
	v.t.Helper()
	var ns ovirt.Nics
	v.must(200, "GET", "/vms/"+vmID+"/nics?follow=reported_devices", nil, &ns)
	if len(ns.Nic) != 1 {
		v.t.Fatalf("%d NICs", len(ns.Nic))
	}
	n := ns.Nic[0]
	if n.ReportedDevices == nil {
		return n.Mac.Address, nil
	}
	for _, d := range n.ReportedDevices.ReportedDevice {
		if d.Mac.Address == n.Mac.Address && d.Ips != nil {
			ips = append(ips, d.Ips.Ip...)
		}
	}
	return n.Mac.Address, ips
}

func slaacOf(t *testing.T, prefix, mac string) string {
	t.Helper()
	hw, err := net.ParseMAC(mac)
	if err != nil {
		t.Fatal(err)
	}
	a, err := netsim.SLAAC(netip.MustParsePrefix(prefix), hw)
	if err != nil {
		t.Fatal(err)
	}
	return a.String()
}

// TestSeedVMs: web0 runs on host0 with its console on the IPv6-only
// display network (IPv6, as vdsm reports it without IPv4) and reports its
// cloud-init static IPv6 address; db0 reports a DHCPv4 lease and SLAAC on
// the dual-stack ovirtmgmt; build0 is down with neither host nor display
// address; each address carries its version, the link-local one its zone.
func TestSeedVMs(t *testing.T) {
	v := newEnv(t)
	h0 := v.hostByName("host0")
	web, db, build := v.vmByName("web0"), v.vmByName("db0"), v.vmByName("build0")
	if web.Status != ovirt.VmStatusUp || web.Host.ID != h0.ID || web.Display.Type != ovirt.DisplayTypeSpice ||
		web.Display.Address != "2001:db8:100::11" || web.Display.Port.Value() != 5900 || web.Display.SecurePort.Value() != 5901 {
		t.Errorf("web0 = %+v %+v", web, web.Display)
	}
	if db.Display.Type != ovirt.DisplayTypeVnc || db.Display.Port.Value() != 5902 || db.Display.SecurePort != nil {
		t.Errorf("db0 display = %+v", db.Display)
	}
	if build.Status != ovirt.VmStatusDown || build.Host != nil || build.Display.Address != "" || build.Display.Port != nil {
		t.Errorf("build0 = %+v", build)
	}
	mac, ips := v.guestIPs(web.ID)
	ll := slaacOf(t, "fe80::/64", mac) + "%eth0"
	if want := []ovirt.Ip{{Address: "2001:db8:100::5", Version: ovirt.IpVersionV6}, {Address: ll, Version: ovirt.IpVersionV6}}; !slices.Equal(ips, want) {
		t.Errorf("web0 guest = %+v, want %+v", ips, want)
	}
	mac, ips = v.guestIPs(db.ID)
	if len(ips) != 3 || ips[0].Version != ovirt.IpVersionV4 || !strings.HasPrefix(ips[0].Address, "192.0.2.1") ||
		ips[1] != (ovirt.Ip{Address: slaacOf(t, "2001:db8:10::/64", mac), Version: ovirt.IpVersionV6}) || !strings.HasSuffix(ips[2].Address, "%eth0") {
		t.Errorf("db0 guest = %+v", ips)
	}
	var ss ovirt.Sessions
	v.must(200, "GET", "/vms/"+web.ID+"/sessions", nil, &ss)
	if len(ss.Session) != 2 || ss.Session[0].Ip.Address != "2001:db8:20::77" || !ss.Session[0].ConsoleUser.Value() || ss.Session[1].User.UserName != "cloud-user" {
		t.Errorf("sessions = %+v", ss.Session)
	}
	var gcs ovirt.GraphicsConsoles
	v.must(200, "GET", "/vms/"+web.ID+"/graphicsconsoles", nil, &gcs)
	if len(gcs.GraphicsConsole) != 1 || gcs.GraphicsConsole[0].ID != "7370696365" || gcs.GraphicsConsole[0].Address != "2001:db8:100::11" {
		t.Fatalf("consoles = %+v", gcs)
	}
	var act ovirt.Action
	v.must(200, "POST", "/vms/"+web.ID+"/graphicsconsoles/7370696365/remoteviewerconnectionfile", "{}", &act)
	if !strings.Contains(act.RemoteViewerConnectionFile, "\nhost=2001:db8:100::11\nport=5900\n") || !strings.Contains(act.RemoteViewerConnectionFile, "tls-port=5901\n") {
		t.Errorf("vv = %q", act.RemoteViewerConnectionFile)
	}
	if resp, b := v.do("POST", "/vms/"+build.ID+"/graphicsconsoles/7370696365/remoteviewerconnectionfile", "{}"); resp.StatusCode != 204 || len(b) != 0 {
		t.Errorf("down VM's .vv: %d %s", resp.StatusCode, b)
	}
}

func TestVMSearch(t *testing.T) {
	v := newEnv(t)
	tests := []struct{ search, want string }{
		{"name=web0", "web0"},
		{"name=*0", "build0 db0 web0"},
		{"status=up", "db0 web0"},
		{"status=down", "build0"},
		{"host=host0", "db0 web0"},
		{"name=nothing", ""},
	}
	for _, tt := range tests {
		var vs ovirt.Vms
		v.must(200, "GET", "/vms?search="+url.QueryEscape(tt.search), nil, &vs)
		var names []string
		for _, vm := range vs.Vm {
			names = append(names, vm.Name)
		}
		if got := strings.Join(names, " "); got != tt.want {
			t.Errorf("search %q = %q, want %q", tt.search, got, tt.want)
		}
	}
}

// TestStartVMCloudInit: a run once with cloud-init static IPv6 boots the
// guest with that address (powering_up, then up with events 150 and 153
// and the job finished); the real engine's refusals leave the VM down; ENI
// drops the IPv6 settings, so the guest has only what the kernel's SLAAC
// gives it.
func TestStartVMCloudInit(t *testing.T) {
	v := newEnv(t, withVMDelays(20*time.Millisecond, 20*time.Millisecond))
	build := v.vmByName("build0")
	runOnce := func(proto, v6proto, v6addr string) string {
		s := `{"use_cloud_init":"true","vm":{"initialization":{"cloud_init_network_protocol":"` + proto + `","nic_configurations":{"nic_configuration":[` +
			`{"name":"eth0","on_boot":"true","boot_protocol":"none","ipv6_boot_protocol":"` + v6proto + `"`
		if v6addr != "" {
			s += `,"ipv6":{"address":"` + v6addr + `","netmask":"64","gateway":"2001:db8:10::1"}`
		}
		return s + `}]}}}}`
	}
	refusals := []struct{ name, body, detail string }{
		{"autoconf", runOnce("openstack_metadata", "autoconf", ""), "[Cannot run VM. Option 'autoconf' in cloud-init configuration is not supported.]"},
		{"poly", runOnce("openstack_metadata", "poly_dhcp_autoconf", ""), "[Cannot run VM. Option 'autoconf' in cloud-init configuration is not supported.]"},
		{"static without address", runOnce("openstack_metadata", "static", ""), "[Cannot run VM. Static IPv6 address is missing in cloud-init configuration.]"},
	}
	for _, tt := range refusals {
		var a ovirt.Action
		v.must(400, "POST", "/vms/"+build.ID+"/start", tt.body, &a)
		if a.Status != ovirt.ActionStatusFailed || a.Fault == nil || a.Fault.Detail != tt.detail {
			t.Errorf("%s: %+v %+v", tt.name, a, a.Fault)
		}
		if vm := v.vmByName("build0"); vm.Status != ovirt.VmStatusDown {
			t.Errorf("%s: the refused start left the VM %s", tt.name, vm.Status)
		}
	}
	v.fault(400, "Invalid value", "For input string: \"x\"", "POST", "/vms/"+build.ID+"/start",
		`{"vm":{"initialization":{"nic_configurations":{"nic_configuration":[{"name":"eth0","ipv6":{"netmask":"x"}}]}}}}`)

	var a ovirt.Action
	v.must(200, "POST", "/vms/"+build.ID+"/start", runOnce("openstack_metadata", "static", "2001:db8:10::77"), &a)
	if a.Status != ovirt.ActionStatusComplete || a.Job == nil || a.Vm.ID != build.ID {
		t.Fatalf("start = %+v", a)
	}
	if vm := v.vmByName("build0"); vm.Status != ovirt.VmStatusPoweringUp && vm.Status != ovirt.VmStatusUp {
		t.Errorf("after start: %s", vm.Status)
	}
	v.must(409, "POST", "/vms/"+build.ID+"/start", "{}", nil)
	eventually(t, 5*time.Second, func() bool { return v.vmByName("build0").Status == ovirt.VmStatusUp })
	var job ovirt.Job
	v.must(200, "GET", "/jobs/"+a.Job.ID, nil, &job)
	if job.Status != ovirt.JobStatusFinished {
		t.Errorf("job = %+v", job)
	}
	_, ips := v.guestIPs(build.ID)
	if len(ips) != 2 || ips[0].Address != "2001:db8:10::77" {
		t.Errorf("static guest = %+v", ips)
	}
	codes := v.eventCodes()
	if !slices.Contains(codes, 150) || !slices.Contains(codes, 153) {
		t.Errorf("events %v lack 150/153", codes)
	}

	// DHCPv6: a lease from ovirtmgmt's pool (2001:db8:10::1000-1fff).
	v.must(200, "POST", "/vms/"+build.ID+"/stop", "{}", nil)
	v.must(200, "POST", "/vms/"+build.ID+"/start", runOnce("openstack_metadata", "dhcp", ""), nil)
	eventually(t, 5*time.Second, func() bool { return v.vmByName("build0").Status == ovirt.VmStatusUp })
	_, ips = v.guestIPs(build.ID)
	if lease, err := netip.ParseAddr(ips[0].Address); len(ips) != 2 || err != nil ||
		lease.Compare(netip.MustParseAddr("2001:db8:10::1000")) < 0 || lease.Compare(netip.MustParseAddr("2001:db8:10::1fff")) > 0 {
		t.Errorf("DHCPv6 guest = %+v", ips)
	}

	// ENI: the same static IPv6 is dropped; the guest autoconfigures.
	v.must(200, "POST", "/vms/"+build.ID+"/stop", "{}", nil)
	v.must(200, "POST", "/vms/"+build.ID+"/start", runOnce("eni", "static", "2001:db8:10::77"), nil)
	eventually(t, 5*time.Second, func() bool { return v.vmByName("build0").Status == ovirt.VmStatusUp })
	mac, ips := v.guestIPs(build.ID)
	if len(ips) != 2 || ips[0].Address != slaacOf(t, "2001:db8:10::/64", mac) {
		t.Errorf("ENI guest = %+v, want SLAAC only", ips)
	}
}

func (v *tenv) eventCodes() []int64 {
	v.t.Helper()
	var es ovirt.Events
	v.must(200, "GET", "/events", nil, &es)
	var out []int64
	for _, e := range es.Event {
		out = append(out, e.Code.Value())
	}
	return out
}

// TestMigrateVM: web0 migrates from host0 to host1 over the IPv6-only
// display (and migration) network: MigrateVmCommand's address is host1's
// IPv6 address there; the VM is migrating, then up on host1 with its
// console at host1's display address, events 62 and 63.
func TestMigrateVM(t *testing.T) {
	v := newEnv(t, withVMDelays(20*time.Millisecond, 50*time.Millisecond))
	web := v.vmByName("web0")
	h0, h1 := v.hostByName("host0"), v.hostByName("host1")
	v.fault(409, "Operation Failed", "[Cannot migrate VM. source and destination is the same.]", "POST", "/vms/"+web.ID+"/migrate", `{"host":{"id":"`+h0.ID+`"}}`)
	v.fault(409, "Operation Failed", "[Cannot migrate VM. VM is not running.]", "POST", "/vms/"+v.vmByName("build0").ID+"/migrate", `{}`)

	var a ovirt.Action
	v.must(200, "POST", "/vms/"+web.ID+"/migrate", `{"host":{"id":"`+h1.ID+`"}}`, &a)
	if a.Status != ovirt.ActionStatusComplete || a.Host.ID != h1.ID || a.Job == nil {
		t.Fatalf("migrate = %+v", a)
	}
	if vm := v.vmByName("web0"); vm.Status != ovirt.VmStatusMigrating && vm.Status != ovirt.VmStatusUp {
		t.Errorf("during migration: %s", vm.Status)
	}
	eventually(t, 5*time.Second, func() bool { vm := v.vmByName("web0"); return vm.Status == ovirt.VmStatusUp && vm.Host.ID == h1.ID })
	h1v6 := v.nics(h1.ID)["eth1.100"].Ipv6.Address // host1's SLAAC address on the display network
	if vm := v.vmByName("web0"); h1v6 == "" || vm.Display.Address != h1v6 {
		t.Errorf("console after migration = %+v, host1 display %q", vm.Display, h1v6)
	}
	err := v.e.st.View(t.Context(), func(tx *store.Tx) error {
		d, err := getJSON[vmDoc](tx, kindVM, web.ID)
		if err == nil && (d.LastMigration == nil || d.LastMigration.Family != "v6" || d.LastMigration.Address != h1v6) {
			t.Errorf("migration address = %+v, want %s (v6)", d.LastMigration, h1v6)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	codes := v.eventCodes()
	if !slices.Contains(codes, 62) || !slices.Contains(codes, 63) {
		t.Errorf("events %v lack 62/63", codes)
	}
	// back automatically: host0 is the only other host with the display network
	v.must(200, "POST", "/vms/"+web.ID+"/migrate", `{}`, nil)
	v.fault(409, "Operation Failed", "[Cannot migrate VM. VM is being migrated.]", "POST", "/vms/"+web.ID+"/migrate", `{}`)
	eventually(t, 5*time.Second, func() bool { vm := v.vmByName("web0"); return vm.Status == ovirt.VmStatusUp && vm.Host.ID == h0.ID })
}

// TestVMStopShutdownAddRemove: stop and shutdown (events 33, 73 and 61),
// refusals on a VM in the wrong state, add with the REST layer's mandatory
// members and a unique name, remove of a running VM refused.
func TestVMStopShutdownAddRemove(t *testing.T) {
	v := newEnv(t)
	web, db := v.vmByName("web0"), v.vmByName("db0")
	v.must(200, "POST", "/vms/"+web.ID+"/stop", `{"reason":"maintenance"}`, nil)
	v.must(200, "POST", "/vms/"+db.ID+"/shutdown", `{}`, nil)
	v.fault(409, "Operation Failed", "[Cannot stop VM. VM is not running.]", "POST", "/vms/"+web.ID+"/stop", `{}`)
	v.fault(409, "Operation Failed", "[Cannot shutdown VM. VM is not running.]", "POST", "/vms/"+db.ID+"/shutdown", `{}`)
	if vm := v.vmByName("web0"); vm.Status != ovirt.VmStatusDown || vm.Host != nil || vm.StopTime == nil {
		t.Errorf("stopped web0 = %+v", vm)
	}
	if _, ips := v.guestIPs(db.ID); ips != nil {
		t.Errorf("a down guest reports %+v", ips)
	}
	var es ovirt.Events
	v.must(200, "GET", "/events", nil, &es)
	var descs []string
	for _, e := range es.Event {
		if e.Vm != nil {
			descs = append(descs, e.Description)
		}
	}
	for _, want := range []string{
		"VM web0 powered off by admin@internal-authz (Host: host0) (Reason: maintenance).",
		"VM shutdown initiated by admin@internal-authz on VM db0 (Host: host0).",
		"VM db0 is down. Exit message: User shut down from within the guest",
	} {
		if !slices.Contains(descs, want) {
			t.Errorf("no event %q in %q", want, descs)
		}
	}

	cl := web.Cluster.ID
	tmpl := `"template":{"name":"Blank"}`
	v.fault(400, "Incomplete parameters", "Vm [cluster.id|name] required for add", "POST", "/vms", `{"name":"x",`+tmpl+`}`)
	v.fault(400, "Incomplete parameters", "Vm [name] required for add", "POST", "/vms", `{"cluster":{"id":"`+cl+`"},`+tmpl+`}`)
	v.fault(400, "Incomplete parameters", "Vm [template.id|name] required for add", "POST", "/vms", `{"name":"x","cluster":{"id":"`+cl+`"}}`)
	v.fault(409, "Operation Failed", "[Cannot add VM. The VM name is already in use, please choose a unique name and try again.]", "POST", "/vms", `{"name":"web0","cluster":{"id":"`+cl+`"},`+tmpl+`}`)
	var added ovirt.Vm
	v.must(201, "POST", "/vms", `{"name":"new0","cluster":{"id":"`+cl+`"},`+tmpl+`,"display":{"type":"vnc"}}`, &added)
	if added.Status != ovirt.VmStatusDown || added.Display.Type != ovirt.DisplayTypeVnc {
		t.Errorf("added %+v", added)
	}
	v.must(200, "POST", "/vms/"+added.ID+"/start", `{}`, nil)
	v.fault(409, "Operation Failed", "[Cannot remove VM. VM is running.]", "DELETE", "/vms/"+added.ID, nil)
	v.must(200, "POST", "/vms/"+added.ID+"/stop", `{}`, nil)
	v.must(200, "DELETE", "/vms/"+added.ID, nil, nil)
	v.must(404, "GET", "/vms/"+added.ID, nil, nil)
}

// TestDisplayAddress is vdsm's rule (BZ 1403674): IPv4 when the display
// network has one, IPv6 only without.
func TestDisplayAddress(t *testing.T) {
	tests := []struct {
		name string
		rep  netplan.Reported
		want string
	}{
		{"IPv6 only", netplan.Reported{V6Addrs: []string{"2001:db8:100::11/64"}}, "2001:db8:100::11"},
		{"dual-stack", netplan.Reported{V4Addr: "192.0.2.11", V6Addrs: []string{"2001:db8:100::11/64"}}, "192.0.2.11"},
		{"IPv4 only", netplan.Reported{V4Addr: "192.0.2.11"}, "192.0.2.11"},
		{"none", netplan.Reported{}, ""},
	}
	for _, tt := range tests {
		if got := displayAddress(tt.rep); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestMigrationAddress is MigrateVmCommand.getLiteralMigrationNetworkIp:
// IPv4 first when both ends have one, IPv6 only without, the host's
// address ("") when the ends share no family.
func TestMigrationAddress(t *testing.T) {
	dual := &netplan.Reported{V4Addr: "192.0.2.12", V6Addrs: []string{"2001:db8:100::12/64"}}
	v6 := &netplan.Reported{V6Addrs: []string{"2001:db8:100::13/64", "2001:db8:100::1000/128"}}
	v4 := &netplan.Reported{V4Addr: "192.0.2.14"}
	tests := []struct {
		name         string
		src, dst     *netplan.Reported
		addr, family string
	}{
		{"dual-stack to dual-stack: IPv4", dual, dual, "192.0.2.12", "v4"},
		{"IPv6-only destination", dual, v6, "2001:db8:100::13", "v6"},
		{"IPv6-only source", v6, dual, "2001:db8:100::12", "v6"},
		{"no common family", v4, v6, "", ""},
		{"destination without the network", dual, nil, "", ""},
	}
	for _, tt := range tests {
		addr, family := migrationAddress(tt.src, tt.dst)
		if addr != tt.addr || family != tt.family {
			t.Errorf("%s: %q %q, want %q %q", tt.name, addr, family, tt.addr, tt.family)
		}
	}
}

// TestVMsSurviveRestart: a migration interrupted by a restart finishes
// after it.
func TestVMsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir, withVMDelays(10*time.Millisecond, 300*time.Millisecond))
	web := v.vmByName("web0")
	h1 := v.hostByName("host1")
	v.must(200, "POST", "/vms/"+web.ID+"/migrate", `{"host":{"id":"`+h1.ID+`"}}`, nil)
	v.close()
	v = openEnv(t, dir, withVMDelays(10*time.Millisecond, 300*time.Millisecond))
	eventually(t, 5*time.Second, func() bool { vm := v.vmByName("web0"); return vm.Status == ovirt.VmStatusUp && vm.Host.ID == h1.ID })
}

// TestUpdateVMInitialRun: PUT /vms/{id} stores the initialization
// (InitializationMapper's merge: what is sent replaces, the rest stays),
// refused by CloudInitHandler.validate's rules as UpdateVm words them;
// GET /vms/{id} shows it; the first plain start hands it to the guest
// (RunVmCommand.updateVmInit: the VM is not initialized yet) and marks
// the VM initialized, so a later change waits for a Run Once.
func TestUpdateVMInitialRun(t *testing.T) {
	v := newEnv(t, withVMDelays(20*time.Millisecond, 20*time.Millisecond))
	build := v.vmByName("build0")
	initWith := func(v6proto, v6addr string) string {
		s := `{"initialization":{"cloud_init_network_protocol":"openstack_metadata","dns_servers":"2001:db8::53","nic_configurations":{"nic_configuration":[` +
			`{"name":"eth0","on_boot":"true","boot_protocol":"none","ipv6_boot_protocol":"` + v6proto + `"`
		if v6addr != "" {
			s += `,"ipv6":{"address":"` + v6addr + `","netmask":"64","gateway":"2001:db8:10::1"}`
		}
		return s + `}]}}}`
	}
	for _, tt := range []struct{ proto, detail string }{
		{"autoconf", "[Cannot edit VM. Option 'autoconf' in cloud-init configuration is not supported.]"},
		{"static", "[Cannot edit VM. Static IPv6 address is missing in cloud-init configuration.]"},
	} {
		v.fault(409, "Operation Failed", tt.detail, "PUT", "/vms/"+build.ID, initWith(tt.proto, ""))
	}
	var got ovirt.Vm
	v.must(200, "GET", "/vms/"+build.ID, nil, &got)
	if got.Initialization != nil {
		t.Fatalf("a refused edit stored %+v", got.Initialization)
	}
	v.must(200, "PUT", "/vms/"+build.ID, initWith("static", "2001:db8:10::88"), &got)
	v.must(200, "GET", "/vms/"+build.ID, nil, &got)
	in := got.Initialization
	if in == nil || in.DnsServers != "2001:db8::53" || len(in.NicConfigurations.NicConfiguration) != 1 {
		t.Fatalf("stored %+v", in)
	}
	if nc := in.NicConfigurations.NicConfiguration[0]; nc.Ipv6.Address != "2001:db8:10::88" || nc.Ip == nil || nc.Ipv6BootProtocol != ovirt.BootProtocolStatic {
		t.Errorf("stored NIC %+v", nc)
	}
	if !slices.Contains(v.eventCodes(), 35) {
		t.Error("no event 35 (USER_UPDATE_VM)")
	}
	// The merge: nic_configurations replaced, dns_servers kept.
	got = ovirt.Vm{}
	v.must(200, "PUT", "/vms/"+build.ID, `{"initialization":{"nic_configurations":{"nic_configuration":[{"name":"eth0","on_boot":"true","ipv6_boot_protocol":"static","ipv6":{"address":"2001:db8:10::88","netmask":"64"}}]}}}`, &got)
	if got.Initialization.DnsServers != "2001:db8::53" || got.Initialization.NicConfigurations.NicConfiguration[0].Ipv6.Gateway != "" {
		t.Errorf("merged %+v", got.Initialization)
	}

	// The first plain start applies it.
	v.must(200, "POST", "/vms/"+build.ID+"/start", "{}", nil)
	eventually(t, 5*time.Second, func() bool { return v.vmByName("build0").Status == ovirt.VmStatusUp })
	if _, ips := v.guestIPs(build.ID); len(ips) != 2 || ips[0].Address != "2001:db8:10::88" {
		t.Fatalf("first run guest = %+v", ips)
	}
	// Initialized now: a changed Initial Run is not applied by a plain
	// start; the guest keeps what cloud-init gave it.
	v.must(200, "POST", "/vms/"+build.ID+"/stop", "{}", nil)
	v.must(200, "PUT", "/vms/"+build.ID, initWith("static", "2001:db8:10::99"), nil)
	v.must(200, "POST", "/vms/"+build.ID+"/start", "{}", nil)
	eventually(t, 5*time.Second, func() bool { return v.vmByName("build0").Status == ovirt.VmStatusUp })
	if _, ips := v.guestIPs(build.ID); len(ips) != 2 || ips[0].Address != "2001:db8:10::88" {
		t.Errorf("second run guest = %+v, want the first run's address", ips)
	}
	// use_cloud_init applies the stored one again.
	v.must(200, "POST", "/vms/"+build.ID+"/stop", "{}", nil)
	v.must(200, "POST", "/vms/"+build.ID+"/start", `{"use_cloud_init":"true"}`, nil)
	eventually(t, 5*time.Second, func() bool { return v.vmByName("build0").Status == ovirt.VmStatusUp })
	if _, ips := v.guestIPs(build.ID); len(ips) != 2 || ips[0].Address != "2001:db8:10::99" {
		t.Errorf("use_cloud_init guest = %+v", ips)
	}
}
