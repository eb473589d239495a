package api

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"v6admin/bff/apierr"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// The validator checks a request's shape only: required members, enums
// (oneof, and the fence agent types of the engine's model), list and map
// sizes. The values' rules (addresses, names, lengths, ranges, mount
// options, …) are the request's Validate in package wire, which the UI runs
// too; bind runs it after the validator.

// customTags are the validator tags of our own, registered once: each is
// an enum backed by a function of package validation, whose code and
// message (oVirt's wording) the field error carries.
var customTags = map[string]func(string) error{
	"fenceagenttype": fenceAgentType,
}

// fenceAgentType checks a fence agent type against the engine's list, as
// the Power Management dialog does.
func fenceAgentType(s string) error { return validation.FenceAgentType(s, ovirt.FenceAgentTypes) }

// theValidator is the validator with its tags, registered once.
var theValidator = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" && f.Anonymous {
			return embeddedSegment // its members are the JSON object's own
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	for tag, fn := range customTags {
		fn := fn
		if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return fn(fl.Field().String()) == nil
		}); err != nil {
			panic("api: validator tag " + tag + ": " + err.Error())
		}
	}
	return v
})

// validateStruct checks s and returns the envelope error listing every
// field at fault, or nil.
func validateStruct(s any) *apierr.Error {
	err := theValidator().Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return apierr.Internal(err)
	}
	fields := map[string]wire.FieldError{}
	for _, fe := range verrs {
		name := fieldPath(fe.Namespace())
		if _, dup := fields[name]; dup {
			continue
		}
		fields[name] = fieldError(fe)
	}
	return apierr.Validation(fields)
}

// fieldError turns one validator error into the envelope's field error,
// with validation's codes and our own words (never the library's English,
// which names Go fields).
func fieldError(fe validator.FieldError) wire.FieldError {
	if fn, ok := customTags[fe.Tag()]; ok {
		s, _ := fe.Value().(string)
		if err := fn(s); err != nil {
			return fromValidation(err)
		}
	}
	list := fe.Kind() == reflect.Slice || fe.Kind() == reflect.Map
	switch tag := fe.Tag(); {
	case tag == "required" || strings.HasPrefix(tag, "required_"):
		return wire.FieldError{Code: string(validation.CodeEmpty), Message: validation.MsgEmpty}
	case !list && (tag == "min" || tag == "gte"): // a present text member: min=1
		return wire.FieldError{Code: string(validation.CodeRange), Message: "This field must be at least " + fe.Param() + " character in length."}
	case list && (tag == "min" || tag == "gte"):
		return wire.FieldError{Code: string(validation.CodeRange), Message: "This field must contain at least " + count(fe.Param()) + " items."}
	case list && (tag == "max" || tag == "lte"):
		return wire.FieldError{Code: string(validation.CodeRange), Message: "This field must contain at most " + count(fe.Param()) + " items."}
	case tag == "oneof":
		return wire.FieldError{Code: "not_allowed", Message: "This field must be one of: " + strings.Join(strings.Fields(fe.Param()), ", ") + "."}
	}
	return wire.FieldError{Code: fe.Tag(), Message: "This field is not valid."}
}

// count writes a number with thousands separators ("1,024").
func count(n string) string {
	for i := len(n) - 3; i > 0; i -= 3 {
		n = n[:i] + "," + n[i:]
	}
	return n
}

// fromValidation converts a *validation.Error into a field error
// (wire.FieldErrorOf: the Message, then the Hint).
func fromValidation(err error) wire.FieldError { return wire.FieldErrorOf(err) }

// fieldPath turns a validator namespace ("addHost.fence_agents[0].address")
// into the envelope's dotted JSON path ("fence_agents.0.address").
func fieldPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		ns = rest
	}
	ns = strings.ReplaceAll(ns, embeddedSegment+".", "")
	ns = strings.ReplaceAll(ns, "[", ".")
	return strings.ReplaceAll(ns, "]", "")
}

// embeddedSegment names an embedded struct in validator namespaces; JSON
// flattens its members, so fieldPath drops it.
const embeddedSegment = "~"

// fieldErrs collects errors of checks that need more than one field
// (gateway against address, boot protocol against addresses).
type fieldErrs map[string]wire.FieldError

func (f fieldErrs) add(path string, err error) {
	if err == nil {
		return
	}
	if _, dup := f[path]; !dup {
		f[path] = fromValidation(err)
	}
}

func (f fieldErrs) set(path, code, msg string) {
	if _, dup := f[path]; !dup {
		f[path] = wire.FieldError{Code: code, Message: msg}
	}
}

// merge adds the fields of an envelope error from validateStruct.
func (f fieldErrs) merge(e *apierr.Error) {
	if e == nil {
		return
	}
	for k, v := range e.Fields {
		if _, dup := f[k]; !dup {
			f[k] = v
		}
	}
}

func (f fieldErrs) err() error {
	if len(f) == 0 {
		return nil
	}
	return apierr.Validation(f)
}

func itoa(i int) string { return strconv.Itoa(i) }
