package compat_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/compat"
	"github.com/oasgen/oasgen/internal/golden"
)

// A case is a txtar archive in testdata with the files old.yaml and
// new.yaml and the expected comparison, "changes": one line per change as
// gen -diff prints them, then the exit status gen -diff gives.
func TestCompare(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{}
			for _, f := range a.Files {
				files[f.Name] = f.Data
			}
			got := []byte(compare(t, files["old.yaml"], files["new.yaml"]))
			if golden.Updating() {
				var kept []txtar.File
				for _, f := range a.Files {
					if f.Name != "changes" {
						kept = append(kept, f)
					}
				}
				a.Files = append(kept, txtar.File{Name: "changes", Data: got})
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if d := golden.Diff("changes", files["changes"], got); d != "" {
				t.Errorf("changes differ (rerun with GOLDEN_UPDATE=1 if intended):\n%s", d)
			}
		})
	}
}

// compare lowers both specs and prints the changes as gen -diff does.
func compare(t *testing.T, old, new []byte) string {
	t.Helper()
	cfg := func(name string) generator.Config {
		return generator.Config{Spec: name, Out: "out", Package: "api"}
	}
	oldAPI, _, err := generator.Lower(cfg("old.yaml"), old)
	if err != nil {
		t.Fatalf("old.yaml: %v", err)
	}
	newAPI, _, err := generator.Lower(cfg("new.yaml"), new)
	if err != nil {
		t.Fatalf("new.yaml: %v", err)
	}
	changes := compat.Compare(oldAPI, newAPI)
	var b strings.Builder
	for _, c := range changes {
		b.WriteString(c.String() + "\n")
	}
	if compat.Breaking(changes) {
		b.WriteString("exit 1\n")
	} else {
		b.WriteString("exit 0\n")
	}
	// The comparison of a spec with itself finds nothing.
	if same := compat.Compare(newAPI, newAPI); len(same) != 0 {
		t.Errorf("new.yaml against itself: %v", same)
	}
	return b.String()
}
