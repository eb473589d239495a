// Package rules holds the real oVirt engine's input rules for the requests
// v6admin sends, ported from ovirt-engine's sources (commit 0111fc63036b,
// ovirt-engine-4.5.7-57): the patterns of
// org.ovirt.engine.core.common.utils.ValidationUtils, its java.net.URI-based
// validHostname, NfsMountPointConstraint, IPv4MaskValidator, the
// @Size/@Pattern/@Range annotations of the business entities (VdsStatic,
// FenceAgent, StorageDomainStatic, StorageServerConnections, Provider) with
// BusinessEntitiesDefinitions' limits and the database's column widths, and
// the wording of AppErrors.properties and of Hibernate Validator's default
// messages.
//
// It is the embedded engine's own copy of those rules, written from oVirt
// and not from v6admin's validation package (the browser's and the BFF's
// rules): the embedded engine must be able to refuse what the BFF lets
// through, as a real engine does. TestNoValidationImport fails when this
// package or the embedded engine depends on v6admin/validation.
//
// The rules are oVirt's, quirks included: IPv4 with leading zeros
// (010.0.0.1) is valid, the IPv6 pattern does not count groups when "::"
// is present (1:2:3:4:5:6:7:8:9:: is valid), a host address follows
// java.net.URI (zones and IPv4-mapped IPv6 pass, "host.123" does not), and
// an NFS path's server part is an IPv4 address, a bracketed IPv6 address
// or an FQDN whose last label has two characters or more.
package rules
