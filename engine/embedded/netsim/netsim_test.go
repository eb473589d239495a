package netsim

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"testing"
)

func mustMAC(t testing.TB, s string) net.HardwareAddr {
	t.Helper()
	m, err := net.ParseMAC(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEUI64(t *testing.T) {
	cases := []struct {
		mac     string
		want    string // interface identifier as 4 hex groups
		wantErr bool
	}{
		{mac: "00:1b:21:ab:cd:ef", want: "021b:21ff:feab:cdef"}, // U/L 0 -> 1
		{mac: "02:1b:21:ab:cd:ef", want: "001b:21ff:feab:cdef"}, // U/L 1 -> 0
		{mac: "34:56:78:9a:bc:de", want: "3656:78ff:fe9a:bcde"}, // RFC 4291 app. A style
		{mac: "52:54:00:12:34:56", want: "5054:00ff:fe12:3456"}, // QEMU
		{mac: "56:6f:1a:00:00:01", want: "546f:1aff:fe00:0001"}, // oVirt vNIC pool
		{mac: "ff:ff:ff:ff:ff:ff", want: "fdff:ffff:feff:ffff"},
		{mac: "00:00:00:00:00:00", want: "0200:00ff:fe00:0000"},
		{mac: "00:1b:21:ff:fe:ab:cd:ef", want: "021b:21ff:feab:cdef"}, // EUI-64 MAC: U/L flip only
		{mac: "02:00:00:00:00:00:00:01", want: "0000:0000:0000:0001"},
		{mac: "00:00:00:00:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0f:cd:a1", wantErr: true}, // InfiniBand
	}
	for _, c := range cases {
		t.Run(c.mac, func(t *testing.T) {
			id, err := EUI64(mustMAC(t, c.mac))
			if c.wantErr {
				if err == nil {
					t.Fatalf("EUI64 = %x, want an error", id)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%02x%02x:%02x%02x:%02x%02x:%02x%02x", id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7])
			if got != c.want {
				t.Errorf("EUI64 = %s, want %s", got, c.want)
			}
		})
	}
	for _, bad := range []net.HardwareAddr{nil, {1, 2, 3}, make(net.HardwareAddr, 7)} {
		if _, err := EUI64(bad); err == nil {
			t.Errorf("EUI64(%d bytes) did not fail", len(bad))
		}
	}
}

func TestSLAAC(t *testing.T) {
	mac := mustMAC(t, "00:1b:21:ab:cd:ef")
	cases := []struct {
		prefix  string
		want    string
		wantErr bool
	}{
		{prefix: "2001:db8:1::/64", want: "2001:db8:1:0:21b:21ff:feab:cdef"},
		{prefix: "2001:db8:1:0:dead:beef::/64", want: "2001:db8:1:0:21b:21ff:feab:cdef"}, // host bits ignored
		{prefix: "fd00:abcd:0:42::/64", want: "fd00:abcd:0:42:21b:21ff:feab:cdef"},
		{prefix: "fe80::/64", want: "fe80::21b:21ff:feab:cdef"},
		{prefix: "2001:db8::/48", wantErr: true},
		{prefix: "2001:db8::/80", wantErr: true},
		{prefix: "192.0.2.0/24", wantErr: true},
		{prefix: "::ffff:192.0.2.0/64", wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.prefix, func(t *testing.T) {
			a, err := SLAAC(netip.MustParsePrefix(c.prefix), mac)
			if c.wantErr {
				if err == nil {
					t.Fatalf("SLAAC = %v, want an error", a)
				}
				return
			}
			if err != nil || a != netip.MustParseAddr(c.want) {
				t.Errorf("SLAAC = %v, %v; want %s", a, err, c.want)
			}
		})
	}
	if _, err := SLAAC(netip.Prefix{}, mac); err == nil {
		t.Error("SLAAC(zero prefix) did not fail")
	}
	if _, err := SLAAC(netip.MustParsePrefix("2001:db8::/64"), net.HardwareAddr{1}); err == nil {
		t.Error("SLAAC(bad MAC) did not fail")
	}
	ll, err := LinkLocal(mac)
	if err != nil || ll != netip.MustParseAddr("fe80::21b:21ff:feab:cdef") || !ll.IsLinkLocalUnicast() {
		t.Errorf("LinkLocal = %v, %v", ll, err)
	}
}

func TestNewMAC(t *testing.T) {
	a := NewMAC(OUIIntel, "host1/eth0")
	if a.String()[:8] != "3c:fd:fe" || len(a) != 6 {
		t.Errorf("NewMAC = %v, want Intel OUI", a)
	}
	if b := NewMAC(OUIIntel, "host1/eth0"); !slices.Equal(a, b) {
		t.Errorf("NewMAC not deterministic: %v vs %v", a, b)
	}
	seen := map[string]bool{}
	for i := range 1000 {
		m := NewMAC([3]byte{0x56, 0x6f, 0x1a}, fmt.Sprint("vm", i)).String()
		if seen[m] {
			t.Fatalf("duplicate MAC %s after %d", m, i)
		}
		seen[m] = true
	}
}

func TestPoolLease(t *testing.T) {
	v4 := Pool{netip.MustParseAddr("192.0.2.100"), netip.MustParseAddr("192.0.2.131")} // 32 addresses
	v6 := Pool{netip.MustParseAddr("2001:db8:1::1000"), netip.MustParseAddr("2001:db8:1::101f")}
	huge := Pool{netip.MustParseAddr("::"), netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")}
	for name, p := range map[string]Pool{"v4": v4, "v6": v6, "whole v6 space": huge} {
		t.Run(name, func(t *testing.T) {
			a1, err := p.Lease("net|00:11:22:33:44:55", nil)
			if err != nil || !p.Contains(a1) {
				t.Fatalf("Lease = %v, %v", a1, err)
			}
			if a2, _ := p.Lease("net|00:11:22:33:44:55", nil); a2 != a1 {
				t.Errorf("not deterministic: %v then %v", a1, a2)
			}
			if a3, _ := p.Lease("net|00:11:22:33:44:55", func(a netip.Addr) bool { return a == a1 }); a3 == a1 || !p.Contains(a3) {
				t.Errorf("probe past a leased address gave %v", a3)
			}
		})
	}

	// Fill the 32-address pool with 32 clients: all distinct, then exhausted.
	for _, p := range []Pool{v4, v6} {
		leases := map[netip.Addr]string{}
		leased := func(a netip.Addr) bool { _, ok := leases[a]; return ok }
		for i := range 32 {
			key := fmt.Sprintf("ovirtmgmt|%v", NewMAC(OUIMellanox, fmt.Sprint(i)))
			a, err := p.Lease(key, leased)
			if err != nil {
				t.Fatalf("client %d: %v", i, err)
			}
			if other, dup := leases[a]; dup || !p.Contains(a) {
				t.Fatalf("client %d got %v (dup of %q, in pool %v)", i, a, other, p.Contains(a))
			}
			leases[a] = key
		}
		if a, err := p.Lease("ovirtmgmt|late", leased); !errors.Is(err, ErrPoolExhausted) {
			t.Errorf("full pool: Lease = %v, %v; want ErrPoolExhausted", a, err)
		}
	}

	one := Pool{netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("10.0.0.5")}
	if a, err := one.Lease("x", nil); err != nil || a != one.First {
		t.Errorf("single-address pool: %v, %v", a, err)
	}
	for _, bad := range []Pool{
		{},
		{netip.MustParseAddr("10.0.0.9"), netip.MustParseAddr("10.0.0.1")},
		{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("2001:db8::1")},
	} {
		if _, err := bad.Lease("x", nil); err == nil {
			t.Errorf("invalid pool %v accepted", bad)
		}
	}
}

var testNet = Network{
	Name:       "ovirtmgmt",
	IPv6:       netip.MustParsePrefix("2001:db8:1::/64"),
	DHCPv6:     Pool{netip.MustParseAddr("2001:db8:1::1:0"), netip.MustParseAddr("2001:db8:1::1:ffff")},
	IPv6Router: netip.MustParseAddr("fe80::1"),
	IPv4:       netip.MustParsePrefix("192.0.2.0/24"),
	DHCPv4:     Pool{netip.MustParseAddr("192.0.2.100"), netip.MustParseAddr("192.0.2.199")},
}

func TestSimulate(t *testing.T) {
	mac := mustMAC(t, "3c:fd:fe:ab:cd:ef")
	slaac := netip.MustParsePrefix("2001:db8:1:0:3efd:feff:feab:cdef/64")
	ll := netip.MustParsePrefix("fe80::3efd:feff:feab:cdef/64")
	lease6, err := testNet.DHCPv6.Lease("ovirtmgmt|3c:fd:fe:ab:cd:ef", nil)
	if err != nil {
		t.Fatal(err)
	}
	lease4, _ := testNet.DHCPv4.Lease("ovirtmgmt|3c:fd:fe:ab:cd:ef", nil)
	dhcp6 := netip.PrefixFrom(lease6, 128)
	a := netip.MustParseAddr
	p := netip.MustParsePrefix

	cases := []struct {
		name    string
		nw      Network
		v4      V4Config
		v6      V6Config
		want    Reported
		wantErr bool
	}{
		{name: "nothing", nw: testNet,
			want: Reported{LinkLocal: ll}},
		{name: "v6 none explicit, v4 none", nw: testNet, v4: V4Config{Proto: "none"}, v6: V6Config{Proto: "none"},
			want: Reported{LinkLocal: ll}},
		{name: "v6 static with gateway", nw: testNet,
			v6:   V6Config{Proto: "static", Addr: a("2001:db8:1::10"), Prefix: 64, Gateway: a("2001:db8:1::1")},
			want: Reported{IPv6: []netip.Prefix{p("2001:db8:1::10/64")}, IPv6Gateway: a("2001:db8:1::1"), LinkLocal: ll}},
		{name: "v6 static, gateway reset to ::", nw: testNet,
			v6:   V6Config{Proto: "static", Addr: a("2001:db8:1::10"), Prefix: 128, Gateway: a("::")},
			want: Reported{IPv6: []netip.Prefix{p("2001:db8:1::10/128")}, LinkLocal: ll}},
		{name: "v6 static link-local is not reported", nw: testNet,
			v6:   V6Config{Proto: "static", Addr: a("fe80::10"), Prefix: 64},
			want: Reported{LinkLocal: ll}},
		{name: "v6 autoconf", nw: testNet, v6: V6Config{Proto: "autoconf"},
			want: Reported{IPv6: []netip.Prefix{slaac}, IPv6Gateway: a("fe80::1"), LinkLocal: ll}},
		{name: "v6 dhcp", nw: testNet, v6: V6Config{Proto: "dhcp"},
			want: Reported{IPv6: []netip.Prefix{dhcp6}, IPv6Gateway: a("fe80::1"), LinkLocal: ll}},
		{name: "v6 poly: SLAAC then DHCP", nw: testNet, v6: V6Config{Proto: "poly_dhcp_autoconf"},
			want: Reported{IPv6: []netip.Prefix{slaac, dhcp6}, IPv6Gateway: a("fe80::1"), LinkLocal: ll}},
		{name: "v6 autoconf without router", nw: Network{Name: "isolated"}, v6: V6Config{Proto: "autoconf"},
			want: Reported{LinkLocal: ll}},
		{name: "v6 dhcp without server", nw: Network{Name: "x", IPv6: testNet.IPv6}, v6: V6Config{Proto: "dhcp"},
			want: Reported{LinkLocal: ll}},
		{name: "v4 static", nw: testNet,
			v4:   V4Config{Proto: "static", Addr: a("192.0.2.10"), Prefix: 24, Gateway: a("192.0.2.254")},
			want: Reported{IPv4: p("192.0.2.10/24"), IPv4Gateway: a("192.0.2.254"), LinkLocal: ll}},
		{name: "v4 dhcp + v6 autoconf", nw: testNet, v4: V4Config{Proto: "dhcp"}, v6: V6Config{Proto: "autoconf"},
			want: Reported{IPv4: netip.PrefixFrom(lease4, 24), IPv4Gateway: a("192.0.2.1"),
				IPv6: []netip.Prefix{slaac}, IPv6Gateway: a("fe80::1"), LinkLocal: ll}},

		{name: "v6 static without address", nw: testNet, v6: V6Config{Proto: "static", Prefix: 64}, wantErr: true},
		{name: "v6 static with IPv4 address", nw: testNet, v6: V6Config{Proto: "static", Addr: a("192.0.2.1"), Prefix: 24}, wantErr: true},
		{name: "v6 static prefix 129", nw: testNet, v6: V6Config{Proto: "static", Addr: a("2001:db8::1"), Prefix: 129}, wantErr: true},
		{name: "v6 static zoned", nw: testNet, v6: V6Config{Proto: "static", Addr: a("fe80::1%eth0"), Prefix: 64}, wantErr: true},
		{name: "v4 static prefix 33", nw: testNet, v4: V4Config{Proto: "static", Addr: a("192.0.2.1"), Prefix: 33}, wantErr: true},
		{name: "v4 autoconf", nw: testNet, v4: V4Config{Proto: "autoconf"}, wantErr: true},
		{name: "v6 unknown", nw: testNet, v6: V6Config{Proto: "slaac"}, wantErr: true},
		{name: "non-/64 network", nw: Network{Name: "x", IPv6: p("2001:db8::/56")}, v6: V6Config{Proto: "autoconf"}, wantErr: true},
		{name: "pool outside subnet", nw: Network{Name: "x", IPv4: p("10.0.0.0/24"), DHCPv4: testNet.DHCPv4}, wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Simulate(c.nw, mac, c.v4, c.v6, nil)
			if c.wantErr {
				if err == nil {
					t.Fatalf("Simulate = %+v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.IPv4 != c.want.IPv4 || got.IPv4Gateway != c.want.IPv4Gateway ||
				!slices.Equal(got.IPv6, c.want.IPv6) || got.IPv6Gateway != c.want.IPv6Gateway || got.LinkLocal != c.want.LinkLocal {
				t.Errorf("Simulate =\n  %+v\nwant\n  %+v", got, c.want)
			}
			first, ok := FirstGlobalIPv6(got)
			if ok != (len(c.want.IPv6) > 0) || (ok && first != c.want.IPv6[0]) {
				t.Errorf("FirstGlobalIPv6 = %v, %v", first, ok)
			}
		})
	}
}

func TestSimulateLeasesStayUnique(t *testing.T) {
	nw := testNet
	nw.DHCPv4 = Pool{netip.MustParseAddr("192.0.2.100"), netip.MustParseAddr("192.0.2.115")} // 16
	leases := map[netip.Addr]bool{}
	leased := func(a netip.Addr) bool { return leases[a] }
	for i := range 16 {
		r, err := Simulate(nw, NewMAC(OUIQEMU, fmt.Sprint(i)), V4Config{Proto: "dhcp"}, V6Config{Proto: "poly_dhcp_autoconf"}, leased)
		if err != nil {
			t.Fatalf("NIC %d: %v", i, err)
		}
		for _, a := range []netip.Addr{r.IPv4.Addr(), r.IPv6[1].Addr()} {
			if leases[a] {
				t.Fatalf("NIC %d: %v leased twice", i, a)
			}
			leases[a] = true
		}
	}
	_, err := Simulate(nw, NewMAC(OUIQEMU, "17th"), V4Config{Proto: "dhcp"}, V6Config{}, leased)
	if !errors.Is(err, ErrPoolExhausted) {
		t.Errorf("17th NIC: err = %v, want ErrPoolExhausted", err)
	}
}

func TestFirstGlobalIPv6SkipsLinkLocal(t *testing.T) {
	r := Reported{IPv6: []netip.Prefix{netip.MustParsePrefix("fe80::1/64"), netip.MustParsePrefix("2001:db8::5/64")}}
	if p, ok := FirstGlobalIPv6(r); !ok || p != netip.MustParsePrefix("2001:db8::5/64") {
		t.Errorf("FirstGlobalIPv6 = %v, %v", p, ok)
	}
	if _, ok := FirstGlobalIPv6(Reported{}); ok {
		t.Error("FirstGlobalIPv6 of nothing reported an address")
	}
}

func FuzzSLAAC(f *testing.F) {
	f.Add([]byte{0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0}, []byte{0x00, 0x1b, 0x21, 0xab, 0xcd, 0xef}, 64)
	f.Add([]byte{0xfe, 0x80}, []byte{0x02, 0, 0, 0, 0, 0, 0, 1}, 64)
	f.Add([]byte{}, []byte{1, 2, 3}, 48)
	f.Fuzz(func(t *testing.T, prefix, mac []byte, bits int) {
		var a16 [16]byte
		copy(a16[:], prefix)
		p := netip.PrefixFrom(netip.AddrFrom16(a16), bits)
		id, idErr := EUI64(mac)
		if (idErr == nil) != (len(mac) == 6 || len(mac) == 8) {
			t.Fatalf("EUI64(%x): err = %v", mac, idErr)
		}
		a, err := SLAAC(p, mac)
		if err != nil {
			return
		}
		if idErr != nil || !p.Contains(a) || p.Bits() != 64 {
			t.Fatalf("SLAAC(%v, %x) = %v outside the prefix", p, mac, a)
		}
		if got := a.As16(); [8]byte(got[8:]) != id {
			t.Fatalf("SLAAC(%v, %x) = %v, interface id %x", p, mac, a, id)
		}
		if id[0]^0x02 != mac[0] {
			t.Fatalf("U/L bit not flipped: %x -> %x", mac[0], id[0])
		}
	})
}
