package ovirt

import (
	"bytes"
	"encoding/json"
	"testing"
)

var fuzzSeeds = []string{
	`"true"`, `false`, `"54321"`, `-1`, `1e3`, `"1.5"`, `1234.5`, `null`, `""`, `"\u0031"`,
	`1700000000000`, `"8640000000000001"`, `"NaN"`, `-0`, `"-0"`, `9223372036854775808`, `{}`, `[`, `"`,
}

// roundTrip decodes data into a fresh T; when that succeeds, encoding and
// decoding again must give the same value and the same bytes.
func roundTrip[T comparable](t *testing.T, data []byte) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T: decoded %q but cannot encode %v: %v", v, data, v, err)
	}
	var w T
	if err := json.Unmarshal(out, &w); err != nil {
		t.Fatalf("%T: cannot decode own output %s: %v", v, out, err)
	}
	if w != v {
		t.Fatalf("%T: %q -> %v -> %s -> %v", v, data, v, out, w)
	}
	if out2, _ := json.Marshal(w); !bytes.Equal(out, out2) {
		t.Fatalf("%T: unstable encoding %s vs %s", v, out, out2)
	}
}

func FuzzDecodeScalar(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Bool](t, data)
		roundTrip[Int](t, data)
		roundTrip[Long](t, data)
		roundTrip[Decimal](t, data)
		roundTrip[Time](t, data)
		// Direct calls with arbitrary (possibly invalid JSON) bytes.
		var (
			b Bool
			i Int
			l Long
			d Decimal
			m Time
		)
		_, _, _, _, _ = b.UnmarshalJSON(data), i.UnmarshalJSON(data), l.UnmarshalJSON(data), d.UnmarshalJSON(data), m.UnmarshalJSON(data)
	})
}

func FuzzDecodeHost(f *testing.F) {
	f.Add([]byte(`{"port":"54321","memory":1,"cpu":{"speed":"2.5"},"root_password":"x","ssh":{"user":{"password":"y"}}}`))
	f.Add([]byte(`{"name":"h","comment":"","spm":{"priority":5},"summary":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var h Host
		if json.Unmarshal(data, &h) != nil {
			return
		}
		out, err := json.Marshal(h)
		if err != nil {
			t.Fatalf("cannot encode decoded host: %v", err)
		}
		var h2 Host
		if err := json.Unmarshal(out, &h2); err != nil {
			t.Fatalf("cannot decode own output %s: %v", out, err)
		}
		if out2, _ := json.Marshal(h2); !bytes.Equal(out, out2) {
			t.Fatalf("unstable: %s vs %s", out, out2)
		}
	})
}
