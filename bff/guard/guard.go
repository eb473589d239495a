// Package guard holds the BFF's hardening: security headers (a CSP without
// remote origins that lets the wasm UI run, HSTS under TLS), CSRF protection
// on unsafe methods, a request body limit, the client address behind
// trusted proxies, one per-client limit of password checks (counting IPv6
// clients per /64) for the BFF's login and the embedded engine's SSO and
// Basic authentication, and the Host check against DNS rebinding.
//
// The Echo middleware refuses with an *apierr.Error, so the client sees the
// BFF's JSON envelope (403 csrf_failed, 413 body_too_large, 429
// rate_limited). Listener wraps the whole listener (the BFF and the
// embedded engine): security headers on every response and 421 for a
// foreign Host; EngineLimit refuses in the engine's own shape.
package guard

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
)

// CSP is the Content-Security-Policy of every response. go-app's page loads
// /wasm_exec.js and /app.js from this origin and has no inline script or
// style; instantiating app.wasm needs 'wasm-unsafe-eval' (never
// 'unsafe-eval' or 'unsafe-inline'). connect-src 'self' covers fetch and the
// same-origin WebSocket. Components must not use inline styles
// (app.Elem.Style sets a style attribute, which style-src 'self' blocks):
// use classes in app.css.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

// HSTS is the Strict-Transport-Security value sent under TLS.
const HSTS = "max-age=63072000; includeSubDomains"

// SetHeaders sets the security headers of every response of the listener
// (the BFF's and the embedded engine's); hsts adds Strict-Transport-Security
// (only meaningful over https). It is the one definition of them: Headers
// (Echo) and Listener (the whole listener) both use it.
//
// The values are shared, read-only slices (of capacity 1, so that an Add
// to one response's header copies instead of writing into them): setting
// them allocates nothing, and setting them twice (Listener, then Headers)
// costs only the map assignments.
func SetHeaders(h http.Header, hsts bool) {
	for _, kv := range securityHeaders {
		h[kv.key] = kv.value
	}
	if hsts {
		h["Strict-Transport-Security"] = hstsValue
	}
}

// securityHeaders are the header values of SetHeaders, keys canonical.
var securityHeaders = []struct {
	key   string
	value []string
}{
	{"Content-Security-Policy", shared(CSP)},
	{"X-Content-Type-Options", shared("nosniff")},
	{"Referrer-Policy", shared("no-referrer")},
	{"Cross-Origin-Opener-Policy", shared("same-origin")},
	{"Cross-Origin-Resource-Policy", shared("same-origin")},
	{"X-Frame-Options", shared("DENY")},
	{"Permissions-Policy", shared("camera=(), microphone=(), geolocation=(), payment=(), usb=()")},
}

var hstsValue = shared(HSTS)

// shared returns a one-value header slice of capacity 1, to be shared by
// responses: an Add to it copies, a Set replaces it; nothing may assign to
// its element.
func shared(v string) []string { return []string{v}[:1:1] }

// Headers sets the security headers (SetHeaders) on every response of the
// Echo application.
func Headers(hsts bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			SetHeaders(c.Response().Header(), hsts)
			return next(c)
		}
	}
}

// CSRFHeader is the request header carrying the session's CSRF token.
const CSRFHeader = "X-CSRF-Token"

// SafeMethod reports whether a method is safe (no CSRF check).
func SafeMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// CSRFOptions configure CSRF.
type CSRFOptions struct {
	// AllowedOrigins are extra origins ("https://admin.example.com") whose
	// pages may send unsafe requests, for a load balancer that rewrites
	// the Host header. The request's own host is always allowed.
	AllowedOrigins []string
}

// CSRF protects unsafe methods (POST, PUT, PATCH, DELETE, ...):
//
//   - Sec-Fetch-Site, when the browser sends it, must be same-origin or
//     none (typed by the user);
//   - Origin, when present, must be this server's own origin (same host
//     and port as the Host header) or an allowed origin; "null" is refused;
//   - with a session, X-CSRF-Token must equal the session's CSRF token
//     (a synchronizer token kept in the encrypted cookie, handed to the UI
//     by POST/GET /api/session).
//
// Without a session only the first two apply: that is the login request,
// and every other unsafe endpoint answers 401 anyway. The session
// middleware must run first.
func CSRF(o CSRFOptions) echo.MiddlewareFunc {
	allowed := map[string]bool{}
	for _, a := range o.AllowedOrigins {
		if u, err := url.Parse(strings.TrimSpace(a)); err == nil && u.Host != "" {
			allowed[normHostPort(u.Host, u.Scheme)] = true
		}
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if SafeMethod(r.Method) {
				return next(c)
			}
			if err := checkOrigin(r, allowed); err != nil {
				return err
			}
			if s := session.From(c); s != nil && !s.CheckCSRF(r.Header.Get(CSRFHeader)) {
				return apierr.New(http.StatusForbidden, apierr.CodeCSRF,
					"The request lacks a valid CSRF token. Reload the page and try again.")
			}
			return next(c)
		}
	}
}

// checkOrigin applies the Sec-Fetch-Site and Origin rules.
func checkOrigin(r *http.Request, allowed map[string]bool) error {
	refuse := apierr.New(http.StatusForbidden, apierr.CodeCSRF, "Cross-site requests are not allowed.")
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return refuse
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" || u.User != nil {
		return refuse
	}
	o := normHostPort(u.Host, u.Scheme)
	if o == "" {
		return refuse
	}
	if allowed[o] || o == normHostPort(r.Host, u.Scheme) {
		return nil
	}
	return refuse
}

// normHostPort returns "host:port" with the host lower-cased (an IP literal
// in its canonical form, brackets for IPv6) and the scheme's default port
// filled in; "" if hp is malformed.
func normHostPort(hp, scheme string) string {
	if hp == "" {
		return ""
	}
	host, port, err := net.SplitHostPort(hp)
	if err != nil {
		var ae *net.AddrError
		if !errors.As(err, &ae) || !strings.Contains(ae.Err, "missing port") {
			return ""
		}
		host, port = strings.TrimSuffix(strings.TrimPrefix(hp, "["), "]"), ""
	}
	if port == "" {
		port = "80"
		if scheme == "https" {
			port = "443"
		}
	}
	host = strings.ToLower(host)
	if a, err := netip.ParseAddr(host); err == nil {
		host = a.String()
	}
	if host == "" {
		return ""
	}
	return net.JoinHostPort(host, port)
}

// BodyLimit refuses bodies larger than limit bytes with 413: at once when
// Content-Length says so, otherwise when the handler reads past the limit
// (the reader then fails with *http.MaxBytesError, which handlers map to
// 413 with IsTooLarge).
func BodyLimit(limit int64) echo.MiddlewareFunc { return BodyLimitRoutes(limit, nil) }

// BodyLimitRoutes is BodyLimit with other limits for some routes, keyed by
// method and Echo route path ("POST /api/hosts/:id/setupnetworks"); it must
// run after routing (Echo.Use, not Pre). Every other request gets limit.
func BodyLimitRoutes(limit int64, routes map[string]int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			limit := limit
			if n, ok := routes[r.Method+" "+c.Path()]; ok && n > 0 {
				limit = n
			}
			if r.ContentLength > limit {
				return apierr.TooLarge(limit)
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
			}
			return next(c)
		}
	}
}

// IsTooLarge reports whether err comes from reading past a body limit.
func IsTooLarge(err error) (int64, bool) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return mbe.Limit, true
	}
	return 0, false
}
