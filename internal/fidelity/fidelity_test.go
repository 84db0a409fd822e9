package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/internal/gomod"
)

// TestSmallSpecs runs the harness on the specs of testdata (a small set
// of what `make fidelity` checks over a whole corpus): every schema's
// instances come back with their declared data, and most schemas are
// checked.
func TestSmallSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	mod := t.TempDir()
	if err := gomod.Write(mod, "fidelity.test"); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, "../e2e/models/spec.yaml")
	var specs []*spec
	for i, f := range files {
		specs = append(specs, prepare(f, "p"+strconv.Itoa(i), mod, 1, 8))
	}
	run(mod, specs)
	var out strings.Builder
	status := report(&out, specs, true)
	m := regexp.MustCompile(`lossless=(\d+) lossy=(\d+) skipped=(\d+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no summary:\n%s", out.String())
	}
	lossless, _ := strconv.Atoi(m[1])
	skipped, _ := strconv.Atoi(m[3])
	// Ambiguous has no valid instance (two alternatives fit every value),
	// and Node's required recursion has no finite one.
	// Losing only undeclared properties (an alternative that does not
	// declare what another one does) is forward compatibility's, which
	// the exit status leaves out.
	if status != 0 || skipped > 2 || lossless < 30 {
		t.Errorf("want the schemas checked and lossless:\n%s", out.String())
	}
}
