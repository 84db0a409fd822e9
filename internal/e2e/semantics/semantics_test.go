package semantics_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/semantics"
)

type impl struct {
	mu     sync.Mutex
	card   semantics.Card
	form   semantics.SignupRequestBody
	points semantics.GetPointsParams
	doc    semantics.PutDocRequest
}

func (i *impl) CreateCard(_ context.Context, req *semantics.CreateCardRequest) (semantics.CreateCardResponse, error) {
	i.mu.Lock()
	i.card = req.Body
	i.mu.Unlock()
	last4 := req.Body.Number[len(req.Body.Number)-4:]
	// The implementation hands back everything; the server must not write
	// the writeOnly number and cvc.
	id := "card_1"
	if req.Body.Holder == "anon" {
		id = "" // a zero readOnly id is still sent: it is required of a response
	}
	return &semantics.CreateCardCreated{Body: semantics.Card{ID: id, Holder: req.Body.Holder, Number: req.Body.Number, Cvc: req.Body.Cvc, Last4: &last4}}, nil
}

func (i *impl) Signup(_ context.Context, req *semantics.SignupRequest) (semantics.SignupResponse, error) {
	i.mu.Lock()
	i.form = req.Body
	i.mu.Unlock()
	return &semantics.SignupOK{Body: semantics.Echo{"ok": true}}, nil
}

func (i *impl) GetItem(ctx context.Context, req *semantics.GetItemRequest) (semantics.GetItemResponse, error) {
	return &semantics.GetItemOK{Body: semantics.Echo{"route": "plain", "id": req.Params.ID, "op": operation(ctx)}}, nil
}

func (i *impl) GetItemBeta(ctx context.Context, req *semantics.GetItemBetaRequest) (semantics.GetItemBetaResponse, error) {
	return &semantics.GetItemBetaOK{Body: semantics.Echo{"route": "beta", "id": req.Params.ID, "op": operation(ctx)}}, nil
}

// operation is the operation ctx belongs to, as one string.
func operation(ctx context.Context) string {
	info, ok := semantics.OperationFrom(ctx)
	return fmt.Sprint(info, ok)
}

func (i *impl) GetPoints(_ context.Context, req *semantics.GetPointsRequest) (semantics.GetPointsResponse, error) {
	i.mu.Lock()
	i.points = req.Params
	i.mu.Unlock()
	return &semantics.GetPointsOK{Body: semantics.Echo{"ok": true}}, nil
}

// start serves impl over HTTP, recording each request's body and query,
// and each response's body, as they travel.
func start(t *testing.T) (*impl, *semantics.Client, func() []string) {
	h := &impl{}
	var mu sync.Mutex
	var wire []string
	record := func(s string) {
		mu.Lock()
		defer mu.Unlock()
		wire = append(wire, s)
	}
	handler := semantics.NewHandler(h, semantics.WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			record("request " + r.URL.RawQuery + " " + string(body))
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			record("response " + rec.Body.String())
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
		})
	}))
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := semantics.NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return h, c, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), wire...)
	}
}

// TestReadOnlyWriteOnly: the client need not send the required readOnly
// id, and does not send it when zero; the server does not require it,
// requires the writeOnly number and cvc, and never writes them back; the
// client decodes a card without them.
func TestReadOnlyWriteOnly(t *testing.T) {
	h, c, wire := start(t)
	got, err := c.CreateCard(context.Background(), semantics.Card{Holder: "Ann", Number: "4111111111111111", Cvc: "123"})
	if err != nil {
		t.Fatal(err)
	}
	w := wire()
	if strings.Contains(w[0], `"id"`) || !strings.Contains(w[0], `"cvc":"123"`) {
		t.Errorf("request %s: want the cvc and no id", w[0])
	}
	if strings.Contains(w[1], "number") || strings.Contains(w[1], "cvc") || !strings.Contains(w[1], `"id":"card_1"`) {
		t.Errorf("response %s: want the id and neither number nor cvc", w[1])
	}
	if h.card.Cvc != "123" || got.ID != "card_1" || got.Cvc != "" || got.Last4 == nil || *got.Last4 != "1111" {
		t.Errorf("server saw %+v, client got %+v", h.card, got)
	}
	if _, err := c.CreateCard(context.Background(), semantics.Card{Holder: "anon", Number: "4111111111111111", Cvc: "123"}); err != nil {
		t.Fatal(err)
	}
	if w := wire(); !strings.Contains(w[3], `"id":""`) {
		t.Errorf("response %s: want the required readOnly id even when empty", w[3])
	}
	_, err = c.CreateCard(context.Background(), semantics.Card{Holder: "Ann", Number: "4111"})
	var refused *semantics.UnexpectedStatusError
	if !errors.As(err, &refused) || refused.StatusCode != 400 || !strings.Contains(string(refused.Body), "cvc") {
		t.Errorf("a card without its writeOnly cvc: %v, want a 400 naming cvc", err)
	}
}

// TestFormLeavesAbsentFieldsOut: absent optional form fields are not sent
// (no "channel=null"); present ones are, and the server reads them.
func TestFormLeavesAbsentFieldsOut(t *testing.T) {
	h, c, wire := start(t)
	if _, err := c.Signup(context.Background(), semantics.SignupRequestBody{Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	if w := wire()[0]; w != "request  name=ann" {
		t.Errorf("sent %q, want only the name", w)
	}
	if _, err := c.Signup(context.Background(), semantics.SignupRequestBody{Name: "bo", Nickname: semantics.NullableOf("b"), Channel: "sms"}); err != nil {
		t.Fatal(err)
	}
	if n, ok := h.form.Nickname.Get(); !ok || n != "b" || h.form.Channel != "sms" {
		t.Errorf("server read %+v", h.form)
	}
	if _, err := c.Signup(context.Background(), semantics.SignupRequestBody{Name: "cy", Nickname: semantics.NullOf[string]()}); err != nil {
		t.Fatal(err)
	}
	if w := wire()[4]; w != "request  name=cy" {
		t.Errorf("a null nickname sent %q, want it left out (a form has no null)", w)
	}
}

// TestDelimitedObjects: pipeDelimited and spaceDelimited objects travel
// with their own separators, both ways.
func TestDelimitedObjects(t *testing.T) {
	h, c, wire := start(t)
	if _, err := c.GetPoints(context.Background(), semantics.GetPointsParams{Pipe: &semantics.Point{X: 1, Y: 2}, Space: &semantics.Point{X: 3, Y: 4}}); err != nil {
		t.Fatal(err)
	}
	if w := wire()[0]; !strings.Contains(w, "pipe=x%7C1%7Cy%7C2") || !strings.Contains(w, "space=x+3+y+4") {
		t.Errorf("query %q", w)
	}
	if p := h.points; p.Pipe == nil || *p.Pipe != (semantics.Point{X: 1, Y: 2}) || p.Space == nil || *p.Space != (semantics.Point{X: 3, Y: 4}) {
		t.Errorf("server read %+v %+v", p.Pipe, p.Space)
	}
}

// TestPathKeyWithQuery: "/items/{id}?beta=true" is the path /items/{id}
// with beta=true in the query: the client sends it so (not %3F), and the
// server routes a request with it to the beta operation, others to the
// plain one, each with its own OperationInfo (its route as the spec
// writes it).
func TestPathKeyWithQuery(t *testing.T) {
	_, c, wire := start(t)
	beta, err := c.GetItemBeta(context.Background(), semantics.GetItemBetaParams{ID: "i1"})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := c.GetItem(context.Background(), semantics.GetItemParams{ID: "i1"})
	if err != nil {
		t.Fatal(err)
	}
	if (*beta)["route"] != "beta" || (*plain)["route"] != "plain" || (*beta)["id"] != "i1" {
		t.Errorf("beta %v, plain %v", *beta, *plain)
	}
	if (*beta)["op"] != "{getItemBeta GET /items/{id}?beta=true} true" || (*plain)["op"] != "{getItem GET /items/{id}} true" {
		t.Errorf("operations: beta %v, plain %v", (*beta)["op"], (*plain)["op"])
	}
	if w := wire(); w[0] != "request beta=true " || w[2] != "request  " {
		t.Errorf("queries sent: %q", w)
	}
}

// TestAcceptListsDocumentedMediaTypes: the client's Accept header lists
// the media types the operation's responses document.
func TestAcceptListsDocumentedMediaTypes(t *testing.T) {
	var accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c, _ := semantics.NewClient(srv.URL)
	if _, err := c.GetItem(context.Background(), semantics.GetItemParams{ID: "x"}); err != nil {
		t.Fatal(err)
	}
	if accept != "application/json" {
		t.Errorf("Accept: %q", accept)
	}
}
