package vms

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/wire"
)

// EditVMDialog is Edit VM's Initial Run: the cloud-init network the
// engine stores for the VM and hands the guest on its first plain start
// (a VM already run once gets it again only through Run Once, which the
// dialog says). It reads the VM (GET /api/vms/:id's initial_run), shows
// the same CloudInitSection as Run Once, and OK sends PUT /api/vms/:id
// after the request's Validate; a refusal stays in the dialog, on its
// field, and nothing typed is lost.
type EditVMDialog struct {
	app.Compo

	API client.API
	// VM is the VM to edit (its id and name; the dialog reads the rest).
	VM       wire.VM
	OnSaved  func(ctx app.Context, vm *wire.VM)
	OnCancel func(ctx app.Context)

	life    form.Mounted
	focus   form.ModalFocus
	inited  bool
	loading bool
	useCI   bool
	ci      CloudInitSection
	busy    bool
	err     string
}

// EditVMDialogID is the dialog's element id.
const EditVMDialogID = "edit-vm-dialog"

// OnInit sets the cloud-init section up.
func (d *EditVMDialog) OnInit() { d.init() }

func (d *EditVMDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	d.ci.Init("ir", "initial_run.")
}

// OnMount reads the VM's stored Initial Run and moves the focus in.
func (d *EditVMDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, EditVMDialogID, "ir-use-cloud-init")
	d.loading = true
	id := d.VM.ID
	ctx.Async(func() {
		vm, err := d.API.VM(context.Background(), id)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.loading = false
			if err != nil {
				d.err = client.AsAPIError(err).Message
				return
			}
			d.load(vm.InitialRun)
		})
	})
}

// load fills the dialog from the stored Initial Run (nil: none).
func (d *EditVMDialog) load(r *wire.CloudInitRequest) {
	d.ci.Init("ir", "initial_run.")
	d.useCI = r != nil
	d.ci.Set(r)
}

// OnDismount gives the focus back.
func (d *EditVMDialog) OnDismount() { d.focus.Restore() }

// Request is the edit OK sends: the section's network, or (Use Cloud-Init
// cleared) an empty one, which removes the stored NICs.
func (d *EditVMDialog) Request() wire.EditVMRequest {
	if !d.useCI {
		return wire.EditVMRequest{InitialRun: &wire.CloudInitRequest{}}
	}
	return wire.EditVMRequest{InitialRun: d.ci.Request()}
}

func (d *EditVMDialog) ok(ctx app.Context) {
	if d.busy || d.loading {
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
	d.busy = true
	id := d.VM.ID
	ctx.Async(func() {
		vm, err := d.API.EditVM(context.Background(), id, req)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.busy = false
			if err != nil {
				e := client.AsAPIError(err)
				d.refused(ctx, e.Fields, e.Message)
				return
			}
			if d.OnSaved != nil {
				d.OnSaved(ctx, vm)
			}
		})
	})
}

// refused puts field errors on their fields and the rest in the alert.
func (d *EditVMDialog) refused(ctx app.Context, errs wire.FieldErrors, msg string) {
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

func (d *EditVMDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// Render draws the dialog.
func (d *EditVMDialog) Render() app.UI {
	d.init()
	body := []app.UI{
		app.H2().Class("v6-ci-heading").Text("Initial Run"),
		app.P().Class("v6-muted").ID("ir-info").Text("The engine hands this network to the guest on the VM's first run. A VM that has run already gets it again only through Run Once."),
	}
	if d.loading {
		body = append(body, form.Spinner("Loading "+d.VM.Name+"…"))
	} else {
		body = append(body, form.Checkbox("ir-use-cloud-init", "Use Cloud-Init", d.useCI, d.busy, func(ctx app.Context, on bool) {
			d.useCI = on
			if on && len(d.ci.nics) == 0 {
				d.ci.AddNIC("eth0")
			}
		}))
		if d.useCI {
			body = append(body, d.ci.Render())
		}
	}
	if d.err != "" {
		body = append(body, form.Alert("danger", d.err).ID("ir-error").Role("alert"))
	}
	return app.Div().Class("v6-edit-vm-dialog").Body(form.Modal{
		ID:    EditVMDialogID,
		Title: "Edit Virtual Machine " + d.VM.Name,
		Size:  "lg",
		Body:  body,
		Footer: []app.UI{
			form.Button("primary", "OK").ID("ir-ok").Disabled(d.busy || d.loading).OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
			form.Button("link", "Cancel").ID("ir-cancel").OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
		},
		OnOK:     d.ok,
		OnCancel: d.cancel,
	}.Render())
}
