package vms

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/form"
	"v6admin/validation"
	"v6admin/wire"
)

// CloudInitSection is a VM's cloud-init network, as Run Once sends it and
// Edit VM's Initial Run stores it: the protocol the guest gets it in
// (OpenStack Metadata, the engine's default, or ENI), the in-guest NICs
// (added and removed; each with its name, eth0, and an IPv4 and an IPv6
// form.IPSection: None, DHCP or Static, and for IPv6 Stateless Address
// Autoconfiguration shown and refused with the engine's reason), the DNS
// servers (IPv4 or IPv6) and the DNS search domains. Every value is judged
// as you type by the rules of package validation that the request's
// Validate and the BFF apply; with ENI any IPv6 setting is refused with
// the reason (the engine would drop it). Apply puts the BFF's field errors
// on their fields by JSON path.
//
// A section is kept by its dialog (an unexported field): Init first.
type CloudInitSection struct {
	// ID prefixes the element ids ("ci": ci-protocol, ci-nic0-name,
	// ci-nic0-ipv6-address, ci-dns-0, ci-search-0).
	ID string
	// Path prefixes the request paths of the BFF's field errors
	// ("cloud_init.").
	Path string

	protocol string
	protoErr string // the BFF's message about the protocol
	nics     []*cloudInitNIC
	dns      []*form.Field
	search   []*form.Field
	seq      int
}

// cloudInitNIC is one in-guest NIC.
type cloudInitNIC struct {
	id       string
	name     form.Field
	ip4, ip6 form.IPSection
}

// Cloud-init's protocols, and the boot protocols a cloud-init NIC shows:
// IPv6's autoconf is there to be refused with the engine's reason.
const (
	protoOpenStack = "openstack_metadata"
	protoENI       = "eni"
)

var (
	ciIPv4Protos = []string{"none", "dhcp", "static"}
	ciIPv6Protos = []string{"none", "dhcp", "autoconf", "static"}
)

// maxCloudInitNICs, maxCloudInitDNS: the request's limits (wire).
const (
	maxCloudInitNICs = 32
	maxCloudInitDNS  = 8
)

// Init sets the section up empty, with the OpenStack Metadata protocol.
func (s *CloudInitSection) Init(id, path string) {
	s.ID, s.Path, s.protocol = id, path, protoOpenStack
	s.nics, s.dns, s.search = nil, nil, nil
}

// Set fills the section from a stored cloud-init network (Edit VM).
func (s *CloudInitSection) Set(r *wire.CloudInitRequest) {
	if r == nil {
		return
	}
	if r.Protocol != "" {
		s.protocol = r.Protocol
	}
	for _, n := range r.NICs {
		c := s.AddNIC(n.Name)
		if v4 := n.IPv4; v4 != nil {
			c.ip4.Set(v4.BootProtocol, v4.Address, v4.Netmask, v4.Gateway)
		}
		if v6 := n.IPv6; v6 != nil {
			c.ip6.Set(v6.BootProtocol, v6.Address, v6.Prefix, v6.Gateway)
		}
	}
	for _, v := range r.DNSServers {
		s.addDNS(v)
	}
	for _, v := range r.DNSSearch {
		s.addSearch(v)
	}
}

// Protocol is the protocol picked.
func (s *CloudInitSection) Protocol() string { return s.protocol }

// SetProtocol picks the protocol (openstack_metadata or eni).
func (s *CloudInitSection) SetProtocol(p string) { s.protocol, s.protoErr = p, "" }

// NIC returns the i-th in-guest NIC's name field and IPv4 and IPv6
// sections (for the dialogs' tests).
func (s *CloudInitSection) NIC(i int) (name *form.Field, ip4, ip6 *form.IPSection) {
	n := s.nics[i]
	return &n.name, &n.ip4, &n.ip6
}

// AddNIC adds an in-guest NIC named name, both families None.
func (s *CloudInitSection) AddNIC(name string) *cloudInitNIC {
	n := &cloudInitNIC{id: s.ID + "-nic" + strconv.Itoa(s.seq)}
	s.seq++
	n.name = form.Field{ID: n.id + "-name", Label: "Name", Required: true, Mono: true, Placeholder: "eth0",
		Check: func(v string) error { return validation.MaxLength(strings.TrimSpace(v), 15) },
		Help:  "The interface's name in the guest."}
	n.name.SetValue(name)
	n.ip4.ProtoLabel, n.ip4.InlineProtos = "IPv4 Boot Protocol", true
	n.ip4.Init(n.id+"-ipv4", false, ciIPv4Protos)
	n.ip4.CheckProto = validation.CloudInitIPv4BootProtocol
	n.ip4.Address.EmptyErr = validation.CloudInitStaticAddress("static", "", false)
	n.ip6.ProtoLabel, n.ip6.InlineProtos = "IPv6 Boot Protocol", true
	n.ip6.Init(n.id+"-ipv6", true, ciIPv6Protos)
	n.ip6.CheckProto = func(p string) error { return s.checkIPv6(n, p) }
	n.ip6.Address.EmptyErr = validation.CloudInitStaticAddress("static", "", true)
	s.nics = append(s.nics, n)
	return n
}

// checkIPv6 is the IPv6 boot protocol's rule, as the request's Validate
// runs it: autoconf refused, then (ENI) any IPv6 setting refused.
func (s *CloudInitSection) checkIPv6(n *cloudInitNIC, p string) error {
	if err := validation.CloudInitIPv6BootProtocol(p); err != nil {
		return err
	}
	set := n.ip6.Address.Trimmed() != "" || n.ip6.Mask.Trimmed() != "" || n.ip6.Gateway.Trimmed() != ""
	return validation.CloudInitENIIPv6(s.protocol, p, set)
}

func (s *CloudInitSection) addDNS(v string) *form.Field {
	f := &form.Field{ID: s.ID + "-dns-" + strconv.Itoa(s.seq), Required: true, Mono: true,
		Check: validation.NameServer, Placeholder: "2001:db8::53 or 192.0.2.53"}
	s.seq++
	f.Preview = func(v string) app.UI {
		a, _ := validation.ParseAddr(strings.TrimSpace(v))
		return form.AddressPreview(f.ID, form.AddressVerdict(a, "DNS server"), "")
	}
	f.SetValue(v)
	s.dns = append(s.dns, f)
	relabel(s.dns, "DNS server")
	return f
}

func (s *CloudInitSection) addSearch(v string) *form.Field {
	f := &form.Field{ID: s.ID + "-search-" + strconv.Itoa(s.seq), Required: true, Mono: true, Placeholder: "lab.example.com",
		Check: func(v string) error {
			v = strings.TrimSpace(v)
			if err := validation.MaxLength(v, 253); err != nil {
				return err
			}
			return validation.DNSSearchDomain(v)
		}}
	s.seq++
	f.SetValue(v)
	s.search = append(s.search, f)
	relabel(s.search, "Search domain")
	return f
}

// relabel numbers a list's fields ("DNS server 1").
func relabel(fs []*form.Field, what string) {
	for i, f := range fs {
		f.Label = what + " " + strconv.Itoa(i+1)
	}
}

// sync disables the fields a boot protocol other than Static does not
// take.
func (s *CloudInitSection) sync() {
	for _, n := range s.nics {
		n.ip4.DisableUnlessStatic()
		n.ip6.DisableUnlessStatic()
	}
}

// Binder is the section's fields bound to their request paths, in form
// order.
func (s *CloudInitSection) Binder() form.Binder {
	var b form.Binder
	for i, n := range s.nics {
		p := s.Path + "nics." + strconv.Itoa(i) + "."
		b = append(b, form.Bind(p+"name", &n.name),
			form.Bind(p+"ipv4.address", &n.ip4.Address), form.Bind(p+"ipv4.netmask", &n.ip4.Mask), form.Bind(p+"ipv4.gateway", &n.ip4.Gateway),
			form.Bind(p+"ipv6.address", &n.ip6.Address), form.Bind(p+"ipv6.prefix", &n.ip6.Mask), form.Bind(p+"ipv6.gateway", &n.ip6.Gateway))
	}
	for i, f := range s.dns {
		b = append(b, form.Bind(s.Path+"dns_servers."+strconv.Itoa(i), f))
	}
	for i, f := range s.search {
		b = append(b, form.Bind(s.Path+"dns_search."+strconv.Itoa(i), f))
	}
	return b
}

// Fields are the section's text fields in form order.
func (s *CloudInitSection) Fields() []*form.Field {
	var out []*form.Field
	for _, b := range s.Binder() {
		out = append(out, b.Field)
	}
	return out
}

// Apply shows the BFF's field errors on the fields (and the radios and
// the protocol) they are about and returns those about nothing here.
func (s *CloudInitSection) Apply(errs wire.FieldErrors) (rest wire.FieldErrors) {
	for path, fe := range s.Binder().Apply(errs) {
		switch {
		case path == s.Path+"protocol":
			s.protoErr = fe.Message
			continue
		case strings.HasPrefix(path, s.Path+"nics."):
			i, member, _ := strings.Cut(strings.TrimPrefix(path, s.Path+"nics."), ".")
			if n, err := strconv.Atoi(i); err == nil && n >= 0 && n < len(s.nics) {
				switch member {
				case "ipv4.boot_protocol":
					s.nics[n].ip4.ProtoServerErr = fe.Message
					continue
				case "ipv6.boot_protocol":
					s.nics[n].ip6.ProtoServerErr = fe.Message
					continue
				}
			}
		}
		if rest == nil {
			rest = wire.FieldErrors{}
		}
		rest[path] = fe
	}
	return rest
}

// protocolProblem is what is wrong with the protocol: the BFF's message,
// else the rule's (the select offers only good ones).
func (s *CloudInitSection) protocolProblem() *form.Problem {
	if s.protoErr != "" {
		return &form.Problem{Message: s.protoErr}
	}
	return form.ProblemOf(validation.CloudInitNetworkProtocol(s.protocol))
}

// Check judges value as the element id of the section in its present
// state judges it: a text field's value, a boot protocol picked in
// <nic>-ipv4-proto or <nic>-ipv6-proto, or the protocol picked in
// <id>-protocol. found is false for an id the section does not have.
func (s *CloudInitSection) Check(id, value string) (err error, found bool) {
	if id == s.ID+"-protocol" {
		s.SetProtocol(value)
		return validation.CloudInitNetworkProtocol(value), true
	}
	for _, n := range s.nics {
		for _, sec := range []*form.IPSection{&n.ip4, &n.ip6} {
			if id == sec.ID+"-proto" {
				sec.Proto = value // as a radio picks it: the fields stay
				return sec.ProtoErr(), true
			}
		}
	}
	for _, f := range s.Fields() {
		if f.ID == id {
			f.SetValue(value)
			return f.Err(), true
		}
	}
	return nil, false
}

// Validate judges everything and shows the verdicts (OK pressed).
func (s *CloudInitSection) Validate() bool {
	s.sync()
	ok := s.protocolProblem() == nil
	for _, n := range s.nics {
		if !n.name.Validate() {
			ok = false
		}
		if !n.ip4.Validate() {
			ok = false
		}
		if !n.ip6.Validate() {
			ok = false
		}
	}
	for _, f := range append(append([]*form.Field{}, s.dns...), s.search...) {
		if !f.Validate() {
			ok = false
		}
	}
	return ok
}

// FirstInvalid is the id of the first element showing an error ("" if
// none), for OK to focus.
func (s *CloudInitSection) FirstInvalid() string {
	if s.protocolProblem() != nil {
		return s.ID + "-protocol"
	}
	for _, n := range s.nics {
		if n.name.Invalid() {
			return n.name.ID
		}
		for _, sec := range []*form.IPSection{&n.ip4, &n.ip6} {
			if sec.ProtoProblem() != nil {
				return sec.ID + "-proto-" + sec.Proto
			}
			for _, f := range sec.Fields() {
				if f.Invalid() {
					return f.ID
				}
			}
		}
	}
	for _, f := range append(append([]*form.Field{}, s.dns...), s.search...) {
		if f.Invalid() {
			return f.ID
		}
	}
	return ""
}

// Request is the cloud-init network as the request carries it: texts
// trimmed, a family left out when its boot protocol is None, the fields a
// boot protocol other than Static does not take left empty.
func (s *CloudInitSection) Request() *wire.CloudInitRequest {
	r := &wire.CloudInitRequest{Protocol: s.protocol}
	for _, n := range s.nics {
		c := wire.CloudInitNIC{Name: n.name.Trimmed()}
		if p := n.ip4.Proto; p != "none" {
			c.IPv4 = &wire.IPv4Request{BootProtocol: p}
			if p == "static" {
				c.IPv4.Address, c.IPv4.Netmask, c.IPv4.Gateway = n.ip4.Address.Trimmed(), n.ip4.Mask.Trimmed(), n.ip4.Gateway.Trimmed()
			}
		}
		if p := n.ip6.Proto; p != "none" {
			c.IPv6 = &wire.IPv6Request{BootProtocol: p}
			if p == "static" {
				c.IPv6.Address, c.IPv6.Prefix, c.IPv6.Gateway = n.ip6.Address.Trimmed(), n.ip6.Mask.Trimmed(), n.ip6.Gateway.Trimmed()
			}
		}
		r.NICs = append(r.NICs, c)
	}
	for _, f := range s.dns {
		r.DNSServers = append(r.DNSServers, f.Trimmed())
	}
	for _, f := range s.search {
		r.DNSSearch = append(r.DNSSearch, f.Trimmed())
	}
	return r
}

// Render draws the section.
func (s *CloudInitSection) Render() app.UI {
	s.sync()
	items := []app.UI{s.renderProtocol(), app.H3().Class("v6-ci-heading").Text("In-guest Network Interfaces")}
	if len(s.nics) == 0 {
		items = append(items, app.P().Class("v6-muted").ID(s.ID+"-no-nics").Text("No in-guest network interface: the guest keeps its image's network configuration."))
	}
	for i, n := range s.nics {
		items = append(items, s.renderNIC(i, n))
	}
	items = append(items,
		form.Button("secondary", "Add Network Interface").ID(s.ID+"-nic-add").Class("v6-ci-add").Disabled(len(s.nics) >= maxCloudInitNICs).
			OnClick(func(ctx app.Context, e app.Event) {
				n := s.AddNIC("eth" + strconv.Itoa(len(s.nics)))
				form.FocusElement(ctx, n.name.ID)
			}),
		app.H3().Class("v6-ci-heading").Text("DNS"),
		app.Div().Class("v6-ci-families").Body(
			s.renderList(s.dns, "dns", "Add DNS Server", "DNS servers: up to 8, IPv4 or IPv6.", func() *form.Field { return s.addDNS("") },
				func(i int) { s.dns = append(s.dns[:i], s.dns[i+1:]...); relabel(s.dns, "DNS server") }),
			s.renderList(s.search, "search", "Add Search Domain", "DNS search domains: up to 8.", func() *form.Field { return s.addSearch("") },
				func(i int) { s.search = append(s.search[:i], s.search[i+1:]...); relabel(s.search, "Search domain") }),
		),
	)
	return app.Div().Class("pf-v6-c-form", "v6-cloud-init").ID(s.ID).Body(items...)
}

// renderProtocol draws the protocol select and what ENI means.
func (s *CloudInitSection) renderProtocol() app.UI {
	id := s.ID + "-protocol"
	help := "OpenStack Metadata carries IPv4 and IPv6."
	if s.protocol == protoENI {
		help = "ENI carries no IPv6: the engine drops every IPv6 setting (BZ 1464043), so v6admin refuses them. Set IPv6 to None on every interface, or choose OpenStack Metadata."
	}
	return form.FormGroup(id, "Cloud-Init Network Protocol", false,
		form.SelectControl(id, s.protocol, []form.Option{{Value: protoOpenStack, Label: "OpenStack Metadata"}, {Value: protoENI, Label: "ENI"}},
			false, s.protocolProblem() != nil, func(ctx app.Context, v string) { s.SetProtocol(v) }),
		form.HelperBlock(id, msgOf(s.protocolProblem()), help),
	)
}

// renderNIC draws one in-guest NIC: its name, IPv4 and IPv6.
func (s *CloudInitSection) renderNIC(i int, n *cloudInitNIC) app.UI {
	title := n.name.Trimmed()
	if title == "" {
		title = "Network interface " + strconv.Itoa(i+1)
	}
	return app.FieldSet().Class("v6-ci-nic").ID(n.id).Aria("labelledby", n.id+"-legend").Body(
		app.Legend().Class("v6-ci-nic-legend").ID(n.id+"-legend").Text(title),
		app.Div().Class("v6-ci-nic-head").Body(
			n.name.Render(),
			form.Button("link", "Remove "+title).ID(n.id+"-remove").Class("pf-m-danger").OnClick(func(ctx app.Context, e app.Event) {
				for j, m := range s.nics {
					if m == n {
						s.nics = append(s.nics[:j], s.nics[j+1:]...)
						break
					}
				}
				form.FocusElement(ctx, s.ID+"-nic-add")
			}, app.EventScope(n.id)),
		),
		app.Div().Class("v6-ci-families").Body(
			app.Div().Class("v6-ci-family").Body(n.ip4.ProtoGroup(false), n.ip4.Body()),
			app.Div().Class("v6-ci-family").Body(n.ip6.ProtoGroup(false), n.ip6.Body()),
		),
	)
}

// renderList draws a list of fields with Remove buttons and an Add button.
func (s *CloudInitSection) renderList(fs []*form.Field, kind, add, help string, addOne func() *form.Field, remove func(int)) app.UI {
	items := []app.UI{app.P().Class("v6-muted").Text(help)}
	for i, f := range fs {
		i := i
		items = append(items, app.Div().Class("v6-dns-row").Body(
			f.Render(),
			form.IconButton("minus-circle", "Remove "+f.Label).ID(f.ID+"-remove").OnClick(func(ctx app.Context, e app.Event) { remove(i) }, app.EventScope(f.ID)),
		))
	}
	items = append(items, form.Button("secondary", add).ID(s.ID+"-"+kind+"-add").Class("v6-ci-add").Disabled(len(fs) >= maxCloudInitDNS).
		OnClick(func(ctx app.Context, e app.Event) {
			f := addOne()
			form.FocusElement(ctx, f.ID)
		}))
	return app.Div().Class("pf-v6-c-form").Body(items...)
}

// msgOf is a problem's message ("" for none).
func msgOf(p *form.Problem) string {
	if p == nil {
		return ""
	}
	return p.Message
}
