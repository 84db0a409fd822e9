package lower

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
)

// This file holds the checks that refuse a spec the generator would
// otherwise turn into wrong code: a typo must not silently become `any`,
// a broken path template must not become a route nobody can reach. Each
// refusal names the line and the JSON pointer and says what to change.

// jsonTypes are the values JSON Schema allows for "type".
var jsonTypes = map[string]bool{
	"string": true, "number": true, "integer": true, "boolean": true,
	"array": true, "object": true, "null": true,
}

// maxSchemaDepth bounds the reference tokens of a schema's JSON pointer:
// 400 is 200 levels of inline nesting, where the deepest of 88 real-world
// specs has 41. Beyond it, generation would spend time and memory
// quadratic in the depth on pointers and names.
const maxSchemaDepth = 400

// checkSchemas refuses every schema of the document whose type is not a
// JSON Schema type, and schemas nested beyond maxSchemaDepth; it reports
// whether they were.
func (l *lowerer) checkSchemas() (tooDeep bool) {
	l.eachSchema(func(s *openapi3.Schema, at *schemaPath) bool {
		if len(at.tokens) > maxSchemaDepth {
			if tooDeep {
				return false
			}
			tooDeep = true
			l.fail(diag.At(at.pointer(), "schemas are nested more than %d levels deep here; declare the inner ones in components/schemas and refer to them with $ref", maxSchemaDepth/2))
			return false
		}
		if s.Type != nil {
			for _, t := range *s.Type {
				if !jsonTypes[t] {
					l.fail(diag.At(at.pointer("type"), "type %q is not a JSON Schema type; write one of string, number, integer, boolean, array, object or null", t))
				}
			}
		}
		return true
	})
	return tooDeep
}

// schemaPath is where a walk of the document stands: the reference tokens
// of a JSON pointer, turned into one only when a diagnostic needs it, so
// that a walk of deeply nested schemas does not build a pointer per level.
type schemaPath struct{ tokens []string }

func (p *schemaPath) push(tokens ...string) { p.tokens = append(p.tokens, tokens...) }
func (p *schemaPath) pop(n int)             { p.tokens = p.tokens[:len(p.tokens)-n] }

// pointer is the JSON pointer of the current place, and of more tokens
// below it.
func (p *schemaPath) pointer(more ...string) string {
	return diag.Pointer("", append(slices.Clone(p.tokens), more...)...)
}

// eachSchema calls fn for every schema the document holds, once each:
// components first, then paths and webhooks. It does not descend into a
// schema for which fn returns false.
func (l *lowerer) eachSchema(fn func(s *openapi3.Schema, at *schemaPath) bool) {
	w := &schemaWalker{fn: fn, seen: map[*openapi3.Schema]bool{}}
	if c := l.doc.Components; c != nil {
		for _, k := range sortedKeys(c.Schemas) {
			w.under(func() { w.schema(c.Schemas[k]) }, "components", "schemas", k)
		}
		for _, k := range sortedKeys(c.Parameters) {
			w.under(func() { w.param(c.Parameters[k]) }, "components", "parameters", k)
		}
		w.under(func() { w.headers(c.Headers) }, "components")
		for _, k := range sortedKeys(c.RequestBodies) {
			if rb := c.RequestBodies[k]; rb != nil && rb.Value != nil {
				w.under(func() { w.content(rb.Value.Content) }, "components", "requestBodies", k)
			}
		}
		for _, k := range sortedKeys(c.Responses) {
			w.under(func() { w.response(c.Responses[k]) }, "components", "responses", k)
		}
	}
	if l.doc.Paths != nil {
		for _, path := range sortedKeys(l.doc.Paths.Map()) {
			w.under(func() { w.item(l.doc.Paths.Value(path)) }, "paths", path)
		}
	}
	for _, name := range sortedKeys(l.doc.Webhooks) {
		w.under(func() { w.item(l.doc.Webhooks[name]) }, "webhooks", name)
	}
}

// schemaWalker is the state of eachSchema: where it stands, and which
// schemas it has visited.
type schemaWalker struct {
	fn   func(s *openapi3.Schema, at *schemaPath) bool
	at   schemaPath
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
	for _, name := range sortedKeys(s.Properties) {
		w.under(func() { w.schema(s.Properties[name]) }, "properties", name)
	}
	for _, name := range sortedKeys(s.PatternProperties) {
		w.under(func() { w.schema(s.PatternProperties[name]) }, "patternProperties", name)
	}
}

func (w *schemaWalker) content(c openapi3.Content) {
	for _, mt := range sortedKeys(c) {
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
	for _, h := range sortedKeys(hs) {
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
	for _, m := range methods {
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
		for _, status := range sortedKeys(op.Responses.Map()) {
			w.under(func() { w.response(op.Responses.Value(status)) }, "responses", status)
		}
	}
	for _, cb := range sortedKeys(op.Callbacks) {
		if ref := op.Callbacks[cb]; ref != nil && ref.Value != nil {
			for _, expr := range sortedKeys(ref.Value.Map()) {
				w.under(func() { w.item(ref.Value.Value(expr)) }, "callbacks", cb, expr)
			}
		}
	}
}

// pathProblem says what is wrong with a path template, or "" when
// nothing is: it must start with "/", and every "{" must open a variable
// with a name, closed by "}" before the next "{".
func pathProblem(path string) string {
	if !strings.HasPrefix(path, "/") {
		return fmt.Sprintf("the path %q does not start with /; write it relative to the server URL, as /%s", path, path)
	}
	open := -1
	seen := map[string]bool{}
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{':
			if open >= 0 {
				return fmt.Sprintf("the path %q opens a variable at byte %d inside another; write variables as {name}", path, i)
			}
			open = i
		case '}':
			if open < 0 {
				return fmt.Sprintf("the path %q closes a variable at byte %d that was not opened; write variables as {name}", path, i)
			}
			name := path[open+1 : i]
			if name == "" {
				return fmt.Sprintf("the path %q has a variable without a name, {}; name it after its path parameter", path)
			}
			if seen[name] {
				return fmt.Sprintf("the path %q has the variable {%s} twice; give each its own parameter", path, name)
			}
			seen[name] = true
			open = -1
		}
	}
	if open >= 0 {
		return fmt.Sprintf("the path %q opens a variable at byte %d and never closes it; add the }", path, open)
	}
	return ""
}

// statusProblem says what is wrong with a response key, or "" when it is
// a status code from 100 to 599, a range from 1XX to 5XX, or "default".
func statusProblem(key string) string {
	if key == "default" {
		return ""
	}
	if len(key) == 3 && key[0] >= '1' && key[0] <= '5' {
		if strings.EqualFold(key[1:], "XX") {
			return ""
		}
		if key[1] >= '0' && key[1] <= '9' && key[2] >= '0' && key[2] <= '9' {
			return ""
		}
	}
	return fmt.Sprintf("the response key %q is not a status code (100 to 599), a range (1XX to 5XX) or default; correct it", key)
}

// tokenProblem says what is wrong with a header, cookie or API key name
// (what names it), or "" when it is an HTTP token.
func tokenProblem(what, name string) string {
	if isToken(name) {
		return ""
	}
	return fmt.Sprintf("the %s name %q is not an HTTP token, which no request or response can carry; use letters, digits and !#$%%&'*+-.^_`|~ only", what, name)
}

// isToken reports whether s is an HTTP token (RFC 9110), the only thing a
// header or cookie name can be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
