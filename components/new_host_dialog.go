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

// HostDialog is oVirt's New Host / Edit Host dialog with its General and
// Power Management tabs. General: Host Cluster (grouped by data center),
// Name, Comment, Hostname/IP (FQDN, IPv4, IPv6 bare or in brackets, with
// its canonical form and scope as you type), SSH Port (22), Activate host
// after install and Reboot host after install (both checked), and the
// authentication by Password or SSH Public Key. Saving a host without power
// management asks for confirmation, as in oVirt.
type HostDialog struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// HostID is the host to edit ("" for New Host).
	HostID string
	// Tab is the tab to open on: "general" (default) or "pm".
	Tab string
	// OnSaved receives the saved host and the BFF's warnings.
	OnSaved  func(ctx app.Context, h *wire.Host, warnings []wire.Warning)
	OnCancel func(ctx app.Context)

	focus  form.ModalFocus
	inited bool
	tab    string

	loading bool
	loadErr string
	host    *wire.Host

	clusters   []wire.Cluster
	clusterID  string
	clusterErr string

	name      form.Field
	comment   form.Field
	address   form.Field
	sshPort   form.Field
	password  form.Field
	activate  bool
	reboot    bool
	auth      string // password, publickey
	authErr   string
	pubKey    string // the engine's SSH public key, once read
	pubKeyMsg string // why it could not be read
	pubKeyReq bool   // asked for

	pm pmState

	agentOpen   bool
	agentIndex  int // -1: a new agent
	removeAgent int // index awaiting confirmation, -1 for none

	confirmNoPM bool
	saving      bool
	saveErr     string
}

const hostDialogID = "host-dialog"

// OnInit sets up the fields with oVirt's defaults.
func (d *HostDialog) OnInit() { d.init() }

func (d *HostDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	d.tab = d.Tab
	if d.tab != "pm" {
		d.tab = "general"
	}
	d.removeAgent = -1
	d.name = form.Field{ID: "host-name", Label: "Name", Required: true, Check: checkObjectName}
	d.comment = form.Field{ID: "host-comment", Label: "Comment", Check: checkMaxLen(1024)}
	d.address = form.NewHostAddressField("host-address", "Hostname/IP", "host.example.com, 192.0.2.10 or 2001:db8::10")
	d.address.Help = "Fully qualified domain name or IP address of the host; IPv6 bare or in brackets."
	d.sshPort = form.Field{ID: "host-ssh-port", Label: "SSH Port", Type: "number", Required: true, Check: checkPort}
	d.sshPort.SetValue("22")
	d.password = form.Field{ID: "host-password", Label: "Password", Type: "password", Required: true, Check: checkMaxLen(1024), AutoComplete: "new-password"}
	d.activate, d.reboot = true, true
	d.auth = "password"
	d.pm = newPMState()
	if d.HostID != "" {
		d.loading = true
		d.address.Disable(true, "Loading the host…")
		d.password.Disabled = true
	}
}

// isNew reports whether this is New Host.
func (d *HostDialog) isNew() bool { return d.HostID == "" }

// OnMount loads the clusters (and the host to edit) and focuses the
// first field.
func (d *HostDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, hostDialogID, d.initialFocus())
	d.load(ctx)
}

// initialFocus is the element focused when the dialog opens.
func (d *HostDialog) initialFocus() string {
	switch {
	case d.tab == "pm":
		return "pm-enabled"
	case d.isNew():
		return "host-cluster"
	}
	return "host-name"
}

// OnDismount gives the focus back to the opener.
func (d *HostDialog) OnDismount() { d.focus.Restore() }

func (d *HostDialog) load(ctx app.Context) {
	id := d.HostID
	ctx.Async(func() {
		cls, cerr := d.API.Clusters(context.Background())
		var h *wire.Host
		var herr error
		if id != "" {
			h, herr = d.API.Host(context.Background(), id)
		}
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.loading = false
			if cerr != nil {
				d.loadErr = client.AsAPIError(cerr).Message
			}
			d.setClusters(cls)
			if herr != nil {
				d.loadErr = client.AsAPIError(herr).Message
				return
			}
			if h != nil {
				d.setHost(h)
			}
			ctx.Defer(func(app.Context) { form.FocusIntoIfOutside(hostDialogID, d.initialFocus()) })
		})
	})
}

// setClusters lists the clusters and picks the first (oVirt's default).
func (d *HostDialog) setClusters(cls []wire.Cluster) {
	d.clusters = append([]wire.Cluster(nil), cls...)
	sort.SliceStable(d.clusters, func(i, j int) bool {
		gi, gj := dataCenterLabel(d.clusters[i]), dataCenterLabel(d.clusters[j])
		if gi != gj {
			return gi < gj
		}
		return d.clusters[i].Name < d.clusters[j].Name
	})
	if d.clusterID == "" && len(d.clusters) > 0 {
		d.clusterID = d.clusters[0].ID
	}
}

// setHost fills the dialog with a saved host.
func (d *HostDialog) setHost(h *wire.Host) {
	d.host = h
	d.name.SetValue(h.Name)
	d.comment.SetValue(h.Comment)
	d.address.SetValue(h.Address.Address)
	d.address.Disable(!addressEditable(h.Status), msgAddressLocked)
	if h.SSHPort != 0 {
		d.sshPort.SetValue(strconv.Itoa(h.SSHPort))
	}
	if h.Cluster != nil {
		d.clusterID = h.Cluster.ID
	}
	d.pm = pmStateOf(h)
}

// dataCenterLabel is the group of a cluster in the Host Cluster select.
func dataCenterLabel(c wire.Cluster) string {
	if c.DataCenter == nil {
		return "Data Center: (none)"
	}
	name := c.DataCenter.Name
	if name == "" {
		name = c.DataCenter.ID
	}
	return "Data Center: " + name
}

// clusterHelp explains a locked Host Cluster select on Edit Host.
func clusterHelp(isNew, editable bool) string {
	if isNew || editable {
		return ""
	}
	return "Switch the host to Maintenance mode to change its cluster."
}

// clusterOptions are the select's options grouped by data center.
func clusterOptions(cls []wire.Cluster) []form.Option {
	out := make([]form.Option, 0, len(cls))
	for _, c := range cls {
		out = append(out, form.Option{Value: c.ID, Label: c.Name, Group: dataCenterLabel(c)})
	}
	return out
}

// generalFields are the General tab's fields, in order.
func (d *HostDialog) generalFields() []*form.Field {
	fs := []*form.Field{&d.name, &d.comment, &d.address, &d.sshPort}
	if d.isNew() && d.auth == "password" {
		fs = append(fs, &d.password)
	}
	return fs
}

// generalHasError reports whether the General tab holds an error.
func (d *HostDialog) generalHasError() bool {
	if d.clusterErr != "" || d.authErr != "" {
		return true
	}
	for _, f := range d.generalFields() {
		if f.Invalid() {
			return true
		}
	}
	return false
}

// validate checks both tabs and reports whether OK may go on.
func (d *HostDialog) validate() bool {
	ok := true
	for _, f := range d.generalFields() {
		if !f.Validate() {
			ok = false
		}
	}
	d.clusterErr = ""
	if d.clusterID == "" && d.isNew() {
		d.clusterErr = "This field can't be empty."
		ok = false
	}
	d.authErr = ""
	if !d.pm.validate() {
		ok = false
	}
	return ok
}

// firstError is the tab and element id of the first error, for focus.
func (d *HostDialog) firstError() (tab, id string) {
	if d.clusterErr != "" {
		return "general", "host-cluster"
	}
	for _, f := range d.generalFields() {
		if f.Invalid() {
			return "general", f.ID
		}
	}
	if d.authErr != "" {
		return "general", "host-auth-password"
	}
	if d.pm.err != "" {
		return "pm", "pm-add-agent"
	}
	for i, a := range d.pm.agents {
		if a.Err != "" {
			return "pm", "agent-" + strconv.Itoa(i) + "-up"
		}
	}
	return "", ""
}

// showFirstError opens the tab of the first error and focuses its field.
func (d *HostDialog) showFirstError(ctx app.Context) {
	tab, id := d.firstError()
	if tab == "" {
		return
	}
	d.tab = tab
	d.life.Focus(ctx, id)
}

func (d *HostDialog) ok(ctx app.Context) {
	if d.saving || d.loading || d.agentOpen || d.confirmNoPM || d.removeAgent >= 0 {
		return
	}
	d.saveErr = ""
	if !d.validate() {
		d.showFirstError(ctx)
		return
	}
	if !d.pm.enabled {
		d.confirmNoPM = true
		return
	}
	d.save(ctx)
}

func (d *HostDialog) cancel(ctx app.Context) {
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// addRequest is the POST /api/hosts body.
func (d *HostDialog) addRequest() wire.AddHostRequest {
	port, _ := parsePort(d.sshPort.Value())
	activate, reboot := d.activate, d.reboot
	r := wire.AddHostRequest{
		Name:            d.name.Trimmed(),
		Comment:         d.comment.Trimmed(),
		Address:         validation.HostOf(d.address.Value()),
		ClusterID:       d.clusterID,
		AuthMethod:      d.auth,
		SSHPort:         port,
		Activate:        &activate,
		Reboot:          &reboot,
		PowerManagement: d.pm.request(),
	}
	if d.auth != "publickey" {
		r.RootPassword = d.password.Value()
	}
	for i, a := range d.pm.agents {
		r.FenceAgents = append(r.FenceAgents, a.request(i+1))
	}
	return r
}

// loadPubKey reads the engine's SSH public key the first time SSH Public
// Key is chosen.
func (d *HostDialog) loadPubKey(ctx app.Context) {
	if d.pubKeyReq {
		return
	}
	d.pubKeyReq = true
	ctx.Async(func() {
		key, err := d.API.EngineSSHKey(context.Background())
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.setPubKey(key, err)
		})
	})
}

// setPubKey shows the engine's key, or why it is missing.
func (d *HostDialog) setPubKey(key string, err error) {
	if err != nil {
		d.pubKey, d.pubKeyMsg = "", "The engine's SSH public key could not be read: "+client.AsAPIError(err).Message
		d.pubKeyReq = false // try again when chosen again
		return
	}
	d.pubKey, d.pubKeyMsg = key, ""
}

// editRequest is the PUT /api/hosts/:id body: the cluster only when it
// changed (the engine allows that in maintenance only).
func (d *HostDialog) editRequest() wire.EditHostRequest {
	name, comment := d.name.Trimmed(), d.comment.Trimmed()
	r := wire.EditHostRequest{Name: &name, Comment: &comment, PowerManagement: d.pm.request()}
	if port, ok := parsePort(d.sshPort.Value()); ok {
		r.SSHPort = &port
	}
	if addr := validation.HostOf(d.address.Value()); d.host != nil && !d.address.Disabled && addr.Text() != d.host.Address.Address {
		r.Address = &addr
	}
	if d.host != nil && d.clusterID != "" && (d.host.Cluster == nil || d.host.Cluster.ID != d.clusterID) {
		id := d.clusterID
		r.ClusterID = &id
	}
	return r
}

// msgAddressLocked says why Edit Host's address is disabled: the real
// engine refuses a new address unless the host's installation failed
// (UpdateHostValidator.updateHostAddressAllowed,
// ACTION_TYPE_FAILED_HOSTNAME_CANNOT_CHANGE), in Maintenance too.
const msgAddressLocked = "The engine changes a host's address only after a failed installation: " +
	"Host Address can not be modified due to Security restrictions. To use another address, remove the host and add it again."

// addressEditable reports whether the engine accepts a new address for a
// host in this status.
func addressEditable(status string) bool { return status == "install_failed" }

// clusterEditable reports whether the Host Cluster select may change: on
// New Host, and on Edit Host while the host is in maintenance (as oVirt).
func (d *HostDialog) clusterEditable() bool {
	if d.isNew() {
		return true
	}
	return d.host != nil && (d.host.Status == "maintenance" || d.host.Status == "install_failed")
}

func (d *HostDialog) save(ctx app.Context) {
	d.saving, d.saveErr = true, ""
	for i := range d.pm.agents {
		d.pm.agents[i].Err = ""
	}
	if d.isNew() {
		req := d.addRequest()
		ctx.Async(func() {
			res, err := d.API.AddHost(context.Background(), req)
			d.life.Dispatch(ctx, func(ctx app.Context) {
				d.saving = false
				if err != nil {
					d.serverErrors(ctx, client.AsAPIError(err))
					return
				}
				if d.OnSaved != nil {
					d.OnSaved(ctx, &res.Host, res.Warnings)
				}
			})
		})
		return
	}
	id, req := d.HostID, d.editRequest()
	pm := d.pm
	agents := append([]pmAgent(nil), pm.agents...)
	removed := append([]string(nil), pm.removed...)
	ctx.Async(func() {
		h, failed, err := saveHostEdit(context.Background(), d.API, id, req, agents, removed)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.saving = false
			if err != nil {
				ae := client.AsAPIError(err)
				if failed >= 0 && failed < len(d.pm.agents) {
					d.pm.agents[failed].Err = ae.Message
					d.tab = "pm"
				}
				d.serverErrors(ctx, ae)
				return
			}
			if d.OnSaved != nil {
				d.OnSaved(ctx, h, nil)
			}
		})
	})
}

// saveHostEdit applies an Edit Host: the host, then the removed, changed
// and new agents, then their order. failed is the index of the agent the
// BFF refused (-1 otherwise).
func saveHostEdit(ctx context.Context, api client.API, id string, req wire.EditHostRequest, agents []pmAgent, removed []string) (*wire.Host, int, error) {
	h, err := api.EditHost(ctx, id, req)
	if err != nil {
		return nil, -1, err
	}
	for _, aid := range removed {
		if err := api.RemoveFenceAgent(ctx, id, aid); err != nil {
			return nil, -1, err
		}
	}
	ids := make([]string, len(agents))
	for i, a := range agents {
		ids[i] = a.Agent.ID
		switch {
		case a.Agent.ID == "":
			got, err := api.AddFenceAgent(ctx, id, a.request(i+1))
			if err != nil {
				return nil, i, err
			}
			ids[i] = got.ID
		case a.Changed:
			if _, err := api.EditFenceAgent(ctx, id, a.Agent.ID, a.request(0)); err != nil {
				return nil, i, err
			}
		}
	}
	if len(ids) > 1 {
		if _, err := api.OrderFenceAgents(ctx, id, ids); err != nil {
			return nil, -1, err
		}
	}
	return h, -1, nil
}

// serverErrors shows the BFF's refusal: field errors under their fields
// (and marks their tabs), the rest at the top.
func (d *HostDialog) serverErrors(ctx app.Context, e *client.APIError) {
	d.serverErrorsNoFocus(e)
	d.showFirstError(ctx)
}

// serverErrorsNoFocus files the BFF's refusal (see serverErrors).
func (d *HostDialog) serverErrorsNoFocus(e *client.APIError) {
	b := form.Binder{
		form.Bind("name", &d.name), form.Bind("comment", &d.comment), form.Bind("address", &d.address),
		form.Bind("ssh_port", &d.sshPort), form.Bind("root_password", &d.password),
	}
	var unplaced []string
	for path, fe := range b.Apply(e.Fields) {
		switch {
		case path == "cluster_id":
			d.clusterErr = fe.Message
		case strings.HasPrefix(path, "fence_agents."):
			rest := strings.TrimPrefix(path, "fence_agents.")
			idx, field, _ := strings.Cut(rest, ".")
			if i, err := strconv.Atoi(idx); err == nil && i >= 0 && i < len(d.pm.agents) {
				msg := fe.Message
				if field != "" {
					msg = agentFieldLabel(field) + ": " + msg
				}
				d.pm.agents[i].Err = msg
				continue
			}
			unplaced = append(unplaced, fe.Message)
		case strings.HasPrefix(path, "power_management"):
			d.pm.err = fe.Message
		default:
			unplaced = append(unplaced, path+": "+fe.Message)
		}
	}
	sort.Strings(unplaced)
	d.saveErr = e.Message
	if len(unplaced) > 0 {
		d.saveErr += " " + strings.Join(unplaced, " ")
	}
}

// agentFieldLabel is the dialog label of a fence agent request member.
func agentFieldLabel(field string) string {
	switch field {
	case "address":
		return "Address"
	case "username":
		return "User Name"
	case "password":
		return "Password"
	case "type":
		return "Type"
	case "port":
		return "Port"
	case "options":
		return "Options"
	}
	return field
}

// openAgent opens the Add/Edit Fence Agent dialog for agent i (-1: new).
func (d *HostDialog) openAgent(ctx app.Context, i int) {
	d.agentOpen, d.agentIndex = true, i
}

func (d *HostDialog) agentSaved(ctx app.Context, a wire.Agent, password string) {
	d.pm.put(d.agentIndex, a, password)
	d.agentOpen = false
	d.saveErr = ""
}

// Render draws the dialog and the dialogs it opens.
func (d *HostDialog) Render() app.UI {
	d.init()
	title := "New Host"
	if !d.isNew() {
		title = "Edit Host"
	}
	var body []app.UI
	switch {
	case d.loading:
		body = append(body, app.Div().Class("v6-loading").Body(form.Spinner("Loading"), app.Span().Text(" Loading…")))
	default:
		if d.loadErr != "" {
			body = append(body, form.Alert("danger", d.loadErr).ID("host-load-error"))
		}
		if d.saveErr != "" {
			body = append(body, form.Alert("danger", d.saveErr).ID("host-save-error"))
		}
		body = append(body, form.TabSet{
			ID:      "host-tabs",
			Label:   "Host settings",
			Current: d.tab,
			OnPick:  func(ctx app.Context, id string) { d.tab = id },
			Tabs: []form.Tab{
				{ID: "general", Label: "General", HasError: d.generalHasError(), Body: []app.UI{d.renderGeneral()}},
				{ID: "pm", Label: "Power Management", HasError: d.pm.hasError(), Body: []app.UI{pmTabView{
					st:       &d.pm,
					onChange: func(ctx app.Context) {},
					onAdd:    func(ctx app.Context) { d.openAgent(ctx, -1) },
					onEdit:   d.openAgent,
					onRemove: func(ctx app.Context, i int) { d.removeAgent = i },
				}.Render()}},
			},
		}.Render())
	}
	footer := []app.UI{
		form.Button("primary", "OK").ID("host-ok").Disabled(d.saving || d.loading).
			OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
		form.Button("link", "Cancel").ID("host-cancel").
			OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
	}
	if d.saving {
		footer = append(footer, app.Span().Class("v6-saving").Role("status").Body(form.Spinner("Saving"), app.Text(" Saving…")))
	}
	return app.Div().Class("v6-host-dialog").Body(
		form.Modal{ID: hostDialogID, Title: title, Size: "lg", Body: body, Footer: footer, OnOK: d.ok, OnCancel: d.cancel}.Render(),
		app.If(d.agentOpen, func() app.UI { return d.renderAgentDialog() }),
		app.If(d.removeAgent >= 0 && d.removeAgent < len(d.pm.agents), func() app.UI {
			i := d.removeAgent
			return &form.ConfirmDialog{
				ID:      "remove-agent",
				Title:   "Are you sure?",
				Message: "Are you sure you wish to delete Fence Agent: " + agentTitle(d.pm.agents[i].Agent),
				Danger:  true,
				OnOK: func(ctx app.Context) {
					d.pm.remove(i)
					d.removeAgent = -1
				},
				OnCancel: func(ctx app.Context) { d.removeAgent = -1 },
			}
		}),
		app.If(d.confirmNoPM, func() app.UI {
			return &form.ConfirmDialog{
				ID:         "confirm-no-pm",
				Title:      "Power Management Configuration",
				Message:    "You haven't configured Power Management for this Host. Are you sure you want to continue?",
				ExtraLabel: "Configure Power Management",
				OnOK: func(ctx app.Context) {
					d.confirmNoPM = false
					d.save(ctx)
				},
				OnExtra: func(ctx app.Context) {
					d.confirmNoPM = false
					d.tab = "pm"
					d.life.Focus(ctx, "pm-enabled")
				},
				OnCancel: func(ctx app.Context) { d.confirmNoPM = false },
			}
		}),
	)
}

func (d *HostDialog) renderAgentDialog() app.UI {
	i := d.agentIndex
	var a wire.Agent
	var password string
	saved := false
	if i >= 0 && i < len(d.pm.agents) {
		a, password = d.pm.agents[i].Agent, d.pm.agents[i].Password
		saved = a.ID != "" && !d.pm.agents[i].Changed
	}
	return &FenceAgentDialog{API: d.API,
		Agent:    a,
		Password: password,
		IsNew:    i < 0,
		Others:   d.pm.others(i),
		HostID:   d.HostID,
		Saved:    saved,
		OnSave:   d.agentSaved,
		OnCancel: func(ctx app.Context) { d.agentOpen = false },
	}
}

func (d *HostDialog) renderGeneral() app.UI {
	isNew := d.isNew()
	return app.Div().Class("pf-v6-c-form", "pf-m-horizontal").Body(
		form.FormGroup("host-cluster", "Host Cluster", true,
			form.SelectControl("host-cluster", d.clusterID, clusterOptions(d.clusters), !d.clusterEditable() || len(d.clusters) == 0, d.clusterErr != "",
				func(ctx app.Context, v string) { d.clusterID, d.clusterErr = v, "" }),
			form.HelperBlock("host-cluster", d.clusterErr, clusterHelp(isNew, d.clusterEditable())),
		),
		d.name.Render(),
		d.comment.Render(),
		d.address.Render(),
		d.sshPort.Render(),
		app.If(isNew, func() app.UI {
			return app.Div().Class("pf-v6-c-form__group").Body(
				app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
				app.Div().Class("pf-v6-c-form__group-control").Body(
					form.Checkbox("host-activate", "Activate host after install", d.activate, false, func(ctx app.Context, on bool) { d.activate = on }),
					form.Checkbox("host-reboot", "Reboot host after install", d.reboot, false, func(ctx app.Context, on bool) { d.reboot = on }),
				),
			)
		}),
		app.If(isNew, func() app.UI { return d.renderAuth() }),
	)
}

// renderAuth is the Authentication section: User Name (root, fixed), then
// Password or SSH Public Key.
func (d *HostDialog) renderAuth() app.UI {
	return app.Div().Class("pf-v6-c-form__section").Role("group").Aria("labelledby", "host-auth-title").Body(
		app.Div().Class("pf-v6-c-form__section-title").ID("host-auth-title").Text("Authentication"),
		form.FormGroup("host-auth-user", "User Name", false,
			app.Span().Class("pf-v6-c-form-control", "pf-m-disabled").Body(
				app.Input().Type("text").ID("host-auth-user").Value("root").Disabled(true),
			),
		),
		app.Div().Class("pf-v6-c-form__group").Role("radiogroup").Aria("label", "Authentication method").Body(
			app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
			app.Div().Class("pf-v6-c-form__group-control").Body(
				form.Radio("host-auth-password", "host-auth", "Password", d.auth == "password", false, func(ctx app.Context) {
					d.auth, d.authErr = "password", ""
				}),
				form.Radio("host-auth-publickey", "host-auth", "SSH Public Key", d.auth == "publickey", false, func(ctx app.Context) {
					d.auth, d.authErr = "publickey", ""
					d.password.Reset()
					d.loadPubKey(ctx)
				}),
				form.HelperBlock("host-auth", d.authErr, ""),
			),
		),
		app.If(d.auth == "password", func() app.UI { return d.password.Render() }).Else(func() app.UI {
			text := d.pubKey
			if text == "" && d.pubKeyMsg == "" {
				text = "Loading…"
			}
			return form.FormGroup("host-pubkey", "SSH Public Key", false,
				app.Span().Class("pf-v6-c-form-control", "pf-m-readonly", "pf-m-resize-vertical").Body(
					app.Textarea().ID("host-pubkey").ReadOnly(true).Rows(3).Class("v6-mono").
						Aria("describedby", "host-pubkey-help").
						Title("For allowing PK authentication, copy the following PK to host under /root/.ssh/authorized_keys").
						Text(text),
				),
				form.HelperBlock("host-pubkey", d.pubKeyMsg, "For allowing PK authentication, copy the following PK to host under /root/.ssh/authorized_keys"),
			)
		}),
	)
}
