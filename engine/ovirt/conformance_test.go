package ovirt_test

import (
	"os"
	"testing"

	"v6admin/engine/ovirt/conformance"
)

// TestModelConformance checks every JSON member engine/ovirt declares against
// testdata/model.txt, the table generated from oVirt's API model
// (engine/ovirt/internal/modelgen): a member the model lacks, or one of
// another kind (object type, list wrapper, enum value), fails.
func TestModelConformance(t *testing.T) {
	f, err := os.Open("testdata/model.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, err := conformance.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(table.Header) < 2 || len(table.Members) < 100 {
		t.Fatalf("table: %d header lines, %d members", len(table.Header), len(table.Members))
	}
	enums, err := conformance.GoEnums(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range conformance.Compare(table.Members, conformance.Walk(enums)) {
		t.Error(e)
	}
}

// TestCompareCatches proves the comparison fails on the mismatches it exists
// for: a member the model lacks, another kind, another object type, an
// unknown enum value.
func TestCompareCatches(t *testing.T) {
	table := map[string]conformance.Member{
		"FencingPolicy.skip_if_gluster_bricks_up": {Type: "FencingPolicy", Name: "skip_if_gluster_bricks_up", Kind: "boolean"},
		"Host.cluster": {Type: "Host", Name: "cluster", Kind: "object", Ref: "Cluster"},
		"Host.status":  {Type: "Host", Name: "status", Kind: "enum", Ref: "HostStatus", Enum: []string{"up", "down"}},
		"Host.memory":  {Type: "Host", Name: "memory", Kind: "integer"},
	}
	tests := []struct {
		name string
		g    conformance.Member
		bad  bool
	}{
		{"missing", conformance.Member{Type: "Action", Name: "check_upgrade", Kind: "boolean"}, true},
		{"object for boolean", conformance.Member{Type: "FencingPolicy", Name: "skip_if_gluster_bricks_up", Kind: "object", Ref: "SkipIfSdActive"}, true},
		{"boolean", conformance.Member{Type: "FencingPolicy", Name: "skip_if_gluster_bricks_up", Kind: "boolean"}, false},
		{"other object", conformance.Member{Type: "Host", Name: "cluster", Kind: "object", Ref: "DataCenter"}, true},
		{"enum value", conformance.Member{Type: "Host", Name: "status", Kind: "enum", Ref: "HostStatus", Enum: []string{"up", "sleeping"}}, true},
		{"enum ok", conformance.Member{Type: "Host", Name: "status", Kind: "enum", Ref: "HostStatus", Enum: []string{"up"}}, false},
		{"decimal for integer", conformance.Member{Type: "Host", Name: "memory", Kind: "decimal"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := conformance.Compare(table, []conformance.Member{tt.g})
			if (len(errs) > 0) != tt.bad {
				t.Errorf("Compare(%s) = %q, want failure %v", tt.g, errs, tt.bad)
			}
		})
	}
}
