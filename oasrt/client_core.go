package oasrt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client is the engine of a generated Client: what it sends requests
// with and how. A generated package's options set its fields between
// Init and Guard; after Guard it is read only, and safe for concurrent
// use.
type Client struct {
	Base      *url.URL
	Doer      Doer
	UserAgent string
	Editors   []RequestEditor
	Retry     RetryPolicy
	// Creds holds a credential per security scheme name.
	Creds map[string]*Credential
	// MaxResponse is the most read of one response body.
	MaxResponse int64
}

// DefaultMaxResponseBytes is the most a client reads of one response
// body (after decompression) unless told otherwise: far more than any
// JSON answer of a real API, far less than a server could make a client
// hold.
const DefaultMaxResponseBytes = 64 << 20

// ErrResponseTooLarge is returned, wrapped with the operation and the
// limit, when a response body is larger than the client reads.
var ErrResponseTooLarge = errors.New("response body too large")

// Doer sends HTTP requests; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// RequestEditor changes a request before it is sent, for every attempt.
type RequestEditor func(ctx context.Context, req *http.Request) error

// RetryPolicy says when the client sends a request again.
//
// A request is retried after a connection error or a 429, 502, 503 or 504
// answer, if its method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS,
// TRACE) or RetryNonIdempotent is set. The wait grows exponentially from
// BaseDelay, capped at MaxDelay, with random jitter; a Retry-After header is
// honoured instead when it asks for no more than MaxRetryAfter (a longer
// one ends the retries). The context's deadline and cancellation end the
// waiting at once.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too; 1 disables retries.
	MaxAttempts int
	BaseDelay   time.Duration
	MaxDelay    time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits for.
	MaxRetryAfter time.Duration
	// RetryNonIdempotent allows retrying POST and PATCH requests, which
	// may then take effect twice.
	RetryNonIdempotent bool
}

// defaultRetry is the policy of a new Client: 3 attempts, 200ms doubling
// to at most 5s, Retry-After up to 30s, no retry of POST and PATCH.
var defaultRetry = RetryPolicy{MaxAttempts: 3, BaseDelay: 200 * time.Millisecond, MaxDelay: 5 * time.Second, MaxRetryAfter: 30 * time.Second}

// Init makes c a client of the API at serverURL, an absolute URL, with
// the defaults: http.DefaultClient, the default retry policy, no
// credentials, DefaultMaxResponseBytes.
func (c *Client) Init(serverURL string) error {
	u, err := url.Parse(serverURL)
	if err != nil {
		return fmt.Errorf("server URL: %w", err)
	}
	if u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("server URL %q: want an absolute URL such as https://host/path", serverURL)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	*c = Client{Base: u, Doer: http.DefaultClient, Retry: defaultRetry, Creds: map[string]*Credential{}, MaxResponse: DefaultMaxResponseBytes}
	return nil
}

// Guard puts the redirect policy in front of an *http.Client's own, on a
// copy: redirects are followed to the same origin (scheme, host and
// port), and to another only for a request that carries no body and no
// credentials; otherwise the call stops with a *RedirectError.
func (c *Client) Guard() {
	if hc, ok := c.Doer.(*http.Client); ok && hc != nil {
		guarded := *hc
		guarded.CheckRedirect = redirectPolicy(hc.CheckRedirect)
		c.Doer = &guarded
	}
}

// SetRetry sets the retry policy; a MaxAttempts below 1 counts as 1.
func (c *Client) SetRetry(p RetryPolicy) {
	p.MaxAttempts = max(p.MaxAttempts, 1)
	c.Retry = p
}

// RedirectError is returned when a server redirects a request that
// carries a body or credentials to another origin: the client does not
// follow, so that neither reaches a server the caller did not name.
type RedirectError struct {
	// StatusCode is the redirect's status (301, 302, 303, 307, 308).
	StatusCode int
	// From is the URL redirected from; Location where the server sent it,
	// with any query left out.
	From, Location string
	// Reason says what the request carried.
	Reason string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("redirect %d to another origin (%s) not followed: the request carries %s", e.StatusCode, e.Location, e.Reason)
}

// sensitiveKey marks, in a request's context, that the runtime added
// credentials to it.
type sensitiveKey struct{}

// requestContext is the context of a request the client sends: its
// operation and attempt, and whether it carries credentials.
type requestContext struct {
	operationContext
	sensitive bool
}

func (c *requestContext) Value(key any) any {
	if _, ok := key.(sensitiveKey); ok && c.sensitive {
		return true
	}
	return c.operationContext.Value(key)
}

// next is the context of the request's next attempt.
func (c *requestContext) next() *requestContext {
	n := *c
	n.attempt++
	return &n
}

// redirectPolicy is the CheckRedirect of the client's *http.Client: see
// Guard. next, the caller's own policy, runs after it.
func redirectPolicy(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		first := via[0]
		if !SameOrigin(first.URL, req.URL) {
			var carries []string
			if first.Context().Value(sensitiveKey{}) != nil || first.Header.Get("Authorization") != "" || first.Header.Get("Cookie") != "" {
				carries = append(carries, "credentials")
			}
			if first.Body != nil && first.Body != http.NoBody {
				carries = append(carries, "a body")
			}
			if len(carries) > 0 {
				status := 0
				if req.Response != nil {
					status = req.Response.StatusCode
				}
				to := *req.URL
				to.RawQuery, to.User = "", nil
				from := *via[len(via)-1].URL
				from.RawQuery, from.User = "", nil
				return &RedirectError{StatusCode: status, From: from.String(), Location: to.String(), Reason: strings.Join(carries, " and ")}
			}
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}
