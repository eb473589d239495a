package validation

import "testing"

func TestNFSExportPath(t *testing.T) {
	check(t, "NFSExportPath", NFSExportPath, map[string]Code{
		"nfs.example.com:/exports/data": "",
		"nfs:/":                         "",
		"192.0.2.5:/exports/data":       "",
		"[2001:db8::5]:/exports/data":   "",
		"[2001:DB8::5]:/exports/data/":  "",
		"[::ffff:192.0.2.5]:/x":         "",
		"2001:db8::5:/exports/data":     CodeBracketsRequired,
		"::1:/x":                        CodeBracketsRequired,
		"[fe80::1%eth0]:/x":             CodeZone,
		"[192.0.2.5]:/x":                CodeBrackets,
		"[2001:db8::5]/x":               CodeSyntax,
		"[2001:db8::5:/x":               CodeSyntax,
		"nfs.example.com":               CodeSyntax,
		"nfs.example.com:exports":       CodeSyntax,
		":/exports":                     CodeSyntax,
		"nfs.example.com:/my exports":   CodeSpace,
		" nfs:/x":                       CodeSpace,
		"nfs.example.com:/données":      CodePath,
		"256.1.1.1:/x":                  CodeNumericName,
		"my_nfs:/x":                     CodeHostname,
		"":                              CodeEmpty,
	})
}

func TestSplitNFSExportPath(t *testing.T) {
	tests := []struct{ in, server, path string }{
		{"[2001:DB8:0::5]:/exports/data", "[2001:db8::5]", "/exports/data"},
		{"nfs.example.com:/a:/b", "nfs.example.com", "/a:/b"},
		{"192.0.2.5:/", "192.0.2.5", "/"},
	}
	for _, tt := range tests {
		server, path, err := SplitNFSExportPath(tt.in)
		if err != nil || server != tt.server || path != tt.path {
			t.Errorf("SplitNFSExportPath(%q) = %q, %q, %v", tt.in, server, path, err)
		}
	}
}

func TestProviderURL(t *testing.T) {
	check(t, "ProviderURL", ProviderURL, map[string]Code{
		"http://localhost:9696":                 "",
		"https://neutron.example.com:9696/v2.0": "",
		"HTTPS://neutron.example.com/":          "",
		"https://[2001:db8::1]:9696":            "",
		"https://[2001:db8::1]":                 "",
		"http://192.0.2.1:35357/v3?x=1#f":       "",
		"https://2001:db8::1:9696/":             CodeBracketsRequired,
		"http://::1:3128":                       CodeBracketsRequired,
		"https://[fe80::1%25eth0]:9696":         CodeZone,
		"https://[fe80::1%eth0]:9696":           CodeZone,
		"https://[192.0.2.1]/":                  CodeBrackets,
		"https://[2001:db8::1]x/":               CodeSyntax,
		"https://[2001:db8::1/":                 CodeSyntax,
		"https://host:0/":                       CodePort,
		"https://host:65536/":                   CodePort,
		"https://host:/":                        CodePort,
		"https://host:+80/":                     CodePort,
		"ftp://host/":                           CodeScheme,
		"host:9696":                             CodeScheme,
		"//host/":                               CodeScheme,
		"https:///path":                         CodeSyntax,
		"https://user:pw@host/":                 CodeSyntax,
		"https://my_host/":                      CodeHostname,
		"https://256.1.1.1/":                    CodeNumericName,
		"https://host/a b":                      CodeSpace,
		"https://host/%zz":                      CodeSyntax,
		"":                                      CodeEmpty,
	})
	u, err := ParseProviderURL("HTTPS://[2001:DB8:0::1]:9696/v2.0")
	if err != nil || u.String() != "https://[2001:db8::1]:9696/v2.0" || u.Hostname() != "2001:db8::1" || u.Port() != "9696" {
		t.Errorf("ParseProviderURL = %v, %v", u, err)
	}
}

func TestForEngine(t *testing.T) {
	tests := []struct {
		f        EngineField
		in, want string
		code     Code
	}{
		{EngineIPConfig, "::ffff:192.0.2.1", "::ffff:c000:201", ""},
		{EngineIPConfig, "2001:DB8:0:0:0:0:0:1", "2001:db8::1", ""},
		{EngineIPConfig, "64:ff9b::192.0.2.33", "64:ff9b::c000:221", ""},
		{EngineIPConfig, "192.0.2.1", "192.0.2.1", ""},
		{EngineIPConfig, "fe80::1%eth0", "", CodeZone},
		{EngineHostAddress, "[2001:db8::1234]", "2001:db8::1234", ""},
		{EngineHostAddress, "Host.Example.com", "Host.Example.com", ""},
		{EngineHostAddress, "::ffff:192.0.2.13", "192.0.2.13", ""}, // the IPv4 address it is
		{EngineISCSIPortal, "[::ffff:192.0.2.5]", "192.0.2.5", ""},
		{EngineNFSServer, "[::ffff:192.0.2.5]", "192.0.2.5", ""},
		{EngineHostAddress, "fe80::1%eth0", "fe80::1%eth0", ""},
		{EngineNFSServer, "2001:db8::5", "[2001:db8::5]", ""},
		{EngineNFSServer, "[2001:db8:0::5]", "[2001:db8::5]", ""},
		{EngineNFSServer, "nfs.example", "nfs.example", ""},
		{EngineNFSServer, "fe80::5%eth0", "", CodeZone},
		{EngineISCSIPortal, "[2001:db8::5]", "2001:db8::5", ""},
		{EngineISCSIPortal, "fe80::5%eth0", "", CodeZone},
		{EngineISCSIPortal, "256.1.1.1", "", CodeNumericName},
		{EngineField(99), "x", "", CodeSyntax},
	}
	for _, tt := range tests {
		got, err := ForEngine(tt.f, tt.in)
		if CodeOf(err) != tt.code || got != tt.want {
			t.Errorf("ForEngine(%d, %q) = %q, %v; want %q, %q", tt.f, tt.in, got, err, tt.want, tt.code)
		}
	}
}
