package tracing_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"example.com/otel"
	"github.com/oasgen/oasgen/generated/foundry"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// orders answers getOrder, with 503 the first time.
type orders struct {
	foundry.UnimplementedServer
	busy atomic.Int32
}

func (o *orders) GetOrder(ctx context.Context, req *foundry.GetOrderRequest) (foundry.GetOrderResponse, error) {
	if o.busy.Add(-1) >= 0 {
		return nil, &foundry.HTTPError{Status: http.StatusServiceUnavailable, Message: "busy"}
	}
	return &foundry.GetOrderOK{Body: foundry.OrderResult{StatusCode: 200, StatusMessage: "OK", Order: foundry.Order{ID: req.Params.ID, Code: "C1"}}}, nil
}

// bearer accepts the token "t".
type bearer struct{}

func (bearer) HandleAPIKey(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

func (bearer) HandleIDToken(ctx context.Context, _, token string) (context.Context, error) {
	if token != "t" {
		return nil, errors.New("unknown token")
	}
	return ctx, nil
}

// TestSpans: a getOrder call retried once makes two client spans and two
// server spans, all named getOrder, the server ones with http.route and
// the client ones with url.template set to the route template, the second
// client span with http.request.resend_count 1, each server span the
// child of a client span; a request no operation takes makes none.
func TestSpans(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	defer tp.Shutdown(context.Background())
	prop := propagation.TraceContext{}
	impl := &orders{}
	impl.busy.Store(1)
	srv := httptest.NewServer(tracing.Handler(impl, bearer{}, tp, prop))
	defer srv.Close()
	hc := &http.Client{Transport: tracing.Transport(srv.Client().Transport, tp, prop)}
	c, err := foundry.NewClient(srv.URL, foundry.WithHTTPClient(hc), foundry.WithIDToken("t"),
		foundry.WithRetryPolicy(foundry.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetOrder(context.Background(), foundry.GetOrderParams{ID: "o-123"}); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Get(srv.URL + "/v1/nothing")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	var servers, clients []sdktrace.ReadOnlySpan
	for _, s := range rec.Ended() {
		switch s.SpanKind() {
		case trace.SpanKindServer:
			servers = append(servers, s)
		case trace.SpanKindClient:
			clients = append(clients, s)
		}
	}
	if len(servers) != 2 || len(clients) != 2 {
		t.Fatalf("%d server spans and %d client spans, want 2 and 2", len(servers), len(clients))
	}
	for i, s := range clients {
		attrs := attributes(s)
		if s.Name() != "getOrder" || attrs["url.template"] != "/v1/order/{id}" {
			t.Errorf("client span %d: %q %v", i, s.Name(), attrs)
		}
		if want := map[int]string{0: "", 1: "1"}[i]; attrs["http.request.resend_count"] != want {
			t.Errorf("client span %d: resend count %q, want %q", i, attrs["http.request.resend_count"], want)
		}
	}
	for i, s := range servers {
		attrs := attributes(s)
		if s.Name() != "getOrder" || attrs["http.route"] != "/v1/order/{id}" {
			t.Errorf("server span %d: %q %v", i, s.Name(), attrs)
		}
		if s.Parent().SpanID() != clients[i].SpanContext().SpanID() || s.SpanContext().TraceID() != clients[i].SpanContext().TraceID() {
			t.Errorf("server span %d is not the child of client span %d", i, i)
		}
	}
	if got := attributes(servers[0])["http.response.status_code"]; got != "503" {
		t.Errorf("first server span: status %s, want 503", got)
	}
}

// attributes are a span's attributes as strings.
func attributes(s sdktrace.ReadOnlySpan) map[string]string {
	out := map[string]string{}
	for _, kv := range s.Attributes() {
		out[string(kv.Key)] = kv.Value.String()
	}
	return out
}
