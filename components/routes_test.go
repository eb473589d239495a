package components

import (
	"regexp"
	"strings"
	"testing"
)

func TestRoutesAreRegistered(t *testing.T) {
	Routes()
	fallbacks := 0
	for _, p := range Pages() {
		if p.New == nil || p.Path == "" {
			t.Errorf("bad page %+v", p)
		}
		if p.Pattern && (!strings.HasPrefix(p.Path, "^") || !strings.HasSuffix(p.Path, "$")) {
			t.Errorf("pattern %q must be anchored", p.Path)
		}
		if p.Fallback {
			fallbacks++
		}
	}
	if fallbacks != 1 || !Pages()[len(Pages())-1].Fallback {
		t.Error("the 404 catch-all must come last, once")
	}
}

func TestParseRoute(t *testing.T) {
	tests := []struct {
		path  string
		want  route
		known bool
	}{
		{"/", route{Page: "hosts"}, true},
		{"/hosts", route{Page: "hosts"}, true},
		{"/login", route{Page: "login"}, true},
		{"/hosts/0bd2-1/nics", route{Page: "nics", HostID: "0bd2-1"}, true},
		{"/hosts//nics", route{Page: "notfound"}, false},
		{"/hosts/a/b/nics", route{Page: "notfound"}, false},
		{"/hosts/a/nics/x", route{Page: "notfound"}, false},
		{"/storage-domains", route{Page: "storage"}, true},
		{"/providers", route{Page: "providers"}, true},
		{"/events", route{Page: "events"}, true},
		{"/nope", route{Page: "notfound"}, false},
		{"/vms", route{Page: "vms"}, true},
		{"/vms/9b45-e0", route{Page: "vm", VMID: "9b45-e0"}, true},
		{"/vms/", route{Page: "notfound"}, false},
		{"/vms/a/b", route{Page: "notfound"}, false},
	}
	for _, tt := range tests {
		if got := parseRoute(tt.path); got != tt.want {
			t.Errorf("parseRoute(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
		if got := Known(tt.path); got != tt.known {
			t.Errorf("Known(%q) = %v, want %v", tt.path, got, tt.known)
		}
	}
}

// TestKnownAgreesWithTheRouteTable checks Known (string parsing, used by the
// server to answer 404) against the route table's own paths and patterns.
func TestKnownAgreesWithTheRouteTable(t *testing.T) {
	paths := []string{"/", "/login", "/hosts", "/events", "/providers", "/storage-domains",
		"/hosts/0bd2-host/nics", "/hosts/a/b/nics", "/hosts//nics", "/hosts/x/nics/", "/nope", "/hosts/x", "/login/",
		"/vms", "/vms/", "/vms/9b45", "/vms/a/b", "/vms/a/", "/vms//"}
	for _, path := range paths {
		want := false
		for _, p := range Pages() {
			switch {
			case p.Fallback:
			case p.Pattern:
				want = want || regexp.MustCompile(p.Path).MatchString(path)
			default:
				want = want || p.Path == path
			}
		}
		if got := Known(path); got != want {
			t.Errorf("Known(%q) = %v, the route table says %v", path, got, want)
		}
	}
}
