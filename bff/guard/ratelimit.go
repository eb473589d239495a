package guard

import (
	"container/list"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"v6admin/bff/apierr"
)

// DefaultMaxClients is how many clients a Limiter tracks at most.
const DefaultMaxClients = 65536

// Limiter limits password checks per client key (see RateKey): one
// golang.org/x/time/rate token bucket per key, holding up to burst tokens
// and refilling at perMinute a minute; every attempt takes a token.
//
// Memory is bounded: a client whose bucket has refilled is forgotten (it
// would start full anyway), and at most MaxClients are tracked; when the
// table is full, the client idle longest is dropped first. The clients are
// kept in a list ordered by last use, so both are O(1) per attempt whatever
// the clients do.
type Limiter struct {
	limit   rate.Limit
	burst   int
	refill  time.Duration // an empty bucket is full again after this
	maxKeys int
	now     func() time.Time

	mu    sync.Mutex
	byKey map[string]*list.Element // of *client
	lru   list.List                // front: most recently used
}

type client struct {
	key  string
	lim  *rate.Limiter
	last time.Time
}

// NewLimiter returns a limiter allowing perMinute attempts a minute per key
// with bursts of burst, tracking at most DefaultMaxClients keys.
func NewLimiter(perMinute, burst int) *Limiter {
	perMinute, burst = max(perMinute, 1), max(burst, 1)
	l := &Limiter{
		limit:   rate.Limit(float64(perMinute) / 60),
		burst:   burst,
		maxKeys: DefaultMaxClients,
		now:     time.Now,
		byKey:   map[string]*list.Element{},
	}
	l.refill = time.Duration(float64(burst) / float64(l.limit) * float64(time.Second))
	return l
}

// SetMaxClients changes how many keys are tracked at most (at least 1).
func (l *Limiter) SetMaxClients(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.maxKeys = max(n, 1)
	for l.lru.Len() > l.maxKeys {
		l.drop(l.lru.Back())
	}
}

// Allow takes a token for key. When none is left it returns false and how
// long until one is.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forgetIdle(now)
	var c *client
	if el, ok := l.byKey[key]; ok {
		c = el.Value.(*client)
		l.lru.MoveToFront(el)
	} else {
		if l.lru.Len() >= l.maxKeys {
			l.drop(l.lru.Back())
		}
		c = &client{key: key, lim: rate.NewLimiter(l.limit, l.burst)}
		l.byKey[key] = l.lru.PushFront(c)
	}
	c.last = now
	r := c.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		// Refused: give the token back (a refusal must not push the
		// client's next chance further away).
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// forgetIdle drops the clients whose bucket has refilled: the list is
// ordered by last use, so they are at its back.
func (l *Limiter) forgetIdle(now time.Time) {
	for el := l.lru.Back(); el != nil; el = l.lru.Back() {
		if now.Sub(el.Value.(*client).last) < l.refill {
			return
		}
		l.drop(el)
	}
}

func (l *Limiter) drop(el *list.Element) {
	delete(l.byKey, el.Value.(*client).key)
	l.lru.Remove(el)
}

// Len returns the number of clients tracked.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lru.Len()
}

// retryAfter is the Retry-After value (whole seconds, at least 1) of a wait.
func retryAfter(wait time.Duration) int {
	return max(int(math.Ceil(wait.Seconds())), 1)
}

// RateLimit refuses requests beyond the limiter's allowance for the client's
// RateKey (an IPv6 /64 or an IPv4 address) with 429 and Retry-After.
func RateLimit(l *Limiter, ip ClientIP, onLimited func()) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ok, wait := l.Allow(RateKey(ip.Of(c.Request())))
			if ok {
				return next(c)
			}
			if onLimited != nil {
				onLimited()
			}
			secs := retryAfter(wait)
			e := apierr.New(http.StatusTooManyRequests, apierr.CodeRateLimited,
				"Too many login attempts from your network. Try again in "+strconv.Itoa(secs)+" s.")
			e.Header = http.Header{"Retry-After": {strconv.Itoa(secs)}}
			return e
		}
	}
}
