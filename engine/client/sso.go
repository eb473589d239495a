package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"v6admin/engine/ovirt"
)

// Token is an SSO access token. AccessToken is an [api.Secret]: it is
// redacted by fmt and never written by encoding/json; use
// AccessToken.Reveal() to store it or to pass it to [Client.WithToken].
type Token struct {
	AccessToken ovirt.Secret
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
//
// One request serves both kinds of engine SSO ([SSOKind]): oVirt 4.5
// with Keycloak answers the same grant at the same SSOTokenPath, where
// OAuthTokenServlet hands it to ExternalOIDCService, which posts it to
// Keycloak with the engine's own client_id and secret (scope plus
// "openid") and answers with Keycloak's access token (a JWT) in the same
// JSON. Only the user name differs: "admin@ovirt@internalsso" (the engine
// splits the profile off at the last "@" and sends "admin@ovirt" to
// Keycloak), and so do refusals: "Cannot authenticate user Invalid user
// credentials." (Keycloak's error_description, without the user name)
// instead of "Cannot authenticate user 'admin@internal': The username or
// password is incorrect..".
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
		ovirt.SSOToken
		ovirt.SSOError
	}
	decoded := json.Unmarshal(r.body, &body) == nil
	if r.status == http.StatusOK && decoded && body.AccessToken != "" {
		return Token{
			AccessToken: ovirt.Secret(body.AccessToken),
			Type:        body.TokenType,
			Scope:       body.Scope,
			ExpiresAt:   body.ExpiresAt(),
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

// SSOKind is how an engine's SSO checks passwords.
type SSOKind string

// The kinds of engine SSO.
const (
	// SSOUnknown: the probe could not tell.
	SSOUnknown SSOKind = ""
	// SSOInternal is oVirt's own AAA (profiles such as internal, or LDAP
	// ones): the built-in administrator is admin@internal.
	SSOInternal SSOKind = "internal"
	// SSOExternal is an external OpenID Connect provider
	// (ENGINE_SSO_ENABLE_EXTERNAL_SSO): the Keycloak of oVirt 4.5.1 and
	// later, whose built-in administrator is admin@ovirt@internalsso.
	SSOExternal SSOKind = "external"
)

// SSOProbeUser is the user name [Client.ProbeSSO] sends: a profile no
// engine has, so that the password is never checked (and no account is
// tried), and a name that says what it is in the engine's log.
const SSOProbeUser = "v6admin-sso-probe@v6admin-no-such-profile"

// ProbeSSO tells which kind of SSO the engine runs, with one password
// grant for [SSOProbeUser]. Both kinds refuse it before any password is
// checked, because its profile does not exist (SsoService.
// areCredentialsValid), and they say so differently: oVirt's AAA wraps the
// refusal with the user name (OAuthTokenServlet.issueTokenForPasswd:
// "Cannot authenticate user 'v6admin-sso-probe@v6admin-no-such-profile':
// No valid profile found in credentials.."), the external path does not
// (ExternalOIDCService.issueTokenUsingExternalOIDC: "Cannot authenticate
// user No valid profile found in credentials.."). Whether the user name is
// in the message does not depend on the engine's language. Any other
// answer is SSOUnknown with an error; so is a transport failure.
func (c *Client) ProbeSSO(ctx context.Context) (SSOKind, error) {
	form := url.Values{
		"grant_type": {"password"},
		"scope":      {"ovirt-app-api"},
		"username":   {SSOProbeUser},
		"password":   {"v6admin-sso-probe"},
	}
	r, err := c.postForm(ctx, c.ssoURL, form)
	if err != nil {
		return SSOUnknown, err
	}
	var body ovirt.SSOError
	if r.status != http.StatusBadRequest || json.Unmarshal(r.body, &body) != nil || body.Code() != ovirt.SSOErrorAccessDenied {
		return SSOUnknown, fmt.Errorf("probing the engine's SSO: unexpected answer (HTTP %d)", r.status)
	}
	if strings.Contains(body.Message(), SSOProbeUser) {
		return SSOInternal, nil
	}
	return SSOExternal, nil
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
