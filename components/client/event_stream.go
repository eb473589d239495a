package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/url"
	"strconv"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"v6admin/wire"
)

// The engine's events reach the page over /ws (package bff/events): hello,
// then every event newer than ?from=, then live events and heartbeats. The
// stream reconnects with exponential backoff and resumes from the last
// event it saw, so a page loses nothing while the connection is down.

// StreamHandler receives what the stream sees; its methods are called from
// the stream's goroutine.
type StreamHandler interface {
	// Connected reports the connection state (false: down, retrying).
	Connected(up bool)
	// Event delivers one event, in increasing id order.
	Event(ev wire.Event)
	// Expired reports that the session is gone (close code 4001 or an
	// error message session_expired): the stream stops.
	Expired(msg string)
	// LoggedIn asks the server whether the session still holds, after a
	// failed handshake (a browser does not say why a WebSocket handshake
	// failed: a 401 looks like any network error).
	LoggedIn(ctx context.Context) bool
}

// Close codes of /ws beyond RFC 6455's.
const (
	wsSessionExpired websocket.StatusCode = wire.CloseSessionExpired
	wsTooSlow        websocket.StatusCode = wire.CloseTooSlow
)

// backoff is the wait before reconnection attempt n (0-based): 0.5 s
// doubling to at most 15 s, with up to 20 % of random jitter so tabs do not
// reconnect in step after a server restart.
func backoff(n int) time.Duration {
	d := 500 * time.Millisecond
	for i := 0; i < n && d < 15*time.Second; i++ {
		d *= 2
	}
	d = min(d, 15*time.Second)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// wsURL is the /ws URL on the page's origin (scheme http→ws, https→wss;
// the host keeps its IPv6 brackets), resuming after event from.
func wsURL(origin string, from int64) string {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return ""
	}
	scheme := "ws"
	if u.Scheme == "https" {
		scheme = "wss"
	}
	out := url.URL{Scheme: scheme, Host: u.Host, Path: wire.PathWS}
	if from > 0 {
		out.RawQuery = "from=" + strconv.FormatInt(from, 10)
	}
	return out.String()
}

// eventStream follows /ws until ctx ends or the session expires.
type eventStream struct {
	origin string
	from   int64 // the newest event id seen
	h      StreamHandler
}

// NewEventStream returns a stream of the events after from, read from
// the /ws of origin, delivered to h.
func NewEventStream(origin string, from int64, h StreamHandler) *eventStream {
	return &eventStream{origin: origin, from: from, h: h}
}

// Run connects, reads and reconnects.
func (s *eventStream) Run(ctx context.Context) {
	for attempt := 0; ctx.Err() == nil; {
		err := s.once(ctx)
		if ctx.Err() != nil {
			return
		}
		if websocket.CloseStatus(err) == wsSessionExpired {
			s.h.Expired("Your session has expired. Log in again.")
			return
		}
		var exp *sessionExpiredError
		if errors.As(err, &exp) {
			s.h.Expired(exp.msg)
			return
		}
		s.h.Connected(false)
		if err == errHeardFrom {
			attempt = 0 // it worked for a while: retry soon
		} else if !s.h.LoggedIn(ctx) {
			s.h.Expired("Your session has expired. Log in again.")
			return
		}
		t := time.NewTimer(backoff(attempt))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		attempt++
	}
}

type sessionExpiredError struct{ msg string }

func (e *sessionExpiredError) Error() string { return e.msg }

// errHeardFrom ends a connection that delivered at least its hello.
var errHeardFrom = errors.New("connection lost")

// once runs one connection.
func (s *eventStream) once(ctx context.Context) error {
	dctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	c, _, err := websocket.Dial(dctx, wsURL(s.origin, s.from), nil)
	cancel()
	if err != nil {
		return err
	}
	defer c.CloseNow()
	c.SetReadLimit(1 << 20)
	heard := false
	for {
		// Heartbeats come every 15 s: 45 s of silence is a dead link.
		rctx, cancel := context.WithTimeout(ctx, 45*time.Second)
		var m wire.WSMessage
		err := wsjson.Read(rctx, c, &m)
		cancel()
		if err != nil {
			if websocket.CloseStatus(err) == wsSessionExpired {
				return err
			}
			if heard {
				return errHeardFrom
			}
			return err
		}
		switch m.Type {
		case wire.MsgHello:
			heard = true
			s.h.Connected(true)
		case wire.MsgEvent:
			if m.Event != nil && m.Event.ID > s.from {
				s.from = m.Event.ID
				s.h.Event(*m.Event)
			}
		case wire.MsgError:
			if m.Code == "session_expired" {
				return &sessionExpiredError{msg: OrText(m.Message, "Your session has expired. Log in again.")}
			}
		}
	}
}

func OrText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
