package lower

import (
	"cmp"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/ir"
)

// messageProps are the property names an error message goes into, best
// first.
var messageProps = []string{"message", "detail", "error", "statusMessage", "title", "description", "error_description", "msg", "reason"}

// statusProps are the property names an HTTP status goes into.
var statusProps = []string{"status", "statusCode", "status_code", "code"}

// codeProps are the string property names a machine-readable error code
// goes into ("invalid_request").
var codeProps = []string{"code", "error_code", "errorCode", "type", "kind"}

// errorShape works out how to fill an error body schema with a message
// and a status, or returns nil when the schema cannot be filled so (it
// needs something else, or has nowhere to put the message).
// depth counts nested objects, alts the oneOf and anyOf levels taken.
func errorShape(m *merger, ref *openapi3.SchemaRef, depth, alts int) *ir.ErrorShape {
	if ref == nil || ref.Value == nil || depth > 2 || alts > 8 {
		return nil
	}
	s := ref.Value
	for _, alt := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if shape := errorShape(m, alt, depth, alts+1); shape != nil {
			return shape
		}
	}
	obj := s
	if len(s.AllOf) > 0 {
		obj = &openapi3.Schema{Properties: openapi3.Schemas{}}
		m.into(obj, s)
	}
	if len(obj.Properties) == 0 {
		return nil
	}
	shape := &ir.ErrorShape{}
	placed := map[string]bool{}
	place := func(name string, p *openapi3.SchemaRef) bool {
		switch kind := jsonKindOf(p); {
		case kind == "string" && slices.Contains(codeProps, name):
			shape.Code = append(shape.Code, name)
		case kind == "string":
			shape.Text = append(shape.Text, name)
		case (kind == "integer" || kind == "number") && slices.Contains(statusProps, name):
			shape.Status = append(shape.Status, name)
		case kind == "object":
			sub := errorShape(m, p, depth+1, alts)
			if sub == nil {
				return false
			}
			shape.Nested = append(shape.Nested, &ir.NestedShape{Name: name, Shape: sub})
		default:
			return false
		}
		placed[name] = true
		return true
	}
	for _, name := range sortedKeys(obj.Properties) {
		if slices.Contains(obj.Required, name) && !place(name, obj.Properties[name]) {
			return nil // a required property the server cannot fill
		}
	}
	// The message goes into the best message-like property, required or
	// not, else into the first required string; other required strings get
	// the status text.
	for _, name := range messageProps {
		if p, ok := obj.Properties[name]; ok && jsonKindOf(p) == "string" && !slices.Contains(shape.Code, name) {
			shape.Message = []string{name}
			break
		}
	}
	if len(shape.Message) == 0 && len(shape.Text) > 0 {
		shape.Message = shape.Text[:1]
	}
	shape.Text = slices.DeleteFunc(shape.Text, func(n string) bool { return slices.Contains(shape.Message, n) })
	for _, name := range statusProps {
		if p, ok := obj.Properties[name]; ok && !placed[name] && (jsonKindOf(p) == "integer") {
			place(name, p)
		}
	}
	if len(shape.Message) == 0 && len(shape.Nested) == 0 {
		return nil
	}
	slices.Sort(shape.Status)
	slices.Sort(shape.Code)
	slices.Sort(shape.Text)
	return shape
}

func jsonKindOf(ref *openapi3.SchemaRef) string {
	if ref == nil || ref.Value == nil {
		return ""
	}
	types := primaryTypes(ref.Value)
	if len(types) == 1 {
		return types[0]
	}
	if len(types) == 0 && len(ref.Value.Properties) > 0 {
		return "object"
	}
	return ""
}

// defaultErrorShape picks the shape most error responses use.
func defaultErrorShape(ops []*ir.Operation) string {
	counts := map[string]int{}
	for _, op := range ops {
		for _, r := range op.Responses {
			if r.ErrorShape != nil {
				counts[r.ShapeName]++
			}
		}
	}
	best := ""
	for _, name := range sortedKeys(counts) {
		if best == "" || cmp.Compare(counts[name], counts[best]) > 0 {
			best = name
		}
	}
	return best
}
