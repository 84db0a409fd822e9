package stream_test

import (
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/stream"
)

// pattern is a reader of n bytes that never holds them all: byte i is
// byte(i*7).
type pattern struct{ n, off int64 }

func (p *pattern) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), p.n-p.off)]
	for i := range b {
		b[i] = byte((p.off + int64(i)) * 7)
	}
	p.off += int64(len(b))
	return len(b), nil
}

// store keeps the size and checksum of each file, never its bytes, and
// serves a file back as a pattern of that size.
type store struct {
	mu    sync.Mutex
	files map[string][2]int64 // size, crc32
	// breakAfter makes GetFile's body fail after that many bytes.
	breakAfter int64
	closed     chan struct{}
	gone       bool // a GetTicks client went away
}

func (s *store) PutFile(_ context.Context, req *stream.PutFileRequest) (stream.PutFileResponse, error) {
	h := crc32.NewIEEE()
	n, err := io.Copy(h, req.Body)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.files[req.Params.Name] = [2]int64{n, int64(h.Sum32())}
	s.mu.Unlock()
	return &stream.PutFileCreated{Body: stream.PutFileCreatedBody{Size: n}}, nil
}

func (s *store) GetFile(_ context.Context, req *stream.GetFileRequest) (stream.GetFileResponse, error) {
	s.mu.Lock()
	f, ok := s.files[req.Params.Name]
	breakAfter, closed := s.breakAfter, s.closed
	s.mu.Unlock()
	if !ok {
		return &stream.GetFileNotFound{Body: stream.GetFileNotFoundBody{Message: "no file " + req.Params.Name}}, nil
	}
	var body io.Reader = &pattern{n: f[0]}
	if breakAfter > 0 {
		body = io.MultiReader(io.LimitReader(body, breakAfter), failing{})
	}
	return &stream.GetFileOK{Body: closer{body, closed}}, nil
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

// closer records that the server closed the body it copied out.
type closer struct {
	io.Reader
	closed chan struct{}
}

func (c closer) Close() error {
	if c.closed != nil {
		close(c.closed)
	}
	return nil
}

func start(t testing.TB, limit int64) (*store, *stream.Client) {
	s := &store{files: map[string][2]int64{}}
	srv := httptest.NewServer(stream.NewHandler(s, stream.WithMaxBodyBytes(limit)))
	t.Cleanup(srv.Close)
	c, err := stream.NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

func checksum(r io.Reader) (int64, uint32, error) {
	h := crc32.NewIEEE()
	n, err := io.Copy(h, r)
	return n, h.Sum32(), err
}

// TestUploadDownload: a 10 MiB body goes up from a reader that is read
// once (no length, chunked) and comes back as a stream with the same
// bytes; the server closes what it copied out.
func TestUploadDownload(t *testing.T) {
	s, c := start(t, 64<<20)
	ctx := context.Background()
	const size = 10 << 20
	created, err := c.PutFile(ctx, stream.PutFileParams{Name: "a"}, io.MultiReader(&pattern{n: size}))
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := checksum(&pattern{n: size})
	s.mu.Lock()
	stored := s.files["a"]
	s.mu.Unlock()
	if created.Size != size || stored[1] != int64(want) {
		t.Fatalf("stored %v, want %d bytes, crc %x", stored, size, want)
	}
	closed := make(chan struct{})
	s.mu.Lock()
	s.closed = closed
	s.mu.Unlock()
	var info stream.ResponseInfo
	body, err := c.GetFile(ctx, stream.GetFileParams{Name: "a"}, stream.WithResponse(&info))
	if err != nil {
		t.Fatal(err)
	}
	n, got, err := checksum(body)
	body.Close()
	if err != nil || n != size || got != want {
		t.Errorf("downloaded %d bytes, crc %x, %v", n, got, err)
	}
	if info.Header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("Content-Type %q", info.Header.Get("Content-Type"))
	}
	<-closed
	s.mu.Lock()
	s.closed = nil
	s.mu.Unlock()
	// Past the client's response limit: a stream is the caller's to read.
	small, err := stream.NewClient(c2URL(t, s), stream.WithMaxResponseBytes(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	body, err = small.GetFile(ctx, stream.GetFileParams{Name: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if n, _, err := checksum(body); n != size || err != nil {
		t.Errorf("a stream past WithMaxResponseBytes: %d bytes, %v", n, err)
	}
	body.Close()
}

func c2URL(t *testing.T, s *store) string {
	srv := httptest.NewServer(stream.NewHandler(s))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestStopEarly: a client that closes the stream mid-way ends the
// transfer; the server is not stuck writing.
func TestStopEarly(t *testing.T) {
	s, c := start(t, 1<<30)
	closed := make(chan struct{})
	s.mu.Lock()
	s.files["big"] = [2]int64{1 << 30, 0}
	s.closed = closed
	s.mu.Unlock()
	body, err := c.GetFile(context.Background(), stream.GetFileParams{Name: "big"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(io.Discard, body, 1<<20); err != nil {
		t.Fatal(err)
	}
	body.Close()
	<-closed // the server's copy ended and closed the body
}

// TestServerDiesMidBody: a body that fails on the server's side reaches
// the client as a read error, not as a short file that looks whole.
func TestServerDiesMidBody(t *testing.T) {
	s, c := start(t, 1<<30)
	s.mu.Lock()
	s.files["f"] = [2]int64{4 << 20, 0}
	s.breakAfter = 1 << 20
	s.mu.Unlock()
	body, err := c.GetFile(context.Background(), stream.GetFileParams{Name: "f"})
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	n, _, err := checksum(body)
	if err == nil || n >= 4<<20 {
		t.Errorf("read %d bytes, %v; want an error before the end", n, err)
	}
}

// TestUploadLimits: a streamed body over the server's limit is 413, with
// or without a Content-Length; a missing body is 400; another media type
// 415... and a 404 is still a typed error.
func TestUploadLimits(t *testing.T) {
	_, c := start(t, 1<<20)
	ctx := context.Background()
	for name, body := range map[string]io.Reader{
		"known length": bytes.NewReader(make([]byte, 2<<20)),
		"chunked":      io.MultiReader(&pattern{n: 2 << 20}),
	} {
		_, err := c.PutFile(ctx, stream.PutFileParams{Name: "x"}, body)
		var status *stream.UnexpectedStatusError
		if !errors.As(err, &status) || status.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s over the limit: %v", name, err)
		}
	}
	_, err := c.PutFile(ctx, stream.PutFileParams{Name: "x"}, nil)
	var status *stream.UnexpectedStatusError
	if !errors.As(err, &status) || status.StatusCode != http.StatusBadRequest {
		t.Errorf("no body: %v", err)
	}
	_, err = c.GetFile(ctx, stream.GetFileParams{Name: "nope"})
	var nf *stream.GetFileNotFound
	if !errors.As(err, &nf) || nf.Message() != "no file nope" {
		t.Errorf("404: %v", err)
	}
}

// seeker is a read-once reader that can be rewound: only Read and Seek.
type seeker struct{ r *bytes.Reader }

func (s *seeker) Read(p []byte) (int, error)                { return s.r.Read(p) }
func (s *seeker) Seek(off int64, whence int) (int64, error) { return s.r.Seek(off, whence) }

// TestRetryRewinds: an io.Seeker body is sent again on a retry, from where
// it started; a body read once is not retried.
func TestRetryRewinds(t *testing.T) {
	s := &store{files: map[string][2]int64{}}
	var mu sync.Mutex
	attempts := 0
	h := stream.NewHandler(s)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		attempts++
		first := attempts == 1
		mu.Unlock()
		if first {
			io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, _ := stream.NewClient(srv.URL, stream.WithRetryPolicy(stream.RetryPolicy{MaxAttempts: 3}))
	data := bytes.Repeat([]byte("0123456789"), 1000)
	r := &seeker{bytes.NewReader(data)}
	r.r.Seek(10, io.SeekStart) // the body starts where the reader stands
	created, err := c.PutFile(context.Background(), stream.PutFileParams{Name: "s"}, r)
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return attempts
	}
	if err != nil || created.Size != int64(len(data)-10) || count() != 2 {
		t.Errorf("a seekable body over a 503: %+v, %v, %d attempts", created, err, count())
	}
	mu.Lock()
	attempts = 0
	mu.Unlock()
	_, err = c.PutFile(context.Background(), stream.PutFileParams{Name: "o"}, io.MultiReader(bytes.NewReader(data)))
	var status *stream.UnexpectedStatusError
	if !errors.As(err, &status) || status.StatusCode != 503 || count() != 1 {
		t.Errorf("a read-once body over a 503: %v, %d attempts (want 1, not retried)", err, count())
	}
}
