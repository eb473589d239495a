package api

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/ready/collect"
	"v6admin/readiness"
	"v6admin/wire"
)

// DefaultLookupTimeout bounds each name lookup of the readiness report
// when the BFF resolves names with its own resolver (a remote engine).
const DefaultLookupTimeout = 3 * time.Second

// timeoutResolver bounds every lookup of r by d, so a slow DNS server
// cannot hold the report (a name that times out reads as not resolving).
type timeoutResolver struct {
	r readiness.Resolver
	d time.Duration
}

func (t timeoutResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	return t.r.LookupNetIP(ctx, network, host)
}

func (h *handlers) bindReadiness(g *echo.Group) {
	g.GET("/readiness", h.getReadiness)
}

// resolver is Deps.Resolver, else net.DefaultResolver; either bounded by
// Deps.LookupTimeout.
func (h *handlers) resolver() readiness.Resolver {
	r, d := h.Resolver, h.LookupTimeout
	if r == nil {
		r = net.DefaultResolver
	}
	if d <= 0 {
		d = DefaultLookupTimeout
	}
	return timeoutResolver{r: r, d: d}
}

// getReadiness is GET /api/readiness[?format=csv][&kind=][&family=][&severity=]:
// the IPv6 readiness report of the session's engine as wire.Readiness, or
// with format=csv its findings as a readiness.csv attachment
// (readiness.WriteCSV). Each filter takes one or more values (repeated or
// comma-separated) and goes through readiness.Filter.
func (h *handlers) getReadiness(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	f, csv, err := readinessParams(c)
	if err != nil {
		return err
	}
	ctx := engineCtx(c)
	snap, err := collect.Snapshot(ctx, s, h.Engine.URL())
	if err != nil {
		return engineError(err)
	}
	rep := f.Apply(readiness.Run(ctx, snap, h.resolver()), snap.DataCenters)
	if csv {
		var b bytes.Buffer
		if err := readiness.WriteCSV(&b, rep); err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="readiness.csv"`)
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
	}
	return c.JSON(http.StatusOK, viewReadiness(snap.EngineURL, rep))
}

// readinessParams reads format and the filters; an unknown value is a
// field error on its parameter.
func readinessParams(c echo.Context) (readiness.Filter, bool, error) {
	var f readiness.Filter
	fields := map[string]wire.FieldError{}
	csv := false
	switch c.QueryParam("format") {
	case "", "json":
	case "csv":
		csv = true
	default:
		fields["format"] = wire.FieldError{Code: "wrong_value", Message: "This parameter must be json or csv."}
	}
	for _, v := range queryList(c, "kind") {
		k := readiness.Kind(v)
		if !slices.Contains(readiness.Kinds, k) {
			var names []string
			for _, k := range readiness.Kinds {
				names = append(names, string(k))
			}
			fields["kind"] = wire.FieldError{Code: "wrong_value", Message: "This parameter must be one of " + strings.Join(names, ", ") + "."}
			break
		}
		f.Kinds = append(f.Kinds, k)
	}
	for _, v := range queryList(c, "family") {
		fam, ok := readiness.ParseFamily(v)
		if !ok {
			fields["family"] = wire.FieldError{Code: "wrong_value", Message: "This parameter must be one of none, ipv4-only, dual-stack, ipv6-only."}
			break
		}
		f.Families = append(f.Families, fam)
	}
	for _, v := range queryList(c, "severity") {
		sev, ok := readiness.ParseSeverity(v)
		if !ok {
			fields["severity"] = wire.FieldError{Code: "wrong_value", Message: "This parameter must be blocker or warning."}
			break
		}
		f.Severities = append(f.Severities, sev)
	}
	if len(fields) > 0 {
		return f, false, apierr.Validation(fields)
	}
	return f, csv, nil
}

// queryList is every value of the query parameter name, repeated or
// comma-separated, blanks dropped.
func queryList(c echo.Context, name string) []string {
	var out []string
	for _, v := range c.QueryParams()[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// viewReadiness is rep as wire.Readiness.
func viewReadiness(engineURL string, rep readiness.Report) wire.Readiness {
	out := wire.Readiness{EngineURL: engineURL, Objects: make([]wire.ReadinessObject, 0, len(rep.Objects)),
		Findings: make([]wire.ReadinessFinding, 0, len(rep.Findings)), Scores: make([]wire.ReadinessScore, 0, len(rep.Scores))}
	for _, o := range rep.Objects {
		v := wire.ReadinessObject{Kind: string(o.Kind), ID: o.ID, Name: o.Name, DataCenter: o.DataCenter, Host: o.Host, HostID: o.HostID,
			NIC: o.NIC, Network: o.Network, OS: o.OS, Family: o.Family.String(), Addresses: make([]wire.ReadinessAddress, 0, len(o.Addresses))}
		for _, r := range o.Roles {
			v.Roles = append(v.Roles, string(r))
		}
		if o.Address != "" {
			a := wire.HostAddr(o.Address)
			v.Address = &a
		}
		for _, a := range o.Addresses {
			v.Addresses = append(v.Addresses, wire.ReadinessAddress{Addr: wire.HostAddr(a.Text), Source: a.Source})
		}
		out.Objects = append(out.Objects, v)
	}
	for _, fd := range rep.Findings {
		v := wire.ReadinessFinding{Check: fd.Check, Severity: fd.Severity.String(), What: fd.What, Why: fd.Why, How: fd.How,
			Fix: wire.ReadinessFix{Dialog: string(fd.Fix.Dialog), Kind: string(fd.Fix.Kind), ID: fd.Fix.ID, HostID: fd.Fix.HostID, NIC: fd.Fix.NIC, Network: fd.Fix.Network}}
		if o := fd.Object; o != nil {
			v.ObjectKind, v.Object = string(o.Kind), wire.Ref{ID: o.ID, Name: o.Name}
		}
		for _, d := range fd.Diff {
			v.Diff = append(v.Diff, wire.ReadinessDiff{Field: d.Field, Expected: d.Expected, Actual: d.Actual})
		}
		out.Findings = append(out.Findings, v)
	}
	for _, s := range rep.Scores {
		out.Scores = append(out.Scores, wire.ReadinessScore{DataCenter: s.DataCenter, IPv6Only: s.IPv6Only, DualStack: s.DualStack,
			IPv4Only: s.IPv4Only, None: s.None, Total: s.Total()})
	}
	return out
}
