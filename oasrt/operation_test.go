package oasrt

import (
	"net/http/httptest"
	"testing"
)

// TestOperationContextCost: a routed request gets its operation in its
// context for one allocation (the request and the context together).
func TestOperationContextCost(t *testing.T) {
	r := httptest.NewRequest("GET", "/v1/order/o1", nil)
	info := OperationInfo{ID: "getOrder", Method: "GET", Route: "/v1/order/{id}"}
	if n := testing.AllocsPerRun(100, func() { _ = WithOperation(r, &info, "GET /v1/order/{id}") }); n != 1 {
		t.Errorf("WithOperation: %v allocations, want 1", n)
	}
	got := WithOperation(r, &info, "GET /v1/order/{id}")
	if got0, ok := OperationFrom(got.Context()); !ok || got0 != info || got.URL != r.URL || got.Method != "GET" || got.Pattern != "GET /v1/order/{id}" {
		t.Errorf("WithOperation: %+v %v, request %s %s", got0, ok, got.Method, got.URL)
	}
}
