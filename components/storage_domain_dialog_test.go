package components

import (
	"reflect"
	"testing"
	"v6admin/components/form"

	"v6admin/validation"
	"v6admin/wire"
)

func TestStorageDialogNameUnique(t *testing.T) {
	d := &StorageDomainDialog{Existing: []string{"nfs-data"}}
	d.init()
	d.name.SetValue("nfs-data")
	if d.name.Validate() || d.name.Problem().Message != validation.MsgStorageDomainNameUsed {
		t.Errorf("duplicate name: %+v", d.name.Problem())
	}
}

func TestNFSExportDisplay(t *testing.T) {
	tests := []struct {
		in, server, path string
		hint             bool
	}{
		{"[2001:db8::5]:/exports/data", "[2001:db8::5]", "/exports/data", false},
		{"[2001:DB8:0::5]:/exports/data", "[2001:db8::5]", "/exports/data", false},
		{"nfs.example.com:/exports/data", "nfs.example.com", "/exports/data", false},
		{"2001:db8::5:/exports/data", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := &StorageDomainDialog{}
			d.init()
			d.export.SetValue(tt.in)
			ok := d.export.Validate()
			if tt.hint {
				if ok || d.export.Problem().Hint == "" {
					t.Fatalf("bare IPv6 accepted or without hint: %+v", d.export.Problem())
				}
				return
			}
			if !ok {
				t.Fatalf("refused: %+v", d.export.Problem())
			}
			if nfsExportPreview(tt.in) == nil {
				t.Error("no preview")
			}
			if got := d.nfsRequest().Export; got != tt.server+":"+tt.path {
				t.Errorf("export sent %q", got)
			}
		})
	}
}

func TestStorageDialogNFSRequest(t *testing.T) {
	d := &StorageDomainDialog{}
	d.init()
	d.setChoices([]wire.Cluster{{ID: "c1", DataCenter: &wire.Ref{ID: "dc1", Name: "Default"}}},
		[]wire.Host{{ID: "h0", Name: "host0", Status: "maintenance", Cluster: &wire.Ref{ID: "c1"}}, {ID: "h1", Name: "host1", Status: "up", Cluster: &wire.Ref{ID: "c1"}}})
	if d.hostID != "h1" || d.dc != "dc1" {
		t.Errorf("host %q dc %q: want the up host and the data center", d.hostID, d.dc)
	}
	d.name.SetValue("nfs-lab")
	d.export.SetValue("[2001:db8::5]:/exports/data")
	d.timeout.SetValue("600")
	if !d.validate() {
		t.Fatalf("refused: %s", d.firstInvalid())
	}
	r := d.nfsRequest()
	if r.HostID != "h1" || r.DataCenterID != "dc1" || *r.WarningLowSpace != 10 || *r.CriticalSpaceBlocker != 5 || *r.Timeout != 600 || r.Retransmissions != nil || r.NFSVersion != "auto" {
		t.Errorf("request %+v", r)
	}
}

func TestStorageDialogRanges(t *testing.T) {
	tests := []struct {
		field func(d *StorageDomainDialog) *form.Field
		in    string
		ok    bool
	}{
		{func(d *StorageDomainDialog) *form.Field { return &d.retrans }, "32767", true},
		{func(d *StorageDomainDialog) *form.Field { return &d.retrans }, "32768", false},
		{func(d *StorageDomainDialog) *form.Field { return &d.timeout }, "0", false},
		{func(d *StorageDomainDialog) *form.Field { return &d.timeout }, "6000", true},
		{func(d *StorageDomainDialog) *form.Field { return &d.warnLow }, "101", false},
		{func(d *StorageDomainDialog) *form.Field { return &d.critical }, "-1", false},
		{func(d *StorageDomainDialog) *form.Field { return &d.mountOptions }, "vers=4", false},
		{func(d *StorageDomainDialog) *form.Field { return &d.mountOptions }, "sec=sys,noatime", true},
		{func(d *StorageDomainDialog) *form.Field { return &d.port }, "65536", false},
	}
	for _, tt := range tests {
		d := &StorageDomainDialog{}
		d.init()
		f := tt.field(d)
		f.SetValue(tt.in)
		if got := f.Validate(); got != tt.ok {
			t.Errorf("%s %q: valid=%v, want %v (%+v)", f.ID, tt.in, got, tt.ok, f.Problem())
		}
	}
}

func TestLUNSelectionRule(t *testing.T) {
	luns := []wire.LUN{
		{ID: "lun0", Address: &wire.Addr{Address: "2001:db8:200::50", Kind: validation.HostIPv6}, Port: 3260, Target: "iqn.x:a", Status: "free"},
		{ID: "lun1", Address: &wire.Addr{Address: "2001:db8:200::50", Kind: validation.HostIPv6}, Port: 3260, Target: "iqn.x:a", Status: "used"},
	}
	d := &StorageDomainDialog{}
	d.init()
	d.storageType = "iscsi"
	d.hostID = "h1"
	d.name.SetValue("iscsi-lab")
	d.luns = luns
	if d.validate() || d.lunErr != msgNoLUNs {
		t.Fatalf("no LUN chosen: lunErr %q", d.lunErr)
	}
	if !lunUsable(luns[0]) || lunUsable(luns[1]) {
		t.Error("lunUsable")
	}
	d.toggleLUN("lun0", true)
	if d.lunErr != "" {
		t.Errorf("error stays after choosing: %q", d.lunErr)
	}
	if !d.validate() {
		t.Fatalf("refused: %s", d.firstInvalid())
	}
	want := []wire.LUNRequest{{ID: "lun0", Address: "2001:db8:200::50", Port: 3260, Target: "iqn.x:a"}}
	if got := d.iscsiRequest().LUNs; !reflect.DeepEqual(got, want) {
		t.Errorf("luns %+v", got)
	}
	d.toggleLUN("lun0", false)
	if len(selectedLUNs(d.luns, d.chosen)) != 0 {
		t.Error("unchosen LUN still selected")
	}
}

func TestStorageDialogISOIsNFSOnly(t *testing.T) {
	d := &StorageDomainDialog{}
	d.init()
	d.storageType = "iscsi"
	d.setFunction("iso")
	if d.storageType != "nfs" || len(d.storageTypes()) != 1 {
		t.Errorf("ISO: type %q, types %v", d.storageType, d.storageTypes())
	}
}

func TestStorageDialogPortalRequest(t *testing.T) {
	d := &StorageDomainDialog{}
	d.init()
	d.hostID = "h1"
	d.address.SetValue("[2001:DB8:200::50]")
	if !d.validatePortal() {
		t.Fatal("portal refused")
	}
	r := d.portalRequest()
	if r.Address != "2001:db8:200::50" || r.Port != 3260 || r.Username != "" {
		t.Errorf("portal %+v", r)
	}
	d.setCHAP(true)
	if d.validatePortal() {
		t.Error("CHAP without user accepted")
	}
	d.address.SetValue("2001:db8:200::50/64")
	if d.address.Validate() {
		t.Error("prefix accepted as portal")
	}
}

func TestStorageDialogRenders(t *testing.T) {
	d := &StorageDomainDialog{}
	d.init()
	d.storageType = "iscsi"
	d.targets = []wire.ISCSITarget{{Address: wire.Addr{Address: "2001:db8:200::50", Kind: validation.HostIPv6, Scope: validation.ScopeDocumentation}, Port: 3260, Target: "iqn.x:a"}}
	d.luns = []wire.LUN{{ID: "lun0", Status: "free"}}
	if d.Render() == nil {
		t.Fatal("render")
	}
	p := &ProviderDialog{}
	p.init()
	p.url.SetValue("https://2001:db8::50")
	if p.renderURLFix() == nil {
		t.Error("no fix button for a bare IPv6 URL")
	}
	if p.Render() == nil {
		t.Error("render")
	}
}

func TestAnyLoggedIn(t *testing.T) {
	tests := []struct {
		targets []wire.ISCSITarget
		want    bool
	}{
		{nil, false},
		{[]wire.ISCSITarget{{Target: "a"}}, false},
		{[]wire.ISCSITarget{{Target: "a"}, {Target: "b", LoggedIn: true}}, true},
	}
	for _, tt := range tests {
		if got := anyLoggedIn(tt.targets); got != tt.want {
			t.Errorf("anyLoggedIn(%+v) = %v", tt.targets, got)
		}
	}
}
