package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
)

// TestClustersFixture decodes GET /clusters in the real engine's shape
// (engine/fixtures/clusters.json, built from the model and FencingPolicyMapper):
// the gluster fencing switches are booleans.
func TestClustersFixture(t *testing.T) {
	body := fixtures.Read("clusters.json")
	f, srv := startEngine(t)
	f.Reply("*", http.StatusOK, string(body))
	cs, err := newClient(t, srv).WithToken(testToken).ListClusters(context.Background(), ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Name != "Default" || cs[0].DataCenter == nil || cs[0].DataCenter.ID == "" {
		t.Fatalf("clusters = %+v", cs)
	}
	fp := cs[0].FencingPolicy
	if fp == nil || !fp.Enabled.Value() || fp.SkipIfGlusterBricksUp == nil || fp.SkipIfGlusterBricksUp.Value() ||
		fp.SkipIfConnectivityBroken.Threshold.Value() != 50 {
		t.Errorf("fencing_policy = %+v", fp)
	}
}

// TestTolerantReader: an unused member in an unexpected shape is dropped and
// the call succeeds; a used one fails with its JSON path.
func TestTolerantReader(t *testing.T) {
	tests := []struct {
		name, body string
		wantPath   string // "" = success
		check      func(*testing.T, *ovirt.Clusters)
	}{
		{"unused member as an object (4.0 shape)",
			`{"cluster":[{"name":"Default","fencing_policy":{"enabled":"true","skip_if_gluster_bricks_up":{"enabled":"false"}}}]}`, "",
			func(t *testing.T, c *ovirt.Clusters) {
				fp := c.Cluster[0].FencingPolicy
				if c.Cluster[0].Name != "Default" || !fp.Enabled.Value() || fp.SkipIfGlusterBricksUp != nil {
					t.Errorf("got %+v", c.Cluster[0])
				}
			}},
		{"unused member in every element",
			`{"cluster":[{"name":"a","fencing_policy":{"skip_if_gluster_quorum_not_met":[]}},{"name":"b","fencing_policy":{"skip_if_gluster_quorum_not_met":7}}]}`, "",
			func(t *testing.T, c *ovirt.Clusters) {
				if len(c.Cluster) != 2 || c.Cluster[1].Name != "b" {
					t.Errorf("got %+v", c.Cluster)
				}
			}},
		{"undeclared member in any shape", `{"cluster":[{"name":"a","ballooning_enabled":{"x":[1]}}]}`, "", nil},
		{"used member: name as an object", `{"cluster":[{"name":{"x":1}}]}`, "cluster.name", nil},
		{"used member: data_center.id as a number", `{"cluster":[{"name":"a","data_center":{"id":5}}]}`, "cluster.data_center.id", nil},
		{"unused member: version.major not an integer", `{"cluster":[{"id":"c","version":{"major":"four"}}]}`, "", nil},
		{"used member: id as a list", `{"cluster":[{"id":["c"]}]}`, "cluster.id", nil},
		{"list where an object is expected", `{"cluster":{"name":"a"}}`, "cluster", nil},
		{"not JSON", `<html>`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c ovirt.Clusters
			_, err := decodeTolerant([]byte(tt.body), &c)
			var ie *IncompatibleError
			switch {
			case tt.name == "not JSON":
				if !errors.As(err, &ie) || ie.JSONPath != "" {
					t.Fatalf("err = %v", err)
				}
			case tt.wantPath == "":
				if err != nil {
					t.Fatal(err)
				}
				if tt.check != nil {
					tt.check(t, &c)
				}
			default:
				if !errors.As(err, &ie) || ie.JSONPath != tt.wantPath || !errors.Is(err, ErrIncompatible) {
					t.Fatalf("err = %v, want path %s", err, tt.wantPath)
				}
			}
		})
	}
}

// TestIncompatibleErrorNamesVersion: a call whose answer cannot be read
// fails with the path and the engine's version from GET /api.
func TestIncompatibleErrorNamesVersion(t *testing.T) {
	f, srv := startEngine(t)
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/api") {
			_, _ = w.Write([]byte(`{"product_info":{"name":"oVirt Engine","version":{"build":"6","full_version":"4.5.6-1.el9","major":"4","minor":"5"}}}`))
			return
		}
		_, _ = w.Write([]byte(`{"id":"c1","name":"Default","data_center":{"id":["x"]}}`))
	})
	_, err := newClient(t, srv).WithToken(testToken).GetCluster(context.Background(), "c1")
	var ie *IncompatibleError
	if !errors.As(err, &ie) || ie.JSONPath != "cluster.data_center.id" || ie.EngineVersion != "4.5.6-1.el9" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "GET ") || !strings.Contains(err.Error(), "4.5.6-1.el9") {
		t.Errorf("Error() = %q", err.Error())
	}
}

// TestUpdateHostSendsPort: HostMapper resets a missing port to 54321 on
// update, so an edit without a port sends the host's current one.
func TestUpdateHostSendsPort(t *testing.T) {
	f, srv := startEngine(t)
	var put string
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPut {
			b := make([]byte, 4096)
			n, _ := r.Body.Read(b)
			put = string(b[:n])
		}
		_, _ = w.Write([]byte(`{"id":"h1","name":"h1","address":"2001:db8::11","port":"12345","status":"maintenance"}`))
	})
	s := newClient(t, srv).WithToken(testToken)
	if _, err := s.UpdateHost(context.Background(), "h1", &ovirt.Host{Name: "h2"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(put, `"port":"12345"`) || !strings.Contains(put, `"name":"h2"`) {
		t.Errorf("PUT body %s", put)
	}
	if _, err := s.UpdateHost(context.Background(), "h1", &ovirt.Host{Name: "h2", Port: ovirt.NewInt(2222)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(put, `"port":"2222"`) {
		t.Errorf("PUT body %s", put)
	}
}

// TestFenceAgentPortOption: the engine shows port=<n> in the options
// (engine/fixtures/fenceagents.json, built from FenceAgentMapper); the client hides
// it when it repeats the port and never sends a port option beside a port.
func TestFenceAgentPortOption(t *testing.T) {
	body := fixtures.Read("fenceagents.json")
	f, srv := startEngine(t)
	var sent []string
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Method != http.MethodGet {
			b := make([]byte, 4096)
			n, _ := r.Body.Read(b)
			sent = append(sent, string(b[:n]))
			_, _ = w.Write([]byte(`{"id":"a1","port":"623","options":{"option":[{"name":"lanplus","value":"1"},{"name":"port","value":"623"}]}}`))
			return
		}
		_, _ = w.Write(body)
	})
	s := newClient(t, srv).WithToken(testToken)
	as, err := s.ListFenceAgents(context.Background(), "h1")
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Port.Value() != 623 || len(as[0].Options.Option) != 1 || as[0].Options.Option[0].Name != "lanplus" {
		t.Fatalf("agents %+v", as)
	}
	a := as[0]
	a.Options.Option = append(a.Options.Option, ovirt.Option{Name: "port", Value: "623"}) // as a UI would send it back
	got, err := s.UpdateFenceAgent(context.Background(), "h1", a.ID, &a)
	if err != nil {
		t.Fatal(err)
	}
	if len(sent) != 1 || strings.Contains(sent[0], `"name":"port"`) || !strings.Contains(sent[0], `"port":"623"`) {
		t.Errorf("sent %q", sent)
	}
	if len(got.Options.Option) != 1 {
		t.Errorf("answer options %+v", got.Options.Option)
	}
}

// TestStorageDomainStatus: /storagedomains has no status for an attached
// domain (fixtures built from BackendStorageDomainsResource); the client
// reads it from the data center's storagedomains, once per data center.
func TestStorageDomainStatus(t *testing.T) {
	list := fixtures.Read("storagedomains.json")
	attached := fixtures.Read("datacenter_storagedomains.json")
	f, srv := startEngine(t)
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasPrefix(r.URL.Path, "/ovirt-engine/api/datacenters/") {
			_, _ = w.Write(attached)
			return
		}
		_, _ = w.Write(list)
	})
	sds, err := newClient(t, srv).WithToken(testToken).ListStorageDomains(context.Background(), ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sds) != 3 || sds[0].Status != ovirt.StorageDomainStatusActive || sds[1].Status != ovirt.StorageDomainStatusUnattached ||
		sds[0].Available.Value() != 1717986918400 {
		t.Fatalf("domains %+v", sds)
	}
	dc := 0
	for _, r := range f.Requests() {
		if strings.Contains(r.Path, "/datacenters/") {
			dc++
		}
	}
	if dc != 1 {
		t.Errorf("%d data center calls, want 1", dc)
	}
}

// TestISCSILoginSendsTPGT: a discovered portal "address:port,tpgt"
// (StorageLogicalUnitMapper) is sent to iscsilogin as its TPGT only.
func TestISCSILoginSendsTPGT(t *testing.T) {
	for in, want := range map[string]string{"[2001:db8::5]:3260,1": "1", "10.46.9.43:3260,2": "2", "1": "1", "": ""} {
		if got := TPGT(in); got != want {
			t.Errorf("TPGT(%q) = %q, want %q", in, got, want)
		}
	}
	f, srv := startEngine(t)
	var sent string
	f.Handle("*", func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 4096)
		n, _ := r.Body.Read(b)
		sent = string(b[:n])
		_, _ = w.Write([]byte(`{"status":"complete"}`))
	})
	d := &ovirt.IscsiDetails{Address: "2001:db8::5", Port: ovirt.NewInt(3260), Target: "iqn.2014-07.org.ovirt:storage", Portal: "[2001:db8::5]:3260,1"}
	if _, err := newClient(t, srv).WithToken(testToken).ISCSILogin(context.Background(), "h1", d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sent, `"portal":"1"`) || d.Portal != "[2001:db8::5]:3260,1" {
		t.Errorf("sent %s (caller's value %q)", sent, d.Portal)
	}
}
