package lower

import "github.com/oasgen/oasgen/generator/ir"

// Constructors for the GoType values the lowering uses.

func builtin(name string) *ir.GoType { return &ir.GoType{Kind: ir.Builtin, Name: name} }

func qualified(pkg, name string) *ir.GoType {
	return &ir.GoType{Kind: ir.Qualified, Pkg: pkg, Name: name}
}

func named(name string) *ir.GoType { return &ir.GoType{Kind: ir.Named, Name: name} }

func sliceOf(elem *ir.GoType) *ir.GoType { return &ir.GoType{Kind: ir.Slice, Elem: elem} }

func mapOf(elem *ir.GoType) *ir.GoType { return &ir.GoType{Kind: ir.Map, Elem: elem} }

func pointerTo(elem *ir.GoType) *ir.GoType {
	if elem.Kind == ir.Pointer {
		return elem
	}
	return &ir.GoType{Kind: ir.Pointer, Elem: elem}
}

// nilable reports whether the zero value of t is nil already, so that an
// optional value needs no pointer.
func nilable(t *ir.GoType) bool {
	switch t.Kind {
	case ir.Slice, ir.Map, ir.Pointer:
		return true
	case ir.Builtin:
		return t.Name == "any"
	case ir.Qualified:
		return t.Pkg == "encoding/json" && t.Name == "RawMessage"
	}
	return false
}

// optional returns the type of a value that may be absent (or null).
func optional(t *ir.GoType) *ir.GoType {
	if nilable(t) {
		return t
	}
	return pointerTo(t)
}
