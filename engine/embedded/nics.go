package embedded

import (
	"hash/fnv"
	"math"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"v6admin/engine/embedded/netplan"
	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// renderNics derives the HostNic views vdsm would report: physical NICs,
// bonds and the VLAN devices of attached VLAN networks, each carrying the
// IP configuration of the network on it.
func renderNics(hc *hostCtx) []ovirt.HostNic {
	hid := hc.host.ID
	hn := hc.hn
	devs := make(map[string]*ovirt.HostNic, len(hn.NICs)+len(hn.Bonds)+len(hn.Atts))
	newNic := func(id, name string) *ovirt.HostNic {
		href := ovirt.Href("hosts", hid, "nics", id)
		n := &ovirt.HostNic{
			ID:               id,
			Href:             href,
			Name:             name,
			Host:             ovirt.HostRef(hid),
			Status:           ovirt.NicStatusUp,
			Mtu:              ovirt.NewInt(1500),
			Bridged:          ovirt.NewBool(false),
			BootProtocol:     ovirt.BootProtocolNone,
			Ipv6BootProtocol: ovirt.BootProtocolNone,
			Link:             ovirt.SubLinks(href, "statistics", "networkattachments"),
		}
		devs[name] = n
		return n
	}
	for _, p := range hn.NICs {
		n := newNic(p.ID, p.Name)
		n.Mac = &ovirt.Mac{Address: p.MAC}
		n.Speed = ovirt.NewLong(p.Speed)
		if p.Down {
			n.Status = ovirt.NicStatusDown
		}
	}
	for _, b := range hn.Bonds {
		n := newNic(b.ID, b.Name)
		n.Mac = &ovirt.Mac{Address: hn.MAC(b.Name)}
		var speed int64
		slaves := make([]ovirt.HostNic, 0, len(b.Slaves))
		up := false
		for _, s := range b.Slaves {
			p := hn.NIC(s)
			if p == nil {
				continue
			}
			slaves = append(slaves, *ovirt.HostNicRef(hid, p.ID))
			up = up || !p.Down
			if bondMode(b) == "4" || bondMode(b) == "0" {
				speed += p.Speed
			} else if speed == 0 {
				speed = p.Speed
			}
		}
		n.Speed = ovirt.NewLong(speed)
		if !up {
			n.Status = ovirt.NicStatusDown
		}
		n.Bonding = &ovirt.Bonding{Options: &ovirt.Options{Option: bondOptionsOut(b)}, Slaves: &ovirt.HostNics{HostNic: slaves}}
		if len(slaves) > 0 && bondMode(b) == "1" {
			n.Bonding.ActiveSlave = ovirt.HostNicRef(hid, slaves[0].ID)
		}
	}
	for i := range hn.Atts {
		a := &hn.Atts[i]
		nw := hc.nets[a.NetworkID]
		if nw == nil {
			nw = hc.all[a.NetworkID]
		}
		base := devs[a.Nic]
		if nw == nil || base == nil {
			continue
		}
		dev := base
		if vid := nw.VLAN(); vid != 0 {
			dev = newNic(a.VlanNicID, a.Nic+"."+strconv.Itoa(vid))
			dev.BaseInterface = a.Nic
			dev.Vlan = &ovirt.Vlan{ID: ovirt.NewInt(vid)}
			dev.Mac = base.Mac
			dev.Speed = base.Speed
			dev.Status = base.Status
		}
		dev.Network = ovirt.NetworkRef(nw.API.ID)
		r := &a.Rep
		dev.Mtu = ovirt.NewInt(r.MTU)
		dev.Bridged = ovirt.NewBool(r.Bridged)
		dev.CustomConfiguration = ovirt.NewBool(!netplan.InSync(a, nw))
		dev.BootProtocol = ovirt.BootProtocol(v4NicProto(r.V4Proto))
		dev.Ipv6BootProtocol = ovirt.BootProtocol(orNone(r.V6Proto))
		if r.V4Addr != "" || r.V4Gateway != "" {
			ip := &ovirt.Ip{Address: r.V4Addr, Gateway: r.V4Gateway, Version: ovirt.IpVersionV4}
			if r.V4Addr != "" {
				ip.Netmask = netplan.DottedMask(r.V4Prefix)
			}
			dev.Ip = ip
		}
		first := ""
		bits := -1
		for _, s := range r.V6Addrs {
			if p, err := netip.ParsePrefix(s); err == nil && !p.Addr().IsLinkLocalUnicast() {
				first, bits = p.Addr().String(), p.Bits()
				break
			}
		}
		if first != "" || r.V6Gateway != "" {
			gw := r.V6Gateway
			if gw == "" {
				gw = "::" // vdsm reports "::" for no IPv6 gateway, as real engines show
			}
			ip := &ovirt.Ip{Address: first, Gateway: gw, Version: ovirt.IpVersionV6}
			if bits >= 0 {
				ip.Netmask = strconv.Itoa(bits)
			}
			dev.Ipv6 = ip
		}
		if m := base.Mtu.Value(); int64(r.MTU) > m && dev != base {
			base.Mtu = ovirt.NewInt(r.MTU)
		}
	}
	// Bond slaves follow their bond's MTU.
	for _, b := range hn.Bonds {
		for _, s := range b.Slaves {
			if d := devs[s]; d != nil {
				d.Mtu = devs[b.Name].Mtu
			}
		}
	}
	out := make([]ovirt.HostNic, 0, len(devs))
	for _, d := range devs {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b ovirt.HostNic) int { return natLess(a.Name, b.Name) })
	return out
}

func orNone(p string) string {
	if p == "" {
		return "none"
	}
	return p
}

// v4NicProto: HostNic.boot_protocol is IPv4 only (none, dhcp, static).
func v4NicProto(p string) string {
	switch p {
	case "dhcp", "static":
		return p
	}
	return "none"
}

func bondMode(b netplan.Bond) string {
	for _, o := range b.Options {
		if o.Name == "mode" {
			return o.Value
		}
	}
	return "4"
}

func bondOptionsOut(b netplan.Bond) []ovirt.Option {
	out := make([]ovirt.Option, 0, len(b.Options))
	for _, o := range b.Options {
		o.Type = bondModeName(o)
		out = append(out, o)
	}
	return out
}

// bondModeName is the option "type" the engine writes for mode (its
// description); other options have none.
func bondModeName(o ovirt.Option) string {
	if o.Name != "mode" {
		return ""
	}
	switch o.Value {
	case "0":
		return "Round-robin"
	case "1":
		return "Active-Backup"
	case "2":
		return "Load balance (balance-xor)"
	case "3":
		return "Broadcast"
	case "4":
		return "Dynamic link aggregation (802.3ad)"
	case "5":
		return "Adaptive transmit load balancing (balance-tlb)"
	case "6":
		return "Adaptive load balancing (balance-alb)"
	}
	return ""
}

// viewHost runs fn on the host of the path (loadHostView) in a read
// transaction.
func (e *Engine) viewHost(r *http.Request, fn func(hc *hostCtx) error) error {
	return e.st.View(r.Context(), func(tx *store.Tx) error {
		hc, err := e.loadHostView(tx, r.PathValue("id"))
		if err != nil {
			return err
		}
		return fn(hc)
	})
}

// listNics is GET /hosts/{id}/nics; with ?follow=statistics each NIC
// carries its statistics inline (see followStatistics).
func (e *Engine) listNics(w http.ResponseWriter, r *http.Request) error {
	var out ovirt.HostNics
	if err := e.viewHost(r, func(hc *hostCtx) error {
		out.HostNic = renderNics(hc)
		return nil
	}); err != nil {
		return err
	}
	if followStatistics(r) {
		now := e.now()
		for i := range out.HostNic {
			out.HostNic[i].Statistics = &ovirt.Statistics{Statistic: nicStats(&out.HostNic[i], now)}
		}
	}
	return writeJSON(w, http.StatusOK, &out)
}

// followStatistics tells whether the request's follow parameter names the
// statistics link. follow is a comma-separated list of link paths whose
// segments are separated by dots ("statistics,networkattachments"); as in
// the real engine's LinkFollower a name matches a rel case-insensitively
// and without underscores. Links deeper than statistics (statistics.x)
// need nothing more; other links are not followed (a real engine follows
// them, or fails on a name that is no link of a host NIC).
func followStatistics(r *http.Request) bool {
	for _, f := range r.URL.Query()["follow"] {
		for link := range strings.SplitSeq(f, ",") {
			first, _, _ := strings.Cut(strings.TrimSpace(link), ".")
			if strings.EqualFold(strings.ReplaceAll(first, "_", ""), "statistics") {
				return true
			}
		}
	}
	return false
}

// findNic renders the host's NICs and returns the one with the path's id.
func findNic(hc *hostCtx, id string) (*ovirt.HostNic, error) {
	for _, n := range renderNics(hc) {
		if n.ID == id {
			return &n, nil
		}
	}
	return nil, errNotFound
}

// getNic is GET /hosts/{id}/nics/{nic}.
func (e *Engine) getNic(w http.ResponseWriter, r *http.Request) error {
	var out *ovirt.HostNic
	if err := e.viewHost(r, func(hc *hostCtx) error {
		var err error
		out, err = findNic(hc, r.PathValue("nic"))
		return err
	}); err != nil {
		return err
	}
	if followStatistics(r) {
		out.Statistics = &ovirt.Statistics{Statistic: nicStats(out, e.now())}
	}
	return writeJSON(w, http.StatusOK, out)
}

// nicStatistics is GET /hosts/{id}/nics/{nic}/statistics.
func (e *Engine) nicStatistics(w http.ResponseWriter, r *http.Request) error {
	var nic *ovirt.HostNic
	if err := e.viewHost(r, func(hc *hostCtx) error {
		var err error
		nic, err = findNic(hc, r.PathValue("nic"))
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &ovirt.Statistics{Statistic: nicStats(nic, e.now())})
}

// nicStats is the statistics of a NIC at now: plausible traffic that moves
// with the clock, derived from the NIC id. The statistics sub-collection
// and follow=statistics both answer it.
func nicStats(nic *ovirt.HostNic, now time.Time) []ovirt.Statistic {
	h := fnv.New64a()
	h.Write([]byte(nic.ID))
	seed := h.Sum64()
	t := float64(now.UnixMilli()) / 1000
	phase := float64(seed%6283) / 1000
	var rx, tx float64
	if nic.Status == ovirt.NicStatusUp {
		base := float64(nic.Speed.Value()) / 8 / 2000 // 0.05% of line rate, bytes/s
		rx = math.Round(base * (1 + 0.6*math.Sin(t/47+phase)))
		tx = math.Round(base * 0.4 * (1 + 0.5*math.Sin(t/31+phase*2)))
	}
	uptime := float64(now.Unix()%1_000_000 + 100_000)
	totalRx := math.Round(float64(nic.Speed.Value()) / 8 / 2000 * uptime)
	totalTx := math.Round(totalRx * 0.4)
	errRx := float64(seed % 7)
	errTx := float64(seed / 7 % 3)
	nicRef := &ovirt.HostNic{ID: nic.ID, Href: nic.Href}
	stat := func(name, desc string, kind ovirt.StatisticKind, typ ovirt.ValueType, unit ovirt.StatisticUnit, v float64) ovirt.Statistic {
		id := stableID(nic.ID, name)
		return ovirt.Statistic{
			ID: id, Href: nic.Href + "/statistics/" + id, Name: name, Description: desc,
			Kind: kind, Type: typ, Unit: unit,
			Values:  &ovirt.Values{Value: []ovirt.Value{{Datum: ovirt.NewDecimal(v)}}},
			HostNic: nicRef,
		}
	}
	return []ovirt.Statistic{
		stat("data.current.rx", "Receive data rate", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitBytesPerSecond, rx),
		stat("data.current.tx", "Transmit data rate", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitBytesPerSecond, tx),
		stat("data.current.rx.bps", "Receive data rate", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitBitsPerSecond, rx*8),
		stat("data.current.tx.bps", "Transmit data rate", ovirt.StatisticKindGauge, ovirt.ValueTypeDecimal, ovirt.StatisticUnitBitsPerSecond, tx*8),
		stat("data.total.rx", "Total received data", ovirt.StatisticKindCounter, ovirt.ValueTypeInteger, ovirt.StatisticUnitBytes, totalRx),
		stat("data.total.tx", "Total transmitted data", ovirt.StatisticKindCounter, ovirt.ValueTypeInteger, ovirt.StatisticUnitBytes, totalTx),
		stat("errors.total.rx", "Total received errors", ovirt.StatisticKindCounter, ovirt.ValueTypeInteger, ovirt.StatisticUnitNone, errRx),
		stat("errors.total.tx", "Total transmitted errors", ovirt.StatisticKindCounter, ovirt.ValueTypeInteger, ovirt.StatisticUnitNone, errTx),
	}
}
