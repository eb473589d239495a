package components

import (
	"context"
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// NotFoundPage is the 404 page.
type NotFoundPage struct{ app.Compo }

// Render draws the page.
func (p *NotFoundPage) Render() app.UI {
	return form.PageSection(form.EmptyState("search", "Page not found",
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

// EventsPage lists the engine's events, newest first, a page at a time:
// search in the message, a lowest severity, Previous/Next through the
// engine's pages. The first page without a search adds new events live.
type EventsPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API    client.API
	life   form.Mounted
	st     listState
	events []wire.Event
	q      client.EventQuery
	more   bool
	seq    int // the latest load: older answers are dropped
}

// eventsPageSize is how many events a page shows.
const eventsPageSize = 50

// OnMount loads the list and follows the stream.
func (p *EventsPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.q = client.EventQuery{Max: eventsPageSize, Page: 1}
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok && p.live() && severityAtLeast(ev.Severity, p.q.Severity) {
			p.events = mergeEvents(p.events, []wire.Event{ev})
			if len(p.events) > eventsPageSize {
				p.events = p.events[:eventsPageSize]
			}
		}
	})
}

// live reports whether new events join the list: on the first page of an
// unfiltered text search.
func (p *EventsPage) live() bool { return p.q.Page <= 1 && strings.TrimSpace(p.q.Text) == "" }

// severityAtLeast reports whether sev is at least min (normal < warning <
// error < alert).
func severityAtLeast(sev, min string) bool {
	rank := map[string]int{"normal": 0, "warning": 1, "error": 2, "alert": 3}
	return rank[sev] >= rank[min]
}

func (p *EventsPage) load(ctx app.Context) {
	p.seq++
	seq, q := p.seq, p.q
	p.st.loading = true
	ctx.Async(func() {
		list, err := p.API.SearchEvents(context.Background(), q)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			if seq != p.seq {
				return
			}
			p.st.loading, p.st.loaded = false, true
			if err != nil {
				p.st.err = client.AsAPIError(err).Message
				return
			}
			p.st.err = ""
			p.events = mergeEvents(list.Events, nil)
			p.more = list.More
		})
	})
}

// setQuery shows the first page of a new search.
func (p *EventsPage) setQuery(ctx app.Context, text, severity string) {
	p.q.Text, p.q.Severity, p.q.Page = text, severity, 1
	p.load(ctx)
}

// mergeEvents merges two event lists newest first, without duplicates,
// keeping at most 500.
func mergeEvents(a, b []wire.Event) []wire.Event {
	seen := map[int64]bool{}
	out := make([]wire.Event, 0, len(a)+len(b))
	for _, l := range [][]wire.Event{a, b} {
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
	sevOpts := []form.Option{{Value: "", Label: "All severities"}, {Value: "warning", Label: "Warning and above"},
		{Value: "error", Label: "Error and above"}, {Value: "alert", Label: "Alert"}}
	page := max(p.q.Page, 1)
	return app.Div().ID("events-page").Body(
		form.PageSection(form.PageTitle("Events")),
		form.PageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(app.Div().Class("pf-v6-c-toolbar__content").Body(
				app.Div().Class("pf-v6-c-toolbar__content-section").Body(
					form.SearchBox(form.SearchInput("events-search", "Search the events' messages", "Search messages", p.q.Text).
						OnChange(func(ctx app.Context, e app.Event) {
							p.setQuery(ctx, ctx.JSSrc().Get("value").String(), p.q.Severity)
						})),
					app.Div().Class("pf-v6-c-toolbar__item").Body(
						app.Label().Class("pf-v6-screen-reader").For("events-severity").Text("Severity"),
						form.SelectControl("events-severity", p.q.Severity, sevOpts, false, false, func(ctx app.Context, v string) {
							p.setQuery(ctx, p.q.Text, v)
						}),
					),
					app.Div().Class("pf-v6-c-toolbar__item", "pf-m-pagination", "v6-toolbar-end").Body(
						app.Div().Class("pf-v6-c-pagination", "pf-m-compact").Body(
							app.Span().Class("v6-muted").ID("events-page-number").Text("Page "+strconv.Itoa(page)),
							app.Nav().Class("pf-v6-c-pagination__nav").Aria("label", "Event pages").Body(
								form.IconButton("angle-left", "Previous page").ID("events-prev").Disabled(page <= 1 || p.st.loading).
									OnClick(func(ctx app.Context, e app.Event) { p.q.Page = page - 1; p.load(ctx) }),
								form.IconButton("angle-right", "Next page").ID("events-next").Disabled(!p.more || p.st.loading).
									OnClick(func(ctx app.Context, e app.Event) { p.q.Page = page + 1; p.load(ctx) }),
							),
						),
					),
				),
			)),
			listBody(p.st, len(p.events), "list", "No events", p.emptyText(), p.renderTable),
		),
	)
}

func (p *EventsPage) emptyText() string {
	if strings.TrimSpace(p.q.Text) != "" || p.q.Severity != "" || p.q.Page > 1 {
		return "No event matches this search."
	}
	return "Engine events show here as they happen."
}

func (p *EventsPage) renderTable() app.UI {
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-md", "pf-m-compact").ID("events-table").Aria("label", "Events").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Th("Time"), form.Th("Severity"), form.Th("Message"), form.Th("Host"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(
			app.Range(p.events).Slice(func(i int) app.UI {
				ev := p.events[i]
				host := ev.Host.Label()
				colors := map[string]string{"danger": "red", "warning": "orange", "info": "blue"}
				return app.Tr().Class("pf-v6-c-table__tr").DataSet("event", ev.ID).Body(
					form.Td("Time", app.Text(form.FormatTime(ev.Time))),
					form.Td("Severity", form.PfLabel(colors[form.SeverityVariant(ev.Severity)], form.TitleWords(ev.Severity))),
					form.Td("Message", app.Text(ev.Description)),
					form.Td("Host", app.Text(host)),
				)
			}),
		),
	)
}

// listBody shows a spinner while loading, the error, an empty state, or
// the table.
func listBody(st listState, n int, iconName, emptyTitle, emptyBody string, table func() app.UI) app.UI {
	switch {
	case !st.loaded:
		return app.Div().Class("v6-loading").Body(form.Spinner("Loading"), app.Span().Text(" Loading…"))
	case st.err != "":
		return form.Alert("danger", st.err)
	case n == 0:
		return form.EmptyState(iconName, emptyTitle, emptyBody)
	}
	return table()
}
