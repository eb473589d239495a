package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestFloors: both floors answer what the engine answers, with its
// Content-Type and length, several requests on one keep-alive connection,
// each forwarded with the bearer token; an engine error is a 502.
func TestFloors(t *testing.T) {
	body := `{"host":[{"id":"1","address":"2001:db8::11"}]}`
	var calls atomic.Int32
	engine := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") != "Bearer tok" || r.Header.Get("Accept") != "application/json" || r.Header.Get("Version") != "4" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	engine.Listener = ln
	engine.Start()
	defer engine.Close()

	for _, kind := range []string{"floor", "loop"} {
		t.Run(kind, func(t *testing.T) {
			for _, tc := range []struct {
				token string
				code  int
			}{{"tok", 200}, {"wrong", 502}} {
				fl, err := net.Listen("tcp", "[::1]:0")
				if err != nil {
					t.Fatal(err)
				}
				go func() { _ = newFloor(engine.URL+"/ovirt-engine/api/hosts", tc.token).serve(kind, fl) }()
				c, err := net.Dial("tcp", fl.Addr().String())
				if err != nil {
					t.Fatal(err)
				}
				br := bufio.NewReader(c)
				rounds := 3
				if tc.code != 200 {
					rounds = 1
				}
				for i := range rounds {
					fmt.Fprintf(c, "GET /api/engine/hosts HTTP/1.1\r\nHost: %s\r\n\r\n", fl.Addr())
					resp, err := http.ReadResponse(br, nil)
					if err != nil {
						t.Fatalf("request %d: %v", i, err)
					}
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode != tc.code {
						t.Fatalf("token %q, request %d: %d %s", tc.token, i, resp.StatusCode, b)
					}
					if tc.code == 200 && (string(b) != body || resp.Header.Get("Content-Type") != "application/json" || resp.ContentLength != int64(len(body))) {
						t.Fatalf("request %d: %q %q %d", i, b, resp.Header.Get("Content-Type"), resp.ContentLength)
					}
				}
				c.Close()
				fl.Close()
			}
		})
	}
	if calls.Load() != 2*(3+1) {
		t.Errorf("the engine saw %d requests, want 8", calls.Load())
	}
	if !strings.HasPrefix(engine.URL, "http://[::1]:") {
		t.Errorf("engine on %s, want [::1]", engine.URL)
	}
}
