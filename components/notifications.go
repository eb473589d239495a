package components

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Actions between the shell and the pages (go-app actions: the sender
// does not need to know who listens).
const (
	// toastAction carries a toast (Value: toast) to the shell.
	toastAction = "v6admin.toast"
	// eventAction carries each engine event (Value: Event) from the
	// shell's /ws connection to the pages.
	eventAction = "v6admin.event"
)

// toast is a PatternFly toast alert.
type toast struct {
	ID      int
	Variant string // success, danger, warning, info
	Title   string
	Body    string
	// Quick toasts (a copy confirmed) go away sooner.
	Quick bool
}

// notify asks the shell to show a toast.
func notify(ctx app.Context, t toast) { ctx.NewActionWithValue(toastAction, t) }

// Toast lifetimes.
const (
	toastLife      = 8 * time.Second
	quickToastLife = 3 * time.Second
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

// eventToast decides whether an event deserves a toast, and which: the end
// of a job (installation, network changes), or any warning or error.
func eventToast(ev Event) (toast, bool) {
	if v, ok := jobEnd[ev.Code]; ok {
		if ev.Severity == "error" || ev.Severity == "alert" {
			v = "danger"
		}
		return toast{Variant: v, Title: ev.Description}, true
	}
	switch ev.Severity {
	case "error", "alert":
		return toast{Variant: "danger", Title: ev.Description}, true
	case "warning":
		return toast{Variant: "warning", Title: ev.Description}, true
	}
	return toast{}, false
}

// renderToasts draws the toast group (a polite live region).
func renderToasts(ts []toast, onClose func(ctx app.Context, id int)) app.UI {
	items := make([]app.UI, 0, len(ts))
	for _, t := range ts {
		t := t
		var desc []app.UI
		if t.Body != "" {
			desc = append(desc, app.P().Text(t.Body))
		}
		closeBtn := iconButton("times", "Close notification").OnClick(func(ctx app.Context, e app.Event) {
			onClose(ctx, t.ID)
		}, app.EventScope("toast", t.ID))
		items = append(items, app.Li().Class("pf-v6-c-alert-group__item").Body(
			alertWithAction(t.Variant, t.Title, closeBtn, desc...).Class("v6-toast").ID("toast-"+strconv.Itoa(t.ID)),
		))
	}
	return app.Ul().Class("pf-v6-c-alert-group", "pf-m-toast").Role("list").Aria("live", "polite").ID("toasts").Body(items...)
}
