package client

import (
	"context"
	"strings"

	"v6admin/engine/ovirt"
)

// Virtual machines.

// ListVMs returns GET /vms; o.Search takes the engine's search language
// ("name=web*", "status=up").
func (s *Session) ListVMs(ctx context.Context, o ListOptions) ([]ovirt.Vm, error) {
	return list(ctx, s, o.values(), func(c *ovirt.Vms) []ovirt.Vm { return c.Vm }, "vms")
}

// GetVM returns GET /vms/{id}.
func (s *Session) GetVM(ctx context.Context, id string) (*ovirt.Vm, error) {
	return get[ovirt.Vm](ctx, s, nil, "vms", id)
}

// UpdateVM changes a VM (PUT /vms/{id}, UpdateVm) and returns it as the
// engine answers. An initialization sent is merged onto the stored one by
// the engine (InitializationMapper: each member sent replaces the stored
// one, nic_configurations as a whole list); the VM's first plain start
// hands it to the guest (its Initial Run).
func (s *Session) UpdateVM(ctx context.Context, id string, vm *ovirt.Vm) (*ovirt.Vm, error) {
	return update(ctx, s, vm, "vms", id)
}

// ListVMNICs returns a VM's NICs with the addresses the guest reports for
// each: GET /vms/{id}/nics?follow=reported_devices. The real engine lists
// every guest interface of the VM under each NIC (BackendVmNicResource
// hands its reported-devices link the VM's whole list), so each NIC keeps
// only the devices with its MAC address. An engine that does not follow
// links answers without reported_devices: ReportedDevices stays nil.
func (s *Session) ListVMNICs(ctx context.Context, vmID string) ([]ovirt.Nic, error) {
	nics, err := list(ctx, s, ListOptions{Follow: "reported_devices"}.values(), func(c *ovirt.Nics) []ovirt.Nic { return c.Nic }, "vms", vmID, "nics")
	if err != nil {
		return nil, err
	}
	for i := range nics {
		n := &nics[i]
		if n.ReportedDevices == nil || n.Mac == nil {
			continue
		}
		var own []ovirt.ReportedDevice
		for _, d := range n.ReportedDevices.ReportedDevice {
			if d.Mac != nil && strings.EqualFold(d.Mac.Address, n.Mac.Address) {
				own = append(own, d)
			}
		}
		n.ReportedDevices = &ovirt.ReportedDevices{ReportedDevice: own}
	}
	return nics, nil
}

// ListVMSessions returns GET /vms/{id}/sessions: the console user with the
// client's address, and the user logged in to the guest.
func (s *Session) ListVMSessions(ctx context.Context, vmID string) ([]ovirt.Session, error) {
	return list(ctx, s, nil, func(c *ovirt.Sessions) []ovirt.Session { return c.Session }, "vms", vmID, "sessions")
}

// ListGraphicsConsoles returns GET /vms/{id}/graphicsconsoles: each console
// protocol with, while the VM runs, the address and ports to connect to.
func (s *Session) ListGraphicsConsoles(ctx context.Context, vmID string) ([]ovirt.GraphicsConsole, error) {
	return list(ctx, s, nil, func(c *ovirt.GraphicsConsoles) []ovirt.GraphicsConsole { return c.GraphicsConsole }, "vms", vmID, "graphicsconsoles")
}

// RemoteViewerFile returns the .vv file of a VM's graphics console (POST
// /vms/{id}/graphicsconsoles/{console}/remoteviewerconnectionfile), with a
// fresh ticket. The engine answers 204 when it has none (the VM is down):
// that is "" and no error.
func (s *Session) RemoteViewerFile(ctx context.Context, vmID, consoleID string) (string, error) {
	a, err := action(ctx, s, nil, "vms", vmID, "graphicsconsoles", consoleID, "remoteviewerconnectionfile")
	if err != nil {
		return "", err
	}
	return a.RemoteViewerConnectionFile, nil
}

// StartVMOptions are the parameters of StartVM. With Initialization set the
// start is a run once (RunVmOnce) with those cloud-init settings.
type StartVMOptions struct {
	UseCloudInit   bool
	Initialization *ovirt.Initialization
}

// StartVM starts a VM (POST /vms/{id}/start).
func (s *Session) StartVM(ctx context.Context, id string, o StartVMOptions) (*ovirt.Action, error) {
	a := &ovirt.Action{}
	if o.UseCloudInit {
		a.UseCloudInit = ovirt.NewBool(true)
	}
	if o.Initialization != nil {
		a.Vm = &ovirt.Vm{Initialization: o.Initialization}
	}
	return action(ctx, s, a, "vms", id, "start")
}

// StopVM powers a VM off (POST /vms/{id}/stop); reason is optional.
func (s *Session) StopVM(ctx context.Context, id, reason string) (*ovirt.Action, error) {
	return action(ctx, s, &ovirt.Action{Reason: reason}, "vms", id, "stop")
}

// ShutdownVM asks the guest to shut down (POST /vms/{id}/shutdown); reason
// is optional.
func (s *Session) ShutdownVM(ctx context.Context, id, reason string) (*ovirt.Action, error) {
	return action(ctx, s, &ovirt.Action{Reason: reason}, "vms", id, "shutdown")
}

// MigrateVM live-migrates a running VM (POST /vms/{id}/migrate) to hostID,
// or to a host the scheduler picks when hostID is "".
func (s *Session) MigrateVM(ctx context.Context, id, hostID string) (*ovirt.Action, error) {
	a := &ovirt.Action{}
	if hostID != "" {
		a.Host = &ovirt.Host{ID: hostID}
	}
	return action(ctx, s, a, "vms", id, "migrate")
}

// ListVnicProfiles returns every vNIC profile with its network inlined:
// GET /vnicprofiles?follow=network, one request for the profiles of all a
// VM's NICs. A NIC names its profile by id only, and the NIC list's
// follow=vnic_profile is no substitute: the engine's LinkFollower reads
// the href of each NIC's vnic_profile and fails the whole list on a NIC
// without a profile (allowed: an "empty" NIC). Every profile has a
// network, so following it here is safe. An engine that does not follow
// links leaves each Network with its id only.
func (s *Session) ListVnicProfiles(ctx context.Context) ([]ovirt.VnicProfile, error) {
	return list(ctx, s, ListOptions{Follow: "network"}.values(), func(c *ovirt.VnicProfiles) []ovirt.VnicProfile { return c.VnicProfile }, "vnicprofiles")
}
