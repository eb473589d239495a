package events

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"v6admin/bff/apierr"
	"v6admin/wire"
)

// countingSource counts the engine calls of a memSource.
type countingSource struct {
	*memSource
	latest atomic.Int64
}

func (c *countingSource) Latest(ctx context.Context, tok string) (int64, error) {
	c.latest.Add(1)
	return c.memSource.Latest(ctx, tok)
}

func (m *memSource) refuse(tok string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.bad[tok] = true
}

// expectExpired reads c to its end: the only message allowed is the
// session_expired error, then the close code must be 4001.
func expectExpired(t *testing.T, c *websocket.Conn) { t.Helper(); expectExpiredAfter(t, c, "") }

// expectExpiredAfter is expectExpired allowing messages of type allowed
// first.
func expectExpiredAfter(t *testing.T, c *websocket.Conn, allowed string) {
	t.Helper()
	for {
		m, err := read(t, c)
		if err != nil {
			if s := websocket.CloseStatus(err); s != StatusSessionExpired {
				t.Fatalf("closed with %v (status %d), want 4001", err, s)
			}
			return
		}
		if m.Type == allowed {
			continue
		}
		if m.Type != wire.MsgError || m.Code != apierr.CodeSessionExpired {
			t.Fatalf("got %+v: a refused token must get nothing but session_expired", m)
		}
	}
}

// TestLoggedOutCookieGetsNothing is finding 3: after a logout, the
// session's open tabs are closed with 4001 at once, and the old cookie
// opens /ws only to get 4001 — no hello, no backlog, no live events — even
// while another session of the same user keeps the follower running.
func TestLoggedOutCookieGetsNothing(t *testing.T) {
	src := newMemSource()
	src.add(5, "before")
	h, url := testHub(t, Options{Source: src, Grace: time.Hour})
	other := mustDial(t, url+"?from=5", "admin@internal", "other") // another, live session
	waitFor(t, func() bool { return h.Clients() == 1 })
	old := mustDial(t, url+"?from=0", "admin@internal", "old")
	if got := readEvents(t, old, 5); !equal(got, seq(1, 5)) {
		t.Fatalf("before logout: %v", got)
	}

	// DELETE /api/session: the BFF revokes (the engine may not have been
	// told yet: the hub refuses the token on its own word).
	h.Revoke("admin@internal", "old")
	start := time.Now()
	if m, err := read(t, old); err != nil || m.Type != wire.MsgError || m.Code != apierr.CodeSessionExpired || m.Message != "This session was logged out. Log in again." {
		t.Fatalf("open tab at logout: %+v %v", m, err)
	}
	expectExpired(t, old)
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("open tab closed after %v, want at once", d)
	}
	for i := range 3 { // reconnecting every second, as the attack did
		c := mustDial(t, url+"?from=0", "admin@internal", "old")
		expectExpired(t, c)
		src.add(1, fmt.Sprint("live ", i))
	}
	// The engine refuses it too (its logout went through): same answer.
	src.refuse("old")
	expectExpired(t, mustDial(t, url, "admin@internal", "old"))
	// The other session is untouched.
	if got := readEvents(t, other, 3); !equal(got, seq(6, 8)) {
		t.Fatalf("the other session got %v", got)
	}
}

// TestRefusedTokenGetsNothing: a token the engine refuses (revoked,
// expired, engine restarted) gets 4001 before any data, also when the
// user's follower runs with another session's token and has a backlog.
func TestRefusedTokenGetsNothing(t *testing.T) {
	src := newMemSource()
	src.add(3, "x")
	h, url := testHub(t, Options{Source: src, Grace: time.Hour})
	good := mustDial(t, url+"?from=0", "admin@internal", "good")
	if got := readEvents(t, good, 3); !equal(got, seq(1, 3)) {
		t.Fatal(got)
	}
	src.refuse("revoked")
	for _, from := range []string{"", "?from=0", "?from=2", "?from=9000000000000000000"} {
		expectExpired(t, mustDial(t, url+from, "admin@internal", "revoked"))
	}
	if h.Clients() != 1 {
		t.Fatalf("%d tabs, want 1", h.Clients())
	}
}

// TestTokenRevokedElsewhere: a tab whose token the engine stops accepting
// (another replica's logout) is closed within a heartbeat, though the
// follower polls with another tab's token.
func TestTokenRevokedElsewhere(t *testing.T) {
	src := newMemSource()
	h, url := testHub(t, Options{Source: src, Heartbeat: 50 * time.Millisecond, TokenCheckTTL: 20 * time.Millisecond})
	b := mustDial(t, url, "admin@internal", "b")
	waitFor(t, func() bool { return h.Clients() == 1 })
	a := mustDial(t, url, "admin@internal", "a") // the newest tab: the follower polls with a
	waitFor(t, func() bool { return h.Clients() == 2 })
	if m, _ := read(t, b); m.Type != wire.MsgHello {
		t.Fatalf("b: %+v", m)
	}
	src.refuse("b")
	expectExpiredAfter(t, b, wire.MsgHeartbeat)
	src.add(1, "after")
	if got := readEvents(t, a, 1); !equal(got, []int64{1}) {
		t.Fatalf("a got %v", got)
	}
}

// TestHostileFromDoesNotBlindOtherTabs is finding 4: a tab asking for
// from=9000000000000000000 is capped at the engine's newest event, and the
// user's other tabs still get every live event.
func TestHostileFromDoesNotBlindOtherTabs(t *testing.T) {
	src := newMemSource()
	src.add(7, "old")
	h, url := testHub(t, Options{Source: src, Grace: time.Hour})
	hostile := mustDial(t, url+"?from=9000000000000000000", "admin@internal", "tok1") // starts the follower
	m, _ := read(t, hostile)
	if m.Type != wire.MsgHello || *m.From != 7 || *m.Last != 7 {
		t.Fatalf("hostile hello %+v, want from and last capped at 7", m)
	}
	tab := mustDial(t, url, "admin@internal", "tok2")
	if m, _ := read(t, tab); m.Type != wire.MsgHello || *m.From != 7 {
		t.Fatalf("hello %+v", m)
	}
	src.add(3, "live")
	if got := readEvents(t, tab, 3); !equal(got, seq(8, 10)) {
		t.Fatalf("the other tab got %v", got)
	}
	if got := readEvents(t, hostile, 3); !equal(got, seq(8, 10)) {
		t.Fatalf("the capped tab got %v", got)
	}
	// A hostile from on a running follower changes nothing either.
	again := mustDial(t, url+"?from=9000000000000000000", "admin@internal", "tok1")
	if m, _ := read(t, again); m.Type != wire.MsgHello || *m.From != 10 {
		t.Fatalf("hello %+v", m)
	}
	src.add(1, "more")
	if got := readEvents(t, tab, 1); !equal(got, []int64{11}) {
		t.Fatalf("the other tab got %v", got)
	}
	if got := h.lastOf("admin@internal"); got != 11 {
		t.Fatalf("follower at %d, want 11", got)
	}
	// A from just above what the hub knew (the page read it from
	// /api/events a moment ago) is not cut back: the engine is asked.
	src.add(2, "newer") // 12, 13
	fresh := mustDial(t, url+"?from=13", "admin@internal", "tok2")
	if m, _ := read(t, fresh); m.Type != wire.MsgHello || *m.From != 13 {
		t.Fatalf("hello %+v, want from 13", m)
	}
}

// TestTokenChecksCachedAndBounded: a token's check is an engine call at
// most once per TokenCheckTTL, and the memory of checks is bounded.
func TestTokenChecksCachedAndBounded(t *testing.T) {
	src := &countingSource{memSource: newMemSource()}
	src.add(2, "x")
	h := NewHub(Options{Source: src, TokenCheckTTL: time.Hour, MaxTokens: 8})
	defer h.Close()
	ctx := context.Background()
	for range 10 {
		if n, err := h.checkToken(ctx, "t", false); err != nil || n != 2 {
			t.Fatalf("check: %d %v", n, err)
		}
	}
	if got := src.latest.Load(); got != 1 {
		t.Fatalf("%d engine calls for 10 checks of one token, want 1", got)
	}
	if _, err := h.checkToken(ctx, "t", true); err != nil || src.latest.Load() != 2 {
		t.Fatalf("fresh check: %v, %d calls", err, src.latest.Load())
	}
	src.refuse("r")
	for range 5 {
		if _, err := h.checkToken(ctx, "r", true); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("refused token: %v", err)
		}
	}
	if got := src.latest.Load(); got != 3 {
		t.Fatalf("%d engine calls, want 3: a refusal is remembered", got)
	}
	for i := range 1000 {
		h.checkToken(ctx, fmt.Sprint("tok", i), false)
	}
	h.tokMu.Lock()
	n := len(h.tokens)
	h.tokMu.Unlock()
	if n > 8 {
		t.Fatalf("%d remembered tokens, want at most 8", n)
	}
}

// TestRefusalStands: an acceptance that arrives after a logout (a poll
// that started before it) does not make the token good again.
func TestRefusalStands(t *testing.T) {
	src := newMemSource()
	h := NewHub(Options{Source: src})
	defer h.Close()
	h.Revoke("admin@internal", "tok")
	h.noteToken("tok", true, 3)
	if _, err := h.checkToken(context.Background(), "tok", false); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("after a logout and a late acceptance: %v, want refused", err)
	}
}
