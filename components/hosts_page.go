package components

import (
	"context"
	"sort"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

// HostsPage is the Hosts list: Name, Hostname/IP (RFC 5952 with its scope),
// Cluster, Status (live: reloaded on the host's events) and Power
// Management; a filter; the actions New, Edit, Remove, Maintenance,
// Activate and Power Management on the selected host.
type HostsPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	st       listState
	hosts    []wire.Host
	filter   string
	selected string // host id

	dialog     string // "", "new", "edit", "pm", "remove", "maintenance"
	dialogHost string
	removeBusy bool
	removeErr  string
	actionBusy bool // activate running

	// installing maps the id of a host being installed to the last stage
	// the engine reported.
	installing map[string]string
	dirty      bool // a reload was asked for while one ran

	// Edit is a deep link's host (/hosts?edit={id}, from the readiness
	// page's fixes): Edit Host opens on it, on its Power Management tab
	// when EditTab is "pm" (/hosts?edit={id}&tab=pm).
	Edit    string
	EditTab string
	opened  string // the deep link already opened (once per link)
}

// OnMount loads the hosts and reloads them on host events.
func (p *HostsPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.openDeepLink()
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		ev, ok := a.Value.(wire.Event)
		if !ok || ev.Host == nil {
			return
		}
		p.noteInstall(ev)
		p.load(ctx)
	})
}

// OnUpdate opens the dialog of a new deep link.
func (p *HostsPage) OnUpdate(ctx app.Context) { p.openDeepLink() }

// openDeepLink opens Edit Host (or its Power Management tab) on the host
// of the deep link, once per link: closing the dialog does not bring it
// back while the URL stays.
func (p *HostsPage) openDeepLink() {
	link := p.Edit + "|" + p.EditTab
	if p.Edit == "" || link == p.opened {
		return
	}
	p.opened = link
	p.selected, p.dialogHost, p.dialog = p.Edit, p.Edit, "edit"
	if p.EditTab == "pm" {
		p.dialog = "pm"
	}
}

// noteInstall follows the install stages of the hosts in the list.
func (p *HostsPage) noteInstall(ev wire.Event) {
	if p.installing == nil {
		p.installing = map[string]string{}
	}
	switch {
	case ev.Code == 509 || strings.HasPrefix(ev.Description, "Installing Host"):
		p.installing[ev.Host.ID] = ev.Description
	case ev.Code == 500 || ev.Code == 13 || ev.Code == 501 || ev.Code == 505:
		delete(p.installing, ev.Host.ID)
	}
}

func (p *HostsPage) load(ctx app.Context) {
	if p.st.loading {
		p.dirty = true
		return
	}
	p.st.loading = true
	ctx.Async(func() {
		hosts, err := p.API.Hosts(context.Background())
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			if err != nil {
				p.st.err = client.AsAPIError(err).Message
			} else {
				p.st.err = ""
				p.hosts = hosts
				if p.selected != "" && p.host(p.selected) == nil {
					p.selected = ""
				}
			}
			if p.dirty {
				p.dirty = false
				p.load(ctx)
			}
		})
	})
}

func (p *HostsPage) host(id string) *wire.Host {
	for i := range p.hosts {
		if p.hosts[i].ID == id {
			return &p.hosts[i]
		}
	}
	return nil
}

// filterHosts keeps the hosts whose name, address, cluster or status
// contains q (case-insensitive). An IP address in q matches in its RFC 5952
// form, so "2001:DB8:0::A1" finds 2001:db8::a1.
func filterHosts(hosts []wire.Host, q string) []wire.Host {
	q = strings.TrimSpace(q)
	if q == "" {
		return hosts
	}
	needle := strings.ToLower(q)
	if c, err := validation.Canonical(strings.Trim(q, "[]")); err == nil {
		needle = c
	}
	var out []wire.Host
	for _, h := range hosts {
		hay := []string{h.Name, h.Address.Address, form.HostStatusLabel(h.Status), h.Comment}
		if h.Cluster != nil {
			hay = append(hay, h.Cluster.Label())
		}
		for _, s := range hay {
			if strings.Contains(strings.ToLower(s), needle) {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

// pmSummary is the Power Management cell: enabled or not, and the number
// of agents when known.
func pmSummary(h wire.Host) (text, color string) {
	if !h.PowerManagement.Enabled {
		return "Disabled", "grey"
	}
	if h.PowerManagement.KdumpDetection {
		return "Enabled (kdump)", "green"
	}
	return "Enabled", "green"
}

func (p *HostsPage) open(dialog string) func(ctx app.Context, e app.Event) {
	return func(ctx app.Context, e app.Event) {
		if dialog != "new" && p.selected == "" {
			return
		}
		p.dialog, p.dialogHost = dialog, p.selected
		if dialog == "new" {
			p.dialogHost = ""
		}
		p.removeErr = ""
	}
}

func (p *HostsPage) closeDialog(ctx app.Context) {
	p.dialog, p.dialogHost = "", ""
}

// hostSaved closes the dialog, says what happened and follows the
// installation.
func (p *HostsPage) hostSaved(ctx app.Context, h *wire.Host, warnings []wire.Warning, added bool) {
	p.dialog, p.dialogHost = "", ""
	if h != nil {
		p.selected = h.ID
		if added {
			if p.installing == nil {
				p.installing = map[string]string{}
			}
			if h.Status == "installing" {
				p.installing[h.ID] = "Installing Host " + h.Name + "."
			}
			form.Notify(ctx, form.Toast{Variant: "info", Title: "Host " + h.Name + " was added. Installing it now: follow its status in the list."})
		} else {
			form.Notify(ctx, form.Toast{Variant: "success", Title: "Host " + h.Name + " was saved.", Quick: true})
		}
	}
	for _, w := range warnings {
		form.Notify(ctx, form.Toast{Variant: "warning", Title: w.Message})
	}
	p.load(ctx)
}

func (p *HostsPage) remove(ctx app.Context) {
	h := p.host(p.dialogHost)
	if h == nil {
		p.closeDialog(ctx)
		return
	}
	id, name := h.ID, h.Name
	p.removeBusy, p.removeErr = true, ""
	ctx.Async(func() {
		err := p.API.RemoveHost(context.Background(), id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.removeBusy = false
			if err != nil {
				p.removeErr = client.AsAPIError(err).Message
				return
			}
			p.closeDialog(ctx)
			p.selected = ""
			form.Notify(ctx, form.Toast{Variant: "success", Title: "Host " + name + " was removed."})
			p.load(ctx)
		})
	})
}

// canMaintenance reports whether a host in this status may be moved to
// maintenance (as oVirt's Management > Maintenance).
func canMaintenance(status string) bool {
	switch status {
	case "maintenance", "installing", "preparing_for_maintenance", "reboot", "kdumping", "":
		return false
	}
	return true
}

// canRemove reports whether the engine removes a host in this status
// without force: not while it is operational (Up, preparing for
// maintenance) or being installed (RemoveVdsCommand; the engine answers
// 409 "Host parameters cannot be modified while Host is operational").
func canRemove(status string) bool {
	switch status {
	case "up", "preparing_for_maintenance", "installing", "":
		return false
	}
	return true
}

// removeWhy says why Remove is disabled for the selected host ("" when it
// is not, or nothing is selected).
func removeWhy(h *wire.Host) string {
	switch {
	case h == nil || canRemove(h.Status):
		return ""
	case h.Status == "installing":
		return "Remove: " + h.Name + " is being installed; wait until the installation ends."
	}
	return "Remove: oVirt removes a host only in Maintenance. Switch " + h.Name + " to Maintenance first."
}

// canActivate reports whether a host in this status may be activated.
func canActivate(status string) bool {
	switch status {
	case "maintenance", "non_operational", "error", "install_failed", "non_responsive":
		return true
	}
	return false
}

// maintenance moves the confirmed host to maintenance; p.remove then
// works on it.
func (p *HostsPage) maintenance(ctx app.Context) {
	h := p.host(p.dialogHost)
	if h == nil {
		p.closeDialog(ctx)
		return
	}
	id, name := h.ID, h.Name
	p.removeBusy, p.removeErr = true, ""
	ctx.Async(func() {
		_, err := p.API.MaintenanceHost(context.Background(), id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.removeBusy = false
			if err != nil {
				p.removeErr = client.AsAPIError(err).Message
				return
			}
			p.closeDialog(ctx)
			form.Notify(ctx, form.Toast{Variant: "success", Title: "Host " + name + " was switched to Maintenance mode.", Quick: true})
			p.load(ctx)
		})
	})
}

// activate activates the selected host.
func (p *HostsPage) activate(ctx app.Context, e app.Event) {
	h := p.host(p.selected)
	if h == nil || p.actionBusy {
		return
	}
	id, name := h.ID, h.Name
	p.actionBusy = true
	ctx.Async(func() {
		_, err := p.API.ActivateHost(context.Background(), id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.actionBusy = false
			if err != nil {
				form.Notify(ctx, form.Toast{Variant: "danger", Title: "Host " + name + " was not activated: " + client.AsAPIError(err).Message})
				return
			}
			form.Notify(ctx, form.Toast{Variant: "success", Title: "Host " + name + " was activated.", Quick: true})
			p.load(ctx)
		})
	})
}

// Render draws the page.
func (p *HostsPage) Render() app.UI {
	shown := filterHosts(p.hosts, p.filter)
	sel := p.host(p.selected)
	noSel := sel == nil
	status := ""
	if sel != nil {
		status = sel.Status
	}
	return app.Div().ID("hosts-page").Body(
		form.PageSection(form.PageTitle("Hosts")),
		form.PageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(
				app.Div().Class("pf-v6-c-toolbar__content").Body(
					app.Div().Class("pf-v6-c-toolbar__content-section").Body(
						form.SearchBox(form.SearchInput("hosts-filter", "Filter hosts by name, address, cluster or status", "Filter by name, address, cluster, status", p.filter).
							OnInput(func(ctx app.Context, e app.Event) { p.filter = ctx.JSSrc().Get("value").String() })),
						app.Div().Class("pf-v6-c-toolbar__group", "v6-actions").Body(
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("primary", "New").ID("host-new").OnClick(p.open("new"))),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Edit").ID("host-edit").Disabled(noSel).OnClick(p.open("edit"))),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Remove").ID("host-remove").Disabled(noSel || !canRemove(status)).
								Title(removeWhy(sel)).Aria("describedby", "host-remove-why").OnClick(p.open("remove"))),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Maintenance").ID("host-do-maintenance").Disabled(!canMaintenance(status)).OnClick(p.open("maintenance"))),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Activate").ID("host-do-activate").Disabled(!canActivate(status) || p.actionBusy).OnClick(p.activate)),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Power Management").ID("host-pm").Disabled(noSel).OnClick(p.open("pm"))),
						),
					),
				),
			),
			app.P().ID("host-remove-why").Class("v6-muted", "v6-toolbar-why").Text(removeWhy(sel)),
			p.renderInstalls(),
			p.renderTable(shown),
		),
		p.renderDialog(),
	)
}

// renderInstalls shows the hosts being installed, with the engine's last
// stage, until they are up.
func (p *HostsPage) renderInstalls() app.UI {
	var ids []string
	for id := range p.installing {
		if h := p.host(id); h != nil && h.Status == "installing" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return nil
	}
	items := make([]app.UI, 0, len(ids))
	for _, id := range ids {
		h := p.host(id)
		items = append(items, app.Div().Class("pf-v6-c-alert", "pf-m-info", "pf-m-inline", "v6-install").ID("install-"+id).Role("status").Body(
			app.Div().Class("pf-v6-c-alert__icon").Body(form.Spinner("Installing")),
			app.P().Class("pf-v6-c-alert__title").Text("Installing "+h.Name+"…"),
			app.Div().Class("pf-v6-c-alert__description").Text(p.installing[id]),
		))
	}
	return app.Div().Class("v6-installs").Body(items...)
}

func (p *HostsPage) renderTable(shown []wire.Host) app.UI {
	if !p.st.loaded {
		return app.Div().Class("v6-loading").Body(form.Spinner("Loading hosts"), app.Span().Text(" Loading…"))
	}
	if p.st.err != "" && len(p.hosts) == 0 {
		return form.Alert("danger", p.st.err)
	}
	if len(p.hosts) == 0 {
		return form.EmptyState("server", "No hosts yet",
			"Add the hypervisors of this data center by host name, IPv4 or IPv6 address.",
			form.Button("primary", "New Host").ID("hosts-empty-new").OnClick(p.open("new")))
	}
	if len(shown) == 0 {
		return form.EmptyState("search", "No host matches the filter", "No name, address, cluster or status contains “"+p.filter+"”.",
			form.Button("link", "Clear filter").ID("hosts-clear-filter").OnClick(func(ctx app.Context, e app.Event) {
				p.filter = ""
				form.EmptyInputNow("hosts-filter")
			}))
	}
	rows := make([]app.UI, 0, len(shown))
	for _, h := range shown {
		h := h
		selected := h.ID == p.selected
		text, color := pmSummary(h)
		cluster := h.Cluster.Label()
		status := form.PfLabel(form.HostStatusColor(h.Status), form.HostStatusLabel(h.Status)).Class("v6-status")
		tr := app.Tr().Class("pf-v6-c-table__tr", "pf-m-clickable").DataSet("host", h.Name).
			OnClick(func(ctx app.Context, e app.Event) { p.selected = h.ID }, app.EventScope("row", h.ID))
		if selected {
			tr = tr.Class("pf-m-selected")
		}
		rows = append(rows, tr.Body(
			app.Td().Class("pf-v6-c-table__td", "pf-v6-c-table__check").Body(
				app.Label().Class("v6-radio").Body(
					app.Input().Type("radio").Name("host-select").ID("host-select-"+h.ID).Checked(selected).
						Aria("label", "Select "+h.Name).
						OnChange(func(ctx app.Context, e app.Event) { p.selected = h.ID }, app.EventScope("sel", h.ID)),
				),
			),
			form.Td("Name", app.A().Href(hostNICsPath(h.ID)).Title("Network Interfaces of "+h.Name).Text(h.Name)),
			form.Td("Hostname/IP", form.AddrText(h.Address)),
			form.Td("Cluster", app.Text(cluster)),
			form.Td("Status", status, app.If(form.HostBusy(h.Status), func() app.UI { return form.Spinner("Status changing") })),
			form.Td("Power Management", form.PfLabel(color, text)),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("hosts-table").Aria("label", "Hosts").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			app.Td().Class("pf-v6-c-table__td").Body(app.Span().Class("pf-v6-screen-reader").Text("Selection")),
			form.Th("Name"), form.Th("Hostname/IP"), form.Th("Cluster"), form.Th("Status"), form.Th("Power Management"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}

func (p *HostsPage) renderDialog() app.UI {
	switch p.dialog {
	case "new":
		return &HostDialog{API: p.API,
			OnSaved:  func(ctx app.Context, h *wire.Host, w []wire.Warning) { p.hostSaved(ctx, h, w, true) },
			OnCancel: p.closeDialog,
		}
	case "edit", "pm":
		tab := "general"
		if p.dialog == "pm" {
			tab = "pm"
		}
		return &HostDialog{API: p.API,
			HostID:   p.dialogHost,
			Tab:      tab,
			OnSaved:  func(ctx app.Context, h *wire.Host, w []wire.Warning) { p.hostSaved(ctx, h, w, false) },
			OnCancel: p.closeDialog,
		}
	case "maintenance":
		h := p.host(p.dialogHost)
		if h == nil {
			return nil
		}
		return &form.ConfirmDialog{
			ID:       "maintenance-host",
			Title:    "Maintenance Host(s)",
			Message:  "Are you sure you want to place the following host(s) into maintenance mode?",
			Items:    []string{h.Name},
			OnOK:     p.maintenance,
			OnCancel: p.closeDialog,
			Busy:     p.removeBusy,
			Error:    p.removeErr,
		}
	case "remove":
		h := p.host(p.dialogHost)
		if h == nil {
			return nil
		}
		return &form.ConfirmDialog{
			ID:       "remove-host",
			Title:    "Remove Host(s)",
			Message:  "Are you sure you want to remove the following items?",
			Items:    []string{h.Name},
			Danger:   true,
			OnOK:     p.remove,
			OnCancel: p.closeDialog,
			Busy:     p.removeBusy,
			Error:    p.removeErr,
		}
	}
	return nil
}
