package components

import (
	"context"
	"net/http"
	"time"
)

// ProviderRequest is the body of POST /api/providers and PUT
// /api/providers/:kind/:id (the Add/Edit Provider dialog).
type ProviderRequest struct {
	Kind                   string `json:"kind"` // network, host
	Type                   string `json:"type"` // external, neutron, foreman
	Name                   string `json:"name"`
	Description            string `json:"description"`
	URL                    string `json:"url"`
	RequiresAuthentication bool   `json:"requires_authentication"`
	Username               string `json:"username,omitempty"`
	Password               string `json:"password,omitempty"`
	Protocol               string `json:"protocol,omitempty"`
	HostName               string `json:"host_name,omitempty"`
	APIPort                int    `json:"api_port,omitempty"`
	APIVersion             string `json:"api_version,omitempty"`
	TenantName             string `json:"tenant_name,omitempty"`
	UserDomainName         string `json:"user_domain_name,omitempty"`
	ProjectName            string `json:"project_name,omitempty"`
	ProjectDomainName      string `json:"project_domain_name,omitempty"`
	PluginType             string `json:"plugin_type,omitempty"`
	ReadOnly               bool   `json:"read_only"`
	AutoSync               bool   `json:"auto_sync"`
}

// ProviderTestRequest is POST /api/providers/test: the dialog's settings,
// tested without saving them; ID when the dialog edits a saved provider,
// ImportSHA256Fingerprint when the user approved a certificate to import
// before the test.
type ProviderTestRequest struct {
	ProviderRequest
	ID                      string `json:"id,omitempty"`
	ImportSHA256Fingerprint string `json:"import_sha256_fingerprint,omitempty"`
}

// Certificate is one certificate a provider presents.
type Certificate struct {
	Position          int       `json:"position"`
	Subject           string    `json:"subject"`
	Issuer            string    `json:"issuer"`
	SelfSigned        bool      `json:"self_signed"`
	SHA256Fingerprint string    `json:"sha256_fingerprint"`
	NotBefore         time.Time `json:"not_before"`
	NotAfter          time.Time `json:"not_after"`
	PEM               string    `json:"pem"`
}

// What the engine could tell about a provider's certificates
// (Certificates.Status).
const (
	chainPresented   = "presented"
	chainUnreachable = "unreachable"
)

// Certificates is the chain a provider presents, the certificate to
// approve (Approve: its position) and oVirt's question; with no
// certificate, Status says why ("http", "unreachable") and Message how.
type Certificates struct {
	Status       string        `json:"status"`
	Certificates []Certificate `json:"certificates"`
	Approve      int           `json:"approve"`
	Prompt       string        `json:"prompt,omitempty"`
	Message      string        `json:"message,omitempty"`
}

// approved is the certificate to approve (nil without certificates).
func (c *Certificates) approved() *Certificate {
	if c == nil || c.Approve < 0 || c.Approve >= len(c.Certificates) {
		return nil
	}
	return &c.Certificates[c.Approve]
}

// ProviderTest is the result of a provider's Test: Tested says what was
// tested, Certificates (a failed test over https) what the provider
// presents, Imported the certificate imported before the test.
type ProviderTest struct {
	OK            bool          `json:"ok"`
	Message       string        `json:"message"`
	Tested        string        `json:"tested,omitempty"`
	NeedsPassword bool          `json:"needs_password,omitempty"`
	Certificates  *Certificates `json:"certificates,omitempty"`
	Imported      *Certificate  `json:"imported,omitempty"`
	Warning       string        `json:"warning,omitempty"`
}

// NFSDomainRequest is POST /api/storage-domains/nfs.
type NFSDomainRequest struct {
	Name                 string `json:"name"`
	Description          string `json:"description,omitempty"`
	Comment              string `json:"comment,omitempty"`
	HostID               string `json:"host_id"`
	DataCenterID         string `json:"data_center_id,omitempty"`
	WarningLowSpace      *int   `json:"warning_low_space,omitempty"`
	CriticalSpaceBlocker *int   `json:"critical_space_blocker,omitempty"`
	Type                 string `json:"type,omitempty"`
	Export               string `json:"export"`
	NFSVersion           string `json:"nfs_version,omitempty"`
	Retransmissions      *int   `json:"retransmissions,omitempty"`
	Timeout              *int   `json:"timeout,omitempty"`
	MountOptions         string `json:"mount_options,omitempty"`
}

// LUNRequest is a LUN of a new iSCSI domain.
type LUNRequest struct {
	ID      string `json:"id"`
	Address string `json:"address"`
	Port    int    `json:"port,omitempty"`
	Target  string `json:"target"`
}

// ISCSIDomainRequest is POST /api/storage-domains/iscsi.
type ISCSIDomainRequest struct {
	Name                 string       `json:"name"`
	Description          string       `json:"description,omitempty"`
	Comment              string       `json:"comment,omitempty"`
	HostID               string       `json:"host_id"`
	DataCenterID         string       `json:"data_center_id,omitempty"`
	WarningLowSpace      *int         `json:"warning_low_space,omitempty"`
	CriticalSpaceBlocker *int         `json:"critical_space_blocker,omitempty"`
	Type                 string       `json:"type,omitempty"`
	LUNs                 []LUNRequest `json:"luns"`
}

// ISCSIRequest is the body of the iSCSI discover and login calls.
type ISCSIRequest struct {
	Address  string `json:"address"`
	Port     int    `json:"port,omitempty"`
	Target   string `json:"target,omitempty"`
	Username string `json:"username,omitempty"`
	Password string `json:"password,omitempty"`
}

// ISCSITarget is a discovered target.
type ISCSITarget struct {
	Address  Addr   `json:"address"`
	Port     int    `json:"port,omitempty"`
	Target   string `json:"target"`
	Portal   string `json:"portal,omitempty"`
	LoggedIn bool   `json:"logged_in"`
}

// Discovery is the answer of discover and login-all.
type Discovery struct {
	Targets []ISCSITarget `json:"targets"`
	Message string        `json:"message,omitempty"`
}

func providerPath(kind, id string) string {
	return "/api/providers/" + esc(kind) + "/" + esc(id)
}

// AddProvider adds an external provider.
func (c *APIClient) AddProvider(ctx context.Context, r ProviderRequest) (*Provider, error) {
	var p Provider
	if err := c.do(ctx, http.MethodPost, "/api/providers", r, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// EditProvider changes an external provider.
func (c *APIClient) EditProvider(ctx context.Context, kind, id string, r ProviderRequest) (*Provider, error) {
	var p Provider
	if err := c.do(ctx, http.MethodPut, providerPath(kind, id), r, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// RemoveProvider removes an external provider.
func (c *APIClient) RemoveProvider(ctx context.Context, kind, id string) error {
	return c.do(ctx, http.MethodDelete, providerPath(kind, id), nil, nil)
}

// TestProviderSettings tests the dialog's settings without saving them.
func (c *APIClient) TestProviderSettings(ctx context.Context, r ProviderTestRequest) (*ProviderTest, error) {
	var out ProviderTest
	if err := c.do(ctx, http.MethodPost, "/api/providers/test", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AddNFSDomain creates an NFS storage domain.
func (c *APIClient) AddNFSDomain(ctx context.Context, r NFSDomainRequest) (*StorageDomain, error) {
	var d StorageDomain
	if err := c.do(ctx, http.MethodPost, "/api/storage-domains/nfs", r, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// AddISCSIDomain creates an iSCSI storage domain.
func (c *APIClient) AddISCSIDomain(ctx context.Context, r ISCSIDomainRequest) (*StorageDomain, error) {
	var d StorageDomain
	if err := c.do(ctx, http.MethodPost, "/api/storage-domains/iscsi", r, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DiscoverISCSI lists the targets of a portal, seen from a host.
func (c *APIClient) DiscoverISCSI(ctx context.Context, hostID string, r ISCSIRequest) (*Discovery, error) {
	var out Discovery
	if err := c.do(ctx, http.MethodPost, "/api/hosts/"+esc(hostID)+"/iscsi/discover", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// LoginISCSI logs a host in to one target.
func (c *APIClient) LoginISCSI(ctx context.Context, hostID string, r ISCSIRequest) error {
	return c.do(ctx, http.MethodPost, "/api/hosts/"+esc(hostID)+"/iscsi/login", r, nil)
}

// LoginAllISCSI logs a host in to every target of a portal.
func (c *APIClient) LoginAllISCSI(ctx context.Context, hostID string, r ISCSIRequest) (*Discovery, error) {
	var out Discovery
	if err := c.do(ctx, http.MethodPost, "/api/hosts/"+esc(hostID)+"/iscsi/login-all", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// HostLUNs lists the LUNs a host sees.
func (c *APIClient) HostLUNs(ctx context.Context, hostID string) ([]LUN, error) {
	var out struct {
		LUNs []LUN `json:"luns"`
	}
	err := c.do(ctx, http.MethodGet, "/api/hosts/"+esc(hostID)+"/luns", nil, &out)
	return out.LUNs, err
}
