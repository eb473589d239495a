package embedded

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"v6admin/engine/ovirt"
)

// TestHostileSearch: paging and syntax an attacker may send get the
// engine's 400 fault ("Operation Failed", detail in brackets), never a
// panic or a 500 (issue 13, finding 6).
func TestHostileSearch(t *testing.T) {
	v := newEnv(t)
	tests := []struct {
		name, path, detail string
	}{
		{"page overflowing the offset", "/events?max=2&search=" + url.QueryEscape("severity>=normal page 4611686018427387905"),
			"[Search query syntax error: page needs a number from 1 to 2147483647.]"},
		{"page past int64", "/hosts?max=2&search=" + url.QueryEscape("name=* page 99999999999999999999999"),
			"[Search query syntax error: page needs a number from 1 to 2147483647.]"},
		{"page 0", "/events?max=1&search=" + url.QueryEscape("page 0"),
			"[Search query syntax error: page needs a number from 1 to 2147483647.]"},
		{"page without number", "/events?search=" + url.QueryEscape("type=1 page"),
			"[Search query syntax error: page needs a number.]"},
		{"nested parentheses", "/hosts?search=" + url.QueryEscape(strings.Repeat("(", 500)+"name=x"),
			"[Search query syntax error: unknown field '" + strings.Repeat("(", 500) + "name'.]"},
		{"operator only", "/events?search=" + url.QueryEscape("=="), "[Search query syntax error: expected field, operator and value near '=='.]"},
		{"unterminated quote", "/events?search=" + url.QueryEscape(`message="abc`), "[Search query syntax error: unterminated quote.]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v.fault(400, "Operation Failed", tt.detail, "GET", tt.path, nil)
		})
	}
	// A page within the engine's int range but past the end is empty.
	var evs ovirt.Events
	v.must(200, "GET", "/events?max=9223372036854775807&search="+url.QueryEscape("page 2147483647"), nil, &evs)
	if len(evs.Event) != 0 {
		t.Fatalf("page 2147483647: %d events", len(evs.Event))
	}
	v.must(200, "GET", "/events?max=2&search="+url.QueryEscape("sortby time desc page 2"), nil, &evs)
	if len(evs.Event) != 2 {
		t.Fatalf("page 2: %d events", len(evs.Event))
	}
}

// FuzzSearch feeds the search language, max and case_sensitive to
// applySearch over a few events: it must answer items or a 400 fault,
// never panic, and never return more than max items.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"severity>=warning and event_host=host0 sortby time desc page 2",
		"name=host* and status=up", "address=2001:db8::1 or address=h1.lab", `message="a b" or type!=3`,
		"page 4611686018427387905", "sortby", "sortby index asc page 1", "((a=b))", "a=\"", "= = =", "type<=-9223372036854775808",
		"message=***", "index>9223372036854775807", "page -1", "page 1 page 2",
	} {
		f.Add(s, "3", false)
	}
	f.Add("", "-5", true)
	f.Add("type=1", "99999999999999999999", true)
	items := make([]ovirt.Event, 7)
	for i := range items {
		items[i] = ovirt.Event{ID: strconv.Itoa(i), Index: ovirt.NewInt(i), Code: ovirt.NewInt(i % 3), Severity: ovirt.LogSeverityWarning,
			Description: "Host host" + strconv.Itoa(i) + " was added.", Host: &ovirt.Host{Name: "host" + strconv.Itoa(i)}, CorrelationID: "c"}
	}
	f.Fuzz(func(t *testing.T, search, max string, cs bool) {
		if !utf8.ValidString(search) || !utf8.ValidString(max) {
			return
		}
		q := url.Values{"search": {search}, "max": {max}, "case_sensitive": {strconv.FormatBool(cs)}}
		r := httptest.NewRequest("GET", "/ovirt-engine/api/events?"+q.Encode(), nil)
		in := append([]ovirt.Event(nil), items...)
		out, err := applySearch(r, in, eventSearchFields)
		if err != nil {
			ae, ok := err.(*apiError)
			if !ok || ae.Status != 400 || ae.Fault == nil || ae.Fault.Detail == "" {
				t.Fatalf("search %q max %q: %v", search, max, err)
			}
			return
		}
		if n, err := strconv.Atoi(max); err == nil && n >= 0 && len(out) > n {
			t.Fatalf("search %q max %q: %d items", search, max, len(out))
		}
		if len(out) > len(items) {
			t.Fatalf("search %q: %d items of %d", search, len(out), len(items))
		}
	})
}
