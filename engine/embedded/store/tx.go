package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Tx is a transaction opened by Store.Update or Store.View. It is only valid
// inside the callback it was passed to and must not be shared between
// goroutines. Write methods fail inside View.
type Tx struct {
	ctx   context.Context
	tx    *sql.Tx
	ps    *stmts
	cache map[*sql.Stmt]*sql.Stmt // prepared statements bound to tx
}

// stmt returns the transaction-bound version of a prepared statement.
func (t *Tx) stmt(s *sql.Stmt) *sql.Stmt {
	if ts, ok := t.cache[s]; ok {
		return ts
	}
	if t.cache == nil {
		t.cache = make(map[*sql.Stmt]*sql.Stmt, 4)
	}
	ts := t.tx.StmtContext(t.ctx, s)
	t.cache[s] = ts
	return ts
}

// Get returns the body of document (kind, id), or ErrNotFound.
func (t *Tx) Get(kind, id string) ([]byte, error) {
	return getBody(t.stmt(t.ps.get).QueryRowContext(t.ctx, kind, id))
}

// List returns the bodies of the documents of kind whose parent is parent
// ("" for top-level documents), in insertion order.
func (t *Tx) List(kind, parent string) ([][]byte, error) {
	return bodies(t.stmt(t.ps.list).QueryContext(t.ctx, kind, parent))
}

// ListAll returns the bodies of all documents of kind, in insertion order.
func (t *Tx) ListAll(kind string) ([][]byte, error) {
	return bodies(t.stmt(t.ps.listAll).QueryContext(t.ctx, kind))
}

// FindByName returns the id and body of the document of kind under parent
// called name (the oldest one if several are), or ErrNotFound. Use it to
// enforce name uniqueness before Put.
func (t *Tx) FindByName(kind, parent, name string) (id string, body []byte, err error) {
	err = t.stmt(t.ps.find).QueryRowContext(t.ctx, kind, parent, name).Scan(&id, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, ErrNotFound
	}
	if err != nil {
		return "", nil, fmt.Errorf("store: %w", err)
	}
	return id, body, nil
}

// Put creates or replaces document (kind, id). A replaced document keeps its
// place in the listing order; parent and name are updated.
func (t *Tx) Put(kind, id, parent, name string, body []byte) error {
	if kind == "" || id == "" {
		return errors.New("store: Put needs a kind and an id")
	}
	if body == nil {
		body = []byte{} // body is NOT NULL
	}
	res, err := t.stmt(t.ps.update).ExecContext(t.ctx, kind, id, parent, name, body)
	if err != nil {
		return fmt.Errorf("store: put %s/%s: %w", kind, id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: put %s/%s: %w", kind, id, err)
	} else if n > 0 {
		return nil
	}
	seq, err := t.nextSeq(objectSeq)
	if err != nil {
		return err
	}
	if _, err := t.stmt(t.ps.insert).ExecContext(t.ctx, kind, id, parent, name, seq, body, number(id)); err != nil {
		return fmt.Errorf("store: put %s/%s: %w", kind, id, err)
	}
	return nil
}

// number is the number of a document whose id is a decimal number of at
// most 18 digits (no sign, no spaces), else NULL.
func number(id string) sql.NullInt64 {
	if id == "" || len(id) > 18 {
		return sql.NullInt64{}
	}
	var n int64
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return sql.NullInt64{}
		}
		n = n*10 + int64(c-'0')
	}
	return sql.NullInt64{Int64: n, Valid: true}
}

// ListAfter returns, in ascending order of their number, the bodies of at
// most limit documents of kind whose id is a decimal number greater than
// after (limit < 0: all of them). It reads an index: its cost grows with
// what it returns, not with the size of the kind.
func (t *Tx) ListAfter(kind string, after int64, limit int) ([][]byte, error) {
	return bodies(t.stmt(t.ps.after).QueryContext(t.ctx, kind, after, limit))
}

// ListNewest returns the bodies of the limit numbered documents of kind
// with the greatest numbers, greatest first (limit < 0: all of them).
func (t *Tx) ListNewest(kind string, limit int) ([][]byte, error) {
	return bodies(t.stmt(t.ps.newest).QueryContext(t.ctx, kind, limit))
}

// DeleteThrough removes the documents of kind numbered n or less and
// returns how many there were.
func (t *Tx) DeleteThrough(kind string, n int64) (int64, error) {
	res, err := t.stmt(t.ps.delThrough).ExecContext(t.ctx, kind, n)
	if err != nil {
		return 0, fmt.Errorf("store: delete %s through %d: %w", kind, n, err)
	}
	return res.RowsAffected()
}

// KeepNewest removes all but the keep numbered documents of kind with the
// greatest numbers and returns how many it removed.
func (t *Tx) KeepNewest(kind string, keep int) (int64, error) {
	if keep < 0 {
		return 0, errors.New("store: KeepNewest needs keep >= 0")
	}
	var n int64
	err := t.stmt(t.ps.nthNewest).QueryRowContext(t.ctx, kind, keep).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // keep or fewer
	}
	if err != nil {
		return 0, fmt.Errorf("store: %s beyond the newest %d: %w", kind, keep, err)
	}
	return t.DeleteThrough(kind, n)
}

// Delete removes document (kind, id); it returns ErrNotFound if there was
// none.
func (t *Tx) Delete(kind, id string) error {
	res, err := t.stmt(t.ps.del).ExecContext(t.ctx, kind, id)
	if err != nil {
		return fmt.Errorf("store: delete %s/%s: %w", kind, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: delete %s/%s: %w", kind, id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteChildren removes every document of kind whose parent is parent and
// returns how many there were.
func (t *Tx) DeleteChildren(kind, parent string) (int64, error) {
	res, err := t.stmt(t.ps.delChildren).ExecContext(t.ctx, kind, parent)
	if err != nil {
		return 0, fmt.Errorf("store: delete %s under %q: %w", kind, parent, err)
	}
	return res.RowsAffected()
}

// NextSeq increments the counter called name and returns its new value; the
// first value is 1. Counters never go back, even if documents are deleted.
func (t *Tx) NextSeq(name string) (int64, error) {
	if name == "" {
		return 0, errors.New("store: NextSeq needs a counter name")
	}
	return t.nextSeq(name)
}

func (t *Tx) nextSeq(name string) (int64, error) {
	var v int64
	if err := t.stmt(t.ps.nextSeq).QueryRowContext(t.ctx, name).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: counter %q: %w", name, err)
	}
	return v, nil
}

// Meta returns the value stored under key, or ErrNotFound.
func (t *Tx) Meta(key string) (string, error) {
	var v string
	err := t.stmt(t.ps.getMeta).QueryRowContext(t.ctx, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: meta %q: %w", key, err)
	}
	return v, nil
}

// SetMeta stores value under key.
func (t *Tx) SetMeta(key, value string) error {
	if _, err := t.stmt(t.ps.setMeta).ExecContext(t.ctx, key, value); err != nil {
		return fmt.Errorf("store: meta %q: %w", key, err)
	}
	return nil
}
