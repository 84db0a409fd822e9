// Fidelity checks that generated types hold the data their schemas allow.
// For each OpenAPI description in a folder it generates the types, makes
// seeded pseudo-random valid instances of every component schema and
// every inline request or response body schema (checked against the
// schema by kin-openapi), decodes each into the generated Go type,
// encodes it again and compares the two semantically: same keys and
// values, null kept, numbers compared exactly.
//
// It prints one row per lossy type and ends with
//
//	fidelity: specs=S schemas=M lossless=N lossy=K skipped=X
//
// It is `make fidelity`; the specs are read in place.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/instances"
)

// target is one schema whose instances go through one Go type.
type target struct {
	pointer string
	goType  string
	schema  *openapi3.Schema
	inputs  []json.RawMessage
	outputs []outcome
	skipped string // why there are no inputs
}

// spec is one description's package and targets.
type spec struct {
	file    string
	pkg     string
	targets []*target
	failed  string // why nothing of it was checked
}

func main() {
	dir := flag.String("dir", "../shared/corpus/specs", "folder of OpenAPI descriptions")
	keep := flag.String("keep", "", "write the generated module here instead of a temporary folder")
	seed := flag.Uint64("seed", 1, "seed of the instances")
	n := flag.Int("n", 4, "instances per schema")
	only := flag.String("run", "", "only the specs whose file name matches this regular expression")
	verbose := flag.Bool("v", false, "also list the skipped schemas and why")
	flag.Parse()
	entries, err := os.ReadDir(*dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "fidelity: no specs: %v\nfidelity: looked in %s; give another folder with -dir (make fidelity CORPUS=path)\n", err, *dir)
		os.Exit(2)
	}
	mod := *keep
	if mod == "" {
		if mod, err = os.MkdirTemp("", "fidelity-*"); err != nil {
			fail(err)
		}
		defer os.RemoveAll(mod)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module fidelity.test\n\ngo 1.25\n"), 0o644); err != nil {
		fail(err)
	}
	match := regexp.MustCompile(*only)
	var specs []*spec
	for _, e := range entries {
		if e.IsDir() || !regexp.MustCompile(`\.(ya?ml|json)$`).MatchString(e.Name()) || !match.MatchString(e.Name()) {
			continue
		}
		s := prepare(filepath.Join(*dir, e.Name()), mod, *seed, *n)
		specs = append(specs, s)
	}
	run(mod, specs)
	os.Exit(report(os.Stdout, specs, *verbose))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "fidelity:", err)
	os.Exit(1)
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9]+`)

// prepare generates one spec's types into mod and writes its instances
// and the test that round-trips them.
func prepare(file, mod string, seed uint64, n int) *spec {
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	s := &spec{file: filepath.Base(file), pkg: "p_" + strings.Trim(nonIdent.ReplaceAllString(name, "_"), "_")}
	src, err := os.ReadFile(file)
	if err != nil {
		s.failed = err.Error()
		return s
	}
	cfg := generator.Config{Spec: file, Out: filepath.Join(mod, s.pkg), Package: "api", Generate: []string{"types", "client"}}
	res, err := generator.Generate(cfg, src)
	if err != nil {
		s.failed = "generate: " + strings.SplitN(err.Error(), "\n", 2)[0]
		return s
	}
	loaded, _, err := load.Load(file, src)
	if err != nil {
		s.failed = "load: " + err.Error()
		return s
	}
	s.targets = targets(loaded.Doc, res.API)
	r := rand.New(rand.NewPCG(seed, uint64(len(name))))
	for _, t := range s.targets {
		t.inputs, t.skipped = instances.Of(r, t.schema, n)
	}
	if err := write.Files(cfg.Out, res.Files); err != nil {
		s.failed = err.Error()
		return s
	}
	if err := writeTest(filepath.Join(mod, s.pkg), s.targets); err != nil {
		s.failed = err.Error()
	}
	return s
}

// targets lists the component schemas with a Go type, and the inline
// (not $ref) body schemas of the operations.
func targets(doc *openapi3.T, api *ir.API) []*target {
	var out []*target
	seen := map[string]bool{}
	for _, t := range api.Types {
		ptr := t.Pointer
		if i := strings.IndexByte(ptr, '#'); i >= 0 {
			ptr = ptr[i+1:]
		}
		name, ok := strings.CutPrefix(ptr, "/components/schemas/")
		if !ok || strings.Contains(name, "/") || seen[t.Pointer] {
			continue
		}
		seen[t.Pointer] = true
		name = strings.NewReplacer("~1", "/", "~0", "~").Replace(name)
		if ref := doc.Components.Schemas[name]; ref != nil && ref.Value != nil {
			goType := t.Name
			if instances.Nullable(ref.Value) && !(t.Kind == ir.Alias && t.Underlying != nil && (t.Underlying.Kind == ir.Slice || t.Underlying.Kind == ir.Map || t.Underlying.Kind == ir.Pointer)) {
				// Where a nullable schema is used, a pointer holds it.
				goType = "*" + goType
			}
			out = append(out, &target{pointer: t.Pointer, goType: goType, schema: ref.Value})
		}
	}
	for _, op := range api.Operations {
		item := doc.Paths.Value(op.Path)
		if item == nil {
			continue
		}
		o := item.GetOperation(op.Method)
		if o == nil {
			continue
		}
		ptr := "#/paths/" + escape(op.Path) + "/" + strings.ToLower(op.Method)
		if b := op.Body; b != nil && b.Kind == ir.JSON && o.RequestBody != nil && o.RequestBody.Value != nil {
			if mt := o.RequestBody.Value.Content[b.ContentType]; mt != nil && mt.Schema != nil && mt.Schema.Ref == "" && !seen[ptr+"/requestBody"] {
				seen[ptr+"/requestBody"] = true
				out = append(out, &target{pointer: ptr + "/requestBody", goType: goType(b.Type), schema: mt.Schema.Value})
			}
		}
		for _, r := range op.Responses {
			if r.Body == nil || r.Body.Kind != ir.JSON || o.Responses == nil {
				continue
			}
			resp := o.Responses.Value(r.Status)
			if resp == nil || resp.Value == nil {
				continue
			}
			mt := resp.Value.Content[r.Body.ContentType]
			if p := ptr + "/responses/" + r.Status; mt != nil && mt.Schema != nil && mt.Schema.Ref == "" && !seen[p] {
				seen[p] = true
				gt := goType(r.Body.Type)
				if r.Body.Nullable && gt != "" {
					gt = "*" + gt // as the client decodes it
				}
				out = append(out, &target{pointer: p, goType: gt, schema: mt.Schema.Value})
			}
		}
	}
	return out
}

func escape(path string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(path)
}

// goType spells a Go type of package api, "" for one the test cannot
// name.
func goType(t *ir.GoType) string {
	switch t.Kind {
	case ir.Builtin, ir.Named:
		return t.Name
	case ir.Slice:
		if e := goType(t.Elem); e != "" {
			return "[]" + e
		}
	case ir.Map:
		if e := goType(t.Elem); e != "" {
			return "map[string]" + e
		}
	case ir.Pointer:
		if e := goType(t.Elem); e != "" {
			return "*" + e
		}
	case ir.NullableOf:
		if e := goType(t.Elem); e != "" {
			return "Nullable[" + e + "]"
		}
	}
	return ""
}

// writeTest writes the instances and a test that decodes each into its
// Go type, encodes it again and writes what came out.
func writeTest(dir string, targets []*target) error {
	in := map[string][]json.RawMessage{}
	var b strings.Builder
	b.WriteString("package api\n\nimport (\n\t\"encoding/json\"\n\t\"os\"\n\t\"testing\"\n)\n\n")
	b.WriteString("var fidelityCases = map[string]func([]byte) ([]byte, error){\n")
	for _, t := range targets {
		if len(t.inputs) == 0 || t.goType == "" {
			continue
		}
		in[t.pointer] = t.inputs
		fmt.Fprintf(&b, "\t%s: func(data []byte) ([]byte, error) {\n\t\tvar v %s\n\t\tif err := json.Unmarshal(data, &v); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\treturn json.Marshal(&v)\n\t},\n", strconv.Quote(t.pointer), t.goType)
	}
	b.WriteString("}\n\n")
	b.WriteString(`// TestFidelity round-trips the instances of fidelity_in.json into
// fidelity_out.json: per schema, the output or error of each.
func TestFidelity(t *testing.T) {
	data, err := os.ReadFile("fidelity_in.json")
	if err != nil {
		t.Fatal(err)
	}
	var in map[string][]json.RawMessage
	if err := json.Unmarshal(data, &in); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Out json.RawMessage ` + "`json:\"out,omitempty\"`" + `
		Err string          ` + "`json:\"err,omitempty\"`" + `
	}
	out := map[string][]result{}
	for ptr, inputs := range in {
		for _, input := range inputs {
			res, err := fidelityCases[ptr](input)
			r := result{Out: res}
			if err != nil {
				r = result{Err: err.Error()}
			}
			out[ptr] = append(out[ptr], r)
		}
	}
	data, err = json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("fidelity_out.json", data, 0o644); err != nil {
		t.Fatal(err)
	}
}
`)
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "fidelity_in.json"), data, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "fidelity_test.go"), []byte(b.String()), 0o644)
}

// run tests every package at once; each writes its fidelity_out.json.
func run(mod string, specs []*spec) {
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestFidelity$", "./...")
	cmd.Dir = mod
	out, _ := cmd.CombinedOutput()
	for _, s := range specs {
		if s.failed == "" && !bytes.Contains(out, []byte("ok  \tfidelity.test/"+s.pkg+"\t")) {
			s.failed = "test: " + firstLine(out, s.pkg)
		}
	}
	for _, s := range specs {
		if s.failed != "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(mod, s.pkg, "fidelity_out.json"))
		if err != nil {
			s.failed = err.Error()
			continue
		}
		var results map[string][]struct {
			Out json.RawMessage `json:"out"`
			Err string          `json:"err"`
		}
		if err := json.Unmarshal(data, &results); err != nil {
			s.failed = err.Error()
			continue
		}
		for _, t := range s.targets {
			for i, r := range results[t.pointer] {
				t.outputs = append(t.outputs, outcome{in: t.inputs[i], out: r.Out, err: r.Err})
			}
		}
	}
}

func firstLine(out []byte, pkg string) string {
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, pkg) {
			return strings.TrimSpace(line)
		}
	}
	return "failed"
}

// report prints the lossy types and the summary line; it returns the exit
// status: 1 when anything is lossy.
func report(w io.Writer, specs []*spec, verbose bool) int {
	slices.SortFunc(specs, func(a, b *spec) int { return strings.Compare(a.file, b.file) })
	var schemas, lossless, lossy, skipped int
	for _, s := range specs {
		if s.failed != "" {
			fmt.Fprintf(w, "%s: not checked: %s\n", s.file, s.failed)
			skipped += len(s.targets)
			schemas += len(s.targets)
			continue
		}
		for _, t := range s.targets {
			schemas++
			switch bad := t.firstLoss(); {
			case len(t.inputs) == 0 || t.goType == "":
				skipped++
				if verbose {
					fmt.Fprintf(w, "%s %s %s: skipped: %s\n", s.file, t.pointer, t.goType, cut(t.skipped, 200))
				}
			case bad == nil:
				lossless++
			default:
				lossy++
				fmt.Fprintf(w, "%s %s %s\n  in:   %s\n  loss: %s\n", s.file, t.pointer, t.goType, cut(string(bad.in), 200), cut(bad.describe(), 300))
			}
		}
	}
	fmt.Fprintf(w, "fidelity: specs=%d schemas=%d lossless=%d lossy=%d skipped=%d\n", len(specs), schemas, lossless, lossy, skipped)
	if lossy > 0 {
		return 1
	}
	return 0
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
