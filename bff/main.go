// Command v6admin is the v6admin server: the backend-for-frontend that
// serves the wasm UI and, in embedded mode, the built-in oVirt engine.
//
// Usage:
//
//	v6admin [--listen [::]:8080] [--static-dir static]
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
	"strings"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"v6admin/bff/webui"
)

// config is what the flags set.
type config struct {
	Listen    string
	StaticDir string
}

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
	srv := &http.Server{
		Handler:           newEcho(ui),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // app.wasm over a slow link
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	for _, u := range urls(ln.Addr()) {
		fmt.Fprintf(stdout, "v6admin %s listening on %s\n", ui.BuildID(), u)
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
