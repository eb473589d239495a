// Package hostnet is a host's network configuration in the UI: the pure
// model of its NICs, bonds and network attachments and of a Setup Host
// Networks edit (host_networks_model.go, no go-app), the board that draws
// and drags it (setup_networks_board.go), the Setup Host Networks and Edit
// Network dialogs, and the follower of a running change (network_apply.go
// reads its events; running_network_change.go finds one already running
// when the Network Interfaces page opens). It calls the BFF through a
// client.API prop and imports no page of package components.
package hostnet
