package sdk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oasgen/oasgen/internal/e2e/sdk"
)

// impl serves the SDK API from memory. It embeds UnimplementedServer and
// so leaves DeleteItem answering 501.
type impl struct {
	sdk.UnimplementedServer
	mu    sync.Mutex
	items []sdk.Item
	// fail makes the next n createItem/addNote calls answer 503.
	fail  int
	keys  []string // the Idempotency-Key of every attempt
	calls int      // list calls
	slow  time.Duration
	seen  http.Header
}

func (s *impl) ListItems(_ context.Context, req *sdk.ListItemsRequest) (sdk.ListItemsResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	start := 0
	if req.Params.Cursor != nil {
		start, _ = strconv.Atoi(*req.Params.Cursor)
	}
	limit := 2
	if req.Params.Limit != nil {
		limit = int(*req.Params.Limit)
	}
	end := min(start+limit, len(s.items))
	page := sdk.ItemPage{Data: append([]sdk.Item{}, s.items[start:end]...), Meta: sdk.ItemPageMeta{More: end < len(s.items)}}
	if page.Meta.More {
		page.Meta.Next = sdk.NullableOf(strconv.Itoa(end))
	}
	left := int64(100 - s.calls)
	return &sdk.ListItemsOK{Body: page, XRateRemaining: &left}, nil
}

func (s *impl) CreateItem(_ context.Context, req *sdk.CreateItemRequest) (sdk.CreateItemResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	item := req.Body
	id := fmt.Sprint(len(s.items) + 1)
	item.ID = &id
	s.items = append(s.items, item)
	return &sdk.CreateItemCreated{Body: item}, nil
}

func (s *impl) GetItem(_ context.Context, req *sdk.GetItemRequest) (sdk.GetItemResponse, error) {
	s.mu.Lock()
	slow, items := s.slow, s.items
	s.mu.Unlock()
	if slow > 0 {
		time.Sleep(slow)
	}
	if req.Params.ID == "conflict" {
		detail := "the item is being moved"
		return &sdk.GetItemConflict{Body: sdk.Nested{Error: sdk.NestedError{Detail: &detail}}}, nil
	}
	if req.Params.ID == "nil" {
		return nil, nil // a bug of the implementation
	}
	for _, it := range items {
		if *it.ID == req.Params.ID {
			return &sdk.GetItemOK{Body: it, XVersion: 7}, nil
		}
	}
	return &sdk.GetItemNotFound{Body: sdk.Problem{Code: "not_found", Message: "no item " + req.Params.ID}}, nil
}

func (s *impl) AddNote(context.Context, *sdk.AddNoteRequest) (sdk.AddNoteResponse, error) {
	return &sdk.AddNoteNoContent{}, nil
}

func (s *impl) ListPages(_ context.Context, req *sdk.ListPagesRequest) (sdk.ListPagesResponse, error) {
	page := int32(1)
	if req.Params.Page != nil {
		page = *req.Params.Page
	}
	var items []string
	if page <= 3 {
		items = []string{fmt.Sprintf("p%d-a", page), fmt.Sprintf("p%d-b", page)}
	}
	return &sdk.ListPagesOK{Body: sdk.ListPagesOKBody{Items: items}}, nil
}

func (s *impl) ListOffsets(_ context.Context, req *sdk.ListOffsetsRequest) (sdk.ListOffsetsResponse, error) {
	off := int64(0)
	if req.Params.Offset != nil {
		off = *req.Params.Offset
	}
	var items []int64
	for i := off; i < min(off+3, 7); i++ {
		items = append(items, i)
	}
	return &sdk.ListOffsetsOK{Body: sdk.ListOffsetsOKBody{Items: items, More: off+3 < 7}}, nil
}

// start serves s over HTTP; a middleware records what arrives, answers
// 503 while s.fail is positive (to the POSTs), and logs to the returned
// buffer.
func start(t *testing.T, s *impl) (*sdk.Client, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	var logMu sync.Mutex
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		logMu.Lock()
		defer logMu.Unlock()
		return logs.Write(p)
	}), nil))
	h := sdk.NewHandler(s, sdk.WithLogger(logger), sdk.WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.seen = r.Header.Clone()
			if r.Method == http.MethodPost {
				s.keys = append(s.keys, r.Header.Get("Idempotency-Key"))
				if s.fail > 0 {
					s.fail--
					s.mu.Unlock()
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
			}
			s.mu.Unlock()
			next.ServeHTTP(w, r)
		})
	}))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := sdk.NewClient(srv.URL, sdk.WithRetryPolicy(sdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	return c, &logs
}

// state runs f with the server's state locked, for the test's reads and
// writes.
func (s *impl) state(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// reset forgets the keys the server saw and sets how many POSTs to fail
// next.
func (s *impl) reset(fail int) {
	s.state(func() { s.fail, s.keys = fail, nil })
}

func (s *impl) seenKeys() []string {
	var k []string
	s.state(func() { k = append(k, s.keys...) })
	return k
}

func (s *impl) callCount() int {
	var n int
	s.state(func() { n = s.calls })
	return n
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func seed(t *testing.T, c *sdk.Client, n int) {
	t.Helper()
	for i := range n {
		if _, err := c.CreateItem(context.Background(), sdk.CreateItemParams{}, sdk.Item{Name: fmt.Sprint("item", i)}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPerCallOptions: a header, the response's metadata with typed
// headers (for a method that returns the body alone), a deadline that
// covers the call, and the retry policy, each for one call.
func TestPerCallOptions(t *testing.T) {
	s := &impl{}
	c, _ := start(t, s)
	seed(t, c, 1)
	ctx := context.Background()

	var info sdk.ResponseInfo
	item, err := c.GetItem(ctx, sdk.GetItemParams{ID: "1"}, sdk.WithHeader("X-Trace", "t-1"), sdk.WithResponse(&info))
	if err != nil {
		t.Fatal(err)
	}
	var trace string
	s.state(func() { trace = s.seen.Get("X-Trace") })
	if trace != "t-1" {
		t.Errorf("X-Trace did not arrive")
	}
	ok, _ := info.Result.(*sdk.GetItemOK)
	if info.StatusCode != 200 || info.Header.Get("X-Version") != "7" || ok == nil || ok.XVersion != 7 || ok.Body.Name != item.Name {
		t.Errorf("response info: %+v (result %+v)", info, info.Result)
	}

	var missing sdk.ResponseInfo
	_, err = c.GetItem(ctx, sdk.GetItemParams{ID: "9"}, sdk.WithResponse(&missing))
	if nf, _ := missing.Result.(*sdk.GetItemNotFound); missing.StatusCode != 404 || nf == nil || !errors.Is(err, error(nf)) {
		t.Errorf("a 404's info: %+v, err %v", missing, err)
	}

	s.state(func() { s.slow = 200 * time.Millisecond })
	_, err = c.GetItem(ctx, sdk.GetItemParams{ID: "1"}, sdk.WithTimeout(20*time.Millisecond))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a slow call with WithTimeout(20ms): %v", err)
	}
	s.state(func() { s.slow = 0 })

	// POSTs are not retried without a key, and WithoutRetry/WithRetry
	// change the policy of one call.
	s.reset(5)
	err = c.AddNote(ctx, sdk.Item{Name: "n"}, sdk.WithoutRetry())
	if len(s.seenKeys()) != 1 || err == nil {
		t.Errorf("WithoutRetry: %d attempts, err %v", len(s.seenKeys()), err)
	}
	s.reset(2)
	if err := c.AddNote(ctx, sdk.Item{Name: "n"}, sdk.WithRetry(sdk.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})); err != nil || len(s.seenKeys()) != 3 {
		t.Errorf("WithRetry(5 attempts) over two 503s: %d attempts, err %v", len(s.seenKeys()), err)
	}
}

// TestIdempotentRetries: a POST whose operation documents an
// Idempotency-Key is retried with one key on every attempt (made up when
// the caller gives none); WithIdempotencyKey does the same for any POST;
// a POST without a key is not retried.
func TestIdempotentRetries(t *testing.T) {
	s := &impl{}
	c, _ := start(t, s)
	ctx := context.Background()

	s.reset(2)
	if _, err := c.CreateItem(ctx, sdk.CreateItemParams{}, sdk.Item{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	if len(s.seenKeys()) != 3 || s.seenKeys()[0] == "" || s.seenKeys()[0] != s.seenKeys()[1] || s.seenKeys()[1] != s.seenKeys()[2] {
		t.Errorf("keys of the attempts: %q, want three equal, non-empty", s.seenKeys())
	}
	first := s.seenKeys()[0]
	s.reset(1)
	if _, err := c.CreateItem(ctx, sdk.CreateItemParams{}, sdk.Item{Name: "b"}); err != nil {
		t.Fatal(err)
	}
	if len(s.seenKeys()) != 2 || s.seenKeys()[0] == first {
		t.Errorf("a second call reused the key %q: %q", first, s.seenKeys())
	}
	given := "given-key"
	s.reset(1)
	if _, err := c.CreateItem(ctx, sdk.CreateItemParams{IdempotencyKey: &given}, sdk.Item{Name: "c"}); err != nil || s.seenKeys()[0] != given || s.seenKeys()[1] != given {
		t.Errorf("the parameter's key: %q, %v", s.seenKeys(), err)
	}
	// x-idempotency-key: true asks for a key too.
	s.reset(1)
	if err := c.AddNote(ctx, sdk.Item{Name: "n"}); err != nil || len(s.seenKeys()) != 2 || s.seenKeys()[0] == "" || s.seenKeys()[0] != s.seenKeys()[1] {
		t.Errorf("x-idempotency-key: keys %q, %v", s.seenKeys(), err)
	}
	s.reset(1)
	if err := c.AddNote(ctx, sdk.Item{Name: "n"}, sdk.WithIdempotencyKey("mine")); err != nil || s.seenKeys()[0] != "mine" || s.seenKeys()[1] != "mine" {
		t.Errorf("WithIdempotencyKey: keys %q, %v", s.seenKeys(), err)
	}
}

// TestPagination: the iterators yield every item of every page in each
// style, stop at an empty list, stop fetching when the loop breaks, and
// end with the context's error when it is cancelled mid-way.
func TestPagination(t *testing.T) {
	s := &impl{}
	c, _ := start(t, s)
	ctx := context.Background()

	n := 0
	for _, err := range c.ListItemsAll(ctx, sdk.ListItemsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 0 || s.callCount() != 1 {
		t.Errorf("an empty list: %d items in %d calls", n, s.callCount())
	}

	seed(t, c, 5)
	var names []string
	s.state(func() { s.calls = 0 })
	for item, err := range c.ListItemsAll(ctx, sdk.ListItemsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, item.Name)
	}
	if strings.Join(names, ",") != "item0,item1,item2,item3,item4" || s.callCount() != 3 {
		t.Errorf("cursor pages: %v in %d calls", names, s.callCount())
	}

	s.state(func() { s.calls = 0 })
	for range c.ListItemsAll(ctx, sdk.ListItemsParams{}) {
		break
	}
	if s.callCount() != 1 {
		t.Errorf("a loop that breaks at once made %d calls", s.callCount())
	}

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var got []string
	var last error
	for item, err := range c.ListItemsAll(cctx, sdk.ListItemsParams{}) {
		if err != nil {
			last = err
			break
		}
		got = append(got, item.Name)
		if len(got) == 2 {
			cancel() // mid-way: after the first page
		}
	}
	if len(got) != 2 || !errors.Is(last, context.Canceled) {
		t.Errorf("cancelled mid-way: %v, then %v", got, last)
	}

	var pages []string
	for item, err := range c.ListPagesAll(ctx, sdk.ListPagesParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, item)
	}
	if strings.Join(pages, ",") != "p1-a,p1-b,p2-a,p2-b,p3-a,p3-b" {
		t.Errorf("numbered pages: %v", pages)
	}
	var offsets []int64
	for item, err := range c.ListOffsetsAll(ctx, sdk.ListOffsetsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		offsets = append(offsets, item)
	}
	if fmt.Sprint(offsets) != "[0 1 2 3 4 5 6]" {
		t.Errorf("offset pages: %v", offsets)
	}
}

// TestRepeatedCursor: a server that hands out the same cursor again gets
// an error, not an endless loop.
func TestRepeatedCursor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"data":[{"name":"x"}],"meta":{"more":true,"next":"same"}}`)
	}))
	defer srv.Close()
	c, _ := sdk.NewClient(srv.URL)
	n := 0
	var last error
	for _, err := range c.ListItemsAll(context.Background(), sdk.ListItemsParams{}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != 2 || last == nil || !strings.Contains(last.Error(), `"same" twice`) {
		t.Errorf("%d items, then %v", n, last)
	}
}

// TestReadableErrors: an error's text carries the server's message, found
// by name or by x-error-message, and Message returns it.
func TestReadableErrors(t *testing.T) {
	c, _ := start(t, &impl{})
	ctx := context.Background()
	_, err := c.GetItem(ctx, sdk.GetItemParams{ID: "9"})
	var nf *sdk.GetItemNotFound
	if !errors.As(err, &nf) || nf.Message() != "no item 9" || err.Error() != "GET /items/{id} (GetItem): 404 Not Found: no item 9" {
		t.Errorf("404: %v", err)
	}
	_, err = c.GetItem(ctx, sdk.GetItemParams{ID: "conflict"})
	var conflict *sdk.GetItemConflict
	if !errors.As(err, &conflict) || conflict.Message() != "the item is being moved" || !strings.HasSuffix(err.Error(), "409 Conflict: the item is being moved") {
		t.Errorf("409 through x-error-message: %v", err)
	}
}

// TestServerBase: UnimplementedServer answers 501 in the documented error
// shape; a handler that returns (nil, nil) is a 500 logged with the
// operation's name; a refused request's body has the message in message
// and a machine code in code.
func TestServerBase(t *testing.T) {
	c, logs := start(t, &impl{})
	ctx := context.Background()
	err := c.DeleteItem(ctx, sdk.DeleteItemParams{ID: "1"})
	var ni *sdk.DeleteItemNotImplemented
	if !errors.As(err, &ni) || ni.Body.Message != "DeleteItem is not implemented" || ni.Body.Code != "not_implemented" {
		t.Errorf("DeleteItem: %v (%+v)", err, ni)
	}
	_, err = c.GetItem(ctx, sdk.GetItemParams{ID: "nil"})
	var unexpected *sdk.UnexpectedStatusError
	if !errors.As(err, &unexpected) || unexpected.StatusCode != 500 || !strings.Contains(logs.String(), "op=GetItem") {
		t.Errorf("(nil, nil): %v; log %q", err, logs.String())
	}
	_, err = c.CreateItem(ctx, sdk.CreateItemParams{}, sdk.Item{Name: ""})
	var bad *sdk.CreateItemBadRequest
	if !errors.As(err, &bad) || bad.Body.Code != "invalid_request" || !strings.Contains(bad.Body.Message, "name") || bad.Body.Message == bad.Body.Code {
		t.Errorf("a refused item: %v (%+v)", err, bad)
	}
	raw, _ := json.Marshal(bad.Body)
	if strings.Count(string(raw), "name") != 1 {
		t.Errorf("the message is copied into several fields: %s", raw)
	}
}
