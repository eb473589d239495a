// Package replay is a stateless engine for browser tests: it answers
// v6admin's calls from the fixtures in the real oVirt engine's shape
// (package engine/fixtures) instead of imitating an engine as
// engine/embedded does.
//
//   - GET answers the fixture of its path (and query, for
//     ?follow=statistics); GET /<collection>/{id} without a fixture of its
//     own answers the element of that id in the collection's fixture.
//   - POST and PUT answer the call's recorded answer (an action answers
//     its action with status complete); nothing is stored, so a later GET
//     answers the same as before.
//   - The SSO token endpoint answers the token fixture for [Password],
//     sso_error.json for another password, and oVirt's "No valid profile"
//     refusal for a user outside the internal profile (so the BFF's SSO
//     probe finds an oVirt AAA engine).
//   - An API request without a bearer token is 401 without a body, as the
//     engine's filter answers it; an unknown path is 404 with the engine's
//     fault (fault_not_found.json).
//
// [WithBroken] adds one deliberately unreadable answer, so that the UI's
// "The engine's answer could not be read (path)." can be tested.
//
// The answers never depend on earlier requests. The server only remembers
// the last requests it received (GET /replay/requests lists the POST and
// PUT ones with their bodies), so that a browser test can check what
// v6admin sent (the TPGT of an iSCSI login, the certificate imported).
//
// cmd/replay serves it on [::1] (go run ./engine/replay/cmd/replay).
package replay

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"v6admin/engine/fixtures"
)

// Password is the password the token endpoint accepts (any internal user).
const Password = "v6admin-demo"

// Server answers from the fixtures. Create it with New.
type Server struct {
	broken map[string][]byte // "METHOD path?query" → body

	mu   sync.Mutex
	sent []Request // the last maxRequests POST and PUT requests
}

// Request is a request the server received (GET /replay/requests).
type Request struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Body   json.RawMessage `json:"body,omitempty"`
}

// RequestsPath lists the last POST and PUT requests received, oldest first.
const RequestsPath = "/replay/requests"

const maxRequests = 256

// Option configures New.
type Option func(*Server)

// WithBroken makes the server answer body (200) to method, path (absolute,
// /ovirt-engine/api/…) and query instead of any fixture.
func WithBroken(method, path, query string, body []byte) Option {
	return func(s *Server) { s.broken[key(method, path, query)] = body }
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
	s := &Server{broken: map[string][]byte{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

func key(method, path, query string) string { return method + " " + path + "?" + query }

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if cid := r.Header.Get("Correlation-Id"); cid != "" {
		w.Header().Set("Correlation-Id", cid)
	}
	path := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case path == fixtures.SSOTokenPath && r.Method == http.MethodPost:
		s.token(w, r)
		return
	case path == "/ovirt-engine/services/sso-logout" && r.Method == http.MethodPost:
		writeJSON(w, http.StatusOK, []byte("{}"))
		return
	case path == fixtures.PKIResourcePath && r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(fixtures.Read("pki_engine_ssh_key.txt"))
		return
	case path == RequestsPath && r.Method == http.MethodGet:
		s.mu.Lock()
		b, _ := json.Marshal(map[string][]Request{"requests": s.sent})
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, b)
		return
	case path != fixtures.Prefix && !strings.HasPrefix(path, fixtures.Prefix+"/"):
		writeJSON(w, http.StatusNotFound, fixtures.Read("fault_not_found.json"))
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		w.Header().Add("WWW-Authenticate", `Bearer realm="RESTAPI"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		s.record(r, path)
	}
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

// record remembers a request and its body (when JSON).
func (s *Server) record(r *http.Request, path string) {
	b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	req := Request{Method: r.Method, Path: path}
	if json.Valid(b) {
		req.Body = b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sent) == maxRequests {
		s.sent = append(s.sent[:0], s.sent[1:]...)
	}
	s.sent = append(s.sent, req)
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

// token is the SSO token endpoint.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, fixtures.Read("sso_error.json"))
		return
	}
	user := r.PostForm.Get("username")
	if at := strings.LastIndexByte(user, '@'); at < 0 || user[at+1:] != "internal" {
		msg, _ := json.Marshal(map[string]string{
			"error_code": "access_denied",
			"error":      "Cannot authenticate user '" + user + "': No valid profile found in credentials..",
		})
		writeJSON(w, http.StatusBadRequest, msg)
		return
	}
	if r.PostForm.Get("password") != Password {
		writeJSON(w, http.StatusBadRequest, fixtures.Read("sso_error.json"))
		return
	}
	writeJSON(w, http.StatusOK, fixtures.Read("sso_token.json"))
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.Copy(w, bytes.NewReader(body))
}
