package embedded

import (
	"errors"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"v6admin/engine/api"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
)

// hostNet is the whole network state of one host, one document so that a
// setupnetworks is a single read-modify-write: the physical NICs, bonds,
// network attachments with their desired configuration and what the
// simulated vdsm reports for them. Version grows with every write and is
// checked inside the writing transaction (optimistic concurrency).
type hostNet struct {
	HostID    string       `json:"host_id"`
	Version   int64        `json:"version"`
	Committed bool         `json:"committed"`
	NICs      []physNIC    `json:"nics"`
	Bonds     []bondDev    `json:"bonds,omitempty"`
	Atts      []attachment `json:"attachments,omitempty"`
}

type physNIC struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	MAC   string `json:"mac"`
	Speed int64  `json:"speed"` // bits/s
	Down  bool   `json:"down,omitempty"`
}

type bondDev struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Options []api.Option `json:"options,omitempty"`
	Slaves  []string     `json:"slaves"` // NIC names
}

// ipCfg is a desired IP configuration, as the client sent it.
type ipCfg struct {
	Proto   string `json:"proto,omitempty"`
	Addr    string `json:"addr,omitempty"`
	Netmask string `json:"netmask,omitempty"` // IPv4 mask or prefix; IPv6 prefix
	Gateway string `json:"gateway,omitempty"`
}

func (c ipCfg) proto() string {
	if c.Proto == "" {
		return netsim.ProtoNone
	}
	return c.Proto
}

// attachment is a network attachment: desired configuration plus the
// reported state of the device carrying the network.
type attachment struct {
	ID         string         `json:"id"`
	NetworkID  string         `json:"network_id"`
	Nic        string         `json:"nic"`                   // base interface: NIC or bond name
	VlanNicID  string         `json:"vlan_nic_id,omitempty"` // id of the VLAN device
	V4         ipCfg          `json:"v4"`
	V6         ipCfg          `json:"v6"`
	DNS        []string       `json:"dns,omitempty"`
	Properties []api.Property `json:"properties,omitempty"`
	LeaseOwner string         `json:"lease_owner,omitempty"`
	Rep        reported       `json:"reported"`
}

// reported is what the simulated vdsm reports for the network's device.
type reported struct {
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

func (r *reported) hasAddress() bool { return r.V4Addr != "" || len(r.V6Addrs) > 0 }

func (h *hostNet) nic(name string) *physNIC {
	for i := range h.NICs {
		if h.NICs[i].Name == name {
			return &h.NICs[i]
		}
	}
	return nil
}

func (h *hostNet) bond(name string) *bondDev {
	for i := range h.Bonds {
		if h.Bonds[i].Name == name {
			return &h.Bonds[i]
		}
	}
	return nil
}

// deviceByRef resolves a NIC or bond by id or name.
func (h *hostNet) deviceByRef(id, name string) string {
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

// deviceID returns the id of a NIC or bond.
func (h *hostNet) deviceID(name string) string {
	if n := h.nic(name); n != nil {
		return n.ID
	}
	if b := h.bond(name); b != nil {
		return b.ID
	}
	return ""
}

// mac returns the MAC of a device: a bond takes its first slave's.
func (h *hostNet) mac(name string) string {
	if n := h.nic(name); n != nil {
		return n.MAC
	}
	if b := h.bond(name); b != nil && len(b.Slaves) > 0 {
		if n := h.nic(b.Slaves[0]); n != nil {
			return n.MAC
		}
	}
	return ""
}

func (h *hostNet) att(id string) *attachment {
	for i := range h.Atts {
		if h.Atts[i].ID == id {
			return &h.Atts[i]
		}
	}
	return nil
}

func (h *hostNet) attByNetwork(netID string) *attachment {
	for i := range h.Atts {
		if h.Atts[i].NetworkID == netID {
			return &h.Atts[i]
		}
	}
	return nil
}

// hostCtx is a host with its network state and its cluster's networks.
type hostCtx struct {
	host   api.Host
	hn     *hostNet
	nets   map[string]*netDoc // cluster networks by id
	byName map[string]*netDoc
	// all holds the networks of the cluster's data center and those the
	// host's attachments use, by id; network finds others.
	all    map[string]*netDoc
	mgmtID string
	// other, set while a change is validated, reads a network by id in
	// the validating transaction.
	other func(id string) *netDoc
}

// network returns any network by id: from all, else through other.
func (hc *hostCtx) network(id string) *netDoc {
	if n := hc.all[id]; n != nil {
		return n
	}
	if hc.other == nil {
		return nil
	}
	n := hc.other(id)
	if n != nil {
		hc.all[id] = n
	}
	return n
}

// loadHostCtx reads a host (404 if missing) and its network context. It
// decodes the networks of the host's data center only (plus any other
// network an attachment uses), so that hosts stay cheap to load however
// many networks other data centers have.
func (e *Engine) loadHostCtx(tx *store.Tx, hostID string) (*hostCtx, error) {
	return e.loadHost(tx, hostID, false)
}

// loadHostView is loadHostCtx for reading the host's NICs and attachments:
// it decodes only the networks attached to the host (nets and byName hold
// those in its cluster), which is all the views need.
func (e *Engine) loadHostView(tx *store.Tx, hostID string) (*hostCtx, error) {
	return e.loadHost(tx, hostID, true)
}

func (e *Engine) loadHost(tx *store.Tx, hostID string, attachedOnly bool) (*hostCtx, error) {
	h, err := getJSON[api.Host](tx, kindHost, hostID)
	if err != nil {
		return nil, err
	}
	hc := &hostCtx{host: h, nets: map[string]*netDoc{}, byName: map[string]*netDoc{}, all: map[string]*netDoc{}}
	hn, err := store.GetJSON[hostNet](tx, kindHostNet, hostID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		hn = hostNet{HostID: hostID}
	case err != nil:
		return nil, err
	}
	hc.hn = &hn
	clusterID := ""
	if h.Cluster != nil {
		clusterID = h.Cluster.ID
	}
	var nets []netDoc
	if clusterID != "" {
		c, err := store.GetJSON[api.Cluster](tx, kindCluster, clusterID)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, err
		default:
			if c.ManagementNetwork != nil {
				hc.mgmtID = c.ManagementNetwork.ID
			}
			if c.DataCenter != nil && !attachedOnly {
				// Networks are stored under their data center.
				if nets, err = store.ListJSON[netDoc](tx, kindNetwork, c.DataCenter.ID); err != nil {
					return nil, err
				}
			}
		}
	}
	for i := range nets {
		n := &nets[i]
		hc.all[n.API.ID] = n
		if slices.Contains(n.Clusters, clusterID) {
			hc.nets[n.API.ID] = n
			hc.byName[n.API.Name] = n
		}
	}
	for i := range hn.Atts {
		id := hn.Atts[i].NetworkID
		if hc.all[id] != nil {
			continue
		}
		n, err := store.GetJSON[netDoc](tx, kindNetwork, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, err
		default:
			hc.all[id] = &n
			if slices.Contains(n.Clusters, clusterID) {
				hc.nets[id] = &n
				hc.byName[n.API.Name] = &n
			}
		}
	}
	return hc, nil
}

// saveHostNet bumps the version and writes the network state.
func saveHostNet(tx *store.Tx, hn *hostNet) error {
	hn.Version++
	return store.PutJSON(tx, kindHostNet, hn.HostID, hn.HostID, "", hn)
}

// simulate computes the reported state of attachment a (whose device must
// exist in hn) with netsim, moving its DHCP leases. Leases are unique per
// network across all hosts.
func simulate(tx *store.Tx, hn *hostNet, nw *netDoc, a *attachment) error {
	if err := releaseLeases(tx, a); err != nil {
		return err
	}
	mac, err := net.ParseMAC(hn.mac(a.Nic))
	if err != nil {
		return err
	}
	v4 := netsim.V4Config{Proto: a.V4.proto()}
	if v4.Proto == netsim.ProtoStatic {
		v4.Addr, _ = rules.ParseIPv4(a.V4.Addr)
		v4.Prefix, _ = rules.IPv4MaskBits(a.V4.Netmask)
		v4.Gateway, _ = rules.ParseIPv4(a.V4.Gateway)
	}
	v6 := netsim.V6Config{Proto: a.V6.proto()}
	if v6.Proto == netsim.ProtoStatic {
		v6.Addr, _ = netip.ParseAddr(a.V6.Addr)
		v6.Prefix, _ = strconv.Atoi(a.V6.Netmask)
		if nw.isDefaultRoute() { // otherwise the engine sends "::"
			v6.Gateway, _ = netip.ParseAddr(a.V6.Gateway)
		}
	}
	sim := nw.netsim()
	leased := func(ad netip.Addr) bool {
		_, err := tx.Get(kindLease, nw.API.ID+"/"+ad.String())
		return err == nil
	}
	r, err := netsim.Simulate(sim, mac, v4, v6, leased)
	if err != nil {
		return badRequest("Cannot setup Networks. Host network configuration failed on network " + nw.API.Name + ": " + err.Error())
	}
	owner := nw.API.ID + "|" + mac.String() + "|" + hn.HostID
	a.LeaseOwner = owner
	lease := func(ad netip.Addr) error {
		return tx.Put(kindLease, nw.API.ID+"/"+ad.String(), owner, "", []byte(`{"host":"`+hn.HostID+`"}`))
	}
	rep := reported{
		V4Proto:      v4.Proto,
		V6Proto:      v6.Proto,
		MTU:          nw.mtu(),
		Bridged:      nw.isVM(),
		VLAN:         nw.vlan(),
		DefaultRoute: nw.isDefaultRoute(),
		DNS:          slices.Clone(a.DNS),
		LinkLocal:    r.LinkLocal.String(),
	}
	if r.IPv4.IsValid() {
		rep.V4Addr, rep.V4Prefix = r.IPv4.Addr().String(), r.IPv4.Bits()
		if v4.Proto == netsim.ProtoDHCP {
			if err := lease(r.IPv4.Addr()); err != nil {
				return err
			}
		}
	}
	if r.IPv4Gateway.IsValid() {
		rep.V4Gateway = r.IPv4Gateway.String()
	}
	for _, p := range r.IPv6 {
		rep.V6Addrs = append(rep.V6Addrs, p.String())
		if (v6.Proto == netsim.ProtoDHCP || v6.Proto == netsim.ProtoPolyDHCPAutoconf) && sim.DHCPv6.Contains(p.Addr()) && p.Bits() == 128 {
			if err := lease(p.Addr()); err != nil {
				return err
			}
		}
	}
	if r.IPv6Gateway.IsValid() {
		rep.V6Gateway = r.IPv6Gateway.String()
	}
	a.Rep = rep
	return nil
}

func releaseLeases(tx *store.Tx, a *attachment) error {
	if a.LeaseOwner == "" {
		return nil
	}
	_, err := tx.DeleteChildren(kindLease, a.LeaseOwner)
	a.LeaseOwner = ""
	return err
}

// engineProto is the engine enum name of a boot protocol, as reported
// configurations show it.
func engineProto(p string) string {
	switch p {
	case "", netsim.ProtoNone:
		return "NONE"
	case netsim.ProtoStatic:
		return "STATIC_IP"
	case netsim.ProtoDHCP:
		return "DHCP"
	case netsim.ProtoAutoconf:
		return "AUTOCONF"
	case netsim.ProtoPolyDHCPAutoconf:
		return "POLY_DHCP_AUTOCONF"
	}
	return strings.ToUpper(p)
}

// dottedMask returns the IPv4 netmask of a prefix length.
func dottedMask(bits int) string {
	if bits < 0 || bits > 32 {
		return ""
	}
	m := net.CIDRMask(bits, 32)
	return net.IP(m).String()
}

// reportedConfigs compares the desired configuration of a with what is
// reported (NetworkInSyncWithVdsNetworkInterface), returning the entries
// and whether everything is in sync.
func reportedConfigs(a *attachment, nw *netDoc) ([]api.ReportedConfiguration, bool) {
	var out []api.ReportedConfiguration
	all := true
	add := func(name, expected, actual string, ok bool) {
		out = append(out, api.ReportedConfiguration{Name: name, ExpectedValue: expected, ActualValue: actual, InSync: api.NewBool(ok)})
		all = all && ok
	}
	r := &a.Rep
	add("mtu", strconv.Itoa(nw.mtu()), strconv.Itoa(r.MTU), nw.mtu() == r.MTU)
	add("bridged", strconv.FormatBool(nw.isVM()), strconv.FormatBool(r.Bridged), nw.isVM() == r.Bridged)
	if nw.vlan() != 0 || r.VLAN != 0 {
		exp, act := "", ""
		if nw.vlan() != 0 {
			exp = strconv.Itoa(nw.vlan())
		}
		if r.VLAN != 0 {
			act = strconv.Itoa(r.VLAN)
		}
		add("vlan", exp, act, nw.vlan() == r.VLAN)
	}
	want4, got4 := engineProto(a.V4.Proto), engineProto(r.V4Proto)
	add("ipv4_boot_protocol", want4, got4, want4 == got4)
	if want4 == "STATIC_IP" && got4 == "STATIC_IP" {
		add("ipv4_address", a.V4.Addr, r.V4Addr, sameAddr(a.V4.Addr, r.V4Addr))
		wantBits, _ := rules.IPv4MaskBits(a.V4.Netmask)
		add("ipv4_netmask", dottedMask(wantBits), dottedMask(r.V4Prefix), wantBits == r.V4Prefix)
		add("ipv4_gateway", a.V4.Gateway, r.V4Gateway, sameAddr(a.V4.Gateway, r.V4Gateway))
	}
	want6, got6 := engineProto(a.V6.Proto), engineProto(r.V6Proto)
	add("ipv6_boot_protocol", want6, got6, want6 == got6)
	if want6 == "STATIC_IP" && got6 == "STATIC_IP" {
		addr, prefix := "", ""
		if len(r.V6Addrs) > 0 {
			if p, err := netip.ParsePrefix(r.V6Addrs[0]); err == nil {
				addr, prefix = p.Addr().String(), strconv.Itoa(p.Bits())
			}
		}
		add("ipv6_address", a.V6.Addr, addr, sameAddr(a.V6.Addr, addr))
		add("ipv6_prefix", a.V6.Netmask, prefix, a.V6.Netmask == prefix)
		if nw.isDefaultRoute() {
			add("ipv6_gateway", a.V6.Gateway, r.V6Gateway, sameAddr(a.V6.Gateway, r.V6Gateway))
		}
	}
	add("default_route", strconv.FormatBool(nw.isDefaultRoute()), strconv.FormatBool(r.DefaultRoute), nw.isDefaultRoute() == r.DefaultRoute)
	if len(a.DNS) > 0 || len(r.DNS) > 0 {
		exp, act := strings.Join(a.DNS, ","), strings.Join(r.DNS, ",")
		ok := len(a.DNS) == len(r.DNS)
		for i := 0; ok && i < len(a.DNS); i++ {
			ok = sameAddr(a.DNS[i], r.DNS[i])
		}
		add("dns_configuration", exp, act, ok)
	}
	return out, all
}

// inSync reports whether attachment a matches what is reported.
func inSync(a *attachment, nw *netDoc) bool {
	_, ok := reportedConfigs(a, nw)
	return ok
}

// natLess orders interface names naturally (eth2 < eth10, eth0 < eth0.100).
func natLess(a, b string) int {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:da])
			nb, _ := strconv.Atoi(b[:db])
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			if a[0] < b[0] {
				return -1
			}
			return 1
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
