package embedded

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

// TestCorrelationIDCleaned: a hostile Correlation-Id is cleaned as the
// engine's REST filter does before it is stored in an event or echoed.
func TestCorrelationIDCleaned(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host1")
	for _, c := range []struct {
		hdr, query, want string
	}{
		{strings.Repeat("A", 410_000), "", strings.Repeat("A", 36)},
		{"ab c/d\t<e>;f_g-h\u00e9" + strings.Repeat("9", 40), "", "abcdef_g-h" + strings.Repeat("9", 26)},
		{"", "from-query_1", "from-query_1"},
		{"!!!", "q" + strings.Repeat("x", 50), "q" + strings.Repeat("x", 35)},
		{"short-1", "ignored", "short-1"},
	} {
		var evs ovirt.Events
		v.must(200, "GET", "/events?max=1&search=sortby%20time%20desc", nil, &evs)
		last := evs.Event[0].Index.Value()
		hdr := http.Header{}
		if c.hdr != "" {
			hdr.Set("Correlation-Id", c.hdr)
		}
		path := "/hosts/" + h.ID
		if c.query != "" {
			path += "?correlation_id=" + c.query
		}
		resp, b := v.doCtx(context.Background(), "PUT", path, map[string]any{"comment": "x"}, hdr)
		if resp.StatusCode != 200 {
			t.Fatalf("PUT: %d %s", resp.StatusCode, b)
		}
		if got := resp.Header.Get("Correlation-Id"); got != c.want {
			t.Errorf("echoed Correlation-Id %q, want %q", got, c.want)
		}
		v.must(200, "GET", "/events?from="+strconv.FormatInt(last, 10), nil, &evs)
		if len(evs.Event) != 1 || evs.Event[0].CorrelationID != c.want {
			t.Fatalf("event %+v: correlation_id want %q", evs.Event, c.want)
		}
	}
	if got := cleanCorrelationID("***"); got != "" {
		t.Errorf("nothing valid: %q, want empty (a fresh id is made)", got)
	}
	if got := correlationID(&http.Request{Header: http.Header{"Correlation-Id": {"%%%"}}}); len(got) != 8 {
		t.Errorf("fresh id %q", got)
	}
}

func FuzzCleanCorrelationID(f *testing.F) {
	for _, s := range []string{"", "abc", strings.Repeat("z", 100), "a b\x00c\u00e9-_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := cleanCorrelationID(s)
		if len(got) > 36 {
			t.Fatalf("%q: %d chars", got, len(got))
		}
		for i := 0; i < len(got); i++ {
			c := got[i]
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
				t.Fatalf("%q holds %q", got, c)
			}
		}
		if !strings.HasPrefix(strings.Map(func(r rune) rune {
			if r < 128 && strings.ContainsRune("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-", r) {
				return r
			}
			return -1
		}, s), got) {
			t.Fatalf("%q is not the start of the valid characters of %q", got, s)
		}
	})
}
