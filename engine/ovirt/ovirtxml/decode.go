package ovirtxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"v6admin/engine/ovirt"
)

// MaxDepth bounds the nesting of a document Unmarshal reads (the deepest
// body the model has is about ten levels: action → modified_network_attachments
// → network_attachment → ip_address_assignments → … → ip).
const MaxDepth = 32

// UnknownElementError is an element the target type does not declare.
type UnknownElementError struct {
	Path string // the element's path from the root ("host/nics/bogus")
}

func (e *UnknownElementError) Error() string { return "ovirtxml: unknown element " + e.Path }

// SyntaxError is a document that is not well-formed, nests too deep, or
// has content where the model has none (an element inside a scalar).
type SyntaxError struct {
	Msg string
}

func (e *SyntaxError) Error() string { return "ovirtxml: " + e.Msg }

// Unmarshal reads an XML document into v (a pointer to a wire type). Members
// absent from the document keep their values. See the package doc for what
// it refuses.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("ovirtxml: Unmarshal needs a non-nil pointer")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(charset string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("unsupported encoding %s", charset)
	}
	r := &reader{d: d}
	for {
		tok, err := r.token()
		if err != nil {
			if err == io.EOF {
				return &SyntaxError{Msg: "no root element"}
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			c := planOf(rv.Type().Elem())
			if err := r.value(t, rv.Elem(), c, 1, t.Name.Local); err != nil {
				return err
			}
			// Only whitespace, comments and processing instructions may follow.
			for {
				tok, err := r.token()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				switch t := tok.(type) {
				case xml.StartElement:
					return &SyntaxError{Msg: "content after the root element"}
				case xml.CharData:
					if len(bytes.TrimSpace(t)) != 0 {
						return &SyntaxError{Msg: "content after the root element"}
					}
				}
			}
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return &SyntaxError{Msg: "text before the root element"}
			}
		case xml.Directive:
			return &SyntaxError{Msg: "document type declarations are not accepted"}
		}
	}
}

type reader struct{ d *xml.Decoder }

// token is the next token; syntax errors become *SyntaxError.
func (r *reader) token() (xml.Token, error) {
	tok, err := r.d.Token()
	if err != nil && err != io.EOF {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, &SyntaxError{Msg: fmt.Sprintf("line %d: %s", se.Line, se.Msg)}
		}
		return nil, &SyntaxError{Msg: err.Error()}
	}
	return tok, err
}

// value reads the element start (whose start tag was read) into v.
func (r *reader) value(start xml.StartElement, v reflect.Value, c *codec, depth int, path string) error {
	if depth > MaxDepth {
		return &SyntaxError{Msg: fmt.Sprintf("elements nest deeper than %d levels", MaxDepth)}
	}
	switch c.kind {
	case kPtr:
		if v.IsNil() {
			v.Set(reflect.New(c.elem.typ))
		}
		return r.value(start, v.Elem(), c.elem, depth, path)
	case kSlice:
		n := v.Len()
		v.Set(reflect.Append(v, reflect.Zero(c.elem.typ)))
		return r.value(start, v.Index(n), c.elem, depth, path)
	case kStruct:
		return r.structure(start, v, c, depth, path)
	case kInvalid:
		return fmt.Errorf("ovirtxml: unsupported type %s", c.typ)
	}
	text, err := r.text(path)
	if err != nil {
		return err
	}
	return setScalar(v, c, text)
}

func (r *reader) structure(start xml.StartElement, v reflect.Value, c *codec, depth int, path string) error {
	for _, a := range start.Attr {
		if a.Name.Space != "" {
			continue // xmlns and qualified attributes
		}
		f := c.byName[a.Name.Local]
		if f == nil || !f.attr {
			continue
		}
		fv := v.Field(f.index)
		fc := f.codec
		for fc.kind == kPtr {
			if fv.IsNil() {
				fv.Set(reflect.New(fc.elem.typ))
			}
			fv, fc = fv.Elem(), fc.elem
		}
		if err := setScalar(fv, fc, a.Value); err != nil {
			return err
		}
	}
	for {
		tok, err := r.token()
		if err != nil {
			if err == io.EOF {
				return &SyntaxError{Msg: "unexpected end of document in " + path}
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			sub := path + "/" + t.Name.Local
			f := c.byName[t.Name.Local]
			if f == nil || f.attr { // id, href, rel are attributes only
				return &UnknownElementError{Path: sub}
			}
			if err := r.value(t, v.Field(f.index), f.codec, depth+1, sub); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text reads the character data of a scalar element up to its end tag.
func (r *reader) text(path string) (string, error) {
	var sb strings.Builder
	for {
		tok, err := r.token()
		if err != nil {
			if err == io.EOF {
				return "", &SyntaxError{Msg: "unexpected end of document in " + path}
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement:
			return "", &SyntaxError{Msg: "element " + t.Name.Local + " inside the value of " + path}
		case xml.EndElement:
			return sb.String(), nil
		}
	}
}

// setScalar parses text into v by kind; integers, booleans, decimals and
// dates are xs: lexical forms with surrounding whitespace allowed.
func setScalar(v reflect.Value, c *codec, text string) error {
	switch c.kind {
	case kString, kSecret:
		v.SetString(text)
		return nil
	}
	s := strings.TrimSpace(text)
	switch c.kind {
	case kBool:
		switch s {
		case "true", "1":
			v.SetBool(true)
		case "false", "0":
			v.SetBool(false)
		default:
			return scalarError(text, "boolean")
		}
	case kInt:
		k := "integer"
		if c.typ == tLong {
			k = "long"
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return scalarError(text, k)
		}
		v.SetInt(n)
	case kDecimal:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || strings.ContainsAny(s, "xXpP_") {
			return scalarError(text, "decimal")
		}
		v.SetFloat(f)
	case kTime:
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return scalarError(text, "date")
		}
		if ms := t.UnixMilli(); ms < -maxMillis || ms > maxMillis {
			return scalarError(text, "date")
		}
		v.Set(reflect.ValueOf(ovirt.TimeFromMillis(t.UnixMilli())))
	default:
		return fmt.Errorf("ovirtxml: %s is not a scalar", c.typ)
	}
	return nil
}

func scalarError(text, kind string) error {
	if len(text) > 64 {
		text = text[:64] + "..."
	}
	return &ovirt.ScalarError{Kind: kind, Value: text}
}
