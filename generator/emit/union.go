package emit

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// unionType emits a struct with one pointer per alternative, the shapes
// of its alternatives, and JSON methods: decoding keeps, for oneOf, the
// one alternative that fits best (the discriminator first, when there is
// one) and refuses a tie; for anyOf every alternative that fits. Encoding
// writes the alternative set (anyOf: every one, objects merged).
func (e *emitter) unionType(f *jen.File, t *ir.Type) {
	keyword, how := "anyOf", "decoding sets the field of every alternative the JSON value fits, and encoding merges them"
	if t.Exclusive {
		keyword, how = "oneOf", "decoding sets the field of the one alternative the JSON value fits best (a tie is an error), and encoding writes it"
	}
	fields := make([]jen.Code, 0, len(t.Variants))
	for _, v := range t.Variants {
		fields = append(fields, jen.Id(v.Name).Op("*").Add(typ(v.Type)))
	}
	if t.Unknown != "" {
		fields = append(fields,
			commentLine(t.Unknown+" holds a value that fits none of the alternatives (one a newer API sends),"),
			commentLine("compact, when no alternative is set; it is written back as it is."),
			jen.Id(t.Unknown).Op("*").Qual("encoding/json", "RawMessage"))
	}
	lines := docLines(t.Name, t.Doc, definedBy(t))
	lines = append(lines, commentLine(""), commentLine(fmt.Sprintf("It is one of several alternatives (%s): %s.", keyword, how)))
	withDoc(f, lines, t.Deprecated, jen.Type().Id(t.Name).Struct(fields...))

	shapes := "variants" + t.Name
	f.Add(commentLine(shapes + " says what a JSON value must look like to be each alternative of " + t.Name + "."))
	f.Var().Id(shapes).Op("=").Index().Id("variantShape").Values(shapeLits(t)...)

	f.Add(commentLine("UnmarshalJSON implements json.Unmarshaler."))
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		read := "readJSONValue"
		if e.hasCodecs() {
			read = "readJSONValueCodec"
		}
		g.List(jen.Id("val"), jen.Err()).Op(":=").Id(read).Call(jen.Id("data"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		g.Op("*").Id("u").Op("=").Id(t.Name).Values()
		// null is the union with no alternative set (and encodes as null).
		g.If(jen.Id("val").Dot("kind").Op("==").Lit("null")).Block(jen.Return(jen.Nil()))
		if d := t.Discriminator; d != nil && len(d.Cases) > 0 {
			e.discriminated(g, t)
		}
		var cases []jen.Code
		for i, v := range t.Variants {
			read := []jen.Code{
				jen.Var().Id("v").Add(typ(v.Type)),
				jen.If(jen.Err().Op(":=").Add(e.unmarshalVariant(v.Type)), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(t.Name+": "+v.Name+": %w"), jen.Err()))),
			}
			if inner := e.unionOf(v.Type); inner != nil && inner.Unknown != "" {
				// An alternative that is a union fits only when one of its
				// own alternatives does: what it keeps as unknown is not it.
				read = append(read, jen.If(jen.Id("v").Dot(inner.Unknown).Op("!=").Nil()).Block(
					jen.Return(jen.Qual("errors", "New").Call(jen.Lit(t.Name+": "+v.Name+": the JSON value fits none of its alternatives")))))
			}
			read = append(read, jen.Id("u").Dot(v.Name).Op("=").Op("&").Id("v"))
			cases = append(cases, jen.Case(jen.Lit(i)).Block(read...))
		}
		readVariant := jen.Func().Params(jen.Id("i").Int()).Error().Block(
			jen.Switch(jen.Id("i")).Block(cases...),
			jen.Return(jen.Nil()),
		)
		reset := jen.Func().Params().Block(jen.Op("*").Id("u").Op("=").Id(t.Name).Values())
		unknown := jen.Func().Params().Block()
		if t.Unknown != "" {
			unknown = jen.Func().Params().Block(jen.Id("u").Dot(t.Unknown).Op("=").Id("keepJSON").Call(jen.Id("data")))
		}
		g.Return(jen.Id("decodeUnion").Call(jen.Id("val"), jen.Id(shapes), jen.Lit(t.Exclusive), jen.Lit(t.Name), readVariant, reset, unknown))
	})

	f.Add(commentLine("MarshalJSON implements json.Marshaler."))
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if !t.Exclusive && len(t.Variants) > 1 {
			g.Var().Id("parts").Index().Any()
			// An alternative that holds any value holds it as written: it
			// speaks first (a number a float32 alternative rounds).
			ordered := slices.Clone(t.Variants)
			slices.SortStableFunc(ordered, func(a, b *ir.Variant) int { return cmp.Compare(rawOrder(a.Type), rawOrder(b.Type)) })
			// What an alternative declares beats what another keeps as
			// unknown: each alternative first without its unknown
			// members, then as it is (a member only unknowns hold).
			var full []*ir.Variant
			for _, v := range ordered {
				part := jen.Id("u").Dot(v.Name)
				if nt := e.types[v.Type.Declared()]; v.Type.Kind == ir.Named && nt != nil && e.keepsUnknown(nt) {
					full = append(full, v)
					part = jen.Func().Params().Op("*").Add(typ(v.Type)).Block(
						jen.Id("known").Op(":=").Op("*").Id("u").Dot(v.Name),
						jen.Id("known").Dot(nt.Unknown).Op("=").Id(ir.NameUnknownMembers).Values(),
						jen.Return(jen.Op("&").Id("known")),
					).Call()
				}
				g.If(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(jen.Id("parts").Op("=").Append(jen.Id("parts"), part))
			}
			for _, v := range full {
				g.If(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("u").Dot(v.Name)))
			}
			g.If(jen.Len(jen.Id("parts")).Op(">").Lit(0)).Block(jen.Return(jen.Id("mergeObjects").Call(jen.Id("parts").Op("..."))))
			e.marshalUnknown(g, t)
			return
		}
		for _, v := range t.Variants {
			g.If(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(jen.Return(e.marshalVariant(v.Type, jen.Id("u").Dot(v.Name))))
		}
		e.marshalUnknown(g, t)
	})
}

// unionOf returns the union type t names (through Go aliases), or nil.
func (e *emitter) unionOf(t *ir.GoType) *ir.Type {
	for t != nil && t.Kind == ir.Named {
		nt := e.types[t.Name]
		switch {
		case nt == nil:
			return nil
		case nt.Kind == ir.Union:
			return nt
		case nt.Kind == ir.Alias && nt.IsAlias:
			t = nt.Underlying
		default:
			return nil
		}
	}
	return nil
}

// marshalUnknown ends MarshalJSON of a union with no alternative set: the
// value it keeps as unknown, or null.
func (e *emitter) marshalUnknown(g *jen.Group, t *ir.Type) {
	if t.Unknown != "" {
		g.If(jen.Id("u").Dot(t.Unknown).Op("!=").Nil()).Block(jen.Return(jen.Op("*").Id("keepJSON").Call(jen.Op("*").Id("u").Dot(t.Unknown)), jen.Nil()))
	}
	g.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil())
}

// rawOrder puts the alternatives that hold any value as written (any,
// raw JSON) before the others.
func rawOrder(t *ir.GoType) int {
	if t.Kind == ir.Builtin && t.Name == "any" || t.Kind == ir.Qualified && t.Pkg == "encoding/json" && t.Name == "RawMessage" {
		return 0
	}
	return 1
}

// shapeLits are the variantShape literals of a union's alternatives.
func shapeLits(t *ir.Type) []jen.Code {
	out := make([]jen.Code, len(t.Variants))
	for i, v := range t.Variants {
		d := jen.Dict{jen.Id("name"): jen.Lit(v.Name)}
		if key := variantRuleKey(t, i); key != "" {
			d[jen.Id("rule")] = jen.Lit(key)
		}
		if len(v.JSONKinds) > 0 {
			d[jen.Id("kinds")] = stringList(v.JSONKinds)
		}
		if len(v.Required) > 0 {
			d[jen.Id("required")] = stringList(v.Required)
		}
		if len(v.Properties) > 0 {
			// Sorted by name (as the IR has them), for a binary search: a
			// slice is data where a map literal would be code run at init
			// (issue 24).
			var props []jen.Code
			for _, p := range v.Properties {
				pd := []jen.Code{jen.Id("name").Op(":").Lit(p.Name)}
				if len(p.Kinds) > 0 {
					pd = append(pd, jen.Id("kinds").Op(":").Add(stringList(p.Kinds)))
				}
				if p.Const != "" {
					pd = append(pd, jen.Id("value").Op(":").Lit(p.Const))
				}
				props = append(props, jen.Line().Values(pd...))
			}
			d[jen.Id("props")] = jen.Index().Id("propShape").Values(append(props, jen.Line())...)
		}
		if v.Closed {
			d[jen.Id("closed")] = jen.True()
		}
		if len(v.ItemKinds) > 0 {
			d[jen.Id("items")] = stringList(v.ItemKinds)
		}
		if len(v.ItemRequired) > 0 {
			d[jen.Id("itemRequired")] = stringList(v.ItemRequired)
		}
		if len(v.Values) > 0 {
			d[jen.Id("values")] = stringList(v.Values)
		}
		if v.Pattern != "" {
			d[jen.Id("pattern")] = jen.Qual("regexp", "MustCompile").Call(jen.Lit(v.Pattern))
		}
		out[i] = jen.Values(d)
	}
	return out
}

// discriminated decodes by the discriminator property when its value is
// a known one; other values fall through to matching by shape.
func (e *emitter) discriminated(g *jen.Group, t *ir.Type) {
	types := map[string]*ir.GoType{}
	for _, v := range t.Variants {
		types[v.Name] = v.Type
	}
	// Group the values of each variant into one case, in value order.
	var order []string
	values := map[string][]jen.Code{}
	for _, c := range t.Discriminator.Cases {
		if _, ok := values[c.Variant]; !ok {
			order = append(order, c.Variant)
		}
		values[c.Variant] = append(values[c.Variant], jen.Lit(c.Value))
	}
	var cases []jen.Code
	for _, name := range order {
		cases = append(cases, jen.Case(values[name]...).Block(
			jen.Var().Id("v").Add(typ(types[name])),
			jen.If(jen.Err().Op(":=").Add(e.unmarshalVariant(types[name])), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Id("u").Dot(name).Op("=").Op("&").Id("v"),
			jen.Return(jen.Nil()),
		))
	}
	if t.Unknown != "" && len(order) == len(t.Variants) {
		// Every alternative has its values: another value is a newer
		// API's alternative.
		cases = append(cases, jen.Default().Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("val").Dot("obj").Index(jen.Lit(t.Discriminator.Property)), jen.Id("ok")).Block(
				jen.Id("u").Dot(t.Unknown).Op("=").Id("keepJSON").Call(jen.Id("data")),
				jen.Return(jen.Nil()),
			)))
	}
	g.Switch(jen.Id("val").Dot("property").Call(jen.Lit(t.Discriminator.Property))).Block(cases...)
}

// unmarshalVariant is an error expression that reads data, a checked JSON
// value, into v, a union alternative of Go type t: with its generated
// codec, or encoding/json.
func (e *emitter) unmarshalVariant(t *ir.GoType) *jen.Statement {
	if e.hasCodecs() {
		return rt("DecodeJSONDocument").Call(jen.Id("data"), e.codec().decodeFunc(t, jen.Id("v")))
	}
	return jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v"))
}

// marshalVariant is a ([]byte, error) expression that writes x, a
// pointer to a union alternative of Go type t.
func (e *emitter) marshalVariant(t *ir.GoType, x *jen.Statement) *jen.Statement {
	if e.hasCodecs() {
		return rt("MarshalWith").Call(e.codec().appendFunc(&ir.GoType{Kind: ir.Pointer, Elem: t}, x))
	}
	return jen.Qual("encoding/json", "Marshal").Call(x)
}
