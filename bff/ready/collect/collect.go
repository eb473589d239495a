// Package collect reads the snapshot the IPv6 readiness checks (package
// readiness) judge from an engine through engine/client. It imports no
// server package, so both the `v6admin readiness` command (bff/ready) and
// the BFF's GET /api/readiness (bff/api) use it.
package collect

import (
	"context"
	"fmt"

	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/readiness"
)

// Snapshot reads everything the checks judge: data centers, clusters with
// their networks' roles, networks, hosts with their NICs, network
// attachments and fence agents, storage domains, both kinds of providers,
// and VMs with the guest addresses their NICs report. engineURL is the
// engine's address as the caller reaches it.
func Snapshot(ctx context.Context, s *client.Session, engineURL string) (readiness.Snapshot, error) {
	snap := readiness.Snapshot{EngineURL: engineURL, ClusterNetworks: map[string][]ovirt.Network{}}
	var err error
	if snap.DataCenters, err = s.ListDataCenters(ctx, client.ListOptions{}); err != nil {
		return snap, fmt.Errorf("data centers: %w", err)
	}
	if snap.Clusters, err = s.ListClusters(ctx, client.ListOptions{}); err != nil {
		return snap, fmt.Errorf("clusters: %w", err)
	}
	for _, c := range snap.Clusters {
		ns, err := s.ListClusterNetworks(ctx, c.ID)
		if err != nil {
			return snap, fmt.Errorf("networks of cluster %s: %w", c.Name, err)
		}
		snap.ClusterNetworks[c.ID] = ns
	}
	if snap.Networks, err = s.ListNetworks(ctx, client.ListOptions{}); err != nil {
		return snap, fmt.Errorf("networks: %w", err)
	}
	hosts, err := s.ListHosts(ctx, client.ListOptions{})
	if err != nil {
		return snap, fmt.Errorf("hosts: %w", err)
	}
	for _, h := range hosts {
		hd := readiness.HostData{Host: h}
		if hd.NICs, err = s.ListHostNICs(ctx, h.ID); err != nil {
			return snap, fmt.Errorf("NICs of host %s: %w", h.Name, err)
		}
		if hd.Attachments, err = s.ListNetworkAttachments(ctx, h.ID); err != nil {
			return snap, fmt.Errorf("network attachments of host %s: %w", h.Name, err)
		}
		if hd.Agents, err = s.ListFenceAgents(ctx, h.ID); err != nil {
			return snap, fmt.Errorf("fence agents of host %s: %w", h.Name, err)
		}
		snap.Hosts = append(snap.Hosts, hd)
	}
	if snap.StorageDomains, err = s.ListStorageDomains(ctx, client.ListOptions{}); err != nil {
		return snap, fmt.Errorf("storage domains: %w", err)
	}
	if snap.NetworkProviders, err = s.ListOpenStackNetworkProviders(ctx, client.ListOptions{}); err != nil {
		return snap, fmt.Errorf("network providers: %w", err)
	}
	if snap.HostProviders, err = s.ListExternalHostProviders(ctx, client.ListOptions{}); err != nil {
		return snap, fmt.Errorf("host providers: %w", err)
	}
	vms, err := s.ListVMs(ctx, client.ListOptions{})
	if err != nil {
		return snap, fmt.Errorf("VMs: %w", err)
	}
	for _, v := range vms {
		vd := readiness.VMData{VM: v}
		if v.Status == ovirt.VmStatusUp {
			if vd.NICs, err = s.ListVMNICs(ctx, v.ID); err != nil {
				return snap, fmt.Errorf("NICs of VM %s: %w", v.Name, err)
			}
		}
		snap.VMs = append(snap.VMs, vd)
	}
	return snap, nil
}
