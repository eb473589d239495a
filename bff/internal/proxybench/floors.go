package main

// The floors: what a Go proxy in front of the engine costs before any of
// v6admin's code. Each forwards every request as GET of the engine's host
// list with a bearer token, through the BFF's own engine connection pool
// (bff/upstream), reads the answer whole and writes it in one Write:
//
//	floor  net/http's server and a ten-line handler: no router, no
//	       middleware, no session, no metrics, no logging
//	loop   no net/http server at all: an accept loop, http.ReadRequest,
//	       the status line, two headers and the body in one write
//
// remote − floor is what v6admin's router, middleware and proxy handler
// add; floor − loop is net/http's server (its goroutine hand-offs, the
// background read per request, the 4 KiB write buffer that sends a large
// answer in two writes); loop − nginx is the Go runtime and the engine
// hop. They are measurement devices run by proxybench in a child process
// (the same binary, -floor): loopback only, GET only, no limits or
// timeouts, never a server for anything else.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"

	"v6admin/bff/upstream"
)

// floorTokenEnv carries the engine token to the floor process (not on its
// command line, where ps shows it).
const floorTokenEnv = "V6ADMIN_PROXYBENCH_TOKEN"

// serveFloor runs floor kind ("floor" or "loop") on listen, forwarding to
// engineURL with the token from floorTokenEnv; it returns only on an error.
func serveFloor(kind, listen, engineURL string) error {
	token := os.Getenv(floorTokenEnv)
	if token == "" {
		return errors.New("floor: no engine token in " + floorTokenEnv)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	return newFloor(engineURL, token).serve(kind, ln)
}

func newFloor(engineURL, token string) *floor {
	return &floor{
		rt:    upstream.New(&http.Transport{MaxIdleConnsPerHost: 64, ReadBufferSize: 32 << 10}),
		url:   engineURL,
		token: "Bearer " + token,
	}
}

// serve answers on ln until it is closed.
func (f *floor) serve(kind string, ln net.Listener) error {
	switch kind {
	case "floor":
		return http.Serve(ln, f)
	case "loop":
		for {
			c, err := ln.Accept()
			if err != nil {
				return err
			}
			go f.loop(c)
		}
	}
	return fmt.Errorf("floor: unknown kind %q", kind)
}

type floor struct {
	rt    *upstream.Transport
	url   string
	token string
}

var floorBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// fetch reads the engine's answer into buf (whole; at most its capacity).
func (f *floor) fetch(r *http.Request, buf []byte) (ctype string, body []byte, err error) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, f.url, nil)
	if err != nil {
		return "", nil, err
	}
	req.Header.Set("Authorization", f.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Version", "4")
	resp, err := f.rt.RoundTrip(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength < 0 || int(resp.ContentLength) > cap(buf)-len(buf) {
		return "", nil, fmt.Errorf("engine: %s, length %d", resp.Status, resp.ContentLength)
	}
	n := len(buf)
	buf = buf[:n+int(resp.ContentLength)]
	if _, err := io.ReadFull(resp.Body, buf[n:]); err != nil {
		return "", nil, err
	}
	return resp.Header.Get("Content-Type"), buf, nil
}

// ServeHTTP is the net/http floor.
func (f *floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	bp := floorBufs.Get().(*[]byte)
	defer floorBufs.Put(bp)
	ctype, body, err := f.fetch(r, (*bp)[:0])
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// loop is the floor without net/http's server: one connection, requests
// read with the standard library's parser, each answer sent by one
// writev (the head and the body, as nginx sends them).
func (f *floor) loop(c net.Conn) {
	defer c.Close()
	br := bufio.NewReaderSize(c, 4<<10)
	bp := floorBufs.Get().(*[]byte)
	defer floorBufs.Put(bp)
	head := make([]byte, 0, 128)
	for {
		r, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		_ = r.Body.Close()
		ctype, body, err := f.fetch(r, (*bp)[:0])
		if err != nil {
			_, _ = io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			return
		}
		head = append(head[:0], "HTTP/1.1 200 OK\r\nContent-Type: "...)
		head = append(head, ctype...)
		head = append(head, "\r\nContent-Length: "...)
		head = strconv.AppendInt(head, int64(len(body)), 10)
		head = append(head, "\r\n\r\n"...)
		out := net.Buffers{head, body}
		if _, err := out.WriteTo(c); err != nil {
			return
		}
	}
}
