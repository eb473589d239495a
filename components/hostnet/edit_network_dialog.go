package hostnet

import (
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

// EditNetworkDialog is oVirt's Edit Network dialog for a network attached
// to a host interface: "Sync network" when out of sync (fields read-only
// until checked, with the Host-vs-DC differences), tabs IPv4, IPv6 and DNS
// Configuration. The IPv6 gateway is editable only on the network holding
// the default-route role, and says why otherwise; a gateway is suggested
// from the address and prefix; pasting addr/len fills both fields.
type EditNetworkDialog struct {
	app.Compo

	// Attachment is the attachment edited (a copy).
	Attachment netAttachment
	// Management is true for the management network.
	Management bool
	// DefaultRoute is true when the network holds the default-route role;
	// DefaultRouteNet names the one that does.
	DefaultRoute    bool
	DefaultRouteNet string
	OnOK            func(ctx app.Context, a *netAttachment)
	OnCancel        func(ctx app.Context)

	focus  form.ModalFocus
	inited bool
	tab    string
	sync   bool
	// ip4, ip6 are the IPv4 and IPv6 tabs' boot protocol and fields.
	ip4    form.IPSection
	ip6    form.IPSection
	dns    []*form.Field
	dnsSeq int
}

const editNetworkDialogID = "edit-network-dialog"

// IPv6 boot protocols in oVirt's order, and IPv4's.
var (
	ipv6Protos = []string{protoNone, protoDHCP, protoAutoconf, protoPoly, protoStatic}
	ipv4Protos = []string{protoNone, protoDHCP, protoStatic}
)

// OnInit fills the fields from the attachment.
func (d *EditNetworkDialog) OnInit() { d.init() }

func (d *EditNetworkDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	d.tab = "ipv4"
	a := d.Attachment
	d.ip4.Init("net-ipv4", false, ipv4Protos)
	d.ip6.Init("net-ipv6", true, ipv6Protos)
	v4, v6 := a.IPv4.normalized(), a.IPv6.normalized()
	d.ip4.Set(v4.Proto, a.IPv4.Address, a.IPv4.Mask, a.IPv4.Gateway)
	d.ip6.Set(v6.Proto, a.IPv6.Address, a.IPv6.Mask, a.IPv6.Gateway)
	for _, s := range a.DNS {
		d.addDNS(s)
	}
}

// OnMount moves the focus to the IPv4 boot protocol.
func (d *EditNetworkDialog) OnMount(ctx app.Context) {
	d.focus.Open(ctx, editNetworkDialogID, "net-ipv4-proto-"+d.ip4.Proto)
}

// OnDismount gives the focus back.
func (d *EditNetworkDialog) OnDismount() { d.focus.Restore() }

// editable reports whether the fields can be changed (in sync, or synced).
func (d *EditNetworkDialog) editable() bool { return d.Attachment.InSync || d.sync }

func (d *EditNetworkDialog) addDNS(v string) {
	if len(d.dns) >= 3 {
		return
	}
	f := &form.Field{ID: "net-dns-" + strconv.Itoa(d.dnsSeq), Label: "Address " + strconv.Itoa(len(d.dns)+1), Required: true, Mono: true,
		Check: validation.NameServer, Placeholder: "2001:db8::53 or 192.0.2.53"}
	f.Preview = func(s string) app.UI {
		a, _ := validation.ParseAddr(strings.TrimSpace(s))
		return form.AddressPreview(f.ID, form.AddressVerdict(a, "DNS server"), "")
	}
	d.dnsSeq++
	f.SetValue(v)
	d.dns = append(d.dns, f)
}

// applyDisabled sets which fields can be edited now.
func (d *EditNetworkDialog) applyDisabled() {
	ed := d.editable()
	why := func(proto string) string {
		if !ed {
			return "The network is out of sync: check Sync network to edit it."
		}
		return "Only the Static boot protocol takes an address; " + form.BootProtocolLabel(proto) + " does not."
	}
	for _, f := range d.ip4.Fields() {
		f.Disable(!ed || d.ip4.Proto != protoStatic, why(d.ip4.Proto))
	}
	v6addr, v6gw := &d.ip6.Address, &d.ip6.Gateway
	v6addr.Disable(!ed || d.ip6.Proto != protoStatic, why(d.ip6.Proto))
	d.ip6.Mask.Disable(v6addr.Disabled, why(d.ip6.Proto))
	v6gw.Help = ""
	if !d.DefaultRoute {
		why := msgGatewayNoRoute
		if d.DefaultRouteNet != "" {
			why += " (" + d.DefaultRouteNet + ")"
		}
		v6gw.Help = why + "; " + d.Attachment.Network + " does not, so its IPv6 gateway comes from router advertisements."
	}
	v6gw.Disable(v6addr.Disabled || !d.DefaultRoute, why(d.ip6.Proto))
	if !v6addr.Disabled && !d.DefaultRoute {
		v6gw.DisabledReason, v6gw.Help = v6gw.Help, ""
	}
	for _, f := range d.dns {
		f.Disable(!ed, why(""))
	}
}

func (d *EditNetworkDialog) ok(ctx app.Context) {
	d.applyDisabled()
	bad := ""
	if !d.ip4.Validate() {
		bad = "ipv4"
	}
	if !d.ip6.Validate() && bad == "" {
		bad = "ipv6"
	}
	for _, f := range d.dns {
		if !f.Validate() && bad == "" {
			bad = "dns"
		}
	}
	if bad != "" {
		d.tab = bad
		return
	}
	a := d.Attachment.clone()
	a.Sync = d.sync
	if d.editable() {
		a.IPv4 = ipEditOfSection(&d.ip4)
		a.IPv6 = ipEditOfSection(&d.ip6)
		if !d.DefaultRoute {
			a.IPv6.Gateway = ""
		}
		a.DNS = nil
		for _, f := range d.dns {
			a.DNS = append(a.DNS, f.Trimmed())
		}
	}
	if d.OnOK != nil {
		d.OnOK(ctx, a)
	}
}

func (d *EditNetworkDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// Render draws the dialog.
func (d *EditNetworkDialog) Render() app.UI {
	d.init()
	d.applyDisabled()
	name := d.Attachment.Network
	title := "Edit Network " + name
	if d.Management {
		title = "Edit Management Network: " + name
	}
	ed := d.editable()
	var top []app.UI
	if !d.Attachment.InSync {
		top = append(top,
			form.Checkbox("net-sync", "Sync network", d.sync, false, func(ctx app.Context, c bool) { d.sync = c }),
			app.P().Class("v6-muted").ID("net-sync-info").Text("The logical network definition is not synchronized with the network configuration on the host. To edit this network you need to synchronize it."),
			d.renderDiffs(),
		)
	}
	dnsErr := false
	for _, f := range d.dns {
		dnsErr = dnsErr || f.Invalid()
	}
	tabs := form.TabSet{ID: "net-tabs", Label: "Network attachment", Current: d.tab,
		OnPick: func(ctx app.Context, id string) { d.tab = id },
		Tabs: []form.Tab{
			{ID: "ipv4", Label: "IPv4", HasError: d.ip4.Invalid(), Body: []app.UI{
				d.ip4.ProtoGroup(!ed), d.ip4.Body(),
			}},
			{ID: "ipv6", Label: "IPv6", HasError: d.ip6.Invalid(), Body: []app.UI{
				d.ip6.ProtoGroup(!ed), d.ip6.Body(),
			}},
			{ID: "dns", Label: "DNS Configuration", HasError: dnsErr, Body: []app.UI{d.renderDNS(ed)}},
		},
	}
	body := append(top, tabs.Render())
	return app.Div().Class("v6-edit-network-dialog").Body(form.Modal{
		ID:    editNetworkDialogID,
		Title: title,
		Size:  "md",
		Body:  body,
		Footer: []app.UI{
			form.Button("primary", "OK").ID("net-ok").OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
			form.Button("link", "Cancel").ID("net-cancel").OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
		},
		OnOK:     d.ok,
		OnCancel: d.cancel,
	}.Render())
}

// ipEditOfSection is a tab's configuration as the dialog returns it.
func ipEditOfSection(s *form.IPSection) ipEdit {
	return ipEdit{Proto: s.Proto, Address: s.Address.Trimmed(), Mask: s.Mask.Trimmed(), Gateway: s.Gateway.Trimmed()}.normalized()
}

// renderDiffs lists the Host-vs-DC differences of an out-of-sync network.
func (d *EditNetworkDialog) renderDiffs() app.UI {
	var rows []app.UI
	for _, r := range d.Attachment.Reported {
		if r.InSync {
			continue
		}
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Td("Property", app.Text(reportedName(r.Name))), form.Td("Host", app.Text(client.OrText(r.Actual, "—"))), form.Td("DC", app.Text(client.OrText(r.Expected, "—")))))
	}
	if len(rows) == 0 {
		return nil
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-compact").ID("net-diffs").Aria("label", "Network's configurations differ from").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(form.Th("Property"), form.Th("Host"), form.Th("DC"))),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...))
}

// reportedName is oVirt's label of a reported configuration.
func reportedName(n string) string {
	switch n {
	case "ipv4_boot_protocol":
		return "IPv4 Boot protocol"
	case "ipv4_address":
		return "IPv4 address"
	case "ipv4_netmask":
		return "IPv4 Netmask"
	case "ipv4_gateway":
		return "IPv4 Gateway"
	case "ipv6_boot_protocol":
		return "IPv6 Boot protocol"
	case "ipv6_address":
		return "IPv6 address"
	case "ipv6_prefix":
		return "IPv6 Prefix"
	case "ipv6_gateway":
		return "IPv6 Gateway"
	case "mtu":
		return "Mtu"
	case "bridged":
		return "Bridged"
	case "vlan_id", "vlan":
		return "Vlan"
	case "dns_configuration":
		return "Dns configuration"
	case "default_route":
		return "Default route"
	}
	return n
}

// renderDNS draws up to three DNS servers.
func (d *EditNetworkDialog) renderDNS(editable bool) app.UI {
	items := []app.UI{app.P().Class("v6-muted").Text("Up to 3 DNS servers, IPv4 or IPv6.")}
	for i, f := range d.dns {
		i := i
		items = append(items, app.Div().Class("v6-dns-row").Body(
			f.Render(),
			form.IconButton("minus-circle", "Remove "+f.Label).ID(f.ID+"-remove").Disabled(!editable).OnClick(func(ctx app.Context, e app.Event) {
				d.dns = append(d.dns[:i], d.dns[i+1:]...)
				for j, g := range d.dns {
					g.Label = "Address " + strconv.Itoa(j+1)
				}
			}),
		))
	}
	items = append(items, form.Button("secondary", "Add DNS server").ID("net-dns-add").Disabled(!editable || len(d.dns) >= 3).
		OnClick(func(ctx app.Context, e app.Event) {
			d.addDNS("")
			form.FocusElement(ctx, d.dns[len(d.dns)-1].ID)
		}))
	return app.Div().Class("pf-v6-c-form").Body(items...)
}
