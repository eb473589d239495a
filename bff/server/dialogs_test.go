package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"v6admin/engine/embedded"
	"v6admin/wire"
)

// TestProviderAndStorageDialogsEmbedded walks the Add Provider and New
// Domain dialogs (issue 7) through the BFF against the embedded engine, on
// [::1]: an IPv6 network provider with a self-signed certificate (list,
// import, Test), an NFS domain on [2001:db8::5], and an iSCSI domain on the
// IPv6 portal after discovery and login.
func TestProviderAndStorageDialogsEmbedded(t *testing.T) {
	rec := &bodyRecorder{calls: make(chan recorded, 1000)}
	env, _ := newEmbeddedEnv(t, func(c *Config) { rec.rt = c.EngineTransport; c.EngineTransport = rec })
	env.login(t)
	sentTo := func(t testing.TB, suffix string) string {
		t.Helper()
		var last string
		for {
			select {
			case r := <-rec.calls:
				if strings.HasSuffix(r.path, suffix) {
					last = string(r.body)
				}
			default:
				if last == "" {
					t.Fatalf("the engine got no request on %s", suffix)
				}
				return last
			}
		}
	}
	host0 := env.hostID(t, "host0")
	var providerID, fingerprint, lunID, satFingerprint string
	pp := func() string { return "/api/providers/network/" + providerID }
	const untrusted = "The provider's certificate is not trusted. Import it first."

	steps := []struct {
		s    scenario
		path func() string // overrides s.URL when set (ids known at run time)
	}{
		// Add Provider: https://[2001:db8::50]:9696 with its Keystone host in parts.
		{s: scenario{Name: "add an IPv6 network provider", Method: "POST", URL: "/api/providers",
			Body: `{"kind":"network","type":"external","name":"lab-ovn","url":"https://[2001:db8::50]:9696","plugin_type":"ovirt-provider-ovn",` +
				`"requires_authentication":true,"username":"admin@internal","password":"prov-pw","protocol":"https","host_name":"2001:db8::50","api_port":35357,"api_version":"v2.0"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"type":"external"`, `"url":"https://[2001:db8::50]:9696"`,
				`"authentication_url":"https://[2001:db8::50]:35357/v2.0","protocol":"https","host_name":"2001:db8::50","api_port":35357,"api_version":"v2.0"`},
			NotExpectedContent: []string{"prov-pw"},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, body string) {
				var v struct{ ID string }
				json.Unmarshal([]byte(body), &v)
				providerID = v.ID
				if b := sentTo(t, "/openstacknetworkproviders"); !strings.Contains(b, `"authentication_url":"https://[2001:db8::50]:35357/v2.0"`) {
					t.Errorf("engine got %s", b)
				}
			}}},
		{s: scenario{Name: "Test before the import", Method: "POST", ExpectedStatus: 200, ExpectedContent: []string{`"ok":false`, untrusted}},
			path: func() string { return pp() + "/test" }},
		{s: scenario{Name: "list the certificates", Method: "GET", ExpectedStatus: 200,
			ExpectedContent: []string{`"subject":"CN=ovirt-provider-ovn,O=v6admin lab"`, `"self_signed":true`, `"sha256_fingerprint":"`,
				`"prompt":"Do you approve trusting self signed certificate subject CN=ovirt-provider-ovn,O=v6admin lab, SHA-256 fingerprint `},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, body string) {
				var v wire.Certificates
				json.Unmarshal([]byte(body), &v)
				if len(v.Certificates) != 1 || len(v.Certificates[0].SHA256Fingerprint) != 95 {
					t.Fatalf("certificates %s", body)
				}
				fingerprint = v.Certificates[0].SHA256Fingerprint
			}},
			path: func() string { return pp() + "/certificates" }},
		{s: scenario{Name: "import without the CSRF token", Method: "POST", Body: `{"sha256_fingerprint":"x"}`, Headers: map[string]string{"X-CSRF-Token": ""},
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"csrf_failed"`}},
			path: func() string { return pp() + "/import-certificates" }},
		{s: scenario{Name: "import another certificate", Method: "POST", Body: `{"sha256_fingerprint":"` + strings.Repeat("00:", 31) + `00"}`,
			ExpectedStatus: 409, ExpectedContent: []string{`"sha256_fingerprint":{"code":"certificate_changed"`}},
			path: func() string { return pp() + "/import-certificates" }},
		{s: scenario{Name: "import the approved certificate", Method: "POST", ExpectedStatus: 200, ExpectedContent: []string{`"imported":{"position":0,"subject":"CN=ovirt-provider-ovn`},
			Before: func(t testing.TB, env *testEnv) {}},
			path: func() string { return pp() + "/import-certificates" }},
		{s: scenario{Name: "Test succeeded", Method: "POST", ExpectedStatus: 200,
			ExpectedContent: []string{`{"ok":true,"message":"Test succeeded, managed to access provider."}`}},
			path: func() string { return pp() + "/test" }},
		{s: scenario{Name: "the import is an event", Method: "GET", URL: "/api/events?max=5", ExpectedStatus: 200,
			ExpectedContent: []string{`"code":213`, `"description":"Certificate for provider lab-ovn was imported. (User: admin@internal-authz)"`}}},
		{s: scenario{Name: "the provider view", Method: "GET", ExpectedStatus: 200,
			ExpectedContent: []string{`"url_host":{"address":"2001:db8::50","kind":"ipv6","scope":"documentation"}`, `"host_name":"2001:db8::50"`, `"plugin_type":"ovirt-provider-ovn"`}},
			path: pp},

		// Test without saving: a temporary provider, always removed.
		{s: scenario{Name: "Test unsaved settings", Method: "POST", URL: "/api/providers/test",
			Body:           `{"kind":"host","type":"foreman","name":"sat","url":"https://[2001:db8:10::7]"}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"ok":false`, untrusted, `"status":"presented"`, `"tested":"Tested the settings in this dialog through a temporary provider (v6admin-test-`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, body string) {
				var v wire.ProviderTest
				json.Unmarshal([]byte(body), &v)
				if v.Certificates == nil || len(v.Certificates.Certificates) != 1 {
					t.Fatalf("test %s", body)
				}
				satFingerprint = v.Certificates.Certificates[v.Certificates.Approve].SHA256Fingerprint
			}}},
		{s: scenario{Name: "Test unsaved settings with the approved certificate", Method: "POST", URL: "/api/providers/test",
			ExpectedStatus: 200, ExpectedContent: []string{`"ok":true`, `"imported":{"position":0,"subject":"CN=satellite.lab.example.org,O=v6admin lab"`}}},
		{s: scenario{Name: "Test unsaved settings of an unreachable provider", Method: "POST", URL: "/api/providers/test",
			Body:           `{"kind":"network","type":"external","name":"gone","url":"https://[2001:db8::99]:9696","plugin_type":"ovirt-provider-ovn"}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"ok":false`, `No service answers at https://[2001:db8::99]:9696.`, `"status":"unreachable"`}}},
		{s: scenario{Name: "Test leaves nothing behind", Method: "GET", URL: "/api/providers", ExpectedStatus: 200,
			ExpectedContent: []string{`"name":"lab-ovn"`}, NotExpectedContent: []string{"v6admin-test-", `"name":"sat"`, `"name":"gone"`}}},

		// New Domain, NFS on [2001:db8::5].
		{s: scenario{Name: "NFS domain on [2001:db8::5]", Method: "POST", URL: "/api/storage-domains/nfs",
			Body: `{"name":"data6","host_id":"` + host0 + `","export":"[2001:db8::5]:/exports/data","nfs_version":"v4_2","retransmissions":6,"timeout":600,` +
				`"mount_options":"rsize=1048576","warning_low_space":15,"critical_space_blocker":3,"description":"IPv6 data","comment":"issue 7"}`,
			ExpectedStatus: 201, ExpectedContent: []string{`"name":"data6","description":"IPv6 data","comment":"issue 7","type":"data","storage_type":"nfs"`,
				`"server":{"address":"2001:db8::5","kind":"ipv6","scope":"documentation"},"path":"/exports/data","nfs_version":"v4_2","retransmissions":6,"timeout":600,"mount_options":"rsize=1048576"`,
				`"warning_low_space":15,"critical_space_blocker":3`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, _ string) {
				if b := sentTo(t, "/storagedomains"); !strings.Contains(b, `"address":"[2001:db8::5]"`) || !strings.Contains(b, `"nfs_timeo":"600"`) {
					t.Errorf("engine got %s", b)
				}
			}}},
		{s: scenario{Name: "NFS name in use", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"data6","host_id":"` + host0 + `","export":"[2001:db8::5]:/exports/iso"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"name":{"code":"name_in_use","message":"Name is already used in the environment, create new unique name."}`}}},
		{s: scenario{Name: "NFS export in use", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"data7","host_id":"` + host0 + `","export":"[2001:DB8:0::5]:/exports/data"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"export":{"code":"export_in_use"`}}},
		{s: scenario{Name: "NFS export the server lacks", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"data7","host_id":"` + host0 + `","export":"[2001:db8::5]:/exports/nope"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"export":{"code":"engine","message":"Error while executing action Add Storage Connection: Problem while trying to mount target"}`}}},
		{s: scenario{Name: "NFS bad name", Method: "POST", URL: "/api/storage-domains/nfs",
			Body:           `{"name":"data 7","host_id":"` + host0 + `","export":"[2001:db8::5]:/exports/iso","timeout":6001}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"name":{"code":"syntax","message":"Name can contain only 'A-Z', 'a-z', '0-9', '_' or '-' characters, max length: 50. Spaces are not allowed: use - or _."}`,
				`"timeout":{"code":"out_of_range","message":"This field must contain an integer number between 1 and 6000."}`}}},

		// New Domain, iSCSI on the IPv6 portal.
		{s: scenario{Name: "discover a portal without targets", Method: "POST", Body: `{"address":"` + embedded.SeedISCSIEmptyPortal + `","port":3260}`,
			ExpectedStatus: 200, ExpectedContent: []string{`{"targets":[],"message":"No new devices were found. This may be due to either: incorrect multipath configuration on the Host or wrong address of the iscsi target or a failure to authenticate on the target device. Please consult your Storage Administrator."}`}},
			path: func() string { return "/api/hosts/" + host0 + "/iscsi/discover" }},
		{s: scenario{Name: "discover a portal nobody answers on", Method: "POST", Body: `{"address":"2001:db8:200::99"}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"address":{"code":"engine","message":"Failed to discover iSCSI targets: no iSCSI portal answered at [2001:db8:200::99]:3260."}`}},
			path: func() string { return "/api/hosts/" + host0 + "/iscsi/discover" }},
		{s: scenario{Name: "discover the IPv6 portal", Method: "POST", Body: `{"address":"[2001:DB8:200::50]","port":3260}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"target":"` + embedded.SeedISCSITarget + `","portal":"1","logged_in":false`}, NotExpectedContent: []string{`"message"`}},
			path: func() string { return "/api/hosts/" + host0 + "/iscsi/discover" }},
		{s: scenario{Name: "no LUNs yet", Method: "GET", ExpectedStatus: 200, ExpectedContent: []string{`{"luns":[]}`}},
			path: func() string { return "/api/hosts/" + host0 + "/luns" }},
		{s: scenario{Name: "Login All", Method: "POST", Body: `{"address":"2001:db8:200::50"}`,
			ExpectedStatus: 200, ExpectedContent: []string{`"target":"` + embedded.SeedISCSITarget + `","portal":"1","logged_in":true`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, _ string) {
				if b := sentTo(t, "/iscsilogin"); !strings.Contains(b, `"address":"2001:db8:200::50"`) || !strings.Contains(b, `"target":"`+embedded.SeedISCSITarget+`"`) {
					t.Errorf("engine got %s", b)
				}
			}},
			path: func() string { return "/api/hosts/" + host0 + "/iscsi/login-all" }},
		{s: scenario{Name: "the LUN list", Method: "GET", ExpectedStatus: 200,
			ExpectedContent: []string{`"size":107374182400,"paths":1,"vendor_id":"LIO-ORG","product_id":"lun0","serial":"SLIO-ORG_lun0_`, `"status":"free"`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, body string) {
				var v struct {
					LUNs []wire.LUN `json:"luns"`
				}
				json.Unmarshal([]byte(body), &v)
				if len(v.LUNs) != 3 {
					t.Fatalf("luns %s", body)
				}
				lunID = v.LUNs[0].ID
			}},
			path: func() string { return "/api/hosts/" + host0 + "/luns" }},
		{s: scenario{Name: "iSCSI domain without LUNs", Method: "POST", URL: "/api/storage-domains/iscsi",
			Body:           `{"name":"iscsi6","host_id":"` + host0 + `","luns":[]}`,
			ExpectedStatus: 400, ExpectedContent: []string{`"fields":{"luns":{"code":"no_luns","message":"No LUNs selected. Please select LUNs."}}`}}},
		{s: scenario{Name: "iSCSI domain", Method: "POST", URL: "/api/storage-domains/iscsi", ExpectedStatus: 201,
			ExpectedContent: []string{`"name":"iscsi6"`, `"storage_type":"iscsi"`, `"address":{"address":"2001:db8:200::50","kind":"ipv6"`, `"warning_low_space":10,"critical_space_blocker":5`},
			After: func(t testing.TB, _ *testEnv, _ *http.Response, _ string) {
				if b := sentTo(t, "/storagedomains"); !strings.Contains(b, `"address":"2001:db8:200::50"`) {
					t.Errorf("engine got %s", b)
				}
			}}},
		{s: scenario{Name: "the LUN is used", Method: "GET", ExpectedStatus: 200, ExpectedContent: []string{`"status":"used"`}},
			path: func() string { return "/api/hosts/" + host0 + "/luns" }},
		{s: scenario{Name: "the domains", Method: "GET", URL: "/api/storage-domains", ExpectedStatus: 200,
			ExpectedContent: []string{`"name":"data6"`, `"name":"iscsi6"`, `"name":"nfs-data"`}}},
	}
	for _, st := range steps {
		s := st.s
		t.Run(s.Name, func(t *testing.T) {
			if st.path != nil {
				s.URL = st.path()
			}
			switch s.Name {
			case "import the approved certificate":
				s.Body = `{"sha256_fingerprint":"` + fingerprint + `"}`
			case "Test unsaved settings with the approved certificate":
				s.Body = `{"kind":"host","type":"foreman","name":"sat","url":"https://[2001:db8:10::7]","import_sha256_fingerprint":"` + satFingerprint + `"}`
			case "iSCSI domain":
				s.Body = `{"name":"iscsi6","host_id":"` + host0 + `","luns":[{"id":"` + lunID + `","address":"[2001:db8:200::50]","port":3260,"target":"` + embedded.SeedISCSITarget + `"}]}`
			}
			s.run(t, env)
		})
	}
}
