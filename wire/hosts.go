package wire

import "v6admin/validation"

// Cluster is a cluster for the host dialogs.
type Cluster struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	DataCenter *Ref   `json:"data_center,omitempty"`
}

// ClusterList is the answer of GET /api/clusters.
type ClusterList struct {
	Clusters []Cluster `json:"clusters"`
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

// HostList is the answer of GET /api/hosts.
type HostList struct {
	Hosts []Host `json:"hosts"`
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
	NIC          string           `json:"nic"`
	Address      string           `json:"address"`
	Prefix       int              `json:"prefix,omitempty"`
	Family       string           `json:"family"` // ipv4, ipv6
	Scope        validation.Scope `json:"scope"`
	BootProtocol string           `json:"boot_protocol,omitempty"`
}

// NIC is a host NIC (also bonds and VLAN devices).
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
	// Traffic, from the NIC's statistics (absent when not reported): the
	// current rates in bits/s, the totals in bytes since boot and the
	// dropped packets (rx + tx).
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
	Netmask      string `json:"netmask,omitempty"` // IPv4 dotted
	Prefix       *int   `json:"prefix,omitempty"`
	Gateway      *Addr  `json:"gateway,omitempty"`
}

// Bond is a bond's mode, options and slaves.
type Bond struct {
	Mode    string            `json:"mode,omitempty"`
	Options map[string]string `json:"options,omitempty"`
	Slaves  []string          `json:"slaves"`
}

// Agent is a fence agent; its password is never shown.
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

// AgentList is the answer of GET and PUT /api/hosts/:id/fence-agents
// (and …/order).
type AgentList struct {
	FenceAgents []Agent `json:"fence_agents"`
}

// FenceTest is the result of the Test button (POST
// /api/hosts/:id/fence-agents/test and …/:agent/test). Tested says what the
// engine tested: "agent" (the agent itself, the host's only one) or "host"
// (all of the host's agents, in order: the oVirt REST API cannot test one
// agent).
type FenceTest struct {
	OK         bool   `json:"ok"`
	PowerState string `json:"power_state,omitempty"`
	Message    string `json:"message"`
	Tested     string `json:"tested,omitempty"`
}

// AddHostResult is the answer of POST /api/hosts: the host and the
// remarks (a fence agent the engine refused after the host was added).
type AddHostResult struct {
	Host     Host      `json:"host"`
	Warnings []Warning `json:"warnings"`
}

// EngineSSHKey is the answer of GET /api/engine-ssh-key.
type EngineSSHKey struct {
	PublicKey string `json:"public_key"`
}

// HostActionResult is the answer of the host lifecycle actions (POST
// /api/hosts/:id/maintenance, /activate): the host as it is now and the
// engine's job.
type HostActionResult struct {
	Host Host `json:"host"`
	Job  *Job `json:"job,omitempty"`
}

// Job is an engine job followed to its end (or until the wait ran out).
type Job struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Description string `json:"description,omitempty"`
}

// PowerMgmtRequest is the power management part of a host request.
type PowerMgmtRequest struct {
	Enabled            bool     `json:"enabled"`
	AutomaticPMEnabled *bool    `json:"automatic_pm_enabled,omitempty"`
	KdumpDetection     *bool    `json:"kdump_detection,omitempty"`
	PMProxies          []string `json:"pm_proxies,omitempty" validate:"omitempty,max=3,dive,oneof=cluster dc other_dc"`
}

// FenceAgentRequest is a fence agent of the Power Management dialog, to
// add or change; on change an empty password keeps the stored one.
type FenceAgentRequest struct {
	Address        validation.Host   `json:"address" validate:"required"`
	Type           string            `json:"type" validate:"required,fenceagenttype"`
	Username       string            `json:"username" validate:"required" maxlen:"256"`
	Password       string            `json:"password,omitempty" maxlen:"50"` // validation.FenceAgentPasswordMax
	Port           int               `json:"port,omitempty"`
	Order          int               `json:"order,omitempty"`
	Options        map[string]string `json:"options,omitempty"`
	EncryptOptions bool              `json:"encrypt_options"`
	Concurrent     bool              `json:"concurrent"`
}

// AddHostRequest is the body of POST /api/hosts: the New Host dialog with
// its power management tab.
type AddHostRequest struct {
	Name            string              `json:"name" validate:"required"`
	Comment         string              `json:"comment,omitempty" maxlen:"1024"`
	Address         validation.Host     `json:"address" validate:"required"`
	Port            int                 `json:"port,omitempty"`
	ClusterID       string              `json:"cluster_id,omitempty" maxlen:"128"`
	AuthMethod      string              `json:"auth_method,omitempty" validate:"omitempty,oneof=password publickey"` // password (default), publickey
	RootPassword    string              `json:"root_password" maxlen:"1024"`                                         // required for auth_method password
	SSHPort         int                 `json:"ssh_port,omitempty"`
	Activate        *bool               `json:"activate,omitempty"`
	Reboot          *bool               `json:"reboot,omitempty"`
	PowerManagement *PowerMgmtRequest   `json:"power_management,omitempty"`
	FenceAgents     []FenceAgentRequest `json:"fence_agents,omitempty" validate:"omitempty,max=8,dive"`
}

// EditHostRequest is the body of PUT /api/hosts/:id; absent members are
// left unchanged.
type EditHostRequest struct {
	Name            *string           `json:"name,omitempty"`
	Comment         *string           `json:"comment,omitempty" maxlen:"1024"`
	Address         *validation.Host  `json:"address,omitempty"`
	Port            *int              `json:"port,omitempty"`
	SSHPort         *int              `json:"ssh_port,omitempty"`
	ClusterID       *string           `json:"cluster_id,omitempty" validate:"omitempty,min=1" maxlen:"128"`
	PowerManagement *PowerMgmtRequest `json:"power_management,omitempty"`
}

// OrderRequest is the body of PUT /api/hosts/:id/fence-agents/order: the
// host's fence agents in the wanted order.
type OrderRequest struct {
	IDs []string `json:"ids" validate:"required,min=1,max=64,dive,required" maxlen:"128"`
}
