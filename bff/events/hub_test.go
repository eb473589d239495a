package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"v6admin/bff/apierr"
	"v6admin/bff/metrics"
	"v6admin/bff/session"
	"v6admin/engine/ovirt"
	"v6admin/wire"
)

// memSource is an in-memory Source; tokens in bad are refused.
type memSource struct {
	mu     sync.Mutex
	events []wire.Event
	bad    map[string]bool
	fail   error
}

func newMemSource() *memSource { return &memSource{bad: map[string]bool{}} }

func (m *memSource) add(n int, desc string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for range n {
		id := int64(len(m.events) + 1)
		m.events = append(m.events, wire.Event{ID: id, Code: 42, Severity: "normal", Time: time.Unix(id, 0).UTC(), Description: desc})
	}
}

func (m *memSource) Since(_ context.Context, tok string, from int64) ([]wire.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bad[tok] {
		return nil, fmt.Errorf("engine: GET /events: 401: %w", ErrUnauthorized)
	}
	if m.fail != nil {
		return nil, m.fail
	}
	var out []wire.Event
	for i := len(m.events) - 1; i >= 0; i-- { // newest first, as the engine
		if m.events[i].ID > from {
			out = append(out, m.events[i])
		}
	}
	return out, nil
}

func (m *memSource) Latest(_ context.Context, tok string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bad[tok] {
		return 0, ErrUnauthorized
	}
	return int64(len(m.events)), nil
}

// testHub serves a hub on [::1]; the test session comes from the X-User and
// X-Token headers.
func testHub(t testing.TB, o Options) (*Hub, string) {
	t.Helper()
	return testHubListener(t, o, nil)
}

// testHubListener is testHub with a listener wrapper.
func testHubListener(t testing.TB, o Options, wrap func(net.Listener) net.Listener) (*Hub, string) {
	t.Helper()
	if o.PollInterval == 0 {
		o.PollInterval = 10 * time.Millisecond
	}
	h := NewHub(o)
	e := echo.New()
	e.HTTPErrorHandler = apierr.Handler(apierr.Options{})
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if u := c.Request().Header.Get("X-User"); u != "" {
				s := &session.Session{User: u, Token: c.Request().Header.Get("X-Token"), CSRF: "c"}
				if d, err := time.ParseDuration(c.Request().Header.Get("X-Expires-In")); err == nil {
					s.Expires = time.Now().Add(d)
				}
				session.Set(c, s)
			}
			return next(c)
		}
	})
	e.GET("/ws", h.Handler)
	srv := httptest.NewUnstartedServer(e)
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = ln
	if wrap != nil {
		srv.Listener = wrap(ln)
	}
	srv.Start()
	t.Cleanup(func() { h.Close(); srv.Close() })
	return h, "ws://" + ln.Addr().String() + "/ws"
}

func dial(t testing.TB, url, user, token string, hdr http.Header) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	if hdr == nil {
		hdr = http.Header{}
	}
	if user != "" {
		hdr.Set("X-User", user)
		hdr.Set("X-Token", token)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: hdr})
	if c != nil {
		c.SetReadLimit(1 << 20)
	}
	return c, resp, err
}

func mustDial(t testing.TB, url, user, token string) *websocket.Conn {
	t.Helper()
	c, _, err := dial(t, url, user, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

func read(t testing.TB, c *websocket.Conn) (wire.WSMessage, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, b, err := c.Read(ctx)
	if err != nil {
		return wire.WSMessage{}, err
	}
	var m wire.WSMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("bad message %s: %v", b, err)
	}
	return m, nil
}

// readEvents reads until n events arrived (skipping hello and heartbeats)
// and returns their ids.
func readEvents(t testing.TB, c *websocket.Conn, n int) []int64 {
	t.Helper()
	var ids []int64
	for len(ids) < n {
		m, err := read(t, c)
		if err != nil {
			t.Fatalf("after %v: %v", ids, err)
		}
		if m.Type == wire.MsgEvent {
			ids = append(ids, m.Event.ID)
		}
	}
	return ids
}

func seq(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func equal(a, b []int64) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

func TestResumeAfterReconnect(t *testing.T) {
	src := newMemSource()
	src.add(5, "before")
	h, url := testHub(t, Options{Source: src, RingSize: 4, Grace: time.Hour})

	a := mustDial(t, url+"?from=0", "admin@internal", "tok1")
	if m, _ := read(t, a); m.Type != wire.MsgHello || *m.From != 0 {
		t.Fatalf("first message %+v", m)
	}
	if got := readEvents(t, a, 5); !equal(got, seq(1, 5)) {
		t.Fatalf("first connection got %v", got)
	}
	a.Close(websocket.StatusNormalClosure, "")

	src.add(3, "while away") // 6..8, while the follower keeps polling
	waitFor(t, func() bool { return h.lastOf("admin@internal") == 8 })

	tests := []struct {
		name string
		from int64
	}{
		{"from the ring", 5},
		{"older than the ring: fetched from the engine", 2},
		{"nothing missed", -1}, // -1: the newest
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src.mu.Lock()
			cur := int64(len(src.events))
			src.mu.Unlock()
			waitFor(t, func() bool { return h.lastOf("admin@internal") == cur })
			from := tt.from
			if from < 0 {
				from = cur
			}
			b := mustDial(t, fmt.Sprintf("%s?from=%d", url, from), "admin@internal", "tok1")
			want := seq(from+1, cur)
			got := readEvents(t, b, len(want))
			src.add(1, "live")
			got = append(got, readEvents(t, b, 1)...)
			if want = append(want, cur+1); !equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
	if h.Followers() != 1 {
		t.Fatalf("%d followers for one user", h.Followers())
	}
}

// lastOf returns the follower's newest event id (tests).
func (h *Hub) lastOf(user string) int64 {
	h.mu.Lock()
	f := h.followers[user]
	h.mu.Unlock()
	if f == nil {
		return -1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last
}

func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 30 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestWithoutFromStartsAtTheNewest(t *testing.T) {
	src := newMemSource()
	src.add(10, "old")
	_, url := testHub(t, Options{Source: src})
	c := mustDial(t, url, "admin@internal", "tok1")
	m, _ := read(t, c)
	if m.Type != wire.MsgHello || *m.From != 10 || *m.Last != 10 {
		t.Fatalf("hello %+v", m)
	}
	src.add(1, "new")
	if got := readEvents(t, c, 1); !equal(got, []int64{11}) {
		t.Fatalf("got %v", got)
	}
}

// smallBuffers makes the server's side of every connection keep at most
// 16 KiB in its send buffer, so that a tab that stops reading fills its
// queue after a few hundred small events rather than after megabytes.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

func TestSlowClientDropped(t *testing.T) {
	src := newMemSource()
	reg := metrics.NewRegistry()
	// A queue of a second's events: a tab that reads keeps up even on a
	// loaded machine under -race, while the one that reads nothing
	// overflows it well before the 2,000th event — or, when a loaded
	// machine sends the events slower than that, its blocked write times
	// out first (WriteTimeout); either way it is dropped and counted.
	h, url := testHubListener(t, Options{Source: src, QueueSize: 1000, WriteTimeout: 2 * time.Second, Metrics: reg},
		func(l net.Listener) net.Listener { return smallBuffers{l} })
	// The slow tab reads nothing, with a small receive buffer too.
	slowDial := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetReadBuffer(16 << 10)
		}
		return c, err
	}}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	slow, _, err := websocket.Dial(ctx, url+"?from=0", &websocket.DialOptions{HTTPClient: slowDial,
		HTTPHeader: http.Header{"X-User": {"admin@internal"}, "X-Token": {"tok1"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.CloseNow()
	fast := mustDial(t, url+"?from=0", "admin@internal", "tok2")
	other := mustDial(t, url+"?from=0", "someone@internal", "tok3")
	waitFor(t, func() bool { return h.Clients() == 3 })

	// 2,000 events of 1 KiB at 1,000 a second: easy for a tab that reads
	// (its queue holds a second), while the one that does not overflows
	// after about a thousand.
	const n = 2000
	big := strings.Repeat("x", 1024)
	done := make(chan []int64, 2)
	for _, c := range []*websocket.Conn{fast, other} {
		go func() { done <- readEvents(t, c, n) }()
	}
	for i := 0; i < n; i += 20 {
		src.add(20, big)
		time.Sleep(20 * time.Millisecond)
	}
	for range 2 {
		select {
		case got := <-done:
			if !equal(got, seq(1, n)) {
				t.Fatalf("a fast tab got %d events, gaps or disorder", len(got))
			}
		case <-time.After(60 * time.Second):
			t.Fatal("fast tabs were held up")
		}
	}
	waitFor(t, func() bool { return testutil.ToFloat64(h.dropped) >= 1 })
	if h.Clients() != 2 {
		t.Fatalf("%d tabs left, want 2", h.Clients())
	}
	// The slow tab finds its connection closed once it reads.
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		if _, _, err := slow.Read(ctx); err != nil {
			if s := websocket.CloseStatus(err); s != StatusTooSlow && s != -1 {
				t.Fatalf("slow tab closed with %v", err)
			}
			break
		}
	}
	var b strings.Builder
	metrics.WriteText(&b, reg)
	if !strings.Contains(b.String(), "v6admin_ws_dropped_total 1") {
		t.Fatalf("metrics:\n%s", b.String())
	}
}

func TestSessionExpired(t *testing.T) {
	src := newMemSource()
	src.add(1, "x")
	h, url := testHub(t, Options{Source: src})
	good := mustDial(t, url+"?from=1", "admin@internal", "good")
	// Register the tabs one after the other, so that "stale" is surely the
	// newest tab, whose token the follower uses first.
	waitFor(t, func() bool { return h.Clients() == 1 })
	bad := mustDial(t, url+"?from=1", "admin@internal", "stale")
	waitFor(t, func() bool { return h.Clients() == 2 })
	src.mu.Lock()
	src.bad["stale"] = true
	src.mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatal("the tab with the refused token was not closed within 30 s")
		}
		m, err := read(t, bad)
		if err != nil {
			if websocket.CloseStatus(err) != StatusSessionExpired {
				t.Fatalf("closed with %v", err)
			}
			break
		}
		if m.Type == wire.MsgError && m.Code != apierr.CodeSessionExpired {
			t.Fatalf("error %+v", m)
		}
	}
	// The follower goes on with the other tab's token.
	src.add(1, "after")
	if got := readEvents(t, good, 1); !equal(got, []int64{2}) {
		t.Fatalf("got %v", got)
	}

	// A tab whose token is refused from the start.
	src.mu.Lock()
	src.bad["dead"] = true
	src.mu.Unlock()
	c := mustDial(t, url, "new@internal", "dead")
	m, _ := read(t, c)
	if m.Type != wire.MsgError || m.Code != apierr.CodeSessionExpired {
		t.Fatalf("got %+v", m)
	}
}

func TestTabEndsWithItsSession(t *testing.T) {
	src := newMemSource()
	_, url := testHub(t, Options{Source: src})
	c, _, err := dial(t, url, "admin@internal", "tok", http.Header{"X-Expires-In": {"200ms"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatal("the tab was not closed within 30 s of its session's end")
		}
		m, err := read(t, c)
		if err != nil {
			if websocket.CloseStatus(err) != StatusSessionExpired {
				t.Fatalf("closed with %v", err)
			}
			return
		}
		if m.Type == wire.MsgError && m.Code != apierr.CodeSessionExpired {
			t.Fatalf("%+v", m)
		}
	}
}

func TestHandshakeRefusals(t *testing.T) {
	src := newMemSource()
	_, url := testHub(t, Options{Source: src})
	tests := []struct {
		name   string
		user   string
		query  string
		origin string
		status int
	}{
		{"no session", "", "", "", 401},
		{"foreign origin", "admin@internal", "", "http://evil.example", 403},
		{"bad from", "admin@internal", "?from=-3", "", 400},
		{"bad from text", "admin@internal", "?from=abc", "", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := http.Header{}
			if tt.origin != "" {
				hdr.Set("Origin", tt.origin)
			}
			_, resp, err := dial(t, url+tt.query, tt.user, "tok", hdr)
			if err == nil || resp == nil || resp.StatusCode != tt.status {
				code := 0
				if resp != nil {
					code = resp.StatusCode
				}
				t.Fatalf("err %v, status %d, want %d", err, code, tt.status)
			}
		})
	}
	// Same origin (the Host, IPv6 literal included) is accepted.
	hdr := http.Header{"Origin": {"http://" + strings.TrimSuffix(strings.TrimPrefix(url, "ws://"), "/ws")}}
	c, _, err := dial(t, url, "admin@internal", "tok", hdr)
	if err != nil {
		t.Fatalf("same origin refused: %v", err)
	}
	c.CloseNow()
}

func TestHeartbeatAndFollowerLifetime(t *testing.T) {
	src := newMemSource()
	h, url := testHub(t, Options{Source: src, Heartbeat: 30 * time.Millisecond, Grace: 50 * time.Millisecond})
	a := mustDial(t, url, "admin@internal", "t1")
	b := mustDial(t, url, "admin@internal", "t2")
	for {
		m, err := read(t, a)
		if err != nil {
			t.Fatal(err)
		}
		if m.Type == wire.MsgHeartbeat {
			break
		}
	}
	if h.Followers() != 1 || h.Clients() != 2 {
		t.Fatalf("followers %d clients %d", h.Followers(), h.Clients())
	}
	a.Close(websocket.StatusNormalClosure, "")
	b.Close(websocket.StatusNormalClosure, "")
	waitFor(t, func() bool { return h.Clients() == 0 && h.Followers() == 0 })
}

func TestHubClose(t *testing.T) {
	src := newMemSource()
	h, url := testHub(t, Options{Source: src})
	c := mustDial(t, url, "admin@internal", "t1")
	read(t, c) // hello
	h.Close()
	if _, err := read(t, c); websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Fatalf("close: %v", err)
	}
}

func TestEngineErrorsBackOff(t *testing.T) {
	src := newMemSource()
	src.fail = errors.New("connection refused")
	reg := metrics.NewRegistry()
	_, url := testHub(t, Options{Source: src, Metrics: reg, MaxBackoff: 40 * time.Millisecond})
	c := mustDial(t, url+"?from=0", "admin@internal", "t1")
	time.Sleep(150 * time.Millisecond)
	src.mu.Lock()
	src.fail = nil
	src.mu.Unlock()
	src.add(2, "recovered")
	if got := readEvents(t, c, 2); !equal(got, seq(1, 2)) {
		t.Fatalf("got %v", got)
	}
	var b strings.Builder
	metrics.WriteText(&b, reg)
	if !strings.Contains(b.String(), `v6admin_ws_polls_total{result="error"}`) {
		t.Fatalf("metrics:\n%s", b.String())
	}
}

func TestFromAPI(t *testing.T) {
	tm := time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)
	tests := []struct {
		name string
		in   ovirt.Event
		ok   bool
		want string
	}{
		{"full", ovirt.Event{ID: "121", Index: ovirt.NewInt(121), Code: ovirt.NewInt(42), Severity: "normal", Time: ovirt.NewTime(tm),
			Description: "Host h1 was added.", Host: &ovirt.Host{ID: "h", Name: "h1"}, CorrelationID: "abc"}, true,
			`{"id":121,"code":42,"severity":"normal","time":"2026-01-02T03:04:05.678Z","description":"Host h1 was added.","host":{"id":"h","name":"h1"},"correlation_id":"abc"}`},
		{"a VM's, by id (EventMapper)", ovirt.Event{ID: "122", Code: ovirt.NewInt(62), Severity: "normal", Time: ovirt.NewTime(tm),
			Description: "Migration started.", Vm: &ovirt.Vm{ID: "v", Href: "/ovirt-engine/api/vms/v"}, CorrelationID: "req1"}, true,
			`{"id":122,"code":62,"severity":"normal","time":"2026-01-02T03:04:05.678Z","description":"Migration started.","vm":{"id":"v"},"correlation_id":"req1"}`},
		{"id only", ovirt.Event{ID: "7"}, true, `{"id":7,"code":0,"severity":"","time":"0001-01-01T00:00:00Z","description":""}`},
		{"no id", ovirt.Event{ID: "x"}, false, ""},
	}
	for _, tt := range tests {
		got, ok := FromAPI(tt.in)
		if ok != tt.ok {
			t.Fatalf("%s: ok %v", tt.name, ok)
		}
		if !ok {
			continue
		}
		if b, _ := json.Marshal(got); string(b) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, b, tt.want)
		}
	}
}

// TestCloseWhileTabsArrive: a tab arriving while the hub closes does not
// race Close's wait for the tabs (the WaitGroup's Add must happen before
// the Wait: run with -race; on the old code this failed about once in 30
// runs of TestHandshakeRefusals, here within the loop), and a tab arriving
// after Close is refused with 1001.
func TestCloseWhileTabsArrive(t *testing.T) {
	for i := range 100 {
		h, url := testHub(t, Options{Source: newMemSource()})
		c, _, err := dial(t, url, "admin@internal", fmt.Sprint("t", i), nil)
		if err != nil {
			t.Fatal(err)
		}
		go func() { // reading answers the hub's close frame
			for {
				if _, _, err := c.Read(context.Background()); err != nil {
					return
				}
			}
		}()
		h.Close() // the tab's handler may still be starting
		c.CloseNow()
	}
	h, url := testHub(t, Options{Source: newMemSource()})
	h.Close()
	c, _, err := dial(t, url, "admin@internal", "late", nil)
	if err != nil {
		t.Fatalf("dial after Close: %v", err)
	}
	defer c.CloseNow()
	_, _, err = c.Read(context.Background())
	if websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Fatalf("a tab after Close: %v, want close 1001", err)
	}
	if n := h.Clients(); n != 0 {
		t.Fatalf("%d tabs after Close", n)
	}
}
