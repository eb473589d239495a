package components

import (
	"strings"
	"v6admin/components/client"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Page is one routed page of the UI.
type Page struct {
	// Path is the exact path, or an anchored regular expression when
	// Pattern is set.
	Path    string
	Pattern bool
	New     func() app.Composer
	// Fallback marks the catch-all route of the 404 page: it is routed
	// (so the wasm boots and shows the page with its navigation) but not
	// Known (so the server answers 404).
	Fallback bool
}

// newShell creates the root of every page. go-app keeps the mounted shell
// when the next route creates one of the same type, so the session, the
// event stream and the notification drawer survive navigation.
//
// tabAPI is the tab's one API client, made here, where the page tree
// starts: the shell hands it to each page as its API prop, and pages hand
// it to their dialogs (see package client).
func newShell() app.Composer { return &Shell{API: tabAPI} }

var tabAPI = &client.APIClient{}

// hostNICsPattern matches the Network Interfaces page of a host;
// hostPattern a host's own path, which shows the same sub-tab (the host's
// details are its Network Interfaces).
const (
	hostNICsPattern = `^/hosts/[^/]+/nics$`
	hostPattern     = `^/hosts/[^/]+$`
	vmPattern       = `^/vms/[^/]+$`
)

// Pages returns the route table, in registration order.
func Pages() []Page {
	return []Page{
		{Path: "/", New: newShell},
		{Path: "/login", New: newShell},
		{Path: "/hosts", New: newShell},
		{Path: "/storage-domains", New: newShell},
		{Path: "/providers", New: newShell},
		{Path: "/events", New: newShell},
		{Path: "/vms", New: newShell},
		{Path: hostNICsPattern, Pattern: true, New: newShell},
		{Path: hostPattern, Pattern: true, New: newShell},
		{Path: vmPattern, Pattern: true, New: newShell},
		{Path: `^/.*$`, Pattern: true, New: newShell, Fallback: true},
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

// Known reports whether path is a page of the UI (not the 404 page): the
// server answers 404 for the others, with the 404 page as the body. It
// agrees with the route table (routes_test.go checks it against the
// patterns).
func Known(path string) bool { return parseRoute(path).Page != "notfound" }

// route is a parsed page path.
type route struct {
	Page   string // login, hosts, nics, storage, providers, events, vms, vm, notfound
	HostID string // for nics
	VMID   string // for vm
}

// parseRoute says which page a path shows.
func parseRoute(path string) route {
	switch path {
	case "/", "/hosts":
		return route{Page: "hosts"}
	case "/login":
		return route{Page: "login"}
	case "/storage-domains":
		return route{Page: "storage"}
	case "/providers":
		return route{Page: "providers"}
	case "/events":
		return route{Page: "events"}
	case "/vms":
		return route{Page: "vms"}
	}
	if id, ok := strings.CutPrefix(path, "/vms/"); ok && id != "" && !strings.Contains(id, "/") {
		return route{Page: "vm", VMID: id}
	}
	if rest, ok := strings.CutPrefix(path, "/hosts/"); ok {
		if id, ok := strings.CutSuffix(rest, "/nics"); ok && id != "" && !strings.Contains(id, "/") {
			return route{Page: "nics", HostID: id}
		}
		if rest != "" && !strings.Contains(rest, "/") {
			return route{Page: "nics", HostID: rest}
		}
	}
	return route{Page: "notfound"}
}

// hostNICsPath is the path of a host's Network Interfaces page.
func hostNICsPath(id string) string { return "/hosts/" + client.Esc(id) + "/nics" }
