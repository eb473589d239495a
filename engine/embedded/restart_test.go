package embedded

import (
	"context"
	"testing"
	"time"

	"v6admin/engine/ovirt"
)

// TestRestart: close and reopen the same DataDir; data and tokens survive,
// nothing is seeded twice, an interrupted installation finishes.
func TestRestart(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir, func(c *Config) { c.InstallDelay = 300 * time.Millisecond })
	h := v.hostByName("host2")
	v.must(200, "POST", "/hosts/"+h.ID+"/setupnetworks", setup(att("display", "eth2", ip6("static", "2001:db8:100::13", "64", ""))), nil)
	var added ovirt.Host
	v.must(201, "POST", "/hosts", addHostBody("host9", "2001:db8::9"), &added)
	var evs ovirt.Events
	v.must(200, "GET", "/events", nil, &evs)
	nEvents := len(evs.Event)
	token := v.token
	before := v.snapshot(h.ID)
	v.close() // before the installation finishes

	v2 := openEnv(t, dir)
	v2.token = token // the old token still works
	var hs ovirt.Hosts
	v2.must(200, "GET", "/hosts", nil, &hs)
	if len(hs.Host) != 4 {
		t.Fatalf("%d hosts after restart", len(hs.Host))
	}
	var dcs ovirt.DataCenters
	v2.must(200, "GET", "/datacenters", nil, &dcs)
	if len(dcs.DataCenter) != 1 {
		t.Fatalf("re-seeded: %d data centers", len(dcs.DataCenter))
	}
	if after := v2.snapshot(h.ID); string(before) != string(after) {
		t.Fatal("host networks changed across the restart")
	}
	eventually(t, 5*time.Second, func() bool {
		var got ovirt.Host
		v2.must(200, "GET", "/hosts/"+added.ID, nil, &got)
		return got.Status == ovirt.HostStatusUp
	})
	v2.must(200, "GET", "/events", nil, &evs)
	if len(evs.Event) < nEvents+2 || len(evs.Event) > nEvents+3 { // + installed, status up
		t.Fatalf("events %d -> %d", nEvents, len(evs.Event))
	}
}

func TestCloseStopsInstalls(t *testing.T) {
	e, err := Open(context.Background(), Config{DataDir: t.TempDir(), InstallDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	e.scheduleInstall(installDoc{HostID: "x"}, time.Hour)
	done := make(chan struct{})
	go func() { _ = e.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop the install simulation")
	}
	e.scheduleInstall(installDoc{HostID: "y"}, time.Millisecond) // after Close: ignored
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultPassword(t *testing.T) {
	e, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if !e.checkPassword(AdminUser, DefaultAdminPassword) || e.checkPassword(AdminUser, "") || e.checkPassword("admin", DefaultAdminPassword) {
		t.Fatal("default password")
	}
}
