package vms

import (
	"context"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// Start, Shutdown and Power Off, shared by the list and the details page.
// The BFF answers an action when the engine's job has ended (the VM is up
// after a start, down after a power off), so an action is followed to its
// end by its request: the VM's row shows a spinner meanwhile, and a toast
// tells the result. The page also reloads on the VM's events from /ws, so
// the status changes as the engine reports it.

// Verbs of the actions (the BFF's paths).
const (
	verbStart    = "start"
	verbShutdown = "shutdown"
	verbStop     = "stop"
)

// verbDoing is the spinner's text while an action runs.
var verbDoing = map[string]string{verbStart: "Starting", verbShutdown: "Shutting down", verbStop: "Powering off"}

// verbDone is the toast's text after an action succeeded.
var verbDone = map[string]string{verbStart: "was started", verbShutdown: "was shut down", verbStop: "was powered off"}

// vmActions holds the actions running on VMs and the Power Off being
// confirmed.
type vmActions struct {
	running map[string]string // VM id -> verb running
	confirm *wire.VM          // Power Off asked for, waiting for OK
}

// doing returns the verb running on a VM ("" for none).
func (a *vmActions) doing(id string) string { return a.running[id] }

// ask runs verb on vm; Power Off first asks for a confirmation.
func (a *vmActions) ask(ctx app.Context, life *form.Mounted, api client.API, vm wire.VM, verb string, done func(app.Context)) {
	if verb == verbStop {
		v := vm
		a.confirm = &v
		return
	}
	a.run(ctx, life, api, vm, verb, done)
}

// run sends the action and follows it; done (if set) runs after it ended,
// with or without success.
func (a *vmActions) run(ctx app.Context, life *form.Mounted, api client.API, vm wire.VM, verb string, done func(app.Context)) {
	if a.running[vm.ID] != "" {
		return
	}
	if a.running == nil {
		a.running = map[string]string{}
	}
	a.running[vm.ID] = verb
	id, name := vm.ID, vm.Name
	ctx.Async(func() {
		var err error
		c := context.Background()
		switch verb {
		case verbStart:
			_, err = api.StartVM(c, id, wire.StartVMRequest{})
		case verbShutdown:
			_, err = api.ShutdownVM(c, id)
		case verbStop:
			_, err = api.StopVM(c, id)
		}
		life.Dispatch(ctx, func(ctx app.Context) {
			delete(a.running, id)
			if err != nil {
				form.Notify(ctx, form.Toast{Variant: "danger", Title: "VM " + name + ": " + client.AsAPIError(err).Message})
			} else {
				form.Notify(ctx, form.Toast{Variant: "success", Title: "VM " + name + " " + verbDone[verb] + ".", Quick: true})
			}
			if done != nil {
				done(ctx)
			}
		})
	})
}

// renderConfirm draws the Power Off confirmation while one is asked for.
func (a *vmActions) renderConfirm(life *form.Mounted, api client.API, done func(app.Context)) app.UI {
	if a.confirm == nil {
		return nil
	}
	vm := *a.confirm
	return &form.ConfirmDialog{
		ID:      "poweroff-vm",
		Title:   "Power Off Virtual Machine(s)",
		Message: "Are you sure you want to Power Off the following Virtual Machines? The guest is stopped at once, as if its power were cut: unsaved data in it is lost.",
		Items:   []string{vm.Name},
		OKLabel: "Power Off",
		Danger:  true,
		OnOK: func(ctx app.Context) {
			a.confirm = nil
			a.run(ctx, life, api, vm, verbStop, done)
		},
		OnCancel: func(ctx app.Context) { a.confirm = nil },
	}
}

// renderButtons draws the Start, Shutdown and Power Off buttons of a VM;
// idp prefixes their ids. With label (in a list) they are icon buttons
// named for screen readers and as a tooltip after what they act on
// ("Start web0").
func (a *vmActions) renderButtons(idp string, vm wire.VM, label string, click func(verb string) app.EventHandler) []app.UI {
	busy := a.doing(vm.ID) != ""
	icons := map[string]string{verbStart: "play", verbShutdown: "stop", verbStop: "power-off"}
	btn := func(variant, text, verb string, ok bool) app.UI {
		b := form.Button(variant, text)
		if label != "" {
			b = form.IconButton(icons[verb], text+" "+label).Class("v6-vm-act")
		}
		return b.ID(idp+"-"+verb).Disabled(busy || !ok).OnClick(click(verb), app.EventScope(vm.ID, verb))
	}
	out := []app.UI{
		btn("secondary", "Start", verbStart, CanStart(vm.Status)),
		btn("secondary", "Shutdown", verbShutdown, CanShutdown(vm.Status)),
		btn("secondary", "Power Off", verbStop, CanPowerOff(vm.Status)),
	}
	if busy {
		out = append(out, app.Span().Class("v6-vm-doing").Role("status").Body(
			form.Spinner(verbDoing[a.doing(vm.ID)]+" "+vm.Name), app.Text(" "+verbDoing[a.doing(vm.ID)]+"…")))
	}
	return out
}
