package embedded

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func withClock(c *testClock) opt {
	return func(cfg *Config) {
		cfg.Clock = c.now
		cfg.TokenTTL = 10 * 365 * 24 * time.Hour // tokens outlive the jumps
	}
}

// addEvents writes n events (code 13) at the engine's current time.
func (v *tenv) addEvents(n int) {
	v.t.Helper()
	if err := v.e.st.Update(context.Background(), func(tx *store.Tx) error {
		for range n {
			if err := v.e.addEvent(tx, eventSpec{Code: 13, Desc: "test event"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		v.t.Fatal(err)
	}
}

func (v *tenv) eventIndexes() []int64 {
	v.t.Helper()
	var evs ovirt.Events
	v.must(200, "GET", "/events", nil, &evs)
	out := make([]int64, len(evs.Event))
	for i, e := range evs.Event {
		out[i] = e.Index.Value()
	}
	return out
}

func (v *tenv) purge() purged {
	v.t.Helper()
	p, err := v.e.purge(context.Background())
	if err != nil {
		v.t.Fatal(err)
	}
	return p
}

func TestRetentionDefaults(t *testing.T) {
	cfg := Config{EventMaxCount: -1, JobFailedMaxAge: -time.Second, JobMaxCount: 7}
	retentionDefaults(&cfg)
	want := Config{
		EventMaxAge: 30 * 24 * time.Hour, EventMaxCount: 0, JobSucceededMaxAge: 10 * time.Minute,
		JobFailedMaxAge: 0, JobMaxCount: 7, PurgeInterval: 10 * time.Minute,
	}
	if cfg.EventMaxAge != want.EventMaxAge || cfg.EventMaxCount != want.EventMaxCount || cfg.JobSucceededMaxAge != want.JobSucceededMaxAge ||
		cfg.JobFailedMaxAge != want.JobFailedMaxAge || cfg.JobMaxCount != want.JobMaxCount || cfg.PurgeInterval != want.PurgeInterval {
		t.Fatalf("defaults %+v, want %+v", cfg, want)
	}
}

func TestPurgeEventsByAge(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	v := newEnv(t, withClock(clk), func(c *Config) { c.EventMaxAge = 48 * time.Hour })
	seeded := v.eventIndexes()
	clk.add(25 * time.Hour)
	v.addEvents(3) // 25 h younger than the seed
	clk.add(22 * time.Hour)
	if p := v.purge(); p.events != 0 {
		t.Fatalf("nothing 48 h old yet, purged %d", p.events)
	}
	clk.add(time.Hour + time.Millisecond) // the seed is now > 48 h old
	if p := v.purge(); p.events != int64(len(seeded)) {
		t.Fatalf("purged %d events, want the %d seeded ones", p.events, len(seeded))
	}
	got := v.eventIndexes()
	if len(got) != 3 || got[2] != seeded[0]+1 {
		t.Fatalf("left %v, want the 3 added after %d", got, seeded[0])
	}
	clk.add(49 * time.Hour)
	v.addEvents(1)
	if p := v.purge(); p.events != 3 {
		t.Fatalf("purged %d, want 3", p.events)
	}
	// The index counter never goes back.
	if got := v.eventIndexes(); len(got) != 1 || got[0] != seeded[0]+4 {
		t.Fatalf("left %v, want [%d]", got, seeded[0]+4)
	}
}

func TestPurgeEventsByCount(t *testing.T) {
	v := newEnv(t, func(c *Config) { c.EventMaxCount = 5 })
	if got := v.eventIndexes(); len(got) > 5 {
		t.Fatalf("%d events after Open, want at most 5 (purged at start)", len(got))
	}
	v.addEvents(purgeBatch + 20)
	before := v.eventIndexes()
	if p := v.purge(); p.events != int64(len(before)-5) {
		t.Fatalf("purged %d, want %d", p.events, len(before)-5)
	}
	if got := v.eventIndexes(); len(got) != 5 || got[0] != before[0] || got[4] != before[4] {
		t.Fatalf("left %v, want the newest 5 of %v…", got, before[:5])
	}
}

func TestPurgeEventsUnlimited(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	v := newEnv(t, withClock(clk), func(c *Config) { c.EventMaxAge, c.EventMaxCount = -1, -1 })
	v.addEvents(10)
	n := len(v.eventIndexes())
	clk.add(5 * 365 * 24 * time.Hour)
	if p := v.purge(); p.events != 0 || len(v.eventIndexes()) != n {
		t.Fatalf("no limits, yet purged %d", p.events)
	}
}

func TestPurgeAtOpenAndPeriodically(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	dir := t.TempDir()
	v := openEnv(t, dir, withClock(clk))
	if len(v.eventIndexes()) == 0 {
		t.Fatal("no seeded events")
	}
	v.close()
	clk.add(31 * 24 * time.Hour)
	v = openEnv(t, dir, withClock(clk))
	var evs ovirt.Events
	v.must(200, "GET", "/events", nil, &evs)
	for _, e := range evs.Event {
		if e.Time.Value().Before(clk.now().Add(-30 * 24 * time.Hour)) {
			t.Fatalf("after 31 days and a restart, event %d of %v is still there", e.Index.Value(), e.Time.Value())
		}
	}
	v.close()

	v = openEnv(t, t.TempDir(), withClock(clk), func(c *Config) { c.PurgeInterval = 10 * time.Millisecond; c.EventMaxCount = 3 })
	v.addEvents(10)
	eventually(t, 5*time.Second, func() bool { return len(v.eventIndexes()) == 3 })
}

func TestPurgeJobs(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	v := newEnv(t, withClock(clk), func(c *Config) { c.JobMaxCount = 4 })
	add := func(status ovirt.JobStatus) string {
		var id string
		if err := v.e.st.Update(context.Background(), func(tx *store.Tx) (err error) {
			id, err = v.e.addJob(tx, "test "+string(status), status, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "s", Status: status}})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	exists := func(id string) bool {
		resp, _ := v.do("GET", "/jobs/"+id, nil)
		return resp.StatusCode == http.StatusOK
	}
	steps := func(id string) int {
		n := 0
		v.e.st.View(context.Background(), func(tx *store.Tx) error {
			bs, err := tx.List(kindStep, id)
			n = len(bs)
			return err
		})
		return n
	}
	v.purge() // the seed's jobs
	fin, failed, aborted, started := add(ovirt.JobStatusFinished), add(ovirt.JobStatusFailed), add(ovirt.JobStatusAborted), add(ovirt.JobStatusStarted)
	clk.add(10*time.Minute + time.Second)
	if p := v.purge(); p.jobs != 1 || exists(fin) || steps(fin) != 0 || !exists(failed) || !exists(started) {
		t.Fatalf("after 10 min: purged %d; finished job kept %v (steps %d), failed kept %v, started kept %v; want only the finished one gone with its steps",
			p.jobs, exists(fin), steps(fin), exists(failed), exists(started))
	}
	clk.add(50 * time.Minute)
	if p := v.purge(); p.jobs != 2 || exists(failed) || exists(aborted) || !exists(started) {
		t.Fatalf("after 60 min: purged %d; failed kept %v, aborted kept %v, started kept %v", p.jobs, exists(failed), exists(aborted), exists(started))
	}
	var ids []string
	for range 6 {
		ids = append(ids, add(ovirt.JobStatusFinished))
	}
	if p := v.purge(); p.jobs != 2 || exists(ids[0]) || exists(ids[1]) || !exists(ids[2]) || !exists(ids[5]) || !exists(started) {
		t.Fatalf("count: purged %d, want the 2 oldest of 6 ended jobs beyond 4", p.jobs)
	}
	clk.add(365 * 24 * time.Hour)
	v.purge()
	if !exists(started) {
		t.Fatal("a started job was purged")
	}
}

// TestEventPollReadsOnlyNewer proves that a poll (from=N) and the newest
// event (max=1, sortby time desc) never read the older events: with the
// oldest event's stored body unreadable, they still answer, while a full
// listing, which reads every event, fails.
func TestEventPollReadsOnlyNewer(t *testing.T) {
	v := newEnv(t)
	seeded := v.eventIndexes()
	v.addEvents(3)
	if err := v.e.st.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(kindEvent, strconv.FormatInt(seeded[len(seeded)-1], 10), "", "", []byte("not an event"))
	}); err != nil {
		t.Fatal(err)
	}
	var evs ovirt.Events
	v.must(200, "GET", "/events?from="+strconv.FormatInt(seeded[0], 10), nil, &evs)
	if len(evs.Event) != 3 || evs.Event[0].Index.Value() != seeded[0]+3 || evs.Event[2].Index.Value() != seeded[0]+1 {
		t.Fatalf("from: %+v", evs.Event)
	}
	for _, q := range []string{"?max=1&search=sortby%20time%20desc", "?max=2", "?max=2&search=SORTBY%20time%20DESC"} {
		v.must(200, "GET", "/events"+q, nil, &evs)
		if len(evs.Event) == 0 || evs.Event[0].Index.Value() != seeded[0]+3 {
			t.Fatalf("%s: %+v", q, evs.Event)
		}
	}
	if resp, _ := v.do("GET", "/events", nil); resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("full listing over an unreadable event: %d, want 500 (it reads everything)", resp.StatusCode)
	}
}

// BenchmarkEventPoll100k polls 100,000 events for what is newer, and for
// the newest, as the BFF's followers do every second.
func BenchmarkEventPoll100k(b *testing.B) {
	e, do := benchEnv(b, func(c *Config) { c.EventMaxCount = -1 })
	if err := e.st.Update(context.Background(), func(tx *store.Tx) error {
		for range 100_000 {
			if err := e.addEvent(tx, eventSpec{Code: 13, Desc: "Status of host host1 was set to Up."}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	rec := do("GET", "/events?max=1&search=sortby%20time%20desc", "")
	var evs ovirt.Events
	if err := json.Unmarshal(rec.Body.Bytes(), &evs); err != nil || len(evs.Event) != 1 {
		b.Fatalf("newest: %v %s", err, rec.Body.Bytes()[:min(200, rec.Body.Len())])
	}
	last := strconv.FormatInt(evs.Event[0].Index.Value()-1, 10)
	for _, q := range []struct{ name, path string }{
		{"from", "/events?from=" + last},
		{"newest", "/events?max=1&search=sortby%20time%20desc"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if rec := do("GET", q.path, ""); rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
