package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// AddressCheckPage is the start page until the Hosts list arrives: one live
// "Hostname/IP" field that shows the verdict of the shared validation code as
// you type, proving the wasm pipeline end to end.
type AddressCheckPage struct {
	app.Compo
}

// Render draws the page.
func (p *AddressCheckPage) Render() app.UI {
	return app.Main().Class("page").Body(
		app.H1().Text("v6admin"),
		app.P().Class("lead").Text("Type a host address: a host name, an IPv4 address, or an IPv6 address bare or in brackets."),
		&HostAddressField{},
	)
}
