package form

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// EmptyInputNow empties the value of the input (or textarea) of an id, if
// there is one, at once.
//
// Why it exists: go-app v10.1.11 drops an empty "value" attribute when it
// renders (attributes.Set switches on the value instead of the name) and so
// calls removeAttribute("value") instead of setting the value property. An
// input whose state goes back to "" after the user typed in it keeps the
// typed text on screen: the password after a refused login, a search box
// after "Clear filter". Upstream fixed this in go-app PR #1115, after the
// newest release the module proxy serves (v10.1.11); drop this helper when
// go.mod moves past it. Non-empty values are set as properties and need no
// help.
func EmptyInputNow(id string) {
	if !app.IsClient || id == "" {
		return
	}
	if el := app.Window().Get("document").Call("getElementById", id); el.Truthy() && el.Get("value").String() != "" {
		el.Set("value", "")
	}
}
