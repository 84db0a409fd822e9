package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// wireType is the Content-Type to send for a body: the spec's media type,
// or a concrete one when the spec gives a wildcard.
func wireType(b *ir.Body) string {
	if !strings.Contains(b.ContentType, "*") {
		return b.ContentType
	}
	switch b.Kind {
	case ir.JSON:
		return "application/json"
	case ir.Text:
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// decodeRequestBody reads the request body into req.Body, within the size
// limit, answering 400 when it does not decode.
func (e *emitter) decodeRequestBody(op *ir.Operation) []jen.Code {
	b := op.Body
	fail := func(err jen.Code) jen.Code { return requestError("body", "", err) }
	t := b.Type
	dst := jen.Id("req").Dot("Body")
	optionalPtr := !b.Required && optionalType(t).Kind == ir.Pointer && t.Kind != ir.Pointer
	if optionalPtr {
		dst = jen.Id("v")
	}
	var read []jen.Code
	switch b.Kind {
	case ir.JSON:
		read = []jen.Code{jen.If(jen.Err().Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Id("body")).Dot("Decode").Call(jen.Op("&").Add(dst)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
	case ir.Form, ir.Multipart:
		read = e.decodeForm(b, dst, fail)
	default:
		read = []jen.Code{
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("body")),
			jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
		}
		if b.Kind == ir.Text {
			read = append(read, dst.Clone().Op("=").String().Parens(jen.Id("data")))
		} else {
			read = append(read, dst.Clone().Op("=").Id("data"))
		}
	}
	if optionalPtr {
		read = append([]jen.Code{jen.Var().Id("v").Add(typ(t))}, read...)
		read = append(read, jen.Id("req").Dot("Body").Op("=").Op("&").Id("v"))
	}
	out := []jen.Code{
		jen.Id("r").Dot("Body").Op("=").Qual("net/http", "MaxBytesReader").Call(jen.Id("w"), jen.Id("r").Dot("Body"), jen.Id("h").Dot("maxBody")),
		jen.Id("body").Op(":=").Id("r").Dot("Body"),
	}
	if b.Required {
		return append(append(out, jen.If(jen.Id("r").Dot("ContentLength").Op("==").Lit(0)).Block(fail(jen.Qual("errors", "New").Call(jen.Lit("a request body is required"))))), read...)
	}
	return append(out, jen.If(jen.Id("r").Dot("ContentLength").Op("!=").Lit(0)).Block(read...))
}

// decodeForm parses a form or multipart body into the fields of a struct.
func (e *emitter) decodeForm(b *ir.Body, dst *jen.Statement, fail func(jen.Code) jen.Code) []jen.Code {
	out := []jen.Code{jen.Id("_").Op("=").Id("body")}
	if b.Kind == ir.Multipart {
		out = append(out, jen.If(jen.Err().Op(":=").Id("r").Dot("ParseMultipartForm").Call(jen.Id("h").Dot("maxBody")), jen.Err().Op("!=").Nil()).Block(fail(jen.Err())))
	} else {
		out = append(out, jen.If(jen.Err().Op(":=").Id("r").Dot("ParseForm").Call(), jen.Err().Op("!=").Nil()).Block(fail(jen.Err())))
	}
	fields := e.structFields(b.Type)
	if fields == nil {
		return append(out, jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Parens(jen.Id("r").Dot("PostFormValue").Call(jen.Lit("body"))), jen.Op("&").Add(dst)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err())))
	}
	for _, fl := range fields {
		ft := fl.Type
		if ft.Kind == ir.Pointer {
			ft = ft.Elem
		}
		ffail := func(err jen.Code) jen.Code { return requestError("body", fl.JSONName, err) }
		target := dst.Clone().Dot(fl.Name)
		if isBytes(ft) && b.Kind == ir.Multipart {
			out = append(out, jen.If(jen.List(jen.Id("file"), jen.Id("_"), jen.Err()).Op(":=").Id("r").Dot("FormFile").Call(jen.Lit(fl.JSONName)), jen.Err().Op("==").Nil()).Block(
				jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("file")),
				jen.Id("file").Dot("Close").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(ffail(jen.Err())),
				target.Clone().Op("=").Id("data"),
			))
			continue
		}
		values := jen.Id("r").Dot("PostForm").Index(jen.Lit(fl.JSONName))
		var parse []jen.Code
		switch {
		case ft.Kind == ir.Slice && elemOf(ft) != ft:
			parse = []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("vals")).Block(
				append([]jen.Code{jen.Var().Id("v").Add(typ(ft.Elem))}, append(e.parseScalar(ft.Elem, jen.Id("item"), jen.Id("v"), ffail), target.Clone().Op("=").Append(target.Clone(), jen.Id("v")))...)...)}
		case fl.Type.Kind == ir.Pointer:
			parse = append([]jen.Code{jen.Var().Id("v").Add(typ(ft))}, e.parseScalar(ft, jen.Id("vals").Index(jen.Lit(0)), jen.Id("v"), ffail)...)
			parse = append(parse, target.Clone().Op("=").Op("&").Id("v"))
		default:
			parse = e.parseScalar(ft, jen.Id("vals").Index(jen.Lit(0)), target, ffail)
		}
		stmt := jen.If(jen.Id("vals").Op(":=").Add(values), jen.Len(jen.Id("vals")).Op(">").Lit(0)).Block(parse...)
		if fl.Required {
			stmt.Else().Block(ffail(jen.Qual("errors", "New").Call(jen.Lit("is required"))))
		}
		out = append(out, stmt)
	}
	return out
}

// cookieHelper emits cookieValue when an operation reads a cookie.
func (e *emitter) cookieHelper(f *jen.File) {
	for _, op := range e.api.Operations {
		if hasIn(op, ir.InCookie) {
			f.Comment("cookieValue returns the value of the named cookie, or \"\".")
			f.Func().Id("cookieValue").Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("name").String()).String().Block(
				jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("r").Dot("Cookie").Call(jen.Id("name")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""))),
				jen.Return(jen.Id("c").Dot("Value")),
			)
			return
		}
	}
}
