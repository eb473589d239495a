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
			return nil, fail(CodeBracketsRequired, MsgURL, bracketsHint(s))
		}
		if i := strings.IndexByte(authority, ':'); i >= 0 {
			host, port = authority[:i], authority[i:]
		}
		if host == "" {
			return nil, fail(CodeSyntax, MsgURL, "The host is missing.")
		}
		if _, _, err := hostAddress(host); err != nil {
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

// URLBracketFixes proposes URLs that put the bare IPv6 host of s in
// brackets, most likely first: when the last group can be a port and the
// rest is an address, that address with the port
// ("https://2001:db8::50:9696" gives https://[2001:db8::50]:9696), then the
// whole authority as an address (https://[2001:db8::50:9696]). Nil when s
// has no bare IPv6 host.
func URLBracketFixes(s string) []string {
	s = strings.TrimSpace(s)
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return nil
	}
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	if strings.HasPrefix(authority, "[") || strings.Count(authority, ":") < 2 {
		return nil
	}
	var out []string
	add := func(host, port string) {
		a, err := parseAddr(host)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return
		}
		u := scheme + "://[" + a.String() + "]"
		if port != "" {
			u += ":" + port
		}
		if ProviderURL(u+tail) == nil {
			out = append(out, u+tail)
		}
	}
	if i := strings.LastIndexByte(authority, ':'); i > 0 && !strings.HasSuffix(authority[:i], ":") {
		if p := authority[i+1:]; p != "" && len(p) <= 5 && allDigits(p) {
			if n, _ := strconv.Atoi(p); n >= 1 && n <= 65535 {
				add(authority[:i], p)
			}
		}
	}
	add(authority, "")
	return out
}

// bracketsHint is the hint for a bare IPv6 host: the most likely fix.
func bracketsHint(s string) string {
	if fixes := URLBracketFixes(s); len(fixes) > 0 {
		return "Put the IPv6 address in square brackets: " + fixes[0] + "."
	}
	return "Put an IPv6 address in square brackets, the port after the bracket: https://[2001:db8::1]:9696."
}
