package lab

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// EndpointKey is scheme://host:port with the host canonical and the
// default port filled in.
func EndpointKey(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	if u.Scheme = strings.ToLower(u.Scheme); (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", errors.New("not an http(s) URL with a host: " + raw)
	}
	port := u.Port()
	if port == "" {
		port = "443"
		if u.Scheme == "http" {
			port = "80"
		}
	}
	return u.Scheme + "://" + net.JoinHostPort(CanonAddr(u.Hostname()), port), nil
}

// Endpoint is a simulated provider service (id = EndpointKey). An https
// endpoint presents CertPEM, a self-signed certificate; the engine trusts
// it when Trusted is set or when it was imported (importcertificates).
type Endpoint struct {
	URL     string `json:"url"`
	Name    string `json:"name"`
	CertPEM string `json:"cert_pem,omitempty"`
	Trusted bool   `json:"trusted,omitempty"`
}

// NewEndpoint builds the endpoint of raw; https endpoints get the
// deterministic certificate of their host (one per host: every https port
// of a host presents the same certificate).
func NewEndpoint(raw, name, cn string, trusted bool) (Endpoint, error) {
	key, err := EndpointKey(raw)
	if err != nil {
		return Endpoint{}, err
	}
	ep := Endpoint{URL: raw, Name: name, Trusted: trusted}
	u, _ := url.Parse(key)
	if u.Scheme == "https" {
		if cn == "" {
			cn = u.Hostname()
		}
		if ep.CertPEM, err = Certificate(u.Hostname(), cn); err != nil {
			return Endpoint{}, err
		}
	}
	return ep, nil
}

// Certificate returns the self-signed certificate a simulated https
// service on host presents: subject "CN=<cn>,O=v6admin lab", the host as
// subject alternative name, an Ed25519 key derived from the host. Ed25519
// signatures are deterministic, so the same host always gets the same
// certificate (and SHA-256 fingerprint), across restarts and databases.
func Certificate(host, cn string) (string, error) {
	host = CanonAddr(host)
	seed := sha256.Sum256([]byte("v6admin lab provider key\x00" + host))
	key := ed25519.NewKeyFromSeed(seed[:])
	serial := sha256.Sum256([]byte("v6admin lab provider serial\x00" + host))
	tmpl := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(serial[:16]),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{CertOrganization}},
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
		return "", fmt.Errorf("lab: certificate for %s: %w", host, err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// zeroReader is the randomness of Certificate: Ed25519 signing reads
// none, and every other random input (the serial) is given.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// ParseCertPEM decodes one PEM certificate.
func ParseCertPEM(s string) (*x509.Certificate, error) {
	blk, rest := pem.Decode([]byte(strings.TrimSpace(s)))
	if blk == nil || blk.Type != "CERTIFICATE" || len(bytes.TrimSpace(rest)) > 0 {
		return nil, errors.New("not one PEM certificate")
	}
	return x509.ParseCertificate(blk.Bytes)
}

// Fingerprint is the id of a trusted certificate: hex SHA-256 of the DER.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}
