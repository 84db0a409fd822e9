package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// client emits the Client type, its options and the helpers its
// operations share.
func (e *emitter) client(f *jen.File) {
	e.serverConstants(f)
	f.Comment(ir.NameDoer + " sends HTTP requests; *http.Client is one.")
	f.Type().Id(ir.NameDoer).Interface(jen.Id("Do").Params(jen.Op("*").Qual("net/http", "Request")).Params(jen.Op("*").Qual("net/http", "Response"), jen.Error()))
	f.Comment(ir.NameRequestEditor + " changes a request before it is sent.")
	f.Type().Id(ir.NameRequestEditor).Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Qual("net/http", "Request")).Error()

	fields := []jen.Code{
		jen.Id("base").Op("*").Qual("net/url", "URL"),
		jen.Id("doer").Id(ir.NameDoer),
		jen.Id("userAgent").String(),
		jen.Id("editors").Index().Id(ir.NameRequestEditor),
	}
	for _, s := range e.api.Schemes {
		fields = append(fields, jen.Id(credField(s)).Op("*").Id(credType(s)))
	}
	title := e.api.Title
	if title == "" {
		title = "API"
	}
	f.Comment(fmt.Sprintf("%s calls the %s. Make one with %s; it is safe for concurrent use.", ir.NameClient, title, ir.NameNewClient))
	f.Type().Id(ir.NameClient).Struct(fields...)

	f.Comment(ir.NameOption + " configures a Client.")
	f.Type().Id(ir.NameOption).Func().Params(jen.Op("*").Id(ir.NameClient))
	option(f, ir.NameWithHTTPClient, "sets what sends the requests (http.DefaultClient by default).", jen.Id("d").Id(ir.NameDoer), jen.Id("c").Dot("doer").Op("=").Id("d"))
	option(f, ir.NameWithUserAgent, "sets the User-Agent header of every request.", jen.Id("ua").String(), jen.Id("c").Dot("userAgent").Op("=").Id("ua"))
	option(f, ir.NameWithEditor, "adds a function that may change every request before it is sent.", jen.Id("fn").Id(ir.NameRequestEditor), jen.Id("c").Dot("editors").Op("=").Append(jen.Id("c").Dot("editors"), jen.Id("fn")))
	e.securityOptions(f)

	f.Comment(fmt.Sprintf("%s returns a client for the API at serverURL (for example %s).", ir.NameNewClient, e.exampleServer()))
	f.Func().Id(ir.NameNewClient).Params(jen.Id("serverURL").String(), jen.Id("opts").Op("...").Id(ir.NameOption)).Params(jen.Op("*").Id(ir.NameClient), jen.Error()).Block(
		jen.List(jen.Id("u"), jen.Err()).Op(":=").Qual("net/url", "Parse").Call(jen.Id("serverURL")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("server URL: %w"), jen.Err()))),
		jen.If(jen.Id("u").Dot("Scheme").Op("==").Lit("").Op("||").Id("u").Dot("Host").Op("==").Lit("")).Block(
			jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("server URL %q: want an absolute URL such as https://host/path"), jen.Id("serverURL")))),
		jen.Id("u").Dot("Path").Op("=").Qual("strings", "TrimSuffix").Call(jen.Id("u").Dot("Path"), jen.Lit("/")),
		jen.Id("c").Op(":=").Op("&").Id(ir.NameClient).Values(jen.Dict{jen.Id("base"): jen.Id("u"), jen.Id("doer"): jen.Qual("net/http", "DefaultClient")}),
		jen.For(jen.List(jen.Id("_"), jen.Id("o")).Op(":=").Range().Id("opts")).Block(jen.Id("o").Call(jen.Id("c"))),
		jen.Return(jen.Id("c"), jen.Nil()),
	)
	e.clientHelpers(f)
}

// option emits a functional option with one parameter.
func option(f *jen.File, name, doc string, param jen.Code, body ...jen.Code) {
	f.Comment(name + " " + doc)
	f.Func().Id(name).Params(param).Id(ir.NameOption).Block(
		jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Block(body...)),
	)
}

func (e *emitter) exampleServer() string {
	if len(e.api.Servers) > 0 {
		return e.api.Servers[0].Name
	}
	return `"https://api.example.com"`
}

// serverConstants emits the spec's servers as constants.
func (e *emitter) serverConstants(f *jen.File) {
	if len(e.api.Servers) == 0 {
		return
	}
	f.Comment("The servers the API description lists.")
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, s := range e.api.Servers {
			for _, c := range docLines(s.Name, s.Description, "") {
				g.Add(c)
			}
			for _, v := range s.Variables {
				g.Comment(fmt.Sprintf("{%s} defaults to %q%s.", v.Name, v.Default, enumNote(v.Enum)))
			}
			g.Id(s.Name).Op("=").Lit(s.URL)
		}
	})
}

func enumNote(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return fmt.Sprintf(" and may be one of %q", vals)
}

// clientHelpers emits the unexported plumbing every operation uses.
func (e *emitter) clientHelpers(f *jen.File) {
	f.Comment("newRequest builds a request for path (already escaped) below the server URL.")
	f.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Id("newRequest").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.List(jen.Id("method"), jen.Id("path")).String(),
		jen.Id("query").Qual("net/url", "Values"), jen.Id("body").Index().Byte(), jen.Id("contentType").String(),
	).Params(jen.Op("*").Qual("net/http", "Request"), jen.Error()).Block(
		jen.Id("u").Op(":=").Op("*").Id("c").Dot("base"),
		jen.Id("u").Dot("RawPath").Op("=").Id("u").Dot("EscapedPath").Call().Op("+").Id("path"),
		jen.List(jen.Id("u").Dot("Path"), jen.Id("_")).Op("=").Qual("net/url", "PathUnescape").Call(jen.Id("u").Dot("RawPath")),
		jen.Id("u").Dot("RawQuery").Op("=").Id("query").Dot("Encode").Call(),
		jen.Var().Id("r").Qual("io", "Reader"),
		jen.If(jen.Id("body").Op("!=").Nil()).Block(jen.Id("r").Op("=").Qual("bytes", "NewReader").Call(jen.Id("body"))),
		jen.List(jen.Id("req"), jen.Err()).Op(":=").Qual("net/http", "NewRequestWithContext").Call(jen.Id("ctx"), jen.Id("method"), jen.Id("u").Dot("String").Call(), jen.Id("r")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Id("contentType").Op("!=").Lit("")).Block(jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Id("contentType"))),
		jen.If(jen.Id("c").Dot("userAgent").Op("!=").Lit("")).Block(jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("User-Agent"), jen.Id("c").Dot("userAgent"))),
		jen.Return(jen.Id("req"), jen.Nil()),
	)
	f.Comment("do runs the request editors and sends the request.")
	f.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Id("do").Params(jen.Id("req").Op("*").Qual("net/http", "Request")).Params(jen.Op("*").Qual("net/http", "Response"), jen.Error()).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("edit")).Op(":=").Range().Id("c").Dot("editors")).Block(
			jen.If(jen.Err().Op(":=").Id("edit").Call(jen.Id("req").Dot("Context").Call(), jen.Id("req")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		),
		jen.Return(jen.Id("c").Dot("doer").Dot("Do").Call(jen.Id("req"))),
	)
	e.unexpectedError(f)
	f.Comment("decodeJSON decodes a JSON response body into v.")
	f.Func().Id("decodeJSON").Params(jen.Id("resp").Op("*").Qual("net/http", "Response"), jen.Id("v").Any()).Error().Block(
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Id("resp").Dot("Body")).Dot("Decode").Call(jen.Id("v")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("decode %d response: %w"), jen.Id("resp").Dot("StatusCode"), jen.Err())),
		),
		jen.Return(jen.Nil()),
	)
}

func (e *emitter) unexpectedError(f *jen.File) {
	f.Comment(ir.NameUnexpected + " is returned for a status the operation does not document.")
	f.Comment("It carries the start of the body (at most 4 KiB) to help find out why.")
	f.Type().Id(ir.NameUnexpected).Struct(
		jen.Id("Method").String(),
		jen.Id("Path").String(),
		jen.Id("StatusCode").Int(),
		jen.Id("Header").Qual("net/http", "Header"),
		jen.Id("Body").Index().Byte(),
	)
	f.Func().Params(jen.Id("e").Op("*").Id(ir.NameUnexpected)).Id("Error").Params().String().Block(
		jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit("%s %s: unexpected status %d: %q"), jen.Id("e").Dot("Method"), jen.Id("e").Dot("Path"), jen.Id("e").Dot("StatusCode"), jen.Id("e").Dot("Body"))),
	)
	f.Func().Id("unexpected").Params(jen.Id("resp").Op("*").Qual("net/http", "Response")).Error().Block(
		jen.List(jen.Id("snippet"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Qual("io", "LimitReader").Call(jen.Id("resp").Dot("Body"), jen.Lit(4096))),
		jen.Return(jen.Op("&").Id(ir.NameUnexpected).Values(jen.Dict{
			jen.Id("Method"):     jen.Id("resp").Dot("Request").Dot("Method"),
			jen.Id("Path"):       jen.Id("resp").Dot("Request").Dot("URL").Dot("Path"),
			jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode"),
			jen.Id("Header"):     jen.Id("resp").Dot("Header"),
			jen.Id("Body"):       jen.Id("snippet"),
		})),
	)
}

// credField and credType name the Client field holding a scheme's
// credentials and its type.
func credField(s *ir.SecurityScheme) string { return names.Unexported(s.GoName) + "Cred" }

func credType(s *ir.SecurityScheme) string {
	if s.Kind == ir.HTTPBasic {
		return "basicCredentials"
	}
	return "string"
}
