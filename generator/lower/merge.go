package lower

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// merger merges the properties of allOf parts into one object schema. A
// property two parts declare with different schemas holds a value that
// satisfies both (JSON Schema's allOf): the more specific schema when one
// extends the other (InvestmentBalance: allOf [Balance, ...] beside
// Balance), otherwise an allOf of the two, which lowers to a merged
// struct. The merger keeps the schemas it makes, so that merging the same
// two again gives the same schema, hence the same Go type.
type merger struct {
	both map[[2]*openapi3.Schema]*openapi3.SchemaRef
}

// into adds the properties and required lists of s and of its allOf parts,
// recursively, to dst. It returns a message, saying what to change, when
// two parts give a property schemas that no value can satisfy together.
func (m *merger) into(dst, s *openapi3.Schema) string {
	return m.walk(dst, s, map[*openapi3.Schema]bool{})
}

func (m *merger) walk(dst, s *openapi3.Schema, seen map[*openapi3.Schema]bool) string {
	if seen[s] {
		return ""
	}
	seen[s] = true
	for _, part := range s.AllOf {
		if part.Value == nil {
			continue
		}
		if msg := m.walk(dst, part.Value, seen); msg != "" {
			return msg
		}
	}
	if dst.Properties == nil {
		dst.Properties = openapi3.Schemas{}
	}
	for _, name := range sortedKeys(s.Properties) {
		p := s.Properties[name]
		old, ok := dst.Properties[name]
		if !ok {
			dst.Properties[name] = p
			continue
		}
		both, msg := m.property(old, p)
		if msg != "" {
			return fmt.Sprintf("property %q %s", name, msg)
		}
		dst.Properties[name] = both
	}
	for _, r := range s.Required {
		if !slices.Contains(dst.Required, r) {
			dst.Required = append(dst.Required, r)
		}
	}
	if dst.AdditionalProperties.Schema == nil {
		dst.AdditionalProperties = s.AdditionalProperties
	}
	return ""
}

// property is the schema of a property that one part declares as a and
// a later one as b.
func (m *merger) property(a, b *openapi3.SchemaRef) (*openapi3.SchemaRef, string) {
	switch {
	case b.Value == nil || a.Value == b.Value:
		return a, ""
	case a.Value == nil:
		return b, ""
	case annotationOnly(b.Value):
		return a, ""
	case annotationOnly(a.Value):
		return b, ""
	case core(a.Value) == core(b.Value):
		return a, "" // the same schema, wrapped to annotate it
	case extends(a.Value, b.Value, map[*openapi3.Schema]bool{}):
		return a, ""
	case extends(b.Value, a.Value, map[*openapi3.Schema]bool{}):
		return b, ""
	}
	ka, oka := kindsOf(a.Value, map[*openapi3.Schema]bool{})
	kb, okb := kindsOf(b.Value, map[*openapi3.Schema]bool{})
	if oka && okb && len(ka) > 0 && len(kb) > 0 && !slices.ContainsFunc(ka, func(k string) bool { return slices.Contains(kb, k) }) {
		return nil, fmt.Sprintf("is %s in one part and %s in another, which no value can be; make the parts agree on one schema for it", describe(a, ka), describe(b, kb))
	}
	key := [2]*openapi3.Schema{a.Value, b.Value}
	if both, ok := m.both[key]; ok {
		return both, ""
	}
	if m.both == nil {
		m.both = map[[2]*openapi3.Schema]*openapi3.SchemaRef{}
	}
	both := &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{a, b}}}
	m.both[key] = both
	return both, ""
}

// describe names a property's schema in a message: its $ref, or its kinds.
func describe(ref *openapi3.SchemaRef, kinds []string) string {
	if ref.Ref != "" {
		return ref.Ref + " (" + strings.Join(kinds, " or ") + ")"
	}
	return strings.Join(kinds, " or ")
}

// core follows allOf wrappers that only annotate one schema ({allOf:
// [{$ref: X}], readOnly: true}) to that schema.
func core(s *openapi3.Schema) *openapi3.Schema {
	for range 64 { // wrappers of wrappers, within reason (and cycles)
		if s == nil || len(s.AllOf) == 0 || s.Type != nil || len(s.Properties) > 0 || s.Items != nil ||
			len(s.OneOf) > 0 || len(s.AnyOf) > 0 || len(s.Enum) > 0 || s.Const != nil || len(s.Required) > 0 ||
			s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil {
			return s
		}
		var only *openapi3.Schema
		for _, p := range s.AllOf {
			if p.Value != nil && !annotationOnly(p.Value) {
				if only != nil {
					return s
				}
				only = p.Value
			}
		}
		if only == nil {
			return s
		}
		s = only
	}
	return s
}

// extends reports whether every value of a is a value of b because a is
// b, or b is among the allOf parts of a, at any depth.
func extends(a, b *openapi3.Schema, seen map[*openapi3.Schema]bool) bool {
	if a == b {
		return true
	}
	if seen[a] {
		return false
	}
	seen[a] = true
	for _, p := range a.AllOf {
		if p.Value != nil && extends(p.Value, b, seen) {
			return true
		}
	}
	return false
}

// alternatives adds to dst the properties the oneOf and anyOf alternatives
// of s declare that dst lacks.
func (m *merger) alternatives(dst, s *openapi3.Schema) {
	for _, alt := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if alt.Value == nil {
			continue
		}
		part := &openapi3.Schema{Properties: openapi3.Schemas{}}
		if m.into(part, alt.Value) != "" {
			continue
		}
		for name, p := range part.Properties {
			if _, ok := dst.Properties[name]; !ok {
				dst.Properties[name] = p
			}
		}
	}
}
