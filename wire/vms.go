package wire

// VM is a virtual machine in GET /api/vms (with its guest addresses by
// family) and GET /api/vms/:id (with its NICs, consoles and sessions too).
// Guest addresses are every address the guest agent reports, RFC 5952,
// link-local ones included with their zone and scope "link-local" (the UI
// hides them behind a toggle).
type VM struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	Description     string `json:"description,omitempty"`
	Status          string `json:"status"`
	StatusDetail    string `json:"status_detail,omitempty"`
	Host            *Ref   `json:"host,omitempty"` // the host it runs on
	Cluster         *Ref   `json:"cluster,omitempty"`
	ConsoleProtocol string `json:"console_protocol,omitempty"` // spice, vnc
	IPv4            []Addr `json:"ipv4"`
	IPv6            []Addr `json:"ipv6"`

	NICs     []VMNIC     `json:"nics,omitempty"`
	Consoles []Console   `json:"consoles,omitempty"`
	Sessions []VMSession `json:"sessions,omitempty"`
	// ConsoleProxy is the engine's SPICE proxy for this VM (the display's
	// proxy), absent without one.
	ConsoleProxy *ConsoleProxy `json:"console_proxy,omitempty"`
	// InitialRun is the cloud-init network the engine stores for the VM
	// (GET /api/vms/:id only; absent without one): its first plain start
	// hands it to the guest, as Edit VM's Initial Run sets it.
	InitialRun *CloudInitRequest `json:"initial_run,omitempty"`
}

// VMList is the answer of GET /api/vms.
type VMList struct {
	VMs []VM `json:"vms"`
}

// VMNIC is a VM's NIC with the addresses the guest reports on it (each
// with its kind, ipv4 or ipv6, and scope).
type VMNIC struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	MAC       string `json:"mac,omitempty"`
	Interface string `json:"interface,omitempty"`
	Linked    bool   `json:"linked"`
	Plugged   bool   `json:"plugged"`
	// Profile is the NIC's vNIC profile (its name when the engine gives
	// one), ProfileNetwork that profile's network (its name when known).
	Profile        *Ref `json:"profile,omitempty"`
	ProfileNetwork *Ref `json:"profile_network,omitempty"`
	// GuestName is the guest's name of the interface (eth0).
	GuestName string `json:"guest_name,omitempty"`
	Addresses []Addr `json:"addresses"`
}

// Console is a running VM's graphics console as the user must type it:
// Endpoint and TLSEndpoint are host:port with an IPv6 literal in brackets
// ("[2001:db8:100::11]:5900").
type Console struct {
	ID          string `json:"id"`
	Protocol    string `json:"protocol"` // spice, vnc
	Address     *Addr  `json:"address,omitempty"`
	Port        int    `json:"port,omitempty"`
	TLSPort     int    `json:"tls_port,omitempty"`
	Endpoint    string `json:"endpoint,omitempty"`
	TLSEndpoint string `json:"tls_endpoint,omitempty"`
}

// ConsoleProxy is the SPICE proxy the engine gives the VM's console
// (Display.proxy, "host:port" or a URL). IPv6Literal says it is an IPv6
// literal, which other clients split on ":" (webadmin's, the VM Portal's).
// The engine's WebSocket proxy (WebSocketProxy in engine-config) is not
// part of the REST API, so v6admin cannot tell it.
type ConsoleProxy struct {
	Proxy       string `json:"proxy"`
	IPv6Literal bool   `json:"ipv6_literal"`
	Warning     string `json:"warning,omitempty"`
}

// VMSession is a session of a VM: the console user with the client's
// address, or the user logged in to the guest.
type VMSession struct {
	User        string `json:"user"`
	ConsoleUser bool   `json:"console_user"`
	Protocol    string `json:"protocol,omitempty"`
	Client      *Addr  `json:"client,omitempty"`
}

// VMActionResult is the answer of POST /api/vms/:id/start, /stop,
// /shutdown and /migrate: the VM as it is now and the engine's job.
type VMActionResult struct {
	VM  VM   `json:"vm"`
	Job *Job `json:"job,omitempty"`
}

// StartVMRequest is the body of POST /api/vms/:id/start (optional: no
// body is a plain start). With CloudInit the start is a Run Once with
// cloud-init's network.
type StartVMRequest struct {
	CloudInit *CloudInitRequest `json:"cloud_init,omitempty"`
}

// CloudInitRequest is Run Once's cloud-init network: per in-guest NIC its
// IPv4 (none, dhcp, static) and IPv6 (none, dhcp, static; autoconf is
// refused with the engine's reason) configuration, the DNS servers (IPv4
// or IPv6) and search domains, and the protocol the guest gets it in:
// openstack_metadata (default) or eni, which carries no IPv6 (refused).
// Every NIC is started on boot (the engine refuses anything else).
type CloudInitRequest struct {
	Protocol   string         `json:"protocol,omitempty"`
	NICs       []CloudInitNIC `json:"nics,omitempty" validate:"omitempty,max=32,dive"`
	DNSServers []string       `json:"dns_servers,omitempty" validate:"omitempty,max=8"`
	DNSSearch  []string       `json:"dns_search,omitempty" validate:"omitempty,max=8" maxlen:"253"`
}

// CloudInitNIC is one in-guest NIC of cloud-init (its name in the guest,
// eth0). The address may carry its prefix ("2001:db8:100::5/64"), as in
// Setup Host Networks.
type CloudInitNIC struct {
	Name string       `json:"name" validate:"required" maxlen:"15"`
	IPv4 *IPv4Request `json:"ipv4,omitempty"`
	IPv6 *IPv6Request `json:"ipv6,omitempty"`
}

// EditVMRequest is the body of PUT /api/vms/:id: Edit VM's Initial Run,
// the cloud-init network the engine stores and hands the guest on the
// VM's first plain start (the engine's UpdateVm; a VM already run once
// gets it again only through Run Once). Absent, the stored one stays; an
// empty one (no NICs) removes the stored NICs.
type EditVMRequest struct {
	InitialRun *CloudInitRequest `json:"initial_run,omitempty"`
}

// MigrateVMRequest is the body of POST /api/vms/:id/migrate: the
// destination host, or none for the scheduler's choice.
type MigrateVMRequest struct {
	HostID string `json:"host_id,omitempty" maxlen:"128"`
}

// MigrationPlan is the answer of GET /api/vms/:id/migration-plan?host=:
// the address the migration will use by MigrateVmCommand's rule, the
// destination's address on the cluster's migration network, IPv4 when the
// source and the destination both have one there, else IPv6 when both
// have one, else (Address absent) the destination host's own address.
// Summary says it in words ("over 2001:db8:100::13 on display (IPv6)");
// a warning tells when a dual-stack migration network makes it IPv4.
// Without a host (automatic) the scheduler picks it and Address is
// absent.
type MigrationPlan struct {
	Source   *Ref      `json:"source,omitempty"`
	Host     *Ref      `json:"host,omitempty"`
	Network  *Ref      `json:"network,omitempty"`
	Address  *Addr     `json:"address,omitempty"`
	Family   string    `json:"family,omitempty"` // ipv4, ipv6
	Summary  string    `json:"summary"`
	Warnings []Warning `json:"warnings"`
}
