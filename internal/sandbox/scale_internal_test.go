package sandbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/oasgen/oasgen/generated/foundry"
)

// filled returns a sandbox with n orders for the seeded user and n ledger
// transactions spread over 10 accounts, the handler, an idToken and an
// account id.
func filled(tb testing.TB, n int) (http.Handler, string, string) {
	tb.Helper()
	s := New(Config{})
	u := s.users[DefaultUsername]
	ctx := context.WithValue(context.Background(), principalKey{}, u)
	for range n {
		if _, err := s.CreateOrder(ctx, &foundry.CreateOrderRequest{Body: foundry.NewOrder{Amount: "25.50", ProductCode: "PS"}}); err != nil {
			tb.Fatal(err)
		}
	}
	asset, _ := s.CreateLedgerAsset(ctx, &foundry.CreateLedgerAssetRequest{Body: foundry.NewAsset{Code: "EUR", Scale: 2}})
	var accounts []string
	for range 10 {
		a, _ := s.CreateLedgerAccount(ctx, &foundry.CreateLedgerAccountRequest{Body: foundry.NewLedgerAccount{AssetID: asset.(*foundry.CreateLedgerAssetCreated).Body.Data.ID, Name: "a"}})
		accounts = append(accounts, a.(*foundry.CreateLedgerAccountCreated).Body.Data.ID)
	}
	for i := range n {
		if _, err := s.CreateLedgerTransaction(ctx, &foundry.CreateLedgerTransactionRequest{Body: foundry.NewTransaction{AccountID: accounts[i%10], Amount: 1, Type: foundry.TransactionTypeIssue}}); err != nil {
			tb.Fatal(err)
		}
	}
	return s.Handler(), s.issue(u).IDToken, accounts[3]
}

func get(tb testing.TB, h http.Handler, path, token string) int {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("x-api-key", DefaultLedgerKey)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
	}
	return w.Body.Len()
}

// BenchmarkAt20k measures GET /v1/order (every order, as documented) and
// the filtered transaction list with 20,000 of each.
func BenchmarkAt20k(b *testing.B) {
	h, token, account := filled(b, 20000)
	for _, path := range []string{
		"/v1/order",
		"/v1/ledger/transactions?account_id=" + account + "&limit=100",
		"/v1/ledger/transactions?account_id=" + account + "&status=COMPLETED&limit=100",
		"/v1/ledger/transactions?type=RETIRE",
	} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				get(b, h, path, token)
			}
		})
	}
}
