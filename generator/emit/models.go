package emit

import (
	"fmt"
	"strings"

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
}

func (e *emitter) structType(f *jen.File, t *ir.Type) {
	fields := make([]jen.Code, 0, len(t.Fields))
	for _, fl := range t.Fields {
		fields = append(fields, fieldDoc(fl.Name, fl.Doc, fl.Deprecated)...)
		tag := fl.JSONName
		if fl.OmitEmpty {
			tag += ",omitempty"
		}
		fields = append(fields, jen.Id(fl.Name).Add(typ(fl.Type)).Tag(map[string]string{"json": tag}))
	}
	withDoc(f, docLines(t.Name, t.Doc, definedBy(t)), t.Deprecated, jen.Type().Id(t.Name).Struct(fields...))
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
	f.Comment(fmt.Sprintf("The values of %s the API documents.", t.Name))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range t.Values {
			g.Id(v.Name).Id(t.Name).Op("=").Add(enumLit(v.Value))
		}
	})
	f.Comment("Valid reports whether v is one of the documented values.")
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

// unionType emits a struct with one pointer per alternative, and JSON
// methods that decode into every alternative the value matches (only the
// first, for oneOf) and encode the first one set.
func (e *emitter) unionType(f *jen.File, t *ir.Type) {
	keyword := "anyOf"
	if t.Exclusive {
		keyword = "oneOf"
	}
	fields := make([]jen.Code, 0, len(t.Variants))
	for _, v := range t.Variants {
		fields = append(fields, jen.Id(v.Name).Op("*").Add(typ(v.Type)))
	}
	lines := docLines(t.Name, t.Doc, definedBy(t))
	lines = append(lines, jen.Comment(""), jen.Comment(fmt.Sprintf("It is one of several alternatives (%s): decoding sets the field of each alternative the JSON value matches%s, and encoding writes the first field that is set.", keyword, map[bool]string{true: " (the first one only)"}[t.Exclusive])))
	withDoc(f, lines, t.Deprecated, jen.Type().Id(t.Name).Struct(fields...))

	f.Comment("UnmarshalJSON implements json.Unmarshaler.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		keys := jen.Id("_")
		for _, v := range t.Variants {
			if len(v.Required) > 0 {
				keys = jen.Id("keys")
			}
		}
		g.List(jen.Id("kind"), keys, jen.Err()).Op(":=").Id("jsonShape").Call(jen.Id("data"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		g.Op("*").Id("u").Op("=").Id(t.Name).Values()
		for _, v := range t.Variants {
			g.If(variantCond(v)).BlockFunc(func(b *jen.Group) {
				b.Var().Id("v").Add(typ(v.Type))
				b.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v")).Op("==").Nil()).BlockFunc(func(ok *jen.Group) {
					ok.Id("u").Dot(v.Name).Op("=").Op("&").Id("v")
					if t.Exclusive {
						ok.Return(jen.Nil())
					}
				})
			})
		}
		if !t.Exclusive {
			g.If(jen.Op("*").Id("u").Op("!=").Parens(jen.Id(t.Name).Values())).Block(jen.Return(jen.Nil()))
		}
		g.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(t.Name + ": the JSON value matches none of the alternatives")))
	})

	f.Comment("MarshalJSON implements json.Marshaler.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		for _, v := range t.Variants {
			g.If(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.Name))))
		}
		g.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil())
	})
}

// variantCond is the test that a JSON value of the given kind and keys may
// be the variant: its JSON kind fits and its required properties are there.
func variantCond(v *ir.Variant) *jen.Statement {
	var cond *jen.Statement
	and := func(c *jen.Statement) {
		if cond == nil {
			cond = c
			return
		}
		cond = cond.Op("&&").Add(c)
	}
	if len(v.JSONKinds) == 1 {
		and(jen.Id("kind").Op("==").Lit(v.JSONKinds[0]))
	} else if len(v.JSONKinds) > 1 {
		kinds := make([]jen.Code, len(v.JSONKinds))
		for i, k := range v.JSONKinds {
			kinds[i] = jen.Lit(k)
		}
		and(jen.Qual("slices", "Contains").Call(jen.Index().String().Values(kinds...), jen.Id("kind")))
	}
	for _, r := range v.Required {
		and(jen.Id("keys").Index(jen.Lit(r)))
	}
	if cond == nil {
		return jen.True()
	}
	return cond
}

// enumLit is an untyped literal for an enum value.
func enumLit(v any) *jen.Statement {
	if i, ok := v.(int64); ok {
		return jen.Lit(int(i))
	}
	return jen.Lit(v)
}

// definedBy is the doc comment of a type whose schema has no description.
func definedBy(t *ir.Type) string {
	if strings.HasPrefix(t.Pointer, "/") {
		return "is defined by #" + t.Pointer + "."
	}
	return "is defined by " + t.Pointer + "."
}
