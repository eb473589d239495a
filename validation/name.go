package validation

// ObjectNameMax is the longest engine entity name the dialogs accept.
const ObjectNameMax = 255

// MsgObjectName is the message of a Name with a character oVirt refuses.
const MsgObjectName = "Name can contain only 'A-Z', 'a-z', '0-9', '_', '-' or '.' characters."

// MsgObjectNameTooLong is the message of a Name over ObjectNameMax.
const MsgObjectNameTooLong = "Name must be at most 255 characters long."

// ObjectName checks the Name of an engine entity (host, provider, …) as
// oVirt's dialogs do: 1–255 characters, ASCII letters, digits, '-', '_'
// and '.'. The UI runs it as you type, the BFF on every request.
func ObjectName(s string) error {
	if s == "" {
		return fail(CodeEmpty, MsgEmpty, "")
	}
	if len(s) > ObjectNameMax {
		return fail(CodeTooLong, MsgObjectNameTooLong, "")
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		case c == ' ':
			return fail(CodeSyntax, MsgObjectName, "Spaces are not allowed: use - or _.")
		default:
			return fail(CodeSyntax, MsgObjectName, "")
		}
	}
	return nil
}
