package readiness

import (
	"context"
	"net/netip"

	"v6admin/engine/ovirt"
	"v6admin/validation"
)

// Resolver looks names up; *net.Resolver satisfies it (network "ip": A and
// AAAA records). The embedded lab answers from its own name table.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Snapshot is the engine's data the checks read, as engine/ovirt types.
type Snapshot struct {
	// EngineURL is the engine's API address as the BFF reaches it.
	EngineURL   string
	DataCenters []ovirt.DataCenter
	Clusters    []ovirt.Cluster
	// ClusterNetworks are each cluster's networks (by cluster id), with
	// their roles in that cluster (usages: management, display, migration,
	// default_route, vm).
	ClusterNetworks  map[string][]ovirt.Network
	Networks         []ovirt.Network
	Hosts            []HostData
	StorageDomains   []ovirt.StorageDomain
	NetworkProviders []ovirt.OpenStackNetworkProvider
	HostProviders    []ovirt.ExternalHostProvider
	VMs              []VMData
}

// HostData is a host with its NICs (as vdsm reports them: the device
// carrying a network has its network and addresses), its network
// attachments (the desired IP configuration, in_sync and reported
// configurations) and its fence agents.
type HostData struct {
	Host        ovirt.Host
	NICs        []ovirt.HostNic
	Attachments []ovirt.NetworkAttachment
	Agents      []ovirt.Agent
}

// VMData is a VM with its NICs and the guest addresses they report.
type VMData struct {
	VM   ovirt.Vm
	NICs []ovirt.Nic
}

// Kind is an object's type.
type Kind string

// The object kinds.
const (
	KindEngine     Kind = "engine"
	KindDataCenter Kind = "data-center"
	KindCluster    Kind = "cluster"
	KindNetwork    Kind = "network"
	KindHost       Kind = "host"
	KindAttachment Kind = "attachment"
	KindAgent      Kind = "fence-agent"
	KindStorage    Kind = "storage-connection"
	KindProvider   Kind = "provider"
	KindVM         Kind = "vm"
)

// Kinds lists the kinds in report order.
var Kinds = []Kind{KindEngine, KindDataCenter, KindCluster, KindNetwork, KindHost, KindAttachment, KindAgent, KindStorage, KindProvider, KindVM}

// Family is the set of address families an object uses.
type Family uint8

// The families.
const (
	FamilyNone Family = iota
	FamilyIPv4
	FamilyDual
	FamilyIPv6
)

var familyNames = [...]string{"none", "ipv4-only", "dual-stack", "ipv6-only"}

// String returns "none", "ipv4-only", "dual-stack" or "ipv6-only".
func (f Family) String() string {
	if int(f) < len(familyNames) {
		return familyNames[f]
	}
	return "none"
}

// ParseFamily is the inverse of Family.String.
func ParseFamily(s string) (Family, bool) {
	for i, n := range familyNames {
		if n == s {
			return Family(i), true
		}
	}
	return FamilyNone, false
}

// familyOf says which families v4 and v6 make.
func familyOf(v4, v6 bool) Family {
	switch {
	case v4 && v6:
		return FamilyDual
	case v4:
		return FamilyIPv4
	case v6:
		return FamilyIPv6
	}
	return FamilyNone
}

// Address is one address of an object.
type Address struct {
	Addr  netip.Addr
	Text  string // RFC 5952 (validation.Canonical)
	Scope validation.Scope
	// Source says where it comes from: "literal", "A", "AAAA", "reported",
	// "configured" or "guest".
	Source string
}

// usable reports whether a counts for the object's family: unicast and not
// link-local or unspecified (documentation, unique-local and loopback
// addresses count: labs and a local engine use them).
func (a Address) usable() bool {
	switch a.Scope {
	case validation.ScopeLinkLocal, validation.ScopeUnspecified, validation.ScopeUnknown:
		return false
	}
	return !a.Scope.IsMulticast()
}

// Object is one thing the report judges.
type Object struct {
	Kind Kind
	ID   string // the engine's id; for an attachment the attachment's id
	Name string // for an attachment "host/network on nic"
	// DataCenter is the data center's name ("" for the engine and providers).
	DataCenter string
	Host       string // the host's name (attachments, fence agents)
	HostID     string
	NIC        string // the NIC carrying an attachment
	Network    string // an attachment's network
	// Roles are a network's (or an attachment's network's) roles in its
	// cluster.
	Roles     []ovirt.NetworkUsage
	OS        string // a host's operating system, as the engine reports it
	Address   string // the address as configured (host, agent, storage, provider, engine)
	Family    Family
	Addresses []Address
}

// Severity is how much a finding matters.
type Severity uint8

// The severities: a blocker keeps the object from working without IPv4; a
// warning works but not as the administrator likely expects.
const (
	Blocker Severity = iota + 1
	Warning
)

// String returns "blocker" or "warning".
func (s Severity) String() string {
	switch s {
	case Blocker:
		return "blocker"
	case Warning:
		return "warning"
	}
	return "unknown"
}

// ParseSeverity is the inverse of Severity.String.
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "blocker":
		return Blocker, true
	case "warning":
		return Warning, true
	}
	return 0, false
}

// Dialog is the dialog that fixes a finding.
type Dialog string

// The dialogs.
const (
	DialogEditHost          Dialog = "edit-host"
	DialogSetupHostNetworks Dialog = "setup-host-networks"
	DialogSyncNetwork       Dialog = "sync-network"
	DialogPowerManagement   Dialog = "power-management"
	DialogStorageDomain     Dialog = "storage-domain"
	DialogProvider          Dialog = "provider"
	DialogRunOnce           Dialog = "run-once"
	DialogEditNetwork       Dialog = "edit-network"
	DialogEngineURL         Dialog = "engine-url" // the BFF's --engine-url
	DialogNameServer        Dialog = "dns"        // outside oVirt: the DNS zone
	DialogEditCluster       Dialog = "edit-cluster"
)

// Fix says where a finding is fixed: the dialog and the objects it opens on.
type Fix struct {
	Dialog  Dialog
	Kind    Kind   // the object the dialog edits
	ID      string // its id (host, agent, storage domain, provider, VM, network)
	HostID  string // Setup Host Networks, Power Management, sync: the host
	NIC     string // Setup Host Networks: the NIC to open
	Network string // Setup Host Networks, sync: the network
}

// String is the fix as one line of text: the dialog, then the ids and names
// it opens on (the host's id once when it is the object), e.g.
// "setup-host-networks <attachment> <host> eth1 display".
func (f Fix) String() string {
	s := string(f.Dialog)
	for i, p := range []string{f.ID, f.HostID, f.NIC, f.Network} {
		if p != "" && (i != 1 || p != f.ID) {
			s += " " + p
		}
	}
	return s
}

// FieldDiff is one field of an out-of-sync IPv6 configuration, both sides in
// RFC 5952 form.
type FieldDiff struct {
	Field    string // ipv6_boot_protocol, ipv6_address, ipv6_prefix, ipv6_gateway
	Expected string // the data center's (the attachment's) value
	Actual   string // what the host reports
}

// Finding is one check's verdict on one object.
type Finding struct {
	Check    string // stable id, e.g. "v6.address.ipv4-literal"
	Severity Severity
	Object   *Object
	What     string
	Why      string
	How      string
	Fix      Fix
	Diff     []FieldDiff // v6.attachment.out-of-sync only
}

// Score counts objects by family, for one data center or overall.
type Score struct {
	DataCenter string // "" overall
	IPv6Only   int
	DualStack  int
	IPv4Only   int
	None       int
}

// Total is the number of objects counted.
func (s Score) Total() int { return s.IPv6Only + s.DualStack + s.IPv4Only + s.None }

// Report is the result of Run.
type Report struct {
	Objects  []*Object
	Findings []Finding
	// Scores: one per data center in the snapshot's order, then the overall
	// one (DataCenter "").
	Scores []Score
}
