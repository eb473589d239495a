package events

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"v6admin/bff/apierr"
	"v6admin/bff/session"
	"v6admin/wire"
)

// Close codes beyond RFC 6455's.
const (
	StatusSessionExpired websocket.StatusCode = wire.CloseSessionExpired
	StatusTooSlow        websocket.StatusCode = wire.CloseTooSlow
)

// Options configure a Hub; zero values take the defaults in brackets.
type Options struct {
	Source         Source        // where events come from (required)
	PollInterval   time.Duration // between polls of the engine [1 s]
	MaxBackoff     time.Duration // longest wait after failed polls [30 s]
	RingSize       int           // events kept per follower for resuming [1024]
	QueueSize      int           // messages queued per tab before it is dropped [256]
	Heartbeat      time.Duration // between heartbeats [15 s]
	Grace          time.Duration // a follower outlives its last tab by this [30 s]
	WriteTimeout   time.Duration // for one message to one tab [10 s]
	FetchTimeout   time.Duration // for one engine request [15 s]
	OriginPatterns []string      // extra allowed origins (coder/websocket patterns)
	TokenCheckTTL  time.Duration // how long the engine's acceptance of a token is believed [5 s]
	MaxTokens      int           // tokens whose check is remembered [4096]
	Logger         *slog.Logger
	Metrics        prometheus.Registerer // optional
}

// Hub owns the followers and the WebSocket tabs.
type Hub struct {
	o   Options
	log *slog.Logger

	mu        sync.Mutex
	followers map[string]*follower
	closed    bool

	tokMu  sync.Mutex
	tokens map[[32]byte]tokenState // by SHA-256 of the token
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	clientsG   *liveGauge
	followersG prometheus.Gauge
	dropped    prometheus.Counter
	delivered  prometheus.Counter
	polls      *prometheus.CounterVec
}

// NewHub returns a hub.
func NewHub(o Options) *Hub {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.PollInterval, time.Second)
	def(&o.MaxBackoff, 30*time.Second)
	def(&o.Heartbeat, 15*time.Second)
	def(&o.Grace, 30*time.Second)
	def(&o.WriteTimeout, 10*time.Second)
	def(&o.FetchTimeout, 15*time.Second)
	def(&o.TokenCheckTTL, 5*time.Second)
	if o.MaxTokens <= 0 {
		o.MaxTokens = 4096
	}
	if o.RingSize <= 0 {
		o.RingSize = 1024
	}
	if o.QueueSize <= 0 {
		o.QueueSize = 256
	}
	h := &Hub{o: o, log: o.Logger, followers: map[string]*follower{}, tokens: map[[32]byte]tokenState{}}
	if h.log == nil {
		h.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	reg := o.Metrics
	if reg == nil {
		reg = prometheus.NewRegistry() // private, unexported
	}
	h.clientsG = new(liveGauge)
	h.followersG = prometheus.NewGauge(prometheus.GaugeOpts{Name: "v6admin_ws_followers", Help: "Engine event followers running (one per logged-in engine user)."})
	h.dropped = prometheus.NewCounter(prometheus.CounterOpts{Name: "v6admin_ws_dropped_total", Help: "WebSocket tabs dropped for being too slow: their queue overflowed or one message took longer than the write timeout."})
	h.delivered = prometheus.NewCounter(prometheus.CounterOpts{Name: "v6admin_ws_messages_total", Help: "Event messages written to WebSocket tabs."})
	h.polls = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "v6admin_ws_polls_total", Help: "Engine event polls by result."}, []string{"result"})
	reg.MustRegister(h.followersG, h.dropped, h.delivered, h.polls,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "v6admin_ws_clients", Help: "WebSocket tabs connected to /ws."}, h.clientsG.Value))
	return h
}

// liveGauge counts the connected tabs: the hub reads it (Clients) and
// /metrics shows it (v6admin_ws_clients).
type liveGauge struct{ n atomic.Int64 }

func (g *liveGauge) Inc()           { g.n.Add(1) }
func (g *liveGauge) Dec()           { g.n.Add(-1) }
func (g *liveGauge) Value() float64 { return float64(g.n.Load()) }

// Close stops every follower and closes every tab (1001 going away),
// waiting up to 5 s for the tabs' goroutines.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	fs := make([]*follower, 0, len(h.followers))
	for _, f := range h.followers {
		fs = append(fs, f)
	}
	h.mu.Unlock()
	h.cancel()
	for _, f := range fs {
		f.mu.Lock()
		for cl := range f.clients {
			cl.kickWith(websocket.StatusGoingAway, "server shutting down", nil)
		}
		f.mu.Unlock()
	}
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// Clients returns the number of connected tabs.
func (h *Hub) Clients() int { return int(h.clientsG.Value()) }

// Followers returns the number of running followers.
func (h *Hub) Followers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.followers)
}

// item is one queued message; id is the event id (0 for other messages).
type item struct {
	id   int64
	data []byte
}

// tab is one WebSocket connection.
type tab struct {
	token  string
	seq    uint64
	q      chan item
	kick   chan struct{}
	once   sync.Once
	code   websocket.StatusCode
	reason string
	final  []byte // message written before closing (an error)
	slow   sync.Once
}

// tooSlow counts the tab in dropped once, whichever finds it too slow
// first: its queue overflowing or a write timing out (both can happen to
// the same tab, one after the other).
func (t *tab) tooSlow(dropped prometheus.Counter) { t.slow.Do(dropped.Inc) }

// kickWith asks the tab's goroutine to close the connection.
func (t *tab) kickWith(code websocket.StatusCode, reason string, final []byte) {
	t.once.Do(func() {
		t.code, t.reason, t.final = code, reason, final
		close(t.kick)
	})
}

// follower follows the events of one engine user.
type follower struct {
	hub  *Hub
	user string

	mu      sync.Mutex
	clients map[*tab]struct{}
	seq     uint64
	bad     map[string]bool // tokens the engine refused
	linger  string          // token of the last tab that left (polls in the grace period)
	ring    []wire.Event    // ascending ids; holds every event in (start, last]
	start   int64
	last    int64
	init    bool
	running bool
	ctx     context.Context
	cancel  context.CancelFunc
	grace   *time.Timer
}

// follower returns the user's follower, creating it; nil if the hub is
// closed.
func (h *Hub) follower(user string) *follower {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	f := h.followers[user]
	if f == nil {
		f = &follower{hub: h, user: user, clients: map[*tab]struct{}{}, bad: map[string]bool{}}
		f.ctx, f.cancel = context.WithCancel(h.ctx)
		h.followers[user] = f
		h.followersG.Set(float64(len(h.followers)))
	}
	return f
}

// plan is what a new tab must be sent before live events.
type plan struct {
	from      int64        // the tab has seen everything up to from
	last      int64        // newest id known now
	fetch     bool         // events in (from, fetchTo] must come from the engine
	fetchTo   int64        //
	backlog   []wire.Event // from the ring, ascending
	cancelled bool         // follower stopped meanwhile
}

// subscribe adds t. latest is the engine's newest event id, which starts a
// new follower: its cursor never comes from a tab. from (at most latest;
// < 0: the newest event) is what the tab has seen.
func (f *follower) subscribe(t *tab, from, latest int64) plan {
	h := f.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	if h.closed || h.followers[f.user] != f {
		return plan{cancelled: true}
	}
	if !f.init {
		f.start, f.last, f.init = latest, latest, true
	}
	if from < 0 {
		from = f.last
	}
	if f.grace != nil {
		f.grace.Stop()
		f.grace = nil
	}
	f.seq++
	t.seq = f.seq
	f.clients[t] = struct{}{}
	h.clientsG.Inc()
	p := plan{from: from, last: max(f.last, from)}
	if from < f.start {
		p.fetch, p.fetchTo = true, f.start
	}
	for _, e := range f.ring {
		if e.ID > from {
			p.backlog = append(p.backlog, e)
		}
	}
	if !f.running {
		f.running = true
		h.wg.Add(1)
		go f.run()
	}
	return p
}

// unsubscribe removes t (if still there).
func (f *follower) unsubscribe(t *tab) {
	h := f.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.removeLocked(t)
}

// removeLocked removes t and arms the grace timer when no tab is left.
// Callers hold f.mu (and, when called from unsubscribe, h.mu).
func (f *follower) removeLocked(t *tab) {
	if _, ok := f.clients[t]; !ok {
		return
	}
	delete(f.clients, t)
	f.hub.clientsG.Dec()
	still := false
	for o := range f.clients {
		if o.token == t.token {
			still = true
			break
		}
	}
	if !still && !f.bad[t.token] {
		f.linger = t.token
	}
	if !still {
		delete(f.bad, t.token)
	}
	if len(f.clients) == 0 && f.grace == nil {
		f.grace = time.AfterFunc(f.hub.o.Grace, f.stopIfIdle)
	}
}

// stopIfIdle stops the follower if it still has no tab.
func (f *follower) stopIfIdle() {
	h := f.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.clients) > 0 || h.followers[f.user] != f {
		return
	}
	delete(h.followers, f.user)
	h.followersG.Set(float64(len(h.followers)))
	f.cancel()
}

// token picks the token of the most recent tab the engine has not refused.
func (f *follower) token() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var best *tab
	for t := range f.clients {
		if !f.bad[t.token] && (best == nil || t.seq > best.seq) {
			best = t
		}
	}
	if best == nil {
		return f.linger
	}
	return best.token
}

// Texts of the session_expired error.
const (
	expiredText   = "Your session has expired. Log in again."
	loggedOutText = "This session was logged out. Log in again."
)

// expire marks a token refused and closes its tabs with session_expired.
func (f *follower) expire(token, text string) {
	f.hub.noteToken(token, false, 0)
	msg := encode(wire.WSMessage{Type: wire.MsgError, Code: apierr.CodeSessionExpired, Message: text})
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bad[token] = true
	if f.linger == token {
		f.linger = ""
	}
	for t := range f.clients {
		if t.token == token {
			f.removeLocked(t)
			t.kickWith(StatusSessionExpired, "session expired", msg)
		}
	}
}

// run polls the engine until the follower is stopped.
func (f *follower) run() {
	h := f.hub
	defer h.wg.Done()
	wait := h.o.PollInterval
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-f.ctx.Done():
			return
		case <-timer.C:
		}
		tok := f.token()
		if tok == "" {
			timer.Reset(h.o.PollInterval)
			continue
		}
		f.mu.Lock()
		from := f.last
		f.mu.Unlock()
		ctx, cancel := context.WithTimeout(f.ctx, h.o.FetchTimeout)
		evs, err := h.o.Source.Since(ctx, tok, from)
		cancel()
		switch {
		case err == nil:
			h.polls.WithLabelValues("ok").Inc()
			wait = h.o.PollInterval
			f.publish(evs)
			f.mu.Lock()
			last := f.last
			f.mu.Unlock()
			h.noteToken(tok, true, last)
		case errors.Is(err, ErrUnauthorized):
			h.polls.WithLabelValues("unauthorized").Inc()
			f.expire(tok, expiredText)
			wait = 0 // try another tab's token at once
		case f.ctx.Err() != nil:
			return
		default:
			h.polls.WithLabelValues("error").Inc()
			wait = min(max(2*wait, h.o.PollInterval), h.o.MaxBackoff)
			h.log.Warn("polling engine events failed", "user", f.user, "retry_in", wait, "err", err)
		}
		timer.Reset(wait)
	}
}

// publish adds new events to the ring and queues them to every tab; a tab
// whose queue is full is dropped, never waited for.
func (f *follower) publish(evs []wire.Event) {
	if len(evs) == 0 {
		return
	}
	evs = sortEvents(evs)
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range evs {
		if e.ID <= f.last {
			continue
		}
		f.last = e.ID
		f.ring = append(f.ring, e)
		if n := len(f.ring) - f.hub.o.RingSize; n > 0 {
			f.start = f.ring[n-1].ID
			f.ring = append(f.ring[:0], f.ring[n:]...)
		}
		it := item{id: e.ID, data: encode(wire.WSMessage{Type: wire.MsgEvent, Event: &e})}
		for t := range f.clients {
			select {
			case t.q <- it:
			default:
				f.removeLocked(t)
				t.tooSlow(f.hub.dropped)
				t.kickWith(StatusTooSlow, "too slow: reconnect with from", nil)
			}
		}
	}
}

func encode(m wire.WSMessage) []byte {
	b, err := json.Marshal(m)
	if err != nil {
		panic("events: " + err.Error()) // only plain types: cannot fail
	}
	return b
}

// tokenState is what the engine last said of a token.
type tokenState struct {
	ok     bool      // accepted; else refused (for good)
	newest int64     // the engine's newest event id then
	at     time.Time // when
}

// refusedTTL is how long a refused token is remembered: the engine never
// accepts it again, this only spares it the questions.
const refusedTTL = 10 * time.Minute

// checkToken asks the engine whether it accepts token (the newest event
// id, an authenticated call) and returns that id. An answer is believed for
// TokenCheckTTL (a refusal for refusedTTL) unless fresh is set.
func (h *Hub) checkToken(ctx context.Context, token string, fresh bool) (int64, error) {
	key := sha256.Sum256([]byte(token))
	now := time.Now()
	h.tokMu.Lock()
	st, ok := h.tokens[key]
	h.tokMu.Unlock()
	if ok && !st.ok && now.Sub(st.at) < refusedTTL {
		return 0, ErrUnauthorized
	}
	if ok && st.ok && !fresh && now.Sub(st.at) < h.o.TokenCheckTTL {
		return st.newest, nil
	}
	fctx, cancel := context.WithTimeout(ctx, h.o.FetchTimeout)
	defer cancel()
	n, err := h.o.Source.Latest(fctx, token)
	switch {
	case err == nil:
		h.noteToken(token, true, n)
	case errors.Is(err, ErrUnauthorized):
		h.noteToken(token, false, 0)
	}
	return n, err
}

// refused reports whether the engine (or a logout) refused token lately.
func (h *Hub) refused(token string) bool {
	key := sha256.Sum256([]byte(token))
	h.tokMu.Lock()
	defer h.tokMu.Unlock()
	st, ok := h.tokens[key]
	return ok && !st.ok && time.Since(st.at) < refusedTTL
}

// noteToken remembers the engine's answer about token, keeping at most
// MaxTokens answers: expired ones go first, then any. A refusal stands: an
// acceptance cannot replace it (a poll that started before a logout may
// end after it).
func (h *Hub) noteToken(token string, ok bool, newest int64) {
	key := sha256.Sum256([]byte(token))
	now := time.Now()
	h.tokMu.Lock()
	defer h.tokMu.Unlock()
	old, there := h.tokens[key]
	if there && ok && !old.ok && now.Sub(old.at) < refusedTTL {
		return
	}
	if !there && len(h.tokens) >= h.o.MaxTokens {
		for k, st := range h.tokens {
			if (st.ok && now.Sub(st.at) >= h.o.TokenCheckTTL) || (!st.ok && now.Sub(st.at) >= refusedTTL) {
				delete(h.tokens, k)
			}
		}
		for k := range h.tokens {
			if len(h.tokens) < h.o.MaxTokens {
				break
			}
			delete(h.tokens, k)
		}
	}
	h.tokens[key] = tokenState{ok: ok, newest: newest, at: now}
}

// watchToken asks the engine again about the tab's token every heartbeat
// (an answer the follower's polls already gave is reused) and closes the
// tab with 4001 once it is refused: a token revoked elsewhere (another
// replica's logout, the engine's expiry) ends its tabs here too.
func (h *Hub) watchToken(ctx context.Context, t *tab) {
	tick := time.NewTicker(h.o.Heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.kick:
			return
		case <-h.ctx.Done():
			return
		case <-tick.C:
		}
		if _, err := h.checkToken(ctx, t.token, false); errors.Is(err, ErrUnauthorized) {
			t.kickWith(StatusSessionExpired, "session expired", encode(wire.WSMessage{Type: wire.MsgError, Code: apierr.CodeSessionExpired, Message: expiredText}))
			return
		}
	}
}

// Revoke ends a session that logged out: its token is refused from now on
// and every tab open with it (the other tabs of that browser) is closed with
// 4001 at once, after a session_expired error saying it was logged out.
func (h *Hub) Revoke(user, token string) {
	h.noteToken(token, false, 0)
	h.mu.Lock()
	f := h.followers[user]
	h.mu.Unlock()
	if f != nil {
		f.expire(token, loggedOutText)
	}
}

// Handler serves /ws.
func (h *Hub) Handler(c echo.Context) error {
	s := session.From(c)
	if s == nil {
		return apierr.Unauthorized()
	}
	from := int64(-1)
	if v := c.QueryParam("from"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return apierr.Validation(map[string]wire.FieldError{"from": {Code: "syntax", Message: "from must be the id of an event: a whole number, 0 or more."}})
		}
		from = n
	}
	// The http.Server's read and write timeouts would stay on the hijacked
	// connection and cut the stream: a tab lives as long as it wants (dead
	// peers are found by the heartbeats' write timeout).
	rc := http.NewResponseController(c.Response())
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	ws, err := websocket.Accept(c.Response(), c.Request(), &websocket.AcceptOptions{OriginPatterns: h.o.OriginPatterns})
	if err != nil {
		return nil // Accept wrote the response (403 for a foreign origin)
	}
	if !h.enter() {
		ws.Close(websocket.StatusGoingAway, "server shutting down")
		return nil
	}
	defer h.wg.Done()
	defer ws.CloseNow()
	h.serve(ws, s, from)
	return nil
}

// enter counts a tab's goroutine in h.wg, unless the hub is closed. The Add
// is made under h.mu, which Close takes to set closed before it waits: an
// Add racing Close's Wait (a tab arriving during shutdown) is a misuse of
// the WaitGroup that the race detector reports.
func (h *Hub) enter() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.wg.Add(1)
	return true
}

// serve runs one tab until it leaves, is dropped or the hub closes.
func (h *Hub) serve(ws *websocket.Conn, s *session.Session, from int64) {
	// Not derived from h.ctx: cancelling it would make CloseRead drop the
	// connection without a close frame; h.ctx is watched below instead.
	ctx := ws.CloseRead(context.Background())
	var t *tab // once subscribed
	write := func(data []byte) error {
		wctx, cancel := context.WithTimeout(ctx, h.o.WriteTimeout)
		defer cancel()
		err := ws.Write(wctx, websocket.MessageText, data)
		if err != nil && ctx.Err() == nil && errors.Is(wctx.Err(), context.DeadlineExceeded) {
			// Too slow as well: the tab took longer than WriteTimeout
			// to take one message (its queue may not have filled yet
			// when the events come slower than the queue's size a
			// second).
			if t != nil {
				t.tooSlow(h.dropped)
			}
		}
		return err
	}
	fail := func(err error) {
		if errors.Is(err, ErrUnauthorized) {
			_ = write(encode(wire.WSMessage{Type: wire.MsgError, Code: apierr.CodeSessionExpired, Message: expiredText}))
			ws.Close(StatusSessionExpired, "session expired")
			return
		}
		h.log.Warn("reading engine events for a tab failed", "user", s.User, "err", err)
		_ = write(encode(wire.WSMessage{Type: wire.MsgError, Code: apierr.CodeEngineDown, Message: "The engine's events cannot be read now; reconnecting later resumes where this left off."}))
		ws.Close(websocket.StatusInternalError, "engine events unavailable")
	}

	// Nothing is sent before the engine has accepted the session's token
	// (a logged-out or expired one gets 4001 at once); the answer is also
	// the engine's newest event id, which caps from and starts a new
	// follower.
	latest, err := h.checkToken(ctx, s.Token, false)
	if err == nil && from > latest {
		latest, err = h.checkToken(ctx, s.Token, true) // is from really newer than we knew?
	}
	if err != nil {
		fail(err)
		return
	}
	from = min(from, latest)
	t = &tab{token: s.Token, q: make(chan item, h.o.QueueSize), kick: make(chan struct{})}
	f := h.follower(s.User)
	if f == nil {
		ws.Close(websocket.StatusGoingAway, "server shutting down")
		return
	}
	p := f.subscribe(t, from, latest)
	if p.cancelled {
		ws.Close(websocket.StatusGoingAway, "server shutting down")
		return
	}
	defer f.unsubscribe(t)
	if h.refused(s.Token) { // logged out while this tab was checked
		fail(ErrUnauthorized)
		return
	}
	go h.watchToken(ctx, t)

	sent := p.from
	if err := write(encode(wire.WSMessage{Type: wire.MsgHello, From: &p.from, Last: &p.last})); err != nil {
		return
	}
	if p.fetch {
		fctx, cancel := context.WithTimeout(ctx, h.o.FetchTimeout)
		evs, err := h.o.Source.Since(fctx, s.Token, p.from)
		cancel()
		if err != nil {
			fail(err)
			return
		}
		for _, e := range sortEvents(evs) {
			if e.ID <= sent || e.ID > p.fetchTo {
				continue
			}
			if err := write(encode(wire.WSMessage{Type: wire.MsgEvent, Event: &e})); err != nil {
				return
			}
			sent = e.ID
			h.delivered.Inc()
		}
	}
	for _, e := range p.backlog {
		if e.ID <= sent {
			continue
		}
		if err := write(encode(wire.WSMessage{Type: wire.MsgEvent, Event: &e})); err != nil {
			return
		}
		sent = e.ID
		h.delivered.Inc()
	}

	hb := time.NewTicker(h.o.Heartbeat)
	defer hb.Stop()
	// The tab ends with its BFF session, even if the engine token lives on.
	var expired <-chan time.Time
	if !s.Expires.IsZero() {
		et := time.NewTimer(time.Until(s.Expires))
		defer et.Stop()
		expired = et.C
	}
	for {
		select {
		case it := <-t.q:
			if it.id <= sent {
				continue
			}
			if err := write(it.data); err != nil {
				return
			}
			sent = it.id
			h.delivered.Inc()
		case now := <-hb.C:
			now = now.UTC().Truncate(time.Second)
			if err := write(encode(wire.WSMessage{Type: wire.MsgHeartbeat, Time: &now})); err != nil {
				return
			}
		case <-t.kick:
			if t.final != nil {
				_ = write(t.final)
			}
			ws.Close(t.code, t.reason)
			return
		case <-expired:
			_ = write(encode(wire.WSMessage{Type: wire.MsgError, Code: apierr.CodeSessionExpired, Message: expiredText}))
			ws.Close(StatusSessionExpired, "session expired")
			return
		case <-h.ctx.Done():
			ws.Close(websocket.StatusGoingAway, "server shutting down")
			return
		case <-ctx.Done():
			return
		}
	}
}
