package emit

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// encode returns the statements that append the JSON of the value of Go
// type t at p to b, and whether they use err.
func (c *codecs) encode(t *ir.GoType, p place) ([]jen.Code, bool) {
	return c.encodeMember(t, p, "")
}

// encodeMember is encode with key, a member's key (a comma, the name as a
// JSON string, a colon; "" for none), written first: by the writer when
// it takes one (strings, integers, times and the helpers), so that a
// member is one call rather than an append copied into every struct
// writer.
func (c *codecs) encodeMember(t *ir.GoType, p place, key string) ([]jen.Code, bool) {
	stmts, uses, _ := c.encodeCall(t, p, key)
	return stmts, uses
}

// encodeCall is encodeMember, with the writer's call when the value is
// written by one call (nil otherwise): a func literal that writes only
// it returns it (a statement and a check fewer).
func (c *codecs) encodeCall(t *ir.GoType, p place, key string) ([]jen.Code, bool, jen.Code) {
	var one jen.Code
	set := func(call jen.Code) ([]jen.Code, bool) {
		one = call
		return []jen.Code{jen.Id("b").Op("=").Add(call)}, false
	}
	check := func(call jen.Code) ([]jen.Code, bool) {
		one = call
		return []jen.Code{jen.If(jen.List(jen.Id("b"), jen.Err()).Op("=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("b"), jen.Err()))}, true
	}
	stmts, uses := c.encodeWith(t, p, key, set, check)
	return stmts, uses, one
}

// encodeWith is encodeMember's body; set and check make the statement of
// a writer's call that cannot fail and of one that can.
func (c *codecs) encodeWith(t *ir.GoType, p place, key string, set, check func(jen.Code) ([]jen.Code, bool)) ([]jen.Code, bool) {
	// b is the first argument of a writer that takes no key.
	b := jen.Id("b")
	if key != "" {
		b = jen.Append(jen.Id("b"), jen.Lit(key).Op("..."))
	}
	l, builtin := c.classify(t)
	x := p.lv.Clone()
	as := func(name string) *jen.Statement {
		if t.Kind == ir.Builtin && t.Name == name {
			return x
		}
		return jen.Id(name).Call(x)
	}
	if t.Kind == ir.Qualified && t.Pkg == "encoding/json" && t.Name == "RawMessage" {
		// encoding/json compacts and escapes a RawMessage.
		l = leafValue
	}
	if p.set && t.Kind == ir.Pointer {
		// Known not to be nil: the value it points to, written in place.
		return c.encodeWith(t.Elem, place{lv: jen.Parens(jen.Op("*").Add(x.Clone())), ptr: x.Clone()}, key, set, check)
	}
	if c.pointerInPlace(t) {
		// A pointer to a type of the package: written here rather than by
		// a helper per type (a function fewer to compile, issue 24).
		var out []jen.Code
		if key != "" {
			out = append(out, jen.Id("b").Op("=").Add(b))
		}
		inner, uses := c.encodeMember(t.Elem, place{lv: jen.Parens(jen.Op("*").Add(x.Clone())), ptr: x.Clone()}, "")
		return append(out, jen.If(x.Clone().Op("==").Nil()).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		).Else().Block(inner...)), uses
	}
	switch l {
	case leafMethod:
		return check(p.recv().Dot(c.e.appName).Call(b))
	case leafHelper:
		fn, _ := c.helperCall("appendJSON", t)
		call := fn.Call(jen.Id("b"), jen.Lit(key), x)
		if !c.canFail(t) {
			return set(call)
		}
		return check(call)
	case leafString:
		if key != "" {
			return set(rt("AppendMemberString").Call(jen.Id("b"), jen.Lit(key), as("string")))
		}
		return set(rt("AppendJSONString").Call(b, as("string")))
	case leafBool:
		if key != "" {
			return set(rt("AppendMemberBool").Call(jen.Id("b"), jen.Lit(key), as("bool")))
		}
		return set(jen.Qual("strconv", "AppendBool").Call(b, as("bool")))
	case leafInt:
		if key != "" {
			return set(rt("AppendMemberInt").Call(jen.Id("b"), jen.Lit(key), as("int64")))
		}
		return set(jen.Qual("strconv", "AppendInt").Call(b, as("int64"), jen.Lit(10)))
	case leafUint:
		return set(jen.Qual("strconv", "AppendUint").Call(b, as("uint64"), jen.Lit(10)))
	case leafFloat:
		bits := 64
		if builtin == "float32" {
			bits = 32
		}
		return check(rt("AppendJSONFloat").Call(b, as("float64"), jen.Lit(bits)))
	case leafBytes:
		return set(rt("AppendJSONBytes").Call(b, x))
	case leafTime:
		if key != "" {
			return check(rt("AppendMemberTime").Call(jen.Id("b"), jen.Lit(key), x))
		}
		return check(rt("AppendJSONTime").Call(b, x))
	case leafMarshaler:
		return check(rt("AppendJSONMarshaler").Call(b, x))
	}
	return check(rt("AppendJSONValue").Call(b, x))
}

// optWriter is the static writer of an omitempty pointer member of type
// t that checks for nil itself (oasrt.AppendOptString...), "" for none.
func (c *codecs) optWriter(t *ir.GoType) string {
	if t.Kind != ir.Pointer {
		return ""
	}
	switch l, _ := c.classify(t.Elem); l {
	case leafString:
		return "AppendOptString"
	case leafInt:
		return "AppendOptInt"
	case leafBool:
		return "AppendOptBool"
	}
	return ""
}

// canFail reports whether writing a value of t can fail (a float that is
// not a number, a time out of range, a struct holding one...); the helper
// of a type that cannot returns no error.
func (c *codecs) canFail(t *ir.GoType) bool {
	if t.Kind == ir.Qualified && t.Pkg == "encoding/json" && t.Name == "RawMessage" {
		return true
	}
	switch l, _ := c.classify(t); l {
	case leafHelper:
		return c.canFail(t.Elem)
	case leafString, leafBool, leafInt, leafUint, leafBytes:
		return false
	}
	return true
}

// jsonKey is the text encoding/json writes for an object key and its
// colon; it reaches the source only as a string literal.
func jsonKey(name string) string {
	data, err := json.Marshal(name)
	if err != nil {
		panic(err) // a string always encodes
	}
	return string(data) + ":"
}

// structEncode emits appendJSON for a struct type: its fields in order,
// each left out as its struct tag says. A struct with extra properties,
// or with property names no struct tag can hold, is written with every
// key sorted, the extra properties among the others, as encoding/json
// writes the map its MarshalJSON builds in the stdlib mode.
//
// Each member is written after a comma, the first one's turned into the
// object's brace at the end (closeJSONObject).
func (c *codecs) structEncode(f *jen.File, t *ir.Type) {
	b, v := jen.Id("b"), jen.Id("v")
	body := []jen.Code{jen.Id("start").Op(":=").Len(b.Clone())}
	usesErr := false
	fields := t.Fields
	sorted := t.Extra != nil || slices.ContainsFunc(fields, func(fl *ir.Field) bool { return !tagSafe(fl.JSONName) })
	if sorted {
		fields = slices.Clone(fields)
		slices.SortStableFunc(fields, func(a, b *ir.Field) int { return strings.Compare(a.JSONName, b.JSONName) })
	}
	var flush func(before jen.Code) jen.Code // writes the extra keys before a name
	if t.Extra != nil {
		extra := v.Clone().Dot(t.ExtraField)
		stmts, uses := c.encode(t.Extra, place{lv: jen.Id("x")})
		usesErr = usesErr || uses
		write := append([]jen.Code{
			jen.Id("k").Op(":=").Id("keys").Index(jen.Id("j")),
			b.Clone().Op("=").Append(rt("AppendJSONString").Call(jen.Append(b.Clone(), jen.LitRune(',')), jen.Id("k")), jen.LitRune(':')),
			jen.Id("x").Op(":=").Add(extra.Clone()).Index(jen.Id("k")),
		}, stmts...)
		cond := jen.Id("j").Op("<").Len(jen.Id("keys"))
		flush = func(before jen.Code) jen.Code {
			c := cond.Clone()
			if before != nil {
				c = c.Op("&&").Id("keys").Index(jen.Id("j")).Op("<").Add(before)
			}
			return jen.For(jen.Empty(), c, jen.Id("j").Op("++")).Block(write...)
		}
		// The extra keys, sorted, but those of named properties, which
		// win.
		known := make([]jen.Code, 0, len(t.Fields))
		for _, fl := range t.Fields {
			known = append(known, jen.Lit(fl.JSONName))
		}
		collect := []jen.Code{jen.Id("keys").Op("=").Append(jen.Id("keys"), jen.Id("k"))}
		if len(known) > 0 {
			collect = []jen.Code{jen.Switch(jen.Id("k")).Block(jen.Case(known...), jen.Default().Block(collect...))}
		}
		body = append(body,
			jen.Id("keys").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(extra.Clone())),
			jen.For(jen.Id("k").Op(":=").Range().Add(extra.Clone())).Block(collect...),
			jen.Qual("sort", "Strings").Call(jen.Id("keys")),
			jen.Id("j").Op(":=").Lit(0),
		)
	}
	for _, fl := range fields {
		val := place{lv: v.Clone().Dot(fl.Name)}
		cond := c.written(fl, val.lv)
		// An omitempty pointer is written under its nil check.
		val.set = cond != nil && fl.OmitEmpty && fl.Type.Kind == ir.Pointer
		member, uses := c.encodeMember(fl.Type, val, ","+jsonKey(fl.JSONName))
		if w := c.optWriter(fl.Type); val.set && w != "" {
			// The nil check is the writer's: one call.
			member, uses, cond = []jen.Code{b.Clone().Op("=").Add(rt(w)).Call(b.Clone(), jen.Lit(","+jsonKey(fl.JSONName)), val.lv.Clone())}, false, nil
		}
		usesErr = usesErr || uses
		if flush != nil {
			body = append(body, flush(jen.Lit(fl.JSONName)))
		}
		if cond != nil {
			body = append(body, jen.If(cond).Block(member...))
		} else {
			body = append(body, member...)
		}
	}
	if flush != nil {
		body = append(body, flush(nil))
	}
	if c.e.keepsUnknown(t) {
		body = append(body, b.Clone().Op("=").Add(v.Clone()).Dot(t.Unknown).Dot("AppendMembers").Call(b.Clone()))
	}
	body = append(body, jen.Return(rt("CloseJSONObject").Call(b.Clone(), jen.Id("start")), jen.Nil()))
	f.Func().Params(v.Clone().Op("*").Id(t.Name)).Id(c.e.appName).Params(b.Clone().Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(withErr(usesErr, body)...)
}

// written is the condition under which a field is written, nil for
// always: what the omitempty and omitzero options of its tag say.
func (c *codecs) written(fl *ir.Field, x *jen.Statement) jen.Code {
	switch {
	case fl.OmitEmpty && c.e.collection(fl.Type):
		return x.Clone().Op("!=").Nil()
	case fl.OmitEmpty:
		return c.nonEmpty(fl.Type, x)
	case fl.OmitZero:
		return c.nonZero(fl.Type, x)
	}
	return nil
}

// nonEmpty is the condition that a value is not empty as omitempty sees
// it; nil when it never is (structs).
func (c *codecs) nonEmpty(t *ir.GoType, x *jen.Statement) jen.Code {
	switch t.Kind {
	case ir.Pointer:
		return x.Clone().Op("!=").Nil()
	case ir.Slice, ir.Map:
		return jen.Len(x.Clone()).Op("!=").Lit(0)
	case ir.Qualified:
		if t.Pkg == "encoding/json" && t.Name == "RawMessage" {
			return jen.Len(x.Clone()).Op("!=").Lit(0)
		}
		return nil
	case ir.Builtin:
		if t.Name == "any" {
			return x.Clone().Op("!=").Nil()
		}
	case ir.Named:
		nt := c.e.types[t.Name]
		if nt == nil {
			if t.Name == ir.NameDecimal || t.Name == ir.NameDecimalString {
				return x.Clone().Op("!=").Lit("") // Decimal types are strings
			}
			return nil
		}
		if nt.Kind == ir.Alias || nt.Kind == ir.Enum {
			return c.nonEmpty(nt.Underlying, x)
		}
		return nil
	case ir.NullableOf:
		return nil
	}
	switch l, _ := c.classify(t); l {
	case leafString:
		return x.Clone().Op("!=").Lit("")
	case leafBool:
		return x.Clone()
	case leafInt, leafUint, leafFloat:
		return x.Clone().Op("!=").Lit(0)
	}
	return nil
}

// nonZero is the condition that a value is not the zero value, as
// omitzero sees it; nil when the code cannot tell without reflection
// (a struct with a slice or map), which leaves the field written.
func (c *codecs) nonZero(t *ir.GoType, x *jen.Statement) jen.Code {
	switch {
	case t.Kind == ir.NullableOf, t.Kind == ir.Qualified && t.Pkg == "time" && t.Name == "Time":
		return jen.Op("!").Add(x.Clone()).Dot("IsZero").Call()
	case t.Kind == ir.Pointer || t.Kind == ir.Slice || t.Kind == ir.Map || t.Kind == ir.Builtin && t.Name == "any":
		return x.Clone().Op("!=").Nil()
	case t.Kind == ir.Qualified:
		if t.Pkg == "encoding/json" && t.Name == "RawMessage" {
			return x.Clone().Op("!=").Nil()
		}
		return nil
	case t.Kind == ir.Named:
		nt := c.e.types[t.Name]
		switch {
		case nt == nil && (t.Name == ir.NameDecimal || t.Name == ir.NameDecimalString):
			return x.Clone().Op("!=").Lit("")
		case nt == nil:
			return nil
		case nt.Kind == ir.Alias || nt.Kind == ir.Enum:
			return c.nonZero(nt.Underlying, x)
		case c.e.comparable(t, map[string]bool{}):
			return x.Clone().Op("!=").Parens(jen.Id(t.Name).Values())
		}
		return nil
	}
	return c.nonEmpty(t, x)
}

// comparable reports whether values of t compare with == without a
// panic: no slices, maps or values held as any.
func (e *emitter) comparable(t *ir.GoType, seen map[string]bool) bool {
	switch t.Kind {
	case ir.Builtin:
		return t.Name != "any"
	case ir.Qualified:
		return t.Pkg == "time" && t.Name == "Time"
	case ir.Pointer:
		return true
	case ir.NullableOf:
		return e.comparable(t.Elem, seen)
	case ir.Named:
		if seen[t.Name] {
			return true
		}
		seen[t.Name] = true
		nt := e.types[t.Name]
		switch {
		case nt == nil:
			return true
		case nt.Kind == ir.Alias || nt.Kind == ir.Enum:
			return e.comparable(nt.Underlying, seen)
		case nt.Kind == ir.Union:
			for _, v := range nt.Variants {
				if !e.comparable(v.Type, seen) {
					return false
				}
			}
			return true
		}
		if nt.Extra != nil {
			return false
		}
		for _, fl := range nt.Fields {
			if !e.comparable(fl.Type, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// helperEncode emits the append function of a slice, map, pointer or
// Nullable type.
func (c *codecs) helperEncode(f *jen.File, name string, t *ir.GoType) {
	b, v := jen.Id("b"), jen.Id("v")
	fails := c.canFail(t)
	ret := func(x jen.Code) jen.Code {
		if !fails {
			return jen.Return(x) // nothing in it can fail: no error to return
		}
		return jen.Return(x, jen.Nil())
	}
	null := ret(jen.Append(b.Clone(), jen.Lit("null").Op("...")))
	var body []jen.Code
	switch t.Kind {
	case ir.Slice:
		stmts, uses := c.encode(t.Elem, place{lv: v.Clone().Index(jen.Id("i"))})
		loop := append(stmts, b.Clone().Op("=").Append(b.Clone(), jen.LitRune(',')))
		body = withErr(uses, []jen.Code{
			jen.If(v.Clone().Op("==").Nil()).Block(null),
			b.Clone().Op("=").Append(b.Clone(), jen.LitRune('[')),
			jen.For(jen.Id("i").Op(":=").Range().Add(v.Clone())).Block(loop...),
			ret(rt("EndJSONArray").Call(b.Clone())),
		})
	case ir.Map:
		stmts, uses := c.encode(t.Elem, place{lv: jen.Id("x")})
		loop := append([]jen.Code{
			b.Clone().Op("=").Append(rt("AppendJSONString").Call(b.Clone(), jen.Id("k")), jen.LitRune(':')),
			jen.Id("x").Op(":=").Add(v.Clone()).Index(jen.Id("k")),
		}, stmts...)
		loop = append(loop, b.Clone().Op("=").Append(b.Clone(), jen.LitRune(',')))
		body = withErr(uses, []jen.Code{
			jen.If(v.Clone().Op("==").Nil()).Block(null),
			b.Clone().Op("=").Append(b.Clone(), jen.LitRune('{')),
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Add(rt("SortedKeys")).Call(v.Clone())).Block(loop...),
			ret(rt("EndJSONObject").Call(b.Clone())),
		})
	case ir.Pointer:
		stmts, uses := c.encode(t.Elem, place{lv: jen.Parens(jen.Op("*").Add(v.Clone())), ptr: v.Clone()})
		body = withErr(uses, append([]jen.Code{jen.If(v.Clone().Op("==").Nil()).Block(null)}, append(stmts, ret(b.Clone()))...))
	case ir.NullableOf:
		stmts, uses := c.encode(t.Elem, place{lv: jen.Id("x")})
		body = withErr(uses, append([]jen.Code{
			jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(v.Clone()).Dot("Get").Call(),
			jen.If(jen.Op("!").Id("ok")).Block(null),
		}, append(stmts, ret(b.Clone()))...))
	}
	fn := helperName("appendJSON", c.e.split) + name
	f.Add(commentLine(fn + " appends key (a member's, or \"\") and the JSON of v to b."))
	results := jen.Params(jen.Index().Byte(), jen.Error())
	if !fails {
		results = jen.Index().Byte()
	}
	body = append([]jen.Code{b.Clone().Op("=").Append(b.Clone(), jen.Id("key").Op("..."))}, body...)
	f.Func().Id(fn).Params(b.Clone().Index().Byte(), jen.Id("key").String(), v.Clone().Add(typ(t))).Add(results).Block(body...)
}
