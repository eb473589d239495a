package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"v6admin/engine/embedded"
)

// TestExample runs the README's go-ovirt example against a fresh built-in
// engine on [::1] (the demo password, as make run uses on loopback).
func TestExample(t *testing.T) {
	e, err := embedded.Open(context.Background(), embedded.Config{DataDir: t.TempDir(),
		AdminPassword: embedded.DefaultAdminPassword, InstallDelay: 10 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/ovirt-engine/api"

	var out bytes.Buffer
	if err := run(&out, url, embedded.AdminUser, embedded.DefaultAdminPassword); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"host0 2001:db8:10::11 up\n",
		"  eth0 2001:db8:10::11/64\n",
		"host1 host1.lab.example.org up\n",
		"added sdk-example 2001:db8:10::77 installing\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	out.Reset()
	if err := run(&out, url, embedded.AdminUser, embedded.DefaultAdminPassword); err != nil || !strings.Contains(out.String(), "sdk-example is there already") {
		t.Fatalf("a second run: %v\n%s", err, out.String())
	}
}

// TestReadmeShowsThisExample: the README's Go snippet is this command's
// source, so it cannot rot.
func TestReadmeShowsThisExample(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const open = "<!-- sdktest/example/main.go -->\n```go\n"
	_, rest, ok := strings.Cut(string(readme), open)
	if !ok {
		t.Fatalf("README.md has no %q block", open)
	}
	snippet, _, ok := strings.Cut(rest, "```\n")
	if !ok || snippet != string(src) {
		t.Fatal("README.md's go-ovirt example differs from sdktest/example/main.go: copy the file into the README")
	}
}
