package load

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// A Swagger 2.0 description is converted to OpenAPI 3 with kin-openapi's
// openapi2conv and then loaded like any other. Diagnostics still point at
// the 2.0 file: a pointer into the converted document is mapped to the
// place in the 2.0 text that says the same thing (definitions for
// components/schemas, the body parameter for the request body, and so on),
// or to its nearest ancestor there.

// isSwagger2 reports whether the document says it is Swagger 2.0.
func isSwagger2(loc *diag.Locator) bool {
	v, ok := loc.Scalar("/swagger")
	return ok && strings.HasPrefix(v, "2.")
}

// fromSwagger2 converts a Swagger 2.0 document to OpenAPI 3 JSON, and
// returns the map from pointers into that to pointers into the original.
func fromSwagger2(src []byte) ([]byte, func(string) string, []*diag.Diagnostic, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, nil, nil, err
	}
	notes := repair2(&root)
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		notes = append(notes, repairNode(root.Content[0])...)
	}
	generic, err := jsonValue(&root)
	if err != nil {
		return nil, nil, nil, err
	}
	text, err := json.Marshal(generic)
	if err != nil {
		return nil, nil, nil, err
	}
	var doc2 openapi2.T
	if err := json.Unmarshal(text, &doc2); err != nil {
		return nil, nil, nil, err
	}
	doc3, err := openapi2conv.ToV3(&doc2)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("converting to OpenAPI 3: %w", err)
	}
	out, err := json.Marshal(doc3)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("converting to OpenAPI 3: %w", err)
	}
	return out, swagger2Pointer(&doc2), notes, nil
}

// repair2 mends what Swagger 2.0 files get wrong often enough and plainly
// enough: a response schema that is a $ref to a response ("schema: {$ref:
// '#/responses/empty'}") takes that response's schema, or none.
func repair2(root *yaml.Node) []*diag.Diagnostic {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	doc := root.Content[0]
	responses := mapValue(doc, "responses")
	var notes []*diag.Diagnostic
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := diag.Pointer(ptr, k.Value)
				if ref := mapValue(v, "$ref"); k.Value == "schema" && ref != nil && strings.HasPrefix(ref.Value, "#/responses/") && responses != nil {
					name := diag.Split(strings.TrimPrefix(ref.Value, "#"))[1]
					var schema *yaml.Node
					if resp := mapValue(responses, name); resp != nil {
						schema = mapValue(resp, "schema")
					}
					if schema == nil {
						// A response without a body: no schema.
						notes = append(notes, &diag.Diagnostic{Pointer: p, Line: k.Line, Lenient: true, Msg: fmt.Sprintf("a schema $ref names the response %q, not a schema; that response has no body, so neither has this one", name)})
						n.Content = append(n.Content[:i], n.Content[i+2:]...)
						i -= 2
						continue
					}
					notes = append(notes, &diag.Diagnostic{Pointer: p, Line: k.Line, Lenient: true, Msg: fmt.Sprintf("a schema $ref names the response %q, not a schema; its schema is used", name)})
					n.Content[i+1] = schema
					continue
				}
				walk(v, p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, diag.Pointer(ptr, strconv.Itoa(i)))
			}
		}
	}
	walk(doc, "")
	return notes
}

// mapValue is the value of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// jsonValue is the value of a YAML node as encoding/json would see the
// same document written in JSON: mapping keys are their text (200: is the
// key "200"), and scalars that YAML would read as timestamps stay strings.
func jsonValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := jsonValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := jsonValue(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return v, nil
	}
	return n.Value, nil
}

// swagger2Pointer maps pointers into the converted document back to the
// 2.0 one.
func swagger2Pointer(doc *openapi2.T) func(string) string {
	return func(ptr string) string {
		t := diag.Split(ptr)
		if len(t) == 0 {
			return ptr
		}
		switch t[0] {
		case "openapi":
			return "/swagger"
		case "servers":
			return "/host"
		case "components":
			if len(t) < 3 {
				return ""
			}
			switch t[1] {
			case "schemas":
				return diag.Pointer("", append([]string{"definitions"}, t[2:]...)...)
			case "securitySchemes":
				return diag.Pointer("", append([]string{"securityDefinitions"}, t[2:]...)...)
			case "parameters":
				return diag.Pointer("/parameters/"+escape(t[2]), paramRest(t[3:])...)
			case "requestBodies":
				return diag.Pointer("/parameters/"+escape(t[2]), mediaRest(t[3:])...)
			case "responses":
				return diag.Pointer("/responses/"+escape(t[2]), mediaRest(t[3:])...)
			}
			return ""
		case "paths":
			if len(t) < 3 {
				return ptr
			}
			item := doc.Paths[t[1]]
			base := diag.Pointer("", "paths", t[1])
			if t[2] == "parameters" && item != nil {
				return operationPointer(base, item.Parameters, t[2:])
			}
			if len(t) < 4 || item == nil {
				return ptr
			}
			op := item.GetOperation(strings.ToUpper(t[2]))
			if op == nil {
				return ptr
			}
			return operationPointer(diag.Pointer(base, t[2]), op.Parameters, t[3:])
		}
		return ptr
	}
}

// operationPointer maps the rest of a pointer below an operation (or a
// path item, for its parameters): parameters are numbered without the
// body and formData ones, which became the request body.
func operationPointer(base string, params openapi2.Parameters, t []string) string {
	switch t[0] {
	case "parameters":
		if len(t) < 2 {
			return diag.Pointer(base, t...)
		}
		i, err := strconv.Atoi(t[1])
		if err != nil {
			return diag.Pointer(base, "parameters")
		}
		n := 0
		for j, p := range params {
			if p == nil || p.In == "body" || p.In == "formData" {
				continue
			}
			if n == i {
				return diag.Pointer(diag.Pointer(base, "parameters", strconv.Itoa(j)), paramRest(t[2:])...)
			}
			n++
		}
		return diag.Pointer(base, "parameters")
	case "requestBody":
		rest := mediaRest(t[1:])
		for j, p := range params {
			switch {
			case p == nil:
			case p.In == "body":
				return diag.Pointer(diag.Pointer(base, "parameters", strconv.Itoa(j)), rest...)
			case p.In == "formData" && len(rest) >= 3 && rest[0] == "schema" && rest[1] == "properties" && rest[2] == p.Name:
				return diag.Pointer(diag.Pointer(base, "parameters", strconv.Itoa(j)), rest[3:]...)
			}
		}
		return diag.Pointer(base, "parameters")
	case "responses":
		if len(t) < 2 {
			return diag.Pointer(base, t...)
		}
		return diag.Pointer(diag.Pointer(base, "responses", t[1]), mediaRest(t[2:])...)
	}
	return diag.Pointer(base, t...)
}

// mediaRest drops the content/<media type> level OpenAPI 3 adds above a
// schema.
func mediaRest(t []string) []string {
	if len(t) >= 2 && t[0] == "content" {
		return t[2:]
	}
	return t
}

// paramRest drops the schema level OpenAPI 3 adds in a parameter that is
// not a body.
func paramRest(t []string) []string {
	if len(t) >= 1 && t[0] == "schema" {
		return t[1:]
	}
	return t
}

func escape(tok string) string { return strings.TrimPrefix(diag.Pointer("", tok), "/") }
