package embedded

import (
	"net/url"
	"testing"

	"v6admin/engine/ovirt"
)

func TestISCSI(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	var a ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/discoveriscsi", map[string]any{"iscsi": map[string]any{"address": "2001:DB8:200:0::50", "port": "3260", "username": "u", "password": "chap"}}, &a)
	if a.Status != ovirt.ActionStatusComplete || a.DiscoveredTargets == nil || len(a.DiscoveredTargets.IscsiDetails) != 1 {
		t.Fatalf("discover %+v", a)
	}
	d := a.DiscoveredTargets.IscsiDetails[0]
	if d.Address != "2001:db8:200::50" || d.Port.Value() != 3260 || d.Portal != "[2001:db8:200::50]:3260,1" || d.Target != SeedISCSITarget {
		t.Fatalf("details %+v", d)
	}
	if len(a.IscsiTargets.IscsiTarget) != 1 || a.IscsiTargets.IscsiTarget[0] != SeedISCSITarget || a.Iscsi.Password != "" {
		t.Fatalf("targets %+v", a.IscsiTargets)
	}
	var legacy ovirt.Action
	v.must(200, "POST", "/hosts/"+h.ID+"/iscsidiscover", map[string]any{"iscsi": map[string]any{"address": "2001:db8:200::50"}}, &legacy)
	if legacy.DiscoveredTargets != nil || len(legacy.IscsiTargets.IscsiTarget) != 1 {
		t.Fatalf("iscsidiscover %+v", legacy)
	}
	// failures
	resp, b := v.do("POST", "/hosts/"+h.ID+"/discoveriscsi", map[string]any{"iscsi": map[string]any{"address": "2001:db8:200::99"}})
	var f ovirt.Action
	_ = jsonUnmarshal(b, &f)
	if resp.StatusCode != 400 || f.Status != ovirt.ActionStatusFailed || f.Fault.Detail != "[Failed to discover iSCSI targets: no iSCSI portal answered at [2001:db8:200::99]:3260.]" {
		t.Fatalf("unknown portal: %d %s", resp.StatusCode, b)
	}
	v.fault(400, "Incomplete parameters", "Action [iscsi.address] required for discoverIscsi", "POST", "/hosts/"+h.ID+"/discoveriscsi", "{}")
	v.fault(400, "Incomplete parameters", "Action [iscsi.target] required for iscsiLogin", "POST", "/hosts/"+h.ID+"/iscsilogin", map[string]any{"iscsi": map[string]any{"address": "2001:db8:200::50"}})
	resp, b = v.do("POST", "/hosts/"+h.ID+"/iscsilogin", map[string]any{"iscsi": map[string]any{"address": "2001:db8:200::50", "target": "iqn.2000-01.com.example:nope"}})
	if resp.StatusCode != 400 || !jsonHas(b, `"status":"failed"`) {
		t.Fatalf("login unknown target: %d %s", resp.StatusCode, b)
	}
	// LUNs appear after login
	if b := v.must(200, "GET", "/hosts/"+h.ID+"/storage", nil, nil); string(b) != "{}" {
		t.Fatalf("storage before login: %s", b)
	}
	v.must(200, "POST", "/hosts/"+h.ID+"/iscsilogin", map[string]any{"iscsi": map[string]any{"address": "2001:db8:200::50", "port": 3260, "target": SeedISCSITarget}}, &a)
	var hs ovirt.HostStorages
	b = v.must(200, "GET", "/hosts/"+h.ID+"/storage", nil, &hs)
	if len(hs.HostStorage) != 3 || !jsonHas(b, `"size":"107374182400"`) {
		t.Fatalf("storage %s", b)
	}
	lu := hs.HostStorage[0].LogicalUnits.LogicalUnit[0]
	if lu.Address != "2001:db8:200::50" || lu.Target != SeedISCSITarget || lu.Status != ovirt.LunStatusFree || hs.HostStorage[0].Type != ovirt.StorageTypeISCSI {
		t.Fatalf("lun %+v", lu)
	}
	v.must(200, "GET", "/hosts/"+h.ID+"/storage/"+lu.ID, nil, nil)

	// An iSCSI domain on the first LUN; the LUN is then used.
	lun := map[string]any{"id": lu.ID, "address": "2001:db8:200::50", "port": "3260", "target": SeedISCSITarget}
	sdBody := func(name string, l map[string]any) map[string]any {
		return map[string]any{"name": name, "type": "data", "host": map[string]string{"name": "host0"},
			"storage": map[string]any{"type": "iscsi", "logical_units": map[string]any{"logical_unit": []any{l}}}}
	}
	var sd ovirt.StorageDomain
	v.must(201, "POST", "/storagedomains", sdBody("iscsi-ipv6", lun), &sd)
	if sd.Storage.VolumeGroup == nil || sd.Storage.VolumeGroup.LogicalUnits.LogicalUnit[0].Address != "2001:db8:200::50" || sd.Status != ovirt.StorageDomainStatusUnattached {
		t.Fatalf("iscsi domain %+v", sd)
	}
	v.must(200, "GET", "/hosts/"+h.ID+"/storage/"+lu.ID, nil, &hs.HostStorage[0])
	if hs.HostStorage[0].LogicalUnits.LogicalUnit[0].Status != ovirt.LunStatusUsed {
		t.Fatal("LUN not used")
	}
	v.fault(409, "Operation Failed", "[Cannot add Storage. The following LUNs are already part of existing storage domains: "+lu.ID+".]", "POST", "/storagedomains", sdBody("iscsi-2", lun))
	v.fault(400, "Incomplete parameters", "LogicalUnit [target] required for add", "POST", "/storagedomains", sdBody("iscsi-4", map[string]any{"id": "x", "address": "2001:db8:200::50"}))
}

func jsonHas(b []byte, frag string) bool { return len(b) > 0 && contains(string(b), frag) }

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestStorageDomains(t *testing.T) {
	v := newEnv(t)
	var sds ovirt.StorageDomains
	v.must(200, "GET", "/storagedomains", nil, &sds)
	if len(sds.StorageDomain) != 1 {
		t.Fatalf("seeded domains %+v", sds)
	}
	seeded := sds.StorageDomain[0]
	if seeded.Storage.Address != "[2001:db8:200::60]" || seeded.Storage.Path != "/exports/data" || seeded.Storage.NfsVersion != ovirt.NfsVersionV4_2 ||
		seeded.Status != "" || !seeded.Master.Value() || seeded.DataCenters == nil {
		t.Fatalf("seeded %+v (an attached domain has no status in /storagedomains)", seeded)
	}
	var attached ovirt.StorageDomains
	v.must(200, "GET", "/datacenters/"+seeded.DataCenters.DataCenter[0].ID+"/storagedomains", nil, &attached)
	if len(attached.StorageDomain) != 1 || attached.StorageDomain[0].Status != ovirt.StorageDomainStatusActive {
		t.Fatalf("attached domains %+v", attached)
	}
	nfs := func(name, addr, path string) map[string]any {
		return map[string]any{"name": name, "type": "data", "host": map[string]string{"name": "host0"},
			"storage": map[string]any{"type": "nfs", "address": addr, "path": path, "nfs_version": "v4_2"}}
	}
	const mount = "[Mount path is illegal, please use [IP:/path or FQDN:/path] convention.]"
	cases := []struct {
		name           string
		body           any
		status         int
		reason, detail string
	}{
		{"bare ipv6", nfs("n1", "2001:db8:200::60", "/exports/iso"), 400, "Operation Failed", mount},
		{"relative path", nfs("n1", "[2001:db8:200::60]", "exports/iso"), 400, "Operation Failed", mount},
		{"zone", nfs("n1", "[fe80::1%eth0]", "/exports/iso"), 400, "Operation Failed", mount},
		{"unknown export", nfs("n1", "[2001:db8:200::60]", "/nope"), 400, "Operation Failed", "[Error while executing action Add Storage Connection: Problem while trying to mount target]"},
		{"unknown server", nfs("n1", "nfs.example.org", "/exports/iso"), 400, "Operation Failed", "[Error while executing action Add Storage Connection: Problem while trying to mount target]"},
		{"same connection", nfs("n1", "[2001:DB8:200:0::60]", "/exports/data"), 409, "Operation Failed", "[Cannot add Storage Connection. Storage connection already exists.]"},
		{"same name", nfs("nfs-data", "[2001:db8:200::60]", "/exports/iso"), 409, "Operation Failed", "[Cannot add Storage. The Storage Domain name is already in use.]"},
		{"missing", map[string]any{}, 400, "Incomplete parameters", "StorageDomain [host.id|name, type, storage] required for add"},
		{"missing path", map[string]any{"name": "n", "type": "data", "host": map[string]string{"name": "host0"}, "storage": map[string]any{"type": "nfs", "address": "[2001:db8:200::60]"}},
			400, "Incomplete parameters", "HostStorage [path] required for add"},
		{"bad type", map[string]any{"name": "n", "type": "bogus", "host": map[string]string{"name": "host0"}, "storage": map[string]any{"type": "nfs", "address": "[2001:db8:200::60]", "path": "/exports/iso"}},
			400, "Invalid value", "bogus is not a member of StorageDomainType"},
		{"bad nfs version", map[string]any{"name": "n", "type": "iso", "host": map[string]string{"name": "host0"}, "storage": map[string]any{"type": "nfs", "address": "[2001:db8:200::60]", "path": "/exports/iso", "nfs_version": "v5"}},
			400, "Invalid value", "v5 is not a member of NfsVersion"},
		{"unknown host", map[string]any{"name": "n", "type": "iso", "host": map[string]string{"name": "nohost"}, "storage": map[string]any{"type": "nfs", "address": "[2001:db8:200::60]", "path": "/exports/iso"}},
			400, "Operation Failed", "Entity not found: Host: name=nohost"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { v.fault(c.status, c.reason, c.detail, "POST", "/storagedomains", c.body) })
	}
	var sd ovirt.StorageDomain
	resp, b := v.do("POST", "/storagedomains", nfs("nfs-iso", "[2001:db8:200::60]", "/exports/iso"))
	if resp.StatusCode != 201 {
		t.Fatalf("add %d %s", resp.StatusCode, b)
	}
	_ = jsonUnmarshal(b, &sd)
	if resp.Header.Get("Location") != v.srv.URL+sd.Href || sd.Storage.Address != "[2001:db8:200::60]" || sd.Status != ovirt.StorageDomainStatusUnattached {
		t.Fatalf("nfs domain %s", b)
	}
	v.must(200, "GET", "/storagedomains?search="+url.QueryEscape("name=nfs-*"), nil, &sds)
	if len(sds.StorageDomain) != 2 {
		t.Fatalf("search %d", len(sds.StorageDomain))
	}
	v.must(200, "PUT", "/storagedomains/"+sd.ID, map[string]any{"comment": "isos", "wipe_after_delete": true}, &sd)
	if ovirt.Deref(sd.Comment) != "isos" || !sd.WipeAfterDelete.Value() {
		t.Fatalf("update %+v", sd)
	}
	var dcs ovirt.DataCenters
	v.must(200, "GET", "/datacenters", nil, &dcs)
	dc := dcs.DataCenter[0].ID
	var att ovirt.StorageDomain
	resp, b = v.do("POST", "/datacenters/"+dc+"/storagedomains", map[string]string{"id": sd.ID})
	if resp.StatusCode != 201 {
		t.Fatalf("attach %d %s", resp.StatusCode, b)
	}
	_ = jsonUnmarshal(b, &att)
	if att.Status != ovirt.StorageDomainStatusActive || att.Href != "/ovirt-engine/api/datacenters/"+dc+"/storagedomains/"+sd.ID || att.Master.Value() {
		t.Fatalf("attached %s", b)
	}
	v.fault(409, "Operation Failed", "[Cannot attach Storage. Storage Domain is already attached to a Data Center.]", "POST", "/datacenters/"+dc+"/storagedomains", map[string]string{"name": "nfs-iso"})
	v.must(200, "GET", "/datacenters/"+dc+"/storagedomains", nil, &sds)
	if len(sds.StorageDomain) != 2 {
		t.Fatalf("dc domains %d", len(sds.StorageDomain))
	}
	v.fault(409, "Operation Failed", "[Cannot remove Storage. The Storage Domain is attached to a Data Center: detach it first.]", "DELETE", "/storagedomains/"+sd.ID, nil)
	v.must(200, "DELETE", "/datacenters/"+dc+"/storagedomains/"+sd.ID, nil, nil)
	v.must(200, "DELETE", "/storagedomains/"+sd.ID, nil, nil)
	if resp, _ := v.do("GET", "/storagedomains/"+sd.ID, nil); resp.StatusCode != 404 {
		t.Fatalf("after delete %d", resp.StatusCode)
	}
}

// TestNFSConnectionFields: a domain on the lab's NFS server at
// [2001:db8::5] keeps the custom connection parameters and the space
// thresholds; out-of-range values are refused with the engine's messages.
func TestNFSConnectionFields(t *testing.T) {
	v := newEnv(t)
	body := func(name string, storage, extra map[string]any) map[string]any {
		st := map[string]any{"type": "nfs", "address": "[2001:db8::5]", "path": "/exports/data"}
		for k, x := range storage {
			st[k] = x
		}
		b := map[string]any{"name": name, "type": "data", "host": map[string]string{"name": "host0"}, "storage": st}
		for k, x := range extra {
			b[k] = x
		}
		return b
	}
	cases := []struct {
		name           string
		storage, extra map[string]any
		detail         string
	}{
		{"retrans high", map[string]any{"nfs_retrans": 32768}, nil, "[" + msgNFSRetrans + "]"},
		{"retrans negative", map[string]any{"nfs_retrans": -1}, nil, "[" + msgNFSRetrans + "]"},
		{"timeo zero", map[string]any{"nfs_timeo": 0}, nil, "[" + msgNFSTimeo + "]"},
		{"timeo high", map[string]any{"nfs_timeo": "6001"}, nil, "[" + msgNFSTimeo + "]"},
		{"managed mount option", map[string]any{"mount_options": "rsize=1048576, Timeo=5,vers=4"}, nil,
			"[Cannot add Storage Connection. Custom mount options contain the following managed options: Timeo, vers.]"},
		{"warning over 100", nil, map[string]any{"warning_low_space_indicator": 101}, "[" + msgWarningLowSpace + "]"},
		{"warning negative", nil, map[string]any{"warning_low_space_indicator": -1}, "[" + msgWarningLowSpace + "]"},
		{"critical negative", nil, map[string]any{"critical_space_action_blocker": -1}, "[" + msgCriticalSpace + "]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v.fault(400, reasonFailed, c.detail, "POST", "/storagedomains", body("n", c.storage, c.extra))
		})
	}
	var sd ovirt.StorageDomain
	b := v.must(201, "POST", "/storagedomains", body("data6", map[string]any{"nfs_version": "v4_1", "nfs_timeo": 600, "nfs_retrans": "6", "mount_options": "rsize=1048576,wsize=1048576"},
		map[string]any{"description": "lab data", "comment": "c", "warning_low_space_indicator": 15, "critical_space_action_blocker": 0}), &sd)
	for _, frag := range []string{`"address":"[2001:db8::5]"`, `"path":"/exports/data"`, `"nfs_version":"v4_1"`, `"nfs_timeo":"600"`, `"nfs_retrans":"6"`,
		`"mount_options":"rsize=1048576,wsize=1048576"`, `"warning_low_space_indicator":"15"`, `"critical_space_action_blocker":"0"`, `"description":"lab data"`, `"comment":"c"`} {
		if !jsonHas(b, frag) {
			t.Errorf("created domain lacks %s: %s", frag, b)
		}
	}
	var got ovirt.StorageDomain
	v.must(200, "GET", "/storagedomains/"+sd.ID, nil, &got)
	if st := got.Storage; st.NfsTimeo.Value() != 600 || st.NfsRetrans.Value() != 6 || st.MountOptions != "rsize=1048576,wsize=1048576" ||
		got.WarningLowSpaceIndicator.Value() != 15 || got.CriticalSpaceActionBlocker == nil || got.CriticalSpaceActionBlocker.Value() != 0 {
		t.Fatalf("stored %+v / %+v", got, got.Storage)
	}
	// Defaults: auto, 10 %, 5 GB; no custom parameters.
	b = v.must(201, "POST", "/storagedomains", body("iso6", map[string]any{"path": "/exports/iso"}, map[string]any{"type": "iso"}), nil)
	for _, frag := range []string{`"nfs_version":"auto"`, `"warning_low_space_indicator":"10"`, `"critical_space_action_blocker":"5"`} {
		if !jsonHas(b, frag) {
			t.Errorf("defaults: lacks %s: %s", frag, b)
		}
	}
	if jsonHas(b, "nfs_timeo") || jsonHas(b, "nfs_retrans") || jsonHas(b, "mount_options") {
		t.Errorf("defaults: custom parameters set: %s", b)
	}
	v.fault(400, reasonFailed, "["+msgWarningLowSpace+"]", "PUT", "/storagedomains/"+sd.ID, map[string]any{"warning_low_space_indicator": 200})
	v.must(200, "PUT", "/storagedomains/"+sd.ID, map[string]any{"warning_low_space_indicator": 20}, &got)
	if got.WarningLowSpaceIndicator.Value() != 20 {
		t.Fatalf("update %+v", got)
	}
}

func TestISCSIEmptyPortal(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	for _, path := range []string{"/discoveriscsi", "/iscsidiscover"} {
		var a ovirt.Action
		b := v.must(200, "POST", "/hosts/"+h.ID+path, map[string]any{"iscsi": map[string]any{"address": SeedISCSIEmptyPortal}}, &a)
		if a.Status != ovirt.ActionStatusComplete || (a.DiscoveredTargets != nil && len(a.DiscoveredTargets.IscsiDetails) > 0) ||
			a.IscsiTargets == nil || len(a.IscsiTargets.IscsiTarget) > 0 {
			t.Fatalf("%s: %s", path, b)
		}
	}
	// The same address on another port does not answer.
	resp, b := v.do("POST", "/hosts/"+h.ID+"/discoveriscsi", map[string]any{"iscsi": map[string]any{"address": SeedISCSIEmptyPortal, "port": 3261}})
	if resp.StatusCode != 400 || !jsonHas(b, "no iSCSI portal answered at [2001:db8:200::51]:3261") {
		t.Fatalf("other port: %d %s", resp.StatusCode, b)
	}
}
