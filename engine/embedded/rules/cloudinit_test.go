package rules

import (
	"slices"
	"testing"
)

func TestValidateCloudInit(t *testing.T) {
	yes, no := true, false
	const pre = "Cannot run VM. "
	tests := []struct {
		name     string
		protocol string
		nics     []CloudInitNIC
		want     []string
	}{
		{"static IPv6", "", []CloudInitNIC{{Name: "eth0", OnBoot: &yes, IPv6Protocol: "static", IPv6: "2001:db8::5"}}, nil},
		{"dhcp both", "openstack_metadata", []CloudInitNIC{{Name: "eth0", OnBoot: &yes, BootProtocol: "dhcp", IPv6Protocol: "dhcp"}}, nil},
		{"autoconf", "", []CloudInitNIC{{Name: "eth0", OnBoot: &yes, IPv6Protocol: "autoconf"}},
			[]string{pre + "Option 'autoconf' in cloud-init configuration is not supported."}},
		{"poly_dhcp_autoconf", "openstack_metadata", []CloudInitNIC{{Name: "eth0", OnBoot: &yes, IPv6Protocol: "poly_dhcp_autoconf"}},
			[]string{pre + "Option 'autoconf' in cloud-init configuration is not supported."}},
		{"on_boot missing, addresses missing", "", []CloudInitNIC{{Name: "eth0", BootProtocol: "static", IPv6Protocol: "static"}},
			[]string{pre + "Start On Boot selection in cloud-init configuration is invalid. Only 'true' is supported.",
				pre + "Static IPv4 address is missing in cloud-init configuration.",
				pre + "Static IPv6 address is missing in cloud-init configuration."}},
		{"on_boot false", "", []CloudInitNIC{{Name: "eth0", OnBoot: &no, BootProtocol: "dhcp"}},
			[]string{pre + "Start On Boot selection in cloud-init configuration is invalid. Only 'true' is supported."}},
		{"ENI checks nothing", "eni", []CloudInitNIC{{Name: "eth0", IPv6Protocol: "autoconf", BootProtocol: "static"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidateCloudInit("run", "VM", tt.protocol, tt.nics); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestENIDropsIPv6(t *testing.T) {
	for p, want := range map[string]bool{"": false, "openstack_metadata": false, "eni": true} {
		if ENIDropsIPv6(p) != want {
			t.Errorf("ENIDropsIPv6(%q) = %v", p, !want)
		}
	}
}
