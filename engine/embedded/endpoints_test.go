package embedded

import (
	"encoding/json"
	"testing"

	"v6admin/engine/ovirt"
)

// TestReadEndpoints walks every GET endpoint once and checks the status
// and the collection key of the JSON.
func TestReadEndpoints(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	nics := v.nics(h.ID)
	var dcs ovirt.DataCenters
	v.must(200, "GET", "/datacenters", nil, &dcs)
	dc := dcs.DataCenter[0]
	var cs ovirt.Clusters
	v.must(200, "GET", "/clusters", nil, &cs)
	c := cs.Cluster[0]
	var ns ovirt.Networks
	v.must(200, "GET", "/networks", nil, &ns)
	var sds ovirt.StorageDomains
	v.must(200, "GET", "/storagedomains", nil, &sds)
	var ags ovirt.Agents
	v.must(200, "GET", "/hosts/"+h.ID+"/fenceagents", nil, &ags)
	var ps ovirt.OpenStackNetworkProviders
	v.must(200, "GET", "/openstacknetworkproviders", nil, &ps)
	as := v.attachments(h.ID)
	cases := []struct {
		path string
		key  string // collection key, "" for a single object
	}{
		{"/hosts", "host"},
		{"/hosts/" + h.ID, ""},
		{"/hosts/" + h.ID + "/statistics", "statistic"},
		{"/hosts/" + h.ID + "/nics", "host_nic"},
		{"/hosts/" + h.ID + "/nics/" + nics["bond0"].ID, ""},
		{"/hosts/" + h.ID + "/nics/" + nics["bond0.200"].ID + "/statistics", "statistic"},
		{"/hosts/" + h.ID + "/networkattachments", "network_attachment"},
		{"/hosts/" + h.ID + "/networkattachments/" + as["display"].ID, ""},
		{"/hosts/" + h.ID + "/nics/" + nics["bond0"].ID + "/networkattachments", "network_attachment"},
		{"/hosts/" + h.ID + "/nics/" + nics["bond0.200"].ID + "/networkattachments", "network_attachment"},
		{"/hosts/" + h.ID + "/nics/" + nics["eth1.100"].ID + "/networkattachments/" + as["display"].ID, ""},
		{"/hosts/" + h.ID + "/fenceagents", "agent"},
		{"/hosts/" + h.ID + "/fenceagents/" + ags.Agent[0].ID, ""},
		{"/hosts/" + h.ID + "/storage", ""},
		{"/storagedomains", "storage_domain"},
		{"/storagedomains/" + sds.StorageDomain[0].ID, ""},
		{"/datacenters", "data_center"},
		{"/datacenters/" + dc.ID, ""},
		{"/datacenters/" + dc.ID + "/clusters", "cluster"},
		{"/datacenters/" + dc.ID + "/networks", "network"},
		{"/datacenters/" + dc.ID + "/storagedomains", "storage_domain"},
		{"/datacenters/" + dc.ID + "/storagedomains/" + sds.StorageDomain[0].ID, ""},
		{"/clusters", "cluster"},
		{"/clusters/" + c.ID, ""},
		{"/clusters/" + c.ID + "/networks", "network"},
		{"/networks", "network"},
		{"/networks/" + ns.Network[0].ID, ""},
		{"/openstacknetworkproviders", "openstack_network_provider"},
		{"/openstacknetworkproviders/" + ps.OpenStackNetworkProvider[0].ID, ""},
		{"/externalhostproviders", ""},
		{"/events", "event"},
		{"/jobs", ""},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			b := v.must(200, "GET", tc.path, nil, nil)
			var m map[string]json.RawMessage
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if tc.key != "" {
				if _, ok := m[tc.key]; !ok || len(m) != 1 {
					t.Fatalf("collection key %q missing: %.200s", tc.key, b)
				}
			}
		})
	}
	var one ovirt.NetworkAttachments
	v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+nics["bond0.200"].ID+"/networkattachments", nil, &one)
	if len(one.NetworkAttachment) != 1 || one.NetworkAttachment[0].ID != as["storage"].ID {
		t.Fatalf("VLAN device attachments %+v", one)
	}
	for _, p := range []string{
		"/datacenters/nope", "/clusters/nope", "/clusters/" + c.ID + "/networks/nope", "/networks/nope", "/storagedomains/nope",
		"/datacenters/" + dc.ID + "/storagedomains/nope", "/hosts/" + h.ID + "/fenceagents/nope", "/hosts/" + h.ID + "/storage/nope",
		"/openstacknetworkproviders/nope", "/externalhostproviders/nope", "/events/99999", "/jobs/nope/steps", "/hosts/nope/nics",
		"/hosts/nope/statistics", "/hosts/" + h.ID + "/nics/nope/networkattachments",
	} {
		if resp, b := v.do("GET", p, nil); resp.StatusCode != 404 || len(b) != 0 {
			t.Errorf("GET %s: %d %q", p, resp.StatusCode, b)
		}
	}
	// activate from maintenance, and the lock text of lifecycle actions
	v.must(200, "POST", "/hosts/"+h.ID+"/deactivate", "{}", nil)
	var act ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/activate", "{}", &act)
	if act.Status != ovirt.ActionStatusComplete || v.hostByName("host0").Status != ovirt.HostStatusUp {
		t.Fatalf("activate %+v", act)
	}
	unlock, _ := v.e.locks.tryLock(h.ID)
	v.fault(409, "Operation Failed", "[Cannot activate Host. Related operation is currently in progress. Please try again later.]", "POST", "/hosts/"+h.ID+"/activate", "{}")
	unlock()
}
