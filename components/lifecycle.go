package components

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// mounted keeps the context a component gets in OnMount. Results of
// asynchronous work must be dispatched through it: the context of an event
// handler belongs to the element that fired it, and go-app silently drops a
// dispatch whose element is gone — as a dialog's OK button is once the
// dialog closes.
type mounted struct {
	ctx app.Context
	ok  bool
}

// keep remembers the component's own context (call it first in OnMount).
func (m *mounted) keep(ctx app.Context) { m.ctx, m.ok = ctx, true }

// dispatch runs fn on the UI goroutine and re-renders the component; ctx is
// used only before the component is mounted.
func (m *mounted) dispatch(ctx app.Context, fn func(app.Context)) {
	if m.ok {
		m.ctx.Dispatch(fn)
		return
	}
	ctx.Dispatch(fn)
}

// after runs fn on the UI goroutine after d, through the component's own
// context.
func (m *mounted) after(ctx app.Context, d time.Duration, fn func(app.Context)) {
	if m.ok {
		ctx = m.ctx
	}
	ctx.After(d, fn)
}

// focus focuses the element of an id after the current update, through
// the component's own context (an event's element may be gone by then).
func (m *mounted) focus(ctx app.Context, id string) {
	if m.ok {
		ctx = m.ctx
	}
	focusElement(ctx, id)
}

// context is the component's own context once mounted, else ctx.
func (m *mounted) context(ctx app.Context) app.Context {
	if m.ok {
		return m.ctx
	}
	return ctx
}
