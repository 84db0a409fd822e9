package lower

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// components names every component schema first, so that references to
// them (including recursive ones) resolve, then lowers their bodies.
func (l *lowerer) components() {
	if l.doc.Components == nil {
		return
	}
	schemas := l.doc.Components.Schemas
	keys := sortedKeys(schemas)
	pending := make([]*ir.Type, len(keys))
	for i, k := range keys {
		ref := schemas[k]
		if ref == nil || ref.Value == nil {
			if ref != nil && ref.Ref != "" {
				l.fail(diag.At(diag.Pointer("", "components", "schemas", k), "the $ref %q leads to no schema (a cycle of $refs, or a missing target); point it at a schema", ref.Ref))
			}
			continue
		}
		t := &ir.Type{Name: l.names.Claim(names.Exported(k)), Pointer: diag.Pointer("", "components", "schemas", k)}
		pending[i] = t
		if ref.Ref == "" {
			if _, dup := l.bySchema[ref.Value]; !dup {
				l.bySchema[ref.Value] = named(t.Name)
			}
		}
	}
	for i, k := range keys {
		t := pending[i]
		if t == nil {
			continue
		}
		ref := schemas[k]
		if ref.Ref != "" || l.bySchema[ref.Value].Name != t.Name {
			// A component that is only a reference to another becomes a
			// Go alias of that one's type.
			l.alias(t, l.goType(ref, t.Pointer, t.Name))
			l.typeSchema[t.Name] = ref.Value
			t.Doc = ref.Value.Description
			l.declare(t)
			continue
		}
		l.define(t, ref.Value)
		l.declare(t)
	}
}

// declare adds t to the named types of the package.
func (l *lowerer) declare(t *ir.Type) {
	if s := l.typeSchema[t.Name]; s != nil {
		t.Nullable = nullable(s)
	}
	l.types = append(l.types, t)
	l.typeByName[t.Name] = t
}

// maxInlineName bounds the names of types declared for inline schemas,
// which join a word per level of nesting (see names.Bound).
const maxInlineName = 200

// goType returns the Go type of a schema used at ptr; ctx is the name an
// inline schema that needs a declaration of its own is given.
func (l *lowerer) goType(ref *openapi3.SchemaRef, ptr, ctx string) *ir.GoType {
	if ref == nil || ref.Value == nil {
		return builtin("any")
	}
	s := ref.Value
	if t, ok := l.bySchema[s]; ok {
		return t
	}
	if ref.Ref != "" && !l.extendedRef(ref) {
		// A reference to something other than a component schema
		// (a property of one, or another file): name it after its target.
		ptr = ref.Ref
		if i := strings.LastIndexAny(ref.Ref, "/#"); i >= 0 && i+1 < len(ref.Ref) {
			ctx = names.Exported(strings.TrimSuffix(ref.Ref[i+1:], ".yaml"))
		}
	}
	if base, ok := nullWrapped(s); ok {
		return l.goType(base, ptr, ctx)
	}
	if c := core(s); c != s {
		// {allOf: [{$ref: X}], readOnly: true}: X, annotated.
		return l.goType(&openapi3.SchemaRef{Value: c}, ptr, ctx)
	}
	if needsDeclaration(s) {
		t := &ir.Type{Name: l.names.Claim(names.Bound(ctx, maxInlineName)), Pointer: ptr}
		l.bySchema[s] = named(t.Name)
		l.define(t, s)
		l.declare(t)
		return named(t.Name)
	}
	return l.undeclared(s, ptr, ctx)
}

// undeclared is the Go type of an inline schema that needs no declaration
// of its own (an array, a map, a scalar), unless it holds itself: an
// array whose items lead back to the array through a $ref into it
// (A: {items: {$ref: '#/components/schemas/A/items'}}) gets a name, as a
// component would, when the walk meets it the second time; the walk
// stops there.
func (l *lowerer) undeclared(s *openapi3.Schema, ptr, ctx string) *ir.GoType {
	if t, ok := l.lowering[s]; ok {
		if t.Name == "" {
			t.Name = l.names.Claim(names.Bound(t.Doc, maxInlineName))
			l.bySchema[s] = named(t.Name)
		}
		return named(t.Name)
	}
	t := &ir.Type{Pointer: ptr, Doc: ctx} // Doc holds the name to claim until a name is needed
	l.lowering[s] = t
	u := l.plainType(s, ptr, ctx)
	delete(l.lowering, s)
	if t.Name == "" {
		return u
	}
	t.Doc = s.Description
	l.alias(t, u)
	l.typeSchema[t.Name] = s
	l.declare(t)
	return named(t.Name)
}

// extendedRef reports whether ref is a $ref to a component schema with
// keywords beside it (3.1: {$ref: X, required: [a]}), which the loader
// reads as a schema of its own: it is declared where it is written, not
// as its target.
func (l *lowerer) extendedRef(ref *openapi3.SchemaRef) bool {
	name, ok := strings.CutPrefix(ref.Ref, "#/components/schemas/")
	if !ok || l.doc.Components == nil {
		return false
	}
	target := l.doc.Components.Schemas[diag.Split("/" + name)[0]]
	return target != nil && target.Value != nil && target.Value != ref.Value
}

// needsDeclaration reports whether a schema becomes a named Go type of its
// own when written inline.
func needsDeclaration(s *openapi3.Schema) bool {
	switch {
	case (len(s.Enum) > 0 || s.Const != nil) && len(primaryTypes(s)) <= 1:
		return true
	case len(s.AllOf) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		return true
	case len(s.Properties) > 0:
		return true
	}
	return false
}

// plainType maps a schema that needs no declaration to a Go type.
func (l *lowerer) plainType(s *openapi3.Schema, ptr, ctx string) *ir.GoType {
	types := primaryTypes(s)
	if s.Format == "decimal" && (len(types) == 0 || onlyTypes(types, "number", "string", "integer")) {
		l.support[ir.SupportDecimal] = true
		if len(types) > 0 && types[0] == "string" {
			return named(ir.NameDecimalString)
		}
		return named(ir.NameDecimal)
	}
	if len(types) != 1 {
		if len(types) == 0 && (s.Items != nil) {
			types = []string{"array"}
		} else if len(types) == 0 && s.AdditionalProperties.Schema != nil {
			types = []string{"object"}
		} else {
			return builtin("any")
		}
	}
	switch types[0] {
	case "string":
		return stringType(s.Format)
	case "integer":
		switch s.Format {
		case "int32":
			return builtin("int32")
		case "uint32":
			return builtin("uint32")
		case "uint64":
			return builtin("uint64")
		}
		return builtin("int64")
	case "number":
		if s.Format == "float" {
			return builtin("float32")
		}
		return builtin("float64")
	case "boolean":
		return builtin("bool")
	case "array":
		return sliceOf(l.element(s.Items, diag.Pointer(ptr, "items"), ctx+"Item"))
	case "object":
		if ap := s.AdditionalProperties.Schema; ap != nil {
			return mapOf(l.element(ap, diag.Pointer(ptr, "additionalProperties"), ctx+"Value"))
		}
		return mapOf(builtin("any"))
	}
	return builtin("any")
}

// element is the Go type of array items or map values: a pointer when
// they may be null and the type cannot hold null itself.
func (l *lowerer) element(ref *openapi3.SchemaRef, ptr, ctx string) *ir.GoType {
	t := l.goType(ref, ptr, ctx)
	if ref != nil && ref.Value != nil && nullable(ref.Value) && !nilable(t) {
		return pointerTo(t)
	}
	return t
}

func stringType(format string) *ir.GoType {
	switch format {
	case "date-time":
		return qualified("time", "Time")
	case "byte":
		return sliceOf(builtin("byte"))
	}
	return builtin("string")
}

// primaryTypes returns the schema's types without "null".
func primaryTypes(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	var out []string
	for _, t := range *s.Type {
		if t != "null" {
			out = append(out, t)
		}
	}
	return out
}

func onlyTypes(types []string, allowed ...string) bool {
	for _, t := range types {
		ok := false
		for _, a := range allowed {
			ok = ok || t == a
		}
		if !ok {
			return false
		}
	}
	return true
}

// nullable reports whether a schema admits null: 3.0's nullable, a 3.1
// type list with "null", or a oneOf/anyOf with a null alternative.
func nullable(s *openapi3.Schema) bool {
	return nullableMemo(s, nil)
}

// nullableMemo is nullable with the answers for the allOf parts met so
// far (made on first use): a part met twice is not walked twice, and a
// part that leads back to a schema being answered adds no null.
func nullableMemo(s *openapi3.Schema, memo map[*openapi3.Schema]bool) bool {
	if s == nil {
		return false
	}
	if s.Nullable || (s.Type != nil && s.Type.Includes("null")) {
		return true
	}
	if _, ok := nullWrapped(s); ok {
		return true
	}
	alts := append(slices.Clone(s.OneOf), s.AnyOf...)
	if len(s.AllOf) == 0 && len(alts) == 0 {
		return false
	}
	if known, ok := memo[s]; ok {
		return known
	}
	if memo == nil {
		memo = map[*openapi3.Schema]bool{}
	}
	memo[s] = false // while it is being answered
	// An allOf whose parts all allow null (annotations aside), such as
	// one $ref to a nullable schema with a description beside it.
	if len(s.AllOf) > 0 {
		all, some := true, false
		for _, p := range s.AllOf {
			if p.Value == nil || annotationOnly(p.Value) {
				continue
			}
			some = true
			all = all && nullableMemo(p.Value, memo)
		}
		if some && all {
			memo[s] = true
			return true
		}
	}
	// A union with an alternative that is null, or may be (itself a
	// union with a null alternative, at any depth).
	for _, alt := range alts {
		if nullableMemo(alt.Value, memo) {
			memo[s] = true
			return true
		}
	}
	return false
}

// nullWrapped recognises a oneOf/anyOf of exactly one schema and null, and
// returns that schema.
func nullWrapped(s *openapi3.Schema) (*openapi3.SchemaRef, bool) {
	alts := s.OneOf
	if len(alts) == 0 {
		alts = s.AnyOf
	}
	if len(alts) != 2 || len(s.Properties) > 0 || len(s.AllOf) > 0 {
		return nil, false
	}
	for i, a := range alts {
		if a.Value != nil && a.Value.Type != nil && a.Value.Type.Is("null") {
			return alts[1-i], true
		}
	}
	return nil, false
}
