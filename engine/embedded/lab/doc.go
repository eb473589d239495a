// Package lab is the embedded engine's simulated lab: the devices and
// services a real engine would reach over the network, as data and pure
// functions (no store, no HTTP). It defines the baseboard management
// controllers fence agents talk to, the iSCSI portals and targets with
// their LUNs, the NFS servers and their exports, and the provider
// endpoints with the deterministic self-signed TLS certificates they
// present; and the fixed set of them the embedded engine starts with
// (Endpoints, NFSServers, Portals, BMCs). The package embedded stores
// them and answers the REST API with them.
package lab
