// Package specfuzz builds random valid OpenAPI 3.0 and 3.1 documents from
// a grammar of schema constructs, driven by the bytes of a fuzz input:
// FuzzSpecShape generates a package from each and holds it to what the
// generator promises for every valid spec, not only the specs of a
// corpus.
//
// Each byte of the input is one choice; when the input runs out every
// choice is the first (the simplest), so every input makes a finite,
// valid document, and a shorter input makes a smaller one (which is what
// the fuzzer's minimisation needs).
package specfuzz

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// m is a JSON object of the document being built.
type m = map[string]any

// builder is the state of one document being built.
type builder struct {
	data []byte
	pos  int
	v31  bool
	// components are the component schemas, by name; names lists them
	// in order of creation.
	components m
	names      []string
	// taggedCount counts the object components made for discriminated unions.
	taggedCount int
}

// choose returns a choice among n (0 when the input is used up).
func (b *builder) choose(n int) int {
	if b.pos >= len(b.data) || n <= 1 {
		return 0
	}
	c := int(b.data[b.pos]) % n
	b.pos++
	return c
}

func (b *builder) coin() bool { return b.choose(2) == 1 }

// Spec builds the YAML text of a valid OpenAPI document from data.
func Spec(data []byte) []byte {
	b := &builder{data: data, components: m{}}
	b.v31 = b.coin()
	version := "3.0.3"
	if b.v31 {
		version = "3.1.0"
	}
	n := 1 + b.choose(5)
	for i := range n {
		b.names = append(b.names, componentName(i))
	}
	for _, name := range b.names[:n] {
		b.components[name] = b.schema(0)
	}
	doc := m{
		"openapi":    version,
		"info":       m{"title": "Shape", "version": "1"},
		"paths":      b.paths(n),
		"components": m{"schemas": b.components},
	}
	out, err := yaml.Marshal(doc)
	if err != nil {
		panic(err) // a document of maps, lists and scalars always marshals
	}
	return out
}

// componentName names the i-th component; some names need work to be Go
// identifiers, and one starts as the exported codec helpers of a split
// package do (AppendJSON...), which must not hide its type.
func componentName(i int) string {
	names := [...]string{"Item", "node-2", "Pet_3", "4th", "appendJSON-x"}
	return names[i%len(names)] + map[bool]string{true: strconv.Itoa(i), false: ""}[i >= len(names)]
}

func ref(name string) m { return m{"$ref": "#/components/schemas/" + name} }

// schema builds a schema at a nesting depth.
func (b *builder) schema(depth int) m {
	kinds := 15
	if depth >= 3 {
		kinds = 5 // scalars and references only, so that documents stay finite
	}
	switch b.choose(kinds) {
	case 0:
		return b.str()
	case 1:
		return b.integer()
	case 2:
		return b.number()
	case 3:
		return m{"type": "boolean"}
	case 4:
		return ref(b.names[b.choose(len(b.names))])
	case 5:
		return b.object(depth)
	case 6:
		return b.array(depth)
	case 7:
		return m{"type": "object", "additionalProperties": b.schema(depth + 1)}
	case 8:
		return b.allOf(depth)
	case 9, 10:
		return b.union(depth, []string{"oneOf", "anyOf"}[b.choose(2)])
	case 11:
		return b.enum()
	case 12:
		return b.constant()
	case 13:
		return b.nullable(b.schema(depth + 1))
	default:
		return b.tagged(depth)
	}
}

var patterns = []string{"^[a-z]+$", "^[0-9]{3}-[0-9]{2}$", "^\\S+$", "ab"}

func (b *builder) str() m {
	s := m{"type": "string"}
	switch b.choose(12) {
	case 8:
		s["format"] = "uri"
	case 9:
		s["format"] = "ipv4"
	case 10:
		s["format"] = "decimal"
	case 11:
		s["format"] = "binary"
	case 1:
		s["format"] = "date-time"
	case 2:
		s["format"] = "date"
	case 3:
		s["format"] = "uuid"
	case 4:
		s["format"] = "email"
	case 5:
		s["format"] = "byte"
	case 6:
		s["pattern"] = patterns[b.choose(len(patterns))]
	case 7:
		s["minLength"] = b.choose(3)
		s["maxLength"] = 3 + b.choose(5)
	}
	return s
}

func (b *builder) integer() m {
	s := m{"type": "integer"}
	switch b.choose(4) {
	case 1:
		s["format"] = "int32"
	case 2:
		s["format"] = "int64"
	}
	b.bounds(s)
	return s
}

func (b *builder) number() m {
	s := m{"type": "number"}
	if b.coin() {
		s["format"] = []string{"float", "double"}[b.choose(2)]
	}
	b.bounds(s)
	return s
}

// bounds adds a minimum, a maximum (exclusive ones spelt as the version
// wants) or a multipleOf.
func (b *builder) bounds(s m) {
	switch b.choose(5) {
	case 1:
		s["minimum"] = -5 + b.choose(10)
	case 2:
		s["maximum"] = 100 + b.choose(10)
	case 3:
		if b.v31 {
			s["exclusiveMinimum"] = 0
		} else {
			s["minimum"], s["exclusiveMinimum"] = 0, true
		}
	case 4:
		s["multipleOf"] = 1 + b.choose(5)
	}
}

func (b *builder) enum() m {
	size := 1 + b.choose(4)
	switch b.choose(4) {
	case 0:
		values := []any{}
		for i := range size {
			values = append(values, []string{"a", "b c", "Ω", "", "x-y", "1"}[i])
		}
		return m{"type": "string", "enum": values}
	case 1:
		values := []any{}
		for i := range size {
			values = append(values, []int{0, -1, 7, 1 << 40}[i])
		}
		return m{"type": "integer", "enum": values}
	case 2:
		values := []any{}
		for i := range size {
			values = append(values, []float64{0.5, -2.25, 3, 1e10}[i])
		}
		return m{"type": "number", "enum": values}
	}
	if b.coin() {
		// Enums of objects and arrays, which only a deep comparison checks.
		return m{"enum": []any{m{"x": 1.0}, []any{"a", "b"}, "plain"}[:1+b.choose(3)]}
	}
	return m{"type": "boolean", "enum": []any{true, false}[:1+b.choose(2)]}
}

// constant is a const in 3.1, a one-value enum in 3.0.
func (b *builder) constant() m {
	values := []any{"fixed", 42, true, 2.5, m{"a": 1.0, "b": []any{"x"}}, []any{1.0, "two"}, 9007199254740993}
	types := []string{"string", "integer", "boolean", "number", "object", "array", "integer"}
	i := b.choose(len(values))
	if !b.v31 {
		return m{"type": types[i], "enum": []any{values[i]}}
	}
	s := m{"const": values[i]}
	if b.coin() {
		s["type"] = types[i]
	}
	return s
}

var propNames = []string{"id", "name", "kind", "value", "tags", "x-y", "Name", "nested", "2nd", "type"}

func (b *builder) object(depth int) m {
	props := m{}
	var required []any
	for range b.choose(5) {
		name := propNames[b.choose(len(propNames))]
		if _, dup := props[name]; dup {
			continue
		}
		p := b.schema(depth + 1)
		switch b.choose(10) {
		case 1:
			p = m{"allOf": []any{p}, "readOnly": true}
		case 2:
			p = m{"allOf": []any{p}, "writeOnly": true}
		case 3, 4:
			required = append(required, name)
		case 5, 6:
			q := m{}
			for k, v := range p {
				q[k] = v
			}
			if _, isRef := q["$ref"]; !isRef {
				q[[]string{"readOnly", "writeOnly"}[b.choose(2)]] = true
				p = q
			}
			if b.coin() {
				required = append(required, name)
			}
		}
		props[name] = p
	}
	s := m{"type": "object"}
	if len(props) > 0 {
		s["properties"] = props
	}
	if len(required) > 0 {
		s["required"] = required
	}
	switch b.choose(5) {
	case 1:
		s["additionalProperties"] = false
	case 2:
		s["additionalProperties"] = b.schema(depth + 1)
	case 3:
		s["additionalProperties"] = true
	}
	return s
}

func (b *builder) array(depth int) m {
	s := m{"type": "array", "items": b.schema(depth + 1)}
	switch b.choose(4) {
	case 1:
		s["minItems"] = 1
	case 2:
		s["maxItems"] = 2 + b.choose(3)
	case 3:
		if items, ok := s["items"].(m); ok && items["type"] == "string" {
			s["uniqueItems"] = true
		}
	}
	return s
}

// allOf joins references and inline objects, with sometimes a part that
// only describes.
func (b *builder) allOf(depth int) m {
	var parts []any
	for range 1 + b.choose(3) {
		switch b.choose(3) {
		case 0:
			parts = append(parts, ref(b.names[b.choose(len(b.names))]))
		case 1:
			parts = append(parts, b.object(depth+1))
		default:
			parts = append(parts, m{"description": "Only describes."})
		}
	}
	return m{"allOf": parts}
}

func (b *builder) union(depth int, keyword string) m {
	var alts []any
	for range 2 + b.choose(2) {
		alts = append(alts, b.schema(depth+1))
	}
	return m{keyword: alts}
}

// tagged is a oneOf of new object components told apart by a
// discriminator property.
func (b *builder) tagged(depth int) m {
	var alts []any
	mapping := m{}
	for i := range 2 + b.choose(2) {
		b.taggedCount++
		name := fmt.Sprintf("Tagged%d", b.taggedCount)
		obj := b.object(depth + 1)
		props, _ := obj["properties"].(m)
		if props == nil {
			props = m{}
		}
		props["kind"] = m{"type": "string", "enum": []any{name}}
		obj["properties"] = props
		required, _ := obj["required"].([]any)
		obj["required"] = append(required, "kind")
		delete(obj, "additionalProperties")
		b.components[name] = obj
		alts = append(alts, ref(name))
		if i%2 == 1 {
			mapping[name] = "#/components/schemas/" + name
		}
	}
	d := m{"propertyName": "kind"}
	if len(mapping) > 0 {
		d["mapping"] = mapping
	}
	return m{"oneOf": alts, "discriminator": d}
}

// nullable lets s hold null, in one of the spellings of its version:
// 3.0's nullable (beside a type, or around a $ref in an allOf); 3.1's
// type list with "null" (the string, or YAML's null, which real specs
// write too) or a oneOf or anyOf with {type: "null"}.
func (b *builder) nullable(s m) m {
	copyOf := func() m {
		out := m{}
		for k, v := range s {
			out[k] = v
		}
		return out
	}
	typ, typed := s["type"].(string)
	switch {
	case !b.v31 && typed:
		out := copyOf()
		out["nullable"] = true
		return out
	case !b.v31:
		return m{"allOf": []any{s}, "nullable": true}
	case typed && b.coin():
		out := copyOf()
		out["type"] = []any{typ, []any{"null", nil}[b.choose(2)]}
		if enum, ok := s["enum"].([]any); ok {
			out["enum"] = append(append([]any{}, enum...), nil)
		}
		return out
	}
	return m{[]string{"oneOf", "anyOf"}[b.choose(2)]: []any{m{"type": "null"}, s}}
}

// BodyPath is the path of the operation that takes and returns the n-th
// component as a JSON body.
func BodyPath(n int) string { return "/bodies/" + strconv.Itoa(n) }

// InlinePath is the path of the operation whose JSON request body is an
// inline schema, when the document has one.
const InlinePath = "/inline"

// paths builds the operations: one per component that takes and returns
// it as a JSON body (the server's strict checks and the client's reading
// see every schema), and some of the other shapes of operation, with
// parameters and every body media type the generator supports.
func (b *builder) paths(n int) m {
	paths := m{}
	for i, name := range b.names[:n] {
		paths[BodyPath(i)] = m{"post": m{
			"operationId": "post" + strconv.Itoa(i),
			"requestBody": m{"required": true, "content": m{"application/json": m{"schema": ref(name)}}},
			"responses":   m{"200": jsonResponse(ref(name))},
		}}
	}
	if b.coin() {
		paths[InlinePath] = m{"post": m{
			"operationId": "postInline",
			"requestBody": m{"required": b.coin(), "content": m{"application/json": m{"schema": b.object(1)}}},
			"responses":   m{"201": jsonResponse(b.schema(1)), "400": jsonResponse(m{"type": "object", "properties": m{"message": m{"type": "string"}}})},
		}}
	}
	if b.coin() {
		paths["/things/{id}"] = m{"get": m{
			"operationId": "getThing",
			"parameters": []any{
				m{"name": "id", "in": "path", "required": true, "schema": b.param()},
				m{"name": "q", "in": "query", "required": b.coin(), "schema": b.param()},
				m{"name": "list", "in": "query", "explode": b.coin(), "schema": m{"type": "array", "items": b.param()}},
				m{"name": "X-Trace", "in": "header", "schema": b.param()},
			},
			"responses": m{"200": jsonResponse(m{"type": "array", "items": ref(b.names[b.choose(n)])}), "default": m{"description": "error"}},
		}}
	}
	if b.coin() {
		paths["/form"] = m{"post": m{
			"operationId": "postForm",
			"requestBody": m{"required": true, "content": m{"application/x-www-form-urlencoded": m{"schema": b.formObject(false)}}},
			"responses":   m{"204": m{"description": "done"}},
		}}
	}
	if b.coin() {
		content := m{"multipart/form-data": m{"schema": b.formObject(true)}}
		if b.coin() {
			// Beside other media types, a multipart part of only a file.
			content = m{
				"application/json":    m{"schema": ref(b.names[b.choose(n)])},
				"multipart/form-data": m{"schema": m{"type": "object", "properties": m{"file": m{"type": "string", "format": "binary"}}}},
				"text/csv":            m{"schema": m{"type": "string"}},
			}
		}
		paths["/upload"] = m{"post": m{
			"operationId": "upload",
			"requestBody": m{"required": true, "content": content},
			"responses":   m{"200": m{"description": "text", "content": m{"text/plain": m{"schema": m{"type": "string"}}}}},
		}}
	}
	if b.coin() {
		paths["/events"] = m{"get": m{
			"operationId": "events",
			"responses": m{"200": m{"description": "events", "content": m{
				"text/event-stream": m{"schema": ref(b.names[b.choose(n)])},
			}}},
		}}
	}
	if b.coin() {
		paths["/raw"] = m{"put": m{
			"operationId": "putRaw",
			"requestBody": m{"content": m{"application/octet-stream": m{"schema": m{"type": "string", "format": "binary"}}}},
			"responses":   m{"200": m{"description": "bytes", "content": m{"application/octet-stream": m{"schema": m{"type": "string", "format": "binary"}}}}},
		}}
	}
	return paths
}

func jsonResponse(s m) m {
	return m{"description": "ok", "content": m{"application/json": m{"schema": s}}}
}

// param is the schema of a parameter: a scalar, an enum, or a nullable
// one.
func (b *builder) param() m {
	switch b.choose(8) {
	case 6:
		return m{"oneOf": []any{b.integer(), b.enum()}}
	case 7:
		return m{"anyOf": []any{m{"type": "boolean"}, b.str()}}
	case 1:
		return b.integer()
	case 2:
		return b.number()
	case 3:
		return m{"type": "boolean"}
	case 4:
		return b.enum()
	case 5:
		return b.nullable(b.str())
	}
	return b.str()
}

// formObject is the schema of a form or multipart body: scalars, lists of
// scalars, nullable lists, and for multipart files and objects.
func (b *builder) formObject(multipart bool) m {
	props := m{"note": b.param()}
	required := []any{}
	for i := range 1 + b.choose(4) {
		name := fmt.Sprintf("field%d", i)
		var p m
		switch b.choose(5) {
		case 0:
			p = b.param()
		case 1:
			p = m{"type": "array", "items": b.param()}
		case 2:
			p = b.nullable(m{"type": "array", "items": b.param()})
		case 3:
			if multipart {
				p = m{"type": "string", "format": "binary"}
			} else {
				p = b.param()
			}
		default:
			if multipart {
				p = b.nullable(m{"type": "array", "items": m{"type": "object", "properties": m{"id": m{"type": "string"}}}})
			} else {
				p = m{"type": "array", "items": b.enum()}
			}
		}
		props[name] = p
		if b.coin() {
			required = append(required, name)
		}
	}
	s := m{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
