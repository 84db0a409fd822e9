// Package difftest holds the generated server against a third-party
// validator, kin-openapi's openapi3filter: random valid and mutated
// requests to every operation of the Foundry description, each answered by
// the generated server (behind an implementation that accepts everything,
// so that 501 Not Implemented means "accepted") and judged by
// openapi3filter.ValidateRequest. A 5xx other than 501 is a failure;
// every disagreement must be a deliberate difference listed in
// deliberate, with its reason.
package difftest

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/oasgen/oasgen/generated/foundry"
)

// deliberate are the mutations on which the generated server refuses
// what openapi3filter accepts, on purpose; each says why (README:
// Deliberate differences).
var deliberate = map[string]string{
	"duplicate key":      "a key given twice is refused: which value would a proxy or a log have read?",
	"case variant key":   "property names are case-sensitive; encoding/json would fill the property from {\"AMOUNT\": -1}",
	"invalid UTF-8":      "RFC 8259 8.1: encoding/json, under openapi3filter, reads invalid bytes as U+FFFD, changing the data",
	"lone surrogate":     "RFC 8259 8.2: encoding/json reads half a surrogate pair as U+FFFD",
	"float64 rounding":   "1.0000000000000001 is not an integer; it only rounds to one as a float64",
	"2^63":               "9223372036854775808 does not fit an int64; as a float64 it rounds to 2^63",
	"repeated parameter": "a single-valued query parameter given twice is refused, not read as its first value",
	"semicolon in query": "a query with ; does not parse (Go's url.ParseQuery), and is refused rather than read in part",
}

// accepting implements every operation with 501 and accepts every
// credential.
type accepting struct{ foundry.UnimplementedServer }

func (accepting) HandleAPIKey(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

func (accepting) HandleIDToken(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

// probe is one request and the mutation it carries ("" for none).
type probe struct {
	mutation string
	method   string
	path     string
	query    string
	header   map[string]string
	body     []byte
	ct       string
}

func TestAgainstOpenapi3filter(t *testing.T) {
	perOp := 40
	if n, err := strconv.Atoi(os.Getenv("DIFFTEST_N")); err == nil && n > 0 {
		perOp = n
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("../../spec/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The generated handler serves the paths at its root, as here.
	doc.Servers = openapi3.Servers{{URL: "http://api.example"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	h := foundry.NewHandler(accepting{}, accepting{})
	opts := &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()},
	}
	r := rand.New(rand.NewPCG(17, 28))
	counts, tried := map[string]int{}, map[string]int{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			for i := range perOp {
				p, ok := makeProbe(r, doc, path, method, item, op, i)
				if !ok {
					continue
				}
				ours := serve(h, p)
				theirs := judge(router, opts, p)
				tried[p.mutation]++
				switch {
				case ours >= 500 && ours != http.StatusNotImplemented:
					t.Errorf("%s %s (%s): server error %d", p.method, p.target(), p.mutation, ours)
				case (ours == http.StatusNotImplemented) == (theirs == nil):
					counts["agree"]++
				case ours == http.StatusNotImplemented:
					counts["lenient"]++
					t.Errorf("lenient: %s %s (%s) %q: accepted; openapi3filter: %v", p.method, p.target(), p.mutation, p.body, firstLine(theirs))
				case deliberate[p.mutation] != "":
					counts["deliberate"]++
				default:
					counts["strict"]++
					t.Errorf("strict: %s %s (%s) %q: %d; openapi3filter accepts it", p.method, p.target(), p.mutation, p.body, ours)
				}
			}
		}
	}
	t.Logf("%v; by mutation: %v", counts, tried)
	for _, m := range append(append([]string{""}, bodyMutations...), queryMutations...) {
		// Foundry has no required query parameter to leave out.
		if tried[m] == 0 && m != "missing required parameter" {
			t.Errorf("no request tried the mutation %q", m)
		}
	}
}

func (p *probe) target() string {
	if p.query == "" {
		return p.path
	}
	return p.path + "?" + p.query
}

func (p *probe) request() *http.Request {
	req := httptest.NewRequest(p.method, "http://api.example"+p.target(), bytes.NewReader(p.body))
	if p.body == nil {
		req = httptest.NewRequest(p.method, "http://api.example"+p.target(), nil)
	}
	if p.ct != "" {
		req.Header.Set("Content-Type", p.ct)
	}
	for k, v := range p.header {
		req.Header.Set(k, v)
	}
	req.Header.Set("Authorization", "Bearer token")
	req.Header.Set("x-api-key", "key")
	return req
}

func serve(h http.Handler, p probe) int {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, p.request())
	return w.Code
}

func judge(router routers.Router, opts *openapi3filter.Options, p probe) error {
	req := p.request()
	route, params, err := router.FindRoute(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts})
}

func firstLine(err error) string { s, _, _ := strings.Cut(err.Error(), "\n"); return s }
