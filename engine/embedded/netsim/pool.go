package netsim

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math/bits"
	"net/netip"
)

// ErrPoolExhausted is returned when every address of a DHCP pool is leased.
var ErrPoolExhausted = errors.New("netsim: DHCP pool exhausted")

// maxProbes bounds the linear probe in huge (IPv6) pools, where "exhausted"
// really means "the caller reports an absurd number of leases".
const maxProbes = 1 << 20

// Pool is an inclusive range of addresses handed out by a DHCP server. The
// zero Pool means "no DHCP server".
type Pool struct {
	First, Last netip.Addr
}

// IsValid reports whether p is a non-empty range of a single address family.
func (p Pool) IsValid() bool {
	return p.First.IsValid() && p.Last.IsValid() && p.First.Is4() == p.Last.Is4() &&
		p.First.Zone() == "" && p.Last.Zone() == "" && !p.Last.Less(p.First)
}

// Contains reports whether a is in the pool.
func (p Pool) Contains(a netip.Addr) bool {
	return p.IsValid() && a.Is4() == p.First.Is4() && !a.Less(p.First) && !p.Last.Less(a)
}

// Lease picks the address a DHCP server would give to the client identified
// by key (for example network name and MAC). The choice is deterministic: a
// hash of key selects a starting point in the pool, then the pool is probed
// linearly, wrapping around, past every address for which leased returns
// true. leased must report the addresses held by other clients (not the
// client's own current lease, or it would move). A nil leased means nothing
// is leased.
func (p Pool) Lease(key string, leased func(netip.Addr) bool) (netip.Addr, error) {
	if !p.IsValid() {
		return netip.Addr{}, fmt.Errorf("netsim: invalid DHCP pool %v-%v", p.First, p.Last)
	}
	first, last := toU128(p.First), toU128(p.Last)
	size := last.sub(first).add1() // 0 means 2^128 (whole IPv6 space)

	h := fnv.New64a()
	h.Write([]byte(key))
	off := u128{lo: h.Sum64()}
	if !size.isZero() {
		off = off.mod(size)
	}
	probes := uint64(maxProbes)
	if size.hi == 0 && size.lo != 0 && size.lo < probes {
		probes = size.lo
	}
	for range probes {
		a := fromU128(first.add(off), p.First.Is4())
		if leased == nil || !leased(a) {
			return a, nil
		}
		off = off.add(u128{lo: 1})
		if off == size {
			off = u128{}
		}
	}
	return netip.Addr{}, fmt.Errorf("%w: %v-%v", ErrPoolExhausted, p.First, p.Last)
}

// u128 is the minimal unsigned 128-bit arithmetic pools need.
type u128 struct{ hi, lo uint64 }

func toU128(a netip.Addr) u128 {
	b := a.As16() // IPv4 becomes ::ffff:a.b.c.d; only the low bits differ
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

func fromU128(v u128, is4 bool) netip.Addr {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], v.hi)
	binary.BigEndian.PutUint64(b[8:], v.lo)
	a := netip.AddrFrom16(b)
	if is4 {
		return a.Unmap()
	}
	return a
}

func (v u128) isZero() bool { return v == u128{} }

func (v u128) add(w u128) u128 {
	lo, c := bits.Add64(v.lo, w.lo, 0)
	hi, _ := bits.Add64(v.hi, w.hi, c)
	return u128{hi, lo}
}

func (v u128) add1() u128 { return v.add(u128{lo: 1}) }

func (v u128) sub(w u128) u128 {
	lo, b := bits.Sub64(v.lo, w.lo, 0)
	hi, _ := bits.Sub64(v.hi, w.hi, b)
	return u128{hi, lo}
}

// mod returns v mod m for v < 2^64 (the hash) and m != 0.
func (v u128) mod(m u128) u128 {
	if m.hi != 0 {
		return v // v < 2^64 <= m
	}
	return u128{lo: v.lo % m.lo}
}
