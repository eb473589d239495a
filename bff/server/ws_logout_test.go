package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// TestLoggedOutCookieOnWebSocket is issue 13's finding 3 as the attack
// went, on the embedded engine: log in, open /ws, log out, then reuse the
// old cookie on /ws (reconnecting, with from=0 to ask for the backlog).
// The open socket is closed with 4001 at the logout, and every reuse gets
// 4001 with no hello and no event — while another session of the same
// user keeps that user's event follower running.
func TestLoggedOutCookieOnWebSocket(t *testing.T) {
	env, _ := newEmbeddedEnv(t)
	wsURL := "ws" + strings.TrimPrefix(env.URL, "http") + "/ws"
	cookies := func() http.Header {
		hdr := http.Header{"Origin": {env.URL}}
		for _, c := range env.client.Jar.Cookies(mustURL(t, env.URL)) {
			hdr.Add("Cookie", c.Name+"="+c.Value)
		}
		return hdr
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	type msg struct {
		Type string `json:"type"`
		Code string `json:"code"`
	}
	readMsg := func(c *websocket.Conn) (msg, error) {
		_, b, err := c.Read(ctx)
		var m msg
		if err == nil {
			json.Unmarshal(b, &m)
		}
		return m, err
	}
	dial := func(hdr http.Header, from string) *websocket.Conn {
		t.Helper()
		c, resp, err := websocket.Dial(ctx, wsURL+from, &websocket.DialOptions{HTTPHeader: hdr})
		if err != nil {
			t.Fatalf("dial: %v (%v)", err, resp)
		}
		t.Cleanup(func() { c.CloseNow() })
		return c
	}
	// expectRefused: nothing but the session_expired error, then 4001.
	expectRefused := func(c *websocket.Conn, what string) {
		t.Helper()
		for {
			m, err := readMsg(c)
			if err != nil {
				if s := websocket.CloseStatus(err); s != 4001 {
					t.Fatalf("%s: closed with %v, want 4001", what, err)
				}
				return
			}
			if m.Type != "error" || m.Code != "session_expired" {
				t.Fatalf("%s: got a %q message, want nothing but session_expired", what, m.Type)
			}
		}
	}

	// A second session of the same user keeps the follower busy.
	env.login(t)
	live := dial(cookies(), "")
	if m, err := readMsg(live); err != nil || m.Type != "hello" {
		t.Fatalf("live session: %+v %v", m, err)
	}
	env.client.Jar, _ = cookiejar.New(nil)
	env.login(t)
	old := cookies()
	open := dial(old, "?from=0")
	if m, err := readMsg(open); err != nil || m.Type != "hello" {
		t.Fatalf("before logout: %+v %v", m, err)
	}

	resp := env.do(t, "DELETE", "/api/session", "", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	// The socket open at logout: closed with 4001 (after the backlog it was
	// already sending).
	for {
		m, err := readMsg(open)
		if err != nil {
			if s := websocket.CloseStatus(err); s != 4001 {
				t.Fatalf("open socket at logout: %v, want 4001", err)
			}
			break
		}
		if m.Type == "error" && m.Code != "session_expired" {
			t.Fatalf("open socket: %+v", m)
		}
	}
	for range 3 {
		expectRefused(dial(old, "?from=0"), "the logged-out cookie")
		expectRefused(dial(old, ""), "the logged-out cookie without from")
		time.Sleep(100 * time.Millisecond)
	}
	// The other session is unaffected.
	hosts := env.do(t, "GET", "/api/hosts", "", nil) // logged out: 401
	hosts.Body.Close()
	if hosts.StatusCode != http.StatusUnauthorized {
		t.Fatalf("API after logout: %d", hosts.StatusCode)
	}
	if n := env.Server.Hub().Clients(); n != 1 {
		t.Fatalf("%d sockets open, want the other session's one", n)
	}
}
