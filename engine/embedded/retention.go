package embedded

import (
	"context"
	"time"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

// Defaults of the retention Config, after the engine's own configuration
// (packaging/dbscripts/upgrade/pre_upgrade/0000_config.sql).
const (
	// DefaultEventMaxAge is AuditLogAgingThreshold (30 days).
	DefaultEventMaxAge = 30 * 24 * time.Hour
	// DefaultEventMaxCount bounds the audit log by count too (the engine
	// has no such limit; its database has room the embedded one should
	// not take).
	DefaultEventMaxCount = 100_000
	// DefaultJobSucceededMaxAge is SucceededJobCleanupTimeInMinutes (10).
	DefaultJobSucceededMaxAge = 10 * time.Minute
	// DefaultJobFailedMaxAge is FailedJobCleanupTimeInMinutes (60).
	DefaultJobFailedMaxAge = 60 * time.Minute
	// DefaultJobMaxCount bounds the ended jobs kept.
	DefaultJobMaxCount = 1_000
	// DefaultPurgeInterval is JobCleanupRateInMinutes (10).
	DefaultPurgeInterval = 10 * time.Minute
)

// purgeBatch is how many events an age purge decodes at a time.
const purgeBatch = 512

// retentionDefaults fills the zero retention settings of cfg; negative
// ones mean "no limit" and become 0 here.
func retentionDefaults(cfg *Config) {
	dur := func(d *time.Duration, def time.Duration) {
		switch {
		case *d == 0:
			*d = def
		case *d < 0:
			*d = 0
		}
	}
	count := func(n *int, def int) {
		switch {
		case *n == 0:
			*n = def
		case *n < 0:
			*n = 0
		}
	}
	dur(&cfg.EventMaxAge, DefaultEventMaxAge)
	count(&cfg.EventMaxCount, DefaultEventMaxCount)
	dur(&cfg.JobSucceededMaxAge, DefaultJobSucceededMaxAge)
	dur(&cfg.JobFailedMaxAge, DefaultJobFailedMaxAge)
	count(&cfg.JobMaxCount, DefaultJobMaxCount)
	if cfg.PurgeInterval <= 0 {
		cfg.PurgeInterval = DefaultPurgeInterval
	}
}

// purged counts what one purge removed.
type purged struct{ events, jobs int64 }

// purge removes the events and ended jobs past their retention (the
// engine's AuditLogCleanupManager and JobRepositoryCleanupManager), in one
// transaction. Events go in index order: by count (all but the newest
// EventMaxCount), then from the oldest while older than EventMaxAge, which
// reads only the events it removes and one more. Ended, auto-cleared jobs
// go with their steps when older than their status's age (finished:
// JobSucceededMaxAge; failed, aborted, unknown: JobFailedMaxAge), and the
// oldest ended ones beyond JobMaxCount; started jobs always stay.
func (e *Engine) purge(ctx context.Context) (purged, error) {
	var p purged
	now := e.now()
	err := e.st.Update(ctx, func(tx *store.Tx) error {
		p = purged{}
		if n := e.cfg.EventMaxCount; n > 0 {
			k, err := tx.KeepNewest(kindEvent, n)
			if err != nil {
				return err
			}
			p.events += k
		}
		if age := e.cfg.EventMaxAge; age > 0 {
			cut := now.Add(-age)
			through, after := int64(-1), int64(-1)
		scan:
			for {
				evs, err := store.ListAfterJSON[ovirt.Event](tx, kindEvent, after, purgeBatch)
				if err != nil {
					return err
				}
				for _, ev := range evs {
					if !ev.Time.Value().Before(cut) {
						break scan
					}
					through = ev.Index.Value()
				}
				if len(evs) < purgeBatch {
					break
				}
				after = evs[len(evs)-1].Index.Value()
			}
			if through >= 0 {
				k, err := tx.DeleteThrough(kindEvent, through)
				if err != nil {
					return err
				}
				p.events += k
			}
		}
		jobs, err := store.ListAllJSON[ovirt.Job](tx, kindJob)
		if err != nil {
			return err
		}
		var ended []ovirt.Job
		for _, j := range jobs {
			if j.Status != ovirt.JobStatusStarted && j.AutoCleared.Or(true) {
				ended = append(ended, j)
			}
		}
		keep := len(ended)
		if n := e.cfg.JobMaxCount; n > 0 && keep > n {
			keep = n
		}
		for i, j := range ended { // insertion order: oldest first
			age := e.cfg.JobFailedMaxAge
			if j.Status == ovirt.JobStatusFinished {
				age = e.cfg.JobSucceededMaxAge
			}
			tooMany := i < len(ended)-keep
			tooOld := age > 0 && j.EndTime != nil && j.EndTime.Value().Before(now.Add(-age))
			if !tooMany && !tooOld {
				continue
			}
			if _, err := tx.DeleteChildren(kindStep, j.ID); err != nil {
				return err
			}
			if err := tx.Delete(kindJob, j.ID); err != nil {
				return err
			}
			p.jobs++
		}
		return nil
	})
	return p, err
}

// purgeLoop purges at once and then every PurgeInterval until the engine
// stops.
func (e *Engine) purgeLoop(ctx context.Context) {
	t := time.NewTicker(e.cfg.PurgeInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		p, err := e.purge(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			e.log.Warn("purging old events and jobs failed", "err", err)
		case p.events > 0 || p.jobs > 0:
			e.log.Info("purged old events and jobs", "events", p.events, "jobs", p.jobs)
		}
	}
}
