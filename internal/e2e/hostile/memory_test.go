package hostile_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgen/oasgen/internal/e2e/hostile"
)

// hugeSize is what the servers of these tests send: far past the default
// limit.
const hugeSize = 300 << 20

// allocBound is the most a call may allocate to read a body of limit
// bytes: 1.25 times it, and 4 MiB.
func allocBound(limit int64) uint64 { return uint64(limit)*5/4 + 4<<20 }

// hugeServer serves, at /public, a Thing whose name never ends before
// size bytes: without Content-Length (?as=chunked, the default), with it
// (?as=length), or gzip-compressed (?as=gzip, a few hundred KB on the
// wire); ?status=500 sends it as an error. It counts the connections it
// opens and closes.
type hugeServer struct {
	*httptest.Server
	opened, closed atomic.Int64
}

func newHugeServer(t *testing.T, size int) *hugeServer {
	t.Helper()
	const prefix = `{"id":"t1","name":"`
	chunk := bytes.Repeat([]byte("a"), 64<<10)
	bomb := sync.OnceValue(func() []byte {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		io.WriteString(zw, prefix)
		for range size / len(chunk) {
			zw.Write(chunk)
		}
		io.WriteString(zw, `"}`)
		zw.Close()
		return b.Bytes()
	})
	s := &hugeServer{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		status := http.StatusOK
		if v := r.URL.Query().Get("status"); v != "" {
			status, _ = strconv.Atoi(v)
		}
		switch r.URL.Query().Get("as") {
		case "gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.WriteHeader(status)
			w.Write(bomb())
			return
		case "length":
			w.Header().Set("Content-Length", strconv.Itoa(len(prefix)+size+2))
		}
		w.WriteHeader(status)
		io.WriteString(w, prefix)
		for range size / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		io.WriteString(w, `"}`)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			s.opened.Add(1)
		case http.StateClosed, http.StateHijacked:
			s.closed.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// countingBody counts what the client reads of a response body.
type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// countingTransport counts what is read of the response bodies it gets,
// after decompression.
type countingTransport struct {
	http.Transport
	read atomic.Int64
}

func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.Transport.RoundTrip(req)
	if err == nil {
		resp.Body = countingBody{resp.Body, &t.read}
	}
	return resp, err
}

// hugeClient is a client of srv whose requests carry the query q (to
// pick what hugeServer sends), through tr.
func hugeClient(t *testing.T, srv *hugeServer, q string, tr http.RoundTripper, opts ...hostile.Option) *hostile.Client {
	t.Helper()
	opts = append(opts, hostile.WithHTTPClient(&http.Client{Transport: tr}),
		hostile.WithRequestEditor(func(_ context.Context, req *http.Request) error {
			req.URL.RawQuery = q
			return nil
		}))
	c, err := hostile.NewClient(srv.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// waitFor waits up to 5 seconds for cond.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// coldAllocated is allocated with the pools emptied first: what a call
// costs when nothing is left from earlier ones.
func coldAllocated(fn func() error) (uint64, error) {
	runtime.GC()
	return allocated(fn)
}

// TestRefusedBodyCostsItsLimit: a body past the default limit, sent in
// any way, ends the call with ErrResponseTooLarge having allocated about
// the limit (nothing when its Content-Length says so), read no more than
// the limit and a byte, and closed its connection instead of draining it.
func TestRefusedBodyCostsItsLimit(t *testing.T) {
	srv := newHugeServer(t, hugeSize)
	for _, tc := range []struct{ as, status string }{
		{"chunked", "200"}, {"length", "200"}, {"gzip", "200"},
		{"chunked", "500"}, {"gzip", "500"},
	} {
		t.Run(tc.as+"/"+tc.status, func(t *testing.T) {
			tr := &countingTransport{}
			defer tr.CloseIdleConnections()
			c := hugeClient(t, srv, "as="+tc.as+"&status="+tc.status, tr)
			closedBefore := srv.closed.Load()
			n, err := coldAllocated(func() error {
				_, err := c.GetPublic(context.Background())
				return err
			})
			limit := int64(hostile.DefaultMaxResponseBytes)
			switch {
			case tc.status == "500":
				// An error body is cut at 1 MiB and does not decode.
				limit = 1 << 20
				var unexpected *hostile.UnexpectedStatusError
				if !errors.As(err, &unexpected) || unexpected.StatusCode != 500 {
					t.Fatalf("err = %v, want an UnexpectedStatusError for 500", err)
				}
			case !errors.Is(err, hostile.ErrResponseTooLarge):
				t.Fatalf("err = %v, want ErrResponseTooLarge", err)
			}
			if tc.as == "length" {
				limit = 0 // the stated length refuses it unread
			}
			want := allocBound(limit)
			if n > want {
				t.Errorf("allocated %.1f MiB, want at most %.1f MiB", float64(n)/(1<<20), float64(want)/(1<<20))
			}
			read := tr.read.Load()
			if tc.status == "200" && read > limit+1 || tc.status == "500" && read > limit+320<<10 {
				t.Errorf("read %d bytes of the body, limit %d", read, limit)
			}
			t.Logf("allocated %.1f MiB, read %.1f MiB", float64(n)/(1<<20), float64(read)/(1<<20))
			if tc.status == "200" {
				waitFor(t, "the connection to close", func() bool { return srv.closed.Load() > closedBefore })
			}
		})
	}
}

// TestConcurrentRefusedBodies: 20 calls at once meeting bodies past the
// default limit keep the heap under 80 MiB each.
func TestConcurrentRefusedBodies(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 1.3 GB")
	}
	const calls = 20
	srv := newHugeServer(t, hugeSize)
	tr := &countingTransport{}
	defer tr.CloseIdleConnections()
	c := hugeClient(t, srv, "as=chunked", tr)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	n, err := coldAllocated(func() error {
		var wg sync.WaitGroup
		errs := make(chan error, calls)
		for range calls {
			wg.Go(func() {
				_, err := c.GetPublic(context.Background())
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if !errors.Is(err, hostile.ErrResponseTooLarge) {
				return err
			}
		}
		return nil
	})
	close(stop)
	<-sampled
	if err != nil {
		t.Fatalf("err = %v, want ErrResponseTooLarge", err)
	}
	limit := int64(hostile.DefaultMaxResponseBytes)
	if want := calls * allocBound(limit); n > want {
		t.Errorf("%d calls allocated %d MiB, want at most %d MiB", calls, n>>20, want>>20)
	}
	if want := uint64(calls * 80 << 20); peak.Load() > want {
		t.Errorf("heap peaked at %d MiB, want under %d MiB", peak.Load()>>20, want>>20)
	}
	t.Logf("allocated %d MiB, heap peak %d MiB", n>>20, peak.Load()>>20)
}

// TestPerCallResponseLimit: WithMaxResponseBytes given to a call applies to
// that call only, lower or higher than the client's limit.
func TestPerCallResponseLimit(t *testing.T) {
	const size = 2 << 20
	srv := newHugeServer(t, size)
	for _, as := range []string{"chunked", "length", "gzip"} {
		tr := &countingTransport{}
		c := hugeClient(t, srv, "as="+as, tr)
		_, err := c.GetPublic(context.Background(), hostile.WithMaxResponseBytes(1<<20))
		if !errors.Is(err, hostile.ErrResponseTooLarge) || !strings.Contains(err.Error(), "1048576") {
			t.Errorf("%s: with a 1 MiB limit for the call: err = %v, want ErrResponseTooLarge naming 1048576", as, err)
		}
		if thing, err := c.GetPublic(context.Background()); err != nil || len(thing.Name) != size {
			t.Errorf("%s: with the client's limit: err = %v", as, err)
		}
		small := hugeClient(t, srv, "as="+as, tr, hostile.WithMaxResponseBytes(1<<20))
		if _, err := small.GetPublic(context.Background()); !errors.Is(err, hostile.ErrResponseTooLarge) {
			t.Errorf("%s: with a 1 MiB limit for the client: err = %v, want ErrResponseTooLarge", as, err)
		}
		if thing, err := small.GetPublic(context.Background(), hostile.WithMaxResponseBytes(4<<20)); err != nil || len(thing.Name) != size {
			t.Errorf("%s: with a 4 MiB limit for the call: err = %v", as, err)
		}
		tr.CloseIdleConnections()
	}
}

// TestReadCostsAboutTheBody: a body within the limit costs about its size
// to read, besides what it decodes into (here a name of its size): once
// when it states its length or when the pooled chunks that hold a body of
// unknown length are there from earlier calls, twice when they are not.
func TestReadCostsAboutTheBody(t *testing.T) {
	const size = 10 << 20
	srv := newHugeServer(t, size)
	for _, as := range []string{"chunked", "length", "gzip"} {
		tr := &countingTransport{}
		c := hugeClient(t, srv, "as="+as, tr)
		call := func() error {
			thing, err := c.GetPublic(context.Background())
			if err == nil && len(thing.Name) != size {
				t.Errorf("%s: name of %d bytes, want %d", as, len(thing.Name), size)
			}
			return err
		}
		cold, err := coldAllocated(call)
		if err != nil {
			t.Fatal(err)
		}
		// The least of three calls: a collection during one may have
		// emptied the pool.
		warm := uint64(math.MaxUint64)
		for range 3 {
			n, err := allocated(call)
			if err != nil {
				t.Fatal(err)
			}
			warm = min(warm, n)
		}
		t.Logf("%s: cold %.1f MiB, warm %.1f MiB", as, float64(cold)/(1<<20), float64(warm)/(1<<20))
		read := uint64(size)
		if as != "length" {
			read *= 2
		}
		if want := allocBound(size) + size; warm > want {
			t.Errorf("%s: a call allocated %.1f MiB, want at most %.1f MiB", as, float64(warm)/(1<<20), float64(want)/(1<<20))
		}
		if want := read + size + 4<<20; cold > want {
			t.Errorf("%s: the first call allocated %.1f MiB, want at most %.1f MiB", as, float64(cold)/(1<<20), float64(want)/(1<<20))
		}
		tr.CloseIdleConnections()
	}
}
