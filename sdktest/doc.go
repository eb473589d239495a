// Package sdktest drives the built-in engine (engine/embedded) with oVirt's
// official Go SDK, go-ovirt, through the IPv6 scenarios v6admin models. It
// is a module of its own (replace v6admin => ../) so that go-ovirt stays out
// of the server's go.mod and build; `make test` runs it.
package sdktest
