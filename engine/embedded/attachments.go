package embedded

import (
	"net/http"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/ovirt"
)

// renderAttachment is the API view of an attachment: desired
// configuration (as sent), in_sync and reported_configurations.
func renderAttachment(hc *hostCtx, a *netplan.Attachment) ovirt.NetworkAttachment {
	hid := hc.host.ID
	href := ovirt.Href("hosts", hid, "networkattachments", a.ID)
	out := ovirt.NetworkAttachment{
		ID:      a.ID,
		Href:    href,
		Network: ovirt.NetworkRef(a.NetworkID),
		Host:    ovirt.HostRef(hid),
	}
	if id := hc.hn.DeviceID(a.Nic); id != "" {
		out.HostNic = ovirt.HostNicRef(hid, id)
	}
	v4 := a.V4
	v6 := a.V6
	out.IpAddressAssignments = &ovirt.IpAddressAssignments{IpAddressAssignment: []ovirt.IpAddressAssignment{
		{AssignmentMethod: ovirt.BootProtocol(v4.BootProto()), Ip: &ovirt.Ip{Address: v4.Addr, Netmask: v4.Netmask, Gateway: v4.Gateway, Version: ovirt.IpVersionV4}},
		{AssignmentMethod: ovirt.BootProtocol(v6.BootProto()), Ip: &ovirt.Ip{Address: v6.Addr, Netmask: v6.Netmask, Gateway: v6.Gateway, Version: ovirt.IpVersionV6}},
	}}
	if len(a.DNS) > 0 {
		out.DnsResolverConfiguration = &ovirt.DnsResolverConfiguration{NameServers: &ovirt.NameServers{NameServer: a.DNS}}
	}
	if len(a.Properties) > 0 {
		out.Properties = &ovirt.Properties{Property: a.Properties}
	}
	if nw := hc.all[a.NetworkID]; nw != nil {
		rc, ok := netplan.ReportedConfigs(a, nw)
		out.InSync = ovirt.NewBool(ok)
		out.ReportedConfigurations = &ovirt.ReportedConfigurations{ReportedConfiguration: rc}
	}
	return out
}

// nicFilter returns a predicate for the {nic} path value: attachments on
// a NIC or bond, or the one attachment of a VLAN device; errNotFound for an
// unknown NIC. Without {nic} every attachment matches.
func nicFilter(r *http.Request, hc *hostCtx) (func(*netplan.Attachment) bool, error) {
	nic := r.PathValue("nic")
	if nic == "" {
		return func(*netplan.Attachment) bool { return true }, nil
	}
	for _, n := range hc.hn.NICs {
		if n.ID == nic {
			return func(a *netplan.Attachment) bool { return a.Nic == n.Name }, nil
		}
	}
	for _, b := range hc.hn.Bonds {
		if b.ID == nic {
			return func(a *netplan.Attachment) bool { return a.Nic == b.Name }, nil
		}
	}
	for _, a := range hc.hn.Atts {
		if a.VlanNicID == nic {
			return func(x *netplan.Attachment) bool { return x.VlanNicID == nic }, nil
		}
	}
	return nil, errNotFound
}

// listAttachments is GET /hosts/{id}/networkattachments and
// /hosts/{id}/nics/{nic}/networkattachments.
func (e *Engine) listAttachments(w http.ResponseWriter, r *http.Request) error {
	var out ovirt.NetworkAttachments
	err := e.viewHost(r, func(hc *hostCtx) error {
		match, err := nicFilter(r, hc)
		if err != nil {
			return err
		}
		for i := range hc.hn.Atts {
			a := &hc.hn.Atts[i]
			if match(a) {
				out.NetworkAttachment = append(out.NetworkAttachment, renderAttachment(hc, a))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

// getAttachment is GET .../networkattachments/{att}.
func (e *Engine) getAttachment(w http.ResponseWriter, r *http.Request) error {
	var out ovirt.NetworkAttachment
	err := e.viewHost(r, func(hc *hostCtx) error {
		match, err := nicFilter(r, hc)
		if err != nil {
			return err
		}
		a := hc.hn.Att(r.PathValue("att"))
		if a == nil || !match(a) {
			return errNotFound
		}
		out = renderAttachment(hc, a)
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

// nicRef returns the {nic} path value as a host_nic reference.
func nicRef(r *http.Request) *ovirt.HostNic {
	if nic := r.PathValue("nic"); nic != "" {
		return &ovirt.HostNic{ID: nic}
	}
	return nil
}

// addAttachment is POST .../networkattachments: a setupnetworks with one
// new attachment (check_connectivity on).
func (e *Engine) addAttachment(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := e.hostExists(r.Context(), id); err != nil {
		return err
	}
	var body ovirt.NetworkAttachment
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	if body.Network == nil || (body.Network.ID == "" && body.Network.Name == "") {
		return incomplete("NetworkAttachment", "add", "network.id|name")
	}
	if ref := nicRef(r); ref != nil {
		body.HostNic = ref
	}
	body.ID = ""
	act := &ovirt.Action{ModifiedNetworkAttachments: &ovirt.NetworkAttachments{NetworkAttachment: []ovirt.NetworkAttachment{body}}}
	res, err := e.runNetChange(r.Context(), r, id, &netChange{act: act, mode: netplan.ModeAdd, checkConnectivity: true})
	if err != nil {
		return err
	}
	a := res.hc.hn.Att(res.plan.NewIDs[0])
	out := renderAttachment(res.hc, a)
	return created(w, r, out.Href, &out)
}

// updateAttachment is PUT .../networkattachments/{att}.
func (e *Engine) updateAttachment(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := e.hostExists(r.Context(), id); err != nil {
		return err
	}
	var body ovirt.NetworkAttachment
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	body.ID = r.PathValue("att")
	if body.HostNic == nil {
		body.HostNic = nicRef(r)
	}
	act := &ovirt.Action{ModifiedNetworkAttachments: &ovirt.NetworkAttachments{NetworkAttachment: []ovirt.NetworkAttachment{body}}}
	res, err := e.runNetChange(r.Context(), r, id, &netChange{act: act, mode: netplan.ModeUpdate, checkConnectivity: true})
	if err != nil {
		return err
	}
	a := res.hc.hn.Att(body.ID)
	out := renderAttachment(res.hc, a)
	return writeJSON(w, http.StatusOK, &out)
}

// removeAttachment is DELETE .../networkattachments/{att}.
func (e *Engine) removeAttachment(w http.ResponseWriter, r *http.Request) error {
	id, att := r.PathValue("id"), r.PathValue("att")
	exists := false
	if err := e.viewHost(r, func(hc *hostCtx) error {
		exists = hc.hn.Att(att) != nil
		return nil
	}); err != nil {
		return err
	}
	if !exists {
		return errNotFound
	}
	act := &ovirt.Action{RemovedNetworkAttachments: &ovirt.NetworkAttachments{NetworkAttachment: []ovirt.NetworkAttachment{{ID: att}}}}
	if _, err := e.runNetChange(r.Context(), r, id, &netChange{act: act, mode: netplan.ModeSetup, checkConnectivity: true}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}
