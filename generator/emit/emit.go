// Package emit turns the intermediate representation into Go source with
// jennifer. Each kind of declaration has a small emitter; this file holds
// what they share: the file list, Go type expressions and doc comments.
package emit

import (
	"path"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/comment"
	"github.com/oasgen/oasgen/generator/ir"
)

// Targets says which parts of the package to emit.
type Targets struct {
	Types, Client, Server bool
	// StdlibJSON leaves the types to encoding/json: no generated JSON
	// codecs.
	StdlibJSON bool
	// Models is the import path of the package the named types go to,
	// ModelsDir under the output directory, when a large API is split in
	// two packages ("" keeps one package). The types' codec methods are
	// then exported (DecodeJSON, AppendJSON), for the client and server
	// of the package above, which names the types through aliases.
	Models string
}

// ModelsDir is where the named types of a split package go, under the
// output directory: internal, so that what the two halves share (the
// codec helpers, DecodeJSONslicePet...) is not the users' API.
const ModelsDir = "internal/schemas"

// ModelsPackage is the name of the package in ModelsDir.
const ModelsPackage = "schemas"

// File is one emitted Go file, not yet rendered.
type File struct {
	Name string
	Code *jen.File
}

// Emit emits the Go files for api in package pkg and hands each to out
// once it is complete, so that its code can be rendered and dropped
// before the next is built (the code of a large API's files, all at once,
// is most of the generator's memory). It stops at the first error out
// returns, and returns it. The header comment is set on every file.
//
// With t.Models, the named types and their codecs go to ModelsDir (file
// names with that prefix), the rest to the package at the top, which
// declares an alias of each type (see generator/alias).
func Emit(api *ir.API, pkg, header string, t Targets, out func(File) error) error {
	e := newEmitter(api)
	e.stdlibJSON = t.StdlibJSON
	e.hasServer = t.Server
	e.hasClient = t.Client
	var err error // out's
	// adder adds the files of a package: made by newFile, in dir.
	adder := func(dir string, newFile func() *jen.File) func(string, func(*jen.File)) {
		return func(name string, fill func(*jen.File)) {
			if err != nil {
				return
			}
			f := newFile()
			headerComment(f, header)
			fill(f)
			err = out(File{Name: path.Join(dir, name), Code: f})
		}
	}
	add := adder("", func() *jen.File { return jen.NewFile(pkg) })
	var models func(string, func(*jen.File)) // the types' package's, when split
	if t.Models != "" {
		e.split, e.modelsPath = true, t.Models
		e.decName, e.appName = "DecodeJSON", "AppendJSON"
		models = adder(ModelsDir, func() *jen.File { return jen.NewFilePathName(t.Models, ModelsPackage) })
		add = adder("", func() *jen.File {
			f := jen.NewFile(pkg)
			f.ImportName(t.Models, ModelsPackage)
			return f
		})
		e.inModels = true
		models("types.go", e.models)
		e.inModels = false
	} else if t.Types || t.Client || t.Server {
		add("types.go", e.models)
	}
	if t.Client || t.Server {
		add("responses.go", e.responses)
		if len(api.Operations) > 0 {
			add("operations.go", e.operationInfos)
		}
	}
	if t.Client {
		add("client.go", e.client)
		add("client_operations.go", e.clientOperations)
	}
	if t.Server {
		if !t.Client {
			// The parameter structs go with the client methods, or here.
			add("params.go", e.paramsStructs)
		}
		add("server.go", e.server)
		add("server_operations.go", e.serverOperations)
		add("server_checks.go", e.serverChecks)
	}
	if (t.Types || t.Client || t.Server) && e.hasCodecs() {
		// Last: the client and the server register the helpers their
		// bodies need.
		add("types_json.go", e.jsonCodecs)
	}
	if models != nil && e.hasCodecs() {
		// Last: it holds the helpers of both packages.
		e.inModels = true
		models("types_json.go", e.jsonCodecs)
		e.inModels = false
	}
	return err
}

// emitter holds the read-only lookups the emitters share.
type emitter struct {
	api   *ir.API
	types map[string]*ir.Type
	chk   *checker // see checker()
	// stdlibJSON: the types have no generated JSON codecs.
	stdlibJSON bool
	// hasServer: the package has a server, whose file holds validationRules.
	hasServer bool
	// hasClient: the package has a client, which writes request views.
	hasClient bool
	cdc       *codecs // see codec()
	// split: the types are in a package of their own (Targets.Models);
	// inModels: what is emitted now goes there. The codec helpers of both
	// packages are the types' package's (mcdc).
	split, inModels bool
	mcdc            *codecs
	modelsPath      string // the import path of the types' package
	// decName and appName name the types' codec methods.
	decName, appName string
	// required: the lists of required properties of error bodies the
	// client methods name (see requiredList).
	required *requiredLists
	// security: the distinct security requirements of the operations, by
	// key, and in order (see securityRequirements).
	security      map[string]int
	securityOrder [][][]*ir.SecurityUse
}

// codec returns the codec emitter the package being emitted shares.
func (e *emitter) codec() *codecs {
	if e.inModels {
		return e.modelsCodec()
	}
	if e.cdc == nil {
		e.cdc = &codecs{e: e, helpers: map[string]*ir.GoType{}}
	}
	return e.cdc
}

// modelsCodec is the codec emitter of the types' package of a split
// package, which holds the helpers of both.
func (e *emitter) modelsCodec() *codecs {
	if e.mcdc == nil {
		e.mcdc = &codecs{e: e, helpers: map[string]*ir.GoType{}}
	}
	return e.mcdc
}

func newEmitter(api *ir.API) *emitter {
	e := &emitter{api: api, types: map[string]*ir.Type{}, decName: "decodeJSON", appName: "appendJSON"}
	for _, t := range api.Types {
		e.types[t.Name] = t
	}
	return e
}

// typ returns the Go type expression of t.
func typ(t *ir.GoType) *jen.Statement {
	switch t.Kind {
	case ir.Qualified:
		return jen.Qual(t.Pkg, t.Name)
	case ir.Slice:
		return jen.Index().Add(typ(t.Elem))
	case ir.Map:
		return jen.Map(jen.String()).Add(typ(t.Elem))
	case ir.Pointer:
		return jen.Op("*").Add(typ(t.Elem))
	case ir.NullableOf:
		return jen.Id(ir.NameNullable).Types(typ(t.Elem))
	case ir.EventsOf:
		return jen.Op("*").Id(ir.NameEventStream).Types(typ(t.Elem))
	}
	return jen.Id(t.Name)
}

// docLines returns the doc comment for a declaration called name: the
// description, one // line per line, made to start with the name as Go
// doc comments do. fallback is used when the description is empty.
func docLines(name, desc, fallback string) []jen.Code {
	lines := comment.Lines(strings.TrimSpace(desc))
	if len(lines) == 0 {
		if fallback == "" {
			return nil
		}
		return []jen.Code{commentLine(name + " " + fallback)}
	}
	out := make([]jen.Code, len(lines))
	for i, l := range lines {
		text := l.String()
		if i == 0 {
			text = lead(name, text)
		}
		out[i] = commentLine(text)
	}
	return out
}

// lead makes a first line of a description read as a sentence about name.
func lead(name, first string) string {
	word, rest, _ := strings.Cut(first, " ")
	switch {
	case word == name:
		return first
	case word == "A" || word == "An" || word == "The":
		return name + " is " + strings.ToLower(word) + " " + rest
	case len(word) > 2 && strings.HasSuffix(word, "s") && unicode.IsUpper(rune(word[0])) && !strings.HasSuffix(word, "ss") && rest != "":
		// "Returns the account." reads "GetAccount returns the account."
		return name + " " + strings.ToLower(word[:1]) + word[1:] + " " + rest
	case imperatives[strings.ToLower(word)] && rest != "":
		// "Get the account." reads "GetAccount gets the account."
		return name + " " + thirdPerson(strings.ToLower(word)) + " " + rest
	}
	return name + ": " + first
}

// withDoc puts doc comments in front of a declaration.
func withDoc(f *jen.File, lines []jen.Code, deprecated bool, decl jen.Code) {
	for _, l := range lines {
		f.Add(l)
	}
	if deprecated {
		if len(lines) > 0 {
			f.Add(commentLine(""))
		}
		f.Add(commentLine("Deprecated: the API description marks this as deprecated."))
	}
	f.Add(decl)
}

// fieldDoc returns the doc comment lines of a struct field.
func fieldDoc(name, desc string, deprecated bool) []jen.Code {
	lines := docLines(name, desc, "")
	if deprecated {
		if len(lines) > 0 {
			lines = append(lines, commentLine(""))
		}
		lines = append(lines, commentLine("Deprecated: the API description marks this as deprecated."))
	}
	return lines
}

// imperatives are verbs summaries start with, which a doc comment turns
// into the third person.
var imperatives = map[string]bool{
	"add": true, "cancel": true, "check": true, "create": true, "delete": true, "download": true,
	"fetch": true, "find": true, "get": true, "list": true, "log": true, "make": true, "patch": true,
	"record": true, "refresh": true, "remove": true, "renew": true, "replace": true, "retrieve": true,
	"return": true, "search": true, "send": true, "set": true, "start": true, "stop": true,
	"update": true, "upload": true, "read": true, "write": true, "place": true, "register": true,
}

func thirdPerson(verb string) string {
	switch {
	case strings.HasSuffix(verb, "sh") || strings.HasSuffix(verb, "ch") || strings.HasSuffix(verb, "s") || strings.HasSuffix(verb, "x"):
		return verb + "es"
	}
	return verb + "s"
}

// Runtime is the import path of the runtime the generated code calls.
const Runtime = "github.com/oasgen/oasgen/oasrt"

// rt names a declaration of the runtime.
func rt(name string) *jen.Statement { return jen.Qual(Runtime, name) }
