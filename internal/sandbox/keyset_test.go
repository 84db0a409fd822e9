package sandbox_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/oasgen/oasgen/generated/foundry"
	"github.com/oasgen/oasgen/internal/sandbox"
)

// TestCursorsSurviveInserts pages through transactions (newest first,
// filtered by account) while new ones are created between pages: every
// transaction that existed at the first page is seen exactly once, and
// none is repeated, as an offset cursor would.
func TestCursorsSurviveInserts(t *testing.T) {
	_, _, c := start(t, sandbox.Config{})
	ctx := context.Background()
	asset := must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "EUR", Scale: 2}))
	mine := must(c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "mine"}))
	other := must(c.CreateLedgerAccount(ctx, foundry.NewLedgerAccount{AssetID: asset.Data.ID, Name: "other"}))
	create := func(account string, n int) {
		for range n {
			must(c.CreateLedgerTransaction(ctx, foundry.NewTransaction{AccountID: account, Amount: 1, Type: foundry.TransactionTypeIssue}))
		}
	}
	create(mine.Data.ID, 12)
	create(other.Data.ID, 5)
	limit := int32(5)
	seen := map[string]int{}
	var cursor *string
	for pages := 0; ; pages++ {
		p := must(c.ListLedgerTransactions(ctx, foundry.ListLedgerTransactionsParams{AccountID: &mine.Data.ID, Limit: &limit, Cursor: cursor}))
		for _, tx := range p.Data {
			if tx.AccountID != mine.Data.ID {
				t.Errorf("filter let through %s of %s", tx.ID, tx.AccountID)
			}
			seen[tx.ID]++
		}
		next, ok := p.Meta.NextCursor.Get()
		if !ok || pages > 10 {
			break
		}
		cursor = &next
		create(mine.Data.ID, 5) // newer than every page to come
		create(other.Data.ID, 2)
	}
	if len(seen) != 12 {
		t.Errorf("saw %d transactions, want the 12 that existed", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}

	// Assets are listed oldest first: new ones come at the end, once.
	for i := range 6 {
		must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: fmt.Sprintf("C%d", i), Scale: 2}))
	}
	first := must(c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{Limit: &limit}))
	next, _ := first.Meta.NextCursor.Get()
	must(c.CreateLedgerAsset(ctx, foundry.NewAsset{Code: "LATE", Scale: 2}))
	second := must(c.ListLedgerAssets(ctx, foundry.ListLedgerAssetsParams{Limit: &limit, Cursor: &next}))
	var codes []string
	for _, a := range append(first.Data, second.Data...) {
		codes = append(codes, a.Code)
	}
	if fmt.Sprint(codes) != "[EUR C0 C1 C2 C3 C4 C5 LATE]" {
		t.Errorf("assets across an insert: %v", codes)
	}
}
