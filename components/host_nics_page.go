package components

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/components/hostnet"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

// HostNICsPage is a host's Network Interfaces sub-tab: one row per NIC or
// bond (name, link state, speed), its logical networks (VLAN, name,
// management / default-route / out-of-sync badges), the IPv4
// address/prefix with its boot protocol, and the IPv6 address/prefix with
// its boot protocol and scope, each address on one line, readable in full
// at 1280 px; MAC and Rx/Tx statistics in the row's expandable details.
// The interfaces' link-local addresses are behind a switch; gateways always
// show. A copy button on every address. Toolbar: Setup Host Networks and
// Sync All Networks.
type HostNICsPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// HostID is the host shown (from the URL /hosts/<id>/nics).
	HostID string

	st        listState
	net       *wire.HostNetwork
	host      *wire.Host
	loadedFor string
	linkLocal bool
	expanded  map[string]bool // NICs whose details row is open

	notFound  bool // the engine has no such host
	setupOpen bool // the Setup Host Networks dialog is open

	syncOpen bool
	syncBusy bool
	syncErr  string
	syncProg *hostnet.NetApply // Sync All Networks being applied (or failed)

	// Dialog, NIC and Network are a deep link's (from the readiness
	// page's fixes): /hosts/{id}/nics?dialog=setup-networks&nic=…&network=…
	// opens Setup Host Networks with the network's chip (else the NIC's)
	// focused, and highlights the NIC's row.
	Dialog  string
	NIC     string
	Network string
	opened  string // the deep link already opened (once per link)
}

// deepLink is the page's deep link as one key ("" none).
func (p *HostNICsPage) deepLink() string {
	if p.Dialog != "setup-networks" {
		return ""
	}
	return p.HostID + "|" + p.NIC + "|" + p.Network
}

// openDeepLink opens Setup Host Networks once per deep link.
func (p *HostNICsPage) openDeepLink() {
	if l := p.deepLink(); l != "" && l != p.opened {
		p.opened, p.setupOpen = l, true
	}
}

// setupFocus is the chip Setup Host Networks focuses first.
func (p *HostNICsPage) setupFocus() string {
	switch {
	case p.deepLink() == "":
		return ""
	case p.Network != "":
		return "net:" + p.Network
	case p.NIC != "":
		return "nic:" + p.NIC
	}
	return ""
}

// OnMount loads the host's network and reloads it on its events.
func (p *HostNICsPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.openDeepLink()
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		ev, ok := a.Value.(wire.Event)
		if !ok {
			return
		}
		p.syncProg.Observe(ev)
		if ev.Host != nil && ev.Host.ID == p.HostID {
			p.load(ctx)
		}
	})
}

// OnUpdate reloads when the page shows another host.
func (p *HostNICsPage) OnUpdate(ctx app.Context) {
	p.openDeepLink()
	if p.loadedFor != p.HostID {
		p.net, p.host, p.st, p.notFound = nil, nil, listState{}, false
		p.load(ctx)
	}
}

func (p *HostNICsPage) load(ctx app.Context) {
	if p.st.loading {
		return
	}
	id := p.HostID
	p.st.loading = true
	p.loadedFor = id
	ctx.Async(func() {
		n, err := p.API.HostNetwork(context.Background(), id)
		h, herr := p.API.Host(context.Background(), id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			if err == nil {
				err = herr
			}
			if err != nil {
				ae := client.AsAPIError(err)
				p.st.err = ae.Message
				p.notFound = ae.Status == 404
				if p.notFound {
					p.st.err = "There is no host with this id. It may have been removed."
					ctx.Page().SetTitle("Host not found - v6admin")
				}
				return
			}
			p.st.err, p.notFound = "", false
			p.net, p.host = n, h
			ctx.Page().SetTitle(h.Name + " - Network Interfaces - v6admin")
		})
	})
}

// nicRow is one row of the table: a NIC or a bond with its networks.
type nicRow struct {
	NIC      wire.NIC
	SlaveOf  string // the bond this NIC is a slave of
	Networks []netRow
	// IPv4 and IPv6 of the NIC itself when no network carries them.
	Own *netRow
}

// netRow is a logical network on a NIC: its VLAN, roles, sync state and
// the addresses of the device carrying it (eth1.100 for VLAN 100).
type netRow struct {
	Name         string
	VLAN         int
	Device       string
	Management   bool
	DefaultRoute bool
	InSync       bool
	IPv4         *wire.IPConfig
	IPv6         *wire.IPConfig
}

// nicRows turns the BFF's host network into table rows: NICs and bonds by
// name, each bond followed by its slaves; VLAN devices are not rows, their
// addresses show on their network's line.
func nicRows(n *wire.HostNetwork) []nicRow {
	if n == nil {
		return nil
	}
	roles := map[string]wire.Network{}
	for _, nw := range n.Networks {
		roles[nw.ID] = nw
	}
	all := append(append([]wire.NIC(nil), n.NICs...), n.Bonds...)
	carrier := map[string]wire.NIC{} // network id -> device carrying it
	for _, d := range all {
		if d.Network != nil && d.Network.ID != "" {
			carrier[d.Network.ID] = d
		}
	}
	byNIC := map[string][]wire.Attachment{}
	for _, a := range n.Attachments {
		byNIC[a.NIC.Name] = append(byNIC[a.NIC.Name], a)
	}
	row := func(d wire.NIC) nicRow {
		r := nicRow{NIC: d, SlaveOf: d.BondedIn}
		for _, a := range byNIC[d.Name] {
			nw := roles[a.Network.ID]
			nr := netRow{Name: a.Network.Name, VLAN: nw.VLANID, InSync: a.InSync, IPv4: a.IPv4, IPv6: a.IPv6}
			for _, role := range nw.Roles {
				switch role {
				case "management":
					nr.Management = true
				case "default_route":
					nr.DefaultRoute = true
				}
			}
			if dev, ok := carrier[a.Network.ID]; ok {
				nr.Device = dev.Name
				if hasAddress(dev.IPv4) || a.IPv4 == nil {
					nr.IPv4 = dev.IPv4
				}
				if hasAddress(dev.IPv6) || a.IPv6 == nil {
					nr.IPv6 = dev.IPv6
				}
			}
			r.Networks = append(r.Networks, nr)
		}
		sort.SliceStable(r.Networks, func(i, j int) bool { return r.Networks[i].VLAN < r.Networks[j].VLAN })
		if len(r.Networks) == 0 && (hasAddress(d.IPv4) || hasAddress(d.IPv6)) {
			r.Own = &netRow{IPv4: d.IPv4, IPv6: d.IPv6, InSync: true}
		}
		return r
	}
	var tops []wire.NIC
	slaves := map[string][]wire.NIC{}
	for _, d := range all {
		switch {
		case d.VLANID != 0:
		case d.BondedIn != "":
			slaves[d.BondedIn] = append(slaves[d.BondedIn], d)
		default:
			tops = append(tops, d)
		}
	}
	sort.SliceStable(tops, func(i, j int) bool { return tops[i].Name < tops[j].Name })
	var out []nicRow
	for _, d := range tops {
		out = append(out, row(d))
		ss := slaves[d.Name]
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].Name < ss[j].Name })
		for _, s := range ss {
			out = append(out, row(s))
		}
	}
	return out
}

func hasAddress(c *wire.IPConfig) bool {
	return c != nil && c.Address != nil && c.Address.Address != ""
}

// anyOutOfSync reports whether Sync All Networks has work.
func anyOutOfSync(n *wire.HostNetwork) bool {
	if n == nil {
		return false
	}
	for _, a := range n.Attachments {
		if !a.InSync {
			return true
		}
	}
	return false
}

// addrLine is one address to show: address/prefix, scope, boot protocol,
// or a gateway.
type addrLine struct {
	Text    string // address/prefix
	Copy    string // what the copy button copies (the address alone)
	Scope   validation.Scope
	Proto   string
	Gateway bool
}

// ipLines lists what an IP configuration shows. Link-local addresses of
// the interface are left out unless showLinkLocal, and counted; a gateway
// is always shown, whatever its scope (the RA-learned fe80::1 is the usual
// IPv6 gateway of SLAAC and DHCPv6 networks).
func ipLines(c *wire.IPConfig, showLinkLocal bool) (lines []addrLine, hidden int) {
	if c == nil {
		return nil, 0
	}
	if hasAddress(c) {
		if c.Address.Scope == validation.ScopeLinkLocal && !showLinkLocal {
			hidden++
		} else {
			lines = append(lines, addrLine{Text: form.WithPrefix(c.Address.Address, c.Prefix), Copy: c.Address.Address, Scope: c.Address.Scope, Proto: c.BootProtocol})
		}
	} else if c.BootProtocol != "" && c.BootProtocol != "none" {
		lines = append(lines, addrLine{Proto: c.BootProtocol})
	}
	if c.Gateway != nil && c.Gateway.Address != "" {
		lines = append(lines, addrLine{Text: c.Gateway.Address, Copy: c.Gateway.Address, Scope: c.Gateway.Scope, Gateway: true})
	}
	return lines, hidden
}

// anyLinkLocal reports whether an interface of the host has a link-local
// address of its own (gateways are not counted). vdsm leaves the kernel's
// scope-link addresses out of what it reports, so a real engine rarely
// has one.
func anyLinkLocal(rows []nicRow) bool {
	for _, r := range rows {
		nets := r.Networks
		if r.Own != nil {
			nets = append(nets, *r.Own)
		}
		for _, n := range nets {
			for _, c := range []*wire.IPConfig{n.IPv4, n.IPv6} {
				if hasAddress(c) && c.Address.Scope == validation.ScopeLinkLocal {
					return true
				}
			}
		}
	}
	return false
}

func (p *HostNICsPage) sync(ctx app.Context) {
	id := p.HostID
	p.syncBusy, p.syncErr = true, ""
	name := id
	if p.host != nil {
		name = p.host.Name
	}
	// The engine checks connectivity with its default timeout.
	p.syncProg = hostnet.NewNetApply(name, true, 120)
	p.syncProg.Tick(p.life.Context(ctx), func() bool { return p.syncBusy })
	rctx, cancel := p.syncProg.Context()
	ctx.Async(func() {
		defer cancel()
		res, err := p.API.SyncAllNetworks(rctx, id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.syncBusy = false
			if err != nil {
				p.syncErr = client.AsAPIError(err).Message
				return
			}
			p.syncOpen = false
			msg := "The host's networks were synchronized."
			if res.Job != nil && res.Job.Status != "" && res.Job.Status != "finished" {
				msg = "Synchronizing the host's networks: " + res.Job.Status + "."
			}
			form.Notify(ctx, form.Toast{Variant: "success", Title: msg, Key: p.syncProg.ID})
			p.load(ctx)
		})
	})
}

// syncProgress is Sync All Networks' progress (nil when there is none).
func (p *HostNICsPage) syncProgress() app.UI {
	if p.syncProg == nil || (!p.syncBusy && len(p.syncProg.Events) == 0) {
		return nil
	}
	return p.syncProg.Render("sync-all-progress")
}

// Render draws the page.
func (p *HostNICsPage) Render() app.UI {
	name := "Host"
	if p.host != nil {
		name = p.host.Name
	}
	outOfSync := anyOutOfSync(p.net)
	if p.notFound {
		return app.Div().ID("nics-page").Body(form.PageSection(form.EmptyState("search", "Host not found",
			"There is no host with this id. It may have been removed.",
			app.A().Class("pf-v6-c-button", "pf-m-primary").Href("/hosts").Text("Go to Hosts"))))
	}
	return app.Div().ID("nics-page").Body(
		form.PageSection(
			app.Nav().Class("pf-v6-c-breadcrumb").Aria("label", "Breadcrumb").Body(
				app.Ol().Class("pf-v6-c-breadcrumb__list").Role("list").Body(
					app.Li().Class("pf-v6-c-breadcrumb__item").Body(app.A().Class("pf-v6-c-breadcrumb__link").Href("/hosts").Text("Hosts")),
					app.Li().Class("pf-v6-c-breadcrumb__item").Body(
						app.Span().Class("pf-v6-c-breadcrumb__item-divider").Body(form.Icon("angle-right")),
						app.A().Class("pf-v6-c-breadcrumb__link", "pf-m-current").Aria("current", "page").Href(hostNICsPath(p.HostID)).Text(name),
					),
				),
			),
			app.H1().Class("pf-v6-c-title", "pf-m-2xl").ID("nics-title").Text(name+" — Network Interfaces"),
			app.If(p.host != nil, func() app.UI {
				return app.P().Class("v6-host-line").Body(app.Text("Hostname/IP: "), form.AddrText(p.host.Address),
					app.Text(" "), form.PfLabel(form.HostStatusColor(p.host.Status), form.HostStatusLabel(p.host.Status)))
			}),
			// A network change left running (a reloaded page): see
			// running_network_change.go.
			app.If(p.host != nil, func() app.UI {
				return &hostnet.RunningNetworkChange{API: p.API, Host: p.host.Name, OnEnd: func(ctx app.Context) { p.load(ctx) }}
			}),
		),
		form.PageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(
				app.Div().Class("pf-v6-c-toolbar__content").Body(
					app.Div().Class("pf-v6-c-toolbar__content-section").Body(
						app.Div().Class("pf-v6-c-toolbar__item").Body(
							form.Button("secondary", "Setup Host Networks").ID("setup-networks").
								OnClick(func(ctx app.Context, e app.Event) { p.setupOpen = true }),
						),
						app.Div().Class("pf-v6-c-toolbar__item").Body(
							form.Button("secondary", "Sync All Networks").ID("sync-networks").Disabled(!outOfSync).
								Title(map[bool]string{true: "Synchronize the out-of-sync networks with their definitions", false: "Every network is in sync"}[outOfSync]).
								OnClick(func(ctx app.Context, e app.Event) { p.syncOpen, p.syncErr, p.syncProg = true, "", nil }),
						),
						app.Div().Class("pf-v6-c-toolbar__item", "v6-toolbar-end").Body(
							app.Label().Class("pf-v6-c-switch").For("show-link-local").Body(
								app.Input().Class("pf-v6-c-switch__input").Type("checkbox").Role("switch").ID("show-link-local").
									Checked(p.linkLocal).
									OnChange(func(ctx app.Context, e app.Event) { p.linkLocal = ctx.JSSrc().Get("checked").Bool() }),
								app.Span().Class("pf-v6-c-switch__toggle"),
								app.Span().Class("pf-v6-c-switch__label").Text("Show link-local addresses"),
							),
						),
					),
				),
			),
			app.If(p.linkLocal && p.net != nil && !anyLinkLocal(nicRows(p.net)), func() app.UI {
				return app.P().Class("v6-muted", "v6-ll-none").ID("link-local-none").
					Text("The engine reports no link-local address of these interfaces: vdsm leaves them out. Link-local gateways always show.")
			}),
			p.renderTable(),
		),
		app.If(p.setupOpen, func() app.UI {
			return &hostnet.SetupHostNetworksDialog{API: p.API, HostID: p.HostID, Focus: p.setupFocus(), OnClose: func(ctx app.Context, applied bool) {
				p.setupOpen = false
				if applied {
					p.load(ctx)
				}
			}}
		}),
		app.If(p.syncOpen, func() app.UI {
			return &form.ConfirmDialog{
				ID:       "sync-all",
				Title:    "Synchronize all host networks",
				Message:  "Are you sure you want to synchronize all host's networks?",
				OnOK:     p.sync,
				OnCancel: func(ctx app.Context) { p.syncOpen, p.syncProg = false, nil },
				Busy:     p.syncBusy,
				Error:    p.syncErr,
				Progress: p.syncProgress(),
			}
		}),
	)
}

// nicColumns are the table's headers after the expand toggle: the
// addresses get the room; MAC, speed and traffic fold into each row's
// details (nicStats).
var nicColumns = []string{"Name", "Logical Networks", "IPv4 Address", "IPv6 Address"}

func (p *HostNICsPage) renderTable() app.UI {
	rows := nicRows(p.net)
	if !p.st.loaded || p.st.err != "" || len(rows) == 0 {
		return listBody(p.st, len(rows), "network-wired", "No network interfaces",
			"The host reports no NICs yet: they appear once it is installed.", nil)
	}
	head := []app.UI{app.Td().Class("pf-v6-c-table__td").Body(app.Span().Class("pf-v6-screen-reader").Text("Details"))}
	for _, c := range nicColumns {
		head = append(head, form.Th(c))
	}
	body := make([]app.UI, 0, len(rows)+2)
	body = append(body, app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(head...)))
	for _, r := range rows {
		body = append(body, p.renderRow(r))
	}
	return app.Div().Class("v6-table-scroll").Body(app.Table().Class("pf-v6-c-table", "pf-m-expandable", "pf-m-grid-md", "pf-m-compact", "v6-nics").ID("nics-table").Aria("label", "Network interfaces").Body(body...))
}

// renderRow draws a NIC's row and its details row in one tbody, as
// PatternFly's expandable table does.
func (p *HostNICsPage) renderRow(r nicRow) app.UI {
	d := r.NIC
	up := d.Status == "up"
	link := form.PfLabel(map[bool]string{true: "green", false: "red"}[up], map[bool]string{true: "Up", false: "Down"}[up])
	if d.Status == "" {
		link = form.PfLabel("grey", "Unknown")
	}
	name := []app.UI{app.Div().Class("v6-nic-name").Body(app.Strong().Text(d.Name), link)}
	if d.Speed > 0 {
		name = append(name, app.Div().Class("v6-muted", "v6-nic-speed").Text(form.FormatSpeed(d.Speed)))
	}
	if d.Bond != nil {
		mode := d.Bond.Mode
		if mode != "" {
			mode = " (mode " + mode + ")"
		}
		name = append(name, app.Div().Class("v6-muted").Text("Bond"+mode+": "+joinComma(d.Bond.Slaves)))
	}
	if r.SlaveOf != "" {
		name = append(name, app.Div().Class("v6-muted").Text("Slave of "+r.SlaveOf))
	}
	nets := r.Networks
	if r.Own != nil {
		nets = []netRow{*r.Own}
	}
	var netCell, v4Cell, v6Cell []app.UI
	for _, n := range nets {
		if n.Name != "" {
			netCell = append(netCell, p.renderNetwork(n))
		}
		v4Cell = append(v4Cell, p.renderIP(n.IPv4, "ipv4"))
		v6Cell = append(v6Cell, p.renderIP(n.IPv6, "ipv6"))
	}
	if len(netCell) == 0 {
		netCell = []app.UI{app.Span().Class("v6-muted").Text("—")}
	}
	open := p.expanded[d.Name]
	detailsID := "nic-details-" + d.Name
	tr := app.Tr().Class("pf-v6-c-table__tr").DataSet("nic", d.Name)
	if r.SlaveOf != "" {
		tr = tr.Class("v6-slave")
	}
	if open {
		tr = tr.Class("pf-m-expanded")
	}
	if p.deepLink() != "" && p.NIC == d.Name {
		tr = tr.Class("pf-m-selected", "v6-linked")
	}
	toggle := app.Button().Type("button").Class("pf-v6-c-button", "pf-m-plain").
		Aria("label", "Details of "+d.Name).Aria("expanded", strconv.FormatBool(open)).Aria("controls", detailsID).
		OnClick(func(ctx app.Context, e app.Event) { p.toggleDetails(d.Name) }, app.EventScope("nic-toggle", d.Name)).
		Body(app.Span().Class("pf-v6-c-button__icon").Body(
			app.Div().Class("pf-v6-c-table__toggle-icon").Body(form.Icon("angle-down")),
		))
	if open {
		toggle = toggle.Class("pf-m-expanded")
	}
	details := app.Tr().Class("pf-v6-c-table__tr", "pf-v6-c-table__expandable-row").ID(detailsID).DataSet("nic-details", d.Name)
	if open {
		details = details.Class("pf-m-expanded")
	} else {
		details = details.Hidden(true)
	}
	tbody := app.TBody().Class("pf-v6-c-table__tbody")
	if open {
		tbody = tbody.Class("pf-m-expanded")
	}
	return tbody.Body(
		tr.Body(
			app.Td().Class("pf-v6-c-table__td", "pf-v6-c-table__toggle").Body(toggle),
			form.Td("Name", name...).Class("v6-nic-name-cell"),
			form.Td("Logical Networks", netCell...),
			form.Td("IPv4 Address", v4Cell...).Class("v6-ipv4"),
			form.Td("IPv6 Address", v6Cell...).Class("v6-ipv6"),
		),
		details.Body(
			app.Td().Class("pf-v6-c-table__td").ColSpan(len(nicColumns)+1).Body(
				app.Div().Class("pf-v6-c-table__expandable-row-content").Body(nicStats(d)),
			),
		),
	)
}

// toggleDetails opens or closes a NIC's details row.
func (p *HostNICsPage) toggleDetails(name string) {
	if p.expanded == nil {
		p.expanded = map[string]bool{}
	}
	p.expanded[name] = !p.expanded[name]
}

// nicStats is a NIC's details: MAC, speed and traffic from its statistics.
func nicStats(d wire.NIC) app.UI {
	item := func(key, label string, value app.UI) app.UI {
		return app.Div().Class("pf-v6-c-description-list__group").Body(
			app.Dt().Class("pf-v6-c-description-list__term").Body(app.Span().Class("pf-v6-c-description-list__text").Text(label)),
			app.Dd().Class("pf-v6-c-description-list__description").Body(
				app.Div().Class("pf-v6-c-description-list__text").DataSet("stat", key).Body(value),
			),
		)
	}
	return app.Dl().Class("pf-v6-c-description-list", "pf-m-compact", "v6-nic-stats").Body(
		item("mac", "MAC", app.Code().Text(client.OrText(d.MAC, "—"))),
		item("speed", "Speed", app.Text(form.FormatSpeed(d.Speed))),
		item("rate", "Rx / Tx Rate (Mbps)", trafficCell(form.FormatRateMbps(d.RxRateBps), form.FormatRateMbps(d.TxRateBps))),
		item("total", "Rx / Tx Total", trafficCell(form.FormatTotal(d.RxTotalBytes), form.FormatTotal(d.TxTotalBytes))),
		item("drops", "Drops (Pkts)", trafficCell(form.FormatCount(d.Drops))),
	)
}

func (p *HostNICsPage) renderNetwork(n netRow) app.UI {
	return app.Div().Class("v6-net").DataSet("network", n.Name).Body(
		app.If(n.VLAN != 0, func() app.UI { return form.PfLabel("grey", "VLAN "+strconv.Itoa(n.VLAN)) }),
		app.Span().Class("v6-net__name").Text(n.Name),
		app.If(n.Management, func() app.UI { return form.PfLabel("blue", "Management") }),
		app.If(n.DefaultRoute, func() app.UI { return form.PfLabel("teal", "Default Route") }),
		app.If(!n.InSync, func() app.UI { return form.PfLabel("red", "Out of sync") }),
		app.If(n.Device != "" && n.VLAN != 0, func() app.UI { return app.Span().Class("v6-muted").Text(" on " + n.Device) }),
	)
}

// renderIP draws one family's addresses of a network line.
func (p *HostNICsPage) renderIP(c *wire.IPConfig, family string) app.UI {
	lines, hidden := ipLines(c, p.linkLocal)
	if len(lines) == 0 && hidden == 0 {
		return app.Div().Class("v6-ip", "v6-muted").Text("—")
	}
	items := make([]app.UI, 0, len(lines)+1)
	for _, l := range lines {
		l := l
		if l.Text == "" {
			items = append(items, app.Div().Class("v6-ip__line").Body(app.Span().Class("v6-proto").Text(form.BootProtocolLabel(l.Proto)+", no address yet")))
			continue
		}
		items = append(items, app.Div().Class("v6-ip__line").DataSet("family", family).Body(
			app.Span().Class("v6-ip__main").Body(
				app.If(l.Gateway, func() app.UI { return app.Span().Class("v6-muted").Text("gateway ") }),
				app.Code().Class("v6-ip__addr").Text(l.Text),
				form.CopyButton(l.Copy),
			),
			form.ScopeBadge(l.Scope),
			app.If(l.Proto != "", func() app.UI { return app.Span().Class("v6-proto").Text(form.BootProtocolLabel(l.Proto)) }),
		))
	}
	if hidden > 0 {
		word := "address"
		if hidden > 1 {
			word = "addresses"
		}
		items = append(items, app.Div().Class("v6-muted", "v6-ll-hidden").Text(strconv.Itoa(hidden)+" link-local "+word+" hidden"))
	}
	return app.Div().Class("v6-ip").Body(items...)
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// trafficCell shows statistics joined by " / ", muted with a tooltip when
// none was reported.
func trafficCell(vals ...string) app.UI {
	text := strings.Join(vals, " / ")
	for _, v := range vals {
		if v != "[N/A]" {
			return app.Span().Class("v6-traffic").Text(text)
		}
	}
	return app.Span().Class("v6-muted").Title("Not reported by the server").Text(text)
}
