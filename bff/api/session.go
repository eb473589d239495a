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
			return apierr.New(http.StatusUnauthorized, apierr.CodeLoginFailed, orDefault(ce.Reason, "The user name or password is incorrect.")).WithCause(errors.New("engine refused the login"))
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

func (h *handlers) loginFailed() {
	if h.OnLoginFailure != nil {
		h.OnLoginFailure()
	}
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
