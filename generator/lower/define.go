package lower

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// define fills in the declaration of the named type t from schema s.
func (l *lowerer) define(t *ir.Type, s *openapi3.Schema) {
	if v, ok := s.Extensions["x-error-message"]; ok {
		l.messageHints[t] = v
	}
	if s.Const != nil && len(s.Enum) == 0 {
		// A const is an enum of one value.
		c := *s
		c.Enum = []any{s.Const}
		s = &c
	}
	l.typeSchema[t.Name] = s
	t.Doc, t.Deprecated = s.Description, s.Deprecated
	if t.Doc == "" {
		t.Doc = s.Title
	}
	if base, ok := nullWrapped(s); ok {
		l.alias(t, l.goType(base, t.Pointer, t.Name))
		return
	}
	switch {
	case len(s.Enum) > 0 && len(primaryTypes(s)) <= 1:
		l.enum(t, s)
	case len(s.AllOf) > 0:
		l.allOf(t, s)
	case (len(s.OneOf) > 0 || len(s.AnyOf) > 0) && len(s.Properties) > 0:
		l.propertiesBesideUnion(t, s)
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		l.union(t, s)
	case len(s.Properties) > 0:
		t.Kind = ir.Struct
		l.fields(t, s, s.Required)
	case s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has && s.Type != nil && s.Type.Is("object"):
		// An object that allows no property at all: the empty struct
		// holds every instance.
		t.Kind = ir.Struct
	default:
		l.alias(t, l.plainType(s, t.Pointer, t.Name))
	}
}

// alias makes t a defined type over u, or a Go alias when u carries
// methods a defined type would lose.
func (l *lowerer) alias(t *ir.Type, u *ir.GoType) {
	t.Kind, t.Underlying = ir.Alias, u
	t.IsAlias = u.Kind == ir.Named || u.Kind == ir.Qualified
}

// fields lowers the properties of s into struct fields of t, sorted by
// JSON name, with the given required list.
func (l *lowerer) fields(t *ir.Type, s *openapi3.Schema, required []string) {
	reg := names.NewRegistry()
	for _, name := range sortedKeys(s.Properties) {
		prop := s.Properties[name]
		ptr := diag.Pointer(t.Pointer, "properties", name)
		goName := reg.Claim(names.Exported(name))
		f := &ir.Field{
			Name:     goName,
			JSONName: name,
			Required: slices.Contains(required, name),
			Nullable: prop.Value != nil && nullable(prop.Value),
		}
		if prop.Value != nil {
			f.Doc, f.Deprecated = prop.Value.Description, prop.Value.Deprecated
			f.ReadOnly, f.WriteOnly = prop.Value.ReadOnly, prop.Value.WriteOnly
		}
		typ := l.goType(prop, ptr, t.Name+goName)
		switch {
		case !f.Required && f.Nullable && typ.Kind != ir.Pointer:
			// Absent, null and a value are three states: Nullable (an
			// empty list or object is a value, so collections too).
			f.Type, f.OmitZero = &ir.GoType{Kind: ir.NullableOf, Elem: typ}, true
			l.support[ir.SupportNullable] = true
		case !f.Required:
			f.Type, f.OmitEmpty = optional(typ), true
		case f.Nullable:
			f.Type = optional(typ)
		default:
			f.Type = typ
		}
		// A required writeOnly property is always encoded, as a client must
		// send it; the server's response view leaves it out. A required
		// readOnly one is always encoded, as a server must send it; the
		// client's request view leaves it out when zero.
		t.Fields = append(t.Fields, f)
	}
	// A required property the schema does not describe may hold anything:
	// a field of type any keeps it.
	for _, name := range required {
		if _, ok := s.Properties[name]; ok || slices.ContainsFunc(t.Fields, func(f *ir.Field) bool { return f.JSONName == name }) {
			continue
		}
		t.Fields = append(t.Fields, &ir.Field{Name: reg.Claim(names.Exported(name)), JSONName: name, Required: true, Type: builtin("any")})
		slices.SortFunc(t.Fields, func(a, b *ir.Field) int { return strings.Compare(a.JSONName, b.JSONName) })
	}
	switch {
	case s.AdditionalProperties.Schema != nil:
		t.Extra = l.element(s.AdditionalProperties.Schema, diag.Pointer(t.Pointer, "additionalProperties"), t.Name+"Value")
	case len(s.PatternProperties) == 1:
		for pattern, ps := range s.PatternProperties {
			t.Extra = l.element(ps, diag.Pointer(t.Pointer, "patternProperties", pattern), t.Name+"Value")
		}
	case len(s.PatternProperties) > 1:
		t.Extra = builtin("any")
	}
	if t.Extra != nil {
		t.ExtraField = reg.Claim("AdditionalProperties")
	}
	if ap := s.AdditionalProperties; t.Extra == nil && len(s.PatternProperties) == 0 && (ap.Has == nil || *ap.Has) {
		// Other properties are allowed and say nothing: those a newer API
		// adds are kept as they are.
		t.Unknown = reg.Claim("Unknown")
	}
}

// allOf merges the parts of an allOf into one struct. A lone reference with
// nothing beside it becomes an alias of the referenced type.
func (l *lowerer) allOf(t *ir.Type, s *openapi3.Schema) {
	// Parts that only annotate ({description: ...}, {nullable: false}) add
	// nothing to the value: with one part left, the type is that part.
	var kept []int
	for i, p := range s.AllOf {
		if p.Value == nil || !annotationOnly(p.Value) {
			kept = append(kept, i)
		}
	}
	if len(kept) == 0 && len(s.Properties) == 0 && (s.Type == nil || !s.Type.Is("object")) {
		// Every part only annotates: the value may be anything.
		l.alias(t, builtin("any"))
		return
	}
	if len(kept) > 1 && len(s.Properties) == 0 && (allScalar(s.AllOf, kept) || notObject(s)) {
		// Parts that each constrain one value that is no object: the
		// first part whose kinds are those the parts agree on says its
		// type (the server checks them all).
		i := narrowestPart(s, kept)
		l.alias(t, l.goType(s.AllOf[i], diag.Pointer(t.Pointer, "allOf", strconv.Itoa(i)), t.Name+"Base"))
		return
	}
	if len(kept) == 1 && len(s.Properties) == 0 {
		i := kept[0]
		if part := s.AllOf[i]; part.Ref == "" && part.Value != nil && l.bySchema[part.Value] == nil && needsDeclaration(part.Value) {
			// One inline part: the type is that part's.
			doc := t.Doc
			l.bySchema[part.Value] = named(t.Name)
			l.define(t, part.Value)
			if t.Doc == "" {
				t.Doc = doc
			}
			return
		}
		l.alias(t, l.goType(s.AllOf[i], diag.Pointer(t.Pointer, "allOf", strconv.Itoa(i)), t.Name+"Base"))
		return
	}
	merged := &openapi3.Schema{Properties: openapi3.Schemas{}}
	if err := l.merge.into(merged, s); err != "" {
		l.fail(diag.At(t.Pointer, "allOf: %s", err))
		return
	}
	for _, i := range kept {
		if p := s.AllOf[i].Value; p != nil && (len(p.OneOf) > 0 || len(p.AnyOf) > 0) && len(p.Properties) == 0 {
			l.merge.alternatives(merged, p)
			l.warn(diag.At(diag.Pointer(t.Pointer, "allOf", strconv.Itoa(i)), "an allOf part that is a oneOf or anyOf: the struct holds the properties of every alternative (optional), not which alternative a value is"))
		}
	}
	t.Kind = ir.Struct
	l.fields(t, merged, merged.Required)
}

// enumList writes enum values as JSON, for documentation.
func enumList(values []any) string {
	parts := make([]string, 0, len(values))
	for _, v := range values {
		b, _ := json.Marshal(v)
		parts = append(parts, string(b))
	}
	return strings.Join(parts, ", ")
}

// annotationOnly reports whether a schema says nothing about the value
// beyond annotations: no type, properties, items, composition, enum or
// constraint that changes what Go type holds it.
func annotationOnly(s *openapi3.Schema) bool {
	return s.Type == nil && len(s.Properties) == 0 && s.Items == nil && len(s.AllOf) == 0 &&
		len(s.OneOf) == 0 && len(s.AnyOf) == 0 && s.Not == nil && len(s.Enum) == 0 && s.Const == nil &&
		s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil && len(s.Required) == 0 &&
		s.Format == "" && len(s.PatternProperties) == 0
}

// propertiesBesideUnion makes one struct of an object's properties and
// those its oneOf or anyOf alternatives add (optional): every value's data
// has a field, though the struct does not say which alternative it is.
func (l *lowerer) propertiesBesideUnion(t *ir.Type, s *openapi3.Schema) {
	merged := &openapi3.Schema{Properties: openapi3.Schemas{}, Required: slices.Clone(s.Required), AdditionalProperties: s.AdditionalProperties}
	for name, p := range s.Properties {
		merged.Properties[name] = p
	}
	l.merge.alternatives(merged, s)
	t.Kind = ir.Struct
	l.fields(t, merged, merged.Required)
	keyword := "oneOf"
	if len(s.OneOf) == 0 {
		keyword = "anyOf"
	}
	l.warn(diag.At(t.Pointer, "properties beside %s: the struct holds them and the properties of every alternative (optional), not which alternative a value is", keyword))
}

// notObject reports whether the values of an allOf are known not to be
// objects (parts that are scalars or arrays, through wrappers and
// references): the first part says the Go type, not a merged struct.
func notObject(s *openapi3.Schema) bool {
	kinds, ok := kindsOf(s, map[*openapi3.Schema]bool{})
	return ok && len(kinds) > 0 && !slices.Contains(kinds, "object")
}

// narrowestPart is the first kept part of an allOf whose kinds are only
// those every part allows ({type: array, items: X} beside {oneOf:
// [{type: object}, {type: array}]}), or the first kept part.
func narrowestPart(s *openapi3.Schema, kept []int) int {
	all, ok := kindsOf(s, map[*openapi3.Schema]bool{})
	if ok {
		for _, i := range kept {
			if p := s.AllOf[i].Value; p != nil {
				if kinds, ok := kindsOf(p, map[*openapi3.Schema]bool{}); ok && len(kinds) > 0 &&
					!slices.ContainsFunc(kinds, func(k string) bool { return k != "null" && !slices.Contains(all, k) }) {
					return i
				}
			}
		}
	}
	return kept[0]
}

// allScalar reports whether the kept allOf parts are all of one scalar
// JSON type (string, number, integer or boolean), without properties.
func allScalar(parts openapi3.SchemaRefs, kept []int) bool {
	first := ""
	for _, i := range kept {
		p := parts[i].Value
		if p == nil || len(p.Properties) > 0 || len(p.AllOf) > 0 || len(p.OneOf) > 0 || len(p.AnyOf) > 0 {
			return false
		}
		types := primaryTypes(p)
		if len(types) != 1 || types[0] == "object" || types[0] == "array" {
			return false
		}
		if first == "" {
			first = types[0]
		} else if types[0] != first {
			return false
		}
	}
	return true
}
