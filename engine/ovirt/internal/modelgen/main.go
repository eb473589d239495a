// Command modelgen writes engine/ovirt/testdata/model.txt: every JSON member
// engine/ovirt declares, with its kind in oVirt's API model, read from a local
// checkout of ovirt-engine-api-model (types/*.java, and the parameters of
// the action methods in services/**/*.java for Action). Nothing is
// downloaded. Members the model lacks are reported and left out, so the
// conformance test (engine/ovirt/conformance_test.go) fails on them.
//
//	git clone https://github.com/oVirt/ovirt-engine-api-model /tmp/model
//	go run ./engine/ovirt/internal/modelgen -model /tmp/model -api engine/ovirt \
//	    -out engine/ovirt/testdata/model.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"v6admin/engine/ovirt/conformance"
)

type member struct{ typ, name string }

type jtype struct {
	name    string
	extends []string
	members []member
	enum    []string
}

var (
	commentRe = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	annotRe   = regexp.MustCompile(`@[A-Za-z]+(\([^)]*\))?`)
	ifaceRe   = regexp.MustCompile(`^\s*(?:public\s+)?interface\s+(\w+)(?:\s+extends\s+([\w\s,.]+))?\s*\{`)
	enumRe    = regexp.MustCompile(`(?s)public\s+enum\s+(\w+)\s*\{(.*?)(;|\})`)
	memberRe  = regexp.MustCompile(`^\s*([A-Z]\w*(?:\[\])?)\s+(_?[a-z]\w*)\(\)\s*;`)
	inOutRe   = regexp.MustCompile(`@(In|Out)\b`)
)

func strip(src string) string { return commentRe.ReplaceAllString(src, "") }

// snake turns a Java member name into the JSON name (fullVersion → full_version).
func snake(s string) string {
	s = strings.TrimPrefix(s, "_") // _import: a Java keyword
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// singular is the metamodel's rule for list wrapper keys.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss"):
		return s[:len(s)-1]
	}
	return s
}

func parseTypes(dir string) (map[string]*jtype, error) {
	files, err := filepath.Glob(filepath.Join(dir, "src/main/java/types/*.java"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no types/*.java under %s", dir)
	}
	types := map[string]*jtype{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		src := strip(string(b))
		if m := enumRe.FindStringSubmatch(src); m != nil {
			t := &jtype{name: m[1]}
			for _, v := range strings.Split(annotRe.ReplaceAllString(m[2], ""), ",") {
				if v = strings.TrimSpace(v); v != "" {
					t.enum = append(t.enum, strings.ToLower(v))
				}
			}
			types[t.name] = t
			continue
		}
		var t *jtype
		for _, line := range strings.Split(annotRe.ReplaceAllString(src, ""), "\n") {
			if m := ifaceRe.FindStringSubmatch(line); m != nil && t == nil {
				t = &jtype{name: m[1]}
				for _, e := range strings.Split(m[2], ",") {
					if e = strings.TrimSpace(e); e != "" {
						t.extends = append(t.extends, e)
					}
				}
				continue
			}
			if m := memberRe.FindStringSubmatch(line); m != nil && t != nil {
				t.members = append(t.members, member{m[1], m[2]})
			}
		}
		if t != nil {
			types[t.name] = t
		}
	}
	return types, nil
}

// actionParams collects the @In/@Out parameters of every action method of
// every service (all methods but Get, List, Add, Update and Remove).
func actionParams(dir string) ([]member, error) {
	var files []string
	err := filepath.Walk(filepath.Join(dir, "src/main/java/services"), func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".java") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []member
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var stack []string
		for _, line := range strings.Split(strip(string(b)), "\n") {
			if m := ifaceRe.FindStringSubmatch(annotRe.ReplaceAllString(line, "")); m != nil {
				stack = append(stack, m[1])
			} else if strings.Contains(line, "{") {
				stack = append(stack, "")
			}
			if inOutRe.MatchString(line) && len(stack) >= 2 {
				switch stack[1] {
				case "Get", "List", "Add", "Update", "Remove":
				default:
					if m := memberRe.FindStringSubmatch(annotRe.ReplaceAllString(line, "")); m != nil && !seen[m[2]] {
						seen[m[2]] = true
						out = append(out, member{m[1], m[2]})
					}
				}
			}
			for range strings.Count(line, "}") {
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		}
	}
	return out, nil
}

// kind returns the table member for a Java member type.
func kind(types map[string]*jtype, typ, name string) conformance.Member {
	m := conformance.Member{Name: snake(name)}
	list := strings.HasSuffix(typ, "[]")
	el := strings.TrimSuffix(typ, "[]")
	if list {
		m.Kind = "list"
		switch el {
		case "String", "Boolean", "Integer", "Date", "Double":
			m.Key, m.Ref = singular(snake(name)), "string"
		default:
			if t, ok := types[el]; ok && t.enum != nil {
				m.Key, m.Ref = singular(snake(name)), "string"
			} else {
				m.Key, m.Ref = snake(el), el
			}
		}
		return m
	}
	switch el {
	case "String":
		m.Kind = "string"
	case "Boolean":
		m.Kind = "boolean"
	case "Integer":
		m.Kind = "integer"
	case "Double", "BigDecimal":
		m.Kind = "decimal"
	case "Date":
		m.Kind = "date"
	default:
		if t, ok := types[el]; ok && t.enum != nil {
			m.Kind, m.Ref, m.Enum = "enum", el, t.enum
		} else {
			m.Kind, m.Ref = "object", el
		}
	}
	return m
}

// members returns a type's members including inherited ones.
func members(types map[string]*jtype, name string) map[string]conformance.Member {
	out := map[string]conformance.Member{}
	t, ok := types[name]
	if !ok {
		return out
	}
	for _, e := range t.extends {
		for k, v := range members(types, e) {
			v.Type = name
			out[k] = v
		}
	}
	for _, m := range t.members {
		k := kind(types, m.typ, m.name)
		k.Type = name
		out[k.Name] = k
	}
	return out
}

func main() {
	model := flag.String("model", "", "path of a local ovirt-engine-api-model checkout (required)")
	apiDir := flag.String("api", "engine/ovirt", "the engine/ovirt package directory (for its enum values)")
	out := flag.String("out", "engine/ovirt/testdata/model.txt", "table to write")
	flag.Parse()
	if *model == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*model, *apiDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "modelgen:", err)
		os.Exit(1)
	}
}

func run(model, apiDir, out string) error {
	types, err := parseTypes(model)
	if err != nil {
		return err
	}
	params, err := actionParams(model)
	if err != nil {
		return err
	}
	// The metamodel's built-in types (BuiltinTypes.java).
	types["Fault"] = &jtype{name: "Fault", members: []member{{"String", "reason"}, {"String", "detail"}}}
	types["GracePeriod"] = &jtype{name: "GracePeriod", members: []member{{"Integer", "expiry"}}}
	types["Action"] = &jtype{name: "Action", extends: []string{"Identified"}, members: append([]member{
		{"String", "status"}, {"Fault", "fault"}, {"GracePeriod", "gracePeriod"}, {"Job", "job"},
	}, params...)}

	enums, err := conformance.GoEnums(apiDir)
	if err != nil {
		return err
	}
	var rows []conformance.Member
	var missing []string
	cache := map[string]map[string]conformance.Member{}
	for _, g := range conformance.Walk(enums) {
		ms, ok := cache[g.Type]
		if !ok {
			ms = members(types, g.Type)
			cache[g.Type] = ms
		}
		m, ok := ms[g.Name]
		if !ok {
			missing = append(missing, g.Type+"."+g.Name)
			continue
		}
		rows = append(rows, m)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Type+"."+rows[i].Name < rows[j].Type+"."+rows[j].Name })
	commit, _ := exec.Command("git", "-C", model, "log", "-1", "--format=%H %cs").Output()
	header := []string{
		"Generated by engine/ovirt/internal/modelgen; do not edit.",
		"Source: github.com/oVirt/ovirt-engine-api-model commit " + strings.TrimSpace(string(commit)),
		"(types/*.java; Action = the metamodel's built-in status, fault, grace_period, job + every action parameter of services/).",
		"Every member engine/ovirt declares, with its kind in the model. Kinds: boolean, integer (xs:int and xs:long): JSON strings;",
		"decimal, date (epoch ms): JSON numbers; string; enum <Type> <values>; object <Type>; list <key> <Type|string>.",
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := conformance.Write(f, header, rows); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, m := range missing {
		fmt.Fprintf(os.Stderr, "modelgen: %s: not in the model\n", m)
	}
	return nil
}
