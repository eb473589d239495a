// Package wire is the JSON v6admin's browser UI and its server (the BFF)
// exchange: every request and response body of /api, every message of
// /ws, the error envelope, the WebSocket close codes, the paths of the
// UI's calls, and the one conversion of an address into the
// {address, kind, scope} the UI shows. Both sides import it: the BFF
// (bff/api, bff/apierr, bff/events) encodes and decodes these types, and
// the wasm UI (components) does the same, so each shape is declared once.
//
// It depends on the standard library and v6admin/validation only, so it
// is as safe in the wasm as validation is (web's TestWasmDependencies).
// Each request type has a Validate (validate.go): the value rules both
// sides apply, each a function of package validation, with text lengths
// from the members' maxlen tags; the UI's API client runs it before
// sending, the BFF after decoding. The validate tags are the BFF
// validator's (shape only: required, enums, list sizes); they are plain
// strings here. A host address travels as a validation.Host, parsed once.
// testdata/*.golden holds the JSON of every type, filled; go test
// ./wire -update rewrites it when a shape changes on purpose.
package wire
