package ovirtxml

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"v6admin/engine/ovirt"
)

// AppendJSON appends, as the XML element name, the value of type t whose
// JSON encoding (encoding/json's, of that same type) is doc, without
// decoding it into Go values: a store that keeps JSON documents answers an
// XML list at about the cost of the JSON one. The result is what Marshal
// writes for the decoded value, up to the order of members (JSON's).
// Errors (a member t does not declare, a value of another kind) leave the
// caller to decode and Marshal instead.
func AppendJSON(buf []byte, name string, t reflect.Type, doc []byte) ([]byte, error) {
	s := &scanner{data: doc}
	s.ws()
	out, err := s.value(buf, name, planOf(t))
	if err != nil {
		return nil, err
	}
	if s.ws(); s.pos != len(s.data) {
		return nil, s.fail("content after the value")
	}
	return out, nil
}

// scanner reads a JSON document as produced by encoding/json (strict
// grammar, no comments).
type scanner struct {
	data []byte
	pos  int
}

var errJSON = errors.New("ovirtxml: JSON does not match the type")

func (s *scanner) fail(what string) error {
	return fmt.Errorf("%w: %s at offset %d", errJSON, what, s.pos)
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// value writes the JSON value at pos as the element name of plan c.
func (s *scanner) value(buf []byte, name string, c *codec) ([]byte, error) {
	if s.pos < len(s.data) && s.data[s.pos] == 'n' { // null: absent
		return buf, s.literal("null")
	}
	switch c.kind {
	case kPtr:
		return s.value(buf, name, c.elem)
	case kSlice:
		if err := s.expect('['); err != nil {
			return nil, err
		}
		s.ws()
		if s.pos < len(s.data) && s.data[s.pos] == ']' {
			s.pos++
			return buf, nil
		}
		for {
			s.ws()
			var err error
			if buf, err = s.value(buf, name, c.elem); err != nil {
				return nil, err
			}
			s.ws()
			if s.pos >= len(s.data) {
				return nil, s.fail("unterminated array")
			}
			if s.data[s.pos] == ']' {
				s.pos++
				return buf, nil
			}
			if err := s.expect(','); err != nil {
				return nil, err
			}
		}
	case kStruct:
		return s.object(buf, name, c)
	case kSecret, kInvalid:
		return nil, s.fail("a member that is never written")
	}
	buf = append(buf, '<')
	buf = append(buf, name...)
	buf = append(buf, '>')
	buf, err := s.scalar(buf, c, false)
	if err != nil {
		return nil, err
	}
	buf = append(buf, "</"...)
	buf = append(buf, name...)
	return append(buf, '>'), nil
}

// object writes a JSON object in one pass: attribute members go into the
// start tag (inserted there should one follow a child element; encoding/json
// writes id and href first, so that is rare), the others become children
// in their JSON order.
func (s *scanner) object(buf []byte, name string, c *codec) ([]byte, error) {
	if err := s.expect('{'); err != nil {
		return nil, err
	}
	buf = append(buf, '<')
	buf = append(buf, name...)
	tagEnd := len(buf) // where the start tag's '>' goes
	children := false
	next := 0 // the member expected next, in declaration order
	s.ws()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return append(buf, "/>"...), nil
	}
	for {
		s.ws()
		key, err := s.key()
		if err != nil {
			return nil, err
		}
		s.ws()
		if err := s.expect(':'); err != nil {
			return nil, err
		}
		s.ws()
		var f *field
		if next < len(c.fields) && string(key) == c.fields[next].name {
			f = c.fields[next]
		} else if f = c.byName[string(key)]; f == nil {
			return nil, s.fail("unknown member " + string(key))
		}
		next = f.order + 1
		switch {
		case s.data[s.pos] == 'n':
			if err := s.literal("null"); err != nil {
				return nil, err
			}
		case f.attr:
			fc := f.codec
			for fc.kind == kPtr {
				fc = fc.elem
			}
			if !children {
				buf = append(buf, ' ')
				buf = append(buf, f.name...)
				buf = append(buf, `="`...)
				if buf, err = s.scalar(buf, fc, true); err != nil {
					return nil, err
				}
				buf = append(buf, '"')
				tagEnd = len(buf)
				break
			}
			attr := append([]byte{' '}, f.name...)
			attr = append(attr, `="`...)
			if attr, err = s.scalar(attr, fc, true); err != nil {
				return nil, err
			}
			attr = append(attr, '"')
			buf = slices.Insert(buf, tagEnd, attr...)
			tagEnd += len(attr)
		default:
			if !children {
				buf = append(buf, '>')
				children = true
			}
			if buf, err = s.value(buf, f.name, f.codec); err != nil {
				return nil, err
			}
		}
		s.ws()
		if s.pos >= len(s.data) {
			return nil, s.fail("unterminated object")
		}
		if s.data[s.pos] == '}' {
			s.pos++
			break
		}
		if err := s.expect(','); err != nil {
			return nil, err
		}
	}
	if !children {
		return append(buf, "/>"...), nil
	}
	buf = append(buf, "</"...)
	buf = append(buf, name...)
	return append(buf, '>'), nil
}

// key reads an object key (member names have no escapes).
func (s *scanner) key() ([]byte, error) {
	if err := s.expect('"'); err != nil {
		return nil, err
	}
	i := bytes.IndexByte(s.data[s.pos:], '"')
	if i < 0 {
		return nil, s.fail("unterminated string")
	}
	k := s.data[s.pos : s.pos+i]
	if bytes.IndexByte(k, '\\') >= 0 {
		return nil, s.fail("an escaped member name")
	}
	s.pos += i + 1
	return k, nil
}

// scalar writes the text of a JSON scalar by the plan's kind, as
// appendScalar writes the decoded value.
func (s *scanner) scalar(buf []byte, c *codec, attr bool) ([]byte, error) {
	switch c.kind {
	case kString:
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return nil, s.fail("a string expected")
		}
		return s.str(buf, attr)
	case kBool, kInt, kDecimal, kTime:
	default:
		return nil, s.fail("a scalar expected")
	}
	// Quoted ("true", "54321") or bare; the content is plain ASCII.
	quoted := s.pos < len(s.data) && s.data[s.pos] == '"'
	if quoted {
		s.pos++
	}
	start := s.pos
	for s.pos < len(s.data) {
		b := s.data[s.pos]
		if b == '"' || b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\t' || b == '\r' {
			break
		}
		if b == '\\' {
			return nil, s.fail("an escaped scalar")
		}
		s.pos++
	}
	text := s.data[start:s.pos]
	if quoted {
		if err := s.expect('"'); err != nil {
			return nil, err
		}
	}
	switch c.kind {
	case kBool:
		switch string(text) {
		case "true", "false":
			return append(buf, text...), nil
		}
	case kInt:
		if canonicalInt(text) {
			return append(buf, text...), nil
		}
		n, err := strconv.ParseInt(string(text), 10, 64)
		if err == nil {
			return strconv.AppendInt(buf, n, 10), nil
		}
	case kDecimal:
		f, err := strconv.ParseFloat(string(text), 64)
		if err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.AppendFloat(buf, f, 'f', -1, 64), nil
		}
	case kTime:
		ms, err := strconv.ParseInt(string(text), 10, 64)
		if err == nil && ms >= -maxMillis && ms <= maxMillis {
			return ovirt.TimeFromMillis(ms).AppendFormat(buf, timeLayout), nil
		}
	}
	return nil, s.fail("a malformed " + c.typ.Name())
}

// strClass sorts the bytes of a JSON string: 0 copied as it is into XML
// text and attributes, 1 the closing quote, 2 anything else (an escape, a
// character XML escapes, a control or non-ASCII byte).
var strClass = func() (c [256]uint8) {
	for i := range c {
		if i < 0x20 || i >= utf8.RuneSelf || !plainAttr[i] {
			c[i] = 2
		}
	}
	c['\\'] = 2
	c['"'] = 1
	return c
}()

// str writes a JSON string's content, XML-escaped. Most strings (names,
// addresses, hrefs) need neither JSON unescaping nor XML escaping: one
// pass, one copy.
func (s *scanner) str(buf []byte, attr bool) ([]byte, error) {
	start := s.pos + 1 // after the quote
	d := s.data
scan:
	for i := start; i < len(d); i++ {
		switch strClass[d[i]] {
		case 0:
			continue
		case 1:
			s.pos = i + 1
			return append(buf, d[start:i]...), nil
		}
		break scan
	}
	i := bytes.IndexByte(d[start:], '"')
	if i < 0 {
		return nil, s.fail("unterminated string")
	}
	span := d[start : start+i]
	if bytes.IndexByte(span, '\\') >= 0 {
		return s.escapedStr(buf, start, attr)
	}
	s.pos = start + i + 1
	return appendEscaped(buf, span, attr), nil
}

// escapedStr decodes a string with escapes (from its start), then escapes
// it for XML.
func (s *scanner) escapedStr(buf []byte, start int, attr bool) ([]byte, error) {
	s.pos = start
	var dec []byte
	for s.pos < len(s.data) {
		b := s.data[s.pos]
		switch {
		case b == '"':
			s.pos++
			return appendEscaped(buf, dec, attr), nil
		case b != '\\':
			dec = append(dec, b)
			s.pos++
			continue
		}
		if s.pos+1 >= len(s.data) {
			break
		}
		e := s.data[s.pos+1]
		s.pos += 2
		switch e {
		case '"', '\\', '/':
			dec = append(dec, e)
		case 'b':
			dec = append(dec, '\b')
		case 'f':
			dec = append(dec, '\f')
		case 'n':
			dec = append(dec, '\n')
		case 'r':
			dec = append(dec, '\r')
		case 't':
			dec = append(dec, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return nil, s.fail("a bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if s.pos+1 < len(s.data) && s.data[s.pos] == '\\' && s.data[s.pos+1] == 'u' {
					save := s.pos
					s.pos += 2
					if x, ok := s.hex4(); ok {
						r2 = x
					} else {
						s.pos = save
					}
				}
				r = utf16.DecodeRune(r, r2)
			}
			dec = utf8.AppendRune(dec, r)
		default:
			return nil, s.fail("a bad escape")
		}
	}
	return nil, s.fail("unterminated string")
}

func (s *scanner) hex4() (rune, bool) {
	if s.pos+4 > len(s.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s.data[s.pos:s.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	s.pos += 4
	return rune(n), true
}

func (s *scanner) expect(b byte) error {
	if s.pos >= len(s.data) || s.data[s.pos] != b {
		return s.fail("'" + string(b) + "' expected")
	}
	s.pos++
	return nil
}

func (s *scanner) literal(lit string) error {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		return s.fail(lit + " expected")
	}
	s.pos += len(lit)
	return nil
}

// canonicalInt reports whether text is an integer as strconv writes it
// (optional '-', no leading zero, at most 18 digits: within int64), so
// that it can be copied as it is.
func canonicalInt(text []byte) bool {
	d := text
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
	}
	if len(d) == 0 || len(d) > 18 || d[0] == '0' && len(d) > 1 || len(text) == 2 && text[0] == '-' && d[0] == '0' {
		return false
	}
	for _, b := range d {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}
