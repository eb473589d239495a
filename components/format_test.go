package components

import (
	"testing"

	"v6admin/validation"
)

func TestScopeColors(t *testing.T) {
	if scopeColor(validation.ScopeGlobal) != "green" || scopeColor(validation.ScopeLinkLocal) != "orange" {
		t.Error("scope colors")
	}
}

func TestFormatting(t *testing.T) {
	p := 64
	tests := []struct{ got, want string }{
		{formatSpeed(10_000_000_000), "10 Gbps"},
		{formatSpeed(100_000_000), "100 Mbps"},
		{formatSpeed(0), "[N/A]"},
		{formatBytes(1717986918400), "1.6 TiB"},
		{formatBytes(512), "512 B"},
		{withPrefix("2001:db8::1", &p), "2001:db8::1/64"},
		{withPrefix("2001:db8::1", nil), "2001:db8::1"},
		{bootProtocolLabel("autoconf"), "Stateless Address Autoconfiguration"},
		{bootProtocolLabel("poly_dhcp_autoconf"), "DHCP And Stateless Address Autoconfiguration"},
		{hostStatusLabel("non_responsive"), "NonResponsive"},
		{hostStatusLabel("installing"), "Installing"},
		{hostStatusLabel("some_new_state"), "Some New State"},
		{roleLabel("default_route"), "Default Route"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestStorageLabels(t *testing.T) {
	for in, want := range map[string]string{"data": "Data", "iso": "ISO", "export": "Export"} {
		if got := domainTypeLabel(in); got != want {
			t.Errorf("domainTypeLabel(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"nfs": "NFS", "iscsi": "iSCSI", "fcp": "FCP"} {
		if got := storageTypeLabel(in); got != want {
			t.Errorf("storageTypeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
