package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		id   string
		n    int64
		want bool
	}{
		{"0", 0, true}, {"42", 42, true}, {"000017", 17, true},
		{"999999999999999999", 999999999999999999, true},
		{"1000000000000000000", 0, false}, // 19 digits: not numbered
		{"", 0, false}, {"-1", 0, false}, {"+1", 0, false}, {" 1", 0, false},
		{"1a", 0, false}, {"0bd2f6c4-3f1e-4f4e-8b8e-000000000001", 0, false},
	} {
		got := number(c.id)
		if got.Valid != c.want || got.Int64 != c.n {
			t.Errorf("number(%q) = %v, want %d %v", c.id, got, c.n, c.want)
		}
	}
}

func TestNumberedDocuments(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	mustUpdate(t, s, func(tx *Tx) error {
		for i := 1; i <= 10; i++ {
			if err := tx.Put("event", fmt.Sprint(i), "", "", fmt.Appendf(nil, "e%d", i)); err != nil {
				return err
			}
		}
		// Other kinds and non-numeric ids are not numbered documents of kind event.
		if err := tx.Put("event", "x7", "", "", []byte("x7")); err != nil {
			return err
		}
		return tx.Put("job", "5", "", "", []byte("j5"))
	})
	strs := func(bs [][]byte) string {
		var out []string
		for _, b := range bs {
			out = append(out, string(b))
		}
		return strings.Join(out, " ")
	}
	view := func(fn func(tx *Tx) ([][]byte, error)) string {
		t.Helper()
		var got string
		if err := s.View(ctx, func(tx *Tx) error {
			bs, err := fn(tx)
			got = strs(bs)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, c := range []struct {
		name string
		fn   func(tx *Tx) ([][]byte, error)
		want string
	}{
		{"after 7", func(tx *Tx) ([][]byte, error) { return tx.ListAfter("event", 7, -1) }, "e8 e9 e10"},
		{"after 0 limit 2", func(tx *Tx) ([][]byte, error) { return tx.ListAfter("event", 0, 2) }, "e1 e2"},
		{"after -1", func(tx *Tx) ([][]byte, error) { return tx.ListAfter("event", -1, 3) }, "e1 e2 e3"},
		{"after 10", func(tx *Tx) ([][]byte, error) { return tx.ListAfter("event", 10, -1) }, ""},
		{"after max", func(tx *Tx) ([][]byte, error) { return tx.ListAfter("event", 1<<62, -1) }, ""},
		{"newest 3", func(tx *Tx) ([][]byte, error) { return tx.ListNewest("event", 3) }, "e10 e9 e8"},
		{"newest job", func(tx *Tx) ([][]byte, error) { return tx.ListNewest("job", -1) }, "j5"},
	} {
		if got := view(c.fn); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}

	var n int64
	mustUpdate(t, s, func(tx *Tx) (err error) { n, err = tx.DeleteThrough("event", 3); return })
	if n != 3 {
		t.Errorf("DeleteThrough 3 removed %d, want 3", n)
	}
	mustUpdate(t, s, func(tx *Tx) (err error) { n, err = tx.KeepNewest("event", 4); return })
	if n != 3 {
		t.Errorf("KeepNewest 4 removed %d, want 3 (4..6)", n)
	}
	mustUpdate(t, s, func(tx *Tx) (err error) { n, err = tx.KeepNewest("event", 100); return })
	if n != 0 {
		t.Errorf("KeepNewest 100 removed %d, want 0", n)
	}
	if got := view(func(tx *Tx) ([][]byte, error) { return tx.ListAfter("event", -1, -1) }); got != "e7 e8 e9 e10" {
		t.Errorf("left %q, want e7 e8 e9 e10", got)
	}
	if got := listStrings(t, s, "event", ""); strings.Join(got, " ") != "e7 e8 e9 e10 x7" {
		t.Errorf("all events %q: the unnumbered x7 must stay", got)
	}
	if got := listStrings(t, s, "job", ""); strings.Join(got, " ") != "j5" {
		t.Errorf("jobs %q: another kind must stay", got)
	}
	mustUpdate(t, s, func(tx *Tx) (err error) { n, err = tx.KeepNewest("event", 0); return })
	if n != 4 {
		t.Errorf("KeepNewest 0 removed %d, want 4", n)
	}
	mustUpdate(t, s, func(tx *Tx) error {
		if _, err := tx.KeepNewest("event", -1); err == nil {
			t.Error("KeepNewest -1: no error")
		}
		return nil
	})
}

// indexSearch is the plan of a search (not a scan) of the (kind, num) index.
var indexSearch = regexp.MustCompile(`^SEARCH objects USING (COVERING )?INDEX objects_kind_num \(kind=\? AND num[<>]\?\)$`)

// TestNumberedQueriesUseIndex proves that polls and purges of numbered
// documents read the (kind, num) index and never scan the table.
func TestNumberedQueriesUseIndex(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	mustUpdate(t, s, func(tx *Tx) error {
		for i := 1; i <= 2000; i++ {
			if err := tx.Put("event", fmt.Sprint(i), "", "", []byte("{}")); err != nil {
				return err
			}
			if err := tx.Put("host_nic", fmt.Sprintf("nic-%d", i), "h", "", []byte("{}")); err != nil {
				return err
			}
		}
		return nil
	})
	if _, err := s.w.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT body FROM objects WHERE kind = 'event' AND num > 1990 ORDER BY num LIMIT -1`,
		`SELECT body FROM objects WHERE kind = 'event' AND num IS NOT NULL ORDER BY num DESC LIMIT 1`,
		`SELECT num FROM objects WHERE kind = 'event' AND num IS NOT NULL ORDER BY num DESC LIMIT 1 OFFSET 100`,
		`DELETE FROM objects WHERE kind = 'event' AND num <= 5`,
	} {
		rows, err := s.w.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if !indexSearch.MatchString(p) || strings.Contains(p, "SCAN") || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%s\nplan %q: want a search of objects_kind_num, no scan, no sort", q, p)
		}
		if testing.Verbose() {
			t.Logf("%s: %s", q, p)
		}
	}
}

// TestMigrationNumbersOldDocuments opens a database written before the num
// column existed: its numeric ids are numbered by the migration.
func TestMigrationNumbersOldDocuments(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "engine.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0],
		`INSERT INTO objects (kind, id, seq, body) VALUES ('event', '1', 1, 'e1'), ('event', '2', 2, 'e2'),
			('event', '3', 3, 'e3'), ('host', '0bd2-x', 4, 'h')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.View(ctx, func(tx *Tx) error {
		bs, err := tx.ListAfter("event", 1, -1)
		if err != nil {
			return err
		}
		if len(bs) != 2 || string(bs[0]) != "e2" || string(bs[1]) != "e3" {
			t.Errorf("after 1: %q, want e2 e3", bs)
		}
		bs, err = tx.ListNewest("host", -1)
		if len(bs) != 0 {
			t.Errorf("host with a UUID id numbered: %q", bs)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
