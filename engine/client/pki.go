package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxSSHKeyLen bounds the public key line (an RSA 16384 key is ~2.8 kB).
const maxSSHKeyLen = 8 << 10

// EngineSSHPublicKey returns the engine's SSH public key in authorized_keys
// form ("ssh-rsa AAAA… ovirt-engine"): GET
// /ovirt-engine/services/pki-resource?resource=engine-certificate&format=OPENSSH-PUBKEY.
// Hosts that trust it can be added with ssh.authentication_method
// publickey. The resource is public: no token is sent.
func (c *Client) EngineSSHPublicKey(ctx context.Context) (string, error) {
	u := withPath(c.api, PKIResourcePath)
	u.RawQuery = url.Values{"resource": {"engine-certificate"}, "format": {"OPENSSH-PUBKEY"}}.Encode()
	r, err := c.send(ctx, http.MethodGet, u, http.Header{"Accept": {"text/plain"}}, nil)
	if err != nil {
		return "", err
	}
	if r.status != http.StatusOK {
		return "", &Error{Method: http.MethodGet, Path: PKIResourcePath, Status: r.status, CorrelationID: CorrelationID(ctx)}
	}
	key := strings.TrimSpace(string(r.body))
	if len(key) > maxSSHKeyLen || strings.ContainsAny(key, "\r\n") || !strings.HasPrefix(key, "ssh-") && !strings.HasPrefix(key, "ecdsa-") {
		return "", fmt.Errorf("client: GET %s: the engine's answer is not an SSH public key", PKIResourcePath)
	}
	return key, nil
}
