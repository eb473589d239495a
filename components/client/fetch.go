package client

// fetchRequest is one HTTP request of the API client. The browser build
// sends it with window.fetch (fetch_js.go): Go's net/http client would add
// its whole transport (TLS, HTTP/2) to the wasm, some 7 MB, for nothing
// the browser does not already do. Natively (tests) net/http sends it
// (fetch_other.go).
type fetchRequest struct {
	Method string
	URL    string
	Header map[string]string
	Body   []byte // nil: no body
}

// fetchResponse is the answer.
type fetchResponse struct {
	Status int
	Header func(name string) string
	Body   []byte
}

// maxBody bounds what a response may hold.
const maxBody = 16 << 20
