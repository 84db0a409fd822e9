package generator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/emit"
)

// largeSpec is a spec of n schemas of 20 properties each and an
// operation with one response per schema: Size counts 23 per schema.
func largeSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: Large, version: \"1\"}\npaths:\n")
	for i := range n {
		fmt.Fprintf(&b, "  /t%d:\n    get:\n      operationId: get%d\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/T%d\"}\n", i, i, i)
	}
	b.WriteString("components:\n  schemas:\n")
	for i := range n {
		fmt.Fprintf(&b, "    T%d:\n      type: object\n      properties:\n", i)
		for j := range 20 {
			fmt.Fprintf(&b, "        p%d: {type: string}\n", j)
		}
	}
	return []byte(b.String())
}

// TestSplitAuto: Split "auto" splits an API from SplitSize on, when the
// import path is known; without it, the package stays one, with a
// warning that says why; "off" never splits, and a small API stays one.
func TestSplitAuto(t *testing.T) {
	large := largeSpec(SplitSize/23 + 1) // 6003
	below := largeSpec(SplitSize / 23)   // 5980
	small := largeSpec(10)
	split := func(res *Result) bool { return res.Files[emit.ModelsDir+"/types.go"] != nil }
	for _, tc := range []struct {
		name       string
		src        []byte
		mode, path string
		split      bool
		warning    string
	}{
		{"large", large, "", "example.com/m/api", true, ""},
		{"large auto", large, "auto", "example.com/m/api", true, ""},
		{"large off", large, "off", "example.com/m/api", false, ""},
		{"large without import path", large, "", "", false, "kept in one package"},
		{"just below", below, "", "example.com/m/api", false, ""},
		{"small on", small, "on", "example.com/m/api", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Spec: "spec.yaml", Out: "api", Package: "api", Split: tc.mode, ImportPath: tc.path}
			res, err := Generate(cfg, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if n := Size(res.API); (n >= SplitSize) != (len(tc.src) >= len(large)) {
				t.Errorf("Size = %d against SplitSize %d", n, SplitSize)
			}
			if got := split(res); got != tc.split {
				t.Errorf("split = %v, want %v", got, tc.split)
			}
			var warnings []string
			for _, w := range res.Warnings {
				warnings = append(warnings, w.Error())
			}
			if all := strings.Join(warnings, "\n"); tc.warning == "" && all != "" || !strings.Contains(all, tc.warning) {
				t.Errorf("warnings %q, want one saying %q", all, tc.warning)
			}
			if tc.split && !strings.Contains(string(res.Files["types.go"]), `"`+tc.path+`/internal/schemas"`) {
				t.Errorf("types.go does not import %s/internal/schemas:\n%.400s", tc.path, res.Files["types.go"])
			}
		})
	}
}
