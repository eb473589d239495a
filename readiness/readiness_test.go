package readiness

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

// names is a test resolver: name → addresses (missing: not found).
type names map[string][]string

func (n names) LookupNetIP(_ context.Context, network, host string) ([]netip.Addr, error) {
	if network != "ip" {
		return nil, errors.New("unexpected network " + network)
	}
	ss, ok := n[host]
	if !ok {
		return nil, errors.New("lookup " + host + ": no such host")
	}
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

var testNames = names{
	"both.example.org":  {"192.0.2.5", "2001:db8::5"},
	"aonly.example.org": {"192.0.2.6"},
	"v6.example.org":    {"2001:db8::7"},
}

// att describes one attachment of the test host.
type att struct {
	net          string
	v4, v6       ovirt.BootProtocol
	want4, want6 string // configured static address
	gw6          string // configured IPv6 gateway
	rep4, rep6   string // reported addresses
	repGw6       string // reported IPv6 gateway
	outOfSync    []ovirt.ReportedConfiguration
}

// lab builds a snapshot: one data center "DC", cluster "C" with networks
// mgmt (management, default route), disp (display), mig (migration), data
// (no role, MTU mtu) and a host h0 addressed by addr with the given
// attachments, OS version osv.
type lab struct {
	addr    string
	osv     string
	mtu     int
	atts    []att
	agents  []string
	sd      string // storage address
	iscsi   string // iSCSI LUN address
	prov    string // provider URL
	engine  string
	vmAddrs []string
	host2   []att // a second host h1
}

func (l lab) snapshot() Snapshot {
	dc := ovirt.DataCenter{ID: "dc", Name: "DC"}
	cl := ovirt.Cluster{ID: "c", Name: "C", DataCenter: ovirt.DataCenterRef("dc")}
	mk := func(id string, mtu int, u ...ovirt.NetworkUsage) ovirt.Network {
		return ovirt.Network{ID: id, Name: id, DataCenter: ovirt.DataCenterRef("dc"), Mtu: ovirt.NewInt(mtu), Usages: &ovirt.NetworkUsages{Usage: u}}
	}
	nets := []ovirt.Network{
		mk("mgmt", 0, ovirt.NetworkUsageManagement, ovirt.NetworkUsageDefaultRoute, ovirt.NetworkUsageVM),
		mk("disp", 0, ovirt.NetworkUsageDisplay),
		mk("mig", 0, ovirt.NetworkUsageMigration),
		mk("data", l.mtu),
	}
	s := Snapshot{EngineURL: l.engine, DataCenters: []ovirt.DataCenter{dc}, Clusters: []ovirt.Cluster{cl},
		ClusterNetworks: map[string][]ovirt.Network{"c": nets}, Networks: nets}
	osv := l.osv
	if osv == "" {
		osv = "9.4 - 1.el9"
	}
	host := func(id, addr string, atts []att) HostData {
		hd := HostData{Host: ovirt.Host{ID: id, Name: id, Address: addr, Cluster: ovirt.ClusterRef("c"),
			Os: &ovirt.OperatingSystem{Type: "RHEL", Version: &ovirt.Version{FullVersion: osv}}}}
		for i, a := range atts {
			nic := "eth" + string(rune('0'+i))
			dev := ovirt.HostNic{ID: id + nic, Name: nic, Network: ovirt.NetworkRef(a.net), Ipv6BootProtocol: a.v6, BootProtocol: a.v4}
			if a.rep4 != "" {
				dev.Ip = &ovirt.Ip{Address: a.rep4, Version: ovirt.IpVersionV4}
			}
			if a.rep6 != "" || a.repGw6 != "" {
				dev.Ipv6 = &ovirt.Ip{Address: a.rep6, Gateway: a.repGw6, Netmask: "64", Version: ovirt.IpVersionV6}
			}
			hd.NICs = append(hd.NICs, dev)
			na := ovirt.NetworkAttachment{ID: id + "-" + a.net, Network: ovirt.NetworkRef(a.net), HostNic: &ovirt.HostNic{ID: dev.ID, Name: nic},
				InSync: ovirt.NewBool(true), IpAddressAssignments: &ovirt.IpAddressAssignments{}}
			v4, v6 := a.v4, a.v6
			if v4 == "" {
				v4 = ovirt.BootProtocolNone
			}
			if v6 == "" {
				v6 = ovirt.BootProtocolNone
			}
			na.IpAddressAssignments.IpAddressAssignment = []ovirt.IpAddressAssignment{
				{AssignmentMethod: v4, Ip: &ovirt.Ip{Address: a.want4, Version: ovirt.IpVersionV4}},
				{AssignmentMethod: v6, Ip: &ovirt.Ip{Address: a.want6, Netmask: "64", Gateway: a.gw6, Version: ovirt.IpVersionV6}},
			}
			if a.outOfSync != nil {
				na.InSync = ovirt.NewBool(false)
				na.ReportedConfigurations = &ovirt.ReportedConfigurations{ReportedConfiguration: a.outOfSync}
			}
			hd.Attachments = append(hd.Attachments, na)
		}
		return hd
	}
	addr := l.addr
	if addr == "" {
		addr = "2001:db8::10"
	}
	h0 := host("h0", addr, l.atts)
	for i, a := range l.agents {
		h0.Agents = append(h0.Agents, ovirt.Agent{ID: "ag" + string(rune('0'+i)), Type: "ipmilan", Address: a})
	}
	s.Hosts = append(s.Hosts, h0)
	if l.host2 != nil {
		s.Hosts = append(s.Hosts, host("h1", "2001:db8::11", l.host2))
	}
	if l.sd != "" {
		s.StorageDomains = append(s.StorageDomains, ovirt.StorageDomain{ID: "sd", Name: "nfs", DataCenter: ovirt.DataCenterRef("dc"),
			Storage: &ovirt.HostStorage{Type: ovirt.StorageTypeNFS, Address: l.sd, Path: "/exports/data"}})
	}
	if l.iscsi != "" {
		s.StorageDomains = append(s.StorageDomains, ovirt.StorageDomain{ID: "sd2", Name: "iscsi", DataCenters: &ovirt.DataCenters{DataCenter: []ovirt.DataCenter{{ID: "dc"}}},
			Storage: &ovirt.HostStorage{Type: ovirt.StorageTypeISCSI, LogicalUnits: &ovirt.LogicalUnits{LogicalUnit: []ovirt.LogicalUnit{{ID: "lun0", Address: l.iscsi, Port: ovirt.NewInt(3260)}}}}})
	}
	if l.prov != "" {
		s.NetworkProviders = append(s.NetworkProviders, ovirt.OpenStackNetworkProvider{ID: "p", Name: "ovn", Url: l.prov})
	}
	if l.vmAddrs != nil {
		var ips []ovirt.Ip
		for _, a := range l.vmAddrs {
			ips = append(ips, ovirt.Ip{Address: a})
		}
		s.VMs = append(s.VMs, VMData{VM: ovirt.Vm{ID: "vm", Name: "vm0", Status: ovirt.VmStatusUp, Cluster: ovirt.ClusterRef("c")},
			NICs: []ovirt.Nic{{ID: "n", Name: "nic1", ReportedDevices: &ovirt.ReportedDevices{ReportedDevice: []ovirt.ReportedDevice{{Name: "eth0", Ips: &ovirt.Ips{Ip: ips}}}}}}})
	}
	return s
}

// good is an attachment with nothing to report: static IPv6 only.
func good(net, addr string) att {
	return att{net: net, v6: ovirt.BootProtocolStatic, want6: addr, rep6: addr}
}

var goodMgmt = att{net: "mgmt", v6: ovirt.BootProtocolStatic, want6: "2001:db8::10", rep6: "2001:db8::10", gw6: "2001:db8::1", repGw6: "2001:db8::1"}

func fired(rep Report, id string) []Finding {
	var out []Finding
	for _, f := range rep.Findings {
		if f.Check == id {
			out = append(out, f)
		}
	}
	return out
}

func TestChecks(t *testing.T) {
	sync := func(name, exp, act string) ovirt.ReportedConfiguration {
		return ovirt.ReportedConfiguration{Name: name, ExpectedValue: exp, ActualValue: act, InSync: ovirt.NewBool(false)}
	}
	tests := []struct {
		name  string
		lab   lab
		check string
		fires bool
		in    string // a text the finding's What contains
	}{
		{"host by IPv4 literal", lab{addr: "192.0.2.10", atts: []att{goodMgmt}}, CheckIPv4Literal, true, "192.0.2.10"},
		{"host by IPv4-mapped literal", lab{addr: "::ffff:192.0.2.10", atts: []att{goodMgmt}}, CheckIPv4Literal, true, "192.0.2.10"},
		{"host by IPv6 literal", lab{addr: "[2001:DB8::10]", atts: []att{goodMgmt}}, CheckIPv4Literal, false, ""},
		{"fence agent by IPv4", lab{atts: []att{goodMgmt}, agents: []string{"192.0.2.112"}}, CheckIPv4Literal, true, "Fence agent ipmilan : 192.0.2.112"},
		{"storage by IPv4", lab{atts: []att{goodMgmt}, sd: "192.0.2.60"}, CheckIPv4Literal, true, "Storage connection nfs"},
		{"iSCSI LUN by IPv4", lab{atts: []att{goodMgmt}, iscsi: "192.0.2.61"}, CheckIPv4Literal, true, "192.0.2.61"},
		{"storage by bracketed IPv6", lab{atts: []att{goodMgmt}, sd: "[2001:db8::60]"}, CheckIPv4Literal, false, ""},
		{"provider by IPv4 URL", lab{atts: []att{goodMgmt}, prov: "https://192.0.2.70:9696"}, CheckIPv4Literal, true, "Provider ovn"},
		{"engine by IPv4 URL", lab{atts: []att{goodMgmt}, engine: "https://192.0.2.2/ovirt-engine/api"}, CheckIPv4Literal, true, "The engine is addressed"},
		{"engine by IPv6 URL", lab{atts: []att{goodMgmt}, engine: "https://[2001:db8::2]/ovirt-engine/api"}, CheckIPv4Literal, false, ""},
		{"name with A only", lab{addr: "aonly.example.org", atts: []att{goodMgmt}}, CheckNameAOnly, true, "A records only (192.0.2.6)"},
		{"name with AAAA only: no A-only", lab{addr: "v6.example.org", atts: []att{goodMgmt}}, CheckNameAOnly, false, ""},
		{"name with both", lab{addr: "Both.example.org.", atts: []att{goodMgmt}}, CheckNameAAndAAAA, true, "A (192.0.2.5) and AAAA (2001:db8::5)"},
		{"name with AAAA only: no trap", lab{addr: "v6.example.org", atts: []att{goodMgmt}}, CheckNameAAndAAAA, false, ""},
		{"unresolved name", lab{addr: "gone.example.org", atts: []att{goodMgmt}}, CheckNameUnresolved, true, "does not resolve"},
		{"provider name unresolved", lab{atts: []att{goodMgmt}, prov: "https://gone.example.org:9696"}, CheckNameUnresolved, true, "Provider ovn"},
		{"resolved name", lab{addr: "v6.example.org", atts: []att{goodMgmt}}, CheckNameUnresolved, false, ""},
		{"duplicate IPv6 across hosts", lab{atts: []att{goodMgmt, good("data", "2001:db8:1::5")}, host2: []att{good("data", "2001:db8:1:0:0:0:0:5")}}, CheckDuplicateIPv6, true, "2001:db8:1::5 is reported on h"},
		{"different IPv6 across hosts", lab{atts: []att{goodMgmt, good("data", "2001:db8:1::5")}, host2: []att{good("data", "2001:db8:1::6")}}, CheckDuplicateIPv6, false, ""},
		{"same link-local on two hosts is fine", lab{atts: []att{goodMgmt, good("data", "fe80::1")}, host2: []att{good("data", "fe80::1")}}, CheckDuplicateIPv6, false, ""},
		{"display with IPv6 none", lab{atts: []att{goodMgmt, {net: "disp", v4: ovirt.BootProtocolStatic, want4: "192.0.2.20", rep4: "192.0.2.20", v6: ovirt.BootProtocolNone}}}, CheckRoleNoGlobalIPv6, true, "The display network disp has no IPv6"},
		{"role-less network with IPv6 none", lab{atts: []att{goodMgmt, {net: "data", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.20"}}}, CheckRoleNoGlobalIPv6, false, ""},
		{"boot protocol none", lab{atts: []att{goodMgmt, {net: "data", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.20"}}}, CheckBootProtocolNone, true, "is None"},
		{"boot protocol static", lab{atts: []att{goodMgmt}}, CheckBootProtocolNone, false, ""},
		{"migration with link-local only", lab{atts: []att{goodMgmt, {net: "mig", v6: ovirt.BootProtocolAutoconf}}}, CheckLinkLocalOnly, true, "only a link-local"},
		{"migration with SLAAC global", lab{atts: []att{goodMgmt, {net: "mig", v6: ovirt.BootProtocolAutoconf, rep6: "2001:db8:2::5"}}}, CheckLinkLocalOnly, false, ""},
		{"migration dual-stack", lab{atts: []att{goodMgmt, {net: "mig", v4: ovirt.BootProtocolStatic, rep4: "192.0.2.30", v6: ovirt.BootProtocolStatic, want6: "2001:db8:3::5", rep6: "2001:db8:3::5"}}}, CheckMigrationUsesIPv4, true, "192.0.2.30 and 2001:db8:3::5"},
		{"migration IPv6 only", lab{atts: []att{goodMgmt, good("mig", "2001:db8:3::5")}}, CheckMigrationUsesIPv4, false, ""},
		{"display dual-stack", lab{atts: []att{goodMgmt, {net: "disp", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.31", v6: ovirt.BootProtocolDHCP, rep6: "2001:db8:4::5"}}}, CheckDisplayUsesIPv4, true, "display network disp is dual-stack"},
		{"display IPv4 only is not dual", lab{atts: []att{goodMgmt, {net: "disp", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.31", v6: ovirt.BootProtocolAutoconf}}}, CheckDisplayUsesIPv4, false, ""},
		{"gateway on a non-default-route network", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:5::5", rep6: "2001:db8:5::5", gw6: "2001:DB8:5::1"}}}, CheckGatewayNotDefault, true, "IPv6 gateway 2001:db8:5::1"},
		{"gateway on the default-route network", lab{atts: []att{goodMgmt}}, CheckGatewayNotDefault, false, ""},
		{"default route without gateway", lab{atts: []att{{net: "mgmt", v6: ovirt.BootProtocolStatic, want6: "2001:db8::10", rep6: "2001:db8::10", repGw6: "::"}}}, CheckDefaultRouteNoGW, true, "reported: \"::\""},
		{"default route autoconf, router reported", lab{atts: []att{{net: "mgmt", v6: ovirt.BootProtocolAutoconf, rep6: "2001:db8::10", repGw6: "fe80::1"}}}, CheckDefaultRouteNoGW, false, ""},
		{"default route autoconf, no router", lab{atts: []att{{net: "mgmt", v6: ovirt.BootProtocolAutoconf, rep6: "2001:db8::10", repGw6: "::"}}}, CheckDefaultRouteNoGW, true, "no IPv6 gateway"},
		{"gateway configured as ::", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:5::5", rep6: "2001:db8:5::5", gw6: "0:0::0"}}}, CheckUnspecifiedGateway, true, "\"::\""},
		{"gateway :: is not a gateway elsewhere", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:5::5", rep6: "2001:db8:5::5", gw6: "::"}}}, CheckGatewayNotDefault, false, ""},
		{"real gateway is not ::", lab{atts: []att{goodMgmt}}, CheckUnspecifiedGateway, false, ""},
		{"MTU 1200 with IPv6", lab{mtu: 1200, atts: []att{goodMgmt, good("data", "2001:db8:6::5")}}, CheckMTUBelow1280, true, "MTU of 1200"},
		{"MTU 1200 without IPv6", lab{mtu: 1200, atts: []att{goodMgmt, {net: "data", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.9"}}}, CheckMTUBelow1280, false, ""},
		{"MTU 1280 with IPv6", lab{mtu: 1280, atts: []att{goodMgmt, good("data", "2001:db8:6::5")}}, CheckMTUBelow1280, false, ""},
		{"MTU default with IPv6", lab{atts: []att{goodMgmt, good("data", "2001:db8:6::5")}}, CheckMTUBelow1280, false, ""},
		{"autoconf on el8", lab{osv: "8.6 - 1.el8", atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolAutoconf, rep6: "2001:db8:7::5"}}}, CheckAutoconfEl8, true, "runs RHEL 8.6 - 1.el8"},
		{"autoconf on el9", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolAutoconf, rep6: "2001:db8:7::5"}}}, CheckAutoconfEl8, false, ""},
		{"DHCPv6 on el8", lab{osv: "8.6 - 1.el8", atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolDHCP, rep6: "2001:db8:7::5"}}}, CheckAutoconfEl8, false, ""},
		{"out of sync address", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:8::5", rep6: "2001:db8:8::9",
			outOfSync: []ovirt.ReportedConfiguration{sync("ipv6_address", "2001:DB8:8:0:0:0:0:5", "2001:db8:8::9"), sync("mtu", "1500", "9000")}}}}, CheckOutOfSync, true, "ipv6_address 2001:db8:8::5 → 2001:db8:8::9"},
		{"out of sync only in spelling", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:8::5", rep6: "2001:db8:8::5",
			outOfSync: []ovirt.ReportedConfiguration{sync("ipv6_address", "2001:0db8:8::5", "2001:db8:8:0:0:0:0:5"), sync("ipv6_gateway", "", "::")}}}}, CheckOutOfSync, false, ""},
		{"out of sync in IPv4 only", lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:8::5", rep6: "2001:db8:8::5",
			outOfSync: []ovirt.ReportedConfiguration{sync("ipv4_address", "192.0.2.1", "192.0.2.2")}}}}, CheckOutOfSync, false, ""},
		{"VM with IPv4 and link-local", lab{atts: []att{goodMgmt}, vmAddrs: []string{"192.0.2.80", "fe80::5%eth0"}}, CheckVMNoGlobalIPv6, true, "192.0.2.80, fe80::5%eth0"},
		{"VM with global IPv6", lab{atts: []att{goodMgmt}, vmAddrs: []string{"192.0.2.80", "2001:db8:9::5"}}, CheckVMNoGlobalIPv6, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Run(context.Background(), tc.lab.snapshot(), testNames)
			got := fired(rep, tc.check)
			if (len(got) > 0) != tc.fires {
				t.Fatalf("%s fired %d times, want fires=%v; findings: %+v", tc.check, len(got), tc.fires, rep.Findings)
			}
			for _, f := range got {
				if !strings.Contains(f.What, tc.in) {
					t.Errorf("What = %q, want it to contain %q", f.What, tc.in)
				}
				if f.Why == "" || f.How == "" || f.Fix.Dialog == "" || f.Severity != checkByID(tc.check).Severity {
					t.Errorf("incomplete finding: %+v", f)
				}
			}
		})
	}
}

// TestEveryCheckTested keeps the table above covering every check, both ways.
func TestEveryCheckTested(t *testing.T) {
	if len(Checks) != 17 {
		t.Errorf("%d checks: update the test table", len(Checks))
	}
	seen := map[string]bool{}
	for _, c := range Checks {
		if seen[c.ID] {
			t.Errorf("duplicate check id %s", c.ID)
		}
		seen[c.ID] = true
		if !strings.HasPrefix(c.ID, "v6.") || strings.ToLower(c.ID) != c.ID {
			t.Errorf("check id %q is not of the form v6.<object>.<what>", c.ID)
		}
	}
}

func TestOutOfSyncDiff(t *testing.T) {
	rc := []ovirt.ReportedConfiguration{
		{Name: "ipv6_boot_protocol", ExpectedValue: "STATIC_IP", ActualValue: "AUTOCONF", InSync: ovirt.NewBool(false)},
		{Name: "ipv6_prefix", ExpectedValue: "64", ActualValue: "/64", InSync: ovirt.NewBool(false)},
		{Name: "ipv6_gateway", ExpectedValue: "2001:db8:8:0::1", ActualValue: "::", InSync: ovirt.NewBool(false)},
		{Name: "ipv6_address", ExpectedValue: "2001:db8:8::5", ActualValue: "2001:db8:8::5", InSync: ovirt.NewBool(true)},
	}
	l := lab{atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:8::5", outOfSync: rc}}}
	got := fired(Run(context.Background(), l.snapshot(), nil), CheckOutOfSync)
	if len(got) != 1 {
		t.Fatalf("findings %+v", got)
	}
	want := []FieldDiff{{"ipv6_boot_protocol", "STATIC_IP", "AUTOCONF"}, {"ipv6_gateway", "2001:db8:8::1", ""}}
	if !slices.Equal(got[0].Diff, want) {
		t.Errorf("diff = %+v, want %+v", got[0].Diff, want)
	}
	if got[0].Fix.Dialog != DialogSyncNetwork || got[0].Fix.Network != "data" || got[0].Fix.HostID != "h0" {
		t.Errorf("fix = %+v", got[0].Fix)
	}
}

func TestFamiliesAndScores(t *testing.T) {
	l := lab{addr: "2001:db8::10", atts: []att{goodMgmt, {net: "disp", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.31", v6: ovirt.BootProtocolDHCP, rep6: "2001:db8:4::5"}},
		agents: []string{"192.0.2.112"}, sd: "[2001:db8::60]", prov: "https://both.example.org:9696", engine: "https://[2001:db8::2]/ovirt-engine/api",
		vmAddrs: []string{"fe80::5%eth0"}}
	rep := Run(context.Background(), l.snapshot(), testNames)
	fam := map[string]Family{}
	for _, o := range rep.Objects {
		fam[string(o.Kind)+":"+o.Name] = o.Family
	}
	want := map[string]Family{
		"engine:engine":                     FamilyIPv6,
		"host:h0":                           FamilyDual,
		"attachment:h0/mgmt on eth0":        FamilyIPv6,
		"attachment:h0/disp on eth1":        FamilyDual,
		"fence-agent:ipmilan : 192.0.2.112": FamilyIPv4,
		"network:mgmt":                      FamilyIPv6,
		"network:disp":                      FamilyDual,
		"network:mig":                       FamilyNone,
		"storage-connection:nfs (nfs [2001:db8::60]:/exports/data)": FamilyIPv6,
		"provider:ovn":   FamilyDual,
		"vm:vm0":         FamilyNone,
		"data-center:DC": FamilyDual,
		"cluster:C":      FamilyDual,
	}
	for k, f := range want {
		if got, ok := fam[k]; !ok || got != f {
			t.Errorf("%s: family %v (present %v), want %v", k, got, ok, f)
		}
	}
	// Addresses are RFC 5952 with their scope.
	for _, o := range rep.Objects {
		if o.Kind == KindStorage && (len(o.Addresses) != 1 || o.Addresses[0].Text != "2001:db8::60" || o.Addresses[0].Scope.String() != "documentation") {
			t.Errorf("storage addresses %+v", o.Addresses)
		}
	}
	n := len(rep.Objects)
	overall := rep.Scores[len(rep.Scores)-1]
	if overall.DataCenter != "" || overall.Total() != n {
		t.Errorf("overall %+v, %d objects", overall, n)
	}
	dc := rep.Scores[0]
	// Everything but the engine and the provider is in DC.
	if dc.DataCenter != "DC" || dc.Total() != n-2 || dc.IPv6Only+1 != overall.IPv6Only || dc.DualStack+1 != overall.DualStack {
		t.Errorf("DC %+v, overall %+v", dc, overall)
	}
}

func TestFilter(t *testing.T) {
	l := lab{addr: "192.0.2.10", atts: []att{goodMgmt, {net: "data", v4: ovirt.BootProtocolDHCP, rep4: "192.0.2.20"}}, sd: "192.0.2.60"}
	snap := l.snapshot()
	rep := Run(context.Background(), snap, nil)
	tests := []struct {
		name     string
		f        Filter
		objs     int
		findings []string
	}{
		{"everything", Filter{}, len(rep.Objects), nil},
		{"storage", Filter{Kinds: []Kind{KindStorage}}, 1, []string{CheckIPv4Literal}},
		{"warnings on attachments", Filter{Kinds: []Kind{KindAttachment}, Severities: []Severity{Warning}}, 2, []string{CheckBootProtocolNone}},
		{"IPv4-only objects, blockers", Filter{Families: []Family{FamilyIPv4}, Severities: []Severity{Blocker}}, -1, []string{CheckIPv4Literal}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.f.Apply(rep, snap.DataCenters)
			if tc.objs >= 0 && len(got.Objects) != tc.objs {
				t.Errorf("%d objects, want %d", len(got.Objects), tc.objs)
			}
			for _, o := range got.Objects {
				if (len(tc.f.Kinds) > 0 && !slices.Contains(tc.f.Kinds, o.Kind)) || (len(tc.f.Families) > 0 && !slices.Contains(tc.f.Families, o.Family)) {
					t.Errorf("kept %s %s (%v)", o.Kind, o.Name, o.Family)
				}
			}
			if tc.findings != nil {
				var ids []string
				for _, f := range got.Findings {
					if !slices.Contains(ids, f.Check) {
						ids = append(ids, f.Check)
					}
				}
				if !slices.Equal(ids, tc.findings) {
					t.Errorf("findings %v, want %v", ids, tc.findings)
				}
			} else if len(got.Findings) != len(rep.Findings) {
				t.Errorf("%d findings, want all %d", len(got.Findings), len(rep.Findings))
			}
			if s := got.Scores[len(got.Scores)-1]; s.Total() != len(got.Objects) {
				t.Errorf("overall score %+v for %d objects", s, len(got.Objects))
			}
		})
	}
	if len(rep.Findings) == 0 || len(Filter{Kinds: []Kind{KindProvider}}.Apply(rep, snap.DataCenters).Findings) != 0 {
		t.Error("filtering by kind keeps other kinds' findings")
	}
}

func TestWriteCSV(t *testing.T) {
	l := lab{addr: "192.0.2.10", atts: []att{goodMgmt, {net: "data", v6: ovirt.BootProtocolStatic, want6: "2001:db8:8::5",
		outOfSync: []ovirt.ReportedConfiguration{{Name: "ipv6_address", ExpectedValue: "2001:db8:8::5", ActualValue: "2001:db8:8::9", InSync: ovirt.NewBool(false)}}}}}
	rep := Run(context.Background(), l.snapshot(), nil)
	var b bytes.Buffer
	if err := WriteCSV(&b, rep); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"check_id", "severity", "object_kind", "object_id", "object_name", "data_center", "host", "family", "addresses", "what", "why", "how", "fix_dialog", "fix_target", "diff"}) {
		t.Errorf("header %q", rows[0])
	}
	if len(rows) != len(rep.Findings)+1 {
		t.Fatalf("%d rows for %d findings", len(rows), len(rep.Findings))
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[0]] = r
	}
	if r := byID[CheckIPv4Literal]; r == nil || r[1] != "blocker" || r[2] != "host" || r[3] != "h0" || r[8] != "192.0.2.10" || r[12] != "edit-host" || r[13] != "h0" {
		t.Errorf("ipv4 row %q", r)
	}
	if r := byID[CheckOutOfSync]; r == nil || r[12] != "sync-network" || r[14] != "ipv6_address 2001:db8:8::5→2001:db8:8::9" || r[6] != "h0" {
		t.Errorf("sync row %q", r)
	}
}

func TestParseFamilySeverity(t *testing.T) {
	for _, f := range []Family{FamilyNone, FamilyIPv4, FamilyDual, FamilyIPv6} {
		if g, ok := ParseFamily(f.String()); !ok || g != f {
			t.Errorf("ParseFamily(%q) = %v, %v", f, g, ok)
		}
	}
	for _, s := range []Severity{Blocker, Warning} {
		if g, ok := ParseSeverity(s.String()); !ok || g != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, g, ok)
		}
	}
	if _, ok := ParseFamily("ipv5"); ok {
		t.Error("ParseFamily accepted ipv5")
	}
}
