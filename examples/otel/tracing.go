// Package tracing wires OpenTelemetry into a package the generator wrote
// (here the Foundry one), on both sides, with otelhttp: one span per
// request, named after the operation's operationId instead of the bare
// method, and labelled with its route template instead of the raw path,
// which would give a metric or a span name one value per order id.
//
// The generated package imports only the standard library; what it gives
// is the operation of each request (OperationFrom) and which attempt a
// client request is (AttemptFrom). This module, not the generated one,
// depends on OpenTelemetry.
package tracing

import (
	"net/http"

	"github.com/oasgen/oasgen/generated/foundry"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Handler serves impl with a server span around each operation: named
// after its operationId, with http.route set to its route template
// (otelhttp reads it from r.Pattern, which the generated handler sets to
// the operation's method and route). Requests that match no operation
// get no span here; put otelhttp in foundry.WithMiddleware too to see
// them.
func Handler(impl foundry.Server, sec foundry.SecurityHandler, tp trace.TracerProvider, prop propagation.TextMapPropagator) http.Handler {
	return foundry.NewHandler(impl, sec, foundry.WithOperationMiddleware(func(next http.Handler) http.Handler {
		return otelhttp.NewHandler(next, "foundry",
			otelhttp.WithTracerProvider(tp),
			otelhttp.WithPropagators(prop),
			otelhttp.WithSpanNameFormatter(spanName))
	}))
}

// Transport sends requests through base with a client span around each:
// named after the operationId, with url.template set to the operation's
// route and, for a retry or a request sent again with a renewed token,
// http.request.resend_count. Give it to the client:
//
//	foundry.NewClient(url, foundry.WithHTTPClient(&http.Client{Transport: tracing.Transport(http.DefaultTransport, tp, prop)}))
func Transport(base http.RoundTripper, tp trace.TracerProvider, prop propagation.TextMapPropagator) http.RoundTripper {
	return otelhttp.NewTransport(operationAttributes{base},
		otelhttp.WithTracerProvider(tp),
		otelhttp.WithPropagators(prop),
		otelhttp.WithSpanNameFormatter(spanName))
}

// spanName is the operationId of the request's operation, or its method
// when it has none.
func spanName(_ string, r *http.Request) string {
	if info, ok := foundry.OperationFrom(r.Context()); ok && info.ID != "" {
		return info.ID
	}
	return r.Method
}

// operationAttributes sets the operation's attributes on the client span
// otelhttp started, which the request's context carries.
type operationAttributes struct{ base http.RoundTripper }

func (t operationAttributes) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if info, ok := foundry.OperationFrom(ctx); ok {
		span := trace.SpanFromContext(ctx)
		span.SetAttributes(attribute.String("url.template", info.Route))
		if n := foundry.AttemptFrom(ctx); n > 1 {
			span.SetAttributes(attribute.Int("http.request.resend_count", n-1))
		}
	}
	return t.base.RoundTrip(req)
}
