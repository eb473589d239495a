package embedded

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// vmDoc is a stored VM: the API view (static settings and, while it runs,
// host, display and start time), its NICs, the guest's state and a pending
// transition (boot, migration) the background finishes.
type vmDoc struct {
	API  ovirt.Vm `json:"api"`
	NICs []vmNIC  `json:"nics,omitempty"`
	// GuestNet is the network configuration the guest keeps (cloud-init's
	// last, else the image's default).
	GuestNet []guestNicConfig `json:"guest_net,omitempty"`
	// Guest is what the guest agent reports while the VM runs.
	Guest []guestIface `json:"guest,omitempty"`
	// ConsoleUser and ClientIP are the console session; GuestUser the
	// user logged in to the guest.
	ConsoleUser string     `json:"console_user,omitempty"`
	ClientIP    string     `json:"client_ip,omitempty"`
	GuestUser   string     `json:"guest_user,omitempty"`
	Pending     *vmPending `json:"pending,omitempty"`
	// LastMigration is the destination address and family the last
	// migration used (MigrateVmCommand's choice; "" = the host's address).
	LastMigration *vmMigration `json:"last_migration,omitempty"`
	// Initialized is vm_static.is_initialized: set when the VM first
	// comes up (RunVmCommandBase.runningSucceded). Until then a plain
	// start hands the guest the stored initialization
	// (RunVmCommand.updateVmInit).
	Initialized bool `json:"initialized,omitempty"`
}

// vmNIC is a VM network interface; its vNIC profile is the network's.
type vmNIC struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	MAC       string `json:"mac"`
	NetworkID string `json:"network_id"`
}

// vmPending is a transition simulated vdsm finishes after Due.
type vmPending struct {
	Kind  string `json:"kind"` // "boot", "migrate"
	JobID string `json:"job_id"`
	Due   int64  `json:"due"` // epoch ms
	Dest  string `json:"dest,omitempty"`
	Start int64  `json:"start"` // epoch ms
}

// vmMigration records a migration's destination address.
type vmMigration struct {
	Source  string `json:"source"`
	Dest    string `json:"dest"`
	Address string `json:"address,omitempty"`
	Family  string `json:"family,omitempty"`
}

const (
	kindVM     = "vm" // vmDoc
	metaSeedVM = "seeded_vms"
	leaseVM    = "vm|" // lease owner prefix of a VM's guest leases
	// DefaultVMBootDelay and DefaultMigrationDelay are how long a simulated
	// guest takes to boot (powering_up -> up) and a migration to finish.
	DefaultVMBootDelay    = 1 * time.Second
	DefaultMigrationDelay = 2 * time.Second
)

var vmActionNames = []string{"cancelmigration", "migrate", "reboot", "shutdown", "start", "stop", "suspend", "ticket"}

// consoleID is a graphics console's id: the protocol in hex.
func consoleID(p ovirt.GraphicsType) string { return hex.EncodeToString([]byte(p)) }

// vnicProfileID is the vNIC profile of a network (one per network here).
func vnicProfileID(networkID string) string { return stableID("vnicprofile", networkID) }

func isRunning(s ovirt.VmStatus) bool {
	return s != ovirt.VmStatusDown && s != ovirt.VmStatusUnassigned && s != ""
}

// renderVM is the VmMapper view of a stored VM: host and display address
// and ports only while it runs.
func renderVM(d vmDoc) ovirt.Vm {
	v := d.API
	v.Href = ovirt.Href("vms", v.ID)
	v.Link = ovirt.SubLinks(v.Href, "graphicsconsoles", "nics", "reporteddevices", "sessions")
	v.Actions = &ovirt.Actions{Link: ovirt.SubLinks(v.Href, vmActionNames...)}
	if d.API.Display != nil {
		disp := *d.API.Display
		v.Display = &disp
	}
	if !isRunning(v.Status) {
		v.Host, v.StartTime = nil, nil
		if v.Display != nil {
			v.Display.Address, v.Display.Port, v.Display.SecurePort = "", nil, nil
		}
	}
	return v
}

func putVM(tx *store.Tx, d vmDoc) error {
	return store.PutJSON(tx, kindVM, d.API.ID, "", d.API.Name, d)
}

type vmRow struct {
	doc      vmDoc
	hostName string
}

func vmRowFields() map[string]fieldSpec[vmRow] {
	return map[string]fieldSpec[vmRow]{
		"name":    {fieldText, func(v *vmRow) string { return v.doc.API.Name }},
		"status":  {fieldText, func(v *vmRow) string { return string(v.doc.API.Status) }},
		"id":      {fieldText, func(v *vmRow) string { return v.doc.API.ID }},
		"comment": {fieldText, func(v *vmRow) string { return ovirt.Deref(v.doc.API.Comment) }},
		"host":    {fieldText, func(v *vmRow) string { return v.hostName }},
	}
}

// listVMs is GET /vms (search name=, status=, host=; max).
func (e *Engine) listVMs(w http.ResponseWriter, r *http.Request) error {
	var rows []vmRow
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		docs, err := store.ListAllJSON[vmDoc](tx, kindVM)
		if err != nil {
			return err
		}
		hosts, err := store.ListAllJSON[ovirt.Host](tx, kindHost)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, h := range hosts {
			names[h.ID] = h.Name
		}
		for _, d := range docs {
			row := vmRow{doc: d}
			if d.API.Host != nil && isRunning(d.API.Status) {
				row.hostName = names[d.API.Host.ID]
			}
			rows = append(rows, row)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(rows, func(a, b vmRow) int { return strings.Compare(a.doc.API.Name, b.doc.API.Name) })
	if rows, err = applySearch(r, rows, vmRowFields()); err != nil {
		return err
	}
	out := &ovirt.Vms{}
	for _, row := range rows {
		out.Vm = append(out.Vm, renderVM(row.doc))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (e *Engine) viewVM(r *http.Request, fn func(tx *store.Tx, d *vmDoc) error) error {
	return e.st.View(r.Context(), func(tx *store.Tx) error {
		d, err := getJSON[vmDoc](tx, kindVM, r.PathValue("id"))
		if err != nil {
			return err
		}
		return fn(tx, &d)
	})
}

// getVM is GET /vms/{id}.
func (e *Engine) getVM(w http.ResponseWriter, r *http.Request) error {
	var out ovirt.Vm
	if err := e.viewVM(r, func(_ *store.Tx, d *vmDoc) error { out = renderVM(*d); return nil }); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

// renderReported is ReportedDeviceMapper for the guest's interfaces: IPv4
// addresses first, then IPv6, each with its version.
func renderReported(vmID string, g []guestIface) *ovirt.ReportedDevices {
	out := &ovirt.ReportedDevices{}
	for _, gi := range g {
		id := stableID("reporteddevice", gi.Name+gi.MAC)
		d := ovirt.ReportedDevice{
			ID: id, Href: ovirt.Href("vms", vmID, "reporteddevices", id), Name: gi.Name, Description: "guest reported data",
			Type: ovirt.ReportedDeviceTypeNetwork, Mac: &ovirt.Mac{Address: gi.MAC}, Vm: vmRef(vmID),
		}
		if len(gi.V4)+len(gi.V6) > 0 {
			d.Ips = &ovirt.Ips{}
			for _, a := range gi.V4 {
				d.Ips.Ip = append(d.Ips.Ip, ovirt.Ip{Address: a, Version: ovirt.IpVersionV4})
			}
			for _, a := range gi.V6 {
				d.Ips.Ip = append(d.Ips.Ip, ovirt.Ip{Address: a, Version: ovirt.IpVersionV6})
			}
		}
		out.ReportedDevice = append(out.ReportedDevice, d)
	}
	return out
}

func vmRef(id string) *ovirt.Vm { return &ovirt.Vm{ID: id, Href: ovirt.Href("vms", id)} }

// listVMNics is GET /vms/{id}/nics; follow=reported_devices inlines, as the
// real engine does, the VM's whole list of guest interfaces under each NIC.
func (e *Engine) listVMNics(w http.ResponseWriter, r *http.Request) error {
	follow := slices.Contains(strings.Split(r.URL.Query().Get("follow"), ","), "reported_devices")
	out := &ovirt.Nics{}
	err := e.viewVM(r, func(_ *store.Tx, d *vmDoc) error {
		for _, n := range d.NICs {
			href := ovirt.Href("vms", d.API.ID, "nics", n.ID)
			nic := ovirt.Nic{
				ID: n.ID, Href: href, Name: n.Name, Mac: &ovirt.Mac{Address: n.MAC}, Interface: ovirt.NicInterfaceVirtio,
				Linked: ovirt.NewBool(true), Plugged: ovirt.NewBool(true), Synced: ovirt.NewBool(true),
				VnicProfile: &ovirt.VnicProfile{ID: vnicProfileID(n.NetworkID), Href: ovirt.Href("vnicprofiles", vnicProfileID(n.NetworkID))},
				Vm:          vmRef(d.API.ID),
				Link:        ovirt.SubLinks(href, "networkfilterparameters", "reporteddevices", "statistics"),
			}
			if follow {
				nic.ReportedDevices = renderReported(d.API.ID, d.Guest)
			}
			out.Nic = append(out.Nic, nic)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// listVMSessions is GET /vms/{id}/sessions: the console user (with the
// client's address) and the guest's user (VmMapper.map(VM, Sessions)).
func (e *Engine) listVMSessions(w http.ResponseWriter, r *http.Request) error {
	out := &ovirt.Sessions{}
	err := e.viewVM(r, func(_ *store.Tx, d *vmDoc) error {
		if !isRunning(d.API.Status) {
			return nil
		}
		vm := vmRef(d.API.ID)
		if d.ConsoleUser != "" {
			user, domain, _ := strings.Cut(d.ConsoleUser, "@")
			sid := stableID("session", user+d.ClientIP)
			s := ovirt.Session{ID: sid, Href: ovirt.Href("vms", d.API.ID, "sessions", sid), ConsoleUser: ovirt.NewBool(true), Vm: vm,
				User: &ovirt.User{ID: e.adminID, Href: ovirt.Href("users", e.adminID), UserName: user,
					Domain: &ovirt.Domain{ID: hex.EncodeToString([]byte(domain)), Href: ovirt.Href("domains", hex.EncodeToString([]byte(domain))), Name: domain}}}
			if d.ClientIP != "" {
				s.Ip = &ovirt.Ip{Address: d.ClientIP}
			}
			out.Session = append(out.Session, s)
		}
		if d.GuestUser != "" {
			sid := stableID("session", d.GuestUser)
			out.Session = append(out.Session, ovirt.Session{ID: sid, Href: ovirt.Href("vms", d.API.ID, "sessions", sid), Vm: vm,
				User: &ovirt.User{UserName: d.GuestUser}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// listGraphicsConsoles is GET /vms/{id}/graphicsconsoles (current: the
// address and ports of the running VM).
func (e *Engine) listGraphicsConsoles(w http.ResponseWriter, r *http.Request) error {
	out := &ovirt.GraphicsConsoles{}
	err := e.viewVM(r, func(_ *store.Tx, d *vmDoc) error {
		v := renderVM(*d)
		if v.Display == nil {
			return nil
		}
		p := ovirt.GraphicsType(v.Display.Type)
		href := ovirt.Href("vms", v.ID, "graphicsconsoles", consoleID(p))
		gc := ovirt.GraphicsConsole{ID: consoleID(p), Href: href, Protocol: p, Vm: vmRef(v.ID),
			Actions: &ovirt.Actions{Link: ovirt.SubLinks(href, "proxyticket", "remoteviewerconnectionfile", "ticket")}}
		if isRunning(v.Status) {
			gc.Address, gc.Port, gc.TlsPort = v.Display.Address, v.Display.Port, v.Display.SecurePort
		}
		out.GraphicsConsole = append(out.GraphicsConsole, gc)
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// remoteViewerFile is POST /vms/{id}/graphicsconsoles/{console}/
// remoteviewerconnectionfile: the action sent with the .vv file
// (ConsoleDescriptorGenerator), or 204 while the VM is down.
func (e *Engine) remoteViewerFile(w http.ResponseWriter, r *http.Request) error {
	var act ovirt.Action
	if err := decodeBody(r, &act); err != nil {
		return err
	}
	var vv string
	err := e.viewVM(r, func(tx *store.Tx, d *vmDoc) error {
		v := renderVM(*d)
		if v.Display == nil || consoleID(ovirt.GraphicsType(v.Display.Type)) != r.PathValue("console") {
			return errNotFound
		}
		if !isRunning(v.Status) || v.Display.Address == "" {
			return nil
		}
		var b strings.Builder
		fmt.Fprintf(&b, "[virt-viewer]\ntype=%s\nhost=%s\n", v.Display.Type, v.Display.Address)
		if v.Display.Port != nil {
			fmt.Fprintf(&b, "port=%d\n", v.Display.Port.Value())
		}
		fmt.Fprintf(&b, "password=%s\n# Password is valid for 120 seconds.\ndelete-this-file=1\nfullscreen=0\ntitle=%s:%%d - Press SHIFT+F12 to Release Cursor\ntoggle-fullscreen=shift+f11\nrelease-cursor=shift+f12\n",
			newID()[:12], v.Name)
		if v.Display.SecurePort != nil {
			fmt.Fprintf(&b, "tls-port=%d\n", v.Display.SecurePort.Value())
		}
		fmt.Fprintf(&b, "\n[ovirt]\nvm-guid=%s\nadmin=1\n", v.ID)
		vv = b.String()
		return nil
	})
	if err != nil {
		return err
	}
	if vv == "" {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	act.RemoteViewerConnectionFile = vv
	return writeJSON(w, http.StatusOK, &act)
}

// addVM is POST /vms: a VM from the Blank template with one NIC per
// network named in nics (or none).
func (e *Engine) addVM(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.Vm
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Cluster == nil || in.Cluster.ID == "" && in.Cluster.Name == "" {
		return incomplete("Vm", "add", "cluster.id|name")
	}
	if in.Name == "" {
		return incomplete("Vm", "add", "name")
	}
	if in.Template == nil || in.Template.ID == "" && in.Template.Name == "" {
		return incomplete("Vm", "add", "template.id|name")
	}
	if msgs := rules.Size(in.Name, 1, 255, "vmStatic.name"); msgs != nil {
		return badRequest(append([]string{"Cannot add VM."}, msgs...)...)
	}
	var out ovirt.Vm
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		cl, err := resolveCluster(tx, in.Cluster)
		if err != nil {
			return err
		}
		if _, _, err := tx.FindByName(kindVM, "", in.Name); err == nil {
			return conflict("Cannot add VM. The VM name is already in use, please choose a unique name and try again.")
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		d := newVMDoc(newID(), in.Name, cl.ID, e.now())
		d.API.Description = in.Description
		if in.Comment != nil {
			d.API.Comment = in.Comment
		}
		if in.Memory != nil {
			d.API.Memory = in.Memory
		}
		if in.Display != nil && in.Display.Type != "" {
			if in.Display.Type != ovirt.DisplayTypeSpice && in.Display.Type != ovirt.DisplayTypeVnc {
				return badEnum(string(in.Display.Type), "DisplayType")
			}
			d.API.Display.Type = in.Display.Type
		}
		if in.Initialization != nil {
			if err := checkInitialization(in.Initialization); err != nil {
				return err
			}
			d.API.Initialization = storedInit(in.Initialization)
		}
		if err := putVM(tx, d); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 34, Desc: "VM " + d.API.Name + " was created by " + adminAuthzName + ".", Cluster: cl.ID, Vm: &d.API, User: true, CID: cid}); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 53, Desc: "VM " + d.API.Name + " creation has been completed.", Cluster: cl.ID, Vm: &d.API, CID: cid}); err != nil {
			return err
		}
		out = renderVM(d)
		return nil
	})
	if err != nil {
		return err
	}
	return created(w, r, out.Href, &out)
}

// newVMDoc is a down VM of clusterID from the Blank template, SPICE.
func newVMDoc(id, name, clusterID string, now time.Time) vmDoc {
	return vmDoc{API: ovirt.Vm{
		ID: id, Name: name, Comment: ovirt.Ptr(""), Status: ovirt.VmStatusDown,
		Cluster: ovirt.ClusterRef(clusterID), Template: &ovirt.Template{ID: blankTemplateID, Href: ovirt.Href("templates", blankTemplateID)},
		Memory: ovirt.NewLong(4 << 30), Stateless: ovirt.NewBool(false), DeleteProtected: ovirt.NewBool(false),
		RunOnce: ovirt.NewBool(false), NextRunConfigurationExists: ovirt.NewBool(false), CreationTime: ovirt.NewTime(now),
		Display: &ovirt.Display{Type: ovirt.DisplayTypeSpice, Monitors: ovirt.NewInt(1)},
	}}
}

const blankTemplateID = "00000000-0000-0000-0000-000000000000"

// storedInit is the initialization as the engine keeps it (the password
// is not kept here).
func storedInit(in *ovirt.Initialization) *ovirt.Initialization {
	c := *in
	c.RootPassword = ""
	return &c
}

// checkInitialization is what the REST layer's InitializationMapper
// refuses: an IPv6 prefix that is not an unsigned integer
// (IntegerParser.parseUnsignedInt), and an unknown enum value.
func checkInitialization(in *ovirt.Initialization) error {
	switch in.CloudInitNetworkProtocol {
	case "", ovirt.CloudInitNetworkProtocolEni, ovirt.CloudInitNetworkProtocolOpenstackMetadata:
	default:
		return badEnum(string(in.CloudInitNetworkProtocol), "CloudInitNetworkProtocol")
	}
	if in.NicConfigurations == nil {
		return nil
	}
	for _, nc := range in.NicConfigurations.NicConfiguration {
		for _, p := range []ovirt.BootProtocol{nc.BootProtocol, nc.Ipv6BootProtocol} {
			switch p {
			case "", ovirt.BootProtocolNone, ovirt.BootProtocolDHCP, ovirt.BootProtocolStatic, ovirt.BootProtocolAutoconf, ovirt.BootProtocolPolyDHCPAutoconf:
			default:
				return badEnum(string(p), "BootProtocol")
			}
		}
		if nc.Ipv6 != nil && strings.TrimSpace(nc.Ipv6.Netmask) != "" {
			v := nc.Ipv6.Netmask
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			switch {
			case err != nil:
				return invalidValue("For input string: \"" + v + "\"")
			case n < 0:
				return invalidValue("Negative value " + v + " not allowed for unsigned integers, valid values are between 0 and 4294967295")
			case n > 4294967295:
				return invalidValue("Value " + v + " is greater than maximum unsigned integer 4294967295")
			}
		}
	}
	return nil
}

// removeVM is DELETE /vms/{id}: a running VM is refused.
func (e *Engine) removeVM(w http.ResponseWriter, r *http.Request) error {
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		d, err := getJSON[vmDoc](tx, kindVM, r.PathValue("id"))
		if err != nil {
			return err
		}
		if isRunning(d.API.Status) {
			return conflict("Cannot remove VM. VM is running.")
		}
		if err := tx.Delete(kindVM, d.API.ID); err != nil {
			return err
		}
		if _, err := tx.DeleteChildren(kindLease, leaseVM+d.API.ID); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 113, Desc: "VM " + d.API.Name + " was successfully removed by " + adminAuthzName + ".", Cluster: clusterOf(d), Vm: &d.API, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}

// updateVM is PUT /vms/{id} (UpdateVm): the name, description, comment
// and initialization sent. InitializationMapper merges the initialization
// sent onto the stored one (each member sent replaces the stored one;
// nic_configurations replaces the whole list), and UpdateVmCommand checks
// it as CloudInitHandler.validate does ("Cannot edit VM. …", 409). The
// stored initialization is what GET /vms/{id} shows and what the VM's
// first plain start applies; it does not touch a running guest.
func (e *Engine) updateVM(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.Vm
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Initialization != nil {
		if err := checkInitialization(in.Initialization); err != nil {
			return err
		}
	}
	cid := correlationID(r)
	var out ovirt.Vm
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		d, err := getJSON[vmDoc](tx, kindVM, r.PathValue("id"))
		if err != nil {
			return err
		}
		if in.Name != "" && in.Name != d.API.Name {
			if msgs := rules.Size(in.Name, 1, 255, "vmStatic.name"); msgs != nil {
				return badRequest(append([]string{"Cannot edit VM."}, msgs...)...)
			}
			if _, _, err := tx.FindByName(kindVM, "", in.Name); err == nil {
				return conflict("Cannot edit VM. The VM name is already in use, please choose a unique name and try again.")
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			d.API.Name = in.Name
		}
		if in.Description != "" {
			d.API.Description = in.Description
		}
		if in.Comment != nil {
			d.API.Comment = in.Comment
		}
		if in.Initialization != nil {
			init := mergeInit(d.API.Initialization, in.Initialization)
			if init != nil {
				if msgs := rules.ValidateCloudInit("edit", "VM", string(init.CloudInitNetworkProtocol), cloudInitNICs(init)); len(msgs) > 0 {
					return conflict(msgs...)
				}
			}
			d.API.Initialization = init
		}
		if err := putVM(tx, d); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 35, Desc: "VM " + d.API.Name + " configuration was updated by " + adminAuthzName + ".", Cluster: clusterOf(d), Vm: &d.API, User: true, CID: cid}); err != nil {
			return err
		}
		out = renderVM(d)
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

// mergeInit is InitializationMapper.map(model, template): each member of in
// that is set replaces stored's, nic_configurations as a whole list; an
// initialization with no member set is none (nil). Every NIC configuration
// is kept with its ip and ipv6 objects, as the mapper writes them back;
// the root password is not kept here.
func mergeInit(stored, in *ovirt.Initialization) *ovirt.Initialization {
	var out ovirt.Initialization
	if stored != nil {
		out = *stored
	}
	set := false
	str := func(dst *string, v string) {
		if v != "" {
			*dst, set = v, true
		}
	}
	str(&out.HostName, in.HostName)
	str(&out.UserName, in.UserName)
	str(&out.AuthorizedSshKeys, in.AuthorizedSshKeys)
	str(&out.DnsServers, in.DnsServers)
	str(&out.DnsSearch, in.DnsSearch)
	if in.CloudInitNetworkProtocol != "" {
		out.CloudInitNetworkProtocol, set = in.CloudInitNetworkProtocol, true
	}
	if in.RootPassword.Reveal() != "" {
		set = true
	}
	if in.NicConfigurations != nil {
		set = true
		ncs := &ovirt.NicConfigurations{}
		for _, nc := range in.NicConfigurations.NicConfiguration {
			if nc.Ip == nil {
				nc.Ip = &ovirt.Ip{}
			}
			if nc.Ipv6 == nil {
				nc.Ipv6 = &ovirt.Ip{}
			}
			ncs.NicConfiguration = append(ncs.NicConfiguration, nc)
		}
		out.NicConfigurations = ncs
	}
	if !set {
		return nil
	}
	out.RootPassword = ""
	return &out
}

func clusterOf(d vmDoc) string {
	if d.API.Cluster == nil {
		return ""
	}
	return d.API.Cluster.ID
}

// vmAction runs an action on a VM under the VM's lock: check returns a
// refusal (409 "[Cannot …]"), apply changes the VM and returns the job.
func (e *Engine) vmAction(w http.ResponseWriter, r *http.Request, verb string, apply func(tx *store.Tx, d *vmDoc, act *ovirt.Action, cid string) (string, error)) error {
	id := r.PathValue("id")
	var act ovirt.Action
	if err := decodeBody(r, &act); err != nil {
		return err
	}
	unlock, ok := e.locks.tryLock("vm/" + id)
	if !ok {
		return conflict("Cannot " + verb + " VM. Related operation is currently in progress. Please try again later.")
	}
	defer unlock()
	cid := correlationID(r)
	var jobID string
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		d, err := getJSON[vmDoc](tx, kindVM, id)
		if err != nil {
			return err
		}
		if jobID, err = apply(tx, &d, &act, cid); err != nil {
			return err
		}
		return putVM(tx, d)
	})
	if err != nil {
		return err
	}
	act.Status = ovirt.ActionStatusComplete
	act.Vm = vmRef(id) // the REST layer's setActionItem
	if jobID != "" {
		act.Job = ovirt.JobRef(jobID)
	}
	e.schedulePending(id)
	return writeJSON(w, http.StatusOK, &act)
}

// startVM is POST /vms/{id}/start: RunVm, or RunVmOnce with vm (its
// initialization). Cloud-init's network settings are checked as
// CloudInitHandler.validate does; the VM is scheduled on an Up host of its
// cluster that has its networks, powers up, and is up after the boot delay.
func (e *Engine) startVM(w http.ResponseWriter, r *http.Request) error {
	return e.vmAction(w, r, "run", func(tx *store.Tx, d *vmDoc, act *ovirt.Action, cid string) (string, error) {
		if act.Vm != nil && act.Vm.Initialization != nil {
			if err := checkInitialization(act.Vm.Initialization); err != nil {
				return "", err
			}
		}
		if isRunning(d.API.Status) {
			return "", conflict("Cannot run VM. VM is running.")
		}
		in := d.API.Initialization
		runOnce := act.Vm != nil
		if runOnce && act.Vm.Initialization != nil {
			in = act.Vm.Initialization
		}
		// RunVmCommand.updateVmInit: without use_cloud_init (the REST
		// layer's InitializationType null) a VM never run yet gets its
		// stored initialization, its "Initial Run".
		firstRun := act.UseCloudInit == nil && !d.Initialized && d.API.Initialization != nil
		useCloudInit := act.UseCloudInit.Value() || runOnce && act.Vm.Initialization != nil || firstRun
		if useCloudInit && in != nil {
			if msgs := rules.ValidateCloudInit("run", "VM", string(in.CloudInitNetworkProtocol), cloudInitNICs(in)); len(msgs) > 0 {
				a := *act
				a.Status = ovirt.ActionStatusFailed
				return "", actionFailed(http.StatusBadRequest, &a, &ovirt.Fault{Reason: reasonFailed, Detail: bracket(msgs...)})
			}
			if cfg := guestConfigs(in); cfg != nil {
				d.GuestNet = cfg
			}
		}
		host, err := e.pickHost(tx, d, "")
		if err != nil {
			return "", err
		}
		if host == nil {
			return "", conflict("Cannot run VM. There are no available running Hosts in the Host Cluster.")
		}
		d.API.Status = ovirt.VmStatusPoweringUp
		d.API.Host = ovirt.HostRef(host.host.ID)
		d.API.RunOnce = ovirt.NewBool(runOnce)
		d.API.StartTime = ovirt.NewTime(e.now())
		if err := e.plugGuest(tx, d, host); err != nil {
			return "", err
		}
		if err := e.addEvent(tx, eventSpec{Code: 150, Desc: "Starting VM " + d.API.Name + " was initiated by " + adminAuthzName + ".", Host: &host.host, Vm: &d.API, User: true, CID: cid}); err != nil {
			return "", err
		}
		jobID, err := e.addJob(tx, "Launching VM "+d.API.Name, ovirt.JobStatusStarted, []stepSpec{
			{Type: ovirt.StepTypeValidating, Desc: "Validating", Status: ovirt.JobStatusFinished},
			{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusStarted}})
		if err != nil {
			return "", err
		}
		now := e.now()
		d.Pending = &vmPending{Kind: "boot", JobID: jobID, Start: now.UnixMilli(), Due: now.Add(e.cfg.VMBootDelay).UnixMilli()}
		return jobID, nil
	})
}

// cloudInitNICs is the rules' view of an initialization's NICs.
func cloudInitNICs(in *ovirt.Initialization) []rules.CloudInitNIC {
	if in == nil || in.NicConfigurations == nil {
		return nil
	}
	var out []rules.CloudInitNIC
	for _, nc := range in.NicConfigurations.NicConfiguration {
		n := rules.CloudInitNIC{Name: nc.Name, BootProtocol: string(nc.BootProtocol), IPv6Protocol: string(nc.Ipv6BootProtocol)}
		if nc.OnBoot != nil {
			b := nc.OnBoot.Value()
			n.OnBoot = &b
		}
		if nc.Ip != nil {
			n.IP = nc.Ip.Address
		}
		if nc.Ipv6 != nil {
			n.IPv6 = nc.Ipv6.Address
		}
		out = append(out, n)
	}
	return out
}

// pickHost is the scheduler: an Up host of the VM's cluster, other than
// except, that has every network of the VM's NICs, with the fewest running
// VMs (then by name). nil when there is none.
func (e *Engine) pickHost(tx *store.Tx, d *vmDoc, except string) (*hostCtx, error) {
	hosts, err := store.ListAllJSON[ovirt.Host](tx, kindHost)
	if err != nil {
		return nil, err
	}
	load, err := e.hostLoad(tx)
	if err != nil {
		return nil, err
	}
	var best *hostCtx
	for _, h := range hosts {
		if h.ID == except || h.Status != ovirt.HostStatusUp || h.Cluster == nil || h.Cluster.ID != clusterOf(*d) {
			continue
		}
		hc, err := e.loadHostView(tx, h.ID)
		if err != nil {
			return nil, err
		}
		ok := true
		for _, n := range d.NICs {
			if hc.hn.AttByNetwork(n.NetworkID) == nil {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if best == nil || load[h.ID] < load[best.host.ID] || load[h.ID] == load[best.host.ID] && h.Name < best.host.Name {
			best = hc
		}
	}
	return best, nil
}

// hostLoad counts the running VMs per host.
func (e *Engine) hostLoad(tx *store.Tx) (map[string]int, error) {
	docs, err := store.ListAllJSON[vmDoc](tx, kindVM)
	out := map[string]int{}
	for _, d := range docs {
		if isRunning(d.API.Status) && d.API.Host != nil {
			out[d.API.Host.ID]++
		}
	}
	return out, err
}

// plugGuest places the VM's display on host hc (vdsm's display address and
// the next free ports) and computes what its guest reports.
func (e *Engine) plugGuest(tx *store.Tx, d *vmDoc, hc *hostCtx) error {
	full, err := e.loadHostCtx(tx, hc.host.ID)
	if err != nil {
		return err
	}
	addr := ""
	if rep := reportedOn(full, roleNetwork(full, ovirt.NetworkUsageDisplay)); rep != nil {
		addr = displayAddress(*rep)
	}
	if addr == "" {
		if rep := reportedOn(full, full.nets[full.mgmtID]); rep != nil {
			addr = displayAddress(*rep)
		}
	}
	if addr == "" {
		addr = full.host.Address
	}
	port, err := e.freeDisplayPort(tx, hc.host.ID, d.API.ID)
	if err != nil {
		return err
	}
	d.API.Display.Address = addr
	d.API.Display.Port = ovirt.NewInt(port)
	d.API.Display.SecurePort = nil
	if d.API.Display.Type == ovirt.DisplayTypeSpice {
		d.API.Display.SecurePort = ovirt.NewInt(port + 1)
	}
	if _, err := tx.DeleteChildren(kindLease, leaseVM+d.API.ID); err != nil {
		return err
	}
	d.Guest = nil
	for i, n := range d.NICs {
		name := "eth" + strconv.Itoa(i)
		g := guestDefault(name)
		for _, c := range d.GuestNet {
			if c.Name == name {
				g = c
			}
		}
		var nw *netplan.Network
		if got, err := store.GetJSON[netplan.Network](tx, kindNetwork, n.NetworkID); err == nil {
			nw = &got
		}
		gi, err := simulateGuest(tx, nw, n.MAC, g, leaseVM+d.API.ID)
		if err != nil {
			return err
		}
		d.Guest = append(d.Guest, gi)
	}
	return nil
}

// freeDisplayPort is vdsm's next free graphics port pair on a host (5900,
// 5902, …; SPICE's TLS port is the odd one).
func (e *Engine) freeDisplayPort(tx *store.Tx, hostID, vmID string) (int, error) {
	docs, err := store.ListAllJSON[vmDoc](tx, kindVM)
	if err != nil {
		return 0, err
	}
	used := map[int]bool{}
	for _, o := range docs {
		if o.API.ID != vmID && isRunning(o.API.Status) && o.API.Host != nil && o.API.Host.ID == hostID && o.API.Display != nil && o.API.Display.Port != nil {
			used[int(o.API.Display.Port.Value())] = true
		}
	}
	p := 5900
	for used[p] {
		p += 2
	}
	return p, nil
}

// stopVM is POST /vms/{id}/stop: powered off at once (StopVm).
func (e *Engine) stopVM(w http.ResponseWriter, r *http.Request) error {
	return e.vmAction(w, r, "stop", func(tx *store.Tx, d *vmDoc, act *ovirt.Action, cid string) (string, error) {
		if !isRunning(d.API.Status) {
			return "", conflict("Cannot stop VM. VM is not running.")
		}
		host := e.hostName(tx, d)
		if err := e.powerOff(tx, d); err != nil {
			return "", err
		}
		if err := e.addEvent(tx, eventSpec{Code: 33, Desc: "VM " + d.API.Name + " powered off by " + adminAuthzName + " (Host: " + host + ")" + optionalReason(act.Reason) + ".", Vm: &d.API, Cluster: clusterOf(*d), User: true, CID: cid}); err != nil {
			return "", err
		}
		return e.addJob(tx, "Stopping VM "+d.API.Name, ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
	})
}

// shutdownVM is POST /vms/{id}/shutdown: the guest shuts down (ShutdownVm,
// then vdsm reports the VM down).
func (e *Engine) shutdownVM(w http.ResponseWriter, r *http.Request) error {
	return e.vmAction(w, r, "shutdown", func(tx *store.Tx, d *vmDoc, act *ovirt.Action, cid string) (string, error) {
		if !isRunning(d.API.Status) {
			return "", conflict("Cannot shutdown VM. VM is not running.")
		}
		host := e.hostName(tx, d)
		if err := e.addEvent(tx, eventSpec{Code: 73, Desc: "VM shutdown initiated by " + adminAuthzName + " on VM " + d.API.Name + " (Host: " + host + ")" + optionalReason(act.Reason) + ".", Vm: &d.API, Cluster: clusterOf(*d), User: true, CID: cid}); err != nil {
			return "", err
		}
		if err := e.powerOff(tx, d); err != nil {
			return "", err
		}
		if err := e.addEvent(tx, eventSpec{Code: 61, Desc: "VM " + d.API.Name + " is down. Exit message: User shut down from within the guest", Vm: &d.API, Cluster: clusterOf(*d), CID: cid}); err != nil {
			return "", err
		}
		return e.addJob(tx, "Shutting down VM "+d.API.Name, ovirt.JobStatusFinished, []stepSpec{{Type: ovirt.StepTypeExecuting, Desc: "Executing", Status: ovirt.JobStatusFinished}})
	})
}

func optionalReason(r string) string {
	if r == "" {
		return ""
	}
	return " (Reason: " + r + ")"
}

func (e *Engine) hostName(tx *store.Tx, d *vmDoc) string {
	if d.API.Host == nil {
		return ""
	}
	h, err := store.GetJSON[ovirt.Host](tx, kindHost, d.API.Host.ID)
	if err != nil {
		return ""
	}
	return h.Name
}

// powerOff makes the VM down: no host, no guest report, its leases
// released; a pending boot or migration is dropped and its job aborted.
func (e *Engine) powerOff(tx *store.Tx, d *vmDoc) error {
	if d.Pending != nil {
		if err := e.endJob(tx, d.Pending.JobID, ovirt.JobStatusAborted); err != nil {
			return err
		}
		d.Pending = nil
	}
	d.API.Status = ovirt.VmStatusDown
	d.API.Host, d.API.StartTime = nil, nil
	d.API.StopTime = ovirt.NewTime(e.now())
	d.API.RunOnce = ovirt.NewBool(false)
	if d.API.Display != nil {
		d.API.Display.Address, d.API.Display.Port, d.API.Display.SecurePort = "", nil, nil
	}
	d.Guest, d.ConsoleUser, d.ClientIP, d.GuestUser = nil, "", "", ""
	_, err := tx.DeleteChildren(kindLease, leaseVM+d.API.ID)
	return err
}

// migrateVM is POST /vms/{id}/migrate (host optional): MigrateVmToServer or
// MigrateVm. The destination address is MigrateVmCommand's choice on the
// cluster's migration network (migrationAddress); the VM is migrating
// until the migration delay has passed, then up on the destination.
func (e *Engine) migrateVM(w http.ResponseWriter, r *http.Request) error {
	return e.vmAction(w, r, "migrate", func(tx *store.Tx, d *vmDoc, act *ovirt.Action, cid string) (string, error) {
		if d.API.Status != ovirt.VmStatusUp {
			if d.API.Status == ovirt.VmStatusMigrating {
				return "", conflict("Cannot migrate VM. VM is being migrated.")
			}
			return "", conflict("Cannot migrate VM. VM is not running.")
		}
		src := d.API.Host.ID
		var dst *hostCtx
		if act.Host != nil && (act.Host.ID != "" || act.Host.Name != "") {
			h, err := resolveHost(tx, act.Host)
			if err != nil {
				return "", err
			}
			if h.ID == src {
				return "", conflict("Cannot migrate VM. source and destination is the same.")
			}
			if h.Status != ovirt.HostStatusUp {
				return "", conflict("Cannot migrate VM. Operation can be performed only when Host status is Up.")
			}
			if h.Cluster == nil || h.Cluster.ID != clusterOf(*d) {
				return "", conflict("Cannot migrate VM. There are no available running Hosts in the Host Cluster.")
			}
			if dst, err = e.loadHostCtx(tx, h.ID); err != nil {
				return "", err
			}
		} else {
			var err error
			if dst, err = e.pickHost(tx, d, src); err != nil {
				return "", err
			}
			if dst == nil {
				return "", conflict("Cannot migrate VM. There are no available running Hosts in the Host Cluster.")
			}
			if dst, err = e.loadHostCtx(tx, dst.host.ID); err != nil {
				return "", err
			}
		}
		srcCtx, err := e.loadHostCtx(tx, src)
		if err != nil {
			return "", err
		}
		addr, family, network := migrationTarget(srcCtx, dst)
		d.LastMigration = &vmMigration{Source: src, Dest: dst.host.ID, Address: addr, Family: family}
		// What the engine sends vdsm, as its engine.log line for
		// MigrateVDSCommand shows it: dstqemu empty means dstHost.
		e.log.Info("MigrateVDSCommand", "vm", d.API.Name, "srcHost", srcCtx.host.Address, "dstHost", dst.host.Address,
			"migrationNetwork", network, "dstqemu", addr)
		d.API.Status = ovirt.VmStatusMigrating
		if err := e.addEvent(tx, eventSpec{Code: 62, Desc: "Migration started (VM: " + d.API.Name + ", Source: " + srcCtx.host.Name + ", Destination: " + dst.host.Name + ", User: " + adminAuthzName + "). ",
			Host: &srcCtx.host, Vm: &d.API, User: true, CID: cid}); err != nil {
			return "", err
		}
		jobID, err := e.addJob(tx, "Migrating VM "+d.API.Name+" to Host "+dst.host.Name, ovirt.JobStatusStarted, []stepSpec{
			{Type: ovirt.StepTypeValidating, Desc: "Validating", Status: ovirt.JobStatusFinished},
			{Type: ovirt.StepTypeExecuting, Desc: "Migrating VM " + d.API.Name + " from Host " + srcCtx.host.Name + " to Host " + dst.host.Name, Status: ovirt.JobStatusStarted}})
		if err != nil {
			return "", err
		}
		now := e.now()
		d.Pending = &vmPending{Kind: "migrate", JobID: jobID, Dest: dst.host.ID, Start: now.UnixMilli(), Due: now.Add(e.cfg.MigrationDelay).UnixMilli()}
		return jobID, nil
	})
}

// schedulePending finishes the VM's pending transition when it is due.
func (e *Engine) schedulePending(vmID string) {
	var due int64
	if err := e.st.View(e.ctx, func(tx *store.Tx) error {
		d, err := store.GetJSON[vmDoc](tx, kindVM, vmID)
		if err == nil && d.Pending != nil {
			due = d.Pending.Due
		}
		return err
	}); err != nil || due == 0 {
		return
	}
	e.goBackground(func(ctx context.Context) {
		t := time.NewTimer(max(time.Until(time.UnixMilli(due)), 0))
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		unlock := e.locks.lock("vm/" + vmID)
		defer unlock()
		if err := e.st.Update(ctx, func(tx *store.Tx) error { return e.finishPending(tx, vmID) }); err != nil && ctx.Err() == nil {
			e.log.Error("VM simulation failed", "vm", vmID, "err", err)
		}
	})
}

// resumeVMs reschedules the transitions a restart interrupted.
func (e *Engine) resumeVMs(ctx context.Context) error {
	var ids []string
	if err := e.st.View(ctx, func(tx *store.Tx) error {
		docs, err := store.ListAllJSON[vmDoc](tx, kindVM)
		for _, d := range docs {
			if d.Pending != nil {
				ids = append(ids, d.API.ID)
			}
		}
		return err
	}); err != nil {
		return err
	}
	for _, id := range ids {
		e.schedulePending(id)
	}
	return nil
}

// finishPending ends a boot (up: event 153) or a migration (up on the
// destination with its display address: event 63), with its job.
func (e *Engine) finishPending(tx *store.Tx, vmID string) error {
	d, err := store.GetJSON[vmDoc](tx, kindVM, vmID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || d.Pending == nil {
		return err
	}
	p := d.Pending
	d.Pending = nil
	switch p.Kind {
	case "boot":
		d.API.Status = ovirt.VmStatusUp
		d.Initialized = true
		if err := e.addEvent(tx, eventSpec{Code: 153, Desc: "VM " + d.API.Name + " was started by " + adminAuthzName + " (Host: " + e.hostName(tx, &d) + ").", Vm: &d.API, Cluster: clusterOf(d), User: true}); err != nil {
			return err
		}
	case "migrate":
		srcName := e.hostName(tx, &d)
		hc, err := e.loadHostView(tx, p.Dest)
		if err != nil {
			return err
		}
		if hc.host.Status != ovirt.HostStatusUp {
			d.API.Status = ovirt.VmStatusUp
			if err := e.addEvent(tx, eventSpec{Code: 65, Severity: ovirt.LogSeverityError, Desc: "Migration failed (VM: " + d.API.Name + ", Source: " + srcName + ").", Vm: &d.API, Cluster: clusterOf(d)}); err != nil {
				return err
			}
			if err := e.endJob(tx, p.JobID, ovirt.JobStatusFailed); err != nil {
				return err
			}
			return putVM(tx, d)
		}
		d.API.Host = ovirt.HostRef(p.Dest)
		d.API.Status = ovirt.VmStatusUp
		if err := e.plugGuest(tx, &d, hc); err != nil {
			return err
		}
		secs := max((e.now().UnixMilli()-p.Start)/1000, 1)
		dur := strconv.FormatInt(secs, 10) + " seconds"
		if err := e.addEvent(tx, eventSpec{Code: 63, Desc: "Migration completed (VM: " + d.API.Name + ", Source: " + srcName + ", Destination: " + hc.host.Name + ", Duration: " + dur + ", Total: " + dur + ", Actual downtime: (N/A))",
			Host: &hc.host, Vm: &d.API}); err != nil {
			return err
		}
	}
	if err := e.endJob(tx, p.JobID, ovirt.JobStatusFinished); err != nil {
		return err
	}
	return putVM(tx, d)
}

// seedVMsIfMissing adds, once, the lab's VMs (also to a data directory
// seeded before VMs existed).
func (e *Engine) seedVMsIfMissing(ctx context.Context) error {
	return e.st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Meta(metaSeedVM); err == nil {
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := e.seedVMs(tx); err != nil {
			return fmt.Errorf("embedded: seed VMs: %w", err)
		}
		return tx.SetMeta(metaSeedVM, e.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

// seedVMs adds three VMs to the Default cluster: web0, running on host0 with
// a NIC on the IPv6-only display network configured by cloud-init with a
// static IPv6 address (SPICE; its console address is IPv6, as vdsm reports
// it for a display network without IPv4); db0, running with a NIC on the
// dual-stack ovirtmgmt network (DHCPv4 and SLAAC; VNC); build0, down.
func (e *Engine) seedVMs(tx *store.Tx) error {
	id, _, err := tx.FindByName(kindCluster, "", "Default")
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	cl, err := store.GetJSON[ovirt.Cluster](tx, kindCluster, id)
	if err != nil {
		return err
	}
	nets := map[string]string{}
	if cl.DataCenter != nil {
		ns, err := store.ListJSON[netplan.Network](tx, kindNetwork, cl.DataCenter.ID)
		if err != nil {
			return err
		}
		for _, n := range ns {
			nets[n.API.Name] = n.API.ID
		}
	}
	if nets["display"] == "" || nets["ovirtmgmt"] == "" {
		return nil
	}
	hostID, hb, err := tx.FindByName(kindHost, "", "host0")
	if errors.Is(err, store.ErrNotFound) {
		return nil // a lab changed by hand: no VMs rather than a failed start
	}
	if err != nil {
		return err
	}
	var h0 ovirt.Host
	if err := jsonUnmarshal(hb, &h0); err != nil {
		return err
	}
	if h0.Status != ovirt.HostStatusUp || h0.Cluster == nil || h0.Cluster.ID != cl.ID {
		return nil
	}
	nic := func(vmID, net string, i int) vmNIC {
		return vmNIC{ID: newID(), Name: "nic" + strconv.Itoa(i+1), MAC: netsim.NewMAC([3]byte{0x56, 0x6f, 0x1a}, vmID+"/"+strconv.Itoa(i)).String(), NetworkID: nets[net]}
	}
	web := newVMDoc(newID(), "web0", cl.ID, e.now())
	web.API.Description = "IPv6-only display network"
	web.NICs = []vmNIC{nic(web.API.ID, "display", 0)}
	web.API.Initialization = &ovirt.Initialization{HostName: "web0.lab.example.com", DnsServers: "2001:db8::53", DnsSearch: "lab.example.com",
		CloudInitNetworkProtocol: ovirt.CloudInitNetworkProtocolOpenstackMetadata,
		NicConfigurations: &ovirt.NicConfigurations{NicConfiguration: []ovirt.NicConfiguration{{Name: "eth0", OnBoot: ovirt.NewBool(true),
			BootProtocol: ovirt.BootProtocolNone, Ip: &ovirt.Ip{}, Ipv6BootProtocol: ovirt.BootProtocolStatic,
			Ipv6: &ovirt.Ip{Address: "2001:db8:100::5", Netmask: "64", Gateway: "2001:db8:100::1"}}}}}
	web.GuestNet = guestConfigs(web.API.Initialization)
	web.ConsoleUser, web.ClientIP, web.GuestUser = "admin@internal", "2001:db8:20::77", "cloud-user"
	db := newVMDoc(newID(), "db0", cl.ID, e.now())
	db.API.Description = "dual-stack guest network"
	db.API.Display.Type = ovirt.DisplayTypeVnc
	db.NICs = []vmNIC{nic(db.API.ID, "ovirtmgmt", 0)}
	build := newVMDoc(newID(), "build0", cl.ID, e.now())
	build.NICs = []vmNIC{nic(build.API.ID, "ovirtmgmt", 0)}
	build.API.StopTime = ovirt.NewTime(e.now())
	for _, d := range []*vmDoc{&web, &db} {
		hc, err := e.loadHostView(tx, hostID)
		if err != nil {
			return err
		}
		d.API.Status, d.API.Host, d.API.StartTime = ovirt.VmStatusUp, ovirt.HostRef(hostID), ovirt.NewTime(e.now())
		d.Initialized = true
		if err := e.plugGuest(tx, d, hc); err != nil {
			return err
		}
		if err := putVM(tx, *d); err != nil { // the next one's freeDisplayPort sees it
			return err
		}
	}
	for _, d := range []vmDoc{web, db, build} {
		if err := putVM(tx, d); err != nil {
			return err
		}
		if err := e.addEvent(tx, eventSpec{Code: 34, Desc: "VM " + d.API.Name + " was created by " + adminAuthzName + ".", Cluster: cl.ID, Vm: &d.API, User: true}); err != nil {
			return err
		}
	}
	return nil
}
