package server

import (
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"v6admin/bff/proxy"
)

// BenchmarkProxyOverhead measures, in one run, GET /hosts/{id} straight to
// the engine (bearer token) and the same resource through the BFF's proxy
// (session cookie): the p50 latency of each, alternating requests one by
// one, and the throughput of each with concurrent clients. Goals: at most
// 0.5 ms added at p50 and at least 90% of the direct throughput.
//
// "colocated" runs the embedded engine in the same process and on the same
// listener ([::1]) as the BFF, the way `make run` does (the BFF calling it
// in-process): with every request CPU-bound on the same cores, its
// throughput ratio shows the BFF's whole CPU cost. "remote-*" puts a service time in the engine (an engine on
// another machine, with its database): the throughput then depends on
// latency, as in a real deployment (the real engine answers in
// milliseconds: 2 ms and 10 ms service times are measured).
func BenchmarkProxyOverhead(b *testing.B) {
	b.Run("colocated", func(b *testing.B) {
		env := newEmbeddedLocalEnv(b)
		env.login(b)
		measureProxy(b, env, env.hostID(b, "host0"), 8)
	})
	for _, d := range []time.Duration{2 * time.Millisecond, 10 * time.Millisecond} {
		b.Run("remote-"+d.String(), func(b *testing.B) {
			env := newFakeEnv(b)
			env.Fake.Handle("*", func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(d)
				env.Fake.Answer(w, r)
			})
			env.login(b)
			measureProxy(b, env, env.hostID(b, "host0"), 8)
		})
	}
}

func measureProxy(b *testing.B, env *testEnv, id string, workers int) {
	token := env.tokens.all()[0]
	cookies := env.client.Jar.Cookies(mustURL(b, env.URL))
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * workers}}
	engineURL := env.URL
	if env.Fake != nil {
		engineURL = strings.TrimSuffix(env.Server.Engine().URL(), "/ovirt-engine/api")
	}
	direct, err := http.NewRequest("GET", engineURL+"/ovirt-engine/api/hosts/"+id, nil)
	if err != nil {
		b.Fatal(err)
	}
	direct.Header.Set("Authorization", "Bearer "+token)
	direct.Header.Set("Accept", "application/json")
	direct.Header.Set("Version", "4")
	viaBFF, _ := http.NewRequest("GET", env.URL+proxy.Prefix+"/hosts/"+id, nil)
	for _, c := range cookies {
		viaBFF.AddCookie(c)
	}
	get := func(r *http.Request) time.Duration {
		start := time.Now()
		resp, err := hc.Do(r)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d", r.URL.Path, resp.StatusCode)
		}
		return time.Since(start)
	}
	for range 50 { // warm up connections and caches
		get(direct)
		get(viaBFF)
	}

	b.ResetTimer()
	var dl, pl []time.Duration
	for range b.N {
		dl = append(dl, get(direct))
		pl = append(pl, get(viaBFF))
	}
	through := func(r *http.Request) float64 {
		n := max(b.N, 20*workers)
		start := time.Now()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += workers {
					get(r)
				}
			}()
		}
		wg.Wait()
		return float64(n) / time.Since(start).Seconds()
	}
	// Alternate the phases so that drift (heap growth, caches) is shared.
	var dt, pt float64
	for range 2 {
		dt += through(direct) / 2
		pt += through(viaBFF) / 2
	}
	b.StopTimer()

	p50 := func(d []time.Duration) float64 {
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	dp, pp := p50(dl), p50(pl)
	b.ReportMetric(dp, "direct-p50-ms")
	b.ReportMetric(pp, "bff-p50-ms")
	b.ReportMetric(pp-dp, "added-p50-ms")
	b.ReportMetric(dt, "direct-req/s")
	b.ReportMetric(pt, "bff-req/s")
	b.ReportMetric(pt/dt, "throughput-ratio")
}

// BenchmarkHotPath runs GET /api/engine/hosts (the proxy) and GET
// /api/hosts (the UI API) in front of the embedded engine called
// in-process (as the binary does), 8 clients, for profiling: go test -run '^$' -bench HotPath -cpuprofile cpu.out
// -memprofile mem.out ./bff/server/ (the load generator's own CPU is in the
// profile too: look at the server's frames).
func BenchmarkHotPath(b *testing.B) {
	env := newEmbeddedLocalEnv(b)
	env.login(b)
	cookies := env.client.Jar.Cookies(mustURL(b, env.URL))
	for _, path := range []string{proxy.Prefix + "/hosts", "/api/hosts"} {
		b.Run(strings.ReplaceAll(strings.TrimPrefix(path, "/"), "/", "-"), func(b *testing.B) {
			hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
			b.SetParallelism(4) // 8 clients on 2 cores
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				req, _ := http.NewRequest("GET", env.URL+path, nil)
				for _, c := range cookies {
					req.AddCookie(c)
				}
				for pb.Next() {
					resp, err := hc.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Errorf("%s: %d", path, resp.StatusCode)
						return
					}
				}
			})
		})
	}
}
