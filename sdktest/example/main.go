// Command example lists the hosts of an oVirt engine with their IPv6
// addresses and adds one by an IPv6 literal, with oVirt's Go SDK. Against
// v6admin's built-in engine (make run):
//
//	cd sdktest && go run ./example -url 'http://[::1]:8080/ovirt-engine/api' -password v6admin-demo
package main

import (
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"time"

	ovirtsdk "github.com/ovirt/go-ovirt"
)

func main() {
	url := flag.String("url", "http://[::1]:8080/ovirt-engine/api", "the engine's API URL")
	user := flag.String("user", "admin@internal", "user")
	password := flag.String("password", "v6admin-demo", "password")
	flag.Parse()
	if err := run(os.Stdout, *url, *user, *password); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out io.Writer, url, user, password string) error {
	conn, err := ovirtsdk.NewConnectionBuilder().URL(url).Username(user).Password(password).
		Insecure(true).Compress(true).Timeout(time.Minute).Build()
	if err != nil {
		return err
	}
	defer conn.Close()
	hosts := conn.SystemService().HostsService()
	resp, err := hosts.List().Send()
	if err != nil {
		return err
	}
	for _, h := range resp.MustHosts().Slice() {
		fmt.Fprintf(out, "%s %s %s\n", h.MustName(), h.MustAddress(), h.MustStatus())
		nics, err := hosts.HostService(h.MustId()).NicsService().List().Send()
		if err != nil {
			return err
		}
		for _, nic := range nics.MustNics().Slice() {
			if ip, ok := nic.Ipv6(); ok {
				if a, err := netip.ParseAddr(ip.MustAddress()); err == nil {
					fmt.Fprintf(out, "  %s %s/%s\n", nic.MustName(), a, ip.MustNetmask())
				}
			}
		}
	}
	// Add a host by an IPv6 literal, in host0's cluster.
	found, err := hosts.List().Search("name=sdk-example").Send()
	if err != nil {
		return err
	}
	if len(found.MustHosts().Slice()) > 0 {
		fmt.Fprintln(out, "sdk-example is there already")
		return nil
	}
	h0, err := hosts.List().Search("name=host0").Send()
	if err != nil || len(h0.MustHosts().Slice()) == 0 {
		return fmt.Errorf("no host0: %v", err)
	}
	cluster := h0.MustHosts().Slice()[0].MustCluster()
	host, err := ovirtsdk.NewHostBuilder().Name("sdk-example").Address("2001:db8:10::77").
		RootPassword("secret").Cluster(cluster).Build()
	if err != nil {
		return err
	}
	added, err := hosts.Add().Host(host).Send()
	if err != nil {
		return err
	}
	h := added.MustHost()
	fmt.Fprintf(out, "added %s %s %s\n", h.MustName(), h.MustAddress(), h.MustStatus())
	return nil
}
