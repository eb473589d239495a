package embedded

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHostActionPrelude: every POST /hosts/{id}/<action> answers 404 for
// an unknown host before it reads the body, and 400 for a body that is not
// JSON on a host that exists.
func TestHostActionPrelude(t *testing.T) {
	v := newEnv(t)
	host := v.hostByName("host1").ID
	actions := []string{"activate", "deactivate", "install", "refresh", "fence", "discoveriscsi", "iscsidiscover", "iscsilogin", "setupnetworks", "syncallnetworks", "commitnetconfig"}
	for _, a := range actions {
		t.Run(a, func(t *testing.T) {
			if resp, body := v.do(http.MethodPost, "/hosts/00000000-0000-0000-0000-000000000000/"+a, "{not json"); resp.StatusCode != http.StatusNotFound || len(body) != 0 {
				t.Errorf("unknown host: %d %q, want 404 without a body", resp.StatusCode, body)
			}
			if resp, body := v.do(http.MethodPost, "/hosts/"+host+"/"+a, "{not json"); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("bad body: %d %q, want 400", resp.StatusCode, body)
			}
		})
	}
}

func TestHostAction(t *testing.T) {
	v := newEnv(t)
	host := v.hostByName("host1").ID
	tests := []struct {
		name, id, body string
		status         int // 0: no error
		fenceType      string
	}{
		{"decoded", host, `{"fence_type":"status"}`, 0, "status"},
		{"empty body", host, ``, 0, ""},
		{"unknown host", "nope", `{"fence_type":"status"}`, http.StatusNotFound, ""},
		{"unknown host, bad body", "nope", `{`, http.StatusNotFound, ""},
		{"bad body", host, `{`, http.StatusBadRequest, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/hosts/"+tc.id+"/fence", strings.NewReader(tc.body))
			r.SetPathValue("id", tc.id)
			id, act, err := v.e.hostAction(r)
			if id != tc.id {
				t.Errorf("id %q, want %q", id, tc.id)
			}
			var ae *apiError
			switch {
			case tc.status == 0 && err != nil:
				t.Fatalf("error %v", err)
			case tc.status != 0 && (!errors.As(err, &ae) || ae.Status != tc.status):
				t.Fatalf("error %v, want status %d", err, tc.status)
			}
			if string(act.FenceType) != tc.fenceType {
				t.Errorf("fence_type %q, want %q", act.FenceType, tc.fenceType)
			}
		})
	}
}
