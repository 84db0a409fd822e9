package generator_test

import (
	"os"
	"testing"

	"github.com/oasgen/oasgen/generator"
)

// BenchmarkGenerateFoundry measures the whole in-memory pipeline on the
// Foundry spec: load, lower, emit, render.
func BenchmarkGenerateFoundry(b *testing.B) {
	cfg := generator.Config{Spec: "../spec/openapi.yaml", Out: "../generated/foundry", Package: "foundry"}
	src, err := os.ReadFile(cfg.Spec)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.Generate(cfg, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateLarge measures the pipeline on the largest spec of the
// corpus (GitHub's, 3.7 MB), read in place; skipped when the corpus is not
// beside the clone (OASGEN_LARGE_SPEC names another spec).
func BenchmarkGenerateLarge(b *testing.B) {
	spec := os.Getenv("OASGEN_LARGE_SPEC")
	if spec == "" {
		spec = "../../shared/corpus/specs/ogen__api.github.com.json"
	}
	src, err := os.ReadFile(spec)
	if err != nil {
		b.Skipf("no large spec: %v", err)
	}
	// With an import path, as gen in a module has: large specs split.
	cfg := generator.Config{Spec: spec, Out: "large", Package: "large", ImportPath: "large.test/large"}
	b.ReportAllocs()
	start := cpuTime(b)
	for b.Loop() {
		if _, err := generator.Generate(cfg, src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}

func TestConfigValidate(t *testing.T) {
	ok := generator.Config{Spec: "s.yaml", Out: "out", Package: "api"}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid config: %v", err)
	}
	for _, bad := range []generator.Config{
		{Out: "out", Package: "api"},
		{Spec: "s.yaml", Package: "api"},
		{Spec: "s.yaml", Out: "out", Package: "1api"},
		{Spec: "s.yaml", Out: "out", Package: "api", Generate: []string{"types", "mocks"}},
	} {
		if bad.Validate() == nil {
			t.Errorf("config %+v accepted", bad)
		}
	}
}
