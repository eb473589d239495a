package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations[i] brings the schema from user_version i to i+1. Append only;
// never edit a released step.
var migrations = []string{
	`CREATE TABLE IF NOT EXISTS objects (
		kind   TEXT    NOT NULL,
		id     TEXT    NOT NULL,
		parent TEXT    NOT NULL DEFAULT '',
		name   TEXT    NOT NULL DEFAULT '',
		seq    INTEGER NOT NULL,
		body   BLOB    NOT NULL,
		PRIMARY KEY (kind, id)
	);
	CREATE INDEX IF NOT EXISTS objects_kind_parent ON objects (kind, parent, seq);
	CREATE INDEX IF NOT EXISTS objects_kind_name ON objects (kind, name);
	CREATE TABLE IF NOT EXISTS counters (
		name  TEXT    NOT NULL PRIMARY KEY,
		value INTEGER NOT NULL
	) WITHOUT ROWID;
	CREATE TABLE IF NOT EXISTS meta (
		key   TEXT NOT NULL PRIMARY KEY,
		value TEXT NOT NULL
	) WITHOUT ROWID;`,
	// Documents whose id is a decimal number (event indexes) are also
	// numbered by it, so that "newer than N", "the newest N" and "up to N"
	// read an index instead of the whole kind.
	`ALTER TABLE objects ADD COLUMN num INTEGER;
	UPDATE objects SET num = CAST(id AS INTEGER)
		WHERE id <> '' AND id NOT GLOB '*[^0-9]*' AND length(id) <= 18;
	CREATE INDEX IF NOT EXISTS objects_kind_num ON objects (kind, num);`,
}

// migrate applies the pending migrations in one transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program supports (%d)", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	// PRAGMA takes no bound parameters; the value is a trusted integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}

// stmts holds the statements the store prepares once per connection pool.
type stmts struct {
	get, list, listAll, find             *sql.Stmt
	update, insert, del, delChildren     *sql.Stmt
	nextSeq, getMeta, setMeta            *sql.Stmt
	after, newest, delThrough, nthNewest *sql.Stmt
	all                                  []*sql.Stmt
}

func prepare(ctx context.Context, db *sql.DB) (*stmts, error) {
	s := &stmts{}
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&s.get, `SELECT body FROM objects WHERE kind = ?1 AND id = ?2`},
		{&s.list, `SELECT body FROM objects WHERE kind = ?1 AND parent = ?2 ORDER BY seq`},
		{&s.listAll, `SELECT body FROM objects WHERE kind = ?1 ORDER BY seq`},
		{&s.find, `SELECT id, body FROM objects WHERE kind = ?1 AND name = ?3 AND parent = ?2 ORDER BY seq LIMIT 1`},
		{&s.update, `UPDATE objects SET parent = ?3, name = ?4, body = ?5 WHERE kind = ?1 AND id = ?2`},
		{&s.insert, `INSERT INTO objects (kind, id, parent, name, seq, body, num) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`},
		{&s.after, `SELECT body FROM objects WHERE kind = ?1 AND num > ?2 ORDER BY num LIMIT ?3`},
		{&s.newest, `SELECT body FROM objects WHERE kind = ?1 AND num IS NOT NULL ORDER BY num DESC LIMIT ?2`},
		{&s.delThrough, `DELETE FROM objects WHERE kind = ?1 AND num <= ?2`},
		{&s.nthNewest, `SELECT num FROM objects WHERE kind = ?1 AND num IS NOT NULL ORDER BY num DESC LIMIT 1 OFFSET ?2`},
		{&s.del, `DELETE FROM objects WHERE kind = ?1 AND id = ?2`},
		{&s.delChildren, `DELETE FROM objects WHERE kind = ?1 AND parent = ?2`},
		{&s.nextSeq, `INSERT INTO counters (name, value) VALUES (?1, 1)
			ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`},
		{&s.getMeta, `SELECT value FROM meta WHERE key = ?1`},
		{&s.setMeta, `INSERT INTO meta (key, value) VALUES (?1, ?2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`},
	} {
		st, err := db.PrepareContext(ctx, p.query)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("%w (%s)", err, p.query)
		}
		*p.dst = st
		s.all = append(s.all, st)
	}
	return s, nil
}

func (s *stmts) close() {
	if s == nil {
		return
	}
	for _, st := range s.all {
		st.Close()
	}
}
