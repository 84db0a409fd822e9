package foundry_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// fake implements the operations this test drives; the others are left to
// the embedded nil interface and are not called.
type fake struct {
	foundry.Server
	mu     sync.Mutex
	orders map[string]foundry.Order
	last   foundry.ListLedgerTransactionsParams
}

func (f *fake) Login(_ context.Context, req *foundry.LoginRequest) (foundry.LoginResponse, error) {
	if req.Body.Username != "demo" || req.Body.Password != "pw" {
		return &foundry.LoginUnauthorized{Body: foundry.Error{FlatError: &foundry.FlatError{Error: "Incorrect username or password"}}}, nil
	}
	return &foundry.LoginOK{Body: foundry.AuthResult{StatusCode: 200, StatusMessage: "OK", Tokens: foundry.Tokens{IDToken: "id-token", AccessToken: "access", RefreshToken: "refresh"}}}, nil
}

func (f *fake) CreateOrder(_ context.Context, req *foundry.CreateOrderRequest) (foundry.CreateOrderResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := "ord_1"
	amount := foundry.DecimalString(req.Body.Amount)
	f.orders[id] = foundry.Order{ID: id, Code: "C1", Amount: &amount}
	voucher := foundry.DecimalString("90.00")
	created := foundry.Decimal(req.Body.Amount)
	return &foundry.CreateOrderCreated{Body: foundry.CreatedOrder{StatusCode: 201, StatusMessage: "OK", ID: id, Code: "C1", Amount: &created, Voucheramount: &voucher}}, nil
}

func (f *fake) GetOrder(_ context.Context, req *foundry.GetOrderRequest) (foundry.GetOrderResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.orders[req.Params.ID]
	if !ok {
		return &foundry.GetOrderNotFound{Body: foundry.Error{StatusEnvelope: &foundry.StatusEnvelope{StatusCode: 404, StatusMessage: "Order not found or does not belong to you"}}}, nil
	}
	// The documentation shows this success as a 201 tab.
	return &foundry.GetOrderCreated{Body: foundry.OrderResult{StatusCode: 200, StatusMessage: "OK", Order: o}}, nil
}

func (f *fake) ListLedgerTransactions(_ context.Context, req *foundry.ListLedgerTransactionsRequest) (foundry.ListLedgerTransactionsResponse, error) {
	f.mu.Lock()
	f.last = req.Params
	f.mu.Unlock()
	now := time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC)
	return &foundry.ListLedgerTransactionsOK{Body: foundry.TransactionList{
		Data: []foundry.Transaction{{ID: "txn_123", Amount: 2500, Type: foundry.TransactionTypeTransfer, Status: foundry.TransactionStatusPending, CreatedAt: now, UpdatedAt: now}},
		Meta: foundry.PageMeta{Limit: 10},
	}}, nil
}

func (f *fake) CancelOrder(context.Context, *foundry.CancelOrderRequest) (foundry.CancelOrderResponse, error) {
	return nil, errors.New("database is down")
}

// HandleIDToken accepts the token Login issued.
func (f *fake) HandleIDToken(ctx context.Context, _ string, token string) (context.Context, error) {
	if token != "id-token" {
		return nil, errors.New("unknown token")
	}
	return ctx, nil
}

// HandleAPIKey accepts the ledger key "key".
func (f *fake) HandleAPIKey(ctx context.Context, _ string, key string) (context.Context, error) {
	if key != "key" {
		return nil, &foundry.HTTPError{Status: http.StatusUnauthorized, Message: "Invalid API key"}
	}
	return ctx, nil
}

func TestRoundTrip(t *testing.T) {
	impl := &fake{orders: map[string]foundry.Order{}}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	ctx := context.Background()

	anon, err := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := anon.CreateOrder(ctx, foundry.NewOrder{Amount: "100", ProductCode: "PS"}); !errors.Is(err, foundry.ErrNoCredentials) {
		t.Fatalf("CreateOrder without a token: %v, want ErrNoCredentials", err)
	}
	var unauthorized *foundry.LoginUnauthorized
	if _, err := anon.Login(ctx, foundry.LoginCredentials{Username: "demo", Password: "wrong"}); !errors.As(err, &unauthorized) || unauthorized.Body.FlatError == nil {
		t.Fatalf("Login with a wrong password: %v, want a LoginUnauthorized with the flat error", err)
	}
	auth, err := anon.Login(ctx, foundry.LoginCredentials{Username: "demo", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}

	c, err := foundry.NewClient(srv.URL+"/", foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken(auth.Tokens.IDToken), foundry.WithAPIKey("key"))
	if err != nil {
		t.Fatal(err)
	}
	created, err := c.CreateOrder(ctx, foundry.NewOrder{Amount: "100.10", ProductCode: "PS"})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "ord_1" || *created.Amount != "100.10" || *created.Voucheramount != "90.00" {
		t.Errorf("created order: %+v", created)
	}
	got, err := c.GetOrder(ctx, foundry.GetOrderParams{ID: "ord_1"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Order.Amount == nil || *got.Order.Amount != "100.10" {
		t.Errorf("order amount: %v", got.Order.Amount)
	}
	var notFound *foundry.GetOrderNotFound
	_, err = c.GetOrder(ctx, foundry.GetOrderParams{ID: "nope"})
	if !errors.As(err, &notFound) || notFound.Body.StatusEnvelope == nil || notFound.Body.StatusEnvelope.StatusCode != 404 {
		t.Fatalf("GetOrder of an unknown id: %v, want GetOrderNotFound with the envelope", err)
	}
	if notFound.StatusCode() != 404 {
		t.Errorf("StatusCode() = %d", notFound.StatusCode())
	}

	// The implementation's error is a 500 without detail, in the envelope
	// the spec documents for cancel's 500.
	var internal *foundry.CancelOrderInternalServerError
	_, err = c.CancelOrder(ctx, foundry.CancelOrderInput{ID: "ord_1", Code: "C1"})
	if !errors.As(err, &internal) || internal.Body.StatusEnvelope == nil || internal.Body.StatusEnvelope.StatusMessage != "Internal Server Error" {
		t.Errorf("CancelOrder with a failing implementation: %v", err)
	}

	limit := int32(10)
	status := foundry.TransactionStatusPending
	account := "acc 1/2"
	list, err := c.ListLedgerTransactions(ctx, foundry.ListLedgerTransactionsParams{Limit: &limit, Status: &status, AccountID: &account})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Data) != 1 || list.Data[0].Amount != 2500 || list.Data[0].Status != foundry.TransactionStatusPending {
		t.Errorf("list: %+v", list)
	}
	impl.mu.Lock()
	last := impl.last
	impl.mu.Unlock()
	if last.Limit == nil || *last.Limit != 10 || *last.Status != status || *last.AccountID != account || last.Cursor != nil {
		t.Errorf("server saw params %+v", last)
	}

	bad, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithAPIKey("wrong"))
	var noKey *foundry.ListLedgerTransactionsUnauthorized
	if _, err := bad.ListLedgerTransactions(ctx, foundry.ListLedgerTransactionsParams{}); !errors.As(err, &noKey) || noKey.Body.Error != "Invalid API key" {
		t.Errorf("wrong key: %v", err)
	}
}

func TestHandlerRejectsBadInput(t *testing.T) {
	impl := &fake{orders: map[string]foundry.Order{}}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	for _, tc := range []struct {
		method, path, body string
		want               int
		mention            string
	}{
		{"GET", "/v1/ledger/transactions?limit=abc", "", 400, `query parameter "limit"`},
		{"POST", "/v1/order", `{"amount": "ten", "productCode": "PS"}`, 400, `body field "amount": must be a number`},
		{"POST", "/v1/order", `{`, 400, "body"},
		{"POST", "/v1/order", ``, 400, "body is required"},
		{"DELETE", "/v1/order", ``, 405, "not allowed"},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		req.Header.Set("Authorization", "Bearer id-token")
		req.Header.Set("x-api-key", "key")
		if tc.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		msg := fmt.Sprint(body["error"], body["statusMessage"])
		if resp.StatusCode != tc.want || !strings.Contains(msg, tc.mention) {
			t.Errorf("%s %s %q: %d %q, want %d mentioning %q", tc.method, tc.path, tc.body, resp.StatusCode, msg, tc.want, tc.mention)
		}
	}
}
