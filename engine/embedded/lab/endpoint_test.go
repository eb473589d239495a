package lab

import (
	"net/netip"
	"testing"
)

func TestCertificate(t *testing.T) {
	tests := []struct {
		host, cn    string
		wantSubject string
		wantIP      string
		wantDNS     string
	}{
		{"2001:db8::50", "ovirt-provider-ovn", "CN=ovirt-provider-ovn,O=v6admin lab", "2001:db8::50", ""},
		{"[2001:DB8:0::50]", "ovirt-provider-ovn", "CN=ovirt-provider-ovn,O=v6admin lab", "2001:db8::50", ""},
		{"foreman.lab.example.org", "foreman.lab.example.org", "CN=foreman.lab.example.org,O=v6admin lab", "", "foreman.lab.example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			a, err := Certificate(tt.host, tt.cn)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Certificate(tt.host, tt.cn)
			if err != nil {
				t.Fatal(err)
			}
			if a != b {
				t.Fatal("the certificate of a host changes between calls")
			}
			c, err := ParseCertPEM(a)
			if err != nil {
				t.Fatal(err)
			}
			if c.Subject.String() != tt.wantSubject || c.Issuer.String() != tt.wantSubject {
				t.Errorf("subject %q issuer %q", c.Subject, c.Issuer)
			}
			if err := c.CheckSignatureFrom(c); err != nil {
				t.Errorf("not self-signed: %v", err)
			}
			if tt.wantIP != "" {
				if len(c.IPAddresses) != 1 {
					t.Fatalf("IP SANs %v", c.IPAddresses)
				}
				if ip, _ := netip.AddrFromSlice(c.IPAddresses[0]); ip.String() != tt.wantIP {
					t.Errorf("IP SAN %v", ip)
				}
			}
			if tt.wantDNS != "" && (len(c.DNSNames) != 1 || c.DNSNames[0] != tt.wantDNS) {
				t.Errorf("DNS SANs %v", c.DNSNames)
			}
		})
	}
	x, _ := Certificate("2001:db8::50", "ovirt-provider-ovn")
	y, _ := Certificate("2001:db8::51", "ovirt-provider-ovn")
	if x == y {
		t.Error("two hosts present the same certificate")
	}
}
