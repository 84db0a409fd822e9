package lower

import (
	"cmp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// body lowers a content map: the main body is the media type the
// generated code speaks first (JSON, then form, multipart, raw bytes and
// text), the others are its alternatives.
func (l *lowerer) body(content openapi3.Content, ptr, ctx string) *ir.Body {
	if len(content) == 0 {
		return nil
	}
	cts := sortedKeys(content)
	slices.SortStableFunc(cts, func(a, b string) int { return cmp.Compare(mediaRank(a), mediaRank(b)) })
	first := content[cts[0]]
	main := l.oneBody(first, cts[0], ptr, ctx, nil, nil)
	reg := names.NewRegistry()
	for _, ct := range cts[1:] {
		name := reg.Claim(mediaName(ct))
		alt := l.oneBody(content[ct], ct, ptr, ctx+name, main, first.Schema)
		alt.Name = name
		main.Alts = append(main.Alts, alt)
	}
	return main
}

// oneBody lowers one media type of a content map. A schema the main body
// shares (the same $ref or the same schema) keeps its Go type.
func (l *lowerer) oneBody(mt *openapi3.MediaType, ct, ptr, ctx string, main *ir.Body, shared *openapi3.SchemaRef) *ir.Body {
	kind := mediaKind(ct)
	b := &ir.Body{ContentType: ct, Kind: kind}
	sptr := diag.Pointer(ptr, "content", ct, "schema")
	switch kind {
	case ir.Binary:
		b.Type = sliceOf(builtin("byte"))
		return b
	case ir.Text:
		b.Type = builtin("string")
		return b
	case ir.Events:
		return l.eventsBody(b, mt, sptr, ctx)
	}
	if main != nil && shared != nil && mt.Schema != nil && (mt.Schema == shared || mt.Schema.Ref != "" && mt.Schema.Ref == shared.Ref) && main.Kind != ir.Binary && main.Kind != ir.Text {
		b.Type, b.Rule, b.Nullable = main.Type, main.Rule, main.Nullable
		return b
	}
	b.Type = l.goType(mt.Schema, sptr, ctx)
	b.Rule = l.rule(mt.Schema, sptr)
	if kind == ir.JSON && mt.Schema != nil && mt.Schema.Value != nil && nullable(mt.Schema.Value) && !nilable(b.Type) {
		b.Nullable = true
	}
	return b
}

// bodyFields names the struct field of each body: alternatives of the
// main body's Go type share its field.
func bodyFields(main *ir.Body) {
	if main == nil {
		return
	}
	main.Field = "Body"
	for _, alt := range main.Alts {
		alt.Field = "Body"
		if !alt.Type.Same(main.Type) {
			alt.Field = "Body" + alt.Name
		}
	}
}

// mediaName is the Go name part of a media type: a short word for the
// common ones, else its words ("application/merge-patch+json" is
// "MergePatchJSON", "text/json" is "TextJSON").
func mediaName(ct string) string {
	ct = strings.ToLower(strings.TrimSpace(ct))
	switch ct {
	case "application/json":
		return "JSON"
	case "application/x-www-form-urlencoded":
		return "Form"
	case "multipart/form-data":
		return "Multipart"
	case "application/octet-stream":
		return "Binary"
	case "text/plain":
		return "Text"
	case "text/event-stream":
		return "Events"
	case "*/*":
		return "Any"
	}
	ct = strings.TrimPrefix(ct, "application/")
	ct = strings.ReplaceAll(ct, "*", "any")
	if name := names.Exported(ct); name != "" && name != "X" {
		return name
	}
	return "Media"
}

func mediaKind(ct string) ir.BodyKind {
	ct = baseMedia(ct)
	switch {
	case isJSON(ct):
		return ir.JSON
	case ct == "application/x-www-form-urlencoded":
		return ir.Form
	case ct == "multipart/form-data":
		return ir.Multipart
	case ct == "text/event-stream":
		return ir.Events
	case strings.HasPrefix(ct, "text/"):
		return ir.Text
	}
	return ir.Binary
}

func isJSON(ct string) bool {
	return strings.HasSuffix(ct, "/json") || strings.HasSuffix(ct, "+json") || ct == "*/*" || ct == "application/*"
}

// baseMedia is a media type without its parameters, in lower case.
func baseMedia(ct string) string {
	ct, _, _ = strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(ct))
}

func mediaRank(ct string) int {
	base := baseMedia(ct)
	switch {
	case base == "application/json" && !strings.Contains(ct, ";"):
		return 0
	case isJSON(base) && !strings.Contains(base, "*"):
		return 1
	case base == "application/x-www-form-urlencoded":
		return 2
	case base == "multipart/form-data":
		return 3
	case strings.HasPrefix(base, "text/"):
		return 5
	case base == "*/*" || base == "application/*":
		return 6
	}
	return 4
}

// eventsBody lowers a text/event-stream body: the Go type of one event's
// data comes from the media type's itemSchema (OpenAPI 3.2), or from its
// schema when that describes one event (anything but a plain string);
// without either the data are strings. x-sse-terminator names the data
// that ends the stream ("[DONE]").
func (l *lowerer) eventsBody(b *ir.Body, mt *openapi3.MediaType, sptr, ctx string) *ir.Body {
	mptr := strings.TrimSuffix(sptr, "/schema")
	item, ptr := mt.ItemSchema, diag.Pointer(mptr, "itemSchema")
	if item == nil && mt.Schema != nil && mt.Schema.Value != nil && !(mt.Schema.Value.Type.Is("string") && len(mt.Schema.Value.OneOf) == 0) {
		item, ptr = mt.Schema, sptr
	}
	elem := builtin("string")
	if item != nil {
		elem = l.goType(item, ptr, ctx+"Event")
	}
	b.Type = &ir.GoType{Kind: ir.EventsOf, Elem: elem}
	if v, ok := mt.Extensions["x-sse-terminator"]; ok {
		if s, ok := v.(string); ok {
			b.Terminator = s
		} else {
			l.warn(diag.At(diag.Pointer(mptr, "x-sse-terminator"), "x-sse-terminator is not a string; ignored"))
		}
	}
	return b
}

// fileParts makes the binary properties of a multipart request body
// (type string, format binary, or arrays of them) FileParts, and reports
// whether there were any.
func (l *lowerer) fileParts(b *ir.Body) bool {
	if b.Type.Kind != ir.Named {
		return false
	}
	s := l.typeSchema[b.Type.Name]
	t := l.typeByName[b.Type.Name]
	if s == nil || t == nil || t.Kind != ir.Struct || !strings.Contains(t.Pointer, "/requestBody/") {
		// A component schema keeps its JSON form (strings), which other
		// bodies and responses may use: only a body's own schema gets
		// FileParts.
		return false
	}
	found := false
	file := &ir.GoType{Kind: ir.Named, Name: ir.NameFilePart}
	isFile := func(ref *openapi3.SchemaRef) bool {
		return ref != nil && ref.Value != nil && ref.Value.Type.Is("string") && ref.Value.Format == "binary"
	}
	for _, f := range t.Fields {
		p := s.Properties[f.JSONName]
		switch {
		case p == nil || p.Value == nil:
		case isFile(p):
			if f.Type.Kind == ir.Pointer {
				f.Type = &ir.GoType{Kind: ir.Pointer, Elem: file}
			} else {
				f.Type = file
			}
		case p.Value.Type.Is("array") && isFile(p.Value.Items):
			f.Type = &ir.GoType{Kind: ir.Slice, Elem: file}
		default:
			continue
		}
		l.support[ir.SupportFile] = true
		found = true
	}
	return found
}
