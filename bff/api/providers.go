package api

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// Provider kinds in URLs and bodies.
const (
	kindNetwork = "network" // OpenStack network provider (Neutron, OVN)
	kindHost    = "host"    // external host provider (Foreman/Satellite)
)

// Provider types of the dialog's Type list and their engine spelling.
const (
	typeExternal = "external" // External Network Provider: engine type external (OVN), kind network
	typeNeutron  = "neutron"  // OpenStack Networking: engine type neutron, kind network
	typeForeman  = "foreman"  // Foreman/Satellite: an external host provider, kind host
)

// Authentication URL parts of network providers.
const (
	DefaultAPIPort = 35357
	apiV2          = "v2.0"
	apiV3          = "v3"
)

// Messages of the provider dialog (oVirt's wording where it has one).
const (
	MsgProviderTestOK    = "Test succeeded, managed to access provider."
	MsgProviderTestError = "Test Failed (unknown error)."
	msgForemanNoAuthURL  = "Foreman/Satellite providers have no authentication URL."
)

func (h *handlers) bindProviders(g *echo.Group) {
	g.GET("/providers", h.listProviders)
	g.POST("/providers", h.addProvider)
	g.POST("/providers/test", h.testProviderSettings)
	g.GET("/providers/:kind/:id", h.getProvider)
	g.PUT("/providers/:kind/:id", h.editProvider)
	g.DELETE("/providers/:kind/:id", h.removeProvider)
	g.POST("/providers/:kind/:id/test", h.testProvider)
	g.GET("/providers/:kind/:id/certificates", h.providerCertificates)
	g.POST("/providers/:kind/:id/import-certificates", h.importProviderCertificates)
}

// urlHost describes the host of a provider URL.
func urlHost(raw string) wire.Addr {
	u, err := validation.ParseProviderURL(raw)
	if err != nil {
		return wire.Addr{}
	}
	return wire.HostAddr(u.Hostname())
}

// authParts splits an authentication URL "scheme://host:port/v2.0" into the
// dialog's parts; a URL of another shape gives none.
func setAuthParts(v *wire.Provider) {
	u, err := validation.ParseProviderURL(v.AuthenticationURL)
	if err != nil || u.Port() == "" {
		return
	}
	ver := strings.Trim(u.Path, "/")
	if ver != apiV2 && ver != apiV3 {
		return
	}
	port, _ := strconv.Atoi(u.Port())
	v.Protocol, v.HostName, v.APIPort, v.APIVersion = u.Scheme, u.Hostname(), port, ver
}

func viewNetworkProvider(p *ovirt.OpenStackNetworkProvider) wire.Provider {
	typ := string(p.Type)
	if typ == "" {
		typ = typeNeutron // the engine's default
	}
	v := wire.Provider{ID: p.ID, Kind: kindNetwork, Type: typ, Name: p.Name, Description: p.Description, URL: p.Url, URLHost: urlHost(p.Url),
		RequiresAuthentication: bool(ovirt.Deref(p.RequiresAuthentication)), Username: p.Username, AuthenticationURL: p.AuthenticationUrl,
		TenantName: p.TenantName, UserDomainName: p.UserDomainName, ProjectName: p.ProjectName, ProjectDomainName: p.ProjectDomainName,
		PluginType: p.ExternalPluginType, ReadOnly: bool(ovirt.Deref(p.ReadOnly)), AutoSync: bool(ovirt.Deref(p.AutoSync))}
	setAuthParts(&v)
	return v
}

func viewHostProvider(p *ovirt.ExternalHostProvider) wire.Provider {
	// No authentication URL: a real engine never writes one for Foreman.
	return wire.Provider{ID: p.ID, Kind: kindHost, Type: typeForeman, Name: p.Name, Description: p.Description, URL: p.Url, URLHost: urlHost(p.Url),
		RequiresAuthentication: bool(ovirt.Deref(p.RequiresAuthentication)), Username: p.Username}
}

// canonicalURL returns the provider URL as ParseProviderURL normalises it
// (lower-case scheme, IPv6 host in RFC 5952 form and brackets).
func canonicalURL(s, field string, errs fieldErrs) string {
	if s == "" {
		return ""
	}
	u, err := validation.ParseProviderURL(strings.TrimSpace(s))
	if err != nil {
		errs.add(field, err)
		return ""
	}
	return u.String()
}

// composeAuthURL is scheme://host:port/version, with net.JoinHostPort
// putting an IPv6 host in brackets.
func composeAuthURL(scheme, host string, port int, version string) string {
	return scheme + "://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/" + version
}

// providerType checks the type against the kind and applies the default.
func providerType(r *wire.ProviderRequest, errs fieldErrs) string {
	switch {
	case r.Kind == kindHost && (r.Type == "" || r.Type == typeForeman):
		return typeForeman
	case r.Kind == kindHost:
		errs.set("type", "kind_mismatch", "A host provider (Foreman/Satellite) has type foreman.")
	case r.Type == "":
		return typeExternal
	case r.Type == typeForeman:
		errs.set("type", "kind_mismatch", "Foreman/Satellite is a host provider: send kind host.")
	}
	return r.Type
}

// authURL returns the authentication URL to send: composed from its parts
// when host_name is given, else authentication_url canonicalised.
func providerAuthURL(r *wire.ProviderRequest, typ string, errs fieldErrs) string {
	if r.Kind == kindHost {
		// The engine's ExternalHostProviderMapper neither reads nor writes
		// authentication_url: refuse it rather than lose it silently.
		if r.HostName != "" {
			errs.set("host_name", "not_allowed", msgForemanNoAuthURL)
		}
		if r.AuthenticationURL != "" {
			errs.set("authentication_url", "not_allowed", msgForemanNoAuthURL)
		}
		return ""
	}
	given := canonicalURL(r.AuthenticationURL, "authentication_url", errs)
	if r.HostName == "" {
		return given
	}
	kind, a, err := validation.ParseHostAddress(r.HostName)
	if err != nil || validation.URLHostAddress(r.HostName) != nil {
		return "" // the validator reported it
	}
	host := strings.TrimSpace(r.HostName)
	if kind != validation.HostName {
		host = a.String()
	}
	scheme, port, ver := r.Protocol, r.APIPort, r.APIVersion
	if scheme == "" {
		scheme = "https"
	}
	if port == 0 {
		port = DefaultAPIPort
	}
	switch {
	case ver == "" && typ == typeNeutron:
		ver = apiV3
	case ver == "":
		ver = apiV2
	case ver != apiV2 && typ == typeExternal:
		errs.set("api_version", "not_allowed", "An External Network Provider uses API version v2.0.")
	}
	composed := composeAuthURL(scheme, host, port, ver)
	if given != "" && given != composed {
		errs.set("authentication_url", "mismatch", "This URL does not match the protocol, host name, API port and API version ("+composed+"); send one or the other.")
	}
	return composed
}

// checkAuth applies the dialog's rules to network providers that require
// authentication: an authentication URL (its host name), and for OpenStack
// Networking a tenant (v2.0) or a user domain (v3).
func checkProviderAuth(r *wire.ProviderRequest, typ, authURL string, errs fieldErrs) {
	if !r.RequiresAuthentication || r.Kind != kindNetwork {
		return
	}
	if authURL == "" {
		if _, bad := errs["authentication_url"]; !bad {
			errs.set("host_name", string(validation.CodeEmpty), validation.MsgEmpty)
		}
		return
	}
	if typ != typeNeutron {
		return
	}
	if strings.HasSuffix(strings.TrimSuffix(authURL, "/"), "/"+apiV3) {
		if r.UserDomainName == "" {
			errs.set("user_domain_name", string(validation.CodeEmpty), validation.MsgEmpty)
		}
	} else if r.TenantName == "" {
		errs.set("tenant_name", string(validation.CodeEmpty), validation.MsgEmpty)
	}
}

var providerRules = []fieldRule{
	{"authentication URL", "authentication_url"}, {"URL", "url"}, {"url", "url"},
	{"user", "username"}, {"password", "password"}, {"tenant", "tenant_name"},
}

// toEngine checks the request and returns the provider for the engine (one
// of the two, by kind).
func providerToEngine(r *wire.ProviderRequest, errs fieldErrs) (*ovirt.OpenStackNetworkProvider, *ovirt.ExternalHostProvider) {
	if strings.HasPrefix(strings.TrimSpace(r.Name), TemporaryProviderPrefix) {
		errs.set("name", "reserved", msgReservedName)
	}
	typ := providerType(r, errs)
	authURL := providerAuthURL(r, typ, errs)
	checkProviderAuth(r, typ, authURL, errs)
	u := canonicalURL(r.URL, "url", errs)
	if r.Kind == kindHost {
		return nil, &ovirt.ExternalHostProvider{Name: r.Name, Description: r.Description, Url: u,
			RequiresAuthentication: ovirt.NewBool(r.RequiresAuthentication), Username: r.Username, Password: ovirt.Secret(r.Password)}
	}
	return &ovirt.OpenStackNetworkProvider{Name: r.Name, Description: r.Description, Url: u,
		RequiresAuthentication: ovirt.NewBool(r.RequiresAuthentication), Username: r.Username, Password: ovirt.Secret(r.Password),
		AuthenticationUrl: authURL, TenantName: r.TenantName,
		UserDomainName: r.UserDomainName, ProjectName: r.ProjectName, ProjectDomainName: r.ProjectDomainName,
		ReadOnly: ovirt.NewBool(r.ReadOnly), AutoSync: ovirt.NewBool(r.AutoSync),
		Type: ovirt.OpenStackNetworkProviderType(typ), ExternalPluginType: r.PluginType}, nil
}

func (h *handlers) listProviders(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	nps, err := s.ListOpenStackNetworkProviders(engineCtx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	hps, err := s.ListExternalHostProviders(engineCtx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	out := make([]wire.Provider, 0, len(nps)+len(hps))
	for i := range nps {
		out = append(out, viewNetworkProvider(&nps[i]))
	}
	for i := range hps {
		out = append(out, viewHostProvider(&hps[i]))
	}
	sortByName(out, func(v wire.Provider) string { return v.Name })
	return c.JSON(http.StatusOK, wire.ProviderList{Providers: out})
}

func (h *handlers) addProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req wire.ProviderRequest
	errs, err := bindFields(c, &req)
	if err != nil {
		return err
	}
	if req.RequiresAuthentication && req.Password == "" {
		errs.set("password", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	np, hp := providerToEngine(&req, errs)
	if err := errs.err(); err != nil {
		return err
	}
	if np != nil {
		got, err := s.AddOpenStackNetworkProvider(engineCtx(c), np)
		if err != nil {
			return engineError(err, providerRules...)
		}
		return c.JSON(http.StatusCreated, viewNetworkProvider(got))
	}
	got, err := s.AddExternalHostProvider(engineCtx(c), hp)
	if err != nil {
		return engineError(err, providerRules...)
	}
	return c.JSON(http.StatusCreated, viewHostProvider(got))
}

// providerPath returns the kind and id of /providers/:kind/:id.
func providerPath(c echo.Context) (string, string, error) {
	kind := c.Param("kind")
	if kind != kindNetwork && kind != kindHost {
		return "", "", apierr.NotFound("")
	}
	id, err := pathID(c, "id")
	return kind, id, err
}

// engineKind is the engine collection of a provider kind.
func engineKind(kind string) client.ProviderKind {
	if kind == kindNetwork {
		return client.ProviderKindNetwork
	}
	return client.ProviderKindHost
}

func (h *handlers) getProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	kind, id, err := providerPath(c)
	if err != nil {
		return err
	}
	if kind == kindNetwork {
		p, err := s.GetOpenStackNetworkProvider(engineCtx(c), id)
		if err != nil {
			return engineError(err)
		}
		return c.JSON(http.StatusOK, viewNetworkProvider(p))
	}
	p, err := s.GetExternalHostProvider(engineCtx(c), id)
	if err != nil {
		return engineError(err)
	}
	return c.JSON(http.StatusOK, viewHostProvider(p))
}

func (h *handlers) editProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	kind, id, err := providerPath(c)
	if err != nil {
		return err
	}
	var req wire.ProviderRequest
	errs, err := bindFields(c, &req)
	if err != nil {
		return err
	}
	if req.Kind != kind {
		errs.set("kind", "kind_mismatch", "The kind of a provider cannot change.")
	}
	if kind == kindNetwork && req.Type == "" {
		// Keep the stored type (and its default API version).
		cur, err := s.GetOpenStackNetworkProvider(engineCtx(c), id)
		if err != nil {
			return engineError(err)
		}
		req.Type = viewNetworkProvider(cur).Type
	}
	np, hp := providerToEngine(&req, errs)
	if err := errs.err(); err != nil {
		return err
	}
	if np != nil {
		got, err := s.UpdateOpenStackNetworkProvider(engineCtx(c), id, np)
		if err != nil {
			return engineError(err, providerRules...)
		}
		return c.JSON(http.StatusOK, viewNetworkProvider(got))
	}
	got, err := s.UpdateExternalHostProvider(engineCtx(c), id, hp)
	if err != nil {
		return engineError(err, providerRules...)
	}
	return c.JSON(http.StatusOK, viewHostProvider(got))
}

func (h *handlers) removeProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	kind, id, err := providerPath(c)
	if err != nil {
		return err
	}
	if kind == kindNetwork {
		err = s.RemoveOpenStackNetworkProvider(engineCtx(c), id)
	} else {
		err = s.RemoveExternalHostProvider(engineCtx(c), id)
	}
	if err != nil {
		return engineError(err)
	}
	return noContent(c)
}
