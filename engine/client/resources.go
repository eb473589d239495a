package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"v6admin/engine/ovirt"
)

// Storage domains.

// ListStorageDomains returns GET /storagedomains, every domain with its
// status: the engine gives status only for unattached domains there
// (BackendStorageDomainsResource.mapCollection), so the status of attached
// ones is read from GET /datacenters/{id}/storagedomains, once per data
// center.
func (s *Session) ListStorageDomains(ctx context.Context, o ListOptions) ([]ovirt.StorageDomain, error) {
	sds, err := list(ctx, s, o.values(), func(c *ovirt.StorageDomains) []ovirt.StorageDomain { return c.StorageDomain }, "storagedomains")
	if err != nil {
		return nil, err
	}
	status := map[string]ovirt.StorageDomainStatus{} // by domain id
	read := map[string]bool{}                        // data centers read
	for i := range sds {
		sd := &sds[i]
		if sd.Status != "" || sd.DataCenters == nil {
			continue
		}
		for _, dc := range sd.DataCenters.DataCenter {
			if dc.ID == "" || read[dc.ID] {
				continue
			}
			read[dc.ID] = true
			att, err := list(ctx, s, nil, func(c *ovirt.StorageDomains) []ovirt.StorageDomain { return c.StorageDomain }, "datacenters", dc.ID, "storagedomains")
			if err != nil {
				return nil, err
			}
			for _, a := range att {
				status[a.ID] = a.Status
			}
		}
		sd.Status = status[sd.ID]
	}
	return sds, nil
}

// GetStorageDomain returns GET /storagedomains/{id}.
func (s *Session) GetStorageDomain(ctx context.Context, id string) (*ovirt.StorageDomain, error) {
	return get[ovirt.StorageDomain](ctx, s, nil, "storagedomains", id)
}

// AddStorageDomain creates a storage domain (LUN CHAP passwords are sent).
func (s *Session) AddStorageDomain(ctx context.Context, sd *ovirt.StorageDomain) (*ovirt.StorageDomain, error) {
	return add(ctx, s, sd, nil, "storagedomains")
}

// UpdateStorageDomain updates storage domain id.
func (s *Session) UpdateStorageDomain(ctx context.Context, id string, sd *ovirt.StorageDomain) (*ovirt.StorageDomain, error) {
	return update(ctx, s, sd, "storagedomains", id)
}

// RemoveStorageDomain removes a storage domain
// (DELETE /storagedomains/{id}?host=&format=&destroy=).
func (s *Session) RemoveStorageDomain(ctx context.Context, id string, o RemoveStorageDomainOptions) error {
	q := url.Values{}
	if o.Host != "" {
		q.Set("host", o.Host)
	}
	if o.Format {
		q.Set("format", "true")
	}
	if o.Destroy {
		q.Set("destroy", "true")
	}
	return remove(ctx, s, q, "storagedomains", id)
}

// AttachStorageDomain attaches storage domain sdID to data center dcID
// (POST /datacenters/{dc}/storagedomains {"id": sdID}).
func (s *Session) AttachStorageDomain(ctx context.Context, dcID, sdID string) (*ovirt.StorageDomain, error) {
	return add(ctx, s, &ovirt.StorageDomain{ID: sdID}, nil, "datacenters", dcID, "storagedomains")
}

// Data centers, clusters, networks.

// ListDataCenters returns GET /datacenters.
func (s *Session) ListDataCenters(ctx context.Context, o ListOptions) ([]ovirt.DataCenter, error) {
	return list(ctx, s, o.values(), func(c *ovirt.DataCenters) []ovirt.DataCenter { return c.DataCenter }, "datacenters")
}

// GetDataCenter returns GET /datacenters/{id}.
func (s *Session) GetDataCenter(ctx context.Context, id string) (*ovirt.DataCenter, error) {
	return get[ovirt.DataCenter](ctx, s, nil, "datacenters", id)
}

// ListClusters returns GET /clusters.
func (s *Session) ListClusters(ctx context.Context, o ListOptions) ([]ovirt.Cluster, error) {
	return list(ctx, s, o.values(), func(c *ovirt.Clusters) []ovirt.Cluster { return c.Cluster }, "clusters")
}

// GetCluster returns GET /clusters/{id}.
func (s *Session) GetCluster(ctx context.Context, id string) (*ovirt.Cluster, error) {
	return get[ovirt.Cluster](ctx, s, nil, "clusters", id)
}

// ListClusterNetworks returns the networks assigned to a cluster
// (GET /clusters/{id}/networks).
func (s *Session) ListClusterNetworks(ctx context.Context, clusterID string) ([]ovirt.Network, error) {
	return list(ctx, s, nil, func(c *ovirt.Networks) []ovirt.Network { return c.Network }, "clusters", clusterID, "networks")
}

// ListNetworks returns GET /networks.
func (s *Session) ListNetworks(ctx context.Context, o ListOptions) ([]ovirt.Network, error) {
	return list(ctx, s, o.values(), func(c *ovirt.Networks) []ovirt.Network { return c.Network }, "networks")
}

// GetNetwork returns GET /networks/{id}.
func (s *Session) GetNetwork(ctx context.Context, id string) (*ovirt.Network, error) {
	return get[ovirt.Network](ctx, s, nil, "networks", id)
}

// OpenStack network providers. Passwords in added/updated providers are sent.

// ListOpenStackNetworkProviders returns GET /openstacknetworkproviders.
func (s *Session) ListOpenStackNetworkProviders(ctx context.Context, o ListOptions) ([]ovirt.OpenStackNetworkProvider, error) {
	return list(ctx, s, o.values(), func(c *ovirt.OpenStackNetworkProviders) []ovirt.OpenStackNetworkProvider {
		return c.OpenStackNetworkProvider
	}, "openstacknetworkproviders")
}

// GetOpenStackNetworkProvider returns GET /openstacknetworkproviders/{id}.
func (s *Session) GetOpenStackNetworkProvider(ctx context.Context, id string) (*ovirt.OpenStackNetworkProvider, error) {
	return get[ovirt.OpenStackNetworkProvider](ctx, s, nil, "openstacknetworkproviders", id)
}

// AddOpenStackNetworkProvider adds a network provider.
func (s *Session) AddOpenStackNetworkProvider(ctx context.Context, p *ovirt.OpenStackNetworkProvider) (*ovirt.OpenStackNetworkProvider, error) {
	return add(ctx, s, p, nil, "openstacknetworkproviders")
}

// UpdateOpenStackNetworkProvider updates network provider id.
func (s *Session) UpdateOpenStackNetworkProvider(ctx context.Context, id string, p *ovirt.OpenStackNetworkProvider) (*ovirt.OpenStackNetworkProvider, error) {
	return update(ctx, s, p, "openstacknetworkproviders", id)
}

// RemoveOpenStackNetworkProvider removes network provider id.
func (s *Session) RemoveOpenStackNetworkProvider(ctx context.Context, id string) error {
	return remove(ctx, s, nil, "openstacknetworkproviders", id)
}

// TestOpenStackNetworkProvider tests the connection to network provider id.
func (s *Session) TestOpenStackNetworkProvider(ctx context.Context, id string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "openstacknetworkproviders", id, "testconnectivity")
}

// External host providers (Foreman/Satellite). Passwords in added/updated
// providers are sent.

// ListExternalHostProviders returns GET /externalhostproviders.
func (s *Session) ListExternalHostProviders(ctx context.Context, o ListOptions) ([]ovirt.ExternalHostProvider, error) {
	return list(ctx, s, o.values(), func(c *ovirt.ExternalHostProviders) []ovirt.ExternalHostProvider {
		return c.ExternalHostProvider
	}, "externalhostproviders")
}

// GetExternalHostProvider returns GET /externalhostproviders/{id}.
func (s *Session) GetExternalHostProvider(ctx context.Context, id string) (*ovirt.ExternalHostProvider, error) {
	return get[ovirt.ExternalHostProvider](ctx, s, nil, "externalhostproviders", id)
}

// AddExternalHostProvider adds an external host provider.
func (s *Session) AddExternalHostProvider(ctx context.Context, p *ovirt.ExternalHostProvider) (*ovirt.ExternalHostProvider, error) {
	return add(ctx, s, p, nil, "externalhostproviders")
}

// UpdateExternalHostProvider updates external host provider id.
func (s *Session) UpdateExternalHostProvider(ctx context.Context, id string, p *ovirt.ExternalHostProvider) (*ovirt.ExternalHostProvider, error) {
	return update(ctx, s, p, "externalhostproviders", id)
}

// RemoveExternalHostProvider removes external host provider id.
func (s *Session) RemoveExternalHostProvider(ctx context.Context, id string) error {
	return remove(ctx, s, nil, "externalhostproviders", id)
}

// TestExternalHostProvider tests the connection to external host provider id.
func (s *Session) TestExternalHostProvider(ctx context.Context, id string) (*ovirt.Action, error) {
	return action(ctx, s, nil, "externalhostproviders", id, "testconnectivity")
}

// Provider certificates. Both provider collections serve them.

// ProviderKind is the collection of a provider, as it appears in its path.
type ProviderKind string

// The provider collections.
const (
	ProviderKindNetwork ProviderKind = "openstacknetworkproviders" // OpenStack network providers (Neutron, OVN)
	ProviderKindHost    ProviderKind = "externalhostproviders"     // external host providers (Foreman/Satellite)
)

func (k ProviderKind) check() error {
	if k != ProviderKindNetwork && k != ProviderKindHost {
		return fmt.Errorf("engine: unknown provider kind %q", string(k))
	}
	return nil
}

// ListProviderCertificates returns the certificate chain the service at a
// provider's URL presents, as the engine fetches it (GET
// /<kind>/{id}/certificates; content is base64 of the DER bytes, without
// PEM armour, the server's certificate first). An http provider has none,
// and so has one the engine cannot reach: a real engine answers 200 with
// an empty list then.
func (s *Session) ListProviderCertificates(ctx context.Context, kind ProviderKind, id string) ([]ovirt.Certificate, error) {
	if err := kind.check(); err != nil {
		return nil, err
	}
	return list(ctx, s, nil, func(c *ovirt.Certificates) []ovirt.Certificate { return c.Certificate }, string(kind), id, "certificates")
}

// ImportProviderCertificates makes the engine trust certificates (their
// content, base64 of DER, is what is sent) for a provider (POST
// /<kind>/{id}/importcertificates). A real engine imports only the first
// certificate sent: send one.
func (s *Session) ImportProviderCertificates(ctx context.Context, kind ProviderKind, id string, certs []ovirt.Certificate) (*ovirt.Action, error) {
	if err := kind.check(); err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, errors.New("engine: no certificate to import")
	}
	in := &ovirt.Action{Certificates: &ovirt.Certificates{}}
	for _, c := range certs {
		in.Certificates.Certificate = append(in.Certificates.Certificate, ovirt.Certificate{Content: c.Content})
	}
	return action(ctx, s, in, string(kind), id, "importcertificates")
}

// Events and jobs.

// ListEvents returns GET /events?from=&max=&search=.
func (s *Session) ListEvents(ctx context.Context, o EventsOptions) ([]ovirt.Event, error) {
	return list(ctx, s, o.values(), func(c *ovirt.Events) []ovirt.Event { return c.Event }, "events")
}

// ListJobs returns GET /jobs.
func (s *Session) ListJobs(ctx context.Context, o ListOptions) ([]ovirt.Job, error) {
	return list(ctx, s, o.values(), func(c *ovirt.Jobs) []ovirt.Job { return c.Job }, "jobs")
}

// GetJob returns GET /jobs/{id}.
func (s *Session) GetJob(ctx context.Context, id string) (*ovirt.Job, error) {
	return get[ovirt.Job](ctx, s, nil, "jobs", id)
}

// ListJobSteps returns GET /jobs/{id}/steps.
func (s *Session) ListJobSteps(ctx context.Context, jobID string) ([]ovirt.Step, error) {
	return list(ctx, s, nil, func(c *ovirt.Steps) []ovirt.Step { return c.Step }, "jobs", jobID, "steps")
}
