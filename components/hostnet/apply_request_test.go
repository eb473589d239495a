package hostnet

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/internal/uitest"
	"v6admin/wire"
)

// fakeAPI answers Setup Host Networks' load with testHostNet and records
// what its OK sends; any other call panics (the embedded nil interface).
type fakeAPI struct {
	client.API
	mu   sync.Mutex
	host []string
	sent []wire.SetupNetworksRequest
}

func (f *fakeAPI) HostNetworkConfig(_ context.Context, id string) (*wire.HostNetwork, error) {
	return testHostNet(), nil
}

func (f *fakeAPI) SetupNetworks(_ context.Context, id string, r wire.SetupNetworksRequest) (*wire.SetupResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.host, f.sent = append(f.host, id), append(f.sent, r)
	return &wire.SetupResult{}, nil
}

func TestSetupHostNetworksOKSendsTheRequest(t *testing.T) {
	api := &fakeAPI{}
	closed, applied := false, false
	d := &SetupHostNetworksDialog{API: api, HostID: "h0", OnClose: func(_ app.Context, ok bool) { closed, applied = true, ok }}
	e, ctx := uitest.Mount(t, d)
	if d.st == nil {
		t.Fatalf("the host's networks did not load from the API prop (%q)", d.loadErr)
	}
	if err := d.st.attach("vmnet", "eth4"); err != nil {
		t.Fatal(err)
	}
	d.ok(ctx)
	e.ConsumeAll()
	api.mu.Lock()
	defer api.mu.Unlock()
	if len(api.sent) != 1 || api.host[0] != "h0" {
		t.Fatalf("sent %d requests to %q, want 1 to h0", len(api.sent), api.host)
	}
	got, _ := json.Marshal(api.sent[0])
	want := `{"attachments":[{"network":"vmnet","nic":"eth4","ipv4":{"boot_protocol":"none","address":"","netmask":"","gateway":""},"ipv6":{"boot_protocol":"none","address":"","prefix":"","gateway":""}}],"check_connectivity":true,"connectivity_timeout":120,"commit_on_success":true}`
	if string(got) != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if !closed || !applied {
		t.Errorf("the dialog did not close as applied: closed %v applied %v", closed, applied)
	}
}

func TestSetupHostNetworksFocusesTheLinkedChip(t *testing.T) {
	// want "" is the first interface.
	tests := []struct{ focus, want string }{
		{"", ""},
		{"net:storage", "net:storage"},
		{"nic:eth1", "nic:eth1"},
		{"net:nowhere", ""}, // not on the board
	}
	for _, tt := range tests {
		d := &SetupHostNetworksDialog{API: &fakeAPI{}, HostID: "h0", Focus: tt.focus}
		uitest.Mount(t, d)
		if d.st == nil {
			t.Fatalf("not loaded: %q", d.loadErr)
		}
		want := tt.want
		if want == "" {
			want = "nic:" + d.st.interfaces()[0]
		}
		if d.current != want {
			t.Errorf("Focus %q: the roving stop is on %q, want %q", tt.focus, d.current, want)
		}
		html := app.HTMLString(d.Render())
		if linked := strings.Count(html, "v6-sn-chip--linked"); (tt.focus == "net:storage") != (linked == 1) || linked > 1 {
			t.Errorf("Focus %q: %d chips highlighted", tt.focus, linked)
		}
	}
}
