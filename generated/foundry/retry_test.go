package foundry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// flaky answers the first fails requests with status (and a Retry-After
// header when retryAfter is set), then succeeds; status 0 drops the
// connection instead.
func flaky(t *testing.T, fails int32, status int, retryAfter string, opts ...foundry.Option) (*foundry.Client, *atomic.Int32, *[]string) {
	var n atomic.Int32
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		if n.Add(1) <= fails {
			if status == 0 {
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close()
				return
			}
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(status)
			return
		}
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		fmt.Fprint(w, `{"statusCode":200,"statusMessage":"OK","payload":{"id":"a"},"order":{"id":"o","code":"c"},"id":"o","code":"c"}`)
	}))
	t.Cleanup(srv.Close)
	opts = append([]foundry.Option{foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken("t"),
		foundry.WithRetryPolicy(foundry.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, MaxRetryAfter: 2 * time.Second})}, opts...)
	c, err := foundry.NewClient(srv.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, &n, &bodies
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	c, n, _ := flaky(t, 1, http.StatusServiceUnavailable, "1")
	start := time.Now()
	if _, err := c.GetAccount(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 {
		t.Errorf("%d attempts, want 2", n.Load())
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("retried after %v, want the 1s Retry-After", d)
	}
}

func TestRetryAfterLongerThanAllowedStops(t *testing.T) {
	c, n, _ := flaky(t, 1, http.StatusTooManyRequests, "120")
	_, err := c.GetAccount(context.Background())
	var unexpected *foundry.UnexpectedStatusError
	if !errors.As(err, &unexpected) || unexpected.StatusCode != 429 || n.Load() != 1 {
		t.Errorf("err %v after %d attempts, want the 429 after 1", err, n.Load())
	}
}

func TestRetryStatusesAndConnectionErrors(t *testing.T) {
	for _, status := range []int{0, 429, 502, 503, 504} {
		c, n, _ := flaky(t, 2, status, "")
		if _, err := c.GetAccount(context.Background()); err != nil {
			t.Errorf("status %d: %v", status, err)
		}
		if n.Load() != 3 {
			t.Errorf("status %d: %d attempts, want 3", status, n.Load())
		}
	}
	// Out of attempts: the last answer is returned.
	c, n, _ := flaky(t, 5, 503, "")
	_, err := c.GetAccount(context.Background())
	var unexpected *foundry.UnexpectedStatusError
	if !errors.As(err, &unexpected) || unexpected.StatusCode != 503 || n.Load() != 3 {
		t.Errorf("err %v after %d attempts, want 503 after 3", err, n.Load())
	}
	// 500 is not retried.
	c, n, _ = flaky(t, 1, 500, "")
	c.GetAccount(context.Background())
	if n.Load() != 1 {
		t.Errorf("500: %d attempts, want 1", n.Load())
	}
}

func TestNoRetryOfPostUnlessAllowed(t *testing.T) {
	c, n, _ := flaky(t, 1, 503, "")
	_, err := c.CreateOrder(context.Background(), foundry.NewOrder{Amount: "1", ProductCode: "PS"})
	if err == nil || n.Load() != 1 {
		t.Errorf("POST: err %v after %d attempts, want an error after 1", err, n.Load())
	}
	c, n, _ = flaky(t, 1, 0, "")
	_, err = c.CreateOrder(context.Background(), foundry.NewOrder{Amount: "1", ProductCode: "PS"})
	if err == nil || n.Load() != 1 {
		t.Errorf("POST on a dropped connection: err %v after %d attempts, want an error after 1", err, n.Load())
	}
	// Opted in, the POST is retried and its body sent again whole.
	c, n, bodies := flaky(t, 1, 503, "", foundry.WithRetryPolicy(foundry.RetryPolicy{MaxAttempts: 2, RetryNonIdempotent: true}))
	if _, err := c.CreateOrder(context.Background(), foundry.NewOrder{Amount: "1.50", ProductCode: "PS"}); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 || (*bodies)[0] != (*bodies)[1] || (*bodies)[1] != `{"amount":1.50,"productCode":"PS"}` {
		t.Errorf("%d attempts with bodies %q", n.Load(), *bodies)
	}
}

func TestPutRetryReplaysBody(t *testing.T) {
	c, n, bodies := flaky(t, 1, 502, "")
	if _, err := c.CancelOrder(context.Background(), foundry.CancelOrderInput{ID: "o", Code: "c"}); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 || len(*bodies) != 2 || (*bodies)[0] != (*bodies)[1] || (*bodies)[1] != `{"code":"c","id":"o"}` {
		t.Errorf("%d attempts with bodies %q", n.Load(), *bodies)
	}
}

func TestCancellation(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	c, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken("t"))

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetAccount(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("deadline: %v after %v", err, time.Since(start))
	}

	// Cancelled while waiting to retry.
	slow, _, _ := flaky(t, 5, 503, "1")
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start = time.Now()
	_, err = slow.GetAccount(ctx)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 500*time.Millisecond {
		t.Errorf("cancel during backoff: %v after %v", err, time.Since(start))
	}

	// Cancelled while another caller logs in.
	_, auth := newAuthServer(t, time.Hour)
	login := loginClient(t, auth, "pw")
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := login.GetAccount(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before login: %v", err)
	}
}
