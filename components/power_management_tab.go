package components

import (
	"sort"
	"strconv"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

// pmState is the Power Management tab of the host dialog: Enable Power
// Management, Kdump integration and the fence agents in their sequential
// order (oVirt's "Agents by Sequential Order").
type pmState struct {
	enabled bool
	kdump   bool
	agents  []pmAgent
	removed []string // ids of saved agents taken out of the list
	err     string   // about the tab as a whole
}

// pmAgent is an agent in the list: its values, the password typed for it
// (never shown by the server), whether it differs from the saved one, and
// the server's complaint about it.
type pmAgent struct {
	Agent    wire.Agent
	Password string
	Changed  bool
	Err      string
}

// newPMState is the tab for a new host: oVirt's defaults (power
// management off, kdump integration on).
func newPMState() pmState { return pmState{kdump: true} }

// pmStateOf is the tab for a saved host.
func pmStateOf(h *wire.Host) pmState {
	st := pmState{enabled: h.PowerManagement.Enabled, kdump: h.PowerManagement.KdumpDetection}
	agents := append([]wire.Agent(nil), h.FenceAgents...)
	sort.SliceStable(agents, func(i, j int) bool { return agents[i].Order < agents[j].Order })
	for _, a := range agents {
		st.agents = append(st.agents, pmAgent{Agent: a})
	}
	return st
}

// agentTitle is how oVirt names an agent: "{type} : {address}".
func agentTitle(a wire.Agent) string { return a.Type + " : " + a.Address.Address }

// move moves agent i up (delta -1) or down (+1); out of range does
// nothing. It reports whether the order changed.
func (s *pmState) move(i, delta int) bool {
	j := i + delta
	if i < 0 || i >= len(s.agents) || j < 0 || j >= len(s.agents) {
		return false
	}
	s.agents[i], s.agents[j] = s.agents[j], s.agents[i]
	return true
}

// remove takes agent i out of the list, remembering saved ones.
func (s *pmState) remove(i int) {
	if i < 0 || i >= len(s.agents) {
		return
	}
	if id := s.agents[i].Agent.ID; id != "" {
		s.removed = append(s.removed, id)
	}
	s.agents = append(s.agents[:i:i], s.agents[i+1:]...)
}

// put adds (i < 0) or replaces agent i.
func (s *pmState) put(i int, a wire.Agent, password string) {
	if i < 0 || i >= len(s.agents) {
		s.agents = append(s.agents, pmAgent{Agent: a, Password: password, Changed: true})
		s.err = ""
		return
	}
	old := s.agents[i]
	a.ID, a.Order = old.Agent.ID, old.Agent.Order
	if password == "" {
		password = old.Password
	}
	s.agents[i] = pmAgent{Agent: a, Password: password, Changed: true}
}

// others lists the agents but i, for duplicate detection.
func (s *pmState) others(i int) []wire.Agent {
	out := make([]wire.Agent, 0, len(s.agents))
	for j, a := range s.agents {
		if j != i {
			out = append(out, a.Agent)
		}
	}
	return out
}

// validate applies the tab's own rule: power management needs an agent.
func (s *pmState) validate() bool {
	s.err = ""
	if s.enabled && len(s.agents) == 0 {
		s.err = "Add at least one fence agent, or clear Enable Power Management."
	}
	return s.err == ""
}

// hasError reports whether the tab holds an error.
func (s *pmState) hasError() bool {
	if s.err != "" {
		return true
	}
	for _, a := range s.agents {
		if a.Err != "" {
			return true
		}
	}
	return false
}

// request is the power management part of a host request.
func (s *pmState) request() *wire.PowerMgmtRequest {
	k := s.kdump
	return &wire.PowerMgmtRequest{Enabled: s.enabled, KdumpDetection: &k}
}

// agentRequest is the BFF request of an agent at position i.
func (a pmAgent) request(order int) wire.FenceAgentRequest {
	opts := map[string]string{}
	for k, v := range a.Agent.Options {
		if k != optPort {
			opts[k] = v
		}
	}
	if len(opts) == 0 {
		opts = nil
	}
	return wire.FenceAgentRequest{
		Address:        validation.HostOf(a.Agent.Address.Address),
		Type:           a.Agent.Type,
		Username:       a.Agent.Username,
		Password:       a.Password,
		Port:           a.Agent.Port,
		Order:          order,
		Options:        opts,
		EncryptOptions: a.Agent.EncryptOptions,
		Concurrent:     a.Agent.Concurrent,
	}
}

// pmTabView is what the tab needs from the dialog to draw itself.
type pmTabView struct {
	st       *pmState
	onChange func(ctx app.Context) // after a checkbox or an order change
	onAdd    func(ctx app.Context)
	onEdit   func(ctx app.Context, i int)
	onRemove func(ctx app.Context, i int)
}

// Render draws the tab.
func (v pmTabView) Render() app.UI {
	s := v.st
	off := !s.enabled
	items := make([]app.UI, 0, len(s.agents))
	for i, a := range s.agents {
		i, a := i, a
		title := agentTitle(a.Agent)
		key := strconv.Itoa(i) + "|" + a.Agent.ID + "|" + title
		items = append(items, app.Li().Class("v6-agent").ID("agent-"+strconv.Itoa(i)).DataSet("agent", title).Body(
			app.Span().Class("v6-agent__order").Aria("label", "Order").Text(strconv.Itoa(i+1)+"."),
			app.Button().Type("button").Class("pf-v6-c-button", "pf-m-link", "pf-m-inline", "v6-agent__title").
				Disabled(off).Aria("label", "Edit fence agent "+title).
				OnClick(func(ctx app.Context, e app.Event) { v.onEdit(ctx, i) }, app.EventScope("agent-edit-link", key)).
				Body(app.Span().Class("pf-v6-c-button__text").Body(
					app.Text(a.Agent.Type+" : "),
					app.Code().Text(a.Agent.Address.Address),
				)),
			app.If(a.Agent.Address.Kind != validation.HostName, func() app.UI { return form.ScopeBadge(a.Agent.Address.Scope) }),
			app.If(a.Changed, func() app.UI { return form.PfLabel("blue", "unsaved") }),
			app.Span().Class("v6-agent__actions").Body(
				form.IconButton("pen", "Edit fence agent "+title).Disabled(off).
					OnClick(func(ctx app.Context, e app.Event) { v.onEdit(ctx, i) }, app.EventScope("agent-edit", key)),
				form.IconButton("arrow-up", "Move "+title+" up").Disabled(off || i == 0).
					OnClick(func(ctx app.Context, e app.Event) {
						if s.move(i, -1) {
							v.onChange(ctx)
							form.FocusElement(ctx, "agent-"+strconv.Itoa(i-1)+"-up")
						}
					}, app.EventScope("agent-up", key)).ID("agent-"+strconv.Itoa(i)+"-up"),
				form.IconButton("arrow-down", "Move "+title+" down").Disabled(off || i == len(s.agents)-1).
					OnClick(func(ctx app.Context, e app.Event) {
						if s.move(i, 1) {
							v.onChange(ctx)
							form.FocusElement(ctx, "agent-"+strconv.Itoa(i+1)+"-down")
						}
					}, app.EventScope("agent-down", key)).ID("agent-"+strconv.Itoa(i)+"-down"),
				form.IconButton("trash", "Remove fence agent "+title).Disabled(off).
					OnClick(func(ctx app.Context, e app.Event) { v.onRemove(ctx, i) }, app.EventScope("agent-remove", key)),
			),
			app.If(a.Err != "", func() app.UI {
				return app.Div().Class("pf-v6-c-helper-text").Body(form.HelperItem("error", "agent-"+strconv.Itoa(i)+"-error", a.Err))
			}),
		))
	}
	return app.Div().Class("pf-v6-c-form", "pf-m-horizontal").Body(
		app.Div().Class("pf-v6-c-form__group").Body(
			app.Div().Class("pf-v6-c-form__group-control").Body(
				form.Checkbox("pm-enabled", "Enable Power Management", s.enabled, false, func(ctx app.Context, on bool) {
					s.enabled = on
					s.err = ""
					v.onChange(ctx)
				}),
				form.Checkbox("pm-kdump", "Kdump integration", s.kdump, off, func(ctx app.Context, on bool) {
					s.kdump = on
					v.onChange(ctx)
				}),
			),
		),
		app.Div().Class("pf-v6-c-form__section").Role("group").Aria("labelledby", "pm-agents-title").Body(
			app.Div().Class("pf-v6-c-form__section-title").ID("pm-agents-title").Text("Agents by Sequential Order"),
			app.If(len(items) == 0, func() app.UI {
				return app.P().Class("v6-muted").ID("pm-no-agents").Text("No fence agents yet.")
			}).Else(func() app.UI {
				return app.Ol().Class("v6-agents").ID("pm-agents").Aria("labelledby", "pm-agents-title").Body(items...)
			}),
			app.Div().Body(
				app.Button().Type("button").Class("pf-v6-c-button", "pf-m-link").ID("pm-add-agent").Disabled(off).
					OnClick(func(ctx app.Context, e app.Event) { v.onAdd(ctx) }).Body(
					app.Span().Class("pf-v6-c-button__icon", "pf-m-start").Body(form.Icon("plus-circle")),
					app.Span().Class("pf-v6-c-button__text").Text("Add Fence Agent"),
				),
			),
			app.If(s.err != "", func() app.UI {
				return app.Div().Class("pf-v6-c-helper-text").Role("alert").Body(form.HelperItem("error", "pm-error", s.err))
			}),
		),
	)
}
