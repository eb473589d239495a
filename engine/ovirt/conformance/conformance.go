// Package conformance describes the JSON members engine/ovirt declares, as
// kinds comparable with oVirt's API model, and reads and writes the
// committed table (model.txt) that the generator (engine/ovirt/internal/modelgen)
// builds from a local checkout of ovirt-engine-api-model.
//
// A member is "<ModelType>.<json name>" with a kind:
//
//	boolean, integer      JSON strings ("true", "54321"); integer covers xs:int
//	                      and xs:long (both string-encoded since oVirt 4.3)
//	decimal, date         JSON numbers (dates in epoch milliseconds)
//	string                a JSON string (also a model enum read as text)
//	enum                  a JSON string from the values the table lists
//	object <Type>         a nested object of model type Type
//	list <key> <Type>     a list wrapper {"<key>": [...]} of Type (or string)
//
// The members href, link and actions are structural: the metamodel adds them
// to every identified type and to Action; they are not in the table.
package conformance

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"v6admin/engine/ovirt"
)

// Member is one JSON member of a model type.
type Member struct {
	Type string   // model type ("Host")
	Name string   // JSON name ("address")
	Kind string   // boolean, integer, decimal, date, string, enum, object, list
	Ref  string   // object/list: the model type (or "string" for a list of strings)
	Key  string   // list: the wrapper's key
	Enum []string // enum: the allowed values (table) or declared values (Go)
}

// String formats m as a table line.
func (m Member) String() string {
	s := m.Type + "." + m.Name + " " + m.Kind
	switch m.Kind {
	case "object":
		s += " " + m.Ref
	case "list":
		s += " " + m.Key + " " + m.Ref
	case "enum":
		s += " " + m.Ref + " " + strings.Join(m.Enum, ",")
	}
	return s
}

// Structural reports whether a JSON name is added by the metamodel rather
// than declared by a model type.
func Structural(name string) bool { return name == "href" || name == "link" || name == "actions" }

// Roots are the engine/ovirt types the walk starts from: every body the
// client reads or writes.
var Roots = []any{
	ovirt.Api{}, ovirt.Hosts{}, ovirt.Host{}, ovirt.HostNics{}, ovirt.NetworkAttachments{}, ovirt.Agents{},
	ovirt.OpenStackNetworkProviders{}, ovirt.ExternalHostProviders{}, ovirt.Certificates{},
	ovirt.StorageDomains{}, ovirt.HostStorages{}, ovirt.DataCenters{}, ovirt.Clusters{}, ovirt.Networks{},
	ovirt.Events{}, ovirt.Jobs{}, ovirt.Steps{}, ovirt.Statistics{}, ovirt.Action{}, ovirt.Fault{},
}

// modelName maps Go type names that differ from the model's.
var modelName = map[string]string{}

var (
	tBool    = reflect.TypeOf(ovirt.Bool(false))
	tInt     = reflect.TypeOf(ovirt.Int(0))
	tLong    = reflect.TypeOf(ovirt.Long(0))
	tDecimal = reflect.TypeOf(ovirt.Decimal(0))
	tTime    = reflect.TypeOf(ovirt.Time{})
	tLink    = reflect.TypeOf(ovirt.Link{})
	tActions = reflect.TypeOf(ovirt.Actions{})
)

// wrapperElem returns the single slice field of a list wrapper struct.
func wrapperElem(t reflect.Type) (reflect.StructField, bool) {
	if t.Kind() != reflect.Struct || t.NumField() != 1 || t.Field(0).Type.Kind() != reflect.Slice {
		return reflect.StructField{}, false
	}
	return t.Field(0), true
}

func jsonName(f reflect.StructField) string {
	n, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return n
}

// ModelType returns the model type name of a Go struct type.
func ModelType(t reflect.Type) string {
	if n, ok := modelName[t.Name()]; ok {
		return n
	}
	return t.Name()
}

// Walk returns every member the Go types reachable from Roots declare, with
// its Go kind (enum values are those of enums, keyed by Go type name), sorted.
func Walk(enums map[string][]string) []Member {
	seen := map[reflect.Type]bool{}
	out := map[string]Member{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t == tTime || t == tLink || t == tActions {
			return
		}
		seen[t] = true
		if f, ok := wrapperElem(t); ok { // a collection: its element type
			visit(f.Type.Elem())
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := jsonName(f)
			if name == "" || name == "-" || Structural(name) {
				continue
			}
			m := Member{Type: ModelType(t), Name: name}
			kindOf(f.Type, &m, enums, visit)
			out[m.Type+"."+m.Name] = m
		}
	}
	for _, r := range Roots {
		visit(reflect.TypeOf(r))
	}
	ms := make([]Member, 0, len(out))
	for _, m := range out {
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Type+"."+ms[i].Name < ms[j].Type+"."+ms[j].Name })
	return ms
}

func kindOf(t reflect.Type, m *Member, enums map[string][]string, visit func(reflect.Type)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case tBool:
		m.Kind = "boolean"
		return
	case tInt, tLong:
		m.Kind = "integer"
		return
	case tDecimal:
		m.Kind = "decimal"
		return
	case tTime:
		m.Kind = "date"
		return
	}
	switch t.Kind() {
	case reflect.String:
		m.Kind = "string"
		if vs, ok := enums[t.Name()]; ok {
			m.Kind, m.Ref, m.Enum = "enum", t.Name(), vs
		}
	case reflect.Struct:
		if f, ok := wrapperElem(t); ok {
			m.Kind, m.Key = "list", jsonName(f)
			e := f.Type.Elem()
			if e.Kind() == reflect.String {
				m.Ref = "string"
			} else {
				m.Ref = ModelType(e)
			}
		} else {
			m.Kind, m.Ref = "object", ModelType(t)
		}
		visit(t)
	default:
		m.Kind = "go:" + t.String()
	}
}

// Table is the committed model table: its header lines and members by
// "Type.name".
type Table struct {
	Header  []string
	Members map[string]Member
}

// Write writes the header (as # comments) and the members, one a line.
func Write(w io.Writer, header []string, ms []Member) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	for _, m := range ms {
		fmt.Fprintln(bw, m.String())
	}
	return bw.Flush()
}

// Read parses a table written by Write.
func Read(r io.Reader) (*Table, error) {
	t := &Table{Members: map[string]Member{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			t.Header = append(t.Header, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: %q", n, line)
		}
		typ, name, ok := strings.Cut(f[0], ".")
		if !ok {
			return nil, fmt.Errorf("line %d: %q", n, line)
		}
		m := Member{Type: typ, Name: name, Kind: f[1]}
		switch {
		case m.Kind == "object" && len(f) == 3:
			m.Ref = f[2]
		case m.Kind == "list" && len(f) == 4:
			m.Key, m.Ref = f[2], f[3]
		case m.Kind == "enum" && len(f) == 4:
			m.Ref, m.Enum = f[2], strings.Split(f[3], ",")
		case len(f) == 2:
		default:
			return nil, fmt.Errorf("line %d: %q", n, line)
		}
		t.Members[f[0]] = m
	}
	return t, sc.Err()
}

// Compare returns one message for every Go member the table lacks or whose
// kind differs (a Go enum on a model string is accepted; a Go enum value
// must be one of the model enum's values).
func Compare(table map[string]Member, goMembers []Member) []string {
	var errs []string
	for _, g := range goMembers {
		key := g.Type + "." + g.Name
		m, ok := table[key]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: engine/ovirt declares it (%s); the model has no such member", key, g))
			continue
		}
		gk, mk := g.Kind, m.Kind
		if gk == "enum" && mk == "string" || gk == "string" && mk == "enum" {
			gk, mk = "string", "string"
		}
		switch {
		case gk != mk:
			errs = append(errs, fmt.Sprintf("%s: engine/ovirt gives it kind %s, the model %s", key, g, m))
		case gk == "object" && g.Ref != m.Ref:
			errs = append(errs, fmt.Sprintf("%s: engine/ovirt: object %s, the model: object %s", key, g.Ref, m.Ref))
		case gk == "list" && (g.Key != m.Key || g.Ref != m.Ref):
			errs = append(errs, fmt.Sprintf("%s: engine/ovirt: list %s %s, the model: list %s %s", key, g.Key, g.Ref, m.Key, m.Ref))
		case gk == "enum":
			allowed := map[string]bool{}
			for _, v := range m.Enum {
				allowed[v] = true
			}
			for _, v := range g.Enum {
				if !allowed[v] {
					errs = append(errs, fmt.Sprintf("%s: engine/ovirt value %q of %s is not a value of the model's %s", key, v, g.Ref, m.Ref))
				}
			}
		}
	}
	return errs
}
