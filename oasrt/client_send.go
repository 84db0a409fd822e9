package oasrt

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// Endpoint is what every request of an operation has in common: a
// generated package holds one per operation, which its client's requests
// name (a variable is data, where the same fields at each call would be
// code).
type Endpoint struct {
	Info     OperationInfo // the operation, which the request's context carries
	Op       string        // the operation's name, which errors start with
	Security [][]string    // the security alternatives, each the schemes it needs
	Accept   string        // the media types the operation's responses document
	// Idempotency is the header the operation documents for an
	// idempotency key ("" when it documents none).
	Idempotency string
}

// Request is what a generated method hands to Send: everything needed
// to build the request again for a retry.
type Request struct {
	*Endpoint
	Path    string // escaped, below the server URL
	Query   url.Values
	Header  http.Header
	Cookies []*http.Cookie
	Body    []byte
	// Stream, when not nil, is the body instead: sent as it is read, and
	// again on a retry only when it is an io.Seeker.
	Stream io.Reader
	// ContentType is the Content-Type of Body or Stream, sent only with
	// one of them (not for an optional body left out).
	ContentType string
	Opts        []RequestOption

	streamStart int64 // where a seekable stream starts
}

func (c *Client) build(ctx context.Context, r *Request, o *Call, keyHeader, key string) (*http.Request, error) {
	u := *c.Base
	u.RawPath = u.EscapedPath() + r.Path
	var err error
	if u.Path, err = url.PathUnescape(u.RawPath); err != nil {
		return nil, fmt.Errorf("%s: path: %w", r.Op, err)
	}
	u.RawQuery = r.Query.Encode()
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	if r.Stream != nil {
		body = r.Stream
	}
	req, err := http.NewRequestWithContext(ctx, r.Info.Method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Op, err)
	}
	if s, ok := r.Stream.(io.Seeker); ok && req.GetBody == nil {
		// A stream that can be rewound has a length and can be sent again.
		start := r.streamStart
		end, err := s.Seek(0, io.SeekEnd)
		if err == nil {
			_, err = s.Seek(start, io.SeekStart)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: body: %w", r.Op, err)
		}
		req.ContentLength = end - start
		req.GetBody = func() (io.ReadCloser, error) {
			if _, err := s.Seek(start, io.SeekStart); err != nil {
				return nil, err
			}
			return io.NopCloser(r.Stream), nil
		}
		if req.ContentLength == 0 {
			req.Body = http.NoBody
		}
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	for _, ck := range r.Cookies {
		req.AddCookie(ck)
	}
	if r.ContentType != "" && (r.Body != nil || r.Stream != nil) {
		req.Header.Set("Content-Type", r.ContentType)
	}
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	}
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	if o != nil {
		for k, vs := range o.Header {
			req.Header[k] = vs
		}
	}
	if key != "" {
		req.Header.Set(keyHeader, key)
	}
	return req, nil
}

// Send builds, authorizes and sends a request with retries. When the
// server answers 401 to a request whose credentials can be renewed, it
// renews them and sends the request once more, only once. The call's
// options apply: headers, retry policy, deadline, idempotency key,
// response limit, and the ResponseInfo to fill.
func (c *Client) Send(ctx context.Context, r *Request) (*http.Response, error) {
	o := callOf(r.Opts)
	policy, limit := c.Retry, c.MaxResponse
	cancel := context.CancelFunc(func() {})
	if o != nil {
		if o.Retry != nil {
			policy = *o.Retry
		}
		if o.Timeout > 0 {
			ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		}
		if o.MaxResponse > 0 {
			limit = o.MaxResponse
		}
	}
	keyHeader, key := r.idempotencyKey(o)
	if s, ok := r.Stream.(io.Seeker); ok {
		start, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			cancel()
			return nil, fmt.Errorf("%s: body: %w", r.Op, err)
		}
		r.streamStart = start
	}
	// A stream that is never sent is closed, so that whatever feeds it
	// (a multipart body's writer) stops.
	unsent := func() {
		if cl, ok := r.Stream.(io.Closer); ok {
			cl.Close()
		}
	}
	attempt := 0
	for renewed := false; ; renewed = true {
		rc := &requestContext{operationContext: operationContext{Context: ctx, info: &r.Info, attempt: attempt + 1}}
		req, err := c.build(rc, r, o, keyHeader, key)
		if err != nil {
			cancel()
			unsent()
			return nil, err
		}
		used, err := c.authorize(ctx, req, r.Op, r.Security)
		if err != nil {
			cancel()
			unsent()
			return nil, err
		}
		rc.sensitive = len(used) > 0
		resp, last, err := c.attempts(rc, req, policy, key != "")
		if err != nil {
			cancel()
			return nil, fmt.Errorf("%s: %w", r.Op, err)
		}
		resp.Body = &limitedBody{body: resp.Body, left: limit, op: r.Op, limit: limit}
		replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
		if resp.StatusCode != http.StatusUnauthorized || renewed || !replayable || !renew(used, req) {
			// The call's deadline lasts until the body is closed.
			resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
			if o != nil && o.Response != nil {
				*o.Response = ResponseInfo{StatusCode: resp.StatusCode, Header: resp.Header, ContentLength: resp.ContentLength}
			}
			return resp, nil
		}
		Drain(resp)
		attempt = last.attempt
	}
}

func renew(used []*Credential, req *http.Request) bool {
	renewed := false
	for _, cr := range used {
		if cr.Renew != nil {
			cr.Renew(req)
			renewed = true
		}
	}
	return renewed
}

// attempts sends req, whose context is rc, retrying as the policy allows,
// each attempt with a context of its own (see AttemptFrom); keyed is true
// when it carries an idempotency key, which makes any method safe to
// retry. It returns the response and the context of the last attempt.
func (c *Client) attempts(rc *requestContext, req *http.Request, p RetryPolicy, keyed bool) (*http.Response, *requestContext, error) {
	retryable := p.RetryNonIdempotent || keyed
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		retryable = true
	}
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		retryable = false // a stream read once cannot be sent again
	}
	for attempt, ctx := 1, rc; ; attempt, ctx = attempt+1, ctx.next() {
		if attempt > 1 {
			var err error
			if req, err = again(ctx, req); err != nil {
				return nil, ctx, err
			}
		}
		for _, edit := range c.Editors {
			if err := edit(ctx, req); err != nil {
				return nil, ctx, err
			}
		}
		resp, err := c.Doer.Do(req)
		last := !retryable || attempt >= p.MaxAttempts || ctx.Err() != nil
		if err != nil {
			if last || ctx.Err() != nil {
				return nil, ctx, err
			}
		} else if last || !RetryStatus(resp.StatusCode) {
			return resp, ctx, nil
		}
		wait := backoff(p, attempt)
		if resp != nil {
			if ra, ok := RetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				if ra > p.MaxRetryAfter {
					return resp, ctx, nil
				}
				wait = ra
			}
			Drain(resp)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx, ctx.Err()
		case <-timer.C:
		}
	}
}

// backoff is the wait before attempt+1: exponential, capped, with jitter
// between half and all of it.
func backoff(p RetryPolicy, attempt int) time.Duration {
	d := p.BaseDelay << min(attempt-1, 30)
	if d <= 0 || d > p.MaxDelay {
		d = p.MaxDelay
	}
	if d <= 0 {
		return 0
	}
	return d/2 + rand.N(d/2+1)
}

// again returns a copy of req ready to be sent once more, with its body
// rewound.
func again(ctx context.Context, req *http.Request) (*http.Request, error) {
	next := req.Clone(ctx)
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		next.Body = body
	}
	return next, nil
}
