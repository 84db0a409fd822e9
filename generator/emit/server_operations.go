package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// serverOperations emits one handler method per operation and the
// response writer they share.
func (e *emitter) serverOperations(f *jen.File) {
	f.Comment("writeBody writes a response with extra headers, a content type and a body.")
	f.Func().Id("writeBody").Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("status").Int(), jen.Id("header").Qual("net/http", "Header"), jen.Id("contentType").String(), jen.Id("body").Index().Byte()).Block(
		jen.For(jen.List(jen.Id("k"), jen.Id("vs")).Op(":=").Range().Id("header")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("vs")).Block(jen.Id("w").Dot("Header").Call().Dot("Add").Call(jen.Id("k"), jen.Id("v")))),
		jen.If(jen.Id("contentType").Op("!=").Lit("")).Block(jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Id("contentType"))),
		jen.Id("w").Dot("WriteHeader").Call(jen.Id("status")),
		jen.If(jen.Id("body").Op("!=").Nil()).Block(jen.List(jen.Id("_"), jen.Id("_")).Op("=").Id("w").Dot("Write").Call(jen.Id("body"))),
	)
	e.cookieHelper(f)
	e.splitPairsHelper(f)
	for _, op := range e.api.Operations {
		e.handlerMethod(f, op)
	}
}

func (e *emitter) handlerMethod(f *jen.File, op *ir.Operation) {
	body := []jen.Code{jen.Var().Id("req").Id(op.RequestType)}
	if hasIn(op, ir.InQuery) {
		body = append(body, jen.Id("query").Op(":=").Id("r").Dot("URL").Dot("Query").Call())
	}
	for i, p := range op.Params {
		body = append(body, e.decodeParam(op, p, i))
	}
	if op.Body != nil {
		body = append(body, e.decodeRequestBody(op)...)
	}
	body = append(body,
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("h").Dot("impl").Dot(op.Name).Call(jen.Id("r").Dot("Context").Call(), jen.Op("&").Id("req")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("h").Dot("onError").Call(jen.Id("w"), jen.Id("r"), jen.Err()), jen.Return()),
	)
	var cases []jen.Code
	for _, r := range op.Responses {
		cases = append(cases, jen.Case(jen.Op("*").Id(r.TypeName)).Block(e.writeResponse(op, r)...))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("h").Dot("onError").Call(jen.Id("w"), jen.Id("r"), jen.Qual("fmt", "Errorf").Call(jen.Lit(op.Name+" returned no documented response (%T)"), jen.Id("resp"))),
	))
	subject := jen.Id("v").Op(":=").Id("resp").Assert(jen.Type())
	if len(op.Responses) == 0 {
		subject = jen.Id("resp").Assert(jen.Type())
	}
	body = append(body, jen.Switch(subject).Block(cases...))
	f.Func().Params(jen.Id("h").Op("*").Id("handler")).Id(handlerName(op)).Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).Block(body...)
}

func hasIn(op *ir.Operation, in ir.ParamIn) bool {
	for _, p := range op.Params {
		if p.In == in {
			return true
		}
	}
	return false
}

// requestError answers a bad request through the error handler.
func requestError(in, name string, err jen.Code) jen.Code {
	return jen.Block(
		jen.Id("h").Dot("onError").Call(jen.Id("w"), jen.Id("r"), jen.Op("&").Id(ir.NameRequestError).Values(jen.Dict{jen.Id("In"): jen.Lit(in), jen.Id("Name"): jen.Lit(name), jen.Id("Err"): err})),
		jen.Return(),
	)
}

// writeResponse writes one documented response.
func (e *emitter) writeResponse(op *ir.Operation, r *ir.Response) []jen.Code {
	status := jen.Lit(r.Code)
	if r.Code == 0 {
		status = jen.Id("v").Dot("Status")
	}
	out := []jen.Code{jen.Id("header").Op(":=").Id("v").Dot("Header").Dot("Clone").Call()}
	if len(r.Headers) > 0 {
		out = append(out, jen.If(jen.Id("header").Op("==").Nil()).Block(jen.Id("header").Op("=").Qual("net/http", "Header").Values()))
	}
	for _, h := range r.Headers {
		t := h.Type
		if t.Kind == ir.Pointer {
			t = t.Elem
		}
		out = append(out, setIfPresent(h.Type, jen.Id("v").Dot(h.GoName), func(val *jen.Statement) jen.Code {
			return jen.Id("header").Dot("Set").Call(jen.Lit(h.Name), e.joined(t, val, ","))
		}))
	}
	if r.Body == nil {
		return append(out, jen.Id("writeBody").Call(jen.Id("w"), status, jen.Id("header"), jen.Lit(""), jen.Nil()))
	}
	switch r.Body.Kind {
	case ir.JSON:
		out = append(out,
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v").Dot("Body")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("h").Dot("onError").Call(jen.Id("w"), jen.Id("r"), jen.Qual("fmt", "Errorf").Call(jen.Lit(op.Name+": encode response: %w"), jen.Err())), jen.Return()),
			jen.Id("writeBody").Call(jen.Id("w"), status, jen.Id("header"), jen.Lit(wireType(r.Body)), jen.Id("data")),
		)
	case ir.Text:
		out = append(out, jen.Id("writeBody").Call(jen.Id("w"), status, jen.Id("header"), jen.Lit(wireType(r.Body)), jen.Index().Byte().Parens(jen.Id("v").Dot("Body"))))
	default:
		out = append(out, jen.Id("writeBody").Call(jen.Id("w"), status, jen.Id("header"), jen.Lit(wireType(r.Body)), jen.Id("v").Dot("Body")))
	}
	return out
}
