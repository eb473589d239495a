package components

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

const msgNoLUNs = "No LUNs selected. Please select LUNs."

// intPtr reads an optional integer field (nil when empty).
func intPtr(f *form.Field) *int {
	v := f.Trimmed()
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil
	}
	return &n
}

// nfsVersions are the NFS Version choices.
var nfsVersions = []form.Option{
	{Value: "auto", Label: "Auto Negotiate"}, {Value: "v3", Label: "V3"}, {Value: "v4", Label: "V4"},
	{Value: "v4_0", Label: "V4.0"}, {Value: "v4_1", Label: "V4.1"}, {Value: "v4_2", Label: "V4.2"},
}

// nfsExportPreview shows the server and path the engine will get.
func nfsExportPreview(s string) app.UI {
	server, path, err := validation.SplitNFSExportPath(s)
	if err != nil {
		return nil
	}
	// The server as a host address: a loopback server is the engine's host.
	warning := form.DescribeHostAddress(server).Warning
	return app.Div().Body(
		app.Div().Class("pf-v6-c-helper-text__item", "pf-m-success", "v6-verdict").Body(
			app.Span().Class("pf-v6-c-helper-text__item-icon").Body(form.Icon("check-circle")),
			app.Span().Class("pf-v6-c-helper-text__item-text").Body(
				app.Span().Text("Server "),
				app.Code().ID("nfs-export-server").Text(server),
				app.Span().Text(", path "),
				app.Code().ID("nfs-export-dir").Text(path),
			),
		),
		app.If(warning != "", func() app.UI { return form.HelperItem("warning", "nfs-export-warning", warning) }),
	)
}

// lunKey identifies a LUN.
func lunKey(l wire.LUN) string { return l.ID }

// selectedLUNs are the chosen LUNs in list order as the BFF takes them
// (addresses bare, as the engine spells iSCSI portals).
func selectedLUNs(luns []wire.LUN, chosen map[string]bool) []wire.LUNRequest {
	var out []wire.LUNRequest
	for _, l := range luns {
		if !chosen[lunKey(l)] {
			continue
		}
		r := wire.LUNRequest{ID: l.ID, Port: l.Port, Target: l.Target}
		if l.Address != nil {
			r.Address = strings.TrimSuffix(strings.TrimPrefix(l.Address.Address, "["), "]")
		}
		out = append(out, r)
	}
	return out
}

// lunUsable reports whether a LUN can be chosen.
func lunUsable(l wire.LUN) bool { return l.Status == "" || l.Status == "free" }

// StorageDomainDialog is oVirt's New Domain dialog for NFS and iSCSI, with
// IPv6 everywhere: the NFS export takes [IPv6]:/path (a bare IPv6 gets the
// bracket hint; the parsed server and path are shown), the iSCSI portal
// address is really validated.
type StorageDomainDialog struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// Existing are the names of the domains already there (uniqueness).
	Existing []string
	OnSaved  func(ctx app.Context, d *wire.StorageDomain)
	OnCancel func(ctx app.Context)

	focus  form.ModalFocus
	inited bool

	loading  bool
	loadErr  string
	clusters []wire.Cluster
	hosts    []wire.Host

	dc          string
	hostID      string
	hostErr     string
	function    string // data, iso, export
	storageType string // nfs, iscsi
	advanced    bool
	custom      bool
	nfsVersion  string

	name         form.Field
	description  form.Field
	comment      form.Field
	warnLow      form.Field
	critical     form.Field
	export       form.Field
	retrans      form.Field
	timeout      form.Field
	mountOptions form.Field

	// iSCSI
	address   form.Field
	port      form.Field
	chap      bool
	chapUser  form.Field
	chapPass  form.Field
	targets   []wire.ISCSITarget
	discMsg   string
	discErr   string
	iscsiBusy string // "discover", "login", "" (a spinner's label)
	luns      []wire.LUN
	lunsErr   string
	chosen    map[string]bool
	lunErr    string

	busy    bool
	saveErr string
}

const sdDialogID = "storage-dialog"

// OnInit fills the fields.
func (d *StorageDomainDialog) OnInit() { d.init() }

func (d *StorageDomainDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	d.function, d.storageType, d.nfsVersion = "data", "nfs", "auto"
	d.name = form.Field{ID: "sd-name", Label: "Name", Required: true, Check: d.checkName}
	d.description = form.Field{ID: "sd-description", Label: "Description", Check: checkMaxLen(4000)}
	d.comment = form.Field{ID: "sd-comment", Label: "Comment", Check: checkMaxLen(4000)}
	d.warnLow = form.Field{ID: "sd-warning-low", Label: "Warning Low Space Indicator (%)", Type: "number", Required: true, Check: validation.WarningLowSpaceRange.CheckText}
	d.warnLow.SetValue("10")
	d.critical = form.Field{ID: "sd-critical", Label: "Critical Space Action Blocker (GB)", Type: "number", Required: true, Check: validation.CriticalSpaceBlockerRange.CheckText,
		Help: "Once the free space on the Storage Domain is below this value, any new action that consumes space, even temporarily, will be blocked."}
	d.critical.SetValue("5")
	d.export = form.Field{ID: "nfs-export", Label: "Export Path", Required: true, Mono: true, Check: validation.NFSExportPath,
		Placeholder: "[2001:db8::5]:/exports/data", Help: "E.g.: myserver.mydomain.com:/my/local/path", Preview: nfsExportPreview}
	d.retrans = form.Field{ID: "nfs-retrans", Label: "Retransmissions (#)", Type: "number", Check: validation.NFSRetransRange.CheckText}
	d.timeout = form.Field{ID: "nfs-timeout", Label: "Timeout (deciseconds)", Type: "number", Check: validation.NFSTimeoutRange.CheckText}
	d.mountOptions = form.Field{ID: "nfs-mount-options", Label: "Additional mount options", Check: validation.NFSMountOptions}
	d.address = form.NewHostAddressField("iscsi-address", "Address", "2001:db8:200::50", validation.PortalAddress)
	d.port = form.Field{ID: "iscsi-port", Label: "Port", Type: "number", Required: true, Check: checkPort}
	d.port.SetValue("3260")
	d.chapUser = form.Field{ID: "iscsi-chap-user", Label: "CHAP username", Required: true, Check: checkMaxLen(256), Disabled: true, DisabledReason: whyCHAP}
	d.chapPass = form.Field{ID: "iscsi-chap-password", Label: "CHAP password", Type: "password", Required: true, Check: checkMaxLen(1024),
		Disabled: true, DisabledReason: whyCHAP, AutoComplete: "new-password"}
	d.chosen = map[string]bool{}
}

// checkName is the Name rule plus uniqueness.
func (d *StorageDomainDialog) checkName(s string) error {
	s = strings.TrimSpace(s)
	if err := validation.StorageDomainName(s); err != nil {
		return err
	}
	for _, n := range d.Existing {
		if n == s {
			return &validation.Error{Code: validation.CodeNameInUse, Message: validation.MsgStorageDomainNameUsed}
		}
	}
	return nil
}

// OnMount loads the data centers and hosts.
func (d *StorageDomainDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, sdDialogID, "sd-name")
	d.loading = true
	ctx.Async(func() {
		cls, err := d.API.Clusters(context.Background())
		var hosts []wire.Host
		if err == nil {
			hosts, err = d.API.Hosts(context.Background())
		}
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.loading = false
			if err != nil {
				d.loadErr = client.AsAPIError(err).Message
				return
			}
			d.setChoices(cls, hosts)
		})
	})
}

// OnDismount gives the focus back.
func (d *StorageDomainDialog) OnDismount() { d.focus.Restore() }

// setChoices fills the Data Center and Host selects: the first data center
// and, in it, an up host first.
func (d *StorageDomainDialog) setChoices(cls []wire.Cluster, hosts []wire.Host) {
	d.clusters, d.hosts = cls, hosts
	if dcs := d.dataCenters(); len(dcs) > 0 && d.dc == "" {
		d.dc = dcs[0].Value
	}
	d.pickHost()
}

// dataCenters are the data centers of the clusters.
func (d *StorageDomainDialog) dataCenters() []form.Option {
	seen := map[string]bool{}
	var out []form.Option
	for _, c := range d.clusters {
		if c.DataCenter == nil || seen[c.DataCenter.ID] {
			continue
		}
		seen[c.DataCenter.ID] = true
		name := c.DataCenter.Name
		if name == "" {
			name = c.DataCenter.ID
		}
		out = append(out, form.Option{Value: c.DataCenter.ID, Label: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// dcHosts are the hosts of the chosen data center, up ones first.
func (d *StorageDomainDialog) dcHosts() []wire.Host {
	inDC := map[string]bool{}
	for _, c := range d.clusters {
		if c.DataCenter != nil && c.DataCenter.ID == d.dc {
			inDC[c.ID] = true
		}
	}
	var out []wire.Host
	for _, h := range d.hosts {
		if d.dc == "" || (h.Cluster != nil && inDC[h.Cluster.ID]) {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Status == "up" && out[j].Status != "up" })
	return out
}

func (d *StorageDomainDialog) pickHost() {
	hs := d.dcHosts()
	for _, h := range hs {
		if h.ID == d.hostID {
			return
		}
	}
	d.hostID = ""
	if len(hs) > 0 {
		d.hostID = hs[0].ID
	}
}

// storageTypes are the types the domain function allows (ISO: NFS only).
func (d *StorageDomainDialog) storageTypes() []form.Option {
	if d.function == "iso" {
		return []form.Option{{Value: "nfs", Label: "NFS"}}
	}
	return []form.Option{{Value: "nfs", Label: "NFS"}, {Value: "iscsi", Label: "iSCSI"}}
}

func (d *StorageDomainDialog) setFunction(f string) {
	d.function = f
	if f == "iso" {
		d.storageType = "nfs"
	}
}

// whyCHAP is the reason the CHAP fields are disabled.
const whyCHAP = "Check User Authentication to enter CHAP credentials."

func (d *StorageDomainDialog) setCHAP(on bool) {
	d.chap = on
	d.chapUser.Disable(!on, whyCHAP)
	d.chapPass.Disable(!on, whyCHAP)
}

// fields are the fields OK checks.
func (d *StorageDomainDialog) fields() []*form.Field {
	fs := []*form.Field{&d.name, &d.description, &d.comment}
	if d.storageType == "nfs" {
		fs = append(fs, &d.export, &d.retrans, &d.timeout, &d.mountOptions)
	}
	return append(fs, &d.warnLow, &d.critical)
}

// validate checks the form and shows the verdicts.
func (d *StorageDomainDialog) validate() bool {
	ok := true
	for _, f := range d.fields() {
		if !f.Validate() {
			ok = false
		}
	}
	d.hostErr = ""
	if d.hostID == "" {
		d.hostErr = validation.MsgEmpty
		ok = false
	}
	d.lunErr = ""
	if d.storageType == "iscsi" && len(selectedLUNs(d.luns, d.chosen)) == 0 {
		d.lunErr = msgNoLUNs
		ok = false
	}
	return ok
}

func (d *StorageDomainDialog) firstInvalid() string {
	for _, f := range d.fields() {
		if f.Invalid() {
			if !f.Disabled && (f == &d.warnLow || f == &d.critical) {
				d.advanced = true
			}
			if f == &d.retrans || f == &d.timeout || f == &d.mountOptions {
				d.custom = true
			}
			return f.ID
		}
	}
	if d.hostErr != "" {
		return "sd-host"
	}
	if d.lunErr != "" {
		return "iscsi-luns-table"
	}
	return ""
}

// common builds the part of the request common to NFS and iSCSI.
func (d *StorageDomainDialog) common() wire.DomainCommon {
	return wire.DomainCommon{
		Name: d.name.Trimmed(), Description: d.description.Trimmed(), Comment: d.comment.Trimmed(),
		HostID: d.hostID, DataCenterID: d.dc,
		WarningLowSpace: intPtr(&d.warnLow), CriticalSpaceBlocker: intPtr(&d.critical),
	}
}

// nfsRequest builds the NFS request.
func (d *StorageDomainDialog) nfsRequest() wire.NFSDomainRequest {
	r := wire.NFSDomainRequest{
		DomainCommon: d.common(), Type: d.function,
		Export: d.export.Trimmed(), NFSVersion: d.nfsVersion,
		Retransmissions: intPtr(&d.retrans), Timeout: intPtr(&d.timeout), MountOptions: d.mountOptions.Trimmed(),
	}
	if server, path, err := validation.SplitNFSExportPath(r.Export); err == nil {
		r.Export = server + ":" + path
	}
	return r
}

// iscsiRequest builds the iSCSI request.
func (d *StorageDomainDialog) iscsiRequest() wire.ISCSIDomainRequest {
	return wire.ISCSIDomainRequest{
		DomainCommon: d.common(), Type: d.function,
		LUNs: selectedLUNs(d.luns, d.chosen),
	}
}

// serverErrors puts the BFF's field messages on the fields, the host
// select and the LUN list; it returns whether one landed.
func (d *StorageDomainDialog) serverErrors(e *client.APIError) bool {
	b := form.Binder{
		form.Bind("name", &d.name), form.Bind("description", &d.description), form.Bind("comment", &d.comment),
		form.Bind("export", &d.export), form.Bind("retransmissions", &d.retrans), form.Bind("timeout", &d.timeout),
		form.Bind("mount_options", &d.mountOptions), form.Bind("warning_low_space", &d.warnLow),
		form.Bind("critical_space_blocker", &d.critical),
	}
	rest := b.Apply(e.Fields)
	landed := len(rest) < len(e.Fields)
	for path, fe := range rest {
		switch {
		case path == "host_id":
			d.hostErr, landed = fe.Message, true
		case path == "luns" || strings.HasPrefix(path, "luns."):
			d.lunErr, landed = fe.Message, true
		}
	}
	return landed
}

func (d *StorageDomainDialog) ok(ctx app.Context) {
	if d.busy {
		return
	}
	if !d.validate() {
		d.life.Focus(ctx, d.firstInvalid())
		return
	}
	d.busy, d.saveErr = true, ""
	nfs := d.storageType == "nfs"
	nr, ir := d.nfsRequest(), d.iscsiRequest()
	ctx.Async(func() {
		var sd *wire.StorageDomain
		var err error
		if nfs {
			sd, err = d.API.AddNFSDomain(context.Background(), nr)
		} else {
			sd, err = d.API.AddISCSIDomain(context.Background(), ir)
		}
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.busy = false
			if err != nil {
				ae := client.AsAPIError(err)
				if !d.serverErrors(ae) {
					d.saveErr = ae.Message
				}
				d.life.Focus(ctx, d.firstInvalid())
				return
			}
			if d.OnSaved != nil {
				d.OnSaved(ctx, sd)
			}
		})
	})
}

func (d *StorageDomainDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// portalRequest is the discovery request from the Discover Targets fields.
func (d *StorageDomainDialog) portalRequest() wire.ISCSIRequest {
	r := wire.ISCSIRequest{Address: d.address.Trimmed()}
	if a, err := validation.ParseAddr(r.Address); err == nil {
		r.Address = a.String()
	}
	r.Port, _ = parsePort(d.port.Value())
	if d.chap {
		r.Username, r.Password = d.chapUser.Trimmed(), d.chapPass.Value()
	}
	return r
}

// validatePortal checks the Discover Targets fields.
func (d *StorageDomainDialog) validatePortal() bool {
	ok := true
	for _, f := range []*form.Field{&d.address, &d.port, &d.chapUser, &d.chapPass} {
		if !f.Validate() {
			ok = false
		}
	}
	d.hostErr = ""
	if d.hostID == "" {
		d.hostErr = validation.MsgEmpty
		ok = false
	}
	return ok
}

func (d *StorageDomainDialog) portalInvalid() string {
	for _, f := range []*form.Field{&d.address, &d.port, &d.chapUser, &d.chapPass} {
		if f.Invalid() {
			return f.ID
		}
	}
	return "sd-host"
}

func (d *StorageDomainDialog) portalErrors(e *client.APIError) {
	b := form.Binder{form.Bind("address", &d.address), form.Bind("port", &d.port), form.Bind("username", &d.chapUser), form.Bind("password", &d.chapPass)}
	if len(b.Apply(e.Fields)) == len(e.Fields) {
		d.discErr = e.Message
	}
}

// discover asks the host for the portal's targets.
func (d *StorageDomainDialog) discover(ctx app.Context, all bool) {
	if d.iscsiBusy != "" {
		return
	}
	if !d.validatePortal() {
		d.life.Focus(ctx, d.portalInvalid())
		return
	}
	req, host := d.portalRequest(), d.hostID
	d.iscsiBusy, d.discErr, d.discMsg = "Discovering", "", ""
	if all {
		d.iscsiBusy = "Logging in"
	}
	ctx.Async(func() {
		var res *wire.Discovery
		var err error
		if all {
			res, err = d.API.LoginAllISCSI(context.Background(), host, req)
		} else {
			res, err = d.API.DiscoverISCSI(context.Background(), host, req)
		}
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.iscsiBusy = ""
			if err != nil {
				d.portalErrors(client.AsAPIError(err))
				return
			}
			d.targets, d.discMsg = res.Targets, res.Message
			// A host already logged in to a target (an earlier session)
			// has its LUNs at hand: list them without a new login.
			if all || anyLoggedIn(d.targets) {
				d.loadLUNs(ctx)
			}
		})
	})
}

// anyLoggedIn reports whether the host is logged in to one of targets.
func anyLoggedIn(targets []wire.ISCSITarget) bool {
	for _, t := range targets {
		if t.LoggedIn {
			return true
		}
	}
	return false
}

// login logs the host in to one target, then reloads the LUNs.
func (d *StorageDomainDialog) login(ctx app.Context, t wire.ISCSITarget) {
	if d.iscsiBusy != "" {
		return
	}
	req, host := d.portalRequest(), d.hostID
	req.Address, req.Port, req.Target = t.Address.Address, t.Port, t.Target
	d.iscsiBusy, d.discErr = "Logging in", ""
	ctx.Async(func() {
		err := d.API.LoginISCSI(context.Background(), host, req)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.iscsiBusy = ""
			if err != nil {
				d.portalErrors(client.AsAPIError(err))
				return
			}
			for i := range d.targets {
				if d.targets[i].Target == t.Target && d.targets[i].Address.Address == t.Address.Address && d.targets[i].Port == t.Port {
					d.targets[i].LoggedIn = true
				}
			}
			d.loadLUNs(ctx)
		})
	})
}

func (d *StorageDomainDialog) loadLUNs(ctx app.Context) {
	host := d.hostID
	d.iscsiBusy, d.lunsErr = "Loading...\nA large number of LUNs may slow down the operation.", ""
	ctx.Async(func() {
		luns, err := d.API.HostLUNs(context.Background(), host)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.iscsiBusy = ""
			if err != nil {
				d.lunsErr = "Could not retrieve LUNs, please check your storage."
				return
			}
			d.luns = luns
		})
	})
}

// toggleLUN chooses or leaves a LUN.
func (d *StorageDomainDialog) toggleLUN(id string, on bool) {
	if on {
		d.chosen[id] = true
	} else {
		delete(d.chosen, id)
	}
	if len(selectedLUNs(d.luns, d.chosen)) > 0 {
		d.lunErr = ""
	}
}

// canLoginAll reports whether some discovered target is not logged in.
func (d *StorageDomainDialog) canLoginAll() bool {
	for _, t := range d.targets {
		if !t.LoggedIn {
			return true
		}
	}
	return false
}

// Render draws the dialog.
func (d *StorageDomainDialog) Render() app.UI {
	d.init()
	hostOpts := []form.Option{}
	for _, h := range d.dcHosts() {
		hostOpts = append(hostOpts, form.Option{Value: h.ID, Label: h.Name})
	}
	functions := []form.Option{{Value: "data", Label: "Data"}, {Value: "iso", Label: "ISO"}, {Value: "export", Label: "Export"}}
	body := []app.UI{
		app.If(d.loadErr != "", func() app.UI { return form.Alert("danger", d.loadErr).ID("sd-load-error") }),
		app.If(d.saveErr != "", func() app.UI { return form.Alert("danger", d.saveErr).ID("sd-save-error") }),
		app.Div().Class("pf-v6-c-form", "pf-m-horizontal").Body(
			form.FormGroup("sd-dc", "Data Center", false,
				form.SelectControl("sd-dc", d.dc, d.dataCenters(), d.loading, false, func(ctx app.Context, v string) { d.dc = v; d.pickHost() }),
				form.HelperBlock("sd-dc", "", ""),
			),
			d.name.Render(),
			d.description.Render(),
			d.comment.Render(),
			form.FormGroup("sd-function", "Domain Function", true,
				form.SelectControl("sd-function", d.function, functions, false, false, func(ctx app.Context, v string) { d.setFunction(v) }),
				form.HelperBlock("sd-function", "", ""),
			),
			form.FormGroup("sd-storage-type", "Storage Type", true,
				form.SelectControl("sd-storage-type", d.storageType, d.storageTypes(), false, false, func(ctx app.Context, v string) {
					d.storageType = v
					d.lunErr = ""
				}),
				form.HelperBlock("sd-storage-type", "", ""),
			),
			form.FormGroup("sd-host", "Host to Use", true,
				form.SelectControl("sd-host", d.hostID, hostOpts, d.loading, d.hostErr != "", func(ctx app.Context, v string) {
					d.hostID, d.hostErr = v, ""
					d.targets, d.luns, d.discMsg = nil, nil, ""
					d.chosen = map[string]bool{}
				}),
				form.HelperBlock("sd-host", d.hostErr, ""),
			),
			app.If(d.storageType == "nfs", func() app.UI { return d.renderNFS() }),
			app.If(d.storageType == "iscsi", func() app.UI { return d.renderISCSI() }),
			d.renderAdvanced(),
		),
	}
	footer := []app.UI{
		form.Button("primary", "OK").ID("sd-ok").Disabled(d.busy).OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
		form.Button("link", "Cancel").ID("sd-cancel").OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
	}
	if d.busy {
		footer = append(footer, form.Spinner("Creating"))
	}
	return app.Div().Class("v6-storage-dialog").Body(form.Modal{
		ID:       sdDialogID,
		Title:    "New Domain",
		Size:     "lg",
		Body:     body,
		Footer:   footer,
		OnOK:     d.ok,
		OnCancel: d.cancel,
	}.Render())
}

// expander is a PatternFly expandable section's toggle.
func expander(id, label string, open bool, onToggle func()) app.UI {
	cls := []string{"pf-v6-c-expandable-section"}
	if open {
		cls = append(cls, "pf-m-expanded")
	}
	return app.Div().Class(cls...).Body(
		app.Div().Class("pf-v6-c-expandable-section__toggle").Body(
			app.Button().Type("button").Class("pf-v6-c-button", "pf-m-link").ID(id+"-toggle").
				Aria("expanded", strconv.FormatBool(open)).Aria("controls", id).
				OnClick(func(ctx app.Context, e app.Event) { onToggle() }).Body(
				app.Span().Class("pf-v6-c-button__icon", "pf-m-start").Body(
					app.Span().Class("pf-v6-c-expandable-section__toggle-icon").Body(form.Icon("angle-right")),
				),
				app.Span().Class("pf-v6-c-button__text").Text(label),
			),
		),
	)
}

func (d *StorageDomainDialog) renderAdvanced() app.UI {
	return app.Div().Class("v6-section").Body(
		expander("sd-advanced", "Advanced Parameters", d.advanced, func() { d.advanced = !d.advanced }),
		app.Div().ID("sd-advanced").Hidden(!d.advanced).Body(
			d.warnLow.Render(),
			d.critical.Render(),
		),
	)
}

func (d *StorageDomainDialog) renderNFS() app.UI {
	return app.Div().ID("sd-nfs").Body(
		d.export.Render(),
		expander("nfs-custom", "Custom Connection Parameters", d.custom, func() { d.custom = !d.custom }),
		app.Div().ID("nfs-custom").Hidden(!d.custom).Body(
			app.P().Class("v6-muted").Text("It is recommended to keep the default values in the fields below unchanged."),
			form.FormGroup("nfs-version", "NFS Version", false,
				form.SelectControl("nfs-version", d.nfsVersion, nfsVersions, false, false, func(ctx app.Context, v string) { d.nfsVersion = v }),
				form.HelperBlock("nfs-version", "", ""),
			),
			d.retrans.Render(),
			d.timeout.Render(),
			d.mountOptions.Render(),
		),
	)
}

func (d *StorageDomainDialog) renderISCSI() app.UI {
	return app.Div().ID("sd-iscsi").Body(
		app.H2().Class("pf-v6-c-title", "pf-m-md").Text("Discover Targets"),
		d.address.Render(),
		d.port.Render(),
		app.Div().Class("pf-v6-c-form__group").Body(
			app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
			app.Div().Class("pf-v6-c-form__group-control").Body(
				form.Checkbox("iscsi-chap", "User Authentication", d.chap, false, func(ctx app.Context, on bool) { d.setCHAP(on) }),
			),
		),
		d.chapUser.Render(),
		d.chapPass.Render(),
		app.Div().Class("pf-v6-c-form__group").Body(
			app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
			app.Div().Class("pf-v6-c-form__group-control").Body(
				app.Div().Class("v6-actions").Body(
					form.Button("secondary", "Discover").ID("iscsi-discover").Disabled(d.iscsiBusy != "").
						OnClick(func(ctx app.Context, e app.Event) { d.discover(ctx, false) }),
					form.Button("secondary", "Login All").ID("iscsi-login-all").Disabled(d.iscsiBusy != "" || !d.canLoginAll()).
						OnClick(func(ctx app.Context, e app.Event) { d.discover(ctx, true) }),
					app.If(d.iscsiBusy != "", func() app.UI { return form.Spinner(d.iscsiBusy) }),
				),
			),
		),
		app.Div().Role("status").Body(
			app.If(d.discErr != "", func() app.UI { return form.Alert("danger", d.discErr).ID("iscsi-error") }),
			app.If(d.discMsg != "", func() app.UI { return form.Alert("info", d.discMsg).ID("iscsi-message") }),
		),
		app.If(len(d.targets) > 0, func() app.UI { return d.renderTargets() }),
		d.renderLUNs(),
	)
}

func (d *StorageDomainDialog) renderTargets() app.UI {
	rows := make([]app.UI, 0, len(d.targets))
	for _, t := range d.targets {
		t := t
		var action app.UI
		if t.LoggedIn {
			action = form.PfLabel("green", "Logged in")
		} else {
			action = form.Button("secondary", "Login").Class("pf-m-small").Aria("label", "Login to "+t.Target).
				Title("Login").Disabled(d.iscsiBusy != "").
				OnClick(func(ctx app.Context, e app.Event) { d.login(ctx, t) }, app.EventScope("login", t.Target, t.Address.Address))
		}
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").DataSet("target", t.Target).Body(
			form.Td("Target Name", app.Code().Text(t.Target)),
			form.Td("Address", form.AddrText(t.Address)),
			form.Td("Port", app.Text(strconv.Itoa(t.Port))),
			form.Td("Login", action),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-compact", "pf-m-grid-md").ID("iscsi-targets-table").Aria("label", "Targets").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Th("Target Name"), form.Th("Address"), form.Th("Port"), form.Th("Login"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}

func (d *StorageDomainDialog) renderLUNs() app.UI {
	var content app.UI
	switch {
	case d.lunsErr != "":
		content = form.Alert("danger", d.lunsErr)
	case len(d.luns) == 0:
		content = app.P().Class("v6-muted").Text("Log in to a target to list its LUNs.")
	default:
		rows := make([]app.UI, 0, len(d.luns))
		for _, l := range d.luns {
			l := l
			id := "lun-" + l.ID
			rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").DataSet("lun", l.ID).Body(
				app.Td().Class("pf-v6-c-table__td", "pf-v6-c-table__check").Body(
					app.Input().Type("checkbox").ID(id).Checked(d.chosen[l.ID]).Disabled(!lunUsable(l)).
						Aria("label", "Add LUN "+l.ID).
						OnChange(func(ctx app.Context, e app.Event) {
							d.toggleLUN(l.ID, ctx.JSSrc().Get("checked").Bool())
						}, app.EventScope("lun", l.ID)),
				),
				form.Td("LUN ID", app.Code().Text(l.ID)),
				form.Td("Size", app.Text(form.FormatBytes(l.Size))),
				form.Td("#paths", app.Text(strconv.Itoa(l.Paths))),
				form.Td("Vendor ID", app.Text(l.VendorID)),
				form.Td("Product ID", app.Text(l.ProductID)),
				form.Td("Serial", app.Text(l.Serial)),
			))
		}
		content = app.Table().Class("pf-v6-c-table", "pf-m-compact", "pf-m-grid-md").ID("iscsi-luns-table").Aria("label", "LUNs").
			Aria("describedby", "iscsi-luns-help").TabIndex(-1).Body(
			app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
				app.Td().Class("pf-v6-c-table__td").Body(app.Span().Class("pf-v6-screen-reader").Text("Add")),
				form.Th("LUN ID"), form.Th("Size"), form.Th("#paths"), form.Th("Vendor ID"), form.Th("Product ID"), form.Th("Serial"),
			)),
			app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
		)
	}
	return app.Div().Class("v6-luns").Body(
		app.H2().Class("pf-v6-c-title", "pf-m-md").Text("LUNs > Targets"),
		content,
		form.HelperBlock("iscsi-luns", d.lunErr, ""),
	)
}
