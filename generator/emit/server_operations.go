package emit

import (
	"github.com/dave/jennifer/jen"
	"net/textproto"

	"github.com/oasgen/oasgen/generator/ir"
)

// serverOperations emits one handler method per operation.
func (e *emitter) serverOperations(f *jen.File) {
	for _, op := range e.api.Operations {
		e.handlerMethod(f, op)
	}
	e.responseViews(f)
}

// failWith returns err from an operation's handler, which h.operation
// answers with h.fail.
func failWith(err jen.Code) *jen.Statement {
	return jen.Return(err)
}

func (e *emitter) handlerMethod(f *jen.File, op *ir.Operation) {
	// Authenticated, then the query parsed whole, or the request refused.
	security := jen.Nil()
	if len(op.Security) > 0 {
		security = jen.Id(e.securityVar(op))
	}
	query := jen.Id("_")
	if hasIn(op, ir.InQuery) {
		query = jen.Id("query")
	}
	body := []jen.Code{
		jen.List(jen.Id("ctx"), query, jen.Err()).Op(":=").Id("h").Dot("Start").Call(jen.Id("r"), jen.Lit(op.Name), security),
		jen.If(jen.Err().Op("!=").Nil()).Block(failWith(jen.Err())),
		jen.Var().Id("req").Id(op.RequestType),
	}
	if altResponses(op) {
		body = append(body, jen.Id("req").Dot("Accept").Op("=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Accept")))
	}
	for _, p := range op.Params {
		body = append(body, e.decodeParam(op, p)...)
	}
	if op.Body != nil {
		body = append(body, e.decodeRequestBody(op)...)
	}
	body = append(body,
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("h").Dot("impl").Dot(op.Name).Call(jen.Id("ctx"), jen.Op("&").Id("req")),
		jen.If(jen.Err().Op("!=").Nil()).Block(failWith(jen.Err())),
	)
	var cases []jen.Code
	for _, r := range op.Responses {
		cases = append(cases, jen.Case(jen.Op("*").Id(r.TypeName)).Block(e.writeResponse(op, r)...))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("h").Dot("Undocumented").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), jen.Id("resp")),
	))
	subject := jen.Id("v").Op(":=").Id("resp").Assert(jen.Type())
	if len(op.Responses) == 0 {
		subject = jen.Id("resp").Assert(jen.Type())
	}
	body = append(body, jen.Switch(subject).Block(cases...), jen.Return(jen.Nil()))
	f.Func().Params(jen.Id("h").Op("*").Id("handler")).Id(handlerName(op)).Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).Error().Block(body...)
}

func hasIn(op *ir.Operation, in ir.ParamIn) bool {
	for _, p := range op.Params {
		if p.In == in {
			return true
		}
	}
	return false
}

// writeResponse writes one documented response.
func (e *emitter) writeResponse(op *ir.Operation, r *ir.Response) []jen.Code {
	status := jen.Lit(r.Code)
	if r.Code == 0 {
		status = jen.Id("v").Dot("Status")
	}
	if len(r.Headers) == 0 {
		// The writers copy the headers; without typed ones to add, they
		// go as they are.
		header := jen.Id("v").Dot("Header")
		if r.Body == nil {
			return []jen.Code{rt("WriteBody").Call(jen.Id("w"), status, header, jen.Lit(""), jen.Nil())}
		}
		if len(r.Body.Alts) == 0 {
			return e.writeMedia(op, r.Body, status, header)
		}
	}
	out := []jen.Code{jen.Id("header").Op(":=").Id("v").Dot("Header")}
	if len(r.Headers) > 0 {
		// A copy to add the typed headers to.
		out = []jen.Code{jen.Id("header").Op(":=").Add(rt("CloneHeader")).Call(jen.Id("v").Dot("Header"))}
	}
	for _, h := range r.Headers {
		t := h.Type
		if t.Kind == ir.Pointer {
			t = t.Elem
		}
		// The key canonical as http.Header.Set makes it.
		key := jen.Lit(textproto.CanonicalMIMEHeaderKey(h.Name))
		if isOptionalString(h.Type) {
			out = append(out, rt("SetString").Call(jen.Id("header"), key, jen.Id("v").Dot(h.GoName)))
			continue
		}
		out = append(out, setIfPresent(h.Type, jen.Id("v").Dot(h.GoName), func(val *jen.Statement) jen.Code {
			return setValue(jen.Id("header"), key, e.joined(t, val, ","))
		}))
	}
	if r.Body == nil {
		return append(out, rt("WriteBody").Call(jen.Id("w"), status, jen.Id("header"), jen.Lit(""), jen.Nil()))
	}
	if len(r.Body.Alts) == 0 {
		return append(out, e.writeMedia(op, r.Body, status, jen.Id("header"))...)
	}
	// The media type the implementation chose; "" is the first.
	var cases []jen.Code
	used := map[string]bool{}
	for _, b := range r.Body.Bodies() {
		var values []jen.Code
		for _, v := range []string{"", b.ContentType} {
			if (v == "" && b != r.Body) || used[v] {
				continue
			}
			used[v] = true
			values = append(values, jen.Lit(v))
		}
		if len(values) > 0 {
			cases = append(cases, jen.Case(values...).Block(e.writeMedia(op, b, status, jen.Id("header"))...))
		}
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("h").Dot("ImplementationError").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s returned a %T with ContentType %q, which the operation does not document"), jen.Lit(op.Name), jen.Id("v"), jen.Id("v").Dot("ContentType")))))
	return append(out, jen.Switch(jen.Id("v").Dot("ContentType")).Block(cases...))
}

// writeMedia writes v's body of media type b with the headers header.
func (e *emitter) writeMedia(op *ir.Operation, b *ir.Body, status, header jen.Code) []jen.Code {
	var out []jen.Code
	src := jen.Id("v").Dot(b.Field)
	switch b.Kind {
	case ir.JSON:
		var write jen.Code
		switch view := e.responseView(b.Type); {
		case view != nil:
			// The server never writes a writeOnly property: it writes the
			// body through its response view.
			vt := jen.Id(responseViewName(view))
			if b.Type.Kind == ir.Pointer {
				out = append(out, jen.Id("view").Op(":=").Parens(jen.Op("*").Add(vt)).Call(src))
			} else {
				out = append(out, jen.Id("view").Op(":=").Add(vt).Call(src), jen.Id("_").Op("=").Id("view"))
			}
			write = jen.Id("h").Dot("WriteJSON").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), status, header, jen.Lit(wireType(b)), jen.Id("view"))
			if e.hasCodecs() {
				appendView := jen.Id("view").Dot(e.appName)
				if b.Type.Kind == ir.Pointer {
					appendView = jen.Func().Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
						jen.If(jen.Id("view").Op("==").Nil()).Block(jen.Return(jen.Append(jen.Id("b"), jen.Lit("null").Op("...")), jen.Nil())),
						jen.Return(jen.Id("view").Dot(e.appName).Call(jen.Id("b"))))
				}
				write = jen.Id("h").Dot("WriteJSONWith").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), status, header, jen.Lit(wireType(b)), appendView)
			}
		case e.hasCodecs():
			write = jen.Id("h").Dot("WriteJSONWith").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), status, header, jen.Lit(wireType(b)), e.codec().appendFunc(b.Type, src))
		default:
			write = jen.Id("h").Dot("WriteJSON").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), status, header, jen.Lit(wireType(b)), src)
		}
		out = append(out, write)
	case ir.Text:
		out = append(out, rt("WriteBody").Call(jen.Id("w"), status, header, jen.Lit(wireType(b)), jen.Index().Byte().Parens(src)))
	case ir.Events:
		encode := jen.Id("encodeTextEvent")
		if elem := b.Type.Elem; !(elem.Kind == ir.Builtin && elem.Name == "string") {
			encode = jen.Id("encodeJSONEvent").Types(typ(elem))
			if e.hasCodecs() {
				encode = e.codec().eventEncoder(elem)
			}
		}
		out = append(out, jen.If(jen.Err().Op(":=").Id("writeEvents").Call(jen.Id("w"), jen.Id("r"), status, header, src, encode), jen.Err().Op("!=").Nil()).Block(
			jen.Id("h").Dot("ImplementationError").Call(jen.Id("w"), jen.Id("r"), jen.Lit(op.Name), jen.Err())))
	case ir.Binary:
		write := rt("WriteBody")
		if b.Stream {
			write = rt("WriteStream")
		}
		out = append(out, write.Call(jen.Id("w"), status, header, jen.Lit(wireType(b)), src))
	default:
		out = append(out, rt("WriteBody").Call(jen.Id("w"), status, header, jen.Lit(wireType(b)), src))
	}
	return out
}
