package embedded

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// ssoScope is the scope API clients must request.
const ssoScope = "ovirt-app-api"

// ssoProfile is the engine's only SSO profile (the user is AdminUser).
const ssoProfile = "internal"

// cutLast splits s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// tokenDoc is a persisted token: only the SHA-256 digest of the token is the
// document id, the token itself is never stored.
type tokenDoc struct {
	Key     string `json:"key"` // the digest, also the document id
	User    string `json:"user"`
	Scope   string `json:"scope"`
	Expires int64  `json:"expires"` // epoch ms
}

// tokenCache remembers validated tokens (digest -> expiry) so most requests
// skip the database.
type tokenCache struct {
	mu sync.Mutex
	m  map[string]time.Time
}

func (c *tokenCache) get(k string) (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.m[k]
	return t, ok
}

func (c *tokenCache) put(k string, exp time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 10000 {
		clear(c.m)
	}
	c.m[k] = exp
}

func (c *tokenCache) del(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}

func tokenKey(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// checkPassword compares in constant time (digests of equal length).
func (e *Engine) checkPassword(user, password string) bool {
	h := sha256.Sum256([]byte(password))
	okPW := subtle.ConstantTimeCompare(h[:], e.pwHash[:]) == 1
	return okPW && user == AdminUser
}

// ssoError writes the SSO error body (HTTP 400): the API-scope shape
// {"error_code", "error"} or the OAuth shape {"error", "error_description"}.
func ssoError(w http.ResponseWriter, apiScope bool, code, msg string) {
	var body *ovirt.SSOError
	if apiScope {
		body = ovirt.NewSSOError(code, msg)
	} else {
		body = &ovirt.SSOError{ErrorText: code, ErrorDescription: msg}
	}
	_ = writeJSON(w, http.StatusBadRequest, body)
}

// ssoToken is POST /ovirt-engine/sso/oauth/token (password grant).
func (e *Engine) ssoToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			return
		}
		ssoError(w, false, ovirt.SSOErrorInvalidRequest, "Unable to parse the request.")
		return
	}
	scope := r.PostForm.Get("scope")
	apiScope := hasScope(scope, ssoScope)
	if !acceptsOnlyJSON(r.Header.Get("Accept")) {
		ssoError(w, apiScope, ovirt.SSOErrorInvalidRequest, "Accept header must be application/json.")
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "password" {
		ssoError(w, apiScope, ovirt.SSOErrorUnsupportedGrantType, "The authorization grant type "+strconvQuote(gt)+" is not supported by this engine.")
		return
	}
	if !apiScope {
		ssoError(w, false, ovirt.SSOErrorInvalidScope, "The requested scope "+strconvQuote(scope)+" is invalid: ovirt-app-api is required.")
		return
	}
	user, password := r.PostForm.Get("username"), r.PostForm.Get("password")
	if user == "" || password == "" {
		ssoError(w, true, ovirt.SSOErrorInvalidRequest, "No user name or password were provided.")
		return
	}
	// SsoService.translateUser: the profile follows the last "@"; this
	// engine has one, "internal" (areCredentialsValid refuses any other
	// before a password is checked; OAuthTokenServlet names the user).
	if name, profile, ok := cutLast(user, "@"); !ok || profile != ssoProfile {
		if !ok {
			name = user
		}
		if profile == "" {
			profile = "N/A"
		}
		ssoError(w, true, ovirt.SSOErrorAccessDenied, "Cannot authenticate user '"+name+"@"+profile+"': No valid profile found in credentials..")
		return
	}
	if !e.checkPassword(user, password) {
		e.log.Warn("sso: authentication failed", "user", user, "remote", r.RemoteAddr)
		ssoError(w, true, ovirt.SSOErrorAccessDenied, "Cannot authenticate user '"+user+"': The username or password is incorrect..")
		return
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		ssoError(w, true, ovirt.SSOErrorServerError, "Cannot issue a token.")
		return
	}
	token := base64.RawURLEncoding.EncodeToString(raw[:])
	now := e.now()
	exp := now.Add(e.cfg.TokenTTL)
	doc := tokenDoc{Key: tokenKey(token), User: AdminUser, Scope: scope, Expires: exp.UnixMilli()}
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		// Drop expired tokens while we are at it.
		if err := e.purgeExpiredTokens(tx, now); err != nil {
			return err
		}
		return store.PutJSON(tx, kindToken, tokenKey(token), "", "", doc)
	})
	if err != nil {
		e.log.Error("sso: store token", "err", err)
		ssoError(w, true, ovirt.SSOErrorServerError, "Cannot issue a token.")
		return
	}
	e.tokens.put(tokenKey(token), exp)
	e.log.Info("sso: token issued", "user", user, "expires", exp.UTC().Format(time.RFC3339))
	_ = writeJSON(w, http.StatusOK, &ovirt.SSOToken{
		AccessToken: token,
		TokenType:   "bearer",
		Scope:       scope,
		Exp:         ovirt.NewInt(exp.UnixMilli()),
	})
}

func (e *Engine) purgeExpiredTokens(tx *store.Tx, now time.Time) error {
	docs, err := store.ListAllJSON[tokenDoc](tx, kindToken)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.Key != "" && d.Expires < now.UnixMilli() {
			if err := tx.Delete(kindToken, d.Key); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
	}
	return nil
}

func hasScope(scope, want string) bool {
	for _, s := range strings.Fields(scope) {
		if s == want {
			return true
		}
	}
	return false
}

// acceptsOnlyJSON: the SSO servlet insists on Accept: application/json.
func acceptsOnlyJSON(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(mt), "application/json") {
			return true
		}
	}
	return false
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// ssoLogout is POST /ovirt-engine/services/sso-logout (form token=...).
// Unknown tokens are ignored; the answer is always 200 {}.
func (e *Engine) ssoLogout(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	token := r.PostForm.Get("token")
	if token == "" {
		if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			token = strings.TrimSpace(t)
		}
	}
	if token != "" {
		k := tokenKey(token)
		e.tokens.del(k)
		err := e.st.Update(r.Context(), func(tx *store.Tx) error {
			if err := tx.Delete(kindToken, k); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			return nil
		})
		if err != nil {
			e.log.Error("sso: revoke token", "err", err)
		} else {
			e.log.Info("sso: token revoked")
		}
	}
	_ = writeJSON(w, http.StatusOK, struct{}{})
}

// authenticate accepts "Authorization: Bearer <token>" (an unexpired token
// from the SSO endpoint) or Basic admin@internal:<password>.
func (e *Engine) authenticate(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	scheme, cred, _ := strings.Cut(auth, " ")
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "bearer":
		if cred == "" {
			return false
		}
		return e.validToken(r, cred)
	case "basic":
		u, p, ok := r.BasicAuth()
		return ok && e.checkPassword(u, p)
	}
	return false
}

func (e *Engine) validToken(r *http.Request, token string) bool {
	k := tokenKey(token)
	now := e.now()
	if exp, ok := e.tokens.get(k); ok {
		return now.Before(exp)
	}
	var doc tokenDoc
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		doc, err = store.GetJSON[tokenDoc](tx, kindToken, k)
		return err
	})
	if err != nil {
		return false
	}
	exp := time.UnixMilli(doc.Expires)
	e.tokens.put(k, exp)
	return now.Before(exp)
}
