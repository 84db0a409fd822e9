package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// pageIterator emits the method that yields the items of every page of a
// paginated operation, as an iter.Seq2.
func (e *emitter) pageIterator(f *jen.File, op *ir.Operation) {
	p := op.Pagination
	item := typ(p.Item)
	param := jen.Id("params").Dot(p.Param.GoName)
	stop := func(err jen.Code) jen.Code {
		return jen.Block(jen.Id("yield").Call(jen.Id("zero"), err), jen.Return())
	}
	loop := []jen.Code{
		jen.If(jen.Err().Op(":=").Id("ctx").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Add(stop(jen.Err())),
		jen.List(jen.Id("page"), jen.Err()).Op(":=").Id("c").Dot(op.Name).Call(jen.Id("ctx"), jen.Id("params"), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Add(stop(jen.Err())),
	}
	loop = append(loop, pathDecl(jen.Id("page"), p.Items, "items", jen.Var().Id("items").Add(typ(p.Items[len(p.Items)-1].Type)))...)
	loop = append(loop,
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("items")).Block(
			jen.If(jen.Op("!").Id("yield").Call(jen.Id("item"), jen.Nil())).Block(jen.Return())),
		jen.If(jen.Len(jen.Id("items")).Op("==").Lit(0)).Block(jen.Return()),
	)
	if p.HasMore != nil {
		loop = append(loop, pathDecl(jen.Id("page"), p.HasMore, "more", jen.Id("more").Op(":=").False())...)
		loop = append(loop, jen.If(jen.Op("!").Id("more")).Block(jen.Return()))
	}
	setParam := func(v jen.Code) jen.Code {
		if p.Param.Type.Kind == ir.Pointer {
			return param.Clone().Op("=").Op("&").Add(v)
		}
		return param.Clone().Op("=").Add(v)
	}
	current := func(zero jen.Code) []jen.Code {
		if p.Param.Type.Kind == ir.Pointer {
			return []jen.Code{
				jen.Id("n").Op(":=").Add(typ(p.Param.Type.Elem)).Call(zero),
				jen.If(param.Clone().Op("!=").Nil()).Block(jen.Id("n").Op("=").Op("*").Add(param.Clone())),
			}
		}
		return []jen.Code{jen.Id("n").Op(":=").Add(param.Clone())}
	}
	var doc string
	switch p.Style {
	case "cursor":
		loop = append(loop, pathDecl(jen.Id("page"), p.Next, "next", jen.Id("next").Op(":=").Lit(""))...)
		loop = append(loop,
			jen.If(jen.Id("next").Op("==").Lit("")).Block(jen.Return()),
			jen.If(jen.Id("next").Op("==").Id("prev")).Add(stop(jen.Qual("fmt", "Errorf").Call(jen.Lit(op.Name+": the server gave the cursor %q twice"), jen.Id("next")))),
			jen.Id("prev").Op("=").Id("next"),
			setParam(jen.Id("next")),
		)
		doc = fmt.Sprintf("passing each page's %s as the next call's %s parameter", jsonPointer(p.Next), p.Param.Name)
	case "page":
		loop = append(loop, current(jen.Lit(1))...)
		loop = append(loop, jen.Id("n").Op("++"), setParam(jen.Id("n")))
		doc = fmt.Sprintf("counting the %s parameter up from the one given (1 when none)", p.Param.Name)
	default:
		loop = append(loop, current(jen.Lit(0))...)
		loop = append(loop, jen.Id("n").Op("+=").Add(typ(p.Param.Type.Elem)).Call(jen.Len(jen.Id("items"))), setParam(jen.Id("n")))
		doc = fmt.Sprintf("moving the %s parameter on by the number of items each page has", p.Param.Name)
	}
	fn := []jen.Code{jen.Var().Id("zero").Add(item.Clone())}
	if p.Style == "cursor" {
		fn = append(fn, jen.Id("prev").Op(":=").Lit(""))
	}
	fn = append(fn, jen.For().Block(loop...))
	end := "a page without items"
	if p.HasMore != nil {
		end += fmt.Sprintf(", a page whose %s is false", jsonPointer(p.HasMore))
	}
	if p.Style == "cursor" {
		end += ", a page without a next cursor"
	}
	text := fmt.Sprintf("%s calls %s page after page, %s, and yields every item of every page. "+
		"It stops after %s, at the first error (which it yields), and when the loop breaks. "+
		"The options apply to every call.", p.Method, op.Name, doc, end)
	for _, l := range wrap(text, 76) {
		f.Add(commentLine(l))
	}
	f.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Id(p.Method).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("params").Id(op.ParamsType), optsParam(),
	).Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item.Clone(), jen.Error()).Bool()).Block(fn...)),
	)
}

// wrap breaks text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// pathDecl declares name as the value at the end of fields from v: at
// once when no step on the way is optional, else by decl (its zero value)
// and then pathValue.
func pathDecl(v *jen.Statement, fields []*ir.Field, name string, decl jen.Code) []jen.Code {
	x := v.Clone()
	for _, f := range fields {
		if f.Type.Kind == ir.Pointer || f.Type.Kind == ir.NullableOf {
			return append([]jen.Code{decl}, pathValue(v, fields, jen.Id(name))...)
		}
		x = x.Dot(f.Name)
	}
	return []jen.Code{jen.Id(name).Op(":=").Add(x)}
}

// pathValue sets dst to the value at the end of fields from v, checking
// each optional step on the way (dst keeps its value when a step is
// absent).
func pathValue(v *jen.Statement, fields []*ir.Field, dst *jen.Statement) []jen.Code {
	f, rest := fields[0], fields[1:]
	x := v.Clone().Dot(f.Name)
	switch f.Type.Kind {
	case ir.Pointer:
		if len(rest) == 0 {
			return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(dst.Clone().Op("=").Op("*").Add(x))}
		}
		return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(pathValue(x, rest, dst)...)}
	case ir.NullableOf:
		val := jen.Id(fmt.Sprintf("v%d", len(rest)))
		body := []jen.Code{dst.Clone().Op("=").Add(val)}
		if len(rest) > 0 {
			body = pathValue(val, rest, dst)
		}
		return []jen.Code{jen.If(jen.List(val, jen.Id("ok")).Op(":=").Add(x).Dot("Get").Call(), jen.Id("ok")).Block(body...)}
	}
	if len(rest) == 0 {
		return []jen.Code{dst.Clone().Op("=").Add(x)}
	}
	return pathValue(x, rest, dst)
}

func jsonPointer(fields []*ir.Field) string {
	s := ""
	for _, f := range fields {
		s += "/" + f.JSONName
	}
	return s
}
