package embedded

import (
	"errors"
	"net"
	"net/netip"
	"slices"
	"strconv"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// hostCtx is a host with its network state and its cluster's networks.
type hostCtx struct {
	host   ovirt.Host
	hn     *netplan.HostNet
	nets   map[string]*netplan.Network // cluster networks by id
	byName map[string]*netplan.Network
	// all holds the networks of the cluster's data center and those the
	// host's attachments use, by id; network finds others.
	all    map[string]*netplan.Network
	mgmtID string
	// other, set while a change is validated, reads a network by id in
	// the validating transaction.
	other func(id string) *netplan.Network
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
	h, err := getJSON[ovirt.Host](tx, kindHost, hostID)
	if err != nil {
		return nil, err
	}
	hc := &hostCtx{host: h, nets: map[string]*netplan.Network{}, byName: map[string]*netplan.Network{}, all: map[string]*netplan.Network{}}
	hn, err := store.GetJSON[netplan.HostNet](tx, kindHostNet, hostID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		hn = netplan.HostNet{HostID: hostID}
	case err != nil:
		return nil, err
	}
	hc.hn = &hn
	clusterID := ""
	if h.Cluster != nil {
		clusterID = h.Cluster.ID
	}
	var nets []netplan.Network
	if clusterID != "" {
		c, err := store.GetJSON[ovirt.Cluster](tx, kindCluster, clusterID)
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
				if nets, err = store.ListJSON[netplan.Network](tx, kindNetwork, c.DataCenter.ID); err != nil {
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
		n, err := store.GetJSON[netplan.Network](tx, kindNetwork, id)
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
func saveHostNet(tx *store.Tx, hn *netplan.HostNet) error {
	hn.Version++
	return store.PutJSON(tx, kindHostNet, hn.HostID, hn.HostID, "", hn)
}

// simulate computes the reported state of attachment a (whose device must
// exist in hn) with netsim, moving its DHCP leases. Leases are unique per
// network across all hosts.
func simulate(tx *store.Tx, hn *netplan.HostNet, nw *netplan.Network, a *netplan.Attachment) error {
	if err := releaseLeases(tx, a); err != nil {
		return err
	}
	mac, err := net.ParseMAC(hn.MAC(a.Nic))
	if err != nil {
		return err
	}
	v4 := netsim.V4Config{Proto: a.V4.BootProto()}
	if v4.Proto == netsim.ProtoStatic {
		v4.Addr, _ = rules.ParseIPv4(a.V4.Addr)
		v4.Prefix, _ = rules.IPv4MaskBits(a.V4.Netmask)
		v4.Gateway, _ = rules.ParseIPv4(a.V4.Gateway)
	}
	v6 := netsim.V6Config{Proto: a.V6.BootProto()}
	if v6.Proto == netsim.ProtoStatic {
		v6.Addr, _ = netip.ParseAddr(a.V6.Addr)
		v6.Prefix, _ = strconv.Atoi(a.V6.Netmask)
		if nw.IsDefaultRoute() { // otherwise the engine sends "::"
			v6.Gateway, _ = netip.ParseAddr(a.V6.Gateway)
		}
	}
	sim := nw.Netsim()
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
	rep := netplan.Reported{
		V4Proto:      v4.Proto,
		V6Proto:      v6.Proto,
		MTU:          nw.MTU(),
		Bridged:      nw.IsVM(),
		VLAN:         nw.VLAN(),
		DefaultRoute: nw.IsDefaultRoute(),
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

func releaseLeases(tx *store.Tx, a *netplan.Attachment) error {
	if a.LeaseOwner == "" {
		return nil
	}
	_, err := tx.DeleteChildren(kindLease, a.LeaseOwner)
	a.LeaseOwner = ""
	return err
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
