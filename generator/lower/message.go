package lower

import (
	"strings"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
)

// messages finds, for every struct type, the string properties that may
// hold a human-readable message, best first: the one x-error-message names
// (a property name or a JSON pointer through object properties,
// "/error/message"), or those of messageProps it has, then those found the
// same way in its object properties (two levels down at most).
func (l *lowerer) messages() {
	done := map[*ir.Type]bool{}
	var find func(t *ir.Type, depth int) [][]string
	find = func(t *ir.Type, depth int) [][]string {
		if t == nil || t.Kind != ir.Struct || depth > 2 {
			return nil
		}
		if done[t] {
			return t.Message
		}
		done[t] = true
		if hint, ok := l.messageHints[t]; ok {
			if path := l.messageHint(t, hint); path != nil {
				t.Message = [][]string{path}
			}
			return t.Message
		}
		for _, name := range messageProps {
			for _, f := range t.Fields {
				if f.JSONName == name && stringField(f.Type) {
					t.Message = append(t.Message, []string{name})
				}
			}
		}
		for _, f := range t.Fields {
			for _, sub := range find(l.typeByName[f.Type.Declared()], depth+1) {
				t.Message = append(t.Message, append([]string{f.JSONName}, sub...))
			}
		}
		return t.Message
	}
	for _, t := range l.types {
		find(t, 0)
	}
}

// messageHint resolves an x-error-message value to a path of properties
// ending at a string one, or warns and returns nil.
func (l *lowerer) messageHint(t *ir.Type, hint any) []string {
	ptr := diag.Pointer(t.Pointer, "x-error-message")
	text, ok := hint.(string)
	if !ok || text == "" {
		l.warn(diag.At(ptr, "x-error-message is not a property name or a JSON pointer; ignored"))
		return nil
	}
	path := []string{text}
	if strings.HasPrefix(text, "/") {
		path = diag.Split(text)
	}
	cur := t
	for i, name := range path {
		var field *ir.Field
		if cur != nil && cur.Kind == ir.Struct {
			for _, f := range cur.Fields {
				if f.JSONName == name {
					field = f
				}
			}
		}
		switch {
		case field == nil:
			l.warn(diag.At(ptr, "x-error-message names %q, which the schema does not declare; ignored", name))
			return nil
		case i == len(path)-1 && !stringField(field.Type):
			l.warn(diag.At(ptr, "x-error-message names %q, which is not a string; ignored", name))
			return nil
		}
		cur = l.typeByName[field.Type.Declared()]
	}
	return path
}

// stringField reports whether a field holds a string (maybe optional or
// nullable).
func stringField(t *ir.GoType) bool {
	if t.Kind == ir.Pointer || t.Kind == ir.NullableOf {
		t = t.Elem
	}
	return t.Kind == ir.Builtin && t.Name == "string"
}
