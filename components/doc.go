// Package components holds v6admin's go-app user interface: pages, dialogs,
// shared widgets and the route table. Both binaries import it: the wasm UI
// (web) runs the components in the browser, and the server (bff) registers
// the same routes so that it can prerender pages and answer deep links.
//
// Conventions (see go-app's "exported fields are props" rule): a component's
// exported fields are props set by its parent; its state lives in unexported
// fields, otherwise a parent's re-render would reset it. Form fields (Field)
// are not components but values owned by their dialog, which renders them.
// Results of asynchronous work are dispatched through the component's own
// context kept in OnMount (lifecycle.go): go-app drops a dispatch whose
// event element is gone, as a dialog's OK button is once it closes. Event
// handlers in lists carry an app.EventScope: go-app compares handlers by
// code pointer and would keep a stale closure otherwise.
//
// Layout:
//   - shell.go: the root of every route (masthead, navigation, session,
//     notification drawer and toasts fed by /ws through event_stream.go);
//     routes.go: the route table and Known (the server's 404s).
//   - Pages: login_page.go, hosts_page.go, host_nics_page.go,
//     simple_pages.go (Storage Domains, Providers, Events, 404).
//   - Dialogs, one per file: new_host_dialog.go (New/Edit Host),
//     power_management_tab.go (its Power Management tab),
//     fence_agent_dialog.go (Add/Edit Fence Agent), confirm_dialog.go.
//   - Shared pieces: field.go (validated field, form group, checkbox, radio,
//     select), host_address_field.go (the address field with its canonical
//     form and scope), modal.go (keyboard and focus), tabs.go,
//     widgets.go (buttons, labels, scope badge, alerts, empty states),
//     notifications.go, format.go, fence_types.go.
//   - The BFF's JSON: the types and paths are package wire's (one
//     definition for the BFF and the UI; testdata/*.json are answers
//     recorded from the BFF, used as fixtures by the page tests);
//     apiclient.go calls /api with them, event_stream.go reads /ws, and
//     fetch_js.go / fetch_other.go carry the requests (window.fetch in the
//     browser, net/http in tests: Go's net/http client would add some 7 MB
//     to the wasm).
package components
