package foundry_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/oasgen/oasgen/generated/foundry"
)

// counting serves the ledger operations the strict tests send and counts
// the requests that reach it; the others are left to the nil interface.
type counting struct {
	foundry.Server
	calls atomic.Int64
}

func (c *counting) CreateLedgerTransaction(context.Context, *foundry.CreateLedgerTransactionRequest) (foundry.CreateLedgerTransactionResponse, error) {
	c.calls.Add(1)
	return &foundry.CreateLedgerTransactionCreated{}, nil
}

func (c *counting) CreateLedgerAsset(context.Context, *foundry.CreateLedgerAssetRequest) (foundry.CreateLedgerAssetResponse, error) {
	c.calls.Add(1)
	return &foundry.CreateLedgerAssetCreated{}, nil
}

func (c *counting) ListLedgerTransactions(context.Context, *foundry.ListLedgerTransactionsRequest) (foundry.ListLedgerTransactionsResponse, error) {
	c.calls.Add(1)
	return &foundry.ListLedgerTransactionsOK{Body: foundry.TransactionList{Data: []foundry.Transaction{}}}, nil
}

func (c *counting) HandleIDToken(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

func (c *counting) HandleAPIKey(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

// TestStrictRequests sends what encoding/json alone would accept in part
// (keys in another case, keys twice, unknown keys, malformed queries):
// each is a 400 in the ledger's error shape naming the key or parameter,
// and none reaches the implementation. The valid forms next to them do.
func TestStrictRequests(t *testing.T) {
	impl := &counting{}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	manyParams := strings.Repeat("x=1&", 10001) + "account_id=nope"
	// Go refuses more than 10,000 query parameters since go1.25.6 (and
	// go1.24.12); an older Go parses them all, which is as safe: the
	// filter is read, not dropped.
	manyWant, manyMention := 400, "query: "
	if _, err := url.ParseQuery(manyParams); err == nil {
		manyWant, manyMention = 200, ""
	}
	for _, tc := range []struct {
		name, method, path, body string
		want                     int
		mention                  string
	}{
		{"valid transaction", "POST", "/v1/ledger/transactions", `{"account_id":"acc_1","amount":5,"type":"ISSUE"}`, 201, ""},
		// OpenAPI: allowEmptyValue is false unless the description says so.
		{"empty query value", "GET", "/v1/ledger/transactions?cursor=", "", 400, `query parameter "cursor": is empty`},
		{"query parameter without a value", "GET", "/v1/ledger/transactions?limit=5&account_id", "", 400, `query parameter "account_id": is empty`},
		{"case variants of amount and type", "POST", "/v1/ledger/transactions", `{"account_id":"a","amount":5,"AMOUNT":-1000000,"type":"ISSUE","Type":"STEAL"}`, 400, `body field "AMOUNT": is not a property; property names are case-sensitive: did you mean "amount"?`},
		{"unknown key the schema allows", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"colour":"red"}`, 201, ""},
		{"long s folds to s", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"\u017fcale":99999}`, 400, `did you mean "scale"?`},
		{"case variant of scale", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"SCALE":99999}`, 400, `body field "SCALE"`},
		{"repeated key", "POST", "/v1/ledger/transactions", `{"account_id":"a","amount":5,"amount":-1,"type":"ISSUE"}`, 400, `body field "amount": appears more than once`},
		{"repeated key through an escape", "POST", "/v1/ledger/transactions", `{"account_id":"a","amount":5,"\u0061mount":-1,"type":"ISSUE"}`, 400, `body field "amount": appears more than once`},
		{"repeated key in a map", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"metadata":{"a":"1","a":"2"}}`, 400, `body field "metadata.a": appears more than once`},
		{"repeated key among many in a map", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"metadata":{` + manyKeys(40) + `,"k7":"again"}}`, 400, `body field "metadata.k7": appears more than once`},
		{"keys that are not UTF-8", "POST", "/v1/ledger/assets", "{\"code\":\"X\",\"scale\":2,\"metadata\":{\"\xa3\":\"1\",\"\xc5\":\"2\"}}", 400, `body field "metadata": is not valid text`},
		// RFC 8259 8.1 and 8.2: encoding/json would store U+FFFD.
		{"value that is not UTF-8", "POST", "/v1/ledger/assets", "{\"code\":\"E\xffR\",\"scale\":2}", 400, `body field "code": is not valid text: invalid UTF-8`},
		{"map value that is not UTF-8", "POST", "/v1/ledger/assets", "{\"code\":\"X\",\"scale\":2,\"metadata\":{\"a\":\"\xed\xa0\x80\"}}", 400, `body field "metadata.a": is not valid text`},
		{"lone high surrogate", "POST", "/v1/ledger/assets", `{"code":"E\ud800R","scale":2}`, 400, `body field "code": is not valid text`},
		{"lone low surrogate", "POST", "/v1/ledger/assets", `{"code":"\udc00","scale":2}`, 400, `body field "code": is not valid text`},
		{"high surrogate before a non-surrogate", "POST", "/v1/ledger/assets", `{"code":"\ud800\u0041","scale":2}`, 400, `body field "code": is not valid text`},
		{"surrogate pair and UTF-8 text", "POST", "/v1/ledger/assets", `{"code":"\ud83d\ude00 é 😀","scale":2}`, 201, ""},
		{"escaped backslash before u", "POST", "/v1/ledger/assets", `{"code":"\\ud800","scale":2}`, 201, ""},
		{"map value of the wrong kind", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"metadata":{"a":1}}`, 400, `body field "metadata.a": must be a string`},
		{"null for a required property", "POST", "/v1/ledger/transactions", `{"account_id":null,"amount":5,"type":"ISSUE"}`, 400, `body field "account_id": must not be null`},
		{"missing required property", "POST", "/v1/ledger/transactions", `{"amount":5,"type":"ISSUE"}`, 400, `body field "account_id": is required`},
		{"below minimum", "POST", "/v1/ledger/transactions", `{"account_id":"a","amount":0,"type":"ISSUE"}`, 400, `body field "amount": must be at least 1`},
		{"not in the enum", "POST", "/v1/ledger/transactions", `{"account_id":"a","amount":5,"type":"STEAL"}`, 400, `body field "type": must be one of`},
		{"above maximum", "POST", "/v1/ledger/assets", `{"code":"X","scale":19}`, 400, `body field "scale": must be at most 18`},
		{"integer out of range", "POST", "/v1/ledger/assets", `{"code":"X","scale":4294967296}`, 400, `body field "scale": must be an integer in range`},
		{"data after the value", "POST", "/v1/ledger/assets", `{"code":"X","scale":2} {}`, 400, "data after the value"},
		{"nesting too deep", "POST", "/v1/ledger/assets", `{"code":"X","scale":2,"metadata":{"a":` + strings.Repeat("[", 10001) + `}}`, 400, "body"},
		{"valid list", "GET", "/v1/ledger/transactions?account_id=acc_1&limit=10", "", 200, ""},
		{"bad escape in the query", "GET", "/v1/ledger/transactions?limit=%zz", "", 400, "query: invalid URL escape"},
		{"semicolon in the query", "GET", "/v1/ledger/transactions?account_id=nope;x", "", 400, "query: invalid semicolon separator"},
		{"one-value parameter given twice", "GET", "/v1/ledger/transactions?limit=1&limit=100", "", 400, `query parameter "limit": is given more than once`},
		{"optional string parameter given twice", "GET", "/v1/ledger/transactions?account_id=a&account_id=b", "", 400, `query parameter "account_id": is given more than once`},
		{"optional string parameter empty", "GET", "/v1/ledger/transactions?account_id=", "", 400, `query parameter "account_id": is empty`},
		{"too many query parameters", "GET", "/v1/ledger/transactions?" + manyParams, "", manyWant, manyMention},
		{"malformed query on an operation without query parameters", "POST", "/v1/ledger/assets?x=%zz", `{"code":"X","scale":2}`, 400, "query: invalid URL escape"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := impl.calls.Load()
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			req.Header.Set("x-api-key", "key")
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Error string `json:"error"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil && tc.want >= 400 {
				t.Fatalf("error body: %v", err)
			}
			reached := impl.calls.Load() - before
			if resp.StatusCode != tc.want || !strings.Contains(body.Error, tc.mention) {
				t.Errorf("%d %q, want %d mentioning %q", resp.StatusCode, body.Error, tc.want, tc.mention)
			}
			if want := int64(map[bool]int{true: 1}[tc.want < 400]); reached != want {
				t.Errorf("%d calls reached the implementation, want %d", reached, want)
			}
		})
	}
}

// manyKeys is n distinct metadata entries, more than keySet holds without
// its map.
func manyKeys(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"k%d":"v"`, i)
	}
	return strings.Join(parts, ",")
}

// TestDeclaredMediaTypesOnly: a body is read only in a media type its
// operation declares (with any parameters): a +json type the spec does not
// declare, merge-patch say, whose semantics differ, is a 415 and never
// reaches the implementation.
func TestDeclaredMediaTypesOnly(t *testing.T) {
	impl := &counting{}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	body := `{"account_id":"acc_1","amount":5,"type":"ISSUE"}`
	for ct, want := range map[string]int{
		"application/json":                201,
		"application/json; charset=utf-8": 201,
		"Application/JSON":                201,
		"application/merge-patch+json":    415,
		"application/vnd.api+json":        415,
		"application/json-patch+json":     415,
		"text/plain":                      415,
	} {
		before := impl.calls.Load()
		req, _ := http.NewRequest("POST", srv.URL+"/v1/ledger/transactions", strings.NewReader(body))
		req.Header.Set("x-api-key", "key")
		req.Header.Set("Content-Type", ct)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		reached := impl.calls.Load() - before
		if resp.StatusCode != want || reached != int64(map[bool]int{true: 1}[want < 400]) {
			t.Errorf("%s: %d (reached the implementation %d times), want %d", ct, resp.StatusCode, reached, want)
		}
	}
}

// TestPathMatching: a concrete path is matched before a template, whatever
// the method (/v1/order/cancel has only PUT: GET is 405, not getOrder with
// the id "cancel"), and a path with empty, . or .. segments is answered
// where it is (404), never redirected to another operation's path.
func TestPathMatching(t *testing.T) {
	impl := &counting{}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		want         int
		allow        string
	}{
		{"GET", "/v1/order/cancel", 405, "PUT"},
		{"HEAD", "/v1/order/cancel", 405, "PUT"},
		{"DELETE", "/v1/order/cancel", 405, "PUT"},
		{"GET", "/v1/ledger/assets/..", 404, ""},
		{"GET", "/v1/ledger/assets/.", 404, ""},
		{"GET", "//v1/ledger", 404, ""},
		{"GET", "/v1//ledger", 404, ""},
		{"GET", "/v1/ledger/./transactions", 404, ""},
		{"GET", "/v1/ledger/transactions", 200, ""},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		req.Header.Set("x-api-key", "key")
		resp, err := srv.Client().Transport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want || resp.Header.Get("Allow") != tc.allow || resp.Header.Get("Location") != "" {
			t.Errorf("%s %s: %d Allow %q Location %q, want %d Allow %q", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"), resp.Header.Get("Location"), tc.want, tc.allow)
		}
	}
}

// deepBody is an asset whose undeclared property "deep" nests depth
// arrays around an object with a key twice.
func deepBody(depth int) string {
	return `{"code":"X","scale":2,"deep":` + strings.Repeat("[", depth) + `{"a":1,"a":2}` + strings.Repeat("]", depth) + `}`
}

// TestDeepErrorIsShort: a problem 8,000 levels deep is answered with a
// short error that names the outermost and innermost levels and how many
// are left out between.
func TestDeepErrorIsShort(t *testing.T) {
	impl := &counting{}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	for _, depth := range []int{3, 8000} {
		req, _ := http.NewRequest("POST", srv.URL+"/v1/ledger/assets", strings.NewReader(deepBody(depth)))
		req.Header.Set("x-api-key", "key")
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Error string `json:"error"`
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		json.Unmarshal(raw, &body)
		want := map[int]string{
			3:    `body field "deep[0][0][0].a": appears more than once`,
			8000: `body field "deep[0][0][0][0][0][0][0].…7986 levels…[0][0][0][0][0][0][0].a": appears more than once`,
		}[depth]
		if resp.StatusCode != 400 || body.Error != want || len(raw) > 4<<10 {
			t.Errorf("depth %d: %d, %d bytes: %q, want 400 %q", depth, resp.StatusCode, len(raw), body.Error, want)
		}
	}
}

// BenchmarkDeepError measures the answer to a body whose problem is 8,000
// levels deep.
func BenchmarkDeepError(b *testing.B) {
	impl := &counting{}
	h := foundry.NewHandler(impl, impl)
	body := deepBody(8000)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/v1/ledger/assets", strings.NewReader(body))
		req.Header.Set("x-api-key", "key")
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 400 {
			b.Fatal(w.Code)
		}
	}
}

// TestIntegersByValue: the Foundry description is OpenAPI 3.1, where an
// integer is any number whose fractional part is zero however written
// (JSON Schema 2020-12); a value that only rounds to an integer as a
// float64, or past the range of the Go type, is refused. With
// -json=stdlib (no generated codecs), encoding/json reads integers and
// refuses the written forms with a fraction or an exponent.
func TestIntegersByValue(t *testing.T) {
	impl := &counting{}
	srv := httptest.NewServer(foundry.NewHandler(impl, impl))
	defer srv.Close()
	_, codecs := any(&foundry.NewAsset{}).(json.Unmarshaler)
	for _, tc := range []struct {
		scale string
		whole bool // an integer by value, within 0..18
	}{
		{"2", true}, {"2.0", true}, {"1e0", true}, {"0.0", true}, {"-0.0e3", true}, {"1.8e1", true},
		{"20E-1", true}, {"0.5e1", true}, {"1.0000000000000001", false}, {"2.5", false},
		{"1e-1", false}, {"18.0", true}, {"19.0", false}, {"1e2", false}, {"1e400", false}, {"1e-400", false},
	} {
		want := 201
		if !tc.whole || !codecs && tc.scale != "2" {
			want = 400
		}
		req, _ := http.NewRequest("POST", srv.URL+"/v1/ledger/assets", strings.NewReader(`{"code":"X","scale":`+tc.scale+`}`))
		req.Header.Set("x-api-key", "key")
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("scale %s: %d %s, want %d", tc.scale, resp.StatusCode, raw, want)
		}
	}
}
