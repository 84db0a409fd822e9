package foundry_test

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
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generated/foundry"
)

type wantStatusKey struct{}

// statusServer answers every request with the status the test asks for
// through the request's context, and a body that fits both the success
// bodies and both error shapes.
func statusServer(t *testing.T) (*foundry.Client, *[]string) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization")+" key="+r.Header.Get("x-api-key"))
		code, _ := strconv.Atoi(r.Header.Get("X-Want-Status"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"statusCode":%d,"statusMessage":"m","error":"boom","tokens":{"idToken":"a.b.c"}}`, code)
	}))
	t.Cleanup(srv.Close)
	c, err := foundry.NewClient(srv.URL,
		foundry.WithHTTPClient(srv.Client()),
		foundry.WithIDToken("id-token"),
		foundry.WithAPIKey("ledger-key"),
		foundry.WithRetryPolicy(foundry.RetryPolicy{MaxAttempts: 1}),
		foundry.WithRequestEditor(func(ctx context.Context, req *http.Request) error {
			req.Header.Set("X-Want-Status", strconv.Itoa(ctx.Value(wantStatusKey{}).(int)))
			return nil
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return c, &seen
}

// call invokes the client method of an operation with zero-valued
// arguments (string path parameters set to "x").
func call(ctx context.Context, c *foundry.Client, method string) (any, error) {
	m := reflect.ValueOf(c).MethodByName(method)
	args := []reflect.Value{reflect.ValueOf(ctx)}
	n := m.Type().NumIn()
	if m.Type().IsVariadic() {
		n-- // the per-call options
	}
	for i := 1; i < n; i++ {
		arg := reflect.New(m.Type().In(i)).Elem()
		if f := arg.FieldByName("ID"); arg.Kind() == reflect.Struct && strings.HasSuffix(m.Type().In(i).Name(), "Params") && f.IsValid() {
			f.SetString("x")
		}
		if arg.Kind() == reflect.Struct {
			for j := 0; j < arg.NumField(); j++ {
				if arg.Field(j).Type() == reflect.TypeFor[foundry.Decimal]() {
					arg.Field(j).SetString("1") // an empty decimal is refused
				}
			}
		}
		args = append(args, arg)
	}
	out := m.Call(args)
	err, _ := out[len(out)-1].Interface().(error)
	if len(out) == 1 {
		return nil, err
	}
	return out[0].Interface(), err
}

// TestEveryDocumentedStatus drives each operation of spec/openapi.yaml
// through each status it documents: a success returns the body, every
// error status an error of its own type.
func TestEveryDocumentedStatus(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("../../spec/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, seen := statusServer(t)
	ops := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops++
			name := strings.ToUpper(op.OperationID[:1]) + op.OperationID[1:]
			codes := op.Responses.Keys()
			sort.Strings(codes)
			for _, code := range codes {
				status, _ := strconv.Atoi(code)
				ctx := context.WithValue(context.Background(), wantStatusKey{}, status)
				res, err := call(ctx, c, name)
				if status < 300 {
					if err != nil || res == nil || reflect.ValueOf(res).IsNil() {
						t.Errorf("%s %s (%s) %d: %v, %v", method, path, name, status, res, err)
					}
					continue
				}
				var typed interface {
					error
					StatusCode() int
				}
				var unexpected *foundry.UnexpectedStatusError
				if !errors.As(err, &typed) || errors.As(err, &unexpected) || typed.StatusCode() != status || !strings.HasPrefix(fmt.Sprintf("%T", typed), "*foundry."+name) {
					t.Errorf("%s %s (%s) %d: got %T %v, want the operation's own error type", method, path, name, status, err, err)
				}
			}
			// An undocumented status is an UnexpectedStatusError with a snippet.
			ctx := context.WithValue(context.Background(), wantStatusKey{}, 418)
			_, err := call(ctx, c, name)
			var unexpected *foundry.UnexpectedStatusError
			if !errors.As(err, &unexpected) || unexpected.StatusCode != 418 || !strings.Contains(string(unexpected.Body), "boom") {
				t.Errorf("%s 418: %v, want UnexpectedStatusError", name, err)
			}
		}
	}
	if ops != 22 {
		t.Errorf("spec has %d operations, want 22", ops)
	}
	// Foundry operations carry the idToken, ledger operations the key, the
	// two auth operations neither.
	for _, s := range *seen {
		ledger := strings.Contains(s, "/v1/ledger")
		auth := strings.Contains(s, "/v1/auth")
		hasToken := strings.Contains(s, "auth=Bearer id-token")
		hasKey := strings.Contains(s, "key=ledger-key")
		if hasKey != ledger || hasToken != (!ledger && !auth) {
			t.Errorf("credentials of %q", s)
		}
	}
}

func TestBothErrorShapesDecode(t *testing.T) {
	for _, body := range []string{
		`{"error":"Invalid request"}`,
		`{"statusCode":400,"statusMessage":"Order ID and Code are required"}`,
		`{"statusCode":400,"statusMessage":"x","error":"detail","extra":true}`,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, body)
		}))
		c, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken("t"))
		_, err := c.CancelOrder(context.Background(), foundry.CancelOrderInput{ID: "1", Code: "c"})
		srv.Close()
		var bad *foundry.CancelOrderBadRequest
		if !errors.As(err, &bad) || (bad.Body.FlatError == nil && bad.Body.StatusEnvelope == nil) {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if strings.Contains(body, `"error"`) != (bad.Body.FlatError != nil) || strings.Contains(body, "statusCode") != (bad.Body.StatusEnvelope != nil) {
			t.Errorf("%s decoded as %+v", body, bad.Body)
		}
	}
}

func TestAmountsAsNumberOrString(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"statusCode":200,"statusMessage":"OK","unknown":1,"order":{"id":"o","code":"c","amount":100.50,"receivedAmount":"90","realAmount":45}}`)
	}))
	defer srv.Close()
	c, _ := foundry.NewClient(srv.URL, foundry.WithHTTPClient(srv.Client()), foundry.WithIDToken("t"))
	res, err := c.GetOrder(context.Background(), foundry.GetOrderParams{ID: "o"})
	if err != nil {
		t.Fatal(err)
	}
	o := res.Order
	if *o.Amount != "100.50" || *o.ReceivedAmount != "90" || *o.RealAmount != "45" {
		t.Errorf("amounts %s %s %s", *o.Amount, *o.ReceivedAmount, *o.RealAmount)
	}
}

func TestRequiredPathParameter(t *testing.T) {
	c, _ := foundry.NewClient("https://example.com", foundry.WithIDToken("t"))
	if _, err := c.GetOrder(context.Background(), foundry.GetOrderParams{}); err == nil || !strings.Contains(err.Error(), "path parameter id is required") {
		t.Errorf("empty id: %v", err)
	}
}

func TestServerURLs(t *testing.T) {
	if foundry.ServerProductionURL != "https://api.senmo.io" {
		t.Errorf("ServerProductionURL = %q", foundry.ServerProductionURL)
	}
	for _, bad := range []string{"", "api.senmo.io", "://x", "/v1"} {
		if _, err := foundry.NewClient(bad); err == nil {
			t.Errorf("NewClient(%q) accepted", bad)
		}
	}
}
