package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"v6admin/wire"
)

func TestWSURL(t *testing.T) {
	tests := []struct {
		origin string
		from   int64
		want   string
	}{
		{"http://[::1]:8080", 0, "ws://[::1]:8080/ws"},
		{"http://[2001:db8::10]:8080", 42, "ws://[2001:db8::10]:8080/ws?from=42"},
		{"https://admin.example.com", 7, "wss://admin.example.com/ws?from=7"},
		{"", 0, ""},
	}
	for _, tt := range tests {
		if got := wsURL(tt.origin, tt.from); got != tt.want {
			t.Errorf("wsURL(%q, %d) = %q, want %q", tt.origin, tt.from, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	for n := 0; n < 12; n++ {
		d := backoff(n)
		base := 500 * time.Millisecond << min(n, 5)
		base = min(base, 15*time.Second)
		if d < base || d > base+base/5 {
			t.Errorf("backoff(%d) = %v, want %v…%v", n, d, base, base+base/5)
		}
	}
}

// recorder is a StreamHandler that records what it sees.
type recorder struct {
	mu        sync.Mutex
	states    []bool
	events    []int64
	gone      string
	asked     int
	loggedOut bool
	gotAll    chan struct{}
	want      int
}

func (r *recorder) Connected(up bool) { r.mu.Lock(); r.states = append(r.states, up); r.mu.Unlock() }
func (r *recorder) Event(ev wire.Event) {
	r.mu.Lock()
	r.events = append(r.events, ev.ID)
	if len(r.events) == r.want {
		close(r.gotAll)
	}
	r.mu.Unlock()
}
func (r *recorder) Expired(msg string) { r.mu.Lock(); r.gone = msg; r.mu.Unlock() }
func (r *recorder) LoggedIn(context.Context) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asked++
	return !r.loggedOut
}

// TestStreamResumes runs the stream against a server that drops the first
// connection after two events: the second connection must ask for
// ?from=2 and the stream must deliver every event once, in order.
func TestStreamResumes(t *testing.T) {
	var mu sync.Mutex
	var froms []string
	conns := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		conns++
		n := conns
		froms = append(froms, r.URL.Query().Get("from"))
		mu.Unlock()
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx := r.Context()
		from, _ := strconv.ParseInt(r.URL.Query().Get("from"), 10, 64)
		_ = wsjson.Write(ctx, c, wire.WSMessage{Type: "hello"})
		for id := from + 1; id <= 4; id++ {
			_ = wsjson.Write(ctx, c, wire.WSMessage{Type: "event", Event: &wire.Event{ID: id, Description: "e" + strconv.FormatInt(id, 10)}})
			if n == 1 && id == 2 {
				c.Close(websocket.StatusGoingAway, "restart")
				return
			}
		}
		if n == 2 {
			c.Close(wsSessionExpired, "session expired")
		}
	}))
	defer srv.Close()
	rec := &recorder{gotAll: make(chan struct{}), want: 4}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		(&eventStream{origin: srv.URL, h: rec}).Run(ctx)
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("the stream did not stop on session expiry")
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.events) != 4 || rec.events[0] != 1 || rec.events[3] != 4 {
		t.Fatalf("events %v", rec.events)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(froms) != 2 || froms[0] != "" || froms[1] != "2" {
		t.Fatalf("from parameters %q", froms)
	}
	if rec.gone == "" {
		t.Fatal("close code 4001 must end the session")
	}
	if len(rec.states) < 3 || !rec.states[0] || rec.states[1] || !rec.states[2] {
		t.Fatalf("connection states %v: up, down, up", rec.states)
	}
}

// TestStreamStopsWhenTheHandshakeIsRefusedForGood: a refused handshake
// (the server answers 401 without a session) leads to asking whether the
// session holds; without one the stream ends as expired.
func TestStreamStopsWhenTheHandshakeIsRefusedForGood(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"code":"unauthorized","message":"Log in first."}`, http.StatusUnauthorized)
	}))
	defer srv.Close()
	rec := &recorder{gotAll: make(chan struct{}), loggedOut: true}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	(&eventStream{origin: srv.URL, h: rec}).Run(ctx)
	if ctx.Err() != nil || rec.gone == "" || rec.asked != 1 {
		t.Fatalf("stream did not end as expired: gone %q, asked %d", rec.gone, rec.asked)
	}
}
