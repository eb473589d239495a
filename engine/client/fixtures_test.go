package client

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/engine/replay"
)

// TestFixtures makes every call of the fixture set (engine/fixtures) with
// the client against the replay engine, which answers each with its fixture
// in the real engine's shape, and checks the decoded values v6admin uses.
// Every fixture file must be decoded by a case here.
func TestFixtures(t *testing.T) {
	srv := httptest.NewServer(replay.New(replay.WithToken("replay-token")))
	t.Cleanup(srv.Close)
	c := newClient(t, srv)
	s := c.WithToken("replay-token")
	ctx := context.Background()
	const h0 = fixtures.Host0

	tests := []struct {
		call  string // fixtures.Call.Name()
		check func(t *testing.T) error
	}{
		{"GET ", func(t *testing.T) error {
			a, err := s.API(ctx)
			if err == nil && (a.ProductInfo.Version.Major.Value() != 4 || a.ProductInfo.Version.Minor.Value() != 5 ||
				a.ProductInfo.Version.FullVersion != "4.5.7-1.el9" || a.Time.Millis() != 1765065600123) {
				t.Errorf("api = %+v", a.ProductInfo)
			}
			return err
		}},
		{"GET /hosts", func(t *testing.T) error {
			hs, err := s.ListHosts(ctx, ListOptions{})
			if err == nil && (len(hs) != 2 || hs[0].Name != "host0" || hs[0].Address != "2001:db8:10::11" ||
				hs[0].Status != ovirt.HostStatusUp || hs[0].Cluster.ID != fixtures.ClusterDefault ||
				hs[1].Status != ovirt.HostStatusMaintenance || hs[1].Cluster.ID != fixtures.ClusterEdge ||
				hs[0].Port.Value() != 54321 || hs[0].Memory.Value() != 404683177984 || hs[0].Cpu.Speed.Value() != 2100 ||
				!hs[0].PowerManagement.Enabled.Value() || hs[1].PowerManagement.Enabled.Value()) {
				t.Errorf("hosts = %+v", hs)
			}
			return err
		}},
		{"POST /hosts", func(t *testing.T) error {
			h, err := s.AddHost(ctx, &ovirt.Host{Name: "host2", Address: "2001:db8:10::13"}, AddHostOptions{})
			if err == nil && (h.Name != "host2" || h.Status != ovirt.HostStatusInstalling || h.Cluster.ID != fixtures.ClusterDefault) {
				t.Errorf("added %+v", h)
			}
			return err
		}},
		{"GET /hosts/" + h0, func(t *testing.T) error {
			h, err := s.GetHost(ctx, h0)
			if err == nil && (h.Name != "host0" || h.Spm.Status != ovirt.SpmStatusSpm || h.Ssh.Port.Value() != 22) {
				t.Errorf("host = %+v", h)
			}
			if l, ok := h.Actions.Find("setupnetworks"); !ok || l.Href != ovirt.Href("hosts", h0, "setupnetworks") {
				t.Errorf("setupnetworks link = %v %v", l, ok)
			}
			return err
		}},
		{"PUT /hosts/" + h0, func(t *testing.T) error {
			h, err := s.UpdateHost(ctx, h0, &ovirt.Host{Port: ovirt.NewInt(54321)})
			if err == nil && h.Port.Value() != 54321 {
				t.Errorf("updated %+v", h)
			}
			return err
		}},
		{"POST /hosts/" + h0 + "/activate", actionCheck(func() (*ovirt.Action, error) { return s.ActivateHost(ctx, h0) })},
		{"POST /hosts/" + h0 + "/deactivate", actionCheck(func() (*ovirt.Action, error) { return s.DeactivateHost(ctx, h0) })},
		{"POST /hosts/" + h0 + "/commitnetconfig", actionCheck(func() (*ovirt.Action, error) { return s.CommitNetConfig(ctx, h0) })},
		{"POST /hosts/" + h0 + "/syncallnetworks", actionCheck(func() (*ovirt.Action, error) { return s.SyncAllNetworks(ctx, h0) })},
		{"POST /hosts/" + h0 + "/fence", func(t *testing.T) error {
			a, err := s.FenceHost(ctx, h0, ovirt.FenceTypeStatus)
			if err == nil && (a.Status != ovirt.ActionStatusComplete || a.PowerManagement.Status != ovirt.PowerStateOn) {
				t.Errorf("fence = %+v", a)
			}
			return err
		}},
		{"POST /hosts/" + h0 + "/setupnetworks", func(t *testing.T) error {
			a, err := s.SetupNetworks(ctx, h0, &ovirt.Action{CheckConnectivity: ovirt.NewBool(true)})
			if err == nil && (a.Status != ovirt.ActionStatusComplete || a.Job == nil || a.Job.ID != fixtures.Job) {
				t.Errorf("setupnetworks = %+v", a)
			}
			return err
		}},
		{"POST /hosts/" + h0 + "/discoveriscsi", func(t *testing.T) error {
			ts, err := s.DiscoverISCSI(ctx, h0, &ovirt.IscsiDetails{Address: "2001:db8::30", Port: ovirt.NewInt(3260)})
			if err == nil && (len(ts) != 3 || ts[0].Portal != "[2001:db8::30]:3260,1" || TPGT(ts[0].Portal) != "1" ||
				ts[1].Portal != "192.0.2.30:3260,1" || TPGT(ts[2].Portal) != "2" || ts[0].Port.Value() != 3260 ||
				ts[0].Target != "iqn.2003-01.org.linux-iscsi.storage.x8664:sn.lab0") {
				t.Errorf("targets = %+v", ts)
			}
			return err
		}},
		{"POST /hosts/" + h0 + "/iscsilogin", actionCheck(func() (*ovirt.Action, error) {
			return s.ISCSILogin(ctx, h0, &ovirt.IscsiDetails{Address: "2001:db8::30", Portal: "[2001:db8::30]:3260,1"})
		})},
		{"GET /hosts/" + h0 + "/nics?follow=statistics", func(t *testing.T) error {
			ns, err := s.ListHostNICsWithStatistics(ctx, h0)
			if err != nil {
				return err
			}
			checkNICs(t, ns)
			for _, n := range ns {
				if n.Statistics == nil || len(n.Statistics.Statistic) != 6 {
					t.Errorf("%s statistics = %+v", n.Name, n.Statistics)
				}
			}
			if d := ns[0].Statistics.Statistic[0]; d.Name != "data.current.rx" || d.Values.Value[0].Datum.Value() != 1000.5 {
				t.Errorf("eth0 rx = %+v", d)
			}
			return nil
		}},
		{"GET /hosts/" + h0 + "/nics", func(t *testing.T) error {
			ns, err := s.ListHostNICs(ctx, h0)
			if err == nil {
				checkNICs(t, ns)
				if ns[0].Statistics != nil {
					t.Error("plain NIC list with statistics")
				}
			}
			return err
		}},
		{"GET /hosts/" + h0 + "/nics/" + fixtures.NicEth0 + "/statistics", func(t *testing.T) error {
			st, err := s.HostNICStatistics(ctx, h0, fixtures.NicEth0)
			if err == nil && (len(st) != 6 || st[2].Values.Value[0].Datum.Value() != 36018000 || st[2].Unit != "bytes") {
				t.Errorf("statistics = %+v", st)
			}
			return err
		}},
		{"GET /hosts/" + h0 + "/networkattachments", func(t *testing.T) error {
			as, err := s.ListNetworkAttachments(ctx, h0)
			if err != nil {
				return err
			}
			if len(as) != 3 || as[0].Network.ID == "" || as[0].Network.Name != "" || as[0].HostNic.ID != fixtures.NicEth0 ||
				as[0].HostNic.Name != "" || !as[0].InSync.Value() {
				t.Errorf("attachments = %+v", as)
			}
			v6 := as[0].IpAddressAssignments.IpAddressAssignment[1]
			if v6.AssignmentMethod != ovirt.BootProtocolStatic || v6.Ip.Address != "2001:db8:10::11" || v6.Ip.Netmask != "64" ||
				v6.Ip.Gateway != "2001:db8:10::1" || v6.Ip.Version != ovirt.IpVersionV6 {
				t.Errorf("eth0 IPv6 assignment = %+v", v6)
			}
			if m := as[2].IpAddressAssignments.IpAddressAssignment[1].AssignmentMethod; m != ovirt.BootProtocolAutoconf {
				t.Errorf("eth2 IPv6 method = %q", m)
			}
			if ns := as[0].DnsResolverConfiguration.NameServers.NameServer; len(ns) != 1 || ns[0] != "2001:db8:10::53" {
				t.Errorf("name servers = %v", ns)
			}
			return nil
		}},
		{"GET /hosts/" + h0 + "/fenceagents", func(t *testing.T) error {
			as, err := s.ListFenceAgents(ctx, h0)
			if err == nil && (len(as) != 2 || as[0].Address != "2001:db8:0:1::21" || as[0].Port.Value() != 623 ||
				as[0].Order.Value() != as[1].Order.Value() || len(as[0].Options.Option) != 1 || as[0].Options.Option[0].Name != "lanplus" ||
				as[0].Type != "ipmilan") {
				t.Errorf("agents = %+v", as)
			}
			return err
		}},
		{"GET /hosts/" + h0 + "/fenceagents/" + fixtures.Agent0, func(t *testing.T) error {
			a, err := s.GetFenceAgent(ctx, h0, fixtures.Agent0)
			if err == nil && (a.ID != fixtures.Agent0 || a.Port.Value() != 623 || a.EncryptOptions.Value()) {
				t.Errorf("agent = %+v", a)
			}
			return err
		}},
		{"GET /hosts/" + h0 + "/storage", func(t *testing.T) error {
			hs, err := s.ListHostStorage(ctx, h0)
			if err == nil {
				lu := hs[0].LogicalUnits.LogicalUnit
				if len(hs) != 1 || hs[0].Type != ovirt.StorageTypeISCSI || len(lu) != 1 || lu[0].Address != "2001:db8::30" ||
					lu[0].Size.Value() != 107374182400 || lu[0].Status != ovirt.LunStatusFree {
					t.Errorf("host storage = %+v", hs)
				}
			}
			return err
		}},
		{"GET /clusters", func(t *testing.T) error {
			cs, err := s.ListClusters(ctx, ListOptions{})
			if err == nil && (len(cs) != 2 || cs[0].Name != "Default" || cs[1].Name != "Edge" || cs[1].ID != fixtures.ClusterEdge ||
				cs[0].DataCenter.ID != fixtures.DataCenter || cs[0].Version.Minor.Value() != 7 ||
				cs[0].FencingPolicy.SkipIfGlusterBricksUp.Value()) {
				t.Errorf("clusters = %+v", cs)
			}
			return err
		}},
		{"GET /clusters/" + fixtures.ClusterDefault + "/networks", func(t *testing.T) error {
			ns, err := s.ListClusterNetworks(ctx, fixtures.ClusterDefault)
			if err == nil && (len(ns) != 3 || ns[0].Name != "ovirtmgmt" || !ns[0].Display.Value() || ns[1].Vlan.ID.Value() != 200 ||
				ns[1].Required.Value() || ns[0].Status != ovirt.NetworkStatusOperational || len(ns[0].Usages.Usage) != 3) {
				t.Errorf("cluster networks = %+v", ns)
			}
			return err
		}},
		{"GET /networks", func(t *testing.T) error {
			ns, err := s.ListNetworks(ctx, ListOptions{})
			if err == nil && (len(ns) != 3 || ns[2].Name != "vm-net" || ns[0].Mtu.Value() != 0 || ns[1].Mtu.Value() != 1500 ||
				ns[0].DataCenter.ID != fixtures.DataCenter) {
				t.Errorf("networks = %+v", ns)
			}
			return err
		}},
		{"GET /datacenters", func(t *testing.T) error {
			ds, err := s.ListDataCenters(ctx, ListOptions{})
			if err == nil && (len(ds) != 1 || ds[0].Name != "Default" || ds[0].Status != ovirt.DataCenterStatusUp || ds[0].Local.Value()) {
				t.Errorf("data centers = %+v", ds)
			}
			return err
		}},
		{"GET /storagedomains", func(t *testing.T) error {
			sds, err := s.ListStorageDomains(ctx, ListOptions{})
			if err != nil {
				return err
			}
			want := map[string]ovirt.StorageDomainStatus{"nfs-data": ovirt.StorageDomainStatusActive, "nfs-spare": ovirt.StorageDomainStatusUnattached,
				"iscsi-data": ovirt.StorageDomainStatusMaintenance}
			for _, sd := range sds {
				if sd.Status != want[sd.Name] || sd.Status == "" {
					t.Errorf("%s status %q, want %q", sd.Name, sd.Status, want[sd.Name])
				}
			}
			if len(sds) != 3 || sds[0].Available.Value() != 1717986918400 || sds[0].Storage.Address != "[2001:db8:200::60]" ||
				sds[2].Storage.Type != ovirt.StorageTypeISCSI || sds[2].Storage.VolumeGroup.LogicalUnits.LogicalUnit[0].Address != "2001:db8::30" {
				t.Errorf("domains = %+v", sds)
			}
			return nil
		}},
		{"GET /datacenters/" + fixtures.DataCenter + "/storagedomains", nil}, // read by GET /storagedomains above
		{"GET /openstacknetworkproviders", func(t *testing.T) error {
			ps, err := s.ListOpenStackNetworkProviders(ctx, ListOptions{})
			if err == nil && (len(ps) != 1 || ps[0].Name != "ovirt-provider-ovn" || ps[0].Url != "https://[2001:db8::70]:9696" ||
				ps[0].AuthenticationUrl != "https://[2001:db8::70]:35357/v2.0" || !ps[0].RequiresAuthentication.Value()) {
				t.Errorf("providers = %+v", ps)
			}
			return err
		}},
		{"GET /openstacknetworkproviders/" + fixtures.NetworkProvider, func(t *testing.T) error {
			p, err := s.GetOpenStackNetworkProvider(ctx, fixtures.NetworkProvider)
			if err == nil && (p.ID != fixtures.NetworkProvider || p.ExternalPluginType != "ovirt-provider-ovn") {
				t.Errorf("provider = %+v", p)
			}
			return err
		}},
		{"GET /openstacknetworkproviders/" + fixtures.NetworkProvider + "/certificates", func(t *testing.T) error {
			cs, err := s.ListProviderCertificates(ctx, ProviderKindNetwork, fixtures.NetworkProvider)
			if err != nil {
				return err
			}
			if len(cs) != 2 || cs[0].Subject != "CN=ovn.lab.example.com, O=v6admin lab" {
				t.Fatalf("certificates = %+v", cs)
			}
			for _, c := range cs {
				der, err := base64.StdEncoding.DecodeString(c.Content)
				if err != nil {
					t.Fatalf("content of %s: %v", c.Subject, err)
				}
				if _, err := x509.ParseCertificate(der); err != nil {
					t.Errorf("%s: %v", c.Subject, err)
				}
			}
			return nil
		}},
		{"POST /openstacknetworkproviders/" + fixtures.NetworkProvider + "/importcertificates", actionCheck(func() (*ovirt.Action, error) {
			return s.ImportProviderCertificates(ctx, ProviderKindNetwork, fixtures.NetworkProvider, []ovirt.Certificate{{Content: "MIIB"}})
		})},
		{"GET /externalhostproviders", func(t *testing.T) error {
			ps, err := s.ListExternalHostProviders(ctx, ListOptions{})
			if err == nil && (len(ps) != 1 || ps[0].Name != "foreman" || ps[0].Url != "https://[2001:db8::71]") {
				t.Errorf("providers = %+v", ps)
			}
			return err
		}},
		{"GET /externalhostproviders/" + fixtures.HostProvider, func(t *testing.T) error {
			p, err := s.GetExternalHostProvider(ctx, fixtures.HostProvider)
			if err == nil && p.Username != "admin" {
				t.Errorf("provider = %+v", p)
			}
			return err
		}},
		{"GET /externalhostproviders/" + fixtures.HostProvider + "/certificates", func(t *testing.T) error {
			cs, err := s.ListProviderCertificates(ctx, ProviderKindHost, fixtures.HostProvider)
			if err == nil && len(cs) != 0 { // unreachable: 200 with an empty list
				t.Errorf("certificates = %+v", cs)
			}
			return err
		}},
		{"POST /externalhostproviders/" + fixtures.HostProvider + "/testconnectivity", actionCheck(func() (*ovirt.Action, error) {
			return s.TestExternalHostProvider(ctx, fixtures.HostProvider)
		})},
		{"GET /events", func(t *testing.T) error {
			es, err := s.ListEvents(ctx, EventsOptions{Search: "sortby time desc", Max: 1})
			if err == nil && (len(es) != 3 || es[2].Vm.ID != fixtures.Vm0 || es[0].Index.Value() != 4102 || es[0].Code.Value() != 13 || es[0].Time.Millis() != 1765065600000 ||
				es[0].User.ID == "" || es[0].User.Name != "" || es[0].Host.ID != h0 || es[1].Severity != ovirt.LogSeverityWarning) {
				t.Errorf("events = %+v", es)
			}
			return err
		}},
		{"GET /jobs", func(t *testing.T) error {
			js, err := s.ListJobs(ctx, ListOptions{})
			if err == nil && (len(js) != 1 || js[0].Status != ovirt.JobStatusFinished || js[0].EndTime.Millis() != 1765065600321) {
				t.Errorf("jobs = %+v", js)
			}
			return err
		}},
		{"GET /jobs/" + fixtures.Job, func(t *testing.T) error {
			j, err := s.GetJob(ctx, fixtures.Job)
			if err == nil && (j.Description != "Activating Host host0" || !j.AutoCleared.Value()) {
				t.Errorf("job = %+v", j)
			}
			return err
		}},
		{"GET /jobs/" + fixtures.Job + "/steps", func(t *testing.T) error {
			st, err := s.ListJobSteps(ctx, fixtures.Job)
			if err == nil && (len(st) != 1 || st[0].Number.Value() != 1 || st[0].Type != ovirt.StepTypeExecuting) {
				t.Errorf("steps = %+v", st)
			}
			return err
		}},
		{"GET " + fixtures.PKIResourcePath + "?resource=engine-certificate&format=OPENSSH-PUBKEY", func(t *testing.T) error {
			key, err := c.EngineSSHPublicKey(ctx)
			if err == nil && (!strings.HasPrefix(key, "ssh-rsa AAAAB3NzaC1yc2E") || key != strings.TrimSpace(string(fixtures.Read("pki_engine_ssh_key.txt")))) {
				t.Errorf("key = %q", key)
			}
			return err
		}},
		{"POST " + fixtures.SSOTokenPath, func(t *testing.T) error {
			tok, err := c.Login(ctx, "admin@internal", replay.Password)
			if err == nil && (tok.AccessToken.Reveal() == "" || tok.ExpiresAt.Year() < 9999) {
				t.Errorf("token expires %v", tok.ExpiresAt)
			}
			return err
		}},
	}
	tests = append(tests, vmFixtureCases(ctx, s)...)
	covered := map[string]bool{}
	for _, tc := range tests {
		covered[tc.call] = true
		if tc.check == nil {
			continue
		}
		t.Run(tc.call, func(t *testing.T) {
			if err := tc.check(t); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, c := range fixtures.Calls {
		if c.Status < 300 && !covered[c.Name()] {
			t.Errorf("%s (%s) is decoded by no case", c.Name(), c.File)
		}
	}
}

// actionCheck calls an action and checks the action answer: status complete.
func actionCheck(call func() (*ovirt.Action, error)) func(t *testing.T) error {
	return func(t *testing.T) error {
		a, err := call()
		if err == nil && (a.Status != ovirt.ActionStatusComplete || a.Err() != nil) {
			t.Errorf("action = %+v", a)
		}
		return err
	}
}

// checkNICs checks host0's NICs (host_nics.json): IPv6 addresses, the "::"
// and link-local gateways, references by id only, the bond's slaves.
func checkNICs(t *testing.T, ns []ovirt.HostNic) {
	t.Helper()
	by := map[string]ovirt.HostNic{}
	for _, n := range ns {
		by[n.Name] = n
	}
	if len(ns) != 7 {
		t.Fatalf("%d NICs", len(ns))
	}
	eth0, vlan, eth2, bond := by["eth0"], by["eth1.200"], by["eth2"], by["bond0"]
	if eth0.Ipv6.Address != "2001:db8:10::11" || eth0.Ipv6.Netmask != "64" || eth0.Ipv6.Gateway != "2001:db8:10::1" ||
		eth0.Ip != nil || eth0.Network.ID == "" || eth0.Network.Name != "" || !eth0.Bridged.Value() || eth0.Speed.Value() != 10000000000 ||
		eth0.Mac.Address != "52:54:00:6a:10:00" || eth0.Mtu.Value() != 1500 || eth0.Ipv6BootProtocol != ovirt.BootProtocolStatic {
		t.Errorf("eth0 = %+v", eth0)
	}
	if vlan.Ipv6.Gateway != "::" || vlan.Ip.Address != "192.0.2.11" || vlan.Vlan.ID.Value() != 200 || vlan.BaseInterface != "eth1" {
		t.Errorf("eth1.200 = %+v", vlan)
	}
	if eth2.Ipv6.Gateway != "fe80::1" || eth2.Ipv6BootProtocol != ovirt.BootProtocolAutoconf {
		t.Errorf("eth2 = %+v", eth2)
	}
	sl := bond.Bonding.Slaves.HostNic
	if len(sl) != 2 || sl[0].ID != by["eth3"].ID || sl[0].Name != "" || len(bond.Bonding.Options.Option) != 2 {
		t.Errorf("bond0 = %+v", bond.Bonding)
	}
	if by["eth4"].Status != ovirt.NicStatusDown {
		t.Errorf("eth4 status %q", by["eth4"].Status)
	}
}

// TestFixtureFaults decodes every fault of the fixture set as the client
// reports it: the status, the engine's reason and detail.
func TestFixtureFaults(t *testing.T) {
	tests := []struct {
		file   string
		status int
		call   func(s *Session) error
		is     error
		detail string
	}{
		{"fault_syntax.json", 400, func(s *Session) error {
			_, err := s.AddHost(context.Background(), &ovirt.Host{Name: "x"}, AddHostOptions{})
			return err
		},
			ErrBadRequest, "For correct usage, see:"},
		{"fault_conflict.json", 409, func(s *Session) error {
			_, err := s.AddHost(context.Background(), &ovirt.Host{Name: "x"}, AddHostOptions{})
			return err
		},
			ErrConflict, "[Cannot add Host. The Host name is already in use"},
		{"action_failed.json", 409, func(s *Session) error {
			_, err := s.ISCSILogin(context.Background(), fixtures.Host0, &ovirt.IscsiDetails{Portal: "1"})
			return err
		}, ErrConflict, "[Cannot login to iSCSI target."},
		{"fault_incomplete_parameters.json", 400, func(s *Session) error {
			_, err := s.AddHost(context.Background(), &ovirt.Host{Address: "2001:db8:10::13"}, AddHostOptions{})
			return err
		}, ErrBadRequest, "Host [name] required for add"},
		{"fault_invalid_value.json", 400, func(s *Session) error {
			_, err := s.SetupNetworks(context.Background(), fixtures.Host0, &ovirt.Action{})
			return err
		}, ErrBadRequest, "IPv6 prefix has to be integer number."},
		{"setupnetworks_failed.json", 400, func(s *Session) error {
			_, err := s.SetupNetworks(context.Background(), fixtures.Host0, &ovirt.Action{})
			return err
		}, ErrBadRequest, "[Insufficient ip configuration of Network attachment"},
		{"testconnectivity_failed.json", 400, func(s *Session) error {
			_, err := s.TestOpenStackNetworkProvider(context.Background(), fixtures.NetworkProvider)
			return err
		}, ErrBadRequest, "[Failed to communicate with the external provider"},
		{"fault_not_found.json", 404, func(s *Session) error { _, err := s.GetHost(context.Background(), "0123"); return err },
			ErrNotFound, "Entity not found: 0123"},
	}
	tests = append(tests, vmFaultCases()...)
	listed := map[string]bool{}
	for _, c := range fixtures.Calls {
		if c.Status >= 300 && strings.HasPrefix(c.Path, "/") && c.Path != fixtures.SSOTokenPath {
			listed[c.File] = true
		}
	}
	for _, tc := range tests {
		delete(listed, tc.file)
		t.Run(tc.file, func(t *testing.T) {
			f, srv := startEngine(t)
			f.Reply("*", tc.status, string(fixtures.Read(tc.file)))
			err := tc.call(newClient(t, srv).WithToken(testToken))
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tc.is) || e.Status != tc.status || !strings.Contains(e.Detail, tc.detail) || e.Reason == "" {
				t.Fatalf("err = %#v", err)
			}
		})
	}
	for f := range listed {
		t.Errorf("fault %s has no case", f)
	}

	// The SSO's refusal (sso_error.json) and an API request without a
	// token (401, no body, as the engine's filter answers).
	srv := httptest.NewServer(replay.New())
	t.Cleanup(srv.Close)
	c := newClient(t, srv)
	if _, err := c.Login(context.Background(), "admin@internal", "wrong"); err == nil || !strings.Contains(err.Error(), "The username or password is incorrect") {
		t.Errorf("login with a wrong password: %v", err)
	}
	if _, err := c.WithToken("").ListHosts(context.Background(), ListOptions{}); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("no token: %v", err)
	}
	if k, err := c.ProbeSSO(context.Background()); k != SSOInternal || err != nil {
		t.Errorf("ProbeSSO = %q, %v", k, err)
	}
}

// TestFixtureBroken: the replay engine's deliberately broken answer fails
// with the JSON path of the member it breaks.
func TestFixtureBroken(t *testing.T) {
	srv := httptest.NewServer(replay.New(replay.WithBrokenNICs(), replay.WithToken("t")))
	t.Cleanup(srv.Close)
	_, err := newClient(t, srv).WithToken("t").ListHostNICsWithStatistics(context.Background(), fixtures.Host1)
	var ie *IncompatibleError
	if !errors.As(err, &ie) || ie.JSONPath != replay.BrokenJSONPath || ie.EngineVersion != "4.5.7-1.el9" {
		t.Fatalf("err = %v", err)
	}
}
