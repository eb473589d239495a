package wire

// Readiness is GET /api/readiness: the IPv6 readiness report of the
// session's engine (package readiness run over the engine's data). Check
// ids are stable: a script tracks progress by them. ?format=csv answers the
// same findings as text/csv (readiness.CSVHeader's columns).
type Readiness struct {
	EngineURL string             `json:"engine_url"` // the engine as the BFF reaches it
	Objects   []ReadinessObject  `json:"objects"`
	Findings  []ReadinessFinding `json:"findings"`
	// Scores: one per data center, then the overall one (data_center "").
	Scores []ReadinessScore `json:"scores"`
}

// ReadinessObject is one object the report judges, with its families today.
type ReadinessObject struct {
	Kind       string `json:"kind"` // engine, data-center, cluster, network, host, attachment, fence-agent, storage-connection, provider, vm
	ID         string `json:"id"`
	Name       string `json:"name"`
	DataCenter string `json:"data_center,omitempty"`
	Host       string `json:"host,omitempty"`
	HostID     string `json:"host_id,omitempty"`
	NIC        string `json:"nic,omitempty"`
	Network    string `json:"network,omitempty"`
	// Roles are the network's roles in its cluster (management, display,
	// migration, default_route, vm).
	Roles []string `json:"roles,omitempty"`
	OS    string   `json:"os,omitempty"`
	// Address is the address as configured (a name or an IP literal).
	Address   *Addr              `json:"address,omitempty"`
	Family    string             `json:"family"` // none, ipv4-only, dual-stack, ipv6-only
	Addresses []ReadinessAddress `json:"addresses"`
}

// ReadinessAddress is one address of an object and where it comes from:
// "literal", "A", "AAAA", "reported", "configured" or "guest".
type ReadinessAddress struct {
	Addr
	Source string `json:"source"`
}

// ReadinessFinding is one check's verdict on one object: what is wrong,
// why it matters (the engine's or vdsm's behaviour) and how to fix it.
type ReadinessFinding struct {
	Check    string `json:"check"`    // stable id, e.g. "v6.address.ipv4-literal"
	Severity string `json:"severity"` // blocker or warning
	// Object is the object's kind, id and name (one of objects).
	ObjectKind string       `json:"object_kind"`
	Object     Ref          `json:"object"`
	What       string       `json:"what"`
	Why        string       `json:"why"`
	How        string       `json:"how"`
	Fix        ReadinessFix `json:"fix"`
	// Diff is the per-field IPv6 difference of an out-of-sync attachment,
	// both sides in RFC 5952 form.
	Diff []ReadinessDiff `json:"diff,omitempty"`
}

// ReadinessFix is the dialog that fixes a finding and what it opens on.
type ReadinessFix struct {
	Dialog  string `json:"dialog"` // edit-host, setup-host-networks, sync-network, power-management, storage-domain, provider, run-once, edit-network, engine-url, dns, edit-cluster
	Kind    string `json:"kind,omitempty"`
	ID      string `json:"id,omitempty"`
	HostID  string `json:"host_id,omitempty"`
	NIC     string `json:"nic,omitempty"`
	Network string `json:"network,omitempty"`
}

// ReadinessDiff is one field of an out-of-sync IPv6 configuration.
type ReadinessDiff struct {
	Field    string `json:"field"`    // ipv6_boot_protocol, ipv6_address, ipv6_prefix, ipv6_gateway
	Expected string `json:"expected"` // the data center's value
	Actual   string `json:"actual"`   // what the host reports
}

// ReadinessScore counts objects by family, for one data center or overall
// (data_center "").
type ReadinessScore struct {
	DataCenter string `json:"data_center"`
	IPv6Only   int    `json:"ipv6_only"`
	DualStack  int    `json:"dual_stack"`
	IPv4Only   int    `json:"ipv4_only"`
	None       int    `json:"none"`
	Total      int    `json:"total"`
}
