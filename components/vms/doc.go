// Package vms is the Virtual Machines part of the UI: the list of VMs with
// their guest addresses by family, a VM's details (Network Interfaces,
// Console, Sessions), and its dialogs (Run Once with cloud-init networking,
// Edit VM's Initial Run, Migrate VM with the address the migration will
// use). It calls the BFF through a client.API prop and imports no page of
// package components; the shell routes /vms and /vms/{id} to it.
//
// Deep links: /vms/{id}?dialog=run-once and /vms/{id}?dialog=migrate open
// the details page with that dialog open (the readiness page links to them).
package vms
