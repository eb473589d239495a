// Package api holds the Go types of the oVirt Engine REST API v4 wire model
// used by v6admin (hosts, NICs, network attachments, fence agents, storage,
// providers, events, jobs, actions, faults, SSO), with JSON exactly as the
// engine writes it. It uses the standard library only and builds for
// GOOS=js/GOARCH=wasm.
//
// The engine serialises its JAXB model with Jackson, NON_NULL inclusion.
// That gives these quirks, which the types reproduce:
//
//   - Names are the snake_case XML element names.
//   - Single objects (GET one, POST result, action bodies, faults) are not
//     wrapped. Collections are {"<singular tag>": [...]} ([Hosts] is
//     {"host": [...]}); an empty collection is {}.
//   - Nested lists have a wrapper object keyed by the singular of the element
//     type ("ip_address_assignments": {"ip_address_assignment": [...]},
//     "modified_bonds": {"host_nic": [...]}) or, for lists of strings/enums,
//     of the member ("name_servers": {"name_server": [...]}).
//   - Booleans are JSON strings "true"/"false" ([Bool]); xs:int values are
//     JSON strings "54321" ([Int]); the few xs:long members (host.memory,
//     host.max_scheduling_memory, host_nic.speed, logical_unit.size and
//     discard_max_size, storage_domain.available/used/committed) are JSON
//     numbers ([Long]); decimals are numbers ([Decimal]); dates are epoch
//     milliseconds as numbers ([Time]). On input every scalar type accepts
//     both the quoted and the native JSON form; booleans are case-sensitive.
//     JSON null leaves a value unchanged (a pointer stays nil).
//   - Enums are lower-case strings (typed string constants here).
//   - Passwords are input only ([Secret]): decoded, never encoded.
//
// Optional scalars are pointers with omitempty, so an explicit false or 0 is
// written while an unset member is absent (NON_NULL). [NewBool], [NewInt],
// [NewLong], [NewDecimal], [NewTime] and [Ptr] build them; the nil-safe
// Value and Or methods read them. Optional strings are plain strings with
// omitempty, except Comment (a *string, since the engine writes
// "comment": "" for entities without one).
//
// Hrefs are absolute paths under [Prefix] built by [Href]; links are
// {"href", "rel"} ([Link]) and action links are "actions": {"link": [...]}
// ([Actions]). [Fault] and [SSOError] implement error.
package api
