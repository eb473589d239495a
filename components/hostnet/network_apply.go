package hostnet

import (
	"context"
	"strconv"
	"time"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// A host network change (setupnetworks, syncallnetworks) runs for seconds,
// or minutes when the connectivity check fails and the engine waits for
// the host before rolling back, and the engine answers only at the end.
// netApply follows one such request while it runs: the dialog chooses the
// request id, which the BFF passes to the engine as the correlation id, so
// the events the engine writes for it ("(1/1): Applying network's changes
// on host …", "Successfully applied …", "Failed to apply …") are picked
// out of /ws and shown as they come, with the time elapsed.

// Engine event codes of a network change.
const (
	evNetworkApplying  = 10902 // "(1/1): Applying network's changes on host …"
	evNetworkApplied   = 10903 // "(1/1): Successfully applied changes on host …"
	evNetworkApplyFail = 10904 // "(1/1): Failed to apply changes on host …"
)

// applyPhase is where a followed change stands.
type applyPhase int

const (
	phaseSent     applyPhase = iota // waiting for the engine to validate and start
	phaseApplying                   // the engine reported it started applying
	phaseApplied                    // the engine reported success
	phaseFailed                     // the engine reported failure (or refused)
)

// NetApply is one followed network change.
type NetApply struct {
	ID      string       // request id = the engine's correlation id
	Host    string       // host name, for the texts
	Verify  bool         // connectivity check on
	Timeout int          // its timeout, seconds
	Started time.Time    // when the request was sent
	Now     time.Time    // last tick (the elapsed time shown)
	Events  []wire.Event // the request's events, oldest first
}

// NewNetApply starts following a change of host (named name).
func NewNetApply(name string, verify bool, timeout int) *NetApply {
	now := time.Now()
	return &NetApply{ID: client.NewRequestID(), Host: name, Verify: verify, Timeout: timeout, Started: now, Now: now}
}

// Context returns the request context carrying the request id, with a
// deadline that covers the engine's connectivity wait.
func (p *NetApply) Context() (context.Context, context.CancelFunc) {
	wait := 2 * time.Minute
	if p.Verify && p.Timeout > 0 {
		wait += time.Duration(p.Timeout) * time.Second
	}
	return context.WithTimeout(client.WithRequestID(context.Background(), p.ID), wait)
}

// Observe keeps ev if it belongs to the request (reporting whether it did).
func (p *NetApply) Observe(ev wire.Event) bool {
	if p == nil || ev.CorrelationID == "" || ev.CorrelationID != p.ID {
		return false
	}
	for _, e := range p.Events {
		if e.ID == ev.ID {
			return false
		}
	}
	p.Events = append(p.Events, ev)
	return true
}

// phase is the change's state as its events tell it.
func (p *NetApply) phase() applyPhase {
	ph := phaseSent
	for _, e := range p.Events {
		switch e.Code {
		case evNetworkApplying:
			if ph == phaseSent {
				ph = phaseApplying
			}
		case evNetworkApplied:
			ph = phaseApplied
		case evNetworkApplyFail:
			ph = phaseFailed
		}
	}
	return ph
}

// elapsed is the whole seconds since the request was sent.
func (p *NetApply) elapsed() int {
	return int(p.Now.Sub(p.Started) / time.Second)
}

// Tick updates the elapsed time every second while running() holds.
func (p *NetApply) Tick(ctx app.Context, running func() bool) {
	ctx.After(time.Second, func(ctx app.Context) {
		if !running() {
			return
		}
		p.Now = time.Now()
		p.Tick(ctx, running)
	})
}

// Render draws the progress: a vertical progress stepper (validated,
// applying on the host, result) and the request's events. id prefixes the
// element ids.
func (p *NetApply) Render(id string) app.UI {
	ph := p.phase()
	type step struct {
		title, desc string
		state       string // "success", "current", "pending", "danger"
	}
	applying := "Applying the changes on host " + p.Host
	var wait string
	if p.Verify {
		wait = "If the host cannot reach the engine, the engine rolls the changes back after " + strconv.Itoa(p.Timeout) + " s."
	}
	el := "Elapsed: " + strconv.Itoa(p.elapsed()) + " s."
	steps := []step{{"Validated by the engine", "", "success"}, {applying, wait, "pending"}, {"Applied", "", "pending"}}
	switch ph {
	case phaseSent:
		steps[0] = step{"Sent to the engine", "Waiting for the engine to validate the changes. " + el, "current"}
	case phaseApplying:
		steps[1] = step{applying, joinNonEmpty(wait, el), "current"}
	case phaseApplied:
		steps[1].state, steps[2].state = "success", "success"
		steps[1].desc = ""
	case phaseFailed:
		steps[1].state, steps[1].desc = "danger", ""
		steps[2] = step{"Not applied", "The host's previous configuration is kept.", "danger"}
	}
	icons := map[string]string{"success": "check-circle", "current": "", "pending": "", "danger": "exclamation-circle"}
	mods := map[string]string{"success": "pf-m-success", "current": "pf-m-info pf-m-current", "pending": "pf-m-pending", "danger": "pf-m-danger"}
	var items []app.UI
	for i, s := range steps {
		var ic app.UI
		switch {
		case icons[s.state] != "":
			ic = form.Icon(icons[s.state])
		case s.state == "current":
			ic = app.Span().Class("pf-v6-c-spinner", "pf-m-sm").Role("presentation").Body(app.Span().Class("pf-v6-c-spinner__path"))
		}
		li := app.Li().Class("pf-v6-c-progress-stepper__step", mods[s.state]).ID(id+"-step-"+strconv.Itoa(i)).Body(
			app.Div().Class("pf-v6-c-progress-stepper__step-connector").Body(
				app.Span().Class("pf-v6-c-progress-stepper__step-icon").Body(ic)),
			app.Div().Class("pf-v6-c-progress-stepper__step-main").Body(
				app.Div().Class("pf-v6-c-progress-stepper__step-title").Text(s.title),
				app.If(s.desc != "", func() app.UI {
					return app.Div().Class("pf-v6-c-progress-stepper__step-description").Text(s.desc)
				}),
			))
		if s.state == "current" {
			li = li.Aria("current", "step")
		}
		items = append(items, li)
	}
	var log []app.UI
	for _, e := range p.Events {
		log = append(log, app.Li().Class("v6-apply-event", "v6-apply-event--"+e.Severity).Body(
			app.Time().DateTime(e.Time.Format(time.RFC3339)).Text(e.Time.Local().Format("15:04:05")),
			app.Text(" "+e.Description)))
	}
	return app.Div().ID(id).Class("v6-apply-progress").Body(
		app.Ol().Class("pf-v6-c-progress-stepper", "pf-m-vertical").Aria("label", "Progress of the network change").Body(items...),
		app.Ul().ID(id+"-events").Class("v6-apply-events").Role("log").Aria("live", "polite").Aria("label", "Engine events of this change").Body(log...),
	)
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
