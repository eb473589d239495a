package form

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

// IPSection is one address family of an interface's IP configuration as
// Edit Network (a network on a host interface) and cloud-init (a VM's
// in-guest NIC, in Run Once and Edit VM) show it: the boot protocol radios
// and, for Static, the address (typed or pasted with "/len", which then
// fills the length field), the netmask or prefix length and the gateway,
// each judged as you type by package validation's rules, the ones the
// requests' Validate and the BFF apply. The gateway is judged against the
// interface the address and length make (validation.StaticInterface), with
// its warning and a suggested gateway.
//
// A section is kept by its dialog at a stable address (a field of the
// dialog, or behind a pointer): Init binds the fields' rules to it.
type IPSection struct {
	// ID prefixes the element ids: "net-ipv6" gives net-ipv6-address,
	// net-ipv6-prefix (net-ipv4-netmask for IPv4), net-ipv6-gateway,
	// net-ipv6-proto-<protocol> and net-ipv6-proto-label.
	ID     string
	V6     bool
	Protos []string
	// ProtoLabel is the radio group's label ("Boot Protocol").
	ProtoLabel string
	// Proto is the boot protocol picked ("none", "dhcp", "static", …).
	Proto string
	// CheckProto judges the boot protocol picked (nil: any of Protos);
	// its refusal shows under the radios, as a field's would.
	CheckProto func(string) error
	// ProtoServerErr is the BFF's message about the boot protocol.
	ProtoServerErr string
	// InlineProtos lays the radios out in a row (PatternFly's inline
	// group), for a narrow column.
	InlineProtos bool

	Address, Mask, Gateway Field
}

// Init sets the section up with no configuration (boot protocol None):
// its id prefix, family and boot protocols in the order shown.
func (s *IPSection) Init(id string, v6 bool, protos []string) {
	s.ID, s.V6, s.Protos, s.Proto = id, v6, protos, "none"
	if s.ProtoLabel == "" {
		s.ProtoLabel = "Boot Protocol"
	}
	check := func(v string) error {
		_, err := validation.StaticAddress(strings.TrimSpace(v), v6)
		return err
	}
	if v6 {
		s.Address = Field{ID: id + "-address", Label: "IP", Required: true, Mono: true, Check: check,
			Placeholder: "2001:db8::10 or 2001:db8::10/64", Help: "An address typed or pasted with its prefix (2001:db8::10/64) fills both fields."}
		s.Mask = Field{ID: id + "-prefix", Label: "Routing Prefix Length", Required: true, Type: "number", Check: validation.IPv6Prefix, Placeholder: "64"}
	} else {
		s.Address = Field{ID: id + "-address", Label: "IP", Required: true, Mono: true, Check: check,
			Placeholder: "192.0.2.10 or 192.0.2.10/24"}
		s.Mask = Field{ID: id + "-netmask", Label: "Netmask / Routing Prefix", Required: true, Mono: true, Check: validation.IPv4Netmask,
			Placeholder: "255.255.255.0 or 24"}
	}
	// The address as the engine will report it (RFC 5952) and its scope.
	s.Address.Preview = func(v string) app.UI { return StaticAddressPreview(s.Address.ID, v, s.Mask.Label) }
	s.Address.OnWhole = s.SplitPasted
	s.Gateway = Field{ID: id + "-gateway", Label: "Gateway", Mono: true}
	s.Gateway.Check = func(v string) error {
		_, err := validation.CheckGateway(strings.TrimSpace(v), s.Iface())
		return err
	}
	s.Gateway.Preview = s.gatewayPreview
}

// Set fills the section: a boot protocol and, for Static, the address,
// netmask or prefix and gateway (prefix 64 proposed for IPv6 without one).
func (s *IPSection) Set(proto, addr, mask, gw string) {
	if proto == "" {
		proto = "none"
	}
	s.Proto = proto
	s.Address.SetValue(addr)
	s.Mask.SetValue(mask)
	if s.V6 && proto == "static" && mask == "" {
		s.Mask.SetValue("64")
	}
	s.Gateway.SetValue(gw)
}

// SetProto switches the boot protocol: one other than Static clears the
// fields, Static proposes prefix 64 for IPv6.
func (s *IPSection) SetProto(p string) {
	s.Proto, s.ProtoServerErr = p, ""
	if p != "static" {
		s.Address.Reset()
		s.Mask.Reset()
		s.Gateway.Reset()
		return
	}
	if s.V6 && s.Mask.Trimmed() == "" {
		s.Mask.SetValue("64")
	}
}

// Iface is the interface's address and prefix typed so far (zero if not).
func (s *IPSection) Iface() netip.Prefix {
	return validation.StaticInterface(s.Address.Trimmed(), s.Mask.Trimmed(), s.V6)
}

// SplitPasted moves the prefix of a whole "addr/len" address into the
// length field: the address field's OnWhole (a paste, an autofill, leaving
// the field) and OK call it, never a keystroke, so a value being typed is
// never cut ("2001:db8::23/6" on the way to /64). An invalid value stays
// as it is, with its message.
func (s *IPSection) SplitPasted() {
	v := s.Address.Trimmed()
	if !strings.Contains(v, "/") {
		return
	}
	ap, err := validation.StaticAddress(v, s.V6)
	if err != nil || ap.Bits < 0 {
		return
	}
	s.Address.SetValue(strings.TrimSpace(v[:strings.Index(v, "/")]))
	s.Mask.SetValue(strconv.Itoa(ap.Bits))
}

// DisableUnlessStatic disables the address, length and gateway unless the
// boot protocol is Static, saying why.
func (s *IPSection) DisableUnlessStatic() {
	why := "Only the Static boot protocol takes an address; " + BootProtocolLabel(s.Proto) + " does not."
	for _, f := range s.Fields() {
		f.Disable(s.Proto != "static", why)
	}
}

// Fields are the section's text fields, in form order.
func (s *IPSection) Fields() []*Field { return []*Field{&s.Address, &s.Mask, &s.Gateway} }

// ProtoErr is CheckProto's verdict on the boot protocol picked (nil: it
// is fine), as package validation gives it.
func (s *IPSection) ProtoErr() error {
	if s.CheckProto == nil {
		return nil
	}
	return s.CheckProto(s.Proto)
}

// ProtoProblem is what is wrong with the boot protocol (nil: nothing): the
// BFF's message, else CheckProto's.
func (s *IPSection) ProtoProblem() *Problem {
	if s.ProtoServerErr != "" {
		return &Problem{Message: s.ProtoServerErr}
	}
	return ProblemOf(s.ProtoErr())
}

// Validate judges the boot protocol and every enabled field, showing the
// verdicts (OK pressed); a whole "addr/len" is split first.
func (s *IPSection) Validate() bool {
	s.SplitPasted()
	ok := s.ProtoProblem() == nil
	for _, f := range s.Fields() {
		if !f.Validate() {
			ok = false
		}
	}
	return ok
}

// Invalid reports whether an error shows in the section.
func (s *IPSection) Invalid() bool {
	if s.ProtoProblem() != nil {
		return true
	}
	for _, f := range s.Fields() {
		if f.Invalid() {
			return true
		}
	}
	return false
}

// ProtoGroup draws the boot protocol radios (disabled: none can be
// picked) and, under them, what is wrong with the one picked.
func (s *IPSection) ProtoGroup(disabled bool) app.UI {
	items := make([]app.UI, 0, len(s.Protos)+1)
	for _, p := range s.Protos {
		p := p
		items = append(items, Radio(s.ID+"-proto-"+p, s.ID+"-proto", BootProtocolLabel(p), s.Proto == p, disabled,
			func(ctx app.Context) { s.SetProto(p) }))
	}
	var errMsg, hint string
	if pr := s.ProtoProblem(); pr != nil {
		errMsg, hint = pr.Message, pr.Hint
	}
	helper := []app.UI{}
	if errMsg != "" {
		helper = append(helper, HelperItem("error", s.ID+"-proto-error", errMsg))
		if hint != "" {
			helper = append(helper, HelperItem("indeterminate", s.ID+"-proto-hint", hint))
		}
	}
	items = append(items, app.Div().Class("pf-v6-c-form__helper-text").ID(s.ID+"-proto-help").Aria("live", "polite").Body(
		app.Div().Class("pf-v6-c-helper-text").Body(helper...)))
	group := app.Div().Class("pf-v6-c-form__group").Role("radiogroup").Aria("labelledby", s.ID+"-proto-label").
		Aria("describedby", s.ID+"-proto-help")
	if errMsg != "" {
		group = group.Aria("invalid", "true")
	}
	return group.Body(
		app.Div().Class("pf-v6-c-form__group-label").Body(
			app.Span().Class("pf-v6-c-form__label").ID(s.ID+"-proto-label").Body(app.Span().Class("pf-v6-c-form__label-text").Text(s.ProtoLabel))),
		app.Div().Class("pf-v6-c-form__group-control").Class(inlineClass(s.InlineProtos)).Body(items...),
	)
}

// inlineClass is PatternFly's inline modifier of a group control, or "".
func inlineClass(on bool) string {
	if on {
		return "pf-m-inline"
	}
	return ""
}

// Body draws the address, length and gateway fields with the suggested
// gateway.
func (s *IPSection) Body() app.UI {
	return app.Div().Class("pf-v6-c-form").Body(s.Address.Render(), s.Mask.Render(), s.Gateway.Render(), s.suggestion())
}

// gatewayPreview confirms a valid gateway (its RFC 5952 form and scope)
// and shows its warning (outside the subnet).
func (s *IPSection) gatewayPreview(v string) app.UI {
	w, err := validation.CheckGateway(strings.TrimSpace(v), s.Iface())
	if err != nil {
		return nil
	}
	a, _ := validation.ParseAddr(strings.TrimSpace(v))
	warning := ""
	if w != nil {
		warning = w.Message + " " + w.Hint
	}
	return AddressPreview(s.Gateway.ID, AddressVerdict(a, "gateway"), warning)
}

// suggestion offers the first usable address of the subnet as gateway.
func (s *IPSection) suggestion() app.UI {
	gw := &s.Gateway
	if gw.Disabled || gw.Trimmed() != "" {
		return nil
	}
	p := s.Iface()
	if !p.IsValid() {
		return nil
	}
	g, ok := validation.SuggestGateway(p)
	if !ok {
		return nil
	}
	return app.Div().Class("v6-suggest").Body(
		app.Span().Class("v6-muted").Text("Suggested gateway: "),
		app.Code().Text(g.String()),
		Button("link", "Use "+g.String()).ID(s.ID+"-gateway-suggest").Class("pf-m-inline").OnClick(func(ctx app.Context, e app.Event) { gw.SetValue(g.String()) }),
	)
}
