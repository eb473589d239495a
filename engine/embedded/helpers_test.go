package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"v6admin/engine/ovirt"
)

const testPassword = "s3cret-test"

// tenv is a running engine behind httptest with an admin token.
type tenv struct {
	t     testing.TB
	e     *Engine
	srv   *httptest.Server
	dir   string
	token string
	// xml makes do ask for XML answers and send XML bodies (a JSON body is
	// converted through its Go type, see xmlBody); must reads either.
	xml bool
}

type opt func(*Config)

func newEnv(t testing.TB, opts ...opt) *tenv {
	t.Helper()
	dir := t.TempDir()
	return openEnv(t, dir, opts...)
}

func openEnv(t testing.TB, dir string, opts ...opt) *tenv {
	t.Helper()
	cfg := Config{DataDir: dir, AdminPassword: testPassword, InstallDelay: 10 * time.Millisecond}
	for _, o := range opts {
		o(&cfg)
	}
	e, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e.Handler())
	env := &tenv{t: t, e: e, srv: srv, dir: dir}
	t.Cleanup(env.close)
	env.token = env.login()
	return env
}

func (v *tenv) close() {
	if v.srv != nil {
		v.srv.Close()
		v.srv = nil
	}
	if v.e != nil {
		if err := v.e.Close(); err != nil {
			v.t.Error(err)
		}
		v.e = nil
	}
}

func (v *tenv) login() string {
	v.t.Helper()
	resp, body := v.form("/ovirt-engine/sso/oauth/token", url.Values{
		"grant_type": {"password"}, "scope": {"ovirt-app-api"}, "username": {"admin@internal"}, "password": {testPassword},
	}, "application/json")
	if resp.StatusCode != 200 {
		v.t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	var tok ovirt.SSOToken
	if err := json.Unmarshal(body, &tok); err != nil {
		v.t.Fatal(err)
	}
	return tok.AccessToken
}

func (v *tenv) form(path string, form url.Values, accept string) (*http.Response, []byte) {
	v.t.Helper()
	req, _ := http.NewRequest("POST", v.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return v.send(req)
}

func (v *tenv) send(req *http.Request) (*http.Response, []byte) {
	v.t.Helper()
	resp, err := v.srv.Client().Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		v.t.Fatal(err)
	}
	return resp, b
}

// do sends an authenticated API request; body may be nil, a string (raw
// JSON) or a value to encode. path is relative to /ovirt-engine/api.
func (v *tenv) do(method, path string, body any) (*http.Response, []byte) {
	v.t.Helper()
	return v.doCtx(context.Background(), method, path, body, nil)
}

// doCtx is do with a context and extra request headers.
func (v *tenv) doCtx(ctx context.Context, method, path string, body any, hdr http.Header) (*http.Response, []byte) {
	v.t.Helper()
	var rd io.Reader
	if v.xml && body != nil {
		body = xmlBody(v.t, method, path, body)
	}
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		enc, err := ovirt.MarshalWithSecrets(b)
		if err != nil {
			v.t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequestWithContext(ctx, method, v.srv.URL+ovirt.Prefix+path, rd)
	if err != nil {
		v.t.Fatal(err)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if v.xml {
		req.Header.Set("Accept", "application/xml")
		if rd != nil {
			req.Header.Set("Content-Type", "application/xml")
		}
	}
	req.Header.Set("Version", "4")
	req.Header.Set("Authorization", "Bearer "+v.token)
	return v.send(req)
}

// must sends a request and fails unless the status is want; it decodes
// the body into out when out is not nil.
func (v *tenv) must(want int, method, path string, body, out any) []byte {
	v.t.Helper()
	resp, b := v.do(method, path, body)
	if resp.StatusCode != want {
		v.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := decodeAnswer(resp, b, out); err != nil {
			v.t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
	return b
}

// fault expects a fault body with the given status, reason and detail.
func (v *tenv) fault(status int, reason, detail, method, path string, body any) {
	v.t.Helper()
	var f ovirt.Fault
	v.must(status, method, path, body, &f)
	if f.Reason != reason || f.Detail != detail {
		v.t.Fatalf("%s %s: fault %q / %q, want %q / %q", method, path, f.Reason, f.Detail, reason, detail)
	}
}

func (v *tenv) hostByName(name string) ovirt.Host {
	v.t.Helper()
	var hs ovirt.Hosts
	v.must(200, "GET", "/hosts?search="+url.QueryEscape("name="+name), nil, &hs)
	if len(hs.Host) != 1 {
		v.t.Fatalf("host %s: found %d", name, len(hs.Host))
	}
	return hs.Host[0]
}

func (v *tenv) nics(hostID string) map[string]ovirt.HostNic {
	v.t.Helper()
	var ns ovirt.HostNics
	v.must(200, "GET", "/hosts/"+hostID+"/nics", nil, &ns)
	out := map[string]ovirt.HostNic{}
	for _, n := range ns.HostNic {
		out[n.Name] = n
	}
	return out
}

func (v *tenv) attachments(hostID string) map[string]ovirt.NetworkAttachment {
	v.t.Helper()
	nets := v.networkNames()
	var as ovirt.NetworkAttachments
	v.must(200, "GET", "/hosts/"+hostID+"/networkattachments", nil, &as)
	out := map[string]ovirt.NetworkAttachment{}
	for _, a := range as.NetworkAttachment {
		out[nets[a.Network.ID]] = a
	}
	return out
}

func (v *tenv) networkNames() map[string]string {
	v.t.Helper()
	var ns ovirt.Networks
	v.must(200, "GET", "/networks", nil, &ns)
	out := map[string]string{}
	for _, n := range ns.Network {
		out[n.ID] = n.Name
	}
	return out
}

// eventually polls cond until it is true or the deadline passes.
func eventually(t testing.TB, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met before the deadline")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
