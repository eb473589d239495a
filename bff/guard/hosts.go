package guard

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"v6admin/bff/apierr"
)

// CodeMisdirected is the envelope code of a request for a foreign Host.
const CodeMisdirected = "misdirected_request"

// ifaceRefresh is how often, at most, a wildcard listener re-reads the
// machine's addresses when a Host is not among them (addresses come and go:
// SLAAC temporary addresses, DHCP).
const ifaceRefresh = 5 * time.Second

// HostOptions configure NewHosts.
type HostOptions struct {
	// Listen is the address the server listens on; the unspecified
	// address (:: or 0.0.0.0) means every address of the machine.
	Listen netip.Addr
	// Origins are the URLs (or origins) by which people reach the server
	// through something that keeps the Host header: --allowed-origins and
	// --public-url. Their hosts are allowed.
	Origins []string
	// Hostname is the machine's name, allowed for a wildcard listener
	// (os.Hostname()).
	Hostname string
	// Interfaces lists the machine's addresses for a wildcard listener;
	// nil means net.InterfaceAddrs.
	Interfaces func() ([]netip.Addr, error)
}

// Hosts is the set of Host header values the server answers to: the
// address it listens on (for a wildcard listener, the machine's interface
// addresses and host name), "localhost", and the hosts of the configured
// origins. A DNS rebinding page reaches the server with its own name in
// Host, which is none of these.
type Hosts struct {
	names    map[string]bool
	addrs    map[netip.Addr]bool
	wildcard bool
	ifaces   func() ([]netip.Addr, error)
	now      func() time.Time

	mu      sync.Mutex
	ifAddrs map[netip.Addr]bool
	ifAt    time.Time
}

// NewHosts builds the set; an origin that is not a URL with a host is an
// error.
func NewHosts(o HostOptions) (*Hosts, error) {
	h := &Hosts{names: map[string]bool{"localhost": true}, addrs: map[netip.Addr]bool{},
		ifaces: o.Interfaces, now: time.Now}
	if h.ifaces == nil {
		h.ifaces = interfaceAddrs
	}
	listen := o.Listen.WithZone("").Unmap()
	switch {
	case !listen.IsValid():
		return nil, fmt.Errorf("guard: no listen address")
	case listen.IsUnspecified():
		h.wildcard = true
		if n, ok := normName(o.Hostname); ok {
			h.names[n] = true
		}
		h.refresh(h.now())
	default:
		h.addrs[listen] = true
	}
	for _, s := range o.Origins {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("%q is not a URL such as https://admin.example.com", s)
		}
		name, addr, ok := ParseHost(u.Host)
		if !ok {
			return nil, fmt.Errorf("%q: %q is not a host name or address", s, u.Host)
		}
		if addr.IsValid() {
			h.addrs[addr] = true
		} else {
			h.names[name] = true
		}
	}
	return h, nil
}

// Allowed reports whether the server answers to a request's Host (with or
// without a port; the port is not compared: a rebinding page differs by
// its name, and a proxy may change the port).
func (h *Hosts) Allowed(host string) bool {
	name, addr, ok := ParseHost(host)
	switch {
	case !ok:
		return false
	case !addr.IsValid():
		return h.names[name]
	case h.addrs[addr]:
		return true
	case !h.wildcard:
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ifAddrs[addr] {
		return true
	}
	if now := h.now(); now.Sub(h.ifAt) >= ifaceRefresh {
		h.refreshLocked(now)
	}
	return h.ifAddrs[addr]
}

func (h *Hosts) refresh(now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.refreshLocked(now)
}

func (h *Hosts) refreshLocked(now time.Time) {
	h.ifAt = now
	as, err := h.ifaces()
	if err != nil {
		return // keep what we had
	}
	m := make(map[netip.Addr]bool, len(as))
	for _, a := range as {
		m[a.WithZone("").Unmap()] = true
	}
	h.ifAddrs = m
}

// interfaceAddrs lists the machine's addresses.
func interfaceAddrs() ([]netip.Addr, error) {
	as, err := net.InterfaceAddrs()
	if err != nil {
		return nil, err
	}
	var out []netip.Addr
	for _, a := range as {
		if p, err := netip.ParsePrefix(a.String()); err == nil {
			out = append(out, p.Addr())
		} else if ad, err := netip.ParseAddr(a.String()); err == nil {
			out = append(out, ad)
		}
	}
	return out, nil
}

// ParseHost parses a Host header value ("name", "name:port", "1.2.3.4",
// "[v6]", "[v6]:port", a zone as "%25zone" or "%zone") with net/netip:
// an IP literal comes back as addr (unmapped, without its zone), a name as
// name (lower case, without a trailing dot). ok is false for anything else
// (empty, an IPv6 literal without brackets, a bad port or name).
func ParseHost(host string) (name string, addr netip.Addr, ok bool) {
	hostPart, port := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return "", netip.Addr{}, false
		}
		hostPart, port = host[1:end], host[end+1:]
		if port != "" {
			if port[0] != ':' {
				return "", netip.Addr{}, false
			}
			port = port[1:]
			if port == "" {
				return "", netip.Addr{}, false
			}
		}
		lit := hostPart
		if i := strings.IndexByte(lit, '%'); i >= 0 {
			lit = lit[:i] // the zone (%25eth0 or %eth0) does not matter
		}
		a, err := netip.ParseAddr(lit)
		if err != nil || !a.Is6() {
			return "", netip.Addr{}, false
		}
		if !validPort(port) {
			return "", netip.Addr{}, false
		}
		return "", a.Unmap(), true
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		if strings.Count(host, ":") > 1 {
			return "", netip.Addr{}, false // IPv6 without brackets
		}
		hostPart, port = host[:i], host[i+1:]
		if port == "" {
			return "", netip.Addr{}, false
		}
	}
	if !validPort(port) {
		return "", netip.Addr{}, false
	}
	if a, err := netip.ParseAddr(hostPart); err == nil {
		if !a.Is4() {
			return "", netip.Addr{}, false
		}
		return "", a, true
	}
	n, ok := normName(hostPart)
	return n, netip.Addr{}, ok
}

// validPort accepts "" or a decimal port 0-65535.
func validPort(p string) bool {
	if p == "" {
		return true
	}
	if len(p) > 5 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	n, err := strconv.Atoi(p)
	return err == nil && n <= 65535
}

// normName lower-cases a DNS name and drops one trailing dot; ok is false
// unless it is made of labels of letters, digits, '-' and '_' (1-63 each,
// at most 253 in all).
func normName(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if s == "" || len(s) > 253 {
		return "", false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 {
			return "", false
		}
		for i := 0; i < len(label); i++ {
			switch c := label[i]; {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			default:
				return "", false
			}
		}
	}
	return s, true
}

// misdirected is the 421 body (the BFF's envelope; the Host is not echoed).
var misdirected, _ = json.Marshal(apierr.New(http.StatusMisdirectedRequest, CodeMisdirected,
	"This server does not answer for that host name. Open it by one of its own names or addresses, "+
		"or add the name with --public-url."))

// Listener wraps the whole listener (the BFF and the embedded engine): every
// response gets the security headers (SetHeaders), and a request whose Host
// is not in hosts gets 421 Misdirected Request before any handler runs (the
// WebSocket, the login, the proxy, the static files and the engine's paths
// alike). A nil hosts checks no Host.
func Listener(next http.Handler, hosts *Hosts, hsts bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		SetHeaders(w.Header(), hsts)
		if hosts != nil && !hosts.Allowed(r.Host) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusMisdirectedRequest)
			if r.Method != http.MethodHead {
				_, _ = w.Write(misdirected)
			}
			return
		}
		next.ServeHTTP(w, r)
	})
}
