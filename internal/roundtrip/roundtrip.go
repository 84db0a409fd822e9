package roundtrip

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/ir"
)

// Target is one schema whose instances go through one Go type.
type Target struct {
	Pointer string
	// GoType spells the Go type of package api that holds an instance, as
	// a test outside the package names it (api.Pet), "" when the test
	// cannot name it.
	GoType  string
	Schema  *openapi3.Schema
	Inputs  []json.RawMessage
	Outputs []Outcome
	Skipped string // why there are no inputs
	// JSONSchema2020 is set for a schema of an OpenAPI 3.1 document.
	JSONSchema2020 bool
}

// Targets lists the component schemas with a Go type, and the inline
// (not $ref) body schemas of the operations.
func Targets(doc *openapi3.T, api *ir.API) []*Target {
	var out []*Target
	defer func() {
		for _, t := range out {
			t.JSONSchema2020 = strings.HasPrefix(doc.OpenAPI, "3.1")
		}
	}()
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
			goType := "api." + t.Name
			if t.Nullable && !(t.Kind == ir.Alias && t.Underlying != nil && (t.Underlying.Kind == ir.Slice || t.Underlying.Kind == ir.Map || t.Underlying.Kind == ir.Pointer)) {
				// Where a nullable schema is used, a pointer holds it.
				goType = "*" + goType
			}
			out = append(out, &Target{Pointer: t.Pointer, GoType: goType, Schema: ref.Value})
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
				out = append(out, &Target{Pointer: ptr + "/requestBody", GoType: goType(b.Type), Schema: mt.Schema.Value})
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
				out = append(out, &Target{Pointer: p, GoType: gt, Schema: mt.Schema.Value})
			}
		}
	}
	return out
}

func escape(path string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(path)
}

// goType spells a Go type of package api as a test outside the package
// does, "" for one the test cannot name.
func goType(t *ir.GoType) string {
	switch t.Kind {
	case ir.Builtin:
		return t.Name
	case ir.Named:
		return "api." + t.Name
	case ir.Qualified:
		if t.Pkg == "time" || t.Pkg == "encoding/json" {
			return t.Pkg[strings.LastIndex(t.Pkg, "/")+1:] + "." + t.Name
		}
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
			return "api.Nullable[" + e + "]"
		}
	}
	return ""
}

// WriteTest writes into dir, the package api of importPath, the instances
// and a test that decodes each into its Go type, encodes it again and
// writes what came out.
func WriteTest(dir, importPath string, targets []*Target) error {
	in := map[string][]json.RawMessage{}
	var b strings.Builder
	// A test outside the package: the package is compiled once, for go vet
	// and for the test.
	use := "\t\"" + importPath + "\"\n"
	if !slices.ContainsFunc(targets, func(t *Target) bool { return len(t.Inputs) > 0 && strings.Contains(t.GoType, "api.") }) {
		use = "\t_ \"" + importPath + "\"\n"
	}
	b.WriteString("package api_test\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"os\"\n\t\"testing\"\n\t\"time\"\n\n" + use + ")\n\n")
	b.WriteString("var _, _ = bytes.NewReader, time.Time{} // used by the cases, if any\n\n")
	b.WriteString("var fidelityCases = map[string]func([]byte) ([]byte, error){\n")
	for _, t := range targets {
		if len(t.Inputs) == 0 || t.GoType == "" {
			continue
		}
		in[t.Pointer] = t.Inputs
		// As a client reads a body of an unnamed type ([]T, map[string]any),
		// numbers held as any stay as written.
		fmt.Fprintf(&b, "\t%s: func(data []byte) ([]byte, error) {\n\t\tvar v %s\n\t\tdec := json.NewDecoder(bytes.NewReader(data))\n\t\tdec.UseNumber()\n\t\tif err := dec.Decode(&v); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\treturn json.Marshal(&v)\n\t},\n", strconv.Quote(t.Pointer), t.GoType)
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

// ReadOutputs reads what the test of WriteTest wrote in dir into the
// targets' outputs.
func ReadOutputs(dir string, targets []*Target) error {
	data, err := os.ReadFile(filepath.Join(dir, "fidelity_out.json"))
	if err != nil {
		return err
	}
	var results map[string][]struct {
		Out json.RawMessage `json:"out"`
		Err string          `json:"err"`
	}
	if err := json.Unmarshal(data, &results); err != nil {
		return err
	}
	for _, t := range targets {
		t.Outputs = nil
		for i, r := range results[t.Pointer] {
			t.Outputs = append(t.Outputs, Outcome{In: t.Inputs[i], Out: r.Out, Err: r.Err})
		}
	}
	return nil
}

// FirstLoss returns the instance that fell shortest of coming back the
// same, and its loss, or nil.
func (t *Target) FirstLoss() (*Outcome, *Loss) {
	var worst *Loss
	var at *Outcome
	for i := range t.Outputs {
		o := &t.Outputs[i]
		if l := LossOf(o, t.Schema, t.JSONSchema2020); l != nil && (worst == nil || Severity(l.Class) < Severity(worst.Class)) {
			worst, at = l, o
		}
	}
	return at, worst
}
