package form

import (
	"maps"
	"slices"
	"testing"

	"v6admin/validation"
	"v6admin/wire"
)

func TestBinder(t *testing.T) {
	tests := []struct {
		name      string
		errs      wire.FieldErrors
		wantRest  []string // paths no field took
		wantShown map[string]string
		wantFirst string // id of the first invalid field
	}{
		{"nothing", nil, nil, map[string]string{}, ""},
		{"one field", wire.FieldErrors{"address": {Message: "bad address"}}, nil,
			map[string]string{"f-address": "bad address"}, "f-address"},
		{"form order, not the envelope's", wire.FieldErrors{"port": {Message: "p"}, "name": {Message: "n"}}, nil,
			map[string]string{"f-name": "n", "f-port": "p"}, "f-name"},
		{"a second path to a field", wire.FieldErrors{"authentication_url": {Message: "u"}}, nil,
			map[string]string{"f-address": "u"}, "f-address"},
		{"nested and unknown paths are left over", wire.FieldErrors{"luns.0": {Message: "l"}, "host_id": {Message: "h"}, "name": {Message: "n"}},
			[]string{"host_id", "luns.0"}, map[string]string{"f-name": "n"}, "f-name"},
		{"the unbound field takes no empty path", wire.FieldErrors{"": {Message: "x"}}, []string{""}, map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := Field{ID: "f-name"}
			addr := Field{ID: "f-address"}
			local := Field{ID: "f-local"}
			port := Field{ID: "f-port"}
			b := Binder{Bind("name", &name), Bind("address", &addr), Bind("", &local), Bind("port", &port), Bind("authentication_url", &addr)}
			rest := b.Apply(tt.errs)
			if got := slices.Sorted(maps.Keys(rest)); !slices.Equal(got, tt.wantRest) {
				t.Errorf("left over %q, want %q", got, tt.wantRest)
			}
			for _, f := range []*Field{&name, &addr, &local, &port} {
				if got := f.ServerError(); got != tt.wantShown[f.ID] {
					t.Errorf("%s shows %q, want %q", f.ID, got, tt.wantShown[f.ID])
				}
			}
			first := ""
			if f := b.FirstInvalid(); f != nil {
				first = f.ID
			}
			if first != tt.wantFirst {
				t.Errorf("first invalid %q, want %q", first, tt.wantFirst)
			}
		})
	}
}

func TestBinderValidate(t *testing.T) {
	name := Field{ID: "n", Required: true}
	port := Field{ID: "p", Check: validation.PortRange.CheckText}
	b := Binder{Bind("name", &name), Bind("port", &port)}
	port.SetValue("70000")
	if b.Validate() {
		t.Fatal("an empty required name and a bad port passed")
	}
	if f := b.FirstInvalid(); f != &name {
		t.Fatalf("first invalid %v, want the name", f)
	}
	name.SetValue("h1")
	port.SetValue("22")
	if !b.Validate() || b.FirstInvalid() != nil {
		t.Fatal("valid fields refused")
	}
}
