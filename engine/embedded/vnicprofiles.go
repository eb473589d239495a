package embedded

import (
	"net/http"
	"slices"
	"strings"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// vNIC profiles: each VM network has its default profile, as
// AddNetworkCommand creates it (a VM network, profile_required) with
// NetworkHelper.createVnicProfile: named as the network, port mirroring
// off, no QoS, and — for a network that is not external — the default
// network filter vdsm-no-mac-spoofing (EnableMACAntiSpoofingFilterRules).
// A VM's NIC on a network uses that network's profile (vnicProfileID).

// noMacSpoofingFilterID is the network filter vdsm-no-mac-spoofing
// (ovirt-engine packaging/dbscripts/data/01850_insert_network_filter.sql).
const noMacSpoofingFilterID = "d2370ab4-fee3-11e9-a310-8c1645ce738e"

// renderVnicProfile is VnicProfileMapper's view of network n's default
// profile; with follow its network is inlined as GET /networks/{id}
// answers it (LinkFollower), else by id and href.
func renderVnicProfile(n netplan.Network, follow bool) ovirt.VnicProfile {
	id := vnicProfileID(n.API.ID)
	href := ovirt.Href("vnicprofiles", id)
	p := ovirt.VnicProfile{ID: id, Href: href, Name: n.API.Name, PortMirroring: ovirt.NewBool(false),
		PassThrough: &ovirt.VnicPassThrough{Mode: ovirt.VnicPassThroughModeDisabled},
		Network:     ovirt.NetworkRef(n.API.ID), Link: ovirt.SubLinks(href, "permissions")}
	if follow {
		nw := renderNetwork(n)
		p.Network = &nw
	}
	if n.API.ExternalProvider == nil {
		p.NetworkFilter = &ovirt.NetworkFilter{ID: noMacSpoofingFilterID, Href: ovirt.Href("networkfilters", noMacSpoofingFilterID)}
	}
	return p
}

// followsNetwork reports whether the request asks follow=network.
func followsNetwork(r *http.Request) bool {
	return slices.Contains(strings.Split(r.URL.Query().Get("follow"), ","), "network")
}

// vmNetworks returns every VM network (those with a profile), by name.
func vmNetworks(tx *store.Tx) ([]netplan.Network, error) {
	ns, err := store.ListAllJSON[netplan.Network](tx, kindNetwork)
	if err != nil {
		return nil, err
	}
	ns = slices.DeleteFunc(ns, func(n netplan.Network) bool { return !n.IsVM() })
	slices.SortFunc(ns, func(a, b netplan.Network) int { return strings.Compare(a.API.Name, b.API.Name) })
	return ns, nil
}

// listVnicProfiles is GET /vnicprofiles[?follow=network].
func (e *Engine) listVnicProfiles(w http.ResponseWriter, r *http.Request) error {
	var ns []netplan.Network
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		ns, err = vmNetworks(tx)
		return err
	}); err != nil {
		return err
	}
	out := &ovirt.VnicProfiles{}
	for _, n := range ns {
		out.VnicProfile = append(out.VnicProfile, renderVnicProfile(n, followsNetwork(r)))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getVnicProfile is GET /vnicprofiles/{id}[?follow=network].
func (e *Engine) getVnicProfile(w http.ResponseWriter, r *http.Request) error {
	var ns []netplan.Network
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		ns, err = vmNetworks(tx)
		return err
	}); err != nil {
		return err
	}
	for _, n := range ns {
		if vnicProfileID(n.API.ID) == r.PathValue("id") {
			p := renderVnicProfile(n, followsNetwork(r))
			return writeJSON(w, http.StatusOK, &p)
		}
	}
	return errNotFound
}
