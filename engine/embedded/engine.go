package embedded

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"v6admin/engine/embedded/store"
)

// DefaultAdminPassword is the password of admin@internal when
// Config.AdminPassword is empty (demo default; the server prints it).
const DefaultAdminPassword = "v6admin-demo"

// Defaults of the Config durations and limits.
const (
	DefaultInstallDelay = 3 * time.Second
	// DefaultConnectivityTimeout is the engine's
	// NetworkConnectivityCheckTimeoutInSeconds (120 s).
	DefaultConnectivityTimeout = 120 * time.Second
	DefaultTokenTTL            = 10 * time.Hour
	DefaultMaxBodyBytes        = 1 << 20
)

// AdminUser is the only user: the SSO user name, and (with the authz
// suffix) the name the engine writes in events and jobs.
const (
	AdminUser      = "admin@internal"
	adminAuthzName = "admin@internal-authz"
)

// Config configures Open.
type Config struct {
	// DataDir holds engine.db; it is created if needed.
	DataDir string
	// AdminPassword is the password of admin@internal; empty means
	// DefaultAdminPassword. It is kept in memory only (as a SHA-256 digest).
	AdminPassword string
	// AdminPasswordHash, when set, is the SHA-256 of the password of
	// admin@internal and wins over AdminPassword (a generated password the
	// server keeps only as its digest).
	AdminPasswordHash *[32]byte
	// Logger receives operational logs (never passwords or tokens); nil
	// discards them.
	Logger *slog.Logger
	// Clock returns the current time; nil means time.Now.
	Clock func() time.Time
	// InstallDelay is how long a simulated host installation takes
	// (installing -> up). Zero means DefaultInstallDelay; tests use a few ms.
	InstallDelay time.Duration
	// NetworkApplyDelay is how long simulated vdsm takes to apply a
	// setupnetworks request, holding the host's network lock. Zero: none.
	// The change's job (started) and event 10902 are visible meanwhile.
	NetworkApplyDelay time.Duration
	// VMBootDelay is how long a simulated guest takes to boot (the VM is
	// powering_up, its job started); MigrationDelay how long a migration
	// takes (the VM is migrating). Zero means DefaultVMBootDelay,
	// DefaultMigrationDelay.
	VMBootDelay, MigrationDelay time.Duration
	// ConnectivityTimeout is how long simulated vdsm waits for the engine
	// before rolling back a change that cut the management network off,
	// when the request gives no connectivity_timeout (the engine's
	// NetworkConnectivityCheckTimeoutInSeconds; attachment add, update and
	// remove and syncallnetworks always use it). Zero means
	// DefaultConnectivityTimeout.
	ConnectivityTimeout time.Duration
	// ScaleHost adds, once, a data center and cluster "Scale" with 256
	// networks and the host scale0 with 128 NICs (see ScaleHostName), for
	// measurements at scale. The demo lab is unchanged.
	ScaleHost bool
	// LegacyLab adds, once, the cluster "Legacy" (data center Default) with the
	// hosts legacy1 and legacy2, a storage domain, two providers and the VM
	// legacy0: the IPv6 traps that make every readiness check fire (see
	// seedLegacy). The demo lab is unchanged.
	LegacyLab bool
	// TokenTTL is the lifetime of SSO tokens; zero means DefaultTokenTTL.
	TokenTTL time.Duration
	// MaxBodyBytes limits request bodies (413 above); zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64

	// Retention, purged at Open and every PurgeInterval (see purge): zero
	// means the Default…, a negative age or count no limit. Events older
	// than EventMaxAge and beyond the newest EventMaxCount go; ended jobs
	// (with their steps) after JobSucceededMaxAge (finished) or
	// JobFailedMaxAge (failed, aborted), and beyond the newest JobMaxCount.
	EventMaxAge                         time.Duration
	EventMaxCount                       int
	JobSucceededMaxAge, JobFailedMaxAge time.Duration
	JobMaxCount                         int
	PurgeInterval                       time.Duration
}

// Engine is the embedded engine: an http.Handler serving the oVirt Engine
// REST API v4 subset, backed by a SQLite document store.
type Engine struct {
	cfg     Config
	log     *slog.Logger
	now     func() time.Time
	st      *store.Store
	pwHash  [32]byte
	handler http.Handler
	mux     *patternMux

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	bgMu   sync.Mutex // orders goBackground against Close

	locks  hostLocks
	tokens tokenCache

	instanceID string
	adminID    string

	// beforeApply, when set (tests), runs while a host network change
	// holds the host's lock, before the change is written.
	beforeApply func(hostID string)
	// sshKey is the engine's SSH key (see sshkey.go).
	sshKey ed25519.PrivateKey

	// beforeInstall, when set (tests), runs as a simulated installation
	// finishes; an error makes the installation fail.
	beforeInstall func(hostID string) error

	closeOnce sync.Once
	closeErr  error
}

// Open opens (and on first use creates and seeds) the engine database in
// cfg.DataDir and starts the background simulations.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("embedded: Config.DataDir is empty")
	}
	if cfg.AdminPassword == "" {
		cfg.AdminPassword = DefaultAdminPassword
	}
	if cfg.InstallDelay <= 0 {
		cfg.InstallDelay = DefaultInstallDelay
	}
	if cfg.VMBootDelay <= 0 {
		cfg.VMBootDelay = DefaultVMBootDelay
	}
	if cfg.MigrationDelay <= 0 {
		cfg.MigrationDelay = DefaultMigrationDelay
	}
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = DefaultTokenTTL
	}
	if cfg.ConnectivityTimeout <= 0 {
		cfg.ConnectivityTimeout = DefaultConnectivityTimeout
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	retentionDefaults(&cfg)
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	now := cfg.Clock
	if now == nil {
		now = time.Now
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	st, err := store.Open(filepath.Join(cfg.DataDir, "engine.db"))
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	e := &Engine{
		cfg:    cfg,
		log:    log,
		now:    now,
		st:     st,
		pwHash: sha256.Sum256([]byte(cfg.AdminPassword)),
	}
	if cfg.AdminPasswordHash != nil {
		e.pwHash = *cfg.AdminPasswordHash
	}
	e.ctx, e.cancel = context.WithCancel(context.Background())
	e.locks.m = map[string]*sync.Mutex{}
	e.tokens.m = map[string]time.Time{}
	cfg.AdminPassword = ""
	e.cfg.AdminPassword = ""

	if err := e.seedIfNew(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := e.ensureLab(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := e.ensureSSHKey(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := e.st.View(ctx, func(tx *store.Tx) error {
		var err error
		if e.instanceID, err = tx.Meta(metaInstanceID); err != nil {
			return err
		}
		e.adminID, err = tx.Meta(metaAdminID)
		return err
	}); err != nil {
		st.Close()
		return nil, fmt.Errorf("embedded: read meta: %w", err)
	}
	if err := e.seedVMsIfMissing(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if cfg.LegacyLab {
		if err := e.seedLegacyIfMissing(ctx); err != nil {
			st.Close()
			return nil, err
		}
	}
	if cfg.ScaleHost {
		if err := e.seedScaleIfMissing(ctx); err != nil {
			st.Close()
			return nil, err
		}
	}
	if err := e.recoverNetJobs(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("embedded: %w", err)
	}
	if p, err := e.purge(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("embedded: purge: %w", err)
	} else if p.events > 0 || p.jobs > 0 {
		log.Info("purged old events and jobs", "events", p.events, "jobs", p.jobs)
	}
	e.mux = e.routes()
	e.handler = http.HandlerFunc(e.serve)
	if err := e.resumeInstalls(ctx); err != nil {
		e.Close()
		return nil, err
	}
	if err := e.resumeVMs(ctx); err != nil {
		e.Close()
		return nil, err
	}
	e.goBackground(e.purgeLoop)
	log.Info("embedded engine open", "db", filepath.Join(cfg.DataDir, "engine.db"), "instance", e.instanceID)
	return e, nil
}

// Handler returns the HTTP handler. Mount it at the root of a listener: it
// serves /ovirt-engine/api/..., /ovirt-engine/sso/oauth/token and
// /ovirt-engine/services/sso-logout.
func (e *Engine) Handler() http.Handler { return e.handler }

// Stop stops the background simulations and makes host network changes
// that are waiting (Config.NetworkApplyDelay, a connectivity check) give
// up: each records its job as aborted with event 10904 and answers 503, as
// do new changes. Other requests keep working until Close. A server calls
// it when its graceful shutdown starts, so that shutdown need not wait out
// a connectivity check; Close calls it too.
func (e *Engine) Stop() {
	e.bgMu.Lock()
	e.cancel()
	e.bgMu.Unlock()
}

// Close stops the engine (see Stop), waits for the background work and the
// host network changes to record their outcome, and closes the database.
func (e *Engine) Close() error {
	e.closeOnce.Do(func() {
		e.Stop()
		e.wg.Wait()
		e.closeErr = e.st.Close()
	})
	return e.closeErr
}

// newID returns a random (version 4) UUID.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return formatUUID(b)
}

// stableID returns a name-based UUID (version 5 layout, SHA-256 based)
// for objects whose id must not change between renders (statistics).
func stableID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return formatUUID(b)
}

func formatUUID(b [16]byte) string {
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// hostLocks is the per-host network operation lock (the engine's
// in-memory EngineLock on the host during setup networks).
type hostLocks struct {
	mu sync.Mutex
	m  map[string]*sync.Mutex
}

func (l *hostLocks) get(id string) *sync.Mutex {
	l.mu.Lock()
	defer l.mu.Unlock()
	m, ok := l.m[id]
	if !ok {
		m = &sync.Mutex{}
		l.m[id] = m
	}
	return m
}

// tryLock takes the host's lock without waiting.
func (l *hostLocks) tryLock(id string) (unlock func(), ok bool) {
	m := l.get(id)
	if !m.TryLock() {
		return nil, false
	}
	return m.Unlock, true
}

// lock takes the host's lock, waiting for it.
func (l *hostLocks) lock(id string) (unlock func()) {
	m := l.get(id)
	m.Lock()
	return m.Unlock
}
