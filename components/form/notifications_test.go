package form

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

func TestEventToasts(t *testing.T) {
	tests := []struct {
		ev      wire.Event
		toast   bool
		variant string
	}{
		{wire.Event{Code: 500, Severity: "normal", Description: "Host h9 installed"}, true, "success"},
		{wire.Event{Code: 10904, Severity: "error", Description: "Failed to apply changes"}, true, "danger"},
		{wire.Event{Code: 9000, Severity: "alert", Description: "Failed to verify Host host2 power management."}, true, "danger"},
		{wire.Event{Code: 1146, Severity: "warning", Description: "not synchronized"}, true, "warning"},
		{wire.Event{Code: 42, Severity: "normal", Description: "Host h9 was added"}, false, ""},
		{wire.Event{Code: 13, Severity: "normal", Description: "Status of host h9 was set to Up."}, false, ""},
	}
	for _, tt := range tests {
		got, ok := EventToast(tt.ev)
		if ok != tt.toast || got.Variant != tt.variant || (ok && got.Title != tt.ev.Description) {
			t.Errorf("eventToast(%d %s) = %+v, %v", tt.ev.Code, tt.ev.Severity, got, ok)
		}
	}
}

func TestToastMarkup(t *testing.T) {
	html := app.HTMLString(RenderToasts([]Toast{{ID: 3, Variant: "success", Title: "Host h9 installed"}}, func(app.Context, int) {}))
	for _, w := range []string{"pf-v6-c-alert-group pf-m-toast", `aria-live="polite"`, `id="toast-3"`, "pf-m-success", "Host h9 installed", "Close notification"} {
		if !strings.Contains(html, w) {
			t.Errorf("toasts lack %q:\n%s", w, html)
		}
	}
}

// TestMergeToast: one toast per request. The engine's event of a change
// the page toasts itself gives way, whichever arrives first; toasts
// without a key are all kept.
func TestMergeToast(t *testing.T) {
	page := Toast{ID: 2, Variant: "success", Title: "The host's networks were set up.", Key: "c1"}
	event := Toast{ID: 3, Variant: "success", Title: "(1/1): Successfully applied changes on host host0.", Key: "c1", FromEvent: true}
	other := Toast{ID: 4, Variant: "success", Title: "(1/1): Successfully applied changes on host host2.", Key: "c2", FromEvent: true}

	ts, added := MergeToast(nil, page)
	if !added || len(ts) != 1 {
		t.Fatalf("first toast: %v %+v", added, ts)
	}
	if ts, added = MergeToast(ts, event); added || len(ts) != 1 || ts[0].Title != page.Title {
		t.Fatalf("event after the page's toast: %v %+v", added, ts)
	}
	ts, _ = MergeToast(nil, event)
	if ts, added = MergeToast(ts, page); added || len(ts) != 1 || ts[0].Title != page.Title || ts[0].ID != event.ID {
		t.Fatalf("page's toast after the event: %v %+v", added, ts)
	}
	if ts, added = MergeToast(ts, other); !added || len(ts) != 2 {
		t.Fatalf("another request: %v %+v", added, ts)
	}
	ts, _ = MergeToast(nil, Toast{ID: 1, Title: "Copied"})
	if ts, added = MergeToast(ts, Toast{ID: 2, Title: "Copied"}); !added || len(ts) != 2 {
		t.Fatalf("without a key: %v %+v", added, ts)
	}
	if tt, ok := EventToast(wire.Event{Code: 10903, Severity: "normal", CorrelationID: "c1", Description: "x"}); !ok || tt.Key != "c1" || !tt.FromEvent {
		t.Fatalf("eventToast %+v", tt)
	}
}
