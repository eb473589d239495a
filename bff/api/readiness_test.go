package api

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
	"v6admin/engine/client"
	"v6admin/engine/embedded"
	"v6admin/engine/embedded/lab"
	"v6admin/engine/ovirt"
	"v6admin/readiness"
	"v6admin/wire"
)

// readinessAPI is the API in front of an embedded engine seeded with the
// demo and legacy labs (every check fires there), on [::1], names resolved
// from the lab's table as the BFF does for its built-in engine. Without
// loggedIn the requests carry no session.
func readinessAPI(tb testing.TB, loggedIn bool) *echo.Echo {
	tb.Helper()
	cfg := embedded.Config{DataDir: tb.TempDir(), AdminPassword: "embedded-test-pw", LegacyLab: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e, err := embedded.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.Close() })
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(e.Handler())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	tb.Cleanup(srv.Close)
	cl, err := client.New(srv.URL + ovirt.Prefix)
	if err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ec := echo.New()
	ec.HTTPErrorHandler = apierr.Handler(apierr.Options{Logger: log})
	var mw []echo.MiddlewareFunc
	if loggedIn {
		tok, err := cl.Login(context.Background(), embedded.AdminUser, cfg.AdminPassword)
		if err != nil {
			tb.Fatal(err)
		}
		mw = append(mw, func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				session.Set(c, &session.Session{User: embedded.AdminUser, Token: tok.AccessToken.Reveal()})
				return next(c)
			}
		})
	}
	Register(ec.Group("/api", mw...), Deps{Engine: cl, Log: log, Resolver: lab.Resolver{}})
	return ec
}

// readinessJSON is GET path decoded.
func readinessJSON(tb testing.TB, e *echo.Echo, path string) wire.Readiness {
	tb.Helper()
	status, body := get(e, path)
	var v wire.Readiness
	if err := json.Unmarshal([]byte(body), &v); status != http.StatusOK || err != nil {
		tb.Fatalf("%s: %d %v %.300s", path, status, err, body)
	}
	return v
}

// checkIDs are the check ids of fs, sorted (one per finding).
func checkIDs(fs []wire.ReadinessFinding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Check)
	}
	slices.Sort(out)
	return out
}

// TestReadinessEmbedded: GET /api/readiness on the seeded lab reports
// every check of readiness.Checks, each finding on one of the objects with
// its what, why, how and fix; names are the lab's (host1 has A and AAAA
// records in the lab's table only); the scores count the objects; the CSV
// export has the same findings.
func TestReadinessEmbedded(t *testing.T) {
	e := readinessAPI(t, true)
	rep := readinessJSON(t, e, wire.ReadinessPath("", "", "", ""))

	objs := map[string]wire.ReadinessObject{}
	for _, o := range rep.Objects {
		objs[o.Kind+"/"+o.ID] = o
		if _, ok := readiness.ParseFamily(o.Family); !ok {
			t.Errorf("object %s/%s: family %q", o.Kind, o.ID, o.Family)
		}
		for _, a := range o.Addresses {
			if a.Kind == 0 || a.Source == "" {
				t.Errorf("object %s: address %+v lacks its kind or source", o.Name, a)
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		seen[f.Check] = true
		if _, ok := objs[f.ObjectKind+"/"+f.Object.ID]; !ok {
			t.Errorf("%s: object %s/%s is not in objects", f.Check, f.ObjectKind, f.Object.ID)
		}
		if f.What == "" || f.Why == "" || f.How == "" || f.Fix.Dialog == "" {
			t.Errorf("%s on %s: incomplete finding %+v", f.Check, f.Object.Name, f)
		}
		if _, ok := readiness.ParseSeverity(f.Severity); !ok {
			t.Errorf("%s: severity %q", f.Check, f.Severity)
		}
	}
	for _, c := range readiness.Checks {
		if !seen[c.ID] {
			t.Errorf("check %s does not fire in GET /api/readiness", c.ID)
		}
	}
	trap := false
	for _, f := range rep.Findings {
		trap = trap || (f.Check == readiness.CheckNameAAndAAAA && f.Object.Name == "host1")
		if f.Check == readiness.CheckOutOfSync && len(f.Diff) == 0 {
			t.Errorf("out-of-sync finding on %s has no diff", f.Object.Name)
		}
	}
	if !trap {
		t.Error("host1's A and AAAA names (the lab's table) are not reported")
	}
	if n := len(rep.Scores); n < 2 || rep.Scores[n-1].DataCenter != "" || rep.Scores[n-1].Total != len(rep.Objects) {
		t.Errorf("scores %+v for %d objects", rep.Scores, len(rep.Objects))
	}

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", wire.ReadinessPath("csv", "", "", ""), nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="readiness.csv"` {
		t.Fatalf("csv: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("csv: %v", err)
	}
	if !slices.Equal(rows[0], readiness.CSVHeader) {
		t.Errorf("csv header %q", rows[0])
	}
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	slices.Sort(ids)
	if want := checkIDs(rep.Findings); !slices.Equal(ids, want) {
		t.Errorf("csv check ids %q\njson check ids %q", ids, want)
	}
}

// TestReadinessFilter: the filters keep what they name (repeated or
// comma-separated), the same findings the full report has on those
// objects; a value they do not know is a field error.
func TestReadinessFilter(t *testing.T) {
	e := readinessAPI(t, true)
	full := readinessJSON(t, e, wire.PathReadiness)
	tests := []struct {
		name, query string
		kinds       []string
		family      string
		severity    string
	}{
		{"host blockers", "?kind=host&severity=blocker", []string{"host"}, "", "blocker"},
		{"two kinds, comma", "?kind=host,attachment", []string{"host", "attachment"}, "", ""},
		{"two kinds, repeated", "?kind=vm&kind=network&severity=warning", []string{"vm", "network"}, "", "warning"},
		{"ipv4-only", "?family=ipv4-only", nil, "ipv4-only", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := readinessJSON(t, e, wire.PathReadiness+tc.query)
			if len(rep.Objects) == 0 {
				t.Fatal("no objects")
			}
			keep := map[string]bool{}
			for _, o := range rep.Objects {
				keep[o.Kind+"/"+o.ID] = true
				if (tc.kinds != nil && !slices.Contains(tc.kinds, o.Kind)) || (tc.family != "" && o.Family != tc.family) {
					t.Errorf("object %s %s (%s) kept", o.Kind, o.Name, o.Family)
				}
			}
			var want []wire.ReadinessFinding
			for _, f := range full.Findings {
				if keep[f.ObjectKind+"/"+f.Object.ID] && (tc.severity == "" || f.Severity == tc.severity) {
					want = append(want, f)
				}
			}
			if got, w := checkIDs(rep.Findings), checkIDs(want); len(got) == 0 || !slices.Equal(got, w) {
				t.Errorf("findings %q, want %q", got, w)
			}
			if all := rep.Scores[len(rep.Scores)-1]; all.Total != len(rep.Objects) {
				t.Errorf("overall score %+v for %d objects", all, len(rep.Objects))
			}
		})
	}
	for _, bad := range []struct{ query, field string }{
		{"?severity=fatal", "severity"}, {"?kind=host,router", "kind"}, {"?family=ipv5", "family"}, {"?format=xml", "format"},
	} {
		status, body := get(e, wire.PathReadiness+bad.query)
		var env wire.ErrorEnvelope
		if err := json.Unmarshal([]byte(body), &env); status != http.StatusBadRequest || err != nil || env.Fields[bad.field].Code != "wrong_value" {
			t.Errorf("%s: %d %s", bad.query, status, body)
		}
	}
}

// TestReadinessNoSession: without a session the report is 401, as CSV too.
func TestReadinessNoSession(t *testing.T) {
	e := readinessAPI(t, false)
	for _, p := range []string{wire.PathReadiness, wire.ReadinessPath("csv", "", "", "")} {
		if status, body := get(e, p); status != http.StatusUnauthorized {
			t.Errorf("%s: %d %s", p, status, body)
		}
	}
}

// slowResolver answers only when its context ends.
type slowResolver struct{}

func (slowResolver) LookupNetIP(ctx context.Context, _, _ string) ([]netip.Addr, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestReadinessResolver: a nil Resolver is net.DefaultResolver; every
// lookup is bounded by LookupTimeout (default DefaultLookupTimeout).
func TestReadinessResolver(t *testing.T) {
	tests := []struct {
		name string
		deps Deps
		want timeoutResolver
	}{
		{"remote engine", Deps{}, timeoutResolver{r: net.DefaultResolver, d: DefaultLookupTimeout}},
		{"lab", Deps{Resolver: lab.Resolver{}, LookupTimeout: time.Second}, timeoutResolver{r: lab.Resolver{}, d: time.Second}},
	}
	for _, tc := range tests {
		if got := (&handlers{Deps: tc.deps}).resolver(); got != tc.want {
			t.Errorf("%s: %#v, want %#v", tc.name, got, tc.want)
		}
	}
	r := (&handlers{Deps: Deps{Resolver: slowResolver{}, LookupTimeout: 20 * time.Millisecond}}).resolver()
	start := time.Now()
	_, err := r.LookupNetIP(context.Background(), "ip", "slow.example.org")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("slow lookup: %v after %s", err, time.Since(start))
	}
}
