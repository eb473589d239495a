package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/api"
	"v6admin/engine/client"
	"v6admin/validation"
)

// Provider kinds in URLs and bodies.
const (
	kindNetwork = "network" // OpenStack network provider (Neutron, OVN)
	kindHost    = "host"    // external host provider (Foreman/Satellite)
)

func (h *handlers) bindProviders(g *echo.Group) {
	g.GET("/providers", h.listProviders)
	g.POST("/providers", h.addProvider)
	g.GET("/providers/:kind/:id", h.getProvider)
	g.PUT("/providers/:kind/:id", h.editProvider)
	g.DELETE("/providers/:kind/:id", h.removeProvider)
	g.POST("/providers/:kind/:id/test", h.testProvider)
}

// ProviderView is an external provider; its password is never shown.
type ProviderView struct {
	ID                     string   `json:"id"`
	Kind                   string   `json:"kind"` // network, host
	Name                   string   `json:"name"`
	Description            string   `json:"description,omitempty"`
	URL                    string   `json:"url"`
	URLHost                AddrView `json:"url_host"`
	RequiresAuthentication bool     `json:"requires_authentication"`
	Username               string   `json:"username,omitempty"`
	AuthenticationURL      string   `json:"authentication_url,omitempty"`
	TenantName             string   `json:"tenant_name,omitempty"`
	UserDomainName         string   `json:"user_domain_name,omitempty"`
	ProjectName            string   `json:"project_name,omitempty"`
	ProjectDomainName      string   `json:"project_domain_name,omitempty"`
	PluginType             string   `json:"plugin_type,omitempty"`
	ReadOnly               bool     `json:"read_only"`
	AutoSync               bool     `json:"auto_sync"`
}

// urlHost describes the host of a provider URL.
func urlHost(raw string) AddrView {
	u, err := validation.ParseProviderURL(raw)
	if err != nil {
		return AddrView{}
	}
	return viewAddr(u.Hostname())
}

func viewNetworkProvider(p *api.OpenStackNetworkProvider) ProviderView {
	return ProviderView{ID: p.ID, Kind: kindNetwork, Name: p.Name, Description: p.Description, URL: p.Url, URLHost: urlHost(p.Url),
		RequiresAuthentication: bool(api.Deref(p.RequiresAuthentication)), Username: p.Username, AuthenticationURL: p.AuthenticationUrl,
		TenantName: p.TenantName, UserDomainName: p.UserDomainName, ProjectName: p.ProjectName, ProjectDomainName: p.ProjectDomainName,
		PluginType: p.ExternalPluginType, ReadOnly: bool(api.Deref(p.ReadOnly)), AutoSync: bool(api.Deref(p.AutoSync))}
}

func viewHostProvider(p *api.ExternalHostProvider) ProviderView {
	return ProviderView{ID: p.ID, Kind: kindHost, Name: p.Name, Description: p.Description, URL: p.Url, URLHost: urlHost(p.Url),
		RequiresAuthentication: bool(api.Deref(p.RequiresAuthentication)), Username: p.Username, AuthenticationURL: p.AuthenticationUrl}
}

// providerRequest is the External Provider dialog. URLs take IPv6 hosts in
// brackets ("https://[2001:db8::1]:9696"). On update an empty password
// keeps the stored one.
type providerRequest struct {
	Kind                   string `json:"kind" validate:"required,oneof=network host"`
	Name                   string `json:"name" validate:"required,objname"`
	Description            string `json:"description" validate:"max=1024"`
	URL                    string `json:"url" validate:"required,providerurl"`
	RequiresAuthentication bool   `json:"requires_authentication"`
	Username               string `json:"username" validate:"required_if=RequiresAuthentication true,max=256"`
	Password               string `json:"password" validate:"max=1024"`
	AuthenticationURL      string `json:"authentication_url" validate:"omitempty,providerurl"`
	TenantName             string `json:"tenant_name" validate:"max=256"`
	UserDomainName         string `json:"user_domain_name" validate:"max=256"`
	ProjectName            string `json:"project_name" validate:"max=256"`
	ProjectDomainName      string `json:"project_domain_name" validate:"max=256"`
	PluginType             string `json:"plugin_type" validate:"max=64"`
	ReadOnly               bool   `json:"read_only"`
	AutoSync               bool   `json:"auto_sync"`
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

var providerRules = []fieldRule{
	{"URL", "url"}, {"url", "url"}, {"authentication URL", "authentication_url"},
	{"user", "username"}, {"password", "password"}, {"tenant", "tenant_name"},
}

func (r *providerRequest) network(errs fieldErrs) *api.OpenStackNetworkProvider {
	p := &api.OpenStackNetworkProvider{Name: r.Name, Description: r.Description, Url: canonicalURL(r.URL, "url", errs),
		RequiresAuthentication: api.NewBool(r.RequiresAuthentication), Username: r.Username, Password: api.Secret(r.Password),
		AuthenticationUrl: canonicalURL(r.AuthenticationURL, "authentication_url", errs), TenantName: r.TenantName,
		UserDomainName: r.UserDomainName, ProjectName: r.ProjectName, ProjectDomainName: r.ProjectDomainName,
		ReadOnly: api.NewBool(r.ReadOnly), AutoSync: api.NewBool(r.AutoSync), Type: "external"}
	if r.PluginType != "" {
		p.ExternalPluginType = r.PluginType
	}
	return p
}

func (r *providerRequest) host(errs fieldErrs) *api.ExternalHostProvider {
	return &api.ExternalHostProvider{Name: r.Name, Description: r.Description, Url: canonicalURL(r.URL, "url", errs),
		RequiresAuthentication: api.NewBool(r.RequiresAuthentication), Username: r.Username, Password: api.Secret(r.Password),
		AuthenticationUrl: canonicalURL(r.AuthenticationURL, "authentication_url", errs)}
}

func (h *handlers) listProviders(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	nps, err := s.ListOpenStackNetworkProviders(ctx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	hps, err := s.ListExternalHostProviders(ctx(c), client.ListOptions{})
	if err != nil {
		return engineError(err)
	}
	out := make([]ProviderView, 0, len(nps)+len(hps))
	for i := range nps {
		out = append(out, viewNetworkProvider(&nps[i]))
	}
	for i := range hps {
		out = append(out, viewHostProvider(&hps[i]))
	}
	sortByName(out, func(v ProviderView) string { return v.Name })
	return c.JSON(http.StatusOK, map[string]any{"providers": out})
}

func (h *handlers) addProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req providerRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	if req.RequiresAuthentication && req.Password == "" {
		errs.set("password", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	var v ProviderView
	switch req.Kind {
	case kindNetwork:
		p := req.network(errs)
		if err := errs.err(); err != nil {
			return err
		}
		got, err := s.AddOpenStackNetworkProvider(ctx(c), p)
		if err != nil {
			return engineError(err, providerRules...)
		}
		v = viewNetworkProvider(got)
	default:
		p := req.host(errs)
		if err := errs.err(); err != nil {
			return err
		}
		got, err := s.AddExternalHostProvider(ctx(c), p)
		if err != nil {
			return engineError(err, providerRules...)
		}
		v = viewHostProvider(got)
	}
	return c.JSON(http.StatusCreated, v)
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
		p, err := s.GetOpenStackNetworkProvider(ctx(c), id)
		if err != nil {
			return engineError(err)
		}
		return c.JSON(http.StatusOK, viewNetworkProvider(p))
	}
	p, err := s.GetExternalHostProvider(ctx(c), id)
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
	var req providerRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	errs := fieldErrs{}
	if req.Kind != kind {
		errs.set("kind", "kind_mismatch", "The kind of a provider cannot change.")
	}
	if kind == kindNetwork {
		p := req.network(errs)
		if err := errs.err(); err != nil {
			return err
		}
		got, err := s.UpdateOpenStackNetworkProvider(ctx(c), id, p)
		if err != nil {
			return engineError(err, providerRules...)
		}
		return c.JSON(http.StatusOK, viewNetworkProvider(got))
	}
	p := req.host(errs)
	if err := errs.err(); err != nil {
		return err
	}
	got, err := s.UpdateExternalHostProvider(ctx(c), id, p)
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
		err = s.RemoveOpenStackNetworkProvider(ctx(c), id)
	} else {
		err = s.RemoveExternalHostProvider(ctx(c), id)
	}
	if err != nil {
		return engineError(err)
	}
	return noContent(c)
}

// ProviderTestView is the result of the Test button.
type ProviderTestView struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
}

// testProvider runs the engine's testconnectivity action.
func (h *handlers) testProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	kind, id, err := providerPath(c)
	if err != nil {
		return err
	}
	if kind == kindNetwork {
		_, err = s.TestOpenStackNetworkProvider(ctx(c), id)
	} else {
		_, err = s.TestExternalHostProvider(ctx(c), id)
	}
	if err != nil {
		var ce *client.Error
		if errors.As(err, &ce) && ce.Status != http.StatusUnauthorized && ce.Status != http.StatusNotFound && ce.Status < 500 {
			return c.JSON(http.StatusOK, ProviderTestView{OK: false, Message: "Test failed: " + orDefault(strings.Join(ce.Messages(), " "), "the provider did not answer.")})
		}
		return engineError(err)
	}
	return c.JSON(http.StatusOK, ProviderTestView{OK: true, Message: "Test succeeded."})
}
