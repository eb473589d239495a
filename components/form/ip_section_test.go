package form

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

func TestIPSection(t *testing.T) {
	var s IPSection
	s.Init("x-ipv6", true, []string{"none", "dhcp", "static"})
	if s.Proto != "none" || s.Mask.ID != "x-ipv6-prefix" || s.Address.ID != "x-ipv6-address" {
		t.Fatalf("init: %+v", s)
	}
	s.SetProto("static")
	if s.Mask.Value() != "64" {
		t.Errorf("static IPv6 proposes no /64: %q", s.Mask.Value())
	}
	s.Address.SetValue("2001:db8:100::5/56")
	if !s.Validate() || s.Address.Value() != "2001:db8:100::5" || s.Mask.Value() != "56" {
		t.Errorf("OK did not split addr/len: %q %q", s.Address.Value(), s.Mask.Value())
	}
	s.Gateway.SetValue("2001:db8:100::5") // its own address
	if s.Gateway.Valid() {
		t.Error("the interface's own address taken as gateway")
	}
	s.SetProto("dhcp")
	if s.Address.Value() != "" || s.Gateway.Value() != "" {
		t.Error("DHCP kept the static fields")
	}
	s.DisableUnlessStatic()
	if !s.Address.Disabled || !strings.Contains(s.Address.DisabledReason, "DHCP does not") {
		t.Errorf("disabled %v: %q", s.Address.Disabled, s.Address.DisabledReason)
	}
	s.CheckProto = func(p string) error {
		if p == "dhcp" {
			return &validation.Error{Code: validation.CodeNotSupported, Message: "no DHCP here", Hint: "pick another"}
		}
		return nil
	}
	if !s.Invalid() || s.Validate() || s.ProtoErr() == nil {
		t.Errorf("a refused boot protocol passes: invalid %v, err %v", s.Invalid(), s.ProtoErr())
	}
	html := app.HTMLString(s.ProtoGroup(false))
	for _, w := range []string{`id="x-ipv6-proto-error"`, "no DHCP here", "pick another"} {
		if !strings.Contains(html, w) {
			t.Errorf("radios lack %q: %s", w, html)
		}
	}
	// aria-invalid="true" (go-app writes a true attribute bare).
	if !regexp.MustCompile(`aria-invalid(="true")?[ >]`).MatchString(html) {
		t.Errorf("radios not aria-invalid: %s", html)
	}
	s.SetProto("none")
	s.ProtoServerErr = "the BFF says no"
	if p := s.ProtoProblem(); p == nil || p.Message != "the BFF says no" {
		t.Errorf("server error: %+v", p)
	}
}

func TestFieldEmptyErr(t *testing.T) {
	f := Field{ID: "a", Required: true, EmptyErr: &validation.Error{Code: validation.CodeEmpty, Message: "engine words"}}
	if p := ProblemOf(f.Err()); p == nil || p.Message != "engine words" {
		t.Errorf("empty: %+v", p)
	}
	f.Required = false
	if f.Err() != nil {
		t.Error("an optional empty field refused")
	}
}
