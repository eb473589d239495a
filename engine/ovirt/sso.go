package ovirt

import "time"

// SSOToken is the success body of POST /ovirt-engine/sso/oauth/token.
// Exp (epoch milliseconds) is written as a string by the engine.
type SSOToken struct {
	AccessToken string `json:"access_token,omitempty"`
	TokenType   string `json:"token_type,omitempty"`
	Scope       string `json:"scope,omitempty"`
	Exp         *Int   `json:"exp,omitempty"`
}

// ExpiresAt returns the expiry time, the zero time when exp is absent.
func (t *SSOToken) ExpiresAt() time.Time {
	if t == nil || t.Exp == nil {
		return time.Time{}
	}
	return time.UnixMilli(int64(*t.Exp)).UTC()
}

// SSO error codes (the OAuth "error"/"error_code" values).
const (
	SSOErrorAccessDenied         = "access_denied"
	SSOErrorInvalidGrant         = "invalid_grant"
	SSOErrorInvalidRequest       = "invalid_request"
	SSOErrorInvalidScope         = "invalid_scope"
	SSOErrorServerError          = "server_error"
	SSOErrorUnsupportedGrantType = "unsupported_grant_type"
)

// SSOError is the HTTP 400 body of the SSO token endpoint. It has two shapes:
// for scope ovirt-app-api {"error_code": <code>, "error": <message>}, for
// other scopes {"error": <code>, "error_description": <message>}.
type SSOError struct {
	ErrorCode        string `json:"error_code,omitempty"`
	ErrorText        string `json:"error,omitempty"`
	ErrorDescription string `json:"error_description,omitempty"`
}

// NewSSOError returns the API-scope shape {"error_code", "error"}.
func NewSSOError(code, message string) *SSOError {
	return &SSOError{ErrorCode: code, ErrorText: message}
}

// Code returns the error code of either shape.
func (e *SSOError) Code() string {
	if e.ErrorCode != "" {
		return e.ErrorCode
	}
	return e.ErrorText
}

// Message returns the human-readable message of either shape.
func (e *SSOError) Message() string {
	if e.ErrorCode != "" {
		return e.ErrorText
	}
	return e.ErrorDescription
}

// Error implements error.
func (e *SSOError) Error() string {
	if m := e.Message(); m != "" {
		return "sso: " + e.Code() + ": " + m
	}
	return "sso: " + e.Code()
}
