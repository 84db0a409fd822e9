package difftest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generated/foundry"
)

// accepting implements every operation with 501 and accepts every
// credential.
type accepting struct{ foundry.UnimplementedServer }

func (accepting) HandleAPIKey(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

func (accepting) HandleIDToken(ctx context.Context, _, _ string) (context.Context, error) {
	return ctx, nil
}

// TestAgainstOpenapi3filter runs the Foundry server (behind an
// implementation that accepts everything, so that 501 means accepted)
// through Run: DIFFTEST_N requests an operation (40 by default).
func TestAgainstOpenapi3filter(t *testing.T) {
	perOp := 40
	if n, err := strconv.Atoi(os.Getenv("DIFFTEST_N")); err == nil && n > 0 {
		perOp = n
	}
	doc, err := openapi3.NewLoader().LoadFromFile("../../spec/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	h := foundry.NewHandler(accepting{}, accepting{})
	res, err := Run(doc, func(req *http.Request) int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}, perOp, 17)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Failures {
		t.Error(f)
	}
	t.Logf("agree %d, deliberate %d; by mutation: %v", res.Agree, res.Deliberate, res.Tried)
	for _, m := range append(append([]string{""}, bodyMutations...), queryMutations...) {
		// Foundry has no required query parameter to leave out.
		if res.Tried[m] == 0 && m != "missing required parameter" {
			t.Errorf("no request tried the mutation %q", m)
		}
	}
}
