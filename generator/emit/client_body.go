package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// requestBodyCode sets payload from the body argument, of media type b,
// and returns the expression of its Content-Type: contentType, which it
// sets too, or a literal.
func (e *emitter) requestBodyCode(op *ir.Operation, b *ir.Body, fail func(jen.Code) jen.Code) ([]jen.Code, jen.Code) {
	if b.Required && b.Kind == ir.JSON && e.hasCodecs() {
		// The common case, in two statements.
		return append(e.encodeRequestJSON(b, ":="),
			jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Qual("fmt", "Errorf").Call(jen.Lit(op.Name+": encode body: %w"), jen.Err())))), jen.Lit(wireType(b))
	}
	out := []jen.Code{jen.Var().Id("payload").Index().Byte()}
	if b.Kind == ir.Multipart {
		// Its boundary is chosen as it is written.
		out = append(out, jen.Id("contentType").Op(":=").Lit(""))
	}
	v := jen.Id("body")
	if !b.Required && b.Kind == ir.Text {
		// Only a text body needs the pointer's value; JSON encodes the
		// pointer alike and struct fields are reached through it.
		v = jen.Op("*").Id("body")
	}
	var enc []jen.Code
	switch b.Kind {
	case ir.JSON:
		enc = []jen.Code{jen.Var().Err().Error()}
		if e.hasCodecs() {
			enc = append(enc, e.encodeRequestJSON(b, "=")...)
		} else {
			enc = append(enc, jen.List(jen.Id("payload"), jen.Err()).Op("=").Qual("encoding/json", "Marshal").Call(e.viewed(b, v)))
		}
		enc = append(enc, jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Qual("fmt", "Errorf").Call(jen.Lit(op.Name+": encode body: %w"), jen.Err()))))
	case ir.Form:
		enc = append(e.formValues(b.Type, v), jen.Id("payload").Op("=").Index().Byte().Parens(jen.Id("form").Dot("Encode").Call()))
	case ir.Multipart:
		enc = e.multipartBody(b, v, op, fail)
	case ir.Text:
		enc = []jen.Code{jen.Id("payload").Op("=").Index().Byte().Parens(v)}
	default:
		if !b.Stream {
			enc = []jen.Code{jen.Id("payload").Op("=").Add(v)}
		}
		// A stream goes as it is (request.stream).
	}
	// The Content-Type goes with a body: none when an optional one is
	// absent (oasrt.Request).
	ct := jen.Id("contentType")
	if b.Kind != ir.Multipart {
		ct = jen.Lit(wireType(b))
	}
	if b.Files {
		out = append(out, jen.Var().Id("stream").Qual("io", "Reader"))
	}
	if !b.Required {
		return append(out, jen.If(jen.Id("body").Op("!=").Nil()).Block(enc...)), ct
	}
	return append(out, enc...), ct
}

// encodeRequestJSON sets payload to the JSON of the body argument with
// the generated writer of its type (through its request view, if any).
func (e *emitter) encodeRequestJSON(b *ir.Body, assign string) []jen.Code {
	t := b.Type
	if !b.Required {
		t = optionalType(t)
	}
	if view := e.requestView(b.Type); view != nil {
		// A view is the body's struct type, or a pointer to it.
		out := []jen.Code{jen.Id("view").Op(":=").Add(e.viewed(b, jen.Id("body")))}
		ptr := jen.Op("&").Id("view")
		if b.Type.Kind == ir.Pointer || !b.Required {
			ptr = jen.Id("view")
		}
		return append(out, jen.List(jen.Id("payload"), jen.Err()).Op(assign).Id("marshalJSON").Call(ptr))
	}
	return []jen.Code{jen.List(jen.Id("payload"), jen.Err()).Op(assign).Add(rt("MarshalWith")).Call(e.codec().appendFunc(t, jen.Id("body")))}
}

// structFields returns the fields of a named struct type, or nil.
func (e *emitter) structFields(t *ir.GoType) []*ir.Field {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	if t.Kind != ir.Named {
		return nil
	}
	if d := e.types[t.Name]; d != nil && d.Kind == ir.Struct {
		return d.Fields
	}
	return nil
}

// formValues builds form, a url.Values, from the fields of v; a body that
// is no struct is sent as one JSON-encoded value named "body".
func (e *emitter) formValues(t *ir.GoType, v *jen.Statement) []jen.Code {
	out := []jen.Code{jen.Id("form").Op(":=").Qual("net/url", "Values").Values()}
	fields := e.structFields(t)
	if fields == nil {
		return append(out, setValue(jen.Id("form"), jen.Lit("body"), jen.Id("jsonText").Call(v)))
	}
	for _, fl := range fields {
		ft := fl.Type
		if ft.Kind == ir.Pointer || ft.Kind == ir.NullableOf {
			ft = ft.Elem
		}
		if isOptionalString(fl.Type) {
			out = append(out, rt("SetString").Call(jen.Id("form"), jen.Lit(fl.JSONName), v.Clone().Dot(fl.Name)))
			continue
		}
		out = append(out, setIfPresent(fl.Type, v.Clone().Dot(fl.Name), func(val *jen.Statement) jen.Code {
			if ft.Kind == ir.Slice && elemOf(ft) != ft {
				return jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(val)).Block(
					jen.Id("form").Dot("Add").Call(jen.Lit(fl.JSONName), e.formatScalar(ft.Elem, jen.Id("item"))))
			}
			return setValue(jen.Id("form"), jen.Lit(fl.JSONName), e.formatScalar(ft, val))
		}))
	}
	return out
}

// multipartBody writes the fields of v as parts: byte slices as files,
// everything else as text fields.
func (e *emitter) multipartBody(b *ir.Body, v *jen.Statement, op *ir.Operation, fail func(jen.Code) jen.Code) []jen.Code {
	t := b.Type
	var out []jen.Code
	if b.Files {
		// Written into a pipe as the request is sent: files are not
		// buffered. A failure ends the body with that error.
		fail = func(err jen.Code) jen.Code { return jen.Return(err) }
		out = []jen.Code{
			jen.List(jen.Id("pr"), jen.Id("pw")).Op(":=").Qual("io", "Pipe").Call(),
			jen.Id("mw").Op(":=").Qual("mime/multipart", "NewWriter").Call(jen.Id("pw")),
		}
	} else {
		out = []jen.Code{
			jen.Var().Id("buf").Qual("bytes", "Buffer"),
			jen.Id("mw").Op(":=").Qual("mime/multipart", "NewWriter").Call(jen.Op("&").Id("buf")),
		}
	}
	check := func(call jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(fail(jen.Qual("fmt", "Errorf").Call(jen.Lit(op.Name+": encode body: %w"), jen.Err())))
	}
	var parts []jen.Code
	fields := e.structFields(t)
	if fields == nil {
		parts = append(parts, check(jen.Id("mw").Dot("WriteField").Call(jen.Lit("body"), jen.Id("jsonText").Call(v))))
	}
	for _, fl := range fields {
		ft := fl.Type
		if ft.Kind == ir.Pointer || ft.Kind == ir.NullableOf {
			ft = ft.Elem
		}
		parts = append(parts, setIfPresent(fl.Type, v.Clone().Dot(fl.Name), func(val *jen.Statement) jen.Code {
			switch {
			case isFilePart(ft):
				return e.filePart(fl.JSONName, val, fail)
			case ft.Kind == ir.Slice && isFilePart(ft.Elem):
				return jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(val)).Block(e.filePart(fl.JSONName, jen.Id("item"), fail))
			case ft.Kind == ir.Slice && ft.Elem.Kind == ir.Builtin && ft.Elem.Name == "byte":
				return jen.Block(
					jen.List(jen.Id("part"), jen.Err()).Op(":=").Id("mw").Dot("CreateFormFile").Call(jen.Lit(fl.JSONName), jen.Lit(fl.JSONName)),
					jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
					jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("part").Dot("Write").Call(val), jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
				)
			case ft.Kind == ir.Slice:
				return jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(val)).Block(
					check(jen.Id("mw").Dot("WriteField").Call(jen.Lit(fl.JSONName), e.formatScalar(ft.Elem, jen.Id("item")))))
			}
			return check(jen.Id("mw").Dot("WriteField").Call(jen.Lit(fl.JSONName), e.formatScalar(ft, val)))
		}))
	}
	if b.Files {
		parts = append(parts, jen.Return(jen.Id("mw").Dot("Close").Call()))
		return append(out,
			jen.Id("contentType").Op("=").Id("mw").Dot("FormDataContentType").Call(),
			jen.Id("stream").Op("=").Id("pr"),
			jen.Go().Func().Params().Block(
				jen.Id("pw").Dot("CloseWithError").Call(jen.Func().Params().Error().Block(parts...).Call()),
			).Call(),
		)
	}
	out = append(out, parts...)
	return append(out,
		check(jen.Id("mw").Dot("Close").Call()),
		jen.Id("payload").Op("=").Id("buf").Dot("Bytes").Call(),
		jen.Id("contentType").Op("=").Id("mw").Dot("FormDataContentType").Call(),
	)
}

// isFilePart reports whether t is FilePart.
func isFilePart(t *ir.GoType) bool { return t.Kind == ir.Named && t.Name == ir.NameFilePart }

// filePart writes the FilePart f as the part called name, unless it has
// no Content: its file name (the part's name when it has none) and media
// type (octet-stream when it has none), then its content as it is read.
func (e *emitter) filePart(name string, f *jen.Statement, fail func(jen.Code) jen.Code) jen.Code {
	fp := jen.Id("fp")
	return jen.If(jen.Id("fp").Op(":=").Add(f), fp.Clone().Dot("Content").Op("!=").Nil()).Block(
		jen.Id("fname").Op(":=").Add(fp.Clone()).Dot("Name"),
		jen.If(jen.Id("fname").Op("==").Lit("")).Block(jen.Id("fname").Op("=").Lit(name)),
		jen.Id("ftype").Op(":=").Add(fp.Clone()).Dot("ContentType"),
		jen.If(jen.Id("ftype").Op("==").Lit("")).Block(jen.Id("ftype").Op("=").Lit("application/octet-stream")),
		jen.Id("ph").Op(":=").Qual("net/textproto", "MIMEHeader").Values(jen.Dict{
			jen.Lit("Content-Disposition"): jen.Index().String().Values(jen.Qual("mime", "FormatMediaType").Call(jen.Lit("form-data"), jen.Map(jen.String()).String().Values(jen.Dict{
				jen.Lit("name"):     jen.Lit(name),
				jen.Lit("filename"): jen.Id("fname"),
			}))),
			jen.Lit("Content-Type"): jen.Index().String().Values(jen.Id("ftype")),
		}),
		jen.List(jen.Id("part"), jen.Err()).Op(":=").Id("mw").Dot("CreatePart").Call(jen.Id("ph")),
		jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Qual("io", "Copy").Call(jen.Id("part"), fp.Clone().Dot("Content")), jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
	)
}

// responseSwitch decodes the response by status: documented statuses into
// their types, anything else into an UnexpectedStatusError.
func (e *emitter) responseSwitch(op *ir.Operation, res result, fail func(jen.Code) jen.Code) []jen.Code {
	var cases []jen.Code
	var ranges []jen.Code
	var deflt []jen.Code
	for _, r := range op.Responses {
		stmts := e.decodeResponse(op, r, res, fail)
		switch {
		case r.Status == "default":
			deflt = stmts
		case r.Code == 0:
			ranges = append(ranges, jen.Case(jen.Lit(int(r.Status[0]-'0'))).Block(stmts...))
		default:
			cases = append(cases, jen.Case(jen.Lit(r.Code)).Block(stmts...))
		}
	}
	var out []jen.Code
	if len(cases) > 0 {
		out = append(out, jen.Switch(jen.Id("resp").Dot("StatusCode")).Block(cases...))
	}
	if len(ranges) > 0 {
		out = append(out, jen.Switch(jen.Id("resp").Dot("StatusCode").Op("/").Lit(100)).Block(ranges...))
	}
	if deflt != nil {
		return append(out, deflt...)
	}
	return append(out, fail(rt("Unexpected").Call(jen.Lit(op.Name), jen.Id("resp"), jen.Nil(), jen.Nil())))
}

// decodeResponse reads one documented response and returns it: success
// as the method's result, anything else as an error.
func (e *emitter) decodeResponse(op *ir.Operation, r *ir.Response, res result, fail func(jen.Code) jen.Code) []jen.Code {
	if r.Success && !res.union && res.single == nil {
		// The method returns the body alone; the response struct, typed
		// headers and all, goes to a caller who asks with WithResponse.
		record := func(body jen.Code, extra ...jen.Code) jen.Code {
			stmts := []jen.Code{jen.Id("info").Dot("Result").Op("=").Op("&").Id(r.TypeName).Values(responseValues(r, body)...)}
			if len(extra) > 0 || len(r.Headers) > 0 {
				stmts = append([]jen.Code{e.responseLit(r, "rs", body)}, extra...)
				stmts = append(stmts, e.decodeHeaders(op, r, jen.Id("rs"), fail)...)
				stmts = append(stmts, jen.Id("info").Dot("Result").Op("=").Id("rs"))
			}
			return jen.If(jen.Id("info").Op(":=").Add(rt("ResponseInfoOf")).Call(jen.Id("opts")), jen.Id("info").Op("!=").Nil()).Block(stmts...)
		}
		if res.body == nil {
			return []jen.Code{record(nil), jen.Return(jen.Nil())}
		}
		into := func(*ir.Body) *jen.Statement { return nil }
		if r.Body != nil && r.Body.Nullable && !direct(res.body) {
			// A body that may be null: nil for null.
			return append([]jen.Code{jen.Var().Id("out").Op("*").Add(typ(res.body))},
				append(e.decodeBodies(op, r, into, &ir.GoType{Kind: ir.Pointer, Elem: res.body}, fail),
					record(nil, jen.If(jen.Id("out").Op("!=").Nil()).Block(jen.Id("rs").Dot("Body").Op("=").Op("*").Id("out"))),
					jen.Return(jen.Id("out"), jen.Nil()))...)
		}
		return append([]jen.Code{jen.Var().Id("out").Add(typ(res.body))},
			append(e.decodeBodies(op, r, into, res.body, fail), record(jen.Id("out")), jen.Return(outValue(res.body), jen.Nil()))...)
	}
	if !r.Success && len(r.Headers) == 0 {
		if short := e.shortError(op, r, fail); short != nil {
			return short
		}
	}
	out := []jen.Code{e.responseLit(r, "out", nil)}
	if r.Body != nil {
		out = append(out, e.decodeBodies(op, r, func(b *ir.Body) *jen.Statement { return jen.Id("out").Dot(b.Field) }, nil, fail)...)
	}
	out = append(out, e.decodeHeaders(op, r, jen.Id("out"), fail)...)
	out = append(out, rt("RecordResult").Call(jen.Id("opts"), jen.Id("out")))
	if !r.Success {
		return append(out, fail(jen.Id("out")))
	}
	return append(out, jen.Return(jen.Id("out"), jen.Nil()))
}

// shortError returns, for a documented error response r with no headers
// to read, the error a call returns in at most two statements: the
// response, its JSON body read with the codec, then failed; nil when r
// needs more (other media types, encoding/json).
func (e *emitter) shortError(op *ir.Operation, r *ir.Response, fail func(jen.Code) jen.Code) []jen.Code {
	vals := []jen.Code{jen.Id("Header").Op(":").Id("resp").Dot("Header")}
	if r.Code == 0 {
		vals = append(vals, jen.Id("Status").Op(":").Id("resp").Dot("StatusCode"))
	}
	lit := jen.Op("&").Id(r.TypeName).Values(vals...)
	if r.Body == nil {
		return []jen.Code{fail(rt("Failed").Call(jen.Id("opts"), lit, jen.Nil()))}
	}
	if !e.hasCodecs() || r.Body.Kind != ir.JSON || len(r.Body.Alts) > 0 {
		return nil
	}
	args := []jen.Code{jen.Id("opts"), jen.Id("out"), jen.Lit(op.Name), jen.Id("resp"), e.codec().decodeFunc(r.Body.Type, jen.Id("out").Dot(r.Body.Field))}
	if required := e.requiredOf(r.Body.Type); len(required) > 0 {
		// One list per body type, not one built at every case.
		args = append(args, jen.Id(e.requiredList(r.Body.Type, required)).Op("..."))
	}
	return []jen.Code{
		jen.Id("out").Op(":=").Add(lit),
		fail(rt("ErrorResponse").Call(args...)),
	}
}

// responseLit declares name, a new response struct of r holding the raw
// headers, the status of a range, and body when it is not nil.
func (e *emitter) responseLit(r *ir.Response, name string, body jen.Code) jen.Code {
	return jen.Id(name).Op(":=").Op("&").Id(r.TypeName).Values(responseValues(r, body)...)
}

// responseValues are the fields of a new response struct of r: the raw
// headers, the status of a range, and body when it is not nil.
func responseValues(r *ir.Response, body jen.Code) []jen.Code {
	var vals []jen.Code
	if body != nil {
		vals = append(vals, jen.Id("Body").Op(":").Add(body))
	}
	vals = append(vals, jen.Id("Header").Op(":").Id("resp").Dot("Header"))
	if r.Code == 0 {
		vals = append(vals, jen.Id("Status").Op(":").Id("resp").Dot("StatusCode"))
	}
	return vals
}

// decodeHeaders parses the documented headers of r into the fields of dst.
func (e *emitter) decodeHeaders(op *ir.Operation, r *ir.Response, dst *jen.Statement, fail func(jen.Code) jen.Code) []jen.Code {
	var out []jen.Code
	for _, h := range r.Headers {
		t := h.Type
		if t.Kind == ir.Pointer {
			t = t.Elem
		}
		target := dst.Clone().Dot(h.GoName)
		if isOptionalString(h.Type) {
			// The value read is the string; nil when absent or empty.
			out = append(out, target.Op("=").Add(rt("HeaderString")).Call(jen.Id("resp").Dot("Header"), jen.Lit(h.Name)))
			continue
		}
		if h.Type.Kind == ir.Pointer {
			target = jen.Id("hv")
		}
		parse := e.parseScalar(t, jen.Id("raw"), target, false, func(err jen.Code) jen.Code {
			return fail(rt("HeaderError").Call(jen.Lit(op.Name), jen.Lit(h.Name), err))
		})
		if h.Type.Kind == ir.Pointer {
			parse = append([]jen.Code{jen.Var().Id("hv").Add(typ(t))}, parse...)
			parse = append(parse, dst.Clone().Dot(h.GoName).Op("=").Op("&").Id("hv"))
		}
		out = append(out, jen.If(jen.Id("raw").Op(":=").Add(rt("HeaderValue")).Call(jen.Id("resp").Dot("Header"), jen.Lit(h.Name)), jen.Id("raw").Op("!=").Lit("")).Block(parse...))
	}
	return out
}

// decodeBodies reads a response body into dst(b) for its media type b (nil
// for the method's result, out):
// with several documented, by the response's Content-Type (most specific
// first), recording which in the response's ContentType when it is a
// struct. A Content-Type that is none of them is an error, except that a
// JSON main body takes what decodeJSON takes.
//
// outType is the Go type of out, the method's result, when it is not the
// body's (a pointer for a body that may be null).
func (e *emitter) decodeBodies(op *ir.Operation, r *ir.Response, dst func(*ir.Body) *jen.Statement, outType *ir.GoType, fail func(jen.Code) jen.Code) []jen.Code {
	outOf := func(b *ir.Body) *ir.GoType {
		if outType != nil {
			return outType
		}
		return b.Type
	}
	main := r.Body
	if len(main.Alts) == 0 {
		if d := dst(main); d != nil {
			return e.decodeBody(op, r, main, d, main.Type, fail)
		}
		return e.decodeBody(op, r, main, jen.Id("out"), outOf(main), fail)
	}
	record := func(b *ir.Body) []jen.Code {
		d := dst(b)
		if d == nil {
			return e.decodeBody(op, r, b, jen.Id("out"), outOf(b), fail)
		}
		return append([]jen.Code{jen.Id("out").Dot("ContentType").Op("=").Lit(b.ContentType)}, e.decodeBody(op, r, b, d, b.Type, fail)...)
	}
	var cases []jen.Code
	var types []string
	for _, b := range bySpecificity(main.Bodies()) {
		types = append(types, b.ContentType)
		if dst(b) == nil && main.Kind == ir.JSON && b.Kind == ir.JSON {
			// Decoded as the default decodes it, into the same result.
			continue
		}
		cases = append(cases, jen.Case(rt("MediaIs").Call(jen.Id("ct"), jen.Lit(strings.ToLower(b.ContentType)))).Block(record(b)...))
	}
	deflt := record(main)
	if main.Kind != ir.JSON {
		err := jen.Qual("fmt", "Errorf").Call(jen.Lit(fmt.Sprintf("%s: %%d response: Content-Type %%q is none of %s", op.Name, strings.Join(types, ", "))), jen.Id("resp").Dot("StatusCode"), jen.Id("ct"))
		if !r.Success {
			err = rt("Unexpected").Call(jen.Lit(op.Name), jen.Id("resp"), err, jen.Nil())
		}
		deflt = append([]jen.Code{jen.If(jen.Id("ct").Op("!=").Lit("")).Block(fail(err))}, deflt...)
	}
	if len(cases) == 0 {
		return deflt
	}
	cases = append(cases, jen.Default().Block(deflt...))
	return []jen.Code{jen.Switch(jen.Id("ct").Op(":=").Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Empty()).Block(cases...)}
}

// decodeBody reads a response body of media type b into dst. The body of
// an error response that does not decode gives an UnexpectedStatusError.
func (e *emitter) decodeBody(op *ir.Operation, r *ir.Response, b *ir.Body, dst *jen.Statement, dstType *ir.GoType, fail func(jen.Code) jen.Code) []jen.Code {
	if b.Kind == ir.JSON {
		args := []jen.Code{jen.Lit(op.Name), jen.Id("resp"), jen.Op("&").Add(dst)}
		decode := "DecodeJSON"
		if e.hasCodecs() {
			decode = "DecodeJSONWith"
			args[2] = e.codec().decodeFunc(dstType, dst)
		}
		if !r.Success {
			decode = "DecodeError"
			if e.hasCodecs() {
				decode = "DecodeErrorWith"
			}
			if required := e.requiredOf(b.Type); len(required) > 0 {
				args = append(args, jen.Id(e.requiredList(b.Type, required)).Op("..."))
			}
		}
		return []jen.Code{jen.If(jen.Err().Op(":=").Add(rt(decode)).Call(args...), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
	}
	if b.Stream {
		return []jen.Code{jen.Id("streamed").Op("=").True(), dst.Clone().Op("=").Add(rt("Stream")).Call(jen.Id("resp"))}
	}
	if b.Kind == ir.Events {
		decode := jen.Id("decodeTextEvent")
		if elem := b.Type.Elem; !(elem.Kind == ir.Builtin && elem.Name == "string") {
			decode = jen.Id("decodeJSONEvent").Types(typ(elem))
			if e.hasCodecs() {
				decode = e.codec().eventDecoder(elem)
			}
		}
		return []jen.Code{jen.Id("streamed").Op("=").True(), dst.Clone().Op("=").Id("openEvents").Call(jen.Id("resp"), decode, jen.Lit(b.Terminator))}
	}
	read := []jen.Code{
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Add(rt("ReadBody")).Call(jen.Lit(op.Name), jen.Id("resp")),
		jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
	}
	if b.Kind == ir.Text {
		return append(read, dst.Clone().Op("=").String().Parens(jen.Id("data")))
	}
	return append(read, dst.Clone().Op("=").Id("data"))
}

// requiredOf lists the required properties of a struct body type, which
// an error body must have to count as the documented one.
func (e *emitter) requiredOf(t *ir.GoType) []string {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	nt := e.types[t.Name]
	if t.Kind != ir.Named || nt == nil || nt.Kind != ir.Struct {
		return nil
	}
	var out []string
	for _, f := range nt.Fields {
		if f.Required && !f.WriteOnly {
			out = append(out, f.JSONName)
		}
	}
	return out
}

// outValue is what a method returns for its decoded success body out.
func outValue(body *ir.GoType) jen.Code {
	if direct(body) {
		return jen.Id("out")
	}
	return jen.Op("&").Id("out")
}

// requiredLists are the lists of the required properties of error body
// types that the client checks, by variable name, in order of first use.
type requiredLists struct {
	lists map[string][]string
	order []string
}

// requiredList returns the name of the package variable listing the
// required properties of the error body type t.
func (e *emitter) requiredList(t *ir.GoType, names []string) string {
	if e.required == nil {
		e.required = &requiredLists{lists: map[string][]string{}}
	}
	name := "requiredOf" + descriptor(t)
	if _, ok := e.required.lists[name]; !ok {
		e.required.lists[name] = names
		e.required.order = append(e.required.order, name)
	}
	return name
}

// requiredVars emits the lists requiredList named.
func (e *emitter) requiredVars(f *jen.File) {
	if e.required == nil {
		return
	}
	for _, name := range e.required.order {
		f.Add(commentLine(name + " lists the properties an error body must have to be the documented one."))
		f.Var().Id(name).Op("=").Add(stringList(e.required.lists[name]))
	}
}
