// Package readiness is the IPv6 Readiness page of the UI (/readiness): the
// report of GET /api/readiness drawn for a person. It shows how the BFF
// reaches the engine, a score per data center and overall drawn as an SVG
// built in Go (chart.go), the findings grouped by severity with what, why
// and how, the per-field diff of out-of-sync attachments and the action
// that fixes each one (fix.go: a deep link into the page whose dialog
// fixes it, a one-click "Sync this network" (sync_network.go), or a
// sentence where v6admin has no dialog), and every object per data center
// with its family today and its addresses (objects.go).
//
// The page (page.go) filters by object type, family and severity through
// the endpoint's own query parameters, so the filter has one definition
// (the BFF's readiness.Filter) and the JSON and CSV downloads carry the
// same parameters as the page shows. It follows /ws: any engine event
// re-reads the report, debounced, since the report is computed over the
// whole engine on each read (the BFF keeps no cache).
//
// It calls the BFF through a client.API prop and imports no page of package
// components; the shell routes /readiness to Page.
package readiness
