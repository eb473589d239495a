package embedded

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// Data centers, clusters and logical networks.

func renderDC(dc ovirt.DataCenter) ovirt.DataCenter {
	dc.Href = ovirt.Href("datacenters", dc.ID)
	dc.Link = ovirt.SubLinks(dc.Href, "clusters", "networks", "storagedomains")
	return dc
}

func renderCluster(c ovirt.Cluster) ovirt.Cluster {
	// ClusterMapper does not write management_network (the management
	// network is the cluster network with the management usage).
	c.ManagementNetwork = nil
	c.Href = ovirt.Href("clusters", c.ID)
	c.Link = ovirt.SubLinks(c.Href, "networks")
	return c
}

func renderNetwork(n netplan.Network) ovirt.Network {
	out := n.API
	out.Href = ovirt.Href("networks", out.ID)
	// NetworkMapper writes status only for a network of a cluster
	// (/clusters/{id}/networks).
	out.Status = ""
	return out
}

func renderClusterNetwork(n netplan.Network, clusterID string) ovirt.Network {
	out := n.API
	out.Href = ovirt.Href("clusters", clusterID, "networks", out.ID)
	out.Cluster = ovirt.ClusterRef(clusterID)
	out.Display = ovirt.NewBool(n.HasUsage(ovirt.NetworkUsageDisplay))
	return out
}

func (e *Engine) listDataCenters(w http.ResponseWriter, r *http.Request) error {
	var dcs []ovirt.DataCenter
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		dcs, err = store.ListAllJSON[ovirt.DataCenter](tx, kindDC)
		return err
	}); err != nil {
		return err
	}
	dcs, err := applySearch(r, dcs, map[string]fieldSpec[ovirt.DataCenter]{
		"name":   {fieldText, func(d *ovirt.DataCenter) string { return d.Name }},
		"status": {fieldText, func(d *ovirt.DataCenter) string { return string(d.Status) }},
	})
	if err != nil {
		return err
	}
	for i := range dcs {
		dcs[i] = renderDC(dcs[i])
	}
	return writeJSON(w, http.StatusOK, &ovirt.DataCenters{DataCenter: dcs})
}

func (e *Engine) getDataCenter(w http.ResponseWriter, r *http.Request) error {
	var dc ovirt.DataCenter
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		dc, err = getJSON[ovirt.DataCenter](tx, kindDC, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	out := renderDC(dc)
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) listDataCenterClusters(w http.ResponseWriter, r *http.Request) error {
	out := ovirt.Clusters{}
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.DataCenter](tx, kindDC, r.PathValue("id")); err != nil {
			return err
		}
		cs, err := store.ListAllJSON[ovirt.Cluster](tx, kindCluster)
		for _, c := range cs {
			if c.DataCenter != nil && c.DataCenter.ID == r.PathValue("id") {
				out.Cluster = append(out.Cluster, renderCluster(c))
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) listDataCenterNetworks(w http.ResponseWriter, r *http.Request) error {
	out := ovirt.Networks{}
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.DataCenter](tx, kindDC, r.PathValue("id")); err != nil {
			return err
		}
		ns, err := store.ListAllJSON[netplan.Network](tx, kindNetwork)
		for _, n := range ns {
			if n.API.DataCenter != nil && n.API.DataCenter.ID == r.PathValue("id") {
				out.Network = append(out.Network, renderNetwork(n))
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) listClusters(w http.ResponseWriter, r *http.Request) error {
	var cs []ovirt.Cluster
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		cs, err = store.ListAllJSON[ovirt.Cluster](tx, kindCluster)
		return err
	}); err != nil {
		return err
	}
	cs, err := applySearch(r, cs, map[string]fieldSpec[ovirt.Cluster]{
		"name": {fieldText, func(c *ovirt.Cluster) string { return c.Name }},
	})
	if err != nil {
		return err
	}
	for i := range cs {
		cs[i] = renderCluster(cs[i])
	}
	return writeJSON(w, http.StatusOK, &ovirt.Clusters{Cluster: cs})
}

func (e *Engine) getCluster(w http.ResponseWriter, r *http.Request) error {
	var c ovirt.Cluster
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		c, err = getJSON[ovirt.Cluster](tx, kindCluster, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	out := renderCluster(c)
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) clusterNetworks(r *http.Request) ([]netplan.Network, error) {
	var out []netplan.Network
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.Cluster](tx, kindCluster, r.PathValue("id")); err != nil {
			return err
		}
		ns, err := store.ListAllJSON[netplan.Network](tx, kindNetwork)
		for _, n := range ns {
			if slices.Contains(n.Clusters, r.PathValue("id")) {
				out = append(out, n)
			}
		}
		return err
	})
	return out, err
}

// listClusterNetworks is GET /clusters/{id}/networks: the networks Setup
// Host Networks offers.
func (e *Engine) listClusterNetworks(w http.ResponseWriter, r *http.Request) error {
	ns, err := e.clusterNetworks(r)
	if err != nil {
		return err
	}
	out := ovirt.Networks{}
	for _, n := range ns {
		out.Network = append(out.Network, renderClusterNetwork(n, r.PathValue("id")))
	}
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) getClusterNetwork(w http.ResponseWriter, r *http.Request) error {
	ns, err := e.clusterNetworks(r)
	if err != nil {
		return err
	}
	for _, n := range ns {
		if n.API.ID == r.PathValue("nid") {
			out := renderClusterNetwork(n, r.PathValue("id"))
			return writeJSON(w, http.StatusOK, &out)
		}
	}
	return errNotFound
}

func (e *Engine) listNetworks(w http.ResponseWriter, r *http.Request) error {
	var ns []netplan.Network
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		ns, err = store.ListAllJSON[netplan.Network](tx, kindNetwork)
		return err
	}); err != nil {
		return err
	}
	ns, err := applySearch(r, ns, map[string]fieldSpec[netplan.Network]{
		"name":   {fieldText, func(n *netplan.Network) string { return n.API.Name }},
		"id":     {fieldText, func(n *netplan.Network) string { return n.API.ID }},
		"vlanid": {fieldNumber, func(n *netplan.Network) string { return fmt.Sprint(n.VLAN()) }},
	})
	if err != nil {
		return err
	}
	out := ovirt.Networks{}
	for _, n := range ns {
		out.Network = append(out.Network, renderNetwork(n))
	}
	return writeJSON(w, http.StatusOK, &out)
}

func (e *Engine) getNetwork(w http.ResponseWriter, r *http.Request) error {
	var n netplan.Network
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		n, err = getJSON[netplan.Network](tx, kindNetwork, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	out := renderNetwork(n)
	return writeJSON(w, http.StatusOK, &out)
}

var networkUsages = []ovirt.NetworkUsage{ovirt.NetworkUsageVM, ovirt.NetworkUsageDisplay, ovirt.NetworkUsageMigration, ovirt.NetworkUsageGluster,
	ovirt.NetworkUsageManagement, ovirt.NetworkUsageDefaultRoute}

// addNetwork is POST /networks. The new network is assigned to every
// cluster of its data center (not required) and gets a simulated segment
// with a unique-local /64 (router advertisements and DHCPv6).
func (e *Engine) addNetwork(w http.ResponseWriter, r *http.Request) error {
	var in ovirt.Network
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	in.Name = strings.TrimSpace(in.Name)
	var missing []string
	if in.Name == "" {
		missing = append(missing, "name")
	}
	if in.DataCenter == nil || (in.DataCenter.ID == "" && in.DataCenter.Name == "") {
		missing = append(missing, "data_center.id|name")
	}
	if len(missing) > 0 {
		return incomplete("Network", "add", missing...)
	}
	if len(in.Name) > 256 || strings.ContainsAny(in.Name, " \t/") {
		return badRequest("Cannot add Network. Network name must be formed of alphanumeric characters, numbers or \"-_.\".")
	}
	if in.Vlan != nil && (in.Vlan.ID.Value() < 0 || in.Vlan.ID.Value() > 4094) {
		return badRequest("Cannot add Network. VLAN id must be between 0 and 4094.")
	}
	if m := in.Mtu.Value(); in.Mtu != nil && m != 0 && (m < 68 || m > 65520) {
		return badRequest("Cannot add Network. MTU must be between 68 and 65520.")
	}
	if in.Usages != nil {
		for _, u := range in.Usages.Usage {
			if !slices.Contains(networkUsages, u) {
				return badEnum(string(u), "NetworkUsage")
			}
			if u == ovirt.NetworkUsageManagement || u == ovirt.NetworkUsageDefaultRoute {
				return badRequest("Cannot add Network. The " + string(u) + " role is held by the management network of the cluster.")
			}
		}
	}
	cid := correlationID(r)
	var n netplan.Network
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		var dc ovirt.DataCenter
		var err error
		if in.DataCenter.ID != "" {
			dc, err = store.GetJSON[ovirt.DataCenter](tx, kindDC, in.DataCenter.ID)
		} else {
			var b []byte
			if _, b, err = tx.FindByName(kindDC, "", in.DataCenter.Name); err == nil {
				err = jsonUnmarshal(b, &dc)
			}
		}
		if errors.Is(err, store.ErrNotFound) {
			return entityNotFound("DataCenter: " + in.DataCenter.ID + in.DataCenter.Name)
		}
		if err != nil {
			return err
		}
		if _, _, err := tx.FindByName(kindNetwork, dc.ID, in.Name); err == nil {
			return conflict("Cannot add Network. The name of the logical network '" + in.Name + "' is already used by an existing logical network in the same data-center.")
		}
		cs, err := store.ListAllJSON[ovirt.Cluster](tx, kindCluster)
		if err != nil {
			return err
		}
		id := newID()
		n = netplan.Network{API: ovirt.Network{
			ID: id, Name: in.Name, Description: in.Description, Comment: ovirt.Ptr(ovirt.Deref(in.Comment)),
			DataCenter: ovirt.DataCenterRef(dc.ID), Vlan: in.Vlan, Stp: ovirt.NewBool(in.Stp.Or(false)),
			Mtu: ovirt.NewInt(in.Mtu.Or(0)), Usages: in.Usages, Required: ovirt.NewBool(in.Required.Or(false)),
			Status: ovirt.NetworkStatusOperational, VdsmName: in.Name, PortIsolation: ovirt.NewBool(false),
		}}
		if n.API.Usages == nil {
			n.API.Usages = &ovirt.NetworkUsages{Usage: []ovirt.NetworkUsage{ovirt.NetworkUsageVM}}
		}
		for _, c := range cs {
			if c.DataCenter != nil && c.DataCenter.ID == dc.ID {
				n.Clusters = append(n.Clusters, c.ID)
			}
		}
		n.Sim = ulaSegment(id)
		if err := store.PutJSON(tx, kindNetwork, id, dc.ID, n.API.Name, n); err != nil {
			return err
		}
		return e.addEvent(tx, eventSpec{Code: 942, Desc: "Network " + n.API.Name + " was added to Data Center: " + dc.Name, DC: dc.ID, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	out := renderNetwork(n)
	return created(w, r, out.Href, &out)
}

// ulaSegment derives a unique-local /64 with DHCPv6 for a new network.
func ulaSegment(seed string) netplan.SimNet {
	h := sha256.Sum256([]byte(seed))
	var a [16]byte
	a[0] = 0xfd
	copy(a[1:8], h[:7])
	p := netip.PrefixFrom(netip.AddrFrom16(a), 64)
	from, to := a, a
	from[14], from[15] = 0x10, 0x00
	to[14], to[15] = 0x1f, 0xff
	return netplan.SimNet{IPv6: p.String(), DHCPv6From: netip.AddrFrom16(from).String(), DHCPv6To: netip.AddrFrom16(to).String(), Router6: "fe80::1"}
}

// removeNetwork is DELETE /networks/{id}.
func (e *Engine) removeNetwork(w http.ResponseWriter, r *http.Request) error {
	cid := correlationID(r)
	err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		n, err := getJSON[netplan.Network](tx, kindNetwork, r.PathValue("id"))
		if err != nil {
			return err
		}
		if n.HasUsage(ovirt.NetworkUsageManagement) {
			return conflict("Cannot remove Network. The management network cannot be removed.")
		}
		hns, err := store.ListAllJSON[netplan.HostNet](tx, kindHostNet)
		if err != nil {
			return err
		}
		var users []string
		for _, hn := range hns {
			if hn.AttByNetwork(n.API.ID) != nil {
				h, err := store.GetJSON[ovirt.Host](tx, kindHost, hn.HostID)
				if err == nil {
					users = append(users, h.Name)
				}
			}
		}
		if len(users) > 0 {
			return conflict("Cannot remove Network. Network is attached to host(s): " + strings.Join(users, ", ") + ".")
		}
		if err := tx.Delete(kindNetwork, n.API.ID); err != nil {
			return err
		}
		dc := ""
		if n.API.DataCenter != nil {
			dc = n.API.DataCenter.ID
		}
		return e.addEvent(tx, eventSpec{Code: 944, Desc: "Network " + n.API.Name + " was removed from Data Center", DC: dc, User: true, CID: cid})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}

// rootLinks are the API root's collection links.
var rootLinks = []string{"clusters", "datacenters", "events", "externalhostproviders", "hosts", "jobs", "networks",
	"openstacknetworkproviders", "storagedomains"}

var rootSearchable = map[string]bool{"clusters": true, "datacenters": true, "events": true, "externalhostproviders": true,
	"hosts": true, "networks": true, "openstacknetworkproviders": true, "storagedomains": true}

// getRoot is GET /ovirt-engine/api.
func (e *Engine) getRoot(w http.ResponseWriter, r *http.Request) error {
	var hostsUp, hostsTotal, sdActive, sdTotal int
	err := e.st.View(r.Context(), func(tx *store.Tx) error {
		hs, err := store.ListAllJSON[ovirt.Host](tx, kindHost)
		if err != nil {
			return err
		}
		hostsTotal = len(hs)
		for _, h := range hs {
			if h.Status == ovirt.HostStatusUp {
				hostsUp++
			}
		}
		sds, err := store.ListAllJSON[sdDoc](tx, kindSD)
		sdTotal = len(sds)
		for _, d := range sds {
			if d.DC != "" {
				sdActive++
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	var links []ovirt.Link
	for _, rel := range rootLinks {
		links = append(links, ovirt.NewLink(rel, rel))
		if rootSearchable[rel] {
			links = append(links, ovirt.Link{Href: ovirt.Href(rel) + "?search={query}", Rel: rel + "/search"})
		}
	}
	var hdr []string
	for _, l := range links {
		hdr = append(hdr, "<"+location(r, l.Href)+">; rel="+l.Rel)
	}
	w.Header().Set("Link", strings.Join(hdr, ","))
	zero := "00000000-0000-0000-0000-000000000000"
	user := &ovirt.User{ID: e.adminID, Href: ovirt.Href("users", e.adminID)}
	out := ovirt.Api{
		ProductInfo: &ovirt.ProductInfo{Name: "oVirt Engine", Vendor: "ovirt.org", InstanceID: e.instanceID,
			Version: &ovirt.Version{Build: ovirt.NewInt(6), FullVersion: "4.5.6-1.el9 (v6admin embedded)", Major: ovirt.NewInt(4), Minor: ovirt.NewInt(5), Revision: ovirt.NewInt(0)}},
		SpecialObjects: &ovirt.SpecialObjects{BlankTemplate: &ovirt.Template{ID: zero, Href: ovirt.Href("templates", zero)}, RootTag: &ovirt.Tag{ID: zero, Href: ovirt.Href("tags", zero)}},
		Summary: &ovirt.ApiSummary{
			Hosts:          &ovirt.ApiSummaryItem{Active: ovirt.NewInt(hostsUp), Total: ovirt.NewInt(hostsTotal)},
			StorageDomains: &ovirt.ApiSummaryItem{Active: ovirt.NewInt(sdActive), Total: ovirt.NewInt(sdTotal)},
			Users:          &ovirt.ApiSummaryItem{Active: ovirt.NewInt(1), Total: ovirt.NewInt(1)},
			Vms:            &ovirt.ApiSummaryItem{Active: ovirt.NewInt(0), Total: ovirt.NewInt(0)},
		},
		Time:              ovirt.NewTime(e.now()),
		AuthenticatedUser: user,
		EffectiveUser:     user,
		Link:              links,
	}
	return writeJSON(w, http.StatusOK, &out)
}
