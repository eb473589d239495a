package events

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"v6admin/wire"
)

// BenchmarkFanout1000 sends one event at a time to 1,000 WebSocket tabs of
// one user (real connections over [::1]) and reports the latency from the
// follower publishing it to each tab having read it: p50 and p99 over all
// deliveries (goal: p99 under 100 ms).
func BenchmarkFanout1000(b *testing.B) {
	const tabs = 1000
	src := newMemSource()
	h, url := testHub(b, Options{Source: src, PollInterval: time.Hour, Heartbeat: time.Hour, QueueSize: 256})
	type recv struct {
		id int64
		at time.Time
	}
	got := make(chan recv, tabs*16)
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sem := make(chan struct{}, 64)
	for i := range tabs {
		sem <- struct{}{}
		c, _, err := dial(b, url+"?from=0", "admin@internal", "tok", nil)
		<-sem
		if err != nil {
			b.Fatalf("tab %d: %v", i, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.CloseNow()
			for {
				_, data, err := c.Read(ctx)
				if err != nil {
					return
				}
				now := time.Now()
				var m wire.WSMessage
				if json.Unmarshal(data, &m) == nil && m.Type == wire.MsgEvent {
					got <- recv{m.Event.ID, now}
				}
			}
		}()
	}
	waitFor(b, func() bool { return h.Clients() == tabs })
	h.mu.Lock()
	f := h.followers["admin@internal"]
	h.mu.Unlock()

	var lat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		id := int64(i + 1)
		start := time.Now()
		f.publish([]wire.Event{{ID: id, Code: 42, Severity: "normal", Time: start, Description: "Host h1 was added by admin@internal-authz."}})
		for range tabs {
			select {
			case r := <-got:
				if r.id != id {
					b.Fatalf("event %d while waiting for %d", r.id, id)
				}
				lat = append(lat, r.at.Sub(start))
			case <-time.After(10 * time.Second):
				b.Fatalf("event %d: only some tabs got it", id)
			}
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	b.ReportMetric(p(1), "max-ms")
	b.ReportMetric(testutil.ToFloat64(h.dropped), "dropped")
	cancel()
	wg.Wait()
}
