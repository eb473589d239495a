package rules

import (
	"fmt"
	"unicode/utf8"
)

// Text limits: BusinessEntitiesDefinitions and the @Size annotations of
// the entities, or, where the backend has no annotation, the width of the
// database column (packaging/dbscripts/create_tables.sql).
const (
	HostNameSize        = 255  // VdsStatic.name @Size(min=1, max=HOST_NAME_SIZE)
	HostAddressSize     = 255  // VdsStatic.hostName @Size(max=HOST_HOSTNAME_SIZE)
	FenceAddressSize    = 255  // FenceAgent.ip @Size(max=HOST_IP_SIZE)
	FenceTypeSize       = 20   // FenceAgent.type @Size(max=HOST_PM_TYPE_SIZE)
	FenceUserSize       = 50   // FenceAgent.user @Size(max=HOST_PM_USER_SIZE)
	FencePasswordSize   = 50   // FenceAgent.password @Size(max=HOST_PM_PASSWD_SIZE)
	FenceOptionsSize    = 4000 // FenceAgent.options @Size(max=GENERAL_MAX_SIZE)
	StorageNameSize     = 250  // StorageDomainStatic.name @Size(min=1, max=STORAGE_NAME_SIZE)
	StorageDescSize     = 4000 // StorageDomainStatic.description @Size(max=GENERAL_MAX_SIZE)
	StorageConnSize     = 250  // storage_server_connections.connection varchar(250)
	MountOptionsSize    = 500  // storage_server_connections.mount_options varchar(500)
	ProviderNameSize    = 128  // providers.name varchar(128); Provider.name has no @Size
	ProviderDescSize    = 4000 // providers.description varchar(4000)
	ProviderURLSize     = 512  // providers.url varchar(512)
	ProviderUserSize    = 64   // providers.auth_username varchar(64)
	ProviderPasswordMax = 200  // PROVIDER_PASSWORD_MAX_SIZE (ProviderValidator.validatePassword)
	ProviderTenantSize  = 128  // providers.tenant_name varchar(128)
)

// Length is the length Java's String.length() and Hibernate's @Size count:
// UTF-16 code units.
func Length(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// SizeMessage is Hibernate Validator's default @Size message.
func SizeMessage(min, max int) string {
	return fmt.Sprintf("size must be between %d and %d", min, max)
}

// Violation is a bean-validation failure as the engine reports it in a
// fault's detail: the constraint's message, then ACTION_TYPE_FAILED_ATTRIBUTE_PATH
// ("Attribute: ${path}") with the property path in the command's
// parameters (vdsStatic.name, agent.ip, provider.name, …).
func Violation(msg, path string) []string { return []string{msg, "Attribute: " + path} }

// Size checks @Size(min, max) on s: nil, or the violation's messages.
func Size(s string, min, max int, path string) []string {
	if n := Length(s); n < min || n > max {
		return Violation(SizeMessage(min, max), path)
	}
	return nil
}

// Messages of AppErrors.properties (frontend/webadmin/.../AppErrors.properties),
// with ${action} and ${type} filled in where the caller needs them.
const (
	MsgHostName         = `Host name must be formed of alphanumeric characters, numbers or "-_."`            // VALIDATION_VDS_NAME_INVALID
	MsgHostAddress      = "Host address must be a FQDN or a valid IP address"                                // VALIDATION_VDS_HOSTNAME_HOSTNAME_OR_IP
	MsgPort             = "The Port number must be between 1 and 65535."                                     // VALIDATION_VDS_PORT_RANGE
	MsgName             = `Name must be formed of alphanumeric characters, numbers or "-_".`                 // VALIDATION_NAME_INVALID
	MsgNameNull         = "Name is required."                                                                // VALIDATION_NAME_NULL
	MsgStorageName      = "Storage Domain name must be formed of 'a-z', 'A-Z', '0-9', '_' or '-' characters" // VALIDATION_STORAGE_DOMAIN_NAME_INVALID
	MsgStorageDescMax   = "Storage Domain description must not exceed 4000 characters"                       // VALIDATION_STORAGE_DOMAIN_DESCRIPTION_MAX
	MsgMountPath        = "Mount path is illegal, please use [IP:/path or FQDN:/path] convention."           // VALIDATION_STORAGE_CONNECTION_INVALID
	MsgEmptyIQN         = "Target details cannot be empty."                                                  // VALIDATION_STORAGE_CONNECTION_EMPTY_IQN
	MsgInvalidPort      = "Invalid value for port, should be an integer greater than 0."                     // VALIDATION_STORAGE_CONNECTION_INVALID_PORT
	MsgInternal         = "Internal Engine Error"                                                            // EngineError.ENGINE (VdsmErrors.properties)
	MsgProviderNoUser   = "An Openstack Neutron provider with authentication enabled requires a user name."
	MsgProviderNoPass   = "An Openstack Neutron provider with authentication enabled requires a password."
	MsgProviderNoAuth   = "An Openstack Neutron provider with authentication enabled requires an authentication url."
	MsgProviderNoTenant = "An Openstack Neutron provider with authentication enabled requires a tenant name or a user domain name."
)

// MsgPMAddress is VALIDATION_VDS_POWER_MGMT_ADDRESS_HOSTNAME_OR_IP. FenceAgent.ip
// names the key with a dot (VALIDATION_VDS_POWER_MGMT.ADDRESS_HOSTNAME_OR_IP),
// which AppErrors does not have, but that check runs only in the
// PowerManagementCheck group (the host dialog's own validation); the REST
// path checks the address in HostValidator/FenceValidator with this text.
const MsgPMAddress = "Host power management address must be a FQDN or a valid IP address"

// MsgProviderAuthURL is ACTION_TYPE_FAILED_PROVIDER_INVALID_AUTH_URL.
func MsgProviderAuthURL(action, authURL string) string {
	return "Cannot " + action + " Provider. The Provider has an invalid authentication URL " + authURL +
		`. The authentication URL must have the following format: "https://hostname:port/v3" or "http://hostname:port/v3".`
}

// MsgProviderPasswordTooLong is ACTION_TYPE_FAILED_PROVIDER_PASSWORD_TOO_LONG.
func MsgProviderPasswordTooLong(action string) string {
	return "Cannot " + action + " Provider. The password must not exceed 200 characters."
}

// MsgNameInUse is ACTION_TYPE_FAILED_NAME_ALREADY_USED.
func MsgNameInUse(action, typ string) string {
	return "Cannot " + action + " " + typ + ". The " + typ + " name is already in use, please choose a unique name and try again."
}
