package ovirt

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"v6admin/engine/fixtures"
)

// goldenCases are the fixtures (engine/fixtures) that engine/ovirt must
// write back exactly: the request bodies v6admin sends, the faults and the
// SSO's answers, whose every member engine/ovirt declares. inputOnly lists
// keys the types accept but never write (passwords): they are removed from
// the expectation before comparing. The engine's other answers carry
// members v6admin does not declare; engine/client's TestFixtures decodes
// them.
var goldenCases = []struct {
	file      string
	newValue  func() any
	inputOnly []string
}{
	{"request_setupnetworks.json", func() any { return new(Action) }, nil},
	{"request_fence_status.json", func() any { return new(Action) }, nil},
	{"request_vm_start.json", func() any { return new(Action) }, nil},
	{"request_vm_update.json", func() any { return new(Vm) }, nil},
	{"request_vm_migrate.json", func() any { return new(Action) }, nil},
	{"request_importcertificates.json", func() any { return new(Action) }, nil},
	{"request_fence_agent_add.json", func() any { return new(Agent) }, []string{"password"}},
	{"request_storage_domain_nfs_add.json", func() any { return new(StorageDomain) }, nil},
	{"request_storage_domain_iscsi_add.json", func() any { return new(StorageDomain) }, nil},
	{"request_openstack_network_provider_add.json", func() any { return new(OpenStackNetworkProvider) }, []string{"password"}},
	{"fault_syntax.json", func() any { return new(Fault) }, nil},
	{"fault_conflict.json", func() any { return new(Fault) }, nil},
	{"fault_not_found.json", func() any { return new(Fault) }, nil},
	{"fault_incomplete_parameters.json", func() any { return new(Fault) }, nil},
	{"fault_invalid_value.json", func() any { return new(Fault) }, nil},
	{"setupnetworks_failed.json", func() any { return new(Action) }, nil},
	{"testconnectivity_failed.json", func() any { return new(Action) }, nil},
	{"testconnectivity.json", func() any { return new(Action) }, nil},
	{"sso_token.json", func() any { return new(SSOToken) }, nil},
	{"sso_error.json", func() any { return new(SSOError) }, nil},
	{"sso_error_oauth.json", func() any { return new(SSOError) }, nil},
}

// TestGolden checks decode(fixture) → encode → fixture, compared as
// generic JSON values (key order and whitespace ignored, scalar kinds kept:
// "1500" and 1500 differ). Every request_, fault_ and sso_ fixture has a
// case.
func TestGolden(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range goldenCases {
		covered[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			raw := fixtures.Read(tc.file)
			v := tc.newValue()
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("decode: %v", err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			want := generic(t, raw)
			for _, k := range tc.inputOnly {
				if !dropKey(want, k) {
					t.Errorf("input-only key %q not in the example", k)
				}
			}
			if got := generic(t, out); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip differs\n got: %s\nwant: %s", canonical(t, got), canonical(t, want))
			}
		})
	}
	for _, f := range fixtures.Files() {
		if (strings.HasPrefix(f, "request_") || strings.HasPrefix(f, "fault_") || strings.HasPrefix(f, "sso_")) && !covered[f] {
			t.Errorf("%s has no golden case", f)
		}
	}
}

func generic(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("generic decode: %v", err)
	}
	return v
}

// canonical re-encodes a generic value with sorted keys for diffs.
func canonical(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dropKey removes key from every object in v and reports whether it found one.
func dropKey(v any, key string) bool {
	found := false
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v[key]; ok {
			delete(v, key)
			found = true
		}
		for _, e := range v {
			found = dropKey(e, key) || found
		}
	case []any:
		for _, e := range v {
			found = dropKey(e, key) || found
		}
	}
	return found
}

// TestGoldenValues spot-checks decoded values of the fixtures.
func TestGoldenValues(t *testing.T) {
	var h Host
	load(t, "host.json", &h)
	if h.Port.Value() != 54321 || h.Memory.Value() != 404683177984 || !h.OvnConfigured.Value() ||
		h.UpdateAvailable == nil || h.UpdateAvailable.Value() || h.Cpu.Speed.Value() != 2100 ||
		h.Status != HostStatusUp || Deref(h.Comment) != "" || h.Comment == nil ||
		h.PowerManagement.PmProxies.PmProxy[1].Type != PmProxyTypeDC {
		t.Errorf("host decoded wrongly: %+v", h)
	}
	if l, ok := h.Actions.Find("fence"); !ok || l.Href != Href("hosts", h.ID, "fence") {
		t.Errorf("fence action link = %v, %v", l, ok)
	}
	if l, ok := FindLink(h.Link, "nics"); !ok || l != NewLink("nics", "hosts", h.ID, "nics") {
		t.Errorf("nics link = %v, %v", l, ok)
	}

	var a Action
	load(t, "request_setupnetworks.json", &a)
	att := a.ModifiedNetworkAttachments.NetworkAttachment
	if len(att) != 2 || att[0].IpAddressAssignments.IpAddressAssignment[1].Ip.Version != IpVersionV6 ||
		att[1].IpAddressAssignments.IpAddressAssignment[1].AssignmentMethod != BootProtocolPolyDHCPAutoconf ||
		a.ConnectivityTimeout.Value() != 120 || !a.CheckConnectivity.Or(false) || !a.CommitOnSuccess.Value() ||
		a.ModifiedBonds.HostNic[0].Bonding.Slaves.HostNic[1].Name != "eth3" || a.Err() != nil {
		t.Errorf("setupnetworks decoded wrongly: %+v", a)
	}

	var f Action
	load(t, "action_failed.json", &f)
	if err := f.Err(); err == nil || err.Error() != "Operation Failed: [Cannot login to iSCSI target. Failed to connect Host host0 to the Storage Domains.]" {
		t.Errorf("failed action Err() = %v", err)
	}

	var ev Events
	load(t, "events.json", &ev)
	e := ev.Event[0]
	if e.Code.Value() != 13 || e.Index.Value() != 4102 || e.CustomID.Value() != -1 || e.Time.Millis() != 1765065600000 ||
		e.Time.Location().String() != "UTC" || e.Severity != LogSeverityNormal {
		t.Errorf("event decoded wrongly: %+v", e)
	}

	var ag Agent
	load(t, "request_fence_agent_add.json", &ag)
	if ag.Password.Reveal() != "secret" || ag.Order.Value() != 1 || ag.EncryptOptions == nil || ag.EncryptOptions.Value() {
		t.Errorf("agent decoded wrongly: %+v", ag)
	}

	var st Statistics
	load(t, "host_nic_statistics.json", &st)
	if st.Statistic[0].Values.Value[0].Datum.Value() != 1000.5 {
		t.Errorf("datum = %v", st.Statistic[0].Values.Value[0].Datum.Value())
	}
}

func load(t *testing.T, file string, v any) {
	t.Helper()
	if err := json.Unmarshal(fixtures.Read(file), v); err != nil {
		t.Fatal(err)
	}
}
