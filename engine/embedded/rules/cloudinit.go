package rules

// Cloud-init network settings, as ovirt-engine checks and hands them to the
// guest (CloudInitHandler, VmInitToOpenStackMetadataAdapter).

// Cloud-init network protocols (CloudInitNetworkProtocol).
const (
	CloudInitOpenStackMetadata = "openstack_metadata"
	CloudInitENI               = "eni"
)

// CloudInitNIC is one in-guest NIC of a VM's cloud-init configuration
// (VmInitNetwork): the boot protocols as the API spells them
// (none, dhcp, static; IPv6 also autoconf, poly_dhcp_autoconf).
type CloudInitNIC struct {
	Name         string
	OnBoot       *bool
	BootProtocol string
	IP           string
	IPv6Protocol string
	IPv6         string
}

// UsesOpenStackMetadata is CloudInitHandler.useOpenstackMetadataProtocol:
// OpenStack metadata is the default, used when the protocol is that or
// absent.
func UsesOpenStackMetadata(protocol string) bool {
	return protocol == "" || protocol == CloudInitOpenStackMetadata
}

// ValidateCloudInit is CloudInitHandler.validate: with the OpenStack
// metadata protocol, VmInitToOpenStackMetadataAdapter.validate's checks per
// NIC, in its order, as AppErrors.properties words them for action and typ
// ("run", "VM"): on_boot must be true, a static protocol needs its address,
// and IPv6 autoconf (also poly_dhcp_autoconf) is refused. With ENI nothing
// is checked: the engine then drops every IPv6 setting silently (see
// ENIDropsIPv6).
func ValidateCloudInit(action, typ, protocol string, nics []CloudInitNIC) []string {
	if !UsesOpenStackMetadata(protocol) {
		return nil
	}
	pre := "Cannot " + action + " " + typ + ". "
	var msgs []string
	for _, n := range nics {
		if n.OnBoot == nil || !*n.OnBoot {
			msgs = append(msgs, pre+"Start On Boot selection in cloud-init configuration is invalid. Only 'true' is supported.")
		}
		if n.BootProtocol == "static" && n.IP == "" {
			msgs = append(msgs, pre+"Static IPv4 address is missing in cloud-init configuration.")
		}
		if n.IPv6Protocol == "static" && n.IPv6 == "" {
			msgs = append(msgs, pre+"Static IPv6 address is missing in cloud-init configuration.")
		}
		if n.IPv6Protocol == "autoconf" || n.IPv6Protocol == "poly_dhcp_autoconf" {
			msgs = append(msgs, pre+"Option 'autoconf' in cloud-init configuration is not supported.")
		}
	}
	return msgs
}

// ENIDropsIPv6 reports whether the engine leaves the NICs' IPv6 settings out
// of what it hands the guest: CloudInitHandler.storeNetworkAsEni writes the
// IPv4 stanza only ("muting configuration of IPv6 until a proper solution
// is found", BZ 1464043), without a warning.
func ENIDropsIPv6(protocol string) bool { return !UsesOpenStackMetadata(protocol) }
