package components

import (
	"context"
	"net"
	"strconv"
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

// providerType is a choice of the Type select.
type providerType struct {
	Value   string // the BFF's type
	Label   string // oVirt's display name
	Kind    string // network, host
	URL     string // the default Provider URL
	Plugins []string
}

// providerTypes are sorted case-insensitively by display name, as oVirt
// lists them; the first is the default.
var providerTypes = []providerType{
	{Value: "external", Label: "External Network Provider", Kind: "network", URL: "http://localhost:9696",
		Plugins: []string{"oVirt Network Provider for OVN"}},
	{Value: "foreman", Label: "Foreman/Satellite", Kind: "host", URL: "http://localhost"},
	{Value: "neutron", Label: "OpenStack Networking", Kind: "network", URL: "http://localhost:9696",
		Plugins: []string{"Linux Bridge", "Open vSwitch"}},
}

// providerTypeOf returns a type by value (the default for an unknown one).
func providerTypeOf(v string) providerType {
	for _, t := range providerTypes {
		if t.Value == v {
			return t
		}
	}
	return providerTypes[0]
}

// providerTypeLabel is the display name of a provider for the list.
func providerTypeLabel(p wire.Provider) string {
	if p.Type != "" {
		return providerTypeOf(p.Type).Label
	}
	if p.Kind == "host" {
		return "Foreman/Satellite"
	}
	return "External Network Provider"
}

// urlOnTypeChange is oVirt's rule: changing the type replaces the URL
// with the new type's default if the URL is empty or still the old
// type's default; a URL typed by hand stays.
func urlOnTypeChange(oldType, newType, url string) string {
	u := strings.TrimSpace(url)
	if u == "" || u == providerTypeOf(oldType).URL {
		return providerTypeOf(newType).URL
	}
	return url
}

// composeAuthURL is the authentication URL the BFF builds from its parts:
// scheme://host:port/version with an IPv6 host in brackets (RFC 5952).
// "" while the host name or the port is missing or invalid (and for a
// zoned address, which the BFF refuses in URLs): a URL is shown only when
// it is the one that will be stored.
func composeAuthURL(protocol, host, port, version string) string {
	host = strings.TrimSpace(host)
	kind, a, err := validation.ParseHostAddress(host)
	if host == "" || err != nil {
		return ""
	}
	if kind != validation.HostName {
		if a.Zone() != "" {
			return ""
		}
		host = a.String()
	}
	if protocol == "" {
		protocol = "https"
	}
	port = strings.TrimSpace(port)
	if port == "" {
		port = "35357"
	}
	if _, ok := parsePort(port); !ok {
		return ""
	}
	return protocol + "://" + net.JoinHostPort(host, port) + "/" + version
}

// urlPreview confirms a valid provider URL: the URL as it will be stored
// and its host's canonical form and scope (ids provider-url-verdict,
// -canonical, -host, -scope).
func urlPreview(id, s string) app.UI {
	u, err := validation.ParseProviderURL(strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	host := u.Hostname()
	v := form.DescribeHostAddress(host)
	return app.Div().Class("pf-v6-c-helper-text__item", "pf-m-success", "v6-verdict").Body(
		app.Span().Class("pf-v6-c-helper-text__item-icon").Body(form.Icon("check-circle")),
		app.Span().Class("pf-v6-c-helper-text__item-text").Body(
			app.Span().ID(id+"-verdict").Text("Valid URL"),
			app.Span().Class("v6-canonical").Body(
				app.Span().Text("— stored as"),
				app.Code().ID(id+"-canonical").Text(u.String()),
				app.If(v.Canonical != "", func() app.UI {
					return app.Span().Class("v6-canonical").Body(
						app.Span().Text("host"),
						app.Code().ID(id+"-host").Text(v.Canonical),
						form.PfLabel(form.ScopeColor(v.Scope), v.Scope.String()).ID(id+"-scope").Class("v6-scope", "scope-"+v.Scope.Text()),
					)
				}),
			),
		),
	)
}

// checkProviderName is the Name rule, the engine's: ASCII letters, digits,
// '-' and '_', at most 128 (validation.ProviderName).
func checkProviderName(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return validation.ProviderName(s)
}

// ProviderDialog is oVirt's Add/Edit Provider dialog (ProviderPopupView),
// with the IPv6 gaps fixed: the Provider URL is validated (a bare IPv6
// host gets the bracket hint and a one-click fix), the authentication
// Host Name takes IPv6, and the authentication URL is composed with
// brackets and shown as you type. Test never saves: the BFF tests the
// dialog's settings on a temporary provider it always removes (a real
// engine tests only saved providers; see bff/api), or the saved provider
// when an edit keeps its connection settings and stored password. When
// an https provider's test fails and it presents a certificate not
// imported yet, the dialog asks to import exactly that certificate, then
// tests again; once imported, it does not ask again.
type ProviderDialog struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// Provider is the provider to edit (nil: Add Provider).
	Provider *wire.Provider
	// OnSaved is called with the saved provider after OK.
	OnSaved  func(ctx app.Context, p *wire.Provider)
	OnCancel func(ctx app.Context)

	focus  form.ModalFocus
	inited bool

	id, kind string // set once saved
	typ      string
	auth     bool
	protocol string
	version  string
	readOnly bool
	autoSync bool

	name        form.Field
	description form.Field
	plugin      form.Field
	url         form.Field
	username    form.Field
	password    form.Field
	hostName    form.Field
	apiPort     form.Field
	tenant      form.Field
	userDomain  form.Field
	project     form.Field
	projDomain  form.Field

	busy    bool
	saveErr string

	testing  bool
	test     *wire.ProviderTest
	testErr  string
	certs    *wire.Certificates // the certificate question, while asked
	certBusy bool
}

const providerDialogID = "provider-dialog"

// OnInit fills the fields.
func (d *ProviderDialog) OnInit() { d.init() }

func (d *ProviderDialog) init() {
	if d.inited {
		return
	}
	d.inited = true
	d.name = form.Field{ID: "provider-name", Label: "Name", Required: true, Check: checkProviderName}
	d.description = form.Field{ID: "provider-description", Label: "Description", Check: checkMaxLen(1024)}
	d.plugin = form.Field{ID: "provider-plugin", Label: "Networking Plugin", Check: checkMaxLen(64)}
	d.url = form.Field{ID: "provider-url", Label: "Provider URL", Required: true, Mono: true,
		Check: validation.ProviderURL, Placeholder: "https://[2001:db8::50]:9696",
		Preview: func(s string) app.UI { return urlPreview("provider-url", s) }}
	d.username = form.Field{ID: "provider-username", Label: "Username", Required: true, Check: checkMaxLen(256)}
	d.password = form.Field{ID: "provider-password", Label: "Password", Type: "password", Required: true,
		Check: checkMaxLen(1024), AutoComplete: "new-password"}
	d.hostName = form.NewHostAddressField("provider-host-name", "Host Name", "2001:db8::50 or keystone.example.com", validation.URLHostAddress)
	d.apiPort = form.Field{ID: "provider-api-port", Label: "API Port", Type: "number", Required: true, Check: checkPort}
	d.tenant = form.Field{ID: "provider-tenant", Label: "Tenant Name", Check: checkMaxLen(256)}
	d.userDomain = form.Field{ID: "provider-user-domain", Label: "User Domain Name", Check: checkMaxLen(256)}
	d.project = form.Field{ID: "provider-project", Label: "Project Name", Check: checkMaxLen(256)}
	d.projDomain = form.Field{ID: "provider-project-domain", Label: "Project Domain Name", Check: checkMaxLen(256)}
	d.protocol = "https"
	d.readOnly = true
	d.apiPort.SetValue("35357")
	p := d.Provider
	if p == nil {
		d.setType(providerTypes[0].Value)
		return
	}
	d.id, d.kind = p.ID, p.Kind
	d.typ = p.Type
	if d.typ == "" {
		d.typ = "external"
		if p.Kind == "host" {
			d.typ = "foreman"
		}
	}
	d.version = p.APIVersion
	if d.version == "" {
		d.version = d.defaultVersion()
	}
	d.name.SetValue(p.Name)
	d.description.SetValue(p.Description)
	d.plugin.SetValue(p.PluginType)
	d.url.SetValue(p.URL)
	d.auth = p.RequiresAuthentication
	d.username.SetValue(p.Username)
	d.password.Required = false
	d.password.Help = "Leave empty to keep the saved password."
	if p.Protocol != "" {
		d.protocol = p.Protocol
	}
	d.hostName.SetValue(p.HostName)
	if p.APIPort != 0 {
		d.apiPort.SetValue(strconv.Itoa(p.APIPort))
	}
	d.tenant.SetValue(p.TenantName)
	d.userDomain.SetValue(p.UserDomainName)
	d.project.SetValue(p.ProjectName)
	d.projDomain.SetValue(p.ProjectDomainName)
	d.readOnly, d.autoSync = p.ReadOnly, p.AutoSync
	d.gate()
}

// OnMount moves the focus into the dialog.
func (d *ProviderDialog) OnMount(ctx app.Context) {
	d.life.Keep(ctx)
	d.focus.Open(ctx, providerDialogID, "provider-name")
}

// OnDismount gives the focus back.
func (d *ProviderDialog) OnDismount() { d.focus.Restore() }

func (d *ProviderDialog) isNew() bool { return d.id == "" }

func (d *ProviderDialog) ptype() providerType { return providerTypeOf(d.typ) }

func (d *ProviderDialog) network() bool { return d.ptype().Kind == "network" }

func (d *ProviderDialog) defaultVersion() string {
	if d.typ == "neutron" {
		return "v3"
	}
	return "v2.0"
}

// setType changes the type: the URL follows the type's default (oVirt's
// rule), and so do the plugin and the API version.
func (d *ProviderDialog) setType(t string) {
	old := d.typ
	if old == "" {
		old = t
		d.url.SetValue(providerTypeOf(t).URL)
	} else {
		d.url.SetValue(urlOnTypeChange(old, t, d.url.Value()))
	}
	oldPlugins := providerTypeOf(old).Plugins
	d.typ = t
	nt := providerTypeOf(t)
	if p := d.plugin.Trimmed(); p == "" || (len(oldPlugins) > 0 && p == oldPlugins[0]) || old == t {
		if len(nt.Plugins) > 0 {
			d.plugin.SetValue(nt.Plugins[0])
		} else {
			d.plugin.SetValue("")
		}
	}
	d.version = d.defaultVersion()
	d.test, d.testErr = nil, ""
	d.gate()
}

// gate enables the fields the type and Requires Authentication allow.
func (d *ProviderDialog) gate() {
	off := !d.auth
	const whyAuth = "Check Requires Authentication to enter it."
	d.username.Disable(off, whyAuth)
	d.password.Disable(off, whyAuth)
	net := d.network()
	for _, f := range []*form.Field{&d.hostName, &d.apiPort, &d.tenant, &d.userDomain, &d.project, &d.projDomain} {
		why := whyAuth
		if !net {
			why = "Only network providers authenticate through Keystone."
		}
		f.Disable(off || !net, why)
	}
	d.tenant.Required = d.typ == "neutron" && d.version == "v2.0"
	d.userDomain.Required = d.typ == "neutron" && d.version == "v3"
	if d.version == "v3" {
		d.tenant.Disable(true, "Keystone API v3 uses a project, not a tenant.")
	} else {
		for _, f := range []*form.Field{&d.userDomain, &d.project, &d.projDomain} {
			f.Disable(true, "Only Keystone API v3 uses domains and projects.")
		}
	}
}

// fixURL applies a bracket fix to the URL.
func (d *ProviderDialog) fixURL(u string) {
	d.url.SetValue(u)
	d.url.Validate()
}

// authURL is the authentication URL as the BFF will compose it.
func (d *ProviderDialog) authURL() string {
	if !d.network() || !d.auth {
		return ""
	}
	return composeAuthURL(d.protocol, d.hostName.Value(), d.apiPort.Value(), d.version)
}

// fields are the dialog's fields of the provider's type, in form order,
// bound to their request members (disabled ones validate as valid).
func (d *ProviderDialog) fields() form.Binder {
	b := form.Binder{form.Bind("name", &d.name), form.Bind("description", &d.description)}
	if d.network() {
		b = append(b, form.Bind("plugin_type", &d.plugin))
	}
	b = append(b, form.Bind("url", &d.url), form.Bind("username", &d.username), form.Bind("password", &d.password))
	if d.network() {
		b = append(b, form.Bind("host_name", &d.hostName), form.Bind("api_port", &d.apiPort), form.Bind("tenant_name", &d.tenant),
			form.Bind("user_domain_name", &d.userDomain), form.Bind("project_name", &d.project), form.Bind("project_domain_name", &d.projDomain))
	}
	return b
}

// validate checks every field and shows the verdicts.
func (d *ProviderDialog) validate() bool {
	d.gate()
	return d.fields().Validate()
}

// firstInvalid is the id of the first field showing an error ("" for
// none).
func (d *ProviderDialog) firstInvalid() string {
	if f := d.fields().FirstInvalid(); f != nil {
		return f.ID
	}
	return ""
}

// request builds the BFF request from the fields.
func (d *ProviderDialog) request() wire.ProviderRequest {
	t := d.ptype()
	r := wire.ProviderRequest{
		Kind:                   t.Kind,
		Type:                   t.Value,
		Name:                   d.name.Trimmed(),
		Description:            d.description.Trimmed(),
		URL:                    d.url.Trimmed(),
		RequiresAuthentication: d.auth,
	}
	if d.auth {
		r.Username = d.username.Trimmed()
		r.Password = d.password.Value()
	}
	if t.Kind != "network" {
		return r
	}
	r.PluginType = d.plugin.Trimmed()
	r.ReadOnly, r.AutoSync = d.readOnly, d.autoSync
	if d.auth {
		r.Protocol = d.protocol
		if h := d.hostName.Trimmed(); h != "" {
			if a, err := validation.ParseAddr(h); err == nil {
				h = a.String()
			}
			r.HostName = h
		}
		r.APIPort, _ = parsePort(d.apiPort.Value())
		r.APIVersion = d.version
		if d.version == "v3" {
			r.UserDomainName, r.ProjectName, r.ProjectDomainName = d.userDomain.Trimmed(), d.project.Trimmed(), d.projDomain.Trimmed()
		} else {
			r.TenantName = d.tenant.Trimmed()
		}
	}
	return r
}

// serverErrors puts the BFF's field messages on the fields; it returns
// whether one landed.
func (d *ProviderDialog) serverErrors(e *client.APIError) bool {
	b := form.Binder{
		form.Bind("name", &d.name), form.Bind("description", &d.description), form.Bind("plugin_type", &d.plugin), form.Bind("url", &d.url),
		form.Bind("username", &d.username), form.Bind("password", &d.password), form.Bind("host_name", &d.hostName), form.Bind("authentication_url", &d.hostName),
		form.Bind("api_port", &d.apiPort), form.Bind("tenant_name", &d.tenant), form.Bind("user_domain_name", &d.userDomain),
		form.Bind("project_name", &d.project), form.Bind("project_domain_name", &d.projDomain),
	}
	return len(b.Apply(e.Fields)) < len(e.Fields)
}

// save adds or changes the provider, then calls then (on the UI
// goroutine) with the result.
func (d *ProviderDialog) save(ctx app.Context, then func(ctx app.Context, p *wire.Provider)) {
	req := d.request()
	id, kind := d.id, d.kind
	d.busy, d.saveErr = true, ""
	ctx.Async(func() {
		var p *wire.Provider
		var err error
		if id == "" {
			p, err = d.API.AddProvider(context.Background(), req)
		} else {
			p, err = d.API.EditProvider(context.Background(), kind, id, req)
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
			d.id, d.kind = p.ID, p.Kind
			d.password.Required = false
			then(ctx, p)
		})
	})
}

func (d *ProviderDialog) ok(ctx app.Context) {
	if d.busy || d.testing {
		return
	}
	if !d.validate() {
		d.life.Focus(ctx, d.firstInvalid())
		return
	}
	d.save(ctx, func(ctx app.Context, p *wire.Provider) {
		if d.OnSaved != nil {
			d.OnSaved(ctx, p)
		}
	})
}

func (d *ProviderDialog) cancel(ctx app.Context) {
	if d.certs != nil {
		d.certs = nil
		return
	}
	if d.OnCancel != nil {
		d.OnCancel(ctx)
	}
}

// importedCertificates are the fingerprints of the certificates imported
// from this page (the engine's trust store is global and not readable
// over REST): a failing Test does not ask again about one of them.
var importedCertificates = map[string]bool{}

// runTest is oVirt's Test, without saving: with invalid settings
// "Insufficient parameters to test connectivity"; else the BFF tests the
// settings (importing first the certificate approved, if any).
func (d *ProviderDialog) runTest(ctx app.Context, importFP string) {
	if d.testing || d.busy {
		return
	}
	d.test, d.testErr, d.certs = nil, "", nil
	if !d.validate() {
		d.testErr = "Insufficient parameters to test connectivity"
		return
	}
	req := wire.ProviderTestRequest{ProviderRequest: d.request(), ID: d.id, ImportSHA256Fingerprint: importFP}
	d.testing = true
	ctx.Async(func() {
		res, err := d.API.TestProviderSettings(context.Background(), req)
		d.life.Dispatch(ctx, func(ctx app.Context) {
			d.testing, d.certBusy = false, false
			if err != nil {
				ae := client.AsAPIError(err)
				if !d.serverErrors(ae) {
					d.testErr = ae.Message
				} else {
					d.testErr = "Insufficient parameters to test connectivity"
					d.life.Focus(ctx, d.firstInvalid())
				}
				return
			}
			if res.Imported != nil {
				importedCertificates[res.Imported.SHA256Fingerprint] = true
			}
			d.test = res
			if res.NeedsPassword {
				d.life.Focus(ctx, "provider-password")
				return
			}
			if c := res.Certificates.Approved(); !res.OK && c != nil && !importedCertificates[c.SHA256Fingerprint] {
				d.certs = res.Certificates // ask
			}
		})
	})
}

// certPrompt is oVirt's question about the certificate to approve.
func certPrompt(c *wire.Certificates) string {
	last := c.Approved()
	if last == nil {
		return ""
	}
	if c.Prompt != "" {
		return c.Prompt
	}
	if last.SelfSigned || last.Issuer == "" || last.Issuer == last.Subject {
		return "Do you approve trusting self signed certificate subject " + last.Subject + ", SHA-256 fingerprint " + last.SHA256Fingerprint + "?"
	}
	return "Do you approve trusting certificate subject " + last.Subject + " issued by " + last.Issuer + ", SHA-256 fingerprint " + last.SHA256Fingerprint + "?"
}

// certItems say which certificate would be imported, and why it is asked.
func certItems(c *wire.Certificates) []string {
	a := c.Approved()
	if a == nil {
		return nil
	}
	which := "Certificate " + strconv.Itoa(a.Position+1) + " of " + strconv.Itoa(len(c.Certificates)) + " of the chain"
	switch {
	case len(c.Certificates) == 1:
		which += ": the provider's own certificate"
	case a.Position == len(c.Certificates)-1:
		which += ": the top of the chain, which vouches for the others"
	}
	return []string{
		which + " (only this one is imported)",
		"Subject: " + a.Subject,
		"Issuer: " + a.Issuer,
		"SHA-256 fingerprint: " + a.SHA256Fingerprint,
		"Valid until: " + a.NotAfter.UTC().Format("2006-01-02"),
	}
}

// importAndTest answers Yes: test again, importing exactly the approved
// certificate first.
func (d *ProviderDialog) importAndTest(ctx app.Context) {
	a := d.certs.Approved()
	if a == nil || d.certBusy {
		return
	}
	d.certs = nil
	d.runTest(ctx, a.SHA256Fingerprint)
}

// declineCert answers No: nothing is imported; the failed test stays shown.
func (d *ProviderDialog) declineCert(ctx app.Context) {
	d.certs = nil
	d.testing = false
	d.life.Focus(ctx, "provider-test")
}

// Render draws the dialog.
func (d *ProviderDialog) Render() app.UI {
	d.init()
	d.gate()
	t := d.ptype()
	title := "Edit Provider"
	if d.Provider == nil {
		title = "Add Provider"
	}
	typeOpts := make([]form.Option, 0, len(providerTypes))
	for _, pt := range providerTypes {
		typeOpts = append(typeOpts, form.Option{Value: pt.Value, Label: pt.Label})
	}
	netw := t.Kind == "network"
	body := []app.UI{
		app.If(d.saveErr != "", func() app.UI { return form.Alert("danger", d.saveErr).ID("provider-save-error") }),
		app.Div().Class("pf-v6-c-form", "pf-m-horizontal").Body(
			d.name.Render(),
			d.description.Render(),
			form.FormGroup("provider-type", "Type", true,
				form.SelectControl("provider-type", d.typ, typeOpts, !d.isNew(), false, func(ctx app.Context, v string) { d.setType(v) }),
				form.HelperBlock("provider-type", "", ""),
			),
			app.If(netw, func() app.UI { return d.renderPlugin(t) }),
			d.url.Render(),
			d.renderURLFix(),
			app.If(netw, func() app.UI {
				return app.Div().Class("pf-v6-c-form__group").Body(
					app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
					app.Div().Class("pf-v6-c-form__group-control").Body(
						form.Checkbox("provider-read-only", "Read-Only", d.readOnly, false, func(ctx app.Context, on bool) { d.readOnly = on }),
						form.Checkbox("provider-auto-sync", "Automatic Synchronization", d.autoSync, false, func(ctx app.Context, on bool) { d.autoSync = on }),
					),
				)
			}),
			app.Div().Class("pf-v6-c-form__group").Body(
				app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
				app.Div().Class("pf-v6-c-form__group-control").Body(
					form.Checkbox("provider-auth", "Requires Authentication", d.auth, false, func(ctx app.Context, on bool) {
						d.auth = on
						d.gate()
					}),
				),
			),
			d.username.Render(),
			d.password.Render(),
			app.If(netw, func() app.UI { return d.renderAuthURLParts() }),
			d.renderTest(),
		),
	}
	footer := []app.UI{
		form.Button("primary", "OK").ID("provider-ok").Disabled(d.busy || d.testing).OnClick(func(ctx app.Context, e app.Event) { d.ok(ctx) }),
		form.Button("link", "Cancel").ID("provider-cancel").OnClick(func(ctx app.Context, e app.Event) { d.cancel(ctx) }),
	}
	if d.busy {
		footer = append(footer, form.Spinner("Saving"))
	}
	var prompt app.UI
	if d.certs != nil {
		why := ""
		if d.test != nil {
			why = "The test failed: " + d.test.Message + " The engine may not trust the provider's certificate. "
		}
		prompt = &form.ConfirmDialog{
			ID:            "provider-cert",
			Title:         "Import provider certificate",
			Message:       why + certPrompt(d.certs),
			Items:         certItems(d.certs),
			OKLabel:       "Yes",
			CancelLabel:   "No",
			CancelDefault: true,
			Busy:          d.certBusy,
			OnOK:          d.importAndTest,
			OnCancel:      d.declineCert,
		}
	}
	onOK, onCancel := d.ok, d.cancel
	if d.certs != nil {
		onOK, onCancel = nil, nil // the certificate question has the keys
	}
	return app.Div().Class("v6-provider-dialog").Body(
		form.Modal{
			ID:       providerDialogID,
			Title:    title,
			Size:     "md",
			Body:     body,
			Footer:   footer,
			OnOK:     onOK,
			OnCancel: onCancel,
		}.Render(),
		prompt,
	)
}

func (d *ProviderDialog) renderPlugin(t providerType) app.UI {
	d.plugin.Help = ""
	if len(t.Plugins) > 0 {
		d.plugin.Help = "E.g.: " + strings.Join(t.Plugins, ", ")
	}
	return d.plugin.Render()
}

// renderURLFix offers the bracketed URL when the host is a bare IPv6.
func (d *ProviderDialog) renderURLFix() app.UI {
	if validation.CodeOf(validation.ProviderURL(d.url.Trimmed())) != validation.CodeBracketsRequired {
		return nil
	}
	fixes := validation.URLBracketFixes(d.url.Value())
	if len(fixes) == 0 {
		return nil
	}
	btns := make([]app.UI, 0, len(fixes))
	for i, u := range fixes {
		u := u
		btns = append(btns, form.Button("secondary", "Use "+u).Class("pf-m-small", "v6-url-fix").ID("provider-url-fix-"+strconv.Itoa(i)).
			OnClick(func(ctx app.Context, e app.Event) {
				d.fixURL(u)
				d.life.Focus(ctx, "provider-url")
			}, app.EventScope("fix", u)))
	}
	return app.Div().Class("pf-v6-c-form__group").ID("provider-url-fix").Body(
		app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
		app.Div().Class("pf-v6-c-form__group-control").Body(
			app.P().Class("v6-muted").Text("Put the IPv6 address in brackets:"),
			app.Div().Class("v6-actions").Body(btns...),
		),
	)
}

// authURLPlaceholder says why no authentication URL is shown.
func (d *ProviderDialog) authURLPlaceholder(au string) string {
	switch {
	case au != "":
		return ""
	case d.hostName.Trimmed() != "" && composeAuthURL(d.protocol, d.hostName.Value(), "", d.version) == "":
		return "none until the Host Name is valid (a zoned address cannot be used in a URL)"
	case d.hostName.Trimmed() != "":
		return "none until the API Port is valid"
	}
	return "composed from Protocol, Host Name, API Port and API Version"
}

func (d *ProviderDialog) renderAuthURLParts() app.UI {
	off := !d.auth
	versions := []form.Option{{Value: "v2.0", Label: "v2.0"}}
	if d.typ == "neutron" {
		versions = []form.Option{{Value: "v3", Label: "v3"}, {Value: "v2.0", Label: "v2.0"}}
	}
	au := d.authURL()
	return app.Div().Body(
		form.FormGroup("provider-protocol", "Protocol", false,
			form.SelectControl("provider-protocol", d.protocol, []form.Option{{Value: "https", Label: "HTTPS"}, {Value: "http", Label: "HTTP"}}, off, false,
				func(ctx app.Context, v string) { d.protocol = v }),
			form.HelperBlock("provider-protocol", "", ""),
		),
		d.hostName.Render(),
		d.apiPort.Render(),
		form.FormGroup("provider-api-version", "API Version", false,
			form.SelectControl("provider-api-version", d.version, versions, off || d.typ != "neutron", false,
				func(ctx app.Context, v string) { d.version = v; d.gate() }),
			form.HelperBlock("provider-api-version", "", ""),
		),
		app.If(d.version == "v2.0", func() app.UI { return d.tenant.Render() }),
		app.If(d.version == "v3", func() app.UI {
			return app.Div().Body(d.userDomain.Render(), d.project.Render(), d.projDomain.Render())
		}),
		form.FormGroup("provider-auth-url", "Authentication URL", false,
			app.Span().Class("pf-v6-c-form-control", "pf-m-readonly").Body(
				app.Input().ID("provider-auth-url").Type("text").ReadOnly(true).Class("v6-mono").
					Value(au).Placeholder(d.authURLPlaceholder(au)).
					Aria("describedby", "provider-auth-url-help"),
			),
			form.HelperBlock("provider-auth-url", "", "Composed as the engine will store it; an IPv6 host is put in brackets."),
		),
	)
}

func (d *ProviderDialog) renderTest() app.UI {
	note := "Test checks the settings above without saving them (the result says how)."
	return app.Div().Class("pf-v6-c-form__group").Body(
		app.Div().Class("pf-v6-c-form__group-label").Body(app.Span().Class("pf-v6-c-form__label").Aria("hidden", "true")),
		app.Div().Class("pf-v6-c-form__group-control").Body(
			app.Div().Class("v6-test").Body(
				form.Button("secondary", "Test").ID("provider-test").Disabled(d.testing || d.busy).
					Aria("describedby", "provider-test-note").
					OnClick(func(ctx app.Context, e app.Event) { d.runTest(ctx, "") }),
				app.If(d.testing, func() app.UI { return form.Spinner("Testing") }),
			),
			app.Div().ID("provider-test-note").Class("pf-v6-c-helper-text").Body(form.HelperItem("", "provider-test-why", note)),
			d.renderTestResult(),
		),
	)
}

// renderTestResult shows the verdict with the engine's reason, what was
// tested, and what the certificates say (unreachable, imported, declined).
func (d *ProviderDialog) renderTestResult() app.UI {
	status := app.Div().Role("status")
	switch {
	case d.testErr != "":
		return status.Body(form.Alert("danger", d.testErr).ID("provider-test-result"))
	case d.test == nil || d.testing:
		return status
	}
	t := d.test
	variant := "danger"
	switch {
	case t.OK:
		variant = "success"
	case t.NeedsPassword:
		variant = "warning"
	}
	var lines []app.UI
	if c := t.Certificates; !t.OK && c != nil {
		if a := c.Approved(); a != nil && importedCertificates[a.SHA256Fingerprint] {
			lines = append(lines, app.P().ID("provider-test-cert").Text("The provider's certificate (SHA-256 "+a.SHA256Fingerprint+
				") is imported: the failure has another cause."))
		} else if a != nil && d.certs == nil {
			lines = append(lines, app.P().ID("provider-test-cert").Text("The provider's certificate was not imported: Test again to be asked."))
		} else if c.Status == wire.ChainUnreachable {
			lines = append(lines, app.P().ID("provider-test-cert").Text(c.Message))
		}
	}
	if t.Imported != nil {
		lines = append(lines, app.P().ID("provider-test-imported").Text("Imported the certificate "+t.Imported.Subject+" (SHA-256 "+t.Imported.SHA256Fingerprint+")."))
	}
	if t.Tested != "" {
		lines = append(lines, app.P().Class("v6-muted").ID("provider-test-tested").Text(t.Tested))
	}
	if t.Warning != "" {
		lines = append(lines, app.P().ID("provider-test-warning").Text(t.Warning))
	}
	return status.Body(form.Alert(variant, t.Message, lines...).ID("provider-test-result"))
}
