// Package compat compares what the generator makes of two versions of an
// API description and says what the change breaks: for Go code built on
// the generated package (a removed or renamed identifier, a changed type),
// and on the wire, for clients and servers already deployed (a new
// required request property, a narrowed request enum, a removed success
// status...).
//
// It reads only the intermediate representation: the Go names are the
// ones the generated package declares.
package compat

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
)

// Change is one difference between the old and the new package.
type Change struct {
	// Breaking is set for a change that breaks code built on the old
	// package or clients and servers deployed with it.
	Breaking bool
	// Ident is the Go identifier that changes: "Client.DeletePet",
	// "Pet.Tag", "ListPetsParams.Limit", "PetStatusSold", "type Owner".
	Ident string
	// Why says what changes, in plain words.
	Why string
	// Pointer is where the spec says it (the new spec's, or the old one's
	// for what is gone).
	Pointer string
}

// String is the change as gen -diff prints it.
func (c Change) String() string {
	word := "compatible"
	if c.Breaking {
		word = "breaking"
	}
	s := word + ": " + c.Ident + ": " + c.Why
	if c.Pointer != "" {
		s += " (#" + c.Pointer + ")"
	}
	return s
}

// Compare returns the changes from old to new: breaking ones first, each
// group sorted by identifier, then by what changes.
func Compare(old, new *ir.API) []Change {
	d := &differ{old: old, new: new, renamed: map[string]string{}}
	d.inRequests = reachable(requestRoots, old, new)
	d.inResponses = reachable(responseRoots, old, new)
	d.renames()
	d.types()
	d.operations()
	d.schemes()
	d.servers()
	slices.SortFunc(d.changes, func(a, b Change) int {
		if a.Breaking != b.Breaking {
			if a.Breaking {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Ident, b.Ident), strings.Compare(a.Why, b.Why), strings.Compare(a.Pointer, b.Pointer))
	})
	return slices.Compact(d.changes)
}

// Breaking reports whether any of changes is breaking.
func Breaking(changes []Change) bool {
	return slices.ContainsFunc(changes, func(c Change) bool { return c.Breaking })
}

type differ struct {
	old, new *ir.API
	// inRequests are the named types a request carries, in either version
	// (through a parameter or a request body, at any depth).
	inRequests map[string]bool
	// inResponses are those a response carries.
	inResponses map[string]bool
	// renamed maps the old name of a renamed type to its new one: a type
	// that only follows the rename has not changed again.
	renamed map[string]string
	changes []Change
}

// same reports whether a Go type of the old package is the one of the new,
// renames of named types aside (each is a change of its own).
func (d *differ) same(was, now *ir.GoType) bool {
	if was == nil || now == nil {
		return was == now
	}
	name := was.Name
	if was.Kind == ir.Named && d.renamed[name] != "" {
		name = d.renamed[name]
	}
	return was.Kind == now.Kind && name == now.Name && was.Pkg == now.Pkg && d.same(was.Elem, now.Elem)
}

func (d *differ) add(breaking bool, ident, pointer, format string, args ...any) {
	d.changes = append(d.changes, Change{Breaking: breaking, Ident: ident, Why: fmt.Sprintf(format, args...), Pointer: pointer})
}

// spell writes a Go type as the package spells it.
func spell(t *ir.GoType) string {
	if t == nil {
		return "nothing"
	}
	switch t.Kind {
	case ir.Qualified:
		return t.Pkg[strings.LastIndex(t.Pkg, "/")+1:] + "." + t.Name
	case ir.Slice:
		return "[]" + spell(t.Elem)
	case ir.Map:
		return "map[string]" + spell(t.Elem)
	case ir.Pointer:
		return "*" + spell(t.Elem)
	case ir.NullableOf:
		return "Nullable[" + spell(t.Elem) + "]"
	case ir.EventsOf:
		return "*EventStream[" + spell(t.Elem) + "]"
	}
	return t.Name
}

// typeChange describes a changed Go type.
func typeChange(was, now *ir.GoType) string {
	return fmt.Sprintf("type %s is now %s", spell(was), spell(now))
}

// reachable returns the named types reachable, at any depth, from the Go
// types roots gives for each operation of either API.
func reachable(roots func(op *ir.Operation) []*ir.GoType, apis ...*ir.API) map[string]bool {
	seen := map[string]bool{}
	for _, api := range apis {
		byName := map[string]*ir.Type{}
		for _, t := range api.Types {
			byName[t.Name] = t
		}
		var visit func(t *ir.GoType)
		visit = func(t *ir.GoType) {
			for ; t != nil; t = t.Elem {
				if t.Kind != ir.Named || seen[t.Name] {
					continue
				}
				seen[t.Name] = true
				nt := byName[t.Name]
				if nt == nil {
					continue
				}
				visit(nt.Underlying)
				visit(nt.Extra)
				for _, f := range nt.Fields {
					visit(f.Type)
				}
				for _, v := range nt.Variants {
					visit(v.Type)
				}
			}
		}
		for _, op := range api.Operations {
			for _, t := range roots(op) {
				visit(t)
			}
		}
	}
	return seen
}

// requestRoots are the types of an operation's parameters and request
// bodies; responseRoots those of its response bodies and headers.
func requestRoots(op *ir.Operation) []*ir.GoType {
	var out []*ir.GoType
	for _, p := range op.Params {
		out = append(out, p.Type)
	}
	for _, b := range op.Body.Bodies() {
		out = append(out, b.Type)
	}
	return out
}

func responseRoots(op *ir.Operation) []*ir.GoType {
	var out []*ir.GoType
	for _, r := range op.Responses {
		for _, b := range r.Body.Bodies() {
			out = append(out, b.Type)
		}
		for _, h := range r.Headers {
			out = append(out, h.Type)
		}
	}
	return out
}

// pointerTo appends the JSON pointer tokens to base, escaped.
func pointerTo(base string, tokens ...string) string {
	if base == "" {
		return ""
	}
	for _, t := range tokens {
		base += "/" + strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
	}
	return base
}
