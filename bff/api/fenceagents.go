package api

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// toAPI converts the agent for the engine (address bare), with order def
// when none was given; problems go to errs under prefix. The engine has no
// "concurrent" member (FenceAgentMapper): a concurrent agent is one with the
// same order as another, so callers pass as def the order it shares.
func agentToAPI(r *wire.FenceAgentRequest, prefix string, def int, errs fieldErrs) *ovirt.Agent {
	a := &ovirt.Agent{
		Address:        r.Address.String(), // parsed once, when decoded (Validate reports a refusal)
		Type:           r.Type,
		Username:       r.Username,
		Password:       ovirt.Secret(r.Password),
		EncryptOptions: ovirt.NewBool(r.EncryptOptions),
	}
	if r.Port != 0 {
		a.Port = ovirt.NewInt(r.Port)
	}
	order := r.Order
	if order == 0 {
		order = def
	}
	a.Order = ovirt.NewInt(order)
	if len(r.Options) > 0 {
		keys := make([]string, 0, len(r.Options))
		for k := range r.Options {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		a.Options = &ovirt.Options{}
		for _, k := range keys {
			a.Options.Option = append(a.Options.Option, ovirt.Option{Name: k, Value: r.Options[k]})
		}
	}
	return a
}

func viewAgent(a *ovirt.Agent) wire.Agent {
	v := wire.Agent{ID: a.ID, Address: wire.HostAddr(a.Address), Type: a.Type, Username: a.Username,
		EncryptOptions: bool(ovirt.Deref(a.EncryptOptions))}
	if a.Port != nil {
		v.Port = int(*a.Port)
	}
	if a.Order != nil {
		v.Order = int(*a.Order)
	}
	if a.Options != nil && len(a.Options.Option) > 0 {
		v.Options = map[string]string{}
		for _, o := range a.Options.Option {
			v.Options[o.Name] = o.Value
		}
	}
	return v
}

func viewAgents(as []ovirt.Agent) []wire.Agent {
	out := make([]wire.Agent, 0, len(as))
	for i := range as {
		out = append(out, viewAgent(&as[i]))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	for i := 1; i < len(out); i++ { // same order as the one before: concurrent
		out[i].Concurrent = out[i].Order == out[i-1].Order
	}
	return out
}

func (h *handlers) bindFenceAgents(g *echo.Group) {
	g.GET("/hosts/:id/fence-agents", h.listAgents)
	g.POST("/hosts/:id/fence-agents", h.addAgent)
	g.PUT("/hosts/:id/fence-agents/order", h.orderAgents)
	g.POST("/hosts/:id/fence-agents/test", h.testAgents)
	g.POST("/hosts/:id/fence-agents/:agent/test", h.testAgent)
	g.PUT("/hosts/:id/fence-agents/:agent", h.editAgent)
	g.DELETE("/hosts/:id/fence-agents/:agent", h.removeAgent)
}

func (h *handlers) listAgents(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	as, err := s.ListFenceAgents(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	return c.JSON(http.StatusOK, wire.AgentList{FenceAgents: viewAgents(as)})
}

func (h *handlers) addAgent(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	var req wire.FenceAgentRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	if req.Password == "" {
		errs.set("password", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	def := 1
	if req.Order == 0 {
		existing, err := s.ListFenceAgents(engineCtx(c), id)
		if err != nil {
			return engineError(err)
		}
		def = len(existing) + 1
		if req.Concurrent && len(existing) > 0 { // concurrent with the last agent: its order
			last := 1
			for _, e := range existing {
				last = max(last, int(ovirt.Deref(e.Order)))
			}
			def = last
		}
	}
	a := agentToAPI(&req, "", def, errs)
	if err := errs.err(); err != nil {
		return err
	}
	got, err := s.AddFenceAgent(engineCtx(c), id, a)
	if err != nil {
		return engineError(err)
	}
	return c.JSON(http.StatusCreated, viewAgent(got))
}

func (h *handlers) editAgent(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	agentID, err := pathID(c, "agent")
	if err != nil {
		return err
	}
	var req wire.FenceAgentRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	def := req.Order
	if def == 0 {
		cur, err := s.GetFenceAgent(engineCtx(c), id, agentID)
		if err != nil {
			return engineError(err)
		}
		def = int(ovirt.Deref(cur.Order))
	}
	a := agentToAPI(&req, "", def, errs)
	if err := errs.err(); err != nil {
		return err
	}
	got, err := s.UpdateFenceAgent(engineCtx(c), id, agentID, a)
	if err != nil {
		return engineError(err)
	}
	return c.JSON(http.StatusOK, viewAgent(got))
}

func (h *handlers) removeAgent(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	agentID, err := pathID(c, "agent")
	if err != nil {
		return err
	}
	if err := s.RemoveFenceAgent(engineCtx(c), id, agentID); err != nil {
		return engineError(err)
	}
	return noContent(c)
}

// orderAgents renumbers the agents 1..n in the given order; the list must
// name every agent of the host exactly once.
func (h *handlers) orderAgents(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	var req wire.OrderRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	cur, err := s.ListFenceAgents(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	have := map[string]bool{}
	for _, a := range cur {
		have[a.ID] = true
	}
	seen := map[string]bool{}
	for i, aid := range req.IDs {
		if !have[aid] || seen[aid] {
			return apierr.Validation(map[string]wire.FieldError{"ids." + itoa(i): {Code: "unknown_agent", Message: "This is not a fence agent of the host, or it is listed twice."}})
		}
		seen[aid] = true
	}
	if len(seen) != len(have) {
		return apierr.Validation(map[string]wire.FieldError{"ids": {Code: "incomplete", Message: "List every fence agent of the host."}})
	}
	for i, aid := range req.IDs {
		if _, err := s.UpdateFenceAgent(engineCtx(c), id, aid, &ovirt.Agent{Order: ovirt.NewInt(i + 1)}); err != nil {
			return engineError(err)
		}
	}
	as, err := s.ListFenceAgents(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	return c.JSON(http.StatusOK, wire.AgentList{FenceAgents: viewAgents(as)})
}

// testAgents asks the engine for the host's power status through its fence
// agents, as the Power Management dialog's Test button does.
func (h *handlers) testAgents(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	act, err := s.FenceHost(engineCtx(c), id, ovirt.FenceTypeStatus)
	return fenceTestResult(c, act, err, "host", "")
}

// testAgent is the Edit Fence Agent dialog's Test of one saved agent. The
// oVirt REST API cannot test one agent: fence with fence_type status runs
// GetVdsFenceStatus, which asks the host's agents in order and answers
// with the first that responds (webadmin tests one agent with the
// GetFenceAgentStatus query, which BackendHostResource does not expose,
// and a real engine ignores any ?agent= parameter). So the Test asks the
// engine for the host's status and says what was tested: when the agent
// is the host's only one the answer is this agent's; otherwise it is the
// host's agents', in order, and the message says so. An unsaved agent
// cannot be tested: adding one for a test would have side effects (events,
// an agent other sessions see).
func (h *handlers) testAgent(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	agentID, err := pathID(c, "agent")
	if err != nil {
		return err
	}
	agents, err := s.ListFenceAgents(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	found := false
	for _, a := range agents {
		found = found || a.ID == agentID
	}
	if !found {
		return apierr.NotFound("This fence agent does not belong to the host.")
	}
	act, err := s.FenceHost(engineCtx(c), id, ovirt.FenceTypeStatus)
	if len(agents) == 1 {
		return fenceTestResult(c, act, err, "agent", " (through this agent, the host's only one)")
	}
	name := id
	if host, herr := s.GetHost(engineCtx(c), id); herr == nil && host.Name != "" {
		name = host.Name
	}
	scope := fmt.Sprintf(" (the engine tested host %s's %d agents in order and cannot test one agent alone: the answer may come from another agent)", name, len(agents))
	if err == nil && act.PowerManagement != nil && act.PowerManagement.Status != "" && act.PowerManagement.Status != "unknown" {
		return c.JSON(http.StatusOK, wire.FenceTest{OK: true, PowerState: string(act.PowerManagement.Status), Tested: "host",
			Message: fmt.Sprintf("The engine tested host %s's %d agents in order: power %s. It cannot test one agent alone, so the answer may come from another agent.",
				name, len(agents), act.PowerManagement.Status)})
	}
	return fenceTestResult(c, act, err, "host", scope)
}

// fenceTestResult words a fence status answer as the Test button shows it;
// tested and scope (appended to the message) say what the engine tested.
func fenceTestResult(c echo.Context, act *ovirt.Action, err error, tested, scope string) error {
	if err != nil {
		var ce *client.Error
		if errors.As(err, &ce) && (errors.Is(err, client.ErrActionFailed) || ce.Status == http.StatusBadRequest || ce.Status == http.StatusConflict) {
			msg := strings.Join(ce.Messages(), " ")
			if msg == "" {
				msg = "the agent did not answer"
			}
			return c.JSON(http.StatusOK, wire.FenceTest{OK: false, Message: "Test failed: " + msg + scope, Tested: tested})
		}
		return engineError(err)
	}
	state := "unknown"
	if act.PowerManagement != nil && act.PowerManagement.Status != "" {
		state = string(act.PowerManagement.Status)
	}
	if state == "unknown" {
		return c.JSON(http.StatusOK, wire.FenceTest{OK: false, PowerState: state, Message: "Test failed: the power status is unknown." + scope, Tested: tested})
	}
	return c.JSON(http.StatusOK, wire.FenceTest{OK: true, PowerState: state, Message: "Test successful: power " + state + scope, Tested: tested})
}
