package ovirt

// Enumerations are typed strings holding the lower-case XML values the
// engine writes. Unknown values decode without error (newer engines add
// members); input validation belongs to the caller.

// HostStatus is host.status.
type HostStatus string

const (
	HostStatusConnecting              HostStatus = "connecting"
	HostStatusDown                    HostStatus = "down"
	HostStatusError                   HostStatus = "error"
	HostStatusInitializing            HostStatus = "initializing"
	HostStatusInstallFailed           HostStatus = "install_failed"
	HostStatusInstalling              HostStatus = "installing"
	HostStatusInstallingOS            HostStatus = "installing_os"
	HostStatusKdumping                HostStatus = "kdumping"
	HostStatusMaintenance             HostStatus = "maintenance"
	HostStatusNonOperational          HostStatus = "non_operational"
	HostStatusNonResponsive           HostStatus = "non_responsive"
	HostStatusPendingApproval         HostStatus = "pending_approval"
	HostStatusPreparingForMaintenance HostStatus = "preparing_for_maintenance"
	HostStatusReboot                  HostStatus = "reboot"
	HostStatusUnassigned              HostStatus = "unassigned"
	HostStatusUp                      HostStatus = "up"
)

// ExternalStatus is the external_status of hosts and storage domains.
type ExternalStatus string

const (
	ExternalStatusOK      ExternalStatus = "ok"
	ExternalStatusInfo    ExternalStatus = "info"
	ExternalStatusWarning ExternalStatus = "warning"
	ExternalStatusError   ExternalStatus = "error"
	ExternalStatusFailure ExternalStatus = "failure"
)

// HostType is host.type.
type HostType string

const (
	HostTypeRHEL      HostType = "rhel"
	HostTypeOvirtNode HostType = "ovirt_node"
)

// HostProtocol is host.protocol.
type HostProtocol string

const HostProtocolStomp HostProtocol = "stomp"

// SshAuthenticationMethod is ssh.authentication_method.
type SshAuthenticationMethod string

const (
	SshAuthenticationMethodPassword  SshAuthenticationMethod = "password"
	SshAuthenticationMethodPublicKey SshAuthenticationMethod = "publickey"
)

// SpmStatus is spm.status.
type SpmStatus string

const (
	SpmStatusNone       SpmStatus = "none"
	SpmStatusContending SpmStatus = "contending"
	SpmStatusSpm        SpmStatus = "spm"
)

// KdumpStatus is host.kdump_status.
type KdumpStatus string

const (
	KdumpStatusDisabled KdumpStatus = "disabled"
	KdumpStatusEnabled  KdumpStatus = "enabled"
	KdumpStatusUnknown  KdumpStatus = "unknown"
)

// PmProxyType is pm_proxy.type.
type PmProxyType string

const (
	PmProxyTypeCluster PmProxyType = "cluster"
	PmProxyTypeDC      PmProxyType = "dc"
	PmProxyTypeOtherDC PmProxyType = "other_dc"
)

// PowerState is power_management.status in a fence status response.
type PowerState string

const (
	PowerStateOn      PowerState = "on"
	PowerStateOff     PowerState = "off"
	PowerStateUnknown PowerState = "unknown"
)

// FenceType is action.fence_type.
type FenceType string

const (
	FenceTypeManual  FenceType = "manual"
	FenceTypeRestart FenceType = "restart"
	FenceTypeStart   FenceType = "start"
	FenceTypeStatus  FenceType = "status"
	FenceTypeStop    FenceType = "stop"
)

// FenceAgentTypes lists the fence agent types the engine supports
// (VdsFenceType, 4.2–4.8).
var FenceAgentTypes = []string{
	"amt_ws", "apc", "apc_snmp", "bladecenter", "cisco_ucs", "drac5", "drac7", "eps", "hpblade",
	"ilo", "ilo2", "ilo3", "ilo4", "ilo_ssh", "ipmilan", "redfish", "rsa", "rsb", "wti",
}

// NicStatus is host_nic.status.
type NicStatus string

const (
	NicStatusUp   NicStatus = "up"
	NicStatusDown NicStatus = "down"
)

// BootProtocol is boot_protocol, ipv6_boot_protocol and assignment_method.
type BootProtocol string

const (
	BootProtocolAutoconf         BootProtocol = "autoconf"           // IPv6 only (SLAAC)
	BootProtocolDHCP             BootProtocol = "dhcp"               // DHCPv4 or DHCPv6
	BootProtocolNone             BootProtocol = "none"               // no address
	BootProtocolPolyDHCPAutoconf BootProtocol = "poly_dhcp_autoconf" // IPv6 only (DHCPv6 + SLAAC)
	BootProtocolStatic           BootProtocol = "static"
)

// IpVersion is ip.version.
type IpVersion string

const (
	IpVersionV4 IpVersion = "v4"
	IpVersionV6 IpVersion = "v6"
)

// NetworkUsage is an element of network.usages.
type NetworkUsage string

const (
	NetworkUsageDefaultRoute NetworkUsage = "default_route"
	NetworkUsageDisplay      NetworkUsage = "display"
	NetworkUsageGluster      NetworkUsage = "gluster"
	NetworkUsageManagement   NetworkUsage = "management"
	NetworkUsageMigration    NetworkUsage = "migration"
	NetworkUsageVM           NetworkUsage = "vm"
)

// NetworkStatus is network.status.
type NetworkStatus string

const (
	NetworkStatusOperational    NetworkStatus = "operational"
	NetworkStatusNonOperational NetworkStatus = "non_operational"
)

// DataCenterStatus is data_center.status.
type DataCenterStatus string

const (
	DataCenterStatusContend        DataCenterStatus = "contend"
	DataCenterStatusMaintenance    DataCenterStatus = "maintenance"
	DataCenterStatusNotOperational DataCenterStatus = "not_operational"
	DataCenterStatusProblematic    DataCenterStatus = "problematic"
	DataCenterStatusUninitialized  DataCenterStatus = "uninitialized"
	DataCenterStatusUp             DataCenterStatus = "up"
)

// StorageFormat is storage_format of data centers and storage domains.
type StorageFormat string

const (
	StorageFormatV1 StorageFormat = "v1"
	StorageFormatV2 StorageFormat = "v2"
	StorageFormatV3 StorageFormat = "v3"
	StorageFormatV4 StorageFormat = "v4"
	StorageFormatV5 StorageFormat = "v5"
)

// SwitchType is cluster.switch_type.
type SwitchType string

const (
	SwitchTypeLegacy SwitchType = "legacy"
	SwitchTypeOVS    SwitchType = "ovs"
)

// StorageType is host_storage.type.
type StorageType string

const (
	StorageTypeCinder              StorageType = "cinder"
	StorageTypeFCP                 StorageType = "fcp"
	StorageTypeGlance              StorageType = "glance"
	StorageTypeGlusterFS           StorageType = "glusterfs"
	StorageTypeISCSI               StorageType = "iscsi"
	StorageTypeLocalFS             StorageType = "localfs"
	StorageTypeManagedBlockStorage StorageType = "managed_block_storage"
	StorageTypeNFS                 StorageType = "nfs"
	StorageTypePosixFS             StorageType = "posixfs"
)

// StorageDomainType is storage_domain.type.
type StorageDomainType string

const (
	StorageDomainTypeData                StorageDomainType = "data"
	StorageDomainTypeExport              StorageDomainType = "export"
	StorageDomainTypeImage               StorageDomainType = "image"
	StorageDomainTypeISO                 StorageDomainType = "iso"
	StorageDomainTypeManagedBlockStorage StorageDomainType = "managed_block_storage"
	StorageDomainTypeVolume              StorageDomainType = "volume"
)

// StorageDomainStatus is storage_domain.status.
type StorageDomainStatus string

const (
	StorageDomainStatusActivating              StorageDomainStatus = "activating"
	StorageDomainStatusActive                  StorageDomainStatus = "active"
	StorageDomainStatusDetaching               StorageDomainStatus = "detaching"
	StorageDomainStatusInactive                StorageDomainStatus = "inactive"
	StorageDomainStatusLocked                  StorageDomainStatus = "locked"
	StorageDomainStatusMaintenance             StorageDomainStatus = "maintenance"
	StorageDomainStatusMixed                   StorageDomainStatus = "mixed"
	StorageDomainStatusPreparingForMaintenance StorageDomainStatus = "preparing_for_maintenance"
	StorageDomainStatusUnattached              StorageDomainStatus = "unattached"
	StorageDomainStatusUnknown                 StorageDomainStatus = "unknown"
)

// NfsVersion is host_storage.nfs_version.
type NfsVersion string

const (
	NfsVersionAuto NfsVersion = "auto"
	NfsVersionV3   NfsVersion = "v3"
	NfsVersionV4   NfsVersion = "v4"
	NfsVersionV4_0 NfsVersion = "v4_0"
	NfsVersionV4_1 NfsVersion = "v4_1"
	NfsVersionV4_2 NfsVersion = "v4_2"
)

// LunStatus is logical_unit.status.
type LunStatus string

const (
	LunStatusFree     LunStatus = "free"
	LunStatusUsed     LunStatus = "used"
	LunStatusUnusable LunStatus = "unusable"
)

// OpenStackNetworkProviderType is openstack_network_provider.type.
type OpenStackNetworkProviderType string

const (
	OpenStackNetworkProviderTypeExternal OpenStackNetworkProviderType = "external"
	OpenStackNetworkProviderTypeNeutron  OpenStackNetworkProviderType = "neutron"
)

// LogSeverity is event.severity.
type LogSeverity string

const (
	LogSeverityAlert   LogSeverity = "alert"
	LogSeverityError   LogSeverity = "error"
	LogSeverityNormal  LogSeverity = "normal"
	LogSeverityWarning LogSeverity = "warning"
)

// ActionStatus is action.status.
type ActionStatus string

const (
	ActionStatusComplete   ActionStatus = "complete"
	ActionStatusFailed     ActionStatus = "failed"
	ActionStatusInProgress ActionStatus = "in_progress"
	ActionStatusPending    ActionStatus = "pending"
)

// JobStatus is job.status and step.status.
type JobStatus string

const (
	JobStatusAborted  JobStatus = "aborted"
	JobStatusFailed   JobStatus = "failed"
	JobStatusFinished JobStatus = "finished"
	JobStatusStarted  JobStatus = "started"
	JobStatusUnknown  JobStatus = "unknown"
)

// StepType is step.type.
type StepType string

const (
	StepTypeExecuting         StepType = "executing"
	StepTypeFinalizing        StepType = "finalizing"
	StepTypeRebalancingVolume StepType = "rebalancing_volume"
	StepTypeRemovingBricks    StepType = "removing_bricks"
	StepTypeUnknown           StepType = "unknown"
	StepTypeValidating        StepType = "validating"
)

// StatisticKind is statistic.kind.
type StatisticKind string

const (
	StatisticKindCounter StatisticKind = "counter"
	StatisticKindGauge   StatisticKind = "gauge"
)

// ValueType is statistic.type.
type ValueType string

const (
	ValueTypeDecimal ValueType = "decimal"
	ValueTypeInteger ValueType = "integer"
	ValueTypeString  ValueType = "string"
)

// StatisticUnit is statistic.unit.
type StatisticUnit string

const (
	StatisticUnitBitsPerSecond  StatisticUnit = "bits_per_second"
	StatisticUnitBytes          StatisticUnit = "bytes"
	StatisticUnitBytesPerSecond StatisticUnit = "bytes_per_second"
	StatisticUnitCountPerSecond StatisticUnit = "count_per_second"
	StatisticUnitNone           StatisticUnit = "none"
	StatisticUnitPercent        StatisticUnit = "percent"
	StatisticUnitSeconds        StatisticUnit = "seconds"
)

// VmStatus is vm.status (VmMapper.mapVmStatus: migrating_from and
// migrating_to are both migrating).
type VmStatus string

const (
	VmStatusDown             VmStatus = "down"
	VmStatusImageLocked      VmStatus = "image_locked"
	VmStatusMigrating        VmStatus = "migrating"
	VmStatusNotResponding    VmStatus = "not_responding"
	VmStatusPaused           VmStatus = "paused"
	VmStatusPoweringDown     VmStatus = "powering_down"
	VmStatusPoweringUp       VmStatus = "powering_up"
	VmStatusRebootInProgress VmStatus = "reboot_in_progress"
	VmStatusRestoringState   VmStatus = "restoring_state"
	VmStatusSavingState      VmStatus = "saving_state"
	VmStatusSuspended        VmStatus = "suspended"
	VmStatusUnassigned       VmStatus = "unassigned"
	VmStatusUnknown          VmStatus = "unknown"
	VmStatusUp               VmStatus = "up"
	VmStatusWaitForLaunch    VmStatus = "wait_for_launch"
)

// DisplayType is vm.display.type.
type DisplayType string

const (
	DisplayTypeSpice DisplayType = "spice"
	DisplayTypeVnc   DisplayType = "vnc"
)

// GraphicsType is graphics_console.protocol.
type GraphicsType string

const (
	GraphicsTypeSpice GraphicsType = "spice"
	GraphicsTypeVnc   GraphicsType = "vnc"
)

// ReportedDeviceType is reported_device.type.
type ReportedDeviceType string

const (
	ReportedDeviceTypeNetwork ReportedDeviceType = "network"
)

// CloudInitNetworkProtocol is initialization.cloud_init_network_protocol:
// how the engine hands the guest its network settings (OpenStack metadata
// is the default; ENI drops every IPv6 setting, CloudInitHandler).
type CloudInitNetworkProtocol string

const (
	CloudInitNetworkProtocolEni               CloudInitNetworkProtocol = "eni"
	CloudInitNetworkProtocolOpenstackMetadata CloudInitNetworkProtocol = "openstack_metadata"
)

// VnicPassThroughMode is vnic_pass_through.mode.
type VnicPassThroughMode string

const (
	VnicPassThroughModeDisabled VnicPassThroughMode = "disabled"
	VnicPassThroughModeEnabled  VnicPassThroughMode = "enabled"
)

// NicInterface is nic.interface.
type NicInterface string

const (
	NicInterfaceE1000          NicInterface = "e1000"
	NicInterfaceE1000e         NicInterface = "e1000e"
	NicInterfacePciPassthrough NicInterface = "pci_passthrough"
	NicInterfaceRtl8139        NicInterface = "rtl8139"
	NicInterfaceRtl8139Virtio  NicInterface = "rtl8139_virtio"
	NicInterfaceSpaprVlan      NicInterface = "spapr_vlan"
	NicInterfaceVirtio         NicInterface = "virtio"
)
