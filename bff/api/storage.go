package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"v6admin/engine/api"
	"v6admin/engine/client"
	"v6admin/validation"
)

func (h *handlers) bindStorage(g *echo.Group) {
	g.GET("/storage-domains", h.listStorageDomains)
	g.POST("/storage-domains/nfs", h.addNFSDomain)
	g.POST("/storage-domains/iscsi", h.addISCSIDomain)
	g.DELETE("/storage-domains/:id", h.removeStorageDomain)
	g.POST("/hosts/:id/iscsi/discover", h.discoverISCSI)
	g.POST("/hosts/:id/iscsi/login", h.loginISCSI)
	g.GET("/hosts/:id/luns", h.listLUNs)
}

// StorageDomainView is a storage domain.
type StorageDomainView struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Type        string    `json:"type"`         // data, iso, export
	StorageType string    `json:"storage_type"` // nfs, iscsi, ...
	Status      string    `json:"status,omitempty"`
	Server      *AddrView `json:"server,omitempty"` // NFS server
	Path        string    `json:"path,omitempty"`
	NFSVersion  string    `json:"nfs_version,omitempty"`
	LUNs        []LUNView `json:"luns,omitempty"`
	Available   int64     `json:"available,omitempty"`
	Used        int64     `json:"used,omitempty"`
	DataCenters []Ref     `json:"data_centers,omitempty"`
}

// LUNView is an iSCSI LUN.
type LUNView struct {
	ID        string    `json:"id"`
	Address   *AddrView `json:"address,omitempty"`
	Port      int       `json:"port,omitempty"`
	Target    string    `json:"target,omitempty"`
	Size      int64     `json:"size,omitempty"`
	Status    string    `json:"status,omitempty"`
	VendorID  string    `json:"vendor_id,omitempty"`
	ProductID string    `json:"product_id,omitempty"`
	Serial    string    `json:"serial,omitempty"`
	Paths     int       `json:"paths,omitempty"`
}

func viewLUN(l api.LogicalUnit) LUNView {
	v := LUNView{ID: l.ID, Target: l.Target, Status: string(l.Status), VendorID: l.VendorID, ProductID: l.ProductID, Serial: l.Serial}
	if l.Address != "" {
		a := viewAddr(l.Address)
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

func viewStorageDomain(sd *api.StorageDomain) StorageDomainView {
	v := StorageDomainView{ID: sd.ID, Name: sd.Name, Type: string(sd.Type), Status: string(sd.Status)}
	if st := sd.Storage; st != nil {
		v.StorageType = string(st.Type)
		if st.Address != "" && st.Type != api.StorageTypeISCSI {
			a := viewAddr(st.Address)
			v.Server = &a
		}
		v.Path, v.NFSVersion = st.Path, string(st.NfsVersion)
		if st.LogicalUnits != nil {
			for _, l := range st.LogicalUnits.LogicalUnit {
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
			v.DataCenters = append(v.DataCenters, Ref{ID: dc.ID, Name: dc.Name})
		}
	}
	return v
}

func (h *handlers) listStorageDomains(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	sds, err := s.ListStorageDomains(ctx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	out := make([]StorageDomainView, 0, len(sds))
	for i := range sds {
		out = append(out, viewStorageDomain(&sds[i]))
	}
	sortByName(out, func(v StorageDomainView) string { return v.Name })
	return c.JSON(http.StatusOK, map[string]any{"storage_domains": out})
}

// nfsDomainRequest is the New Domain dialog for NFS: the export is
// "server:/path" with an IPv6 server in brackets ("[2001:db8::5]:/exports/data").
type nfsDomainRequest struct {
	Name         string `json:"name" validate:"required,objname"`
	Type         string `json:"type" validate:"omitempty,oneof=data iso export"`
	HostID       string `json:"host_id" validate:"required,max=128"`
	Export       string `json:"export" validate:"required,nfspath"`
	NFSVersion   string `json:"nfs_version" validate:"omitempty,oneof=auto v3 v4 v4_0 v4_1 v4_2"`
	DataCenterID string `json:"data_center_id" validate:"omitempty,max=128"`
}

func (h *handlers) addNFSDomain(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req nfsDomainRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	server, path, err := validation.SplitNFSExportPath(req.Export)
	if err != nil {
		errs := fieldErrs{}
		errs.add("export", err)
		return errs.err()
	}
	typ := req.Type
	if typ == "" {
		typ = "data"
	}
	sd := &api.StorageDomain{
		Name: req.Name, Type: api.StorageDomainType(typ), Host: &api.Host{ID: req.HostID},
		Storage: &api.HostStorage{Type: api.StorageTypeNFS, Address: server, Path: path, NfsVersion: api.NfsVersion(req.NFSVersion)},
	}
	return h.createDomain(c, s, sd, req.DataCenterID, fieldRule{"host", "host_id"})
}

// createDomain adds a domain and attaches it to a data center if asked.
func (h *handlers) createDomain(c echo.Context, s *client.Session, sd *api.StorageDomain, dcID string, rules ...fieldRule) error {
	got, err := s.AddStorageDomain(ctx(c), sd)
	if err != nil {
		return engineError(err, rules...)
	}
	if dcID != "" {
		if _, err := s.AttachStorageDomain(ctx(c), dcID, got.ID); err != nil {
			return engineError(err, fieldRule{"", "data_center_id"})
		}
	}
	h.Log.Info("storage domain added", "name", got.Name, "id", got.ID)
	return c.JSON(http.StatusCreated, viewStorageDomain(got))
}

// lunRequest names one LUN of an iSCSI domain.
type lunRequest struct {
	ID      string `json:"id" validate:"required,max=256"`
	Address string `json:"address" validate:"required,hostaddr"`
	Port    int    `json:"port" validate:"omitempty,min=1,max=65535"`
	Target  string `json:"target" validate:"required,max=256"`
}

// iscsiDomainRequest is the New Domain dialog for iSCSI.
type iscsiDomainRequest struct {
	Name         string       `json:"name" validate:"required,objname"`
	Type         string       `json:"type" validate:"omitempty,oneof=data export"`
	HostID       string       `json:"host_id" validate:"required,max=128"`
	LUNs         []lunRequest `json:"luns" validate:"required,min=1,max=64,dive"`
	DataCenterID string       `json:"data_center_id" validate:"omitempty,max=128"`
}

func (h *handlers) addISCSIDomain(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req iscsiDomainRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	lus := &api.LogicalUnits{}
	for i, l := range req.LUNs {
		lu := api.LogicalUnit{ID: l.ID, Target: l.Target,
			Address: forEngine(validation.EngineISCSIPortal, l.Address, "luns."+itoa(i)+".address", errs)}
		if l.Port != 0 {
			lu.Port = api.NewInt(l.Port)
		} else {
			lu.Port = api.NewInt(3260)
		}
		lus.LogicalUnit = append(lus.LogicalUnit, lu)
	}
	if err := errs.err(); err != nil {
		return err
	}
	typ := req.Type
	if typ == "" {
		typ = "data"
	}
	sd := &api.StorageDomain{
		Name: req.Name, Type: api.StorageDomainType(typ), Host: &api.Host{ID: req.HostID},
		Storage: &api.HostStorage{Type: api.StorageTypeISCSI, LogicalUnits: lus},
	}
	return h.createDomain(c, s, sd, req.DataCenterID, fieldRule{"host", "host_id"})
}

func (h *handlers) removeStorageDomain(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	format, err := boolParam(c, "format")
	if err != nil {
		return err
	}
	if err := s.RemoveStorageDomain(ctx(c), id, client.RemoveStorageDomainOptions{Host: c.QueryParam("host_id"), Format: format}); err != nil {
		return engineError(err)
	}
	return noContent(c)
}

// iscsiRequest is a portal to discover or a target to log in to; the
// address is a host name, IPv4 or IPv6 (bare or in brackets).
type iscsiRequest struct {
	Address  string `json:"address" validate:"required,hostaddr"`
	Port     int    `json:"port" validate:"omitempty,min=1,max=65535"`
	Target   string `json:"target" validate:"max=256"`
	Username string `json:"username" validate:"max=256"`
	Password string `json:"password" validate:"max=1024"`
}

func (r *iscsiRequest) toAPI(errs fieldErrs) *api.IscsiDetails {
	d := &api.IscsiDetails{Address: forEngine(validation.EngineISCSIPortal, r.Address, "address", errs), Target: r.Target,
		Username: r.Username, Password: api.Secret(r.Password)}
	port := r.Port
	if port == 0 {
		port = 3260
	}
	d.Port = api.NewInt(port)
	return d
}

// TargetView is a discovered iSCSI target.
type TargetView struct {
	Address AddrView `json:"address"`
	Port    int      `json:"port,omitempty"`
	Target  string   `json:"target"`
	Portal  string   `json:"portal,omitempty"`
}

func (h *handlers) discoverISCSI(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req iscsiRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	d := req.toAPI(errs)
	if err := errs.err(); err != nil {
		return err
	}
	found, err := s.DiscoverISCSI(ctx(c), id, d)
	if err != nil {
		return engineError(err)
	}
	out := make([]TargetView, 0, len(found))
	for _, t := range found {
		v := TargetView{Address: viewAddr(t.Address), Target: t.Target, Portal: t.Portal}
		if t.Port != nil {
			v.Port = int(*t.Port)
		}
		out = append(out, v)
	}
	return c.JSON(http.StatusOK, map[string]any{"targets": out})
}

func (h *handlers) loginISCSI(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req iscsiRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	if req.Target == "" {
		errs.set("target", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	d := req.toAPI(errs)
	if err := errs.err(); err != nil {
		return err
	}
	act, err := s.ISCSILogin(ctx(c), id, d)
	if err != nil {
		return engineError(err)
	}
	status := string(act.Status)
	if status == "" {
		status = string(api.ActionStatusComplete)
	}
	return c.JSON(http.StatusOK, map[string]any{"status": status})
}

func (h *handlers) listLUNs(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	hs, err := s.ListHostStorage(ctx(c), id)
	if err != nil {
		return engineError(err)
	}
	out := []LUNView{}
	for _, st := range hs {
		if st.LogicalUnits == nil {
			continue
		}
		for _, l := range st.LogicalUnits.LogicalUnit {
			out = append(out, viewLUN(l))
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"luns": out})
}
