package validation

import (
	"net/netip"
	"strconv"
)

// EngineField names a field of the engine's API whose IPv6 spelling rules
// differ (api-subset.md §4 and §5).
type EngineField uint8

// The engine fields.
const (
	// EngineHostAddress is Host.address and Agent.address: a name, IPv4 or
	// bare IPv6; the engine also takes brackets and zones, we send it bare.
	EngineHostAddress EngineField = iota + 1
	// EngineIPConfig is Ip.address and Ip.gateway of a network attachment
	// and a DNS name server: the engine's IPV6_PATTERN refuses embedded IPv4
	// and zones, so "::ffff:192.0.2.1" travels as "::ffff:c000:201".
	EngineIPConfig
	// EngineNFSServer is HostStorage.address for NFS: IPv6 in brackets.
	EngineNFSServer
	// EngineISCSIPortal is IscsiDetails.address and LogicalUnit.address:
	// bare IPv6.
	EngineISCSIPortal
)

// ForEngine returns s spelled as the real engine accepts it in field f: names
// unchanged, addresses in RFC 5952 form with each field's bracket rule, and
// for EngineIPConfig no dotted IPv4 tail. s must already be valid for the
// field's own validator; ForEngine still refuses what the engine cannot take.
func ForEngine(f EngineField, s string) (string, error) {
	switch f {
	case EngineIPConfig:
		a, err := ParseAddr(s)
		if err != nil {
			return "", err
		}
		if a.Zone() != "" {
			return "", fail(CodeZone, MsgIP, "The engine cannot store a zone in an IP configuration; remove %"+a.Zone()+".")
		}
		if a.Is4() {
			return a.String(), nil
		}
		return string(AppendHex6(nil, a)), nil
	case EngineNFSServer:
		kind, a, err := ParseHostAddress(s)
		if err != nil {
			return "", err
		}
		if kind == HostIPv6 {
			if a.Zone() != "" {
				return "", fail(CodeZone, MsgNFS, "The engine cannot store a zone in a storage connection.")
			}
			return "[" + a.String() + "]", nil
		}
		if kind == HostIPv4 {
			return a.String(), nil
		}
		return s, nil
	case EngineHostAddress, EngineISCSIPortal:
		kind, a, err := ParseHostAddress(s)
		if err != nil {
			return "", err
		}
		if kind == HostName {
			return s, nil
		}
		if f == EngineISCSIPortal && a.Zone() != "" {
			return "", fail(CodeZone, MsgHost, "The engine cannot store a zone in an iSCSI portal address.")
		}
		return a.String(), nil
	}
	return "", fail(CodeSyntax, MsgIP, "unknown engine field")
}

// AppendHex6 appends the RFC 5952 text of an IPv6 address written in hex
// groups only (no dotted IPv4 tail, which the engine's pattern refuses), zone
// included. It appends nothing for an IPv4 address.
func AppendHex6(b []byte, a netip.Addr) []byte {
	if !a.Is6() {
		return b
	}
	ip := a.As16()
	// The longest run of two or more zero groups, the first one on a tie.
	bestStart, bestLen := -1, 1
	for i := 0; i < 8; {
		if ip[2*i] != 0 || ip[2*i+1] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && ip[2*j] == 0 && ip[2*j+1] == 0 {
			j++
		}
		if j-i > bestLen {
			bestStart, bestLen = i, j-i
		}
		i = j
	}
	for i := 0; i < 8; i++ {
		if i == bestStart {
			b = append(b, ':', ':')
			i += bestLen - 1
			continue
		}
		if i > 0 && i != bestStart+bestLen {
			b = append(b, ':')
		}
		b = strconv.AppendUint(b, uint64(ip[2*i])<<8|uint64(ip[2*i+1]), 16)
	}
	if z := a.Zone(); z != "" {
		b = append(b, '%')
		b = append(b, z...)
	}
	return b
}
