package hostnet

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"v6admin/validation"
	"v6admin/wire"
)

// The editing state of the Setup Host Networks dialog, in pure Go: what is
// attached where with which IP configuration, the bonds, oVirt's rules for
// attaching (NetworkOperation's null operations), the management-network
// rule for OK, and the setupnetworks request built from the difference
// between the state loaded and the state edited.

// The status line's texts (oVirt's wording).
const (
	msgDragToChange   = "Drag to make changes"
	msgNoValidAction  = "No Valid Action"
	msgNonVLANTwice   = "Cannot have more than one non-VLAN network on one interface."
	msgDuplicateVLAN  = "Cannot have networks with duplicate VLAN Id's on one interface."
	msgMgmtDetached   = "Can't save configuration - Management Network must be attached"
	msgVerifyInfo     = "If after changing the networks configuration the connectivity from the Host to the Engine is lost, changes are rolled back."
	msgSaveInfo       = "The checked check-box indicates that changes will be made persistent automatically."
	msgGatewayNoRoute = "The IPv6 gateway can only be set on the network that holds the default route role"
)

// Refusals of an operation.
var (
	errNonVLANTwice  = errors.New(msgNonVLANTwice)
	errDuplicateVLAN = errors.New(msgDuplicateVLAN)
)

func errOutOfSync(name string) error {
	return errors.New("Invalid operation for " + name + " because of an out-of-sync network.")
}

// Boot protocols.
const (
	protoNone     = "none"
	protoDHCP     = "dhcp"
	protoStatic   = "static"
	protoAutoconf = "autoconf"
	protoPoly     = "poly_dhcp_autoconf"
)

// ipEdit is one family's configuration as the dialog edits it; Mask is the
// IPv4 netmask (dotted or a length) or the IPv6 prefix length.
type ipEdit struct {
	Proto   string
	Address string
	Mask    string
	Gateway string
}

// normalized clears what a non-static boot protocol cannot have.
func (c ipEdit) normalized() ipEdit {
	if c.Proto == "" {
		c.Proto = protoNone
	}
	if c.Proto != protoStatic {
		c.Address, c.Mask, c.Gateway = "", "", ""
	}
	return c
}

// ipEditOf reads an attachment's configuration from the BFF.
func ipEditOf(c *wire.IPConfig, v6 bool) ipEdit {
	if c == nil {
		return ipEdit{Proto: protoNone}
	}
	e := ipEdit{Proto: c.BootProtocol}
	if c.Address != nil {
		e.Address = c.Address.Address
	}
	switch {
	case !v6 && c.Netmask != "":
		e.Mask = c.Netmask
	case c.Prefix != nil:
		e.Mask = strconv.Itoa(*c.Prefix)
	}
	if c.Gateway != nil {
		e.Gateway = c.Gateway.Address
	}
	return e.normalized()
}

// netAttachment is a network attached to a NIC or bond in the dialog.
type netAttachment struct {
	ID      string // the engine's attachment id ("" for a new one)
	Network string
	NIC     string
	IPv4    ipEdit
	IPv6    ipEdit
	DNS     []string
	InSync  bool
	// Sync is "Sync network" checked in Edit Network.
	Sync     bool
	Reported []wire.Reported
}

func (a *netAttachment) clone() *netAttachment {
	c := *a
	c.DNS = append([]string(nil), a.DNS...)
	return &c
}

// sameConfig reports whether two attachments carry the same configuration.
func (a *netAttachment) sameConfig(b *netAttachment) bool {
	if a.NIC != b.NIC || a.IPv4.normalized() != b.IPv4.normalized() || a.IPv6.normalized() != b.IPv6.normalized() || len(a.DNS) != len(b.DNS) {
		return false
	}
	for i := range a.DNS {
		if a.DNS[i] != b.DNS[i] {
			return false
		}
	}
	return true
}

// bondEdit is a bond in the dialog.
type bondEdit struct {
	Name    string
	Mode    string
	Options map[string]string
	Slaves  []string
	New     bool
}

// hostNetState is the dialog's state.
type hostNetState struct {
	Host     string
	nics     []wire.NIC // physical NICs (no VLAN devices)
	bonds    []*bondEdit
	networks []wire.Network
	netIndex map[string]int            // networks by name
	atts     map[string]*netAttachment // by network name
	// detached keeps the configuration of a network detached in this
	// session, restored if it is attached again (as oVirt does).
	detached map[string]*netAttachment

	orig      map[string]*netAttachment
	origBonds map[string]*bondEdit
}

// NewHostNetState reads the BFF's host network.
func NewHostNetState(n *wire.HostNetwork) *hostNetState {
	s := &hostNetState{Host: n.Host.Name, atts: map[string]*netAttachment{}, detached: map[string]*netAttachment{},
		orig: map[string]*netAttachment{}, origBonds: map[string]*bondEdit{}}
	for _, d := range n.NICs {
		if d.VLANID == 0 {
			s.nics = append(s.nics, d)
		}
	}
	sort.SliceStable(s.nics, func(i, j int) bool { return natLess(s.nics[i].Name, s.nics[j].Name) })
	for _, b := range n.Bonds {
		if b.VLANID != 0 {
			continue
		}
		be := &bondEdit{Name: b.Name}
		if b.Bond != nil {
			be.Mode, be.Options, be.Slaves = b.Bond.Mode, b.Bond.Options, append([]string(nil), b.Bond.Slaves...)
		}
		s.bonds = append(s.bonds, be)
		c := *be
		s.origBonds[b.Name] = &c
	}
	// Slaves known only from the bond list.
	for _, b := range s.bonds {
		for _, sl := range b.Slaves {
			if s.nic(sl) == nil {
				s.nics = append(s.nics, wire.NIC{Name: sl, BondedIn: b.Name})
			}
		}
	}
	s.networks = append([]wire.Network(nil), n.Networks...)
	sort.SliceStable(s.networks, func(i, j int) bool { return s.networks[i].Name < s.networks[j].Name })
	s.netIndex = make(map[string]int, len(s.networks))
	for i, n := range s.networks {
		s.netIndex[n.Name] = i
	}
	for _, a := range n.Attachments {
		na := &netAttachment{ID: a.ID, Network: a.Network.Name, NIC: a.NIC.Name, IPv4: ipEditOf(a.IPv4, false), IPv6: ipEditOf(a.IPv6, true),
			InSync: a.InSync, Reported: a.Reported}
		for _, d := range a.DNSServers {
			na.DNS = append(na.DNS, d.Address)
		}
		s.atts[na.Network] = na
		s.orig[na.Network] = na.clone()
	}
	return s
}

// natLess orders eth2 before eth10.
func natLess(a, b string) bool {
	ta, na := splitNum(a)
	tb, nb := splitNum(b)
	if ta != tb {
		return a < b
	}
	return na < nb
}

func splitNum(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil {
		return s, -1
	}
	return s[:i], n
}

func (s *hostNetState) nic(name string) *wire.NIC {
	for i := range s.nics {
		if s.nics[i].Name == name {
			return &s.nics[i]
		}
	}
	return nil
}

func (s *hostNetState) bond(name string) *bondEdit {
	for _, b := range s.bonds {
		if b.Name == name {
			return b
		}
	}
	return nil
}

// network returns a cluster network by name.
func (s *hostNetState) network(name string) *wire.Network {
	if i, ok := s.netIndex[name]; ok {
		return &s.networks[i]
	}
	return nil
}

// hasRole reports whether a network holds a role.
func (s *hostNetState) hasRole(name, role string) bool {
	if n := s.network(name); n != nil {
		for _, r := range n.Roles {
			if r == role {
				return true
			}
		}
	}
	return false
}

func (s *hostNetState) vlan(name string) int {
	if n := s.network(name); n != nil {
		return n.VLANID
	}
	return 0
}

// slaveOf returns the bond a NIC is enslaved to in the edited state.
func (s *hostNetState) slaveOf(nic string) string {
	for _, b := range s.bonds {
		for _, sl := range b.Slaves {
			if sl == nic {
				return b.Name
			}
		}
	}
	return ""
}

// interfaces lists the targets networks can be attached to, in the order
// drawn: bonds and free NICs by name (slaves are drawn in their bond).
func (s *hostNetState) interfaces() []string {
	var out []string
	for _, b := range s.bonds {
		out = append(out, b.Name)
	}
	for _, n := range s.nics {
		if s.slaveOf(n.Name) == "" {
			out = append(out, n.Name)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return natLess(out[i], out[j]) })
	return out
}

// isInterface reports whether networks can be attached to name.
func (s *hostNetState) isInterface(name string) bool {
	if s.bond(name) != nil {
		return true
	}
	return s.nic(name) != nil && s.slaveOf(name) == ""
}

// networksOn lists the networks attached to an interface, VLAN order.
func (s *hostNetState) networksOn(nic string) []*netAttachment {
	var out []*netAttachment
	for _, a := range s.atts {
		if a.NIC == nic {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		vi, vj := s.vlan(out[i].Network), s.vlan(out[j].Network)
		if vi != vj {
			return vi < vj
		}
		return out[i].Network < out[j].Network
	})
	return out
}

// unassigned lists the cluster networks not attached, by name.
func (s *hostNetState) unassigned() []string {
	var out []string
	for _, n := range s.networks {
		if _, ok := s.atts[n.Name]; !ok {
			out = append(out, n.Name)
		}
	}
	return out
}

// canAttach checks oVirt's rules for attaching a network to an interface
// (nil: allowed). A network already on that interface is no operation.
func (s *hostNetState) canAttach(net, nic string) error {
	if !s.isInterface(nic) {
		return errors.New(msgNoValidAction)
	}
	if a, ok := s.atts[net]; ok {
		if a.NIC == nic {
			return errors.New(msgNoValidAction)
		}
		if !a.InSync && !a.Sync {
			return errOutOfSync(net)
		}
	}
	return s.fits(net, s.networksOn(nic))
}

// fits checks one network against those already on an interface.
func (s *hostNetState) fits(net string, on []*netAttachment) error {
	v := s.vlan(net)
	for _, o := range on {
		if o.Network == net {
			continue
		}
		ov := s.vlan(o.Network)
		if v == 0 && ov == 0 {
			return errNonVLANTwice
		}
		if v != 0 && v == ov {
			return errDuplicateVLAN
		}
	}
	return nil
}

// attach attaches (or moves) a network to an interface. A new attachment
// takes the configuration it had when detached in this session, else none
// (the management network DHCP).
func (s *hostNetState) attach(net, nic string) error {
	if err := s.canAttach(net, nic); err != nil {
		return err
	}
	if a, ok := s.atts[net]; ok {
		a.NIC = nic
		return nil
	}
	a, ok := s.detached[net]
	if ok {
		delete(s.detached, net)
	} else if o, ok := s.orig[net]; ok {
		a = o.clone()
	} else {
		a = &netAttachment{Network: net, IPv4: ipEdit{Proto: protoNone}, IPv6: ipEdit{Proto: protoNone}, InSync: true}
		if s.hasRole(net, "management") {
			a.IPv4.Proto = protoDHCP
		}
	}
	a.NIC = nic
	s.atts[net] = a
	return nil
}

// detach detaches a network.
func (s *hostNetState) detach(net string) error {
	a, ok := s.atts[net]
	if !ok {
		return errors.New(msgNoValidAction)
	}
	if !a.InSync && !a.Sync {
		return errOutOfSync(net)
	}
	delete(s.atts, net)
	s.detached[net] = a
	return nil
}

// canBond checks whether two free NICs can be bonded: both free NICs, and
// their networks fit together on the bond.
func (s *hostNetState) canBond(a, b string) error {
	if a == b || s.nic(a) == nil || s.nic(b) == nil || s.slaveOf(a) != "" || s.slaveOf(b) != "" {
		return errors.New(msgNoValidAction)
	}
	on := s.networksOn(a)
	for _, n := range s.networksOn(b) {
		if !n.InSync && !n.Sync {
			return errOutOfSync(n.Network)
		}
		if err := s.fits(n.Network, on); err != nil {
			return err
		}
		on = append(on, n)
	}
	for _, n := range s.networksOn(a) {
		if !n.InSync && !n.Sync {
			return errOutOfSync(n.Network)
		}
	}
	return nil
}

// suggestBondName proposes the first free bondN.
func (s *hostNetState) suggestBondName() string {
	for i := 0; ; i++ {
		name := "bond" + strconv.Itoa(i)
		if s.bond(name) == nil && s.nic(name) == nil {
			return name
		}
	}
}

// checkBondName judges a new bond's name: validation.BondName (the
// engine's rule, which the BFF applies too), then no other interface of
// the host by that name.
func (s *hostNetState) checkBondName(name string) error {
	if err := validation.BondName(name); err != nil {
		return err
	}
	if s.bond(name) != nil || s.nic(name) != nil {
		return errors.New("An interface named " + name + " already exists.")
	}
	return nil
}

// createBond bonds two NICs; their networks move to the bond.
func (s *hostNetState) createBond(name, mode, a, b string) error {
	if err := s.canBond(a, b); err != nil {
		return err
	}
	if err := s.checkBondName(name); err != nil {
		return err
	}
	if mode == "" {
		mode = "4"
	}
	s.bonds = append(s.bonds, &bondEdit{Name: name, Mode: mode, Options: map[string]string{"mode": mode}, Slaves: []string{a, b}, New: true})
	for _, n := range s.atts {
		if n.NIC == a || n.NIC == b {
			n.NIC = name
		}
	}
	return nil
}

// breakBond removes a bond; its networks are detached, as in oVirt.
// Their names are returned for the status line.
func (s *hostNetState) breakBond(name string) ([]string, error) {
	i := -1
	for j, b := range s.bonds {
		if b.Name == name {
			i = j
		}
	}
	if i < 0 {
		return nil, errors.New(msgNoValidAction)
	}
	for _, n := range s.networksOn(name) {
		if !n.InSync && !n.Sync {
			return nil, errOutOfSync(n.Network)
		}
	}
	var nets []string
	for _, n := range s.networksOn(name) {
		_ = s.detach(n.Network)
		nets = append(nets, n.Network)
	}
	s.bonds = append(s.bonds[:i], s.bonds[i+1:]...)
	return nets, nil
}

// managementNetwork returns the name of the management network ("" if
// the cluster has none).
func (s *hostNetState) managementNetwork() string {
	for _, n := range s.networks {
		for _, r := range n.Roles {
			if r == "management" {
				return n.Name
			}
		}
	}
	return ""
}

// okBlocked returns why OK is disabled ("" when it is not).
func (s *hostNetState) okBlocked() string {
	if m := s.managementNetwork(); m != "" {
		if _, ok := s.atts[m]; !ok {
			return msgMgmtDetached
		}
	}
	return ""
}

// fatalManagement says why the edited state would obviously cut the host
// off the engine ("" if nothing obvious): the management network on a NIC
// whose link is down, or with neither an IPv4 nor an IPv6 boot protocol.
// Only a change of the management attachment is judged: a host already in
// that state is not warned again.
func (s *hostNetState) fatalManagement() string {
	m := s.managementNetwork()
	a := s.atts[m]
	if m == "" || a == nil {
		return ""
	}
	if o := s.orig[m]; o != nil && o.sameConfig(a) {
		return ""
	}
	if n := s.nic(a.NIC); n != nil && n.Status == "down" {
		return "The management network " + m + " would be on " + a.NIC + ", whose link is down: the host would lose its connection to the engine."
	}
	if b := s.bond(a.NIC); b != nil {
		up := false
		for _, sl := range b.Slaves {
			if n := s.nic(sl); n == nil || n.Status != "down" {
				up = true
			}
		}
		if !up {
			return "The management network " + m + " would be on " + a.NIC + ", whose slaves all have their link down: the host would lose its connection to the engine."
		}
	}
	if a.IPv4.normalized().Proto == protoNone && a.IPv6.normalized().Proto == protoNone {
		return "The management network " + m + " would have no IP address (IPv4 and IPv6 boot protocols both None): the host would lose its connection to the engine."
	}
	return ""
}

// setAttachment stores an attachment edited in Edit Network.
func (s *hostNetState) setAttachment(a *netAttachment) {
	s.atts[a.Network] = a
}

// changed reports whether anything differs from the state loaded.
func (s *hostNetState) changed() bool {
	r := s.request(applyOptions{})
	return len(r.Attachments)+len(r.RemovedAttachments)+len(r.SyncAttachments)+len(r.Bonds)+len(r.RemovedBonds) > 0
}

// applyOptions are the dialog's check boxes.
type applyOptions struct {
	Verify  bool
	Timeout int
	Commit  bool
}

// ipv4Req and ipv6Req build one family of a request.
func ipv4Req(c ipEdit) *wire.IPv4Request {
	c = c.normalized()
	return &wire.IPv4Request{BootProtocol: c.Proto, Address: strings.TrimSpace(c.Address), Netmask: strings.TrimSpace(c.Mask), Gateway: strings.TrimSpace(c.Gateway)}
}

func ipv6Req(c ipEdit) *wire.IPv6Request {
	c = c.normalized()
	return &wire.IPv6Request{BootProtocol: c.Proto, Address: strings.TrimSpace(c.Address), Prefix: strings.TrimSpace(c.Mask), Gateway: strings.TrimSpace(c.Gateway)}
}

// request builds the setupnetworks request from the difference between the
// loaded and the edited state: attachments new, moved, reconfigured or to
// be synchronized; attachments removed; bonds created and removed.
func (s *hostNetState) request(o applyOptions) wire.SetupNetworksRequest {
	var r wire.SetupNetworksRequest
	names := make([]string, 0, len(s.atts))
	for n := range s.atts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := s.atts[n]
		orig, had := s.orig[n]
		if had && a.ID == "" {
			a.ID = orig.ID
		}
		if a.Sync && a.ID != "" {
			r.SyncAttachments = append(r.SyncAttachments, a.ID)
		}
		if had && orig.sameConfig(a) {
			continue
		}
		if had && !a.InSync && !a.Sync {
			continue // out of sync: not editable until synced
		}
		req := wire.AttachmentRequest{ID: a.ID, Network: n, NIC: a.NIC, IPv4: ipv4Req(a.IPv4), IPv6: ipv6Req(a.IPv6)}
		for _, d := range a.DNS {
			if d = strings.TrimSpace(d); d != "" {
				req.DNSServers = append(req.DNSServers, d)
			}
		}
		r.Attachments = append(r.Attachments, req)
	}
	onames := make([]string, 0, len(s.orig))
	for n := range s.orig {
		onames = append(onames, n)
	}
	sort.Strings(onames)
	for _, n := range onames {
		if _, ok := s.atts[n]; !ok && s.orig[n].ID != "" {
			r.RemovedAttachments = append(r.RemovedAttachments, s.orig[n].ID)
		}
	}
	for _, b := range s.bonds {
		if b.New {
			opts := map[string]string{}
			for k, v := range b.Options {
				opts[k] = v
			}
			r.Bonds = append(r.Bonds, wire.BondRequest{Name: b.Name, Options: opts, Slaves: append([]string(nil), b.Slaves...)})
		}
	}
	var gone []string
	for name := range s.origBonds {
		if s.bond(name) == nil {
			gone = append(gone, name)
		}
	}
	sort.Strings(gone)
	r.RemovedBonds = gone
	if o.Timeout > 0 {
		v, c := o.Verify, o.Commit
		r.CheckConnectivity, r.CommitOnSuccess = &v, &c
		if o.Verify {
			r.ConnectivityTimeout = o.Timeout
		}
	}
	return r
}

// Operations offered on a chip (the menu and drag and drop).

// opKind is an operation of the dialog.
type opKind int

const (
	opAttach opKind = iota + 1
	opDetach
	opBond
	opBreakBond
)

// operation is one entry of a chip's menu.
type operation struct {
	Kind   opKind
	Group  string // the submenu ("Attach display to"), "" for a unary one
	Label  string // the item's text (the NIC, or "Detach Network display")
	Full   string // the whole text for the status line and screen readers
	Net    string
	NIC    string // target interface, or the first NIC of a bond
	Other  string // the second NIC of a bond
	Refuse string // why it cannot be done ("" if it can)
}

// networkOps lists the operations of a network chip.
func (s *hostNetState) networkOps(net string) []operation {
	var ops []operation
	group := "Attach " + net + " to"
	for _, nic := range s.interfaces() {
		if a, ok := s.atts[net]; ok && a.NIC == nic {
			continue
		}
		op := operation{Kind: opAttach, Group: group, Label: nic, Full: "Attach " + net + " to " + nic, Net: net, NIC: nic}
		if err := s.canAttach(net, nic); err != nil {
			op.Refuse = err.Error()
		}
		ops = append(ops, op)
	}
	if _, ok := s.atts[net]; ok {
		op := operation{Kind: opDetach, Label: "Detach Network " + net, Full: "Detach Network " + net, Net: net}
		if a := s.atts[net]; !a.InSync && !a.Sync {
			op.Refuse = errOutOfSync(net).Error()
		}
		ops = append(ops, op)
	}
	return ops
}

// interfaceOps lists the operations of a NIC or bond chip.
func (s *hostNetState) interfaceOps(nic string) []operation {
	var ops []operation
	if s.bond(nic) != nil {
		return []operation{{Kind: opBreakBond, Label: "Break Bond " + nic, Full: "Break Bond " + nic, NIC: nic}}
	}
	if s.nic(nic) == nil || s.slaveOf(nic) != "" {
		return nil
	}
	group := "Bond " + nic + " with"
	for _, other := range s.interfaces() {
		if other == nic || s.bond(other) != nil {
			continue
		}
		op := operation{Kind: opBond, Group: group, Label: other, Full: "Bond " + nic + " with " + other, NIC: nic, Other: other}
		if err := s.canBond(nic, other); err != nil {
			op.Refuse = err.Error()
		}
		ops = append(ops, op)
	}
	return ops
}

// dropOp is the operation of dropping a dragged chip (a network, or a NIC
// when nicDrag) on a target interface ("" = the unassigned area).
func (s *hostNetState) dropOp(dragged string, nicDrag bool, target string) operation {
	switch {
	case nicDrag && target != "" && target != dragged:
		op := operation{Kind: opBond, Full: "Bond " + dragged + " with " + target, NIC: dragged, Other: target}
		if err := s.canBond(dragged, target); err != nil {
			op.Refuse = err.Error()
		}
		return op
	case nicDrag:
		return operation{Refuse: msgNoValidAction}
	case target == "":
		if _, ok := s.atts[dragged]; !ok {
			return operation{Refuse: msgNoValidAction}
		}
		op := operation{Kind: opDetach, Full: "Detach Network " + dragged, Net: dragged}
		if a := s.atts[dragged]; !a.InSync && !a.Sync {
			op.Refuse = errOutOfSync(dragged).Error()
		}
		return op
	}
	op := operation{Kind: opAttach, Full: "Attach " + dragged + " to " + target, Net: dragged, NIC: target}
	if err := s.canAttach(dragged, target); err != nil {
		op.Refuse = err.Error()
	}
	return op
}

// statusOf is the status-line text of a candidate operation, with oVirt's
// warnings.
func (s *hostNetState) statusOf(op operation) (text string, variant string) {
	if op.Refuse != "" {
		return op.Refuse, "danger"
	}
	switch {
	case (op.Kind == opAttach || op.Kind == opDetach) && s.hasRole(op.Net, "display") && s.atts[op.Net] != nil:
		return op.Full + ". Moving the display network will drop VM console connectivity until they are restarted.", "warning"
	case op.Kind == opDetach:
		if n := s.network(op.Net); n != nil && n.Required {
			return op.Full + ". Detaching required network will cause the Host to be in Non-operational state.", "warning"
		}
	}
	return op.Full, "info"
}
