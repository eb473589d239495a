package embedded

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/ovirtxml"
)

// decodeAnswer reads an answer by its Content-Type: XML or JSON.
func decodeAnswer(resp *http.Response, b []byte, out any) error {
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		return ovirtxml.Unmarshal(b, out)
	}
	return json.Unmarshal(b, out)
}

// collectionTypes is the type of an entity posted to (or put at) a
// collection, by the collection's path segment.
var collectionTypes = map[string]reflect.Type{
	"hosts":                     reflect.TypeFor[ovirt.Host](),
	"fenceagents":               reflect.TypeFor[ovirt.Agent](),
	"networkattachments":        reflect.TypeFor[ovirt.NetworkAttachment](),
	"storagedomains":            reflect.TypeFor[ovirt.StorageDomain](),
	"openstacknetworkproviders": reflect.TypeFor[ovirt.OpenStackNetworkProvider](),
	"externalhostproviders":     reflect.TypeFor[ovirt.ExternalHostProvider](),
	"networks":                  reflect.TypeFor[ovirt.Network](),
	"vms":                       reflect.TypeFor[ovirt.Vm](),
}

// bodyType is the type of the body of method at path (under the API
// prefix): the entity of a collection for POST to it and PUT at one of its
// members, else an action.
func bodyType(method, path string) reflect.Type {
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	seg := segs[len(segs)-1]
	if method == http.MethodPut && len(segs) >= 2 {
		seg = segs[len(segs)-2]
	}
	if t, ok := collectionTypes[seg]; ok {
		return t
	}
	return reflect.TypeFor[ovirt.Action]()
}

// xmlBody is the XML form of a request body: a JSON text is read into the
// body's Go type and written by ovirtxml, passwords included; a raw XML
// text is sent as it is.
func xmlBody(t testing.TB, method, path string, body any) []byte {
	t.Helper()
	var v any
	switch b := body.(type) {
	case string:
		if strings.HasPrefix(strings.TrimSpace(b), "<") {
			return []byte(b)
		}
		body = []byte(b)
	}
	switch b := body.(type) {
	case []byte:
		p := reflect.New(bodyType(method, path))
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(p.Interface()); err != nil {
			t.Fatalf("%s %s: the JSON body does not read into %s: %v", method, path, p.Type().Elem(), err)
		}
		v = p.Interface()
	default:
		v = b
	}
	out, err := ovirtxml.MarshalWithSecrets(v)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return out
}

// xmlAsJSON reads an XML answer into typ and returns its JSON, for the
// shape comparison with the real engine's JSON. A GET is also sent again
// asking for JSON: both answers must read into the same Go value (dates
// and statistics, which move between the two requests, aside).
func xmlAsJSON(t *testing.T, v *tenv, method, path string, typ reflect.Type, body []byte) []byte {
	t.Helper()
	got := reflect.New(typ)
	if err := ovirtxml.Unmarshal(body, got.Interface()); err != nil {
		t.Fatalf("the XML answer does not read into %s: %v\n%s", typ, err, body)
	}
	if method == http.MethodGet {
		v.xml = false
		resp, jb := v.do(method, path, nil)
		v.xml = true
		want := reflect.New(typ)
		if err := json.Unmarshal(jb, want.Interface()); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("JSON answer %d %v: %s", resp.StatusCode, err, jb)
		}
		steady(got)
		steady(want)
		if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			gj, _ := json.Marshal(got.Interface())
			wj, _ := json.Marshal(want.Interface())
			t.Fatalf("XML and JSON answers differ\nxml  %s\njson %s", gj, wj)
		}
		got = reflect.New(typ)
		_ = ovirtxml.Unmarshal(body, got.Interface())
	}
	out, err := json.Marshal(got.Interface())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	timeType    = reflect.TypeFor[ovirt.Time]()
	decimalType = reflect.TypeFor[ovirt.Decimal]()
)

// steady zeroes the members that change from one request to the next:
// dates (the API root's time, statistics) and decimals (statistics).
func steady(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			steady(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			steady(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.Zero(timeType))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				steady(v.Field(i))
			}
		}
	case reflect.Float64:
		if v.Type() == decimalType {
			v.SetFloat(0)
		}
	}
}

// raw sends an authenticated request with exactly the given headers (no
// Accept unless given) and returns the answer as received.
func (v *tenv) raw(method, path, body string, hdr map[string]string) (*http.Response, []byte) {
	v.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, v.srv.URL+ovirt.Prefix+path, rd)
	if err != nil {
		v.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+v.token)
	for k, val := range hdr {
		req.Header.Set(k, val)
	}
	return v.send(req)
}

func TestNegotiation(t *testing.T) {
	v := newEnv(t)
	h0 := v.hostByName("host0")
	const xmlCT, jsonCT = "application/xml", "application/json"
	cases := []struct {
		name, method, path, body string
		hdr                      map[string]string
		status                   int
		ct                       string // answer's Content-Type ("" = no body)
		prefix                   string // the answer starts with it (after the XML declaration)
	}{
		{name: "no accept: XML", method: "GET", path: "/hosts", status: 200, ct: xmlCT, prefix: "<hosts><host id="},
		{name: "any", method: "GET", path: "/hosts", hdr: map[string]string{"Accept": "*/*"}, status: 200, ct: xmlCT, prefix: "<hosts>"},
		{name: "xml", method: "GET", path: "/hosts/" + h0.ID, hdr: map[string]string{"Accept": "application/xml"}, status: 200, ct: xmlCT, prefix: `<host id="` + h0.ID + `" href="/ovirt-engine/api/hosts/` + h0.ID + `">`},
		{name: "json", method: "GET", path: "/hosts", hdr: map[string]string{"Accept": "application/json"}, status: 200, ct: jsonCT, prefix: `{"host":[`},
		{name: "json beats wildcard", method: "GET", path: "/hosts", hdr: map[string]string{"Accept": "*/*, application/json"}, status: 200, ct: jsonCT, prefix: `{"host":[`},
		{name: "quality", method: "GET", path: "/hosts", hdr: map[string]string{"Accept": "application/json;q=0.5, application/xml"}, status: 200, ct: xmlCT, prefix: "<hosts>"},
		{name: "quality json", method: "GET", path: "/hosts", hdr: map[string]string{"Accept": "application/xml;q=0.2, application/json;q=0.9"}, status: 200, ct: jsonCT, prefix: "{"},
		{name: "html: 406", method: "GET", path: "/hosts", hdr: map[string]string{"Accept": "text/html"}, status: 406},
		{name: "api root", method: "GET", path: "", status: 200, ct: xmlCT, prefix: "<api>"},
		{name: "empty collection", method: "GET", path: "/hosts?search=name%3Dnone", status: 200, ct: xmlCT, prefix: "<hosts/>"},
		{name: "404 has no body", method: "GET", path: "/hosts/nope", status: 404},
		{name: "version 3: XML fault", method: "GET", path: "/hosts", hdr: map[string]string{"Version": "3"}, status: 400, ct: xmlCT, prefix: "<fault><reason>Operation Failed</reason><detail>[API version 3"},
		{name: "xml fault", method: "POST", path: "/hosts", body: `<host><name>x</name></host>`, hdr: map[string]string{"Content-Type": "application/xml"}, status: 400, ct: xmlCT,
			prefix: "<fault><reason>Incomplete parameters</reason><detail>Host [address] required for add</detail></fault>"},
		{name: "xml unknown element", method: "POST", path: "/hosts/" + h0.ID + "/fence", body: `<action><fence_type>status</fence_type><nope/></action>`, status: 400, ct: xmlCT,
			prefix: "<fault><reason>Request syntactically incorrect.</reason><detail>For correct usage, see: http://"},
		{name: "xml action", method: "POST", path: "/hosts/" + h0.ID + "/fence", body: `<action><fence_type>status</fence_type></action>`, status: 200, ct: xmlCT, prefix: "<action"},
		{name: "json body, xml answer", method: "POST", path: "/hosts/" + h0.ID + "/fence", body: `{"fence_type":"status"}`, hdr: map[string]string{"Content-Type": "application/json"}, status: 200, ct: xmlCT, prefix: "<action"},
		{name: "xml body, json answer", method: "POST", path: "/hosts/" + h0.ID + "/fence", body: `<action><fence_type>status</fence_type></action>`, hdr: map[string]string{"Content-Type": "application/xml", "Accept": "application/json"}, status: 200, ct: jsonCT, prefix: "{"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, b := v.raw(c.method, c.path, c.body, c.hdr)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, c.status, b)
			}
			if c.ct == "" {
				if len(b) != 0 {
					t.Fatalf("body %q, want none", b)
				}
				return
			}
			if got := resp.Header.Get("Content-Type"); got != c.ct {
				t.Fatalf("Content-Type %q, want %q", got, c.ct)
			}
			s := string(b)
			if c.ct == xmlCT {
				if !strings.HasPrefix(s, ovirtxml.Header) {
					t.Fatalf("no XML declaration: %.100s", s)
				}
				s = strings.TrimPrefix(s, ovirtxml.Header)
			}
			if !strings.HasPrefix(s, c.prefix) {
				t.Fatalf("answer %.300s\nwant a start of %s", s, c.prefix)
			}
		})
	}
}

// TestGzip: an answer asked for with Accept-Encoding: gzip is compressed
// (Content-Encoding, Vary) and decompresses to the uncompressed answer, in
// both encodings; small answers and clients that do not ask go plain.
func TestGzip(t *testing.T) {
	v := newEnv(t)
	for _, accept := range []string{"application/xml", "application/json"} {
		t.Run(accept, func(t *testing.T) {
			_, plain := v.raw("GET", "/hosts", "", map[string]string{"Accept": accept})
			resp, zipped := v.raw("GET", "/hosts", "", map[string]string{"Accept": accept, "Accept-Encoding": "gzip"})
			if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Fatalf("headers %v", resp.Header)
			}
			if n, _ := strconv.Atoi(resp.Header.Get("Content-Length")); n != len(zipped) || n >= len(plain) {
				t.Fatalf("Content-Length %s, %d bytes compressed, %d plain", resp.Header.Get("Content-Length"), len(zipped), len(plain))
			}
			zr, err := gzip.NewReader(bytes.NewReader(zipped))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, plain) {
				t.Fatalf("decompressed %v:\n%.200s\nplain\n%.200s", err, got, plain)
			}
			resp, _ = v.raw("GET", "/hosts", "", map[string]string{"Accept": accept, "Accept-Encoding": "gzip;q=0, identity"})
			if resp.Header.Get("Content-Encoding") != "" {
				t.Fatal("gzip;q=0 was compressed")
			}
			resp, _ = v.raw("GET", "/hosts/nope", "", map[string]string{"Accept": accept, "Accept-Encoding": "gzip"})
			if resp.StatusCode != 404 || resp.Header.Get("Content-Encoding") != "" {
				t.Fatalf("404: %d %v", resp.StatusCode, resp.Header)
			}
		})
	}
}

// TestQueriesBothEncodings: search, max, follow, All-Content and Version: 4
// give the same answer in XML and in JSON.
func TestQueriesBothEncodings(t *testing.T) {
	v := newEnv(t)
	h0 := v.hostByName("host0")
	cases := []struct {
		path string
		hdr  map[string]string
		typ  reflect.Type
		n    func(any) int // the number of items, to check the query applied
		want int
	}{
		{"/hosts?search=" + url.QueryEscape("name=host0"), nil, reflect.TypeFor[ovirt.Hosts](), hostCount, 1},
		{"/hosts?search=" + url.QueryEscape("name=host*") + "&max=2", nil, reflect.TypeFor[ovirt.Hosts](), hostCount, 2},
		{"/hosts?max=1", nil, reflect.TypeFor[ovirt.Hosts](), hostCount, 1},
		{"/hosts", map[string]string{"All-Content": "true", "Version": "4"}, reflect.TypeFor[ovirt.Hosts](), hostCount, 3},
		{"/hosts/" + h0.ID + "/nics?follow=statistics", nil, reflect.TypeFor[ovirt.HostNics](), statCount, -1},
		{"/events?max=3", nil, reflect.TypeFor[ovirt.Events](), func(v any) int { return len(v.(*ovirt.Events).Event) }, 3},
		{"/vms?search=" + url.QueryEscape("status=up"), nil, reflect.TypeFor[ovirt.Vms](), func(v any) int { return len(v.(*ovirt.Vms).Vm) }, -1},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			answers := map[string]reflect.Value{}
			for _, accept := range []string{"application/xml", "application/json"} {
				hdr := map[string]string{"Accept": accept, "Accept-Encoding": "gzip"}
				for k, val := range c.hdr {
					hdr[k] = val
				}
				resp, b := v.raw("GET", c.path, "", hdr)
				if resp.StatusCode != 200 {
					t.Fatalf("%s: %d %s", accept, resp.StatusCode, b)
				}
				if resp.Header.Get("Content-Encoding") == "gzip" {
					zr, err := gzip.NewReader(bytes.NewReader(b))
					if err != nil {
						t.Fatal(err)
					}
					if b, err = io.ReadAll(zr); err != nil {
						t.Fatal(err)
					}
				}
				out := reflect.New(c.typ)
				if err := decodeAnswer(resp, b, out.Interface()); err != nil {
					t.Fatalf("%s: %v\n%.300s", accept, err, b)
				}
				steady(out)
				answers[accept] = out
			}
			x, j := answers["application/xml"].Interface(), answers["application/json"].Interface()
			if !reflect.DeepEqual(x, j) {
				xj, _ := json.Marshal(x)
				jj, _ := json.Marshal(j)
				t.Fatalf("XML and JSON answers differ\nxml  %s\njson %s", xj, jj)
			}
			if n := c.n(x); c.want >= 0 && n != c.want || n == 0 {
				t.Fatalf("%d items, want %d", n, c.want)
			}
		})
	}
}

func hostCount(v any) int { return len(v.(*ovirt.Hosts).Host) }

// statCount is the number of NIC statistics (follow=statistics inlines them).
func statCount(v any) int {
	n := 0
	for _, nic := range v.(*ovirt.HostNics).HostNic {
		if nic.Statistics != nil {
			n += len(nic.Statistics.Statistic)
		}
	}
	return n
}
