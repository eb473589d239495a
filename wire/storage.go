package wire

// StorageDomain is a storage domain (GET /api/storage-domains).
type StorageDomain struct {
	ID                   string `json:"id"`
	Name                 string `json:"name"`
	Description          string `json:"description,omitempty"`
	Comment              string `json:"comment,omitempty"`
	Type                 string `json:"type"`         // data, iso, export
	StorageType          string `json:"storage_type"` // nfs, iscsi, ...
	Status               string `json:"status,omitempty"`
	Server               *Addr  `json:"server,omitempty"` // NFS server
	Path                 string `json:"path,omitempty"`
	NFSVersion           string `json:"nfs_version,omitempty"`
	Retransmissions      *int   `json:"retransmissions,omitempty"` // NFS
	Timeout              *int   `json:"timeout,omitempty"`         // NFS, deciseconds
	MountOptions         string `json:"mount_options,omitempty"`   // NFS
	LUNs                 []LUN  `json:"luns,omitempty"`
	Available            int64  `json:"available,omitempty"`
	Used                 int64  `json:"used,omitempty"`
	WarningLowSpace      *int   `json:"warning_low_space,omitempty"`      // %
	CriticalSpaceBlocker *int   `json:"critical_space_blocker,omitempty"` // GB
	DataCenters          []Ref  `json:"data_centers,omitempty"`
}

// StorageDomainList is the answer of GET /api/storage-domains.
type StorageDomainList struct {
	StorageDomains []StorageDomain `json:"storage_domains"`
}

// LUN is an iSCSI LUN: the columns of the New Domain dialog's LUN list
// (LUN ID, Size in bytes, #paths, Vendor ID, Product ID, Serial) and where
// it is.
type LUN struct {
	ID        string `json:"id"`
	Address   *Addr  `json:"address,omitempty"`
	Port      int    `json:"port,omitempty"`
	Target    string `json:"target,omitempty"`
	Size      int64  `json:"size"`
	Paths     int    `json:"paths"`
	VendorID  string `json:"vendor_id"`
	ProductID string `json:"product_id"`
	Serial    string `json:"serial"`
	Status    string `json:"status,omitempty"` // free, used, unusable
}

// LUNList is the answer of GET /api/hosts/:id/luns.
type LUNList struct {
	LUNs []LUN `json:"luns"`
}

// DomainCommon is the part of the New Domain dialog common to NFS and
// iSCSI. Missing thresholds take the engine's defaults (10 %, 5 GB).
type DomainCommon struct {
	Name                 string `json:"name"`
	Description          string `json:"description,omitempty" maxlen:"4000"`
	Comment              string `json:"comment,omitempty" maxlen:"4000"`
	HostID               string `json:"host_id" validate:"required" maxlen:"128"`
	DataCenterID         string `json:"data_center_id,omitempty" maxlen:"128"`
	WarningLowSpace      *int   `json:"warning_low_space,omitempty"`      // %
	CriticalSpaceBlocker *int   `json:"critical_space_blocker,omitempty"` // GB
}

// NFSDomainRequest is POST /api/storage-domains/nfs, the New Domain dialog
// for NFS: the export is "server:/path" with an IPv6 server in brackets
// ("[2001:db8::5]:/exports/data"). Retransmissions, timeout and mount
// options are the Custom Connection Parameters; left out, the engine's
// defaults apply.
type NFSDomainRequest struct {
	DomainCommon
	Type            string `json:"type,omitempty" validate:"omitempty,oneof=data iso export"`
	Export          string `json:"export" validate:"required"`
	NFSVersion      string `json:"nfs_version,omitempty" validate:"omitempty,oneof=auto v3 v4 v4_0 v4_1 v4_2"`
	Retransmissions *int   `json:"retransmissions,omitempty"`
	Timeout         *int   `json:"timeout,omitempty"` // deciseconds
	MountOptions    string `json:"mount_options,omitempty" maxlen:"1024"`
}

// LUNRequest names one LUN of a new iSCSI domain.
type LUNRequest struct {
	ID      string `json:"id" validate:"required" maxlen:"256"`
	Address string `json:"address" validate:"required"`
	Port    int    `json:"port,omitempty"`
	Target  string `json:"target" validate:"required" maxlen:"256"`
}

// ISCSIDomainRequest is POST /api/storage-domains/iscsi, the New Domain
// dialog for iSCSI: the LUNs chosen in the LUN list (after discovery and
// login).
type ISCSIDomainRequest struct {
	DomainCommon
	Type string       `json:"type,omitempty" validate:"omitempty,oneof=data export"`
	LUNs []LUNRequest `json:"luns" validate:"max=64,dive"`
}

// ISCSIRequest is the body of the iSCSI discover and login calls: a
// portal to discover or a target to log in to; the address is a host
// name, IPv4 or IPv6 (bare or in brackets; the engine gets IPv6 bare),
// the port 1–65535 (default 3260). Username and password are the CHAP
// credentials ("User Authentication"): both or neither. Discover and
// login-all ignore target.
type ISCSIRequest struct {
	Address  string `json:"address" validate:"required"`
	Port     int    `json:"port,omitempty"`
	Target   string `json:"target,omitempty" maxlen:"256"`
	Username string `json:"username,omitempty" maxlen:"256"`
	Password string `json:"password,omitempty" maxlen:"1024"`
}

// ISCSITarget is a discovered iSCSI target; LoggedIn says whether the host
// already has a session with it (its LUNs are listed).
type ISCSITarget struct {
	Address  Addr   `json:"address"`
	Port     int    `json:"port,omitempty"`
	Target   string `json:"target"`
	Portal   string `json:"portal,omitempty"`
	LoggedIn bool   `json:"logged_in"`
}

// Discovery is the answer of discover and login-all; Message is oVirt's
// "No new devices were found…" when the portal offers no target.
type Discovery struct {
	Targets []ISCSITarget `json:"targets"`
	Message string        `json:"message,omitempty"`
}

// ISCSILoginResult is the answer of POST /api/hosts/:id/iscsi/login: the
// engine action's status ("complete").
type ISCSILoginResult struct {
	Status string `json:"status"`
}
