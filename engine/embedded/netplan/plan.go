package netplan

import (
	"slices"
	"strconv"
	"strings"

	"v6admin/engine/embedded/netsim"
	"v6admin/engine/ovirt"
)

// CannotSetup starts the engine's setupnetworks refusals.
const CannotSetup = "Cannot setup Networks. "

const cannotSetup = CannotSetup

// Mode is how a request is checked.
type Mode int

const (
	ModeSetup   Mode = iota // setupnetworks
	ModeAdd                 // POST networkattachments: the network must not be attached yet
	ModeUpdate              // PUT networkattachments/{id}
	ModeSyncAll             // syncallnetworks: every attachment out of sync is synchronized
)

// Request is one host network change.
type Request struct {
	Action *ovirt.Action // modified/removed bonds and attachments, synchronized attachments
	Mode   Mode
}

// Host is the planner's input: a host's current network state and the
// logical networks it may name.
type Host struct {
	Name string   // for the engine's messages
	Net  *HostNet // current state; Make does not change it
	// Cluster and ByName hold the networks of the host's cluster, by id
	// and by name.
	Cluster map[string]*Network
	ByName  map[string]*Network
	// All holds the networks of the cluster's data center and those the
	// host's attachments use, by id; Lookup (may be nil) finds others,
	// which are then added to All.
	All    map[string]*Network
	Lookup func(id string) *Network
	// NewID makes the id of a new bond or attachment.
	NewID func() string
}

// network returns any network by id: from All, else through Lookup.
func (h *Host) network(id string) *Network {
	if n := h.All[id]; n != nil {
		return n
	}
	if h.Lookup == nil {
		return nil
	}
	n := h.Lookup(id)
	if n != nil {
		h.All[id] = n
	}
	return n
}

// Plan is a validated change: the new state of the host's networks.
type Plan struct {
	Net     *HostNet
	Dirty   map[string]bool // attachments to (re)simulate, by id
	Removed []Attachment    // removed attachments (their leases go)
	NewIDs  []string        // ids of new attachments, in request order
	Synced  []string        // names of synchronized networks
}

// planner holds a change being planned, step by step.
type planner struct {
	h   *Host
	req Request
	hn  *HostNet // the new state, a copy of h.Net
	p   *Plan

	mods         []ovirt.NetworkAttachment // modified attachments, as sent
	parsed       []parsedAssign            // their IP configurations, mapped
	removedBonds []string
	changedBonds map[string]bool
	touched      []modified
}

// modified is an attachment the request modifies, with its IP
// configuration as mapped.
type modified struct {
	att string
	p   parsedAssign
	dns []string
}

// Make validates req against the host's current state and computes the
// new state, in the real engine's order: the REST mapping layer, then
// the bonds and attachments removed and modified, the synchronized
// attachments, their IP configuration and the resulting topology. It
// returns a *Refusal when the engine would refuse the change; h.Net is
// not changed either way.
func Make(h *Host, req Request) (*Plan, error) {
	hn := h.Net.Clone()
	pl := &planner{h: h, req: req, hn: hn, p: &Plan{Net: hn, Dirty: map[string]bool{}}, changedBonds: map[string]bool{}}
	for _, step := range []func() error{
		pl.mapREST,
		pl.removeBonds,
		pl.modifyBonds,
		pl.removeAttachments,
		pl.modifyAttachments,
		pl.synchronize,
		pl.validateIPConfiguration,
		pl.validateTopology,
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return pl.p, nil
}

func (pl *planner) netName(id string) string {
	if n := pl.h.All[id]; n != nil {
		return n.API.Name
	}
	return id
}

// mapREST is the step "REST mapping layer".
func (pl *planner) mapREST() error {
	act := pl.req.Action
	pl.mods = attachmentsOf(act.ModifiedNetworkAttachments)
	pl.parsed = make([]parsedAssign, len(pl.mods))
	for i := range pl.mods {
		var err error
		if pl.parsed[i], err = mapAssignments(&pl.mods[i]); err != nil {
			return err
		}
	}
	return nil
}

// removeBonds is the step "Removed bonds".
func (pl *planner) removeBonds() error {
	hn, act := pl.hn, pl.req.Action
	for _, rb := range nicsOf(act.RemovedBonds) {
		name := hn.DeviceByRef(rb.ID, rb.Name)
		if name == "" || hn.Bond(name) == nil {
			if name != "" {
				return badRequest(cannotSetup + "Interface " + name + " is not a bond.")
			}
			return nicMissing(rb.ID, rb.Name)
		}
		hn.Bonds = slices.DeleteFunc(hn.Bonds, func(b Bond) bool { return b.Name == name })
		pl.removedBonds = append(pl.removedBonds, name)
	}
	return nil
}

// modifyBonds is the step "Modified bonds".
func (pl *planner) modifyBonds() error {
	hn, act := pl.hn, pl.req.Action
	for _, mb := range nicsOf(act.ModifiedBonds) {
		name := hn.DeviceByRef(mb.ID, mb.Name)
		if name != "" && hn.Bond(name) == nil {
			return badRequest(cannotSetup + "Interface " + name + " is not a bond.")
		}
		isNew := name == ""
		if isNew {
			if mb.ID != "" && mb.Name == "" {
				return nicMissing(mb.ID, "")
			}
			name = strings.TrimSpace(mb.Name)
			if !bondName.MatchString(name) {
				return badRequest(cannotSetup + "Bond name '" + name + "' is invalid: a bond name is 'bond' followed by a number, such as bond1.")
			}
			hn.Bonds = append(hn.Bonds, Bond{ID: pl.h.NewID(), Name: name, Options: []ovirt.Option{{Name: "mode", Value: "4"}, {Name: "miimon", Value: "100"}}})
		}
		b := hn.Bond(name)
		if mb.Bonding != nil && mb.Bonding.Options != nil && len(mb.Bonding.Options.Option) > 0 {
			opts := make([]ovirt.Option, 0, len(mb.Bonding.Options.Option))
			for _, o := range mb.Bonding.Options.Option {
				if o.Name == "mode" {
					if n, err := strconv.Atoi(o.Value); err != nil || n < 0 || n > 6 {
						return badRequest(cannotSetup + "Bonding mode '" + o.Value + "' of bond " + name + " is invalid: use 0 to 6.")
					}
				}
				opts = append(opts, ovirt.Option{Name: o.Name, Value: o.Value})
			}
			b.Options = opts
		}
		if mb.Bonding != nil && mb.Bonding.Slaves != nil {
			var slaves []string
			for _, s := range mb.Bonding.Slaves.HostNic {
				sn := hn.DeviceByRef(s.ID, s.Name)
				if sn == "" || hn.NIC(sn) == nil {
					if sn != "" {
						return badRequest(cannotSetup + "Bond " + name + " cannot enslave " + sn + ", which is not a physical interface.")
					}
					return nicMissing(s.ID, s.Name)
				}
				if !slices.Contains(slaves, sn) {
					slaves = append(slaves, sn)
				}
			}
			b.Slaves = slaves
		}
		pl.changedBonds[name] = true
	}
	return nil
}

// removeAttachments is the step "Removed attachments".
func (pl *planner) removeAttachments() error {
	h, hn, p, act := pl.h, pl.hn, pl.p, pl.req.Action
	for _, ra := range attachmentsOf(act.RemovedNetworkAttachments) {
		a, err := resolveAttachment(h, hn, ra)
		if err != nil {
			return err
		}
		if a == nil {
			if ra.ID != "" {
				return badRequest(cannotSetup + "Network attachment '" + ra.ID + "' does not exist on host " + h.Name + ".")
			}
			return badRequest(cannotSetup + "The network is not attached to host " + h.Name + ".")
		}
		p.Removed = append(p.Removed, *a)
		id := a.ID
		hn.Atts = slices.DeleteFunc(hn.Atts, func(x Attachment) bool { return x.ID == id })
	}
	return nil
}

// modifyAttachments is the step "Modified attachments".
func (pl *planner) modifyAttachments() error {
	h, hn, p := pl.h, pl.hn, pl.p
	seen := map[string]string{} // network id -> interface, within this request
	for i, ma := range pl.mods {
		var a *Attachment
		if ma.ID != "" {
			a = hn.Att(ma.ID)
			if a == nil {
				if pl.req.Mode == ModeUpdate {
					return errNotFound
				}
				return badRequest(cannotSetup + "Network attachment '" + ma.ID + "' does not exist on host " + h.Name + ".")
			}
			if n, err := resolveNetwork(h, ma.Network); err != nil {
				return err
			} else if n != nil && n.API.ID != a.NetworkID {
				return badRequest(cannotSetup + "Cannot change the network of existing network attachment '" + a.ID + "' (network " + pl.netName(a.NetworkID) + ").")
			}
		} else {
			n, err := resolveNetwork(h, ma.Network)
			if err != nil {
				return err
			}
			if n == nil {
				return badRequest(cannotSetup + "A new network attachment must name its network (network.id or network.name).")
			}
			a = hn.AttByNetwork(n.API.ID)
			if a != nil && pl.req.Mode == ModeAdd {
				return conflict(cannotSetup + "Network " + n.API.Name + " is already attached to interface " + a.Nic + " of host " + h.Name + ".")
			}
			if a == nil {
				hn.Atts = append(hn.Atts, Attachment{ID: pl.h.NewID(), NetworkID: n.API.ID, V4: IPConfig{Proto: "none"}, V6: IPConfig{Proto: "none"}})
				a = &hn.Atts[len(hn.Atts)-1]
				p.NewIDs = append(p.NewIDs, a.ID)
			}
		}
		if ma.HostNic != nil && (ma.HostNic.ID != "" || ma.HostNic.Name != "") {
			dev := hn.DeviceByRef(ma.HostNic.ID, ma.HostNic.Name)
			if dev == "" {
				return nicMissing(ma.HostNic.ID, ma.HostNic.Name)
			}
			a.Nic = dev
		} else if a.Nic == "" {
			return badRequest(cannotSetup + "The attachment of network " + pl.netName(a.NetworkID) + " must name a host interface (host_nic.id or host_nic.name).")
		}
		if prev, dup := seen[a.NetworkID]; dup {
			return conflict(cannotSetup + "Network " + pl.netName(a.NetworkID) + " is already attached to interface " + prev + "; a network can be attached to one interface of a host only.")
		}
		seen[a.NetworkID] = a.Nic
		pa := pl.parsed[i]
		if pa.given && !pa.empty {
			a.V4, a.V6 = IPConfig{Proto: "none"}, IPConfig{Proto: "none"}
			if pa.v4 != nil {
				a.V4 = *pa.v4
			}
			if pa.v6 != nil {
				a.V6 = *pa.v6
			}
		}
		var dns []string
		if ma.DnsResolverConfiguration != nil {
			if ma.DnsResolverConfiguration.NameServers != nil {
				for _, s := range ma.DnsResolverConfiguration.NameServers.NameServer {
					dns = append(dns, strings.TrimSpace(s))
				}
			}
			a.DNS = dns
		}
		if ma.Properties != nil {
			a.Properties = slices.Clone(ma.Properties.Property)
		}
		p.Dirty[a.ID] = true
		pl.touched = append(pl.touched, modified{att: a.ID, p: pa, dns: dns})
	}
	return nil
}

// synchronize is the step "Synchronized attachments" (an unknown one is
// 404, as the REST layer answers).
func (pl *planner) synchronize() error {
	h, hn, p, act := pl.h, pl.hn, pl.p, pl.req.Action
	for _, sa := range attachmentsOf(act.SynchronizedNetworkAttachments) {
		a, err := resolveAttachment(h, hn, sa)
		if err != nil {
			return err
		}
		if a == nil {
			return errNotFound
		}
		p.Dirty[a.ID] = true
		p.Synced = append(p.Synced, pl.netName(a.NetworkID))
	}
	if pl.req.Mode == ModeSyncAll {
		for i := range hn.Atts {
			a := &hn.Atts[i]
			if n := h.All[a.NetworkID]; n != nil && !InSync(a, n) {
				p.Dirty[a.ID] = true
				p.Synced = append(p.Synced, n.API.Name)
			}
		}
	}
	return nil
}

// validateIPConfiguration is the step "IP configuration of the touched
// attachments": formats (bean validation), then the backend validator,
// then the role rule.
func (pl *planner) validateIPConfiguration() error {
	h, hn := pl.h, pl.hn
	for _, m := range pl.touched {
		if err := checkIPFormats(m.p, m.dns); err != nil {
			return err
		}
	}
	for _, m := range pl.touched {
		a := hn.Att(m.att)
		nw := h.All[a.NetworkID]
		if nw == nil {
			return badRequest(cannotSetup + "Network having id '" + a.NetworkID + "' does not exist.")
		}
		if err := checkIPConfig(m.p, nw, a.Nic); err != nil {
			return err
		}
		if nw.IsRole() && a.V4.BootProto() == netsim.ProtoNone && a.V6.BootProto() == netsim.ProtoNone {
			return badRequest(cannotSetup + "Role (display/migration/gluster) network '" + nw.API.Name + "' has no boot protocol assigned.")
		}
	}
	return nil
}

// validateTopology is the step "The resulting topology".
func (pl *planner) validateTopology() error {
	h, hn, p := pl.h, pl.hn, pl.p
	slaveOwner := map[string]string{}
	for _, b := range hn.Bonds {
		if len(b.Slaves) < 2 {
			return badRequest(cannotSetup + "Bond " + b.Name + " must have at least two slaves.")
		}
		for _, s := range b.Slaves {
			if other, ok := slaveOwner[s]; ok {
				return conflict(cannotSetup + "Interface " + s + " is already a slave of bond " + other + ".")
			}
			slaveOwner[s] = b.Name
		}
	}
	byDev := map[string][]*Attachment{}
	for i := range hn.Atts {
		a := &hn.Atts[i]
		if hn.NIC(a.Nic) == nil && hn.Bond(a.Nic) == nil {
			if slices.Contains(pl.removedBonds, a.Nic) {
				return conflict(cannotSetup + "Bond " + a.Nic + " cannot be removed: network " + pl.netName(a.NetworkID) + " is attached to it.")
			}
			return nicMissing("", a.Nic)
		}
		if b, ok := slaveOwner[a.Nic]; ok {
			if pl.changedBonds[b] && !p.Dirty[a.ID] {
				return conflict(cannotSetup + "Interface " + a.Nic + " cannot be enslaved to bond " + b + ": network " + pl.netName(a.NetworkID) + " is attached to it.")
			}
			return conflict(cannotSetup + "Network " + pl.netName(a.NetworkID) + " cannot be attached to interface " + a.Nic + ", which is a slave of bond " + b + ".")
		}
		if pl.changedBonds[a.Nic] {
			p.Dirty[a.ID] = true // the bond's MAC may have changed
		}
		byDev[a.Nic] = append(byDev[a.Nic], a)
	}
	for dev, atts := range byDev {
		var plain []string
		vlans := map[int]string{}
		for _, a := range atts {
			nw := h.All[a.NetworkID]
			if nw == nil {
				continue
			}
			if v := nw.VLAN(); v != 0 {
				if other, dup := vlans[v]; dup {
					return badRequest(cannotSetup + "Networks " + other + " and " + nw.API.Name + " on interface " + dev + " have the same VLAN id " + strconv.Itoa(v) + ".")
				}
				vlans[v] = nw.API.Name
				continue
			}
			plain = append(plain, nw.API.Name)
		}
		if len(plain) > 1 {
			slices.Sort(plain)
			return badRequest(cannotSetup + "Only one non-VLAN network can be attached to an interface; interface " + dev + " would carry " + strings.Join(plain, ", ") + ".")
		}
	}
	return nil
}
