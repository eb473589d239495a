package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"v6admin/engine/ovirt"
)

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
}

// send performs one request with the client's timeout (or the context's
// [WithRequestTimeout] override), User-Agent and the context's correlation
// id, and reads the whole (bounded) response body.
// Transport errors are wrapped with the method and path only: never the
// query, headers or body.
func (c *Client) send(ctx context.Context, method string, u *url.URL, hdr http.Header, body []byte) (*response, error) {
	path := u.EscapedPath()
	timeout := c.timeout
	if d, ok := RequestTimeout(ctx); ok {
		timeout = d
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, fmt.Errorf("engine: %s %s: %w", method, path, err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if id := CorrelationID(ctx); id != "" {
		req.Header.Set("Correlation-Id", id)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // drop the repeated URL
		}
		return nil, fmt.Errorf("engine: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody+1))
	if err != nil {
		return nil, fmt.Errorf("engine: %s %s: reading response: %w", method, path, err)
	}
	if len(data) > MaxResponseBody {
		return nil, fmt.Errorf("engine: %s %s: response body exceeds %d bytes", method, path, MaxResponseBody)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// path returns the escaped API path of segs under the client's API path;
// every segment must be non-empty and not "." or "..".
func (c *Client) path(segs ...string) (string, error) {
	for _, s := range segs {
		if s == "" || s == "." || s == ".." {
			return "", fmt.Errorf("engine: invalid id %q in %s", s, strings.Join(segs, "/"))
		}
	}
	return c.api.EscapedPath() + strings.TrimPrefix(ovirt.Href(segs...), ovirt.Prefix), nil
}

// url returns the absolute URL of an escaped path on the engine.
func (c *Client) url(path string, q url.Values) *url.URL {
	u := *c.api
	u.RawPath = path
	u.Path, _ = url.PathUnescape(path) // path is always validly escaped
	u.RawQuery = q.Encode()
	return &u
}

// do sends an API request with the session's token. A body (any non-nil in)
// is encoded with api.MarshalWithSecrets, so passwords in it are sent. Non-2xx
// responses are returned as *Error.
func (s *Session) do(ctx context.Context, method, path string, q url.Values, in any) (*response, error) {
	if s.token == "" {
		return nil, fmt.Errorf("engine: %s %s: no access token: %w", method, path, ErrUnauthorized)
	}
	hdr := http.Header{
		"Authorization": {"Bearer " + s.token},
		"Version":       {"4"},
		"Accept":        {"application/json"},
	}
	var body []byte
	if in != nil {
		var err error
		if body, err = ovirt.MarshalWithSecrets(in); err != nil {
			return nil, fmt.Errorf("engine: %s %s: encoding request: %w", method, path, err)
		}
		hdr.Set("Content-Type", "application/json")
	}
	r, err := s.c.send(ctx, method, s.c.url(path, q), hdr, body)
	if err != nil {
		return nil, err
	}
	if r.status < 200 || r.status > 299 {
		return nil, parseError(method, path, CorrelationID(ctx), r.status, r.body)
	}
	return r, nil
}
