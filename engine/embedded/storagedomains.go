package embedded

import (
	"errors"
	"net/http"
	pathpkg "path"
	"slices"
	"strings"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// sdDoc is a storage domain: the API view plus the data center it is
// attached to, the LUNs it uses and its canonical NFS connection.
type sdDoc struct {
	API  ovirt.StorageDomain `json:"api"`
	DC   string              `json:"dc,omitempty"`
	LUNs []string            `json:"luns,omitempty"`
	Conn string              `json:"conn,omitempty"`
}

func renderSD(d sdDoc, dcScoped bool) ovirt.StorageDomain {
	sd := d.API
	sd.Href = ovirt.Href("storagedomains", sd.ID)
	sd.Status = ovirt.StorageDomainStatusUnattached
	sd.Master = ovirt.NewBool(false)
	if d.DC != "" {
		// BackendStorageDomainsResource: /storagedomains shows no status for
		// an attached domain; /datacenters/{id}/storagedomains does.
		sd.Status = ""
		if dcScoped {
			sd.Status = ovirt.StorageDomainStatusActive
		}
		sd.Master = d.API.Master
		sd.DataCenters = &ovirt.DataCenters{DataCenter: []ovirt.DataCenter{*ovirt.DataCenterRef(d.DC)}}
		if dcScoped {
			sd.Href = ovirt.Href("datacenters", d.DC, "storagedomains", sd.ID)
			sd.DataCenter = ovirt.DataCenterRef(d.DC)
		}
	}
	return sd
}

var sdSearchFields = map[string]fieldSpec[sdDoc]{
	"name":   {fieldText, func(d *sdDoc) string { return d.API.Name }},
	"type":   {fieldText, func(d *sdDoc) string { return string(d.API.Type) }},
	"status": {fieldText, func(d *sdDoc) string { return string(renderSD(*d, true).Status) }},
	"storage_type": {fieldText, func(d *sdDoc) string {
		if d.API.Storage == nil {
			return ""
		}
		return string(d.API.Storage.Type)
	}},
	"id":      {fieldText, func(d *sdDoc) string { return d.API.ID }},
	"comment": {fieldText, func(d *sdDoc) string { return ovirt.Deref(d.API.Comment) }},
}

// listStorageDomains is GET /storagedomains (search, max).
func (e *Engine) listStorageDomains(w http.ResponseWriter, r *http.Request) error {
	var docs []sdDoc
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		docs, err = store.ListAllJSON[sdDoc](tx, kindSD)
		return err
	}); err != nil {
		return err
	}
	docs, err := applySearch(r, docs, sdSearchFields)
	if err != nil {
		return err
	}
	out := ovirt.StorageDomains{}
	for _, d := range docs {
		out.StorageDomain = append(out.StorageDomain, renderSD(d, false))
	}
	return writeJSON(w, http.StatusOK, &out)
}

// getStorageDomain is GET /storagedomains/{id}.
func (e *Engine) getStorageDomain(w http.ResponseWriter, r *http.Request) error {
	var d sdDoc
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		d, err = getJSON[sdDoc](tx, kindSD, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	out := renderSD(d, false)
	return writeJSON(w, http.StatusOK, &out)
}

func resolveHost(tx *store.Tx, ref *ovirt.Host) (ovirt.Host, error) {
	if ref.ID != "" {
		h, err := store.GetJSON[ovirt.Host](tx, kindHost, ref.ID)
		if errors.Is(err, store.ErrNotFound) {
			return h, entityNotFound("Host: id=" + ref.ID)
		}
		return h, err
	}
	_, b, err := tx.FindByName(kindHost, "", ref.Name)
	if errors.Is(err, store.ErrNotFound) {
		return ovirt.Host{}, entityNotFound("Host: name=" + ref.Name)
	}
	if err != nil {
		return ovirt.Host{}, err
	}
	var h ovirt.Host
	return h, jsonUnmarshal(b, &h)
}

var sdTypes = []ovirt.StorageDomainType{ovirt.StorageDomainTypeData, ovirt.StorageDomainTypeISO, ovirt.StorageDomainTypeExport,
	ovirt.StorageDomainTypeImage, ovirt.StorageDomainTypeVolume, ovirt.StorageDomainTypeManagedBlockStorage}

var nfsVersions = []ovirt.NfsVersion{ovirt.NfsVersionAuto, ovirt.NfsVersionV3, ovirt.NfsVersionV4, ovirt.NfsVersionV4_0, ovirt.NfsVersionV4_1, ovirt.NfsVersionV4_2}

// addStorageDomain is POST /storagedomains: NFS (address "[v6]" in
// brackets, as the engine requires) or iSCSI (raw addresses).
func (e *Engine) addStorageDomain(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.StorageDomain
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	// BackendStorageDomainsResource.add: validateParameters(storageDomain,
	// "host.id|name", "type", "storage"), then "storage.type", then the
	// file domain's path and address (HostStorage), the name last.
	var missing []string
	if in.Host == nil || (in.Host.ID == "" && in.Host.Name == "") {
		missing = append(missing, "host.id|name")
	}
	if in.Type == "" {
		missing = append(missing, "type")
	}
	if in.Storage == nil {
		missing = append(missing, "storage")
	}
	if len(missing) > 0 {
		return incomplete("StorageDomain", "add", missing...)
	}
	if in.Storage.Type == "" {
		return incomplete("StorageDomain", "add", "storage.type")
	}
	if in.Storage.Type == ovirt.StorageTypeNFS {
		if in.Storage.Path == "" {
			return incomplete("HostStorage", "add", "path")
		}
		if in.Storage.Address == "" {
			return incomplete("HostStorage", "add", "address")
		}
	}
	if in.Name == "" {
		return incomplete("StorageDomain", "add", "name")
	}
	if !slices.Contains(sdTypes, in.Type) {
		return badEnum(string(in.Type), "StorageDomainType")
	}
	if err := checkSpaceThresholds(&in); err != nil {
		return err
	}
	st := in.Storage
	var storage ovirt.HostStorage
	var luns []string
	var conn, nfsSrv, nfsPath string
	var size int64 = 1 << 40
	switch st.Type {
	case ovirt.StorageTypeNFS:
		if st.NfsVersion != "" && !slices.Contains(nfsVersions, st.NfsVersion) {
			return badEnum(string(st.NfsVersion), "NfsVersion")
		}
		if err := checkNFSOptions(st); err != nil {
			return err
		}
		// The connection is address:path as the engine writes it
		// (StorageDomainMapper), checked by NfsMountPointConstraint when a
		// host connects to it; its column is 250 characters wide.
		addr, path := st.Address, st.Path
		if !rules.NFSMountPoint(addr + ":" + path) {
			return badRequest(rules.MsgMountPath)
		}
		if rules.Length(addr+":"+path) > rules.StorageConnSize {
			return badRequest(rules.MsgInternal)
		}
		if st.MountOptions != "" && rules.Length(st.MountOptions) > rules.MountOptionsSize {
			return badRequest(rules.MsgInternal)
		}
		nfsSrv, nfsPath = lab.CanonAddr(addr), cleanExportPath(path)
		conn = nfsSrv + ":" + nfsPath
		ver := st.NfsVersion
		if ver == "" {
			ver = ovirt.NfsVersionAuto
		}
		storage = ovirt.HostStorage{Type: ovirt.StorageTypeNFS, Address: addr, Path: path, NfsVersion: ver, NfsTimeo: st.NfsTimeo, NfsRetrans: st.NfsRetrans, MountOptions: st.MountOptions}
	case ovirt.StorageTypeISCSI:
		if st.LogicalUnits == nil || len(st.LogicalUnits.LogicalUnit) == 0 {
			return incomplete("StorageDomain", "add", "storage.logical_units")
		}
		for _, l := range st.LogicalUnits.LogicalUnit {
			var miss []string
			for _, f := range []struct{ name, v string }{{"id", l.ID}, {"address", l.Address}, {"target", l.Target}} {
				if strings.TrimSpace(f.v) == "" {
					miss = append(miss, f.name)
				}
			}
			if l.Port == nil {
				l.Port = ovirt.NewInt(3260)
			}
			if len(miss) > 0 {
				return incomplete("LogicalUnit", "add", miss...)
			}
			// The portal's address is not checked by the engine: vdsm
			// logs in, or fails to (an unknown portal below).
		}
		storage = ovirt.HostStorage{Type: ovirt.StorageTypeISCSI}
	case "":
		return incomplete("StorageDomain", "add", "storage.type")
	default:
		switch st.Type {
		case ovirt.StorageTypeFCP, ovirt.StorageTypeGlusterFS, ovirt.StorageTypeLocalFS, ovirt.StorageTypePosixFS, ovirt.StorageTypeCinder, ovirt.StorageTypeGlance, ovirt.StorageTypeManagedBlockStorage:
			return badRequest("Cannot add Storage. Storage type " + string(st.Type) + " is not supported by this engine (nfs and iscsi are).")
		}
		return badEnum(string(st.Type), "StorageType")
	}
	if err := checkStorageStatic(in.Name, in.Description); err != nil {
		return err
	}
	cid := correlationID(r)
	var d sdDoc
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		h, err := resolveHost(tx, in.Host)
		if err != nil {
			return err
		}
		if h.Status != ovirt.HostStatusUp {
			return conflict("Cannot add Storage. Host " + h.Name + " is not Up (status " + string(h.Status) + ").")
		}
		if _, _, err := tx.FindByName(kindSD, "", in.Name); err == nil {
			return conflict("Cannot add Storage. The Storage Domain name is already in use.")
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		all, err := store.ListAllJSON[sdDoc](tx, kindSD)
		if err != nil {
			return err
		}
		if conn != "" {
			for _, o := range all {
				if o.Conn == conn {
					return conflict("Cannot add Storage Connection. Storage connection already exists.")
				}
			}
			srv, err := store.GetJSON[lab.NFSServer](tx, kindNFSServer, nfsSrv)
			if err != nil || !slices.Contains(srv.Exports, nfsPath) {
				return badRequest("Error while executing action Add Storage Connection: Problem while trying to mount target")
			}
		}
		id := newID()
		if storage.Type == ovirt.StorageTypeISCSI {
			used, err := usedLUNs(tx)
			if err != nil {
				return err
			}
			vg := newID()
			var views []ovirt.LogicalUnit
			var busy []string
			size = 0
			for _, l := range st.LogicalUnits.LogicalUnit {
				key := targetKey(l.Address, int(l.Port.Value()), strings.TrimSpace(l.Target))
				t, err := store.GetJSON[lab.Target](tx, kindISCSITarget, key)
				if err != nil {
					return badRequest("Cannot add Storage. iSCSI target " + l.Target + " at " + portalText(l.Address, int(l.Port.Value())) + " was not found.")
				}
				i := slices.IndexFunc(t.LUNs, func(x lab.LUN) bool { return x.ID == l.ID })
				if i < 0 {
					return badRequest("Cannot add Storage. LUN " + l.ID + " was not found on target " + t.Name + ".")
				}
				if used[l.ID] {
					busy = append(busy, l.ID)
				}
				v := lunView(t, t.LUNs[i])
				v.Status, v.VolumeGroupID, v.StorageDomainID = ovirt.LunStatusUsed, vg, id
				views = append(views, v)
				luns = append(luns, l.ID)
				size += t.LUNs[i].Size
			}
			if len(busy) > 0 {
				return conflict("Cannot add Storage. The following LUNs are already part of existing storage domains: " + strings.Join(busy, ", ") + ".")
			}
			storage.VolumeGroup = &ovirt.VolumeGroup{ID: vg, LogicalUnits: &ovirt.LogicalUnits{LogicalUnit: views}}
		}
		sd := ovirt.StorageDomain{
			ID: id, Name: in.Name, Description: in.Description, Comment: ovirt.Ptr(ovirt.Deref(in.Comment)),
			Type: in.Type, ExternalStatus: ovirt.ExternalStatusOK, Master: ovirt.NewBool(false), Storage: &storage,
			Available: ovirt.NewLong(size - size/20 - 5<<30), Used: ovirt.NewLong(size/20 + 5<<30), Committed: ovirt.NewLong(0),
			StorageFormat: ovirt.StorageFormatV5, WipeAfterDelete: ovirt.NewBool(in.WipeAfterDelete.Or(false)),
			DiscardAfterDelete: ovirt.NewBool(in.DiscardAfterDelete.Or(false)), SupportsDiscard: ovirt.NewBool(storage.Type == ovirt.StorageTypeISCSI),
			SupportsDiscardZeroesData: ovirt.NewBool(false), Backup: ovirt.NewBool(in.Backup.Or(false)), BlockSize: ovirt.NewInt(512),
			WarningLowSpaceIndicator: ovirt.NewInt(in.WarningLowSpaceIndicator.Or(10)), CriticalSpaceActionBlocker: ovirt.NewInt(in.CriticalSpaceActionBlocker.Or(5)),
		}
		d = sdDoc{API: sd, LUNs: luns, Conn: conn}
		if err := store.PutJSON(tx, kindSD, id, "", sd.Name, d); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 956, Desc: "Storage Domain " + sd.Name + " was added by " + adminAuthzName, SD: &sd, Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderSD(d, false)
	return created(w, r, out.Href, &out)
}

// Messages of the engine's range checks on NFS connections
// (StorageServerConnections) and space thresholds.
const (
	msgNFSRetrans      = "NFS Retransmissions should be between 0 and 32767."
	msgNFSTimeo        = "NFS Timeout should be between 1 and 6000."
	msgWarningLowSpace = "Warning Low Space Indicator should be between 0 and 100."
	msgCriticalSpace   = "Critical Space Action Blocker should be 0 or more."
)

// managedMountOptions are the NFS options the engine sets itself from
// nfs_version, nfs_timeo and nfs_retrans; mount_options may not hold them.
var managedMountOptions = []string{"vers", "nfsvers", "protocol_version", "timeo", "retrans"}

// checkNFSOptions checks nfs_timeo, nfs_retrans and mount_options.
func checkNFSOptions(st *ovirt.HostStorage) error {
	if st.NfsRetrans != nil && (st.NfsRetrans.Value() < 0 || st.NfsRetrans.Value() > 32767) {
		return badRequest(msgNFSRetrans)
	}
	if st.NfsTimeo != nil && (st.NfsTimeo.Value() < 1 || st.NfsTimeo.Value() > 6000) {
		return badRequest(msgNFSTimeo)
	}
	var managed []string
	for _, o := range strings.Split(st.MountOptions, ",") {
		name, _, _ := strings.Cut(strings.TrimSpace(o), "=")
		if slices.Contains(managedMountOptions, strings.ToLower(name)) {
			managed = append(managed, name)
		}
	}
	if len(managed) > 0 {
		return badRequest("Cannot add Storage Connection. Custom mount options contain the following managed options: " + strings.Join(managed, ", ") + ".")
	}
	return nil
}

// cleanExportPath is the export a path names, as the NFS server reads it
// (/exports/data/ is /exports/data).
func cleanExportPath(p string) string {
	if c := pathpkg.Clean(p); strings.HasPrefix(c, "/") {
		return c
	}
	return p
}

// checkStorageStatic is the bean validation of StorageDomainStatic
// (name: @Size(1, 250) and @ValidName; description: @Size(max 4000) and
// @ValidDescription), each violation with its attribute path.
func checkStorageStatic(name, desc string) error {
	var msgs []string
	if name != "" {
		msgs = append(msgs, rules.Size(name, 1, rules.StorageNameSize, "privateStorageDomain.name")...)
		if !rules.ValidName(name) {
			msgs = append(msgs, rules.Violation(rules.MsgStorageName, "privateStorageDomain.name")...)
		}
	}
	if rules.Length(desc) > rules.StorageDescSize {
		msgs = append(msgs, rules.Violation(rules.MsgStorageDescMax, "privateStorageDomain.description")...)
	}
	if !rules.ValidDescription(desc) {
		msgs = append(msgs, rules.Violation("Storage Domain description must be formed of 'a-z', 'A-Z', '0-9', '_' or '-' characters", "privateStorageDomain.description")...)
	}
	if len(msgs) > 0 {
		return badRequest(msgs...)
	}
	return nil
}

// checkSpaceThresholds checks warning_low_space_indicator (%) and
// critical_space_action_blocker (GB).
func checkSpaceThresholds(sd *ovirt.StorageDomain) error {
	if w := sd.WarningLowSpaceIndicator; w != nil && (w.Value() < 0 || w.Value() > 100) {
		return badRequest(msgWarningLowSpace)
	}
	if c := sd.CriticalSpaceActionBlocker; c != nil && c.Value() < 0 {
		return badRequest(msgCriticalSpace)
	}
	return nil
}

// updateStorageDomain is PUT /storagedomains/{id}.
func (e *Engine) updateStorageDomain(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.StorageDomain
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	cid := correlationID(r)
	var d sdDoc
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		var err error
		if d, err = getJSON[sdDoc](tx, kindSD, r.PathValue("id")); err != nil {
			return err
		}
		sd := &d.API
		name := in.Name
		if name == sd.Name {
			name = ""
		}
		if err := checkStorageStatic(name, in.Description); err != nil {
			return err
		}
		if name != "" {
			if _, _, err := tx.FindByName(kindSD, "", name); err == nil {
				return conflict("Cannot edit Storage. The Storage Domain name is already in use.")
			}
			sd.Name = name
		}
		if in.Description != "" {
			sd.Description = in.Description
		}
		if in.Comment != nil {
			sd.Comment = in.Comment
		}
		if in.WipeAfterDelete != nil {
			sd.WipeAfterDelete = in.WipeAfterDelete
		}
		if in.DiscardAfterDelete != nil {
			sd.DiscardAfterDelete = in.DiscardAfterDelete
		}
		if in.Backup != nil {
			sd.Backup = in.Backup
		}
		if err := checkSpaceThresholds(&in); err != nil {
			return err
		}
		if in.WarningLowSpaceIndicator != nil {
			sd.WarningLowSpaceIndicator = in.WarningLowSpaceIndicator
		}
		if in.CriticalSpaceActionBlocker != nil {
			sd.CriticalSpaceActionBlocker = in.CriticalSpaceActionBlocker
		}
		if err := store.PutJSON(tx, kindSD, sd.ID, "", sd.Name, d); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 957, Desc: "Storage Domain " + sd.Name + " was updated by " + adminAuthzName, SD: sd, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderSD(d, false)
	return writeJSON(w, http.StatusOK, &out)
}

// removeStorageDomain is DELETE /storagedomains/{id}; an attached domain
// must be detached first (409).
func (e *Engine) removeStorageDomain(w http.ResponseWriter, r *http.Request) error {
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		d, err := getJSON[sdDoc](tx, kindSD, r.PathValue("id"))
		if err != nil {
			return err
		}
		if d.DC != "" {
			return conflict("Cannot remove Storage. The Storage Domain is attached to a Data Center: detach it first.")
		}
		if err := tx.Delete(kindSD, d.API.ID); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 960, Desc: "Storage Domain " + d.API.Name + " was removed by " + adminAuthzName, SD: &d.API, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}

// listAttachedStorageDomains is GET /datacenters/{id}/storagedomains.
func (e *Engine) listAttachedStorageDomains(w http.ResponseWriter, r *http.Request) error {
	dc := r.PathValue("id")
	out := ovirt.StorageDomains{}
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.DataCenter](tx, kindDC, dc); err != nil {
			return err
		}
		docs, err := store.ListAllJSON[sdDoc](tx, kindSD)
		for _, d := range docs {
			if d.DC == dc {
				out.StorageDomain = append(out.StorageDomain, renderSD(d, true))
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

// getAttachedStorageDomain is GET /datacenters/{id}/storagedomains/{sd}.
func (e *Engine) getAttachedStorageDomain(w http.ResponseWriter, r *http.Request) error {
	var d sdDoc
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		d, err = getJSON[sdDoc](tx, kindSD, r.PathValue("sd"))
		if err == nil && d.DC != r.PathValue("id") {
			return errNotFound
		}
		return err
	})
	if err != nil {
		return err
	}
	out := renderSD(d, true)
	return writeJSON(w, http.StatusOK, &out)
}

// attachStorageDomain is POST /datacenters/{id}/storagedomains {"id"|"name"}.
func (e *Engine) attachStorageDomain(w http.ResponseWriter, r *http.Request) error {
	dcID := r.PathValue("id")
	var in ovirt.StorageDomain
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.ID == "" && in.Name == "" {
		return incomplete("StorageDomain", "add", "id|name")
	}
	cid := correlationID(r)
	var d sdDoc
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		dc, err := getJSON[ovirt.DataCenter](tx, kindDC, dcID)
		if err != nil {
			return err
		}
		if in.ID != "" {
			d, err = store.GetJSON[sdDoc](tx, kindSD, in.ID)
		} else {
			var b []byte
			if _, b, err = tx.FindByName(kindSD, "", in.Name); err == nil {
				err = jsonUnmarshal(b, &d)
			}
		}
		if errors.Is(err, store.ErrNotFound) {
			return entityNotFound("StorageDomain: " + in.ID + in.Name)
		}
		if err != nil {
			return err
		}
		if d.DC != "" {
			return conflict("Cannot attach Storage. Storage Domain is already attached to a Data Center.")
		}
		all, err := store.ListAllJSON[sdDoc](tx, kindSD)
		if err != nil {
			return err
		}
		master := d.API.Type == ovirt.StorageDomainTypeData && !slices.ContainsFunc(all, func(o sdDoc) bool { return o.DC == dcID && o.API.Master.Value() })
		d.DC = dcID
		d.API.Master = ovirt.NewBool(master)
		if err := store.PutJSON(tx, kindSD, d.API.ID, "", d.API.Name, d); err != nil {
			return err
		}
		if dc.Status != ovirt.DataCenterStatusUp && master {
			dc.Status = ovirt.DataCenterStatusUp
			if err := store.PutJSON(tx, kindDC, dc.ID, "", dc.Name, dc); err != nil {
				return err
			}
		}
		return e.addEvent(tx, eventSpec{Code: 962, Desc: "Storage Domain " + d.API.Name + " was attached to Data Center " + dc.Name + " by " + adminAuthzName, SD: &d.API, DC: dc.ID, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderSD(d, true)
	return created(w, r, out.Href, &out)
}

// detachStorageDomain is DELETE /datacenters/{id}/storagedomains/{sd}.
func (e *Engine) detachStorageDomain(w http.ResponseWriter, r *http.Request) error {
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		dc, err := getJSON[ovirt.DataCenter](tx, kindDC, r.PathValue("id"))
		if err != nil {
			return err
		}
		d, err := getJSON[sdDoc](tx, kindSD, r.PathValue("sd"))
		if err != nil {
			return err
		}
		if d.DC != dc.ID {
			return errNotFound
		}
		d.DC = ""
		d.API.Master = ovirt.NewBool(false)
		if err := store.PutJSON(tx, kindSD, d.API.ID, "", d.API.Name, d); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 964, Desc: "Storage Domain " + d.API.Name + " was detached from Data Center " + dc.Name + " by " + adminAuthzName, SD: &d.API, DC: dc.ID, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}
