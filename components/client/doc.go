// Package client is the UI's side of the BFF: APIClient calls /api with
// package wire's request and answer types (window.fetch in the browser,
// fetch_js.go; net/http natively for tests, fetch_other.go, as Go's HTTP
// client would add some 7 MB to the wasm), runs each request's Validate
// before sending it, and returns the error envelope as an *APIError with
// its field errors by path; EventStream follows /ws and reconnects.
//
// Pages and dialogs see the client only through the API interface. The
// route table (package components) makes one *APIClient per tab and gives
// it to the shell; the shell passes it to each page as the API prop, and
// each page to its dialogs. A test gives a component a fake API instead —
// a struct embedding API and overriding the calls it expects — and asserts
// the exact wire request a button sends.
package client
