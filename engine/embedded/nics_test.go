package embedded

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"v6admin/engine/ovirt"
)

func TestNics(t *testing.T) {
	v := newEnv(t)
	h := v.hostByName("host0")
	nics := v.nics(h.ID)
	if len(nics) != 9 { // eth0-5, bond0, eth1.100, bond0.200
		t.Fatalf("%d nics: %v", len(nics), nics)
	}
	bond := nics["bond0"]
	if bond.Bonding == nil || len(bond.Bonding.Slaves.HostNic) != 2 || bond.Bonding.Slaves.HostNic[0].ID != nics["eth2"].ID || bond.Mtu.Value() != 9000 {
		t.Fatalf("bond %+v", bond)
	}
	if nics["eth2"].Mtu.Value() != 9000 {
		t.Fatal("slave MTU does not follow the bond")
	}
	vl := nics["bond0.200"]
	if vl.BaseInterface != "bond0" || vl.Vlan.ID.Value() != 200 || vl.Ipv6.Address != "2001:db8:200::11" || vl.Ip != nil || vl.BootProtocol != ovirt.BootProtocolNone {
		t.Fatalf("vlan %+v", vl)
	}
	eth0 := nics["eth0"]
	if eth0.Ip.Address != "192.0.2.11" || eth0.Ipv6.Address != "2001:db8:10::11" || eth0.Ipv6.Gateway != "2001:db8:10::1" || !eth0.Bridged.Value() || eth0.Network == nil {
		t.Fatalf("eth0 %+v", eth0)
	}
	if !strings.HasPrefix(eth0.Mac.Address, "3c:fd:fe:") || eth0.Speed.Value() != 10_000_000_000 {
		t.Fatalf("mac/speed %+v %v", eth0.Mac, eth0.Speed.Value())
	}
	if nics["eth4"].Ip != nil || nics["eth4"].Ipv6 != nil || nics["eth4"].Network != nil {
		t.Fatalf("unconfigured nic %+v", nics["eth4"])
	}
	b := v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+eth0.ID, nil, nil)
	if !strings.Contains(string(b), `"speed":"10000000000",`) || !strings.Contains(string(b), `"mtu":"1500"`) {
		t.Fatalf("nic JSON %s", b)
	}
	var st ovirt.Statistics
	v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+eth0.ID+"/statistics", nil, &st)
	names := map[string]bool{}
	for _, s := range st.Statistic {
		names[s.Name] = true
		if s.Values == nil || len(s.Values.Value) != 1 || s.HostNic.ID != eth0.ID {
			t.Fatalf("statistic %+v", s)
		}
	}
	for _, n := range []string{"data.current.rx", "data.current.tx", "data.current.rx.bps", "data.current.tx.bps", "data.total.rx", "data.total.tx", "errors.total.rx", "errors.total.tx"} {
		if !names[n] {
			t.Errorf("statistic %s missing", n)
		}
	}
	// host1: DHCPv4 + SLAAC management, SLAAC display
	h1 := v.hostByName("host1")
	n1 := v.nics(h1.ID)
	if n1["eth0"].BootProtocol != ovirt.BootProtocolDHCP || n1["eth0"].Ip == nil || n1["eth0"].Ipv6BootProtocol != ovirt.BootProtocolAutoconf ||
		!strings.HasPrefix(n1["eth0"].Ipv6.Address, "2001:db8:10:0:") || !strings.HasPrefix(n1["eth0"].Mac.Address, "0c:42:a1:") {
		t.Fatalf("host1 eth0 %+v", n1["eth0"])
	}
}

// TestNicsFollowStatistics checks GET /hosts/{id}/nics?follow=statistics:
// each NIC carries exactly what its statistics sub-collection answers at
// the same moment, and follow values without statistics are ignored.
func TestNicsFollowStatistics(t *testing.T) {
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	v := newEnv(t, func(c *Config) { c.Clock = func() time.Time { return at } })
	h := v.hostByName("host0")
	type nicStats struct {
		ID         string          `json:"id"`
		Name       string          `json:"name"`
		Statistics json.RawMessage `json:"statistics"`
	}
	compact := func(b []byte) string {
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		return buf.String()
	}
	tests := []struct {
		follow string // the query; "" sends none
		inline bool
	}{
		{"", false},
		{"follow=statistics", true},
		{"follow=Statistics", true},
		{"follow=networkattachments,+statistics", true},
		{"follow=statistics.host_nic", true},
		{"follow=networkattachments&follow=statistics", true},
		{"follow=", false},
		{"follow=networkattachments", false},
		{"follow=no_such_link", false},
		{"follow=stats", false},
	}
	for _, tt := range tests {
		t.Run(tt.follow, func(t *testing.T) {
			var list struct {
				HostNic []nicStats `json:"host_nic"`
			}
			v.must(200, "GET", "/hosts/"+h.ID+"/nics?"+tt.follow, nil, &list)
			if len(list.HostNic) != 9 {
				t.Fatalf("%d nics", len(list.HostNic))
			}
			for _, n := range list.HostNic {
				if !tt.inline {
					if n.Statistics != nil {
						t.Errorf("%s: statistics %s, want none", n.Name, n.Statistics)
					}
					continue
				}
				want := compact(v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+n.ID+"/statistics", nil, nil))
				if n.Statistics == nil || compact(n.Statistics) != want {
					t.Errorf("%s: inline statistics\n%s\nwant the sub-collection's\n%s", n.Name, n.Statistics, want)
				}
				var one nicStats
				v.must(200, "GET", "/hosts/"+h.ID+"/nics/"+n.ID+"?"+tt.follow, nil, &one)
				if one.Statistics == nil || compact(one.Statistics) != want {
					t.Errorf("%s: GET nic statistics %s, want %s", n.Name, one.Statistics, want)
				}
			}
		})
	}
	v.must(404, "GET", "/hosts/"+newID()+"/nics?follow=statistics", nil, nil)
}
