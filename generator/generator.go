// Package generator runs the whole pipeline on an OpenAPI description:
// load, lower to the intermediate representation, emit Go with jennifer,
// render in memory. Writing the result is left to the caller (see the
// write package), so the CLI, -check and the tests share one path.
package generator

import (
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode"

	"github.com/oasgen/oasgen/generator/comment"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/emit"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/lower"
	"github.com/oasgen/oasgen/generator/render"
	"github.com/oasgen/oasgen/templates"
)

// Config is what to generate. The CLI fills it from flags or from a YAML
// file with the same keys.
type Config struct {
	// Spec is the path of the OpenAPI description.
	Spec string `yaml:"spec"`
	// Out is the output directory.
	Out string `yaml:"out"`
	// Package is the name of the generated package.
	Package string `yaml:"package"`
	// Generate lists the parts to generate: types, client, server.
	Generate []string `yaml:"generate"`
	// JSON says how the types read and write JSON: "codec" (the default)
	// with generated code, "stdlib" with encoding/json.
	JSON string `yaml:"json"`
	// Strict refuses a spec with mistakes the generator otherwise reads in
	// a stated way with a warning (see diag.Diagnostic.Lenient).
	Strict bool `yaml:"strict"`
	// Keep names unexported helpers of the static runtime to keep though
	// the package does not use them (the prune stage drops those): for a
	// package's own tests, such as the repository's twin packages, whose
	// differential tests call decodeStrict. Not read from a config file.
	Keep []string `yaml:"-"`
	// Split says whether the named types go to a package of their own
	// (emit.ModelsDir under Out) so that a large API compiles as two
	// packages: "auto" or "" when the API is large (SplitSize), "on"
	// always, "off" never.
	Split string `yaml:"split"`
	// ImportPath is the import path of Out, which a split package needs
	// to import its types' package; ImportPathOf finds it from the go.mod
	// above Out.
	ImportPath string `yaml:"import"`
}

// Targets checks the Generate list and converts it.
func (c Config) Targets() (emit.Targets, error) {
	var t emit.Targets
	switch c.JSON {
	case "", "codec":
	case "stdlib":
		t.StdlibJSON = true
	default:
		return t, fmt.Errorf("json: unknown value %q (want codec or stdlib)", c.JSON)
	}
	if len(c.Generate) == 0 {
		t.Types, t.Client, t.Server = true, true, true
		return t, nil
	}
	for _, g := range c.Generate {
		switch strings.TrimSpace(g) {
		case "types":
			t.Types = true
		case "client":
			t.Client = true
		case "server":
			t.Server = true
		default:
			return t, fmt.Errorf("generate: unknown part %q (want types, client or server)", g)
		}
	}
	return t, nil
}

// Validate reports a configuration the generator cannot run with.
func (c Config) Validate() error {
	switch {
	case c.Spec == "":
		return fmt.Errorf("no spec given")
	case c.Out == "":
		return fmt.Errorf("no output directory given")
	}
	if err := packageProblem(c.Package); err != nil {
		return err
	}
	switch c.Split {
	case "", "auto", "on", "off":
	default:
		return fmt.Errorf("split: unknown value %q (want auto, on or off)", c.Split)
	}
	_, err := c.Targets()
	return err
}

// Result is a generated package, not yet written.
type Result struct {
	Files    render.Files
	Warnings []*diag.Diagnostic
	// API is the intermediate representation the files were emitted
	// from: what the package declares.
	API *ir.API
}

// InternalError is a panic in the pipeline: a generator bug, reported
// rather than crashing the caller. Nothing has been written.
type InternalError struct {
	Value any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error (a generator bug; nothing was written): %v\n%s", e.Value, e.Stack)
}

// Generate runs the pipeline on src, the content of cfg.Spec. A problem
// in the spec is returned as a *diag.Diagnostic or a *lower.Errors.
func Generate(cfg Config, src []byte) (res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &InternalError{Value: v, Stack: debug.Stack()}
		}
	}()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	targets, _ := cfg.Targets()
	api, warnings, err := lowered(cfg, src)
	if err != nil {
		if warnings == nil {
			return nil, err
		}
		return &Result{Warnings: warnings}, err
	}
	header := Header(cfg)
	models, warn, err := splitPath(cfg, api, targets)
	if err != nil {
		return &Result{Warnings: warnings}, err
	}
	if warn != nil {
		warnings = append(warnings, warn)
	}
	targets.Models = models
	files := render.Files{}
	if err := emit.Emit(api, cfg.Package, header, targets, func(f emit.File) error { return render.Emitted(files, f) }); err != nil {
		return nil, err
	}
	static, err := supportFiles(files, api, cfg, header, targets)
	if err != nil {
		return nil, err
	}
	if err := pruned(files, static, cfg.Keep, models != ""); err != nil {
		return nil, err
	}
	if models != "" {
		if err := aliases(files, models, cfg.Package, header); err != nil {
			return nil, err
		}
	}
	return &Result{Files: files, Warnings: warnings, API: api}, nil
}

// Lower runs the pipeline on src, the content of cfg.Spec, as far as the
// intermediate representation: what the package generated from it would
// declare. Errors and warnings are Generate's.
func Lower(cfg Config, src []byte) (api *ir.API, warnings []*diag.Diagnostic, err error) {
	defer func() {
		if v := recover(); v != nil {
			api, err = nil, &InternalError{Value: v, Stack: debug.Stack()}
		}
	}()
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	return lowered(cfg, src)
}

// lowered loads and lowers src; warnings is nil when the spec does not load.
func lowered(cfg Config, src []byte) (*ir.API, []*diag.Diagnostic, error) {
	spec, warnings, err := load.Load(cfg.Spec, src)
	if err != nil {
		return nil, nil, err
	}
	api, lw, err := lower.Lower(spec)
	warnings = append(warnings, lw...)
	if err != nil {
		return nil, warnings, err
	}
	if cfg.Strict {
		if err := strictErrors(warnings); err != nil {
			return nil, warnings, err
		}
	}
	return api, warnings, nil
}

// strictErrors turns the lenient warnings into errors, for Config.Strict.
func strictErrors(warnings []*diag.Diagnostic) error {
	var errs []*diag.Diagnostic
	for _, w := range warnings {
		if w.Lenient {
			errs = append(errs, &diag.Diagnostic{File: w.File, Line: w.Line, Pointer: w.Pointer, Msg: "strict: " + w.Msg})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &lower.Errors{List: errs}
}

// Header is the first line of every generated file.
func Header(cfg Config) string {
	return fmt.Sprintf("Code generated by gen from %s. DO NOT EDIT.", specRef(cfg))
}

// specRef names the spec relative to the output directory, so that output
// is the same on every machine and from every working directory.
func specRef(cfg Config) string {
	spec := cfg.Spec
	if absSpec, err := filepath.Abs(cfg.Spec); err == nil {
		if absOut, err := filepath.Abs(cfg.Out); err == nil {
			if rel, err := filepath.Rel(absOut, absSpec); err == nil {
				spec = rel
			}
		}
	}
	return filepath.ToSlash(spec)
}

// supportFiles renders doc.go and the static support files the API needs,
// and returns the names of the static ones.
func supportFiles(files render.Files, api *ir.API, cfg Config, header string, t emit.Targets) ([]string, error) {
	var example []comment.Line
	if t.Client {
		for _, line := range clientExample(api, cfg.Package) {
			example = append(example, comment.Inline(line))
		}
	}
	doc, err := templates.Render("doc.go.tmpl", templates.Doc{
		Header: comment.Inline(header), Package: cfg.Package,
		Title: comment.Inline(api.Title), Version: comment.Inline(api.Version),
		Description: comment.Lines(api.Description), Spec: comment.Inline(specRef(cfg)),
		Client: t.Client, Server: t.Server,
		Example: example,
	})
	if err != nil {
		return nil, err
	}
	if err := render.Source(files, "doc.go", doc); err != nil {
		return nil, err
	}
	var static []string
	add := func(s, name string, data templates.Support) error {
		src, err := templates.Render(templates.SupportFile(s), data)
		if err != nil {
			return err
		}
		static = append(static, name)
		return render.Source(files, name, src)
	}
	split := t.Models != ""
	for _, s := range runtimeFiles(api, t) {
		data := templates.Support{Header: comment.Inline(header), Package: cfg.Package, Exported: split}
		// Split, the types' static files go to their package; the codec's
		// marshalJSON serves both.
		if !split || !modelsRuntime[s] || s == "codec" {
			if err := add(s, s+".go", data); err != nil {
				return nil, err
			}
		}
		if split && modelsRuntime[s] {
			data.Package = emit.ModelsPackage
			if err := add(s, emit.ModelsDir+"/"+s+".go", data); err != nil {
				return nil, err
			}
		}
	}
	return static, nil
}

// packageProblem says what is wrong with a name for the generated
// package, with a name to use instead.
func packageProblem(name string) error {
	suggest := strings.ToLower(strings.Map(func(r rune) rune {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, name))
	if suggest == "" || !token.IsIdentifier(suggest) {
		suggest = "api"
	}
	switch {
	case name == "":
		return fmt.Errorf("no package name given (-package)")
	case name == "_":
		return fmt.Errorf("package name %q cannot be imported; try %q", name, "api")
	case token.IsKeyword(name):
		return fmt.Errorf("package name %q is a Go keyword; try %q", name, name+"api")
	case !token.IsIdentifier(name):
		return fmt.Errorf("package name %q is not a Go identifier; try %q", name, suggest)
	case name == "main":
		return fmt.Errorf("package name %q makes a command, not a package to import; try %q", name, "api")
	case types.Universe.Lookup(name) != nil:
		return fmt.Errorf("package name %q is predeclared in Go: importing the package would hide the built-in %s; try %q", name, name, name+"api")
	}
	return nil
}

// runtimeFiles lists the static support files the generated parts need:
// those the types need (api.Support), the runtimes of the client and the
// server, and what the bodies call for.
func runtimeFiles(api *ir.API, t emit.Targets) []string {
	events := eventStreams(api)
	support := slices.Clone(api.Support)
	add := func(when bool, names ...string) {
		if when {
			support = append(support, names...)
		}
	}
	add(t.Client || t.Server, "operation")
	add(t.Client, "client_runtime", "client_credentials", "client_call")
	codec := !t.StdlibJSON
	add(t.Server, "server_runtime", "server_routes")
	add(codec, "codec")
	add(codec && slices.Contains(api.Support, ir.SupportUnion), "union_codec")
	add(codec && slices.ContainsFunc(api.Types, func(t *ir.Type) bool { return t.Kind == ir.Struct && t.Unknown != "" }), "unknown")
	add(events && (t.Client || t.Server), "events")
	add(events && t.Client, "client_events")
	add(events && t.Server, "server_events")
	return support
}

// eventStreams reports whether a success response of the API streams
// server-sent events, which the events support files serve.
func eventStreams(api *ir.API) bool {
	for _, op := range api.Operations {
		for _, r := range op.Responses {
			if r.Body == nil {
				continue
			}
			for _, b := range r.Body.Bodies() {
				if b.Kind == ir.Events {
					return true
				}
			}
		}
	}
	return false
}
