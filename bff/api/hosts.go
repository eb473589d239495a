package api

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"sync"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

func viewHost(h *ovirt.Host) wire.Host {
	v := wire.Host{
		ID: h.ID, Name: h.Name, Comment: ovirt.Deref(h.Comment), Address: wire.HostAddr(h.Address),
		Status: string(h.Status), StatusDetail: h.StatusDetail,
	}
	if h.Port != nil {
		v.Port = int(*h.Port)
	}
	if h.Ssh != nil && h.Ssh.Port != nil {
		v.SSHPort = int(*h.Ssh.Port)
	}
	if h.Cluster != nil && h.Cluster.ID != "" {
		v.Cluster = &wire.Ref{ID: h.Cluster.ID, Name: h.Cluster.Name}
	}
	if pm := h.PowerManagement; pm != nil {
		v.PowerManagement = wire.PowerMgmt{
			Enabled:            bool(ovirt.Deref(pm.Enabled)),
			AutomaticPMEnabled: bool(ovirt.Deref(pm.AutomaticPmEnabled)),
			KdumpDetection:     bool(ovirt.Deref(pm.KdumpDetection)),
		}
		if pm.PmProxies != nil {
			for _, p := range pm.PmProxies.PmProxy {
				v.PowerManagement.PMProxies = append(v.PowerManagement.PMProxies, string(p.Type))
			}
		}
	}
	if h.Memory != nil {
		v.Memory = int64(*h.Memory)
	}
	if h.Cpu != nil {
		v.CPU = h.Cpu.Name
	}
	if h.Version != nil {
		v.Version = h.Version.FullVersion
	}
	return v
}

// summarize builds the NIC summary.
func summarize(nics []ovirt.HostNic) *wire.NICSummary {
	s := &wire.NICSummary{Total: len(nics), Addresses: []wire.NICAddress{}}
	for _, n := range nics {
		if n.Status == "up" {
			s.Up++
		}
		for _, ip := range []struct {
			ip    *ovirt.Ip
			proto ovirt.BootProtocol
		}{{n.Ip, n.BootProtocol}, {n.Ipv6, n.Ipv6BootProtocol}} {
			if ip.ip == nil || ip.ip.Address == "" {
				continue
			}
			a := wire.IPAddr(ip.ip.Address)
			na := wire.NICAddress{NIC: n.Name, Address: a.Address, Family: a.Kind.Text(), Scope: a.Scope, BootProtocol: string(ip.proto)}
			if a.Kind == validation.HostIPv6 {
				na.Prefix, _ = validation.ParseIPv6Prefix(ip.ip.Netmask)
			} else if ip.ip.Netmask != "" {
				na.Prefix, _ = validation.ParseIPv4Netmask(ip.ip.Netmask)
			}
			s.Addresses = append(s.Addresses, na)
		}
	}
	return s
}

func (h *handlers) bindHosts(g *echo.Group) {
	g.GET("/clusters", h.listClusters)
	g.GET("/hosts", h.listHosts)
	g.POST("/hosts", h.addHost)
	g.GET("/hosts/:id", h.getHost)
	g.PUT("/hosts/:id", h.editHost)
	g.DELETE("/hosts/:id", h.removeHost)
	g.GET("/engine-ssh-key", h.engineSSHKey)
	g.POST("/hosts/:id/maintenance", h.hostMaintenance)
	g.POST("/hosts/:id/activate", h.activateHost)
}

func (h *handlers) listClusters(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	cls, err := s.ListClusters(engineCtx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	// The engine's cluster names its data center by id only: one more call
	// gives the names the Host Cluster select groups by ("Data Center: …").
	names := h.refNames(c, s)
	out := make([]wire.Cluster, 0, len(cls))
	for _, cl := range cls {
		v := wire.Cluster{ID: cl.ID, Name: cl.Name}
		if cl.DataCenter != nil && cl.DataCenter.ID != "" {
			v.DataCenter = &wire.Ref{ID: cl.DataCenter.ID, Name: cl.DataCenter.Name}
			names.ref(refDataCenters, v.DataCenter)
		}
		out = append(out, v)
	}
	sortByName(out, func(v wire.Cluster) string { return v.Name })
	return c.JSON(http.StatusOK, wire.ClusterList{Clusters: out})
}

// listHosts returns every host with a summary of its NICs (fetched
// concurrently, at most 8 at a time).
func (h *handlers) listHosts(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	hosts, err := s.ListHosts(engineCtx(c), client.ListOptions{Search: c.QueryParam("search")})
	if err != nil {
		return engineError(err)
	}
	names := h.refNames(c, s)
	ctx := engineCtx(c)
	out := make([]wire.Host, len(hosts))
	errs := make([]error, len(hosts))
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range hosts {
		out[i] = viewHost(&hosts[i])
		names.ref(refClusters, out[i].Cluster)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			nics, err := s.ListHostNICs(ctx, hosts[i].ID)
			if err != nil {
				errs[i] = err
				return
			}
			out[i].NICSummary = summarize(nics)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !isNotFound(err) { // a host removed meanwhile has no NICs
			return engineError(err)
		}
	}
	sortByName(out, func(v wire.Host) string { return v.Name })
	return c.JSON(http.StatusOK, wire.HostList{Hosts: out})
}

func isNotFound(err error) bool { return errors.Is(err, client.ErrNotFound) }

// getHost returns a host with its NICs and fence agents.
func (h *handlers) getHost(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	host, err := s.GetHost(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	v := viewHost(host)
	names := h.refNames(c, s)
	names.ref(refClusters, v.Cluster)
	nics, err := s.ListHostNICs(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	v.NICSummary = summarize(nics)
	v.NICs = viewNICs(nics)
	nameNICNetworks(names, v.NICs)
	agents, err := s.ListFenceAgents(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	v.FenceAgents = viewAgents(agents)
	return c.JSON(http.StatusOK, v)
}

func pmToAPI(p *wire.PowerMgmtRequest) *ovirt.PowerManagement {
	if p == nil {
		return nil
	}
	pm := &ovirt.PowerManagement{Enabled: ovirt.NewBool(p.Enabled)}
	if p.AutomaticPMEnabled != nil {
		pm.AutomaticPmEnabled = ovirt.NewBool(*p.AutomaticPMEnabled)
	}
	if p.KdumpDetection != nil {
		pm.KdumpDetection = ovirt.NewBool(*p.KdumpDetection)
	}
	if p.PMProxies != nil {
		pm.PmProxies = &ovirt.PmProxies{}
		for _, t := range p.PMProxies {
			pm.PmProxies.PmProxy = append(pm.PmProxies.PmProxy, ovirt.PmProxy{Type: ovirt.PmProxyType(t)})
		}
	}
	return pm
}

// addHost adds a host, then its fence agents. An agent the engine refuses
// after the host was created is reported in warnings (the host exists).
func (h *handlers) addHost(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req wire.AddHostRequest
	errs, err := bindFields(c, &req)
	if err != nil {
		return err
	}
	host := &ovirt.Host{
		Name:    req.Name,
		Address: req.Address.String(), // parsed once, when decoded (Validate reports a refusal)
		Ssh:     &ovirt.Ssh{AuthenticationMethod: ovirt.SshAuthenticationMethodPassword},
	}
	if req.AuthMethod == "publickey" {
		// The host trusts the engine's key (GET /api/engine-ssh-key): no
		// password goes to the engine.
		host.Ssh.AuthenticationMethod = ovirt.SshAuthenticationMethodPublicKey
	} else {
		if req.RootPassword == "" {
			errs.set("root_password", string(validation.CodeEmpty), validation.MsgEmpty)
		}
		host.RootPassword = ovirt.Secret(req.RootPassword)
	}
	agents := make([]*ovirt.Agent, len(req.FenceAgents))
	for i := range req.FenceAgents {
		p := "fence_agents." + itoa(i) + "."
		if req.FenceAgents[i].Password == "" {
			errs.set(p+"password", string(validation.CodeEmpty), validation.MsgEmpty)
		}
		order := i + 1
		if req.FenceAgents[i].Concurrent && i > 0 { // concurrent: the previous agent's order
			order = int(agents[i-1].Order.Value())
		}
		agents[i] = agentToAPI(&req.FenceAgents[i], p, order, errs)
	}
	if err := errs.err(); err != nil {
		return err
	}
	if err := h.addressUnused(c, s, req.Address, "", "add"); err != nil {
		return err
	}
	if req.Comment != "" {
		host.Comment = ovirt.Ptr(req.Comment)
	}
	if req.Port != 0 {
		host.Port = ovirt.NewInt(req.Port)
	}
	if req.SSHPort != 0 {
		host.Ssh.Port = ovirt.NewInt(req.SSHPort)
	}
	clusterID := req.ClusterID
	if clusterID == "" {
		cls, err := s.ListClusters(engineCtx(c), client.ListOptions{})
		if err != nil {
			return engineError(err)
		}
		if len(cls) != 1 {
			return apierr.Validation(map[string]wire.FieldError{"cluster_id": {Code: string(validation.CodeEmpty), Message: "Select the cluster of the host."}})
		}
		clusterID = cls[0].ID
	}
	host.Cluster = ovirt.ClusterRef(clusterID)
	host.PowerManagement = pmToAPI(req.PowerManagement)

	added, err := s.AddHost(engineCtx(c), host, client.AddHostOptions{Activate: req.Activate, Reboot: req.Reboot})
	if err != nil {
		return engineError(err, fieldRule{"Cluster", "cluster_id"}, fieldRule{"cluster", "cluster_id"})
	}
	var warnings []wire.Warning
	var views []wire.Agent
	for i, a := range agents {
		got, err := s.AddFenceAgent(engineCtx(c), added.ID, a)
		if err != nil {
			msg := "The fence agent was not added."
			if e, ok := engineError(err).(*apierr.Error); ok {
				msg += " " + e.Message
			}
			warnings = append(warnings, wire.Warning{Field: "fence_agents." + itoa(i), Code: "fence_agent_not_added", Message: msg})
			continue
		}
		views = append(views, viewAgent(got))
	}
	v := viewHost(added)
	h.refNames(c, s).ref(refClusters, v.Cluster)
	v.FenceAgents = views
	h.Log.Info("host added", "host", added.Name, "id", added.ID)
	return c.JSON(http.StatusCreated, wire.AddHostResult{Host: v, Warnings: nonNil(warnings)})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (h *handlers) editHost(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	var req wire.EditHostRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	upd := &ovirt.Host{PowerManagement: pmToAPI(req.PowerManagement), Comment: req.Comment}
	if req.Name != nil {
		upd.Name = *req.Name
	}
	if req.Address != nil {
		upd.Address = req.Address.String()
	}
	if req.Port != nil {
		upd.Port = ovirt.NewInt(*req.Port)
	}
	if req.SSHPort != nil {
		upd.Ssh = &ovirt.Ssh{Port: ovirt.NewInt(*req.SSHPort)}
	}
	if req.ClusterID != nil {
		upd.Cluster = ovirt.ClusterRef(*req.ClusterID)
	}
	if err := errs.err(); err != nil {
		return err
	}
	if req.Address != nil {
		if err := h.addressUnused(c, s, *req.Address, id, "edit"); err != nil {
			return err
		}
	}
	got, err := s.UpdateHost(engineCtx(c), id, upd)
	if err != nil {
		return engineError(err, fieldRule{"Cluster", "cluster_id"}, fieldRule{"cluster", "cluster_id"})
	}
	v := viewHost(got)
	h.refNames(c, s).ref(refClusters, v.Cluster)
	return c.JSON(http.StatusOK, v)
}

func (h *handlers) removeHost(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	force, err := boolParam(c, "force")
	if err != nil {
		return err
	}
	if err := s.RemoveHost(engineCtx(c), id, force); err != nil {
		return engineError(err)
	}
	h.Log.Info("host removed", "id", id)
	return noContent(c)
}

// engineSSHKey is GET /api/engine-ssh-key: the engine's SSH public key, to
// copy to a host's /root/.ssh/authorized_keys before adding it by "SSH
// Public Key" (the engine's pki-resource, asked for a logged-in user only).
func (h *handlers) engineSSHKey(c echo.Context) error {
	if _, err := h.engine(c); err != nil {
		return err
	}
	key, err := h.Engine.EngineSSHPublicKey(engineCtx(c))
	if err != nil {
		return engineError(err)
	}
	return c.JSON(http.StatusOK, wire.EngineSSHKey{PublicKey: key})
}

// hostMaintenance is POST /api/hosts/:id/maintenance: the engine's
// deactivate. The answer is the host as it is now, with the job followed.
func (h *handlers) hostMaintenance(c echo.Context) error {
	return h.hostAction(c, "maintenance", (*client.Session).DeactivateHost)
}

// activateHost is POST /api/hosts/:id/activate.
func (h *handlers) activateHost(c echo.Context) error {
	return h.hostAction(c, "activate", (*client.Session).ActivateHost)
}

func (h *handlers) hostAction(c echo.Context, verb string, do func(*client.Session, context.Context, string) (*ovirt.Action, error)) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	act, err := do(s, engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	var job *wire.Job
	if act != nil && act.Job != nil {
		job = h.followJob(engineCtx(c), s, act.Job)
	}
	host, err := s.GetHost(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	v := viewHost(host)
	h.refNames(c, s).ref(refClusters, v.Cluster)
	h.Log.Info("host "+verb, "id", id)
	return c.JSON(http.StatusOK, wire.HostActionResult{Host: v, Job: job})
}

// setStats fills the traffic members from the engine's NIC statistics:
// data.current.{rx,tx}.bps (or the bytes/s data.current.{rx,tx} times 8),
// data.total.{rx,tx} and errors.total.{rx,tx} (vdsm's drops).
func setNICStats(n *wire.NIC, st []ovirt.Statistic) {
	val := map[string]float64{}
	for _, s := range st {
		if s.Values != nil && len(s.Values.Value) > 0 && s.Values.Value[0].Datum != nil {
			val[s.Name] = float64(*s.Values.Value[0].Datum)
		}
	}
	rate := func(dir string) *float64 {
		if v, ok := val["data.current."+dir+".bps"]; ok {
			return &v
		}
		if v, ok := val["data.current."+dir]; ok {
			v *= 8
			return &v
		}
		return nil
	}
	count := func(names ...string) *int64 {
		var sum int64
		found := false
		for _, name := range names {
			if v, ok := val[name]; ok {
				sum += int64(v)
				found = true
			}
		}
		if !found {
			return nil
		}
		return &sum
	}
	n.RxRateBps, n.TxRateBps = rate("rx"), rate("tx")
	n.RxTotalBytes, n.TxTotalBytes = count("data.total.rx"), count("data.total.tx")
	n.Drops = count("errors.total.rx", "errors.total.tx")
}

func ipConfig(ip *ovirt.Ip, proto ovirt.BootProtocol, v6 bool) *wire.IPConfig {
	if ip == nil && proto == "" {
		return nil
	}
	cfg := &wire.IPConfig{BootProtocol: string(proto)}
	if cfg.BootProtocol == "" {
		cfg.BootProtocol = "none"
	}
	if ip == nil {
		return cfg
	}
	if ip.Address != "" {
		a := wire.IPAddr(ip.Address)
		cfg.Address = &a
	}
	if gw, err := netip.ParseAddr(ip.Gateway); ip.Gateway != "" && (err != nil || !gw.IsUnspecified()) {
		v := wire.IPAddr(ip.Gateway) // "::" (and "0.0.0.0") is how engines say "no gateway"
		cfg.Gateway = &v
	}
	if ip.Netmask != "" {
		if v6 {
			if n, err := validation.ParseIPv6Prefix(ip.Netmask); err == nil {
				cfg.Prefix = &n
			}
		} else {
			cfg.Netmask = ip.Netmask
			if n, err := validation.ParseIPv4Netmask(ip.Netmask); err == nil {
				cfg.Prefix = &n
			}
		}
	}
	return cfg
}

func viewNICs(nics []ovirt.HostNic) []wire.NIC {
	byID := map[string]string{}
	for _, n := range nics {
		byID[n.ID] = n.Name
	}
	bondOf := map[string]string{}
	out := make([]wire.NIC, 0, len(nics))
	for _, n := range nics {
		v := wire.NIC{ID: n.ID, Name: n.Name, Status: string(n.Status), BaseInterface: n.BaseInterface, Bridged: bool(ovirt.Deref(n.Bridged))}
		if n.Mac != nil {
			v.MAC = n.Mac.Address
		}
		if n.Speed != nil {
			v.Speed = int64(*n.Speed)
		}
		if n.Mtu != nil {
			v.MTU = int(*n.Mtu)
		}
		if n.Vlan != nil && n.Vlan.ID != nil {
			v.VLANID = int(*n.Vlan.ID)
		}
		if n.Network != nil && (n.Network.ID != "" || n.Network.Name != "") {
			v.Network = &wire.Ref{ID: n.Network.ID, Name: n.Network.Name}
		}
		v.IPv4 = ipConfig(n.Ip, n.BootProtocol, false)
		v.IPv6 = ipConfig(n.Ipv6, n.Ipv6BootProtocol, true)
		if b := n.Bonding; b != nil {
			bv := &wire.Bond{Options: map[string]string{}, Slaves: []string{}}
			if b.Options != nil {
				for _, o := range b.Options.Option {
					bv.Options[o.Name] = o.Value
					if o.Name == "mode" {
						bv.Mode = o.Value
					}
				}
			}
			if b.Slaves != nil {
				for _, sl := range b.Slaves.HostNic {
					name := sl.Name
					if name == "" {
						name = byID[sl.ID] // the engine names slaves by id only
					}
					if name == "" {
						name = sl.ID // not in the list: show the id, never nothing
					}
					if name == "" {
						continue
					}
					bv.Slaves = append(bv.Slaves, name)
					bondOf[name] = n.Name
				}
			}
			v.Bond = bv
		}
		out = append(out, v)
	}
	for i := range out {
		out[i].BondedIn = bondOf[out[i].Name]
	}
	sortByName(out, func(v wire.NIC) string { return v.Name })
	return out
}

// nameNICNetworks names the networks of NICs that came by id only (a real
// engine clears the name of a NIC's network that is in the host's cluster:
// BackendHostNicsResource.list).
func nameNICNetworks(names *refNames, nics []wire.NIC) {
	for i := range nics {
		names.ref(refNetworks, nics[i].Network)
	}
}

// addressUnused refuses a host address another host (but exceptID) already
// has, compared as addresses (validation.SameHostAddress: the IPv4-mapped
// ::ffff:192.0.2.13 is 192.0.2.13, 2001:DB8::1 is 2001:db8::1), with the
// engine's 409 and message on "address" and the other host's name. The
// engine compares the text it stores, which the BFF spells canonically
// (validation.Host's String).
func (h *handlers) addressUnused(c echo.Context, s *client.Session, addr validation.Host, exceptID, action string) error {
	hosts, err := s.ListHosts(engineCtx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	for _, o := range hosts {
		if o.ID == exceptID || !validation.HostOf(o.Address).Same(addr) {
			continue
		}
		msg := "Cannot " + action + " Host. Host with the same address already exists."
		hint := msg + " " + o.Name + " has the address " + wire.HostAddr(o.Address).Address
		if t := addr.Text(); addr.String() != t {
			hint += " (" + t + " is " + addr.String() + ")"
		}
		return apierr.New(http.StatusConflict, apierr.CodeConflict, msg).WithField("address", "duplicate_address", hint+".")
	}
	return nil
}
