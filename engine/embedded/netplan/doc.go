// Package netplan is the embedded engine's host network planner, pure:
// no store, no HTTP, no clock. Its input is a host's current network
// state (NICs, bonds, network attachments with what simulated vdsm
// reports), the logical networks it may use and one setupnetworks-style
// request; its output is the host's new network state or the engine's
// refusal, in the real engine's wording and order
// (HostSetupNetworksValidator, NetworkAttachmentIpConfigurationValidator,
// the REST layer's NetworkAttachmentMapper). It also compares an
// attachment's desired configuration with the reported one (the
// reported_configurations and in_sync of the REST API,
// NetworkInSyncWithVdsNetworkInterface).
//
// The package embedded loads the state, calls Make, turns a *Refusal into
// the engine's fault, simulates the new addresses with netsim and writes
// the result.
package netplan
