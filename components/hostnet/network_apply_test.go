package hostnet

import (
	"context"
	"testing"
	"time"
	"v6admin/components/client"

	"v6admin/wire"
)

func TestNetApplyFollowsItsOwnEvents(t *testing.T) {
	p := NewNetApply("host0", true, 120)
	if len(p.ID) != 16 {
		t.Fatalf("request id %q: want 16 hex digits", p.ID)
	}
	if q := NewNetApply("host0", true, 120); q.ID == p.ID {
		t.Fatalf("two changes got the same request id %q", p.ID)
	}
	ev := func(id, code int64, cid string) wire.Event {
		return wire.Event{ID: id, Code: code, CorrelationID: cid, Description: "e"}
	}
	tests := []struct {
		name   string
		events []wire.Event
		kept   int
		phase  applyPhase
	}{
		{"nothing yet", nil, 0, phaseSent},
		{"another request's events are ignored", []wire.Event{ev(1, evNetworkApplying, "other"), ev(2, evNetworkApplied, "")}, 0, phaseSent},
		{"applying", []wire.Event{ev(3, evNetworkApplying, p.ID)}, 1, phaseApplying},
		{"applied", []wire.Event{ev(3, evNetworkApplying, p.ID), ev(4, 1148, p.ID), ev(5, evNetworkApplied, p.ID)}, 3, phaseApplied},
		{"rolled back", []wire.Event{ev(3, evNetworkApplying, p.ID), ev(6, evNetworkApplyFail, p.ID)}, 2, phaseFailed},
		{"a repeated event counts once", []wire.Event{ev(3, evNetworkApplying, p.ID), ev(3, evNetworkApplying, p.ID)}, 1, phaseApplying},
		{"the end without the start (joined late)", []wire.Event{ev(5, evNetworkApplied, p.ID)}, 1, phaseApplied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := *p
			q.Events = nil
			for _, e := range tt.events {
				q.Observe(e)
			}
			if len(q.Events) != tt.kept {
				t.Errorf("kept %d events, want %d", len(q.Events), tt.kept)
			}
			if got := q.phase(); got != tt.phase {
				t.Errorf("phase %d, want %d", got, tt.phase)
			}
		})
	}
	var none *NetApply
	if none.Observe(ev(1, evNetworkApplying, "x")) {
		t.Error("a nil netApply kept an event")
	}
}

func TestNetApplyContextCoversTheConnectivityWait(t *testing.T) {
	for _, tt := range []struct {
		verify  bool
		timeout int
		atLeast time.Duration
	}{
		{false, 0, 2 * time.Minute},
		{true, 120, 4 * time.Minute},
		{true, 600, 12 * time.Minute},
	} {
		p := NewNetApply("h", tt.verify, tt.timeout)
		ctx, cancel := p.Context()
		dl, ok := ctx.Deadline()
		cancel()
		if !ok || time.Until(dl) < tt.atLeast-time.Second {
			t.Errorf("verify=%v timeout=%d: deadline in %v, want ≥ %v", tt.verify, tt.timeout, time.Until(dl), tt.atLeast)
		}
		if id := client.RequestIDOf(ctx); id != p.ID {
			t.Errorf("request id in the context %q, want %q", id, p.ID)
		}
	}
	if _, ok := client.WithRequestID(context.Background(), "x").Deadline(); ok {
		t.Error("withRequestID added a deadline")
	}
}
