package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// decodeParam reads one parameter into req.Params, following its style,
// and answers 400 when it is missing or does not parse.
func (e *emitter) decodeParam(op *ir.Operation, p *ir.Param) []jen.Code {
	fail := func(err jen.Code) jen.Code {
		return failWith(rt("BadParam").Call(jen.Lit(string(p.In)), jen.Lit(p.Name), err))
	}
	return append([]jen.Code{e.readParam(op, p, fail)}, e.checkParam(op, p, fail)...)
}

// checkParam checks a decoded parameter against its rule.
func (e *emitter) checkParam(op *ir.Operation, p *ir.Param, fail func(jen.Code) jen.Code) []jen.Code {
	return e.checker().checks(p.Rule, p.Type, val{x: jen.Id("req").Dot("Params").Dot(p.GoName)}, fail, 0)
}

// readParam decodes one parameter from the request into req.Params.
func (e *emitter) readParam(op *ir.Operation, p *ir.Param, fail func(jen.Code) jen.Code) jen.Code {
	t := p.Type
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	dst := jen.Id("req").Dot("Params").Dot(p.GoName)
	into := func(parse func(target *jen.Statement) []jen.Code) []jen.Code {
		if p.Type.Kind != ir.Pointer {
			return parse(dst)
		}
		if t.Kind == ir.Builtin && t.Name == "string" && e.shape(t) == shapeScalar {
			return []jen.Code{dst.Clone().Op("=").Op("&").Id("raw")}
		}
		return append(append([]jen.Code{jen.Var().Id("pv").Add(typ(t))}, parse(jen.Id("pv"))...), dst.Clone().Op("=").Op("&").Id("pv"))
	}
	missing := func(stmt *jen.Statement) jen.Code {
		if p.Required {
			stmt.Else().Block(fail(rt("ErrRequired")))
		}
		return stmt
	}
	shape := e.shape(t)
	switch {
	case p.In == ir.InQuery && shape == shapeArray && p.Explode && p.Style == "form":
		parse := into(func(target *jen.Statement) []jen.Code { return e.parseItems(t, target, fail) })
		if !p.AllowEmpty {
			parse = append([]jen.Code{jen.If(jen.Qual("slices", "Contains").Call(jen.Id("items"), jen.Lit(""))).Block(fail(rt("ErrEmpty")))}, parse...)
		}
		return missing(jen.If(jen.Id("items").Op(":=").Id("query").Index(jen.Lit(p.Name)), jen.Len(jen.Id("items")).Op(">").Lit(0)).Block(parse...))
	case p.In == ir.InQuery && shape == shapeObject && (p.Style == "deepObject" || p.Explode):
		pairs := queryPairs(p)
		return missing(jen.If(jen.Id("pairs").Op(":=").Add(pairs), jen.Len(jen.Id("pairs")).Op(">").Lit(0)).Block(
			into(func(target *jen.Statement) []jen.Code { return e.parsePairs(t, target, fail) })...))
	}
	if helper := pathReader(p); helper != "" {
		// A string or integer path parameter, the most common, is read by
		// a static helper.
		return jen.If(jen.Err().Op(":=").Add(rt(helper)).Call(jen.Id("r"), jen.Lit(pathWildcard(op, p.Name)), jen.Op("&").Add(dst)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))
	}
	if p.In == ir.InQuery && p.Type.Kind == ir.Pointer && !p.Required && !p.AllowEmpty && shape == shapeScalar {
		// An optional string, integer or boolean, the most common query
		// parameters, is read by a static helper.
		if helper := queryReader(t); helper != "" {
			return jen.If(jen.Err().Op(":=").Add(rt(helper)).Call(jen.Id("query"), jen.Lit(p.Name), jen.Op("&").Add(dst)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))
		}
	}
	var raw, present *jen.Statement
	switch p.In {
	case ir.InPath:
		raw = rt("PathValue").Call(jen.Id("r"), jen.Lit(pathWildcard(op, p.Name)))
	case ir.InQuery:
		raw = jen.Id("query").Dot("Get").Call(jen.Lit(p.Name))
		present = jen.Id("query").Dot("Has").Call(jen.Lit(p.Name))
	case ir.InHeader:
		raw = jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit(p.Name))
	case ir.InCookie:
		raw = rt("CookieValue").Call(jen.Id("r"), jen.Lit(p.Name))
	}
	if present == nil {
		present = jen.Id("raw").Op("!=").Lit("")
	}
	var parse []jen.Code
	text := jen.Id("raw")
	prefix, sep := separators(p, shape)
	if prefix != "" {
		parse = append(parse, jen.Id("raw").Op("=").Qual("strings", "TrimPrefix").Call(jen.Id("raw"), jen.Lit(prefix)))
	}
	split := jen.Qual("strings", "Split").Call(text, jen.Lit(sep))
	switch shape {
	case shapeArray:
		parse = append(parse, jen.Id("items").Op(":=").Add(split))
		parse = append(parse, into(func(target *jen.Statement) []jen.Code { return e.parseItems(t, target, fail) })...)
	case shapeObject:
		if p.Explode {
			split = rt("SplitPairs").Call(split)
		}
		parse = append(parse, jen.Id("pairs").Op(":=").Add(split))
		parse = append(parse, into(func(target *jen.Statement) []jen.Code { return e.parsePairs(t, target, fail) })...)
	default:
		parse = append(parse, into(func(target *jen.Statement) []jen.Code { return e.parseScalar(t, text, target, true, fail) })...)
	}
	if p.In != ir.InQuery {
		return missing(jen.If(jen.Id("raw").Op(":=").Add(raw), present).Block(parse...))
	}
	if !p.AllowEmpty {
		// OpenAPI: a query parameter has a value unless allowEmptyValue
		// says it may be empty ("?name=", "?name").
		parse = append([]jen.Code{jen.If(jen.Id("raw").Op("==").Lit("")).Block(fail(rt("ErrEmpty")))}, parse...)
	}
	// A parameter that is one value given twice is ambiguous (which one
	// would a proxy or a log have read?): refused rather than guessed.
	return missing(jen.If(jen.List(jen.Id("raw"), jen.Id("ok"), jen.Err()).Op(":=").Add(rt("OneValue")).Call(jen.Id("query"), jen.Lit(p.Name)), jen.Err().Op("!=").Nil()).Block(
		fail(jen.Err()),
	).Else().If(jen.Id("ok")).Block(parse...))
}

// queryPairs collects the key/value pairs of an object in the query:
// name[key]=value for deepObject, every key=value for form explode.
func queryPairs(p *ir.Param) *jen.Statement {
	pick := []jen.Code{jen.Id("pairs").Op("=").Append(jen.Id("pairs"), jen.Id("k"), jen.Id("vs").Index(jen.Lit(0)))}
	if p.Style == "deepObject" {
		pick = []jen.Code{
			jen.If(jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Qual("strings", "CutPrefix").Call(jen.Id("k"), jen.Lit(p.Name+"[")), jen.Id("ok").Op("&&").Qual("strings", "HasSuffix").Call(jen.Id("key"), jen.Lit("]"))).Block(
				jen.Id("pairs").Op("=").Append(jen.Id("pairs"), jen.Qual("strings", "TrimSuffix").Call(jen.Id("key"), jen.Lit("]")), jen.Id("vs").Index(jen.Lit(0))),
			),
		}
	}
	return jen.Func().Params().Index().String().Block(
		jen.Var().Id("pairs").Index().String(),
		jen.For(jen.List(jen.Id("k"), jen.Id("vs")).Op(":=").Range().Id("query")).Block(pick...),
		jen.Return(jen.Id("pairs")),
	).Call()
}

// parseItems parses the strings in items into the slice target.
func (e *emitter) parseItems(t *ir.GoType, target *jen.Statement, fail func(jen.Code) jen.Code) []jen.Code {
	return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("items")).Block(
		append([]jen.Code{jen.Var().Id("iv").Add(typ(t.Elem))},
			append(e.parseScalar(t.Elem, jen.Id("item"), jen.Id("iv"), true, fail), target.Clone().Op("=").Append(target.Clone(), jen.Id("iv")))...)...)}
}

// parsePairs parses pairs (key, value, key, value...) into the struct or
// map target; unknown keys of a struct are ignored.
func (e *emitter) parsePairs(t *ir.GoType, target *jen.Statement, fail func(jen.Code) jen.Code) []jen.Code {
	key, val := jen.Id("pairs").Index(jen.Id("i")), jen.Id("pairs").Index(jen.Id("i").Op("+").Lit(1))
	var body []jen.Code
	var out []jen.Code
	if t.Kind == ir.Map {
		out = append(out, target.Clone().Op("=").Make(typ(t)))
		body = append([]jen.Code{jen.Var().Id("iv").Add(typ(t.Elem))}, e.parseScalar(t.Elem, val, jen.Id("iv"), true, fail)...)
		body = append(body, target.Clone().Index(key).Op("=").Id("iv"))
	} else {
		var cases []jen.Code
		for _, f := range e.structFields(t) {
			ft := f.Type
			if ft.Kind == ir.Pointer {
				ft = ft.Elem
				stmts := append([]jen.Code{jen.Var().Id("iv").Add(typ(ft))}, e.parseScalar(ft, val, jen.Id("iv"), true, fail)...)
				cases = append(cases, jen.Case(jen.Lit(f.JSONName)).Block(append(stmts, target.Clone().Dot(f.Name).Op("=").Op("&").Id("iv"))...))
				continue
			}
			cases = append(cases, jen.Case(jen.Lit(f.JSONName)).Block(e.parseScalar(ft, val, target.Clone().Dot(f.Name), true, fail)...))
		}
		body = []jen.Code{jen.Switch(key).Block(cases...)}
	}
	loop := jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("+").Lit(1).Op("<").Len(jen.Id("pairs")), jen.Id("i").Op("+=").Lit(2)).Block(body...)
	return append(out, loop)
}

// pathReader is the static helper that reads the path parameter p, a
// string or an int64, "" for one of another type or style.
func pathReader(p *ir.Param) string {
	if p.In != ir.InPath || !p.Required || p.Type.Kind != ir.Builtin || (p.Style != "" && p.Style != "simple") {
		return ""
	}
	switch p.Type.Name {
	case "string":
		return "PathString"
	case "int64":
		return "PathInt64"
	}
	return ""
}

// queryReader is the static helper that reads an optional query
// parameter of the builtin type t, as the code it stands for would:
// absent leaves it nil, given twice or empty is an error, and the value
// parses as parseScalar parses it. "" for another type.
func queryReader(t *ir.GoType) string {
	if t.Kind != ir.Builtin {
		return ""
	}
	switch t.Name {
	case "string":
		return "QueryString"
	case "int64":
		return "QueryInt64"
	case "bool":
		return "QueryBool"
	}
	return ""
}
