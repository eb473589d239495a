package embedded

import (
	"context"
	"errors"
	"fmt"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// The legacy lab: a second cluster of the data center Default whose hosts carry the IPv6 traps the
// readiness checks find, so that each check fires at least once on a
// fresh data directory (the Default data center already shows an IPv4
// host, an IPv4 fence agent and a name with A and AAAA records).
const (
	LegacyCluster = "Legacy"  // in the data center Default
	LegacyHost1   = "legacy1" // el8, A-only name
	LegacyHost2   = "legacy2" // AAAA-only name
	LegacyVM      = "legacy0"
)

const metaLegacySeeded = "legacy_seeded"

// seedLegacyIfMissing adds the legacy lab in one transaction, once: a meta
// key marks it, so reopening never adds it twice. A data center already
// named Legacy (added by hand) keeps it out.
func (e *Engine) seedLegacyIfMissing(ctx context.Context) error {
	return e.st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Meta(metaLegacySeeded); err == nil {
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if _, _, err := tx.FindByName(kindCluster, "", LegacyCluster); err == nil {
			e.log.Warn("not adding the legacy lab: a cluster is already named " + LegacyCluster)
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := e.seedLegacy(tx); err != nil {
			return fmt.Errorf("embedded: seed the legacy lab: %w", err)
		}
		e.log.Info("embedded engine seeded with the legacy lab", "cluster", LegacyCluster, "hosts", LegacyHost1+", "+LegacyHost2)
		return tx.SetMeta(metaLegacySeeded, e.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

// legacyNets are the Legacy cluster's networks.
func legacyNets() []netplan.Network {
	return []netplan.Network{
		// IPv4 DHCP, no IPv6 prefix advertised: SLAAC ends with link-local only.
		{API: ovirt.Network{Name: "legacymgmt", Description: "Management network without IPv6 router advertisements", Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(true),
			Usages: usages(ovirt.NetworkUsageManagement, ovirt.NetworkUsageDefaultRoute, ovirt.NetworkUsageVM)},
			Sim: netplan.SimNet{IPv4: "198.51.100.0/24", DHCPv4From: "198.51.100.100", DHCPv4To: "198.51.100.199"}},
		{API: ovirt.Network{Name: "legacymig", Description: "Dual-stack migration network (VLAN 300)", Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(false),
			Vlan: &ovirt.Vlan{ID: ovirt.NewInt(300)}, Usages: usages(ovirt.NetworkUsageMigration)},
			Sim: netplan.SimNet{IPv6: "2001:db8:300::/64", Router6: "fe80::1", IPv4: "203.0.113.0/25"}},
		{API: ovirt.Network{Name: "legacydisp", Description: "Display network (VLAN 301)", Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(false),
			Vlan: &ovirt.Vlan{ID: ovirt.NewInt(301)}, Usages: usages(ovirt.NetworkUsageDisplay)},
			Sim: netplan.SimNet{IPv6: "2001:db8:301::/64", Router6: "fe80::1", IPv4: "203.0.113.128/25", DHCPv4From: "203.0.113.200", DHCPv4To: "203.0.113.249"}},
		{API: ovirt.Network{Name: "legacytun", Description: "Tunnel network with a small MTU (VLAN 302)", Mtu: ovirt.NewInt(1200), Required: ovirt.NewBool(false),
			Vlan: &ovirt.Vlan{ID: ovirt.NewInt(302)}, Usages: usages()},
			Sim: netplan.SimNet{IPv6: "2001:db8:302::/64", Router6: "fe80::1"}},
	}
}

// seedLegacy adds the legacy lab: the cluster Legacy of the data center
// Default (one data center keeps the demo's dialogs simple), its networks, the
// hosts legacy1 (RHEL 8: IPv6 autoconf on the management network without
// advertisements, the migration network dual-stack with an IPv6 gateway,
// the display network without IPv6, a tunnel network with MTU 1200 reusing
// host0's storage address with "::" as gateway, a fence agent by a name
// that does not resolve) and legacy2 (its display network dual-stack, its
// migration network's IPv6 address changed on the host: out of sync), an
// NFS domain and a network provider by IPv4 literal, the Foreman host
// provider by an A-only name, and the VM legacy0 (IPv4 and link-local only).
func (e *Engine) seedLegacy(tx *store.Tx) error {
	dcID, _, err := tx.FindByName(kindDC, "", "Default")
	if errors.Is(err, store.ErrNotFound) {
		e.log.Warn("not adding the legacy lab: no data center Default")
		return nil
	}
	if err != nil {
		return err
	}
	clusterID := newID()
	byName, err := seedNetworks(tx, dcID, clusterID, legacyNets())
	if err != nil {
		return err
	}
	if err := seedCluster(tx, clusterID, LegacyCluster, "Hosts still on IPv4 (the readiness checks' lab)", dcID, byName["legacymgmt"].API.ID); err != nil {
		return err
	}
	auto := netplan.IPConfig{Proto: "autoconf"}
	el8 := &ovirt.OperatingSystem{Type: "RHEL", Version: &ovirt.Version{FullVersion: "8.6 - 1.el8", Major: ovirt.NewInt(8), Minor: ovirt.NewInt(6)},
		ReportedKernelCmdline: "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-4.18.0-372.9.1.el8.x86_64 root=/dev/mapper/rhel-root ro"}
	hosts := []seedHost{
		{name: LegacyHost1, address: "legacy1.lab.example.org", nics: 4, oui: netsim.OUIIntel, speed: 1_000_000_000, os: el8, vdsm: "vdsm-4.50.3.4-1.el8",
			atts: []seedAtt{
				{"legacymgmt", "eth0", staticIP("198.51.100.21", "24", "198.51.100.1"), auto},
				{"legacymig", "eth1", staticIP("203.0.113.21", "25", ""), staticIP("2001:db8:300::21", "64", "2001:db8:300::1")},
				{"legacydisp", "eth2", staticIP("203.0.113.221", "25", ""), noIP},
				{"legacytun", "eth3", noIP, staticIP("2001:db8:200::11", "64", "::")},
			},
			pm: true, spm: ovirt.SpmStatusSpm,
			agents: []ovirt.Agent{{Address: lab.SeedUnresolvedBMC, Type: "ipmilan", Order: ovirt.NewInt(1), Port: ovirt.NewInt(623), Username: "admin",
				Options: &ovirt.Options{Option: []ovirt.Option{{Name: "lanplus", Value: "1"}}}, EncryptOptions: ovirt.NewBool(false)}}},
		{name: LegacyHost2, address: "legacy2.lab.example.org", nics: 4, oui: netsim.OUIMellanox, speed: 25_000_000_000,
			atts: []seedAtt{
				{"legacymgmt", "eth0", netplan.IPConfig{Proto: "dhcp"}, staticIP("2001:db8:303::22", "64", "")},
				{"legacymig", "eth1", noIP, staticIP("2001:db8:300::122", "64", "")},
				{"legacydisp", "eth2", netplan.IPConfig{Proto: "dhcp"}, auto},
			},
			spm: ovirt.SpmStatusNone,
			// Someone changed the migration address on the host: vdsm
			// reports another one than the data center's.
			reported: func(net string, r *netplan.Reported) {
				if net == "legacymig" {
					r.V6Addrs = []string{"2001:db8:300::222/64"}
				}
			}},
	}
	var legacy1 ovirt.Host
	for i, sh := range hosts {
		h, err := e.seedHostDoc(tx, sh, clusterID, byName)
		if err != nil {
			return err
		}
		if i == 0 {
			legacy1 = h
		}
	}

	sd := ovirt.StorageDomain{
		ID: newID(), Name: "legacy-nfs", Description: "NFS data domain by IPv4 literal", Comment: ovirt.Ptr(""),
		Type: ovirt.StorageDomainTypeData, ExternalStatus: ovirt.ExternalStatusOK, Master: ovirt.NewBool(false),
		Storage:   &ovirt.HostStorage{Type: ovirt.StorageTypeNFS, Address: "198.51.100.60", Path: "/exports/legacy", NfsVersion: ovirt.NfsVersionV4_2},
		Available: ovirt.NewLong(536870912000), Used: ovirt.NewLong(107374182400), Committed: ovirt.NewLong(53687091200),
		StorageFormat: ovirt.StorageFormatV5, WipeAfterDelete: ovirt.NewBool(false), DiscardAfterDelete: ovirt.NewBool(false),
		SupportsDiscard: ovirt.NewBool(false), SupportsDiscardZeroesData: ovirt.NewBool(false), Backup: ovirt.NewBool(false),
		BlockSize: ovirt.NewInt(512), WarningLowSpaceIndicator: ovirt.NewInt(10), CriticalSpaceActionBlocker: ovirt.NewInt(5),
	}
	if err := store.PutJSON(tx, kindSD, sd.ID, "", sd.Name, sdDoc{API: sd, DC: dcID, Conn: "198.51.100.60:/exports/legacy"}); err != nil {
		return err
	}
	neutron := ovirt.OpenStackNetworkProvider{
		ID: newID(), Name: "legacy-neutron", Description: "Network provider by IPv4 literal", Comment: ovirt.Ptr(""),
		Url: "https://198.51.100.70:9696", RequiresAuthentication: ovirt.NewBool(false),
		Type: ovirt.OpenStackNetworkProviderTypeExternal, ExternalPluginType: "ovirt-provider-ovn",
		ReadOnly: ovirt.NewBool(false), AutoSync: ovirt.NewBool(false), Unmanaged: ovirt.NewBool(false),
	}
	if err := store.PutJSON(tx, osnpKind.kind, neutron.ID, "", neutron.Name, neutron); err != nil {
		return err
	}
	foreman := ovirt.ExternalHostProvider{
		ID: newID(), Name: "legacy-foreman", Description: "Foreman by an A-only name", Comment: ovirt.Ptr(""),
		Url: "https://foreman.lab.example.org", RequiresAuthentication: ovirt.NewBool(true), Username: "admin",
	}
	if err := store.PutJSON(tx, ehpKind.kind, foreman.ID, "", foreman.Name, foreman); err != nil {
		return err
	}

	// legacy0: up on legacy1, DHCPv4 on legacymgmt and SLAAC without
	// advertisements: the guest reports IPv4 and link-local only.
	hc, err := e.loadHostView(tx, legacy1.ID)
	if err != nil {
		return err
	}
	vm := newVMDoc(newID(), LegacyVM, clusterID, e.now())
	vm.API.Description = "IPv4 and link-local only"
	vm.NICs = []vmNIC{{ID: newID(), Name: "nic1", MAC: netsim.NewMAC([3]byte{0x56, 0x6f, 0x1a}, vm.API.ID+"/0").String(), NetworkID: byName["legacymgmt"].API.ID}}
	vm.GuestNet = []guestNicConfig{{Name: "eth0", V4: netsim.ProtoDHCP, V6: netsim.ProtoAutoconf}}
	vm.API.Status, vm.API.Host, vm.API.StartTime = ovirt.VmStatusUp, ovirt.HostRef(legacy1.ID), ovirt.NewTime(e.now())
	if err := e.plugGuest(tx, &vm, hc); err != nil {
		return err
	}
	return putVM(tx, vm)
}
