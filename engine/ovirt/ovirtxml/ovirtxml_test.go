package ovirtxml_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/ovirtxml"
)

// fixtureTypes is the wire type of each fixture of the real engine's JSON.
var fixtureTypes = map[string]any{
	"api.json": ovirt.Api{}, "hosts.json": ovirt.Hosts{}, "host.json": ovirt.Host{}, "action_host.json": ovirt.Action{},
	"host_added.json": ovirt.Host{}, "deactivate.json": ovirt.Action{}, "action_failed.json": ovirt.Action{},
	"fence_status.json": ovirt.Action{}, "setupnetworks.json": ovirt.Action{}, "setupnetworks_failed.json": ovirt.Action{},
	"discoveriscsi.json": ovirt.Action{}, "iscsilogin.json": ovirt.Action{}, "host_nics_statistics.json": ovirt.HostNics{},
	"host_nics.json": ovirt.HostNics{}, "host_nic_statistics.json": ovirt.Statistics{},
	"network_attachments.json": ovirt.NetworkAttachments{}, "fenceagents.json": ovirt.Agents{}, "fenceagent.json": ovirt.Agent{},
	"host_storage.json": ovirt.HostStorages{}, "clusters.json": ovirt.Clusters{}, "cluster_networks.json": ovirt.Networks{},
	"networks.json": ovirt.Networks{}, "datacenters.json": ovirt.DataCenters{}, "storagedomains.json": ovirt.StorageDomains{},
	"datacenter_storagedomains.json": ovirt.StorageDomains{}, "openstacknetworkproviders.json": ovirt.OpenStackNetworkProviders{},
	"openstacknetworkprovider.json": ovirt.OpenStackNetworkProvider{}, "provider_certificates.json": ovirt.Certificates{},
	"importcertificates.json": ovirt.Action{}, "testconnectivity.json": ovirt.Action{}, "testconnectivity_failed.json": ovirt.Action{},
	"externalhostproviders.json": ovirt.ExternalHostProviders{}, "externalhostprovider.json": ovirt.ExternalHostProvider{},
	"events.json": ovirt.Events{}, "jobs.json": ovirt.Jobs{}, "job.json": ovirt.Job{}, "steps.json": ovirt.Steps{},
	"vms.json": ovirt.Vms{}, "vm.json": ovirt.Vm{}, "vm_nics_reported_devices.json": ovirt.Nics{},
	"vm_sessions.json": ovirt.Sessions{}, "vm_graphicsconsoles.json": ovirt.GraphicsConsoles{},
	"vm_start.json": ovirt.Action{}, "vm_migrate.json": ovirt.Action{}, "fault_conflict.json": ovirt.Fault{},
	"fault_invalid_value.json": ovirt.Fault{}, "fault_not_found.json": ovirt.Fault{}, "fault_syntax.json": ovirt.Fault{},
	"request_setupnetworks.json": ovirt.Action{}, "request_fence_agent_add.json": ovirt.Agent{},
	"request_storage_domain_nfs_add.json": ovirt.StorageDomain{}, "request_vm_start.json": ovirt.Action{},
}

// TestFixturesRoundTrip: every fixture of the real engine's JSON, read into
// its Go value, written as XML and read back, is the same value; so the
// XML carries every member the JSON carries.
func TestFixturesRoundTrip(t *testing.T) {
	for file, proto := range fixtureTypes {
		t.Run(file, func(t *testing.T) {
			typ := reflect.TypeOf(proto)
			want := reflect.New(typ)
			if err := json.Unmarshal(fixtures.Read(file), want.Interface()); err != nil {
				t.Fatal(err)
			}
			out, err := ovirtxml.Marshal(want.Interface())
			if err != nil {
				t.Fatal(err)
			}
			got := reflect.New(typ)
			if err := ovirtxml.Unmarshal(out, got.Interface()); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			// Secrets are read, never written: compare what JSON writes.
			wj, _ := json.Marshal(want.Interface())
			gj, _ := json.Marshal(got.Interface())
			if string(wj) != string(gj) {
				t.Fatalf("round trip differs\nwant %s\ngot  %s\nxml  %s", wj, gj, out)
			}
		})
	}
}

func TestMarshalShape(t *testing.T) {
	hosts := &ovirt.Hosts{Host: []ovirt.Host{{
		ID: "h1", Href: "/ovirt-engine/api/hosts/h1", Name: `a<b&"c"`, Address: "2001:db8::1",
		Port:         ovirt.NewInt(54321),
		Comment:      ovirt.Ptr(""),
		Link:         []ovirt.Link{{Rel: "nics", Href: "/ovirt-engine/api/hosts/h1/nics"}},
		Actions:      &ovirt.Actions{Link: []ovirt.Link{{Rel: "fence", Href: "/ovirt-engine/api/hosts/h1/fence"}}},
		RootPassword: "secret",
	}}}
	b, err := ovirtxml.Marshal(hosts)
	if err != nil {
		t.Fatal(err)
	}
	want := ovirtxml.Header + `<hosts><host id="h1" href="/ovirt-engine/api/hosts/h1">` +
		`<name>a&lt;b&amp;&#34;c&#34;</name><comment></comment>` +
		`<actions><link href="/ovirt-engine/api/hosts/h1/fence" rel="fence"/></actions>` +
		`<link href="/ovirt-engine/api/hosts/h1/nics" rel="nics"/>` +
		`<address>2001:db8::1</address><port>54321</port></host></hosts>`
	if !sameElements(string(b), want) {
		t.Fatalf("got\n%s\nwant (any member order)\n%s", b, want)
	}
	if strings.Contains(string(b), "secret") {
		t.Fatal("a Secret was written")
	}
	for _, c := range []struct {
		v    any
		want string
	}{
		{&ovirt.Hosts{}, "<hosts/>"},
		{&ovirt.HostNics{}, "<host_nics/>"},
		{&ovirt.HostNic{Name: "eth0"}, "<host_nic><name>eth0</name></host_nic>"},
		{&ovirt.OpenStackNetworkProviders{}, "<openstack_network_providers/>"},
		{&ovirt.Fault{Reason: "Operation Failed", Detail: "[x]"}, "<fault><reason>Operation Failed</reason><detail>[x]</detail></fault>"},
		{&ovirt.Action{Status: ovirt.ActionStatusComplete}, "<action><status>complete</status></action>"},
		{&ovirt.Event{Time: ovirt.NewTime(time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC))}, "<event><time>2026-01-02T03:04:05.006Z</time></event>"},
		{&ovirt.Statistic{Values: &ovirt.Values{Value: []ovirt.Value{{Datum: ovirt.NewDecimal(1e21)}}}}, "<statistic><values><value><datum>1000000000000000000000</datum></value></values></statistic>"},
	} {
		b, err := ovirtxml.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimPrefix(string(b), ovirtxml.Header); got != c.want {
			t.Errorf("%T: %s, want %s", c.v, got, c.want)
		}
	}
	if _, err := ovirtxml.Marshal(&ovirt.Ip{}); err == nil {
		t.Error("Ip is not a document root, yet Marshal wrote it")
	}
}

// sameElements compares two one-line documents up to the order of the
// children (the encoder writes declaration order).
func sameElements(a, b string) bool {
	split := func(s string) map[string]int {
		m := map[string]int{}
		for _, p := range strings.SplitAfter(s, ">") {
			m[p]++
		}
		return m
	}
	return reflect.DeepEqual(split(a), split(b))
}

func TestNestedLists(t *testing.T) {
	in := ovirtxml.Header + `<action>
  <modified_network_attachments>
    <network_attachment>
      <network id="n1"/>
      <ip_address_assignments>
        <ip_address_assignment>
          <assignment_method>static</assignment_method>
          <ip><address>2001:db8:1::10</address><netmask>64</netmask><version>v6</version></ip>
        </ip_address_assignment>
        <ip_address_assignment><assignment_method>autoconf</assignment_method><ip><version>v6</version></ip></ip_address_assignment>
      </ip_address_assignments>
      <dns_resolver_configuration><name_servers><name_server>2001:db8::53</name_server><name_server>2001:db8::54</name_server></name_servers></dns_resolver_configuration>
    </network_attachment>
  </modified_network_attachments>
  <check_connectivity>true</check_connectivity>
  <connectivity_timeout> 120 </connectivity_timeout>
</action>`
	var a ovirt.Action
	if err := ovirtxml.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	na := a.ModifiedNetworkAttachments.NetworkAttachment[0]
	ips := na.IpAddressAssignments.IpAddressAssignment
	if na.Network.ID != "n1" || len(ips) != 2 || ips[0].Ip.Address != "2001:db8:1::10" || ips[1].AssignmentMethod != "autoconf" ||
		!a.CheckConnectivity.Value() || a.ConnectivityTimeout.Value() != 120 ||
		strings.Join(na.DnsResolverConfiguration.NameServers.NameServer, ",") != "2001:db8::53,2001:db8::54" {
		j, _ := json.Marshal(a)
		t.Fatalf("decoded %s", j)
	}
}

func TestUnmarshalErrors(t *testing.T) {
	// vm → nics → nic → vm: the model nests without end.
	deep := "<vm>" + strings.Repeat("<nics><nic><vm>", 12) + strings.Repeat("</vm></nic></nics>", 12) + "</vm>"
	cases := []struct {
		name, in string
		check    func(error) bool
	}{
		{"unknown element", `<host><name>a</name><bogus>1</bogus></host>`, isUnknown("host/bogus")},
		{"unknown nested", `<host><ssh><port>22</port><nope/></ssh></host>`, isUnknown("host/ssh/nope")},
		{"id as element", `<host><id>x</id></host>`, isUnknown("host/id")},
		{"bad integer", `<host><port>abc</port></host>`, isScalar("integer", "abc")},
		{"bad boolean", `<action><force>yes</force></action>`, isScalar("boolean", "yes")},
		{"bad date", `<event><time>yesterday</time></event>`, isScalar("date", "yesterday")},
		{"malformed", `<host><name>a</host>`, isSyntax},
		{"empty", ``, isSyntax},
		{"two roots", `<host/><host/>`, isSyntax},
		{"element in scalar", `<host><name><b>x</b></name></host>`, isSyntax},
		{"too deep", deep, isSyntax},
		{"doctype", `<!DOCTYPE host [<!ENTITY x "y">]><host><name>&x;</name></host>`, isSyntax},
		{"foreign encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><host/>`, isSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v any = &ovirt.Host{}
			switch {
			case strings.HasPrefix(c.in, "<action"):
				v = &ovirt.Action{}
			case strings.HasPrefix(c.in, "<vm"):
				v = &ovirt.Vm{}
			case strings.HasPrefix(c.in, "<event"):
				v = &ovirt.Event{}
			}
			err := ovirtxml.Unmarshal([]byte(c.in), v)
			if err == nil || !c.check(err) {
				t.Fatalf("error %v (%T)", err, err)
			}
		})
	}
}

func isUnknown(path string) func(error) bool {
	return func(err error) bool {
		var ue *ovirtxml.UnknownElementError
		return errors.As(err, &ue) && ue.Path == path
	}
}

func isScalar(kind, value string) func(error) bool {
	return func(err error) bool {
		var se *ovirt.ScalarError
		return errors.As(err, &se) && se.Kind == kind && se.Value == value
	}
}

func isSyntax(err error) bool {
	var se *ovirtxml.SyntaxError
	return errors.As(err, &se)
}

func TestSecretsRead(t *testing.T) {
	var h ovirt.Host
	if err := ovirtxml.Unmarshal([]byte(`<host><name>h</name><root_password>s3cret</root_password></host>`), &h); err != nil {
		t.Fatal(err)
	}
	if h.RootPassword.Reveal() != "s3cret" {
		t.Fatalf("root_password %q", h.RootPassword.Reveal())
	}
	if b, err := ovirtxml.Marshal(&h); err != nil || strings.Contains(string(b), "s3cret") {
		t.Fatalf("Marshal wrote the password or failed: %v %s", err, b)
	}
	b, err := ovirtxml.MarshalWithSecrets(&h)
	if err != nil || !strings.Contains(string(b), "<root_password>s3cret</root_password>") {
		t.Fatalf("MarshalWithSecrets: %v %s", err, b)
	}
}

func TestEscaping(t *testing.T) {
	for _, s := range []string{"plain", "a&b<c>d\"e'f", "tab\there", "line\nbreak", "ctl\x01char", "bad\xffutf8", "fe80::1%eth0", "ünïcødé"} {
		b, err := ovirtxml.Marshal(&ovirt.Fault{Reason: s, Detail: s})
		if err != nil {
			t.Fatal(err)
		}
		var f ovirt.Fault
		if err := ovirtxml.Unmarshal(b, &f); err != nil {
			t.Fatalf("%q: %v: %s", s, err, b)
		}
		want := strings.ToValidUTF8(strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' && r != '\n' {
				return '\uFFFD'
			}
			return r
		}, s), "\uFFFD")
		if f.Reason != want {
			t.Errorf("%q read back as %q, want %q", s, f.Reason, want)
		}
	}
}

// FuzzXMLBody: any input either decodes into a request body type or fails
// with an error; none panics, and what decodes writes and reads back to the
// same value.
func FuzzXMLBody(f *testing.F) {
	for _, file := range []string{"request_setupnetworks.json", "request_fence_agent_add.json", "request_vm_start.json", "host.json"} {
		var v any = &ovirt.Action{}
		switch file {
		case "request_fence_agent_add.json":
			v = &ovirt.Agent{}
		case "host.json":
			v = &ovirt.Host{}
		}
		if err := json.Unmarshal(fixtures.Read(file), v); err != nil {
			f.Fatal(err)
		}
		b, err := ovirtxml.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<host><name>a</name><port>1</port><bogus/></host>`))
	f.Add([]byte(strings.Repeat("<a>", 100)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		for _, v := range []any{&ovirt.Host{}, &ovirt.Action{}} {
			if err := ovirtxml.Unmarshal(data, v); err != nil {
				continue
			}
			b, err := ovirtxml.Marshal(v)
			if err != nil {
				continue // a Secret cannot be written; a NaN cannot be read
			}
			w := reflect.New(reflect.TypeOf(v).Elem()).Interface()
			if err := ovirtxml.Unmarshal(b, w); err != nil {
				t.Fatalf("rewritten %s does not read back: %v", b, err)
			}
			j1, _ := json.Marshal(v)
			j2, _ := json.Marshal(w)
			if string(j1) != string(j2) {
				t.Fatalf("round trip differs:\n%s\n%s", j1, j2)
			}
		}
	})
}

func ExampleMarshal() {
	b, _ := ovirtxml.Marshal(&ovirt.Hosts{Host: []ovirt.Host{{ID: "h1", Href: ovirt.Href("hosts", "h1"), Address: "2001:db8::10"}}})
	fmt.Println(string(b))
	// Output:
	// <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	// <hosts><host id="h1" href="/ovirt-engine/api/hosts/h1"><address>2001:db8::10</address></host></hosts>
}

// TestAppendJSON: the XML written straight from each fixture's JSON (as
// encoding/json writes it, and as the real engine wrote it) reads back to
// the value the JSON decodes to.
func TestAppendJSON(t *testing.T) {
	for file, proto := range fixtureTypes {
		t.Run(file, func(t *testing.T) {
			typ := reflect.TypeOf(proto)
			want := reflect.New(typ)
			if err := json.Unmarshal(fixtures.Read(file), want.Interface()); err != nil {
				t.Fatal(err)
			}
			name, ok := ovirtxml.RootName(typ)
			if !ok {
				t.Fatalf("no root name for %s", typ)
			}
			canonical, err := json.Marshal(want.Interface())
			if err != nil {
				t.Fatal(err)
			}
			for _, doc := range [][]byte{canonical, fixtures.Read(file)} {
				out, err := ovirtxml.AppendJSON([]byte(ovirtxml.Header), name, typ, doc)
				if err != nil {
					if &doc[0] != &canonical[0] {
						continue // the fixture carries members the type does not declare
					}
					t.Fatal(err)
				}
				got := reflect.New(typ)
				if err := ovirtxml.Unmarshal(out, got.Interface()); err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				gj, _ := json.Marshal(got.Interface())
				if string(gj) != string(canonical) {
					t.Fatalf("differs\nwant %s\ngot  %s\nxml  %s", canonical, gj, out)
				}
				direct, _ := ovirtxml.Marshal(want.Interface())
				if &doc[0] == &canonical[0] && string(out) != string(direct) {
					t.Fatalf("AppendJSON and Marshal write different XML\n%s\n%s", out, direct)
				}
			}
		})
	}
}

func TestAppendJSONStrings(t *testing.T) {
	for _, s := range []string{"plain", `quote " and \ backslash`, "tab\tnl\ncr\r", "<&>'", "\u00e9\u4e2d\U0001F600", "\x01ctl", "fe80::1%eth0"} {
		j, _ := json.Marshal(ovirt.Fault{Reason: s, Detail: s})
		out, err := ovirtxml.AppendJSON(nil, "fault", reflect.TypeFor[ovirt.Fault](), j)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		direct, _ := ovirtxml.Marshal(&ovirt.Fault{Reason: s, Detail: s})
		if ovirtxml.Header+string(out) != string(direct) {
			t.Errorf("%q:\n%s\n%s", s, out, direct)
		}
	}
	// A surrogate pair written as escapes.
	out, err := ovirtxml.AppendJSON(nil, "fault", reflect.TypeFor[ovirt.Fault](), []byte(`{"reason":"\ud83d\ude00 \u00e9"}`))
	if err != nil || string(out) != "<fault><reason>\U0001F600 \u00e9</reason></fault>" {
		t.Fatalf("%v %s", err, out)
	}
	// id after a child: inserted into the start tag.
	out, err = ovirtxml.AppendJSON(nil, "host", reflect.TypeFor[ovirt.Host](), []byte(`{"name":"x","port":"22","id":"h1","href":"/h/1"}`))
	if err != nil || string(out) != `<host id="h1" href="/h/1"><name>x</name><port>22</port></host>` {
		t.Fatalf("%v %s", err, out)
	}
	for _, bad := range []string{`{"reason":"x","bogus":1}`, `{"reason":1}`, `{"reason":"x"`, `["x"]`, `{"reason":"x"} x`} {
		if _, err := ovirtxml.AppendJSON(nil, "fault", reflect.TypeFor[ovirt.Fault](), []byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// FuzzAppendJSON: for any JSON document that encoding/json reads into a
// host (no unknown member) and that AppendJSON follows, the XML reads back
// into the same host.
func FuzzAppendJSON(f *testing.F) {
	f.Add(fixtures.Read("host.json"))
	f.Add([]byte(`{"name":"a\u00e9\"<","port":"22","id":"x","link":[{"href":"/h","rel":"r"}]}`))
	f.Add([]byte(`{"nics":null,"comment":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		var want ovirt.Host
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil || dec.More() {
			return
		}
		canonical, err := json.Marshal(&want)
		if err != nil {
			return
		}
		out, err := ovirtxml.AppendJSON(nil, "host", reflect.TypeFor[ovirt.Host](), canonical)
		if err != nil {
			t.Fatalf("AppendJSON refuses encoding/json's own document %s: %v", canonical, err)
		}
		var got ovirt.Host
		if err := ovirtxml.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		gj, _ := json.Marshal(&got)
		if string(gj) != string(canonical) {
			t.Fatalf("differs\nwant %s\ngot  %s\nxml  %s", canonical, gj, out)
		}
	})
}
