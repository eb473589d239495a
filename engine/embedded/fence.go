package embedded

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

func renderAgent(hostID string, a ovirt.Agent) ovirt.Agent {
	a.Href = ovirt.Href("hosts", hostID, "fenceagents", a.ID)
	a.Host = ovirt.HostRef(hostID)
	return a
}

func listAgentsTx(tx *store.Tx, hostID string) ([]ovirt.Agent, error) {
	agents, err := store.ListJSON[ovirt.Agent](tx, kindAgent, hostID)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(agents, func(a, b ovirt.Agent) int { return cmpInt(a.Order.Value(), b.Order.Value()) })
	return agents, nil
}

// listAgents is GET /hosts/{id}/fenceagents (sorted by order).
func (e *Engine) listAgents(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var out ovirt.Agents
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.Host](tx, kindHost, id); err != nil {
			return err
		}
		agents, err := listAgentsTx(tx, id)
		for _, a := range agents {
			out.Agent = append(out.Agent, renderAgent(id, a))
		}
		return err
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) getAgentTx(tx *store.Tx, hostID, agentID string) (ovirt.Agent, error) {
	if _, err := getJSON[ovirt.Host](tx, kindHost, hostID); err != nil {
		return ovirt.Agent{}, err
	}
	a, err := getJSON[ovirt.Agent](tx, kindAgent, agentID)
	if err == nil && a.Host != nil && a.Host.ID != hostID {
		return a, errNotFound
	}
	return a, err
}

// getAgent is GET /hosts/{id}/fenceagents/{ag}.
func (e *Engine) getAgent(w http.ResponseWriter, r *http.Request) error {
	var a ovirt.Agent
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		a, err = e.getAgentTx(tx, r.PathValue("id"), r.PathValue("ag"))
		return err
	})
	if err != nil {
		return err
	}
	out := renderAgent(r.PathValue("id"), a)
	return writeJSON(w, http.StatusOK, &out)
}

// checkAgent applies the backend's checks of AddFenceAgent/UpdateFenceAgent:
// the bean validation of FenceAgent (its @Size limits in the Default group;
// its @HostnameOrIp on the address belongs to the PowerManagementCheck
// group, which these commands do not run, so a real engine stores any
// address and only a fence operation finds it wrong), then the supported
// type (ACTION_TYPE_FAILED_AGENT_NOT_SUPPORTED) and the port
// (VDS_ILLEGAL_PM_AGENT_PORT_VALUE).
func checkAgent(verb string, a *ovirt.Agent) error {
	var msgs []string
	msgs = append(msgs, rules.Size(a.Address, 0, rules.FenceAddressSize, "agent.ip")...)
	msgs = append(msgs, rules.Size(a.Type, 0, rules.FenceTypeSize, "agent.type")...)
	msgs = append(msgs, rules.Size(a.Username, 0, rules.FenceUserSize, "agent.user")...)
	msgs = append(msgs, rules.Size(a.Password.Reveal(), 0, rules.FencePasswordSize, "agent.password")...)
	msgs = append(msgs, rules.Size(agentOptionsString(a.Options), 0, rules.FenceOptionsSize, "agent.options")...)
	if len(msgs) > 0 {
		return badRequest(msgs...)
	}
	if a.Type != "" && !slices.Contains(ovirt.FenceAgentTypes, a.Type) {
		return badRequest("Cannot " + verb + " Fence Agent. Selected Power Management Agent is not supported.")
	}
	if a.Port != nil && (*a.Port < 1 || *a.Port > 65535) {
		return badRequest("Cannot add/modify Power Management Agent. Power Management Agent port value must be numeric between 1 and 65535.")
	}
	return nil
}

// agentOptionsString is the options as FenceAgentMapper stores them:
// "name=value" joined by commas.
func agentOptionsString(o *ovirt.Options) string {
	if o == nil {
		return ""
	}
	parts := make([]string, 0, len(o.Option))
	for _, opt := range o.Option {
		parts = append(parts, opt.Name+"="+opt.Value)
	}
	return strings.Join(parts, ",")
}

// withPortOption appends (or replaces) the option port=<n>, as the engine
// does when an agent has a port.
func withPortOption(a *ovirt.Agent) {
	if a.Port == nil {
		return
	}
	opt := ovirt.Option{Name: "port", Value: strconv.FormatInt(a.Port.Value(), 10)}
	if a.Options == nil {
		a.Options = &ovirt.Options{}
	}
	a.Options.Option = slices.DeleteFunc(a.Options.Option, func(o ovirt.Option) bool { return o.Name == "port" })
	a.Options.Option = append(a.Options.Option, opt)
}

// addAgent is POST /hosts/{id}/fenceagents. The password is required but
// never stored nor returned (the simulated BMCs do not check it).
func (e *Engine) addAgent(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := e.hostExists(r.Context(), id); err != nil {
		return err
	}
	var in ovirt.Agent
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	var missing []string
	if in.Address == "" {
		missing = append(missing, "address")
	}
	if in.Order == nil {
		missing = append(missing, "order")
	}
	if in.Type == "" {
		missing = append(missing, "type")
	}
	if in.Username == "" {
		missing = append(missing, "username")
	}
	if in.Password.Reveal() == "" {
		missing = append(missing, "password")
	}
	if len(missing) > 0 {
		return incomplete("Agent", "add", missing...)
	}
	if err := checkAgent("add", &in); err != nil {
		return err
	}
	a := ovirt.Agent{
		ID: newID(), Address: in.Address, Type: in.Type, Port: in.Port, Username: in.Username,
		Options: in.Options, Order: in.Order,
		EncryptOptions: ovirt.NewBool(in.EncryptOptions.Or(false)),
		Host:           ovirt.HostRef(id),
	}
	withPortOption(&a)
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		h, err := getJSON[ovirt.Host](tx, kindHost, id)
		if err != nil {
			return err
		}
		if err := store.PutJSON(tx, kindAgent, a.ID, id, "", a); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 43, Desc: "Host " + h.Name + " configuration was updated by " + adminAuthzName + ".", Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderAgent(id, a)
	return created(w, r, out.Href, &out)
}

// updateAgent is PUT /hosts/{id}/fenceagents/{ag}.
func (e *Engine) updateAgent(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var in ovirt.Agent
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if err := checkAgent("edit", &in); err != nil {
		return err
	}
	cid := correlationID(r)
	var a ovirt.Agent
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		var err error
		if a, err = e.getAgentTx(tx, id, r.PathValue("ag")); err != nil {
			return err
		}
		if in.Address != "" {
			a.Address = in.Address
		}
		if in.Type != "" {
			a.Type = in.Type
		}
		if in.Username != "" {
			a.Username = in.Username
		}
		if in.Order != nil {
			a.Order = in.Order
		}
		if in.Options != nil {
			a.Options = in.Options
		}
		if in.EncryptOptions != nil {
			a.EncryptOptions = in.EncryptOptions
		}
		if in.Port != nil {
			a.Port = in.Port
		}
		withPortOption(&a)
		if err := store.PutJSON(tx, kindAgent, a.ID, id, "", a); err != nil {
			return err
		}
		h, err := getJSON[ovirt.Host](tx, kindHost, id)
		if err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 43, Desc: "Host " + h.Name + " configuration was updated by " + adminAuthzName + ".", Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderAgent(id, a)
	return writeJSON(w, http.StatusOK, &out)
}

// removeAgent is DELETE /hosts/{id}/fenceagents/{ag}.
func (e *Engine) removeAgent(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		a, err := e.getAgentTx(tx, id, r.PathValue("ag"))
		if err != nil {
			return err
		}
		if err := tx.Delete(kindAgent, a.ID); err != nil {
			return err
		}
		h, err := getJSON[ovirt.Host](tx, kindHost, id)
		if err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 43, Desc: "Host " + h.Name + " configuration was updated by " + adminAuthzName + ".", Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}

// fence is POST /hosts/{id}/fence {"fence_type": status|start|stop|restart|manual}.
//
// fence_type status runs GetVdsFenceStatus: the host's agents are asked in
// order and the first that answers gives the power status. The REST API
// has no way to ask one agent (webadmin's per-agent Test uses the
// GetFenceAgentStatus query, which BackendHostResource does not expose), so
// a query parameter such as ?agent= is ignored, as on a real engine.
//
// status: 200 with power_management.status, or 200 with "status": "failed"
// and a fault when no agent answers (as the engine). start/stop/restart:
// 200 complete, or the action-with-fault shape (400 no agent answered, 409
// power management disabled or no agents).
func (e *Engine) fence(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	ft := act.FenceType
	switch ft {
	case "":
		return incomplete("Action", "fence", "fenceType")
	case ovirt.FenceTypeStatus, ovirt.FenceTypeStart, ovirt.FenceTypeStop, ovirt.FenceTypeRestart, ovirt.FenceTypeManual:
	default:
		return badEnum(string(ft), "FenceType")
	}
	cid := correlationID(r)
	var fail *apiError
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		h, err := getJSON[ovirt.Host](tx, kindHost, id)
		if err != nil {
			return err
		}
		agents, err := listAgentsTx(tx, id)
		if err != nil {
			return err
		}
		// The first agent (by order) whose BMC answers.
		var bmc *lab.BMC
		var tried []string
		for _, a := range agents {
			b, err := store.GetJSON[lab.BMC](tx, kindBMC, lab.CanonAddr(a.Address))
			if err == nil {
				bmc = &b
				break
			}
			if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			tried = append(tried, a.Type+" at "+a.Address)
		}
		verb := string(ft)
		switch ft {
		case ovirt.FenceTypeStatus:
			if bmc == nil {
				reason := "Failed to get power status: host " + h.Name + " has no fence agents."
				if len(tried) > 0 {
					reason = "Failed to get power status: fence agent(s) " + strings.Join(tried, ", ") + " did not respond."
				}
				act.Status = ovirt.ActionStatusFailed
				act.Fault = &ovirt.Fault{Reason: reason}
				return nil
			}
			act.PowerManagement = &ovirt.PowerManagement{Status: ovirt.PowerState(bmc.Power)}
			act.Status = ovirt.ActionStatusComplete
			return nil
		case ovirt.FenceTypeManual:
			act.Status = ovirt.ActionStatusComplete
			return e.addEvent(tx, eventSpec{Code: 9016, Desc: "Host " + h.Name + " was manually fenced (reboot confirmed) by " + adminAuthzName + ".", Host: &h, User: true, CID: cid})
		}
		if !h.PowerManagement.Enabled.Value() {
			fail = actionFailed(http.StatusConflict, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Cannot " + verb + " Host. Power Management is not enabled for the Host.")})
			return nil
		}
		if len(agents) == 0 {
			fail = actionFailed(http.StatusConflict, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Cannot " + verb + " Host. No fence agents are configured for the Host.")})
			return nil
		}
		if bmc == nil {
			fail = actionFailed(http.StatusBadRequest, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Cannot " + verb + " Host. Fence agent is not responding (" + strings.Join(tried, ", ") + ").")})
			return nil
		}
		var code int
		var desc string
		switch ft {
		case ovirt.FenceTypeStop:
			bmc.Power = "off"
			h.Status = ovirt.HostStatusDown
			code, desc = 21, "Host "+h.Name+" was stopped by "+adminAuthzName+"."
		case ovirt.FenceTypeStart:
			bmc.Power = "on"
			if h.Status == ovirt.HostStatusDown || h.Status == ovirt.HostStatusNonResponsive {
				h.Status = ovirt.HostStatusUp
			}
			code, desc = 20, "Host "+h.Name+" was started by "+adminAuthzName+"."
		case ovirt.FenceTypeRestart:
			bmc.Power = "on"
			h.Status = ovirt.HostStatusUp
			if act.MaintenanceAfterRestart.Value() {
				h.Status = ovirt.HostStatusMaintenance
			}
			code, desc = 41, "Host "+h.Name+" was restarted by "+adminAuthzName+"."
		}
		if err := store.PutJSON(tx, kindBMC, lab.CanonAddr(bmc.Address), "", "", bmc); err != nil {
			return err
		}
		if err := putHost(tx, h); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: code, Desc: desc, Host: &h, User: true, CID: cid}); err != nil {
			return err
		}
		jobID, err := e.addJob(tx, map[ovirt.FenceType]string{ovirt.FenceTypeStart: "Starting", ovirt.FenceTypeStop: "Stopping", ovirt.FenceTypeRestart: "Restarting"}[ft]+" Host "+h.Name, ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
		if err != nil {
			return err
		}
		act.Job = ovirt.JobRef(jobID)
		act.PowerManagement = &ovirt.PowerManagement{Status: ovirt.PowerState(bmc.Power)}
		act.Status = ovirt.ActionStatusComplete
		return nil
	})
	if err != nil {
		return err
	}
	if fail != nil {
		return fail
	}
	return writeJSON(w, http.StatusOK, &act)
}
