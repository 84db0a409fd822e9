package diag

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// Locator finds the line of a JSON pointer in a YAML or JSON document. It
// parses the document on first use only, so a run without diagnostics pays
// nothing for it.
type Locator struct {
	file string
	src  []byte
	root *yaml.Node
	err  error
	done bool
	// translate, when set, maps a pointer into the document the generator
	// read to the same place in src (a Swagger 2.0 file read as OpenAPI 3).
	translate func(string) string
}

// Translate makes the Locator map every pointer it is given with fn
// before looking it up in its document.
func (l *Locator) Translate(fn func(string) string) { l.translate = fn }

// NewLocator returns a Locator for the document src read from file.
func NewLocator(file string, src []byte) *Locator {
	return &Locator{file: file, src: src}
}

// parse reads the document on first use.
func (l *Locator) parse() {
	if !l.done {
		l.done = true
		var doc yaml.Node
		if l.err = yaml.Unmarshal(l.src, &doc); l.err == nil && len(doc.Content) > 0 {
			l.root = doc.Content[0]
		}
	}
}

// Line returns the line of the value at pointer, or of its nearest
// ancestor that exists, and 0 when the document cannot be parsed.
func (l *Locator) Line(pointer string) int {
	if l.translate != nil {
		pointer = l.translate(pointer)
	}
	return l.line(pointer)
}

func (l *Locator) line(pointer string) int {
	l.parse()
	if l.root == nil {
		return 0
	}
	n := l.root
	line := n.Line
	for _, tok := range Split(pointer) {
		n = child(n, tok)
		if n == nil {
			break
		}
		line = n.Line
	}
	return line
}

// Scalar returns the text of the scalar at pointer as the document spells
// it ("9223372036854775807", where a decoder gives a float64), and false
// when there is no scalar there.
func (l *Locator) Scalar(pointer string) (string, bool) {
	n := l.node(pointer)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}

// Null reports whether the value at pointer is a null (YAML's null, ~ or
// nothing, JSON's null).
func (l *Locator) Null(pointer string) bool {
	n := l.node(pointer)
	return n != nil && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// node returns the node at pointer, aliases followed, or nil.
func (l *Locator) node(pointer string) *yaml.Node {
	l.parse()
	if l.translate != nil {
		pointer = l.translate(pointer)
	}
	n := l.root
	for _, tok := range Split(pointer) {
		if n == nil {
			return nil
		}
		n = child(n, tok)
	}
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// Resolve fills in the file and line of d.
func (l *Locator) Resolve(d *Diagnostic) *Diagnostic {
	d.File = l.file
	if l.translate != nil && d.Pointer != "" {
		// The pointer names the place in the file the reader has.
		d.Pointer = l.translate(d.Pointer)
	}
	if d.Line == 0 {
		d.Line = l.line(d.Pointer)
	}
	return d
}

// child returns the node under n for one reference token. For a mapping
// it returns the key node, whose line is the one a reader looks for.
func child(n *yaml.Node, tok string) *yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				v := n.Content[i+1]
				// Keep descending from the value, but report the key's line.
				if v.Line == 0 || v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode {
					return &yaml.Node{Kind: v.Kind, Content: v.Content, Line: n.Content[i].Line, Alias: v.Alias}
				}
				return v
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

// FindRef returns the JSON pointer and line of the first "$ref" whose value
// is ref, in document order, or "" and 0 when there is none.
func (l *Locator) FindRef(ref string) (string, int) {
	l.Line("")
	if l.root == nil {
		return "", 0
	}
	return findRef(l.root, "", ref)
}

func findRef(n *yaml.Node, ptr, ref string) (string, int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "$ref" && v.Value == ref {
				return ptr, k.Line
			}
			if p, line := findRef(v, Pointer(ptr, k.Value), ref); line > 0 {
				return p, line
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if p, line := findRef(c, Pointer(ptr, strconv.Itoa(i)), ref); line > 0 {
				return p, line
			}
		}
	}
	return "", 0
}
