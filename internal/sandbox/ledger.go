package sandbox

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// ledger holds the one ledger of the sandbox, its assets, accounts and
// transactions, each kept in creation order for pagination.
type ledger struct {
	data         foundry.Ledger
	apiKey       string
	assets       []*foundry.Asset
	accounts     []*foundry.LedgerAccount
	transactions []*foundry.Transaction
}

func newLedger(key string, now time.Time) *ledger {
	return &ledger{apiKey: key, data: foundry.Ledger{
		ID: "ledger_123", Name: "Sandbox ledger", APIKey: ptr("******"),
		Metadata:  &foundry.LedgerMetadata{ProjectFeatures: []string{"transfers"}, ProjectType: ptr("sandbox"), Status: ptr("active")},
		CreatedAt: now, UpdatedAt: now,
	}}
}

func flat(msg string) foundry.FlatError { return foundry.FlatError{Error: msg} }

// ledgerNow is the ledger's clock: RFC 3339 without fractions.
func (s *Sandbox) ledgerNow() time.Time { return s.cfg.Now().UTC().Truncate(time.Second) }

// GetLedger returns the ledger with its key masked.
func (s *Sandbox) GetLedger(context.Context, *foundry.GetLedgerRequest) (foundry.GetLedgerResponse, error) {
	if err := s.fault("GetLedger"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return &foundry.GetLedgerOK{Body: foundry.LedgerData{Data: s.ledger.data}}, nil
}

// UpdateLedger changes the name or metadata.
func (s *Sandbox) UpdateLedger(_ context.Context, req *foundry.UpdateLedgerRequest) (foundry.UpdateLedgerResponse, error) {
	if err := s.fault("UpdateLedger"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := &s.ledger.data
	if req.Body.Name != nil {
		if *req.Body.Name == "" {
			return &foundry.UpdateLedgerBadRequest{Body: flat("name must not be empty")}, nil
		}
		d.Name = *req.Body.Name
	}
	if req.Body.Metadata != nil {
		d.Metadata = req.Body.Metadata
	}
	d.UpdatedAt = s.ledgerNow()
	return &foundry.UpdateLedgerOK{Body: foundry.LedgerData{Data: *d}}, nil
}

// page cuts a list at an opaque cursor (the base64 of the next index).
func page[T any](list []*T, limit *int32, cursor *string) ([]T, foundry.PageMeta, error) {
	n := int32(25)
	if limit != nil {
		n = *limit
	}
	start := 0
	if cursor != nil && *cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(*cursor)
		i, perr := strconv.Atoi(string(raw))
		if err != nil || perr != nil || i < 0 || i > len(list) {
			return nil, foundry.PageMeta{}, fmt.Errorf("cursor %q is not one this ledger issued", *cursor)
		}
		start = i
	}
	end := min(start+int(n), len(list))
	out := make([]T, 0, end-start)
	for _, v := range list[start:end] {
		out = append(out, *v)
	}
	// next_cursor is null on the last page, as documented.
	meta := foundry.PageMeta{Limit: n, HasMore: end < len(list), NextCursor: foundry.NullOf[string]()}
	if meta.HasMore {
		meta.NextCursor = foundry.NullableOf(base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end))))
	}
	return out, meta, nil
}

// CreateLedgerAsset adds an asset; codes are unique.
func (s *Sandbox) CreateLedgerAsset(_ context.Context, req *foundry.CreateLedgerAssetRequest) (foundry.CreateLedgerAssetResponse, error) {
	if err := s.fault("CreateLedgerAsset"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.ledger.assets {
		if a.Code == req.Body.Code {
			return &foundry.CreateLedgerAssetBadRequest{Body: flat("an asset with code " + req.Body.Code + " exists")}, nil
		}
	}
	now := s.ledgerNow()
	a := &foundry.Asset{ID: newID("ast_"), LedgerID: s.ledger.data.ID, Code: req.Body.Code, Name: req.Body.Name,
		Scale: req.Body.Scale, Metadata: req.Body.Metadata, CreatedAt: now, UpdatedAt: now}
	s.ledger.assets = append(s.ledger.assets, a)
	return &foundry.CreateLedgerAssetCreated{Body: foundry.AssetData{Data: *a}}, nil
}

// ListLedgerAssets pages through the assets.
func (s *Sandbox) ListLedgerAssets(_ context.Context, req *foundry.ListLedgerAssetsRequest) (foundry.ListLedgerAssetsResponse, error) {
	if err := s.fault("ListLedgerAssets"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, meta, err := page(s.ledger.assets, req.Params.Limit, req.Params.Cursor)
	if err != nil {
		return &foundry.ListLedgerAssetsBadRequest{Body: flat(err.Error())}, nil
	}
	return &foundry.ListLedgerAssetsOK{Body: foundry.AssetList{Data: data, Meta: meta}}, nil
}

// byID finds the item with the id, or nil.
func byID[T any](list []*T, id string, idOf func(*T) string) *T {
	for _, v := range list {
		if idOf(v) == id {
			return v
		}
	}
	return nil
}

func (s *Sandbox) asset(id string) *foundry.Asset {
	return byID(s.ledger.assets, id, func(a *foundry.Asset) string { return a.ID })
}

// GetLedgerAsset returns one asset.
func (s *Sandbox) GetLedgerAsset(_ context.Context, req *foundry.GetLedgerAssetRequest) (foundry.GetLedgerAssetResponse, error) {
	if err := s.fault("GetLedgerAsset"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.asset(req.Params.ID)
	if a == nil {
		return &foundry.GetLedgerAssetNotFound{Body: flat("asset not found")}, nil
	}
	return &foundry.GetLedgerAssetOK{Body: foundry.AssetData{Data: *a}}, nil
}

// UpdateLedgerAsset changes an asset's name or metadata.
func (s *Sandbox) UpdateLedgerAsset(_ context.Context, req *foundry.UpdateLedgerAssetRequest) (foundry.UpdateLedgerAssetResponse, error) {
	if err := s.fault("UpdateLedgerAsset"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.asset(req.Params.ID)
	if a == nil {
		return &foundry.UpdateLedgerAssetNotFound{Body: flat("asset not found")}, nil
	}
	if req.Body.Name != nil {
		a.Name = req.Body.Name
	}
	if req.Body.Metadata != nil {
		a.Metadata = ptr(maps.Clone(*req.Body.Metadata))
	}
	a.UpdatedAt = s.ledgerNow()
	return &foundry.UpdateLedgerAssetOK{Body: foundry.AssetData{Data: *a}}, nil
}

// CreateLedgerAccount opens an account in an asset.
func (s *Sandbox) CreateLedgerAccount(_ context.Context, req *foundry.CreateLedgerAccountRequest) (foundry.CreateLedgerAccountResponse, error) {
	if err := s.fault("CreateLedgerAccount"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.asset(req.Body.AssetID) == nil {
		return &foundry.CreateLedgerAccountBadRequest{Body: flat("asset_id: no asset " + req.Body.AssetID)}, nil
	}
	now := s.ledgerNow()
	a := &foundry.LedgerAccount{ID: newID("acc_"), LedgerID: s.ledger.data.ID, AssetID: req.Body.AssetID, Name: req.Body.Name,
		Balance: ptr(int64(0)), PendingBalance: ptr(int64(0)), Metadata: req.Body.Metadata, CreatedAt: now, UpdatedAt: now}
	s.ledger.accounts = append(s.ledger.accounts, a)
	return &foundry.CreateLedgerAccountCreated{Body: foundry.LedgerAccountData{Data: *a}}, nil
}

// ListLedgerAccounts pages through the accounts.
func (s *Sandbox) ListLedgerAccounts(_ context.Context, req *foundry.ListLedgerAccountsRequest) (foundry.ListLedgerAccountsResponse, error) {
	if err := s.fault("ListLedgerAccounts"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, meta, err := page(s.ledger.accounts, req.Params.Limit, req.Params.Cursor)
	if err != nil {
		return &foundry.ListLedgerAccountsBadRequest{Body: flat(err.Error())}, nil
	}
	return &foundry.ListLedgerAccountsOK{Body: foundry.AccountList{Data: data, Meta: meta}}, nil
}

func (s *Sandbox) account(id string) *foundry.LedgerAccount {
	return byID(s.ledger.accounts, id, func(a *foundry.LedgerAccount) string { return a.ID })
}

// GetLedgerAccount returns one account.
func (s *Sandbox) GetLedgerAccount(_ context.Context, req *foundry.GetLedgerAccountRequest) (foundry.GetLedgerAccountResponse, error) {
	if err := s.fault("GetLedgerAccount"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(req.Params.ID)
	if a == nil {
		return &foundry.GetLedgerAccountNotFound{Body: flat("account not found")}, nil
	}
	return &foundry.GetLedgerAccountOK{Body: foundry.LedgerAccountData{Data: *a}}, nil
}

// UpdateLedgerAccount changes an account's name or metadata.
func (s *Sandbox) UpdateLedgerAccount(_ context.Context, req *foundry.UpdateLedgerAccountRequest) (foundry.UpdateLedgerAccountResponse, error) {
	if err := s.fault("UpdateLedgerAccount"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(req.Params.ID)
	if a == nil {
		return &foundry.UpdateLedgerAccountNotFound{Body: flat("account not found")}, nil
	}
	if req.Body.Name != nil {
		if *req.Body.Name == "" {
			return &foundry.UpdateLedgerAccountBadRequest{Body: flat("name must not be empty")}, nil
		}
		a.Name = *req.Body.Name
	}
	if req.Body.Metadata != nil {
		a.Metadata = ptr(maps.Clone(*req.Body.Metadata))
	}
	a.UpdatedAt = s.ledgerNow()
	return &foundry.UpdateLedgerAccountOK{Body: foundry.LedgerAccountData{Data: *a}}, nil
}

// signed is the effect of a transaction on its account: RETIRE takes
// away, TRANSFER and ISSUE add.
func signed(t *foundry.Transaction) int64 {
	if t.Type == foundry.TransactionTypeRetire {
		return -t.Amount
	}
	return t.Amount
}

// CreateLedgerTransaction records a PENDING transaction on an account.
func (s *Sandbox) CreateLedgerTransaction(_ context.Context, req *foundry.CreateLedgerTransactionRequest) (foundry.CreateLedgerTransactionResponse, error) {
	if err := s.fault("CreateLedgerTransaction"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	acc := s.account(req.Body.AccountID)
	if acc == nil {
		return &foundry.CreateLedgerTransactionNotFound{Body: flat("account not found")}, nil
	}
	now := s.ledgerNow()
	t := &foundry.Transaction{ID: newID("txn_"), LedgerID: s.ledger.data.ID, AccountID: acc.ID, Amount: req.Body.Amount,
		Description: req.Body.Description, Type: req.Body.Type, Status: foundry.TransactionStatusPending,
		Metadata: req.Body.Metadata, CreatedAt: now, UpdatedAt: now}
	s.ledger.transactions = append(s.ledger.transactions, t)
	*acc.PendingBalance += signed(t)
	return &foundry.CreateLedgerTransactionCreated{Body: foundry.TransactionData{Data: *t}}, nil
}

// ListLedgerTransactions pages through the transactions, newest first,
// filtered by account, status and type.
func (s *Sandbox) ListLedgerTransactions(_ context.Context, req *foundry.ListLedgerTransactionsRequest) (foundry.ListLedgerTransactionsResponse, error) {
	if err := s.fault("ListLedgerTransactions"); err != nil {
		return nil, err
	}
	p := req.Params
	s.mu.Lock()
	defer s.mu.Unlock()
	var list []*foundry.Transaction
	for _, t := range slices.Backward(s.ledger.transactions) {
		if (p.AccountID == nil || t.AccountID == *p.AccountID) && (p.Status == nil || t.Status == *p.Status) && (p.Type == nil || t.Type == *p.Type) {
			list = append(list, t)
		}
	}
	data, meta, err := page(list, p.Limit, p.Cursor)
	if err != nil {
		return &foundry.ListLedgerTransactionsBadRequest{Body: flat(err.Error())}, nil
	}
	return &foundry.ListLedgerTransactionsOK{Body: foundry.TransactionList{Data: data, Meta: meta}}, nil
}

func (s *Sandbox) transaction(id string) *foundry.Transaction {
	return byID(s.ledger.transactions, id, func(t *foundry.Transaction) string { return t.ID })
}

// GetLedgerTransaction returns one transaction.
func (s *Sandbox) GetLedgerTransaction(_ context.Context, req *foundry.GetLedgerTransactionRequest) (foundry.GetLedgerTransactionResponse, error) {
	if err := s.fault("GetLedgerTransaction"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.transaction(req.Params.ID)
	if t == nil {
		return &foundry.GetLedgerTransactionNotFound{Body: flat("transaction not found")}, nil
	}
	return &foundry.GetLedgerTransactionOK{Body: foundry.TransactionData{Data: *t}}, nil
}

// transitions are the documented status changes: PENDING to INFLIGHT,
// COMPLETED, REJECTED or VOID; INFLIGHT to COMPLETED, REJECTED or VOID;
// the other three are final.
var transitions = map[foundry.TransactionStatus][]foundry.TransactionStatus{
	foundry.TransactionStatusPending:  {foundry.TransactionStatusInflight, foundry.TransactionStatusCompleted, foundry.TransactionStatusRejected, foundry.TransactionStatusVoid},
	foundry.TransactionStatusInflight: {foundry.TransactionStatusCompleted, foundry.TransactionStatusRejected, foundry.TransactionStatusVoid},
}

// Transition moves a transaction to a new status if the documented state
// machine allows it, and settles the account's balances.
func (s *Sandbox) Transition(id string, to foundry.TransactionStatus) (foundry.Transaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.transaction(id)
	if t == nil {
		return foundry.Transaction{}, fmt.Errorf("transaction %s: %w", id, errNotFound)
	}
	if !slices.Contains(transitions[t.Status], to) {
		return *t, fmt.Errorf("%w: a %s transaction cannot become %s", errInvalid, t.Status, to)
	}
	acc := s.account(t.AccountID)
	switch to {
	case foundry.TransactionStatusCompleted:
		*acc.Balance += signed(t)
		*acc.PendingBalance -= signed(t)
	case foundry.TransactionStatusRejected, foundry.TransactionStatusVoid:
		*acc.PendingBalance -= signed(t)
	}
	t.Status, t.UpdatedAt = to, s.ledgerNow()
	acc.UpdatedAt = t.UpdatedAt
	return *t, nil
}

// handleStatus serves POST /sandbox/v1/ledger/transactions/{id}/status
// with {"status": "COMPLETED"}: the sandbox's stand-in for the settlement
// the real service does, which the API itself does not expose.
func (s *Sandbox) handleStatus(w http.ResponseWriter, r *http.Request) {
	write := func(status int, body any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = jsonEncode(w, body)
	}
	if r.Header.Get("x-api-key") != s.ledger.apiKey {
		write(http.StatusForbidden, flat("Invalid API key"))
		return
	}
	var body struct {
		Status foundry.TransactionStatus `json:"status"`
	}
	if err := jsonDecode(r.Body, &body); err != nil || !body.Status.Valid() {
		write(http.StatusBadRequest, flat("body: want {\"status\": one of PENDING, INFLIGHT, COMPLETED, REJECTED, VOID}"))
		return
	}
	t, err := s.Transition(r.PathValue("id"), body.Status)
	if he := mapError(err); he != nil {
		write(he.Status, flat(err.Error()))
		return
	}
	write(http.StatusOK, foundry.TransactionData{Data: t})
}
