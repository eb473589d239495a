package validation

import (
	"net/url"
	"strconv"
	"strings"
)

// ProviderURL checks an external provider URL: an absolute http or https URL
// (scheme in any case) whose host is a name, an IPv4 address or an IPv6
// address in brackets ("https://[2001:db8::1]:9696"), with an optional port
// 1–65535. Zones and user information are refused.
func ProviderURL(s string) error {
	_, err := ParseProviderURL(s)
	return err
}

// ParseProviderURL checks s as ProviderURL does and returns it parsed, with
// the scheme lower-cased and an IPv6 host in RFC 5952 form.
func ParseProviderURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, fail(CodeEmpty, MsgEmpty, "")
	}
	if strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return nil, fail(CodeSpace, MsgURL, "A URL cannot contain spaces.")
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return nil, fail(CodeScheme, MsgURL, "Start the URL with http:// or https://.")
	}
	scheme = strings.ToLower(scheme)
	if scheme != "http" && scheme != "https" {
		return nil, fail(CodeScheme, MsgURL, "The URL must start with http:// or https://.")
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	if strings.IndexByte(authority, '@') >= 0 {
		return nil, fail(CodeSyntax, MsgURL, "Do not put a user name or password in the URL; use the Username and Password fields.")
	}
	host, port := authority, ""
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return nil, fail(CodeSyntax, MsgURL, "An IPv6 address in brackets must end with ].")
		}
		host, port = authority[1:end], authority[end+1:]
		if strings.Contains(host, "%") {
			return nil, fail(CodeZone, MsgURL, "Zones (%eth0) cannot be used in URLs; use a global or unique-local address.")
		}
		a, err := parseAddr(host)
		if err != nil {
			return nil, withMessage(err, MsgURL)
		}
		if !a.Is6() {
			return nil, fail(CodeBrackets, MsgURL, "Brackets are for IPv6 only: write "+host+" without them.")
		}
		host = "[" + a.String() + "]"
		if port != "" && port[0] != ':' {
			return nil, fail(CodeSyntax, MsgURL, "Only a port (\":9696\") may follow the closing bracket.")
		}
	} else {
		if strings.Count(authority, ":") > 1 {
			return nil, fail(CodeBracketsRequired, MsgURL, "Put an IPv6 address in square brackets: "+scheme+"://["+authority+"]/ (add the port after the bracket: [2001:db8::1]:9696).")
		}
		if i := strings.IndexByte(authority, ':'); i >= 0 {
			host, port = authority[:i], authority[i:]
		}
		if host == "" {
			return nil, fail(CodeSyntax, MsgURL, "The host is missing.")
		}
		if _, err := hostAddress(host); err != nil {
			return nil, withMessage(err.(*Error), MsgURL)
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port[1:])
		if err != nil || !allDigits(port[1:]) || n < 1 || n > 65535 {
			return nil, fail(CodePort, MsgURL, "The port must be a number between 1 and 65535.")
		}
	}
	u, err := url.Parse(scheme + "://" + host + port + rest[len(authority):])
	if err != nil {
		return nil, fail(CodeSyntax, MsgURL, "")
	}
	return u, nil
}
