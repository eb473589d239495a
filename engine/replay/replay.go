// Package replay is the engine test double: a stateless engine that answers
// v6admin's calls from the fixtures in the real oVirt engine's shape
// (package engine/fixtures) instead of imitating an engine as
// engine/embedded does. It is the one engine double of the unit tests
// (engine/client, bff/api, bff/server) and of the browser suite's replay
// project (cmd/replay); the embedded engine stays the engine of the
// integration tests.
//
//   - GET answers the fixture of its path (and query, for
//     ?follow=statistics); GET /<collection>/{id} without a fixture of its
//     own answers the element of that id in the collection's fixture.
//   - POST and PUT answer the call's recorded answer (an action answers
//     its action with status complete); nothing is stored, so a later GET
//     answers the same as before. DELETE of a known path answers 200.
//   - The SSO token endpoint answers sso_token.json with a fresh access
//     token for [Password] (or [WithPassword]'s), sso_error.json for another
//     password, and oVirt's "No valid profile" refusal for a user outside
//     the internal profile (so the BFF's SSO probe finds an oVirt AAA
//     engine). sso-logout revokes the token it is given.
//   - An API request without a token the server issued (or was given with
//     [WithToken]) is 401 without a body, as the engine's filter answers
//     it; an unknown path is 404 with the engine's fault
//     (fault_not_found.json).
//
// A test overrides a route with [Server.Reply] (status and body) or
// [Server.Handle] (a handler); "METHOD /path" names a path under the API
// (or an absolute /ovirt-engine/… path such as the SSO's), "METHOD
// /path?query" that exact raw query only, and "*" every API request. An
// API route answers only an authenticated request; its override wins over
// the fixtures. [WithBroken] adds one deliberately unreadable answer, so
// that the UI's "The engine's answer could not be read (path)." can be
// tested.
//
// The answers never depend on earlier requests. The server records what it
// received (method, path, query, host, headers, body: [Server.Requests],
// [Server.Sent]) so that a test can check what v6admin sent; GET
// /replay/requests lists the POST and PUT ones with their JSON bodies for
// the browser tests (the TPGT of an iSCSI login, the certificate imported).
//
// cmd/replay serves it on [::1] (go run ./engine/replay/cmd/replay);
// [Server.Start] serves it on [::1] for one test.
package replay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"v6admin/engine/fixtures"
)

// Password is the password the token endpoint accepts (any internal user)
// unless [WithPassword] sets another.
const Password = "v6admin-demo"

// LogoutPath is the engine's SSO logout service.
const LogoutPath = "/ovirt-engine/services/sso-logout"

// Server answers from the fixtures. Create it with New.
type Server struct {
	broken   map[string][]byte // "METHOD path?query" → body
	password string
	expiry   time.Time // the exp of issued tokens; zero: the fixture's

	mu      sync.Mutex
	routes  map[string]http.HandlerFunc // "METHOD path[?query]" (absolute path) or "*"
	tokens  []string                    // valid tokens, oldest first
	nextTok int
	reqs    []Request // the last requests: at least maxRequests/2, at most maxRequests
}

// Request is a request the server received.
type Request struct {
	Method string
	Path   string // absolute and escaped: /ovirt-engine/api/hosts
	Query  string // the raw query
	Host   string
	Header http.Header
	Body   []byte
}

// Listed is one request of RequestsPath's list.
type Listed struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Body   json.RawMessage `json:"body,omitempty"`
}

// RequestsPath lists the last POST and PUT requests received, oldest first.
const RequestsPath = "/replay/requests"

const maxRequests = 4096

// Option configures New.
type Option func(*Server)

// WithBroken makes the server answer body (200) to method, path (absolute,
// /ovirt-engine/api/…) and query instead of any fixture.
func WithBroken(method, path, query string, body []byte) Option {
	return func(s *Server) { s.broken[key(method, path, query)] = body }
}

// WithPassword makes the token endpoint accept password instead of
// [Password].
func WithPassword(password string) Option {
	return func(s *Server) { s.password = password }
}

// WithToken makes the server accept token as if it had issued it (a test
// that starts with a logged-in session).
func WithToken(token string) Option {
	return func(s *Server) { s.tokens = append(s.tokens, token) }
}

// WithTokenExpiry makes issued tokens expire at exp (milliseconds in the
// answer's "exp") instead of the fixture's never.
func WithTokenExpiry(exp time.Time) Option {
	return func(s *Server) { s.expiry = exp }
}

// BrokenPath is the path [WithBrokenNICs] breaks: host1's NICs with their
// statistics (the Network Interfaces page of host1). host1's plain NIC list
// is not a fixture (404), which the Hosts list tolerates.
const BrokenPath = fixtures.Prefix + "/hosts/" + fixtures.Host1 + "/nics"

// BrokenJSONPath is the member WithBrokenNICs breaks, as the client names it.
const BrokenJSONPath = "host_nic.ipv6"

// WithBrokenNICs serves host_nics_statistics.json at BrokenPath with
// follow=statistics, its first NIC's ipv6 written as a string
// ("2001:db8:10::11/64") instead of an ip object: a member v6admin uses, in
// a shape it cannot read.
func WithBrokenNICs() Option {
	var v map[string][]map[string]any
	if err := json.Unmarshal(fixtures.Read("host_nics_statistics.json"), &v); err != nil {
		panic("replay: " + err.Error())
	}
	v["host_nic"][0]["ipv6"] = "2001:db8:10::11/64"
	body, err := json.Marshal(v)
	if err != nil {
		panic("replay: " + err.Error())
	}
	return WithBroken(http.MethodGet, BrokenPath, "follow=statistics", body)
}

// New returns a replay engine.
func New(opts ...Option) *Server {
	s := &Server{broken: map[string][]byte{}, password: Password, routes: map[string]http.HandlerFunc{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Cleanuper is the part of testing.TB that Start needs.
type Cleanuper interface {
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// Start serves the server on [::1]:0 until the test ends and returns the
// test server and the engine's API URL (http://[::1]:port/ovirt-engine/api).
func (s *Server) Start(t Cleanuper) (*httptest.Server, string) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatalf("replay: no IPv6 loopback: %v", err)
	}
	srv := httptest.NewUnstartedServer(s)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, srv.URL + fixtures.Prefix
}

// Handle makes h answer route: "METHOD /path" (under the API, or absolute
// /ovirt-engine/…), "METHOD /path?query" (that raw query only, winning
// over the path's route) or "*" (every API request without a route of its
// own). A later call for the same route replaces the handler.
func (s *Server) Handle(route string, h http.HandlerFunc) {
	if route != "*" {
		method, target, ok := strings.Cut(route, " ")
		if !ok || !strings.HasPrefix(target, "/") && target != "" {
			panic("replay: route " + strconv.Quote(route) + " is not \"METHOD /path\"")
		}
		path, query, _ := strings.Cut(target, "?")
		if !strings.HasPrefix(path, "/ovirt-engine/") {
			path = fixtures.Prefix + path
		}
		route = method + " " + path
		if query != "" {
			route += "?" + query
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[route] = h
}

// Reply makes route (as [Server.Handle]) answer status and body; a
// non-empty body is sent as application/json.
func (s *Server) Reply(route string, status int, body string) {
	s.Handle(route, func(w http.ResponseWriter, _ *http.Request) {
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// Requests returns the requests received so far (the last 2048 at least),
// oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reqs)
}

// Sent returns the requests received on method and path (under the API,
// or absolute), any query, oldest first.
func (s *Server) Sent(method, path string) []Request {
	if !strings.HasPrefix(path, "/ovirt-engine/") {
		path = fixtures.Prefix + path
	}
	var out []Request
	for _, r := range s.Requests() {
		if r.Method == method && r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// Last returns the last request received, or false if none was.
func (s *Server) Last() (Request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reqs) == 0 {
		return Request{}, false
	}
	return s.reqs[len(s.reqs)-1], true
}

// Tokens returns the tokens the server accepts, oldest first: those given
// with [WithToken] and those issued and not revoked.
func (s *Server) Tokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tokens)
}

// RevokeAll invalidates every token (an engine restart or a session
// timeout).
func (s *Server) RevokeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = nil
}

func key(method, path, query string) string { return method + " " + path + "?" + query }

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.record(r, body)
	if cid := r.Header.Get("Correlation-Id"); cid != "" {
		w.Header().Set("Correlation-Id", cid)
	}
	path := strings.TrimSuffix(r.URL.Path, "/")
	inAPI := path == fixtures.Prefix || strings.HasPrefix(path, fixtures.Prefix+"/")
	if !inAPI {
		if h := s.route(r, path, false); h != nil {
			h(w, r)
			return
		}
	}
	switch {
	case path == fixtures.SSOTokenPath && r.Method == http.MethodPost:
		s.token(w, r)
		return
	case path == LogoutPath && r.Method == http.MethodPost:
		s.logout(w, r)
		return
	case path == fixtures.PKIResourcePath && r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(fixtures.Read("pki_engine_ssh_key.txt"))
		return
	case path == RequestsPath && r.Method == http.MethodGet:
		s.listSent(w)
		return
	case !inAPI:
		writeJSON(w, http.StatusNotFound, fixtures.Read("fault_not_found.json"))
		return
	}
	if !s.authenticated(r) {
		w.Header().Add("WWW-Authenticate", `Bearer realm="RESTAPI"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if h := s.route(r, path, true); h != nil {
		h(w, r)
		return
	}
	s.answer(w, r, path)
}

// Answer answers an API request from the fixtures, as the server does
// without an override: for a handler that delays, counts or inspects a
// request and then answers as the engine would. It neither records nor
// authenticates the request.
func (s *Server) Answer(w http.ResponseWriter, r *http.Request) {
	s.answer(w, r, strings.TrimSuffix(r.URL.Path, "/"))
}

// answer answers a request to the API from the fixtures.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, path string) {
	query := canonicalQuery(r.URL.Query())
	if body, ok := s.broken[key(r.Method, path, query)]; ok {
		writeJSON(w, http.StatusOK, body)
		return
	}
	if c, ok := fixtures.Find(r.Method, path, query); ok {
		writeJSON(w, c.Status, fixtures.Read(c.File))
		return
	}
	if r.Method == http.MethodGet {
		if body, ok := element(path); ok {
			writeJSON(w, http.StatusOK, body)
			return
		}
	}
	if r.Method == http.MethodDelete {
		// A removal answers 200 with no body; nothing is removed.
		if _, ok := fixtures.Find(http.MethodGet, path, ""); ok {
			w.WriteHeader(http.StatusOK)
			return
		}
		if _, ok := element(path); ok {
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	writeJSON(w, http.StatusNotFound, fixtures.Read("fault_not_found.json"))
}

// route returns the override of a request: its exact query's, its path's,
// or (in the API) "*"'s; nil if none.
func (s *Server) route(r *http.Request, path string, inAPI bool) http.HandlerFunc {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.routes[r.Method+" "+path+"?"+r.URL.RawQuery]; ok && r.URL.RawQuery != "" {
		return h
	}
	if h, ok := s.routes[r.Method+" "+path]; ok {
		return h
	}
	if inAPI {
		return s.routes["*"]
	}
	return nil
}

// authenticated reports whether the request carries a token the server
// accepts.
func (s *Server) authenticated(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Contains(s.tokens, tok)
}

// record remembers a request.
func (s *Server) record(r *http.Request, body []byte) {
	req := Request{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Host: r.Host, Header: r.Header.Clone(), Body: body}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reqs) == maxRequests { // forget the older half (amortized O(1))
		s.reqs = append(s.reqs[:0], s.reqs[maxRequests/2:]...)
	}
	s.reqs = append(s.reqs, req)
}

// listSent answers RequestsPath: the POST and PUT requests to the API, with
// their bodies when JSON.
func (s *Server) listSent(w http.ResponseWriter) {
	out := []Listed{}
	for _, r := range s.Requests() {
		if r.Method != http.MethodPost && r.Method != http.MethodPut || !strings.HasPrefix(r.Path, fixtures.Prefix) {
			continue
		}
		e := Listed{Method: r.Method, Path: strings.TrimSuffix(r.Path, "/")}
		if json.Valid(r.Body) {
			e.Body = r.Body
		}
		out = append(out, e)
	}
	b, _ := json.Marshal(map[string][]Listed{"requests": out})
	writeJSON(w, http.StatusOK, b)
}

// canonicalQuery keeps the one query parameter that changes an answer.
func canonicalQuery(q url.Values) string {
	if f := q.Get("follow"); f != "" {
		return "follow=" + f
	}
	return ""
}

// element answers GET /<collection…>/{id} from the collection's fixture:
// the element whose id is the last segment.
func element(path string) ([]byte, bool) {
	i := strings.LastIndexByte(path, '/')
	if i <= len(fixtures.Prefix) {
		return nil, false
	}
	coll, id := path[:i], path[i+1:]
	c, ok := fixtures.Find(http.MethodGet, coll, "")
	if !ok || c.Status != http.StatusOK {
		return nil, false
	}
	var v map[string]json.RawMessage
	if json.Unmarshal(fixtures.Read(c.File), &v) != nil || len(v) != 1 {
		return nil, false
	}
	for _, list := range v {
		var elems []json.RawMessage
		if json.Unmarshal(list, &elems) != nil {
			return nil, false
		}
		for _, e := range elems {
			var ref struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(e, &ref) == nil && ref.ID == id {
				return e, true
			}
		}
	}
	return nil, false
}

// token is the SSO token endpoint: the password grant.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, fixtures.Read("sso_error.json"))
		return
	}
	user := r.PostForm.Get("username")
	if at := strings.LastIndexByte(user, '@'); at < 0 || user[at+1:] != "internal" {
		writeError(w, "Cannot authenticate user '"+user+"': No valid profile found in credentials..")
		return
	}
	if r.PostForm.Get("password") != s.password {
		writeError(w, "Cannot authenticate user '"+user+"': The username or password is incorrect.")
		return
	}
	var tok map[string]json.RawMessage
	if err := json.Unmarshal(fixtures.Read("sso_token.json"), &tok); err != nil {
		panic("replay: " + err.Error())
	}
	s.mu.Lock()
	s.nextTok++
	access := fmt.Sprintf("replay-token-%d-%s", s.nextTok, strings.Repeat("x", 64))
	s.tokens = append(s.tokens, access)
	exp := s.expiry
	s.mu.Unlock()
	tok["access_token"], _ = json.Marshal(access)
	if !exp.IsZero() {
		tok["exp"], _ = json.Marshal(strconv.FormatInt(exp.UnixMilli(), 10))
	}
	b, _ := json.Marshal(tok)
	writeJSON(w, http.StatusOK, b)
}

// writeError answers the token endpoint's refusal in sso_error.json's shape.
func writeError(w http.ResponseWriter, msg string) {
	var e map[string]string
	if err := json.Unmarshal(fixtures.Read("sso_error.json"), &e); err != nil {
		panic("replay: " + err.Error())
	}
	e["error"] = msg
	b, _ := json.Marshal(e)
	writeJSON(w, http.StatusBadRequest, b)
}

// logout is the SSO logout service: the token posted is revoked.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	tok := r.PostForm.Get("token")
	s.mu.Lock()
	s.tokens = slices.DeleteFunc(s.tokens, func(t string) bool { return t == tok })
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, []byte("{}"))
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.Copy(w, bytes.NewReader(body))
}
