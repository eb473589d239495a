package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

// hostVerdict is what an address field says about its value.
type hostVerdict struct {
	Valid     bool
	Kind      string // "host name", "IPv4 address", "IPv6 address"
	Message   string // the error message, or the verdict when valid
	Hint      string
	Canonical string // RFC 5952 form of an address
	Scope     validation.Scope
}

// describeHostAddress returns the verdict on s (HostAddressValidation: a
// host name, an IPv4 address, or an IPv6 address bare or in brackets); the
// empty string gets the zero verdict (nothing said yet).
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

// newHostAddressField returns an address field: a host name, IPv4 or IPv6
// (bare or in brackets), judged by validation.HostAddress as the BFF does,
// showing as you type the RFC 5952 form the server will store and the
// address's scope. The New Host dialog's "Hostname/IP" and the fence
// agent's "Address" are such fields.
func newHostAddressField(id, label, placeholder string) Field {
	return Field{
		ID:          id,
		Label:       label,
		Required:    true,
		Placeholder: placeholder,
		Mono:        true,
		Check:       validation.HostAddress,
		Preview:     func(s string) app.UI { return hostAddressPreview(id, s) },
	}
}

// hostAddressPreview says what a valid address is: its kind, its RFC 5952
// form and its scope (ids: <id>-verdict, <id>-canonical, <id>-scope).
func hostAddressPreview(id, s string) app.UI {
	v := describeHostAddress(s)
	if !v.Valid {
		return nil
	}
	return app.Div().Class("pf-v6-c-helper-text__item", "pf-m-success", "v6-verdict").Body(
		app.Span().Class("pf-v6-c-helper-text__item-icon").Body(icon("check-circle")),
		app.Span().Class("pf-v6-c-helper-text__item-text").Body(
			app.Span().ID(id+"-verdict").Text(v.Message),
			app.If(v.Canonical != "", func() app.UI {
				return app.Span().Class("v6-canonical").Body(
					app.Span().Text("— RFC 5952 form:"),
					app.Code().ID(id+"-canonical").Text(v.Canonical),
					pfLabel(scopeColor(v.Scope), v.Scope.String()).ID(id+"-scope").Class("v6-scope", "scope-"+v.Scope.Slug()),
				)
			}),
		),
	)
}
