// Command v6admin is the v6admin server: the backend-for-frontend that
// serves the wasm UI and, in embedded mode, the built-in oVirt engine.
//
// Usage:
//
//	v6admin [--listen [::]:8080] [--public-url https://admin.example] [--static-dir static] [--engine-url embedded]
//	        [--data-dir .data] [--admin-password PASSWORD]
//	        [--engine-ca-file ca.pem] [--engine-timeout 30s]
//	        [--session-key-file key] [--session-ttl 8h] [--secure-cookies]
//	        [--tls-cert cert.pem --tls-key key.pem]
//	        [--trusted-proxies ::1,10.0.0.0/8] [--allowed-origins https://admin.example]
//	        [--proxy-allow "POST /hosts/*/refresh"] [--body-limit 1048576]
//	        [--login-rate 10] [--login-burst 5]
//	        [--network-apply-delay 1s] [--seed-scale-host] [--seed-legacy-lab=true]
//	        [--event-max-age 720h] [--event-max-count 100000]
//	        [--job-succeeded-max-age 10m] [--job-failed-max-age 1h] [--job-max-count 1000]
//
// The BFF itself (sessions, the JSON API, the engine proxy, the event
// WebSocket, metrics) is package v6admin/bff/server; this command parses the
// flags, opens the embedded engine if asked, and serves both.
//
// With --engine-url embedded (the default) the server opens the built-in
// engine in <data-dir>/engine and serves it on its own listener under
// /ovirt-engine/, as a real engine host does; the BFF reaches it over HTTP
// like any other engine. --network-apply-delay sets how long its simulated
// vdsm takes to apply a host network change (the change's job and event
// show meanwhile); --seed-scale-host adds the scale0 host (128 NICs, 256
// networks, in a data center and cluster "Scale" of their own) for
// measurements at scale; --seed-legacy-lab (on by default) adds the cluster
// Legacy, whose hosts, storage, providers and VM make every IPv6
// readiness check fire. The retention flags bound what it keeps: events
// (age and count) and ended jobs (age by outcome, and count), purged at
// start and every 10 minutes.
//
// The server answers only requests whose Host is one of its own: the address
// it listens on (for [::] or 0.0.0.0, the machine's addresses and host
// name), localhost, and the hosts of --public-url and --allowed-origins;
// anything else gets 421 (DNS rebinding). One rate limit (--login-rate,
// --login-burst, per IPv6 /64 or IPv4 address) covers every password check
// on the listener: the BFF's login and the embedded engine's SSO token and
// Basic authentication.
//
// The embedded engine's demo password is accepted only on a loopback-only
// listener. Listening elsewhere without --admin-password, the first start
// generates a random password, prints it once and keeps only its SHA-256 in
// <data-dir>/admin-password.sha256; later starts use that digest.
//
// Every flag can also be set through the environment as V6ADMIN_<FLAG>, e.g.
// V6ADMIN_LISTEN=[::1]:8080; a flag on the command line wins.
//
// `v6admin readiness [--engine-url URL|embedded] [--format text|csv]` prints
// the IPv6 readiness report instead (package v6admin/bff/ready).
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"v6admin/bff/guard"
	"v6admin/bff/ready"
	"v6admin/bff/server"
	"v6admin/bff/session"
	"v6admin/bff/upstream"
	"v6admin/bff/webui"
	"v6admin/engine/embedded"
	"v6admin/engine/embedded/lab"
	"v6admin/readiness"
)

// config is what the flags set.
type config struct {
	Listen         string
	StaticDir      string
	EngineURL      string // "embedded" or an engine's API URL
	DataDir        string
	AdminPassword  string // the embedded engine's admin@internal password
	EngineCAFile   string
	EngineTimeout  time.Duration
	SessionKeyFile string
	SessionTTL     time.Duration
	SecureCookies  bool
	TLSCert        string
	TLSKey         string
	TrustedProxies []netip.Prefix
	AllowedOrigins []string
	PublicURL      string // the URL people open, behind a proxy or a DNS name
	ProxyAllow     []string
	BodyLimit      int64
	LoginRate      int
	LoginBurst     int
	// embedded engine only
	NetworkApplyDelay time.Duration
	SeedScaleHost     bool
	SeedLegacyLab     bool
	Retention         retention
}

// embeddedEngine is the --engine-url value that selects the built-in engine.
const embeddedEngine = "embedded"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd := run
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "readiness" { // v6admin readiness: the IPv6 readiness report
		cmd, args = ready.Command, args[1:]
	}
	if err := cmd(ctx, args, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) { // --help: the usage is printed
			return
		}
		fmt.Fprintln(os.Stderr, "v6admin:", err)
		os.Exit(1)
	}
}

// parseFlags reads the flags, each falling back to V6ADMIN_<FLAG>.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var engineTimeout, sessionTTL, trusted, origins, allow, bodyLimit, loginRate, loginBurst, applyDelay string
	secureDefault, err := envBool("secure-cookies")
	if err != nil {
		return c, err
	}
	scaleDefault, err := envBool("seed-scale-host")
	if err != nil {
		return c, err
	}
	legacyDefault, err := strconv.ParseBool(env("seed-legacy-lab", "true"))
	if err != nil {
		return c, fmt.Errorf("V6ADMIN_SEED_LEGACY_LAB: %q is not true or false", env("seed-legacy-lab", ""))
	}
	fs := flag.NewFlagSet("v6admin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Listen, "listen", env("listen", "[::]:8080"), "address to listen on; [::]:port is dual-stack")
	fs.StringVar(&c.StaticDir, "static-dir", env("static-dir", "static"), "directory with app.wasm and the other static files")
	fs.StringVar(&c.EngineURL, "engine-url", env("engine-url", embeddedEngine), `oVirt engine API URL, e.g. https://[2001:db8::10]/ovirt-engine/api, or "embedded" for the built-in engine`)
	fs.StringVar(&c.DataDir, "data-dir", env("data-dir", ".data"), "directory for persistent state (the embedded engine's database, the generated session key)")
	fs.StringVar(&c.AdminPassword, "admin-password", env("admin-password", ""), "embedded engine: password of admin@internal (prefer V6ADMIN_ADMIN_PASSWORD; empty: the demo default)")
	fs.StringVar(&c.EngineCAFile, "engine-ca-file", env("engine-ca-file", ""), "PEM file of the CA that signed the engine's certificate (e.g. the engine's /etc/pki/ovirt-engine/ca.pem); default: the system roots")
	fs.StringVar(&engineTimeout, "engine-timeout", env("engine-timeout", "30s"), "timeout of each request to the engine")
	fs.StringVar(&c.SessionKeyFile, "session-key-file", env("session-key-file", ""), "file with the session cookie key(s), shared by all replicas; default: <data-dir>/session.key, generated on first start")
	fs.StringVar(&sessionTTL, "session-ttl", env("session-ttl", "8h"), "longest life of a login session (the engine's token expiry may end it sooner)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", secureDefault, "mark cookies Secure without --tls-cert (TLS ends at a load balancer)")
	fs.StringVar(&c.TLSCert, "tls-cert", env("tls-cert", ""), "PEM certificate (chain) to serve https; with --tls-key")
	fs.StringVar(&c.TLSKey, "tls-key", env("tls-key", ""), "PEM private key of --tls-cert")
	fs.StringVar(&trusted, "trusted-proxies", env("trusted-proxies", ""), "comma-separated addresses or prefixes of load balancers whose X-Forwarded-For is believed")
	fs.StringVar(&origins, "allowed-origins", env("allowed-origins", ""), "comma-separated extra page origins (https://admin.example.com) for CSRF and WebSocket checks, when a proxy rewrites Host")
	fs.StringVar(&c.PublicURL, "public-url", env("public-url", ""), "the URL people open (https://admin.example.com), when it is not an address of the listener: its host is accepted in the Host header (others get 421) and its origin as --allowed-origins")
	fs.StringVar(&allow, "proxy-allow", env("proxy-allow", ""), `comma-separated unsafe requests the /api/engine proxy lets through, e.g. "POST /hosts/*/refresh" (GET and HEAD always pass)`)
	fs.StringVar(&bodyLimit, "body-limit", env("body-limit", "1048576"), "largest request body in bytes (413 beyond)")
	fs.StringVar(&loginRate, "login-rate", env("login-rate", "10"), "login attempts per minute per client (an IPv6 /64 or an IPv4 address)")
	fs.StringVar(&loginBurst, "login-burst", env("login-burst", "5"), "login attempts a client may make at once")
	fs.StringVar(&applyDelay, "network-apply-delay", env("network-apply-delay", "1s"), "embedded engine: how long its simulated vdsm takes to apply host network changes (0s: at once)")
	fs.BoolVar(&c.SeedScaleHost, "seed-scale-host", scaleDefault, "embedded engine: add the scale0 host with 128 NICs and 256 networks (data center and cluster Scale), for make bench")
	fs.BoolVar(&c.SeedLegacyLab, "seed-legacy-lab", legacyDefault, "embedded engine: add the cluster Legacy (hosts legacy1, legacy2 and their IPv6 traps), where every readiness check fires")
	c.Retention.register(fs)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if c.EngineTimeout, err = positiveDuration("engine-timeout", engineTimeout); err != nil {
		return c, err
	}
	if c.SessionTTL, err = positiveDuration("session-ttl", sessionTTL); err != nil {
		return c, err
	}
	if c.NetworkApplyDelay, err = time.ParseDuration(applyDelay); err != nil || c.NetworkApplyDelay < 0 {
		return c, fmt.Errorf("--network-apply-delay: %q is not a duration such as 1s or 0s", applyDelay)
	}
	if err := c.Retention.parse(); err != nil {
		return c, err
	}
	if c.TrustedProxies, err = guard.ParsePrefixes(trusted); err != nil {
		return c, fmt.Errorf("--trusted-proxies: %w", err)
	}
	c.AllowedOrigins = splitList(origins)
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, fmt.Errorf("--public-url: %q is not an http(s) URL such as https://admin.example.com", c.PublicURL)
		}
		if _, _, ok := guard.ParseHost(u.Host); !ok {
			return c, fmt.Errorf("--public-url: %q is not a host name or address", u.Host)
		}
		c.AllowedOrigins = append(c.AllowedOrigins, u.Scheme+"://"+u.Host)
	}
	for _, o := range c.AllowedOrigins {
		if u, err := url.Parse(o); err != nil || u.Host == "" {
			return c, fmt.Errorf("--allowed-origins: %q is not an origin such as https://admin.example.com", o)
		}
	}
	c.ProxyAllow = splitList(allow)
	if c.BodyLimit, err = strconv.ParseInt(bodyLimit, 10, 64); err != nil || c.BodyLimit < 1024 {
		return c, fmt.Errorf("--body-limit: %q is not a number of bytes of at least 1024", bodyLimit)
	}
	for _, v := range []struct {
		name string
		s    string
		dst  *int
	}{{"login-rate", loginRate, &c.LoginRate}, {"login-burst", loginBurst, &c.LoginBurst}} {
		n, err := strconv.Atoi(v.s)
		if err != nil || n < 1 {
			return c, fmt.Errorf("--%s: %q is not a whole number of at least 1", v.name, v.s)
		}
		*v.dst = n
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return c, errors.New("--tls-cert and --tls-key go together")
	}
	return c, nil
}

// positiveDuration parses a flag's duration.
func positiveDuration(name, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--%s: %q is not a positive duration such as 30s or 8h", name, s)
	}
	return d, nil
}

// envBool is the default of a boolean flag: V6ADMIN_<NAME>, else false.
func envBool(name string) (bool, error) {
	v := env(name, "false")
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("V6ADMIN_%s: %q is not true or false", strings.ToUpper(strings.ReplaceAll(name, "-", "_")), v)
	}
	return b, nil
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// env returns V6ADMIN_<NAME> (upper case, dashes as underscores) or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv("V6ADMIN_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))); ok {
		return v
	}
	return def
}

// run starts the server and blocks until ctx is done, then shuts down
// gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	ui, err := webui.New(cfg.StaticDir)
	if err != nil {
		return err
	}
	keys, err := sessionKeys(cfg, log)
	if err != nil {
		return err
	}
	var roots *x509.CertPool
	if cfg.EngineCAFile != "" {
		if roots, err = server.LoadCAFile(cfg.EngineCAFile); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	defer ln.Close()
	tlsOn := cfg.TLSCert != ""
	listenAddr := tcpAddr(ln.Addr())
	hosts, err := guard.NewHosts(guard.HostOptions{Listen: listenAddr, Origins: cfg.AllowedOrigins, Hostname: hostname()})
	if err != nil {
		return err
	}
	// One limit for every password check on the listener, per client.
	ip := guard.ClientIP{Trusted: cfg.TrustedProxies}
	passwords := guard.NewLimiter(cfg.LoginRate, cfg.LoginBurst)
	transport := server.NewEngineTransport(roots)
	var eng *embedded.Engine
	var engineHandler http.Handler
	var admin adminSecret
	if cfg.EngineURL == embeddedEngine {
		if admin, err = adminPassword(cfg, listenAddr.IsLoopback()); err != nil {
			return err
		}
		ecfg := embedded.Config{
			DataDir:           filepath.Join(cfg.DataDir, "engine"),
			AdminPassword:     admin.password,
			AdminPasswordHash: admin.hash,
			Logger:            log.With("component", "engine"),
			NetworkApplyDelay: cfg.NetworkApplyDelay,
			ScaleHost:         cfg.SeedScaleHost,
			LegacyLab:         cfg.SeedLegacyLab,
		}
		cfg.Retention.apply(&ecfg)
		eng, err = embedded.Open(ctx, ecfg)
		if err != nil {
			return fmt.Errorf("embedded engine: %w", err)
		}
		defer eng.Close()
		// The BFF's own logins at the engine were counted at
		// /api/session: its connections are known by their address.
		self := &guard.SelfConns{}
		transport.DialContext = self.Wrap(transport.DialContext)
		engineHandler = guard.EngineLimit(passwords, ip, self, nil, eng.Handler())
		cfg.EngineURL = localURL(ln.Addr()) + "ovirt-engine/api"
		if tlsOn {
			// The listener speaks TLS with a certificate for the public
			// name; the BFF reaches its engine over plain HTTP on a
			// loopback-only listener instead.
			lo, err := listenLoopback(ln.Addr())
			if err != nil {
				return err
			}
			defer lo.Close()
			loHosts, err := guard.NewHosts(guard.HostOptions{Listen: tcpAddr(lo.Addr())})
			if err != nil {
				return err
			}
			loSrv := &http.Server{Handler: guard.Listener(engineOnly(engineHandler), loHosts, false), ReadHeaderTimeout: 10 * time.Second}
			go loSrv.Serve(lo)
			defer loSrv.Close()
			cfg.EngineURL = localURL(lo.Addr()) + "ovirt-engine/api"
		}
	}
	// Reads from the engine go through upstream's pool (no
	// per-connection goroutines); the rest through transport.
	var engineRT http.RoundTripper = upstream.New(transport)
	if eng != nil {
		// The embedded engine is in this process: the BFF calls its
		// handler directly, without a loopback HTTP hop, and past the
		// listener's guard (the password limit counted a browser's login
		// at /api/session already; these requests carry no client's Host).
		if u, err := url.Parse(cfg.EngineURL); err == nil {
			engineRT = server.LocalTransport(u.Host, eng.Handler(), engineRT)
		}
	}
	bff, err := server.New(server.Config{
		EngineURL:       cfg.EngineURL,
		EngineTransport: engineRT,
		EngineTimeout:   cfg.EngineTimeout,
		Keys:            keys,
		SessionTTL:      cfg.SessionTTL,
		TLS:             tlsOn,
		SecureCookies:   cfg.SecureCookies,
		UI:              ui,
		BodyLimit:       cfg.BodyLimit,
		LoginLimiter:    passwords,
		TrustedProxies:  cfg.TrustedProxies,
		// The login page says so when the built-in engine runs with its
		// demo password (never a password the administrator chose).
		DemoPassword:   demoPassword(eng != nil, admin),
		Resolver:       readinessResolver(eng != nil),
		AllowedOrigins: cfg.AllowedOrigins,
		ProxyAllow:     cfg.ProxyAllow,
		Logger:         log,
		BuildID:        ui.BuildID(),
	})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           guard.Listener(withEngine(bff.Handler(), engineHandler), hosts, tlsOn),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // app.wasm over a slow link
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Shutdown does not wait for hijacked connections: close the event
	// WebSockets (1001 going away) and stop the followers.
	srv.RegisterOnShutdown(bff.Close)
	defer bff.Close()
	if eng != nil {
		// Nor for a host network change waiting out a connectivity check.
		srv.RegisterOnShutdown(eng.Stop)
	}
	if tlsOn {
		srv.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	for _, u := range urls(ln.Addr()) {
		if tlsOn {
			u = "https" + strings.TrimPrefix(u, "http")
		}
		fmt.Fprintf(stdout, "v6admin %s listening on %s\n", ui.BuildID(), u)
	}
	if eng != nil {
		if admin.save != nil {
			if err := admin.save(); err != nil {
				return fmt.Errorf("store the admin password's digest: %w", err)
			}
		}
		fmt.Fprintf(stdout, "embedded engine at %s: log in as %s with %s\n", cfg.EngineURL, embedded.AdminUser, admin.says)
	} else {
		fmt.Fprintf(stdout, "engine: %s\n", cfg.EngineURL)
	}
	errc := make(chan error, 1)
	go func() {
		if tlsOn {
			errc <- srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sessionKeys loads the session keys from --session-key-file, or from
// <data-dir>/session.key, generating it on first start.
func sessionKeys(cfg config, log *slog.Logger) (*session.Keyring, error) {
	if cfg.SessionKeyFile != "" {
		return session.LoadKeyFile(cfg.SessionKeyFile)
	}
	keys, created, err := session.LoadOrCreate(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if created {
		log.Info("generated a session key; copy it to every replica (or use --session-key-file)",
			"file", filepath.Join(cfg.DataDir, session.KeyFileName))
	}
	return keys, nil
}

// withEngine serves /ovirt-engine/... with the embedded engine (as a real
// engine host does) and everything else with the BFF. Paths are compared as
// they come: no cleaning, no redirects.
func withEngine(bff, engine http.Handler) http.Handler {
	if engine == nil {
		return bff
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/ovirt-engine/") {
			engine.ServeHTTP(w, r)
			return
		}
		bff.ServeHTTP(w, r)
	})
}

// engineOnly serves /ovirt-engine/... and 404 for anything else.
func engineOnly(engine http.Handler) http.Handler {
	return withEngine(http.NotFoundHandler(), engine)
}

// listenLoopback listens on a free port of the loopback of addr's family.
func listenLoopback(addr net.Addr) (net.Listener, error) {
	host := "::1"
	if ta, ok := addr.(*net.TCPAddr); ok && ta.IP.To4() != nil {
		host = "127.0.0.1"
	}
	return net.Listen("tcp", net.JoinHostPort(host, "0"))
}

// localURL is the base URL by which this process reaches its own listener:
// the loopback of the listener's family for a wildcard address.
func localURL(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := ta.IP.String()
	switch {
	case ta.IP.IsUnspecified() && ta.IP.To4() != nil:
		host = "127.0.0.1"
	case ta.IP.IsUnspecified():
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(ta.Port)) + "/"
}

// urls lists the URLs a person can open for a listener: for the wildcard
// address, the IPv6 and IPv4 loopback.
func urls(a net.Addr) []string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return []string{"http://" + a.String() + "/"}
	}
	port := fmt.Sprint(ta.Port)
	if ta.IP.IsUnspecified() {
		hosts := []string{"::1", "127.0.0.1"}
		if ta.IP.To4() != nil {
			hosts = hosts[1:]
		}
		var out []string
		for _, h := range hosts {
			out = append(out, "http://"+net.JoinHostPort(h, port)+"/")
		}
		return out
	}
	return []string{"http://" + net.JoinHostPort(ta.IP.String(), port) + "/"}
}

// demoPassword is the password the login page may show: the built-in
// engine's demo default, and only when it is the one in use (no password
// chosen, a loopback-only listener).
func demoPassword(builtIn bool, a adminSecret) string {
	if builtIn && a.demo {
		return embedded.DefaultAdminPassword
	}
	return ""
}

// AdminHashFile is the file in the data directory keeping the SHA-256 of a
// generated admin password (hex); the password itself is never stored.
const AdminHashFile = "admin-password.sha256"

// adminSecret is the embedded engine's admin password as decided at
// start-up: a password (chosen or the demo one) or only the digest of a
// generated one, and what the start-up line says about it.
type adminSecret struct {
	password string
	hash     *[32]byte
	demo     bool
	says     string
	// save, for a password generated now, stores its digest; it runs
	// just before the password is printed, so that a start that fails
	// earlier leaves no digest of a password nobody saw.
	save func() error
}

// adminPassword decides the embedded engine's admin password. A chosen
// password is used as it is, except the demo one off loopback. Without
// one, a loopback-only listener gets the demo password; any other gets a
// random password, generated on the first start, printed once (the start-up
// line says it) and kept only as its SHA-256 in <data-dir>/AdminHashFile
// (a random 144-bit password needs no slow hash); later starts read the
// digest.
func adminPassword(cfg config, loopback bool) (adminSecret, error) {
	switch {
	case cfg.AdminPassword == embedded.DefaultAdminPassword && !loopback:
		return adminSecret{}, errors.New("the demo password is accepted only on a loopback listener such as [::1]:8080: choose another --admin-password (V6ADMIN_ADMIN_PASSWORD)")
	case cfg.AdminPassword != "":
		return adminSecret{password: cfg.AdminPassword, says: "the password from --admin-password or V6ADMIN_ADMIN_PASSWORD"}, nil
	case loopback:
		return adminSecret{password: embedded.DefaultAdminPassword, demo: true,
			says: "password " + embedded.DefaultAdminPassword + " (demo default, accepted on loopback only; set V6ADMIN_ADMIN_PASSWORD to change it)"}, nil
	}
	file := filepath.Join(cfg.DataDir, AdminHashFile)
	if b, err := os.ReadFile(file); err == nil {
		var h [32]byte
		if n, err := hex.Decode(h[:], bytes.TrimSpace(b)); err != nil || n != len(h) {
			return adminSecret{}, fmt.Errorf("%s does not hold a SHA-256 in hex: delete it to generate a new admin password", file)
		}
		return adminSecret{hash: &h, says: "the password generated on the first start (printed then; delete " + file + " to generate a new one)"}, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return adminSecret{}, err
	}
	var raw [18]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return adminSecret{}, err
	}
	pw := base64.RawURLEncoding.EncodeToString(raw[:])
	h := sha256.Sum256([]byte(pw))
	save := func() error {
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return err
		}
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(f, "%x\n", h); err != nil {
			f.Close()
			os.Remove(file)
			return err
		}
		return f.Close()
	}
	return adminSecret{hash: &h, save: save,
		says: "password " + pw + " (generated for this listener, which is not loopback-only; shown only this once, only its SHA-256 is kept in " + file + ")"}, nil
}

// tcpAddr is the IP address of a listener.
func tcpAddr(a net.Addr) netip.Addr {
	if ta, ok := a.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(ta.IP); ok {
			return ip.Unmap()
		}
	}
	return netip.Addr{}
}

// hostname is the machine's name ("" if unknown).
func hostname() string {
	h, _ := os.Hostname()
	return h
}

// readinessResolver is what resolves names for the readiness report: the
// lab's name table when the built-in engine runs (its names exist nowhere
// else), else nil: the BFF's own resolver.
func readinessResolver(embeddedEngine bool) readiness.Resolver {
	if embeddedEngine {
		return lab.Resolver{}
	}
	return nil
}
