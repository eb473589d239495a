package hostnet

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
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
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	HostID string
	// Focus is the chip that takes the focus first: "net:<network>" or
	// "nic:<name>" (a deep link's, such as a readiness fix); the first
	// interface when empty or not on the board. A network's chip is also
	// highlighted.
	Focus string
	// OnClose is called with applied true after a successful apply.
	OnClose func(ctx app.Context, applied bool)

	focus   form.ModalFocus
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
	timeout form.Field

	applying bool
	applyErr string
	prog     *NetApply // the change being applied (or that failed)

	editing string // network in Edit Network
	bonding *bondDraft

	// focusPending: an arrow key moved the roving stop (current) and the
	// focus has not landed on it yet. Keys pressed meanwhile still target
	// a chip the focus is leaving, and move on from current instead. It
	// clears when the focus lands on the latest stop, so a chip clicked
	// afterwards moves from itself again.
	focusPending bool

	confirmDiscard bool   // "Discard changes?" is open (Esc with pending edits)
	confirmFatal   string // why the change looks fatal ("" none): asked before OK applies
}

// bondDraft is the Create New Bond popup's state.
type bondDraft struct {
	a, b string
	name form.Field
	mode string
	err  string
}

const setupDialogID = "setup-networks-dialog"

// Bonding modes (oVirt's labels).
var bondModes = []form.Option{
	{Value: "1", Label: "(Mode 1) Active-Backup"},
	{Value: "2", Label: "(Mode 2) Load balance (balance-xor)"},
	{Value: "4", Label: "(Mode 4) Dynamic link aggregation (802.3ad)"},
	{Value: "0", Label: "(Mode 0) Round-robin"},
	{Value: "3", Label: "(Mode 3) Broadcast"},
	{Value: "5", Label: "(Mode 5) Adaptive transmit load balancing (balance-tlb)"},
	{Value: "6", Label: "(Mode 6) Adaptive load balancing (balance-alb)"},
}

// OnInit sets the defaults.
func (d *SetupHostNetworksDialog) OnInit() {
	d.verify, d.commit = true, true
	d.status, d.variant = msgDragToChange, "info"
	d.timeout = form.Field{ID: "sn-timeout", Label: "Connectivity check timeout (seconds)", Type: "number", Required: true, Check: validation.ConnectivityTimeoutRange.CheckText,
		Help: "Changes are rolled back if the host cannot reach the engine within this time."}
	d.timeout.SetValue("120")
}

// Fields returns the dialog's validated fields (for CheckField).
func (d *SetupHostNetworksDialog) Fields() []*form.Field { return []*form.Field{&d.timeout} }

// maxConnectivityTimeout bounds the connectivity check's timeout (seconds):
// the engine holds the request that long when the check fails.
var maxConnectivityTimeout = validation.ConnectivityTimeoutRange.Max

// BondNameField is the Bond Name field of a new bond on the host st.
func BondNameField(st *hostNetState) form.Field {
	return form.Field{ID: "bond-name", Label: "Bond Name", Required: true, Check: func(s string) error {
		return st.checkBondName(strings.TrimSpace(s))
	}, Help: "Bond names longer than 10 characters can cause issues when a VLAN network is attached."}
}

// OnMount loads the host's networks and listens for drags.
func (d *SetupHostNetworksDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, setupDialogID, "")
	d.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok && d.prog != nil {
			d.prog.Observe(ev)
		}
	})
	ctx.Defer(d.listen)
}

// listen installs the board's raw listeners, once. go-app handlers run
// after the browser has acted on the event, too late to allow a drop, and
// each one re-renders the dialog; with hundreds of chips these events are
// handled here instead: dragover/dragenter are allowed at once and only a
// change of the hovered target is dispatched; dragstart gives the drag its
// data; contextmenu on a chip is kept for the chip's menu.
func (d *SetupHostNetworksDialog) listen(ctx app.Context) {
	if d.listener != nil {
		return
	}
	root := app.Window().Get("document").Call("getElementById", setupDialogID)
	if !root.Truthy() {
		return
	}
	lastOver := "\x00"
	var over app.Value // the highlighted drop target
	highlight := func(el app.Value) {
		if over != nil && over.Truthy() {
			over.Get("classList").Call("remove", "v6-sn-over")
		}
		over = el
		if over != nil && over.Truthy() {
			over.Get("classList").Call("add", "v6-sn-over")
		}
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
			lastOver = "\x00"
		case "dragover", "dragenter":
			e.Call("preventDefault")
			if target, ok := dropTarget(e.Get("target")); ok && target != lastOver {
				lastOver = target
				highlight(e.Get("target").Call("closest", "[data-nic], [data-drop-free]"))
				ctx.Dispatch(func(ctx app.Context) { d.onDragOver(target) })
			}
		case "dragend":
			highlight(nil)
			lastOver = "\x00"
		default: // drop, contextmenu
			e.Call("preventDefault")
			highlight(nil)
		}
		return nil
	})
	for _, ev := range []string{"dragstart", "dragover", "dragenter", "drop", "dragend", "contextmenu"} {
		root.Call("addEventListener", ev, d.listener)
	}
}

// closestData returns the data-<name> of the nearest element at or above
// el that has one ("", false if none).
func closestData(el app.Value, name string) (string, bool) {
	if !el.Truthy() || el.Get("closest").Type() != app.TypeFunction {
		return "", false
	}
	c := el.Call("closest", "[data-"+name+"]")
	if !c.Truthy() {
		return "", false
	}
	return c.Call("getAttribute", "data-"+name).String(), true
}

// dropTarget is the interface under el ("" for the unassigned area).
func dropTarget(el app.Value) (string, bool) {
	if nic, ok := closestData(el, "nic"); ok {
		return nic, true
	}
	if _, ok := closestData(el, "drop-free"); ok {
		return "", true
	}
	return "", false
}

// OnDismount gives the focus back.
func (d *SetupHostNetworksDialog) OnDismount() {
	d.focus.Restore()
	if d.listener != nil {
		d.listener.Release()
	}
}

func (d *SetupHostNetworksDialog) load(ctx app.Context) {
	id := d.HostID
	d.loading = true
	ctx.Async(func() {
		n, err := d.API.HostNetworkConfig(context.Background(), id)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.loading = false
			if err != nil {
				d.loadErr = client.AsAPIError(err).Message
				return
			}
			d.st = NewHostNetState(n)
			if ifs := d.st.interfaces(); len(ifs) > 0 {
				d.current = "nic:" + ifs[0]
				if d.Focus != "" && slices.Contains(d.chipKeys(), d.Focus) {
					d.current = d.Focus
				}
				// The board is the dialog's first meaningful control
				// (the focus went to the footer while it loaded).
				d.life.Focus(ctx, chipID(d.current))
			}
			ctx.Defer(d.listen)
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
	d.focusPending = true
	target := d.current
	d.life.Context(ctx).Defer(func(app.Context) {
		form.FocusNow(chipID(target))
		if d.current == target {
			d.focusPending = false
		}
	})
}

// arrowBase is the chip an arrow key pressed on chip key moves from: the
// roving stop while the focus has not yet reached it (keys pressed faster
// than the focus moves), else key.
func (d *SetupHostNetworksDialog) arrowBase(key string) string {
	if d.focusPending && d.current != "" {
		return d.current
	}
	return key
}

func (d *SetupHostNetworksDialog) onChipKey(ctx app.Context, e app.Event, key string) {
	k := e.Get("key").String()
	switch k {
	case "ArrowDown", "ArrowRight":
		d.current = d.arrowBase(key)
		d.moveFocus(ctx, 1)
	case "ArrowUp", "ArrowLeft":
		d.current = d.arrowBase(key)
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
	d.life.Focus(ctx, "sn-menu-item-0")
}

func (d *SetupHostNetworksDialog) closeMenu(ctx app.Context) {
	key := d.menuFor
	d.menuFor = ""
	d.life.Focus(ctx, chipID(key))
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
		var nets []string
		if nets, err = d.st.breakBond(op.NIC); err == nil {
			if ifs := d.st.interfaces(); len(ifs) > 0 {
				d.current = "nic:" + ifs[0]
				if d.Focus != "" && slices.Contains(d.chipKeys(), d.Focus) {
					d.current = d.Focus
				}
			}
			msg := op.Full + " — done."
			if len(nets) > 0 {
				msg += " Its networks were detached and are now under Unassigned Logical Networks: " + strings.Join(nets, ", ") + "."
			}
			d.status, d.variant = msg+" "+msgDragToChange+".", "warning"
			d.life.Focus(ctx, chipID(d.current))
			return
		}
	case opBond:
		b := &bondDraft{a: op.NIC, b: op.Other, mode: "4"}
		b.name = BondNameField(d.st)
		b.name.SetValue(d.st.suggestBondName())
		d.bonding = b
		d.life.Focus(ctx, "bond-name")
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
	d.life.Focus(ctx, chipID(d.current))
}

func (d *SetupHostNetworksDialog) ok(ctx app.Context) { d.apply(ctx, false) }

// apply sends the change; an obviously fatal management change is asked
// about first (confirmed: the admin answered "Apply anyway").
func (d *SetupHostNetworksDialog) apply(ctx app.Context, confirmed bool) {
	if d.st == nil || d.applying || d.editing != "" || d.bonding != nil || d.confirmDiscard || (d.confirmFatal != "" && !confirmed) {
		return
	}
	if why := d.st.okBlocked(); why != "" {
		d.applyErr = why
		return
	}
	if !d.timeout.Validate() && d.verify {
		return
	}
	if why := d.st.fatalManagement(); why != "" && !confirmed {
		d.confirmFatal = why
		return
	}
	d.confirmFatal = ""
	t, _ := strconv.Atoi(d.timeout.Trimmed())
	if t == 0 {
		t = 120
	}
	req := d.st.request(applyOptions{Verify: d.verify, Timeout: t, Commit: d.commit})
	if !d.st.changed() {
		d.close(ctx, false)
		return
	}
	d.applying, d.applyErr = true, ""
	d.prog = NewNetApply(d.st.Host, d.verify, t)
	d.prog.Tick(d.life.Context(ctx), func() bool { return d.applying })
	form.RevealElement(d.life.Context(ctx), "sn-progress")
	rctx, cancel := d.prog.Context()
	id := d.HostID
	ctx.Async(func() {
		defer cancel()
		res, err := d.API.SetupNetworks(rctx, id, req)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.applying = false
			if err != nil {
				d.applyErr = applyErrorText(client.AsAPIError(err), req)
				form.RevealElement(ctx, "sn-error")
				return
			}
			msg := "The host's networks were set up."
			if res.Job != nil && res.Job.Status != "" && res.Job.Status != "finished" {
				msg = "Setting up the host's networks: " + res.Job.Status + "."
			}
			form.Notify(ctx, form.Toast{Variant: "success", Title: msg, Key: d.prog.ID})
			d.close(ctx, true)
		})
	})
}

// applyErrorText is the engine's message with the field messages, each
// named by its network.
func applyErrorText(ae *client.APIError, req wire.SetupNetworksRequest) string {
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

// escape is Esc and the close button: with pending edits it asks first
// (the Cancel button is the explicit way to drop them).
func (d *SetupHostNetworksDialog) escape(ctx app.Context) {
	if d.menuFor == "" && !d.applying && d.st != nil && d.st.changed() {
		d.confirmDiscard = true
		return
	}
	d.cancel(ctx)
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
		body = []app.UI{form.Alert("danger", d.loadErr)}
	case d.st == nil:
		body = []app.UI{form.Spinner("Loading the host's networks")}
	default:
		body = d.renderBody()
	}
	d.timeout.Disabled = d.applying
	blocked := ""
	if d.st != nil {
		blocked = d.st.okBlocked()
	}
	okBtn := form.Button("primary", "OK").ID("sn-ok").OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) })
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
		form.Button("link", "Cancel").ID("sn-cancel").Disabled(d.applying).OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
	}
	return app.Div().Class("v6-setup-networks").Body(
		form.Modal{ID: setupDialogID, Title: title, Size: "lg", Body: body, Footer: footer, OnOK: d.ok, OnCancel: d.escape}.Render(),
		app.If(d.editing != "" && d.st != nil && d.st.atts[d.editing] != nil, func() app.UI { return d.renderEdit() }),
		app.If(d.bonding != nil, func() app.UI { return d.renderBond() }),
		app.If(d.confirmDiscard, func() app.UI {
			return &form.ConfirmDialog{ID: "sn-discard", Title: "Discard changes?",
				Message: "The changes made in Setup Host " + name + " Networks have not been applied. Discard them and close the dialog?",
				OKLabel: "Discard", CancelLabel: "Keep editing", CancelDefault: true, Danger: true,
				OnOK:     func(ctx app.Context) { d.confirmDiscard = false; d.close(ctx, false) },
				OnCancel: func(ctx app.Context) { d.confirmDiscard = false; d.life.Focus(ctx, chipID(d.current)) },
			}
		}),
		app.If(d.confirmFatal != "", func() app.UI {
			msg := d.confirmFatal
			if d.verify {
				msg += " With the connectivity check, the engine waits " + d.timeout.Trimmed() + " s for the host, then the host rolls the change back."
			} else {
				msg += " The connectivity check is off: the host would not roll the change back and may stay unreachable."
			}
			return &form.ConfirmDialog{ID: "sn-fatal", Title: "The host may lose its connection to the engine",
				Message: msg + " Apply the change anyway?",
				OKLabel: "Apply anyway", CancelLabel: "Back to editing", CancelDefault: true, Danger: true,
				OnOK:     func(ctx app.Context) { d.apply(ctx, true) },
				OnCancel: func(ctx app.Context) { d.confirmFatal = ""; d.life.Focus(ctx, "sn-ok") },
			}
		}),
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
			d.current = "net:" + na.Network
			d.life.Focus(ctx, chipID(d.current)) // its row was redrawn
		},
		OnCancel: func(ctx app.Context) {
			d.editing = ""
			d.life.Focus(ctx, chipID(d.current))
		},
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
		d.life.Focus(ctx, chipID(d.current))
	}
	cancel := func(ctx app.Context) { d.bonding = nil; d.life.Focus(ctx, chipID(d.current)) }
	return form.Modal{ID: "bond-dialog", Title: "Create New Bond", Size: "sm",
		Description: "Bond " + b.a + " with " + b.b,
		Body: []app.UI{app.Div().Class("pf-v6-c-form").Body(
			b.name.Render(),
			form.FormGroup("bond-mode", "Bonding Mode", false, form.SelectControl("bond-mode", b.mode, bondModes, false, false,
				func(ctx app.Context, v string) { b.mode = v }), form.HelperBlock("bond-mode", "", "")),
			app.If(b.err != "", func() app.UI { return form.Alert("danger", b.err) }),
		)},
		Footer: []app.UI{
			form.Button("primary", "OK").ID("bond-ok").OnClick(func(ctx app.Context, e app.Event) { okFn(ctx) }),
			form.Button("link", "Cancel").ID("bond-cancel").OnClick(func(ctx app.Context, e app.Event) { cancel(ctx) }),
		},
		OnOK: okFn, OnCancel: cancel,
	}.Render()
}

func (d *SetupHostNetworksDialog) renderBody() []app.UI {
	st := d.st
	statusClass := map[string]string{"info": "pf-m-info", "warning": "pf-m-warning", "danger": "pf-m-danger"}[d.variant]
	status := app.Div().ID("sn-status").Role("status").Aria("live", "polite").Class("pf-v6-c-alert", "pf-m-plain", "pf-m-inline", statusClass, "v6-sn-status").
		Body(app.P().Class("pf-v6-c-alert__title").Text(d.status))
	v := boardView{current: d.current, menuFor: d.menuFor, linked: d.Focus}
	if d.menuFor != "" {
		v.ops = d.menuOps(d.menuFor)
	}
	ifs := st.interfaces()
	rows := make([]app.UI, len(ifs))
	for i, nic := range ifs {
		rows[i] = app.Raw(interfaceHTML(st, &v, nic))
	}
	unassigned := app.Section().ID("sn-unassigned").Class("v6-sn-col", "v6-sn-drop").DataSet("drop-free", "unassigned").Aria("labelledby", "sn-unassigned-title")
	verify := app.Div().Class("v6-sn-options").Body(
		form.Checkbox("sn-verify", "Verify connectivity between Host and Engine", d.verify, d.applying, func(ctx app.Context, c bool) { d.verify = c }),
		app.P().Class("v6-muted").Text(msgVerifyInfo),
		app.If(d.verify, func() app.UI { return d.timeout.Render() }),
		form.Checkbox("sn-commit", "Save network configuration", d.commit, d.applying, func(ctx app.Context, c bool) { d.commit = c }),
		app.P().Class("v6-muted").Text(msgSaveInfo),
	)
	var progress []app.UI
	if d.prog != nil && (d.applying || len(d.prog.Events) > 0) {
		progress = append(progress, d.prog.Render("sn-progress"))
	}
	if d.applyErr != "" && !d.applying {
		progress = append(progress, app.Div().Role("alert").Body(form.Alert("danger", "The changes were not applied", app.P().ID("sn-error").Text(d.applyErr))))
	}
	return []app.UI{
		status,
		app.Div().ID("sn-board").Class("v6-sn-grid").
			OnClick(d.onBoardClick).OnKeyDown(d.onBoardKey).OnContextMenu(d.onBoardContextMenu).
			OnDragStart(d.onBoardDragStart).OnDragEnd(func(ctx app.Context, e app.Event) { d.onDragEnd() }).
			OnDrop(d.onBoardDrop).Body(
			app.Section().Class("v6-sn-col").Aria("labelledby", "sn-interfaces-title").Body(
				app.H2().Class("pf-v6-c-title", "pf-m-md").ID("sn-interfaces-title").Text("Interfaces / Assigned Logical Networks"),
				app.Div().ID("sn-interfaces").Body(rows...),
			),
			unassigned.Body(
				app.H2().Class("pf-v6-c-title", "pf-m-md").ID("sn-unassigned-title").Text("Unassigned Logical Networks"),
				app.Raw(unassignedHTML(st, &v)),
			),
		),
		app.P().Class("v6-muted", "v6-sn-help").ID("sn-help").Text("Drag a network onto an interface, or focus a chip (Tab, then the arrow keys) and press Enter or Space for its actions."),
		verify,
		app.Div().Class("v6-sn-progress").Body(progress...),
	}
}

// The board's delegated handlers.

func (d *SetupHostNetworksDialog) onBoardClick(ctx app.Context, e app.Event) {
	t := e.Get("target")
	if i, ok := menuItem(t); ok {
		if ops := d.menuOps(d.menuFor); d.menuFor != "" && i < len(ops) {
			d.menuFor = ""
			d.run(ctx, ops[i])
		}
		return
	}
	if net, ok := closestData(t, "edit"); ok {
		d.current, d.editing = "net:"+net, net
		return
	}
	key, ok := closestData(t, "key")
	if !ok {
		return
	}
	d.current = key
	if d.menuFor == key {
		d.menuFor = ""
	} else {
		d.openMenu(ctx, key)
	}
}

func (d *SetupHostNetworksDialog) onBoardKey(ctx app.Context, e app.Event) {
	t := e.Get("target")
	if i, ok := menuItem(t); ok {
		d.onMenuKey(ctx, e, i)
		return
	}
	if key, ok := closestData(t, "key"); ok {
		d.onChipKey(ctx, e, key)
	}
}

// menuItem is the index of the menu item at or above el.
func menuItem(el app.Value) (int, bool) {
	s, ok := closestData(el, "op")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil && i >= 0
}

// onMenuKey moves in an open menu (arrows, Home, End) and closes it (Esc,
// Tab); Enter and Space press the item (its click).
func (d *SetupHostNetworksDialog) onMenuKey(ctx app.Context, e app.Event, i int) {
	n := len(d.menuOps(d.menuFor))
	if d.menuFor == "" || n == 0 {
		return
	}
	switch e.Get("key").String() {
	case "ArrowDown":
		d.life.Focus(ctx, "sn-menu-item-"+strconv.Itoa((i+1)%n))
	case "ArrowUp":
		d.life.Focus(ctx, "sn-menu-item-"+strconv.Itoa((i-1+n)%n))
	case "Home":
		d.life.Focus(ctx, "sn-menu-item-0")
	case "End":
		d.life.Focus(ctx, "sn-menu-item-"+strconv.Itoa(n-1))
	case "Escape", "Esc", "Tab":
		d.closeMenu(ctx)
	default:
		return
	}
	e.PreventDefault()
	e.Call("stopPropagation")
}

func (d *SetupHostNetworksDialog) onBoardContextMenu(ctx app.Context, e app.Event) {
	if key, ok := closestData(e.Get("target"), "key"); ok {
		d.openMenu(ctx, key)
	}
}

func (d *SetupHostNetworksDialog) onBoardDragStart(ctx app.Context, e app.Event) {
	if key, ok := closestData(e.Get("target"), "key"); ok {
		d.onDragStart(key)
	}
}

func (d *SetupHostNetworksDialog) onBoardDrop(ctx app.Context, e app.Event) {
	if target, ok := dropTarget(e.Get("target")); ok {
		d.onDrop(ctx, target)
	}
}
