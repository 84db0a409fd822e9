package lower

import "github.com/oasgen/oasgen/generator/ir"

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
