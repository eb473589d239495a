package components

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// StoragePage lists the storage domains and opens the New Domain dialog.
type StoragePage struct {
	app.Compo
	life    mounted
	st      listState
	domains []wire.StorageDomain
	dialog  bool
}

// OnMount loads the list and reloads it on storage events.
func (p *StoragePage) OnMount(ctx app.Context) {
	p.life.keep(ctx)
	p.load(ctx)
	ctx.Handle(eventAction, func(ctx app.Context, a app.Action) {
		if ev, ok := a.Value.(wire.Event); ok && ev.StorageDomain != nil {
			p.load(ctx)
		}
	})
}

func (p *StoragePage) load(ctx app.Context) {
	if p.st.loading {
		return
	}
	p.st.loading = true
	ctx.Async(func() {
		ds, err := backend.StorageDomains(context.Background())
		p.life.dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			p.st.err = ""
			if err != nil {
				p.st.err = asAPIError(err).Message
				return
			}
			p.domains = ds
		})
	})
}

func (p *StoragePage) names() []string {
	out := make([]string, 0, len(p.domains))
	for _, d := range p.domains {
		out = append(out, d.Name)
	}
	return out
}

// Render draws the page.
func (p *StoragePage) Render() app.UI {
	return app.Div().ID("storage-page").Body(
		pageSection(pageTitle("Storage Domains")),
		pageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(
				app.Div().Class("pf-v6-c-toolbar__content").Body(
					app.Div().Class("pf-v6-c-toolbar__content-section").Body(
						app.Div().Class("pf-v6-c-toolbar__group", "v6-actions").Body(
							app.Div().Class("pf-v6-c-toolbar__item").Body(button("primary", "New Domain").ID("storage-new").
								OnClick(func(ctx app.Context, e app.Event) { p.dialog = true })),
						),
					),
				),
			),
			listBody(p.st, len(p.domains), "database", "No storage domains",
				"Storage domains hold the disks of virtual machines, on NFS or iSCSI over IPv6.", p.renderTable),
		),
		app.If(p.dialog, func() app.UI {
			return &StorageDomainDialog{
				Existing: p.names(),
				OnSaved: func(ctx app.Context, d *wire.StorageDomain) {
					p.dialog = false
					if d != nil {
						notify(ctx, toast{Variant: "success", Title: "Storage domain " + d.Name + " was created.", Quick: true})
					}
					p.load(ctx)
				},
				OnCancel: func(ctx app.Context) { p.dialog = false },
			}
		}),
	)
}

func (p *StoragePage) renderTable() app.UI {
	return app.Table().Class("pf-v6-c-table", "pf-m-grid-md").ID("storage-table").Aria("label", "Storage domains").Body(
		app.THead().Class("pf-v6-c-table__thead").Body(app.Tr().Class("pf-v6-c-table__tr").Body(
			th("Name"), th("Domain Type"), th("Storage Type"), th("Status"), th("Server"), th("Path"), th("Free Space"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(
			app.Range(p.domains).Slice(func(i int) app.UI {
				d := p.domains[i]
				server := app.UI(app.Span().Class("v6-muted").Text("—"))
				if d.Server != nil {
					server = addrText(*d.Server)
				} else if len(d.LUNs) > 0 && d.LUNs[0].Address != nil {
					server = addrText(*d.LUNs[0].Address)
				}
				return app.Tr().Class("pf-v6-c-table__tr").DataSet("domain", d.Name).Body(
					td("Name", app.Text(d.Name)),
					td("Domain Type", app.Text(domainTypeLabel(d.Type))),
					td("Storage Type", app.Text(storageTypeLabel(d.StorageType))),
					td("Status", app.Text(titleWords(d.Status))),
					td("Server", server),
					td("Path", app.Code().Text(d.Path)),
					td("Free Space", app.Text(formatBytes(d.Available))),
				)
			}),
		),
	)
}
