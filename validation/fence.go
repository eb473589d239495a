package validation

import (
	"slices"
	"strings"
)

// MsgFenceAgentOptions is oVirt's hint under a fence agent's Options, the
// message of a malformed option.
const MsgFenceAgentOptions = "Please use a comma-separated list of 'key=value'"

// Fence agent option limits: at most FenceAgentOptionsMax options, keys of
// at most FenceAgentOptionKeyMax characters, values of at most
// FenceAgentOptionValueMax.
const (
	FenceAgentOptionsMax     = 32
	FenceAgentOptionKeyMax   = 64
	FenceAgentOptionValueMax = 256
)

// FenceAgentOption checks one option of a fence agent: a key of letters,
// digits, '_' and '-' (at most 64), a value of at most 256 characters
// without a comma (the engine keeps the options as "key=value,key=value").
func FenceAgentOption(k, v string) error {
	if k == "" {
		return fail(CodeSyntax, MsgFenceAgentOptions, "“="+v+"” has no key before the =.")
	}
	if len(k) > FenceAgentOptionKeyMax || !optionKey(k) {
		return fail(CodeSyntax, MsgFenceAgentOptions, "Keys use letters, digits, _ and - only (at most 64): “"+k+"” does not.")
	}
	if len(v) > FenceAgentOptionValueMax {
		return fail(CodeTooLong, MsgFenceAgentOptions, "The value of "+k+" is longer than 256 characters.")
	}
	if strings.Contains(v, ",") {
		return fail(CodeSyntax, MsgFenceAgentOptions, "The value of "+k+" has a comma.")
	}
	return nil
}

// FenceAgentOptions checks a fence agent's options (in key order, so the
// first fault is always the same one).
func FenceAgentOptions(m map[string]string) error {
	if len(m) > FenceAgentOptionsMax {
		return fail(CodeTooLong, MsgFenceAgentOptions, "At most 32 options.")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := FenceAgentOption(k, m[k]); err != nil {
			return err
		}
	}
	return nil
}

// ParseFenceAgentOptions reads "key=value, key=value" (the Options field)
// into a map: each option as FenceAgentOption checks it, each key once,
// at most 32.
func ParseFenceAgentOptions(s string) (map[string]string, error) {
	out := map[string]string{}
	s = strings.TrimSpace(s)
	if s == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fail(CodeSyntax, MsgFenceAgentOptions, "Remove the empty entry between two commas.")
		}
		k, v, ok := strings.Cut(part, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok {
			return nil, fail(CodeSyntax, MsgFenceAgentOptions, "“"+part+"” has no value: write "+part+"=1 or the value it needs.")
		}
		if k == "" {
			return nil, fail(CodeSyntax, MsgFenceAgentOptions, "“"+part+"” has no key before the =.")
		}
		if err := FenceAgentOption(k, v); err != nil {
			return nil, err
		}
		if _, dup := out[k]; dup {
			return nil, fail(CodeSyntax, MsgFenceAgentOptions, k+" is given twice.")
		}
		out[k] = v
	}
	if err := FenceAgentOptions(out); err != nil {
		return nil, err
	}
	return out, nil
}

func optionKey(k string) bool {
	for _, c := range k {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// BondNameMax is the longest bond name: the kernel's interface names
// (IFNAMSIZ 16, with the terminating NUL).
const BondNameMax = 15

// BondName checks a bond's name as the engine does
// (HostSetupNetworksValidator: BusinessEntitiesDefinitions.BOND_NAME_PATTERN
// "^bond\w+$", custom names, compatibility 4.3 and later, with
// AppErrors' NETWORK_BOND_NAME_BAD_FORMAT), and the kernel's length limit.
func BondName(s string) error {
	if s == "" {
		return fail(CodeEmpty, MsgEmpty, "")
	}
	if len(s) > BondNameMax {
		return fail(CodeTooLong, "Bond name can be at most 15 characters.", "")
	}
	rest, ok := strings.CutPrefix(s, "bond")
	valid := ok && rest != ""
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			valid = false
		}
	}
	if !valid {
		return fail(CodeSyntax, "Bond name '"+s+"' does not follow naming criteria. Custom bond names must begin with the prefix 'bond' followed by 'a-z', 'A-Z', '0-9', or '_' characters.", "")
	}
	return nil
}

// FenceAgentOrderRange is the order of a host's fence agent (1 is tried
// first; agents of equal order run concurrently).
var FenceAgentOrderRange = IntRange{Min: 1, Max: 1000}
