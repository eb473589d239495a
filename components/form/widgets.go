package form

import (
	"html"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

// Small PatternFly 6 building blocks shared by every page and dialog. They
// are functions returning markup, not components: they hold no state.

// Icon is a Font Awesome solid icon (the font ships with PatternFly),
// hidden from screen readers.
func Icon(name string) app.HTMLI {
	return app.I().Class("fas", "fa-"+name).Aria("hidden", "true")
}

// Button is a PatternFly button of a variant (primary, secondary, link,
// plain, danger, tertiary, control) with a text.
func Button(variant, text string) app.HTMLButton {
	return app.Button().Type("button").Class("pf-v6-c-button", "pf-m-"+variant).Body(
		app.Span().Class("pf-v6-c-button__text").Text(text),
	)
}

// IconButton is a plain button showing only an icon; label names it for
// screen readers (and as a tooltip).
func IconButton(iconName, label string) app.HTMLButton {
	return app.Button().Type("button").Class("pf-v6-c-button", "pf-m-plain").
		Aria("label", label).Title(label).Body(
		app.Span().Class("pf-v6-c-button__icon").Body(Icon(iconName)),
	)
}

// PfLabel is a compact PatternFly label of a color.
func PfLabel(color, text string) app.HTMLSpan {
	return app.Span().Class("pf-v6-c-label", "pf-m-compact", "pf-m-"+color).Body(
		app.Span().Class("pf-v6-c-label__content").Body(
			app.Span().Class("pf-v6-c-label__text").Text(text),
		),
	)
}

// ScopeBadge shows an address scope as a label: "global", "link-local",
// "documentation", ... Its text form is also a class (scope-<text>) for
// tests and styles.
func ScopeBadge(s validation.Scope) app.UI {
	if s == validation.ScopeUnknown {
		return app.Text("")
	}
	return PfLabel(ScopeColor(s), s.String()).Class("v6-scope", "scope-"+s.Text()).Title("Address scope: " + s.String())
}

// AddrText shows an address in RFC 5952 form (monospace) with its scope
// badge; names (kind "name") show without a badge.
func AddrText(a wire.Addr) app.UI {
	if a.Address == "" {
		return app.Span().Class("v6-muted").Text("—")
	}
	return app.Span().Class("v6-addr").Body(
		app.Code().Class("v6-addr__text").Text(a.Address),
		app.If(a.Kind != validation.HostName && a.Scope != validation.ScopeUnknown, func() app.UI { return ScopeBadge(a.Scope) }),
	)
}

// CopyButton copies text to the clipboard (navigator.clipboard).
func CopyButton(text string) app.UI {
	return IconButton("copy", "Copy "+text).Class("v6-copy").DataSet("copy", text).
		OnClick(func(ctx app.Context, e app.Event) {
			copyToClipboard(ctx, text)
		}, app.EventScope("copy", text))
}

// copyToClipboard writes text to the clipboard and says so in a toast.
func copyToClipboard(ctx app.Context, text string) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		Notify(ctx, Toast{Variant: "warning", Title: "The browser does not allow copying here.", Body: text})
		return
	}
	clip.Call("writeText", text)
	Notify(ctx, Toast{Variant: "success", Title: "Copied " + text + " to the clipboard.", Quick: true})
}

// Spinner is a small PatternFly spinner (an SVG, hence raw markup) with an
// accessible name.
func Spinner(label string) app.UI {
	return app.Raw(`<svg class="pf-v6-c-spinner pf-m-sm" role="progressbar" viewBox="0 0 100 100" aria-label="` +
		html.EscapeString(label) + `"><circle class="pf-v6-c-spinner__path" cx="50" cy="50" r="45" fill="none"></circle></svg>`)
}

// Alert is an inline PatternFly alert (variant: danger, warning, success,
// info).
func Alert(variant, title string, body ...app.UI) app.HTMLDiv {
	return alertWithAction(variant, title, nil, body...).Class("pf-m-inline")
}

// alertWithAction is a PatternFly alert with an action (a close button)
// next to its title.
func alertWithAction(variant, title string, action app.UI, body ...app.UI) app.HTMLDiv {
	icons := map[string]string{"danger": "exclamation-circle", "warning": "exclamation-triangle", "success": "check-circle", "info": "info-circle"}
	words := map[string]string{"danger": "Danger alert:", "warning": "Warning alert:", "success": "Success alert:", "info": "Info alert:"}
	return app.Div().Class("pf-v6-c-alert", "pf-m-"+variant).Body(
		app.Div().Class("pf-v6-c-alert__icon").Body(Icon(icons[variant])),
		app.P().Class("pf-v6-c-alert__title").Body(
			app.Span().Class("pf-v6-screen-reader").Text(words[variant]+" "),
			app.Text(title),
		),
		app.If(action != nil, func() app.UI {
			return app.Div().Class("pf-v6-c-alert__action").Body(action)
		}),
		app.If(len(body) > 0, func() app.UI {
			return app.Div().Class("pf-v6-c-alert__description").Body(body...)
		}),
	)
}

// EmptyState is a PatternFly empty state.
func EmptyState(iconName, title, body string, actions ...app.UI) app.UI {
	return app.Div().Class("pf-v6-c-empty-state").Body(
		app.Div().Class("pf-v6-c-empty-state__content").Body(
			app.Div().Class("pf-v6-c-empty-state__header").Body(
				app.Div().Class("pf-v6-c-empty-state__icon").Body(Icon(iconName)),
				app.Div().Class("pf-v6-c-empty-state__title").Body(
					app.H2().Class("pf-v6-c-empty-state__title-text").Text(title),
				),
			),
			app.If(body != "", func() app.UI { return app.Div().Class("pf-v6-c-empty-state__body").Text(body) }),
			app.If(len(actions) > 0, func() app.UI {
				return app.Div().Class("pf-v6-c-empty-state__footer").Body(
					app.Div().Class("pf-v6-c-empty-state__actions").Body(actions...),
				)
			}),
		),
	)
}

// PageSection is a PatternFly page section.
func PageSection(body ...app.UI) app.UI {
	return app.Section().Class("pf-v6-c-page__main-section").Body(
		app.Div().Class("pf-v6-c-page__main-body").Body(body...),
	)
}

// PageTitle is the h1 of a page.
func PageTitle(text string) app.UI {
	return app.H1().Class("pf-v6-c-title", "pf-m-2xl").Text(text)
}

// SearchInput is the input of a toolbar search box (searchBox); the
// caller adds its handler.
func SearchInput(id, label, placeholder, value string) app.HTMLInput {
	return app.Input().Class("pf-v6-c-text-input-group__text-input").Type("search").ID(id).
		Aria("label", label).Placeholder(placeholder).Value(value)
}

// SearchBox is a toolbar item holding a PatternFly search input group.
func SearchBox(in app.UI) app.UI {
	return app.Div().Class("pf-v6-c-toolbar__item", "v6-filter").Body(
		app.Div().Class("pf-v6-c-text-input-group").Body(
			app.Div().Class("pf-v6-c-text-input-group__main", "pf-m-icon").Body(
				app.Span().Class("pf-v6-c-text-input-group__text").Body(
					app.Span().Class("pf-v6-c-text-input-group__icon").Body(Icon("search")),
					in,
				),
			),
		),
	)
}

// Th is a column header.
func Th(text string) app.UI {
	return app.Th().Class("pf-v6-c-table__th").Scope("col").Text(text)
}

// Td is a cell with its data-label (for the stacked layout on narrow
// screens).
func Td(label string, body ...app.UI) app.HTMLTd {
	return app.Td().Class("pf-v6-c-table__td").DataSet("label", label).Body(body...)
}
