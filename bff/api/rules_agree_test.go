package api

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"v6admin/components"
	"v6admin/wire"
)

// TestRulesAgree sends every value a dialog field refuses through that
// field's rule in the UI (components.CheckField, the rule the browser runs
// as you type) and through the BFF's handler for the same request, and
// asserts both give the same field error: code and message. Values one
// side used to take and the other refuse ("rsize=1, wsize=2", "Timeo=5")
// are here, with the storage domain name's edge cases and numbers out of
// range. Accepted values must pass on both sides too.
//
// Integers go to the BFF as JSON numbers, texts trimmed as the dialogs
// send them. A plain integer field's 0 means "left out" on the wire (the
// engine's default applies), so ranges are probed with -1 and above the top.
func TestRulesAgree(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /storagedomains":  fixed(200, `{}`),
		"POST /storagedomains": echoCreated("sd1"),
	})
	type endpoint struct {
		path string
		base string // a valid request; the field under test is set into it
	}
	var (
		nfs       = endpoint{"/api/storage-domains/nfs", `{"name":"data6","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`}
		discover  = endpoint{"/api/hosts/h0/iscsi/discover", `{"address":"2001:db8::50","port":3260}`}
		host      = endpoint{"/api/hosts", `{"name":"h1","address":"2001:db8::10","root_password":"x"}`}
		agent     = endpoint{"/api/hosts", `{"name":"h1","address":"2001:db8::10","root_password":"x","fence_agents":[{"address":"2001:db8::50","type":"ipmilan","username":"admin","password":"p"}]}`}
		provider  = endpoint{"/api/providers", `{"kind":"network","name":"p1","url":"https://[2001:db8::50]:9696"}`}
		setupNets = endpoint{"/api/hosts/h0/setupnetworks", `{}`}
	)
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		ui     string // the field's element id
		ep     endpoint
		field  string // the request member, a dotted path
		number bool
		refuse []string
		take   []string
	}{
		{"sd-name", nfs, "name", false,
			[]string{"my domain", "nfs.data", "données", "a/b", long(51), "data\t1"},
			[]string{"data-1_A", long(50), " padded "}},
		{"nfs-mount-options", nfs, "mount_options", false,
			[]string{"Timeo=5", "rsize=1, TImeo=30, nfsVERS=4", "vers=4.2", "rsize=1,retrans=3", "{minorversion=1}",
				"addr=2001:db8::5", "clientaddr=x", "vfs_type=nfs", "protocol_version=3", "sec=krb5é"},
			[]string{"rsize=1, wsize=2", "rsize=1048576,wsize=1048576", "soft,noac", "timeo=5=6"}},
		{"sd-description", nfs, "description", false, []string{long(4001)}, []string{long(4000)}},
		{"sd-comment", nfs, "comment", false, []string{long(4001)}, []string{"c"}},
		{"sd-warning-low", nfs, "warning_low_space", true, []string{"-1", "101"}, []string{"0", "100"}},
		{"sd-critical", nfs, "critical_space_blocker", true, []string{"-1"}, []string{"0", "1000000"}},
		{"nfs-retrans", nfs, "retransmissions", true, []string{"-1", "32768"}, []string{"0", "32767"}},
		{"nfs-timeout", nfs, "timeout", true, []string{"0", "-5", "6001"}, []string{"1", "6000"}},
		{"nfs-export", nfs, "export", false,
			[]string{"2001:db8::5:/exports/data", "nfs://[2001:db8::60]/exports", "[fe80::1%eth0]:/x", "server:relative", "[2001:db8::5]:/ex ports"},
			[]string{"nfs.example.com:/exports/data"}},
		{"iscsi-address", discover, "address", false, []string{"fe80::1%eth0", "2001:db8::1/64", "256.1.1.1"}, []string{"[2001:db8::50]"}},
		{"iscsi-port", discover, "port", true, []string{"-1", "65536"}, []string{"1", "65535"}},
		{"host-name", host, "name", false, []string{"bad name", "é", long(256)}, []string{"host.example-1_A"}},
		{"host-comment", host, "comment", false, []string{long(1025)}, []string{long(1024)}},
		{"host-ssh-port", host, "ssh_port", true, []string{"-1", "65536"}, []string{"22"}},
		{"host-password", host, "root_password", false, []string{long(1025)}, []string{long(1024)}},
		{"host-address", host, "address", false, []string{"2001:db8::1:/x", "1.2.3", "::"}, []string{"host.example.com"}},
		{"agent-password", agent, "fence_agents.0.password", false, []string{long(51)}, []string{long(50)}},
		{"agent-username", agent, "fence_agents.0.username", false, []string{long(257)}, []string{"admin"}},
		{"agent-port", agent, "fence_agents.0.port", true, []string{"-1", "65536"}, []string{"623"}},
		{"agent-address", agent, "fence_agents.0.address", false, []string{"fe80::1 %eth0", "::1/128"}, []string{"bmc.example.com"}},
		{"provider-name", provider, "name", false, []string{"a.b", "my provider", long(129)}, []string{long(128)}},
		{"provider-description", provider, "description", false, []string{long(1025)}, []string{"d"}},
		{"provider-plugin", provider, "plugin_type", false, []string{long(65)}, []string{"ovirt-provider-ovn"}},
		{"provider-tenant", provider, "tenant_name", false, []string{long(257)}, []string{"admin"}},
		{"provider-api-port", provider, "api_port", true, []string{"-1", "65536"}, []string{"35357"}},
		{"provider-host-name", provider, "host_name", false, []string{"fe80::1%eth0", "bad host"}, []string{"[2001:db8::50]"}},
		{"provider-url", provider, "url", false, []string{"ftp://[2001:db8::50]", "https://2001:db8::50:9696"}, []string{"http://[2001:db8::50]:9696"}},
		{"sn-timeout", setupNets, "connectivity_timeout", true, []string{"-1", "601"}, []string{"600"}},
	}
	for _, tt := range tests {
		for _, v := range append(append([]string{}, tt.refuse...), tt.take...) {
			refused := !slices.Contains(tt.take, v)
			name := tt.ui + "=" + v
			if len(name) > 60 {
				name = name[:60] + "…"
			}
			t.Run(name, func(t *testing.T) {
				uiErr, found := components.CheckField(tt.ui, v)
				if !found {
					t.Fatalf("no UI field %s", tt.ui)
				}
				if refused != (uiErr != nil) {
					t.Fatalf("UI: %v, want refused=%v", uiErr, refused)
				}
				status, resp := env.call(t, "POST", tt.ep.path, withMember(t, tt.ep.base, tt.field, v, tt.number))
				var bff *wire.FieldError
				if status == 400 {
					if fe, ok := envelope(t, resp).Fields[tt.field]; ok {
						bff = &fe
					}
				}
				if !refused {
					if bff != nil {
						t.Fatalf("the UI takes it, the BFF refuses it: %+v", *bff)
					}
					return
				}
				if bff == nil {
					t.Fatalf("the UI refuses it (%v), the BFF does not: %d %s", uiErr, status, resp)
				}
				if ui := fromValidation(uiErr); ui != *bff {
					t.Errorf("field errors differ:\n UI  %s: %s\n BFF %s: %s", ui.Code, ui.Message, bff.Code, bff.Message)
				}
			})
		}
	}
}

// withMember sets the member at the dotted path of the JSON object base to
// v (a number when number, else the text trimmed as the dialogs send it).
func withMember(t *testing.T, base, path, v string, number bool) string {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal([]byte(base), &root); err != nil {
		t.Fatal(err)
	}
	var val any = strings.TrimSpace(v)
	if number {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("%q: not a number", v)
		}
		val = n
	}
	parts := strings.Split(path, ".")
	var cur any = root
	for _, p := range parts[:len(parts)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[p]
		case []any:
			i, _ := strconv.Atoi(p)
			cur = c[i]
		}
	}
	cur.(map[string]any)[parts[len(parts)-1]] = val
	b, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
