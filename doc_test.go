// The module root holds no code, only this test, which covers every package
// of the module v6admin.
package v6admin_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// listedPackage is what TestPackageDocs reads of `go list -json`.
type listedPackage struct {
	Dir, ImportPath, Name string
	// The package's non-test files: those of this platform, and those its
	// build constraints leave out here (the wasm-only files of web/ and
	// components/, for instance).
	GoFiles, CgoFiles, IgnoredGoFiles []string
	Error                             *struct{ Err string }
}

// TestPackageDocs checks that every package of the module has exactly one
// package doc comment, in the form go doc shows in package lists: "Package
// <name> ..." for a library, any sentence (by convention "Command <name>
// ...") for a command. The packages are the module's as `go list ./...`
// sees them (testdata, node_modules and nested modules excluded), and every
// non-test file counts, whatever its build constraints.
func TestPackageDocs(t *testing.T) {
	pkgs := listModule(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages: not the whole module", len(pkgs))
	}
	for _, p := range pkgs {
		if p.Error != nil {
			t.Errorf("%s: %s", p.ImportPath, p.Error.Err)
			continue
		}
		files := slices.Concat(p.GoFiles, p.CgoFiles, p.IgnoredGoFiles)
		var docs []string
		n := 0
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			n++
			pf, err := parser.ParseFile(token.NewFileSet(), filepath.Join(p.Dir, f), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Errorf("%s: %v", p.ImportPath, err)
				continue
			}
			if pf.Doc != nil {
				docs = append(docs, f+": "+pf.Doc.Text())
			}
		}
		if n == 0 { // tests only, as this root package
			continue
		}
		if err := checkDocs(p.Name, docs); err != nil {
			t.Errorf("%s: %v", p.ImportPath, err)
		}
	}
}

// checkDocs says what is wrong with the package doc comments docs
// ("file: text") of a package named name, or returns nil.
func checkDocs(name string, docs []string) error {
	switch {
	case len(docs) == 0:
		return errors.New("no package doc comment")
	case len(docs) > 1:
		return errors.New("several package doc comments, want one: " + strings.Join(docs, " | "))
	}
	_, text, _ := strings.Cut(docs[0], ": ")
	if name != "main" && !strings.HasPrefix(text, "Package "+name+" ") {
		return errors.New("the package doc comment should begin \"Package " + name + " \": " + docs[0])
	}
	if strings.TrimSpace(text) == "" {
		return errors.New("empty package doc comment")
	}
	return nil
}

func TestCheckDocs(t *testing.T) {
	tests := []struct {
		name string
		docs []string
		ok   bool
	}{
		{"server", []string{"server.go: Package server builds the BFF.\n"}, true},
		{"main", []string{"main.go: Command web is the UI.\n"}, true},
		{"server", nil, false},
		{"server", []string{"a.go: Package server does a.\n", "b.go: Package server does b.\n"}, false},
		{"server", []string{"server.go: Server builds the BFF.\n"}, false},
		{"server", []string{"server.go: Package serverless is another.\n"}, false},
		{"main", []string{"main.go: \n"}, false},
	}
	for _, tt := range tests {
		if err := checkDocs(tt.name, tt.docs); (err == nil) != tt.ok {
			t.Errorf("checkDocs(%q, %q) = %v, want ok %v", tt.name, tt.docs, err, tt.ok)
		}
	}
}

// listModule runs `go list -e -json ./...` at the module root.
func listModule(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-json=Dir,ImportPath,Name,GoFiles,CgoFiles,IgnoredGoFiles,Error", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}
