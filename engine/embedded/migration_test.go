package embedded

import (
	"testing"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/ovirt"
)

// TestMigrationTarget is MigrateVmCommand.getLiteralMigrationNetworkIp
// (ovirt-engine bll/MigrateVmCommand.java): the network with the
// migration role in the VM's cluster — none means no migration address
// (dstqemu null: vdsm migrates to the destination host's own address),
// never the management network in its place; on it, the interface must
// be up on both ends (migrationInterfaceUp: a VLAN's base interface, a
// bond while a slave is); then the destination's IPv4 address when both
// ends have one, else its IPv6 address (the first that is not
// link-local) when both have one, else none.
func TestMigrationTarget(t *testing.T) {
	mgmt := &netplan.Network{API: ovirt.Network{ID: "m", Name: "ovirtmgmt", Usages: usages(ovirt.NetworkUsageManagement, ovirt.NetworkUsageVM)}}
	disp := &netplan.Network{API: ovirt.Network{ID: "d", Name: "display", Usages: usages(ovirt.NetworkUsageDisplay)}}
	mig := &netplan.Network{API: ovirt.Network{ID: "g", Name: "migration", Usages: usages(ovirt.NetworkUsageMigration)}}
	dual := func(last string) netplan.Reported {
		return netplan.Reported{V4Addr: "192.0.2." + last, V6Addrs: []string{"fe80::" + last + "/64", "2001:db8:10::" + last + "/64"}}
	}
	v6only := func(last string) netplan.Reported {
		return netplan.Reported{V6Addrs: []string{"fe80::" + last + "/64", "2001:db8:30::" + last + "/64"}}
	}
	// host builds a host of the cluster nets with network ids on eth0
	// (reported rep), eth0 down when down.
	host := func(nets []*netplan.Network, down bool, atts map[string]netplan.Reported) *hostCtx {
		hc := &hostCtx{nets: map[string]*netplan.Network{}, mgmtID: "m",
			hn: &netplan.HostNet{NICs: []netplan.NIC{{Name: "eth0", Down: down}, {Name: "eth1"}}}}
		for _, n := range nets {
			hc.nets[n.API.ID] = n
		}
		for id, rep := range atts {
			hc.hn.Atts = append(hc.hn.Atts, netplan.Attachment{NetworkID: id, Nic: "eth0", Rep: rep})
		}
		return hc
	}
	noMig := []*netplan.Network{mgmt, disp}
	withMig := []*netplan.Network{mgmt, disp, mig}
	tests := []struct {
		name                  string
		src, dst              *hostCtx
		addr, family, network string
	}{
		{"no migration network: the host's own address, not ovirtmgmt's",
			host(noMig, false, map[string]netplan.Reported{"m": dual("12")}), host(noMig, false, map[string]netplan.Reported{"m": dual("13")}), "", "", ""},
		{"dual-stack migration network: IPv4",
			host(withMig, false, map[string]netplan.Reported{"g": dual("12")}), host(withMig, false, map[string]netplan.Reported{"g": dual("13")}), "192.0.2.13", "v4", "migration"},
		{"IPv6-only destination: its first global IPv6 address",
			host(withMig, false, map[string]netplan.Reported{"g": dual("12")}), host(withMig, false, map[string]netplan.Reported{"g": v6only("13")}), "2001:db8:30::13", "v6", "migration"},
		{"destination without the network",
			host(withMig, false, map[string]netplan.Reported{"g": dual("12")}), host(withMig, false, map[string]netplan.Reported{"m": dual("13")}), "", "", "migration"},
		{"destination's interface down",
			host(withMig, false, map[string]netplan.Reported{"g": dual("12")}), host(withMig, true, map[string]netplan.Reported{"g": dual("13")}), "", "", "migration"},
		{"source's interface down",
			host(withMig, true, map[string]netplan.Reported{"g": dual("12")}), host(withMig, false, map[string]netplan.Reported{"g": dual("13")}), "", "", "migration"},
	}
	for _, tt := range tests {
		addr, family, network := migrationTarget(tt.src, tt.dst)
		if addr != tt.addr || family != tt.family || network != tt.network {
			t.Errorf("%s: %q %q %q, want %q %q %q", tt.name, addr, family, network, tt.addr, tt.family, tt.network)
		}
	}
}

// TestMigrationTargetBond: a migration network on a bond is up while one
// of the bond's slaves is.
func TestMigrationTargetBond(t *testing.T) {
	mig := &netplan.Network{API: ovirt.Network{ID: "g", Name: "migration", Usages: usages(ovirt.NetworkUsageMigration)}}
	host := func(slaveDown ...bool) *hostCtx {
		hn := &netplan.HostNet{Bonds: []netplan.Bond{{Name: "bond0", Slaves: []string{"eth0", "eth1"}}},
			Atts: []netplan.Attachment{{NetworkID: "g", Nic: "bond0", Rep: netplan.Reported{V6Addrs: []string{"2001:db8:30::13/64"}}}}}
		for i, d := range slaveDown {
			hn.NICs = append(hn.NICs, netplan.NIC{Name: "eth" + string(rune('0'+i)), Down: d})
		}
		return &hostCtx{nets: map[string]*netplan.Network{"g": mig}, hn: hn}
	}
	if addr, _, _ := migrationTarget(host(false, false), host(true, false)); addr != "2001:db8:30::13" {
		t.Errorf("one slave up: %q", addr)
	}
	if addr, _, _ := migrationTarget(host(false, false), host(true, true)); addr != "" {
		t.Errorf("every slave down: %q", addr)
	}
}
