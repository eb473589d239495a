package embedded

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"v6admin/engine/api"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
)

const cannotSetup = "Cannot setup Networks. "

// maxConnectivityTimeout caps connectivity_timeout (seconds) at the
// engine's Integer range.
const maxConnectivityTimeout = math.MaxInt32

// msgInProgress is the engine's text when the host's network lock is taken
// (ACTION_TYPE_FAILED_SETUP_NETWORKS_OR_REFRESH_IN_PROGRESS), HTTP 409.
const msgInProgress = cannotSetup + "Another Setup Networks or Host Refresh process in progress on the host. Please try later."

// change modes
const (
	modeSetup  = iota // setupnetworks
	modeAdd           // POST networkattachments: the network must not be attached yet
	modeUpdate        // PUT networkattachments/{id}
	modeSyncAll
)

// netChange is one host network change request.
type netChange struct {
	act               *api.Action
	mode              int
	checkConnectivity bool
	connTimeout       time.Duration // connectivity_timeout; zero: Config.ConnectivityTimeout
	commit            bool
}

// netPlan is a validated change: the new state of the host's networks.
type netPlan struct {
	hn      *hostNet
	dirty   map[string]bool // attachments to (re)simulate
	removed []attachment
	newIDs  []string
	synced  []string // names of synchronized networks
}

// parsedAssign is an attachment's ip_address_assignments after the REST
// mapping layer (NetworkAttachmentMapper).
type parsedAssign struct {
	given  bool // ip_address_assignments present
	empty  bool // present with no entry
	v4, v6 *ipCfg
}

func attachmentsOf(l *api.NetworkAttachments) []api.NetworkAttachment {
	if l == nil {
		return nil
	}
	return l.NetworkAttachment
}

func nicsOf(l *api.HostNics) []api.HostNic {
	if l == nil {
		return nil
	}
	return l.HostNic
}

func validProto(p api.BootProtocol) bool {
	switch p {
	case api.BootProtocolNone, api.BootProtocolDHCP, api.BootProtocolStatic, api.BootProtocolAutoconf, api.BootProtocolPolyDHCPAutoconf:
		return true
	}
	return false
}

// mapAssignments applies the REST layer's checks: enum values, IPv4
// autoconf, integer IPv6 prefix; a missing ip.version is v6 when the
// address contains ':', else v4.
func mapAssignments(a *api.NetworkAttachment) (parsedAssign, error) {
	var p parsedAssign
	if a.IpAddressAssignments == nil {
		return p, nil
	}
	p.given = true
	list := a.IpAddressAssignments.IpAddressAssignment
	p.empty = len(list) == 0
	for _, as := range list {
		m := as.AssignmentMethod
		if m != "" && !validProto(m) {
			return p, badEnum(string(m), "BootProtocol")
		}
		ip := api.Ip{}
		if as.Ip != nil {
			ip = *as.Ip
		}
		ver := ip.Version
		switch ver {
		case "", api.IpVersionV4, api.IpVersionV6:
		default:
			return p, badEnum(string(ver), "IpVersion")
		}
		if ver == "" {
			ver = api.IpVersionV4
			if strings.Contains(ip.Address, ":") {
				ver = api.IpVersionV6
			}
		}
		cfg := &ipCfg{Proto: string(m), Addr: strings.TrimSpace(ip.Address), Netmask: strings.TrimSpace(ip.Netmask), Gateway: strings.TrimSpace(ip.Gateway)}
		if ver == api.IpVersionV4 {
			if m == api.BootProtocolAutoconf || m == api.BootProtocolPolyDHCPAutoconf {
				return p, invalidValue("Boot protocol = '" + strings.ToUpper(string(m)) + "' is not applicable for IPv4.")
			}
			if p.v4 != nil {
				return p, badRequest("Only one IPv4 address is supported for a network attachment.")
			}
			p.v4 = cfg
			continue
		}
		if cfg.Netmask != "" {
			if _, err := strconv.Atoi(cfg.Netmask); err != nil {
				return p, invalidValue("IPv6 prefix has to be integer number. '" + ip.Netmask + "' is not a valid value")
			}
		}
		if p.v6 != nil {
			return p, badRequest("Only one IPv6 address is supported for a network attachment.")
		}
		p.v6 = cfg
	}
	return p, nil
}

// protoDisplay is the engine's display name of a boot protocol (used in
// the Incompatible... message).
func protoDisplay(p string) string {
	if p == netsim.ProtoPolyDHCPAutoconf {
		return "poly dhcp autoconf"
	}
	return p
}

// engineIPv6 is @Ipv6: IPV6_PATTERN (hex groups only, no embedded IPv4,
// no zone) and @Size(max 45).
func engineIPv6(s string) bool { return len(s) <= 45 && rules.IsValidIPv6(s) }

// engineIPv4 is @Ipv4: IPV4_PATTERN (leading zeros allowed).
func engineIPv4(s string) bool { return rules.IsValidIPv4(s) }

// checkIPFormats is the bean validation of the IP configuration.
func checkIPFormats(p parsedAssign, dns []string) error {
	if c := p.v4; c != nil {
		if c.Addr != "" && !engineIPv4(c.Addr) {
			return badRequest("Bad format of IP address")
		}
		if c.Netmask != "" {
			if _, ok := rules.IPv4MaskBits(c.Netmask); !ok {
				return badRequest("Bad format of subnet mask")
			}
		}
		if c.Gateway != "" && !engineIPv4(c.Gateway) {
			return badRequest("Bad format of IPv4 gateway address")
		}
	}
	if c := p.v6; c != nil {
		if c.Addr != "" && !engineIPv6(c.Addr) {
			return badRequest("Bad format of an IPv6 address.")
		}
		if c.Gateway != "" && !engineIPv6(c.Gateway) {
			return badRequest("Bad format of an IPv6 address.")
		}
		if c.Netmask != "" {
			if n, _ := strconv.Atoi(c.Netmask); n < 0 || n > 128 {
				return badRequest("IPv6 prefix must be between 0 and 128.")
			}
		}
	}
	for _, s := range dns {
		if !engineIPv4(s) && !engineIPv6(s) {
			return badRequest("Bad format of a name server address: '" + s + "' is neither an IPv4 nor an IPv6 address.")
		}
	}
	return nil
}

// checkIPConfig is NetworkAttachmentIpConfigurationValidator.
func checkIPConfig(p parsedAssign, nw *netDoc, iface string) error {
	netName := nw.API.Name
	where := "Network attachment for Network " + netName + ", Interface " + iface
	if p.empty {
		return badRequest("Network attachment of Network " + netName + ", Interface " + iface + " is missing ip configuration details.")
	}
	missing := func() error {
		return badRequest("Insufficient ip configuration details of " + where + ". Boot protocol is missing.")
	}
	insufficient := func() error {
		return badRequest("Insufficient ip configuration of " + where + ". Must define ip address and netmask when boot protocol is static.")
	}
	incompatible := func(proto string) error {
		return badRequest("Incompatible ip configuration of " + where + ". Can't determine the ip address, netmask or gateway when boot protocol is set to " + protoDisplay(proto) + ".")
	}
	if c := p.v4; c != nil {
		switch {
		case c.Proto == "":
			return missing()
		case c.Proto == netsim.ProtoStatic:
			if c.Addr == "" || c.Netmask == "" {
				return insufficient()
			}
		case c.Addr != "" || c.Netmask != "" || c.Gateway != "":
			return incompatible(c.Proto)
		}
	}
	if c := p.v6; c != nil {
		switch {
		case c.Proto == "":
			return missing()
		case c.Proto == netsim.ProtoStatic:
			if c.Addr == "" || c.Netmask == "" {
				return insufficient()
			}
			if c.Gateway != "" && !isUnspecified(c.Gateway) && !nw.isDefaultRoute() {
				return badRequest("Bad IPv6 configuration for Network attachment of Network " + netName + ". IPv6 gateway can only be set on a network which holds the default route role.")
			}
		case c.Addr != "" || c.Netmask != "" || c.Gateway != "":
			return incompatible(c.Proto)
		}
	}
	return nil
}

func isUnspecified(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.IsUnspecified()
}

var bondName = regexp.MustCompile(`^bond[0-9]{1,5}$`)

// resolveNetwork finds a cluster network by id or name.
func resolveNetwork(hc *hostCtx, ref *api.Network) (*netDoc, error) {
	if ref == nil || (ref.ID == "" && ref.Name == "") {
		return nil, nil
	}
	if ref.ID != "" {
		if n := hc.nets[ref.ID]; n != nil {
			return n, nil
		}
		if n := hc.network(ref.ID); n != nil {
			return nil, badRequest(cannotSetup + "Network '" + n.API.Name + "' is not assigned to the cluster of host " + hc.host.Name + ".")
		}
		return nil, badRequest(cannotSetup + "Network having id '" + ref.ID + "' does not exist.")
	}
	if n := hc.byName[ref.Name]; n != nil {
		return n, nil
	}
	return nil, badRequest(cannotSetup + "Network having name '" + ref.Name + "' does not exist in the cluster of host " + hc.host.Name + ".")
}

func nicMissing(id, name string) error {
	if id != "" {
		return badRequest(cannotSetup + "Host network interface having id '" + id + "' does not exist.")
	}
	return badRequest(cannotSetup + "Host network interface having name '" + name + "' does not exist.")
}

// resolveAttachment finds an attachment by id, else by its network.
func resolveAttachment(hc *hostCtx, hn *hostNet, ref api.NetworkAttachment) (*attachment, error) {
	if ref.ID != "" {
		return hn.att(ref.ID), nil
	}
	n, err := resolveNetwork(hc, ref.Network)
	if err != nil || n == nil {
		return nil, err
	}
	return hn.attByNetwork(n.API.ID), nil
}

// planNetworks validates a change against the host's current state and
// computes the new state. Nothing is written.
func planNetworks(hc *hostCtx, ch *netChange) (*netPlan, error) {
	act := ch.act
	hn := clone(hc.hn)
	p := &netPlan{hn: hn, dirty: map[string]bool{}}
	netName := func(id string) string {
		if n := hc.all[id]; n != nil {
			return n.API.Name
		}
		return id
	}

	// 1. REST mapping layer.
	mods := attachmentsOf(act.ModifiedNetworkAttachments)
	parsed := make([]parsedAssign, len(mods))
	for i := range mods {
		var err error
		if parsed[i], err = mapAssignments(&mods[i]); err != nil {
			return nil, err
		}
	}

	// 2. Removed bonds.
	var removedBonds []string
	for _, rb := range nicsOf(act.RemovedBonds) {
		name := hn.deviceByRef(rb.ID, rb.Name)
		if name == "" || hn.bond(name) == nil {
			if name != "" {
				return nil, badRequest(cannotSetup + "Interface " + name + " is not a bond.")
			}
			return nil, nicMissing(rb.ID, rb.Name)
		}
		hn.Bonds = slices.DeleteFunc(hn.Bonds, func(b bondDev) bool { return b.Name == name })
		removedBonds = append(removedBonds, name)
	}

	// 3. Modified bonds.
	changedBonds := map[string]bool{}
	for _, mb := range nicsOf(act.ModifiedBonds) {
		name := hn.deviceByRef(mb.ID, mb.Name)
		if name != "" && hn.bond(name) == nil {
			return nil, badRequest(cannotSetup + "Interface " + name + " is not a bond.")
		}
		isNew := name == ""
		if isNew {
			if mb.ID != "" && mb.Name == "" {
				return nil, nicMissing(mb.ID, "")
			}
			name = strings.TrimSpace(mb.Name)
			if !bondName.MatchString(name) {
				return nil, badRequest(cannotSetup + "Bond name '" + name + "' is invalid: a bond name is 'bond' followed by a number, such as bond1.")
			}
			hn.Bonds = append(hn.Bonds, bondDev{ID: newID(), Name: name, Options: []api.Option{{Name: "mode", Value: "4"}, {Name: "miimon", Value: "100"}}})
		}
		b := hn.bond(name)
		if mb.Bonding != nil && mb.Bonding.Options != nil && len(mb.Bonding.Options.Option) > 0 {
			opts := make([]api.Option, 0, len(mb.Bonding.Options.Option))
			for _, o := range mb.Bonding.Options.Option {
				if o.Name == "mode" {
					if n, err := strconv.Atoi(o.Value); err != nil || n < 0 || n > 6 {
						return nil, badRequest(cannotSetup + "Bonding mode '" + o.Value + "' of bond " + name + " is invalid: use 0 to 6.")
					}
				}
				opts = append(opts, api.Option{Name: o.Name, Value: o.Value})
			}
			b.Options = opts
		}
		if mb.Bonding != nil && mb.Bonding.Slaves != nil {
			var slaves []string
			for _, s := range mb.Bonding.Slaves.HostNic {
				sn := hn.deviceByRef(s.ID, s.Name)
				if sn == "" || hn.nic(sn) == nil {
					if sn != "" {
						return nil, badRequest(cannotSetup + "Bond " + name + " cannot enslave " + sn + ", which is not a physical interface.")
					}
					return nil, nicMissing(s.ID, s.Name)
				}
				if !slices.Contains(slaves, sn) {
					slaves = append(slaves, sn)
				}
			}
			b.Slaves = slaves
		}
		changedBonds[name] = true
	}

	// 4. Removed attachments.
	for _, ra := range attachmentsOf(act.RemovedNetworkAttachments) {
		a, err := resolveAttachment(hc, hn, ra)
		if err != nil {
			return nil, err
		}
		if a == nil {
			if ra.ID != "" {
				return nil, badRequest(cannotSetup + "Network attachment '" + ra.ID + "' does not exist on host " + hc.host.Name + ".")
			}
			return nil, badRequest(cannotSetup + "The network is not attached to host " + hc.host.Name + ".")
		}
		p.removed = append(p.removed, *a)
		id := a.ID
		hn.Atts = slices.DeleteFunc(hn.Atts, func(x attachment) bool { return x.ID == id })
	}

	// 5. Modified attachments.
	type modified struct {
		att string
		p   parsedAssign
		dns []string
	}
	var touched []modified
	seen := map[string]string{} // network id -> interface, within this request
	for i, ma := range mods {
		var a *attachment
		if ma.ID != "" {
			a = hn.att(ma.ID)
			if a == nil {
				if ch.mode == modeUpdate {
					return nil, errNotFound
				}
				return nil, badRequest(cannotSetup + "Network attachment '" + ma.ID + "' does not exist on host " + hc.host.Name + ".")
			}
			if n, err := resolveNetwork(hc, ma.Network); err != nil {
				return nil, err
			} else if n != nil && n.API.ID != a.NetworkID {
				return nil, badRequest(cannotSetup + "Cannot change the network of existing network attachment '" + a.ID + "' (network " + netName(a.NetworkID) + ").")
			}
		} else {
			n, err := resolveNetwork(hc, ma.Network)
			if err != nil {
				return nil, err
			}
			if n == nil {
				return nil, badRequest(cannotSetup + "A new network attachment must name its network (network.id or network.name).")
			}
			a = hn.attByNetwork(n.API.ID)
			if a != nil && ch.mode == modeAdd {
				return nil, conflict(cannotSetup + "Network " + n.API.Name + " is already attached to interface " + a.Nic + " of host " + hc.host.Name + ".")
			}
			if a == nil {
				hn.Atts = append(hn.Atts, attachment{ID: newID(), NetworkID: n.API.ID, V4: ipCfg{Proto: "none"}, V6: ipCfg{Proto: "none"}})
				a = &hn.Atts[len(hn.Atts)-1]
				p.newIDs = append(p.newIDs, a.ID)
			}
		}
		if ma.HostNic != nil && (ma.HostNic.ID != "" || ma.HostNic.Name != "") {
			dev := hn.deviceByRef(ma.HostNic.ID, ma.HostNic.Name)
			if dev == "" {
				return nil, nicMissing(ma.HostNic.ID, ma.HostNic.Name)
			}
			a.Nic = dev
		} else if a.Nic == "" {
			return nil, badRequest(cannotSetup + "The attachment of network " + netName(a.NetworkID) + " must name a host interface (host_nic.id or host_nic.name).")
		}
		if prev, dup := seen[a.NetworkID]; dup {
			return nil, conflict(cannotSetup + "Network " + netName(a.NetworkID) + " is already attached to interface " + prev + "; a network can be attached to one interface of a host only.")
		}
		seen[a.NetworkID] = a.Nic
		pa := parsed[i]
		if pa.given && !pa.empty {
			a.V4, a.V6 = ipCfg{Proto: "none"}, ipCfg{Proto: "none"}
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
		p.dirty[a.ID] = true
		touched = append(touched, modified{att: a.ID, p: pa, dns: dns})
	}

	// 6. Synchronized attachments (unknown: 404, as the REST layer).
	for _, sa := range attachmentsOf(act.SynchronizedNetworkAttachments) {
		a, err := resolveAttachment(hc, hn, sa)
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, errNotFound
		}
		p.dirty[a.ID] = true
		p.synced = append(p.synced, netName(a.NetworkID))
	}
	if ch.mode == modeSyncAll {
		for i := range hn.Atts {
			a := &hn.Atts[i]
			if n := hc.all[a.NetworkID]; n != nil && !inSync(a, n) {
				p.dirty[a.ID] = true
				p.synced = append(p.synced, n.API.Name)
			}
		}
	}

	// 7. IP configuration of the touched attachments: formats, then the
	// backend validator, then the role rule.
	for _, m := range touched {
		if err := checkIPFormats(m.p, m.dns); err != nil {
			return nil, err
		}
	}
	for _, m := range touched {
		a := hn.att(m.att)
		nw := hc.all[a.NetworkID]
		if nw == nil {
			return nil, badRequest(cannotSetup + "Network having id '" + a.NetworkID + "' does not exist.")
		}
		if err := checkIPConfig(m.p, nw, a.Nic); err != nil {
			return nil, err
		}
		if nw.isRole() && a.V4.proto() == netsim.ProtoNone && a.V6.proto() == netsim.ProtoNone {
			return nil, badRequest(cannotSetup + "Role (display/migration/gluster) network '" + nw.API.Name + "' has no boot protocol assigned.")
		}
	}

	// 8. The resulting topology.
	slaveOwner := map[string]string{}
	for _, b := range hn.Bonds {
		if len(b.Slaves) < 2 {
			return nil, badRequest(cannotSetup + "Bond " + b.Name + " must have at least two slaves.")
		}
		for _, s := range b.Slaves {
			if other, ok := slaveOwner[s]; ok {
				return nil, conflict(cannotSetup + "Interface " + s + " is already a slave of bond " + other + ".")
			}
			slaveOwner[s] = b.Name
		}
	}
	byDev := map[string][]*attachment{}
	for i := range hn.Atts {
		a := &hn.Atts[i]
		if hn.nic(a.Nic) == nil && hn.bond(a.Nic) == nil {
			if slices.Contains(removedBonds, a.Nic) {
				return nil, conflict(cannotSetup + "Bond " + a.Nic + " cannot be removed: network " + netName(a.NetworkID) + " is attached to it.")
			}
			return nil, nicMissing("", a.Nic)
		}
		if b, ok := slaveOwner[a.Nic]; ok {
			if changedBonds[b] && !p.dirty[a.ID] {
				return nil, conflict(cannotSetup + "Interface " + a.Nic + " cannot be enslaved to bond " + b + ": network " + netName(a.NetworkID) + " is attached to it.")
			}
			return nil, conflict(cannotSetup + "Network " + netName(a.NetworkID) + " cannot be attached to interface " + a.Nic + ", which is a slave of bond " + b + ".")
		}
		if changedBonds[a.Nic] {
			p.dirty[a.ID] = true // the bond's MAC may have changed
		}
		byDev[a.Nic] = append(byDev[a.Nic], a)
	}
	for dev, atts := range byDev {
		var plain []string
		vlans := map[int]string{}
		for _, a := range atts {
			nw := hc.all[a.NetworkID]
			if nw == nil {
				continue
			}
			if v := nw.vlan(); v != 0 {
				if other, dup := vlans[v]; dup {
					return nil, badRequest(cannotSetup + "Networks " + other + " and " + nw.API.Name + " on interface " + dev + " have the same VLAN id " + strconv.Itoa(v) + ".")
				}
				vlans[v] = nw.API.Name
				continue
			}
			plain = append(plain, nw.API.Name)
		}
		if len(plain) > 1 {
			slices.Sort(plain)
			return nil, badRequest(cannotSetup + "Only one non-VLAN network can be attached to an interface; interface " + dev + " would carry " + strings.Join(plain, ", ") + ".")
		}
	}
	return p, nil
}

// connLostError reports that the connectivity check rolled a change back.
type connLostError struct{ host, network string }

func (c *connLostError) Error() string { return "connectivity lost" }

func (c *connLostError) fault() *apiError {
	return badRequest("Failed to setup networks on host " + c.host + ": connectivity check failed, the management network " + c.network + " would lose its IP address. The host rolled the changes back.")
}

// netResult is the outcome of a committed change.
type netResult struct {
	jobID string
	hc    *hostCtx // state after the change
	plan  *netPlan
}

var hostStatusesForNetworks = []api.HostStatus{api.HostStatusUp, api.HostStatusMaintenance, api.HostStatusNonOperational, api.HostStatusNonResponsive}

// runNetChange validates and applies a host network change:
//
//  1. the host's network lock is taken without waiting (a concurrent change
//     gets 409 msgInProgress) and held to the end;
//  2. the change is validated against a snapshot; a refused change writes
//     nothing;
//  3. one transaction writes the job (started, see netjob.go) and event
//     10902, so pollers of GET /events and /jobs see the change running;
//  4. simulated vdsm applies it (Config.NetworkApplyDelay);
//  5. the final transaction re-checks the state version, simulates the
//     reported addresses and DHCP leases, runs the connectivity check and
//     writes the state, ends the job (finished) and writes 10903 and the
//     other events;
//  6. if the management network would lose its address (check_connectivity),
//     vdsm waits connectivity_timeout for the engine, then rolls back: the
//     state is unchanged, the job failed, event 10904, 400;
//  7. any other failure after step 3 ends the job failed (aborted if the
//     engine closes) with event 10904.
//
// Once validated (step 3), the change no longer depends on the request: a
// client that goes away (a reloaded page, a cut connection) does not abort
// it, as on the real engine, whose command runs to its end whoever waits
// for the answer; it ends as it would have, its job and events tell how.
func (e *Engine) runNetChange(ctx context.Context, r *http.Request, hostID string, ch *netChange) (*netResult, error) {
	done, ok := e.track()
	if !ok {
		return nil, errEngineClosing
	}
	defer done()
	unlock, ok := e.locks.tryLock(hostID)
	if !ok {
		if err := e.hostExists(ctx, hostID); err != nil {
			return nil, err
		}
		return nil, conflict(msgInProgress)
	}
	defer unlock()
	var hc *hostCtx
	var plan *netPlan
	err := e.st.View(ctx, func(tx *store.Tx) error {
		var err error
		if hc, err = e.loadHostCtx(tx, hostID); err != nil {
			return err
		}
		if !slices.Contains(hostStatusesForNetworks, hc.host.Status) {
			return conflict(cannotSetup + "Host status must be either Up, Maintenance, NonOperational or NonResponsive; host " + hc.host.Name + " is " + string(hc.host.Status) + ".")
		}
		hc.other = func(id string) *netDoc {
			n, err := store.GetJSON[netDoc](tx, kindNetwork, id)
			if err != nil {
				return nil
			}
			return &n
		}
		defer func() { hc.other = nil }()
		plan, err = planNetworks(hc, ch)
		return err
	})
	if err != nil {
		return nil, err
	}
	job, err := e.startNetJob(ctx, hc.host, correlationID(r))
	if err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx) // validated: the change outlives its request
	res, err := e.applyNetChange(ctx, hc, plan, ch, job)
	if err == nil {
		return res, nil
	}
	var lost *connLostError
	if errors.As(err, &lost) {
		// vdsm keeps the new configuration until the engine fails to reach
		// the host for connectivity_timeout, then rolls it back.
		timeout := ch.connTimeout
		if timeout <= 0 {
			timeout = e.cfg.ConnectivityTimeout
		}
		e.log.Info("setupnetworks: connectivity check failed; rolling back after the timeout", "host", lost.host, "timeout", timeout)
		if werr := e.wait(ctx, timeout); werr != nil {
			err = werr
		} else {
			e.failNetJob(ctx, job, api.JobStatusFailed)
			return nil, lost.fault()
		}
	}
	var aborted *errAborted
	if errors.As(err, &aborted) {
		e.log.Info("setupnetworks aborted", "host", hc.host.Name, "reason", aborted.Error())
		e.failNetJob(ctx, job, api.JobStatusAborted)
		return nil, abortedFault(hc.host.Name, aborted)
	}
	e.failNetJob(ctx, job, api.JobStatusFailed)
	return nil, err
}

// applyNetChange is steps 4 and 5 of runNetChange: simulated vdsm's work,
// then the final transaction. It returns a *connLostError (nothing
// written) when the connectivity check fails.
func (e *Engine) applyNetChange(ctx context.Context, hc *hostCtx, plan *netPlan, ch *netChange, job *netJob) (*netResult, error) {
	if err := e.wait(ctx, e.cfg.NetworkApplyDelay); err != nil {
		return nil, err
	}
	if e.beforeApply != nil {
		e.beforeApply(hc.host.ID)
	}
	cid := job.CID
	res := &netResult{plan: plan, jobID: job.JobID}
	err := e.st.Update(ctx, func(tx *store.Tx) error {
		cur, err := e.loadHostCtx(tx, hc.host.ID)
		if err != nil {
			return err
		}
		if cur.hn.Version != hc.hn.Version {
			return conflict(msgInProgress)
		}
		hn := plan.hn
		for i := range plan.removed {
			if err := releaseLeases(tx, &plan.removed[i]); err != nil {
				return err
			}
		}
		for i := range hn.Atts {
			a := &hn.Atts[i]
			nw := cur.all[a.NetworkID]
			if nw == nil {
				return conflict(cannotSetup + "Network " + a.NetworkID + " no longer exists.")
			}
			if nw.vlan() != 0 && a.VlanNicID == "" {
				a.VlanNicID = newID()
			} else if nw.vlan() == 0 {
				a.VlanNicID = ""
			}
			if plan.dirty[a.ID] {
				if err := simulate(tx, hn, nw, a); err != nil {
					return err
				}
			}
		}
		had, has := mgmtHasAddress(cur.hn, cur.mgmtID), mgmtHasAddress(hn, cur.mgmtID)
		if had && !has && ch.checkConnectivity {
			return &connLostError{host: cur.host.Name, network: netNameOf(cur, cur.mgmtID)}
		}
		hn.Committed = ch.commit
		if err := saveHostNet(tx, hn); err != nil {
			return err
		}
		host := cur.host
		if len(plan.synced) > 0 {
			if err := e.addEvent(tx, eventSpec{Code: 1148, Desc: "Host " + host.Name + "'s following network(s) were synchronized with their Logical Network configuration: " + strings.Join(plan.synced, ", ") + ".", Host: &host, User: true, CID: cid}); err != nil {
				return err
			}
		}
		if err := e.addEvent(tx, eventSpec{Code: 10903, Desc: "(1/1): Successfully applied changes on host " + host.Name + ". (User: " + adminAuthzName + ")", Host: &host, User: true, CID: cid}); err != nil {
			return err
		}
		switch {
		case !has && host.Status == api.HostStatusUp:
			host.Status = api.HostStatusNonResponsive
			if err := e.addEvent(tx, eventSpec{Code: 12, Severity: api.LogSeverityError, Desc: "Host " + host.Name + " is non responsive.", Host: &host, CID: cid}); err != nil {
				return err
			}
		case has && host.Status == api.HostStatusNonResponsive:
			host.Status = api.HostStatusUp
			if err := e.addEvent(tx, eventSpec{Code: 13, Desc: "Status of host " + host.Name + " was set to Up.", Host: &host, CID: cid}); err != nil {
				return err
			}
		}
		if host.Status != cur.host.Status {
			if err := putHost(tx, host); err != nil {
				return err
			}
		}
		if err := e.endNetJob(tx, job, api.JobStatusFinished); err != nil {
			return err
		}
		cur.host = host
		cur.hn = hn
		res.hc = cur
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func netNameOf(hc *hostCtx, id string) string {
	if n := hc.all[id]; n != nil {
		return n.API.Name
	}
	return id
}

// mgmtHasAddress reports whether the management network is attached and
// has an IPv4 or global IPv6 address.
func mgmtHasAddress(hn *hostNet, mgmtID string) bool {
	if mgmtID == "" {
		return true
	}
	a := hn.attByNetwork(mgmtID)
	return a != nil && a.Rep.hasAddress()
}

func (e *Engine) hostExists(ctx context.Context, id string) error {
	return e.st.View(ctx, func(tx *store.Tx) error {
		_, err := tx.Get(kindHost, id)
		if errors.Is(err, store.ErrNotFound) {
			return errNotFound
		}
		return err
	})
}

// setupNetworks is POST /hosts/{id}/setupnetworks.
func (e *Engine) setupNetworks(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	ch := &netChange{act: &act, mode: modeSetup, checkConnectivity: act.CheckConnectivity.Or(true), commit: act.CommitOnSuccess.Or(false)}
	if s := act.ConnectivityTimeout.Value(); s > 0 {
		ch.connTimeout = time.Duration(min(s, maxConnectivityTimeout)) * time.Second
	}
	e.allowLongAnswer(w, ch.connTimeout)
	res, err := e.runNetChange(r.Context(), r, id, ch)
	if err != nil {
		return err
	}
	act.Status = api.ActionStatusComplete
	act.Fault = nil
	act.Host = api.HostRef(id) // the REST layer's setActionItem
	act.Job = api.JobRef(res.jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// allowLongAnswer lets the answer of a network change be written after
// the longest it may take (the apply delay and the connectivity wait, plus
// a minute), whatever the write timeout of the server it is mounted in
// (v6admin's listener has 5 minutes; connectivity_timeout may be 10).
// Servers whose writer cannot do it are left as they are.
func (e *Engine) allowLongAnswer(w http.ResponseWriter, connTimeout time.Duration) {
	if connTimeout <= 0 {
		connTimeout = e.cfg.ConnectivityTimeout
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(e.cfg.NetworkApplyDelay + connTimeout + time.Minute))
}

// syncAllNetworks is POST /hosts/{id}/syncallnetworks.
func (e *Engine) syncAllNetworks(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	e.allowLongAnswer(w, 0)
	res, err := e.runNetChange(r.Context(), r, id, &netChange{act: &api.Action{}, mode: modeSyncAll, checkConnectivity: true, commit: true})
	if err != nil {
		return err
	}
	act.Status = api.ActionStatusComplete
	act.Host = api.HostRef(id) // the REST layer's setActionItem
	act.Job = api.JobRef(res.jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// commitNetConfig is POST /hosts/{id}/commitnetconfig.
func (e *Engine) commitNetConfig(w http.ResponseWriter, r *http.Request) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	unlock, ok := e.locks.tryLock(id)
	if !ok {
		return conflict(msgInProgress)
	}
	defer unlock()
	cid := correlationID(r)
	var jobID string
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		hc, err := e.loadHostCtx(tx, id)
		if err != nil {
			return err
		}
		hc.hn.Committed = true
		if err := saveHostNet(tx, hc.hn); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 1104, Desc: "Network changes were saved on host " + hc.host.Name, Host: &hc.host, User: true, CID: cid}); err != nil {
			return err
		}
		jobID, err = e.addJob(tx, "Committing network changes on host "+hc.host.Name, api.JobStatusFinished, []stepSpec{{Type: api.StepTypeExecuting, Desc: "Executing", Status: api.JobStatusFinished}})
		return err
	})
	if err != nil {
		return err
	}
	act.Status = api.ActionStatusComplete
	act.Host = api.HostRef(id) // the REST layer's setActionItem
	act.Job = api.JobRef(jobID)
	return writeJSON(w, http.StatusOK, &act)
}

// SimulateDrift makes the attachment of network (name or id) on host
// hostID out of sync, as if someone had changed the host by hand: the
// reported MTU moves by 100 and, for a static IPv4 configuration, the
// reported gateway is cleared. GET .../networkattachments then shows
// in_sync "false"; setupnetworks synchronized_network_attachments or
// syncallnetworks repair it. It writes a warning event (code 1146).
func (e *Engine) SimulateDrift(ctx context.Context, hostID, network string) error {
	unlock := e.locks.lock(hostID)
	defer unlock()
	return e.st.Update(ctx, func(tx *store.Tx) error {
		hc, err := e.loadHostCtx(tx, hostID)
		if err != nil {
			return fmt.Errorf("embedded: drift: host %s: %w", hostID, err)
		}
		n := hc.byName[network]
		if n == nil {
			n = hc.all[network]
		}
		if n == nil {
			return fmt.Errorf("embedded: drift: no network %q", network)
		}
		a := hc.hn.attByNetwork(n.API.ID)
		if a == nil {
			return fmt.Errorf("embedded: drift: network %s is not attached to host %s", n.API.Name, hc.host.Name)
		}
		if a.Rep.MTU > 1400 {
			a.Rep.MTU -= 100
		} else {
			a.Rep.MTU += 100
		}
		if a.Rep.V4Proto == netsim.ProtoStatic {
			a.Rep.V4Gateway = ""
		}
		if err := saveHostNet(tx, hc.hn); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 1146, Severity: api.LogSeverityWarning, Desc: "Host " + hc.host.Name + "'s following network(s) are not synchronized with their Logical Network configuration: " + n.API.Name + ".", Host: &hc.host})
	})
}
