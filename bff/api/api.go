// Package api is the BFF's UI-shaped JSON API under /api: sessions, hosts
// with their NICs, fence agents and power management, a host's network view
// and setupnetworks, external providers, storage domains (NFS, iSCSI),
// virtual machines (guest addresses, consoles, Run Once with cloud-init,
// migration and the address it will use) and events. Every request body
// is validated with go-playground/validator v10
// through custom tags that call package validation (hostaddr, ipaddr,
// ipv4addr, ipv6addr, ipv4netmask, ipv6prefix, nfspath, providerurl,
// addrprefix, objname), so the server applies exactly the rules the UI shows;
// then addresses are spelled for the engine with validation.ForEngine (NFS
// servers bracketed; host, fence agent and iSCSI addresses bare; IPv4
// embedded in IPv6 rewritten in hex for IP configurations).
//
// # JSON conventions
//
// Member names are snake_case, as in the engine's own API. Addresses are
// written in RFC 5952 form with their kind ("name", "ipv4", "ipv6") and, for
// IP addresses, the scope slug of validation.Scope ("global",
// "link-local", "unique-local", "documentation", ...). Times are RFC 3339 in
// UTC. Booleans and numbers are JSON booleans and numbers (not the engine's
// strings). Passwords are accepted and never returned.
//
// # Errors
//
// Every error is the envelope of package apierr:
// {"code", "message", "fields": {"<json path>": {"code", "message"}}}.
// Paths are dotted ("fence_agents.0.address"). Engine faults keep the
// engine's message and status (409 conflict, 400 engine_rejected, 404
// not_found) and land on a field when their message names one (a duplicate
// host address on "address", a duplicate name on "name"). An engine 401 is
// 401 session_expired and the cookie is cleared.
//
// # Routes
//
// The shapes of the main routes (their types are package wire's, their
// JSON in wire/testdata/api.golden); every route, method and path, is in
// bff/server/testdata/routes.golden.
//
//	POST   /api/session                         {username, password} → {user, csrf_token, expires}
//	GET    /api/session                         → {user, csrf_token, expires}
//	DELETE /api/session                         → 204 (engine token revoked)
//	GET    /api/clusters                        → {clusters: [...]}
//	GET    /api/hosts                           → {hosts: [host with nic summary]}
//	POST   /api/hosts                           wire.AddHostRequest → 201 {host, warnings}
//	GET    /api/hosts/:id                       → host with nics and fence agents
//	PUT    /api/hosts/:id                       wire.EditHostRequest → host
//	DELETE /api/hosts/:id?force=true            → 204
//	GET    /api/hosts/:id/fence-agents          → {fence_agents: [...]}
//	POST   /api/hosts/:id/fence-agents          wire.FenceAgentRequest → 201 agent
//	PUT    /api/hosts/:id/fence-agents/:agent   wire.FenceAgentRequest (password optional) → agent
//	DELETE /api/hosts/:id/fence-agents/:agent   → 204
//	PUT    /api/hosts/:id/fence-agents/order    {ids: [...]} → {fence_agents: [...]}
//	POST   /api/hosts/:id/fence-agents/test     → {ok, power_state, message}
//	GET    /api/hosts/:id/network?statistics=   → {host, nics, bonds, attachments, networks}
//	POST   /api/hosts/:id/setupnetworks         wire.SetupNetworksRequest → {status, job, warnings}
//	POST   /api/hosts/:id/syncallnetworks       → {status, job, warnings}
//	POST   /api/hosts/:id/iscsi/discover        wire.ISCSIRequest {address, port, username, password} → {targets, message?}
//	POST   /api/hosts/:id/iscsi/login           wire.ISCSIRequest {address, port, target, username, password} → {status}
//	POST   /api/hosts/:id/iscsi/login-all       wire.ISCSIRequest {address, port, username, password} → {targets, message?}
//	GET    /api/hosts/:id/luns                  → {luns}
//	GET    /api/providers                       → {providers}
//	POST   /api/providers                       wire.ProviderRequest → 201 provider
//	GET    /api/providers/:kind/:id             → provider (kind: network | host)
//	PUT    /api/providers/:kind/:id             wire.ProviderRequest → provider
//	DELETE /api/providers/:kind/:id             → 204
//	POST   /api/providers/:kind/:id/test        → {ok, message}
//	GET    /api/providers/:kind/:id/certificates → {certificates: [certificate], prompt?}
//	POST   /api/providers/:kind/:id/import-certificates {sha256_fingerprint} → {certificates: [certificate]}
//	GET    /api/storage-domains                 → {storage_domains}
//	POST   /api/storage-domains/nfs             wire.NFSDomainRequest → 201 storage domain
//	POST   /api/storage-domains/iscsi           wire.ISCSIDomainRequest → 201 storage domain
//	DELETE /api/storage-domains/:id?host_id=&format=true → 204
//	GET    /api/events?max=&from=&severity=     → {events, last_id}
//	GET    /api/vms?family=ipv4|ipv6            → {vms: [vm with guest ipv4, ipv6]}
//	GET    /api/vms/:id                         → vm with nics, consoles, console_proxy, sessions, initial_run
//	PUT    /api/vms/:id                         wire.EditVMRequest {initial_run} → vm as GET shows it
//	GET    /api/vms/:id/console.vv?protocol=    → application/x-virt-viewer (no-store)
//	POST   /api/vms/:id/start                   wire.StartVMRequest (optional) → {vm, job}
//	POST   /api/vms/:id/stop                    → {vm, job}
//	POST   /api/vms/:id/shutdown                → {vm, job}
//	POST   /api/vms/:id/migrate                 wire.MigrateVMRequest {host_id?} → {vm, job}
//	GET    /api/vms/:id/migration-plan?host=    → {source, host, network, address, family, summary, warnings}
//	GET    /api/readiness?format=&kind=&family=&severity= → {engine_url, objects, findings, scores} or text/csv
//
// # Setup Host Networks
//
// wire.SetupNetworksRequest: {attachments: [{id?, network, nic, ipv4?: {boot_protocol,
// address, netmask, gateway}, ipv6?: {boot_protocol, address, prefix,
// gateway}, dns_servers}], removed_attachments, sync_attachments: [id],
// bonds: [{name, options, slaves}], removed_bonds: [name],
// check_connectivity, connectivity_timeout, commit_on_success}. A host may
// have 128 NICs and 256 networks, all changed in one apply: up to 1024
// attachments, removed and synced attachments, 128 bonds and removed bonds
// (2–16 slaves each) are accepted, in a body of up to
// [SetupNetworksBodyLimit] (the server raises its body limit for this route
// only). connectivity_timeout is 1–600 seconds, vdsm's 120 when left out.
//
// A real engine answers setupnetworks only once vdsm has applied the
// change; when the connectivity check fails vdsm waits connectivity_timeout
// before it rolls back. So the engine call is bounded by
// connectivity_timeout plus the engine timeout (syncallnetworks: 120 s plus
// the engine timeout) instead of the engine timeout alone, and the write
// deadline of the answer is moved past that wait and the job followed
// after it; an engine still silent by then is 504 engine_timeout as any
// other. The browser may name the request with an X-Request-Id header (8–36
// letters, digits and '-'; the server ignores any other): the engine gets
// it as Correlation-Id and its events carry it as correlation_id on /ws, so
// the UI can show the request's progress before the answer comes.
//
// # Host network view
//
// GET /api/hosts/:id/network answers each NIC and bond with its traffic
// (rx_rate_bps, tx_rate_bps, rx_total_bytes, tx_total_bytes, drops, each
// absent when the engine reports none), read from the engine's NIC
// statistics: in the same call as the NIC list (follow=statistics, oVirt
// 4.2+ and the embedded engine), else one call per NIC for the NICs the
// engine sent without statistics. ?statistics=false leaves the traffic out
// and makes no statistics call (the Setup Host Networks dialog); true, the
// default, keeps it (the Network Interfaces page). Any other value is 400
// validation_failed with a field error on "statistics" (wrong_type).
//
// # Provider dialog
//
// wire.ProviderRequest: {kind: "network"|"host", type: "external"|"neutron"|
// "foreman" (default external for network, foreman for host), name,
// description, url, requires_authentication, username, password,
// plugin_type (the Networking Plugin, sent as external_plugin_type),
// read_only, auto_sync, tenant_name, user_domain_name, project_name,
// project_domain_name, and the authentication URL either as
// authentication_url or in parts: protocol ("https" default | "http"),
// host_name (name, IPv4, IPv6 bare or bracketed), api_port (default 35357),
// api_version ("v2.0", the only one for external; "v3" default for
// neutron)}. The BFF composes scheme://JoinHostPort(host, port)/version:
// host_name 2001:db8::50 gives https://[2001:db8::50]:35357/v2.0. With
// requires_authentication a network provider needs host_name (or
// authentication_url); neutron also needs tenant_name (v2.0) or
// user_domain_name (v3). The provider view returns authentication_url and
// its parts (protocol, host_name, api_port, api_version) and type.
//
// Test flow for https URLs: GET .../certificates lists the chain the
// provider presents, each {subject, issuer, self_signed,
// sha256_fingerprint ("AB:CD:..." upper-case hex of the DER's SHA-256),
// not_before, not_after, pem}, and prompt, oVirt's question about the last
// certificate ("Do you approve trusting self signed certificate subject
// {subject}, SHA-256 fingerprint {fp}?"). On Yes, POST
// .../import-certificates with that sha256_fingerprint imports the chain
// (409 with a field error on sha256_fingerprint if the provider presents
// another certificate by then); then POST .../test answers {ok: true,
// message: "Test succeeded, managed to access provider."} or {ok: false,
// message: <the engine's message>}. An unreachable provider makes
// .../certificates fail with the engine's message on the field url (the
// dialog shows "Test Failed (unknown error).").
//
// # New Domain dialog
//
// Common members: name (^[A-Za-z0-9_-]{1,50}$: "Name can contain only
// 'A-Z', 'a-z', '0-9', '_' or '-' characters, max length: 50"; unique:
// "Name is already used in the environment, create new unique name.",
// checked against the engine's list and on its 409), description, comment,
// host_id, data_center_id (attach after creation), warning_low_space
// (0–100 %), critical_space_blocker (GB, 0 or more); both default to the
// engine's 10 and 5 when left out. nfsDomainRequest adds type (data|iso|
// export), export ("[2001:db8::5]:/exports/data"), nfs_version
// (auto|v3|v4|v4_0|v4_1|v4_2), retransmissions (0–32767), timeout (1–6000
// deciseconds), mount_options (not vers, nfsvers, timeo, retrans or
// protocol_version). iscsiDomainRequest adds type (data|export) and luns
// [{id, address, port, target}] (none: "No LUNs selected. Please select
// LUNs." on luns). Discovery answers {targets: [{address, port, target,
// portal, logged_in}], message} with message oVirt's "No new devices were
// found. …" when there is no target.
//
// The JSON shapes are the request and response types of this package; see
// their field tags.
package api

import (
	"context"
	"encoding/json"
	"errors"

	"io"
	"log/slog"
	"mime"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/guard"
	"v6admin/bff/session"
	"v6admin/engine/client"
	"v6admin/readiness"
	"v6admin/validation"
	"v6admin/wire"
)

// Deps are what the handlers need.
type Deps struct {
	Engine   *client.Client
	Sessions *session.Manager
	Log      *slog.Logger
	// DemoPassword is the built-in engine's demo password when it is in
	// use; "" otherwise (a real engine, or a chosen password).
	DemoPassword string
	// LoginLimit guards POST /api/session (the rate limit); nil means none.
	LoginLimit echo.MiddlewareFunc
	// OnLogin and OnLoginFailure count logins (metrics); optional.
	OnLogin, OnLoginFailure func()
	// OnLogout is told of every logout (the events hub closes the
	// session's WebSockets); optional.
	OnLogout func(user, token string)
	// JobWait bounds how long setupnetworks waits for its engine job
	// (default 60 s).
	JobWait time.Duration
	// Resolver resolves names for GET /api/readiness: the embedded lab's
	// name table for the built-in engine; nil means net.DefaultResolver
	// (a remote engine: the BFF's own DNS). Each lookup is bounded by
	// LookupTimeout (default DefaultLookupTimeout).
	Resolver      readiness.Resolver
	LookupTimeout time.Duration

	// second is one second of connectivity_timeout (time.Second; tests
	// shorten it to keep long-call tests fast).
	second time.Duration
}

// handlers binds the dependencies to the handler methods.
type handlers struct {
	Deps
	sso ssoProbe // the engine's kind of SSO, for the login page
}

// Register adds the API routes to g (the /api group).
func Register(g *echo.Group, d Deps) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.JobWait <= 0 {
		d.JobWait = 60 * time.Second
	}
	if d.second <= 0 {
		d.second = time.Second
	}
	h := &handlers{Deps: d}
	h.bindSession(g)
	h.bindHosts(g)
	h.bindFenceAgents(g)
	h.bindNetwork(g)
	h.bindStorage(g)
	h.bindProviders(g)
	h.bindEvents(g)
	h.bindVMs(g)
	h.bindReadiness(g)
}

// engine returns the engine session of the request, or 401.
func (h *handlers) engine(c echo.Context) (*client.Session, error) {
	s := session.From(c)
	if s == nil {
		return nil, apierr.Unauthorized()
	}
	return h.Engine.WithToken(s.Token), nil
}

// engineAt is engine plus the resource id in path parameter name: the
// prelude of every handler of one resource.
func (h *handlers) engineAt(c echo.Context, name string) (*client.Session, string, error) {
	s, err := h.engine(c)
	if err != nil {
		return nil, "", err
	}
	id, err := pathID(c, name)
	if err != nil {
		return nil, "", err
	}
	return s, id, nil
}

// RequestIDKey is the echo.Context key of the request id, which the engine
// receives as Correlation-Id (it shows in the engine's logs and events).
const RequestIDKey = "v6admin.request_id"

// engineCtx is the request context with the engine correlation id.
func engineCtx(c echo.Context) context.Context {
	r := c.Request()
	if id, _ := c.Get(RequestIDKey).(string); id != "" {
		return client.WithCorrelationID(r.Context(), id)
	}
	return r.Context()
}

// bind decodes a JSON body into v (unknown members are refused) and
// checks it: its shape (validateStruct), then its values (the request's
// Validate, the rules the UI runs before sending).
func bind(c echo.Context, v any) error {
	errs, err := bindFields(c, v)
	if err != nil {
		return err
	}
	return errs.err()
}

// bindFields decodes a JSON body into v like bind and returns the field
// errors instead of failing with them, so that a handler reports them
// together with its own checks.
func bindFields(c echo.Context, v any) (fieldErrs, error) {
	if err := decodeJSON(c, v); err != nil {
		return nil, err
	}
	errs := fieldErrs{}
	if e := validateStruct(v); e != nil {
		if e.Code != apierr.CodeValidation {
			return nil, e
		}
		errs.merge(e)
	}
	if r, ok := v.(interface{ Validate() wire.FieldErrors }); ok {
		for path, fe := range r.Validate() {
			if _, dup := errs[path]; !dup {
				errs[path] = fe
			}
		}
	}
	return errs, nil
}

// decodeJSON decodes a JSON body into v (unknown members are refused).
func decodeJSON(c echo.Context, v any) error {
	r := c.Request()
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return apierr.New(http.StatusUnsupportedMediaType, apierr.CodeUnsupportedMedia, "Send the body as application/json.")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if n, ok := guard.IsTooLarge(err); ok {
			return apierr.TooLarge(n)
		}
		return apierr.BadRequest("The body must hold one JSON object.")
	}
	return nil
}

// decodeError maps a JSON decoding error to the envelope.
func decodeError(err error) error {
	if n, ok := guard.IsTooLarge(err); ok {
		return apierr.TooLarge(n)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return apierr.Validation(map[string]wire.FieldError{
			te.Field: {Code: "wrong_type", Message: "This field must be " + jsonKind(te.Type.Kind().String()) + "."},
		})
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return apierr.Validation(map[string]wire.FieldError{
			name: {Code: "unknown_field", Message: "This field is not part of the request."},
		})
	}
	if errors.Is(err, io.EOF) {
		return apierr.BadRequest("The request body is empty.")
	}
	return apierr.BadRequest("The body is not valid JSON.")
}

func jsonKind(k string) string {
	switch {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"):
		return "a whole number"
	case strings.HasPrefix(k, "float"):
		return "a number"
	case k == "bool":
		return "true or false"
	case k == "string":
		return "a string"
	case k == "slice", k == "array":
		return "a list"
	}
	return "an object"
}

// fieldRule maps an engine message (by substring) to a request field.
type fieldRule struct {
	contains string
	field    string
}

// defaultRules are the engine messages that name a field everywhere.
var defaultRules = []fieldRule{
	{"Host with the same address already exists", "address"},
	{"Host address must be a FQDN or a valid IP address", "address"},
	{"Host Address can not be modified", "address"},
	{"The Host name is already in use", "name"},
	{"name is already in use", "name"},
	{"Name is already in use", "name"},
	{"name already used", "name"},
	{"Name already used", "name"},
	{"The Port number must be between", "port"},
	{"Selected Power Management Agent is not supported", "type"},
	{"Mount path is illegal", "export"},
	{"mount path is illegal", "export"},
}

// engineError turns an engine client error into the envelope: the engine's
// messages with its status, on a field when a rule matches.
func engineError(err error, rules ...fieldRule) error {
	if err == nil {
		return nil
	}
	var ae *apierr.Error
	if errors.As(err, &ae) {
		return ae
	}
	var ie *client.IncompatibleError
	if errors.As(err, &ie) {
		return apierr.EngineIncompatible(ie.JSONPath, err)
	}
	var ce *client.Error
	if !errors.As(err, &ce) {
		if errors.Is(err, context.DeadlineExceeded) {
			return apierr.New(http.StatusGatewayTimeout, apierr.CodeEngineTimeout, "The engine did not answer in time.").WithCause(err)
		}
		if errors.Is(err, client.ErrUnauthorized) {
			return apierr.SessionExpired().WithCause(err)
		}
		return apierr.New(http.StatusBadGateway, apierr.CodeEngineDown, "The engine cannot be reached.").WithCause(err)
	}
	msgs := ce.Messages()
	msg := strings.Join(msgs, " ")
	var e *apierr.Error
	switch {
	case ce.Status == http.StatusUnauthorized:
		return apierr.SessionExpired().WithCause(err)
	case ce.Status == http.StatusForbidden:
		e = apierr.Forbidden(orDefault(msg, "The engine does not allow this."))
	case ce.Status == http.StatusNotFound:
		e = apierr.NotFound(orDefault(msg, "The engine has no such object."))
	case ce.Status == http.StatusConflict:
		e = apierr.New(http.StatusConflict, apierr.CodeConflict, orDefault(msg, "The engine reports a conflict."))
	case ce.Status >= 400 && ce.Status < 500 || (ce.Status < 300 && errors.Is(err, client.ErrActionFailed)):
		status := ce.Status
		if status < 400 {
			status = http.StatusBadRequest
		}
		e = apierr.New(status, apierr.CodeEngineRejected, orDefault(msg, "The engine refused the request."))
	default:
		e = apierr.New(http.StatusBadGateway, apierr.CodeEngineFailed, orDefault(msg, "The engine failed to carry out the request."))
	}
	e.Cause = err
	all := append(rules, defaultRules...)
	for _, m := range msgs {
		for _, r := range all {
			if strings.Contains(m, r.contains) {
				e.WithField(r.field, "engine", m)
				break
			}
		}
	}
	return e
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// forEngine spells a checked value for the engine, as a field error if the
// engine cannot take it.
func forEngine(f validation.EngineField, s, field string, errs fieldErrs) string {
	out, err := validation.ForEngine(f, strings.TrimSpace(s))
	if err != nil {
		errs.add(field, err)
		return ""
	}
	return out
}

// noContent answers 204.
func noContent(c echo.Context) error { return c.NoContent(http.StatusNoContent) }

// sortByName sorts any slice by a name function.
func sortByName[T any](s []T, name func(T) string) {
	sort.SliceStable(s, func(i, j int) bool { return name(s[i]) < name(s[j]) })
}

// boolParam reads a boolean query parameter.
func boolParam(c echo.Context, name string) (bool, error) {
	switch strings.ToLower(c.QueryParam(name)) {
	case "":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	case "false", "0", "no":
		return false, nil
	}
	return false, apierr.Validation(map[string]wire.FieldError{name: {Code: "wrong_type", Message: "This parameter must be true or false."}})
}

// pathID checks an id taken from the URL path (the client escapes it).
func pathID(c echo.Context, name string) (string, error) {
	v := c.Param(name)
	if v == "" || v == "." || v == ".." || strings.ContainsAny(v, "/\\") || len(v) > 128 {
		return "", apierr.NotFound("")
	}
	return v, nil
}
