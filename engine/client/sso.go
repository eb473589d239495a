package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"v6admin/engine/api"
)

// Token is an SSO access token. AccessToken is an [api.Secret]: it is
// redacted by fmt and never written by encoding/json; use
// AccessToken.Reveal() to store it or to pass it to [Client.WithToken].
type Token struct {
	AccessToken api.Secret
	Type        string    // "bearer"
	Scope       string    // granted scopes
	ExpiresAt   time.Time // zero if the engine sent no expiry
}

// String describes the token without revealing it.
func (t Token) String() string {
	s := "client.Token{" + t.Type + " " + t.AccessToken.String() + ", scope: " + t.Scope
	if !t.ExpiresAt.IsZero() {
		s += ", expires: " + t.ExpiresAt.Format(time.RFC3339)
	}
	return s + "}"
}

// Format implements fmt.Formatter so that no verb (%d, %x, %#v, ...) prints
// the token.
func (t Token) Format(f fmt.State, _ rune) { fmt.Fprint(f, t.String()) }

// Login obtains an access token with the SSO password grant (scope
// ovirt-app-api). A refused login is an *Error whose Code is the SSO error
// code, whose Reason says why ("Cannot authenticate user 'admin@internal':
// ..."), and which matches ErrUnauthorized for access_denied and
// invalid_grant. The password never appears in errors.
func (c *Client) Login(ctx context.Context, username, password string) (Token, error) {
	form := url.Values{
		"grant_type": {"password"},
		"scope":      {"ovirt-app-api"},
		"username":   {username},
		"password":   {password},
	}
	r, err := c.postForm(ctx, c.ssoURL, form)
	if err != nil {
		return Token{}, err
	}
	var body struct {
		api.SSOToken
		api.SSOError
	}
	decoded := json.Unmarshal(r.body, &body) == nil
	if r.status == http.StatusOK && decoded && body.AccessToken != "" {
		return Token{
			AccessToken: api.Secret(body.AccessToken),
			Type:        body.TokenType,
			Scope:       body.Scope,
			ExpiresAt:   body.SSOToken.ExpiresAt(),
		}, nil
	}

	e := &Error{Method: http.MethodPost, Path: SSOTokenPath, Status: r.status, CorrelationID: CorrelationID(ctx)}
	var msg string
	if decoded {
		e.Code, msg = body.Code(), body.Message()
	}
	if msg == "" && r.status == http.StatusOK {
		msg = "no access token in the SSO response"
	}
	if !strings.HasPrefix(msg, "Cannot authenticate user") {
		prefix := fmt.Sprintf("Cannot authenticate user '%s'", username)
		if msg == "" {
			msg = prefix
		} else {
			msg = prefix + ": " + msg
		}
	}
	if password != "" { // defence in depth: the engine does not echo it
		msg = strings.ReplaceAll(msg, password, "******")
	}
	e.Reason = msg
	return Token{}, e
}

// Logout revokes the access token (POST scope=&token=<token> to the SSO
// logout service), as the oVirt SDKs do on close.
func (c *Client) Logout(ctx context.Context, token string) error {
	r, err := c.postForm(ctx, c.logoutURL, url.Values{"scope": {""}, "token": {token}})
	if err != nil {
		return err
	}
	if r.status < 200 || r.status > 299 {
		return &Error{Method: http.MethodPost, Path: LogoutPath, Status: r.status, CorrelationID: CorrelationID(ctx)}
	}
	return nil
}

// postForm posts an url-encoded form accepting JSON.
func (c *Client) postForm(ctx context.Context, u *url.URL, form url.Values) (*response, error) {
	hdr := http.Header{
		"Accept":       {"application/json"},
		"Content-Type": {"application/x-www-form-urlencoded"},
	}
	return c.send(ctx, http.MethodPost, u, hdr, []byte(form.Encode()))
}
