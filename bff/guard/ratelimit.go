package guard

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
)

// Limiter is a set of token buckets, one per key: each holds up to Burst
// tokens and refills at Rate tokens per second; a request takes one token.
// Idle buckets are forgotten, and at most MaxKeys buckets are kept (the
// fullest are dropped first when the table is full), so memory stays bounded
// whatever the clients do.
type Limiter struct {
	rate    float64
	burst   float64
	maxKeys int
	now     func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter returns a limiter allowing perMinute requests a minute per key
// with bursts of burst.
func NewLimiter(perMinute, burst int) *Limiter {
	if perMinute < 1 {
		perMinute = 1
	}
	if burst < 1 {
		burst = 1
	}
	return &Limiter{rate: float64(perMinute) / 60, burst: float64(burst), maxKeys: 100_000,
		now: time.Now, buckets: map[string]*bucket{}}
}

// Allow takes a token for key. When none is left it returns false and how
// long until one is.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.evict(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// full is how long a bucket takes to refill completely.
func (l *Limiter) full() time.Duration {
	return time.Duration(l.burst / l.rate * float64(time.Second))
}

// sweep drops buckets that have refilled, at most once a minute.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for k, b := range l.buckets {
		if now.Sub(b.last) >= l.full() {
			delete(l.buckets, k)
		}
	}
}

// evict makes room when the table is full: refilled buckets go first, then
// the least recently used.
func (l *Limiter) evict(now time.Time) {
	var oldest string
	var oldestT time.Time
	for k, b := range l.buckets {
		if now.Sub(b.last) >= l.full() {
			delete(l.buckets, k)
			return
		}
		if oldest == "" || b.last.Before(oldestT) {
			oldest, oldestT = k, b.last
		}
	}
	delete(l.buckets, oldest)
}

// Len returns the number of buckets kept.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
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
			secs := int(math.Ceil(wait.Seconds()))
			if secs < 1 {
				secs = 1
			}
			e := apierr.New(http.StatusTooManyRequests, apierr.CodeRateLimited,
				"Too many login attempts from your network. Try again in "+strconv.Itoa(secs)+" s.")
			e.Header = http.Header{"Retry-After": {strconv.Itoa(secs)}}
			return e
		}
	}
}
