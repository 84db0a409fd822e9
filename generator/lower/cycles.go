package lower

import (
	"strings"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
)

// breakCycles makes pointers of the struct fields that would otherwise
// hold their own type by value (a required field of a recursive schema),
// which Go cannot lay out. Types are visited in name order, so the same
// fields become pointers on every run.
func breakCycles(types []*ir.Type) {
	byName := map[string]*ir.Type{}
	for _, t := range types {
		byName[t.Name] = t
	}
	// target follows aliases to the struct a value field holds, if any.
	target := func(g *ir.GoType) *ir.Type {
		for g != nil && g.Kind == ir.Named {
			t := byName[g.Name]
			if t == nil {
				return nil
			}
			if t.Kind == ir.Struct {
				return t
			}
			if t.Kind != ir.Alias {
				return nil
			}
			g = t.Underlying
		}
		return nil
	}
	const (
		unvisited = iota
		active
		done
	)
	state := map[*ir.Type]int{}
	var visit func(t *ir.Type)
	visit = func(t *ir.Type) {
		state[t] = active
		for _, f := range t.Fields {
			next := target(f.Type)
			if next == nil {
				continue
			}
			switch state[next] {
			case active:
				f.Type = &ir.GoType{Kind: ir.Pointer, Elem: f.Type}
			case unvisited:
				visit(next)
			}
		}
		state[t] = done
	}
	for _, t := range types {
		if t.Kind == ir.Struct && state[t] == unvisited {
			visit(t)
		}
	}
}

// checkAliasCycles refuses types that are, through aliases only, their
// own definition, or a union one of whose alternatives is (U: {oneOf:
// [{$ref: U}]}): `A: {allOf: [{$ref: A}]}` would be `type A = A`, which
// Go rejects, and which describes no value at all. A defined type may
// reach itself through a slice, map or pointer (type A []A); an alias may
// not reach itself at all.
func (l *lowerer) checkAliasCycles(types []*ir.Type) {
	byName := map[string]*ir.Type{}
	for _, t := range types {
		byName[t.Name] = t
	}
	for _, t := range types {
		if t.Kind != ir.Alias && t.Kind != ir.Union {
			continue
		}
		path := []string{t.Name}
		visited := map[string]bool{}
		var reach func(g *ir.GoType, composite bool) bool
		reach = func(g *ir.GoType, composite bool) bool {
			switch {
			case g == nil:
				return false
			case g.Kind == ir.Named:
				if g.Name == t.Name {
					path = append(path, g.Name)
					return t.IsAlias || !composite
				}
				next := byName[g.Name]
				if next == nil || next.Kind != ir.Alias || visited[g.Name] {
					return false
				}
				visited[g.Name] = true
				path = append(path, g.Name)
				if reach(next.Underlying, composite) {
					return true
				}
				path = path[:len(path)-1]
				return false
			case g.Elem != nil:
				return reach(g.Elem, true)
			}
			return false
		}
		starts := []*ir.GoType{t.Underlying}
		if t.Kind == ir.Union {
			// An alternative that is the union itself would read a value
			// by reading it again, without end.
			starts = nil
			for _, v := range t.Variants {
				starts = append(starts, v.Type)
			}
		}
		for _, start := range starts {
			if reach(start, false) {
				l.fail(diag.At(t.Pointer, "%s is defined only by itself (%s): its allOf, oneOf, anyOf or $ref leads back to it with nothing beside; give it a type or properties, or remove the self-reference", t.Name, strings.Join(path, " → ")))
				break
			}
			path = path[:1]
		}
	}
}
