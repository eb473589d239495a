package hostnet

import (
	"strings"
	"testing"
	"v6admin/components/form"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestWholeInput(t *testing.T) {
	tests := []struct {
		inputType, data string
		whole           bool
	}{
		{"insertText", "4", false}, // a keystroke
		{"insertText", "é", false},
		{"insertText", "2001:db8::23/64", true}, // inserted at once (Playwright's fill, text expanders)
		{"insertFromPaste", "", true},
		{"insertFromDrop", "", true},
		{"insertReplacementText", "", true},
		{"", "", true}, // autofill, scripts: a plain Event
		{"deleteContentBackward", "", false},
		{"insertCompositionText", "ab", false},
		{"historyUndo", "", false},
	}
	for _, tt := range tests {
		if got := form.WholeInput(tt.inputType, tt.data); got != tt.whole {
			t.Errorf("wholeInput(%q, %q) = %v, want %v", tt.inputType, tt.data, got, tt.whole)
		}
	}
}

func staticDialog() *EditNetworkDialog {
	d := &EditNetworkDialog{Attachment: netAttachment{Network: "display", NIC: "eth1", InSync: true,
		IPv4: ipEdit{Proto: protoStatic}, IPv6: ipEdit{Proto: protoStatic}}}
	d.init()
	return d
}

// Issue 11, Broken 1: the split happens once, on the whole value, never
// while the value is being typed.
func TestEditNetworkSplitsOnlyTheWholeValue(t *testing.T) {
	d := staticDialog()
	typed := "2001:db8:100::23/64"
	for i := 1; i <= len(typed); i++ {
		d.ip6.Address.SetValue(typed[:i]) // what each keystroke sets, without the split
		app.HTMLString(d.Render())
		if d.ip6.Address.Value() != typed[:i] || d.ip6.Mask.Value() != "64" {
			t.Fatalf("after %q: address %q, prefix %q", typed[:i], d.ip6.Address.Value(), d.ip6.Mask.Value())
		}
	}
	d.ip6.Mask.SetValue("")
	d.ip6.Address.OnBlur(app.Context{}, app.Event{}) // leaving the field: the whole value
	if d.ip6.Address.Value() != "2001:db8:100::23" || d.ip6.Mask.Value() != "64" {
		t.Fatalf("after blur: address %q, prefix %q", d.ip6.Address.Value(), d.ip6.Mask.Value())
	}
	d.ip4.Address.SetValue("192.0.2.23/24")
	d.ip4.Address.OnWhole() // a paste
	if d.ip4.Address.Value() != "192.0.2.23" || d.ip4.Mask.Value() != "24" {
		t.Fatalf("after paste: address %q, netmask %q", d.ip4.Address.Value(), d.ip4.Mask.Value())
	}
	// An invalid whole value stays as it is, with its message.
	d.ip6.Address.SetValue("::/64")
	d.ip6.Address.OnWhole()
	if d.ip6.Address.Value() != "::/64" || d.ip6.Address.Valid() {
		t.Fatalf("::/64: address %q valid %v", d.ip6.Address.Value(), d.ip6.Address.Valid())
	}
}

func TestEditNetworkPreviews(t *testing.T) {
	d := staticDialog()
	d.ip6.Address.SetValue("2001:db8:100::23/56")
	html := app.HTMLString(d.ip6.Address.Render())
	uitest.CheckHTML(t, "addr/len", html, []string{">2001:db8:100::23<", "/56 goes into Routing Prefix Length"}, []string{"net-ipv6-address-error"})
	d.ip6.Address.SetValue("2001:db8:100::23")
	d.ip6.Mask.SetValue("64")
	d.ip6.Gateway.SetValue("FE80::1")
	html = app.HTMLString(d.ip6.Gateway.Render())
	uitest.CheckHTML(t, "gateway", html, []string{"Valid IPv6 gateway", ">fe80::1<", "scope-link-local"}, nil)
	d.ip4.Address.SetValue("192.0.2.23")
	html = app.HTMLString(d.ip4.Address.Render())
	if strings.Contains(html, "RFC 5952") || !strings.Contains(html, "dotted-decimal form") {
		t.Errorf("IPv4 preview: %s", html)
	}
	for _, bad := range []string{"::", "ff02::1", "::1", "::ffff:192.0.2.1", "fe80::1%eth0"} {
		d.ip6.Address.SetValue(bad)
		if d.ip6.Address.Valid() {
			t.Errorf("static IPv6 %q accepted", bad)
		}
	}
	d.addDNS("::")
	if d.dns[0].Valid() {
		t.Error("DNS :: accepted")
	}
}

func TestDescribeHostAddressIssue11(t *testing.T) {
	v := form.DescribeHostAddress("::ffff:192.0.2.13")
	if !v.Valid || v.Canonical != "192.0.2.13" || v.Message != "Valid IPv4 address, written IPv4-mapped" {
		t.Errorf("mapped: %+v", v)
	}
	for _, s := range []string{"::1", "[::1]", "127.0.0.1", "localhost", "LOCALHOST."} {
		if v := form.DescribeHostAddress(s); !v.Valid || !strings.Contains(v.Warning, "connect to itself") {
			t.Errorf("%s: no loopback warning: %+v", s, v)
		}
	}
	if v := form.DescribeHostAddress("2001:db8::1"); v.Warning != "" {
		t.Errorf("warning on a global address: %+v", v)
	}
}
