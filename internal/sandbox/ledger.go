package sandbox

import (
	"context"
	"crypto/subtle"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// ledger holds the one ledger of the sandbox, its assets, accounts and
// transactions, each kept in creation order for pagination.
type ledger struct {
	data         foundry.Ledger
	apiKey       string
	assets       *list[foundry.Asset]
	assetCodes   map[string]bool
	accounts     *list[foundry.LedgerAccount]
	transactions *list[foundry.Transaction]
	// byAccount lists each account's transactions by position, ascending.
	byAccount map[string][]int
}

func newLedger(key string, now time.Time) *ledger {
	return &ledger{apiKey: key, data: foundry.Ledger{
		ID: "ledger_123", Name: "Sandbox ledger", APIKey: ptr("******"),
		Metadata:  &foundry.LedgerMetadata{ProjectFeatures: []string{"transfers"}, ProjectType: ptr("sandbox"), Status: ptr("active")},
		CreatedAt: now, UpdatedAt: now,
	},
		assets:       newList(func(a *foundry.Asset) (time.Time, string) { return a.CreatedAt, a.ID }),
		assetCodes:   map[string]bool{},
		accounts:     newList(func(a *foundry.LedgerAccount) (time.Time, string) { return a.CreatedAt, a.ID }),
		transactions: newList(func(t *foundry.Transaction) (time.Time, string) { return t.CreatedAt, t.ID }),
		byAccount:    map[string][]int{},
	}
}

// validKey compares an API key with the ledger's in constant time.
func (l *ledger) validKey(key string) bool {
	return subtle.ConstantTimeCompare([]byte(key), []byte(l.apiKey)) == 1
}

func flat(msg string) foundry.FlatError { return foundry.FlatError{Error: msg} }

// ledgerNow is the ledger's clock: RFC 3339 without fractions.
func (s *Sandbox) ledgerNow() time.Time { return s.cfg.Now().UTC().Truncate(time.Second) }

// GetLedger returns the ledger with its key masked.
func (s *Sandbox) GetLedger(context.Context, *foundry.GetLedgerRequest) (foundry.GetLedgerResponse, error) {
	if err := s.fault("GetLedger"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
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

// CreateLedgerAsset adds an asset; codes are unique.
func (s *Sandbox) CreateLedgerAsset(_ context.Context, req *foundry.CreateLedgerAssetRequest) (foundry.CreateLedgerAssetResponse, error) {
	if err := s.fault("CreateLedgerAsset"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ledger.assetCodes[req.Body.Code] {
		return &foundry.CreateLedgerAssetBadRequest{Body: flat("an asset with code " + req.Body.Code + " exists")}, nil
	}
	s.ledger.assetCodes[req.Body.Code] = true
	now := s.ledgerNow()
	a := &foundry.Asset{ID: newID("ast_"), LedgerID: s.ledger.data.ID, Code: req.Body.Code, Name: req.Body.Name,
		Scale: req.Body.Scale, Metadata: req.Body.Metadata, CreatedAt: now, UpdatedAt: now}
	s.ledger.assets.add(a)
	return &foundry.CreateLedgerAssetCreated{Body: foundry.AssetData{Data: *a}}, nil
}

// ListLedgerAssets pages through the assets.
func (s *Sandbox) ListLedgerAssets(_ context.Context, req *foundry.ListLedgerAssetsRequest) (foundry.ListLedgerAssetsResponse, error) {
	if err := s.fault("ListLedgerAssets"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	after, err := s.ledger.assets.cursorPos(req.Params.Cursor)
	if err != nil {
		return &foundry.ListLedgerAssetsBadRequest{Body: flat(err.Error())}, nil
	}
	data, meta := s.ledger.assets.forward(req.Params.Limit, after)
	return &foundry.ListLedgerAssetsOK{Body: foundry.AssetList{Data: data, Meta: meta}}, nil
}

func (s *Sandbox) asset(id string) *foundry.Asset { return s.ledger.assets.get(id) }

// GetLedgerAsset returns one asset.
func (s *Sandbox) GetLedgerAsset(_ context.Context, req *foundry.GetLedgerAssetRequest) (foundry.GetLedgerAssetResponse, error) {
	if err := s.fault("GetLedgerAsset"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
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
	s.ledger.accounts.add(a)
	return &foundry.CreateLedgerAccountCreated{Body: foundry.LedgerAccountData{Data: *a}}, nil
}

// ListLedgerAccounts pages through the accounts.
func (s *Sandbox) ListLedgerAccounts(_ context.Context, req *foundry.ListLedgerAccountsRequest) (foundry.ListLedgerAccountsResponse, error) {
	if err := s.fault("ListLedgerAccounts"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	after, err := s.ledger.accounts.cursorPos(req.Params.Cursor)
	if err != nil {
		return &foundry.ListLedgerAccountsBadRequest{Body: flat(err.Error())}, nil
	}
	data, meta := s.ledger.accounts.forward(req.Params.Limit, after)
	return &foundry.ListLedgerAccountsOK{Body: foundry.AccountList{Data: data, Meta: meta}}, nil
}

func (s *Sandbox) account(id string) *foundry.LedgerAccount { return s.ledger.accounts.get(id) }

// GetLedgerAccount returns one account.
func (s *Sandbox) GetLedgerAccount(_ context.Context, req *foundry.GetLedgerAccountRequest) (foundry.GetLedgerAccountResponse, error) {
	if err := s.fault("GetLedgerAccount"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
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
	i := s.ledger.transactions.add(t)
	s.ledger.byAccount[acc.ID] = append(s.ledger.byAccount[acc.ID], i)
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
	s.mu.RLock()
	defer s.mu.RUnlock()
	txs := s.ledger.transactions
	before, err := txs.cursorPos(p.Cursor)
	if err != nil {
		return &foundry.ListLedgerTransactionsBadRequest{Body: flat(err.Error())}, nil
	}
	var among []int
	if p.AccountID != nil {
		among = s.ledger.byAccount[*p.AccountID]
		if among == nil {
			among = []int{}
		}
	}
	data, meta := txs.backward(p.Limit, before, among, func(t *foundry.Transaction) bool {
		return (p.Status == nil || t.Status == *p.Status) && (p.Type == nil || t.Type == *p.Type)
	})
	return &foundry.ListLedgerTransactionsOK{Body: foundry.TransactionList{Data: data, Meta: meta}}, nil
}

func (s *Sandbox) transaction(id string) *foundry.Transaction { return s.ledger.transactions.get(id) }

// GetLedgerTransaction returns one transaction.
func (s *Sandbox) GetLedgerTransaction(_ context.Context, req *foundry.GetLedgerTransactionRequest) (foundry.GetLedgerTransactionResponse, error) {
	if err := s.fault("GetLedgerTransaction"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
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
	if !s.ledger.validKey(r.Header.Get("x-api-key")) {
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
