package embedded

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"v6admin/engine/ovirt"
)

// getPKI fetches pki-resource without logging in, as hosts and tools do.
func getPKI(t *testing.T, v *tenv, query string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(v.srv.URL + "/ovirt-engine/services/pki-resource" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

// parseAuthorizedKey decodes "ssh-ed25519 <base64> comment".
func parseAuthorizedKey(t *testing.T, line string) (ed25519.PublicKey, string) {
	t.Helper()
	f := strings.Fields(line)
	if len(f) != 3 || f[0] != "ssh-ed25519" {
		t.Fatalf("key line %q", line)
	}
	b, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil {
		t.Fatal(err)
	}
	next := func() []byte {
		if len(b) < 4 {
			t.Fatalf("short key blob")
		}
		n := binary.BigEndian.Uint32(b)
		if int(n) > len(b)-4 {
			t.Fatalf("bad length %d", n)
		}
		out := b[4 : 4+n]
		b = b[4+n:]
		return out
	}
	if algo := next(); string(algo) != "ssh-ed25519" {
		t.Fatalf("algorithm %q", algo)
	}
	pub := next()
	if len(pub) != ed25519.PublicKeySize || len(b) != 0 {
		t.Fatalf("public key of %d bytes, %d left", len(pub), len(b))
	}
	return ed25519.PublicKey(pub), f[2]
}

func TestPKIResourceSSHKey(t *testing.T) {
	dir := t.TempDir()
	v := openEnv(t, dir)
	cases := []struct {
		query  string
		status int
	}{
		{"?resource=engine-certificate&format=OPENSSH-PUBKEY", 200},
		{"?resource=engine-certificate&format=X509-PEM", 400},
		{"?resource=ca-certificate&format=OPENSSH-PUBKEY", 400},
		{"", 400},
	}
	var key string
	for _, c := range cases {
		status, ctype, body := getPKI(t, v, c.query)
		if status != c.status || !strings.HasPrefix(ctype, "text/plain") {
			t.Fatalf("%s: %d %s %q", c.query, status, ctype, body)
		}
		if status == 200 {
			key = strings.TrimSpace(body)
		}
	}
	pub, comment := parseAuthorizedKey(t, key)
	if comment != "ovirt-engine" {
		t.Fatalf("comment %q", comment)
	}
	// The key is the engine's: it verifies what the engine signs.
	msg := []byte("install host")
	if !ed25519.Verify(pub, msg, ed25519.Sign(v.e.sshKey, msg)) {
		t.Fatal("the published key is not the engine's")
	}
	// It survives a restart.
	v.close()
	v2 := openEnv(t, dir)
	if _, _, again := getPKI(t, v2, cases[0].query); strings.TrimSpace(again) != key {
		t.Fatalf("key changed across a restart:\n%s\n%s", key, again)
	}
	if bytes.Equal(v2.e.sshKey.Seed(), make([]byte, 32)) {
		t.Fatal("zero key")
	}
}

func TestHostAddPublicKey(t *testing.T) {
	v := newEnv(t)
	body := map[string]any{"name": "pk-host", "address": "2001:db8::5c", "cluster": map[string]string{"name": "Default"},
		"ssh": map[string]any{"authentication_method": "publickey"}}
	var h ovirt.Host
	v.must(201, "POST", "/hosts", body, &h)
	// authentication_method is input only: HostMapper does not write it.
	if h.Ssh == nil || h.Ssh.AuthenticationMethod != "" || h.Ssh.User == nil {
		t.Fatalf("ssh %+v", h.Ssh)
	}
	eventually(t, 5*time.Second, func() bool {
		var got ovirt.Host
		v.must(200, "GET", "/hosts/"+h.ID, nil, &got)
		return got.Status == ovirt.HostStatusUp
	})
	bad := addHostBody("pk-bad", "2001:db8::5d")
	bad["ssh"] = map[string]any{"authentication_method": "kerberos"}
	v.fault(400, "Invalid value", "kerberos is not a member of SshAuthenticationMethod", "POST", "/hosts", bad)
}
