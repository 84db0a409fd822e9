// Command twins generates, for each generated package the repository
// tests (the Foundry package and the e2e packages), a twin generated with
// -json=stdlib (its types left to encoding/json), and in the twin a
// differential fuzz test: every type's generated codec against
// encoding/json's reading of the twin's type, seeded with valid instances
// of the spec's schemas.
//
// Run it from the repository root: go run ./internal/twins [-check].
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/render"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/instances"
	"github.com/oasgen/oasgen/internal/testpkgs"
)

func main() {
	check := flag.Bool("check", false, "write nothing; exit 1 listing the files that would change")
	flag.Parse()
	stale := false
	for _, tw := range testpkgs.All {
		dir := filepath.Join("internal", "twins", tw.Name)
		files, err := twinFiles(tw, dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "twins: %s: %v\n", tw.Name, err)
			os.Exit(1)
		}
		if *check {
			names, err := write.Stale(dir, files, write.Remove)
			if err != nil {
				fmt.Fprintln(os.Stderr, "twins:", err)
				os.Exit(1)
			}
			for _, n := range names {
				fmt.Fprintf(os.Stderr, "twins: %s is stale; run make generate\n", filepath.Join(dir, n))
				stale = true
			}
			continue
		}
		if err := write.Files(dir, files, write.Remove); err != nil {
			fmt.Fprintln(os.Stderr, "twins:", err)
			os.Exit(1)
		}
	}
	if stale {
		os.Exit(1)
	}
}

// twinFiles generates the twin of tw into dir: the package and its fuzz
// test.
func twinFiles(tw testpkgs.Package, dir string) (render.Files, error) {
	src, err := os.ReadFile(tw.Spec)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(dir, tw.Spec)
	if err != nil {
		return nil, err
	}
	// The differential test reads the twin with oasrt.DecodeStrict.
	cfg := generator.Config{Spec: filepath.Join(dir, rel), Out: dir, Package: tw.Name, JSON: "stdlib"}
	res, err := generator.Generate(cfg, src)
	if err != nil {
		return nil, err
	}
	loaded, _, err := load.Load(tw.Spec, src)
	if err != nil {
		return nil, err
	}
	test, err := diffTest(tw, res.API, loaded.Doc, generator.Header(cfg))
	if err != nil {
		return nil, err
	}
	res.Files["diff_test.go"] = test
	return res.Files, nil
}

//go:embed diff_test.go.tmpl
var diffTemplate string

var diffTmpl = template.Must(template.New("diff").Parse(diffTemplate))

// pair is one type of the package and its twin.
type pair struct {
	Name string
}

// seed is a fuzz seed: a pair's index and a JSON document.
type seed struct {
	Which int
	Data  string
}

// diffTest renders the differential fuzz test of a twin.
func diffTest(tw testpkgs.Package, api *ir.API, doc *openapi3.T, header string) ([]byte, error) {
	var pairs []pair
	index := map[string]int{}
	for _, t := range api.Types {
		if t.Kind == ir.Struct || t.Kind == ir.Union || t.Kind == ir.Alias && !t.IsAlias {
			index[t.Name] = len(pairs)
			pairs = append(pairs, pair{Name: t.Name})
		}
	}
	var seeds []seed
	r := rand.New(rand.NewPCG(1, uint64(len(tw.Name))))
	for _, t := range api.Types {
		i, ok := index[t.Name]
		ptr := t.Pointer
		if _, frag, ok := strings.Cut(ptr, "#"); ok {
			ptr = frag
		}
		name, isComponent := strings.CutPrefix(ptr, "/components/schemas/")
		if !ok || !isComponent || strings.Contains(name, "/") {
			continue
		}
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		found, _ := instances.Of(r, ref.Value, 3, strings.HasPrefix(doc.OpenAPI, "3.1"))
		for _, data := range found {
			seeds = append(seeds, seed{Which: i, Data: strconv.Quote(string(data))})
			if t := tricky(data); t != nil {
				seeds = append(seeds, seed{Which: i, Data: strconv.Quote(string(t))})
			}
		}
	}
	for i := range pairs {
		for _, data := range []string{`null`, `{}`, `[]`, `""`, `0`} {
			seeds = append(seeds, seed{Which: i, Data: strconv.Quote(data)})
		}
	}
	var buf bytes.Buffer
	err := diffTmpl.Execute(&buf, map[string]any{
		"Header": header, "Package": tw.Name, "Ours": tw.ImportPath(), "Pairs": pairs, "Seeds": seeds,
		"IntegersByValue": api.IntegersByValue,
	})
	if err != nil {
		return nil, err
	}
	return format.Source(buf.Bytes())
}

// trickyText is JSON string content that tests a writer's escaping: HTML
// characters, the line separators, a control character, a quote, a
// backslash, a slash, an escaped surrogate pair, non-ASCII text and a byte
// that is not UTF-8.
const trickyText = "a<b>&c\u2028d\\u2029\\u0001\\\"\\\\/\\ud83d\\ude00\\ud800é\xff\x7f"

// tricky is an instance with every string value replaced by trickyText,
// or nil when it has none.
func tricky(data []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	const marker = "\x00tricky\x00"
	found := false
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case string:
			found = true
			return marker
		case map[string]any:
			for k, x := range v {
				v[k] = walk(x)
			}
		case []any:
			for i, x := range v {
				v[i] = walk(x)
			}
		}
		return v
	}
	v = walk(v)
	out, err := json.Marshal(v)
	if err != nil || !found {
		return nil
	}
	quoted, _ := json.Marshal(marker)
	return bytes.ReplaceAll(out, quoted, []byte(`"`+trickyText+`"`))
}
