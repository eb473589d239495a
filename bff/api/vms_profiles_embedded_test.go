package api

import (
	"encoding/json"
	"testing"

	"v6admin/engine/embedded"
	"v6admin/wire"
)

// TestVMProfilesEmbedded: against the embedded engine each NIC's profile
// is named with its network (web0's "display" on display, db0's
// "ovirtmgmt" on ovirtmgmt, the default profiles named as their
// networks); an engine that ignores follow gives the profile's name and
// its network by id.
func TestVMProfilesEmbedded(t *testing.T) {
	env := newEmbeddedAPI(t, embedded.Config{})
	for vm, want := range map[string]string{"web0": "display", "db0": "ovirtmgmt"} {
		v := vmNamed(t, env.modern, vm)
		if len(v.NICs) != 1 {
			t.Fatalf("%s: NICs %+v", vm, v.NICs)
		}
		if n := v.NICs[0]; n.Profile == nil || n.Profile.Name != want || n.ProfileNetwork == nil || n.ProfileNetwork.Name != want || n.ProfileNetwork.ID == "" {
			t.Errorf("%s: profile %+v network %+v", vm, n.Profile, n.ProfileNetwork)
		}
	}
	web := vmNamed(t, env.modern, "web0")
	status, body := get(env.older, "/api/vms/"+web.ID)
	var v wire.VM
	if err := json.Unmarshal([]byte(body), &v); status != 200 || err != nil {
		t.Fatalf("%d %v %s", status, err, body)
	}
	if n := v.NICs[0]; n.Profile.Name != "display" || n.ProfileNetwork == nil || n.ProfileNetwork.ID != web.NICs[0].ProfileNetwork.ID || n.ProfileNetwork.Name != "" {
		t.Errorf("without follow: profile %+v network %+v", n.Profile, n.ProfileNetwork)
	}
}
