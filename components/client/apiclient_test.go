package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"v6admin/validation"
	"v6admin/wire"
)

// fakeBFF answers like the BFF: JSON, the error envelope, X-Request-Id,
// and a CSRF check on unsafe methods.
func fakeBFF(t *testing.T) (*APIClient, *[]*http.Request) {
	t.Helper()
	var seen []*http.Request
	mux := http.NewServeMux()
	file := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			data, err := os.ReadFile("../testdata/" + name) // the recorded answers live with the page tests
			if err != nil {
				t.Error(err)
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(data)
		}
	}
	mux.HandleFunc("GET /api/session", file("session.json"))
	mux.HandleFunc("GET /api/hosts", file("hosts.json"))
	mux.HandleFunc("POST /api/hosts", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-CSRF-Token") == "" {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"code":"csrf_failed","message":"The request lacks a valid CSRF token."}`))
			return
		}
		var req wire.AddHostRequest
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			t.Errorf("the UI sent an unknown member: %v", err)
		}
		w.Header().Set("X-Request-Id", "rid-1")
		w.WriteHeader(http.StatusBadRequest)
		file("error_validation.json")(w, r)
	})
	mux.HandleFunc("GET /api/hosts/{id}/network", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		file("error_unauthorized.json")(w, r)
	})
	mux.HandleFunc("DELETE /api/hosts/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Clone(context.Background()))
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return &APIClient{Base: srv.URL}, &seen
}

func TestAPIClient(t *testing.T) {
	c, seen := fakeBFF(t)
	ctx := context.Background()
	s, err := c.Session(ctx)
	if err != nil || s.User != "admin@internal" || s.CSRFToken == "" {
		t.Fatalf("session %+v, %v", s, err)
	}
	hosts, err := c.Hosts(ctx)
	if err != nil || len(hosts) != 3 || hosts[0].Address.Scope == validation.ScopeUnknown {
		t.Fatalf("hosts %+v, %v", hosts, err)
	}
	// A request its own rules refuse is not sent: its field errors come
	// back as the BFF's would.
	sent := len(*seen)
	_, err = c.AddHost(ctx, wire.AddHostRequest{Name: "h 9", Address: validation.HostOf("[2001:db8::a3")})
	ae := AsAPIError(err)
	if ae == nil || ae.Status != 400 || ae.Code != "validation_failed" || ae.FieldMessage("name") == "" || ae.FieldMessage("address") == "" || len(*seen) != sent {
		t.Fatalf("add host refused by its rules: %+v, %d requests sent", ae, len(*seen)-sent)
	}
	_, err = c.AddHost(ctx, wire.AddHostRequest{Name: "h9", Address: validation.HostOf("2001:db8::a3")})
	ae = AsAPIError(err)
	if ae == nil || ae.Status != 400 || ae.Code != "validation_failed" || ae.FieldMessage("address") == "" || ae.FieldMessage("fence_agents.0.type") == "" {
		t.Fatalf("add host error %+v", ae)
	}
	last := (*seen)[len(*seen)-1]
	if last.Header.Get("X-CSRF-Token") != s.CSRFToken || last.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("POST headers %v", last.Header)
	}
	if (*seen)[1].Header.Get("X-CSRF-Token") != "" {
		t.Error("GET sent the CSRF token")
	}
	if !c.Mine("rid-1") || c.Mine("other") || c.Mine("") {
		t.Error("request ids of this tab are not remembered")
	}
	if err := c.RemoveHost(ctx, "a b"); err != nil {
		t.Fatalf("remove: %v", err)
	}
	if last := (*seen)[len(*seen)-1]; last.URL.EscapedPath() != "/api/hosts/a%20b" {
		t.Errorf("path %q: ids must be escaped", last.URL.EscapedPath())
	}

	// A request id chosen by the caller goes out as X-Request-Id (the
	// BFF's correlation id); others carry none.
	if err := c.RemoveHost(WithRequestID(ctx, "0123456789abcdef"), "h2"); err != nil {
		t.Fatalf("remove: %v", err)
	}
	if got := (*seen)[len(*seen)-1].Header.Get("X-Request-Id"); got != "0123456789abcdef" {
		t.Errorf("X-Request-Id %q, want the caller's id", got)
	}
	if got := (*seen)[len(*seen)-2].Header.Get("X-Request-Id"); got != "" {
		t.Errorf("X-Request-Id %q sent without a caller's id", got)
	}

	_, _ = c.HostNetworkConfig(ctx, "h1")
	if got := (*seen)[len(*seen)-1].URL.RawQuery; got != "statistics=false" {
		t.Errorf("HostNetworkConfig query %q, want statistics=false", got)
	}

	var lost *APIError
	c.OnUnauthorized = func(e *APIError) { lost = e }
	if _, err := c.HostNetwork(ctx, "h1"); !AsAPIError(err).Unauthorized() || lost == nil || lost.Message != "Log in first." {
		t.Fatalf("401: err %v, callback %+v", err, lost)
	}
}

func TestAPIClientNetworkError(t *testing.T) {
	c := &APIClient{Base: "http://[::1]:1"}
	_, err := c.Hosts(context.Background())
	if ae := AsAPIError(err); ae == nil || ae.Code != "network" || ae.Status != 0 {
		t.Fatalf("error %+v", ae)
	}
}

func TestDecodeErrorWithoutEnvelope(t *testing.T) {
	e := decodeError(502, []byte("Bad Gateway"))
	if e.Code != "http_502" || e.Message != "Bad Gateway" {
		t.Fatalf("%+v", e)
	}
}

// TestAPIClientVMs checks the VM calls' methods, paths, queries and
// bodies against a server that answers like the BFF.
func TestAPIClientVMs(t *testing.T) {
	type seen struct{ method, path, query, body string }
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b)})
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/migration-plan"):
			_, _ = w.Write([]byte(`{"summary":"over 2001:db8:100::13 on display (IPv6)","family":"ipv6","warnings":[]}`))
		case r.Method == http.MethodPost:
			_, _ = w.Write([]byte(`{"vm":{"id":"v 1","name":"web0","status":"up","ipv4":[],"ipv6":[]},"job":{"id":"j","status":"finished"}}`))
		case r.URL.Path == "/api/vms":
			_, _ = w.Write([]byte(`{"vms":[{"id":"v 1","name":"web0","status":"up","ipv4":[],"ipv6":[{"address":"2001:db8:100::5","kind":"ipv6","scope":"documentation"}]}]}`))
		default:
			_, _ = w.Write([]byte(`{"id":"v 1","name":"web0","status":"up","ipv4":[],"ipv6":[]}`))
		}
	}))
	defer srv.Close()
	c := &APIClient{Base: srv.URL}
	ctx := context.Background()
	vms, err := c.VMs(ctx)
	if err != nil || len(vms) != 1 || vms[0].IPv6[0].Scope != validation.ScopeDocumentation {
		t.Fatalf("VMs = %+v, %v", vms, err)
	}
	if v, err := c.VM(ctx, "v 1"); err != nil || v.Name != "web0" {
		t.Fatalf("VM = %+v, %v", v, err)
	}
	if _, err := c.StartVM(ctx, "v 1", wire.StartVMRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ShutdownVM(ctx, "v 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StopVM(ctx, "v 1"); err != nil {
		t.Fatal(err)
	}
	if r, err := c.MigrateVM(ctx, "v 1", wire.MigrateVMRequest{HostID: "h/2"}); err != nil || r.Job.Status != "finished" {
		t.Fatalf("MigrateVM = %+v, %v", r, err)
	}
	if p, err := c.MigrationPlan(ctx, "v 1", "h&2"); err != nil || p.Family != "ipv6" {
		t.Fatalf("MigrationPlan = %+v, %v", p, err)
	}
	if _, err := c.MigrationPlan(ctx, "v 1", ""); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{"GET", "/api/vms", "", ""},
		{"GET", "/api/vms/v%201", "", ""},
		{"POST", "/api/vms/v%201/start", "", "{}"},
		{"POST", "/api/vms/v%201/shutdown", "", ""},
		{"POST", "/api/vms/v%201/stop", "", ""},
		{"POST", "/api/vms/v%201/migrate", "", `{"host_id":"h/2"}`},
		{"GET", "/api/vms/v%201/migration-plan", "host=h%262", ""},
		{"GET", "/api/vms/v%201/migration-plan", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("requests %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
