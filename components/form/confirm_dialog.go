package form

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ConfirmDialog asks a yes/no question (oVirt's confirmation popups:
// "Remove Host(s)", "Synchronize all host networks", "Power Management
// Configuration"). The parent shows it while it wants the answer and hides
// it from OnOK/OnCancel; Busy and Error come from the parent while it
// carries out the action.
type ConfirmDialog struct {
	app.Compo

	ID      string
	Title   string
	Message string
	// Items are listed under the message (the names of what is removed).
	Items   []string
	OKLabel string // "OK" if empty
	// CancelLabel names the cancel button ("Cancel" if empty); with
	// CancelDefault the focus starts on it (oVirt's "No" default).
	CancelLabel   string
	CancelDefault bool
	Danger        bool
	// ExtraLabel and OnExtra add a secondary action ("Configure Power
	// Management").
	ExtraLabel string
	OnExtra    func(ctx app.Context)
	OnOK       func(ctx app.Context)
	OnCancel   func(ctx app.Context)
	Busy       bool
	Error      string
	// Progress is shown under the message while the parent carries out
	// the action (and after it failed).
	Progress app.UI

	focus ModalFocus
}

// OnMount focuses the dialog's OK button.
func (d *ConfirmDialog) OnMount(ctx app.Context) {
	focus := d.id() + "-ok"
	if d.CancelDefault {
		focus = d.id() + "-cancel"
	}
	d.focus.Open(ctx, d.id(), focus)
}

// OnDismount gives the focus back.
func (d *ConfirmDialog) OnDismount() { d.focus.Restore() }

func (d *ConfirmDialog) id() string {
	if d.ID == "" {
		return "confirm"
	}
	return d.ID
}

func (d *ConfirmDialog) ok(ctx app.Context) {
	if d.Busy || d.OnOK == nil {
		return
	}
	d.OnOK(ctx)
}

func (d *ConfirmDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// Render draws the dialog.
func (d *ConfirmDialog) Render() app.UI {
	id := d.id()
	okLabel := d.OKLabel
	if okLabel == "" {
		okLabel = "OK"
	}
	variant := "primary"
	if d.Danger {
		variant = "danger"
	}
	body := []app.UI{
		app.P().ID(id + "-message").Text(d.Message),
	}
	if len(d.Items) > 0 {
		body = append(body, app.Ul().Class("v6-confirm-items").Body(
			app.Range(d.Items).Slice(func(i int) app.UI { return app.Li().Text(d.Items[i]) }),
		))
	}
	if d.Progress != nil {
		body = append(body, d.Progress)
	}
	if d.Error != "" {
		body = append(body, Alert("danger", d.Error).ID(id+"-error"))
	}
	footer := []app.UI{
		Button(variant, okLabel).ID(id+"-ok").Disabled(d.Busy).
			OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }, app.EventScope(id)),
	}
	if d.ExtraLabel != "" {
		footer = append(footer, Button("secondary", d.ExtraLabel).ID(id+"-extra").Disabled(d.Busy).
			OnClick(func(ctx app.Context, e app.Event) {
				if d.OnExtra != nil {
					d.OnExtra(ctx)
				}
			}, app.EventScope(id)))
	}
	cancelLabel := d.CancelLabel
	if cancelLabel == "" {
		cancelLabel = "Cancel"
	}
	footer = append(footer, Button("link", cancelLabel).ID(id+"-cancel").
		OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }, app.EventScope(id)))
	if d.Busy {
		footer = append(footer, Spinner("Working"))
	}
	return app.Div().Class("v6-confirm").Body(Modal{
		ID:       id,
		Title:    d.Title,
		Size:     "sm",
		Body:     body,
		Footer:   footer,
		OnOK:     d.ok,
		OnCancel: d.cancel,
	}.Render())
}
