// Package prune drops from the static support files of a rendered package
// what no other code of the package uses (issue 24: emit only what is
// used). The static runtime is written once for every API; an API without
// numbers, unions or form bodies does not need their helpers, and each
// helper it keeps costs compile time in every package generated from it.
//
// The rule is conservative and purely syntactic. Everything the emitter
// wrote is kept, and so is every exported declaration and every init
// function of a static file (they are the package's API). An unexported
// function, variable, constant or type of a static file is kept when an
// identifier of that name appears in kept code; a method, when its
// receiver type is kept and its name is exported or appears in kept code
// (an interface that names it counts). Names are compared, not resolved,
// so a local variable that shares a helper's name keeps the helper: the
// rule can keep too much, never too little.
package prune

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator/render"
)

// unit is a top-level declaration of a static file.
type unit struct {
	names    []string // what it declares; one name for a function or method
	recv     string   // the receiver's type name, for a method
	root     bool     // kept whatever else is kept
	refs     []string // the identifiers it holds
	from, to int      // its bytes, doc comment included
	imports  []string // the package names it selects from
	kept     bool
}

// staticFile is a parsed static file.
type staticFile struct {
	name    string
	src     []byte
	units   []*unit
	imports []importDecl
}

// importDecl is an import declaration: its bytes and its specs'.
type importDecl struct {
	from, to int
	specs    []importSpec
}

type importSpec struct {
	name     string // the name the file refers to the package by
	from, to int
}

// Unused removes, from each file of files named in static, the
// declarations nothing kept uses (a name in keep counts as used), then the imports the file no longer
// needs. A static file left with no declarations keeps its header and
// package clause: the files of a package depend on the features its spec
// uses, not on what the pruning leaves, so a spec that stops using a
// helper does not remove a file (go generate fails on a file of its
// package removed while it runs). The other files are not changed. An error is a generator bug: a file that does
// not parse or format.
func Unused(files render.Files, static, keep []string) error {
	isStatic := map[string]bool{}
	for _, name := range static {
		if files[name] != nil {
			isStatic[name] = true
		}
	}
	refs := map[string]bool{}
	for _, name := range keep {
		refs[name] = true
	}
	var parsed []*staticFile
	for _, name := range files.Names() {
		if !isStatic[name] {
			if err := identifiers(name, files[name], refs); err != nil {
				return err
			}
			continue
		}
		sf, err := parse(name, files[name])
		if err != nil {
			return err
		}
		parsed = append(parsed, sf)
	}
	mark(parsed, refs)
	for _, sf := range parsed {
		src, err := sf.cut()
		if err != nil {
			return err
		}
		files[sf.name] = src
	}
	return nil
}

// identifiers adds the identifiers of a file to refs. A file that is kept
// whole needs no syntax tree: its tokens say what it may use.
func identifiers(name string, src []byte, refs map[string]bool) error {
	fset := token.NewFileSet()
	var s scanner.Scanner
	var scanErr error
	s.Init(fset.AddFile(name, -1, len(src)), src, func(pos token.Position, msg string) {
		if scanErr == nil {
			scanErr = fmt.Errorf("prune %s (a generator bug): %s: %s", name, pos, msg)
		}
	}, 0)
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT {
			refs[lit] = true
		}
	}
	return scanErr
}

// parse splits a static file into its declarations.
func parse(name string, src []byte) (*staticFile, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("prune %s (a generator bug): %v", name, err)
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	sf := &staticFile{name: name, src: src}
	for _, d := range f.Decls {
		u := &unit{from: off(d.Pos()), to: off(d.End())}
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				u.from = off(d.Doc.Pos())
			}
			u.names = []string{d.Name.Name}
			u.root = d.Name.IsExported() || d.Recv == nil && d.Name.Name == "init"
			if d.Recv != nil && len(d.Recv.List) == 1 {
				u.recv = typeName(d.Recv.List[0].Type)
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				u.from = off(d.Doc.Pos())
			}
			if d.Tok == token.IMPORT {
				im := importDecl{from: u.from, to: u.to}
				for _, s := range d.Specs {
					s := s.(*ast.ImportSpec)
					im.specs = append(im.specs, importSpec{name: importName(s), from: off(s.Pos()), to: off(s.End())})
				}
				sf.imports = append(sf.imports, im)
				continue
			}
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					u.names = append(u.names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						u.names = append(u.names, n.Name)
					}
				}
			}
			u.root = slices.ContainsFunc(u.names, func(n string) bool { return n == "_" || token.IsExported(n) })
		}
		ast.Inspect(d, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				u.refs = append(u.refs, n.Name)
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok {
					u.imports = append(u.imports, x.Name)
				}
			}
			return true
		})
		sf.units = append(sf.units, u)
	}
	return sf, nil
}

// typeName is the name of a receiver's type: T, *T, T[P] or *T[P].
func typeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// importName is the name a file refers to an imported package by. The
// static files import only the standard library and the runtime (oasrt),
// whose package names are the last element of their paths
// ("math/rand/v2" is rand).
func importName(s *ast.ImportSpec) string {
	if s.Name != nil {
		return s.Name.Name
	}
	p := strings.Trim(s.Path.Value, "`\"")
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(p))
	}
	return base
}

// mark keeps the roots and, until nothing changes, what kept code refers
// to.
func mark(files []*staticFile, refs map[string]bool) {
	decls := map[string]*unit{} // static declarations but methods, by name (receivers are looked up here)
	var all []*unit
	for _, sf := range files {
		for _, u := range sf.units {
			all = append(all, u)
			if u.recv == "" {
				for _, n := range u.names {
					decls[n] = u
				}
			}
		}
	}
	keep := func(u *unit) {
		u.kept = true
		for _, r := range u.refs {
			refs[r] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, u := range all {
			if u.kept {
				continue
			}
			var use bool
			switch {
			case u.root && u.recv == "":
				use = true
			case u.recv != "":
				t := decls[u.recv]
				recvKept := t == nil || t.kept // a type of an emitted file is kept
				use = recvKept && (token.IsExported(u.names[0]) || refs[u.names[0]])
			default:
				use = slices.ContainsFunc(u.names, func(n string) bool { return refs[n] })
			}
			if use {
				keep(u)
				changed = true
			}
		}
	}
}

// cut returns the file without the declarations not kept and the imports
// the kept ones do not select from, formatted.
func (sf *staticFile) cut() ([]byte, error) {
	type span struct{ from, to int }
	var drop []span
	used := map[string]bool{}
	for _, u := range sf.units {
		if u.kept {
			for _, n := range u.imports {
				used[n] = true
			}
			continue
		}
		drop = append(drop, span{u.from, u.to})
	}
	if len(drop) == 0 {
		return sf.src, nil
	}
	for _, im := range sf.imports {
		var unused []span
		for _, s := range im.specs {
			if !used[s.name] && s.name != "_" {
				unused = append(unused, span{s.from, s.to})
			}
		}
		if len(unused) == len(im.specs) {
			drop = append(drop, span{im.from, im.to})
		} else {
			drop = append(drop, unused...)
		}
	}
	slices.SortFunc(drop, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	var buf bytes.Buffer
	at := 0
	for _, d := range drop {
		buf.Write(sf.src[at:d.from])
		at = d.to
	}
	buf.Write(sf.src[at:])
	out, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("prune %s (a generator bug): %v", sf.name, err)
	}
	return out, nil
}
