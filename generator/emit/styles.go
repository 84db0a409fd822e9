package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// Parameter serialization (OpenAPI style and explode) on the client side.
// Values become text items: each item of an array, or key and value of
// each property of an object ("pairs": k1, v1, k2, v2...). Path items are
// escaped one by one so that the separators stay literal.

// paramShape says whether a parameter holds an array, an object or a
// single value.
type paramShape int

const (
	shapeScalar paramShape = iota
	shapeArray
	shapeObject
)

func (e *emitter) shape(t *ir.GoType) paramShape {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	switch {
	case t.Kind == ir.Slice && !isBytes(t):
		return shapeArray
	case t.Kind == ir.Map:
		if k, _ := e.scalarKind(t.Elem); k != kJSON {
			return shapeObject
		}
	case e.structFields(t) != nil:
		for _, f := range e.structFields(t) {
			if k, _ := e.scalarKind(elemOf(f.Type)); k == kJSON || f.Type.Kind == ir.Slice {
				return shapeScalar // nested: travels as JSON
			}
		}
		return shapeObject
	}
	return shapeScalar
}

// escaped wraps a text expression in escapePath (url.PathEscape) when
// escape is set.
func escaped(text *jen.Statement, escape bool) *jen.Statement {
	if escape {
		return rt("EscapePath").Call(text)
	}
	return text
}

// arrayItems is a []string expression with the text of each item of v.
func (e *emitter) arrayItems(t *ir.GoType, v *jen.Statement, escape bool) *jen.Statement {
	return jen.Func().Params().Index().String().Block(
		jen.Id("items").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(v)),
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(v)).Block(
			jen.Id("items").Op("=").Append(jen.Id("items"), escaped(e.formatScalar(t.Elem, jen.Id("item")), escape)),
		),
		jen.Return(jen.Id("items")),
	).Call()
}

// objectPairs is a []string expression with key and value of each set
// property of v, a struct or a map, in a fixed order.
func (e *emitter) objectPairs(t *ir.GoType, v *jen.Statement, escape bool) *jen.Statement {
	body := []jen.Code{jen.Var().Id("pairs").Index().String()}
	if t.Kind == ir.Map {
		body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Add(rt("SortedKeys")).Call(v)).Block(
			jen.Id("pairs").Op("=").Append(jen.Id("pairs"), escaped(jen.Id("k"), escape), escaped(e.formatScalar(t.Elem, v.Clone().Index(jen.Id("k"))), escape)),
		))
	} else {
		for _, f := range e.structFields(t) {
			ft := f.Type
			if ft.Kind == ir.Pointer {
				ft = ft.Elem
			}
			body = append(body, setIfPresent(f.Type, v.Clone().Dot(f.Name), func(val *jen.Statement) jen.Code {
				return jen.Id("pairs").Op("=").Append(jen.Id("pairs"), jen.Lit(f.JSONName), escaped(e.formatScalar(ft, val), escape))
			}))
		}
	}
	body = append(body, jen.Return(jen.Id("pairs")))
	return jen.Func().Params().Index().String().Block(body...).Call()
}

// joinPairs joins pairs as k=v items separated by sep.
func joinPairs(pairs *jen.Statement, sep string) *jen.Statement {
	return jen.Func().Params(jen.Id("p").Index().String()).String().Block(
		jen.Var().Id("items").Index().String(),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("+").Lit(1).Op("<").Len(jen.Id("p")), jen.Id("i").Op("+=").Lit(2)).Block(
			jen.Id("items").Op("=").Append(jen.Id("items"), jen.Id("p").Index(jen.Id("i")).Op("+").Lit("=").Op("+").Id("p").Index(jen.Id("i").Op("+").Lit(1))),
		),
		jen.Return(jen.Qual("strings", "Join").Call(jen.Id("items"), jen.Lit(sep))),
	).Call(pairs)
}

// separators returns what a parameter's value starts with and what
// separates its items, by style and explode (OpenAPI's style table); the
// client writes them and the server strips and splits on them.
func separators(p *ir.Param, shape paramShape) (prefix, sep string) {
	prefix, sep = "", ","
	switch p.Style {
	case "label":
		prefix = "."
		if p.Explode {
			sep = "."
		}
	case "matrix":
		prefix = ";" + p.Name + "="
		switch {
		case p.Explode && shape == shapeObject:
			prefix, sep = ";", ";"
		case p.Explode:
			sep = prefix
		}
	case "spaceDelimited":
		sep = " "
	case "pipeDelimited":
		sep = "|"
	}
	return prefix, sep
}

// styledText is the text of a path, header or cookie parameter value
// (simple, label, matrix or form style), escaped for a path when escape.
func (e *emitter) styledText(p *ir.Param, t *ir.GoType, v *jen.Statement, escape bool) *jen.Statement {
	prefix, sep := separators(p, e.shape(t))
	var text *jen.Statement
	switch e.shape(t) {
	case shapeArray:
		text = jen.Qual("strings", "Join").Call(e.arrayItems(t, v, escape), jen.Lit(sep))
	case shapeObject:
		pairs := e.objectPairs(t, v, escape)
		if p.Explode {
			text = joinPairs(pairs, sep)
		} else {
			text = jen.Qual("strings", "Join").Call(pairs, jen.Lit(","))
		}
	default:
		text = escaped(e.formatScalar(t, v), escape)
	}
	if prefix != "" {
		return jen.Lit(prefix).Op("+").Add(text)
	}
	return text
}

// queryValue sets one query parameter (form, spaceDelimited, pipeDelimited
// or deepObject style) from the value val of type t.
func (e *emitter) queryValue(p *ir.Param, t *ir.GoType, val *jen.Statement) jen.Code {
	set := func(k, v jen.Code) jen.Code { return setValue(jen.Id("query"), k, v) }
	switch e.shape(t) {
	case shapeArray:
		if p.Explode && p.Style == "form" {
			return jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(val)).Block(
				jen.Id("query").Dot("Add").Call(jen.Lit(p.Name), e.formatScalar(t.Elem, jen.Id("item"))))
		}
		_, sep := separators(p, shapeArray)
		return set(jen.Lit(p.Name), jen.Qual("strings", "Join").Call(e.arrayItems(t, val, false), jen.Lit(sep)))
	case shapeObject:
		pairs := e.objectPairs(t, val, false)
		key := jen.Id("p").Index(jen.Id("i"))
		switch {
		case p.Style == "deepObject":
			key = jen.Lit(p.Name + "[").Op("+").Id("p").Index(jen.Id("i")).Op("+").Lit("]")
		case !p.Explode:
			// form joins with commas, spaceDelimited and pipeDelimited with
			// their own separators, as the server splits them.
			_, sep := separators(p, shapeObject)
			return set(jen.Lit(p.Name), jen.Qual("strings", "Join").Call(pairs, jen.Lit(sep)))
		}
		return jen.For(jen.List(jen.Id("p"), jen.Id("i")).Op(":=").List(pairs, jen.Lit(0)), jen.Id("i").Op("+").Lit(1).Op("<").Len(jen.Id("p")), jen.Id("i").Op("+=").Lit(2)).Block(
			set(key, jen.Id("p").Index(jen.Id("i").Op("+").Lit(1))))
	}
	return set(jen.Lit(p.Name), e.formatScalar(t, val))
}

// setValue sets key to the one value v in m, a query, a form or a header
// (url.Values, http.Header) whose key is already canonical: what their Set
// methods do, without canonicalizing a key again at run time.
func setValue(m, key, v jen.Code) jen.Code {
	return rt("SetOne").Call(m, key, v)
}
