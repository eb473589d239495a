package components

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestContract decodes answers recorded from the BFF (testdata/, taken from
// a server running the embedded engine) into the UI's types with unknown
// members refused, then encodes them back and compares: a member the UI
// lacks, names differently or omits differently fails here. The BFF should
// run the mirror test (encode its response types, decode into these with
// DisallowUnknownFields) so that a change on its side fails there too.
func TestContract(t *testing.T) {
	tests := []struct {
		file string
		into func() any
	}{
		{"session.json", func() any { return &Session{} }},
		{"hosts.json", func() any {
			return &struct {
				Hosts []Host `json:"hosts"`
			}{}
		}},
		{"host.json", func() any { return &Host{} }},
		{"network.json", func() any { return &HostNetwork{} }},
		{"clusters.json", func() any {
			return &struct {
				Clusters []Cluster `json:"clusters"`
			}{}
		}},
		{"events.json", func() any { return &EventList{} }},
		{"providers.json", func() any {
			return &struct {
				Providers []Provider `json:"providers"`
			}{}
		}},
		{"storage_domains.json", func() any {
			return &struct {
				StorageDomains []StorageDomain `json:"storage_domains"`
			}{}
		}},
		{"fence_test.json", func() any { return &FenceTest{} }},
		{"fence_agents.json", func() any {
			return &struct {
				FenceAgents []Agent `json:"fence_agents"`
			}{}
		}},
		{"add_host.json", func() any { return &AddHostResult{} }},
		{"sync.json", func() any { return &SetupResult{} }},
		{"error_validation.json", func() any { return &ErrorEnvelope{} }},
		{"error_unauthorized.json", func() any { return &ErrorEnvelope{} }},
		{"ws_messages.json", func() any { return &[]WSMessage{} }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			v := tt.into()
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("decode: %v", err)
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var want, got any
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(again, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("round trip differs:\nrecorded %s\nre-encoded %s", compact(data), again)
			}
		})
	}
}

func compact(b []byte) string {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return string(b)
	}
	return out.String()
}
