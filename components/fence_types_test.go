package components

import (
	"reflect"
	"testing"
	"v6admin/components/form"

	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

func TestFenceTypesAreTheEngines(t *testing.T) {
	var names []string
	for _, ft := range fenceTypes {
		names = append(names, ft.Name)
	}
	if !reflect.DeepEqual(names, ovirt.FenceAgentTypes) {
		t.Fatalf("fence types %v, the engine's %v", names, ovirt.FenceAgentTypes)
	}
	tests := []struct {
		name                        string
		port, slot, secure, encrypt bool
		slotLabel                   string
	}{
		{"ipmilan", true, false, false, false, "Slot"},
		{"apc", true, true, true, false, "Slot"},
		{"apc_snmp", true, false, false, true, "Slot"},
		{"cisco_ucs", false, true, true, false, "Service Profile"},
		{"redfish", true, false, true, false, "Slot"},
		{"eps", false, true, false, false, "Slot"},
	}
	for _, tt := range tests {
		ft, ok := fenceTypeOf(tt.name)
		if !ok || ft.Port != tt.port || ft.Slot != tt.slot || ft.Secure != tt.secure || ft.Encrypt != tt.encrypt || ft.slotLabel() != tt.slotLabel {
			t.Errorf("%s: %+v", tt.name, ft)
		}
	}
	if _, ok := fenceTypeOf("foo"); ok {
		t.Error("foo is a fence type")
	}
}

func TestParseOptions(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]string
		hint string
	}{
		{"", map[string]string{}, ""},
		{"lanplus=1", map[string]string{"lanplus": "1"}, ""},
		{" lanplus = 1 , power_wait=4,ssl_insecure=1 ", map[string]string{"lanplus": "1", "power_wait": "4", "ssl_insecure": "1"}, ""},
		{"lanplus", nil, "“lanplus” has no value: write lanplus=1 or the value it needs."},
		{"a=1,,b=2", nil, "Remove the empty entry between two commas."},
		{"=1", nil, "“=1” has no key before the =."},
		{"a b=1", nil, "Keys use letters, digits, _ and - only (at most 64): “a b” does not."},
		{"a=1,a=2", nil, "a is given twice."},
	}
	for _, tt := range tests {
		got, err := parseOptions(tt.in)
		if tt.hint != "" {
			pr := form.ProblemOf(err)
			if pr == nil || pr.Message != msgOptions || pr.Hint != tt.hint {
				t.Errorf("parseOptions(%q) = %v, %+v; want hint %q", tt.in, got, pr, tt.hint)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseOptions(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if s := formatOptions(map[string]string{"port": "623", "slot": "2", "lanplus": "1", "b": "x"}, optSlot, optPort); s != "b=x, lanplus=1" {
		t.Errorf("formatOptions = %q", s)
	}
}

func TestDuplicateAgents(t *testing.T) {
	others := []wire.Agent{
		{Address: wire.Addr{Address: "2001:db8:20::13", Kind: validation.HostIPv6}, Type: "ipmilan"},
		{Address: wire.Addr{Address: "bmc1.example.com", Kind: validation.HostName}, Type: "redfish"},
		{Address: wire.Addr{Address: "192.0.2.50", Kind: validation.HostIPv4}, Type: "ipmilan"},
	}
	tests := []struct {
		address, typ string
		dup          bool
	}{
		{"2001:DB8:20:0:0:0:0:13", "ipmilan", true},
		{"[2001:db8:20::13]", "ipmilan", true},
		{"2001:db8:20::13", "redfish", false},
		{"2001:db8:20::14", "ipmilan", false},
		{"BMC1.example.com.", "redfish", true},
		{"::ffff:192.0.2.50", "ipmilan", true}, // the IPv4 address it maps (issue 11)
	}
	for _, tt := range tests {
		err := checkDuplicate(tt.address, tt.typ, others)
		if (err != nil) != tt.dup || (err != nil && err.Error() != "Duplicate fence agent found.") {
			t.Errorf("checkDuplicate(%q, %q) = %v", tt.address, tt.typ, err)
		}
	}
}

func TestSmallRules(t *testing.T) {
	if checkPassword(string(make([]rune, 50))) != nil || checkPassword("123456789012345678901234567890123456789012345678901") == nil {
		t.Error("the password limit is 50 characters")
	}
	for _, s := range []string{"0", "65536", "22a", "-1", ""} {
		if checkPort(s) == nil {
			t.Errorf("checkPort(%q) passed", s)
		}
	}
	for _, s := range []string{"host-1", "host_1.lab", "H9"} {
		if err := checkObjectName(s); err != nil {
			t.Errorf("checkObjectName(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"my host", "host/1", "hôte"} {
		if checkObjectName(s) == nil {
			t.Errorf("checkObjectName(%q) passed", s)
		}
	}
}
