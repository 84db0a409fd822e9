package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// The JSON codecs: each struct and defined type of the package gets
// decodeJSON and appendJSON methods, and UnmarshalJSON and MarshalJSON
// over them, which read and write its JSON without reflection (over the
// static codec_read.go, codec_number.go and codec_write.go). Slices,
// maps, pointers and Nullable values of a type go through helper
// functions, one per Go type, emitted once. Values held as any,
// json.RawMessage or a type of another package go through encoding/json;
// unions and Decimal through their own methods.

// codecs emits the JSON methods and collects the helpers they call.
type codecs struct {
	e *emitter
	// helpers are the Go types with a helper pair, by descriptor, in
	// order of first use.
	helpers     map[string]*ir.GoType
	helperOrder []string
}

// jsonCodecs emits the codecs of the package's types and the writers of
// the request views, then the helpers they need.
func (e *emitter) jsonCodecs(f *jen.File) {
	if e.api.IntegersByValue {
		f.Add(commentLine("integersByValue: an integer is any number whose fractional part is zero, however"))
		f.Add(commentLine("written (2.0, 1e0), as the API description's OpenAPI 3.1 (JSON Schema 2020-12) says."))
	} else {
		f.Add(commentLine("integersByValue: an integer is a number written without a fraction or an exponent, as"))
		f.Add(commentLine("the API description's OpenAPI version (before 3.1) says."))
	}
	f.Const().Id("integersByValue").Op("=").Lit(e.api.IntegersByValue)
	c := e.codec()
	// Split, the types' codecs are in their package and the views in the
	// one above.
	types, views := !e.split || e.inModels, !e.inModels
	for _, t := range e.api.Types {
		switch {
		case !types:
		case t.Kind == ir.Struct:
			c.structCodec(f, t)
		case t.Kind == ir.Alias && !t.IsAlias && c.methodsAllowed(t):
			c.aliasCodec(f, t)
		}
	}
	if views && e.hasClient {
		for _, t := range e.requestViewTypes() {
			// A client only writes a request view.
			c.structEncode(f, e.viewType(t))
		}
	}
	if views && e.hasServer {
		for _, t := range e.responseViewTypes() {
			// A server only writes a response view.
			c.structEncode(f, e.responseViewType(t))
		}
	}
	for i := 0; i < len(c.helperOrder); i++ {
		name := c.helperOrder[i]
		c.helper(f, name, c.helpers[name])
	}
}

// hasCodecs reports whether a package emits JSON codecs for its types.
func (e *emitter) hasCodecs() bool { return !e.stdlibJSON }

// leaf says how a value of a Go type is read and written.
type leaf int

const (
	leafMethod    leaf = iota // a type of the package with generated methods
	leafHelper                // a slice, map, pointer or Nullable: a helper pair
	leafString                // (a type over) string
	leafBool                  // (a type over) bool
	leafInt                   // int32 or int64
	leafUint                  // uint32 or uint64
	leafFloat                 // float32 or float64
	leafBytes                 // []byte, as base64
	leafTime                  // time.Time
	leafMarshaler             // a type with its own JSON methods: unions, Decimal, RawMessage
	leafValue                 // anything else: encoding/json
)

// classify says how t is read and written, and, for a type over a
// builtin, the builtin's name.
func (c *codecs) classify(t *ir.GoType) (leaf, string) {
	switch t.Kind {
	case ir.Builtin:
		switch t.Name {
		case "string":
			return leafString, t.Name
		case "bool":
			return leafBool, t.Name
		case "int32", "int64":
			return leafInt, t.Name
		case "uint32", "uint64":
			return leafUint, t.Name
		case "float32", "float64":
			return leafFloat, t.Name
		}
		return leafValue, ""
	case ir.Qualified:
		switch {
		case t.Pkg == "time" && t.Name == "Time":
			return leafTime, ""
		case t.Pkg == "encoding/json" && t.Name == "RawMessage":
			return leafMarshaler, ""
		}
		return leafValue, ""
	case ir.Slice:
		if t.Elem.Kind == ir.Builtin && t.Elem.Name == "byte" {
			return leafBytes, ""
		}
		return leafHelper, ""
	case ir.Map, ir.Pointer, ir.NullableOf:
		return leafHelper, ""
	case ir.Named:
		nt := c.e.types[t.Name]
		switch {
		case nt == nil && (t.Name == ir.NameDecimal || t.Name == ir.NameDecimalString):
			return leafMarshaler, ""
		case nt == nil:
			return leafValue, "" // FilePart, in a JSON body
		case nt.Kind == ir.Struct:
			return leafMethod, ""
		case nt.Kind == ir.Union:
			return leafMarshaler, ""
		case nt.Kind == ir.Alias && nt.IsAlias:
			return c.classify(nt.Underlying)
		case nt.Kind == ir.Alias && c.methodsAllowed(nt):
			return leafMethod, ""
		case nt.Kind == ir.Alias:
			return leafValue, "" // over a pointer or an interface: encoding/json
		case nt.Kind == ir.Enum:
			if l, name := c.classify(nt.Underlying); name != "" {
				return l, name
			}
			return leafValue, ""
		}
	}
	return leafValue, ""
}

// methodsAllowed reports whether Go lets a defined type declare methods:
// not over a pointer or an interface.
func (c *codecs) methodsAllowed(t *ir.Type) bool {
	u := t.Underlying
	return u != nil && u.Kind != ir.Pointer && !(u.Kind == ir.Builtin && u.Name == "any")
}

// descriptor names a Go type in helper function names: wrapper words in
// lower case, then the element (a builtin's name, or a type of the
// package, which starts in upper case).
func descriptor(t *ir.GoType) string {
	switch t.Kind {
	case ir.Slice:
		return "slice" + descriptor(t.Elem)
	case ir.Map:
		return "map" + descriptor(t.Elem)
	case ir.Pointer:
		return "ptr" + descriptor(t.Elem)
	case ir.NullableOf:
		return "nullable" + descriptor(t.Elem)
	case ir.Qualified:
		return strings.ReplaceAll(t.Pkg, "/", "") + t.Name
	}
	return t.Name
}

// staticHelper is a helper pair oasrt holds: Decode<name> and
// Append<name>, the integer readers taking integersByValue.
type staticHelper struct {
	name string
	ints bool
}

// staticHelpers are the helper pairs of oasrt, by descriptor: the
// pointers, slices and maps of builtins most packages use, compiled once
// rather than in each package (issue 24).
var staticHelpers = map[string]staticHelper{
	"ptrstring":   {name: "StringPtr"},
	"ptrint64":    {name: "Int64Ptr", ints: true},
	"ptrint32":    {name: "Int32Ptr", ints: true},
	"ptrbool":     {name: "BoolPtr"},
	"ptrfloat64":  {name: "Float64Ptr"},
	"ptrtimeTime": {name: "TimePtr"},
	"slicestring": {name: "Strings"},
	"sliceint64":  {name: "Int64s", ints: true},
	"sliceany":    {name: "Values"},
	"mapstring":   {name: "StringMap"},
	"mapany":      {name: "ValueMap"},
}

// helperCall is the helper pair's function of t, dir "decodeJSON" or
// "appendJSON": oasrt's, or the package's, registered to be emitted; ints
// reports whether it takes integersByValue.
func (c *codecs) helperCall(dir string, t *ir.GoType) (fn *jen.Statement, ints bool) {
	if s, ok := staticHelpers[descriptor(t)]; ok {
		if dir == "decodeJSON" {
			return rt("Decode" + s.name), s.ints
		}
		return rt("Append" + s.name), false
	}
	e := c.e
	if !e.split {
		return jen.Id(dir + c.use(t)), false
	}
	// Split: every helper is the types' package's, exported for the
	// package at the top.
	name := helperName(dir, true) + e.modelsCodec().use(t)
	if e.inModels {
		return jen.Id(name), false
	}
	return jen.Qual(e.modelsPath, name), false
}

// Internal reports whether an exported function of the types' package
// of a split package is there for the package at the top only: a codec
// helper (DecodeJSON..., AppendJSON...), not the users' API. (A type may
// have such a name; only functions are asked about.)
func Internal(name string) bool {
	return strings.HasPrefix(name, helperName("decodeJSON", true)) || strings.HasPrefix(name, helperName("appendJSON", true))
}

// helperName is the prefix of a helper's name, dir "decodeJSON" or
// "appendJSON": exported when the types are a package of their own.
func helperName(dir string, split bool) string {
	if split {
		return strings.ToUpper(dir[:1]) + dir[1:]
	}
	return dir
}

// use registers the helper pair of t and returns its descriptor.
func (c *codecs) use(t *ir.GoType) string {
	name := descriptor(t)
	if _, ok := c.helpers[name]; !ok {
		c.helpers[name] = t
		c.helperOrder = append(c.helperOrder, name)
	}
	return name
}

// place is where a value is: an addressable expression and, when the
// value is reached through a pointer variable, that variable.
type place struct {
	lv  *jen.Statement
	ptr *jen.Statement // nil: &lv
	// set: lv, a pointer, is not nil where the code runs (the writer of
	// an omitempty field runs under its check), so no null branch.
	set bool
}

func (p place) addr() *jen.Statement {
	if p.ptr != nil {
		return p.ptr.Clone()
	}
	return jen.Op("&").Add(p.lv.Clone())
}

// recv is the expression to call a pointer method on.
func (p place) recv() *jen.Statement {
	if p.ptr != nil {
		return p.ptr.Clone()
	}
	return p.lv.Clone()
}

// decode is an expression of type error that reads the next value of d
// into the value of Go type t at p.
func (c *codecs) decode(t *ir.GoType, p place) *jen.Statement {
	d := jen.Id("d")
	l, builtin := c.classify(t)
	conv := func() *jen.Statement {
		if t.Kind == ir.Builtin {
			return p.addr()
		}
		return jen.Parens(jen.Op("*").Id(builtin)).Call(p.addr())
	}
	switch l {
	case leafMethod:
		return p.recv().Dot(c.e.decName).Call(d)
	case leafHelper:
		fn, ints := c.helperCall("decodeJSON", t)
		if ints {
			return fn.Call(d, p.addr(), jen.Id("integersByValue"))
		}
		return fn.Call(d, p.addr())
	case leafString:
		return d.Dot("Str").Call(conv())
	case leafBool:
		return d.Dot("Bool").Call(conv())
	case leafInt, leafUint:
		return d.Dot(exported(builtin)).Call(conv(), jen.Id("integersByValue"))
	case leafFloat:
		return d.Dot(exported(builtin)).Call(conv())
	case leafBytes:
		return d.Dot("Bytes").Call(p.addr())
	case leafTime:
		return d.Dot("Time").Call(p.addr())
	case leafMarshaler:
		return d.Dot("Unmarshal").Call(p.addr())
	}
	return d.Dot("Value").Call(p.addr())
}

// pointerInPlace reports whether t is a pointer to a type of the package
// (a struct, an enum, a defined type) that struct members read and write
// in place rather than through a helper per type (a function fewer to
// compile, issue 24). Pointers to builtins keep their helpers, which
// many members share.
func (c *codecs) pointerInPlace(t *ir.GoType) bool {
	if t.Kind != ir.Pointer || t.Elem.Kind != ir.Named {
		return false
	}
	switch l, _ := c.classify(t.Elem); l {
	case leafHelper, leafValue:
		return false
	}
	return true
}

// decodeMember returns the statements that read the next value of d into
// the member at lv, of Go type t, setting err.
func (c *codecs) decodeMember(t *ir.GoType, lv *jen.Statement) []jen.Code {
	if !c.pointerInPlace(t) {
		return []jen.Code{jen.Err().Op("=").Add(c.decode(t, place{lv: lv}))}
	}
	// Written out rather than through a generic helper (oasrt.Ref[T]
	// cost the largest packages 7% more compile memory, an instance per
	// type, issue 24).
	return []jen.Code{jen.If(jen.Id("d").Dot("Null").Call()).Block(
		lv.Clone().Op("=").Nil(),
	).Else().Block(
		jen.If(lv.Clone().Op("==").Nil()).Block(lv.Clone().Op("=").New(typ(t.Elem))),
		jen.Err().Op("=").Add(c.decode(t.Elem, place{lv: jen.Parens(jen.Op("*").Add(lv.Clone())), ptr: lv.Clone()})),
	)}
}

// structCodec emits the codec of a struct type.
func (c *codecs) structCodec(f *jen.File, t *ir.Type) {
	v := jen.Id("v")
	var cases []jen.Code
	for _, fl := range t.Fields {
		cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(c.decodeMember(fl.Type, v.Clone().Dot(fl.Name))...))
	}
	deflt := []jen.Code{jen.Err().Op("=").Id("d").Dot("Skip").Call()}
	keep := c.e.keepsUnknown(t)
	if keep {
		deflt = []jen.Code{jen.List(jen.Id("unknown"), jen.Err()).Op("=").Id("d").Dot("UnknownMember").Call(jen.Id("unknown"), jen.Id("key"))}
	}
	if t.Extra != nil {
		extra := v.Clone().Dot(t.ExtraField)
		deflt = []jen.Code{
			jen.Var().Id("x").Add(typ(t.Extra)),
			jen.If(jen.Err().Op("=").Add(c.decode(t.Extra, place{lv: jen.Id("x")})), jen.Err().Op("==").Nil()).Block(
				jen.If(extra.Clone().Op("==").Nil()).Block(extra.Clone().Op("=").Map(jen.String()).Add(typ(t.Extra)).Values()),
				extra.Clone().Index(jen.String().Parens(jen.Id("key"))).Op("=").Id("x"),
			),
		}
	}
	cases = append(cases, jen.Default().Block(deflt...))
	var unknown, end []jen.Code
	if keep {
		unknown = []jen.Code{jen.Var().Id("unknown").Index().Byte()}
		end = []jen.Code{v.Clone().Dot(t.Unknown).Dot("Keep").Call(jen.Id("unknown"))}
	}
	head := append([]jen.Code{openJSON(jen.Id("d"), "Object")}, unknown...)
	f.Func().Params(v.Clone().Op("*").Id(t.Name)).Id(c.e.decName).Params(jen.Id("d").Op("*").Add(rt("Decoder"))).Error().Block(append(head,
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(
			jen.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("Member").Call(jen.Id("i")),
			jen.If(jen.Op("!").Id("more")).Block(append(end, jen.Return(jen.Err()))...),
			jen.Switch(jen.String().Parens(jen.Id("key"))).Block(cases...),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(rt("AtField").Call(jen.Err(), jen.String().Parens(jen.Id("key"))))),
		))...,
	)
	c.structEncode(f, t)
	c.jsonMethods(f, t.Name)
}

// openJSON reads the start of an array or object (kind: "Array",
// "Object") from d, or returns what d met instead (nil for null).
func openJSON(d *jen.Statement, kind string) jen.Code {
	return jen.If(jen.List(jen.Id("ok"), jen.Err()).Op(":=").Add(d).Dot(kind).Call(), jen.Op("!").Id("ok")).Block(jen.Return(jen.Err()))
}

// aliasCodec emits the codec of a defined type over another type.
func (c *codecs) aliasCodec(f *jen.File, t *ir.Type) {
	u := t.Underlying
	self := place{lv: jen.Parens(jen.Op("*").Parens(jen.Op("*").Add(typ(u))).Call(jen.Id("v"))), ptr: jen.Parens(jen.Op("*").Add(typ(u))).Call(jen.Id("v"))}
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id(c.e.decName).Params(jen.Id("d").Op("*").Add(rt("Decoder"))).Error().Block(
		jen.Return(c.decode(u, self)),
	)
	body, usesErr := c.encode(u, place{lv: jen.Parens(typ(u)).Call(jen.Op("*").Id("v"))})
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id(c.e.appName).Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
		withErr(usesErr, append(body, jen.Return(jen.Id("b"), jen.Nil())))...,
	)
	c.jsonMethods(f, t.Name)
}

// jsonMethods emits UnmarshalJSON and MarshalJSON over the codec.
func (c *codecs) jsonMethods(f *jen.File, name string) {
	f.Add(commentLine("UnmarshalJSON implements json.Unmarshaler."))
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		// The reader called directly, so that d stays on the stack
		// (through DecodeJSONDocument, which is not inlined, d would be
		// allocated on every call).
		jen.Id("d").Op(":=").Add(rt("NewDecoder")).Call(jen.Id("data")),
		jen.Return(jen.Id("d").Dot("Finish").Call(jen.Id("v").Dot(c.e.decName).Call(jen.Op("&").Id("d")))),
	)
	f.Add(commentLine("MarshalJSON implements json.Marshaler."))
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("marshalJSON").Call(jen.Op("&").Id("v"))),
	)
}

// decodeFunc is a func(d *jsonDecoder) error literal that reads a value
// of Go type t into dst, an addressable expression.
func (c *codecs) decodeFunc(t *ir.GoType, dst *jen.Statement) jen.Code {
	if l, _ := c.classify(t); l == leafMethod {
		// The method value: no closure of its own. (A method value of
		// the jsonReader interface would make one wrapper for the package
		// instead of one per type, but the value it points to would then
		// escape to the heap: an allocation where there was none.)
		return dst.Clone().Dot(c.e.decName)
	}
	return jen.Func().Params(jen.Id("d").Op("*").Add(rt("Decoder"))).Error().Block(jen.Return(c.decode(t, place{lv: dst})))
}

// appendFunc is a func(b []byte) ([]byte, error) literal that appends the
// JSON of the value of Go type t at src, an addressable expression.
func (c *codecs) appendFunc(t *ir.GoType, src *jen.Statement) jen.Code {
	if l, _ := c.classify(t); l == leafMethod {
		// As decodeFunc's.
		return src.Clone().Dot(c.e.appName)
	}
	stmts, uses, one := c.encodeCall(t, place{lv: src}, "")
	sig := jen.Func().Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error())
	switch {
	case one != nil && uses:
		return sig.Block(jen.Return(one))
	case one != nil:
		return sig.Block(jen.Return(one, jen.Nil()))
	}
	return sig.Block(withErr(uses, append(stmts, jen.Return(jen.Id("b"), jen.Nil())))...)
}

// eventDecoder is a func(data []byte, v *T) error literal that reads an
// event's data, a JSON document, into v with the codec of T.
func (c *codecs) eventDecoder(t *ir.GoType) *jen.Statement {
	read := jen.Func().Params(jen.Id("d").Op("*").Add(rt("Decoder"))).Error().Block(
		jen.Return(c.decode(t, place{lv: jen.Parens(jen.Op("*").Id("v")), ptr: jen.Id("v")})))
	return jen.Func().Params(jen.Id("data").Index().Byte(), jen.Id("v").Op("*").Add(typ(t))).Error().Block(
		jen.Return(rt("DecodeJSONDocument").Call(jen.Id("data"), read)))
}

// eventEncoder is a func(v T) ([]byte, error) literal that writes an
// event's data with the codec of T.
func (c *codecs) eventEncoder(t *ir.GoType) *jen.Statement {
	return jen.Func().Params(jen.Id("v").Add(typ(t))).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(rt("MarshalWith").Call(c.appendFunc(t, jen.Id("v")))))
}

// withErr declares err in front of statements that use it.
func withErr(uses bool, stmts []jen.Code) []jen.Code {
	if !uses {
		return stmts
	}
	return append([]jen.Code{jen.Var().Err().Error()}, stmts...)
}

// helper emits the decode and append functions of a slice, map, pointer
// or Nullable type.
func (c *codecs) helper(f *jen.File, name string, t *ir.GoType) {
	p, d := jen.Id("p"), jen.Id("d")
	null := jen.If(d.Clone().Dot("Null").Call()).Block(jen.Op("*").Add(p.Clone()).Op("=").Nil(), jen.Return(jen.Nil()))
	var body []jen.Code
	switch t.Kind {
	case ir.Slice:
		elem := place{lv: jen.Id("s").Index(jen.Len(jen.Id("s")).Op("-").Lit(1))}
		body = []jen.Code{
			null,
			openJSON(d.Clone(), "Array"),
			jen.Id("s").Op(":=").Parens(jen.Op("*").Add(p.Clone())).Index(jen.Empty(), jen.Lit(0)),
			jen.If(jen.Id("s").Op("==").Nil()).Block(jen.Id("s").Op("=").Add(typ(t)).Values()),
			jen.Var().Id("zero").Add(typ(t.Elem)),
			jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(
				jen.List(jen.Id("more"), jen.Err()).Op(":=").Add(d.Clone()).Dot("Item").Call(jen.Id("i")),
				jen.If(jen.Op("!").Id("more")).Block(jen.Op("*").Add(p.Clone()).Op("=").Id("s"), jen.Return(jen.Err())),
				jen.Id("s").Op("=").Append(jen.Id("s"), jen.Id("zero")),
				jen.If(jen.Err().Op(":=").Add(c.decode(t.Elem, elem)), jen.Err().Op("!=").Nil()).Block(jen.Return(rt("AtIndex").Call(jen.Err(), jen.Id("i")))),
			),
		}
	case ir.Map:
		body = []jen.Code{
			null,
			openJSON(d.Clone(), "Object"),
			jen.If(jen.Op("*").Add(p.Clone()).Op("==").Nil()).Block(jen.Op("*").Add(p.Clone()).Op("=").Add(typ(t)).Values()),
			jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(
				jen.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Add(d.Clone()).Dot("Member").Call(jen.Id("i")),
				jen.If(jen.Op("!").Id("more")).Block(jen.Return(jen.Err())),
				jen.Var().Id("x").Add(typ(t.Elem)),
				jen.If(jen.Err().Op(":=").Add(c.decode(t.Elem, place{lv: jen.Id("x")})), jen.Err().Op("!=").Nil()).Block(jen.Return(rt("AtField").Call(jen.Err(), jen.String().Parens(jen.Id("key"))))),
				jen.Parens(jen.Op("*").Add(p.Clone())).Index(jen.String().Parens(jen.Id("key"))).Op("=").Id("x"),
			),
		}
	case ir.Pointer:
		body = []jen.Code{
			null,
			jen.If(jen.Op("*").Add(p.Clone()).Op("==").Nil()).Block(jen.Op("*").Add(p.Clone()).Op("=").New(typ(t.Elem))),
			jen.Id("q").Op(":=").Op("*").Add(p.Clone()),
			jen.Return(c.decode(t.Elem, place{lv: jen.Parens(jen.Op("*").Id("q")), ptr: jen.Id("q")})),
		}
	case ir.NullableOf:
		body = []jen.Code{
			jen.If(d.Clone().Dot("Null").Call()).Block(jen.Op("*").Add(p.Clone()).Op("=").Id("NullOf").Types(typ(t.Elem)).Call(), jen.Return(jen.Nil())),
			jen.Var().Id("x").Add(typ(t.Elem)),
			jen.If(jen.Err().Op(":=").Add(c.decode(t.Elem, place{lv: jen.Id("x")})), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Op("*").Add(p.Clone()).Op("=").Id("NullableOf").Call(jen.Id("x")),
			jen.Return(jen.Nil()),
		}
	}
	fn := helperName("decodeJSON", c.e.split) + name
	f.Add(commentLine(fn + " reads the next value of d into *p."))
	f.Func().Id(fn).Params(d.Clone().Op("*").Add(rt("Decoder")), p.Clone().Op("*").Add(typ(t))).Error().Block(body...)
	c.helperEncode(f, name, t)
}

// viewType is the request view of t as a type: its fields, the readOnly
// ones left out when zero.
func (e *emitter) viewType(t *ir.Type) *ir.Type {
	v := &ir.Type{Name: requestViewName(t), Kind: ir.Struct, Rule: t.Rule, Unknown: t.Unknown}
	for _, fl := range t.Fields {
		cp := *fl
		if readOnlyZero(fl) {
			cp.OmitZero = true
		}
		v.Fields = append(v.Fields, &cp)
	}
	return v
}

// exported is the runtime's name of a reader of Go type name: "int64"
// is read by Int64.
func exported(name string) string { return strings.ToUpper(name[:1]) + name[1:] }
