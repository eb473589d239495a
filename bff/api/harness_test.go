package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
	"v6admin/engine/client"
	"v6admin/engine/replay"
)

// engineReply answers one engine request (body: the request body).
type engineReply func(body []byte) (status int, resp string)

// fixed is a reply with a fixed status and body.
func fixed(status int, body string) engineReply {
	return func([]byte) (int, string) { return status, body }
}

// echoCreated answers 201 with the request body plus "id".
func echoCreated(id string) engineReply {
	return func(body []byte) (int, string) {
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		if m == nil {
			m = map[string]any{}
		}
		m["id"] = id
		delete(m, "password")
		b, _ := json.Marshal(m)
		return http.StatusCreated, string(b)
	}
}

// noSessionHeader, set on a request to the API under test, makes it come
// without the logged-in session.
const noSessionHeader = "X-Test-No-Session"

// sessionToken is the engine token of the logged-in session; the engine
// accepts it as if it had issued it.
const sessionToken = "engine-token"

// apiEnv is the API's handlers in an Echo instance with a logged-in
// session, in front of the engine test double (engine/replay) listening on
// [::1]: it answers from the fixtures in the real engine's shape, except
// the routes a test gives ("METHOD /path" under /ovirt-engine/api;
// "METHOD /path?query" answers that raw query only, and wins over
// "METHOD /path").
type apiEnv struct {
	e      *echo.Echo
	engine *replay.Server
}

// apiOptions change the API under test: options of its engine client and
// its dependencies (Engine and Log are set by newAPIEnv).
type apiOptions struct {
	client []client.Option
	deps   Deps
}

func newAPIEnv(t *testing.T, routes map[string]engineReply, opts ...func(*apiOptions)) *apiEnv {
	t.Helper()
	env := &apiEnv{engine: replay.New(replay.WithToken(sessionToken))}
	for route, reply := range routes {
		env.engine.Handle(route, func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			status, resp := reply(body)
			if resp != "" {
				w.Header().Set("Content-Type", "application/json")
			}
			w.WriteHeader(status)
			io.WriteString(w, resp)
		})
	}
	srv, apiURL := env.engine.Start(t)
	if !strings.HasPrefix(srv.URL, "http://[::1]:") {
		t.Fatalf("engine at %s", srv.URL)
	}
	var o apiOptions
	for _, opt := range opts {
		opt(&o)
	}
	cl, err := client.New(apiURL, o.client...)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	env.e = echo.New()
	env.e.HTTPErrorHandler = apierr.Handler(apierr.Options{Logger: log})
	g := env.e.Group("/api", func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Header.Get(noSessionHeader) == "" {
				session.Set(c, &session.Session{User: "admin@internal", Token: sessionToken})
			}
			return next(c)
		}
	})
	o.deps.Engine, o.deps.Log = cl, log
	Register(g, o.deps)
	return env
}

// sent returns the bodies the engine got on "METHOD /path".
func (env *apiEnv) sent(method, path string) []string {
	var out []string
	for _, r := range env.engine.Sent(method, path) {
		out = append(out, string(r.Body))
	}
	return out
}

// queries returns the raw queries of the engine's "METHOD /path" calls.
func (env *apiEnv) queries(method, path string) []string {
	var out []string
	for _, r := range env.engine.Sent(method, path) {
		out = append(out, r.Query)
	}
	return out
}

// call sends a request to the API and returns the status and the compact
// JSON body.
func (env *apiEnv) call(t *testing.T, method, path, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// envelope decodes an error body.
func envelope(t *testing.T, body string) apierr.Error {
	t.Helper()
	var e apierr.Error
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not an envelope: %s", body)
	}
	return e
}

// wantFields checks that body is an envelope whose fields are exactly
// want (field → code, or "code: message" to check the message too).
func wantFields(t *testing.T, body string, want map[string]string) {
	t.Helper()
	e := envelope(t, body)
	for f, w := range want {
		fe, ok := e.Fields[f]
		code, msg, withMsg := strings.Cut(w, ": ")
		switch {
		case !ok:
			t.Errorf("no error on %s: %s", f, body)
		case fe.Code != code:
			t.Errorf("%s: code %q, want %q (%s)", f, fe.Code, code, fe.Message)
		case withMsg && fe.Message != msg:
			t.Errorf("%s: message %q, want %q", f, fe.Message, msg)
		}
	}
	for f := range e.Fields {
		if _, ok := want[f]; !ok {
			t.Errorf("unexpected error on %s: %+v", f, e.Fields[f])
		}
	}
}
