package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"v6admin/bff/apierr"
	"v6admin/bff/events"
	"v6admin/components"
)

// fillAll sets every member of v (a pointer) to a non-zero value, so that
// omitempty members are encoded too: strings "x", numbers 7, booleans
// true, one-element slices and maps, allocated pointers.
func fillAll(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fillAll(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			fillAll(v.Field(i))
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillAll(s.Index(0))
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillAll(k)
		fillAll(e)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(7)
	}
}

// strictInto encodes a fully filled from and decodes it into into with
// unknown members refused; then checks that nothing was lost on the way
// (with subset, into may add members of its own, as a request type of the
// BFF may accept more than the UI sends).
func strictInto(t *testing.T, from, into any, subset bool) {
	t.Helper()
	fillAll(reflect.ValueOf(from))
	b, err := json.Marshal(from)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		t.Fatalf("%T -> %T: %v\n%s", from, into, err, b)
	}
	again, err := json.Marshal(into)
	if err != nil {
		t.Fatal(err)
	}
	var want, got map[string]any
	_ = json.Unmarshal(b, &want)
	_ = json.Unmarshal(again, &got)
	if subset {
		for k := range got {
			if _, ok := want[k]; !ok {
				delete(got, k)
			}
		}
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%T -> %T changes the JSON:\n sent %s\n  got %s", from, into, b, again)
	}
}

// TestContractWithUI is the mirror of components' TestContract: every
// answer the UI reads, encoded by the BFF with each member set, decodes
// into the UI's type with unknown members refused (and back, so that the UI
// expects no member the BFF never sends); every request the UI sends
// decodes into the BFF's request type. A member added, renamed or retyped
// on one side only fails here.
func TestContractWithUI(t *testing.T) {
	type addHostResult struct {
		Host     HostView     `json:"host"`
		Warnings []apiWarning `json:"warnings"`
	}
	responses := []struct {
		name    string
		bff, ui func() any
		bffToUI bool
		// both: the UI's type must not expect more than the BFF sends
		// either (false: only the BFF -> UI direction is checked)
		both bool
	}{
		{"session", func() any { return &SessionView{} }, func() any { return &components.Session{} }, true, true},
		{"login info", func() any { return &LoginInfoView{} }, func() any { return &components.LoginInfo{} }, true, true},
		{"cluster", func() any { return &ClusterView{} }, func() any { return &components.Cluster{} }, true, true},
		{"host", func() any { return &HostView{} }, func() any { return &components.Host{} }, true, true},
		{"host network", func() any { return &HostNetworkView{} }, func() any { return &components.HostNetwork{} }, true, true},
		{"fence agent", func() any { return &AgentView{} }, func() any { return &components.Agent{} }, true, true},
		{"fence test", func() any { return &FenceTestView{} }, func() any { return &components.FenceTest{} }, true, true},
		{"add host", func() any { return &addHostResult{} }, func() any { return &components.AddHostResult{} }, true, true},
		{"engine ssh key", func() any { return &SSHKeyView{} }, func() any { return &components.EngineSSHKey{} }, true, true},
		{"host action", func() any { return &HostActionView{} }, func() any { return &components.HostActionResult{} }, true, true},
		{"setup result", func() any { return &SetupResult{} }, func() any { return &components.SetupResult{} }, true, true},
		{"provider", func() any { return &ProviderView{} }, func() any { return &components.Provider{} }, true, true},
		{"provider test", func() any { return &ProviderTestView{} }, func() any { return &components.ProviderTest{} }, true, true},
		{"provider certificates", func() any { return &CertificatesView{} }, func() any { return &components.Certificates{} }, true, true},
		// The Storage Domains UI (issue 7) reads only part of the view
		// so far: check that it expects nothing the BFF does not send.
		{"storage domain", func() any { return &StorageDomainView{} }, func() any { return &components.StorageDomain{} }, false, true},
		{"events", func() any { return &EventsView{} }, func() any { return &components.EventList{} }, true, true},
		{"ws message", func() any { return &events.Message{} }, func() any { return &components.WSMessage{} }, true, true},
		{"error", func() any { return &apierr.Error{} }, func() any { return &components.ErrorEnvelope{} }, true, true},
	}
	for _, c := range responses {
		t.Run("response/"+c.name, func(t *testing.T) {
			if c.bffToUI {
				strictInto(t, c.bff(), c.ui(), false)
			}
			if c.both {
				strictInto(t, c.ui(), c.bff(), false)
			}
		})
	}
	requests := []struct {
		name    string
		ui, bff func() any
	}{
		{"login", func() any { return &components.LoginRequest{} }, func() any { return &loginRequest{} }},
		{"add host", func() any { return &components.AddHostRequest{} }, func() any { return &addHostRequest{} }},
		{"edit host", func() any { return &components.EditHostRequest{} }, func() any { return &editHostRequest{} }},
		{"fence agent", func() any { return &components.FenceAgentRequest{} }, func() any { return &fenceAgentRequest{} }},
		{"power management", func() any { return &components.PowerMgmtRequest{} }, func() any { return &powerMgmtRequest{} }},
		{"agent order", func() any { return &components.OrderRequest{} }, func() any { return &orderRequest{} }},
		{"provider", func() any { return &components.ProviderRequest{} }, func() any { return &providerRequest{} }},
		{"provider test", func() any { return &components.ProviderTestRequest{} }, func() any { return &providerTestRequest{} }},
	}
	for _, c := range requests {
		t.Run("request/"+c.name, func(t *testing.T) {
			strictInto(t, c.ui(), c.bff(), true)
		})
	}
}

// TestFillAll guards the filler: an omitempty member left empty would
// hide a difference.
func TestFillAll(t *testing.T) {
	var h HostView
	fillAll(reflect.ValueOf(&h))
	b, _ := json.Marshal(h)
	for _, m := range []string{`"comment"`, `"nic_summary"`, `"fence_agents"`, `"pm_proxies"`, `"scope"`} {
		if !strings.Contains(string(b), m) {
			t.Errorf("filled host lacks %s: %s", m, b)
		}
	}
}
