package emit

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// responses emits, per operation, the interface its responses share and
// one struct per documented response. The server's implementation returns
// them; the client returns success bodies and error responses as errors.
func (e *emitter) responses(f *jen.File) {
	if e.usesJSONText() {
		f.Add(commentLine("jsonText encodes a value that has no plain text form as JSON."))
		f.Func().Id("jsonText").Params(jen.Id("v").Any()).String().Block(
			jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
			jen.Return(jen.String().Parens(jen.Id("b"))),
		)
	}
	msgs := &messageFuncs{types: map[string]*ir.GoType{}}
	for _, op := range e.api.Operations {
		marker := markerMethod(op)
		var members []string
		for _, r := range op.Responses {
			members = append(members, r.TypeName)
		}
		lines := []jen.Code{commentLine(fmt.Sprintf("%s is a response of %s: one of %s.", op.ResponseType, op.Name, orList(members)))}
		if len(members) == 0 {
			lines = []jen.Code{commentLine(fmt.Sprintf("%s is a response of %s, which documents none.", op.ResponseType, op.Name))}
		}
		withDoc(f, lines, false, jen.Type().Id(op.ResponseType).Interface(
			commentLine("StatusCode returns the HTTP status of the response."),
			jen.Id("StatusCode").Params().Int(),
			jen.Id(marker).Params(),
		))
		for _, r := range op.Responses {
			e.responseType(f, op, r, marker, msgs)
		}
	}
	// The message readers the Message methods share, one per body type.
	for _, name := range msgs.order {
		t := msgs.types[name]
		f.Add(commentLine(name + " returns the message a body holds (\"\" when it holds none)."))
		v := jen.Parens(jen.Op("*").Id("v"))
		if nt := e.types[t.Name]; t.Kind == ir.Named && nt != nil && (nt.Kind == ir.Struct || nt.Kind == ir.Union) {
			v = jen.Id("v") // selectors reach the fields through the pointer
		}
		f.Func().Id(name).Params(jen.Id("v").Op("*").Add(typ(t))).String().Block(
			append(e.messageOf(t, v, 0), jen.Return(jen.Lit("")))...)
	}
}

// messageFuncs are the functions that read the message of a body type,
// by name, in order of first use.
type messageFuncs struct {
	types map[string]*ir.GoType
	order []string
}

// use returns the name of the function that reads the message of t.
func (m *messageFuncs) use(t *ir.GoType) string {
	name := "messageOf" + descriptor(t)
	if _, ok := m.types[name]; !ok {
		m.types[name] = t
		m.order = append(m.order, name)
	}
	return name
}

// markerMethod is the unexported method that seals an operation's
// response interface.
func markerMethod(op *ir.Operation) string {
	return names.Unexported(op.ResponseType)
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func (e *emitter) responseType(f *jen.File, op *ir.Operation, r *ir.Response, marker string, msgs *messageFuncs) {
	var fields []jen.Code
	if r.Code == 0 {
		fields = append(fields, commentLine("Status is the HTTP status code."), jen.Id("Status").Int())
	}
	fields = append(fields, bodyFields(r.Body, "decoded response body", "The client sets it to the one received; a server sends the first for \"\".", func(b *ir.Body) *jen.Statement { return typ(b.Type) })...)
	for _, h := range r.Headers {
		fields = append(fields, fieldDoc(h.GoName, h.Doc, false)...)
		fields = append(fields, commentLine("It travels in the "+h.Name+" header."))
		fields = append(fields, jen.Id(h.GoName).Add(typ(h.Type)))
	}
	// Header is the same in every response type: doc.go says what it
	// holds, once (issue 24).
	fields = append(fields, jen.Id("Header").Qual("net/http", "Header"))
	status := r.Status
	if r.Code != 0 {
		status += " " + http.StatusText(r.Code)
	}
	doc := fmt.Sprintf("%s is the %s response of %s", r.TypeName, status, op.Name)
	if r.Doc != "" {
		doc += ": " + strings.TrimSpace(r.Doc)
	} else {
		doc += "."
	}
	withDoc(f, docLines(r.TypeName, doc, ""), false, jen.Type().Id(r.TypeName).Struct(fields...))

	recv := jen.Id("r").Op("*").Id(r.TypeName)
	f.Func().Params(jen.Op("*").Id(r.TypeName)).Id(marker).Params().Block()
	f.Add(commentLine("StatusCode returns the HTTP status of the response."))
	code := jen.Lit(r.Code)
	if r.Code == 0 {
		code = jen.Id("r").Dot("Status")
	}
	f.Func().Params(recv.Clone()).Id("StatusCode").Params().Int().Block(jen.Return(code))
	if !r.Success {
		f.Add(commentLine("Message returns what the server says went wrong, as the body has it (\"\" when it says nothing)."))
		f.Func().Params(recv.Clone()).Id("Message").Params().String().Block(e.messageCode(r, msgs)...)
		f.Add(commentLine("Error returns the operation, the status and the server's message."))
		f.Func().Params(recv).Id("Error").Params().String().Block(
			jen.Return(rt("ErrorText").Call(jen.Lit(op.Method+" "+op.Path+" ("+op.Name+")"), jen.Id("r").Dot("StatusCode").Call(), jen.Id("r").Dot("Message").Call())),
		)
	}
}

// messageCode is the body of an error response's Message method: for one
// JSON body, a call to the reader of its type's message.
func (e *emitter) messageCode(r *ir.Response, msgs *messageFuncs) []jen.Code {
	if b := r.Body; b != nil && len(b.Alts) == 0 && b.Kind == ir.JSON && e.hasMessage(b.Type, 0) {
		return []jen.Code{jen.Return(jen.Id(msgs.use(b.Type)).Call(jen.Op("&").Id("r").Dot(b.Field)))}
	}
	var out []jen.Code
	for _, b := range r.Body.Bodies() {
		if b != r.Body && b.Field == r.Body.Field {
			continue
		}
		v := jen.Id("r").Dot(b.Field)
		switch {
		case b.Kind == ir.Text:
			out = append(out, jen.If(jen.Id("m").Op(":=").Qual("strings", "TrimSpace").Call(v), jen.Id("m").Op("!=").Lit("")).Block(jen.Return(jen.Id("m"))))
		case b.Kind == ir.JSON && e.hasMessage(b.Type, 0):
			out = append(out, e.messageOf(b.Type, v, 0)...)
		}
	}
	return append(out, jen.Return(jen.Lit("")))
}

// hasMessage reports whether values of t may carry a message.
func (e *emitter) hasMessage(t *ir.GoType, depth int) bool {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	nt := e.types[t.Name]
	if t.Kind != ir.Named || nt == nil || depth > 4 {
		return false
	}
	switch nt.Kind {
	case ir.Struct:
		return len(nt.Message) > 0
	case ir.Union:
		for _, v := range nt.Variants {
			if e.hasMessage(v.Type, depth+1) {
				return true
			}
		}
	case ir.Alias:
		return e.hasMessage(nt.Underlying, depth+1)
	}
	return false
}

// messageOf returns, in statements, the message v (of type t) holds when
// it holds one; it falls through otherwise.
func (e *emitter) messageOf(t *ir.GoType, v *jen.Statement, depth int) []jen.Code {
	if t.Kind == ir.Pointer {
		// Selectors reach the fields through the pointer.
		inner := v
		if nt := e.types[t.Elem.Name]; nt != nil && nt.Kind == ir.Alias && !nt.IsAlias {
			inner = jen.Parens(jen.Op("*").Add(v))
		}
		return []jen.Code{jen.If(v.Clone().Op("!=").Nil()).Block(e.messageOf(t.Elem, inner, depth)...)}
	}
	nt := e.types[t.Name]
	switch nt.Kind {
	case ir.Alias:
		if nt.IsAlias || nt.Underlying.Kind != ir.Named {
			return e.messageOf(nt.Underlying, v, depth+1)
		}
		return e.messageOf(nt.Underlying, typ(nt.Underlying).Parens(v), depth+1)
	case ir.Union:
		var out []jen.Code
		for _, vr := range nt.Variants {
			if e.hasMessage(vr.Type, depth+1) {
				// Each variant is held through a pointer, nil unless decoded.
				out = append(out, e.messageOf(&ir.GoType{Kind: ir.Pointer, Elem: vr.Type}, v.Clone().Dot(vr.Name), depth+1)...)
			}
		}
		return out
	}
	// A struct: follow each path of properties to its string.
	var out []jen.Code
	for _, path := range nt.Message {
		cur := nt
		var fields []*ir.Field
		for _, name := range path {
			var field *ir.Field
			for _, f := range cur.Fields {
				if f.JSONName == name {
					field = f
				}
			}
			fields = append(fields, field)
			cur = e.types[field.Type.Declared()]
		}
		out = append(out, e.followMessage(v, fields)...)
	}
	return out
}

// followMessage reads the string at the end of fields from v, checking
// each optional step on the way.
func (e *emitter) followMessage(v *jen.Statement, fields []*ir.Field) []jen.Code {
	if len(fields) == 0 {
		return nil
	}
	f, rest := fields[0], fields[1:]
	x := v.Clone().Dot(f.Name)
	last := len(rest) == 0
	ret := func(s *jen.Statement) []jen.Code {
		return []jen.Code{jen.If(jen.Id("m").Op(":=").Add(s), jen.Id("m").Op("!=").Lit("")).Block(jen.Return(jen.Id("m")))}
	}
	switch f.Type.Kind {
	case ir.Pointer:
		if last {
			return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(ret(jen.Op("*").Add(x))...)}
		}
		return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(e.followMessage(x, rest)...)}
	case ir.NullableOf:
		val := jen.Id(fmt.Sprintf("n%d", len(rest)))
		body := ret(val)
		if !last {
			body = e.followMessage(val, rest)
		}
		return []jen.Code{jen.If(jen.List(val, jen.Id("ok")).Op(":=").Add(x).Dot("Get").Call(), jen.Id("ok")).Block(body...)}
	}
	if last {
		return ret(x)
	}
	return e.followMessage(x, rest)
}

// bodyFields are the struct fields of a request's or response's body: one
// per Go type of its media types, then, when it has several, ContentType.
func bodyFields(main *ir.Body, what, contentDoc string, fieldType func(*ir.Body) *jen.Statement) []jen.Code {
	var out []jen.Code
	for _, b := range main.Bodies() {
		if b != main && b.Field == main.Field {
			continue
		}
		var types []string
		for _, o := range main.Bodies() {
			if o.Field == b.Field {
				types = append(types, o.ContentType)
			}
		}
		out = append(out, commentLine(fmt.Sprintf("%s is the %s (%s).", b.Field, what, strings.Join(types, ", "))), jen.Id(b.Field).Add(fieldType(b)))
	}
	if main != nil && len(main.Alts) > 0 {
		var types []string
		for _, b := range main.Bodies() {
			types = append(types, b.ContentType)
		}
		out = append(out,
			commentLine("ContentType is the documented media type of the body: "+orList(types)+"."),
			commentLine(contentDoc),
			jen.Id("ContentType").String())
	}
	return out
}
