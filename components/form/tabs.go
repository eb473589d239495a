package form

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Tab is one tab of a tab set.
type Tab struct {
	ID    string // the panel's id suffix
	Label string
	// HasError marks a tab holding a field in error (icon and screen
	// reader text), as oVirt flags its tabs.
	HasError bool
	Body     []app.UI
}

// TabSet is a PatternFly tab set with its panels. Every panel is drawn and
// the inactive ones are hidden, so fields keep their place; Left and Right
// move between tabs (WAI-ARIA tabs pattern).
type TabSet struct {
	ID      string
	Label   string // aria-label of the tab list
	Tabs    []Tab
	Current string
	OnPick  func(ctx app.Context, id string)
}

// tabButtonID is the id of a tab's button.
func (t TabSet) tabButtonID(id string) string { return t.ID + "-tab-" + id }

// panelID is the id of a tab's panel.
func (t TabSet) panelID(id string) string { return t.ID + "-panel-" + id }

// neighbour returns the id of the tab delta steps from id, wrapping.
func (t TabSet) neighbour(id string, delta int) string {
	for i, tb := range t.Tabs {
		if tb.ID == id {
			n := len(t.Tabs)
			return t.Tabs[((i+delta)%n+n)%n].ID
		}
	}
	return id
}

// Render draws the tab list and the panels.
func (t TabSet) Render() app.UI {
	items := make([]app.UI, 0, len(t.Tabs))
	panels := make([]app.UI, 0, len(t.Tabs))
	for _, tb := range t.Tabs {
		tb := tb
		current := tb.ID == t.Current
		tabIndex := -1
		if current {
			tabIndex = 0
		}
		li := app.Li().Class("pf-v6-c-tabs__item").Role("presentation")
		if current {
			li = li.Class("pf-m-current")
		}
		label := []app.UI{app.Span().Class("pf-v6-c-tabs__item-text").Text(tb.Label)}
		if tb.HasError {
			label = append(label,
				app.Span().Class("v6-tab-error").Body(Icon("exclamation-circle")),
				app.Span().Class("pf-v6-screen-reader").Text(" (has errors)"))
		}
		items = append(items, li.Body(
			app.Button().Type("button").Class("pf-v6-c-tabs__link").
				ID(t.tabButtonID(tb.ID)).Role("tab").
				Aria("selected", strconv.FormatBool(current)).
				Aria("controls", t.panelID(tb.ID)).
				TabIndex(tabIndex).
				DataSet("error", tb.HasError).
				OnClick(func(ctx app.Context, e app.Event) {
					if t.OnPick != nil {
						t.OnPick(ctx, tb.ID)
					}
				}, app.EventScope(t.ID, tb.ID)).
				OnKeyDown(func(ctx app.Context, e app.Event) {
					delta := 0
					switch e.Get("key").String() {
					case "ArrowRight", "ArrowDown":
						delta = 1
					case "ArrowLeft", "ArrowUp":
						delta = -1
					default:
						return
					}
					e.PreventDefault()
					next := t.neighbour(tb.ID, delta)
					if t.OnPick != nil {
						t.OnPick(ctx, next)
					}
					FocusElement(ctx, t.tabButtonID(next))
				}, app.EventScope(t.ID, tb.ID)).
				Body(label...),
		))
		panel := app.Section().Class("pf-v6-c-tab-content").ID(t.panelID(tb.ID)).
			Role("tabpanel").TabIndex(0).Aria("labelledby", t.tabButtonID(tb.ID)).
			Body(app.Div().Class("pf-v6-c-tab-content__body").Body(tb.Body...))
		if !current {
			panel = panel.Hidden(true)
		}
		panels = append(panels, panel)
	}
	return app.Div().Class("v6-tabset").Body(
		app.Div().Class("pf-v6-c-tabs").Body(
			app.Ul().Class("pf-v6-c-tabs__list").Role("tablist").Aria("label", t.Label).Body(items...),
		),
		app.Div().Class("v6-tab-panels").Body(panels...),
	)
}
