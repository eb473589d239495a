package form

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// Actions between the shell and the pages (go-app actions: the sender
// does not need to know who listens).
const (
	// ToastAction carries a toast (Value: toast) to the shell.
	ToastAction = "v6admin.toast"
	// EventAction carries each engine event (Value: Event) from the
	// shell's /ws connection to the pages.
	EventAction = "v6admin.event"
)

// Toast is a PatternFly toast alert.
type Toast struct {
	ID      int
	Variant string // success, danger, warning, info
	Title   string
	Body    string
	// Quick toasts (a copy confirmed) go away sooner.
	Quick bool
	// Key names what the toast is about (a request's correlation id): one
	// toast per key. FromEvent marks the toast of an engine event, which
	// gives way to the page's own toast of the same request.
	Key       string
	FromEvent bool
}

// MergeToast adds t to ts, unless a toast of the same Key is there: then an
// event's toast is dropped, and a page's toast takes the place of the
// event's (keeping its id and timer). It reports whether t was added.
func MergeToast(ts []Toast, t Toast) ([]Toast, bool) {
	if t.Key != "" {
		for i := range ts {
			if ts[i].Key != t.Key {
				continue
			}
			if !t.FromEvent && ts[i].FromEvent {
				t.ID = ts[i].ID
				ts[i] = t
			}
			return ts, false
		}
	}
	return append(ts, t), true
}

// Notify asks the shell to show a toast.
func Notify(ctx app.Context, t Toast) { ctx.NewActionWithValue(ToastAction, t) }

// Toast lifetimes.
const (
	ToastLife      = 8 * time.Second
	QuickToastLife = 3 * time.Second
)

// jobEnd lists the engine events that end a job: the shell toasts them.
// (Failures come with severity error or alert and are toasted anyway.)
var jobEnd = map[int64]string{
	500:   "success", // Host installed
	501:   "danger",  // Host installation failed
	505:   "danger",  // Host installation failed (stage)
	1104:  "success", // Network changes were saved
	1148:  "success", // Networks were synchronized
	10903: "success", // Successfully applied network changes
	10904: "danger",  // Failed to apply network changes
}

// EventToast decides whether an event deserves a toast, and which: the end
// of a job (installation, network changes), or any warning or error.
func EventToast(ev wire.Event) (Toast, bool) {
	if v, ok := jobEnd[ev.Code]; ok {
		if ev.Severity == "error" || ev.Severity == "alert" {
			v = "danger"
		}
		return Toast{Variant: v, Title: ev.Description, Key: ev.CorrelationID, FromEvent: true}, true
	}
	switch ev.Severity {
	case "error", "alert":
		return Toast{Variant: "danger", Title: ev.Description}, true
	case "warning":
		return Toast{Variant: "warning", Title: ev.Description}, true
	}
	return Toast{}, false
}

// RenderToasts draws the toast group (a polite live region).
func RenderToasts(ts []Toast, onClose func(ctx app.Context, id int)) app.UI {
	items := make([]app.UI, 0, len(ts))
	for _, t := range ts {
		t := t
		var desc []app.UI
		if t.Body != "" {
			desc = append(desc, app.P().Text(t.Body))
		}
		closeBtn := IconButton("times", "Close notification").OnClick(func(ctx app.Context, e app.Event) {
			onClose(ctx, t.ID)
		}, app.EventScope("toast", t.ID))
		items = append(items, app.Li().Class("pf-v6-c-alert-group__item").Body(
			alertWithAction(t.Variant, t.Title, closeBtn, desc...).Class("v6-toast").ID("toast-"+strconv.Itoa(t.ID)),
		))
	}
	return app.Ul().Class("pf-v6-c-alert-group", "pf-m-toast").Role("list").Aria("live", "polite").ID("toasts").Body(items...)
}
