package ready

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"v6admin/readiness"
)

// TestCommandEmbedded runs `v6admin readiness --engine-url embedded` (a
// throwaway built-in engine with the demo and legacy labs, the lab's name
// table) and checks that every check fires at least once, in both formats.
func TestCommandEmbedded(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := Command(context.Background(), []string{"--engine-url", "embedded", "--format", "csv"}, &out, &errOut); err != nil {
		t.Fatalf("readiness: %v\n%s", err, errOut.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(readiness.CSVHeader, ",") {
		t.Fatalf("header %q", rows[0])
	}
	seen := map[string]int{}
	for _, r := range rows[1:] {
		seen[r[0]]++
		if r[9] == "" || r[10] == "" || r[11] == "" || r[12] == "" {
			t.Errorf("incomplete row %q", r)
		}
	}
	for _, c := range readiness.Checks {
		if seen[c.ID] == 0 {
			t.Errorf("check %s does not fire on the lab", c.ID)
		}
	}
	// The demo lab's own traps: host2 by IPv4, host1's name with A and AAAA.
	want := map[string]string{readiness.CheckIPv4Literal: "host2", readiness.CheckNameAAndAAAA: "host1"}
	for id, name := range want {
		found := false
		for _, r := range rows[1:] {
			found = found || (r[0] == id && r[4] == name)
		}
		if !found {
			t.Errorf("%s does not name %s", id, name)
		}
	}

	out.Reset()
	if err := Command(context.Background(), []string{"--engine-url", "embedded"}, &out, &errOut); err != nil {
		t.Fatalf("readiness: %v", err)
	}
	text := out.String()
	for _, s := range []string{"IPv6 readiness of http://[::1]/ovirt-engine/api", "Data center Default:", "(data center Default)", "Overall:", "Blockers (", "Warnings (",
		"[v6.attachment.autoconf-el8] attachment legacy1/legacymgmt on eth0 (data center Default) — RHEL 8.6 - 1.el8",
		"ipv6_address 2001:db8:300::122 → 2001:db8:300::222", "    Why:  MigrateVmCommand"} {
		if !strings.Contains(text, s) {
			t.Errorf("text report lacks %q", s)
		}
	}
	if b, w := strings.Index(text, "Blockers ("), strings.Index(text, "Warnings ("); b < 0 || w < b {
		t.Error("blockers do not come first")
	}
}

func TestCommandArgs(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--format", "json"}, `--format: "json" is not text or csv`},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"--engine-url", "ftp://[2001:db8::1]/ovirt-engine/api"}, "scheme must be http or https"},
	}
	t.Setenv("V6ADMIN_ENGINE_PASSWORD", "")
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		err := Command(context.Background(), tc.args, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.args, err, tc.want)
		}
	}
}
