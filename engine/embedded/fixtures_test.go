package embedded

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"v6admin/engine/client"
	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/conformance"
)

// shape is the JSON structure of an answer: kinds and members, lists
// merged over their elements.
type shape struct {
	kind    string // string, number, bool, object, list, null
	members map[string]*shape
	elem    *shape
}

func shapeOf(v any) *shape {
	switch v := v.(type) {
	case map[string]any:
		s := &shape{kind: "object", members: map[string]*shape{}}
		for k, e := range v {
			s.members[k] = shapeOf(e)
		}
		return s
	case []any:
		s := &shape{kind: "list"}
		for _, e := range v {
			s.elem = s.elem.merge(shapeOf(e))
		}
		return s
	case string:
		return &shape{kind: "string"}
	case json.Number:
		return &shape{kind: "number"}
	case bool:
		return &shape{kind: "bool"}
	}
	return &shape{kind: "null"}
}

// merge unites two shapes (a member of another kind keeps the first, and
// is reported by compare when it is the embedded engine's).
func (s *shape) merge(o *shape) *shape {
	if s == nil {
		return o
	}
	if o == nil || s.kind != o.kind {
		return s
	}
	for k, m := range o.members {
		s.members[k] = s.members[k].merge(m)
	}
	s.elem = s.elem.merge(o.elem)
	return s
}

func parseShape(t *testing.T, what string, b []byte) *shape {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v: %s", what, err, b)
	}
	return shapeOf(v)
}

// fieldType is the Go type of member name of struct type t (nil if none).
func fieldType(t reflect.Type, name string) reflect.Type {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if n, _, _ := strings.Cut(f.Tag.Get("json"), ","); n == name {
			return f.Type
		}
	}
	return nil
}

func structOf(t reflect.Type) reflect.Type {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	return t
}

// compareShapes reports where the embedded engine's answer (emb) differs
// from the real engine's (fix): a member the real engine does not write, or
// writes in another kind, and a member v6admin uses (t is the engine/ovirt
// type at path) that the real engine writes and the embedded one does not.
func compareShapes(emb, fix *shape, t reflect.Type, path string, out *[]string) {
	if emb.kind != fix.kind {
		*out = append(*out, fmt.Sprintf("%s: embedded writes %s, the real engine %s", path, emb.kind, fix.kind))
		return
	}
	switch emb.kind {
	case "object":
		for name, m := range emb.members {
			f, ok := fix.members[name]
			if !ok {
				*out = append(*out, fmt.Sprintf("%s.%s: the real engine does not write it", path, name))
				continue
			}
			compareShapes(m, f, fieldType(t, name), path+"."+name, out)
		}
		if st := structOf(t); st != nil {
			for name := range fix.members {
				if _, ok := emb.members[name]; !ok && fieldType(st, name) != nil && client.Uses(conformance.ModelType(st), name) {
					*out = append(*out, fmt.Sprintf("%s.%s: v6admin uses it, the real engine writes it, the embedded one does not", path, name))
				}
			}
		}
	case "list":
		if emb.elem != nil && fix.elem != nil {
			compareShapes(emb.elem, fix.elem, t, path+"[]", out)
		}
	}
}

// TestFixtureShapes makes the fixture set's calls on the embedded engine
// (its seed; the fixtures' ids replaced by the seed's) and compares each
// answer's JSON structure with the fixture's: every member the embedded
// engine writes exists in the real engine's answer with the same kind
// (string, number, bool, object, list), and every member v6admin uses that
// the real answer has is in the embedded one.
// TestFixtureShapes compares the embedded engine's answer to every call of
// the fixtures with the real engine's, in JSON and in XML (XML bodies sent,
// the XML answer read into the call's Go type and compared as JSON); in
// XML, each GET answer is also compared value for value with the JSON
// answer to the same request.
func TestFixtureShapes(t *testing.T) {
	for _, enc := range []string{"json", "xml"} {
		t.Run(enc, func(t *testing.T) { fixtureShapes(t, enc == "xml") })
	}
}

func fixtureShapes(t *testing.T, xml bool) {
	v := newEnv(t)
	v.xml = xml
	h0 := v.hostByName("host0")
	var cl ovirt.Cluster
	v.must(200, "GET", "/clusters/"+h0.Cluster.ID, nil, &cl)
	var ags ovirt.Agents
	v.must(200, "GET", "/hosts/"+h0.ID+"/fenceagents", nil, &ags)
	var ps ovirt.OpenStackNetworkProviders
	v.must(200, "GET", "/openstacknetworkproviders", nil, &ps)
	var ehp ovirt.ExternalHostProvider
	v.must(201, "POST", "/externalhostproviders", `{"name":"foreman","description":"Satellite","url":"https://[2001:db8:10::71]","requires_authentication":"true","username":"admin","password":"secret"}`, &ehp)
	osnp := ps.OpenStackNetworkProvider[0].ID
	var certs ovirt.Certificates
	v.must(200, "GET", "/openstacknetworkproviders/"+osnp+"/certificates", nil, &certs)
	if len(certs.Certificate) == 0 {
		t.Fatal("the seed's OVN provider presents no certificate")
	}
	ids := strings.NewReplacer(
		fixtures.Host0, h0.ID,
		fixtures.ClusterDefault, cl.ID,
		fixtures.DataCenter, cl.DataCenter.ID,
		fixtures.NicEth0, v.nics(h0.ID)["eth0"].ID,
		fixtures.Agent0, ags.Agent[0].ID,
		fixtures.NetworkProvider, osnp,
		fixtures.HostProvider, ehp.ID,
	)
	// The VM calls run on the seed's VMs in the fixtures' order: web0 (up)
	// answers the reads and migrates to host1, build0 (down) starts and
	// stops, db0 (up) shuts down.
	vmFor := map[string]string{
		"POST /vms/" + fixtures.Vm0 + "/start":    "build0",
		"POST /vms/" + fixtures.Vm0 + "/stop":     "build0",
		"POST /vms/" + fixtures.Vm0 + "/shutdown": "db0",
	}
	vmIDs := map[string]string{}
	var vms ovirt.Vms
	v.must(200, "GET", "/vms", nil, &vms)
	for _, vm := range vms.Vm {
		vmIDs[vm.Name] = vm.ID
	}
	bodies := map[string]string{
		"POST /hosts":                                      `{"name":"fx-host","address":"2001:db8:10::99","root_password":"secret","cluster":{"id":"` + cl.ID + `"}}`,
		"PUT /hosts/" + fixtures.Host0:                     `{"comment":"fixtures"}`,
		"POST /hosts/" + fixtures.Host0 + "/fence":         `{"fence_type":"status"}`,
		"POST /hosts/" + fixtures.Host0 + "/setupnetworks": `{"check_connectivity":"true","commit_on_success":"true","connectivity_timeout":"120"}`,
		"POST /hosts/" + fixtures.Host0 + "/discoveriscsi": `{"iscsi":{"address":"` + SeedISCSIPortal + `","port":"3260"}}`,
		"POST /hosts/" + fixtures.Host0 + "/iscsilogin":    `{"iscsi":{"address":"` + SeedISCSIPortal + `","port":"3260","target":"` + SeedISCSITarget + `","portal":"1"}}`,
		"POST /openstacknetworkproviders/" + fixtures.NetworkProvider + "/importcertificates": `{"certificates":{"certificate":[{"content":"` +
			certs.Certificate[0].Content + `"}]}}`,
		"PUT /vms/" + fixtures.Vm0:               string(fixtures.Read("request_vm_update.json")),
		"POST /vms/" + fixtures.Vm0 + "/start":   string(fixtures.Read("request_vm_start.json")),
		"POST /vms/" + fixtures.Vm0 + "/migrate": `{"host":{"id":"` + v.hostByName("host1").ID + `"}}`,
	}
	// Calls the embedded lab cannot answer as the fixture does.
	// Calls the embedded engine answers as the real engine answers another
	// case of the same call: the lab has no Foreman, so testing the host
	// provider answers as an unreachable provider does (400, the failed
	// action of testconnectivity_failed.json), compared with that.
	answersAs := map[string]struct {
		status int
		file   string
	}{
		"POST /externalhostproviders/" + fixtures.HostProvider + "/testconnectivity": {400, "testconnectivity_failed.json"},
	}
	// Known differences (by JSON path, or call and path), each with its
	// reason; a known difference that no longer shows fails the test, so
	// the list only shrinks.
	known := map[string]string{
		"POST /hosts/" + fixtures.Host0 + "/deactivate action.job": "MaintenanceNumberOfVdss is not a monitored command (no job on a real engine); the embedded engine links the job it uses to move the host to maintenance, which the UI follows",
		"host.ssh.public_key":         "the embedded hosts have no SSH host key",
		"hosts.host[].ssh.public_key": "the embedded hosts have no SSH host key",
		"networkattachments.network_attachment[].dns_resolver_configuration": "the seed configures no DNS on an attachment",
		"networks.network[].dns_resolver_configuration":                      "the seed configures no DNS on a network",
		"vnicprofiles.vnic_profile[].network.dns_resolver_configuration":     "the seed configures no DNS on a network",
		// usedgen counts a member as used by its Go field name: these two are
		// the BFF's own Summary (the migration plan) and UserName (a
		// session's user), not the host's summary or cloud-init's user.
		"POST /hosts host.summary":                             "a host being installed has no VMs to sum up yet in the embedded engine; v6admin reads no host summary",
		"vms.vm[].initialization.user_name":                    "the seed's cloud-init sets no user; v6admin reads no cloud-init user",
		"vm.initialization.user_name":                          "the seed's cloud-init sets no user; v6admin reads no cloud-init user",
		"storagedomains.storage_domain[].status":               "the seed has no unattached domain (GET /storagedomains gives status only for those)",
		"storagedomains.storage_domain[].storage.volume_group": "the seed has no iSCSI domain",
		"events.event[].host.name":                             "EventMapper writes id and href only; engine/embedded/events.go (wt-events) still writes names",
		"events.event[].storage_domain.name":                   "EventMapper writes id and href only; engine/embedded/events.go (wt-events) still writes names",
		"events.event[].user.name":                             "EventMapper writes id and href only; engine/embedded/events.go (wt-events) still writes names",
	}
	knownSeen := map[string]bool{}
	// The type each answer decodes into, for the used-member check.
	types := map[string]reflect.Type{}
	for file, v := range map[string]any{
		"api.json": ovirt.Api{}, "hosts.json": ovirt.Hosts{}, "host.json": ovirt.Host{}, "action_host.json": ovirt.Action{},
		"host_added.json": ovirt.Host{}, "deactivate.json": ovirt.Action{},
		"fence_status.json": ovirt.Action{}, "setupnetworks.json": ovirt.Action{}, "discoveriscsi.json": ovirt.Action{},
		"iscsilogin.json": ovirt.Action{}, "host_nics_statistics.json": ovirt.HostNics{}, "host_nics.json": ovirt.HostNics{},
		"host_nic_statistics.json": ovirt.Statistics{}, "network_attachments.json": ovirt.NetworkAttachments{},
		"fenceagents.json": ovirt.Agents{}, "fenceagent.json": ovirt.Agent{}, "host_storage.json": ovirt.HostStorages{},
		"clusters.json": ovirt.Clusters{}, "cluster_networks.json": ovirt.Networks{}, "networks.json": ovirt.Networks{},
		"datacenters.json": ovirt.DataCenters{}, "storagedomains.json": ovirt.StorageDomains{},
		"datacenter_storagedomains.json": ovirt.StorageDomains{}, "openstacknetworkproviders.json": ovirt.OpenStackNetworkProviders{},
		"openstacknetworkprovider.json": ovirt.OpenStackNetworkProvider{}, "provider_certificates.json": ovirt.Certificates{},
		"provider_certificates_unreachable.json": ovirt.Certificates{},
		"importcertificates.json":                ovirt.Action{}, "testconnectivity.json": ovirt.Action{}, "testconnectivity_failed.json": ovirt.Action{},
		"externalhostproviders.json": ovirt.ExternalHostProviders{}, "externalhostprovider.json": ovirt.ExternalHostProvider{},
		"events.json": ovirt.Events{}, "jobs.json": ovirt.Jobs{}, "job.json": ovirt.Job{}, "steps.json": ovirt.Steps{},
		"sso_token.json": ovirt.SSOToken{},
		"vms.json":       ovirt.Vms{}, "vm.json": ovirt.Vm{}, "vm_nics_reported_devices.json": ovirt.Nics{},
		"vm_sessions.json": ovirt.Sessions{}, "vm_graphicsconsoles.json": ovirt.GraphicsConsoles{},
		"vm_remoteviewerconnectionfile.json": ovirt.Action{}, "vm_start.json": ovirt.Action{}, "vm_stop.json": ovirt.Action{},
		"vm_shutdown.json": ovirt.Action{}, "vm_migrate.json": ovirt.Action{},
		"vnicprofiles_network.json": ovirt.VnicProfiles{},
	} {
		types[file] = reflect.TypeOf(v)
	}

	jobID := ""
	seen := map[string]bool{}
	for _, c := range fixtures.Calls {
		if c.Status >= 300 || seen[c.Name()] {
			continue
		}
		seen[c.Name()] = true
		t.Run(c.Name(), func(t *testing.T) {
			file, wantStatus := c.File, c.Status
			if as, ok := answersAs[c.Name()]; ok {
				file, wantStatus = as.file, as.status
			}
			if c.Path == fixtures.PKIResourcePath { // text/plain: an OpenSSH public key
				resp, b := v.send(mustRequest(t, v.srv.URL+c.Path+"?"+c.Query))
				if resp.StatusCode != c.Status || !strings.HasPrefix(string(b), "ssh-") || strings.Count(strings.TrimSpace(string(b)), " ") > 2 {
					t.Fatalf("%d %q", resp.StatusCode, b)
				}
				return
			}
			typ, ok := types[file]
			if !ok {
				t.Fatalf("no type for %s", file)
			}
			var status int
			var body []byte
			var reqPath string // the request's path and query under the prefix
			switch c.Path {
			case fixtures.SSOTokenPath:
				resp, b := v.form(c.Path, url.Values{"grant_type": {"password"}, "scope": {"ovirt-app-api"},
					"username": {"admin@internal"}, "password": {testPassword}}, "application/json")
				status, body = resp.StatusCode, b
			default:
				vmName := "web0"
				if n, ok := vmFor[c.Name()]; ok {
					vmName = n
				}
				path := strings.ReplaceAll(ids.Replace(c.Path), fixtures.Vm0, vmIDs[vmName])
				if strings.Contains(path, fixtures.Job) {
					if jobID == "" {
						var js ovirt.Jobs
						v.must(200, "GET", "/jobs", nil, &js)
						if len(js.Job) == 0 {
							t.Fatal("the embedded engine has no job")
						}
						jobID = js.Job[0].ID
					}
					path = strings.ReplaceAll(path, fixtures.Job, jobID)
				}
				if c.Query != "" {
					path += "?" + c.Query
				}
				var in any
				if c.Method != http.MethodGet {
					in = "{}"
					if b, ok := bodies[c.Method+" "+c.Path]; ok {
						in = b
					}
				}
				resp, b := v.do(c.Method, path, in)
				status, body, reqPath = resp.StatusCode, b, path
			}
			if status != wantStatus {
				t.Fatalf("status %d, the real engine %d: %s", status, wantStatus, body)
			}
			if xml && c.Path != fixtures.SSOTokenPath {
				body = xmlAsJSON(t, v, c.Method, reqPath, typ, body)
			}
			var diffs []string
			compareShapes(parseShape(t, "embedded", body), parseShape(t, file, fixtures.Read(file)), typ, rootName(typ), &diffs)
			sort.Strings(diffs)
			for _, d := range diffs {
				path, _, _ := strings.Cut(d, ":")
				if _, ok := known[c.Name()+" "+path]; ok {
					path = c.Name() + " " + path
				}
				if why, ok := known[path]; ok {
					knownSeen[path] = true
					t.Logf("known: %s (%s)", d, why)
					continue
				}
				t.Error(d)
			}
		})
	}
	for path := range known {
		if !knownSeen[path] {
			t.Errorf("%s no longer differs: remove it from known", path)
		}
	}
}

// rootName is the name the client gives an answer's root in JSON paths.
func rootName(t reflect.Type) string {
	if f := fieldType(t, ""); f != nil {
		return ""
	}
	return strings.ToLower(conformance.ModelType(t))
}

func mustRequest(t *testing.T, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
