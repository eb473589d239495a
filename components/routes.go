package components

import (
	"regexp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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

// knownPatterns are the compiled patterns of the pattern routes.
var knownPatterns = func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range Pages() {
		if p.Pattern {
			out = append(out, regexp.MustCompile(p.Path))
		}
	}
	return out
}()

// Known reports whether path is a page of the UI; the server answers 404
// for the others.
func Known(path string) bool {
	for _, p := range Pages() {
		if !p.Pattern && p.Path == path {
			return true
		}
	}
	for _, re := range knownPatterns {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}
