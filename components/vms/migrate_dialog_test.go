package vms

import (
	"context"
	"strings"
	"testing"
	"time"
	"v6admin/components/client"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

func loadHostList(t *testing.T) []wire.Host {
	t.Helper()
	var l wire.HostList
	readJSON(t, "hosts.json", &l)
	return l.Hosts
}

func hostID(t *testing.T, name string) string {
	t.Helper()
	for _, h := range loadHostList(t) {
		if h.Name == name {
			return h.ID
		}
	}
	t.Fatalf("no host %s", name)
	return ""
}

func (f *fakeAPI) Hosts(context.Context) ([]wire.Host, error) { return loadHostList(f.t), nil }

// MigrationPlan answers the recorded plan (web0 to host1), host2's in
// the same shape, the scheduler's, or f.plan's.
func (f *fakeAPI) MigrationPlan(_ context.Context, id, host string) (*wire.MigrationPlan, error) {
	f.record("plan " + host)
	if f.plan != nil {
		return f.plan(host), nil
	}
	var p wire.MigrationPlan
	readJSON(f.t, "migration_plan.json", &p)
	switch host {
	case "":
		return &wire.MigrationPlan{Source: p.Source, Summary: "The scheduler picks the destination host; the migration uses that host's address on the cluster's migration network.", Warnings: []wire.Warning{}}, nil
	case p.Host.ID:
		return &p, nil
	}
	a := wire.IPAddr("2001:db8:100::13")
	return &wire.MigrationPlan{Source: p.Source, Host: &wire.Ref{ID: host, Name: "host2"}, Network: p.Network, Address: &a, Family: "ipv6",
		Summary: "over 2001:db8:100::13 on display (IPv6)", Warnings: []wire.Warning{}}, nil
}

// MigrateVM records the request and its request id, and answers web0 up
// on the destination.
func (f *fakeAPI) MigrateVM(ctx context.Context, id string, r wire.MigrateVMRequest) (*wire.VMActionResult, error) {
	f.record("migrate " + id + " " + r.HostID + " rid=" + client.RequestIDOf(ctx))
	if f.refuse != nil {
		return nil, f.refuse
	}
	v := *loadWeb0(f.t)
	v.Host = &wire.Ref{ID: r.HostID, Name: "host1"}
	return &wire.VMActionResult{VM: v, Job: &wire.Job{ID: "j1", Status: "finished"}}, nil
}

func TestCandidates(t *testing.T) {
	web0 := *loadWeb0(t)
	hosts := loadHostList(t)
	names := func(hs []wire.Host) string {
		var n []string
		for _, h := range hs {
			n = append(n, h.Name)
		}
		return strings.Join(n, ",")
	}
	down := append([]wire.Host(nil), hosts...)
	for i := range down {
		if down[i].Name == "host2" {
			down[i].Status = "maintenance"
		}
	}
	tests := []struct {
		name  string
		hosts []wire.Host
		want  string
	}{
		// web0 runs on host0 in Default; legacy1 and legacy2 are in Legacy.
		{"the cluster's other up hosts", hosts, "host1,host2"},
		{"not a host in maintenance", down, "host1"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		if got := names(candidates(web0, tt.hosts)); got != tt.want {
			t.Errorf("%s: candidates = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMigrateDialogShowsTheAddressBeforeOK(t *testing.T) {
	api := &fakeAPI{t: t}
	d := &MigrateDialog{API: api, VM: *loadWeb0(t)}
	e, ctx := uitest.Mount(t, d)
	h1, h2 := hostID(t, "host1"), hostID(t, "host2")
	if got := api.requests(); !strings.Contains(got, "plan ") || !strings.Contains(got, "plan "+h1) || !strings.Contains(got, "plan "+h2) {
		t.Fatalf("plans asked: %q", got)
	}
	html := app.HTMLString(d.Render())
	uitest.CheckHTML(t, "automatic", html, []string{
		"Migrate VM web0", "From host host0 (cluster Default).", ">Automatically choose host<", ">host1<", ">host2<",
		`id="migrate-network">display<`, "The scheduler picks the destination host",
		"over 2001:db8:100:0:e42:a1ff:fe51:1f9f on display (IPv6)", "over 2001:db8:100::13 on display (IPv6)",
	}, []string{">legacy1<", ">host0<"})

	d.pick(ctx, h1)
	e.ConsumeAll()
	if !strings.HasSuffix(api.requests(), "plan "+h1) {
		t.Errorf("changing the host did not refresh its plan: %q", api.requests())
	}
	html = app.HTMLString(d.Render())
	uitest.CheckHTML(t, "host1", html, []string{
		"This migration will go ", "<strong>over 2001:db8:100:0:e42:a1ff:fe51:1f9f on display (IPv6)</strong>",
		`id="migrate-family">IPv6<`, "scope-documentation",
	}, []string{"migrate-warning-0"})

	// A dual-stack migration network: the engine takes IPv4, said as a warning.
	a4 := wire.Addr{Address: "192.0.2.13", Kind: validation.HostIPv4, Scope: validation.ScopeDocumentation}
	api.plan = func(host string) *wire.MigrationPlan {
		return &wire.MigrationPlan{Host: &wire.Ref{ID: host, Name: "host2"}, Network: &wire.Ref{ID: "n", Name: "ovirtmgmt"}, Address: &a4, Family: "ipv4",
			Summary: "over 192.0.2.13 on ovirtmgmt (IPv4)", Warnings: []wire.Warning{{Field: "host", Code: "migration_ipv4",
				Message: "The migration network ovirtmgmt is dual-stack: the engine takes IPv4 whenever both hosts have an IPv4 address on it, so this migration will not use 2001:db8:10::13."}}}
	}
	d.pick(ctx, h2)
	e.ConsumeAll()
	uitest.CheckHTML(t, "dual-stack", app.HTMLString(d.Render()), []string{
		"over 192.0.2.13 on ovirtmgmt (IPv4)", `id="migrate-family">IPv4<`, `id="migrate-warning-0"`, "pf-m-warning", "will not use 2001:db8:10::13",
	}, nil)
}

func TestMigrateDialogFollowsTheMigration(t *testing.T) {
	api := &fakeAPI{t: t}
	web0 := *loadWeb0(t)
	closed := false
	d := &MigrateDialog{API: api, VM: web0, OnClose: func(app.Context) { closed = true }}
	e, ctx := uitest.Mount(t, d)
	h1 := hostID(t, "host1")
	d.pick(ctx, h1)
	e.ConsumeAll()

	// Events arriving while the request runs: "Migration started" with
	// the request id, then "Migration completed" for the VM.
	d.ok(ctx)
	if d.run == nil || d.run.ID == "" || d.run.Summary != "over 2001:db8:100:0:e42:a1ff:fe51:1f9f on display (IPv6)" {
		t.Fatalf("run %+v", d.run)
	}
	uitest.CheckHTML(t, "sent", app.HTMLString(d.Render()), []string{"Sent to the engine", "Migrating to host1 over 2001:db8:100:0:e42:a1ff:fe51:1f9f on display (IPv6)", `id="migrate-close"`}, []string{`id="migrate-ok"`})
	now := time.Now()
	d.observe(wire.Event{ID: 1, Code: 9999, CorrelationID: "other", Description: "not ours"})
	d.observe(wire.Event{ID: 2, Code: evMigrationStarted, CorrelationID: d.run.ID, Time: now, Severity: "normal",
		Description: "Migration started (VM: web0, Source: host0, Destination: host1, User: admin@internal-authz). ", VM: &wire.Ref{ID: web0.ID}})
	if !d.run.Started || d.run.Done || len(d.run.Events) != 1 {
		t.Fatalf("after event 62: %+v", d.run)
	}
	uitest.CheckHTML(t, "migrating", app.HTMLString(d.Render()), []string{"Migration started (VM: web0", `aria-current="step"`}, []string{"not ours"})
	d.observe(wire.Event{ID: 3, Code: evMigrationCompleted, Time: now, Severity: "normal", Host: &wire.Ref{ID: h1, Name: "host1"}, VM: &wire.Ref{ID: web0.ID},
		Description: "Migration completed (VM: web0, Source: host0, Destination: host1, Duration: 2 seconds, Total: 2 seconds, Actual downtime: (N/A))"})
	e.ConsumeAll()
	if !d.run.Done || d.run.Host != "host1" || d.run.Failed != "" {
		t.Fatalf("after the answer: %+v", d.run)
	}
	if got := api.requests(); !strings.Contains(got, "migrate "+web0.ID+" "+h1+" rid="+d.run.ID) {
		t.Errorf("sent %q: the migration must carry the dialog's request id", got)
	}
	uitest.CheckHTML(t, "done", app.HTMLString(d.Render()), []string{"web0 is up on host1.", "Up on host1", "Migration completed", "From host host0"}, nil)
	d.close(ctx)
	if !closed {
		t.Error("Close did not close")
	}
}

func TestMigrateDialogRefused(t *testing.T) {
	api := &fakeAPI{t: t, refuse: &client.APIError{Status: 409, Code: "engine_rejected", Message: "Cannot migrate VM. VM is being migrated."}}
	d := &MigrateDialog{API: api, VM: *loadWeb0(t)}
	e, ctx := uitest.Mount(t, d)
	d.ok(ctx) // automatic
	e.ConsumeAll()
	if d.run == nil || d.run.Failed != "Cannot migrate VM. VM is being migrated." {
		t.Fatalf("run %+v", d.run)
	}
	uitest.CheckHTML(t, "refused", app.HTMLString(d.Render()), []string{"The migration failed", "Cannot migrate VM. VM is being migrated.", "web0 stays on host0",
		"Migrating to the host the scheduler picks"}, []string{"is up on"})
}

func TestMigrateDialogDownVM(t *testing.T) {
	api := &fakeAPI{t: t}
	v := *loadWeb0(t)
	v.Status, v.Host = "down", nil
	d := &MigrateDialog{API: api, VM: v} // as the deep link ?dialog=migrate opens it
	e, ctx := uitest.Mount(t, d)
	d.ok(ctx)
	e.ConsumeAll()
	if d.run != nil || strings.Contains(api.requests(), "migrate ") {
		t.Fatalf("a down VM was sent to migrate: %q", api.requests())
	}
	uitest.CheckHTML(t, "down", app.HTMLString(d.Render()), []string{`id="migrate-not-up"`, "Only a running VM (Up) migrates; web0 is Down.",
		`re:<button[^>]*id="migrate-ok"[^>]*disabled[ >]|<button[^>]*disabled[ >][^>]*id="migrate-ok"`}, nil)
}
