package embedded

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"v6admin/engine/ovirt"
)

// TestEveryGETRouteInBothEncodings reads every GET route of the route table
// (testdata/routes.golden) on the seeded engine, in JSON and in XML, with
// each {param} taken from the first item of its parent collection: a route
// whose answer has no XML form (a collection type the XML writer does not
// know as a document, as /vnicprofiles once was) fails here, not at a
// client's first call.
func TestEveryGETRouteInBothEncodings(t *testing.T) {
	golden, err := os.ReadFile(routesGolden)
	if err != nil {
		t.Fatal(err)
	}
	v := newEnv(t)
	// The seed has no external host provider: add one (at the seeded
	// network provider's lab endpoint, which has a certificate chain), so
	// that its routes are read too.
	var osnps ovirt.OpenStackNetworkProviders
	v.must(200, "GET", "/openstacknetworkproviders", nil, &osnps)
	if len(osnps.OpenStackNetworkProvider) == 0 {
		t.Fatal("the seed has no network provider")
	}
	v.must(201, "POST", "/externalhostproviders", map[string]any{"name": "foreman", "url": osnps.OpenStackNetworkProvider[0].Url, "requires_authentication": false}, nil)
	ids := map[string]string{} // a parent collection's path → its first item's id
	firstID := func(collection string) string {
		if id, ok := ids[collection]; ok {
			return id
		}
		v.xml = false
		resp, body := v.do(http.MethodGet, collection, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", collection, resp.StatusCode, body)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("GET %s: %v", collection, err)
		}
		id := ""
		for _, raw := range m {
			var items []struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(raw, &items) == nil && len(items) > 0 {
				id = items[0].ID
			}
		}
		ids[collection] = id
		return id
	}
	n := 0
	for _, line := range strings.Split(string(golden), "\n") {
		method, pattern, ok := strings.Cut(line, " ")
		if !ok || method != http.MethodGet || !strings.HasPrefix(strings.TrimSpace(pattern), ovirt.Prefix) {
			continue
		}
		pattern = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(pattern), ovirt.Prefix), "{$}")
		// Replace each {param} by an id from the collection before it.
		// An empty parent collection (a host without iSCSI storage) gets a
		// made-up id: the answer is then the 404 fault, in both encodings.
		var path strings.Builder
		want := http.StatusOK
		for _, seg := range strings.Split(strings.TrimPrefix(pattern, "/"), "/") {
			if seg == "" {
				continue
			}
			if strings.HasPrefix(seg, "{") {
				id := ""
				if want == http.StatusOK {
					id = firstID(path.String())
				}
				if id == "" {
					id, want = "00000000-0000-0000-0000-000000000000", http.StatusNotFound
				}
				seg = id
			}
			path.WriteString("/" + seg)
		}
		p := path.String()
		for _, xml := range []bool{false, true} {
			v.xml = xml
			resp, body := v.do(http.MethodGet, p, nil)
			if resp.StatusCode != want {
				t.Errorf("GET %s (xml %v): %d %s, want %d", p, xml, resp.StatusCode, body, want)
			}
			if xml && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") && want == http.StatusOK {
				t.Errorf("GET %s (xml): Content-Type %q", p, resp.Header.Get("Content-Type"))
			}
		}
		n++
	}
	v.xml = false
	if n < 40 {
		t.Fatalf("read %d GET routes, the route table has more", n)
	}
}
