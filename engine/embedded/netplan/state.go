package netplan

import (
	"encoding/json"
	"fmt"

	"v6admin/engine/embedded/netsim"
	"v6admin/engine/ovirt"
)

// HostNet is the whole network state of one host, one document so that a
// setupnetworks is a single read-modify-write: the physical NICs, bonds,
// network attachments with their desired configuration and what the
// simulated vdsm reports for them. Version grows with every write and is
// checked inside the writing transaction (optimistic concurrency).
type HostNet struct {
	HostID    string       `json:"host_id"`
	Version   int64        `json:"version"`
	Committed bool         `json:"committed"`
	NICs      []NIC        `json:"nics"`
	Bonds     []Bond       `json:"bonds,omitempty"`
	Atts      []Attachment `json:"attachments,omitempty"`
}

// NIC is a physical interface.
type NIC struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	MAC   string `json:"mac"`
	Speed int64  `json:"speed"` // bits/s
	Down  bool   `json:"down,omitempty"`
}

// Bond is a bond device; Slaves are NIC names.
type Bond struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Options []ovirt.Option `json:"options,omitempty"`
	Slaves  []string       `json:"slaves"` // NIC names
}

// IPConfig is a desired IP configuration, as the client sent it.
type IPConfig struct {
	Proto   string `json:"proto,omitempty"`
	Addr    string `json:"addr,omitempty"`
	Netmask string `json:"netmask,omitempty"` // IPv4 mask or prefix; IPv6 prefix
	Gateway string `json:"gateway,omitempty"`
}

// BootProto is the configuration's boot protocol, "none" when unset.
func (c IPConfig) BootProto() string {
	if c.Proto == "" {
		return netsim.ProtoNone
	}
	return c.Proto
}

// Attachment is a network attachment: desired configuration plus the
// reported state of the device carrying the network.
type Attachment struct {
	ID         string           `json:"id"`
	NetworkID  string           `json:"network_id"`
	Nic        string           `json:"nic"`                   // base interface: NIC or bond name
	VlanNicID  string           `json:"vlan_nic_id,omitempty"` // id of the VLAN device
	V4         IPConfig         `json:"v4"`
	V6         IPConfig         `json:"v6"`
	DNS        []string         `json:"dns,omitempty"`
	Properties []ovirt.Property `json:"properties,omitempty"`
	LeaseOwner string           `json:"lease_owner,omitempty"`
	Rep        Reported         `json:"reported"`
}

// Reported is what the simulated vdsm reports for the network's device.
type Reported struct {
	V4Proto      string   `json:"v4_proto,omitempty"`
	V4Addr       string   `json:"v4_addr,omitempty"`
	V4Prefix     int      `json:"v4_prefix,omitempty"`
	V4Gateway    string   `json:"v4_gateway,omitempty"`
	V6Proto      string   `json:"v6_proto,omitempty"`
	V6Addrs      []string `json:"v6_addrs,omitempty"` // "addr/len", vdsm order
	V6Gateway    string   `json:"v6_gateway,omitempty"`
	MTU          int      `json:"mtu"`
	Bridged      bool     `json:"bridged"`
	VLAN         int      `json:"vlan,omitempty"`
	DefaultRoute bool     `json:"default_route"`
	DNS          []string `json:"dns,omitempty"`
	LinkLocal    string   `json:"link_local,omitempty"`
}

// HasAddress reports an IPv4 or IPv6 address.
func (r *Reported) HasAddress() bool { return r.V4Addr != "" || len(r.V6Addrs) > 0 }

// NIC returns the physical interface name, or nil.
func (h *HostNet) NIC(name string) *NIC {
	for i := range h.NICs {
		if h.NICs[i].Name == name {
			return &h.NICs[i]
		}
	}
	return nil
}

// Bond returns the bond name, or nil.
func (h *HostNet) Bond(name string) *Bond {
	for i := range h.Bonds {
		if h.Bonds[i].Name == name {
			return &h.Bonds[i]
		}
	}
	return nil
}

// DeviceByRef resolves a NIC or bond by id or name.
func (h *HostNet) DeviceByRef(id, name string) string {
	for _, n := range h.NICs {
		if (id != "" && n.ID == id) || (id == "" && name != "" && n.Name == name) {
			return n.Name
		}
	}
	for _, b := range h.Bonds {
		if (id != "" && b.ID == id) || (id == "" && name != "" && b.Name == name) {
			return b.Name
		}
	}
	return ""
}

// DeviceID returns the id of a NIC or bond.
func (h *HostNet) DeviceID(name string) string {
	if n := h.NIC(name); n != nil {
		return n.ID
	}
	if b := h.Bond(name); b != nil {
		return b.ID
	}
	return ""
}

// MAC returns the MAC of a device: a bond takes its first slave's.
func (h *HostNet) MAC(name string) string {
	if n := h.NIC(name); n != nil {
		return n.MAC
	}
	if b := h.Bond(name); b != nil && len(b.Slaves) > 0 {
		if n := h.NIC(b.Slaves[0]); n != nil {
			return n.MAC
		}
	}
	return ""
}

// Att returns the attachment id, or nil.
func (h *HostNet) Att(id string) *Attachment {
	for i := range h.Atts {
		if h.Atts[i].ID == id {
			return &h.Atts[i]
		}
	}
	return nil
}

// AttByNetwork returns the attachment of network netID, or nil.
func (h *HostNet) AttByNetwork(netID string) *Attachment {
	for i := range h.Atts {
		if h.Atts[i].NetworkID == netID {
			return &h.Atts[i]
		}
	}
	return nil
}

// Clone returns a deep copy of h (through its JSON form, as it is stored).
func (h *HostNet) Clone() *HostNet {
	b, err := json.Marshal(h)
	if err != nil {
		panic(fmt.Sprintf("netplan: clone: %v", err))
	}
	out := new(HostNet)
	if err := json.Unmarshal(b, out); err != nil {
		panic(fmt.Sprintf("netplan: clone: %v", err))
	}
	return out
}
