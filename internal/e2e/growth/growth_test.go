// Package growth holds an API that grows: a client generated from version
// 1 of an order API (v1) talks over HTTP to a server generated from
// version 2 (v2), which adds properties at every level, an enum value, an
// alternative of a union, an integer beyond 2^53, a status code, a media
// type and a header. The older client must neither fail nor lose what it
// does not know.
package growth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/growth/v1"
	"github.com/oasgen/oasgen/internal/e2e/growth/v2"
)

// store is the v2 server: it keeps orders as v2 knows them.
type store struct {
	mu     sync.Mutex
	orders map[string]v2.Order
}

func (s *store) GetOrder(_ context.Context, req *v2.GetOrderRequest) (v2.GetOrderResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[req.Params.ID]
	if !ok {
		return &v2.GetOrderNotFound{Body: v2.Problem{Message: ptr("no order " + req.Params.ID)}}, nil
	}
	return &v2.GetOrderOK{Body: o, XRequestCost: ptr[int64](3)}, nil
}

func (s *store) ListOrders(context.Context, *v2.ListOrdersRequest) (v2.ListOrdersResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := v2.OrderList{Items: []v2.Order{}}
	for _, id := range []string{"o1", "o2"} {
		list.Items = append(list.Items, s.orders[id])
	}
	return &v2.ListOrdersOK{Body: list}, nil
}

func (s *store) PutOrder(_ context.Context, req *v2.PutOrderRequest) (v2.PutOrderResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.Body.Note != nil && *req.Body.Note == "later" {
		return &v2.PutOrderAccepted{Body: req.Body}, nil
	}
	s.orders[req.Params.ID] = req.Body
	return &v2.PutOrderOK{Body: req.Body}, nil
}

func ptr[T any](v T) *T { return &v }

// newOrders are what the v2 server holds: every addition of v2 in use.
func newOrders() map[string]v2.Order {
	wallet := v2.Payment{Wallet: &v2.Wallet{Kind: "wallet", Provider: "paypal", Account: &v2.WalletAccount{Handle: ptr("@ann")}}}
	card := v2.Payment{Card: &v2.Card{Kind: "card", Last4: "4242", Network: ptr("visa")}}
	return map[string]v2.Order{
		"o1": {
			ID:       "o1",
			Status:   v2.OrderStatusRefunded,
			Total:    &v2.Money{Amount: 1250, Currency: "EUR", Exponent: ptr[int64](2)},
			Lines:    []v2.Line{{Sku: "a", Quantity: ptr[int32](2), Discount: &v2.LineDiscount{Percent: ptr(12.5), Code: ptr("<spring & summer>")}}},
			Payment:  &wallet,
			Sequence: ptr[int64](9007199254740995),
			Note:     ptr("leave at the door"),
			LedgerID: ptr[int64](9007199254740993),
			Tags:     map[string]string{"channel": "web", "z": "\u2028"},
		},
		"o2": {ID: "o2", Status: v2.OrderStatusPaid, Payment: &card, Lines: []v2.Line{{Sku: "b"}}},
	}
}

// tap records the body of the last request and of the last response.
type tap struct {
	next          http.Handler
	mu            sync.Mutex
	request, resp []byte
}

type recorder struct {
	http.ResponseWriter
	buf *bytes.Buffer
}

func (r recorder) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

func (t *tap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var out bytes.Buffer
	t.next.ServeHTTP(recorder{w, &out}, r)
	t.mu.Lock()
	t.request, t.resp = body, out.Bytes()
	t.mu.Unlock()
}

func (t *tap) last() (request, resp []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.request, t.resp
}

func setup(t *testing.T) (*v1.Client, *tap, *store) {
	s := &store{orders: newOrders()}
	tp := &tap{next: v2.NewHandler(s)}
	srv := httptest.NewServer(tp)
	t.Cleanup(srv.Close)
	c, err := v1.NewClient(srv.URL, v1.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return c, tp, s
}

// sameJSON reports whether two JSON texts are the same value, numbers
// compared as written.
func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	decode := func(data []byte) any {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		return v
	}
	if !reflect.DeepEqual(decode(got), decode(want)) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestOlderClientReadsNewerResponses: new properties at every level, a new
// enum value, a new alternative of a union and integers beyond 2^53 come
// back without error, and what the client read writes the JSON value the
// server sent.
func TestOlderClientReadsNewerResponses(t *testing.T) {
	c, tp, _ := setup(t)
	var info v1.ResponseInfo
	o, err := c.GetOrder(context.Background(), v1.GetOrderParams{ID: "o1"}, v1.WithResponse(&info))
	if err != nil {
		t.Fatal(err)
	}
	_, sent := tp.last()
	written, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, written, sent)

	// The known parts are read as v1 reads them.
	if o.ID != "o1" || o.Status != "refunded" || *o.Sequence != 9007199254740995 || o.Total.Amount != 1250 || o.Lines[0].Sku != "a" {
		t.Errorf("read %+v", o)
	}
	// The unknown ones are there to see.
	if note, ok := o.Unknown.Get("note"); !ok || string(note) != `"leave at the door"` {
		t.Errorf("note: %s %v", note, ok)
	}
	if id, _ := o.Unknown.Get("ledgerId"); string(id) != "9007199254740993" {
		t.Errorf("ledgerId: %s", id)
	}
	if e, _ := o.Total.Unknown.Get("exponent"); string(e) != "2" {
		t.Errorf("exponent: %s", e)
	}
	if d, _ := o.Lines[0].Unknown.Get("discount"); string(d) != `{"code":"\u003cspring \u0026 summer\u003e","percent":12.5}` {
		t.Errorf("discount: %s", d)
	}
	// A new alternative: neither of those v1 knows, kept whole.
	if p := o.Payment; p.Card != nil || p.Bank != nil || p.Unknown == nil {
		t.Errorf("payment: %+v", p)
	} else {
		sameJSON(t, *p.Unknown, []byte(`{"account":{"handle":"@ann"},"kind":"wallet","provider":"paypal"}`))
	}
	// A new header: not typed, but there.
	if info.StatusCode != 200 || info.Header.Get("X-Request-Cost") != "3" || info.Header.Get("Content-Type") != "application/vnd.orders.v2+json" {
		t.Errorf("response: %d %v", info.StatusCode, info.Header)
	}

	list, err := c.ListOrders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, sent = tp.last()
	written, err = json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, written, sent)
	if n, _ := list.Items[1].Payment.Card.Unknown.Get("network"); string(n) != `"visa"` {
		t.Errorf("network of a known alternative: %s", n)
	}
}

// TestOlderClientWritesBackWhatItDoesNotKnow: a read-modify-write through
// the older client keeps everything the newer server sent.
func TestOlderClientWritesBackWhatItDoesNotKnow(t *testing.T) {
	c, tp, s := setup(t)
	o, err := c.GetOrder(context.Background(), v1.GetOrderParams{ID: "o1"})
	if err != nil {
		t.Fatal(err)
	}
	_, sent := tp.last()
	o.Lines[0].Quantity = ptr[int32](5)
	if err := o.Unknown.Set("note", json.RawMessage(`"ring twice"`)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutOrder(context.Background(), v1.PutOrderParams{ID: "o1"}, *o); err != nil {
		t.Fatal(err)
	}
	received, _ := tp.last()
	var want map[string]any
	if err := json.Unmarshal(sent, &want); err != nil {
		t.Fatal(err)
	}
	want["lines"].([]any)[0].(map[string]any)["quantity"] = 5
	want["note"] = "ring twice"
	wantJSON, _ := json.Marshal(want)
	// encoding/json's float64 holds neither big integer: compare those apart.
	sameJSON(t, bytes.ReplaceAll(bytes.ReplaceAll(received, []byte("9007199254740993"), []byte("9007199254740992")), []byte("9007199254740995"), []byte("9007199254740996")), wantJSON)
	if !bytes.Contains(received, []byte(`"ledgerId":9007199254740993`)) || !bytes.Contains(received, []byte(`"sequence":9007199254740995`)) {
		t.Errorf("big integers: %s", received)
	}
	stored := s.orders["o1"]
	if stored.Payment.Wallet == nil || stored.Payment.Wallet.Provider != "paypal" || *stored.LedgerID != 9007199254740993 || stored.Tags["z"] != "\u2028" || *stored.Total.Exponent != 2 || *stored.Note != "ring twice" {
		t.Errorf("stored %+v", stored)
	}
}

// TestOlderClientMeetsANewStatus: a status v1 does not document is an
// error holding the status, the headers and the start of the body.
func TestOlderClientMeetsANewStatus(t *testing.T) {
	c, _, _ := setup(t)
	o, err := c.GetOrder(context.Background(), v1.GetOrderParams{ID: "o2"})
	if err != nil {
		t.Fatal(err)
	}
	o.Unknown.Set("note", json.RawMessage(`"later"`))
	_, err = c.PutOrder(context.Background(), v1.PutOrderParams{ID: "o2"}, *o)
	var unexpected *v1.UnexpectedStatusError
	if !errors.As(err, &unexpected) || unexpected.StatusCode != 202 || !bytes.Contains(unexpected.Body, []byte(`"note":"later"`)) {
		t.Fatalf("err = %v", err)
	}
}

// TestNewerServerRefusesAnUnknownAlternative: the server stays strict, and
// keeps the properties its schema does not declare.
func TestNewerServerRefusesAnUnknownAlternative(t *testing.T) {
	_, _, s := setup(t)
	srv := httptest.NewServer(v2.NewHandler(s))
	defer srv.Close()
	put := func(body string) (int, string) {
		req, _ := http.NewRequest("PUT", srv.URL+"/orders/o3", bytes.NewReader([]byte(body)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	if code, body := put(`{"id":"o3","status":"paid","payment":{"kind":"crypto","coin":"x"}}`); code != 400 || !bytes.Contains([]byte(body), []byte(`payment`)) || !bytes.Contains([]byte(body), []byte(`none of the alternatives`)) {
		t.Errorf("%d %s", code, body)
	}
	code, body := put(`{"id":"o3","status":"paid","later":{"a":[1,2]},"total":{"amount":1,"currency":"EUR","v3":true}}`)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	sameJSON(t, []byte(body), []byte(`{"id":"o3","status":"paid","later":{"a":[1,2]},"total":{"amount":1,"currency":"EUR","v3":true}}`))
	if v, _ := s.orders["o3"].Unknown.Get("later"); string(v) != `{"a":[1,2]}` {
		t.Errorf("kept %s", v)
	}
}
