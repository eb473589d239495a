package readiness

import (
	"context"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/wire"
)

// Page is the IPv6 Readiness page: how the BFF reaches the engine, the
// score chart, the findings (blockers first) with their fixes, and the
// objects per data center. See the package comment.
type Page struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	rep     *wire.Readiness
	loaded  bool
	loading bool
	err     string
	dirty   bool // a read was asked for while one ran
	updated time.Time

	kind, family, severity string // the filters ("" all)

	pending int // the newest debounced re-read (older timers do nothing)
}

// Debounce is how long the page waits after an engine event before it
// reads the report again: a change comes as a burst of events (a network
// change writes three), and each read goes over the whole engine.
var Debounce = 700 * time.Millisecond

// OnMount loads the report and follows the engine's events.
func (p *Page) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if _, ok := a.Value.(wire.Event); ok {
			p.reloadSoon(ctx)
		}
	})
}

// reloadSoon reads the report again once no event came for Debounce.
func (p *Page) reloadSoon(ctx app.Context) {
	p.pending++
	n := p.pending
	p.life.After(ctx, Debounce, func(ctx app.Context) {
		if n == p.pending {
			p.load(ctx)
		}
	})
}

// load reads the report with the filters.
func (p *Page) load(ctx app.Context) {
	if p.loading {
		p.dirty = true
		return
	}
	p.loading = true
	kind, family, severity := p.kind, p.family, p.severity
	ctx.Async(func() {
		rep, err := p.API.Readiness(context.Background(), kind, family, severity)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.loading, p.loaded = false, true
			if err != nil {
				p.err = client.AsAPIError(err).Message
			} else {
				p.err, p.rep, p.updated = "", rep, time.Now()
			}
			if p.dirty || kind != p.kind || family != p.family || severity != p.severity {
				p.dirty = false
				p.load(ctx)
			}
		})
	})
}

// allValue is the filters' "All" option (go-app drops an empty value
// attribute, and an option without one has its text as value).
const allValue = "all"

// setFilter changes a filter and reads the report again.
func (p *Page) setFilter(ctx app.Context, which, v string) {
	if v == allValue {
		v = ""
	}
	switch which {
	case "kind":
		p.kind = v
	case "family":
		p.family = v
	case "severity":
		p.severity = v
	}
	p.load(ctx)
}

// filtered reports whether a filter is set.
func (p *Page) filtered() bool { return p.kind != "" || p.family != "" || p.severity != "" }

// Render draws the page.
func (p *Page) Render() app.UI {
	return app.Div().ID("readiness-page").Body(
		form.PageSection(
			form.PageTitle("IPv6 Readiness"),
			app.P().Class("v6-muted", "v6-ready-intro").Text("What still needs IPv4, why, and how to fix it: every object of the engine with the address families it uses today, and the checks that keep it from running on IPv6 alone."),
		),
		form.PageSection(p.renderToolbar()),
		p.renderBody(),
	)
}

func (p *Page) filterSelect(id, label, which, value string, opts []form.Option) app.UI {
	all := append([]form.Option{{Value: allValue, Label: "All"}}, opts...)
	if value == "" {
		value = allValue
	}
	return app.Div().Class("pf-v6-c-toolbar__item", "v6-ready-filter").Body(
		app.Label().Class("pf-v6-c-form__label", "v6-ready-filter__label").For(id).Body(
			app.Span().Class("pf-v6-c-form__label-text").Text(label)),
		form.SelectControl(id, value, all, false, false, func(ctx app.Context, v string) { p.setFilter(ctx, which, v) }),
	)
}

func (p *Page) renderToolbar() app.UI {
	download := func(id, format, label, file string) app.UI {
		return app.A().Class("pf-v6-c-button", "pf-m-secondary").ID(id).
			Href(wire.ReadinessPath(format, p.kind, p.family, p.severity)).Download(file).Body(
			app.Span().Class("pf-v6-c-button__icon", "pf-m-start").Body(form.Icon("download")),
			app.Span().Class("pf-v6-c-button__text").Text(label),
		)
	}
	status := "Loading…"
	if !p.updated.IsZero() {
		status = "Live · updated " + p.updated.Local().Format("15:04:05")
	}
	return app.Div().Class("pf-v6-c-toolbar", "v6-ready-toolbar").Body(
		app.Div().Class("pf-v6-c-toolbar__content").Body(
			app.Div().Class("pf-v6-c-toolbar__content-section").Body(
				p.filterSelect("ready-kind", "Object type", "kind", p.kind, kinds),
				p.filterSelect("ready-family", "Family", "family", p.family, families),
				p.filterSelect("ready-severity", "Severity", "severity", p.severity, severities),
				app.Div().Class("pf-v6-c-toolbar__group", "v6-actions", "v6-toolbar-end").Body(
					app.Div().Class("pf-v6-c-toolbar__item").Body(download("ready-export-json", "json", "Export JSON", "readiness.json")),
					app.Div().Class("pf-v6-c-toolbar__item").Body(download("ready-export-csv", "csv", "Export CSV", "readiness.csv")),
				),
			),
		),
		app.P().Class("v6-muted", "v6-ready-status").ID("readiness-status").Body(
			app.If(p.loading, func() app.UI { return form.Spinner("Reading the report") }),
			app.Text(" "+status),
			app.If(p.filtered(), func() app.UI {
				return app.Text(" · filtered: the chart, the findings, the objects and the downloads show the selection only.")
			}),
		),
	)
}

func (p *Page) renderBody() app.UI {
	switch {
	case !p.loaded && p.rep == nil:
		return form.PageSection(app.Div().Class("v6-loading").Body(form.Spinner("Loading"), app.Span().Text(" Reading the engine…")))
	case p.rep == nil:
		return form.PageSection(form.Alert("danger", "The report could not be read", app.P().Text(p.err)))
	}
	r := p.rep
	objs := map[string]*wire.ReadinessObject{}
	for i := range r.Objects {
		o := &r.Objects[i]
		objs[objectKey(o.Kind, o.ID)] = o
	}
	return app.Div().Body(
		app.If(p.err != "", func() app.UI {
			return form.PageSection(form.Alert("warning", "The report could not be read again: it shows the last one read.", app.P().Text(p.err)))
		}),
		form.PageSection(
			app.Div().Class("v6-ready-top").Body(
				p.renderEngine(r),
				app.Section().Class("v6-ready-score").ID("readiness-score").Aria("labelledby", "readiness-score-title").Body(
					app.H2().Class("pf-v6-c-title", "pf-m-xl").ID("readiness-score-title").Text("Score"),
					scoreChart(r.Scores),
				),
			),
		),
		form.PageSection(p.renderFindings(r, objs)),
		form.PageSection(p.renderObjects(r)),
	)
}

// renderEngine says how the BFF reaches the engine.
func (p *Page) renderEngine(r *wire.Readiness) app.UI {
	var eng *wire.ReadinessObject
	for i := range r.Objects {
		if r.Objects[i].Kind == "engine" {
			eng = &r.Objects[i]
		}
	}
	return app.Section().Class("v6-ready-engine").ID("readiness-engine").Aria("labelledby", "readiness-engine-title").Body(
		app.H2().Class("pf-v6-c-title", "pf-m-xl").ID("readiness-engine-title").Text("Engine"),
		app.P().Body(app.Text("v6admin reaches the engine at "), app.Code().Class("v6-addr__text").ID("readiness-engine-url").Text(r.EngineURL)),
		app.If(eng != nil, func() app.UI {
			return app.Div().Class("v6-ready-engine__family").Body(FamilyLabel(eng.Family), addresses(*eng))
		}),
	)
}

// renderFindings draws the findings, blockers first.
func (p *Page) renderFindings(r *wire.Readiness, objs map[string]*wire.ReadinessObject) app.UI {
	var groups [2][]app.UI
	for i, f := range r.Findings {
		g := 1
		if f.Severity == "blocker" {
			g = 0
		}
		obj := objs[objectKey(f.ObjectKind, f.Object.ID)]
		groups[g] = append(groups[g], findingCard(i, f, obj, p.fixAction(f, obj)))
	}
	section := func(id, title, empty string, cards []app.UI) app.UI {
		return app.Section().Class("v6-ready-findings").ID(id).Aria("labelledby", id+"-title").Body(
			app.H3().Class("pf-v6-c-title", "pf-m-lg").ID(id+"-title").Text(title+" ("+strconv.Itoa(len(cards))+")"),
			app.If(len(cards) == 0, func() app.UI { return app.P().Class("v6-muted").Text(empty) }).
				Else(func() app.UI { return app.Div().Class("v6-finding-list").Body(cards...) }),
		)
	}
	return app.Section().ID("readiness-findings").Aria("labelledby", "readiness-findings-title").Body(
		app.H2().Class("pf-v6-c-title", "pf-m-xl").ID("readiness-findings-title").Text("Findings"),
		section("readiness-blockers", "Blockers", "No blocker: nothing here keeps these objects on IPv4.", groups[0]),
		section("readiness-warnings", "Warnings", "No warning.", groups[1]),
	)
}

// fixAction is a finding's fix: the sync component for an out-of-sync
// attachment, else a link or a sentence.
func (p *Page) fixAction(f wire.ReadinessFinding, obj *wire.ReadinessObject) app.UI {
	a := Fix(f.Fix)
	if !a.Sync {
		return fixUI(a, f.What)
	}
	host := ""
	if obj != nil {
		host = obj.Host
	}
	return &SyncNetwork{API: p.API, HostID: f.Fix.HostID, Host: host, AttachmentID: f.Fix.ID, Network: f.Fix.Network,
		OnDone: func(ctx app.Context) { p.load(ctx) }}
}

// renderObjects draws the objects per data center.
func (p *Page) renderObjects(r *wire.Readiness) app.UI {
	counts := countFindings(r.Findings)
	groups := groupObjects(r)
	tables := make([]app.UI, 0, len(groups))
	for _, g := range groups {
		tables = append(tables, objectsTable(g, counts))
	}
	return app.Section().ID("readiness-objects").Aria("labelledby", "readiness-objects-title").Body(
		app.H2().Class("pf-v6-c-title", "pf-m-xl").ID("readiness-objects-title").Text("Objects"),
		app.If(len(tables) == 0, func() app.UI {
			return form.EmptyState("search", "No object matches the filters", "Choose All in the filters to see every object.")
		}).Else(func() app.UI { return app.Div().Body(tables...) }),
	)
}
