package hostile_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgen/oasgen/internal/e2e/hostile"
)

const thing = `{"id":"t1","name":"a thing"}`

// allocated returns the bytes fn allocates, and its error.
func allocated(fn func() error) (uint64, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// endless writes a JSON value that never ends until the client goes away.
func endless(w http.ResponseWriter, prefix string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, prefix)
	chunk := bytes.Repeat([]byte("a"), 64<<10)
	for range 1 << 14 { // at most 1 GiB
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

func TestHugeBodyIsCut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		endless(w, `{"id":"t1","name":"`)
	}))
	defer srv.Close()
	c, _ := hostile.NewClient(srv.URL, hostile.WithMaxResponseBytes(1<<20))
	start := time.Now()
	n, err := allocated(func() error {
		_, err := c.GetPublic(context.Background())
		return err
	})
	if !errors.Is(err, hostile.ErrResponseTooLarge) || !strings.Contains(err.Error(), "GetPublic") || !strings.Contains(err.Error(), "1048576") {
		t.Fatalf("err = %v, want ErrResponseTooLarge naming GetPublic and 1048576", err)
	}
	if n > allocBound(1<<20) {
		t.Errorf("allocated %d MiB for a 1 MiB limit", n>>20)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
}

func TestGzipBombIsCut(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	io.WriteString(zw, `{"id":"t1","name":"`)
	zeros := make([]byte, 1<<20)
	for i := range zeros {
		zeros[i] = 'a'
	}
	for range 256 { // 256 MiB of name, a few hundred KB on the wire
		zw.Write(zeros)
	}
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	}))
	defer srv.Close()
	c, _ := hostile.NewClient(srv.URL, hostile.WithMaxResponseBytes(4<<20))
	n, err := allocated(func() error {
		_, err := c.GetPublic(context.Background())
		return err
	})
	if !errors.Is(err, hostile.ErrResponseTooLarge) {
		t.Fatalf("err = %v, want ErrResponseTooLarge (wire size %d)", err, bomb.Len())
	}
	if n > allocBound(4<<20) {
		t.Errorf("allocated %d MiB for a 4 MiB limit", n>>20)
	}
}

// TestDripIsStoppedByTheContext: a server that sends a byte at a time is
// stopped by the caller's deadline, however long it would go on.
func TestDripIsStoppedByTheContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		for _, b := range []byte(thing) {
			if _, err := w.Write([]byte{b}); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	c, _ := hostile.NewClient(srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetPublic(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v", took)
	}
}

// seen records what a server received.
type seen struct {
	mu       sync.Mutex
	requests []string
}

func (s *seen) add(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var creds []string
	if v := r.Header.Get("Authorization"); v != "" {
		creds = append(creds, "Authorization="+v)
	}
	if v := r.Header.Get("X-API-Key"); v != "" {
		creds = append(creds, "X-API-Key="+v)
	}
	if v := r.URL.Query().Get("api_key"); v != "" {
		creds = append(creds, "api_key="+v)
	}
	if c, err := r.Cookie("key"); err == nil {
		creds = append(creds, "key="+c.Value)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, fmt.Sprintf("%s %s %v body=%q", r.Method, r.URL.Path, creds, body))
}

func (s *seen) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// TestRedirects: a redirect within the origin is followed with the
// credentials; one to another port or host is not followed when the
// request carries credentials or a body (for every kind of credential),
// and nothing reaches the other server; a plain GET may go anywhere.
func TestRedirects(t *testing.T) {
	other := &seen{}
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		other.add(r)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, thing)
	}))
	defer elsewhere.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(elsewhere.URL, "http://"))
	otherHost := "http://localhost:" + port // the same server under another host name

	home := &seen{}
	var target atomic.Value // where to redirect
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		home.add(r)
		if strings.HasPrefix(r.URL.Path, "/moved") {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, thing)
			return
		}
		http.Redirect(w, r, target.Load().(string)+"/moved"+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()

	c, err := hostile.NewClient(srv.URL,
		hostile.WithBearer("the-token"), hostile.WithBasic("user", "the-password"),
		hostile.WithHeaderKey("header-key"), hostile.WithQueryKey("query-key"), hostile.WithCookieKey("cookie-key"),
		hostile.WithRetryPolicy(hostile.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	calls := map[string]func() error{
		"bearer":     func() error { _, err := c.GetBearer(ctx); return err },
		"basic":      func() error { _, err := c.GetBasic(ctx); return err },
		"header key": func() error { _, err := c.GetHeaderKey(ctx); return err },
		"query key":  func() error { _, err := c.GetQueryKey(ctx); return err },
		"cookie key": func() error { _, err := c.GetCookieKey(ctx); return err },
		"POST body":  func() error { _, err := c.CreateThing(ctx, hostile.Thing{ID: "t1", Name: "secret body"}); return err },
	}
	for name, call := range calls {
		// Same origin: followed, credentials kept.
		target.Store(srv.URL)
		if err := call(); err != nil {
			t.Errorf("%s, same origin: %v", name, err)
		}
		if last := home.all()[len(home.all())-1]; !strings.Contains(last, "/moved/") || (name != "POST body" && !strings.Contains(last, "key") && !strings.Contains(last, "Authorization")) {
			t.Errorf("%s, same origin: the redirected request was %s", name, last)
		}
		for _, to := range []string{elsewhere.URL, otherHost} {
			target.Store(to)
			err := call()
			var re *hostile.RedirectError
			if !errors.As(err, &re) || re.StatusCode != http.StatusTemporaryRedirect || !strings.Contains(err.Error(), "another origin") {
				t.Errorf("%s, redirect to %s: err = %v, want a *RedirectError", name, to, err)
			}
		}
	}
	if got := other.all(); len(got) != 0 {
		t.Errorf("the other origin received %q", got)
	}

	// Without credentials or a body, a redirect elsewhere is followed.
	target.Store(otherHost)
	if _, err := c.GetPublic(ctx); err != nil {
		t.Errorf("public GET to another origin: %v", err)
	}
	if got := other.all(); len(got) != 1 || !strings.Contains(got[0], "[] body=\"\"") {
		t.Errorf("the other origin received %q, want one plain GET", got)
	}
}

// TestRetryAfter: a Retry-After beyond MaxRetryAfter returns the 503 at
// once; Retry-After: 0 retries at once.
func TestRetryAfter(t *testing.T) {
	var calls atomic.Int64
	var after atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", after.Load().(string))
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, `{"code":503,"message":"later"}`)
			return
		}
		io.WriteString(w, thing)
	}))
	defer srv.Close()
	c, _ := hostile.NewClient(srv.URL)

	after.Store("999999")
	start := time.Now()
	_, err := c.GetPublic(context.Background())
	var unavailable *hostile.GetPublicServiceUnavailable
	if !errors.As(err, &unavailable) || unavailable.Body.Message != "later" {
		t.Errorf("Retry-After 999999: err = %v, want the 503", err)
	}
	if took := time.Since(start); took > time.Second || calls.Load() != 1 {
		t.Errorf("Retry-After 999999: %d calls in %v, want 1 at once", calls.Load(), took)
	}

	calls.Store(0)
	after.Store("0")
	start = time.Now()
	if _, err := c.GetPublic(context.Background()); err != nil || calls.Load() != 2 {
		t.Errorf("Retry-After 0: %d calls, err %v", calls.Load(), err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Retry-After 0 waited %v", took)
	}
}

// TestBadBodies: truncated JSON, a success that is not JSON, HTML on a
// documented 500, an error body without its required properties: each is
// a clear error.
func TestBadBodies(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		want                    string
		unexpected              bool
	}{
		// "unexpected EOF" from the generated codecs, "unexpected end of
		// JSON input" from encoding/json (-json=stdlib).
		{"truncated JSON", "application/json", `{"id":"t1","na`, 200, "GetPublic: decode 200 response: unexpected ", false},
		// RFC 8259 8.1 and 8.2: never read as U+FFFD.
		{"invalid UTF-8 in a value", "application/json", "{\"id\":\"t1\",\"name\":\"E\xffR\"}", 200, "is not valid text", false},
		{"lone surrogate in a value", "application/json", `{"id":"t1","name":"\udc00"}`, 200, "is not valid text", false},
		{"invalid UTF-8 in a documented error", "application/json", "{\"code\":1,\"message\":\"E\xffR\"}", 400, "is not valid text", true},
		{"HTML on 200", "text/html; charset=utf-8", "<html><body>Welcome to the proxy</body></html>", 200, `GetPublic: 200 response: Content-Type "text/html; charset=utf-8" is not JSON`, false},
		{"HTML on 500", "text/html", "<html><body>Internal Server Error</body></html>", 500, `Content-Type "text/html" is not JSON`, true},
		{"error body without its required properties", "application/json", `{"detail":"nope"}`, 400, `the documented property "code" is missing`, true},
		{"undocumented status", "application/json", `{}`, 418, "unexpected status 418", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			c, _ := hostile.NewClient(srv.URL, hostile.WithRetryPolicy(hostile.RetryPolicy{MaxAttempts: 1}))
			_, err := c.GetPublic(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
			var ue *hostile.UnexpectedStatusError
			if errors.As(err, &ue) != tc.unexpected {
				t.Errorf("err = %T, UnexpectedStatusError wanted: %v", err, tc.unexpected)
			}
			if tc.unexpected && !bytes.Equal(ue.Body, []byte(tc.body)) {
				t.Errorf("snippet %q, want the body", ue.Body)
			}
		})
	}
}

// TestConnectionsReused: 50 calls with large chunked responses use one
// or two connections, not 50.
func TestConnectionsReused(t *testing.T) {
	big := `{"id":"t1","name":"` + strings.Repeat("x", 64<<10) + `"}` + "\n"
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i < len(big); i += 4 << 10 { // several writes: chunked
			w.Write([]byte(big[i:min(i+4<<10, len(big))]))
			w.(http.Flusher).Flush()
		}
		// The last chunk comes a moment after the JSON value ends: a client
		// that stops reading at the value's end drops the connection.
		time.Sleep(5 * time.Millisecond)
	}))
	var conns atomic.Int64
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, _ := hostile.NewClient(srv.URL, hostile.WithHTTPClient(&http.Client{Transport: &http.Transport{}}))
	for range 50 {
		if _, err := c.GetPublic(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n > 2 {
		t.Errorf("50 calls used %d connections", n)
	}
}
