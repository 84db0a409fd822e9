// Package alias writes, for a package split in two (emit.Targets.Models),
// the file of the package at the top that names the exported declarations
// of the types' package: a type alias per type, a constant per constant,
// a forwarding function per function. Users keep writing api.Pet and
// api.PetStatusAvailable; the client and the server, in the package at
// the top, name the types as one package did.
//
// It reads the rendered files of the types' package, so whatever they
// export (emitted or static) is named, and nothing else.
package alias

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
)

// File returns the source of the aliases of the exported declarations of
// models (file name to content, one package whose import path is path and
// whose name is name), as a file of package pkg with header as its first
// line.
//
// internal says which exported functions are not for users (what the
// types' package exports for the package at the top only): they are not
// forwarded. Every exported type, constant and variable is named.
func File(models map[string][]byte, path, name, pkg, header string, internal func(string) bool) ([]byte, error) {
	var b bytes.Buffer
	imports := map[string]string{path: name}
	// types and consts are grouped, each type with its doc comment;
	// funcs follows them.
	var types, consts, vars, funcs bytes.Buffer
	names := make([]string, 0, len(models))
	for n := range models {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, n, models[n], parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("aliases of %s (a generator bug): %w", n, err)
		}
		src := models[n]
		text := func(node ast.Node) string {
			return string(src[fset.Position(node.Pos()).Offset:fset.Position(node.End()).Offset])
		}
		fileImports := map[string]string{}
		for _, is := range f.Imports {
			p, _ := strconv.Unquote(is.Path.Value)
			local := p[strings.LastIndex(p, "/")+1:]
			if is.Name != nil {
				local = is.Name.Name
			}
			fileImports[local] = p
		}
		// need adds the imports a copied expression selects from.
		need := func(node ast.Node) {
			ast.Inspect(node, func(x ast.Node) bool {
				if sel, ok := x.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && fileImports[id.Name] != "" {
						imports[fileImports[id.Name]] = id.Name
					}
				}
				return true
			})
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					doc := d.Doc
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						if s.Doc != nil {
							doc = s.Doc
						}
						writeDoc(&types, doc, "\t")
						params, args := "", ""
						if s.TypeParams != nil {
							need(s.TypeParams)
							params = text(s.TypeParams)
							args = "[" + fieldNames(s.TypeParams) + "]"
						}
						fmt.Fprintf(&types, "\t%s%s = %s.%s%s\n", s.Name.Name, params, name, s.Name.Name, args)
					case *ast.ValueSpec:
						for _, id := range s.Names {
							if !id.IsExported() {
								continue
							}
							out := &consts
							if d.Tok == token.VAR {
								// A copy of the value: the package's
								// variables are set once (errors).
								out = &vars
							}
							fmt.Fprintf(out, "\t%s = %s.%s\n", id.Name, name, id.Name)
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv != nil || !d.Name.IsExported() || internal(d.Name.Name) {
					continue
				}
				for _, p := range d.Type.Params.List {
					if len(p.Names) == 0 || slices.ContainsFunc(p.Names, func(n *ast.Ident) bool { return n.Name == "_" }) {
						return nil, fmt.Errorf("aliases of %s (a generator bug): %s has a parameter without a name to pass on", n, d.Name.Name)
					}
				}
				need(d.Type)
				writeDoc(&funcs, d.Doc, "")
				params, args := "", ""
				if d.Type.TypeParams != nil {
					params = text(d.Type.TypeParams)
					args = "[" + fieldNames(d.Type.TypeParams) + "]"
				}
				call := fmt.Sprintf("%s.%s%s(%s)", name, d.Name.Name, args, callArgs(d.Type.Params))
				if d.Type.Results != nil {
					call = "return " + call
				}
				fmt.Fprintf(&funcs, "func %s%s%s%s {\n\t%s\n}\n\n", d.Name.Name, params, text(d.Type.Params), results(d.Type.Results, text), call)
			}
		}
	}
	fmt.Fprintf(&b, "%s\n\npackage %s\n\n", header, pkg)
	b.WriteString("// The types of the API description are declared in package " + name + ", which\n")
	b.WriteString("// this package's client and server share; these are their names here.\n\n")
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	b.WriteString("import (\n")
	for _, p := range paths {
		if imports[p] == p[strings.LastIndex(p, "/")+1:] {
			fmt.Fprintf(&b, "\t%q\n", p)
		} else {
			fmt.Fprintf(&b, "\t%s %q\n", imports[p], p)
		}
	}
	b.WriteString(")\n\n")
	for _, g := range []struct {
		tok  string
		decl *bytes.Buffer
	}{{"type", &types}, {"const", &consts}, {"var", &vars}} {
		if g.decl.Len() > 0 {
			fmt.Fprintf(&b, "%s (\n%s)\n\n", g.tok, g.decl.Bytes())
		}
	}
	b.Write(funcs.Bytes())
	return b.Bytes(), nil
}

// writeDoc copies a doc comment, each line after indent.
func writeDoc(b *bytes.Buffer, doc *ast.CommentGroup, indent string) {
	if doc == nil {
		return
	}
	for _, c := range doc.List {
		b.WriteString(indent)
		b.WriteString(c.Text)
		b.WriteByte('\n')
	}
}

// fieldNames lists the names of a field list (type parameters).
func fieldNames(fl *ast.FieldList) string {
	var names []string
	for _, f := range fl.List {
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
	}
	return strings.Join(names, ", ")
}

// callArgs passes a function's parameters on, naming each; a variadic
// one is spread.
func callArgs(fl *ast.FieldList) string {
	var args []string
	for _, f := range fl.List {
		for _, n := range f.Names {
			if _, ok := f.Type.(*ast.Ellipsis); ok {
				args = append(args, n.Name+"...")
			} else {
				args = append(args, n.Name)
			}
		}
	}
	return strings.Join(args, ", ")
}

// results is the text of a function's results, with a space before.
func results(fl *ast.FieldList, text func(ast.Node) string) string {
	if fl == nil {
		return ""
	}
	return " " + text(fl)
}
