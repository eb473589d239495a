package readiness

import (
	"net/url"

	"v6admin/wire"
)

// FixAction is what a finding offers to fix it: a link to the page that
// opens the dialog (Href and Label), the one-click sync (Sync), or, where
// v6admin has no dialog, a sentence saying where to fix it (Text).
type FixAction struct {
	Href  string
	Label string
	Sync  bool
	Text  string
}

// The deep links of the pages whose dialogs fix findings (the pages read
// these query parameters, see package components):
//
//	/hosts?edit={host}                       Edit Host
//	/hosts?edit={host}&tab=pm                Edit Host on its Power Management tab
//	/hosts/{host}/nics?dialog=setup-networks&nic={nic}&network={net}
//	                                         Setup Host Networks, the network highlighted
//	/providers?edit={provider}               Edit Provider
//	/storage-domains?domain={domain}         the Storage Domains page on that domain
//	/vms/{vm}?dialog=run-once                Run Once (package vms)
func Fix(f wire.ReadinessFix) FixAction {
	q := url.Values{}
	switch f.Dialog {
	case "edit-host", "power-management":
		if f.HostID == "" {
			break
		}
		q.Set("edit", f.HostID)
		label := "Edit Host"
		if f.Dialog == "power-management" {
			q.Set("tab", "pm")
			label = "Power Management"
		}
		return FixAction{Href: "/hosts?" + q.Encode(), Label: label}
	case "setup-host-networks":
		if f.HostID == "" {
			break
		}
		q.Set("dialog", "setup-networks")
		if f.NIC != "" {
			q.Set("nic", f.NIC)
		}
		if f.Network != "" {
			q.Set("network", f.Network)
		}
		return FixAction{Href: "/hosts/" + url.PathEscape(f.HostID) + "/nics?" + q.Encode(), Label: "Setup Host Networks"}
	case "sync-network":
		if f.HostID != "" && f.ID != "" {
			return FixAction{Sync: true, Label: "Sync this network"}
		}
	case "provider":
		if f.ID == "" {
			break
		}
		q.Set("edit", f.ID)
		return FixAction{Href: "/providers?" + q.Encode(), Label: "Edit Provider"}
	case "storage-domain":
		if f.ID == "" {
			break
		}
		q.Set("domain", f.ID)
		return FixAction{Href: "/storage-domains?" + q.Encode(), Label: "Storage Domains"}
	case "run-once":
		if f.ID == "" {
			break
		}
		return FixAction{Href: "/vms/" + url.PathEscape(f.ID) + "?dialog=run-once", Label: "Run Once"}
	case "edit-network":
		return FixAction{Text: "v6admin has no Edit Network dialog: change the logical network in oVirt's Administration Portal (Network › Networks › Edit)."}
	case "edit-cluster":
		return FixAction{Text: "v6admin has no Edit Cluster dialog: change the cluster in oVirt's Administration Portal (Compute › Clusters › Edit)."}
	case "engine-url":
		return FixAction{Text: "Outside the engine: start v6admin with an --engine-url that reaches the engine over IPv6 (an IPv6 literal in brackets, or a name with AAAA records)."}
	case "dns":
		return FixAction{Text: "Outside oVirt: fix the name's records in your DNS zone (add AAAA records), then the report follows."}
	}
	return FixAction{Text: "Fix it as the finding says: v6admin has no dialog for it."}
}
