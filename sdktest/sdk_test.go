package sdktest

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	ovirtsdk "github.com/ovirt/go-ovirt"

	"v6admin/engine/embedded"
)

const password = "sdk-test-password"

// startEngine opens a fresh built-in engine (the seeded lab) and serves it
// on [::1] over HTTP; it returns the API URL.
func startEngine(t testing.TB) string {
	t.Helper()
	e, err := embedded.Open(context.Background(), embedded.Config{
		DataDir: t.TempDir(), AdminPassword: password, InstallDelay: 20 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = srv.Close()
		if err := e.Close(); err != nil {
			t.Error(err)
		}
	})
	return "http://" + ln.Addr().String() + "/ovirt-engine/api"
}

// connect logs in with go-ovirt as a user of a real engine does.
func connect(t testing.TB, url string) *ovirtsdk.Connection {
	t.Helper()
	conn, err := ovirtsdk.NewConnectionBuilder().URL(url).Username(embedded.AdminUser).Password(password).
		Insecure(true).Compress(true).Timeout(30 * time.Second).Build()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := conn.Close(); err != nil {
			t.Errorf("logout: %v", err)
		}
	})
	return conn
}

// hostByName finds a host with a search, as SDK users do.
func hostByName(t *testing.T, conn *ovirtsdk.Connection, name string) *ovirtsdk.Host {
	t.Helper()
	resp, err := conn.SystemService().HostsService().List().Search("name=" + name).Send()
	if err != nil {
		t.Fatal(err)
	}
	hs := resp.MustHosts().Slice()
	if len(hs) != 1 {
		t.Fatalf("search name=%s: %d hosts", name, len(hs))
	}
	return hs[0]
}

func mustIPv6(t *testing.T, what, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() || a.Is4In6() {
		t.Fatalf("%s: %q is not an IPv6 address", what, s)
	}
	if a.String() != s {
		t.Fatalf("%s: %q is not in RFC 5952 form (%s)", what, s, a)
	}
	return a
}

func TestLoginAndRoot(t *testing.T) {
	conn := connect(t, startEngine(t))
	if err := conn.Test(); err != nil {
		t.Fatal(err)
	}
	resp, err := conn.SystemService().Get().Send()
	if err != nil {
		t.Fatal(err)
	}
	api := resp.MustApi()
	pi := api.MustProductInfo()
	if pi.MustVersion().MustMajor() != 4 || pi.MustName() == "" {
		t.Fatalf("product_info %+v", pi)
	}
	if _, ok := api.SpecialObjects(); !ok {
		t.Fatal("the API root has no special_objects")
	}
	if api.MustSummary().MustHosts().MustTotal() != 3 {
		t.Fatalf("summary: %d hosts", api.MustSummary().MustHosts().MustTotal())
	}
}

func TestWrongPassword(t *testing.T) {
	url := startEngine(t)
	conn, err := ovirtsdk.NewConnectionBuilder().URL(url).Username(embedded.AdminUser).Password("wrong").Insecure(true).Build()
	if err != nil {
		t.Fatal(err)
	}
	err = conn.Test()
	var ae *ovirtsdk.AuthError
	if !errors.As(err, &ae) {
		t.Fatalf("a wrong password: %v (%T), want an AuthError", err, err)
	}
}

// TestHostsNICsAttachments lists hosts, their NICs and network
// attachments and reads their IPv6 addresses.
func TestHostsNICsAttachments(t *testing.T) {
	conn := connect(t, startEngine(t))
	hosts := conn.SystemService().HostsService()
	resp, err := hosts.List().Send()
	if err != nil {
		t.Fatal(err)
	}
	list := resp.MustHosts().Slice()
	if len(list) != 3 {
		t.Fatalf("%d hosts", len(list))
	}
	v6 := 0
	for _, h := range list {
		if h.MustStatus() != ovirtsdk.HOSTSTATUS_UP {
			t.Errorf("%s: status %s", h.MustName(), h.MustStatus())
		}
		if a, err := netip.ParseAddr(h.MustAddress()); err == nil && a.Is6() {
			mustIPv6(t, h.MustName()+" address", h.MustAddress())
			v6++
		}
		if _, ok := h.Cluster(); !ok {
			t.Errorf("%s: no cluster", h.MustName())
		}
	}
	if v6 == 0 {
		t.Fatal("no host is reached at an IPv6 address")
	}
	h0 := hostByName(t, conn, "host0")
	nicsResp, err := hosts.HostService(h0.MustId()).NicsService().List().Send()
	if err != nil {
		t.Fatal(err)
	}
	nicV6 := 0
	for _, nic := range nicsResp.MustNics().Slice() {
		if ip, ok := nic.Ipv6(); ok {
			if addr, ok := ip.Address(); ok && addr != "" {
				mustIPv6(t, nic.MustName()+" ipv6", addr)
				if ip.MustVersion() != ovirtsdk.IPVERSION_V6 {
					t.Errorf("%s: ipv6 version %s", nic.MustName(), ip.MustVersion())
				}
				nicV6++
			}
		}
	}
	if nicV6 == 0 {
		t.Fatal("host0 reports no NIC with an IPv6 address")
	}
	attResp, err := hosts.HostService(h0.MustId()).NetworkAttachmentsService().List().Send()
	if err != nil {
		t.Fatal(err)
	}
	assigned := 0
	for _, a := range attResp.MustAttachments().Slice() {
		if _, ok := a.Network(); !ok {
			t.Errorf("attachment %s has no network", a.MustId())
		}
		if as, ok := a.IpAddressAssignments(); ok {
			for _, ia := range as.Slice() {
				if ip, ok := ia.Ip(); ok && ip.MustVersion() == ovirtsdk.IPVERSION_V6 {
					assigned++
				}
			}
		}
	}
	if assigned == 0 {
		t.Fatal("no network attachment of host0 has an IPv6 assignment")
	}
}

// TestAddHostByIPv6Literal adds a host by its IPv6 address: 201 with the
// host installing, then up.
func TestAddHostByIPv6Literal(t *testing.T) {
	conn := connect(t, startEngine(t))
	h0 := hostByName(t, conn, "host0")
	hosts := conn.SystemService().HostsService()
	h, err := ovirtsdk.NewHostBuilder().Name("sdk-host").Address("2001:db8:10::99").RootPassword("secret").
		Cluster(ovirtsdk.NewClusterBuilder().Id(h0.MustCluster().MustId()).MustBuild()).Build()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hosts.Add().Host(h).Send()
	if err != nil {
		t.Fatal(err)
	}
	added := resp.MustHost()
	if added.MustAddress() != "2001:db8:10::99" || added.MustName() != "sdk-host" || added.MustStatus() != ovirtsdk.HOSTSTATUS_INSTALLING {
		t.Fatalf("added %s at %s, status %s", added.MustName(), added.MustAddress(), added.MustStatus())
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := hosts.HostService(added.MustId()).Get().Send()
		if err != nil {
			t.Fatal(err)
		}
		if got.MustHost().MustStatus() == ovirtsdk.HOSTSTATUS_UP {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the host stays %s", got.MustHost().MustStatus())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The same address again is refused as a real engine refuses it.
	dup := ovirtsdk.NewHostBuilder().Name("sdk-host-2").Address("2001:DB8:10:0::99").RootPassword("secret").
		Cluster(ovirtsdk.NewClusterBuilder().Id(h0.MustCluster().MustId()).MustBuild()).MustBuild()
	_, err = hosts.Add().Host(dup).Send()
	if err == nil || !strings.Contains(err.Error(), "Cannot add Host") {
		t.Fatalf("a second host at the same address: %v", err)
	}
}

// nicAttachment is a network attachment of network on the NIC nic.
func nicAttachment(network, nic string, assignments ...*ovirtsdk.IpAddressAssignment) *ovirtsdk.NetworkAttachment {
	b := ovirtsdk.NewNetworkAttachmentBuilder().Network(ovirtsdk.NewNetworkBuilder().Name(network).MustBuild()).
		IpAddressAssignmentsOfAny(assignments...)
	if nic != "" {
		b.HostNic(ovirtsdk.NewHostNicBuilder().Name(nic).MustBuild())
	}
	return b.MustBuild()
}

func assignment(method ovirtsdk.BootProtocol, version ovirtsdk.IpVersion, addr, prefix string) *ovirtsdk.IpAddressAssignment {
	ip := ovirtsdk.NewIpBuilder().Version(version)
	if addr != "" {
		ip.Address(addr)
	}
	if prefix != "" {
		ip.Netmask(prefix)
	}
	return ovirtsdk.NewIpAddressAssignmentBuilder().AssignmentMethod(method).Ip(ip.MustBuild()).MustBuild()
}

// nicByName reads a host's NICs.
func nicByName(t *testing.T, hs *ovirtsdk.HostService, name string) *ovirtsdk.HostNic {
	t.Helper()
	resp, err := hs.NicsService().List().Send()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range resp.MustNics().Slice() {
		if n.MustName() == name {
			return n
		}
	}
	t.Fatalf("no NIC %s", name)
	return nil
}

func TestSetupNetworksStaticIPv6(t *testing.T) {
	conn := connect(t, startEngine(t))
	h2 := hostByName(t, conn, "host2")
	hs := conn.SystemService().HostsService().HostService(h2.MustId())
	resp, err := hs.SetupNetworks().
		ModifiedNetworkAttachmentsOfAny(nicAttachment("display", "eth2",
			assignment(ovirtsdk.BOOTPROTOCOL_NONE, ovirtsdk.IPVERSION_V4, "", ""),
			assignment(ovirtsdk.BOOTPROTOCOL_STATIC, ovirtsdk.IPVERSION_V6, "2001:db8:100::55", "64"))).
		CheckConnectivity(true).ConnectivityTimeout(120).CommitOnSuccess(true).Send()
	if err != nil {
		t.Fatal(err)
	}
	_ = resp
	nic := nicByName(t, hs, "eth2.100")
	if nic.MustIpv6BootProtocol() != ovirtsdk.BOOTPROTOCOL_STATIC || nic.MustIpv6().MustAddress() != "2001:db8:100::55" || nic.MustIpv6().MustNetmask() != "64" {
		t.Fatalf("eth2.100: %s %s/%s", nic.MustIpv6BootProtocol(), nic.MustIpv6().MustAddress(), nic.MustIpv6().MustNetmask())
	}
	// An IPv6 address where a prefix belongs: the engine's message.
	_, err = hs.SetupNetworks().ModifiedNetworkAttachmentsOfAny(nicAttachment("display", "eth2",
		assignment(ovirtsdk.BOOTPROTOCOL_STATIC, ovirtsdk.IPVERSION_V6, "2001:db8:100::56", "ffff:ffff:ffff:ffff::"))).Send()
	if err == nil || !strings.Contains(err.Error(), "IPv6 prefix has to be integer number. 'ffff:ffff:ffff:ffff::' is not a valid value") {
		t.Fatalf("a netmask as an IPv6 prefix: %v", err)
	}
}

func TestSetupNetworksDHCPv6Autoconf(t *testing.T) {
	conn := connect(t, startEngine(t))
	h2 := hostByName(t, conn, "host2")
	hs := conn.SystemService().HostsService().HostService(h2.MustId())
	for _, method := range []ovirtsdk.BootProtocol{ovirtsdk.BOOTPROTOCOL_POLY_DHCP_AUTOCONF, ovirtsdk.BOOTPROTOCOL_AUTOCONF, ovirtsdk.BOOTPROTOCOL_DHCP} {
		t.Run(string(method), func(t *testing.T) {
			_, err := hs.SetupNetworks().ModifiedNetworkAttachmentsOfAny(nicAttachment("storage", "",
				assignment(ovirtsdk.BOOTPROTOCOL_NONE, ovirtsdk.IPVERSION_V4, "", ""),
				assignment(method, ovirtsdk.IPVERSION_V6, "", ""))).Send()
			if err != nil {
				t.Fatal(err)
			}
			nic := nicByName(t, hs, "eth1.200")
			if nic.MustIpv6BootProtocol() != method {
				t.Fatalf("ipv6_boot_protocol %s", nic.MustIpv6BootProtocol())
			}
			a := mustIPv6(t, "eth1.200 ipv6", nic.MustIpv6().MustAddress())
			if !netip.MustParsePrefix("2001:db8:200::/64").Contains(a) {
				t.Fatalf("%s is not on the storage network's prefix", a)
			}
			want := "64" // SLAAC
			if method == ovirtsdk.BOOTPROTOCOL_DHCP {
				want = "128" // a DHCPv6 lease
			}
			if nic.MustIpv6().MustNetmask() != want {
				t.Fatalf("prefix %s, want %s", nic.MustIpv6().MustNetmask(), want)
			}
		})
	}
}

// TestFenceAgentIPv6: an agent at an IPv6 BMC, then a fence status.
func TestFenceAgentIPv6(t *testing.T) {
	conn := connect(t, startEngine(t))
	h2 := hostByName(t, conn, "host2")
	hs := conn.SystemService().HostsService().HostService(h2.MustId())
	agent := ovirtsdk.NewAgentBuilder().Type("ipmilan").Address(embedded.SeedBMCHost2).Username("admin").Password("secret").
		Order(1).Port(623).MustBuild()
	resp, err := hs.FenceAgentsService().Add().Agent(agent).Send()
	if err != nil {
		t.Fatal(err)
	}
	added := resp.MustAgent()
	if added.MustAddress() != embedded.SeedBMCHost2 || added.MustType() != "ipmilan" || added.MustPort() != 623 {
		t.Fatalf("agent %s at %s:%d", added.MustType(), added.MustAddress(), added.MustPort())
	}
	if _, ok := added.Password(); ok {
		t.Fatal("the engine echoed the agent's password")
	}
	st, err := hs.Fence().FenceType("status").Send()
	if err != nil {
		t.Fatal(err)
	}
	if st.MustPowerManagement().MustStatus() != ovirtsdk.POWERMANAGEMENTSTATUS_ON {
		t.Fatalf("power status %s", st.MustPowerManagement().MustStatus())
	}
	// An agent at an address nothing answers: the failed action.
	h0 := hostByName(t, conn, "host0")
	bad := ovirtsdk.NewAgentBuilder().Type("ipmilan").Address("2001:db8:99::1").Username("admin").Password("x").Order(2).MustBuild()
	hs0 := conn.SystemService().HostsService().HostService(h0.MustId())
	if _, err := hs0.FenceAgentsService().Add().Agent(bad).Send(); err != nil {
		t.Fatal(err)
	}
	agents, err := hs0.FenceAgentsService().List().Send()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(agents.MustAgents().Slice()); n != 2 {
		t.Fatalf("host0 has %d agents", n)
	}
}

// TestNFSDomainBracketedIPv6: an NFS domain on [IPv6]:/path.
func TestNFSDomainBracketedIPv6(t *testing.T) {
	conn := connect(t, startEngine(t))
	sds := conn.SystemService().StorageDomainsService()
	add := func(name, addr, path string) (*ovirtsdk.StorageDomain, error) {
		sd := ovirtsdk.NewStorageDomainBuilder().Name(name).Type(ovirtsdk.STORAGEDOMAINTYPE_DATA).
			Host(ovirtsdk.NewHostBuilder().Name("host0").MustBuild()).
			Storage(ovirtsdk.NewHostStorageBuilder().Type(ovirtsdk.STORAGETYPE_NFS).Address(addr).Path(path).NfsVersion(ovirtsdk.NFSVERSION_V4_2).MustBuild()).
			MustBuild()
		resp, err := sds.Add().StorageDomain(sd).Send()
		if err != nil {
			return nil, err
		}
		return resp.MustStorageDomain(), nil
	}
	sd, err := add("sdk-nfs", embedded.SeedNFSServerLab, "/exports/iso")
	if err != nil {
		t.Fatal(err)
	}
	if sd.MustStorage().MustAddress() != embedded.SeedNFSServerLab || sd.MustStorage().MustPath() != "/exports/iso" || sd.MustStorage().MustType() != ovirtsdk.STORAGETYPE_NFS {
		t.Fatalf("storage %s:%s", sd.MustStorage().MustAddress(), sd.MustStorage().MustPath())
	}
	// Without brackets the engine refuses the mount path.
	_, err = add("sdk-nfs-2", strings.Trim(embedded.SeedNFSServerLab, "[]"), "/exports/export")
	if err == nil || !strings.Contains(err.Error(), "Mount path is illegal") {
		t.Fatalf("a bare IPv6 NFS server: %v", err)
	}
}

// TestISCSIDiscoveryIPv6 discovers the lab's targets on an IPv6 portal.
func TestISCSIDiscoveryIPv6(t *testing.T) {
	conn := connect(t, startEngine(t))
	h0 := hostByName(t, conn, "host0")
	hs := conn.SystemService().HostsService().HostService(h0.MustId())
	resp, err := hs.DiscoverIscsi().Iscsi(ovirtsdk.NewIscsiDetailsBuilder().Address(embedded.SeedISCSIPortal).Port(3260).MustBuild()).Send()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range resp.MustDiscoveredTargets().Slice() {
		if d.MustTarget() == embedded.SeedISCSITarget {
			found = true
			mustIPv6(t, "portal", d.MustAddress())
			if d.MustPort() != 3260 {
				t.Errorf("port %d", d.MustPort())
			}
		}
	}
	if !found {
		t.Fatalf("target %s not discovered", embedded.SeedISCSITarget)
	}
	empty, err := hs.DiscoverIscsi().Iscsi(ovirtsdk.NewIscsiDetailsBuilder().Address(embedded.SeedISCSIEmptyPortal).Port(3260).MustBuild()).Send()
	if err != nil {
		t.Fatal(err)
	}
	if ts, ok := empty.DiscoveredTargets(); ok && len(ts.Slice()) != 0 {
		t.Fatalf("the empty portal answered %d targets", len(ts.Slice()))
	}
}

// TestExternalProviderIPv6URL adds a network provider by an IPv6 URL and
// tests its connectivity.
func TestExternalProviderIPv6URL(t *testing.T) {
	conn := connect(t, startEngine(t))
	ps := conn.SystemService().OpenstackNetworkProvidersService()
	p := ovirtsdk.NewOpenStackNetworkProviderBuilder().Name("sdk-ovn").Url(embedded.SeedHTTPProviderURL).
		Type(ovirtsdk.OPENSTACKNETWORKPROVIDERTYPE_EXTERNAL).ExternalPluginType("ovirt-provider-ovn").
		RequiresAuthentication(false).MustBuild()
	resp, err := ps.Add().Provider(p).Send()
	if err != nil {
		t.Fatal(err)
	}
	added := resp.MustProvider()
	if added.MustUrl() != embedded.SeedHTTPProviderURL {
		t.Fatalf("url %s", added.MustUrl())
	}
	if _, err := ps.ProviderService(added.MustId()).TestConnectivity().Send(); err != nil {
		t.Fatalf("testconnectivity: %v", err)
	}
	list, err := ps.List().Send()
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{}
	for _, p := range list.MustProviders().Slice() {
		urls = append(urls, p.MustUrl())
	}
	if !slices.Contains(urls, embedded.SeedHTTPProviderURL) || !slices.Contains(urls, embedded.SeedOVNURL) {
		t.Fatalf("providers %v", urls)
	}
}

// TestEvents: the events of a host add, newest first, with max and search.
func TestEvents(t *testing.T) {
	conn := connect(t, startEngine(t))
	evs := conn.SystemService().EventsService()
	resp, err := evs.List().Max(5).Send()
	if err != nil {
		t.Fatal(err)
	}
	list := resp.MustEvents().Slice()
	if len(list) == 0 || len(list) > 5 {
		t.Fatalf("%d events with max=5", len(list))
	}
	for i, e := range list {
		if e.MustDescription() == "" || e.MustTime().IsZero() {
			t.Errorf("event %s: description %q time %v", e.MustId(), e.MustDescription(), e.MustTime())
		}
		if i > 0 && e.MustTime().After(list[i-1].MustTime()) {
			t.Errorf("events not newest first")
		}
	}
	h0 := hostByName(t, conn, "host0")
	upd := ovirtsdk.NewHostBuilder().Comment("updated by go-ovirt").MustBuild()
	if _, err := conn.SystemService().HostsService().HostService(h0.MustId()).Update().Host(upd).Send(); err != nil {
		t.Fatal(err)
	}
	after, err := evs.List().Max(1).Send()
	if err != nil {
		t.Fatal(err)
	}
	newest := after.MustEvents().Slice()
	if len(newest) != 1 || newest[0].MustCode() != 43 || newest[0].MustDescription() != "Host host0 configuration was updated by admin@internal-authz." ||
		newest[0].MustHost().MustId() != h0.MustId() {
		t.Fatalf("the newest event after a host update: %+v", newest)
	}
}
