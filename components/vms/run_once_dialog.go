package vms

import (
	"context"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/wire"
)

// RunOnceDialog is oVirt's Run Once for a down VM, with its Initial Run
// part: "Use Cloud-Init" opens the cloud-init network (CloudInitSection).
// OK runs the request's Validate (the BFF's rules), posts
// POST /api/vms/:id/start and follows the VM until it is up; a refusal
// stays in the dialog, on the field it is about, and nothing typed is
// lost.
type RunOnceDialog struct {
	app.Compo

	API client.API
	// VM is the VM to run (its id and name).
	VM wire.VM
	// OnDone is called once the VM is up (or the engine left it in
	// another state, which the VM says).
	OnDone   func(ctx app.Context, vm *wire.VM)
	OnCancel func(ctx app.Context)

	life   form.Mounted
	focus  form.ModalFocus
	inited bool
	useCI  bool
	ci     CloudInitSection
	busy   bool
	// status says what the dialog waits for ("Starting…").
	status string
	err    string
}

// RunOnceDialogID is the dialog's element id.
const RunOnceDialogID = "run-once-dialog"

// runOncePoll is how often the dialog reads the VM while it boots, and
// runOnceWait how long it waits for it to be up.
var (
	runOncePoll = time.Second
	runOnceWait = 3 * time.Minute
)

// OnInit sets the cloud-init section up.
func (d *RunOnceDialog) OnInit() { d.init() }

func (d *RunOnceDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	d.ci.Init("ci", "cloud_init.")
}

// OnMount keeps the context and moves the focus into the dialog.
func (d *RunOnceDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, RunOnceDialogID, "ro-use-cloud-init")
}

// OnDismount gives the focus back.
func (d *RunOnceDialog) OnDismount() { d.focus.Restore() }

// setUseCloudInit opens or closes the cloud-init section; the first time
// it proposes eth0.
func (d *RunOnceDialog) setUseCloudInit(on bool) {
	d.useCI = on
	if on && len(d.ci.nics) == 0 && len(d.ci.dns) == 0 && len(d.ci.search) == 0 {
		d.ci.AddNIC("eth0")
	}
}

// Request is the start request OK sends.
func (d *RunOnceDialog) Request() wire.StartVMRequest {
	if !d.useCI {
		return wire.StartVMRequest{}
	}
	return wire.StartVMRequest{CloudInit: d.ci.Request()}
}

func (d *RunOnceDialog) ok(ctx app.Context) {
	if d.busy {
		return
	}
	d.err = ""
	if d.useCI && !d.ci.Validate() {
		d.life.Focus(ctx, d.ci.FirstInvalid())
		return
	}
	req := d.Request()
	if errs := req.Validate(); len(errs) > 0 {
		d.refused(ctx, errs, wire.MsgValidation)
		return
	}
	d.busy, d.status = true, "Starting "+d.VM.Name+"…"
	id := d.VM.ID
	ctx.Async(func() {
		res, err := d.API.StartVM(context.Background(), id, req)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			if err != nil {
				d.busy, d.status = false, ""
				e := client.AsAPIError(err)
				d.refused(ctx, e.Fields, e.Message)
				return
			}
			d.follow(ctx, &res.VM, time.Now().Add(runOnceWait))
		})
	})
}

// refused puts the BFF's (or the request's) field errors on their fields
// and the rest in the dialog's alert, and focuses the first.
func (d *RunOnceDialog) refused(ctx app.Context, errs wire.FieldErrors, msg string) {
	rest := errs
	if d.useCI {
		rest = d.ci.Apply(errs)
	}
	if len(rest) > 0 || len(errs) == 0 {
		d.err = msg
		for _, p := range rest.Paths() {
			d.err += " " + rest[p].Message
		}
	}
	if id := d.ci.FirstInvalid(); d.useCI && id != "" {
		d.life.Focus(ctx, id)
	}
}

// follow reads the VM until it is up (the job the BFF followed may end
// while the guest still boots), or until the deadline.
func (d *RunOnceDialog) follow(ctx app.Context, vm *wire.VM, deadline time.Time) {
	switch {
	case vm.Status == "up":
		d.busy, d.status = false, ""
		if d.OnDone != nil {
			d.OnDone(ctx, vm)
		}
		return
	case vm.Status == "down" || time.Now().After(deadline):
		d.busy, d.status = false, ""
		d.err = d.VM.Name + " did not come up: it is " + vm.Status + "."
		return
	}
	d.status = d.VM.Name + " is " + statusWords(vm.Status) + "…"
	id := d.VM.ID
	d.life.After(ctx, runOncePoll, func(ctx app.Context) {
		ctx.Async(func() {
			v, err := d.API.VM(context.Background(), id)
			d.life.Dispatch(ctx, func(ctx app.Context) {
				if err != nil {
					d.busy, d.status = false, ""
					d.err = client.AsAPIError(err).Message
					return
				}
				d.follow(ctx, v, deadline)
			})
		})
	})
}

// statusWords is a VM status in words ("powering up").
func statusWords(s string) string {
	switch s {
	case "powering_up":
		return "powering up"
	case "wait_for_launch":
		return "waiting for launch"
	case "":
		return "starting"
	}
	return s
}

func (d *RunOnceDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// Render draws the dialog.
func (d *RunOnceDialog) Render() app.UI {
	d.init()
	body := []app.UI{
		app.H2().Class("v6-ci-heading").Text("Initial Run"),
		form.Checkbox("ro-use-cloud-init", "Use Cloud-Init", d.useCI, d.busy, func(ctx app.Context, on bool) { d.setUseCloudInit(on) }),
	}
	if d.useCI {
		body = append(body, d.ci.Render())
	} else {
		body = append(body, app.P().Class("v6-muted").ID("ro-no-cloud-init").Text("Without cloud-init the VM starts with its own configuration."))
	}
	if d.status != "" {
		body = append(body, app.Div().ID("ro-status").Role("status").Body(form.Spinner(d.status), app.Span().Text(" "+d.status)))
	}
	if d.err != "" {
		body = append(body, form.Alert("danger", d.err).ID("ro-error").Role("alert"))
	}
	return app.Div().Class("v6-run-once-dialog").Body(form.Modal{
		ID:          RunOnceDialogID,
		Title:       "Run Virtual Machine(s)",
		Description: "Run " + d.VM.Name + " once with these settings.",
		Size:        "lg",
		Body:        body,
		Footer: []app.UI{
			form.Button("primary", "OK").ID("ro-ok").Disabled(d.busy).OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
			form.Button("link", "Cancel").ID("ro-cancel").OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
		},
		OnOK:     d.ok,
		OnCancel: d.cancel,
	}.Render())
}

// CheckRunOnce judges value as the element id of a Run Once dialog whose
// cloud-init network is base's judges it before OK sends it (see
// CloudInitSection.Check): nil when it takes it, else the
// *validation.Error it shows. found is false for an id the dialog does not
// have. bff/api's TestRulesAgree holds it against the request's Validate
// and the BFF's answer.
func CheckRunOnce(base wire.StartVMRequest, id, value string) (err error, found bool) {
	d := &RunOnceDialog{}
	d.init()
	d.useCI = base.CloudInit != nil
	d.ci.Set(base.CloudInit)
	return d.ci.Check(id, value)
}
