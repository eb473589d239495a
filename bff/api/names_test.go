package api

import (
	"encoding/json"
	"testing"

	"v6admin/wire"
)

// Engine answers in the real engine's shape: references by href and id
// only (HostMapper, HostNicMapper with BackendHostNicsResource.list,
// NetworkAttachmentMapper, StorageDomainMapper).
const (
	realClusters = `{"cluster": [
		{"href": "/ovirt-engine/api/clusters/c1", "id": "c1", "name": "Default",
		 "data_center": {"href": "/ovirt-engine/api/datacenters/dc1", "id": "dc1"}}]}`
	realDataCenters = `{"data_center": [{"href": "/ovirt-engine/api/datacenters/dc1", "id": "dc1", "name": "Lab"}]}`
	realNetworks    = `{"network": [
		{"href": "/ovirt-engine/api/networks/n1", "id": "n1", "name": "ovirtmgmt"},
		{"href": "/ovirt-engine/api/networks/n2", "id": "n2", "name": "display"},
		{"href": "/ovirt-engine/api/networks/n9", "id": "n9", "name": "elsewhere"}]}`
	realClusterNetworks = `{"network": [
		{"href": "/ovirt-engine/api/clusters/c1/networks/n1", "id": "n1", "name": "ovirtmgmt", "usages": {"usage": ["management"]}},
		{"href": "/ovirt-engine/api/clusters/c1/networks/n2", "id": "n2", "name": "display", "usages": {"usage": ["vm"]}}]}`
	// eth0 carries ovirtmgmt (in the cluster, so by id only), bond0 of
	// eth1 and eth2 (slaves by id; s404 is a slave the list lacks), eth3
	// a network outside the cluster (by id: one /networks list) and eth4
	// one the engine names without an id (not a cluster network).
	realNICs = `{"host_nic": [
		{"href": "/ovirt-engine/api/hosts/h1/nics/e0", "id": "e0", "name": "eth0", "status": "up",
		 "network": {"href": "/ovirt-engine/api/networks/n1", "id": "n1"}},
		{"href": "/ovirt-engine/api/hosts/h1/nics/e1", "id": "e1", "name": "eth1", "status": "up"},
		{"href": "/ovirt-engine/api/hosts/h1/nics/e2", "id": "e2", "name": "eth2", "status": "up"},
		{"href": "/ovirt-engine/api/hosts/h1/nics/b0", "id": "b0", "name": "bond0", "status": "up",
		 "network": {"href": "/ovirt-engine/api/networks/n2", "id": "n2"},
		 "bonding": {"options": {"option": [{"name": "mode", "value": "4"}]}, "slaves": {"host_nic": [
			{"href": "/ovirt-engine/api/hosts/h1/nics/e1", "id": "e1"},
			{"href": "/ovirt-engine/api/hosts/h1/nics/e2", "id": "e2"},
			{"href": "/ovirt-engine/api/hosts/h1/nics/s404", "id": "s404"}]}}},
		{"href": "/ovirt-engine/api/hosts/h1/nics/e3", "id": "e3", "name": "eth3", "status": "up",
		 "network": {"href": "/ovirt-engine/api/networks/n9", "id": "n9"}},
		{"href": "/ovirt-engine/api/hosts/h1/nics/e4", "id": "e4", "name": "eth4", "status": "down",
		 "network": {"name": "legacy"}}]}`
	realAttachments = `{"network_attachment": [
		{"href": "/ovirt-engine/api/hosts/h1/networkattachments/a1", "id": "a1", "in_sync": "true",
		 "host": {"href": "/ovirt-engine/api/hosts/h1", "id": "h1"},
		 "host_nic": {"href": "/ovirt-engine/api/hosts/h1/nics/e0", "id": "e0"},
		 "network": {"href": "/ovirt-engine/api/networks/n1", "id": "n1"}},
		{"href": "/ovirt-engine/api/hosts/h1/networkattachments/a2", "id": "a2", "in_sync": "true",
		 "host": {"href": "/ovirt-engine/api/hosts/h1", "id": "h1"},
		 "host_nic": {"href": "/ovirt-engine/api/hosts/h1/nics/b0", "id": "b0"},
		 "network": {"href": "/ovirt-engine/api/networks/n2", "id": "n2"}},
		{"href": "/ovirt-engine/api/hosts/h1/networkattachments/a3", "id": "a3", "in_sync": "true",
		 "host": {"href": "/ovirt-engine/api/hosts/h1", "id": "h1"},
		 "host_nic": {"href": "/ovirt-engine/api/hosts/h1/nics/gone", "id": "gone"},
		 "network": {"href": "/ovirt-engine/api/networks/n404", "id": "n404"}}]}`
	realHost = `{"href": "/ovirt-engine/api/hosts/h1", "id": "h1", "name": "host1", "address": "2001:db8::10", "status": "up",
		"cluster": {"href": "/ovirt-engine/api/clusters/c1", "id": "c1"}}`
)

// TestHostNetworkNamesIDOnlyRefs: the Network Interfaces view names every
// reference the engine sent by id, with the cluster's networks and the
// host's NICs it reads anyway plus at most one /networks list, and shows
// the id of what nothing names.
func TestHostNetworkNamesIDOnlyRefs(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /hosts/h1":                    fixed(200, realHost),
		"GET /hosts/h1/nics":               fixed(200, realNICs),
		"GET /hosts/h1/networkattachments": fixed(200, realAttachments),
		"GET /clusters/c1/networks":        fixed(200, realClusterNetworks),
		"GET /networks":                    fixed(200, realNetworks),
	})
	status, body := env.call(t, "GET", "/api/hosts/h1/network?statistics=false", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var v wire.HostNetwork
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	nicNet := map[string]string{}
	for _, n := range append(v.NICs, v.Bonds...) {
		if n.Network != nil {
			nicNet[n.Name] = n.Network.Name
		}
	}
	for nic, want := range map[string]string{"eth0": "ovirtmgmt", "bond0": "display", "eth3": "elsewhere", "eth4": "legacy"} {
		if nicNet[nic] != want {
			t.Errorf("%s: network %q, want %q", nic, nicNet[nic], want)
		}
	}
	if len(v.Bonds) != 1 || len(v.Bonds[0].Bond.Slaves) != 3 {
		t.Fatalf("bonds %+v", v.Bonds)
	}
	for i, want := range []string{"eth1", "eth2", "s404"} {
		if got := v.Bonds[0].Bond.Slaves[i]; got != want {
			t.Errorf("slave %d: %q, want %q", i, got, want)
		}
	}
	type pair struct{ network, nic string }
	var atts []pair
	for _, a := range v.Attachments {
		atts = append(atts, pair{a.Network.Name, a.NIC.Name})
	}
	want := []pair{{"display", "bond0"}, {"n404", "gone"}, {"ovirtmgmt", "eth0"}}
	if len(atts) != len(want) {
		t.Fatalf("attachments %+v", atts)
	}
	for i := range want {
		if atts[i] != want[i] {
			t.Errorf("attachment %d: %+v, want %+v", i, atts[i], want[i])
		}
	}
	if n := len(env.sent("GET", "/networks")); n != 1 {
		t.Errorf("%d /networks lists, want 1 (one per request, however many misses)", n)
	}
}

// TestHostNetworkNoExtraCall: when the cluster's networks name every
// reference, no other list is read.
func TestHostNetworkNoExtraCall(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /hosts/h1": fixed(200, realHost),
		"GET /hosts/h1/nics": fixed(200, `{"host_nic": [{"href": "/ovirt-engine/api/hosts/h1/nics/e0", "id": "e0", "name": "eth0",
			"network": {"href": "/ovirt-engine/api/networks/n1", "id": "n1"}}]}`),
		"GET /hosts/h1/networkattachments": fixed(200, `{"network_attachment": []}`),
		"GET /clusters/c1/networks":        fixed(200, realClusterNetworks),
		"GET /networks":                    fixed(200, realNetworks),
	})
	if status, body := env.call(t, "GET", "/api/hosts/h1/network?statistics=false", ""); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	if n := len(env.sent("GET", "/networks")); n != 0 {
		t.Errorf("%d /networks lists, want 0", n)
	}
}

// TestHostsClusterNames: many hosts, one cluster list; a cluster the list
// lacks, or a list that fails, shows the id.
func TestHostsClusterNames(t *testing.T) {
	hosts := `{"host": [
		{"href": "/ovirt-engine/api/hosts/h1", "id": "h1", "name": "host1", "address": "2001:db8::1", "status": "up", "cluster": {"href": "/ovirt-engine/api/clusters/c1", "id": "c1"}},
		{"href": "/ovirt-engine/api/hosts/h2", "id": "h2", "name": "host2", "address": "2001:db8::2", "status": "up", "cluster": {"href": "/ovirt-engine/api/clusters/c1", "id": "c1"}},
		{"href": "/ovirt-engine/api/hosts/h3", "id": "h3", "name": "host3", "address": "2001:db8::3", "status": "up", "cluster": {"href": "/ovirt-engine/api/clusters/c7", "id": "c7"}}]}`
	tests := []struct {
		name     string
		clusters engineReply
		want     []string // cluster name of host1..host3
	}{
		{"listed", fixed(200, realClusters), []string{"Default", "Default", "c7"}},
		{"list fails", fixed(500, `{"detail": "boom", "reason": "Operation Failed"}`), []string{"c1", "c1", "c7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := map[string]engineReply{"GET /hosts": fixed(200, hosts), "GET /clusters": tt.clusters}
			for _, h := range []string{"h1", "h2", "h3"} {
				routes["GET /hosts/"+h+"/nics"] = fixed(200, `{"host_nic": []}`)
			}
			env := newAPIEnv(t, routes)
			status, body := env.call(t, "GET", "/api/hosts", "")
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			var got struct {
				Hosts []wire.Host `json:"hosts"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			for i, h := range got.Hosts {
				if h.Cluster == nil || h.Cluster.Name != tt.want[i] {
					t.Errorf("%s: cluster %+v, want %q", h.Name, h.Cluster, tt.want[i])
				}
			}
			if n := len(env.sent("GET", "/clusters")); n != 1 {
				t.Errorf("%d cluster lists, want 1", n)
			}
		})
	}
}

// TestGetHostNames: the host's details name its cluster and its NICs'
// networks.
func TestGetHostNames(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /hosts/h1":             fixed(200, realHost),
		"GET /hosts/h1/nics":        fixed(200, realNICs),
		"GET /hosts/h1/fenceagents": fixed(200, `{"agent": []}`),
		"GET /clusters":             fixed(200, realClusters),
		"GET /networks":             fixed(200, realNetworks),
	})
	status, body := env.call(t, "GET", "/api/hosts/h1", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var v wire.Host
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	if v.Cluster == nil || v.Cluster.Name != "Default" {
		t.Errorf("cluster %+v", v.Cluster)
	}
	for _, n := range v.NICs {
		if n.Network != nil && n.Network.Name == "" {
			t.Errorf("%s: network without a name %+v", n.Name, n.Network)
		}
		if n.Name == "eth0" && (n.Network == nil || n.Network.Name != "ovirtmgmt") {
			t.Errorf("eth0: network %+v", n.Network)
		}
	}
	if n := len(env.sent("GET", "/networks")); n != 1 {
		t.Errorf("%d /networks lists, want 1", n)
	}
}

// TestStorageDomainDataCenterNames: a domain's data centers come by id.
func TestStorageDomainDataCenterNames(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /storagedomains": fixed(200, `{"storage_domain": [
			{"href": "/ovirt-engine/api/storagedomains/s1", "id": "s1", "name": "data1", "type": "data",
			 "data_centers": {"data_center": [{"href": "/ovirt-engine/api/datacenters/dc1", "id": "dc1"}]}},
			{"href": "/ovirt-engine/api/storagedomains/s2", "id": "s2", "name": "data2", "type": "data",
			 "data_centers": {"data_center": [{"href": "/ovirt-engine/api/datacenters/dc9", "id": "dc9"}]}}]}`),
		"GET /datacenters":                    fixed(200, realDataCenters),
		"GET /datacenters/dc1/storagedomains": fixed(200, `{"storage_domain": [{"id": "s1", "status": "active"}]}`),
		"GET /datacenters/dc9/storagedomains": fixed(200, `{"storage_domain": [{"id": "s2", "status": "active"}]}`),
	})
	status, body := env.call(t, "GET", "/api/storage-domains", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var got struct {
		StorageDomains []wire.StorageDomain `json:"storage_domains"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"data1": "Lab", "data2": "dc9"}
	for _, sd := range got.StorageDomains {
		if len(sd.DataCenters) != 1 || sd.DataCenters[0].Name != want[sd.Name] {
			t.Errorf("%s: data centers %+v, want %q", sd.Name, sd.DataCenters, want[sd.Name])
		}
	}
	if n := len(env.sent("GET", "/datacenters")); n > 1 {
		t.Errorf("%d data center lists, want at most 1", n)
	}
}

// TestEventNames: an event whose audit log entry kept ids only is named
// from the lists; a user is shown by its id (no user list is read).
func TestEventNames(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /events": fixed(200, `{"event": [
			{"href": "/ovirt-engine/api/events/12", "id": "12", "index": "12", "code": "42", "severity": "normal", "time": 1718000000000,
			 "description": "Host host1 was added by admin@internal-authz.",
			 "host": {"href": "/ovirt-engine/api/hosts/h1", "id": "h1"},
			 "cluster": {"href": "/ovirt-engine/api/clusters/c1", "id": "c1", "name": "Default"},
			 "user": {"href": "/ovirt-engine/api/users/u1", "id": "u1"}},
			{"href": "/ovirt-engine/api/events/11", "id": "11", "index": "11", "code": "42", "severity": "normal", "time": 1717000000000,
			 "description": "Host host2 was added.", "host": {"href": "/ovirt-engine/api/hosts/h2", "id": "h2", "name": "host2"},
			 "user": {"href": "/ovirt-engine/api/users/u1", "id": "u1", "name": "admin@internal-authz"}}]}`),
		"GET /hosts":    fixed(200, `{"host": [{"href": "/ovirt-engine/api/hosts/h1", "id": "h1", "name": "host1"}]}`),
		"GET /clusters": fixed(200, realClusters),
	})
	status, body := env.call(t, "GET", "/api/events", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var got wire.EventList
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 2 {
		t.Fatalf("events %s", body)
	}
	e12, e11 := got.Events[0], got.Events[1]
	if e12.Host == nil || e12.Host.Name != "host1" || e12.User == nil || e12.User.Name != "u1" || e12.Cluster.Name != "Default" {
		t.Errorf("event 12: host %+v user %+v cluster %+v", e12.Host, e12.User, e12.Cluster)
	}
	if e11.Host.Name != "host2" || e11.User.Name != "admin@internal-authz" {
		t.Errorf("event 11: host %+v user %+v", e11.Host, e11.User)
	}
	if n := len(env.sent("GET", "/hosts")); n != 1 {
		t.Errorf("%d host lists, want 1", n)
	}
	if n := len(env.sent("GET", "/clusters")); n != 0 {
		t.Errorf("%d cluster lists, want 0 (every cluster came named)", n)
	}
}
