package readiness

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/internal/uitest"
	"v6admin/wire"
)

// fakeAPI answers GET /api/readiness with the report recorded from the
// BFF over the seeded lab (testdata/readiness.json) and records the
// filters asked and the setupnetworks requests; any other call panics.
type fakeAPI struct {
	client.API
	mu      sync.Mutex
	queries []string // kind|family|severity of each read
	sent    []wire.SetupNetworksRequest
	hosts   []string
	refuse  *client.APIError
}

func loadReport(t *testing.T) *wire.Readiness {
	t.Helper()
	data, err := os.ReadFile("testdata/readiness.json")
	if err != nil {
		t.Fatal(err)
	}
	var r wire.Readiness
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

var fixture *wire.Readiness

func (f *fakeAPI) Readiness(_ context.Context, kind, family, severity string) (*wire.Readiness, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, kind+"|"+family+"|"+severity)
	r := *fixture
	return &r, nil
}

func (f *fakeAPI) SetupNetworks(_ context.Context, id string, r wire.SetupNetworksRequest) (*wire.SetupResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hosts, f.sent = append(f.hosts, id), append(f.sent, r)
	if f.refuse != nil {
		return nil, f.refuse
	}
	return &wire.SetupResult{}, nil
}

func (f *fakeAPI) reads() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.queries...)
}

func TestPageShowsTheReport(t *testing.T) {
	fixture = loadReport(t)
	api := &fakeAPI{}
	p := &Page{API: api}
	uitest.Mount(t, p)
	if got := api.reads(); len(got) != 1 || got[0] != "||" {
		t.Fatalf("reads %q, want one without filters", got)
	}
	html := app.HTMLString(p.Render())
	want := []string{
		`id="readiness-engine-url"`, fixture.EngineURL,
		`id="readiness-chart"`, `data-dc="Default"`, `data-total="43"`,
		"Blockers (15)", "Warnings (8)",
		// The out-of-sync attachment: its diff in RFC 5952 and the one-click sync.
		`data-field="ipv6_address"`, ">2001:db8:300::122<", ">2001:db8:300::222<", "Sync this network",
		// Fix links.
		`href="/hosts?edit=fa9ed99e-e649-49fb-870a-525ef28671fb"`,
		`href="/hosts?edit=56a23253-816e-4ff2-9c47-8b5397dd2c1c&tab=pm"`,
		`href="/providers?edit=9bc95a87-c7c2-4f39-9f3c-e0f0c7d5dc82"`,
		`href="/storage-domains?domain=1e7d7f81-87de-4788-96be-27e4ac878371"`,
		`href="/vms/2e2cc11b-c8b7-4ebd-b053-8c5d4accf02d?dialog=run-once"`,
		"no Edit Network dialog",
		// Objects per data center, with roles, OS, families and scopes.
		`id="objects-dc-Default"`, `id="objects-other"`, `data-role="management"`, "OS: RHEL 8.6 - 1.el8",
		`data-family="ipv6-only"`, `data-family="ipv4-only"`, "scope-documentation", "AAAA record",
		// Downloads carry no filter yet.
		`href="/api/readiness?format=csv"`, `href="/api/readiness?format=json"`,
	}
	for _, f := range fixture.Findings {
		want = append(want, `data-check="`+f.Check+`"`)
	}
	uitest.CheckHTML(t, "report", html, want, nil)
	// Blockers first.
	if lastBlocker, firstWarning := strings.LastIndex(html, `data-severity="blocker"`), strings.Index(html, `data-severity="warning"`); lastBlocker > firstWarning {
		t.Error("a warning is drawn before a blocker")
	}
}

func TestPageFiltersThroughTheEndpoint(t *testing.T) {
	fixture = loadReport(t)
	api := &fakeAPI{}
	p := &Page{API: api}
	e, ctx := uitest.Mount(t, p)
	p.setFilter(ctx, "kind", "host")
	e.ConsumeAll()
	p.setFilter(ctx, "severity", "blocker")
	e.ConsumeAll()
	p.setFilter(ctx, "kind", allValue)
	e.ConsumeAll()
	want := []string{"||", "host||", "host||blocker", "||blocker"}
	if got := api.reads(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("reads %q, want %q", got, want)
	}
	html := app.HTMLString(p.Render())
	uitest.CheckHTML(t, "filtered", html, []string{`href="/api/readiness?format=csv&severity=blocker"`, "filtered:"}, nil)
}

func TestPageRereadsOnEventsDebounced(t *testing.T) {
	fixture = loadReport(t)
	old := Debounce
	Debounce = 20 * time.Millisecond
	defer func() { Debounce = old }()
	api := &fakeAPI{}
	p := &Page{API: api}
	e, ctx := uitest.Mount(t, p)
	for range 5 { // a burst of events
		p.reloadSoon(ctx)
	}
	deadline := time.Now().Add(2 * time.Second)
	for len(api.reads()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		e.ConsumeAll()
	}
	time.Sleep(60 * time.Millisecond)
	e.ConsumeAll()
	if got := api.reads(); len(got) != 2 {
		t.Errorf("%d reads after a burst of 5 events, want 2 (the first and one after the burst)", len(got))
	}
}

func TestSyncNetworkSendsTheRequest(t *testing.T) {
	api := &fakeAPI{}
	done := 0
	s := &SyncNetwork{API: api, HostID: "h2", Host: "legacy2", AttachmentID: "at1", Network: "legacymig", OnDone: func(app.Context) { done++ }}
	e, ctx := uitest.Mount(t, s)
	s.Sync(ctx)
	e.ConsumeAll()
	api.mu.Lock()
	if len(api.sent) != 1 || api.hosts[0] != "h2" {
		t.Fatalf("sent %d requests to %q, want 1 to h2", len(api.sent), api.hosts)
	}
	got, _ := json.Marshal(api.sent[0])
	api.mu.Unlock()
	if want := `{"sync_attachments":["at1"],"check_connectivity":true,"connectivity_timeout":120,"commit_on_success":true}`; string(got) != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if done != 1 || !s.done || s.busy {
		t.Errorf("after the answer: done %d, s.done %v, busy %v", done, s.done, s.busy)
	}

	// A refusal: the engine's message, OnDone not called.
	api = &fakeAPI{refuse: &client.APIError{Status: 409, Message: "Cannot setup Networks. The host is in Maintenance."}}
	s = &SyncNetwork{API: api, HostID: "h2", AttachmentID: "at1", Network: "legacymig", OnDone: func(app.Context) { t.Error("OnDone after a refusal") }}
	e, ctx = uitest.Mount(t, s)
	s.Sync(ctx)
	e.ConsumeAll()
	uitest.CheckHTML(t, "refused", app.HTMLString(s.Render()), []string{"The network was not synchronized", "The host is in Maintenance."}, nil)
}

func TestSyncNetworkForgetsAnotherAttachment(t *testing.T) {
	api := &fakeAPI{}
	s := &SyncNetwork{API: api, HostID: "h2", AttachmentID: "at1", Network: "a"}
	e, ctx := uitest.Mount(t, s)
	s.Sync(ctx)
	e.ConsumeAll()
	s.OnUpdate(ctx) // same attachment: the state stays
	if !s.done {
		t.Fatal("the sync did not end")
	}
	// The list changed and this component now shows another attachment.
	s.AttachmentID, s.Network = "at2", "b"
	s.OnUpdate(ctx)
	if s.done || s.busy || s.prog != nil {
		t.Errorf("the state of at1 stayed on at2: done %v busy %v", s.done, s.busy)
	}
	uitest.CheckHTML(t, "at2", app.HTMLString(s.Render()), []string{`id="sync-at2"`}, []string{"pf-m-aria-disabled", "Synchronized"})
}
