package lab

import (
	"net/netip"
	"strings"
)

// BMC is a simulated baseboard management controller. Fence agents
// reach it when their address matches (canonically); it keeps the power
// state that start/stop/restart change.
type BMC struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Power   string `json:"power"` // on, off
	Host    string `json:"host,omitempty"`
}

// NFSServer is a simulated NFS server and its exports.
type NFSServer struct {
	Address string   `json:"address"` // canonical
	Exports []string `json:"exports"`
}

// Portal is an iSCSI portal that answers discovery; the targets behind it
// are Target documents with the same address and port.
type Portal struct {
	Address string `json:"address"` // canonical
	Port    int    `json:"port"`
}

// Target is a simulated iSCSI target behind a portal.
type Target struct {
	Address string `json:"address"` // canonical IP (raw IPv6) or name
	Port    int    `json:"port"`
	TPGT    int    `json:"tpgt"`
	Name    string `json:"name"` // IQN
	LUNs    []LUN  `json:"luns"`
}

// LUN is a logical unit of a target.
type LUN struct {
	ID      string `json:"id"`
	Size    int64  `json:"size"`
	Serial  string `json:"serial"`
	Vendor  string `json:"vendor"`
	Product string `json:"product"`
	Mapping int    `json:"mapping"`
}

// CanonAddr returns the canonical text of an IP address (brackets
// stripped), or the lower-cased input for names.
func CanonAddr(s string) string {
	s = strings.TrimSpace(s)
	in := strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if a, err := netip.ParseAddr(in); err == nil {
		return a.String()
	}
	return strings.ToLower(strings.TrimSuffix(s, "."))
}
