package api

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"

	"v6admin/bff/apierr"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// Custom validator tags, each backed by a function of package validation
// (never a regular expression). Their messages are the validation error's
// Message and Hint (oVirt's wording), their codes the validation Code.
var customTags = map[string]func(string) error{
	"hostaddr":       validation.HostAddress,
	"ipaddr":         validation.IPAddress,
	"nameserver":     validation.NameServer,
	"portaladdr":     validation.PortalAddress,
	"urlhost":        validation.URLHostAddress,
	"ipv4addr":       validation.IPv4Address,
	"ipv6addr":       validation.IPv6Address,
	"ipv4netmask":    validation.IPv4Netmask,
	"ipv6prefix":     validation.IPv6Prefix,
	"nfspath":        validation.NFSExportPath,
	"providerurl":    validation.ProviderURL,
	"addrprefix":     addrPrefix,
	"objname":        objectName,
	"provname":       validation.ProviderName,
	"sdname":         validation.StorageDomainName,
	"mountoptions":   validation.NFSMountOptions,
	"fenceagenttype": fenceAgentType,
}

// fenceAgentType checks a fence agent type against the engine's list, as
// the Power Management dialog does.
func fenceAgentType(s string) error { return validation.FenceAgentType(s, ovirt.FenceAgentTypes) }

// addrPrefix checks "<ip>[/<prefix>]" (an address field that also takes a
// pasted prefix).
func addrPrefix(s string) error {
	_, err := validation.ParseAddrPrefix(s)
	return err
}

// objectName checks an engine entity name (host, provider, storage
// domain): validation.ObjectName, the rule the UI runs as you type.
func objectName(s string) error { return validation.ObjectName(s) }

// intTags are the validator tags of integer fields, each a range of
// package validation that the UI field checks too. A pointer field takes
// "omitnil,<tag>" (0 is a value there), a plain one "omitempty,<tag>"
// (0 means left out).
var intTags = map[string]validation.IntRange{
	"port":                validation.PortRange,
	"warninglowspace":     validation.WarningLowSpaceRange,
	"criticalspace":       validation.CriticalSpaceBlockerRange,
	"nfsretrans":          validation.NFSRetransRange,
	"nfstimeout":          validation.NFSTimeoutRange,
	"connectivitytimeout": validation.ConnectivityTimeoutRange,
}

// maxlenParam reads the n of a "maxlen=n" tag (validation.MaxLength, the
// rule of every text field with a limit).
func maxlenParam(p string) int {
	n, err := strconv.Atoi(p)
	if err != nil {
		panic("api: maxlen=" + p + ": not a number")
	}
	return n
}

// validatorState is the validator with its tags and translations,
// registered once.
type validatorState struct {
	v     *validator.Validate
	trans ut.Translator
}

var theValidator = sync.OnceValue(func() *validatorState {
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
	trans, _ := ut.New(en.New()).GetTranslator("en")
	if err := entrans.RegisterDefaultTranslations(v, trans); err != nil {
		panic("api: validator translations: " + err.Error())
	}
	for tag, fn := range customTags {
		fn := fn
		if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return fn(fl.Field().String()) == nil
		}); err != nil {
			panic("api: validator tag " + tag + ": " + err.Error())
		}
	}
	if err := v.RegisterValidation("maxlen", func(fl validator.FieldLevel) bool {
		return validation.MaxLength(fl.Field().String(), maxlenParam(fl.Param())) == nil
	}); err != nil {
		panic("api: validator tag maxlen: " + err.Error())
	}
	for tag, r := range intTags {
		if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return r.Check(int(fl.Field().Int())) == nil
		}); err != nil {
			panic("api: validator tag " + tag + ": " + err.Error())
		}
	}
	return &validatorState{v: v, trans: trans}
})

// validateStruct checks s and returns the envelope error listing every
// field at fault, or nil.
func validateStruct(s any) *apierr.Error {
	vs := theValidator()
	err := vs.v.Struct(s)
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
		fields[name] = fieldError(fe, vs.trans)
	}
	return apierr.Validation(fields)
}

// fieldError turns one validator error into the envelope's field error.
func fieldError(fe validator.FieldError, trans ut.Translator) wire.FieldError {
	if fn, ok := customTags[fe.Tag()]; ok {
		s, _ := fe.Value().(string)
		if err := fn(s); err != nil {
			return fromValidation(err)
		}
	}
	if fe.Tag() == "maxlen" {
		s, _ := reflect.Indirect(reflect.ValueOf(fe.Value())).Interface().(string)
		return fromValidation(validation.MaxLength(s, maxlenParam(fe.Param())))
	}
	if r, ok := intTags[fe.Tag()]; ok {
		return fromValidation(r.Check(int(reflect.Indirect(reflect.ValueOf(fe.Value())).Int())))
	}
	switch fe.Tag() {
	case "required", "required_if", "required_with", "required_unless":
		return wire.FieldError{Code: string(validation.CodeEmpty), Message: validation.MsgEmpty}
	case "min", "max", "gte", "lte", "len":
		return wire.FieldError{Code: string(validation.CodeRange), Message: sentence(fe.Translate(trans))}
	case "oneof":
		return wire.FieldError{Code: "not_allowed", Message: "This field must be one of: " + strings.Join(strings.Fields(fe.Param()), ", ") + "."}
	}
	return wire.FieldError{Code: fe.Tag(), Message: sentence(fe.Translate(trans))}
}

// fromValidation converts a *validation.Error into a field error: the
// Message, then the Hint.
func fromValidation(err error) wire.FieldError {
	var ve *validation.Error
	if !errors.As(err, &ve) {
		return wire.FieldError{Code: string(validation.CodeSyntax), Message: err.Error()}
	}
	return wire.FieldError{Code: string(ve.Code), Message: ve.Error()}
}

// sentence makes a translator message start with "This field" instead of
// the Go-ish field name and end with a period.
func sentence(s string) string {
	if _, rest, ok := strings.Cut(s, " "); ok && !strings.HasPrefix(s, "This") {
		s = "This field " + rest
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

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
