package readiness

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/form"
	"v6admin/wire"
)

// kinds are the object types of the report in its order, with their
// labels (the type filter's options).
var kinds = []form.Option{
	{Value: "engine", Label: "Engine"},
	{Value: "data-center", Label: "Data center"},
	{Value: "cluster", Label: "Cluster"},
	{Value: "network", Label: "Logical network"},
	{Value: "host", Label: "Host"},
	{Value: "attachment", Label: "Host NIC attachment"},
	{Value: "fence-agent", Label: "Fence agent"},
	{Value: "storage-connection", Label: "Storage connection"},
	{Value: "provider", Label: "External provider"},
	{Value: "vm", Label: "Virtual machine"},
}

// families are the family filter's options.
var families = []form.Option{
	{Value: "ipv6-only", Label: "IPv6 only"},
	{Value: "dual-stack", Label: "Dual-stack"},
	{Value: "ipv4-only", Label: "IPv4 only"},
	{Value: "none", Label: "None"},
}

// severities are the severity filter's options.
var severities = []form.Option{
	{Value: "blocker", Label: "Blockers"},
	{Value: "warning", Label: "Warnings"},
}

func optionLabel(opts []form.Option, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// kindLabel is an object type's name.
func kindLabel(k string) string { return optionLabel(kinds, k) }

// FamilyLabel shows a family as a label: IPv6 only green, dual-stack blue,
// IPv4 only orange, none grey.
func FamilyLabel(f string) app.UI {
	colors := map[string]string{"ipv6-only": "green", "dual-stack": "blue", "ipv4-only": "orange", "none": "grey"}
	c, ok := colors[f]
	if !ok {
		c = "grey"
	}
	return form.PfLabel(c, optionLabel(families, f)).Class("v6-family").DataSet("family", f)
}

// roleLabels are the names of a network's roles.
var roleLabels = map[string]string{"management": "Management", "display": "Display", "migration": "Migration",
	"default_route": "Default Route", "vm": "VM"}

// sourceLabels say where an address comes from.
var sourceLabels = map[string]string{"literal": "as configured", "A": "A record", "AAAA": "AAAA record",
	"reported": "reported", "configured": "configured", "guest": "guest agent"}

// objectKey names an object of the report (kind and id: ids of different
// kinds may collide, the engine has none).
func objectKey(kind, id string) string { return kind + "/" + id }

// dcGroup is the objects of one data center ("" for those outside every
// data center: the engine, providers).
type dcGroup struct {
	DataCenter string
	Objects    []wire.ReadinessObject
}

// groupObjects sorts the objects by data center (in the report's order of
// the scores, then the others) and by type within each.
func groupObjects(r *wire.Readiness) []dcGroup {
	order := map[string]int{}
	for i, k := range kinds {
		order[k.Value] = i
	}
	var out []dcGroup
	index := map[string]int{}
	add := func(dc string) {
		if _, ok := index[dc]; !ok {
			index[dc] = len(out)
			out = append(out, dcGroup{DataCenter: dc})
		}
	}
	for _, s := range r.Scores {
		if s.DataCenter != "" {
			add(s.DataCenter)
		}
	}
	for _, o := range r.Objects {
		add(o.DataCenter)
		g := &out[index[o.DataCenter]]
		g.Objects = append(g.Objects, o)
	}
	for i := range out {
		objs := out[i].Objects
		// A stable insertion sort by type keeps the report's order within a type.
		for a := 1; a < len(objs); a++ {
			for b := a; b > 0 && order[objs[b].Kind] < order[objs[b-1].Kind]; b-- {
				objs[b], objs[b-1] = objs[b-1], objs[b]
			}
		}
	}
	var kept []dcGroup
	for _, g := range out {
		if len(g.Objects) > 0 {
			kept = append(kept, g)
		}
	}
	return kept
}

// addresses draws an object's addresses, one a line, in RFC 5952 form with
// their scope and where they come from.
func addresses(o wire.ReadinessObject) app.UI {
	var lines []app.UI
	if o.Kind != "engine" && o.Address != nil && o.Address.Address != "" && (len(o.Addresses) == 0 || o.Address.Address != o.Addresses[0].Address) {
		lines = append(lines, app.Div().Class("v6-ready-addr", "v6-ready-addr--configured").Body(
			app.Span().Class("v6-muted").Text("addressed as "), app.Code().Class("v6-addr__text").Text(o.Address.Address)))
	}
	for _, a := range o.Addresses {
		lines = append(lines, app.Div().Class("v6-ready-addr").DataSet("address", a.Address).Body(
			form.AddrText(a.Addr),
			app.Span().Class("v6-muted", "v6-ready-addr__source").Text(" "+sourceLabels[a.Source]),
		))
	}
	if len(lines) == 0 {
		return app.Span().Class("v6-muted").Text("—")
	}
	return app.Div().Body(lines...)
}

// findingCounts is the number of blockers and warnings per object.
type findingCounts map[string][2]int

func countFindings(fs []wire.ReadinessFinding) findingCounts {
	out := findingCounts{}
	for _, f := range fs {
		k := objectKey(f.ObjectKind, f.Object.ID)
		c := out[k]
		if f.Severity == "blocker" {
			c[0]++
		} else {
			c[1]++
		}
		out[k] = c
	}
	return out
}

// objectDetails is what an object's type adds: a network's roles, the
// host and NIC of an attachment, a host's OS.
func objectDetails(o wire.ReadinessObject) app.UI {
	var items []app.UI
	for _, r := range o.Roles {
		items = append(items, form.PfLabel("grey", roleLabels[r]).Class("v6-role").DataSet("role", r))
	}
	if o.Kind == "fence-agent" && o.Host != "" {
		items = append(items, app.Span().Class("v6-muted").Text("of host "+o.Host))
	}
	if o.OS != "" && o.Kind == "host" {
		items = append(items, app.Div().Class("v6-muted", "v6-ready-os").Text("OS: "+o.OS))
	}
	if len(items) == 0 {
		return app.Span().Class("v6-muted").Text("—")
	}
	return app.Div().Body(items...)
}

// objectsTable is one data center's objects.
func objectsTable(g dcGroup, counts findingCounts) app.UI {
	title := "Data center " + g.DataCenter
	id := "objects-dc-" + g.DataCenter
	if g.DataCenter == "" {
		title, id = "Outside the data centers", "objects-other"
	}
	rows := make([]app.UI, 0, len(g.Objects))
	for _, o := range g.Objects {
		c := counts[objectKey(o.Kind, o.ID)]
		var fcell []app.UI
		if c[0] > 0 {
			fcell = append(fcell, form.PfLabel("red", plural(c[0], "blocker")))
		}
		if c[1] > 0 {
			fcell = append(fcell, form.PfLabel("orange", plural(c[1], "warning")))
		}
		if len(fcell) == 0 {
			fcell = []app.UI{app.Span().Class("v6-muted").Text("—")}
		}
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").DataSet("kind", o.Kind).DataSet("object", o.ID).DataSet("family", o.Family).Body(
			form.Td("Name", app.Strong().Class("v6-ready-name").Text(o.Name), app.Div().Class("v6-muted", "v6-ready-kind").Text(kindLabel(o.Kind))),
			form.Td("Details", objectDetails(o)),
			form.Td("Family", FamilyLabel(o.Family)),
			form.Td("Addresses", addresses(o)),
			form.Td("Findings", fcell...).Class("v6-ready-counts"),
		))
	}
	return app.Section().Class("v6-ready-dc").ID(id).Aria("labelledby", id+"-title").Body(
		app.H3().Class("pf-v6-c-title", "pf-m-lg").ID(id+"-title").Text(title+" ("+plural(len(g.Objects), "object")+")"),
		app.Div().Class("v6-table-scroll").Body(
			app.Table().Class("pf-v6-c-table", "pf-m-grid-md", "pf-m-compact", "v6-ready-objects").Aria("label", title).Body(
				app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
					form.Th("Name"), form.Th("Details"), form.Th("Family"), form.Th("Addresses"), form.Th("Findings"),
				)),
				app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
			),
		),
	)
}

// plural is "1 blocker", "2 blockers".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
