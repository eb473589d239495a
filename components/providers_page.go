package components

import (
	"context"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/validation"
	"v6admin/wire"
)

// ProvidersPage lists the external providers (Name, Type, Provider URL
// with the scope badge of its host) with the actions Add, Edit and Remove.
type ProvidersPage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API       client.API
	life      form.Mounted
	st        listState
	providers []wire.Provider
	selected  string // provider id

	dialog     string // "", "add", "edit", "remove"
	removeBusy bool
	removeErr  string

	// Edit is a deep link's provider (/providers?edit={id}, from the
	// readiness page's fixes): Edit Provider opens on it once the list is
	// loaded.
	Edit   string
	opened string // the deep link already opened (once per link)
}

// OnMount loads the list.
func (p *ProvidersPage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.load(ctx)
}

// OnUpdate opens the dialog of a new deep link.
func (p *ProvidersPage) OnUpdate(ctx app.Context) { p.openDeepLink() }

// openDeepLink opens Edit Provider on the deep link's provider, once per
// link, when the list holds it.
func (p *ProvidersPage) openDeepLink() {
	if p.Edit == "" || p.Edit == p.opened || p.provider(p.Edit) == nil {
		return
	}
	p.opened = p.Edit
	p.selected, p.dialog, p.removeErr = p.Edit, "edit", ""
}

func (p *ProvidersPage) load(ctx app.Context) {
	if p.st.loading {
		return
	}
	p.st.loading = true
	ctx.Async(func() {
		ps, err := p.API.Providers(context.Background())
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			p.st.err = ""
			if err != nil {
				p.st.err = client.AsAPIError(err).Message
				return
			}
			p.providers = ps
			if p.provider(p.selected) == nil {
				p.selected = ""
			}
			p.openDeepLink()
		})
	})
}

func (p *ProvidersPage) provider(id string) *wire.Provider {
	for i := range p.providers {
		if p.providers[i].ID == id && id != "" {
			return &p.providers[i]
		}
	}
	return nil
}

func (p *ProvidersPage) open(dialog string) func(ctx app.Context, e app.Event) {
	return func(ctx app.Context, e app.Event) {
		if dialog != "add" && p.provider(p.selected) == nil {
			return
		}
		p.dialog, p.removeErr = dialog, ""
	}
}

// close is Cancel: nothing was saved (Test saves nothing), so the list
// stays as it is.
func (p *ProvidersPage) close(ctx app.Context) {
	p.dialog = ""
}

func (p *ProvidersPage) saved(ctx app.Context, pr *wire.Provider) {
	p.dialog = ""
	if pr != nil {
		p.selected = pr.ID
		form.Notify(ctx, form.Toast{Variant: "success", Title: "Provider " + pr.Name + " was saved.", Quick: true})
	}
	p.load(ctx)
}

func (p *ProvidersPage) remove(ctx app.Context) {
	pr := p.provider(p.selected)
	if pr == nil {
		p.dialog = ""
		return
	}
	kind, id, name := pr.Kind, pr.ID, pr.Name
	p.removeBusy, p.removeErr = true, ""
	ctx.Async(func() {
		err := p.API.RemoveProvider(context.Background(), kind, id)
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.removeBusy = false
			if err != nil {
				p.removeErr = client.AsAPIError(err).Message
				return
			}
			p.dialog, p.selected = "", ""
			form.Notify(ctx, form.Toast{Variant: "success", Title: "Provider " + name + " was removed."})
			p.load(ctx)
		})
	})
}

// Render draws the page.
func (p *ProvidersPage) Render() app.UI {
	noSel := p.provider(p.selected) == nil
	return app.Div().ID("providers-page").Body(
		form.PageSection(form.PageTitle("Providers")),
		form.PageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(
				app.Div().Class("pf-v6-c-toolbar__content").Body(
					app.Div().Class("pf-v6-c-toolbar__content-section").Body(
						app.Div().Class("pf-v6-c-toolbar__group", "v6-actions").Body(
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("primary", "Add").ID("provider-add").OnClick(p.open("add"))),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Edit").ID("provider-edit").Disabled(noSel).OnClick(p.open("edit"))),
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("secondary", "Remove").ID("provider-remove").Disabled(noSel).OnClick(p.open("remove"))),
						),
					),
				),
			),
			listBody(p.st, len(p.providers), "plug", "No providers",
				"External providers (OVN networks, host providers) reached by URL, IPv6 literals in brackets.",
				p.renderTable),
		),
		p.renderDialog(),
	)
}

func (p *ProvidersPage) renderTable() app.UI {
	rows := make([]app.UI, 0, len(p.providers))
	for _, pr := range p.providers {
		pr := pr
		selected := pr.ID == p.selected
		tr := app.Tr().Class("pf-v6-c-table__tr", "pf-m-clickable").DataSet("provider", pr.Name).
			OnClick(func(ctx app.Context, e app.Event) { p.selected = pr.ID }, app.EventScope("row", pr.ID))
		if selected {
			tr = tr.Class("pf-m-selected")
		}
		auth := "No"
		if pr.RequiresAuthentication {
			auth = "Yes"
		}
		rows = append(rows, tr.Body(
			app.Td().Class("pf-v6-c-table__td", "pf-v6-c-table__check").Body(
				app.Label().Class("v6-radio").Body(
					app.Input().Type("radio").Name("provider-select").ID("provider-select-"+pr.ID).Checked(selected).
						Aria("label", "Select "+pr.Name).
						OnChange(func(ctx app.Context, e app.Event) { p.selected = pr.ID }, app.EventScope("sel", pr.ID)),
				),
			),
			form.Td("Name", app.Text(pr.Name)),
			form.Td("Type", app.Text(providerTypeLabel(pr))),
			form.Td("Provider URL", app.Span().Class("v6-addr").Body(
				app.Code().Class("v6-addr__text").Text(pr.URL),
				app.If(pr.URLHost.Kind != validation.HostName && pr.URLHost.Scope != validation.ScopeUnknown, func() app.UI { return form.ScopeBadge(pr.URLHost.Scope) }),
			)),
			form.Td("Requires Authentication", app.Text(auth)),
		))
	}
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("providers-table").Aria("label", "Providers").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			app.Td().Class("pf-v6-c-table__td").Body(app.Span().Class("pf-v6-screen-reader").Text("Selection")),
			form.Th("Name"), form.Th("Type"), form.Th("Provider URL"), form.Th("Requires Authentication"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(rows...),
	)
}

func (p *ProvidersPage) renderDialog() app.UI {
	switch p.dialog {
	case "add":
		return &ProviderDialog{API: p.API, OnSaved: p.saved, OnCancel: p.close}
	case "edit":
		pr := p.provider(p.selected)
		if pr == nil {
			return nil
		}
		return &ProviderDialog{API: p.API, Provider: pr, OnSaved: p.saved, OnCancel: p.close}
	case "remove":
		pr := p.provider(p.selected)
		if pr == nil {
			return nil
		}
		return &form.ConfirmDialog{
			ID:       "remove-provider",
			Title:    "Remove Provider(s)",
			Message:  "Are you sure you want to remove the following items?",
			Items:    []string{pr.Name},
			Danger:   true,
			OnOK:     p.remove,
			OnCancel: func(ctx app.Context) { p.dialog = "" },
			Busy:     p.removeBusy,
			Error:    p.removeErr,
		}
	}
	return nil
}
