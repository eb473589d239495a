package components

import "time"

// The JSON the UI exchanges with the BFF (package bff/api), mirrored here
// because the wasm must never link the server's packages. Member names and
// omitempty flags are exactly the BFF's; contract_test.go decodes recorded
// BFF answers into these types with unknown members refused.

// Addr is an address as the BFF shows it: an IP in RFC 5952 form with its
// kind and scope slug, or a host name (kind "name").
type Addr struct {
	Address string `json:"address"`
	Kind    string `json:"kind"`            // name, ipv4, ipv6 ("" if unparsable)
	Scope   string `json:"scope,omitempty"` // validation.Scope.Slug() of IP addresses
}

// Ref names an engine object.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Label is what a table shows for r: its name, or its id when the name is
// not known (the BFF names every reference it answers; an event streamed
// from /ws may come with ids only), "" for no reference.
func (r *Ref) Label() string {
	if r == nil {
		return ""
	}
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}

// Session is the answer of POST and GET /api/session.
type Session struct {
	User      string    `json:"user"`
	CSRFToken string    `json:"csrf_token"`
	Expires   time.Time `json:"expires"`
}

// LoginInfo is GET /api/login-info: the session, if any, the demo login
// of the built-in engine when its demo password is in use, and, without a
// session, which user name the engine's SSO wants.
type LoginInfo struct {
	Session   *Session   `json:"session"`
	DemoLogin *DemoLogin `json:"demo_login,omitempty"`
	Login     *LoginHint `json:"login,omitempty"`
}

// LoginHint says which user name to log in with: SSO is "internal"
// (oVirt's AAA), "external" (Keycloak) or "" (not known); User the
// engine's built-in administrator in that form; Help the sentence under
// User Name.
type LoginHint struct {
	SSO  string `json:"sso"`
	User string `json:"user,omitempty"`
	Help string `json:"help"`
}

// DemoLogin is the built-in engine's demo account.
type DemoLogin struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// Cluster is an entry of GET /api/clusters.
type Cluster struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	DataCenter *Ref   `json:"data_center,omitempty"`
}

// Host is a host in GET /api/hosts (with its NIC summary) and
// GET /api/hosts/:id (with its NICs and fence agents).
type Host struct {
	ID              string      `json:"id"`
	Name            string      `json:"name"`
	Comment         string      `json:"comment,omitempty"`
	Address         Addr        `json:"address"`
	Port            int         `json:"port,omitempty"`
	SSHPort         int         `json:"ssh_port,omitempty"`
	Status          string      `json:"status"`
	StatusDetail    string      `json:"status_detail,omitempty"`
	Cluster         *Ref        `json:"cluster,omitempty"`
	PowerManagement PowerMgmt   `json:"power_management"`
	NICSummary      *NICSummary `json:"nic_summary,omitempty"`
	NICs            []NIC       `json:"nics,omitempty"`
	FenceAgents     []Agent     `json:"fence_agents,omitempty"`
	Memory          int64       `json:"memory,omitempty"`
	CPU             string      `json:"cpu,omitempty"`
	Version         string      `json:"version,omitempty"`
}

// PowerMgmt is a host's power management settings.
type PowerMgmt struct {
	Enabled            bool     `json:"enabled"`
	AutomaticPMEnabled bool     `json:"automatic_pm_enabled"`
	KdumpDetection     bool     `json:"kdump_detection"`
	PMProxies          []string `json:"pm_proxies,omitempty"`
}

// NICSummary counts a host's NICs and lists their addresses.
type NICSummary struct {
	Total     int          `json:"total"`
	Up        int          `json:"up"`
	Addresses []NICAddress `json:"addresses"`
}

// NICAddress is one address of a NIC in a NICSummary.
type NICAddress struct {
	NIC          string `json:"nic"`
	Address      string `json:"address"`
	Prefix       int    `json:"prefix,omitempty"`
	Family       string `json:"family"`
	Scope        string `json:"scope"`
	BootProtocol string `json:"boot_protocol,omitempty"`
}

// NIC is a host NIC, bond or VLAN device.
type NIC struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	MAC           string    `json:"mac,omitempty"`
	Status        string    `json:"status,omitempty"`
	Speed         int64     `json:"speed,omitempty"` // bits/s
	MTU           int       `json:"mtu,omitempty"`
	VLANID        int       `json:"vlan_id,omitempty"`
	BaseInterface string    `json:"base_interface,omitempty"`
	Bridged       bool      `json:"bridged"`
	Network       *Ref      `json:"network,omitempty"`
	IPv4          *IPConfig `json:"ipv4,omitempty"`
	IPv6          *IPConfig `json:"ipv6,omitempty"`
	Bond          *Bond     `json:"bond,omitempty"`
	BondedIn      string    `json:"bonded_in,omitempty"`
	// Traffic (absent when not reported): rates in bits/s, totals in
	// bytes, dropped packets.
	RxRateBps    *float64 `json:"rx_rate_bps,omitempty"`
	TxRateBps    *float64 `json:"tx_rate_bps,omitempty"`
	RxTotalBytes *int64   `json:"rx_total_bytes,omitempty"`
	TxTotalBytes *int64   `json:"tx_total_bytes,omitempty"`
	Drops        *int64   `json:"drops,omitempty"`
}

// IPConfig is one family's configuration of a NIC or attachment.
type IPConfig struct {
	BootProtocol string `json:"boot_protocol"`
	Address      *Addr  `json:"address,omitempty"`
	Netmask      string `json:"netmask,omitempty"`
	Prefix       *int   `json:"prefix,omitempty"`
	Gateway      *Addr  `json:"gateway,omitempty"`
}

// Bond is a bond's mode, options and slaves.
type Bond struct {
	Mode    string            `json:"mode,omitempty"`
	Options map[string]string `json:"options,omitempty"`
	Slaves  []string          `json:"slaves"`
}

// Attachment is a logical network attached to a host NIC or bond.
type Attachment struct {
	ID         string     `json:"id"`
	Network    Ref        `json:"network"`
	NIC        Ref        `json:"nic"`
	InSync     bool       `json:"in_sync"`
	IPv4       *IPConfig  `json:"ipv4,omitempty"`
	IPv6       *IPConfig  `json:"ipv6,omitempty"`
	DNSServers []Addr     `json:"dns_servers,omitempty"`
	Reported   []Reported `json:"reported,omitempty"`
}

// Reported is one expected/actual comparison of an attachment.
type Reported struct {
	Name     string `json:"name"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	InSync   bool   `json:"in_sync"`
}

// Network is a logical network of the host's cluster.
type Network struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	VLANID   int      `json:"vlan_id,omitempty"`
	MTU      int      `json:"mtu,omitempty"`
	Required bool     `json:"required"`
	Roles    []string `json:"roles"` // management, default_route, vm, display, migration, gluster
	Attached bool     `json:"attached"`
}

// HostNetwork is GET /api/hosts/:id/network.
type HostNetwork struct {
	Host        Ref          `json:"host"`
	NICs        []NIC        `json:"nics"`
	Bonds       []NIC        `json:"bonds"`
	Attachments []Attachment `json:"attachments"`
	Networks    []Network    `json:"networks"`
}

// Agent is a fence agent; its password is never returned.
type Agent struct {
	ID             string            `json:"id"`
	Address        Addr              `json:"address"`
	Type           string            `json:"type"`
	Username       string            `json:"username,omitempty"`
	Port           int               `json:"port,omitempty"`
	Order          int               `json:"order"`
	Options        map[string]string `json:"options,omitempty"`
	EncryptOptions bool              `json:"encrypt_options"`
	Concurrent     bool              `json:"concurrent"`
}

// FenceTest is the answer of POST /api/hosts/:id/fence-agents/test and
// /api/hosts/:id/fence-agents/:agent/test. Tested is what the engine
// tested: "agent" (the host's only agent) or "host" (all its agents, in
// order: the oVirt REST API cannot test one agent).
type FenceTest struct {
	OK         bool   `json:"ok"`
	PowerState string `json:"power_state,omitempty"`
	Message    string `json:"message"`
	Tested     string `json:"tested,omitempty"`
}

// Warning is a non-blocking remark of the BFF.
type Warning struct {
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// AddHostResult is the answer of POST /api/hosts.
type AddHostResult struct {
	Host     Host      `json:"host"`
	Warnings []Warning `json:"warnings"`
}

// EngineSSHKey is the answer of GET /api/engine-ssh-key.
type EngineSSHKey struct {
	PublicKey string `json:"public_key"`
}

// HostActionResult is the answer of POST /api/hosts/:id/maintenance and
// /activate: the host as it is now and the engine's job.
type HostActionResult struct {
	Host Host `json:"host"`
	Job  *Job `json:"job,omitempty"`
}

// Job is an engine job followed by the BFF.
type Job struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Description string `json:"description,omitempty"`
}

// SetupResult is the answer of setupnetworks and syncallnetworks.
type SetupResult struct {
	Status   string    `json:"status"`
	Job      *Job      `json:"job,omitempty"`
	Warnings []Warning `json:"warnings"`
}

// Provider is an external provider (GET /api/providers).
type Provider struct {
	ID                     string `json:"id"`
	Kind                   string `json:"kind"`           // network, host
	Type                   string `json:"type,omitempty"` // external, neutron, foreman
	Name                   string `json:"name"`
	Description            string `json:"description,omitempty"`
	URL                    string `json:"url"`
	URLHost                Addr   `json:"url_host"`
	RequiresAuthentication bool   `json:"requires_authentication"`
	Username               string `json:"username,omitempty"`
	AuthenticationURL      string `json:"authentication_url,omitempty"`
	Protocol               string `json:"protocol,omitempty"`    // http, https
	HostName               string `json:"host_name,omitempty"`   // bare
	APIPort                int    `json:"api_port,omitempty"`    // 1–65535
	APIVersion             string `json:"api_version,omitempty"` // v3, v2.0
	TenantName             string `json:"tenant_name,omitempty"`
	UserDomainName         string `json:"user_domain_name,omitempty"`
	ProjectName            string `json:"project_name,omitempty"`
	ProjectDomainName      string `json:"project_domain_name,omitempty"`
	PluginType             string `json:"plugin_type,omitempty"`
	ReadOnly               bool   `json:"read_only"`
	AutoSync               bool   `json:"auto_sync"`
}

// StorageDomain is a storage domain (GET /api/storage-domains).
type StorageDomain struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	StorageType string `json:"storage_type"`
	Status      string `json:"status,omitempty"`
	Server      *Addr  `json:"server,omitempty"`
	Path        string `json:"path,omitempty"`
	NFSVersion  string `json:"nfs_version,omitempty"`
	LUNs        []LUN  `json:"luns,omitempty"`
	Available   int64  `json:"available,omitempty"`
	Used        int64  `json:"used,omitempty"`
	DataCenters []Ref  `json:"data_centers,omitempty"`
}

// LUN is an iSCSI LUN of a storage domain.
type LUN struct {
	ID        string `json:"id"`
	Address   *Addr  `json:"address,omitempty"`
	Port      int    `json:"port,omitempty"`
	Target    string `json:"target,omitempty"`
	Size      int64  `json:"size,omitempty"`
	Status    string `json:"status,omitempty"`
	VendorID  string `json:"vendor_id,omitempty"`
	ProductID string `json:"product_id,omitempty"`
	Serial    string `json:"serial,omitempty"`
	Paths     int    `json:"paths,omitempty"`
}

// Event is an engine event (GET /api/events, and /ws "event" messages).
type Event struct {
	ID            int64     `json:"id"`
	Code          int64     `json:"code"`
	Severity      string    `json:"severity"`
	Time          time.Time `json:"time"`
	Description   string    `json:"description"`
	Host          *Ref      `json:"host,omitempty"`
	Cluster       *Ref      `json:"cluster,omitempty"`
	DataCenter    *Ref      `json:"data_center,omitempty"`
	StorageDomain *Ref      `json:"storage_domain,omitempty"`
	User          *Ref      `json:"user,omitempty"`
	CorrelationID string    `json:"correlation_id,omitempty"`
}

// EventList is the answer of GET /api/events: newest first.
type EventList struct {
	Events []Event `json:"events"`
	LastID int64   `json:"last_id"`
	Page   int     `json:"page"`
	More   bool    `json:"more"` // a full page came back: the next may hold more
}

// WSMessage is one message of /ws.
type WSMessage struct {
	Type    string     `json:"type"` // hello, event, heartbeat, error
	Event   *Event     `json:"event,omitempty"`
	From    *int64     `json:"from,omitempty"`
	Last    *int64     `json:"last,omitempty"`
	Time    *time.Time `json:"time,omitempty"`
	Code    string     `json:"code,omitempty"`
	Message string     `json:"message,omitempty"`
}

// FieldError is what the BFF says about one field.
type FieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ErrorEnvelope is every error answer of the BFF.
type ErrorEnvelope struct {
	Code    string                `json:"code"`
	Message string                `json:"message"`
	Fields  map[string]FieldError `json:"fields,omitempty"`
}

// Requests.

// LoginRequest is the body of POST /api/session.
type LoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// PowerMgmtRequest is the power management part of a host request.
type PowerMgmtRequest struct {
	Enabled            bool     `json:"enabled"`
	AutomaticPMEnabled *bool    `json:"automatic_pm_enabled,omitempty"`
	KdumpDetection     *bool    `json:"kdump_detection,omitempty"`
	PMProxies          []string `json:"pm_proxies,omitempty"`
}

// FenceAgentRequest is a fence agent to add or change; on change an empty
// password keeps the stored one.
type FenceAgentRequest struct {
	Address        string            `json:"address"`
	Type           string            `json:"type"`
	Username       string            `json:"username"`
	Password       string            `json:"password,omitempty"`
	Port           int               `json:"port,omitempty"`
	Order          int               `json:"order,omitempty"`
	Options        map[string]string `json:"options,omitempty"`
	EncryptOptions bool              `json:"encrypt_options"`
	Concurrent     bool              `json:"concurrent"`
}

// AddHostRequest is the body of POST /api/hosts.
type AddHostRequest struct {
	Name            string              `json:"name"`
	Comment         string              `json:"comment,omitempty"`
	Address         string              `json:"address"`
	ClusterID       string              `json:"cluster_id,omitempty"`
	AuthMethod      string              `json:"auth_method,omitempty"` // password (default), publickey
	RootPassword    string              `json:"root_password"`
	SSHPort         int                 `json:"ssh_port,omitempty"`
	Activate        *bool               `json:"activate,omitempty"`
	Reboot          *bool               `json:"reboot,omitempty"`
	PowerManagement *PowerMgmtRequest   `json:"power_management,omitempty"`
	FenceAgents     []FenceAgentRequest `json:"fence_agents,omitempty"`
}

// EditHostRequest is the body of PUT /api/hosts/:id; absent members are
// left unchanged.
type EditHostRequest struct {
	Name            *string           `json:"name,omitempty"`
	Comment         *string           `json:"comment,omitempty"`
	Address         *string           `json:"address,omitempty"`
	SSHPort         *int              `json:"ssh_port,omitempty"`
	ClusterID       *string           `json:"cluster_id,omitempty"`
	PowerManagement *PowerMgmtRequest `json:"power_management,omitempty"`
}

// OrderRequest is the body of PUT /api/hosts/:id/fence-agents/order.
type OrderRequest struct {
	IDs []string `json:"ids"`
}
