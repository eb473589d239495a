package components

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NotFoundPage is the 404 page.
type NotFoundPage struct{ app.Compo }

// Render draws the page.
func (p *NotFoundPage) Render() app.UI {
	return pageSection(emptyState("search", "Page not found",
		"There is no page at this address. It may have moved, or the link is wrong.",
		app.A().Class("pf-v6-c-button", "pf-m-primary").Href("/hosts").Body(
			app.Span().Class("pf-v6-c-button__text").Text("Go to Hosts"),
		),
	))
}

// listState is what a read-only list page knows about its data.
type listState struct {
	loaded  bool
	loading bool
	err     string
}

// EventsPage lists the newest engine events and adds new ones live.
type EventsPage struct {
	app.Compo
	life   mounted
	st     listState
	events []Event
}

// OnMount loads the list and follows the stream.
func (p *EventsPage) OnMount(ctx app.Context) {
	p.life.keep(ctx)
	p.st.loading = true
	ctx.Async(func() {
		list, err := backend.Events(context.Background(), 100)
		p.life.dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			if err != nil {
				p.st.err = asAPIError(err).Message
				return
			}
			p.events = mergeEvents(list.Events, p.events)
		})
	})
	ctx.Handle(eventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(Event); ok {
			p.events = mergeEvents(p.events, []Event{ev})
		}
	})
}

// mergeEvents merges two event lists newest first, without duplicates,
// keeping at most 500.
func mergeEvents(a, b []Event) []Event {
	seen := map[int64]bool{}
	out := make([]Event, 0, len(a)+len(b))
	for _, l := range [][]Event{a, b} {
		for _, e := range l {
			if !seen[e.ID] {
				seen[e.ID] = true
				out = append(out, e)
			}
		}
	}
	for i := 1; i < len(out); i++ { // insertion sort: the lists are nearly sorted
		for j := i; j > 0 && out[j].ID > out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if len(out) > 500 {
		out = out[:500]
	}
	return out
}

// Render draws the page.
func (p *EventsPage) Render() app.UI {
	return app.Div().Body(
		pageSection(pageTitle("Events")),
		pageSection(listBody(p.st, len(p.events), "list", "No events", "Engine events show here as they happen.",
			func() app.UI {
				return app.Table().Class("pf-v6-c-table", "pf-m-grid-md", "pf-m-compact").ID("events-table").Aria("label", "Events").Body(
					app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
						th("Time"), th("Severity"), th("Message"), th("Host"),
					)),
					app.TBody().Class("pf-v6-c-table__tbody").Body(
						app.Range(p.events).Slice(func(i int) app.UI {
							ev := p.events[i]
							host := ""
							if ev.Host != nil {
								host = ev.Host.Name
							}
							colors := map[string]string{"danger": "red", "warning": "orange", "info": "blue"}
							return app.Tr().Class("pf-v6-c-table__tr").Body(
								td("Time", app.Text(formatTime(ev.Time))),
								td("Severity", pfLabel(colors[severityVariant(ev.Severity)], titleWords(ev.Severity))),
								td("Message", app.Text(ev.Description)),
								td("Host", app.Text(host)),
							)
						}),
					),
				)
			})),
	)
}

// listBody shows a spinner while loading, the error, an empty state, or
// the table.
func listBody(st listState, n int, iconName, emptyTitle, emptyBody string, table func() app.UI) app.UI {
	switch {
	case !st.loaded:
		return app.Div().Class("v6-loading").Body(spinner("Loading"), app.Span().Text(" Loading…"))
	case st.err != "":
		return alert("danger", st.err)
	case n == 0:
		return emptyState(iconName, emptyTitle, emptyBody)
	}
	return table()
}

// th is a column header.
func th(text string) app.UI {
	return app.Th().Class("pf-v6-c-table__th").Scope("col").Text(text)
}

// td is a cell with its data-label (for the stacked layout on narrow
// screens).
func td(label string, body ...app.UI) app.HTMLTd {
	return app.Td().Class("pf-v6-c-table__td").DataSet("label", label).Body(body...)
}
