package hostnet

import (
	"net/netip"
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
	v4     string
	v6     string
	v4addr form.Field
	v4mask form.Field
	v4gw   form.Field
	v6addr form.Field
	v6pre  form.Field
	v6gw   form.Field
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
	d.v4, d.v6 = a.IPv4.normalized().Proto, a.IPv6.normalized().Proto
	d.v4addr = form.Field{ID: "net-ipv4-address", Label: "IP", Required: true, Mono: true, Check: checkStaticAddress(false),
		Placeholder: "192.0.2.10 or 192.0.2.10/24"}
	d.v4mask = form.Field{ID: "net-ipv4-netmask", Label: "Netmask / Routing Prefix", Required: true, Mono: true, Check: validation.IPv4Netmask,
		Placeholder: "255.255.255.0 or 24"}
	d.v4addr.Preview = func(s string) app.UI { return form.StaticAddressPreview(d.v4addr.ID, s, d.v4mask.Label) }
	d.v4addr.OnWhole = func() { splitPasted(&d.v4addr, &d.v4mask, false) }
	d.v4gw = form.Field{ID: "net-ipv4-gateway", Label: "Gateway", Mono: true}
	d.v4gw.Check = func(s string) error { return d.gatewayCheck(s, false) }
	d.v4gw.Preview = func(s string) app.UI { return d.gatewayPreview(d.v4gw.ID, s, false) }
	d.v6addr = form.Field{ID: "net-ipv6-address", Label: "IP", Required: true, Mono: true, Check: checkStaticAddress(true),
		Placeholder: "2001:db8::10 or 2001:db8::10/64", Help: "An address typed or pasted with its prefix (2001:db8::10/64) fills both fields."}
	// The address as the engine will report it (RFC 5952) and its scope.
	d.v6addr.Preview = func(s string) app.UI { return form.StaticAddressPreview(d.v6addr.ID, s, d.v6pre.Label) }
	d.v6addr.OnWhole = func() { splitPasted(&d.v6addr, &d.v6pre, true) }
	d.v6pre = form.Field{ID: "net-ipv6-prefix", Label: "Routing Prefix Length", Required: true, Type: "number", Check: validation.IPv6Prefix, Placeholder: "64"}
	d.v6gw = form.Field{ID: "net-ipv6-gateway", Label: "Gateway", Mono: true}
	d.v6gw.Check = func(s string) error { return d.gatewayCheck(s, true) }
	d.v6gw.Preview = func(s string) app.UI { return d.gatewayPreview(d.v6gw.ID, s, true) }
	d.v4addr.SetValue(a.IPv4.Address)
	d.v4mask.SetValue(a.IPv4.Mask)
	d.v4gw.SetValue(a.IPv4.Gateway)
	d.v6addr.SetValue(a.IPv6.Address)
	d.v6pre.SetValue(a.IPv6.Mask)
	if d.v6 == protoStatic && a.IPv6.Mask == "" {
		d.v6pre.SetValue("64")
	}
	d.v6gw.SetValue(a.IPv6.Gateway)
	for _, s := range a.DNS {
		d.addDNS(s)
	}
}

// OnMount moves the focus to the IPv4 boot protocol.
func (d *EditNetworkDialog) OnMount(ctx app.Context) {
	d.focus.Open(ctx, editNetworkDialogID, "net-ipv4-proto-"+d.v4)
}

// OnDismount gives the focus back.
func (d *EditNetworkDialog) OnDismount() { d.focus.Restore() }

// checkStaticAddress is the static address rule of a family
// (validation.StaticAddress, as the BFF runs it): an address an interface
// can hold, optionally with /len.
func checkStaticAddress(v6 bool) func(string) error {
	return func(s string) error {
		_, err := validation.StaticAddress(strings.TrimSpace(s), v6)
		return err
	}
}

// editable reports whether the fields can be changed (in sync, or synced).
func (d *EditNetworkDialog) editable() bool { return d.Attachment.InSync || d.sync }

// iface is the interface's address and prefix typed so far (zero if not).
func (d *EditNetworkDialog) iface(v6 bool) netip.Prefix {
	addr, mask := d.v4addr.Trimmed(), d.v4mask.Trimmed()
	if v6 {
		addr, mask = d.v6addr.Trimmed(), d.v6pre.Trimmed()
	}
	ap, err := validation.StaticAddress(addr, v6)
	if err != nil {
		return netip.Prefix{}
	}
	bits := ap.Bits
	if bits < 0 && mask != "" {
		if v6 {
			bits, err = validation.ParseIPv6Prefix(mask)
		} else {
			bits, err = validation.ParseIPv4Netmask(mask)
		}
		if err != nil {
			return netip.Prefix{}
		}
	}
	if bits < 0 {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(ap.Addr, bits)
}

func (d *EditNetworkDialog) gatewayCheck(s string, v6 bool) error {
	_, err := validation.CheckGateway(strings.TrimSpace(s), d.iface(v6))
	return err
}

// gatewayPreview confirms a valid gateway (its RFC 5952 form and scope)
// and shows its warning (outside the subnet).
func (d *EditNetworkDialog) gatewayPreview(id, s string, v6 bool) app.UI {
	w, err := validation.CheckGateway(strings.TrimSpace(s), d.iface(v6))
	if err != nil {
		return nil
	}
	a, _ := validation.ParseAddr(strings.TrimSpace(s))
	warning := ""
	if w != nil {
		warning = w.Message + " " + w.Hint
	}
	return form.AddressPreview(id, form.AddressVerdict(a, "gateway"), warning)
}

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

// splitPasted moves the prefix of a whole "addr/len" value into the
// prefix field: the address field's OnWhole (a paste, an autofill, leaving
// the field) and OK call it, never a keystroke, so a value being typed is
// never cut ("2001:db8::23/6" on the way to /64). An invalid value stays
// as it is, with its message.
func splitPasted(addr, mask *form.Field, v6 bool) {
	v := addr.Trimmed()
	if !strings.Contains(v, "/") {
		return
	}
	ap, err := validation.StaticAddress(v, v6)
	if err != nil || ap.Bits < 0 {
		return
	}
	addr.SetValue(strings.TrimSpace(v[:strings.Index(v, "/")]))
	mask.SetValue(strconv.Itoa(ap.Bits))
}

// setProto switches a family's boot protocol; non-static clears the
// fields, static proposes prefix 64 for IPv6.
func (d *EditNetworkDialog) setProto(v6 bool, p string) {
	if v6 {
		d.v6 = p
		if p != protoStatic {
			d.v6addr.Reset()
			d.v6pre.Reset()
			d.v6gw.Reset()
		} else if d.v6pre.Trimmed() == "" {
			d.v6pre.SetValue("64")
		}
		return
	}
	d.v4 = p
	if p != protoStatic {
		d.v4addr.Reset()
		d.v4mask.Reset()
		d.v4gw.Reset()
	}
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
	for _, f := range []*form.Field{&d.v4addr, &d.v4mask, &d.v4gw} {
		f.Disable(!ed || d.v4 != protoStatic, why(d.v4))
	}
	d.v6addr.Disable(!ed || d.v6 != protoStatic, why(d.v6))
	d.v6pre.Disable(d.v6addr.Disabled, why(d.v6))
	d.v6gw.Help = ""
	if !d.DefaultRoute {
		why := msgGatewayNoRoute
		if d.DefaultRouteNet != "" {
			why += " (" + d.DefaultRouteNet + ")"
		}
		d.v6gw.Help = why + "; " + d.Attachment.Network + " does not, so its IPv6 gateway comes from router advertisements."
	}
	d.v6gw.Disable(d.v6addr.Disabled || !d.DefaultRoute, why(d.v6))
	if !d.v6addr.Disabled && !d.DefaultRoute {
		d.v6gw.DisabledReason, d.v6gw.Help = d.v6gw.Help, ""
	}
	for _, f := range d.dns {
		f.Disable(!ed, why(""))
	}
}

func (d *EditNetworkDialog) ok(ctx app.Context) {
	d.applyDisabled()
	splitPasted(&d.v4addr, &d.v4mask, false)
	splitPasted(&d.v6addr, &d.v6pre, true)
	bad := ""
	for _, f := range []*form.Field{&d.v4addr, &d.v4mask, &d.v4gw} {
		if !f.Validate() && bad == "" {
			bad = "ipv4"
		}
	}
	for _, f := range []*form.Field{&d.v6addr, &d.v6pre, &d.v6gw} {
		if !f.Validate() && bad == "" {
			bad = "ipv6"
		}
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
		a.IPv4 = ipEdit{Proto: d.v4, Address: d.v4addr.Trimmed(), Mask: d.v4mask.Trimmed(), Gateway: d.v4gw.Trimmed()}.normalized()
		a.IPv6 = ipEdit{Proto: d.v6, Address: d.v6addr.Trimmed(), Mask: d.v6pre.Trimmed(), Gateway: d.v6gw.Trimmed()}.normalized()
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
	v4err := d.v4addr.Invalid() || d.v4mask.Invalid() || d.v4gw.Invalid()
	v6err := d.v6addr.Invalid() || d.v6pre.Invalid() || d.v6gw.Invalid()
	dnsErr := false
	for _, f := range d.dns {
		dnsErr = dnsErr || f.Invalid()
	}
	tabs := form.TabSet{ID: "net-tabs", Label: "Network attachment", Current: d.tab,
		OnPick: func(ctx app.Context, id string) { d.tab = id },
		Tabs: []form.Tab{
			{ID: "ipv4", Label: "IPv4", HasError: v4err, Body: []app.UI{
				d.protoGroup(false, ipv4Protos, ed),
				app.Div().Class("pf-v6-c-form").Body(
					d.v4addr.Render(), d.v4mask.Render(), d.v4gw.Render(), d.suggestion(false)),
			}},
			{ID: "ipv6", Label: "IPv6", HasError: v6err, Body: []app.UI{
				d.protoGroup(true, ipv6Protos, ed),
				app.Div().Class("pf-v6-c-form").Body(
					d.v6addr.Render(), d.v6pre.Render(), d.v6gw.Render(), d.suggestion(true)),
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

// protoGroup draws a family's boot protocol radios.
func (d *EditNetworkDialog) protoGroup(v6 bool, protos []string, editable bool) app.UI {
	fam, cur := "ipv4", d.v4
	if v6 {
		fam, cur = "ipv6", d.v6
	}
	items := make([]app.UI, 0, len(protos))
	for _, p := range protos {
		p := p
		items = append(items, form.Radio("net-"+fam+"-proto-"+p, "net-"+fam+"-proto", form.BootProtocolLabel(p), cur == p, !editable,
			func(ctx app.Context) { d.setProto(v6, p) }))
	}
	return app.Div().Class("pf-v6-c-form__group").Role("radiogroup").Aria("labelledby", "net-"+fam+"-proto-label").Body(
		app.Div().Class("pf-v6-c-form__group-label").Body(
			app.Span().Class("pf-v6-c-form__label").ID("net-"+fam+"-proto-label").Body(app.Span().Class("pf-v6-c-form__label-text").Text("Boot Protocol"))),
		app.Div().Class("pf-v6-c-form__group-control").Body(items...),
	)
}

// suggestion offers the first usable address of the subnet as gateway.
func (d *EditNetworkDialog) suggestion(v6 bool) app.UI {
	gw := &d.v4gw
	if v6 {
		gw = &d.v6gw
	}
	if gw.Disabled || gw.Trimmed() != "" {
		return nil
	}
	p := d.iface(v6)
	if !p.IsValid() {
		return nil
	}
	g, ok := validation.SuggestGateway(p)
	if !ok {
		return nil
	}
	id := "net-ipv4-gateway-suggest"
	if v6 {
		id = "net-ipv6-gateway-suggest"
	}
	return app.Div().Class("v6-suggest").Body(
		app.Span().Class("v6-muted").Text("Suggested gateway: "),
		app.Code().Text(g.String()),
		form.Button("link", "Use "+g.String()).ID(id).Class("pf-m-inline").OnClick(func(ctx app.Context, e app.Event) { gw.SetValue(g.String()) }),
	)
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
