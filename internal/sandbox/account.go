package sandbox

import (
	"context"
	"math/big"

	"github.com/oasgen/oasgen/generated/foundry"
)

func ptr[T any](v T) *T { return &v }

// GetAccount returns the logged-in client's account.
func (s *Sandbox) GetAccount(ctx context.Context, _ *foundry.GetAccountRequest) (foundry.GetAccountResponse, error) {
	if err := s.fault("GetAccount"); err != nil {
		return nil, err
	}
	u := principal(ctx)
	acc := foundry.Account{
		ID: u.id, ClientName: ptr(u.name), PhoneNumber: ptr(u.phone), ContactEmail: ptr(u.username),
		Status: ptr("active"), CreatedAt: ptr(u.created), UpdatedAt: ptr(u.created),
	}
	return &foundry.GetAccountOK{Body: foundry.AccountResult{StatusCode: 200, StatusMessage: "OK", Payload: acc}}, nil
}

// GetAccountBalance sums the client's open orders as pending and treats
// a fixed top-up as available.
func (s *Sandbox) GetAccountBalance(ctx context.Context, _ *foundry.GetAccountBalanceRequest) (foundry.GetAccountBalanceResponse, error) {
	if err := s.fault("GetAccountBalance"); err != nil {
		return nil, err
	}
	u := principal(ctx)
	s.mu.RLock()
	pending := new(big.Rat)
	for _, o := range s.ordersBy[u.id] {
		if o.status == foundry.OrderStatusIssue {
			pending.Add(pending, o.amount)
		}
	}
	s.mu.RUnlock()
	available := new(big.Rat).Sub(big.NewRat(1000, 1), pending)
	return &foundry.GetAccountBalanceOK{Body: foundry.BalanceResult{StatusCode: 200, StatusMessage: "OK", Payload: foundry.Balance{
		Currency:  ptr("EUR"),
		Available: ptr(foundry.DecimalString(available.FloatString(2))),
		Pending:   ptr(foundry.DecimalString(pending.FloatString(2))),
	}}}, nil
}

// GetTopupDetails returns fixed sandbox addresses.
func (s *Sandbox) GetTopupDetails(context.Context, *foundry.GetTopupDetailsRequest) (foundry.GetTopupDetailsResponse, error) {
	if err := s.fault("GetTopupDetails"); err != nil {
		return nil, err
	}
	return &foundry.GetTopupDetailsOK{Body: foundry.TopupResult{StatusCode: 200, StatusMessage: "OK", Payload: foundry.Topup{
		Btclegacy:  &foundry.TopupBtclegacy{Address: ptr("1BoatSLRHtKNngkdXEeobR76b53LETtpyT")},
		Btctaproot: &foundry.TopupBtctaproot{Address: ptr("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297")},
		Banktransfer: &foundry.TopupBanktransfer{
			Reference: ptr("SANDBOX-DEMO"), Accountnumber: ptr("12345678"), Accountname: ptr("Senmo Sandbox Ltd"),
			Bankaddress: ptr("1 Example Street, London"), Iban: ptr("GB33BUKB20201555555555"), Bankname: ptr("Sandbox Bank"), Bic: ptr("BUKBGB22"),
		},
	}}}, nil
}
