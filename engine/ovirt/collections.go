package ovirt

// Collections are written as {"<singular tag>": [...]}; an empty collection
// is written as {}. The same types serve as the wrappers of nested lists of
// structs (e.g. "modified_bonds": {"host_nic": [...]}).

// Hosts is a list of hosts: {"host": [...]}.
type Hosts struct {
	Host []Host `json:"host,omitempty"`
}

// HostNics is a list of host NICs: {"host_nic": [...]}.
type HostNics struct {
	HostNic []HostNic `json:"host_nic,omitempty"`
}

// NetworkAttachments is a list of network attachments:
// {"network_attachment": [...]}.
type NetworkAttachments struct {
	NetworkAttachment []NetworkAttachment `json:"network_attachment,omitempty"`
}

// NetworkLabels is a list of network labels: {"network_label": [...]}.
type NetworkLabels struct {
	NetworkLabel []NetworkLabel `json:"network_label,omitempty"`
}

// Agents is a list of fence agents: {"agent": [...]}.
type Agents struct {
	Agent []Agent `json:"agent,omitempty"`
}

// OpenStackNetworkProviders is {"openstack_network_provider": [...]}.
type OpenStackNetworkProviders struct {
	OpenStackNetworkProvider []OpenStackNetworkProvider `json:"openstack_network_provider,omitempty"`
}

// ExternalHostProviders is {"external_host_provider": [...]}.
type ExternalHostProviders struct {
	ExternalHostProvider []ExternalHostProvider `json:"external_host_provider,omitempty"`
}

// ExternalProviders is {"external_provider": [...]}
// (cluster.external_network_providers).
type ExternalProviders struct {
	ExternalProvider []ExternalProvider `json:"external_provider,omitempty"`
}

// Certificates is {"certificate": [...]} (a provider's certificate chain,
// action.certificates of importcertificates).
type Certificates struct {
	Certificate []Certificate `json:"certificate,omitempty"`
}

// StorageDomains is {"storage_domain": [...]}.
type StorageDomains struct {
	StorageDomain []StorageDomain `json:"storage_domain,omitempty"`
}

// HostStorages is {"host_storage": [...]} (GET /hosts/{id}/storage).
type HostStorages struct {
	HostStorage []HostStorage `json:"host_storage,omitempty"`
}

// LogicalUnits is {"logical_unit": [...]}.
type LogicalUnits struct {
	LogicalUnit []LogicalUnit `json:"logical_unit,omitempty"`
}

// IscsiDetailsList is {"iscsi_details": [...]} (action.discovered_targets).
type IscsiDetailsList struct {
	IscsiDetails []IscsiDetails `json:"iscsi_details,omitempty"`
}

// IscsiTargets is {"iscsi_target": [...]} (action.iscsi_targets).
type IscsiTargets struct {
	IscsiTarget []string `json:"iscsi_target,omitempty"`
}

// DataCenters is {"data_center": [...]}.
type DataCenters struct {
	DataCenter []DataCenter `json:"data_center,omitempty"`
}

// Clusters is {"cluster": [...]}.
type Clusters struct {
	Cluster []Cluster `json:"cluster,omitempty"`
}

// Networks is {"network": [...]}.
type Networks struct {
	Network []Network `json:"network,omitempty"`
}

// Events is {"event": [...]}.
type Events struct {
	Event []Event `json:"event,omitempty"`
}

// Jobs is {"job": [...]}.
type Jobs struct {
	Job []Job `json:"job,omitempty"`
}

// Steps is {"step": [...]}.
type Steps struct {
	Step []Step `json:"step,omitempty"`
}

// Statistics is {"statistic": [...]}.
type Statistics struct {
	Statistic []Statistic `json:"statistic,omitempty"`
}

// Vms is a list of VMs: {"vm": [...]}.
type Vms struct {
	Vm []Vm `json:"vm,omitempty"`
}

// Nics is a list of VM NICs: {"nic": [...]}.
type Nics struct {
	Nic []Nic `json:"nic,omitempty"`
}

// VnicProfiles is a list of vNIC profiles: {"vnic_profile": [...]}.
type VnicProfiles struct {
	VnicProfile []VnicProfile `json:"vnic_profile,omitempty"`
}

// ReportedDevices is a list of guest-reported devices:
// {"reported_device": [...]}.
type ReportedDevices struct {
	ReportedDevice []ReportedDevice `json:"reported_device,omitempty"`
}

// Ips is a list of addresses: {"ip": [...]}.
type Ips struct {
	Ip []Ip `json:"ip,omitempty"`
}

// Sessions is a list of VM sessions: {"session": [...]}.
type Sessions struct {
	Session []Session `json:"session,omitempty"`
}

// GraphicsConsoles is a list of graphics consoles:
// {"graphics_console": [...]}.
type GraphicsConsoles struct {
	GraphicsConsole []GraphicsConsole `json:"graphics_console,omitempty"`
}

// NicConfigurations is initialization.nic_configurations:
// {"nic_configuration": [...]}.
type NicConfigurations struct {
	NicConfiguration []NicConfiguration `json:"nic_configuration,omitempty"`
}
