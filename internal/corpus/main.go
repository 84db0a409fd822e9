// Corpus generates, builds and vets a Go package for every OpenAPI
// description in a folder, checks that each generated server starts, and
// prints one line per spec and a summary:
//
//	corpus: generated N/M, built N/M, vetted N/M
//
// or, with -name swagger2, "corpus swagger2: ...".
//
// It is `make corpus`; the specs are read in place, never copied into the
// repository. Exit status 1 when any spec falls short.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/gomod"
)

type result struct {
	spec              string
	pkg               string
	generated, built  bool
	vetted, started   bool
	seconds           float64
	lines             int
	firstErr, warning string
}

func main() {
	dir := flag.String("dir", "../shared/corpus/specs", "folder of OpenAPI descriptions")
	keep := flag.String("keep", "", "write the generated module here instead of a temporary folder")
	name := flag.String("name", "", "name of the corpus in the summary line")
	diffSpecs := flag.String("difftest", "", "comma-separated specs of the folder whose servers internal/difftest holds against openapi3filter")
	diffN := flag.Int("difftest-n", 40, "requests an operation for -difftest")
	split := flag.String("split", "", "gen's -split for every spec: auto (the default), on or off")
	flag.Parse()
	label := "corpus"
	if *name != "" {
		label += " " + *name
	}
	entries, err := os.ReadDir(*dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "corpus: no specs: %v\ncorpus: looked in %s; give another folder with -dir (make corpus CORPUS=path)\n", err, *dir)
		os.Exit(2)
	}
	mod := *keep
	if mod == "" {
		if mod, err = os.MkdirTemp("", "corpus-*"); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
		defer os.RemoveAll(mod)
	}
	if err := gomod.Write(mod, "corpus.test"); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	var results []*result
	for _, e := range entries {
		if e.IsDir() || !regexp.MustCompile(`\.(ya?ml|json)$`).MatchString(e.Name()) {
			continue
		}
		results = append(results, generate(filepath.Join(*dir, e.Name()), mod, *split))
	}
	check(mod, results, "build")
	check(mod, results, "vet")
	smoke(mod, results)
	diffOK := true
	if *diffSpecs != "" {
		diffOK = differ(*dir, mod, results, strings.Split(*diffSpecs, ","), *diffN)
	}
	report(label, results)
	if !diffOK {
		fmt.Println("difftest: disagreements outside the deliberate differences, or server errors")
		os.Exit(1)
	}
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9]+`)

// generate runs the generator on one spec into its own package of mod.
func generate(spec, mod, split string) *result {
	name := strings.TrimSuffix(filepath.Base(spec), filepath.Ext(spec))
	r := &result{spec: filepath.Base(spec), pkg: "p_" + strings.Trim(nonIdent.ReplaceAllString(name, "_"), "_")}
	src, err := os.ReadFile(spec)
	if err != nil {
		r.firstErr = err.Error()
		return r
	}
	start := time.Now()
	cfg := generator.Config{Spec: spec, Out: filepath.Join(mod, r.pkg), Package: "api", Split: split, ImportPath: "corpus.test/" + r.pkg}
	res, err := generator.Generate(cfg, src)
	r.seconds = time.Since(start).Seconds()
	if res != nil && len(res.Warnings) > 0 {
		r.warning = fmt.Sprintf("%d warnings", len(res.Warnings))
	}
	if err != nil {
		r.firstErr = firstLine(err.Error())
		return r
	}
	if err := write.Files(cfg.Out, res.Files, write.Remove); err != nil {
		r.firstErr = err.Error()
		return r
	}
	r.generated = true
	for _, data := range res.Files {
		r.lines += bytes.Count(data, []byte("\n"))
	}
	return r
}

// smoke writes a test into each vetted package that builds the server
// handler (registering every route) and runs them all: a generated server
// must start, whatever paths the spec has.
func smoke(mod string, results []*result) {
	for _, r := range results {
		if !r.vetted {
			continue
		}
		server, err := os.ReadFile(filepath.Join(mod, r.pkg, "server.go"))
		if err != nil {
			continue
		}
		args := "nil"
		if bytes.Contains(server, []byte("sec SecurityHandler")) {
			args = "nil, nil"
		}
		test := fmt.Sprintf("package api\n\nimport \"testing\"\n\nfunc TestHandlerStarts(t *testing.T) { _ = NewHandler(%s) }\n", args)
		_ = os.WriteFile(filepath.Join(mod, r.pkg, "smoke_test.go"), []byte(test), 0o644)
	}
	check(mod, results, "test")
}

// check runs go build or go vet on every generated package at once and
// marks the packages it reports no problem in.
func check(mod string, results []*result, verb string) {
	cmd := exec.Command("go", verb, "./...")
	cmd.Dir = mod
	out, _ := cmd.CombinedOutput()
	failed := map[string]string{}
	pkg := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# corpus.test/"); ok {
			// A split package's types are below it.
			pkg, _, _ = strings.Cut(strings.Fields(rest)[0], "/")
			continue
		}
		if m := regexp.MustCompile(`^(?:vet: )?\.?/?(p_[A-Za-z0-9_]+)/`).FindStringSubmatch(line); m != nil {
			pkg = m[1]
		}
		if pkg != "" && failed[pkg] == "" && !strings.HasPrefix(line, "#") {
			failed[pkg] = verb + ": " + line
		}
	}
	if verb == "test" {
		// A test passes only with its "ok" line; a panic names no file.
		for _, r := range results {
			if r.vetted && !bytes.Contains(out, []byte("ok  \tcorpus.test/"+r.pkg+"\t")) {
				failed[r.pkg] = "start: " + firstFailure(out, r.pkg)
			}
		}
	}
	for _, r := range results {
		ok := r.generated && failed[r.pkg] == "" && (verb == "build" || r.built) && (verb != "test" || r.vetted)
		switch verb {
		case "build":
			r.built = ok
		case "vet":
			r.vetted = ok
		default:
			r.started = ok
		}
		if r.generated && r.firstErr == "" && failed[r.pkg] != "" {
			r.firstErr = failed[r.pkg]
		}
	}
}

func report(label string, results []*result) {
	slices.SortFunc(results, func(a, b *result) int { return strings.Compare(a.spec, b.spec) })
	var gen, built, vetted, started int
	var slowest *result
	for _, r := range results {
		mark := func(ok bool) string { return map[bool]string{true: "ok", false: "--"}[ok] }
		fmt.Printf("%-58s gen %s  build %s  vet %s  start %s  %6.2fs  %7d lines  %s\n", r.spec, mark(r.generated), mark(r.built), mark(r.vetted), mark(r.started), r.seconds, r.lines, cut(r.firstErr, 160))
		if r.generated {
			gen++
		}
		if r.built {
			built++
		}
		if r.vetted {
			vetted++
		}
		if r.started {
			started++
		}
		if slowest == nil || r.seconds > slowest.seconds {
			slowest = r
		}
	}
	n := len(results)
	if slowest != nil {
		fmt.Printf("slowest: %s in %.2fs\n", slowest.spec, slowest.seconds)
	}
	fmt.Printf("servers: %d/%d start\n", started, n)
	fmt.Printf("%s: generated %d/%d, built %d/%d, vetted %d/%d\n", label, gen, n, built, n, vetted, n)
	if vetted < n || started < n {
		os.Exit(1)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// firstFailure finds the panic or failure line a go test run printed
// before the FAIL line of pkg.
func firstFailure(out []byte, pkg string) string {
	lines := strings.Split(string(out), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "FAIL\tcorpus.test/"+pkg+"\t") {
			for j := max(0, i-40); j < i; j++ {
				if strings.HasPrefix(lines[j], "panic:") {
					return lines[j]
				}
			}
			return l
		}
	}
	return "no test result"
}
