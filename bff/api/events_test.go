package api

import (
	"net/url"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
)

// TestEventFilters: ?host=, ?code= and ?correlation_id= become the engine's
// search terms (event_host, type, correlation_id, which oVirt's
// AuditLogConditionFieldAutoCompleter knows); values outside what the
// engine writes there are refused, field by field, before any engine call.
func TestEventFilters(t *testing.T) {
	// An event as the real engine writes it (numbers as strings, time in ms).
	const events = `{"event":[{"code":"10902","correlation_id":"b1f0c2d4-7e55-4b43-9d0e-2f5e8a1c9e11","custom_id":"-1",` +
		`"description":"(1/1): Applying network's changes on host host2. (User: admin@internal-authz)","flood_rate":"30",` +
		`"index":"1207","origin":"oVirt","severity":"normal","time":1718000000000,` +
		`"host":{"href":"/ovirt-engine/api/hosts/0bd2","id":"0bd2"},"href":"/ovirt-engine/api/events/1207","id":"1207"}]}`
	env := newAPIEnv(t, map[string]engineReply{"GET /events": fixed(200, events)})
	status, body := env.call(t, "GET", "/api/events?host=host2&code=10902&max=1", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	q, err := url.ParseQuery(env.queries("GET", "/events")[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Get("search"); got != "event_host=host2 and type=10902 sortby time desc" {
		t.Errorf("search %q", got)
	}
	if q.Get("max") != "1" {
		t.Errorf("max %q", q.Get("max"))
	}
	if want := `"correlation_id":"b1f0c2d4-7e55-4b43-9d0e-2f5e8a1c9e11"`; !strings.Contains(body, want) {
		t.Errorf("body %s lacks %s", body, want)
	}
	env.call(t, "GET", "/api/events?correlation_id=b1f0c2d4-7e55-4b43-9d0e-2f5e8a1c9e11", "")
	q, _ = url.ParseQuery(env.queries("GET", "/events")[1])
	if got := q.Get("search"); got != "correlation_id=b1f0c2d4-7e55-4b43-9d0e-2f5e8a1c9e11 sortby time desc" {
		t.Errorf("search %q", got)
	}

	for _, tt := range []struct{ query, field string }{
		{"host=host2%20or%20type%3D1", "host"},
		{"host=h%3Dx", "host"},
		{"code=10902%20or", "code"},
		{"code=-1", "code"},
		{"correlation_id=a*", "correlation_id"},
		{"correlation_id=0123456789012345678901234567890123456", "correlation_id"},
	} {
		status, body := env.call(t, "GET", "/api/events?"+tt.query, "")
		if status != 400 {
			t.Errorf("%s: %d %s", tt.query, status, body)
			continue
		}
		if _, ok := envelope(t, body).Fields[tt.field]; !ok {
			t.Errorf("%s: no message on %s: %s", tt.query, tt.field, body)
		}
	}
	if n := len(env.queries("GET", "/events")); n != 2 {
		t.Errorf("refused queries reached the engine: %d calls", n)
	}
}

// TestEventNamesVM: the engine names an event's VM by id only
// (EventMapper); the BFF names it from the VM list, so a VM action's
// progress on /api/events (and /ws) shows the VM.
func TestEventNamesVM(t *testing.T) {
	env := newAPIEnv(t, nil)
	status, body := env.call(t, "GET", "/api/events", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	if want := `"vm":{"id":"` + fixtures.Vm0 + `","name":"web0"}`; !strings.Contains(body, want) {
		t.Errorf("body %s lacks %s", body, want)
	}
}
