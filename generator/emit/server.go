package emit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// server emits the Server interface, the request structs, the security
// handler interface, NewHandler and the tables the static server runtime
// (server_runtime.go, validate.go) reads.
func (e *emitter) server(f *jen.File) {
	methods := []jen.Code{}
	for _, op := range e.api.Operations {
		methods = append(methods, opDoc(op, "serves")...)
		methods = append(methods, jen.Id(op.Name).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(op.RequestType)).Params(jen.Id(op.ResponseType), jen.Error()))
	}
	f.Add(commentLine(ir.NameServer + " is what an implementation of the API provides: one method per operation."))
	f.Add(commentLine("A method gets a request whose parameters and body have been decoded and checked"))
	f.Add(commentLine("against the API description, and returns one of the operation's documented"))
	f.Add(commentLine("responses, or an error, answered with 500 Internal Server Error (or the status of"))
	f.Add(commentLine("an *HTTPError it wraps)."))
	f.Type().Id(ir.NameServer).Interface(methods...)
	e.unimplemented(f)

	for _, op := range e.api.Operations {
		var fields []jen.Code
		if op.ParamsType != "" {
			fields = append(fields, commentLine("Params are the decoded parameters."), jen.Id("Params").Id(op.ParamsType))
		}
		fields = append(fields, bodyFields(op.Body, "decoded request body", "It is the one the request came in.", bodyParamType)...)
		if altResponses(op) {
			fields = append(fields,
				commentLine("Accept is the request's Accept header, for choosing the ContentType of a response"),
				commentLine("documented in several media types."),
				jen.Id("Accept").String())
		}
		f.Add(commentLine(fmt.Sprintf("%s is the decoded request of %s.", op.RequestType, op.Name)))
		f.Type().Id(op.RequestType).Struct(fields...)
	}
	e.securityHandler(f)
	e.newHandler(f)
	e.rulesTable(f)
	e.errorTables(f)
}

// securityHandler emits the interface with one method per scheme.
func (e *emitter) securityHandler(f *jen.File) {
	if len(e.api.Schemes) == 0 {
		return
	}
	var methods []jen.Code
	for _, s := range e.api.Schemes {
		ctx := jen.Id("ctx").Qual("context", "Context")
		op := jen.Id("op").String()
		var params []jen.Code
		var what string
		switch s.Kind {
		case ir.HTTPBasic:
			params, what = []jen.Code{ctx, op, jen.List(jen.Id("username"), jen.Id("password")).String()}, "the user name and password"
		case ir.APIKey:
			params, what = []jen.Code{ctx, op, jen.Id("key").String()}, fmt.Sprintf("the API key from the %s %q", s.In, s.ParamName)
		case ir.HTTPOther:
			params, what = []jen.Code{ctx, op, jen.Id("credentials").String()}, fmt.Sprintf("the credentials of \"Authorization: %s ...\"", s.HTTPScheme)
		case ir.MutualTLS:
			params, what = []jen.Code{ctx, op, jen.Id("certs").Index().Op("*").Qual("crypto/x509", "Certificate")}, "the TLS client certificates"
		default:
			params, what = []jen.Code{ctx, op, jen.Id("token").String()}, "the bearer token"
		}
		methods = append(methods,
			commentLine(fmt.Sprintf("%s checks %s of the %q scheme for operation op.", handleMethod(s), what, s.Name)),
			jen.Id(handleMethod(s)).Params(params...).Params(jen.Qual("context", "Context"), jen.Error()),
		)
	}
	f.Add(commentLine(ir.NameSecurityHandler + " checks credentials, one method per security scheme. A method"))
	f.Add(commentLine("returns the context the implementation gets (add the principal to it), or an"))
	f.Add(commentLine("error: ErrForbidden (or an error wrapping it) for 403 Forbidden, anything else for"))
	f.Add(commentLine("401 Unauthorized. A request without the credentials gets 401 before any call."))
	f.Type().Id(ir.NameSecurityHandler).Interface(methods...)
}

func handleMethod(s *ir.SecurityScheme) string { return "Handle" + s.GoName }

// newHandler emits NewHandler: scheme checks, routes, and the runtime's
// routing and recovery around them.
func (e *emitter) newHandler(f *jen.File) {
	params := []jen.Code{jen.Id("impl").Id(ir.NameServer)}
	if len(e.api.Schemes) > 0 {
		params = append(params, jen.Id("sec").Id(ir.NameSecurityHandler))
	}
	params = append(params, jen.Id("opts").Op("...").Id(ir.NameHandlerOption))
	body := []jen.Code{jen.Id("h").Op(":=").Id("newHandler").Call(jen.Id("impl"), jen.Id("opts"))}
	for _, s := range e.api.Schemes {
		body = append(body, jen.Id("h").Dot("Schemes").Index(jen.Lit(s.Name)).Op("=").Add(schemeCheck(s)))
	}
	// Operations on one method and path, told apart by the query their
	// path keys carry ("/items/{id}?beta=true"), share a route that
	// dispatches: the one with most matching fixed parameters first.
	groups := map[string][]*ir.Operation{}
	var patterns []string
	for _, op := range e.api.Operations {
		p := muxPattern(op)
		if groups[p] == nil {
			patterns = append(patterns, p)
		}
		groups[p] = append(groups[p], op)
	}
	// The routes of one operation each are a table (data, not code: less
	// to compile, issue 24), registered in order with those that dispatch.
	var table []jen.Code
	flushed := 0
	flush := func(last bool) {
		if len(table) == flushed {
			return
		}
		rs := jen.Id("operationRoutes")
		if !last || flushed > 0 {
			rs = rs.Index(jen.Lit(flushed).Op(":").Lit(len(table)))
		}
		body = append(body, jen.Id("h").Dot("routeAll").Call(rs))
		flushed = len(table)
	}
	for _, p := range patterns {
		ops := groups[p]
		if len(ops) == 1 && len(ops[0].FixedQuery) == 0 {
			op := ops[0]
			table = append(table, jen.Values(jen.Lit(p), opInfo(op), jen.Lit(op.Name), handlerExpr(op)))
			continue
		}
		flush(false)
		// Each operation of the route behind its own middlewares.
		used, code := dispatch(ops)
		for _, op := range used {
			body = append(body, jen.Id(handlerName(op)).Op(":=").Add(routed(op)))
		}
		body = append(body, jen.Id("h").Dot("Route").Call(jen.Lit(p), code))
	}
	flush(true)
	body = append(body, jen.Return(jen.Id("h").Dot("Serve").Call()))
	if len(table) > 0 {
		f.Add(commentLine("operationRoutes are the operations on a route of their own, in the order NewHandler"))
		f.Add(commentLine("registers them."))
		f.Var().Id("operationRoutes").Op("=").Index().Id("operationRoute").ValuesFunc(func(g *jen.Group) {
			for _, t := range table {
				g.Line().Add(t)
			}
			g.Line()
		})
	}
	f.Add(commentLine(ir.NameNewHandler + " returns an http.Handler that serves the API with impl: it routes each"))
	f.Add(commentLine("operation, checks credentials, decodes and checks parameters and bodies against the"))
	f.Add(commentLine("API description, and writes the response impl returns. Requests that break the"))
	f.Add(commentLine("description get 400 (413 for a body over the limit, 415 for a wrong Content-Type),"))
	f.Add(commentLine("an unknown path 404 and a wrong method 405, all in the API's documented error shape;"))
	f.Add(commentLine("a panic in impl is logged and answered with 500. JSON keys must be spelt as the"))
	f.Add(commentLine("description spells them and may not repeat; a query that does not parse is refused."))
	f.Add(commentLine(""))
	f.Add(commentLine("Serve it with an http.Server whose timeouts are set: it has none by default, and a"))
	f.Add(commentLine("client that never finishes its body, or keeps a connection idle, holds it for ever."))
	f.Add(commentLine("For example ReadHeaderTimeout 10s, ReadTimeout 30s (the whole request, body"))
	f.Add(commentLine("included), WriteTimeout 30s, IdleTimeout 2m and MaxHeaderBytes 64 KiB."))
	f.Func().Id(ir.NameNewHandler).Params(params...).Qual("net/http", "Handler").Block(body...)
}

// schemeCheck is the function that extracts a scheme's credentials from a
// request and hands them to the security handler.
func schemeCheck(s *ir.SecurityScheme) jen.Code {
	var extract []jen.Code
	var call jen.Code
	switch s.Kind {
	case ir.HTTPBasic:
		extract = []jen.Code{
			jen.List(jen.Id("user"), jen.Id("pass"), jen.Id("ok")).Op(":=").Id("r").Dot("BasicAuth").Call(),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("%w: want HTTP basic authentication"), rt("ErrMissingCredentials")))),
		}
		call = jen.Id("sec").Dot(handleMethod(s)).Call(jen.Id("ctx"), jen.Id("op"), jen.Id("user"), jen.Id("pass"))
	case ir.APIKey:
		extract = []jen.Code{
			jen.List(jen.Id("key"), jen.Err()).Op(":=").Add(rt("APIKey")).Call(jen.Id("r"), jen.Lit(string(s.In)), jen.Lit(s.ParamName)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
		call = jen.Id("sec").Dot(handleMethod(s)).Call(jen.Id("ctx"), jen.Id("op"), jen.Id("key"))
	case ir.HTTPOther:
		extract = []jen.Code{
			jen.List(jen.Id("creds"), jen.Err()).Op(":=").Add(rt("Authorization")).Call(jen.Id("r"), jen.Lit(s.HTTPScheme)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
		call = jen.Id("sec").Dot(handleMethod(s)).Call(jen.Id("ctx"), jen.Id("op"), jen.Id("creds"))
	case ir.MutualTLS:
		extract = []jen.Code{
			jen.If(jen.Id("r").Dot("TLS").Op("==").Nil().Op("||").Len(jen.Id("r").Dot("TLS").Dot("PeerCertificates")).Op("==").Lit(0)).Block(
				jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("%w: want a TLS client certificate"), rt("ErrMissingCredentials")))),
		}
		call = jen.Id("sec").Dot(handleMethod(s)).Call(jen.Id("ctx"), jen.Id("op"), jen.Id("r").Dot("TLS").Dot("PeerCertificates"))
	default:
		extract = []jen.Code{
			jen.List(jen.Id("token"), jen.Err()).Op(":=").Add(rt("BearerToken")).Call(jen.Id("r")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
		call = jen.Id("sec").Dot(handleMethod(s)).Call(jen.Id("ctx"), jen.Id("op"), jen.Id("token"))
	}
	return jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("op").String()).Params(jen.Qual("context", "Context"), jen.Error()).Block(
		append(extract, jen.Return(call))...)
}

// muxPattern is the ServeMux pattern of an operation: its method and path,
// with path parameters renamed by position to valid wildcard names.
func muxPattern(op *ir.Operation) string {
	path := op.Path
	for i, name := range ir.PathVars(op.Path) {
		path = strings.Replace(path, "{"+name+"}", "{"+wildcard(i)+"}", 1)
	}
	if strings.HasSuffix(path, "/") {
		path += "{$}"
	}
	return op.Method + " " + path
}

func wildcard(i int) string { return fmt.Sprintf("p%d", i) }

// pathWildcard is the wildcard name of a path parameter.
func pathWildcard(op *ir.Operation, name string) string {
	for i, v := range ir.PathVars(op.Path) {
		if v == name {
			return wildcard(i)
		}
	}
	return name
}

func handlerName(op *ir.Operation) string {
	return "handle" + op.Name
}

// routed is the handler of an operation as routed: its method behind the
// operation middlewares, given its OperationInfo.
func routed(op *ir.Operation) jen.Code {
	return jen.Id("h").Dot("operation").Call(opInfo(op), jen.Lit(op.Name), handlerExpr(op))
}

// handlerExpr is the method expression of an operation's handler.
func handlerExpr(op *ir.Operation) *jen.Statement {
	return jen.Parens(jen.Op("*").Id("handler")).Dot(handlerName(op))
}

// errorTables emits the error shapes and, per operation, which shape each
// documented error status uses.
func (e *emitter) errorTables(f *jen.File) {
	byName := map[string]*ir.ErrorShape{}
	// Per operation: its name, then status and shape pairs, then "": data,
	// where a map literal would be one function as large as the API
	// (issue 24).
	var ops []jen.Code
	for _, op := range e.api.Operations {
		var docs []jen.Code
		first := ""
		for _, r := range op.Responses {
			if r.ErrorShape == nil {
				continue
			}
			byName[r.ShapeName] = r.ErrorShape
			docs = append(docs, jen.Lit(r.Status), jen.Lit(r.ShapeName))
			if first == "" {
				first = r.ShapeName
			}
		}
		if first != "" {
			docs = append(docs, jen.Lit("any"), jen.Lit(first))
			ops = append(ops, jen.Line().Add(jen.List(append([]jen.Code{jen.Lit(op.Name)}, append(docs, jen.Lit(""))...)...)))
		}
	}
	if len(ops) > 0 {
		ops = append(ops, jen.Line())
	}
	shapes := jen.Dict{}
	for name, shape := range byName {
		shapes[jen.Lit(name)] = shapeLit(shape)
	}
	f.Add(commentLine("errorShapes returns how to fill each error body of the API description."))
	f.Var().Id("errorShapes").Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Map(jen.String()).Op("*").Add(rt("ErrorShape")).Block(
		jen.Return(jen.Map(jen.String()).Op("*").Add(rt("ErrorShape")).Values(shapes))))
	f.Add(commentLine("operationErrorsTable lists, per operation, its name, then each documented error status"))
	f.Add(commentLine("and the name of its error shape, then \"\"."))
	f.Var().Id("operationErrorsTable").Op("=").Index().String().Values(ops...)
	f.Add(commentLine("operationErrors returns, per operation, the error shape of each documented status."))
	f.Var().Id("operationErrors").Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Map(jen.String()).Map(jen.String()).String().Block(
		jen.Return(rt("ErrorTable").Call(jen.Id("operationErrorsTable")))))
	f.Add(commentLine("defaultErrorShape is the shape most error responses use, for errors outside any operation."))
	f.Const().Id("defaultErrorShape").Op("=").Lit(e.api.DefaultErrorShape)
}

func shapeLit(s *ir.ErrorShape) jen.Code {
	d := jen.Dict{}
	if len(s.Message) > 0 {
		d[jen.Id("Message")] = stringList(s.Message)
	}
	if len(s.Status) > 0 {
		d[jen.Id("Status")] = stringList(s.Status)
	}
	if len(s.Code) > 0 {
		d[jen.Id("Code")] = stringList(s.Code)
	}
	if len(s.Text) > 0 {
		d[jen.Id("Text")] = stringList(s.Text)
	}
	if len(s.Nested) > 0 {
		nested := jen.Dict{}
		for _, n := range s.Nested {
			nested[jen.Lit(n.Name)] = shapeLit(n.Shape)
		}
		d[jen.Id("Nested")] = jen.Map(jen.String()).Op("*").Add(rt("ErrorShape")).Values(nested)
	}
	return jen.Op("&").Add(rt("ErrorShape")).Values(d)
}

// dispatch is the handler of a route several operations share: the first
// whose fixed query the request carries, the most specific first, and
// otherwise the least specific. It calls the local handleX of each
// operation in used.
func dispatch(ops []*ir.Operation) (used []*ir.Operation, code jen.Code) {
	ordered := slices.Clone(ops)
	slices.SortStableFunc(ordered, func(a, b *ir.Operation) int { return len(b.FixedQuery) - len(a.FixedQuery) })
	var body []jen.Code
	if len(ordered[0].FixedQuery) > 0 {
		body = append(body, jen.List(jen.Id("q"), jen.Id("_")).Op(":=").Qual("net/url", "ParseQuery").Call(jen.Id("r").Dot("URL").Dot("RawQuery")))
	}
	for _, op := range ordered {
		var cond *jen.Statement
		for _, q := range op.FixedQuery {
			c := jen.Id("q").Dot("Get").Call(jen.Lit(q.Name)).Op("==").Lit(q.Value)
			if cond == nil {
				cond = c
			} else {
				cond = cond.Op("&&").Add(c)
			}
		}
		if cond == nil {
			continue
		}
		body = append(body, jen.If(cond).Block(jen.Id(handlerName(op)).Call(jen.Id("w"), jen.Id("r")), jen.Return()))
		used = append(used, op)
	}
	// The fallback is the first of the least specific (the one the
	// generator's warning names when several cannot be told apart).
	fallback := ordered[len(ordered)-1]
	for _, op := range ordered {
		if len(op.FixedQuery) == len(fallback.FixedQuery) {
			fallback = op
			break
		}
	}
	body = append(body, jen.Id(handlerName(fallback)).Call(jen.Id("w"), jen.Id("r")))
	if !slices.Contains(used, fallback) {
		used = append(used, fallback)
	}
	return used, jen.Func().Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).Block(body...)
}

// altResponses reports whether a response of op documents several media
// types.
func altResponses(op *ir.Operation) bool {
	for _, r := range op.Responses {
		if r.Body != nil && len(r.Body.Alts) > 0 {
			return true
		}
	}
	return false
}

// unimplemented emits UnimplementedServer, which answers every operation
// with 501 Not Implemented.
func (e *emitter) unimplemented(f *jen.File) {
	f.Add(commentLine(ir.NameUnimplemented + " answers every operation with 501 Not Implemented, in the error"))
	f.Add(commentLine("shape the operation documents. Embed it to implement some operations and leave"))
	f.Add(commentLine("the others answering 501:"))
	f.Add(commentLine(""))
	f.Add(commentLine("\ttype server struct{ " + ir.NameUnimplemented + " }"))
	f.Type().Id(ir.NameUnimplemented).Struct()
	for _, op := range e.api.Operations {
		// Each method is what the type's comment says: no comment of its
		// own, which would repeat it once per operation.
		f.Func().Params(jen.Id(ir.NameUnimplemented)).Id(op.Name).Params(jen.Qual("context", "Context"), jen.Op("*").Id(op.RequestType)).Params(jen.Id(op.ResponseType), jen.Error()).Block(
			jen.Return(jen.Nil(), rt("NotImplemented").Call(jen.Lit(op.Name))),
		)
	}
}
