package form

import (
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestModalKeys(t *testing.T) {
	tests := []struct {
		key, tag, typ string
		want          keyAction
	}{
		{"Enter", "INPUT", "text", keyOK},
		{"Enter", "INPUT", "password", keyOK},
		{"Enter", "INPUT", "checkbox", keyOK},
		{"Enter", "BUTTON", "button", keyNone},
		{"Enter", "A", "", keyNone},
		{"Enter", "SELECT", "select-one", keyNone},
		{"Enter", "TEXTAREA", "textarea", keyNone},
		{"Enter", "INPUT", "button", keyNone},
		{"Escape", "INPUT", "text", keyCancel},
		{"Escape", "BUTTON", "", keyCancel},
		{"Tab", "INPUT", "text", keyTrap},
		{"a", "INPUT", "text", keyNone},
	}
	for _, tt := range tests {
		if got := modalKey(tt.key, tt.tag, tt.typ); got != tt.want {
			t.Errorf("modalKey(%q, %q, %q) = %v, want %v", tt.key, tt.tag, tt.typ, got, tt.want)
		}
	}
}

func TestModalMarkup(t *testing.T) {
	html := app.HTMLString(Modal{ID: "m", Title: "New Host", Description: "d", Body: []app.UI{app.P().Text("body")},
		Footer: []app.UI{Button("primary", "OK")}}.Render())
	for _, w := range []string{`role="dialog"`, "re:aria-modal[ >]", `aria-labelledby="m-title"`, `aria-describedby="m-description"`,
		`id="m-title"`, ">New Host<", `aria-label="Close"`, "pf-v6-c-backdrop", "pf-v6-c-modal-box pf-m-md"} {
		if !uitest.Has(html, w) {
			t.Errorf("modal lacks %q:\n%s", w, html)
		}
	}
}
