package readiness

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/components/hostnet"
	"v6admin/wire"
)

// SyncNetwork is the one-click "Sync this network" of an out-of-sync
// attachment: setupnetworks with the attachment in sync_attachments, the
// connectivity check and commit on, as Setup Host Networks applies it, and
// followed the same way (the request's engine events as they come, see
// hostnet.NetApply). OnDone is called once the engine answered OK; the
// finding then leaves the report at its next read.
type SyncNetwork struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	HostID       string
	Host         string // the host's name, for the texts
	AttachmentID string
	Network      string
	OnDone       func(ctx app.Context)

	busy bool
	done bool
	err  string
	prog *hostnet.NetApply
	of   string // the attachment the state above is about
}

// syncTimeout is the connectivity check's timeout (vdsm's default).
const syncTimeout = 120

// SyncRequest is the request of "Sync this network" on an attachment.
func SyncRequest(attachmentID string) wire.SetupNetworksRequest {
	on := true
	return wire.SetupNetworksRequest{SyncAttachments: []string{attachmentID}, CheckConnectivity: &on,
		ConnectivityTimeout: syncTimeout, CommitOnSuccess: &on}
}

// OnMount follows the request's events.
func (s *SyncNetwork) OnMount(ctx app.Context) {
	s.life.Keep(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok && s.prog != nil {
			s.prog.Observe(ev)
		}
	})
}

// OnUpdate forgets the state of another attachment: go-app reuses a
// component in place when the list around it changes (a synced finding
// leaves, the next one takes its place).
func (s *SyncNetwork) OnUpdate(ctx app.Context) {
	if s.of != s.AttachmentID {
		s.busy, s.done, s.err, s.prog, s.of = false, false, "", nil, s.AttachmentID
	}
}

// Sync sends the request.
func (s *SyncNetwork) Sync(ctx app.Context) {
	if s.busy {
		return
	}
	s.busy, s.err, s.done, s.of = true, "", false, s.AttachmentID
	s.prog = hostnet.NewNetApply(client.OrText(s.Host, s.HostID), true, syncTimeout)
	s.prog.Tick(s.life.Context(ctx), func() bool { return s.busy })
	rctx, cancel := s.prog.Context()
	id, req, net := s.HostID, SyncRequest(s.AttachmentID), s.Network
	ctx.Async(func() {
		defer cancel()
		_, err := s.API.SetupNetworks(rctx, id, req)
		s.life.Dispatch(ctx, func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = client.AsAPIError(err).Message
				return
			}
			s.done = true
			form.Notify(ctx, form.Toast{Variant: "success", Title: "Network " + net + " was synchronized on " + client.OrText(s.Host, "the host") + ".", Key: s.prog.ID})
			if s.OnDone != nil {
				s.OnDone(ctx)
			}
		})
	})
}

// Render draws the button, the progress while it runs and the engine's
// answer if it refused.
func (s *SyncNetwork) Render() app.UI {
	btn := form.Button("primary", "Sync this network").Class("pf-m-small", "v6-sync-network").ID("sync-"+s.AttachmentID).
		DataSet("attachment", s.AttachmentID).
		Title("Write the data center's settings of " + s.Network + " to " + client.OrText(s.Host, "the host")).
		OnClick(func(ctx app.Context, e app.Event) { s.Sync(ctx) })
	if s.busy || s.done {
		btn = btn.Class("pf-m-aria-disabled").Aria("disabled", "true")
	}
	return app.Div().Class("v6-sync").Body(
		btn,
		app.If(s.busy, func() app.UI { return form.Spinner("Synchronizing " + s.Network) }),
		app.If(s.done, func() app.UI {
			return app.Span().Class("v6-muted").Role("status").Text(" Synchronized: re-reading the report…")
		}),
		app.If(s.prog != nil && (s.busy || s.err != ""), func() app.UI { return s.prog.Render("sync-progress-" + s.AttachmentID) }),
		app.If(s.err != "", func() app.UI {
			return app.Div().Role("alert").Body(form.Alert("danger", "The network was not synchronized", app.P().Text(s.err)))
		}),
	)
}
