package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	crashEnvDB    = "V6ADMIN_STORE_CRASH_DB"
	crashEnvRound = "V6ADMIN_STORE_CRASH_ROUND"
	ackPrefix     = "ACK "
)

// TestMain runs the child half of TestCrash when the test binary is started
// as that child, and the tests otherwise.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnvDB); path != "" {
		crashChild(path)
	}
	os.Exit(m.Run())
}

// crashChild is the child half of TestCrash: it writes records until it is
// killed, printing each id only after its Update has returned.
func crashChild(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(2)
	}
	round := os.Getenv(crashEnvRound)
	body := []byte(`{"payload":"` + strings.Repeat("x", 512) + `"}`)
	for i := 0; ; i++ {
		id := fmt.Sprintf("r%s-%06d", round, i)
		err := s.Update(context.Background(), func(tx *Tx) error {
			if _, err := tx.NextSeq("event"); err != nil {
				return err
			}
			return tx.Put("event", id, "", id, body)
		})
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(2)
		}
		os.Stdout.WriteString(ackPrefix + id + "\n")
	}
}

// TestCrash kills a writing child process with SIGKILL several times and
// checks that the database stays healthy and keeps every acknowledged write.
func TestCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	var acked []string
	for round := range 3 {
		acked = append(acked, crashRound(t, path, round, 100+round*150)...)

		s, err := Open(path) // quick_check runs here
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		var v string
		if err := s.w.QueryRow("PRAGMA quick_check").Scan(&v); err != nil || v != "ok" {
			t.Fatalf("round %d: quick_check = %q, %v", round, v, err)
		}
		var missing []string
		for _, id := range acked {
			if _, err := s.Get(context.Background(), "event", id); errors.Is(err, ErrNotFound) {
				missing = append(missing, id)
			} else if err != nil {
				t.Fatal(err)
			}
		}
		if len(missing) > 0 {
			t.Fatalf("round %d: %d of %d acknowledged writes lost, e.g. %v", round, len(missing), len(acked), missing[0])
		}
		all, _ := s.ListAll(context.Background(), "event")
		if len(all) < len(acked) || len(all) > len(acked)+1 { // at most one unacknowledged commit
			t.Errorf("round %d: %d records for %d acknowledged", round, len(all), len(acked))
		}
		s.Close()
		t.Logf("round %d: %d acknowledged writes, all present", round, len(acked))
	}
}

// crashRound runs one child, kills it after it acknowledged atLeast writes
// and returns every id it acknowledged.
func crashRound(t *testing.T, path string, round, atLeast int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnvDB+"="+path, fmt.Sprint(crashEnvRound, "=", round))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	timer := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() }) // safety net
	defer timer.Stop()

	var acked []string
	sc := bufio.NewScanner(out)
	for sc.Scan() { // keeps reading after the kill: those ids were acknowledged too
		line := sc.Text()
		id, ok := strings.CutPrefix(line, ackPrefix)
		if !ok {
			t.Logf("child: %s", line)
			continue
		}
		acked = append(acked, id)
		if len(acked) == atLeast && !killed {
			killed = true
			if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
				t.Fatal(err)
			}
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child exited before being killed (%d acks): %v", len(acked), err)
	}
	return acked
}
