package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"v6admin/engine/ovirt"
)

// Generic request helpers: every typed call is one of these.

// decode unmarshals a non-empty response body into a new T with the
// tolerant reader (decodeTolerant). An unreadable answer is an
// *IncompatibleError carrying the engine's version.
func decode[T any](ctx context.Context, s *Session, r *response, method, path string) (*T, error) {
	if len(bytes.TrimSpace(r.body)) == 0 {
		return nil, fmt.Errorf("engine: %s %s: empty response body (HTTP %d)", method, path, r.status)
	}
	v := new(T)
	if _, err := decodeTolerant(r.body, v); err != nil {
		var ie *IncompatibleError
		if errors.As(err, &ie) {
			ie.Method, ie.Path = method, path
			ie.EngineVersion = s.engineVersion(ctx)
		}
		return nil, err
	}
	return v, nil
}

// engineVersion returns the engine's product version ("4.5.6"), read once
// per Client from GET /api without the typed model (it is used to report an
// answer the typed model cannot read); "" when it cannot be read.
func (s *Session) engineVersion(ctx context.Context) string {
	s.c.versionMu.Lock()
	defer s.c.versionMu.Unlock()
	if s.c.version != "" {
		return s.c.version
	}
	p, err := s.c.path()
	if err != nil {
		return ""
	}
	r, err := s.do(ctx, http.MethodGet, p, nil, nil)
	if err != nil {
		return ""
	}
	var root struct {
		ProductInfo struct {
			Version struct {
				FullVersion string `json:"full_version"`
			} `json:"version"`
		} `json:"product_info"`
	}
	if json.Unmarshal(r.body, &root) == nil {
		s.c.version = root.ProductInfo.Version.FullVersion
	}
	return s.c.version
}

// getPath GETs an escaped API path into a T.
func getPath[T any](ctx context.Context, s *Session, path string, q url.Values) (*T, error) {
	r, err := s.do(ctx, http.MethodGet, path, q, nil)
	if err != nil {
		return nil, err
	}
	return decode[T](ctx, s, r, http.MethodGet, path)
}

// get GETs Href(segs...) into a T.
func get[T any](ctx context.Context, s *Session, q url.Values, segs ...string) (*T, error) {
	p, err := s.c.path(segs...)
	if err != nil {
		return nil, err
	}
	return getPath[T](ctx, s, p, q)
}

// list GETs the collection C at Href(segs...) and returns its items.
func list[C, T any](ctx context.Context, s *Session, q url.Values, items func(*C) []T, segs ...string) ([]T, error) {
	c, err := get[C](ctx, s, q, segs...)
	if err != nil {
		return nil, err
	}
	return items(c), nil
}

// write sends in with POST (add) or PUT (update) and returns the entity of
// the response. A 201/202 add without a body is resolved by GETting its
// Location (only when it is under the API path).
func write[T any](ctx context.Context, s *Session, method string, in *T, q url.Values, segs ...string) (*T, error) {
	p, err := s.c.path(segs...)
	if err != nil {
		return nil, err
	}
	if in == nil {
		return nil, fmt.Errorf("engine: %s %s: nil %T", method, p, in)
	}
	r, err := s.do(ctx, method, p, q, in)
	if err != nil {
		return nil, err
	}
	if method == http.MethodPost && len(bytes.TrimSpace(r.body)) == 0 {
		if lp, ok := s.c.locationPath(r.header.Get("Location")); ok {
			return getPath[T](ctx, s, lp, nil)
		}
	}
	return decode[T](ctx, s, r, method, p)
}

// locationPath returns the escaped path of a Location header when it lies
// under the API path. Only the path is used: the host in Location may be a
// name or address the client cannot reach.
func (c *Client) locationPath(loc string) (string, bool) {
	if loc == "" {
		return "", false
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "", false
	}
	p := u.EscapedPath()
	return p, strings.HasPrefix(p, c.api.EscapedPath()+"/")
}

// add POSTs in to the collection at Href(segs...).
func add[T any](ctx context.Context, s *Session, in *T, q url.Values, segs ...string) (*T, error) {
	return write(ctx, s, http.MethodPost, in, q, segs...)
}

// update PUTs in to Href(segs...).
func update[T any](ctx context.Context, s *Session, in *T, segs ...string) (*T, error) {
	return write(ctx, s, http.MethodPut, in, nil, segs...)
}

// remove DELETEs Href(segs...); a failed action in the body is an error.
func remove(ctx context.Context, s *Session, q url.Values, segs ...string) error {
	_, err := post(ctx, s, http.MethodDelete, nil, q, segs...)
	return err
}

// action POSTs the action in (nil means {}) to Href(segs...).
func action(ctx context.Context, s *Session, in *ovirt.Action, segs ...string) (*ovirt.Action, error) {
	if in == nil {
		in = &ovirt.Action{}
	}
	return post(ctx, s, http.MethodPost, in, nil, segs...)
}

// post sends a request whose response is an action (actions, DELETE) and
// turns a failed action into an *Error, whatever the HTTP status. An empty
// body is a complete action.
func post(ctx context.Context, s *Session, method string, in *ovirt.Action, q url.Values, segs ...string) (*ovirt.Action, error) {
	p, err := s.c.path(segs...)
	if err != nil {
		return nil, err
	}
	var body any
	if in != nil {
		body = in
	}
	r, err := s.do(ctx, method, p, q, body)
	if err != nil {
		return nil, err
	}
	a := &ovirt.Action{}
	if len(bytes.TrimSpace(r.body)) > 0 {
		if a, err = decode[ovirt.Action](ctx, s, r, method, p); err != nil {
			return nil, err
		}
	}
	if a.Err() != nil {
		return nil, actionError(method, p, CorrelationID(ctx), r.status, a)
	}
	return a, nil
}

// ListOptions are the query parameters of collection GETs.
type ListOptions struct {
	Search        string // engine search query, e.g. "name=host* sortby name asc"
	Max           int    // maximum number of results; 0 = engine default
	CaseSensitive *bool  // nil = engine default (false)
	AllContent    bool   // all_content=true
	Follow        string // follow=nics,networkattachments
}

func (o ListOptions) values() url.Values {
	q := url.Values{}
	if o.Search != "" {
		q.Set("search", o.Search)
	}
	if o.Max > 0 {
		q.Set("max", strconv.Itoa(o.Max))
	}
	if o.CaseSensitive != nil {
		q.Set("case_sensitive", strconv.FormatBool(*o.CaseSensitive))
	}
	if o.AllContent {
		q.Set("all_content", "true")
	}
	if o.Follow != "" {
		q.Set("follow", o.Follow)
	}
	return q
}

// EventsOptions are the query parameters of GET /events.
type EventsOptions struct {
	From   int64  // only events with index > From; 0 = all
	Max    int    // maximum number of events; 0 = engine default
	Search string // e.g. "severity>normal sortby time desc"
}

func (o EventsOptions) values() url.Values {
	q := ListOptions{Search: o.Search, Max: o.Max}.values()
	if o.From > 0 {
		q.Set("from", strconv.FormatInt(o.From, 10))
	}
	return q
}

// AddHostOptions are the query parameters of POST /hosts; nil means the
// engine default (true).
type AddHostOptions struct {
	Activate *bool
	Reboot   *bool
}

// RemoveStorageDomainOptions are the query parameters of DELETE
// /storagedomains/{id}.
type RemoveStorageDomainOptions struct {
	Host    string // name or id of the host that does the removal
	Format  bool   // format the storage
	Destroy bool   // only remove from the database
}

func setBool(q url.Values, key string, v *bool) {
	if v != nil {
		q.Set(key, strconv.FormatBool(*v))
	}
}
