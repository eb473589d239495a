package main

import (
	"flag"
	"fmt"
	"strconv"
	"time"

	"v6admin/engine/embedded"
)

// retention is what the embedded engine's retention flags set: how long and
// how many events and ended jobs it keeps (0: no limit).
type retention struct {
	EventMaxAge        time.Duration
	EventMaxCount      int
	JobSucceededMaxAge time.Duration
	JobFailedMaxAge    time.Duration
	JobMaxCount        int

	raw [5]string
}

// register adds the flags to fs, each falling back to V6ADMIN_<FLAG>.
func (r *retention) register(fs *flag.FlagSet) {
	fs.StringVar(&r.raw[0], "event-max-age", env("event-max-age", "720h"), "embedded engine: events older than this are purged (the engine's AuditLogAgingThreshold, 30 days; 0: kept)")
	fs.StringVar(&r.raw[1], "event-max-count", env("event-max-count", strconv.Itoa(embedded.DefaultEventMaxCount)), "embedded engine: only the newest this many events are kept (0: all)")
	fs.StringVar(&r.raw[2], "job-succeeded-max-age", env("job-succeeded-max-age", "10m"), "embedded engine: finished jobs are purged this long after their end (the engine's SucceededJobCleanupTimeInMinutes; 0: kept)")
	fs.StringVar(&r.raw[3], "job-failed-max-age", env("job-failed-max-age", "1h"), "embedded engine: failed and aborted jobs are purged this long after their end (the engine's FailedJobCleanupTimeInMinutes; 0: kept)")
	fs.StringVar(&r.raw[4], "job-max-count", env("job-max-count", strconv.Itoa(embedded.DefaultJobMaxCount)), "embedded engine: only the newest this many ended jobs are kept (0: all)")
}

// parse checks the flags' values once fs has been parsed.
func (r *retention) parse() error {
	for i, d := range []*time.Duration{&r.EventMaxAge, nil, &r.JobSucceededMaxAge, &r.JobFailedMaxAge} {
		if d == nil {
			continue
		}
		v, err := time.ParseDuration(r.raw[i])
		if err != nil || v < 0 {
			return fmt.Errorf("--%s: %q is not a duration such as 720h, 10m or 0", retentionFlag(i), r.raw[i])
		}
		*d = v
	}
	for _, c := range []struct {
		i int
		n *int
	}{{1, &r.EventMaxCount}, {4, &r.JobMaxCount}} {
		i, n := c.i, c.n
		v, err := strconv.Atoi(r.raw[i])
		if err != nil || v < 0 {
			return fmt.Errorf("--%s: %q is not a whole number, 0 or more", retentionFlag(i), r.raw[i])
		}
		*n = v
	}
	return nil
}

func retentionFlag(i int) string {
	return [...]string{"event-max-age", "event-max-count", "job-succeeded-max-age", "job-failed-max-age", "job-max-count"}[i]
}

// apply sets the retention of cfg (whose zero means "default" and negative
// "no limit").
func (r *retention) apply(cfg *embedded.Config) {
	d := func(v time.Duration) time.Duration {
		if v == 0 {
			return -1
		}
		return v
	}
	n := func(v int) int {
		if v == 0 {
			return -1
		}
		return v
	}
	cfg.EventMaxAge, cfg.EventMaxCount = d(r.EventMaxAge), n(r.EventMaxCount)
	cfg.JobSucceededMaxAge, cfg.JobFailedMaxAge, cfg.JobMaxCount = d(r.JobSucceededMaxAge), d(r.JobFailedMaxAge), n(r.JobMaxCount)
}
