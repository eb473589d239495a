package readiness

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"v6admin/engine/ovirt"
)

// run holds the state of one Run.
type run struct {
	ctx      context.Context
	r        Resolver
	cache    map[string]lookup
	snap     *Snapshot
	rep      Report
	dcName   map[string]string                          // data center id → name
	clDC     map[string]string                          // cluster id → data center name
	roles    map[string]map[string][]ovirt.NetworkUsage // cluster id → network id → roles
	netRoles map[string][]ovirt.NetworkUsage            // network id → roles in any cluster
	netName  map[string]string                          // network id → name
	netMTU   map[string]int64                           // network id → MTU (0: default 1500)
	netAtts  map[string][]*Object                       // network id → attachments
	netV6    map[string]bool                            // network id → carries IPv6 on some host
}

// Run judges snap: every object with its families and addresses, the
// findings of every check, and the scores. r resolves the names of hosts,
// fence agents, storage servers, providers and the engine; with a nil r
// names are not judged.
func Run(ctx context.Context, snap Snapshot, r Resolver) Report {
	x := &run{ctx: ctx, r: r, cache: map[string]lookup{}, snap: &snap,
		dcName: map[string]string{}, clDC: map[string]string{}, roles: map[string]map[string][]ovirt.NetworkUsage{},
		netRoles: map[string][]ovirt.NetworkUsage{}, netName: map[string]string{}, netMTU: map[string]int64{},
		netAtts: map[string][]*Object{}, netV6: map[string]bool{}}
	for _, dc := range snap.DataCenters {
		x.dcName[dc.ID] = dc.Name
	}
	for _, c := range snap.Clusters {
		if c.DataCenter != nil {
			x.clDC[c.ID] = x.dcName[c.DataCenter.ID]
		}
		m := map[string][]ovirt.NetworkUsage{}
		for _, n := range snap.ClusterNetworks[c.ID] {
			var u []ovirt.NetworkUsage
			if n.Usages != nil {
				u = n.Usages.Usage
			}
			m[n.ID] = u
			x.netName[n.ID] = n.Name
			for _, role := range u {
				if !slices.Contains(x.netRoles[n.ID], role) {
					x.netRoles[n.ID] = append(x.netRoles[n.ID], role)
				}
			}
		}
		x.roles[c.ID] = m
	}
	for _, n := range snap.Networks {
		x.netName[n.ID] = n.Name
		x.netMTU[n.ID] = n.Mtu.Value()
	}

	x.engine()
	var hostObjs []*Object
	for i := range snap.Hosts {
		hostObjs = append(hostObjs, x.host(&snap.Hosts[i]))
	}
	x.duplicates()
	x.networks()
	x.storage()
	x.providers()
	x.vms()
	x.groups(hostObjs)
	slices.SortStableFunc(x.rep.Objects, func(a, b *Object) int {
		return slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind)
	})
	slices.SortStableFunc(x.rep.Findings, func(a, b Finding) int {
		if a.Severity != b.Severity {
			return int(a.Severity) - int(b.Severity)
		}
		return checkIndex(a.Check) - checkIndex(b.Check)
	})
	x.rep.Scores = Count(x.rep.Objects, snap.DataCenters)
	return x.rep
}

func checkIndex(id string) int {
	return slices.IndexFunc(Checks, func(c Check) bool { return c.ID == id })
}

func (x *run) add(o *Object) *Object {
	x.rep.Objects = append(x.rep.Objects, o)
	return o
}

func (x *run) find(id string, o *Object, fix Fix, what, why, how string) *Finding {
	c := checkByID(id)
	x.rep.Findings = append(x.rep.Findings, Finding{Check: id, Severity: c.Severity, Object: o, What: what, Why: why, How: how, Fix: fix})
	return &x.rep.Findings[len(x.rep.Findings)-1]
}

// reach describes, per kind, who connects to an addressed object and the
// dialog that changes its address.
type reach struct {
	noun, who, dialog string
}

var reaches = map[Kind]reach{
	KindEngine:   {"The engine", "the BFF, the browsers' API calls and every host's vdsm reach the engine at this address", "the --engine-url of v6admin (and the engine's FQDN, engine-setup)"},
	KindHost:     {"Host", "the engine reaches vdsm (TCP 54321) and SSH at this address, and the host's certificate is issued for it", "Edit Host (in Maintenance)"},
	KindAgent:    {"Fence agent", "the fence proxy host runs the fence agent against this address (vdsm's fenceNode), so a host without IPv4 cannot fence through it", "Power Management, on the agent"},
	KindStorage:  {"Storage connection", "every host of the data center mounts or logs in to this address (vdsm's connectStorageServer)", "the storage domain's connection (Storage → Domains → Manage Domain, or a new domain)"},
	KindProvider: {"Provider", "the engine connects to the provider (and its Keystone) at this URL's host", "the provider's Edit dialog (its URL)"},
}

// address judges one address field of o and files the address findings.
func (x *run) address(o *Object, text string, isURL bool, fix Fix) {
	l := judge(x.ctx, x.r, x.cache, text, isURL)
	o.Addresses = append(o.Addresses, l.addrs...)
	rc := reaches[o.Kind]
	subject := rc.noun + " " + o.Name
	if o.Kind == KindEngine {
		subject = rc.noun
	}
	switch l.kind {
	case addrV4:
		x.find(CheckIPv4Literal, o, fix,
			fmt.Sprintf("%s is addressed by the IPv4 literal %s.", subject, l.addrs[0].Text),
			fmt.Sprintf("Only IPv4 reaches it: %s.", rc.who),
			fmt.Sprintf("Enter its IPv6 address, or a name with AAAA records, in %s.", rc.dialog))
	case addrName:
		if x.r == nil {
			return
		}
		a, aaaa := texts(l.addrs, true), texts(l.addrs, false)
		switch {
		case a == "" && aaaa == "":
			detail := "no A or AAAA records"
			if l.err != nil {
				detail = l.err.Error()
			}
			x.find(CheckNameUnresolved, o, fix,
				fmt.Sprintf("%s is addressed by %s, which does not resolve (%s).", subject, l.name, detail),
				fmt.Sprintf("The connection fails at its next use: %s, and a name without records gives none.", rc.who),
				fmt.Sprintf("Add AAAA records for %s to DNS, or enter the IPv6 address in %s.", l.name, rc.dialog))
		case aaaa == "":
			x.find(CheckNameAOnly, o, fix,
				fmt.Sprintf("%s is addressed by %s, which has A records only (%s).", subject, l.name, a),
				fmt.Sprintf("Only IPv4 reaches it: %s, and the name gives no IPv6 address.", rc.who),
				fmt.Sprintf("Add an AAAA record for %s, or enter the IPv6 address in %s.", l.name, rc.dialog))
		case a != "":
			x.find(CheckNameAAndAAAA, o, fix,
				fmt.Sprintf("%s is addressed by %s, which has both A (%s) and AAAA (%s) records.", subject, l.name, a, aaaa),
				"The engine's JVM returns IPv4 first (java.net.preferIPv6Addresses is false by default), so it keeps connecting over IPv4 while IPv6 looks configured; hosted-engine setup fails on such names (ovirt-hosted-engine-setup#47, ovirt-ansible-collection#261).",
				fmt.Sprintf("Remove the A record of %s once IPv6 works (or use a name with AAAA records only), or enter the IPv6 address in %s.", l.name, rc.dialog))
		}
	}
}

// engine adds the engine, as the BFF reaches it.
func (x *run) engine() {
	if x.snap.EngineURL == "" {
		return
	}
	o := x.add(&Object{Kind: KindEngine, Name: "engine", Address: x.snap.EngineURL})
	x.address(o, x.snap.EngineURL, true, Fix{Dialog: DialogEngineURL, Kind: KindEngine})
	o.Family = familyOfAddrs(o.Addresses)
}

// isEl8 is NetworkCommonUtils.isEl8 on what the REST API shows of the host's
// OS: its version ("8.6 - 1.el8") or reported kernel command line.
func isEl8(h *ovirt.Host) bool {
	if h.Os == nil {
		return false
	}
	s := strings.ToLower(h.Os.ReportedKernelCmdline)
	if h.Os.Version != nil {
		s += " " + strings.ToLower(h.Os.Version.FullVersion)
	}
	return strings.Contains(s, "el8")
}

// osText is the host's OS as the UI shows it, e.g. "RHEL 8.6 - 1.el8".
func osText(h *ovirt.Host) string {
	if h.Os == nil {
		return ""
	}
	s := h.Os.Type
	if h.Os.Version != nil && h.Os.Version.FullVersion != "" {
		s = strings.TrimSpace(s + " " + h.Os.Version.FullVersion)
	}
	return s
}

// hasRole reports whether roles holds one of want.
func hasRole(roles []ovirt.NetworkUsage, want ...ovirt.NetworkUsage) bool {
	for _, w := range want {
		if slices.Contains(roles, w) {
			return true
		}
	}
	return false
}

// roleText names the roles of roles among want, e.g. "management and display".
func roleText(roles []ovirt.NetworkUsage, want ...ovirt.NetworkUsage) string {
	var out []string
	for _, w := range want {
		if slices.Contains(roles, w) {
			out = append(out, strings.ReplaceAll(string(w), "_", " "))
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// desired6 returns the attachment's IPv6 assignment (boot protocol none
// when absent) and its IPv4 one.
func desired(a *ovirt.NetworkAttachment) (v4, v6 ovirt.IpAddressAssignment) {
	v4.AssignmentMethod, v6.AssignmentMethod = ovirt.BootProtocolNone, ovirt.BootProtocolNone
	if a.IpAddressAssignments == nil {
		return v4, v6
	}
	for _, as := range a.IpAddressAssignments.IpAddressAssignment {
		is6 := as.Ip != nil && (as.Ip.Version == ovirt.IpVersionV6 || (as.Ip.Version == "" && strings.Contains(as.Ip.Address, ":")))
		if as.AssignmentMethod == ovirt.BootProtocolAutoconf || as.AssignmentMethod == ovirt.BootProtocolPolyDHCPAutoconf {
			is6 = true
		}
		if as.AssignmentMethod == "" {
			as.AssignmentMethod = ovirt.BootProtocolNone
		}
		if is6 {
			v6 = as
		} else {
			v4 = as
		}
	}
	return v4, v6
}

// device returns the NIC (or VLAN device, or bond) carrying network netID:
// the device vdsm reports with that network, else the attachment's NIC.
func device(hd *HostData, a *ovirt.NetworkAttachment) *ovirt.HostNic {
	if a.Network != nil {
		for i := range hd.NICs {
			if n := hd.NICs[i].Network; n != nil && n.ID == a.Network.ID {
				return &hd.NICs[i]
			}
		}
	}
	if a.HostNic != nil {
		for i := range hd.NICs {
			if hd.NICs[i].ID == a.HostNic.ID || (a.HostNic.ID == "" && hd.NICs[i].Name == a.HostNic.Name) {
				return &hd.NICs[i]
			}
		}
	}
	return nil
}

// host adds a host, its fence agents and its network attachments.
func (x *run) host(hd *HostData) *Object {
	h := &hd.Host
	clusterID := ""
	if h.Cluster != nil {
		clusterID = h.Cluster.ID
	}
	dc := x.clDC[clusterID]
	ho := x.add(&Object{Kind: KindHost, ID: h.ID, Name: h.Name, DataCenter: dc, Host: h.Name, HostID: h.ID, OS: osText(h), Address: h.Address})
	x.address(ho, h.Address, false, Fix{Dialog: DialogEditHost, Kind: KindHost, ID: h.ID, HostID: h.ID})
	addrs := slices.Clone(ho.Addresses)

	for i := range hd.Agents {
		ag := &hd.Agents[i]
		name := ag.Type + " : " + ag.Address
		ao := x.add(&Object{Kind: KindAgent, ID: ag.ID, Name: name, DataCenter: dc, Host: h.Name, HostID: h.ID, Address: ag.Address})
		x.address(ao, ag.Address, false, Fix{Dialog: DialogPowerManagement, Kind: KindAgent, ID: ag.ID, HostID: h.ID})
		ao.Family = familyOfAddrs(ao.Addresses)
	}

	for i := range hd.Attachments {
		a := &hd.Attachments[i]
		if a.Network == nil {
			continue
		}
		netID := a.Network.ID
		netName := x.netName[netID]
		if netName == "" {
			netName = a.Network.Name
		}
		roles := x.roles[clusterID][netID]
		dev := device(hd, a)
		nic := ""
		if a.HostNic != nil {
			nic = a.HostNic.Name
		}
		if nic == "" && dev != nil {
			nic = dev.Name
			if dev.BaseInterface != "" {
				nic = dev.BaseInterface
			}
		}
		o := x.add(&Object{Kind: KindAttachment, ID: a.ID, Name: h.Name + "/" + netName + " on " + nic, DataCenter: dc,
			Host: h.Name, HostID: h.ID, NIC: nic, Network: netName, Roles: roles, OS: osText(h)})
		var rep4, rep6 *ovirt.Ip
		var repProto6 ovirt.BootProtocol
		if dev != nil {
			rep4, rep6, repProto6 = dev.Ip, dev.Ipv6, dev.Ipv6BootProtocol
		}
		if rep4 != nil {
			if ad, ok := parseAddress(rep4.Address, "reported"); ok {
				o.Addresses = append(o.Addresses, ad)
			}
		}
		if rep6 != nil {
			if ad, ok := parseAddress(rep6.Address, "reported"); ok {
				o.Addresses = append(o.Addresses, ad)
			}
		}
		o.Family = familyOfAddrs(o.Addresses)
		addrs = append(addrs, o.Addresses...)
		x.netAtts[netID] = append(x.netAtts[netID], o)
		x.attachment(hd, a, o, rep4, rep6, repProto6)
	}
	ho.Family = familyOfAddrs(addrs)
	return ho
}

// attachment files the findings of one network attachment.
func (x *run) attachment(hd *HostData, a *ovirt.NetworkAttachment, o *Object, rep4, rep6 *ovirt.Ip, repProto6 ovirt.BootProtocol) {
	h := &hd.Host
	_, want6 := desired(a)
	proto6 := want6.AssignmentMethod
	setup := Fix{Dialog: DialogSetupHostNetworks, Kind: KindAttachment, ID: a.ID, HostID: h.ID, NIC: o.NIC, Network: o.Network}
	where := fmt.Sprintf("network %s on host %s (%s)", o.Network, h.Name, o.NIC)
	var has4, has6 bool
	for _, ad := range o.Addresses {
		if ad.usable() {
			has4 = has4 || ad.Addr.Is4()
			has6 = has6 || ad.Addr.Is6()
		}
	}
	if proto6 != ovirt.BootProtocolNone {
		x.netV6[a.Network.ID] = true
	}
	needs := []ovirt.NetworkUsage{ovirt.NetworkUsageManagement, ovirt.NetworkUsageDisplay, ovirt.NetworkUsageMigration}
	switch {
	case proto6 == ovirt.BootProtocolNone:
		x.find(CheckBootProtocolNone, o, setup,
			fmt.Sprintf("The IPv6 boot protocol of %s is None.", where),
			"With IPv6 None vdsm disables IPv6 on the device (disable_ipv6), so it has no link-local address either: no neighbour discovery, no router advertisements, nothing reaches it over IPv6.",
			"Open Setup Host Networks on "+o.NIC+", edit "+o.Network+" and choose Static, DHCPv6 or (not on el8) Stateless address autoconfiguration on the IPv6 tab.")
		if hasRole(o.Roles, needs...) {
			x.find(CheckRoleNoGlobalIPv6, o, setup,
				fmt.Sprintf("The %s network %s has no IPv6 address on host %s.", roleText(o.Roles, needs...), o.Network, h.Name),
				"The engine picks the host's address for this role from this network's device (management: the engine-host connection; display: the console address vdsm reports; migration: MigrateVmCommand's destination address), so without IPv6 here the role needs IPv4.",
				"Open Setup Host Networks on "+o.NIC+", edit "+o.Network+" and give it a global IPv6 address (Static or DHCPv6).")
		}
	case !has6 && hasRole(o.Roles, needs...):
		x.find(CheckLinkLocalOnly, o, setup,
			fmt.Sprintf("The %s network %s on host %s has only a link-local IPv6 address (boot protocol %s, no global address reported).", roleText(o.Roles, needs...), o.Network, h.Name, proto6),
			"A link-local address (fe80::/10) needs a zone and works on one link only: the engine, other hosts' migrations and console clients cannot use it, so the role stays on IPv4 or fails; autoconf without router advertisements for a /64 (or DHCPv6 without a server) ends here.",
			"Advertise a /64 on this network's link, or open Setup Host Networks on "+o.NIC+" and set a static IPv6 address on "+o.Network+".")
	}
	if has4 && has6 && hasRole(o.Roles, ovirt.NetworkUsageMigration) {
		x.find(CheckMigrationUsesIPv4, o, setup,
			fmt.Sprintf("The migration network %s is dual-stack on host %s (%s and %s).", o.Network, h.Name, addrOf(o, true), addrOf(o, false)),
			"MigrateVmCommand takes the destination's IPv4 address on the migration network first and its IPv6 address only when there is no IPv4 one, so migrations to this host keep using IPv4.",
			"Remove the IPv4 address of "+o.Network+" on "+o.NIC+" in Setup Host Networks (IPv4 boot protocol None) once IPv6 works on every host.")
	}
	if has4 && has6 && hasRole(o.Roles, ovirt.NetworkUsageDisplay) {
		x.find(CheckDisplayUsesIPv4, o, setup,
			fmt.Sprintf("The display network %s is dual-stack on host %s (%s and %s).", o.Network, h.Name, addrOf(o, true), addrOf(o, false)),
			"vdsm gives consoles (SPICE, VNC) the display network's IPv4 address and its IPv6 address only when the network has no IPv4 (BZ 1403674), so console clients keep connecting over IPv4.",
			"Remove the IPv4 address of "+o.Network+" on "+o.NIC+" in Setup Host Networks (IPv4 boot protocol None).")
	}
	isDefault := hasRole(o.Roles, ovirt.NetworkUsageDefaultRoute)
	gw := want6.Ip
	wantGW := ""
	if gw != nil {
		wantGW = gw.Gateway
	}
	unspec := false
	if ad, ok := parseAddress(wantGW, "configured"); ok && ad.Addr.IsUnspecified() {
		unspec = true
		x.find(CheckUnspecifiedGateway, o, setup,
			fmt.Sprintf("The IPv6 gateway of %s is configured as \"::\".", where),
			"\"::\" is the unspecified address, not a router: vdsm reports \"::\" when there is no IPv6 gateway, and engines before the fix for it compared it with the configured value and showed the network out of sync.",
			"Open Setup Host Networks on "+o.NIC+", edit "+o.Network+" and clear the IPv6 gateway (or enter the router's address on the default-route network).")
	}
	if wantGW != "" && !unspec && !isDefault {
		x.find(CheckGatewayNotDefault, o, setup,
			fmt.Sprintf("%s has the IPv6 gateway %s but does not hold the default route.", capital(where), canonical(wantGW)),
			"The engine allows an IPv6 gateway only on the network with the default-route role (NetworkAttachmentIpConfigurationValidator: \"IPv6 gateway can only be set on a network which holds the default route role.\"), so the next Setup Host Networks on this host is refused until it is removed.",
			"Open Setup Host Networks on "+o.NIC+", edit "+o.Network+" and clear the IPv6 gateway, or give "+o.Network+" the default-route role in the cluster.")
	}
	if isDefault && proto6 != ovirt.BootProtocolNone {
		eff := wantGW
		if proto6 != ovirt.BootProtocolStatic && rep6 != nil {
			eff = rep6.Gateway
		}
		if ad, ok := parseAddress(eff, "configured"); !ok || ad.Addr.IsUnspecified() {
			shown := "none"
			if rep6 != nil && rep6.Gateway != "" {
				shown = "\"" + canonical(rep6.Gateway) + "\""
			}
			x.find(CheckDefaultRouteNoGW, o, setup,
				fmt.Sprintf("The default-route network %s has no IPv6 gateway on host %s (reported: %s).", o.Network, h.Name, shown),
				"vdsm installs the IPv6 default route only from the default-route network's gateway (static) or its router advertisements (autoconf, DHCPv6); without one the host reaches nothing beyond its own /64 over IPv6, and vdsm reports \"::\".",
				"Open Setup Host Networks on "+o.NIC+", edit "+o.Network+" and enter the router's IPv6 address as gateway, or advertise a default router on the link.")
		}
	}
	if want6.AssignmentMethod == ovirt.BootProtocolAutoconf && isEl8(h) {
		x.find(CheckAutoconfEl8, o, setup,
			fmt.Sprintf("%s uses IPv6 autoconf, but host %s runs %s.", capital(where), h.Name, osText(h)),
			"The engine refuses Stateless address autoconfiguration on el8 hosts (\"Boot protocol Stateless address autoconfiguration is not available on el8 hosts.\", NetworkAttachmentIpConfigurationValidator), because nmstate there cannot keep it: any Setup Host Networks on this host fails until it changes.",
			"Open Setup Host Networks on "+o.NIC+", edit "+o.Network+" and choose Static or DHCPv6 on the IPv6 tab, or upgrade the host to el9.")
	}
	if d := ipv6Diff(a, want6, rep6, repProto6); len(d) > 0 {
		var parts []string
		for _, f := range d {
			parts = append(parts, fmt.Sprintf("%s %s → %s", f.Field, orDash(f.Expected), orDash(f.Actual)))
		}
		f := x.find(CheckOutOfSync, o, Fix{Dialog: DialogSyncNetwork, Kind: KindAttachment, ID: a.ID, HostID: h.ID, NIC: o.NIC, Network: o.Network},
			fmt.Sprintf("The IPv6 settings of %s are out of sync with the data center: %s (data center → host, RFC 5952).", where, strings.Join(parts, "; ")),
			"The engine compares what vdsm reports with the attachment (NetworkInSyncWithVdsNetworkInterface) and shows the network out of sync; until it is synced the host runs other IPv6 settings than the engine shows, and the engine needed fixes to compare \"::\" and compressed against expanded forms.",
			"Sync this network: Setup Host Networks on "+o.NIC+" → Sync "+o.Network+" (or the host's Sync All Networks) writes the data center's values to the host.")
		f.Diff = d
	}
}

// ipv6Diff compares the IPv6 settings of the attachment with what vdsm
// reports, in RFC 5952 form: the fields the engine shows out of sync that
// really differ. Only attachments the engine reports out of sync count.
func ipv6Diff(a *ovirt.NetworkAttachment, want6 ovirt.IpAddressAssignment, rep6 *ovirt.Ip, repProto6 ovirt.BootProtocol) []FieldDiff {
	if a.InSync == nil || a.InSync.Value() {
		return nil
	}
	var out []FieldDiff
	seen := map[string]bool{}
	if a.ReportedConfigurations != nil {
		for _, rc := range a.ReportedConfigurations.ReportedConfiguration {
			if !strings.HasPrefix(rc.Name, "ipv6_") || rc.InSync == nil || rc.InSync.Value() {
				continue
			}
			exp, act := normField(rc.Name, rc.ExpectedValue), normField(rc.Name, rc.ActualValue)
			seen[rc.Name] = true
			if exp != act {
				out = append(out, FieldDiff{Field: rc.Name, Expected: exp, Actual: act})
			}
		}
	}
	if len(out) > 0 || len(seen) > 0 || a.ReportedConfigurations != nil {
		return out
	}
	// No reported configurations: compare the attachment with the device.
	wantProto, gotProto := normField("ipv6_boot_protocol", string(want6.AssignmentMethod)), normField("ipv6_boot_protocol", string(repProto6))
	if wantProto != gotProto {
		out = append(out, FieldDiff{Field: "ipv6_boot_protocol", Expected: wantProto, Actual: gotProto})
	}
	if want6.AssignmentMethod == ovirt.BootProtocolStatic && want6.Ip != nil && rep6 != nil {
		for _, f := range [][3]string{{"ipv6_address", want6.Ip.Address, rep6.Address}, {"ipv6_prefix", want6.Ip.Netmask, rep6.Netmask}, {"ipv6_gateway", want6.Ip.Gateway, rep6.Gateway}} {
			exp, act := normField(f[0], f[1]), normField(f[0], f[2])
			if exp != act {
				out = append(out, FieldDiff{Field: f[0], Expected: exp, Actual: act})
			}
		}
	}
	return out
}

// normField brings a reported configuration's value to the form compared:
// addresses in RFC 5952 ("::" and "" both mean no gateway), prefixes as
// numbers, boot protocols as the engine's enum names.
func normField(name, v string) string {
	v = strings.TrimSpace(v)
	switch name {
	case "ipv6_address":
		return canonical(v)
	case "ipv6_gateway":
		c := canonical(v)
		if c == "::" {
			return ""
		}
		return c
	case "ipv6_prefix":
		if n, err := strconv.Atoi(strings.TrimPrefix(v, "/")); err == nil {
			return strconv.Itoa(n)
		}
	case "ipv6_boot_protocol":
		switch strings.ToLower(v) {
		case "", "none":
			return "NONE"
		case "static", "static_ip":
			return "STATIC_IP"
		case "dhcp":
			return "DHCP"
		case "autoconf":
			return "AUTOCONF"
		case "poly_dhcp_autoconf":
			return "POLY_DHCP_AUTOCONF"
		}
		return strings.ToUpper(v)
	}
	return v
}

func orDash(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// addrOf returns o's first usable address of a family.
func addrOf(o *Object, v4 bool) string {
	for _, a := range o.Addresses {
		if a.usable() && a.Addr.Is4() == v4 {
			return a.Text
		}
	}
	return ""
}
