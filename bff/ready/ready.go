// Package ready runs the IPv6 readiness checks (package readiness) against
// an engine: Command is the `v6admin readiness` subcommand, which
// prints the report as text (grouped by severity, each finding's what, why
// and how) or as CSV.
package ready

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
	"strings"
	"time"

	"v6admin/bff/ready/collect"
	"v6admin/bff/server"
	"v6admin/engine/client"
	"v6admin/engine/embedded"
	"v6admin/engine/embedded/lab"
	"v6admin/readiness"
)

// embeddedHost is the host name the command's throwaway embedded engine
// answers on, in-process (server.LocalTransport).
const embeddedHost = "[::1]"

// Command is `v6admin readiness [flags]`: it reaches the engine (a real one
// at --engine-url, or with "embedded" a throwaway built-in engine on a
// temporary data directory, seeded with the demo and legacy labs), runs
// the checks and writes the report to stdout.
func Command(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("v6admin readiness", flag.ContinueOnError)
	fs.SetOutput(stderr)
	engineURL := fs.String("engine-url", env("engine-url", "embedded"), `oVirt engine API URL, e.g. https://[2001:db8::10]/ovirt-engine/api, or "embedded" for a throwaway built-in engine with the lab`)
	caFile := fs.String("engine-ca-file", env("engine-ca-file", ""), "PEM file of the CA that signed the engine's certificate; default: the system roots")
	timeout := fs.Duration("engine-timeout", 30*time.Second, "timeout of each request to the engine")
	user := fs.String("user", env("engine-user", "admin@internal"), "engine user (user@profile)")
	passFile := fs.String("password-file", env("engine-password-file", ""), "file holding the engine user's password (else V6ADMIN_ENGINE_PASSWORD)")
	format := fs.String("format", "text", "text or csv")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("readiness: unexpected arguments: %q", fs.Args())
	}
	if *format != "text" && *format != "csv" {
		return fmt.Errorf("readiness: --format: %q is not text or csv", *format)
	}
	var (
		c        *client.Client
		password string
		resolver readiness.Resolver = net.DefaultResolver
		err      error
	)
	if *engineURL == "embedded" {
		dir, err := os.MkdirTemp("", "v6admin-readiness-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		eng, err := embedded.Open(ctx, embedded.Config{DataDir: dir, AdminPassword: embedded.DefaultAdminPassword, LegacyLab: true,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			return fmt.Errorf("readiness: embedded engine: %w", err)
		}
		defer eng.Close()
		*engineURL = "http://" + embeddedHost + "/ovirt-engine/api"
		rt := server.LocalTransport(embeddedHost, eng.Handler(), http.DefaultTransport)
		if c, err = client.New(*engineURL, client.WithTransport(rt), client.WithTimeout(*timeout)); err != nil {
			return err
		}
		password, resolver = embedded.DefaultAdminPassword, lab.Resolver{}
	} else {
		opts := []client.Option{client.WithTimeout(*timeout)}
		if *caFile != "" {
			opts = append(opts, client.WithCAFile(*caFile))
		}
		if c, err = client.New(*engineURL, opts...); err != nil {
			return fmt.Errorf("readiness: %w", err)
		}
		if password, err = readPassword(*passFile); err != nil {
			return err
		}
	}
	tok, err := c.Login(ctx, *user, password)
	if err != nil {
		return fmt.Errorf("readiness: login as %s: %w", *user, err)
	}
	s := c.WithToken(tok.AccessToken.Reveal())
	defer func() { _ = c.Logout(context.WithoutCancel(ctx), tok.AccessToken.Reveal()) }()
	snap, err := collect.Snapshot(ctx, s, c.URL())
	if err != nil {
		return fmt.Errorf("readiness: %w", err)
	}
	rep := readiness.Run(ctx, snap, resolver)
	if *format == "csv" {
		return readiness.WriteCSV(stdout, rep)
	}
	return WriteText(stdout, c.URL(), rep)
}

// readPassword reads the password from file, else V6ADMIN_ENGINE_PASSWORD
// (never from a flag: the command line is visible to every user).
func readPassword(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("readiness: --password-file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	if p, ok := os.LookupEnv("V6ADMIN_ENGINE_PASSWORD"); ok {
		return p, nil
	}
	return "", errors.New("readiness: no password: set V6ADMIN_ENGINE_PASSWORD or --password-file")
}

// env returns V6ADMIN_<NAME> or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv("V6ADMIN_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))); ok {
		return v
	}
	return def
}

// WriteText writes the human report: the scores, then the blockers and the
// warnings, each finding with its object, what, why, how and fix.
func WriteText(w io.Writer, engineURL string, rep readiness.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "IPv6 readiness of %s\n\n", engineURL)
	for _, s := range rep.Scores {
		name := "Overall"
		if s.DataCenter != "" {
			name = "Data center " + s.DataCenter
		}
		fmt.Fprintf(&b, "%-24s %3d objects: %3d IPv6-only, %3d dual-stack, %3d IPv4-only, %3d none\n", name+":", s.Total(), s.IPv6Only, s.DualStack, s.IPv4Only, s.None)
	}
	for _, sev := range []readiness.Severity{readiness.Blocker, readiness.Warning} {
		var fs []readiness.Finding
		for _, f := range rep.Findings {
			if f.Severity == sev {
				fs = append(fs, f)
			}
		}
		title := map[readiness.Severity]string{readiness.Blocker: "Blockers", readiness.Warning: "Warnings"}[sev]
		fmt.Fprintf(&b, "\n%s (%d)\n", title, len(fs))
		for _, f := range fs {
			o := f.Object
			fmt.Fprintf(&b, "\n  [%s] %s %s", f.Check, o.Kind, o.Name)
			if o.DataCenter != "" {
				fmt.Fprintf(&b, " (data center %s)", o.DataCenter)
			}
			if o.OS != "" && (o.Kind == readiness.KindHost || f.Check == readiness.CheckAutoconfEl8) {
				fmt.Fprintf(&b, " — %s", o.OS)
			}
			fmt.Fprintf(&b, "\n    What: %s\n    Why:  %s\n    How:  %s\n    Fix:  %s\n", f.What, f.Why, f.How, f.Fix)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
