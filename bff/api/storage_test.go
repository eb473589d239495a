package api

import (
	"strings"
	"testing"
)

const seededDomains = `{"storage_domain": [{"id": "sd0", "name": "nfs-data", "type": "data",
	"storage": {"type": "nfs", "address": "[2001:db8:200::60]", "path": "/exports/data"}}]}`

func TestNFSDomainRequests(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /storagedomains": fixed(200, seededDomains),
		"POST /storagedomains": func(body []byte) (int, string) {
			switch {
			case strings.Contains(string(body), `"name":"racy"`):
				return 409, `{"reason": "Operation Failed", "detail": "[Cannot add Storage. The Storage Domain name is already in use.]"}`
			case strings.Contains(string(body), `"name":"unmountable"`):
				return 400, `{"reason": "Operation Failed", "detail": "[Error while executing action Add Storage Connection: Problem while trying to mount target]"}`
			case strings.Contains(string(body), `"name":"engine-timeo"`):
				return 400, `{"reason": "Operation Failed", "detail": "[NFS Timeout should be between 1 and 6000.]"}`
			}
			return echoCreated("sd1")(body)
		},
		"POST /datacenters/dc1/storagedomains": fixed(201, `{"id": "sd1", "status": "active"}`),
	})
	body := func(extra string) string {
		return `{"name":"data6","host_id":"h0","export":"[2001:db8::5]:/exports/data"` + extra + `}`
	}
	tests := []struct {
		name, body string
		status     int
		sent, view []string
		fields     map[string]string
	}{
		{"every field", body(`,"type":"data","nfs_version":"v4_1","retransmissions":6,"timeout":600,"mount_options":"rsize=1048576,wsize=1048576",` +
			`"warning_low_space":15,"critical_space_blocker":0,"description":"lab data","comment":"c","data_center_id":"dc1"`), 201,
			[]string{`"address":"[2001:db8::5]"`, `"path":"/exports/data"`, `"nfs_version":"v4_1"`, `"nfs_timeo":"600"`, `"nfs_retrans":"6"`,
				`"mount_options":"rsize=1048576,wsize=1048576"`, `"warning_low_space_indicator":"15"`, `"critical_space_action_blocker":"0"`,
				`"description":"lab data"`, `"comment":"c"`, `"host":{"id":"h0"}`},
			[]string{`"name":"data6","description":"lab data","comment":"c","type":"data","storage_type":"nfs"`,
				`"server":{"address":"2001:db8::5","kind":"ipv6","scope":"documentation"},"path":"/exports/data","nfs_version":"v4_1","retransmissions":6,"timeout":600,"mount_options":"rsize=1048576,wsize=1048576"`,
				`"warning_low_space":15,"critical_space_blocker":0`}, nil},
		{"defaults left to the engine", body(``), 201, []string{`"type":"data"`}, nil, nil},
		{"bounds", body(`,"retransmissions":0,"timeout":1,"warning_low_space":100`), 201, nil, nil, nil},
		{"upper bounds", body(`,"retransmissions":32767,"timeout":6000,"warning_low_space":0`), 201, nil, nil, nil},

		{"name with a space", `{"name":"my domain","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, 400, nil, nil,
			map[string]string{"name": "syntax: Name can contain only 'A-Z', 'a-z', '0-9', '_' or '-' characters, max length: 50. Spaces are not allowed: use - or _."}},
		{"name too long", `{"name":"` + strings.Repeat("n", 51) + `","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, 400, nil, nil,
			map[string]string{"name": "too_long: Name can contain only 'A-Z', 'a-z', '0-9', '_' or '-' characters, max length: 50"}},
		{"no name", `{"host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, 400, nil, nil, map[string]string{"name": "empty: This field can't be empty."}},
		{"name in use", `{"name":"nfs-data","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, 400, nil, nil,
			map[string]string{"name": "name_in_use: Name is already used in the environment, create new unique name."}},
		{"export in use", `{"name":"data7","host_id":"h0","export":"[2001:DB8:200:0::60]:/exports/data"}`, 400, nil, nil,
			map[string]string{"export": "export_in_use: Create operation failed. Domain [2001:db8:200::60]:/exports/data already exists in the system."}},
		{"bare IPv6 export", `{"name":"data7","host_id":"h0","export":"2001:db8::5:/exports/data"}`, 400, nil, nil,
			map[string]string{"export": "brackets_required"}},
		{"retransmissions over", body(`,"retransmissions":32768`), 400, nil, nil,
			map[string]string{"retransmissions": "out_of_range: This field must contain an integer number between 0 and 32767."}},
		{"retransmissions negative", body(`,"retransmissions":-1`), 400, nil, nil, map[string]string{"retransmissions": "out_of_range"}},
		{"timeout zero", body(`,"timeout":0`), 400, nil, nil,
			map[string]string{"timeout": "out_of_range: This field must contain an integer number between 1 and 6000."}},
		{"timeout over", body(`,"timeout":6001`), 400, nil, nil, map[string]string{"timeout": "out_of_range"}},
		{"timeout not a number", body(`,"timeout":"600"`), 400, nil, nil, map[string]string{"timeout": "wrong_type"}},
		{"warning over 100", body(`,"warning_low_space":101`), 400, nil, nil,
			map[string]string{"warning_low_space": "out_of_range: This field must contain an integer number between 0 and 100."}},
		{"critical negative", body(`,"critical_space_blocker":-1`), 400, nil, nil,
			map[string]string{"critical_space_blocker": "out_of_range: This field must contain an integer number greater than or equal to 0."}},
		{"managed mount option", body(`,"mount_options":"rsize=1048576,Timeo=5"`), 400, nil, nil, map[string]string{"mount_options": "managed_option"}},
		{"mount options with spaces", body(`,"mount_options":"rsize=1, wsize=2"`), 201, []string{`"mount_options":"rsize=1, wsize=2"`}, nil, nil},
		{"a managed mount option after a space", body(`,"mount_options":"rsize=1, timeo=5"`), 400, nil, nil,
			map[string]string{"mount_options": "managed_option: Custom mount options contain the following duplicate managed options: timeo. The engine sets these itself: use the NFS Version, Retransmissions and Timeout fields."}},
		{"mount options not ASCII", body(`,"mount_options":"sec=krb5é"`), 400, nil, nil, map[string]string{"mount_options": "syntax: UTF characters are not allowed."}},
		{"bad NFS version", body(`,"nfs_version":"v5"`), 400, nil, nil, map[string]string{"nfs_version": "not_allowed"}},
		{"every error at once", `{"name":"bad name","export":"2001:db8::5:/x","timeout":0,"warning_low_space":-5}`, 400, nil, nil,
			map[string]string{"name": "syntax", "host_id": "empty", "export": "brackets_required", "timeout": "out_of_range", "warning_low_space": "out_of_range"}},

		{"the engine finds the name in use", `{"name":"racy","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, 409, nil, nil,
			map[string]string{"name": "name_in_use: Name is already used in the environment, create new unique name."}},
		{"the engine cannot mount", `{"name":"unmountable","host_id":"h0","export":"[2001:db8::5]:/exports/nope"}`, 400, nil, nil,
			map[string]string{"export": "engine"}},
		{"the engine's range", `{"name":"engine-timeo","host_id":"h0","export":"[2001:db8::5]:/exports/data"}`, 400, nil, nil,
			map[string]string{"timeout": "engine: NFS Timeout should be between 1 and 6000."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(env.sent("POST", "/storagedomains"))
			status, resp := env.call(t, "POST", "/api/storage-domains/nfs", tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, resp)
			}
			sent := env.sent("POST", "/storagedomains")
			if tt.fields != nil {
				wantFields(t, resp, tt.fields)
				if tt.status == 400 && envelope(t, resp).Code == "validation_failed" && len(sent) != before {
					t.Fatal("an invalid request reached the engine")
				}
				return
			}
			for _, f := range tt.sent {
				if !strings.Contains(sent[len(sent)-1], f) {
					t.Errorf("engine got %s, lacking %s", sent[len(sent)-1], f)
				}
			}
			for _, f := range tt.view {
				if !strings.Contains(resp, f) {
					t.Errorf("view %s lacks %s", resp, f)
				}
			}
		})
	}
	if got := env.sent("POST", "/datacenters/dc1/storagedomains"); len(got) != 1 {
		t.Fatalf("attachments %v", got)
	}
}

func TestISCSIDomainRequests(t *testing.T) {
	env := newAPIEnv(t, map[string]engineReply{
		"GET /storagedomains":  fixed(200, seededDomains),
		"POST /storagedomains": echoCreated("sd2"),
	})
	lun := `{"id":"36001405a1b2c3d4e5f60718293a4b5c6","address":"[2001:DB8:200::50]","target":"iqn.2014-07.org.ovirt:storage"}`
	tests := []struct {
		name, body string
		status     int
		sent       []string
		fields     map[string]string
	}{
		{"LUN on an IPv6 portal", `{"name":"iscsi6","host_id":"h0","warning_low_space":20,"luns":[` + lun + `]}`, 201,
			[]string{`"address":"2001:db8:200::50"`, `"port":"3260"`, `"target":"iqn.2014-07.org.ovirt:storage"`, `"type":"iscsi"`, `"warning_low_space_indicator":"20"`}, nil},
		{"no LUNs", `{"name":"iscsi6","host_id":"h0"}`, 400, nil, map[string]string{"luns": "no_luns: No LUNs selected. Please select LUNs."}},
		{"empty LUN list", `{"name":"iscsi6","host_id":"h0","luns":[]}`, 400, nil, map[string]string{"luns": "no_luns: No LUNs selected. Please select LUNs."}},
		{"bad portal address", `{"name":"iscsi6","host_id":"h0","luns":[{"id":"x","address":"2001:db8:200::50::1","target":"t"}]}`, 400, nil,
			map[string]string{"luns.0.address": "syntax"}},
		{"bad port", `{"name":"iscsi6","host_id":"h0","luns":[{"id":"x","address":"2001:db8:200::50","port":65536,"target":"t"}]}`, 400, nil,
			map[string]string{"luns.0.port": "out_of_range"}},
		{"name and LUNs", `{"name":"nfs-data","host_id":"h0","luns":[]}`, 400, nil,
			map[string]string{"name": "name_in_use", "luns": "no_luns"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, resp := env.call(t, "POST", "/api/storage-domains/iscsi", tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, resp)
			}
			if tt.fields != nil {
				wantFields(t, resp, tt.fields)
				return
			}
			sent := env.sent("POST", "/storagedomains")
			for _, f := range tt.sent {
				if !strings.Contains(sent[len(sent)-1], f) {
					t.Errorf("engine got %s, lacking %s", sent[len(sent)-1], f)
				}
			}
		})
	}
}

func TestISCSIDiscovery(t *testing.T) {
	const targets = `{"status": "complete", "discovered_targets": {"iscsi_details": [
		{"address": "2001:db8:200::50", "port": "3260", "portal": "1", "target": "iqn.a"},
		{"address": "2001:db8:200::50", "port": "3260", "portal": "1", "target": "iqn.b"}]}}`
	env := newAPIEnv(t, map[string]engineReply{
		"POST /hosts/h0/discoveriscsi": func(body []byte) (int, string) {
			switch {
			case strings.Contains(string(body), `"address":"2001:db8:200::51"`):
				return 200, `{"status": "complete", "discovered_targets": {}, "iscsi_targets": {}}`
			case strings.Contains(string(body), `"address":"2001:db8:200::99"`):
				return 400, `{"status": "failed", "fault": {"reason": "Operation Failed", "detail": "[Failed to discover iSCSI targets: no iSCSI portal answered at [2001:db8:200::99]:3260.]"}}`
			}
			return 200, targets
		},
		// iqn.a is logged in already: its LUN is listed.
		"GET /hosts/h0/storage": fixed(200, `{"host_storage": [{"id": "lun1", "type": "iscsi", "logical_units": {"logical_unit": [
			{"id": "lun1", "address": "2001:db8:200::50", "port": "3260", "target": "iqn.a", "size": "1073741824", "paths": "1",
			 "vendor_id": "LIO-ORG", "product_id": "lun0", "serial": "SLIO-ORG_lun0", "status": "free"}]}}]}`),
		"POST /hosts/h0/iscsilogin": fixed(200, `{"status": "complete"}`),
	})
	tests := []struct {
		name, path, body string
		status           int
		want             []string
		fields           map[string]string
	}{
		{"targets", "/api/hosts/h0/iscsi/discover", `{"address":"[2001:db8:200::50]"}`, 200, []string{
			`{"targets":[{"address":{"address":"2001:db8:200::50","kind":"ipv6","scope":"documentation"},"port":3260,"target":"iqn.a","portal":"1","logged_in":true},` +
				`{"address":{"address":"2001:db8:200::50","kind":"ipv6","scope":"documentation"},"port":3260,"target":"iqn.b","portal":"1","logged_in":false}]}`}, nil},
		{"no new devices", "/api/hosts/h0/iscsi/discover", `{"address":"2001:db8:200::51","port":3260}`, 200, []string{
			`{"targets":[],"message":"No new devices were found. This may be due to either: incorrect multipath configuration on the Host or wrong address of the iscsi target or a failure to authenticate on the target device. Please consult your Storage Administrator."}`}, nil},
		{"portal not answering", "/api/hosts/h0/iscsi/discover", `{"address":"2001:db8:200::99"}`, 400, nil, map[string]string{"address": "engine"}},
		{"bad address", "/api/hosts/h0/iscsi/discover", `{"address":"2001:db8:200::50::1"}`, 400, nil, map[string]string{"address": "syntax"}},
		{"empty address", "/api/hosts/h0/iscsi/discover", `{"address":""}`, 400, nil, map[string]string{"address": "empty"}},
		{"port 0 is the default, 65536 is not a port", "/api/hosts/h0/iscsi/discover", `{"address":"2001:db8:200::50","port":65536}`, 400, nil,
			map[string]string{"port": "out_of_range"}},
		{"CHAP user without password", "/api/hosts/h0/iscsi/discover", `{"address":"2001:db8:200::50","username":"chap"}`, 400, nil,
			map[string]string{"password": "empty"}},
		{"CHAP password without user", "/api/hosts/h0/iscsi/login-all", `{"address":"2001:db8:200::50","password":"chap-pw"}`, 400, nil,
			map[string]string{"username": "empty"}},
		{"login all", "/api/hosts/h0/iscsi/login-all", `{"address":"[2001:db8:200::50]","username":"chap","password":"chap-pw"}`, 200, []string{
			`"target":"iqn.a","portal":"1","logged_in":true}`, `"target":"iqn.b","portal":"1","logged_in":true}`}, nil},
		{"login all with nothing to log in to", "/api/hosts/h0/iscsi/login-all", `{"address":"2001:db8:200::51"}`, 200, []string{
			`"targets":[],"message":"No new devices were found.`}, nil},
		{"LUN list", "/api/hosts/h0/luns", "", 200, []string{
			`{"luns":[{"id":"lun1","address":{"address":"2001:db8:200::50","kind":"ipv6","scope":"documentation"},"port":3260,"target":"iqn.a",` +
				`"size":1073741824,"paths":1,"vendor_id":"LIO-ORG","product_id":"lun0","serial":"SLIO-ORG_lun0","status":"free"}]}`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "POST"
			if tt.body == "" {
				method = "GET"
			}
			status, resp := env.call(t, method, tt.path, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, resp)
			}
			for _, w := range tt.want {
				if !strings.Contains(resp, w) {
					t.Errorf("body lacks %s:\n%s", w, resp)
				}
			}
			if tt.fields != nil {
				wantFields(t, resp, tt.fields)
			}
			if strings.Contains(resp, "chap-pw") {
				t.Fatal("CHAP password in the answer")
			}
		})
	}
	// Login All logged in to iqn.b only, with a bare IPv6 address and the
	// CHAP credentials.
	logins := env.sent("POST", "/hosts/h0/iscsilogin")
	if len(logins) != 1 {
		t.Fatalf("logins %v", logins)
	}
	for _, f := range []string{`"address":"2001:db8:200::50"`, `"target":"iqn.b"`, `"port":"3260"`, `"portal":"1"`, `"username":"chap"`, `"password":"chap-pw"`} {
		if !strings.Contains(logins[0], f) {
			t.Errorf("login sent %s, lacking %s", logins[0], f)
		}
	}
	for _, d := range env.sent("POST", "/hosts/h0/discoveriscsi") {
		if strings.Contains(d, "[") {
			t.Errorf("bracketed address sent to the engine: %s", d)
		}
	}
}
