package components

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

// HostAddressField is the "Hostname/IP" input of the New Host dialog: as the
// administrator types, it shows HostAddress's verdict, the RFC 5952 form of
// an address and its scope.
type HostAddressField struct {
	app.Compo

	// ID is the input's element id; the help text is ID+"-help".
	ID string

	value   string
	verdict hostVerdict
}

// hostVerdict is what the field says about its value.
type hostVerdict struct {
	Valid     bool
	Kind      string // "host name", "IPv4 address", "IPv6 address"
	Message   string // the error message, or the kind when valid
	Hint      string
	Canonical string // RFC 5952 form of an address
	Scope     validation.Scope
}

// describeHostAddress returns the field's verdict on s; the empty string gets
// the zero verdict (nothing said yet).
func describeHostAddress(s string) hostVerdict {
	if s == "" {
		return hostVerdict{}
	}
	kind, addr, err := validation.ParseHostAddress(s)
	if err != nil {
		v := hostVerdict{Message: err.Error()}
		if e, ok := err.(*validation.Error); ok {
			v.Message, v.Hint = e.Message, e.Hint
		}
		return v
	}
	switch kind {
	case validation.HostIPv4:
		return hostVerdict{Valid: true, Kind: "IPv4 address", Message: "Valid IPv4 address", Canonical: addr.String(), Scope: validation.ScopeOfAddr(addr)}
	case validation.HostIPv6:
		return hostVerdict{Valid: true, Kind: "IPv6 address", Message: "Valid IPv6 address", Canonical: addr.String(), Scope: validation.ScopeOfAddr(addr)}
	}
	return hostVerdict{Valid: true, Kind: "host name", Message: "Valid host name"}
}

// Value returns the current text.
func (f *HostAddressField) Value() string { return f.value }

// SetValue sets the text and re-validates it.
func (f *HostAddressField) SetValue(s string) {
	f.value = s
	f.verdict = describeHostAddress(s)
}

func (f *HostAddressField) onInput(ctx app.Context, e app.Event) {
	f.SetValue(ctx.JSSrc().Get("value").String())
}

func (f *HostAddressField) id() string {
	if f.ID == "" {
		return "host-address"
	}
	return f.ID
}

// Render draws the label, the input and the live help text.
func (f *HostAddressField) Render() app.UI {
	id, v := f.id(), f.verdict
	state := ""
	switch {
	case f.value == "":
	case v.Valid:
		state = "valid"
	default:
		state = "invalid"
	}
	return app.Div().Class("field", "field-"+state).Body(
		app.Label().For(id).Text("Hostname/IP"),
		app.Input().
			ID(id).
			Type("text").
			Value(f.value).
			AutoComplete(false).
			Spellcheck(false).
			Placeholder("host.example.com, 192.0.2.10 or 2001:db8::10").
			Aria("describedby", id+"-help").
			Aria("invalid", strconv.FormatBool(state == "invalid")).
			OnInput(f.onInput),
		app.Div().ID(id+"-help").Class("help").Role("status").Aria("live", "polite").Body(
			app.If(state == "invalid", func() app.UI {
				return app.Div().Body(
					app.P().ID(id+"-error").Class("error").Text(v.Message),
					app.If(v.Hint != "", func() app.UI { return app.P().ID(id + "-hint").Class("hint").Text(v.Hint) }),
				)
			}).ElseIf(state == "valid", func() app.UI {
				return app.Div().Body(
					app.P().ID(id+"-verdict").Class("ok").Text(v.Message),
					app.If(v.Canonical != "", func() app.UI {
						return app.P().Body(
							app.Text("RFC 5952 form: "),
							app.Code().ID(id+"-canonical").Text(v.Canonical),
							app.Text(" "),
							app.Span().ID(id+"-scope").Class("badge", "scope-"+v.Scope.Slug()).Text(v.Scope.String()),
						)
					}),
				)
			}),
		),
	)
}
