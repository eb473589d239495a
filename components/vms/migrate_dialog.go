package vms

import (
	"context"
	"strconv"
	"time"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// MigrateDialog is Migrate VM: the destination host (the other up hosts
// of the VM's cluster, or "Automatically choose host"), the cluster's
// migration network and the address and family the migration will use,
// from GET /api/vms/:id/migration-plan?host= (MigrateVmCommand's rule:
// "over 2001:db8:100::13 on display (IPv6)"), asked again whenever the
// host changes; the plan's warnings (a dual-stack migration network makes
// it IPv4) as alerts. With the automatic choice it lists the address for
// each host the scheduler may pick. OK posts migrate with a request id of
// its own and follows the migration from /ws: the engine's "Migration
// started" (event 62, carrying the request id), then "Migration
// completed" (63) or "Migration failed" (65) for the VM, until the VM is
// up on its new host; Close then returns to the page, which has followed
// the same events.
type MigrateDialog struct {
	app.Compo
	// API is the BFF's API.
	API client.API
	// VM is the VM to migrate (as the page has it).
	VM wire.VM
	// OnClose closes the dialog (Cancel, Close, Esc).
	OnClose func(ctx app.Context)

	life  form.Mounted
	focus form.ModalFocus
	from  string // the host the VM ran on when the dialog opened

	hosts       []wire.Host // the candidates
	hostsLoaded bool
	hostsErr    string
	dest        string // host id; "" = automatic

	plans    map[string]*wire.MigrationPlan // by host id ("" = automatic)
	planErrs map[string]string
	asking   map[string]bool

	run *migration // after OK
}

// migration is a migration sent by the dialog, followed to its end.
type migration struct {
	ID      string // request id = the engine's correlation id
	To      string // the destination's name ("" = the scheduler's)
	Summary string // the plan's words, as shown before OK
	Sending bool   // the request has not answered yet
	Started bool   // the engine reported "Migration started"
	Done    bool
	Failed  string // why it failed ("" = it did not)
	Host    string // the host the VM runs on at the end
	Events  []wire.Event
}

// Engine event codes of a migration.
const (
	evMigrationStarted   = 62
	evMigrationCompleted = 63
	evMigrationFailed    = 65
)

const migrateDialogID = "migrate-vm"

// OnMount loads the candidate hosts and their plans, and follows /ws.
func (d *MigrateDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.from = d.VM.Host.Label()
	d.focus.Open(ctx, migrateDialogID, "migrate-host")
	d.loadHosts(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok {
			d.observe(ev)
		}
	})
}

// OnDismount gives the focus back.
func (d *MigrateDialog) OnDismount() { d.focus.Restore() }

// candidates keeps the hosts a VM may migrate to: up, in its cluster, not
// the one it runs on (the engine refuses the others).
func candidates(vm wire.VM, hosts []wire.Host) []wire.Host {
	var out []wire.Host
	for _, h := range hosts {
		if h.Status != "up" || vm.Host != nil && h.ID == vm.Host.ID {
			continue
		}
		if vm.Cluster != nil && (h.Cluster == nil || h.Cluster.ID != vm.Cluster.ID) {
			continue
		}
		out = append(out, h)
	}
	return out
}

func (d *MigrateDialog) loadHosts(ctx app.Context) {
	ctx.Async(func() {
		hosts, err := d.API.Hosts(context.Background())
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.hostsLoaded = true
			if err != nil {
				d.hostsErr = client.AsAPIError(err).Message
				return
			}
			d.hosts = candidates(d.VM, hosts)
			d.askPlan(ctx, "")
			for _, h := range d.hosts {
				d.askPlan(ctx, h.ID)
			}
			// The select exists from this update on: it takes the focus
			// unless the user has moved it meanwhile.
			ctx.Defer(func(app.Context) { focusHostSelect() })
		})
	})
}

// focusHostSelect focuses the destination select when the focus is where
// the dialog put it while the hosts loaded (its Cancel or close button)
// or outside the dialog.
func focusHostSelect() {
	switch id := app.Window().Get("document").Get("activeElement").Get("id").String(); id {
	case "migrate-cancel", migrateDialogID + "-close":
		form.FocusNow("migrate-host")
	default:
		form.FocusIntoIfOutside(migrateDialogID, "migrate-host")
	}
}

// askPlan asks which address a migration to host will use (again, when
// it was asked before: the hosts' addresses may have changed).
func (d *MigrateDialog) askPlan(ctx app.Context, host string) {
	if d.asking == nil {
		d.asking, d.plans, d.planErrs = map[string]bool{}, map[string]*wire.MigrationPlan{}, map[string]string{}
	}
	if d.asking[host] {
		return
	}
	d.asking[host] = true
	vm := d.VM.ID
	ctx.Async(func() {
		plan, err := d.API.MigrationPlan(context.Background(), vm, host)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.asking[host] = false
			if err != nil {
				d.planErrs[host] = client.AsAPIError(err).Message
				return
			}
			delete(d.planErrs, host)
			d.plans[host] = plan
		})
	})
}

// pick changes the destination and refreshes its plan.
func (d *MigrateDialog) pick(ctx app.Context, host string) {
	d.dest = host
	d.askPlan(ctx, host)
}

func (d *MigrateDialog) hostName(id string) string {
	for _, h := range d.hosts {
		if h.ID == id {
			return h.Name
		}
	}
	return id
}

// canOK reports whether OK may send the migration: the hosts are known,
// one at least, and the VM is up.
func (d *MigrateDialog) canOK() bool {
	return d.hostsLoaded && len(d.hosts) > 0 && CanMigrate(d.VM.Status)
}

// ok sends the migration and starts following it.
func (d *MigrateDialog) ok(ctx app.Context) {
	if d.run != nil || !d.canOK() {
		return
	}
	m := &migration{ID: client.NewRequestID(), Sending: true}
	if d.dest != "" {
		m.To = d.hostName(d.dest)
	}
	if p := d.plans[d.dest]; p != nil {
		m.Summary = p.Summary
	}
	d.run = m
	vm, dest := d.VM.ID, d.dest
	rctx, cancel := context.WithTimeout(client.WithRequestID(context.Background(), m.ID), 3*time.Minute)
	ctx.Async(func() {
		defer cancel()
		res, err := d.API.MigrateVM(rctx, vm, wire.MigrateVMRequest{HostID: dest})
		d.life.Dispatch(ctx, func(ctx app.Context) {
			m.Sending = false
			switch {
			case err != nil:
				m.Failed = client.AsAPIError(err).Message
			case res.Job != nil && res.Job.Status == "failed":
				m.Failed = "The engine could not migrate " + d.VM.Name + ": its job failed."
			case res.Job == nil || res.Job.Status == "finished" || res.VM.Status == "up":
				m.Started = true
				if res.VM.Status == "up" {
					m.Done = true
					m.Host = res.VM.Host.Label()
				}
			}
			d.after(ctx, m)
		})
	})
	form.FocusElement(ctx, migrateDialogID+"-progress")
}

// observe takes the migration's events from /ws.
func (d *MigrateDialog) observe(ev wire.Event) {
	m := d.run
	if m == nil {
		return
	}
	mine := ev.CorrelationID != "" && ev.CorrelationID == m.ID
	ofVM := ev.VM != nil && ev.VM.ID == d.VM.ID
	if !mine && !(ofVM && (ev.Code == evMigrationCompleted || ev.Code == evMigrationFailed)) {
		return
	}
	for _, e := range m.Events {
		if e.ID == ev.ID {
			return
		}
	}
	m.Events = append(m.Events, ev)
	switch ev.Code {
	case evMigrationStarted:
		m.Started = true
	case evMigrationCompleted:
		m.Started, m.Done = true, true
		if ev.Host != nil && m.Host == "" {
			m.Host = ev.Host.Label()
		}
	case evMigrationFailed:
		m.Failed = ev.Description
	}
}

// after says how the migration ended (a toast for the page).
func (d *MigrateDialog) after(ctx app.Context, m *migration) {
	switch {
	case m.Failed != "":
		form.FocusElement(ctx, migrateDialogID+"-error")
	case m.Done:
		form.Notify(ctx, form.Toast{Variant: "success", Title: "VM " + d.VM.Name + " was migrated to " + m.Host + ".", Quick: true})
		form.FocusElement(ctx, "migrate-close")
	}
}

// source is the host the VM runs on when the dialog opened (the page's
// VM moves to the destination as the migration ends).
func (d *MigrateDialog) source() string {
	if d.from != "" {
		return d.from
	}
	return d.VM.Host.Label()
}

func (d *MigrateDialog) close(ctx app.Context) {
	if d.OnClose != nil {
		d.OnClose(ctx)
	}
}

// Render draws the dialog.
func (d *MigrateDialog) Render() app.UI {
	// Before OK: the form, OK and Cancel (Enter is OK); after: the
	// progress and Close.
	var body, footer []app.UI
	var okKey func(app.Context)
	if d.run != nil {
		body = []app.UI{d.renderProgress()}
		footer = []app.UI{form.Button("primary", "Close").ID("migrate-close").
			OnClick(func(ctx app.Context, e app.Event) { d.close(ctx) })}
	} else {
		body = d.renderForm()
		footer = []app.UI{
			form.Button("primary", "OK").ID("migrate-ok").Disabled(!d.canOK()).
				OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
			form.Button("link", "Cancel").ID("migrate-cancel").OnClick(func(ctx app.Context, e app.Event) { d.close(ctx) }),
		}
		okKey = d.ok
	}
	return app.Div().Class("v6-migrate-dialog").Body(form.Modal{
		ID:          migrateDialogID,
		Title:       "Migrate VM " + d.VM.Name,
		Description: "From host " + d.source() + " (cluster " + d.VM.Cluster.Label() + ").",
		Size:        "md",
		Body:        body,
		Footer:      footer,
		OnOK:        okKey,
		OnCancel:    d.close,
	}.Render())
}

// renderForm draws the destination and the plan.
func (d *MigrateDialog) renderForm() []app.UI {
	if !d.hostsLoaded {
		return []app.UI{app.Div().Class("v6-loading").Body(form.Spinner("Loading the hosts"), app.Span().Text(" Loading the hosts…"))}
	}
	if d.hostsErr != "" {
		return []app.UI{form.Alert("danger", d.hostsErr).ID("migrate-hosts-error")}
	}
	if !CanMigrate(d.VM.Status) {
		return []app.UI{form.Alert("warning", migrateWhy(d.VM)).ID("migrate-not-up")}
	}
	if len(d.hosts) == 0 {
		return []app.UI{form.Alert("warning", "No host to migrate to",
			app.Text("Cluster "+d.VM.Cluster.Label()+" has no other host that is Up: the engine would refuse the migration.")).ID("migrate-no-host")}
	}
	opts := []form.Option{{Value: "", Label: "Automatically choose host"}}
	for _, h := range d.hosts {
		opts = append(opts, form.Option{Value: h.ID, Label: h.Name})
	}
	return []app.UI{
		app.Div().Class("pf-v6-c-form").Body(
			form.FormGroup("migrate-host", "Destination Host", false,
				form.SelectControl("migrate-host", d.dest, opts, false, false, d.pick),
				form.HelperBlock("migrate-host", "", "The hosts of cluster "+d.VM.Cluster.Label()+" that are Up, other than "+d.source()+"."),
			),
		),
		d.renderPlan(),
	}
}

// renderPlan shows the address and family the migration will use.
func (d *MigrateDialog) renderPlan() app.UI {
	var items []app.UI
	network := ""
	for _, p := range d.plans {
		if p.Network != nil {
			network = p.Network.Label()
			break
		}
	}
	if network == "" {
		network = "—"
	}
	items = append(items, app.Dl().Class("pf-v6-c-description-list", "pf-m-horizontal", "pf-m-compact").Body(
		term("Migration network", app.Span().ID("migrate-network").Text(network)),
	))
	plan, asking, perr := d.plans[d.dest], d.asking[d.dest], d.planErrs[d.dest]
	switch {
	case perr != "":
		items = append(items, form.Alert("danger", perr).ID("migrate-plan-error"))
	case plan == nil:
		items = append(items, app.Div().Class("v6-loading").Body(form.Spinner("Asking which address the migration uses"), app.Span().Text(" Asking which address the migration uses…")))
	case d.dest == "":
		items = append(items, app.P().ID("migrate-summary").Text(plan.Summary))
		var rows []app.UI
		for _, h := range d.hosts {
			text := "…"
			if p := d.plans[h.ID]; p != nil {
				text = p.Summary
			} else if e := d.planErrs[h.ID]; e != "" {
				text = e
			}
			rows = append(rows, app.Li().DataSet("host", h.Name).Body(app.Strong().Text(h.Name+": "), app.Text(text)))
		}
		items = append(items, app.Ul().Class("v6-migrate-each").ID("migrate-each").Aria("label", "The address for each host the scheduler may pick").Body(rows...))
	default:
		items = append(items, app.P().ID("migrate-summary").Class("v6-migrate-summary").Body(
			app.Text("This migration will go "), app.Strong().Text(plan.Summary), app.Text("."),
			app.If(asking, func() app.UI { return form.Spinner("Refreshing") }),
		))
		if plan.Address != nil {
			items = append(items, app.Dl().Class("pf-v6-c-description-list", "pf-m-horizontal", "pf-m-compact").Body(
				term("Destination address", form.AddrText(*plan.Address)),
				term("Family", app.Span().ID("migrate-family").Text(familyLabel(*plan.Address))),
			))
		}
	}
	if plan != nil {
		for i, w := range plan.Warnings {
			items = append(items, form.Alert("warning", w.Message).ID("migrate-warning-"+strconv.Itoa(i)))
		}
	}
	return app.Div().Class("v6-migrate-plan").ID("migrate-plan").Aria("live", "polite").Body(items...)
}

// renderProgress follows the sent migration.
func (d *MigrateDialog) renderProgress() app.UI {
	m := d.run
	to := m.To
	if to == "" {
		to = "the host the scheduler picks"
	}
	steps := []struct{ title, state string }{
		{"Sent to the engine", "success"},
		{"Migrating to " + to + joinSummary(m.Summary), "pending"},
		{"Up on " + to, "pending"},
	}
	switch {
	case m.Failed != "":
		steps[1].state, steps[2].state = "danger", "danger"
		steps[2].title = d.VM.Name + " stays on " + d.source()
	case m.Done:
		steps[1].state, steps[2].state = "success", "success"
		if m.Host != "" {
			steps[2].title = "Up on " + m.Host
		}
	case m.Started:
		steps[1].state = "current"
	default:
		steps[0].state = "current"
	}
	mods := map[string]string{"success": "pf-m-success", "current": "pf-m-info pf-m-current", "pending": "pf-m-pending", "danger": "pf-m-danger"}
	var lis []app.UI
	for i, s := range steps {
		var ic app.UI
		switch s.state {
		case "success":
			ic = form.Icon("check-circle")
		case "danger":
			ic = form.Icon("exclamation-circle")
		case "current":
			ic = app.Span().Class("pf-v6-c-spinner", "pf-m-sm").Role("presentation").Body(app.Span().Class("pf-v6-c-spinner__path"))
		}
		li := app.Li().Class("pf-v6-c-progress-stepper__step", mods[s.state]).ID("migrate-step-"+strconv.Itoa(i)).Body(
			app.Div().Class("pf-v6-c-progress-stepper__step-connector").Body(
				app.Span().Class("pf-v6-c-progress-stepper__step-icon").Body(ic)),
			app.Div().Class("pf-v6-c-progress-stepper__step-main").Body(
				app.Div().Class("pf-v6-c-progress-stepper__step-title").Text(s.title)),
		)
		if s.state == "current" {
			li = li.Aria("current", "step")
		}
		lis = append(lis, li)
	}
	var log []app.UI
	for _, e := range m.Events {
		log = append(log, app.Li().Class("v6-apply-event", "v6-apply-event--"+e.Severity).Body(
			app.Time().DateTime(e.Time.Format(time.RFC3339)).Text(e.Time.Local().Format("15:04:05")),
			app.Text(" "+e.Description)))
	}
	return app.Div().ID(migrateDialogID+"-progress").TabIndex(-1).Class("v6-apply-progress").Body(
		app.Ol().Class("pf-v6-c-progress-stepper", "pf-m-vertical").Aria("label", "Progress of the migration").Body(lis...),
		app.If(m.Failed != "", func() app.UI {
			return form.Alert("danger", "The migration failed", app.Text(m.Failed)).ID(migrateDialogID + "-error").TabIndex(-1)
		}),
		app.If(m.Done, func() app.UI {
			return form.Alert("success", d.VM.Name+" is up on "+m.Host+".").ID("migrate-done")
		}),
		app.Ul().ID("migrate-events").Class("v6-apply-events").Role("log").Aria("live", "polite").Aria("label", "Engine events of this migration").Body(log...),
	)
}

func joinSummary(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}
