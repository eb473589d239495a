package form

import "v6admin/wire"

// Binding ties a Field to the JSON path of the request member it fills
// (dotted for nested members, as wire.ErrorEnvelope's field errors name
// them); Path is "" for a field no request member takes.
type Binding struct {
	Path  string
	Field *Field
}

// Binder is a form's fields in form order, each bound to its request path:
// it puts the BFF's field errors on the fields they are about and finds
// the first field showing an error, the one OK focuses. Several bindings
// may share a field (a member the BFF names in two ways).
type Binder []Binding

// Apply shows each of errs on the field bound to its path and returns the
// errors no field took (nil if none), for the dialog to place on what is
// not a Field (a select, a list) or to show as a whole.
func (b Binder) Apply(errs wire.FieldErrors) (rest wire.FieldErrors) {
	for path, fe := range errs {
		if f := b.field(path); f != nil {
			f.SetServerError(fe.Message)
			continue
		}
		if rest == nil {
			rest = wire.FieldErrors{}
		}
		rest[path] = fe
	}
	return rest
}

// field is the field bound to path, or nil.
func (b Binder) field(path string) *Field {
	if path == "" {
		return nil
	}
	for _, x := range b {
		if x.Path == path {
			return x.Field
		}
	}
	return nil
}

// Validate judges every field and shows the verdicts (OK pressed): it
// reports whether all pass.
func (b Binder) Validate() bool {
	ok := true
	for _, x := range b {
		if !x.Field.Validate() {
			ok = false
		}
	}
	return ok
}

// FirstInvalid returns the first field, in form order, showing an error
// (nil if none).
func (b Binder) FirstInvalid() *Field {
	for _, x := range b {
		if x.Field.Invalid() {
			return x.Field
		}
	}
	return nil
}

// Bind binds f to the request member at path.
func Bind(path string, f *Field) Binding { return Binding{Path: path, Field: f} }
