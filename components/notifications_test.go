package components

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestEventToasts(t *testing.T) {
	tests := []struct {
		ev      Event
		toast   bool
		variant string
	}{
		{Event{Code: 500, Severity: "normal", Description: "Host h9 installed"}, true, "success"},
		{Event{Code: 10904, Severity: "error", Description: "Failed to apply changes"}, true, "danger"},
		{Event{Code: 9000, Severity: "alert", Description: "Failed to verify Host host2 power management."}, true, "danger"},
		{Event{Code: 1146, Severity: "warning", Description: "not synchronized"}, true, "warning"},
		{Event{Code: 42, Severity: "normal", Description: "Host h9 was added"}, false, ""},
		{Event{Code: 13, Severity: "normal", Description: "Status of host h9 was set to Up."}, false, ""},
	}
	for _, tt := range tests {
		got, ok := eventToast(tt.ev)
		if ok != tt.toast || got.Variant != tt.variant || (ok && got.Title != tt.ev.Description) {
			t.Errorf("eventToast(%d %s) = %+v, %v", tt.ev.Code, tt.ev.Severity, got, ok)
		}
	}
}

func TestToastMarkup(t *testing.T) {
	html := app.HTMLString(renderToasts([]toast{{ID: 3, Variant: "success", Title: "Host h9 installed"}}, func(app.Context, int) {}))
	for _, w := range []string{"pf-v6-c-alert-group pf-m-toast", `aria-live="polite"`, `id="toast-3"`, "pf-m-success", "Host h9 installed", "Close notification"} {
		if !strings.Contains(html, w) {
			t.Errorf("toasts lack %q:\n%s", w, html)
		}
	}
}
