package embedded

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
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
	// kindVM ("vm", vmDoc) is declared with the VMs (vms.go).
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
	Severity ovirt.LogSeverity
	Desc     string
	Host     *ovirt.Host // id and name used
	Cluster  string
	DC       string
	SD       *ovirt.StorageDomain
	Vm       *ovirt.Vm // id and name used
	User     bool      // written on behalf of admin@internal
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
		ev.Severity = ovirt.LogSeverityNormal
	}
	id := strconv.FormatInt(idx, 10)
	out := ovirt.Event{
		ID:          id,
		Href:        ovirt.Href("events", id),
		Index:       ovirt.NewInt(idx),
		Code:        ovirt.NewInt(ev.Code),
		Severity:    ev.Severity,
		Time:        ovirt.NewTime(e.now()),
		Description: ev.Desc,
		Origin:      "oVirt",
		CustomID:    ovirt.NewInt(-1),
		FloodRate:   ovirt.NewInt(30),
	}
	if ev.CID != "" {
		out.CorrelationID = ev.CID
	}
	if ev.Host != nil {
		out.Host = &ovirt.Host{ID: ev.Host.ID, Href: ovirt.Href("hosts", ev.Host.ID), Name: ev.Host.Name}
		if ev.Cluster == "" && ev.Host.Cluster != nil {
			ev.Cluster = ev.Host.Cluster.ID
		}
	}
	if ev.Cluster != "" {
		out.Cluster = ovirt.ClusterRef(ev.Cluster)
	}
	if ev.DC != "" {
		out.DataCenter = ovirt.DataCenterRef(ev.DC)
	}
	if ev.SD != nil {
		out.StorageDomain = &ovirt.StorageDomain{ID: ev.SD.ID, Href: ovirt.Href("storagedomains", ev.SD.ID), Name: ev.SD.Name}
	}
	if ev.Vm != nil {
		out.Vm = &ovirt.Vm{ID: ev.Vm.ID, Href: ovirt.Href("vms", ev.Vm.ID)} // EventMapper: id and href
		if ev.Cluster == "" && ev.Vm.Cluster != nil {
			ev.Cluster = ev.Vm.Cluster.ID
			out.Cluster = ovirt.ClusterRef(ev.Cluster)
		}
	}
	if ev.User {
		out.User = &ovirt.User{ID: e.adminID, Href: ovirt.Href("users", e.adminID), Name: adminAuthzName}
	}
	return store.PutJSON(tx, kindEvent, id, "", "", out)
}

// stepSpec describes a job step.
type stepSpec struct {
	Type   ovirt.StepType
	Desc   string
	Status ovirt.JobStatus
}

// addJob records a job with its steps; finished jobs get an end time.
func (e *Engine) addJob(tx *store.Tx, desc string, status ovirt.JobStatus, steps []stepSpec) (string, error) {
	id := newID()
	now := ovirt.NewTime(e.now())
	job := ovirt.Job{
		ID:          id,
		Href:        ovirt.Href("jobs", id),
		Description: desc,
		Status:      status,
		StartTime:   now,
		LastUpdated: now,
		External:    ovirt.NewBool(false),
		AutoCleared: ovirt.NewBool(true),
		Owner:       &ovirt.User{ID: e.adminID, Href: ovirt.Href("users", e.adminID)},
	}
	if status != ovirt.JobStatusStarted {
		job.EndTime = now
	}
	if err := store.PutJSON(tx, kindJob, id, "", "", job); err != nil {
		return "", err
	}
	for i, s := range steps {
		sid := newID()
		st := ovirt.Step{
			ID:          sid,
			Href:        ovirt.Href("jobs", id, "steps", sid),
			Description: s.Desc,
			Type:        s.Type,
			Number:      ovirt.NewInt(i + 1),
			Status:      s.Status,
			StartTime:   now,
			External:    ovirt.NewBool(false),
			Job:         ovirt.JobRef(id),
		}
		if s.Status != ovirt.JobStatusStarted {
			st.EndTime = now
			st.Progress = ovirt.NewInt(100)
		} else {
			st.Progress = ovirt.NewInt(0)
		}
		if err := store.PutJSON(tx, kindStep, sid, id, "", st); err != nil {
			return "", err
		}
	}
	return id, nil
}

// endJob marks a job and its unfinished steps finished or failed.
func (e *Engine) endJob(tx *store.Tx, jobID string, status ovirt.JobStatus) error {
	job, err := store.GetJSON[ovirt.Job](tx, kindJob, jobID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	now := ovirt.NewTime(e.now())
	job.Status, job.EndTime, job.LastUpdated = status, now, now
	if err := store.PutJSON(tx, kindJob, jobID, "", "", job); err != nil {
		return err
	}
	steps, err := store.ListJSON[ovirt.Step](tx, kindStep, jobID)
	if err != nil {
		return err
	}
	for _, s := range steps {
		if s.Status != ovirt.JobStatusStarted {
			continue
		}
		s.Status, s.EndTime, s.Progress = status, now, ovirt.NewInt(100)
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
