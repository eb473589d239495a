// Package readiness judges how far an oVirt installation is from running
// without IPv4: pure Go over a snapshot of the engine's data (engine/ovirt
// types) and a name resolver, no HTTP. Run returns every object with its
// address families today (IPv4 only, dual-stack, IPv6 only, none) and
// addresses (RFC 5952, with their scope), the findings of the checks —
// each with a stable id ("v6.address.ipv4-literal"), a severity, the
// object, three sentences (what, why: the engine or vdsm behaviour behind
// it, how to fix) and the dialog that fixes it as data — and the counts per
// data center and overall. Filter narrows a report by object kind, family
// and severity; WriteCSV writes its findings with stable columns.
//
// The package uses the standard library, engine/ovirt and validation only,
// so it builds for the browser (js/wasm) as well as for the server and the
// `v6admin readiness` command. Its types carry no JSON tags: they are the
// domain; the BFF maps them to its wire types.
package readiness
