package lab

import (
	"context"
	"net"
	"net/netip"
	"strings"
)

// Names is the lab's DNS: each name with its A and AAAA records. The
// readiness checks resolve the lab's names from it (Resolver) instead of
// the machine's DNS, so each kind of name appears: both A and AAAA (the
// hosted-engine trap), A only, AAAA only. A name missing here does not
// resolve (legacy1's fence agent, bmc-legacy1.lab.example.org).
var Names = map[string][]string{
	"host1.lab.example.org":     {"192.0.2.12", "2001:db8:10::12"}, // both: the hosted-engine trap
	"foreman.lab.example.org":   {"192.0.2.40"},                    // A only (the Foreman provider)
	"legacy1.lab.example.org":   {"198.51.100.21"},                 // A only (the el8 host)
	"legacy2.lab.example.org":   {"2001:db8:303::22"},              // AAAA only
	"satellite.lab.example.org": {"2001:db8:10::7"},
}

// Seeded names that do not resolve (missing from Names on purpose).
const SeedUnresolvedBMC = "bmc-legacy1.lab.example.org"

// Resolver answers LookupNetIP from Names, as *net.Resolver does from DNS:
// network "ip" gives A and AAAA records, "ip4" A, "ip6" AAAA; a missing
// name is a not-found *net.DNSError.
type Resolver struct{}

// LookupNetIP returns the lab's addresses of host.
func (Resolver) LookupNetIP(_ context.Context, network, host string) ([]netip.Addr, error) {
	name := strings.ToLower(strings.TrimSuffix(host, "."))
	recs, ok := Names[name]
	var out []netip.Addr
	for _, s := range recs {
		a, err := netip.ParseAddr(s)
		if err != nil {
			continue
		}
		if (network == "ip4" && !a.Is4()) || (network == "ip6" && !a.Is6()) {
			continue
		}
		out = append(out, a)
	}
	if !ok || len(out) == 0 {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return out, nil
}
