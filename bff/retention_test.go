package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"v6admin/engine/embedded"
)

// TestRetentionFlags: the embedded engine's retention flags, their
// variables and defaults (the engine's), and how they reach its Config
// (0: no limit).
func TestRetentionFlags(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	want := retention{EventMaxAge: 30 * 24 * time.Hour, EventMaxCount: 100_000, JobSucceededMaxAge: 10 * time.Minute, JobFailedMaxAge: time.Hour, JobMaxCount: 1000}
	c.Retention.raw, want.raw = [5]string{}, [5]string{}
	if err != nil || c.Retention != want {
		t.Fatalf("defaults %+v %v, want %+v", c.Retention, err, want)
	}
	t.Setenv("V6ADMIN_EVENT_MAX_AGE", "48h")
	t.Setenv("V6ADMIN_JOB_MAX_COUNT", "0")
	c, err = parseFlags([]string{"--event-max-count", "500", "--job-failed-max-age", "0", "--event-max-age", "1h"}, io.Discard)
	if err != nil || c.Retention.EventMaxAge != time.Hour || c.Retention.EventMaxCount != 500 || c.Retention.JobFailedMaxAge != 0 || c.Retention.JobMaxCount != 0 {
		t.Fatalf("flags and variables: %+v %v", c.Retention, err)
	}
	var cfg embedded.Config
	c.Retention.apply(&cfg)
	if cfg.EventMaxAge != time.Hour || cfg.EventMaxCount != 500 || cfg.JobSucceededMaxAge != 10*time.Minute || cfg.JobFailedMaxAge != -1 || cfg.JobMaxCount != -1 {
		t.Fatalf("engine config %+v: 0 must become -1 (no limit)", cfg)
	}
	for _, tt := range []struct{ args []string }{
		{[]string{"--event-max-age", "-1h"}}, {[]string{"--event-max-age", "30"}},
		{[]string{"--event-max-count", "-5"}}, {[]string{"--job-max-count", "many"}},
		{[]string{"--job-succeeded-max-age", "soon"}},
	} {
		if _, err := parseFlags(tt.args, io.Discard); err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(tt.args[0], "--")) {
			t.Errorf("%v: %v", tt.args, err)
		}
	}
}
