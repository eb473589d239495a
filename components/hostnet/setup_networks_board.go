package hostnet

import (
	"html"
	"strconv"
	"strings"
	"v6admin/components/form"
)

// The board of Setup Host Networks (the interfaces with their networks,
// and the unassigned networks) is drawn as HTML text, one piece per
// interface row and one for the unassigned list, each mounted by go-app as
// a single element (app.Raw). A host with 128 NICs and 256 networks makes
// some 3,000 elements: built one by one through syscall/js they take
// hundreds of milliseconds to mount, parsed by the browser from text a
// fraction of that; and a change redraws only the rows whose text changed.
// The board has no per-element handlers: its events are delegated to the
// board (data-key names a chip, data-edit an edit button, data-op a menu
// item, data-nic and data-drop-free the drop targets).
//
// Every text from the engine is escaped (html.EscapeString): a network or
// NIC name is data, never markup.

// boardView is what the board's drawing depends on besides the state.
type boardView struct {
	current string      // chip with the roving tab stop
	menuFor string      // chip whose menu is open
	ops     []operation // that menu's operations
	linked  string      // chip a deep link points at (highlighted)
}

var chipIDReplacer = strings.NewReplacer(":", "-", ".", "_")

func chipID(key string) string { return "sn-chip-" + chipIDReplacer.Replace(key) }

// htmlWriter builds escaped HTML.
type htmlWriter struct{ strings.Builder }

// text writes escaped text.
func (w *htmlWriter) text(s string) { w.WriteString(html.EscapeString(s)) }

// attr writes ` name="value"` with value escaped.
func (w *htmlWriter) attr(name, value string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	w.WriteString(html.EscapeString(value))
	w.WriteByte('"')
}

// icon writes a decorative Font Awesome icon.
func (w *htmlWriter) icon(name, title string) {
	w.WriteString(`<i class="fas fa-`)
	w.WriteString(name)
	w.WriteString(`" aria-hidden="true"`)
	if title != "" {
		w.attr("title", title)
	}
	w.WriteString(`></i>`)
}

// chipOpen opens a chip's focusable part.
func (w *htmlWriter) chipOpen(v *boardView, key string) {
	id := chipID(key)
	w.WriteString(`<div class="v6-sn-chip__main" role="button" draggable="true" aria-haspopup="menu"`)
	w.attr("id", id)
	w.attr("data-key", key)
	w.attr("aria-describedby", id+"-details")
	if key == v.current {
		w.WriteString(` tabindex="0"`)
	} else {
		w.WriteString(` tabindex="-1"`)
	}
	if v.menuFor == key {
		w.WriteString(` aria-expanded="true">`)
	} else {
		w.WriteString(` aria-expanded="false">`)
	}
}

// details writes a chip's hover/focus card (lines separated by \n).
func (w *htmlWriter) details(key, text string) {
	w.WriteString(`<div class="v6-sn-details" role="tooltip"`)
	w.attr("id", chipID(key)+"-details")
	w.WriteByte('>')
	w.text(text)
	w.WriteString(`</div>`)
}

// nicChip writes the chip of a NIC or bond.
func (w *htmlWriter) nicChip(s *hostNetState, v *boardView, nic string) {
	key := "nic:" + nic
	kind, ic, extra := "NIC", "ethernet", ""
	if b := s.bond(nic); b != nil {
		kind, ic = "Bond", "link"
		extra = ", mode " + b.Mode + ", slaves " + strings.Join(b.Slaves, ", ")
	} else if n := s.nic(nic); n != nil && n.Status != "" {
		extra = ", link " + n.Status
	}
	w.WriteString(`<div class="v6-sn-chip v6-sn-chip--nic">`)
	w.chipOpen(v, key)
	w.icon(ic, "")
	w.WriteString(`<span class="pf-v6-screen-reader">`)
	w.WriteString(kind)
	w.WriteString(` </span><span class="v6-sn-chip__name">`)
	w.text(nic)
	w.WriteString(`</span></div>`)
	w.details(key, kind+" "+nic+extra)
	w.menu(v, key)
	w.WriteString(`</div>`)
}

// roleNames are the roles of a network, in display order.
func roleNames(s *hostNetState, net string) []string {
	var out []string
	for _, r := range []struct{ role, label string }{
		{"management", "Management"}, {"default_route", "Default Route"}, {"vm", "VM"}, {"display", "Display"}, {"migration", "Migration"}, {"gluster", "Gluster"},
	} {
		if s.hasRole(net, r.role) {
			out = append(out, r.label)
		}
	}
	return out
}

var roleIcon = map[string]string{"Management": "star", "Default Route": "route", "VM": "desktop", "Display": "tv", "Migration": "exchange-alt", "Gluster": "database"}

// netChip writes the chip of a network (a: its attachment, nil when
// unassigned).
func (w *htmlWriter) netChip(s *hostNetState, v *boardView, net string, a *netAttachment) {
	key := "net:" + net
	roles := roleNames(s, net)
	outOfSync := a != nil && !a.InSync && !a.Sync
	w.WriteString(`<div class="v6-sn-chip v6-sn-chip--net`)
	if outOfSync {
		w.WriteString(` v6-sn-chip--oos`)
	}
	if key == v.linked {
		w.WriteString(` v6-sn-chip--linked`)
	}
	w.WriteByte('"')
	w.attr("data-network", net)
	w.WriteByte('>')
	w.chipOpen(v, key)
	for _, r := range roles {
		w.icon(roleIcon[r], r)
	}
	if len(roles) > 0 {
		w.WriteString(`<span class="pf-v6-screen-reader">`)
		w.text(strings.Join(roles, ", ") + ":")
		w.WriteString(`</span>`)
	}
	w.WriteString(`<span class="v6-sn-chip__name">`)
	w.text(net)
	w.WriteString(`</span>`)
	if vlan := s.vlan(net); vlan != 0 {
		w.WriteString(`<span class="v6-sn-vlan">VLAN `)
		w.WriteString(strconv.Itoa(vlan))
		w.WriteString(`</span>`)
	}
	if outOfSync {
		w.WriteString(`<span class="v6-sn-oos"><i class="fas fa-exclamation-triangle" aria-hidden="true"></i> out of sync</span>`)
	}
	w.WriteString(`</div>`)
	if a != nil {
		w.WriteString(`<button type="button" class="pf-v6-c-button pf-m-plain v6-sn-edit" tabindex="-1"`)
		w.attr("id", chipID(key)+"-edit")
		w.attr("data-edit", net)
		w.attr("aria-label", "Edit Network "+net)
		w.attr("title", "Edit Network "+net)
		w.WriteString(`><span class="pf-v6-c-button__icon"><i class="fas fa-pencil-alt" aria-hidden="true"></i></span></button>`)
	}
	w.details(key, networkDetails(s, net, roles, a))
	w.menu(v, key)
	w.WriteString(`</div>`)
}

// networkDetails is the card of a network, one fact per line.
func networkDetails(s *hostNetState, net string, roles []string, a *netAttachment) string {
	var b strings.Builder
	b.WriteString(net)
	if a != nil {
		b.WriteString(", on " + a.NIC)
	} else {
		b.WriteString(", unassigned")
	}
	if len(roles) > 0 {
		b.WriteString("\nUsage: " + strings.Join(roles, ", "))
	}
	if n := s.network(net); n != nil && n.MTU != 0 {
		b.WriteString("\nMTU: " + strconv.Itoa(n.MTU))
	}
	if a == nil {
		b.WriteString("\nNot attached.")
		return b.String()
	}
	if !a.InSync && !a.Sync {
		b.WriteString("\nOut of sync: the network's configuration on the host differs from its definition.")
		for _, r := range a.Reported {
			if !r.InSync {
				b.WriteString("\n" + reportedLabel(r.Name) + ": engine " + orDash(r.Expected) + ", host " + orDash(r.Actual))
			}
		}
	}
	b.WriteString("\nIPv4: " + describeIP(a.IPv4))
	b.WriteString("\nIPv6: " + describeIP(a.IPv6))
	return b.String()
}

func describeIP(c ipEdit) string {
	c = c.normalized()
	s := "Boot Protocol " + form.BootProtocolLabel(c.Proto)
	if c.Address != "" {
		s += ", Address " + c.Address
	}
	if c.Mask != "" {
		s += ", Prefix/Netmask " + c.Mask
	}
	if c.Gateway != "" {
		s += ", Gateway " + c.Gateway
	}
	return s
}

// menu writes a chip's menu when it is open: the operations, grouped
// ("Attach display to ›"), refused ones aria-disabled with the reason.
func (w *htmlWriter) menu(v *boardView, key string) {
	if v.menuFor != key {
		return
	}
	w.WriteString(`<div class="pf-v6-c-menu v6-sn-menu" id="sn-menu"><div class="pf-v6-c-menu__content"><ul class="pf-v6-c-menu__list" role="menu"`)
	w.attr("aria-label", "Actions of "+key[4:])
	w.WriteByte('>')
	if len(v.ops) == 0 {
		w.WriteString(`<li role="none" class="pf-v6-c-menu__list-item"><span class="v6-muted">`)
		w.text(msgNoValidAction)
		w.WriteString(`</span></li>`)
	}
	group := ""
	for i, op := range v.ops {
		if op.Group != group && op.Group != "" {
			w.WriteString(`<li role="presentation" class="v6-sn-menu-group">`)
			w.text(op.Group + " ›")
			w.WriteString(`</li>`)
		}
		group = op.Group
		w.WriteString(`<li role="none" class="pf-v6-c-menu__list-item"><button type="button" role="menuitem" tabindex="-1" class="pf-v6-c-menu__item`)
		if op.Refuse != "" {
			w.WriteString(` pf-m-aria-disabled" aria-disabled="true"`)
		} else {
			w.WriteByte('"')
		}
		w.attr("id", "sn-menu-item-"+strconv.Itoa(i))
		w.attr("data-op", strconv.Itoa(i))
		w.attr("aria-label", op.Full)
		w.WriteString(`><span class="pf-v6-c-menu__item-main"><span class="pf-v6-c-menu__item-text">`)
		w.text(op.Label)
		w.WriteString(`</span></span>`)
		if op.Refuse != "" {
			w.WriteString(`<span class="pf-v6-c-menu__item-description">`)
			w.text(op.Refuse)
			w.WriteString(`</span>`)
		}
		w.WriteString(`</button></li>`)
	}
	w.WriteString(`</ul></div></div>`)
}

// interfaceHTML is one interface row: the NIC or bond (with its slaves)
// and the networks on it.
func interfaceHTML(s *hostNetState, v *boardView, nic string) string {
	var w htmlWriter
	w.Grow(1024)
	w.WriteString(`<div class="v6-sn-iface v6-sn-drop"`)
	w.attr("data-nic", nic)
	w.WriteString(`><div class="v6-sn-nicside">`)
	w.nicChip(s, v, nic)
	if b := s.bond(nic); b != nil {
		for _, sl := range b.Slaves {
			w.WriteString(`<div class="v6-sn-slave">`)
			w.nicChip(s, v, sl)
			w.WriteString(`</div>`)
		}
	}
	w.WriteString(`</div><div class="v6-sn-nets">`)
	on := s.networksOn(nic)
	for _, a := range on {
		w.netChip(s, v, a.Network, a)
	}
	if len(on) == 0 {
		w.WriteString(`<span class="v6-muted v6-sn-empty">no network</span>`)
	}
	w.WriteString(`</div></div>`)
	return w.String()
}

// unassignedHTML is the list of the networks not attached.
func unassignedHTML(s *hostNetState, v *boardView) string {
	var w htmlWriter
	free := s.unassigned()
	w.Grow(512 * (len(free) + 1))
	w.WriteString(`<div class="v6-sn-chips">`)
	for _, n := range free {
		w.netChip(s, v, n, nil)
	}
	if len(free) == 0 {
		w.WriteString(`<p class="v6-muted">Every network is attached.</p>`)
	}
	w.WriteString(`</div>`)
	return w.String()
}

// reportedLabel names a reported configuration as oVirt's out-of-sync
// popup does (the engine's ReportedConfigurationType names).
func reportedLabel(name string) string {
	labels := map[string]string{
		"mtu": "MTU", "bridged": "VM network (bridged)", "vlan": "VLAN", "switch_type": "Switch type",
		"ipv4_boot_protocol": "IPv4 boot protocol", "ipv4_address": "IPv4 address", "ipv4_netmask": "IPv4 netmask", "ipv4_gateway": "IPv4 gateway",
		"ipv6_boot_protocol": "IPv6 boot protocol", "ipv6_address": "IPv6 address", "ipv6_prefix": "IPv6 prefix", "ipv6_gateway": "IPv6 gateway",
		"dns_configuration": "DNS configuration", "default_route": "Default route",
	}
	if l, ok := labels[name]; ok {
		return l
	}
	return name
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
