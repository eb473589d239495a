package components

import (
	"context"
	"net/url"
	"strconv"
	"v6admin/components/client"
	"v6admin/components/form"
	"v6admin/components/vms"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// Shell is the root of every page: the PatternFly page with its masthead
// (the user, Log out, the notification bell), the navigation, the current
// page, the notification drawer fed by /ws, the toasts, and a banner while
// the connection to the server is down. It owns the session: without one
// it sends the browser to the login page, and any 401 from the API brings
// it back there.
type Shell struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	path  string
	query url.Values
	route route

	checked    bool // the session was asked for
	session    *wire.Session
	sessionErr string // the server could not be asked

	events     []wire.Event // newest first, for the drawer
	unread     int
	drawerOpen bool
	toasts     []form.Toast
	demo       *wire.DemoLogin // the built-in engine's demo login, if in use
	loginHint  *wire.LoginHint // which user name the engine wants
	toastSeq   int

	streaming bool
	wsDown    bool
	stopWS    context.CancelFunc
}

// maxDrawerEvents bounds the drawer.
const maxDrawerEvents = 200

// OnPreRender reads the route on the server (prerendered page).
func (s *Shell) OnPreRender(ctx app.Context) { s.readURL(ctx) }

// OnNav reads the route after each navigation.
func (s *Shell) OnNav(ctx app.Context) {
	s.readURL(ctx)
	if app.IsServer {
		return
	}
	ctx.Page().SetTitle(pageTitles[s.route.Page] + " - v6admin")
	if s.checked && s.session == nil && s.needsLogin() && s.sessionErr == "" {
		s.toLogin(ctx)
	}
	if s.session != nil && s.route.Page == "login" {
		ctx.Navigate("/hosts")
	}
}

var pageTitles = map[string]string{
	"login": "Log in", "hosts": "Hosts", "nics": "Network Interfaces", "storage": "Storage Domains",
	"providers": "Providers", "events": "Events", "notfound": "Page not found",
	"vms": "Virtual Machines", "vm": "Virtual Machine",
}

func (s *Shell) readURL(ctx app.Context) {
	u := ctx.Page().URL()
	s.path = u.Path
	s.query = u.Query()
	s.route = parseRoute(u.Path)
}

// OnMount asks for the session and listens for toasts.
func (s *Shell) OnMount(ctx app.Context) {
	s.life.Keep(ctx)
	s.API.SetOnUnauthorized(func(e *client.APIError) {
		s.life.Dispatch(ctx, func(ctx app.Context) {
			if s.checked { // before, checkSession decides
				s.sessionLost(ctx, "Your session has expired. Log in again.")
			}
		})
	})
	ctx.Handle(form.ToastAction, func(ctx app.Context, a app.Action) {
		if t, ok := a.Value.(form.Toast); ok {
			s.addToast(ctx, t)
		}
	})
	s.checkSession(ctx)
}

// OnDismount stops the event stream.
func (s *Shell) OnDismount() { s.stopEvents() }

func (s *Shell) checkSession(ctx app.Context) {
	s.sessionErr = ""
	ctx.Async(func() {
		li, err := s.API.LoginInfo(context.Background())
		var sess *wire.Session
		if err == nil {
			s.demo, s.loginHint = li.DemoLogin, li.Login
			sess = li.Session
			if sess == nil {
				err = &client.APIError{Status: 401, Code: "unauthorized"}
			}
		}
		s.life.Dispatch(ctx, func(ctx app.Context) {
			s.checked = true
			ae := client.AsAPIError(err)
			switch {
			case err == nil:
				s.session = sess
				s.startEvents(ctx)
				if s.route.Page == "login" {
					ctx.Navigate(s.next())
				}
			case ae.Unauthorized():
				s.session = nil
				if s.needsLogin() {
					s.toLogin(ctx)
				}
			default:
				s.sessionErr = ae.Message
			}
		})
	})
}

// next is where to go after logging in: the ?next= of the login page if it
// is a local path, else the Hosts list.
func (s *Shell) next() string {
	n := s.query.Get("next")
	if n == "" || n[0] != '/' || (len(n) > 1 && (n[1] == '/' || n[1] == '\\')) || n == "/login" {
		return "/hosts"
	}
	return n
}

func (s *Shell) toLogin(ctx app.Context) {
	target := "/login"
	if s.path != "" && s.path != "/" && s.path != "/login" {
		target += "?next=" + url.QueryEscape(s.path)
	}
	ctx.Navigate(target)
}

// onLogin is called by the login page with the new session.
func (s *Shell) onLogin(ctx app.Context, sess *wire.Session) {
	s.session = sess
	s.checked = true
	s.startEvents(ctx)
	ctx.Navigate(s.next())
}

// logout closes the session and goes to the login page.
func (s *Shell) logout(ctx app.Context) {
	s.stopEvents()
	ctx.Async(func() {
		_ = s.API.Logout(context.Background())
		s.life.Dispatch(ctx, func(ctx app.Context) {
			s.session = nil
			s.events, s.unread, s.drawerOpen = nil, 0, false
			ctx.Navigate("/login")
		})
	})
}

// sessionLost handles a 401: back to login, saying why.
func (s *Shell) sessionLost(ctx app.Context, msg string) {
	if s.session == nil && s.checked {
		return
	}
	s.stopEvents()
	hadSession := s.session != nil
	s.session = nil
	s.checked = true
	if hadSession {
		s.addToast(ctx, form.Toast{Variant: "warning", Title: msg})
	}
	if s.needsLogin() {
		s.toLogin(ctx)
	}
}

// needsLogin reports whether the page shows data: the login and 404 pages
// do not.
func (s *Shell) needsLogin() bool { return s.route.Page != "login" && s.route.Page != "notfound" }

// addToast shows a toast for a while.
func (s *Shell) addToast(ctx app.Context, t form.Toast) {
	s.toastSeq++
	t.ID = s.toastSeq
	var added bool
	if s.toasts, added = form.MergeToast(s.toasts, t); !added {
		return // one toast per request (see mergeToast)
	}
	if len(s.toasts) > 5 {
		s.toasts = s.toasts[len(s.toasts)-5:]
	}
	life := form.ToastLife
	if t.Quick {
		life = form.QuickToastLife
	}
	id := t.ID
	s.life.After(ctx, life, func(ctx app.Context) { s.closeToast(ctx, id) })
}

func (s *Shell) closeToast(ctx app.Context, id int) {
	for i, t := range s.toasts {
		if t.ID == id {
			s.toasts = append(s.toasts[:i:i], s.toasts[i+1:]...)
			return
		}
	}
}

// shellStream adapts the shell to the event stream.
type shellStream struct {
	s   *Shell
	ctx app.Context // the shell's own
}

func (h shellStream) Connected(up bool) {
	h.ctx.Dispatch(func(ctx app.Context) { h.s.wsDown = !up })
}

func (h shellStream) Event(ev wire.Event) {
	h.ctx.Dispatch(func(ctx app.Context) { h.s.onEvent(ctx, ev) })
}

func (h shellStream) LoggedIn(ctx context.Context) bool {
	_, err := h.s.API.Session(ctx)
	return !client.AsAPIError(err).Unauthorized()
}

func (h shellStream) Expired(msg string) {
	h.ctx.Dispatch(func(ctx app.Context) { h.s.sessionLost(ctx, msg) })
}

// startEvents loads the newest events into the drawer, then follows /ws
// from the newest one.
func (s *Shell) startEvents(ctx app.Context) {
	if s.streaming || app.IsServer {
		return
	}
	s.streaming = true
	wctx, cancel := context.WithCancel(context.Background())
	s.stopWS = cancel
	origin := client.PageOrigin()
	ctx.Async(func() {
		var from int64
		if list, err := s.API.Events(wctx, 50); err == nil {
			from = list.LastID
			s.life.Dispatch(ctx, func(ctx app.Context) { s.events = list.Events })
		}
		client.NewEventStream(origin, from, shellStream{s: s, ctx: s.life.Context(ctx)}).Run(wctx)
	})
}

func (s *Shell) stopEvents() {
	if s.stopWS != nil {
		s.stopWS()
		s.stopWS = nil
	}
	s.streaming = false
	s.wsDown = false
}

// onEvent files an event in the drawer, toasts it if it ends a job or
// reports a problem, and passes it on to the pages.
func (s *Shell) onEvent(ctx app.Context, ev wire.Event) {
	s.events = append([]wire.Event{ev}, s.events...)
	if len(s.events) > maxDrawerEvents {
		s.events = s.events[:maxDrawerEvents]
	}
	if !s.drawerOpen {
		s.unread++
	}
	if t, ok := form.EventToast(ev); ok {
		s.addToast(ctx, t)
	}
	ctx.NewActionWithValue(form.EventAction, ev)
}

func (s *Shell) toggleDrawer(ctx app.Context, e app.Event) {
	s.drawerOpen = !s.drawerOpen
	if s.drawerOpen {
		s.unread = 0
		s.life.Focus(ctx, "drawer-title")
	} else {
		s.life.Focus(ctx, "notifications-toggle")
	}
}

// Render draws the page.
func (s *Shell) Render() app.UI {
	if s.route.Page == "login" {
		return app.Div().ID("app").Class("v6-app").Body(
			&LoginPage{API: s.API, Next: s.next(), OnLogin: s.onLogin, Demo: s.demo, Hint: s.loginHint},
			form.RenderToasts(s.toasts, s.closeToast),
		)
	}
	return app.Div().ID("app").Class("v6-app").Body(
		app.A().Class("pf-v6-c-skip-to-content", "pf-v6-c-button", "pf-m-primary").Href("#main-content").Text("Skip to content"),
		app.Div().Class("pf-v6-c-page").Body(
			s.renderMasthead(),
			s.renderSidebar(),
			app.Div().Class("pf-v6-c-page__main-container").Body(
				app.Main().Class("pf-v6-c-page__main").ID("main-content").TabIndex(-1).Body(
					app.If(s.wsDown, func() app.UI {
						return app.Div().Class("pf-v6-c-banner", "pf-m-warning", "v6-ws-banner").ID("connection-banner").Role("status").Body(
							form.Icon("exclamation-triangle"),
							app.Text(" The connection to the server is down: live updates are paused. Reconnecting…"),
						)
					}),
					s.renderContent(),
				),
			),
		),
		app.If(s.drawerOpen, func() app.UI { return s.renderDrawer() }),
		form.RenderToasts(s.toasts, s.closeToast),
	)
}

func (s *Shell) renderMasthead() app.UI {
	user := ""
	if s.session != nil {
		user = s.session.User
	}
	bell := "Notifications"
	if s.unread > 0 {
		bell = "Notifications, " + strconv.Itoa(s.unread) + " unread"
	}
	return app.Header().Class("pf-v6-c-masthead").Body(
		app.Div().Class("pf-v6-c-masthead__main").Body(
			app.Div().Class("pf-v6-c-masthead__brand").Body(
				app.A().Class("pf-v6-c-masthead__logo", "v6-brand").Href("/hosts").Body(
					app.Img().Src("/web/icon.svg").Role("presentation").Class("v6-brand__icon"),
					app.Span().Class("v6-brand__text").Text("v6admin"),
				),
			),
		),
		app.Div().Class("pf-v6-c-masthead__content").Body(
			app.Div().Class("v6-masthead-tools").Body(
				app.If(s.session != nil, func() app.UI {
					return app.Div().Class("v6-masthead-tools__items").Body(
						app.Button().Type("button").ID("notifications-toggle").
							Class("pf-v6-c-button", "pf-m-plain", "v6-bell").
							Aria("label", bell).Aria("expanded", strconv.FormatBool(s.drawerOpen)).
							Title(bell).OnClick(s.toggleDrawer).Body(
							app.Span().Class("pf-v6-c-button__icon").Body(form.Icon("bell")),
							app.If(s.unread > 0, func() app.UI {
								return app.Span().Class("v6-bell__count").Aria("hidden", "true").Text(strconv.Itoa(s.unread))
							}),
						),
						app.Span().Class("v6-user").ID("current-user").Body(form.Icon("user"), app.Text(" "+user)),
						form.Button("secondary", "Log out").ID("logout").OnClick(func(ctx app.Context, e app.Event) { s.logout(ctx) }),
					)
				}),
			),
		),
	)
}

func (s *Shell) renderSidebar() app.UI {
	items := []struct{ path, label, page string }{
		{"/hosts", "Hosts", "hosts"},
		{"/vms", "Virtual Machines", "vms"},
		{"/storage-domains", "Storage Domains", "storage"},
		{"/providers", "Providers", "providers"},
		{"/events", "Events", "events"},
	}
	lis := make([]app.UI, 0, len(items))
	for _, it := range items {
		current := s.route.Page == it.page || (it.page == "hosts" && s.route.Page == "nics") || (it.page == "vms" && s.route.Page == "vm")
		a := app.A().Class("pf-v6-c-nav__link").Href(it.path).Body(
			app.Span().Class("pf-v6-c-nav__link-text").Text(it.label),
		)
		if current {
			a = a.Class("pf-m-current").Aria("current", "page")
		}
		lis = append(lis, app.Li().Class("pf-v6-c-nav__item").Body(a))
	}
	return app.Div().Class("pf-v6-c-page__sidebar").Body(
		app.Div().Class("pf-v6-c-page__sidebar-body").Body(
			app.Nav().Class("pf-v6-c-nav").Aria("label", "Global").Body(
				app.Ul().Class("pf-v6-c-nav__list").Role("list").Body(lis...),
			),
		),
	)
}

func (s *Shell) renderContent() app.UI {
	if s.route.Page == "notfound" {
		return &NotFoundPage{}
	}
	if s.sessionErr != "" {
		return form.PageSection(form.EmptyState("exclamation-circle", "The server cannot be reached", s.sessionErr,
			form.Button("primary", "Try again").OnClick(func(ctx app.Context, e app.Event) { s.checkSession(ctx) })))
	}
	// No page asks for data before a session exists (no 401s before the
	// login page).
	if s.session == nil {
		return form.PageSection(app.Div().Class("v6-loading").Body(form.Spinner("Loading"), app.Span().Text(" Loading…")))
	}
	switch s.route.Page {
	case "hosts":
		return &HostsPage{API: s.API}
	case "nics":
		return &HostNICsPage{API: s.API, HostID: s.route.HostID}
	case "storage":
		return &StoragePage{API: s.API}
	case "providers":
		return &ProvidersPage{API: s.API}
	case "events":
		return &EventsPage{API: s.API}
	case "vms":
		return &vms.VMsPage{API: s.API}
	case "vm":
		return &vms.VMPage{API: s.API, VMID: s.route.VMID, Dialog: s.query.Get("dialog")}
	}
	return &NotFoundPage{}
}

func (s *Shell) renderDrawer() app.UI {
	items := make([]app.UI, 0, len(s.events))
	for _, ev := range s.events {
		v := form.SeverityVariant(ev.Severity)
		icons := map[string]string{"danger": "exclamation-circle", "warning": "exclamation-triangle", "info": "info-circle"}
		items = append(items, app.Li().Class("pf-v6-c-notification-drawer__list-item", "pf-m-read", "pf-m-"+v).Body(
			app.Div().Class("pf-v6-c-notification-drawer__list-item-header").Body(
				app.Span().Class("pf-v6-c-notification-drawer__list-item-header-icon").Body(form.Icon(icons[v])),
				app.H2().Class("pf-v6-c-notification-drawer__list-item-header-title").Body(
					app.Span().Class("pf-v6-screen-reader").Text(ev.Severity+": "),
					app.Text(ev.Description),
				),
			),
			app.Div().Class("pf-v6-c-notification-drawer__list-item-timestamp").Text(form.FormatTime(ev.Time)),
		))
	}
	return app.Aside().Class("v6-drawer").ID("notification-drawer").Aria("label", "Notifications").Body(
		app.Div().Class("pf-v6-c-notification-drawer").Body(
			app.Div().Class("pf-v6-c-notification-drawer__header").Body(
				app.H1().Class("pf-v6-c-notification-drawer__header-title").ID("drawer-title").TabIndex(-1).Text("Notifications"),
				app.Span().Class("pf-v6-c-notification-drawer__header-status").Text(strconv.Itoa(len(s.events))+" events"),
				app.Div().Class("pf-v6-c-notification-drawer__header-action").Body(
					form.IconButton("times", "Close the notification drawer").ID("drawer-close").OnClick(s.toggleDrawer),
				),
			),
			app.Div().Class("pf-v6-c-notification-drawer__body").TabIndex(0).Role("region").Aria("label", "Events, newest first").Body(
				app.If(len(items) == 0, func() app.UI {
					return form.EmptyState("bell", "No events yet", "Engine events show here as they happen.")
				}).Else(func() app.UI {
					return app.Ul().Class("pf-v6-c-notification-drawer__list").Role("list").Body(items...)
				}),
			),
		),
	)
}
