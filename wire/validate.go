package wire

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"v6admin/validation"
)

// The checks of a request's values that both sides apply: the UI runs a
// request's Validate before it sends it, the BFF after it decodes it (and
// after its validator has checked the shape: required members, enums,
// list sizes). Every rule is a function of package validation, so a value
// gets the same code and message on both sides (bff/api's TestRulesAgree).
//
// Text lengths are declared once, in a member's `maxlen:"n"` tag (on a
// list of texts: each element's), and checked by validation.MaxLength;
// TestMaxlenTags proves every such tag is a number.

// FieldErrors are a request's field errors by JSON path, dotted for
// nested members ("fence_agents.0.address"); the first error of a path
// wins.
type FieldErrors map[string]FieldError

// FieldErrorOf converts an error of package validation into a field
// error: its code, and its message followed by its hint.
func FieldErrorOf(err error) FieldError {
	var ve *validation.Error
	if !errors.As(err, &ve) {
		return FieldError{Code: string(validation.CodeSyntax), Message: err.Error()}
	}
	return FieldError{Code: string(ve.Code), Message: ve.Error()}
}

// Add records err (nil: nothing) on path unless path has an error.
func (f FieldErrors) Add(path string, err error) {
	if err == nil {
		return
	}
	if _, dup := f[path]; !dup {
		f[path] = FieldErrorOf(err)
	}
}

// Paths lists the paths with an error, sorted.
func (f FieldErrors) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// validate is a request's lengths, then its own rules.
func validate(r any, rules func(FieldErrors)) FieldErrors {
	f := FieldErrors{}
	lengths(reflect.ValueOf(r), "", f)
	rules(f)
	return f
}

// lengths checks every `maxlen` tag in v, a (pointer to a) struct, and in
// the structs it holds.
func lengths(v reflect.Value, prefix string, f FieldErrors) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Slice:
		for i := range v.Len() {
			lengths(v.Index(i), prefix+strconv.Itoa(i)+".", f)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if sf.Anonymous && name == "" {
			lengths(v.Field(i), prefix, f) // JSON flattens it
			continue
		}
		path := prefix + name
		tag, ok := sf.Tag.Lookup("maxlen")
		if !ok {
			lengths(v.Field(i), path+".", f)
			continue
		}
		n, err := strconv.Atoi(tag)
		if err != nil {
			continue // TestMaxlenTags refuses it
		}
		fv := v.Field(i)
		for fv.Kind() == reflect.Pointer && !fv.IsNil() {
			fv = fv.Elem()
		}
		switch fv.Kind() {
		case reflect.String:
			f.Add(path, validation.MaxLength(fv.String(), n))
		case reflect.Slice:
			for j := range fv.Len() {
				if e := fv.Index(j); e.Kind() == reflect.String {
					f.Add(path+"."+strconv.Itoa(j), validation.MaxLength(e.String(), n))
				}
			}
		}
	}
}

// nonEmpty runs check on s unless s is empty (an empty required member is
// the shape's fault: the BFF's validator says so).
func nonEmpty(f FieldErrors, path, s string, check func(string) error) {
	if s != "" {
		f.Add(path, check(s))
	}
}

// given runs check on *s when the member is present.
func given(f FieldErrors, path string, s *string, check func(string) error) {
	if s != nil {
		f.Add(path, check(*s))
	}
}

// host reports the refusal of a host address read from the request
// (validation.Host keeps it: the address is parsed once, when decoded);
// a missing one (nil, or absent from the JSON) is the shape's business.
func host(f FieldErrors, path string, h *validation.Host) {
	if h != nil && !h.IsZero() {
		f.Add(path, h.Err())
	}
}

// port checks a port; 0 is "left out" (the default applies).
func port(f FieldErrors, path string, p int) {
	if p != 0 {
		f.Add(path, validation.PortRange.Check(p))
	}
}

// inRange checks an optional integer.
func inRange(f FieldErrors, path string, n *int, r validation.IntRange) {
	if n != nil {
		f.Add(path, r.Check(*n))
	}
}

func addrPrefix(s string) error {
	_, err := validation.ParseAddrPrefix(s)
	return err
}

// Validate checks a login.
func (r LoginRequest) Validate() FieldErrors { return validate(r, func(FieldErrors) {}) }

// Validate checks a fence agent sent on its own (the Power Management
// dialog's Add/Edit Fence Agent).
func (r FenceAgentRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) { r.rules("", f) })
}

func (r FenceAgentRequest) rules(p string, f FieldErrors) {
	host(f, p+"address", &r.Address)
	port(f, p+"port", r.Port)
	if r.Order != 0 {
		f.Add(p+"order", validation.FenceAgentOrderRange.Check(r.Order))
	}
	f.Add(p+"options", validation.FenceAgentOptions(r.Options))
}

// Validate checks a new host.
func (r AddHostRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		nonEmpty(f, "name", r.Name, validation.ObjectName)
		host(f, "address", &r.Address)
		port(f, "port", r.Port)
		port(f, "ssh_port", r.SSHPort)
		for i := range r.FenceAgents {
			r.FenceAgents[i].rules("fence_agents."+strconv.Itoa(i)+".", f)
		}
	})
}

// Validate checks a host's changes.
func (r EditHostRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		given(f, "name", r.Name, validation.ObjectName)
		host(f, "address", r.Address)
		if r.Port != nil {
			f.Add("port", validation.PortRange.Check(*r.Port))
		}
		if r.SSHPort != nil {
			f.Add("ssh_port", validation.PortRange.Check(*r.SSHPort))
		}
	})
}

// Validate checks a new order of fence agents.
func (r OrderRequest) Validate() FieldErrors { return validate(r, func(FieldErrors) {}) }

// Validate checks a host's network changes.
func (r SetupNetworksRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		for i, a := range r.Attachments {
			p := "attachments." + strconv.Itoa(i) + "."
			if a.IPv4 != nil {
				nonEmpty(f, p+"ipv4.address", a.IPv4.Address, addrPrefix)
				nonEmpty(f, p+"ipv4.netmask", a.IPv4.Netmask, validation.IPv4Netmask)
				nonEmpty(f, p+"ipv4.gateway", a.IPv4.Gateway, validation.IPAddress)
			}
			if a.IPv6 != nil {
				nonEmpty(f, p+"ipv6.address", a.IPv6.Address, addrPrefix)
				nonEmpty(f, p+"ipv6.prefix", a.IPv6.Prefix, validation.IPv6Prefix)
				nonEmpty(f, p+"ipv6.gateway", a.IPv6.Gateway, validation.IPAddress)
			}
			for j, s := range a.DNSServers {
				f.Add(p+"dns_servers."+strconv.Itoa(j), validation.NameServer(s))
			}
		}
		for i, b := range r.Bonds {
			p := "bonds." + strconv.Itoa(i) + "."
			nonEmpty(f, p+"name", b.Name, validation.BondName)
			for k, v := range b.Options {
				f.Add(p+"options", validation.MaxLength(k, bondOptionKeyMax))
				f.Add(p+"options", validation.MaxLength(v, bondOptionValueMax))
			}
		}
		if r.ConnectivityTimeout != 0 {
			f.Add("connectivity_timeout", validation.ConnectivityTimeoutRange.Check(r.ConnectivityTimeout))
		}
	})
}

// Bond option limits (vdsm's bonding options are short key=value words).
const (
	bondOptionKeyMax   = 64
	bondOptionValueMax = 128
)

// Validate checks an external provider.
func (r ProviderRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) { r.rules(f) })
}

func (r ProviderRequest) rules(f FieldErrors) {
	nonEmpty(f, "name", r.Name, validation.ProviderName)
	nonEmpty(f, "url", r.URL, validation.ProviderURL)
	nonEmpty(f, "authentication_url", r.AuthenticationURL, validation.ProviderURL)
	nonEmpty(f, "host_name", r.HostName, validation.URLHostAddress)
	port(f, "api_port", r.APIPort)
}

// Validate checks a provider's settings to test.
func (r ProviderTestRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) { r.rules(f) }) // ProviderRequest's
}

// Validate checks a certificate import.
func (r ImportRequest) Validate() FieldErrors { return validate(r, func(FieldErrors) {}) }

func (d DomainCommon) rules(f FieldErrors) {
	f.Add("name", validation.StorageDomainName(d.Name))
	inRange(f, "warning_low_space", d.WarningLowSpace, validation.WarningLowSpaceRange)
	inRange(f, "critical_space_blocker", d.CriticalSpaceBlocker, validation.CriticalSpaceBlockerRange)
}

// Validate checks a new NFS storage domain.
func (r NFSDomainRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		r.rules(f) // DomainCommon's
		nonEmpty(f, "export", r.Export, validation.NFSExportPath)
		inRange(f, "retransmissions", r.Retransmissions, validation.NFSRetransRange)
		inRange(f, "timeout", r.Timeout, validation.NFSTimeoutRange)
		f.Add("mount_options", validation.NFSMountOptions(r.MountOptions))
	})
}

// Validate checks a new iSCSI storage domain.
func (r ISCSIDomainRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		r.rules(f) // DomainCommon's
		for i, l := range r.LUNs {
			p := "luns." + strconv.Itoa(i) + "."
			nonEmpty(f, p+"address", l.Address, validation.PortalAddress)
			port(f, p+"port", l.Port)
		}
	})
}

// Validate checks a portal to discover or a target to log in to.
func (r ISCSIRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		nonEmpty(f, "address", r.Address, validation.PortalAddress)
		port(f, "port", r.Port)
	})
}

// Validate checks a start, with Run Once's cloud-init network.
func (r StartVMRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		if r.CloudInit != nil {
			r.CloudInit.rules("cloud_init.", f)
		}
	})
}

// Validate checks Edit VM's Initial Run by Run Once's rules.
func (r EditVMRequest) Validate() FieldErrors {
	return validate(r, func(f FieldErrors) {
		if r.InitialRun != nil {
			r.InitialRun.rules("initial_run.", f)
		}
	})
}

func (c CloudInitRequest) rules(p string, f FieldErrors) {
	f.Add(p+"protocol", validation.CloudInitNetworkProtocol(c.Protocol))
	for i, n := range c.NICs {
		np := p + "nics." + strconv.Itoa(i) + "."
		if v4 := n.IPv4; v4 != nil {
			f.Add(np+"ipv4.boot_protocol", validation.CloudInitIPv4BootProtocol(v4.BootProtocol))
			f.Add(np+"ipv4.address", validation.CloudInitStaticAddress(v4.BootProtocol, v4.Address, false))
			nonEmpty(f, np+"ipv4.address", v4.Address, staticAddress(false))
			nonEmpty(f, np+"ipv4.netmask", v4.Netmask, validation.IPv4Netmask)
			f.Add(np+"ipv4.gateway", gateway(v4.Gateway, v4.Address, v4.Netmask, false))
		}
		if v6 := n.IPv6; v6 != nil {
			f.Add(np+"ipv6.boot_protocol", validation.CloudInitIPv6BootProtocol(v6.BootProtocol))
			set := v6.Address != "" || v6.Prefix != "" || v6.Gateway != ""
			f.Add(np+"ipv6.boot_protocol", validation.CloudInitENIIPv6(c.Protocol, v6.BootProtocol, set))
			f.Add(np+"ipv6.address", validation.CloudInitStaticAddress(v6.BootProtocol, v6.Address, true))
			nonEmpty(f, np+"ipv6.address", v6.Address, staticAddress(true))
			nonEmpty(f, np+"ipv6.prefix", v6.Prefix, validation.IPv6Prefix)
			f.Add(np+"ipv6.gateway", gateway(v6.Gateway, v6.Address, v6.Prefix, true))
		}
	}
	for i, s := range c.DNSServers {
		f.Add(p+"dns_servers."+strconv.Itoa(i), validation.NameServer(s))
	}
	for i, s := range c.DNSSearch {
		f.Add(p+"dns_search."+strconv.Itoa(i), validation.DNSSearchDomain(s))
	}
}

// staticAddress is a family's static address rule (validation.StaticAddress,
// the rule a NIC's address field runs as you type and the BFF's checkIP).
func staticAddress(v6 bool) func(string) error {
	return func(s string) error {
		_, err := validation.StaticAddress(s, v6)
		return err
	}
}

// gateway checks a static gateway against the interface its address and
// netmask or prefix make (validation.CheckGateway, as the gateway field
// does as you type); its warning (outside the subnet) is not an error.
func gateway(gw, addr, mask string, v6 bool) error {
	_, err := validation.CheckGateway(gw, validation.StaticInterface(addr, mask, v6))
	return err
}

// Validate checks a migration's destination.
func (r MigrateVMRequest) Validate() FieldErrors { return validate(r, func(FieldErrors) {}) }
