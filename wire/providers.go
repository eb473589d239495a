package wire

import "time"

// Provider is an external provider; its password is never shown. For
// network providers the authentication URL is also given in the parts the
// dialog edits (protocol, host_name, api_port, api_version).
type Provider struct {
	ID                     string `json:"id"`
	Kind                   string `json:"kind"` // network, host
	Type                   string `json:"type"` // external, neutron, foreman
	Name                   string `json:"name"`
	Description            string `json:"description,omitempty"`
	URL                    string `json:"url"`
	URLHost                Addr   `json:"url_host"`
	RequiresAuthentication bool   `json:"requires_authentication"`
	Username               string `json:"username,omitempty"`
	AuthenticationURL      string `json:"authentication_url,omitempty"`
	Protocol               string `json:"protocol,omitempty"`    // http, https
	HostName               string `json:"host_name,omitempty"`   // name, IPv4 or IPv6 (bare)
	APIPort                int    `json:"api_port,omitempty"`    // 1–65535
	APIVersion             string `json:"api_version,omitempty"` // v3, v2.0
	TenantName             string `json:"tenant_name,omitempty"`
	UserDomainName         string `json:"user_domain_name,omitempty"`
	ProjectName            string `json:"project_name,omitempty"`
	ProjectDomainName      string `json:"project_domain_name,omitempty"`
	PluginType             string `json:"plugin_type,omitempty"`
	ReadOnly               bool   `json:"read_only"`
	AutoSync               bool   `json:"auto_sync"`
}

// ProviderList is the answer of GET /api/providers.
type ProviderList struct {
	Providers []Provider `json:"providers"`
}

// ProviderRequest is the External Provider dialog: the body of POST
// /api/providers and PUT /api/providers/:kind/:id. URLs take IPv6 hosts
// in brackets ("https://[2001:db8::1]:9696"). On update an empty password
// keeps the stored one.
//
// Network providers (kind network) take their authentication URL either
// whole (authentication_url) or, as the dialog edits it, in parts:
// protocol (http|https, default https), host_name (a name, IPv4, or IPv6
// bare or in brackets), api_port (default 35357) and api_version (v3|v2.0;
// default v2.0 for type external, which takes no other, v3 for neutron).
// The BFF composes scheme://host:port/version with net.JoinHostPort, so an
// IPv6 host gets its brackets: https://[2001:db8::50]:35357/v2.0. Sending
// both forms is allowed when they agree.
type ProviderRequest struct {
	Kind                   string `json:"kind" validate:"required,oneof=network host"`
	Type                   string `json:"type" validate:"omitempty,oneof=external neutron foreman"`
	Name                   string `json:"name" validate:"required"`
	Description            string `json:"description" maxlen:"1024"`
	URL                    string `json:"url" validate:"required"`
	RequiresAuthentication bool   `json:"requires_authentication"`
	Username               string `json:"username,omitempty" validate:"required_if=RequiresAuthentication true" maxlen:"256"`
	Password               string `json:"password,omitempty" maxlen:"1024"`
	AuthenticationURL      string `json:"authentication_url,omitempty"`
	Protocol               string `json:"protocol,omitempty" validate:"omitempty,oneof=http https"`
	HostName               string `json:"host_name,omitempty"`
	APIPort                int    `json:"api_port,omitempty"`
	APIVersion             string `json:"api_version,omitempty" validate:"omitempty,oneof=v3 v2.0"`
	TenantName             string `json:"tenant_name,omitempty" maxlen:"256"`
	UserDomainName         string `json:"user_domain_name,omitempty" maxlen:"256"`
	ProjectName            string `json:"project_name,omitempty" maxlen:"256"`
	ProjectDomainName      string `json:"project_domain_name,omitempty" maxlen:"256"`
	PluginType             string `json:"plugin_type,omitempty" maxlen:"64"`
	ReadOnly               bool   `json:"read_only"`
	AutoSync               bool   `json:"auto_sync"`
}

// ProviderTestRequest is POST /api/providers/test: the dialog's settings
// (as for add or edit), ID when the dialog edits a saved provider, and
// ImportSHA256Fingerprint when the user approved a certificate to import
// before testing.
type ProviderTestRequest struct {
	ProviderRequest
	ID                      string `json:"id,omitempty" maxlen:"128"`
	ImportSHA256Fingerprint string `json:"import_sha256_fingerprint,omitempty" maxlen:"128"`
}

// Certificate is a certificate of a provider's chain, read by the BFF
// from the engine's content.
type Certificate struct {
	Position          int       `json:"position"` // 0: the server's certificate; the last: the top of the chain
	Subject           string    `json:"subject"`
	Issuer            string    `json:"issuer"`
	SelfSigned        bool      `json:"self_signed"`
	SHA256Fingerprint string    `json:"sha256_fingerprint"` // "AB:CD:...", 32 upper-case hex pairs
	NotBefore         time.Time `json:"not_before"`
	NotAfter          time.Time `json:"not_after"`
	PEM               string    `json:"pem"`
}

// What the engine could tell about a provider's certificates
// (Certificates.Status).
const (
	ChainPresented   = "presented"   // the chain is in Certificates
	ChainUnreachable = "unreachable" // the engine could not reach the provider
	ChainHTTP        = "http"        // the provider's URL is http: no certificate
)

// Certificates is a provider's chain as the engine fetched it. Approve is
// the position of the certificate to approve and import: the last of the
// chain, as webadmin imports (the engine's REST layer imports only the one
// certificate it is sent). Prompt is oVirt's question about it. With no
// certificate, Status says why ("http", "unreachable") and Message how.
type Certificates struct {
	Status       string        `json:"status"`
	Certificates []Certificate `json:"certificates"`
	Approve      int           `json:"approve"`
	Prompt       string        `json:"prompt,omitempty"`
	Message      string        `json:"message,omitempty"`
}

// Approved is the certificate to approve (nil without certificates).
func (c *Certificates) Approved() *Certificate {
	if c == nil || c.Approve < 0 || c.Approve >= len(c.Certificates) {
		return nil
	}
	return &c.Certificates[c.Approve]
}

// ProviderTest is the result of a provider's Test. OK with "Test
// succeeded, managed to access provider.", or not with the engine's
// reason. Tested says what was tested. Certificates (a failed test of an
// https provider) is the chain the provider presents, to approve, or why
// there is none. Imported is the certificate imported before this test.
type ProviderTest struct {
	OK            bool          `json:"ok"`
	Message       string        `json:"message"`
	Tested        string        `json:"tested,omitempty"`
	NeedsPassword bool          `json:"needs_password,omitempty"`
	Certificates  *Certificates `json:"certificates,omitempty"`
	Imported      *Certificate  `json:"imported,omitempty"`
	Warning       string        `json:"warning,omitempty"`
}

// ImportRequest is the user's "Yes" to the import question: the
// fingerprint of the certificate they approved.
type ImportRequest struct {
	SHA256Fingerprint string `json:"sha256_fingerprint" validate:"required" maxlen:"128"`
}

// ImportResult is the answer of a certificate import: the certificate
// imported.
type ImportResult struct {
	Imported Certificate `json:"imported"`
}
