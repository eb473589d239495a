// Package client is a JSON client for the oVirt Engine REST API v4 (the real
// engine and v6admin's embedded one), using the wire types of package
// v6admin/engine/api and the standard library only.
//
// A [Client] holds the engine URL, the HTTP client and the timeouts but no
// credentials, so one Client serves every user of the BFF. [Client.Login]
// gets an SSO token; [Client.WithToken] binds a token to a cheap [Session]
// carrying the typed calls, so each browser session uses its own token.
//
//	c, err := client.New("https://[2001:db8::10]/ovirt-engine/api",
//		client.WithCAFile("/etc/pki/ovirt-engine/ca.pem"))
//	if err != nil { ... }
//	tok, err := c.Login(ctx, "admin@internal", password)
//	if err != nil { ... } // *client.Error: "... Cannot authenticate user ..."
//	defer c.Logout(ctx, tok.AccessToken.Reveal())
//
//	s := c.WithToken(tok.AccessToken.Reveal())
//	hosts, err := s.ListHosts(ctx, client.ListOptions{Search: "status=up"})
//	_, err = s.AddHost(ctx, &api.Host{Name: "h1", Address: "2001:db8::11",
//		RootPassword: "secret", Cluster: api.ClusterRef(clusterID)}, client.AddHostOptions{})
//	if errors.Is(err, client.ErrConflict) {
//		var e *client.Error
//		errors.As(err, &e)
//		fmt.Println(e.Messages()) // [Cannot add Host. Host with the same address already exists.]
//	}
//
// # URLs
//
// The SSO and logout URLs are the API URL with the path replaced, as in the
// oVirt Go SDK, so engines addressed by an IPv6 literal ("[2001:db8::10]",
// with or without a port) work for every request; [APIURL] builds an API URL
// from a host and port. Paths are built with [api.Href] from escaped ids.
//
// # Requests
//
// Every API request sends "Authorization: Bearer <token>", "Version: 4",
// "Accept: application/json", a User-Agent ("v6admin/<Version>"), the
// optional Correlation-Id of the context ([WithCorrelationID]) and, with a
// body, "Content-Type: application/json". Request bodies are always encoded
// with [api.MarshalWithSecrets], so passwords set in them (host
// root_password and ssh user password, fence agent, provider, iSCSI CHAP and
// LUN passwords) are sent; responses never carry passwords. Each request is
// bounded by its context and by the client timeout ([DefaultTimeout],
// [WithTimeout]), which a context made with [WithRequestTimeout] overrides
// for the calls that may take longer (setupnetworks waits up to its
// connectivity_timeout); response bodies are limited to [MaxResponseBody].
//
// # TLS
//
// https engines are verified against the system roots or the CAs given with
// [WithCAFile] or [WithCACerts]. Verification is only disabled by the
// explicit [InsecureSkipVerify] option.
//
// # Errors
//
// Engine error responses are returned as [*Error] with the HTTP status,
// reason and detail, whether the body is a fault, a failed action (also with
// HTTP 200, e.g. a fence status query), empty (404) or not JSON (401).
// errors.Is matches [ErrNotFound], [ErrUnauthorized], [ErrConflict], ... and
// [ErrActionFailed]; [Error.Messages] splits the engine's "[msg, msg]" detail.
// Transport errors are wrapped with the method and path. Neither errors nor
// String output ever contain the access token or a password.
package client
