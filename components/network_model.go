package components

import (
	"context"
	"net/http"
)

// The JSON of POST /api/hosts/:id/setupnetworks (bff/api/network.go,
// setupNetworksRequest), mirrored for the wasm.

// IPv4Request is the IPv4 part of an attachment; Netmask is dotted or a
// prefix length.
type IPv4Request struct {
	BootProtocol string `json:"boot_protocol"`
	Address      string `json:"address"`
	Netmask      string `json:"netmask"`
	Gateway      string `json:"gateway"`
}

// IPv6Request is the IPv6 part of an attachment.
type IPv6Request struct {
	BootProtocol string `json:"boot_protocol"`
	Address      string `json:"address"`
	Prefix       string `json:"prefix"`
	Gateway      string `json:"gateway"`
}

// AttachmentRequest attaches a network to a NIC or bond, or (with ID)
// reconfigures or moves an attachment.
type AttachmentRequest struct {
	ID         string       `json:"id,omitempty"`
	Network    string       `json:"network"`
	NIC        string       `json:"nic"`
	IPv4       *IPv4Request `json:"ipv4,omitempty"`
	IPv6       *IPv6Request `json:"ipv6,omitempty"`
	DNSServers []string     `json:"dns_servers,omitempty"`
}

// BondRequest creates or changes a bond.
type BondRequest struct {
	Name    string            `json:"name"`
	Options map[string]string `json:"options,omitempty"`
	Slaves  []string          `json:"slaves"`
}

// SetupNetworksRequest is the body of POST /api/hosts/:id/setupnetworks.
type SetupNetworksRequest struct {
	Attachments         []AttachmentRequest `json:"attachments,omitempty"`
	RemovedAttachments  []string            `json:"removed_attachments,omitempty"`
	SyncAttachments     []string            `json:"sync_attachments,omitempty"`
	Bonds               []BondRequest       `json:"bonds,omitempty"`
	RemovedBonds        []string            `json:"removed_bonds,omitempty"`
	CheckConnectivity   *bool               `json:"check_connectivity,omitempty"`
	ConnectivityTimeout int                 `json:"connectivity_timeout,omitempty"`
	CommitOnSuccess     *bool               `json:"commit_on_success,omitempty"`
}

// SetupNetworks applies a host's network changes.
func (c *APIClient) SetupNetworks(ctx context.Context, hostID string, r SetupNetworksRequest) (*SetupResult, error) {
	var out SetupResult
	if err := c.do(ctx, http.MethodPost, "/api/hosts/"+esc(hostID)+"/setupnetworks", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
