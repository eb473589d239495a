package hostnet

import (
	"testing"
	"time"

	"v6admin/wire"
)

// TestRunningChange: a change runs from its 10902 until a 10903 or 10904 of
// the same correlation id; a start older than maxChangeAge is not running.
func TestRunningChange(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 15, 40, 0, 0, time.UTC)
	ev := func(id, code int64, cid string, at time.Duration) wire.Event {
		return wire.Event{ID: id, Code: code, CorrelationID: cid, Time: t0.Add(at)}
	}
	start := ev(10, evNetworkApplying, "c1", 0)
	tests := []struct {
		name string
		evs  []wire.Event
		now  time.Duration
		want bool
	}{
		{"started only", []wire.Event{start}, 5 * time.Second, true},
		{"newest first, as the BFF answers", []wire.Event{ev(11, 1148, "c1", time.Second), start}, 5 * time.Second, true},
		{"applied", []wire.Event{ev(12, evNetworkApplied, "c1", 3*time.Second), start}, 5 * time.Second, false},
		{"failed", []wire.Event{start, ev(12, evNetworkApplyFail, "c1", 3*time.Second)}, 5 * time.Second, false},
		{"too old to be running", []wire.Event{start}, maxChangeAge + time.Second, false},
		{"no start", []wire.Event{ev(12, evNetworkApplied, "c1", 0)}, time.Second, false},
		{"no correlation id", []wire.Event{ev(10, evNetworkApplying, "", 0)}, time.Second, false},
		{"none", nil, time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := runningChange("host2", tt.evs, t0.Add(tt.now))
			if (p != nil) != tt.want {
				t.Fatalf("running %v, want %v", p != nil, tt.want)
			}
			if p == nil {
				return
			}
			if p.ID != "c1" || p.Host != "host2" || !p.Started.Equal(t0) || p.phase() != phaseApplying {
				t.Errorf("change %+v", p)
			}
			if p.elapsed() != int(tt.now/time.Second) {
				t.Errorf("elapsed %d", p.elapsed())
			}
		})
	}
}
