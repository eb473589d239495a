package components

import (
	"v6admin/components/form"
	"v6admin/components/hostnet"
	"v6admin/wire"
)

// CheckField judges value as the dialog field with element ID id (the id
// the browser sees, "nfs-mount-options") judges it before OK sends it: nil
// when the field takes it, else the *validation.Error it shows (an empty
// required field: validation.CodeEmpty). found is false for an id no
// dialog has. It exposes the UI's rules so that the BFF's tests hold them
// against the server's (bff/api's TestRulesAgree): each rule lives once in
// package validation, and this proves both sides call it.
func CheckField(id, value string) (err error, found bool) {
	for _, f := range dialogFields() {
		if f.ID == id {
			f.SetValue(value)
			return f.Err(), true
		}
	}
	return nil, false
}

// dialogFields are the fields of freshly opened dialogs (a new host, fence
// agent, provider and storage domain; Setup Host Networks, and the Bond
// Name of a new bond on a host without interfaces).
func dialogFields() []*form.Field {
	sd := &StorageDomainDialog{}
	sd.init()
	h := &HostDialog{}
	h.init()
	fa := &FenceAgentDialog{IsNew: true}
	fa.init()
	p := &ProviderDialog{}
	p.init()
	sn := &hostnet.SetupHostNetworksDialog{}
	sn.OnInit()
	bond := hostnet.BondNameField(hostnet.NewHostNetState(&wire.HostNetwork{}))
	return append([]*form.Field{
		&sd.name, &sd.description, &sd.comment, &sd.warnLow, &sd.critical, &sd.export, &sd.retrans, &sd.timeout,
		&sd.mountOptions, &sd.address, &sd.port, &sd.chapUser, &sd.chapPass,
		&h.name, &h.comment, &h.address, &h.sshPort, &h.password,
		&fa.address, &fa.user, &fa.pass, &fa.port, &fa.slot, &fa.options,
		&p.name, &p.description, &p.plugin, &p.url, &p.username, &p.password, &p.hostName, &p.apiPort,
		&p.tenant, &p.userDomain, &p.project, &p.projDomain,
		&bond,
	}, sn.Fields()...)
}
