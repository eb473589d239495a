package vms

import (
	"context"
	"net/url"
	"strconv"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// VMPage is a VM's details, /vms/{id}: its status, host and cluster, the
// toolbar (Run Once, Migrate, Start, Shutdown, Power Off) and the tabs
// Network Interfaces (each NIC with every address its guest reports, with
// scope and family), Console (the address and ports as the user types
// them, IPv6 literals in brackets, the .vv file, the SPICE proxy warning)
// and Sessions (the console user and the client's address). It reloads on
// the VM's events from /ws.
//
// Dialogs: the page shows at most one, named by p.dialog ("migrate",
// "run-once", "edit": Edit VM's Initial Run); Dialog (the URL's ?dialog=) opens one when the page loads.
// A dialog gets the VM (p.vm), the API (p.API), and closes through
// p.closeDialog, which reloads the VM.
type VMPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API client.API
	// VMID is the VM shown (from the URL /vms/{id}).
	VMID string
	// Dialog is the URL's ?dialog= (a deep link): "migrate" or "run-once".
	Dialog string

	life      form.Mounted
	vm        *wire.VM
	loading   bool
	dirty     bool
	loadedFor string
	err       string
	notFound  bool
	tab       string // nics, console, sessions
	dialog    string // the dialog open: "", "migrate", "run-once", "edit"
	linked    string // the deep link already opened (once per page)
	acts      vmActions
}

// OnMount loads the VM and reloads it on its events.
func (p *VMPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok && ev.VM != nil && ev.VM.ID == p.VMID {
			p.load(ctx)
		}
	})
}

// OnUpdate reloads when the page shows another VM, and opens a dialog a
// new deep link asks for.
func (p *VMPage) OnUpdate(ctx app.Context) {
	if p.loadedFor != p.VMID {
		p.vm, p.err, p.notFound, p.dialog, p.linked = nil, "", false, "", ""
		p.load(ctx)
		return
	}
	p.openLinked()
}

func (p *VMPage) load(ctx app.Context) {
	if p.loading {
		p.dirty = true
		return
	}
	p.loading = true
	id := p.VMID
	ctx.Async(func() {
		vm, err := p.API.VM(context.Background(), id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.loading, p.loadedFor = false, id
			switch ae := client.AsAPIError(err); {
			case err == nil:
				p.vm, p.err, p.notFound = vm, "", false
				p.openLinked()
			case ae.Status == 404:
				p.vm, p.notFound = nil, true
			default:
				p.err = ae.Message
			}
			if p.dirty {
				p.dirty = false
				p.load(ctx)
			}
		})
	})
}

// openLinked opens the dialog of the deep link once the VM is loaded.
func (p *VMPage) openLinked() {
	if p.vm == nil || p.Dialog == "" || p.linked == p.Dialog {
		return
	}
	p.linked = p.Dialog
	switch p.Dialog {
	case "migrate", "run-once":
		p.dialog = p.Dialog
	}
}

// openDialog returns a click handler opening a dialog.
func (p *VMPage) openDialog(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if p.vm != nil {
			p.dialog = name
		}
	}
}

// closeDialog closes the dialog, drops ?dialog= from the address (a
// reload does not open it again) and reloads the VM.
func (p *VMPage) closeDialog(ctx app.Context) {
	p.dialog = ""
	if app.IsClient && p.Dialog != "" {
		ctx.Page().ReplaceURL(&url.URL{Path: Path(p.VMID)})
	}
	p.load(ctx)
}

// Render draws the page.
func (p *VMPage) Render() app.UI {
	name := p.VMID
	if p.vm != nil {
		name = p.vm.Name
	}
	return app.Div().ID("vm-page").Body(
		form.PageSection(
			app.Nav().Class("pf-v6-c-breadcrumb").Aria("label", "Breadcrumb").Body(
				app.Ol().Class("pf-v6-c-breadcrumb__list").Role("list").Body(
					app.Li().Class("pf-v6-c-breadcrumb__item").Body(app.A().Class("pf-v6-c-breadcrumb__link").Href("/vms").Text("Virtual Machines")),
					app.Li().Class("pf-v6-c-breadcrumb__item").Body(
						app.Span().Class("pf-v6-c-breadcrumb__item-divider").Body(form.Icon("angle-right")),
						app.A().Class("pf-v6-c-breadcrumb__link", "pf-m-current").Aria("current", "page").Href(Path(p.VMID)).Text(name),
					),
				),
			),
			app.H1().Class("pf-v6-c-title", "pf-m-2xl").ID("vm-title").Text(name),
			app.If(p.vm != nil, func() app.UI { return p.renderSummary() }),
		),
		form.PageSection(p.renderBody()),
		p.renderDialog(),
		p.acts.renderConfirm(&p.life, p.API, p.load),
	)
}

// renderSummary is the line under the title: status, host, cluster.
func (p *VMPage) renderSummary() app.UI {
	v := p.vm
	host := "—"
	if v.Host != nil {
		host = v.Host.Label()
	}
	return app.P().Class("v6-host-line").ID("vm-summary").Body(
		form.PfLabel(StatusColor(v.Status), StatusLabel(v.Status)).Class("v6-status").ID("vm-status").DataSet("status", v.Status),
		app.If(Busy(v.Status), func() app.UI { return form.Spinner("Status changing") }),
		app.Text(" Host: "), app.Span().ID("vm-host").Text(host),
		app.Text(" · Cluster: "+v.Cluster.Label()),
		app.If(v.Description != "", func() app.UI { return app.Span().Class("v6-muted").Text(" · " + v.Description) }),
	)
}

func (p *VMPage) renderBody() app.UI {
	switch {
	case p.notFound:
		return form.EmptyState("exclamation-circle", "No such virtual machine",
			"The engine has no VM "+p.VMID+". It may have been removed.",
			app.A().Class("pf-v6-c-button", "pf-m-link").Href("/vms").Text("Virtual Machines"))
	case p.vm == nil && p.err != "":
		return form.Alert("danger", p.err)
	case p.vm == nil:
		return app.Div().Class("v6-loading").Body(form.Spinner("Loading the virtual machine"), app.Span().Text(" Loading…"))
	}
	v := *p.vm
	tab := p.tab
	if tab == "" {
		tab = "nics"
	}
	return app.Div().Body(
		p.renderToolbar(v),
		app.If(p.err != "", func() app.UI { return form.Alert("danger", p.err) }),
		form.TabSet{
			ID:      "vm-tabs",
			Label:   "Details of " + v.Name,
			Current: tab,
			OnPick:  func(ctx app.Context, id string) { p.tab = id },
			Tabs: []form.Tab{
				{ID: "nics", Label: "Network Interfaces", Body: []app.UI{nicsTab(v)}},
				{ID: "console", Label: "Console", Body: []app.UI{consoleTab(v)}},
				{ID: "sessions", Label: "Sessions", Body: []app.UI{sessionsTab(v)}},
			},
		}.Render(),
	)
}

// renderToolbar draws the VM's actions.
func (p *VMPage) renderToolbar(v wire.VM) app.UI {
	runOnce := form.Button("secondary", "Run Once").ID("vm-do-run-once").Disabled(!CanStart(v.Status)).OnClick(p.openDialog("run-once"))
	if !CanStart(v.Status) {
		runOnce = runOnce.Title(v.Name + " is " + StatusLabel(v.Status) + ": Run Once starts a VM that is down.")
	}
	items := []app.UI{
		app.Div().Class("pf-v6-c-toolbar__item").Body(runOnce),
		app.Div().Class("pf-v6-c-toolbar__item").Body(
			form.Button("secondary", "Migrate").ID("vm-migrate").Disabled(!CanMigrate(v.Status) || p.acts.doing(v.ID) != "").
				Title(migrateWhy(v)).OnClick(p.openDialog("migrate"))),
		app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Edit").ID("vm-do-edit").OnClick(p.openDialog("edit"))),
	}
	for _, b := range p.acts.renderButtons("vm-do", v, "", func(verb string) app.EventHandler {
		return func(ctx app.Context, e app.Event) { p.acts.ask(ctx, &p.life, p.API, v, verb, p.load) }
	}) {
		items = append(items, app.Div().Class("pf-v6-c-toolbar__item").Body(b))
	}
	return app.Div().Class("pf-v6-c-toolbar").ID("vm-toolbar").Body(
		app.Div().Class("pf-v6-c-toolbar__content").Body(
			app.Div().Class("pf-v6-c-toolbar__content-section").Body(
				app.Div().Class("pf-v6-c-toolbar__group", "v6-actions").Body(items...),
			),
		),
	)
}

// migrateWhy is the Migrate button's tooltip: what it does, or why it is
// disabled.
func migrateWhy(v wire.VM) string {
	if CanMigrate(v.Status) {
		return "Migrate " + v.Name + " to another host"
	}
	return "Only a running VM (Up) migrates; " + v.Name + " is " + StatusLabel(v.Status) + "."
}

// renderDialog draws the open dialog.
func (p *VMPage) renderDialog() app.UI {
	if p.vm == nil {
		return nil
	}
	switch p.dialog {
	case "migrate":
		return &MigrateDialog{API: p.API, VM: *p.vm, OnClose: p.closeDialog}
	case "run-once":
		name := p.vm.Name
		return &RunOnceDialog{API: p.API, VM: *p.vm, OnCancel: p.closeDialog, OnDone: func(ctx app.Context, vm *wire.VM) {
			p.closeDialog(ctx)
			form.Notify(ctx, form.Toast{Variant: "success", Title: name + " is " + StatusLabel(vm.Status) + ".", Quick: true})
		}}
	case "edit":
		name := p.vm.Name
		return &EditVMDialog{API: p.API, VM: *p.vm, OnCancel: p.closeDialog, OnSaved: func(ctx app.Context, _ *wire.VM) {
			p.closeDialog(ctx)
			form.Notify(ctx, form.Toast{Variant: "success", Title: name + "'s Initial Run was saved.", Quick: true})
		}}
	}
	return nil
}

// nicProfile is a NIC's vNIC profile as webadmin names it, "profile
// (network)"; the profile's name alone when its network has no name; its
// id, muted, only when the engine gave no name; "—" for a NIC without a
// profile.
func nicProfile(n wire.VMNIC) app.UI {
	switch {
	case n.Profile == nil:
		return app.Span().Class("v6-muted").Text("—")
	case n.Profile.Name == "": // the engine wrote the profile by id only
		return app.Code().Class("v6-mono", "v6-muted").Title("vNIC profile id (the engine gave no name)").Text(n.Profile.ID)
	case n.ProfileNetwork != nil && n.ProfileNetwork.Name != "":
		return app.Span().Class("v6-vm-profile").Title("vNIC profile " + n.Profile.Name + " on network " + n.ProfileNetwork.Name).
			Text(n.Profile.Name + " (" + n.ProfileNetwork.Name + ")")
	}
	return app.Span().Class("v6-vm-profile").Title("vNIC profile " + n.Profile.Name).Text(n.Profile.Name)
}

// nicsTab lists the VM's NICs with every address the guest reports.
func nicsTab(v wire.VM) app.UI {
	if len(v.NICs) == 0 {
		return form.EmptyState("network-wired", "No network interfaces", v.Name+" has no NIC.")
	}
	rows := make([]app.UI, 0, len(v.NICs))
	for _, n := range v.NICs {
		profile := nicProfile(n)
		guest := n.GuestName
		if guest == "" {
			guest = "—"
		}
		var addrs []app.UI
		for _, a := range n.Addresses {
			addrs = append(addrs, app.Div().Class("v6-vm-addr").DataSet("family", familyLabel(a)).DataSet("scope", a.Scope.Text()).Body(
				addrCode(a.Address),
				form.CopyButton(a.Address),
				form.PfLabel("grey", familyLabel(a)).Class("v6-family"),
				form.ScopeBadge(a.Scope),
			))
		}
		if len(addrs) == 0 {
			why := "The guest reports no address."
			if v.Status == "down" {
				why = "The VM is down: no guest reports addresses."
			}
			addrs = append(addrs, app.Span().Class("v6-muted").Text(why))
		}
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").DataSet("nic", n.Name).Body(
			form.Td("Name", app.Text(n.Name)),
			form.Td("MAC", app.Code().Class("v6-mono").Text(n.MAC)),
			form.Td("Profile", profile),
			form.Td("Guest interface", app.Text(guest)),
			form.Td("Addresses reported by the guest", app.Div().Class("v6-vm-addrs").Body(addrs...)),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("vm-nics").Aria("label", "Network Interfaces of "+v.Name).Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Th("Name"), form.Th("MAC"), form.Th("Profile"), form.Th("Guest interface"), form.Th("Addresses reported by the guest"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}

// consoleTab shows each console as the user must type it, the .vv file
// and the SPICE proxy's warning.
func consoleTab(v wire.VM) app.UI {
	var out []app.UI
	if px := v.ConsoleProxy; px != nil {
		if px.Warning != "" {
			out = append(out, form.Alert("warning", "The SPICE proxy "+px.Proxy+" is an IPv6 literal", app.Text(px.Warning)).ID("vm-console-proxy"))
		} else {
			out = append(out, app.P().ID("vm-console-proxy").Body(app.Text("SPICE proxy: "), app.Code().Class("v6-mono").Text(px.Proxy)))
		}
	}
	if len(v.Consoles) == 0 {
		why := v.Name + " reports no graphics console."
		if v.Status == "down" {
			why = v.Name + " is not running: its console (" + ProtocolLabel(v.ConsoleProtocol) + ") has an address once it runs."
		}
		return app.Div().Body(append(out, form.EmptyState("desktop", "No console to connect to", why))...)
	}
	for _, c := range v.Consoles {
		id := "vm-console-" + c.Protocol
		dl := []app.UI{
			term("Protocol", app.Text(ProtocolLabel(c.Protocol))),
			term("Address", addrOrDash(c.Address)),
			term("Connect to", endpoint(id+"-endpoint", c.Endpoint, c.Port)),
		}
		if c.TLSPort > 0 {
			dl = append(dl, term("TLS port", endpoint(id+"-tls", c.TLSEndpoint, c.TLSPort)))
		}
		dl = append(dl, term("Console file", app.A().ID(id+"-vv").Class("pf-v6-c-button", "pf-m-link", "pf-m-inline").
			Href(wire.VMPath(v.ID, "console.vv")+"?"+url.Values{"protocol": {c.Protocol}}.Encode()).
			Attr("download", v.Name+".vv").Body(form.Icon("download"), app.Text(" Download "+v.Name+".vv (remote-viewer)"))))
		out = append(out, app.Section().Class("v6-vm-console").ID(id).Aria("label", ProtocolLabel(c.Protocol)+" console").Body(
			app.H2().Class("pf-v6-c-title", "pf-m-lg").Text(ProtocolLabel(c.Protocol)+" console"),
			app.Dl().Class("pf-v6-c-description-list", "pf-m-horizontal").Body(dl...),
		))
	}
	out = append(out, app.P().Class("v6-muted", "v6-console-note").Text(
		"Type the address with its port as shown: an IPv6 literal goes in brackets ([2001:db8::1]:5900). The console file carries a one-time ticket: download it just before connecting."))
	return app.Div().Body(out...)
}

// term is one term of a description list.
func term(name string, body ...app.UI) app.UI {
	return app.Div().Class("pf-v6-c-description-list__group").Body(
		app.Dt().Class("pf-v6-c-description-list__term").Body(app.Span().Class("pf-v6-c-description-list__text").Text(name)),
		app.Dd().Class("pf-v6-c-description-list__description").Body(app.Div().Class("pf-v6-c-description-list__text").Body(body...)),
	)
}

// endpoint shows host:port as typed, with a copy button.
func endpoint(id, ep string, port int) app.UI {
	if ep == "" {
		if port > 0 {
			return app.Text("port " + strconv.Itoa(port))
		}
		return app.Span().Class("v6-muted").Text("—")
	}
	return app.Span().Class("v6-vm-addr").Body(app.Code().Class("v6-addr__text").ID(id).Text(ep), form.CopyButton(ep))
}

func addrOrDash(a *wire.Addr) app.UI {
	if a == nil {
		return app.Span().Class("v6-muted").Text("—")
	}
	return form.AddrText(*a)
}

// sessionsTab lists the VM's sessions.
func sessionsTab(v wire.VM) app.UI {
	if len(v.Sessions) == 0 {
		return form.EmptyState("user", "No sessions", "Nobody is connected to the console of "+v.Name+" or logged in to its guest.")
	}
	rows := make([]app.UI, 0, len(v.Sessions))
	for _, s := range v.Sessions {
		kind := "Guest user"
		if s.ConsoleUser {
			kind = "Console user"
		}
		client := app.UI(app.Span().Class("v6-muted").Text("—"))
		if s.Client != nil {
			client = app.Span().Class("v6-vm-addr").Body(form.AddrText(*s.Client), form.CopyButton(s.Client.Address))
		}
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Td("User", app.Text(s.User)),
			form.Td("Kind", app.Text(kind)),
			form.Td("Protocol", app.Text(ProtocolLabel(s.Protocol))),
			form.Td("Client address", client),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("vm-sessions").Aria("label", "Sessions of "+v.Name).Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Th("User"), form.Th("Kind"), form.Th("Protocol"), form.Th("Client address"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}
