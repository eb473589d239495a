package readiness

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/form"
	"v6admin/wire"
)

// diffLabels name the fields of an out-of-sync attachment's diff.
var diffLabels = map[string]string{"ipv6_boot_protocol": "IPv6 boot protocol", "ipv6_address": "IPv6 address",
	"ipv6_prefix": "IPv6 prefix", "ipv6_gateway": "IPv6 gateway"}

// diffValue shows one side of a diff: boot protocols by oVirt's names,
// the rest (RFC 5952 addresses, prefixes) as the report gives them.
func diffValue(field, v string) app.UI {
	if v == "" {
		return app.Span().Class("v6-muted").Text("(none)")
	}
	if field == "ipv6_boot_protocol" {
		return app.Span().Text(form.BootProtocolLabel(v))
	}
	return app.Code().Class("v6-addr__text").Text(v)
}

// diffTable is the per-field diff of an out-of-sync attachment.
func diffTable(id string, d []wire.ReadinessDiff) app.UI {
	rows := make([]app.UI, 0, len(d))
	for _, x := range d {
		label, ok := diffLabels[x.Field]
		if !ok {
			label = x.Field
		}
		rows = append(rows, app.Tr().Class("pf-v6-c-table__tr").DataSet("field", x.Field).Body(
			form.Td("Field", app.Text(label)),
			form.Td("Data center", diffValue(x.Field, x.Expected)).DataSet("side", "expected"),
			form.Td("Host reports", diffValue(x.Field, x.Actual)).DataSet("side", "actual"),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-compact", "pf-m-grid-md", "v6-ready-diff").ID(id).
		Aria("label", "Out-of-sync IPv6 settings, RFC 5952").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			form.Th("Field"), form.Th("Data center (expected)"), form.Th("Host reports"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}

// findingCard draws one finding: severity, what, the object, why, how, the
// diff and the fix. action is the fix (a link, the sync component, or a
// sentence).
func findingCard(i int, f wire.ReadinessFinding, obj *wire.ReadinessObject, action app.UI) app.UI {
	id := "finding-" + strconv.Itoa(i)
	sev := form.PfLabel("red", "Blocker")
	if f.Severity != "blocker" {
		sev = form.PfLabel("orange", "Warning")
	}
	object := kindLabel(f.ObjectKind) + " " + f.Object.Name
	var family app.UI
	if obj != nil {
		family = FamilyLabel(obj.Family)
	}
	item := func(term string, body ...app.UI) app.UI {
		return app.Div().Class("pf-v6-c-description-list__group").Body(
			app.Dt().Class("pf-v6-c-description-list__term").Body(app.Span().Class("pf-v6-c-description-list__text").Text(term)),
			app.Dd().Class("pf-v6-c-description-list__description").Body(app.Div().Class("pf-v6-c-description-list__text").Body(body...)),
		)
	}
	return app.Div().Class("pf-v6-c-card", "pf-m-compact", "v6-finding", "v6-finding--"+f.Severity).ID(id).Role("article").
		DataSet("check", f.Check).DataSet("severity", f.Severity).DataSet("object", f.Object.ID).DataSet("kind", f.ObjectKind).
		Aria("labelledby", id+"-what").Body(
		app.Div().Class("pf-v6-c-card__header").Body(
			app.Div().Class("pf-v6-c-card__header-main").Body(
				app.H4().Class("pf-v6-c-card__title-text", "v6-finding__what").ID(id+"-what").Body(sev, app.Text(" "+f.What)),
			),
		),
		app.Div().Class("pf-v6-c-card__body").Body(
			app.Dl().Class("pf-v6-c-description-list", "pf-m-horizontal", "pf-m-compact", "v6-finding__dl").Body(
				item("Object", app.Text(object+" "), family),
				item("Why", app.Text(f.Why)),
				item("How", app.Text(f.How)),
				item("Check", app.Code().Class("v6-finding__check").Text(f.Check)),
			),
			app.If(len(f.Diff) > 0, func() app.UI { return diffTable(id+"-diff", f.Diff) }),
		),
		app.Div().Class("pf-v6-c-card__footer", "v6-finding__fix").Body(action),
	)
}

// fixUI is the fix of a finding as the card shows it: a link that opens
// the dialog, or a sentence; the sync component is the page's.
func fixUI(a FixAction, what string) app.UI {
	if a.Href != "" {
		return app.A().Class("pf-v6-c-button", "pf-m-secondary", "pf-m-small", "v6-fix-link").Href(a.Href).
			Aria("label", a.Label+": "+what).Body(
			app.Span().Class("pf-v6-c-button__text").Text(a.Label+" "),
			app.Span().Class("pf-v6-c-button__icon", "pf-m-end").Body(form.Icon("arrow-right")),
		)
	}
	return app.P().Class("v6-muted", "v6-fix-text").Body(form.Icon("info-circle"), app.Text(" "+a.Text))
}
