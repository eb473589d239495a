package server

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// readCounter counts the reads of a connection that returned data.
type readCounter struct {
	net.Conn
	reads *atomic.Int64
}

func (c readCounter) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.reads.Add(1)
	}
	return n, err
}

// TestEngineTransportReuseAndReads: the engine transport reuses its
// connections (8 clients, 200 requests: no dial per request), and reads an
// engine answer of ~20 KB that arrives at once in one read, as the engine
// client's io.ReadAll reads it (its read buffer holds a whole usual answer;
// with the default 4 KiB buffer it took five reads, five system calls).
func TestEngineTransportReuseAndReads(t *testing.T) {
	body := []byte(strings.Repeat(`{"host":"0123456789abcdef"},`, 700)) // ~20 KB
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	// A raw HTTP/1.1 engine writing each answer, headers and body, in one
	// write.
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					io.Copy(io.Discard, req.Body)
					var out bytes.Buffer
					out.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n")
					out.Write(body)
					if _, err := c.Write(out.Bytes()); err != nil {
						return
					}
				}
			}()
		}
	}()

	tr := NewEngineTransport(nil)
	var dials, reads atomic.Int64
	dial := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		dials.Add(1)
		return readCounter{Conn: c, reads: &reads}, nil
	}
	t.Cleanup(tr.CloseIdleConnections)
	url := "http://" + ln.Addr().String() + "/ovirt-engine/api/hosts"
	get := func() {
		req, _ := http.NewRequest("GET", url, nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Error(err)
			return
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("body: %d bytes, %v", len(got), err)
		}
	}

	get() // dial
	const n = 50
	before := reads.Load()
	for range n {
		get()
	}
	if r := reads.Load() - before; r != n {
		t.Errorf("%d reads with data for %d answers, want one each", r, n)
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				get()
			}
		}()
	}
	wg.Wait()
	if d := dials.Load(); d > 2*8+1 { // a dial may race a connection being put back: never one per request
		t.Errorf("%d connections dialled for 8 clients and 200 requests", d)
	}
}
