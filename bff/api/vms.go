package api

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// Virtual machines: the list with the guests' addresses by family, a VM's
// NICs, consoles and sessions, its .vv file, start (with Run Once's
// cloud-init network), stop, shutdown, migrate, and the address a
// migration will use. The actions send the request id as the engine's
// Correlation-Id (engineCtx), so their events reach /ws with it as the
// host actions' do; their job is followed as setupnetworks' is.

func (h *handlers) bindVMs(g *echo.Group) {
	g.GET("/vms", h.listVMs)
	g.GET("/vms/:id", h.getVM)
	g.PUT("/vms/:id", h.editVM)
	g.GET("/vms/:id/console.vv", h.consoleFile)
	g.POST("/vms/:id/start", h.startVM)
	g.POST("/vms/:id/stop", h.stopVM)
	g.POST("/vms/:id/shutdown", h.shutdownVM)
	g.POST("/vms/:id/migrate", h.migrateVM)
	g.GET("/vms/:id/migration-plan", h.migrationPlan)
}

// viewVM converts the engine's VM (without its NICs).
func viewVM(v *ovirt.Vm) wire.VM {
	out := wire.VM{ID: v.ID, Name: v.Name, Description: v.Description, Status: string(v.Status), StatusDetail: v.StatusDetail,
		IPv4: []wire.Addr{}, IPv6: []wire.Addr{}}
	if v.Host != nil && v.Host.ID != "" {
		out.Host = &wire.Ref{ID: v.Host.ID, Name: v.Host.Name}
	}
	if v.Cluster != nil && v.Cluster.ID != "" {
		out.Cluster = &wire.Ref{ID: v.Cluster.ID, Name: v.Cluster.Name}
	}
	if d := v.Display; d != nil {
		out.ConsoleProtocol = string(d.Type)
		if d.Proxy != "" {
			out.ConsoleProxy = consoleProxy(d.Proxy)
		}
	}
	return out
}

// consoleProxy describes the SPICE proxy: "host:port", "[v6]:port", a
// bare IPv6 literal or a URL (http://proxy:3128).
func consoleProxy(p string) *wire.ConsoleProxy {
	out := &wire.ConsoleProxy{Proxy: p}
	host := p
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
		host, _, _ = strings.Cut(host, "/")
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if a, err := validation.ParseAddr(host); err == nil && a.Is6() && !a.Is4In6() {
		out.IPv6Literal = true
		out.Warning = "The SPICE proxy is an IPv6 literal: webadmin and the VM Portal split it on \":\" and cannot use it; remote-viewer needs it in brackets ([" + a.String() + "]:port)."
	}
	return out
}

// guestAddrs sorts the reported addresses of nics into the VM's families.
func guestAddrs(v *wire.VM, nics []wire.VMNIC) {
	for _, n := range nics {
		for _, a := range n.Addresses {
			switch a.Kind {
			case validation.HostIPv4:
				v.IPv4 = append(v.IPv4, a)
			case validation.HostIPv6:
				v.IPv6 = append(v.IPv6, a)
			}
		}
	}
}

// viewVMNICs converts a VM's NICs with the addresses the guest reports on
// each (client.ListVMNICs keeps each NIC's own).
func viewVMNICs(nics []ovirt.Nic) []wire.VMNIC {
	out := make([]wire.VMNIC, 0, len(nics))
	for _, n := range nics {
		v := wire.VMNIC{ID: n.ID, Name: n.Name, Interface: string(n.Interface), Linked: bool(ovirt.Deref(n.Linked)),
			Plugged: bool(ovirt.Deref(n.Plugged)), Addresses: []wire.Addr{}}
		if n.Mac != nil {
			v.MAC = n.Mac.Address
		}
		if p := n.VnicProfile; p != nil && p.ID != "" {
			v.Profile = &wire.Ref{ID: p.ID, Name: p.Name}
		}
		if n.ReportedDevices != nil {
			for _, d := range n.ReportedDevices.ReportedDevice {
				if v.GuestName == "" {
					v.GuestName = d.Name
				}
				if d.Ips == nil {
					continue
				}
				for _, ip := range d.Ips.Ip {
					if ip.Address != "" {
						v.Addresses = append(v.Addresses, wire.IPAddr(ip.Address))
					}
				}
			}
		}
		out = append(out, v)
	}
	sortByName(out, func(v wire.VMNIC) string { return v.Name })
	return out
}

// familyParam reads ?family= (ipv4, ipv6 or nothing).
func familyParam(c echo.Context) (string, error) {
	switch f := c.QueryParam("family"); f {
	case "", "ipv4", "ipv6":
		return f, nil
	}
	return "", apierr.Validation(map[string]wire.FieldError{"family": {Code: "wrong_value", Message: "This parameter must be ipv4 or ipv6."}})
}

// listVMs is GET /api/vms[?family=ipv4|ipv6][&search=]: every VM with the
// addresses its guest reports (its NICs read concurrently, at most 8 at a
// time); with family only the VMs whose guest reports an address of that
// family.
func (h *handlers) listVMs(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	family, err := familyParam(c)
	if err != nil {
		return err
	}
	ctx := engineCtx(c)
	vms, err := s.ListVMs(ctx, client.ListOptions{Search: c.QueryParam("search")})
	if err != nil {
		return engineError(err)
	}
	names := h.refNames(c, s)
	out := make([]wire.VM, len(vms))
	errs := make([]error, len(vms))
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range vms {
		out[i] = viewVM(&vms[i])
		names.ref(refHosts, out[i].Host)
		names.ref(refClusters, out[i].Cluster)
		if vms[i].Status == ovirt.VmStatusDown {
			continue // no guest, no addresses
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			nics, err := s.ListVMNICs(ctx, vms[i].ID)
			if err != nil {
				errs[i] = err
				return
			}
			guestAddrs(&out[i], viewVMNICs(nics))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !isNotFound(err) { // a VM removed meanwhile has no NICs
			return engineError(err)
		}
	}
	if family != "" {
		kept := out[:0]
		for _, v := range out {
			if family == "ipv4" && len(v.IPv4) > 0 || family == "ipv6" && len(v.IPv6) > 0 {
				kept = append(kept, v)
			}
		}
		out = kept
	}
	sortByName(out, func(v wire.VM) string { return v.Name })
	return c.JSON(http.StatusOK, wire.VMList{VMs: out})
}

// getVM is GET /api/vms/:id: the VM with its NICs and their addresses, its
// consoles as the user types them and its sessions.
func (h *handlers) getVM(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	ctx := engineCtx(c)
	vm, err := s.GetVM(ctx, id)
	if err != nil {
		return engineError(err)
	}
	v := viewVM(vm)
	names := h.refNames(c, s)
	names.ref(refHosts, v.Host)
	names.ref(refClusters, v.Cluster)
	nics, err := s.ListVMNICs(ctx, id)
	if err != nil {
		return engineError(err)
	}
	v.NICs = viewVMNICs(nics)
	h.nameProfiles(ctx, s, v.NICs)
	guestAddrs(&v, v.NICs)
	v.InitialRun = initialRun(vm.Initialization)
	if vm.Status != ovirt.VmStatusDown {
		consoles, err := s.ListGraphicsConsoles(ctx, id)
		if err != nil && !isNotFound(err) {
			return engineError(err)
		}
		v.Consoles = viewConsoles(consoles)
		sessions, err := s.ListVMSessions(ctx, id)
		if err != nil && !isNotFound(err) {
			return engineError(err)
		}
		v.Sessions = viewSessions(sessions)
	}
	return c.JSON(http.StatusOK, v)
}

// viewConsoles converts the graphics consoles: the address in RFC 5952
// form, and host:port as the user types it (an IPv6 literal bracketed).
func viewConsoles(cs []ovirt.GraphicsConsole) []wire.Console {
	out := []wire.Console{}
	for _, gc := range cs {
		v := wire.Console{ID: gc.ID, Protocol: string(gc.Protocol)}
		if gc.Port != nil && *gc.Port > 0 {
			v.Port = int(*gc.Port)
		}
		if gc.TlsPort != nil && *gc.TlsPort > 0 {
			v.TLSPort = int(*gc.TlsPort)
		}
		if gc.Address != "" {
			a := wire.HostAddr(gc.Address)
			v.Address = &a
			if v.Port > 0 {
				v.Endpoint = net.JoinHostPort(a.Address, strconv.Itoa(v.Port))
			}
			if v.TLSPort > 0 {
				v.TLSEndpoint = net.JoinHostPort(a.Address, strconv.Itoa(v.TLSPort))
			}
		}
		out = append(out, v)
	}
	return out
}

// viewSessions converts the sessions: the console user with the client's
// address, the guest's user.
func viewSessions(ss []ovirt.Session) []wire.VMSession {
	out := []wire.VMSession{}
	for _, se := range ss {
		v := wire.VMSession{ConsoleUser: bool(ovirt.Deref(se.ConsoleUser)), Protocol: se.Protocol}
		if u := se.User; u != nil {
			v.User = u.UserName
			if v.User == "" {
				v.User = u.Name
			}
			if u.Domain != nil && u.Domain.Name != "" && v.User != "" && !strings.Contains(v.User, "@") {
				v.User += "@" + u.Domain.Name
			}
		}
		if se.Ip != nil && se.Ip.Address != "" {
			a := wire.IPAddr(se.Ip.Address)
			v.Client = &a
		}
		out = append(out, v)
	}
	return out
}

// consoleFile is GET /api/vms/:id/console.vv[?protocol=spice|vnc]: the
// engine's remote-viewer file with a fresh ticket (a secret: never cached,
// never logged), of the protocol asked for, else the VM's first console.
func (h *handlers) consoleFile(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	ctx := engineCtx(c)
	consoles, err := s.ListGraphicsConsoles(ctx, id)
	if err != nil {
		return engineError(err)
	}
	want := c.QueryParam("protocol")
	var console string
	for _, gc := range consoles {
		if want == "" || string(gc.Protocol) == want {
			console = gc.ID
			break
		}
	}
	if console == "" {
		if want != "" {
			return apierr.Validation(map[string]wire.FieldError{"protocol": {Code: "not_found", Message: "The VM has no " + want + " console."}})
		}
		return apierr.New(http.StatusConflict, apierr.CodeConflict, "The VM has no graphics console.")
	}
	vv, err := s.RemoteViewerFile(ctx, id, console)
	if err != nil {
		return engineError(err)
	}
	if vv == "" { // the engine's 204: no descriptor while the VM is down
		return apierr.New(http.StatusConflict, apierr.CodeConflict, "The VM is not running: its console has no connection file.")
	}
	hd := c.Response().Header()
	hd.Set("Cache-Control", "no-store")
	hd.Set("Pragma", "no-cache")
	hd.Set("Content-Disposition", `attachment; filename="console.vv"`)
	return c.Blob(http.StatusOK, "application/x-virt-viewer", []byte(vv))
}

// startVM is POST /api/vms/:id/start; a body with cloud_init makes it a
// Run Once with that network.
func (h *handlers) startVM(c echo.Context) error {
	var req wire.StartVMRequest
	if c.Request().ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			return err
		}
	}
	var opts client.StartVMOptions
	if ci := req.CloudInit; ci != nil {
		init, errs := cloudInit(ci, "cloud_init.")
		if err := errs.err(); err != nil {
			return err
		}
		opts = client.StartVMOptions{UseCloudInit: true, Initialization: init}
	}
	return h.vmAction(c, "start", func(s *client.Session, ctx context.Context, id string) (*ovirt.Action, error) {
		return s.StartVM(ctx, id, opts)
	})
}

// cloudInit converts Run Once's cloud-init network for the engine (the
// request's Validate has run): each family's cross-field rules are
// Setup Host Networks' (checkIP), the addresses spelled for the engine,
// on_boot true (the engine refuses anything else).
func cloudInit(r *wire.CloudInitRequest, path string) (*ovirt.Initialization, fieldErrs) {
	errs := fieldErrs{}
	var warn []wire.Warning
	init := &ovirt.Initialization{CloudInitNetworkProtocol: ovirt.CloudInitNetworkProtocol(r.Protocol)}
	if init.CloudInitNetworkProtocol == "" {
		init.CloudInitNetworkProtocol = ovirt.CloudInitNetworkProtocolOpenstackMetadata
	}
	if len(r.NICs) > 0 {
		init.NicConfigurations = &ovirt.NicConfigurations{}
	}
	for i, n := range r.NICs {
		p := path + "nics." + itoa(i) + "."
		nc := ovirt.NicConfiguration{Name: n.Name, OnBoot: ovirt.NewBool(true), BootProtocol: ovirt.BootProtocolNone}
		if v4 := n.IPv4; v4 != nil && v4.BootProtocol != "" {
			a := checkIP(p+"ipv4.", false, v4.BootProtocol, v4.Address, v4.Netmask, v4.Gateway, errs, &warn)
			nc.BootProtocol = a.AssignmentMethod
			if v4.BootProtocol == "static" {
				nc.Ip = &ovirt.Ip{Address: a.Ip.Address, Netmask: a.Ip.Netmask, Gateway: a.Ip.Gateway}
			}
		}
		if v6 := n.IPv6; v6 != nil && v6.BootProtocol != "" {
			a := checkIP(p+"ipv6.", true, v6.BootProtocol, v6.Address, v6.Prefix, v6.Gateway, errs, &warn)
			nc.Ipv6BootProtocol = a.AssignmentMethod
			if v6.BootProtocol == "static" {
				nc.Ipv6 = &ovirt.Ip{Address: a.Ip.Address, Netmask: a.Ip.Netmask, Gateway: a.Ip.Gateway}
			}
		}
		init.NicConfigurations.NicConfiguration = append(init.NicConfigurations.NicConfiguration, nc)
	}
	var dns []string
	for i, s := range r.DNSServers {
		dns = append(dns, forEngine(validation.EngineIPConfig, s, path+"dns_servers."+itoa(i), errs))
	}
	init.DnsServers = strings.Join(dns, " ")
	init.DnsSearch = strings.Join(r.DNSSearch, " ")
	return init, errs
}

// editVM is PUT /api/vms/:id: Edit VM's Initial Run, stored by the
// engine (PUT /vms/{id} with initialization: the NICs as a whole list, the
// protocol, the DNS servers and search domains sent) and shown on
// GET /api/vms/:id. The engine's refusals ("Cannot edit VM. …") come back
// as its error; the answer is the VM as GET shows it.
func (h *handlers) editVM(c echo.Context) error {
	var req wire.EditVMRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	if req.InitialRun != nil {
		init, errs := cloudInit(req.InitialRun, "initial_run.")
		if err := errs.err(); err != nil {
			return err
		}
		// nic_configurations replaces the stored list, even with none.
		if init.NicConfigurations == nil {
			init.NicConfigurations = &ovirt.NicConfigurations{}
		}
		if _, err := s.UpdateVM(engineCtx(c), id, &ovirt.Vm{Initialization: init}); err != nil {
			return engineError(err)
		}
		h.Log.Info("vm initial run edited", "id", id, "nics", len(req.InitialRun.NICs))
	}
	return h.getVM(c)
}

// initialRun is the engine's stored initialization as Edit VM shows it
// (nil without a cloud-init network): the NICs with the addresses of a
// static boot protocol, the DNS servers and search domains split on
// blanks.
func initialRun(in *ovirt.Initialization) *wire.CloudInitRequest {
	if in == nil || (in.NicConfigurations == nil || len(in.NicConfigurations.NicConfiguration) == 0) && in.DnsServers == "" && in.DnsSearch == "" {
		return nil
	}
	out := &wire.CloudInitRequest{Protocol: string(in.CloudInitNetworkProtocol), DNSServers: strings.Fields(in.DnsServers), DNSSearch: strings.Fields(in.DnsSearch)}
	if out.Protocol == "" {
		out.Protocol = string(ovirt.CloudInitNetworkProtocolOpenstackMetadata)
	}
	if in.NicConfigurations != nil {
		for _, nc := range in.NicConfigurations.NicConfiguration {
			n := wire.CloudInitNIC{Name: nc.Name}
			if p := string(nc.BootProtocol); p != "" && p != "none" {
				n.IPv4 = &wire.IPv4Request{BootProtocol: p}
				if p == "static" && nc.Ip != nil {
					n.IPv4.Address, n.IPv4.Netmask, n.IPv4.Gateway = nc.Ip.Address, nc.Ip.Netmask, nc.Ip.Gateway
				}
			}
			if p := string(nc.Ipv6BootProtocol); p != "" && p != "none" {
				n.IPv6 = &wire.IPv6Request{BootProtocol: p}
				if p == "static" && nc.Ipv6 != nil {
					n.IPv6.Address, n.IPv6.Prefix, n.IPv6.Gateway = nc.Ipv6.Address, nc.Ipv6.Netmask, nc.Ipv6.Gateway
				}
			}
			out.NICs = append(out.NICs, n)
		}
	}
	return out
}

// stopVM is POST /api/vms/:id/stop (power off).
func (h *handlers) stopVM(c echo.Context) error {
	return h.vmAction(c, "stop", func(s *client.Session, ctx context.Context, id string) (*ovirt.Action, error) {
		return s.StopVM(ctx, id, "")
	})
}

// shutdownVM is POST /api/vms/:id/shutdown (the guest shuts down).
func (h *handlers) shutdownVM(c echo.Context) error {
	return h.vmAction(c, "shutdown", func(s *client.Session, ctx context.Context, id string) (*ovirt.Action, error) {
		return s.ShutdownVM(ctx, id, "")
	})
}

// migrateVM is POST /api/vms/:id/migrate {host_id}: to that host, or
// (none) to the scheduler's.
func (h *handlers) migrateVM(c echo.Context) error {
	var req wire.MigrateVMRequest
	if c.Request().ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			return err
		}
	}
	return h.vmAction(c, "migrate", func(s *client.Session, ctx context.Context, id string) (*ovirt.Action, error) {
		return s.MigrateVM(ctx, id, req.HostID)
	}, fieldRule{"host", "host_id"}, fieldRule{"Host", "host_id"})
}

// vmAction runs a VM action, follows its job and answers the VM as it is
// now.
func (h *handlers) vmAction(c echo.Context, verb string, do func(*client.Session, context.Context, string) (*ovirt.Action, error), rules ...fieldRule) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	ctx := engineCtx(c)
	act, err := do(s, ctx, id)
	if err != nil {
		return engineError(err, rules...)
	}
	var job *wire.Job
	if act != nil && act.Job != nil {
		job = h.followJob(ctx, s, act.Job)
	}
	vm, err := s.GetVM(ctx, id)
	if err != nil {
		return engineError(err)
	}
	v := viewVM(vm)
	names := h.refNames(c, s)
	names.ref(refHosts, v.Host)
	names.ref(refClusters, v.Cluster)
	h.Log.Info("vm "+verb, "id", id)
	return c.JSON(http.StatusOK, wire.VMActionResult{VM: v, Job: job})
}

// migrationPlan is GET /api/vms/:id/migration-plan?host=: the address and
// family the migration to host will use, by MigrateVmCommand's rule
// (getLiteralMigrationNetworkIp) over the hosts' NICs as the engine
// reports them: the cluster's migration network; on the source and the
// destination the NIC that carries it, up (for a VLAN device: its base
// interface); IPv4 when both have an IPv4 address there, else IPv6 when both
// have one, else none (vdsm migrates to the destination's own address).
func (h *handlers) migrationPlan(c echo.Context) error {
	s, id, err := h.engineAt(c, "id")
	if err != nil {
		return err
	}
	ctx := engineCtx(c)
	vm, err := s.GetVM(ctx, id)
	if err != nil {
		return engineError(err)
	}
	if vm.Host == nil || vm.Host.ID == "" {
		return apierr.New(http.StatusConflict, apierr.CodeConflict, "The VM is not running: only a running VM migrates.")
	}
	names := h.refNames(c, s)
	plan := wire.MigrationPlan{Source: &wire.Ref{ID: vm.Host.ID, Name: vm.Host.Name}, Warnings: []wire.Warning{}}
	names.ref(refHosts, plan.Source)
	dst := c.QueryParam("host")
	if dst == "" {
		plan.Summary = "The scheduler picks the destination host; the migration uses that host's address on the cluster's migration network."
		return c.JSON(http.StatusOK, plan)
	}
	if len(dst) > 128 || strings.ContainsAny(dst, "/\\") {
		return apierr.Validation(map[string]wire.FieldError{"host": {Code: "not_found", Message: "There is no such host."}})
	}
	if dst == vm.Host.ID {
		return apierr.Validation(map[string]wire.FieldError{"host": {Code: "same_host", Message: "Cannot migrate VM. source and destination is the same."}})
	}
	dh, err := s.GetHost(ctx, dst)
	if err != nil {
		if isNotFound(err) {
			return apierr.Validation(map[string]wire.FieldError{"host": {Code: "not_found", Message: "There is no such host."}})
		}
		return engineError(err)
	}
	plan.Host = &wire.Ref{ID: dh.ID, Name: dh.Name}
	names.ref(refHosts, plan.Host)
	var mig *ovirt.Network
	if vm.Cluster != nil && vm.Cluster.ID != "" {
		nets, err := s.ListClusterNetworks(ctx, vm.Cluster.ID)
		if err != nil {
			return engineError(err)
		}
		for i := range nets {
			if nets[i].Usages != nil && containsUsage(nets[i].Usages.Usage, ovirt.NetworkUsageMigration) {
				mig = &nets[i]
				break
			}
		}
	}
	if mig == nil {
		plan.Summary = "over " + plan.Host.Name + "'s own address: the cluster has no migration network"
		return c.JSON(http.StatusOK, plan)
	}
	plan.Network = &wire.Ref{ID: mig.ID, Name: mig.Name}
	srcNICs, err := s.ListHostNICs(ctx, vm.Host.ID)
	if err != nil {
		return engineError(err)
	}
	dstNICs, err := s.ListHostNICs(ctx, dst)
	if err != nil {
		return engineError(err)
	}
	s4, s6 := migrationIPs(srcNICs, mig)
	d4, d6 := migrationIPs(dstNICs, mig)
	var chosen, family, label string
	switch {
	case s4 != "" && d4 != "":
		chosen, family, label = d4, "ipv4", "IPv4"
		if s6 != "" && d6 != "" {
			plan.Warnings = append(plan.Warnings, wire.Warning{Field: "host", Code: "migration_ipv4",
				Message: "The migration network " + mig.Name + " is dual-stack: the engine takes IPv4 whenever both hosts have an IPv4 address on it, so this migration will not use " + wire.IPAddr(d6).Address + "."})
		}
	case s6 != "" && d6 != "":
		chosen, family, label = d6, "ipv6", "IPv6"
	default:
		plan.Summary = "over " + plan.Host.Name + "'s own address: the migration network " + mig.Name + " has no address of one family on both hosts"
		return c.JSON(http.StatusOK, plan)
	}
	a := wire.IPAddr(chosen)
	plan.Address, plan.Family = &a, family
	plan.Summary = "over " + a.Address + " on " + mig.Name + " (" + label + ")"
	return c.JSON(http.StatusOK, plan)
}

func containsUsage(us []ovirt.NetworkUsage, u ovirt.NetworkUsage) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}

// migrationIPs is MigrateVmCommand.getMigrationNetworkAddress for both
// families: the addresses of the first NIC that carries network nw, when
// it is up (migrationInterfaceUp: a VLAN device's base interface is); ""
// for none.
func migrationIPs(nics []ovirt.HostNic, nw *ovirt.Network) (v4, v6 string) {
	for _, n := range nics {
		if n.Network == nil || !(n.Network.ID != "" && n.Network.ID == nw.ID || n.Network.ID == "" && n.Network.Name == nw.Name) {
			continue
		}
		status := n.Status
		if n.BaseInterface != "" { // a VLAN device: its base interface's status
			for _, b := range nics {
				if b.Name == n.BaseInterface {
					status = b.Status
					break
				}
			}
		}
		if status != ovirt.NicStatusUp {
			return "", ""
		}
		if n.Ip != nil {
			v4 = n.Ip.Address
		}
		if n.Ipv6 != nil {
			v6 = n.Ipv6.Address
		}
		return v4, v6
	}
	return "", ""
}

// nameProfiles names the NICs' vNIC profiles and their networks: the
// engine gives a NIC's profile by id only, so one GET
// /vnicprofiles?follow=network (client.ListVnicProfiles) names them all,
// whatever the number of NICs; none when no NIC has a profile to name.
// The names are a help, not the page: when the profiles cannot be read
// the NICs keep their profile ids (logged). An engine that does not
// follow links gives each profile's network by id only.
func (h *handlers) nameProfiles(ctx context.Context, s *client.Session, nics []wire.VMNIC) {
	need := false
	for _, n := range nics {
		need = need || n.Profile != nil && n.Profile.Name == ""
	}
	if !need {
		return
	}
	ps, err := s.ListVnicProfiles(ctx)
	if err != nil {
		h.Log.Warn("vNIC profiles not read: NICs show their profile ids", "err", err)
		return
	}
	byID := make(map[string]*ovirt.VnicProfile, len(ps))
	for i := range ps {
		byID[ps[i].ID] = &ps[i]
	}
	for i := range nics {
		n := &nics[i]
		if n.Profile == nil {
			continue
		}
		p := byID[n.Profile.ID]
		if p == nil {
			continue
		}
		if n.Profile.Name == "" {
			n.Profile.Name = p.Name
		}
		if p.Network != nil && p.Network.ID != "" {
			n.ProfileNetwork = &wire.Ref{ID: p.Network.ID, Name: p.Network.Name}
		}
	}
}
