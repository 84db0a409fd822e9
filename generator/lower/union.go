package lower

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// union lowers a oneOf or anyOf into a struct with one field per
// alternative; the emitted decoder fills the alternatives the JSON matches.
func (l *lowerer) union(t *ir.Type, s *openapi3.Schema) {
	t.Kind = ir.Union
	l.support[ir.SupportUnion] = true
	alts, keyword := s.AnyOf, "anyOf"
	if len(s.OneOf) > 0 {
		alts, keyword, t.Exclusive = s.OneOf, "oneOf", true
	}
	reg := names.NewRegistry()
	for i, alt := range alts {
		if alt.Value == nil || (alt.Value.Type != nil && alt.Value.Type.Is("null")) {
			continue
		}
		ptr := diag.Pointer(t.Pointer, keyword, strconv.Itoa(i))
		typ := l.goType(alt, ptr, t.Name+variantWord(alt, i))
		v := &ir.Variant{
			Name:      reg.Claim(variantName(alt, typ, i)),
			Type:      typ,
			JSONKinds: jsonKinds(alt.Value),
			Required:  requiredOf(alt.Value),
		}
		shapeOf(&l.merge, v, alt.Value)
		v.Rule = l.rule(alt, ptr)
		t.Variants = append(t.Variants, v)
	}
	// A value that fits no alternative (one a newer API adds) is kept.
	t.Unknown = reg.Claim("Unknown")
	if s.Discriminator != nil && s.Discriminator.PropertyName != "" {
		t.Discriminator = discriminator(s.Discriminator, alts, t.Variants)
	}
	if !t.Exclusive && t.Discriminator == nil {
		l.warnSharedProperties(t, alts)
	}
}

// discriminator maps the values of a discriminator property to variants:
// the mapping's values, and for variants the mapping leaves out, the name
// of their component schema (as OpenAPI says).
func discriminator(d *openapi3.Discriminator, alts openapi3.SchemaRefs, variants []*ir.Variant) *ir.Discriminator {
	out := &ir.Discriminator{Property: d.PropertyName}
	// variantOf pairs the non-null alternatives with their variants.
	variantOf := map[*openapi3.SchemaRef]*ir.Variant{}
	i := 0
	for _, alt := range alts {
		if alt.Value == nil || (alt.Value.Type != nil && alt.Value.Type.Is("null")) {
			continue
		}
		variantOf[alt] = variants[i]
		i++
	}
	mapped := map[*ir.Variant]bool{}
	for _, value := range sortedKeys(d.Mapping) {
		ref := d.Mapping[value]
		for alt, v := range variantOf {
			if alt.Ref == ref.Ref || (ref.Value != nil && alt.Value == ref.Value) || lastToken(alt.Ref) == ref.Ref {
				out.Cases = append(out.Cases, &ir.DiscriminatorCase{Value: value, Variant: v.Name})
				mapped[v] = true
				break
			}
		}
	}
	for _, alt := range alts {
		value := lastToken(alt.Ref)
		if v, ok := variantOf[alt]; ok && !mapped[v] && alt.Ref != "" && !hasCase(out.Cases, value) {
			// The implicit value (the schema's name) yields to an explicit
			// mapping of the same value to another schema.
			out.Cases = append(out.Cases, &ir.DiscriminatorCase{Value: value, Variant: v.Name})
		}
	}
	slices.SortFunc(out.Cases, func(a, b *ir.DiscriminatorCase) int { return strings.Compare(a.Value, b.Value) })
	return out
}

func hasCase(cases []*ir.DiscriminatorCase, value string) bool {
	for _, c := range cases {
		if c.Value == value {
			return true
		}
	}
	return false
}

// lastToken is the name a $ref ends in: the last token of its JSON
// pointer, unescaped ("#/components/schemas/a~1b" gives "a/b").
func lastToken(ref string) string {
	if _, frag, ok := strings.Cut(ref, "#"); ok {
		if unescaped, err := url.PathUnescape(frag); err == nil {
			frag = unescaped
		}
		if tokens := diag.Split(frag); len(tokens) > 0 {
			return tokens[len(tokens)-1]
		}
		return ""
	}
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		return ref[i+1:]
	}
	return ref
}

// variantWord names an inline alternative from its title or position.
func variantWord(alt *openapi3.SchemaRef, i int) string {
	if alt.Value.Title != "" {
		return names.Exported(alt.Value.Title)
	}
	return "Variant" + strconv.Itoa(i+1)
}

// variantName is the Go field name of an alternative.
func variantName(alt *openapi3.SchemaRef, typ *ir.GoType, i int) string {
	switch {
	case typ.Kind == ir.Named:
		return typ.Name
	case alt.Value.Title != "":
		return names.Exported(alt.Value.Title)
	case typ.Kind == ir.Builtin || typ.Kind == ir.Qualified:
		return names.Exported(typ.Name)
	case typ.Kind == ir.Slice:
		return "List"
	case typ.Kind == ir.Map:
		return "Map"
	}
	return "Variant" + strconv.Itoa(i+1)
}

// jsonKinds lists the JSON value kinds a schema accepts, or nil when it
// accepts any.
func jsonKinds(s *openapi3.Schema) []string {
	kinds, ok := kindsOf(s, map[*openapi3.Schema]bool{})
	if !ok {
		return nil
	}
	slices.Sort(kinds)
	return kinds
}

// kindsOf is jsonKinds for a schema reached through the alternatives in
// seen: one that leads back to itself adds no kind.
func kindsOf(s *openapi3.Schema, seen map[*openapi3.Schema]bool) ([]string, bool) {
	if seen[s] {
		return nil, true
	}
	seen[s] = true
	defer delete(seen, s)
	var kinds []string
	add := func(k string) {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, t := range primaryTypes(s) {
		switch t {
		case "integer", "number":
			add("number")
		default:
			add(t)
		}
	}
	if len(kinds) == 0 && len(s.Properties) > 0 {
		add("object")
	}
	if len(kinds) == 0 && len(s.AllOf) > 0 {
		// The value is what every part allows: the kinds the parts that
		// say agree on, null when every part allows it.
		known := false
		for _, p := range s.AllOf {
			if p.Value == nil || annotationOnly(p.Value) {
				continue
			}
			sub, ok := kindsOf(p.Value, seen)
			if !ok || len(sub) == 0 {
				continue // this part says nothing of the kind
			}
			sub = slices.DeleteFunc(slices.Clone(sub), func(k string) bool { return k == "null" })
			if !known {
				kinds, known = sub, true
				continue
			}
			kinds = slices.DeleteFunc(kinds, func(k string) bool { return !slices.Contains(sub, k) })
		}
		if !known {
			return nil, false
		}
		if nullable(s) {
			add("null")
		}
	}
	if len(kinds) == 0 && (len(s.Enum) > 0 || s.Const != nil) {
		values := s.Enum
		if len(values) == 0 {
			values = []any{s.Const}
		}
		for _, v := range values {
			if k := jsonKind(v); k != "" {
				add(k)
			}
		}
	}
	if len(kinds) == 0 {
		alts := append(slices.Clone(s.OneOf), s.AnyOf...)
		if len(alts) == 0 {
			return nil, false
		}
		for _, alt := range alts {
			if alt.Value == nil {
				return nil, false
			}
			sub, ok := kindsOf(alt.Value, seen)
			if !ok {
				return nil, false
			}
			for _, k := range sub {
				add(k)
			}
		}
	}
	return kinds, true
}

// jsonKind is the kind of a JSON value as the loader reads it.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64, int, int64, uint64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case nil:
		return "null"
	}
	return ""
}

// requiredOf lists the properties an object needs, including those its
// allOf parts require, sorted.
func requiredOf(s *openapi3.Schema) []string {
	var out []string
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, r := range s.Required {
			// readOnly and writeOnly properties are missing from one
			// direction's values: not a way to tell alternatives apart.
			if p := s.Properties[r]; p != nil && p.Value != nil && (p.Value.ReadOnly || p.Value.WriteOnly) {
				continue
			}
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
		for _, p := range s.AllOf {
			walk(p.Value)
		}
	}
	walk(s)
	slices.Sort(out)
	return out
}

// shapeOf fills in what a JSON value must look like to be variant v: the
// properties of an object alternative (its allOf parts merged), whether it
// is closed, and the kinds of an array alternative's items.
func shapeOf(m *merger, v *ir.Variant, s *openapi3.Schema) {
	v.Values = enumTexts(s)
	if _, err := regexp.Compile(s.Pattern); err == nil {
		v.Pattern = s.Pattern
	}
	if s.Const != nil {
		if data, err := json.Marshal(s.Const); err == nil {
			v.Values = []string{string(data)}
		}
	}
	if s.Items != nil && s.Items.Value != nil {
		v.ItemKinds = jsonKinds(s.Items.Value)
		v.ItemRequired = requiredOf(s.Items.Value)
	}
	obj := s
	if len(s.AllOf) > 0 {
		obj = &openapi3.Schema{Properties: openapi3.Schemas{}}
		if m.into(obj, s) != "" {
			return
		}
	}
	v.Closed = obj.AdditionalProperties.Has != nil && !*obj.AdditionalProperties.Has && len(obj.PatternProperties) == 0
	for _, name := range sortedKeys(obj.Properties) {
		p := &ir.VariantProp{Name: name}
		if ps := obj.Properties[name].Value; ps != nil {
			p.Kinds = jsonKinds(ps)
			if nullable(ps) && len(p.Kinds) > 0 && !slices.Contains(p.Kinds, "null") {
				p.Kinds = append(p.Kinds, "null")
				slices.Sort(p.Kinds)
			}
			p.Const = constText(ps)
		}
		v.Properties = append(v.Properties, p)
	}
}

// enumTexts are the JSON texts of the values an enum allows, nil when it
// allows any.
func enumTexts(s *openapi3.Schema) []string {
	var out []string
	for _, v := range s.Enum {
		data, err := json.Marshal(v)
		if err != nil {
			return nil
		}
		out = append(out, string(data))
	}
	return out
}

// constText is the JSON text of the one value a schema allows (a const or
// a one-value enum), or "".
func constText(s *openapi3.Schema) string {
	var only any
	switch {
	case s.Const != nil:
		only = s.Const
	case len(s.Enum) == 1 && s.Enum[0] != nil:
		only = s.Enum[0]
	default:
		return ""
	}
	data, err := json.Marshal(only)
	if err != nil {
		return ""
	}
	return string(data)
}

// sameValues reports whether two property schemas hold the same values as
// far as Go types go: one schema, or scalars of one type, format and
// nullability.
func sameValues(a, b *openapi3.Schema) bool {
	if a == b {
		return true
	}
	ta, tb := primaryTypes(a), primaryTypes(b)
	if !slices.Equal(ta, tb) || len(ta) != 1 || ta[0] == "object" || ta[0] == "array" {
		return false
	}
	return a.Format == b.Format && nullable(a) == nullable(b)
}

// warnSharedProperties warns about anyOf alternatives that declare one
// property with different schemas: a value that fits both is decoded into
// both (told apart one level deep only) and encoded with the first's.
func (l *lowerer) warnSharedProperties(t *ir.Type, alts openapi3.SchemaRefs) {
	type decl struct {
		variant string
		schema  *openapi3.Schema
	}
	seen := map[string]decl{}
	i := 0
	for _, alt := range alts {
		if alt.Value == nil || (alt.Value.Type != nil && alt.Value.Type.Is("null")) {
			continue
		}
		v := t.Variants[i]
		i++
		obj := alt.Value
		if len(obj.AllOf) > 0 {
			obj = &openapi3.Schema{Properties: openapi3.Schemas{}}
			if l.merge.into(obj, alt.Value) != "" {
				continue
			}
		}
		for _, name := range sortedKeys(obj.Properties) {
			p := obj.Properties[name]
			if d, ok := seen[name]; ok && p.Value != nil && !sameValues(d.schema, p.Value) {
				l.warn(diag.At(t.Pointer, "anyOf alternatives %s and %s both declare %q, differently: a value that fits both is encoded with %s's", d.variant, v.Name, name, d.variant))
				return
			}
			if _, ok := seen[name]; !ok && p.Value != nil {
				seen[name] = decl{v.Name, p.Value}
			}
		}
	}
}
