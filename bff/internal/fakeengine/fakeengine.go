// Package fakeengine is a small in-memory oVirt engine for the BFF's unit
// tests: SSO password grant and logout (revocation), bearer authentication
// (401 without a body), the API root, hosts (list, get, add with the engine's
// duplicate address and name conflicts, update, remove), host NICs, fence
// agents, fence status, and events (from=, max=, newest first). Everything
// else answers 404. It records every request so tests can check what the BFF
// sent (address spellings, headers) and can inject events and revoke tokens.
//
// The end-to-end tests use the real embedded engine instead; this one keeps
// the unit tests fast and independent of it.
package fakeengine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"v6admin/engine/ovirt"
)

// Credentials accepted by the fake SSO.
const (
	User     = "admin@internal"
	Password = "fake-Pa55word"
)

// Request is a request the engine received.
type Request struct {
	Method, Path, RawQuery, Host string
	Header                       http.Header
	Body                         []byte
}

// Engine is the fake engine; it is an http.Handler.
type Engine struct {
	mu       sync.Mutex
	reqs     []Request
	tokens   map[string]string // token -> user
	nextTok  int
	hosts    []*ovirt.Host
	nics     map[string][]ovirt.HostNic
	agents   map[string][]*ovirt.Agent
	events   []ovirt.Event
	nextID   int
	nextEvt  int64
	Hook     func(w http.ResponseWriter, r *http.Request) bool // runs first; true = handled
	Delay    time.Duration                                     // added to every API request
	TokenTTL time.Duration                                     // exp of issued tokens (0: none)
	NoRecord bool                                              // benchmarks: keep no request log
}

// New returns an engine with one cluster and one host "host0" (2001:db8::10)
// with two NICs.
func New() *Engine {
	e := &Engine{tokens: map[string]string{}, nics: map[string][]ovirt.HostNic{}, agents: map[string][]*ovirt.Agent{}}
	h := e.addHostLocked(&ovirt.Host{Name: "host0", Address: "2001:db8::10", Cluster: ovirt.ClusterRef("c1")})
	h.Status = ovirt.HostStatusUp
	e.nics[h.ID] = []ovirt.HostNic{
		{ID: "nic0", Name: "eth0", Status: "up", Mac: &ovirt.Mac{Address: "52:54:00:00:00:01"},
			Ipv6BootProtocol: ovirt.BootProtocolStatic, Ipv6: &ovirt.Ip{Address: "2001:db8::10", Netmask: "64", Version: ovirt.IpVersionV6},
			BootProtocol: ovirt.BootProtocolNone, Network: ovirt.NetworkRef("ovirtmgmt-id")},
		{ID: "nic1", Name: "eth1", Status: "down", Mac: &ovirt.Mac{Address: "52:54:00:00:00:02"},
			Ipv6BootProtocol: ovirt.BootProtocolAutoconf, Ipv6: &ovirt.Ip{Address: "fe80::5054:ff:fe00:2", Netmask: "64", Version: ovirt.IpVersionV6}},
	}
	return e
}

// Start serves the engine on an httptest server listening on [::1]; it is
// closed when the test ends. It returns the API URL.
func (e *Engine) Start(t interface{ Cleanup(func()) }) (*httptest.Server, string) {
	srv := httptest.NewUnstartedServer(e)
	if ln, err := listenIPv6(); err == nil {
		srv.Listener.Close()
		srv.Listener = ln
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, srv.URL + ovirt.Prefix
}

// Requests returns the requests received so far.
func (e *Engine) Requests() []Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.reqs)
}

// RevokeAll invalidates every token (an engine restart or session timeout).
func (e *Engine) RevokeAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	clear(e.tokens)
}

// Tokens returns the tokens issued and still valid.
func (e *Engine) Tokens() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for t := range e.tokens {
		out = append(out, t)
	}
	return out
}

// AddEvent appends an event and returns its id.
func (e *Engine) AddEvent(code int, severity ovirt.LogSeverity, desc string) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.addEventLocked(code, severity, desc, nil)
}

func (e *Engine) addEventLocked(code int, severity ovirt.LogSeverity, desc string, h *ovirt.Host) int64 {
	e.nextEvt++
	id := e.nextEvt
	ev := ovirt.Event{ID: strconv.FormatInt(id, 10), Href: ovirt.Href("events", strconv.FormatInt(id, 10)),
		Index: ovirt.NewInt(id), Code: ovirt.NewInt(code), Severity: severity,
		Time: ovirt.NewTime(time.Now().UTC().Truncate(time.Millisecond)), Description: desc, Origin: "oVirt"}
	if h != nil {
		ev.Host = &ovirt.Host{ID: h.ID, Href: h.Href, Name: h.Name}
	}
	e.events = append(e.events, ev)
	return id
}

// LastEventID returns the newest event id.
func (e *Engine) LastEventID() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.nextEvt
}

func (e *Engine) addHostLocked(h *ovirt.Host) *ovirt.Host {
	e.nextID++
	h.ID = fmt.Sprintf("00000000-0000-0000-0000-%012d", e.nextID)
	h.Href = ovirt.Href("hosts", h.ID)
	h.Port = ovirt.NewInt(54321)
	h.Link = ovirt.SubLinks(h.Href, "nics", "networkattachments", "fenceagents")
	h.RootPassword = ""
	e.hosts = append(e.hosts, h)
	return h
}

func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	e.mu.Lock()
	if !e.NoRecord {
		e.reqs = append(e.reqs, Request{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Host, r.Header.Clone(), body})
	}
	hook, delay := e.Hook, e.Delay
	e.mu.Unlock()
	if hook != nil && hook(w, r) {
		return
	}
	switch r.URL.Path {
	case "/ovirt-engine/sso/oauth/token":
		e.sso(w, r)
		return
	case "/ovirt-engine/services/sso-logout":
		_ = r.ParseForm()
		e.mu.Lock()
		delete(e.tokens, r.PostForm.Get("token"))
		e.mu.Unlock()
		w.WriteHeader(http.StatusOK)
		return
	}
	if !strings.HasPrefix(r.URL.Path, ovirt.Prefix) {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	e.mu.Lock()
	_, ok := e.tokens[tok]
	e.mu.Unlock()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="RESTAPI"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if delay > 0 {
		time.Sleep(delay)
	}
	e.api(w, r, strings.TrimPrefix(r.URL.Path, ovirt.Prefix), body)
}

func (e *Engine) sso(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.ParseForm() != nil || r.PostForm.Get("grant_type") != "password" {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(ovirt.NewSSOError(ovirt.SSOErrorInvalidRequest, "bad request"))
		return
	}
	user := r.PostForm.Get("username")
	if user != User || r.PostForm.Get("password") != Password {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(ovirt.NewSSOError(ovirt.SSOErrorAccessDenied,
			"Cannot authenticate user '"+user+"': The username or password is incorrect."))
		return
	}
	e.mu.Lock()
	e.nextTok++
	tok := fmt.Sprintf("FAKE-ENGINE-TOKEN-%d-x9y8z7", e.nextTok)
	e.tokens[tok] = user
	ttl := e.TokenTTL
	e.mu.Unlock()
	out := ovirt.SSOToken{AccessToken: tok, TokenType: "bearer", Scope: "ovirt-app-api"}
	if ttl > 0 {
		out.Exp = ovirt.NewInt(time.Now().Add(ttl).UnixMilli())
	}
	json.NewEncoder(w).Encode(out)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func fault(w http.ResponseWriter, status int, msgs ...string) {
	writeJSON(w, status, ovirt.Fault{Reason: "Operation Failed", Detail: "[" + strings.Join(msgs, ", ") + "]"})
}

func (e *Engine) findHost(id string) *ovirt.Host {
	for _, h := range e.hosts {
		if h.ID == id {
			return h
		}
	}
	return nil
}

func (e *Engine) api(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	e.mu.Lock()
	defer e.mu.Unlock()
	seg := strings.Split(strings.Trim(path, "/"), "/")
	if path == "" || path == "/" {
		seg = nil
	}
	m := r.Method
	switch {
	case len(seg) == 0 && (m == "GET" || m == "HEAD"):
		writeJSON(w, 200, ovirt.Api{ProductInfo: &ovirt.ProductInfo{Name: "fake oVirt Engine", Vendor: "v6admin"}})
	case len(seg) == 1 && seg[0] == "hosts" && m == "GET":
		writeJSON(w, 200, ovirt.Hosts{Host: derefHosts(e.hosts)})
	case len(seg) == 1 && seg[0] == "hosts" && m == "POST":
		var h ovirt.Host
		if err := json.Unmarshal(body, &h); err != nil {
			fault(w, 400, "Invalid JSON")
			return
		}
		for _, o := range e.hosts {
			if strings.EqualFold(o.Address, h.Address) {
				fault(w, 409, "Cannot add Host. Host with the same address already exists.")
				return
			}
			if o.Name == h.Name {
				fault(w, 409, "Cannot add Host. The Host name is already in use, please choose a unique name and try again.")
				return
			}
		}
		nh := e.addHostLocked(&h)
		nh.Status = ovirt.HostStatusInstalling
		e.addEventLocked(42, ovirt.LogSeverityNormal, "Host "+nh.Name+" was added by admin@internal-authz.", nh)
		w.Header().Set("Location", "http://"+r.Host+nh.Href)
		writeJSON(w, 201, nh)
	case len(seg) >= 2 && seg[0] == "hosts":
		h := e.findHost(seg[1])
		if h == nil {
			w.WriteHeader(404)
			return
		}
		e.hostSub(w, r, h, seg[2:], body)
	case len(seg) == 1 && seg[0] == "events" && m == "GET":
		e.listEvents(w, r)
	default:
		w.WriteHeader(404)
	}
}

func derefHosts(hs []*ovirt.Host) []ovirt.Host {
	out := make([]ovirt.Host, len(hs))
	for i, h := range hs {
		out[i] = *h
	}
	return out
}

func (e *Engine) hostSub(w http.ResponseWriter, r *http.Request, h *ovirt.Host, seg []string, body []byte) {
	m := r.Method
	switch {
	case len(seg) == 0 && m == "GET":
		writeJSON(w, 200, h)
	case len(seg) == 0 && m == "PUT":
		var u ovirt.Host
		if err := json.Unmarshal(body, &u); err != nil {
			fault(w, 400, "Invalid JSON")
			return
		}
		if u.Name != "" {
			h.Name = u.Name
		}
		if u.Address != "" {
			h.Address = u.Address
		}
		if u.Comment != nil {
			h.Comment = u.Comment
		}
		if u.PowerManagement != nil {
			h.PowerManagement = u.PowerManagement
		}
		writeJSON(w, 200, h)
	case len(seg) == 0 && m == "DELETE":
		e.hosts = slices.DeleteFunc(e.hosts, func(o *ovirt.Host) bool { return o == h })
		e.addEventLocked(44, ovirt.LogSeverityNormal, "Host "+h.Name+" was removed by admin@internal-authz.", nil)
		writeJSON(w, 200, ovirt.Action{Status: ovirt.ActionStatusComplete})
	case len(seg) == 1 && seg[0] == "nics" && m == "GET":
		writeJSON(w, 200, ovirt.HostNics{HostNic: e.nics[h.ID]})
	case len(seg) == 1 && seg[0] == "networkattachments" && m == "GET":
		writeJSON(w, 200, ovirt.NetworkAttachments{})
	case len(seg) == 1 && seg[0] == "fenceagents" && m == "GET":
		var out []ovirt.Agent
		for _, a := range e.agents[h.ID] {
			out = append(out, *a)
		}
		writeJSON(w, 200, ovirt.Agents{Agent: out})
	case len(seg) == 1 && seg[0] == "fenceagents" && m == "POST":
		var a ovirt.Agent
		if err := json.Unmarshal(body, &a); err != nil {
			fault(w, 400, "Invalid JSON")
			return
		}
		if a.Password == "" {
			writeJSON(w, 400, ovirt.Fault{Reason: "Incomplete parameters", Detail: "Agent [password] required for add"})
			return
		}
		e.nextID++
		a.ID = fmt.Sprintf("agent-%d", e.nextID)
		a.Href = ovirt.Href("hosts", h.ID, "fenceagents", a.ID)
		a.Password = ""
		e.agents[h.ID] = append(e.agents[h.ID], &a)
		writeJSON(w, 201, a)
	case len(seg) == 1 && seg[0] == "fence" && m == "POST":
		if len(e.agents[h.ID]) == 0 {
			writeJSON(w, 200, ovirt.Action{Status: ovirt.ActionStatusFailed, Fault: &ovirt.Fault{Reason: "Host " + h.Name + " has no power management agent."}})
			return
		}
		writeJSON(w, 200, ovirt.Action{Status: ovirt.ActionStatusComplete, PowerManagement: &ovirt.PowerManagement{Status: "on"}})
	default:
		w.WriteHeader(404)
	}
}

func (e *Engine) listEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, _ := strconv.ParseInt(q.Get("from"), 10, 64)
	max := -1
	if v := q.Get("max"); v != "" {
		max, _ = strconv.Atoi(v)
	}
	var out []ovirt.Event
	for i := len(e.events) - 1; i >= 0; i-- { // newest first, as the engine
		ev := e.events[i]
		if int64(*ev.Index) <= from {
			continue
		}
		out = append(out, ev)
		if max >= 0 && len(out) == max {
			break
		}
	}
	writeJSON(w, 200, ovirt.Events{Event: out})
}

// listenIPv6 listens on [::1]:0.
func listenIPv6() (net.Listener, error) { return net.Listen("tcp", "[::1]:0") }
