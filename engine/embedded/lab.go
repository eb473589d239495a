package embedded

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"v6admin/engine/embedded/store"
)

// The simulated lab's infrastructure: provider endpoints (with the TLS
// certificates they present), NFS servers and empty iSCSI portals. Unlike the
// seeded entities (hosts, domains, providers), these documents are not
// user data: putLab rewrites them on every Open, so a database created by an
// older version gains the services added since.

// Seeded provider endpoints and storage servers the tests and demos rely on
// (see the package documentation for the whole reachable set).
const (
	// SeedLabProviderURL is a network provider with a self-signed certificate
	// that the engine does not trust until it is imported.
	SeedLabProviderURL = "https://[2001:db8::50]:9696"
	// SeedLabProviderAuthURL is its Keystone endpoint (same certificate).
	SeedLabProviderAuthURL = "https://[2001:db8::50]:35357/v2.0"
	// SeedHTTPProviderURL is a network provider over plain HTTP.
	SeedHTTPProviderURL = "http://[2001:db8::51]:9696"
	// SeedNFSServerLab is an NFS server in the documentation prefix with
	// /exports/data, /exports/iso and /exports/export.
	SeedNFSServerLab = "[2001:db8::5]"
	// SeedISCSIEmptyPortal answers discovery with no targets.
	SeedISCSIEmptyPortal = "2001:db8:200::51"
)

// LabCertOrganization is the organization (O=) of every simulated provider
// certificate.
const LabCertOrganization = "v6admin lab"

// labEndpoint is one simulated provider service.
type labEndpoint struct {
	url, name string
	cn        string // certificate common name (https only)
	trusted   bool   // imported at setup time (as engine-setup does for OVN)
}

var labEndpoints = []labEndpoint{
	{SeedOVNURL, "ovirt-provider-ovn", "ovirt-provider-ovn", true},
	{"https://[2001:db8:10::5]:35357", "ovirt-provider-ovn keystone", "ovirt-provider-ovn", true},
	{"https://foreman.lab.example.org", "Foreman", "foreman.lab.example.org", true},
	{"https://[2001:db8:10::7]", "Satellite over IPv6", "satellite.lab.example.org", false},
	{SeedLabProviderURL, "lab network provider", "ovirt-provider-ovn", false},
	{"https://[2001:db8::50]:35357", "lab network provider keystone", "ovirt-provider-ovn", false},
	{SeedHTTPProviderURL, "plain-HTTP network provider", "", false},
	{"http://[2001:db8::51]:35357", "plain-HTTP network provider keystone", "", false},
}

var labNFSServers = []nfsServer{
	{Address: canonAddr(SeedNFSServer), Exports: []string{"/exports/data", "/exports/iso", "/exports/export", "/exports/nfs/share2"}},
	{Address: canonAddr(SeedNFSServerLab), Exports: []string{"/exports/data", "/exports/iso", "/exports/export"}},
}

// iscsiPortal is a portal that answers discovery; the targets behind it are
// iscsiTarget documents with the same address and port.
type iscsiPortal struct {
	Address string `json:"address"` // canonical
	Port    int    `json:"port"`
}

func portalKey(addr string, port int) string { return targetKey(addr, port, "") }

var labPortals = []iscsiPortal{
	{Address: SeedISCSIPortal, Port: 3260},
	{Address: SeedISCSIEmptyPortal, Port: 3260},
}

// putLab writes the lab's infrastructure documents (idempotent).
func putLab(tx *store.Tx) error {
	for _, le := range labEndpoints {
		ep, err := newEndpoint(le.url, le.name, le.cn, le.trusted)
		if err != nil {
			return err
		}
		if err := putIfChanged(tx, kindEndpoint, endpointKeyMust(le.url), ep); err != nil {
			return err
		}
	}
	for _, s := range labNFSServers {
		if err := putIfChanged(tx, kindNFSServer, s.Address, s); err != nil {
			return err
		}
	}
	for _, p := range labPortals {
		if err := putIfChanged(tx, kindISCSIPortal, portalKey(p.Address, p.Port), p); err != nil {
			return err
		}
	}
	return nil
}

func endpointKeyMust(raw string) string {
	k, err := endpointKey(raw)
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

// endpoint is a simulated provider service (id = endpointKey). An https
// endpoint presents CertPEM, a self-signed certificate; the engine trusts
// it when Trusted is set or when it was imported (importcertificates).
type endpoint struct {
	URL     string `json:"url"`
	Name    string `json:"name"`
	CertPEM string `json:"cert_pem,omitempty"`
	Trusted bool   `json:"trusted,omitempty"`
}

// newEndpoint builds the endpoint of raw; https endpoints get the
// deterministic certificate of their host (one per host: every https port
// of a host presents the same certificate).
func newEndpoint(raw, name, cn string, trusted bool) (endpoint, error) {
	key, err := endpointKey(raw)
	if err != nil {
		return endpoint{}, err
	}
	ep := endpoint{URL: raw, Name: name, Trusted: trusted}
	u, _ := url.Parse(key)
	if u.Scheme == "https" {
		if cn == "" {
			cn = u.Hostname()
		}
		if ep.CertPEM, err = labCertificate(u.Hostname(), cn); err != nil {
			return endpoint{}, err
		}
	}
	return ep, nil
}

// labCertificate returns the self-signed certificate a simulated https
// service on host presents: subject "CN=<cn>,O=v6admin lab", the host as
// subject alternative name, an Ed25519 key derived from the host. Ed25519
// signatures are deterministic, so the same host always gets the same
// certificate (and SHA-256 fingerprint), across restarts and databases.
func labCertificate(host, cn string) (string, error) {
	host = canonAddr(host)
	seed := sha256.Sum256([]byte("v6admin lab provider key\x00" + host))
	key := ed25519.NewKeyFromSeed(seed[:])
	serial := sha256.Sum256([]byte("v6admin lab provider serial\x00" + host))
	tmpl := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(serial[:16]),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{LabCertOrganization}},
		NotBefore:             time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2044, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	if a, err := netip.ParseAddr(host); err == nil {
		tmpl.IPAddresses = append(tmpl.IPAddresses, a.AsSlice())
	} else {
		tmpl.DNSNames = []string{host}
	}
	der, err := x509.CreateCertificate(zeroReader{}, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return "", fmt.Errorf("embedded: certificate for %s: %w", host, err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// zeroReader is the randomness of labCertificate: Ed25519 signing reads
// none, and every other random input (the serial) is given.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// parseCertPEM decodes one PEM certificate.
func parseCertPEM(s string) (*x509.Certificate, error) {
	blk, rest := pem.Decode([]byte(strings.TrimSpace(s)))
	if blk == nil || blk.Type != "CERTIFICATE" || len(bytes.TrimSpace(rest)) > 0 {
		return nil, errors.New("not one PEM certificate")
	}
	return x509.ParseCertificate(blk.Bytes)
}

// certFingerprint is the id of a trusted certificate: hex SHA-256 of the DER.
func certFingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
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
func endpointTrusted(tx *store.Tx, ep endpoint) (bool, error) {
	if ep.Trusted {
		return true, nil
	}
	c, err := parseCertPEM(ep.CertPEM)
	if err != nil {
		return false, nil
	}
	if _, err := tx.Get(kindTrustedCert, certFingerprint(c)); err == nil {
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
	ep, err := newEndpoint(rawURL, name, name, trusted)
	if err != nil {
		return fmt.Errorf("embedded: endpoint %q: %w", rawURL, err)
	}
	key, _ := endpointKey(rawURL)
	return e.st.Update(ctx, func(tx *store.Tx) error { return store.PutJSON(tx, kindEndpoint, key, "", "", ep) })
}
