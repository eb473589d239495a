package form

import (
	"strings"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestTabs(t *testing.T) {
	ts := TabSet{ID: "t", Label: "Settings", Current: "b", Tabs: []Tab{
		{ID: "a", Label: "General", HasError: true, Body: []app.UI{app.P().Text("A")}},
		{ID: "b", Label: "Power Management", Body: []app.UI{app.P().Text("B")}},
	}}
	if ts.neighbour("a", 1) != "b" || ts.neighbour("b", 1) != "a" || ts.neighbour("a", -1) != "b" {
		t.Error("arrow keys wrap around")
	}
	html := app.HTMLString(ts.Render())
	for _, w := range []string{`role="tablist"`, `aria-label="Settings"`, `id="t-tab-a"`, `aria-controls="t-panel-a"`,
		`aria-labelledby="t-tab-b"`, "(has errors)", "v6-tab-error", `aria-selected="false"`} {
		if !strings.Contains(html, w) {
			t.Errorf("tabs lack %q:\n%s", w, html)
		}
	}
	// The inactive panel is hidden, the current one is not.
	if !uitest.Has(html, `re:<section[^>]*id="t-panel-a"[^>]*hidden|<section[^>]*hidden[^>]*id="t-panel-a"`) {
		t.Errorf("panel a is not hidden:\n%s", html)
	}
	if uitest.Has(html, `re:<section[^>]*id="t-panel-b"[^>]*hidden|<section[^>]*hidden[^>]*id="t-panel-b"`) {
		t.Errorf("panel b is hidden:\n%s", html)
	}
}
