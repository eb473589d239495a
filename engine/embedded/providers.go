package embedded

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/rules"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// providerKind is one of the two provider collections. Both store
// api.OpenStackNetworkProvider documents (a superset of ExternalProvider);
// names are unique across both, as in the engine.
type providerKind struct {
	path, kind, typ string
	openstack       bool
}

var (
	osnpKind = providerKind{path: "openstacknetworkproviders", kind: "osnp", typ: "OpenStackNetworkProvider", openstack: true}
	ehpKind  = providerKind{path: "externalhostproviders", kind: "ehp", typ: "ExternalHostProvider"}
)

// authURLRE is ProviderValidator.AUTH_URL_PATTERN, the engine's check of
// authentication_url.
var authURLRE = regexp.MustCompile(`^http(s)?://[^/]*:[\d]+/(v3|v2\.0)/?$`)

const msgProviderComm = "Failed to communicate with the external provider, see log for additional details."

func (k providerKind) render(p ovirt.OpenStackNetworkProvider) any {
	href := ovirt.Href(k.path, p.ID)
	actions := ovirt.NewActions(href, "importcertificates", "testconnectivity")
	links := []ovirt.Link{ovirt.NewLink("certificates", k.path, p.ID, "certificates")}
	if k.openstack {
		p.Href, p.Actions, p.Link = href, actions, links
		return p
	}
	// ExternalHostProviderMapper writes no authentication_url.
	return ovirt.ExternalHostProvider{
		ID: p.ID, Href: href, Name: p.Name, Description: p.Description, Comment: p.Comment, Url: p.Url,
		RequiresAuthentication: p.RequiresAuthentication, Username: p.Username,
		Properties: p.Properties, Actions: actions, Link: links,
	}
}

var providerSearchFields = map[string]fieldSpec[ovirt.OpenStackNetworkProvider]{
	"name": {fieldText, func(p *ovirt.OpenStackNetworkProvider) string { return p.Name }},
	"url":  {fieldText, func(p *ovirt.OpenStackNetworkProvider) string { return p.Url }},
	"type": {fieldText, func(p *ovirt.OpenStackNetworkProvider) string { return string(p.Type) }},
	"id":   {fieldText, func(p *ovirt.OpenStackNetworkProvider) string { return p.ID }},
}

func (e *Engine) listProviders(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var ps []ovirt.OpenStackNetworkProvider
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		ps, err = store.ListAllJSON[ovirt.OpenStackNetworkProvider](tx, k.kind)
		return err
	}); err != nil {
		return err
	}
	ps, err := applySearch(r, ps, providerSearchFields)
	if err != nil {
		return err
	}
	if k.openstack {
		out := ovirt.OpenStackNetworkProviders{}
		for _, p := range ps {
			out.OpenStackNetworkProvider = append(out.OpenStackNetworkProvider, k.render(p).(ovirt.OpenStackNetworkProvider))
		}
		return writeJSON(w, http.StatusOK, &out)
	}
	out := ovirt.ExternalHostProviders{}
	for _, p := range ps {
		out.ExternalHostProvider = append(out.ExternalHostProvider, k.render(p).(ovirt.ExternalHostProvider))
	}
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) getProvider(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var p ovirt.OpenStackNetworkProvider
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		p, err = getJSON[ovirt.OpenStackNetworkProvider](tx, k.kind, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, k.render(p))
}

// checkProvider applies the backend's checks to a provider after merging
// (verb: add, edit): the bean validation of Provider (name @NotNull and
// @ValidName, [0-9a-zA-Z_-]+: no dot), the widths of the providers table
// (name 128, description 4000, url 512, auth_username 64, tenant_name 128;
// Provider has no @Size, so a longer value fails the insert: "Internal
// Engine Error"), then ProviderValidator (authentication URL pattern,
// password length) and, on add, NetworkProviderValidator.validateAddProvider
// (plugin type, and with authentication user, password, authentication
// URL, tenant or user domain). The provider URL's form is not checked by
// the engine: a URL nobody answers fails testconnectivity.
func checkProvider(k providerKind, verb string, p *ovirt.OpenStackNetworkProvider, password string) error {
	if !rules.ValidName(p.Name) {
		return badRequest(rules.Violation(rules.MsgName, "provider.name")...)
	}
	for _, f := range []struct {
		v   string
		max int
	}{{p.Name, rules.ProviderNameSize}, {p.Description, rules.ProviderDescSize}, {p.Url, rules.ProviderURLSize},
		{p.Username, rules.ProviderUserSize}, {p.TenantName, rules.ProviderTenantSize}} {
		if rules.Length(f.v) > f.max {
			return badRequest(rules.MsgInternal)
		}
	}
	if k.openstack {
		switch p.Type {
		case ovirt.OpenStackNetworkProviderTypeNeutron, ovirt.OpenStackNetworkProviderTypeExternal:
		default:
			return badEnum(string(p.Type), "OpenStackNetworkProviderType")
		}
	}
	if p.AuthenticationUrl != "" && !authURLRE.MatchString(p.AuthenticationUrl) {
		return badRequest(rules.MsgProviderAuthURL(verb, p.AuthenticationUrl))
	}
	if rules.Length(password) > rules.ProviderPasswordMax {
		return badRequest(rules.MsgProviderPasswordTooLong(verb))
	}
	if !k.openstack || verb != "add" {
		return nil
	}
	if p.ExternalPluginType == "" {
		return badRequest("Openstack Neutron provider requires a plugin type.")
	}
	if !p.RequiresAuthentication.Value() {
		return nil
	}
	switch {
	case p.Username == "":
		return badRequest(rules.MsgProviderNoUser)
	case password == "":
		return badRequest(rules.MsgProviderNoPass)
	case p.AuthenticationUrl == "":
		return badRequest(rules.MsgProviderNoAuth)
	case p.Type == ovirt.OpenStackNetworkProviderTypeNeutron && p.TenantName == "" && p.UserDomainName == "":
		return badRequest(rules.MsgProviderNoTenant)
	}
	return nil
}

// providerNameUsed checks names across both provider kinds.
func providerNameUsed(tx *store.Tx, name, exceptID string) (bool, error) {
	for _, kind := range []string{osnpKind.kind, ehpKind.kind} {
		id, _, err := tx.FindByName(kind, "", name)
		if err == nil && id != exceptID {
			return true, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return false, err
		}
	}
	return false, nil
}

func (e *Engine) addProvider(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var in ovirt.OpenStackNetworkProvider
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	// BackendOpenStackNetworkProvidersResource/BackendExternalHostProvidersResource
	// .add: validateParameters(provider, "name"). A provider without a url
	// fails the insert (providers.url is NOT NULL).
	if in.Name == "" {
		return incomplete(k.typ, "add", "name")
	}
	if in.Url == "" {
		return badRequest(rules.MsgInternal)
	}
	p := ovirt.OpenStackNetworkProvider{
		ID: newID(), Name: in.Name, Description: in.Description, Comment: ovirt.Ptr(ovirt.Deref(in.Comment)), Url: in.Url,
		RequiresAuthentication: ovirt.NewBool(in.RequiresAuthentication.Or(false)), Username: in.Username,
		Properties: in.Properties,
	}
	if k.openstack {
		// ExternalHostProviderMapper does not read authentication_url.
		p.AuthenticationUrl = in.AuthenticationUrl
		p.Type = in.Type
		if p.Type == "" {
			p.Type = ovirt.OpenStackNetworkProviderTypeNeutron
		}
		p.TenantName, p.ExternalPluginType, p.PluginType = in.TenantName, in.ExternalPluginType, in.PluginType
		p.UserDomainName, p.ProjectName, p.ProjectDomainName = in.UserDomainName, in.ProjectName, in.ProjectDomainName
		p.ReadOnly = ovirt.NewBool(in.ReadOnly.Or(false))
		p.AutoSync = ovirt.NewBool(in.AutoSync.Or(false))
		p.Unmanaged = ovirt.NewBool(in.Unmanaged.Or(false))
	}
	if err := checkProvider(k, "add", &p, in.Password.Reveal()); err != nil {
		return err
	}
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		if used, err := providerNameUsed(tx, p.Name, ""); err != nil {
			return err
		} else if used {
			return conflict(rules.MsgNameInUse("add", "Provider"))
		}
		if err := store.PutJSON(tx, k.kind, p.ID, "", p.Name, p); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 205, Desc: "Provider " + p.Name + " was added.", User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return created(w, r, ovirt.Href(k.path, p.ID), k.render(p))
}

func (e *Engine) updateProvider(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var in ovirt.OpenStackNetworkProvider
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	cid := correlationID(r)
	var p ovirt.OpenStackNetworkProvider
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		var err error
		if p, err = getJSON[ovirt.OpenStackNetworkProvider](tx, k.kind, r.PathValue("id")); err != nil {
			return err
		}
		if name := in.Name; name != "" && name != p.Name {
			if used, err := providerNameUsed(tx, name, p.ID); err != nil {
				return err
			} else if used {
				return conflict(rules.MsgNameInUse("edit", "Provider"))
			}
			p.Name = name
		}
		set := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		set(&p.Url, in.Url)
		set(&p.Description, in.Description)
		set(&p.Username, in.Username)
		if k.openstack {
			set(&p.AuthenticationUrl, in.AuthenticationUrl)
		}
		set(&p.TenantName, in.TenantName)
		set(&p.UserDomainName, in.UserDomainName)
		set(&p.ProjectName, in.ProjectName)
		set(&p.ProjectDomainName, in.ProjectDomainName)
		set(&p.ExternalPluginType, in.ExternalPluginType)
		if in.Type != "" {
			p.Type = in.Type
		}
		if in.Comment != nil {
			p.Comment = in.Comment
		}
		if in.RequiresAuthentication != nil {
			p.RequiresAuthentication = in.RequiresAuthentication
		}
		if in.Properties != nil {
			p.Properties = in.Properties
		}
		if k.openstack {
			for _, b := range []struct {
				dst **ovirt.Bool
				v   *ovirt.Bool
			}{{&p.ReadOnly, in.ReadOnly}, {&p.AutoSync, in.AutoSync}, {&p.Unmanaged, in.Unmanaged}} {
				if b.v != nil {
					*b.dst = b.v
				}
			}
		}
		if err := checkProvider(k, "edit", &p, in.Password.Reveal()); err != nil {
			return err
		}
		if err := store.PutJSON(tx, k.kind, p.ID, "", p.Name, p); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 206, Desc: "Provider " + p.Name + " was updated.", User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, k.render(p))
}

func (e *Engine) removeProvider(w http.ResponseWriter, r *http.Request, k providerKind) error {
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		p, err := getJSON[ovirt.OpenStackNetworkProvider](tx, k.kind, r.PathValue("id"))
		if err != nil {
			return err
		}
		if err := tx.Delete(k.kind, p.ID); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 207, Desc: "Provider " + p.Name + " was removed.", User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}

// testProvider is POST .../{id}/testconnectivity: it succeeds when the
// provider's URL (and authentication URL) point at simulated services and,
// over https, the engine trusts the certificates they present.
func (e *Engine) testProvider(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var act ovirt.Action
	if err := decodeBody(r, &act); err != nil {
		return err
	}
	var p ovirt.OpenStackNetworkProvider
	reason := ""
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		if p, err = getJSON[ovirt.OpenStackNetworkProvider](tx, k.kind, r.PathValue("id")); err != nil {
			return err
		}
		urls := []string{p.Url}
		if p.RequiresAuthentication.Value() && p.AuthenticationUrl != "" {
			urls = append(urls, p.AuthenticationUrl)
		}
		for _, u := range urls {
			ep, why, err := lookupEndpoint(tx, u)
			if err != nil || why != "" {
				reason = why
				return err
			}
			if ep.CertPEM == "" {
				continue
			}
			if ok, err := endpointTrusted(tx, ep); err != nil {
				return err
			} else if !ok {
				reason = msgCertNotTrusted
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if reason != "" {
		e.log.Info("provider test failed", "provider", p.Name, "reason", reason)
		return actionFailed(http.StatusBadRequest, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket(msgProviderComm, reason)})
	}
	act.Status = ovirt.ActionStatusComplete
	return writeJSON(w, http.StatusOK, &act)
}

const msgCertNotTrusted = "The provider's certificate is not trusted. Import it first."

// lookupEndpoint finds the simulated service of a provider URL; why says
// why there is none.
func lookupEndpoint(tx *store.Tx, u string) (ep lab.Endpoint, why string, err error) {
	key, kerr := lab.EndpointKey(u)
	if kerr != nil {
		return ep, "Invalid URL " + u + ".", nil
	}
	ep, err = store.GetJSON[lab.Endpoint](tx, kindEndpoint, key)
	if errors.Is(err, store.ErrNotFound) {
		return ep, "No service answers at " + key + ".", nil
	}
	if err != nil {
		return ep, "", err
	}
	if strings.HasPrefix(key, "https://") && ep.CertPEM == "" {
		// An endpoint stored by an older version: give it its certificate.
		if ep, err = lab.NewEndpoint(key, ep.Name, "", ep.Trusted); err != nil {
			return ep, "", err
		}
	}
	return ep, "", nil
}

// providerChain returns the certificate chain the service at the
// provider's URL presents (nil over http), or why it cannot be fetched.
func providerChain(tx *store.Tx, p ovirt.OpenStackNetworkProvider) (certs []*x509.Certificate, pems []string, why string, err error) {
	ep, why, err := lookupEndpoint(tx, p.Url)
	if err != nil || why != "" || ep.CertPEM == "" {
		return nil, nil, why, err
	}
	c, err := lab.ParseCertPEM(ep.CertPEM)
	if err != nil {
		return nil, nil, "", fmt.Errorf("endpoint %s: %w", ep.URL, err)
	}
	return []*x509.Certificate{c}, []string{ep.CertPEM}, "", nil
}

// certificateView is an entry of GET .../{id}/certificates; id is the
// position in the chain (0 = the server's certificate). As the engine
// writes it (GetProviderCertificateChainQuery.createCertificateInfo,
// CertificateMapper): content is base64 of the DER bytes without PEM
// armour or line breaks, subject is Java's X500Principal.toString(), and
// there is no organization.
func certificateView(k providerKind, providerID string, i int, c *x509.Certificate) ovirt.Certificate {
	id := strconv.Itoa(i)
	return ovirt.Certificate{ID: id, Href: ovirt.Href(k.path, providerID, "certificates", id), Subject: javaPrincipal(c.Subject),
		Content: base64.StdEncoding.EncodeToString(c.Raw)}
}

// javaPrincipal formats a name as Java's X500Principal.toString() does:
// the most specific RDN first, separated by ", " ("CN=x, O=y").
func javaPrincipal(n pkix.Name) string {
	seq := n.ToRDNSequence()
	parts := make([]string, 0, len(seq))
	for i := len(seq) - 1; i >= 0; i-- {
		parts = append(parts, pkix.RDNSequence{seq[i]}.String())
	}
	return strings.Join(parts, ", ")
}

// providerCertificates is GET .../{id}/certificates (and .../{cert}): the
// chain the provider's service presents, fetched like the engine does
// (GetProviderCertificateChain). An http provider has none; nor has one
// nobody answers for: the engine's query logs the failure and returns no
// value, which BackendExternalProviderCertificatesResource lists as an
// empty collection (200 {}).
func (e *Engine) providerCertificates(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var p ovirt.OpenStackNetworkProvider
	var certs []*x509.Certificate
	var why string
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		if p, err = getJSON[ovirt.OpenStackNetworkProvider](tx, k.kind, r.PathValue("id")); err != nil {
			return err
		}
		certs, _, why, err = providerChain(tx, p)
		return err
	})
	if err != nil {
		return err
	}
	if why != "" {
		e.log.Info("provider certificate chain not fetched", "provider", p.Name, "reason", why)
		certs = nil
	}
	if cid := r.PathValue("cert"); cid != "" {
		i, err := strconv.Atoi(cid)
		if err != nil || i < 0 || i >= len(certs) || strconv.Itoa(i) != cid {
			return errNotFound
		}
		v := certificateView(k, p.ID, i, certs[i])
		return writeJSON(w, http.StatusOK, &v)
	}
	out := ovirt.Certificates{}
	for i, c := range certs {
		out.Certificate = append(out.Certificate, certificateView(k, p.ID, i, c))
	}
	return writeJSON(w, http.StatusOK, &out)
}

// importCertificates is POST .../{id}/importcertificates
// {"certificates": {"certificate": [{"content": base64 DER}, ...]}}: as
// the REST layer does (AbstractBackendExternalProviderResource), only the
// first certificate is imported; ImportProviderCertificateCommand
// base64-decodes it and adds it to the engine's external trust store
// (for every provider), with event 213.
func (e *Engine) importCertificates(w http.ResponseWriter, r *http.Request, k providerKind) error {
	var act ovirt.Action
	if err := decodeBody(r, &act); err != nil {
		return err
	}
	if act.Certificates == nil || len(act.Certificates.Certificate) == 0 {
		return incomplete("Action", "importCertificates", "certificates")
	}
	first := act.Certificates.Certificate[0]
	if strings.TrimSpace(first.Content) == "" {
		return incomplete("Certificate", "importCertificates", "content")
	}
	c, err := decodeEngineCert(first.Content)
	if err != nil {
		e.log.Info("provider certificate not imported", "err", err)
		return actionFailed(http.StatusBadRequest, &act, &ovirt.Fault{Reason: reasonFailed, Detail: bracket(msgImportCertFailed)})
	}
	pemText := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
	cid := correlationID(r)
	err = e.st.Update(r.Context(), func(tx *store.Tx) error {
		p, err := getJSON[ovirt.OpenStackNetworkProvider](tx, k.kind, r.PathValue("id"))
		if err != nil {
			return err
		}
		tc := trustedCert{Subject: c.Subject.String(), PEM: pemText, Provider: p.ID, Imported: e.now().UTC().Format(time.RFC3339)}
		if err := store.PutJSON(tx, kindTrustedCert, lab.Fingerprint(c), "", "", tc); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 213, Desc: "Certificate for provider " + p.Name + " was imported. (User: " + adminAuthzName + ")", User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	act.Status = ovirt.ActionStatusComplete
	return writeJSON(w, http.StatusOK, &act)
}

// msgImportCertFailed is the engine's PROVIDER_IMPORT_CERTIFICATE_ERROR.
const msgImportCertFailed = "Failed to import provider certificate."

// decodeEngineCert reads a certificate as ImportProviderCertificateCommand
// does: base64 (line breaks allowed), then X.509 DER. PEM text is not
// base64 and fails, as it does on the engine.
func decodeEngineCert(content string) (*x509.Certificate, error) {
	s := strings.Join(strings.Fields(content), "")
	der, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("certificate content is not base64: %w", err)
	}
	return x509.ParseCertificate(der)
}
