package sandbox

import (
	"context"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

type order struct {
	id, code, product, owner string
	amount                   *big.Rat
	status                   foundry.OrderStatus
	created, updated         time.Time
	// shown is what the API shows of the order, kept up to date on every
	// change, so that listing thousands of orders does no arithmetic.
	shown foundry.Order
}

// products are the product codes the sandbox sells, with the share of the
// amount a voucher is worth.
var products = map[string]*big.Rat{"PS": big.NewRat(9, 10), "XB": big.NewRat(9, 10), "NT": big.NewRat(85, 100)}

func (o *order) view() foundry.Order {
	amount := foundry.DecimalString(o.amount.FloatString(2))
	received := foundry.DecimalString(new(big.Rat).Mul(o.amount, products[o.product]).FloatString(2))
	real := foundry.DecimalString(new(big.Rat).Mul(o.amount, big.NewRat(1, 2)).FloatString(2))
	return foundry.Order{ID: o.id, Code: o.code, Amount: &amount, ReceivedAmount: &received, RealAmount: &real,
		Product: ptr(o.product), Status: ptr(o.status), CreatedAt: ptr(o.created), UpdatedAt: ptr(o.updated)}
}

// CreateOrder issues a voucher code for a product.
func (s *Sandbox) CreateOrder(ctx context.Context, req *foundry.CreateOrderRequest) (foundry.CreateOrderResponse, error) {
	if err := s.fault("CreateOrder"); err != nil {
		return nil, err
	}
	amount, ok := new(big.Rat).SetString(string(req.Body.Amount))
	share, known := products[req.Body.ProductCode]
	if !ok || amount.Sign() <= 0 || !known {
		return &foundry.CreateOrderBadRequest{Body: foundry.Error{FlatError: &foundry.FlatError{Error: "Invalid request"}}}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	now := s.now()
	o := &order{id: newID("ord_"), code: fmt.Sprintf("%016d", 4000000000000000+s.n*7919), product: req.Body.ProductCode,
		owner: principal(ctx).id, amount: amount, status: foundry.OrderStatusIssue, created: now, updated: now}
	o.shown = o.view()
	s.orders[o.id] = o
	s.ordersBy[o.owner] = append(s.ordersBy[o.owner], o)
	created := foundry.Decimal(amount.FloatString(2))
	voucher := foundry.DecimalString(new(big.Rat).Mul(amount, share).FloatString(2))
	formatted := strings.Join([]string{o.code[0:4], o.code[4:8], o.code[8:12], o.code[12:16]}, "-")
	return &foundry.CreateOrderCreated{Body: foundry.CreatedOrder{
		StatusCode: 201, StatusMessage: "OK", ID: o.id, Code: o.code, CodeFormatted: &formatted,
		Amount: &created, Voucheramount: &voucher, Status: ptr(o.status), CreatedAt: ptr(now), UpdatedAt: ptr(now),
	}}, nil
}

// ListOrders lists the client's orders, oldest first.
func (s *Sandbox) ListOrders(ctx context.Context, _ *foundry.ListOrdersRequest) (foundry.ListOrdersResponse, error) {
	if err := s.fault("ListOrders"); err != nil {
		return nil, err
	}
	owner := principal(ctx).id
	s.mu.RLock()
	mine := s.ordersBy[owner]
	list := make([]foundry.Order, len(mine))
	for i, o := range mine {
		list[i] = o.shown
	}
	s.mu.RUnlock()
	return &foundry.ListOrdersOK{Body: foundry.OrderList{StatusCode: 200, StatusMessage: "OK", Orders: list}}, nil
}

// own returns the client's order id, or nil.
func (s *Sandbox) own(ctx context.Context, id string) *order {
	o := s.orders[id]
	if o == nil || o.owner != principal(ctx).id {
		return nil
	}
	return o
}

// GetOrder answers 200 (the status the body states; the documentation's
// tab says 201, which the client accepts too).
func (s *Sandbox) GetOrder(ctx context.Context, req *foundry.GetOrderRequest) (foundry.GetOrderResponse, error) {
	if err := s.fault("GetOrder"); err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Params.ID) == "" {
		return &foundry.GetOrderBadRequest{Body: envelope(http.StatusBadRequest, "Order ID is required")}, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.own(ctx, req.Params.ID)
	if o == nil {
		return &foundry.GetOrderNotFound{Body: envelope(http.StatusNotFound, "Order not found or does not belong to you")}, nil
	}
	return &foundry.GetOrderOK{Body: foundry.OrderResult{StatusCode: 200, StatusMessage: "OK", Order: o.shown}}, nil
}

// CancelOrder cancels an issued order whose id and code match.
func (s *Sandbox) CancelOrder(ctx context.Context, req *foundry.CancelOrderRequest) (foundry.CancelOrderResponse, error) {
	if err := s.fault("CancelOrder"); err != nil {
		return nil, err
	}
	if req.Body.ID == "" || req.Body.Code == "" {
		return &foundry.CancelOrderBadRequest{Body: envelope(http.StatusBadRequest, "Order ID and Code are required")}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.own(ctx, req.Body.ID)
	switch {
	case o == nil || o.code != req.Body.Code:
		return &foundry.CancelOrderNotFound{Body: envelope(http.StatusNotFound, "Order not found or does not belong to you")}, nil
	case o.status != foundry.OrderStatusIssue:
		return &foundry.CancelOrderBadRequest{Body: envelope(http.StatusBadRequest, "Order is "+strings.ToLower(string(o.status))+" and cannot be cancelled")}, nil
	}
	o.status, o.updated = foundry.OrderStatusCancelled, s.now()
	o.shown = o.view()
	return &foundry.CancelOrderOK{Body: foundry.StatusEnvelope{StatusCode: 200, StatusMessage: "Order successfully canceled"}}, nil
}
