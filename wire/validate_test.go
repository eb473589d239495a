package wire

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"v6admin/validation"
)

func ptr[T any](v T) *T { return &v }

// TestValidate: each request's rules, on their JSON paths, with
// validation's codes; valid requests give no error.
func TestValidate(t *testing.T) {
	long := strings.Repeat("a", 1025)
	tests := []struct {
		name string
		req  interface{ Validate() FieldErrors }
		want map[string]string // path: code
	}{
		{"host ok", AddHostRequest{Name: "h1", Address: validation.HostOf("[2001:db8::1]"), RootPassword: "x"}, nil},
		{"host", AddHostRequest{Name: "h 1", Address: validation.HostOf("256.1.1.1"), SSHPort: 70000, Comment: long,
			FenceAgents: []FenceAgentRequest{{Address: validation.HostOf("bmc.example"), Port: 623}, {Address: validation.HostOf("fe80::1 %eth0"), Options: map[string]string{"a b": "1"}}}},
			map[string]string{"name": "syntax", "address": "numeric_name", "ssh_port": "out_of_range", "comment": "too_long",
				"fence_agents.1.address": "whitespace", "fence_agents.1.options": "syntax"}},
		{"edit absent", EditHostRequest{}, nil},
		{"edit", EditHostRequest{Name: ptr(""), Address: ptr(validation.HostOf("2001:db8::1/64")), Port: ptr(0)},
			map[string]string{"name": "empty", "address": "prefix_not_allowed", "port": "out_of_range"}},
		{"agent options", FenceAgentRequest{Address: validation.HostOf("bmc"), Options: map[string]string{"k": "a,b"}}, map[string]string{"options": "syntax"}},
		{"nfs", NFSDomainRequest{DomainCommon: DomainCommon{Name: "my domain", WarningLowSpace: ptr(101)}, Export: "2001:db8::5:/x", Timeout: ptr(0), MountOptions: "Timeo=5"},
			map[string]string{"name": "syntax", "warning_low_space": "out_of_range", "export": "brackets_required", "timeout": "out_of_range", "mount_options": "managed_option"}},
		{"nfs ok", NFSDomainRequest{DomainCommon: DomainCommon{Name: "data6"}, Export: "[2001:db8::5]:/x", MountOptions: "rsize=1, wsize=2"}, nil},
		{"iscsi", ISCSIDomainRequest{DomainCommon: DomainCommon{Name: "d"}, LUNs: []LUNRequest{{ID: "l", Address: "2001:db8::1/64", Port: -1, Target: strings.Repeat("t", 257)}}},
			map[string]string{"luns.0.address": "prefix_not_allowed", "luns.0.port": "out_of_range", "luns.0.target": "too_long"}},
		{"portal", ISCSIRequest{Address: "fe80::1%eth0", Port: 65536}, map[string]string{"address": "", "port": "out_of_range"}},
		{"provider", ProviderRequest{Name: "a.b", URL: "https://2001:db8::50:9696", HostName: "bad host", APIPort: -1, PluginType: strings.Repeat("p", 65)},
			map[string]string{"name": "", "url": "", "host_name": "", "api_port": "out_of_range", "plugin_type": "too_long"}},
		{"provider test", ProviderTestRequest{ProviderRequest: ProviderRequest{Name: "p1", URL: "https://[2001:db8::50]:9696"}, ID: strings.Repeat("i", 129)},
			map[string]string{"id": "too_long"}},
		{"setup", SetupNetworksRequest{
			Attachments: []AttachmentRequest{{Network: "n", NIC: "eth0", IPv4: &IPv4Request{Address: "192.0.2.1/33", Netmask: "255.0.255.0", Gateway: "x"},
				IPv6: &IPv6Request{Prefix: "129"}, DNSServers: []string{"2001:db8::53", "[2001:db8::53]"}}},
			Bonds:              []BondRequest{{Name: "bond-1", Slaves: []string{"eth1", strings.Repeat("e", 65)}}},
			RemovedAttachments: []string{strings.Repeat("r", 129)}, ConnectivityTimeout: 601},
			map[string]string{"attachments.0.ipv4.address": "", "attachments.0.ipv4.netmask": "netmask_not_contiguous", "attachments.0.ipv4.gateway": "",
				"attachments.0.ipv6.prefix": "out_of_range", "attachments.0.dns_servers.1": "brackets_not_allowed",
				"bonds.0.name": "syntax", "bonds.0.slaves.1": "too_long", "removed_attachments.0": "too_long", "connectivity_timeout": "out_of_range"}},
		{"login", LoginRequest{Username: "u", Password: long}, map[string]string{"password": "too_long"}},
		{"order", OrderRequest{IDs: []string{"a", strings.Repeat("i", 129)}}, map[string]string{"ids.1": "too_long"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.req.Validate()
			if len(got) != len(tt.want) {
				t.Errorf("fields %v, want %v", got.Paths(), tt.want)
			}
			for path, code := range tt.want {
				fe, ok := got[path]
				if !ok {
					t.Errorf("no error on %s (%v)", path, got)
					continue
				}
				if code != "" && fe.Code != code || fe.Message == "" {
					t.Errorf("%s: %+v, want code %s", path, fe, code)
				}
			}
		})
	}
}

// TestMaxlenTags: every maxlen tag is a positive number, on a text or a
// list of texts, so no length is silently unchecked.
func TestMaxlenTags(t *testing.T) {
	n := 0
	for _, v := range all {
		walkTags(t, reflect.TypeOf(v), map[reflect.Type]bool{}, &n)
	}
	if n < 30 {
		t.Fatalf("only %d maxlen tags seen", n)
	}
}

func walkTags(t *testing.T, typ reflect.Type, seen map[reflect.Type]bool, n *int) {
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct || seen[typ] {
		return
	}
	seen[typ] = true
	for i := range typ.NumField() {
		sf := typ.Field(i)
		if tag, ok := sf.Tag.Lookup("maxlen"); ok {
			*n++
			if l, err := strconv.Atoi(tag); err != nil || l <= 0 {
				t.Errorf("%s.%s: maxlen:%q is not a positive number", typ.Name(), sf.Name, tag)
			}
			ft := sf.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() != reflect.String {
				t.Errorf("%s.%s: maxlen on a %s", typ.Name(), sf.Name, sf.Type)
			}
		}
		if strings.Contains(sf.Tag.Get("validate"), "maxlen") {
			t.Errorf("%s.%s: a length belongs in the maxlen tag, not validate", typ.Name(), sf.Name)
		}
		walkTags(t, sf.Type, seen, n)
	}
}

// TestLengthsMalformedTag: a malformed maxlen tag is skipped, never a
// panic, at run time (TestMaxlenTags refuses it in the tests).
func TestLengthsMalformedTag(t *testing.T) {
	type bad struct {
		A string `json:"a" maxlen:"x"`
		B string `json:"b" maxlen:"2"`
	}
	f := FieldErrors{}
	lengths(reflect.ValueOf(bad{A: "long", B: "long"}), "", f)
	if len(f) != 1 || f["b"].Code != "too_long" {
		t.Fatalf("%v", f)
	}
}
