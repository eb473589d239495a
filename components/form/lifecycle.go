package form

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Mounted keeps the context a component gets in OnMount. Results of
// asynchronous work must be dispatched through it: the context of an event
// handler belongs to the element that fired it, and go-app silently drops a
// dispatch whose element is gone — as a dialog's OK button is once the
// dialog closes.
type Mounted struct {
	ctx app.Context
	ok  bool
}

// Keep remembers the component's own context (call it first in OnMount).
func (m *Mounted) Keep(ctx app.Context) { m.ctx, m.ok = ctx, true }

// Dispatch runs fn on the UI goroutine and re-renders the component; ctx is
// used only before the component is mounted.
func (m *Mounted) Dispatch(ctx app.Context, fn func(app.Context)) {
	if m.ok {
		m.ctx.Dispatch(fn)
		return
	}
	ctx.Dispatch(fn)
}

// After runs fn on the UI goroutine after d, through the component's own
// context.
func (m *Mounted) After(ctx app.Context, d time.Duration, fn func(app.Context)) {
	if m.ok {
		ctx = m.ctx
	}
	ctx.After(d, fn)
}

// Focus focuses the element of an id after the current update, through
// the component's own context (an event's element may be gone by then).
func (m *Mounted) Focus(ctx app.Context, id string) {
	if m.ok {
		ctx = m.ctx
	}
	FocusElement(ctx, id)
}

// Context is the component's own context once mounted, else ctx.
func (m *Mounted) Context(ctx app.Context) app.Context {
	if m.ok {
		return m.ctx
	}
	return ctx
}
