package foundry

import (
	"net/http/httptest"
	"testing"
)

// TestOperationContextCost: a routed request gets its operation in its
// context for one allocation (the request and the context together).
func TestOperationContextCost(t *testing.T) {
	r := httptest.NewRequest("GET", "/v1/order/o1", nil)
	if n := testing.AllocsPerRun(100, func() { _ = withOperation(r, &opGetOrderInfo, "GET /v1/order/{id}") }); n != 1 {
		t.Errorf("withOperation: %v allocations, want 1", n)
	}
	got := withOperation(r, &opGetOrderInfo, "GET /v1/order/{id}")
	if info, ok := OperationFrom(got.Context()); !ok || info != opGetOrderInfo || got.URL != r.URL || got.Method != "GET" || got.Pattern != "GET /v1/order/{id}" {
		t.Errorf("withOperation: %+v %v, request %s %s", info, ok, got.Method, got.URL)
	}
}
