package form

import (
	"net/netip"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

// hostVerdict is what an address field says about its value.
type hostVerdict struct {
	Valid     bool
	Kind      string // "host name", "IPv4 address", "IPv6 address"
	Message   string // the error message, or the verdict when valid
	Hint      string
	Canonical string // the canonical form of an address (RFC 5952 for IPv6)
	Scope     validation.Scope
	Warning   string // a valid value that is probably not meant (loopback)
}

// DescribeHostAddress returns the verdict on s (HostAddressValidation: a
// host name, an IPv4 address, or an IPv6 address bare or in brackets); the
// empty string gets the zero verdict (nothing said yet). An IPv4-mapped
// address is the IPv4 address it maps.
func DescribeHostAddress(s string) hostVerdict {
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
	if kind == validation.HostName {
		v := hostVerdict{Valid: true, Kind: "host name", Message: "Valid host name"}
		if n := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), ".")); n == "localhost" || strings.HasSuffix(n, ".localhost") || n == "localhost.localdomain" {
			v.Warning = msgLoopbackName
		}
		return v
	}
	v := AddressVerdict(addr, "")
	if v.Scope == validation.ScopeLoopback {
		v.Warning = v.Canonical + msgLoopback
	}
	if kind == validation.HostIPv4 && strings.Contains(s, ":") {
		v.Message = "Valid IPv4 address, written IPv4-mapped"
	}
	return v
}

// The loopback warnings of the fields that name another machine (host,
// fence agent, iSCSI portal, NFS server, provider).
const (
	msgLoopback     = " is the loopback address: the engine would connect to itself, not to another machine."
	msgLoopbackName = "localhost is the loopback name: the engine would connect to itself, not to another machine."
)

// AddressVerdict is the verdict on a valid address; what ("gateway", "DNS
// server", "" for an address) names it in the message.
func AddressVerdict(a netip.Addr, what string) hostVerdict {
	if !a.IsValid() {
		return hostVerdict{}
	}
	v := hostVerdict{Valid: true, Kind: "IPv6 address", Canonical: a.String(), Scope: validation.ScopeOfAddr(a)}
	if a.Is4() {
		v.Kind = "IPv4 address"
	}
	v.Message = "Valid " + v.Kind
	if what != "" {
		v.Message = "Valid " + v.Kind[:4] + " " + what
	}
	return v
}

// NewHostAddressField returns an address field: a host name, IPv4 or IPv6
// (bare or in brackets), judged by validation.HostAddress as the BFF does,
// showing as you type the form the server will store (RFC 5952 for IPv6)
// and the address's scope, with a warning on loopback. The New Host
// dialog's "Hostname/IP" and the fence agent's "Address" are such fields;
// check replaces the rule where the engine's field is stricter (iSCSI
// portal, provider host name: validation.PortalAddress, URLHostAddress).
func NewHostAddressField(id, label, placeholder string, check ...func(string) error) Field {
	rule := validation.HostAddress
	if len(check) > 0 {
		rule = check[0]
	}
	return Field{
		ID:          id,
		Label:       label,
		Required:    true,
		Placeholder: placeholder,
		Mono:        true,
		Check:       rule,
		Preview:     func(s string) app.UI { return hostAddressPreview(id, s) },
	}
}

// hostAddressPreview says what a valid address is: its kind, its canonical
// form and its scope (ids: <id>-verdict, <id>-canonical, <id>-scope), and
// warns on loopback (<id>-warning).
func hostAddressPreview(id, s string) app.UI {
	v := DescribeHostAddress(s)
	if !v.Valid {
		return nil
	}
	return AddressPreview(id, v, v.Warning)
}

// StaticAddressPreview is hostAddressPreview for Edit Network's IP, which
// also takes "addr/len": it judges the address and says where the prefix
// goes (<id>-prefix-note).
func StaticAddressPreview(id, s, prefixLabel string) app.UI {
	addr, bits, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return hostAddressPreview(id, s)
	}
	a, err := validation.ParseAddr(addr)
	if err != nil {
		return nil
	}
	return app.Div().Body(
		AddressPreview(id, AddressVerdict(a, ""), ""),
		HelperItem("indeterminate", id+"-prefix-note", "/"+bits+" goes into "+prefixLabel+" when you leave the field."),
	)
}

// AddressPreview draws a verdict: the check, the message, the canonical
// form and the scope, then the warning, if any.
func AddressPreview(id string, v hostVerdict, warning string) app.UI {
	if !v.Valid {
		return nil
	}
	form := "— RFC 5952 form:"
	if v.Kind == "IPv4 address" {
		form = "— dotted-decimal form:"
	}
	return app.Div().Body(
		app.Div().Class("pf-v6-c-helper-text__item", "pf-m-success", "v6-verdict").Body(
			app.Span().Class("pf-v6-c-helper-text__item-icon").Body(Icon("check-circle")),
			app.Span().Class("pf-v6-c-helper-text__item-text").Body(
				app.Span().ID(id+"-verdict").Text(v.Message),
				app.If(v.Canonical != "", func() app.UI {
					return app.Span().Class("v6-canonical").Body(
						app.Span().Text(form),
						app.Code().ID(id+"-canonical").Text(v.Canonical),
						PfLabel(ScopeColor(v.Scope), v.Scope.String()).ID(id+"-scope").Class("v6-scope", "scope-"+v.Scope.Text()),
					)
				}),
			),
		),
		app.If(warning != "", func() app.UI { return HelperItem("warning", id+"-warning", warning) }),
	)
}
