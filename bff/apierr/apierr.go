// Package apierr is the BFF's errors and the Echo error handler that writes
// them as the JSON error envelope (wire.ErrorEnvelope), modelled on
// PocketBase's apis/api_error.go:
//
//	{"code": "validation_failed",
//	 "message": "Some fields are not valid.",
//	 "fields": {"address": {"code": "brackets_not_allowed",
//	                        "message": "This field must contain ... Remove the square brackets ..."}}}
//
// code is a stable machine code (snake_case), message is for people, fields
// (present only when some field is at fault) maps JSON field names, dotted for
// nested ones ("agents.0.address"), to a field code and message.
//
// Only *Error values are shown to the client as they are. Every other error
// (a bug, a transport failure) is masked as 500 "internal" and its cause is
// logged with log/slog; the cause kept in Error.Cause is logged too but never
// written. Nothing here ever logs request bodies or headers, so passwords and
// tokens stay out of the logs.
package apierr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/wire"
)

// Stable codes used by the BFF itself. Field codes also come from package
// validation (validation.Code) and from validator tags ("required", ...).
const (
	CodeBadRequest       = "bad_request"
	CodeValidation       = wire.CodeValidation
	CodeUnauthorized     = "unauthorized"
	CodeSessionExpired   = "session_expired"
	CodeLoginFailed      = "login_failed"
	CodeForbidden        = "forbidden"
	CodeCSRF             = "csrf_failed"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeConflict         = "conflict"
	CodeTooLarge         = "body_too_large"
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeRateLimited      = "rate_limited"
	CodeEngineRejected   = "engine_rejected"
	CodeEngineFailed     = "engine_failed"
	CodeEngineDown       = "engine_unavailable"
	CodeEngineIncompat   = "engine_incompatible"
	CodeEngineTimeout    = "engine_timeout"
	CodeInternal         = "internal"
)

// Error is an error shown to the client as the envelope (wire.ErrorEnvelope,
// the JSON's one definition). Status is the HTTP status; Cause, if set, is
// logged and never sent.
type Error struct {
	Status int `json:"-"`
	wire.ErrorEnvelope
	Cause error `json:"-"`
	// Header holds response headers to set with the error (Retry-After).
	Header http.Header `json:"-"`
}

// New returns an error with a status, a code and a message.
func New(status int, code, message string) *Error {
	return &Error{Status: status, ErrorEnvelope: wire.ErrorEnvelope{Code: code, Message: message}}
}

// Error returns "code: message" and the cause, for logs.
func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		s += " (fields: " + strings.Join(keys, ", ") + ")"
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// WithField adds a field error and returns e.
func (e *Error) WithField(field, code, message string) *Error {
	if e.Fields == nil {
		e.Fields = map[string]wire.FieldError{}
	}
	e.Fields[field] = wire.FieldError{Code: code, Message: message}
	return e
}

// WithCause sets the logged cause and returns e.
func (e *Error) WithCause(err error) *Error {
	e.Cause = err
	return e
}

// BadRequest is 400 bad_request.
func BadRequest(message string) *Error {
	return New(http.StatusBadRequest, CodeBadRequest, message)
}

// Validation is 400 validation_failed with field errors; an empty fields map
// is allowed (the message then says it all).
func Validation(fields map[string]wire.FieldError) *Error {
	e := New(http.StatusBadRequest, CodeValidation, wire.MsgValidation)
	if len(fields) > 0 {
		e.Fields = fields
	}
	return e
}

// Unauthorized is 401 unauthorized: no session.
func Unauthorized() *Error {
	return New(http.StatusUnauthorized, CodeUnauthorized, "Log in first.")
}

// SessionExpired is 401 session_expired: the engine refused the session's
// token (expired, revoked, or the engine restarted).
func SessionExpired() *Error {
	return New(http.StatusUnauthorized, CodeSessionExpired, "Your session has expired. Log in again.")
}

// Forbidden is 403 forbidden.
func Forbidden(message string) *Error {
	return New(http.StatusForbidden, CodeForbidden, message)
}

// NotFound is 404 not_found.
func NotFound(message string) *Error {
	if message == "" {
		message = "The requested resource was not found."
	}
	return New(http.StatusNotFound, CodeNotFound, message)
}

// TooLarge is 413 body_too_large.
func TooLarge(limit int64) *Error {
	return New(http.StatusRequestEntityTooLarge, CodeTooLarge,
		fmt.Sprintf("The request body is larger than the limit of %d bytes.", limit))
}

// EngineIncompatible is 502 engine_incompatible: the engine answered, but a
// member v6admin uses (jsonPath) is not in the shape it reads. cause (logged,
// with the engine's version) is the client's error.
func EngineIncompatible(jsonPath string, cause error) *Error {
	msg := "The engine's answer could not be read."
	if jsonPath != "" {
		msg = "The engine's answer could not be read (" + jsonPath + ")."
	}
	return New(http.StatusBadGateway, CodeEngineIncompat, msg).WithCause(cause)
}

// Internal masks err as 500 internal; err is logged only.
func Internal(err error) *Error {
	return New(http.StatusInternalServerError, CodeInternal, "Something went wrong on the server.").WithCause(err)
}

// Options configure Handler.
type Options struct {
	// Logger receives the causes of 5xx errors (and of masked errors) at
	// error level and 4xx at debug level; nil means slog.Default().
	Logger *slog.Logger
	// OnError runs before an error is written, with the error as the client
	// will see it (the server uses it to clear the session cookie on
	// session_expired).
	OnError func(c echo.Context, e *Error)
}

// From converts any error into the envelope error the client sees: *Error as
// is, *echo.HTTPError mapped by status, anything else masked as internal.
func From(err error) *Error {
	var ae *Error
	if errors.As(err, &ae) {
		return ae
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return fromEcho(he)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return New(http.StatusGatewayTimeout, CodeEngineTimeout, "The engine did not answer in time.").WithCause(err)
	}
	return Internal(err)
}

// fromEcho maps Echo's own errors (router 404/405, body limit, binder).
func fromEcho(he *echo.HTTPError) *Error {
	var e *Error
	switch he.Code {
	case http.StatusNotFound:
		e = NotFound("")
	case http.StatusMethodNotAllowed:
		e = New(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "This method is not allowed here.")
	case http.StatusRequestEntityTooLarge:
		e = New(http.StatusRequestEntityTooLarge, CodeTooLarge, "The request body is too large.")
	case http.StatusUnsupportedMediaType:
		e = New(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "Send the body as application/json.")
	case http.StatusUnauthorized:
		e = Unauthorized()
	case http.StatusForbidden:
		e = Forbidden("This request is not allowed.")
	case http.StatusTooManyRequests:
		e = New(http.StatusTooManyRequests, CodeRateLimited, "Too many requests. Try again later.")
	default:
		if he.Code >= 400 && he.Code < 500 {
			e = New(he.Code, CodeBadRequest, http.StatusText(he.Code)+".")
		} else {
			e = Internal(nil)
		}
	}
	e.Cause = he
	return e
}

// Handler returns an echo.HTTPErrorHandler writing the envelope. HEAD
// requests get the status only; a response already committed is left alone.
func Handler(o Options) echo.HTTPErrorHandler {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	return func(err error, c echo.Context) {
		e := From(err)
		if o.OnError != nil {
			o.OnError(c, e)
		}
		req := c.Request()
		attrs := []any{"method", req.Method, "path", req.URL.Path, "status", e.Status, "code", e.Code}
		if e.Cause != nil {
			attrs = append(attrs, "cause", e.Cause.Error())
		}
		if e.Status >= 500 {
			log.Error("request failed", attrs...)
		} else {
			log.Debug("request refused", attrs...)
		}
		if c.Response().Committed {
			return
		}
		for k, vs := range e.Header {
			for _, v := range vs {
				c.Response().Header().Add(k, v)
			}
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		if req.Method == http.MethodHead {
			_ = c.NoContent(e.Status)
			return
		}
		_ = c.JSON(e.Status, e)
	}
}
