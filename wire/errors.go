package wire

// FieldError is what went wrong with one field: a stable code (validation's
// codes, validator's tags, "engine") and a message for people.
type FieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ErrorEnvelope is every error answer of /api: a stable machine code
// (snake_case), a message for people, and, when some field is at fault,
// the field errors by JSON field name, dotted for nested ones
// ("fence_agents.0.address").
type ErrorEnvelope struct {
	Code    string                `json:"code"`
	Message string                `json:"message"`
	Fields  map[string]FieldError `json:"fields,omitempty"`
}

// Warning is a non-blocking remark of the BFF (a gateway outside the
// subnet, a fence agent the engine refused after the host was added).
type Warning struct {
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// CodeValidation is the envelope's code of a request with field errors,
// with MsgValidation as its message.
const (
	CodeValidation = "validation_failed"
	MsgValidation  = "Some fields are not valid."
)
