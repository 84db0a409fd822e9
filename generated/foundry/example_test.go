package foundry_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
	"github.com/oasgen/oasgen/internal/sandbox"
)

// A complete use of the client against the sandbox: log in, create an
// order, read it back, cancel it, and see the documented error for a
// second cancellation.
func Example() {
	srv := httptest.NewServer(sandbox.New(sandbox.Config{}).Handler())
	defer srv.Close()
	ctx := context.Background()

	// The client logs in on first need and renews the idToken itself.
	c, err := foundry.NewClient(srv.URL, foundry.WithIDTokenLogin("demo@example.com", "demo-password"))
	if err != nil {
		log.Fatal(err)
	}
	created, err := c.CreateOrder(ctx, foundry.NewOrder{Amount: "100", ProductCode: "PS"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", *created.Status, "voucher worth", *created.Voucheramount)

	got, err := c.GetOrder(ctx, foundry.GetOrderParams{ID: created.ID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("read back:", got.Order.Code == created.Code, *got.Order.Amount)

	cancelled, err := c.CancelOrder(ctx, foundry.CancelOrderInput{ID: created.ID, Code: created.Code})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("cancel:", cancelled.StatusMessage)

	_, err = c.CancelOrder(ctx, foundry.CancelOrderInput{ID: created.ID, Code: created.Code})
	var refused *foundry.CancelOrderBadRequest
	if errors.As(err, &refused) {
		fmt.Println("again:", refused.StatusCode(), refused.Message())
	}
	fmt.Println(err)
	// Output:
	// created: Issue voucher worth 90.00
	// read back: true 100.00
	// cancel: Order successfully canceled
	// again: 400 Order is cancelled and cannot be cancelled
	// PUT /v1/order/cancel (CancelOrder): 400 Bad Request: Order is cancelled and cannot be cancelled
}

// Paging through the ledger: ListLedgerTransactionsAll fetches page after
// page (here two items a page) and yields every transaction; per-call
// options set a deadline and read the response's metadata.
func Example_pagination() {
	srv := httptest.NewServer(sandbox.New(sandbox.Config{}).Handler())
	defer srv.Close()
	ctx := context.Background()
	c, err := foundry.NewClient(srv.URL, foundry.WithAPIKey(sandbox.DefaultLedgerKey))
	if err != nil {
		log.Fatal(err)
	}
	asset, err := c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2})
	if err != nil {
		log.Fatal(err)
	}
	account, err := c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "wallet"})
	if err != nil {
		log.Fatal(err)
	}
	for _, amount := range []int64{100, 250, 75, 40, 10} {
		var info foundry.ResponseInfo
		_, err := c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: account.Data.ID, Amount: amount, Type: foundry.TransactionTypeIssue},
			foundry.WithTimeout(10*time.Second), foundry.WithResponse(&info))
		if err != nil {
			log.Fatal(err)
		}
		if amount == 100 {
			fmt.Println("created:", info.StatusCode, info.Header.Get("Content-Type"))
		}
	}
	limit := int32(2)
	total := int64(0)
	for tx, err := range c.ListLedgerTransactionsAll(ctx, foundry.ListLedgerTransactionsParams{Limit: &limit, AccountID: &account.Data.ID}) {
		if err != nil {
			log.Fatal(err)
		}
		total += tx.Amount
	}
	fmt.Println("total:", total)
	// Output:
	// created: 201 application/json
	// total: 475
}
