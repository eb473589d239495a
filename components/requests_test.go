package components

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/wire"
)

// fakeAPI is a client.API that answers the calls the dialogs make on
// opening and records the requests their OK sends; any other call panics
// (the embedded nil interface), so a test notices an unexpected request.
type fakeAPI struct {
	client.API
	mu   sync.Mutex
	sent []any // the request bodies, in order
	// refuse, if set, is the answer to the OK's request.
	refuse *client.APIError
}

func (f *fakeAPI) record(r any) {
	f.mu.Lock()
	f.sent = append(f.sent, r)
	f.mu.Unlock()
}

func (f *fakeAPI) Clusters(context.Context) ([]wire.Cluster, error) {
	return []wire.Cluster{{ID: "c1", Name: "Default", DataCenter: &wire.Ref{ID: "dc1", Name: "Default"}}}, nil
}

func (f *fakeAPI) Hosts(context.Context) ([]wire.Host, error) {
	return []wire.Host{{ID: "h1", Name: "h1", Status: "up", Cluster: &wire.Ref{ID: "c1", Name: "Default"}}}, nil
}

func (f *fakeAPI) AddHost(_ context.Context, r wire.AddHostRequest) (*wire.AddHostResult, error) {
	f.record(r)
	return &wire.AddHostResult{Host: wire.Host{ID: "new", Name: r.Name}}, nil
}

func (f *fakeAPI) AddNFSDomain(_ context.Context, r wire.NFSDomainRequest) (*wire.StorageDomain, error) {
	f.record(r)
	if f.refuse != nil {
		return nil, f.refuse
	}
	return &wire.StorageDomain{ID: "sd1", Name: r.Name}, nil
}

// only returns the one request sent, as JSON (what goes on the wire).
func (f *fakeAPI) only(t *testing.T) string {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sent) != 1 {
		t.Fatalf("%d requests sent, want 1: %+v", len(f.sent), f.sent)
	}
	b, err := json.Marshal(f.sent[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNewHostOKSendsTheRequest(t *testing.T) {
	api := &fakeAPI{}
	var saved *wire.Host
	d := &HostDialog{API: api, OnSaved: func(_ app.Context, h *wire.Host, _ []wire.Warning) { saved = h }}
	e, ctx := uitest.Mount(t, d)
	if d.clusterID != "c1" {
		t.Fatalf("the clusters did not load from the API prop: %q", d.clusterID)
	}
	d.name.SetValue("h2")
	d.address.SetValue("2001:DB8::A3")
	d.password.SetValue("secret")
	d.ok(ctx) // no power management: the dialog asks first
	if !d.confirmNoPM {
		t.Fatal("OK without power management did not ask")
	}
	d.confirmNoPM = false
	d.save(ctx) // "OK" in the confirmation
	e.ConsumeAll()
	want := `{"name":"h2","address":"2001:db8::a3","cluster_id":"c1","auth_method":"password","root_password":"secret","ssh_port":22,"activate":true,"reboot":true,"power_management":{"enabled":false,"kdump_detection":true}}`
	if got := api.only(t); got != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if saved == nil || saved.ID != "new" {
		t.Errorf("OnSaved got %+v", saved)
	}
}

func TestStorageDomainOKSendsTheRequest(t *testing.T) {
	api := &fakeAPI{}
	var saved *wire.StorageDomain
	d := &StorageDomainDialog{API: api, OnSaved: func(_ app.Context, sd *wire.StorageDomain) { saved = sd }}
	e, ctx := uitest.Mount(t, d)
	d.name.SetValue("nfs-data")
	d.export.SetValue("[2001:DB8::5]:/exports/data")
	d.mountOptions.SetValue("rsize=1048576")
	d.ok(ctx)
	e.ConsumeAll()
	want := `{"name":"nfs-data","host_id":"h1","data_center_id":"dc1","warning_low_space":10,"critical_space_blocker":5,"type":"data","export":"[2001:db8::5]:/exports/data","nfs_version":"auto","mount_options":"rsize=1048576"}`
	if got := api.only(t); got != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if saved == nil || saved.ID != "sd1" {
		t.Errorf("OnSaved got %+v", saved)
	}
}

// The BFF's field errors land on the field of their path (form.Binder),
// the host's on the host select, the rest in the dialog's alert.
func TestStorageDomainShowsTheBFFsFieldErrors(t *testing.T) {
	api := &fakeAPI{refuse: &client.APIError{Status: 400, Code: wire.CodeValidation, Message: wire.MsgValidation, Fields: wire.FieldErrors{
		"mount_options": {Message: "bad option"}, "host_id": {Message: "no such host"},
	}}}
	d := &StorageDomainDialog{API: api}
	e, ctx := uitest.Mount(t, d)
	d.name.SetValue("nfs-data")
	d.export.SetValue("[2001:db8::5]:/exports/data")
	d.ok(ctx)
	e.ConsumeAll()
	if d.mountOptions.ServerError() != "bad option" || d.hostErr != "no such host" || d.saveErr != "" {
		t.Fatalf("mount options %q, host %q, alert %q", d.mountOptions.ServerError(), d.hostErr, d.saveErr)
	}
	if !d.custom {
		t.Error("the custom connection parameters holding the error stayed closed")
	}
	api.refuse.Fields = wire.FieldErrors{"nfs_version": {Message: "?"}}
	d.mountOptions.SetServerError("")
	d.hostErr = ""
	d.ok(ctx)
	e.ConsumeAll()
	if d.saveErr != wire.MsgValidation {
		t.Fatalf("an error about no field: alert %q", d.saveErr)
	}
}
