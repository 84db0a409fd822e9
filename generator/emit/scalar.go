package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// scalar kinds: how a value travels as text in a parameter or header.
const (
	kString = "string"
	kInt    = "int"
	kUint   = "uint"
	kFloat  = "float"
	kBool   = "bool"
	kTime   = "time"
	kText   = "text" // implements encoding.TextMarshaler/TextUnmarshaler
	kJSON   = "json" // anything else travels as JSON text
)

// scalarKind classifies a Go type for text encoding and gives the builtin
// it converts through ("" for time, text and JSON).
func (e *emitter) scalarKind(t *ir.GoType) (string, string) {
	switch t.Kind {
	case ir.Builtin:
		switch t.Name {
		case "string":
			return kString, t.Name
		case "int", "int8", "int16", "int32", "int64":
			return kInt, t.Name
		case "uint", "uint8", "uint16", "uint32", "uint64":
			return kUint, t.Name
		case "float32", "float64":
			return kFloat, t.Name
		case "bool":
			return kBool, t.Name
		}
	case ir.Qualified:
		if t.Pkg == "time" && t.Name == "Time" {
			return kTime, ""
		}
	case ir.Named:
		if t.Name == ir.NameDecimal || t.Name == ir.NameDecimalString {
			return kText, ""
		}
		if d := e.types[t.Name]; d != nil && (d.Kind == ir.Enum || d.Kind == ir.Alias) {
			if k, b := e.scalarKind(d.Underlying); k != kJSON {
				return k, b
			}
		}
	}
	return kJSON, ""
}

// bitsOf returns the bit size strconv needs for a builtin numeric type.
func bitsOf(builtin string) int {
	switch builtin {
	case "int8", "uint8":
		return 8
	case "int16", "uint16":
		return 16
	case "int32", "uint32", "float32":
		return 32
	}
	return 64
}

// formatScalar returns a string expression for the value v of type t.
func (e *emitter) formatScalar(t *ir.GoType, v *jen.Statement) *jen.Statement {
	kind, _ := e.scalarKind(t)
	switch kind {
	case kString:
		if t.Kind == ir.Builtin {
			return v
		}
		return jen.String().Parens(v)
	case kInt:
		return rt("FormatInt").Call(jen.Int64().Parens(v))
	case kUint:
		return jen.Qual("strconv", "FormatUint").Call(jen.Uint64().Parens(v), jen.Lit(10))
	case kFloat:
		return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Parens(v), jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case kBool:
		return jen.Qual("strconv", "FormatBool").Call(jen.Bool().Parens(v))
	case kTime:
		return jen.Qual("time", "Time").Parens(v).Dot("Format").Call(jen.Qual("time", "RFC3339Nano"))
	case kText:
		return jen.String().Parens(v)
	}
	return jen.Id("jsonText").Call(v)
}

// parseScalar returns statements that parse the string raw into the
// addressable dst of type t, calling fail(err) on a parse error.
//
// strict is for the server: JSON text is read by decodeStrict.
func (e *emitter) parseScalar(t *ir.GoType, raw, dst *jen.Statement, strict bool, fail func(err jen.Code) jen.Code) []jen.Code {
	kind, base := e.scalarKind(t)
	conv := func(call *jen.Statement) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
			dst.Clone().Op("=").Add(typ(t)).Parens(jen.Id("n")),
		}
	}
	switch kind {
	case kString:
		if t.Kind == ir.Builtin {
			return []jen.Code{dst.Clone().Op("=").Add(raw)}
		}
		return []jen.Code{dst.Clone().Op("=").Add(typ(t)).Parens(raw)}
	case kInt:
		return conv(jen.Qual("strconv", "ParseInt").Call(raw, jen.Lit(10), jen.Lit(bitsOf(base))))
	case kUint:
		return conv(jen.Qual("strconv", "ParseUint").Call(raw, jen.Lit(10), jen.Lit(bitsOf(base))))
	case kFloat:
		return conv(jen.Qual("strconv", "ParseFloat").Call(raw, jen.Lit(bitsOf(base))))
	case kBool:
		return conv(jen.Qual("strconv", "ParseBool").Call(raw))
	case kTime:
		return conv(jen.Qual("time", "Parse").Call(jen.Qual("time", "RFC3339Nano"), raw))
	case kText:
		return []jen.Code{jen.If(jen.Err().Op(":=").Parens(jen.Op("&").Add(dst)).Dot("UnmarshalText").Call(jen.Index().Byte().Parens(raw)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
	}
	if strict {
		// JSON text a request carries goes through the strict pass too:
		// no key twice, valid JSON only (the value's checks follow).
		return []jen.Code{jen.If(jen.Err().Op(":=").Add(rt("DecodeStrict")).Call(jen.Index().Byte().Parens(raw), jen.Nil(), jen.Op("&").Add(dst), jen.Nil()), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
	}
	return []jen.Code{jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Parens(raw), jen.Op("&").Add(dst)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
}

// usesJSONText reports whether any parameter or header of the API travels
// as JSON text, which needs the jsonText helper.
func (e *emitter) usesJSONText() bool {
	for _, op := range e.api.Operations {
		for _, b := range op.Body.Bodies() {
			if b.Kind != ir.Form && b.Kind != ir.Multipart {
				continue
			}
			fields := e.structFields(b.Type)
			if fields == nil {
				return true
			}
			for _, f := range fields {
				if k, _ := e.scalarKind(elemOf(f.Type)); k == kJSON && !isBytes(f.Type) {
					return true
				}
			}
		}
		for _, p := range op.Params {
			if k, _ := e.scalarKind(elemOf(p.Type)); k == kJSON {
				return true
			}
		}
		for _, r := range op.Responses {
			for _, h := range r.Headers {
				if k, _ := e.scalarKind(elemOf(h.Type)); k == kJSON {
					return true
				}
			}
		}
	}
	return false
}

// elemOf strips a pointer and one slice level: what each text item holds.
func elemOf(t *ir.GoType) *ir.GoType {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	if t.Kind == ir.Slice && !(t.Elem.Kind == ir.Builtin && t.Elem.Name == "byte") {
		t = t.Elem
	}
	return t
}

// isBytes reports whether t is (a pointer to) []byte.
func isBytes(t *ir.GoType) bool {
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	return t.Kind == ir.Slice && t.Elem.Kind == ir.Builtin && t.Elem.Name == "byte"
}
