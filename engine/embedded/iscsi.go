package embedded

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// iscsiSession is a host logged in to a target.
type iscsiSession struct {
	Target string `json:"target"` // target document id
}

func targetKey(addr string, port int, iqn string) string {
	return lab.CanonAddr(addr) + "|" + strconv.Itoa(port) + "|" + iqn
}

// portalText is "[v6]:port" or "host:port".
func portalText(addr string, port int) string {
	a := lab.CanonAddr(addr)
	if strings.Contains(a, ":") {
		return "[" + a + "]:" + strconv.Itoa(port)
	}
	return a + ":" + strconv.Itoa(port)
}

// parseISCSI checks action.iscsi: mandatory members, a bare address.
func parseISCSI(act *ovirt.Action, action string, needTarget bool) (addr string, port int, err error) {
	var missing []string
	if act.Iscsi == nil || strings.TrimSpace(act.Iscsi.Address) == "" {
		missing = append(missing, "iscsi.address")
	}
	if needTarget && (act.Iscsi == nil || strings.TrimSpace(act.Iscsi.Target) == "") {
		missing = append(missing, "iscsi.target")
	}
	if len(missing) > 0 {
		return "", 0, incomplete("Action", action, missing...)
	}
	// The engine does not check the portal's address or port before
	// passing them to vdsm: a malformed or unknown portal fails there
	// (discovery finds nothing to answer). Login connects a storage
	// server connection, whose port must be a positive integer
	// (ConnectStorageToVdsCommand, VALIDATION_STORAGE_CONNECTION_INVALID_PORT).
	addr = strings.TrimSpace(act.Iscsi.Address)
	port = int(act.Iscsi.Port.Or(3260))
	if needTarget && port < 1 {
		return "", 0, badRequest(rules.MsgInvalidPort)
	}
	return lab.CanonAddr(addr), port, nil
}

func (e *Engine) requireUpHost(tx *store.Tx, id, what string) (ovirt.Host, error) {
	h, err := getJSON[ovirt.Host](tx, kindHost, id)
	if err != nil {
		return h, err
	}
	if h.Status != ovirt.HostStatusUp {
		return h, conflict("Cannot " + what + ". Host " + h.Name + " is not Up (status " + string(h.Status) + ").")
	}
	return h, nil
}

func (e *Engine) discover(w http.ResponseWriter, r *http.Request, legacy bool) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	name := "discoverIscsi"
	if legacy {
		name = "iscsiDiscover"
	}
	addr, port, err := parseISCSI(&act, name, false)
	if err != nil {
		return err
	}
	var found []lab.Target
	answers := false
	err = e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := e.requireUpHost(tx, id, "discover iSCSI targets"); err != nil {
			return err
		}
		if _, err := tx.Get(kindISCSIPortal, portalKey(addr, port)); err == nil {
			answers = true
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		all, err := store.ListAllJSON[lab.Target](tx, kindISCSITarget)
		for _, t := range all {
			if t.Address == addr && t.Port == port {
				found = append(found, t)
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	if len(found) == 0 && !answers {
		return actionFailed(http.StatusBadRequest, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Failed to discover iSCSI targets: no iSCSI portal answered at " + portalText(addr, port) + ".")})
	}
	// A portal that answers with no targets: an empty (but complete)
	// discovery, the case the UI reports as "No new devices were found".
	names := []string{}
	details := []ovirt.IscsiDetails{}
	for _, t := range found {
		names = append(names, t.Name)
		details = append(details, ovirt.IscsiDetails{Address: t.Address, Port: ovirt.NewInt(t.Port), Portal: net.JoinHostPort(t.Address, strconv.Itoa(t.Port)) + "," + strconv.Itoa(t.TPGT), Target: t.Name})
	}
	act.Status = ovirt.ActionStatusComplete
	act.IscsiTargets = &ovirt.IscsiTargets{IscsiTarget: names}
	if !legacy {
		act.DiscoveredTargets = &ovirt.IscsiDetailsList{IscsiDetails: details}
	}
	return writeJSON(w, http.StatusOK, &act)
}

// discoverISCSI is POST /hosts/{id}/discoveriscsi.
func (e *Engine) discoverISCSI(w http.ResponseWriter, r *http.Request) error {
	return e.discover(w, r, false)
}

// iscsiDiscover is POST /hosts/{id}/iscsidiscover (deprecated: only
// iscsi_targets).
func (e *Engine) iscsiDiscover(w http.ResponseWriter, r *http.Request) error {
	return e.discover(w, r, true)
}

// iscsiLogin is POST /hosts/{id}/iscsilogin.
func (e *Engine) iscsiLogin(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	addr, port, err := parseISCSI(&act, "iscsiLogin", true)
	if err != nil {
		return err
	}
	iqn := strings.TrimSpace(act.Iscsi.Target)
	// The engine passes portal on to vdsm as the TPGT: a discovered portal
	// sent back whole ("addr:port,tpgt") fails there, as on a real engine.
	if p := act.Iscsi.Portal; p != "" {
		if _, err := strconv.Atoi(p); err != nil {
			return actionFailed(http.StatusBadRequest, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Failed to login to iSCSI target " + iqn + " at " + portalText(addr, port) + ": invalid tpgt " + p + ".")})
		}
	}
	key := targetKey(addr, port, iqn)
	cid := correlationID(r)
	var failed bool
	var jobID string
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		h, err := e.requireUpHost(tx, id, "login to iSCSI target")
		if err != nil {
			return err
		}
		if _, err := tx.Get(kindISCSITarget, key); err != nil {
			failed = true
			return nil
		}
		if err := store.PutJSON(tx, kindISCSISession, id+"|"+key, id, "", iscsiSession{Target: key}); err != nil {
			return err
		}
		// ConnectStorageToVds is a monitored command: the answer links its job.
		if jobID, err = e.addJob(tx, "Connecting Host "+h.Name+" to iSCSI target "+iqn, ovirt.JobStatusFinished,
			[]stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}}); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 10800, Desc: "Host " + h.Name + " logged in to iSCSI target " + iqn + " at " + portalText(addr, port) + ".", Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	if failed {
		return actionFailed(http.StatusBadRequest, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Failed to login to iSCSI target " + iqn + " at " + portalText(addr, port) + ": no such target.")})
	}
	act.Status = ovirt.ActionStatusComplete
	act.Host = ovirt.HostRef(id) // the REST layer's setActionItem
	act.Job = ovirt.JobRef(jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// hostStorages lists the LUNs a host sees through its iSCSI sessions.
func (e *Engine) hostStorages(tx *store.Tx, hostID string) ([]ovirt.HostStorage, error) {
	if _, err := getJSON[ovirt.Host](tx, kindHost, hostID); err != nil {
		return nil, err
	}
	sessions, err := store.ListJSON[iscsiSession](tx, kindISCSISession, hostID)
	if err != nil {
		return nil, err
	}
	used, err := usedLUNs(tx)
	if err != nil {
		return nil, err
	}
	var out []ovirt.HostStorage
	for _, s := range sessions {
		t, err := store.GetJSON[lab.Target](tx, kindISCSITarget, s.Target)
		if err != nil {
			continue
		}
		for _, l := range t.LUNs {
			status := ovirt.LunStatusFree
			if used[l.ID] {
				status = ovirt.LunStatusUsed
			}
			lu := lunView(t, l)
			lu.Status = status
			out = append(out, ovirt.HostStorage{
				ID: l.ID, Href: ovirt.Href("hosts", hostID, "storage", l.ID), Type: ovirt.StorageTypeISCSI,
				LogicalUnits: &ovirt.LogicalUnits{LogicalUnit: []ovirt.LogicalUnit{lu}},
				Host:         ovirt.HostRef(hostID),
			})
		}
	}
	return out, nil
}

func lunView(t lab.Target, l lab.LUN) ovirt.LogicalUnit {
	return ovirt.LogicalUnit{
		// StorageLogicalUnitMapper.map(LUNs) writes no portal.
		ID: l.ID, Address: t.Address, Port: ovirt.NewInt(t.Port), Target: t.Name,
		Serial: l.Serial, VendorID: l.Vendor, ProductID: l.Product, LunMapping: ovirt.NewInt(l.Mapping),
		Size: ovirt.NewLong(l.Size), Paths: ovirt.NewInt(1), DiscardMaxSize: ovirt.NewLong(4 << 20), DiscardZeroesData: ovirt.NewBool(false),
	}
}

// usedLUNs returns the LUN ids that back storage domains.
func usedLUNs(tx *store.Tx) (map[string]bool, error) {
	sds, err := store.ListAllJSON[sdDoc](tx, kindSD)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for _, d := range sds {
		for _, l := range d.LUNs {
			used[l] = true
		}
	}
	return used, nil
}

// listHostStorage is GET /hosts/{id}/storage.
func (e *Engine) listHostStorage(w http.ResponseWriter, r *http.Request) error {
	var out ovirt.HostStorages
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		out.HostStorage, err = e.hostStorages(tx, r.PathValue("id"))
		return err
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

// getHostStorage is GET /hosts/{id}/storage/{sid}.
func (e *Engine) getHostStorage(w http.ResponseWriter, r *http.Request) error {
	var out *ovirt.HostStorage
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		all, err := e.hostStorages(tx, r.PathValue("id"))
		for i := range all {
			if all[i].ID == r.PathValue("sid") {
				out = &all[i]
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	if out == nil {
		return errNotFound
	}
	return writeJSON(w, http.StatusOK, out)
}
