package components

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"v6admin/validation"
	"v6admin/wire"
)

// fenceType is what the Add/Edit Fence Agent dialog shows for an agent
// type: oVirt asks the engine which options a type supports and shows Port,
// Slot, Secure and Encrypt options only for those (VdsFenceOptionMapping);
// this table is that answer, per type.
type fenceType struct {
	Name    string
	Port    bool // the agent's port (ipport)
	Slot    bool // a slot / blade / plug number, stored as the "slot" option
	Secure  bool // ssl or ssh, stored as the "secure" option
	Encrypt bool // SNMPv3 encrypted options
	// SlotLabel replaces "Slot" ("Service Profile" for cisco_ucs).
	SlotLabel string
}

// fenceTypes lists the types the engine supports (engine/ovirt
// FenceAgentTypes), in the select's order.
var fenceTypes = []fenceType{
	{Name: "amt_ws", Port: true},
	{Name: "apc", Port: true, Slot: true, Secure: true},
	{Name: "apc_snmp", Port: true, Encrypt: true},
	{Name: "bladecenter", Port: true, Slot: true, Secure: true},
	{Name: "cisco_ucs", Slot: true, Secure: true, SlotLabel: "Service Profile"},
	{Name: "drac5", Slot: true, Secure: true},
	{Name: "drac7", Port: true},
	{Name: "eps", Slot: true},
	{Name: "hpblade", Port: true, Slot: true},
	{Name: "ilo", Port: true, Secure: true},
	{Name: "ilo2", Port: true, Secure: true},
	{Name: "ilo3", Port: true},
	{Name: "ilo4", Port: true},
	{Name: "ilo_ssh", Port: true, Secure: true},
	{Name: "ipmilan", Port: true},
	{Name: "redfish", Port: true, Secure: true},
	{Name: "rsa", Port: true, Secure: true},
	{Name: "rsb", Port: true},
	{Name: "wti", Port: true, Slot: true, Secure: true},
}

// fenceTypeOf returns the table entry of a type (ok false if unknown).
func fenceTypeOf(name string) (fenceType, bool) {
	for _, t := range fenceTypes {
		if t.Name == name {
			return t, true
		}
	}
	return fenceType{}, false
}

// slotLabel is the label of the Slot field of a type.
func (t fenceType) slotLabel() string {
	if t.SlotLabel != "" {
		return t.SlotLabel
	}
	return "Slot"
}

// Options the dialog edits through their own fields, not in Options.
const (
	optSlot   = "slot"
	optSecure = "secure"
	optPort   = "port" // the engine mirrors the agent's port here
)

// msgOptions is oVirt's hint under Options, used as the message of a
// malformed list.
const msgOptions = validation.MsgFenceAgentOptions

// parseOptions reads the Options field (validation.ParseFenceAgentOptions:
// the rule the BFF applies to the options it is sent).
func parseOptions(s string) (map[string]string, error) { return validation.ParseFenceAgentOptions(s) }

// checkOptions is parseOptions as a field rule.
func checkOptions(s string) error {
	_, err := parseOptions(s)
	return err
}

// formatOptions writes options as "key=value, ..." sorted by key, leaving
// out the keys the dialog shows in their own fields.
func formatOptions(opts map[string]string, skip ...string) string {
	keys := make([]string, 0, len(opts))
	for k := range opts {
		if !containsString(skip, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+opts[k])
	}
	return strings.Join(parts, ", ")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sameAgent reports whether two agents have the same type and address, the
// addresses compared as validation.SameHostAddress does (2001:DB8::1 is
// 2001:db8:0::1, ::ffff:192.0.2.5 is 192.0.2.5, names ignore case).
func sameAgent(addrA, typA, addrB, typB string) bool {
	return typA == typB && validation.SameHostAddress(addrA, addrB)
}

// errDuplicateAgent is oVirt's message for two agents with the same
// address and type.
var errDuplicateAgent = errors.New("Duplicate fence agent found.")

// checkDuplicate refuses an agent whose address and type another agent of
// the host already has (the address compared canonically, so
// 2001:DB8::1 and 2001:db8:0::1 are the same).
func checkDuplicate(address, typ string, others []wire.Agent) error {
	for _, o := range others {
		if sameAgent(address, typ, o.Address.Address, o.Type) {
			return errDuplicateAgent
		}
	}
	return nil
}

// checkPassword is the Password rule of the fence agent dialog: at most
// validation.FenceAgentPasswordMax characters (FenceAgentModel).
var checkPassword = checkMaxLen(validation.FenceAgentPasswordMax)

// checkPort is the rule of a port field: validation.PortRange, which the
// BFF's "port" tag checks too.
var checkPort = validation.PortRange.CheckText

// parsePort reads a port number within validation.PortRange.
func parsePort(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil && validation.PortRange.Check(n) == nil
}

// checkObjectName is the rule of the Name field: validation.ObjectName,
// which the BFF runs too (an empty Name is the Required check's).
func checkObjectName(s string) error {
	if s == "" {
		return nil
	}
	return validation.ObjectName(s)
}

// checkMaxLen returns a rule refusing more than n characters:
// validation.MaxLength, which the BFF's "maxlen=n" tag runs too.
func checkMaxLen(n int) func(string) error {
	return func(s string) error { return validation.MaxLength(s, n) }
}
