package wire

import "testing"

func TestReadinessPath(t *testing.T) {
	tests := []struct {
		format, kind, family, severity, want string
	}{
		{"", "", "", "", "/api/readiness"},
		{"csv", "", "", "", "/api/readiness?format=csv"},
		{"", "host,vm", "ipv4-only", "blocker", "/api/readiness?family=ipv4-only&kind=host%2Cvm&severity=blocker"},
	}
	for _, tc := range tests {
		if got := ReadinessPath(tc.format, tc.kind, tc.family, tc.severity); got != tc.want {
			t.Errorf("ReadinessPath(%q, %q, %q, %q) = %q, want %q", tc.format, tc.kind, tc.family, tc.severity, got, tc.want)
		}
	}
}
