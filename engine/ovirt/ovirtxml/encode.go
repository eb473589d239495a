package ovirtxml

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"

	"v6admin/engine/ovirt"
)

// Header is the XML declaration the engine writes before every document.
const Header = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// timeLayout is xs:dateTime with milliseconds and the zone offset, as the
// engine writes dates.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// maxMillis is the range of ovirt.Time (that of ECMAScript dates).
const maxMillis = 8_640_000_000_000_000

// Marshal writes v (a wire type or a pointer to one) as an XML document,
// the declaration included. Its root element is named by [RootName].
func Marshal(v any) ([]byte, error) {
	return Append(make([]byte, 0, 512), v)
}

// Append is Marshal appending to buf.
func Append(buf []byte, v any) ([]byte, error) { return appendDoc(buf, v, false) }

// MarshalWithSecrets is Marshal that also writes the non-empty Secret
// members (passwords): the explicit opt-in of a client sending input-only
// members (ovirt.MarshalWithSecrets is its JSON twin); servers never call
// it.
func MarshalWithSecrets(v any) ([]byte, error) { return appendDoc(nil, v, true) }

func appendDoc(buf []byte, v any, secrets bool) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, errors.New("ovirtxml: nil value")
	}
	name, ok := RootName(rv.Type())
	if !ok {
		return nil, fmt.Errorf("ovirtxml: %s is not a document type", rv.Type())
	}
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, errors.New("ovirtxml: nil value")
		}
		rv = rv.Elem()
	}
	buf = append(buf, Header...)
	return appendElem(buf, name, rv, planOf(rv.Type()), secrets)
}

// appendElem writes v as the element name (nothing for a nil pointer; one
// element per item for a slice).
func appendElem(buf []byte, name string, v reflect.Value, c *codec, secrets bool) ([]byte, error) {
	switch c.kind {
	case kPtr:
		if v.IsNil() {
			return buf, nil
		}
		return appendElem(buf, name, v.Elem(), c.elem, secrets)
	case kSlice:
		var err error
		for i := 0; i < v.Len(); i++ {
			if buf, err = appendElem(buf, name, v.Index(i), c.elem, secrets); err != nil {
				return nil, err
			}
		}
		return buf, nil
	case kStruct:
		return appendStruct(buf, name, v, c, secrets)
	case kSecret:
		if !secrets {
			return nil, ovirt.ErrSecretMarshal
		}
	case kInvalid:
		return nil, fmt.Errorf("ovirtxml: unsupported type %s", c.typ)
	}
	buf = append(buf, '<')
	buf = append(buf, name...)
	buf = append(buf, '>')
	buf, err := appendScalar(buf, v, c, false)
	if err != nil {
		return nil, err
	}
	buf = append(buf, "</"...)
	buf = append(buf, name...)
	return append(buf, '>'), nil
}

func appendStruct(buf []byte, name string, v reflect.Value, c *codec, secrets bool) ([]byte, error) {
	buf = append(buf, '<')
	buf = append(buf, name...)
	var err error
	for _, f := range c.attrs {
		fv := v.Field(f.index)
		if omit(fv, f) {
			continue
		}
		for fv.Kind() == reflect.Pointer {
			fv = fv.Elem()
		}
		fc := f.codec
		for fc.kind == kPtr {
			fc = fc.elem
		}
		buf = append(buf, ' ')
		buf = append(buf, f.name...)
		buf = append(buf, `="`...)
		if buf, err = appendScalar(buf, fv, fc, true); err != nil {
			return nil, err
		}
		buf = append(buf, '"')
	}
	open := len(buf)
	buf = append(buf, '>')
	for _, f := range c.elems {
		fv := v.Field(f.index)
		if f.codec.kind == kSecret && secrets {
			if fv.Len() == 0 {
				continue
			}
		} else if omit(fv, f) {
			continue
		}
		if buf, err = appendElem(buf, f.name, fv, f.codec, secrets); err != nil {
			return nil, err
		}
	}
	if len(buf) == open+1 { // no children: <name/>
		buf[open] = '/'
		return append(buf, '>'), nil
	}
	buf = append(buf, "</"...)
	buf = append(buf, name...)
	return append(buf, '>'), nil
}

// omit reports whether a member is dropped, as encoding/json drops it.
func omit(v reflect.Value, f *field) bool {
	if f.omitZero {
		if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
			if z.IsZero() {
				return true
			}
		} else if v.IsZero() {
			return true
		}
	}
	if !f.omitEmpty {
		return false
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return false
}

// appendScalar writes the text of a scalar, escaped.
func appendScalar(buf []byte, v reflect.Value, c *codec, attr bool) ([]byte, error) {
	switch c.kind {
	case kString, kSecret: // a Secret reaches here only when asked for
		return appendEscaped(buf, v.String(), attr), nil
	case kBool:
		return strconv.AppendBool(buf, v.Bool()), nil
	case kInt:
		return strconv.AppendInt(buf, v.Int(), 10), nil
	case kDecimal:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("ovirtxml: unsupported decimal value %v", f)
		}
		return strconv.AppendFloat(buf, f, 'f', -1, 64), nil
	case kTime:
		t := v.Interface().(ovirt.Time)
		if ms := t.UnixMilli(); ms < -maxMillis || ms > maxMillis {
			return nil, fmt.Errorf("ovirtxml: time %v out of range", t.Time)
		}
		return t.AppendFormat(buf, timeLayout), nil
	}
	return nil, fmt.Errorf("ovirtxml: %s is not a scalar", c.typ)
}

// appendEscaped escapes s as XML character data (attr: as an attribute
// value, whitespace kept by character references). Characters XML 1.0 does
// not allow, and invalid UTF-8, become U+FFFD, as encoding/xml writes them.
func appendEscaped[T string | []byte](buf []byte, s T, attr bool) []byte {
	plain := &plainText
	if attr {
		plain = &plainAttr
	}
	last := 0
	for i := 0; i < len(s); {
		if plain[s[i]] {
			i++
			continue
		}
		r, w := decodeRune(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&#34;"
		case r == '\'':
			esc = "&#39;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\n':
			if !attr {
				i += w
				continue
			}
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && w == 1, !isXMLChar(r):
			esc = "\uFFFD"
		default:
			i += w
			continue
		}
		buf = append(buf, s[last:i]...)
		buf = append(buf, esc...)
		i += w
		last = i
	}
	return append(buf, s[last:]...)
}

// plainText and plainAttr are the bytes appendEscaped copies as they are
// in text and in attribute values.
var plainText, plainAttr = func() (t, a [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		switch b {
		case '&', '<', '>', '"', '\'':
		default:
			t[b], a[b] = true, true
		}
	}
	t['\n'] = true
	return t, a
}()

// isXMLChar is XML 1.0's Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// decodeRune is utf8.DecodeRune for either kind of text.
func decodeRune[T string | []byte](s T) (rune, int) {
	switch s := any(s).(type) {
	case string:
		return utf8.DecodeRuneInString(s)
	case []byte:
		return utf8.DecodeRune(s)
	}
	return utf8.RuneError, 1
}
