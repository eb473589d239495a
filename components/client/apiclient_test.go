package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
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
