package components

import (
	"net/url"
	"strings"
	"testing"
	"v6admin/components/internal/uitest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

func TestShellNext(t *testing.T) {
	tests := []struct{ next, want string }{
		{"", "/hosts"},
		{"/hosts/abc/nics", "/hosts/abc/nics"},
		{"//evil.example/x", "/hosts"},
		{"/\\evil.example", "/hosts"},
		{"https://evil.example/", "/hosts"},
		{"/login", "/hosts"},
	}
	for _, tt := range tests {
		s := &Shell{query: url.Values{"next": {tt.next}}}
		if got := s.next(); got != tt.want {
			t.Errorf("next(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}

func TestShellRenders(t *testing.T) {
	s := &Shell{}
	e := app.NewTestEngine()
	if err := e.Load(s); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()

	s.route = route{Page: "login"}
	uitest.CheckHTML(t, "login", app.HTMLString(s.Render()), []string{"Log in to your account", `id="login-user"`, ">User Name<", ">Password<"}, []string{"pf-v6-c-masthead"})

	s.route = route{Page: "hosts"}
	uitest.CheckHTML(t, "checking", app.HTMLString(s.Render()), []string{"pf-v6-c-masthead", `aria-label="Global"`, ">Hosts<", ">Storage Domains<", ">Providers<", ">Events<", ">IPv6 Readiness<", `href="/readiness"`, "Loading"}, []string{"Log out"})

	s.session = &wire.Session{User: "admin@internal"}
	s.unread = 2
	s.wsDown = true
	s.events = []wire.Event{{ID: 1, Severity: "normal", Description: "Host h9 installed"}}
	s.drawerOpen = true
	html := app.HTMLString(s.Render())
	uitest.CheckHTML(t, "logged in", html, []string{"admin@internal", "Log out", "Notifications, 2 unread", `id="connection-banner"`,
		"The connection to the server is down", `id="notification-drawer"`, "Host h9 installed", `aria-current="page"`}, nil)

	s.route = route{Page: "notfound"}
	uitest.CheckHTML(t, "404", app.HTMLString(s.Render()), []string{"Page not found", "Go to Hosts"}, nil)
}

func TestMergeEvents(t *testing.T) {
	got := mergeEvents([]wire.Event{{ID: 5}, {ID: 3}}, []wire.Event{{ID: 6}, {ID: 3}, {ID: 4}})
	var ids []string
	for _, e := range got {
		ids = append(ids, string(rune('0'+e.ID)))
	}
	if strings.Join(ids, "") != "6543" {
		t.Fatalf("merged %v", ids)
	}
}
