package readiness

import (
	"testing"

	"v6admin/wire"
)

func TestFix(t *testing.T) {
	tests := []struct {
		name string
		fix  wire.ReadinessFix
		want FixAction
	}{
		{"edit host", wire.ReadinessFix{Dialog: "edit-host", Kind: "host", ID: "h1", HostID: "h1"},
			FixAction{Href: "/hosts?edit=h1", Label: "Edit Host"}},
		{"power management: the agent's host", wire.ReadinessFix{Dialog: "power-management", Kind: "fence-agent", ID: "a1", HostID: "h 1"},
			FixAction{Href: "/hosts?edit=h+1&tab=pm", Label: "Power Management"}},
		{"setup host networks on the NIC and network", wire.ReadinessFix{Dialog: "setup-host-networks", Kind: "attachment", ID: "at1", HostID: "h/1", NIC: "bond0", Network: "storage"},
			FixAction{Href: "/hosts/h%2F1/nics?dialog=setup-networks&network=storage&nic=bond0", Label: "Setup Host Networks"}},
		{"sync", wire.ReadinessFix{Dialog: "sync-network", Kind: "attachment", ID: "at1", HostID: "h1", NIC: "eth1", Network: "mig"},
			FixAction{Sync: true, Label: "Sync this network"}},
		{"provider", wire.ReadinessFix{Dialog: "provider", Kind: "provider", ID: "p1"},
			FixAction{Href: "/providers?edit=p1", Label: "Edit Provider"}},
		{"storage domain", wire.ReadinessFix{Dialog: "storage-domain", Kind: "storage-connection", ID: "sd1"},
			FixAction{Href: "/storage-domains?domain=sd1", Label: "Storage Domains"}},
		{"run once", wire.ReadinessFix{Dialog: "run-once", Kind: "vm", ID: "vm1"},
			FixAction{Href: "/vms/vm1?dialog=run-once", Label: "Run Once"}},
	}
	for _, tt := range tests {
		if got := Fix(tt.fix); got != tt.want {
			t.Errorf("%s: Fix = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// No dialog in v6admin: a sentence and no link.
	for _, d := range []string{"edit-network", "edit-cluster", "engine-url", "dns", "unknown",
		"edit-host" /* without a host */, "sync-network" /* without an attachment */} {
		got := Fix(wire.ReadinessFix{Dialog: d})
		if got.Href != "" || got.Sync || got.Text == "" {
			t.Errorf("%s: Fix = %+v, want a sentence only", d, got)
		}
	}
}
