package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Page is one routed page of the UI.
type Page struct {
	// Path is the exact path, or an anchored regular expression when
	// Pattern is set.
	Path    string
	Pattern bool
	New     func() app.Composer
}

// Pages returns the route table, in registration order.
func Pages() []Page {
	return []Page{
		{Path: "/", New: func() app.Composer { return &AddressCheckPage{} }},
	}
}

// Routes registers every page with go-app. Call it in both binaries before
// app.RunWhenOnBrowser (web) or before serving the app.Handler (bff).
func Routes() {
	for _, p := range Pages() {
		if p.Pattern {
			app.RouteWithRegexp(p.Path, p.New)
			continue
		}
		app.Route(p.Path, p.New)
	}
}
