package embedded

import (
	"net/url"
	"strconv"
	"testing"

	"v6admin/engine/ovirt"
)

func TestEvents(t *testing.T) {
	v := newEnv(t)
	var all ovirt.Events
	v.must(200, "GET", "/events", nil, &all)
	if len(all.Event) < 5 {
		t.Fatalf("seeded events: %d", len(all.Event))
	}
	for i := 1; i < len(all.Event); i++ {
		if all.Event[i-1].Index.Value() <= all.Event[i].Index.Value() {
			t.Fatal("not newest first")
		}
	}
	last := all.Event[0].Index.Value()
	h := v.hostByName("host1")
	v.must(200, "PUT", "/hosts/"+h.ID, map[string]any{"comment": "x"}, nil)
	q := func(s string) []ovirt.Event {
		var evs ovirt.Events
		v.must(200, "GET", "/events"+s, nil, &evs)
		return evs.Event
	}
	if evs := q("?from=" + strconv.FormatInt(last, 10)); len(evs) != 1 || evs[0].Code.Value() != 43 || evs[0].Host.Name != "host1" || evs[0].User == nil {
		t.Fatalf("from: %+v", evs)
	}
	if evs := q("?max=2"); len(evs) != 2 || evs[0].Code.Value() != 43 {
		t.Fatalf("max: %+v", evs)
	}
	if evs := q("?search=" + url.QueryEscape("severity>=alert")); len(evs) != 1 || evs[0].Code.Value() != 9000 {
		t.Fatalf("severity>=alert: %+v", evs)
	}
	if evs := q("?search=" + url.QueryEscape("severity=normal")); len(evs) != len(all.Event) {
		t.Fatalf("severity=normal: %d", len(evs))
	}
	if evs := q("?search=" + url.QueryEscape("type=13")); len(evs) != 3 {
		t.Fatalf("type=13: %d", len(evs))
	}
	if evs := q("?search=" + url.QueryEscape("event_host=host1 and type=13")); len(evs) != 1 {
		t.Fatalf("event_host: %d", len(evs))
	}
	if evs := q("?from=" + strconv.FormatInt(last-2, 10) + "&max=1"); len(evs) != 1 || evs[0].Index.Value() != last+1 {
		t.Fatalf("from+max: %+v", evs)
	}
	v.fault(400, "Invalid value", "x is not a valid integer value for from", "GET", "/events?from=x", nil)
	id := all.Event[0].ID
	var ev ovirt.Event
	v.must(200, "GET", "/events/"+id, nil, &ev)
	if ev.Href != "/ovirt-engine/api/events/"+id || ev.Time == nil || ev.Origin != "oVirt" {
		t.Fatalf("event %+v", ev)
	}
	v.must(200, "DELETE", "/events/"+id, nil, nil)
	if resp, b := v.do("GET", "/events/"+id, nil); resp.StatusCode != 404 || len(b) != 0 {
		t.Fatalf("deleted event %d", resp.StatusCode)
	}
}

func TestJobs(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host1")
	var act ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/refresh", "{}", &act)
	var j ovirt.Job
	v.must(200, "GET", "/jobs/"+act.Job.ID, nil, &j)
	if l, ok := ovirt.FindLink(j.Link, "steps"); !ok || l.Href != j.Href+"/steps" || j.Owner == nil || j.Status != ovirt.JobStatusFinished {
		t.Fatalf("job %+v", j)
	}
	var steps ovirt.Steps
	v.must(200, "GET", "/jobs/"+j.ID+"/steps", nil, &steps)
	if len(steps.Step) != 1 || steps.Step[0].Job.ID != j.ID {
		t.Fatalf("steps %+v", steps)
	}
	v.must(200, "GET", "/jobs/"+j.ID+"/steps/"+steps.Step[0].ID, nil, nil)
	if resp, _ := v.do("GET", "/jobs/nope", nil); resp.StatusCode != 404 {
		t.Fatal(resp.StatusCode)
	}
}

func TestTopology(t *testing.T) {
	v := newEnv(t)
	var dcs ovirt.DataCenters
	v.must(200, "GET", "/datacenters", nil, &dcs)
	if len(dcs.DataCenter) != 1 || dcs.DataCenter[0].Name != "Default" || dcs.DataCenter[0].Status != ovirt.DataCenterStatusUp {
		t.Fatalf("dcs %+v", dcs)
	}
	dc := dcs.DataCenter[0]
	v.must(200, "GET", "/datacenters/"+dc.ID, nil, nil)
	var cs ovirt.Clusters
	v.must(200, "GET", "/datacenters/"+dc.ID+"/clusters", nil, &cs)
	// ClusterMapper writes no management_network.
	if len(cs.Cluster) != 1 || cs.Cluster[0].ManagementNetwork != nil {
		t.Fatalf("clusters %+v", cs)
	}
	c := cs.Cluster[0]
	v.must(200, "GET", "/clusters/"+c.ID, nil, nil)
	var ns ovirt.Networks
	v.must(200, "GET", "/clusters/"+c.ID+"/networks", nil, &ns)
	byName := map[string]ovirt.Network{}
	for _, n := range ns.Network {
		byName[n.Name] = n
	}
	if len(ns.Network) != 3 || byName["display"].Vlan.ID.Value() != 100 || byName["storage"].Vlan.ID.Value() != 200 ||
		len(byName["ovirtmgmt"].Usages.Usage) != 3 || byName["ovirtmgmt"].Href != "/ovirt-engine/api/clusters/"+c.ID+"/networks/"+byName["ovirtmgmt"].ID {
		t.Fatalf("cluster networks %+v", ns)
	}
	v.must(200, "GET", "/clusters/"+c.ID+"/networks/"+byName["storage"].ID, nil, nil)
	var n ovirt.Network
	v.must(201, "POST", "/networks", map[string]any{"name": "backup", "vlan": map[string]any{"id": 300}, "data_center": map[string]string{"name": "Default"}}, &n)
	v.fault(409, "Operation Failed", "[Cannot add Network. The name of the logical network 'backup' is already used by an existing logical network in the same data-center.]",
		"POST", "/networks", map[string]any{"name": "backup", "data_center": map[string]string{"name": "Default"}})
	v.fault(400, "Incomplete parameters", "Network [data_center.id|name] required for add", "POST", "/networks", map[string]any{"name": "x"})
	// the new network can be attached (it has a simulated ULA /64)
	h := v.hostByName("host2")
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("backup", "eth5", ip6("autoconf", "", "", ""))), nil)
	if nic := v.nics(h.ID)["eth5.300"]; nic.Ipv6 == nil || nic.Ipv6.Address[:2] != "fd" {
		t.Fatalf("backup on eth5: %+v", nic)
	}
	v.fault(409, "Operation Failed", "[Cannot remove Network. Network is attached to host(s): host2.]", "DELETE", "/networks/"+n.ID, nil)
	v.fault(409, "Operation Failed", "[Cannot remove Network. The management network cannot be removed.]", "DELETE", "/networks/"+byName["ovirtmgmt"].ID, nil)
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", map[string]any{"removed_network_attachments": map[string]any{"network_attachment": []any{map[string]any{"network": map[string]string{"name": "backup"}}}}}, nil)
	v.must(200, "DELETE", "/networks/"+n.ID, nil, nil)
	v.must(200, "GET", "/networks?search=name%3Dovirt*", nil, &ns)
	if len(ns.Network) != 1 {
		t.Fatalf("network search %+v", ns)
	}
}
