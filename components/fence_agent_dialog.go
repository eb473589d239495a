package components

import (
	"context"
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// FenceAgentDialog is oVirt's Add/Edit Fence Agent dialog: Address (IPv6
// welcome, checked as a host address), User Name, Password (at most 50),
// Type, then Port, Slot, Secure and Encrypt options only for the types
// that have them, Options as key=value pairs, and Test.
type FenceAgentDialog struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// Agent holds the initial values (zero for a new agent).
	Agent wire.Agent
	// Password is a password typed earlier for this unsaved agent.
	Password string
	// IsNew is true for Add Fence Agent.
	IsNew bool
	// Others are the host's other agents (duplicate detection).
	Others []wire.Agent
	// HostID is the saved host ("" for a new host: Test needs the host).
	HostID string
	// Saved is true when the agent is saved on the host as shown, so
	// Test (which asks the engine about the saved agents) applies to it.
	Saved    bool
	OnSave   func(ctx app.Context, a wire.Agent, password string)
	OnCancel func(ctx app.Context)

	focus   form.ModalFocus
	inited  bool
	typ     string
	typeErr string
	address form.Field
	user    form.Field
	pass    form.Field
	port    form.Field
	slot    form.Field
	options form.Field
	secure  bool
	encrypt bool
	dupErr  string

	testing bool
	test    *wire.FenceTest
	testErr string
}

const agentDialogID = "fence-agent-dialog"

// OnInit fills the fields from the props.
func (d *FenceAgentDialog) OnInit() { d.init() }

func (d *FenceAgentDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	a := d.Agent
	d.typ = a.Type
	if d.typ == "" {
		d.typ = "ipmilan"
	}
	d.address = form.NewHostAddressField("agent-address", "Address", "2001:db8::50, 192.0.2.50 or bmc.example.com")
	d.address.SetValue(a.Address.Address)
	d.user = form.Field{ID: "agent-username", Label: "User Name", Required: true, Check: checkMaxLen(256), AutoComplete: "off"}
	d.user.SetValue(a.Username)
	d.pass = form.Field{ID: "agent-password", Label: "Password", Type: "password", Required: d.IsNew && d.Password == "",
		Check: checkPassword, AutoComplete: "new-password"}
	if !d.pass.Required {
		d.pass.Help = "Leave empty to keep the password already given."
	}
	d.port = form.Field{ID: "agent-port", Label: "Port", Type: "number", Check: checkPort}
	if a.Port != 0 {
		d.port.SetValue(strconv.Itoa(a.Port))
	}
	d.slot = form.Field{ID: "agent-slot", Label: "Slot", Check: checkMaxLen(256)}
	d.slot.SetValue(a.Options[optSlot])
	d.options = form.Field{ID: "agent-options", Label: "Options", Check: checkOptions, Mono: true,
		Placeholder: "lanplus=1, power_wait=4", Help: msgOptions + ", e.g. lanplus=1."}
	d.options.SetValue(formatOptions(a.Options, optSlot, optSecure, optPort))
	d.secure = a.Options[optSecure] == "true" || a.Options[optSecure] == "1" || a.Options[optSecure] == "yes"
	d.encrypt = a.EncryptOptions
}

// OnMount moves the focus into the dialog.
func (d *FenceAgentDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, agentDialogID, "agent-address")
}

// OnDismount gives the focus back.
func (d *FenceAgentDialog) OnDismount() { d.focus.Restore() }

func (d *FenceAgentDialog) kind() fenceType {
	t, _ := fenceTypeOf(d.typ)
	return t
}

// visibleFields are the dialog's fields for the current type, in order.
func (d *FenceAgentDialog) visibleFields() []*form.Field {
	t := d.kind()
	fs := []*form.Field{&d.address, &d.user, &d.pass}
	if t.Port {
		fs = append(fs, &d.port)
	}
	if t.Slot {
		fs = append(fs, &d.slot)
	}
	return append(fs, &d.options)
}

// value builds the agent from the fields (valid ones).
func (d *FenceAgentDialog) value() wire.Agent {
	t := d.kind()
	view := agentAddrView(d.address.Value())
	opts, _ := parseOptions(d.options.Value())
	if t.Slot && d.slot.Trimmed() != "" {
		opts[optSlot] = d.slot.Trimmed()
	}
	if t.Secure && d.secure {
		opts[optSecure] = "true"
	}
	if len(opts) == 0 {
		opts = nil
	}
	a := wire.Agent{
		ID:             d.Agent.ID,
		Address:        view,
		Type:           d.typ,
		Username:       d.user.Trimmed(),
		Options:        opts,
		EncryptOptions: t.Encrypt && d.encrypt,
		Concurrent:     d.Agent.Concurrent,
		Order:          d.Agent.Order,
	}
	if t.Port {
		a.Port, _ = parsePort(d.port.Value())
	}
	return a
}

// validate checks every visible field, the type and duplicates.
func (d *FenceAgentDialog) validate() bool {
	ok := true
	for _, f := range d.visibleFields() {
		if !f.Validate() {
			ok = false
		}
	}
	d.typeErr = ""
	if err := validation.FenceAgentType(d.typ, ovirt.FenceAgentTypes); err != nil {
		d.typeErr = err.(*validation.Error).Message
		ok = false
	}
	d.dupErr = ""
	if ok {
		if err := checkDuplicate(d.address.Value(), d.typ, d.Others); err != nil {
			d.dupErr = err.Error()
			d.address.SetServerError(d.dupErr)
			ok = false
		}
	}
	return ok
}

// firstInvalid is the id of the first field showing an error.
func (d *FenceAgentDialog) firstInvalid() string {
	for _, f := range d.visibleFields() {
		if f.Invalid() {
			return f.ID
		}
	}
	if d.typeErr != "" {
		return "agent-type"
	}
	return ""
}

func (d *FenceAgentDialog) ok(ctx app.Context) {
	if !d.validate() {
		d.life.Focus(ctx, d.firstInvalid())
		return
	}
	if d.OnSave != nil {
		d.OnSave(ctx, d.value(), d.pass.Value())
	}
}

func (d *FenceAgentDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// dirty reports whether the fields differ from the initial agent.
func (d *FenceAgentDialog) dirty() bool {
	if d.pass.Value() != "" {
		return true
	}
	a, b := d.value(), d.Agent
	if !sameAgent(a.Address.Address, a.Type, b.Address.Address, b.Type) ||
		a.Username != b.Username || a.EncryptOptions != b.EncryptOptions {
		return true
	}
	if d.kind().Port && a.Port != b.Port {
		return true
	}
	bo := map[string]string{}
	for k, v := range b.Options {
		if k != optPort {
			bo[k] = v
		}
	}
	return formatOptions(a.Options) != formatOptions(bo)
}

// msgAgentTestScope says what Test can do on an oVirt engine: its REST API
// asks a host's agents in order (fence status) and cannot test one agent
// alone, unlike webadmin's internal GetFenceAgentStatus query.
const msgAgentTestScope = "The engine tests the host's agents in order and cannot test one agent alone; with several agents the answer may come from another one."

// testNote says why Test cannot run now ("" if it can).
func (d *FenceAgentDialog) testNote() string {
	switch {
	case d.HostID == "":
		return "Save the host first: the engine tests agents of existing hosts."
	case !d.Saved || d.IsNew || d.Agent.ID == "":
		return "Save the host first to test this agent: the engine tests the saved agents of existing hosts."
	case d.dirty():
		return "Test checks the saved agent: save your changes first to test them."
	}
	return ""
}

func (d *FenceAgentDialog) runTest(ctx app.Context) {
	if d.testing || d.testNote() != "" {
		return
	}
	d.testing, d.test, d.testErr = true, nil, ""
	id, agentID := d.HostID, d.Agent.ID
	ctx.Async(func() {
		res, err := d.API.TestFenceAgent(context.Background(), id, agentID)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.testing = false
			if err != nil {
				d.testErr = "Test failed: " + client.AsAPIError(err).Message
				return
			}
			d.test = res
		})
	})
}

// Render draws the dialog.
func (d *FenceAgentDialog) Render() app.UI {
	d.init()
	t := d.kind()
	title := "Edit fence agent"
	if d.IsNew {
		title = "Add fence agent"
	}
	typeOpts := make([]form.Option, 0, len(fenceTypes))
	for _, ft := range fenceTypes {
		typeOpts = append(typeOpts, form.Option{Value: ft.Name, Label: ft.Name})
	}
	d.slot.Label = t.slotLabel()
	note := d.testNote()

	body := []app.UI{
		app.Div().Class("pf-v6-c-form", "pf-m-horizontal").Body(
			d.address.Render(),
			d.user.Render(),
			d.pass.Render(),
			form.FormGroup("agent-type", "Type", true,
				form.SelectControl("agent-type", d.typ, typeOpts, false, d.typeErr != "", func(ctx app.Context, v string) {
					d.typ = v
					d.typeErr = ""
					d.dupErr = ""
					d.address.SetServerError("")
					d.test, d.testErr = nil, ""
				}),
				form.HelperBlock("agent-type", d.typeErr, ""),
			),
			app.If(t.Port, func() app.UI { return d.port.Render() }),
			app.If(t.Slot, func() app.UI { return d.slot.Render() }),
			d.options.Render(),
			app.If(t.Secure || t.Encrypt, func() app.UI {
				return app.Div().Class("pf-v6-c-form__group").Body(
					app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
					app.Div().Class("pf-v6-c-form__group-control").Body(
						app.If(t.Secure, func() app.UI {
							return form.Checkbox("agent-secure", "Secure", d.secure, false, func(ctx app.Context, on bool) { d.secure = on })
						}),
						app.If(t.Encrypt, func() app.UI {
							return form.Checkbox("agent-encrypt", "Encrypt options", d.encrypt, false, func(ctx app.Context, on bool) { d.encrypt = on })
						}),
					),
				)
			}),
			app.Div().Class("pf-v6-c-form__group").Body(
				app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
				app.Div().Class("pf-v6-c-form__group-control").Body(
					app.Div().Class("v6-test").Body(
						form.Button("secondary", "Test").ID("agent-test").Disabled(note != "" || d.testing).
							Aria("describedby", "agent-test-note").
							OnClick(func(ctx app.Context, e app.Event) { d.runTest(ctx) }),
						app.If(d.testing, func() app.UI { return form.Spinner("Testing") }),
					),
					app.Div().ID("agent-test-note").Class("pf-v6-c-helper-text").Body(
						app.If(note != "", func() app.UI { return form.HelperItem("", "agent-test-why", note) }),
						app.If(note == "", func() app.UI { return form.HelperItem("", "agent-test-scope", msgAgentTestScope) }),
					),
					d.renderTestResult(),
				),
			),
		),
	}
	if d.dupErr != "" {
		body = append([]app.UI{form.Alert("danger", d.dupErr).ID("agent-duplicate")}, body...)
	}
	return app.Div().Class("v6-agent-dialog").Body(form.Modal{
		ID:    agentDialogID,
		Title: title,
		Size:  "md",
		Body:  body,
		Footer: []app.UI{
			form.Button("primary", "OK").ID("agent-ok").OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
			form.Button("link", "Cancel").ID("agent-cancel").OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
		},
		OnOK:     d.ok,
		OnCancel: d.cancel,
	}.Render())
}

// renderTestResult shows "Test successful: power on" or "Test failed: …".
func (d *FenceAgentDialog) renderTestResult() app.UI {
	switch {
	case d.testErr != "":
		return app.Div().Role("status").Body(form.Alert("danger", d.testErr).ID("agent-test-result"))
	case d.test != nil && d.test.OK && d.test.Tested == "host":
		// The host answered, through one of its agents: not necessarily
		// this one.
		return app.Div().Role("status").Body(form.Alert("info", d.test.Message).ID("agent-test-result"))
	case d.test != nil && d.test.OK:
		return app.Div().Role("status").Body(form.Alert("success", d.test.Message).ID("agent-test-result"))
	case d.test != nil:
		msg := d.test.Message
		if !strings.HasPrefix(msg, "Test failed") {
			msg = "Test failed: " + msg
		}
		return app.Div().Role("status").Body(form.Alert("danger", msg).ID("agent-test-result"))
	}
	return app.Div().Role("status")
}

// agentAddrView describes a typed agent address for the list.
func agentAddrView(s string) wire.Addr {
	h := validation.HostOf(s)
	if h.Err() != nil {
		return wire.Addr{Address: strings.TrimSpace(s), Kind: validation.HostName}
	}
	return wire.AddrOf(h)
}
