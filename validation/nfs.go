package validation

import (
	"net/netip"
	"strings"
)

// NFSExportPath checks an NFS export as the New Domain dialog takes it
// (LinuxMountPointValidation): "server:/path", where server is a host name, an
// IPv4 address or an IPv6 address in brackets ("[2001:db8::5]:/exports/data"),
// and path is absolute, ASCII, without spaces. Zones are refused: the engine
// cannot store them in a storage connection.
func NFSExportPath(s string) error {
	_, _, err := SplitNFSExportPath(s)
	return err
}

// SplitNFSExportPath checks s as NFSExportPath does and returns the server as
// the engine's storage.address wants it (IPv6 in brackets, RFC 5952) and the
// path.
func SplitNFSExportPath(s string) (server, path string, err error) {
	if s == "" {
		return "", "", fail(CodeEmpty, MsgEmpty, "")
	}
	if strings.TrimSpace(s) != s {
		return "", "", fail(CodeSpace, MsgNFS, "Remove the spaces before or after the path.")
	}
	if e := nfsURL(s); e != nil {
		return "", "", e
	}
	var host string
	if s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", fail(CodeSyntax, MsgNFS, "An IPv6 server in brackets must end with ], as in [2001:db8::5]:/exports/data.")
		}
		host, path = s[:end+1], s[end+1:]
		if !strings.HasPrefix(path, ":") {
			return "", "", fail(CodeSyntax, MsgNFS, "Separate the server and the path with \":\", as in "+host+":/exports/data.")
		}
		path = path[1:]
	} else {
		i := strings.Index(s, ":/")
		if i < 0 {
			return "", "", fail(CodeSyntax, MsgNFS, "Write the server, a colon and the absolute path, as in nfs.example.com:/exports/data.")
		}
		host, path = s[:i], s[i+1:]
		// A bare IPv6 server: the first ":/" may be inside it, so look at the last one.
		if j := strings.LastIndex(s, ":/"); strings.IndexByte(host, ':') >= 0 || j != i {
			if a, err := netip.ParseAddr(s[:j]); err == nil && a.Is6() {
				return "", "", fail(CodeBracketsRequired, MsgNFS, "Put the IPv6 address in square brackets: ["+s[:j]+"]"+s[j:]+".")
			}
		}
	}
	if host == "" {
		return "", "", fail(CodeSyntax, MsgNFS, "The server is missing before \":/\".")
	}
	kind, a, err := ParseHostAddress(host)
	if err != nil {
		return "", "", withMessage(err.(*Error), MsgNFS)
	}
	switch {
	case a.Zone() != "":
		return "", "", fail(CodeZone, MsgNFS, "The engine cannot store a zone (%"+a.Zone()+") in a storage connection; use a global or unique-local address.")
	case kind == HostIPv6 && host[0] != '[':
		return "", "", fail(CodeBracketsRequired, MsgNFS, "Put the IPv6 address in square brackets: ["+host+"]:"+path+".")
	}
	if err := checkPath(path); err != nil {
		return "", "", err
	}
	server = host
	switch kind {
	case HostIPv6:
		server = "[" + a.String() + "]"
	case HostIPv4:
		server = a.String() // the IPv4-mapped form is the IPv4 address
	}
	return server, path, nil
}

func checkPath(p string) error {
	if !strings.HasPrefix(p, "/") {
		return fail(CodePath, MsgNFS, "The path must be absolute, starting with /.")
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c <= ' ' || c == 0x7f:
			return fail(CodeSpace, MsgNFS, "This field can't contain spaces.")
		case c >= 0x80:
			return fail(CodePath, MsgNFS, "UTF characters are not allowed.")
		}
	}
	return nil
}

// nfsURL refuses an export written as a URL ("nfs://[2001:db8::60]/exports",
// "https://[2001:db8::50]:9696"), which the engine would read as the
// server "nfs" and the path "//…", and says the form to use.
func nfsURL(s string) *Error {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme == "" || strings.IndexFunc(scheme, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
	}) >= 0 {
		return nil
	}
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	host := authority
	if strings.HasPrefix(authority, "[") {
		if end := strings.IndexByte(authority, ']'); end > 0 {
			host = authority[:end+1]
		}
	} else if strings.Count(authority, ":") == 1 {
		host = authority[:strings.IndexByte(authority, ':')]
	} else if a, err := netip.ParseAddr(authority); err == nil && a.Is6() {
		host = "[" + authority + "]"
	}
	if host == "" {
		host = "nfs.example.com"
	}
	if path == "" || path == "/" {
		path = "/exports/data"
	}
	return fail(CodeScheme, MsgNFS, "Enter the export as server:/path, not as a URL: "+host+":"+path+".")
}
