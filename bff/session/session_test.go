package session

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

const secretToken = "eng-TOKEN-0123456789abcdef"

func fixedKeys(t *testing.T, seeds ...byte) *Keyring {
	t.Helper()
	var keys [][]byte
	for _, s := range seeds {
		k := make([]byte, KeySize)
		for i := range k {
			k[i] = s
		}
		keys = append(keys, k)
	}
	kr, err := NewKeyring(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

func TestSealOpen(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := func() time.Time { return now }
	m := NewManager(fixedKeys(t, 1), Options{Now: clock})
	s := m.New("admin@internal", secretToken, time.Time{})
	if s.Expires != now.Add(DefaultTTL) || len(s.CSRF) < 40 {
		t.Fatalf("new session %v csrf %q", s, s.CSRF)
	}
	v, err := m.Seal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v, secretToken) || strings.Contains(v, "admin") {
		t.Fatal("cookie value shows the plaintext")
	}
	got, err := m.Open(v)
	if err != nil || got.User != s.User || got.Token != s.Token || got.CSRF != s.CSRF || !got.Expires.Equal(s.Expires) {
		t.Fatalf("Open: %+v %v", got, err)
	}

	raw, _ := base64.RawURLEncoding.DecodeString(v)
	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 1
		return base64.RawURLEncoding.EncodeToString(b)
	}
	other := NewManager(fixedKeys(t, 2), Options{Now: clock})
	renamed := NewManager(fixedKeys(t, 1), Options{Now: clock, Secure: true}) // other cookie name
	tests := []struct {
		name  string
		m     *Manager
		value string
		want  error
	}{
		{"valid", m, v, nil},
		{"version byte changed", m, flip(0), ErrInvalid},
		{"key id changed", m, flip(2), ErrInvalid},
		{"nonce changed", m, flip(8), ErrInvalid},
		{"ciphertext changed", m, flip(len(raw) - 20), ErrInvalid},
		{"tag changed", m, flip(len(raw) - 1), ErrInvalid},
		{"truncated", m, v[:20], ErrInvalid},
		{"not base64", m, "!!!" + v, ErrInvalid},
		{"empty", m, "", ErrInvalid},
		{"another key", other, v, ErrInvalid},
		{"another cookie name", renamed, v, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.m.Open(tt.value)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open: %v, want %v", err, tt.want)
			}
		})
	}

	now = now.Add(DefaultTTL)
	if _, err := m.Open(v); !errors.Is(err, ErrExpired) {
		t.Fatalf("expired: %v", err)
	}
}

func TestTokenExpiryWins(t *testing.T) {
	now := time.Now()
	m := NewManager(fixedKeys(t, 1), Options{TTL: time.Hour})
	if s := m.New("u", "t", now.Add(time.Minute)); !s.Expires.Equal(now.Add(time.Minute)) {
		t.Fatalf("expiry %v", s.Expires)
	}
	if s := m.New("u", "t", now.Add(48*time.Hour)); s.Expires.After(now.Add(time.Hour + time.Second)) {
		t.Fatalf("expiry %v", s.Expires)
	}
}

func TestRotation(t *testing.T) {
	old := NewManager(fixedKeys(t, 1), Options{})
	v, _ := old.Seal(old.New("u", secretToken, time.Time{}))
	rotated := NewManager(fixedKeys(t, 2, 1), Options{})
	if _, err := rotated.Open(v); err != nil {
		t.Fatalf("a cookie of the previous key must still open: %v", err)
	}
	v2, _ := rotated.Seal(rotated.New("u", secretToken, time.Time{}))
	if _, err := old.Open(v2); !errors.Is(err, ErrInvalid) {
		t.Fatalf("new cookies use the new key: %v", err)
	}
	if _, err := NewManager(fixedKeys(t, 2), Options{}).Open(v2); err != nil {
		t.Fatal(err)
	}
}

func TestCookieFlags(t *testing.T) {
	tests := []struct {
		secure bool
		name   string
	}{{false, CookieName}, {true, SecureCookieName}}
	for _, tt := range tests {
		m := NewManager(fixedKeys(t, 1), Options{Secure: tt.secure})
		w := httptest.NewRecorder()
		if err := m.Write(w, m.New("u", secretToken, time.Time{})); err != nil {
			t.Fatal(err)
		}
		sc := w.Header().Get("Set-Cookie")
		for _, want := range []string{tt.name + "=", "Path=/", "HttpOnly", "SameSite=Strict", "Max-Age="} {
			if !strings.Contains(sc, want) {
				t.Errorf("secure=%v: %q lacks %q", tt.secure, sc, want)
			}
		}
		if strings.Contains(sc, "Secure") != tt.secure || strings.Contains(sc, "Domain") || strings.Contains(sc, secretToken) {
			t.Errorf("secure=%v: %q", tt.secure, sc)
		}
		w = httptest.NewRecorder()
		m.Clear(w)
		if sc := w.Header().Get("Set-Cookie"); !strings.Contains(sc, tt.name+"=;") || !strings.Contains(sc, "Max-Age=0") {
			t.Errorf("clear: %q", sc)
		}
	}
}

func TestFormatHidesToken(t *testing.T) {
	s := &Session{User: "admin@internal", Token: secretToken, CSRF: "c"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		if out := fmt.Sprintf(verb, s); strings.Contains(out, secretToken) || strings.Contains(out, hex.EncodeToString([]byte(secretToken))) {
			t.Errorf("%s prints the token: %s", verb, out)
		}
	}
	if !s.CheckCSRF("c") || s.CheckCSRF("") || s.CheckCSRF("d") {
		t.Error("CheckCSRF")
	}
}

func TestMiddleware(t *testing.T) {
	m := NewManager(fixedKeys(t, 1), Options{})
	good, _ := m.Cookie(m.New("admin@internal", secretToken, time.Time{}))
	e := echo.New()
	tests := []struct {
		name      string
		cookie    *http.Cookie
		wantUser  string
		wantClear bool
	}{
		{"no cookie", nil, "", false},
		{"valid", good, "admin@internal", false},
		{"garbage", &http.Cookie{Name: CookieName, Value: "abc"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.cookie != nil {
				r.AddCookie(tt.cookie)
			}
			w := httptest.NewRecorder()
			c := e.NewContext(r, w)
			var user string
			h := m.Middleware()(func(c echo.Context) error {
				if s := From(c); s != nil {
					user = s.User
				}
				return nil
			})
			if err := h(c); err != nil {
				t.Fatal(err)
			}
			if user != tt.wantUser || (w.Header().Get("Set-Cookie") != "") != tt.wantClear {
				t.Fatalf("user %q, set-cookie %q", user, w.Header().Get("Set-Cookie"))
			}
		})
	}
}

func TestKeyFiles(t *testing.T) {
	k1 := make([]byte, KeySize)
	k1[0] = 7
	k2 := make([]byte, KeySize)
	k2[0] = 9
	tests := []struct {
		name    string
		content []byte
		n       int
		wantErr string
	}{
		{"hex", []byte(hex.EncodeToString(k1) + "\n"), 1, ""},
		{"base64 std", []byte(base64.StdEncoding.EncodeToString(k1)), 1, ""},
		{"base64url raw with comments", []byte("# c\n\n" + base64.RawURLEncoding.EncodeToString(k1) + "\n" + hex.EncodeToString(k2) + "\n"), 2, ""},
		{"raw 32 bytes", k1, 1, ""},
		{"short", []byte("abcd\n"), 0, "line 1"},
		{"empty", []byte("# nothing\n"), 0, "no key"},
		{"duplicate", []byte(hex.EncodeToString(k1) + "\n" + hex.EncodeToString(k1) + "\n"), 0, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "k")
			if err := os.WriteFile(p, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			kr, err := LoadKeyFile(p)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(kr.keys) != tt.n {
				t.Fatalf("%v, %v", kr, err)
			}
		})
	}

	p := filepath.Join(t.TempDir(), "k")
	os.WriteFile(p, []byte(hex.EncodeToString(k1)), 0o644)
	if _, err := LoadKeyFile(p); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable key file: %v", err)
	}
}

func TestLoadOrCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	kr, created, err := LoadOrCreate(dir)
	if err != nil || !created {
		t.Fatalf("first: %v %v", created, err)
	}
	st, err := os.Stat(filepath.Join(dir, KeyFileName))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	kr2, created, err := LoadOrCreate(dir)
	if err != nil || created {
		t.Fatalf("second: %v %v", created, err)
	}
	// Same key: a cookie from the first opens with the second (replicas and restarts).
	m1, m2 := NewManager(kr, Options{}), NewManager(kr2, Options{})
	v, _ := m1.Seal(m1.New("u", "t", time.Time{}))
	if _, err := m2.Open(v); err != nil {
		t.Fatal(err)
	}
}

// TestReadCache: a cookie is opened once and remembered for
// OpenedCacheTTL; a remembered session still expires on time, a tampered
// cookie is never remembered, each read gets its own copy, and the cache
// holds at most OpenedCacheSize cookies.
func TestReadCache(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m := NewManager(fixedKeys(t, 1), Options{Now: func() time.Time { return now }, TTL: time.Minute})
	s := m.New("admin@internal", secretToken, time.Time{})
	v, _ := m.Seal(s)
	read := func(value string) (*Session, error) {
		r := httptest.NewRequest("GET", "/", nil)
		r.AddCookie(&http.Cookie{Name: CookieName, Value: value})
		return m.Read(r)
	}
	tests := []struct {
		name    string
		advance time.Duration
		value   string
		wantErr error
		cached  int
	}{
		{"first read opens and remembers", 0, v, nil, 1},
		{"second read from the cache", time.Second, v, nil, 1},
		{"tampered cookie not remembered", 0, v[:len(v)-2] + "AA", ErrInvalid, 1},
		{"garbage not remembered", 0, "not-a-cookie", ErrInvalid, 1},
		{"remembered but expired", 59 * time.Second, v, ErrExpired, 1},
	}
	var first *Session
	for _, tt := range tests {
		now = now.Add(tt.advance)
		got, err := read(tt.value)
		if !errors.Is(err, tt.wantErr) {
			t.Fatalf("%s: %v, want %v", tt.name, err, tt.wantErr)
		}
		if err == nil {
			if got.User != s.User || got.Token != s.Token || got.CSRF != s.CSRF || !got.Expires.Equal(s.Expires) {
				t.Fatalf("%s: %v", tt.name, got)
			}
			if first == nil {
				first = got
			} else if got == first {
				t.Fatalf("%s: the same *Session twice", tt.name)
			}
			got.Token = "changed by a handler"
		}
		if n := m.opened.cached(); n != tt.cached {
			t.Fatalf("%s: %d cached", tt.name, n)
		}
	}

	// Bounded: more sessions than the cache holds.
	now = now.Add(-59 * time.Second)
	for i := range OpenedCacheSize + 100 {
		v, _ := m.Seal(m.New(fmt.Sprint("user", i, "@internal"), secretToken, time.Time{}))
		if _, err := read(v); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.opened.cached(); n > OpenedCacheSize {
		t.Fatalf("%d cached, the bound is %d", n, OpenedCacheSize)
	}
}

func BenchmarkRead(b *testing.B) {
	m := NewManager(mustKeys(b), Options{})
	v, _ := m.Seal(m.New("admin@internal", secretToken, time.Time{}))
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(&http.Cookie{Name: CookieName, Value: v})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Read(r); err != nil {
			b.Fatal(err)
		}
	}
}

func mustKeys(b *testing.B) *Keyring {
	kr, err := NewKeyring(NewKey())
	if err != nil {
		b.Fatal(err)
	}
	return kr
}
