package specfuzz

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/compat"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/lower"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/gomod"
	"github.com/oasgen/oasgen/internal/instances"
	"github.com/oasgen/oasgen/internal/roundtrip"
)

// FuzzSpecShape builds a random valid OpenAPI document (see Spec) from
// each input and requires of the generator what it promises for every
// valid spec:
//   - it refuses the document with a diagnostic naming the file, the line
//     and the JSON pointer (never a panic), or it generates a package
//     (types, client and server; half the time split in two packages,
//     as gen -split makes a large API) that go vet passes;
//   - every instance of a component schema or inline body schema that the
//     oracle accepts (instances.Valid: JSON Schema 2020-12 for 3.1)
//     decodes into its Go type and encodes back to the same JSON value
//     (numbers exact, null kept), losing nothing, not even the properties
//     the schema does not declare (the instances carry some wherever the
//     schema allows them: forward compatibility);
//   - the generated server accepts every valid instance of a JSON request
//     body: its strict pass and checks refuse none (the handler, not
//     implemented, answers 501).
//
// Each input costs a go vet and a go test of the generated package, so
// the fuzzer runs a few inputs a second. Run it with make fuzz
// (FUZZTIME), or alone:
//
//	go test -run '^$' -fuzz '^FuzzSpecShape$' -fuzztime 30m ./internal/specfuzz/
//
// A finding prints the document; TestPrint prints the document of a
// saved input (SHAPE_INPUT=testdata/fuzz/FuzzSpecShape/<file>), to
// reduce into a golden case.
func FuzzSpecShape(f *testing.F) {
	for _, seed := range shapeSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkShape(t, data)
	})
}

// shapeSeeds start the fuzzer in different corners of the grammar: 3.0 and
// 3.1, each kind of schema first, every operation shape.
var shapeSeeds = []string{
	"",
	"\x01\x03\x05\x03\x00\x01\x02\x03\x01\x01\x01\x01\x01\x01\x01",
	"\x00\x02\x08\x00\x01\x05\x02\x01\x03\x04\x00\x09\x0e\x02\x01\x01\x01\x01\x01\x01",
	"\x01\x01\x0d\x0b\x01\x09\x00\x0c\x0e\x07\x0c\x01\x01\x01\x01\x01\x01",
	"\x01\x03\x0e\x02\x05\x03\x06\x04\x00\x05\x0d\x0b\x04\x0a\x04\x00\x01\x01\x01\x01\x01\x01\x01",
	// Split, with a component named as the split package's exported
	// codec helpers are (AppendJSONX), which its alias must still name.
	"\x01\x04\x05\x03\x00\x01\x02\x03\x01\x01\x01\x01\x01\x01\x01\x02\x03\x04\x01",
}

// checkDiff holds gen -diff to its promises on one document: against
// itself it finds nothing; against a neighbour (the document of the
// input one byte shorter) it finds the same changes every time, each
// naming an identifier and saying why.
func checkDiff(t *testing.T, cfg generator.Config, api *ir.API, data, src []byte) {
	if same := compat.Compare(api, api); len(same) != 0 {
		t.Fatalf("the spec against itself: %v\n%s", same, src)
	}
	if len(data) == 0 {
		return
	}
	other := Spec(data[:len(data)-1])
	otherAPI, _, err := generator.Lower(cfg, other)
	if err != nil {
		return
	}
	first := compat.Compare(otherAPI, api)
	if again := compat.Compare(otherAPI, api); !slices.Equal(first, again) {
		t.Fatalf("two comparisons differ:\n%v\n%v\nold:\n%s\nnew:\n%s", first, again, other, src)
	}
	for _, c := range first {
		if c.Ident == "" || c.Why == "" || strings.Contains(c.Ident, " .") || strings.HasPrefix(c.Ident, ".") {
			t.Fatalf("change %q names no identifier or says nothing\nold:\n%s\nnew:\n%s", c, other, src)
		}
	}
}

// checkShape holds one document to the promises of FuzzSpecShape.
func checkShape(t *testing.T, data []byte) {
	src := Spec(data)
	h := fnv.New64a()
	h.Write(data)
	cfg := generator.Config{Spec: "spec.yaml", Out: "out", Package: "api"}
	if h.Sum64()%2 == 1 {
		// Half the documents are generated split in two packages, as a
		// large API is (gen -split): the same promises hold.
		cfg.Split, cfg.ImportPath = "on", "shape.test/api"
	}
	res, err := generator.Generate(cfg, src)
	if err != nil {
		checkRefusal(t, err, src)
		return
	}
	spec, _, err := load.Load("spec.yaml", src)
	if err != nil {
		t.Fatalf("generated, but does not load again: %v\n%s", err, src)
	}
	checkDiff(t, cfg, res.API, data, src)
	v31 := strings.HasPrefix(spec.Doc.OpenAPI, "3.1")
	r := rand.New(rand.NewPCG(h.Sum64(), 1))
	targets := roundtrip.Targets(spec.Doc, res.API)
	for _, tg := range targets {
		tg.Inputs, tg.Skipped = instances.Of(r, tg.Schema, 3, v31)
	}
	bodies := requestBodies(t, r, spec, res.API, v31)

	mod := t.TempDir()
	dir := filepath.Join(mod, "api")
	must(t, gomod.Write(mod, "shape.test"))
	must(t, write.Files(dir, res.Files, write.Remove))
	must(t, os.WriteFile(filepath.Join(dir, "spec.yaml"), src, 0o644))
	must(t, roundtrip.WriteTest(dir, "shape.test/api", targets))
	must(t, writeServerTest(dir, bodies))
	// One go command builds the package once, vets it (every analyzer go
	// vet runs) and runs the tests, which are outside the package.
	goCmd(t, mod, src, "test", "-vet=all", "-count=1", "-run", "^(TestFidelity|TestServerAccepts)$", "./api/...")

	must(t, roundtrip.ReadOutputs(dir, targets))
	for _, tg := range targets {
		if in, l := tg.FirstLoss(); l != nil {
			t.Fatalf("%s (%s): %s: %s\ninstance: %s\nspec:\n%s", tg.Pointer, tg.GoType, l.Class, l.What, in.In, src)
		}
	}
	out, err := os.ReadFile(filepath.Join(dir, "server_out.json"))
	must(t, err)
	var answers []serverAnswer
	must(t, json.Unmarshal(out, &answers))
	for i, a := range answers {
		if a.Status != 501 {
			t.Fatalf("POST %s with a valid body: %d %s\nbody: %s\nspec:\n%s", bodies[i].Path, a.Status, a.Body, bodies[i].Body, src)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go command in the module; its failure is a finding.
func goCmd(t *testing.T, mod string, src []byte, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s\nspec:\n%s", strings.Join(args, " "), err, out, src)
	}
}

// checkRefusal holds a refusal to the rules: diagnostics naming the file,
// a line and a JSON pointer, never an internal error.
func checkRefusal(t *testing.T, err error, src []byte) {
	t.Helper()
	var list *lower.Errors
	var one *diag.Diagnostic
	var ds []*diag.Diagnostic
	switch {
	case errors.As(err, &list):
		ds = list.List
	case errors.As(err, &one):
		ds = []*diag.Diagnostic{one}
	default:
		t.Fatalf("refused with %T, not a diagnostic: %v\nspec:\n%s", err, err, src)
	}
	for _, d := range ds {
		if d.File != "spec.yaml" || d.Line <= 0 || d.Pointer == "" {
			t.Fatalf("a refusal without file, line and pointer: %v\nspec:\n%s", d, src)
		}
	}
}

// body is a request the server test sends: a valid instance of an
// operation's JSON request body.
type body struct {
	Path string          `json:"path"`
	Body json.RawMessage `json:"body"`
}

type serverAnswer struct {
	Status int    `json:"status"`
	Body   string `json:"body"`
}

// requestBodies makes valid instances of the JSON request bodies of the
// operations that take one and nothing else (BodyPath, InlinePath).
func requestBodies(t *testing.T, r *rand.Rand, spec *load.Spec, api *ir.API, v31 bool) []body {
	var out []body
	for _, op := range api.Operations {
		if op.Body == nil || op.Body.Kind != ir.JSON || op.Method != "POST" || (!strings.HasPrefix(op.Path, "/bodies/") && op.Path != InlinePath) {
			continue
		}
		item := spec.Doc.Paths.Value(op.Path)
		if item == nil || item.Post == nil || item.Post.RequestBody == nil || item.Post.RequestBody.Value == nil {
			t.Fatalf("no request body at %s", op.Path)
		}
		mt := item.Post.RequestBody.Value.Content["application/json"]
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		found, _ := instances.Of(r, mt.Schema.Value, 3, v31)
		for _, data := range found {
			out = append(out, body{Path: op.Path, Body: data})
		}
	}
	return out
}

// writeServerTest writes the bodies and a test that sends each to the
// generated handler and records the answers.
func writeServerTest(dir string, bodies []body) error {
	if bodies == nil {
		bodies = []body{}
	}
	data, err := json.Marshal(bodies)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "server_in.json"), data, 0o644); err != nil {
		return err
	}
	test := `package api_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"testing"

	"shape.test/api"
)

// TestServerAccepts sends the bodies of server_in.json to the handler and
// writes the answers to server_out.json.
func TestServerAccepts(t *testing.T) {
	data, err := os.ReadFile("server_in.json")
	if err != nil {
		t.Fatal(err)
	}
	var bodies []struct {
		Path string          ` + "`json:\"path\"`" + `
		Body json.RawMessage ` + "`json:\"body\"`" + `
	}
	if err := json.Unmarshal(data, &bodies); err != nil {
		t.Fatal(err)
	}
	h := api.NewHandler(api.UnimplementedServer{})
	type answer struct {
		Status int    ` + "`json:\"status\"`" + `
		Body   string ` + "`json:\"body\"`" + `
	}
	answers := []answer{}
	for _, b := range bodies {
		req := httptest.NewRequest("POST", b.Path, bytes.NewReader(b.Body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		answers = append(answers, answer{rec.Code, rec.Body.String()})
	}
	out, err := json.Marshal(answers)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("server_out.json", out, 0o644); err != nil {
		t.Fatal(err)
	}
}
`
	return os.WriteFile(filepath.Join(dir, "server_test.go"), []byte(test), 0o644)
}

// readInput reads a fuzz input: a file of the fuzz corpus (go test fuzz
// v1 encoding), or the input itself as a quoted Go string.
func readInput(in string) ([]byte, error) {
	if s, err := strconv.Unquote(in); err == nil {
		return []byte(s), nil
	}
	text, err := os.ReadFile(in)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(text), "\n") {
		if rest, ok := strings.CutPrefix(line, "[]byte("); ok {
			s, err := strconv.Unquote(strings.TrimSuffix(rest, ")"))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", in, err)
			}
			return []byte(s), nil
		}
	}
	return nil, fmt.Errorf("%s: no []byte input", in)
}
