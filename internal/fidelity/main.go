// Fidelity checks that generated types hold the data their schemas allow.
// For each OpenAPI description in a folder it generates the types, makes
// seeded pseudo-random valid instances of every component schema and
// every inline request or response body schema (checked against the
// schema by kin-openapi), decodes each into the generated Go type,
// encodes it again and compares the two semantically: same keys and
// values, null kept, numbers compared exactly.
//
// It prints one row per lossy type, its class of loss and where, and ends
// with
//
//	fidelity-classes: refused=A ambiguous=B dropped=C changed=D unknown=E
//	fidelity: specs=S schemas=M lossless=N lossy=K skipped=X
//
// refused: a valid instance does not decode; ambiguous: it is refused as
// fitting several alternatives; dropped: a declared property or an item
// is lost; changed: a value is altered (a number, a null, a key added);
// unknown: only properties the schema does not declare are lost. Valid
// means what the oracle says (instances.Valid: JSON Schema 2020-12 for
// OpenAPI 3.1). With -v, the skipped schemas and why, and a count by
// reason.
//
// It is `make fidelity`; the specs are read in place.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/gomod"
	"github.com/oasgen/oasgen/internal/instances"
	"github.com/oasgen/oasgen/internal/roundtrip"
)

// spec is one description's package and targets.
type spec struct {
	file    string
	pkg     string
	targets []*roundtrip.Target
	failed  string // why nothing of it was checked
}

func main() {
	dirs := flag.String("dir", "../shared/corpus/specs", "folders of OpenAPI descriptions, separated by commas")
	keep := flag.String("keep", "", "write the generated module here instead of a temporary folder")
	seed := flag.Uint64("seed", 1, "seed of the instances")
	n := flag.Int("n", 4, "instances per schema")
	only := flag.String("run", "", "only the specs whose file name matches this regular expression")
	verbose := flag.Bool("v", false, "also list the skipped schemas and why")
	flag.Parse()
	var files []string
	for _, dir := range strings.Split(*dirs, ",") {
		entries, err := os.ReadDir(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "fidelity: no specs: %v\nfidelity: looked in %s; give other folders with -dir (make fidelity CORPUS=path CORPUS3=path SWAGGER2=path)\n", err, dir)
			os.Exit(2)
		}
		for _, e := range entries {
			if !e.IsDir() && regexp.MustCompile(`\.(ya?ml|json)$`).MatchString(e.Name()) {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	mod := *keep
	var err error
	if mod == "" {
		if mod, err = os.MkdirTemp("", "fidelity-*"); err != nil {
			fail(err)
		}
		defer os.RemoveAll(mod)
	}
	if err := gomod.Write(mod, "fidelity.test"); err != nil {
		fail(err)
	}
	match := regexp.MustCompile(*only)
	var specs []*spec
	used := map[string]bool{}
	for _, file := range files {
		if !match.MatchString(filepath.Base(file)) {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		pkg := "p_" + strings.Trim(nonIdent.ReplaceAllString(name, "_"), "_")
		for used[pkg] {
			pkg += "_"
		}
		used[pkg] = true
		specs = append(specs, prepare(file, pkg, mod, *seed, *n))
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
func prepare(file, pkg, mod string, seed uint64, n int) *spec {
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	s := &spec{file: filepath.Base(file), pkg: pkg}
	src, err := os.ReadFile(file)
	if err != nil {
		s.failed = err.Error()
		return s
	}
	// One package: the types are the same split or not, and the round
	// trip test is written into the package.
	cfg := generator.Config{Spec: file, Out: filepath.Join(mod, s.pkg), Package: "api", Generate: []string{"types", "client"}, Split: "off"}
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
	s.targets = roundtrip.Targets(loaded.Doc, res.API)
	r := rand.New(rand.NewPCG(seed, uint64(len(name))))
	for _, t := range s.targets {
		t.Inputs, t.Skipped = instances.Of(r, t.Schema, n, strings.HasPrefix(loaded.Doc.OpenAPI, "3.1"))
	}
	if err := write.Files(cfg.Out, res.Files, write.Remove); err != nil {
		s.failed = err.Error()
		return s
	}
	if err := roundtrip.WriteTest(filepath.Join(mod, s.pkg), "fidelity.test/"+s.pkg, s.targets); err != nil {
		s.failed = err.Error()
	}
	return s
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
		if err := roundtrip.ReadOutputs(filepath.Join(mod, s.pkg), s.targets); err != nil {
			s.failed = err.Error()
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

// report prints the lossy types, a line of their classes and the summary
// line; it returns the exit status: 1 when a valid instance is refused,
// ambiguous, or loses or changes data, undeclared properties included.
func report(w io.Writer, specs []*spec, verbose bool) int {
	slices.SortFunc(specs, func(a, b *spec) int { return strings.Compare(a.file, b.file) })
	var schemas, lossless, lossy, skipped int
	byClass := map[string]int{}
	skips := map[string]int{}
	for _, s := range specs {
		if s.failed != "" {
			fmt.Fprintf(w, "%s: not checked: %s\n", s.file, s.failed)
			skipped += len(s.targets)
			schemas += len(s.targets)
			continue
		}
		for _, t := range s.targets {
			schemas++
			if len(t.Inputs) == 0 || t.GoType == "" {
				skipped++
				reason := t.Skipped
				if t.GoType == "" {
					reason = "no Go type the test can name"
				}
				skips[skipReason(reason)]++
				if verbose {
					fmt.Fprintf(w, "%s %s %s: skipped: %s\n", s.file, t.Pointer, t.GoType, cut(reason, 200))
				}
				continue
			}
			bad, l := t.FirstLoss()
			if bad == nil {
				lossless++
				continue
			}
			lossy++
			byClass[l.Class]++
			fmt.Fprintf(w, "%s %s %s\n  in:   %s\n  %s: %s\n", s.file, t.Pointer, t.GoType, cut(string(bad.In), 200), l.Class, cut(l.What, 300))
		}
	}
	if verbose && len(skips) > 0 {
		for _, reason := range sortedCounts(skips) {
			fmt.Fprintf(w, "skipped %d: %s\n", skips[reason], reason)
		}
	}
	var parts []string
	for _, c := range roundtrip.Classes {
		parts = append(parts, fmt.Sprintf("%s=%d", c, byClass[c]))
	}
	fmt.Fprintf(w, "fidelity-classes: %s\n", strings.Join(parts, " "))
	fmt.Fprintf(w, "fidelity: specs=%d schemas=%d lossless=%d lossy=%d skipped=%d\n", len(specs), schemas, lossless, lossy, skipped)
	if lossy > 0 {
		return 1
	}
	return 0
}

// skipReason groups the reasons schemas were skipped: the first words
// of a validation error, without the value.
func skipReason(why string) string {
	why = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]`).ReplaceAllString(why, "…")
	if len(why) > 90 {
		why = why[:90]
	}
	return why
}

// sortedCounts lists the keys of counts, most first.
func sortedCounts(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return keys
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
