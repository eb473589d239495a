// Package validation holds v6admin's address rules: the RFC-correct
// counterparts of oVirt's IpAddressValidation, HostAddressValidation and
// their relatives (netmask, IPv6 prefix, NFS export path, provider URL,
// gateway), plus RFC 5952 canonical text, address scopes and the spelling the
// real engine accepts. It also holds every other rule a dialog and the BFF
// both apply (storage.go): the storage domain name, NFS mount options (the
// engine's managed-option rule), integer ranges (IntRange, oVirt's
// IntegerValidation wording), text lengths (MaxLength), the fence agent
// type and options, and bond names (fence.go). Each is written once; the
// UI field's check and the request's Validate (package wire, which the UI
// runs before sending and the BFF after decoding) call the same function.
//
// A host address is parsed once into a value (Host, hostvalue.go: its kind,
// its netip.Addr or name, String for the engine's text, MarshalText and
// UnmarshalText for JSON); HostKind and Scope marshal as their text forms
// ("ipv6", "link-local"), so the UI and the BFF exchange them typed.
//
// The same code runs in the browser (compiled into the wasm UI, for instant
// feedback) and in the server (authoritative), so the package uses the standard library only and parses addresses
// with net/netip, never with regular expressions.
//
// Departures from oVirt, on purpose (see validation-rules.md §7):
//   - IPv6 follows RFC 4291 §2.2: at most 8 groups, "::" stands for at least
//     one group, embedded IPv4 ("::ffff:192.0.2.1") is accepted.
//   - Zones (RFC 4007, "fe80::1%eth0") are accepted on link-local addresses
//     only, and never in prefixes, URLs, NFS paths or the fields the engine
//     stores without one (fields.go: iSCSI portal, static address, gateway,
//     DNS server).
//   - An IPv4-mapped address is the IPv4 address it maps (fields.go).
//   - Host addresses accept IPv6 bare or in brackets; all-numeric names that
//     are broken IPv4 ("256.1.1.1", "1.2.3") are errors.
//   - IPv4 with leading zeros ("010.0.0.1") is an error: vdsm and most tools
//     reject or misread it.
//   - IPv6 prefixes are 0–128 with no holes (oVirt's CIDR regex rejects 109
//     and 119).
//
// Every failure is an *Error with a stable Code, the oVirt user-facing
// Message where one exists, and a Hint for the usual mistakes.
package validation
