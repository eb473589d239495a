package netplan

// Kind is the kind of a refusal, which decides the engine's fault.
type Kind int

const (
	// Failed is a backend validation failure: 400 "Operation Failed",
	// the detail in brackets.
	Failed Kind = iota
	// Conflict is Failed with status 409.
	Conflict
	// Invalid is a REST mapping-layer failure: 400 "Invalid value".
	Invalid
	// NotFound is 404 without a body (an unknown attachment the REST
	// layer resolves).
	NotFound
)

// Refusal is the engine's answer to a change it does not make.
type Refusal struct {
	Kind   Kind
	Detail string // one backend message (Failed, Conflict) or the mapping layer's text (Invalid)
}

func (r *Refusal) Error() string {
	if r.Kind == NotFound {
		return "not found"
	}
	return r.Detail
}

func badRequest(msg string) *Refusal      { return &Refusal{Kind: Failed, Detail: msg} }
func conflict(msg string) *Refusal        { return &Refusal{Kind: Conflict, Detail: msg} }
func invalidValue(detail string) *Refusal { return &Refusal{Kind: Invalid, Detail: detail} }

// badEnum is "<v> is not a member of <Enum>".
func badEnum(v, enum string) *Refusal { return invalidValue(v + " is not a member of " + enum) }

var errNotFound = &Refusal{Kind: NotFound}
