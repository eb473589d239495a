package form

import (
	"math"
	"strconv"
	"strings"
	"time"

	"v6admin/validation"
)

// ScopeColor is the PatternFly label color of a scope: green for global
// addresses, blue for the private kinds, orange for link-local, purple for
// documentation and benchmarking, grey for the rest.
func ScopeColor(s validation.Scope) string {
	switch s {
	case validation.ScopeGlobal:
		return "green"
	case validation.ScopeUniqueLocal, validation.ScopePrivate, validation.ScopeShared, validation.ScopeSiteLocal:
		return "blue"
	case validation.ScopeLinkLocal:
		return "orange"
	case validation.ScopeDocumentation, validation.ScopeBenchmarking:
		return "purple"
	case validation.ScopeIPv4Mapped, validation.ScopeNAT64, validation.Scope6to4, validation.ScopeTeredo:
		return "teal"
	}
	if s.IsMulticast() {
		return "yellow"
	}
	return "grey"
}

// WithPrefix writes address/prefix (the address alone without a prefix).
func WithPrefix(addr string, prefix *int) string {
	if prefix == nil || addr == "" {
		return addr
	}
	return addr + "/" + strconv.Itoa(*prefix)
}

// BootProtocolLabel is oVirt's name of a boot protocol (LocalizedEnums:
// Ipv4BootProtocol / Ipv6BootProtocol).
func BootProtocolLabel(p string) string {
	switch p {
	case "", "none":
		return "None"
	case "dhcp":
		return "DHCP"
	case "autoconf":
		return "Stateless Address Autoconfiguration"
	case "poly_dhcp_autoconf":
		return "DHCP And Stateless Address Autoconfiguration"
	case "static":
		return "Static"
	}
	return p
}

// HostStatusLabel is oVirt's name of a host status (LocalizedEnums: VDSStatus).
func HostStatusLabel(s string) string {
	switch s {
	case "up":
		return "Up"
	case "down":
		return "Down"
	case "maintenance":
		return "Maintenance"
	case "preparing_for_maintenance":
		return "Preparing For Maintenance"
	case "installing":
		return "Installing"
	case "install_failed":
		return "Install Failed"
	case "installing_os":
		return "Installing OS"
	case "initializing":
		return "Initializing"
	case "non_responsive":
		return "NonResponsive"
	case "non_operational":
		return "NonOperational"
	case "connecting":
		return "Connecting"
	case "reboot":
		return "Reboot"
	case "kdumping":
		return "Kdumping"
	case "pending_approval":
		return "Pending Approval"
	case "unassigned":
		return "Unassigned"
	case "error":
		return "Error"
	}
	return TitleWords(s)
}

// HostStatusColor is the PatternFly label color of a host status.
func HostStatusColor(s string) string {
	switch s {
	case "up":
		return "green"
	case "installing", "initializing", "connecting", "reboot", "installing_os", "preparing_for_maintenance", "kdumping":
		return "blue"
	case "maintenance", "pending_approval", "unassigned":
		return "grey"
	case "down", "non_responsive", "non_operational", "install_failed", "error":
		return "red"
	}
	return "grey"
}

// HostBusy reports whether a host status is transient (a spinner shows).
func HostBusy(s string) bool {
	switch s {
	case "installing", "initializing", "connecting", "reboot", "installing_os", "preparing_for_maintenance", "kdumping":
		return true
	}
	return false
}

func TitleWords(s string) string {
	parts := strings.Fields(strings.ReplaceAll(s, "_", " "))
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	return strings.Join(parts, " ")
}

// FormatSpeed writes a link speed in bits/s as oVirt's Mbps, or "[N/A]".
func FormatSpeed(bps int64) string {
	if bps <= 0 {
		return "[N/A]"
	}
	mbps := bps / 1_000_000
	if mbps >= 1000 && mbps%1000 == 0 {
		return strconv.FormatInt(mbps/1000, 10) + " Gbps"
	}
	return strconv.FormatInt(mbps, 10) + " Mbps"
}

// FormatRateMbps writes a rate in bits/s as Mbps with at most two
// decimals ("[N/A]" when not reported; "< 0.01" for a trickle).
func FormatRateMbps(bps *float64) string {
	if bps == nil || *bps < 0 {
		return "[N/A]"
	}
	mbps := *bps / 1e6
	if mbps > 0 && mbps < 0.01 {
		return "< 0.01"
	}
	return strconv.FormatFloat(math.Round(mbps*100)/100, 'f', -1, 64)
}

// FormatTotal writes a byte counter in binary units ("[N/A]" when not
// reported).
func FormatTotal(n *int64) string {
	if n == nil {
		return "[N/A]"
	}
	return FormatBytes(*n)
}

// FormatCount writes a counter ("[N/A]" when not reported).
func FormatCount(n *int64) string {
	if n == nil {
		return "[N/A]"
	}
	return strconv.FormatInt(*n, 10)
}

// FormatBytes writes a size in binary units.
func FormatBytes(n int64) string {
	if n <= 0 {
		return "0 B"
	}
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if f >= 100 || i == 0 {
		return strconv.FormatFloat(f, 'f', 0, 64) + " " + units[i]
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + units[i]
}

// FormatTime writes an event time in the browser's zone, to the second.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// roleLabel is the badge text of a network role.
func roleLabel(r string) string {
	switch r {
	case "management":
		return "Management"
	case "default_route":
		return "Default Route"
	case "vm":
		return "VM"
	case "display":
		return "Display"
	case "migration":
		return "Migration"
	case "gluster":
		return "Gluster"
	}
	return TitleWords(r)
}

// SeverityVariant maps an event severity to a PatternFly status variant.
func SeverityVariant(sev string) string {
	switch sev {
	case "error", "alert":
		return "danger"
	case "warning":
		return "warning"
	}
	return "info"
}

// DomainTypeLabel is a storage domain function as oVirt writes it: Data,
// ISO, Export.
func DomainTypeLabel(t string) string {
	if t == "iso" {
		return "ISO"
	}
	return TitleWords(t)
}

// StorageTypeLabel is a storage type as oVirt writes it: NFS, iSCSI, FCP.
func StorageTypeLabel(t string) string {
	switch t {
	case "iscsi":
		return "iSCSI"
	case "glusterfs":
		return "GlusterFS"
	case "posixfs":
		return "POSIX compliant FS"
	}
	return strings.ToUpper(t)
}
