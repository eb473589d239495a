// Package ovirtxml writes and reads the oVirt REST API's XML representation
// of the engine/ovirt wire types: one model, two encoders. The JSON names of
// engine/ovirt are the model's XML element names (TestModelConformance holds
// them to ovirt-engine-api-model, list wrapper keys included), so the XML is
// derived from the same Go values and the same struct tags as the JSON:
//
//   - every member is an element named by its JSON name, in declaration
//     order; id and href are attributes (the model's Identified members);
//   - a link is <link href="…" rel="…"/>, actions are
//     <actions><link …/></actions>;
//   - a list inside an object is its wrapper element holding one element per
//     item, named by the wrapper's key (<ips><ip>…</ip></ips>,
//     <modified_bonds><host_nic>…</host_nic></modified_bonds>,
//     <name_servers><name_server>…</name_server></name_servers>);
//   - a collection answer is <hosts><host id="…" href="…">…</host></hosts>:
//     the root of a wrapper type is its key plus "s" (host_nics, agents,
//     openstack_network_providers, as the model's plural and go-ovirt's
//     readers spell them); the root of an entity is the key its collection
//     uses (host_nic, openstack_network_provider); [ovirt.Action] is <action>,
//     [ovirt.Fault] <fault>, [ovirt.Api] <api>;
//   - booleans are true/false, integers decimal, decimals plain
//     (no exponent), dates xs:dateTime with milliseconds; Secret members
//     (passwords) are read, never written; omitempty/omitzero drop the same
//     members as in JSON.
//
// Why reflection and not generated code: the wire types change with every
// call the project models (other branches add members), and the JSON
// encoder already reads them by reflection; a generated writer would be a
// second definition to keep in sync. The per-type plan (element names,
// attribute fields, scalar kinds, nested plans) is computed once and cached,
// and the encoder appends to one buffer without encoding/xml's token
// machinery: Marshal writes a 5,000-host list in less time than
// encoding/json (BenchmarkHosts5000). [AppendJSON] writes the XML of a value
// straight from its JSON document, for a store that keeps JSON: the built-in
// engine's XML GET /hosts costs at most 1.5 times its JSON one, which copies
// the stored documents (engine/embedded's BenchmarkListHosts5000).
//
// Reading is strict like the engine's JSON reader: an element the target
// type does not declare is an [*UnknownElementError]; a scalar that does not
// parse is an [*ovirt.ScalarError]; nesting deeper than [MaxDepth] and
// malformed XML are [*SyntaxError]s. The root element's name is not checked
// (the engine's handlers read a provider body into one type for both
// provider kinds); its members are.
package ovirtxml
