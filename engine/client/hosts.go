package client

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"v6admin/engine/ovirt"
)

// API returns the root resource GET /ovirt-engine/api (product info,
// summary, authenticated user, links).
func (s *Session) API(ctx context.Context) (*ovirt.Api, error) {
	p := s.c.api.EscapedPath()
	return getPath[ovirt.Api](ctx, s, p, nil)
}

// Hosts.

// ListHosts returns GET /hosts.
func (s *Session) ListHosts(ctx context.Context, o ListOptions) ([]ovirt.Host, error) {
	return list(ctx, s, o.values(), func(c *ovirt.Hosts) []ovirt.Host { return c.Host }, "hosts")
}

// GetHost returns GET /hosts/{id}.
func (s *Session) GetHost(ctx context.Context, id string) (*ovirt.Host, error) {
	return get[ovirt.Host](ctx, s, nil, "hosts", id)
}

// AddHost adds a host (POST /hosts; root_password or ssh credentials are
// sent) and returns it as created (status installing).
func (s *Session) AddHost(ctx context.Context, h *ovirt.Host, o AddHostOptions) (*ovirt.Host, error) {
	q := url.Values{}
	setBool(q, "activate", o.Activate)
	setBool(q, "reboot", o.Reboot)
	return add(ctx, s, h, q, "hosts")
}

// UpdateHost updates host id with the members set in h (PUT).
//
// The real engine's HostMapper resets a missing port to 54321 on update, so
// an update without Port first reads the host and sends its current port.
func (s *Session) UpdateHost(ctx context.Context, id string, h *ovirt.Host) (*ovirt.Host, error) {
	if h != nil && h.Port == nil {
		cur, err := s.GetHost(ctx, id)
		if err != nil {
			return nil, err
		}
		if cur.Port != nil {
			cp := *h
			cp.Port = cur.Port
			h = &cp
		}
	}
	return update(ctx, s, h, "hosts", id)
}

// RemoveHost removes a host; force removes it even if not in maintenance.
func (s *Session) RemoveHost(ctx context.Context, id string, force bool) error {
	var q url.Values
	if force {
		q = url.Values{"force": {"true"}}
	}
	return remove(ctx, s, q, "hosts", id)
}

// Host actions. A failed action is an *Error matching ErrActionFailed.

// ActivateHost activates a host (POST /hosts/{id}/activate).
func (s *Session) ActivateHost(ctx context.Context, id string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "hosts", id, "activate")
}

// DeactivateHost moves a host to maintenance (POST /hosts/{id}/deactivate).
func (s *Session) DeactivateHost(ctx context.Context, id string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "hosts", id, "deactivate")
}

// InstallHost (re)installs a host; p may carry root_password or ssh
// credentials (sent), nil means {}.
func (s *Session) InstallHost(ctx context.Context, id string, p *ovirt.Action) (*ovirt.Action, error) {
	return action(ctx, s, p, "hosts", id, "install")
}

// RefreshHost refreshes the host capabilities (POST /hosts/{id}/refresh).
func (s *Session) RefreshHost(ctx context.Context, id string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "hosts", id, "refresh")
}

// FenceHost runs a fence operation. For FenceTypeStatus the power state is in
// the result's PowerManagement.Status; an agent that cannot be queried gives
// HTTP 200 with a failed action, returned as an *Error.
func (s *Session) FenceHost(ctx context.Context, id string, t ovirt.FenceType) (*ovirt.Action, error) {
	return action(ctx, s, &ovirt.Action{FenceType: t}, "hosts", id, "fence")
}

// SetupNetworks applies a network configuration to a host (POST
// /hosts/{id}/setupnetworks with modified/removed attachments and bonds,
// check_connectivity, commit_on_success, ...).
func (s *Session) SetupNetworks(ctx context.Context, hostID string, a *ovirt.Action) (*ovirt.Action, error) {
	return action(ctx, s, a, "hosts", hostID, "setupnetworks")
}

// CommitNetConfig persists the host network configuration.
func (s *Session) CommitNetConfig(ctx context.Context, hostID string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "hosts", hostID, "commitnetconfig")
}

// SyncAllNetworks synchronises all out-of-sync attachments of a host.
func (s *Session) SyncAllNetworks(ctx context.Context, hostID string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "hosts", hostID, "syncallnetworks")
}

// DiscoverISCSI discovers the targets of an iSCSI portal from a host (POST
// /hosts/{id}/discoveriscsi; CHAP credentials in d are sent).
func (s *Session) DiscoverISCSI(ctx context.Context, hostID string, d *ovirt.IscsiDetails) ([]ovirt.IscsiDetails, error) {
	a, err := action(ctx, s, &ovirt.Action{Iscsi: d}, "hosts", hostID, "discoveriscsi")
	if err != nil || a.DiscoveredTargets == nil {
		return nil, err
	}
	return a.DiscoveredTargets.IscsiDetails, nil
}

// ISCSIDiscover is the deprecated twin of DiscoverISCSI (POST
// /hosts/{id}/iscsidiscover); it returns only target names.
func (s *Session) ISCSIDiscover(ctx context.Context, hostID string, d *ovirt.IscsiDetails) ([]string, error) {
	a, err := action(ctx, s, &ovirt.Action{Iscsi: d}, "hosts", hostID, "iscsidiscover")
	if err != nil || a.IscsiTargets == nil {
		return nil, err
	}
	return a.IscsiTargets.IscsiTarget, nil
}

// ISCSILogin logs a host in to an iSCSI target (CHAP credentials are sent).
//
// A discovered target's portal is "address:port,tpgt"
// (StorageLogicalUnitMapper) but the engine passes the portal it is given
// on to vdsm as the TPGT, so only the TPGT ([TPGT]) is sent.
func (s *Session) ISCSILogin(ctx context.Context, hostID string, d *ovirt.IscsiDetails) (*ovirt.Action, error) {
	if d != nil && d.Portal != "" {
		cp := *d
		cp.Portal = TPGT(d.Portal)
		d = &cp
	}
	return action(ctx, s, &ovirt.Action{Iscsi: d}, "hosts", hostID, "iscsilogin")
}

// TPGT returns the target portal group tag of a discovered portal
// ("[2001:db8::5]:3260,1" or "10.46.9.43:3260,1" → "1"); a bare TPGT is
// returned as is.
func TPGT(portal string) string {
	if i := strings.LastIndexByte(portal, ','); i >= 0 {
		return portal[i+1:]
	}
	return portal
}

// Host NICs.

// ListHostNICs returns GET /hosts/{id}/nics.
func (s *Session) ListHostNICs(ctx context.Context, hostID string) ([]ovirt.HostNic, error) {
	return list(ctx, s, nil, func(c *ovirt.HostNics) []ovirt.HostNic { return c.HostNic }, "hosts", hostID, "nics")
}

// ListHostNICsWithStatistics returns GET /hosts/{id}/nics?follow=statistics:
// the NICs with their statistics inline in HostNic.Statistics, in one
// request instead of one HostNICStatistics call per NIC. An engine that
// follows links (oVirt 4.2+, the embedded engine) sets Statistics on every
// NIC, the same statistics HostNICStatistics returns; an older engine
// ignores follow and answers the plain list, so a NIC whose Statistics is
// nil came without them (ask HostNICStatistics for it), whereas a non-nil
// Statistics, even empty, is what the engine has.
func (s *Session) ListHostNICsWithStatistics(ctx context.Context, hostID string) ([]ovirt.HostNic, error) {
	return list(ctx, s, ListOptions{Follow: "statistics"}.values(), func(c *ovirt.HostNics) []ovirt.HostNic { return c.HostNic }, "hosts", hostID, "nics")
}

// GetHostNIC returns GET /hosts/{id}/nics/{nic}.
func (s *Session) GetHostNIC(ctx context.Context, hostID, nicID string) (*ovirt.HostNic, error) {
	return get[ovirt.HostNic](ctx, s, nil, "hosts", hostID, "nics", nicID)
}

// HostNICStatistics returns GET /hosts/{id}/nics/{nic}/statistics.
func (s *Session) HostNICStatistics(ctx context.Context, hostID, nicID string) ([]ovirt.Statistic, error) {
	return list(ctx, s, nil, func(c *ovirt.Statistics) []ovirt.Statistic { return c.Statistic },
		"hosts", hostID, "nics", nicID, "statistics")
}

// Network attachments.

// ListNetworkAttachments returns GET /hosts/{id}/networkattachments.
func (s *Session) ListNetworkAttachments(ctx context.Context, hostID string) ([]ovirt.NetworkAttachment, error) {
	return list(ctx, s, nil, func(c *ovirt.NetworkAttachments) []ovirt.NetworkAttachment { return c.NetworkAttachment },
		"hosts", hostID, "networkattachments")
}

// GetNetworkAttachment returns GET /hosts/{id}/networkattachments/{att}.
func (s *Session) GetNetworkAttachment(ctx context.Context, hostID, id string) (*ovirt.NetworkAttachment, error) {
	return get[ovirt.NetworkAttachment](ctx, s, nil, "hosts", hostID, "networkattachments", id)
}

// AddNetworkAttachment attaches a network to a host NIC.
func (s *Session) AddNetworkAttachment(ctx context.Context, hostID string, a *ovirt.NetworkAttachment) (*ovirt.NetworkAttachment, error) {
	return add(ctx, s, a, nil, "hosts", hostID, "networkattachments")
}

// UpdateNetworkAttachment updates attachment id (IP assignments,
// properties).
func (s *Session) UpdateNetworkAttachment(ctx context.Context, hostID, id string, a *ovirt.NetworkAttachment) (*ovirt.NetworkAttachment, error) {
	return update(ctx, s, a, "hosts", hostID, "networkattachments", id)
}

// RemoveNetworkAttachment detaches a network from a host.
func (s *Session) RemoveNetworkAttachment(ctx context.Context, hostID, id string) error {
	return remove(ctx, s, nil, "hosts", hostID, "networkattachments", id)
}

// Fence agents.

// ListFenceAgents returns GET /hosts/{id}/fenceagents.
//
// The engine appends port=<n> to an agent's options (FenceAgentMapper
// addPortToOptions) and shows it there; the calls that read agents remove
// that option when it repeats the agent's port, and the calls that write
// agents never send a port option beside a port, so it is never doubled.
func (s *Session) ListFenceAgents(ctx context.Context, hostID string) ([]ovirt.Agent, error) {
	as, err := list(ctx, s, nil, func(c *ovirt.Agents) []ovirt.Agent { return c.Agent }, "hosts", hostID, "fenceagents")
	for i := range as {
		dropPortOption(&as[i])
	}
	return as, err
}

// dropPortOption removes the option port=<n> when the agent has port n (or
// any port option when writing with a port: the engine adds its own).
func dropPortOption(a *ovirt.Agent) {
	if a == nil || a.Port == nil || a.Options == nil {
		return
	}
	port := strconv.FormatInt(a.Port.Value(), 10)
	var keep []ovirt.Option
	for _, o := range a.Options.Option {
		if o.Name != "port" || o.Value != port {
			keep = append(keep, o)
		}
	}
	a.Options = &ovirt.Options{Option: keep}
}

// withoutPortOption returns a copy of a without any port option when a has
// a port, for writing.
func withoutPortOption(a *ovirt.Agent) *ovirt.Agent {
	if a == nil || a.Port == nil || a.Options == nil {
		return a
	}
	cp := *a
	var keep []ovirt.Option
	for _, o := range a.Options.Option {
		if o.Name != "port" {
			keep = append(keep, o)
		}
	}
	cp.Options = &ovirt.Options{Option: keep}
	return &cp
}

// GetFenceAgent returns GET /hosts/{id}/fenceagents/{agent}.
func (s *Session) GetFenceAgent(ctx context.Context, hostID, id string) (*ovirt.Agent, error) {
	a, err := get[ovirt.Agent](ctx, s, nil, "hosts", hostID, "fenceagents", id)
	dropPortOption(a)
	return a, err
}

// AddFenceAgent adds a fence agent (its password is sent).
func (s *Session) AddFenceAgent(ctx context.Context, hostID string, a *ovirt.Agent) (*ovirt.Agent, error) {
	got, err := add(ctx, s, withoutPortOption(a), nil, "hosts", hostID, "fenceagents")
	dropPortOption(got)
	return got, err
}

// UpdateFenceAgent updates agent id (a password, if set, is sent).
func (s *Session) UpdateFenceAgent(ctx context.Context, hostID, id string, a *ovirt.Agent) (*ovirt.Agent, error) {
	got, err := update(ctx, s, withoutPortOption(a), "hosts", hostID, "fenceagents", id)
	dropPortOption(got)
	return got, err
}

// RemoveFenceAgent removes a fence agent.
func (s *Session) RemoveFenceAgent(ctx context.Context, hostID, id string) error {
	return remove(ctx, s, nil, "hosts", hostID, "fenceagents", id)
}

// ListHostStorage returns the LUNs and storages a host sees (GET
// /hosts/{id}/storage).
func (s *Session) ListHostStorage(ctx context.Context, hostID string) ([]ovirt.HostStorage, error) {
	return list(ctx, s, nil, func(c *ovirt.HostStorages) []ovirt.HostStorage { return c.HostStorage }, "hosts", hostID, "storage")
}
