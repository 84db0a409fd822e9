package emit

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// A struct type with required readOnly properties encodes them always, as
// a server must send them. A client sends a JSON request body of such a
// type through its request view: the same fields, the readOnly ones left
// out when zero (a client does not send an id it has not got). A struct
// type encodes its writeOnly properties always too, as a client must send
// them (a required 0 included); a server writes a JSON response body of
// such a type through its response view, which leaves them out (a server
// never sends a password back). A view converts from the type at no cost,
// struct tags aside; it covers the body's own properties, not those of
// nested objects.

// requestViewName names the request view of a struct type.
func requestViewName(t *ir.Type) string { return "requestView" + t.Name }

// requestView returns the struct type a JSON request body of type t is
// sent through a view of, or nil.
func (e *emitter) requestView(t *ir.GoType) *ir.Type { return e.viewOf(t, readOnlyZero) }

// viewOf returns the struct type of t (or *t) when one of its fields is
// such that its values travel through a view (see the top of this file),
// and a view can hold them; nil otherwise.
func (e *emitter) viewOf(t *ir.GoType, viewed func(*ir.Field) bool) *ir.Type {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	if t.Kind != ir.Named {
		return nil
	}
	nt := e.types[t.Name]
	if nt == nil || nt.Kind != ir.Struct || nt.Extra != nil {
		return nil
	}
	found := false
	for _, f := range nt.Fields {
		if !tagSafe(f.JSONName) {
			return nil // the type's own JSON methods encode it
		}
		found = found || viewed(f)
	}
	if !found {
		return nil
	}
	return nt
}

// readOnlyZero reports whether a field is a required readOnly property
// that a request leaves out when zero.
func readOnlyZero(f *ir.Field) bool {
	return f.ReadOnly && f.Required && !f.Nullable && !f.OmitEmpty && !f.OmitZero
}

// requestViewTypes lists the struct types that have a request view.
func (e *emitter) requestViewTypes() []*ir.Type {
	var views []*ir.Type
	for _, op := range e.api.Operations {
		for _, b := range op.Body.Bodies() {
			if v := e.requestView(b.Type); b.Kind == ir.JSON && v != nil && !slices.Contains(views, v) {
				views = append(views, v)
			}
		}
	}
	slices.SortFunc(views, func(a, b *ir.Type) int { return strings.Compare(a.Name, b.Name) })
	return views
}

// requestViews emits the request views of the JSON request body types.
func (e *emitter) requestViews(f *jen.File) {
	for _, t := range e.requestViewTypes() {
		fields := make([]jen.Code, 0, len(t.Fields))
		for _, fl := range t.Fields {
			fields = append(fields, jen.Id(fl.Name).Add(typ(fl.Type)).Tag(map[string]string{"json": e.jsonTag(fl, readOnlyZero(fl))}))
		}
		fields = append(fields, e.unknownField(t)...)
		f.Add(commentLine(requestViewName(t) + " is " + t.Name + " as a client sends it: required readOnly properties"))
		f.Add(commentLine("left zero are left out."))
		f.Type().Id(requestViewName(t)).Struct(fields...)
	}
}

// viewed is the value a client encodes for a JSON request body v of
// media type b: v itself, or v converted to its request view.
func (e *emitter) viewed(b *ir.Body, v *jen.Statement) *jen.Statement {
	t := e.requestView(b.Type)
	if t == nil {
		return v
	}
	if b.Type.Kind == ir.Pointer || !b.Required {
		return jen.Parens(jen.Op("*").Id(requestViewName(t))).Call(v)
	}
	return jen.Id(requestViewName(t)).Call(v)
}

// responseViewName names the response view of a struct type.
func responseViewName(t *ir.Type) string { return "responseView" + t.Name }

// responseView returns the struct type a JSON response body of type t is
// written through a view of (it has writeOnly properties), or nil.
func (e *emitter) responseView(t *ir.GoType) *ir.Type {
	return e.viewOf(t, func(f *ir.Field) bool { return f.WriteOnly })
}

// responseViewTypes lists the struct types that have a response view.
func (e *emitter) responseViewTypes() []*ir.Type {
	var views []*ir.Type
	for _, op := range e.api.Operations {
		for _, r := range op.Responses {
			for _, b := range r.Body.Bodies() {
				if v := e.responseView(b.Type); b.Kind == ir.JSON && v != nil && !slices.Contains(views, v) {
					views = append(views, v)
				}
			}
		}
	}
	slices.SortFunc(views, func(a, b *ir.Type) int { return strings.Compare(a.Name, b.Name) })
	return views
}

// responseViews emits the response views of the JSON response body types.
func (e *emitter) responseViews(f *jen.File) {
	for _, t := range e.responseViewTypes() {
		fields := make([]jen.Code, 0, len(t.Fields))
		for _, fl := range t.Fields {
			tag := e.jsonTag(fl, false)
			if fl.WriteOnly {
				tag = "-"
			}
			fields = append(fields, jen.Id(fl.Name).Add(typ(fl.Type)).Tag(map[string]string{"json": tag}))
		}
		fields = append(fields, e.unknownField(t)...)
		f.Add(commentLine(responseViewName(t) + " is " + t.Name + " as a server writes it: without its writeOnly"))
		f.Add(commentLine("properties."))
		f.Type().Id(responseViewName(t)).Struct(fields...)
	}
}

// responseViewType is the response view of t as a type for its writer:
// its fields but the writeOnly ones.
func (e *emitter) responseViewType(t *ir.Type) *ir.Type {
	v := &ir.Type{Name: responseViewName(t), Kind: ir.Struct, Rule: t.Rule, Unknown: t.Unknown}
	for _, fl := range t.Fields {
		if !fl.WriteOnly {
			v.Fields = append(v.Fields, fl)
		}
	}
	return v
}

// unknownField is the field of a view that keeps the members the type's
// schema does not declare, as the type has it (a conversion needs it).
func (e *emitter) unknownField(t *ir.Type) []jen.Code {
	if !e.keepsUnknown(t) {
		return nil
	}
	return []jen.Code{jen.Id(t.Unknown).Id(ir.NameUnknownMembers).Tag(map[string]string{"json": "-"})}
}
