package embedded

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"

	"v6admin/engine/embedded/store"
)

// metaSSHKey holds the seed of the engine's ed25519 SSH key (base64): the
// key hosts trust in /root/.ssh/authorized_keys for public key installs.
const metaSSHKey = "engine_ssh_key"

// sshKeyComment ends the published key, as on a real engine.
const sshKeyComment = "ovirt-engine"

// ensureSSHKey creates the engine's SSH key on first use; it then stays.
func (e *Engine) ensureSSHKey(ctx context.Context) error {
	return e.st.Update(ctx, func(tx *store.Tx) error {
		v, err := tx.Meta(metaSSHKey)
		if err == nil && v != "" {
			seed, derr := base64.StdEncoding.DecodeString(v)
			if derr != nil || len(seed) != ed25519.SeedSize {
				return errors.New("embedded: the stored engine SSH key is damaged")
			}
			e.sshKey = ed25519.NewKeyFromSeed(seed)
			return nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		seed := make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return err
		}
		e.sshKey = ed25519.NewKeyFromSeed(seed)
		return tx.SetMeta(metaSSHKey, base64.StdEncoding.EncodeToString(seed))
	})
}

// authorizedKey is an ed25519 public key in OpenSSH authorized_keys form:
// "ssh-ed25519 <base64 of the wire encoding> comment" (RFC 8709 §4).
func authorizedKey(pub ed25519.PublicKey, comment string) string {
	const algo = "ssh-ed25519"
	b := make([]byte, 0, 4+len(algo)+4+len(pub))
	b = binary.BigEndian.AppendUint32(b, uint32(len(algo)))
	b = append(b, algo...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(pub)))
	b = append(b, pub...)
	return algo + " " + base64.StdEncoding.EncodeToString(b) + " " + comment
}

// pkiResource is GET /ovirt-engine/services/pki-resource, as the real
// engine's PKIResourceServlet: public (no login), text/plain. This engine
// serves resource=engine-certificate with format=OPENSSH-PUBKEY, the key
// hosts authorize for "SSH Public Key" installs.
func (e *Engine) pkiResource(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	res, format := q.Get("resource"), q.Get("format")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if res != "engine-certificate" || format != "OPENSSH-PUBKEY" {
		w.WriteHeader(http.StatusBadRequest)
		// The query is not echoed: it is the caller's text.
		fmt.Fprintln(w, "Unsupported resource or format: this engine serves resource=engine-certificate&format=OPENSSH-PUBKEY.")
		return
	}
	fmt.Fprintln(w, authorizedKey(e.sshKey.Public().(ed25519.PublicKey), sshKeyComment))
}
