package sandbox_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generated/foundry"
	"github.com/oasgen/oasgen/internal/sandbox"
)

// start runs a sandbox over real HTTP and returns a client logged in as
// the seeded user with the ledger key.
func start(t *testing.T, cfg sandbox.Config) (*sandbox.Sandbox, *httptest.Server, *foundry.Client) {
	t.Helper()
	sb := sandbox.New(cfg)
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	c, err := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()),
		foundry.WithIDTokenLogin(sandbox.DefaultUsername, sandbox.DefaultPassword),
		foundry.WithAPIKey(sandbox.DefaultLedgerKey),
		foundry.WithRetryPolicy(foundry.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return sb, srv, c
}

// must returns v, or panics with err: a failed step fails the test with
// the error and where it happened.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// statusOf returns the status of a typed error response, 0 for no error,
// -1 for an error that is not one.
func statusOf(err error) int {
	if err == nil {
		return 0
	}
	var typed interface{ StatusCode() int }
	if errors.As(err, &typed) {
		return typed.StatusCode()
	}
	return -1
}

func TestAllOperations(t *testing.T) {
	_, _, c := start(t, sandbox.Config{})
	ctx := context.Background()

	// Foundry: account, balance, top-up, orders.
	acc := must(c.GetAccount(ctx))
	if acc.Payload.ContactEmail == nil || *acc.Payload.ContactEmail != sandbox.DefaultUsername {
		t.Errorf("account %+v", acc.Payload)
	}
	must(c.GetTopupDetails(ctx))
	created := must(c.CreateOrder(ctx, foundry.NewOrder{Amount: "100", ProductCode: "PS"}))
	if *created.Voucheramount != "90.00" || *created.Amount != "100.00" || created.StatusCode != 201 {
		t.Errorf("created %+v", created)
	}
	bal := must(c.GetAccountBalance(ctx))
	if *bal.Payload.Pending != "100.00" || *bal.Payload.Available != "900.00" {
		t.Errorf("balance %+v", bal.Payload)
	}
	got := must(c.GetOrder(ctx, foundry.GetOrderParams{ID: created.ID}))
	if got.Order.Code != created.Code || *got.Order.Status != foundry.OrderStatusIssue {
		t.Errorf("order %+v", got.Order)
	}
	list := must(c.ListOrders(ctx))
	if len(list.Orders) != 1 {
		t.Errorf("%d orders", len(list.Orders))
	}
	if _, err := c.CancelOrder(ctx, foundry.CancelOrderInput{ID: created.ID, Code: "wrong"}); statusOf(err) != 404 {
		t.Errorf("cancel with a wrong code: %v", err)
	}
	must(c.CancelOrder(ctx, foundry.CancelOrderInput{ID: created.ID, Code: created.Code}))
	var again *foundry.CancelOrderBadRequest
	if _, err := c.CancelOrder(ctx, foundry.CancelOrderInput{ID: created.ID, Code: created.Code}); !errors.As(err, &again) || !strings.Contains(again.Body.StatusEnvelope.StatusMessage, "cannot be cancelled") {
		t.Errorf("second cancel: %v", err)
	}
	if _, err := c.GetOrder(ctx, foundry.GetOrderParams{ID: "ord_nope"}); statusOf(err) != 404 {
		t.Errorf("unknown order: %v", err)
	}
	if _, err := c.CreateOrder(ctx, foundry.NewOrder{Amount: "5", ProductCode: "NOPE"}); statusOf(err) != 400 {
		t.Errorf("unknown product: %v", err)
	}

	// Ledger: the ledger, assets, accounts and transactions.
	led := must(c.GetLedger(ctx))
	if *led.Data.APIKey != "******" {
		t.Errorf("ledger key not masked: %v", *led.Data.APIKey)
	}
	name := "Renamed"
	if l := must(c.UpdateLedger(ctx, foundry.LedgerUpdate{Name: &name})); l.Data.Name != name {
		t.Errorf("ledger name %q", l.Data.Name)
	}
	asset := must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2}))
	if _, err := c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2}); statusOf(err) != 400 {
		t.Errorf("duplicate asset: %v", err)
	}
	must(c.GetLedgerAsset(ctx, foundry.GetLedgerAssetParams{ID: asset.Data.ID}))
	euro := "Euro"
	if a := must(c.UpdateLedgerAsset(ctx, foundry.UpdateLedgerAssetParams{ID: asset.Data.ID}, foundry.AssetUpdate{Name: &euro})); *a.Data.Name != euro {
		t.Errorf("asset %+v", a.Data)
	}
	if _, err := c.GetLedgerAsset(ctx, foundry.GetLedgerAssetParams{ID: "nope"}); statusOf(err) != 404 {
		t.Errorf("unknown asset: %v", err)
	}
	account := must(c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "alice"}))
	must(c.GetLedgerAccount(ctx, foundry.GetLedgerAccountParams{ID: account.Data.ID}))
	bob := "bob"
	must(c.UpdateLedgerAccount(ctx, foundry.UpdateLedgerAccountParams{ID: account.Data.ID}, foundry.LedgerAccountUpdate{Name: &bob}))
	txn := must(c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: account.Data.ID, Amount: 2500, Type: foundry.TransactionTypeIssue}))
	if txn.Data.Status != foundry.TransactionStatusPending {
		t.Errorf("new transaction is %s", txn.Data.Status)
	}
	must(c.GetLedgerTransaction(ctx, foundry.GetLedgerTransactionParams{ID: txn.Data.ID}))
	if _, err := c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: "nope", Amount: 1, Type: foundry.TransactionTypeIssue}); statusOf(err) != 404 {
		t.Errorf("transaction on an unknown account: %v", err)
	}
	pending := foundry.TransactionStatusPending
	txns := must(c.ListLedgerTransactions(ctx, foundry.ListLedgerTransactionsParams{Status: &pending, AccountID: &account.Data.ID}))
	if len(txns.Data) != 1 || txns.Data[0].ID != txn.Data.ID {
		t.Errorf("transactions %+v", txns.Data)
	}
	must(c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{}))
	must(c.ListLedgerAccounts(ctx, foundry.ListLedgerAccountsParams{}))
}

func TestTransitions(t *testing.T) {
	sb, _, c := start(t, sandbox.Config{})
	ctx := context.Background()
	asset := must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2}))
	acc := must(c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "a"}))
	newTxn := func() string {
		return must(c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: acc.Data.ID, Amount: 100, Type: foundry.TransactionTypeIssue})).Data.ID
	}
	allowed := map[string]bool{
		"PENDING>INFLIGHT": true, "PENDING>COMPLETED": true, "PENDING>REJECTED": true, "PENDING>VOID": true,
		"INFLIGHT>COMPLETED": true, "INFLIGHT>REJECTED": true, "INFLIGHT>VOID": true,
	}
	all := []foundry.TransactionStatus{"PENDING", "INFLIGHT", "COMPLETED", "REJECTED", "VOID"}
	for _, from := range all {
		for _, to := range all {
			id := newTxn()
			// Reach "from" by an allowed path.
			switch from {
			case "INFLIGHT", "COMPLETED", "REJECTED", "VOID":
				must(sb.Transition(id, from))
			}
			_, err := sb.Transition(id, to)
			if ok := allowed[string(from)+">"+string(to)]; ok != (err == nil) {
				t.Errorf("%s to %s: %v, want allowed=%v", from, to, err, ok)
			}
		}
	}
	a := must(c.GetLedgerAccount(ctx, foundry.GetLedgerAccountParams{ID: acc.Data.ID}))
	// Completed: PENDING>COMPLETED and INFLIGHT>COMPLETED, plus the five
	// "from COMPLETED" cases.
	if *a.Data.Balance != 700 {
		t.Errorf("balance %d, want 700", *a.Data.Balance)
	}
}

func TestPagination(t *testing.T) {
	_, _, c := start(t, sandbox.Config{})
	ctx := context.Background()
	for i := range 30 {
		must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: fmt.Sprintf("A%02d", i), Scale: 2}))
	}
	first := must(c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{}))
	next, ok := first.Meta.NextCursor.Get()
	if len(first.Data) != 25 || !first.Meta.HasMore || !ok || first.Meta.Limit != 25 {
		t.Fatalf("first page: %d items, meta %+v", len(first.Data), first.Meta)
	}
	second := must(c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{Cursor: &next}))
	if len(second.Data) != 5 || second.Meta.HasMore || !second.Meta.NextCursor.IsNull() || second.Data[0].Code != "A25" {
		t.Errorf("second page: %d items, meta %+v", len(second.Data), second.Meta)
	}
	limit := int32(7)
	if p := must(c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{Limit: &limit})); len(p.Data) != 7 {
		t.Errorf("limit 7: %d items", len(p.Data))
	}
	for _, bad := range []int32{0, 101, 1000} {
		if _, err := c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{Limit: &bad}); statusOf(err) != 400 {
			t.Errorf("limit %d: %v", bad, err)
		}
	}
	junk := "not-a-cursor"
	if _, err := c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{Cursor: &junk}); statusOf(err) != 400 {
		t.Errorf("bad cursor: %v", err)
	}
}

func TestTokenExpiryAndRefresh(t *testing.T) {
	sb, srv, c := start(t, sandbox.Config{TokenTTL: time.Second})
	_ = sb
	ctx := context.Background()
	must(c.GetAccount(ctx))
	time.Sleep(1200 * time.Millisecond)
	must(c.GetAccount(ctx)) // refreshed behind the scenes
	// A static idToken that has expired is refused with 401.
	login := must(must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()))).Login(ctx, foundry.LoginCredentials{Username: sandbox.DefaultUsername, Password: sandbox.DefaultPassword}))
	static := must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken(login.Tokens.IDToken)))
	must(static.GetAccount(ctx))
	time.Sleep(1100 * time.Millisecond)
	if _, err := static.GetAccount(ctx); statusOf(err) != 401 {
		t.Errorf("expired static token: %v", err)
	}
	// The accessToken is not accepted as bearer.
	access := must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken(login.Tokens.AccessToken)))
	if _, err := access.GetAccount(ctx); statusOf(err) != 401 {
		t.Errorf("accessToken as bearer: %v", err)
	}
	// A refresh token works once.
	anon := must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client())))
	must(anon.RefreshToken(ctx, foundry.RefreshTokenInput{Refreshtoken: login.Tokens.RefreshToken}))
	if _, err := anon.RefreshToken(ctx, foundry.RefreshTokenInput{Refreshtoken: login.Tokens.RefreshToken}); statusOf(err) != 401 {
		t.Errorf("refresh token reused: %v", err)
	}
}

func TestCredentialsRefused(t *testing.T) {
	sb, srv, _ := start(t, sandbox.Config{})
	sb.AddUser("mallory@example.com", "pw", true)
	ctx := context.Background()
	anon := must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client())))
	if _, err := anon.Login(ctx, foundry.LoginCredentials{Username: sandbox.DefaultUsername, Password: "wrong"}); statusOf(err) != 401 {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := anon.Login(ctx, foundry.LoginCredentials{Username: "mallory@example.com", Password: "pw"}); statusOf(err) != 403 {
		t.Errorf("suspended user: %v", err)
	}
	wrongKey := must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithAPIKey("wrong")))
	var forbidden *foundry.GetLedgerForbidden
	if _, err := wrongKey.GetLedger(ctx); !errors.As(err, &forbidden) || forbidden.Body.Error != "Invalid API key" {
		t.Errorf("wrong key: %v", err)
	}
	forged := must(foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken("a.b.c"), foundry.WithAPIKey("x")))
	if _, err := forged.GetAccount(ctx); statusOf(err) != 401 {
		t.Errorf("forged token: %v", err)
	}
}

// TestEveryDocumentedStatus reaches every status spec/openapi.yaml
// documents for every operation: success through the sandbox, errors
// through its fault hook, and checks the client decodes each into the
// operation's own type.
func TestEveryDocumentedStatus(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("../../spec/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	fault := map[string]int{}
	_, _, c := start(t, sandbox.Config{Fault: func(op string) int {
		mu.Lock()
		defer mu.Unlock()
		return fault[op]
	}})
	ctx := context.Background()
	must(c.GetAccount(ctx)) // log in before faults start
	count := 0
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			name := strings.ToUpper(op.OperationID[:1]) + op.OperationID[1:]
			codes := op.Responses.Keys()
			sort.Strings(codes)
			for _, code := range codes {
				status, _ := strconv.Atoi(code)
				if status < 300 {
					continue // successes are covered by TestAllOperations
				}
				mu.Lock()
				fault[name] = status
				mu.Unlock()
				_, err := call(ctx, c, name)
				count++
				if statusOf(err) != status {
					t.Errorf("%s %d: %T %v", name, status, err, err)
				}
				var typed interface{ StatusCode() int }
				if errors.As(err, &typed) && !strings.HasPrefix(fmt.Sprintf("%T", typed), "*foundry."+name) {
					t.Errorf("%s %d: decoded as %T", name, status, typed)
				}
			}
			mu.Lock()
			delete(fault, name)
			mu.Unlock()
		}
	}
	if count < 90 {
		t.Errorf("only %d error statuses checked", count)
	}
}

// call invokes the client method of an operation with placeholder
// arguments.
func call(ctx context.Context, c *foundry.Client, method string) (any, error) {
	m := reflect.ValueOf(c).MethodByName(method)
	args := []reflect.Value{reflect.ValueOf(ctx)}
	n := m.Type().NumIn()
	if m.Type().IsVariadic() {
		n-- // the per-call options
	}
	for i := 1; i < n; i++ {
		arg := reflect.New(m.Type().In(i)).Elem()
		if arg.Kind() == reflect.Struct {
			for j := 0; j < arg.NumField(); j++ {
				f := arg.Field(j)
				switch {
				case f.Type() == reflect.TypeFor[foundry.Decimal]():
					f.SetString("1")
				case f.Type() == reflect.TypeFor[foundry.TransactionType]():
					f.SetString(string(foundry.TransactionTypeIssue))
				case f.Kind() == reflect.String:
					f.SetString("x")
				case f.Kind() == reflect.Int32 || f.Kind() == reflect.Int64:
					f.SetInt(1)
				}
			}
		}
		args = append(args, arg)
	}
	out := m.Call(args)
	err, _ := out[len(out)-1].Interface().(error)
	return out[0].Interface(), err
}

func TestConcurrentUse(t *testing.T) {
	_, _, c := start(t, sandbox.Config{})
	ctx := context.Background()
	asset := must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2}))
	acc := must(c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "a"}))
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			if _, err := c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: acc.Data.ID, Amount: 10, Type: foundry.TransactionTypeIssue}); err != nil {
				t.Error(err)
			}
			if _, err := c.CreateOrder(ctx, foundry.NewOrder{Amount: "1", ProductCode: "PS"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	a := must(c.GetLedgerAccount(ctx, foundry.GetLedgerAccountParams{ID: acc.Data.ID}))
	if *a.Data.PendingBalance != 400 {
		t.Errorf("pending balance %d, want 400", *a.Data.PendingBalance)
	}
	if orders := must(c.ListOrders(ctx)); len(orders.Orders) != 40 {
		t.Errorf("%d orders, want 40", len(orders.Orders))
	}
}

func TestStatusRoute(t *testing.T) {
	_, srv, c := start(t, sandbox.Config{})
	ctx := context.Background()
	asset := must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2}))
	acc := must(c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "a"}))
	txn := must(c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: acc.Data.ID, Amount: 10, Type: foundry.TransactionTypeIssue}))
	post := func(key, body string) int {
		req, _ := http.NewRequest("POST", srv.URL+"/sandbox/v1/ledger/transactions/"+txn.Data.ID+"/status", strings.NewReader(body))
		req.Header.Set("x-api-key", key)
		resp := must(srv.Client().Do(req))
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		key, body string
		want      int
	}{
		{"wrong", `{"status":"COMPLETED"}`, 403},
		{sandbox.DefaultLedgerKey, `{"status":"DONE"}`, 400},
		{sandbox.DefaultLedgerKey, `{"status":"COMPLETED"}`, 200},
		{sandbox.DefaultLedgerKey, `{"status":"VOID"}`, 400},
	} {
		if got := post(tc.key, tc.body); got != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.key, tc.body, got, tc.want)
		}
	}
}
