// Package components holds v6admin's go-app user interface: the shell, the
// route table, the pages and their dialogs. Both binaries import it: the
// wasm UI (web) runs the components in the browser, and the server (bff)
// registers the same routes so that it can prerender pages and answer deep
// links.
//
// Conventions (see go-app's "exported fields are props" rule): a component's
// exported fields are props set by its parent; its state lives in unexported
// fields, otherwise a parent's re-render would reset it. Form fields
// (form.Field) are not components but values owned by their dialog, which
// renders them. Results of asynchronous work are dispatched through the
// component's own context kept in OnMount (form.Mounted): go-app drops a
// dispatch whose event element is gone, as a dialog's OK button is once it
// closes. Event handlers in lists carry an app.EventScope: go-app compares
// handlers by code pointer and would keep a stale closure otherwise.
//
// Layout. This package (the root) holds:
//   - shell.go: the root of every route (masthead, navigation, session,
//     notification drawer and toasts fed by /ws); routes.go: the route
//     table, Known (the server's 404s) and the tab's one API client, which
//     the shell hands to every page as its API prop.
//   - Pages: login_page.go, hosts_page.go, host_nics_page.go,
//     storage_domains_page.go, providers_page.go, simple_pages.go (Events,
//     404).
//   - Dialogs, one per file: new_host_dialog.go (New/Edit Host),
//     power_management_tab.go (its Power Management tab),
//     fence_agent_dialog.go (Add/Edit Fence Agent), fence_types.go,
//     storage_domain_dialog.go (New Domain, NFS and iSCSI),
//     external_provider_dialog.go (Add/Edit Provider); field_rules.go
//     (CheckField: the dialogs' rules, for the BFF's tests).
//   - testdata/*.json: answers recorded from the BFF, the page tests'
//     fixtures.
//
// The rooms, which never import this package:
//   - client: the API client behind the client.API interface, fetch
//     (window.fetch in the browser, net/http in tests) and the /ws event
//     stream.
//   - form: fields, the form Binder, modal, confirm dialog, tabs, toasts,
//     widgets, formatting, Mounted.
//   - hostnet: the host-network model, the board, Setup Host Networks,
//     Edit Network and the apply follower.
//   - vms: the Virtual Machines list, a VM's details and its dialogs.
//   - internal/uitest: helpers of the tests (HTML checks, mounting a
//     component natively).
//
// The JSON types and paths of the BFF are package wire's (one definition
// for the BFF and the UI).
package components
