// Gen generates a Go package from an OpenAPI 3.0 or 3.1 description (or
// a Swagger 2.0 one, converted on reading): models for its schemas, a
// typed client and server stubs.
//
// Usage:
//
//	gen -spec FILE -out DIR -package NAME [-generate types,client,server] [-check] [-strict]
//	gen -config gen.yaml [-check]
//	gen -spec NEW -diff OLD
//	gen -version
//
// The YAML configuration file takes the keys spec, out, package,
// generate, json, strict, split and import; paths in it are relative to
// the file. Flags given beside -config override it.
//
// With -check, gen writes nothing: it lists the files that would change and
// exits 1 if there are any. Exit status: 0 on success, 1 on an error in the
// spec or in generation, 2 on bad usage.
//
// With -diff OLD, gen writes nothing: it compares what it would generate
// from the spec with what it would generate from OLD (a file, or
// git:REF:PATH for PATH as commit REF has it) and prints one line per
// change, "breaking: " or "compatible: ", the Go identifier, what changes
// and the spec pointer. It breaks code built on the old package (a removed
// or renamed identifier, a changed type) or clients and servers deployed
// with it (a new required request property or parameter, a removed
// success status, a narrowed request enum, a removed media type, changed
// security). Exit status: 1 when a change breaks, 0 when none does, 2 when
// either spec cannot be compared or on bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/render"
	"github.com/oasgen/oasgen/generator/write"
)

func usage(w io.Writer, flags *flag.FlagSet) func() {
	return func() {
		fmt.Fprintf(w, "Usage of gen:\n")
		fmt.Fprintf(w, "\tgen -spec FILE -out DIR -package NAME [-generate types,client,server] [-check] [-strict]\n")
		fmt.Fprintf(w, "\tgen -config gen.yaml [-check]\n")
		fmt.Fprintf(w, "\tgen -spec NEW -diff OLD   (or -config gen.yaml -diff OLD)\n")
		fmt.Fprintf(w, "\tgen -version\n")
		fmt.Fprintf(w, "Flags:\n")
		flags.SetOutput(w)
		flags.PrintDefaults()
	}
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	if os.Getenv("GOGC") == "" {
		// Most of what gen allocates is garbage soon (each file's code,
		// dropped once rendered): collecting when the heap has grown by
		// twice what is live, not once, runs the collector half as often
		// (GitHub's spec: 2.75 to 2.45 s of CPU, 160 to 195 MB).
		debug.SetGCPercent(200)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errVersion asks for the version.
var errVersion = errors.New("version")

// version is the module version gen was built from ("v1.2.0"), or
// "devel" for a build from a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "devel"
	}
	return info.Main.Version
}

// usageError is bad usage: exit status 2.
type usageError struct{ error }

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	logger := log.New(stderr, "gen: ", 0)
	cfg, check, diff, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, errVersion) {
		fmt.Fprintln(stdout, "gen", version())
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		logger.Print(err)
		fmt.Fprintln(stderr, "run 'gen -h' for usage")
		return 2
	}
	if diff != "" {
		return runDiff(cfg, diff, stdout, logger)
	}
	src, err := os.ReadFile(cfg.Spec)
	if err != nil {
		logger.Print(err)
		return 1
	}
	res, err := generator.Generate(cfg, src)
	if res != nil {
		for _, w := range res.Warnings {
			logger.Printf("warning: %v", w)
		}
	}
	if err != nil {
		var fe *render.FormatError
		if errors.As(err, &fe) {
			logger.Printf("%v\n--- unformatted %s ---\n%s", err, fe.File, fe.Source)
			return 1
		}
		logger.Print(err)
		return 1
	}
	// Under go generate (which sets GOFILE), a file no longer generated is
	// emptied rather than removed: go generate opens the package's files
	// after running the directive, and a removed one fails the run.
	orphans := write.Remove
	if os.Getenv("GOFILE") != "" {
		orphans = write.Empty
	}
	if check {
		stale, err := write.Stale(cfg.Out, res.Files, orphans)
		if err != nil {
			logger.Print(err)
			return 1
		}
		for _, name := range stale {
			logger.Printf("stale: %s", filepath.Join(cfg.Out, name))
		}
		if len(stale) > 0 {
			logger.Printf("%d file(s) out of date; run gen without -check", len(stale))
			return 1
		}
		return 0
	}
	if err := write.Files(cfg.Out, res.Files, orphans); err != nil {
		logger.Print(err)
		return 1
	}
	return 0
}

// parseArgs reads the flags and the optional configuration file.
func parseArgs(args []string, stderr io.Writer) (cfg generator.Config, check bool, diff string, err error) {
	flags := flag.NewFlagSet("gen", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.Usage = usage(stderr, flags)
	spec := flags.String("spec", "", "OpenAPI description (YAML or JSON)")
	out := flags.String("out", "", "output directory")
	pkg := flags.String("package", "", "name of the generated package")
	gen := flags.String("generate", "", "comma-separated parts: types, client, server (default all)")
	jsonMode := flags.String("json", "", "how the types read and write JSON: codec (generated code, the default) or stdlib (encoding/json)")
	config := flags.String("config", "", "YAML file with the keys spec, out, package, generate, json, strict, split, import")
	checkFlag := flags.Bool("check", false, "write nothing; exit 1 listing the files that would change")
	diffFlag := flags.String("diff", "", "write nothing; compare with the package generated from this older spec (a file, or git:REF:PATH) and exit 1 if a change breaks")
	strict := flags.Bool("strict", false, "refuse a spec with mistakes gen would otherwise read leniently (a $ref to nothing, a schema that contains itself in place...), which are warnings without it")
	showVersion := flags.Bool("version", false, "print the version of gen and exit")
	split := flags.String("split", "", "put the types in a package of their own (internal/schemas under -out), so that a large API compiles as two packages: auto (the default: from a size), on or off")
	importPath := flags.String("import", "", "import path of -out, for -split (default: from the go.mod above -out)")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			// flag has printed the usage.
			return cfg, false, "", err
		}
		return cfg, false, "", usageError{err}
	}
	if *showVersion {
		return cfg, false, "", errVersion
	}
	if flags.NArg() > 0 {
		return cfg, false, "", usageError{fmt.Errorf("unexpected arguments: %s", strings.Join(flags.Args(), " "))}
	}
	if *config != "" {
		if cfg, err = readConfig(*config); err != nil {
			return cfg, false, "", usageError{err}
		}
	}
	flags.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "spec":
			cfg.Spec = *spec
		case "out":
			cfg.Out = *out
		case "package":
			cfg.Package = *pkg
		case "generate":
			cfg.Generate = strings.Split(*gen, ",")
		case "json":
			cfg.JSON = *jsonMode
		case "strict":
			cfg.Strict = *strict
		case "split":
			cfg.Split = *split
		case "import":
			cfg.ImportPath = *importPath
		}
	})
	if cfg.ImportPath == "" && cfg.Split != "off" && cfg.Out != "" {
		// Without a go.mod, the package is not split (Split "on" says so).
		cfg.ImportPath, _ = generator.ImportPathOf(cfg.Out)
	}
	if *diffFlag != "" {
		if *checkFlag {
			return cfg, false, "", usageError{errors.New("-diff and -check do not go together")}
		}
		// Comparing writes nothing: no output directory or package name
		// is needed.
		if cfg.Out == "" {
			cfg.Out = "."
		}
		if cfg.Package == "" {
			cfg.Package = "api"
		}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, false, "", usageError{err}
	}
	if fi, err := os.Stat(cfg.Out); err == nil && !fi.IsDir() {
		return cfg, false, "", usageError{fmt.Errorf("output directory %s is a file", cfg.Out)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return cfg, false, "", usageError{fmt.Errorf("output directory: %w", err)}
	}
	return cfg, *checkFlag, *diffFlag, nil
}

// readConfig reads a YAML configuration; its relative paths are taken
// relative to the file's directory.
func readConfig(path string) (generator.Config, error) {
	var cfg generator.Config
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&cfg.Spec, &cfg.Out} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return cfg, nil
}
