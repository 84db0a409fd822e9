package load

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// repair rewrites constructs kin-openapi refuses to load but whose meaning
// is plain enough to generate from, and says what it changed. It returns
// nil when there is nothing to repair.
//
// Repairs:
//   - "items" given as a list of schemas (JSON Schema draft 4 tuples, not
//     OpenAPI): the array's items become any value.
//   - a $ref within the document to nothing (see danglingRefs).
//   - a response that is a $ref to a request body: the response has that
//     body's description and content.
func repair(src []byte) ([]byte, []*diag.Diagnostic) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 {
		return nil, nil
	}
	notes := repairNode(doc.Content[0])
	notes = append(notes, danglingRefs(doc.Content[0])...)
	if len(notes) == 0 {
		return nil, nil
	}
	out, err := yaml.Marshal(doc.Content[0])
	if err != nil {
		return nil, nil
	}
	return out, notes
}

// repairNode makes the repairs of repair in a parsed document, whose
// pointers the notes use.
func repairNode(root *yaml.Node) []*diag.Diagnostic {
	var notes []*diag.Diagnostic
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := diag.Pointer(ptr, k.Value)
				if k.Value == "items" && v.Kind == yaml.SequenceNode {
					notes = append(notes, &diag.Diagnostic{Pointer: p, Lenient: true, Msg: "items is a list (a tuple), which OpenAPI does not allow; the items are read as any value"})
					n.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
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
	walk(root, "")
	return notes
}
