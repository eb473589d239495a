package embedded

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"

	"v6admin/engine/api"
	"v6admin/engine/embedded/store"
)

// Document kinds. API-visible entities are stored as their api type (or a
// small wrapper holding it); simulation state lives in kinds of its own.
const (
	kindToken        = "token"
	kindDC           = "datacenter"
	kindCluster      = "cluster"
	kindNetwork      = "network"     // netplan.Network
	kindHost         = "host"        // api.Host
	kindHostNet      = "hostnet"     // netplan.HostNet: NICs, bonds, attachments, reported state
	kindInstall      = "install"     // installDoc: pending simulated installations
	kindAgent        = "agent"       // api.Agent, parent = host id
	kindBMC          = "bmc"         // bmcDoc, id = canonical address
	kindLease        = "lease"       // DHCP leases, id = network/address, parent = owner
	kindEvent        = "event"       // api.Event, id = index
	kindJob          = "job"         // api.Job
	kindStep         = "step"        // api.Step, parent = job id
	kindISCSITarget  = "iscsitgt"    // iscsiTarget
	kindISCSISession = "iscsisess"   // iscsiSession, parent = host id
	kindNFSServer    = "nfsserver"   // nfsServer, id = canonical address
	kindSD           = "sd"          // sdDoc
	kindEndpoint     = "endpoint"    // simulated provider endpoints, id = scheme://host:port
	kindTrustedCert  = "trustcert"   // trustedCert, id = hex SHA-256 of the DER
	kindISCSIPortal  = "iscsiportal" // iscsiPortal, id = address|port|
	kindNetJob       = "netjob"      // netJob: a running host network change, id = job id, parent = host id
)

// Meta keys.
const (
	metaSeeded     = "seeded"
	metaInstanceID = "instance_id"
	metaAdminID    = "admin_id"
)

// installDoc is a pending simulated installation.
type installDoc struct {
	HostID   string `json:"host_id"`
	JobID    string `json:"job_id"`
	Activate bool   `json:"activate"`
	Due      int64  `json:"due"` // epoch ms
}

// getJSON reads (kind, id); store.ErrNotFound becomes errNotFound (404).
func getJSON[T any](tx *store.Tx, kind, id string) (T, error) {
	v, err := store.GetJSON[T](tx, kind, id)
	if errors.Is(err, store.ErrNotFound) {
		return v, errNotFound
	}
	return v, err
}

// eventSpec describes an audit log entry.
type eventSpec struct {
	Code     int
	Severity api.LogSeverity
	Desc     string
	Host     *api.Host // id and name used
	Cluster  string
	DC       string
	SD       *api.StorageDomain
	User     bool // written on behalf of admin@internal
	CID      string
}

// addEvent appends an event; its index comes from a counter that never
// goes back.
func (e *Engine) addEvent(tx *store.Tx, ev eventSpec) error {
	idx, err := tx.NextSeq(kindEvent)
	if err != nil {
		return err
	}
	if ev.Severity == "" {
		ev.Severity = api.LogSeverityNormal
	}
	id := strconv.FormatInt(idx, 10)
	out := api.Event{
		ID:          id,
		Href:        api.Href("events", id),
		Index:       api.NewInt(idx),
		Code:        api.NewInt(ev.Code),
		Severity:    ev.Severity,
		Time:        api.NewTime(e.now()),
		Description: ev.Desc,
		Origin:      "oVirt",
		CustomID:    api.NewInt(-1),
		FloodRate:   api.NewInt(30),
	}
	if ev.CID != "" {
		out.CorrelationID = ev.CID
	}
	if ev.Host != nil {
		out.Host = &api.Host{ID: ev.Host.ID, Href: api.Href("hosts", ev.Host.ID), Name: ev.Host.Name}
		if ev.Cluster == "" && ev.Host.Cluster != nil {
			ev.Cluster = ev.Host.Cluster.ID
		}
	}
	if ev.Cluster != "" {
		out.Cluster = api.ClusterRef(ev.Cluster)
	}
	if ev.DC != "" {
		out.DataCenter = api.DataCenterRef(ev.DC)
	}
	if ev.SD != nil {
		out.StorageDomain = &api.StorageDomain{ID: ev.SD.ID, Href: api.Href("storagedomains", ev.SD.ID), Name: ev.SD.Name}
	}
	if ev.User {
		out.User = &api.User{ID: e.adminID, Href: api.Href("users", e.adminID), Name: adminAuthzName}
	}
	return store.PutJSON(tx, kindEvent, id, "", "", out)
}

// stepSpec describes a job step.
type stepSpec struct {
	Type   api.StepType
	Desc   string
	Status api.JobStatus
}

// addJob records a job with its steps; finished jobs get an end time.
func (e *Engine) addJob(tx *store.Tx, desc string, status api.JobStatus, steps []stepSpec) (string, error) {
	id := newID()
	now := api.NewTime(e.now())
	job := api.Job{
		ID:          id,
		Href:        api.Href("jobs", id),
		Description: desc,
		Status:      status,
		StartTime:   now,
		LastUpdated: now,
		External:    api.NewBool(false),
		AutoCleared: api.NewBool(true),
		Owner:       &api.User{ID: e.adminID, Href: api.Href("users", e.adminID)},
	}
	if status != api.JobStatusStarted {
		job.EndTime = now
	}
	if err := store.PutJSON(tx, kindJob, id, "", "", job); err != nil {
		return "", err
	}
	for i, s := range steps {
		sid := newID()
		st := api.Step{
			ID:          sid,
			Href:        api.Href("jobs", id, "steps", sid),
			Description: s.Desc,
			Type:        s.Type,
			Number:      api.NewInt(i + 1),
			Status:      s.Status,
			StartTime:   now,
			External:    api.NewBool(false),
			Job:         api.JobRef(id),
		}
		if s.Status != api.JobStatusStarted {
			st.EndTime = now
			st.Progress = api.NewInt(100)
		} else {
			st.Progress = api.NewInt(0)
		}
		if err := store.PutJSON(tx, kindStep, sid, id, "", st); err != nil {
			return "", err
		}
	}
	return id, nil
}

// endJob marks a job and its unfinished steps finished or failed.
func (e *Engine) endJob(tx *store.Tx, jobID string, status api.JobStatus) error {
	job, err := store.GetJSON[api.Job](tx, kindJob, jobID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	now := api.NewTime(e.now())
	job.Status, job.EndTime, job.LastUpdated = status, now, now
	if err := store.PutJSON(tx, kindJob, jobID, "", "", job); err != nil {
		return err
	}
	steps, err := store.ListJSON[api.Step](tx, kindStep, jobID)
	if err != nil {
		return err
	}
	for _, s := range steps {
		if s.Status != api.JobStatusStarted {
			continue
		}
		s.Status, s.EndTime, s.Progress = status, now, api.NewInt(100)
		if err := store.PutJSON(tx, kindStep, s.ID, jobID, "", s); err != nil {
			return err
		}
	}
	return nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// sinFrac is sin(x) for statistics that move with the clock.
func sinFrac(x float64) float64 { return math.Sin(x) }

func roundTo(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
