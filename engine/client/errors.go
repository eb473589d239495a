package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"v6admin/engine/ovirt"
)

// Sentinel errors matched by [Error] with errors.Is.
var (
	ErrBadRequest   = errors.New("engine: bad request")   // HTTP 400
	ErrUnauthorized = errors.New("engine: unauthorized")  // HTTP 401, refused login, no token
	ErrForbidden    = errors.New("engine: forbidden")     // HTTP 403
	ErrNotFound     = errors.New("engine: not found")     // HTTP 404
	ErrConflict     = errors.New("engine: conflict")      // HTTP 409
	ErrServer       = errors.New("engine: server error")  // HTTP 5xx
	ErrActionFailed = errors.New("engine: action failed") // action with status "failed"
)

// Error is an error response of the engine: a fault body
// {"reason", "detail"}, a failed action {"status": "failed", "fault": {...}}
// (with any HTTP status, including 200), a body-less or non-JSON error
// response (404, 401), or a refused SSO login.
//
// errors.Is matches the sentinel of the status (ErrNotFound, ...), and
// ErrActionFailed for failed actions.
type Error struct {
	Method        string        // request method
	Path          string        // request path, without query
	Status        int           // HTTP status code
	Reason        string        // fault reason (SSO: the message)
	Detail        string        // fault detail, often "[message, ...]" (see Messages)
	Code          string        // SSO error code (access_denied, ...), login only
	Action        *ovirt.Action // the failed action, if the body was one
	CorrelationID string        // Correlation-Id of the request, if any
}

// Error returns "engine: METHOD PATH: STATUS: reason: detail".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("engine: ")
	if e.Method != "" {
		b.WriteString(e.Method + " " + e.Path + ": ")
	}
	if e.Status >= 200 && e.Status <= 299 {
		b.WriteString("action failed")
	} else {
		b.WriteString(strconv.Itoa(e.Status))
		if t := http.StatusText(e.Status); t != "" {
			b.WriteString(" " + t)
		}
	}
	for _, s := range [...]string{e.Reason, e.Detail} {
		if s != "" {
			b.WriteString(": " + s)
		}
	}
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	return b.String()
}

// Unwrap returns the sentinels the error matches.
func (e *Error) Unwrap() []error {
	var errs []error
	switch {
	case e.Code == ovirt.SSOErrorAccessDenied || e.Code == ovirt.SSOErrorInvalidGrant:
		errs = append(errs, ErrUnauthorized)
	case e.Status == http.StatusBadRequest:
		errs = append(errs, ErrBadRequest)
	case e.Status == http.StatusUnauthorized:
		errs = append(errs, ErrUnauthorized)
	case e.Status == http.StatusForbidden:
		errs = append(errs, ErrForbidden)
	case e.Status == http.StatusNotFound:
		errs = append(errs, ErrNotFound)
	case e.Status == http.StatusConflict:
		errs = append(errs, ErrConflict)
	case e.Status >= 500:
		errs = append(errs, ErrServer)
	}
	if e.Action != nil && e.Action.Err() != nil {
		errs = append(errs, ErrActionFailed)
	}
	return errs
}

// Messages returns the engine's messages for display: the entries of Detail
// (see SplitDetail), else Reason, else nil.
func (e *Error) Messages() []string {
	if m := SplitDetail(e.Detail); len(m) > 0 {
		return m
	}
	if e.Reason != "" {
		return []string{e.Reason}
	}
	return nil
}

// SplitDetail splits a fault detail into messages. The engine writes the
// detail as a Java List.toString(), "[first message., second message.]";
// entries are split at ", " after a sentence end (".", "!" or "?"), so commas
// inside a message are kept. A detail without the brackets is one message.
// Empty entries are dropped.
func SplitDetail(detail string) []string {
	d := strings.TrimSpace(detail)
	if len(d) < 2 || d[0] != '[' || d[len(d)-1] != ']' {
		if d == "" {
			return nil
		}
		return []string{d}
	}
	d = d[1 : len(d)-1]
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	start := 0
	for i := 1; i+1 < len(d); i++ {
		if d[i] == ',' && d[i+1] == ' ' && i > start && strings.IndexByte(".!?", d[i-1]) >= 0 {
			add(d[start:i])
			start = i + 2
		}
	}
	add(d[start:])
	return out
}

// parseError builds the *Error of a non-2xx API response from whatever body
// it has: a fault, a failed action, or nothing usable (empty, HTML).
func parseError(method, path, correlationID string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, Status: status, CorrelationID: correlationID}
	var f struct {
		Reason string             `json:"reason"`
		Detail string             `json:"detail"`
		Fault  *ovirt.Fault       `json:"fault"`
		Status ovirt.ActionStatus `json:"status"`
	}
	if !json.Valid(body) || json.Unmarshal(body, &f) != nil {
		return e
	}
	if f.Fault == nil && f.Status != ovirt.ActionStatusFailed {
		e.Reason, e.Detail = f.Reason, f.Detail
		return e
	}
	if f.Fault != nil {
		e.Reason, e.Detail = f.Fault.Reason, f.Fault.Detail
	}
	var a ovirt.Action
	if json.Unmarshal(body, &a) == nil {
		e.Action = &a
	}
	return e
}

// actionError returns the *Error of a 2xx response holding a failed action.
func actionError(method, path, correlationID string, status int, a *ovirt.Action) *Error {
	e := &Error{Method: method, Path: path, Status: status, Action: a, CorrelationID: correlationID}
	if a.Fault != nil {
		e.Reason, e.Detail = a.Fault.Reason, a.Fault.Detail
	}
	return e
}
