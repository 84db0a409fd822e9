package emit

import (
	"cmp"
	"slices"
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

// accepted is the media type a server accepts for a body ("" for any: a
// lone octet-stream body takes a file of any type; beside others, it is
// one type among them).
func accepted(b *ir.Body, alone bool) string {
	switch {
	case b.Kind == ir.JSON && strings.Contains(b.ContentType, "*"):
		return "application/json"
	case alone && b.Kind == ir.Binary && strings.HasPrefix(b.ContentType, "application/octet-stream"):
		return ""
	}
	return strings.ToLower(b.ContentType)
}

// decodeRequestBody reads the request body within the size limit, checks
// its media type and decodes it into the request: with several documented
// media types, by the one its Content-Type names.
func (e *emitter) decodeRequestBody(op *ir.Operation) []jen.Code {
	main := op.Body
	if main.Files {
		// Read from the connection, files past a few MiB to disk; the
		// handler gets the files open until it returns.
		read := []jen.Code{jen.Defer().Id("form").Dot("RemoveAll").Call()}
		if e.hasValueParts(main) {
			read = append(read, jen.Id("values").Op(":=").Qual("net/url", "Values").Parens(jen.Id("form").Dot("Value")))
		}
		read = append(read, e.decodeRequestMedia(op, main)...)
		return []jen.Code{
			jen.List(jen.Id("form"), jen.Err()).Op(":=").Id("h").Dot("ReadMultipart").Call(jen.Id("w"), jen.Id("r"), jen.Lit(main.Required)),
			jen.If(jen.Err().Op("!=").Nil()).Block(failWith(jen.Err())),
			jen.If(jen.Id("form").Op("!=").Nil()).Block(read...),
		}
	}
	if main.Stream {
		// Handed over unread, within the body limit.
		return []jen.Code{
			jen.List(jen.Id("body"), jen.Err()).Op(":=").Id("h").Dot("StreamBody").Call(jen.Id("w"), jen.Id("r"), jen.Lit(main.Required), jen.Lit(accepted(main, true))),
			jen.If(jen.Err().Op("!=").Nil()).Block(failWith(jen.Err())),
			jen.Id("req").Dot("Body").Op("=").Id("body"),
		}
	}
	bodies := main.Bodies()
	// Decoding copies what it keeps, except for binary bodies, which are
	// the buffer itself: the others give the buffer back to the pool.
	pooled := false
	var seen []string
	var accept []jen.Code
	for _, b := range bodies {
		pooled = pooled || b.Kind != ir.Binary
		if a := accepted(b, len(bodies) == 1); !slices.Contains(seen, a) {
			seen, accept = append(seen, a), append(accept, jen.Lit(a))
		}
	}
	out := []jen.Code{
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Id("h").Dot("ReadBody").Call(append([]jen.Code{jen.Id("w"), jen.Id("r"), jen.Lit(main.Required), jen.Lit(pooled)}, accept...)...),
		jen.If(jen.Err().Op("!=").Nil()).Block(failWith(jen.Err())),
	}
	var read []jen.Code
	if len(bodies) == 1 {
		read = e.decodeRequestMedia(op, main)
	} else {
		// The most specific documented type first; the main body takes
		// what is left, which is what readBody let through.
		last := main
		var cases []jen.Code
		for _, b := range bySpecificity(bodies) {
			if b == last {
				continue
			}
			cases = append(cases, jen.Case(rt("MediaIs").Call(jen.Id("ct"), jen.Lit(strings.ToLower(b.ContentType)))).Block(
				append([]jen.Code{jen.Id("req").Dot("ContentType").Op("=").Lit(b.ContentType)}, e.decodeRequestMedia(op, b)...)...))
		}
		cases = append(cases, jen.Default().Block(
			append([]jen.Code{jen.Id("req").Dot("ContentType").Op("=").Lit(last.ContentType)}, e.decodeRequestMedia(op, last)...)...))
		read = []jen.Code{jen.Switch(jen.Id("ct").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Empty()).Block(cases...)}
	}
	if main.Required {
		return append(out, read...)
	}
	return append(out, jen.If(jen.Id("data").Op("!=").Nil()).Block(read...))
}

// decodeRequestMedia decodes data, a request body of one media type, into the
// request's field for it and runs the checks of its schema.
func (e *emitter) decodeRequestMedia(op *ir.Operation, b *ir.Body) []jen.Code {
	t := b.Type
	dst := jen.Id("req").Dot(b.Field)
	optionalPtr := !b.Required && optionalType(t).Kind == ir.Pointer && t.Kind != ir.Pointer
	if optionalPtr {
		dst = jen.Id("v")
	}
	badBody := func(err jen.Code) jen.Code {
		return failWith(rt("BadParam").Call(jen.Lit("body"), jen.Lit(""), err))
	}
	checks := e.checker().checks(b.Rule, t, val{x: dst.Clone()}, func(err jen.Code) jen.Code { return badBody(err) }, 0)
	var read []jen.Code
	switch b.Kind {
	case ir.JSON:
		rules := jen.Nil()
		if b.Rule != nil {
			rules = jen.Id("requestRules").Call().Index(jen.Lit(ruleKey(op, b)))
		}
		decode := rt("DecodeStrict").Call(jen.Id("data"), rules, jen.Op("&").Add(dst), e.presize(t, dst))
		if e.hasCodecs() {
			decode = rt("DecodeStrictJSON").Call(jen.Id("data"), rules, e.presize(t, dst), e.codec().decodeFunc(t, dst))
		}
		read = append(read, jen.If(jen.Err().Op(":=").Add(decode), jen.Err().Op("!=").Nil()).Block(badBody(jen.Err())))
		read = append(read, checks...)
	case ir.Form, ir.Multipart:
		read = append(e.decodeForm(op, b, dst, badBody), checks...)
	case ir.Text:
		read = []jen.Code{dst.Clone().Op("=").String().Parens(jen.Id("data"))}
	default:
		read = []jen.Code{dst.Clone().Op("=").Id("data")}
	}
	if optionalPtr {
		read = append([]jen.Code{jen.Var().Id("v").Add(typ(t))}, read...)
		read = append(read, jen.Id("req").Dot(b.Field).Op("=").Op("&").Id("v"))
	}
	if b.Kind != ir.Binary && !b.Files {
		read = append(read, rt("ReleaseBody").Call(jen.Id("data")))
	}
	return read
}

// ruleKey names the rule of a request body in requestRules: an
// alternative media type with a schema of its own has its own.
func ruleKey(op *ir.Operation, b *ir.Body) string {
	if b.Name == "" || b.Rule == op.Body.Rule {
		return op.Name + " body"
	}
	return op.Name + " body " + b.Name
}

// bySpecificity orders bodies by how specific their media type is:
// parameters first, then exact types, then wildcards, broadest last.
func bySpecificity(bodies []*ir.Body) []*ir.Body {
	rank := func(ct string) int {
		switch {
		case strings.Contains(ct, ";"):
			return 0
		case ct == "*/*":
			return 4
		case strings.HasSuffix(ct, "/*"):
			return 3
		case strings.Contains(ct, "*"):
			return 2
		}
		return 1
	}
	out := slices.Clone(bodies)
	slices.SortStableFunc(out, func(a, b *ir.Body) int { return cmp.Compare(rank(a.ContentType), rank(b.ContentType)) })
	return out
}

// decodeForm parses a form or multipart body into the fields of a struct.
func (e *emitter) decodeForm(op *ir.Operation, b *ir.Body, dst *jen.Statement, badBody func(jen.Code) jen.Code) []jen.Code {
	var out []jen.Code
	if b.Files {
		// readMultipart has read the form from the connection.
	} else if b.Kind == ir.Multipart {
		out = append(out,
			jen.List(jen.Id("_"), jen.Id("mparams"), jen.Id("_")).Op(":=").Qual("mime", "ParseMediaType").Call(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type"))),
			jen.List(jen.Id("form"), jen.Err()).Op(":=").Qual("mime/multipart", "NewReader").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("data")), jen.Id("mparams").Index(jen.Lit("boundary"))).Dot("ReadForm").Call(jen.Id("h").Dot("MaxBody")),
			jen.If(jen.Err().Op("!=").Nil()).Block(badBody(jen.Err())),
			jen.Defer().Id("form").Dot("RemoveAll").Call(),
		)
		if e.hasValueParts(b) {
			out = append(out, jen.Id("values").Op(":=").Qual("net/url", "Values").Parens(jen.Id("form").Dot("Value")))
		}
	} else {
		out = append(out,
			jen.List(jen.Id("values"), jen.Err()).Op(":=").Qual("net/url", "ParseQuery").Call(jen.String().Parens(jen.Id("data"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(badBody(jen.Err())),
		)
	}
	fields := e.structFields(b.Type)
	if fields == nil {
		// Not an object: the value is JSON text in the field "body".
		rules := jen.Nil()
		if b.Rule != nil {
			rules = jen.Id("requestRules").Call().Index(jen.Lit(ruleKey(op, b)))
		}
		return append(out, jen.If(jen.Err().Op(":=").Add(rt("DecodeStrict")).Call(jen.Index().Byte().Parens(jen.Id("values").Dot("Get").Call(jen.Lit("body"))), rules, jen.Op("&").Add(dst), jen.Nil()), jen.Err().Op("!=").Nil()).Block(badBody(jen.Err())))
	}
	for _, fl := range fields {
		ft := fl.Type
		if ft.Kind == ir.Pointer || ft.Kind == ir.NullableOf {
			ft = ft.Elem
		}
		ffail := func(err jen.Code) jen.Code {
			return failWith(rt("BadParam").Call(jen.Lit("body"), jen.Lit(fl.JSONName), err))
		}
		target := dst.Clone().Dot(fl.Name)
		if b.Kind == ir.Multipart && ft.HoldsFiles() {
			out = append(out, e.fileField(fl, ft, target, ffail)...)
			continue
		}
		if isBytes(ft) && b.Kind == ir.Multipart {
			out = append(out, jen.If(jen.Id("files").Op(":=").Id("form").Dot("File").Index(jen.Lit(fl.JSONName)), jen.Len(jen.Id("files")).Op(">").Lit(0)).Block(
				jen.List(jen.Id("file"), jen.Err()).Op(":=").Id("files").Index(jen.Lit(0)).Dot("Open").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(ffail(jen.Err())),
				jen.List(jen.Id("content"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("file")),
				jen.Id("file").Dot("Close").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(ffail(jen.Err())),
				target.Clone().Op("=").Id("content"),
			))
			continue
		}
		// A string field, the most common, is read by a static helper.
		if helper := stringReader(fl); helper != "" {
			out = append(out, jen.If(jen.Err().Op(":=").Add(rt(helper)).Call(jen.Id("values"), jen.Lit(fl.JSONName), jen.Op("&").Add(target)), jen.Err().Op("!=").Nil()).Block(ffail(jen.Err())))
			continue
		}
		var parse []jen.Code
		switch {
		case ft.Kind == ir.Slice && elemOf(ft) != ft && fl.Type.Kind == ir.NullableOf:
			// A form has no null: items that are there are a list.
			parse = append([]jen.Code{jen.Var().Id("pv").Add(typ(ft))}, e.parseItems(ft, jen.Id("pv"), ffail)...)
			parse = append(parse, target.Clone().Op("=").Id(ir.NameNullableOf).Call(jen.Id("pv")))
		case ft.Kind == ir.Slice && elemOf(ft) != ft:
			parse = e.parseItems(ft, target, ffail)
		case fl.Type.Kind == ir.Pointer && ft.Kind == ir.Builtin && ft.Name == "string":
			parse = []jen.Code{target.Clone().Op("=").Op("&").Id("raw")}
		case fl.Type.Kind == ir.Pointer:
			parse = append([]jen.Code{jen.Var().Id("pv").Add(typ(ft))}, e.parseScalar(ft, jen.Id("raw"), jen.Id("pv"), true, ffail)...)
			parse = append(parse, target.Clone().Op("=").Op("&").Id("pv"))
		case fl.Type.Kind == ir.NullableOf:
			// A form has no null: a field that is there is a value.
			parse = append([]jen.Code{jen.Var().Id("pv").Add(typ(ft))}, e.parseScalar(ft, jen.Id("raw"), jen.Id("pv"), true, ffail)...)
			parse = append(parse, target.Clone().Op("=").Id(ir.NameNullableOf).Call(jen.Id("pv")))
		default:
			parse = e.parseScalar(ft, jen.Id("raw"), target, true, ffail)
		}
		var stmt *jen.Statement
		if ft.Kind == ir.Slice && elemOf(ft) != ft {
			stmt = jen.If(jen.Id("items").Op(":=").Id("values").Index(jen.Lit(fl.JSONName)), jen.Len(jen.Id("items")).Op(">").Lit(0)).Block(parse...)
		} else {
			// One value given twice is ambiguous: refused, not guessed.
			stmt = jen.If(jen.List(jen.Id("raw"), jen.Id("ok"), jen.Err()).Op(":=").Add(rt("OneValue")).Call(jen.Id("values"), jen.Lit(fl.JSONName)), jen.Err().Op("!=").Nil()).Block(
				ffail(jen.Err()),
			).Else().If(jen.Id("ok")).Block(parse...)
		}
		if fl.Required {
			stmt.Else().Block(ffail(rt("ErrRequired")))
		}
		out = append(out, stmt)
	}
	return out
}

// stringReader is the static helper that reads the form field fl, a
// string or an optional one, from values; "" for a field of another type.
func stringReader(fl *ir.Field) string {
	switch {
	case isOptionalString(fl.Type):
		return "OptionalString"
	case fl.Required && fl.Type.Kind == ir.Builtin && fl.Type.Name == "string":
		return "StringValue"
	}
	return ""
}

// presize is the function decodeStrict calls to size a JSON body's slices
// before decoding (nil when there are none): the body itself when it is a
// slice, or the slice fields of its struct.
func (e *emitter) presize(t *ir.GoType, dst *jen.Statement) jen.Code {
	size := func(target *jen.Statement, st *ir.GoType, name string) jen.Code {
		return jen.If(jen.Id("n").Op(":=").Id("count").Call(jen.Lit(name)), jen.Id("n").Op(">").Lit(0)).Block(
			target.Clone().Op("=").Make(typ(st), jen.Lit(0), jen.Id("n")))
	}
	var sets []jen.Code
	switch {
	case t.Kind == ir.Slice:
		sets = append(sets, size(dst, t, ""))
	case t.Kind == ir.Named:
		if nt := e.types[t.Name]; nt != nil && nt.Kind == ir.Struct {
			for _, f := range nt.Fields {
				if f.Type.Kind == ir.Slice && !(f.Type.Elem.Kind == ir.Builtin && f.Type.Elem.Name == "byte") {
					sets = append(sets, size(dst.Clone().Dot(f.Name), f.Type, f.JSONName))
				}
			}
		}
	}
	if len(sets) == 0 {
		return jen.Nil()
	}
	return jen.Func().Params(jen.Id("count").Func().Params(jen.String()).Int()).Block(sets...)
}

// fileField decodes a FilePart (or []FilePart) field of a multipart body:
// each file is opened for the handler and closed when it returns.
func (e *emitter) fileField(fl *ir.Field, ft *ir.GoType, target *jen.Statement, ffail func(jen.Code) jen.Code) []jen.Code {
	open := func(fh jen.Code, use func(part jen.Code) jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("file"), jen.Err()).Op(":=").Add(fh).Dot("Open").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(ffail(jen.Err())),
			jen.Defer().Id("file").Dot("Close").Call(),
			use(jen.Id(ir.NameFilePart).Values(jen.Dict{
				jen.Id("Name"):        jen.Add(fh).Dot("Filename"),
				jen.Id("ContentType"): jen.Add(fh).Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")),
				jen.Id("Content"):     jen.Id("file"),
			})),
		}
	}
	files := jen.Id("form").Dot("File").Index(jen.Lit(fl.JSONName))
	var stmt *jen.Statement
	if ft.Kind == ir.Slice {
		list := target
		if fl.Type.Kind == ir.NullableOf {
			list = jen.Id("pv")
		}
		stmt = jen.For(jen.List(jen.Id("_"), jen.Id("fh")).Op(":=").Range().Add(files)).Block(open(jen.Id("fh"), func(part jen.Code) jen.Code {
			return list.Clone().Op("=").Append(list.Clone(), part)
		})...)
		if fl.Type.Kind == ir.NullableOf {
			// A form has no null: files that are there are a list.
			return []jen.Code{jen.Block(jen.Var().Id("pv").Add(typ(ft)), stmt, jen.If(jen.Len(jen.Id("pv")).Op(">").Lit(0)).Block(
				target.Clone().Op("=").Id(ir.NameNullableOf).Call(jen.Id("pv"))))}
		}
		return []jen.Code{stmt}
	}
	assign := func(part jen.Code) jen.Code { return target.Clone().Op("=").Add(part) }
	switch fl.Type.Kind {
	case ir.Pointer:
		assign = func(part jen.Code) jen.Code { return target.Clone().Op("=").Op("&").Add(part) }
	case ir.NullableOf:
		assign = func(part jen.Code) jen.Code { return target.Clone().Op("=").Id(ir.NameNullableOf).Call(part) }
	}
	stmt = jen.If(jen.Id("fhs").Op(":=").Add(files), jen.Len(jen.Id("fhs")).Op("==").Lit(1)).Block(open(jen.Id("fhs").Index(jen.Lit(0)), assign)...)
	stmt.Else().If(jen.Len(jen.Id("fhs")).Op(">").Lit(1)).Block(ffail(rt("ErrRepeated")))
	if fl.Required {
		stmt.Else().Block(ffail(rt("ErrRequired")))
	}
	return []jen.Code{stmt}
}

// hasValueParts reports whether a multipart body has parts that are not
// files (or is no struct, and travels as one JSON part).
func (e *emitter) hasValueParts(b *ir.Body) bool {
	fields := e.structFields(b.Type)
	if fields == nil {
		return true
	}
	return slices.ContainsFunc(fields, func(fl *ir.Field) bool { return !fl.Type.HoldsFiles() })
}
