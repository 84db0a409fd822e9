package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// server emits the Server interface, the request structs and NewHandler.
func (e *emitter) server(f *jen.File) {
	methods := []jen.Code{}
	for _, op := range e.api.Operations {
		methods = append(methods, opDoc(op)...)
		methods = append(methods, jen.Id(op.Name).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(op.RequestType)).Params(jen.Id(op.ResponseType), jen.Error()))
	}
	f.Comment(ir.NameServer + " is what an implementation of the API provides: one method per operation.")
	f.Comment("A method returns one of the operation's documented responses, or an error, which")
	f.Comment("the handler answers with 500 Internal Server Error.")
	f.Type().Id(ir.NameServer).Interface(methods...)

	for _, op := range e.api.Operations {
		var fields []jen.Code
		if op.ParamsType != "" {
			fields = append(fields, jen.Comment("Params are the decoded parameters."), jen.Id("Params").Id(op.ParamsType))
		}
		if op.Body != nil {
			fields = append(fields, jen.Comment("Body is the decoded request body ("+op.Body.ContentType+")."), jen.Id("Body").Add(bodyParamType(op.Body)))
		}
		f.Comment(fmt.Sprintf("%s is the decoded request of %s.", op.RequestType, op.Name))
		f.Type().Id(op.RequestType).Struct(fields...)
	}

	f.Comment(ir.NameRequestError + " describes a request that does not match the API description.")
	f.Type().Id(ir.NameRequestError).Struct(
		jen.Comment("In is where the problem is: path, query, header, cookie or body."),
		jen.Id("In").String(),
		jen.Comment("Name is the parameter or field, when there is one."),
		jen.Id("Name").String(),
		jen.Id("Err").Error(),
	)
	f.Func().Params(jen.Id("e").Op("*").Id(ir.NameRequestError)).Id("Error").Params().String().Block(
		jen.If(jen.Id("e").Dot("Name").Op("==").Lit("")).Block(jen.Return(jen.Id("e").Dot("In").Op("+").Lit(": ").Op("+").Id("e").Dot("Err").Dot("Error").Call())),
		jen.Return(jen.Id("e").Dot("In").Op("+").Lit(" parameter ").Op("+").Qual("strconv", "Quote").Call(jen.Id("e").Dot("Name")).Op("+").Lit(": ").Op("+").Id("e").Dot("Err").Dot("Error").Call()),
	)
	f.Func().Params(jen.Id("e").Op("*").Id(ir.NameRequestError)).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("Err")))

	e.handler(f)
}

// handler emits the handler type, its options and NewHandler.
func (e *emitter) handler(f *jen.File) {
	f.Type().Id("handler").Struct(
		jen.Id("impl").Id(ir.NameServer),
		jen.Id("maxBody").Int64(),
		jen.Id("onError").Func().Params(jen.Qual("net/http", "ResponseWriter"), jen.Op("*").Qual("net/http", "Request"), jen.Error()),
	)
	f.Comment(ir.NameHandlerOption + " configures the handler NewHandler returns.")
	f.Type().Id(ir.NameHandlerOption).Func().Params(jen.Op("*").Id("handler"))
	f.Comment(ir.NameWithMaxBody + " limits the size of request bodies (1 MiB by default).")
	f.Func().Id(ir.NameWithMaxBody).Params(jen.Id("n").Int64()).Id(ir.NameHandlerOption).Block(
		jen.Return(jen.Func().Params(jen.Id("h").Op("*").Id("handler")).Block(jen.Id("h").Dot("maxBody").Op("=").Id("n"))))
	f.Comment(ir.NameWithErrorWriter + " replaces how errors are answered: a *RequestError for a request that")
	f.Comment("does not match the API description, or the error an implementation returned.")
	f.Func().Id(ir.NameWithErrorWriter).Params(jen.Id("fn").Func().Params(jen.Qual("net/http", "ResponseWriter"), jen.Op("*").Qual("net/http", "Request"), jen.Error())).Id(ir.NameHandlerOption).Block(
		jen.Return(jen.Func().Params(jen.Id("h").Op("*").Id("handler")).Block(jen.Id("h").Dot("onError").Op("=").Id("fn"))))

	f.Comment("defaultError answers a *RequestError with 400 Bad Request naming the problem, and")
	f.Comment("anything else with 500 Internal Server Error, without detail.")
	f.Func().Id("defaultError").Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Err().Error()).Block(
		jen.Var().Id("re").Op("*").Id(ir.NameRequestError),
		jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("re"))).Block(
			jen.Qual("net/http", "Error").Call(jen.Id("w"), jen.Id("re").Dot("Error").Call(), jen.Qual("net/http", "StatusBadRequest")),
			jen.Return(),
		),
		jen.Qual("net/http", "Error").Call(jen.Id("w"), jen.Qual("net/http", "StatusText").Call(jen.Qual("net/http", "StatusInternalServerError")), jen.Qual("net/http", "StatusInternalServerError")),
	)

	routes := []jen.Code{
		jen.Id("h").Op(":=").Op("&").Id("handler").Values(jen.Dict{jen.Id("impl"): jen.Id("impl"), jen.Id("maxBody"): jen.Lit(1 << 20), jen.Id("onError"): jen.Id("defaultError")}),
		jen.For(jen.List(jen.Id("_"), jen.Id("o")).Op(":=").Range().Id("opts")).Block(jen.Id("o").Call(jen.Id("h"))),
		jen.Id("mux").Op(":=").Qual("net/http", "NewServeMux").Call(),
	}
	for _, op := range e.api.Operations {
		routes = append(routes, jen.Id("mux").Dot("HandleFunc").Call(jen.Lit(muxPattern(op)), jen.Id("h").Dot(handlerName(op))))
	}
	routes = append(routes, jen.Return(jen.Id("mux")))
	f.Comment(ir.NameNewHandler + " returns an http.Handler that routes each operation to impl, with")
	f.Comment("its parameters and body decoded.")
	f.Func().Id(ir.NameNewHandler).Params(jen.Id("impl").Id(ir.NameServer), jen.Id("opts").Op("...").Id(ir.NameHandlerOption)).Qual("net/http", "Handler").Block(routes...)
}

// muxPattern is the ServeMux pattern of an operation: its method and path,
// with path parameters renamed to valid wildcard names.
func muxPattern(op *ir.Operation) string {
	path := op.Path
	for i, p := range op.Params {
		if p.In == ir.InPath {
			path = strings.ReplaceAll(path, "{"+p.Name+"}", "{"+wildcard(i)+"}")
		}
	}
	if strings.HasSuffix(path, "/") {
		path += "{$}"
	}
	return op.Method + " " + path
}

func wildcard(i int) string { return fmt.Sprintf("p%d", i) }

func handlerName(op *ir.Operation) string {
	return "handle" + op.Name
}
