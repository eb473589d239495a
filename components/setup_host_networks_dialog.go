package components

import (
	"context"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SetupHostNetworksDialog is oVirt's "Setup Host <name> Networks": the
// host's NICs and bonds on the left with the networks attached to them,
// the Unassigned Logical Networks on the right. Every change can be made
// three ways: drag and drop, the menu of a chip, and the keyboard alone
// (chips take the focus in turn with the arrow keys, Enter or Space opens
// the menu). The status line is a live region. OK applies the difference
// through setupnetworks with the connectivity check and commit options;
// on a refusal or a rollback the dialog stays open with every edit.
type SetupHostNetworksDialog struct {
	app.Compo
	life mounted

	HostID string
	// OnClose is called with applied true after a successful apply.
	OnClose func(ctx app.Context, applied bool)

	focus   modalFocus
	loading bool
	loadErr string
	st      *hostNetState

	current string // the chip holding the roving tab stop
	menuFor string // the chip whose menu is open
	status  string
	variant string

	dragging string // chip key being dragged
	dragOver string // interface hovered ("" none, "-" the unassigned area)
	listener app.Func

	verify  bool
	commit  bool
	timeout Field

	applying bool
	applyErr string
	applyMsg []string

	editing string // network in Edit Network
	bonding *bondDraft
}

// bondDraft is the Create New Bond popup's state.
type bondDraft struct {
	a, b string
	name Field
	mode string
	err  string
}

const setupDialogID = "setup-networks-dialog"

// Bonding modes (oVirt's labels).
var bondModes = []option{
	{"1", "(Mode 1) Active-Backup", ""},
	{"2", "(Mode 2) Load balance (balance-xor)", ""},
	{"4", "(Mode 4) Dynamic link aggregation (802.3ad)", ""},
	{"0", "(Mode 0) Round-robin", ""},
	{"3", "(Mode 3) Broadcast", ""},
	{"5", "(Mode 5) Adaptive transmit load balancing (balance-tlb)", ""},
	{"6", "(Mode 6) Adaptive load balancing (balance-alb)", ""},
}

// OnInit sets the defaults.
func (d *SetupHostNetworksDialog) OnInit() {
	d.verify, d.commit = true, true
	d.status, d.variant = msgDragToChange, "info"
	d.timeout = Field{ID: "sn-timeout", Label: "Connectivity check timeout (seconds)", Type: "number", Required: true, Check: checkTimeout,
		Help: "Changes are rolled back if the host cannot reach the engine within this time."}
	d.timeout.SetValue("120")
}

func checkTimeout(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 3600 {
		return errString("This field must contain an integer number between 1 and 3600.")
	}
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

// OnMount loads the host's networks and listens for drags.
func (d *SetupHostNetworksDialog) OnMount(ctx app.Context) {
	d.life.keep(ctx)
	d.focus.open(ctx, setupDialogID, "")
	d.load(ctx)
	ctx.Handle(eventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(Event); ok && d.applying && ev.Host != nil && ev.Host.ID == d.HostID {
			d.applyMsg = append(d.applyMsg, ev.Description)
		}
	})
	ctx.Defer(func(ctx app.Context) { d.listen() })
}

// listen prevents the default of dragover/dragenter synchronously (go-app
// handlers run later, too late for the drop to be allowed) and gives
// dragstart its data.
func (d *SetupHostNetworksDialog) listen() {
	root := app.Window().Get("document").Call("getElementById", setupDialogID)
	if !root.Truthy() {
		return
	}
	d.listener = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		switch e.Get("type").String() {
		case "dragstart":
			if dt := e.Get("dataTransfer"); dt.Truthy() {
				dt.Call("setData", "text/plain", e.Get("target").Get("id").String())
				dt.Set("effectAllowed", "move")
			}
		default:
			e.Call("preventDefault")
		}
		return nil
	})
	for _, ev := range []string{"dragstart", "dragover", "dragenter", "drop", "contextmenu"} {
		root.Call("addEventListener", ev, d.listener)
	}
}

// OnDismount gives the focus back.
func (d *SetupHostNetworksDialog) OnDismount() {
	d.focus.restore()
	if d.listener != nil {
		d.listener.Release()
	}
}

func (d *SetupHostNetworksDialog) load(ctx app.Context) {
	id := d.HostID
	d.loading = true
	ctx.Async(func() {
		n, err := backend.HostNetwork(context.Background(), id)
		d.life.dispatch(ctx, func(ctx app.Context) {
			d.loading = false
			if err != nil {
				d.loadErr = asAPIError(err).Message
				return
			}
			d.st = newHostNetState(n)
			if ifs := d.st.interfaces(); len(ifs) > 0 {
				d.current = "nic:" + ifs[0]
			}
			ctx.Defer(func(ctx app.Context) { d.listen() })
		})
	})
}

// chipKeys lists the chips in focus order.
func (d *SetupHostNetworksDialog) chipKeys() []string {
	var out []string
	for _, nic := range d.st.interfaces() {
		out = append(out, "nic:"+nic)
		if b := d.st.bond(nic); b != nil {
			for _, s := range b.Slaves {
				out = append(out, "nic:"+s)
			}
		}
		for _, a := range d.st.networksOn(nic) {
			out = append(out, "net:"+a.Network)
		}
	}
	for _, n := range d.st.unassigned() {
		out = append(out, "net:"+n)
	}
	return out
}

func chipID(key string) string {
	return "sn-chip-" + strings.NewReplacer(":", "-", ".", "_").Replace(key)
}

func (d *SetupHostNetworksDialog) moveFocus(ctx app.Context, delta int) {
	keys := d.chipKeys()
	i := 0
	for j, k := range keys {
		if k == d.current {
			i = j
		}
	}
	switch delta {
	case -1000:
		i = 0
	case 1000:
		i = len(keys) - 1
	default:
		i = ((i+delta)%len(keys) + len(keys)) % len(keys)
	}
	d.current = keys[i]
	focusElement(ctx, chipID(d.current))
}

func (d *SetupHostNetworksDialog) onChipKey(ctx app.Context, e app.Event, key string) {
	k := e.Get("key").String()
	switch k {
	case "ArrowDown", "ArrowRight":
		d.current = key
		d.moveFocus(ctx, 1)
	case "ArrowUp", "ArrowLeft":
		d.current = key
		d.moveFocus(ctx, -1)
	case "Home":
		d.moveFocus(ctx, -1000)
	case "End":
		d.moveFocus(ctx, 1000)
	case "Enter", " ", "Spacebar":
		d.openMenu(ctx, key)
	case "F2":
		if strings.HasPrefix(key, "net:") && d.st.atts[key[4:]] != nil {
			d.editing = key[4:]
		}
	default:
		return
	}
	e.PreventDefault()
	e.Call("stopPropagation")
}

func (d *SetupHostNetworksDialog) openMenu(ctx app.Context, key string) {
	d.current, d.menuFor = key, key
	focusElement(ctx, "sn-menu-item-0")
}

func (d *SetupHostNetworksDialog) closeMenu(ctx app.Context) {
	key := d.menuFor
	d.menuFor = ""
	focusElement(ctx, chipID(key))
}

// menuOps are the operations of a chip's menu.
func (d *SetupHostNetworksDialog) menuOps(key string) []operation {
	if strings.HasPrefix(key, "nic:") {
		return d.st.interfaceOps(key[4:])
	}
	net := key[4:]
	ops := d.st.networkOps(net)
	if d.st.atts[net] != nil {
		ops = append(ops, operation{Kind: opEdit, Label: "Edit Network " + net, Full: "Edit Network " + net, Net: net})
	}
	return ops
}

// opEdit opens Edit Network (menu only).
const opEdit opKind = 100

// run performs an operation and tells the result on the status line.
func (d *SetupHostNetworksDialog) run(ctx app.Context, op operation) {
	if op.Refuse != "" {
		d.status, d.variant = op.Refuse, "danger"
		return
	}
	var err error
	switch op.Kind {
	case opAttach:
		err = d.st.attach(op.Net, op.NIC)
		d.current = "net:" + op.Net
	case opDetach:
		err = d.st.detach(op.Net)
		d.current = "net:" + op.Net
	case opBreakBond:
		err = d.st.breakBond(op.NIC)
		if ifs := d.st.interfaces(); len(ifs) > 0 {
			d.current = "nic:" + ifs[0]
		}
	case opBond:
		b := &bondDraft{a: op.NIC, b: op.Other, mode: "4"}
		b.name = Field{ID: "bond-name", Label: "Bond Name", Required: true, Check: func(s string) error {
			if err := d.st.checkBondName(strings.TrimSpace(s)); err != nil {
				return errString(err.Error())
			}
			return nil
		}, Help: "Bond names longer than 10 characters can cause issues when a VLAN network is attached."}
		b.name.SetValue(d.st.suggestBondName())
		d.bonding = b
		focusElement(ctx, "bond-name")
		return
	case opEdit:
		d.editing = op.Net
		return
	}
	if err != nil {
		d.status, d.variant = err.Error(), "danger"
		return
	}
	d.status, d.variant = op.Full+" — done. "+msgDragToChange+".", "info"
	focusElement(ctx, chipID(d.current))
}

func (d *SetupHostNetworksDialog) ok(ctx app.Context) {
	if d.st == nil || d.applying || d.editing != "" || d.bonding != nil {
		return
	}
	if why := d.st.okBlocked(); why != "" {
		d.applyErr = why
		return
	}
	if !d.timeout.Validate() && d.verify {
		return
	}
	t, _ := strconv.Atoi(d.timeout.Trimmed())
	if t == 0 {
		t = 120
	}
	req := d.st.request(applyOptions{Verify: d.verify, Timeout: t, Commit: d.commit})
	if !d.st.changed() {
		d.close(ctx, false)
		return
	}
	d.applying, d.applyErr, d.applyMsg = true, "", nil
	id := d.HostID
	ctx.Async(func() {
		res, err := backend.SetupNetworks(context.Background(), id, req)
		d.life.dispatch(ctx, func(ctx app.Context) {
			d.applying = false
			if err != nil {
				d.applyErr = applyErrorText(asAPIError(err), req)
				return
			}
			msg := "The host's networks were set up."
			if res.Job != nil && res.Job.Status != "" && res.Job.Status != "finished" {
				msg = "Setting up the host's networks: " + res.Job.Status + "."
			}
			notify(ctx, toast{Variant: "success", Title: msg})
			d.close(ctx, true)
		})
	})
}

// applyErrorText is the engine's message with the field messages, each
// named by its network.
func applyErrorText(ae *APIError, req SetupNetworksRequest) string {
	parts := []string{ae.Message}
	for path, fe := range ae.Fields {
		label := path
		if strings.HasPrefix(path, "attachments.") {
			rest := path[len("attachments."):]
			if i := strings.Index(rest, "."); i > 0 {
				if n, err := strconv.Atoi(rest[:i]); err == nil && n < len(req.Attachments) {
					label = req.Attachments[n].Network + " " + strings.ReplaceAll(rest[i+1:], ".", " ")
				}
			}
		}
		if !strings.Contains(strings.Join(parts, " "), fe.Message) {
			parts = append(parts, label+": "+fe.Message)
		}
	}
	return strings.Join(parts, " ")
}

func (d *SetupHostNetworksDialog) close(ctx app.Context, applied bool) {
	if d.OnClose != nil {
		d.OnClose(ctx, applied)
	}
}

func (d *SetupHostNetworksDialog) cancel(ctx app.Context) {
	if d.menuFor != "" {
		d.closeMenu(ctx)
		return
	}
	if d.applying {
		return
	}
	d.close(ctx, false)
}

// Drag and drop.

func (d *SetupHostNetworksDialog) onDragStart(key string) {
	d.dragging = key
	d.menuFor = ""
}

func (d *SetupHostNetworksDialog) dropOp(target string) operation {
	key := d.dragging
	return d.st.dropOp(key[4:], strings.HasPrefix(key, "nic:"), target)
}

func (d *SetupHostNetworksDialog) onDragOver(target string) {
	if d.dragging == "" || d.st == nil {
		return
	}
	tag := target
	if tag == "" {
		tag = "-"
	}
	if d.dragOver == tag {
		return
	}
	d.dragOver = tag
	d.status, d.variant = d.st.statusOf(d.dropOp(target))
}

func (d *SetupHostNetworksDialog) onDrop(ctx app.Context, target string) {
	if d.dragging == "" || d.st == nil {
		return
	}
	op := d.dropOp(target)
	d.dragging, d.dragOver = "", ""
	d.run(ctx, op)
}

func (d *SetupHostNetworksDialog) onDragEnd() {
	if d.dragging != "" {
		d.dragging, d.dragOver = "", ""
		d.status, d.variant = msgDragToChange, "info"
	}
}

// Render draws the dialog.
func (d *SetupHostNetworksDialog) Render() app.UI {
	name := ""
	if d.st != nil {
		name = d.st.Host
	}
	title := "Setup Host " + name + " Networks"
	var body []app.UI
	switch {
	case d.loadErr != "":
		body = []app.UI{alert("danger", d.loadErr)}
	case d.st == nil:
		body = []app.UI{spinner("Loading the host's networks")}
	default:
		body = d.renderBody()
	}
	blocked := ""
	if d.st != nil {
		blocked = d.st.okBlocked()
	}
	okBtn := button("primary", "OK").ID("sn-ok").OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) })
	if blocked != "" || d.applying || d.st == nil {
		okBtn = okBtn.Class("pf-m-aria-disabled").Aria("disabled", "true")
		if blocked != "" {
			okBtn = okBtn.Aria("describedby", "sn-ok-why").Title(blocked)
		}
	}
	footer := []app.UI{
		app.If(blocked != "", func() app.UI {
			return app.Span().Class("v6-muted", "v6-ok-why").ID("sn-ok-why").Text(blocked)
		}),
		okBtn,
		button("link", "Cancel").ID("sn-cancel").Disabled(d.applying).OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
	}
	return app.Div().Class("v6-setup-networks").Body(
		modal{ID: setupDialogID, Title: title, Size: "lg", Body: body, Footer: footer, OnOK: d.ok, OnCancel: d.cancel}.Render(),
		app.If(d.editing != "" && d.st != nil && d.st.atts[d.editing] != nil, func() app.UI { return d.renderEdit() }),
		app.If(d.bonding != nil, func() app.UI { return d.renderBond() }),
	)
}

func (d *SetupHostNetworksDialog) renderEdit() app.UI {
	a := d.st.atts[d.editing]
	dr := ""
	for _, n := range d.st.networks {
		if d.st.hasRole(n.Name, "default_route") {
			dr = n.Name
		}
	}
	return &EditNetworkDialog{
		Attachment:      *a.clone(),
		Management:      d.st.hasRole(a.Network, "management"),
		DefaultRoute:    d.st.hasRole(a.Network, "default_route"),
		DefaultRouteNet: dr,
		OnOK: func(ctx app.Context, na *netAttachment) {
			d.st.setAttachment(na)
			d.editing = ""
			d.status, d.variant = "Network "+na.Network+" edited. "+msgDragToChange+".", "info"
		},
		OnCancel: func(ctx app.Context) { d.editing = "" },
	}
}

func (d *SetupHostNetworksDialog) renderBond() app.UI {
	b := d.bonding
	okFn := func(ctx app.Context) {
		if !b.name.Validate() {
			return
		}
		if err := d.st.createBond(b.name.Trimmed(), b.mode, b.a, b.b); err != nil {
			b.err = err.Error()
			return
		}
		d.bonding = nil
		d.current = "nic:" + b.name.Trimmed()
		d.status, d.variant = "Bond "+b.a+" with "+b.b+" — done. "+msgDragToChange+".", "info"
		focusElement(ctx, chipID(d.current))
	}
	cancel := func(ctx app.Context) { d.bonding = nil; focusElement(ctx, chipID(d.current)) }
	return modal{ID: "bond-dialog", Title: "Create New Bond", Size: "sm",
		Description: "Bond " + b.a + " with " + b.b,
		Body: []app.UI{app.Div().Class("pf-v6-c-form").Body(
			b.name.Render(),
			formGroup("bond-mode", "Bonding Mode", false, selectControl("bond-mode", b.mode, bondModes, false, false,
				func(ctx app.Context, v string) { b.mode = v }), helperBlock("bond-mode", "", "")),
			app.If(b.err != "", func() app.UI { return alert("danger", b.err) }),
		)},
		Footer: []app.UI{
			button("primary", "OK").ID("bond-ok").OnClick(func(ctx app.Context, e app.Event) { okFn(ctx) }),
			button("link", "Cancel").ID("bond-cancel").OnClick(func(ctx app.Context, e app.Event) { cancel(ctx) }),
		},
		OnOK: okFn, OnCancel: cancel,
	}.Render()
}

func (d *SetupHostNetworksDialog) renderBody() []app.UI {
	st := d.st
	statusClass := map[string]string{"info": "pf-m-info", "warning": "pf-m-warning", "danger": "pf-m-danger"}[d.variant]
	status := app.Div().ID("sn-status").Role("status").Aria("live", "polite").Class("pf-v6-c-alert", "pf-m-plain", "pf-m-inline", statusClass, "v6-sn-status").
		Body(app.P().Class("pf-v6-c-alert__title").Text(d.status))
	var rows []app.UI
	for _, nic := range st.interfaces() {
		rows = append(rows, d.renderInterface(nic))
	}
	var free []app.UI
	for _, n := range st.unassigned() {
		free = append(free, d.renderNetChip(n, nil))
	}
	if len(free) == 0 {
		free = []app.UI{app.P().Class("v6-muted").Text("Every network is attached.")}
	}
	unassigned := app.Section().ID("sn-unassigned").Class("v6-sn-col", "v6-sn-drop").Aria("labelledby", "sn-unassigned-title").
		OnDragOver(func(ctx app.Context, e app.Event) { d.onDragOver("") }).
		OnDrop(func(ctx app.Context, e app.Event) { d.onDrop(ctx, "") })
	if d.dragOver == "-" {
		unassigned = unassigned.Class("v6-sn-over")
	}
	verify := app.Div().Class("v6-sn-options").Body(
		checkbox("sn-verify", "Verify connectivity between Host and Engine", d.verify, d.applying, func(ctx app.Context, c bool) { d.verify = c }),
		app.P().Class("v6-muted").Text(msgVerifyInfo),
		app.If(d.verify, func() app.UI { return d.timeout.Render() }),
		checkbox("sn-commit", "Save network configuration", d.commit, d.applying, func(ctx app.Context, c bool) { d.commit = c }),
		app.P().Class("v6-muted").Text(msgSaveInfo),
	)
	var progress app.UI
	switch {
	case d.applying:
		t := d.timeout.Trimmed()
		items := []app.UI{spinner("Applying")}
		if d.verify {
			items = append(items, app.Span().Text(" Applying the changes; the engine rolls them back if it cannot reach the host within "+t+" s."))
		} else {
			items = append(items, app.Span().Text(" Applying the changes."))
		}
		for _, m := range d.applyMsg {
			items = append(items, app.Div().Class("v6-muted").Text(m))
		}
		progress = app.Div().ID("sn-progress").Role("status").Class("v6-sn-progress").Body(items...)
	case d.applyErr != "":
		progress = app.Div().Role("alert").Body(alert("danger", "The changes were not applied", app.P().ID("sn-error").Text(d.applyErr)))
	}
	return []app.UI{
		status,
		app.Div().Class("v6-sn-grid").Body(
			app.Section().Class("v6-sn-col").Aria("labelledby", "sn-interfaces-title").Body(
				app.H2().Class("pf-v6-c-title", "pf-m-md").ID("sn-interfaces-title").Text("Interfaces / Assigned Logical Networks"),
				app.Div().ID("sn-interfaces").Body(rows...),
			),
			unassigned.Body(
				app.H2().Class("pf-v6-c-title", "pf-m-md").ID("sn-unassigned-title").Text("Unassigned Logical Networks"),
				app.Div().Class("v6-sn-chips").Body(free...),
			),
		),
		app.P().Class("v6-muted", "v6-sn-help").ID("sn-help").Text("Drag a network onto an interface, or focus a chip (Tab, then the arrow keys) and press Enter or Space for its actions."),
		verify,
		progress,
	}
}

func (d *SetupHostNetworksDialog) renderInterface(nic string) app.UI {
	st := d.st
	row := app.Div().Class("v6-sn-iface", "v6-sn-drop").DataSet("nic", nic).
		OnDragOver(func(ctx app.Context, e app.Event) { d.onDragOver(nic) }, app.EventScope(nic)).
		OnDrop(func(ctx app.Context, e app.Event) { d.onDrop(ctx, nic) }, app.EventScope(nic))
	if d.dragOver == nic {
		row = row.Class("v6-sn-over")
	}
	nicSide := []app.UI{d.renderNICChip(nic)}
	if b := st.bond(nic); b != nil {
		for _, s := range b.Slaves {
			nicSide = append(nicSide, app.Div().Class("v6-sn-slave").Body(d.renderNICChip(s)))
		}
	}
	var nets []app.UI
	for _, a := range st.networksOn(nic) {
		nets = append(nets, d.renderNetChip(a.Network, a))
	}
	if len(nets) == 0 {
		nets = []app.UI{app.Span().Class("v6-muted", "v6-sn-empty").Text("no network")}
	}
	return row.Body(
		app.Div().Class("v6-sn-nicside").Body(nicSide...),
		app.Div().Class("v6-sn-nets").Body(nets...),
	)
}

// chipButton is the focusable part of a chip.
func (d *SetupHostNetworksDialog) chipButton(key, describedBy string, body ...app.UI) app.HTMLDiv {
	ti := -1
	if key == d.current {
		ti = 0
	}
	return app.Div().ID(chipID(key)).Class("v6-sn-chip__main").Role("button").TabIndex(ti).
		Aria("haspopup", "menu").Aria("expanded", strconv.FormatBool(d.menuFor == key)).
		Aria("describedby", describedBy).
		Draggable(true).
		OnDragStart(func(ctx app.Context, e app.Event) { d.onDragStart(key) }, app.EventScope(key)).
		OnDragEnd(func(ctx app.Context, e app.Event) { d.onDragEnd() }, app.EventScope(key)).
		OnKeyDown(func(ctx app.Context, e app.Event) { d.onChipKey(ctx, e, key) }, app.EventScope(key)).
		OnClick(func(ctx app.Context, e app.Event) {
			d.current = key
			if d.menuFor == key {
				d.menuFor = ""
			} else {
				d.openMenu(ctx, key)
			}
		}, app.EventScope(key)).
		OnContextMenu(func(ctx app.Context, e app.Event) { d.openMenu(ctx, key) }, app.EventScope(key)).
		Body(body...)
}

func (d *SetupHostNetworksDialog) renderNICChip(nic string) app.UI {
	key := "nic:" + nic
	kind := "NIC"
	ic := "ethernet"
	extra := ""
	if b := d.st.bond(nic); b != nil {
		kind, ic = "Bond", "link"
		extra = "mode " + b.Mode + ", slaves " + strings.Join(b.Slaves, ", ")
	} else if n := d.st.nic(nic); n != nil && n.Status != "" {
		extra = "link " + n.Status
	}
	details := chipID(key) + "-details"
	return app.Div().Class("v6-sn-chip", "v6-sn-chip--nic").Body(
		d.chipButton(key, details, icon(ic), app.Span().Class("pf-v6-screen-reader").Text(kind+" "), app.Span().Class("v6-sn-chip__name").Text(nic)),
		app.Div().Class("v6-sn-details").ID(details).Role("tooltip").Text(kind+" "+nic+orText(prefixed(", ", extra), "")),
		d.renderMenu(key),
	)
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// roleIcons are the role badges of a network.
func (d *SetupHostNetworksDialog) roleNames(net string) []string {
	var out []string
	for _, r := range []struct{ role, label string }{
		{"management", "Management"}, {"default_route", "Default Route"}, {"vm", "VM"}, {"display", "Display"}, {"migration", "Migration"}, {"gluster", "Gluster"},
	} {
		if d.st.hasRole(net, r.role) {
			out = append(out, r.label)
		}
	}
	return out
}

var roleIcon = map[string]string{"Management": "star", "Default Route": "route", "VM": "desktop", "Display": "tv", "Migration": "exchange-alt", "Gluster": "database"}

func (d *SetupHostNetworksDialog) renderNetChip(net string, a *netAttachment) app.UI {
	key := "net:" + net
	roles := d.roleNames(net)
	vlan := d.st.vlan(net)
	outOfSync := a != nil && !a.InSync && !a.Sync
	details := chipID(key) + "-details"
	var body []app.UI
	for _, r := range roles {
		body = append(body, app.Span().Class("v6-sn-role").Title(r).Body(icon(roleIcon[r]), app.Span().Class("pf-v6-screen-reader").Text(r)))
	}
	body = append(body, app.Span().Class("v6-sn-chip__name").Text(net))
	if vlan != 0 {
		body = append(body, app.Span().Class("v6-sn-vlan").Text("VLAN "+strconv.Itoa(vlan)))
	}
	if outOfSync {
		body = append(body, app.Span().Class("v6-sn-oos").Body(icon("exclamation-triangle"), app.Text(" out of sync")))
	}
	chip := app.Div().Class("v6-sn-chip", "v6-sn-chip--net").DataSet("network", net)
	if outOfSync {
		chip = chip.Class("v6-sn-chip--oos")
	}
	return chip.Body(
		d.chipButton(key, details, body...),
		app.If(a != nil, func() app.UI {
			return iconButton("pencil-alt", "Edit Network "+net).ID(chipID(key)+"-edit").TabIndex(-1).Class("v6-sn-edit").
				OnClick(func(ctx app.Context, e app.Event) { d.current, d.editing = key, net }, app.EventScope(key))
		}),
		d.renderDetails(details, net, roles, a),
		d.renderMenu(key),
	)
}

// renderDetails is the hover/focus card of a network.
func (d *SetupHostNetworksDialog) renderDetails(id, net string, roles []string, a *netAttachment) app.UI {
	where := "unassigned"
	if a != nil {
		where = "on " + a.NIC
	}
	lines := []app.UI{app.Strong().Text(net + ", " + where)}
	if len(roles) > 0 {
		lines = append(lines, app.Div().Text("Usage: "+strings.Join(roles, ", ")))
	}
	if n := d.st.network(net); n != nil && n.MTU != 0 {
		lines = append(lines, app.Div().Text("MTU: "+strconv.Itoa(n.MTU)))
	}
	if a == nil {
		lines = append(lines, app.Div().Text("Not attached."))
	} else {
		if !a.InSync && !a.Sync {
			lines = append(lines, app.Div().Text("Out of sync: the network's configuration on the host differs from its definition."))
		}
		lines = append(lines,
			app.Div().Text("IPv4: "+describeIP(a.IPv4)),
			app.Div().Text("IPv6: "+describeIP(a.IPv6)))
	}
	return app.Div().Class("v6-sn-details").ID(id).Role("tooltip").Body(lines...)
}

func describeIP(c ipEdit) string {
	c = c.normalized()
	s := "Boot Protocol " + bootProtocolLabel(c.Proto)
	if c.Address != "" {
		s += ", Address " + c.Address
	}
	if c.Mask != "" {
		s += ", Prefix/Netmask " + c.Mask
	}
	if c.Gateway != "" {
		s += ", Gateway " + c.Gateway
	}
	return s
}

// renderMenu draws a chip's menu when it is open.
func (d *SetupHostNetworksDialog) renderMenu(key string) app.UI {
	if d.menuFor != key {
		return nil
	}
	ops := d.menuOps(key)
	var items []app.UI
	group := ""
	if len(ops) == 0 {
		items = append(items, app.Li().Role("none").Class("pf-v6-c-menu__list-item").Body(app.Span().Class("v6-muted").Text(msgNoValidAction)))
	}
	n := len(ops)
	for i, op := range ops {
		i, op := i, op
		if op.Group != group && op.Group != "" {
			items = append(items, app.Li().Role("presentation").Class("v6-sn-menu-group").Text(op.Group+" ›"))
		}
		group = op.Group
		btn := app.Button().Type("button").ID("sn-menu-item-"+strconv.Itoa(i)).Class("pf-v6-c-menu__item").Role("menuitem").TabIndex(-1).
			Aria("label", op.Full).
			OnClick(func(ctx app.Context, e app.Event) {
				d.menuFor = ""
				d.run(ctx, op)
			}, app.EventScope(key, i)).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				switch e.Get("key").String() {
				case "ArrowDown":
					focusElement(ctx, "sn-menu-item-"+strconv.Itoa((i+1)%n))
				case "ArrowUp":
					focusElement(ctx, "sn-menu-item-"+strconv.Itoa((i-1+n)%n))
				case "Home":
					focusElement(ctx, "sn-menu-item-0")
				case "End":
					focusElement(ctx, "sn-menu-item-"+strconv.Itoa(n-1))
				case "Escape", "Esc", "Tab":
					d.closeMenu(ctx)
				default:
					return
				}
				e.PreventDefault()
				e.Call("stopPropagation")
			}, app.EventScope(key, i)).
			Body(app.Span().Class("pf-v6-c-menu__item-main").Body(app.Span().Class("pf-v6-c-menu__item-text").Text(op.Label)),
				app.If(op.Refuse != "", func() app.UI {
					return app.Span().Class("pf-v6-c-menu__item-description").Text(op.Refuse)
				}))
		if op.Refuse != "" {
			btn = btn.Aria("disabled", "true").Class("pf-m-aria-disabled")
		}
		items = append(items, app.Li().Role("none").Class("pf-v6-c-menu__list-item").Body(btn))
	}
	return app.Div().Class("pf-v6-c-menu", "v6-sn-menu").ID("sn-menu").Body(
		app.Div().Class("pf-v6-c-menu__content").Body(
			app.Ul().Class("pf-v6-c-menu__list").Role("menu").Aria("label", "Actions of "+key[4:]).Body(items...)))
}
