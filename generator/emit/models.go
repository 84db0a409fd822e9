package emit

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// models emits every named type of the API.
func (e *emitter) models(f *jen.File) {
	for _, t := range e.api.Types {
		switch t.Kind {
		case ir.Struct:
			e.structType(f, t)
		case ir.Enum:
			e.enumType(f, t)
		case ir.Alias:
			e.aliasType(f, t)
		case ir.Union:
			e.unionType(f, t)
		}
	}
	if (e.split || !e.hasServer) && NeedsRules(e.api) {
		e.namedRules(f)
		e.patternVars(f)
	}
}

func (e *emitter) structType(f *jen.File, t *ir.Type) {
	fields := make([]jen.Code, 0, len(t.Fields))
	for _, fl := range t.Fields {
		fields = append(fields, fieldDoc(fl.Name, fl.Doc, fl.Deprecated)...)
		fields = append(fields, jen.Id(fl.Name).Add(typ(fl.Type)).Tag(map[string]string{"json": e.jsonTag(fl, false)}))
	}
	if t.Extra != nil {
		fields = append(fields, commentLine(t.ExtraField+" holds the properties besides the named ones."),
			jen.Id(t.ExtraField).Map(jen.String()).Add(typ(t.Extra)).Tag(map[string]string{"json": "-"}))
	}
	if e.keepsUnknown(t) {
		fields = append(fields, commentLine(t.Unknown+" keeps the properties the schema does not declare (see "+ir.NameUnknownMembers+")."))
		fields = append(fields, e.unknownField(t)...)
	}
	withDoc(f, docLines(t.Name, t.Doc, definedBy(t)), t.Deprecated, jen.Type().Id(t.Name).Struct(fields...))
	e.exoticJSON(f, t)
}

// keepsUnknown reports whether a struct type keeps the members its schema
// does not declare: with the generated codecs (encoding/json has no place
// for them).
func (e *emitter) keepsUnknown(t *ir.Type) bool {
	return t.Kind == ir.Struct && t.Unknown != "" && e.hasCodecs()
}

// jsonTag is the json struct tag of a field; omitZero leaves it out when
// zero in any case.
func (e *emitter) jsonTag(fl *ir.Field, omitZero bool) string {
	if !tagSafe(fl.JSONName) {
		return "-" // a tag cannot hold the name: the type's JSON methods handle it
	}
	tag := fl.JSONName
	switch {
	case fl.OmitEmpty && e.collection(fl.Type):
		// omitempty would drop an empty list or object that was sent;
		// omitzero leaves out only an absent (nil) one.
		tag += ",omitzero"
	case fl.OmitEmpty:
		tag += ",omitempty"
	case fl.OmitZero || omitZero:
		tag += ",omitzero"
	}
	return tag
}

// tagSafe reports whether a JSON name can stand in a struct tag: the
// characters encoding/json accepts there, and no space (which vet flags).
func tagSafe(name string) bool {
	if name == "" || name == "-" { // "-" is a tag of its own: skip the field
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", r) {
			return false
		}
	}
	return true
}

// exoticJSON emits JSON methods for a struct with properties whose names a
// struct tag cannot hold: the other fields go through the tags as usual.
func (e *emitter) exoticJSON(f *jen.File, t *ir.Type) {
	var exotic []*ir.Field
	for _, fl := range t.Fields {
		if !tagSafe(fl.JSONName) {
			exotic = append(exotic, fl)
		}
	}
	if len(exotic) == 0 && t.Extra == nil || e.hasCodecs() {
		return // the generated codec reads and writes every property
	}
	e.exoticUnmarshal(f, t, exotic)
	e.exoticMarshal(f, t, exotic)
}

func jsonFunc(name string) *jen.Statement { return jen.Qual("encoding/json", name) }

// exoticUnmarshal emits UnmarshalJSON for exoticJSON.
func (e *emitter) exoticUnmarshal(f *jen.File, t *ir.Type, exotic []*ir.Field) {
	json := jsonFunc
	f.Add(commentLine("UnmarshalJSON implements json.Unmarshaler; it also reads the properties struct tags cannot:"))
	f.Add(commentLine("names no tag can hold, and properties besides the named ones."))
	read := []jen.Code{
		jen.Type().Id("plain").Id(t.Name),
		jen.If(jen.Err().Op(":=").Add(json("Unmarshal")).Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Parens(jen.Id("v"))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Var().Id("raw").Map(jen.String()).Add(json("RawMessage")),
		jen.If(jen.Err().Op(":=").Add(json("Unmarshal")).Call(jen.Id("data"), jen.Op("&").Id("raw")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	for _, fl := range exotic {
		read = append(read, jen.If(jen.List(jen.Id("r"), jen.Id("ok")).Op(":=").Id("raw").Index(jen.Lit(fl.JSONName)), jen.Id("ok")).Block(
			jen.If(jen.Err().Op(":=").Add(json("Unmarshal")).Call(jen.Id("r"), jen.Op("&").Id("v").Dot(fl.Name)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		))
	}
	if t.Extra != nil {
		extra := jen.Id("v").Dot(t.ExtraField)
		loop := []jen.Code{
			jen.Var().Id("value").Add(typ(t.Extra)),
			jen.If(jen.Err().Op(":=").Add(json("Unmarshal")).Call(jen.Id("r"), jen.Op("&").Id("value")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.If(extra.Clone().Op("==").Nil()).Block(extra.Clone().Op("=").Map(jen.String()).Add(typ(t.Extra)).Values()),
			extra.Clone().Index(jen.Id("k")).Op("=").Id("value"),
		}
		if len(t.Fields) > 0 {
			known := make([]jen.Code, 0, len(t.Fields))
			for _, fl := range t.Fields {
				known = append(known, jen.Lit(fl.JSONName))
			}
			loop = append([]jen.Code{jen.Switch(jen.Id("k")).Block(jen.Case(known...).Block(jen.Continue()))}, loop...)
		}
		read = append(read, jen.For(jen.List(jen.Id("k"), jen.Id("r")).Op(":=").Range().Id("raw")).Block(loop...))
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(append(read, jen.Return(jen.Nil()))...)
}

// exoticMarshal emits MarshalJSON for exoticJSON.
func (e *emitter) exoticMarshal(f *jen.File, t *ir.Type, exotic []*ir.Field) {
	json := jsonFunc
	f.Add(commentLine("MarshalJSON implements json.Marshaler; it also writes the properties struct tags cannot."))
	write := []jen.Code{
		jen.Type().Id("plain").Id(t.Name),
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Add(json("Marshal")).Call(jen.Id("plain").Parens(jen.Id("v"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Var().Id("obj").Map(jen.String()).Add(json("RawMessage")),
		jen.If(jen.Err().Op(":=").Add(json("Unmarshal")).Call(jen.Id("data"), jen.Op("&").Id("obj")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	}
	for _, fl := range exotic {
		set := []jen.Code{
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Add(json("Marshal")).Call(jen.Id("v").Dot(fl.Name)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("obj").Index(jen.Lit(fl.JSONName)).Op("=").Id("b"),
		}
		if fl.OmitEmpty && nilableType(fl.Type) {
			write = append(write, jen.If(jen.Id("v").Dot(fl.Name).Op("!=").Nil()).Block(set...))
		} else if fl.OmitZero {
			write = append(write, jen.If(jen.Op("!").Id("v").Dot(fl.Name).Dot("IsZero").Call()).Block(set...))
		} else {
			write = append(write, jen.Block(set...))
		}
	}
	if t.Extra != nil {
		// Named properties win over extra ones of the same name.
		write = append(write, jen.For(jen.List(jen.Id("k"), jen.Id("value")).Op(":=").Range().Id("v").Dot(t.ExtraField)).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("taken")).Op(":=").Id("obj").Index(jen.Id("k")), jen.Id("taken")).Block(jen.Continue()),
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Add(json("Marshal")).Call(jen.Id("value")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("obj").Index(jen.Id("k")).Op("=").Id("b"),
		))
	}
	write = append(write, jen.Return(json("Marshal").Call(jen.Id("obj"))))
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(write...)
}

// collection reports whether t is a slice or a map, or a type defined as
// one: nil when absent, empty when sent empty.
func (e *emitter) collection(t *ir.GoType) bool {
	switch t.Kind {
	case ir.Slice, ir.Map:
		return true
	case ir.Named:
		nt := e.types[t.Name]
		return nt != nil && nt.Kind == ir.Alias && nt.Underlying != nil && (nt.Underlying.Kind == ir.Slice || nt.Underlying.Kind == ir.Map)
	}
	return false
}

func nilableType(t *ir.GoType) bool {
	return t.Kind == ir.Pointer || t.Kind == ir.Slice || t.Kind == ir.Map || (t.Kind == ir.Builtin && t.Name == "any")
}

func (e *emitter) aliasType(f *jen.File, t *ir.Type) {
	decl := jen.Type().Id(t.Name)
	if t.IsAlias {
		decl.Op("=")
	}
	withDoc(f, docLines(t.Name, t.Doc, definedBy(t)), t.Deprecated, decl.Add(typ(t.Underlying)))
}

func (e *emitter) enumType(f *jen.File, t *ir.Type) {
	withDoc(f, docLines(t.Name, t.Doc, definedBy(t)), t.Deprecated, jen.Type().Id(t.Name).Add(typ(t.Underlying)))
	f.Add(commentLine(fmt.Sprintf("The values of %s the API documents.", t.Name)))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range t.Values {
			g.Id(v.Name).Id(t.Name).Op("=").Add(enumLit(v.Value))
		}
	})
	f.Add(commentLine("Valid reports whether v is one of the documented values."))
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("Valid").Params().Bool().BlockFunc(func(g *jen.Group) {
		if len(t.Values) == 0 {
			g.Return(jen.False())
			return
		}
		vals := make([]jen.Code, len(t.Values))
		for i, v := range t.Values {
			vals[i] = jen.Id(v.Name)
		}
		g.Switch(jen.Id("v")).Block(jen.Case(vals...).Block(jen.Return(jen.True())))
		g.Return(jen.False())
	})
}

// enumLit is an untyped literal for an enum value.
func enumLit(v any) *jen.Statement {
	switch v := v.(type) {
	case int64:
		return jen.Lit(int(v))
	case uint64:
		// jen.Lit would write uint64(n), which a constant of the enum's
		// own type cannot take; the digits are strconv's, not the spec's.
		return jen.Op(strconv.FormatUint(v, 10))
	}
	return jen.Lit(v)
}

// definedBy is the doc comment of a type whose schema has no description:
// the JSON pointer it came from, with the middle of a long one left out
// so that deeply nested schemas do not give comments as long as the path.
func definedBy(t *ir.Type) string {
	ptr := t.Pointer
	if strings.HasPrefix(ptr, "/") {
		ptr = "#" + ptr
	}
	if head, tail, ok := strings.Cut(ptr, "#"); ok {
		if parts := strings.Split(tail, "/"); len(parts) > 16 {
			ptr = head + "#" + strings.Join(parts[:8], "/") + "/…/" + strings.Join(parts[len(parts)-6:], "/")
		}
	}
	return "is defined by " + ptr + "."
}
