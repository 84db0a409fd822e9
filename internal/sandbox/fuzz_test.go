package sandbox_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generated/foundry"
	"github.com/oasgen/oasgen/internal/sandbox"
)

// FuzzRequest sends arbitrary requests to the generated handler in front
// of the sandbox: whatever the method, path, query, headers and body,
// the answer is never a 5xx (bad input is the client's mistake), never a
// panic, and every error is a JSON body.
func FuzzRequest(f *testing.F) {
	// Each input gets a fresh sandbox, so state does not pile up; they
	// share the secret, so one login serves them all.
	cfg := sandbox.Config{Secret: []byte("fuzz")}
	h := sandbox.New(cfg).Handler()
	login := httptest.NewRecorder()
	h.ServeHTTP(login, httptest.NewRequest("POST", "/v1/auth", strings.NewReader(`{"username":"demo@example.com","password":"demo-password"}`)))
	var auth foundry.AuthResult
	if err := json.Unmarshal(login.Body.Bytes(), &auth); err != nil {
		f.Fatal(err)
	}
	token := auth.Tokens.IDToken

	f.Add("POST", "/v1/order", "application/json", `{"amount":100,"productCode":"PS"}`, true)
	f.Add("POST", "/v1/order", "application/json", `{"amount":"1e400","productCode":"PS"}`, true)
	f.Add("PUT", "/v1/order/cancel", "application/json", `{"id":"x","code":"y","extra":[1,{}]}`, true)
	f.Add("GET", "/v1/order/%00", "", ``, true)
	f.Add("GET", "/v1/ledger/transactions?limit=-1&status=PENDING&cursor=%ff", "", ``, true)
	f.Add("POST", "/v1/ledger/transactions", "application/json; charset=utf-8", `{"account_id":"a","amount":9223372036854775808,"type":"ISSUE"}`, true)
	f.Add("PATCH", "/v1/ledger", "application/json", `{"name":null,"metadata":{"project_features":"x"}}`, true)
	f.Add("POST", "/v1/auth", "application/json", `{"username":["x"],"password":1}`, false)
	f.Add("POST", "/v1/auth/refreshtoken", "text/plain", `refreshtoken=x`, false)
	f.Add("GET", "/v1/account", "", ``, false)
	f.Fuzz(func(t *testing.T, method, target, contentType, body string, authed bool) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t#") || !validMethod(method) {
			return
		}
		req, err := http.NewRequestWithContext(context.Background(), method, "http://sandbox"+target, strings.NewReader(body))
		if err != nil {
			return
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if authed {
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("x-api-key", sandbox.DefaultLedgerKey)
		}
		rec := httptest.NewRecorder()
		sandbox.New(cfg).Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %s", method, target, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && rec.Code != http.StatusMovedPermanently && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: %d with a body that is not JSON: %q", method, target, rec.Code, rec.Body)
		}
	})
}

func validMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS":
		return true
	}
	return false
}
