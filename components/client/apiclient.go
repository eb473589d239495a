package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// APIClient calls the BFF's JSON API under /api. In the browser its
// requests are window.fetch calls to the page's own origin, so the session
// cookie goes along; natively (tests) Base points at an httptest server.
// Every call blocks: run it in ctx.Async.
type APIClient struct {
	// Base is the origin, e.g. "http://[::1]:8080"; empty means the
	// page's origin.
	Base string
	// OnUnauthorized is called (from the calling goroutine) when the BFF
	// answers 401: the session is gone, the shell goes back to login.
	OnUnauthorized func(err *APIError)

	mu   sync.Mutex
	csrf string
	// requests remembers the ids of this tab's recent requests
	// (X-Request-Id, the engine's correlation id) so that their events
	// can be told apart.
	requests []string
}

// API is what pages and dialogs call: the BFF's JSON API, one method per
// endpoint, with the wire package's request and answer types. The shell
// holds the one *APIClient of the tab and hands it down as the API prop of
// each page, which hands it to its dialogs; a test gives a component a fake
// (a struct embedding API that overrides the calls it expects) and asserts
// the exact request a button sends.
type API interface {
	// SetOnUnauthorized sets the function called when the BFF answers
	// 401 (see APIClient.OnUnauthorized).
	SetOnUnauthorized(fn func(err *APIError))
	Login(ctx context.Context, user, password string) (*wire.Session, error)
	Session(ctx context.Context) (*wire.Session, error)
	LoginInfo(ctx context.Context) (*wire.LoginInfo, error)
	Logout(ctx context.Context) error
	Clusters(ctx context.Context) ([]wire.Cluster, error)
	Hosts(ctx context.Context) ([]wire.Host, error)
	Host(ctx context.Context, id string) (*wire.Host, error)
	AddHost(ctx context.Context, r wire.AddHostRequest) (*wire.AddHostResult, error)
	EditHost(ctx context.Context, id string, r wire.EditHostRequest) (*wire.Host, error)
	RemoveHost(ctx context.Context, id string) error
	EngineSSHKey(ctx context.Context) (string, error)
	MaintenanceHost(ctx context.Context, id string) (*wire.HostActionResult, error)
	ActivateHost(ctx context.Context, id string) (*wire.HostActionResult, error)
	AddFenceAgent(ctx context.Context, hostID string, r wire.FenceAgentRequest) (*wire.Agent, error)
	EditFenceAgent(ctx context.Context, hostID, agentID string, r wire.FenceAgentRequest) (*wire.Agent, error)
	RemoveFenceAgent(ctx context.Context, hostID, agentID string) error
	OrderFenceAgents(ctx context.Context, hostID string, ids []string) ([]wire.Agent, error)
	TestFenceAgents(ctx context.Context, hostID string) (*wire.FenceTest, error)
	TestFenceAgent(ctx context.Context, hostID, agentID string) (*wire.FenceTest, error)
	HostNetwork(ctx context.Context, hostID string) (*wire.HostNetwork, error)
	HostNetworkConfig(ctx context.Context, hostID string) (*wire.HostNetwork, error)
	SyncAllNetworks(ctx context.Context, hostID string) (*wire.SetupResult, error)
	Events(ctx context.Context, max int) (*wire.EventList, error)
	SearchEvents(ctx context.Context, q EventQuery) (*wire.EventList, error)
	Providers(ctx context.Context) ([]wire.Provider, error)
	StorageDomains(ctx context.Context) ([]wire.StorageDomain, error)
	SetupNetworks(ctx context.Context, hostID string, r wire.SetupNetworksRequest) (*wire.SetupResult, error)
	AddProvider(ctx context.Context, r wire.ProviderRequest) (*wire.Provider, error)
	EditProvider(ctx context.Context, kind, id string, r wire.ProviderRequest) (*wire.Provider, error)
	RemoveProvider(ctx context.Context, kind, id string) error
	TestProviderSettings(ctx context.Context, r wire.ProviderTestRequest) (*wire.ProviderTest, error)
	AddNFSDomain(ctx context.Context, r wire.NFSDomainRequest) (*wire.StorageDomain, error)
	AddISCSIDomain(ctx context.Context, r wire.ISCSIDomainRequest) (*wire.StorageDomain, error)
	DiscoverISCSI(ctx context.Context, hostID string, r wire.ISCSIRequest) (*wire.Discovery, error)
	LoginISCSI(ctx context.Context, hostID string, r wire.ISCSIRequest) error
	LoginAllISCSI(ctx context.Context, hostID string, r wire.ISCSIRequest) (*wire.Discovery, error)
	HostLUNs(ctx context.Context, hostID string) ([]wire.LUN, error)
	VMs(ctx context.Context) ([]wire.VM, error)
	VM(ctx context.Context, id string) (*wire.VM, error)
	StartVM(ctx context.Context, id string, r wire.StartVMRequest) (*wire.VMActionResult, error)
	ShutdownVM(ctx context.Context, id string) (*wire.VMActionResult, error)
	StopVM(ctx context.Context, id string) (*wire.VMActionResult, error)
	MigrateVM(ctx context.Context, id string, r wire.MigrateVMRequest) (*wire.VMActionResult, error)
	MigrationPlan(ctx context.Context, id, hostID string) (*wire.MigrationPlan, error)
	// Readiness is GET /api/readiness with its filters ("" leaves one out).
	Readiness(ctx context.Context, kind, family, severity string) (*wire.Readiness, error)
	EditVM(ctx context.Context, id string, r wire.EditVMRequest) (*wire.VM, error)
}

var _ API = (*APIClient)(nil)

// SetOnUnauthorized sets OnUnauthorized.
func (c *APIClient) SetOnUnauthorized(fn func(err *APIError)) { c.OnUnauthorized = fn }

// APIError is an error answer of the BFF (the apierr envelope), or a
// transport failure (Status 0, Code "network").
type APIError struct {
	Status    int
	Code      string
	Message   string
	Fields    map[string]wire.FieldError
	RequestID string
}

// Error returns the message.
func (e *APIError) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Message
}

// FieldMessage returns the message about a field (dotted JSON path), or "".
func (e *APIError) FieldMessage(path string) string {
	if e == nil {
		return ""
	}
	return e.Fields[path].Message
}

// Unauthorized reports whether the session is gone (401).
func (e *APIError) Unauthorized() bool { return e != nil && e.Status == http.StatusUnauthorized }

// AsAPIError returns err as an *APIError (nil if err is nil).
func AsAPIError(err error) *APIError {
	if err == nil {
		return nil
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae
	}
	return &APIError{Code: "network", Message: err.Error()}
}

// SetCSRF sets the session's CSRF token, sent on unsafe requests.
func (c *APIClient) SetCSRF(token string) {
	c.mu.Lock()
	c.csrf = token
	c.mu.Unlock()
}

// Mine reports whether a correlation id is one of this tab's requests.
func (c *APIClient) Mine(requestID string) bool {
	if requestID == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range c.requests {
		if id == requestID {
			return true
		}
	}
	return false
}

func (c *APIClient) remember(id string) {
	if id == "" {
		return
	}
	c.mu.Lock()
	c.requests = append(c.requests, id)
	if len(c.requests) > 64 {
		c.requests = c.requests[len(c.requests)-64:]
	}
	c.mu.Unlock()
}

func (c *APIClient) base() string {
	if c.Base != "" {
		return strings.TrimSuffix(c.Base, "/")
	}
	return PageOrigin()
}

// requestIDKey is the context key of a request id chosen by the caller.
type requestIDKey struct{}

// WithRequestID makes the request sent with ctx carry id as X-Request-Id:
// the BFF passes it to the engine as the correlation id, so the caller can
// recognise the request's events on /ws while it is still running.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDOf returns the request id WithRequestID put in ctx ("" for
// none).
func RequestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// NewRequestID returns 16 random hex digits (the BFF accepts 8 to 36 of
// [A-Za-z0-9-]).
func NewRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (Go 1.24+); in the browser crypto.getRandomValues
	return hex.EncodeToString(b[:])
}

// PageOrigin is scheme://host[:port] of the page ("" natively).
func PageOrigin() string {
	if !app.IsClient {
		return ""
	}
	u := app.Window().URL()
	if u == nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// do sends a request: body (if not nil) as JSON, the answer decoded into
// out (if not nil). Errors are *APIError.
func (c *APIClient) do(ctx context.Context, method, path string, body, out any) error {
	// A request runs its rules before it is sent (the BFF runs the same
	// after decoding it): a refused value never leaves the browser, and
	// its field errors come back as the BFF would send them.
	if r, ok := body.(interface{ Validate() wire.FieldErrors }); ok {
		if f := r.Validate(); len(f) > 0 {
			return &APIError{Status: http.StatusBadRequest, Code: wire.CodeValidation, Message: wire.MsgValidation, Fields: f}
		}
	}
	var data []byte
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return &APIError{Code: "internal", Message: err.Error()}
		}
		data = b
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
	}
	req := fetchRequest{Method: method, URL: c.base() + path, Header: map[string]string{"Accept": "application/json"}, Body: data}
	if id := RequestIDOf(ctx); id != "" {
		req.Header["X-Request-Id"] = id
	}
	if body != nil {
		req.Header["Content-Type"] = "application/json"
	}
	if method != http.MethodGet && method != http.MethodHead {
		c.mu.Lock()
		tok := c.csrf
		c.mu.Unlock()
		if tok != "" {
			req.Header["X-CSRF-Token"] = tok
		}
	}
	res, err := doFetch(ctx, req)
	if err != nil {
		return &APIError{Code: "network", Message: "The server cannot be reached. Check the connection and try again."}
	}
	rid := res.Header("X-Request-Id")
	if method != http.MethodGet {
		c.remember(rid)
	}
	data = res.Body
	if res.Status >= 400 {
		e := decodeError(res.Status, data)
		e.RequestID = rid
		if e.Unauthorized() && c.OnUnauthorized != nil && path != wire.PathSession {
			c.OnUnauthorized(e)
		}
		return e
	}
	if out == nil || res.Status == http.StatusNoContent {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &APIError{Status: res.Status, Code: "bad_answer", Message: "The server's answer could not be read: " + err.Error(), RequestID: rid}
	}
	return nil
}

// decodeError reads the error envelope.
func decodeError(status int, data []byte) *APIError {
	var env wire.ErrorEnvelope
	if err := json.Unmarshal(data, &env); err != nil || env.Code == "" {
		msg := strings.TrimSpace(string(data))
		if msg == "" || len(msg) > 200 {
			msg = http.StatusText(status)
		}
		return &APIError{Status: status, Code: "http_" + strconv.Itoa(status), Message: msg}
	}
	return &APIError{Status: status, Code: env.Code, Message: env.Message, Fields: env.Fields}
}

func Esc(id string) string { return url.PathEscape(id) }

// Login opens a session.
func (c *APIClient) Login(ctx context.Context, user, password string) (*wire.Session, error) {
	var s wire.Session
	if err := c.do(ctx, http.MethodPost, wire.PathSession, wire.LoginRequest{Username: user, Password: password}, &s); err != nil {
		return nil, err
	}
	c.SetCSRF(s.CSRFToken)
	return &s, nil
}

// Session returns the current session (401 *APIError without one).
func (c *APIClient) Session(ctx context.Context) (*wire.Session, error) {
	var s wire.Session
	if err := c.do(ctx, http.MethodGet, wire.PathSession, nil, &s); err != nil {
		return nil, err
	}
	c.SetCSRF(s.CSRFToken)
	return &s, nil
}

// LoginInfo asks whether a session exists (200 either way, no 401) and
// whether the built-in engine's demo password is in use.
func (c *APIClient) LoginInfo(ctx context.Context) (*wire.LoginInfo, error) {
	var li wire.LoginInfo
	if err := c.do(ctx, http.MethodGet, wire.PathLoginInfo, nil, &li); err != nil {
		return nil, err
	}
	if li.Session != nil {
		c.SetCSRF(li.Session.CSRFToken)
	}
	return &li, nil
}

// Logout closes the session.
func (c *APIClient) Logout(ctx context.Context) error {
	err := c.do(ctx, http.MethodDelete, wire.PathSession, nil, nil)
	c.SetCSRF("")
	return err
}

// Clusters lists the clusters.
func (c *APIClient) Clusters(ctx context.Context) ([]wire.Cluster, error) {
	var out wire.ClusterList
	err := c.do(ctx, http.MethodGet, wire.PathClusters, nil, &out)
	return out.Clusters, err
}

// Hosts lists the hosts.
func (c *APIClient) Hosts(ctx context.Context) ([]wire.Host, error) {
	var out wire.HostList
	err := c.do(ctx, http.MethodGet, wire.PathHosts, nil, &out)
	return out.Hosts, err
}

// Host returns a host with its NICs and fence agents.
func (c *APIClient) Host(ctx context.Context, id string) (*wire.Host, error) {
	var h wire.Host
	if err := c.do(ctx, http.MethodGet, wire.HostPath(id), nil, &h); err != nil {
		return nil, err
	}
	return &h, nil
}

// AddHost adds a host (and its fence agents).
func (c *APIClient) AddHost(ctx context.Context, r wire.AddHostRequest) (*wire.AddHostResult, error) {
	var out wire.AddHostResult
	if err := c.do(ctx, http.MethodPost, wire.PathHosts, r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// EditHost changes a host.
func (c *APIClient) EditHost(ctx context.Context, id string, r wire.EditHostRequest) (*wire.Host, error) {
	var h wire.Host
	if err := c.do(ctx, http.MethodPut, wire.HostPath(id), r, &h); err != nil {
		return nil, err
	}
	return &h, nil
}

// RemoveHost removes a host.
func (c *APIClient) RemoveHost(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, wire.HostPath(id), nil, nil)
}

// EngineSSHKey returns the engine's SSH public key (authorized_keys form).
func (c *APIClient) EngineSSHKey(ctx context.Context) (string, error) {
	var out wire.EngineSSHKey
	if err := c.do(ctx, http.MethodGet, wire.PathEngineSSHKey, nil, &out); err != nil {
		return "", err
	}
	return out.PublicKey, nil
}

// MaintenanceHost moves a host to maintenance (the engine's deactivate).
func (c *APIClient) MaintenanceHost(ctx context.Context, id string) (*wire.HostActionResult, error) {
	var out wire.HostActionResult
	if err := c.do(ctx, http.MethodPost, wire.HostPath(id, "maintenance"), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ActivateHost activates a host.
func (c *APIClient) ActivateHost(ctx context.Context, id string) (*wire.HostActionResult, error) {
	var out wire.HostActionResult
	if err := c.do(ctx, http.MethodPost, wire.HostPath(id, "activate"), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AddFenceAgent adds a fence agent to a host.
func (c *APIClient) AddFenceAgent(ctx context.Context, hostID string, r wire.FenceAgentRequest) (*wire.Agent, error) {
	var a wire.Agent
	if err := c.do(ctx, http.MethodPost, wire.HostPath(hostID, "fence-agents"), r, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// EditFenceAgent changes a fence agent.
func (c *APIClient) EditFenceAgent(ctx context.Context, hostID, agentID string, r wire.FenceAgentRequest) (*wire.Agent, error) {
	var a wire.Agent
	if err := c.do(ctx, http.MethodPut, wire.FenceAgentPath(hostID, agentID, false), r, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// RemoveFenceAgent removes a fence agent.
func (c *APIClient) RemoveFenceAgent(ctx context.Context, hostID, agentID string) error {
	return c.do(ctx, http.MethodDelete, wire.FenceAgentPath(hostID, agentID, false), nil, nil)
}

// OrderFenceAgents renumbers a host's fence agents in the given order.
func (c *APIClient) OrderFenceAgents(ctx context.Context, hostID string, ids []string) ([]wire.Agent, error) {
	var out wire.AgentList
	err := c.do(ctx, http.MethodPut, wire.HostPath(hostID, "fence-agents/order"), wire.OrderRequest{IDs: ids}, &out)
	return out.FenceAgents, err
}

// TestFenceAgents asks for the host's power status through its saved
// fence agents.
func (c *APIClient) TestFenceAgents(ctx context.Context, hostID string) (*wire.FenceTest, error) {
	var out wire.FenceTest
	if err := c.do(ctx, http.MethodPost, wire.HostPath(hostID, "fence-agents/test"), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// TestFenceAgent asks for the host's power status through one saved
// fence agent.
func (c *APIClient) TestFenceAgent(ctx context.Context, hostID, agentID string) (*wire.FenceTest, error) {
	var out wire.FenceTest
	if err := c.do(ctx, http.MethodPost, wire.FenceAgentPath(hostID, agentID, true), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// HostNetwork returns a host's NICs (with their traffic), bonds,
// attachments and networks.
func (c *APIClient) HostNetwork(ctx context.Context, hostID string) (*wire.HostNetwork, error) {
	return c.hostNetwork(ctx, hostID, "")
}

// HostNetworkConfig is HostNetwork without the NICs' traffic statistics
// (what Setup Host Networks needs; on a host with a hundred NICs the
// statistics are most of the answer's time).
func (c *APIClient) HostNetworkConfig(ctx context.Context, hostID string) (*wire.HostNetwork, error) {
	return c.hostNetwork(ctx, hostID, "?statistics=false")
}

func (c *APIClient) hostNetwork(ctx context.Context, hostID, query string) (*wire.HostNetwork, error) {
	var out wire.HostNetwork
	if err := c.do(ctx, http.MethodGet, wire.HostPath(hostID, "network")+query, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SyncAllNetworks synchronizes every out-of-sync network of a host.
func (c *APIClient) SyncAllNetworks(ctx context.Context, hostID string) (*wire.SetupResult, error) {
	var out wire.SetupResult
	if err := c.do(ctx, http.MethodPost, wire.HostPath(hostID, "syncallnetworks"), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Events lists up to max events, newest first.
func (c *APIClient) Events(ctx context.Context, max int) (*wire.EventList, error) {
	return c.SearchEvents(ctx, EventQuery{Max: max})
}

// EventQuery is a search of the engine's events: text in the message, the
// lowest severity, a page of Max events (1 first), and the engine's own
// search terms: the host (its name), the event code and the correlation id
// (one request's events). Empty fields do not select.
type EventQuery struct {
	Text          string
	Severity      string // "", warning, error, alert
	Page          int
	Max           int
	Host          string
	Code          int64
	CorrelationID string
}

// values is the query string of GET /api/events.
func (q EventQuery) values() url.Values {
	v := url.Values{}
	if q.Max > 0 {
		v.Set("max", strconv.Itoa(q.Max))
	}
	if q.Host != "" {
		v.Set("host", q.Host)
	}
	if q.Code != 0 {
		v.Set("code", strconv.FormatInt(q.Code, 10))
	}
	if q.CorrelationID != "" {
		v.Set("correlation_id", q.CorrelationID)
	}
	if t := strings.TrimSpace(q.Text); t != "" {
		v.Set("search", t)
	}
	if q.Severity != "" && q.Severity != "normal" {
		v.Set("severity", q.Severity)
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	return v
}

// SearchEvents lists a page of the engine's events, newest first.
func (c *APIClient) SearchEvents(ctx context.Context, q EventQuery) (*wire.EventList, error) {
	var out wire.EventList
	if err := c.do(ctx, http.MethodGet, wire.PathEvents+"?"+q.values().Encode(), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Providers lists the external providers.
func (c *APIClient) Providers(ctx context.Context) ([]wire.Provider, error) {
	var out wire.ProviderList
	err := c.do(ctx, http.MethodGet, wire.PathProviders, nil, &out)
	return out.Providers, err
}

// StorageDomains lists the storage domains.
func (c *APIClient) StorageDomains(ctx context.Context) ([]wire.StorageDomain, error) {
	var out wire.StorageDomainList
	err := c.do(ctx, http.MethodGet, wire.PathStorageDomains, nil, &out)
	return out.StorageDomains, err
}

// SetupNetworks applies a host's network changes.
func (c *APIClient) SetupNetworks(ctx context.Context, hostID string, r wire.SetupNetworksRequest) (*wire.SetupResult, error) {
	var out wire.SetupResult
	if err := c.do(ctx, http.MethodPost, wire.HostPath(hostID, "setupnetworks"), r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AddProvider adds an external provider.
func (c *APIClient) AddProvider(ctx context.Context, r wire.ProviderRequest) (*wire.Provider, error) {
	var p wire.Provider
	if err := c.do(ctx, http.MethodPost, wire.PathProviders, r, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// EditProvider changes an external provider.
func (c *APIClient) EditProvider(ctx context.Context, kind, id string, r wire.ProviderRequest) (*wire.Provider, error) {
	var p wire.Provider
	if err := c.do(ctx, http.MethodPut, wire.ProviderPath(kind, id), r, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// RemoveProvider removes an external provider.
func (c *APIClient) RemoveProvider(ctx context.Context, kind, id string) error {
	return c.do(ctx, http.MethodDelete, wire.ProviderPath(kind, id), nil, nil)
}

// TestProviderSettings tests the dialog's settings without saving them.
func (c *APIClient) TestProviderSettings(ctx context.Context, r wire.ProviderTestRequest) (*wire.ProviderTest, error) {
	var out wire.ProviderTest
	if err := c.do(ctx, http.MethodPost, wire.PathProviderTest, r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AddNFSDomain creates an NFS storage domain.
func (c *APIClient) AddNFSDomain(ctx context.Context, r wire.NFSDomainRequest) (*wire.StorageDomain, error) {
	var d wire.StorageDomain
	if err := c.do(ctx, http.MethodPost, wire.PathNFSDomains, r, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// AddISCSIDomain creates an iSCSI storage domain.
func (c *APIClient) AddISCSIDomain(ctx context.Context, r wire.ISCSIDomainRequest) (*wire.StorageDomain, error) {
	var d wire.StorageDomain
	if err := c.do(ctx, http.MethodPost, wire.PathISCSIDomains, r, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DiscoverISCSI lists the targets of a portal, seen from a host.
func (c *APIClient) DiscoverISCSI(ctx context.Context, hostID string, r wire.ISCSIRequest) (*wire.Discovery, error) {
	var out wire.Discovery
	if err := c.do(ctx, http.MethodPost, wire.HostPath(hostID, "iscsi/discover"), r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// LoginISCSI logs a host in to one target.
func (c *APIClient) LoginISCSI(ctx context.Context, hostID string, r wire.ISCSIRequest) error {
	return c.do(ctx, http.MethodPost, wire.HostPath(hostID, "iscsi/login"), r, nil)
}

// LoginAllISCSI logs a host in to every target of a portal.
func (c *APIClient) LoginAllISCSI(ctx context.Context, hostID string, r wire.ISCSIRequest) (*wire.Discovery, error) {
	var out wire.Discovery
	if err := c.do(ctx, http.MethodPost, wire.HostPath(hostID, "iscsi/login-all"), r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// HostLUNs lists the LUNs a host sees.
func (c *APIClient) HostLUNs(ctx context.Context, hostID string) ([]wire.LUN, error) {
	var out wire.LUNList
	err := c.do(ctx, http.MethodGet, wire.HostPath(hostID, "luns"), nil, &out)
	return out.LUNs, err
}

// VMs lists the virtual machines with their guests' addresses by family.
func (c *APIClient) VMs(ctx context.Context) ([]wire.VM, error) {
	var out wire.VMList
	err := c.do(ctx, http.MethodGet, wire.PathVMs, nil, &out)
	return out.VMs, err
}

// VM returns a VM with its NICs, consoles and sessions.
func (c *APIClient) VM(ctx context.Context, id string) (*wire.VM, error) {
	var v wire.VM
	if err := c.do(ctx, http.MethodGet, wire.VMPath(id), nil, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// StartVM starts a VM; a request with cloud-init makes it a Run Once.
func (c *APIClient) StartVM(ctx context.Context, id string, r wire.StartVMRequest) (*wire.VMActionResult, error) {
	return c.vmAction(ctx, id, "start", r)
}

// ShutdownVM asks the guest to shut down.
func (c *APIClient) ShutdownVM(ctx context.Context, id string) (*wire.VMActionResult, error) {
	return c.vmAction(ctx, id, "shutdown", nil)
}

// StopVM powers a VM off.
func (c *APIClient) StopVM(ctx context.Context, id string) (*wire.VMActionResult, error) {
	return c.vmAction(ctx, id, "stop", nil)
}

// MigrateVM migrates a running VM to a host (none: the scheduler's
// choice).
func (c *APIClient) MigrateVM(ctx context.Context, id string, r wire.MigrateVMRequest) (*wire.VMActionResult, error) {
	return c.vmAction(ctx, id, "migrate", r)
}

func (c *APIClient) vmAction(ctx context.Context, id, verb string, body any) (*wire.VMActionResult, error) {
	var out wire.VMActionResult
	if err := c.do(ctx, http.MethodPost, wire.VMPath(id, verb), body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// MigrationPlan says which address and family a migration of the VM to
// host (an id; "" for the scheduler's choice) will use.
func (c *APIClient) MigrationPlan(ctx context.Context, id, hostID string) (*wire.MigrationPlan, error) {
	path := wire.VMPath(id, "migration-plan")
	if hostID != "" {
		path += "?" + url.Values{"host": {hostID}}.Encode()
	}
	var out wire.MigrationPlan
	if err := c.do(ctx, http.MethodGet, path, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Readiness returns the IPv6 readiness report, narrowed by the filters
// kind, family and severity ("" leaves one out; see GET /api/readiness).
func (c *APIClient) Readiness(ctx context.Context, kind, family, severity string) (*wire.Readiness, error) {
	var out wire.Readiness
	if err := c.do(ctx, http.MethodGet, wire.ReadinessPath("", kind, family, severity), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// EditVM changes a VM: Edit VM's Initial Run (the cloud-init network the
// engine stores for its first run).
func (c *APIClient) EditVM(ctx context.Context, id string, r wire.EditVMRequest) (*wire.VM, error) {
	var out wire.VM
	if err := c.do(ctx, http.MethodPut, wire.VMPath(id), r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
