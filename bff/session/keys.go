package session

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the size of a session key: AES-256.
const KeySize = 32

// KeyFileName is the name of the key file generated in the data directory.
const KeyFileName = "session.key"

// keyIDSize is the size of the key id written in every cookie, so that a
// cookie sealed with an older key is opened with that key after a rotation.
const keyIDSize = 4

// key is one AES-256-GCM key with its id.
type key struct {
	id   [keyIDSize]byte
	aead cipher.AEAD
}

// Keyring holds the session keys: the first seals new cookies, all of them
// open cookies (so a key can be rotated without logging everybody out).
// Replicas behind a load balancer share sessions by sharing the key file.
type Keyring struct {
	keys []key
}

// NewKeyring returns a keyring of 32-byte keys; keys[0] is the current one.
func NewKeyring(keys ...[]byte) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("session: no key")
	}
	kr := &Keyring{}
	seen := map[[keyIDSize]byte]bool{}
	for i, k := range keys {
		if len(k) != KeySize {
			return nil, fmt.Errorf("session: key %d is %d bytes, want %d", i+1, len(k), KeySize)
		}
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, fmt.Errorf("session: %w", err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("session: %w", err)
		}
		id := keyID(k)
		if seen[id] {
			return nil, fmt.Errorf("session: key %d is listed twice", i+1)
		}
		seen[id] = true
		kr.keys = append(kr.keys, key{id: id, aead: aead})
	}
	return kr, nil
}

// keyID derives a short public id from a key (not the key's hash itself).
func keyID(k []byte) [keyIDSize]byte {
	h := sha256.New()
	h.Write([]byte("v6admin session key id\x00"))
	h.Write(k)
	var id [keyIDSize]byte
	copy(id[:], h.Sum(nil))
	return id
}

// find returns the key with id.
func (kr *Keyring) find(id []byte) (key, bool) {
	for _, k := range kr.keys {
		if bytes.Equal(k.id[:], id) {
			return k, true
		}
	}
	return key{}, false
}

// NewKey returns a fresh random key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic("session: crypto/rand failed: " + err.Error()) // never happens (Go 1.24+)
	}
	return k
}

// ParseKeys reads a key file: one key per line, the current key first, each
// written as 64 hex digits or as base64 (standard or URL alphabet, padded or
// not) of 32 bytes; empty lines and lines starting with # are ignored. A file
// of exactly 32 bytes that is not such text is one raw key
// (head -c 32 /dev/urandom > session.key).
func ParseKeys(data []byte) ([][]byte, error) {
	var keys [][]byte
	var bad []int
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k, ok := decodeKey(line); ok {
			keys = append(keys, k)
		} else {
			bad = append(bad, i+1)
		}
	}
	if len(bad) == 0 && len(keys) > 0 {
		return keys, nil
	}
	if len(data) == KeySize {
		return [][]byte{bytes.Clone(data)}, nil
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("session: key file line %d is not a 32-byte key in hex or base64", bad[0])
	}
	return nil, errors.New("session: the key file holds no key")
}

func decodeKey(s string) ([]byte, bool) {
	if len(s) == hex.EncodedLen(KeySize) {
		if k, err := hex.DecodeString(s); err == nil {
			return k, true
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == KeySize {
			return k, true
		}
	}
	return nil, false
}

// LoadKeyFile reads the keyring from a key file (see ParseKeys). The file
// must not be readable by group or others.
func LoadKeyFile(path string) (*Keyring, error) {
	if err := checkPerm(path); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	keys, err := ParseKeys(data)
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	return NewKeyring(keys...)
}

// LoadOrCreate reads <dataDir>/session.key, creating it with a new random key
// (mode 0600, the directory 0700 if missing) on first use. created reports
// whether the file was made now.
func LoadOrCreate(dataDir string) (kr *Keyring, created bool, err error) {
	path := filepath.Join(dataDir, KeyFileName)
	kr, err = LoadKeyFile(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return kr, false, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, false, fmt.Errorf("session: %w", err)
	}
	k := NewKey()
	content := "# v6admin session key (AES-256-GCM). Keep it secret; copy it to every replica.\n" +
		"# To rotate: put a new key on the first line and keep the old one below it until old sessions expired.\n" +
		base64.RawURLEncoding.EncodeToString(k) + "\n"
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process made it first
		kr, err = LoadKeyFile(path)
		return kr, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("session: %w", err)
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		os.Remove(path)
		return nil, false, fmt.Errorf("session: writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, false, fmt.Errorf("session: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, false, fmt.Errorf("session: writing %s: %w", path, err)
	}
	kr, err = NewKeyring(k)
	return kr, true, err
}

// checkPerm refuses a key file that group or others may read or write.
func checkPerm(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	if st.IsDir() {
		return fmt.Errorf("session: %s is a directory", path)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("session: %s has mode %04o; run chmod 600 on it (the key must be readable by the server only)", path, st.Mode().Perm())
	}
	return nil
}
