//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "web is the browser UI: build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
