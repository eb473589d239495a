package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
	"v6admin/engine/client"
	"v6admin/engine/embedded"
	"v6admin/engine/ovirt"
	"v6admin/wire"
)

// embeddedAPI is the API in front of the embedded engine, over HTTP on
// [::1], twice: modern follows links as the engine does (oVirt 4.2+),
// older sees the same engine with the follow parameter removed (an engine
// that ignores it). The counters count the engine's NIC statistics
// sub-collection reads.
type embeddedAPI struct {
	modern, older *echo.Echo
	statsReads    atomic.Int64
	// engineURL and token reach the engine itself (API calls the BFF does
	// not offer: a test's setup).
	engineURL, token string
}

func newEmbeddedAPI(tb testing.TB, cfg embedded.Config) *embeddedAPI {
	tb.Helper()
	cfg.DataDir = tb.TempDir()
	cfg.AdminPassword = "embedded-test-pw"
	e, err := embedded.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.Close() })
	env := &embeddedAPI{}
	count := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/statistics") {
				env.statsReads.Add(1)
			}
			next.ServeHTTP(w, r)
		})
	}
	stripFollow := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			q.Del("follow")
			r.URL.RawQuery = q.Encode()
			next.ServeHTTP(w, r)
		})
	}
	serve := func(h http.Handler) string {
		ln, err := net.Listen("tcp", "[::1]:0")
		if err != nil {
			tb.Fatal(err)
		}
		srv := httptest.NewUnstartedServer(h)
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
		tb.Cleanup(srv.Close)
		return srv.URL
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	bff := func(engineURL string) *echo.Echo {
		cl, err := client.New(engineURL + ovirt.Prefix)
		if err != nil {
			tb.Fatal(err)
		}
		tok, err := cl.Login(context.Background(), embedded.AdminUser, cfg.AdminPassword)
		if err != nil {
			tb.Fatal(err)
		}
		ec := echo.New()
		ec.HTTPErrorHandler = apierr.Handler(apierr.Options{Logger: log})
		g := ec.Group("/api", func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				session.Set(c, &session.Session{User: embedded.AdminUser, Token: tok.AccessToken.Reveal()})
				return next(c)
			}
		})
		Register(g, Deps{Engine: cl, Log: log})
		env.token = tok.AccessToken.Reveal()
		return ec
	}
	env.engineURL = serve(count(e.Handler()))
	env.modern = bff(env.engineURL)
	env.older = bff(serve(count(stripFollow(e.Handler()))))
	return env
}

// get calls the API and returns the status and body.
func get(e *echo.Echo, path string) (int, string) {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

// hostID returns the id of the host named name.
func (env *embeddedAPI) hostID(tb testing.TB, name string) string {
	tb.Helper()
	status, body := get(env.modern, "/api/hosts?search="+url.QueryEscape("name="+name))
	var v struct {
		Hosts []wire.Host `json:"hosts"`
	}
	if err := json.Unmarshal([]byte(body), &v); status != 200 || err != nil || len(v.Hosts) != 1 {
		tb.Fatalf("host %s: %d %v %s", name, status, err, body)
	}
	return v.Hosts[0].ID
}

// network is GET /api/hosts/:id/network through e.
func (env *embeddedAPI) network(tb testing.TB, e *echo.Echo, id, query string) wire.HostNetwork {
	tb.Helper()
	env.statsReads.Store(0)
	status, body := get(e, "/api/hosts/"+id+"/network"+query)
	var v wire.HostNetwork
	if err := json.Unmarshal([]byte(body), &v); status != 200 || err != nil {
		tb.Fatalf("network of %s%s: %d %v %.300s", id, query, status, err, body)
	}
	return v
}

// TestHostNetworkStatisticsEmbedded runs GET /api/hosts/:id/network
// against the embedded engine at a fixed time: with follow=statistics the
// view is the one the per-NIC reads give (an engine without follow),
// without a single statistics read; statistics=false has no traffic.
func TestHostNetworkStatisticsEmbedded(t *testing.T) {
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	env := newEmbeddedAPI(t, embedded.Config{Clock: func() time.Time { return at }})
	id := env.hostID(t, "host0")
	withTraffic := func(v wire.HostNetwork) (n int) {
		for _, nic := range append(append([]wire.NIC{}, v.NICs...), v.Bonds...) {
			if nic.RxRateBps != nil || nic.TxRateBps != nil || nic.RxTotalBytes != nil || nic.TxTotalBytes != nil || nic.Drops != nil {
				n++
			}
		}
		return n
	}
	modern := env.network(t, env.modern, id, "")
	if n := env.statsReads.Load(); n != 0 {
		t.Errorf("%d statistics reads with follow=statistics, want 0", n)
	}
	devices := len(modern.NICs) + len(modern.Bonds)
	if devices != 9 || withTraffic(modern) != devices {
		t.Fatalf("%d devices, %d with traffic: %+v", devices, withTraffic(modern), modern.NICs)
	}
	older := env.network(t, env.older, id, "")
	if n := env.statsReads.Load(); n != int64(devices) {
		t.Errorf("%d statistics reads without follow, want %d", n, devices)
	}
	if !reflect.DeepEqual(modern, older) {
		a, _ := json.Marshal(modern)
		b, _ := json.Marshal(older)
		t.Errorf("follow=statistics view\n%s\nper-NIC view\n%s", a, b)
	}
	for _, e := range []*echo.Echo{env.modern, env.older} {
		none := env.network(t, e, id, "?statistics=false")
		if n := env.statsReads.Load(); n != 0 || withTraffic(none) != 0 || len(none.NICs)+len(none.Bonds) != devices {
			t.Errorf("statistics=false: %d statistics reads, %d of %d devices with traffic", n, withTraffic(none), len(none.NICs)+len(none.Bonds))
		}
		none.NICs, none.Bonds = nil, nil
		want := modern
		want.NICs, want.Bonds = nil, nil
		if !reflect.DeepEqual(none, want) {
			t.Errorf("statistics=false changes more than the traffic: %+v", none)
		}
	}
}

// BenchmarkHostNetworkScale is GET /api/hosts/:id/network of the embedded
// engine's scale0 (128 NICs, 209 devices, 256 networks, 83 attachments)
// over HTTP on [::1]: with the statistics inline (follow=statistics),
// read per NIC (an engine that does not follow links; how it was before),
// and without statistics (statistics=false).
func BenchmarkHostNetworkScale(b *testing.B) {
	env := newEmbeddedAPI(b, embedded.Config{ScaleHost: true})
	id := env.hostID(b, embedded.ScaleHostName)
	for _, c := range []struct {
		name  string
		e     *echo.Echo
		query string
	}{
		{"follow", env.modern, ""},
		{"per-NIC", env.older, ""},
		{"statistics=false", env.modern, "?statistics=false"},
	} {
		b.Run(c.name, func(b *testing.B) {
			v := env.network(b, c.e, id, c.query)
			// Physical NICs, two bonds, a VLAN device per VLAN attachment.
			if n, want := len(v.NICs)+len(v.Bonds), embedded.ScaleNICs+2+embedded.ScaleAttachments-4; n != want {
				b.Fatalf("%d devices, want %d", n, want)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if status, body := get(c.e, "/api/hosts/"+id+"/network"+c.query); status != 200 {
					b.Fatalf("%d %.300s", status, body)
				}
			}
		})
	}
}
