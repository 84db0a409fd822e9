package oasrt

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"time"
)

// RequestOption changes one call of a client method (see Call).
type RequestOption interface{ ApplyCall(*Call) }

// CallOption is a RequestOption made of a function.
type CallOption func(*Call)

// ApplyCall calls f.
func (f CallOption) ApplyCall(c *Call) { f(c) }

// Call is what a call's options say.
type Call struct {
	Header   http.Header
	Retry    *RetryPolicy
	Timeout  time.Duration
	Key      string
	Response *ResponseInfo
	// MaxResponse, when above 0, replaces the client's response limit.
	MaxResponse int64
}

// callOf applies opts; it is nil when there are none.
func callOf(opts []RequestOption) *Call {
	if len(opts) == 0 {
		return nil
	}
	c := &Call{}
	for _, o := range opts {
		if o != nil {
			o.ApplyCall(c)
		}
	}
	return c
}

// WithHeader sets a request header for a call, over the ones the client
// and the method set; credentials are set after it.
func WithHeader(name, value string) RequestOption {
	return CallOption(func(c *Call) {
		if c.Header == nil {
			c.Header = http.Header{}
		}
		c.Header.Set(name, value)
	})
}

// WithRetry uses p for a call instead of the client's retry policy.
func WithRetry(p RetryPolicy) RequestOption {
	return CallOption(func(c *Call) { c.Retry = &p })
}

// WithTimeout bounds a call by d, retries and the reading of the
// response body included, on top of the context's own deadline.
func WithTimeout(d time.Duration) RequestOption {
	return CallOption(func(c *Call) { c.Timeout = d })
}

// WithIdempotencyKey sends key in the operation's idempotency header,
// and lets a POST or PATCH be retried like an idempotent request.
func WithIdempotencyKey(key string) RequestOption {
	return CallOption(func(c *Call) { c.Key = key })
}

// WithResponse fills r with the metadata of a call's response.
func WithResponse(r *ResponseInfo) RequestOption {
	return CallOption(func(c *Call) { c.Response = r })
}

// ResponseInfo is the metadata of a call's HTTP response.
type ResponseInfo struct {
	StatusCode int
	Header     http.Header
	// ContentLength is the body's length, or -1 when unknown.
	ContentLength int64
	// Result is the documented response the call decoded: the operation's
	// response struct for the status (*GetItemOK, *GetItemNotFound...),
	// with its typed headers and body. It is nil when the status is not
	// documented or the body did not decode.
	Result any
}

// ResponseInfoOf is the ResponseInfo the caller asked to fill, or nil.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func ResponseInfoOf(opts []RequestOption) *ResponseInfo {
	if c := callOf(opts); c != nil {
		return c.Response
	}
	return nil
}

// RecordResult stores the documented response a call decoded in the
// caller's ResponseInfo, if it asked for one.
func RecordResult(opts []RequestOption, v any) {
	if info := ResponseInfoOf(opts); info != nil {
		info.Result = v
	}
}

// Failed is what a call returns for the documented error response out:
// err, what reading it met, if any; else out, recorded in the caller's
// ResponseInfo if it asked for one.
func Failed(opts []RequestOption, out error, err error) error {
	if err != nil {
		return err
	}
	RecordResult(opts, out)
	return out
}

// NewError is an error that says msg: a call refused before it is sent.
// Not inlined, as ResponseInfoOf.
//
//go:noinline
func NewError(msg string) error { return errors.New(msg) }

// idempotencyKey is the key a call sends in header, and whether a POST
// or PATCH may then be retried: the caller's key, the one the method's
// parameters carry, or a new random one when the operation asks for keys.
func (r *Request) idempotencyKey(c *Call) (header, key string) {
	header = r.Idempotency
	if header == "" {
		header = "Idempotency-Key"
	}
	switch {
	case c != nil && c.Key != "":
		return header, c.Key
	case r.Idempotency == "":
		return "", ""
	case r.Header.Get(header) != "":
		return header, r.Header.Get(header)
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	return header, hex.EncodeToString(b[:])
}

// cancelBody is a response body that ends a call's own deadline when it is
// closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
