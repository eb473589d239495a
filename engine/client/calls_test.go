package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

// result adapts a typed call to (any, error).
func result[T any](v T, err error) (any, error) { return v, err }

// jsonEqual reports whether a and b are the same JSON value ("" = null).
func jsonEqual(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	for _, p := range []struct {
		s string
		v *any
	}{{a, &x}, {b, &y}} {
		if p.s == "" {
			continue
		}
		if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
			t.Fatalf("bad JSON %q: %v", p.s, err)
		}
	}
	return reflect.DeepEqual(x, y)
}

func TestTypedCalls(t *testing.T) {
	f, srv := startEngine(t)
	s := newClient(t, srv).WithToken(testToken)
	ctx := context.Background()
	no := false
	const done = `{"status": "complete"}`
	host := &ovirt.Host{Name: "h2", Comment: ovirt.Ptr("")}
	agent := &ovirt.Agent{Address: "2001:db8::50", Type: "ipmilan", Username: "admin", Password: "agent-pw", Order: ovirt.NewInt(1)}
	att := &ovirt.NetworkAttachment{
		Network: &ovirt.Network{Name: "ovirtmgmt"},
		IpAddressAssignments: &ovirt.IpAddressAssignments{IpAddressAssignment: []ovirt.IpAddressAssignment{
			{AssignmentMethod: ovirt.BootProtocol("static"), Ip: &ovirt.Ip{Address: "2001:db8::11", Netmask: "64", Version: ovirt.IpVersion("v6")}}}},
	}
	osnp := &ovirt.OpenStackNetworkProvider{Name: "ovn", Url: "https://[2001:db8::60]:9696", Password: "prov-pw"}
	ehp := &ovirt.ExternalHostProvider{Name: "foreman", Url: "https://[2001:db8::61]", Password: "fm-pw"}
	chap := &ovirt.IscsiDetails{Address: "2001:db8::5", Port: ovirt.NewInt(3260), Username: "chap", Password: "chap-pw"}

	tests := []struct {
		name, reply     string
		method, path, q string // path relative to /ovirt-engine/api
		reqBody, want   string // JSON; reqBody "" = no body, want "" = null
		call            func() (any, error)
	}{
		{"API", `{"product_info": {"name": "oVirt Engine", "version": {"major": "4"}}}`, "GET", "", "", "",
			`{"product_info": {"name": "oVirt Engine", "version": {"major": "4"}}}`,
			func() (any, error) { return result(s.API(ctx)) }},
		{"ListHosts", `{"host": [{"id": "h1", "address": "2001:db8::11", "status": "up"}]}`, "GET", "/hosts",
			"all_content=true&case_sensitive=false&follow=nics&max=10&search=name%3Dhost%2A", "",
			`[{"id": "h1", "address": "2001:db8::11", "status": "up"}]`,
			func() (any, error) {
				return result(s.ListHosts(ctx, ListOptions{Search: "name=host*", Max: 10, CaseSensitive: &no, AllContent: true, Follow: "nics"}))
			}},
		{"ListHosts empty", `{}`, "GET", "/hosts", "", "", `null`,
			func() (any, error) { return result(s.ListHosts(ctx, ListOptions{})) }},
		{"GetHost escapes id", `{"id": "a/b"}`, "GET", "/hosts/a%2Fb", "", "", `{"id": "a/b"}`,
			func() (any, error) { return result(s.GetHost(ctx, "a/b")) }},
		{"UpdateHost", `{"id": "h1", "name": "h2"}`, "PUT", "/hosts/h1", "", `{"name": "h2", "comment": ""}`, `{"id": "h1", "name": "h2"}`,
			func() (any, error) { return result(s.UpdateHost(ctx, "h1", host)) }},
		{"RemoveHost force", done, "DELETE", "/hosts/h1", "force=true", "", "",
			func() (any, error) { return nil, s.RemoveHost(ctx, "h1", true) }},
		{"RemoveHost", "", "DELETE", "/hosts/h1", "", "", "",
			func() (any, error) { return nil, s.RemoveHost(ctx, "h1", false) }},
		{"ActivateHost", done, "POST", "/hosts/h1/activate", "", `{}`, done,
			func() (any, error) { return result(s.ActivateHost(ctx, "h1")) }},
		{"DeactivateHost", done, "POST", "/hosts/h1/deactivate", "", `{}`, done,
			func() (any, error) { return result(s.DeactivateHost(ctx, "h1")) }},
		{"RefreshHost", done, "POST", "/hosts/h1/refresh", "", `{}`, done,
			func() (any, error) { return result(s.RefreshHost(ctx, "h1")) }},
		{"InstallHost", done, "POST", "/hosts/h1/install", "", `{"root_password": "root-pw"}`, done,
			func() (any, error) { return result(s.InstallHost(ctx, "h1", &ovirt.Action{RootPassword: "root-pw"})) }},
		{"FenceHost status", `{"fence_type": "status", "power_management": {"status": "on"}, "status": "complete"}`,
			"POST", "/hosts/h1/fence", "", `{"fence_type": "status"}`,
			`{"fence_type": "status", "power_management": {"status": "on"}, "status": "complete"}`,
			func() (any, error) { return result(s.FenceHost(ctx, "h1", ovirt.FenceTypeStatus)) }},
		{"SetupNetworks", `{"status": "complete", "job": {"id": "j1"}}`, "POST", "/hosts/h1/setupnetworks", "",
			`{"modified_network_attachments": {"network_attachment": [{"network": {"name": "ovirtmgmt"}, "ip_address_assignments": {"ip_address_assignment": [{"assignment_method": "static", "ip": {"address": "2001:db8::11", "netmask": "64", "version": "v6"}}]}}]}, "check_connectivity": "true"}`,
			`{"status": "complete", "job": {"id": "j1"}}`,
			func() (any, error) {
				return result(s.SetupNetworks(ctx, "h1", &ovirt.Action{
					ModifiedNetworkAttachments: &ovirt.NetworkAttachments{NetworkAttachment: []ovirt.NetworkAttachment{*att}},
					CheckConnectivity:          ovirt.NewBool(true)}))
			}},
		{"CommitNetConfig", done, "POST", "/hosts/h1/commitnetconfig", "", `{}`, done,
			func() (any, error) { return result(s.CommitNetConfig(ctx, "h1")) }},
		{"SyncAllNetworks", done, "POST", "/hosts/h1/syncallnetworks", "", `{}`, done,
			func() (any, error) { return result(s.SyncAllNetworks(ctx, "h1")) }},
		{"DiscoverISCSI", `{"status": "complete", "discovered_targets": {"iscsi_details": [{"address": "2001:db8::5", "port": "3260", "portal": "1", "target": "iqn.a"}]}}`,
			"POST", "/hosts/h1/discoveriscsi", "", `{"iscsi": {"address": "2001:db8::5", "port": "3260", "username": "chap", "password": "chap-pw"}}`,
			`[{"address": "2001:db8::5", "port": "3260", "portal": "1", "target": "iqn.a"}]`,
			func() (any, error) { return result(s.DiscoverISCSI(ctx, "h1", chap)) }},
		{"ISCSIDiscover", `{"status": "complete", "iscsi_targets": {"iscsi_target": ["iqn.a", "iqn.b"]}}`,
			"POST", "/hosts/h1/iscsidiscover", "", `{"iscsi": {"address": "2001:db8::5", "port": "3260", "username": "chap", "password": "chap-pw"}}`,
			`["iqn.a", "iqn.b"]`,
			func() (any, error) { return result(s.ISCSIDiscover(ctx, "h1", chap)) }},
		{"ISCSILogin", done, "POST", "/hosts/h1/iscsilogin", "",
			`{"iscsi": {"address": "2001:db8::5", "port": "3260", "username": "chap", "password": "chap-pw"}}`, done,
			func() (any, error) { return result(s.ISCSILogin(ctx, "h1", chap)) }},
		{"ListHostNICs", `{"host_nic": [{"id": "n1", "name": "eth0"}]}`, "GET", "/hosts/h1/nics", "", "", `[{"id": "n1", "name": "eth0"}]`,
			func() (any, error) { return result(s.ListHostNICs(ctx, "h1")) }},
		{"ListHostNICsWithStatistics", `{"host_nic": [{"id": "n1", "name": "eth0", "statistics": {"statistic": [{"id": "s1", "name": "data.total.rx", "kind": "counter", "type": "integer", "unit": "bytes", "values": {"value": [{"datum": 5000}]}, "host_nic": {"id": "n1"}}]}}, {"id": "n2", "name": "eth1", "statistics": {}}]}`,
			"GET", "/hosts/h1/nics", "follow=statistics", "",
			`[{"id": "n1", "name": "eth0", "statistics": {"statistic": [{"id": "s1", "name": "data.total.rx", "kind": "counter", "type": "integer", "unit": "bytes", "values": {"value": [{"datum": 5000}]}, "host_nic": {"id": "n1"}}]}}, {"id": "n2", "name": "eth1", "statistics": {}}]`,
			func() (any, error) { return result(s.ListHostNICsWithStatistics(ctx, "h1")) }},
		{"ListHostNICsWithStatistics older engine", `{"host_nic": [{"id": "n1", "name": "eth0"}]}`, "GET", "/hosts/h1/nics", "follow=statistics", "",
			`[{"id": "n1", "name": "eth0"}]`,
			func() (any, error) { return result(s.ListHostNICsWithStatistics(ctx, "h1")) }},
		{"GetHostNIC", `{"id": "n1", "name": "eth0"}`, "GET", "/hosts/h1/nics/n1", "", "", `{"id": "n1", "name": "eth0"}`,
			func() (any, error) { return result(s.GetHostNIC(ctx, "h1", "n1")) }},
		{"HostNICStatistics", `{"statistic": [{"name": "data.current.rx", "values": {"value": [{"datum": 1234.5}]}}]}`,
			"GET", "/hosts/h1/nics/n1/statistics", "", "", `[{"name": "data.current.rx", "values": {"value": [{"datum": 1234.5}]}}]`,
			func() (any, error) { return result(s.HostNICStatistics(ctx, "h1", "n1")) }},
		{"ListNetworkAttachments", `{"network_attachment": [{"id": "a1"}]}`, "GET", "/hosts/h1/networkattachments", "", "", `[{"id": "a1"}]`,
			func() (any, error) { return result(s.ListNetworkAttachments(ctx, "h1")) }},
		{"GetNetworkAttachment", `{"id": "a1"}`, "GET", "/hosts/h1/networkattachments/a1", "", "", `{"id": "a1"}`,
			func() (any, error) { return result(s.GetNetworkAttachment(ctx, "h1", "a1")) }},
		{"AddNetworkAttachment", `{"id": "a2"}`, "POST", "/hosts/h1/networkattachments", "",
			`{"network": {"name": "ovirtmgmt"}, "ip_address_assignments": {"ip_address_assignment": [{"assignment_method": "static", "ip": {"address": "2001:db8::11", "netmask": "64", "version": "v6"}}]}}`,
			`{"id": "a2"}`,
			func() (any, error) { return result(s.AddNetworkAttachment(ctx, "h1", att)) }},
		{"UpdateNetworkAttachment", `{"id": "a2"}`, "PUT", "/hosts/h1/networkattachments/a2", "",
			`{"network": {"name": "ovirtmgmt"}, "ip_address_assignments": {"ip_address_assignment": [{"assignment_method": "static", "ip": {"address": "2001:db8::11", "netmask": "64", "version": "v6"}}]}}`,
			`{"id": "a2"}`,
			func() (any, error) { return result(s.UpdateNetworkAttachment(ctx, "h1", "a2", att)) }},
		{"RemoveNetworkAttachment", done, "DELETE", "/hosts/h1/networkattachments/a2", "", "", "",
			func() (any, error) { return nil, s.RemoveNetworkAttachment(ctx, "h1", "a2") }},
		{"ListFenceAgents", `{"agent": [{"id": "ag1", "address": "2001:db8::50"}]}`, "GET", "/hosts/h1/fenceagents", "", "",
			`[{"id": "ag1", "address": "2001:db8::50"}]`,
			func() (any, error) { return result(s.ListFenceAgents(ctx, "h1")) }},
		{"GetFenceAgent", `{"id": "ag1"}`, "GET", "/hosts/h1/fenceagents/ag1", "", "", `{"id": "ag1"}`,
			func() (any, error) { return result(s.GetFenceAgent(ctx, "h1", "ag1")) }},
		{"AddFenceAgent", `{"id": "ag2"}`, "POST", "/hosts/h1/fenceagents", "",
			`{"address": "2001:db8::50", "type": "ipmilan", "username": "admin", "password": "agent-pw", "order": "1"}`, `{"id": "ag2"}`,
			func() (any, error) { return result(s.AddFenceAgent(ctx, "h1", agent)) }},
		{"UpdateFenceAgent", `{"id": "ag2"}`, "PUT", "/hosts/h1/fenceagents/ag2", "",
			`{"address": "2001:db8::50", "type": "ipmilan", "username": "admin", "password": "agent-pw", "order": "1"}`, `{"id": "ag2"}`,
			func() (any, error) { return result(s.UpdateFenceAgent(ctx, "h1", "ag2", agent)) }},
		{"RemoveFenceAgent", done, "DELETE", "/hosts/h1/fenceagents/ag2", "", "", "",
			func() (any, error) { return nil, s.RemoveFenceAgent(ctx, "h1", "ag2") }},
		{"ListHostStorage", `{"host_storage": [{"id": "lun1", "type": "iscsi"}]}`, "GET", "/hosts/h1/storage", "", "", `[{"id": "lun1", "type": "iscsi"}]`,
			func() (any, error) { return result(s.ListHostStorage(ctx, "h1")) }},
		{"ListStorageDomains", `{"storage_domain": [{"id": "sd1"}]}`, "GET", "/storagedomains", "search=type%3Ddata", "", `[{"id": "sd1"}]`,
			func() (any, error) { return result(s.ListStorageDomains(ctx, ListOptions{Search: "type=data"})) }},
		{"GetStorageDomain", `{"id": "sd1"}`, "GET", "/storagedomains/sd1", "", "", `{"id": "sd1"}`,
			func() (any, error) { return result(s.GetStorageDomain(ctx, "sd1")) }},
		{"AddStorageDomain", `{"id": "sd2"}`, "POST", "/storagedomains", "",
			`{"name": "iscsi1", "type": "data", "host": {"name": "h1"}, "storage": {"type": "iscsi", "logical_units": {"logical_unit": [{"id": "lun1", "address": "2001:db8::5", "port": "3260", "target": "iqn.a", "username": "chap", "password": "lun-pw"}]}}}`,
			`{"id": "sd2"}`,
			func() (any, error) {
				return result(s.AddStorageDomain(ctx, &ovirt.StorageDomain{Name: "iscsi1", Type: "data", Host: &ovirt.Host{Name: "h1"},
					Storage: &ovirt.HostStorage{Type: "iscsi", LogicalUnits: &ovirt.LogicalUnits{LogicalUnit: []ovirt.LogicalUnit{
						{ID: "lun1", Address: "2001:db8::5", Port: ovirt.NewInt(3260), Target: "iqn.a", Username: "chap", Password: "lun-pw"}}}}}))
			}},
		{"UpdateStorageDomain", `{"id": "sd1", "name": "x"}`, "PUT", "/storagedomains/sd1", "", `{"name": "x"}`, `{"id": "sd1", "name": "x"}`,
			func() (any, error) { return result(s.UpdateStorageDomain(ctx, "sd1", &ovirt.StorageDomain{Name: "x"})) }},
		{"RemoveStorageDomain", done, "DELETE", "/storagedomains/sd1", "destroy=true&format=true&host=h1", "", "",
			func() (any, error) {
				return nil, s.RemoveStorageDomain(ctx, "sd1", RemoveStorageDomainOptions{Host: "h1", Format: true, Destroy: true})
			}},
		{"AttachStorageDomain", `{"id": "sd1", "status": "active"}`, "POST", "/datacenters/dc1/storagedomains", "", `{"id": "sd1"}`,
			`{"id": "sd1", "status": "active"}`,
			func() (any, error) { return result(s.AttachStorageDomain(ctx, "dc1", "sd1")) }},
		{"ListDataCenters", `{"data_center": [{"id": "dc1"}]}`, "GET", "/datacenters", "", "", `[{"id": "dc1"}]`,
			func() (any, error) { return result(s.ListDataCenters(ctx, ListOptions{})) }},
		{"GetDataCenter", `{"id": "dc1"}`, "GET", "/datacenters/dc1", "", "", `{"id": "dc1"}`,
			func() (any, error) { return result(s.GetDataCenter(ctx, "dc1")) }},
		{"ListClusters", `{"cluster": [{"id": "c1"}]}`, "GET", "/clusters", "max=5", "", `[{"id": "c1"}]`,
			func() (any, error) { return result(s.ListClusters(ctx, ListOptions{Max: 5})) }},
		{"GetCluster", `{"id": "c1"}`, "GET", "/clusters/c1", "", "", `{"id": "c1"}`,
			func() (any, error) { return result(s.GetCluster(ctx, "c1")) }},
		{"ListClusterNetworks", `{"network": [{"id": "n1", "name": "ovirtmgmt"}]}`, "GET", "/clusters/c1/networks", "", "",
			`[{"id": "n1", "name": "ovirtmgmt"}]`,
			func() (any, error) { return result(s.ListClusterNetworks(ctx, "c1")) }},
		{"ListNetworks", `{"network": [{"id": "n1"}]}`, "GET", "/networks", "", "", `[{"id": "n1"}]`,
			func() (any, error) { return result(s.ListNetworks(ctx, ListOptions{})) }},
		{"GetNetwork", `{"id": "n1"}`, "GET", "/networks/n1", "", "", `{"id": "n1"}`,
			func() (any, error) { return result(s.GetNetwork(ctx, "n1")) }},
		{"ListOpenStackNetworkProviders", `{"openstack_network_provider": [{"id": "p1"}]}`, "GET", "/openstacknetworkproviders", "", "", `[{"id": "p1"}]`,
			func() (any, error) { return result(s.ListOpenStackNetworkProviders(ctx, ListOptions{})) }},
		{"GetOpenStackNetworkProvider", `{"id": "p1"}`, "GET", "/openstacknetworkproviders/p1", "", "", `{"id": "p1"}`,
			func() (any, error) { return result(s.GetOpenStackNetworkProvider(ctx, "p1")) }},
		{"AddOpenStackNetworkProvider", `{"id": "p2"}`, "POST", "/openstacknetworkproviders", "",
			`{"name": "ovn", "url": "https://[2001:db8::60]:9696", "password": "prov-pw"}`, `{"id": "p2"}`,
			func() (any, error) { return result(s.AddOpenStackNetworkProvider(ctx, osnp)) }},
		{"UpdateOpenStackNetworkProvider", `{"id": "p2"}`, "PUT", "/openstacknetworkproviders/p2", "",
			`{"name": "ovn", "url": "https://[2001:db8::60]:9696", "password": "prov-pw"}`, `{"id": "p2"}`,
			func() (any, error) { return result(s.UpdateOpenStackNetworkProvider(ctx, "p2", osnp)) }},
		{"RemoveOpenStackNetworkProvider", done, "DELETE", "/openstacknetworkproviders/p2", "", "", "",
			func() (any, error) { return nil, s.RemoveOpenStackNetworkProvider(ctx, "p2") }},
		{"TestOpenStackNetworkProvider", done, "POST", "/openstacknetworkproviders/p2/testconnectivity", "", `{}`, done,
			func() (any, error) { return result(s.TestOpenStackNetworkProvider(ctx, "p2")) }},
		{"ListExternalHostProviders", `{"external_host_provider": [{"id": "e1"}]}`, "GET", "/externalhostproviders", "", "", `[{"id": "e1"}]`,
			func() (any, error) { return result(s.ListExternalHostProviders(ctx, ListOptions{})) }},
		{"GetExternalHostProvider", `{"id": "e1"}`, "GET", "/externalhostproviders/e1", "", "", `{"id": "e1"}`,
			func() (any, error) { return result(s.GetExternalHostProvider(ctx, "e1")) }},
		{"AddExternalHostProvider", `{"id": "e2"}`, "POST", "/externalhostproviders", "",
			`{"name": "foreman", "url": "https://[2001:db8::61]", "password": "fm-pw"}`, `{"id": "e2"}`,
			func() (any, error) { return result(s.AddExternalHostProvider(ctx, ehp)) }},
		{"UpdateExternalHostProvider", `{"id": "e2"}`, "PUT", "/externalhostproviders/e2", "",
			`{"name": "foreman", "url": "https://[2001:db8::61]", "password": "fm-pw"}`, `{"id": "e2"}`,
			func() (any, error) { return result(s.UpdateExternalHostProvider(ctx, "e2", ehp)) }},
		{"RemoveExternalHostProvider", done, "DELETE", "/externalhostproviders/e2", "", "", "",
			func() (any, error) { return nil, s.RemoveExternalHostProvider(ctx, "e2") }},
		{"TestExternalHostProvider", done, "POST", "/externalhostproviders/e2/testconnectivity", "", `{}`, done,
			func() (any, error) { return result(s.TestExternalHostProvider(ctx, "e2")) }},
		{"ListProviderCertificates network", `{"certificate": [{"id": "0", "subject": "CN=ovirt-provider-ovn, O=v6admin lab", "content": "MIIBmDCCAUqgAwIBAgIQQm4ro"}]}`,
			"GET", "/openstacknetworkproviders/p2/certificates", "", "",
			`[{"id": "0", "subject": "CN=ovirt-provider-ovn, O=v6admin lab", "content": "MIIBmDCCAUqgAwIBAgIQQm4ro"}]`,
			func() (any, error) { return result(s.ListProviderCertificates(ctx, ProviderKindNetwork, "p2")) }},
		{"ListProviderCertificates host, http provider", `{}`, "GET", "/externalhostproviders/e%2F2/certificates", "", "", `null`,
			func() (any, error) { return result(s.ListProviderCertificates(ctx, ProviderKindHost, "e/2")) }},
		{"ImportProviderCertificates sends only the content", done, "POST", "/openstacknetworkproviders/p2/importcertificates", "",
			`{"certificates": {"certificate": [{"content": "PEM1"}, {"content": "PEM2"}]}}`, done,
			func() (any, error) {
				return result(s.ImportProviderCertificates(ctx, ProviderKindNetwork, "p2",
					[]ovirt.Certificate{{ID: "0", Subject: "CN=a", Content: "PEM1"}, {ID: "1", Href: "/x", Content: "PEM2"}}))
			}},
		{"ImportProviderCertificates host", done, "POST", "/externalhostproviders/e2/importcertificates", "",
			`{"certificates": {"certificate": [{"content": "PEM"}]}}`, done,
			func() (any, error) {
				return result(s.ImportProviderCertificates(ctx, ProviderKindHost, "e2", []ovirt.Certificate{{Content: "PEM"}}))
			}},
		{"ListEvents", `{"event": [{"id": "1201", "index": "1201", "code": "42", "time": 1718000000000}]}`, "GET", "/events",
			"from=1200&max=50&search=severity%3Enormal", "", `[{"id": "1201", "index": "1201", "code": "42", "time": 1718000000000}]`,
			func() (any, error) {
				return result(s.ListEvents(ctx, EventsOptions{From: 1200, Max: 50, Search: "severity>normal"}))
			}},
		{"ListJobs", `{"job": [{"id": "j1", "status": "started"}]}`, "GET", "/jobs", "", "", `[{"id": "j1", "status": "started"}]`,
			func() (any, error) { return result(s.ListJobs(ctx, ListOptions{})) }},
		{"GetJob", `{"id": "j1"}`, "GET", "/jobs/j1", "", "", `{"id": "j1"}`,
			func() (any, error) { return result(s.GetJob(ctx, "j1")) }},
		{"ListJobSteps", `{"step": [{"id": "s1", "type": "executing"}]}`, "GET", "/jobs/j1/steps", "", "", `[{"id": "s1", "type": "executing"}]`,
			func() (any, error) { return result(s.ListJobSteps(ctx, "j1")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.Reply("*", http.StatusOK, tt.reply)
			got, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			r := last(t, f)
			if r.Method != tt.method || r.Path != ovirt.Prefix+tt.path || r.Query != tt.q {
				t.Errorf("request %s %s?%s, want %s %s?%s", r.Method, r.Path, r.Query, tt.method, ovirt.Prefix+tt.path, tt.q)
			}
			if (tt.reqBody == "") != (len(r.Body) == 0) || (tt.reqBody != "" && !jsonEqual(t, string(r.Body), tt.reqBody)) {
				t.Errorf("request body %s, want %s", r.Body, tt.reqBody)
			}
			out, _ := json.Marshal(got)
			if got == nil {
				out = nil
			}
			if !jsonEqual(t, string(out), tt.want) {
				t.Errorf("result %s, want %s", out, tt.want)
			}
		})
	}
}

func TestInvalidID(t *testing.T) {
	f, srv := startEngine(t)
	s := newClient(t, srv).WithToken(testToken)
	ctx := context.Background()
	for _, id := range []string{"", ".", ".."} {
		if _, err := s.GetHost(ctx, id); err == nil {
			t.Errorf("GetHost(%q) succeeded", id)
		}
		if err := s.RemoveHost(ctx, id, false); err == nil {
			t.Errorf("RemoveHost(%q) succeeded", id)
		}
	}
	if _, err := s.AddHost(ctx, nil, AddHostOptions{}); err == nil {
		t.Error("AddHost(nil) succeeded")
	}
	if _, err := s.UpdateHost(ctx, "h1", nil); err == nil {
		t.Error("UpdateHost(nil) succeeded")
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestAddHost checks 201 + Location, the query options, and that the root
// password is sent (and absent from errors).
func TestAddHost(t *testing.T) {
	f, srv := startEngine(t)
	s := newClient(t, srv).WithToken(testToken)
	ctx := context.Background()
	const rootPW = "r00t-Pa55"
	in := &ovirt.Host{Name: "h1", Address: "2001:db8::11", RootPassword: rootPW, Cluster: ovirt.ClusterRef("c1"),
		Ssh: &ovirt.Ssh{User: &ovirt.User{UserName: "root", Password: "ssh-Pa55"}}}
	yes, no := true, false

	var gotBody map[string]any
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			json.NewDecoder(r.Body).Decode(&gotBody)
			w.Header().Set("Location", "http://[2001:db8::10]:443/ovirt-engine/api/hosts/h1") // not the client's host
			w.WriteHeader(http.StatusCreated)
			if r.URL.Query().Get("reboot") == "" { // body-less 201: the client follows Location
				body := `{"id": "h1", "href": "/ovirt-engine/api/hosts/h1", "status": "installing"}`
				w.Write([]byte(body))
			}
		case http.MethodGet:
			w.Write([]byte(`{"id": "h1", "status": "installing", "name": "from-location"}`))
		}
	})

	h, err := s.AddHost(ctx, in, AddHostOptions{Activate: &no})
	if err != nil || h.ID != "h1" || h.Status != ovirt.HostStatusInstalling {
		t.Fatalf("AddHost = %+v, %v", h, err)
	}
	if r := last(t, f); r.Query != "activate=false" {
		t.Errorf("query %q", r.Query)
	}
	if gotBody["root_password"] != rootPW || gotBody["address"] != "2001:db8::11" {
		t.Errorf("engine received %v", gotBody)
	}
	if ssh, _ := gotBody["ssh"].(map[string]any); ssh == nil || ssh["user"].(map[string]any)["password"] != "ssh-Pa55" {
		t.Errorf("engine received ssh %v", gotBody["ssh"])
	}

	h, err = s.AddHost(ctx, in, AddHostOptions{Reboot: &yes})
	if err != nil || h.Name != "from-location" {
		t.Fatalf("AddHost with empty 201 = %+v, %v", h, err)
	}
	if r := last(t, f); r.Method != http.MethodGet || r.Path != "/ovirt-engine/api/hosts/h1" {
		t.Errorf("Location not followed: %s %s", r.Method, r.Path)
	}

	// Conflict: passwords and token are not in the error.
	f.Reply("*", http.StatusConflict, `{"reason": "Operation Failed", "detail": "[Cannot add Host. Host with the same address already exists.]"}`)
	_, err = s.AddHost(ctx, in, AddHostOptions{})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("got %v, want conflict", err)
	}
	for _, secret := range []string{rootPW, "ssh-Pa55", testToken} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q leaks %q", err, secret)
		}
	}
}

func TestErrors(t *testing.T) {
	f, srv := startEngine(t)
	c := newClient(t, srv)
	s := c.WithToken(testToken)
	ctx := WithCorrelationID(context.Background(), "c-9")
	tests := []struct {
		name       string
		status     int
		body       string
		call       func(*Session) error
		token      string // "" = testToken
		wantStatus int
		reason     string
		detail     string
		is, isNot  []error
		messages   []string
		action     bool
		text       string // expected Error()
	}{
		{name: "fault 409", status: 409,
			body: `{"reason": "Operation Failed", "detail": "[Cannot add Host. Host with the same address already exists.]"}`,
			call: func(s *Session) error {
				_, err := s.AddHost(ctx, &ovirt.Host{Name: "h"}, AddHostOptions{})
				return err
			},
			wantStatus: 409, reason: "Operation Failed", detail: "[Cannot add Host. Host with the same address already exists.]",
			is: []error{ErrConflict}, isNot: []error{ErrNotFound, ErrActionFailed},
			messages: []string{"Cannot add Host. Host with the same address already exists."},
			text:     "engine: POST /ovirt-engine/api/hosts: 409 Conflict: Operation Failed: [Cannot add Host. Host with the same address already exists.]"},
		{name: "fault 400 incomplete parameters", status: 400,
			body: `{"reason": "Incomplete parameters", "detail": "Host [name] required for add"}`,
			call: func(s *Session) error {
				_, err := s.AddHost(ctx, &ovirt.Host{}, AddHostOptions{})
				return err
			},
			wantStatus: 400, reason: "Incomplete parameters", detail: "Host [name] required for add",
			is: []error{ErrBadRequest}, messages: []string{"Host [name] required for add"}},
		{name: "setupnetworks fault with two messages", status: 400,
			body: `{"reason": "Operation Failed", "detail": "[Cannot setup Networks. Network attachment of Network ovirtmgmt, Interface eth0 is missing ip configuration details., Bad format of an IPv6 address.]"}`,
			call: func(s *Session) error {
				_, err := s.SetupNetworks(ctx, "h1", &ovirt.Action{})
				return err
			},
			wantStatus: 400, reason: "Operation Failed",
			detail: "[Cannot setup Networks. Network attachment of Network ovirtmgmt, Interface eth0 is missing ip configuration details., Bad format of an IPv6 address.]",
			is:     []error{ErrBadRequest},
			messages: []string{"Cannot setup Networks. Network attachment of Network ovirtmgmt, Interface eth0 is missing ip configuration details.",
				"Bad format of an IPv6 address."}},
		{name: "failed action 409", status: 409,
			body: `{"fault": {"reason": "Operation Failed", "detail": "[Cannot fence Host. Fence agent is not responding.]"}, "status": "failed", "fence_type": "restart"}`,
			call: func(s *Session) error {
				_, err := s.FenceHost(ctx, "h1", ovirt.FenceTypeRestart)
				return err
			},
			wantStatus: 409, reason: "Operation Failed", detail: "[Cannot fence Host. Fence agent is not responding.]",
			is: []error{ErrConflict, ErrActionFailed}, messages: []string{"Cannot fence Host. Fence agent is not responding."}, action: true},
		{name: "failed action HTTP 200 (fence status)", status: 200,
			body: `{"fence_type": "status", "status": "failed", "fault": {"reason": "Failed to get power status: agent timed out"}}`,
			call: func(s *Session) error {
				_, err := s.FenceHost(ctx, "h1", ovirt.FenceTypeStatus)
				return err
			},
			wantStatus: 200, reason: "Failed to get power status: agent timed out",
			is: []error{ErrActionFailed}, isNot: []error{ErrBadRequest, ErrConflict, ErrNotFound},
			messages: []string{"Failed to get power status: agent timed out"}, action: true,
			text: "engine: POST /ovirt-engine/api/hosts/h1/fence: action failed: Failed to get power status: agent timed out"},
		{name: "failed delete HTTP 200", status: 200,
			body:       `{"status": "failed", "fault": {"reason": "Operation Failed", "detail": "[Cannot remove Host.]"}}`,
			call:       func(s *Session) error { return s.RemoveHost(ctx, "h1", false) },
			wantStatus: 200, reason: "Operation Failed", detail: "[Cannot remove Host.]",
			is: []error{ErrActionFailed}, messages: []string{"Cannot remove Host."}, action: true},
		{name: "404 empty body", status: 404,
			call: func(s *Session) error {
				_, err := s.GetHost(ctx, "missing")
				return err
			},
			wantStatus: 404, is: []error{ErrNotFound}, isNot: []error{ErrActionFailed},
			text: "engine: GET /ovirt-engine/api/hosts/missing: 404 Not Found"},
		{name: "401 HTML body", status: 401, body: "<html><body><h1>HTTP Status 401 - Unauthorized</h1></body></html>",
			call: func(s *Session) error {
				_, err := s.ListHosts(ctx, ListOptions{})
				return err
			},
			wantStatus: 401, is: []error{ErrUnauthorized},
			text: "engine: GET /ovirt-engine/api/hosts: 401 Unauthorized"},
		{name: "401 for a token the engine does not know", status: 200, body: `{"host": []}`, token: "expired-token",
			call: func(s *Session) error {
				_, err := s.ListHosts(ctx, ListOptions{})
				return err
			},
			wantStatus: 401, is: []error{ErrUnauthorized},
			text: "engine: GET /ovirt-engine/api/hosts: 401 Unauthorized"},
		{name: "500 text body", status: 500, body: "java.lang.NullPointerException",
			call: func(s *Session) error {
				_, err := s.ListEvents(ctx, EventsOptions{})
				return err
			},
			wantStatus: 500, is: []error{ErrServer}},
		{name: "403 fault", status: 403, body: `{"reason": "Operation Failed", "detail": "[User is not authorized to perform this action.]"}`,
			call: func(s *Session) error {
				_, err := s.ListHosts(ctx, ListOptions{})
				return err
			},
			wantStatus: 403, reason: "Operation Failed", detail: "[User is not authorized to perform this action.]",
			is: []error{ErrForbidden}, messages: []string{"User is not authorized to perform this action."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.Reply("*", tt.status, tt.body)
			ss := s
			if tt.token != "" {
				ss = c.WithToken(tt.token)
			}
			err := tt.call(ss)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (%T), want *Error", err, err)
			}
			if e.Status != tt.wantStatus || e.Reason != tt.reason || e.Detail != tt.detail || e.CorrelationID != "c-9" {
				t.Errorf("error = %+v", e)
			}
			for _, target := range tt.is {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) = false", err, target)
				}
			}
			for _, target := range tt.isNot {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) = true", err, target)
				}
			}
			if !reflect.DeepEqual(e.Messages(), tt.messages) {
				t.Errorf("Messages() = %q, want %q", e.Messages(), tt.messages)
			}
			if (e.Action != nil) != tt.action {
				t.Errorf("Action = %+v", e.Action)
			}
			if tt.text != "" && err.Error() != tt.text {
				t.Errorf("Error() = %q, want %q", err, tt.text)
			}
			for _, tok := range []string{testToken, "expired-token"} {
				if strings.Contains(err.Error(), tok) {
					t.Errorf("error %q contains the token", err)
				}
			}
		})
	}
}

func TestSplitDetail(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"[]", nil},
		{"  ", nil},
		{"[Cannot add Host. Host with the same address already exists.]", []string{"Cannot add Host. Host with the same address already exists."}},
		{"[a., b!, c?]", []string{"a.", "b!", "c?"}},
		{"[Network ovirtmgmt, Interface eth0 is missing.]", []string{"Network ovirtmgmt, Interface eth0 is missing."}},
		{"Host [name] required for add", []string{"Host [name] required for add"}},
		{"Invalid UUID string: x", []string{"Invalid UUID string: x"}},
		{"[ ]", nil},
		{"[x., , y.]", []string{"x.", ", y."}},
	}
	for _, tt := range tests {
		if got := SplitDetail(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitDetail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSplitDetail(f *testing.F) {
	for _, s := range []string{"", "[]", "[a., b.]", "[x, y]", "plain", "[", "]", "[.,  ]", "[., .]", "[ , , ]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, detail string) {
		msgs := SplitDetail(detail)
		for _, m := range msgs {
			if m == "" || m != strings.TrimSpace(m) {
				t.Errorf("SplitDetail(%q): bad message %q", detail, m)
			}
			if !strings.Contains(detail, m) {
				t.Errorf("SplitDetail(%q): message %q not in input", detail, m)
			}
		}
		e := &Error{Status: 400, Reason: "r", Detail: detail}
		_ = e.Error()
		if len(e.Messages()) == 0 {
			t.Errorf("Messages() empty with a reason")
		}
		// parseError never panics on arbitrary bodies.
		_ = parseError("GET", "/p", "", 400, []byte(detail))
	})
}

// TestProviderCertificateCalls: refused arguments send nothing; a failed
// import is an error carrying the engine's messages.
func TestProviderCertificateCalls(t *testing.T) {
	f, srv := startEngine(t)
	s := newClient(t, srv).WithToken(testToken)
	ctx := context.Background()
	refused := []struct {
		name string
		call func() error
	}{
		{"unknown kind", func() error { _, err := s.ListProviderCertificates(ctx, "hosts", "p1"); return err }},
		{"empty kind", func() error {
			_, err := s.ImportProviderCertificates(ctx, "", "p1", []ovirt.Certificate{{Content: "x"}})
			return err
		}},
		{"nothing to import", func() error { _, err := s.ImportProviderCertificates(ctx, ProviderKindNetwork, "p1", nil); return err }},
		{"bad id", func() error { _, err := s.ListProviderCertificates(ctx, ProviderKindNetwork, ".."); return err }},
	}
	for _, r := range refused {
		t.Run(r.name, func(t *testing.T) {
			if r.call() == nil {
				t.Fatal("accepted")
			}
		})
	}
	if n := len(f.Requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
	f.Reply("*", http.StatusBadRequest, `{"status": "failed", "fault": {"reason": "Operation Failed", "detail": "[Cannot import provider certificate. The certificate content is not a PEM-encoded X.509 certificate.]"}}`)
	_, err := s.ImportProviderCertificates(ctx, ProviderKindNetwork, "p1", []ovirt.Certificate{{Content: "junk"}})
	var ce *Error
	if !errors.As(err, &ce) || !errors.Is(err, ErrActionFailed) || !errors.Is(err, ErrBadRequest) ||
		strings.Join(ce.Messages(), "|") != "Cannot import provider certificate. The certificate content is not a PEM-encoded X.509 certificate." {
		t.Fatalf("%v", err)
	}
	f.Reply("*", http.StatusBadRequest, `{"reason": "Operation Failed", "detail": "[Failed to communicate with the external provider, see log for additional details., No service answers at https://[2001:db8::99]:9696.]"}`)
	_, err = s.ListProviderCertificates(ctx, ProviderKindNetwork, "p1")
	if !errors.As(err, &ce) || len(ce.Messages()) != 2 || ce.Messages()[1] != "No service answers at https://[2001:db8::99]:9696." {
		t.Fatalf("%v", err)
	}
}
