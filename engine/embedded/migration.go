package embedded

import (
	"v6admin/engine/embedded/netplan"
	"v6admin/engine/ovirt"
)

// migrationNetwork is the first step of MigrateVmCommand.
// getLiteralMigrationNetworkIp: the cluster's network whose attachment has
// the migration role (networkDao.getAllForCluster, getCluster().
// isMigration()), or nil when no network of the cluster has it. Unlike the
// display role there is no fallback to the management network: without a
// migration network the engine sends vdsm no migration address (dstqemu)
// and vdsm migrates to the destination host's own address (dstHost, the
// host's address as the engine knows it).
func migrationNetwork(hc *hostCtx) *netplan.Network {
	var found *netplan.Network
	for _, n := range hc.nets {
		// hc.nets is a map: take the same one every time when a cluster
		// (by hand) has two.
		if n.HasUsage(ovirt.NetworkUsageMigration) && (found == nil || n.API.Name < found.API.Name) {
			found = n
		}
	}
	return found
}

// migrationTarget is where a migration from src to dst goes, by
// MigrateVmCommand's rule: the destination's address on the cluster's
// migration network (migrationAddress: IPv4 when both ends have one there,
// else IPv6), else "" with family "" — the destination host's own address.
// network is the migration network's name, "" for none.
func migrationTarget(src, dst *hostCtx) (addr, family, network string) {
	mig := migrationNetwork(src)
	if mig == nil {
		return "", "", ""
	}
	addr, family = migrationAddress(migrationReported(src, mig), migrationReported(dst, mig))
	return addr, family, mig.API.Name
}

// migrationReported is what getMigrationNetworkAddress reads on a host:
// the addresses reported on the interface that carries the migration
// network, when it is up (migrationInterfaceUp: for a VLAN device, its
// base interface; a bond is up while one of its slaves is); nil when the
// network is not on the host or its interface is down.
func migrationReported(hc *hostCtx, mig *netplan.Network) *netplan.Reported {
	a := hc.hn.AttByNetwork(mig.API.ID)
	if a == nil {
		return nil
	}
	up := false
	if nic := hc.hn.NIC(a.Nic); nic != nil {
		up = !nic.Down
	} else if b := hc.hn.Bond(a.Nic); b != nil {
		for _, s := range b.Slaves {
			if nic := hc.hn.NIC(s); nic != nil && !nic.Down {
				up = true
			}
		}
	}
	if !up {
		return nil
	}
	return &a.Rep
}
