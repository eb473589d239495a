//go:build js && wasm

package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/components"
)

func main() {
	components.Routes()
	app.RunWhenOnBrowser()
}
