package embedded

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

func TestHostSearch(t *testing.T) {
	v := newEnv(t)
	cases := []struct {
		query string
		want  []string // names, in order
	}{
		{"", []string{"host0", "host1", "host2"}},
		{"?search=" + url.QueryEscape("name=host*"), []string{"host0", "host1", "host2"}},
		{"?search=" + url.QueryEscape("name=HOST1"), []string{"host1"}},
		{"?search=" + url.QueryEscape("name=HOST1") + "&case_sensitive=true", nil},
		{"?search=" + url.QueryEscape("address=2001:DB8:10:0::11"), []string{"host0"}},
		{"?search=" + url.QueryEscape("address=[2001:db8:10::11]"), []string{"host0"}},
		{"?search=" + url.QueryEscape("address=*.example.org"), []string{"host1"}},
		{"?search=" + url.QueryEscape("address=192.0.2.13"), []string{"host2"}},
		{"?search=" + url.QueryEscape("status=up and name=*2"), []string{"host2"}},
		{"?search=" + url.QueryEscape("name=host0 or name=host2"), []string{"host0", "host2"}},
		{"?search=" + url.QueryEscape("status=maintenance"), nil},
		{"?search=" + url.QueryEscape("name != host1"), []string{"host0", "host2"}},
		{"?search=" + url.QueryEscape("cluster=Default sortby name desc"), []string{"host2", "host1", "host0"}},
		{"?max=2", []string{"host0", "host1"}},
		{"?search=" + url.QueryEscape("name=host*") + "&max=1", []string{"host0"}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var hs ovirt.Hosts
			v.must(200, "GET", "/hosts"+c.query, nil, &hs)
			var got []string
			for _, h := range hs.Host {
				got = append(got, h.Name)
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
	v.fault(400, "Operation Failed", "[Search query syntax error: unknown field 'colour'.]", "GET", "/hosts?search="+url.QueryEscape("colour=red"), nil)
	if _, b := v.do("GET", "/hosts?search="+url.QueryEscape("status=nothing"), nil); string(b) != "{}" {
		t.Fatalf("empty collection = %s, want {}", b)
	}
}

func TestHostRepresentation(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	if h.Href != "/ovirt-engine/api/hosts/"+h.ID || h.Port.Value() != 54321 || h.Status != ovirt.HostStatusUp {
		t.Fatalf("host %+v", h)
	}
	for _, rel := range []string{"nics", "networkattachments", "fenceagents", "storage", "statistics"} {
		if l, ok := ovirt.FindLink(h.Link, rel); !ok || l.Href != h.Href+"/"+rel {
			t.Errorf("link %s missing", rel)
		}
	}
	for _, rel := range []string{"setupnetworks", "fence", "discoveriscsi", "iscsilogin", "syncallnetworks", "commitnetconfig"} {
		if _, ok := h.Actions.Find(rel); !ok {
			t.Errorf("action %s missing", rel)
		}
	}
	b := v.must(200, "GET", "/hosts/"+h.ID, nil, nil)
	for _, frag := range []string{`"port":"54321"`, `"enabled":"true"`, `"comment":""`, `"speed":2000,`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("host JSON lacks %s", frag)
		}
	}
	if !strings.Contains(string(b), `"memory":"`) {
		t.Error("memory (xs:long) not written as a string, as oVirt does since 4.3")
	}
	var st ovirt.Statistics
	v.must(200, "GET", "/hosts/"+h.ID+"/statistics", nil, &st)
	if len(st.Statistic) < 5 {
		t.Fatalf("statistics %+v", st)
	}
}

func addHostBody(name, address string) map[string]any {
	return map[string]any{"name": name, "address": address, "root_password": "x", "cluster": map[string]string{"name": "Default"}}
}

func TestHostAddInstall(t *testing.T) {
	v := newEnv(t)
	var h ovirt.Host
	resp, b := v.do("POST", "/hosts", addHostBody("host3", "2001:db8::1234"))
	if resp.StatusCode != 201 {
		t.Fatalf("add: %d %s", resp.StatusCode, b)
	}
	if err := jsonUnmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	if want := v.srv.URL + ovirt.Prefix + "/hosts/" + h.ID; resp.Header.Get("Location") != want {
		t.Fatalf("Location %q, want %q", resp.Header.Get("Location"), want)
	}
	if h.Status != ovirt.HostStatusInstalling || h.Address != "2001:db8::1234" {
		t.Fatalf("added host %+v", h)
	}
	eventually(t, 5*time.Second, func() bool {
		var got ovirt.Host
		v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
		return got.Status == ovirt.HostStatusUp
	})
	// event 42, install events, finished job
	var evs ovirt.Events
	v.must(200, "GET", "/events?search="+url.QueryEscape("event_host=host3"), nil, &evs)
	codes := map[int64]string{}
	for _, ev := range evs.Event {
		codes[ev.Code.Value()] = ev.Description
	}
	if codes[42] != "Host host3 was added by admin@internal-authz." || codes[13] == "" || codes[500] == "" || codes[509] == "" {
		t.Fatalf("events %v", codes)
	}
	var jobs ovirt.Jobs
	v.must(200, "GET", "/jobs", nil, &jobs)
	found := false
	for _, j := range jobs.Job {
		if j.Description == "Adding new Host host3 to Cluster Default" {
			found = true
			if j.Status != ovirt.JobStatusFinished || j.EndTime == nil {
				t.Fatalf("job %+v", j)
			}
			var steps ovirt.Steps
			v.must(200, "GET", "/jobs/"+j.ID+"/steps", nil, &steps)
			for _, s := range steps.Step {
				if s.Status != ovirt.JobStatusFinished {
					t.Fatalf("step %+v", s)
				}
			}
		}
	}
	if !found {
		t.Fatal("install job missing")
	}
	// The installed host has NICs and the management network, static IPv6.
	nics := v.nics(h.ID)
	eth0 := nics["eth0"]
	if len(nics) != 4 || eth0.Ipv6 == nil || eth0.Ipv6.Address != "2001:db8::1234" || eth0.Ipv6BootProtocol != ovirt.BootProtocolStatic {
		t.Fatalf("nics %+v", nics)
	}
	// Duplicates: same address in another spelling, same name.
	v.fault(409, "Operation Failed", "[Cannot add Host. Host with the same address already exists.]", "POST", "/hosts", addHostBody("host4", "[2001:DB8:0::1234]"))
	v.fault(409, "Operation Failed", "[Cannot add Host. Host with the same address already exists.]", "POST", "/hosts", addHostBody("host4", "HOST1.lab.example.org"))
	v.fault(409, "Operation Failed", "[Cannot add Host. The Host name is already in use, please choose a unique name and try again.]", "POST", "/hosts", addHostBody("host3", "2001:db8::99"))
}

func TestHostAddErrors(t *testing.T) {
	v := newEnv(t)
	cases := []struct {
		name           string
		body           any
		query          string
		status         int
		reason, detail string
	}{
		{"missing all", map[string]any{}, "", 400, "Incomplete parameters", "Host [name, address] required for add"},
		{"missing name", map[string]any{"address": "2001:db8::5", "cluster": map[string]string{"name": "Default"}}, "", 400, "Incomplete parameters", "Host [name] required for add"},
		{"bad address", addHostBody("h", "2001:db8::1::2"), "", 400, "Operation Failed", "[Host address must be a FQDN or a valid IP address, Attribute: vdsStatic.hostName]"},
		{"address with port", addHostBody("h", "[2001:db8::1]:22"), "", 400, "Operation Failed", "[Host address must be a FQDN or a valid IP address, Attribute: vdsStatic.hostName]"},
		{"bad name", addHostBody("my host", "2001:db8::5"), "", 400, "Operation Failed", "[" + rules.MsgHostName + ", Attribute: vdsStatic.name]"},
		{"port", map[string]any{"name": "h", "address": "2001:db8::5", "port": 70000, "cluster": map[string]string{"name": "Default"}}, "", 400, "Operation Failed", "[The Port number must be between 1 and 65535., Attribute: vdsStatic.port]"},
		{"unknown cluster", map[string]any{"name": "h", "address": "2001:db8::5", "cluster": map[string]string{"name": "Nope"}}, "", 400, "Operation Failed", "Entity not found: Cluster: name=Nope"},
		{"bad activate", addHostBody("h", "2001:db8::5"), "?activate=maybe", 400, "Invalid value", "maybe is not a valid boolean value for activate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v.fault(c.status, c.reason, c.detail, "POST", "/hosts"+c.query, c.body)
		})
	}
	// Accepted spellings (java.net.URI's): bracketed IPv6 (stored as
	// given), a link-local address with a zone.
	var h ovirt.Host
	v.must(201, "POST", "/hosts", addHostBody("hb", "[2001:db8::77]"), &h)
	if h.Address != "[2001:db8::77]" {
		t.Fatalf("address stored as %q", h.Address)
	}
	v.must(201, "POST", "/hosts", addHostBody("hz", "fe80::1%eth0"), nil)
}

func TestHostAddNoActivate(t *testing.T) {
	v := newEnv(t)
	var h ovirt.Host
	v.must(201, "POST", "/hosts?activate=false", addHostBody("host5", "host5.lab.example.org"), &h)
	eventually(t, 5*time.Second, func() bool {
		var got ovirt.Host
		v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
		return got.Status == ovirt.HostStatusMaintenance
	})
	nics := v.nics(h.ID)
	if nics["eth0"].Ipv6BootProtocol != ovirt.BootProtocolAutoconf || nics["eth0"].BootProtocol != ovirt.BootProtocolDHCP {
		t.Fatalf("mgmt on a named host: %+v", nics["eth0"])
	}
}

func TestLocationWithIPv6Host(t *testing.T) {
	v := newEnv(t)
	req := httptest.NewRequest("POST", "http://[::1]:8443/ovirt-engine/api/hosts", strings.NewReader(`{"name":"h6","address":"2001:db8::66","cluster":{"name":"Default"}}`))
	req.Header.Set("Authorization", "Bearer "+v.token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	v.e.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	loc := rec.Header().Get("Location")
	if !strings.HasPrefix(loc, "http://[::1]:8443/ovirt-engine/api/hosts/") {
		t.Fatalf("Location %q", loc)
	}
	if _, err := url.Parse(loc); err != nil {
		t.Fatal(err)
	}
}

func TestHostUpdateRemove(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host2")
	var got ovirt.Host
	v.must(200, "PUT", "/hosts/"+h.ID, map[string]any{
		"comment": "rack 7", "spm": map[string]any{"priority": 8}, "ssh": map[string]any{"port": 2222},
		"power_management": map[string]any{"enabled": true, "kdump_detection": false},
	}, &got)
	if ovirt.Deref(got.Comment) != "rack 7" || got.Spm.Priority.Value() != 8 || got.Ssh.Port.Value() != 2222 ||
		!got.PowerManagement.Enabled.Value() || got.PowerManagement.KdumpDetection.Value() {
		t.Fatalf("updated %+v", got)
	}
	// A new address only after a failed installation (UpdateHostValidator).
	v.fault(400, "Operation Failed", "["+msgHostAddressLocked+"]", "PUT", "/hosts/"+h.ID, map[string]any{"address": "2001:db8:10::13"})
	v.fault(409, "Operation Failed", "[Cannot edit Host. The Host name is already in use, please choose a unique name and try again.]", "PUT", "/hosts/"+h.ID, map[string]any{"name": "host0"})
	v.fault(400, "Operation Failed", "[Host address must be a FQDN or a valid IP address, Attribute: vdsStatic.hostName]", "PUT", "/hosts/"+h.ID, map[string]any{"address": "300.1.1.1"})
	v.fault(400, "Operation Failed", "[The Port number must be between 1 and 65535., Attribute: vdsStatic.port]", "PUT", "/hosts/"+h.ID, map[string]any{"port": 65536})
	v.must(200, "PUT", "/hosts/"+h.ID, map[string]any{"name": "host2b", "address": h.Address}, &got)
	if got.Name != "host2b" || got.Address != h.Address {
		t.Fatalf("renamed %+v", got)
	}
	// Removing an Up host needs maintenance (or force).
	v.fault(409, "Operation Failed", "["+msgHostOperational+"]", "DELETE", "/hosts/"+h.ID, nil)
	var act ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/deactivate", map[string]any{}, &act)
	if act.Status != ovirt.ActionStatusComplete || act.Job == nil {
		t.Fatalf("deactivate %+v", act)
	}
	v.fault(409, "Operation Failed", "[Cannot switch Host to Maintenance mode. Host is already in Maintenance mode.]", "POST", "/hosts/"+h.ID+"/deactivate", map[string]any{})
	// In Maintenance too.
	v.fault(400, "Operation Failed", "["+msgHostAddressLocked+"]", "PUT", "/hosts/"+h.ID, map[string]any{"address": "2001:db8:10::13"})
	b := v.must(200, "DELETE", "/hosts/"+h.ID, nil, nil)
	if string(b) != `{"status":"complete"}` {
		t.Fatalf("delete body %s", b)
	}
	if resp, _ := v.do("GET", "/hosts/"+h.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("after delete %d", resp.StatusCode)
	}
	// force removes an Up host
	h1 := v.hostByName("host1")
	v.must(200, "DELETE", "/hosts/"+h1.ID+"?force=true", nil, nil)
	if resp, _ := v.do("DELETE", "/hosts/"+h1.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("second delete %d", resp.StatusCode)
	}
}

func TestHostLifecycleActions(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host1")
	v.fault(409, "Operation Failed", "[Cannot activate Host. Host is already Up.]", "POST", "/hosts/"+h.ID+"/activate", "{}")
	v.fault(409, "Operation Failed", "[Cannot install Host. Host is operational. Please switch Host to Maintenance mode first.]", "POST", "/hosts/"+h.ID+"/install", "{}")
	v.must(200, "POST", "/hosts/"+h.ID+"/refresh", "", nil)
	v.must(200, "POST", "/hosts/"+h.ID+"/deactivate", "{}", nil)
	v.must(200, "POST", "/hosts/"+h.ID+"/install", map[string]any{"root_password": "x", "activate": true}, nil)
	eventually(t, 5*time.Second, func() bool {
		var got ovirt.Host
		v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
		return got.Status == ovirt.HostStatusUp
	})
	// the reinstall kept the NICs and attachments
	if n := len(v.attachments(h.ID)); n != 2 {
		t.Fatalf("attachments after reinstall: %d", n)
	}
}

func TestHostInstallOutcome(t *testing.T) {
	cases := []struct {
		name, address string
		fail          error
		wantStatus    ovirt.HostStatus
		wantV4        string // eth0's IPv4 address when up
	}{
		{"IPv4-mapped IPv6 is an IPv4 host", "::ffff:192.0.2.44", nil, ovirt.HostStatusUp, "192.0.2.44"},
		{"bracketed IPv4-mapped", "[::FFFF:c000:22d]", nil, ovirt.HostStatusUp, "192.0.2.45"},
		{"IPv4", "192.0.2.46", nil, ovirt.HostStatusUp, "192.0.2.46"},
		{"simulation failure", "2001:db8::77", errors.New("netsim: the host did not answer."), ovirt.HostStatusInstallFailed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := newEnv(t)
			v.e.beforeInstall = func(string) error { return c.fail }
			var h ovirt.Host
			v.must(201, "POST", "/hosts", addHostBody("host9", c.address), &h)
			var got ovirt.Host
			eventually(t, 5*time.Second, func() bool {
				v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
				return got.Status != ovirt.HostStatusInstalling
			})
			if got.Status != c.wantStatus {
				t.Fatalf("status %s, want %s", got.Status, c.wantStatus)
			}
			var evs ovirt.Events
			v.must(200, "GET", "/events?search="+url.QueryEscape("event_host=host9"), nil, &evs)
			var failed *ovirt.Event
			for i, ev := range evs.Event {
				if ev.Code.Value() == 505 {
					failed = &evs.Event[i]
				}
			}
			var jobs ovirt.Jobs
			v.must(200, "GET", "/jobs", nil, &jobs)
			var job ovirt.Job
			for _, j := range jobs.Job {
				if j.Description == "Adding new Host host9 to Cluster Default" {
					job = j
				}
			}
			if c.wantStatus == ovirt.HostStatusInstallFailed {
				if failed == nil || failed.Severity != ovirt.LogSeverityError ||
					failed.Description != "Host host9 installation failed. the host did not answer." {
					t.Fatalf("event 505 = %+v", failed)
				}
				if job.Status != ovirt.JobStatusFailed || job.EndTime == nil {
					t.Fatalf("job %+v", job)
				}
				// A failed host takes a new address, unique as ever.
				v.fault(409, "Operation Failed", "[Cannot edit Host. Host with the same address already exists.]", "PUT", "/hosts/"+h.ID, map[string]any{"address": "2001:db8:10:0:0:0:0:11"})
				v.must(200, "PUT", "/hosts/"+h.ID, map[string]any{"address": "2001:db8::78"}, &got)
				if got.Address != "2001:db8::78" {
					t.Fatalf("renumbered %+v", got)
				}
				// A failed host can be removed.
				v.must(200, "DELETE", "/hosts/"+h.ID, nil, nil)
				return
			}
			if failed != nil || job.Status != ovirt.JobStatusFinished {
				t.Fatalf("event 505 %+v, job %+v", failed, job)
			}
			eth0 := v.nics(h.ID)["eth0"]
			if eth0.Ip == nil || eth0.Ip.Address != c.wantV4 || eth0.BootProtocol != ovirt.BootProtocolStatic {
				t.Fatalf("eth0 %+v", eth0)
			}
		})
	}
}

func TestHostChangeCluster(t *testing.T) {
	v := newEnv(t)
	var def ovirt.Cluster
	if err := v.e.st.Update(context.Background(), func(tx *store.Tx) error {
		cs, err := store.ListAllJSON[ovirt.Cluster](tx, kindCluster)
		if err != nil {
			return err
		}
		def = cs[0]
		edge := def
		edge.ID, edge.Name, edge.Href = "edge-cluster-id", "Edge", ovirt.Href("clusters", "edge-cluster-id")
		return store.PutJSON(tx, kindCluster, edge.ID, "", edge.Name, edge)
	}); err != nil {
		t.Fatal(err)
	}
	h := v.hostByName("host2")
	cases := []struct {
		name    string
		before  string // action first: deactivate
		cluster map[string]string
		status  int
		detail  string
		want    string // cluster id after
	}{
		{"same cluster while up", "", map[string]string{"id": def.ID}, 200, "", def.ID},
		{"other cluster while up", "", map[string]string{"name": "Edge"}, 409,
			"[Cannot edit Host. Host parameters cannot be modified while Host is operational. Please switch Host to Maintenance mode first.]", def.ID},
		{"unknown cluster", "", map[string]string{"id": "nope"}, 400, "Entity not found: Cluster: id=nope", def.ID},
		{"other cluster in maintenance", "deactivate", map[string]string{"name": "Edge"}, 200, "", "edge-cluster-id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.before != "" {
				v.must(200, "POST", "/hosts/"+h.ID+"/"+c.before, map[string]any{}, nil)
			}
			resp, b := v.do("PUT", "/hosts/"+h.ID, map[string]any{"cluster": c.cluster})
			if resp.StatusCode != c.status || (c.detail != "" && !strings.Contains(string(b), c.detail)) {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
			var got ovirt.Host
			v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
			if got.Cluster == nil || got.Cluster.ID != c.want {
				t.Fatalf("cluster %+v, want %s", got.Cluster, c.want)
			}
		})
	}
}
