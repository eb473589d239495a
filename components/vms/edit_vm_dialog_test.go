package vms

import (
	"encoding/json"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/internal/uitest"
	"v6admin/wire"
)

// Edit VM opens on the stored Initial Run and OK sends it back changed,
// exactly as PUT /api/vms/:id takes it.
func TestEditVMOKSendsTheRequest(t *testing.T) {
	api := &runOnceAPI{initialRun: &wire.CloudInitRequest{Protocol: "openstack_metadata", DNSServers: []string{"2001:db8::53"},
		NICs: []wire.CloudInitNIC{{Name: "eth0", IPv6: &wire.IPv6Request{BootProtocol: "static", Address: "2001:db8:100::5", Prefix: "64", Gateway: "2001:db8:100::1"}}}}}
	var saved *wire.VM
	d := &EditVMDialog{API: api, VM: wire.VM{ID: "vm2", Name: "build0"}, OnSaved: func(_ app.Context, vm *wire.VM) { saved = vm }}
	e, ctx := uitest.Mount(t, d)
	if !d.useCI || len(d.ci.nics) != 1 {
		t.Fatalf("the stored Initial Run did not load: use %v, %d NICs", d.useCI, len(d.ci.nics))
	}
	name, ip4, ip6 := d.ci.NIC(0)
	if name.Value() != "eth0" || ip4.Proto != "none" || ip6.Proto != "static" || ip6.Address.Value() != "2001:db8:100::5" || ip6.Mask.Value() != "64" ||
		d.ci.dns[0].Value() != "2001:db8::53" {
		t.Fatalf("loaded %q %s %s %q/%q", name.Value(), ip4.Proto, ip6.Proto, ip6.Address.Value(), ip6.Mask.Value())
	}
	uitest.CheckHTML(t, "loaded", app.HTMLString(d.Render()), []string{`id="ir-nic0-ipv6-address"`, `value="2001:db8:100::5"`, "Initial Run"}, nil)
	ip6.Address.SetValue("2001:db8:100::6")
	ip4.SetProto("dhcp")
	d.ok(ctx)
	e.ConsumeAll()
	if len(api.edits) != 1 {
		t.Fatalf("%d edits sent", len(api.edits))
	}
	got, _ := json.Marshal(api.edits[0])
	want := `{"initial_run":{"protocol":"openstack_metadata","nics":[{"name":"eth0","ipv4":{"boot_protocol":"dhcp","address":"","netmask":"","gateway":""},"ipv6":{"boot_protocol":"static","address":"2001:db8:100::6","prefix":"64","gateway":"2001:db8:100::1"}}],"dns_servers":["2001:db8::53"]}}`
	if string(got) != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if saved == nil || saved.InitialRun == nil {
		t.Errorf("OnSaved got %+v", saved)
	}
}

// The BFF's field errors land under initial_run.; clearing Use Cloud-Init
// sends an empty network (the stored NICs go).
func TestEditVMRefusalAndClear(t *testing.T) {
	api := &runOnceAPI{initialRun: &wire.CloudInitRequest{NICs: []wire.CloudInitNIC{{Name: "eth0", IPv6: &wire.IPv6Request{BootProtocol: "dhcp"}}}},
		refuse: &client.APIError{Status: 400, Code: wire.CodeValidation, Message: wire.MsgValidation, Fields: wire.FieldErrors{
			"initial_run.nics.0.name": {Message: "bad name"}}}}
	d := &EditVMDialog{API: api, VM: wire.VM{ID: "vm2", Name: "build0"}}
	e, ctx := uitest.Mount(t, d)
	d.ok(ctx)
	e.ConsumeAll()
	name, _, ip6 := d.ci.NIC(0)
	if name.ServerError() != "bad name" || d.err != "" || ip6.Proto != "dhcp" {
		t.Fatalf("name %q, alert %q, ipv6 %s", name.ServerError(), d.err, ip6.Proto)
	}
	api.refuse = nil
	d.useCI = false
	d.ok(ctx)
	e.ConsumeAll()
	if got, _ := json.Marshal(api.edits[len(api.edits)-1]); string(got) != `{"initial_run":{}}` {
		t.Errorf("clear sent %s", got)
	}
}
