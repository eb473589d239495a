package api

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"v6admin/wire"
)

// statJSON is one engine statistic with a single datum.
func statJSON(name string, v float64) string {
	return `{"name": "` + name + `", "values": {"value": [{"datum": ` + strconv.FormatFloat(v, 'f', -1, 64) + `}]}}`
}

// traffic is the traffic members of a NIC's JSON ("" when it has none).
func traffic(n wire.NIC) string {
	b, _ := json.Marshal(n)
	s := string(b)
	if i := strings.Index(s, `"bridged":false`); i >= 0 {
		s = strings.TrimPrefix(strings.TrimSuffix(s[i+len(`"bridged":false`):], "}"), ",")
	}
	return s
}

// TestHostNetworkStatistics checks where GET /api/hosts/:id/network takes
// the NICs' traffic from: the statistics the engine sends inline with
// follow=statistics, per-NIC calls only for NICs that came without any,
// the plain list when the engine refuses follow, nothing with
// statistics=false; and that statistics= takes only true or false.
func TestHostNetworkStatistics(t *testing.T) {
	stats1 := `{"statistic": [` + statJSON("data.current.rx.bps", 8000) + `,` + statJSON("data.current.tx.bps", 16000) + `,` +
		statJSON("data.total.rx", 5000) + `,` + statJSON("data.total.tx", 7000) + `,` +
		statJSON("errors.total.rx", 2) + `,` + statJSON("errors.total.tx", 3) + `]}`
	want1 := `"rx_rate_bps":8000,"tx_rate_bps":16000,"rx_total_bytes":5000,"tx_total_bytes":7000,"drops":5`
	stats2 := `{"statistic": [` + statJSON("data.current.rx", 1000) + `,` + statJSON("data.current.tx", 10) + `]}`
	want2 := `"rx_rate_bps":8000,"tx_rate_bps":80`
	nics := func(s1, s2 string) string {
		nic := func(id, name, st string) string {
			if st != "" {
				st = `, "statistics": ` + st
			}
			return `{"id": "` + id + `", "name": "` + name + `", "status": "up"` + st + `}`
		}
		return `{"host_nic": [` + nic("n1", "eth0", s1) + `, ` + nic("n2", "eth1", s2) + `]}`
	}
	const (
		follow   = "GET /hosts/h1/nics?follow=statistics"
		anyQuery = "GET /hosts/h1/nics"
	)
	fault := `{"reason": "Operation Failed", "detail": "[Problem following 'statistics' link in HostNics entity.]"}`
	tests := []struct {
		name, query  string
		nics         map[string]engineReply // the NIC list routes
		status       int
		eth0, eth1   string   // traffic members
		nicsQueries  []string // the raw queries of the engine's NIC list calls
		perNIC       []string // NICs whose statistics were read one by one
		invalidParam bool     // 400 on statistics, no engine call
	}{
		{name: "default: inline statistics", nics: map[string]engineReply{follow: fixed(200, nics(stats1, stats2))},
			status: 200, eth0: want1, eth1: want2, nicsQueries: []string{"follow=statistics"}},
		{name: "statistics=true", query: "?statistics=true", nics: map[string]engineReply{follow: fixed(200, nics(stats1, stats2))},
			status: 200, eth0: want1, eth1: want2, nicsQueries: []string{"follow=statistics"}},
		{name: "inline empty statistics are none", nics: map[string]engineReply{follow: fixed(200, nics(stats1, `{}`))},
			status: 200, eth0: want1, eth1: "", nicsQueries: []string{"follow=statistics"}},
		{name: "older engine ignores follow", nics: map[string]engineReply{anyQuery: fixed(200, nics("", ""))},
			status: 200, eth0: want1, eth1: want2, nicsQueries: []string{"follow=statistics"}, perNIC: []string{"n1", "n2"}},
		{name: "only NICs without inline statistics read one by one", nics: map[string]engineReply{follow: fixed(200, nics(stats1, ""))},
			status: 200, eth0: want1, eth1: want2, nicsQueries: []string{"follow=statistics"}, perNIC: []string{"n2"}},
		{name: "engine refuses follow (400)", nics: map[string]engineReply{follow: fixed(400, fault), anyQuery: fixed(200, nics("", ""))},
			status: 200, eth0: want1, eth1: want2, nicsQueries: []string{"follow=statistics", ""}, perNIC: []string{"n1", "n2"}},
		{name: "engine fails follow (500)", nics: map[string]engineReply{follow: fixed(500, fault), anyQuery: fixed(200, nics("", ""))},
			status: 200, eth0: want1, eth1: want2, nicsQueries: []string{"follow=statistics", ""}, perNIC: []string{"n1", "n2"}},
		{name: "unknown host is not retried", nics: map[string]engineReply{follow: fixed(404, ""), anyQuery: fixed(200, nics("", ""))},
			status: 404, nicsQueries: []string{"follow=statistics"}},
		{name: "statistics=false", query: "?statistics=false", nics: map[string]engineReply{anyQuery: fixed(200, nics("", ""))},
			status: 200, eth0: "", eth1: "", nicsQueries: []string{""}},
		{name: "statistics=false, first of two", query: "?statistics=false&statistics=true", nics: map[string]engineReply{anyQuery: fixed(200, nics("", ""))},
			status: 200, eth0: "", eth1: "", nicsQueries: []string{""}},
		{name: "yes", query: "?statistics=yes", invalidParam: true},
		{name: "empty", query: "?statistics=", invalidParam: true},
		{name: "upper case", query: "?statistics=TRUE", invalidParam: true},
		{name: "digit", query: "?statistics=0", invalidParam: true},
		{name: "second invalid", query: "?statistics=false&statistics=no", invalidParam: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := map[string]engineReply{
				"GET /hosts/h1":                    fixed(200, `{"id": "h1", "name": "h1", "address": "2001:db8::1", "status": "up"}`),
				"GET /hosts/h1/networkattachments": fixed(200, `{}`),
				"GET /hosts/h1/nics/n1/statistics": fixed(200, stats1),
				"GET /hosts/h1/nics/n2/statistics": fixed(200, stats2),
			}
			for k, v := range tt.nics {
				routes[k] = v
			}
			env := newAPIEnv(t, routes)
			status, body := env.call(t, "GET", "/api/hosts/h1/network"+tt.query, "")
			if tt.invalidParam {
				if status != 400 || envelope(t, body).Code != "validation_failed" {
					t.Fatalf("%d %s", status, body)
				}
				wantFields(t, body, map[string]string{"statistics": "wrong_type: This parameter must be true or false."})
				if calls := env.engine.Requests(); len(calls) != 0 {
					t.Errorf("engine called: %+v", calls)
				}
				return
			}
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			if got := env.queries("GET", "/hosts/h1/nics"); strings.Join(got, "|") != strings.Join(tt.nicsQueries, "|") {
				t.Errorf("NIC list queries %q, want %q", got, tt.nicsQueries)
			}
			var perNIC []string
			for _, id := range []string{"n1", "n2"} {
				if n := len(env.sent("GET", "/hosts/h1/nics/"+id+"/statistics")); n > 0 {
					perNIC = append(perNIC, id+strings.Repeat("+", n-1))
				}
			}
			if strings.Join(perNIC, ",") != strings.Join(tt.perNIC, ",") {
				t.Errorf("statistics read one by one for %v, want %v", perNIC, tt.perNIC)
			}
			if status != 200 {
				return
			}
			var v wire.HostNetwork
			if err := json.Unmarshal([]byte(body), &v); err != nil || len(v.NICs) != 2 {
				t.Fatalf("%v %s", err, body)
			}
			if g := traffic(v.NICs[0]); g != tt.eth0 {
				t.Errorf("eth0 traffic %s, want %s", g, tt.eth0)
			}
			if g := traffic(v.NICs[1]); g != tt.eth1 {
				t.Errorf("eth1 traffic %s, want %s", g, tt.eth1)
			}
		})
	}
}
