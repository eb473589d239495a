package vms

import (
	"context"
	"strconv"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// VMsPage is the Virtual Machines list: name (a link to the details),
// status, host, the guest's IPv4 and IPv6 addresses (RFC 5952, each with
// its scope and a copy button, wrapped, never cut; link-local ones behind
// the "Show link-local addresses" switch), the console protocol, and per
// row Start, Shutdown and Power Off (confirmed). A filter by address
// family says which one is active. The list reloads on VM events from
// /ws, so a status or host changes live.
type VMsPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	vms       []wire.VM
	loading   bool
	loaded    bool
	dirty     bool // a reload was asked for while one ran
	err       string
	linkLocal bool
	family    string // an id of familyFilters; "" = all
	acts      vmActions
}

// OnMount loads the VMs and reloads them on VM events.
func (p *VMsPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok && ev.VM != nil {
			p.load(ctx)
		}
	})
}

func (p *VMsPage) load(ctx app.Context) {
	if p.loading {
		p.dirty = true
		return
	}
	p.loading = true
	ctx.Async(func() {
		vms, err := p.API.VMs(context.Background())
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.loading, p.loaded = false, true
			if err != nil {
				p.err = client.AsAPIError(err).Message
			} else {
				p.err, p.vms = "", vms
			}
			if p.dirty {
				p.dirty = false
				p.load(ctx)
			}
		})
	})
}

// familyFilter is one choice of the address family filter.
type familyFilter struct {
	ID    string
	Label string
	Says  string // what the list shows, in words
	Keep  func(v wire.VM) bool
}

// familyFilters are the filter's choices. Link-local addresses do not
// count: every IPv6 guest has one, and it does not make the VM reachable.
var familyFilters = []familyFilter{
	{"all", "All", "Showing every VM.", func(wire.VM) bool { return true }},
	{"ipv4", "Has IPv4", "Showing the VMs whose guest reports an IPv4 address.",
		func(v wire.VM) bool { return routable(v.IPv4) > 0 }},
	{"ipv6", "Has IPv6", "Showing the VMs whose guest reports an IPv6 address other than link-local.",
		func(v wire.VM) bool { return routable(v.IPv6) > 0 }},
	{"ipv6-only", "IPv6 only", "Showing the VMs whose guest reports IPv6 addresses (other than link-local) and no IPv4 address.",
		func(v wire.VM) bool { return routable(v.IPv6) > 0 && len(v.IPv4) == 0 }},
}

// filterOf returns the filter of an id (All for an unknown one).
func filterOf(id string) familyFilter {
	for _, f := range familyFilters {
		if f.ID == id {
			return f
		}
	}
	return familyFilters[0]
}

// filterVMs keeps the VMs the family filter of id lets through.
func filterVMs(vms []wire.VM, id string) []wire.VM {
	f := filterOf(id)
	var out []wire.VM
	for _, v := range vms {
		if f.Keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// Render draws the page.
func (p *VMsPage) Render() app.UI {
	f := filterOf(p.family)
	shown := filterVMs(p.vms, f.ID)
	return app.Div().ID("vms-page").Body(
		form.PageSection(form.PageTitle("Virtual Machines")),
		form.PageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(
				app.Div().Class("pf-v6-c-toolbar__content").Body(
					app.Div().Class("pf-v6-c-toolbar__content-section").Body(
						app.Div().Class("pf-v6-c-toolbar__item").Body(p.renderFamilyFilter(f)),
						app.Div().Class("pf-v6-c-toolbar__item", "v6-toolbar-end").Body(
							app.Label().Class("pf-v6-c-switch").For("vms-show-link-local").Body(
								app.Input().Class("pf-v6-c-switch__input").Type("checkbox").Role("switch").ID("vms-show-link-local").
									Checked(p.linkLocal).
									OnChange(func(ctx app.Context, e app.Event) { p.linkLocal = ctx.JSSrc().Get("checked").Bool() }),
								app.Span().Class("pf-v6-c-switch__toggle"),
								app.Span().Class("pf-v6-c-switch__label").Text("Show link-local addresses"),
							),
						),
					),
				),
			),
			app.P().ID("vms-filter-says").Class("v6-muted").Role("status").
				Text(f.Says+" "+strconv.Itoa(len(shown))+" of "+strconv.Itoa(len(p.vms))+"."),
			p.renderTable(shown),
		),
		p.acts.renderConfirm(&p.life, p.API, p.load),
	)
}

// renderFamilyFilter is a PatternFly toggle group: the pressed button is
// the active filter.
func (p *VMsPage) renderFamilyFilter(cur familyFilter) app.UI {
	items := make([]app.UI, 0, len(familyFilters))
	for _, f := range familyFilters {
		f := f
		b := app.Button().Type("button").Class("pf-v6-c-toggle-group__button").ID("vms-family-"+f.ID).
			Aria("pressed", strconv.FormatBool(f.ID == cur.ID)).
			OnClick(func(ctx app.Context, e app.Event) { p.family = f.ID }, app.EventScope("family", f.ID)).
			Body(app.Span().Class("pf-v6-c-toggle-group__text").Text(f.Label))
		if f.ID == cur.ID {
			b = b.Class("pf-m-selected")
		}
		items = append(items, app.Div().Class("pf-v6-c-toggle-group__item").Body(b))
	}
	return app.Div().Class("pf-v6-c-toggle-group").ID("vms-family").Role("group").Aria("label", "Address family").Body(items...)
}

func (p *VMsPage) renderTable(shown []wire.VM) app.UI {
	if !p.loaded {
		return app.Div().Class("v6-loading").Body(form.Spinner("Loading virtual machines"), app.Span().Text(" Loading…"))
	}
	if p.err != "" && len(p.vms) == 0 {
		return form.Alert("danger", p.err)
	}
	if len(p.vms) == 0 {
		return form.EmptyState("desktop", "No virtual machines", "The engine has no virtual machine yet.")
	}
	if len(shown) == 0 {
		return form.EmptyState("search", "No VM matches the filter", filterOf(p.family).Says,
			form.Button("link", "Show all").ID("vms-clear-filter").OnClick(func(ctx app.Context, e app.Event) { p.family = "all" }))
	}
	rows := make([]app.UI, 0, len(shown))
	for _, v := range shown {
		v := v
		host := "—"
		if v.Host != nil {
			host = v.Host.Label()
		}
		actions := p.acts.renderButtons("vm-"+v.ID, v, v.Name, func(verb string) app.EventHandler {
			return func(ctx app.Context, e app.Event) { p.acts.ask(ctx, &p.life, p.API, v, verb, p.load) }
		})
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").DataSet("vm", v.Name).Body(
			form.Td("Name", app.A().Href(Path(v.ID)).Title("Details of "+v.Name).Text(v.Name)),
			form.Td("Status", form.PfLabel(StatusColor(v.Status), StatusLabel(v.Status)).Class("v6-status"),
				app.If(Busy(v.Status), func() app.UI { return form.Spinner("Status changing") })).DataSet("status", v.Status),
			form.Td("Host", app.Text(host)).Class("v6-vm-host"),
			form.Td("IPv4", addrList(v.IPv4, p.linkLocal, "ipv4")),
			form.Td("IPv6", addrList(v.IPv6, p.linkLocal, "ipv6")),
			form.Td("Console", app.Text(ProtocolLabel(v.ConsoleProtocol))),
			form.Td("Actions", app.Div().Class("v6-vm-actions").Body(actions...)),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-lg").ID("vms-table").Aria("label", "Virtual Machines").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Th("Name"), form.Th("Status"), form.Th("Host"),
			app.Th().Class("pf-v6-c-table__th", "v6-col-ipv4").Scope("col").Text("IPv4"),
			app.Th().Class("pf-v6-c-table__th", "v6-col-ipv6").Scope("col").Text("IPv6"),
			form.Th("Console"),
			app.Th().Class("pf-v6-c-table__th").Scope("col").Body(app.Span().Class("pf-v6-screen-reader").Text("Actions")),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}

// addrList draws a family's guest addresses, one a line: the address in
// full (it wraps, never cut), a copy button and its scope; link-local ones
// only when showLL, else counted.
func addrList(as []wire.Addr, showLL bool, family string) app.UI {
	var items []app.UI
	hidden := 0
	for _, a := range as {
		if isLinkLocal(a) && !showLL {
			hidden++
			continue
		}
		items = append(items, addrLine(a, family))
	}
	if hidden > 0 {
		word := "address"
		if hidden > 1 {
			word = "addresses"
		}
		items = append(items, app.Div().Class("v6-muted", "v6-ll-hidden").Text(strconv.Itoa(hidden)+" link-local "+word+" hidden"))
	}
	if len(items) == 0 {
		return app.Span().Class("v6-muted").Text("—")
	}
	return app.Div().Class("v6-vm-addrs").Body(items...)
}

// addrLine is one address with its copy button and scope badge.
func addrLine(a wire.Addr, family string) app.UI {
	return app.Div().Class("v6-vm-addr").DataSet("family", family).DataSet("scope", a.Scope.Text()).Body(
		addrCode(a.Address),
		form.CopyButton(a.Address),
		form.ScopeBadge(a.Scope),
	)
}

// addrCode shows an address in full, in monospace, with a line break
// allowed between the pieces of addrPieces: a long IPv6 address wraps
// between its groups instead of being cut or split inside one. The
// breaks are <wbr> elements, so the text copied is the address.
func addrCode(s string) app.HTMLCode {
	var parts []app.UI
	for i, p := range addrPieces(s) {
		if i > 0 {
			parts = append(parts, app.Wbr())
		}
		parts = append(parts, app.Text(p))
	}
	return app.Code().Class("v6-addr__text").Body(parts...)
}

// addrPieces cuts an address after each single colon (never inside or
// after "::") and before a zone ("%eth0").
func addrPieces(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ':' && i+1 < len(s) && s[i+1] != ':' && (i == 0 || s[i-1] != ':'):
			out = append(out, s[start:i+1])
			start = i + 1
		case s[i] == '%' && i > start:
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}
