package form

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
)

// fieldDebounce is how long a field waits after the last keystroke before
// it shows an error: typing "2001:db8::" is not a mistake yet. A fixed
// value clears the error at once, and blur or OK show it at once.
const fieldDebounce = 350 * time.Millisecond

// Field is a validated text input in a PatternFly form group: a visible
// label bound to the input (oVirt's wording), the value checked by a rule of
// package validation on input (debounced), on blur and on OK, the message
// as text under the input with aria-invalid and aria-describedby, and
// server-side field errors shown the same way.
//
// A Field is not a go-app component: the dialog that owns it keeps it in an
// unexported field and calls Render, so its state lives exactly as long as
// the dialog and re-renders with it (see the package doc on props).
type Field struct {
	ID          string
	Label       string
	Type        string // text (default), password, number
	Required    bool
	Placeholder string
	// Help is a short text always shown under the input.
	Help string
	// EmptyErr is the refusal of an empty required field (nil: oVirt's
	// "This field can't be empty."), for a field whose engine words it
	// otherwise (cloud-init's static address).
	EmptyErr error
	// Check judges a non-empty value (nil: anything goes). Its
	// *validation.Error gives the message and the hint.
	Check func(string) error
	// Preview describes a valid value under the input (the canonical form
	// of an address and its scope); nil for none.
	Preview func(string) app.UI
	// Disabled fields are skipped by Validate, as in oVirt, and look it:
	// PatternFly's disabled control, no required mark, no valid or invalid
	// state, and DisabledReason under the input saying why.
	Disabled bool
	// DisabledReason says why the field cannot be edited now ("Check
	// Requires Authentication to enter credentials."); shown only while
	// Disabled.
	DisabledReason string
	// AutoComplete is the input's autocomplete attribute ("off" if empty).
	AutoComplete string
	// Mono shows the value in the monospace font (addresses).
	Mono bool
	// OnWhole is called when the value is whole: it arrived in one piece
	// (pasted, dropped, autofilled, inserted by a script) or the user left
	// the field (blur). Never on a keystroke: a field that reshapes its
	// value (Edit Network splitting "addr/prefix") does it here, so the
	// text is never rewritten under the cursor while it is being typed.
	OnWhole func()

	value     string
	problem   *Problem // what is wrong with value (nil: nothing)
	shown     bool     // the problem is on screen
	serverMsg string   // the BFF's message about this field
	seq       int      // input counter, for the debounce
}

// Problem is a refused value: oVirt's message and a hint.
type Problem struct {
	Message string
	Hint    string
}

// ProblemOf turns a validation error into a problem.
func ProblemOf(err error) *Problem {
	if err == nil {
		return nil
	}
	var ve *validation.Error
	if errors.As(err, &ve) {
		return &Problem{Message: ve.Message, Hint: ve.Hint}
	}
	return &Problem{Message: err.Error()}
}

// Problem returns what is wrong with the value as last judged (nil:
// nothing), shown or not yet.
func (f *Field) Problem() *Problem { return f.problem }

// ServerError returns the BFF's message about the field ("" for none).
func (f *Field) ServerError() string { return f.serverMsg }

// Value returns the text.
func (f *Field) Value() string { return f.value }

// Trimmed returns the text without surrounding spaces.
func (f *Field) Trimmed() string { return strings.TrimSpace(f.value) }

// SetValue sets the text (an initial value, or a test typing) and judges
// it; a problem shows only if one was already showing.
func (f *Field) SetValue(s string) {
	f.value = s
	if s == "" {
		EmptyInputNow(f.ID)
	}
	f.serverMsg = ""
	f.problem = f.judge()
	if f.problem == nil {
		f.shown = false
	}
}

// judge applies the rules to the current value.
func (f *Field) judge() *Problem {
	return ProblemOf(f.Err())
}

// Validate judges the value and shows the verdict (OK pressed). Disabled
// fields are valid.
func (f *Field) Validate() bool {
	if f.Disabled {
		f.shown = false
		return true
	}
	f.problem = f.judge()
	f.shown = f.problem != nil
	return f.problem == nil && f.serverMsg == ""
}

// Valid reports whether the value passes, without showing anything.
func (f *Field) Valid() bool { return f.Disabled || f.judge() == nil }

// Disable sets whether the field can be edited and, when it cannot, why.
func (f *Field) Disable(off bool, reason string) {
	f.Disabled = off
	f.DisabledReason = ""
	if off {
		f.DisabledReason = reason
	}
}

// SetServerError shows the BFF's message about the field ("" clears it).
func (f *Field) SetServerError(msg string) { f.serverMsg = msg }

// Invalid reports whether an error is on screen.
func (f *Field) Invalid() bool {
	return !f.Disabled && ((f.shown && f.problem != nil) || f.serverMsg != "")
}

// Reset clears the value and every message.
func (f *Field) Reset() {
	f.value, f.problem, f.shown, f.serverMsg = "", nil, false, ""
	EmptyInputNow(f.ID)
}

// input handles a keystroke: a valid value clears the error at once; a
// wrong one shows after fieldDebounce, or at once if an error already
// shows (the message follows the typing).
func (f *Field) input(ctx app.Context, s string) {
	f.value = s
	f.serverMsg = ""
	f.seq++
	f.problem = f.judge()
	switch {
	case f.problem == nil:
		f.shown = false
	case f.shown:
	default:
		seq := f.seq
		ctx.After(fieldDebounce, func(app.Context) {
			if f.seq == seq && f.problem != nil {
				f.shown = true
			}
		})
	}
}

// blur shows the verdict on a value typed so far.
func (f *Field) blur() {
	if strings.TrimSpace(f.value) == "" && !f.shown {
		return // tabbing through an empty field is not an error yet
	}
	f.problem = f.judge()
	f.shown = f.problem != nil
}

func (f *Field) onInput(ctx app.Context, e app.Event) {
	f.input(ctx, ctx.JSSrc().Get("value").String())
	if f.OnWhole != nil && WholeInput(eventString(e, "inputType"), eventString(e, "data")) {
		f.OnWhole()
	}
}

func (f *Field) OnBlur(ctx app.Context, e app.Event) {
	if f.OnWhole != nil {
		f.OnWhole()
	}
	f.blur()
}

// eventString is the event's member name as a string, "" when undefined
// or null (or without a JavaScript event, in tests).
func eventString(e app.Event, name string) string {
	if e.Value == nil {
		return ""
	}
	v := e.Get(name)
	if !v.Truthy() {
		return ""
	}
	return v.String()
}

// WholeInput reports whether an input event brought the value in one
// piece rather than one keystroke: a paste, a drop, an autofill or a
// script (no inputType), or text inserted several characters at once.
// Typing, deleting, composing (IME) and undo are keystrokes.
func WholeInput(inputType, data string) bool {
	switch {
	case inputType == "insertText":
		return utf8.RuneCountInString(data) > 1
	case inputType == "insertCompositionText", inputType == "insertLineBreak",
		strings.HasPrefix(inputType, "delete"), strings.HasPrefix(inputType, "history"),
		strings.HasPrefix(inputType, "format"):
		return false
	}
	return true // insertFromPaste, insertFromDrop, insertReplacementText, autofill, …
}

// Render draws the form group.
func (f *Field) Render() app.UI {
	typ := f.Type
	if typ == "" {
		typ = "text"
	}
	ac := f.AutoComplete
	if ac == "" {
		ac = "off"
	}
	invalid := f.Invalid()
	in := app.Input().
		ID(f.ID).
		Name(f.ID).
		Type(typ).
		Value(f.value).
		Placeholder(f.Placeholder).
		Spellcheck(false).
		Attr("autocomplete", ac).
		Aria("invalid", strconv.FormatBool(invalid)).
		Aria("describedby", f.ID+"-help").
		OnInput(f.onInput, app.EventScope(f.ID)).
		OnBlur(f.OnBlur, app.EventScope(f.ID))
	if typ == "number" {
		in = in.Type("text").Attr("inputmode", "numeric")
	}
	// Boolean attributes are set only when true: the server's prerender
	// writes disabled="false" otherwise, which HTML reads as disabled.
	if f.Disabled {
		in = in.Disabled(true)
	}
	if f.Required && !f.Disabled {
		in = in.Required(true)
	}
	if f.Mono {
		in = in.Class("v6-mono")
	}
	control := app.Span().Class("pf-v6-c-form-control", stateClass(invalid, f.showsPreview()))
	if f.Disabled {
		control = control.Class("pf-m-disabled")
	}
	return FormGroup(f.ID, f.Label, f.Required && !f.Disabled,
		control.Body(
			in,
			app.If(invalid, func() app.UI {
				return app.Span().Class("pf-v6-c-form-control__utilities").Body(
					app.Span().Class("pf-v6-c-form-control__icon", "pf-m-status").Body(Icon("exclamation-circle")),
				)
			}),
		),
		f.helper(invalid),
	)
}

// stateClass is the form control's status modifier.
func stateClass(invalid, success bool) string {
	switch {
	case invalid:
		return "pf-m-error"
	case success:
		return "pf-m-success"
	}
	return ""
}

// showsPreview reports whether the preview of a valid value shows (never
// on a disabled field: it is not being judged).
func (f *Field) showsPreview() bool {
	return !f.Disabled && f.value != "" && !f.Invalid() && f.problem == nil && f.Preview != nil
}

// helper draws the text under the input: why it is disabled, or the error
// and its hint, or the preview of a valid value, then the help. Its container is always there,
// as aria-describedby names it; it is a polite live region.
func (f *Field) helper(invalid bool) app.UI {
	id := f.ID
	var items []app.UI
	switch {
	case f.Disabled:
		if f.DisabledReason != "" {
			items = append(items, HelperItem("", id+"-disabled", f.DisabledReason))
		}
	case invalid:
		msg, hint := f.serverMsg, ""
		if f.shown && f.problem != nil {
			msg, hint = f.problem.Message, f.problem.Hint
		}
		items = append(items, HelperItem("error", id+"-error", msg))
		if hint != "" {
			items = append(items, HelperItem("indeterminate", id+"-hint", hint))
		}
	case f.showsPreview():
		items = append(items, f.Preview(f.value))
	}
	if f.Help != "" {
		items = append(items, HelperItem("", id+"-desc", f.Help))
	}
	return app.Div().Class("pf-v6-c-form__helper-text").ID(id+"-help").Aria("live", "polite").Body(
		app.Div().Class("pf-v6-c-helper-text").Body(items...),
	)
}

// HelperItem is one line of PatternFly helper text; variant "error" gets
// the error icon and modifier. The id is on the text itself.
func HelperItem(variant, id, text string) app.UI {
	item := app.Div().Class("pf-v6-c-helper-text__item")
	var ic app.UI
	switch variant {
	case "error":
		item = item.Class("pf-m-error")
		ic = app.Span().Class("pf-v6-c-helper-text__item-icon").Body(Icon("exclamation-circle"))
	case "success":
		item = item.Class("pf-m-success")
		ic = app.Span().Class("pf-v6-c-helper-text__item-icon").Body(Icon("check-circle"))
	case "indeterminate":
		item = item.Class("pf-m-indeterminate")
	case "warning":
		item = item.Class("pf-m-warning")
		ic = app.Span().Class("pf-v6-c-helper-text__item-icon").Body(Icon("exclamation-triangle"))
	}
	return item.Body(
		ic,
		app.Span().Class("pf-v6-c-helper-text__item-text").ID(id).Text(text),
	)
}

// FormGroup is a PatternFly form group: the label bound to the control
// (for=id), a required mark, the control and what follows it.
func FormGroup(id, label string, required bool, control ...app.UI) app.UI {
	return app.Div().Class("pf-v6-c-form__group").Body(
		app.Div().Class("pf-v6-c-form__group-label").Body(
			app.Label().Class("pf-v6-c-form__label").For(id).Body(
				app.Span().Class("pf-v6-c-form__label-text").Text(label),
				app.If(required, func() app.UI {
					return app.Span().Class("pf-v6-c-form__label-required").Aria("hidden", "true").Text(" *")
				}),
			),
		),
		app.Div().Class("pf-v6-c-form__group-control").Body(control...),
	)
}

// Checkbox is a PatternFly check with its label.
func Checkbox(id, label string, checked, disabled bool, onChange func(ctx app.Context, checked bool)) app.UI {
	return app.Div().Class("pf-v6-c-check").Body(
		app.Input().Class("pf-v6-c-check__input").Type("checkbox").ID(id).Name(id).
			Checked(checked).Disabled(disabled).
			OnChange(func(ctx app.Context, e app.Event) {
				onChange(ctx, ctx.JSSrc().Get("checked").Bool())
			}, app.EventScope(id)),
		app.Label().Class("pf-v6-c-check__label").For(id).Text(label),
	)
}

// Radio is a PatternFly radio button with its label.
func Radio(id, name, label string, checked, disabled bool, onPick func(ctx app.Context)) app.UI {
	return app.Div().Class("pf-v6-c-radio").Body(
		app.Input().Class("pf-v6-c-radio__input").Type("radio").ID(id).Name(name).
			Checked(checked).Disabled(disabled).
			OnChange(func(ctx app.Context, e app.Event) { onPick(ctx) }, app.EventScope(id)),
		app.Label().Class("pf-v6-c-radio__label").For(id).Text(label),
	)
}

// Option is one choice of a select.
type Option struct {
	Value, Label string
	Group        string // an optgroup label ("" for none)
}

// SelectControl is a PatternFly form-control select; options with a Group
// are wrapped in optgroups, in order.
func SelectControl(id string, value string, opts []Option, disabled, invalid bool, onChange func(ctx app.Context, v string)) app.UI {
	var body []app.UI
	var group string
	var groupItems []app.UI
	flush := func() {
		if group != "" {
			body = append(body, app.OptGroup().Label(group).Body(groupItems...))
		}
		groupItems = nil
	}
	for _, o := range opts {
		opt := app.Option().Value(o.Value).Selected(o.Value == value).Text(o.Label)
		if o.Group == "" {
			flush()
			group = ""
			body = append(body, opt)
			continue
		}
		if o.Group != group {
			flush()
			group = o.Group
		}
		groupItems = append(groupItems, opt)
	}
	flush()
	return app.Span().Class("pf-v6-c-form-control", stateClass(invalid, false)).Body(
		app.Select().ID(id).Name(id).Disabled(disabled).
			Aria("invalid", strconv.FormatBool(invalid)).
			Aria("describedby", id+"-help").
			OnChange(func(ctx app.Context, e app.Event) {
				onChange(ctx, ctx.JSSrc().Get("value").String())
			}, app.EventScope(id)).
			Body(body...),
		app.Span().Class("pf-v6-c-form-control__utilities").Body(
			app.Span().Class("pf-v6-c-form-control__toggle-icon").Body(Icon("caret-down")),
		),
	)
}

// HelperBlock is the helper container of a non-Field control (select,
// list): an error message or nothing, with the id aria-describedby names.
func HelperBlock(id, errMsg, help string) app.UI {
	var items []app.UI
	if errMsg != "" {
		items = append(items, HelperItem("error", id+"-error", errMsg))
	}
	if help != "" {
		items = append(items, HelperItem("", id+"-desc", help))
	}
	return app.Div().Class("pf-v6-c-form__helper-text").ID(id+"-help").Aria("live", "polite").Body(
		app.Div().Class("pf-v6-c-helper-text").Body(items...),
	)
}

// Err is the field's verdict as an error: the Required rule, then Check.
func (f *Field) Err() error {
	if f.Trimmed() == "" {
		if f.Required {
			if f.EmptyErr != nil {
				return f.EmptyErr
			}
			return &validation.Error{Code: validation.CodeEmpty, Message: validation.MsgEmpty}
		}
		return nil
	}
	if f.Check != nil {
		return f.Check(f.value)
	}
	return nil
}
