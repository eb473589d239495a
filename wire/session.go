package wire

import "time"

// LoginRequest is the body of POST /api/session.
type LoginRequest struct {
	Username string `json:"username" validate:"required" maxlen:"256"`
	Password string `json:"password" validate:"required" maxlen:"1024"`
}

// Session is the answer of POST and GET /api/session. The engine token is
// never part of it.
type Session struct {
	User      string    `json:"user"`
	CSRFToken string    `json:"csrf_token"`
	Expires   time.Time `json:"expires"`
}

// LoginInfo is GET /api/login-info: the session if there is one (the
// shell asks this before any page, so that no request fails with 401
// before the login page), the demo login when the built-in engine runs
// with its demo password, and which user name the engine's SSO wants (with
// a session too: a tab loaded while logged in shows the login page after a
// logout).
type LoginInfo struct {
	Session   *Session   `json:"session"`
	DemoLogin *DemoLogin `json:"demo_login,omitempty"`
	Login     *LoginHint `json:"login,omitempty"`
}

// LoginHint says which user name to log in with.
type LoginHint struct {
	// SSO is the engine's kind of SSO: "internal" (oVirt's AAA),
	// "external" (Keycloak, oVirt 4.5.1 and later) or "" when the probe
	// could not tell.
	SSO string `json:"sso"`
	// User is the engine's built-in administrator in the form its SSO
	// wants ("" when unknown).
	User string `json:"user,omitempty"`
	// Help is the sentence the login page shows under User Name.
	Help string `json:"help"`
}

// DemoLogin is the built-in engine's demo account.
type DemoLogin struct {
	User     string `json:"user"`
	Password string `json:"password"`
}
