package validation

// The rules of Run Once's cloud-init network (the engine's
// VmInitToOpenStackMetadataAdapter.validate and CloudInitHandler), run by
// the UI as you type and by the BFF on POST /api/vms/:id/start. The
// addresses, netmasks, prefixes, gateways and DNS servers of a cloud-init
// NIC take the rules of a host network's (StaticAddress, IPv4Netmask,
// IPv6Prefix, CheckGateway, NameServer).

// The engine's refusals of a cloud-init network (AppErrors.properties,
// with ${action} "run" and ${type} "VM" as RunVmOnce words them).
const (
	MsgCloudInitAutoconf      = "Cannot run VM. Option 'autoconf' in cloud-init configuration is not supported."
	MsgCloudInitStaticIPv4    = "Cannot run VM. Static IPv4 address is missing in cloud-init configuration."
	MsgCloudInitStaticIPv6    = "Cannot run VM. Static IPv6 address is missing in cloud-init configuration."
	MsgCloudInitENIIPv6       = "The ENI network protocol cannot carry IPv6 settings: the engine drops them without a word (CloudInitHandler, BZ 1464043)."
	MsgCloudInitBootProtocol  = "The boot protocol must be none, dhcp or static."
	MsgCloudInitNetworkFormat = "The cloud-init network protocol must be openstack_metadata or eni."
)

// CloudInitIPv4BootProtocol checks the IPv4 boot protocol of a cloud-init
// NIC: none, dhcp or static ("" is none).
func CloudInitIPv4BootProtocol(s string) error {
	switch s {
	case "", "none", "dhcp", "static":
		return nil
	}
	return fail(CodeSyntax, MsgCloudInitBootProtocol, "")
}

// CloudInitIPv6BootProtocol checks the IPv6 boot protocol of a cloud-init
// NIC: none, dhcp or static ("" is none). autoconf and poly_dhcp_autoconf
// are refused with the engine's reason
// (VALIDATION_CLOUD_INIT_IPV6_AUTOCONF_UNSUPPORTED).
func CloudInitIPv6BootProtocol(s string) error {
	switch s {
	case "", "none", "dhcp", "static":
		return nil
	case "autoconf", "poly_dhcp_autoconf":
		return fail(CodeNotSupported, MsgCloudInitAutoconf, "Choose DHCP or Static: cloud-init cannot configure SLAAC.")
	}
	return fail(CodeSyntax, MsgCloudInitBootProtocol, "")
}

// CloudInitStaticAddress refuses a static boot protocol without an address
// (VALIDATION_CLOUD_INIT_STATIC_IPV4/IPV6_ADDRESS_MISSING); v6 says which
// family.
func CloudInitStaticAddress(proto, address string, v6 bool) error {
	if proto != "static" || address != "" {
		return nil
	}
	if v6 {
		return fail(CodeEmpty, MsgCloudInitStaticIPv6, "")
	}
	return fail(CodeEmpty, MsgCloudInitStaticIPv4, "")
}

// CloudInitNetworkProtocol checks the protocol the network goes to the
// guest in: openstack_metadata ("" is it, the engine's default) or eni.
func CloudInitNetworkProtocol(s string) error {
	switch s {
	case "", "openstack_metadata", "eni":
		return nil
	}
	return fail(CodeSyntax, MsgCloudInitNetworkFormat, "")
}

// CloudInitENIIPv6 refuses an IPv6 setting of a cloud-init NIC under the
// ENI protocol: the real engine writes ENI without IPv6 (CloudInitHandler
// mutes storeIpv6, BZ 1464043), so the guest would come up without what
// was asked. v6admin refuses instead of losing it. proto is the NIC's IPv6
// boot protocol; set says whether an IPv6 address, prefix or gateway was
// given.
func CloudInitENIIPv6(network, proto string, set bool) error {
	if network != "eni" || (proto == "" || proto == "none") && !set {
		return nil
	}
	return fail(CodeNotSupported, MsgCloudInitENIIPv6, "Choose the OpenStack Metadata protocol to configure IPv6, or set IPv6 to None.")
}

// DNSSearchDomain checks a DNS search domain of cloud-init: a host name
// (RFC 1123 labels), not an IP address.
func DNSSearchDomain(s string) error {
	kind, _, err := ParseHostAddress(s)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return withMessage(e, MsgSearchDomain)
		}
		return err
	}
	if kind != HostName {
		return fail(CodeSyntax, MsgSearchDomain, "An IP address is not a search domain: enter a domain name (lab.example.com).")
	}
	return nil
}

// MsgSearchDomain is the message of a refused DNS search domain.
const MsgSearchDomain = "This field must contain a valid domain name."
