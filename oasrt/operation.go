package oasrt

import (
	"context"
	"net/http"
	"net/url"
)

// OperationInfo names an operation of an API, for tracing, metrics and
// logs: ID is its operationId as the API description writes it ("" when
// it gives none), Method its HTTP method and Route its path as the
// description writes it ("/orders/{id}"), the same for every request.
type OperationInfo struct {
	ID, Method, Route string
}

// OperationFrom reports the operation a context belongs to: the context
// of a request a generated server routed, or of one a generated client
// sends.
func OperationFrom(ctx context.Context) (OperationInfo, bool) {
	if oc, ok := ctx.Value(operationKey{}).(*operationContext); ok {
		return *oc.info, true
	}
	return OperationInfo{}, false
}

// AttemptFrom reports which attempt at a call the request whose context
// is ctx is: 1 for the first, 2 for the first retry or the request sent
// again with renewed credentials, and so on; 0 for a context that is not
// one of a request a generated client sends.
func AttemptFrom(ctx context.Context) int {
	if oc, ok := ctx.Value(operationKey{}).(*operationContext); ok {
		return oc.attempt
	}
	return 0
}

// operationKey is the context key of an operationContext.
type operationKey struct{}

// operationContext is a context that carries its operation, and, for a
// request the client sends, which attempt it is (1 for the first).
type operationContext struct {
	context.Context
	info    *OperationInfo
	attempt int
}

func (c *operationContext) Value(key any) any {
	if _, ok := key.(operationKey); ok {
		return c
	}
	return c.Context.Value(key)
}

// routedRequest is a request and the context that carries its
// operation, allocated together.
type routedRequest struct {
	req http.Request
	ctx operationContext
}

// WithOperation is r with info in its context and pattern as its
// Pattern, for one allocation.
func WithOperation(r *http.Request, info *OperationInfo, pattern string) *http.Request {
	rr := &routedRequest{ctx: operationContext{Context: r.Context(), info: info}}
	rr.req = *r.WithContext(&rr.ctx)
	rr.req.Pattern = pattern
	return &rr.req
}

// SetOne sets key to the one value v in m, a query, a form or headers
// (its key as it is: the caller gives a header's in canonical form).
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func SetOne(m map[string][]string, key, v string) { m[key] = []string{v} }

// SetString sets key to *v in m, as SetOne does, when v is not nil.
// Not inlined, as SetOne.
//
//go:noinline
func SetString(m map[string][]string, key string, v *string) {
	if v != nil {
		m[key] = []string{*v}
	}
}

// EscapePath is s escaped as one segment of a URL path. Not inlined, as
// SetOne.
//
//go:noinline
func EscapePath(s string) string { return url.PathEscape(s) }
