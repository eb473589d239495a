// Package session keeps a browser's engine session in an encrypted,
// authenticated cookie, so that the BFF stores nothing and several replicas
// sharing the key serve the same sessions.
//
// The cookie holds the engine user name, the engine's SSO access token, the
// CSRF token, and the issue and expiry times, sealed with AES-256-GCM:
//
//	cookie value = base64url( version(1) | key id(4) | nonce(12) | ciphertext+tag )
//
// The version byte (1) and the key id are authenticated as additional data
// together with the cookie name, so a cookie cannot be moved to another name
// and a cookie sealed with an older key of the Keyring still opens after a
// rotation. The token never leaves the server in clear: the browser cannot
// read the cookie (HttpOnly) or decrypt it, and it is sent back to this origin
// only (SameSite=Strict; Secure and the __Host- prefix under TLS).
//
// Revocation is the engine's: DELETE /api/session logs the token out of the
// engine SSO, after which a copied cookie gets 401 from the engine.
package session

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// formatVersion is the first byte of every cookie value.
const formatVersion byte = 1

// Cookie names: the __Host- prefix makes browsers insist on Secure, Path=/
// and no Domain, so a sibling host cannot plant or overwrite the cookie.
const (
	CookieName       = "v6admin_session"
	SecureCookieName = "__Host-v6admin_session"
)

// DefaultTTL is the longest a session lives when the engine gives its token
// no earlier expiry.
const DefaultTTL = 8 * time.Hour

// Errors of Manager.Read.
var (
	ErrNoSession = errors.New("session: no session cookie")
	ErrInvalid   = errors.New("session: invalid session cookie")
	ErrExpired   = errors.New("session: session expired")
)

// Session is one logged-in browser session. Token is the engine's access
// token: never write it to a response or a log (String and Format hide it).
type Session struct {
	User    string    // engine user name, e.g. admin@internal
	Token   string    // engine SSO access token
	CSRF    string    // CSRF token the UI sends in X-CSRF-Token
	Issued  time.Time // login time
	Expires time.Time // end of the session
}

// String describes the session without its token.
func (s *Session) String() string {
	if s == nil {
		return "session.Session(nil)"
	}
	return fmt.Sprintf("session.Session{user: %q, expires: %s, token: ******}", s.User, s.Expires.UTC().Format(time.RFC3339))
}

// Format implements fmt.Formatter so that no verb prints the token.
func (s *Session) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }

// CheckCSRF reports whether token is the session's CSRF token (in constant
// time).
func (s *Session) CheckCSRF(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRF)) == 1
}

// payload is the sealed content.
type payload struct {
	User    string `json:"u"`
	Token   string `json:"t"`
	CSRF    string `json:"c"`
	Issued  int64  `json:"i"`
	Expires int64  `json:"e"`
}

// Options configure a Manager.
type Options struct {
	// Secure marks the cookie Secure and names it with the __Host- prefix;
	// set it whenever browsers reach the BFF over https (TLS here or at a
	// load balancer).
	Secure bool
	// TTL bounds a session's life (DefaultTTL if zero); the engine token's
	// own expiry, when earlier, wins.
	TTL time.Duration
	// Now returns the current time (time.Now if nil).
	Now func() time.Time
}

// Manager seals, opens, writes and clears session cookies.
type Manager struct {
	keys   *Keyring
	name   string
	secure bool
	ttl    time.Duration
	now    func() time.Time
	opened openedCache
}

// Bounds of the cache of opened cookies.
const (
	// OpenedCacheTTL is how long an opened cookie is remembered.
	OpenedCacheTTL = 30 * time.Second
	// OpenedCacheSize is the most cookies remembered at once.
	OpenedCacheSize = 4096
	// maxCachedCookie is the longest cookie value remembered.
	maxCachedCookie = 4096
)

// openedCache remembers, per cookie value, the session a cookie opened to,
// for OpenedCacheTTL: a browser sends the same cookie with every request,
// and opening it (base64, AES-GCM, JSON) is most of the BFF's own work on
// the proxy path. Only cookies that opened are remembered (a forged or
// tampered cookie never is: nobody can fill the cache without logging in),
// at most OpenedCacheSize of them (about 4 MB with the longest cookies),
// and each hit checks the session's expiry again. It changes nothing of
// what is accepted: a cookie opens to the same session whether it comes
// from the cache or not, and revocation is the engine's (a logged-out
// token gets 401 from the engine either way).
type openedCache struct {
	mu sync.RWMutex
	m  map[string]openedEntry
}

type openedEntry struct {
	s     Session
	until time.Time
}

func (c *openedCache) get(value string, now time.Time) (Session, bool) {
	c.mu.RLock()
	e, ok := c.m[value]
	c.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return Session{}, false
	}
	return e.s, true
}

func (c *openedCache) put(value string, s *Session, now time.Time) {
	if len(value) > maxCachedCookie {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]openedEntry)
	}
	if len(c.m) >= OpenedCacheSize {
		// Drop the stale entries; if none is stale, an arbitrary one.
		for k, e := range c.m {
			if !now.Before(e.until) {
				delete(c.m, k)
			}
		}
		for k := range c.m {
			if len(c.m) < OpenedCacheSize {
				break
			}
			delete(c.m, k)
		}
	}
	c.m[value] = openedEntry{s: *s, until: now.Add(OpenedCacheTTL)}
}

// cached returns the number of remembered cookies (tests).
func (c *openedCache) cached() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}

// NewManager returns a manager using the keyring.
func NewManager(keys *Keyring, o Options) *Manager {
	m := &Manager{keys: keys, name: CookieName, secure: o.Secure, ttl: o.TTL, now: o.Now}
	if o.Secure {
		m.name = SecureCookieName
	}
	if m.ttl <= 0 {
		m.ttl = DefaultTTL
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}

// CookieName returns the name of the session cookie.
func (m *Manager) CookieName() string { return m.name }

// Secure reports whether cookies are marked Secure.
func (m *Manager) Secure() bool { return m.secure }

// New starts a session for user with an engine token expiring at
// tokenExpiry (zero if unknown), with a fresh CSRF token.
func (m *Manager) New(user, token string, tokenExpiry time.Time) *Session {
	now := m.now()
	exp := now.Add(m.ttl)
	if !tokenExpiry.IsZero() && tokenExpiry.Before(exp) {
		exp = tokenExpiry
	}
	return &Session{User: user, Token: token, CSRF: randomToken(), Issued: now, Expires: exp}
}

// randomToken returns 32 random bytes in base64url.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Seal encrypts s into a cookie value with the current key.
func (m *Manager) Seal(s *Session) (string, error) {
	plain, err := json.Marshal(payload{User: s.User, Token: s.Token, CSRF: s.CSRF, Issued: s.Issued.Unix(), Expires: s.Expires.Unix()})
	if err != nil {
		return "", err
	}
	k := m.keys.keys[0]
	hdr := make([]byte, 0, 1+keyIDSize+k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	hdr = append(hdr, formatVersion)
	hdr = append(hdr, k.id[:]...)
	nonce := make([]byte, k.aead.NonceSize())
	_, _ = rand.Read(nonce)
	out := append(hdr, nonce...)
	out = k.aead.Seal(out, nonce, plain, m.aad(out[:1+keyIDSize]))
	return base64.RawURLEncoding.EncodeToString(out), nil
}

func (m *Manager) aad(hdr []byte) []byte {
	return append([]byte(m.name+"\x00"), hdr...)
}

// Open decrypts and checks a cookie value: ErrInvalid for anything that was
// not sealed by one of the keyring's keys under this cookie name, ErrExpired
// for a session past its expiry.
func (m *Manager) Open(value string) (*Session, error) {
	raw, err := base64.RawURLEncoding.DecodeString(value)
	if err != nil || len(raw) < 1+keyIDSize || raw[0] != formatVersion {
		return nil, ErrInvalid
	}
	k, ok := m.keys.find(raw[1 : 1+keyIDSize])
	if !ok {
		return nil, ErrInvalid
	}
	ns := k.aead.NonceSize()
	if len(raw) < 1+keyIDSize+ns+k.aead.Overhead() {
		return nil, ErrInvalid
	}
	nonce := raw[1+keyIDSize : 1+keyIDSize+ns]
	plain, err := k.aead.Open(nil, nonce, raw[1+keyIDSize+ns:], m.aad(raw[:1+keyIDSize]))
	if err != nil {
		return nil, ErrInvalid
	}
	var p payload
	if err := json.Unmarshal(plain, &p); err != nil || p.Token == "" || p.User == "" || p.CSRF == "" {
		return nil, ErrInvalid
	}
	s := &Session{User: p.User, Token: p.Token, CSRF: p.CSRF, Issued: time.Unix(p.Issued, 0), Expires: time.Unix(p.Expires, 0)}
	if !m.now().Before(s.Expires) {
		return nil, ErrExpired
	}
	return s, nil
}

// Read returns the session of a request. A cookie value opened in the last
// OpenedCacheTTL is not decrypted again; its session's expiry is checked
// again.
func (m *Manager) Read(r *http.Request) (*Session, error) {
	c, err := r.Cookie(m.name)
	if err != nil || c.Value == "" {
		return nil, ErrNoSession
	}
	now := m.now()
	if s, ok := m.opened.get(c.Value, now); ok {
		if !now.Before(s.Expires) {
			return nil, ErrExpired
		}
		return &s, nil
	}
	s, err := m.Open(c.Value)
	if err == nil {
		m.opened.put(c.Value, s, now)
	}
	return s, err
}

// Cookie returns the Set-Cookie for s: HttpOnly, SameSite=Strict, Path=/,
// Secure when configured, expiring with the session.
func (m *Manager) Cookie(s *Session) (*http.Cookie, error) {
	v, err := m.Seal(s)
	if err != nil {
		return nil, err
	}
	maxAge := int(s.Expires.Sub(m.now()).Seconds())
	if maxAge < 1 {
		maxAge = 1
	}
	return &http.Cookie{
		Name: m.name, Value: v, Path: "/",
		MaxAge: maxAge, Expires: s.Expires.UTC(),
		HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteStrictMode,
	}, nil
}

// ClearCookie returns a Set-Cookie that deletes the session cookie.
func (m *Manager) ClearCookie() *http.Cookie {
	return &http.Cookie{
		Name: m.name, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0).UTC(),
		HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteStrictMode,
	}
}

// Write sets the session cookie on a response.
func (m *Manager) Write(w http.ResponseWriter, s *Session) error {
	c, err := m.Cookie(s)
	if err != nil {
		return err
	}
	http.SetCookie(w, c)
	return nil
}

// Clear deletes the session cookie.
func (m *Manager) Clear(w http.ResponseWriter) { http.SetCookie(w, m.ClearCookie()) }

// contextKey is the echo.Context key of the request's session.
const contextKey = "v6admin.session"

// Middleware reads the session cookie of every request and stores a valid
// session for From. A cookie that is present but invalid or expired is
// cleared and the request goes on without a session.
func (m *Manager) Middleware() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			s, err := m.Read(c.Request())
			switch {
			case err == nil:
				c.Set(contextKey, s)
			case !errors.Is(err, ErrNoSession):
				m.Clear(c.Response())
			}
			return next(c)
		}
	}
}

// From returns the session stored by Middleware, or nil.
func From(c echo.Context) *Session {
	s, _ := c.Get(contextKey).(*Session)
	return s
}

// Set stores s as the request's session (after a login).
func Set(c echo.Context, s *Session) { c.Set(contextKey, s) }

// Forget removes the request's session (after a logout or an engine 401),
// so that later middleware sees none.
func Forget(c echo.Context) { c.Set(contextKey, nil) }
