package emit

import (
	"fmt"
	"net/textproto"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// clientOperations emits the parameter structs and one Client method per
// operation.
func (e *emitter) clientOperations(f *jen.File) {
	for _, op := range e.api.Operations {
		e.clientMethod(f, op)
		if op.Pagination != nil {
			e.pageIterator(f, op)
		}
	}
	e.requiredVars(f)
	e.requestViews(f)
}

// result describes what a client method returns on success.
type result struct {
	none   bool         // only an error
	body   *ir.GoType   // the body of every success response
	union  bool         // the operation's response interface
	single *ir.Response // the one success response, whose body has several Go types
}

func successResult(op *ir.Operation) result {
	var body *ir.GoType
	var only *ir.Response
	n, withBody, several := 0, 0, false
	for _, r := range op.Responses {
		if !r.Success {
			continue
		}
		n++
		only = r
		if r.Body == nil {
			continue
		}
		for _, alt := range r.Body.Alts {
			// Bodies of several Go types: the response says which.
			several = several || alt.Field != r.Body.Field
		}
		withBody++
		if body != nil && typeString(body) != typeString(r.Body.Type) {
			return result{union: true}
		}
		body = r.Body.Type
	}
	switch {
	case withBody == 0:
		return result{none: true}
	case withBody < n:
		return result{union: true}
	case several && n == 1:
		return result{single: only}
	case several:
		return result{union: true}
	}
	return result{body: body}
}

// direct reports whether a success body is returned as it is rather than
// through a pointer: lists, maps and streams, whose nil already says
// "nothing".
func direct(t *ir.GoType) bool {
	return t.Kind == ir.Slice || t.Kind == ir.Map || t.Kind == ir.EventsOf || t.Kind == ir.Qualified && t.Pkg == "io"
}

// streamsResponse reports whether a success response of op streams: raw
// bytes or events.
func streamsResponse(op *ir.Operation) bool {
	for _, r := range op.Responses {
		for _, b := range r.Body.Bodies() {
			if b.Stream || b.Kind == ir.Events {
				return true
			}
		}
	}
	return false
}

func typeString(t *ir.GoType) string {
	if t == nil {
		return ""
	}
	return fmt.Sprintf("%d:%s.%s(%s)", t.Kind, t.Pkg, t.Name, typeString(t.Elem))
}

func (e *emitter) clientMethod(f *jen.File, op *ir.Operation) {
	res := successResult(op)
	var results []jen.Code
	var zero jen.Code
	switch {
	case res.union:
		results, zero = []jen.Code{jen.Id(op.ResponseType), jen.Error()}, jen.Nil()
	case res.single != nil:
		results, zero = []jen.Code{jen.Op("*").Id(res.single.TypeName), jen.Error()}, jen.Nil()
	case res.body != nil && direct(res.body):
		results, zero = []jen.Code{typ(res.body), jen.Error()}, jen.Nil()
	case res.body != nil:
		results, zero = []jen.Code{jen.Op("*").Add(typ(res.body)), jen.Error()}, jen.Nil()
	default:
		results = []jen.Code{jen.Error()}
	}
	fail := func(err jen.Code) jen.Code {
		if zero == nil {
			return jen.Return(err)
		}
		return jen.Return(zero, err)
	}
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	args := []jen.Code{jen.Id("ctx")}
	if op.ParamsType != "" {
		params = append(params, jen.Id("params").Id(op.ParamsType))
		args = append(args, jen.Id("params"))
	}
	recv := jen.Id("c").Op("*").Id(ir.NameClient)
	if op.Sender != "" {
		// One method per request media type, each encoding its body and
		// handing it to the operation's sender.
		var others []string
		for _, b := range op.Body.Alts {
			others = append(others, b.Method)
		}
		for _, b := range op.Body.Bodies() {
			name, doc := op.Name, opDoc(op, "sends")
			if b.Name == "" {
				doc = append(doc, commentLine(""), commentLine(fmt.Sprintf("It sends the body as %s. To send one of the other media types", b.ContentType)),
					commentLine(fmt.Sprintf("the operation documents, call %s.", orList(others))))
			} else {
				name = b.Method
				doc = append(docLines(name, name+" is "+op.Name+" with the body sent as "+b.ContentType+".", ""), commentLine(""), commentLine(fmt.Sprintf("It sends %s %s.", op.Method, op.Path)))
			}
			stmts, ct := e.requestBodyCode(op, b, fail)
			stmts = append(stmts, jen.Return(jen.Id("c").Dot(op.Sender).Call(append(slices.Clone(args), jen.Id("payload"), ct, jen.Id("opts"))...)))
			withDoc(f, append(doc, e.errorsDoc(op)...), false, jen.Func().Params(recv.Clone()).Id(name).Params(append(slices.Clone(params), jen.Id("body").Add(bodyParamType(b)), optsParam())...).Params(results...).Block(stmts...))
		}
		f.Add(commentLine(op.Sender + " sends a request of " + op.Name + " with its encoded body."))
		params = append(params, jen.Id("payload").Index().Byte(), jen.Id("contentType").String(), jen.Id("opts").Index().Id("RequestOption"))
		f.Func().Params(recv).Id(op.Sender).Params(params...).Params(results...).Block(e.sendCode(op, res, nil, jen.Id("contentType"), fail)...)
	} else {
		if op.Body != nil {
			params = append(params, jen.Id("body").Add(bodyParamType(op.Body)))
		}
		params = append(params, optsParam())
		var encode []jen.Code
		var ct jen.Code
		if op.Body != nil {
			encode, ct = e.requestBodyCode(op, op.Body, fail)
		}
		withDoc(f, append(append(opDoc(op, "sends"), streamDoc(op, res)...), e.errorsDoc(op)...), false, jen.Func().Params(recv).Id(op.Name).Params(params...).Params(results...).Block(e.sendCode(op, res, encode, ct, fail)...))
	}
	if op.ParamsType != "" {
		e.paramsStruct(f, op)
	}
}

// streamDoc says, for a method's doc, how its streamed bodies behave.
func streamDoc(op *ir.Operation, res result) []jen.Code {
	var out []jen.Code
	if op.Body != nil && op.Body.Stream {
		out = append(out, commentLine(""),
			commentLine("The body is read as it is sent. A retry sends it again only when it is an"),
			commentLine("io.Seeker (a *bytes.Reader, an *os.File...), from where it stood; otherwise the"),
			commentLine("call is not retried."))
	}
	if res.body != nil && res.body.Kind == ir.Qualified && streamsResponse(op) {
		out = append(out, commentLine(""),
			commentLine("It returns the body unread, as it arrives, whatever its size: the caller must"),
			commentLine("close it. WithResponse gives its Content-Type and length."))
	}
	if res.body != nil && res.body.Kind == ir.EventsOf {
		out = append(out, commentLine(""),
			commentLine("It returns the events as they arrive: read them with Next and Current (or"),
			commentLine("range over All), and Close the stream when done."))
	}
	return out
}

// optsParam is the per-call options parameter every method ends with.
func optsParam() jen.Code { return jen.Id("opts").Op("...").Id("RequestOption") }

// errorsDoc lists, for a method's doc, the error types of the statuses the
// operation documents.
func (e *emitter) errorsDoc(op *ir.Operation) []jen.Code {
	var items []string
	for _, r := range op.Responses {
		if r.Success {
			continue
		}
		status := r.Status
		if r.Code != 0 {
			status = fmt.Sprintf("%d", r.Code)
		}
		items = append(items, fmt.Sprintf("*%s (%s)", r.TypeName, status))
	}
	var out []jen.Code
	if len(items) > 0 {
		out = append(out, commentLine(""), commentLine("Documented errors, to match with errors.As: "+strings.Join(items, ", ")+";"),
			commentLine("any other status is an *UnexpectedStatusError."))
	}
	return out
}

// sendCode builds the request of an operation, sends it and decodes the
// response; encode sets payload (nil when it is a parameter of the method)
// and ct is its Content-Type (nil for an operation without a body).
func (e *emitter) sendCode(op *ir.Operation, res result, encode []jen.Code, ct jen.Code, fail func(jen.Code) jen.Code) []jen.Code {
	body := e.requiredChecks(op, fail)
	query := e.queryCode(op)
	body = append(body, query...)
	body = append(body, e.headerCode(op)...)
	body = append(body, encode...)
	req := jen.Dict{
		jen.Id("Endpoint"): jen.Op("&").Id(opVar(op)),
		jen.Id("Path"):     e.pathCode(op),
	}
	if len(query) > 0 {
		req[jen.Id("Query")] = jen.Id("query")
	}
	if ct != nil {
		req[jen.Id("Body")] = jen.Id("payload")
		req[jen.Id("ContentType")] = ct
	}
	if hasIn(op, ir.InHeader) {
		req[jen.Id("Header")] = jen.Id("header")
	}
	if hasIn(op, ir.InCookie) {
		req[jen.Id("Cookies")] = jen.Id("cookies")
	}
	if op.Body != nil && op.Body.Stream {
		req[jen.Id("Stream")] = jen.Id("body")
	}
	if op.Body != nil && op.Body.Files {
		req[jen.Id("Stream")] = jen.Id("stream")
	}
	req[jen.Id("Opts")] = jen.Id("opts")
	body = append(body,
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("rt").Dot("Send").Call(jen.Id("ctx"), jen.Op("&").Add(rt("Request")).Values(req)),
		jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
	)
	if streamsResponse(op) {
		// A streamed body is the caller's to read and close.
		body = append(body,
			jen.Id("streamed").Op(":=").False(),
			jen.Defer().Func().Params().Block(jen.If(jen.Op("!").Id("streamed")).Block(rt("Drain").Call(jen.Id("resp")))).Call(),
		)
	} else {
		body = append(body, jen.Defer().Add(rt("Drain")).Call(jen.Id("resp")))
	}
	return append(body, e.responseSwitch(op, res, fail)...)
}

// opDoc is the doc comment of an operation's method; verb says what the
// method does with the request ("sends", "serves").
func opDoc(op *ir.Operation, verb string) []jen.Code {
	text := op.Summary
	if op.Doc != "" {
		if text != "" && !strings.HasPrefix(op.Doc, text) {
			text += "\n\n" + op.Doc
		} else {
			text = op.Doc
		}
	}
	// "It sends GET /path.", after the description, or as the first line
	// when there is none.
	lines := docLines(op.Name, text, "")
	if len(lines) == 0 {
		lines = docLines(op.Name, "", fmt.Sprintf("%s %s %s.", verb, op.Method, op.Path))
	} else {
		lines = append(lines, commentLine(""), commentLine(fmt.Sprintf("It %s %s %s.", verb, op.Method, op.Path)))
	}
	if op.Deprecated {
		lines = append(lines, commentLine(""), commentLine("Deprecated: the API description marks this operation as deprecated."))
	}
	return lines
}

func bodyParamType(b *ir.Body) *jen.Statement {
	if !b.Required {
		return typ(optionalType(b.Type))
	}
	return typ(b.Type)
}

func optionalType(t *ir.GoType) *ir.GoType {
	switch t.Kind {
	case ir.Slice, ir.Map, ir.Pointer, ir.EventsOf:
		return t
	case ir.Qualified:
		if t.Pkg == "io" {
			return t // an interface: nil is absent
		}
	case ir.Builtin:
		if t.Name == "any" {
			return t
		}
	}
	return &ir.GoType{Kind: ir.Pointer, Elem: t}
}

// paramsStructs emits the parameter structs of every operation.
func (e *emitter) paramsStructs(f *jen.File) {
	for _, op := range e.api.Operations {
		if op.ParamsType != "" {
			e.paramsStruct(f, op)
		}
	}
}

// paramsStruct emits the struct of an operation's parameters.
func (e *emitter) paramsStruct(f *jen.File, op *ir.Operation) {
	var fields []jen.Code
	for _, p := range op.Params {
		fields = append(fields, fieldDoc(p.GoName, p.Doc, p.Deprecated)...)
		req := "optional"
		if p.Required {
			req = "required"
		}
		fields = append(fields, commentLine(fmt.Sprintf("It is the %s %s parameter %q.", req, p.In, p.Name)))
		fields = append(fields, jen.Id(p.GoName).Add(typ(p.Type)))
	}
	f.Add(commentLine(fmt.Sprintf("%s holds the parameters of %s.", op.ParamsType, op.Name)))
	f.Type().Id(op.ParamsType).Struct(fields...)
}

// requiredChecks refuses, before sending, required path, header and
// cookie parameters left empty: they would make a wrong path or vanish.
// (An empty query value is a value.)
func (e *emitter) requiredChecks(op *ir.Operation, fail func(jen.Code) jen.Code) []jen.Code {
	var out []jen.Code
	for _, p := range op.Params {
		if !p.Required || p.In == ir.InQuery {
			continue
		}
		v := jen.Id("params").Dot(p.GoName)
		var empty *jen.Statement
		switch k, _ := e.scalarKind(p.Type); {
		case k == kString:
			empty = v.Clone().Op("==").Lit("")
		case p.Type.Kind == ir.Slice || p.Type.Kind == ir.Map:
			empty = jen.Len(v).Op("==").Lit(0)
		default:
			continue
		}
		msg := fmt.Sprintf("%s: %s parameter %s is required", op.Name, p.In, p.Name)
		out = append(out, jen.If(empty).Block(fail(rt("NewError").Call(jen.Lit(msg)))))
	}
	return out
}

// pathCode builds the escaped request path from the template.
func (e *emitter) pathCode(op *ir.Operation) jen.Code {
	var parts []jen.Code
	rest := op.Path
	for rest != "" {
		i := strings.Index(rest, "{")
		j := strings.Index(rest, "}")
		if i < 0 || j < i {
			parts = append(parts, jen.Lit(rest))
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		name := rest[i+1 : j]
		rest = rest[j+1:]
		p := findParam(op, ir.InPath, name)
		if p == nil {
			parts = append(parts, jen.Lit("{"+name+"}"))
			continue
		}
		v := jen.Id("params").Dot(p.GoName)
		parts = append(parts, e.styledText(p, p.Type, v, true))
	}
	expr := jen.Null()
	for i, p := range parts {
		if i > 0 {
			expr.Op("+")
		}
		expr.Add(p)
	}
	return expr
}

// joined is the text of a value, with slice items joined by sep.
func (e *emitter) joined(t *ir.GoType, v *jen.Statement, sep string) *jen.Statement {
	if elemOf(t) != t && t.Kind == ir.Slice {
		return jen.Qual("strings", "Join").Call(e.arrayItems(t, v, false), jen.Lit(sep))
	}
	return e.formatScalar(t, v)
}

func findParam(op *ir.Operation, in ir.ParamIn, name string) *ir.Param {
	for _, p := range op.Params {
		if p.In == in && p.Name == name {
			return p
		}
	}
	return nil
}

// isOptionalString says whether t is *string, which a static helper sets
// from, or reads into, a header, form or query value (setString,
// headerString): one call where the check would be a block at each site.
func isOptionalString(t *ir.GoType) bool {
	return t.Kind == ir.Pointer && t.Elem.Kind == ir.Builtin && t.Elem.Name == "string"
}

// setIfPresent wraps statements that use the value of an optional
// parameter (or header) so they run only when it is set.
func setIfPresent(t *ir.GoType, v *jen.Statement, use func(val *jen.Statement) jen.Code) jen.Code {
	switch t.Kind {
	case ir.Pointer:
		return jen.If(v.Clone().Op("!=").Nil()).Block(use(jen.Op("*").Add(v)))
	case ir.Slice, ir.Map:
		return jen.If(jen.Len(v).Op(">").Lit(0)).Block(use(v))
	case ir.NullableOf:
		// Absent and null are both left out: a form or query has no null.
		return jen.If(jen.List(jen.Id("nv"), jen.Id("ok")).Op(":=").Add(v.Clone()).Dot("Get").Call(), jen.Id("ok")).Block(use(jen.Id("nv")))
	case ir.Builtin:
		if t.Name == "any" {
			return jen.If(v.Clone().Op("!=").Nil()).Block(use(v))
		}
	case ir.Qualified:
		if t.Pkg == "encoding/json" && t.Name == "RawMessage" {
			return jen.If(jen.Len(v).Op(">").Lit(0)).Block(use(v))
		}
	}
	return use(v)
}

// queryCode builds the query string from the query parameters.
func (e *emitter) queryCode(op *ir.Operation) []jen.Code {
	if !hasIn(op, ir.InQuery) && len(op.FixedQuery) == 0 {
		return nil
	}
	out := []jen.Code{jen.Id("query").Op(":=").Qual("net/url", "Values").Values()}
	for _, p := range op.Params {
		if p.In != ir.InQuery {
			continue
		}
		v := jen.Id("params").Dot(p.GoName)
		t := p.Type
		if t.Kind == ir.Pointer {
			t = t.Elem
		}
		if p.Type.Kind == ir.Pointer && e.shape(t) == shapeObject {
			// Fields are reached through the pointer; no need to copy it.
			out = append(out, jen.If(v.Clone().Op("!=").Nil()).Block(e.queryValue(p, t, v)))
			continue
		}
		out = append(out, setIfPresent(p.Type, v, func(val *jen.Statement) jen.Code {
			return e.queryValue(p, t, val)
		}))
	}
	for _, q := range op.FixedQuery {
		// Part of the operation's path key ("?beta=true").
		out = append(out, setValue(jen.Id("query"), jen.Lit(q.Name), jen.Lit(q.Value)))
	}
	return out
}

// headerCode collects header and cookie parameters.
func (e *emitter) headerCode(op *ir.Operation) []jen.Code {
	var out []jen.Code
	if hasIn(op, ir.InHeader) {
		out = append(out, jen.Id("header").Op(":=").Qual("net/http", "Header").Values())
	}
	if hasIn(op, ir.InCookie) {
		out = append(out, jen.Var().Id("cookies").Index().Op("*").Qual("net/http", "Cookie"))
	}
	for _, p := range op.Params {
		if p.In != ir.InHeader && p.In != ir.InCookie {
			continue
		}
		t := p.Type
		if t.Kind == ir.Pointer {
			t = t.Elem
		}
		v := jen.Id("params").Dot(p.GoName)
		present := setIfPresent
		if p.Type.Kind == ir.Pointer && e.shape(t) == shapeObject {
			// Fields are reached through the pointer; no need to copy it.
			present = func(_ *ir.GoType, v *jen.Statement, use func(*jen.Statement) jen.Code) jen.Code {
				return jen.If(v.Clone().Op("!=").Nil()).Block(use(v))
			}
		}
		out = append(out, present(p.Type, v, func(val *jen.Statement) jen.Code {
			text := e.styledText(p, t, val, false)
			if p.In == ir.InCookie {
				return jen.Id("cookies").Op("=").Append(jen.Id("cookies"), jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(p.Name), jen.Id("Value"): text}))
			}
			// The key canonical as http.Header.Set makes it.
			return setValue(jen.Id("header"), jen.Lit(textproto.CanonicalMIMEHeaderKey(p.Name)), text)
		}))
	}
	return out
}

// securityLit is an operation's security requirements as [][]string of
// scheme names.
func securityLit(sec [][]*ir.SecurityUse) jen.Code {
	alts := make([]jen.Code, len(sec))
	for i, alt := range sec {
		names := make([]jen.Code, len(alt))
		for j, use := range alt {
			names[j] = jen.Lit(use.Scheme.Name)
		}
		alts[i] = jen.Values(names...)
	}
	return jen.Index().Index().String().Values(alts...)
}
