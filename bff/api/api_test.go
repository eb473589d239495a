package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// TestShapeTags: the validator checks shape only (required, enums and the
// engine's fence agent types), with validation's codes and oVirt's
// messages; the values' rules are the wire requests' Validate (tested in
// package wire), which bind runs after it.
func TestShapeTags(t *testing.T) {
	type probe struct {
		Agent string `json:"agent" validate:"omitempty,fenceagenttype"`
		Kind  string `json:"kind" validate:"omitempty,oneof=network host"`
		Need  string `json:"need" validate:"required"`
	}
	tests := []struct {
		in      probe
		field   string // "" = valid
		code    string
		message string
	}{
		{probe{Agent: "ipmilan"}, "", "", ""},
		{probe{Agent: "telnet"}, "agent", "not_supported", "Selected Power Management Agent is not supported."},
		{probe{Kind: "host"}, "", "", ""},
		{probe{Kind: "storage"}, "kind", "not_allowed", "This field must be one of: network, host."},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d_%+v", i, tt.in), func(t *testing.T) {
			tt.in.Need = "x"
			e := validateStruct(&tt.in)
			if tt.field == "" {
				if e != nil {
					t.Fatalf("refused: %v", e.Fields)
				}
				return
			}
			if e == nil {
				t.Fatal("accepted")
			}
			fe, ok := e.Fields[tt.field]
			if !ok || len(e.Fields) != 1 {
				t.Fatalf("fields %v", e.Fields)
			}
			if fe.Code != tt.code || !strings.HasPrefix(fe.Message, tt.message) {
				t.Errorf("%+v, want %s: %s", fe, tt.code, tt.message)
			}
		})
	}
	var p probe
	if e := validateStruct(&p); e == nil || e.Fields["need"].Code != "empty" || e.Fields["need"].Message != "This field can't be empty." {
		t.Fatalf("required: %v", e)
	}
}

// TestWireTagsRegistered validates a zero and a filled value of every
// request type of package wire: a validate tag the validator does not
// know would panic here, not in a handler.
func TestWireTagsRegistered(t *testing.T) {
	for _, v := range []any{
		&wire.LoginRequest{}, &wire.AddHostRequest{FenceAgents: []wire.FenceAgentRequest{{}}, PowerManagement: &wire.PowerMgmtRequest{}},
		&wire.EditHostRequest{}, &wire.FenceAgentRequest{}, &wire.OrderRequest{},
		&wire.SetupNetworksRequest{Attachments: []wire.AttachmentRequest{{IPv4: &wire.IPv4Request{}, IPv6: &wire.IPv6Request{}}}, Bonds: []wire.BondRequest{{Options: map[string]string{"": ""}}}},
		&wire.ProviderRequest{}, &wire.ProviderTestRequest{}, &wire.ImportRequest{},
		&wire.NFSDomainRequest{}, &wire.ISCSIDomainRequest{LUNs: []wire.LUNRequest{{}}}, &wire.ISCSIRequest{},
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%T: %v", v, r)
				}
			}()
			validateStruct(v)
		}()
	}
}

// TestNestedFieldPaths: a fence agent's error is on its dotted path, from
// the request's Validate as bind runs it.
func TestNestedFieldPaths(t *testing.T) {
	req := wire.AddHostRequest{Name: "h", Address: validation.HostOf("h.example"), RootPassword: "x",
		FenceAgents: []wire.FenceAgentRequest{{Address: validation.HostOf("ok.example"), Type: "ipmilan", Username: "u"}, {Address: validation.HostOf("[::1"), Type: "ipmilan", Username: "u"}}}
	if e := validateStruct(&req); e != nil {
		t.Fatalf("shape: %v", e)
	}
	f := req.Validate()
	if len(f) != 1 {
		t.Fatalf("%v", f)
	}
	if _, ok := f["fence_agents.1.address"]; !ok {
		t.Fatalf("fields %v", f)
	}
}

func TestCheckIP(t *testing.T) {
	tests := []struct {
		name                 string
		v6                   bool
		proto, addr, mask    string
		gw                   string
		errField             string
		warn                 bool
		wantAddr, wantMask   string
		wantGateway, wantErr string
	}{
		{name: "v6 static with prefix in the address", v6: true, proto: "static", addr: "2001:DB8::5/64", wantAddr: "2001:db8::5", wantMask: "64"},
		{name: "v6 static with a separate prefix", v6: true, proto: "static", addr: "2001:db8::5", mask: "/64", wantAddr: "2001:db8::5", wantMask: "64"},
		{name: "v6 IPv4-mapped is IPv4 (issue 11)", v6: true, proto: "static", addr: "::ffff:192.0.2.1/96", errField: "address"},
		{name: "v6 NAT64 in hex", v6: true, proto: "static", addr: "64:ff9b::192.0.2.1/96", wantAddr: "64:ff9b::c000:201", wantMask: "96"},
		{name: "v6 unspecified (issue 11)", v6: true, proto: "static", addr: "::/64", errField: "address"},
		{name: "v6 multicast", v6: true, proto: "static", addr: "ff02::1", mask: "64", errField: "address"},
		{name: "v6 loopback", v6: true, proto: "static", addr: "::1/128", errField: "address"},
		{name: "v6 zoned link-local address", v6: true, proto: "static", addr: "fe80::1%eth0", mask: "64", errField: "address"},
		{name: "v4 loopback", proto: "static", addr: "127.0.0.1/8", errField: "address"},
		{name: "v6 link-local gateway with zone refused by the engine", v6: true, proto: "static", addr: "2001:db8::5/64", gw: "fe80::1%eth0", errField: "gateway"},
		{name: "v6 link-local gateway", v6: true, proto: "static", addr: "2001:db8::5/64", gw: "fe80::1", wantAddr: "2001:db8::5", wantMask: "64", wantGateway: "fe80::1"},
		{name: "v6 gateway outside: warning", v6: true, proto: "static", addr: "2001:db8::5/64", gw: "2001:db8:1::1", warn: true, wantAddr: "2001:db8::5", wantMask: "64", wantGateway: "2001:db8:1::1"},
		{name: "v6 gateway is the address", v6: true, proto: "static", addr: "2001:db8::5/64", gw: "2001:db8::5", errField: "gateway"},
		{name: "v6 gateway of the other family", v6: true, proto: "static", addr: "2001:db8::5/64", gw: "192.0.2.1", errField: "gateway"},
		{name: "v6 static without prefix", v6: true, proto: "static", addr: "2001:db8::5", errField: "prefix"},
		{name: "v6 static without address", v6: true, proto: "static", errField: "address"},
		{name: "v6 static with an IPv4 address", v6: true, proto: "static", addr: "192.0.2.5/24", errField: "address"},
		{name: "v6 prefix mismatch", v6: true, proto: "static", addr: "2001:db8::5/64", mask: "48", errField: "prefix"},
		{name: "SLAAC takes no gateway", v6: true, proto: "autoconf", gw: "fe80::1", errField: "gateway"},
		{name: "DHCPv6 takes no address", v6: true, proto: "dhcp", addr: "2001:db8::5", errField: "address"},
		{name: "v4 static dotted mask", proto: "static", addr: "192.0.2.5", mask: "255.255.255.0", gw: "192.0.2.1", wantAddr: "192.0.2.5", wantMask: "255.255.255.0", wantGateway: "192.0.2.1"},
		{name: "v4 static prefix in the address", proto: "static", addr: "192.0.2.5/24", wantAddr: "192.0.2.5", wantMask: "255.255.255.0"},
		{name: "v4 static gateway is the network", proto: "static", addr: "192.0.2.5/24", gw: "192.0.2.0", errField: "gateway"},
		{name: "v4 static with an IPv6 address", proto: "static", addr: "2001:db8::5", mask: "24", errField: "address"},
		{name: "v4 none", proto: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := fieldErrs{}
			var warns []wire.Warning
			got := checkIP("p.", tt.v6, tt.proto, tt.addr, tt.mask, tt.gw, errs, &warns)
			if tt.errField != "" {
				if _, ok := errs["p."+tt.errField]; !ok {
					t.Fatalf("errors %v, want one on %s", errs, tt.errField)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("errors %v", errs)
			}
			if (len(warns) > 0) != tt.warn {
				t.Fatalf("warnings %v", warns)
			}
			if got.Ip.Address != tt.wantAddr || got.Ip.Netmask != tt.wantMask || got.Ip.Gateway != tt.wantGateway {
				t.Fatalf("engine gets %+v", got.Ip)
			}
			wantVersion := ovirt.IpVersionV4
			if tt.v6 {
				wantVersion = ovirt.IpVersionV6
			}
			if got.Ip.Version != wantVersion || string(got.AssignmentMethod) != tt.proto {
				t.Fatalf("assignment %+v", got)
			}
		})
	}
}

func TestEngineError(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
		field  string
	}{
		{"duplicate address", &client.Error{Status: 409, Reason: "Operation Failed", Detail: "[Cannot add Host. Host with the same address already exists.]"}, 409, apierr.CodeConflict, "address"},
		{"duplicate name", &client.Error{Status: 409, Detail: "[Cannot add Host. The Host name is already in use, please choose a unique name and try again.]"}, 409, apierr.CodeConflict, "name"},
		{"bad port", &client.Error{Status: 400, Detail: "[The Port number must be between 1 and 65535.]"}, 400, apierr.CodeEngineRejected, "port"},
		{"no field", &client.Error{Status: 400, Reason: "Incomplete parameters", Detail: "Host [name] required for add"}, 400, apierr.CodeEngineRejected, ""},
		{"expired", &client.Error{Status: 401}, 401, apierr.CodeSessionExpired, ""},
		{"forbidden", &client.Error{Status: 403}, 403, apierr.CodeForbidden, ""},
		{"not found", &client.Error{Status: 404}, 404, apierr.CodeNotFound, ""},
		{"engine bug", &client.Error{Status: 500, Detail: "[VDSM failed]"}, 502, apierr.CodeEngineFailed, ""},
		{"failed action with 200", fmt.Errorf("x: %w", &client.Error{Status: 200, Reason: "fence failed", Action: &ovirt.Action{Status: "failed"}}), 400, apierr.CodeEngineRejected, ""},
		{"unreachable", fmt.Errorf("engine: GET /x: dial tcp [::1]:1: connection refused"), 502, apierr.CodeEngineDown, ""},
		{"timeout", fmt.Errorf("engine: GET /x: %w", context.DeadlineExceeded), 504, apierr.CodeEngineTimeout, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := engineError(tt.err).(*apierr.Error)
			if !ok {
				t.Fatalf("%T", engineError(tt.err))
			}
			if e.Status != tt.status || e.Code != tt.code {
				t.Fatalf("%d %s, want %d %s", e.Status, e.Code, tt.status, tt.code)
			}
			if tt.field != "" {
				if fe, ok := e.Fields[tt.field]; !ok || fe.Code != "engine" {
					t.Fatalf("fields %v", e.Fields)
				}
			} else if len(e.Fields) > 0 {
				t.Fatalf("fields %v", e.Fields)
			}
			if tt.status >= 500 && tt.status != 502 && strings.Contains(e.Message, "[::1]") {
				t.Fatal("transport details in the message")
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	type body struct {
		Port int `json:"port"`
	}
	tests := []struct {
		in, field, code string
		status          int
	}{
		{`{"port":"x"}`, "port", "wrong_type", 400},
		{`{"other":1}`, "other", "unknown_field", 400},
		{`{`, "", apierr.CodeBadRequest, 400},
		{``, "", apierr.CodeBadRequest, 400},
	}
	for _, tt := range tests {
		var b body
		dec := json.NewDecoder(strings.NewReader(tt.in))
		dec.DisallowUnknownFields()
		e := decodeError(dec.Decode(&b)).(*apierr.Error)
		if e.Status != tt.status || (tt.field == "" && e.Code != tt.code) || (tt.field != "" && e.Fields[tt.field].Code != tt.code) {
			t.Errorf("%s: %+v", tt.in, e)
		}
	}
	for ns, want := range map[string]string{
		"addHostRequest.fence_agents[3].address": "fence_agents.3.address",
		"nfsDomainRequest.~.name":                "name",
		"iscsiDomainRequest.luns[0].port":        "luns.0.port",
	} {
		if got := fieldPath(ns); got != want {
			t.Errorf("fieldPath(%q) = %q, want %q", ns, got, want)
		}
	}
	_ = http.StatusOK
}
