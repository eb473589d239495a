package components

import (
	"testing"

	"v6admin/wire"
)

func TestRefLabel(t *testing.T) {
	tests := []struct {
		name string
		ref  *wire.Ref
		want string
	}{
		{"none", nil, ""},
		{"named", &wire.Ref{ID: "c1", Name: "Default"}, "Default"},
		{"id only", &wire.Ref{ID: "4f1e4d6a-9c9e-11ee-9a28-525400a1b2c3"}, "4f1e4d6a-9c9e-11ee-9a28-525400a1b2c3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ref.Label(); got != tt.want {
				t.Errorf("Label() = %q, want %q", got, tt.want)
			}
		})
	}
}
