package load

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
)

// A schema applies its allOf, oneOf and anyOf parts and its not to the
// very value it describes ("in place"), unlike properties, items and
// additionalProperties, which describe values inside it. A chain of
// in-place parts that leads back to where it started (Node: {allOf:
// [{$ref: Node}, ...]}) asks a validator to check a value against Node
// in order to check it against Node: JSON Schema leaves such a schema
// undefined (2020-12 core, "infinite recursion"), and a naive walk over it
// never ends.
//
// breakInPlaceCycles finds every such chain with one depth-first search
// over the in-place parts and leaves out the part that closes it (or, when
// its schema would say nothing without it, another part along the chain),
// with a lenient warning: what the schemas say beside it is their meaning.
// Where nothing would be left anywhere along it (Self: {allOf: [{$ref:
// Self}]}), the chain is kept as it is for lowering to refuse. After it,
// the in-place parts of a document form no cycle except through such refused schemas, so the
// generator's recursions over allOf, oneOf and anyOf end; recursions over
// properties and items end because each goes through a memo of the
// schemas it has met.
func breakInPlaceCycles(doc *openapi3.T) []*diag.Diagnostic {
	// A schema is named where it is defined: a component by its key, even
	// when the walk meets it first through a $ref elsewhere.
	where := map[*openapi3.Schema]string{}
	if doc.Components != nil {
		for _, k := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
			if ref := doc.Components.Schemas[k]; ref != nil && ref.Value != nil && ref.Ref == "" {
				where[ref.Value] = diag.Pointer("", "components", "schemas", k)
			}
		}
	}
	var order []*openapi3.Schema
	EachSchema(doc, func(s *openapi3.Schema, at *Path) bool {
		if _, ok := where[s]; !ok {
			where[s] = at.Pointer()
		}
		order = append(order, s)
		return true
	})
	const (
		white = iota
		grey
		black
	)
	color := map[*openapi3.Schema]uint8{}
	var notes []*diag.Diagnostic
	type frame struct {
		s     *openapi3.Schema
		parts []inPlacePart
		next  int
	}
	for _, root := range order {
		if color[root] != white {
			continue
		}
		stack := []*frame{{s: root, parts: inPlaceParts(root)}}
		color[root] = grey
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if top.next == len(top.parts) {
				color[top.s] = black
				stack = stack[:len(stack)-1]
				continue
			}
			p := top.parts[top.next]
			top.next++
			switch color[p.target] {
			case white:
				color[p.target] = grey
				stack = append(stack, &frame{s: p.target, parts: inPlaceParts(p.target)})
			case grey:
				// The cycle is the frames from the one of p.target up, and
				// p. The part that closes it is left out, or, when its
				// schema would say nothing without it, the part before,
				// and so on back along the cycle.
				k := len(stack) - 1
				for stack[k].s != p.target {
					k--
				}
				var path []string
				for _, f := range stack[k:] {
					path = append(path, schemaName(where, f.s))
				}
				path = append(path, schemaName(where, p.target))
				for i := len(stack) - 1; i >= k; i-- {
					from, part := stack[i].s, p
					if i < len(stack)-1 {
						part = stack[i].parts[stack[i].next-1]
					}
					if n := dropPart(from, part); n != nil {
						n.Pointer = diag.Pointer(where[from], part.tokens()...)
						n.Msg = "this part leads back to where it started (" + strings.Join(path, " → ") + ") with no property or item in between, which gives no finite meaning (JSON Schema leaves it undefined); it is left out, and the schema means what the rest of it says"
						notes = append(notes, n)
						break
					}
				}
			}
		}
	}
	for _, s := range order {
		s.OneOf = slices.DeleteFunc(s.OneOf, func(r *openapi3.SchemaRef) bool { return r == nil })
		s.AnyOf = slices.DeleteFunc(s.AnyOf, func(r *openapi3.SchemaRef) bool { return r == nil })
	}
	return notes
}

// inPlacePart is an allOf, oneOf or anyOf part of a schema, or its not.
type inPlacePart struct {
	keyword string
	index   int
	target  *openapi3.Schema
}

func (p inPlacePart) tokens() []string {
	if p.keyword == "not" {
		return []string{"not"}
	}
	return []string{p.keyword, strconv.Itoa(p.index)}
}

func inPlaceParts(s *openapi3.Schema) []inPlacePart {
	var out []inPlacePart
	for _, kw := range []struct {
		name string
		list openapi3.SchemaRefs
	}{{"allOf", s.AllOf}, {"oneOf", s.OneOf}, {"anyOf", s.AnyOf}} {
		for i, ref := range kw.list {
			if ref != nil && ref.Value != nil {
				out = append(out, inPlacePart{kw.name, i, ref.Value})
			}
		}
	}
	if s.Not != nil && s.Not.Value != nil {
		out = append(out, inPlacePart{"not", 0, s.Not.Value})
	}
	return out
}

// dropPart leaves p out of s and returns a lenient warning to complete,
// or does nothing and returns nil when s would say nothing without it.
// The part is replaced by an empty schema, which every value satisfies,
// in allOf (so that the parts keep their positions), and removed from
// oneOf and anyOf once the search is over (nil until then).
func dropPart(s *openapi3.Schema, p inPlacePart) *diag.Diagnostic {
	kept := 0
	for _, q := range inPlaceParts(s) {
		if q != p && q.target != s && !onlyAnnotates(q.target) {
			kept++
		}
	}
	if kept == 0 && !describesOwnValue(s) {
		return nil
	}
	switch p.keyword {
	case "allOf":
		s.AllOf[p.index] = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
	case "oneOf":
		s.OneOf[p.index] = nil // removed by compact, once the search is over
	case "anyOf":
		s.AnyOf[p.index] = nil
	case "not":
		s.Not = nil
	}
	return &diag.Diagnostic{Lenient: true}
}

// describesOwnValue reports whether a schema says something of its value
// beyond its in-place parts.
func describesOwnValue(s *openapi3.Schema) bool {
	return s.Type != nil || len(s.Properties) > 0 || s.Items != nil || len(s.Enum) > 0 || s.Const != nil ||
		s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil || len(s.Required) > 0 ||
		s.Format != "" || len(s.PatternProperties) > 0
}

// onlyAnnotates reports whether a schema says nothing of its value.
func onlyAnnotates(s *openapi3.Schema) bool {
	return !describesOwnValue(s) && len(s.AllOf) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && s.Not == nil
}

// schemaName names a schema in a warning: a component by its key, another
// by its pointer.
func schemaName(where map[*openapi3.Schema]string, s *openapi3.Schema) string {
	ptr := where[s]
	if name, ok := strings.CutPrefix(ptr, "/components/schemas/"); ok && !strings.Contains(name, "/") {
		return diag.Split("/" + name)[0]
	}
	return "#" + ptr
}
