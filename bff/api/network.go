package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// SetupNetworksRoute is the route of setupnetworks under /api.
const SetupNetworksRoute = "/hosts/:id/setupnetworks"

// Limits of setupnetworks and syncallnetworks.
const (
	// SetupNetworksBodyLimit is the body limit of SetupNetworksRoute (the
	// server applies it when its own limit is smaller). A full dual-stack
	// static attachment with three DNS servers is about 470 bytes of JSON
	// (0.5 MB for the 1024 allowed); with every member at its longest
	// (ids of 128, network names of 256 and NIC names of 64 characters, the
	// longest address spellings), 1024 removed and 1024 synced attachments
	// and 128 bonds of 16 slaves with 16 options it is 1.8 MB, 2.0 MB
	// indented: 4 MiB holds every request within the field limits.
	SetupNetworksBodyLimit = 4 << 20
	// DefaultConnectivityTimeout is vdsm's connectivity_timeout, in
	// seconds, when the request gives none (and for syncallnetworks).
	DefaultConnectivityTimeout = 120
	// MaxConnectivityTimeout is the largest connectivity_timeout accepted,
	// in seconds (the UI has the same range, 1–600).
	MaxConnectivityTimeout = 600
	// writeMargin is added to the write deadline of a long network call.
	writeMargin = 30 * time.Second
)

func (h *handlers) bindNetwork(g *echo.Group) {
	g.GET("/hosts/:id/network", h.hostNetwork)
	g.POST(SetupNetworksRoute, h.setupNetworks)
	g.POST("/hosts/:id/syncallnetworks", h.syncAllNetworks)
}

// hostNetwork is GET /api/hosts/:id/network[?statistics=false]. With
// statistics (the default) each NIC carries its traffic, read with the NIC
// list in one engine call where the engine can (follow=statistics) and
// per NIC otherwise; statistics=false leaves them out and saves those
// reads (the Setup Host Networks dialog does not show traffic).
func (h *handlers) hostNetwork(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	withStats, err := statisticsParam(c)
	if err != nil {
		return err
	}
	host, err := s.GetHost(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	var nics []ovirt.HostNic
	if withStats {
		nics, err = h.listNICsWithStats(engineCtx(c), s, id)
	} else {
		nics, err = s.ListHostNICs(engineCtx(c), id)
	}
	if err != nil {
		return engineError(err)
	}
	atts, err := s.ListNetworkAttachments(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	var nets []ovirt.Network
	if host.Cluster != nil && host.Cluster.ID != "" {
		if nets, err = s.ListClusterNetworks(engineCtx(c), host.Cluster.ID); err != nil {
			return engineError(err)
		}
	}
	v := wire.HostNetwork{Host: wire.Ref{ID: host.ID, Name: host.Name}, NICs: []wire.NIC{}, Bonds: []wire.NIC{}, Attachments: []wire.Attachment{}, Networks: []wire.Network{}}
	// The engine names a NIC's network, an attachment's network and NIC by
	// id only: the cluster's networks (read anyway) and the host's NICs
	// name them; a network outside the cluster costs one /networks list.
	names := h.refNames(c, s)
	for _, n := range nets {
		names.seed(refNetworks, n.ID, n.Name)
	}
	nicName := map[string]string{}
	views := viewNICs(nics)
	if withStats {
		h.nicStats(engineCtx(c), s, id, nics, views)
	}
	nameNICNetworks(names, views)
	for _, n := range views {
		nicName[n.ID] = n.Name
		if n.Bond != nil {
			v.Bonds = append(v.Bonds, n)
		} else {
			v.NICs = append(v.NICs, n)
		}
	}
	attached := map[string]bool{}
	for _, a := range atts {
		av := viewAttachment(a, nicName, names)
		attached[av.Network.ID] = true
		v.Attachments = append(v.Attachments, av)
	}
	sortByName(v.Attachments, func(a wire.Attachment) string { return a.Network.Name })
	for _, n := range nets {
		nv := wire.Network{ID: n.ID, Name: n.Name, Required: bool(ovirt.Deref(n.Required)), Roles: []string{}, Attached: attached[n.ID]}
		if n.Vlan != nil && n.Vlan.ID != nil {
			nv.VLANID = int(*n.Vlan.ID)
		}
		if n.Mtu != nil {
			nv.MTU = int(*n.Mtu)
		}
		if n.Usages != nil {
			for _, u := range n.Usages.Usage {
				nv.Roles = append(nv.Roles, string(u))
			}
		}
		v.Networks = append(v.Networks, nv)
	}
	sortByName(v.Networks, func(n wire.Network) string { return n.Name })
	return c.JSON(http.StatusOK, v)
}

// statisticsParam reads ?statistics= of GET /api/hosts/:id/network:
// "true" or "false" (each time it is given), true when absent.
func statisticsParam(c echo.Context) (bool, error) {
	vs, ok := c.QueryParams()["statistics"]
	if !ok {
		return true, nil
	}
	for _, v := range vs {
		if v != "true" && v != "false" {
			return false, apierr.Validation(map[string]wire.FieldError{"statistics": {Code: "wrong_type", Message: "This parameter must be true or false."}})
		}
	}
	return vs[0] == "true", nil
}

// listNICsWithStats lists a host's NICs with their statistics inline
// (follow=statistics). An engine that refuses the follow parameter (400,
// or 500 from its link follower) is asked for the plain list instead:
// nicStats then reads the statistics per NIC.
func (h *handlers) listNICsWithStats(ctx context.Context, s *client.Session, hostID string) ([]ovirt.HostNic, error) {
	nics, err := s.ListHostNICsWithStatistics(ctx, hostID)
	var ce *client.Error
	if err != nil && errors.As(err, &ce) && (ce.Status == http.StatusBadRequest || ce.Status == http.StatusInternalServerError) {
		h.Log.Warn("listing NICs with follow=statistics failed; reading statistics per NIC", "host", hostID, "err", err)
		return s.ListHostNICs(ctx, hostID)
	}
	return nics, err
}

// nicStats fills in the traffic of each NIC (views) from its statistics:
// those the engine sent inline with the NIC (nics, by id), else read with
// one call per NIC, concurrently (at most 8 at a time), for the NICs that
// came without any (an engine that does not follow links). Statistics are
// informative: a NIC whose statistics cannot be read is shown without
// them.
func (h *handlers) nicStats(ctx context.Context, s *client.Session, hostID string, nics []ovirt.HostNic, views []wire.NIC) {
	inline := make(map[string]*ovirt.Statistics, len(nics))
	for i := range nics {
		if nics[i].Statistics != nil {
			inline[nics[i].ID] = nics[i].Statistics
		}
	}
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range views {
		if st, ok := inline[views[i].ID]; ok {
			setNICStats(&views[i], st.Statistic)
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			st, err := s.HostNICStatistics(ctx, hostID, views[i].ID)
			if err != nil {
				if !isNotFound(err) && ctx.Err() == nil {
					h.Log.Warn("reading NIC statistics failed", "host", hostID, "nic", views[i].Name, "err", err)
				}
				return
			}
			setNICStats(&views[i], st)
		}()
	}
	wg.Wait()
}

// viewAttachment converts an attachment; its NIC is named from the host's
// NICs (nicName, by id), its network by names (the id when neither knows).
func viewAttachment(a ovirt.NetworkAttachment, nicName map[string]string, names *refNames) wire.Attachment {
	av := wire.Attachment{ID: a.ID, InSync: bool(ovirt.Deref(a.InSync))}
	if a.InSync == nil {
		av.InSync = true
	}
	if a.Network != nil {
		av.Network = wire.Ref{ID: a.Network.ID, Name: a.Network.Name}
		names.ref(refNetworks, &av.Network)
	}
	if a.HostNic != nil {
		av.NIC = wire.Ref{ID: a.HostNic.ID, Name: a.HostNic.Name}
		if av.NIC.Name == "" {
			av.NIC.Name = nicName[a.HostNic.ID]
		}
		if av.NIC.Name == "" {
			av.NIC.Name = av.NIC.ID
		}
	}
	if a.IpAddressAssignments != nil {
		for _, as := range a.IpAddressAssignments.IpAddressAssignment {
			v6 := as.Ip != nil && (as.Ip.Version == ovirt.IpVersionV6 || (as.Ip.Version == "" && containsColon(as.Ip.Address)))
			cfg := ipConfig(as.Ip, as.AssignmentMethod, v6)
			if v6 {
				av.IPv6 = cfg
			} else {
				av.IPv4 = cfg
			}
		}
	}
	if d := a.DnsResolverConfiguration; d != nil && d.NameServers != nil {
		for _, ns := range d.NameServers.NameServer {
			av.DNSServers = append(av.DNSServers, wire.IPAddr(ns))
		}
	}
	if a.ReportedConfigurations != nil {
		for _, r := range a.ReportedConfigurations.ReportedConfiguration {
			av.Reported = append(av.Reported, wire.Reported{Name: r.Name, Expected: r.ExpectedValue, Actual: r.ActualValue, InSync: bool(ovirt.Deref(r.InSync))})
		}
	}
	return av
}

func containsColon(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return true
		}
	}
	return false
}

// checkAttachment validates the cross-field rules of one attachment and
// converts it for the engine; warnings (a gateway outside the subnet) do not
// block.
func checkAttachment(p string, r *wire.AttachmentRequest, errs fieldErrs, warn *[]wire.Warning) ovirt.NetworkAttachment {
	a := ovirt.NetworkAttachment{ID: r.ID, Network: &ovirt.Network{Name: r.Network}, HostNic: &ovirt.HostNic{Name: r.NIC}}
	var assigns []ovirt.IpAddressAssignment
	if r.IPv4 != nil {
		assigns = append(assigns, checkIP(p+"ipv4.", false, r.IPv4.BootProtocol, r.IPv4.Address, r.IPv4.Netmask, r.IPv4.Gateway, errs, warn))
	}
	if r.IPv6 != nil {
		assigns = append(assigns, checkIP(p+"ipv6.", true, r.IPv6.BootProtocol, r.IPv6.Address, r.IPv6.Prefix, r.IPv6.Gateway, errs, warn))
	}
	if len(assigns) > 0 {
		a.IpAddressAssignments = &ovirt.IpAddressAssignments{IpAddressAssignment: assigns}
	}
	if len(r.DNSServers) > 0 {
		ns := &ovirt.NameServers{}
		for i, s := range r.DNSServers {
			ns.NameServer = append(ns.NameServer, forEngine(validation.EngineIPConfig, s, p+"dns_servers."+itoa(i), errs))
		}
		a.DnsResolverConfiguration = &ovirt.DnsResolverConfiguration{NameServers: ns}
	}
	return a
}

// checkIP checks one family: static needs an address and a netmask or
// prefix (in the address or separately); other boot protocols take none of
// address, netmask/prefix and gateway (the engine's rule).
func checkIP(p string, v6 bool, proto, addr, mask, gw string, errs fieldErrs, warn *[]wire.Warning) ovirt.IpAddressAssignment {
	version, maskField := ovirt.IpVersionV4, "netmask"
	if v6 {
		version, maskField = ovirt.IpVersionV6, "prefix"
	}
	out := ovirt.IpAddressAssignment{AssignmentMethod: ovirt.BootProtocol(proto), Ip: &ovirt.Ip{Version: version}}
	if proto != "static" {
		for field, v := range map[string]string{"address": addr, maskField: mask, "gateway": gw} {
			if v != "" {
				errs.set(p+field, "not_applicable", "Can't determine the ip address, netmask or gateway when boot protocol is set to "+
					map[string]string{"none": "none", "dhcp": "dhcp", "autoconf": "autoconf", "poly_dhcp_autoconf": "poly dhcp autoconf"}[proto]+".")
			}
		}
		return out
	}
	if addr == "" {
		errs.set(p+"address", string(validation.CodeEmpty), validation.MsgEmpty)
		return out
	}
	ap, err := validation.StaticAddress(addr, v6) // the rule Edit Network runs as you type
	if err != nil {
		errs.add(p+"address", err)
		return out
	}
	bits := ap.Bits
	if mask != "" {
		var n int
		if v6 {
			n, err = validation.ParseIPv6Prefix(mask)
		} else {
			n, err = validation.ParseIPv4Netmask(mask)
		}
		if err != nil {
			errs.add(p+maskField, err)
			return out
		}
		if bits >= 0 && bits != n {
			errs.set(p+maskField, "prefix_mismatch", "The address says /"+itoa(bits)+" but this field says "+itoa(n)+".")
			return out
		}
		bits = n
	}
	if bits < 0 {
		errs.set(p+maskField, string(validation.CodeEmpty), validation.MsgEmpty+" Enter the prefix length, or type it after the address (/64).")
		return out
	}
	out.Ip.Address = forEngine(validation.EngineIPConfig, ap.Addr.String(), p+"address", errs)
	if v6 {
		out.Ip.Netmask = strconv.Itoa(bits)
	} else {
		out.Ip.Netmask = net.IP(net.CIDRMask(bits, 32)).String()
	}
	if gw != "" {
		iface := netip.PrefixFrom(ap.Addr, bits)
		w, err := validation.CheckGateway(gw, iface)
		if err != nil {
			errs.add(p+"gateway", err)
			return out
		}
		if w != nil {
			*warn = append(*warn, wire.Warning{Field: p + "gateway", Code: string(w.Code), Message: fromValidation(w).Message})
		}
		out.Ip.Gateway = forEngine(validation.EngineIPConfig, gw, p+"gateway", errs)
	}
	return out
}

// setupNetworks validates every attachment with package validation, sends
// the request to the engine and follows its job.
func (h *handlers) setupNetworks(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	var req wire.SetupNetworksRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	warnings := []wire.Warning{}
	act := &ovirt.Action{}
	if len(req.Attachments) > 0 {
		act.ModifiedNetworkAttachments = &ovirt.NetworkAttachments{}
		seen := map[string]int{}
		for i := range req.Attachments {
			p := "attachments." + itoa(i) + "."
			if j, dup := seen[req.Attachments[i].Network]; dup {
				errs.set(p+"network", "duplicate", "Network "+req.Attachments[i].Network+" is already in attachment "+itoa(j)+".")
				continue
			}
			seen[req.Attachments[i].Network] = i
			act.ModifiedNetworkAttachments.NetworkAttachment = append(act.ModifiedNetworkAttachments.NetworkAttachment,
				checkAttachment(p, &req.Attachments[i], errs, &warnings))
		}
	}
	if err := errs.err(); err != nil {
		return err
	}
	if len(req.RemovedAttachments) > 0 {
		act.RemovedNetworkAttachments = &ovirt.NetworkAttachments{}
		for _, a := range req.RemovedAttachments {
			act.RemovedNetworkAttachments.NetworkAttachment = append(act.RemovedNetworkAttachments.NetworkAttachment, ovirt.NetworkAttachment{ID: a})
		}
	}
	if len(req.SyncAttachments) > 0 {
		act.SynchronizedNetworkAttachments = &ovirt.NetworkAttachments{}
		for _, a := range req.SyncAttachments {
			act.SynchronizedNetworkAttachments.NetworkAttachment = append(act.SynchronizedNetworkAttachments.NetworkAttachment, ovirt.NetworkAttachment{ID: a})
		}
	}
	if len(req.Bonds) > 0 {
		act.ModifiedBonds = &ovirt.HostNics{}
		for _, b := range req.Bonds {
			nic := ovirt.HostNic{Name: b.Name, Bonding: &ovirt.Bonding{Slaves: &ovirt.HostNics{}}}
			if len(b.Options) > 0 {
				keys := make([]string, 0, len(b.Options))
				for k := range b.Options {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				nic.Bonding.Options = &ovirt.Options{}
				for _, k := range keys {
					nic.Bonding.Options.Option = append(nic.Bonding.Options.Option, ovirt.Option{Name: k, Value: b.Options[k]})
				}
			}
			for _, sl := range b.Slaves {
				nic.Bonding.Slaves.HostNic = append(nic.Bonding.Slaves.HostNic, ovirt.HostNic{Name: sl})
			}
			act.ModifiedBonds.HostNic = append(act.ModifiedBonds.HostNic, nic)
		}
	}
	if len(req.RemovedBonds) > 0 {
		act.RemovedBonds = &ovirt.HostNics{}
		for _, b := range req.RemovedBonds {
			act.RemovedBonds.HostNic = append(act.RemovedBonds.HostNic, ovirt.HostNic{Name: b})
		}
	}
	check := true
	if req.CheckConnectivity != nil {
		check = *req.CheckConnectivity
	}
	act.CheckConnectivity = ovirt.NewBool(check)
	if req.ConnectivityTimeout > 0 {
		act.ConnectivityTimeout = ovirt.NewInt(req.ConnectivityTimeout)
	}
	commit := true
	if req.CommitOnSuccess != nil {
		commit = *req.CommitOnSuccess
	}
	act.CommitOnSuccess = ovirt.NewBool(commit)

	connectivity := req.ConnectivityTimeout
	if connectivity == 0 {
		connectivity = DefaultConnectivityTimeout
	}
	res, err := s.SetupNetworks(h.longCall(c, connectivity), id, act)
	if err != nil {
		// Engine messages name the network: put them on that attachment.
		var rules []fieldRule
		for i, a := range req.Attachments {
			p := "attachments." + itoa(i) + "."
			for _, tail := range []string{".", ",", ":", " "} {
				rules = append(rules, fieldRule{"Network " + a.Network + tail, p + "network"}, fieldRule{"network " + a.Network + tail, p + "network"})
			}
		}
		return refineGateway(engineError(err, rules...), req.Attachments)
	}
	out := wire.SetupResult{Status: string(res.Status), Warnings: warnings}
	if out.Status == "" {
		out.Status = string(ovirt.ActionStatusComplete)
	}
	out.Job = h.followJob(engineCtx(c), s, res.Job)
	h.Log.Info("setupnetworks", "host", id, "status", out.Status)
	return c.JSON(http.StatusOK, out)
}

// longCall returns the context of a setupnetworks or syncallnetworks call.
// A real engine answers these only once vdsm has applied the change, and
// when the connectivity check fails vdsm waits connectivity seconds before
// it rolls back: the call is bounded by that wait plus the engine timeout
// instead of the engine timeout alone (every other engine call keeps the
// engine timeout). The response's write deadline is moved past the wait
// and the job followed after it, so that the http.Server's WriteTimeout
// does not cut the answer.
//
// The call is not cancelled with the browser's request: a change the
// engine has accepted runs to its end on the engine whoever waits for it
// (a reloaded page finds it running from the engine's events), and
// cancelling the engine call would only lose its answer.
func (h *handlers) longCall(c echo.Context, connectivity int) context.Context {
	base := h.Engine.Timeout()
	wait := time.Duration(connectivity)*h.second + base
	h.extendWriteDeadline(c, wait+h.JobWait+base+writeMargin)
	ctx := context.WithoutCancel(engineCtx(c)) // keeps the request id (the correlation id)
	if base <= 0 {
		return ctx // no engine timeout: the engine's answer ends the call
	}
	return client.WithRequestTimeout(ctx, wait)
}

// extendWriteDeadline lets the response be written until d from now; a
// ResponseWriter without deadlines (a test recorder) is left as it is.
func (h *handlers) extendWriteDeadline(c echo.Context, d time.Duration) {
	err := http.NewResponseController(c.Response()).SetWriteDeadline(time.Now().Add(d))
	if err != nil && !errors.Is(err, http.ErrNotSupported) {
		h.Log.Warn("extending the write deadline failed", "path", c.Path(), "err", err)
	}
}

// refineGateway moves the engine's "IPv6 gateway can only be set on a
// network which holds the default route role" from the attachment's network
// to its IPv6 gateway.
func refineGateway(err error, atts []wire.AttachmentRequest) error {
	ae, ok := err.(*apierr.Error)
	if !ok {
		return err
	}
	for i := range atts {
		p := "attachments." + itoa(i) + "."
		if fe, ok := ae.Fields[p+"network"]; ok && strings.Contains(fe.Message, "IPv6 gateway") {
			delete(ae.Fields, p+"network")
			ae.Fields[p+"ipv6.gateway"] = fe
		}
	}
	return ae
}

// jobGetter is the part of the engine session followJob needs.
type jobGetter interface {
	GetJob(ctx context.Context, id string) (*ovirt.Job, error)
}

// followJob polls an engine job until it is no longer started, or until
// JobWait has passed (the job is then returned as it is).
func (h *handlers) followJob(ctx context.Context, s jobGetter, ref *ovirt.Job) *wire.Job {
	if ref == nil || ref.ID == "" {
		return nil
	}
	v := &wire.Job{ID: ref.ID, Status: string(ref.Status), Description: ref.Description}
	deadline := time.Now().Add(h.JobWait)
	delay := 100 * time.Millisecond
	for {
		j, err := s.GetJob(ctx, ref.ID)
		if err != nil {
			h.Log.Warn("following engine job failed", "job", ref.ID, "err", err)
			return v
		}
		v.Status, v.Description = string(j.Status), j.Description
		if j.Status != ovirt.JobStatusStarted || time.Now().After(deadline) {
			return v
		}
		select {
		case <-ctx.Done():
			return v
		case <-time.After(delay):
		}
		delay = min(2*delay, time.Second)
	}
}

func (h *handlers) syncAllNetworks(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	res, err := s.SyncAllNetworks(h.longCall(c, DefaultConnectivityTimeout), id)
	if err != nil {
		return engineError(err)
	}
	out := wire.SetupResult{Status: string(res.Status), Warnings: []wire.Warning{}}
	if out.Status == "" {
		out.Status = string(ovirt.ActionStatusComplete)
	}
	out.Job = h.followJob(engineCtx(c), s, res.Job)
	return c.JSON(http.StatusOK, out)
}
