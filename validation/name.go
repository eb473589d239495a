package validation

// ObjectNameMax is the longest engine entity name the dialogs accept.
const ObjectNameMax = 255

// MsgObjectName is the message of a Name with characters oVirt refuses.
const MsgObjectName = "Name can contain only 'A-Z', 'a-z', '0-9', '_', '-' or '.' characters."

// MsgObjectNameTooLong is the message of a Name over ObjectNameMax.
const MsgObjectNameTooLong = "Name must be at most 255 characters long."

// ProviderNameMax is the longest external provider name: the engine's
// providers.name column is varchar(128), and a longer name fails there as
// "Internal Engine Error".
const ProviderNameMax = 128

// MsgProviderName is the engine's VALIDATION_NAME_INVALID: a provider name
// is @ValidName ([0-9a-zA-Z_-]+), with no dot.
const MsgProviderName = `Name must be formed of alphanumeric characters, numbers or "-_".`

// MsgProviderNameTooLong is the message of a provider name over
// ProviderNameMax.
const MsgProviderNameTooLong = "Name must be at most 128 characters long."

// ObjectName checks the Name of an engine entity named by @ValidNameWithDot
// (a host, …) as oVirt's dialogs do: 1–255 characters, ASCII letters,
// digits, '-', '_' and '.'. The UI runs it as you type, the BFF on every
// request.
func ObjectName(s string) error {
	return name(s, ObjectNameMax, MsgObjectNameTooLong, MsgObjectName, true)
}

// ProviderName checks an external provider's Name as the engine does
// (Provider.name is @ValidName, stored in 128 characters): 1–128 ASCII
// letters, digits, '-' and '_'; no dot.
func ProviderName(s string) error {
	return name(s, ProviderNameMax, MsgProviderNameTooLong, MsgProviderName, false)
}

// name checks s against a name rule: not empty, at most max bytes (every
// accepted character is one byte), ASCII letters, digits, '-', '_' and, if
// dot, '.'.
func name(s string, max int, tooLong, syntax string, dot bool) error {
	if s == "" {
		return fail(CodeEmpty, MsgEmpty, "")
	}
	if len(s) > max {
		return fail(CodeTooLong, tooLong, "")
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', dot && c == '.':
		case c == ' ':
			return fail(CodeSyntax, syntax, "Spaces are not allowed: use - or _.")
		default:
			return fail(CodeSyntax, syntax, "")
		}
	}
	return nil
}
