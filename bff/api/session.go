package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
	"v6admin/engine/client"
)

// loginRequest is the body of POST /api/session.
type loginRequest struct {
	Username string `json:"username" validate:"required,max=256"`
	Password string `json:"password" validate:"required,max=1024"`
}

// SessionView is the answer of POST and GET /api/session. The engine token
// is never part of it.
type SessionView struct {
	User      string    `json:"user"`
	CSRFToken string    `json:"csrf_token"`
	Expires   time.Time `json:"expires"`
}

func viewSession(s *session.Session) SessionView {
	return SessionView{User: s.User, CSRFToken: s.CSRF, Expires: s.Expires.UTC()}
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
	var req loginRequest
	if err := bind(c, &req); err != nil {
		h.loginFailed()
		return err
	}
	user := strings.TrimSpace(req.Username)
	for _, r := range user {
		if r < 0x20 || r == 0x7f {
			h.loginFailed()
			return apierr.Validation(map[string]apierr.FieldError{"username": {Code: "whitespace", Message: "The user name must not contain control characters."}})
		}
	}
	tok, err := h.Engine.Login(ctx(c), user, req.Password)
	if err != nil {
		h.loginFailed()
		var ce *client.Error
		if errors.As(err, &ce) && ce.Status >= 400 && ce.Status < 500 {
			// Wrong user or password: the engine's message, on no field
			// (which one is wrong is not said).
			return apierr.New(http.StatusUnauthorized, apierr.CodeLoginFailed, oneStop(orDefault(ce.Reason, "The user name or password is incorrect."))).WithCause(errors.New("engine refused the login"))
		}
		return engineError(err)
	}
	s := h.Sessions.New(user, tok.AccessToken.Reveal(), tok.ExpiresAt)
	if err := h.Sessions.Write(c.Response(), s); err != nil {
		return apierr.Internal(err)
	}
	session.Set(c, s)
	if h.OnLogin != nil {
		h.OnLogin()
	}
	h.Log.Info("login", "user", user)
	return c.JSON(http.StatusOK, viewSession(s))
}

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

// LoginInfoView is GET /api/login-info: the session if there is one (the
// shell asks this before any page, so that no request fails with 401
// before the login page), and the demo login when the built-in engine runs
// with its demo password.
type LoginInfoView struct {
	Session   *SessionView   `json:"session"`
	DemoLogin *DemoLoginView `json:"demo_login,omitempty"`
}

// DemoLoginView is the built-in engine's demo account.
type DemoLoginView struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

func (h *handlers) loginInfo(c echo.Context) error {
	var v LoginInfoView
	if s := session.From(c); s != nil {
		sv := viewSession(s)
		v.Session = &sv
	}
	if h.DemoPassword != "" {
		v.DemoLogin = &DemoLoginView{User: "admin@internal", Password: h.DemoPassword}
	}
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
	if err := h.Engine.Logout(ctx(c), s.Token); err != nil {
		h.Log.Warn("engine logout failed", "user", s.User, "err", err)
	} else {
		h.Log.Info("logout", "user", s.User)
	}
	return noContent(c)
}
