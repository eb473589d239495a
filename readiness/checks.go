package readiness

// Check describes one check: its stable id, severity and what it looks for.
type Check struct {
	ID       string
	Severity Severity
	Summary  string
}

// The check ids. They are stable: scripts track progress by them.
const (
	CheckIPv4Literal        = "v6.address.ipv4-literal"
	CheckNameAOnly          = "v6.address.name-a-only"
	CheckNameAAndAAAA       = "v6.address.name-a-and-aaaa"
	CheckNameUnresolved     = "v6.address.name-unresolved"
	CheckDuplicateIPv6      = "v6.address.duplicate-ipv6"
	CheckRoleNoGlobalIPv6   = "v6.network.role-no-global-ipv6"
	CheckLinkLocalOnly      = "v6.network.link-local-only"
	CheckMigrationUsesIPv4  = "v6.network.migration-uses-ipv4"
	CheckDisplayUsesIPv4    = "v6.network.display-uses-ipv4"
	CheckGatewayNotDefault  = "v6.network.gateway-not-default-route"
	CheckDefaultRouteNoGW   = "v6.network.default-route-no-ipv6-gateway"
	CheckUnspecifiedGateway = "v6.network.unspecified-gateway"
	CheckMTUBelow1280       = "v6.network.mtu-below-1280"
	CheckBootProtocolNone   = "v6.attachment.ipv6-boot-none"
	CheckAutoconfEl8        = "v6.attachment.autoconf-el8"
	CheckOutOfSync          = "v6.attachment.ipv6-out-of-sync"
	CheckVMNoGlobalIPv6     = "v6.vm.no-global-ipv6"
	minMTUIPv6              = 1280
	defaultMTU              = 1500
)

// Checks lists every check, in report order.
var Checks = []Check{
	{CheckIPv4Literal, Blocker, "addressed by an IPv4 literal"},
	{CheckNameAOnly, Blocker, "addressed by a name with A records only"},
	{CheckNameAAndAAAA, Warning, "addressed by a name with both A and AAAA records"},
	{CheckNameUnresolved, Blocker, "addressed by a name that does not resolve"},
	{CheckDuplicateIPv6, Blocker, "the same IPv6 address on two hosts or NICs"},
	{CheckRoleNoGlobalIPv6, Blocker, "a management, display or migration network without IPv6 on a host"},
	{CheckLinkLocalOnly, Blocker, "link-local-only IPv6 where a global address is required"},
	{CheckMigrationUsesIPv4, Warning, "a dual-stack migration network: migration keeps using IPv4"},
	{CheckDisplayUsesIPv4, Warning, "a dual-stack display network: consoles keep using IPv4"},
	{CheckGatewayNotDefault, Warning, "an IPv6 gateway on a network without the default route"},
	{CheckDefaultRouteNoGW, Blocker, "the default-route network without an IPv6 gateway"},
	{CheckUnspecifiedGateway, Warning, "\"::\" configured as an IPv6 gateway"},
	{CheckMTUBelow1280, Blocker, "an IPv6-carrying network with an MTU below 1280"},
	{CheckBootProtocolNone, Warning, "IPv6 boot protocol None: no link-local address either"},
	{CheckAutoconfEl8, Blocker, "IPv6 autoconf on an el8 host"},
	{CheckOutOfSync, Warning, "IPv6 settings out of sync with the data center"},
	{CheckVMNoGlobalIPv6, Warning, "a running VM without a global IPv6 address"},
}

// checkByID returns the check with id.
func checkByID(id string) Check {
	for _, c := range Checks {
		if c.ID == id {
			return c
		}
	}
	return Check{ID: id, Severity: Warning}
}
