// Package embedded is v6admin's embedded oVirt engine: an http.Handler
// that speaks the subset of the oVirt Engine REST API v4 the UI uses, with
// the real engine's JSON (booleans and ints as strings, unwrapped actions,
// {"<tag>": [...]} collections, {"reason", "detail": "[...]"} faults, 404
// and 401 without a body), backed by a SQLite document store and a
// simulated lab (hosts with NICs, bonds and VLANs whose addresses come from
// netsim, BMCs, an iSCSI portal, an NFS server, provider endpoints).
//
// # Use
//
//	e, err := embedded.Open(ctx, embedded.Config{DataDir: dir})
//	defer e.Close()
//	http.ListenAndServe("[::1]:8443", e.Handler())
//
// The handler serves /ovirt-engine/api/..., /ovirt-engine/sso/oauth/token,
// /ovirt-engine/services/sso-logout and /ovirt-engine/services/pki-resource;
// mount it at the root.
//
// # SSH key, installs and fence status
//
// The engine's SSH key (ed25519, made on first start and kept in the
// database) is published as the real engine publishes its key: GET
// /ovirt-engine/services/pki-resource?resource=engine-certificate&format=OPENSSH-PUBKEY,
// public, text/plain "ssh-ed25519 AAAA… ovirt-engine". A host added with
// ssh.authentication_method publickey installs without a root password.
// An installation whose simulation fails ends in install_failed with event
// 505 (error) and a failed job; a host addressed by an IPv4-mapped IPv6
// address (::ffff:192.0.2.44) is an IPv4 host for simulated networking.
//
// POST /hosts/{id}/fence with fence_type status asks the host's agents in
// order, as the real engine's GetVdsFenceStatus: the REST API cannot test
// one agent (webadmin's per-agent Test is the GetFenceAgentStatus query,
// which the REST layer does not expose), and a parameter such as ?agent=
// is ignored.
//
// # Input rules
//
// Requests are checked by the real engine's rules, in its order, from the
// package rules (ported from ovirt-engine's sources; never from v6admin's
// validation package, so the engine can refuse what the BFF lets through):
// the REST layer's mandatory members (validateParameters: "Host [name,
// address] required for add", the Java member names as in "Action
// [fenceType] required for fence"), the JSON mapping (unknown members,
// enums), the entities' bean validation (@Size, @Pattern, @HostnameOrIp,
// @Range: "[size must be between 1 and 255, Attribute: vdsStatic.name]"),
// then the commands' validators with AppErrors.properties wording. Where
// the backend has no rule the database's column width applies, and a
// longer value is the engine's "[Internal Engine Error]" (a provider name
// over 128 characters). Free text the engine keeps without a limit (a
// host's comment) is kept whole; values are not trimmed. In particular:
// a host's name is [0-9a-zA-Z-_.], 1-255; its address follows
// java.net.URI (a zone or an IPv4-mapped IPv6 address passes, host.123
// does not), at most 255; a host's description is not taken (HostMapper
// does not map it); a fence agent's address is not checked when the agent
// is added or updated, only its sizes (type 20, user 50, password 50,
// options 4000); provider and storage domain names are [0-9a-zA-Z_-] (no
// dot), at most 128 and 250; an NFS connection is NfsMountPointConstraint's
// (IPv4, a bracketed IPv6 address or an FQDN whose last label has two
// characters or more, then ":/path"); a network provider needs a plugin
// type; the provider URL's form and an iSCSI portal's address are not
// checked by the engine (a wrong one fails when used).
//
// # Authentication
//
// The only user is admin@internal (password Config.AdminPassword, default
// DefaultAdminPassword; kept in memory as a SHA-256 digest, compared in
// constant time). The SSO password grant needs Accept: application/json and
// scope=ovirt-app-api; tokens are 32 random bytes (base64url), valid
// Config.TokenTTL (10 h), stored as SHA-256 digests so they survive a
// restart; sso-logout revokes them. API requests need "Authorization:
// Bearer <token>" (Basic admin@internal:<password> works too), else 401
// with no body and WWW-Authenticate. "Version: 4" or none; other versions
// get 400. Bodies over Config.MaxBodyBytes (1 MiB) get 413.
//
// # XML and JSON
//
// Every endpoint speaks both of the real engine's representations
// (represent.go): XML when the request says nothing (no Accept, */*), JSON
// on Accept: application/json, the better by q-value when both are named;
// an Accept naming neither gets 406. A body is read by its Content-Type
// (application/xml or text/xml, application/json; none: XML if it starts
// with '<'); any other type gets 415. Handlers write and read Go values of
// engine/ovirt, and engine/ovirt/ovirtxml writes and reads their XML, so
// both answers carry the same data; an unknown XML element gets the same
// fault as an unknown JSON member. Answers of 512 bytes or more are
// gzip-compressed for clients that send Accept-Encoding: gzip.
//
// # Host networks
//
// Each host has one document with its NICs, bonds and network attachments
// (desired configuration plus the state simulated vdsm reports). NIC views
// are derived from it: a VLAN network appears as the device
// <base>.<vlan id>, HostNic.ipv6 is the first non-link-local address.
// in_sync and reported_configurations compare desired and reported values
// as the engine does (addresses canonically). setupnetworks validates the
// whole request against a snapshot (REST mapping checks, address formats,
// NetworkAttachmentIpConfigurationValidator, topology), then applies it in
// one transaction; nothing is ever half-applied.
//
// The code is cut by concern: the subpackage netplan is the pure host
// network planner (the host network state's types, the setupnetworks
// steps with the engine's refusals, reported_configurations and in_sync);
// lab is the simulated lab (BMCs, iSCSI portals and targets, NFS servers,
// provider endpoints and their certificates); netsim computes what vdsm
// would report (SLAAC, DHCP leases); rules holds the engine's input rules;
// store is the SQLite document store. None of them serves HTTP; only
// store writes. This package keeps the HTTP handlers, the
// stored documents, the per-host locks, and the jobs and events of a
// change (setupnetworks.go, netjob.go).
//
// A change is visible while it runs, as on the real engine. A refused
// request writes nothing. Once validated, one transaction writes the job
// "Setup Networks on host <h>" (status started, step Validating finished,
// step Executing started) and event 10902 with the request's
// Correlation-Id; simulated vdsm then takes Config.NetworkApplyDelay; the
// final transaction writes the new state, ends the same job (finished,
// end_time set; the action answers its ref) and writes 1148 (networks
// synchronized), 10903 and 12/13 (host non responsive / up). A change that
// fails after 10902 (connectivity check, state changed under it, store
// error) ends its job failed, one whose engine stops ((*Engine).Stop,
// Close) aborted, with event 10904; the host is left as it was. A client
// that goes away once the change is validated does not abort it: the
// change runs to its end, as on the real engine. A job that a crash left started is failed, with 10904,
// at the next Open.
//
// Concurrency: a host network change (setupnetworks, network attachment
// add/update/remove, syncallnetworks, commitnetconfig, host
// lifecycle actions) takes an in-memory per-host lock without waiting; a
// second change on the same host while one runs gets 409 "Cannot setup
// Networks. Another Setup Networks or Host Refresh process in progress on
// the host. Please try later." The writing transaction also checks a
// per-host version, so a change validated against a stale state gets the
// same 409. Changes that arrive one after the other are each validated
// against the state the previous one left (for example a second bond
// enslaving a NIC already in a bond gets 409 "... is already a slave of
// bond ...").
//
// Connectivity check (check_connectivity, default true): a change that
// would leave the management network without any address (attachment
// removed, or no IPv4 and no global IPv6 address, e.g. boot protocol none
// on both families) is kept by vdsm for connectivity_timeout seconds
// (default Config.ConnectivityTimeout, the engine's 120 s; the host's lock
// stays taken), then rolled back and answered 400 "[Failed to setup
// networks on host <h>: connectivity check failed, the management network
// <n> would lose its IP address. The host rolled the changes back.]", with
// event 10904 and a failed job. With check_connectivity=false it is applied
// and the host becomes non_responsive (event 12) until the management
// network has an address again.
//
// Tests and demos can make an attachment drift out of sync with
// (*Engine).SimulateDrift.
//
// NIC statistics (GET /hosts/{id}/nics/{nic}/statistics) are simulated
// traffic that moves with the clock. As on a real engine (4.2+), GET
// /hosts/{id}/nics?follow=statistics (and GET /hosts/{id}/nics/{nic}?follow=statistics)
// returns each host_nic with "statistics": {"statistic": [...]} inline,
// the very statistics its sub-collection answers at that moment, rendered
// in one read of the host. follow names other than statistics are ignored
// (a real engine follows the links it has and fails on other names).
//
// # Virtual machines
//
// /vms answers as VmMapper writes it: status (migrating for both ends),
// host, display type, address and ports only while the VM runs; search by
// name=, status= and host=. GET /vms/{id}/nics?follow=reported_devices
// inlines, as the real engine does, every guest interface of the VM under
// each NIC (ReportedDeviceMapper: IPv4 addresses, then IPv6, each with its
// version; the link-local one with the guest's interface as its zone).
// Sessions (the console user with the client's address, the guest's user),
// graphics consoles (id: the protocol in hex) and remoteviewerconnectionfile
// (the .vv file, 204 while the VM is down) are served. Each VM network
// has its default vNIC profile (GET /vnicprofiles[/{id}], follow=network
// inlines the network), named as the network as AddNetworkCommand names
// it; a VM's NIC on a network uses that profile.
//
// PUT /vms/{id} (UpdateVm) takes name, description, comment and
// initialization, merged onto the stored one as InitializationMapper does
// (nic_configurations replaced as a list) and checked by the cloud-init
// rules below as "Cannot edit VM. …" (409, event 35). A VM not yet
// initialized (never up) gets its stored initialization on a plain start
// without use_cloud_init (RunVmCommand.updateVmInit) and is initialized
// once up (RunVmCommandBase.runningSucceded).
//
// start (RunVm, or RunVmOnce with vm.initialization) checks cloud-init as
// CloudInitHandler.validate does (rules.ValidateCloudInit, OpenStack
// metadata only: on_boot true, static needs its address, IPv6 autoconf and
// poly_dhcp_autoconf refused with "Cannot run VM. Option 'autoconf' in
// cloud-init configuration is not supported."), schedules the VM on an Up
// host of its cluster that has its networks, and boots it in
// Config.VMBootDelay (powering_up, events 150 then 153, job "Launching
// VM"). The simulated guest reports, per NIC eth<i>: static addresses as
// configured, DHCP leases from the network's pools, SLAAC from its /64 and
// the NIC's MAC, and the fe80:: link-local address; a NIC cloud-init did
// not configure gets the image's DHCPv4 and the kernel's SLAAC, and with
// the ENI protocol the engine drops every IPv6 setting (CloudInitHandler,
// BZ 1464043), so the guest only autoconfigures. The display address is
// vdsm's (BZ 1403674): the host's IPv4 address on the cluster's display
// network, its IPv6 address only when it has no IPv4 there. stop and
// shutdown power off at once (events 33; 73 and 61). migrate (to host, or
// to a host the scheduler picks) takes the destination's address on the
// cluster's migration network as MigrateVmCommand does (the interface up
// on both ends; IPv4 when both ends have one, else IPv6, else the host's
// address — also when the cluster has no migration network: no fallback
// to the management network), logs what it sends vdsm (MigrateVDSCommand:
// dstHost, dstqemu), is migrating for
// Config.MigrationDelay (events 62, then 63 with the VM up on the
// destination and its console at the destination's display address). A
// boot or migration interrupted by a restart finishes after it. POST /vms
// (cluster, name and template required; unique name) and DELETE (refused
// while running) add and remove VMs (events 34, 53, 113).
//
// The seed (added once, also to databases created before VMs existed) has
// web0 (up on host0, a NIC on the IPv6-only display network with a
// cloud-init static 2001:db8:100::5, SPICE at host0's 2001:db8:100::11, a
// console session from 2001:db8:20::77), db0 (up, a NIC on the dual-stack
// ovirtmgmt: DHCPv4 and SLAAC, VNC) and build0 (down).
//
// # The scale lab
//
// With Config.ScaleHost, Open adds once (to a new or an existing database)
// a data center and cluster "Scale" with 256 networks (scalemgmt and
// net001 … net255, mostly VLANs 1001-1255, IPv6 under 2001:db8:99::/48) and
// the Up host scale0 at 2001:db8:99::10 with 128 NICs, two bonds and 83
// network attachments of mixed boot protocols (see ScaleHostName). The demo
// lab's data center, cluster and hosts are unchanged.
//
// # The simulated lab
//
// Provider endpoints (a provider's url, and authentication_url when it
// requires authentication, must each reach one for testconnectivity to
// succeed; any other address fails with "[Failed to communicate with the
// external provider, see log for additional details., No service answers
// at <scheme>://<host>:<port>.]"):
//
//	https://[2001:db8:10::5]:9696     ovirt-provider-ovn (seeded provider), certificate trusted
//	https://[2001:db8:10::5]:35357    its Keystone, same certificate, trusted
//	https://foreman.lab.example.org   Foreman, certificate trusted
//	https://[2001:db8:10::7]          Satellite over IPv6, self-signed, not trusted
//	https://[2001:db8::50]:9696       lab network provider, self-signed, not trusted (SeedLabProviderURL)
//	https://[2001:db8::50]:35357      its Keystone, same certificate
//	http://[2001:db8::51]:9696        plain-HTTP network provider (SeedHTTPProviderURL)
//	http://[2001:db8::51]:35357       its Keystone
//
// Tests and demos can make any other URL reachable with
// (*Engine).SimulateProviderEndpoint.
//
// Every https endpoint presents a self-signed certificate, one per host,
// with subject "CN=<service>,O=v6admin lab" (e.g. "CN=ovirt-provider-ovn,
// O=v6admin lab"), the host as subject alternative name, and an Ed25519
// key derived from the host: the same host always presents the same
// certificate and SHA-256 fingerprint. GET .../{provider}/certificates
// returns the chain the provider's url presents as the real engine writes
// it ({"certificate": [{"id": "0", "href", "subject": "CN=…, O=v6admin
// lab", "content": base64 of the DER bytes}]}; {} over http, and {} when
// nobody answers, as a real engine). POST .../{provider}/importcertificates
// {"certificates": {"certificate": [{"content": base64 DER}]}} makes the
// engine trust the first certificate sent (the REST layer imports only
// that one) for every provider (event 213). Until then testconnectivity
// on a provider whose service presents an untrusted certificate fails with
// "[Failed to communicate with the external provider, see log for
// additional details., The provider's certificate is not trusted. Import it
// first.]". Certificates marked trusted above count as imported at setup
// (as engine-setup does for ovirt-provider-ovn).
//
// NFS servers (a domain's address:path must be one of their exports):
//
//	[2001:db8:200::60]  /exports/data (seeded domain nfs-data), /exports/iso, /exports/export, /exports/nfs/share2
//	[2001:db8::5]       /exports/data, /exports/iso, /exports/export (SeedNFSServerLab)
//
// NFS domains keep nfs_version (default auto), nfs_timeo (1–6000
// deciseconds), nfs_retrans (0–32767) and mount_options (which may not set
// vers, nfsvers, protocol_version, timeo or retrans); every domain keeps
// warning_low_space_indicator (0–100 %, default 10) and
// critical_space_action_blocker (GB, 0 or more, default 5).
//
// iSCSI portals (port 3260): 2001:db8:200::50 with target
// iqn.2014-07.org.ovirt:storage and three LUNs (100, 50 and 20 GiB), and
// 2001:db8:200::51, which answers discovery with no targets (an empty,
// complete discovery). Other portals fail discovery.
//
// The lab (endpoints, NFS servers, portals) is rewritten on every Open, so
// databases created by older versions gain what was added since; the seeded
// entities (hosts, domains, providers) are written once.
//
// # Events
//
// Every change writes an event (newest first in GET /events; from=N keeps
// indexes above N). Codes: 12 host non responsive, 13 host status set, 16
// host activated, 20/21/41 host started/stopped/restarted (fence), 42 host
// added, 43 host (or its fence agents) updated, 44 host removed, 500 host
// installed, 505 host installation failed, 509 installing host, 600 host to
// maintenance, 606 capabilities
// refreshed, 942/944 network added/removed, 956/957/960 storage domain
// added/updated/removed, 962/964 storage domain attached/detached, 205/206/
// 207 provider added/updated/removed, 213 provider certificate imported,
// 1104 network changes committed, 1146 network out of sync (SimulateDrift),
// 1148 networks synchronized, 9000 power management not configured, 9016
// manual fence, 10800 iSCSI login, 10902/10903/10904 setup networks
// applying/succeeded/failed. The user of
// user-initiated events is "admin@internal-authz", as the engine writes it.
// A request's Correlation-Id (else its correlation_id parameter) is
// cleaned as the engine's REST filter does: only [0-9A-Za-z_-] kept, cut
// to 36 characters.
//
// Retention (Config.EventMaxAge and the rest, retention.go): events are
// kept 30 days (AuditLogAgingThreshold) and at most 100,000; ended jobs 10
// minutes when finished, 60 when failed or aborted, at most 1,000; purged
// at Open and every 10 minutes. GET /events?from=N and the newest max read
// only those events through the store's index.
package embedded
