package rules

import "strings"

// ValidHostname is ValidationUtils.validHostname, the rule of @HostnameOrIp
// (a host's address, a fence agent's address): the address is valid when
// java.net.URI parses "http://" + address with exactly that host, or else
// "http://[" + address + "]". So it follows RFC 2396/2732 as java.net.URI
// implements them: hostnames of [A-Za-z0-9-] labels whose last label starts
// with a letter when there are several ("host.123" fails, "123" passes), a
// trailing dot allowed, no length limit per label; IPv4 with one to three
// digit fields each at most 255; IPv6 with or without brackets, with a zone
// (fe80::1%eth0) and with embedded IPv4 (::ffff:192.0.2.1). Null or blank
// is invalid; the value is not trimmed.
func ValidHostname(address string) bool {
	if strings.TrimSpace(address) == "" {
		return false
	}
	return uriHostIs(address) || uriHostIs("["+address+"]")
}

// uriHostIs reports whether java.net.URI("http://" + s).getHost() equals
// s: the authority is s (no '/', '?' or '#') and parses as a server-based
// authority whose host is all of it (no user info, no port).
func uriHostIs(s string) bool {
	if strings.ContainsAny(s, "/?#@") {
		return false
	}
	p := &uriParser{s: s}
	end, ok := p.host(0)
	return ok && end == len(s)
}

// uriParser follows java.net.URI.Parser's parseServer for the host part.
type uriParser struct {
	s         string
	byteCount int
}

func (p *uriParser) at(i int, c byte) bool { return i < len(p.s) && p.s[i] == c }

func (p *uriParser) host(start int) (int, bool) {
	s := p.s
	if p.at(start, '[') {
		q := strings.IndexByte(s[start+1:], ']')
		if q <= 0 {
			return 0, false
		}
		q += start + 1
		ref := s[start+1 : q]
		if r := strings.IndexByte(ref, '%'); r >= 0 {
			if !p.ipv6Reference(ref[:r]) || r+1 == len(ref) || !scopeID(ref[r+1:]) {
				return 0, false
			}
		} else if !p.ipv6Reference(ref) {
			return 0, false
		}
		return q + 1, true
	}
	if q, ok := p.ipv4Host(start); ok {
		return q, true
	}
	return p.hostname(start)
}

func scopeID(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' && s[i] != '.' {
			return false
		}
	}
	return true
}

// ipv4Host is parseIPv4Address: an IPv4 address that ends the string or is
// followed by ':'.
func (p *uriParser) ipv4Host(start int) (int, bool) {
	q, ok := scanIPv4(p.s, start, len(p.s), false)
	if !ok {
		return 0, false
	}
	if q < len(p.s) && p.s[q] != ':' {
		return 0, false
	}
	return q, true
}

// scanIPv4 is scanIPv4Address: four dotted decimal bytes (any number of
// digits, value at most 255) over the run of digits and dots from start;
// strict requires the run to reach n.
func scanIPv4(s string, start, n int, strict bool) (int, bool) {
	m := start
	for m < n && (s[m] == '.' || s[m] >= '0' && s[m] <= '9') {
		m++
	}
	if m <= start || strict && m != n {
		return 0, false
	}
	p := start
	for i := 0; i < 4; i++ {
		if i > 0 {
			if p >= m || s[p] != '.' {
				return 0, false
			}
			p++
		}
		q := p
		for q < m && s[q] >= '0' && s[q] <= '9' {
			q++
		}
		if q == p || !byteValue(s[p:q]) {
			return 0, false
		}
		p = q
	}
	return p, p == m
}

// byteValue is scanByte's Integer.parseInt(digits) <= 255 (leading zeros
// allowed; a number too big for an int fails).
func byteValue(d string) bool {
	d = strings.TrimLeft(d, "0")
	if len(d) > 3 {
		return false
	}
	n := 0
	for i := 0; i < len(d); i++ {
		n = n*10 + int(d[i]-'0')
	}
	return n <= 255
}

// hostname is parseHostname: labels alphanum [alphanum|-]* not ending in
// '-', separated by dots (a trailing dot allowed); when there are several
// labels the last must start with a letter; the host ends the string or is
// followed by ':'.
func (p *uriParser) hostname(start int) (int, bool) {
	s, n := p.s, len(p.s)
	i, last := start, -1
	for i < n {
		q := i
		for q < n && isAlnum(s[q]) {
			q++
		}
		if q == i {
			break
		}
		last = i
		for q < n && (isAlnum(s[q]) || s[q] == '-') {
			q++
		}
		if s[q-1] == '-' {
			return 0, false
		}
		i = q
		if i < n && s[i] == '.' {
			i++
			continue
		}
		break
	}
	if i < n && s[i] != ':' {
		return 0, false
	}
	if last < 0 {
		return 0, false
	}
	if last > start && !(s[last] >= 'a' && s[last] <= 'z' || s[last] >= 'A' && s[last] <= 'Z') {
		return 0, false
	}
	return i, true
}

// ipv6Reference is parseIPv6Reference: hex groups of 1-4 digits with at
// most one "::", optionally ending in an IPv4 address; 16 bytes exactly
// without "::", fewer with it.
func (p *uriParser) ipv6Reference(ref string) bool {
	p.byteCount = 0
	n := len(ref)
	i, compressed := 0, false
	q, ok := p.hexSeq(ref, 0)
	if !ok {
		return false
	}
	switch {
	case q > 0:
		i = q
		if strings.HasPrefix(ref[i:], "::") {
			compressed = true
			if i, ok = p.hexPost(ref, i+2); !ok {
				return false
			}
		} else if i < n && ref[i] == ':' {
			e, ok := scanIPv4(ref, i+1, n, true)
			if !ok {
				return false
			}
			i = e
			p.byteCount += 4
		}
	case strings.HasPrefix(ref, "::"):
		compressed = true
		if i, ok = p.hexPost(ref, 2); !ok {
			return false
		}
	}
	switch {
	case i < n, p.byteCount > 16:
		return false
	case !compressed && p.byteCount < 16:
		return false
	case compressed && p.byteCount == 16:
		return false
	}
	return true
}

func (p *uriParser) hexPost(ref string, i int) (int, bool) {
	n := len(ref)
	if i == n {
		return i, true
	}
	q, ok := p.hexSeq(ref, i)
	if !ok {
		return 0, false
	}
	if q > i {
		i = q
		if i < n && ref[i] == ':' {
			e, ok := scanIPv4(ref, i+1, n, true)
			if !ok {
				return 0, false
			}
			p.byteCount += 4
			return e, true
		}
		return i, true
	}
	e, ok := scanIPv4(ref, i, n, true)
	if !ok {
		return 0, false
	}
	p.byteCount += 4
	return e, true
}

// hexSeq is scanHexSeq: returns start (no progress) when no hex group
// starts here or an IPv4 address does; ok is false on a malformed
// sequence (a group over 4 digits, ':' not followed by a group).
func (p *uriParser) hexSeq(ref string, start int) (int, bool) {
	n := len(ref)
	q := scanHex(ref, start)
	if q <= start || (q < n && ref[q] == '.') {
		return start, true
	}
	if q > start+4 {
		return 0, false
	}
	p.byteCount += 2
	i := q
	for i < n {
		if ref[i] != ':' || (i+1 < n && ref[i+1] == ':') {
			break
		}
		i++
		q = scanHex(ref, i)
		if q <= i {
			return 0, false
		}
		if q < n && ref[q] == '.' {
			i--
			break
		}
		if q > i+4 {
			return 0, false
		}
		p.byteCount += 2
		i = q
	}
	return i, true
}

func scanHex(s string, i int) int {
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f' || s[i] >= 'A' && s[i] <= 'F') {
		i++
	}
	return i
}
