package validation

import "testing"

func TestCloudInitRules(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code Code
		msg  string
	}{
		{"ipv4 none", CloudInitIPv4BootProtocol("none"), "", ""},
		{"ipv4 empty is none", CloudInitIPv4BootProtocol(""), "", ""},
		{"ipv4 static", CloudInitIPv4BootProtocol("static"), "", ""},
		{"ipv4 autoconf", CloudInitIPv4BootProtocol("autoconf"), CodeSyntax, MsgCloudInitBootProtocol},
		{"ipv6 dhcp", CloudInitIPv6BootProtocol("dhcp"), "", ""},
		{"ipv6 static", CloudInitIPv6BootProtocol("static"), "", ""},
		{"ipv6 autoconf", CloudInitIPv6BootProtocol("autoconf"), CodeNotSupported, MsgCloudInitAutoconf},
		{"ipv6 dhcp+autoconf", CloudInitIPv6BootProtocol("poly_dhcp_autoconf"), CodeNotSupported, MsgCloudInitAutoconf},
		{"ipv6 other", CloudInitIPv6BootProtocol("slaac"), CodeSyntax, MsgCloudInitBootProtocol},
		{"static v4 without address", CloudInitStaticAddress("static", "", false), CodeEmpty, MsgCloudInitStaticIPv4},
		{"static v6 without address", CloudInitStaticAddress("static", "", true), CodeEmpty, MsgCloudInitStaticIPv6},
		{"static v6 with address", CloudInitStaticAddress("static", "2001:db8::5/64", true), "", ""},
		{"dhcp without address", CloudInitStaticAddress("dhcp", "", true), "", ""},
		{"protocol default", CloudInitNetworkProtocol(""), "", ""},
		{"protocol eni", CloudInitNetworkProtocol("eni"), "", ""},
		{"protocol other", CloudInitNetworkProtocol("nocloud"), CodeSyntax, MsgCloudInitNetworkFormat},
		{"eni ipv6 static", CloudInitENIIPv6("eni", "static", true), CodeNotSupported, MsgCloudInitENIIPv6},
		{"eni ipv6 dhcp", CloudInitENIIPv6("eni", "dhcp", false), CodeNotSupported, MsgCloudInitENIIPv6},
		{"eni ipv6 none with an address", CloudInitENIIPv6("eni", "none", true), CodeNotSupported, MsgCloudInitENIIPv6},
		{"eni ipv6 none", CloudInitENIIPv6("eni", "none", false), "", ""},
		{"eni no ipv6", CloudInitENIIPv6("eni", "", false), "", ""},
		{"openstack ipv6 static", CloudInitENIIPv6("openstack_metadata", "static", true), "", ""},
		{"default protocol ipv6 static", CloudInitENIIPv6("", "static", true), "", ""},
		{"search domain", DNSSearchDomain("lab.example.com"), "", ""},
		{"search domain IPv6", DNSSearchDomain("2001:db8::53"), CodeSyntax, MsgSearchDomain},
		{"search domain IPv4", DNSSearchDomain("192.0.2.53"), CodeSyntax, MsgSearchDomain},
		{"search domain bad label", DNSSearchDomain("lab_.example..com"), CodeHostname, MsgSearchDomain},
		{"search domain empty", DNSSearchDomain(""), CodeEmpty, MsgSearchDomain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.code == "" {
				if tt.err != nil {
					t.Fatalf("refused: %v", tt.err)
				}
				return
			}
			e, ok := tt.err.(*Error)
			if !ok {
				t.Fatalf("got %v, want %s", tt.err, tt.code)
			}
			if e.Code != tt.code || e.Message != tt.msg {
				t.Errorf("got %s %q, want %s %q", e.Code, e.Message, tt.code, tt.msg)
			}
		})
	}
}

// FuzzDNSSearchDomain: the rule never panics, and what it takes is a name.
func FuzzDNSSearchDomain(f *testing.F) {
	for _, s := range []string{"lab.example.com", "2001:db8::1", "a..b", "", "[::1]", "xn--bcher-kva.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if DNSSearchDomain(s) == nil {
			if k, _, err := ParseHostAddress(s); err != nil || k != HostName {
				t.Fatalf("%q taken but is not a host name (%v, %v)", s, k, err)
			}
		}
	})
}
