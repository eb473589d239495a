// Package uitest holds helpers shared by the tests of components and its
// rooms (form, client, hostnet): checks on rendered HTML. It is internal
// and imported by tests only, so it never reaches the wasm.
package uitest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Has reports whether html contains s, or matches s after "re:".
func Has(html, s string) bool {
	if re, ok := strings.CutPrefix(s, "re:"); ok {
		return regexp.MustCompile(re).MatchString(html)
	}
	return strings.Contains(html, s)
}

// CheckHTML fails t for each of want that html lacks and each of notWant
// that it has (each one as Has reads it).
func CheckHTML(t *testing.T, name, html string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !Has(html, w) {
			t.Errorf("%s: HTML lacks %q:\n%s", name, w, html)
		}
	}
	for _, w := range notWant {
		if Has(html, w) {
			t.Errorf("%s: HTML has %q:\n%s", name, w, html)
		}
	}
}

// grab is a component whose OnUpdate keeps the context it gets.
type grab struct {
	app.Compo
	N   int
	ctx app.Context
}

func (g *grab) OnUpdate(ctx app.Context) { g.ctx = ctx }
func (g *grab) Render() app.UI           { return app.Div() }

// Context returns a context of a new test engine: its Async runs on the
// engine's goroutines and its Dispatch on the engine's queue, both done by
// the engine's ConsumeAll.
func Context(t *testing.T) (app.TestEngine, app.Context) {
	t.Helper()
	e := app.NewTestEngine()
	g := &grab{N: 1}
	if err := e.Load(g); err != nil {
		t.Fatal(err)
	}
	if err := e.Load(&grab{N: 2}); err != nil { // a changed prop: OnUpdate
		t.Fatal(err)
	}
	e.ConsumeAll()
	return e, g.ctx
}

// Mount runs c's OnInit and OnMount with a context of a new test engine
// (natively go-app calls no OnMount) and waits for what they start, such
// as loads from a fake client.API; it returns the engine and the context.
func Mount(t *testing.T, c app.Mounter) (app.TestEngine, app.Context) {
	t.Helper()
	e, ctx := Context(t)
	if i, ok := c.(app.Initializer); ok {
		i.OnInit()
	}
	c.OnMount(ctx)
	e.ConsumeAll()
	return e, ctx
}
