package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"v6admin/engine/ovirt"
)

// Paths of the engine services outside the API, on the API URL's
// scheme, host and port.
const (
	SSOTokenPath = "/ovirt-engine/sso/oauth/token"
	LogoutPath   = "/ovirt-engine/services/sso-logout"
	// PKIResourcePath serves the engine's certificates and SSH public key
	// (public, text/plain).
	PKIResourcePath = "/ovirt-engine/services/pki-resource"
)

// DefaultTimeout bounds every request (connect, send, and reading the whole
// response) unless changed with [WithTimeout].
const DefaultTimeout = 30 * time.Second

// MaxResponseBody is the largest response body the client reads.
const MaxResponseBody = 32 << 20

// Version is the client version sent in the default User-Agent
// "v6admin/<Version>"; set it at link time with
// -ldflags "-X v6admin/engine/client.Version=1.2.3".
var Version = "dev"

// Client talks to one oVirt engine. It holds no credentials: API calls are
// made on a [Session] (see [Client.WithToken]), so one Client serves many
// users concurrently. A Client is safe for concurrent use.
type Client struct {
	api       *url.URL // scheme, host and API path (no trailing slash)
	ssoURL    *url.URL
	logoutURL *url.URL
	hc        *http.Client
	timeout   time.Duration
	userAgent string

	versionMu sync.Mutex // guards version
	version   string     // the engine's product version, read on first need
}

// config collects the options of New.
type config struct {
	hc        *http.Client
	roots     *x509.CertPool
	insecure  bool
	timeout   time.Duration
	userAgent string
}

// Option configures New.
type Option func(*config) error

// WithCAFile trusts the PEM certificates in path (instead of the system
// roots) for https engines. New fails if the file cannot be read or holds no
// certificate.
func WithCAFile(path string) Option {
	return func(c *config) error {
		pem, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("CA file: %w", err)
		}
		if err := WithCACerts(pem)(c); err != nil {
			return fmt.Errorf("CA file %s: %w", path, err)
		}
		return nil
	}
}

// WithCACerts trusts the PEM certificates in pem (instead of the system
// roots). It fails if pem holds no certificate. Repeated CA options add up.
func WithCACerts(pem []byte) Option {
	return func(c *config) error {
		if c.roots == nil {
			c.roots = x509.NewCertPool()
		}
		if !c.roots.AppendCertsFromPEM(pem) {
			return errors.New("no PEM certificate found")
		}
		return nil
	}
}

// InsecureSkipVerify disables verification of the engine's TLS certificate.
// It is for labs only; without it certificates are always verified.
func InsecureSkipVerify() Option {
	return func(c *config) error { c.insecure = true; return nil }
}

// WithHTTPClient makes the client send requests with hc (tests, proxies,
// custom TLS). It cannot be combined with the TLS options, which configure
// the client's own transport.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("nil *http.Client")
		}
		c.hc = hc
		return nil
	}
}

// WithTransport is WithHTTPClient(&http.Client{Transport: rt}).
func WithTransport(rt http.RoundTripper) Option {
	return func(c *config) error {
		if rt == nil {
			return errors.New("nil http.RoundTripper")
		}
		c.hc = &http.Client{Transport: rt}
		return nil
	}
}

// WithTimeout sets the per-request timeout (default [DefaultTimeout]); 0
// leaves requests bounded only by their context.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("negative timeout %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithUserAgent sets the User-Agent header (default "v6admin/<Version>").
func WithUserAgent(ua string) Option {
	return func(c *config) error { c.userAgent = ua; return nil }
}

// New returns a client for the engine whose API is at apiURL, e.g.
// "https://[2001:db8::10]/ovirt-engine/api" or
// "http://[::1]:8080/ovirt-engine/api" (see [APIURL]). An empty path means
// /ovirt-engine/api. The SSO and logout URLs are apiURL with the path
// replaced by [SSOTokenPath] and [LogoutPath].
//
// https engines are verified against the system roots, or the CAs given with
// [WithCAFile]/[WithCACerts]; only [InsecureSkipVerify] turns that off.
func New(apiURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(apiURL)
	if err != nil {
		return nil, fmt.Errorf("client: engine URL: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("client: engine URL %q: scheme must be http or https", apiURL)
	case u.Hostname() == "":
		return nil, fmt.Errorf("client: engine URL %q: missing host", apiURL)
	case u.User != nil:
		return nil, errors.New("client: engine URL must not contain credentials")
	case u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return nil, fmt.Errorf("client: engine URL %q: unexpected query or fragment", apiURL)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	if u.Path == "" {
		u.Path = ovirt.Prefix
	}

	cfg := config{timeout: DefaultTimeout, userAgent: "v6admin/" + Version}
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("client: %w", err)
		}
	}
	hc := cfg.hc
	if hc == nil {
		hc = &http.Client{Transport: newTransport(cfg.roots, cfg.insecure)}
	} else if cfg.roots != nil || cfg.insecure {
		return nil, errors.New("client: TLS options cannot be combined with a custom HTTP client or transport")
	}
	return &Client{
		api:       u,
		ssoURL:    withPath(u, SSOTokenPath),
		logoutURL: withPath(u, LogoutPath),
		hc:        hc,
		timeout:   cfg.timeout,
		userAgent: cfg.userAgent,
	}, nil
}

// newTransport clones http.DefaultTransport with the given TLS settings.
func newTransport(roots *x509.CertPool, insecure bool) http.RoundTripper {
	var t *http.Transport
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		t = dt.Clone()
	} else {
		t = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	t.TLSClientConfig = &tls.Config{
		MinVersion:         tls.VersionTLS12,
		RootCAs:            roots,
		InsecureSkipVerify: insecure, // only via the explicit InsecureSkipVerify() option
	}
	return t
}

// withPath returns a copy of u with the path replaced (as the oVirt Go SDK
// derives the SSO URL), so IPv6-literal hosts and ports are preserved.
func withPath(u *url.URL, path string) *url.URL {
	v := *u
	v.Path, v.RawPath, v.RawQuery, v.Fragment = path, "", "", ""
	return &v
}

// APIURL returns the API URL of an engine at host (a name, an IPv4 address,
// or an IPv6 address with or without brackets) and port (0 for the scheme's
// default): APIURL("https", "2001:db8::10", 0) =
// "https://[2001:db8::10]/ovirt-engine/api".
func APIURL(scheme, host string, port int) string {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	u := url.URL{Scheme: scheme, Host: host, Path: ovirt.Prefix}
	if port != 0 {
		u.Host = net.JoinHostPort(host, strconv.Itoa(port))
	} else if strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
	}
	return u.String()
}

// URL returns the API URL of the engine.
func (c *Client) URL() string { return c.api.String() }

// Timeout returns the per-request timeout ([WithTimeout]; 0: requests are
// bounded by their context only).
func (c *Client) Timeout() time.Duration { return c.timeout }

// SSOURL returns the SSO token URL.
func (c *Client) SSOURL() string { return c.ssoURL.String() }

// LogoutURL returns the SSO logout URL.
func (c *Client) LogoutURL() string { return c.logoutURL.String() }

// Session is a Client bound to one user's access token. It is cheap to make
// per request, safe for concurrent use, and never prints the token.
type Session struct {
	c     *Client
	token string
}

// WithToken returns a session making API calls with the access token (from
// [Client.Login], Token.AccessToken.Reveal()).
func (c *Client) WithToken(token string) *Session { return &Session{c: c, token: token} }

// Client returns the client of the session.
func (s *Session) Client() *Client { return s.c }

// String describes the session without its token.
func (s *Session) String() string { return "client.Session{" + s.c.URL() + ", token: ******}" }

// Format implements fmt.Formatter so that no verb prints the token.
func (s *Session) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }

type correlationKey struct{}

// WithCorrelationID returns a context whose requests carry the header
// "Correlation-Id: id" (the engine logs it and echoes it back).
func WithCorrelationID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, correlationKey{}, id)
}

// CorrelationID returns the correlation id set by WithCorrelationID.
func CorrelationID(ctx context.Context) string {
	id, _ := ctx.Value(correlationKey{}).(string)
	return id
}

type requestTimeoutKey struct{}

// WithRequestTimeout returns a context whose requests are bounded by d
// instead of the client's timeout ([WithTimeout], [DefaultTimeout]). It is
// for the few calls that legitimately outlast it, such as
// [Session.SetupNetworks], which a real engine answers only once vdsm has
// applied the change: up to the action's connectivity_timeout (120 s by
// default) when the connectivity check fails and vdsm rolls back.
//
//	long := client.WithRequestTimeout(ctx, 120*time.Second+c.Timeout())
//	res, err := s.SetupNetworks(long, hostID, act)
//
// The override applies to every request made with the returned context or a
// context derived from it, so keep it to the one call (later calls with ctx
// get the client's timeout again). d may be shorter than the client's
// timeout; 0 leaves the requests bounded by their context only; a negative
// d is ignored (ctx is returned). The context's own deadline and
// cancellation always apply too.
func WithRequestTimeout(ctx context.Context, d time.Duration) context.Context {
	if d < 0 {
		return ctx
	}
	return context.WithValue(ctx, requestTimeoutKey{}, d)
}

// RequestTimeout returns the override set by [WithRequestTimeout] and
// whether there is one.
func RequestTimeout(ctx context.Context) (time.Duration, bool) {
	d, ok := ctx.Value(requestTimeoutKey{}).(time.Duration)
	return d, ok
}
