package lab

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
)

func TestCanonAddr(t *testing.T) {
	for in, want := range map[string]string{
		"2001:DB8:0::50":           "2001:db8::50",
		"[2001:db8::50]":           "2001:db8::50",
		" 192.0.2.1 ":              "192.0.2.1",
		"::ffff:192.0.2.1":         "::ffff:192.0.2.1",
		"Foreman.Lab.Example.ORG.": "foreman.lab.example.org",
	} {
		if got := CanonAddr(in); got != want {
			t.Errorf("CanonAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEndpointKey(t *testing.T) {
	tests := []struct{ raw, want, err string }{
		{"https://[2001:DB8::50]:9696/v2.0", "https://[2001:db8::50]:9696", ""},
		{"HTTPS://foreman.lab.example.org", "https://foreman.lab.example.org:443", ""},
		{"http://[2001:db8::51]", "http://[2001:db8::51]:80", ""},
		{"http://192.0.2.9:8080/x", "http://192.0.2.9:8080", ""},
		{"ftp://[2001:db8::1]", "", "not an http(s) URL with a host"},
		{"https:///path", "", "not an http(s) URL with a host"},
		{"http://[::1", "", "missing ']'"},
	}
	for _, tc := range tests {
		got, err := EndpointKey(tc.raw)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("EndpointKey(%q) = %q, %v; want %q, %q", tc.raw, got, err, tc.want, tc.err)
		}
	}
}

func TestNewEndpoint(t *testing.T) {
	tests := []struct {
		raw, name, cn string
		wantSubject   string // "": no certificate (plain HTTP)
	}{
		{"http://[2001:db8::51]:9696", "plain", "", ""},
		{"https://[2001:db8::50]:9696", "lab", "ovirt-provider-ovn", "CN=ovirt-provider-ovn,O=v6admin lab"},
		{"https://satellite.lab.example.org/api", "sat", "", "CN=satellite.lab.example.org,O=v6admin lab"},
	}
	for _, tc := range tests {
		ep, err := NewEndpoint(tc.raw, tc.name, tc.cn, false)
		if err != nil {
			t.Fatal(err)
		}
		if ep.URL != tc.raw || ep.Name != tc.name || ep.Trusted {
			t.Errorf("%s: %+v", tc.raw, ep)
		}
		if tc.wantSubject == "" {
			if ep.CertPEM != "" {
				t.Errorf("%s: a plain HTTP endpoint has a certificate", tc.raw)
			}
			continue
		}
		c, err := ParseCertPEM(ep.CertPEM)
		if err != nil {
			t.Fatalf("%s: %v", tc.raw, err)
		}
		if c.Subject.String() != tc.wantSubject {
			t.Errorf("%s: subject %q, want %q", tc.raw, c.Subject, tc.wantSubject)
		}
		if len(Fingerprint(c)) != 64 {
			t.Errorf("%s: fingerprint %q", tc.raw, Fingerprint(c))
		}
	}
	if _, err := NewEndpoint("ftp://x", "x", "", false); err == nil {
		t.Error("NewEndpoint accepts ftp")
	}
	if _, err := ParseCertPEM("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\nextra"); err == nil {
		t.Error("ParseCertPEM accepts trailing data")
	}
}

// TestCatalog: every lab service has a usable key, https services present
// a certificate, storage servers and BMCs are stored under their canonical
// addresses, and no two services share a key.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Endpoints {
		ep, err := NewEndpoint(s.URL, s.Name, s.CN, s.Trusted)
		if err != nil {
			t.Fatalf("%s: %v", s.URL, err)
		}
		key, _ := EndpointKey(s.URL)
		if seen[key] {
			t.Errorf("%s: key %s twice", s.URL, key)
		}
		seen[key] = true
		if strings.HasPrefix(key, "https:") != (ep.CertPEM != "") {
			t.Errorf("%s: certificate %t", s.URL, ep.CertPEM != "")
		}
	}
	for _, s := range NFSServers {
		if s.Address != CanonAddr(s.Address) || len(s.Exports) == 0 {
			t.Errorf("NFS server %+v", s)
		}
	}
	for _, p := range Portals {
		if p.Address != CanonAddr(p.Address) || p.Port != 3260 {
			t.Errorf("portal %+v", p)
		}
	}
	for _, b := range BMCs {
		if b.Address != CanonAddr(b.Address) || b.Power != "on" || b.Host == "" {
			t.Errorf("BMC %+v", b)
		}
	}
}

func TestResolver(t *testing.T) {
	tests := []struct {
		network, host string
		want          []string
	}{
		{"ip", "host1.lab.example.org", []string{"192.0.2.12", "2001:db8:10::12"}},
		{"ip6", "HOST1.lab.example.org.", []string{"2001:db8:10::12"}},
		{"ip4", "host1.lab.example.org", []string{"192.0.2.12"}},
		{"ip", "foreman.lab.example.org", []string{"192.0.2.40"}},
		{"ip6", "foreman.lab.example.org", nil},
		{"ip", SeedUnresolvedBMC, nil},
	}
	for _, tc := range tests {
		got, err := Resolver{}.LookupNetIP(context.Background(), tc.network, tc.host)
		var ss []string
		for _, a := range got {
			ss = append(ss, a.String())
		}
		if strings.Join(ss, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s %s = %v, want %v", tc.network, tc.host, ss, tc.want)
		}
		var dns *net.DNSError
		if (tc.want == nil) != (err != nil) || (err != nil && (!errors.As(err, &dns) || !dns.IsNotFound)) {
			t.Errorf("%s %s: err %v", tc.network, tc.host, err)
		}
	}
}
