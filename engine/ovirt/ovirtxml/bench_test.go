package ovirtxml_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/ovirtxml"
)

// hosts5000 is the fixture's hosts repeated to 5,000.
func hosts5000(b *testing.B) *ovirt.Hosts {
	b.Helper()
	var hs ovirt.Hosts
	if err := json.Unmarshal(fixtures.Read("hosts.json"), &hs); err != nil {
		b.Fatal(err)
	}
	out := &ovirt.Hosts{}
	for len(out.Host) < 5000 {
		out.Host = append(out.Host, hs.Host...)
	}
	out.Host = out.Host[:5000]
	return out
}

// BenchmarkHosts5000 writes a list of 5,000 hosts: encoding/json,
// ovirtxml.Marshal from the same Go value, and ovirtxml.AppendJSON from
// each host's JSON document (the built-in engine's GET /hosts in XML).
func BenchmarkHosts5000(b *testing.B) {
	hs := hosts5000(b)
	docs := make([][]byte, len(hs.Host))
	for i := range hs.Host {
		docs[i], _ = json.Marshal(&hs.Host[i])
	}
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(hs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("xml", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ovirtxml.Marshal(hs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-docs-copied", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf := make([]byte, 0, 1<<20)
			for _, d := range docs {
				buf = append(buf, d...)
			}
			if len(buf) == 0 {
				b.Fatal("nothing copied")
			}
		}
	})
	b.Run("xml-from-json-docs", func(b *testing.B) {
		b.ReportAllocs()
		t := reflect.TypeFor[ovirt.Host]()
		for b.Loop() {
			buf := make([]byte, 0, 1<<20)
			for _, d := range docs {
				var err error
				if buf, err = ovirtxml.AppendJSON(buf, "host", t, d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
