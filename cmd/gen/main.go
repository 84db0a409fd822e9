// Gen generates a Go package from an OpenAPI 3.0 or 3.1 description:
// models for its schemas, a typed client and server stubs.
//
// Usage:
//
//	gen -spec FILE -out DIR -package NAME [-generate types,client,server] [-check]
//	gen -config gen.yaml [-check]
//
// The YAML configuration file takes the keys spec, out, package and
// generate; paths in it are relative to the file. Flags given beside
// -config override it.
//
// With -check, gen writes nothing: it lists the files that would change and
// exits 1 if there are any. Exit status: 0 on success, 1 on an error in the
// spec or in generation, 2 on bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/render"
	"github.com/oasgen/oasgen/generator/write"
)

func usage(w io.Writer, fs *flag.FlagSet) func() {
	return func() {
		fmt.Fprintf(w, "Usage of gen:\n")
		fmt.Fprintf(w, "\tgen -spec FILE -out DIR -package NAME [-generate types,client,server] [-check]\n")
		fmt.Fprintf(w, "\tgen -config gen.yaml [-check]\n")
		fmt.Fprintf(w, "Flags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	os.Exit(run(os.Args[1:], os.Stderr))
}

// usageError is bad usage: exit status 2.
type usageError struct{ error }

// run is the whole command; it returns the exit status.
func run(args []string, stderr io.Writer) int {
	logger := log.New(stderr, "gen: ", 0)
	cfg, check, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		logger.Print(err)
		fmt.Fprintln(stderr, "run 'gen -h' for usage")
		return 2
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
	if check {
		stale, err := write.Stale(cfg.Out, res.Files)
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
	if err := write.Files(cfg.Out, res.Files); err != nil {
		logger.Print(err)
		return 1
	}
	return 0
}

// parseArgs reads the flags and the optional configuration file.
func parseArgs(args []string, stderr io.Writer) (generator.Config, bool, error) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = usage(stderr, fs)
	spec := fs.String("spec", "", "OpenAPI description (YAML or JSON)")
	out := fs.String("out", "", "output directory")
	pkg := fs.String("package", "", "name of the generated package")
	gen := fs.String("generate", "", "comma-separated parts: types, client, server (default all)")
	config := fs.String("config", "", "YAML file with the keys spec, out, package, generate")
	check := fs.Bool("check", false, "write nothing; exit 1 listing the files that would change")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return generator.Config{}, false, err
		}
		return generator.Config{}, false, usageError{err}
	}
	if fs.NArg() > 0 {
		return generator.Config{}, false, usageError{fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))}
	}
	var cfg generator.Config
	if *config != "" {
		var err error
		if cfg, err = readConfig(*config); err != nil {
			return cfg, false, usageError{err}
		}
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "spec":
			cfg.Spec = *spec
		case "out":
			cfg.Out = *out
		case "package":
			cfg.Package = *pkg
		case "generate":
			cfg.Generate = strings.Split(*gen, ",")
		}
	})
	if err := cfg.Validate(); err != nil {
		return cfg, false, usageError{err}
	}
	return cfg, *check, nil
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
