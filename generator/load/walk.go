package load

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
)

// httpMethods are the operations a path item may hold.
var httpMethods = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// Path is where a walk of the document stands: the reference tokens
// of a JSON pointer, turned into one only when a diagnostic needs it, so
// that a walk of deeply nested schemas does not build a pointer per level.
type Path struct{ tokens []string }

func (p *Path) push(tokens ...string) { p.tokens = append(p.tokens, tokens...) }
func (p *Path) pop(n int)             { p.tokens = p.tokens[:len(p.tokens)-n] }

// pointer is the JSON pointer of the current place, and of more tokens
// below it.
func (p *Path) Pointer(more ...string) string {
	return diag.Pointer("", append(slices.Clone(p.tokens), more...)...)
}

// EachSchema calls fn for every schema doc holds, once each: components
// first, then paths and webhooks. It does not descend into a schema for
// which fn returns false. A schema is visited where the walk first meets
// it, so every walk over a document's schemas ends, whatever cycles its
// references make.
func EachSchema(doc *openapi3.T, fn func(s *openapi3.Schema, at *Path) bool) {
	w := &schemaWalker{fn: fn, seen: map[*openapi3.Schema]bool{}}
	if c := doc.Components; c != nil {
		for _, k := range slices.Sorted(maps.Keys(c.Schemas)) {
			w.under(func() { w.schema(c.Schemas[k]) }, "components", "schemas", k)
		}
		for _, k := range slices.Sorted(maps.Keys(c.Parameters)) {
			w.under(func() { w.param(c.Parameters[k]) }, "components", "parameters", k)
		}
		w.under(func() { w.headers(c.Headers) }, "components")
		for _, k := range slices.Sorted(maps.Keys(c.RequestBodies)) {
			if rb := c.RequestBodies[k]; rb != nil && rb.Value != nil {
				w.under(func() { w.content(rb.Value.Content) }, "components", "requestBodies", k)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(c.Responses)) {
			w.under(func() { w.response(c.Responses[k]) }, "components", "responses", k)
		}
	}
	if doc.Paths != nil {
		for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
			w.under(func() { w.item(doc.Paths.Value(path)) }, "paths", path)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Webhooks)) {
		w.under(func() { w.item(doc.Webhooks[name]) }, "webhooks", name)
	}
}

// schemaWalker is the state of EachSchema: where it stands, and which
// schemas it has visited.
type schemaWalker struct {
	fn   func(s *openapi3.Schema, at *Path) bool
	at   Path
	seen map[*openapi3.Schema]bool
}

// under runs visit with the path extended by tokens.
func (w *schemaWalker) under(visit func(), tokens ...string) {
	w.at.push(tokens...)
	visit()
	w.at.pop(len(tokens))
}

func (w *schemaWalker) schema(ref *openapi3.SchemaRef) {
	if ref == nil || ref.Value == nil || w.seen[ref.Value] {
		return
	}
	s := ref.Value
	w.seen[s] = true
	if !w.fn(s, &w.at) {
		return
	}
	w.under(func() { w.schema(s.Items) }, "items")
	w.under(func() { w.schema(s.Not) }, "not")
	w.under(func() { w.schema(s.AdditionalProperties.Schema) }, "additionalProperties")
	for _, kw := range []struct {
		name string
		list openapi3.SchemaRefs
	}{{"allOf", s.AllOf}, {"oneOf", s.OneOf}, {"anyOf", s.AnyOf}, {"prefixItems", s.PrefixItems}} {
		for i, sub := range kw.list {
			w.under(func() { w.schema(sub) }, kw.name, strconv.Itoa(i))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		w.under(func() { w.schema(s.Properties[name]) }, "properties", name)
	}
	for _, name := range slices.Sorted(maps.Keys(s.PatternProperties)) {
		w.under(func() { w.schema(s.PatternProperties[name]) }, "patternProperties", name)
	}
}

func (w *schemaWalker) content(c openapi3.Content) {
	for _, mt := range slices.Sorted(maps.Keys(c)) {
		if c[mt] != nil {
			w.under(func() { w.schema(c[mt].Schema) }, "content", mt, "schema")
		}
	}
}

func (w *schemaWalker) param(p *openapi3.ParameterRef) {
	if p != nil && p.Value != nil {
		w.under(func() { w.schema(p.Value.Schema) }, "schema")
		w.content(p.Value.Content)
	}
}

func (w *schemaWalker) headers(hs openapi3.Headers) {
	for _, h := range slices.Sorted(maps.Keys(hs)) {
		if hs[h] != nil && hs[h].Value != nil {
			w.under(func() {
				w.under(func() { w.schema(hs[h].Value.Schema) }, "schema")
				w.content(hs[h].Value.Content)
			}, "headers", h)
		}
	}
}

func (w *schemaWalker) response(r *openapi3.ResponseRef) {
	if r != nil && r.Value != nil {
		w.content(r.Value.Content)
		w.headers(r.Value.Headers)
	}
}

func (w *schemaWalker) item(it *openapi3.PathItem) {
	if it == nil {
		return
	}
	for i, p := range it.Parameters {
		w.under(func() { w.param(p) }, "parameters", strconv.Itoa(i))
	}
	for _, m := range httpMethods {
		if op := it.GetOperation(m); op != nil {
			w.under(func() { w.operation(op) }, strings.ToLower(m))
		}
	}
}

func (w *schemaWalker) operation(op *openapi3.Operation) {
	for i, p := range op.Parameters {
		w.under(func() { w.param(p) }, "parameters", strconv.Itoa(i))
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		w.under(func() { w.content(op.RequestBody.Value.Content) }, "requestBody")
	}
	if op.Responses != nil {
		for _, status := range slices.Sorted(maps.Keys(op.Responses.Map())) {
			w.under(func() { w.response(op.Responses.Value(status)) }, "responses", status)
		}
	}
	for _, cb := range slices.Sorted(maps.Keys(op.Callbacks)) {
		if ref := op.Callbacks[cb]; ref != nil && ref.Value != nil {
			for _, expr := range slices.Sorted(maps.Keys(ref.Value.Map())) {
				w.under(func() { w.item(ref.Value.Value(expr)) }, "callbacks", cb, expr)
			}
		}
	}
}

// Depth is the number of reference tokens of the current place.
func (p *Path) Depth() int { return len(p.tokens) }
