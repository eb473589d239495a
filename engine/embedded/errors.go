package embedded

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/ovirtxml"
)

// apiError is a failure with the engine's wire shape: a plain fault
// ({"reason", "detail"}), an action with a nested fault, or no body at all
// (404, 401).
type apiError struct {
	Status int
	Fault  *ovirt.Fault
	Action *ovirt.Action
}

func (e *apiError) Error() string {
	if e.Fault != nil {
		return fmt.Sprintf("%d %s", e.Status, e.Fault.Error())
	}
	if e.Action != nil && e.Action.Fault != nil {
		return fmt.Sprintf("%d %s", e.Status, e.Action.Fault.Error())
	}
	return fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
}

// errNotFound is the engine's 404: an empty body.
var errNotFound = &apiError{Status: http.StatusNotFound}

// Reasons the engine writes.
const (
	reasonFailed     = "Operation Failed"
	reasonIncomplete = "Incomplete parameters"
	reasonInvalid    = "Invalid value"
)

// bracket formats backend messages as the engine does: Java's
// List.toString(), "[a, b]".
func bracket(msgs ...string) string { return "[" + strings.Join(msgs, ", ") + "]" }

// opFailed is a backend validation failure: {"reason": "Operation Failed",
// "detail": "[msg, ...]"}.
func opFailed(status int, msgs ...string) *apiError {
	return &apiError{Status: status, Fault: &ovirt.Fault{Reason: reasonFailed, Detail: bracket(msgs...)}}
}

func badRequest(msgs ...string) *apiError { return opFailed(http.StatusBadRequest, msgs...) }
func conflict(msgs ...string) *apiError   { return opFailed(http.StatusConflict, msgs...) }

// invalidValue is a REST mapping-layer failure (no brackets).
func invalidValue(detail string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{Reason: reasonInvalid, Detail: detail}}
}

// badEnum is "<v> is not a member of <Enum>".
func badEnum(v, enum string) *apiError { return invalidValue(v + " is not a member of " + enum) }

// incomplete is the REST layer's missing-mandatory-input fault:
// "Host [name, address] required for add".
func incomplete(typ, action string, fields ...string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{
		Reason: reasonIncomplete,
		Detail: fmt.Sprintf("%s [%s] required for %s", typ, strings.Join(fields, ", "), action),
	}}
}

// entityNotFound is the fault for a body reference that does not resolve.
func entityNotFound(what string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{Reason: reasonFailed, Detail: "Entity not found: " + what}}
}

// actionFailed is the doAction failure shape: the echoed action with
// "status": "failed" and a nested fault.
func actionFailed(status int, a *ovirt.Action, fault *ovirt.Fault) *apiError {
	if a == nil {
		a = &ovirt.Action{}
	}
	a.Status = ovirt.ActionStatusFailed
	a.Fault = fault
	a.Job = nil
	return &apiError{Status: status, Action: a}
}

// writeJSON writes v as the response body in the representation serve
// negotiated for the request (represent.go): JSON, or XML written by
// ovirtxml from the same value; gzip-compressed when asked. Writers serve
// does not wrap (SSO) write JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	if repOf(w).xml {
		b, err := ovirtxml.Append(make([]byte, 0, 1024), v)
		if err != nil {
			return err
		}
		writeEncoded(w, status, "application/xml", b)
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	writeEncoded(w, status, "application/json", b)
	return nil
}

// complete is the body of DELETE and of parameterless actions.
func complete() *ovirt.Action { return &ovirt.Action{Status: ovirt.ActionStatusComplete} }

// writeError writes err with its wire shape; other errors are 500s.
func (e *Engine) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		e.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = &apiError{Status: http.StatusInternalServerError, Fault: &ovirt.Fault{Reason: reasonFailed, Detail: bracket("Internal Engine Error")}}
	}
	switch {
	case ae.Action != nil:
		_ = writeJSON(w, ae.Status, ae.Action)
	case ae.Fault != nil:
		_ = writeJSON(w, ae.Status, ae.Fault)
	default:
		w.WriteHeader(ae.Status)
	}
}

// decodeBody decodes a request body into v, XML or JSON by its
// Content-Type (bodyIsXML; another type is 415). An empty body leaves v
// unchanged (actions may be posted without parameters). A member (or XML
// element) the type does not declare is refused as the real REST layer's
// strict Jackson does (JsonExceptionMapper → UsageFinder): 400 "Request
// syntactically incorrect." with the link to the method's documentation as
// the detail.
func decodeBody(r *http.Request, v any) error {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &apiError{Status: http.StatusRequestEntityTooLarge, Fault: &ovirt.Fault{Reason: "Request Entity Too Large", Detail: fmt.Sprintf("The request body exceeds %d bytes.", mbe.Limit)}}
		}
		return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{Reason: "Bad Request", Detail: "Cannot read the request body."}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	isXML, known := bodyIsXML(r, data)
	if !known {
		return &apiError{Status: http.StatusUnsupportedMediaType, Fault: &ovirt.Fault{Reason: "Unsupported Media Type",
			Detail: "The engine reads XML (Content-Type: application/xml) and JSON (Content-Type: application/json) bodies."}}
	}
	if isXML {
		return xmlError(r, v, ovirtxml.Unmarshal(data, v))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			_, action := v.(*ovirt.Action)
			return usageError(r, action)
		}
		return jsonError(err)
	}
	return nil
}

// usageError is the real engine's answer to a body it cannot map: UsageFinder
// names the service and method from the path
// (<root>/ovirt-engine/apidoc#services/host/methods/fence). The service is
// approximated from the path segments (a collection keeps its name, an
// entity takes the singular), not from the engine's service tree.
func usageError(r *http.Request, action bool) *apiError {
	segs := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, ovirt.Prefix), "/"), "/")
	service, method := "api", map[string]string{"POST": "add", "PUT": "update", "GET": "get", "DELETE": "remove"}[r.Method]
	switch n := len(segs); {
	case n == 0 || segs[0] == "":
	case action && n >= 3: // an action: /hosts/{id}/fence
		service, method = strings.TrimSuffix(segs[n-3], "s"), segs[n-1]
	case n%2 == 1: // a collection: /hosts, /hosts/{id}/fenceagents
		service = segs[n-1]
	default: // an entity: /hosts/{id}
		service = strings.TrimSuffix(segs[n-2], "s")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{Reason: "Request syntactically incorrect.",
		Detail: "For correct usage, see: " + scheme + "://" + r.Host + "/ovirt-engine/apidoc#services/" + service + "/methods/" + method}}
}

// xmlError maps an XML decoding error as jsonError maps a JSON one: an
// unknown element is the unknown member's fault, a bad scalar "Invalid
// value".
func xmlError(r *http.Request, v any, err error) error {
	var ue *ovirtxml.UnknownElementError
	var se *ovirt.ScalarError
	var sx *ovirtxml.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ue):
		_, action := v.(*ovirt.Action)
		return usageError(r, action)
	case errors.As(err, &se):
		return invalidValue(fmt.Sprintf("%s is not a valid %s", se.Value, se.Kind))
	case errors.As(err, &sx):
		return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{Reason: "Bad Request", Detail: "Malformed XML: " + sx.Msg}}
	}
	return err
}

func jsonError(err error) *apiError {
	var se *ovirt.ScalarError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return invalidValue(fmt.Sprintf("%s is not a valid %s", se.Value, se.Kind))
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "the request body"
		}
		return invalidValue(fmt.Sprintf("Expected a %s value for %s, got a JSON %s", te.Type, field, te.Value))
	}
	return &apiError{Status: http.StatusBadRequest, Fault: &ovirt.Fault{Reason: "Bad Request", Detail: "Malformed JSON: " + err.Error()}}
}
