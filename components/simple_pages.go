package components

import (
	"context"
	"strings"

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

// StoragePage lists the storage domains (read-only here; the New Domain
// dialog comes with its own issue).
type StoragePage struct {
	app.Compo
	life    mounted
	st      listState
	domains []StorageDomain
}

// OnMount loads the list and reloads it on storage events.
func (p *StoragePage) OnMount(ctx app.Context) {
	p.life.keep(ctx)
	p.load(ctx)
	ctx.Handle(eventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(Event); ok && ev.StorageDomain != nil {
			p.load(ctx)
		}
	})
}

func (p *StoragePage) load(ctx app.Context) {
	if p.st.loading {
		return
	}
	p.st.loading = true
	ctx.Async(func() {
		ds, err := backend.StorageDomains(context.Background())
		p.life.dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			p.st.err = ""
			if err != nil {
				p.st.err = asAPIError(err).Message
				return
			}
			p.domains = ds
		})
	})
}

// Render draws the page.
func (p *StoragePage) Render() app.UI {
	return app.Div().Body(
		pageSection(pageTitle("Storage Domains")),
		pageSection(listBody(p.st, len(p.domains), "database", "No storage domains",
			"Storage domains hold the disks of virtual machines, on NFS or iSCSI over IPv6.",
			func() app.UI {
				return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("storage-table").Aria("label", "Storage domains").Body(
					app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
						th("Name"), th("Domain Type"), th("Storage Type"), th("Status"), th("Server"), th("Path"), th("Free Space"),
					)),
					app.TBody().Class("pf-v6-c-table__tbody").Body(
						app.Range(p.domains).Slice(func(i int) app.UI {
							d := p.domains[i]
							server := app.UI(app.Span().Class("v6-muted").Text("—"))
							if d.Server != nil {
								server = addrText(*d.Server)
							} else if len(d.LUNs) > 0 && d.LUNs[0].Address != nil {
								server = addrText(*d.LUNs[0].Address)
							}
							return app.Tr().Class("pf-v6-c-table__tr").Body(
								td("Name", app.Text(d.Name)),
								td("Domain Type", app.Text(titleWords(d.Type))),
								td("Storage Type", app.Text(strings.ToUpper(d.StorageType))),
								td("Status", app.Text(titleWords(d.Status))),
								td("Server", server),
								td("Path", app.Code().Text(d.Path)),
								td("Free Space", app.Text(formatBytes(d.Available))),
							)
						}),
					),
				)
			})),
	)
}

// ProvidersPage lists the external providers (read-only here).
type ProvidersPage struct {
	app.Compo
	life      mounted
	st        listState
	providers []Provider
}

// OnMount loads the list.
func (p *ProvidersPage) OnMount(ctx app.Context) {
	p.life.keep(ctx)
	p.st.loading = true
	ctx.Async(func() {
		ps, err := backend.Providers(context.Background())
		p.life.dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			if err != nil {
				p.st.err = asAPIError(err).Message
				return
			}
			p.providers = ps
		})
	})
}

// Render draws the page.
func (p *ProvidersPage) Render() app.UI {
	return app.Div().Body(
		pageSection(pageTitle("Providers")),
		pageSection(listBody(p.st, len(p.providers), "plug", "No providers",
			"External providers (OVN networks, host providers) reached by URL, IPv6 literals in brackets.",
			func() app.UI {
				return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("providers-table").Aria("label", "Providers").Body(
					app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
						th("Name"), th("Type"), th("Provider URL"), th("Host"), th("Requires Authentication"),
					)),
					app.TBody().Class("pf-v6-c-table__tbody").Body(
						app.Range(p.providers).Slice(func(i int) app.UI {
							pr := p.providers[i]
							kind := "External Network Provider"
							if pr.Kind == "host" {
								kind = "Foreman/Satellite"
							}
							auth := "No"
							if pr.RequiresAuthentication {
								auth = "Yes"
							}
							return app.Tr().Class("pf-v6-c-table__tr").Body(
								td("Name", app.Text(pr.Name)),
								td("Type", app.Text(kind)),
								td("Provider URL", app.Code().Text(pr.URL)),
								td("Host", addrText(pr.URLHost)),
								td("Requires Authentication", app.Text(auth)),
							)
						}),
					),
				)
			})),
	)
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
