package embedded

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

// TestUnknownMembersRefused: a body member the model's type lacks is
// refused as Jackson does in the real REST layer (JsonExceptionMapper,
// UsageFinder), for entities and actions alike; known members still pass.
func TestUnknownMembersRefused(t *testing.T) {
	tests := []struct {
		name, method, path, body string
		v                        any
		action                   bool
		wantDetail               string // "" = accepted
	}{
		{"action with check_upgrade", "POST", "/ovirt-engine/api/hosts/h1/upgrade", `{"check_upgrade":"true"}`, new(ovirt.Action), true,
			"For correct usage, see: http://[::1]:8443/ovirt-engine/apidoc#services/host/methods/upgrade"},
		{"agent with an invented member", "POST", "/ovirt-engine/api/hosts/h1/fenceagents", `{"address":"2001:db8::1","sneaky":"1"}`, new(ovirt.Agent), false,
			"For correct usage, see: http://[::1]:8443/ovirt-engine/apidoc#services/fenceagents/methods/add"},
		{"host update with an old member", "PUT", "/ovirt-engine/api/hosts/h1", `{"name":"h","storage_manager":{}}`, new(ovirt.Host), false,
			"For correct usage, see: http://[::1]:8443/ovirt-engine/apidoc#services/host/methods/update"},
		{"known members", "POST", "/ovirt-engine/api/hosts/h1/fence", `{"fence_type":"status","async":"false"}`, new(ovirt.Action), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "http://[::1]:8443"+tt.path, strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/json")
			err := decodeBody(r, tt.v)
			if tt.wantDetail == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			ae, ok := err.(*apiError)
			if !ok || ae.Status != http.StatusBadRequest || ae.Fault == nil ||
				ae.Fault.Reason != "Request syntactically incorrect." || ae.Fault.Detail != tt.wantDetail {
				t.Fatalf("err = %#v (%v)", err, err)
			}
		})
	}
}

// TestHostUpdateResetsPort imitates HostMapper: an update without port
// resets it to 54321 (which is why the client always sends it).
func TestHostUpdateResetsPort(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	var got ovirt.Host
	v.must(200, "PUT", "/hosts/"+h.ID, map[string]any{"port": "2222"}, &got)
	if got.Port.Value() != 2222 {
		t.Fatalf("port %d", got.Port.Value())
	}
	v.must(200, "PUT", "/hosts/"+h.ID, map[string]any{"comment": "x"}, &got)
	if got.Port.Value() != 54321 {
		t.Errorf("port after an update without it: %d, want 54321", got.Port.Value())
	}
}

// TestISCSILoginPortalIsTPGT: the engine passes iscsilogin's portal to vdsm
// as the TPGT, so a discovered portal sent back whole fails; the TPGT works.
func TestISCSILoginPortalIsTPGT(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	login := func(portal string) (int, []byte) {
		resp, b := v.do("POST", "/hosts/"+h.ID+"/iscsilogin", map[string]any{"iscsi": map[string]any{
			"address": "2001:db8:200::50", "port": "3260", "target": SeedISCSITarget, "portal": portal}})
		return resp.StatusCode, b
	}
	if code, b := login("[2001:db8:200::50]:3260,1"); code != 400 || !strings.Contains(string(b), "invalid tpgt") {
		t.Errorf("whole portal: %d %s", code, b)
	}
	if code, b := login("1"); code != 200 {
		t.Errorf("tpgt: %d %s", code, b)
	}
}
