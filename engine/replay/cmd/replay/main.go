// Command replay serves the replay engine (package engine/replay) for
// browser tests and manual trials:
//
//	go run ./engine/replay/cmd/replay -listen '[::1]:0' -broken-nics
//
// It prints the API URL to give v6admin (--engine-url) on its first line
// of output, then serves until interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"v6admin/engine/fixtures"
	"v6admin/engine/replay"
)

func main() {
	listen := flag.String("listen", "[::1]:0", "address to listen on (port 0: a free port)")
	broken := flag.Bool("broken-nics", false, "serve host1's NICs with statistics unreadable ("+replay.BrokenJSONPath+")")
	flag.Parse()

	var opts []replay.Option
	if *broken {
		opts = append(opts, replay.WithBrokenNICs())
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("http://%s%s\n", ln.Addr(), fixtures.Prefix)
	srv := &http.Server{Handler: replay.New(opts...), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
