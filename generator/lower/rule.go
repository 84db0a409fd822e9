package lower

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
)

// checkedFormats are the formats a generated server checks.
var checkedFormats = map[string]bool{
	"date-time": true, "date": true, "uuid": true, "email": true,
	"uri": true, "ipv4": true, "ipv6": true, "byte": true,
}

// rule returns the validation rule of a schema used somewhere: a reference
// when the schema is a named type, its constraints otherwise.
func (l *lowerer) rule(ref *openapi3.SchemaRef, ptr string) *ir.Rule {
	if ref == nil || ref.Value == nil {
		return &ir.Rule{}
	}
	if t, ok := l.bySchema[ref.Value]; ok && t.Kind == ir.Named {
		return &ir.Rule{Ref: t.Name}
	}
	if base, ok := nullWrapped(ref.Value); ok {
		r := l.rule(base, ptr)
		if r.Ref != "" {
			return &ir.Rule{AnyOf: []*ir.Rule{r}, Nullable: true}
		}
		r.Nullable = true
		return r
	}
	return l.ruleBody(ref.Value, ptr, map[*openapi3.Schema]bool{})
}

// ruleBody returns the constraints of s itself. seen guards against
// cycles through schemas that have no named type.
func (l *lowerer) ruleBody(s *openapi3.Schema, ptr string, seen map[*openapi3.Schema]bool) *ir.Rule {
	if seen[s] {
		return &ir.Rule{}
	}
	seen[s] = true
	defer delete(seen, s)
	r := &ir.Rule{
		Types:      primaryTypes(s),
		Nullable:   nullable(s),
		Min:        s.Min,
		Max:        s.Max,
		MultipleOf: s.MultipleOf,
		MaxLength:  s.MaxLength,
		MinItems:   nonZero(s.MinItems),
		MaxItems:   s.MaxItems,
		MinProps:   nonZero(s.MinProps),
		MaxProps:   s.MaxProps,

		UniqueItems: s.UniqueItems,
	}
	if s.MinLength > 0 {
		r.MinLength = &s.MinLength
	}
	l.bounds(r, s)
	for _, v := range s.Enum {
		if v != nil {
			r.Enum = append(r.Enum, v)
		}
	}
	if s.Const != nil && len(s.Enum) == 0 {
		r.Enum = []any{s.Const}
	}
	for _, v := range r.Enum {
		switch v.(type) {
		case string, float64, bool, int, int64:
			continue
		}
		// An object or array value needs a deep comparison: the rule
		// lists every value as JSON text, which check compares as JSON
		// values (values held as any, union alternatives); the typed
		// checks of a field do not.
		l.warn(diag.At(diag.Pointer(ptr, "enum"), "enum lists an object or array value; the server checks it only on values it holds as any (unions use it to tell alternatives apart)"))
		for _, v := range r.Enum {
			if data, err := json.Marshal(v); err == nil {
				r.EnumJSON = append(r.EnumJSON, string(data))
			}
		}
		r.Enum = nil
		break
	}
	if checkedFormats[s.Format] {
		r.Format = s.Format
	}
	if s.Pattern != "" {
		if _, err := regexp.Compile(s.Pattern); err == nil {
			r.Pattern = s.Pattern
		} else {
			l.warn(diag.At(diag.Pointer(ptr, "pattern"), "pattern %q is not a Go regular expression; the server does not check it", s.Pattern))
		}
	}
	if s.Items != nil {
		r.Items = l.child(s.Items, diag.Pointer(ptr, "items"), seen)
	}
	obj := s
	if len(s.AllOf) > 0 {
		// A value satisfies every part: their constraints on it tighten
		// this rule; their properties are merged below.
		for i, part := range s.AllOf {
			if part.Value != nil && !annotationOnly(part.Value) {
				l.tighten(r, l.ruleBody(part.Value, diag.Pointer(ptr, "allOf", strconv.Itoa(i)), seen), ptr)
			}
		}
		obj = &openapi3.Schema{Properties: openapi3.Schemas{}}
		l.merge.into(obj, s)
		if len(r.Types) == 0 && len(obj.Properties) > 0 {
			r.Types = []string{"object"} // a struct holds it
		}
	}
	// The server checks requests: a readOnly property is not required
	// there (the client cannot know it).
	for _, name := range obj.Required {
		if p := obj.Properties[name]; p == nil || p.Value == nil || !p.Value.ReadOnly {
			r.Required = append(r.Required, name)
		}
	}
	slices.Sort(r.Required)
	for _, name := range sortedKeys(obj.Properties) {
		r.Props = append(r.Props, &ir.PropRule{Name: name, Rule: l.child(obj.Properties[name], diag.Pointer(ptr, "properties", name), seen)})
	}
	if ap := obj.AdditionalProperties; ap.Has != nil && !*ap.Has {
		r.NoAdditional = true
	} else if ap.Schema != nil {
		r.Additional = l.child(ap.Schema, diag.Pointer(ptr, "additionalProperties"), seen)
	}
	alts := s.OneOf
	if len(alts) == 0 {
		alts = s.AnyOf
	}
	for i, alt := range alts {
		if alt.Value != nil && alt.Value.Type != nil && alt.Value.Type.Is("null") {
			r.Nullable = true
			continue
		}
		r.AnyOf = append(r.AnyOf, l.child(alt, diag.Pointer(ptr, "anyOf", string(rune('0'+i%10))), seen))
	}
	r.Exclusive = len(s.OneOf) > 0 && len(r.AnyOf) > 1
	return r
}

// child is the rule of a subschema: a reference for a named type.
func (l *lowerer) child(ref *openapi3.SchemaRef, ptr string, seen map[*openapi3.Schema]bool) *ir.Rule {
	if ref == nil || ref.Value == nil {
		return &ir.Rule{}
	}
	if t, ok := l.bySchema[ref.Value]; ok && t.Kind == ir.Named {
		return &ir.Rule{Ref: t.Name}
	}
	return l.ruleBody(ref.Value, ptr, seen)
}

// bounds reads exclusive bounds, written as booleans in 3.0 and numbers in
// 3.1.
func (l *lowerer) bounds(r *ir.Rule, s *openapi3.Schema) {
	if s.ExclusiveMin.IsTrue() {
		r.ExclusiveMin = true
	} else if v := s.ExclusiveMin.Value; v != nil {
		r.Min, r.ExclusiveMin = v, true
	}
	if s.ExclusiveMax.IsTrue() {
		r.ExclusiveMax = true
	} else if v := s.ExclusiveMax.Value; v != nil {
		r.Max, r.ExclusiveMax = v, true
	}
}

func nonZero(v uint64) *uint64 {
	if v == 0 {
		return nil
	}
	return &v
}

// sameRule reports whether schema s says of a value only what the schema
// of the named type says (s is it, a wrapper of it, or a nullable one),
// so that a type of s declared as an alias of that one checks its rule.
// An allOf that tightens it ({allOf: [{$ref: Kind}, {enum: [a]}]}) does
// not.
func (l *lowerer) sameRule(s *openapi3.Schema, name string) bool {
	under := l.typeSchema[name]
	if base, ok := nullWrapped(s); ok && base.Value != nil {
		s = base.Value
	}
	return under != nil && (core(s) == core(under) || l.bySchema[core(s)] != nil && l.bySchema[core(s)].Name == name)
}

// typeRules sets the rule of every named type from the schema it came
// from.
func (l *lowerer) typeRules() {
	for _, t := range l.types {
		s, ok := l.typeSchema[t.Name]
		if !ok {
			t.Rule = &ir.Rule{}
			continue
		}
		if t.Kind == ir.Alias && t.IsAlias && t.Underlying.Kind == ir.Named && l.sameRule(s, t.Underlying.Name) {
			t.Rule = &ir.Rule{Ref: t.Underlying.Name}
			if t.Nullable {
				// A nullable wrapper of a type (oneOf: [{type: 'null'}, X]).
				t.Rule = &ir.Rule{AnyOf: []*ir.Rule{t.Rule}, Nullable: true}
			}
			continue
		}
		t.Rule = l.ruleBody(s, t.Pointer, map[*openapi3.Schema]bool{})
		for _, f := range t.Fields {
			if f.Type.HoldsFiles() {
				// The form decoder checks a file part's presence; nothing
				// else of a string rule applies to a file.
				t.Rule.Props = slices.DeleteFunc(t.Rule.Props, func(p *ir.PropRule) bool { return p.Name == f.JSONName })
				t.Rule.Required = slices.DeleteFunc(t.Rule.Required, func(n string) bool { return n == f.JSONName })
			}
		}
	}
}
