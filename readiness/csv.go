package readiness

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSVHeader are the columns WriteCSV writes, in order; they are stable.
var CSVHeader = []string{"check_id", "severity", "object_kind", "object_id", "object_name", "data_center", "host", "family", "addresses", "what", "why", "how", "fix_dialog", "fix_target", "diff"}

// WriteCSV writes the findings of rep, one row each under CSVHeader
// (encoding/csv: RFC 4180 quoting). Addresses are RFC 5952, separated by
// spaces; diff is "field expected→actual" entries separated by "; ".
func WriteCSV(w io.Writer, rep Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, f := range rep.Findings {
		o := f.Object
		var addrs, diff []string
		for _, a := range o.Addresses {
			addrs = append(addrs, a.Text)
		}
		for _, d := range f.Diff {
			diff = append(diff, d.Field+" "+orDash(d.Expected)+"→"+orDash(d.Actual))
		}
		target := strings.TrimSpace(strings.TrimPrefix(f.Fix.String(), string(f.Fix.Dialog)))
		if err := cw.Write([]string{f.Check, f.Severity.String(), string(o.Kind), o.ID, o.Name, o.DataCenter, o.Host, o.Family.String(),
			strings.Join(addrs, " "), f.What, f.Why, f.How, string(f.Fix.Dialog), target, strings.Join(diff, "; ")}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
