package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// serverOnly lists the import paths that must never reach the wasm, with
// everything below them: they are heavy, useless in a browser, or hold server
// secrets. (database/sql/driver is allowed: google/uuid, a go-app dependency,
// imports its interfaces.)
var serverOnly = []string{
	"github.com/labstack/echo/v4",
	"github.com/go-playground/validator/v10",
	"modernc.org/sqlite",
	"v6admin/bff",
	"v6admin/engine/embedded",
	"v6admin/engine/client",
}

// serverOnlyExact lists packages forbidden themselves but not their children.
var serverOnlyExact = []string{"database/sql", "net/http/httptest"}

// TestWasmDependencies lists what the wasm build links, and fails if a
// server-only package is among them.
func TestWasmDependencies(t *testing.T) {
	// go test puts its own go first in PATH.
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	var sawApp, sawValidation, sawWire bool
	for _, d := range deps {
		sawApp = sawApp || d == "github.com/maxence-charriere/go-app/v10/pkg/app"
		sawValidation = sawValidation || d == "v6admin/validation"
		sawWire = sawWire || d == "v6admin/wire" // the JSON of /api and /ws, shared with the BFF
		for _, bad := range serverOnly {
			if d == bad || strings.HasPrefix(d, bad+"/") {
				t.Errorf("the wasm build links %s (server-only %s)", d, bad)
			}
		}
		for _, bad := range serverOnlyExact {
			if d == bad {
				t.Errorf("the wasm build links %s (server-only)", d)
			}
		}
	}
	if !sawApp || !sawValidation || !sawWire {
		t.Fatalf("the dependency list looks wrong (go-app %v, validation %v, wire %v):\n%s", sawApp, sawValidation, sawWire, out)
	}
}
