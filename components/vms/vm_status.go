package vms

import (
	"strings"
	"v6admin/components/client"
	"v6admin/components/form"

	"v6admin/validation"
	"v6admin/wire"
)

// Path is the UI path of a VM's details page; with dialog ("run-once",
// "migrate") the page opens with that dialog (the deep links of the
// package doc).
func Path(id string, dialog ...string) string {
	p := "/vms/" + client.Esc(id)
	if len(dialog) > 0 && dialog[0] != "" {
		p += "?dialog=" + dialog[0]
	}
	return p
}

// StatusLabel is oVirt's name of a VM status (LocalizedEnums: VMStatus).
func StatusLabel(s string) string {
	switch s {
	case "up":
		return "Up"
	case "down":
		return "Down"
	case "migrating":
		return "Migrating"
	case "powering_up":
		return "Powering Up"
	case "powering_down":
		return "Powering Down"
	case "wait_for_launch":
		return "Wait For Launch"
	case "reboot_in_progress":
		return "Reboot In Progress"
	case "not_responding":
		return "Not Responding"
	case "image_locked":
		return "Image Locked"
	case "saving_state":
		return "Saving State"
	case "restoring_state":
		return "Restoring State"
	}
	if s == "" {
		return "Unknown"
	}
	return form.TitleWords(s)
}

// StatusColor is the PatternFly label color of a VM status.
func StatusColor(s string) string {
	switch s {
	case "up":
		return "green"
	case "down":
		return "grey"
	case "not_responding", "unknown":
		return "red"
	case "paused", "suspended":
		return "orange"
	}
	if Busy(s) {
		return "blue"
	}
	return "grey"
}

// Busy reports whether a VM status is a transition (a spinner shows).
func Busy(s string) bool {
	switch s {
	case "migrating", "powering_up", "powering_down", "wait_for_launch", "reboot_in_progress",
		"image_locked", "saving_state", "restoring_state":
		return true
	}
	return false
}

// CanStart, CanShutdown, CanPowerOff and CanMigrate say which actions a
// VM in a status allows (as webadmin enables its buttons; the engine has
// the last word).
func CanStart(s string) bool { return s == "down" || s == "suspended" || s == "paused" }

// CanShutdown: see CanStart.
func CanShutdown(s string) bool {
	switch s {
	case "up", "powering_up", "paused", "reboot_in_progress":
		return true
	}
	return false
}

// CanPowerOff: see CanStart.
func CanPowerOff(s string) bool {
	switch s {
	case "up", "powering_up", "powering_down", "paused", "reboot_in_progress", "wait_for_launch", "not_responding", "migrating":
		return true
	}
	return false
}

// CanMigrate: see CanStart.
func CanMigrate(s string) bool { return s == "up" }

// ProtocolLabel is a console protocol as people write it.
func ProtocolLabel(p string) string {
	switch p {
	case "spice":
		return "SPICE"
	case "vnc":
		return "VNC"
	case "":
		return "—"
	}
	return strings.ToUpper(p)
}

// isLinkLocal reports whether a guest address is link-local (hidden behind
// the "Show link-local" switch).
func isLinkLocal(a wire.Addr) bool { return a.Scope == validation.ScopeLinkLocal }

// routable counts the addresses that are not link-local.
func routable(as []wire.Addr) int {
	n := 0
	for _, a := range as {
		if !isLinkLocal(a) {
			n++
		}
	}
	return n
}

// familyLabel names an address's family.
func familyLabel(a wire.Addr) string {
	switch a.Kind {
	case validation.HostIPv4:
		return "IPv4"
	case validation.HostIPv6:
		return "IPv6"
	}
	return ""
}
