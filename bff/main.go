// Command v6admin is the v6admin server: the backend-for-frontend that
// serves the wasm UI and, in embedded mode, the built-in oVirt engine.
//
// Usage:
//
//	v6admin [--listen [::]:8080] [--static-dir static] [--engine-url embedded]
//	        [--data-dir .data] [--admin-password PASSWORD]
//
// With --engine-url embedded (the default) the server opens the built-in
// engine in <data-dir>/engine and serves it on its own listener under
// /ovirt-engine/, as a real engine host does; the BFF reaches it over HTTP
// like any other engine.
//
// Every flag can also be set through the environment as V6ADMIN_<FLAG>, e.g.
// V6ADMIN_LISTEN=[::1]:8080; a flag on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"v6admin/bff/webui"
	"v6admin/engine/embedded"
)

// config is what the flags set.
type config struct {
	Listen        string
	StaticDir     string
	EngineURL     string // "embedded" or an engine's API URL
	DataDir       string
	AdminPassword string // the embedded engine's admin@internal password
}

// embeddedEngine is the --engine-url value that selects the built-in engine.
const embeddedEngine = "embedded"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "v6admin:", err)
		os.Exit(1)
	}
}

// parseFlags reads the flags, each falling back to V6ADMIN_<FLAG>.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("v6admin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Listen, "listen", env("listen", "[::]:8080"), "address to listen on; [::]:port is dual-stack")
	fs.StringVar(&c.StaticDir, "static-dir", env("static-dir", "static"), "directory with app.wasm and the other static files")
	fs.StringVar(&c.EngineURL, "engine-url", env("engine-url", embeddedEngine), `oVirt engine API URL, e.g. https://[2001:db8::10]/ovirt-engine/api, or "embedded" for the built-in engine`)
	fs.StringVar(&c.DataDir, "data-dir", env("data-dir", ".data"), "directory for persistent state (the embedded engine's database)")
	fs.StringVar(&c.AdminPassword, "admin-password", env("admin-password", ""), "embedded engine: password of admin@internal (prefer V6ADMIN_ADMIN_PASSWORD; empty: the demo default)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	return c, nil
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
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	defer ln.Close()
	e := newEcho(ui)
	var eng *embedded.Engine
	if cfg.EngineURL == embeddedEngine {
		eng, err = embedded.Open(ctx, embedded.Config{
			DataDir:       filepath.Join(cfg.DataDir, "engine"),
			AdminPassword: cfg.AdminPassword,
			Logger:        log.With("component", "engine"),
		})
		if err != nil {
			return fmt.Errorf("embedded engine: %w", err)
		}
		defer eng.Close()
		e.Any("/ovirt-engine/*", echo.WrapHandler(eng.Handler()))
		cfg.EngineURL = localURL(ln.Addr()) + "ovirt-engine/api"
	}
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // app.wasm over a slow link
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	for _, u := range urls(ln.Addr()) {
		fmt.Fprintf(stdout, "v6admin %s listening on %s\n", ui.BuildID(), u)
	}
	if eng != nil {
		pw := "the password from --admin-password or V6ADMIN_ADMIN_PASSWORD"
		if cfg.AdminPassword == "" {
			pw = "password " + embedded.DefaultAdminPassword + " (demo default; set V6ADMIN_ADMIN_PASSWORD to change it)"
		}
		fmt.Fprintf(stdout, "embedded engine at %s: log in as %s with %s\n", cfg.EngineURL, embedded.AdminUser, pw)
	} else {
		fmt.Fprintf(stdout, "engine: %s\n", cfg.EngineURL)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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

// newEcho wires the routes.
func newEcho(ui *webui.UI) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(middleware.Recover())
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET("/web/*", echo.WrapHandler(ui.Static()))
	e.HEAD("/web/*", echo.WrapHandler(ui.Static()))
	// go-app proxies these by fetching http://<Host header>/web/..., a
	// request to wherever the client says: answer them here instead.
	e.GET("/robots.txt", func(c echo.Context) error { return c.File(ui.StaticPath("robots.txt")) })
	e.GET("/sitemap.xml", echo.NotFoundHandler)
	e.GET("/ads.txt", echo.NotFoundHandler)
	e.Any("/*", echo.WrapHandler(ui.Pages()))
	return e
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
