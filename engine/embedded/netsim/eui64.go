package netsim

import (
	"crypto/sha256"
	"fmt"
	"net"
	"net/netip"
)

// LinkLocalPrefix is fe80::/64, where every IPv6 interface has its
// link-local address.
var LinkLocalPrefix = netip.MustParsePrefix("fe80::/64")

// EUI64 returns the modified EUI-64 interface identifier of mac (RFC 4291
// appendix A): an EUI-48 MAC is split in halves around ff:fe, an 8-byte
// EUI-64 is used as is, and in both cases the universal/local bit (0x02 of
// the first octet) is inverted.
func EUI64(mac net.HardwareAddr) ([8]byte, error) {
	var id [8]byte
	switch len(mac) {
	case 6:
		copy(id[:3], mac[:3])
		id[3], id[4] = 0xff, 0xfe
		copy(id[5:], mac[3:])
	case 8:
		copy(id[:], mac)
	default:
		return id, fmt.Errorf("netsim: MAC %q: want 6 or 8 bytes, got %d", mac, len(mac))
	}
	id[0] ^= 0x02
	return id, nil
}

// SLAAC returns the stateless autoconfigured address (RFC 4862) that an
// interface with the given MAC derives from a /64 prefix: the prefix
// followed by the modified EUI-64 interface identifier (no privacy
// extensions or stable-privacy addresses, as on an oVirt host).
func SLAAC(prefix netip.Prefix, mac net.HardwareAddr) (netip.Addr, error) {
	if !prefix.IsValid() || !prefix.Addr().Is6() || prefix.Addr().Is4In6() || prefix.Bits() != 64 {
		return netip.Addr{}, fmt.Errorf("netsim: SLAAC needs an IPv6 /64 prefix, got %v", prefix)
	}
	id, err := EUI64(mac)
	if err != nil {
		return netip.Addr{}, err
	}
	a := prefix.Masked().Addr().As16()
	copy(a[8:], id[:])
	return netip.AddrFrom16(a), nil
}

// LinkLocal returns the fe80::/64 EUI-64 link-local address of mac.
func LinkLocal(mac net.HardwareAddr) (netip.Addr, error) {
	return SLAAC(LinkLocalPrefix, mac)
}

// Well-known OUIs for NewMAC.
var (
	OUIQEMU     = [3]byte{0x52, 0x54, 0x00} // QEMU/KVM (locally administered)
	OUIQumranet = [3]byte{0x00, 0x1a, 0x4a} // Qumranet/Red Hat: oVirt's historical vNIC pool
	OUIIntel    = [3]byte{0x3c, 0xfd, 0xfe} // Intel, e.g. X710 host NICs
	OUIMellanox = [3]byte{0x0c, 0x42, 0xa1} // Mellanox ConnectX host NICs
)

// NewMAC returns a MAC address made of oui and three bytes derived from seed,
// so the same seed always yields the same address. oVirt's default vNIC pool
// is 56:6f:xx:xx:xx:xx (a locally administered range whose third and fourth
// bytes are picked at engine setup): pass [3]byte{0x56, 0x6f, x} for vNICs,
// and a real vendor OUI (OUIIntel, OUIMellanox) for host NICs.
func NewMAC(oui [3]byte, seed string) net.HardwareAddr {
	h := sha256.Sum256([]byte(seed))
	return net.HardwareAddr{oui[0], oui[1], oui[2], h[0], h[1], h[2]}
}
