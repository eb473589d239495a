package lab

// The seeded lab's addresses the demo and the tests rely on (embedded
// re-exports them as its Seed* constants).
const (
	SeedISCSIPortal = "2001:db8:200::50"
	SeedISCSITarget = "iqn.2014-07.org.ovirt:storage"
	SeedNFSServer   = "[2001:db8:200::60]"
	SeedOVNURL      = "https://[2001:db8:10::5]:9696"
	SeedBMCHost0    = "2001:db8:20::11" // ipmilan, agent on host0
	SeedBMCHost1    = "192.0.2.112"     // redfish, agent on host1
	SeedBMCHost1v6  = "2001:db8:20::12" // ipmilan, second agent on host1
	SeedBMCHost2    = "2001:db8:20::13" // ipmilan, no agent configured
)

// Seeded provider endpoints and storage servers the tests and demos rely on
// (see the package documentation for the whole reachable set).
const (
	// SeedLabProviderURL is a network provider with a self-signed certificate
	// that the engine does not trust until it is imported.
	SeedLabProviderURL = "https://[2001:db8::50]:9696"
	// SeedLabProviderAuthURL is its Keystone endpoint (same certificate).
	SeedLabProviderAuthURL = "https://[2001:db8::50]:35357/v2.0"
	// SeedHTTPProviderURL is a network provider over plain HTTP.
	SeedHTTPProviderURL = "http://[2001:db8::51]:9696"
	// SeedNFSServerLab is an NFS server in the documentation prefix with
	// /exports/data, /exports/iso and /exports/export.
	SeedNFSServerLab = "[2001:db8::5]"
	// SeedISCSIEmptyPortal answers discovery with no targets.
	SeedISCSIEmptyPortal = "2001:db8:200::51"
)

// CertOrganization is the organization (O=) of every simulated provider
// certificate.
const CertOrganization = "v6admin lab"

// EndpointSpec is one simulated provider service of the lab.
type EndpointSpec struct {
	URL, Name string
	CN        string // certificate common name (https only)
	Trusted   bool   // imported at setup time (as engine-setup does for OVN)
}

// Endpoints are the lab's provider services.
var Endpoints = []EndpointSpec{
	{SeedOVNURL, "ovirt-provider-ovn", "ovirt-provider-ovn", true},
	{"https://[2001:db8:10::5]:35357", "ovirt-provider-ovn keystone", "ovirt-provider-ovn", true},
	{"https://foreman.lab.example.org", "Foreman", "foreman.lab.example.org", true},
	{"https://[2001:db8:10::7]", "Satellite over IPv6", "satellite.lab.example.org", false},
	{SeedLabProviderURL, "lab network provider", "ovirt-provider-ovn", false},
	{"https://[2001:db8::50]:35357", "lab network provider keystone", "ovirt-provider-ovn", false},
	{SeedHTTPProviderURL, "plain-HTTP network provider", "", false},
	{"http://[2001:db8::51]:35357", "plain-HTTP network provider keystone", "", false},
}

// NFSServers are the lab's NFS servers.
var NFSServers = []NFSServer{
	{Address: CanonAddr(SeedNFSServer), Exports: []string{"/exports/data", "/exports/iso", "/exports/export", "/exports/nfs/share2"}},
	{Address: CanonAddr(SeedNFSServerLab), Exports: []string{"/exports/data", "/exports/iso", "/exports/export"}},
}

// Portals are the lab's iSCSI portals (the targets behind them are
// seeded with the demo).
var Portals = []Portal{
	{Address: SeedISCSIPortal, Port: 3260},
	{Address: SeedISCSIEmptyPortal, Port: 3260},
}

// BMCs are the lab's baseboard management controllers (seeded once with
// the demo: their power state is kept).
var BMCs = []BMC{
	{Address: SeedBMCHost0, Type: "ipmilan", Power: "on", Host: "host0"},
	{Address: SeedBMCHost1, Type: "redfish", Power: "on", Host: "host1"},
	{Address: SeedBMCHost1v6, Type: "ipmilan", Power: "on", Host: "host1"},
	{Address: SeedBMCHost2, Type: "ipmilan", Power: "on", Host: "host2"},
}
