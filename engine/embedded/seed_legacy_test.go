package embedded

import (
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

// TestLegacyLab: with LegacyLab the cluster Legacy holds the IPv6 traps
// the readiness checks find (as the REST API shows them), once across
// reopenings; without it nothing of it is seeded.
func TestLegacyLab(t *testing.T) {
	dir := t.TempDir()
	for round := range 2 {
		v := openEnv(t, dir, func(c *Config) { c.LegacyLab = true })
		var cs ovirt.Clusters
		v.must(200, "GET", "/clusters", nil, &cs)
		var hs ovirt.Hosts
		v.must(200, "GET", "/hosts", nil, &hs)
		if len(cs.Cluster) != 2 || cs.Cluster[1].Name != LegacyCluster || len(hs.Host) != 5 {
			t.Fatalf("round %d: %d clusters, %d hosts", round, len(cs.Cluster), len(hs.Host))
		}
		l1 := v.hostByName(LegacyHost1)
		if l1.Os == nil || !strings.Contains(l1.Os.Version.FullVersion, "el8") || l1.Address != "legacy1.lab.example.org" {
			t.Fatalf("legacy1 %+v", l1.Os)
		}
		nics := v.nics(l1.ID)
		// legacymgmt: autoconf without advertisements, no global IPv6.
		if n := nics["eth0"]; n.Ipv6BootProtocol != ovirt.BootProtocolAutoconf || n.Ipv6 != nil || n.Ip == nil || n.Ip.Address != "198.51.100.21" {
			t.Errorf("legacy1 eth0 %+v %+v", n.Ipv6, n.Ip)
		}
		// legacytun (VLAN 302): host0's storage address, "::" configured as gateway.
		if n := nics["eth3.302"]; n.Ipv6 == nil || n.Ipv6.Address != "2001:db8:200::11" {
			t.Errorf("legacy1 eth3.302 %+v", n.Ipv6)
		}
		// legacy2's migration network is out of sync in its IPv6 address.
		l2 := v.hostByName(LegacyHost2)
		names := v.networkNames()
		var mig *ovirt.NetworkAttachment
		for _, a := range v.attachments(l2.ID) {
			if names[a.Network.ID] == "legacymig" {
				mig = &a
			}
		}
		if mig == nil || mig.InSync.Value() {
			t.Fatalf("legacy2 legacymig %+v", mig)
		}
		found := false
		for _, rc := range mig.ReportedConfigurations.ReportedConfiguration {
			found = found || (rc.Name == "ipv6_address" && rc.ExpectedValue == "2001:db8:300::122" && rc.ActualValue == "2001:db8:300::222" && !rc.InSync.Value())
		}
		if !found {
			t.Errorf("reported configurations %+v", mig.ReportedConfigurations)
		}
		var vms ovirt.Vms
		v.must(200, "GET", "/vms?search=name%3D"+LegacyVM, nil, &vms)
		if len(vms.Vm) != 1 || vms.Vm[0].Status != ovirt.VmStatusUp {
			t.Errorf("legacy0 %+v", vms.Vm)
		}
		v.close()
	}
	v := newEnv(t)
	var cs ovirt.Clusters
	v.must(200, "GET", "/clusters", nil, &cs)
	if len(cs.Cluster) != 1 {
		t.Fatalf("%d clusters without LegacyLab", len(cs.Cluster))
	}
}
