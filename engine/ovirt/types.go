package ovirt

// Every identified type carries the Identified members of the model:
// id, href, name, description, comment, link, actions. Comment is a *string
// because the engine writes "comment": "" for entities without a comment.

// Link is a related-resource link: {"href": ..., "rel": ...}.
type Link struct {
	Href string `json:"href,omitempty"`
	Rel  string `json:"rel,omitempty"`
}

// Actions is the "actions": {"link": [...]} member.
type Actions struct {
	Link []Link `json:"link,omitempty"`
}

// Fault is the error body {"reason", "detail"}; it is also nested as
// action.fault.
type Fault struct {
	Reason string `json:"reason,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// Error implements error as "reason: detail".
func (f *Fault) Error() string {
	switch {
	case f.Detail == "":
		return f.Reason
	case f.Reason == "":
		return f.Detail
	}
	return f.Reason + ": " + f.Detail
}

// Version is a product/host/cluster version.
type Version struct {
	ID          string `json:"id,omitempty"`
	Href        string `json:"href,omitempty"`
	Build       *Int   `json:"build,omitempty"`
	FullVersion string `json:"full_version,omitempty"`
	Major       *Int   `json:"major,omitempty"`
	Minor       *Int   `json:"minor,omitempty"`
	Revision    *Int   `json:"revision,omitempty"`
}

// Versions wraps a list of versions ("supported_versions": {"version": [...]}).
type Versions struct {
	Version []Version `json:"version,omitempty"`
}

// ProductInfo is api.product_info.
type ProductInfo struct {
	Name       string   `json:"name,omitempty"`
	Vendor     string   `json:"vendor,omitempty"`
	Version    *Version `json:"version,omitempty"`
	InstanceID string   `json:"instance_id,omitempty"`
}

// SpecialObjects is api.special_objects.
type SpecialObjects struct {
	BlankTemplate *Template `json:"blank_template,omitempty"`
	RootTag       *Tag      `json:"root_tag,omitempty"`
}

// ApiSummaryItem is one {active, total} entry of api.summary.
type ApiSummaryItem struct {
	Active *Int `json:"active,omitempty"`
	Total  *Int `json:"total,omitempty"`
}

// ApiSummary is api.summary.
type ApiSummary struct {
	Hosts          *ApiSummaryItem `json:"hosts,omitempty"`
	StorageDomains *ApiSummaryItem `json:"storage_domains,omitempty"`
	Users          *ApiSummaryItem `json:"users,omitempty"`
	Vms            *ApiSummaryItem `json:"vms,omitempty"`
}

// Api is the root resource GET /ovirt-engine/api.
type Api struct {
	ProductInfo       *ProductInfo    `json:"product_info,omitempty"`
	SpecialObjects    *SpecialObjects `json:"special_objects,omitempty"`
	Summary           *ApiSummary     `json:"summary,omitempty"`
	Time              *Time           `json:"time,omitempty"`
	AuthenticatedUser *User           `json:"authenticated_user,omitempty"`
	EffectiveUser     *User           `json:"effective_user,omitempty"`
	Link              []Link          `json:"link,omitempty"`
}

// User is a user reference (event.user, api.authenticated_user) and the
// ssh.user of a host. Password is input only.
type User struct {
	ID          string  `json:"id,omitempty"`
	Href        string  `json:"href,omitempty"`
	Name        string  `json:"name,omitempty"`
	Description string  `json:"description,omitempty"`
	Comment     *string `json:"comment,omitempty"`
	UserName    string  `json:"user_name,omitempty"`
	Principal   string  `json:"principal,omitempty"`
	Namespace   string  `json:"namespace,omitempty"`
	Domain      *Domain `json:"domain,omitempty"`
	Password    Secret  `json:"password,omitzero"`
	Link        []Link  `json:"link,omitempty"`
}

// Template is a template reference.
type Template struct {
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
	Name string `json:"name,omitempty"`
}

// Tag is a tag reference.
type Tag struct {
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
	Name string `json:"name,omitempty"`
}

// Vm is /vms/{id} (VmMapper) and a VM reference (event.vm, nic.vm,
// action.vm for start's run-once parameters). Host, Display's address and
// ports, and StartTime are set only while the VM runs.
type Vm struct {
	ID                         string            `json:"id,omitempty"`
	Href                       string            `json:"href,omitempty"`
	Name                       string            `json:"name,omitempty"`
	Description                string            `json:"description,omitempty"`
	Comment                    *string           `json:"comment,omitempty"`
	Status                     VmStatus          `json:"status,omitempty"`
	StatusDetail               string            `json:"status_detail,omitempty"`
	StopReason                 string            `json:"stop_reason,omitempty"`
	StartTime                  *Time             `json:"start_time,omitempty"`
	StopTime                   *Time             `json:"stop_time,omitempty"`
	CreationTime               *Time             `json:"creation_time,omitempty"`
	RunOnce                    *Bool             `json:"run_once,omitempty"`
	Fqdn                       string            `json:"fqdn,omitempty"`
	Memory                     *Long             `json:"memory,omitempty"`
	Stateless                  *Bool             `json:"stateless,omitempty"`
	DeleteProtected            *Bool             `json:"delete_protected,omitempty"`
	NextRunConfigurationExists *Bool             `json:"next_run_configuration_exists,omitempty"`
	Display                    *Display          `json:"display,omitempty"`
	Initialization             *Initialization   `json:"initialization,omitempty"`
	Host                       *Host             `json:"host,omitempty"`
	Cluster                    *Cluster          `json:"cluster,omitempty"`
	Template                   *Template         `json:"template,omitempty"`
	Nics                       *Nics             `json:"nics,omitempty"`
	ReportedDevices            *ReportedDevices  `json:"reported_devices,omitempty"`
	Sessions                   *Sessions         `json:"sessions,omitempty"`
	GraphicsConsoles           *GraphicsConsoles `json:"graphics_consoles,omitempty"`
	Link                       []Link            `json:"link,omitempty"`
	Actions                    *Actions          `json:"actions,omitempty"`
}

// Initialization is vm.initialization: the cloud-init (or sysprep)
// settings the engine hands the guest on its first run or on a run once
// (InitializationMapper). RootPassword is input only.
type Initialization struct {
	HostName                 string                   `json:"host_name,omitempty"`
	UserName                 string                   `json:"user_name,omitempty"`
	RootPassword             Secret                   `json:"root_password,omitzero"`
	AuthorizedSshKeys        string                   `json:"authorized_ssh_keys,omitempty"`
	DnsServers               string                   `json:"dns_servers,omitempty"`
	DnsSearch                string                   `json:"dns_search,omitempty"`
	NicConfigurations        *NicConfigurations       `json:"nic_configurations,omitempty"`
	CloudInitNetworkProtocol CloudInitNetworkProtocol `json:"cloud_init_network_protocol,omitempty"`
}

// NicConfiguration is one in-guest NIC of initialization.nic_configurations.
// Ipv6.Netmask is the prefix length ("64").
type NicConfiguration struct {
	Name             string       `json:"name,omitempty"`
	BootProtocol     BootProtocol `json:"boot_protocol,omitempty"`
	Ip               *Ip          `json:"ip,omitempty"`
	Ipv6BootProtocol BootProtocol `json:"ipv6_boot_protocol,omitempty"`
	Ipv6             *Ip          `json:"ipv6,omitempty"`
	OnBoot           *Bool        `json:"on_boot,omitempty"`
}

// Nic is a VM's network interface, /vms/{id}/nics/{nic} (NicMapper).
// ReportedDevices is inline only with follow=reported_devices.
type Nic struct {
	ID              string           `json:"id,omitempty"`
	Href            string           `json:"href,omitempty"`
	Name            string           `json:"name,omitempty"`
	Description     string           `json:"description,omitempty"`
	Comment         *string          `json:"comment,omitempty"`
	Mac             *Mac             `json:"mac,omitempty"`
	Interface       NicInterface     `json:"interface,omitempty"`
	Linked          *Bool            `json:"linked,omitempty"`
	Plugged         *Bool            `json:"plugged,omitempty"`
	Synced          *Bool            `json:"synced,omitempty"`
	VnicProfile     *VnicProfile     `json:"vnic_profile,omitempty"`
	Vm              *Vm              `json:"vm,omitempty"`
	ReportedDevices *ReportedDevices `json:"reported_devices,omitempty"`
	Link            []Link           `json:"link,omitempty"`
	Actions         *Actions         `json:"actions,omitempty"`
}

// VnicProfile is a vNIC profile, /vnicprofiles (VnicProfileMapper: name,
// network by id+href — whole with follow=network —, port mirroring, pass
// through, the network filter by id+href), or a NIC's reference to one
// (nic.vnic_profile: id+href).
type VnicProfile struct {
	ID            string           `json:"id,omitempty"`
	Href          string           `json:"href,omitempty"`
	Name          string           `json:"name,omitempty"`
	Network       *Network         `json:"network,omitempty"`
	PortMirroring *Bool            `json:"port_mirroring,omitempty"`
	PassThrough   *VnicPassThrough `json:"pass_through,omitempty"`
	NetworkFilter *NetworkFilter   `json:"network_filter,omitempty"`
	Link          []Link           `json:"link,omitempty"`
}

// VnicPassThrough is a vNIC profile's SR-IOV pass-through setting.
type VnicPassThrough struct {
	Mode VnicPassThroughMode `json:"mode,omitempty"`
}

// NetworkFilter is a network filter reference (vnic_profile.network_filter).
type NetworkFilter struct {
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
}

// ReportedDevice is a guest interface as the guest agent reports it
// (ReportedDeviceMapper): its name in the guest, MAC and addresses, each
// with its version.
type ReportedDevice struct {
	ID          string             `json:"id,omitempty"`
	Href        string             `json:"href,omitempty"`
	Name        string             `json:"name,omitempty"`
	Description string             `json:"description,omitempty"`
	Comment     *string            `json:"comment,omitempty"`
	Type        ReportedDeviceType `json:"type,omitempty"`
	Mac         *Mac               `json:"mac,omitempty"`
	Ips         *Ips               `json:"ips,omitempty"`
	Vm          *Vm                `json:"vm,omitempty"`
	Link        []Link             `json:"link,omitempty"`
}

// Session is a user session on a VM, /vms/{id}/sessions (VmMapper: the
// console user with the client's address, and the guest's logged-in user).
type Session struct {
	ID          string  `json:"id,omitempty"`
	Href        string  `json:"href,omitempty"`
	Name        string  `json:"name,omitempty"`
	Description string  `json:"description,omitempty"`
	Comment     *string `json:"comment,omitempty"`
	Protocol    string  `json:"protocol,omitempty"`
	Ip          *Ip     `json:"ip,omitempty"`
	ConsoleUser *Bool   `json:"console_user,omitempty"`
	User        *User   `json:"user,omitempty"`
	Vm          *Vm     `json:"vm,omitempty"`
	Link        []Link  `json:"link,omitempty"`
}

// GraphicsConsole is /vms/{id}/graphicsconsoles/{id}: the id is the
// protocol's name in hex ("7370696365" for spice); address and ports are
// set while the VM runs.
type GraphicsConsole struct {
	ID          string       `json:"id,omitempty"`
	Href        string       `json:"href,omitempty"`
	Name        string       `json:"name,omitempty"`
	Description string       `json:"description,omitempty"`
	Comment     *string      `json:"comment,omitempty"`
	Protocol    GraphicsType `json:"protocol,omitempty"`
	Address     string       `json:"address,omitempty"`
	Port        *Int         `json:"port,omitempty"`
	TlsPort     *Int         `json:"tls_port,omitempty"`
	Vm          *Vm          `json:"vm,omitempty"`
	Link        []Link       `json:"link,omitempty"`
	Actions     *Actions     `json:"actions,omitempty"`
}

// Domain is a directory domain reference (user.domain).
type Domain struct {
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
	Name string `json:"name,omitempty"`
}

// MacPool is a MAC pool reference.
type MacPool struct {
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
	Name string `json:"name,omitempty"`
}

// Qos is a QoS reference.
type Qos struct {
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

// Property is a {name, value} pair.
type Property struct {
	Name  string `json:"name,omitempty"`
	Value string `json:"value,omitempty"`
}

// Properties wraps "properties": {"property": [...]}.
type Properties struct {
	Property []Property `json:"property,omitempty"`
}

// Option is a {name, value, type} option (fence agent and bonding options).
type Option struct {
	Name  string `json:"name,omitempty"`
	Value string `json:"value,omitempty"`
	Type  string `json:"type,omitempty"`
}

// Options wraps "options": {"option": [...]}.
type Options struct {
	Option []Option `json:"option,omitempty"`
}

// Host is /hosts/{id}.
type Host struct {
	ID                         string                `json:"id,omitempty"`
	Href                       string                `json:"href,omitempty"`
	Name                       string                `json:"name,omitempty"`
	Description                string                `json:"description,omitempty"`
	Comment                    *string               `json:"comment,omitempty"`
	Address                    string                `json:"address,omitempty"`
	Port                       *Int                  `json:"port,omitempty"`
	Status                     HostStatus            `json:"status,omitempty"`
	StatusDetail               string                `json:"status_detail,omitempty"`
	ExternalStatus             ExternalStatus        `json:"external_status,omitempty"`
	Type                       HostType              `json:"type,omitempty"`
	Protocol                   HostProtocol          `json:"protocol,omitempty"`
	Ssh                        *Ssh                  `json:"ssh,omitempty"`
	RootPassword               Secret                `json:"root_password,omitzero"`
	OverrideIptables           *Bool                 `json:"override_iptables,omitempty"`
	Cluster                    *Cluster              `json:"cluster,omitempty"`
	PowerManagement            *PowerManagement      `json:"power_management,omitempty"`
	Spm                        *Spm                  `json:"spm,omitempty"`
	Memory                     *Long                 `json:"memory,omitempty"`
	MaxSchedulingMemory        *Long                 `json:"max_scheduling_memory,omitempty"`
	Cpu                        *Cpu                  `json:"cpu,omitempty"`
	Os                         *OperatingSystem      `json:"os,omitempty"`
	Version                    *Version              `json:"version,omitempty"`
	LibvirtVersion             *Version              `json:"libvirt_version,omitempty"`
	HardwareInformation        *HardwareInformation  `json:"hardware_information,omitempty"`
	Ksm                        *Ksm                  `json:"ksm,omitempty"`
	TransparentHugepages       *TransparentHugePages `json:"transparent_huge_pages,omitempty"`
	KdumpStatus                KdumpStatus           `json:"kdump_status,omitempty"`
	SeLinux                    *SeLinux              `json:"se_linux,omitempty"`
	Summary                    *VmSummary            `json:"summary,omitempty"`
	AutoNumaStatus             string                `json:"auto_numa_status,omitempty"`
	NetworkOperationInProgress *Bool                 `json:"network_operation_in_progress,omitempty"`
	UpdateAvailable            *Bool                 `json:"update_available,omitempty"`
	ReinstallationRequired     *Bool                 `json:"reinstallation_required,omitempty"`
	OvnConfigured              *Bool                 `json:"ovn_configured,omitempty"`
	VgpuPlacement              string                `json:"vgpu_placement,omitempty"`
	Certificate                *Certificate          `json:"certificate,omitempty"`
	Display                    *Display              `json:"display,omitempty"`
	Iscsi                      *IscsiDetails         `json:"iscsi,omitempty"`
	ExternalHostProvider       *ExternalHostProvider `json:"external_host_provider,omitempty"`
	Nics                       *HostNics             `json:"nics,omitempty"`
	NetworkAttachments         *NetworkAttachments   `json:"network_attachments,omitempty"`
	Agents                     *Agents               `json:"agents,omitempty"`
	Statistics                 *Statistics           `json:"statistics,omitempty"`
	Link                       []Link                `json:"link,omitempty"`
	Actions                    *Actions              `json:"actions,omitempty"`
}

// Ssh is host.ssh (and action.ssh for install).
type Ssh struct {
	ID                   string                  `json:"id,omitempty"`
	Href                 string                  `json:"href,omitempty"`
	Port                 *Int                    `json:"port,omitempty"`
	Fingerprint          string                  `json:"fingerprint,omitempty"`
	PublicKey            string                  `json:"public_key,omitempty"`
	AuthenticationMethod SshAuthenticationMethod `json:"authentication_method,omitempty"`
	User                 *User                   `json:"user,omitempty"`
}

// Spm is host.spm.
type Spm struct {
	Priority *Int      `json:"priority,omitempty"`
	Status   SpmStatus `json:"status,omitempty"`
}

// Cpu is host.cpu / cluster.cpu.
type Cpu struct {
	Name         string       `json:"name,omitempty"`
	Speed        *Decimal     `json:"speed,omitempty"`
	Topology     *CpuTopology `json:"topology,omitempty"`
	Type         string       `json:"type,omitempty"`
	Architecture string       `json:"architecture,omitempty"`
}

// CpuTopology is cpu.topology.
type CpuTopology struct {
	Cores   *Int `json:"cores,omitempty"`
	Sockets *Int `json:"sockets,omitempty"`
	Threads *Int `json:"threads,omitempty"`
}

// OperatingSystem is host.os.
type OperatingSystem struct {
	Type                  string   `json:"type,omitempty"`
	Version               *Version `json:"version,omitempty"`
	CustomKernelCmdline   string   `json:"custom_kernel_cmdline,omitempty"`
	ReportedKernelCmdline string   `json:"reported_kernel_cmdline,omitempty"`
}

// HardwareInformation is host.hardware_information.
type HardwareInformation struct {
	Family       string `json:"family,omitempty"`
	Manufacturer string `json:"manufacturer,omitempty"`
	ProductName  string `json:"product_name,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
	UUID         string `json:"uuid,omitempty"`
	Version      string `json:"version,omitempty"`
}

// Ksm is host.ksm.
type Ksm struct {
	Enabled          *Bool `json:"enabled,omitempty"`
	MergeAcrossNodes *Bool `json:"merge_across_nodes,omitempty"`
}

// TransparentHugePages is host.transparent_hugepages.
type TransparentHugePages struct {
	Enabled *Bool `json:"enabled,omitempty"`
}

// SeLinux is host.se_linux.
type SeLinux struct {
	Mode string `json:"mode,omitempty"`
}

// VmSummary is host.summary.
type VmSummary struct {
	Active    *Int `json:"active,omitempty"`
	Migrating *Int `json:"migrating,omitempty"`
	Total     *Int `json:"total,omitempty"`
}

// Certificate is host.certificate, an entry of a provider's certificate
// chain (GET .../{provider}/certificates, leaf first) and an input of the
// provider action importcertificates. Content is the PEM text.
type Certificate struct {
	ID           string  `json:"id,omitempty"`
	Href         string  `json:"href,omitempty"`
	Name         string  `json:"name,omitempty"`
	Description  string  `json:"description,omitempty"`
	Comment      *string `json:"comment,omitempty"`
	Content      string  `json:"content,omitempty"`
	Organization string  `json:"organization,omitempty"`
	Subject      string  `json:"subject,omitempty"`
	Link         []Link  `json:"link,omitempty"`
}

// Display is host.display (the display network's address) and vm.display
// (the protocol, and while the VM runs the address and ports vdsm reports;
// proxy is the SPICE proxy in effect).
type Display struct {
	Type       DisplayType `json:"type,omitempty"`
	Address    string      `json:"address,omitempty"`
	Port       *Int        `json:"port,omitempty"`
	SecurePort *Int        `json:"secure_port,omitempty"`
	Monitors   *Int        `json:"monitors,omitempty"`
	Proxy      string      `json:"proxy,omitempty"`
}

// PowerManagement is host.power_management (v4: agents live in
// /hosts/{id}/fenceagents). Status is only set in fence status responses.
type PowerManagement struct {
	Enabled            *Bool      `json:"enabled,omitempty"`
	AutomaticPmEnabled *Bool      `json:"automatic_pm_enabled,omitempty"`
	KdumpDetection     *Bool      `json:"kdump_detection,omitempty"`
	PmProxies          *PmProxies `json:"pm_proxies,omitempty"`
	Status             PowerState `json:"status,omitempty"`
}

// PmProxy is one power management proxy preference.
type PmProxy struct {
	Type PmProxyType `json:"type,omitempty"`
}

// PmProxies wraps "pm_proxies": {"pm_proxy": [...]}.
type PmProxies struct {
	PmProxy []PmProxy `json:"pm_proxy,omitempty"`
}

// Agent is a fence agent, /hosts/{id}/fenceagents/{agent}. Password is input
// only. The model's Agent.concurrent is left out: FenceAgentMapper neither
// reads nor writes it; concurrent agents are agents with the same order
// (webadmin FenceAgentListModel).
type Agent struct {
	ID             string   `json:"id,omitempty"`
	Href           string   `json:"href,omitempty"`
	Name           string   `json:"name,omitempty"`
	Description    string   `json:"description,omitempty"`
	Comment        *string  `json:"comment,omitempty"`
	Address        string   `json:"address,omitempty"`
	Type           string   `json:"type,omitempty"`
	Port           *Int     `json:"port,omitempty"`
	Username       string   `json:"username,omitempty"`
	Password       Secret   `json:"password,omitzero"`
	Options        *Options `json:"options,omitempty"`
	EncryptOptions *Bool    `json:"encrypt_options,omitempty"`
	Order          *Int     `json:"order,omitempty"`
	Host           *Host    `json:"host,omitempty"`
	Link           []Link   `json:"link,omitempty"`
	Actions        *Actions `json:"actions,omitempty"`
}

// Mac is a MAC address holder ({"address": ...}).
type Mac struct {
	Address string `json:"address,omitempty"`
}

// Vlan is a VLAN tag ({"id": "100"}).
type Vlan struct {
	ID *Int `json:"id,omitempty"`
}

// Bonding is host_nic.bonding.
type Bonding struct {
	Options      *Options  `json:"options,omitempty"`
	Slaves       *HostNics `json:"slaves,omitempty"`
	ActiveSlave  *HostNic  `json:"active_slave,omitempty"`
	AdPartnerMac *Mac      `json:"ad_partner_mac,omitempty"`
}

// Ip is an IPv4 or IPv6 configuration. For v6, Netmask is the prefix length
// as a decimal string ("64").
type Ip struct {
	Address string    `json:"address,omitempty"`
	Netmask string    `json:"netmask,omitempty"`
	Gateway string    `json:"gateway,omitempty"`
	Version IpVersion `json:"version,omitempty"`
}

// HostNic is /hosts/{id}/nics/{nic} (also a bond or bond slave).
type HostNic struct {
	ID                            string                                `json:"id,omitempty"`
	Href                          string                                `json:"href,omitempty"`
	Name                          string                                `json:"name,omitempty"`
	Description                   string                                `json:"description,omitempty"`
	Comment                       *string                               `json:"comment,omitempty"`
	Mac                           *Mac                                  `json:"mac,omitempty"`
	Ip                            *Ip                                   `json:"ip,omitempty"`
	Ipv6                          *Ip                                   `json:"ipv6,omitempty"`
	BootProtocol                  BootProtocol                          `json:"boot_protocol,omitempty"`
	Ipv6BootProtocol              BootProtocol                          `json:"ipv6_boot_protocol,omitempty"`
	Speed                         *Long                                 `json:"speed,omitempty"`
	Status                        NicStatus                             `json:"status,omitempty"`
	Mtu                           *Int                                  `json:"mtu,omitempty"`
	Bridged                       *Bool                                 `json:"bridged,omitempty"`
	CustomConfiguration           *Bool                                 `json:"custom_configuration,omitempty"`
	BaseInterface                 string                                `json:"base_interface,omitempty"`
	Vlan                          *Vlan                                 `json:"vlan,omitempty"`
	Bonding                       *Bonding                              `json:"bonding,omitempty"`
	AdAggregatorID                *Int                                  `json:"ad_aggregator_id,omitempty"`
	Network                       *Network                              `json:"network,omitempty"`
	Properties                    *Properties                           `json:"properties,omitempty"`
	Qos                           *Qos                                  `json:"qos,omitempty"`
	Host                          *Host                                 `json:"host,omitempty"`
	PhysicalFunction              *HostNic                              `json:"physical_function,omitempty"`
	VirtualFunctionsConfiguration *HostNicVirtualFunctionsConfiguration `json:"virtual_functions_configuration,omitempty"`
	Statistics                    *Statistics                           `json:"statistics,omitempty"`
	Link                          []Link                                `json:"link,omitempty"`
	Actions                       *Actions                              `json:"actions,omitempty"`
}

// HostNicVirtualFunctionsConfiguration is the SR-IOV configuration of a PF.
type HostNicVirtualFunctionsConfiguration struct {
	AllNetworksAllowed          *Bool `json:"all_networks_allowed,omitempty"`
	MaxNumberOfVirtualFunctions *Int  `json:"max_number_of_virtual_functions,omitempty"`
	NumberOfVirtualFunctions    *Int  `json:"number_of_virtual_functions,omitempty"`
}

// Statistic is one statistic (e.g. "data.current.rx").
type Statistic struct {
	ID          string        `json:"id,omitempty"`
	Href        string        `json:"href,omitempty"`
	Name        string        `json:"name,omitempty"`
	Description string        `json:"description,omitempty"`
	Kind        StatisticKind `json:"kind,omitempty"`
	Type        ValueType     `json:"type,omitempty"`
	Unit        StatisticUnit `json:"unit,omitempty"`
	Values      *Values       `json:"values,omitempty"`
	Host        *Host         `json:"host,omitempty"`
	HostNic     *HostNic      `json:"host_nic,omitempty"`
	Link        []Link        `json:"link,omitempty"`
}

// Values wraps statistic "values": {"value": [...]}.
type Values struct {
	Value []Value `json:"value,omitempty"`
}

// Value is one statistic value.
type Value struct {
	Datum  *Decimal `json:"datum,omitempty"`
	Detail string   `json:"detail,omitempty"`
}

// IpAddressAssignment is one entry of ip_address_assignments.
type IpAddressAssignment struct {
	AssignmentMethod BootProtocol `json:"assignment_method,omitempty"`
	Ip               *Ip          `json:"ip,omitempty"`
}

// IpAddressAssignments wraps
// "ip_address_assignments": {"ip_address_assignment": [...]}.
type IpAddressAssignments struct {
	IpAddressAssignment []IpAddressAssignment `json:"ip_address_assignment,omitempty"`
}

// NameServers wraps "name_servers": {"name_server": [...]}.
type NameServers struct {
	NameServer []string `json:"name_server,omitempty"`
}

// DnsResolverConfiguration is dns_resolver_configuration.
type DnsResolverConfiguration struct {
	NameServers *NameServers `json:"name_servers,omitempty"`
}

// ReportedConfiguration is one expected/actual comparison of an attachment.
type ReportedConfiguration struct {
	Name          string `json:"name,omitempty"`
	ExpectedValue string `json:"expected_value,omitempty"`
	ActualValue   string `json:"actual_value,omitempty"`
	InSync        *Bool  `json:"in_sync,omitempty"`
}

// ReportedConfigurations wraps
// "reported_configurations": {"reported_configuration": [...]}.
type ReportedConfigurations struct {
	ReportedConfiguration []ReportedConfiguration `json:"reported_configuration,omitempty"`
}

// NetworkAttachment is /hosts/{id}/networkattachments/{att}.
type NetworkAttachment struct {
	ID                       string                    `json:"id,omitempty"`
	Href                     string                    `json:"href,omitempty"`
	Name                     string                    `json:"name,omitempty"`
	Description              string                    `json:"description,omitempty"`
	Comment                  *string                   `json:"comment,omitempty"`
	Network                  *Network                  `json:"network,omitempty"`
	HostNic                  *HostNic                  `json:"host_nic,omitempty"`
	Host                     *Host                     `json:"host,omitempty"`
	IpAddressAssignments     *IpAddressAssignments     `json:"ip_address_assignments,omitempty"`
	DnsResolverConfiguration *DnsResolverConfiguration `json:"dns_resolver_configuration,omitempty"`
	Properties               *Properties               `json:"properties,omitempty"`
	Qos                      *Qos                      `json:"qos,omitempty"`
	InSync                   *Bool                     `json:"in_sync,omitempty"`
	ReportedConfigurations   *ReportedConfigurations   `json:"reported_configurations,omitempty"`
	Link                     []Link                    `json:"link,omitempty"`
	Actions                  *Actions                  `json:"actions,omitempty"`
}

// NetworkUsages wraps "usages": {"usage": [...]}.
type NetworkUsages struct {
	Usage []NetworkUsage `json:"usage,omitempty"`
}

// Network is /networks/{id} (and /clusters/{id}/networks/{id}).
type Network struct {
	ID                       string                    `json:"id,omitempty"`
	Href                     string                    `json:"href,omitempty"`
	Name                     string                    `json:"name,omitempty"`
	Description              string                    `json:"description,omitempty"`
	Comment                  *string                   `json:"comment,omitempty"`
	DataCenter               *DataCenter               `json:"data_center,omitempty"`
	Cluster                  *Cluster                  `json:"cluster,omitempty"`
	Vlan                     *Vlan                     `json:"vlan,omitempty"`
	Stp                      *Bool                     `json:"stp,omitempty"`
	Mtu                      *Int                      `json:"mtu,omitempty"`
	Usages                   *NetworkUsages            `json:"usages,omitempty"`
	Required                 *Bool                     `json:"required,omitempty"`
	Display                  *Bool                     `json:"display,omitempty"`
	ProfileRequired          *Bool                     `json:"profile_required,omitempty"`
	Status                   NetworkStatus             `json:"status,omitempty"`
	VdsmName                 string                    `json:"vdsm_name,omitempty"`
	DnsResolverConfiguration *DnsResolverConfiguration `json:"dns_resolver_configuration,omitempty"`
	PortIsolation            *Bool                     `json:"port_isolation,omitempty"`
	ExternalProvider         *OpenStackNetworkProvider `json:"external_provider,omitempty"`
	Link                     []Link                    `json:"link,omitempty"`
	Actions                  *Actions                  `json:"actions,omitempty"`
}

// NetworkLabel is a network label (setupnetworks modified_labels).
type NetworkLabel struct {
	ID      string   `json:"id,omitempty"`
	Href    string   `json:"href,omitempty"`
	Network *Network `json:"network,omitempty"`
	HostNic *HostNic `json:"host_nic,omitempty"`
	Link    []Link   `json:"link,omitempty"`
}

// DataCenter is /datacenters/{id}.
type DataCenter struct {
	ID                string           `json:"id,omitempty"`
	Href              string           `json:"href,omitempty"`
	Name              string           `json:"name,omitempty"`
	Description       string           `json:"description,omitempty"`
	Comment           *string          `json:"comment,omitempty"`
	Local             *Bool            `json:"local,omitempty"`
	Status            DataCenterStatus `json:"status,omitempty"`
	StorageFormat     StorageFormat    `json:"storage_format,omitempty"`
	Version           *Version         `json:"version,omitempty"`
	SupportedVersions *Versions        `json:"supported_versions,omitempty"`
	QuotaMode         string           `json:"quota_mode,omitempty"`
	MacPool           *MacPool         `json:"mac_pool,omitempty"`
	Link              []Link           `json:"link,omitempty"`
	Actions           *Actions         `json:"actions,omitempty"`
}

// FencingPolicy is cluster.fencing_policy.
type FencingPolicy struct {
	Enabled                   *Bool                     `json:"enabled,omitempty"`
	SkipIfConnectivityBroken  *SkipIfConnectivityBroken `json:"skip_if_connectivity_broken,omitempty"`
	SkipIfSdActive            *SkipIfSdActive           `json:"skip_if_sd_active,omitempty"`
	SkipIfGlusterBricksUp     *Bool                     `json:"skip_if_gluster_bricks_up,omitempty"`
	SkipIfGlusterQuorumNotMet *Bool                     `json:"skip_if_gluster_quorum_not_met,omitempty"`
}

// SkipIfConnectivityBroken is fencing_policy.skip_if_connectivity_broken.
type SkipIfConnectivityBroken struct {
	Enabled   *Bool `json:"enabled,omitempty"`
	Threshold *Int  `json:"threshold,omitempty"`
}

// SkipIfSdActive is an {enabled} fencing policy switch.
type SkipIfSdActive struct {
	Enabled *Bool `json:"enabled,omitempty"`
}

// Cluster is /clusters/{id}.
type Cluster struct {
	ID                       string             `json:"id,omitempty"`
	Href                     string             `json:"href,omitempty"`
	Name                     string             `json:"name,omitempty"`
	Description              string             `json:"description,omitempty"`
	Comment                  *string            `json:"comment,omitempty"`
	DataCenter               *DataCenter        `json:"data_center,omitempty"`
	Version                  *Version           `json:"version,omitempty"`
	Cpu                      *Cpu               `json:"cpu,omitempty"`
	SwitchType               SwitchType         `json:"switch_type,omitempty"`
	FirewallType             string             `json:"firewall_type,omitempty"`
	ManagementNetwork        *Network           `json:"management_network,omitempty"`
	ExternalNetworkProviders *ExternalProviders `json:"external_network_providers,omitempty"`
	FencingPolicy            *FencingPolicy     `json:"fencing_policy,omitempty"`
	Link                     []Link             `json:"link,omitempty"`
	Actions                  *Actions           `json:"actions,omitempty"`
}

// StorageDomain is /storagedomains/{id}.
type StorageDomain struct {
	ID                         string              `json:"id,omitempty"`
	Href                       string              `json:"href,omitempty"`
	Name                       string              `json:"name,omitempty"`
	Description                string              `json:"description,omitempty"`
	Comment                    *string             `json:"comment,omitempty"`
	Type                       StorageDomainType   `json:"type,omitempty"`
	Status                     StorageDomainStatus `json:"status,omitempty"`
	ExternalStatus             ExternalStatus      `json:"external_status,omitempty"`
	Master                     *Bool               `json:"master,omitempty"`
	Storage                    *HostStorage        `json:"storage,omitempty"`
	Host                       *Host               `json:"host,omitempty"`
	DataCenter                 *DataCenter         `json:"data_center,omitempty"`
	DataCenters                *DataCenters        `json:"data_centers,omitempty"`
	Available                  *Long               `json:"available,omitempty"`
	Used                       *Long               `json:"used,omitempty"`
	Committed                  *Long               `json:"committed,omitempty"`
	StorageFormat              StorageFormat       `json:"storage_format,omitempty"`
	WipeAfterDelete            *Bool               `json:"wipe_after_delete,omitempty"`
	DiscardAfterDelete         *Bool               `json:"discard_after_delete,omitempty"`
	SupportsDiscard            *Bool               `json:"supports_discard,omitempty"`
	SupportsDiscardZeroesData  *Bool               `json:"supports_discard_zeroes_data,omitempty"`
	Backup                     *Bool               `json:"backup,omitempty"`
	BlockSize                  *Int                `json:"block_size,omitempty"`
	WarningLowSpaceIndicator   *Int                `json:"warning_low_space_indicator,omitempty"`
	CriticalSpaceActionBlocker *Int                `json:"critical_space_action_blocker,omitempty"`
	Import                     *Bool               `json:"import,omitempty"`
	Link                       []Link              `json:"link,omitempty"`
	Actions                    *Actions            `json:"actions,omitempty"`
}

// HostStorage is storage_domain.storage and an entry of /hosts/{id}/storage.
// Password is input only.
type HostStorage struct {
	ID           string        `json:"id,omitempty"`
	Href         string        `json:"href,omitempty"`
	Name         string        `json:"name,omitempty"`
	Description  string        `json:"description,omitempty"`
	Comment      *string       `json:"comment,omitempty"`
	Type         StorageType   `json:"type,omitempty"`
	Address      string        `json:"address,omitempty"`
	Path         string        `json:"path,omitempty"`
	NfsVersion   NfsVersion    `json:"nfs_version,omitempty"`
	NfsTimeo     *Int          `json:"nfs_timeo,omitempty"`
	NfsRetrans   *Int          `json:"nfs_retrans,omitempty"`
	MountOptions string        `json:"mount_options,omitempty"`
	VfsType      string        `json:"vfs_type,omitempty"`
	Port         *Int          `json:"port,omitempty"`
	Target       string        `json:"target,omitempty"`
	Portal       string        `json:"portal,omitempty"`
	Username     string        `json:"username,omitempty"`
	Password     Secret        `json:"password,omitzero"`
	LogicalUnits *LogicalUnits `json:"logical_units,omitempty"`
	VolumeGroup  *VolumeGroup  `json:"volume_group,omitempty"`
	OverrideLuns *Bool         `json:"override_luns,omitempty"`
	Host         *Host         `json:"host,omitempty"`
	Link         []Link        `json:"link,omitempty"`
}

// VolumeGroup is host_storage.volume_group.
type VolumeGroup struct {
	ID           string        `json:"id,omitempty"`
	Name         string        `json:"name,omitempty"`
	LogicalUnits *LogicalUnits `json:"logical_units,omitempty"`
}

// LogicalUnit is a LUN. Password is input only.
type LogicalUnit struct {
	ID                string    `json:"id,omitempty"`
	Address           string    `json:"address,omitempty"`
	Port              *Int      `json:"port,omitempty"`
	Target            string    `json:"target,omitempty"`
	Portal            string    `json:"portal,omitempty"`
	Username          string    `json:"username,omitempty"`
	Password          Secret    `json:"password,omitzero"`
	Serial            string    `json:"serial,omitempty"`
	VendorID          string    `json:"vendor_id,omitempty"`
	ProductID         string    `json:"product_id,omitempty"`
	LunMapping        *Int      `json:"lun_mapping,omitempty"`
	Size              *Long     `json:"size,omitempty"`
	Paths             *Int      `json:"paths,omitempty"`
	ActivePaths       *Int      `json:"active_paths,omitempty"`
	Status            LunStatus `json:"status,omitempty"`
	VolumeGroupID     string    `json:"volume_group_id,omitempty"`
	StorageDomainID   string    `json:"storage_domain_id,omitempty"`
	DiskID            string    `json:"disk_id,omitempty"`
	DiscardMaxSize    *Long     `json:"discard_max_size,omitempty"`
	DiscardZeroesData *Bool     `json:"discard_zeroes_data,omitempty"`
}

// IscsiDetails is action.iscsi and an entry of discovered_targets. Password
// is input only. For IPv6 targets Address is unbracketed. A discovered
// target's Portal is "address:port,tpgt" (StorageLogicalUnitMapper); the
// engine reads the Portal of iscsilogin as the bare TPGT.
type IscsiDetails struct {
	Address         string `json:"address,omitempty"`
	Port            *Int   `json:"port,omitempty"`
	Target          string `json:"target,omitempty"`
	Portal          string `json:"portal,omitempty"`
	Username        string `json:"username,omitempty"`
	Password        Secret `json:"password,omitzero"`
	Initiator       string `json:"initiator,omitempty"`
	Serial          string `json:"serial,omitempty"`
	VendorID        string `json:"vendor_id,omitempty"`
	ProductID       string `json:"product_id,omitempty"`
	LunMapping      *Int   `json:"lun_mapping,omitempty"`
	Size            *Int   `json:"size,omitempty"`
	Paths           *Int   `json:"paths,omitempty"`
	Status          string `json:"status,omitempty"`
	VolumeGroupID   string `json:"volume_group_id,omitempty"`
	StorageDomainID string `json:"storage_domain_id,omitempty"`
	DiskID          string `json:"disk_id,omitempty"`
}

// ExternalProvider holds the members common to all external providers; it is
// also the element type of cluster.external_network_providers. Password is
// input only.
type ExternalProvider struct {
	ID                     string      `json:"id,omitempty"`
	Href                   string      `json:"href,omitempty"`
	Name                   string      `json:"name,omitempty"`
	Description            string      `json:"description,omitempty"`
	Comment                *string     `json:"comment,omitempty"`
	Url                    string      `json:"url,omitempty"`
	RequiresAuthentication *Bool       `json:"requires_authentication,omitempty"`
	Username               string      `json:"username,omitempty"`
	Password               Secret      `json:"password,omitzero"`
	AuthenticationUrl      string      `json:"authentication_url,omitempty"`
	Properties             *Properties `json:"properties,omitempty"`
	Link                   []Link      `json:"link,omitempty"`
	Actions                *Actions    `json:"actions,omitempty"`
}

// ExternalHostProvider is /externalhostproviders/{id} (Foreman/Satellite).
type ExternalHostProvider ExternalProvider

// OpenStackNetworkProvider is /openstacknetworkproviders/{id}.
type OpenStackNetworkProvider struct {
	ID                     string                       `json:"id,omitempty"`
	Href                   string                       `json:"href,omitempty"`
	Name                   string                       `json:"name,omitempty"`
	Description            string                       `json:"description,omitempty"`
	Comment                *string                      `json:"comment,omitempty"`
	Url                    string                       `json:"url,omitempty"`
	RequiresAuthentication *Bool                        `json:"requires_authentication,omitempty"`
	Username               string                       `json:"username,omitempty"`
	Password               Secret                       `json:"password,omitzero"`
	AuthenticationUrl      string                       `json:"authentication_url,omitempty"`
	Properties             *Properties                  `json:"properties,omitempty"`
	TenantName             string                       `json:"tenant_name,omitempty"`
	Type                   OpenStackNetworkProviderType `json:"type,omitempty"`
	ExternalPluginType     string                       `json:"external_plugin_type,omitempty"`
	PluginType             string                       `json:"plugin_type,omitempty"`
	ReadOnly               *Bool                        `json:"read_only,omitempty"`
	AutoSync               *Bool                        `json:"auto_sync,omitempty"`
	Unmanaged              *Bool                        `json:"unmanaged,omitempty"`
	UserDomainName         string                       `json:"user_domain_name,omitempty"`
	ProjectName            string                       `json:"project_name,omitempty"`
	ProjectDomainName      string                       `json:"project_domain_name,omitempty"`
	Link                   []Link                       `json:"link,omitempty"`
	Actions                *Actions                     `json:"actions,omitempty"`
}

// Event is /events/{id}. ID equals Index (as a string).
type Event struct {
	ID            string         `json:"id,omitempty"`
	Href          string         `json:"href,omitempty"`
	Name          string         `json:"name,omitempty"`
	Description   string         `json:"description,omitempty"`
	Comment       *string        `json:"comment,omitempty"`
	Index         *Int           `json:"index,omitempty"`
	Code          *Int           `json:"code,omitempty"`
	Severity      LogSeverity    `json:"severity,omitempty"`
	Time          *Time          `json:"time,omitempty"`
	Origin        string         `json:"origin,omitempty"`
	CustomID      *Int           `json:"custom_id,omitempty"`
	FloodRate     *Int           `json:"flood_rate,omitempty"`
	CorrelationID string         `json:"correlation_id,omitempty"`
	CustomData    string         `json:"custom_data,omitempty"`
	LogOnHost     *Bool          `json:"log_on_host,omitempty"`
	Host          *Host          `json:"host,omitempty"`
	Cluster       *Cluster       `json:"cluster,omitempty"`
	DataCenter    *DataCenter    `json:"data_center,omitempty"`
	StorageDomain *StorageDomain `json:"storage_domain,omitempty"`
	Vm            *Vm            `json:"vm,omitempty"`
	Template      *Template      `json:"template,omitempty"`
	User          *User          `json:"user,omitempty"`
	Link          []Link         `json:"link,omitempty"`
}

// Job is /jobs/{id}.
type Job struct {
	ID          string    `json:"id,omitempty"`
	Href        string    `json:"href,omitempty"`
	Name        string    `json:"name,omitempty"`
	Description string    `json:"description,omitempty"`
	Comment     *string   `json:"comment,omitempty"`
	Status      JobStatus `json:"status,omitempty"`
	StartTime   *Time     `json:"start_time,omitempty"`
	EndTime     *Time     `json:"end_time,omitempty"`
	LastUpdated *Time     `json:"last_updated,omitempty"`
	External    *Bool     `json:"external,omitempty"`
	AutoCleared *Bool     `json:"auto_cleared,omitempty"`
	Owner       *User     `json:"owner,omitempty"`
	Steps       *Steps    `json:"steps,omitempty"`
	Link        []Link    `json:"link,omitempty"`
	Actions     *Actions  `json:"actions,omitempty"`
}

// Step is /jobs/{id}/steps/{step}.
type Step struct {
	ID            string    `json:"id,omitempty"`
	Href          string    `json:"href,omitempty"`
	Name          string    `json:"name,omitempty"`
	Description   string    `json:"description,omitempty"`
	Comment       *string   `json:"comment,omitempty"`
	Type          StepType  `json:"type,omitempty"`
	Number        *Int      `json:"number,omitempty"`
	Status        JobStatus `json:"status,omitempty"`
	StartTime     *Time     `json:"start_time,omitempty"`
	EndTime       *Time     `json:"end_time,omitempty"`
	External      *Bool     `json:"external,omitempty"`
	ExternalType  string    `json:"external_type,omitempty"`
	Progress      *Int      `json:"progress,omitempty"`
	Job           *Job      `json:"job,omitempty"`
	ParentStep    *Step     `json:"parent_step,omitempty"`
	ExecutionHost *Host     `json:"execution_host,omitempty"`
	Link          []Link    `json:"link,omitempty"`
	Actions       *Actions  `json:"actions,omitempty"`
}

// GracePeriod is action.grace_period.
type GracePeriod struct {
	Expiry *Int `json:"expiry,omitempty"`
}

// Action is the unwrapped body of every action (POST <path>/<action>) and of
// its response: the echoed parameters plus status, fault and job.
type Action struct {
	ID          string       `json:"id,omitempty"`
	Href        string       `json:"href,omitempty"`
	Status      ActionStatus `json:"status,omitempty"`
	Fault       *Fault       `json:"fault,omitempty"`
	GracePeriod *GracePeriod `json:"grace_period,omitempty"`
	Job         *Job         `json:"job,omitempty"`
	Async       *Bool        `json:"async,omitempty"`
	Reason      string       `json:"reason,omitempty"`

	// fence
	FenceType               FenceType        `json:"fence_type,omitempty"`
	PowerManagement         *PowerManagement `json:"power_management,omitempty"`
	MaintenanceAfterRestart *Bool            `json:"maintenance_after_restart,omitempty"`

	// discoveriscsi, iscsidiscover, iscsilogin
	Iscsi             *IscsiDetails     `json:"iscsi,omitempty"`
	DiscoveredTargets *IscsiDetailsList `json:"discovered_targets,omitempty"`
	IscsiTargets      *IscsiTargets     `json:"iscsi_targets,omitempty"`

	// setupnetworks
	ModifiedNetworkAttachments     *NetworkAttachments `json:"modified_network_attachments,omitempty"`
	RemovedNetworkAttachments      *NetworkAttachments `json:"removed_network_attachments,omitempty"`
	SynchronizedNetworkAttachments *NetworkAttachments `json:"synchronized_network_attachments,omitempty"`
	ModifiedBonds                  *HostNics           `json:"modified_bonds,omitempty"`
	RemovedBonds                   *HostNics           `json:"removed_bonds,omitempty"`
	ModifiedLabels                 *NetworkLabels      `json:"modified_labels,omitempty"`
	RemovedLabels                  *NetworkLabels      `json:"removed_labels,omitempty"`
	CheckConnectivity              *Bool               `json:"check_connectivity,omitempty"`
	ConnectivityTimeout            *Int                `json:"connectivity_timeout,omitempty"`
	CommitOnSuccess                *Bool               `json:"commit_on_success,omitempty"`

	// copyhostnetworks
	SourceHost *Host `json:"source_host,omitempty"`

	// importcertificates (external providers)
	Certificates *Certificates `json:"certificates,omitempty"`

	// install, upgrade, deactivate, approve, activate, remove
	RootPassword         Secret          `json:"root_password,omitzero"`
	Ssh                  *Ssh            `json:"ssh,omitempty"`
	Host                 *Host           `json:"host,omitempty"`
	Cluster              *Cluster        `json:"cluster,omitempty"`
	Image                string          `json:"image,omitempty"`
	Reboot               *Bool           `json:"reboot,omitempty"`
	Activate             *Bool           `json:"activate,omitempty"`
	DeployHostedEngine   *Bool           `json:"deploy_hosted_engine,omitempty"`
	UndeployHostedEngine *Bool           `json:"undeploy_hosted_engine,omitempty"`
	StopGlusterService   *Bool           `json:"stop_gluster_service,omitempty"`
	Force                *Bool           `json:"force,omitempty"`
	StorageDomain        *StorageDomain  `json:"storage_domain,omitempty"`
	StorageDomains       *StorageDomains `json:"storage_domains,omitempty"`

	// vm start (run once: vm with initialization), stop, shutdown, migrate
	// (host), and the graphics console's remoteviewerconnectionfile answer
	UseCloudInit               *Bool  `json:"use_cloud_init,omitempty"`
	Vm                         *Vm    `json:"vm,omitempty"`
	RemoteViewerConnectionFile string `json:"remote_viewer_connection_file,omitempty"`

	Link []Link `json:"link,omitempty"`
}

// Err returns the nested fault as an error when the action failed, nil
// otherwise (also for a nil action).
func (a *Action) Err() error {
	if a == nil {
		return nil
	}
	if a.Fault != nil {
		return a.Fault
	}
	if a.Status == ActionStatusFailed {
		return &Fault{Reason: "action failed"}
	}
	return nil
}
