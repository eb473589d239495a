package embedded

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// maxConnectivityTimeout caps connectivity_timeout (seconds) at the
// engine's Integer range.
const maxConnectivityTimeout = math.MaxInt32

// msgInProgress is the engine's text when the host's network lock is taken
// (ACTION_TYPE_FAILED_SETUP_NETWORKS_OR_REFRESH_IN_PROGRESS), HTTP 409.
const msgInProgress = netplan.CannotSetup + "Another Setup Networks or Host Refresh process in progress on the host. Please try later."

// netChange is one host network change request.
type netChange struct {
	act               *ovirt.Action
	mode              netplan.Mode
	checkConnectivity bool
	connTimeout       time.Duration // connectivity_timeout; zero: Config.ConnectivityTimeout
	commit            bool
}

// planNetworks validates a change against the host's current state with
// netplan and computes the new state; a refusal becomes the engine's
// fault. Nothing is written.
func planNetworks(hc *hostCtx, ch *netChange) (*netplan.Plan, error) {
	h := &netplan.Host{
		Name:    hc.host.Name,
		Net:     hc.hn,
		Cluster: hc.nets,
		ByName:  hc.byName,
		All:     hc.all,
		Lookup:  hc.other,
		NewID:   newID,
	}
	p, err := netplan.Make(h, netplan.Request{Action: ch.act, Mode: ch.mode})
	var ref *netplan.Refusal
	if errors.As(err, &ref) {
		return nil, refusalFault(ref)
	}
	return p, err
}

// refusalFault is the engine's fault for a planner's refusal.
func refusalFault(r *netplan.Refusal) *apiError {
	switch r.Kind {
	case netplan.Conflict:
		return conflict(r.Detail)
	case netplan.Invalid:
		return invalidValue(r.Detail)
	case netplan.NotFound:
		return errNotFound
	}
	return badRequest(r.Detail)
}

// connLostError reports that the connectivity check rolled a change back.
type connLostError struct{ host, network string }

func (c *connLostError) Error() string { return "connectivity lost" }

func (c *connLostError) fault() *apiError {
	return badRequest("Failed to setup networks on host " + c.host + ": connectivity check failed, the management network " + c.network + " would lose its IP address. The host rolled the changes back.")
}

// netResult is the outcome of a committed change.
type netResult struct {
	jobID string
	hc    *hostCtx // state after the change
	plan  *netplan.Plan
}

var hostStatusesForNetworks = []ovirt.HostStatus{ovirt.HostStatusUp, ovirt.HostStatusMaintenance, ovirt.HostStatusNonOperational, ovirt.HostStatusNonResponsive}

// runNetChange validates and applies a host network change:
//
//  1. the host's network lock is taken without waiting (a concurrent change
//     gets 409 msgInProgress) and held to the end;
//  2. the change is validated against a snapshot; a refused change writes
//     nothing;
//  3. one transaction writes the job (started, see netjob.go) and event
//     10902, so pollers of GET /events and /jobs see the change running;
//  4. simulated vdsm applies it (Config.NetworkApplyDelay);
//  5. the final transaction re-checks the state version, simulates the
//     reported addresses and DHCP leases, runs the connectivity check and
//     writes the state, ends the job (finished) and writes 10903 and the
//     other events;
//  6. if the management network would lose its address (check_connectivity),
//     vdsm waits connectivity_timeout for the engine, then rolls back: the
//     state is unchanged, the job failed, event 10904, 400;
//  7. any other failure after step 3 ends the job failed (aborted if the
//     engine closes) with event 10904.
//
// Once validated (step 3), the change no longer depends on the request: a
// client that goes away (a reloaded page, a cut connection) does not abort
// it, as on the real engine, whose command runs to its end whoever waits
// for the answer; it ends as it would have, its job and events tell how.
func (e *Engine) runNetChange(ctx context.Context, r *http.Request, hostID string, ch *netChange) (*netResult, error) {
	done, ok := e.track()
	if !ok {
		return nil, errEngineClosing
	}
	defer done()
	unlock, ok := e.locks.tryLock(hostID)
	if !ok {
		if err := e.hostExists(ctx, hostID); err != nil {
			return nil, err
		}
		return nil, conflict(msgInProgress)
	}
	defer unlock()
	var hc *hostCtx
	var plan *netplan.Plan
	err := e.st.View(ctx, func(tx *store.Tx) error {
		var err error
		if hc, err = e.loadHostCtx(tx, hostID); err != nil {
			return err
		}
		if !slices.Contains(hostStatusesForNetworks, hc.host.Status) {
			return conflict(netplan.CannotSetup + "Host status must be either Up, Maintenance, NonOperational or NonResponsive; host " + hc.host.Name + " is " + string(hc.host.Status) + ".")
		}
		hc.other = func(id string) *netplan.Network {
			n, err := store.GetJSON[netplan.Network](tx, kindNetwork, id)
			if err != nil {
				return nil
			}
			return &n
		}
		defer func() { hc.other = nil }()
		plan, err = planNetworks(hc, ch)
		return err
	})
	if err != nil {
		return nil, err
	}
	job, err := e.startNetJob(ctx, hc.host, correlationID(r))
	if err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx) // validated: the change outlives its request
	res, err := e.applyNetChange(ctx, hc, plan, ch, job)
	if err == nil {
		return res, nil
	}
	var lost *connLostError
	if errors.As(err, &lost) {
		// vdsm keeps the new configuration until the engine fails to reach
		// the host for connectivity_timeout, then rolls it back.
		timeout := ch.connTimeout
		if timeout <= 0 {
			timeout = e.cfg.ConnectivityTimeout
		}
		e.log.Info("setupnetworks: connectivity check failed; rolling back after the timeout", "host", lost.host, "timeout", timeout)
		if werr := e.wait(ctx, timeout); werr != nil {
			err = werr
		} else {
			e.failNetJob(ctx, job, ovirt.JobStatusFailed)
			return nil, lost.fault()
		}
	}
	var aborted *errAborted
	if errors.As(err, &aborted) {
		e.log.Info("setupnetworks aborted", "host", hc.host.Name, "reason", aborted.Error())
		e.failNetJob(ctx, job, ovirt.JobStatusAborted)
		return nil, abortedFault(hc.host.Name, aborted)
	}
	e.failNetJob(ctx, job, ovirt.JobStatusFailed)
	return nil, err
}

// applyNetChange is steps 4 and 5 of runNetChange: simulated vdsm's work,
// then the final transaction. It returns a *connLostError (nothing
// written) when the connectivity check fails.
func (e *Engine) applyNetChange(ctx context.Context, hc *hostCtx, plan *netplan.Plan, ch *netChange, job *netJob) (*netResult, error) {
	if err := e.wait(ctx, e.cfg.NetworkApplyDelay); err != nil {
		return nil, err
	}
	if e.beforeApply != nil {
		e.beforeApply(hc.host.ID)
	}
	cid := job.CID
	res := &netResult{plan: plan, jobID: job.JobID}
	err := e.st.Update(ctx, func(tx *store.Tx) error {
		cur, err := e.loadHostCtx(tx, hc.host.ID)
		if err != nil {
			return err
		}
		if cur.hn.Version != hc.hn.Version {
			return conflict(msgInProgress)
		}
		hn := plan.Net
		for i := range plan.Removed {
			if err := releaseLeases(tx, &plan.Removed[i]); err != nil {
				return err
			}
		}
		for i := range hn.Atts {
			a := &hn.Atts[i]
			nw := cur.all[a.NetworkID]
			if nw == nil {
				return conflict(netplan.CannotSetup + "Network " + a.NetworkID + " no longer exists.")
			}
			if nw.VLAN() != 0 && a.VlanNicID == "" {
				a.VlanNicID = newID()
			} else if nw.VLAN() == 0 {
				a.VlanNicID = ""
			}
			if plan.Dirty[a.ID] {
				if err := simulate(tx, hn, nw, a); err != nil {
					return err
				}
			}
		}
		had, has := mgmtHasAddress(cur.hn, cur.mgmtID), mgmtHasAddress(hn, cur.mgmtID)
		if had && !has && ch.checkConnectivity {
			return &connLostError{host: cur.host.Name, network: netNameOf(cur, cur.mgmtID)}
		}
		hn.Committed = ch.commit
		if err := saveHostNet(tx, hn); err != nil {
			return err
		}
		host := cur.host
		if len(plan.Synced) > 0 {
			if err := e.addEvent(tx, eventSpec{Code: 1148, Desc: "Host " + host.Name + "'s following network(s) were synchronized with their Logical Network configuration: " + strings.Join(plan.Synced, ", ") + ".", Host: &host, User: true, CID: cid}); err != nil {
				return err
			}
		}
		if err := e.addEvent(tx, eventSpec{Code: 10903, Desc: "(1/1): Successfully applied changes on host " + host.Name + ". (User: " + adminAuthzName + ")", Host: &host, User: true, CID: cid}); err != nil {
			return err
		}
		switch {
		case !has && host.Status == ovirt.HostStatusUp:
			host.Status = ovirt.HostStatusNonResponsive
			if err := e.addEvent(tx, eventSpec{Code: 12, Severity: ovirt.LogSeverityError, Desc: "Host " + host.Name + " is non responsive.", Host: &host, CID: cid}); err != nil {
				return err
			}
		case has && host.Status == ovirt.HostStatusNonResponsive:
			host.Status = ovirt.HostStatusUp
			if err := e.addEvent(tx, eventSpec{Code: 13, Desc: "Status of host " + host.Name + " was set to Up.", Host: &host, CID: cid}); err != nil {
				return err
			}
		}
		if host.Status != cur.host.Status {
			if err := putHost(tx, host); err != nil {
				return err
			}
		}
		if err := e.endNetJob(tx, job, ovirt.JobStatusFinished); err != nil {
			return err
		}
		cur.host = host
		cur.hn = hn
		res.hc = cur
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func netNameOf(hc *hostCtx, id string) string {
	if n := hc.all[id]; n != nil {
		return n.API.Name
	}
	return id
}

// mgmtHasAddress reports whether the management network is attached and
// has an IPv4 or global IPv6 address.
func mgmtHasAddress(hn *netplan.HostNet, mgmtID string) bool {
	if mgmtID == "" {
		return true
	}
	a := hn.AttByNetwork(mgmtID)
	return a != nil && a.Rep.HasAddress()
}

func (e *Engine) hostExists(ctx context.Context, id string) error {
	return e.st.View(ctx, func(tx *store.Tx) error {
		_, err := tx.Get(kindHost, id)
		if errors.Is(err, store.ErrNotFound) {
			return errNotFound
		}
		return err
	})
}

// setupNetworks is POST /hosts/{id}/setupnetworks.
func (e *Engine) setupNetworks(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	ch := &netChange{act: &act, mode: netplan.ModeSetup, checkConnectivity: act.CheckConnectivity.Or(true), commit: act.CommitOnSuccess.Or(false)}
	if s := act.ConnectivityTimeout.Value(); s > 0 {
		ch.connTimeout = time.Duration(min(s, maxConnectivityTimeout)) * time.Second
	}
	e.allowLongAnswer(w, ch.connTimeout)
	res, err := e.runNetChange(r.Context(), r, id, ch)
	if err != nil {
		return err
	}
	act.Status = ovirt.ActionStatusComplete
	act.Fault = nil
	act.Host = ovirt.HostRef(id) // the REST layer's setActionItem
	act.Job = ovirt.JobRef(res.jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// allowLongAnswer lets the answer of a network change be written after
// the longest it may take (the apply delay and the connectivity wait, plus
// a minute), whatever the write timeout of the server it is mounted in
// (v6admin's listener has 5 minutes; connectivity_timeout may be 10).
// Servers whose writer cannot do it are left as they are.
func (e *Engine) allowLongAnswer(w http.ResponseWriter, connTimeout time.Duration) {
	if connTimeout <= 0 {
		connTimeout = e.cfg.ConnectivityTimeout
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(e.cfg.NetworkApplyDelay + connTimeout + time.Minute))
}

// syncAllNetworks is POST /hosts/{id}/syncallnetworks.
func (e *Engine) syncAllNetworks(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	e.allowLongAnswer(w, 0)
	res, err := e.runNetChange(r.Context(), r, id, &netChange{act: &ovirt.Action{}, mode: netplan.ModeSyncAll, checkConnectivity: true, commit: true})
	if err != nil {
		return err
	}
	act.Status = ovirt.ActionStatusComplete
	act.Host = ovirt.HostRef(id) // the REST layer's setActionItem
	act.Job = ovirt.JobRef(res.jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// commitNetConfig is POST /hosts/{id}/commitnetconfig.
func (e *Engine) commitNetConfig(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	unlock, ok := e.locks.tryLock(id)
	if !ok {
		return conflict(msgInProgress)
	}
	defer unlock()
	cid := correlationID(r)
	var jobID string
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		hc, err := e.loadHostCtx(tx, id)
		if err != nil {
			return err
		}
		hc.hn.Committed = true
		if err := saveHostNet(tx, hc.hn); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 1104, Desc: "Network changes were saved on host " + hc.host.Name, Host: &hc.host, User: true, CID: cid}); err != nil {
			return err
		}
		jobID, err = e.addJob(tx, "Committing network changes on host "+hc.host.Name, ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
		return err
	})
	if err != nil {
		return err
	}
	act.Status = ovirt.ActionStatusComplete
	act.Host = ovirt.HostRef(id) // the REST layer's setActionItem
	act.Job = ovirt.JobRef(jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// SimulateDrift makes the attachment of network (name or id) on host
// hostID out of sync, as if someone had changed the host by hand: the
// reported MTU moves by 100 and, for a static IPv4 configuration, the
// reported gateway is cleared. GET .../networkattachments then shows
// in_sync "false"; setupnetworks synchronized_network_attachments or
// syncallnetworks repair it. It writes a warning event (code 1146).
func (e *Engine) SimulateDrift(ctx context.Context, hostID, network string) error {
	unlock := e.locks.lock(hostID)
	defer unlock()
	return e.st.Update(ctx, func(tx *store.Tx) error {
		hc, err := e.loadHostCtx(tx, hostID)
		if err != nil {
			return fmt.Errorf("embedded: drift: host %s: %w", hostID, err)
		}
		n := hc.byName[network]
		if n == nil {
			n = hc.all[network]
		}
		if n == nil {
			return fmt.Errorf("embedded: drift: no network %q", network)
		}
		a := hc.hn.AttByNetwork(n.API.ID)
		if a == nil {
			return fmt.Errorf("embedded: drift: network %s is not attached to host %s", n.API.Name, hc.host.Name)
		}
		if a.Rep.MTU > 1400 {
			a.Rep.MTU -= 100
		} else {
			a.Rep.MTU += 100
		}
		if a.Rep.V4Proto == netsim.ProtoStatic {
			a.Rep.V4Gateway = ""
		}
		if err := saveHostNet(tx, hc.hn); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 1146, Severity: ovirt.LogSeverityWarning, Desc: "Host " + hc.host.Name + "'s following network(s) are not synchronized with their Logical Network configuration: " + n.API.Name + ".", Host: &hc.host})
	})
}
