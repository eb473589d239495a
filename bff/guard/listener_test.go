package guard

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestParseHost(t *testing.T) {
	tests := []struct {
		in   string
		name string
		addr string
		ok   bool
	}{
		{"localhost", "localhost", "", true},
		{"LocalHost.:8080", "localhost", "", true},
		{"Admin.Example.COM.", "admin.example.com", "", true},
		{"admin.example.com:443", "admin.example.com", "", true},
		{"[::1]", "", "::1", true},
		{"[::1]:8080", "", "::1", true},
		{"[0:0:0:0:0:0:0:1]:8080", "", "::1", true},
		{"[2001:DB8::A]:1", "", "2001:db8::a", true},
		{"[fe80::1%25eth0]:8080", "", "fe80::1", true},
		{"[::ffff:127.0.0.1]:80", "", "127.0.0.1", true},
		{"127.0.0.1:8080", "", "127.0.0.1", true},
		{"192.0.2.7", "", "192.0.2.7", true},
		{"", "", "", false},
		{"::1", "", "", false},           // IPv6 without brackets
		{"::1:8080", "", "", false},      //
		{"[::1", "", "", false},          //
		{"[::1]x", "", "", false},        //
		{"[::1]:", "", "", false},        //
		{"[::1]:99999", "", "", false},   //
		{"[127.0.0.1]", "", "", false},   // IPv4 in brackets
		{"host:", "", "", false},         //
		{"host:http", "", "", false},     //
		{"ev il.example", "", "", false}, //
		{"a..b", "", "", false},          //
		{"evil.example/x", "", "", false},
		{"evil.example@[::1]", "", "", false},
	}
	for _, tt := range tests {
		name, addr, ok := ParseHost(tt.in)
		a := ""
		if addr.IsValid() {
			a = addr.String()
		}
		if ok != tt.ok || name != tt.name || a != tt.addr {
			t.Errorf("ParseHost(%q) = %q %q %v, want %q %q %v", tt.in, name, a, ok, tt.name, tt.addr, tt.ok)
		}
	}
}

func FuzzParseHost(f *testing.F) {
	for _, s := range []string{"localhost", "[::1]:8080", "[fe80::1%25eth0]", "127.0.0.1:1", "a.b.", "[::ffff:1.2.3.4]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, addr, ok := ParseHost(s)
		if !ok {
			return
		}
		if (name == "") == !addr.IsValid() {
			t.Fatalf("%q: name %q and addr %v", s, name, addr)
		}
		if name != "" && (name != strings.ToLower(name) || strings.HasSuffix(name, ".")) {
			t.Fatalf("%q: name %q not normal", s, name)
		}
		if addr.IsValid() && (addr.Zone() != "" || addr.Is4In6()) {
			t.Fatalf("%q: addr %v not normal", s, addr)
		}
	})
}

func TestHosts(t *testing.T) {
	ifaces := []netip.Addr{netip.MustParseAddr("::1"), netip.MustParseAddr("127.0.0.1"),
		netip.MustParseAddr("2001:db8:1::5"), netip.MustParseAddr("fe80::1%eth0")}
	list := func() ([]netip.Addr, error) { return ifaces, nil }
	wild, err := NewHosts(HostOptions{Listen: netip.MustParseAddr("::"), Hostname: "Node1.Example.",
		Origins: []string{"https://admin.example.com", "http://[2001:db8:9::9]:8443"}, Interfaces: list})
	if err != nil {
		t.Fatal(err)
	}
	lo, err := NewHosts(HostOptions{Listen: netip.MustParseAddr("::1"), Interfaces: list})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host     string
		wild, lo bool
	}{
		{"[::1]:8080", true, true},
		{"[0::1]:8080", true, true},
		{"localhost:8080", true, true},
		{"LOCALHOST.", true, true},
		{"127.0.0.1:8080", true, false},
		{"[::ffff:127.0.0.1]:8080", true, false},
		{"[2001:db8:1::5]:8080", true, false},
		{"[fe80::1%25eth0]:8080", true, false},
		{"node1.example", true, false},
		{"node1.example.:8080", true, false},
		{"admin.example.com", true, false},
		{"Admin.Example.Com.:443", true, false},
		{"[2001:db8:9::9]:8443", true, false},
		{"evil.example:8080", false, false},
		{"admin.example.com.evil.example", false, false},
		{"sub.localhost", false, false},
		{"[2001:db8:1::6]:8080", false, false},
		{"10.0.0.1", false, false},
		{"2130706433:8080", false, false}, // 127.0.0.1 as a number is a name here
		{"", false, false},
	}
	for _, tt := range tests {
		if got := wild.Allowed(tt.host); got != tt.wild {
			t.Errorf("wildcard listener, Host %q: %v, want %v", tt.host, got, tt.wild)
		}
		if got := lo.Allowed(tt.host); got != tt.lo {
			t.Errorf("[::1] listener, Host %q: %v, want %v", tt.host, got, tt.lo)
		}
	}
	// A new address of the machine (SLAAC) is seen after the refresh delay.
	now := time.Unix(1000, 0)
	wild.now = func() time.Time { return now }
	wild.refresh(now)
	ifaces = append(ifaces, netip.MustParseAddr("2001:db8:1::77"))
	if wild.Allowed("[2001:db8:1::77]") {
		t.Fatal("re-read before the refresh delay")
	}
	now = now.Add(ifaceRefresh)
	if !wild.Allowed("[2001:db8:1::77]") {
		t.Fatal("a new interface address is not allowed")
	}
	if _, err := NewHosts(HostOptions{Listen: netip.MustParseAddr("::1"), Origins: []string{"not a url"}}); err == nil {
		t.Fatal("bad origin accepted")
	}
}

// TestListener checks the listener wrapper: the security headers on every
// answer, its own 421 included, and no handler run for a foreign Host.
func TestListener(t *testing.T) {
	hosts, err := NewHosts(HostOptions{Listen: netip.MustParseAddr("::1")})
	if err != nil {
		t.Fatal(err)
	}
	ran := false
	h := Listener(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ran = true
		w.WriteHeader(http.StatusTeapot)
	}), hosts, false)
	for _, tt := range []struct {
		host   string
		status int
	}{{"[::1]:8080", http.StatusTeapot}, {"evil.example:8080", http.StatusMisdirectedRequest}} {
		ran = false
		r := httptest.NewRequest("GET", "/ws", nil)
		r.Host = tt.host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tt.status || ran != (tt.status == http.StatusTeapot) {
			t.Fatalf("Host %q: %d, handler ran %v", tt.host, w.Code, ran)
		}
		if w.Header().Get("Content-Security-Policy") != CSP || w.Header().Get("X-Frame-Options") != "DENY" {
			t.Fatalf("Host %q: headers %v", tt.host, w.Header())
		}
		if tt.status == http.StatusMisdirectedRequest {
			var env struct{ Code, Message string }
			if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil || env.Code != CodeMisdirected || strings.Contains(w.Body.String(), "evil") {
				t.Fatalf("421 body %q", w.Body)
			}
		}
	}
}

// TestEngineLimit checks the engine's password paths under the shared
// limiter: SSO token grants and Basic credentials take tokens, refusals
// have the engine's shape, bearer tokens and other paths are not counted,
// and the BFF's own connections are not counted twice.
func TestEngineLimit(t *testing.T) {
	l := NewLimiter(10, 2)
	engineRan := 0
	h := EngineLimit(l, ClientIP{}, nil, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		engineRan++
		w.WriteHeader(http.StatusUnauthorized)
	}))
	send := func(remote, method, path, auth string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, nil)
		r.RemoteAddr = remote
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	const a = "[2001:db8:0:1::a]:1"
	if send(a, "POST", SSOTokenPath, "").Code != 401 || send(a, "GET", "/ovirt-engine/api/hosts", "Basic eDp5").Code != 401 {
		t.Fatal("burst refused")
	}
	w := send("[2001:db8:0:1::b]:2", "POST", SSOTokenPath, "")
	var sso struct {
		ErrorCode string `json:"error_code"`
		Error     string `json:"error"`
	}
	if w.Code != 429 || w.Header().Get("Retry-After") == "" || json.Unmarshal(w.Body.Bytes(), &sso) != nil || sso.ErrorCode != "access_denied" {
		t.Fatalf("SSO refusal: %d %v %s", w.Code, w.Header(), w.Body)
	}
	w = send(a, "GET", "/ovirt-engine/api", "basic eDp5")
	var fault struct{ Reason, Detail string }
	if w.Code != 429 || json.Unmarshal(w.Body.Bytes(), &fault) != nil || !strings.HasPrefix(fault.Detail, "[Too many") {
		t.Fatalf("Basic refusal: %d %s", w.Code, w.Body)
	}
	n := engineRan
	if send(a, "GET", "/ovirt-engine/api", "Bearer tok").Code != 401 || send(a, "GET", "/ovirt-engine/services/pki-resource", "").Code != 401 {
		t.Fatal("bearer or public path limited")
	}
	if send("[2001:db8:0:2::a]:1", "POST", SSOTokenPath, "").Code != 401 {
		t.Fatal("another /64 limited")
	}
	if engineRan != n+3 {
		t.Fatalf("the engine ran %d times for 3 passed requests", engineRan-n)
	}

	// The BFF's own connection (its address remembered by SelfConns) is
	// not counted; a client on the same loopback is.
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	self := &SelfConns{}
	dial := self.Wrap((&net.Dialer{}).DialContext)
	conn, err := dial(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	h = EngineLimit(NewLimiter(10, 1), ClientIP{}, self, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	for i := range 3 {
		r := httptest.NewRequest("POST", SSOTokenPath, nil)
		r.RemoteAddr = conn.LocalAddr().String()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Fatalf("own request %d: %d", i, w.Code)
		}
	}
	other := httptest.NewRequest("POST", SSOTokenPath, nil)
	other.RemoteAddr = "[::1]:1"
	for i, want := range []int{200, 429} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, other)
		if w.Code != want {
			t.Fatalf("other loopback client, request %d: %d, want %d", i, w.Code, want)
		}
	}
	if err := conn.Close(); err != nil || self.Len() != 0 {
		t.Fatalf("closed connection still remembered: %v %d", err, self.Len())
	}
	if _, err := dial(context.Background(), "tcp", "[::1]:1"); err == nil || errors.Is(err, context.Canceled) {
		t.Fatalf("dial to a closed port: %v", err)
	}
	if self.Len() != 0 {
		t.Fatal("failed dial remembered")
	}
}
