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
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
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
	"empty query value":  "OpenAPI: a query parameter may be empty only with allowEmptyValue (default false); openapi3filter refuses it only for some schemas",
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

// Result is what Run found.
type Result struct {
	// Agree counts the requests both judged alike; Deliberate those where
	// the server refused, on purpose, what openapi3filter accepts.
	Agree, Deliberate int
	// Tried counts the requests by mutation ("" for none).
	Tried map[string]int
	// Failures are the server errors and the disagreements outside
	// deliberate, one line each.
	Failures []string
}

// Run sends perOp requests to each operation of doc (every other one
// mutated), made from the seed, through send, which answers the status
// the generated server gives (501 for a request it accepts), and has
// openapi3filter judge each. The server is taken to serve doc's paths at
// its root.
func Run(doc *openapi3.T, send func(*http.Request) int, perOp int, seed uint64) (*Result, error) {
	doc.Servers = openapi3.Servers{{URL: "http://api.example"}}
	// Real descriptions carry examples their schemas refuse: beside the
	// point here.
	router, err := legacy.NewRouter(doc, openapi3.DisableExamplesValidation())
	if err != nil {
		return nil, err
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()},
	}
	r := rand.New(rand.NewPCG(seed, 28))
	res := &Result{Tried: map[string]int{}}
	fail := func(format string, args ...any) { res.Failures = append(res.Failures, fmt.Sprintf(format, args...)) }
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			op := item.Operations()[method]
			for i := range perOp {
				p, ok := makeProbe(r, doc, path, method, item, op, i)
				if !ok {
					continue
				}
				ours := send(p.request())
				theirs := judge(router, opts, p)
				res.Tried[p.mutation]++
				switch {
				case ours >= 500 && ours != http.StatusNotImplemented:
					fail("%s %s (%s): server error %d", p.method, p.target(), p.mutation, ours)
				case (ours == http.StatusNotImplemented) == (theirs == nil):
					res.Agree++
				case ours == http.StatusNotImplemented:
					fail("lenient: %s %s (%s) %q: accepted; openapi3filter: %v", p.method, p.target(), p.mutation, p.body, firstLine(theirs))
				case deliberate[p.mutation] != "":
					res.Deliberate++
				default:
					fail("strict: %s %s (%s) %q: %d; openapi3filter accepts it", p.method, p.target(), p.mutation, p.body, ours)
				}
			}
		}
	}
	return res, nil
}

func (p *probe) target() string {
	if p.query == "" {
		return p.path
	}
	return p.path + "?" + p.query
}

func (p *probe) request() *http.Request {
	var body io.Reader
	if p.body != nil {
		body = bytes.NewReader(p.body)
	}
	req, _ := http.NewRequest(p.method, "http://api.example"+p.target(), body)
	if p.ct != "" {
		req.Header.Set("Content-Type", p.ct)
	}
	for k, v := range p.header {
		req.Header.Set(k, v)
	}
	return req
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
