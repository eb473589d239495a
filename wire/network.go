package wire

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

// HostNetwork is GET /api/hosts/:id/network: everything the Setup Host
// Networks dialog needs.
type HostNetwork struct {
	Host        Ref          `json:"host"`
	NICs        []NIC        `json:"nics"`
	Bonds       []NIC        `json:"bonds"`
	Attachments []Attachment `json:"attachments"`
	Networks    []Network    `json:"networks"`
}

// SetupResult is the answer of setupnetworks and syncallnetworks.
type SetupResult struct {
	Status   string    `json:"status"`
	Job      *Job      `json:"job,omitempty"`
	Warnings []Warning `json:"warnings"`
}

// IPv4Request is the IPv4 part of an attachment. Address may carry the
// prefix ("192.0.2.5/24"); otherwise Netmask (dotted or a prefix length)
// is required for static.
type IPv4Request struct {
	BootProtocol string `json:"boot_protocol" validate:"required,oneof=none dhcp static"`
	Address      string `json:"address"`
	Netmask      string `json:"netmask"`
	Gateway      string `json:"gateway"`
}

// IPv6Request is the IPv6 part of an attachment. Address may carry the
// prefix ("2001:db8::5/64"); otherwise Prefix is required for static.
// autoconf is SLAAC (the gateway comes from router advertisements),
// poly_dhcp_autoconf is DHCPv6 with SLAAC.
type IPv6Request struct {
	BootProtocol string `json:"boot_protocol" validate:"required,oneof=none dhcp autoconf poly_dhcp_autoconf static"`
	Address      string `json:"address"`
	Prefix       string `json:"prefix"`
	Gateway      string `json:"gateway"`
}

// AttachmentRequest attaches (or, with the id of an existing attachment or
// an already attached network, reconfigures or moves) a network on a NIC
// or bond.
type AttachmentRequest struct {
	ID         string       `json:"id,omitempty" maxlen:"128"`
	Network    string       `json:"network" validate:"required" maxlen:"256"` // network name
	NIC        string       `json:"nic" validate:"required" maxlen:"64"`      // NIC or bond name
	IPv4       *IPv4Request `json:"ipv4,omitempty"`
	IPv6       *IPv6Request `json:"ipv6,omitempty"`
	DNSServers []string     `json:"dns_servers,omitempty" validate:"omitempty,max=8"`
}

// BondRequest creates or changes a bond.
type BondRequest struct {
	Name    string            `json:"name" validate:"required"` // validation.BondName
	Options map[string]string `json:"options,omitempty" validate:"omitempty,max=16,dive,keys,required,endkeys"`
	Slaves  []string          `json:"slaves" validate:"required,min=2,max=16,dive,required" maxlen:"64"`
}

// SetupNetworksRequest is the body of POST /api/hosts/:id/setupnetworks.
// A host may have 128 NICs and 256 networks, all changed in one apply:
// up to 1024 attachments (and removed and synced ones) and 128 bonds (and
// removed ones) are accepted. ConnectivityTimeout is in seconds (1–600,
// vdsm's 120 when left out).
type SetupNetworksRequest struct {
	Attachments         []AttachmentRequest `json:"attachments,omitempty" validate:"omitempty,max=1024,dive"`
	RemovedAttachments  []string            `json:"removed_attachments,omitempty" validate:"omitempty,max=1024,dive,required" maxlen:"128"`
	SyncAttachments     []string            `json:"sync_attachments,omitempty" validate:"omitempty,max=1024,dive,required" maxlen:"128"`
	Bonds               []BondRequest       `json:"bonds,omitempty" validate:"omitempty,max=128,dive"`
	RemovedBonds        []string            `json:"removed_bonds,omitempty" validate:"omitempty,max=128,dive,required" maxlen:"64"`
	CheckConnectivity   *bool               `json:"check_connectivity,omitempty"`
	ConnectivityTimeout int                 `json:"connectivity_timeout,omitempty"`
	CommitOnSuccess     *bool               `json:"commit_on_success,omitempty"`
}
