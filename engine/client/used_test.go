package client

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestUsedIsCurrent regenerates used.go and compares: a member v6admin
// starts reading (in bff/, engine/client/ or readiness/) must be decoded
// strictly from then on, so that an answer of the wrong shape fails naming
// its path instead of being dropped quietly.
func TestUsedIsCurrent(t *testing.T) {
	cmd := exec.Command("go", "run", "./engine/client/internal/usedgen", "bff", "engine/client", "readiness")
	cmd.Dir = "../.."
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("usedgen: %v\n%s", err, errb.String())
	}
	have, err := os.ReadFile("used.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, out.Bytes()) {
		t.Fatal("engine/client/used.go is stale: go run ./engine/client/internal/usedgen bff engine/client readiness > engine/client/used.go")
	}
}
