// Package server builds v6admin's BFF: the Echo application that serves the
// wasm UI, keeps each browser's engine session in an encrypted cookie,
// offers the UI-shaped JSON API, proxies the engine API, streams engine
// events over a WebSocket and exposes health, readiness and Prometheus
// metrics.
//
// Routes (the full table, method and path: testdata/routes.golden):
//
//	GET  /healthz            "ok" while the process serves
//	GET  /readyz             200 {"status":"ready"} when the engine answers (cached 2 s), else 503
//	GET  /metrics            Prometheus text format
//	     /api/...            UI-shaped JSON API (package api); unknown paths: JSON 404
//	     /api/engine/...     engine API proxy (package proxy)
//	GET  /ws                 engine events (package events)
//	GET  /web/*              static files, app.wasm precompressed (package webui)
//	     /*                  go-app pages and resources
//
// Middleware, outermost first: panic recovery, request metrics, request id,
// security headers (CSP, HSTS under TLS), body limit (larger for
// setupnetworks), session cookie, CSRF. Errors of
// every handler go through one Echo HTTPErrorHandler writing the apierr
// envelope; internal errors are masked and logged with log/slog (never a
// token, a password or a request body).
package server

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"v6admin/bff/api"
	"v6admin/bff/apierr"
	"v6admin/bff/events"
	"v6admin/bff/guard"
	"v6admin/bff/metrics"
	"v6admin/bff/proxy"
	"v6admin/bff/session"
	"v6admin/bff/upstream"
	"v6admin/engine/client"
	"v6admin/readiness"
)

// Defaults of the Config limits.
const (
	DefaultBodyLimit      = 1 << 20
	DefaultEngineTimeout  = 30 * time.Second
	DefaultLoginPerMinute = 10
	DefaultLoginBurst     = 5
	readyTimeout          = 2 * time.Second
	readyCacheTTL         = 2 * time.Second
)

// Config configures the server. EngineURL and Keys are required.
type Config struct {
	// EngineURL is the engine API URL, e.g. https://[2001:db8::10]/ovirt-engine/api
	// or, for the embedded engine, http://[::1]:8080/ovirt-engine/api.
	EngineURL string
	// EngineTransport carries every request to the engine (API client,
	// proxy, readiness); nil means upstream.New(NewEngineTransport(nil)).
	EngineTransport http.RoundTripper
	// EngineTimeout bounds each engine request (DefaultEngineTimeout).
	EngineTimeout time.Duration
	// Keys seal the session cookies; replicas share sessions by sharing
	// them.
	Keys *session.Keyring
	// SessionTTL bounds sessions (session.DefaultTTL if zero).
	SessionTTL time.Duration
	// TLS is true when this server terminates TLS: HSTS is sent and
	// cookies are Secure.
	TLS bool
	// SecureCookies marks cookies Secure (and __Host-) without TLS here,
	// for a TLS-terminating load balancer in front.
	SecureCookies bool
	// UI serves the pages and /web/* (a *webui.UI); nil serves the API
	// only.
	UI UI
	// BodyLimit limits request bodies (DefaultBodyLimit).
	BodyLimit int64
	// DemoPassword is the built-in engine's demo password when it is in
	// use ("" otherwise): GET /api/login-info tells the login page.
	DemoPassword string
	// Resolver resolves names for the readiness report (GET
	// /api/readiness): the embedded lab's name table (lab.Resolver) when
	// the built-in engine runs; nil means the BFF's own net.DefaultResolver,
	// each lookup bounded by api.DefaultLookupTimeout.
	Resolver readiness.Resolver
	// LoginPerMinute and LoginBurst limit login attempts per client (an
	// IPv6 /64 or an IPv4 address).
	LoginPerMinute, LoginBurst int
	// LoginLimiter, when set, is the limiter of every password check on
	// the listener (shared with the embedded engine's SSO and Basic
	// authentication); LoginPerMinute and LoginBurst are then unused.
	LoginLimiter *guard.Limiter
	// TrustedProxies are load balancers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// AllowedOrigins are extra page origins for CSRF and WebSocket checks
	// ("https://admin.example.com"), when a proxy rewrites the Host.
	AllowedOrigins []string
	// ProxyAllow lists unsafe engine API requests the proxy lets through
	// ("POST /hosts/*/refresh"); GET and HEAD always pass.
	ProxyAllow []string
	// EventPoll and EventHeartbeat tune the event followers (1 s, 15 s).
	EventPoll, EventHeartbeat time.Duration
	// Logger receives the logs (slog.Default if nil).
	Logger *slog.Logger
	// Metrics is the registry /metrics serves (metrics.NewRegistry() if
	// nil: with the Go runtime and process collectors).
	Metrics *prometheus.Registry
	// BuildID labels v6admin_build_info.
	BuildID string
}

// UI is what the server needs of the user interface; *webui.UI has it.
type UI interface {
	// Static serves /web/*.
	Static() http.Handler
	// Pages serves the go-app pages and generated resources.
	Pages() http.Handler
	// StaticPath is the path of a file of the static directory.
	StaticPath(name string) string
}

// Server is the BFF.
type Server struct {
	echo     *echo.Echo
	hub      *events.Hub
	sessions *session.Manager
	engine   *client.Client
	log      *slog.Logger
	reg      *prometheus.Registry

	readyURL string
	readyRT  http.RoundTripper
	readyMu  sync.Mutex
	readyAt  time.Time
	readyErr error
}

// NewEngineTransport returns the HTTP transport for the engine: the
// standard one (proxy from the environment, HTTP/2) with short connect and
// handshake timeouts, many idle connections per host (the proxy reuses
// them), a read buffer of EngineReadBuffer, and TLS verified against roots (the system's if nil). TLS 1.2 is
// the minimum.
//
// It sets no ResponseHeaderTimeout: how long the engine may take is decided
// per request by its context deadline. The server gives every engine request
// one: the engine timeout (API calls, proxy, event polls), the readiness
// probe's 2 s, and for setupnetworks and syncallnetworks their
// connectivity_timeout (up to 600 s) plus the engine timeout, which a fixed
// transport-wide limit would cut short; a request that comes without a
// deadline gets the engine timeout from the server's transport wrapper.
func NewEngineTransport(roots *x509.CertPool) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 0
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	t.IdleConnTimeout = 90 * time.Second
	t.ReadBufferSize = EngineReadBuffer
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots}
	return t
}

// EngineReadBuffer is the read buffer of each engine connection: an engine
// answer of usual size (a list of hosts is about 11 KB) is read in one
// system call, where the default 4 KiB took one per 4 KiB.
const EngineReadBuffer = 32 << 10

// LoadCAFile reads PEM certificates for NewEngineTransport.
func LoadCAFile(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("engine CA file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("engine CA file %s holds no PEM certificate", path)
	}
	return pool, nil
}

// New builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.Keys == nil {
		return nil, errors.New("server: no session keys")
	}
	if cfg.EngineTimeout <= 0 {
		cfg.EngineTimeout = DefaultEngineTimeout
	}
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = DefaultBodyLimit
	}
	if cfg.LoginPerMinute <= 0 {
		cfg.LoginPerMinute = DefaultLoginPerMinute
	}
	if cfg.LoginBurst <= 0 {
		cfg.LoginBurst = DefaultLoginBurst
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	reg := cfg.Metrics
	if reg == nil {
		reg = metrics.NewRegistry()
	}
	rt := cfg.EngineTransport
	if rt == nil {
		rt = upstream.New(NewEngineTransport(nil))
	}
	rt = instrument(reg, rt, cfg.EngineTimeout)
	engine, err := client.New(cfg.EngineURL, client.WithTransport(rt), client.WithTimeout(cfg.EngineTimeout))
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	var rules []proxy.Rule
	for _, a := range cfg.ProxyAllow {
		r, err := proxy.ParseRule(a)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	px, err := proxy.New(proxy.Options{Target: engine.URL(), Transport: rt, Timeout: cfg.EngineTimeout, Allow: rules})
	if err != nil {
		return nil, err
	}
	secure := cfg.TLS || cfg.SecureCookies
	s := &Server{
		sessions: session.NewManager(cfg.Keys, session.Options{Secure: secure, TTL: cfg.SessionTTL}),
		engine:   engine, log: log, reg: reg, readyURL: engine.URL(), readyRT: rt,
	}
	var originHosts []string
	for _, o := range cfg.AllowedOrigins {
		if i := strings.Index(o, "://"); i >= 0 {
			originHosts = append(originHosts, o[i+3:])
		}
	}
	s.hub = events.NewHub(events.Options{
		Source: events.EngineSource{Client: engine}, PollInterval: cfg.EventPoll, Heartbeat: cfg.EventHeartbeat,
		FetchTimeout: cfg.EngineTimeout, OriginPatterns: originHosts, Logger: log, Metrics: reg,
	})

	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "v6admin_build_info", Help: "The running build (value 1).",
		ConstLabels: prometheus.Labels{"build": orDefault(cfg.BuildID, "dev")},
	}, func() float64 { return 1 }))
	httpMetrics := metrics.NewHTTP(reg)
	logins := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "v6admin_logins_total", Help: "Login attempts by result."}, []string{"result"})
	limited := prometheus.NewCounter(prometheus.CounterOpts{Name: "v6admin_login_rate_limited_total", Help: "Login attempts refused by the rate limit."})
	reg.MustRegister(logins, limited)
	loginOK, loginFailed := logins.WithLabelValues("ok"), logins.WithLabelValues("failed")

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Logger.SetOutput(discard{})
	e.HTTPErrorHandler = apierr.Handler(apierr.Options{Logger: log, OnError: func(c echo.Context, ae *apierr.Error) {
		if ae.Code == apierr.CodeSessionExpired && !c.Response().Committed {
			s.sessions.Clear(c.Response())
			session.Forget(c)
		}
	}})
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisableStackAll: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			log.Error("panic", "path", c.Request().URL.Path, "err", err, "stack", string(stack))
			return apierr.Internal(err)
		},
	}))
	e.Use(httpMetrics.Middleware(func(err error) int { return apierr.From(err).Status }))
	e.Use(requestID)
	e.Use(guard.Headers(cfg.TLS))
	e.Use(guard.BodyLimitRoutes(cfg.BodyLimit, map[string]int64{
		// Up to 1024 attachments and 128 bonds in one apply.
		http.MethodPost + " /api" + api.SetupNetworksRoute: max(cfg.BodyLimit, api.SetupNetworksBodyLimit),
	}))
	e.Use(s.sessions.Middleware())
	e.Use(guard.CSRF(guard.CSRFOptions{AllowedOrigins: cfg.AllowedOrigins}))

	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", echo.WrapHandler(metrics.Handler(reg)))

	g := e.Group("/api", noStore)
	ip := guard.ClientIP{Trusted: cfg.TrustedProxies}
	api.Register(g, api.Deps{
		Engine: engine, Sessions: s.sessions, Log: log, DemoPassword: cfg.DemoPassword,
		LoginLimit:     guard.RateLimit(loginLimiter(cfg), ip, limited.Inc),
		OnLogin:        loginOK.Inc,
		OnLoginFailure: loginFailed.Inc,
		OnLogout:       s.hub.Revoke,
		Resolver:       cfg.Resolver,
	})
	g.Any("/engine", px.Handler)
	g.Any("/engine/*", px.Handler)
	g.Any("/*", func(c echo.Context) error { return apierr.NotFound("There is no such API endpoint.") })
	g.Any("", func(c echo.Context) error { return apierr.NotFound("There is no such API endpoint.") })

	e.GET("/ws", s.hub.Handler)

	if ui := cfg.UI; ui != nil {
		e.GET("/web/*", echo.WrapHandler(ui.Static()))
		e.HEAD("/web/*", echo.WrapHandler(ui.Static()))
		// go-app proxies these by fetching http://<Host header>/web/...,
		// a request to wherever the client says: answer them here.
		e.GET("/robots.txt", func(c echo.Context) error { return c.File(ui.StaticPath("robots.txt")) })
		e.GET("/sitemap.xml", notFound)
		e.GET("/ads.txt", notFound)
		e.Any("/*", echo.WrapHandler(ui.Pages()))
	}
	// Route labels: the patterns registered above, nothing a client sends.
	httpMetrics.SetRoutes(e.Routes())
	s.echo = e
	return s, nil
}

func notFound(echo.Context) error { return apierr.NotFound("") }

// loginLimiter is Config.LoginLimiter, else a limiter of its own.
func loginLimiter(cfg Config) *guard.Limiter {
	if cfg.LoginLimiter != nil {
		return cfg.LoginLimiter
	}
	return guard.NewLimiter(cfg.LoginPerMinute, cfg.LoginBurst)
}

// requestID gives every request an id, sent back as X-Request-Id and to
// the engine as Correlation-Id (engine events carry it as correlation_id).
// The browser may choose it, to know the id of a request (a setupnetworks)
// before its answer and show that request's events as they come: a single
// X-Request-Id header that ClientRequestID accepts is used as it is;
// anything else (missing, repeated, malformed) is ignored and a short random
// id is made.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var id string
		if vs := c.Request().Header.Values(echo.HeaderXRequestID); len(vs) == 1 && ClientRequestID(vs[0]) {
			id = vs[0]
		} else {
			id = strconv.FormatUint(rand.Uint64()>>16, 16) // not a secret: no syscall
		}
		c.Set(api.RequestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// Lengths of a client-chosen request id.
const (
	MinClientRequestID = 8
	MaxClientRequestID = 36 // a UUID
)

// ClientRequestID reports whether id, sent by a client as X-Request-Id, is
// safe to use as the request id: 8 to 36 characters, each an ASCII letter,
// digit or '-'. Such an id cannot split a header, hide in a log line or
// break a path, and is a Correlation-Id the engine accepts (oVirt refuses
// ids of more than 50 characters or with special characters).
func ClientRequestID(id string) bool {
	if len(id) < MinClientRequestID || len(id) > MaxClientRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
		default:
			return false
		}
	}
	return true
}

// noStore keeps API answers out of caches.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Echo returns the Echo instance (tests, extra routes).
func (s *Server) Echo() *echo.Echo { return s.echo }

// Engine returns the engine client.
func (s *Server) Engine() *client.Client { return s.engine }

// Sessions returns the session manager.
func (s *Server) Sessions() *session.Manager { return s.sessions }

// Hub returns the events hub.
func (s *Server) Hub() *events.Hub { return s.hub }

// Close stops the event followers and closes the WebSocket tabs (which
// http.Server.Shutdown does not do: they are hijacked).
func (s *Server) Close() { s.hub.Close() }

// readyz reports whether the engine answers: any HTTP answer of its API
// root (401 without a token) counts; the result is cached briefly so that
// probes do not load the engine.
func (s *Server) readyz(c echo.Context) error {
	err := s.engineReachable(c.Request().Context())
	c.Response().Header().Set("Cache-Control", "no-store")
	if err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "not_ready", "engine": "unreachable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready", "engine": "reachable"})
}

func (s *Server) engineReachable(ctx context.Context) error {
	s.readyMu.Lock()
	defer s.readyMu.Unlock()
	if !s.readyAt.IsZero() && time.Since(s.readyAt) < readyCacheTTL {
		return s.readyErr
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readyTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.readyURL, nil)
	if err == nil {
		req.Header.Set("Accept", "application/json")
		var resp *http.Response
		resp, err = s.readyRT.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				err = fmt.Errorf("engine answered %d", resp.StatusCode)
			}
		}
	}
	if err != nil && (s.readyErr == nil || s.readyAt.IsZero()) {
		s.log.Warn("engine not reachable", "err", err)
	}
	s.readyAt, s.readyErr = time.Now(), err
	return err
}

// discard is an io.Writer for Echo's own logger (errors go through slog).
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// instrument wraps the engine transport with upstream metrics: requests
// by method, operation (the API collection, "sso" or "logout") and status,
// latency by operation, and transport errors. It also bounds a request that
// has no deadline of its own by timeout (until its body is closed): every
// caller sets one, this is the backstop that keeps it so.
func instrument(reg prometheus.Registerer, rt http.RoundTripper, timeout time.Duration) http.RoundTripper {
	m := &meteredRT{
		rt:      rt,
		timeout: timeout,
		reqs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "v6admin_engine_requests_total", Help: "Requests to the engine by method, operation and status.",
		}, []string{"method", "op", "code"}),
		lat: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "v6admin_engine_request_duration_seconds", Help: "Engine latency (until the response headers) by operation.",
			Buckets: metrics.DefaultBuckets,
		}, []string{"op"}),
		errs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "v6admin_engine_errors_total", Help: "Engine requests that got no response (transport errors, timeouts) by operation.",
		}, []string{"op"}),
	}
	reg.MustRegister(m.reqs, m.lat, m.errs)
	return m
}

type meteredRT struct {
	rt      http.RoundTripper
	timeout time.Duration
	reqs    *prometheus.CounterVec
	lat     *prometheus.HistogramVec
	errs    *prometheus.CounterVec
}

func (m *meteredRT) RoundTrip(r *http.Request) (*http.Response, error) {
	op := operation(r.URL.Path)
	var cancel context.CancelFunc
	if _, ok := r.Context().Deadline(); !ok && m.timeout > 0 {
		var ctx context.Context
		ctx, cancel = context.WithTimeout(r.Context(), m.timeout)
		r = r.WithContext(ctx)
	}
	start := time.Now()
	resp, err := m.rt.RoundTrip(r)
	m.lat.WithLabelValues(op).Observe(time.Since(start).Seconds())
	if err != nil {
		if cancel != nil {
			cancel()
		}
		m.errs.WithLabelValues(op).Inc()
		return nil, err
	}
	if cancel != nil {
		resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	}
	m.reqs.WithLabelValues(metrics.Method(r.Method), op, metrics.Code(resp.StatusCode)).Inc()
	return resp, nil
}

// cancelBody releases the backstop deadline of a response when its body is
// closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// operation names an engine path for metrics with few label values.
func operation(p string) string {
	switch {
	case strings.HasSuffix(p, client.SSOTokenPath):
		return "sso"
	case strings.HasSuffix(p, client.LogoutPath):
		return "logout"
	}
	i := strings.Index(p, "/ovirt-engine/api")
	if i < 0 {
		return "other"
	}
	rest := strings.Trim(p[i+len("/ovirt-engine/api"):], "/")
	if rest == "" {
		return "root"
	}
	first, _, _ := strings.Cut(rest, "/")
	switch first {
	case "hosts", "events", "jobs", "clusters", "datacenters", "networks", "storagedomains",
		"openstacknetworkproviders", "externalhostproviders":
		return first
	}
	return "other"
}
