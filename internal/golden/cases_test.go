package golden_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/golden"
	"github.com/oasgen/oasgen/internal/gomod"
)

// A case is a txtar archive in testdata: its comment holds "key: value"
// settings (package, generate, json, strict, split), its file spec.yaml the input, and every
// other file an expected output: a generated file, "error" for the
// expected error, "warnings" for the expected warnings.
type goldenCase struct {
	name    string
	path    string
	archive *txtar.Archive
	cfg     generator.Config
	spec    []byte
}

func loadCases(t *testing.T) []*goldenCase {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	var cases []*goldenCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), path: p, archive: a}
		c.cfg = generator.Config{Spec: "spec.yaml", Out: "out", Package: "api"}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			k, v, ok := strings.Cut(line, ":")
			switch v = strings.TrimSpace(v); {
			case !ok:
			case k == "package":
				c.cfg.Package = v
			case k == "generate":
				c.cfg.Generate = strings.Split(v, ",")
			case k == "json":
				c.cfg.JSON = v
			case k == "strict":
				c.cfg.Strict = v == "true"
			case k == "split":
				// The import path TestGoldenCompile builds it at.
				c.cfg.Split, c.cfg.ImportPath = v, "golden.test/"+pkgDir(c.name)
			}
		}
		for _, f := range a.Files {
			if f.Name == "spec.yaml" {
				c.spec = f.Data
			}
		}
		if c.spec == nil {
			t.Fatalf("%s: no spec.yaml", p)
		}
		cases = append(cases, c)
	}
	return cases
}

// outputs runs the generator on a case and returns what it produced, by
// expected-file name.
func (c *goldenCase) outputs() map[string][]byte {
	out := map[string][]byte{}
	res, err := generator.Generate(c.cfg, c.spec)
	if res != nil && len(res.Warnings) > 0 {
		var b strings.Builder
		for _, w := range res.Warnings {
			b.WriteString(w.Error() + "\n")
		}
		out["warnings"] = []byte(b.String())
	}
	if err != nil {
		out["error"] = []byte(err.Error() + "\n")
		return out
	}
	for name, data := range res.Files {
		out[name] = data
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := c.outputs()
			if golden.Updating() {
				c.rewrite(t, got)
				return
			}
			want := map[string][]byte{}
			for _, f := range c.archive.Files {
				if f.Name != "spec.yaml" {
					want[f.Name] = f.Data
				}
			}
			for _, name := range sortedNames(got, want) {
				if d := golden.Diff(name, want[name], got[name]); d != "" {
					t.Errorf("%s differs (rerun with GOLDEN_UPDATE=1 if intended):\n%s", name, d)
				}
			}
		})
	}
}

func sortedNames(ms ...map[string][]byte) []string {
	var names []string
	for _, m := range ms {
		for n := range m {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return names
}

func (c *goldenCase) rewrite(t *testing.T, got map[string][]byte) {
	a := &txtar.Archive{Comment: c.archive.Comment, Files: []txtar.File{{Name: "spec.yaml", Data: c.spec}}}
	for _, name := range sortedNames(got) {
		a.Files = append(a.Files, txtar.File{Name: name, Data: got[name]})
	}
	if err := os.WriteFile(c.path, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGoldenCompile builds and vets the output of every golden case in a
// temporary module.
func TestGoldenCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every golden case; skipped under -short")
	}
	dir := t.TempDir()
	if err := gomod.Write(dir, "golden.test"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range loadCases(t) {
		got := c.outputs()
		if _, failed := got["error"]; failed {
			continue
		}
		out := filepath.Join(dir, pkgDir(c.name))
		for name, data := range got {
			if strings.HasSuffix(name, ".go") {
				// A split package's types are in a directory below.
				if err := os.MkdirAll(filepath.Dir(filepath.Join(out, name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		n++
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of %d golden packages: %v\n%s", n, err, out)
	}
	// Spec text never becomes a directive: go generate, which a
	// downstream repository runs over its whole tree, must find nothing
	// to run (the sanitise case tries).
	before := listFiles(t, dir)
	cmd = exec.Command("go", "generate", "-x", "./...")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("go generate over the golden packages ran something: %v\n%s", err, out)
	}
	if after := listFiles(t, dir); !slices.Equal(before, after) {
		t.Errorf("go generate changed the files:\nbefore %q\nafter  %q", before, after)
	}
}

// pkgDir is the directory of a case's package in TestGoldenCompile's
// module.
func pkgDir(name string) string { return strings.ReplaceAll(name, "-", "_") }

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// committed lists the generated packages kept in the repository, with the
// settings their go:generate lines use.
var committed = []generator.Config{
	{Spec: "../../spec/openapi.yaml", Out: "../../generated/foundry", Package: "foundry"},
	{Spec: "../e2e/params/spec.yaml", Out: "../e2e/params", Package: "params"},
	{Spec: "../e2e/models/spec.yaml", Out: "../e2e/models", Package: "models", Generate: []string{"types"}},
	{Spec: "../e2e/routes/spec.yaml", Out: "../e2e/routes", Package: "routes"},
}

// TestGeneratedFresh fails when a committed generated package differs from
// what the generator makes of its spec now.
func TestGeneratedFresh(t *testing.T) {
	for _, cfg := range committed {
		src, err := os.ReadFile(cfg.Spec)
		if err != nil {
			t.Fatal(err)
		}
		res, err := generator.Generate(cfg, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range res.Warnings {
			t.Errorf("warning on %s: %v", cfg.Spec, w)
		}
		stale, err := write.Stale(cfg.Out, res.Files, write.Remove)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range stale {
			old, err := os.ReadFile(filepath.Join(cfg.Out, name))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
			t.Errorf("%s is stale; run make generate:\n%s", filepath.Join(cfg.Out, name), golden.Diff(name, old, res.Files[name]))
		}
	}
}

// TestDeterministic generates every case twice and the Foundry package
// twice and wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range loadCases(t) {
		a, b := c.outputs(), c.outputs()
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s: %s differs between two runs", c.name, name)
			}
		}
	}
}
