package readiness

import (
	"slices"

	"v6admin/engine/ovirt"
)

// Count returns the scores of objs: one per data center of dcs (in their
// order), then the overall one (DataCenter ""). Objects outside every data
// center (the engine, providers) count overall only.
func Count(objs []*Object, dcs []ovirt.DataCenter) []Score {
	out := make([]Score, 0, len(dcs)+1)
	for _, dc := range dcs {
		s := Score{DataCenter: dc.Name}
		for _, o := range objs {
			if o.DataCenter == dc.Name {
				s.add(o.Family)
			}
		}
		out = append(out, s)
	}
	all := Score{}
	for _, o := range objs {
		all.add(o.Family)
	}
	return append(out, all)
}

func (s *Score) add(f Family) {
	switch f {
	case FamilyIPv6:
		s.IPv6Only++
	case FamilyDual:
		s.DualStack++
	case FamilyIPv4:
		s.IPv4Only++
	default:
		s.None++
	}
}

// Filter selects objects and findings; an empty list selects everything.
type Filter struct {
	Kinds      []Kind
	Families   []Family
	Severities []Severity
}

// Apply returns the objects of rep that match f's kinds and families, and
// the findings on those objects that match f's severities. Scores are
// counted again over the objects kept. rep is not changed.
func (f Filter) Apply(rep Report, dcs []ovirt.DataCenter) Report {
	var out Report
	keep := map[*Object]bool{}
	for _, o := range rep.Objects {
		if (len(f.Kinds) == 0 || slices.Contains(f.Kinds, o.Kind)) && (len(f.Families) == 0 || slices.Contains(f.Families, o.Family)) {
			out.Objects = append(out.Objects, o)
			keep[o] = true
		}
	}
	for _, fd := range rep.Findings {
		if keep[fd.Object] && (len(f.Severities) == 0 || slices.Contains(f.Severities, fd.Severity)) {
			out.Findings = append(out.Findings, fd)
		}
	}
	out.Scores = Count(out.Objects, dcs)
	return out
}
