package ovirt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// Bool is an xs:boolean. It is written as the JSON string "true" or "false"
// and read from "true", "false", true or false (case-sensitive).
type Bool bool

// Int is an xs:int. It is written as a JSON string ("54321") and read from a
// quoted or native JSON integer.
type Int int64

// Long is one of the few xs:long members (host.memory, host_nic.speed,
// logical_unit.size, storage_domain.available, ...). Like every integer it is
// written as a JSON string ("3910139904", as oVirt does since 4.3) and read
// from a quoted or native JSON integer.
type Long int64

// Decimal is an xs:decimal (statistic datum, cpu speed). It is written as a
// JSON number and read from a native or quoted JSON number. NaN and
// infinities are rejected.
type Decimal float64

// Time is an xs:dateTime. It is written as a JSON number of milliseconds since
// the Unix epoch and read from a native or quoted integer. Decoded values are
// in UTC. The accepted range is that of ECMAScript dates (±8.64e15 ms).
type Time struct{ time.Time }

// Secret is an input-only string (passwords). Decoding accepts it like any
// JSON string; encoding never writes it: IsZero always reports true, so every
// field of this type is tagged `json:"...,omitzero"` and is dropped by
// encoding/json. Should a Secret nevertheless reach MarshalJSON (a field
// missing omitzero, a map value), marshalling fails instead of leaking it.
// String redacts the value, so fmt/log output does not reveal it either.
type Secret string

// maxMillis bounds Time to the ECMAScript date range; it also keeps
// time.UnixMilli round trips free of int64 overflow.
const maxMillis = 8_640_000_000_000_000

// ErrSecretMarshal is returned when a Secret is marshalled directly.
var ErrSecretMarshal = errors.New("api: refusing to marshal an input-only Secret")

// integer is the set of Go integer types accepted by NewInt and NewLong.
type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32
}

// Ptr returns a pointer to a copy of v (for optional string/enum fields).
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value of T when p is nil.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// NewBool returns a pointer to Bool(v).
func NewBool(v bool) *Bool { b := Bool(v); return &b }

// NewInt returns a pointer to Int(v).
func NewInt[T integer](v T) *Int { i := Int(v); return &i }

// NewLong returns a pointer to Long(v).
func NewLong[T integer](v T) *Long { l := Long(v); return &l }

// NewDecimal returns a pointer to Decimal(v).
func NewDecimal(v float64) *Decimal { d := Decimal(v); return &d }

// NewTime returns a pointer to a Time holding t.
func NewTime(t time.Time) *Time { return &Time{t} }

// TimeFromMillis returns the UTC Time ms milliseconds after the Unix epoch.
func TimeFromMillis(ms int64) Time { return Time{time.UnixMilli(ms).UTC()} }

// Value returns the boolean, false for a nil pointer.
func (b *Bool) Value() bool { return b != nil && bool(*b) }

// Or returns the boolean, or def for a nil pointer (absent field).
func (b *Bool) Or(def bool) bool {
	if b == nil {
		return def
	}
	return bool(*b)
}

// Value returns the integer, 0 for a nil pointer.
func (i *Int) Value() int64 { return i.Or(0) }

// Or returns the integer, or def for a nil pointer.
func (i *Int) Or(def int64) int64 {
	if i == nil {
		return def
	}
	return int64(*i)
}

// Value returns the integer, 0 for a nil pointer.
func (l *Long) Value() int64 { return l.Or(0) }

// Or returns the integer, or def for a nil pointer.
func (l *Long) Or(def int64) int64 {
	if l == nil {
		return def
	}
	return int64(*l)
}

// Value returns the number, 0 for a nil pointer.
func (d *Decimal) Value() float64 {
	if d == nil {
		return 0
	}
	return float64(*d)
}

// Value returns the time, the zero time.Time for a nil pointer.
func (t *Time) Value() time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.Time
}

// Millis returns t as milliseconds since the Unix epoch.
func (t Time) Millis() int64 { return t.UnixMilli() }

// Reveal returns the secret value.
func (s Secret) Reveal() string { return string(s) }

// IsZero always reports true so that `omitzero` drops every Secret field.
func (Secret) IsZero() bool { return true }

// String redacts the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "******"
}

// Format redacts the value for every verb (%v, %s, %q, %d, %x, …), also
// when the Secret is a field of a printed struct.
func (s Secret) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, s.String()) }

// GoString redacts the value for %#v.
func (s Secret) GoString() string { return strconv.Quote(s.String()) }

// MarshalJSON always fails: a Secret is never written.
func (Secret) MarshalJSON() ([]byte, error) { return nil, ErrSecretMarshal }

// MarshalJSON writes "true" or "false".
func (b Bool) MarshalJSON() ([]byte, error) {
	if b {
		return []byte(`"true"`), nil
	}
	return []byte(`"false"`), nil
}

// UnmarshalJSON accepts "true", "false", true, false; null leaves b unchanged.
func (b *Bool) UnmarshalJSON(data []byte) error {
	s, null, err := scalar(data, "boolean")
	if err != nil || null {
		return err
	}
	switch s {
	case "true":
		*b = true
	case "false":
		*b = false
	default:
		return scalarError(data, "boolean")
	}
	return nil
}

// MarshalJSON writes a quoted decimal integer.
func (i Int) MarshalJSON() ([]byte, error) {
	b := append([]byte{'"'}, strconv.FormatInt(int64(i), 10)...)
	return append(b, '"'), nil
}

// UnmarshalJSON accepts a quoted or native integer; null leaves i unchanged.
func (i *Int) UnmarshalJSON(data []byte) error {
	n, ok, err := parseInteger(data, "integer")
	if err == nil && ok {
		*i = Int(n)
	}
	return err
}

// MarshalJSON writes a quoted decimal integer.
func (l Long) MarshalJSON() ([]byte, error) { return Int(l).MarshalJSON() }

// UnmarshalJSON accepts a native or quoted integer; null leaves l unchanged.
func (l *Long) UnmarshalJSON(data []byte) error {
	n, ok, err := parseInteger(data, "long")
	if err == nil && ok {
		*l = Long(n)
	}
	return err
}

// MarshalJSON writes a JSON number (as encoding/json formats a float64).
func (d Decimal) MarshalJSON() ([]byte, error) {
	f := float64(d)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("api: unsupported decimal value %v", f)
	}
	return json.Marshal(f)
}

// UnmarshalJSON accepts a native or quoted JSON number; null leaves d unchanged.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	s, null, err := scalar(data, "decimal")
	if err != nil || null {
		return err
	}
	if !isJSONNumber(s) {
		return scalarError(data, "decimal")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return scalarError(data, "decimal")
	}
	*d = Decimal(f)
	return nil
}

// MarshalJSON writes epoch milliseconds as a JSON number.
func (t Time) MarshalJSON() ([]byte, error) {
	ms := t.UnixMilli()
	if ms < -maxMillis || ms > maxMillis {
		return nil, fmt.Errorf("api: time %v out of range", t.Time)
	}
	return strconv.AppendInt(nil, ms, 10), nil
}

// UnmarshalJSON accepts native or quoted epoch milliseconds; null leaves t
// unchanged.
func (t *Time) UnmarshalJSON(data []byte) error {
	ms, ok, err := parseInteger(data, "date")
	if err != nil || !ok {
		return err
	}
	if ms < -maxMillis || ms > maxMillis {
		return scalarError(data, "date")
	}
	*t = TimeFromMillis(ms)
	return nil
}

// scalar returns the text of a JSON scalar: the decoded content of a string,
// or the raw literal of a number/boolean. null reports null=true.
func scalar(data []byte, kind string) (s string, null bool, err error) {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0:
		return "", false, scalarError(data, kind)
	case string(data) == "null":
		return "", true, nil
	case data[0] == '"':
		if err := json.Unmarshal(data, &s); err != nil {
			return "", false, scalarError(data, kind)
		}
		return s, false, nil
	case data[0] == '{' || data[0] == '[' || !json.Valid(data):
		return "", false, scalarError(data, kind)
	}
	return string(data), false, nil
}

// parseInteger parses a quoted or native decimal integer. ok is false for null.
func parseInteger(data []byte, kind string) (n int64, ok bool, err error) {
	s, null, err := scalar(data, kind)
	if err != nil || null {
		return 0, false, err
	}
	if !isJSONNumber(s) {
		return 0, false, scalarError(data, kind)
	}
	n, err = strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, scalarError(data, kind)
	}
	return n, true, nil
}

// isJSONNumber reports whether s is exactly a JSON number literal.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// ScalarError reports a JSON value that is not a valid scalar of Kind.
type ScalarError struct {
	Kind  string // "boolean", "integer", "long", "decimal" or "date"
	Value string // the offending JSON text (truncated)
}

func (e *ScalarError) Error() string {
	return fmt.Sprintf("api: invalid %s value %s", e.Kind, e.Value)
}

func scalarError(data []byte, kind string) error {
	v := string(data)
	if len(v) > 64 {
		v = v[:64] + "..."
	}
	return &ScalarError{Kind: kind, Value: v}
}
