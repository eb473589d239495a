package wire

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/api.golden")

// all is one value of every type of the package; TestEveryTypeInGolden
// keeps the list complete.
var all = []any{
	Addr{}, Ref{}, FieldError{}, ErrorEnvelope{}, Warning{},
	LoginRequest{}, Session{}, LoginInfo{}, LoginHint{}, DemoLogin{},
	Cluster{}, ClusterList{}, Host{}, HostList{}, PowerMgmt{}, NICSummary{}, NICAddress{}, NIC{}, IPConfig{}, Bond{},
	Agent{}, AgentList{}, FenceTest{}, AddHostResult{}, EngineSSHKey{}, HostActionResult{}, Job{},
	PowerMgmtRequest{}, FenceAgentRequest{}, AddHostRequest{}, EditHostRequest{}, OrderRequest{},
	Attachment{}, Reported{}, Network{}, HostNetwork{}, SetupResult{},
	IPv4Request{}, IPv6Request{}, AttachmentRequest{}, BondRequest{}, SetupNetworksRequest{},
	Provider{}, ProviderList{}, ProviderRequest{}, ProviderTestRequest{}, Certificate{}, Certificates{}, ProviderTest{},
	ImportRequest{}, ImportResult{},
	StorageDomain{}, StorageDomainList{}, LUN{}, LUNList{}, DomainCommon{}, NFSDomainRequest{}, LUNRequest{},
	ISCSIDomainRequest{}, ISCSIRequest{}, ISCSITarget{}, Discovery{}, ISCSILoginResult{},
	Event{}, EventList{}, WSMessage{},
	VM{}, VMList{}, VMNIC{}, Console{}, ConsoleProxy{}, VMSession{}, VMActionResult{},
	StartVMRequest{}, CloudInitRequest{}, CloudInitNIC{}, EditVMRequest{}, MigrateVMRequest{}, MigrationPlan{},
	Readiness{}, ReadinessObject{}, ReadinessAddress{}, ReadinessFinding{}, ReadinessFix{}, ReadinessDiff{}, ReadinessScore{},
}

// fill sets every member of v to a non-zero value, so that omitempty
// members show too: strings "x", numbers 7 (kinds and scopes 1), booleans true, one-element
// slices and maps, allocated pointers, a fixed time.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
			return
		}
		if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok { // validation.Host
			if err := u.UnmarshalText([]byte("x")); err != nil {
				panic(err)
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0))
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k)
		fill(e)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint8: // the kinds and scopes of package validation: their first
		v.SetUint(1)
	case reflect.Float64:
		v.SetFloat(7)
	}
}

// snapshot is the JSON of every type, empty and filled.
func snapshot(t *testing.T) []byte {
	var b bytes.Buffer
	b.WriteString("# The JSON of every type of package wire: zero value, then every member set.\n# go test ./wire -update rewrites this file.\n")
	for _, v := range all {
		typ := reflect.TypeOf(v)
		zero, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		full := reflect.New(typ)
		fill(full.Elem())
		filled, err := json.MarshalIndent(full.Interface(), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n== " + typ.Name() + "\n" + string(zero) + "\n" + string(filled) + "\n")
	}
	return b.Bytes()
}

// TestGolden compares the JSON of every type with testdata/api.golden: a
// member renamed, added, dropped or omitted differently shows here (and
// in the diff of the golden file).
func TestGolden(t *testing.T) {
	got := snapshot(t)
	const path = "testdata/api.golden"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./wire -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the JSON differs from %s; if the change is meant, run go test ./wire -update and commit the diff:\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

// TestEveryTypeInGolden: every struct type declared in the package is in
// all (so in the golden file), and no member is an untyped any or map of
// any.
func TestEveryTypeInGolden(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var declared []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				if _, ok := ts.Type.(*ast.StructType); ok {
					declared = append(declared, ts.Name.Name)
				}
			}
			return true
		})
	}
	var listed []string
	for _, v := range all {
		listed = append(listed, reflect.TypeOf(v).Name())
		checkTyped(t, reflect.TypeOf(v), reflect.TypeOf(v).Name())
	}
	slices.Sort(declared)
	slices.Sort(listed)
	if !slices.Equal(declared, listed) {
		t.Errorf("declared struct types %v\nin the golden list %v", declared, listed)
	}
}

func checkTyped(t *testing.T, typ reflect.Type, path string) {
	switch typ.Kind() {
	case reflect.Interface:
		t.Errorf("%s is untyped (%s)", path, typ)
	case reflect.Pointer, reflect.Slice:
		checkTyped(t, typ.Elem(), path)
	case reflect.Map:
		checkTyped(t, typ.Elem(), path+"[]")
	case reflect.Struct:
		for i := range typ.NumField() {
			if typ.Field(i).IsExported() { // what goes on the wire
				checkTyped(t, typ.Field(i).Type, path+"."+typ.Field(i).Name)
			}
		}
	}
}

// TestPathsAreRoutes: every path the UI calls is a route the BFF
// registers (bff/server's route golden file).
func TestPathsAreRoutes(t *testing.T) {
	f, err := os.Open("../bff/server/testdata/routes.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	routes := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fs := strings.Fields(sc.Text()); len(fs) == 2 {
			routes[fs[1]] = true
		}
	}
	for _, c := range []struct{ got, route string }{
		{PathSession, "/api/session"}, {PathLoginInfo, "/api/login-info"}, {PathClusters, "/api/clusters"},
		{PathHosts, "/api/hosts"}, {PathEngineSSHKey, "/api/engine-ssh-key"}, {PathEvents, "/api/events"},
		{PathProviders, "/api/providers"}, {PathProviderTest, "/api/providers/test"},
		{PathStorageDomains, "/api/storage-domains"}, {PathNFSDomains, "/api/storage-domains/nfs"},
		{PathISCSIDomains, "/api/storage-domains/iscsi"}, {PathWS, "/ws"},
		{HostPath("h 1"), "/api/hosts/:id"},
		{HostPath("h1", "network"), "/api/hosts/:id/network"},
		{HostPath("h1", "fence-agents/order"), "/api/hosts/:id/fence-agents/order"},
		{FenceAgentPath("h1", "a/1", false), "/api/hosts/:id/fence-agents/:agent"},
		{FenceAgentPath("h1", "a1", true), "/api/hosts/:id/fence-agents/:agent/test"},
		{ProviderPath("network", "p1"), "/api/providers/:kind/:id"},
		{PathVMs, "/api/vms"}, {VMPath("v 1"), "/api/vms/:id"},
		{VMPath("v1", "start"), "/api/vms/:id/start"}, {VMPath("v1", "stop"), "/api/vms/:id/stop"},
		{VMPath("v1", "shutdown"), "/api/vms/:id/shutdown"}, {VMPath("v1", "migrate"), "/api/vms/:id/migrate"},
		{VMPath("v1", "migration-plan"), "/api/vms/:id/migration-plan"}, {VMPath("v1", "console.vv"), "/api/vms/:id/console.vv"},
		{PathReadiness, "/api/readiness"},
	} {
		if !routes[c.route] {
			t.Errorf("%s is not a route of the BFF", c.route)
		}
		if !matches(c.route, c.got) {
			t.Errorf("%q does not match the route %s", c.got, c.route)
		}
	}
}

// matches reports whether path fits route (":x" is one escaped segment).
func matches(route, path string) bool {
	r, p := strings.Split(route, "/"), strings.Split(path, "/")
	if len(r) != len(p) {
		return false
	}
	for i := range r {
		if strings.HasPrefix(r[i], ":") {
			if p[i] == "" {
				return false
			}
		} else if r[i] != p[i] {
			return false
		}
	}
	return true
}
