package load

import (
	"net/url"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// danglingRefs mends the $refs within the document (#/...) that lead to
// nothing, and the responses that are $refs to request bodies, with a
// lenient warning each: one vendor's slip in one corner of a large API
// must not refuse the whole of it. What takes the place of a $ref to
// nothing depends on where it stands:
//   - a schema: an empty schema, which any JSON value satisfies (the
//     generated type is any), keeping what is written beside the $ref;
//   - a response: a response without a body;
//   - a parameter, a header, a request body, an example, a link or a
//     callback: left out.
func danglingRefs(root *yaml.Node) []*diag.Diagnostic {
	var notes []*diag.Diagnostic
	var walk func(n *yaml.Node, tokens []string)
	walk = func(n *yaml.Node, tokens []string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				at := append(tokens, k.Value)
				if note, drop := mendRef(root, v, at); note != nil {
					notes = append(notes, note)
					if drop {
						n.Content = append(n.Content[:i], n.Content[i+2:]...)
						i -= 2
					}
					continue
				}
				walk(v, at)
			}
		case yaml.SequenceNode:
			for i := 0; i < len(n.Content); i++ {
				at := append(tokens, strconv.Itoa(i))
				if note, drop := mendRef(root, n.Content[i], at); note != nil {
					notes = append(notes, note)
					if drop {
						n.Content = append(n.Content[:i], n.Content[i+1:]...)
						i--
					}
					continue
				}
				walk(n.Content[i], at)
			}
		}
	}
	walk(root, nil)
	return notes
}

// mendRef mends n, found at tokens, when it is a $ref to mend; it returns
// the warning, and whether n is to be left out of its parent.
func mendRef(root, n *yaml.Node, tokens []string) (*diag.Diagnostic, bool) {
	ref := mapValue(n, "$ref")
	if ref == nil || ref.Kind != yaml.ScalarNode || !strings.HasPrefix(ref.Value, "#") {
		return nil, false
	}
	ptr := diag.Pointer("", tokens...)
	kind := refPosition(tokens)
	target := resolvePointer(root, ref.Value)
	if target != nil {
		if kind != "response" || !strings.HasPrefix(ref.Value, "#/components/requestBodies/") {
			return nil, false
		}
		n.Content = nil
		if d := mapValue(target, "description"); d != nil {
			n.Content = append(n.Content, scalar("description"), d)
		} else {
			n.Content = append(n.Content, scalar("description"), scalar(""))
		}
		if c := mapValue(target, "content"); c != nil {
			n.Content = append(n.Content, scalar("content"), c)
		}
		return diag.Lenient(ptr, "the response is a $ref to the request body %q, not to a response; it is read as a response with that body's content", ref.Value), false
	}
	switch kind {
	case "schema":
		kept := []*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value != "$ref" {
				kept = append(kept, n.Content[i], n.Content[i+1])
			}
		}
		n.Content = kept
		return diag.Lenient(ptr, "the $ref %q leads to nothing in the document; the schema is read as any JSON value", ref.Value), false
	case "response":
		n.Content = []*yaml.Node{scalar("description"), scalar("")}
		return diag.Lenient(ptr, "the $ref %q leads to nothing in the document; the response is read as one without a body", ref.Value), false
	}
	return diag.Lenient(ptr, "the $ref %q leads to nothing in the document; the %s is left out", ref.Value, kind), true
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// refPosition says what stands at tokens in an OpenAPI document: a
// "schema", a "response", a "parameter", a "header", a "request body", an
// "example", a "link" or a "callback".
func refPosition(tokens []string) string {
	n := len(tokens)
	if n == 0 {
		return "schema"
	}
	// Below a schema keyword, everything is a schema (a property may be
	// named "responses").
	for i := range n {
		switch tokens[i] {
		case "schema", "schemas", "properties", "items", "allOf", "oneOf", "anyOf", "additionalProperties", "not", "patternProperties", "prefixItems", "$defs":
			return "schema"
		}
	}
	if n >= 2 {
		switch tokens[n-2] {
		case "responses":
			return "response"
		case "parameters":
			return "parameter"
		case "headers":
			return "header"
		case "examples":
			return "example"
		case "links":
			return "link"
		case "callbacks":
			return "callback"
		case "requestBodies":
			return "request body"
		}
	}
	if tokens[n-1] == "requestBody" {
		return "request body"
	}
	return "schema"
}

// resolvePointer finds the node a $ref within the document names, or nil.
func resolvePointer(root *yaml.Node, ref string) *yaml.Node {
	frag := strings.TrimPrefix(ref, "#")
	if unescaped, err := url.PathUnescape(frag); err == nil {
		frag = unescaped
	}
	n := root
	for _, tok := range diag.Split(frag) {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch {
		case n == nil:
			return nil
		case n.Kind == yaml.MappingNode:
			n = mapValue(n, tok)
		case n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return n
}
