package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
	"v6admin/engine/client"
	"v6admin/wire"
)

func viewSession(s *session.Session) wire.Session {
	return wire.Session{User: s.User, CSRFToken: s.CSRF, Expires: s.Expires.UTC()}
}

func (h *handlers) bindSession(g *echo.Group) {
	login := h.login
	if h.LoginLimit != nil {
		login = h.LoginLimit(login)
	}
	g.POST("/session", login)
	g.GET("/session", h.whoami)
	g.GET("/login-info", h.loginInfo)
	g.DELETE("/session", h.logout)
}

// login exchanges the user's credentials for an engine SSO token and keeps
// it in the session cookie.
func (h *handlers) login(c echo.Context) error {
	var req wire.LoginRequest
	if err := bind(c, &req); err != nil {
		h.loginFailed()
		return err
	}
	user := strings.TrimSpace(req.Username)
	for _, r := range user {
		if r < 0x20 || r == 0x7f {
			h.loginFailed()
			return apierr.Validation(map[string]wire.FieldError{"username": {Code: "whitespace", Message: "The user name must not contain control characters."}})
		}
	}
	tok, err := h.Engine.Login(engineCtx(c), user, req.Password)
	if err != nil {
		h.loginFailed()
		var ce *client.Error
		if errors.As(err, &ce) && ce.Status >= 400 && ce.Status < 500 {
			// Wrong user or password: the engine's message, on no field
			// (which one is wrong is not said), except a profile the
			// engine does not have: the user name then gets the form this
			// engine's SSO wants.
			e := apierr.New(http.StatusUnauthorized, apierr.CodeLoginFailed, oneStop(orDefault(ce.Reason, "The user name or password is incorrect."))).WithCause(errors.New("engine refused the login"))
			if strings.Contains(ce.Reason, msgNoValidProfile) {
				_, profile := loginHint(h.ssoKind(engineCtx(c)))
				e.WithField("username", "profile", profile)
			}
			return e
		}
		return engineError(err)
	}
	s := h.Sessions.New(user, tok.AccessToken.Reveal(), tok.ExpiresAt)
	cookie, err := h.Sessions.Cookie(s)
	if err != nil {
		return apierr.Internal(err)
	}
	// A Keycloak token is a JWT of 1.5–3 kB: a cookie past what browsers
	// keep (4096 bytes) would be dropped silently and every page answer
	// 401, so say it here. The token is revoked.
	if n := len(cookie.Name) + len(cookie.Value); n > maxCookieBytes {
		h.loginFailed()
		if err := h.Engine.Logout(engineCtx(c), tok.AccessToken.Reveal()); err != nil {
			h.Log.Warn("engine logout failed", "user", user, "err", err)
		}
		h.Log.Error("login: the engine's token does not fit a session cookie", "user", user, "token_bytes", len(tok.AccessToken.Reveal()), "cookie_bytes", n)
		return apierr.New(http.StatusBadGateway, apierr.CodeEngineFailed,
			"The engine's access token is too long to keep in a browser session ("+itoa(n)+" bytes, browsers keep "+itoa(maxCookieBytes)+").")
	}
	http.SetCookie(c.Response(), cookie)
	session.Set(c, s)
	if h.OnLogin != nil {
		h.OnLogin()
	}
	h.Log.Info("login", "user", user)
	return c.JSON(http.StatusOK, viewSession(s))
}

// maxCookieBytes is the largest cookie (name and value) browsers keep
// (RFC 6265 §6.1 asks for at least 4096 bytes; browsers keep no more).
const maxCookieBytes = 4096

// oneStop ends an engine message with one period: the SSO writes "The
// username or password is incorrect..".
func oneStop(s string) string {
	t := strings.TrimRight(s, ". ")
	if t == "" {
		return s
	}
	return t + "."
}

func (h *handlers) loginFailed() {
	if h.OnLoginFailure != nil {
		h.OnLoginFailure()
	}
}

// msgNoValidProfile is the engine SSO's refusal of a profile it does not
// have (SsoService.areCredentialsValid, NO_VALID_PROFILE_IN_CREDENTIALS).
const msgNoValidProfile = "No valid profile found in credentials"

// loginHint is what the login page says for an engine SSO kind, and the
// hint on User Name when the engine refused the profile.
func loginHint(k client.SSOKind) (wire.LoginHint, string) {
	switch k {
	case client.SSOInternal:
		return wire.LoginHint{SSO: string(k), User: "admin@internal",
				Help: "User name and profile, for example admin@internal."},
			"This engine uses oVirt's own users: write user@profile, for example admin@internal."
	case client.SSOExternal:
		return wire.LoginHint{SSO: string(k), User: "admin@ovirt@internalsso",
				Help: "This engine signs in with Keycloak: user name and profile, for example admin@ovirt@internalsso."},
			"This engine signs in with Keycloak: write user@profile, for example admin@ovirt@internalsso."
	}
	return wire.LoginHint{
			Help: "User name and profile: admin@internal with oVirt's own users, admin@ovirt@internalsso with Keycloak (oVirt 4.5.1 and later).",
		},
		"The profile follows the last @: admin@internal with oVirt's own users, admin@ovirt@internalsso with Keycloak (oVirt 4.5.1 and later)."
}

// ssoProbe remembers the engine's kind of SSO ([client.Client.ProbeSSO]):
// a kind for an hour, a failed probe for 30 seconds, so the login page
// costs the engine at most one probe in a while whoever asks.
type ssoProbe struct {
	mu   sync.Mutex
	kind client.SSOKind
	next time.Time // when to probe again
}

// ssoProbeTimeout bounds the probe, so an engine that does not answer
// delays the login page by at most this much.
const ssoProbeTimeout = 3 * time.Second

// ssoKind returns the engine's kind of SSO, probing it when the last
// answer is too old.
func (h *handlers) ssoKind(ctx context.Context) client.SSOKind {
	p := &h.sso
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Before(p.next) {
		return p.kind
	}
	pcx, cancel := context.WithTimeout(ctx, ssoProbeTimeout)
	defer cancel()
	kind, err := h.Engine.ProbeSSO(pcx)
	p.kind = kind
	if err != nil {
		h.Log.Warn("probing the engine's SSO failed", "err", err)
		p.next = now.Add(30 * time.Second)
	} else {
		h.Log.Info("engine SSO", "kind", string(kind))
		p.next = now.Add(time.Hour)
	}
	return kind
}

func (h *handlers) loginInfo(c echo.Context) error {
	var v wire.LoginInfo
	if s := session.From(c); s != nil {
		sv := viewSession(s)
		v.Session = &sv
	}
	if h.DemoPassword != "" {
		v.DemoLogin = &wire.DemoLogin{User: "admin@internal", Password: h.DemoPassword}
	}
	// The hint goes with a session too: a tab loaded while logged in shows
	// the login page after a logout, and must say the same as a fresh one.
	hint, _ := loginHint(h.ssoKind(engineCtx(c)))
	v.Login = &hint
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, v)
}

// whoami returns the session, or 401.
func (h *handlers) whoami(c echo.Context) error {
	s := session.From(c)
	if s == nil {
		return apierr.Unauthorized()
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, viewSession(s))
}

// logout revokes the engine token and clears the cookie. It succeeds even
// if the engine is unreachable (the cookie is gone either way).
func (h *handlers) logout(c echo.Context) error {
	s := session.From(c)
	h.Sessions.Clear(c.Response())
	session.Forget(c)
	if s == nil {
		return noContent(c)
	}
	if h.OnLogout != nil {
		h.OnLogout(s.User, s.Token) // even if the engine is not told
	}
	if err := h.Engine.Logout(engineCtx(c), s.Token); err != nil {
		h.Log.Warn("engine logout failed", "user", s.User, "err", err)
	} else {
		h.Log.Info("logout", "user", s.User)
	}
	return noContent(c)
}
