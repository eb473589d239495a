package components

import (
	"reflect"
	"testing"
)

func TestURLOnTypeChange(t *testing.T) {
	tests := []struct {
		name, old, new, url, want string
	}{
		{"network default to Foreman", "external", "foreman", "http://localhost:9696", "http://localhost"},
		{"Foreman default to network", "foreman", "neutron", "http://localhost", "http://localhost:9696"},
		{"empty takes the default", "external", "foreman", "", "http://localhost"},
		{"typed URL stays", "external", "foreman", "https://[2001:db8::50]:9696", "https://[2001:db8::50]:9696"},
		{"network to network keeps the default", "external", "neutron", "http://localhost:9696", "http://localhost:9696"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := urlOnTypeChange(tt.old, tt.new, tt.url); got != tt.want {
				t.Errorf("urlOnTypeChange(%q, %q, %q) = %q, want %q", tt.old, tt.new, tt.url, got, tt.want)
			}
		})
	}
}

func TestProviderDialogTypeSwitch(t *testing.T) {
	d := &ProviderDialog{}
	d.init()
	if d.typ != "external" || d.url.Value() != "http://localhost:9696" || d.plugin.Value() != "oVirt Network Provider for OVN" {
		t.Fatalf("defaults: type %q url %q plugin %q", d.typ, d.url.Value(), d.plugin.Value())
	}
	d.setType("foreman")
	if d.url.Value() != "http://localhost" || d.plugin.Value() != "" {
		t.Errorf("Foreman: url %q plugin %q", d.url.Value(), d.plugin.Value())
	}
	d.url.SetValue("https://foreman.example.com")
	d.setType("neutron")
	if d.url.Value() != "https://foreman.example.com" {
		t.Errorf("a typed URL was replaced: %q", d.url.Value())
	}
	if d.version != "v3" || d.plugin.Value() != "Linux Bridge" {
		t.Errorf("neutron: version %q plugin %q", d.version, d.plugin.Value())
	}
}

func TestURLBracketFixes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"https://2001:db8::50", []string{"https://[2001:db8::50]"}},
		{"https://2001:db8::50/v2.0", []string{"https://[2001:db8::50]/v2.0"}},
		{"https://2001:DB8:0::50:9696", []string{"https://[2001:db8::50]:9696", "https://[2001:db8::50:9696]"}},
		{"http://2001:db8:1:2:3:4:5:9696", []string{"http://[2001:db8:1:2:3:4:5:9696]"}},
		{"https://[2001:db8::50]:9696", nil},
		{"https://example.com:9696", nil},
		{"https://fe80::1%eth0", nil},
		{"2001:db8::50", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := urlBracketFixes(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("urlBracketFixes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestProviderDialogURLFix(t *testing.T) {
	d := &ProviderDialog{}
	d.init()
	d.url.SetValue("https://2001:db8::50:9696")
	if d.url.Validate() {
		t.Fatal("a bare IPv6 URL was accepted")
	}
	if d.url.problem == nil || d.url.problem.Hint == "" {
		t.Fatalf("no bracket hint: %+v", d.url.problem)
	}
	fixes := urlBracketFixes(d.url.Value())
	d.fixURL(fixes[0])
	if d.url.Invalid() || d.url.Value() != "https://[2001:db8::50]:9696" {
		t.Errorf("after the fix: %q invalid=%v", d.url.Value(), d.url.Invalid())
	}
}

func TestComposeAuthURL(t *testing.T) {
	tests := []struct {
		protocol, host, port, version, want string
	}{
		{"https", "2001:db8::50", "35357", "v2.0", "https://[2001:db8::50]:35357/v2.0"},
		{"https", "[2001:DB8:0::50]", "", "v3", "https://[2001:db8::50]:35357/v3"},
		{"http", "192.0.2.5", "5000", "v3", "http://192.0.2.5:5000/v3"},
		{"https", "keystone.example.com", "35357", "v3", "https://keystone.example.com:35357/v3"},
		{"https", "", "35357", "v3", ""},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			if got := composeAuthURL(tt.protocol, tt.host, tt.port, tt.version); got != tt.want {
				t.Errorf("composeAuthURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProviderDialogAuthPreviewAndRequest(t *testing.T) {
	d := &ProviderDialog{}
	d.init()
	if d.authURL() != "" {
		t.Errorf("auth URL without authentication: %q", d.authURL())
	}
	d.auth = true
	d.gate()
	d.name.SetValue("lab-ovn")
	d.url.SetValue("https://[2001:db8::50]:9696")
	d.username.SetValue("admin@internal")
	d.password.SetValue("secret")
	d.hostName.SetValue("2001:DB8::50")
	if got := d.authURL(); got != "https://[2001:db8::50]:35357/v2.0" {
		t.Errorf("auth URL preview %q", got)
	}
	if !d.validate() {
		t.Fatalf("valid form refused: %s", d.firstInvalid())
	}
	r := d.request()
	if r.Kind != "network" || r.Type != "external" || r.HostName != "2001:db8::50" || r.APIPort != 35357 || r.APIVersion != "v2.0" || r.Password != "secret" {
		t.Errorf("request %+v", r)
	}
}

func TestProviderDialogInvalid(t *testing.T) {
	tests := []struct {
		name  string
		set   func(d *ProviderDialog)
		field string
	}{
		{"empty name", func(d *ProviderDialog) {}, "provider-name"},
		{"bare IPv6 URL", func(d *ProviderDialog) { d.name.SetValue("p"); d.url.SetValue("https://2001:db8::50") }, "provider-url"},
		{"auth without user", func(d *ProviderDialog) { d.name.SetValue("p"); d.auth = true }, "provider-username"},
		{"neutron v3 without user domain", func(d *ProviderDialog) {
			d.name.SetValue("p")
			d.setType("neutron")
			d.auth = true
			d.username.SetValue("u")
			d.password.SetValue("p")
			d.hostName.SetValue("2001:db8::50")
		}, "provider-user-domain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &ProviderDialog{}
			d.init()
			tt.set(d)
			if d.validate() {
				t.Fatal("accepted")
			}
			if got := d.firstInvalid(); got != tt.field {
				t.Errorf("first invalid %q, want %q", got, tt.field)
			}
		})
	}
}

func TestCertPrompt(t *testing.T) {
	c := &Certificates{Certificates: []Certificate{{Subject: "CN=lab", Issuer: "CN=lab", SelfSigned: true, SHA256Fingerprint: "AB:CD"}}}
	want := "Do you approve trusting self signed certificate subject CN=lab, SHA-256 fingerprint AB:CD?"
	if got := certPrompt(c); got != want {
		t.Errorf("certPrompt = %q", got)
	}
	c.Prompt = "from the server"
	if got := certPrompt(c); got != "from the server" {
		t.Errorf("certPrompt ignores the server's prompt: %q", got)
	}
}
