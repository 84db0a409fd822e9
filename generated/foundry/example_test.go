package foundry_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"

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
		fmt.Println("again:", refused.StatusCode(), refused.Body.StatusEnvelope.StatusMessage)
	}
	// Output:
	// created: Issue voucher worth 90.00
	// read back: true 100.00
	// cancel: Order successfully canceled
	// again: 400 Order is cancelled and cannot be cancelled
}
