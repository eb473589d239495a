package form

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

func TestFieldRules(t *testing.T) {
	tests := []struct {
		name     string
		field    Field
		value    string
		valid    bool
		message  string
		disabled bool
	}{
		{"required and empty", Field{ID: "f", Required: true}, "", false, validation.MsgEmpty, false},
		{"required and blank", Field{ID: "f", Required: true}, "   ", false, validation.MsgEmpty, false},
		{"optional and empty", Field{ID: "f", Check: validation.PortRange.CheckText}, "", true, "", false},
		{"port out of range", Field{ID: "f", Check: validation.PortRange.CheckText}, "70000", false, "This field must contain an integer number between 1 and 65535.", false},
		{"port", Field{ID: "f", Check: validation.PortRange.CheckText}, "22", true, "", false},
		{"host address", NewHostAddressField("f", "Hostname/IP", ""), "[2001:db8::1", false, validation.MsgHost, false},
		{"disabled fields are skipped", Field{ID: "f", Required: true}, "", true, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.field
			f.Disabled = tt.disabled
			f.SetValue(tt.value)
			if f.Invalid() {
				t.Fatal("an error shows before blur, debounce or OK")
			}
			if got := f.Validate(); got != tt.valid {
				t.Fatalf("Validate() = %v, want %v", got, tt.valid)
			}
			if tt.valid {
				if f.Invalid() {
					t.Fatal("a valid field shows an error")
				}
				return
			}
			if !f.Invalid() || f.problem.Message != tt.message {
				t.Fatalf("problem %+v, want %q", f.problem, tt.message)
			}
			html := app.HTMLString(f.Render())
			uitest.CheckHTML(t, tt.name, html, []string{`id="f-error"`, stdhtml.EscapeString(tt.message), "re:aria-invalid[ >]", `aria-describedby="f-help"`}, []string{`aria-invalid="false"`})
		})
	}
}

func TestFieldFixingClearsTheErrorAtOnce(t *testing.T) {
	f := NewHostAddressField("addr", "Address", "")
	f.SetValue("2001:db8::1/64")
	f.Validate()
	if !f.Invalid() || f.problem.Hint == "" {
		t.Fatalf("want the prefix refused with a hint, got %+v", f.problem)
	}
	f.SetValue("2001:db8::1")
	if f.Invalid() {
		t.Fatal("a fixed value still shows the error")
	}
	html := app.HTMLString(f.Render())
	uitest.CheckHTML(t, "fixed", html, []string{`id="addr-canonical"`, ">2001:db8::1<", "scope-documentation", `aria-invalid="false"`}, []string{"addr-error"})
}

func TestFieldBlurShowsTheVerdict(t *testing.T) {
	f := Field{ID: "n", Required: true, Check: validation.ObjectName}
	f.blur()
	if f.Invalid() {
		t.Fatal("tabbing through an empty field shows an error")
	}
	f.value = "my host"
	f.blur()
	if !f.Invalid() || f.problem.Hint != "Spaces are not allowed: use - or _." {
		t.Fatalf("blur did not show the error: %+v", f.problem)
	}
}

func TestFieldServerError(t *testing.T) {
	f := Field{ID: "name", Label: "Name"}
	f.SetValue("host0")
	f.SetServerError("The Host name is already in use.")
	if f.Validate() || !f.Invalid() {
		t.Fatal("a server error must keep the field invalid until the value changes")
	}
	html := app.HTMLString(f.Render())
	uitest.CheckHTML(t, "server", html, []string{`id="name-error"`, "The Host name is already in use."}, nil)
	f.SetValue("host9")
	if f.Invalid() {
		t.Fatal("typing must clear the server error")
	}
}

func TestFieldLabelIsBound(t *testing.T) {
	f := Field{ID: "host-ssh-port", Label: "SSH Port", Required: true, Type: "number", Help: "The host's sshd port."}
	html := app.HTMLString(f.Render())
	uitest.CheckHTML(t, "label", html, []string{
		`re:<label[^>]*for="host-ssh-port"`, ">SSH Port<", `inputmode="numeric"`,
		`id="host-ssh-port-desc"`, "re:<input[^>]* required",
	}, []string{`type="number"`})
}

func TestSelectControlGroups(t *testing.T) {
	html := app.HTMLString(SelectControl("c", "b", []Option{
		{Value: "a", Label: "Default", Group: "Data Center: DC1"},
		{Value: "b", Label: "Other", Group: "Data Center: DC1"},
		{Value: "c", Label: "Edge", Group: "Data Center: DC2"},
	}, false, false, func(app.Context, string) {}))
	if strings.Count(html, "<optgroup") != 2 || !strings.Contains(html, `label="Data Center: DC2"`) {
		t.Fatalf("want two optgroups:\n%s", html)
	}
	if !regexp.MustCompile(`<option[^>]*value="b"[^>]*selected|<option[^>]*selected[^>]*value="b"`).MatchString(html) {
		t.Fatalf("b is not selected:\n%s", html)
	}
}

func TestFieldDisabledLooksDisabled(t *testing.T) {
	f := NewHostAddressField("x-addr", "Address", "")
	f.SetValue("2001:db8::1")
	on := app.HTMLString(f.Render())
	uitest.CheckHTML(t, "enabled", on, []string{"pf-m-success", "pf-v6-c-form__label-required", "Valid IPv6 address"}, []string{"pf-m-disabled"})
	f.Disable(true, "Check Requires Authentication to enter it.")
	f.SetServerError("Cannot edit")
	off := app.HTMLString(f.Render())
	// PatternFly's disabled control, no required mark nor attribute, no
	// valid/invalid state, and the reason in the helper text.
	uitest.CheckHTML(t, "disabled", off, []string{"pf-m-disabled", "disabled", `id="x-addr-disabled"`, "Check Requires Authentication to enter it."},
		[]string{"pf-m-success", "pf-m-error", "pf-v6-c-form__label-required", "required", "Valid IPv6 address", "Cannot edit", `aria-invalid="true"`})
	if !f.Validate() {
		t.Error("a disabled field is valid")
	}
	f.Disable(false, "ignored")
	if f.DisabledReason != "" {
		t.Error("an enabled field has no reason")
	}
}
