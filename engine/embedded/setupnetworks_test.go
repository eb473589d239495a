package embedded

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// att builds a modified network attachment.
func att(network, nic string, assignments ...map[string]any) map[string]any {
	a := map[string]any{"network": map[string]string{"name": network}}
	if nic != "" {
		a["host_nic"] = map[string]string{"name": nic}
	}
	if assignments != nil {
		a["ip_address_assignments"] = map[string]any{"ip_address_assignment": assignments}
	}
	return a
}

func ip4(method, addr, mask, gw string) map[string]any {
	return map[string]any{"assignment_method": method, "ip": map[string]any{"address": addr, "netmask": mask, "gateway": gw, "version": "v4"}}
}

func ip6(method, addr, prefix, gw string) map[string]any {
	return map[string]any{"assignment_method": method, "ip": map[string]any{"address": addr, "netmask": prefix, "gateway": gw, "version": "v6"}}
}

func setup(mods ...map[string]any) map[string]any {
	return map[string]any{"modified_network_attachments": map[string]any{"network_attachment": mods}}
}

// snapshot returns the host's NICs and attachments as JSON.
func (v *tenv) snapshot(hostID string) []byte {
	v.t.Helper()
	a := v.must(200, "GET", "/hosts/"+hostID+"/nics", nil, nil)
	b := v.must(200, "GET", "/hosts/"+hostID+"/networkattachments", nil, nil)
	return append(a, b...)
}

func TestSetupNetworksStaticDualStack(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	body := setup(att("display", "eth2",
		ip4("static", "198.51.100.5", "255.255.255.0", "198.51.100.1"),
		ip6("static", "2001:0DB8:0100:0000:0000:0000:0000:0055", "64", "")))
	body["check_connectivity"] = true
	body["connectivity_timeout"] = 120
	body["commit_on_success"] = true
	var act ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", body, &act)
	if act.Status != ovirt.ActionStatusComplete || act.Job == nil || act.Job.Href != "/ovirt-engine/api/jobs/"+act.Job.ID {
		t.Fatalf("response %+v", act)
	}
	if act.ConnectivityTimeout.Value() != 120 || !act.CommitOnSuccess.Value() || act.ModifiedNetworkAttachments == nil {
		t.Fatalf("echo %+v", act)
	}
	nic := v.nics(h.ID)["eth2.100"]
	if nic.BaseInterface != "eth2" || nic.Vlan.ID.Value() != 100 {
		t.Fatalf("vlan device %+v", nic)
	}
	if nic.Ip == nil || nic.Ip.Address != "198.51.100.5" || nic.Ip.Netmask != "255.255.255.0" || nic.Ip.Gateway != "198.51.100.1" || nic.BootProtocol != ovirt.BootProtocolStatic {
		t.Fatalf("ip %+v", nic.Ip)
	}
	if nic.Ipv6 == nil || nic.Ipv6.Address != "2001:db8:100::55" || nic.Ipv6.Netmask != "64" || nic.Ipv6BootProtocol != ovirt.BootProtocolStatic {
		t.Fatalf("ipv6 %+v", nic.Ipv6)
	}
	if nic.CustomConfiguration.Value() {
		t.Fatal("custom_configuration true")
	}
	a := v.attachments(h.ID)["display"]
	if !a.InSync.Value() {
		t.Fatalf("not in sync: %+v", a.ReportedConfigurations)
	}
	rc := map[string]ovirt.ReportedConfiguration{}
	for _, r := range a.ReportedConfigurations.ReportedConfiguration {
		rc[r.Name] = r
	}
	if r := rc["ipv6_address"]; r.ExpectedValue != "2001:0DB8:0100:0000:0000:0000:0000:0055" || r.ActualValue != "2001:db8:100::55" || !r.InSync.Value() {
		t.Fatalf("ipv6_address %+v", r)
	}
	if r := rc["ipv4_boot_protocol"]; r.ExpectedValue != "STATIC_IP" || r.ActualValue != "STATIC_IP" {
		t.Fatalf("ipv4_boot_protocol %+v", r)
	}
	// The desired configuration is returned as sent, v4 first then v6.
	as := a.IpAddressAssignments.IpAddressAssignment
	if len(as) != 2 || as[0].Ip.Version != ovirt.IpVersionV4 || as[1].Ip.Address != "2001:0DB8:0100:0000:0000:0000:0000:0055" {
		t.Fatalf("assignments %+v", as)
	}
	// events 10902 / 10903 and a finished job
	var evs ovirt.Events
	v.must(200, "GET", "/events?max=3", nil, &evs)
	if evs.Event[0].Code.Value() != 10903 || evs.Event[1].Code.Value() != 10902 {
		t.Fatalf("events %+v", evs.Event[:2])
	}
	var job ovirt.Job
	v.must(200, "GET", "/jobs/"+act.Job.ID, nil, &job)
	if job.Status != ovirt.JobStatusFinished {
		t.Fatalf("job %+v", job)
	}
}

func TestSetupNetworksDynamicIPv6(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	eth1 := v.nics(h.ID)["eth1"]
	mac, _ := net.ParseMAC(eth1.Mac.Address)
	slaac, err := netsim.SLAAC(netip.MustParsePrefix("2001:db8:200::/64"), mac)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method string
		want   string // "" = a DHCPv6 lease
		prefix string
	}{
		{"autoconf", slaac.String(), "64"},
		{"poly_dhcp_autoconf", slaac.String(), "64"}, // SLAAC first, as vdsm lists it
		{"dhcp", "", "128"},
	} {
		t.Run(c.method, func(t *testing.T) {
			v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("storage", "", ip4("none", "", "", ""),
				map[string]any{"assignment_method": c.method, "ip": map[string]any{"version": "v6"}})), nil)
			nic := v.nics(h.ID)["eth1.200"]
			if nic.Ipv6BootProtocol != ovirt.BootProtocol(c.method) || nic.Ipv6 == nil || nic.Ipv6.Netmask != c.prefix {
				t.Fatalf("nic %+v ipv6 %+v", nic, nic.Ipv6)
			}
			if c.want != "" && nic.Ipv6.Address != c.want {
				t.Fatalf("address %s, want %s", nic.Ipv6.Address, c.want)
			}
			if c.want == "" && !netip.MustParsePrefix("2001:db8:200::/64").Contains(netip.MustParseAddr(nic.Ipv6.Address)) {
				t.Fatalf("lease %s", nic.Ipv6.Address)
			}
			if !v.attachments(h.ID)["storage"].InSync.Value() {
				t.Fatal("not in sync")
			}
		})
	}
}

func TestSetupNetworksDHCPLeasesUnique(t *testing.T) {
	v := newEnv(t)
	h0, h2 := v.hostByName("host0"), v.hostByName("host2")
	dhcp6 := map[string]any{"assignment_method": "dhcp", "ip": map[string]any{"version": "v6"}}
	v.must(200, "POST", "/hosts/"+h0.ID+"/setupnetworks", setup(att("storage", "", ip4("none", "", "", ""), dhcp6)), nil)
	a0 := v.nics(h0.ID)["bond0.200"].Ipv6.Address
	a2 := v.nics(h2.ID)["eth1.200"].Ipv6.Address
	if a0 == a2 || a0 == "" {
		t.Fatalf("leases %s and %s", a0, a2)
	}
	// re-applying keeps the lease
	v.must(200, "POST", "/hosts/"+h0.ID+"/setupnetworks", setup(att("storage", "", ip4("none", "", "", ""), dhcp6)), nil)
	if got := v.nics(h0.ID)["bond0.200"].Ipv6.Address; got != a0 {
		t.Fatalf("lease moved %s -> %s", a0, got)
	}
}

func TestSetupNetworksFaults(t *testing.T) {
	v := newEnv(t)
	h0, h2 := v.hostByName("host0"), v.hostByName("host2")
	// Extra networks for the topology rules.
	var dc ovirt.DataCenters
	v.must(200, "GET", "/datacenters", nil, &dc)
	v.must(201, "POST", "/networks", map[string]any{"name": "backup", "data_center": map[string]string{"id": dc.DataCenter[0].ID}}, nil)
	v.must(201, "POST", "/networks", map[string]any{"name": "vlan100b", "vlan": map[string]any{"id": 100}, "data_center": map[string]string{"name": "Default"}}, nil)
	const disp = "Network attachment for Network display, Interface eth2"
	v6none := ip6("none", "", "", "")
	cases := []struct {
		name           string
		host           string
		body           any
		status         int
		reason, detail string
	}{
		{"static v4 without netmask", h2.ID, setup(att("display", "eth2", ip4("static", "198.51.100.5", "", ""), ip6("autoconf", "", "", ""))),
			400, "Operation Failed", "[Insufficient ip configuration of " + disp + ". Must define ip address and netmask when boot protocol is static.]"},
		{"static v6 without address", h2.ID, setup(att("display", "eth2", ip6("static", "", "64", ""))),
			400, "Operation Failed", "[Insufficient ip configuration of " + disp + ". Must define ip address and netmask when boot protocol is static.]"},
		{"static v6 without prefix", h2.ID, setup(att("display", "eth2", ip6("static", "2001:db8:100::9", "", ""))),
			400, "Operation Failed", "[Insufficient ip configuration of " + disp + ". Must define ip address and netmask when boot protocol is static.]"},
		{"dhcp v6 with address", h2.ID, setup(att("display", "eth2", ip6("dhcp", "2001:db8:100::9", "", ""))),
			400, "Operation Failed", "[Incompatible ip configuration of " + disp + ". Can't determine the ip address, netmask or gateway when boot protocol is set to dhcp.]"},
		{"poly with prefix", h2.ID, setup(att("display", "eth2", ip6("poly_dhcp_autoconf", "", "64", ""))),
			400, "Operation Failed", "[Incompatible ip configuration of " + disp + ". Can't determine the ip address, netmask or gateway when boot protocol is set to poly dhcp autoconf.]"},
		{"none v4 with gateway", h2.ID, setup(att("display", "eth2", ip4("none", "", "", "198.51.100.1"), ip6("autoconf", "", "", ""))),
			400, "Operation Failed", "[Incompatible ip configuration of " + disp + ". Can't determine the ip address, netmask or gateway when boot protocol is set to none.]"},
		{"ipv4 autoconf", h2.ID, setup(att("display", "eth2", ip4("autoconf", "", "", ""))),
			400, "Invalid value", "Boot protocol = 'AUTOCONF' is not applicable for IPv4."},
		{"ipv4 poly", h2.ID, setup(att("display", "eth2", ip4("poly_dhcp_autoconf", "", "", ""))),
			400, "Invalid value", "Boot protocol = 'POLY_DHCP_AUTOCONF' is not applicable for IPv4."},
		{"no version no address is IPv4", h2.ID, setup(att("display", "eth2", map[string]any{"assignment_method": "autoconf"})),
			400, "Invalid value", "Boot protocol = 'AUTOCONF' is not applicable for IPv4."},
		{"prefix not an integer", h2.ID, setup(att("display", "eth2", ip6("static", "2001:db8:100::9", "ffff:ffff:ffff:ffff::", ""))),
			400, "Invalid value", "IPv6 prefix has to be integer number. 'ffff:ffff:ffff:ffff::' is not a valid value"},
		{"prefix with slash", h2.ID, setup(att("display", "eth2", ip6("static", "2001:db8:100::9", "/64", ""))),
			400, "Invalid value", "IPv6 prefix has to be integer number. '/64' is not a valid value"},
		{"bad enum", h2.ID, setup(att("display", "eth2", ip6("slaac", "", "", ""))),
			400, "Invalid value", "slaac is not a member of BootProtocol"},
		{"bad version", h2.ID, setup(att("display", "eth2", map[string]any{"assignment_method": "dhcp", "ip": map[string]any{"version": "v5"}})),
			400, "Invalid value", "v5 is not a member of IpVersion"},
		{"gateway on non default route", h2.ID, setup(att("display", "eth2", ip6("static", "2001:db8:100::9", "64", "2001:db8:100::1"))),
			400, "Operation Failed", "[Bad IPv6 configuration for Network attachment of Network display. IPv6 gateway can only be set on a network which holds the default route role.]"},
		{"embedded ipv4", h2.ID, setup(att("display", "eth2", ip6("static", "::ffff:192.0.2.1", "64", ""))),
			400, "Operation Failed", "[Bad format of an IPv6 address.]"},
		{"zone", h2.ID, setup(att("display", "eth2", ip6("static", "fe80::1%eth2", "64", ""))),
			400, "Operation Failed", "[Bad format of an IPv6 address.]"},
		{"bracketed", h2.ID, setup(att("display", "eth2", ip6("static", "[2001:db8:100::9]", "64", ""))),
			400, "Operation Failed", "[Bad format of an IPv6 address.]"},
		{"bad v4 address", h2.ID, setup(att("display", "eth2", ip4("static", "198.51.100.300", "24", ""), v6none)),
			400, "Operation Failed", "[Bad format of IP address]"},
		{"bad v4 netmask", h2.ID, setup(att("display", "eth2", ip4("static", "198.51.100.3", "255.0.255.0", ""), v6none)),
			400, "Operation Failed", "[Bad format of subnet mask]"},
		{"missing boot protocol", h2.ID, setup(att("display", "eth2", map[string]any{"ip": map[string]any{"version": "v6"}})),
			400, "Operation Failed", "[Insufficient ip configuration details of " + disp + ". Boot protocol is missing.]"},
		{"empty assignments", h2.ID, setup(att("display", "eth2", []map[string]any{}...)),
			400, "Operation Failed", "[Network attachment of Network display, Interface eth2 is missing ip configuration details.]"},
		{"role network without ip", h2.ID, setup(att("display", "eth2", ip4("none", "", "", ""), v6none)),
			400, "Operation Failed", "[Cannot setup Networks. Role (display/migration/gluster) network 'display' has no boot protocol assigned.]"},
		{"role network defaults", h2.ID, setup(att("display", "eth2")),
			400, "Operation Failed", "[Cannot setup Networks. Role (display/migration/gluster) network 'display' has no boot protocol assigned.]"},
		{"unknown network", h2.ID, setup(att("nope", "eth2", ip6("autoconf", "", "", ""))),
			400, "Operation Failed", "[Cannot setup Networks. Network having name 'nope' does not exist in the cluster of host host2.]"},
		{"unknown network id", h2.ID, setup(map[string]any{"network": map[string]string{"id": "6b0c0f7e-0000-4000-8000-000000000000"}, "host_nic": map[string]string{"name": "eth2"}}),
			400, "Operation Failed", "[Cannot setup Networks. Network having id '6b0c0f7e-0000-4000-8000-000000000000' does not exist.]"},
		{"unknown nic", h2.ID, setup(att("display", "eth99", ip6("autoconf", "", "", ""))),
			400, "Operation Failed", "[Cannot setup Networks. Host network interface having name 'eth99' does not exist.]"},
		{"new attachment without nic", h2.ID, setup(att("display", "", ip6("autoconf", "", "", ""))),
			400, "Operation Failed", "[Cannot setup Networks. The attachment of network display must name a host interface (host_nic.id or host_nic.name).]"},
		{"two non-vlan networks", h0.ID, setup(att("backup", "eth0")),
			400, "Operation Failed", "[Cannot setup Networks. Only one non-VLAN network can be attached to an interface; interface eth0 would carry backup, ovirtmgmt.]"},
		{"duplicate vlan", h0.ID, setup(att("vlan100b", "eth1")),
			400, "Operation Failed", "[Cannot setup Networks. Networks display and vlan100b on interface eth1 have the same VLAN id 100.]"},
		{"network twice", h2.ID, setup(att("display", "eth2", ip6("autoconf", "", "", "")), att("display", "eth3", ip6("autoconf", "", "", ""))),
			409, "Operation Failed", "[Cannot setup Networks. Network display is already attached to interface eth2; a network can be attached to one interface of a host only.]"},
		{"attach to bond slave", h0.ID, setup(att("backup", "eth2")),
			409, "Operation Failed", "[Cannot setup Networks. Network backup cannot be attached to interface eth2, which is a slave of bond bond0.]"},
		{"remove unknown attachment", h2.ID, map[string]any{"removed_network_attachments": map[string]any{"network_attachment": []map[string]string{{"id": "11111111-0000-4000-8000-000000000000"}}}},
			400, "Operation Failed", "[Cannot setup Networks. Network attachment '11111111-0000-4000-8000-000000000000' does not exist on host host2.]"},
		{"bond with one slave", h2.ID, map[string]any{"modified_bonds": map[string]any{"host_nic": []any{map[string]any{"name": "bond1", "bonding": map[string]any{"slaves": map[string]any{"host_nic": []any{map[string]string{"name": "eth4"}}}}}}}},
			400, "Operation Failed", "[Cannot setup Networks. Bond bond1 must have at least two slaves.]"},
		{"bad bond name", h2.ID, map[string]any{"modified_bonds": map[string]any{"host_nic": []any{map[string]any{"name": "team0", "bonding": map[string]any{"slaves": map[string]any{"host_nic": []any{map[string]string{"name": "eth4"}, map[string]string{"name": "eth5"}}}}}}}},
			400, "Operation Failed", "[Cannot setup Networks. Bond name 'team0' is invalid: a bond name is 'bond' followed by a number, such as bond1.]"},
		{"remove bond in use", h0.ID, map[string]any{"removed_bonds": map[string]any{"host_nic": []any{map[string]string{"name": "bond0"}}}},
			409, "Operation Failed", "[Cannot setup Networks. Bond bond0 cannot be removed: network storage is attached to it.]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := v.snapshot(c.host)
			v.fault(c.status, c.reason, c.detail, "POST", "/hosts/"+c.host+"/setupnetworks", c.body)
			if after := v.snapshot(c.host); !bytes.Equal(before, after) {
				t.Fatal("state changed by a failed setupnetworks")
			}
		})
	}
	// Unknown synchronized attachment: 404, empty body.
	resp, b := v.do("POST", "/hosts/"+h2.ID+"/setupnetworks", map[string]any{"synchronized_network_attachments": map[string]any{"network_attachment": []map[string]string{{"id": "nope"}}}})
	if resp.StatusCode != 404 || len(b) != 0 {
		t.Fatalf("unknown synchronized attachment: %d %s", resp.StatusCode, b)
	}
	// Unknown host: 404.
	if resp, _ := v.do("POST", "/hosts/nope/setupnetworks", "{}"); resp.StatusCode != 404 {
		t.Fatalf("unknown host %d", resp.StatusCode)
	}
}

// TestSetupNetworksAtomic: a request whose first parts are valid and whose
// last part is not changes nothing.
func TestSetupNetworksAtomic(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	before := v.snapshot(h.ID)
	var evs ovirt.Events
	v.must(200, "GET", "/events?max=1", nil, &evs)
	lastEvent := evs.Event[0].Index.Value()
	body := map[string]any{
		"modified_bonds": map[string]any{"host_nic": []any{map[string]any{"name": "bond1", "bonding": map[string]any{
			"slaves": map[string]any{"host_nic": []any{map[string]string{"name": "eth4"}, map[string]string{"name": "eth5"}}}}}}},
		"modified_network_attachments": map[string]any{"network_attachment": []any{
			att("display", "bond1", ip6("autoconf", "", "", "")),
			att("storage", "eth3", ip6("static", "2001:db8:200::13", "64", "")),
			att("ovirtmgmt", "", ip4("static", "192.0.2.13", "", ""), ip6("autoconf", "", "", "")), // invalid: no netmask
		}},
	}
	v.fault(400, "Operation Failed", "[Insufficient ip configuration of Network attachment for Network ovirtmgmt, Interface eth0. Must define ip address and netmask when boot protocol is static.]",
		"POST", "/hosts/"+h.ID+"/setupnetworks", body)
	if after := v.snapshot(h.ID); !bytes.Equal(before, after) {
		t.Fatal("half-applied")
	}
	var since ovirt.Events
	v.must(200, "GET", "/events?from="+itoa(lastEvent), nil, &since)
	if len(since.Event) != 0 {
		t.Fatalf("events written: %+v", since.Event)
	}
	var jobs ovirt.Jobs
	v.must(200, "GET", "/jobs", nil, &jobs)
	if len(jobs.Job) != 0 {
		t.Fatalf("a refused change wrote jobs: %+v", jobs.Job)
	}
	// The valid parts alone succeed: bond1 with display, storage moved.
	body["modified_network_attachments"] = map[string]any{"network_attachment": []any{
		att("display", "bond1", ip6("autoconf", "", "", "")),
		att("storage", "eth3", ip6("static", "2001:db8:200::13", "64", "")),
	}}
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", body, nil)
	nics := v.nics(h.ID)
	bond := nics["bond1"]
	if bond.Bonding == nil || len(bond.Bonding.Slaves.HostNic) != 2 || nics["bond1.100"].Network == nil || nics["eth3.200"].Ipv6.Address != "2001:db8:200::13" {
		t.Fatalf("nics %+v", nics)
	}
	if _, ok := nics["eth1.200"]; ok {
		t.Fatal("old VLAN device still there")
	}
	if bond.Mac.Address != nics["eth4"].Mac.Address {
		t.Fatal("bond MAC is not its first slave's")
	}
	// Remove the bond together with its attachment.
	as := v.attachments(h.ID)
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", map[string]any{
		"removed_bonds":               map[string]any{"host_nic": []any{map[string]string{"name": "bond1"}}},
		"removed_network_attachments": map[string]any{"network_attachment": []any{map[string]string{"id": as["display"].ID}}},
	}, nil)
	if _, ok := v.nics(h.ID)["bond1"]; ok {
		t.Fatal("bond1 not removed")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestManagementConnectivityRollback(t *testing.T) {
	v := newEnv(t, func(c *Config) { c.ConnectivityTimeout = 10 * time.Millisecond })
	h := v.hostByName("host0")
	before := v.snapshot(h.ID)
	none := setup(att("ovirtmgmt", "", ip4("none", "", "", ""), ip6("none", "", "", "")))
	const lost = "[Failed to setup networks on host host0: connectivity check failed, the management network ovirtmgmt would lose its IP address. The host rolled the changes back.]"
	v.fault(400, "Operation Failed", lost, "POST", "/hosts/"+h.ID+"/setupnetworks", none)
	if !bytes.Equal(before, v.snapshot(h.ID)) {
		t.Fatal("rollback left changes")
	}
	var evs ovirt.Events
	v.must(200, "GET", "/events?max=1", nil, &evs)
	if evs.Event[0].Code.Value() != 10904 || evs.Event[0].Severity != ovirt.LogSeverityError {
		t.Fatalf("event %+v", evs.Event[0])
	}
	var jobs ovirt.Jobs
	v.must(200, "GET", "/jobs?max=1", nil, &jobs)
	if jobs.Job[0].Status != ovirt.JobStatusFailed {
		t.Fatalf("job %+v", jobs.Job[0])
	}
	// Removing the management attachment is rolled back too.
	mgmt := v.attachments(h.ID)["ovirtmgmt"]
	v.fault(400, "Operation Failed", lost, "DELETE", "/hosts/"+h.ID+"/networkattachments/"+mgmt.ID, nil)
	v.fault(400, "Operation Failed", lost, "POST", "/hosts/"+h.ID+"/setupnetworks",
		map[string]any{"removed_network_attachments": map[string]any{"network_attachment": []any{map[string]any{"network": map[string]string{"name": "ovirtmgmt"}}}}})
	if !bytes.Equal(before, v.snapshot(h.ID)) {
		t.Fatal("rollback left changes")
	}
	// Without the check the change is applied; the host goes non-responsive.
	none["check_connectivity"] = "false"
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", none, nil)
	eth0 := v.nics(h.ID)["eth0"]
	if eth0.Ip != nil || eth0.Ipv6 != nil || eth0.BootProtocol != ovirt.BootProtocolNone {
		t.Fatalf("eth0 %+v", eth0)
	}
	if got := v.hostByName("host0"); got.Status != ovirt.HostStatusNonResponsive {
		t.Fatalf("status %s", got.Status)
	}
	// Further changes are allowed (the host had no address already) and
	// restoring an address brings the host back.
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("ovirtmgmt", "", ip6("static", "2001:db8:10::11", "64", "2001:db8:10::1"))), nil)
	if got := v.hostByName("host0"); got.Status != ovirt.HostStatusUp {
		t.Fatalf("status %s", got.Status)
	}
}

func TestDriftAndSync(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host1")
	if err := v.e.SimulateDrift(context.Background(), h.ID, "display"); err != nil {
		t.Fatal(err)
	}
	a := v.attachments(h.ID)["display"]
	if a.InSync.Value() {
		t.Fatal("still in sync after drift")
	}
	for _, r := range a.ReportedConfigurations.ReportedConfiguration {
		if r.Name == "mtu" && (r.InSync.Value() || r.ExpectedValue != "1500" || r.ActualValue != "1400") {
			t.Fatalf("mtu %+v", r)
		}
	}
	if !v.nics(h.ID)["eth1.100"].CustomConfiguration.Value() {
		t.Fatal("custom_configuration not set")
	}
	var act ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/syncallnetworks", "{}", &act)
	if act.Status != ovirt.ActionStatusComplete || !v.attachments(h.ID)["display"].InSync.Value() {
		t.Fatal("syncallnetworks did not sync")
	}
	// synchronized_network_attachments (by id)
	if err := v.e.SimulateDrift(context.Background(), h.ID, "ovirtmgmt"); err != nil {
		t.Fatal(err)
	}
	mg := v.attachments(h.ID)["ovirtmgmt"]
	if mg.InSync.Value() {
		t.Fatal("mgmt in sync after drift")
	}
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", map[string]any{"synchronized_network_attachments": map[string]any{"network_attachment": []any{map[string]string{"id": mg.ID}}}}, nil)
	if !v.attachments(h.ID)["ovirtmgmt"].InSync.Value() {
		t.Fatal("not synchronized")
	}
	if err := v.e.SimulateDrift(context.Background(), h.ID, "storage"); err == nil {
		t.Fatal("drift of an unattached network")
	}
}

func TestNetworkAttachmentsCRUD(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	nics := v.nics(h.ID)
	eth2 := nics["eth2"]
	var a ovirt.NetworkAttachment
	resp, b := v.do("POST", "/hosts/"+h.ID+"/nics/"+eth2.ID+"/networkattachments", map[string]any{
		"network":                    map[string]string{"name": "display"},
		"ip_address_assignments":     map[string]any{"ip_address_assignment": []any{ip6("autoconf", "", "", "")}},
		"dns_resolver_configuration": map[string]any{"name_servers": map[string]any{"name_server": []string{"2001:db8:100::53"}}},
	})
	if resp.StatusCode != 201 {
		t.Fatalf("add %d %s", resp.StatusCode, b)
	}
	_ = jsonUnmarshal(b, &a)
	if resp.Header.Get("Location") != v.srv.URL+a.Href || a.HostNic.ID != eth2.ID || !a.InSync.Value() || a.DnsResolverConfiguration == nil {
		t.Fatalf("attachment %s", b)
	}
	v.fault(409, "Operation Failed", "[Cannot setup Networks. Network display is already attached to interface eth2 of host host2.]",
		"POST", "/hosts/"+h.ID+"/networkattachments", map[string]any{"network": map[string]string{"name": "display"}, "host_nic": map[string]string{"name": "eth3"}})
	v.fault(400, "Incomplete parameters", "NetworkAttachment [network.id|name] required for add", "POST", "/hosts/"+h.ID+"/networkattachments", "{}")
	var list ovirt.NetworkAttachments
	v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+eth2.ID+"/networkattachments", nil, &list)
	if len(list.NetworkAttachment) != 1 || list.NetworkAttachment[0].ID != a.ID {
		t.Fatalf("nic-scoped list %+v", list)
	}
	v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+eth2.ID+"/networkattachments/"+a.ID, nil, nil)
	if resp, _ := v.do("GET", "/hosts/"+h.ID+"/nics/"+nics["eth3"].ID+"/networkattachments/"+a.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("attachment under the wrong nic: %d", resp.StatusCode)
	}
	// update: DHCPv6 and move to eth3
	var up ovirt.NetworkAttachment
	v.must(200, "PUT", "/hosts/"+h.ID+"/networkattachments/"+a.ID, map[string]any{
		"host_nic":               map[string]string{"name": "eth3"},
		"ip_address_assignments": map[string]any{"ip_address_assignment": []any{ip6("dhcp", "", "", "")}},
	}, &up)
	if up.HostNic.ID != nics["eth3"].ID || up.IpAddressAssignments.IpAddressAssignment[1].AssignmentMethod != ovirt.BootProtocolDHCP {
		t.Fatalf("updated %+v", up)
	}
	if _, ok := v.nics(h.ID)["eth3.100"]; !ok {
		t.Fatal("VLAN device did not move")
	}
	v.fault(400, "Operation Failed", "[Cannot setup Networks. Cannot change the network of existing network attachment '"+a.ID+"' (network display).]",
		"PUT", "/hosts/"+h.ID+"/networkattachments/"+a.ID, map[string]any{"network": map[string]string{"name": "storage"}})
	if resp, _ := v.do("PUT", "/hosts/"+h.ID+"/networkattachments/nope", "{}"); resp.StatusCode != 404 {
		t.Fatalf("update unknown: %d", resp.StatusCode)
	}
	v.must(200, "DELETE", "/hosts/"+h.ID+"/networkattachments/"+a.ID, nil, nil)
	if resp, b := v.do("GET", "/hosts/"+h.ID+"/networkattachments/"+a.ID, nil); resp.StatusCode != 404 || len(b) != 0 {
		t.Fatalf("after delete: %d %s", resp.StatusCode, b)
	}
	if resp, _ := v.do("DELETE", "/hosts/"+h.ID+"/networkattachments/"+a.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("second delete %d", resp.StatusCode)
	}
	var act ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/commitnetconfig", "{}", &act)
	if act.Status != ovirt.ActionStatusComplete {
		t.Fatalf("commit %+v", act)
	}
}

// TestConcurrentSetupNetworks: two conflicting changes on one host at
// once. One wins; the other gets a clean 409 (the host lock, or — when it
// runs second — the re-validation against the winner's state); nothing is
// half-applied.
func TestConcurrentSetupNetworks(t *testing.T) {
	for round := range 3 {
		v := newEnv(t, func(c *Config) { c.NetworkApplyDelay = 20 * time.Millisecond })
		h := v.hostByName("host2")
		bond := func(name string) map[string]any {
			return map[string]any{
				"modified_bonds": map[string]any{"host_nic": []any{map[string]any{"name": name, "bonding": map[string]any{
					"slaves": map[string]any{"host_nic": []any{map[string]string{"name": "eth4"}, map[string]string{"name": "eth5"}}}}}}},
				"modified_network_attachments": map[string]any{"network_attachment": []any{att("display", name, ip6("autoconf", "", "", ""))}},
			}
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		type result struct {
			status int
			body   string
		}
		res := make([]result, 2)
		for i, name := range []string{"bond1", "bond2"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				resp, b := v.do("POST", "/hosts/"+h.ID+"/setupnetworks", bond(name))
				res[i] = result{resp.StatusCode, string(b)}
			}()
		}
		close(start)
		wg.Wait()
		ok, conflicts := 0, 0
		for _, r := range res {
			switch {
			case r.status == 200:
				ok++
			case r.status == 409 && (strings.Contains(r.body, "Another Setup Networks or Host Refresh process in progress") ||
				strings.Contains(r.body, "is already a slave of bond") || strings.Contains(r.body, "is already attached")):
				conflicts++
			default:
				t.Fatalf("round %d: unexpected %d %s", round, r.status, r.body)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Fatalf("round %d: %d ok, %d conflicts: %+v", round, ok, conflicts, res)
		}
		nics := v.nics(h.ID)
		_, b1 := nics["bond1"]
		_, b2 := nics["bond2"]
		if b1 == b2 {
			t.Fatalf("round %d: bond1 %v bond2 %v", round, b1, b2)
		}
		winner := "bond1"
		if b2 {
			winner = "bond2"
		}
		if nics[winner+".100"].Network == nil {
			t.Fatalf("round %d: winner's attachment missing", round)
		}
		v.close()
	}
}

// TestConcurrentSetupNetworksLocked forces the overlap with the test hook:
// the second request arrives while the first holds the host lock.
func TestConcurrentSetupNetworksLocked(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	v.e.beforeApply = func(string) {
		once.Do(func() {
			close(entered)
			<-release
		})
	}
	done := make(chan int)
	go func() {
		resp, _ := v.do("POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth2", ip6("autoconf", "", "", ""))))
		done <- resp.StatusCode
	}()
	<-entered
	v.fault(409, "Operation Failed", "["+msgInProgress+"]", "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth3", ip6("autoconf", "", "", ""))))
	v.fault(409, "Operation Failed", "[Cannot remove Host. Related operation is currently in progress. Please try again later.]", "DELETE", "/hosts/"+h.ID+"?force=true", nil)
	close(release)
	if code := <-done; code != 200 {
		t.Fatalf("first request: %d", code)
	}
	if v.attachments(h.ID)["display"].HostNic.ID != v.nics(h.ID)["eth2"].ID {
		t.Fatal("the winner's change is not there")
	}
}

// eventsSince returns the events with an index above from, oldest first.
func (v *tenv) eventsSince(from int64) []ovirt.Event {
	v.t.Helper()
	var evs ovirt.Events
	v.must(200, "GET", "/events?from="+itoa(from), nil, &evs)
	slices.Reverse(evs.Event)
	return evs.Event
}

func (v *tenv) lastEventIndex() int64 {
	v.t.Helper()
	var evs ovirt.Events
	v.must(200, "GET", "/events?max=1", nil, &evs)
	return evs.Event[0].Index.Value()
}

func eventCodes(evs []ovirt.Event) []int64 {
	out := make([]int64, len(evs))
	for i, ev := range evs {
		out[i] = ev.Code.Value()
	}
	return out
}

// jobWithSteps returns a job and its steps by number.
func (v *tenv) jobWithSteps(id string) (ovirt.Job, []ovirt.Step) {
	v.t.Helper()
	var job ovirt.Job
	v.must(200, "GET", "/jobs/"+id, nil, &job)
	var steps ovirt.Steps
	v.must(200, "GET", "/jobs/"+id+"/steps", nil, &steps)
	slices.SortFunc(steps.Step, func(a, b ovirt.Step) int { return int(a.Number.Value() - b.Number.Value()) })
	return job, steps.Step
}

// checkJob asserts a host network change's job: its status, the status
// of the Validating and Executing steps, and end times where they ended.
func checkJob(t *testing.T, job ovirt.Job, steps []ovirt.Step, host string, status, executing ovirt.JobStatus) {
	t.Helper()
	if job.Description != "Setup Networks on host "+host || job.Status != status || job.StartTime == nil || job.LastUpdated == nil {
		t.Fatalf("job %+v, want %s", job, status)
	}
	if ended := job.EndTime != nil; ended != (status != ovirt.JobStatusStarted) {
		t.Fatalf("job %s with end_time %v", job.Status, job.EndTime)
	}
	if len(steps) != 2 || steps[0].Type != ovirt.StepTypeValidating || steps[0].Status != ovirt.JobStatusFinished || steps[0].EndTime == nil ||
		steps[1].Type != ovirt.StepTypeExecuting || steps[1].Status != executing || (steps[1].EndTime != nil) != (executing != ovirt.JobStatusStarted) {
		t.Fatalf("steps %+v, want validating finished, executing %s", steps, executing)
	}
}

// TestNetChangeProgressVisible: while simulated vdsm applies a change,
// GET /events shows 10902 with the request's correlation id and the job is
// started with its Executing step running; afterwards the same job (the
// one the action returns) is finished and 10903 follows.
func TestNetChangeProgressVisible(t *testing.T) {
	cases := []struct {
		name  string
		host  string
		path  string
		body  any
		drift string // network made out of sync first
		codes []int64
		check func(t *testing.T, v *tenv, hostID string)
	}{
		{"setupnetworks", "host2", "setupnetworks", setup(att("display", "eth2", ip6("autoconf", "", "", ""))), "", []int64{10902, 10903},
			func(t *testing.T, v *tenv, hostID string) {
				if v.nics(hostID)["eth2.100"].Ipv6 == nil {
					t.Fatal("display not applied")
				}
			}},
		{"syncallnetworks", "host1", "syncallnetworks", "{}", "display", []int64{10902, 1148, 10903},
			func(t *testing.T, v *tenv, hostID string) {
				if !v.attachments(hostID)["display"].InSync.Value() {
					t.Fatal("display not synchronized")
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := newEnv(t)
			h := v.hostByName(c.host)
			if c.drift != "" {
				if err := v.e.SimulateDrift(context.Background(), h.ID, c.drift); err != nil {
					t.Fatal(err)
				}
			}
			from := v.lastEventIndex()
			entered, release := make(chan struct{}), make(chan struct{})
			v.e.beforeApply = func(string) {
				close(entered)
				<-release
			}
			cid := "progress-" + c.name
			done := make(chan ovirt.Action, 1)
			go func() {
				var act ovirt.Action
				resp, b := v.doCtx(context.Background(), "POST", "/hosts/"+h.ID+"/"+c.path, c.body, http.Header{"Correlation-Id": {cid}})
				if resp.StatusCode == 200 {
					_ = jsonUnmarshal(b, &act)
				}
				done <- act
			}()
			<-entered
			// In flight: 10902 only, and a started job.
			evs := v.eventsSince(from)
			if len(evs) != 1 || evs[0].Code.Value() != 10902 || evs[0].CorrelationID != cid || evs[0].Host == nil || evs[0].Host.Name != c.host ||
				evs[0].Description != "(1/1): Applying network's changes on host "+c.host+". (User: admin@internal-authz)" {
				t.Fatalf("events in flight %+v", evs)
			}
			var jobs ovirt.Jobs
			v.must(200, "GET", "/jobs?max=1", nil, &jobs)
			if len(jobs.Job) != 1 {
				t.Fatalf("jobs %+v", jobs)
			}
			job, steps := v.jobWithSteps(jobs.Job[0].ID)
			checkJob(t, job, steps, c.host, ovirt.JobStatusStarted, ovirt.JobStatusStarted)
			close(release)
			act := <-done
			if act.Status != ovirt.ActionStatusComplete || act.Job == nil || act.Job.ID != job.ID {
				t.Fatalf("action %+v, want job %s", act, job.ID)
			}
			job, steps = v.jobWithSteps(job.ID)
			checkJob(t, job, steps, c.host, ovirt.JobStatusFinished, ovirt.JobStatusFinished)
			evs = v.eventsSince(from)
			if got := eventCodes(evs); !slices.Equal(got, c.codes) {
				t.Fatalf("events %v, want %v", got, c.codes)
			}
			for _, ev := range evs {
				if ev.CorrelationID != cid {
					t.Fatalf("event %d correlation id %q", ev.Code.Value(), ev.CorrelationID)
				}
			}
			c.check(t, v, h.ID)
		})
	}
}

// TestNetChangeApplyDelay: with Config.NetworkApplyDelay the change's
// job and 10902 show up while the request waits.
func TestNetChangeApplyDelay(t *testing.T) {
	const delay = 400 * time.Millisecond
	v := newEnv(t, func(c *Config) { c.NetworkApplyDelay = delay })
	h := v.hostByName("host2")
	from := v.lastEventIndex()
	start := time.Now()
	done := make(chan int, 1)
	go func() {
		resp, _ := v.doCtx(context.Background(), "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth2", ip6("autoconf", "", "", ""))), http.Header{"Correlation-Id": {"delay-1"}})
		done <- resp.StatusCode
	}()
	eventually(t, 5*time.Second, func() bool {
		evs := v.eventsSince(from)
		var jobs ovirt.Jobs
		v.must(200, "GET", "/jobs?max=1", nil, &jobs)
		return len(evs) == 1 && evs[0].Code.Value() == 10902 && evs[0].CorrelationID == "delay-1" &&
			len(jobs.Job) == 1 && jobs.Job[0].Status == ovirt.JobStatusStarted
	})
	if code := <-done; code != 200 {
		t.Fatalf("status %d", code)
	}
	if took := time.Since(start); took < delay {
		t.Fatalf("applied in %s, before the %s delay", took, delay)
	}
	if got := eventCodes(v.eventsSince(from)); !slices.Equal(got, []int64{10902, 10903}) {
		t.Fatalf("events %v", got)
	}
}

// TestConnectivityRollbackWaits: a change that cuts the management network
// off is kept for connectivity_timeout (the host lock held: a concurrent
// change gets 409), then rolled back: 400, the job failed, 10904.
func TestConnectivityRollbackWaits(t *testing.T) {
	const lost = "[Failed to setup networks on host host0: connectivity check failed, the management network ovirtmgmt would lose its IP address. The host rolled the changes back.]"
	cases := []struct {
		name   string
		cfg    time.Duration // Config.ConnectivityTimeout
		method string
		path   func(v *tenv, hostID string) string
		body   any
		want   time.Duration
	}{
		{"setupnetworks connectivity_timeout 1", 0, "POST",
			func(_ *tenv, id string) string { return "/hosts/" + id + "/setupnetworks" },
			map[string]any{"modified_network_attachments": map[string]any{"network_attachment": []any{att("ovirtmgmt", "", ip4("none", "", "", ""), ip6("none", "", "", ""))}},
				"check_connectivity": true, "connectivity_timeout": 1},
			time.Second},
		{"remove attachment, engine default", time.Second, "DELETE",
			func(v *tenv, id string) string {
				return "/hosts/" + id + "/networkattachments/" + v.attachments(id)["ovirtmgmt"].ID
			},
			nil, time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := newEnv(t, func(cfg *Config) { cfg.ConnectivityTimeout = c.cfg })
			h := v.hostByName("host0")
			before := v.snapshot(h.ID)
			from := v.lastEventIndex()
			path := c.path(v, h.ID)
			type result struct {
				status int
				body   []byte
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				resp, b := v.doCtx(context.Background(), c.method, path, c.body, http.Header{"Correlation-Id": {"rollback-1"}})
				done <- result{resp.StatusCode, b}
			}()
			// While vdsm waits: the job runs and the host is locked.
			eventually(t, 5*time.Second, func() bool { return len(v.eventsSince(from)) == 1 })
			var jobs ovirt.Jobs
			v.must(200, "GET", "/jobs?max=1", nil, &jobs)
			if jobs.Job[0].Status != ovirt.JobStatusStarted {
				t.Fatalf("job while waiting %+v", jobs.Job[0])
			}
			v.fault(409, "Operation Failed", "["+msgInProgress+"]", "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth1", ip6("autoconf", "", "", ""))))
			r := <-done
			took := time.Since(start)
			if r.status != 400 || !strings.Contains(string(r.body), lost) {
				t.Fatalf("%d %s", r.status, r.body)
			}
			if took < c.want {
				t.Fatalf("rolled back after %s, before the %s timeout", took, c.want)
			}
			if !bytes.Equal(before, v.snapshot(h.ID)) {
				t.Fatal("rollback left changes")
			}
			job, steps := v.jobWithSteps(jobs.Job[0].ID)
			checkJob(t, job, steps, "host0", ovirt.JobStatusFailed, ovirt.JobStatusFailed)
			evs := v.eventsSince(from)
			if got := eventCodes(evs); !slices.Equal(got, []int64{10902, 10904}) {
				t.Fatalf("events %v", got)
			}
			if evs[1].Severity != ovirt.LogSeverityError || evs[1].CorrelationID != "rollback-1" || evs[1].Description != "(1/1): Failed to apply changes on host host0. (User: admin@internal-authz)" {
				t.Fatalf("10904 %+v", evs[1])
			}
			// The lock is free again.
			v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth1", ip6("autoconf", "", "", ""))), nil)
		})
	}
}

// TestNetChangeOutlivesClient: a validated change whose client goes away
// while vdsm applies it (a reloaded page) is not aborted: it finishes, with
// its job finished and 10903, as on the real engine.
func TestNetChangeOutlivesClient(t *testing.T) {
	v := newEnv(t, func(c *Config) { c.NetworkApplyDelay = 300 * time.Millisecond })
	h := v.hostByName("host2")
	from := v.lastEventIndex()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	body, err := ovirt.MarshalWithSecrets(setup(att("display", "eth2", ip6("autoconf", "", "", ""))))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(ctx, "POST", v.srv.URL+ovirt.Prefix+"/hosts/"+h.ID+"/setupnetworks", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+v.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Correlation-Id", "reload-1")
	done := make(chan error, 1)
	go func() {
		resp, err := v.srv.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	eventually(t, 5*time.Second, func() bool { return len(v.eventsSince(from)) == 1 })
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the request was not cancelled")
	}
	eventually(t, 5*time.Second, func() bool { return len(v.eventsSince(from)) == 2 })
	evs := v.eventsSince(from)
	if got := eventCodes(evs); !slices.Equal(got, []int64{10902, 10903}) {
		t.Fatalf("events %v", got)
	}
	for _, ev := range evs {
		if ev.CorrelationID != "reload-1" {
			t.Fatalf("event %d correlation id %q", ev.Code.Value(), ev.CorrelationID)
		}
	}
	var jobs ovirt.Jobs
	v.must(200, "GET", "/jobs?max=1", nil, &jobs)
	job, steps := v.jobWithSteps(jobs.Job[0].ID)
	checkJob(t, job, steps, "host2", ovirt.JobStatusFinished, ovirt.JobStatusFinished)
	if v.attachments(h.ID)["display"].HostNic.ID != v.nics(h.ID)["eth2"].ID {
		t.Fatal("the change was not applied")
	}
}

// TestNetChangeAborted: a change whose engine stops while vdsm waits ends
// with its job aborted and 10904, changes nothing and frees the host.
func TestNetChangeAborted(t *testing.T) {
	cut := map[string]any{"modified_network_attachments": map[string]any{"network_attachment": []any{att("ovirtmgmt", "", ip4("none", "", "", ""), ip6("none", "", "", ""))}},
		"connectivity_timeout": 3600}
	cases := []struct {
		name  string
		abort func(v *tenv, cancel context.CancelFunc)
		reply int // the client's status; 0: it went away
	}{
		{"engine stops", func(v *tenv, _ context.CancelFunc) { v.e.Stop() }, 503},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := newEnv(t)
			h := v.hostByName("host0")
			before := v.snapshot(h.ID)
			from := v.lastEventIndex()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			body, err := ovirt.MarshalWithSecrets(cut)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequestWithContext(ctx, "POST", v.srv.URL+ovirt.Prefix+"/hosts/"+h.ID+"/setupnetworks", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+v.token)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json")
			type result struct {
				status int
				body   string
			}
			done := make(chan result, 1)
			go func() {
				resp, err := v.srv.Client().Do(req)
				if err != nil {
					done <- result{}
					return
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				done <- result{resp.StatusCode, string(b)}
			}()
			eventually(t, 5*time.Second, func() bool { return len(v.eventsSince(from)) == 1 })
			c.abort(v, cancel)
			select {
			case r := <-done:
				if r.status != c.reply {
					t.Fatalf("reply %d %s, want %d", r.status, r.body, c.reply)
				}
				if c.reply == 503 && r.body != `{"reason":"Operation Failed","detail":"[Failed to setup networks on host host0: the engine is shutting down; no change was applied.]"}` {
					t.Fatalf("body %s", r.body)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the change kept waiting")
			}
			eventually(t, 5*time.Second, func() bool { return len(v.eventsSince(from)) == 2 })
			if got := eventCodes(v.eventsSince(from)); !slices.Equal(got, []int64{10902, 10904}) {
				t.Fatalf("events %v", got)
			}
			var jobs ovirt.Jobs
			v.must(200, "GET", "/jobs?max=1", nil, &jobs)
			job, steps := v.jobWithSteps(jobs.Job[0].ID)
			checkJob(t, job, steps, "host0", ovirt.JobStatusAborted, ovirt.JobStatusAborted)
			if !bytes.Equal(before, v.snapshot(h.ID)) {
				t.Fatal("an aborted change left changes")
			}
			if c.reply == 503 {
				// Stopped: new changes are refused, reads still work.
				v.fault(503, "Operation Failed", "[The engine is shutting down. Please try later.]", "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth1", ip6("autoconf", "", "", ""))))
				return
			}
			v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth1", ip6("autoconf", "", "", ""))), nil)
		})
	}
}

// TestNetChangeFailsAfterStart: a change that fails once its job runs
// (here the host's state moved under it) ends its job failed with 10904.
func TestNetChangeFailsAfterStart(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	from := v.lastEventIndex()
	v.e.beforeApply = func(id string) {
		// Another writer bumps the host's network state version.
		if err := v.e.st.Update(context.Background(), func(tx *store.Tx) error {
			hc, err := v.e.loadHostCtx(tx, id)
			if err != nil {
				return err
			}
			return saveHostNet(tx, hc.hn)
		}); err != nil {
			t.Error(err)
		}
	}
	v.fault(409, "Operation Failed", "["+msgInProgress+"]", "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth2", ip6("autoconf", "", "", ""))))
	if got := eventCodes(v.eventsSince(from)); !slices.Equal(got, []int64{10902, 10904}) {
		t.Fatalf("events %v", got)
	}
	var jobs ovirt.Jobs
	v.must(200, "GET", "/jobs?max=1", nil, &jobs)
	job, steps := v.jobWithSteps(jobs.Job[0].ID)
	checkJob(t, job, steps, "host2", ovirt.JobStatusFailed, ovirt.JobStatusFailed)
	if _, ok := v.nics(h.ID)["eth2.100"]; ok {
		t.Fatal("the failed change was applied")
	}
}

// TestNetJobRecoveredOnOpen: a job left started by a crash is failed, with
// 10904, when the engine opens again.
func TestNetJobRecoveredOnOpen(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir)
	h := v.hostByName("host1")
	j, err := v.e.startNetJob(context.Background(), h, "crash-1")
	if err != nil {
		t.Fatal(err)
	}
	from := v.lastEventIndex() - 1
	v.close()
	v2 := openEnv(t, dir)
	job, steps := v2.jobWithSteps(j.JobID)
	checkJob(t, job, steps, "host1", ovirt.JobStatusFailed, ovirt.JobStatusFailed)
	evs := v2.eventsSince(from)
	if got := eventCodes(evs); !slices.Equal(got, []int64{10902, 10904}) || evs[1].CorrelationID != "crash-1" || evs[1].Host.ID != h.ID {
		t.Fatalf("events %+v", evs)
	}
	v2.close()
	v3 := openEnv(t, dir) // once only
	if got := eventCodes(v3.eventsSince(from)); len(got) != 2 {
		t.Fatalf("events after a second restart %v", got)
	}
}
