package embedded

import (
	"context"
	"errors"
	"net/http"
	"time"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// A host network change (setupnetworks, syncallnetworks, network
// attachment add/update/remove) is visible while it runs, as on the real
// engine: once validated, one transaction writes its job (status started,
// step "Validating" finished, step "Executing" started) and event 10902;
// simulated vdsm then applies the change, and the final transaction writes
// the new state, ends the job (finished) and writes 10903 and the other
// events. A change that fails after 10902 ends its job failed (aborted when
// the engine closes) with event 10904; the request going away does not end
// it. A netJob document
// marks the job as running until it ends, so Open can fail a job that a
// crash left started.

// netJob is a running host network change.
type netJob struct {
	JobID    string `json:"job_id"`
	HostID   string `json:"host_id"`
	HostName string `json:"host_name"`
	Cluster  string `json:"cluster,omitempty"`
	CID      string `json:"correlation_id,omitempty"`
}

// host is the host reference events need (id, name, cluster).
func (j *netJob) host() *ovirt.Host {
	h := &ovirt.Host{ID: j.HostID, Name: j.HostName}
	if j.Cluster != "" {
		h.Cluster = ovirt.ClusterRef(j.Cluster)
	}
	return h
}

// netJobDesc is the job description of a host network change.
func netJobDesc(host string) string { return "Setup Networks on host " + host }

// recordTimeout bounds the transaction that records a failed change; it
// runs even when the request's context is done.
const recordTimeout = 30 * time.Second

// startNetJob writes, in its own transaction, the job of a validated
// change (started) and event 10902.
func (e *Engine) startNetJob(ctx context.Context, host ovirt.Host, cid string) (*netJob, error) {
	j := &netJob{HostID: host.ID, HostName: host.Name, CID: cid}
	if host.Cluster != nil {
		j.Cluster = host.Cluster.ID
	}
	err := e.st.Update(ctx, func(tx *store.Tx) error {
		id, err := e.addJob(tx, netJobDesc(host.Name), ovirt.JobStatusStarted, []stepSpec{
			{Type: ovirt.StepTypeValidating, Desc: "Validating", Status: ovirt.JobStatusFinished},
			{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusStarted},
		})
		if err != nil {
			return err
		}
		j.JobID = id
		if err := store.PutJSON(tx, kindNetJob, id, host.ID, "", j); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 10902, Desc: "(1/1): Applying network's changes on host " + host.Name + ". (User: " + adminAuthzName + ")", Host: &host, User: true, CID: cid})
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

// endNetJob ends the job (and its running step) with status and drops
// its running mark.
func (e *Engine) endNetJob(tx *store.Tx, j *netJob, status ovirt.JobStatus) error {
	if err := e.endJob(tx, j.JobID, status); err != nil {
		return err
	}
	if err := tx.Delete(kindNetJob, j.JobID); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return nil
}

// writeNetJobFailure ends the job failed or aborted and writes event 10904.
func (e *Engine) writeNetJobFailure(tx *store.Tx, j *netJob, status ovirt.JobStatus) error {
	if err := e.endNetJob(tx, j, status); err != nil {
		return err
	}
	return e.addEvent(tx, eventSpec{Code: 10904, Severity: ovirt.LogSeverityError, Desc: "(1/1): Failed to apply changes on host " + j.HostName + ". (User: " + adminAuthzName + ")", Host: j.host(), User: true, CID: j.CID})
}

// failNetJob records a change that failed after its job started, in a
// transaction of its own that runs even if ctx is done (the client went
// away). If even that fails, the running mark stays and the next Open
// ends the job.
func (e *Engine) failNetJob(ctx context.Context, j *netJob, status ovirt.JobStatus) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err := e.st.Update(rctx, func(tx *store.Tx) error { return e.writeNetJobFailure(tx, j, status) }); err != nil {
		e.log.Error("recording a failed host network change", "host", j.HostName, "job", j.JobID, "err", err)
	}
}

// recoverNetJobs fails the jobs of host network changes that were running
// when the engine stopped (crash): vdsm rolled them back.
func (e *Engine) recoverNetJobs(ctx context.Context) error {
	return e.st.Update(ctx, func(tx *store.Tx) error {
		js, err := store.ListAllJSON[netJob](tx, kindNetJob)
		if err != nil {
			return err
		}
		for i := range js {
			e.log.Warn("host network change interrupted by a restart: failing its job", "host", js[i].HostName, "job", js[i].JobID)
			if err := e.writeNetJobFailure(tx, &js[i], ovirt.JobStatusFailed); err != nil {
				return err
			}
		}
		return nil
	})
}

// errAborted is why a running change was abandoned: the engine closes.
type errAborted struct{ closing bool }

func (a *errAborted) Error() string {
	if a.closing {
		return "the engine is shutting down"
	}
	return "the request was cancelled"
}

// abortedFault answers a change abandoned before it was applied: nothing
// was changed on the host.
func abortedFault(host string, why error) *apiError {
	return &apiError{Status: http.StatusServiceUnavailable, Fault: &ovirt.Fault{Reason: reasonFailed,
		Detail: bracket("Failed to setup networks on host " + host + ": " + why.Error() + "; no change was applied.")}}
}

// errEngineClosing answers requests that arrive while the engine closes.
var errEngineClosing = &apiError{Status: http.StatusServiceUnavailable, Fault: &ovirt.Fault{Reason: reasonFailed, Detail: bracket("The engine is shutting down. Please try later.")}}

// wait sleeps d, simulated vdsm's work, unless the request is cancelled
// or the engine closes (an *errAborted).
func (e *Engine) wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return &errAborted{}
	case <-e.ctx.Done():
		return &errAborted{closing: true}
	}
}

// track registers a request that writes after waiting (a host network
// change), so Close waits until it has recorded its outcome; ok is false
// once the engine is closing.
func (e *Engine) track() (done func(), ok bool) {
	e.bgMu.Lock()
	defer e.bgMu.Unlock()
	if e.ctx.Err() != nil {
		return nil, false
	}
	e.wg.Add(1)
	return e.wg.Done, true
}
