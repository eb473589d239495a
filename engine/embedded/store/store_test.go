package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func openTest(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "engine.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func mustUpdate(t testing.TB, s *Store, fn func(tx *Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func listStrings(t testing.TB, s *Store, kind, parent string) []string {
	t.Helper()
	bs, err := s.List(context.Background(), kind, parent)
	if err != nil {
		t.Fatalf("List(%s,%q): %v", kind, parent, err)
	}
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}

func TestCRUD(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	put := func(kind, id, parent, name, body string) func(*Tx) error {
		return func(tx *Tx) error { return tx.Put(kind, id, parent, name, []byte(body)) }
	}
	del := func(kind, id string) func(*Tx) error {
		return func(tx *Tx) error { return tx.Delete(kind, id) }
	}
	steps := []struct {
		name    string
		op      func(*Tx) error
		wantErr error
		kind    string
		parent  string
		want    []string // List(kind, parent) after the step
	}{
		{"insert host", put("host", "h1", "", "alpha", `{"n":1}`), nil, "host", "", []string{`{"n":1}`}},
		{"insert second host", put("host", "h2", "", "beta", `{"n":2}`), nil, "host", "", []string{`{"n":1}`, `{"n":2}`}},
		{"replace keeps order", put("host", "h1", "", "alpha", `{"n":10}`), nil, "host", "", []string{`{"n":10}`, `{"n":2}`}},
		{"nic under h1", put("host_nic", "n1", "h1", "eth0", `{"nic":"eth0"}`), nil, "host_nic", "h1", []string{`{"nic":"eth0"}`}},
		{"nic under h2", put("host_nic", "n2", "h2", "eth0", `{"nic":"eth0@h2"}`), nil, "host_nic", "h1", []string{`{"nic":"eth0"}`}},
		{"same id other kind", put("network", "h1", "", "ovirtmgmt", `{}`), nil, "host", "", []string{`{"n":10}`, `{"n":2}`}},
		{"delete", del("host", "h1"), nil, "host", "", []string{`{"n":2}`}},
		{"delete missing", del("host", "h1"), ErrNotFound, "host", "", []string{`{"n":2}`}},
		{"put without id", put("host", "", "", "", `{}`), nil, "", "", nil},
		{"reinsert goes last", put("host", "h1", "", "alpha", `{"n":1}`), nil, "host", "", []string{`{"n":2}`, `{"n":1}`}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			err := s.Update(ctx, st.op)
			if st.kind == "" { // expect a plain error
				if err == nil {
					t.Fatal("want an error")
				}
				return
			}
			if !errors.Is(err, st.wantErr) {
				t.Fatalf("err = %v, want %v", err, st.wantErr)
			}
			if got := listStrings(t, s, st.kind, st.parent); !equal(got, st.want) {
				t.Errorf("List = %q, want %q", got, st.want)
			}
		})
	}

	if b, err := s.Get(ctx, "host_nic", "n2"); err != nil || string(b) != `{"nic":"eth0@h2"}` {
		t.Errorf("Get = %q, %v", b, err)
	}
	if _, err := s.Get(ctx, "host", "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get missing: err = %v, want ErrNotFound", err)
	}
	all, err := s.ListAll(ctx, "host_nic")
	if err != nil || len(all) != 2 {
		t.Errorf("ListAll = %d docs, %v; want 2", len(all), err)
	}
}

func equal(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}

func TestFindByNameAndChildren(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	mustUpdate(t, s, func(tx *Tx) error {
		for _, d := range []struct{ kind, id, parent, name string }{
			{"network", "net1", "dc1", "ovirtmgmt"},
			{"network", "net2", "dc2", "ovirtmgmt"},
			{"network", "net3", "dc1", "storage"},
			{"host_nic", "a", "h1", "eth0"},
			{"host_nic", "b", "h1", "eth1"},
			{"host_nic", "c", "h2", "eth0"},
		} {
			if err := tx.Put(d.kind, d.id, d.parent, d.name, []byte(`"`+d.id+`"`)); err != nil {
				return err
			}
		}
		return nil
	})
	err := s.View(ctx, func(tx *Tx) error {
		for _, c := range []struct {
			kind, parent, name string
			wantID             string
		}{
			{"network", "dc1", "ovirtmgmt", "net1"},
			{"network", "dc2", "ovirtmgmt", "net2"},
			{"network", "dc1", "storage", "net3"},
			{"network", "dc2", "storage", ""},
			{"host_nic", "h2", "eth0", "c"},
		} {
			id, body, err := tx.FindByName(c.kind, c.parent, c.name)
			if c.wantID == "" {
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("FindByName(%v) err = %v, want ErrNotFound", c, err)
				}
				continue
			}
			if err != nil || id != c.wantID || string(body) != `"`+c.wantID+`"` {
				t.Errorf("FindByName(%v) = %q, %q, %v", c, id, body, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *Tx) error {
		n, err := tx.DeleteChildren("host_nic", "h1")
		if n != 2 {
			t.Errorf("DeleteChildren = %d, want 2", n)
		}
		return err
	})
	if got := listStrings(t, s, "host_nic", "h1"); len(got) != 0 {
		t.Errorf("children left: %q", got)
	}
	if got := listStrings(t, s, "host_nic", "h2"); !equal(got, []string{`"c"`}) {
		t.Errorf("other host's children: %q", got)
	}
}

func TestCountersAndMeta(t *testing.T) {
	s, path := openTest(t)
	mustUpdate(t, s, func(tx *Tx) error {
		for want := int64(1); want <= 3; want++ {
			if got, err := tx.NextSeq("event"); err != nil || got != want {
				t.Errorf("NextSeq = %d, %v; want %d", got, err, want)
			}
		}
		if got, _ := tx.NextSeq("job"); got != 1 {
			t.Errorf("independent counter = %d, want 1", got)
		}
		if _, err := tx.NextSeq(""); err == nil {
			t.Error("NextSeq(\"\") should fail")
		}
		if _, err := tx.Meta("seeded"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Meta missing: %v", err)
		}
		return tx.SetMeta("seeded", "v1")
	})
	s.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustUpdate(t, s, func(tx *Tx) error {
		if got, _ := tx.NextSeq("event"); got != 4 {
			t.Errorf("NextSeq after reopen = %d, want 4", got)
		}
		if v, err := tx.Meta("seeded"); v != "v1" || err != nil {
			t.Errorf("Meta = %q, %v", v, err)
		}
		return tx.SetMeta("seeded", "v2")
	})
	s.View(context.Background(), func(tx *Tx) error {
		if v, _ := tx.Meta("seeded"); v != "v2" {
			t.Errorf("Meta after overwrite = %q", v)
		}
		return nil
	})
}

func TestRollback(t *testing.T) {
	errBoom := errors.New("boom")
	cases := []struct {
		name  string
		fail  func() error // called after the writes
		panic bool
	}{
		{"error", func() error { return errBoom }, false},
		{"panic", func() error { panic(errBoom) }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := openTest(t)
			mustUpdate(t, s, func(tx *Tx) error { return tx.Put("vm", "keep", "", "", []byte(`1`)) })

			var recovered any
			err := func() (err error) {
				defer func() { recovered = recover() }()
				return s.Update(ctx, func(tx *Tx) error {
					for i := range 10 {
						if err := tx.Put("vm", fmt.Sprint(i), "", "", []byte(`2`)); err != nil {
							return err
						}
					}
					if err := tx.Put("vm", "keep", "", "", []byte(`changed`)); err != nil {
						return err
					}
					if err := tx.Delete("vm", "keep"); err != nil {
						return err
					}
					if _, err := tx.NextSeq("event"); err != nil {
						return err
					}
					return c.fail()
				})
			}()
			if c.panic {
				if recovered != errBoom {
					t.Fatalf("recovered %v, want the original panic", recovered)
				}
			} else if !errors.Is(err, errBoom) {
				t.Fatalf("err = %v, want %v", err, errBoom)
			}

			if got := listStrings(t, s, "vm", ""); !equal(got, []string{"1"}) {
				t.Errorf("after rollback List = %q, want [1]", got)
			}
			// The writer connection is usable again and the counter untouched.
			mustUpdate(t, s, func(tx *Tx) error {
				if n, err := tx.NextSeq("event"); n != 1 {
					t.Errorf("counter after rollback = %d, %v; want 1", n, err)
				}
				return nil
			})
		})
	}
}

func TestViewIsReadOnlySnapshot(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	mustUpdate(t, s, func(tx *Tx) error { return tx.Put("host", "h1", "", "", []byte(`"old"`)) })

	err := s.View(ctx, func(tx *Tx) error {
		if err := tx.Put("host", "h2", "", "", []byte(`{}`)); err == nil {
			t.Error("Put inside View succeeded")
		}
		first, err := tx.Get("host", "h1")
		if err != nil {
			return err
		}
		// A concurrent writer commits while the snapshot is open.
		mustUpdate(t, s, func(tx *Tx) error { return tx.Put("host", "h1", "", "", []byte(`"new"`)) })
		again, err := tx.Get("host", "h1")
		if err != nil {
			return err
		}
		if !bytes.Equal(first, again) {
			t.Errorf("snapshot changed: %s then %s", first, again)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Get(ctx, "host", "h1"); string(b) != `"new"` {
		t.Errorf("after View Get = %s, want the committed value", b)
	}
}

func TestCanceledContext(t *testing.T) {
	s, _ := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := s.Update(ctx, func(tx *Tx) error { called = true; return nil })
	if err == nil || called {
		t.Errorf("Update with canceled ctx: err = %v, fn called = %v", err, called)
	}
	mustUpdate(t, s, func(tx *Tx) error { return tx.Put("a", "b", "", "", nil) })
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub dir?#%", "engine.db") // URI-hostile characters
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: Open: %v", round, err)
		}
		got := listStrings(t, s, "host", "")
		if len(got) != round {
			t.Fatalf("round %d: %d hosts after reopen, want %d", round, len(got), round)
		}
		mustUpdate(t, s, func(tx *Tx) error {
			return PutJSON(tx, "host", fmt.Sprint("h", round), "", "", map[string]int{"round": round})
		})
		var v int
		if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != len(migrations) {
			t.Errorf("user_version = %d, %v; want %d", v, err, len(migrations))
		}
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "engine.db")); err != nil {
		t.Errorf("database not at the literal path: %v", err)
	}
}

func TestOpenRejects(t *testing.T) {
	dir := t.TempDir()

	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 1000), 0o644)

	corrupt := filepath.Join(dir, "corrupt.db")
	s, err := Open(corrupt)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *Tx) error {
		for i := range 2000 {
			if err := tx.Put("vm", fmt.Sprintf("vm-%04d", i), "", fmt.Sprint(i), bytes.Repeat([]byte("x"), 300)); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close() // checkpoints the WAL into the main file
	f, err := os.OpenFile(corrupt, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	f.WriteAt(bytes.Repeat([]byte{0xA5}, 4096*8), info.Size()/2/4096*4096) // trash b-tree pages
	f.Close()

	future := filepath.Join(dir, "future.db")
	s, err = Open(future)
	if err != nil {
		t.Fatal(err)
	}
	s.w.Exec("PRAGMA user_version = 99")
	s.Close()

	for _, c := range []struct {
		name, path string
		want       error
	}{
		{"not a database", garbage, ErrCorrupt},
		{"corrupt pages", corrupt, ErrCorrupt},
		{"newer schema", future, nil},
		{"empty path", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(c.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			t.Log(err)
		})
	}
}

func TestJSONHelpers(t *testing.T) {
	type nic struct {
		Name string `json:"name"`
		MTU  int    `json:"mtu"`
	}
	s, _ := openTest(t)
	mustUpdate(t, s, func(tx *Tx) error {
		for i, n := range []string{"eth0", "eth1", "bond0"} {
			if err := PutJSON(tx, "host_nic", fmt.Sprint("n", i), "h1", n, nic{n, 1500 + i}); err != nil {
				return err
			}
		}
		return tx.Put("host_nic", "bad", "h2", "", []byte(`{`))
	})
	err := s.View(context.Background(), func(tx *Tx) error {
		got, err := GetJSON[nic](tx, "host_nic", "n1")
		if err != nil || got != (nic{"eth1", 1501}) {
			t.Errorf("GetJSON = %+v, %v", got, err)
		}
		if _, err := GetJSON[nic](tx, "host_nic", "zz"); !errors.Is(err, ErrNotFound) {
			t.Errorf("GetJSON missing: %v", err)
		}
		if _, err := GetJSON[nic](tx, "host_nic", "bad"); err == nil {
			t.Error("GetJSON of invalid JSON succeeded")
		}
		list, err := ListJSON[nic](tx, "host_nic", "h1")
		if err != nil || len(list) != 3 || list[2].Name != "bond0" {
			t.Errorf("ListJSON = %+v, %v", list, err)
		}
		if _, err := ListAllJSON[nic](tx, "host_nic"); err == nil {
			t.Error("ListAllJSON over invalid JSON succeeded")
		}
		if err := PutJSON(tx, "x", "y", "", "", func() {}); err == nil {
			t.Error("PutJSON of a func succeeded")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentUpdates increments one document from many goroutines while
// readers list; every increment must survive and nobody may see SQLITE_BUSY.
func TestConcurrentUpdates(t *testing.T) {
	const writers, perWriter, readers = 16, 25, 4
	ctx := context.Background()
	s, _ := openTest(t)
	type counter struct{ N int }
	mustUpdate(t, s, func(tx *Tx) error { return PutJSON(tx, "counter", "c", "", "", counter{}) })

	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, writers+readers)
	for range writers {
		wg.Go(func() {
			for range perWriter {
				err := s.Update(ctx, func(tx *Tx) error {
					c, err := GetJSON[counter](tx, "counter", "c")
					if err != nil {
						return err
					}
					c.N++
					if _, err := tx.NextSeq("event"); err != nil {
						return err
					}
					return PutJSON(tx, "counter", "c", "", "", c)
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var rg sync.WaitGroup
	for range readers {
		rg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.List(ctx, "counter", ""); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s.View(ctx, func(tx *Tx) error {
		c, err := GetJSON[counter](tx, "counter", "c")
		if err != nil || c.N != writers*perWriter {
			t.Errorf("counter = %d, %v; want %d", c.N, err, writers*perWriter)
		}
		return nil
	})
}

func TestConnectionSettings(t *testing.T) {
	s, _ := openTest(t)
	for _, c := range []struct {
		db     string
		pragma string
		want   string
	}{
		{"writer", "journal_mode", "wal"},
		{"writer", "synchronous", "2"}, // FULL
		{"writer", "foreign_keys", "1"},
		{"writer", "busy_timeout", "5000"},
		{"writer", "query_only", "0"},
		{"reader", "journal_mode", "wal"},
		{"reader", "synchronous", "2"},
		{"reader", "query_only", "1"},
		{"reader", "busy_timeout", "5000"},
	} {
		db := s.w
		if c.db == "reader" {
			db = s.r
		}
		var got string
		if err := db.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s: PRAGMA %s = %q, %v; want %q", c.db, c.pragma, got, err, c.want)
		}
	}
}
