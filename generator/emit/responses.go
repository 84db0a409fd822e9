package emit

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// responses emits, per operation, the interface its responses share and
// one struct per documented response. The server's implementation returns
// them; the client returns success bodies and error responses as errors.
func (e *emitter) responses(f *jen.File) {
	if e.usesJSONText() {
		f.Add(commentLine("jsonText encodes a value that has no plain text form as JSON."))
		f.Func().Id("jsonText").Params(jen.Id("v").Any()).String().Block(
			jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
			jen.Return(jen.String().Parens(jen.Id("b"))),
		)
	}
	for _, op := range e.api.Operations {
		marker := markerMethod(op)
		var members []string
		for _, r := range op.Responses {
			members = append(members, r.TypeName)
		}
		lines := []jen.Code{commentLine(fmt.Sprintf("%s is a response of %s: one of %s.", op.ResponseType, op.Name, orList(members)))}
		if len(members) == 0 {
			lines = []jen.Code{commentLine(fmt.Sprintf("%s is a response of %s, which documents none.", op.ResponseType, op.Name))}
		}
		withDoc(f, lines, false, jen.Type().Id(op.ResponseType).Interface(
			commentLine("StatusCode returns the HTTP status of the response."),
			jen.Id("StatusCode").Params().Int(),
			jen.Id(marker).Params(),
		))
		for _, r := range op.Responses {
			e.responseType(f, op, r, marker)
		}
	}
}

// markerMethod is the unexported method that seals an operation's
// response interface.
func markerMethod(op *ir.Operation) string {
	return names.Unexported(op.ResponseType)
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func (e *emitter) responseType(f *jen.File, op *ir.Operation, r *ir.Response, marker string) {
	var fields []jen.Code
	if r.Code == 0 {
		fields = append(fields, commentLine("Status is the HTTP status code."), jen.Id("Status").Int())
	}
	fields = append(fields, bodyFields(r.Body, "decoded response body", "The client sets it to the one received; a server sends the first for \"\".", func(b *ir.Body) *jen.Statement { return typ(b.Type) })...)
	for _, h := range r.Headers {
		fields = append(fields, fieldDoc(h.GoName, h.Doc, false)...)
		fields = append(fields, commentLine("It travels in the "+h.Name+" header."))
		fields = append(fields, jen.Id(h.GoName).Add(typ(h.Type)))
	}
	fields = append(fields, commentLine("Header holds the raw response headers: those received (client) or extra ones to send (server)."), jen.Id("Header").Qual("net/http", "Header"))
	status := r.Status
	if r.Code != 0 {
		status += " " + http.StatusText(r.Code)
	}
	doc := fmt.Sprintf("%s is the %s response of %s", r.TypeName, status, op.Name)
	if r.Doc != "" {
		doc += ": " + strings.TrimSpace(r.Doc)
	} else {
		doc += "."
	}
	withDoc(f, docLines(r.TypeName, doc, ""), false, jen.Type().Id(r.TypeName).Struct(fields...))

	recv := jen.Id("r").Op("*").Id(r.TypeName)
	f.Func().Params(jen.Op("*").Id(r.TypeName)).Id(marker).Params().Block()
	f.Add(commentLine("StatusCode returns the HTTP status of the response."))
	code := jen.Lit(r.Code)
	if r.Code == 0 {
		code = jen.Id("r").Dot("Status")
	}
	f.Func().Params(recv.Clone()).Id("StatusCode").Params().Int().Block(jen.Return(code))
	if !r.Success {
		f.Add(commentLine("Error makes an error response usable as an error."))
		f.Func().Params(recv).Id("Error").Params().String().Block(
			jen.Return(jen.Qual("fmt", "Sprintf").Call(formatLit(op.Method+" "+op.Path+" ("+op.Name+"): ", "%d %s"), jen.Id("r").Dot("StatusCode").Call(), jen.Qual("net/http", "StatusText").Call(jen.Id("r").Dot("StatusCode").Call()))),
		)
	}
}

// bodyFields are the struct fields of a request's or response's body: one
// per Go type of its media types, then, when it has several, ContentType.
func bodyFields(main *ir.Body, what, contentDoc string, fieldType func(*ir.Body) *jen.Statement) []jen.Code {
	var out []jen.Code
	for _, b := range main.Bodies() {
		if b != main && b.Field == main.Field {
			continue
		}
		var types []string
		for _, o := range main.Bodies() {
			if o.Field == b.Field {
				types = append(types, o.ContentType)
			}
		}
		out = append(out, commentLine(fmt.Sprintf("%s is the %s (%s).", b.Field, what, strings.Join(types, ", "))), jen.Id(b.Field).Add(fieldType(b)))
	}
	if main != nil && len(main.Alts) > 0 {
		var types []string
		for _, b := range main.Bodies() {
			types = append(types, b.ContentType)
		}
		out = append(out,
			commentLine("ContentType is the documented media type of the body: "+orList(types)+"."),
			commentLine(contentDoc),
			jen.Id("ContentType").String())
	}
	return out
}
