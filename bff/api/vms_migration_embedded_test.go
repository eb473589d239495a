package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"v6admin/engine/embedded"
	"v6admin/engine/ovirt"
	"v6admin/wire"
)

// syncBuffer is a log sink the engine's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// engineCall sends a request to the engine itself (the test's setup) and
// decodes its answer into out (when not nil).
func (env *embeddedAPI) engineCall(tb testing.TB, method, path, body string, out any) {
	tb.Helper()
	req, err := http.NewRequest(method, env.engineURL+ovirt.Prefix+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+env.token)
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		tb.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			tb.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// TestMigrationWithoutMigrationNetworkEmbedded: in a cluster where no
// network has the migration role (the Scale lab's), the BFF's migration
// plan and the embedded engine agree with MigrateVmCommand: no migration
// address — the destination host's own address — and not the management
// network's address in its place. The engine's side is what it sends
// vdsm (its MigrateVDSCommand log line: dstqemu empty, dstHost the host's
// address).
func TestMigrationWithoutMigrationNetworkEmbedded(t *testing.T) {
	logs := &syncBuffer{}
	env := newEmbeddedAPI(t, embedded.Config{ScaleHost: true, InstallDelay: 10 * time.Millisecond, VMBootDelay: 20 * time.Millisecond,
		MigrationDelay: 50 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	e := env.modern

	var nets ovirt.Networks
	var cls ovirt.Clusters
	env.engineCall(t, "GET", "/clusters?search=name%3DScale", "", &cls)
	if len(cls.Cluster) != 1 {
		t.Fatalf("clusters %+v", cls)
	}
	env.engineCall(t, "GET", "/clusters/"+cls.Cluster[0].ID+"/networks", "", &nets)
	for _, n := range nets.Network {
		if n.Usages != nil && containsUsage(n.Usages.Usage, ovirt.NetworkUsageMigration) {
			t.Fatalf("the Scale cluster has a migration network: %s", n.Name)
		}
	}
	// A second host in the cluster, addressed by an IPv6 literal.
	const scale1 = "2001:db8:99::11"
	var h ovirt.Host
	env.engineCall(t, "POST", "/hosts", `{"name":"scale1","address":"`+scale1+`","root_password":"secret","cluster":{"name":"Scale"}}`, &h)
	deadline := time.Now().Add(10 * time.Second)
	for h.Status != ovirt.HostStatusUp {
		if time.Now().After(deadline) {
			t.Fatalf("scale1 never up: %s", h.Status)
		}
		time.Sleep(20 * time.Millisecond)
		env.engineCall(t, "GET", "/hosts/"+h.ID, "", &h)
	}
	var vm ovirt.Vm
	env.engineCall(t, "POST", "/vms", `{"name":"mig0","cluster":{"name":"Scale"},"template":{"name":"Blank"}}`, &vm)
	if status, body := post(e, "/api/vms/"+vm.ID+"/start", ""); status != 200 {
		t.Fatalf("start: %d %s", status, body)
	}
	v := waitVM(t, e, "mig0", func(v wire.VM) bool { return v.Status == "up" && v.Host != nil })
	dst, dstName, dstAddr := h.ID, "scale1", scale1
	if v.Host.ID == h.ID {
		dst, dstName, dstAddr = env.hostID(t, embedded.ScaleHostName), embedded.ScaleHostName, embedded.ScaleHostAddress
	}

	status, body := get(e, "/api/vms/"+vm.ID+"/migration-plan?host="+dst)
	var plan wire.MigrationPlan
	if err := json.Unmarshal([]byte(body), &plan); status != 200 || err != nil {
		t.Fatalf("plan: %d %v %s", status, err, body)
	}
	if plan.Address != nil || plan.Family != "" || plan.Network != nil ||
		plan.Summary != "over "+dstName+"'s own address: the cluster has no migration network" {
		t.Fatalf("plan %s", body)
	}
	if status, body := post(e, "/api/vms/"+vm.ID+"/migrate", `{"host_id":"`+dst+`"}`); status != 200 {
		t.Fatalf("migrate: %d %s", status, body)
	}
	waitVM(t, e, "mig0", func(v wire.VM) bool { return v.Status == "up" && v.Host != nil && v.Host.ID == dst })
	var line string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "msg=MigrateVDSCommand") && strings.Contains(l, "vm=mig0") {
			line = l
		}
	}
	if !strings.Contains(line, `dstHost=`+dstAddr+` migrationNetwork="" dstqemu=""`) {
		t.Errorf("the engine sent vdsm %q, want dstHost=%s and no dstqemu", line, dstAddr)
	}
}
