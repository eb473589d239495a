//go:build !(js && wasm)

package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// doFetch sends the request with net/http (native builds: tests, the
// server's prerender).
func doFetch(ctx context.Context, r fetchRequest) (*fetchResponse, error) {
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return nil, err
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return nil, err
	}
	return &fetchResponse{Status: res.StatusCode, Header: res.Header.Get, Body: data}, nil
}
