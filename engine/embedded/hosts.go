package embedded

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// Links and actions written on hosts: the implemented ones of api-subset §2.
var (
	hostLinks   = []string{"nics", "networkattachments", "fenceagents", "storage", "statistics"}
	hostActions = []string{"activate", "commitnetconfig", "deactivate", "discoveriscsi", "fence", "install",
		"iscsidiscover", "iscsilogin", "refresh", "setupnetworks", "syncallnetworks"}
)

// Host texts (engine messages).
const (
	// msgHostAddressLocked is oVirt's ACTION_TYPE_FAILED_HOSTNAME_CANNOT_CHANGE (two spaces included).
	msgHostAddressLocked = "Cannot edit Host. Host Address can not be modified due to Security restrictions.  In order to change Host Address, Host has to be reinstalled"
	msgHostOperational   = "Cannot remove Host. Host is operational. Please switch Host to Maintenance mode first."
	msgHostLocked        = "Cannot remove Host. Related operation is currently in progress. Please try again later."
)

// checkSpmPriority is VdsStatic.vdsSpmPriority's @Min(-1) @Max(10), with
// Hibernate Validator's default texts.
func checkSpmPriority(p *ovirt.Int) error {
	switch {
	case p == nil:
	case *p < -1:
		return badRequest(rules.Violation("must be greater than or equal to -1", "vdsStatic.vdsSpmPriority")...)
	case *p > 10:
		return badRequest(rules.Violation("must be less than or equal to 10", "vdsStatic.vdsSpmPriority")...)
	}
	return nil
}

// checkHostStatic is the bean validation of VdsStatic the engine runs
// before AddVds/UpdateVds: name (@Size(1, 255), @ValidNameWithDot), address
// (@Size(max 255), @HostnameOrIp), port and SSH port (@Range 1-65535). A
// member left out (name or address "" on update) is not checked. Every
// violation is reported, each with its attribute path.
func checkHostStatic(name, address string, port, sshPort *ovirt.Int) error {
	var msgs []string
	if name != "" {
		msgs = append(msgs, rules.Size(name, 1, rules.HostNameSize, "vdsStatic.name")...)
		if !rules.ValidNameWithDot(name) {
			msgs = append(msgs, rules.Violation(rules.MsgHostName, "vdsStatic.name")...)
		}
	}
	if address != "" {
		msgs = append(msgs, rules.Size(address, 0, rules.HostAddressSize, "vdsStatic.hostName")...)
		if !rules.ValidHostname(address) {
			msgs = append(msgs, rules.Violation(rules.MsgHostAddress, "vdsStatic.hostName")...)
		}
	}
	if port != nil && *port > 65535 {
		msgs = append(msgs, rules.Violation(rules.MsgPort, "vdsStatic.port")...)
	}
	if sshPort != nil && *sshPort > 65535 {
		// VdsStatic.sshPort's message key, which AppErrors lacks: the
		// engine shows the key itself.
		msgs = append(msgs, rules.Violation("VALIDATION.VDS.SSH_PORT.RANGE", "vdsStatic.sshPort")...)
	}
	if len(msgs) > 0 {
		return badRequest(msgs...)
	}
	return nil
}

func renderHost(h ovirt.Host) ovirt.Host {
	h.Href = ovirt.Href("hosts", h.ID)
	h.Link = ovirt.SubLinks(h.Href, hostLinks...)
	h.Actions = ovirt.NewActions(h.Href, hostActions...)
	if h.Cluster != nil {
		h.Cluster = ovirt.ClusterRef(h.Cluster.ID)
	}
	// HostMapper writes none of these (Ssh: port, user, fingerprint and
	// public_key; Ksm: enabled), although the model declares them.
	h.OverrideIptables = nil
	if h.Ssh != nil {
		h.Ssh.AuthenticationMethod = ""
	}
	if h.Ksm != nil {
		h.Ksm.MergeAcrossNodes = nil
	}
	return h
}

// putHost stores a host in its rendered form (href, links, actions), so
// that listing can copy the stored JSON without decoding it.
func putHost(tx *store.Tx, h ovirt.Host) error {
	return store.PutJSON(tx, kindHost, h.ID, "", h.Name, renderHost(h))
}

// hostRow is a stored host: its JSON and, when searching, the members
// search looks at.
type hostRow struct {
	raw []byte
	idx struct {
		ID             string               `json:"id"`
		Name           string               `json:"name"`
		Address        string               `json:"address"`
		Status         ovirt.HostStatus     `json:"status"`
		ExternalStatus ovirt.ExternalStatus `json:"external_status"`
		Type           ovirt.HostType       `json:"type"`
		Comment        string               `json:"comment"`
		Cluster        *struct {
			ID string `json:"id"`
		} `json:"cluster"`
	}
}

func hostRowFields(clusterNames map[string]string) map[string]fieldSpec[hostRow] {
	return map[string]fieldSpec[hostRow]{
		"name":            {fieldText, func(h *hostRow) string { return h.idx.Name }},
		"address":         {fieldAddr, func(h *hostRow) string { return h.idx.Address }},
		"status":          {fieldText, func(h *hostRow) string { return string(h.idx.Status) }},
		"external_status": {fieldText, func(h *hostRow) string { return string(h.idx.ExternalStatus) }},
		"comment":         {fieldText, func(h *hostRow) string { return h.idx.Comment }},
		"type":            {fieldText, func(h *hostRow) string { return string(h.idx.Type) }},
		"id":              {fieldText, func(h *hostRow) string { return h.idx.ID }},
		"cluster": {fieldText, func(h *hostRow) string {
			if h.idx.Cluster == nil {
				return ""
			}
			return clusterNames[h.idx.Cluster.ID]
		}},
	}
}

// listHosts is GET /hosts (search, max, case_sensitive). The stored JSON
// of each host is copied as is; only a search decodes (a few members).
func (e *Engine) listHosts(w http.ResponseWriter, r *http.Request) error {
	var rows []hostRow
	names := map[string]string{}
	search := r.URL.Query().Get("search") != ""
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		bodies, err := tx.ListAll(kindHost)
		if err != nil {
			return err
		}
		rows = make([]hostRow, len(bodies))
		for i, b := range bodies {
			rows[i].raw = b
			if search {
				if err := jsonUnmarshal(b, &rows[i].idx); err != nil {
					return err
				}
			}
		}
		if search {
			cs, err := store.ListAllJSON[ovirt.Cluster](tx, kindCluster)
			for _, c := range cs {
				names[c.ID] = c.Name
			}
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows, err = applySearch(r, rows, hostRowFields(names))
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return writeJSON(w, http.StatusOK, &ovirt.Hosts{})
	}
	if repOf(w).xml {
		return writeHostsXML(w, rows)
	}
	n := len(`{"host":[]}`) + len(rows)
	for _, row := range rows {
		n += len(row.raw)
	}
	buf := make([]byte, 0, n)
	buf = append(buf, `{"host":[`...)
	for i, row := range rows {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, row.raw...)
	}
	buf = append(buf, "]}"...)
	writeEncoded(w, http.StatusOK, "application/json", buf)
	return nil
}

// getHost is GET /hosts/{id}.
func (e *Engine) getHost(w http.ResponseWriter, r *http.Request) error {
	var h ovirt.Host
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		h, err = getJSON[ovirt.Host](tx, kindHost, r.PathValue("id"))
		return err
	})
	if err != nil {
		return err
	}
	out := renderHost(h)
	return writeJSON(w, http.StatusOK, &out)
}

// resolveCluster finds a cluster by id or name (400 when it does not exist).
func resolveCluster(tx *store.Tx, ref *ovirt.Cluster) (ovirt.Cluster, error) {
	if ref.ID != "" {
		c, err := store.GetJSON[ovirt.Cluster](tx, kindCluster, ref.ID)
		if errors.Is(err, store.ErrNotFound) {
			return c, entityNotFound("Cluster: id=" + ref.ID)
		}
		return c, err
	}
	_, b, err := tx.FindByName(kindCluster, "", ref.Name)
	if errors.Is(err, store.ErrNotFound) {
		return ovirt.Cluster{}, entityNotFound("Cluster: name=" + ref.Name)
	}
	if err != nil {
		return ovirt.Cluster{}, err
	}
	var c ovirt.Cluster
	return c, jsonUnmarshal(b, &c)
}

// addressInUse reports whether another host has the same address
// (compared canonically: 2001:db8::1 == [2001:DB8:0::1]).
func addressInUse(tx *store.Tx, addr, exceptID string) (bool, error) {
	hosts, err := store.ListAllJSON[ovirt.Host](tx, kindHost)
	if err != nil {
		return false, err
	}
	want := lab.CanonAddr(addr)
	for _, h := range hosts {
		if h.ID != exceptID && lab.CanonAddr(h.Address) == want {
			return true, nil
		}
	}
	return false, nil
}

// addHost is POST /hosts (?activate=false leaves the host in maintenance).
func (e *Engine) addHost(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.Host
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	// BackendHostsResource.add: validateParameters(host, "name", "address");
	// the cluster defaults to the one named Default.
	var missing []string
	if in.Name == "" {
		missing = append(missing, "name")
	}
	if in.Address == "" {
		missing = append(missing, "address")
	}
	if len(missing) > 0 {
		return incomplete("Host", "add", missing...)
	}
	if in.Cluster == nil || (in.Cluster.ID == "" && in.Cluster.Name == "") {
		in.Cluster = &ovirt.Cluster{Name: "Default"}
	}
	if in.Ssh != nil {
		switch in.Ssh.AuthenticationMethod {
		case "", ovirt.SshAuthenticationMethodPassword, ovirt.SshAuthenticationMethodPublicKey:
		default:
			return badEnum(string(in.Ssh.AuthenticationMethod), "SshAuthenticationMethod")
		}
	}
	var sshPort *ovirt.Int
	if in.Ssh != nil {
		sshPort = in.Ssh.Port
	}
	if err := checkHostStatic(in.Name, in.Address, in.Port, sshPort); err != nil {
		return err
	}
	if in.Spm != nil {
		if err := checkSpmPriority(in.Spm.Priority); err != nil {
			return err
		}
	}
	activate, err := queryBool(r, "activate", true)
	if err != nil {
		return err
	}
	cid := correlationID(r)
	var h ovirt.Host
	var inst installDoc
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		c, err := resolveCluster(tx, in.Cluster)
		if err != nil {
			return err
		}
		if _, _, err := tx.FindByName(kindHost, "", in.Name); err == nil {
			return conflict("Cannot add Host. The Host name is already in use, please choose a unique name and try again.")
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if used, err := addressInUse(tx, in.Address, ""); err != nil {
			return err
		} else if used {
			return conflict("Cannot add Host. Host with the same address already exists.")
		}
		h = newHostDoc(newID(), in.Name, in.Address, c.ID)
		h.Status = ovirt.HostStatusInstalling
		if in.Comment != nil {
			h.Comment = in.Comment
		}
		// HostMapper: a port of 0 or less (or none) is vdsm's 54321; an
		// SSH port of 0 or less is not mapped.
		if in.Port != nil && *in.Port > 0 {
			h.Port = in.Port
		}
		if in.Ssh != nil && in.Ssh.Port != nil && *in.Ssh.Port > 0 {
			h.Ssh.Port = in.Ssh.Port
		}
		// publickey: the simulated host trusts the engine's SSH key
		// (pki-resource), so no password is needed.
		if in.Ssh != nil && in.Ssh.AuthenticationMethod != "" {
			h.Ssh.AuthenticationMethod = in.Ssh.AuthenticationMethod
		}
		if in.Spm != nil && in.Spm.Priority != nil {
			h.Spm.Priority = in.Spm.Priority
		}
		mergePM(h.PowerManagement, in.PowerManagement)
		if err := putHost(tx, h); err != nil {
			return err
		}
		jobID, err := e.addJob(tx, "Adding new Host "+h.Name+" to Cluster "+c.Name, ovirt.JobStatusStarted, []stepSpec{
			{Type: ovirt.StepTypeValidating, Desc: "Validating", Status: ovirt.JobStatusFinished},
			{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusStarted},
		})
		if err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 42, Desc: "Host " + h.Name + " was added by " + adminAuthzName + ".", Host: &h, User: true, CID: cid}); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 509, Desc: "Installing Host " + h.Name + ". Stage: Initializing.", Host: &h, CID: cid}); err != nil {
			return err
		}
		inst = installDoc{HostID: h.ID, JobID: jobID, Activate: activate, Due: e.now().Add(e.cfg.InstallDelay).UnixMilli()}
		return store.PutJSON(tx, kindInstall, h.ID, "", "", inst)
	})
	if err != nil {
		return err
	}
	e.log.Info("host added", "host", h.Name, "address", h.Address)
	e.scheduleInstall(inst, e.cfg.InstallDelay)
	out := renderHost(h)
	return created(w, r, out.Href, &out)
}

// newHostDoc returns a host with the defaults of a freshly added host.
func newHostDoc(id, name, address, clusterID string) ovirt.Host {
	return ovirt.Host{
		ID:             id,
		Name:           name,
		Comment:        ovirt.Ptr(""),
		Address:        address,
		Port:           ovirt.NewInt(54321),
		ExternalStatus: ovirt.ExternalStatusOK,
		Type:           ovirt.HostTypeRHEL,
		Protocol:       ovirt.HostProtocolStomp,
		Cluster:        ovirt.ClusterRef(clusterID),
		Ssh:            &ovirt.Ssh{Port: ovirt.NewInt(22), User: &ovirt.User{UserName: "root"}, AuthenticationMethod: ovirt.SshAuthenticationMethodPassword},
		Spm:            &ovirt.Spm{Priority: ovirt.NewInt(5), Status: ovirt.SpmStatusNone},
		PowerManagement: &ovirt.PowerManagement{
			Enabled: ovirt.NewBool(false), AutomaticPmEnabled: ovirt.NewBool(true), KdumpDetection: ovirt.NewBool(true),
			PmProxies: &ovirt.PmProxies{PmProxy: []ovirt.PmProxy{{Type: ovirt.PmProxyTypeCluster}, {Type: ovirt.PmProxyTypeDC}}},
		},
		OverrideIptables: ovirt.NewBool(true),
	}
}

// setHostFacts fills in what vdsm reports once a host is installed.
func setHostFacts(h *ovirt.Host) {
	sum := sha256.Sum256([]byte(h.ID))
	mem := int64(64+64*int(sum[0]%2)) << 30
	h.Memory = ovirt.NewLong(mem)
	h.MaxSchedulingMemory = ovirt.NewLong(mem - mem/16)
	h.Cpu = &ovirt.Cpu{Name: "Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz", Speed: ovirt.NewDecimal(2000), Type: "Secure Intel Icelake Server Family",
		Topology: &ovirt.CpuTopology{Cores: ovirt.NewInt(28), Sockets: ovirt.NewInt(2), Threads: ovirt.NewInt(2)}}
	h.Os = &ovirt.OperatingSystem{Type: "RHEL", Version: &ovirt.Version{FullVersion: "9.4 - 1.el9", Major: ovirt.NewInt(9), Minor: ovirt.NewInt(4)},
		ReportedKernelCmdline: "BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-427.el9.x86_64 root=/dev/mapper/rhel-root ro"}
	h.Version = &ovirt.Version{Build: ovirt.NewInt(4), FullVersion: "vdsm-4.50.5.4-1.el9", Major: ovirt.NewInt(4), Minor: ovirt.NewInt(50), Revision: ovirt.NewInt(5)}
	h.LibvirtVersion = &ovirt.Version{Build: ovirt.NewInt(0), FullVersion: "libvirt-10.0.0-6.el9", Major: ovirt.NewInt(10), Minor: ovirt.NewInt(0), Revision: ovirt.NewInt(0)}
	h.HardwareInformation = &ovirt.HardwareInformation{Family: "PowerEdge", Manufacturer: "Dell Inc.", ProductName: "PowerEdge R650",
		SerialNumber: strings.ToUpper(base64.RawURLEncoding.EncodeToString(sum[1:6]))[:7], UUID: stableID("hw", h.ID), Version: "1.9.2"}
	h.Ksm = &ovirt.Ksm{Enabled: ovirt.NewBool(false), MergeAcrossNodes: ovirt.NewBool(true)}
	h.TransparentHugepages = &ovirt.TransparentHugePages{Enabled: ovirt.NewBool(true)}
	h.KdumpStatus = ovirt.KdumpStatusDisabled
	h.SeLinux = &ovirt.SeLinux{Mode: "enforcing"}
	h.Summary = &ovirt.VmSummary{Active: ovirt.NewInt(0), Migrating: ovirt.NewInt(0), Total: ovirt.NewInt(0)}
	h.Certificate = &ovirt.Certificate{Organization: "lab.example.org", Subject: "O=lab.example.org,CN=" + strings.Trim(h.Address, "[]")}
	h.Ssh.Fingerprint = "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
	h.AutoNumaStatus = "unknown"
	h.UpdateAvailable = ovirt.NewBool(false)
	h.ReinstallationRequired = ovirt.NewBool(false)
	h.OvnConfigured = ovirt.NewBool(true)
	h.NetworkOperationInProgress = ovirt.NewBool(false)
}

func mergePM(dst, in *ovirt.PowerManagement) {
	if in == nil || dst == nil {
		return
	}
	if in.Enabled != nil {
		dst.Enabled = in.Enabled
	}
	if in.AutomaticPmEnabled != nil {
		dst.AutomaticPmEnabled = in.AutomaticPmEnabled
	}
	if in.KdumpDetection != nil {
		dst.KdumpDetection = in.KdumpDetection
	}
	if in.PmProxies != nil {
		dst.PmProxies = in.PmProxies
	}
}

// goBackground runs fn in a goroutine Close waits for; it does nothing
// once the engine is closing.
func (e *Engine) goBackground(fn func(ctx context.Context)) {
	e.bgMu.Lock()
	defer e.bgMu.Unlock()
	if e.ctx.Err() != nil {
		return
	}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		fn(e.ctx)
	}()
}

// scheduleInstall finishes a simulated installation after d.
func (e *Engine) scheduleInstall(inst installDoc, d time.Duration) {
	e.goBackground(func(ctx context.Context) {
		t := time.NewTimer(max(d, 0))
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		if err := e.finishInstall(ctx, inst); err != nil && ctx.Err() == nil {
			e.log.Error("host install simulation failed", "host", inst.HostID, "err", err)
			if err := e.failInstall(ctx, inst, err); err != nil && ctx.Err() == nil {
				e.log.Error("recording the failed host install", "host", inst.HostID, "err", err)
			}
		}
	})
}

// resumeInstalls reschedules installations interrupted by a restart.
func (e *Engine) resumeInstalls(ctx context.Context) error {
	var docs []installDoc
	if err := e.st.View(ctx, func(tx *store.Tx) error {
		var err error
		docs, err = store.ListAllJSON[installDoc](tx, kindInstall)
		return err
	}); err != nil {
		return err
	}
	now := e.now().UnixMilli()
	for _, d := range docs {
		e.scheduleInstall(d, time.Duration(d.Due-now)*time.Millisecond)
	}
	return nil
}

// finishInstall moves an installing host to up (or maintenance): vdsm now
// reports its NICs and the management network is attached.
func (e *Engine) finishInstall(ctx context.Context, inst installDoc) error {
	unlock := e.locks.lock(inst.HostID)
	defer unlock()
	return e.st.Update(ctx, func(tx *store.Tx) error {
		h, err := store.GetJSON[ovirt.Host](tx, kindHost, inst.HostID)
		if errors.Is(err, store.ErrNotFound) {
			_ = tx.Delete(kindInstall, inst.HostID)
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.Delete(kindInstall, inst.HostID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if h.Status != ovirt.HostStatusInstalling {
			return nil
		}
		if e.beforeInstall != nil {
			if err := e.beforeInstall(h.ID); err != nil {
				return err
			}
		}
		hc, err := e.loadHostCtx(tx, h.ID)
		if err != nil {
			return err
		}
		if len(hc.hn.NICs) == 0 {
			if err := e.installHostNet(tx, hc); err != nil {
				return err
			}
		}
		setHostFacts(&h)
		status, statusText := ovirt.HostStatusUp, "Up"
		if !inst.Activate {
			status, statusText = ovirt.HostStatusMaintenance, "Maintenance"
		}
		h.Status = status
		if err := putHost(tx, h); err != nil {
			return err
		}
		if err := e.endJob(tx, inst.JobID, ovirt.JobStatusFinished); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 500, Desc: "Host " + h.Name + " installed", Host: &h}); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 13, Desc: "Status of host " + h.Name + " was set to " + statusText + ".", Host: &h})
	})
}

// failInstall ends an installation that could not be simulated the way
// the real engine ends a failed host deploy: the host goes to
// install_failed, event 505 (VDS_INSTALL_FAILED) is logged as an error and
// the job fails. A host no longer installing is left alone.
func (e *Engine) failInstall(ctx context.Context, inst installDoc, cause error) error {
	unlock := e.locks.lock(inst.HostID)
	defer unlock()
	return e.st.Update(ctx, func(tx *store.Tx) error {
		if err := tx.Delete(kindInstall, inst.HostID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		h, err := store.GetJSON[ovirt.Host](tx, kindHost, inst.HostID)
		if errors.Is(err, store.ErrNotFound) {
			return e.endJob(tx, inst.JobID, ovirt.JobStatusFailed)
		}
		if err != nil {
			return err
		}
		if h.Status != ovirt.HostStatusInstalling {
			return nil
		}
		h.Status = ovirt.HostStatusInstallFailed
		if err := putHost(tx, h); err != nil {
			return err
		}
		if err := e.endJob(tx, inst.JobID, ovirt.JobStatusFailed); err != nil {
			return err
		}
		msg := strings.TrimSuffix(strings.TrimPrefix(cause.Error(), "netsim: "), ".")
		if err := e.addEvent(tx, eventSpec{Code: 505, Severity: ovirt.LogSeverityError,
			Desc: "Host " + h.Name + " installation failed. " + msg + ".", Host: &h}); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 13, Desc: "Status of host " + h.Name + " was set to InstallFailed.", Host: &h})
	})
}

// installHostNet gives a newly installed host four 10G NICs and attaches
// the management network to eth0 with the configuration the host's address
// implies: static IPv6 for an IPv6 literal, static IPv4 (+ autoconf) for an
// IPv4 literal, DHCP + autoconf for a name.
func (e *Engine) installHostNet(tx *store.Tx, hc *hostCtx) error {
	hn := &netplan.HostNet{HostID: hc.host.ID}
	for i := range 4 {
		name := "eth" + string(rune('0'+i))
		hn.NICs = append(hn.NICs, netplan.NIC{ID: newID(), Name: name, MAC: netsim.NewMAC(netsim.OUIIntel, hc.host.ID+"/"+name).String(), Speed: 10_000_000_000})
	}
	mgmt := hc.nets[hc.mgmtID]
	if mgmt != nil {
		a := netplan.Attachment{ID: newID(), NetworkID: mgmt.API.ID, Nic: "eth0"}
		a.V4, a.V6 = mgmtConfig(hc.host.Address, mgmt)
		hn.Atts = append(hn.Atts, a)
		if mgmt.VLAN() != 0 {
			hn.Atts[0].VlanNicID = newID()
		}
		if err := simulate(tx, hn, mgmt, &hn.Atts[0]); err != nil {
			return err
		}
	}
	hn.Committed = true
	return saveHostNet(tx, hn)
}

// mgmtConfig is how the simulated host configures its management network
// from the address it was added by (vdsm's view of the host, not an
// engine rule): an IPv6 literal (bracketed or not, IPv4-mapped meaning
// IPv4) is configured static, an IPv4 literal static /24, a name DHCP.
func mgmtConfig(address string, mgmt *netplan.Network) (v4, v6 netplan.IPConfig) {
	lit := strings.TrimSuffix(strings.TrimPrefix(address, "["), "]")
	a, err := netip.ParseAddr(lit)
	if err != nil {
		if b, ok := rules.ParseIPv4(lit); ok {
			a, err = b, nil
		}
	}
	if err == nil && a.Is4In6() {
		// ::ffff:192.0.2.44 reaches an IPv4 host: vdsm configures IPv4.
		a = a.Unmap()
	}
	switch {
	case err == nil && a.Is6() && a.Zone() == "" && !a.IsLinkLocalUnicast():
		v6 = netplan.IPConfig{Proto: "static", Addr: a.String(), Netmask: "64"}
		if p, err := netip.ParsePrefix(mgmt.Sim.IPv6); err == nil && p.Contains(a) {
			v6.Gateway = p.Masked().Addr().Next().String()
		}
		return netplan.IPConfig{Proto: "none"}, v6
	case err == nil && a.Is4():
		p := netip.PrefixFrom(a, 24).Masked()
		return netplan.IPConfig{Proto: "static", Addr: a.String(), Netmask: "255.255.255.0", Gateway: p.Addr().Next().String()}, netplan.IPConfig{Proto: "autoconf"}
	}
	return netplan.IPConfig{Proto: "dhcp"}, netplan.IPConfig{Proto: "autoconf"}
}

// updateHost is PUT /hosts/{id}.
func (e *Engine) updateHost(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.Host
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	cid := correlationID(r)
	var h ovirt.Host
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		var err error
		if h, err = getJSON[ovirt.Host](tx, kindHost, r.PathValue("id")); err != nil {
			return err
		}
		var sshPort *ovirt.Int
		if in.Ssh != nil {
			sshPort = in.Ssh.Port
		}
		name, addr := in.Name, in.Address
		if name == h.Name {
			name = ""
		}
		if addr == h.Address {
			addr = ""
		}
		if err := checkHostStatic(name, addr, in.Port, sshPort); err != nil {
			return err
		}
		if name != "" {
			if _, _, err := tx.FindByName(kindHost, "", name); err == nil {
				return conflict(rules.MsgNameInUse("edit", "Host"))
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			h.Name = name
		}
		if addr != "" {
			// UpdateHostValidator.updateHostAddressAllowed: only a host
			// whose installation failed takes a new address, in
			// Maintenance neither (ACTION_TYPE_FAILED_HOSTNAME_CANNOT_CHANGE,
			// BAD_PARAMETERS).
			if h.Status != ovirt.HostStatusInstallFailed {
				return badRequest(msgHostAddressLocked)
			}
			if used, err := addressInUse(tx, addr, h.ID); err != nil {
				return err
			} else if used {
				return conflict("Cannot edit Host. Host with the same address already exists.")
			}
			h.Address = addr
		}
		// The comment is free text (vds_static.free_text_comment is text,
		// VdsStatic.comment has no @Size). A host's description is not
		// mapped from a request (HostMapper writes the OS's pretty name
		// there), so it is not taken.
		if in.Comment != nil {
			h.Comment = in.Comment
		}
		// HostMapper: a port of 0 or less, or none, is reset to 54321.
		if in.Port != nil && *in.Port > 0 {
			h.Port = in.Port
		} else {
			h.Port = ovirt.NewInt(54321)
		}
		if in.Ssh != nil && in.Ssh.Port != nil && *in.Ssh.Port > 0 {
			h.Ssh.Port = in.Ssh.Port
		}
		if in.Cluster != nil && (in.Cluster.ID != "" || in.Cluster.Name != "") {
			c, err := resolveCluster(tx, in.Cluster)
			if err != nil {
				return err
			}
			if h.Cluster == nil || c.ID != h.Cluster.ID {
				switch h.Status {
				case ovirt.HostStatusMaintenance, ovirt.HostStatusInstallFailed:
				default:
					return conflict("Cannot edit Host. Host parameters cannot be modified while Host is operational. Please switch Host to Maintenance mode first.")
				}
				h.Cluster = ovirt.ClusterRef(c.ID)
			}
		}
		if in.Spm != nil && in.Spm.Priority != nil {
			if err := checkSpmPriority(in.Spm.Priority); err != nil {
				return err
			}
			h.Spm.Priority = in.Spm.Priority
		}
		mergePM(h.PowerManagement, in.PowerManagement)
		if err := putHost(tx, h); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 43, Desc: "Host " + h.Name + " configuration was updated by " + adminAuthzName + ".", Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderHost(h)
	return writeJSON(w, http.StatusOK, &out)
}

// removeHost is DELETE /hosts/{id} (?force=true also removes an
// operational host).
func (e *Engine) removeHost(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	force, err := queryBool(r, "force", false)
	if err != nil {
		return err
	}
	if err := e.hostExists(r.Context(), id); err != nil {
		return err
	}
	unlock, ok := e.locks.tryLock(id)
	if !ok {
		return conflict(msgHostLocked)
	}
	defer unlock()
	cid := correlationID(r)
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		hc, err := e.loadHostCtx(tx, id)
		if err != nil {
			return err
		}
		h := hc.host
		if !force {
			switch h.Status {
			case ovirt.HostStatusUp, ovirt.HostStatusPreparingForMaintenance:
				return conflict(msgHostOperational)
			case ovirt.HostStatusInstalling:
				return conflict(msgHostLocked)
			}
		}
		for i := range hc.hn.Atts {
			if err := releaseLeases(tx, &hc.hn.Atts[i]); err != nil {
				return err
			}
		}
		for _, k := range []string{kindHost, kindHostNet, kindInstall} {
			if err := tx.Delete(k, id); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		for _, k := range []string{kindAgent, kindISCSISession} {
			if _, err := tx.DeleteChildren(k, id); err != nil {
				return err
			}
		}
		return e.addEvent(tx, eventSpec{Code: 44, Desc: "Host " + h.Name + " was removed by " + adminAuthzName + ".", Host: &h, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}

// hostTransition runs a host lifecycle action: check reports a 409 text
// when the status does not allow it, apply changes the host.
func (e *Engine) hostTransition(w http.ResponseWriter, r *http.Request, verb string, check func(h *ovirt.Host) string, apply func(tx *store.Tx, h *ovirt.Host, act *ovirt.Action, cid string) (string, error)) error {
	id, act, err := e.hostAction(r)
	if err != nil {
		return err
	}
	unlock, ok := e.locks.tryLock(id)
	if !ok {
		return conflict("Cannot " + verb + ". Related operation is currently in progress. Please try again later.")
	}
	defer unlock()
	cid := correlationID(r)
	var jobID string
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		h, err := getJSON[ovirt.Host](tx, kindHost, id)
		if err != nil {
			return err
		}
		if msg := check(&h); msg != "" {
			return conflict(msg)
		}
		if jobID, err = apply(tx, &h, &act, cid); err != nil {
			return err
		}
		return putHost(tx, h)
	})
	if err != nil {
		return err
	}
	act.Status = ovirt.ActionStatusComplete
	act.Host = ovirt.HostRef(id) // the REST layer's setActionItem
	if jobID != "" {
		act.Job = ovirt.JobRef(jobID)
	}
	return writeJSON(w, http.StatusOK, &act)
}

// activateHost is POST /hosts/{id}/activate.
func (e *Engine) activateHost(w http.ResponseWriter, r *http.Request) error {
	return e.hostTransition(w, r, "activate Host", func(h *ovirt.Host) string {
		switch h.Status {
		case ovirt.HostStatusUp:
			return "Cannot activate Host. Host is already Up."
		case ovirt.HostStatusInstalling:
			return "Cannot activate Host. Host is being installed."
		case ovirt.HostStatusDown:
			return "Cannot activate Host. Host is down: start it with power management first."
		}
		return ""
	}, func(tx *store.Tx, h *ovirt.Host, _ *ovirt.Action, cid string) (string, error) {
		h.Status = ovirt.HostStatusUp
		if err := e.addEvent(tx, eventSpec{Code: 16, Desc: "Host " + h.Name + " was activated by " + adminAuthzName + ".", Host: h, User: true, CID: cid}); err != nil {
			return "", err
		}
		return e.addJob(tx, "Activating Host "+h.Name, ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
	})
}

// deactivateHost is POST /hosts/{id}/deactivate (to maintenance).
func (e *Engine) deactivateHost(w http.ResponseWriter, r *http.Request) error {
	return e.hostTransition(w, r, "switch Host to Maintenance mode", func(h *ovirt.Host) string {
		switch h.Status {
		case ovirt.HostStatusMaintenance:
			return "Cannot switch Host to Maintenance mode. Host is already in Maintenance mode."
		case ovirt.HostStatusInstalling:
			return "Cannot switch Host to Maintenance mode. Host is being installed."
		}
		return ""
	}, func(tx *store.Tx, h *ovirt.Host, _ *ovirt.Action, cid string) (string, error) {
		h.Status = ovirt.HostStatusMaintenance
		if h.Spm != nil {
			h.Spm.Status = ovirt.SpmStatusNone
		}
		if err := e.addEvent(tx, eventSpec{Code: 600, Desc: "Host " + h.Name + " was switched to Maintenance Mode by " + adminAuthzName + ".", Host: h, User: true, CID: cid}); err != nil {
			return "", err
		}
		return e.addJob(tx, "Moving Host "+h.Name+" to Maintenance", ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
	})
}

// installHost is POST /hosts/{id}/install: reinstall (simulated again).
func (e *Engine) installHost(w http.ResponseWriter, r *http.Request) error {
	var inst installDoc
	err := e.hostTransition(w, r, "install Host", func(h *ovirt.Host) string {
		switch h.Status {
		case ovirt.HostStatusUp:
			return "Cannot install Host. Host is operational. Please switch Host to Maintenance mode first."
		case ovirt.HostStatusInstalling:
			return "Cannot install Host. Host is already being installed."
		}
		return ""
	}, func(tx *store.Tx, h *ovirt.Host, act *ovirt.Action, cid string) (string, error) {
		h.Status = ovirt.HostStatusInstalling
		jobID, err := e.addJob(tx, "Installing Host "+h.Name, ovirt.JobStatusStarted, []stepSpec{
			{Type: ovirt.StepTypeValidating, Desc: "Validating", Status: ovirt.JobStatusFinished},
			{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusStarted},
		})
		if err != nil {
			return "", err
		}
		if err := e.addEvent(tx, eventSpec{Code: 509, Desc: "Installing Host " + h.Name + ". Stage: Initializing.", Host: h, User: true, CID: cid}); err != nil {
			return "", err
		}
		inst = installDoc{HostID: h.ID, JobID: jobID, Activate: act.Activate.Or(true), Due: e.now().Add(e.cfg.InstallDelay).UnixMilli()}
		return jobID, store.PutJSON(tx, kindInstall, h.ID, "", "", inst)
	})
	if err == nil && inst.HostID != "" {
		e.scheduleInstall(inst, e.cfg.InstallDelay)
	}
	return err
}

// refreshHost is POST /hosts/{id}/refresh (capabilities refresh).
func (e *Engine) refreshHost(w http.ResponseWriter, r *http.Request) error {
	return e.hostTransition(w, r, "refresh Host capabilities", func(h *ovirt.Host) string {
		if h.Status == ovirt.HostStatusInstalling {
			return "Cannot refresh Host capabilities. Host is being installed."
		}
		return ""
	}, func(tx *store.Tx, h *ovirt.Host, _ *ovirt.Action, cid string) (string, error) {
		if err := e.addEvent(tx, eventSpec{Code: 606, Desc: "Successfully refreshed the capabilities of host " + h.Name + ".", Host: h, User: true, CID: cid}); err != nil {
			return "", err
		}
		return e.addJob(tx, "Refresh Host capabilities for "+h.Name, ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
	})
}

// hostStatistics is GET /hosts/{id}/statistics.
func (e *Engine) hostStatistics(w http.ResponseWriter, r *http.Request) error {
	var h ovirt.Host
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		h, err = getJSON[ovirt.Host](tx, kindHost, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	now := e.now()
	total := float64(h.Memory.Value())
	t := float64(now.Unix())
	used := total * (0.18 + 0.04*sinFrac(t/120+float64(len(h.ID))))
	user := 3 + 2*sinFrac(t/45)
	sys := 1 + 0.5*sinFrac(t/60)
	href := ovirt.Href("hosts", h.ID)
	stat := func(name, desc string, kind ovirt.StatisticKind, typ ovirt.ValueType, unit ovirt.StatisticUnit, v float64) ovirt.Statistic {
		id := stableID(h.ID, name)
		return ovirt.Statistic{ID: id, Href: href + "/statistics/" + id, Name: name, Description: desc, Kind: kind, Type: typ, Unit: unit,
			Values: &ovirt.Values{Value: []ovirt.Value{{Datum: ovirt.NewDecimal(v)}}}, Host: ovirt.HostRef(h.ID)}
	}
	out := ovirt.Statistics{Statistic: []ovirt.Statistic{
		stat("memory.total", "Total memory", ovirt.StatisticKindGauge, ovirt.ValueTypeInteger, ovirt.StatisticUnitBytes, total),
		stat("memory.used", "Used memory", ovirt.StatisticKindGauge, ovirt.ValueTypeInteger, ovirt.StatisticUnitBytes, float64(int64(used))),
		stat("memory.free", "Free memory", ovirt.StatisticKindGauge, ovirt.ValueTypeInteger, ovirt.StatisticUnitBytes, float64(int64(total-used))),
		stat("cpu.current.user", "User CPU usage", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitPercent, roundTo(user, 2)),
		stat("cpu.current.system", "System CPU usage", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitPercent, roundTo(sys, 2)),
		stat("cpu.current.idle", "Idle CPU usage", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitPercent, roundTo(100-user-sys, 2)),
		stat("boot.time", "Boot time of the machine", ovirt.StatisticKindGauge, ovirt.ValueTypeInteger, ovirt.StatisticUnitNone, float64(now.Unix()-now.Unix()%1_000_000-86_400)),
	}}
	return writeJSON(w, http.StatusOK, &out)
}
