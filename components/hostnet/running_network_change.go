package hostnet

import (
	"context"
	"sort"
	"time"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// A host network change keeps running on the engine when the page that
// started it is reloaded or left (the engine finishes what it validated).
// RunningNetworkChange finds such a change when a host's page comes back
// and follows it to its end. It asks the engine only what a real oVirt
// engine answers: the host's newest "Applying network's changes" event
// (search event_host=<host> type=10902), then every event of that
// request (search correlation_id=<id>); the change runs while none of them
// ends it (10903 applied, 10904 failed).

// maxChangeAge is how long after its start a change can still be running:
// the longest connectivity wait and a margin for vdsm's work. An older
// start without an end (an engine restarted meanwhile) is not shown.
var maxChangeAge = time.Duration(maxConnectivityTimeout+300) * time.Second

// runningChange is the change told by the events of one correlation id
// (any order), if they show it started and not ended by now; nil
// otherwise.
func runningChange(host string, evs []wire.Event, now time.Time) *NetApply {
	evs = append([]wire.Event(nil), evs...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
	for _, ev := range evs {
		if ev.Code != evNetworkApplying || ev.CorrelationID == "" {
			continue
		}
		p := &NetApply{ID: ev.CorrelationID, Host: host, Started: ev.Time, Now: now}
		for _, e := range evs {
			p.Observe(e)
		}
		if p.phase() != phaseApplying || now.Sub(ev.Time) > maxChangeAge {
			return nil
		}
		return p
	}
	return nil
}

// RunningNetworkChange shows a network change running on a host (found
// when mounted, see above) with its live progress, then how it ended.
type RunningNetworkChange struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// Host is the host's name ("" until known).
	Host string
	// OnEnd is called once the change shown has ended.
	OnEnd func(ctx app.Context)

	checked string // the host looked up
	prog    *NetApply
}

// OnMount looks the change up and follows its events from /ws.
func (r *RunningNetworkChange) OnMount(ctx app.Context) {
	r.life.Keep(ctx)
	r.lookUp(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		ev, ok := a.Value.(wire.Event)
		if !ok || r.prog == nil || r.prog.phase() != phaseApplying || !r.prog.Observe(ev) {
			return
		}
		if r.prog.phase() != phaseApplying && r.OnEnd != nil {
			r.OnEnd(ctx)
		}
	})
}

// OnUpdate looks up again when the host changes.
func (r *RunningNetworkChange) OnUpdate(ctx app.Context) { r.lookUp(ctx) }

func (r *RunningNetworkChange) lookUp(ctx app.Context) {
	host := r.Host
	if host == "" || host == r.checked {
		return
	}
	r.checked, r.prog = host, nil
	ctx.Async(func() {
		p := findRunningChange(context.Background(), r.API, host)
		r.life.Dispatch(ctx, func(ctx app.Context) {
			if r.checked != host || p == nil {
				return
			}
			r.prog = p
			p.Tick(r.life.Context(ctx), func() bool { return r.prog == p && p.phase() == phaseApplying })
		})
	})
}

// findRunningChange asks the engine for a change running on host (nil if
// there is none, or if the engine cannot tell).
func findRunningChange(ctx context.Context, api client.API, host string) *NetApply {
	started, err := api.SearchEvents(ctx, client.EventQuery{Host: host, Code: evNetworkApplying, Max: 1})
	if err != nil || len(started.Events) == 0 || started.Events[0].CorrelationID == "" {
		return nil
	}
	first := started.Events[0]
	if time.Since(first.Time) > maxChangeAge {
		return nil
	}
	all, err := api.SearchEvents(ctx, client.EventQuery{CorrelationID: first.CorrelationID, Max: 100})
	if err != nil {
		return nil
	}
	return runningChange(host, append(all.Events, first), time.Now())
}

// Render draws the change: running (its start, the live progress), or how
// it ended; nothing when there is none.
func (r *RunningNetworkChange) Render() app.UI {
	p := r.prog
	if p == nil {
		return app.Div().ID("running-change").Hidden(true)
	}
	at := p.Started.Local().Format("15:04")
	variant, title := "info", "Network changes are being applied on "+p.Host+" — started "+at
	switch p.phase() {
	case phaseApplied:
		variant, title = "success", "Network changes were applied on "+p.Host+" (started "+at+")"
	case phaseFailed:
		variant, title = "danger", "Network changes were not applied on "+p.Host+" (started "+at+"): the host keeps its previous configuration"
	}
	return app.Div().ID("running-change").Class("v6-running-change").Role("status").Body(
		form.Alert(variant, title, p.Render("running-change-progress")),
	)
}
