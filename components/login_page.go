package components

import (
	"context"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// LoginPage is the PatternFly login page: the engine user and password,
// exchanged by the BFF for an engine session.
type LoginPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API  client.API
	life form.Mounted

	// Next is where the shell goes after logging in (shown for context).
	Next string
	// OnLogin receives the new session.
	OnLogin func(ctx app.Context, s *wire.Session)
	// Demo is the built-in engine's demo account when its demo password
	// is in use (from GET /api/login-info), nil otherwise.
	Demo *wire.DemoLogin
	// Hint says which user name the engine's SSO wants (from GET
	// /api/login-info): admin@internal with oVirt's own users,
	// admin@ovirt@internalsso with Keycloak; nil if not known.
	Hint *wire.LoginHint

	user, password form.Field
	busy           bool
	err            string
	inited         bool
}

// OnInit sets up the fields.
func (p *LoginPage) OnInit() { p.init() }

func (p *LoginPage) init() {
	if p.inited {
		return
	}
	p.inited = true
	// No placeholder: a greyed admin@internal looked filled in; the
	// example is a helper text.
	p.user = form.Field{ID: "login-user", Label: "User Name", Required: true, AutoComplete: "username", Help: p.userHelp()}
	p.password = form.Field{ID: "login-password", Label: "Password", Type: "password", Required: true, AutoComplete: "current-password"}
}

// userHelp is the helper text of User Name: the BFF's, after probing the
// engine's SSO, or the form both kinds of SSO share.
func (p *LoginPage) userHelp() string {
	if p.Hint != nil && p.Hint.Help != "" {
		return p.Hint.Help
	}
	return "User name and profile (user@profile)."
}

// OnMount focuses the user name.
func (p *LoginPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.life.Focus(ctx, "login-user")
}

func (p *LoginPage) submit(ctx app.Context) {
	if p.busy {
		return
	}
	okUser, okPass := p.user.Validate(), p.password.Validate()
	if !okUser || !okPass {
		if !okUser {
			p.life.Focus(ctx, "login-user")
		} else {
			p.life.Focus(ctx, "login-password")
		}
		return
	}
	p.busy, p.err = true, ""
	user, pass := p.user.Trimmed(), p.password.Value()
	ctx.Async(func() {
		sess, err := p.API.Login(context.Background(), user, pass)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.busy = false
			if err != nil {
				ae := client.AsAPIError(err)
				p.err = ae.Message
				p.user.SetServerError(ae.FieldMessage("username"))
				p.password.SetServerError(ae.FieldMessage("password"))
				p.password.SetValue("")
				p.life.Focus(ctx, "login-password")
				return
			}
			if p.OnLogin != nil {
				p.OnLogin(ctx, sess)
			}
		})
	})
}

// Render draws the page.
func (p *LoginPage) Render() app.UI {
	p.init()
	p.user.Help = p.userHelp() // the hint may come after the first render
	return app.Div().Class("pf-v6-c-login").Body(
		app.Div().Class("pf-v6-c-login__container").Body(
			app.Header().Class("pf-v6-c-login__header").Body(
				app.Div().Class("v6-brand", "v6-brand--login").Body(
					app.Img().Src("/web/icon.svg").Role("presentation").Class("v6-brand__icon"),
					app.Span().Class("v6-brand__text").Text("v6admin"),
				),
			),
			app.Main().Class("pf-v6-c-login__main").Body(
				app.Header().Class("pf-v6-c-login__main-header").Body(
					app.H1().Class("pf-v6-c-title", "pf-m-3xl").Text("Log in to your account"),
					app.P().Class("pf-v6-c-login__main-header-desc").Text("oVirt administration over IPv6. Log in with your engine account."),
				),
				app.Div().Class("pf-v6-c-login__main-body").Body(
					app.Form().Class("pf-v6-c-form").ID("login-form").Attr("novalidate", true).
						OnSubmit(func(ctx app.Context, e app.Event) {
							e.PreventDefault()
							p.submit(ctx)
						}).Body(
						// The alerts come and go (the demo alert when
						// login-info answers, which can be while the user
						// types): they live in a wrapper of their own so that
						// the fields after them keep their places among the
						// form's children. go-app matches children by index:
						// an alert inserted before User Name shifted it onto
						// the old node, and a name typed meanwhile was handed
						// to the Password field's handler and lost.
						app.Div().Class("v6-login-alerts").Body(
							app.If(p.err != "", func() app.UI {
								return form.Alert("danger", p.err).ID("login-error")
							}),
							app.If(p.Demo != nil, func() app.UI {
								return form.Alert("info", "Built-in demo engine: log in as "+p.Demo.User+" with the password "+p.Demo.Password+
									" (set V6ADMIN_ADMIN_PASSWORD to choose another).").ID("login-demo")
							}),
						),
						p.user.Render(),
						p.password.Render(),
						app.Div().Class("pf-v6-c-form__group", "pf-m-action").Body(
							app.Div().Class("pf-v6-c-form__actions").Body(
								app.Button().Type("submit").ID("login-submit").Class("pf-v6-c-button", "pf-m-primary", "pf-m-block").
									Aria("disabled", p.busy).Body(app.Span().Class("pf-v6-c-button__text").Text("Log in")),
							),
						),
					),
				),
			),
		),
	)
}
