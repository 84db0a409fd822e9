// Sandbox runs an in-memory Foundry Platform and Segment Ledger service,
// built on the generated server, for client developers to work against.
//
// Usage:
//
//	go run ./cmd/sandbox [-addr 127.0.0.1:8080] [-user EMAIL] [-password PW] [-ledger-key KEY] [-token-ttl 1h]
//	    [-read-timeout 30s] [-write-timeout 30s] [-idle-timeout 2m] [-max-header-bytes 65536]
//
// The timeouts are those of http.Server, which has none by default: a
// client that never finishes its request, or keeps an idle connection,
// would hold the connection (and a goroutine, and up to a request body's
// limit of memory) for ever.
// It seeds one user and one ledger and prints their credentials. Besides
// the API, it serves POST /sandbox/v1/ledger/transactions/{id}/status with
// {"status": "COMPLETED"} (and the x-api-key header) to move a transaction
// through the documented status changes, which the API does not expose.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/oasgen/oasgen/internal/sandbox"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("sandbox: ")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	user := fs.String("user", sandbox.DefaultUsername, "e-mail address of the seeded user")
	password := fs.String("password", sandbox.DefaultPassword, "password of the seeded user")
	key := fs.String("ledger-key", sandbox.DefaultLedgerKey, "x-api-key of the seeded ledger")
	ttl := fs.Duration("token-ttl", time.Hour, "lifetime of the tokens login and refresh issue")
	readTimeout := fs.Duration("read-timeout", 30*time.Second, "longest time to read a request, headers and body (http.Server.ReadTimeout)")
	writeTimeout := fs.Duration("write-timeout", 30*time.Second, "longest time from the end of the request headers to the end of the response (http.Server.WriteTimeout)")
	idleTimeout := fs.Duration("idle-timeout", 2*time.Minute, "longest time a keep-alive connection waits for its next request (http.Server.IdleTimeout)")
	maxHeader := fs.Int("max-header-bytes", 64<<10, "largest request header, in bytes (http.Server.MaxHeaderBytes)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *ttl < time.Second {
		fmt.Fprintln(stderr, "sandbox: -token-ttl must be at least 1s")
		return 2
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"read-timeout", *readTimeout}, {"write-timeout", *writeTimeout}, {"idle-timeout", *idleTimeout}} {
		if d.v <= 0 {
			fmt.Fprintf(stderr, "sandbox: -%s must be positive (a server without it can be held open for ever)\n", d.name)
			return 2
		}
	}
	if *maxHeader < 1<<10 {
		fmt.Fprintln(stderr, "sandbox: -max-header-bytes must be at least 1024")
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "sandbox:", err)
		return 1
	}
	sb := sandbox.New(sandbox.Config{Username: *user, Password: *password, LedgerKey: *key, TokenTTL: *ttl})
	srv := &http.Server{
		Handler:           sb.Handler(),
		ReadHeaderTimeout: min(10*time.Second, *readTimeout),
		ReadTimeout:       *readTimeout,
		WriteTimeout:      *writeTimeout,
		IdleTimeout:       *idleTimeout,
		MaxHeaderBytes:    *maxHeader,
	}
	fmt.Fprintf(stdout, "Foundry sandbox listening on http://%s\n", ln.Addr())
	fmt.Fprintf(stdout, "  user:       %s\n  password:   %s\n  ledger key: %s\n  token TTL:  %s\n", *user, *password, *key, *ttl)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "sandbox:", err)
		return 1
	}
	return 0
}
