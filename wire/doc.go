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
// The request types carry the BFF's validator tags (shape: required,
// lengths, enums); they are plain strings here and read only by the BFF.
// testdata/*.golden holds the JSON of every type, filled; go test
// ./wire -update rewrites it when a shape changes on purpose.
package wire
