package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"v6admin/engine/embedded/lab"
	"v6admin/engine/embedded/store"
)

// The simulated lab's infrastructure: provider endpoints (with the TLS
// certificates they present), NFS servers and empty iSCSI portals. Unlike the
// seeded entities (hosts, domains, providers), these documents are not
// user data: putLab rewrites them on every Open, so a database created by an
// older version gains the services added since.

// The seeded lab's addresses the demo and the tests rely on (see the
// package documentation for the whole reachable set); they are the lab
// package's.
const (
	SeedISCSIPortal = lab.SeedISCSIPortal
	SeedISCSITarget = lab.SeedISCSITarget
	SeedNFSServer   = lab.SeedNFSServer
	SeedOVNURL      = lab.SeedOVNURL
	SeedBMCHost0    = lab.SeedBMCHost0   // ipmilan, agent on host0
	SeedBMCHost1    = lab.SeedBMCHost1   // redfish, agent on host1
	SeedBMCHost1v6  = lab.SeedBMCHost1v6 // ipmilan, second agent on host1
	SeedBMCHost2    = lab.SeedBMCHost2   // ipmilan, no agent configured

	// SeedLabProviderURL is a network provider with a self-signed certificate
	// that the engine does not trust until it is imported.
	SeedLabProviderURL = lab.SeedLabProviderURL
	// SeedLabProviderAuthURL is its Keystone endpoint (same certificate).
	SeedLabProviderAuthURL = lab.SeedLabProviderAuthURL
	// SeedHTTPProviderURL is a network provider over plain HTTP.
	SeedHTTPProviderURL = lab.SeedHTTPProviderURL
	// SeedNFSServerLab is an NFS server in the documentation prefix with
	// /exports/data, /exports/iso and /exports/export.
	SeedNFSServerLab = lab.SeedNFSServerLab
	// SeedISCSIEmptyPortal answers discovery with no targets.
	SeedISCSIEmptyPortal = lab.SeedISCSIEmptyPortal
)

// LabCertOrganization is the organization (O=) of every simulated provider
// certificate.
const LabCertOrganization = lab.CertOrganization

func portalKey(addr string, port int) string { return targetKey(addr, port, "") }

// putLab writes the lab's infrastructure documents (idempotent).
func putLab(tx *store.Tx) error {
	for _, le := range lab.Endpoints {
		ep, err := lab.NewEndpoint(le.URL, le.Name, le.CN, le.Trusted)
		if err != nil {
			return err
		}
		if err := putIfChanged(tx, kindEndpoint, endpointKeyMust(le.URL), ep); err != nil {
			return err
		}
	}
	for _, s := range lab.NFSServers {
		if err := putIfChanged(tx, kindNFSServer, s.Address, s); err != nil {
			return err
		}
	}
	for _, p := range lab.Portals {
		if err := putIfChanged(tx, kindISCSIPortal, portalKey(p.Address, p.Port), p); err != nil {
			return err
		}
	}
	return nil
}

func endpointKeyMust(raw string) string {
	k, err := lab.EndpointKey(raw)
	if err != nil {
		panic("embedded: lab endpoint " + raw + ": " + err.Error())
	}
	return k
}

// putIfChanged writes v unless the stored document is the same.
func putIfChanged(tx *store.Tx, kind, id string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if old, err := tx.Get(kind, id); err == nil && bytes.Equal(old, b) {
		return nil
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return tx.Put(kind, id, "", "", b)
}

// ensureLab runs putLab in its own transaction (on every Open).
func (e *Engine) ensureLab(ctx context.Context) error {
	if err := e.st.Update(ctx, putLab); err != nil {
		return fmt.Errorf("embedded: lab: %w", err)
	}
	return nil
}

// trustedCert is a certificate imported with importcertificates (kind
// kindTrustedCert, id = certFingerprint).
type trustedCert struct {
	Subject  string `json:"subject"`
	PEM      string `json:"pem"`
	Provider string `json:"provider"` // id of the provider it was imported for
	Imported string `json:"imported"` // RFC 3339
}

// endpointTrusted reports whether the engine trusts the certificate ep
// presents.
func endpointTrusted(tx *store.Tx, ep lab.Endpoint) (bool, error) {
	if ep.Trusted {
		return true, nil
	}
	c, err := lab.ParseCertPEM(ep.CertPEM)
	if err != nil {
		return false, nil
	}
	if _, err := tx.Get(kindTrustedCert, lab.Fingerprint(c)); err == nil {
		return true, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	return false, nil
}

// SimulateProviderEndpoint makes a provider URL reachable (tests, demos):
// the service at its scheme, host and port answers testconnectivity, and
// over https presents a self-signed certificate with subject
// "CN=<name>,O=v6admin lab" that the engine trusts only once imported,
// unless trusted is set. The path of rawURL is ignored.
func (e *Engine) SimulateProviderEndpoint(ctx context.Context, rawURL, name string, trusted bool) error {
	ep, err := lab.NewEndpoint(rawURL, name, name, trusted)
	if err != nil {
		return fmt.Errorf("embedded: endpoint %q: %w", rawURL, err)
	}
	key, _ := lab.EndpointKey(rawURL)
	return e.st.Update(ctx, func(tx *store.Tx) error { return store.PutJSON(tx, kindEndpoint, key, "", "", ep) })
}
