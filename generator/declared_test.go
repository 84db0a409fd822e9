package generator_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/comment"
	"github.com/oasgen/oasgen/generator/emit"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
	"github.com/oasgen/oasgen/generator/render"
	"github.com/oasgen/oasgen/templates"
)

// stdImporter reads the standard library's export data, once per process,
// and type-checks the runtime the generated code imports from its source.
var stdImporter types.Importer = &runtimeImporter{std: importer.Default()}

// runtimeImporter imports the standard library from export data and the
// runtime (emit.Runtime) from this checkout's source, once.
type runtimeImporter struct {
	std  types.Importer
	once sync.Once
	rt   *types.Package
	err  error
}

func (r *runtimeImporter) Import(path string) (*types.Package, error) {
	if path != emit.Runtime {
		return r.std.Import(path)
	}
	r.once.Do(func() {
		fset := token.NewFileSet()
		names, err := filepath.Glob("../oasrt/*.go")
		if err != nil || len(names) == 0 {
			r.err = fmt.Errorf("the runtime's source: %v", err)
			return
		}
		var files []*ast.File
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				r.err = err
				return
			}
			files = append(files, f)
		}
		r.rt, r.err = (&types.Config{Importer: r.std}).Check(path, fset, files, nil)
	})
	return r.rt, r.err
}

// header is the first line every generated file must carry (go help
// generate).
var header = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// checkPackage fails the test when packageProblems finds any.
func checkPackage(t *testing.T, res *generator.Result, cfg generator.Config) {
	t.Helper()
	if problems := packageProblems(res, cfg); len(problems) > 0 {
		t.Fatalf("%s", strings.Join(problems, "\n"))
	}
}

// packageProblems parses and type-checks every file of a generated
// package, checks its comments and static files, and compares what it
// declares with what the IR says it should.
func packageProblems(res *generator.Result, cfg generator.Config) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	fset := token.NewFileSet()
	got := map[string]bool{}
	fields := map[string][]string{}
	var parsed []*ast.File
	for _, name := range res.Files.Names() {
		src := res.Files[name]
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return append(problems, fmt.Sprintf("%s does not parse: %v\n%s", name, err, src))
		}
		parsed = append(parsed, f)
		if len(f.Comments) == 0 || !header.MatchString(f.Comments[0].List[0].Text) {
			fail("%s does not start with the generated-code header", name)
		}
		static, isStatic := staticFile(name, cfg)
		for _, g := range f.Comments {
			for _, c := range g.List {
				// The static runtime marks helpers //go:noinline (issue
				// 24); that file must then be its template, pruned.
				if isStatic && c.Text == "//go:noinline" {
					continue
				}
				if err := comment.Check(c.Text); err != nil {
					fail("%s:%d: the comment %q is %v", name, fset.Position(c.Pos()).Line, c.Text, err)
				}
			}
		}
		if isStatic {
			if err := prunedFrom(static, src); err != nil {
				fail("%s is not its template with whole declarations left out: %v", name, err)
			}
			continue
		}
		if name == "doc.go" && len(f.Decls) > 0 {
			fail("doc.go declares something")
		}
		collect(f, got, fields)
	}
	if _, err := (&types.Config{Importer: stdImporter}).Check(cfg.Package, fset, parsed, nil); err != nil {
		fail("the package does not type-check: %v", err)
	}
	want, wantFields, optional := expected(res.API)
	for _, n := range slices.Sorted(maps.Keys(got)) {
		if !want[n] && !optional[n] && !numberedHelper.MatchString(n) && !codecHelper.MatchString(n) && !messageHelper.MatchString(n) {
			fail("the package declares %s, which the IR does not", n)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(want)) {
		if !got[n] {
			fail("the package lacks %s, which the IR declares", n)
		}
	}
	for _, typ := range slices.Sorted(maps.Keys(wantFields)) {
		if fs := wantFields[typ]; !slices.Equal(fields[typ], fs) {
			fail("struct %s has the fields %q, want %q", typ, fields[typ], fs)
		}
	}
	return problems
}

// prunedFrom says why got is not tmpl with some of its declarations and
// imports left out (the prune stage drops what the package does not use):
// the same header and package clause, imports that tmpl has, and
// declarations that are tmpl's, doc comments included, in its order.
func prunedFrom(tmpl, got []byte) error {
	type parsed struct {
		head    string
		imports map[string]bool
		decls   []string
	}
	parse := func(src []byte) (*parsed, error) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		off := func(p token.Pos) int { return fset.Position(p).Offset }
		p := &parsed{head: string(src[:off(f.Name.End())]), imports: map[string]bool{}}
		for _, d := range f.Decls {
			from := off(d.Pos())
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Doc != nil {
					from = off(d.Doc.Pos())
				}
				if d.Tok == token.IMPORT {
					for _, s := range d.Specs {
						p.imports[s.(*ast.ImportSpec).Path.Value] = true
					}
					continue
				}
			case *ast.FuncDecl:
				if d.Doc != nil {
					from = off(d.Doc.Pos())
				}
			}
			p.decls = append(p.decls, string(src[from:off(d.End())]))
		}
		return p, nil
	}
	t, err := parse(tmpl)
	if err != nil {
		return fmt.Errorf("the template does not parse: %v", err)
	}
	g, err := parse(got)
	if err != nil {
		return err
	}
	if g.head != t.head {
		return fmt.Errorf("its header or package clause differs")
	}
	for im := range g.imports {
		if !t.imports[im] {
			return fmt.Errorf("it imports %s", im)
		}
	}
	rest := t.decls
	for _, d := range g.decls {
		i := slices.Index(rest, d)
		if i < 0 {
			return fmt.Errorf("it declares %q", firstLine(d))
		}
		rest = rest[i+1:]
	}
	return nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// staticFile returns the template a support file is pruned from.
func staticFile(name string, cfg generator.Config) ([]byte, bool) {
	base, ok := strings.CutSuffix(name, ".go")
	if !ok || name == "doc.go" {
		return nil, false
	}
	src, err := templates.Render(templates.SupportFile(base), templates.Support{Header: comment.Inline(generator.Header(cfg)), Package: cfg.Package})
	if err != nil {
		return nil, false // not a template
	}
	res := render.Files{}
	if err := render.Source(res, name, src); err != nil {
		return []byte(err.Error()), true
	}
	return res[name], true
}

// collect records the top-level names of a file ("Name", "Type.Method")
// and the fields of its struct types.
func collect(f *ast.File, names map[string]bool, fields map[string][]string) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
				continue
			}
			recv := d.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			names[fmt.Sprint(recv)+"."+d.Name.Name] = true
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
					if st, ok := s.Type.(*ast.StructType); ok {
						list := []string{}
						for _, fl := range st.Fields.List {
							for _, n := range fl.Names {
								list = append(list, n.Name)
							}
						}
						fields[s.Name.Name] = list
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
}

// expected lists what the emitted files of api declare: the names every
// emitter writes for the IR, the fields of the structs, and the names an
// emitter writes only when the API needs them.
// numberedHelper matches the generated server's compiled patterns and
// rules of values held as any, numbered in order of use.
var numberedHelper = regexp.MustCompile(`^(pattern|anyRule)[0-9]+$`)

// codecHelper matches the JSON codec's helpers of slice, map, pointer and
// Nullable types: lower-case wrapper words, then an element.
var codecHelper = regexp.MustCompile(`^(decodeJSON|appendJSON)(slice|map|ptr|nullable)+[\p{L}\p{N}_]+$`)

// messageHelper matches the readers of the message of an error body type,
// which the Message methods of the error responses share, and the lists of
// its required properties, which the client checks.
var messageHelper = regexp.MustCompile(`^(messageOf|requiredOf)(slice|map|ptr|nullable)*[\p{L}\p{N}_]+$`)

func expected(api *ir.API) (want map[string]bool, fields map[string][]string, optional map[string]bool) {
	want, fields, optional = map[string]bool{}, map[string][]string{}, map[string]bool{}
	add := func(ns ...string) {
		for _, n := range ns {
			want[n] = true
		}
	}
	// The codecs' reading of integers (absent with -json=stdlib).
	optional["integersByValue"] = true
	for _, t := range api.Types {
		add(t.Name)
		optional["validate"+t.Name] = true
		switch t.Kind {
		case ir.Struct:
			optional[t.Name+".UnmarshalJSON"], optional[t.Name+".MarshalJSON"] = true, true
			optional[t.Name+".decodeJSON"], optional[t.Name+".appendJSON"] = true, true
			optional["requestView"+t.Name] = true
			optional["requestView"+t.Name+".appendJSON"] = true
			var fs []string
			for _, f := range t.Fields {
				fs = append(fs, f.Name)
			}
			if t.Extra != nil {
				fs = append(fs, t.ExtraField)
			}
			if t.Unknown != "" {
				// Kept with the generated codecs (this test's).
				fs = append(fs, t.Unknown)
			}
			fields[t.Name] = append([]string{}, fs...)
		case ir.Alias:
			optional[t.Name+".UnmarshalJSON"], optional[t.Name+".MarshalJSON"] = true, true
			optional[t.Name+".decodeJSON"], optional[t.Name+".appendJSON"] = true, true
		case ir.Enum:
			for _, v := range t.Values {
				add(v.Name)
			}
			add(t.Name + ".Valid")
		case ir.Union:
			add(t.Name+".UnmarshalJSON", t.Name+".MarshalJSON", "variants"+t.Name)
			var fs []string
			for _, v := range t.Variants {
				fs = append(fs, v.Name)
			}
			if t.Unknown != "" {
				fs = append(fs, t.Unknown)
			}
			fields[t.Name] = append([]string{}, fs...)
		}
	}
	optional["jsonText"] = true
	for _, s := range api.Servers {
		add(s.Name)
	}
	for _, s := range api.Schemes {
		add(s.Option)
		if s.SourceOption != "" {
			add(s.SourceOption)
		}
		if s.TokenFlow != nil {
			add(s.LoginOption)
		}
	}
	add(ir.NameServer, ir.NameUnimplemented, ir.NameNewHandler, "validationRules", "requestRules", "errorShapes", "operationErrors", "operationErrorsTable", "defaultErrorShape")
	add("validationRulesTexts", "requestRulesTexts")
	optional["patterns"] = true
	if len(api.Schemes) > 0 {
		add(ir.NameSecurityHandler)
	}
	// The server's table of single-operation routes; each distinct
	// security requirement once, in the order the operations first have it.
	optional["operationRoutes"] = true
	seen := map[string]bool{}
	for _, op := range api.Operations {
		expectedOperation(op, add, fields)
		if k := fmt.Sprint(securityNames(op.Security)); len(op.Security) > 0 && !seen[k] {
			seen[k] = true
			add("security" + strconv.Itoa(len(seen)-1))
		}
	}
	return want, fields, optional
}

// securityNames are the scheme names of each alternative of a security
// requirement.
func securityNames(sec [][]*ir.SecurityUse) [][]string {
	out := make([][]string, len(sec))
	for i, alt := range sec {
		for _, use := range alt {
			out[i] = append(out[i], use.Scheme.Name)
		}
	}
	return out
}

func expectedOperation(op *ir.Operation, add func(...string), fields map[string][]string) {
	add(ir.NameClient+"."+op.Name, "handler.handle"+op.Name, op.ResponseType, op.RequestType, ir.NameUnimplemented+"."+op.Name, "op"+op.Name)
	req := []string{}
	if op.ParamsType != "" {
		add(op.ParamsType)
		var fs []string
		for _, p := range op.Params {
			fs = append(fs, p.GoName)
		}
		fields[op.ParamsType] = fs
		req = append(req, "Params")
	}
	req = append(req, bodyFieldNames(op.Body)...)
	for _, b := range op.Body.Bodies()[min(1, len(op.Body.Bodies())):] {
		add(ir.NameClient + "." + b.Method)
	}
	if op.Sender != "" {
		add(ir.NameClient + "." + op.Sender)
	}
	for _, r := range op.Responses {
		if r.Body != nil && len(r.Body.Alts) > 0 {
			req = append(req, "Accept")
			break
		}
	}
	fields[op.RequestType] = req
	marker := names.Unexported(op.ResponseType)
	for _, r := range op.Responses {
		add(r.TypeName, r.TypeName+"."+marker, r.TypeName+".StatusCode")
		if !r.Success {
			add(r.TypeName+".Error", r.TypeName+".Message")
		}
		fs := []string{}
		if r.Code == 0 {
			fs = append(fs, "Status")
		}
		fs = append(fs, bodyFieldNames(r.Body)...)
		for _, h := range r.Headers {
			fs = append(fs, h.GoName)
		}
		fields[r.TypeName] = append(fs, "Header")
	}
}

// bodyFieldNames are the fields a request or response struct has for its
// body: one per Go type of its media types, then ContentType.
func bodyFieldNames(main *ir.Body) []string {
	var out []string
	for _, b := range main.Bodies() {
		if !slices.Contains(out, b.Field) {
			out = append(out, b.Field)
		}
	}
	if main != nil && len(main.Alts) > 0 {
		out = append(out, "ContentType")
	}
	return out
}

// TestPackageProblems makes sure the checks of FuzzSpecText can fail: a
// generated package with an injected init function, a directive, an extra
// struct field or an edited static file must each be caught.
func TestPackageProblems(t *testing.T) {
	cfg := generator.Config{Spec: "spec.json", Out: "out", Package: "api"}
	res, err := generator.Generate(cfg, fuzzSpec("prose", "name", "value", "X-Wire"))
	if err != nil {
		t.Fatal(err)
	}
	if p := packageProblems(res, cfg); len(p) > 0 {
		t.Fatalf("a clean package has problems:\n%s", strings.Join(p, "\n"))
	}
	edits := []struct {
		name, file string
		edit       func(string) string
	}{
		{"init", "types.go", func(s string) string { return s + "\nfunc init() {}\n" }},
		{"directive", "types.go", func(s string) string {
			return strings.Replace(s, "package api", "//go:generate touch x\npackage api", 1)
		}},
		{"field", "types.go", func(s string) string {
			return strings.Replace(s, "type Item struct {", "type Item struct {\n\tInjected int", 1)
		}},
		{"constant", "types.go", func(s string) string { return s + "\nconst Injected = 1\n" }},
		{"block", "types.go", func(s string) string { return s + "\n/* hidden */\n" }},
		{"type", "types.go", func(s string) string { return strings.Replace(s, "Kind Kind", "Kind Knd", 1) }},
		{"static file", "validate.go", func(s string) string { return s + "\nvar x = 1\n" }},
	}
	for _, e := range edits {
		changed := &generator.Result{Files: maps.Clone(res.Files), API: res.API}
		changed.Files[e.file] = []byte(e.edit(string(res.Files[e.file])))
		if p := packageProblems(changed, cfg); len(p) == 0 {
			t.Errorf("the %s edit went unnoticed", e.name)
		}
	}
}
