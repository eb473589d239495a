package validation

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestStandardLibraryOnly keeps the package compilable into the wasm UI and
// the server alike: its files import the standard library only, and never
// regexp (addresses are parsed with net/netip).
func TestStandardLibraryOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first, _, _ := strings.Cut(path, "/")
			if strings.Contains(first, ".") || first == "v6admin" {
				t.Errorf("%s imports %q: validation must use the standard library only", name, path)
			}
			if path == "regexp" && !strings.HasSuffix(name, "_test.go") {
				t.Errorf("%s imports regexp: parse addresses with net/netip", name)
			}
		}
	}
}
