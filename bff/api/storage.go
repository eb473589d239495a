package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

func (h *handlers) bindStorage(g *echo.Group) {
	g.GET("/storage-domains", h.listStorageDomains)
	g.POST("/storage-domains/nfs", h.addNFSDomain)
	g.POST("/storage-domains/iscsi", h.addISCSIDomain)
	g.DELETE("/storage-domains/:id", h.removeStorageDomain)
	g.POST("/hosts/:id/iscsi/discover", h.discoverISCSI)
	g.POST("/hosts/:id/iscsi/login", h.loginISCSI)
	g.POST("/hosts/:id/iscsi/login-all", h.loginAllISCSI)
	g.GET("/hosts/:id/luns", h.listLUNs)
}

func viewLUN(l ovirt.LogicalUnit) wire.LUN {
	v := wire.LUN{ID: l.ID, Target: l.Target, Status: string(l.Status), VendorID: l.VendorID, ProductID: l.ProductID, Serial: l.Serial}
	if l.Address != "" {
		a := wire.HostAddr(l.Address)
		v.Address = &a
	}
	if l.Port != nil {
		v.Port = int(*l.Port)
	}
	if l.Size != nil {
		v.Size = int64(*l.Size)
	}
	if l.Paths != nil {
		v.Paths = int(*l.Paths)
	}
	return v
}

// intPtr converts an engine integer.
func intPtr(i *ovirt.Int) *int {
	if i == nil {
		return nil
	}
	v := int(*i)
	return &v
}

func viewStorageDomain(sd *ovirt.StorageDomain) wire.StorageDomain {
	v := wire.StorageDomain{ID: sd.ID, Name: sd.Name, Description: sd.Description, Comment: ovirt.Deref(sd.Comment),
		Type: string(sd.Type), Status: string(sd.Status),
		WarningLowSpace: intPtr(sd.WarningLowSpaceIndicator), CriticalSpaceBlocker: intPtr(sd.CriticalSpaceActionBlocker)}
	if st := sd.Storage; st != nil {
		v.StorageType = string(st.Type)
		if st.Address != "" && st.Type != ovirt.StorageTypeISCSI {
			a := wire.HostAddr(st.Address)
			v.Server = &a
		}
		v.Path, v.NFSVersion = st.Path, string(st.NfsVersion)
		v.Retransmissions, v.Timeout, v.MountOptions = intPtr(st.NfsRetrans), intPtr(st.NfsTimeo), st.MountOptions
		if st.LogicalUnits != nil {
			for _, l := range st.LogicalUnits.LogicalUnit {
				v.LUNs = append(v.LUNs, viewLUN(l))
			}
		}
		if st.VolumeGroup != nil && st.VolumeGroup.LogicalUnits != nil && len(v.LUNs) == 0 {
			for _, l := range st.VolumeGroup.LogicalUnits.LogicalUnit {
				v.LUNs = append(v.LUNs, viewLUN(l))
			}
		}
	}
	if sd.Available != nil {
		v.Available = int64(*sd.Available)
	}
	if sd.Used != nil {
		v.Used = int64(*sd.Used)
	}
	if sd.DataCenters != nil {
		for _, dc := range sd.DataCenters.DataCenter {
			v.DataCenters = append(v.DataCenters, wire.Ref{ID: dc.ID, Name: dc.Name})
		}
	}
	return v
}

func (h *handlers) listStorageDomains(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	sds, err := s.ListStorageDomains(engineCtx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	names := h.refNames(c, s) // a domain names its data centers by id only
	out := make([]wire.StorageDomain, 0, len(sds))
	for i := range sds {
		v := viewStorageDomain(&sds[i])
		for j := range v.DataCenters {
			names.ref(refDataCenters, &v.DataCenters[j])
		}
		out = append(out, v)
	}
	sortByName(out, func(v wire.StorageDomain) string { return v.Name })
	return c.JSON(http.StatusOK, wire.StorageDomainList{StorageDomains: out})
}

// Messages of the New Domain dialog (oVirt's wording).
const (
	MsgNoLUNs       = "No LUNs selected. Please select LUNs."
	MsgNoNewDevices = "No new devices were found. This may be due to either: incorrect multipath configuration on the Host or wrong address of the iscsi target or a failure to authenticate on the target device. Please consult your Storage Administrator."
)

// engineDomain is the engine's storage domain for the common part.
func engineDomain(d *wire.DomainCommon, typ string, st *ovirt.HostStorage) *ovirt.StorageDomain {
	if typ == "" {
		typ = "data"
	}
	sd := &ovirt.StorageDomain{Name: d.Name, Description: d.Description, Type: ovirt.StorageDomainType(typ),
		Host: &ovirt.Host{ID: d.HostID}, Storage: st}
	if d.Comment != "" {
		sd.Comment = ovirt.Ptr(d.Comment)
	}
	if d.WarningLowSpace != nil {
		sd.WarningLowSpaceIndicator = ovirt.NewInt(*d.WarningLowSpace)
	}
	if d.CriticalSpaceBlocker != nil {
		sd.CriticalSpaceActionBlocker = ovirt.NewInt(*d.CriticalSpaceBlocker)
	}
	return sd
}

// checkUnique checks the name against the engine's domains (as the dialog
// does before saving) and, for NFS, that no domain uses the export yet.
func checkUnique(c echo.Context, s *client.Session, name, server, path string, errs fieldErrs) error {
	if _, bad := errs["name"]; bad && server == "" {
		return nil
	}
	sds, err := s.ListStorageDomains(engineCtx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	for _, sd := range sds {
		if sd.Name == name {
			errs.set("name", string(validation.CodeNameInUse), validation.MsgStorageDomainNameUsed)
		}
		if server == "" || sd.Storage == nil || sd.Storage.Type != ovirt.StorageTypeNFS {
			continue
		}
		srv, p, err := validation.SplitNFSExportPath(sd.Storage.Address + ":" + sd.Storage.Path)
		if err == nil && p == path && strings.EqualFold(srv, server) {
			errs.set("export", "export_in_use", "Create operation failed. Domain "+server+":"+path+" already exists in the system.")
		}
	}
	return nil
}

// domainRules put the engine's storage messages on the dialog's fields
// (before the default rules).
var domainRules = []fieldRule{
	{"NFS Retransmissions", "retransmissions"},
	{"NFS Timeout", "timeout"},
	{"mount options", "mount_options"},
	{"Warning Low Space Indicator", "warning_low_space"},
	{"Critical Space Action Blocker", "critical_space_blocker"},
	{"Storage connection already exists", "export"},
	{"Problem while trying to mount target", "export"},
	{"LUN", "luns"},
	{"name is already in use", "name"},
	{"is not Up", "host_id"},
	{"Host", "host_id"},
}

// domainError is engineError with domainRules; a name the engine finds in
// use gets the dialog's message.
func domainError(err error) error {
	e := engineError(err, domainRules...)
	if ae, ok := e.(*apierr.Error); ok {
		if fe, ok := ae.Fields["name"]; ok && fe.Code == "engine" {
			ae.Fields["name"] = wire.FieldError{Code: string(validation.CodeNameInUse), Message: validation.MsgStorageDomainNameUsed}
		}
	}
	return e
}

func (h *handlers) addNFSDomain(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req wire.NFSDomainRequest
	errs, err := bindFields(c, &req)
	if err != nil {
		return err
	}
	server, path, perr := validation.SplitNFSExportPath(req.Export)
	if perr != nil {
		errs.add("export", perr)
		server = ""
	}
	if err := checkUnique(c, s, req.Name, server, path, errs); err != nil {
		return err
	}
	if err := errs.err(); err != nil {
		return err
	}
	st := &ovirt.HostStorage{Type: ovirt.StorageTypeNFS, Address: server, Path: path, NfsVersion: ovirt.NfsVersion(req.NFSVersion),
		MountOptions: req.MountOptions}
	if req.Retransmissions != nil {
		st.NfsRetrans = ovirt.NewInt(*req.Retransmissions)
	}
	if req.Timeout != nil {
		st.NfsTimeo = ovirt.NewInt(*req.Timeout)
	}
	return h.createDomain(c, s, engineDomain(&req.DomainCommon, req.Type, st), req.DataCenterID)
}

// createDomain adds a domain and attaches it to a data center if asked.
func (h *handlers) createDomain(c echo.Context, s *client.Session, sd *ovirt.StorageDomain, dcID string) error {
	got, err := s.AddStorageDomain(engineCtx(c), sd)
	if err != nil {
		return domainError(err)
	}
	if dcID != "" {
		if _, err := s.AttachStorageDomain(engineCtx(c), dcID, got.ID); err != nil {
			return engineError(err, fieldRule{"", "data_center_id"})
		}
	}
	h.Log.Info("storage domain added", "name", got.Name, "id", got.ID)
	return c.JSON(http.StatusCreated, viewStorageDomain(got))
}

func (h *handlers) addISCSIDomain(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req wire.ISCSIDomainRequest
	errs, err := bindFields(c, &req)
	if err != nil {
		return err
	}
	if len(req.LUNs) == 0 {
		errs.set("luns", "no_luns", MsgNoLUNs)
	}
	lus := &ovirt.LogicalUnits{}
	for i, l := range req.LUNs {
		field := "luns." + itoa(i) + ".address"
		lu := ovirt.LogicalUnit{ID: l.ID, Target: l.Target}
		if _, bad := errs[field]; !bad {
			lu.Address = forEngine(validation.EngineISCSIPortal, l.Address, field, errs)
		}
		if l.Port != 0 {
			lu.Port = ovirt.NewInt(l.Port)
		} else {
			lu.Port = ovirt.NewInt(3260)
		}
		lus.LogicalUnit = append(lus.LogicalUnit, lu)
	}
	if err := checkUnique(c, s, req.Name, "", "", errs); err != nil {
		return err
	}
	if err := errs.err(); err != nil {
		return err
	}
	st := &ovirt.HostStorage{Type: ovirt.StorageTypeISCSI, LogicalUnits: lus}
	return h.createDomain(c, s, engineDomain(&req.DomainCommon, req.Type, st), req.DataCenterID)
}

func (h *handlers) removeStorageDomain(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	format, err := boolParam(c, "format")
	if err != nil {
		return err
	}
	if err := s.RemoveStorageDomain(engineCtx(c), id, client.RemoveStorageDomainOptions{Host: c.QueryParam("host_id"), Format: format}); err != nil {
		return engineError(err)
	}
	return noContent(c)
}

func iscsiToAPI(r *wire.ISCSIRequest, errs fieldErrs) *ovirt.IscsiDetails {
	d := &ovirt.IscsiDetails{Address: forEngine(validation.EngineISCSIPortal, r.Address, "address", errs), Target: r.Target,
		Username: r.Username, Password: ovirt.Secret(r.Password)}
	port := r.Port
	if port == 0 {
		port = 3260
	}
	d.Port = ovirt.NewInt(port)
	if r.Username != "" && r.Password == "" {
		errs.set("password", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	if r.Password != "" && r.Username == "" {
		errs.set("username", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	return d
}

// targetKey identifies a target by portal and name.
func targetKey(addr string, port int, iqn string) string {
	return wire.HostAddr(addr).Address + "|" + itoa(port) + "|" + iqn
}

// loggedInTargets returns the targets whose LUNs the host sees.
func loggedInTargets(c echo.Context, s *client.Session, hostID string) (map[string]bool, error) {
	hs, err := s.ListHostStorage(engineCtx(c), hostID)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, st := range hs {
		if st.LogicalUnits == nil {
			continue
		}
		for _, l := range st.LogicalUnits.LogicalUnit {
			in[targetKey(l.Address, int(l.Port.Or(3260)), l.Target)] = true
		}
	}
	return in, nil
}

var discoverRules = []fieldRule{{"discover", "address"}, {"portal", "address"}, {"authenticat", "username"}}

// discover runs the engine's discovery and marks the logged-in targets.
func (h *handlers) discover(c echo.Context) (*client.Session, string, *ovirt.IscsiDetails, []ovirt.IscsiDetails, wire.Discovery, error) {
	var out wire.Discovery
	s, err := h.engine(c)
	if err != nil {
		return nil, "", nil, nil, out, err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return nil, "", nil, nil, out, err
	}
	var req wire.ISCSIRequest
	if err := bind(c, &req); err != nil {
		return nil, "", nil, nil, out, err
	}
	errs := fieldErrs{}
	d := iscsiToAPI(&req, errs)
	d.Target = ""
	if err := errs.err(); err != nil {
		return nil, "", nil, nil, out, err
	}
	found, err := s.DiscoverISCSI(engineCtx(c), id, d)
	if err != nil {
		return nil, "", nil, nil, out, engineError(err, discoverRules...)
	}
	in, err := loggedInTargets(c, s, id)
	if err != nil {
		return nil, "", nil, nil, out, engineError(err)
	}
	out.Targets = make([]wire.ISCSITarget, 0, len(found))
	for _, t := range found {
		v := wire.ISCSITarget{Address: wire.HostAddr(t.Address), Target: t.Target, Portal: client.TPGT(t.Portal), Port: int(t.Port.Or(3260))}
		v.LoggedIn = in[targetKey(t.Address, v.Port, t.Target)]
		out.Targets = append(out.Targets, v)
	}
	if len(out.Targets) == 0 {
		out.Message = MsgNoNewDevices
	}
	return s, id, d, found, out, nil
}

// discoverISCSI is POST /hosts/:id/iscsi/discover.
func (h *handlers) discoverISCSI(c echo.Context) error {
	_, _, _, _, out, err := h.discover(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handlers) loginISCSI(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	var req wire.ISCSIRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	if req.Target == "" {
		errs.set("target", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	d := iscsiToAPI(&req, errs)
	if err := errs.err(); err != nil {
		return err
	}
	act, err := s.ISCSILogin(engineCtx(c), id, d)
	if err != nil {
		return engineError(err, fieldRule{"target", "target"})
	}
	status := string(act.Status)
	if status == "" {
		status = string(ovirt.ActionStatusComplete)
	}
	return c.JSON(http.StatusOK, wire.ISCSILoginResult{Status: status})
}

// loginAllISCSI is POST /hosts/:id/iscsi/login-all (the dialog's Login
// All): discover the portal, then log in to every target not logged in
// yet, with the request's CHAP credentials.
func (h *handlers) loginAllISCSI(c echo.Context) error {
	s, id, d, found, out, err := h.discover(c)
	if err != nil {
		return err
	}
	for i, t := range found {
		if out.Targets[i].LoggedIn {
			continue
		}
		login := &ovirt.IscsiDetails{Address: t.Address, Port: t.Port, Portal: t.Portal, Target: t.Target, Username: d.Username, Password: d.Password}
		if _, err := s.ISCSILogin(engineCtx(c), id, login); err != nil {
			return engineError(err)
		}
		out.Targets[i].LoggedIn = true
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handlers) listLUNs(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	hs, err := s.ListHostStorage(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	out := []wire.LUN{}
	for _, st := range hs {
		if st.LogicalUnits == nil {
			continue
		}
		for _, l := range st.LogicalUnits.LogicalUnit {
			out = append(out, viewLUN(l))
		}
	}
	return c.JSON(http.StatusOK, wire.LUNList{LUNs: out})
}
