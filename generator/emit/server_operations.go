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
	body = append(body, jen.Switch(jen.Id("v").Op(":=").Id("resp").Assert(jen.Type())).Block(cases...))
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

// decodeParam reads one parameter into req.Params, answering 400 when it
// is missing or does not parse.
func (e *emitter) decodeParam(op *ir.Operation, p *ir.Param, i int) jen.Code {
	fail := func(err jen.Code) jen.Code { return requestError(string(p.In), p.Name, err) }
	var raw *jen.Statement
	var present *jen.Statement
	switch p.In {
	case ir.InPath:
		raw = jen.Id("r").Dot("PathValue").Call(jen.Lit(wildcard(i)))
	case ir.InQuery:
		raw = jen.Id("query").Dot("Get").Call(jen.Lit(p.Name))
		present = jen.Id("query").Dot("Has").Call(jen.Lit(p.Name))
	case ir.InHeader:
		raw = jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit(p.Name))
	case ir.InCookie:
		raw = jen.Id("cookieValue").Call(jen.Id("r"), jen.Lit(p.Name))
	}
	if present == nil {
		present = jen.Id("raw").Op("!=").Lit("")
	}
	t := p.Type
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	dst := jen.Id("req").Dot("Params").Dot(p.GoName)
	var parse []jen.Code
	switch {
	case t.Kind == ir.Slice && elemOf(t) != t:
		var items *jen.Statement
		sep := map[string]string{"spaceDelimited": " ", "pipeDelimited": "|"}[p.Style]
		if sep == "" {
			sep = ","
		}
		if p.In == ir.InQuery && p.Explode && p.Style == "form" {
			items = jen.Id("query").Index(jen.Lit(p.Name))
		} else {
			items = jen.Qual("strings", "Split").Call(jen.Id("raw"), jen.Lit(sep))
		}
		parse = []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(items)).Block(
			append([]jen.Code{jen.Var().Id("v").Add(typ(t.Elem))},
				append(e.parseScalar(t.Elem, jen.Id("item"), jen.Id("v"), fail), jen.Add(dst.Clone()).Op("=").Append(dst.Clone(), jen.Id("v")))...)...)}
	case p.Type.Kind == ir.Pointer:
		parse = append([]jen.Code{jen.Var().Id("v").Add(typ(t))}, e.parseScalar(t, jen.Id("raw"), jen.Id("v"), fail)...)
		parse = append(parse, dst.Clone().Op("=").Op("&").Id("v"))
	default:
		parse = e.parseScalar(t, jen.Id("raw"), dst, fail)
	}
	stmt := jen.If(jen.Id("raw").Op(":=").Add(raw), present).Block(parse...)
	if p.Required {
		stmt.Else().Block(fail(jen.Qual("errors", "New").Call(jen.Lit("is required"))))
	} else {
		stmt.Else().Block(jen.Id("_").Op("=").Id("raw"))
	}
	return stmt
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
