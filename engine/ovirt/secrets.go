package ovirt

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// MarshalWithSecrets encodes v like json.Marshal but also writes the non-empty
// Secret fields (passwords). It is the explicit opt-in for a client that must
// send input-only members to a real engine (host add with root_password,
// fence agent and provider add); servers never call it. Keys of the result
// are sorted; values are otherwise identical to json.Marshal(v).
func MarshalWithSecrets(v any) ([]byte, error) {
	out, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var tree any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	if !addSecrets(reflect.ValueOf(v), tree) {
		return out, nil
	}
	return json.Marshal(tree)
}

var secretType = reflect.TypeFor[Secret]()

// addSecrets walks v alongside its generic encoding and inserts the Secret
// fields into the encoding. It reports whether it inserted any.
func addSecrets(v reflect.Value, tree any) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	added := false
	switch v.Kind() {
	case reflect.Struct:
		obj, ok := tree.(map[string]any)
		if !ok {
			return false
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			fv := v.Field(i)
			if f.Type == secretType {
				if s := fv.String(); s != "" {
					obj[name] = s
					added = true
				}
				continue
			}
			if sub, ok := obj[name]; ok {
				added = addSecrets(fv, sub) || added
			}
		}
	case reflect.Slice, reflect.Array:
		arr, ok := tree.([]any)
		if !ok || len(arr) != v.Len() {
			return false
		}
		for i := range arr {
			added = addSecrets(v.Index(i), arr[i]) || added
		}
	}
	return added
}
