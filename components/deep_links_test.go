package components

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components/client"
	"v6admin/components/internal/uitest"
	"v6admin/components/readiness"
	"v6admin/wire"
)

// linkAPI answers the loads of the pages a readiness fix links to.
type linkAPI struct{ client.API }

func (linkAPI) Hosts(context.Context) ([]wire.Host, error) {
	return []wire.Host{{ID: "h1", Name: "host2", Status: "up"}}, nil
}

func (linkAPI) Host(_ context.Context, id string) (*wire.Host, error) {
	return &wire.Host{ID: id, Name: "host0", Status: "up"}, nil
}

func (linkAPI) HostNetwork(context.Context, string) (*wire.HostNetwork, error) {
	return &wire.HostNetwork{NICs: []wire.NIC{{ID: "n0", Name: "eth0"}, {ID: "n1", Name: "bond0"}}}, nil
}

func (linkAPI) Providers(context.Context) ([]wire.Provider, error) {
	return []wire.Provider{{ID: "p0", Name: "ovn"}, {ID: "p1", Name: "legacy-neutron"}}, nil
}

func (linkAPI) StorageDomains(context.Context) ([]wire.StorageDomain, error) {
	return []wire.StorageDomain{{ID: "sd0", Name: "nfs-data"}, {ID: "sd1", Name: "legacy-nfs"}}, nil
}

// linkedPage is the page the shell shows for the link of a readiness fix,
// mounted (its OnMount run and its loads answered).
func linkedPage(t *testing.T, fix wire.ReadinessFix) (app.Composer, app.TestEngine, app.Context) {
	t.Helper()
	href := readiness.Fix(fix).Href
	u, err := url.Parse(href)
	if err != nil || href == "" {
		t.Fatalf("%s: no link (%q): %v", fix.Dialog, href, err)
	}
	s := &Shell{API: linkAPI{}, session: &wire.Session{User: "admin@internal"}, route: parseRoute(u.Path), query: u.Query()}
	if !Known(u.Path) {
		t.Fatalf("%s: %s is not a page", fix.Dialog, u.Path)
	}
	c, ok := s.renderContent().(app.Composer)
	if !ok {
		t.Fatalf("%s: %s shows no page", fix.Dialog, href)
	}
	m, ok := c.(app.Mounter)
	if !ok {
		t.Fatalf("%s: %T has no OnMount", fix.Dialog, c)
	}
	e, ctx := uitest.Mount(t, m)
	return c, e, ctx
}

func TestReadinessFixLinksOpenTheDialogs(t *testing.T) {
	// Edit Host, and Power Management: Edit Host on its tab.
	for _, tt := range []struct{ dialog, want string }{{"edit-host", "edit"}, {"power-management", "pm"}} {
		c, _, ctx := linkedPage(t, wire.ReadinessFix{Dialog: tt.dialog, ID: "a1", HostID: "h1"})
		p, ok := c.(*HostsPage)
		if !ok {
			t.Fatalf("%s opens %T, want the Hosts page", tt.dialog, c)
		}
		if p.dialog != tt.want || p.dialogHost != "h1" || p.selected != "h1" {
			t.Errorf("%s: dialog %q on %q, want %q on h1", tt.dialog, p.dialog, p.dialogHost, tt.want)
		}
		// Once per link: closed, it stays closed while the URL stays.
		p.closeDialog(ctx)
		p.OnUpdate(ctx)
		if p.dialog != "" {
			t.Errorf("%s: the dialog came back after it was closed", tt.dialog)
		}
	}

	// Setup Host Networks on the NIC, the network's chip first; the NIC's
	// row highlighted.
	c, _, _ := linkedPage(t, wire.ReadinessFix{Dialog: "setup-host-networks", ID: "at1", HostID: "h0", NIC: "bond0", Network: "storage"})
	n, ok := c.(*HostNICsPage)
	if !ok {
		t.Fatalf("setup-host-networks opens %T, want the Network Interfaces page", c)
	}
	if !n.setupOpen || n.HostID != "h0" || n.setupFocus() != "net:storage" {
		t.Errorf("Setup Host Networks: open %v on %q focus %q, want open on h0 focus net:storage", n.setupOpen, n.HostID, n.setupFocus())
	}
	n.setupOpen = false // the dialog's own rendering is hostnet's test
	html := app.HTMLString(n.Render())
	if !rowHas(html, `data-nic="bond0"`, "v6-linked") || rowHas(html, `data-nic="eth0"`, "v6-linked") {
		t.Errorf("nics: the linked NIC bond0 (only) should be highlighted:\n%s", html)
	}

	// Edit Provider, once the list holds it.
	c, _, _ = linkedPage(t, wire.ReadinessFix{Dialog: "provider", ID: "p1"})
	pp, ok := c.(*ProvidersPage)
	if !ok {
		t.Fatalf("provider opens %T, want the Providers page", c)
	}
	if pp.dialog != "edit" || pp.selected != "p1" {
		t.Errorf("provider: dialog %q on %q, want edit on p1", pp.dialog, pp.selected)
	}

	// The Storage Domains page on the domain.
	c, _, _ = linkedPage(t, wire.ReadinessFix{Dialog: "storage-domain", ID: "sd1"})
	sp, ok := c.(*StoragePage)
	if !ok {
		t.Fatalf("storage-domain opens %T, want the Storage Domains page", c)
	}
	html = app.HTMLString(sp.Render())
	if !rowHas(html, `id="domain-sd1"`, "pf-m-selected") || rowHas(html, `id="domain-sd0"`, "pf-m-selected") {
		t.Errorf("storage: the linked domain sd1 (only) should be selected:\n%s", html)
	}
}

// rowHas reports whether the tr tag with attr (in any order) has class.
func rowHas(html, attr, class string) bool {
	for _, tag := range regexp.MustCompile(`<tr[^>]*>`).FindAllString(html, -1) {
		if strings.Contains(tag, attr) {
			return regexp.MustCompile(`class="[^"]*\b` + regexp.QuoteMeta(class) + `\b`).MatchString(tag)
		}
	}
	return false
}

func TestReadinessRoute(t *testing.T) {
	s := &Shell{API: linkAPI{}, session: &wire.Session{User: "admin@internal"}, route: parseRoute("/readiness")}
	if _, ok := s.renderContent().(*readiness.Page); !ok {
		t.Errorf("/readiness shows %T, want the readiness page", s.renderContent())
	}
	if pageTitles["readiness"] != "IPv6 Readiness" {
		t.Errorf("title %q", pageTitles["readiness"])
	}
}
