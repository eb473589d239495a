package form

import (
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestConfirmDialog(t *testing.T) {
	d := &ConfirmDialog{ID: "sync-all", Title: "Synchronize all host networks", Message: "Are you sure you want to synchronize all host's networks?",
		ExtraLabel: "Configure Power Management", Items: []string{"host0"}, Error: "The engine refused.", Busy: true}
	e := app.NewTestEngine()
	if err := e.Load(d); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	uitest.CheckHTML(t, "confirm", app.HTMLString(d.Render()), []string{
		"Synchronize all host networks", "Are you sure you want to synchronize all host&#39;s networks?", `id="sync-all-ok"`,
		`id="sync-all-extra"`, ">Configure Power Management<", ">host0<", `id="sync-all-error"`, "The engine refused.", "pf-m-sm",
	}, nil)
	called := false
	d.OnOK = func(app.Context) { called = true }
	d.ok(app.Context{})
	if called {
		t.Fatal("OK ran while busy")
	}
	d.Busy = false
	d.ok(app.Context{})
	if !called {
		t.Fatal("OK did not run")
	}
}
