package components

import (
	"context"
	"v6admin/components/client"
	"v6admin/components/form"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// StoragePage lists the storage domains and opens the New Domain dialog.
type StoragePage struct {
	app.Compo
	// API is the BFF's API (the shell's client, handed down).
	API     client.API
	life    form.Mounted
	st      listState
	domains []wire.StorageDomain
	dialog  bool

	// Domain is a deep link's storage domain (/storage-domains?domain={id},
	// from the readiness page's fixes): its row is highlighted and
	// scrolled into view.
	Domain   string
	revealed string // the deep link already scrolled to
}

// OnMount loads the list and reloads it on storage events.
func (p *StoragePage) OnMount(ctx app.Context) {
	p.life.Keep(ctx)
	p.load(ctx)
	ctx.Handle(form.EventAction, func(ctx app.Context, a app.Action) {
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
		ds, err := p.API.StorageDomains(context.Background())
		p.life.Dispatch(ctx, func(ctx app.Context) {
			p.st.loading, p.st.loaded = false, true
			p.st.err = ""
			if err != nil {
				p.st.err = client.AsAPIError(err).Message
				return
			}
			p.domains = ds
			p.reveal(ctx)
		})
	})
}

// OnUpdate scrolls to the domain of a new deep link.
func (p *StoragePage) OnUpdate(ctx app.Context) { p.reveal(ctx) }

// reveal scrolls the deep link's domain into view, once per link, when the
// list holds it.
func (p *StoragePage) reveal(ctx app.Context) {
	if p.Domain == "" || p.Domain == p.revealed || !p.has(p.Domain) {
		return
	}
	p.revealed = p.Domain
	form.RevealElement(p.life.Context(ctx), domainRowID(p.Domain))
}

func (p *StoragePage) has(id string) bool {
	for _, d := range p.domains {
		if d.ID == id {
			return true
		}
	}
	return false
}

// domainRowID is the element id of a domain's row.
func domainRowID(id string) string { return "domain-" + id }

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
		form.PageSection(form.PageTitle("Storage Domains")),
		form.PageSection(
			app.Div().Class("pf-v6-c-toolbar").Body(
				app.Div().Class("pf-v6-c-toolbar__content").Body(
					app.Div().Class("pf-v6-c-toolbar__content-section").Body(
						app.Div().Class("pf-v6-c-toolbar__group", "v6-actions").Body(
							app.Div().Class("pf-v6-c-toolbar__item").Body(form.Button("primary", "New Domain").ID("storage-new").
								OnClick(func(ctx app.Context, e app.Event) { p.dialog = true })),
						),
					),
				),
			),
			listBody(p.st, len(p.domains), "database", "No storage domains",
				"Storage domains hold the disks of virtual machines, on NFS or iSCSI over IPv6.", p.renderTable),
		),
		app.If(p.dialog, func() app.UI {
			return &StorageDomainDialog{API: p.API,
				Existing: p.names(),
				OnSaved: func(ctx app.Context, d *wire.StorageDomain) {
					p.dialog = false
					if d != nil {
						form.Notify(ctx, form.Toast{Variant: "success", Title: "Storage domain " + d.Name + " was created.", Quick: true})
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
			form.Th("Name"), form.Th("Domain Type"), form.Th("Storage Type"), form.Th("Status"), form.Th("Server"), form.Th("Path"), form.Th("Free Space"),
		)),
		app.TBody().Class("pf-v6-c-table__tbody").Body(
			app.Range(p.domains).Slice(func(i int) app.UI {
				d := p.domains[i]
				server := app.UI(app.Span().Class("v6-muted").Text("—"))
				if d.Server != nil {
					server = form.AddrText(*d.Server)
				} else if len(d.LUNs) > 0 && d.LUNs[0].Address != nil {
					server = form.AddrText(*d.LUNs[0].Address)
				}
				tr := app.Tr().Class("pf-v6-c-table__tr").ID(domainRowID(d.ID)).DataSet("domain", d.Name)
				if d.ID == p.Domain {
					tr = tr.Class("pf-m-selected", "v6-linked")
				}
				return tr.Body(
					form.Td("Name", app.Text(d.Name)),
					form.Td("Domain Type", app.Text(form.DomainTypeLabel(d.Type))),
					form.Td("Storage Type", app.Text(form.StorageTypeLabel(d.StorageType))),
					form.Td("Status", app.Text(form.TitleWords(d.Status))),
					form.Td("Server", server),
					form.Td("Path", app.Code().Text(d.Path)),
					form.Td("Free Space", app.Text(form.FormatBytes(d.Available))),
				)
			}),
		),
	)
}
