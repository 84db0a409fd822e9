package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
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

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-ledger-key", "k1", "-token-ttl", "2s"}, &out, &errs)
	}()
	addr := regexp.MustCompile(`http://\S+`)
	var url string
	for i := 0; i < 100 && url == ""; i++ {
		time.Sleep(20 * time.Millisecond)
		url = addr.FindString(out.String())
	}
	if url == "" {
		t.Fatalf("no address printed: %q %q", out.String(), errs.String())
	}
	for _, want := range []string{"demo@example.com", "demo-password", "ledger key: k1", "token TTL:  2s"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("start-up output lacks %q:\n%s", want, out.String())
		}
	}
	resp, err := http.Post(url+"/v1/auth", "application/json", strings.NewReader(`{"username":"demo@example.com","password":"demo-password"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("login: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, errs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not stop")
	}
}

func TestRunBadFlags(t *testing.T) {
	var out, errs syncBuffer
	for _, args := range [][]string{{"-token-ttl", "10ms"}, {"-nope"}, {"-read-timeout", "0"}, {"-idle-timeout", "-1s"}, {"-max-header-bytes", "10"}} {
		if code := run(context.Background(), args, &out, &errs); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// startSandbox runs the sandbox with args and returns its URL and a stop
// function that waits for it to exit.
func startSandbox(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), &out, &errs) }()
	addr := regexp.MustCompile(`http://(\S+)`)
	for i := 0; i < 200; i++ {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1], func() {
				cancel()
				<-done
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	t.Fatalf("no address printed: %q %q", out.String(), errs.String())
	return "", nil
}

// TestStalledBodyIsCutOff: a request whose body never finishes, and an
// idle keep-alive connection, are closed by the server after
// -read-timeout and -idle-timeout, not held.
func TestStalledBodyIsCutOff(t *testing.T) {
	addr, stop := startSandbox(t, "-read-timeout", "300ms", "-idle-timeout", "300ms")
	defer stop()

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	// Promise 1000 bytes of body, send 10, then stall.
	fmt.Fprintf(conn, "POST /v1/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"username\"")
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, _ = io.Copy(io.Discard, conn) // returns when the server closes
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("stalled body held the connection for %v", took)
	} else if took < 250*time.Millisecond {
		t.Errorf("connection closed after %v, before -read-timeout", took)
	}

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	start = time.Now()
	fmt.Fprintf(idle, "GET /v1/ledger HTTP/1.1\r\nHost: x\r\n\r\n")
	idle.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, _ := io.ReadAll(idle) // the answer, then the server closes the idle connection
	if !strings.HasPrefix(string(got), "HTTP/1.1 401") {
		t.Errorf("answer %q", got)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("idle keep-alive connection held for %v", took)
	}
}
