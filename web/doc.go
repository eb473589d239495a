// Command web is v6admin's user interface, compiled to WebAssembly
// (GOOS=js GOARCH=wasm) into static/app.wasm. It registers the route table
// of package components and runs the go-app UI in the browser; the server
// (bff) serves it. Server-only packages must never be linked into it:
// deps_test.go fails if they are.
package main
