package foundry_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// authServer is a fake of the Foundry token endpoints and of GET
// /v1/account, which wants a live idToken.
type authServer struct {
	t                 *testing.T
	ttl               time.Duration
	logins, refreshes atomic.Int32
	calls             atomic.Int32
	failRefresh       atomic.Bool
	reject            atomic.Bool // answer 401 to every account call
	mu                sync.Mutex
	n                 int
	live              map[string]time.Time // idToken -> expiry
	refreshTokens     map[string]bool
}

func newAuthServer(t *testing.T, ttl time.Duration) (*authServer, *httptest.Server) {
	a := &authServer{t: t, ttl: ttl, live: map[string]time.Time{}, refreshTokens: map[string]bool{}}
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	return a, srv
}

func jwt(exp time.Time, n int) string {
	enc := base64.RawURLEncoding.EncodeToString
	claims, _ := json.Marshal(map[string]any{"exp": exp.Unix(), "n": n})
	return enc([]byte(`{"alg":"none","kid":"k"}`)) + "." + enc(claims) + ".sig"
}

func (a *authServer) issue(w http.ResponseWriter) {
	a.mu.Lock()
	a.n++
	exp := time.Now().Add(a.ttl)
	id, rt := jwt(exp, a.n), fmt.Sprintf("refresh-%d", a.n)
	a.live[id] = exp
	a.refreshTokens[rt] = true
	a.mu.Unlock()
	json.NewEncoder(w).Encode(map[string]any{"statusCode": 200, "statusMessage": "OK",
		"tokens": map[string]string{"idToken": id, "accessToken": "access", "refreshToken": rt}})
}

func (a *authServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	switch r.URL.Path {
	case "/v1/auth":
		a.logins.Add(1)
		json.NewDecoder(r.Body).Decode(&body)
		if body["username"] != "demo@example.com" || body["password"] != "pw" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":"Incorrect username or password"}`)
			return
		}
		a.issue(w)
	case "/v1/auth/refreshtoken":
		a.refreshes.Add(1)
		json.NewDecoder(r.Body).Decode(&body)
		a.mu.Lock()
		ok := a.refreshTokens[body["refreshtoken"]] && !a.failRefresh.Load()
		a.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"statusCode":401,"statusMessage":"Refresh token expired"}`)
			return
		}
		a.issue(w)
	case "/v1/account":
		a.calls.Add(1)
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		a.mu.Lock()
		exp, ok := a.live[tok]
		a.mu.Unlock()
		if !ok || time.Now().After(exp) || a.reject.Load() {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"statusCode":401,"statusMessage":"Unauthorized"}`)
			return
		}
		fmt.Fprint(w, `{"statusCode":200,"statusMessage":"OK","payload":{"id":"acc_1","status":"active"}}`)
	default:
		http.NotFound(w, r)
	}
}

func loginClient(t *testing.T, srv *httptest.Server, password string) *foundry.Client {
	c, err := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDTokenLogin("demo@example.com", password))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoginCallExpiryRefresh(t *testing.T) {
	a, srv := newAuthServer(t, 2*time.Second)
	c := loginClient(t, srv, "pw")
	ctx := context.Background()
	for range 3 {
		if _, err := c.GetAccount(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if a.logins.Load() != 1 || a.refreshes.Load() != 0 {
		t.Fatalf("after three calls: %d logins, %d refreshes; want 1, 0", a.logins.Load(), a.refreshes.Load())
	}
	// The client renews a fifth of the lifetime before expiry.
	time.Sleep(1700 * time.Millisecond)
	if _, err := c.GetAccount(ctx); err != nil {
		t.Fatal(err)
	}
	if a.logins.Load() != 1 || a.refreshes.Load() != 1 || a.calls.Load() != 4 {
		t.Errorf("after expiry: %d logins, %d refreshes, %d calls; want 1, 1, 4", a.logins.Load(), a.refreshes.Load(), a.calls.Load())
	}
}

func TestRefreshFailureLogsInAgain(t *testing.T) {
	a, srv := newAuthServer(t, 1*time.Second)
	c := loginClient(t, srv, "pw")
	ctx := context.Background()
	if _, err := c.GetAccount(ctx); err != nil {
		t.Fatal(err)
	}
	a.failRefresh.Store(true)
	time.Sleep(900 * time.Millisecond)
	if _, err := c.GetAccount(ctx); err != nil {
		t.Fatal(err)
	}
	if a.refreshes.Load() != 1 || a.logins.Load() != 2 {
		t.Errorf("%d refreshes, %d logins; want 1, 2", a.refreshes.Load(), a.logins.Load())
	}
}

func TestUnauthorizedRetriedOnceOnly(t *testing.T) {
	a, srv := newAuthServer(t, time.Hour)
	c := loginClient(t, srv, "pw")
	ctx := context.Background()
	if _, err := c.GetAccount(ctx); err != nil {
		t.Fatal(err)
	}
	// The server forgets the token: the client refreshes and retries once.
	a.mu.Lock()
	clear(a.live)
	a.mu.Unlock()
	if _, err := c.GetAccount(ctx); err != nil {
		t.Fatalf("after the server dropped the token: %v", err)
	}
	if a.calls.Load() != 3 || a.refreshes.Load() != 1 {
		t.Errorf("%d calls, %d refreshes; want 3, 1", a.calls.Load(), a.refreshes.Load())
	}
	// The server refuses everything: one retry, then the typed 401.
	a.reject.Store(true)
	before := a.calls.Load()
	_, err := c.GetAccount(ctx)
	var unauthorized *foundry.GetAccountUnauthorized
	if !errors.As(err, &unauthorized) {
		t.Fatalf("err = %v, want GetAccountUnauthorized", err)
	}
	if got := a.calls.Load() - before; got != 2 {
		t.Errorf("%d requests for one call, want 2", got)
	}
}

func TestConcurrentCallsShareOneRefresh(t *testing.T) {
	// The JWT's exp is in whole seconds: a token of 3 s is good for 2 s at
	// least, which the 50 calls after the refresh need (with 1 s, a token
	// issued late in a second could be renewed again during them).
	const ttl = 3 * time.Second
	a, srv := newAuthServer(t, ttl)
	c := loginClient(t, srv, "pw")
	ctx := context.Background()
	if _, err := c.GetAccount(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(ttl + 100*time.Millisecond) // the token has expired
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			if _, err := c.GetAccount(ctx); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if a.refreshes.Load() != 1 || a.logins.Load() != 1 {
		t.Errorf("%d refreshes, %d logins for 50 concurrent calls; want 1, 1", a.refreshes.Load(), a.logins.Load())
	}
}

func TestWrongPasswordKeepsTokensOut(t *testing.T) {
	_, srv := newAuthServer(t, time.Hour)
	c := loginClient(t, srv, "wrong")
	_, err := c.GetAccount(context.Background())
	var unauthorized *foundry.LoginUnauthorized
	if !errors.As(err, &unauthorized) || unauthorized.Body.FlatError == nil {
		t.Fatalf("err = %v, want the login's 401", err)
	}
	if strings.Contains(err.Error(), "wrong") || strings.Contains(err.Error(), "refresh-") {
		t.Errorf("error shows a secret: %v", err)
	}
}

func TestStaticTokenAndTokenSource(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
		fmt.Fprint(w, `{"statusCode":200,"statusMessage":"OK","payload":{"id":"a"}}`)
	}))
	defer srv.Close()
	n := 0
	src := foundry.TokenSourceFunc(func(context.Context) (string, error) { n++; return fmt.Sprintf("tok-%d", n), nil })
	c, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDTokenSource(src))
	c.GetAccount(context.Background())
	c.GetAccount(context.Background())
	c2, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken("fixed"))
	c2.GetAccount(context.Background())
	want := []string{"Bearer tok-1", "Bearer tok-2", "Bearer fixed"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Authorization headers %q, want %q", got, want)
	}
	failing := foundry.TokenSourceFunc(func(context.Context) (string, error) { return "", errors.New("vault sealed") })
	c3, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDTokenSource(failing))
	if _, err := c3.GetAccount(context.Background()); err == nil || !strings.Contains(err.Error(), "vault sealed") {
		t.Errorf("failing source: %v", err)
	}
}
