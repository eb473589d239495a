package validation

import (
	"errors"
	"strings"
)

// Code identifies why a value was refused. Codes are stable: the UI, the BFF's
// JSON errors and tests rely on them.
type Code string

// The codes. A field's Message says what the field takes; the Code says what
// was wrong with this particular value.
const (
	CodeEmpty            Code = "empty"                  // nothing entered
	CodeSpace            Code = "whitespace"             // spaces or control characters
	CodeSyntax           Code = "syntax"                 // malformed, no more specific code
	CodeFamily           Code = "wrong_family"           // IPv4 where IPv6 is wanted, or the reverse
	CodeBrackets         Code = "brackets_not_allowed"   // [2001:db8::1] where a bare address is wanted
	CodeBracketsRequired Code = "brackets_required"      // bare IPv6 in a URL or NFS path
	CodePrefix           Code = "prefix_not_allowed"     // 2001:db8::1/64 in an address field
	CodeZone             Code = "zone_not_allowed"       // %eth0 on a global address, in a prefix or URL
	CodeGroups           Code = "too_many_groups"        // more than 8 IPv6 groups
	CodeLeadingZero      Code = "leading_zero"           // 010.0.0.1
	CodeNumericName      Code = "numeric_name"           // 256.1.1.1, 1.2.3: neither IPv4 nor a name
	CodeHostname         Code = "bad_hostname"           // a label breaks RFC 1123
	CodeTooLong          Code = "too_long"               // over the length limit
	CodePort             Code = "bad_port"               // port missing, not a number, out of 1–65535, or not allowed
	CodeNotUnicast       Code = "not_unicast"            // ::, 0.0.0.0 or multicast as a host address
	CodeNetmask          Code = "netmask_not_contiguous" // 255.0.255.0
	CodeRange            Code = "out_of_range"           // prefix length out of range
	CodePath             Code = "bad_path"               // NFS path not absolute, spaces, non-ASCII
	CodeScheme           Code = "bad_scheme"             // URL scheme other than http or https
	CodeGatewayFamily    Code = "gateway_family"         // gateway and address of different families
	CodeGatewayReserved  Code = "gateway_reserved"       // network, subnet-router anycast, broadcast or own address
	CodeGatewayOutside   Code = "gateway_outside_prefix" // a warning, never an error
	CodeNameInUse        Code = "name_in_use"            // another object has this name
	CodeNotSupported     Code = "not_supported"          // a choice the engine does not support
	CodeManagedOption    Code = "managed_option"         // a mount option the engine sets itself
)

// oVirt's user-facing texts (UIConstants/UIMessages.properties), reused so
// administrators read the words they know.
const (
	MsgEmpty         = "This field can't be empty."
	MsgIP            = "This field must contain a valid IPv4 or IPv6 address."
	MsgIPv4          = "This field must contain an IP address in format xxx.xxx.xxx.xxx"
	MsgIPv6          = "This field must contain a valid IPv6 address"
	MsgIPv4OrEmpty   = "This field can be empty or contain an IP address in format xxx.xxx.xxx.xxx"
	MsgIPv6OrEmpty   = "This field can be empty or contain a valid IPv6 address"
	MsgHost          = "The given host address is neither a valid host name nor a valid IP address."
	MsgNetmaskFormat = "This field must contain a subnet in either of the following formats:\n\txxx.xxx.xxx.xxx where xxx is between 0 and 255.\n\txx where xx is between 0-32"
	MsgNetmaskValue  = "Invalid mask value"
	MsgIPv6Prefix    = "This field must contain an integer number between 0 and 128."
	MsgNFS           = "NFS mount path is illegal, please use [IP:/path or FQDN:/path] convention."
	MsgURL           = "Given URI is of an invalid format."
	MsgGatewayRange  = "The gateway is outside the address's subnet."
)

// Error is a refused value: a stable Code, the field's Message and, when the
// mistake is a usual one, a Hint that says how to fix it.
type Error struct {
	Code    Code
	Message string
	Hint    string
}

// Error returns the message followed by the hint.
// Error is the message and the hint as one text; a message without a final
// stop (oVirt's "This field must contain a valid IPv6 address" has none)
// gets one before the hint.
func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Message
	}
	msg := strings.TrimSpace(e.Message)
	if msg != "" && !strings.ContainsAny(msg[len(msg)-1:], ".!?:") {
		msg += "."
	}
	return msg + " " + e.Hint
}

func fail(code Code, msg, hint string) *Error { return &Error{Code: code, Message: msg, Hint: hint} }

// CodeOf returns the Code of err if it is (or wraps) an *Error, else "".
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// withMessage returns e with the field message replaced, keeping code and hint.
func withMessage(err *Error, msg string) *Error {
	if err == nil {
		return nil
	}
	return &Error{Code: err.Code, Message: msg, Hint: err.Hint}
}
