package components

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"v6admin/components/client"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
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

func TestProviderDialogURLFix(t *testing.T) {
	d := &ProviderDialog{}
	d.init()
	d.url.SetValue("https://2001:db8::50:9696")
	if d.url.Validate() {
		t.Fatal("a bare IPv6 URL was accepted")
	}
	if d.url.Problem() == nil || d.url.Problem().Hint == "" {
		t.Fatalf("no bracket hint: %+v", d.url.Problem())
	}
	// The hint and the first button agree, and keep the port out of the address.
	fixes := validation.URLBracketFixes(d.url.Value())
	if len(fixes) != 2 || fixes[0] != "https://[2001:db8::50]:9696" || !strings.Contains(d.url.Problem().Hint, fixes[0]) {
		t.Fatalf("fixes %q, hint %q", fixes, d.url.Problem().Hint)
	}
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
		// Nothing while the host name is invalid: no nonsense composed.
		{"https", "2001:db8::1/64", "35357", "v2.0", ""},
		{"https", "2001:db8::50::1", "35357", "v2.0", ""},
		{"https", "[2001:db8::50]:35357", "35357", "v2.0", ""},
		{"https", "fe80::1%eth0", "35357", "v2.0", ""},
		{"https", "256.1.1.1", "35357", "v2.0", ""},
		{"https", "2001:db8::50", "70000", "v2.0", ""},
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

func TestCertItems(t *testing.T) {
	c := &wire.Certificates{Status: wire.ChainPresented, Approve: 1, Certificates: []wire.Certificate{
		{Position: 0, Subject: "CN=provider", Issuer: "CN=lab CA", SHA256Fingerprint: "01:02"},
		{Position: 1, Subject: "CN=lab CA", Issuer: "CN=lab CA", SelfSigned: true, SHA256Fingerprint: "AB:CD", NotAfter: time.Date(2044, 1, 1, 0, 0, 0, 0, time.UTC)}}}
	got := strings.Join(certItems(c), "|")
	want := "Certificate 2 of 2 of the chain: the top of the chain, which vouches for the others (only this one is imported)|" +
		"Subject: CN=lab CA|Issuer: CN=lab CA|SHA-256 fingerprint: AB:CD|Valid until: 2044-01-01"
	if got != want {
		t.Errorf("certItems = %q", got)
	}
	if certItems(&wire.Certificates{Status: wire.ChainUnreachable}) != nil || (&wire.Certificates{Approve: 3}).Approved() != nil {
		t.Error("items without a certificate")
	}
}

func TestURLPreview(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"HTTPS://[2001:DB8:0::50]:9696", []string{"Valid URL", "https://[2001:db8::50]:9696", "2001:db8::50", "documentation"}},
		{"https://[fd00::1]", []string{"https://[fd00::1]", "unique-local"}},
		{"https://provider.example.org:9696", []string{"https://provider.example.org:9696"}},
	}
	for _, tt := range tests {
		ui := urlPreview("provider-url", tt.in)
		if ui == nil {
			t.Fatalf("%s: no preview", tt.in)
		}
		html := app.HTMLString(ui)
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: preview lacks %q: %s", tt.in, w, html)
			}
		}
	}
	for _, bad := range []string{"https://2001:db8::50:9696", "ftp://x", ""} {
		if urlPreview("provider-url", bad) != nil {
			t.Errorf("%q: a preview for an invalid URL", bad)
		}
	}
}

func TestCertPrompt(t *testing.T) {
	c := &wire.Certificates{Certificates: []wire.Certificate{{Subject: "CN=lab", Issuer: "CN=lab", SelfSigned: true, SHA256Fingerprint: "AB:CD"}}}
	want := "Do you approve trusting self signed certificate subject CN=lab, SHA-256 fingerprint AB:CD?"
	if got := certPrompt(c); got != want {
		t.Errorf("certPrompt = %q", got)
	}
	c.Prompt = "from the server"
	if got := certPrompt(c); got != "from the server" {
		t.Errorf("certPrompt ignores the server's prompt: %q", got)
	}
}

// TestTestProviderSettings: the request carries the dialog's settings
// flat, with the id of an edited provider and the approved fingerprint,
// to POST /api/providers/test; the answer keeps what was tested.
func TestTestProviderSettings(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/providers/test" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":false,"message":"Failed to communicate with the external provider, see log for additional details.",`+
			`"tested":"Tested the saved provider.","certificates":{"status":"unreachable","certificates":[],"approve":0,"message":"no TLS"}}`)
	}))
	defer srv.Close()
	c := &client.APIClient{Base: srv.URL}
	res, err := c.TestProviderSettings(context.Background(), wire.ProviderTestRequest{
		ProviderRequest: wire.ProviderRequest{Kind: "network", Name: "lab", URL: "https://[2001:db8::50]:9696"}, ID: "p1", ImportSHA256Fingerprint: "AB:CD"})
	if err != nil {
		t.Fatal(err)
	}
	if got["id"] != "p1" || got["import_sha256_fingerprint"] != "AB:CD" || got["url"] != "https://[2001:db8::50]:9696" || got["kind"] != "network" {
		t.Errorf("request %v", got)
	}
	if res.OK || res.Tested == "" || res.Certificates == nil || res.Certificates.Status != wire.ChainUnreachable || res.Certificates.Approved() != nil {
		t.Errorf("result %+v", res)
	}
}
