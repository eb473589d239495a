package form

import (
	"testing"

	"v6admin/validation"
)

func TestScopeColors(t *testing.T) {
	if ScopeColor(validation.ScopeGlobal) != "green" || ScopeColor(validation.ScopeLinkLocal) != "orange" {
		t.Error("scope colors")
	}
}

func TestFormatting(t *testing.T) {
	p := 64
	tests := []struct{ got, want string }{
		{FormatSpeed(10_000_000_000), "10 Gbps"},
		{FormatSpeed(100_000_000), "100 Mbps"},
		{FormatSpeed(0), "[N/A]"},
		{FormatBytes(1717986918400), "1.6 TiB"},
		{FormatBytes(512), "512 B"},
		{WithPrefix("2001:db8::1", &p), "2001:db8::1/64"},
		{WithPrefix("2001:db8::1", nil), "2001:db8::1"},
		{BootProtocolLabel("autoconf"), "Stateless Address Autoconfiguration"},
		{BootProtocolLabel("poly_dhcp_autoconf"), "DHCP And Stateless Address Autoconfiguration"},
		{HostStatusLabel("non_responsive"), "NonResponsive"},
		{HostStatusLabel("installing"), "Installing"},
		{HostStatusLabel("some_new_state"), "Some New State"},
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
		if got := DomainTypeLabel(in); got != want {
			t.Errorf("domainTypeLabel(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"nfs": "NFS", "iscsi": "iSCSI", "fcp": "FCP"} {
		if got := StorageTypeLabel(in); got != want {
			t.Errorf("storageTypeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
