package foundry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// seen records who saw which operation, in order.
type seen struct {
	mu  sync.Mutex
	log []string
}

func (s *seen) add(who string, ctx context.Context) {
	info, ok := foundry.OperationFrom(ctx)
	entry := fmt.Sprintf("%s: %+v", who, info)
	if !ok {
		entry = who + ": none"
	}
	if n := foundry.AttemptFrom(ctx); n > 0 {
		entry += fmt.Sprintf(" attempt %d", n)
	}
	s.mu.Lock()
	s.log = append(s.log, entry)
	s.mu.Unlock()
}

func (s *seen) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	return out
}

// traced serves login, refreshToken and getOrder, recording what its
// operations see; getOrder first answers 503 busy times.
type traced struct {
	foundry.UnimplementedServer
	seen *seen
	busy atomic.Int32
}

func (s *traced) Login(ctx context.Context, req *foundry.LoginRequest) (foundry.LoginResponse, error) {
	s.seen.add("handler", ctx)
	return &foundry.LoginOK{Body: foundry.AuthResult{StatusCode: 200, StatusMessage: "OK", Tokens: foundry.Tokens{IDToken: "old", AccessToken: "a", RefreshToken: "r"}}}, nil
}

func (s *traced) RefreshToken(ctx context.Context, req *foundry.RefreshTokenRequest) (foundry.RefreshTokenResponse, error) {
	s.seen.add("handler", ctx)
	return &foundry.RefreshTokenOK{Body: foundry.AuthResult{StatusCode: 200, StatusMessage: "OK", Tokens: foundry.Tokens{IDToken: "new", AccessToken: "a", RefreshToken: "r"}}}, nil
}

func (s *traced) GetOrder(ctx context.Context, req *foundry.GetOrderRequest) (foundry.GetOrderResponse, error) {
	s.seen.add("handler", ctx)
	if s.busy.Add(-1) >= 0 {
		return nil, &foundry.HTTPError{Status: http.StatusServiceUnavailable, Message: "busy"}
	}
	return &foundry.GetOrderOK{Body: foundry.OrderResult{StatusCode: 200, StatusMessage: "OK", Order: foundry.Order{ID: req.Params.ID, Code: "C1"}}}, nil
}

// tokenCheck accepts the idToken "new" only.
type tokenCheck struct{}

func (tokenCheck) HandleAPIKey(ctx context.Context, op, key string) (context.Context, error) {
	return ctx, nil
}

func (tokenCheck) HandleIDToken(ctx context.Context, op, token string) (context.Context, error) {
	if token != "new" {
		return nil, errors.New("expired")
	}
	return ctx, nil
}

// doerFunc is a Doer made of a function.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

// TestOperationFrom: over HTTP, the client's Doer, an operation middleware
// and the implementation see the operation of each request (a retry and a
// request sent again with a renewed token as later attempts, the token
// flow's calls as their own operations); a middleware given to
// WithMiddleware runs before routing and sees none, and requests that
// match no operation never reach an operation middleware. An operation
// middleware's r.Pattern is the operation's method and route.
func TestOperationFrom(t *testing.T) {
	log := &seen{}
	impl := &traced{seen: log}
	record := func(who string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				log.add(who, r.Context())
				if info, ok := foundry.OperationFrom(r.Context()); ok && r.Pattern != info.Method+" "+info.Route {
					t.Errorf("%s: r.Pattern = %q, want the operation's method and route", who, r.Pattern)
				}
				next.ServeHTTP(w, r)
			})
		}
	}
	srv := httptest.NewServer(foundry.NewHandler(impl, tokenCheck{},
		foundry.WithMiddleware(record("outer")),
		foundry.WithOperationMiddleware(record("mw"))))
	defer srv.Close()
	doer := doerFunc(func(req *http.Request) (*http.Response, error) {
		log.add("doer", req.Context())
		return srv.Client().Do(req)
	})
	c, err := foundry.NewClient(srv.URL, foundry.WithHTTPClient(doer), foundry.WithIDTokenLogin("demo", "pw"),
		foundry.WithRetryPolicy(foundry.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}

	// One call, answered at once.
	impl.busy.Store(0)
	ctx := context.Background()
	if _, err := c.GetOrder(ctx, foundry.GetOrderParams{ID: "o1"}); err != nil {
		t.Fatal(err)
	}
	login := "{ID:login Method:POST Route:/v1/auth}"
	refresh := "{ID:refreshToken Method:POST Route:/v1/auth/refreshtoken}"
	getOrder := "{ID:getOrder Method:GET Route:/v1/order/{id}}"
	want := []string{
		// The token flow logs in: the call of its own operation.
		"doer: " + login + " attempt 1", "outer: none", "mw: " + login, "handler: " + login,
		// The idToken "old" is refused before the implementation...
		"doer: " + getOrder + " attempt 1", "outer: none", "mw: " + getOrder,
		// ...so the flow renews it, and the call is sent again.
		"doer: " + refresh + " attempt 1", "outer: none", "mw: " + refresh, "handler: " + refresh,
		"doer: " + getOrder + " attempt 2", "outer: none", "mw: " + getOrder, "handler: " + getOrder,
	}
	if got := log.take(); !slices.Equal(got, want) {
		t.Errorf("first call:\n got %q\nwant %q", got, want)
	}

	// A retry is a later attempt.
	impl.busy.Store(1)
	if _, err := c.GetOrder(ctx, foundry.GetOrderParams{ID: "o1"}); err != nil {
		t.Fatal(err)
	}
	want = []string{
		"doer: " + getOrder + " attempt 1", "outer: none", "mw: " + getOrder, "handler: " + getOrder,
		"doer: " + getOrder + " attempt 2", "outer: none", "mw: " + getOrder, "handler: " + getOrder,
	}
	if got := log.take(); !slices.Equal(got, want) {
		t.Errorf("retried call:\n got %q\nwant %q", got, want)
	}

	// Requests no operation takes: the outer middleware only.
	for _, tc := range []struct {
		method, path string
		status       int
	}{{"GET", "/v1/nothing", 404}, {"PATCH", "/v1/order/o1", 405}, {"GET", "/", 404}, {"GET", "/v1/order/cancel", 405}, {"GET", "/v1/ledger/assets/..", 404}} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: %d", tc.method, tc.path, resp.StatusCode)
		}
		if got := log.take(); !slices.Equal(got, []string{"outer: none"}) {
			t.Errorf("%s %s (%d): seen by %q, want the outer middleware only", tc.method, tc.path, resp.StatusCode, got)
		}
	}
}
