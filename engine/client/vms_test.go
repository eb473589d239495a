package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
)

// vmFixtureCases are TestFixtures' cases for the VM calls: each decodes its
// fixture through the replay engine and checks the values v6admin uses.
func vmFixtureCases(ctx context.Context, s *Session) []struct {
	call  string
	check func(t *testing.T) error
} {
	const vm0 = fixtures.Vm0
	return []struct {
		call  string
		check func(t *testing.T) error
	}{
		{"GET /vms", func(t *testing.T) error {
			vs, err := s.ListVMs(ctx, ListOptions{Search: "status=up"})
			if err != nil {
				return err
			}
			if len(vs) != 3 {
				t.Fatalf("%d VMs", len(vs))
			}
			web, db, build := vs[0], vs[1], vs[2]
			if web.Name != "web0" || web.Status != ovirt.VmStatusUp || web.Host.ID != fixtures.Host0 || web.Host.Name != "" ||
				web.Display.Type != ovirt.DisplayTypeSpice || web.Display.Address != "2001:db8:100::11" ||
				web.Display.Port.Value() != 5900 || web.Display.SecurePort.Value() != 5901 || web.Cluster.ID != fixtures.ClusterDefault ||
				web.Memory.Value() != 4294967296 || web.StartTime.Millis() != 1765065300000 {
				t.Errorf("web0 = %+v display %+v", web, web.Display)
			}
			if db.Display.Type != ovirt.DisplayTypeVnc || db.Display.Address != "192.0.2.11" || db.Display.SecurePort != nil {
				t.Errorf("db0 display = %+v", db.Display)
			}
			if build.Status != ovirt.VmStatusDown || build.Host != nil || build.Display.Address != "" || build.Display.Port != nil {
				t.Errorf("build0 = %+v", build)
			}
			return nil
		}},
		{"GET /vms/" + vm0, func(t *testing.T) error {
			v, err := s.GetVM(ctx, vm0)
			if err != nil {
				return err
			}
			in := v.Initialization
			if in == nil || in.CloudInitNetworkProtocol != ovirt.CloudInitNetworkProtocolOpenstackMetadata ||
				in.DnsServers != "2001:db8::53" || in.DnsSearch != "lab.example.com" ||
				len(in.NicConfigurations.NicConfiguration) != 1 {
				t.Fatalf("initialization = %+v", in)
			}
			nc := in.NicConfigurations.NicConfiguration[0]
			if nc.Name != "eth0" || !nc.OnBoot.Value() || nc.BootProtocol != ovirt.BootProtocolNone || nc.Ip == nil || nc.Ip.Address != "" ||
				nc.Ipv6BootProtocol != ovirt.BootProtocolStatic || nc.Ipv6.Address != "2001:db8:100::5" || nc.Ipv6.Netmask != "64" ||
				nc.Ipv6.Gateway != "2001:db8:100::1" {
				t.Errorf("nic_configuration = %+v", nc)
			}
			if l, ok := v.Actions.Find("migrate"); !ok || l.Href != ovirt.Href("vms", vm0, "migrate") {
				t.Errorf("migrate link = %v %v", l, ok)
			}
			return nil
		}},
		{"PUT /vms/" + vm0, func(t *testing.T) error {
			var in ovirt.Vm
			if err := json.Unmarshal(fixtures.Read("request_vm_update.json"), &in); err != nil {
				t.Fatal(err)
			}
			v, err := s.UpdateVM(ctx, vm0, &in)
			if err != nil {
				return err
			}
			in0 := v.Initialization
			if in0 == nil || in0.NicConfigurations == nil || len(in0.NicConfigurations.NicConfiguration) != 1 ||
				in0.NicConfigurations.NicConfiguration[0].Ipv6.Address != "2001:db8:100::5" || in0.DnsServers != "2001:db8::53" {
				t.Errorf("updated initialization = %+v", in0)
			}
			return nil
		}},
		{"GET /vms/" + vm0 + "/nics?follow=reported_devices", func(t *testing.T) error {
			ns, err := s.ListVMNICs(ctx, vm0)
			if err != nil {
				return err
			}
			if len(ns) != 2 {
				t.Fatalf("%d NICs", len(ns))
			}
			n0, n1 := ns[0], ns[1]
			if n0.Name != "nic1" || n0.Mac.Address != "56:6f:1a:2b:00:01" || n0.VnicProfile.ID == "" || n0.Interface != ovirt.NicInterfaceVirtio ||
				!n0.Linked.Value() || !n0.Plugged.Value() {
				t.Errorf("nic1 = %+v", n0)
			}
			// Each NIC keeps only its own guest interface (the engine lists all).
			if len(n0.ReportedDevices.ReportedDevice) != 1 || len(n1.ReportedDevices.ReportedDevice) != 1 {
				t.Fatalf("reported devices %+v / %+v", n0.ReportedDevices, n1.ReportedDevices)
			}
			d0, d1 := n0.ReportedDevices.ReportedDevice[0], n1.ReportedDevices.ReportedDevice[0]
			if d0.Name != "eth0" || d0.Type != ovirt.ReportedDeviceTypeNetwork || len(d0.Ips.Ip) != 3 ||
				d0.Ips.Ip[0] != (ovirt.Ip{Address: "2001:db8:100::5", Version: ovirt.IpVersionV6}) ||
				d0.Ips.Ip[2].Address != "fe80::546f:1aff:fe2b:1%eth0" {
				t.Errorf("eth0 = %+v", d0)
			}
			if d1.Name != "eth1" || d1.Ips.Ip[0] != (ovirt.Ip{Address: "192.0.2.101", Version: ovirt.IpVersionV4}) {
				t.Errorf("eth1 = %+v", d1)
			}
			return nil
		}},
		{"GET /vnicprofiles?follow=network", func(t *testing.T) error {
			ps, err := s.ListVnicProfiles(ctx)
			if err != nil {
				return err
			}
			if len(ps) != 4 {
				t.Fatalf("%d profiles", len(ps))
			}
			// web0's nic1 uses the first (display's default profile, named as
			// its network), nic2 the second.
			p0, p3 := ps[0], ps[3]
			if p0.ID != "9c3a2e4d-7f5b-4c6d-8e9f-2a3b4c5d6e01" || p0.Name != "display" || p0.Network == nil ||
				p0.Network.Name != "display" || p0.Network.ID != "b8f5e0a2-4c1d-4e7f-9a3b-1d2c3e4f5a63" || p0.Network.Vlan.ID.Value() != 100 ||
				p0.PortMirroring.Value() || p0.PassThrough.Mode != ovirt.VnicPassThroughModeDisabled ||
				p0.NetworkFilter.ID != "d2370ab4-fee3-11e9-a310-8c1645ce738e" {
				t.Errorf("profile 0 = %+v network %+v", p0, p0.Network)
			}
			if ps[1].Name != "ovirtmgmt" || ps[1].Network.Name != "ovirtmgmt" || p3.Name != "vm-net-mirror" || p3.Network.Name != "vm-net" ||
				!p3.PortMirroring.Value() {
				t.Errorf("profiles = %+v", ps)
			}
			return nil
		}},
		{"GET /vms/" + vm0 + "/sessions", func(t *testing.T) error {
			ss, err := s.ListVMSessions(ctx, vm0)
			if err == nil && (len(ss) != 2 || !ss[0].ConsoleUser.Value() || ss[0].Ip.Address != "2001:db8:20::77" ||
				ss[0].User.UserName != "admin" || ss[0].User.Domain.Name != "internal" ||
				ss[1].ConsoleUser != nil || ss[1].User.UserName != "cloud-user" || ss[1].Ip != nil) {
				t.Errorf("sessions = %+v", ss)
			}
			return err
		}},
		{"GET /vms/" + vm0 + "/graphicsconsoles", func(t *testing.T) error {
			cs, err := s.ListGraphicsConsoles(ctx, vm0)
			if err == nil && (len(cs) != 1 || cs[0].ID != fixtures.ConsoleSpice || cs[0].Protocol != ovirt.GraphicsTypeSpice ||
				cs[0].Address != "2001:db8:100::11" || cs[0].Port.Value() != 5900 || cs[0].TlsPort.Value() != 5901) {
				t.Errorf("consoles = %+v", cs)
			}
			return err
		}},
		{"POST /vms/" + vm0 + "/graphicsconsoles/" + fixtures.ConsoleSpice + "/remoteviewerconnectionfile", func(t *testing.T) error {
			vv, err := s.RemoteViewerFile(ctx, vm0, fixtures.ConsoleSpice)
			if err == nil && (!strings.HasPrefix(vv, "[virt-viewer]\ntype=spice\nhost=2001:db8:100::11\nport=5900\n") ||
				!strings.Contains(vv, "tls-port=5901\n")) {
				t.Errorf("vv = %q", vv)
			}
			return err
		}},
		{"POST /vms/" + vm0 + "/start", func(t *testing.T) error {
			a, err := s.StartVM(ctx, vm0, StartVMOptions{UseCloudInit: true, Initialization: &ovirt.Initialization{
				NicConfigurations: &ovirt.NicConfigurations{NicConfiguration: []ovirt.NicConfiguration{{Name: "eth0", OnBoot: ovirt.NewBool(true),
					Ipv6BootProtocol: ovirt.BootProtocolStatic, Ipv6: &ovirt.Ip{Address: "2001:db8:100::5", Netmask: "64"}}}}}})
			if err == nil && (a.Status != ovirt.ActionStatusComplete || a.Job.ID != fixtures.Job || a.Vm.ID != vm0) {
				t.Errorf("start = %+v", a)
			}
			return err
		}},
		{"POST /vms/" + vm0 + "/stop", actionCheck(func() (*ovirt.Action, error) { return s.StopVM(ctx, vm0, "") })},
		{"POST /vms/" + vm0 + "/shutdown", actionCheck(func() (*ovirt.Action, error) { return s.ShutdownVM(ctx, vm0, "maintenance") })},
		{"POST /vms/" + vm0 + "/migrate", func(t *testing.T) error {
			a, err := s.MigrateVM(ctx, vm0, fixtures.Host1)
			if err == nil && (a.Status != ovirt.ActionStatusComplete || a.Host.ID != fixtures.Host1 || a.Job.ID != fixtures.Job) {
				t.Errorf("migrate = %+v", a)
			}
			return err
		}},
	}
}

// vmFaultCases are TestFixtureFaults' cases for the VM calls.
func vmFaultCases() []struct {
	file   string
	status int
	call   func(s *Session) error
	is     error
	detail string
} {
	return []struct {
		file   string
		status int
		call   func(s *Session) error
		is     error
		detail string
	}{
		{"vm_start_failed.json", 400, func(s *Session) error {
			_, err := s.StartVM(context.Background(), fixtures.Vm0, StartVMOptions{UseCloudInit: true})
			return err
		}, ErrBadRequest, "[Cannot run VM. Option 'autoconf' in cloud-init configuration is not supported.]"},
	}
}

// vmRecorder is a one-call engine for TestVMCallRequests: it answers
// reply and keeps the request.
type vmRecorder struct {
	mu                  sync.Mutex
	reply               string
	method, path, query string
	body                []byte
}

func (v *vmRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.method, v.path, v.query, v.body = r.Method, r.URL.Path, r.URL.RawQuery, b
	if v.reply == "" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, v.reply)
}

// TestVMCallRequests: the VM calls send what the real engine reads, an
// empty answer (204) is no .vv file, and ListVMNICs keeps each NIC's own
// guest interfaces.
func TestVMCallRequests(t *testing.T) {
	rec := &vmRecorder{}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	s := newClient(t, srv).WithToken("t")
	ctx := context.Background()
	const done = `{"status": "complete"}`
	init := &ovirt.Initialization{CloudInitNetworkProtocol: ovirt.CloudInitNetworkProtocolEni, DnsServers: "2001:db8::53 192.0.2.53"}
	tests := []struct {
		name, reply     string
		method, path, q string
		reqBody, want   string
		call            func() (any, error)
	}{
		{"ListVMs search", `{"vm": [{"id": "v1", "status": "up"}]}`, "GET", "/vms", "search=status%3Dup", "",
			`[{"id": "v1", "status": "up"}]`,
			func() (any, error) { return result(s.ListVMs(ctx, ListOptions{Search: "status=up"})) }},
		{"StartVM plain", done, "POST", "/vms/v1/start", "", `{}`, done,
			func() (any, error) { return result(s.StartVM(ctx, "v1", StartVMOptions{})) }},
		{"StartVM run once", done, "POST", "/vms/v1/start", "",
			`{"use_cloud_init": "true", "vm": {"initialization": {"cloud_init_network_protocol": "eni", "dns_servers": "2001:db8::53 192.0.2.53"}}}`, done,
			func() (any, error) {
				return result(s.StartVM(ctx, "v1", StartVMOptions{UseCloudInit: true, Initialization: init}))
			}},
		{"MigrateVM automatic", done, "POST", "/vms/v1/migrate", "", `{}`, done,
			func() (any, error) { return result(s.MigrateVM(ctx, "v1", "")) }},
		{"MigrateVM to host", done, "POST", "/vms/v1/migrate", "", `{"host": {"id": "h2"}}`, done,
			func() (any, error) { return result(s.MigrateVM(ctx, "v1", "h2")) }},
		{"StopVM reason", done, "POST", "/vms/v1/stop", "", `{"reason": "r"}`, done,
			func() (any, error) { return result(s.StopVM(ctx, "v1", "r")) }},
		{"ShutdownVM", done, "POST", "/vms/v1/shutdown", "", `{}`, done,
			func() (any, error) { return result(s.ShutdownVM(ctx, "v1", "")) }},
		{"RemoteViewerFile none", "", "POST", "/vms/v1/graphicsconsoles/766e63/remoteviewerconnectionfile", "", `{}`, `""`,
			func() (any, error) { return result(s.RemoteViewerFile(ctx, "v1", "766e63")) }},
		{"ListVMNICs filters by MAC", `{"nic": [{"id": "n1", "mac": {"address": "56:6F:1A:2B:00:01"}, "reported_devices": {"reported_device": [
				{"name": "eth0", "mac": {"address": "56:6f:1a:2b:00:01"}}, {"name": "eth1", "mac": {"address": "56:6f:1a:2b:00:02"}}]}},
				{"id": "n2"}]}`, "GET", "/vms/v1/nics", "follow=reported_devices", "",
			`[{"id": "n1", "mac": {"address": "56:6F:1A:2B:00:01"}, "reported_devices": {"reported_device": [{"name": "eth0", "mac": {"address": "56:6f:1a:2b:00:01"}}]}}, {"id": "n2"}]`,
			func() (any, error) { return result(s.ListVMNICs(ctx, "v1")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec.mu.Lock()
			rec.reply = tt.reply
			rec.mu.Unlock()
			got, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if rec.method != tt.method || rec.path != ovirt.Prefix+tt.path || rec.query != tt.q {
				t.Errorf("request %s %s?%s", rec.method, rec.path, rec.query)
			}
			if (tt.reqBody == "") != (len(rec.body) == 0) || (tt.reqBody != "" && !jsonEqual(t, string(rec.body), tt.reqBody)) {
				t.Errorf("body %s, want %s", rec.body, tt.reqBody)
			}
			b, _ := json.Marshal(got)
			if !jsonEqual(t, string(b), tt.want) {
				t.Errorf("got %s, want %s", b, tt.want)
			}
		})
	}
}
