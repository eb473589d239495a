package embedded

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/netsim"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// seedIfNew fills a new database with the demo lab (once: a "seeded" meta
// key marks it, so a restart never seeds again).
func (e *Engine) seedIfNew(ctx context.Context) error {
	return e.st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Meta(metaSeeded); err == nil {
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := e.seed(tx); err != nil {
			return fmt.Errorf("embedded: seed: %w", err)
		}
		e.log.Info("embedded engine seeded with the demo lab")
		return tx.SetMeta(metaSeeded, e.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

type seedAtt struct {
	net, nic string
	v4, v6   netplan.IPConfig
}

// seedBond is a bond of a seeded host.
type seedBond struct {
	name    string
	slaves  []string
	options []ovirt.Option
}

type seedHost struct {
	name, address string
	nics          int // eth0 ... eth<nics-1>
	oui           [3]byte
	speed         int64
	// nic, when set, gives a NIC's speed and link state (default: speed, up).
	nic    func(i int) (speed int64, down bool)
	bonds  []seedBond
	atts   []seedAtt
	pm     bool
	spm    ovirt.SpmStatus
	agents []ovirt.Agent
	// os, when set, replaces the simulated OS (RHEL 9).
	os   *ovirt.OperatingSystem
	vdsm string // with os: vdsm's version (host.version.full_version)
	// reported, when set, changes what vdsm reports for a network after
	// the simulation (an out-of-sync network).
	reported func(net string, r *netplan.Reported)
}

// seedDC writes a data center (compatibility version 4.7).
func seedDC(tx *store.Tx, name, desc string) (ovirt.DataCenter, error) {
	v47 := &ovirt.Version{Major: ovirt.NewInt(4), Minor: ovirt.NewInt(7)}
	dc := ovirt.DataCenter{
		ID: newID(), Name: name, Description: desc, Comment: ovirt.Ptr(""),
		Local: ovirt.NewBool(false), Status: ovirt.DataCenterStatusUp, StorageFormat: ovirt.StorageFormatV5,
		Version: v47, SupportedVersions: &ovirt.Versions{Version: []ovirt.Version{*v47}}, QuotaMode: "disabled",
	}
	return dc, store.PutJSON(tx, kindDC, dc.ID, "", dc.Name, dc)
}

// seedNetworks writes networks of data center dcID assigned to clusterID
// and returns them by name.
func seedNetworks(tx *store.Tx, dcID, clusterID string, nets []netplan.Network) (map[string]*netplan.Network, error) {
	byName := make(map[string]*netplan.Network, len(nets))
	for i := range nets {
		n := &nets[i]
		n.API.ID = newID()
		n.API.Comment = ovirt.Ptr("")
		n.API.DataCenter = ovirt.DataCenterRef(dcID)
		n.API.Stp = ovirt.NewBool(false)
		n.API.Status = ovirt.NetworkStatusOperational
		n.API.VdsmName = n.API.Name
		n.API.PortIsolation = ovirt.NewBool(false)
		n.Clusters = []string{clusterID}
		byName[n.API.Name] = n
		if err := store.PutJSON(tx, kindNetwork, n.API.ID, dcID, n.API.Name, n); err != nil {
			return nil, err
		}
	}
	return byName, nil
}

// seedCluster writes a cluster of dcID whose management network is mgmtID.
func seedCluster(tx *store.Tx, id, name, desc, dcID, mgmtID string) error {
	cluster := ovirt.Cluster{
		ID: id, Name: name, Description: desc, Comment: ovirt.Ptr(""),
		DataCenter: ovirt.DataCenterRef(dcID), Version: &ovirt.Version{Major: ovirt.NewInt(4), Minor: ovirt.NewInt(7)},
		Cpu:        &ovirt.Cpu{Architecture: "x86_64", Type: "Secure Intel Icelake Server Family"},
		SwitchType: ovirt.SwitchTypeLegacy, FirewallType: "firewalld",
		ManagementNetwork: ovirt.NetworkRef(mgmtID),
		FencingPolicy:     &ovirt.FencingPolicy{Enabled: ovirt.NewBool(true), SkipIfConnectivityBroken: &ovirt.SkipIfConnectivityBroken{Enabled: ovirt.NewBool(false), Threshold: ovirt.NewInt(50)}, SkipIfSdActive: &ovirt.SkipIfSdActive{Enabled: ovirt.NewBool(false)}},
	}
	return store.PutJSON(tx, kindCluster, cluster.ID, "", cluster.Name, cluster)
}

// seedHostDoc writes an Up host of clusterID with its NICs, bonds, network
// attachments (the reported state simulated by netsim, as setupnetworks
// does), fence agents and events.
func (e *Engine) seedHostDoc(tx *store.Tx, sh seedHost, clusterID string, byName map[string]*netplan.Network) (ovirt.Host, error) {
	h := newHostDoc(newID(), sh.name, sh.address, clusterID)
	h.Status = ovirt.HostStatusUp
	h.Spm.Status = sh.spm
	h.PowerManagement.Enabled = ovirt.NewBool(sh.pm)
	setHostFacts(&h)
	if sh.os != nil {
		h.Os = sh.os
		h.Version.FullVersion = sh.vdsm
	}
	if err := putHost(tx, h); err != nil {
		return h, err
	}
	hn := &netplan.HostNet{HostID: h.ID, Committed: true, NICs: make([]netplan.NIC, 0, sh.nics)}
	for i := range sh.nics {
		name := "eth" + strconv.Itoa(i)
		speed, down := sh.speed, false
		if sh.nic != nil {
			speed, down = sh.nic(i)
		}
		hn.NICs = append(hn.NICs, netplan.NIC{ID: newID(), Name: name, MAC: netsim.NewMAC(sh.oui, h.ID+"/"+name).String(), Speed: speed, Down: down})
	}
	for _, b := range sh.bonds {
		hn.Bonds = append(hn.Bonds, netplan.Bond{ID: newID(), Name: b.name, Slaves: b.slaves, Options: b.options})
	}
	hn.Atts = make([]netplan.Attachment, 0, len(sh.atts))
	for _, sa := range sh.atts {
		nw := byName[sa.net]
		if nw == nil {
			return h, fmt.Errorf("host %s: no network %s", sh.name, sa.net)
		}
		a := netplan.Attachment{ID: newID(), NetworkID: nw.API.ID, Nic: sa.nic, V4: sa.v4, V6: sa.v6}
		if nw.VLAN() != 0 {
			a.VlanNicID = newID()
		}
		if err := simulate(tx, hn, nw, &a); err != nil {
			return h, err
		}
		if sh.reported != nil {
			sh.reported(sa.net, &a.Rep)
		}
		hn.Atts = append(hn.Atts, a)
	}
	if err := saveHostNet(tx, hn); err != nil {
		return h, err
	}
	for _, ag := range sh.agents {
		ag.ID = newID()
		ag.Host = ovirt.HostRef(h.ID)
		withPortOption(&ag)
		if err := store.PutJSON(tx, kindAgent, ag.ID, h.ID, "", ag); err != nil {
			return h, err
		}
	}
	if err := e.addEvent(tx, eventSpec{Code: 13, Desc: "Status of host " + h.Name + " was set to Up.", Host: &h}); err != nil {
		return h, err
	}
	if !sh.pm {
		if err := e.addEvent(tx, eventSpec{Code: 9000, Severity: ovirt.LogSeverityAlert, Desc: "Failed to verify Host " + h.Name + " power management.", Host: &h}); err != nil {
			return h, err
		}
	}
	return h, nil
}

func staticIP(addr, mask, gw string) netplan.IPConfig {
	return netplan.IPConfig{Proto: "static", Addr: addr, Netmask: mask, Gateway: gw}
}

var noIP = netplan.IPConfig{Proto: "none"}

func usages(u ...ovirt.NetworkUsage) *ovirt.NetworkUsages { return &ovirt.NetworkUsages{Usage: u} }

func (e *Engine) seed(tx *store.Tx) error {
	e.instanceID, e.adminID = newID(), newID()
	if err := tx.SetMeta(metaInstanceID, e.instanceID); err != nil {
		return err
	}
	if err := tx.SetMeta(metaAdminID, e.adminID); err != nil {
		return err
	}
	dc, err := seedDC(tx, "Default", "The default Data Center")
	if err != nil {
		return err
	}
	clusterID := newID()
	byName, err := seedNetworks(tx, dc.ID, clusterID, []netplan.Network{
		{API: ovirt.Network{Name: "ovirtmgmt", Description: "Management Network", Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(true),
			Usages: usages(ovirt.NetworkUsageManagement, ovirt.NetworkUsageDefaultRoute, ovirt.NetworkUsageVM)},
			Sim: netplan.SimNet{IPv6: "2001:db8:10::/64", DHCPv6From: "2001:db8:10::1000", DHCPv6To: "2001:db8:10::1fff", Router6: "fe80::1",
				IPv4: "192.0.2.0/24", DHCPv4From: "192.0.2.100", DHCPv4To: "192.0.2.199"}},
		{API: ovirt.Network{Name: "display", Description: "Display and migration (VLAN 100)", Mtu: ovirt.NewInt(0), Required: ovirt.NewBool(false),
			Vlan: &ovirt.Vlan{ID: ovirt.NewInt(100)}, Usages: usages(ovirt.NetworkUsageVM, ovirt.NetworkUsageDisplay, ovirt.NetworkUsageMigration)},
			Sim: netplan.SimNet{IPv6: "2001:db8:100::/64", DHCPv6From: "2001:db8:100::1000", DHCPv6To: "2001:db8:100::1fff", Router6: "fe80::1"}},
		{API: ovirt.Network{Name: "storage", Description: "IPv6-only storage network (VLAN 200)", Mtu: ovirt.NewInt(9000), Required: ovirt.NewBool(false),
			Vlan: &ovirt.Vlan{ID: ovirt.NewInt(200)}, Usages: usages()},
			Sim: netplan.SimNet{IPv6: "2001:db8:200::/64", DHCPv6From: "2001:db8:200::1000", DHCPv6To: "2001:db8:200::1fff", Router6: "fe80::1"}},
	})
	if err != nil {
		return err
	}
	if err := seedCluster(tx, clusterID, "Default", "The default server cluster", dc.ID, byName["ovirtmgmt"].API.ID); err != nil {
		return err
	}

	none := noIP
	agent := func(addr, typ string, order, port int, opts ...ovirt.Option) ovirt.Agent {
		return ovirt.Agent{Address: addr, Type: typ, Order: ovirt.NewInt(order), Port: ovirt.NewInt(port), Username: "admin",
			Options: &ovirt.Options{Option: opts}, EncryptOptions: ovirt.NewBool(false)}
	}
	hosts := []seedHost{
		{name: "host0", address: "2001:db8:10::11", nics: 6, oui: netsim.OUIIntel, speed: 10_000_000_000,
			bonds: []seedBond{{name: "bond0", slaves: []string{"eth2", "eth3"},
				options: []ovirt.Option{{Name: "mode", Value: "4"}, {Name: "miimon", Value: "100"}, {Name: "xmit_hash_policy", Value: "layer3+4"}}}},
			atts: []seedAtt{
				{"ovirtmgmt", "eth0", staticIP("192.0.2.11", "255.255.255.0", "192.0.2.1"), staticIP("2001:db8:10::11", "64", "2001:db8:10::1")},
				{"display", "eth1", none, staticIP("2001:db8:100::11", "64", "")},
				{"storage", "bond0", none, staticIP("2001:db8:200::11", "64", "")},
			},
			pm: true, spm: ovirt.SpmStatusSpm,
			agents: []ovirt.Agent{agent(SeedBMCHost0, "ipmilan", 1, 623, ovirt.Option{Name: "lanplus", Value: "1"})}},
		{name: "host1", address: "host1.lab.example.org", nics: 4, oui: netsim.OUIMellanox, speed: 25_000_000_000,
			atts: []seedAtt{
				{"ovirtmgmt", "eth0", netplan.IPConfig{Proto: "dhcp"}, netplan.IPConfig{Proto: "autoconf"}},
				{"display", "eth1", none, netplan.IPConfig{Proto: "autoconf"}},
			},
			pm: true, spm: ovirt.SpmStatusNone,
			agents: []ovirt.Agent{
				agent(SeedBMCHost1, "redfish", 1, 443, ovirt.Option{Name: "ssl_insecure", Value: "1"}),
				agent(SeedBMCHost1v6, "ipmilan", 2, 623, ovirt.Option{Name: "lanplus", Value: "1"}),
			}},
		{name: "host2", address: "192.0.2.13", nics: 8, oui: netsim.OUIIntel,
			// four 10G ports and four 1G ports, the last two without link
			nic: func(i int) (int64, bool) {
				if i < 4 {
					return 10_000_000_000, false
				}
				return 1_000_000_000, i >= 6
			},
			atts: []seedAtt{
				{"ovirtmgmt", "eth0", staticIP("192.0.2.13", "24", "192.0.2.1"), netplan.IPConfig{Proto: "autoconf"}},
				{"storage", "eth1", none, netplan.IPConfig{Proto: "dhcp"}},
			},
			spm: ovirt.SpmStatusNone},
	}
	var host0 ovirt.Host
	for hi, sh := range hosts {
		h, err := e.seedHostDoc(tx, sh, clusterID, byName)
		if err != nil {
			return err
		}
		if hi == 0 {
			host0 = h
		}
	}
	for _, b := range lab.BMCs {
		if err := store.PutJSON(tx, kindBMC, lab.CanonAddr(b.Address), "", "", b); err != nil {
			return err
		}
	}

	// Storage: an iSCSI target with three LUNs and an NFS data domain
	// attached to the data center (the portals and NFS servers are lab
	// infrastructure, see putLab).
	luns := []lab.LUN{
		{ID: "36001405a1b2c3d4e5f60718293a4b5c6", Size: 100 << 30, Serial: "SLIO-ORG_lun0_a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90", Vendor: "LIO-ORG", Product: "lun0", Mapping: 0},
		{ID: "360014052f4e9c1b7d3a48e6b5c0d1f27", Size: 50 << 30, Serial: "SLIO-ORG_lun1_2f4e9c1b-7d3a-48e6-b5c0-d1f27a8b9c0d", Vendor: "LIO-ORG", Product: "lun1", Mapping: 1},
		{ID: "36001405c7d8e9f0a1b2c3d4e5f6a7b8c", Size: 20 << 30, Serial: "SLIO-ORG_lun2_c7d8e9f0-a1b2-c3d4-e5f6-a7b8c9d0e1f2", Vendor: "LIO-ORG", Product: "lun2", Mapping: 2},
	}
	tgt := lab.Target{Address: SeedISCSIPortal, Port: 3260, TPGT: 1, Name: SeedISCSITarget, LUNs: luns}
	if err := store.PutJSON(tx, kindISCSITarget, targetKey(tgt.Address, tgt.Port, tgt.Name), "", "", tgt); err != nil {
		return err
	}
	sd := ovirt.StorageDomain{
		ID: newID(), Name: "nfs-data", Description: "NFS data domain over IPv6", Comment: ovirt.Ptr(""),
		Type: ovirt.StorageDomainTypeData, ExternalStatus: ovirt.ExternalStatusOK, Master: ovirt.NewBool(true),
		Storage:   &ovirt.HostStorage{Type: ovirt.StorageTypeNFS, Address: SeedNFSServer, Path: "/exports/data", NfsVersion: ovirt.NfsVersionV4_2},
		Available: ovirt.NewLong(1717986918400), Used: ovirt.NewLong(481036337152), Committed: ovirt.NewLong(214748364800),
		StorageFormat: ovirt.StorageFormatV5, WipeAfterDelete: ovirt.NewBool(false), DiscardAfterDelete: ovirt.NewBool(false),
		SupportsDiscard: ovirt.NewBool(false), SupportsDiscardZeroesData: ovirt.NewBool(false), Backup: ovirt.NewBool(false),
		BlockSize: ovirt.NewInt(512), WarningLowSpaceIndicator: ovirt.NewInt(10), CriticalSpaceActionBlocker: ovirt.NewInt(5),
	}
	if err := store.PutJSON(tx, kindSD, sd.ID, "", sd.Name, sdDoc{API: sd, DC: dc.ID, Conn: lab.CanonAddr(SeedNFSServer) + ":/exports/data"}); err != nil {
		return err
	}
	if err := e.addEvent(tx, eventSpec{Code: 956, Desc: "Storage Domain nfs-data was added by " + adminAuthzName, SD: &sd, Host: &host0, User: true}); err != nil {
		return err
	}
	if err := e.addEvent(tx, eventSpec{Code: 962, Desc: "Storage Domain nfs-data was attached to Data Center Default by " + adminAuthzName, SD: &sd, DC: dc.ID, User: true}); err != nil {
		return err
	}

	// The OVN provider (its endpoints are lab infrastructure, see putLab).
	ovn := ovirt.OpenStackNetworkProvider{
		ID: newID(), Name: "ovirt-provider-ovn", Description: "oVirt OVN network provider", Comment: ovirt.Ptr(""),
		Url: SeedOVNURL, RequiresAuthentication: ovirt.NewBool(true), Username: "admin@internal",
		AuthenticationUrl: "https://[2001:db8:10::5]:35357/v2.0", TenantName: "oVirt",
		Type: ovirt.OpenStackNetworkProviderTypeExternal, ExternalPluginType: "ovirt-provider-ovn",
		ReadOnly: ovirt.NewBool(false), AutoSync: ovirt.NewBool(true), Unmanaged: ovirt.NewBool(false),
	}
	if err := store.PutJSON(tx, osnpKind.kind, ovn.ID, "", ovn.Name, ovn); err != nil {
		return err
	}
	return e.addEvent(tx, eventSpec{Code: 205, Desc: "Provider ovirt-provider-ovn was added.", User: true})
}
