package guard

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"v6admin/engine/ovirt"
)

// Engine paths that check a password: the SSO password grant, and any API
// request with HTTP Basic credentials.
const (
	SSOTokenPath = "/ovirt-engine/sso/oauth/token"
	apiPath      = "/ovirt-engine/api"
)

// EngineLimit puts the embedded engine's password checks under the same
// Limiter as the BFF's login, per client: a POST to the SSO token endpoint
// and a request carrying "Authorization: Basic" each take a token of the
// client's key before the engine sees the password. Requests the BFF itself
// makes over its own connections (its logins on behalf of a browser, which
// RateLimit has already counted) are not counted twice: self tells them
// apart by the TCP peer, which a client cannot choose. self may be nil.
//
// A refused request gets 429 Too Many Requests with Retry-After, in the
// engine's shape: the SSO error JSON ({"error_code":"access_denied",...},
// as the token endpoint's other refusals) for the token endpoint, the API
// fault JSON for Basic. Not 400/401: those say the credentials are wrong,
// and a refusal is made without looking at them; 429 tells a client (and
// an attacker) only to wait.
func EngineLimit(l *Limiter, ip ClientIP, self *SelfConns, onLimited func(), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind := passwordCheck(r)
		if kind == checkNone || self.Is(r) {
			next.ServeHTTP(w, r)
			return
		}
		ok, wait := l.Allow(RateKey(ip.Of(r)))
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		if onLimited != nil {
			onLimited()
		}
		secs := retryAfter(wait)
		msg := "Too many login attempts from your network. Try again in " + strconv.Itoa(secs) + " s."
		var body any
		if kind == checkSSO {
			body = ovirt.NewSSOError(ovirt.SSOErrorAccessDenied, msg)
		} else {
			body = &ovirt.Fault{Reason: "Too Many Requests", Detail: "[" + msg + "]"}
		}
		b, _ := json.Marshal(body)
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Retry-After", strconv.Itoa(secs))
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write(b)
	})
}

type check int

const (
	checkNone check = iota
	checkSSO
	checkBasic
)

// passwordCheck tells whether the engine will check a password for r.
func passwordCheck(r *http.Request) check {
	if r.Method == http.MethodPost && strings.TrimRight(r.URL.Path, "/") == SSOTokenPath {
		return checkSSO
	}
	if scheme, _, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " "); strings.EqualFold(scheme, "basic") {
		return checkBasic
	}
	return checkNone
}

// SelfConns remembers the local addresses of the connections this process
// opens to its own listener (the BFF's requests to the embedded engine), so
// that the server can tell those requests by their TCP peer (RemoteAddr is
// the kernel's, not a header). An address is forgotten when its connection
// closes; while it is open no other connection to the listener can have it.
type SelfConns struct {
	mu sync.Mutex
	m  map[netip.AddrPort]int
}

// Dialer is the DialContext signature of http.Transport.
type Dialer func(ctx context.Context, network, addr string) (net.Conn, error)

// Wrap returns dial that remembers the connections it makes.
func (s *SelfConns) Wrap(dial Dialer) Dialer {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		ap := addrPort(c.LocalAddr().String())
		if !ap.IsValid() {
			return c, nil
		}
		s.mu.Lock()
		if s.m == nil {
			s.m = map[netip.AddrPort]int{}
		}
		s.m[ap]++
		s.mu.Unlock()
		return &selfConn{Conn: c, s: s, ap: ap}, nil
	}
}

// Is reports whether r came over a connection this process opened. A nil
// SelfConns knows none.
func (s *SelfConns) Is(r *http.Request) bool {
	if s == nil {
		return false
	}
	ap := addrPort(r.RemoteAddr)
	s.mu.Lock()
	defer s.mu.Unlock()
	return ap.IsValid() && s.m[ap] > 0
}

// Len is the number of connections remembered.
func (s *SelfConns) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

type selfConn struct {
	net.Conn
	s    *SelfConns
	ap   netip.AddrPort
	once sync.Once
}

func (c *selfConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		if c.s.m[c.ap]--; c.s.m[c.ap] <= 0 {
			delete(c.s.m, c.ap)
		}
		c.s.mu.Unlock()
	})
	return c.Conn.Close()
}

// addrPort parses "ip:port", unmapped and without a zone.
func addrPort(s string) netip.AddrPort {
	ap, err := netip.ParseAddrPort(s)
	if err != nil {
		return netip.AddrPort{}
	}
	return netip.AddrPortFrom(ap.Addr().WithZone("").Unmap(), ap.Port())
}
