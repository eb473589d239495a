package form

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Modal describes a PatternFly modal dialog: a backdrop, the box with its
// title, body and footer. Keyboard, as in oVirt: Enter = OK (except on a
// button, link, select or text area, which keep their own Enter), Esc =
// Cancel; Tab and Shift+Tab stay inside the dialog. The owning component
// embeds modalFocus to move focus in on open and back to the opener on
// close.
type Modal struct {
	ID       string
	Title    string
	Size     string // sm, md, lg ("md" if empty)
	Body     []app.UI
	Footer   []app.UI
	OnOK     func(ctx app.Context) // Enter; nil: Enter does nothing
	OnCancel func(ctx app.Context) // Esc and the close button
	// Description is an optional line under the title.
	Description string
}

// Render draws the modal.
func (m Modal) Render() app.UI {
	size := m.Size
	if size == "" {
		size = "md"
	}
	box := app.Div().ID(m.ID).Class("pf-v6-c-modal-box", "pf-m-"+size).
		Role("dialog").Aria("modal", "true").Aria("labelledby", m.ID+"-title").
		OnKeyDown(m.onKeyDown, app.EventScope(m.ID))
	if m.Description != "" {
		box = box.Aria("describedby", m.ID+"-description")
	}
	return app.Div().Class("pf-v6-c-backdrop").Body(
		app.Div().Class("pf-v6-l-bullseye").Body(
			box.Body(
				app.Div().Class("pf-v6-c-modal-box__close").Body(
					IconButton("times", "Close").ID(m.ID+"-close").OnClick(func(ctx app.Context, e app.Event) {
						if m.OnCancel != nil {
							m.OnCancel(ctx)
						}
					}, app.EventScope(m.ID)),
				),
				app.Header().Class("pf-v6-c-modal-box__header").Body(
					app.Div().Class("pf-v6-c-modal-box__header-main").Body(
						app.H1().Class("pf-v6-c-modal-box__title").ID(m.ID+"-title").Body(
							app.Span().Class("pf-v6-c-modal-box__title-text").Text(m.Title),
						),
						app.If(m.Description != "", func() app.UI {
							return app.Div().Class("pf-v6-c-modal-box__description").ID(m.ID + "-description").Text(m.Description)
						}),
					),
				),
				app.Div().Class("pf-v6-c-modal-box__body").Body(m.Body...),
				app.Footer().Class("pf-v6-c-modal-box__footer").Body(m.Footer...),
			),
		),
	)
}

// keyAction is what a key does in a modal.
type keyAction int

const (
	keyNone keyAction = iota
	keyOK
	keyCancel
	keyTrap
)

// modalKey decides what a key press does, given the key and the tag and
// type of the element it was pressed on.
func modalKey(key, tag, inputType string) keyAction {
	switch key {
	case "Escape", "Esc":
		return keyCancel
	case "Tab":
		return keyTrap
	case "Enter":
		switch tag {
		case "BUTTON", "A", "SELECT", "TEXTAREA":
			return keyNone
		case "INPUT":
			if inputType == "button" || inputType == "submit" || inputType == "reset" {
				return keyNone
			}
		}
		return keyOK
	}
	return keyNone
}

func (m Modal) onKeyDown(ctx app.Context, e app.Event) {
	t := e.Get("target")
	switch modalKey(e.Get("key").String(), t.Get("tagName").String(), t.Get("type").String()) {
	case keyCancel:
		e.PreventDefault()
		e.Call("stopPropagation")
		if m.OnCancel != nil {
			m.OnCancel(ctx)
		}
	case keyOK:
		if m.OnOK == nil {
			return
		}
		e.PreventDefault()
		e.Call("stopPropagation")
		// The value typed last may not have reached the field yet (an
		// input event is pending): OK runs after it, and the owner's
		// ancestors are updated too (OnOK may close a nested dialog by
		// changing its parent's state, as Edit Network does).
		ctx.Dispatch(func(ctx app.Context) { m.OnOK(ctx) })
	case keyTrap:
		trapFocus(ctx.JSSrc(), e)
	}
}

// focusable selects what Tab can reach.
const focusable = `a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])`

// visibleFocusables lists the focusable, rendered elements under root.
func visibleFocusables(root app.Value) []app.Value {
	list := root.Call("querySelectorAll", focusable)
	var out []app.Value
	for i := 0; i < list.Length(); i++ {
		el := list.Index(i)
		if el.Get("offsetParent").IsNull() {
			continue // hidden (another tab, a closed section)
		}
		out = append(out, el)
	}
	return out
}

// trapFocus keeps Tab inside the box: from the last element to the first,
// and Shift+Tab from the first to the last.
func trapFocus(box app.Value, e app.Event) {
	els := visibleFocusables(box)
	if len(els) == 0 {
		e.PreventDefault()
		return
	}
	active := app.Window().Get("document").Get("activeElement")
	inside := box.Call("contains", active).Bool()
	first, last := els[0], els[len(els)-1]
	if e.Get("shiftKey").Bool() {
		if !inside || active.Equal(first) {
			e.PreventDefault()
			last.Call("focus")
		}
		return
	}
	if !inside || active.Equal(last) {
		e.PreventDefault()
		first.Call("focus")
	}
}

// ModalFocus moves focus into a dialog when it opens and back to the
// element that opened it when it closes. Dialog components embed it and
// call open in OnMount and restore in OnDismount.
type ModalFocus struct {
	opener app.Value
}

// Open remembers the focused element and, after the dialog is drawn,
// focuses the element of id focusID, or else the first field of the
// dialog's body, or else its first button.
func (f *ModalFocus) Open(ctx app.Context, boxID, focusID string) {
	doc := app.Window().Get("document")
	f.opener = doc.Get("activeElement")
	ctx.Defer(func(app.Context) { focusInto(boxID, focusID) })
}

// focusInto focuses an element of a dialog (see modalFocus.open).
func focusInto(boxID, focusID string) {
	doc := app.Window().Get("document")
	if focusID != "" {
		if el := doc.Call("getElementById", focusID); el.Truthy() {
			el.Call("focus")
			return
		}
	}
	box := doc.Call("getElementById", boxID)
	if !box.Truthy() {
		return
	}
	if body := box.Call("querySelector", ".pf-v6-c-modal-box__body"); body.Truthy() {
		for _, el := range visibleFocusables(body) {
			tag := el.Get("tagName").String()
			if tag == "INPUT" || tag == "SELECT" || tag == "TEXTAREA" {
				el.Call("focus")
				return
			}
		}
	}
	if els := visibleFocusables(box); len(els) > 0 {
		// Skip the close button: start on the first real control.
		for _, el := range els {
			if el.Get("id").String() != boxID+"-close" {
				el.Call("focus")
				return
			}
		}
		els[0].Call("focus")
	}
}

// FocusIntoIfOutside focuses the dialog (see focusInto) unless the focus
// is already inside it: a dialog whose first field was not ready when it
// opened (a select filled by a request) takes the focus once it is.
func FocusIntoIfOutside(boxID, focusID string) {
	doc := app.Window().Get("document")
	box := doc.Call("getElementById", boxID)
	if !box.Truthy() || box.Call("contains", doc.Get("activeElement")).Bool() {
		return
	}
	focusInto(boxID, focusID)
}

// Restore gives focus back to the opener if it is still on the page.
func (f *ModalFocus) Restore() {
	if f.opener == nil || !f.opener.Truthy() {
		return
	}
	if f.opener.Get("isConnected").Bool() {
		f.opener.Call("focus")
	}
	f.opener = nil
}

// FocusElement focuses the element of an id, after the current update.
func FocusElement(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) { FocusNow(id) })
}

// FocusNow focuses the element of an id, if there is one, at once.
func FocusNow(id string) {
	if el := app.Window().Get("document").Call("getElementById", id); el.Truthy() {
		el.Call("focus")
	}
}

// RevealElement scrolls the element of an id into view (the nearest edge)
// after the current update, e.g. a progress report at the foot of a long
// dialog.
func RevealElement(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().Get("document").Call("getElementById", id); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}
