package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"v6admin/engine/ovirt/conformance"
)

// ErrIncompatible is matched (errors.Is) by an [IncompatibleError].
var ErrIncompatible = errors.New("engine: answer not readable")

// IncompatibleError is an engine answer the client could not read: a member
// v6admin uses came in a shape engine/ovirt does not expect (or the body was
// not JSON). JSONPath names the member, e.g.
// "cluster.fencing_policy.skip_if_gluster_bricks_up" (list indexes left out).
type IncompatibleError struct {
	Method, Path  string // the request
	JSONPath      string // the unreadable member; "" when the body is not JSON
	EngineVersion string // the engine's product version, when it could be read
	Err           error  // the decoding error
}

func (e *IncompatibleError) Error() string {
	v := e.EngineVersion
	if v == "" {
		v = "unknown"
	}
	at := e.JSONPath
	if at == "" {
		at = "(body)"
	}
	return fmt.Sprintf("engine: %s %s: answer not readable at %s (engine version %s): %v", e.Method, e.Path, at, v, e.Err)
}

// Unwrap returns ErrIncompatible and the decoding error.
func (e *IncompatibleError) Unwrap() []error { return []error{ErrIncompatible, e.Err} }

// maxDrops bounds the retries of decodeTolerant.
const maxDrops = 64

// decodeTolerant unmarshals body into v, a tolerant reader:
//
//   - members engine/ovirt does not declare are ignored (encoding/json);
//   - a declared member that does not decode is located by walking the JSON
//     beside the Go type (see badPath). If v6admin does not use it (it is not
//     in [used]), it is removed from the body and decoding is retried, so
//     the call succeeds without it; if v6admin uses it, decoding fails with
//     an *IncompatibleError naming its JSON path.
//
// The typed decode runs once for a readable answer; the generic walk and the
// retries cost only when an answer does not fit, which is rare. dropped lists
// the paths of the members left out.
func decodeTolerant(body []byte, v any) (dropped []string, err error) {
	root := rootName(reflect.TypeOf(v))
	for range maxDrops {
		rv := reflect.New(reflect.TypeOf(v).Elem())
		derr := json.Unmarshal(body, rv.Interface())
		if derr == nil {
			reflect.ValueOf(v).Elem().Set(rv.Elem())
			return dropped, nil
		}
		var se *json.SyntaxError
		if errors.As(derr, &se) || !json.Valid(body) {
			return dropped, &IncompatibleError{Err: derr}
		}
		path, owner, ok := badPath(body, reflect.TypeOf(v))
		if !ok || len(path) == 0 {
			return dropped, &IncompatibleError{JSONPath: root, Err: derr}
		}
		full := strings.Join(append(prefix(root), path...), ".")
		if used[conformance.ModelType(owner)+"."+path[len(path)-1]] {
			return dropped, &IncompatibleError{JSONPath: full, Err: derr}
		}
		var g any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&g); err != nil {
			return dropped, &IncompatibleError{JSONPath: full, Err: derr}
		}
		drop(g, path)
		if body, err = json.Marshal(g); err != nil {
			return dropped, &IncompatibleError{JSONPath: full, Err: derr}
		}
		dropped = append(dropped, full)
	}
	return dropped, &IncompatibleError{JSONPath: root, Err: errors.New("too many unreadable members")}
}

// rootName is the JSON name of a single entity's type (cluster for
// api.Cluster); collections ({"cluster": [...]}) and actions have none.
func rootName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t.NumField() == 1 && t.Field(0).Type.Kind() == reflect.Slice {
		return ""
	}
	var b strings.Builder
	for i, r := range conformance.ModelType(t) {
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

func prefix(root string) []string {
	if root == "" {
		return nil
	}
	return []string{root}
}

// badPath returns the JSON member names from data down to the deepest member
// that does not decode into its Go field, and the struct type holding that
// member. ok is false when data itself does not fit t.
func badPath(data []byte, t reflect.Type) (path []string, owner reflect.Type, ok bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()) {
		return nil, nil, false
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return nil, nil, false
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			raw, present := obj[name]
			if name == "" || name == "-" || !present {
				continue
			}
			if json.Unmarshal(raw, reflect.New(f.Type).Interface()) == nil {
				continue
			}
			if sub, o, ok := badPath(raw, f.Type); ok {
				return append([]string{name}, sub...), o, true
			}
			return []string{name}, t, true
		}
		return nil, nil, false
	case reflect.Slice:
		var arr []json.RawMessage
		if json.Unmarshal(data, &arr) != nil {
			return nil, nil, false
		}
		for _, raw := range arr {
			if json.Unmarshal(raw, reflect.New(t.Elem()).Interface()) == nil {
				continue
			}
			return badPath(raw, t.Elem())
		}
	}
	return nil, nil, false
}

// drop deletes the member at path in every object the path reaches (through
// every element of the lists on the way).
func drop(g any, path []string) {
	switch x := g.(type) {
	case []any:
		for _, e := range x {
			drop(e, path)
		}
	case map[string]any:
		if len(path) == 1 {
			delete(x, path[0])
			return
		}
		if next, ok := x[path[0]]; ok {
			drop(next, path[1:])
		}
	}
}
