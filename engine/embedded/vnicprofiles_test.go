package embedded

import (
	"testing"

	"v6admin/engine/ovirt"
)

// TestVnicProfiles: GET /vnicprofiles lists the default profile of every
// VM network (NetworkHelper.createVnicProfile: named as the network, port
// mirroring off, pass-through disabled, the vdsm-no-mac-spoofing filter),
// the network by id and href — inlined whole with follow=network —; a
// network that is not a VM network has none; each seeded VM NIC's
// vnic_profile reference resolves through GET /vnicprofiles/{id}; a
// network added as a VM network gets its profile, one added without the
// vm usage none.
func TestVnicProfiles(t *testing.T) {
	v := newEnv(t)
	var ps ovirt.VnicProfiles
	v.must(200, "GET", "/vnicprofiles", nil, &ps)
	by := map[string]ovirt.VnicProfile{}
	for _, p := range ps.VnicProfile {
		by[p.Name] = p
	}
	if len(ps.VnicProfile) != 2 || by["ovirtmgmt"].ID == "" || by["display"].ID == "" {
		t.Fatalf("profiles %+v: want ovirtmgmt and display (storage is no VM network)", ps.VnicProfile)
	}
	d := by["display"]
	if d.Href != ovirt.Href("vnicprofiles", d.ID) || d.Network == nil || d.Network.ID == "" || d.Network.Name != "" ||
		d.Network.Href != ovirt.Href("networks", d.Network.ID) || d.PortMirroring == nil || d.PortMirroring.Value() ||
		d.PassThrough.Mode != ovirt.VnicPassThroughModeDisabled || d.NetworkFilter.ID != noMacSpoofingFilterID {
		t.Errorf("display's profile %+v (network %+v)", d, d.Network)
	}

	var followed ovirt.VnicProfiles
	v.must(200, "GET", "/vnicprofiles?follow=network", nil, &followed)
	for _, p := range followed.VnicProfile {
		if p.Network == nil || p.Network.Name != p.Name || p.Network.ID != by[p.Name].Network.ID || p.Network.Usages == nil {
			t.Errorf("followed %s: network %+v", p.Name, p.Network)
		}
	}

	// Every NIC of the seeded VMs names a profile that exists.
	var vms ovirt.Vms
	v.must(200, "GET", "/vms", nil, &vms)
	nics := 0
	for _, vm := range vms.Vm {
		var ns ovirt.Nics
		v.must(200, "GET", "/vms/"+vm.ID+"/nics", nil, &ns)
		for _, n := range ns.Nic {
			var p ovirt.VnicProfile
			v.must(200, "GET", "/vnicprofiles/"+n.VnicProfile.ID+"?follow=network", nil, &p)
			if p.ID != n.VnicProfile.ID || p.Network.Name == "" {
				t.Errorf("%s %s: profile %+v", vm.Name, n.Name, p)
			}
			nics++
		}
	}
	if nics != 3 {
		t.Errorf("%d seeded NICs", nics)
	}
	if web := v.vmByName("web0"); web.ID != "" {
		var ns ovirt.Nics
		v.must(200, "GET", "/vms/"+web.ID+"/nics", nil, &ns)
		if ns.Nic[0].VnicProfile.ID != d.ID {
			t.Errorf("web0's NIC uses %s, want display's profile %s", ns.Nic[0].VnicProfile.ID, d.ID)
		}
	}
	v.must(404, "GET", "/vnicprofiles/00000000-0000-0000-0000-000000000000", nil, nil)

	clusterID := v.vmByName("web0").Cluster.ID
	var cl ovirt.Cluster
	v.must(200, "GET", "/clusters/"+clusterID, nil, &cl)
	v.must(201, "POST", "/networks", `{"name":"guests","data_center":{"id":"`+cl.DataCenter.ID+`"}}`, nil)
	v.must(201, "POST", "/networks", `{"name":"backup","data_center":{"id":"`+cl.DataCenter.ID+`"},"usages":{"usage":[]}}`, nil)
	var after ovirt.VnicProfiles
	v.must(200, "GET", "/vnicprofiles", nil, &after)
	names := map[string]bool{}
	for _, p := range after.VnicProfile {
		names[p.Name] = true
	}
	if len(after.VnicProfile) != 3 || !names["guests"] || names["backup"] {
		t.Errorf("after adding guests (VM) and backup (not VM): %v", names)
	}
}
