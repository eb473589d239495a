// Package components holds v6admin's go-app user interface: pages, dialogs,
// shared widgets and the route table. Both binaries import it: the wasm UI
// (web) runs the components in the browser, and the server (bff) registers
// the same routes so that it can prerender pages and answer deep links.
//
// Conventions (see go-app's "exported fields are props" rule): a component's
// exported fields are props set by its parent; its state lives in unexported
// fields, otherwise a parent's re-render would reset it.
package components
